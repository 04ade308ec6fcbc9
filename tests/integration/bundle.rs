//! `relf bundle`: programs bundled from the host, from a container image
//! and from the Debian arm64 root are *run* from the bundle (the only place
//! the suite executes anything, and it executes the bundle, not relf's
//! input): `chroot DIR` for the host's glibc and musl programs, qemu-user
//! with `-L DIR` for arm64. Each bundle is then audited by relf (no
//! findings), and its ld.so.cache is read back by the real `ldconfig -p -C`.
//! Also: the destination safety rules, `--dry-run`, `--json`, reruns.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::foreign::{root as foreign_root, ARM64};
use crate::image_build::{host_glibc_root, Comp, Layer, Oci};
use crate::support::relf;

fn bundle(args: &[&str], dir: &Path) -> std::process::Output {
    let out = relf()
        .arg("bundle")
        .args(args)
        .arg("--to")
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "relf bundle {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `prog args` inside `dir` with chroot(8); returns stdout.
fn in_chroot(dir: &Path, prog: &str, args: &[&str]) -> String {
    let out = Command::new("chroot")
        .arg(dir)
        .arg(prog)
        .args(args)
        .env_clear()
        .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
        .output()
        .expect("chroot(8) (coreutils) is needed; the tests run as root");
    assert!(
        out.status.success(),
        "chroot {} {prog} {args:?}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `relf audit DIR` finds nothing.
fn audit_is_clean(dir: &Path) {
    let out = relf().args(["audit", "--json"]).arg(dir).output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"], Value::Array(Vec::new()), "{doc}");
    assert_eq!(out.status.code(), Some(0));
}

/// The real ldconfig reads the bundle's cache, and every path it lists
/// resolves inside the bundle.
fn cache_reads_back(dir: &Path, entries: usize) {
    let cache = dir.join("etc/ld.so.cache");
    let out = Command::new("ldconfig")
        .arg("-p")
        .arg("-C")
        .arg(&cache)
        .output()
        .expect("ldconfig");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        text.starts_with(&format!("{entries} libs found in cache")),
        "{text}"
    );
    let root = relf::loader::root::Root::new(dir);
    for line in text.lines().skip(1).filter(|l| l.contains(" => ")) {
        let path = line.rsplit(" => ").next().unwrap();
        let (_, meta) = root
            .metadata(path.as_bytes(), b"/")
            .unwrap_or_else(|e| panic!("{path} listed by ldconfig: {e}"));
        assert!(meta.is_file(), "{path}");
    }
}

fn cache_entries(json: &Value) -> usize {
    json["config"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "ld.so.cache")
        .and_then(|c| c["entries"].as_u64())
        .expect("an ld.so.cache is written") as usize
}

#[test]
fn ls_bash_and_python3_start_from_their_bundle() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("b");
    let out = bundle(
        &["--json", "/usr/bin/ls", "/bin/bash", "/usr/bin/python3"],
        &dir,
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["command"], "bundle");
    let listing = in_chroot(&dir, "/usr/bin/ls", &["/"]);
    for name in ["etc", "usr"] {
        assert!(listing.lines().any(|l| l == name), "{listing}");
    }
    assert_eq!(in_chroot(&dir, "/bin/bash", &["-c", "echo ok"]), "ok\n");
    audit_is_clean(&dir);
    cache_reads_back(&dir, cache_entries(&doc));
    // The symlink chain of /usr/bin/python3 is kept.
    let link = std::fs::read_link(dir.join("usr/bin/python3")).unwrap();
    assert_eq!(link, std::fs::read_link("/usr/bin/python3").unwrap());
    // Python also needs its standard library, which is not ELF: the test
    // copies it in (found by name, without running the host's python).
    let target = link.to_string_lossy().into_owned();
    let stdlib = Path::new("/usr/lib").join(&target);
    assert!(stdlib.is_dir(), "no {}", stdlib.display());
    let st = Command::new("cp")
        .arg("-a")
        .arg(&stdlib)
        .arg(dir.join("usr/lib"))
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(
        in_chroot(&dir, "/usr/bin/python3", &["-c", "print(1)"]),
        "1\n"
    );
}

#[test]
fn a_musl_program_starts_from_its_bundle() {
    let t = tempfile::tempdir().unwrap();
    let c = t.path().join("hello.c");
    std::fs::write(
        &c,
        "#include <stdio.h>\nint main(void) { puts(\"hello from musl\"); return 0; }\n",
    )
    .unwrap();
    let exe = t.path().join("hello");
    let st = Command::new("musl-gcc")
        .arg("-o")
        .arg(&exe)
        .arg(&c)
        .status()
        .expect("musl-gcc (musl-tools) is needed; tests/run.sh installs it");
    assert!(st.success());
    let dir = t.path().join("b");
    let out = bundle(&[exe.to_str().unwrap()], &dir);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("interpreter "), "{text}");
    assert_eq!(
        in_chroot(&dir, exe.to_str().unwrap(), &[]),
        "hello from musl\n"
    );
    audit_is_clean(&dir);
}

