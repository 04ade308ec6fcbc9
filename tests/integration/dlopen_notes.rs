//! dlopen metadata notes (`.note.dlopen`, owner `FDO`, type 0x407c0c0a;
//! systemd's ELF_DLOPEN_METADATA) in objects gcc builds at test time from an
//! assembler note, as systemd's `SD_ELF_NOTE_DLOPEN` lays it out:
//!
//! - `relf notes` and `relf readelf -n` stay byte-identical to the real
//!   readelf 2.40 (which does not decode the type);
//! - `relf notes --json` gives the records the test wrote (priority
//!   `recommended` when absent), or the decoding error;
//! - `relf ldd --tree` shows them as weak edges, each name resolved where
//!   the real ldd resolves the same name as a DT_NEEDED of a probe program
//!   with the same RUNPATH;
//! - `relf audit` reports `dlopen-missing` for a `required` record none of
//!   whose names is in the root, and nothing for the others.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::image_build::host_glibc_root;
use crate::support::{readelf, relf};

/// An assembler file holding one dlopen note (the JSON NUL-terminated and
/// padded to 4 bytes, as the specification and systemd's macro lay it out).
fn note_asm(dir: &Path, name: &str, json: &str) -> PathBuf {
    let escaped = json.replace('\\', "\\\\").replace('"', "\\\"");
    let s = format!(
        ".pushsection .note.dlopen,\"a\",@note\n.balign 4\n.long 4\n.long 2f-1f\n\
         .long 0x407c0c0a\n.asciz \"FDO\"\n.balign 4\n1: .asciz \"{escaped}\"\n2: .balign 4\n\
         .popsection\n.section .note.GNU-stack,\"\",@progbits\n"
    );
    let path = dir.join(format!("{name}.s"));
    std::fs::write(&path, s).unwrap();
    path
}

fn gcc(args: &[&std::ffi::OsStr]) {
    let out = Command::new("gcc")
        .args(args)
        .output()
        .expect("gcc is needed (tests/run.sh installs it)");
    assert!(
        out.status.success(),
        "gcc {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Builds a program (or, with `shared`, a library) from a trivial C file,
/// the notes of `jsons` and `extra` gcc arguments.
pub fn build(dir: &Path, name: &str, jsons: &[&str], shared: bool, extra: &[&str]) -> PathBuf {
    let c = dir.join(format!("{name}.c"));
    std::fs::write(
        &c,
        "int relf_probe(void) { return 0; }\nint main(void) { return 0; }\n",
    )
    .unwrap();
    let mut args: Vec<std::ffi::OsString> = Vec::new();
    if shared {
        args.extend(["-shared".into(), "-fPIC".into()]);
    }
    let out = dir.join(name);
    args.extend(["-o".into(), out.clone().into(), c.into()]);
    // One assembler file per note: numeric labels stay unique.
    for (i, json) in jsons.iter().enumerate() {
        args.push(note_asm(dir, &format!("{name}-{i}"), json).into());
    }
    args.extend(extra.iter().map(|a| a.into()));
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    gcc(&refs);
    out
}

const THREE: &str = r#"[{"soname":["libz.so.1"],"feature":"zlib","description":"Compression","priority":"required"},{"soname":["libgone.so.2","libgone.so.1"],"priority":"suggested"},{"soname":["libm.so.6"],"feature":"math"}]"#;
const ONE: &str = r#"[{"soname":["libgone.so.9"],"feature":"gone","description":"Never installed","priority":"required"}]"#;
const BROKEN: &str = r#"[{"soname":["libz.so.1"],"priority":"required""#;
const BAD_PRIORITY: &str = r#"[{"soname":["libz.so.1"],"priority":"urgent"}]"#;

#[test]
fn readelf_n_is_unchanged_by_dlopen_notes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files = [
        build(d, "prog", &[THREE], false, &[]),
        build(d, "two.so", &[ONE, THREE], true, &[]),
        build(d, "broken", &[BROKEN, BAD_PRIORITY], false, &[]),
    ];
    for f in &files {
        let want = readelf(&["-nW"], f);
        assert!(
            String::from_utf8_lossy(&want).contains("FDO"),
            "{}: readelf shows no FDO note",
            f.display()
        );
        let got = relf().arg("notes").arg(f).output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got.stdout),
            String::from_utf8_lossy(&want),
            "relf notes {}",
            f.display()
        );
        let want = readelf(&["-n"], f);
        let got = relf().args(["readelf", "-n"]).arg(f).output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got.stdout),
            String::from_utf8_lossy(&want),
            "relf readelf -n {}",
            f.display()
        );
    }
}

/// The `dlopen` objects of `relf notes --json FILE`, in note order.
fn json_dlopen(file: &Path) -> Vec<Value> {
    let out = relf().args(["notes", "--json"]).arg(file).output().unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["files"][0]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|b| b["notes"].as_array().unwrap().iter())
        .filter_map(|n| n.get("dlopen").cloned())
        .collect()
}

/// What the test wrote, as the JSON view should give it back.
fn expected_records(json: &str) -> Value {
    let mut v: Value = serde_json::from_str(json).unwrap();
    for r in v.as_array_mut().unwrap() {
        let o = r.as_object_mut().unwrap();
        for key in ["feature", "description"] {
            o.entry(key).or_insert(Value::Null);
        }
        o.entry("priority").or_insert("recommended".into());
    }
    v
}

