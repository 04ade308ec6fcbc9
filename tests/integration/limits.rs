//! Each resource limit (`relf::limits`) is reached by a small hostile file
//! and reported as a clear error, with the run bounded and no panic.
//!
//! The files are small on purpose: the limits exist because ELF tables can
//! overlap, so a file of a few hundred KB can describe millions of entries.

use std::path::Path;

use relf::limits;

use crate::synth::Obj;

/// One section header of [`raw_elf`]; offsets are file offsets.
#[derive(Clone, Copy, Default)]
struct Sh {
    sh_type: u32,
    offset: u64,
    size: u64,
    link: u32,
    info: u32,
    align: u64,
    entsize: u64,
}

/// An ELF64 little-endian ET_REL file for x86-64: the header, `payload` at
/// offset 64, then a null section header and one per entry of `sections`.
fn raw_elf(payload: &[u8], sections: &[Sh]) -> Vec<u8> {
    let mut out = Vec::new();
    let shoff = (64 + payload.len() as u64).next_multiple_of(8);
    out.extend_from_slice(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0");
    out.extend_from_slice(&1u16.to_le_bytes()); // e_type ET_REL
    out.extend_from_slice(&62u16.to_le_bytes()); // e_machine EM_X86_64
    out.extend_from_slice(&1u32.to_le_bytes()); // e_version
    out.extend_from_slice(&0u64.to_le_bytes()); // e_entry
    out.extend_from_slice(&0u64.to_le_bytes()); // e_phoff
    out.extend_from_slice(&shoff.to_le_bytes()); // e_shoff
    out.extend_from_slice(&0u32.to_le_bytes()); // e_flags
    out.extend_from_slice(&64u16.to_le_bytes()); // e_ehsize
    out.extend_from_slice(&0u16.to_le_bytes()); // e_phentsize
    out.extend_from_slice(&0u16.to_le_bytes()); // e_phnum
    out.extend_from_slice(&64u16.to_le_bytes()); // e_shentsize
    out.extend_from_slice(&(sections.len() as u16 + 1).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // e_shstrndx
    out.extend_from_slice(payload);
    out.resize(shoff as usize, 0);
    for s in std::iter::once(&Sh::default()).chain(sections) {
        out.extend_from_slice(&0u32.to_le_bytes()); // sh_name
        out.extend_from_slice(&s.sh_type.to_le_bytes());
        out.extend_from_slice(&0u64.to_le_bytes()); // sh_flags
        out.extend_from_slice(&0u64.to_le_bytes()); // sh_addr
        out.extend_from_slice(&s.offset.to_le_bytes());
        out.extend_from_slice(&s.size.to_le_bytes());
        out.extend_from_slice(&s.link.to_le_bytes());
        out.extend_from_slice(&s.info.to_le_bytes());
        out.extend_from_slice(&s.align.to_le_bytes());
        out.extend_from_slice(&s.entsize.to_le_bytes());
    }
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs relf with stdout discarded (the parity printers stream whatever
/// the file describes, as readelf does); returns (status, stderr).
fn run_quiet(args: &[&str], file: &Path) -> (Option<i32>, String) {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("relf"))
        .args(args)
        .arg(file)
        .env_clear()
        .env("LC_ALL", "C")
        .stdout(std::process::Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn overlapping_symbol_tables_stop_at_the_symbol_limit() {
    // 120 SHT_SYMTAB headers over the same 40,000 (null) symbols: 4.8 M
    // symbols described by a 1 MB file.
    let per_table = 40_000u64;
    let tables = (limits::MAX_SYMBOLS_HELD / per_table + 1) as usize;
    let mut payload = vec![0u8; 8];
    payload.resize(8 + (per_table * 24) as usize, 0);
    let mut sections = vec![Sh {
        sh_type: 3, // SHT_STRTAB
        offset: 64,
        size: 1,
        align: 1,
        ..Sh::default()
    }];
    sections.extend((0..tables).map(|_| Sh {
        sh_type: 2, // SHT_SYMTAB
        offset: 72,
        size: per_table * 24,
        link: 1,
        align: 8,
        entsize: 24,
        ..Sh::default()
    }));
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "many-symtabs.o", &raw_elf(&payload, &sections));

    // In process: the JSON of four million symbols is 600 MB of text.
    let bytes = std::fs::read(&file).unwrap();
    let elf = relf::elf::ElfFile::parse(&bytes).unwrap();
    let tables = elf.symbol_tables();
    let complete = tables.iter().filter(|(_, t)| t.is_ok()).count();
    assert_eq!(complete as u64, limits::MAX_SYMBOLS_HELD / per_table);
    let message = format!(
        "symbol tables: more than {} entries, relf's limit",
        limits::MAX_SYMBOLS_HELD
    );
    for (_, t) in &tables[complete..] {
        let err = t.as_ref().expect_err("past the limit");
        assert!(err.to_string().starts_with(&message), "{err}");
    }
}

#[test]
fn overlapping_note_sections_stop_at_the_note_limit() {
    // 8192 empty notes (12 bytes each), described 129 times.
    let per_block = 8192u64;
    let blocks = (limits::MAX_NOTES / per_block + 1) as usize;
    let mut payload = Vec::new();
    for _ in 0..per_block {
        payload.extend_from_slice(&0u32.to_le_bytes()); // namesz
        payload.extend_from_slice(&0u32.to_le_bytes()); // descsz
        payload.extend_from_slice(&1u32.to_le_bytes()); // type
    }
    let sections: Vec<Sh> = (0..blocks)
        .map(|_| Sh {
            sh_type: 7, // SHT_NOTE
            offset: 64,
            size: per_block * 12,
            align: 4,
            ..Sh::default()
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "many-notes.o", &raw_elf(&payload, &sections));
    let (status, stderr) = run_quiet(&["notes"], &file);
    let message = format!("more than {} notes, relf's limit", limits::MAX_NOTES);
    assert!(stderr.contains(&message), "stderr: {stderr}");
    assert!(
        stderr.contains("many-notes.o"),
        "the file is named: {stderr}"
    );
    assert!(status.is_some(), "killed by a signal");
}

#[test]
fn shared_version_aux_chains_stop_at_the_version_limit() {
    // 300 version needs whose auxiliary chains all point at the same 300
    // entries: 90,000 names from a 10 KB section.
    let n = 300u32;
    assert!(u64::from(n * n) > limits::MAX_VERSION_ENTRIES);
    let mut section = Vec::new();
    for i in 0..n {
        section.extend_from_slice(&1u16.to_le_bytes()); // vn_version
        section.extend_from_slice(&(n as u16).to_le_bytes()); // vn_cnt
        section.extend_from_slice(&1u32.to_le_bytes()); // vn_file
        section.extend_from_slice(&(16 * (n - i)).to_le_bytes()); // vn_aux
        section.extend_from_slice(&(if i + 1 < n { 16u32 } else { 0 }).to_le_bytes());
    }
    for i in 0..n {
        section.extend_from_slice(&0u32.to_le_bytes()); // vna_hash
        section.extend_from_slice(&0u16.to_le_bytes()); // vna_flags
        section.extend_from_slice(&2u16.to_le_bytes()); // vna_other
        section.extend_from_slice(&1u32.to_le_bytes()); // vna_name
        section.extend_from_slice(&(if i + 1 < n { 16u32 } else { 0 }).to_le_bytes());
    }
    let strings = b"\0libc.so.6\0\0\0\0\0\0";
    let mut payload = strings.to_vec();
    let verneed_at = 64 + payload.len() as u64;
    payload.extend_from_slice(&section);
    let sections = [
        Sh {
            sh_type: 3, // SHT_STRTAB
            offset: 64,
            size: 11,
            align: 1,
            ..Sh::default()
        },
        Sh {
            sh_type: 0x6fff_fffe, // SHT_GNU_verneed
            offset: verneed_at,
            size: section.len() as u64,
            link: 1,
            info: n,
            align: 8,
            ..Sh::default()
        },
    ];
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "shared-aux.o", &raw_elf(&payload, &sections));
    let (_, stderr) = run_quiet(&["versions"], &file);
    let message = format!(
        "version needs: more than {} entries, relf's limit",
        limits::MAX_VERSION_ENTRIES
    );
    assert!(stderr.contains(&message), "stderr: {stderr}");
}

#[test]
fn a_program_needing_thousands_of_missing_libraries_stops_at_the_object_limit() {
    let names: Vec<String> = (0..=limits::MAX_GRAPH_OBJECTS)
        .map(|i| format!("libmissing{i}.so"))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let dir = tempfile::tempdir().unwrap();
    let exe = Obj::exe()
        .needs(&refs)
        .write(&dir.path().join("many-needed"));
    let (status, stderr) = run_quiet(&["ldd"], &exe);
    let message = format!(
        "dependency graph has more than {} objects, relf's limit",
        limits::MAX_GRAPH_OBJECTS
    );
    assert!(
        stderr.contains(&message),
        "stderr: {}",
        &stderr[..stderr.len().min(600)]
    );
    assert_eq!(status, Some(1));
}

#[test]
fn a_program_needing_one_library_endlessly_stops_at_the_edge_limit() {
    // The same name again and again: one object, ever more edges.
    let refs = vec!["libc.so.6"; limits::MAX_GRAPH_EDGES + 1];
    let dir = tempfile::tempdir().unwrap();
    let exe = Obj::exe()
        .needs(&refs)
        .write(&dir.path().join("same-needed"));
    let (status, stderr) = run_quiet(&["ldd"], &exe);
    let message = format!(
        "dependency graph has more than {} DT_NEEDED entries, relf's limit",
        limits::MAX_GRAPH_EDGES
    );
    assert!(
        stderr.contains(&message),
        "stderr: {}",
        &stderr[..stderr.len().min(600)]
    );
    assert_eq!(status, Some(1));
}
