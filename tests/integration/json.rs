//! The `--json` output read back with the tests' own types: the schema is a
//! contract with consumers, so these structs are written from README's
//! schema description, not shared with the library.

use serde::Deserialize;

use crate::support::{fixtures_dir, relf};

#[derive(Debug, Deserialize)]
struct Document {
    schema_version: u32,
    command: String,
    files: Vec<FileReport>,
}

#[derive(Debug, Deserialize)]
struct FileReport {
    path: String,
    error: Option<String>,
    header: Option<Header>,
    segments: Option<Vec<Segment>>,
    sections: Option<Vec<Section>>,
    dynamic: Option<Dynamic>,
}

#[derive(Debug, Deserialize)]
struct Named<T> {
    value: T,
    name: String,
}

#[derive(Debug, Deserialize)]
struct Header {
    class: String,
    byte_order: String,
    machine: Named<u16>,
    #[serde(rename = "type")]
    e_type: Named<u16>,
    entry: u64,
    phnum: u16,
    shnum: u16,
    interpreter: Option<String>,
    is_pie: bool,
}

#[derive(Debug, Deserialize)]
struct Segment {
    index: usize,
    #[serde(rename = "type")]
    p_type: Named<u32>,
    flags: Named<u32>,
    interpreter: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Section {
    index: usize,
    name: Option<String>,
    #[serde(rename = "type")]
    sh_type: Named<u32>,
    flags: Named<u64>,
    size: u64,
}

#[derive(Debug, Deserialize)]
struct Dynamic {
    entries: Vec<DynamicEntry>,
    needed: Vec<String>,
    soname: Option<String>,
    runpath: Option<String>,
}

#[derive(Debug, Deserialize)]
struct DynamicEntry {
    tag: Named<u64>,
    string: Option<String>,
}

fn json(args: &[&str], files: &[std::path::PathBuf]) -> (Document, Option<i32>) {
    let out = relf()
        .args(args)
        .arg("--json")
        .args(files)
        .output()
        .unwrap();
    let doc: Document = serde_json::from_slice(&out.stdout).expect("valid JSON document");
    assert_eq!(doc.schema_version, 1);
    (doc, out.status.code())
}

#[test]
fn headers_json() {
    let pie = fixtures_dir().join("x86_64-pie");
    let be = fixtures_dir().join("s390x-pie");
    let (doc, code) = json(&["headers"], &[pie, be]);
    assert_eq!(code, Some(0));
    assert_eq!(doc.command, "headers");
    let h = doc.files[0].header.as_ref().unwrap();
    assert_eq!(h.class, "elf64");
    assert_eq!(h.byte_order, "little");
    assert_eq!(
        (h.machine.value, h.machine.name.as_str()),
        (62, "Advanced Micro Devices X86-64")
    );
    assert_eq!(h.e_type.value, 3);
    assert_eq!(h.e_type.name, "DYN (Position-Independent Executable file)");
    assert!(h.is_pie);
    assert_ne!(h.entry, 0);
    assert!(h.phnum > 0 && h.shnum > 0);
    assert_eq!(
        h.interpreter.as_deref(),
        Some("/lib64/ld-linux-x86-64.so.2")
    );
    let be = doc.files[1].header.as_ref().unwrap();
    assert_eq!(be.byte_order, "big");
    assert_eq!(be.machine.value, 22);
}

#[test]
fn segments_sections_dynamic_json() {
    let lib = fixtures_dir().join("libx86_64-shared.so");
    let pie = fixtures_dir().join("x86_64-pie");
    let (doc, _) = json(&["segments"], std::slice::from_ref(&pie));
    let segs = doc.files[0].segments.as_ref().unwrap();
    let interp = segs
        .iter()
        .find(|s| s.p_type.name == "INTERP")
        .expect("INTERP segment");
    assert_eq!(interp.p_type.value, 3);
    assert_eq!(interp.flags.name, "R");
    assert_eq!(
        interp.interpreter.as_deref(),
        Some("/lib64/ld-linux-x86-64.so.2")
    );
    assert!(segs.iter().enumerate().all(|(i, s)| s.index == i));

    let (doc, _) = json(&["sections"], &[pie]);
    let secs = doc.files[0].sections.as_ref().unwrap();
    let text = secs
        .iter()
        .find(|s| s.name.as_deref() == Some(".text"))
        .unwrap();
    assert_eq!(text.sh_type.name, "PROGBITS");
    assert_eq!(text.flags.name, "AX");
    assert_eq!(text.flags.value, 6);
    assert!(text.size > 0 && text.index > 0);

    let (doc, _) = json(&["dynamic"], &[lib]);
    let d = doc.files[0].dynamic.as_ref().unwrap();
    assert_eq!(d.needed, vec!["libc.so.6".to_string()]);
    assert_eq!(d.soname.as_deref(), Some("libx86_64-shared.so"));
    assert_eq!(d.runpath.as_deref(), Some("$ORIGIN/../lib"));
    let needed = d.entries.iter().find(|e| e.tag.value == 1).unwrap();
    assert_eq!(needed.tag.name, "NEEDED");
    assert_eq!(needed.string.as_deref(), Some("libc.so.6"));
}

#[test]
fn json_reports_errors_per_file() {
    let (doc, code) = json(
        &["headers"],
        &["/nonexistent".into(), fixtures_dir().join("x86_64-pie")],
    );
    assert_eq!(code, Some(1));
    assert_eq!(doc.files.len(), 2);
    assert_eq!(doc.files[0].path, "/nonexistent");
    assert_eq!(doc.files[0].error.as_deref(), Some("no such file"));
    assert!(doc.files[1].header.is_some());
    let (doc, _) = json(&["dynamic"], &[fixtures_dir().join("x86_64-static")]);
    assert!(doc.files[0].dynamic.is_none() && doc.files[0].error.is_none());
}
