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
    relocations: Option<Relocations>,
}

#[derive(Debug, Deserialize)]
struct Relocations {
    sections: Vec<RelocationTable>,
    dynamic: Vec<RelocationTable>,
}

#[derive(Debug, Deserialize)]
struct RelocationTable {
    name: Option<String>,
    section_index: Option<usize>,
    format: String,
    offset: u64,
    address: Option<u64>,
    size: u64,
    entries: Vec<Relocation>,
    relr_addresses: Option<Vec<u64>>,
    error: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Relocation {
    offset: u64,
    #[serde(rename = "type")]
    r_type: Named<u32>,
    type2: Option<Named<u32>>,
    type3: Option<Named<u32>>,
    symbol_index: u64,
    symbol: Option<RelocationSymbol>,
    addend: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct RelocationSymbol {
    name: Option<String>,
    version: Option<RelocationSymbolVersion>,
}

#[derive(Debug, Deserialize)]
struct RelocationSymbolVersion {
    name: Option<String>,
    kind: String,
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
fn relocs_json() {
    let obj = fixtures_dir().join("x86_64-reloc.o");
    let relr = fixtures_dir().join("x86_64-relr");
    let mips = fixtures_dir().join("mips64el-reloc.o");
    let i386 = fixtures_dir().join("i386-pie");
    let (doc, code) = json(&["relocs"], &[obj, relr, mips, i386]);
    assert_eq!(code, Some(0));
    assert_eq!(doc.command, "relocs");

    // A relocatable object: RELA sections with section symbols and addends.
    let r = doc.files[0].relocations.as_ref().unwrap();
    let text = &r.sections[0];
    assert_eq!(text.name.as_deref(), Some(".rela.text"));
    assert_eq!(text.format, "rela");
    assert!(text.section_index.is_some() && text.address.is_none());
    assert_eq!(text.size, 24 * text.entries.len() as u64);
    let first = &text.entries[0];
    assert_eq!(
        (first.offset, first.r_type.value, first.r_type.name.as_str()),
        (3, 2, "R_X86_64_PC32")
    );
    assert_eq!(first.addend, Some(-4));
    let sym = first.symbol.as_ref().unwrap();
    assert_eq!(sym.name.as_deref(), Some(".bss"));
    assert!(r.dynamic.is_empty());

    // RELR decoded to addresses; dynamic tables from the dynamic section,
    // with symbol versions.
    let r = doc.files[1].relocations.as_ref().unwrap();
    let relr = r.sections.iter().find(|t| t.format == "relr").unwrap();
    assert_eq!(relr.relr_addresses.as_ref().unwrap().len(), 17);
    assert!(relr.entries.is_empty() && relr.error.is_none());
    let plt = r
        .sections
        .iter()
        .find(|t| t.name.as_deref() == Some(".rela.plt"))
        .unwrap();
    let printf = plt.entries[0].symbol.as_ref().unwrap();
    assert_eq!(printf.name.as_deref(), Some("printf"));
    let v = printf.version.as_ref().unwrap();
    assert_eq!(
        (v.name.as_deref(), v.kind.as_str()),
        (Some("GLIBC_2.2.5"), "needed")
    );
    let labels: Vec<_> = r.dynamic.iter().map(|t| t.name.clone().unwrap()).collect();
    assert_eq!(labels, ["RELA", "RELR", "PLT"]);
    assert!(r
        .dynamic
        .iter()
        .all(|t| t.address.is_some() && t.offset > 0));

    // MIPS64: three types per record.
    let r = doc.files[2].relocations.as_ref().unwrap();
    let e = &r.sections[0].entries[0];
    assert_eq!(e.r_type.name, "R_MIPS_GPREL16");
    assert_eq!(e.type2.as_ref().unwrap().name, "R_MIPS_SUB");
    assert_eq!(e.type3.as_ref().unwrap().name, "R_MIPS_HI16");

    // REL: no addends.
    let r = doc.files[3].relocations.as_ref().unwrap();
    let rel = &r.sections[0];
    assert_eq!(rel.format, "rel");
    assert!(rel.entries.iter().all(|e| e.addend.is_none()));
    assert!(rel
        .entries
        .iter()
        .any(|e| e.symbol_index != 0 && e.symbol.is_some()));
}
