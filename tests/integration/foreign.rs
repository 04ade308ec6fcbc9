//! The Debian foreign-architecture roots shared by `foreign_root` (against
//! lddtree) and `foreign_loader` (against the roots' own loaders under
//! qemu-user): which architectures, building each root once per test run
//! with tests/foreign-root.sh, and listing the ELF files to resolve.
//!
//! RELF_FOREIGN_ROOT=DIR puts the roots in DIR/arm64 and DIR/s390x;
//! otherwise they go to cargo's per-target scratch directory
//! (CARGO_TARGET_TMPDIR), where they stay between runs. The script is
//! idempotent, so a root already built is reused without the network; the
//! downloaded .debs are cached separately (see the script).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::support::{is_elf, repo_root};

/// One architecture the script can build a root for.
#[derive(Debug)]
pub struct ForeignArch {
    /// Debian's name, as the script takes it.
    pub debian: &'static str,
    /// relf's `Arch::name`.
    pub relf: &'static str,
    pub triplet: &'static str,
    /// glibc's PT_INTERP on this arch (spec §3).
    pub interp: &'static str,
    /// The vDSO name glibc's ldd prints on this arch (spec §3: the kernel
    /// vDSO's DT_SONAME, from its arch/*/vdso Makefile).
    pub vdso: &'static str,
    /// qemu-user's emulator for this arch (Debian package qemu-user).
    pub qemu: &'static str,
    /// Programs the root must hold (a check that the script did its job).
    pub programs: &'static [&'static str],
}

pub const ARM64: ForeignArch = ForeignArch {
    debian: "arm64",
    relf: "aarch64",
    triplet: "aarch64-linux-gnu",
    interp: "/lib/ld-linux-aarch64.so.1",
    vdso: "linux-vdso.so.1",
    qemu: "qemu-aarch64",
    programs: &[
        "/usr/bin/curl",
        "/usr/bin/openssl",
        "/usr/bin/ls",
        "/usr/bin/man",
    ],
};

pub const S390X: ForeignArch = ForeignArch {
    debian: "s390x",
    relf: "s390x",
    triplet: "s390x-linux-gnu",
    interp: "/lib/ld64.so.1",
    vdso: "linux-vdso64.so.1",
    qemu: "qemu-s390x",
    programs: &["/usr/bin/openssl", "/usr/bin/ls"],
};

impl ForeignArch {
    /// The multiarch library directory, where the libraries to check are.
    pub fn lib_dir(&self) -> String {
        format!("/usr/lib/{}", self.triplet)
    }
}

/// The root for `arch`, built by tests/foreign-root.sh the first time a
/// test asks for it in this process (tests of one arch run concurrently and
/// must not rebuild the root under each other's feet).
pub fn root(arch: &ForeignArch) -> &'static Path {
    static ROOTS: [OnceLock<PathBuf>; 2] = [OnceLock::new(), OnceLock::new()];
    let slot = match arch.debian {
        "arm64" => &ROOTS[0],
        "s390x" => &ROOTS[1],
        other => panic!("no foreign root for {other}"),
    };
    slot.get_or_init(|| build_root(arch))
}

fn build_root(arch: &ForeignArch) -> PathBuf {
    let base = std::env::var_os("RELF_FOREIGN_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("foreign-roots"));
    let dir = base.join(arch.debian);
    let script = repo_root().join("tests/foreign-root.sh");
    let out = Command::new("bash")
        .arg(&script)
        .args(["--arch", arch.debian])
        .arg(&dir)
        .output()
        .expect("bash must be installed");
    assert!(
        out.status.success(),
        "tests/foreign-root.sh could not build the Debian {} root in {} ({}). \
         It needs Debian's package archive, and root the first time an \
         architecture is used (dpkg --add-architecture, apt-get update). \
         Its stderr:\n{}",
        arch.debian,
        dir.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// Regular ELF files below `dir` (symlinks are not followed: they name
/// files that are listed anyway), as absolute in-root paths, sorted.
pub fn elf_files(root: &Path, dir: &str) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(root.join(dir.trim_start_matches('/')))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && is_elf(e.path()))
        .map(|e| {
            let rel = e.path().strip_prefix(root).expect("below the root");
            format!("/{}", rel.to_str().expect("UTF-8 path"))
        })
        .collect();
    files.sort();
    files
}
