//! `relf ldd` through the binary: the tree, explain and JSON formats
//! (snapshots: these are relf's own formats, not parity outputs), `--strict`
//! exit statuses, and ldd-compatible statuses. A small root built in a
//! temporary directory keeps every printed path stable.

use std::path::Path;

use crate::support::relf;
use crate::synth::{with_machine, write_bytes, Obj};

/// A root with a program whose dependencies exercise every tree marker:
/// found through RUNPATH, a repeated subtree, a library missing, and one
/// that exists only for another architecture.
fn sample_root() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    let ldso = std::fs::read("/lib64/ld-linux-x86-64.so.2").unwrap();
    write_bytes(&r.join("lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"), &ldso);
    std::fs::create_dir_all(r.join("lib64")).unwrap();
    std::os::unix::fs::symlink(
        "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
        r.join("lib64/ld-linux-x86-64.so.2"),
    )
    .unwrap();
    Obj::lib("libc.so.6")
        .needs(&["ld-linux-x86-64.so.2"])
        .write(&r.join("lib/x86_64-linux-gnu/libc.so.6"));
    Obj::lib("libcore.so.1")
        .needs(&["libc.so.6"])
        .write(&r.join("opt/app/lib/libcore.so.1"));
    Obj::lib("libui.so.1")
        .needs(&["libcore.so.1", "libgone.so.2", "libc.so.6"])
        .runpath("$ORIGIN")
        .write(&r.join("opt/app/lib/libui.so.1"));
    let arm = with_machine(&Obj::lib("libarm.so").build(), 183);
    write_bytes(&r.join("opt/app/lib/libarm.so"), &arm);
    Obj::exe()
        .needs(&["libui.so.1", "libcore.so.1", "libarm.so", "libc.so.6"])
        .runpath("$ORIGIN/../lib")
        .write(&r.join("opt/app/bin/app"));
    t
}

fn stdout(root: &Path, args: &[&str]) -> (String, Option<i32>) {
    let out = relf()
        .arg("ldd")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.code())
}

#[test]
fn ldd_lines_and_compatible_status() {
    let t = sample_root();
    let (out, code) = stdout(t.path(), &["/opt/app/bin/app"]);
    insta::assert_snapshot!("ldd_lines", out);
    assert_eq!(
        code,
        Some(0),
        "glibc's ldd exits 0 even when libraries are not found"
    );
}

#[test]
fn tree_and_explain_formats() {
    let t = sample_root();
    let (tree, _) = stdout(t.path(), &["--tree", "--color=never", "/opt/app/bin/app"]);
    insta::assert_snapshot!("tree", tree);
    let (all, _) = stdout(t.path(), &["--tree", "--all", "/opt/app/bin/app"]);
    insta::assert_snapshot!("tree_all", all);
    let (shallow, _) = stdout(
        t.path(),
        &["--tree", "--max-depth", "1", "/opt/app/bin/app"],
    );
    insta::assert_snapshot!("tree_depth_1", shallow);
    let (why, _) = stdout(t.path(), &["--why", "libarm.so", "/opt/app/bin/app"]);
    insta::assert_snapshot!("why_libarm", why);
}

#[test]
fn strict_statuses() {
    let t = sample_root();
    // libarm.so exists only for aarch64: "wrong architecture" (4) beats
    // "not found" (3).
    let (_, code) = stdout(t.path(), &["--strict", "/opt/app/bin/app"]);
    assert_eq!(code, Some(4));
    let (_, code) = stdout(t.path(), &["--strict", "/opt/app/lib/libcore.so.1"]);
    assert_eq!(code, Some(0));
    std::fs::remove_file(t.path().join("lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")).unwrap();
    let (_, code) = stdout(t.path(), &["--strict", "/opt/app/lib/libcore.so.1"]);
    assert_eq!(code, Some(5), "interpreter missing in the root");
    write_bytes(
        &t.path().join("etc/motd"),
        b"welcome, this is not an ELF file at all\n",
    );
    let (_, code) = stdout(t.path(), &["--strict", "/etc/motd"]);
    assert_eq!(code, Some(6));
    let (_, code) = stdout(t.path(), &["/etc/motd"]);
    assert_eq!(code, Some(1));
}

#[test]
fn json_graph() {
    #[derive(serde::Deserialize)]
    struct Doc {
        schema_version: u32,
        command: String,
        files: Vec<File>,
    }
    #[derive(serde::Deserialize)]
    struct File {
        path: String,
        ldd: Ldd,
    }
    #[derive(serde::Deserialize)]
    struct Ldd {
        flavor: String,
        arch: String,
        linkage: String,
        objects: Vec<Object>,
        edges: Vec<Edge>,
        ldd_lines: Vec<String>,
    }
    #[derive(serde::Deserialize)]
    struct Object {
        path: String,
        found: bool,
        found_via: String,
        via_object: Option<usize>,
        tried: Vec<Tried>,
    }
    #[derive(serde::Deserialize)]
    struct Tried {
        result: String,
    }
    #[derive(serde::Deserialize)]
    struct Edge {
        from: usize,
        name: String,
        to: usize,
    }
    let t = sample_root();
    let (out, _) = stdout(t.path(), &["--json", "/opt/app/bin/app"]);
    let doc: Doc = serde_json::from_str(&out).unwrap();
    assert_eq!((doc.schema_version, doc.command.as_str()), (1, "ldd"));
    let f = &doc.files[0];
    assert_eq!(f.path, "/opt/app/bin/app");
    assert_eq!(
        (
            f.ldd.flavor.as_str(),
            f.ldd.arch.as_str(),
            f.ldd.linkage.as_str()
        ),
        ("glibc", "x86_64", "dynamic")
    );
    let ui = f
        .ldd
        .objects
        .iter()
        .find(|o| o.path == "/opt/app/bin/../lib/libui.so.1")
        .unwrap();
    assert!(ui.found);
    assert_eq!((ui.found_via.as_str(), ui.via_object), ("runpath", Some(0)));
    let arm = &f.ldd.objects[f
        .ldd
        .edges
        .iter()
        .find(|e| e.name == "libarm.so")
        .unwrap()
        .to];
    assert!(!arm.found);
    assert!(arm.tried.iter().any(|c| c.result == "wrong-machine"));
    assert!(f.ldd.edges.iter().all(|e| e.from < f.ldd.objects.len()));
    assert!(f
        .ldd
        .ldd_lines
        .contains(&"\tlibgone.so.2 => not found".to_string()));
}
