//! glibc loader rules on synthetic trees (built by `synth`), each result
//! compared with what the real glibc ldd prints for the same files. The
//! cases are those of shared/spec/loader-rules.md §1.
//!
//! Trees live in temporary directories on the host, so the paths are
//! absolute host paths and `relf ldd` runs with the host root.

use std::path::Path;

use relf::loader::root::Root;
use relf::loader::{Loader, LoaderEnv, OriginMode};
use relf::render::ldd::write_ldd;

use crate::ldd::{real_ldd, strip_addresses};
use crate::synth::{with_class, with_machine, write_bytes, Obj, DF_1_NODEFLIB};

fn relf_lines(path: &Path, env: LoaderEnv) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut loader = Loader::new(Root::host_root(), env);
    let g = loader
        .resolve(path.as_os_str().as_bytes())
        .expect("resolves");
    let mut out = Vec::new();
    write_ldd(&mut out, &g);
    String::from_utf8(out).unwrap()
}

fn env() -> LoaderEnv {
    LoaderEnv {
        cwd: b"/".to_vec(),
        ..Default::default()
    }
}

/// relf and the real ldd agree on `exe`; returns the lines.
fn agree(exe: &Path, envs: &[(&str, &str)], relf_env: LoaderEnv) -> String {
    let expected = real_ldd(exe, envs);
    let actual = relf_lines(exe, relf_env);
    assert_eq!(
        actual,
        expected,
        "relf ldd {} differs from ldd",
        exe.display()
    );
    actual
}

fn p(dir: &Path, rel: &str) -> String {
    dir.join(rel).to_string_lossy().into_owned()
}

#[test]
fn rpath_is_inherited_runpath_is_not() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    Obj::lib("liba.so")
        .needs(&["libz2.so", "libc.so.6"])
        .write(&d.join("r1/liba.so"));
    Obj::lib("libz2.so").write(&d.join("r1/libz2.so"));
    let rp = Obj::exe()
        .needs(&["liba.so", "libc.so.6"])
        .rpath(&p(d, "r1"))
        .write(&d.join("exe_rpath"));
    let out = agree(&rp, &[], env());
    assert!(
        out.contains(&format!("libz2.so => {}", p(d, "r1/libz2.so"))),
        "{out}"
    );
    let ru = Obj::exe()
        .needs(&["liba.so", "libc.so.6"])
        .runpath(&p(d, "r1"))
        .write(&d.join("exe_runpath"));
    let out = agree(&ru, &[], env());
    assert!(out.contains("libz2.so => not found"), "{out}");
}

#[test]
fn runpath_on_the_requester_voids_the_whole_rpath_chain() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    Obj::lib("libq.so").write(&d.join("rA/libq.so"));
    Obj::lib("libboth.so")
        .needs(&["libq.so"])
        .rpath(&format!("{}:{}", p(d, "rA"), p(d, "rB")))
        .runpath(&p(d, "rB"))
        .write(&d.join("lib/libboth.so"));
    let exe = Obj::exe()
        .needs(&["libboth.so", "libc.so.6"])
        .rpath(&format!("{}:{}", p(d, "lib"), p(d, "rA")))
        .write(&d.join("exe"));
    let out = agree(&exe, &[], env());
    assert!(out.contains("libq.so => not found"), "{out}");
}

#[test]
fn runpath_on_an_intermediate_object_does_not_block_the_chain() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    Obj::lib("libA2.so")
        .needs(&["libB2.so"])
        .runpath(&p(d, "x2"))
        .write(&d.join("x1/libA2.so"));
    Obj::lib("libB2.so")
        .needs(&["libC.so"])
        .write(&d.join("x2/libB2.so"));
    Obj::lib("libC.so").write(&d.join("x3/libC.so"));
    let exe = Obj::exe()
        .needs(&["libA2.so", "libc.so.6"])
        .rpath(&format!("{}:{}", p(d, "x1"), p(d, "x3")))
        .write(&d.join("exe"));
    let out = agree(&exe, &[], env());
    assert!(
        out.contains(&format!("libC.so => {}", p(d, "x3/libC.so"))),
        "{out}"
    );
}

