//! musl's loader rules (shared/spec/loader-rules.md §4), checked against
//! musl's own loader in list mode (`ld-musl-x86_64.so.1 --list`): on the
//! host, and inside roots with and without `/etc/ld-musl-x86_64.path`
//! (the loader run there with chroot(8); it is self-contained).

use std::path::Path;
use std::process::Command;

use relf::loader::root::Root;
use relf::loader::{Loader, LoaderEnv};
use relf::render::ldd::write_ldd;

use crate::ldd::strip_addresses;
use crate::synth::{with_machine, write_bytes, Obj};

const MUSL_LDSO: &str = "/lib/ld-musl-x86_64.so.1";

/// musl's `--list` output (addresses removed) and exit status.
fn musl_list(program: &Path, envs: &[(&str, &str)]) -> (String, Option<i32>) {
    let out = Command::new(MUSL_LDSO)
        .arg("--list")
        .arg(program)
        .env_clear()
        .envs(envs.iter().copied())
        .output()
        .expect("musl's loader (package musl) must be installed; tests/run.sh installs it");
    (
        strip_addresses(&String::from_utf8_lossy(&out.stdout)),
        out.status.code(),
    )
}

fn relf(root: Root, program: &[u8], env: LoaderEnv) -> (String, bool) {
    let mut loader = Loader::new(root, env);
    let g = loader.resolve(program).expect("resolves");
    let mut out = Vec::new();
    write_ldd(&mut out, &g);
    let missing = g.missing().next().is_some();
    (String::from_utf8(out).unwrap(), missing)
}

fn env() -> LoaderEnv {
    LoaderEnv {
        cwd: b"/".to_vec(),
        ..Default::default()
    }
}

fn agree(program: &Path, envs: &[(&str, &str)], relf_env: LoaderEnv) -> String {
    use std::os::unix::ffi::OsStrExt;
    let (expected, status) = musl_list(program, envs);
    let (actual, missing) = relf(Root::host_root(), program.as_os_str().as_bytes(), relf_env);
    assert_eq!(
        actual,
        expected,
        "relf ldd {} differs from musl's loader",
        program.display()
    );
    // musl's list mode exits 127 when a library is missing.
    assert_eq!(missing, status == Some(127), "exit status {status:?}");
    actual
}

fn p(d: &Path, rel: &str) -> String {
    d.join(rel).to_string_lossy().into_owned()
}

#[test]
fn fixture_matches_musls_loader() {
    let f = crate::support::fixtures_dir().join("musl-dynamic");
    let out = agree(&f, &[], env());
    assert_eq!(
        out,
        "\t/lib/ld-musl-x86_64.so.1\n\tlibc.so => /lib/ld-musl-x86_64.so.1\n"
    );
}

#[test]
fn ld_library_path_comes_first_and_runpath_is_inherited() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    Obj::lib("liba.so")
        .needs(&["libz2.so"])
        .write(&d.join("r1/liba.so"));
    Obj::lib("libz2.so").write(&d.join("r1/libz2.so"));
    Obj::lib("liba.so").write(&d.join("llp/liba.so"));
    let exe = Obj::musl_exe()
        .needs(&["liba.so", "libc.so"])
        .runpath(&p(d, "r1"))
        .write(&d.join("exe"));
    let out = agree(&exe, &[], env());
    assert!(
        out.contains(&format!("libz2.so => {}", p(d, "r1/libz2.so"))),
        "{out}"
    );
    let llp = p(d, "llp");
    let e = LoaderEnv {
        ld_library_path: Some(llp.as_bytes().to_vec()),
        ..env()
    };
    let out = agree(&exe, &[("LD_LIBRARY_PATH", &llp)], e);
    assert!(
        out.contains(&format!("liba.so => {}", p(d, "llp/liba.so"))),
        "{out}"
    );
}

