//! The ELF model over arbitrary bytes: every table the library decodes on
//! demand (headers, names, dynamic section, symbols, versions, notes,
//! relocations, hash tables, groups, Go build info), without rendering, so
//! the fuzzer spends its time in the parser. `elf_render` covers the printers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relf::elf::{reloc, ElfFile};

fuzz_target!(|data: &[u8]| {
    let Ok(elf) = ElfFile::parse(data) else {
        return;
    };
    let mut sink = 0usize;
    for ph in elf.program_headers() {
        sink += elf.interpreter_of(ph).map_or(0, <[u8]>::len);
    }
    for sh in elf.section_headers() {
        sink += elf.section_name(sh).map_or(0, <[u8]>::len);
    }
    if let Some(dynamic) = elf.dynamic() {
        sink += dynamic.entries.len();
    }
    for (_, table) in elf.symbol_tables() {
        if let Ok(table) = table {
            for sym in &table.symbols {
                sink += table.name(sym).map_or(0, <[u8]>::len);
            }
        }
    }
    if let Some(dynsyms) = elf.dynamic_symbols() {
        for index in 0..dynsyms.len().min(4096) {
            sink += usize::from(elf.symbol_version(index).is_some());
        }
    }
    if let Some(Ok(defs)) = elf.version_definitions() {
        sink += defs.len();
    }
    if let Some(Ok(needs)) = elf.version_needs() {
        sink += needs.len();
    }
    sink += elf.required_versions(b"libc.so.6").len();
    let notes = elf.notes();
    for note in notes.iter() {
        sink += note.owner().map_or(0, <[u8]>::len);
        sink += usize::from(note.gnu_properties().is_some());
        sink += usize::from(note.stapsdt_probe().is_some());
    }
    sink += usize::from(notes.gnu_abi_tag().is_some());
    sink += reloc::section_tables(&elf).len();
    sink += reloc::dynamic_tables(&elf).len();
    sink += reloc::problems(&elf, true).len();
    let _ = elf.hash_tables();
    let mut diagnostics = Vec::new();
    let _ = elf.section_groups(&mut diagnostics);
    let _ = elf.go_build_info();
    // relf info's facts (classification, glibc needs, hardening).
    let facts = relf::info::FileFacts::from_elf_with_mode(&elf, data, Some(0o755));
    std::hint::black_box(&facts);
    std::hint::black_box(sink);
});