#[test]
fn ld_library_path_beats_runpath_but_not_rpath() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    for dir in ["r1", "llp"] {
        Obj::lib("liba.so").write(&d.join(dir).join("liba.so"));
    }
    let llp = p(d, "llp");
    let e = LoaderEnv {
        ld_library_path: Some(llp.as_bytes().to_vec()),
        ..env()
    };
    let rp = Obj::exe()
        .needs(&["liba.so", "libc.so.6"])
        .rpath(&p(d, "r1"))
        .write(&d.join("exe_rpath"));
    let out = agree(&rp, &[("LD_LIBRARY_PATH", &llp)], e.clone());
    assert!(out.contains(&p(d, "r1/liba.so")), "{out}");
    let ru = Obj::exe()
        .needs(&["liba.so", "libc.so.6"])
        .runpath(&p(d, "r1"))
        .write(&d.join("exe_runpath"));
    let out = agree(&ru, &[("LD_LIBRARY_PATH", &llp)], e);
    assert!(out.contains(&p(d, "llp/liba.so")), "{out}");
}

#[test]
fn origin_lib_and_platform_tokens() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    Obj::lib("libo1.so").write(&d.join("o/lib/libo1.so"));
    Obj::lib("libo2.so").write(&d.join("o/lib/x86_64-linux-gnu/libo2.so"));
    Obj::lib("libo3.so").write(&d.join("o/x86_64/libo3.so"));
    let exe = Obj::exe()
        .needs(&["libo1.so", "libo2.so", "libo3.so", "libc.so.6"])
        .rpath("$ORIGIN/../lib:$ORIGIN/../$LIB:$ORIGIN/../${PLATFORM}")
        .write(&d.join("o/bin/prog"));
    let out = agree(&exe, &[], env());
    assert!(
        out.contains(&format!("libo3.so => {}", p(d, "o/bin/../x86_64/libo3.so"))),
        "{out}"
    );
}

/// ldd (glibc 2.36) takes `$ORIGIN` from the path as given, so a symlinked
/// program in another directory loses its libraries; the program really run
/// (`LD_TRACE_LOADED_OBJECTS=1 link`, the kernel's /proc/self/exe) finds
/// them. relf follows the real run by default and ldd with `--origin ldd`.
#[test]
fn origin_through_a_symlinked_program() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    Obj::lib("libo1.so").write(&d.join("o/lib/libo1.so"));
    Obj::exe()
        .needs(&["libo1.so", "libc.so.6"])
        .rpath("$ORIGIN/../lib")
        .write(&d.join("o/bin/prog"));
    std::fs::create_dir_all(d.join("s")).unwrap();
    std::os::unix::fs::symlink(d.join("o/bin/prog"), d.join("s/proglink")).unwrap();
    let link = d.join("s/proglink");
    let as_ldd = agree(
        &link,
        &[],
        LoaderEnv {
            origin: OriginMode::Ldd,
            ..env()
        },
    );
    assert!(as_ldd.contains("libo1.so => not found"), "{as_ldd}");
    let run = std::process::Command::new(&link)
        .env("LD_TRACE_LOADED_OBJECTS", "1")
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .unwrap();
    let expected = strip_addresses(&String::from_utf8_lossy(&run.stdout));
    let actual = relf_lines(&link, env());
    assert_eq!(actual, expected);
    assert!(
        actual.contains(&format!("libo1.so => {}", p(d, "o/bin/../lib/libo1.so"))),
        "{actual}"
    );
}

#[test]
fn nodeflib_applies_to_the_requesting_object_only() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    Obj::lib("liba.so")
        .needs(&["libz2.so", "libc.so.6"])
        .write(&d.join("r1/liba.so"));
    let exe = Obj::exe()
        .needs(&["liba.so", "libc.so.6"])
        .runpath(&p(d, "r1"))
        .flags_1(DF_1_NODEFLIB)
        .write(&d.join("exe"));
    let out = agree(&exe, &[], env());
    assert!(out.contains("\tlibc.so.6 => not found\n"), "{out}");
    assert!(
        out.contains("libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6"),
        "{out}"
    );
}

