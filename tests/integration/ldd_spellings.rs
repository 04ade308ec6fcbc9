//! `relf ldd` as people run it (issue 18): programs built at test time with
//! gcc and musl-gcc whose RPATH/RUNPATH is `$ORIGIN`, named as `./app`,
//! `app`, `../app`, `d//app`, `/a/./b/app`, through a symlink, from several
//! working directories, with `$ORIGIN` in LD_LIBRARY_PATH and libraries
//! reached through dotted directories. Each run of the binary is compared
//! with the real glibc `ldd` (stdout with load addresses removed, stderr,
//! exit status) or musl's loader in list mode, run on the same files from
//! the same directory.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::ldd::strip_addresses;
use crate::support::relf;

const MUSL_LDSO: &str = "/lib/ld-musl-x86_64.so.1";

fn run(cmd: &str, args: &[&str], dir: &Path) {
    let out = Command::new(cmd)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} must be installed (tests/run.sh installs it): {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One tree of programs and libraries, built by `cc` (gcc or musl-gcc):
///
/// ```text
/// d/app      RPATH $ORIGIN            d/liba.so
/// d/appr     RUNPATH $ORIGIN
/// d/sub/     (a working directory)
/// e/noarp    no RPATH                 e/lib/liba.so
/// b/bin/app2 RPATH $ORIGIN/../lib     b/lib/libc2.so (RUNPATH $ORIGIN, needs libb.so)
///                                     b/lib/libb.so
/// link/app   -> ../d/app              abs/app -> <t>/d/app
/// ```
fn build(cc: &str) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    for d in ["d/sub", "e/lib", "b/bin", "b/lib", "link", "abs", "src"] {
        std::fs::create_dir_all(r.join(d)).unwrap();
    }
    std::fs::write(r.join("src/a.c"), "int a(void) { return 1; }\n").unwrap();
    std::fs::write(r.join("src/b.c"), "int b(void) { return 2; }\n").unwrap();
    std::fs::write(
        r.join("src/c2.c"),
        "int b(void); int c2(void) { return b(); }\n",
    )
    .unwrap();
    std::fs::write(
        r.join("src/app.c"),
        "int a(void); int main(void) { return a(); }\n",
    )
    .unwrap();
    std::fs::write(
        r.join("src/app2.c"),
        "int c2(void); int main(void) { return c2(); }\n",
    )
    .unwrap();
    let s = |f: &str| r.join("src").join(f).to_string_lossy().into_owned();
    let p = |f: &str| r.join(f).to_string_lossy().into_owned();
    run(
        cc,
        &["-shared", "-fPIC", "-o", &p("d/liba.so"), &s("a.c")],
        r,
    );
    std::fs::copy(r.join("d/liba.so"), r.join("e/lib/liba.so")).unwrap();
    run(
        cc,
        &["-shared", "-fPIC", "-o", &p("b/lib/libb.so"), &s("b.c")],
        r,
    );
    let lib_b = format!("-L{}", p("b/lib"));
    let lib_d = format!("-L{}", p("d"));
    run(
        cc,
        &[
            "-shared",
            "-fPIC",
            "-o",
            &p("b/lib/libc2.so"),
            &s("c2.c"),
            &lib_b,
            "-lb",
            "-Wl,-rpath,$ORIGIN",
            "-Wl,--enable-new-dtags",
        ],
        r,
    );
    for (out, tags) in [
        ("d/app", "-Wl,--disable-new-dtags"),
        ("d/appr", "-Wl,--enable-new-dtags"),
    ] {
        run(
            cc,
            &[
                "-o",
                &p(out),
                &s("app.c"),
                &lib_d,
                "-la",
                "-Wl,-rpath,$ORIGIN",
                tags,
            ],
            r,
        );
    }
    run(cc, &["-o", &p("e/noarp"), &s("app.c"), &lib_d, "-la"], r);
    run(
        cc,
        &[
            "-o",
            &p("b/bin/app2"),
            &s("app2.c"),
            &lib_b,
            "-lc2",
            "-Wl,-rpath,$ORIGIN/../lib",
            "-Wl,--disable-new-dtags",
        ],
        r,
    );
    std::os::unix::fs::symlink("../d/app", r.join("link/app")).unwrap();
    std::os::unix::fs::symlink(r.join("d/app"), r.join("abs/app")).unwrap();
    t
}

/// (stdout without addresses, stderr, exit status).
type Outcome = (String, String, Option<i32>);

