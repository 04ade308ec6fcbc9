//! `readelf -r` / `-rW` (and `-r -D`): the relocation tables, byte for byte
//! as GNU readelf 2.40 prints them (readelf.c `process_relocs` and
//! `dump_relocations`).
//!
//! Finding and decoding the tables, and which symbol table and strings each
//! one refers to, is the model's job ([`crate::elf::reloc`]); this module
//! only formats.

use std::io::Write;

use crate::elf::header::{EM_IA_64, EM_K1OM, EM_L1OM, EM_MIPS, EM_X86_64};
use crate::elf::reloc::{
    self, DynamicRelocInfo, RInfo, Reloc, RelocEntries, RelocFormat, RelocSource, RelocSymbols,
    RelocTable, SymbolsFor, EM_SPARCV9,
};
use crate::elf::reloc_names::{self, tables as reloc_tables};
use crate::elf::symbol::{
    DynamicSymbolState, Symbol, SHN_ABS, SHN_COMMON, STT_GNU_IFUNC, STT_SECTION,
};
use crate::elf::version::{VersionKind, VersionTags};
use crate::elf::ElfFile;

use super::demangle::Demangle;
use super::sections::section_name_print;
use super::text::{alt_hex, long_hex, print_symbol_demangled, printable_section_name};

const EM_ALPHA: u16 = 0x9026;
const EM_TI_C6000: u16 = 140;
const ELFOSABI_HPUX: u8 = 1;
const ELFOSABI_OPENVMS: u8 = 13;
/// Reserved section indices as readelf holds them (include/elf/internal.h
/// widens 0xffXX to 0xffffffXX).
const SHN_MIPS_SCOMMON: u32 = 0xffff_ff03;
const SHN_MIPS_SUNDEFINED: u32 = 0xffff_ff04;
const SHN_TIC6X_SCOMMON: u32 = 0xffff_ff00;
const SHN_X86_64_LCOMMON: u32 = 0xffff_ff02;
const SHN_IA_64_ANSI_COMMON: u32 = 0xffff_ff00;
const SHN_IA_64_VMS_SYMVEC: u32 = 0xffff_ff20;

/// What `readelf -r` prints with.
#[derive(Debug, Clone, Copy)]
pub struct RelocListing<'s, 'a> {
    /// `-W`
    pub wide: bool,
    /// `-D`: the tables the dynamic section names, with the dynamic symbols.
    pub use_dynamic: bool,
    /// What `process_dynamic_section` made of the dynamic symbols (needed
    /// with `-D`; it also tells whether readelf gave up on the dynamic
    /// section before recording the relocation tags).
    pub state: &'s DynamicSymbolState<'a>,
    /// The version tags readelf recorded (all zero when it gave up).
    pub tags: VersionTags,
    /// `-C`
    pub demangle: Option<Demangle>,
}

/// `readelf -r` (`use_dynamic`: `readelf -r -D`).
pub fn write_relocs(out: &mut Vec<u8>, elf: &ElfFile, listing: &RelocListing) {
    let info = if listing.state.aborted {
        DynamicRelocInfo::default()
    } else {
        reloc::dynamic_info(elf)
    };
    if listing.use_dynamic {
        write_dynamic_relocs(out, elf, listing, &info);
        return;
    }
    // process_section_headers failed: readelf turns -r off.
    if !reloc::section_headers_usable(elf) {
        return;
    }
    let is_64 = elf.header.is_64();
    let mut found = false;
    for table in reloc::section_tables(elf) {
        let RelocSource::Section { index, link, .. } = table.source else {
            continue;
        };
        let Some(section) = elf.section_headers().get(index) else {
            continue;
        };
        out.extend_from_slice(b"\nRelocation section ");
        if elf.shstrtab.is_none() {
            // printf ("%d", section->sh_name)
            let _ = write!(out, "{}", section.sh_name as i32);
        } else {
            out.push(b'\'');
            out.extend_from_slice(&printable_section_name(section_name_print(elf, section)));
            out.push(b'\'');
        }
        let count = table.count(is_64);
        let _ = writeln!(
            out,
            " at offset {} contains {count} {}:",
            alt_hex(table.file_offset),
            if count == 1 { "entry" } else { "entries" }
        );
        match reloc::symbols_for_section(elf, link) {
            // readelf `continue`s: the heading stays, nothing follows.
            SymbolsFor::Skip => continue,
            SymbolsFor::None => dump_relocations(out, elf, &table, None, listing),
            SymbolsFor::Table(syms) => dump_relocations(out, elf, &table, Some(&syms), listing),
        }
        found = true;
    }
    if !found {
        if info.any() {
            out.extend_from_slice(
                b"\nThere are no static relocations in this file.\nTo see the dynamic relocations add --use-dynamic to the command line.\n",
            );
        } else {
            out.extend_from_slice(b"\nThere are no relocations in this file.\n");
        }
    }
}