#[test]
fn wrong_class_and_machine_candidates_are_skipped() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let good = Obj::lib("libw.so").build();
    write_bytes(&d.join("wc1/libw.so"), &with_class(&good, 1));
    write_bytes(&d.join("wc2/libw.so"), &with_machine(&good, 183));
    write_bytes(&d.join("wc3/libw.so"), &good);
    let exe = Obj::exe()
        .needs(&["libw.so", "libc.so.6"])
        .runpath(&format!("{}:{}:{}", p(d, "wc1"), p(d, "wc2"), p(d, "wc3")))
        .write(&d.join("exe"));
    let out = agree(&exe, &[], env());
    assert!(
        out.contains(&format!("libw.so => {}", p(d, "wc3/libw.so"))),
        "{out}"
    );
}

#[test]
fn a_broken_candidate_stops_the_loader() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    Obj::lib("libw.so").write(&d.join("ok/libw.so"));
    write_bytes(
        &d.join("short/libw.so"),
        b"this is not an ELF file, just text\n",
    );
    write_bytes(
        &d.join("text/libw.so"),
        "a text file longer than an ELF header\n"
            .repeat(4)
            .as_bytes(),
    );
    write_bytes(&d.join("empty/libw.so"), b"");
    for (bad, message) in [
        ("text", "invalid ELF header"),
        ("short", "file too short"),
        ("empty", "file too short"),
    ] {
        let exe = Obj::exe()
            .needs(&["libw.so", "libc.so.6"])
            .runpath(&format!("{}:{}", p(d, bad), p(d, "ok")))
            .write(&d.join(format!("exe_{bad}")));
        let out = agree(&exe, &[], env());
        assert!(out.contains(message), "{out}");
    }
}

#[test]
fn cycles_missing_twice_slash_names_and_identity() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let r = p(d, "r");
    Obj::lib("libcyc1.so")
        .needs(&["libcyc2.so"])
        .runpath(&r)
        .write(&d.join("r/libcyc1.so"));
    Obj::lib("libcyc2.so")
        .needs(&["libcyc1.so", "libmissing.so"])
        .runpath(&r)
        .write(&d.join("r/libcyc2.so"));
    // No SONAME, reached through a symlink name and its target name.
    Obj::lib_without_soname().write(&d.join("r/libnoso.so.1"));
    std::os::unix::fs::symlink("libnoso.so.1", d.join("r/libnoso.so")).unwrap();
    Obj::lib("libuser.so")
        .needs(&["libnoso.so.1"])
        .runpath(&r)
        .write(&d.join("r/libuser.so"));
    Obj::lib("libnos.so").write(&d.join("ns/libnos.so"));
    let exe = Obj::exe()
        .needs(&[
            "libcyc1.so",
            "libmissing.so",
            &p(d, "ns/libnos.so"),
            "libnoso.so",
            "libuser.so",
            "libc.so.6",
        ])
        .runpath(&r)
        .write(&d.join("exe"));
    let out = agree(&exe, &[], env());
    assert_eq!(
        out.matches("libmissing.so => not found").count(),
        2,
        "{out}"
    );
    assert!(
        out.contains(&format!("\t{}\n", p(d, "ns/libnos.so"))),
        "{out}"
    );
    assert!(!out.contains("libnoso.so.1 =>"), "{out}");
}

/// glibc-hwcaps subdirectories: ld.so prefers `D/glibc-hwcaps/x86-64-v2`
/// when the CPU supports that level; relf probes them when told the level.
#[test]
fn hwcaps_subdirectories() {
    let help = std::process::Command::new("/lib64/ld-linux-x86-64.so.2")
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    let v2 = help
        .lines()
        .any(|l| l.contains("x86-64-v2 (supported, searched)"));
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    Obj::lib("libhw.so").write(&d.join("h/libhw.so"));
    Obj::lib("libhw.so").write(&d.join("h/glibc-hwcaps/x86-64-v2/libhw.so"));
    let exe = Obj::exe()
        .needs(&["libhw.so", "libc.so.6"])
        .runpath(&p(d, "h"))
        .write(&d.join("exe"));
    let e = LoaderEnv {
        hwcaps: v2.then(|| "x86-64-v2".to_string()),
        ..env()
    };
    let out = agree(&exe, &[], e);
    let expect = if v2 {
        "h/glibc-hwcaps/x86-64-v2/libhw.so"
    } else {
        "h/libhw.so"
    };
    assert!(out.contains(&p(d, expect)), "{out}");
}