fn outcome(out: std::process::Output) -> Outcome {
    (
        strip_addresses(&String::from_utf8_lossy(&out.stdout)),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

fn real(prog: &str, pre: &[&str], args: &[&str], dir: &Path, envs: &[(&str, &str)]) -> Outcome {
    outcome(
        Command::new(prog)
            .args(pre)
            .args(args)
            .current_dir(dir)
            .env_clear()
            .env("LC_ALL", "C")
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .envs(envs.iter().copied())
            .output()
            .unwrap_or_else(|e| panic!("{prog} must be installed: {e}")),
    )
}

fn relf_ldd(args: &[&str], dir: &Path, envs: &[(&str, &str)]) -> Outcome {
    outcome(
        relf()
            .arg("ldd")
            .args(args)
            .current_dir(dir)
            .envs(envs.iter().copied())
            .output()
            .unwrap(),
    )
}

/// A case: working directory (relative to the tree), program spellings,
/// environment.
struct Case {
    cwd: &'static str,
    args: Vec<String>,
    envs: Vec<(&'static str, &'static str)>,
}

fn cases(t: &Path) -> Vec<Case> {
    let abs = |rel: &str| format!("{}/./{rel}", t.display());
    let c = |cwd, args: &[&str]| Case {
        cwd,
        args: args.iter().map(|s| s.to_string()).collect(),
        envs: Vec::new(),
    };
    let mut v = vec![
        c("d", &["./app"]),
        c("d", &["app"]),
        c("d", &["./appr"]),
        c("d", &["appr"]),
        c("d/sub", &["../app"]),
        c("d/sub", &["../appr"]),
        c("", &["d/app"]),
        c("", &["d//app"]),
        c("", &["./d/../d/app"]),
        c("e", &["../d/app"]),
        c("", &["link/app"]),
        c("link", &["./app"]),
        c("", &["abs/app"]),
        c("b/bin", &["./app2"]),
        c("b", &["bin/../bin/app2"]),
        c("", &["./d/app", "d/appr", "b/bin/app2"]),
    ];
    let mut a = c("", &[]);
    a.args = vec![abs("d/app")];
    v.push(a);
    let mut a = c("", &[]);
    a.args = vec![abs("b/bin/app2")];
    v.push(a);
    for (cwd, prog, llp) in [
        ("e", "./noarp", "$ORIGIN/lib"),
        ("e", "noarp", "${ORIGIN}/lib"),
        ("e/lib", "../noarp", "$ORIGIN/lib"),
        ("d", "../e/noarp", "$ORIGIN/./lib:/nonexistent"),
    ] {
        let mut x = c(cwd, &[prog]);
        x.envs = vec![("LD_LIBRARY_PATH", llp)];
        v.push(x);
    }
    v
}

fn dir_of(t: &Path, cwd: &str) -> PathBuf {
    if cwd.is_empty() {
        t.to_path_buf()
    } else {
        t.join(cwd)
    }
}

#[test]
fn glibc_spellings_match_ldd() {
    let t = build("gcc");
    let mut checked = 0;
    for case in cases(t.path()) {
        let dir = dir_of(t.path(), case.cwd);
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let expected = real("ldd", &[], &args, &dir, &case.envs);
        let actual = relf_ldd(&args, &dir, &case.envs);
        assert_eq!(
            actual, expected,
            "relf ldd {args:?} in {} with {:?} differs from ldd",
            case.cwd, case.envs
        );
        checked += 1;
    }
    // The spellings that keep `.` and `..` really print them.
    let d = t.path().join("d");
    let (out, _, _) = relf_ldd(&["./app"], &d, &[]);
    assert!(
        out.contains(&format!("liba.so => {}/./liba.so\n", d.display())),
        "{out}"
    );
    println!("{checked} glibc cases identical to ldd");
}

#[test]
fn musl_spellings_match_musls_loader() {
    let t = build("musl-gcc");
    for case in cases(t.path()) {
        let dir = dir_of(t.path(), case.cwd);
        for arg in &case.args {
            // musl's list mode takes one program.
            let (out, _err, code) = real(MUSL_LDSO, &["--list"], &[arg], &dir, &case.envs);
            let (actual, _, _) = relf_ldd(&[arg], &dir, &case.envs);
            assert_eq!(
                actual, out,
                "relf ldd {arg} in {} with {:?} differs from musl's loader",
                case.cwd, case.envs
            );
            let (_, _, relf_code) = relf_ldd(&[arg], &dir, &case.envs);
            assert_eq!(relf_code, code, "exit status of {arg} in {}", case.cwd);
        }
    }
}

/// A symlinked program (issue 18 item 2): ldd takes `$ORIGIN` from the
/// symlink's directory and misses `liba.so`; a direct run takes the real
/// path. The direct-run answer (`--origin run`) is checked against the real
/// loader tracing a program the kernel started (LD_TRACE_LOADED_OBJECTS on
/// the test-built program), and `--tree`/`--explain` name the difference.
#[test]
fn glibc_symlinked_program_direct_run() {
    let t = build("gcc");
    let d = t.path().join("d");
    for spelling in ["link/app", "abs/app"] {
        let (ldd_out, _, _) = relf_ldd(&[spelling], t.path(), &[]);
        assert!(ldd_out.contains("\tliba.so => not found\n"), "{ldd_out}");
        let direct = outcome(
            Command::new(t.path().join(spelling))
                .current_dir(t.path())
                .env_clear()
                .env("LD_TRACE_LOADED_OBJECTS", "1")
                .output()
                .unwrap(),
        );
        let run = relf_ldd(&["--origin", "run", spelling], t.path(), &[]);
        assert_eq!(
            run, direct,
            "--origin run {spelling} vs a traced direct run"
        );
        let line = format!("    liba.so => {}/liba.so (ldd: not found)\n", d.display());
        for view in ["--tree", "--explain"] {
            let (out, _, _) = relf_ldd(&[view, "--color=never", spelling], t.path(), &[]);
            assert!(
                out.contains(&line) && out.contains("note: run directly"),
                "{view} {spelling}:\n{out}"
            );
        }
    }
    // No note when the name given is the real path.
    let (out, _, _) = relf_ldd(&["--tree", "--color=never", "d/app"], t.path(), &[]);
    assert!(!out.contains("note:"), "{out}");
}

/// musl: the same symlinked program runs (its `a()` returns 1) when started
/// directly, while musl's ldd misses `liba.so`; `--origin run` finds it.
#[test]
fn musl_symlinked_program_direct_run() {
    let t = build("musl-gcc");
    let status = Command::new(t.path().join("link/app"))
        .current_dir(t.path())
        .env_clear()
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1), "the program loads liba.so when run");
    let (out, _, _) = relf_ldd(&["--origin", "run", "link/app"], t.path(), &[]);
    assert!(
        out.contains(&format!("liba.so => {}/d/liba.so\n", t.path().display())),
        "{out}"
    );
    let (expected, _, code) = real(MUSL_LDSO, &["--list"], &["link/app"], t.path(), &[]);
    let (actual, _, relf_code) = relf_ldd(&["link/app"], t.path(), &[]);
    assert_eq!((actual, relf_code), (expected, code));
    let (tree, _, _) = relf_ldd(&["--tree", "--color=never", "link/app"], t.path(), &[]);
    assert!(tree.contains("note: run directly"), "{tree}");
}

