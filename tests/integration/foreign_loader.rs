//! relf against the real loaders of the foreign roots (`foreign`): each
//! Debian root's own glibc ld.so, run under qemu-user with the root as
//! qemu's sysroot, lists every ELF file of the root's /usr/bin (traced as
//! glibc's ldd does it: `LD_TRACE_LOADED_OBJECTS=1 ld.so FILE`) and of its
//! /usr/lib/<triplet> (`ld.so --list FILE`); its stdout without load
//! addresses must equal relf's glibc ldd rendering of
//! `Loader::resolve` inside `Root::new(ROOT)`, line for line, interpreter
//! placement included (spec §9: the real loaders are the only ground truth).
//!
//! How the loader is run, and why:
//!
//! - `qemu-ARCH -L ROOT -0 INTERP -E LD_TRACE_LOADED_OBJECTS=1
//!   ROOT/INTERP --inhibit-cache [--list] FILE`, from ROOT as working
//!   directory, with an empty environment (cargo's LD_LIBRARY_PATH would
//!   otherwise reach the guest: qemu passes its own environment on). `-0`
//!   makes the loader's argv[0], hence the path its own line prints, the
//!   in-root PT_INTERP, as when ldd runs it inside the root.
//! - The loader is run explicitly, as ldd does, rather than the program
//!   directly, because only then can it be given `--inhibit-cache`: qemu's
//!   `-L` is a prefix, not a chroot (below), and the roots have no
//!   ld.so.cache, so without the option the guest reads the host's.
//! - LD_TRACE_LOADED_OBJECTS=1 also with `--list`: glibc 2.36 (and still
//!   HEAD) never initialises `dl_main_state.mode_trace_program` except when
//!   that variable is parsed (elf/rtld.c `dl_main_state_init`,
//!   `process_envvars`), and `--list` reads it to decide whether to print
//!   the main map. Without the variable qemu-aarch64 shows a leading
//!   `\t (0x...)` line for the file itself and qemu-s390x does not: stack
//!   garbage, not a loader rule.
//!
//! Confinement. qemu-user's `-L ROOT` (util/path.c `path()`) rewrites an
//! absolute guest path P to ROOT/P only if that exists on the host
//! (following the host's symlinks); otherwise the guest gets the host's P.
//! Its faccessat is not rewritten at all (linux-user/syscall.c), so glibc's
//! check for /etc/ld.so.preload always looks at the host. Every run is therefore
//! traced with strace, and each file access the process makes once qemu has
//! opened the loader must be inside the root (host realpath included, so an
//! absolute symlink in the root does not escape), or fail with ENOENT or
//! ENOTDIR on a path that exists on neither side (what a chroot would have
//! answered too). Anything else on the host fails the test;
//! `qemu_falls_back_to_host_paths_and_the_check_catches_it` shows that the
//! fallback is real and that the check sees it.
//!
//! The vDSO line. qemu-user 7.2 maps no vDSO (no AT_SYSINFO_EHDR in the
//! guest's auxiliary vector, checked for every arch), so the guest prints
//! no vDSO line, while relf prints the name the kernel's vDSO has on that
//! arch (spec §3, from the kernel's arch/*/vdso Makefiles:
//! `linux-vdso.so.1` on arm64, `linux-vdso64.so.1` on s390x). For that line
//! the test compares relf's name with the spec's table and requires
//! exactly one such line in every dynamic file's output; it is then set
//! aside (and counted) before the line-for-line comparison of the rest,
//! whose order does not depend on it. Its position is not checked against
//! any loader here (the host ldd tests cover it on x86-64). A qemu that
//! maps a vDSO gets its line compared like any other.

use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

use relf::loader::graph::{DepGraph, Linkage};
use relf::loader::root::Root;
use relf::loader::{Loader, LoaderEnv, OriginMode};
use relf::render::ldd::write_ldd;

use crate::foreign::{elf_files, root, ForeignArch, ARM64, S390X};
use crate::ldd::strip_addresses;

#[test]
fn arm64_root_matches_its_own_loader_under_qemu() {
    check_root(&ARM64);
}

#[test]
fn s390x_big_endian_root_matches_its_own_loader_under_qemu() {
    check_root(&S390X);
}

