//! `readelf -S` / `-SW`: the section headers and the key to flags
//! (readelf.c `process_section_headers`).

use std::io::Write;

use crate::elf::header::{ELFCLASS64, EM_ARM, EM_K1OM, EM_L1OM, EM_PPC, EM_X86_64};
use crate::elf::section::{SHT_DYNSYM, SHT_GROUP, SHT_REL, SHT_RELA, SHT_RELR, SHT_SYMTAB};
use crate::elf::{names, ElfFile, SectionHeader};

use super::text::{alt_hex, long_hex, print_symbol};

const ELFOSABI_NONE: u8 = 0;
const ELFOSABI_GNU: u8 = 3;
const ELFOSABI_FREEBSD: u8 = 9;

/// The section's name as readelf's `section_name_print` gives it.
pub(super) fn section_name_print<'a>(elf: &ElfFile<'a>, s: &SectionHeader) -> &'a [u8] {
    match elf.shstrtab {
        None => b"<no-strings>",
        // `sh_name >= string_table_length` is corrupt, even at the end.
        Some(t) if u64::from(s.sh_name) >= t.len() as u64 => b"<corrupt>",
        Some(_) => elf.section_name(s).unwrap_or(b"<corrupt>"),
    }
}

/// readelf's `CHECK_ENTSIZE`: for symbol, relocation and group sections a
/// wrong `sh_entsize` is replaced by the expected one before it is printed.
fn displayed_entsizes(elf: &ElfFile) -> Vec<u64> {
    let is_64 = elf.header.e_ident[crate::elf::header::EI_CLASS] == ELFCLASS64;
    let mut seen_dynsym = false;
    elf.section_headers()
        .iter()
        .map(|s| {
            let expected = match s.sh_type {
                SHT_DYNSYM => {
                    // A second dynamic symbol table is skipped before the check.
                    if seen_dynsym {
                        None
                    } else {
                        seen_dynsym = true;
                        Some(if is_64 { 24 } else { 16 })
                    }
                }
                SHT_SYMTAB => Some(if is_64 { 24 } else { 16 }),
                SHT_GROUP => Some(4),
                SHT_REL => Some(if is_64 { 16 } else { 8 }),
                SHT_RELA => Some(if is_64 { 24 } else { 12 }),
                SHT_RELR => Some(if is_64 { 8 } else { 4 }),
                _ => None,
            };
            expected.unwrap_or(s.sh_entsize)
        })
        .collect()
}

pub fn write_sections(out: &mut Vec<u8>, elf: &ElfFile, with_header: bool, wide: bool) {
    let h = &elf.header;
    if elf.shnum == 0 {
        if h.e_shoff == 0 {
            out.extend_from_slice(b"\nThere are no sections in this file.\n");
        }
        return;
    }
    if !with_header {
        let (verb, noun) = if elf.shnum == 1 {
            ("is", "header")
        } else {
            ("are", "headers")
        };
        let _ = writeln!(
            out,
            "There {verb} {} section {noun}, starting at offset {}:",
            elf.shnum,
            alt_hex(h.e_shoff)
        );
    }
    let Some(Ok(sections)) = &elf.sections else {
        return;
    };
    let is_64 = h.is_64();
    if elf.shnum > 1 {
        out.extend_from_slice(b"\nSection Headers:\n");
    } else {
        out.extend_from_slice(b"\nSection Header:\n");
    }
    if !is_64 {
        out.extend_from_slice(
            b"  [Nr] Name              Type            Addr     Off    Size   ES Flg Lk Inf Al\n",
        );
    } else if wide {
        out.extend_from_slice(
            b"  [Nr] Name              Type            Address          Off    Size   ES Flg Lk Inf Al\n",
        );
    } else {
        out.extend_from_slice(
            b"  [Nr] Name              Type             Address           Offset\n       Size              EntSize          Flags  Link  Info  Align\n",
        );
    }
    let entsizes = displayed_entsizes(elf);
    for (i, s) in sections.iter().enumerate() {
        let _ = write!(out, "  [{i:2}] ");
        print_symbol(out, -17, section_name_print(elf, s), wide);
        let ty = names::section_type(s.sh_type, h.e_machine, h.osabi());
        if wide {
            let _ = write!(out, " {ty:<15} ");
        } else {
            let ty: String = ty.chars().take(15).collect();
            let _ = write!(out, " {ty:<15} ");
        }
        let entsize = entsizes.get(i).copied().unwrap_or(s.sh_entsize);
        let flags = names::section_flags(s.sh_flags, h.e_machine, h.osabi(), is_64, false);
        if !is_64 {
            long_hex(out, s.sh_addr, false);
            let _ = writeln!(
                out,
                " {:06x} {:06x} {:02x} {flags:>3} {:2} {:3} {:2}",
                s.sh_offset, s.sh_size, entsize, s.sh_link, s.sh_info, s.sh_addralign
            );
        } else if wide {
            long_hex(out, s.sh_addr, true);
            let _ = writeln!(
                out,
                " {:06x} {:06x} {:02x} {flags:>3} {:2} {:3} {:2}",
                s.sh_offset, s.sh_size, entsize, s.sh_link, s.sh_info, s.sh_addralign
            );
        } else {
            out.push(b' ');
            long_hex(out, s.sh_addr, true);
            let _ = write!(out, "  {:08x}\n       ", s.sh_offset);
            long_hex(out, s.sh_size, true);
            out.extend_from_slice(b"  ");
            long_hex(out, entsize, true);
            let _ = writeln!(
                out,
                " {flags:>3}      {:2}   {:3}     {}",
                s.sh_link, s.sh_info, s.sh_addralign
            );
        }
    }
    out.extend_from_slice(
        b"Key to Flags:\n  W (write), A (alloc), X (execute), M (merge), S (strings), I (info),\n  L (link order), O (extra OS processing required), G (group), T (TLS),\n  C (compressed), x (unknown), o (OS specific), E (exclude),\n  ",
    );
    match h.osabi() {
        ELFOSABI_GNU | ELFOSABI_FREEBSD => out.extend_from_slice(b"R (retain), D (mbind), "),
        ELFOSABI_NONE => out.extend_from_slice(b"D (mbind), "),
        _ => {}
    }
    match h.e_machine {
        EM_X86_64 | EM_L1OM | EM_K1OM => out.extend_from_slice(b"l (large), "),
        EM_ARM => out.extend_from_slice(b"y (purecode), "),
        EM_PPC => out.extend_from_slice(b"v (VLE), "),
        _ => {}
    }
    out.extend_from_slice(b"p (processor specific)\n");
}