/// The `do_using_dynamic` branch of `process_relocs`.
fn write_dynamic_relocs(
    out: &mut Vec<u8>,
    elf: &ElfFile,
    listing: &RelocListing,
    info: &DynamicRelocInfo,
) {
    let tables = reloc::dynamic_tables_from(elf, info);
    if tables.is_empty() {
        out.extend_from_slice(b"\nThere are no dynamic relocations in this file.\n");
        return;
    }
    let syms = reloc::dynamic_symbols_for_relocs(elf, listing.state);
    for table in &tables {
        let RelocSource::Dynamic { label, vma } = table.source else {
            continue;
        };
        let _ = writeln!(
            out,
            "\n'{label}' relocation section at offset {} contains {} bytes:",
            alt_hex(vma),
            table.size as i64
        );
        dump_relocations(out, elf, table, syms.as_ref(), listing);
    }
}

fn column_headings(is_64: bool, format: RelocFormat, wide: bool) -> &'static [u8] {
    let rela = format == RelocFormat::Rela;
    match (is_64, rela, wide) {
        (false, true, true) => {
            b" Offset     Info    Type                Sym. Value  Symbol's Name + Addend\n"
        }
        (false, true, false) => b" Offset     Info    Type            Sym.Value  Sym. Name + Addend\n",
        (false, false, true) => b" Offset     Info    Type                Sym. Value  Symbol's Name\n",
        (false, false, false) => b" Offset     Info    Type            Sym.Value  Sym. Name\n",
        (true, true, true) => b"    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend\n",
        (true, true, false) => {
            b"  Offset          Info           Type           Sym. Value    Sym. Name + Addend\n"
        }
        (true, false, true) => {
            b"    Offset             Info             Type               Symbol's Value  Symbol's Name\n"
        }
        (true, false, false) => {
            b"  Offset          Info           Type           Sym. Value    Sym. Name\n"
        }
    }
}