/// A library present only on the host, in a directory the guest searches
/// (LD_LIBRARY_PATH): qemu falls back to the host path because the root
/// has no such directory, and the guest loads the host's copy. The
/// access check must report it. (Should a future qemu confine the guest,
/// the library is not found and nothing must be reported.)
#[test]
fn qemu_falls_back_to_host_paths_and_the_check_catches_it() {
    let arch = &ARM64;
    let dest = absolute_root(arch);
    let host_only = tempfile::tempdir().expect("temporary directory");
    let host_dir = host_only.path().to_str().expect("UTF-8 temp path");
    assert!(
        !dest.join(host_dir.trim_start_matches('/')).exists(),
        "{host_dir} must not exist inside the root"
    );
    let lib = format!("{}/libz.so.1", arch.lib_dir());
    std::fs::copy(dest.join(&lib[1..]), host_only.path().join("libz.so.1"))
        .expect("copy libz.so.1 out of the root");
    let program = "/usr/bin/curl";

    // relf, inside the root: the directory does not exist there.
    let env = LoaderEnv {
        ld_library_path: Some(host_dir.as_bytes().to_vec()),
        ..relf_env()
    };
    let mut loader = Loader::new(Root::new(&dest), env);
    let ours = relf_ldd(&mut loader, program);
    assert!(
        ours.contains(&format!("\tlibz.so.1 => /lib/{}/libz.so.1\n", arch.triplet)),
        "relf should find libz.so.1 in the root:\n{ours}"
    );

    let logs = tempfile::tempdir().expect("temporary directory");
    let llp = format!("LD_LIBRARY_PATH={host_dir}");
    let guest = run_guest(
        &Qemu::find(arch),
        arch,
        &dest,
        program,
        How::Trace,
        &[&llp],
        &logs.path().join("log"),
    );
    let host_copy = format!("{host_dir}/libz.so.1");
    if guest
        .stdout
        .contains(&format!("\tlibz.so.1 => {host_copy} (0x"))
    {
        assert!(
            guest.leaks.iter().any(|l| l.contains(&host_copy)),
            "the guest loaded {host_copy} from the host, and the access check missed it; \
             it reported: {:?}",
            guest.leaks
        );
        println!(
            "qemu -L fallback: the guest loaded {host_copy} from the host; the access check \
             reported {} host accesses",
            guest.leaks.len()
        );
    } else {
        assert!(
            guest.leaks.is_empty(),
            "host accesses reported although the guest stayed inside the root: {:?}",
            guest.leaks
        );
        let in_root = format!("\tlibz.so.1 => /lib/{}/libz.so.1 (0x", arch.triplet);
        assert!(
            guest.stdout.contains(&in_root),
            "the guest found libz.so.1 neither on the host nor in the root:\n{}",
            guest.stdout
        );
    }
}

/// glibc's ldd as relf models it (spec §5): the working directory is the
/// root's `/`; `$ORIGIN` of the file is its path as given, as for a file
/// given to ld.so (glibc ≤ 2.41).
fn relf_env() -> LoaderEnv {
    LoaderEnv {
        cwd: b"/".to_vec(),
        origin: OriginMode::Ldd,
        use_preload_file: true,
        ..Default::default()
    }
}

fn relf_ldd(loader: &mut Loader, path: &str) -> String {
    relf_graph_ldd(loader, path).1
}

/// relf's graph for `path` (None if it cannot be resolved at all) and its
/// glibc ldd text.
fn relf_graph_ldd(loader: &mut Loader, path: &str) -> (Option<DepGraph>, String) {
    match loader.resolve(path.as_bytes()) {
        Ok(g) => {
            let mut out = Vec::new();
            write_ldd(&mut out, &g);
            (Some(g), String::from_utf8_lossy(&out).into_owned())
        }
        Err(e) => (None, format!("relf: {path}: {e}\n")),
    }
}