#[test]
fn notes_json_gives_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let two = build(d, "two.so", &[ONE, THREE], true, &[]);
    let got = json_dlopen(&two);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0]["records"], expected_records(ONE));
    assert_eq!(got[1]["records"], expected_records(THREE));
    assert!(got[0].get("error").is_none());

    let broken = build(d, "broken", &[BROKEN, BAD_PRIORITY], false, &[]);
    let got = json_dlopen(&broken);
    assert_eq!(got.len(), 2, "{got:?}");
    for (g, what) in got.iter().zip(["invalid JSON", "priority \"urgent\""]) {
        assert_eq!(g["records"], Value::Array(Vec::new()));
        let e = g["error"].as_str().unwrap();
        assert!(e.contains(what), "{e}");
    }
}

/// The paths the real ldd gives for the libraries `prog` needs.
fn ldd_paths(prog: &Path) -> Vec<(String, String)> {
    let out = Command::new("ldd").arg(prog).output().expect("ldd");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let (name, rest) = l.trim().split_once(" => ")?;
            let path = rest.split(" (").next()?.to_string();
            Some((name.to_string(), path))
        })
        .collect()
}

#[test]
fn ldd_tree_resolves_dlopen_names_where_ldd_resolves_needed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // libdl1.so in a RUNPATH directory only.
    let libdir = d.join("lib");
    std::fs::create_dir_all(&libdir).unwrap();
    let c = d.join("l.c");
    std::fs::write(&c, "int dl1(void) { return 1; }\n").unwrap();
    let lib = libdir.join("libdl1.so");
    gcc(&[
        "-shared".as_ref(),
        "-fPIC".as_ref(),
        "-Wl,-soname,libdl1.so".as_ref(),
        "-o".as_ref(),
        lib.as_ref(),
        c.as_ref(),
    ]);
    let rpath = format!("-Wl,-rpath,{},--enable-new-dtags", libdir.display());
    let notes = r#"[{"soname":["libdl1.so"],"priority":"required"},{"soname":["libgone.so.3","libm.so.6"],"priority":"suggested"},{"soname":["libgone.so.4"]}]"#;
    let prog = build(d, "prog", &[notes], false, &[&rpath]);
    // The probe needs the same names as DT_NEEDED, with the same RUNPATH.
    let probe = build(
        d,
        "probe",
        &[],
        false,
        &["-Wl,--no-as-needed", &rpath, lib.to_str().unwrap(), "-lm"],
    );
    let oracle = ldd_paths(&probe);
    let path_of = |n: &str| {
        oracle
            .iter()
            .find(|(name, _)| name == n)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| panic!("ldd {}: no {n}: {oracle:?}", probe.display()))
    };
    let out = relf().args(["ldd", "--tree"]).arg(&prog).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let want = [
        format!(
            "├── libdl1.so => {} [runpath] (dlopen, priority required)",
            path_of("libdl1.so")
        ),
        format!(
            "├── libm.so.6 => {} [ld.so.cache] (dlopen, priority suggested)",
            path_of("libm.so.6")
        ),
        "└── libgone.so.4 not found (dlopen, priority recommended)".to_string(),
    ];
    for w in &want {
        assert!(text.lines().any(|l| l == w), "no line {w:?} in:\n{text}");
    }
    // Plain ldd output is untouched by the notes.
    let plain = relf().arg("ldd").arg(&prog).output().unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("libdl1"));
}

#[test]
fn audit_reports_a_missing_required_dlopen_library() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path().join("root");
    host_glibc_root(&r);
    let zlib = Path::new("/lib/x86_64-linux-gnu/libz.so.1");
    std::fs::copy(zlib, r.join("lib/x86_64-linux-gnu/libz.so.1")).unwrap();
    let prog = build(t.path(), "app", &[THREE, ONE], false, &[]);
    std::fs::create_dir_all(r.join("usr/bin")).unwrap();
    std::fs::copy(&prog, r.join("usr/bin/app")).unwrap();

    let out = relf().args(["audit", "--json"]).arg(&r).output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(&str, &str)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["class"].as_str().unwrap(), f["subject"].as_str().unwrap()))
        .collect();
    // libz.so.1 (required) is there, libgone.so.2|1 only suggested.
    assert_eq!(found, [("dlopen-missing", "libgone.so.9")], "{doc}");
    assert_eq!(out.status.code(), Some(11));
    let evidence = doc["findings"][0]["evidence"].as_str().unwrap();
    assert!(
        evidence.contains("/usr/bin/app") && evidence.contains("feature gone"),
        "{evidence}"
    );

    let quiet = relf()
        .args(["audit", "--fail-on", "none"])
        .arg(&r)
        .output()
        .unwrap();
    assert_eq!(quiet.status.code(), Some(0));
    let sarif = relf().args(["audit", "--sarif"]).arg(&r).output().unwrap();
    let log: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "dlopen-missing", "{log}");
    assert_eq!(result["level"], "error");

    // Without the note's library missing, nothing is reported.
    let clean = build(t.path(), "clean", &[THREE], false, &[]);
    std::fs::copy(&clean, r.join("usr/bin/app")).unwrap();
    let out = relf().args(["audit", "--json"]).arg(&r).output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"], Value::Array(Vec::new()), "{doc}");
    assert_eq!(out.status.code(), Some(0));
}
