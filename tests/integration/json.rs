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
    notes: Option<Vec<NoteBlock>>,
}

#[derive(Debug, Deserialize)]
struct NoteBlock {
    origin: String,
    name: Option<String>,
    notes: Vec<Note>,
}

#[derive(Debug, Deserialize)]
struct Note {
    owner: Option<String>,
    #[serde(rename = "type")]
    n_type: Named<u32>,
    desc: String,
    build_id: Option<String>,
    abi_tag: Option<AbiTag>,
    properties: Option<Vec<Property>>,
    x86_features: Option<X86Features>,
}

#[derive(Debug, Deserialize)]
struct AbiTag {
    os: Named<u32>,
    version: String,
}

#[derive(Debug, Deserialize)]
struct Property {
    #[serde(rename = "type")]
    pr_type: Named<u32>,
    data: String,
}

#[derive(Debug, Deserialize)]
struct X86Features {
    ibt: bool,
    shstk: bool,
    isa_needed: Option<u32>,
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

#[test]
fn notes_json() {
    let cet = fixtures_dir().join("x86_64-cet");
    let noshdr = fixtures_dir().join("x86_64-noshdr");
    let (doc, code) = json(&["notes"], &[cet, noshdr]);
    assert_eq!(code, Some(0));
    assert_eq!(doc.command, "notes");
    let blocks = doc.files[0].notes.as_ref().unwrap();
    assert!(blocks.iter().all(|b| b.origin == "section"));
    let prop_block = blocks
        .iter()
        .find(|b| b.name.as_deref() == Some(".note.gnu.property"))
        .unwrap();
    let prop = &prop_block.notes[0];
    assert_eq!(prop.owner.as_deref(), Some("GNU"));
    assert_eq!(prop.n_type.value, 5);
    assert_eq!(prop.n_type.name, "NT_GNU_PROPERTY_TYPE_0");
    let x86 = prop.x86_features.as_ref().unwrap();
    assert!(x86.ibt && x86.shstk);
    assert_eq!(x86.isa_needed, Some(1));
    let props = prop.properties.as_ref().unwrap();
    assert_eq!(props[0].pr_type.value, 0xc000_0002);
    assert_eq!(props[0].pr_type.name, "x86 feature: IBT, SHSTK");
    assert_eq!(props[0].data, "03000000");

    let all: Vec<&Note> = blocks.iter().flat_map(|b| &b.notes).collect();
    let id = all.iter().find_map(|n| n.build_id.as_deref()).unwrap();
    assert_eq!(id.len(), 40);
    let build_id_note = all.iter().find(|n| n.n_type.value == 3).unwrap();
    assert_eq!(build_id_note.desc, id);
    let tag = all.iter().find_map(|n| n.abi_tag.as_ref()).unwrap();
    assert_eq!((tag.os.value, tag.os.name.as_str()), (0, "Linux"));
    assert_eq!(tag.version, "3.2.0");

    // Without section headers the notes come from PT_NOTE segments.
    let blocks = doc.files[1].notes.as_ref().unwrap();
    assert!(!blocks.is_empty());
    assert!(blocks
        .iter()
        .all(|b| b.origin == "segment" && b.name.is_none()));
}