/// ldd's messages (issue 14 item 4, issue 18 item 4), each compared with
/// the real ldd on files built here: a missing file, a directory, a FIFO,
/// a text file, a relocatable object, one and several files, a 32-bit
/// program on this 64-bit-only host, a library that is too short (the
/// fatal error ldd shows on stdout), and missing or broken LD_PRELOAD
/// entries (reported and left out of the list).
#[test]
fn glibc_messages_match_ldd() {
    let t = build("gcc");
    let r = t.path();
    std::fs::write(r.join("notes.txt"), "not an ELF file\n").unwrap();
    run("gcc", &["-c", "-o", "a.o", "src/a.c"], r);
    run("mkfifo", &["fifo"], r);
    std::fs::create_dir_all(r.join("short")).unwrap();
    std::fs::copy(r.join("d/app"), r.join("short/app")).unwrap();
    std::fs::write(r.join("short/liba.so"), "abc").unwrap();
    assert!(
        !Path::new("/lib/ld-linux.so.2").exists(),
        "this test needs a host without a 32-bit loader"
    );
    run(
        "gcc",
        &[
            "-m32",
            "-nostdlib",
            "-shared",
            "-fPIC",
            "-o",
            "b32.so",
            "src/a.c",
        ],
        r,
    );
    run(
        "gcc",
        &[
            "-m32",
            "-nostdlib",
            "-o",
            "p32",
            "src/app.c",
            "b32.so",
            "-Wl,-e,main",
            "-Wl,--dynamic-linker=/lib/ld-linux.so.2",
        ],
        r,
    );
    let cases: &[&[&str]] = &[
        &["nonexistent"],
        &["/nonexistent/app"],
        &["d"],
        &["fifo"],
        &["notes.txt"],
        &["a.o"],
        &["p32"],
        &["notes.txt", "nonexistent", "d/app", "a.o"],
        &["short/app"],
    ];
    for args in cases {
        let expected = real("ldd", &[], args, r, &[]);
        let actual = relf_ldd(args, r, &[]);
        assert_eq!(actual, expected, "relf ldd {args:?} differs from ldd");
    }
    // relf's own answer for the 32-bit program.
    let (out, _, _) = relf_ldd(&["--static-only", "p32"], r, &[]);
    assert!(out.contains("b32.so => not found"), "{out}");
    // LD_PRELOAD: the real ldd takes the environment; relf is given the
    // same list by flag (in its own environment the host's loader would
    // complain about relf itself).
    for preload in ["/nonexistent.so", "nosuch.so /x.so", "short/liba.so"] {
        let expected = real("ldd", &[], &["d/app"], r, &[("LD_PRELOAD", preload)]);
        let actual = relf_ldd(&["--preload", preload, "d/app"], r, &[]);
        assert_eq!(actual, expected, "LD_PRELOAD={preload}");
        assert!(actual.0.contains("cannot be preloaded"), "{}", actual.0);
    }
}

