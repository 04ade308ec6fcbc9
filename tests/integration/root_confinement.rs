//! `--root`: every path the loader uses is resolved inside the root, never
//! on the host. The oracle is the real glibc loader run inside the same
//! root with chroot(8) (`LD_TRACE_LOADED_OBJECTS=1 ld.so PROGRAM`, what ldd
//! runs), in a minimal root holding copies of this host's ld.so and libc.
//! Cases: absolute symlinks out of the root, `..` chains, symlink loops, a
//! symlinked directory in the middle of a path, `$ORIGIN` in a symlinked
//! location.

use std::path::{Path, PathBuf};
use std::process::Command;

use relf::loader::root::Root;
use relf::loader::{Loader, LoaderEnv, OriginMode};
use relf::render::ldd::write_ldd;

use crate::ldd::strip_addresses;
use crate::synth::{write_bytes, Obj};

const LDSO: &str = "/lib64/ld-linux-x86-64.so.2";

/// A root with the host's loader and libc at Debian's paths.
fn glibc_root() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    let copy = |from: &str, to: &str| {
        let bytes = std::fs::read(from).unwrap_or_else(|e| panic!("{from}: {e}"));
        write_bytes(&r.join(to.trim_start_matches('/')), &bytes);
    };
    copy(
        "/lib64/ld-linux-x86-64.so.2",
        "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
    );
    std::fs::create_dir_all(r.join("lib64")).unwrap();
    std::os::unix::fs::symlink(
        "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
        r.join("lib64/ld-linux-x86-64.so.2"),
    )
    .unwrap();
    copy(
        "/lib/x86_64-linux-gnu/libc.so.6",
        "/lib/x86_64-linux-gnu/libc.so.6",
    );
    // env(1) sets the trace variable for the loader only: set on chroot(8)
    // itself, it would make the (dynamic) chroot binary trace itself.
    copy("/usr/bin/env", ENV_IN_ROOT);
    t
}

/// Where the test root keeps its copy of env(1) (it needs only libc).
pub const ENV_IN_ROOT: &str = "/relf-test/env";