/// relf's text without its vDSO line (see the module comment).
fn without_vdso(text: &str, arch: &ForeignArch) -> String {
    let vdso = format!("\t{}", arch.vdso);
    text.lines()
        .filter(|l| *l != vdso)
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The root as an absolute host path without symlinks: qemu's `-L` prefix
/// and the confinement check compare strings against it.
fn absolute_root(arch: &ForeignArch) -> PathBuf {
    std::fs::canonicalize(root(arch)).expect("the root exists")
}

fn check_root(arch: &ForeignArch) {
    let dest = absolute_root(arch);
    let qemu = Qemu::find(arch);
    // The guest cannot see these inside the root (--inhibit-cache; qemu's
    // faccessat goes to the host), so relf must not find them either.
    for file in ["etc/ld.so.cache", "etc/ld.so.preload"] {
        assert!(
            !dest.join(file).exists(),
            "{}: the guest loader would not read it",
            dest.join(file).display()
        );
    }
    let glibc = std::fs::read_to_string(dest.join("PACKAGES"))
        .expect("ROOT/PACKAGES")
        .lines()
        .find_map(|l| {
            l.strip_prefix(&format!("libc6:{} ", arch.debian))
                .map(String::from)
        })
        .expect("libc6 in ROOT/PACKAGES");
    let vdso_mapped = guest_has_vdso(&qemu, arch, &dest);

    let programs = elf_files(&dest, "/usr/bin");
    let libraries = elf_files(&dest, &arch.lib_dir());
    assert!(
        programs.len() >= arch.programs.len() && !libraries.is_empty(),
        "too few ELF files in {}",
        dest.display()
    );
    let jobs: Vec<(&str, How)> = programs
        .iter()
        .map(|p| (p.as_str(), How::Trace))
        .chain(libraries.iter().map(|p| (p.as_str(), How::List)))
        .collect();

    let logs = tempfile::tempdir().expect("temporary directory");
    // qemu's start-up waits more than it computes: more jobs than cores.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .expect("thread pool");
    let started = std::time::Instant::now();
    let outcomes: Vec<Outcome> = pool.install(|| {
        jobs.par_chunks(16)
            .enumerate()
            .flat_map_iter(|(c, chunk)| {
                let mut loader = Loader::new(Root::new(&dest), relf_env());
                let (qemu, dest, logs) = (&qemu, &dest, logs.path());
                chunk.iter().enumerate().map(move |(i, &(file, how))| {
                    let log = logs.join(format!("{c}-{i}.strace"));
                    let guest = run_guest(qemu, arch, dest, file, how, &[], &log);
                    compare(arch, &mut loader, file, how, vdso_mapped, guest)
                })
            })
            .collect()
    });
    let elapsed = started.elapsed();

    let differing: Vec<&Outcome> = outcomes.iter().filter(|o| o.problem.is_some()).collect();
    let sum = |f: fn(&Outcome) -> usize| outcomes.iter().map(f).sum::<usize>();
    println!(
        "foreign loader {} ({}, glibc {glibc} in the root): {} programs in /usr/bin traced \
         (LD_TRACE_LOADED_OBJECTS=1) and {} files in {} listed (--list) by the root's own {} \
         ({} with dependencies listed): identical {}, differing {}; vDSO line ({}, spec §3) {}; guest file accesses: {} inside \
         the root, {} absent from root and host, {} elsewhere on the host; {:.1}s",
        arch.debian,
        qemu.version,
        programs.len(),
        libraries.len(),
        arch.lib_dir(),
        arch.interp,
        sum(|o| usize::from(o.listed)),
        outcomes.len() - differing.len(),
        differing.len(),
        arch.vdso,
        if vdso_mapped {
            "compared like any other".to_string()
        } else {
            format!(
                "checked against the spec and set aside in {} outputs (qemu maps no vDSO)",
                sum(|o| usize::from(o.vdso_set_aside))
            )
        },
        sum(|o| o.inside),
        sum(|o| o.absent),
        sum(|o| o.leaks),
        elapsed.as_secs_f64()
    );
    assert!(
        differing.is_empty(),
        "{} of {} files differ from the {} root's own loader, first ones:\n{}",
        differing.len(),
        outcomes.len(),
        arch.debian,
        differing
            .iter()
            .take(10)
            .filter_map(|o| o.problem.as_deref())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// How the loader is asked about a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    /// `LD_TRACE_LOADED_OBJECTS=1 ld.so FILE`: what glibc's ldd runs.
    Trace,
    /// `ld.so --list FILE`.
    List,
}

/// The emulator for one arch and its version line.
#[derive(Debug)]
struct Qemu {
    path: PathBuf,
    version: String,
    strace: PathBuf,
}

impl Qemu {
    fn find(arch: &ForeignArch) -> Qemu {
        let path = in_path(arch.qemu).unwrap_or_else(|| {
            panic!(
                "{} is needed to run the {} root's loader; install qemu-user (tests/run.sh does)",
                arch.qemu, arch.debian
            )
        });
        let strace = in_path("strace")
            .expect("strace is needed to check the guest's file accesses (tests/run.sh)");
        let out = Command::new(&path)
            .arg("--version")
            .output()
            .expect("qemu --version");
        let version = String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .replace(" version ", " ");
        Qemu {
            path,
            version,
            strace,
        }
    }

    /// qemu running the root's loader on `file`, with the guest
    /// environment `env` and nothing else.
    fn loader_command(
        &self,
        arch: &ForeignArch,
        dest: &Path,
        file: &str,
        how: How,
        env: &[&str],
    ) -> Vec<std::ffi::OsString> {
        let mut args: Vec<std::ffi::OsString> = vec![
            self.path.clone().into(),
            "-L".into(),
            dest.into(),
            "-0".into(),
            arch.interp.into(),
            "-E".into(),
            "LD_TRACE_LOADED_OBJECTS=1".into(),
        ];
        for e in env {
            args.push("-E".into());
            args.push(e.into());
        }
        args.push(loader_host_path(arch, dest).into());
        args.push("--inhibit-cache".into());
        if how == How::List {
            args.push("--list".into());
        }
        args.push(file.into());
        args
    }
}

/// The loader as qemu opens it: the root's PT_INTERP below the root, its
/// symlinks (`/lib -> usr/lib`, `ld64.so.1 -> s390x-linux-gnu/ld64.so.1`)
/// resolved by the host. They are relative, so this stays in the root;
/// checked with the other accesses.
fn loader_host_path(arch: &ForeignArch, dest: &Path) -> PathBuf {
    dest.join(arch.interp.trim_start_matches('/'))
}

fn in_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Whether qemu gives the guest a vDSO: AT_SYSINFO_EHDR in the auxiliary
/// vector glibc shows with LD_SHOW_AUXV (the vector qemu built).
fn guest_has_vdso(qemu: &Qemu, arch: &ForeignArch, dest: &Path) -> bool {
    let mut args = qemu.loader_command(arch, dest, arch.programs[0], How::Trace, &[]);
    args.insert(1, "LD_SHOW_AUXV=1".into());
    args.insert(1, "-E".into());
    let out = Command::new(&args[0])
        .args(&args[1..])
        .env_clear()
        .current_dir(dest)
        .output()
        .expect("run qemu");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|l| l.starts_with("AT_PHDR:")),
        "LD_SHOW_AUXV printed no auxiliary vector ({}):\n{text}{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    text.lines().any(|l| l.starts_with("AT_SYSINFO_EHDR:"))
}

/// One run of the guest loader.
#[derive(Debug)]
struct Guest {
    stdout: String,
    stderr: String,
    status: std::process::ExitStatus,
    /// File accesses on the host outside the root (see the module comment).
    leaks: Vec<String>,
    inside: usize,
    absent: usize,
}

fn run_guest(
    qemu: &Qemu,
    arch: &ForeignArch,
    dest: &Path,
    file: &str,
    how: How,
    env: &[&str],
    log: &Path,
) -> Guest {
    let out = Command::new(&qemu.strace)
        .args(["-f", "-qq", "--seccomp-bpf", "-e", "trace=%file", "-o"])
        .arg(log)
        .args(qemu.loader_command(arch, dest, file, how, env))
        .env_clear()
        .current_dir(dest)
        .output()
        .expect("run strace");
    let trace = std::fs::read_to_string(log).unwrap_or_default();
    let _ = std::fs::remove_file(log);
    let accesses = file_accesses(&trace);
    let (leaks, inside, absent) = check_accesses(&accesses, dest, &loader_host_path(arch, dest));
    Guest {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        status: out.status,
        leaks,
        inside,
        absent,
    }
}

/// One path-taking system call from strace's log.
#[derive(Debug)]
struct Access {
    call: String,
    path: String,
    /// None: success; Some(errno name).
    error: Option<String>,
}

/// The calls in an `strace -f -qq -e trace=%file` log, with calls split by
/// another thread (`<unfinished ...>` ... `<... NAME resumed>`) rejoined.
fn file_accesses(log: &str) -> Vec<Access> {
    let mut pending: Vec<(String, String)> = Vec::new();
    let mut calls = Vec::new();
    for line in log.lines() {
        let Some((pid, rest)) = line.split_once(' ') else {
            continue;
        };
        let rest = rest.trim_start();
        let full = if let Some(head) = rest.strip_suffix(" <unfinished ...>") {
            pending.push((pid.to_string(), head.to_string()));
            continue;
        } else if let Some(tail) = rest.strip_prefix("<... ") {
            let Some(k) = pending.iter().position(|(p, _)| p == pid) else {
                continue;
            };
            let (_, head) = pending.remove(k);
            let tail = tail.split_once("resumed>").map_or("", |(_, t)| t);
            format!("{head}{tail}")
        } else {
            rest.to_string()
        };
        let Some((call, args)) = full.split_once('(') else {
            continue;
        };
        let Some((_, result)) = args.rsplit_once(") = ") else {
            continue;
        };
        let Some(path) = first_string(args) else {
            continue;
        };
        let error = result
            .strip_prefix("-1 ")
            .map(|e| e.split(' ').next().unwrap_or("").to_string());
        calls.push(Access {
            call: call.to_string(),
            path,
            error,
        });
    }
    calls
}

/// The first double-quoted argument, unescaped enough for plain paths.
fn first_string(args: &str) -> Option<String> {
    let start = args.find('"')? + 1;
    let mut out = String::new();
    let mut chars = args[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => out.push(chars.next()?),
            c => out.push(c),
        }
    }
    None
}