#[test]
fn origin_only_and_other_tokens_void_the_path() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    Obj::lib("libo1.so").write(&d.join("o/lib/libo1.so"));
    let ok = Obj::musl_exe()
        .needs(&["libo1.so", "libc.so"])
        .rpath("$ORIGIN/../lib")
        .write(&d.join("o/bin/ok"));
    let out = agree(&ok, &[], env());
    assert!(
        out.contains(&format!("libo1.so => {}", p(d, "o/bin/../lib/libo1.so"))),
        "{out}"
    );
    let void = Obj::musl_exe()
        .needs(&["libo1.so", "libc.so"])
        .rpath("/nonexist/$LIB:$ORIGIN/../lib")
        .write(&d.join("o/bin/void"));
    agree(&void, &[], env());
}

#[test]
fn musl_names_map_to_the_loader_once_per_family() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    Obj::lib("libq.so").write(&d.join("q/libq.so"));
    let exe = Obj::musl_exe()
        .needs(&[
            "libpthread.so.0",
            "libm.so.6",
            "libc.musl-x86_64.so.1",
            "libq.so",
            "libc.so.6",
            "libc.so",
        ])
        .runpath(&p(d, "q"))
        .write(&d.join("exe"));
    let out = agree(&exe, &[], env());
    assert!(!out.contains("libc.so.6"), "{out}");
}

#[test]
fn the_first_file_that_opens_is_used_whatever_its_machine() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let good = Obj::lib("libw.so").build();
    write_bytes(&d.join("w1/libw.so"), &with_machine(&good, 183));
    write_bytes(&d.join("w3/libw.so"), &good);
    let exe = Obj::musl_exe()
        .needs(&["libw.so", "libc.so"])
        .runpath(&format!("{}:{}", p(d, "w1"), p(d, "w3")))
        .write(&d.join("exe"));
    let out = agree(&exe, &[], env());
    assert!(
        out.contains(&format!("libw.so => {}", p(d, "w1/libw.so"))),
        "{out}"
    );
}

#[test]
fn missing_libraries_are_not_listed() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let exe = Obj::musl_exe()
        .needs(&["libmissing.so", "libc.so"])
        .write(&d.join("exe"));
    let out = agree(&exe, &[], env());
    assert!(!out.contains("libmissing"), "{out}");
}

/// A root holding musl's loader, a program and a library in /usr/lib and in
/// /opt/musl/lib; with a .path file only the latter is searched.
#[test]
fn musl_roots_with_and_without_a_path_file() {
    for with_path_file in [false, true] {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        let ldso = std::fs::read(MUSL_LDSO).unwrap();
        write_bytes(&r.join("lib/ld-musl-x86_64.so.1"), &ldso);
        Obj::lib("libm1.so").write(&r.join("usr/lib/libm1.so"));
        Obj::lib("libm2.so").write(&r.join("opt/musl/lib/libm2.so"));
        Obj::musl_exe()
            .needs(&["libm1.so", "libm2.so", "libc.so"])
            .write(&r.join("bin/app"));
        if with_path_file {
            write_bytes(&r.join("etc/ld-musl-x86_64.path"), b"/opt/musl/lib\n");
        }
        let chroot = ["/usr/sbin/chroot", "/sbin/chroot"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .unwrap_or("chroot");
        let out = Command::new(chroot)
            .arg(r)
            .args([MUSL_LDSO, "--list", "/bin/app"])
            .env_clear()
            .output()
            .expect("chroot");
        let expected = strip_addresses(&String::from_utf8_lossy(&out.stdout));
        let (actual, missing) = relf(Root::new(r), b"/bin/app", env());
        assert_eq!(actual, expected, "with path file: {with_path_file}");
        assert_eq!(missing, out.status.code() == Some(127));
        let (hit, miss) = if with_path_file {
            ("libm2.so", "libm1.so")
        } else {
            ("libm1.so", "libm2.so")
        };
        assert!(actual.contains(hit) && !actual.contains(miss), "{actual}");
    }
}