#[test]
fn bash_from_an_image_starts_from_its_bundle() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path().join("root");
    host_glibc_root(&r);
    let archive = t.path().join("img.tar");
    Oci::single("amd64", &[Layer::from_dir(&r).blob(Comp::Gzip)]).write_archive(&archive);
    let dir = t.path().join("b");
    let out = bundle(&["--root", archive.to_str().unwrap(), "/bin/bash"], &dir);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    // host_glibc_root has no ld.so.cache: the bundle says so.
    assert!(text.contains("no ld.so.cache"), "{text}");
    assert!(!dir.join("etc/ld.so.cache").exists());
    assert_eq!(in_chroot(&dir, "/bin/bash", &["-c", "echo ok"]), "ok\n");
    audit_is_clean(&dir);
}

#[test]
fn ls_from_the_arm64_root_runs_under_qemu_from_its_bundle() {
    let root = foreign_root(&ARM64);
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("b");
    bundle(&["--root", root.to_str().unwrap(), "/usr/bin/ls"], &dir);
    let out = Command::new(ARM64.qemu)
        .arg("-L")
        .arg(&dir)
        .arg(dir.join("usr/bin/ls"))
        .arg("--version")
        .env_clear()
        .output()
        .expect("qemu-user is needed; tests/run.sh installs it");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.starts_with("ls (GNU coreutils)"),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    audit_is_clean(&dir);
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    v.sort();
    v
}

#[test]
fn destinations_are_checked_and_nothing_is_overwritten_without_force() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path().join("root");
    host_glibc_root(&r);
    let rs = r.to_str().unwrap();
    // `/`, the root itself and a parent of it are refused.
    for to in ["/", rs, t.path().to_str().unwrap()] {
        let out = relf()
            .args(["bundle", "--root", rs, "/bin/bash", "--to", to])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "--to {to}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("refusing to write"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // --dry-run writes nothing and lists what a run writes.
    let dir = t.path().join("b");
    let dry = bundle(&["--root", rs, "--dry-run", "--json", "/bin/bash"], &dir);
    assert!(!dir.exists());
    let doc: Value = serde_json::from_slice(&dry.stdout).unwrap();
    let mut planned: Vec<PathBuf> = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| PathBuf::from(e["path"].as_str().unwrap().trim_start_matches('/')))
        .collect();
    planned.push(PathBuf::new());
    planned.sort();
    bundle(&["--root", rs, "/bin/bash"], &dir);
    assert_eq!(files_under(&dir), planned);
    // A second run changes nothing.
    let again = bundle(&["--root", rs, "--json", "/bin/bash"], &dir);
    let doc: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(doc["written"]["created"], 0, "{doc}");
    assert_eq!(doc["written"]["replaced"], 0, "{doc}");
    // A differing file is kept unless --force.
    let bash = dir.join("bin/bash");
    std::fs::write(&bash, b"not bash").unwrap();
    let out = relf()
        .args(["bundle", "--root", rs, "/bin/bash", "--to"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(std::fs::read(&bash).unwrap(), b"not bash");
    bundle(&["--root", rs, "--force", "/bin/bash"], &dir);
    assert_eq!(
        std::fs::read(&bash).unwrap(),
        std::fs::read(r.join("bin/bash")).unwrap()
    );
    // A symlink planted on the way out of DIR is refused, not followed.
    let outside = t.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let dir2 = t.path().join("b2");
    std::fs::create_dir(&dir2).unwrap();
    std::os::unix::fs::symlink(&outside, dir2.join("lib")).unwrap();
    let out = relf()
        .args(["bundle", "--root", rs, "/bin/bash", "--force", "--to"])
        .arg(&dir2)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
}

#[test]
fn required_dlopen_libraries_are_bundled_and_the_others_are_not() {
    let t = tempfile::tempdir().unwrap();
    let notes = r#"[{"soname":["libz.so.1"],"feature":"zlib","priority":"required"},{"soname":["libzstd.so.1"],"priority":"suggested"}]"#;
    let prog = crate::dlopen_notes::build(t.path(), "app", &[notes], false, &[]);
    let dir = t.path().join("b");
    let out = bundle(&["--json", prog.to_str().unwrap()], &dir);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let roles: Vec<(String, String)> = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let path = e["path"].as_str().unwrap();
            let base = path.rsplit('/').next().unwrap().to_string();
            (base, e["role"].as_str().unwrap().to_string())
        })
        .collect();
    assert!(
        roles
            .iter()
            .any(|(b, r)| b.starts_with("libz.so.1") && r == "dlopen"),
        "{roles:?}"
    );
    assert!(
        !roles.iter().any(|(b, _)| b.starts_with("libzstd")),
        "{roles:?}"
    );
    // What the real loader would open for libz.so.1 is there.
    let root = relf::loader::root::Root::new(&dir);
    let (_, meta) = root
        .metadata(b"/lib/x86_64-linux-gnu/libz.so.1", b"/")
        .expect("libz.so.1 in the bundle");
    assert!(meta.is_file());
    assert_eq!(in_chroot(&dir, prog.to_str().unwrap(), &[]), "");
    audit_is_clean(&dir);
    // A required library that is nowhere: reported, exit 1, the rest copied.
    let gone = r#"[{"soname":["libgone.so.7"],"priority":"required"}]"#;
    let prog = crate::dlopen_notes::build(t.path(), "gone", &[gone], false, &[]);
    let dir = t.path().join("b2");
    let out = relf()
        .args(["bundle", prog.to_str().unwrap(), "--to"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("libgone.so.7 not found (dlopen note of"),
        "{err}"
    );
    assert_eq!(in_chroot(&dir, prog.to_str().unwrap(), &[]), "");
}
