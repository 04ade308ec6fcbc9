//! relf never runs what it inspects. A program whose interpreter is a
//! script that leaves a marker file proves the trap works (running the
//! program leaves the marker), then every relf command that reads the
//! program must leave none. Under strace, relf makes exactly one execve
//! (its own) and never forks.

use std::path::Path;
use std::process::Command;

use crate::support::relf;
use crate::synth::{write_bytes, Obj};

/// Same length as "/lib64/ld-linux-x86-64.so.2", so the PT_INTERP string
/// can be patched in place.
const TRAP_INTERP: &str = "/tmp/relf-never-run-ld.so.2";

/// Where the trap leaves its mark.
const MARKER: &str = "/tmp/relf-never-run.marker";

/// The trap: a freestanding x86-64 program (raw syscalls; a libc's startup
/// would crash when run as an interpreter) that appends to [`MARKER`].
fn build_trap(dir: &Path) {
    let c = dir.join("trap.c");
    let src = r#"
static long sys3(long n, long a, long b, long c) {
    long r;
    __asm__ volatile ("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}
void _start(void) {
    long fd = sys3(2, (long)"/tmp/relf-never-run.marker", 01 | 0100 | 02000, 0644);
    if (fd >= 0) sys3(1, fd, (long)"ran\n", 4);
    sys3(60, 0, 0, 0);
    for (;;) {}
}
"#;
    std::fs::write(&c, src).unwrap();
    let st = Command::new("gcc")
        .args([
            "-static",
            "-nostdlib",
            "-O2",
            "-fno-stack-protector",
            "-fcf-protection=none",
            "-o",
            TRAP_INTERP,
        ])
        .arg(&c)
        .status()
        .expect("gcc");
    assert!(st.success(), "building the trap");
}

fn trapped_program(dir: &Path) -> std::path::PathBuf {
    assert_eq!(TRAP_INTERP.len(), "/lib64/ld-linux-x86-64.so.2".len());
    build_trap(dir);
    let mut exe = Obj::exe().needs(&["libc.so.6"]).build();
    let at = exe
        .windows(27)
        .position(|w| w == b"/lib64/ld-linux-x86-64.so.2")
        .expect("the template's PT_INTERP");
    exe[at..at + 27].copy_from_slice(TRAP_INTERP.as_bytes());
    write_bytes(&dir.join("trapped"), &exe)
}

#[test]
fn relf_never_runs_the_program_or_its_interpreter() {
    let t = tempfile::tempdir().unwrap();
    let marker = Path::new(MARKER);
    let _ = std::fs::remove_file(marker);
    let prog = trapped_program(t.path());
    // The trap is real: the kernel runs the interpreter when the program runs.
    let _ = Command::new(&prog).status();
    assert!(marker.exists(), "running the program must trip the trap");
    std::fs::remove_file(marker).unwrap();
    let commands: &[&[&str]] = &[
        &["ldd"],
        &["ldd", "--tree"],
        &["ldd", "--json"],
        &["ldd", "--strict"],
        &["ldd", "-r"],
        &["ldd", "-v"],
        &["ldd", "-r", "-v", "--json"],
        &["ldd", "--why-symbol", "malloc"],
        &["headers"],
        &["segments"],
        &["sections"],
        &["dynamic"],
        &["readelf", "-e", "-d"],
        &["info"],
        &["info", "--long"],
        &["info", "--json"],
    ];
    for args in commands {
        relf().args(*args).arg(&prog).output().unwrap();
        assert!(
            !marker.exists(),
            "relf {args:?} ran the program or its interpreter"
        );
    }
    // The audit, of the directory holding it and of an image holding it.
    let image = t.path().join("image.tar");
    let layer = crate::image_build::Layer::new()
        .file("./bin/trapped", &std::fs::read(&prog).unwrap())
        .file(TRAP_INTERP, &std::fs::read(TRAP_INTERP).unwrap());
    crate::image_build::docker_archive(
        &image,
        "amd64",
        &[layer.blob(crate::image_build::Comp::Gzip)],
    );
    for args in [
        vec!["audit".into(), t.path().display().to_string()],
        vec![
            "audit".into(),
            "--root".into(),
            "/".into(),
            t.path().display().to_string(),
        ],
        vec!["audit".into(), image.display().to_string()],
        vec![
            "ldd".into(),
            "--root".into(),
            image.display().to_string(),
            "/bin/trapped".into(),
        ],
    ] {
        relf().args(&args).output().unwrap();
        assert!(
            !marker.exists(),
            "relf {args:?} ran the program or its interpreter"
        );
    }
}

/// relf under strace: (execve calls, forks, the trace).
fn traced(args: &[&str]) -> (usize, usize, String) {
    let t = tempfile::tempdir().unwrap();
    let log = t.path().join("strace.log");
    let bin = assert_cmd::cargo::cargo_bin("relf");
    let out = Command::new("strace")
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=execve,execveat,fork,vfork,clone,clone3",
            "-o",
        ])
        .arg(&log)
        .arg(&bin)
        .args(args)
        .output()
        .expect("strace must be installed (tests/run.sh installs it)");
    assert!(
        out.status.code().is_some(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let trace = std::fs::read_to_string(&log).unwrap();
    let execs = trace.lines().filter(|l| l.contains("execve(")).count();
    let forks = trace
        .lines()
        .filter(|l| (l.contains("clone") && !l.contains("CLONE_THREAD")) || l.contains("fork("))
        .count();
    (execs, forks, trace)
}

/// ldd's search, and relf info's reads of Go build info, notes, strings.
#[test]
fn relf_starts_no_subprocess() {
    let runs: &[&[&str]] = &[
        &["ldd", "--tree", "/usr/bin/python3", "/bin/true"],
        &["ldd", "-r", "-v", "/usr/bin/python3", "/bin/true"],
        &[
            "info",
            "--long",
            "/usr/bin/python3",
            "/usr/bin/gofmt",
            "/bin/true",
        ],
    ];
    for args in runs {
        let (execs, forks, trace) = traced(args);
        assert_eq!(
            execs, 1,
            "relf {args:?}: only relf itself is executed:\n{trace}"
        );
        assert_eq!(forks, 0, "relf {args:?} forks no process:\n{trace}");
    }
}

/// The audit's worker threads are threads, not processes.
#[test]
fn relf_audit_starts_no_subprocess() {
    let (execs, forks, trace) =
        traced(&["audit", "--root", "/", "/usr/lib/x86_64-linux-gnu/gconv"]);
    assert_eq!(execs, 1, "only relf itself is executed:\n{trace}");
    assert_eq!(forks, 0, "relf forks no process:\n{trace}");
}