/// Paths qemu itself reads after opening the guest's executable
/// (linux-user/main.c reads mmap_min_addr to decide where the guest goes).
const QEMU_OWN: &[&str] = &["/proc/sys/vm/mmap_min_addr"];

/// Sorts the accesses made from the moment qemu opens the loader into
/// inside the root, absent on both sides, and host leaks (described).
fn check_accesses(accesses: &[Access], dest: &Path, loader: &Path) -> (Vec<String>, usize, usize) {
    let loader = loader.to_str().expect("UTF-8 root path");
    let Some(start) = accesses
        .iter()
        .position(|a| a.path == loader && a.error.is_none())
    else {
        return (vec![format!("strace never saw qemu open {loader}")], 0, 0);
    };
    let prefix = format!("{}/", dest.to_str().expect("UTF-8 root path"));
    let (mut leaks, mut inside, mut absent) = (Vec::new(), 0, 0);
    for a in &accesses[start..] {
        if a.path.is_empty() || QEMU_OWN.contains(&a.path.as_str()) {
            continue;
        }
        // Relative paths are relative to the working directory, the root.
        let host = if a.path.starts_with('/') {
            PathBuf::from(&a.path)
        } else {
            dest.join(&a.path)
        };
        let in_root = host.to_str().is_some_and(|h| h.starts_with(&prefix));
        match (&a.error, in_root) {
            (Some(_), true) => inside += 1,
            (Some(e), false) if e == "ENOENT" || e == "ENOTDIR" => absent += 1,
            (None, true) => match std::fs::canonicalize(&host) {
                Ok(real) if real.starts_with(dest) => inside += 1,
                Ok(real) => leaks.push(format!(
                    "{}({}) resolves on the host to {}",
                    a.call,
                    a.path,
                    real.display()
                )),
                Err(e) => leaks.push(format!("{}({}): gone afterwards: {e}", a.call, a.path)),
            },
            (error, false) => leaks.push(format!(
                "{}({}) on the host: {}",
                a.call,
                a.path,
                error.as_deref().unwrap_or("success")
            )),
        }
    }
    (leaks, inside, absent)
}