/// readelf's `dump_relocations` for one table.
fn dump_relocations(
    out: &mut Vec<u8>,
    elf: &ElfFile,
    table: &RelocTable,
    syms: Option<&RelocSymbols>,
    listing: &RelocListing,
) {
    let wide = listing.wide;
    let is_64 = elf.header.is_64();
    let relocs = match &table.entries {
        // slurp_*_relocs failed: readelf returns before the headings.
        Err(_) => return,
        Ok(RelocEntries::Relr(words)) => {
            let n = reloc::relr_count(words);
            let _ = writeln!(out, "  {n} {}", if n == 1 { "offset" } else { "offsets" });
            for addr in reloc::relr_addresses(words, is_64) {
                if is_64 {
                    let _ = writeln!(out, "{addr:016x}");
                } else {
                    let _ = writeln!(out, "{addr:08x}");
                }
            }
            return;
        }
        Ok(RelocEntries::Relocs(r)) => r,
    };
    out.extend_from_slice(column_headings(is_64, table.format, wide));
    let h = &elf.header;
    let names = reloc_names::table(h.e_machine, h.e_flags, h.osabi());
    let split = RInfo::of(h);
    let mut versions = syms.and_then(|s| s.versions(elf, listing.tags));
    for r in relocs {
        write_reloc(
            out,
            elf,
            table.format,
            r,
            names,
            split,
            syms,
            &mut versions,
            listing,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn write_reloc(
    out: &mut Vec<u8>,
    elf: &ElfFile,
    format: RelocFormat,
    r: &Reloc,
    names: Option<reloc_tables::Table>,
    split: RInfo,
    syms: Option<&RelocSymbols>,
    versions: &mut Option<crate::elf::version::VersionLookup>,
    listing: &RelocListing,
) {
    let wide = listing.wide;
    let h = &elf.header;
    let is_64 = split.is_64;
    let rtype = split.r_type(r.r_info);
    let sym_index = split.sym(r.r_info);
    if !is_64 {
        let _ = write!(
            out,
            "{:08x}  {:08x} ",
            r.r_offset & 0xffff_ffff,
            r.r_info & 0xffff_ffff
        );
    } else if wide {
        let _ = write!(out, "{:016x}  {:016x} ", r.r_offset, r.r_info);
    } else {
        let _ = write!(out, "{:012x}  {:012x} ", r.r_offset, r.r_info);
    }
    let name = names.and_then(|t| reloc_names::lookup(t, rtype));
    write_type_name(out, name, rtype, wide);

    if h.e_machine == EM_ALPHA && name == Some("R_ALPHA_LITUSE") && format == RelocFormat::Rela {
        let lituse = match r.r_addend {
            0 => Some("ADDR"),
            1 => Some("BASE"),
            2 => Some("BYTOFF"),
            3 => Some("JSR"),
            4 => Some("TLSGD"),
            5 => Some("TLSLDM"),
            6 => Some("JSRDIRECT"),
            _ => None,
        };
        match lituse {
            Some(l) => {
                let _ = write!(out, " ({l})");
            }
            None => {
                let _ = write!(out, " <unknown addend: {:x}>", r.r_addend);
            }
        }
    } else if sym_index != 0 {
        // A bad index only gets an error on stderr.
        if let Some((syms, sym)) = syms.and_then(|s| s.symbol(sym_index).map(|y| (s, y))) {
            write_symbol(out, elf, syms, sym_index, sym, versions, listing);
            if format == RelocFormat::Rela {
                write_addend(out, r.r_addend, " - ", " + ");
            }
        }
    } else if format == RelocFormat::Rela {
        out.resize(out.len() + if is_64 { 20 } else { 12 }, b' ');
        write_addend(out, r.r_addend, "-", "");
    }

    if h.e_machine == EM_SPARCV9 && name == Some("R_SPARC_OLO10") {
        if let Some(data) = split.sparc_type_data(r.r_info) {
            let _ = write!(out, " + {:x}", data as u64);
        }
    }
    out.push(b'\n');

    if let Some((t2, t3)) = split.mips64_types(r.r_info) {
        let mips = reloc_tables::MIPS;
        out.extend_from_slice(b"                    Type2: ");
        write_mips_type(out, reloc_names::lookup(mips, t2), t2);
        out.extend_from_slice(b"\n                    Type3: ");
        write_mips_type(out, reloc_names::lookup(mips, t3), t3);
        out.push(b'\n');
    }
}

fn write_type_name(out: &mut Vec<u8>, name: Option<&str>, rtype: u32, wide: bool) {
    match name {
        None => {
            let _ = write!(out, "unrecognized: {rtype:<7x}");
        }
        Some(n) if wide => {
            let _ = write!(out, "{n:<22}");
        }
        Some(n) => {
            let n: String = n.chars().take(17).collect();
            let _ = write!(out, "{n:<17}");
        }
    }
}

fn write_mips_type(out: &mut Vec<u8>, name: Option<&str>, rtype: u32) {
    match name {
        None => {
            let _ = write!(out, "unrecognized: {rtype:<7x}");
        }
        Some(n) => {
            let n: String = n.chars().take(17).collect();
            let _ = write!(out, "{n:<17}");
        }
    }
}

/// `%PRIx64` of the magnitude, after `neg` or `pos`.
fn write_addend(out: &mut Vec<u8>, addend: i64, neg: &str, pos: &str) {
    if addend < 0 {
        let _ = write!(out, "{neg}{:x}", (addend as u64).wrapping_neg());
    } else {
        let _ = write!(out, "{pos}{addend:x}");
    }
}

/// The symbol columns of one relocation (value and name, or `name()` for a
/// GNU indirect function).
fn write_symbol(
    out: &mut Vec<u8>,
    elf: &ElfFile,
    syms: &RelocSymbols,
    index: u64,
    sym: &Symbol,
    versions: &mut Option<crate::elf::version::VersionLookup>,
    listing: &RelocListing,
) {
    let (wide, demangle) = (listing.wide, listing.demangle);
    let is_64 = elf.header.is_64();
    let version = versions
        .as_mut()
        .and_then(|v| v.lookup(index, sym, syms.strings));
    let write_version = |out: &mut Vec<u8>| {
        if let Some(v) = &version {
            out.push(b'@');
            if v.kind == VersionKind::Default {
                out.push(b'@');
            }
            out.extend_from_slice(v.name.unwrap_or(b"<corrupt>"));
        }
    };
    out.push(b' ');
    if sym.st_info & 0xf == STT_GNU_IFUNC {
        let width: usize = if is_64 { 14 } else { 8 };
        let name = syms.name(sym).filter(|_| sym.st_name != 0).unwrap_or(b"??");
        let len = print_symbol_demangled(out, width as i32, name, wide, demangle);
        write_version(out);
        out.extend_from_slice(b"()");
        let pad = if len <= width { width + 1 - len } else { 1 };
        out.resize(out.len() + pad, b' ');
    } else {
        long_hex(out, sym.st_value, is_64);
        out.extend_from_slice(if is_64 { b" " } else { b"   " });
    }

    if sym.st_name == 0 {
        let mut buf = String::new();
        let sec_name: &[u8] = if sym.st_info & 0xf == STT_SECTION {
            section_symbol_name(elf, sym.st_shndx, &mut buf)
        } else {
            b"<null>"
        };
        print_symbol_demangled(out, 22, sec_name, wide, demangle);
    } else if syms.strings.is_none() {
        let _ = write!(out, "<string table index: {:3}>", sym.st_name);
    } else if let Some(name) = syms.name(sym) {
        print_symbol_demangled(out, 22, name, wide, demangle);
        write_version(out);
    }
    // else: "<corrupt string table index>" goes to stderr only.
}

/// What readelf prints for a section symbol without a name.
fn section_symbol_name<'a>(elf: &ElfFile<'a>, shndx: u32, buf: &'a mut String) -> &'a [u8] {
    let h = &elf.header;
    let m = h.e_machine;
    if u64::from(shndx) < u64::from(elf.shnum) {
        if let Some(s) = elf.section_headers().get(shndx as usize) {
            return section_name_print(elf, s);
        }
    }
    let special = match shndx {
        SHN_ABS => Some("ABS"),
        SHN_COMMON => Some("COMMON"),
        SHN_MIPS_SCOMMON if m == EM_MIPS => Some("SCOMMON"),
        SHN_TIC6X_SCOMMON if m == EM_TI_C6000 => Some("SCOMMON"),
        SHN_MIPS_SUNDEFINED if m == EM_MIPS => Some("SUNDEF"),
        SHN_X86_64_LCOMMON if matches!(m, EM_X86_64 | EM_L1OM | EM_K1OM) => Some("LARGE_COMMON"),
        SHN_IA_64_ANSI_COMMON if m == EM_IA_64 && h.osabi() == ELFOSABI_HPUX => Some("ANSI_COM"),
        SHN_IA_64_VMS_SYMVEC if m == EM_IA_64 && h.osabi() == ELFOSABI_OPENVMS => {
            Some("VMS_SYMVEC")
        }
        _ => None,
    };
    match special {
        Some(s) => s.as_bytes(),
        None => {
            *buf = format!("<section 0x{shndx:x}>");
            buf.as_bytes()
        }
    }
}
