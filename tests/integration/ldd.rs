//! Differential tests of `relf ldd` against the real glibc ldd: every
//! x86-64 ELF file under /usr (found by magic bytes), its stdout lines with
//! the ` (0x...)` load addresses removed, must equal relf's, line for line.
//! Files of other architectures cannot be run through this machine's ldd;
//! they are covered by the foreign-root tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

use relf::loader::root::Root;
use relf::loader::{Loader, LoaderEnv};
use relf::render::ldd::write_ldd;

use crate::support::first_difference;

/// e_machine 62, ELFCLASS64, little-endian: what this host's ldd can load.
pub fn is_host_elf(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 20];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head[..4] == b"\x7fELF"
        && head[4] == 2
        && head[5] == 1
        && u16::from_le_bytes([head[18], head[19]]) == 62
}

fn host_files(root: &Path) -> Vec<PathBuf> {
    crate::support::files_under(root, is_host_elf)
}

/// Real ldd's stdout without load addresses.
pub fn real_ldd(path: &Path, envs: &[(&str, &str)]) -> String {
    let out = Command::new("ldd")
        .arg(path)
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("LD_PRELOAD")
        .envs(envs.iter().copied())
        .env("LC_ALL", "C")
        .output()
        .expect("ldd (libc-bin) must be installed");
    strip_addresses(&String::from_utf8_lossy(&out.stdout))
}

pub fn strip_addresses(text: &str) -> String {
    text.lines()
        .map(|l| match l.rfind(" (0x") {
            Some(i) if l.ends_with(')') => &l[..i],
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

fn relf_ldd(loader: &mut Loader, path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    match loader.resolve(path.as_os_str().as_bytes()) {
        Ok(g) => {
            let mut out = Vec::new();
            write_ldd(&mut out, &g);
            String::from_utf8_lossy(&out).into_owned()
        }
        Err(_) => String::new(),
    }
}

fn host_env() -> LoaderEnv {
    LoaderEnv {
        cwd: b"/".to_vec(),
        use_preload_file: true,
        ..Default::default()
    }
}

#[test]
fn every_host_elf_under_usr_matches_ldd() {
    let files = host_files(Path::new("/usr"));
    assert!(
        files.len() > 100,
        "only {} x86-64 ELF files under /usr",
        files.len()
    );
    let results: Vec<(bool, bool, Option<String>)> = files
        .par_chunks(64)
        .flat_map_iter(|chunk| {
            let mut loader = Loader::new(Root::host_root(), host_env());
            chunk
                .iter()
                .map(|path| {
                    let expected = real_ldd(path, &[]);
                    let actual = relf_ldd(&mut loader, path);
                    let dynamic = expected.contains(" => ");
                    let diff = (expected != actual).then(|| {
                        format!(
                            "{}: {}",
                            path.display(),
                            first_difference(expected.as_bytes(), actual.as_bytes())
                        )
                    });
                    (dynamic, expected.is_empty(), diff)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let failures: Vec<&String> = results.iter().filter_map(|r| r.2.as_ref()).collect();
    let dynamic = results.iter().filter(|r| r.0).count();
    let not_dynamic = results.iter().filter(|r| r.1).count();
    println!(
        "ldd parity under /usr: {} x86-64 ELF files ({dynamic} with dependencies listed, {not_dynamic} not dynamic, {} statically linked or other), identical {}, differing {}",
        files.len(),
        files.len() - dynamic - not_dynamic,
        files.len() - failures.len(),
        failures.len()
    );
    crate::support::assert_no_differences(&failures);
}