/// The real loader's trace of `program` (a path inside `root`).
pub fn chroot_trace(root: &Path, program: &str) -> String {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    // chroot(8) lives in /usr/sbin, often not on a user's PATH.
    let chroot = ["/usr/sbin/chroot", "/sbin/chroot"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .unwrap_or("chroot");
    let mut cmd = if is_root {
        Command::new(chroot)
    } else {
        let mut c = Command::new("unshare");
        c.args(["-r", chroot]);
        c
    };
    let out = cmd
        .arg(root)
        .arg(ENV_IN_ROOT)
        .arg("-i")
        .arg("LD_TRACE_LOADED_OBJECTS=1")
        .arg(LDSO)
        .arg(program)
        .env_clear()
        .output()
        .expect("chroot (coreutils) or unshare (util-linux)");
    assert!(
        out.status.success() || !out.stdout.is_empty(),
        "the real loader did not run in the root: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    strip_addresses(&String::from_utf8_lossy(&out.stdout))
}

fn relf_in_root(root: &Path, program: &str, origin: OriginMode) -> String {
    let env = LoaderEnv {
        cwd: b"/".to_vec(),
        origin,
        ..Default::default()
    };
    let mut loader = Loader::new(Root::new(root), env);
    let g = loader.resolve(program.as_bytes()).expect("resolves");
    let mut out = Vec::new();
    write_ldd(&mut out, &g);
    String::from_utf8(out).unwrap()
}

fn agree(root: &Path, program: &str) -> String {
    let expected = chroot_trace(root, program);
    let actual = relf_in_root(root, program, OriginMode::Ldd);
    assert_eq!(
        actual, expected,
        "relf ldd --root differs from the chrooted loader for {program}"
    );
    actual
}

fn in_root(root: &Path, p: &str) -> PathBuf {
    root.join(p.trim_start_matches('/'))
}

#[test]
fn symlinks_never_leave_the_root() {
    let t = glibc_root();
    let r = t.path();
    // A real, valid library outside the root, reachable from the host.
    let outside = tempfile::tempdir().unwrap();
    Obj::lib("libesc.so").write(&outside.path().join("libesc.so"));
    Obj::lib("libdd.so").write(&outside.path().join("libdd.so"));
    let lib = in_root(r, "/opt/app/lib");
    std::fs::create_dir_all(&lib).unwrap();
    // Absolute link to the host file.
    std::os::unix::fs::symlink(outside.path().join("libesc.so"), lib.join("libesc.so")).unwrap();
    // `..` chain long enough to climb out of the root on the host.
    let up = "../".repeat(32);
    let rel = format!("{up}{}", outside.path().join("libdd.so").display());
    std::os::unix::fs::symlink(rel, lib.join("libdd.so")).unwrap();
    // Symlink loop.
    std::os::unix::fs::symlink("libloop.so", lib.join("libloop.so")).unwrap();
    Obj::exe()
        .needs(&["libesc.so", "libdd.so", "libloop.so", "libc.so.6"])
        .runpath("/opt/app/lib")
        .write(&in_root(r, "/opt/app/bin/app"));
    let out = agree(r, "/opt/app/bin/app");
    for name in ["libesc.so", "libdd.so", "libloop.so"] {
        assert!(out.contains(&format!("{name} => not found")), "{out}");
    }
    assert!(
        out.contains("libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6"),
        "{out}"
    );
}

#[test]
fn a_symlink_loop_abandons_the_rest_of_the_list() {
    let t = glibc_root();
    let r = t.path();
    std::fs::create_dir_all(in_root(r, "/opt/loop")).unwrap();
    std::os::unix::fs::symlink("libz.so", in_root(r, "/opt/loop/libz.so")).unwrap();
    Obj::lib("libz.so").write(&in_root(r, "/opt/good/libz.so"));
    Obj::lib("libz.so").write(&in_root(r, "/opt/rpathdir/libz.so"));
    Obj::exe()
        .needs(&["libz.so", "libc.so.6"])
        .runpath("/opt/loop:/opt/good")
        .write(&in_root(r, "/bin/app"));
    let out = agree(r, "/bin/app");
    assert!(out.contains("libz.so => not found"), "{out}");
}

#[test]
fn symlinked_directories_and_origin_inside_the_root() {
    let t = glibc_root();
    let r = t.path();
    Obj::lib("libo1.so").write(&in_root(r, "/opt/app/lib/libo1.so"));
    Obj::exe()
        .needs(&["libo1.so", "libc.so.6"])
        .rpath("$ORIGIN/../lib")
        .write(&in_root(r, "/opt/app/bin/app"));
    // /opt/current -> /opt/app (absolute, to be read inside the root), and a
    // program link in /usr/bin.
    std::os::unix::fs::symlink("/opt/app", in_root(r, "/opt/current")).unwrap();
    std::fs::create_dir_all(in_root(r, "/usr/bin")).unwrap();
    std::os::unix::fs::symlink("/opt/current/bin/app", in_root(r, "/usr/bin/app")).unwrap();
    // Through the symlinked directory, $ORIGIN is /opt/current/bin as given.
    let out = agree(r, "/opt/current/bin/app");
    assert!(
        out.contains("libo1.so => /opt/current/bin/../lib/libo1.so"),
        "{out}"
    );
    // Through /usr/bin/app, ld.so (and ldd) take $ORIGIN from the path given
    // and miss the library...
    let out = agree(r, "/usr/bin/app");
    assert!(out.contains("libo1.so => not found"), "{out}");
    // ...while the program really run has $ORIGIN = its real directory,
    // resolved inside the root: relf's default.
    let run = relf_in_root(r, "/usr/bin/app", OriginMode::Run);
    assert!(
        run.contains("libo1.so => /opt/app/bin/../lib/libo1.so"),
        "{run}"
    );
}

/// The cache step: a library in a directory named only by ld.so.conf, and a
/// copy of another in both that directory and a system directory. The real
/// loader reads the cache `ldconfig -r` wrote into the root; relf reads the
/// same cache, and without it emulates it from ld.so.conf; a stale entry
/// (file deleted after ldconfig ran) falls through to the system dirs.
#[test]
fn ld_so_cache_and_its_ld_so_conf_emulation() {
    let t = glibc_root();
    let r = t.path();
    Obj::lib("libextra.so.1").write(&in_root(r, "/opt/extra/libextra.so.1"));
    Obj::lib("libdup.so.1").write(&in_root(r, "/opt/extra/libdup.so.1"));
    Obj::lib("libdup.so.1").write(&in_root(r, "/lib/x86_64-linux-gnu/libdup.so.1"));
    Obj::lib("libstale.so.1").write(&in_root(r, "/opt/extra/libstale.so.1"));
    Obj::lib("libstale.so.1").write(&in_root(r, "/usr/lib/x86_64-linux-gnu/libstale.so.1"));
    write_bytes(
        &in_root(r, "/etc/ld.so.conf"),
        b"include /etc/ld.so.conf.d/*.conf\n",
    );
    write_bytes(
        &in_root(r, "/etc/ld.so.conf.d/extra.conf"),
        b"# extra libraries\n/opt/extra\n",
    );
    Obj::exe()
        .needs(&["libextra.so.1", "libdup.so.1", "libstale.so.1", "libc.so.6"])
        .write(&in_root(r, "/bin/app"));
    let ldconfig = ["/usr/sbin/ldconfig", "/sbin/ldconfig"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("ldconfig (libc-bin)");
    let st = Command::new(ldconfig)
        .arg("-r")
        .arg(r)
        .arg("-X")
        .status()
        .unwrap();
    assert!(st.success(), "ldconfig -r");
    assert!(in_root(r, "/etc/ld.so.cache").exists());
    let with_cache = agree(r, "/bin/app");
    assert!(
        with_cache.contains("libextra.so.1 => /opt/extra/libextra.so.1"),
        "{with_cache}"
    );
    assert!(
        with_cache.contains("libdup.so.1 => /opt/extra/libdup.so.1"),
        "{with_cache}"
    );
    // Without a cache the loader skips the step (system dirs only); relf's
    // emulation answers what the cache ldconfig would write contains.
    let cache = std::fs::read(in_root(r, "/etc/ld.so.cache")).unwrap();
    std::fs::remove_file(in_root(r, "/etc/ld.so.cache")).unwrap();
    let emulated = relf_in_root(r, "/bin/app", OriginMode::Ldd);
    assert_eq!(
        emulated, with_cache,
        "ld.so.conf emulation vs the cache ldconfig wrote"
    );
    // A stale entry: the cached path is gone, the search goes on.
    write_bytes(&in_root(r, "/etc/ld.so.cache"), &cache);
    std::fs::remove_file(in_root(r, "/opt/extra/libstale.so.1")).unwrap();
    let stale = agree(r, "/bin/app");
    assert!(
        stale.contains("libstale.so.1 => /usr/lib/x86_64-linux-gnu/libstale.so.1"),
        "{stale}"
    );
}
