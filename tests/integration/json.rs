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
    symbol_tables: Option<Vec<SymbolTable>>,
    versions: Option<Versions>,
    notes: Option<Vec<NoteBlock>>,
    info: Option<Info>,
}

/// `relf info --json`'s `info` member.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Info {
    summary: String,
    machine: String,
    kind_words: String,
    linkage_words: Option<String>,
    max_glibc_needed: Option<String>,
    bits: u8,
    big_endian: bool,
    e_machine: u16,
    kind: String,
    kind_evidence: Vec<Evidence>,
    linkage: Option<String>,
    linkage_evidence: Vec<Evidence>,
    interpreter: Option<String>,
    soname: Option<String>,
    needed: Vec<String>,
    libc: InfoLibc,
    go: Option<InfoGo>,
    version_needs: Vec<InfoLibraryNeeds>,
    defined_versions: Vec<String>,
    glibc_release: Option<InfoGlibcRelease>,
    musl_version: Option<String>,
    hardening: InfoHardening,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Evidence {
    signal: String,
    detail: String,
    points_to: Option<String>,
}

#[derive(Debug, Deserialize)]
struct InfoLibc {
    variant: String,
    confidence: String,
    evidence: Vec<Evidence>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct InfoGo {
    version: Option<String>,
    main_path: Option<String>,
    main_version: Option<String>,
    cgo_enabled: Option<bool>,
    cgo: bool,
    evidence: Vec<Evidence>,
}

#[derive(Debug, Deserialize)]
struct InfoLibraryNeeds {
    library: String,
    families: Vec<InfoFamilyMax>,
    other: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct InfoFamilyMax {
    family: String,
    max: String,
    count: usize,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct InfoGlibcRelease {
    version: String,
    package: Option<String>,
    banner: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct InfoHardening {
    relro: String,
    bind_now: bool,
    pie: String,
    nx: bool,
    executable_stack: Option<bool>,
    canary: bool,
    fortified: Vec<String>,
    ibt: Option<bool>,
    shstk: Option<bool>,
    bti: Option<bool>,
    pac: Option<bool>,
    x86_isa_needed: Option<String>,
    rpath: Option<String>,
    runpath: Option<String>,
    rpath_issues: Vec<InfoRpathIssue>,
    textrel: bool,
    stripped: bool,
    debug_info: bool,
}

#[derive(Debug, Deserialize)]
struct InfoRpathIssue {
    tag: String,
    entry: String,
    problem: String,
}

#[derive(Debug, Deserialize)]
struct SymbolTable {
    section: Option<String>,
    section_index: Option<usize>,
    kind: String,
    error: Option<String>,
    symbols: Vec<Symbol>,
}

#[derive(Debug, Deserialize)]
struct Symbol {
    index: usize,
    name: Option<String>,
    value: u64,
    size: u64,
    #[serde(rename = "type")]
    st_type: Named<u8>,
    binding: Named<u8>,
    visibility: Named<u8>,
    ndx: Named<u32>,
    section: Option<String>,
    version: Option<SymbolVersion>,
}

#[derive(Debug, Deserialize)]
struct SymbolVersion {
    name: Option<String>,
    kind: String,
    index: Option<u16>,
}

#[derive(Debug, Deserialize)]
struct Versions {
    symbols: Vec<VersionSymbol>,
    definitions: Vec<VersionDefinition>,
    needs: Vec<VersionNeed>,
}

#[derive(Debug, Deserialize)]
struct VersionSymbol {
    index: usize,
    value: u16,
    hidden: bool,
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct VersionDefinition {
    index: u16,
    flags: Named<u16>,
    name: Option<String>,
    parents: Vec<Option<String>>,
}

#[derive(Debug, Deserialize)]
struct VersionNeed {
    file: Option<String>,
    versions: Vec<NeededVersion>,
}

#[derive(Debug, Deserialize)]
struct NeededVersion {
    name: Option<String>,
    index: u16,
    flags: Named<u16>,
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

#[test]
fn symbols_json() {
    let lib = fixtures_dir().join("libx86_64-shared.so");
    let (doc, code) = json(&["symbols"], std::slice::from_ref(&lib));
    assert_eq!(code, Some(0));
    assert_eq!(doc.command, "symbols");
    let tables = doc.files[0].symbol_tables.as_ref().unwrap();
    let kinds: Vec<&str> = tables.iter().map(|t| t.kind.as_str()).collect();
    assert_eq!(kinds, ["dynsym", "symtab"]);
    let dynsym = &tables[0];
    assert_eq!(dynsym.section.as_deref(), Some(".dynsym"));
    assert!(dynsym.section_index.is_some() && dynsym.error.is_none());
    assert!(dynsym.symbols.iter().enumerate().all(|(i, s)| s.index == i));
    let puts = dynsym
        .symbols
        .iter()
        .find(|s| s.name.as_deref() == Some("puts"))
        .unwrap();
    assert_eq!(
        (puts.st_type.value, puts.st_type.name.as_str()),
        (2, "FUNC")
    );
    assert_eq!(puts.binding.name, "GLOBAL");
    assert_eq!(puts.visibility.name, "DEFAULT");
    assert_eq!((puts.ndx.value, puts.ndx.name.as_str()), (0, "UND"));
    assert_eq!((puts.value, puts.size), (0, 0));
    let v = puts.version.as_ref().unwrap();
    assert_eq!(
        (v.name.as_deref(), v.kind.as_str(), v.index),
        (Some("GLIBC_2.2.5"), "needed", Some(4))
    );
    let foo = dynsym
        .symbols
        .iter()
        .find(|s| s.name.as_deref() == Some("foo"))
        .unwrap();
    assert_eq!(foo.section.as_deref(), Some(".text"));
    assert_eq!(foo.ndx.name, foo.ndx.value.to_string());
    let v = foo.version.as_ref().unwrap();
    assert_eq!(
        (v.name.as_deref(), v.kind.as_str()),
        (Some("FOO_2.0"), "default")
    );
    let abs = dynsym
        .symbols
        .iter()
        .find(|s| s.name.as_deref() == Some("FOO_1.0"))
        .unwrap();
    assert_eq!(abs.ndx.name, "ABS");
    assert!(abs.version.is_none());
    // .symtab symbols carry no versions.
    assert!(tables[1].symbols.iter().all(|s| s.version.is_none()));

    // --dynamic: the .dynsym only; without section headers, DT_SYMTAB.
    let noshdr = fixtures_dir().join("x86_64-noshdr");
    let (doc, _) = json(&["symbols", "--dynamic"], &[lib, noshdr]);
    let tables = doc.files[0].symbol_tables.as_ref().unwrap();
    assert_eq!(tables.len(), 1);
    let tables = doc.files[1].symbol_tables.as_ref().unwrap();
    assert_eq!(tables.len(), 1);
    assert!(tables[0].section.is_none() && tables[0].section_index.is_none());
    assert!(tables[0]
        .symbols
        .iter()
        .any(|s| s.name.as_deref() == Some("puts")));
}

#[test]
fn versions_json() {
    let lib = fixtures_dir().join("libx86_64-shared.so");
    let (doc, code) = json(&["versions"], &[lib, fixtures_dir().join("x86_64-static")]);
    assert_eq!(code, Some(0));
    let v = doc.files[0].versions.as_ref().unwrap();
    let defs: Vec<(u16, Option<&str>)> = v
        .definitions
        .iter()
        .map(|d| (d.index, d.name.as_deref()))
        .collect();
    assert_eq!(
        defs,
        [
            (1, Some("libx86_64-shared.so")),
            (2, Some("FOO_1.0")),
            (3, Some("FOO_2.0"))
        ]
    );
    assert_eq!(v.definitions[0].flags.name, "BASE");
    assert_eq!(v.definitions[2].parents, [Some("FOO_1.0".to_string())]);
    assert_eq!(v.needs.len(), 1);
    assert_eq!(v.needs[0].file.as_deref(), Some("libc.so.6"));
    let glibc = &v.needs[0].versions[0];
    assert_eq!(
        (
            glibc.name.as_deref(),
            glibc.index,
            glibc.flags.name.as_str()
        ),
        (Some("GLIBC_2.2.5"), 4, "none")
    );
    let names: Vec<Option<&str>> = v.symbols.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(
        names[..3],
        [Some("*local*"), Some("*global*"), Some("GLIBC_2.2.5")]
    );
    assert!(v.symbols.iter().all(|s| !s.hidden && s.value < 5));
    assert_eq!(v.symbols.last().unwrap().index, v.symbols.len() - 1);
    // A static executable has no version information.
    assert!(doc.files[1].versions.is_none() && doc.files[1].error.is_none());
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

#[test]
fn info_json() {
    let files = crate::support::fixtures();
    let (doc, code) = json(&["info"], &files);
    assert_eq!(code, Some(0));
    assert_eq!(doc.command, "info");
    let mut variants = std::collections::BTreeMap::new();
    for f in &doc.files {
        let i = f
            .info
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no info", f.path));
        assert!([
            "relocatable",
            "executable",
            "pie-executable",
            "shared-object"
        ]
        .contains(&i.kind.as_str()));
        assert!(["high", "medium", "low"].contains(&i.libc.confidence.as_str()));
        assert!(i.summary.starts_with(&format!("ELF {}-bit", i.bits)));
        assert!(!i.kind_evidence.is_empty());
        assert_eq!(i.linkage.is_some(), i.linkage_words.is_some());
        assert!(["none", "partial", "full"].contains(&i.hardening.relro.as_str()));
        for need in &i.version_needs {
            assert!(!need.library.is_empty());
            assert!(need
                .families
                .iter()
                .all(|fm| fm.count > 0 && !fm.max.is_empty()));
            assert!(need.other.iter().all(|o| !o.is_empty()));
        }
        if i.libc.variant != "unknown" {
            assert!(!i.libc.evidence.is_empty(), "{}", f.path);
        }
        *variants.entry(i.libc.variant.clone()).or_insert(0) += 1;
    }
    assert_eq!(variants.get("musl"), Some(&2));
    assert_eq!(variants.get("none"), Some(&1));
    let rpath = doc
        .files
        .iter()
        .find(|f| f.path.ends_with("x86_64-rpath"))
        .and_then(|f| f.info.as_ref())
        .unwrap();
    let issue = &rpath.hardening.rpath_issues[0];
    assert_eq!(
        (
            issue.tag.as_str(),
            issue.entry.as_str(),
            issue.problem.as_str()
        ),
        ("rpath", "$ORIGIN/../lib", "origin")
    );
    let needs = &doc
        .files
        .iter()
        .find(|f| f.path.ends_with("x86_64-pie"))
        .and_then(|f| f.info.as_ref())
        .unwrap()
        .version_needs[0];
    assert_eq!(needs.families[0].family, "GLIBC");
}