/// What one file gave.
#[derive(Debug)]
struct Outcome {
    problem: Option<String>,
    /// The loader listed at least one `name => path` line.
    listed: bool,
    vdso_set_aside: bool,
    inside: usize,
    absent: usize,
    leaks: usize,
}

fn compare(
    arch: &ForeignArch,
    loader: &mut Loader,
    file: &str,
    how: How,
    vdso_mapped: bool,
    guest: Guest,
) -> Outcome {
    let mut problems = Vec::new();
    let mut vdso_set_aside = false;
    let (graph, mut ours) = relf_graph_ldd(loader, file);
    if !vdso_mapped {
        if let Some(g) = graph {
            if g.linkage == Linkage::Dynamic && g.fatal.is_none() {
                let vdso = format!("\t{}", g.arch.vdso);
                let count = ours.lines().filter(|l| *l == vdso).count();
                if g.arch.vdso != arch.vdso || count != 1 {
                    problems.push(format!(
                        "relf's vDSO line: {count} x {:?}, spec §3 says {}",
                        g.arch.vdso, arch.vdso
                    ));
                }
                ours = without_vdso(&ours, arch);
                vdso_set_aside = true;
            }
        }
    }
    let theirs = strip_addresses(&guest.stdout);
    if theirs != ours {
        problems.push(format!(
            "output differs\n  loader:\n{}  relf:\n{}",
            indent(&theirs),
            indent(&ours)
        ));
    }
    if !guest.status.success() || !guest.stderr.is_empty() {
        problems.push(format!(
            "loader exited {}; stderr: {:?}",
            guest.status, guest.stderr
        ));
    }
    if !guest.leaks.is_empty() {
        problems.push(format!(
            "guest file accesses outside the root: {}",
            guest.leaks.join("; ")
        ));
    }
    let mode = match how {
        How::Trace => "trace",
        How::List => "--list",
    };
    Outcome {
        problem: (!problems.is_empty())
            .then(|| format!("{file} ({mode}): {}", problems.join("\n  "))),
        listed: theirs.contains(" => "),
        vdso_set_aside,
        inside: guest.inside,
        absent: guest.absent,
        leaks: guest.leaks.len(),
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}