/// musl's own messages: no `relf:` prefix, musl's errno texts (a symlink
/// loop is `Symbolic link loop`), and a missing preload ignored silently.
#[test]
fn musl_messages_match_musls_loader() {
    let t = build("musl-gcc");
    let r = t.path();
    std::fs::create_dir_all(r.join("loop")).unwrap();
    std::os::unix::fs::symlink("liba.so", r.join("loop/liba.so")).unwrap();
    run(
        "musl-gcc",
        &[
            "-o",
            "loop/app",
            "src/app.c",
            "-Ld",
            "-la",
            "-Wl,-rpath,$ORIGIN",
        ],
        r,
    );
    std::fs::create_dir_all(r.join("gone")).unwrap();
    std::fs::copy(r.join("d/app"), r.join("gone/app")).unwrap();
    for prog in ["loop/app", "gone/app"] {
        let (out, err, code) = real(MUSL_LDSO, &["--list"], &[prog], r, &[]);
        let (a_out, a_err, a_code) = relf_ldd(&[prog], r, &[]);
        assert_eq!((&a_out, a_code), (&out, code), "{prog}");
        // The loading error, then musl's "Error relocating" lines.
        assert_eq!(a_err, err, "{prog}");
    }
    let (out, err, code) = real(
        MUSL_LDSO,
        &["--list"],
        &["d/app"],
        r,
        &[("LD_PRELOAD", "/nonexistent.so")],
    );
    let actual = relf_ldd(&["--preload", "/nonexistent.so", "d/app"], r, &[]);
    assert_eq!(actual, (out, err, code));
}

/// `--cwd DIR`: relative DT_NEEDED names and empty RPATH elements resolve
/// from DIR, as for the real ldd started there (on the host, and with
/// `--root /` where DIR is an in-root path).
#[test]
fn cwd_flag_matches_ldd_started_there() {
    let t = build("gcc");
    let r = t.path();
    std::fs::create_dir_all(r.join("w/lib")).unwrap();
    std::fs::copy(r.join("d/liba.so"), r.join("w/lib/liba.so")).unwrap();
    std::fs::copy(r.join("b/lib/libb.so"), r.join("w/libb.so")).unwrap();
    std::fs::write(
        r.join("src/rel.c"),
        "int a(void); int b(void); int main(void) { return a() + b(); }\n",
    )
    .unwrap();
    // DT_NEEDED "lib/liba.so" (linked by path from w/; no SONAME) and
    // libb.so through an empty RPATH element.
    run(
        "gcc",
        &[
            "-o",
            "../rel",
            "../src/rel.c",
            "lib/liba.so",
            "-L.",
            "-lb",
            "-Wl,-rpath,/nonexistent:",
        ],
        &r.join("w"),
    );
    let work = r.join("w");
    let prog = r.join("rel").to_string_lossy().into_owned();
    let expected = real("ldd", &[], &[&prog], &work, &[]);
    assert!(
        expected.0.contains("\tlib/liba.so\n\tlibb.so\n"),
        "{}",
        expected.0
    );
    let w = work.to_string_lossy().into_owned();
    let actual = relf_ldd(&["--cwd", &w, &prog], r, &[]);
    assert_eq!(actual, expected, "--cwd on the host");
    let rooted = relf_ldd(&["--root", "/", "--cwd", &w, &prog], r, &[]);
    assert_eq!(rooted.0, expected.0, "--cwd inside --root /");
}
