//! Relocations applied to a copy of a section's contents, as readelf 2.40
//! applies them for `-R` and for the notes of relocatable objects
//! (readelf.c `apply_relocations`): only in `ET_REL` files, only the first
//! relocation section aimed at the section, only the simple data
//! relocations readelf knows (`is_32bit_abs_reloc`, `is_32bit_pcrel_reloc`,
//! `is_64bit_abs_reloc`, `is_64bit_pcrel_reloc`, `is_none_reloc`); others
//! are skipped, as readelf skips them with a warning.
//!
//! readelf knows these for some 60 machines; relf implements x86-64, i386
//! AArch64, 64-bit PowerPC and s390 ([`supports`]) and lets callers refuse the rest rather than
//! show unrelocated bytes as relocated ones.

use super::header::{EM_386, EM_AARCH64, EM_X86_64, ET_REL};

/// `EM_PPC64`, `EM_S390`.
const EM_PPC64: u16 = 21;
const EM_S390: u16 = 22;
use super::reloc::{parse_entries, RInfo, RelocEntries, RelocFormat};
use super::section::{SHT_DYNSYM, SHT_REL, SHT_RELA, SHT_SYMTAB};
use super::ElfFile;

/// `STT_SECTION`, `STT_COMMON`.
const STT_SECTION: u8 = 3;
const STT_COMMON: u8 = 5;

/// What readelf does with one relocation type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    None,
    Abs(usize),
    PcRel(usize),
    Unsupported,
}

/// Why readelf's `apply_relocations` gives up on a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RelocateError {
    #[error("the relocation section's sh_link is not a symbol table")]
    NotSymbols,
    #[error("the relocations cannot be read")]
    Unreadable,
}

/// Whether relf knows `e_machine`'s data relocations.
pub fn supports(e_machine: u16) -> bool {
    matches!(
        e_machine,
        EM_X86_64 | EM_386 | EM_AARCH64 | EM_PPC64 | EM_S390
    )
}

fn kind(e_machine: u16, r_type: u32) -> Kind {
    match (e_machine, r_type) {
        (EM_X86_64, 0) | (EM_386, 0) | (EM_AARCH64, 0 | 256) | (EM_PPC64 | EM_S390, 0) => {
            Kind::None
        }
        // R_PPC64_ADDR32, R_390_32; R_PPC64_REL32, R_390_PC32;
        // R_PPC64_ADDR64, R_390_64; R_PPC64_REL64, R_390_PC64.
        (EM_PPC64, 1) | (EM_S390, 4) => Kind::Abs(4),
        (EM_PPC64, 26) | (EM_S390, 5) => Kind::PcRel(4),
        (EM_PPC64, 38) | (EM_S390, 22) => Kind::Abs(8),
        (EM_PPC64, 44) | (EM_S390, 23) => Kind::PcRel(8),
        // R_X86_64_32, R_386_32, R_AARCH64_ABS32 / R_AARCH64_P32_ABS32.
        (EM_X86_64, 10) | (EM_386, 1) | (EM_AARCH64, 258 | 1) => Kind::Abs(4),
        // R_X86_64_PC32, R_386_PC32, R_AARCH64_PREL32.
        (EM_X86_64, 2) | (EM_386, 2) | (EM_AARCH64, 261) => Kind::PcRel(4),
        // R_X86_64_64, R_AARCH64_ABS64.
        (EM_X86_64, 1) | (EM_AARCH64, 257) => Kind::Abs(8),
        // R_X86_64_PC64, R_AARCH64_PREL64.
        (EM_X86_64, 24) | (EM_AARCH64, 260) => Kind::PcRel(8),
        _ => Kind::Unsupported,
    }
}

/// Whether readelf would find relocations to apply to section `index`:
/// `ET_REL` and a non-empty REL/RELA section whose `sh_info` is `index`.
pub fn has_relocations(elf: &ElfFile, index: usize) -> bool {
    elf.header.e_type == ET_REL && relocation_section(elf, index).is_some()
}

/// The first non-empty REL/RELA section aimed at section `index` (the
/// test of `apply_relocations` and of the dumps' "NOTE" line).
pub fn relocation_section(elf: &ElfFile, index: usize) -> Option<usize> {
    let shnum = elf.shnum;
    elf.section_headers().iter().position(|r| {
        (r.sh_type == SHT_RELA || r.sh_type == SHT_REL)
            && r.sh_info < shnum
            && r.sh_info as usize == index
            && r.sh_size != 0
            && r.sh_link < shnum
    })
}

/// Applies the relocations aimed at section `index` to `contents` (its
/// bytes, possibly decompressed). `Err` where readelf's `apply_relocations`
/// returns false: the symbol section is not a symbol table, or the
/// relocations cannot be read.
pub fn apply_relocations(
    elf: &ElfFile,
    index: usize,
    contents: &mut [u8],
) -> Result<(), RelocateError> {
    if elf.header.e_type != ET_REL {
        return Ok(());
    }
    let Some(rel_index) = relocation_section(elf, index) else {
        return Ok(());
    };
    let sections = elf.section_headers();
    let relsec = &sections[rel_index];
    let symsec = &sections[relsec.sh_link as usize];
    if symsec.sh_type != SHT_SYMTAB && symsec.sh_type != SHT_DYNSYM {
        return Err(RelocateError::NotSymbols);
    }
    let format = if relsec.sh_type == SHT_RELA {
        RelocFormat::Rela
    } else {
        RelocFormat::Rel
    };
    let Ok(RelocEntries::Relocs(relocs)) = parse_entries(
        elf.data,
        &elf.header,
        format,
        relsec.sh_offset,
        relsec.sh_size,
    ) else {
        return Err(RelocateError::Unreadable);
    };
    let symbols = elf
        .symbol_table(relsec.sh_link as usize)
        .map(|t| t.symbols)
        .unwrap_or_default();
    let info = RInfo::of(&elf.header);
    let machine = elf.header.e_machine;
    let big = elf.header.e_ident[5] == 2;
    for r in &relocs {
        let size = match kind(machine, info.r_type(r.r_info)) {
            Kind::None | Kind::Unsupported => continue,
            Kind::Abs(n) | Kind::PcRel(n) => n,
        };
        let Some(at) = usize::try_from(r.r_offset)
            .ok()
            .filter(|&o| o < contents.len() && size <= contents.len() - o)
        else {
            continue;
        };
        let Some(sym) = usize::try_from(info.sym(r.r_info))
            .ok()
            .and_then(|i| symbols.get(i).map(|s| (i, s)))
        else {
            continue;
        };
        let (sym_index, sym) = sym;
        if sym_index != 0 && sym.st_type() != STT_COMMON && sym.st_type() > STT_SECTION {
            continue;
        }
        let place = &mut contents[at..at + size];
        let mut addend: u64 = 0;
        if format == RelocFormat::Rela {
            addend = addend.wrapping_add(r.r_addend as u64);
        } else {
            addend = addend.wrapping_add(get(place, big));
        }
        let value = match kind(machine, info.r_type(r.r_info)) {
            Kind::PcRel(_) => addend.wrapping_add(sym.st_value).wrapping_sub(r.r_offset),
            _ => addend.wrapping_add(sym.st_value),
        };
        put(place, value, big);
    }
    Ok(())
}

/// readelf's `byte_get` of `place.len()` bytes.
fn get(place: &[u8], big: bool) -> u64 {
    let fold = |v: u64, &x: &u8| (v << 8) | u64::from(x);
    if big {
        place.iter().fold(0, fold)
    } else {
        place.iter().rev().fold(0, fold)
    }
}

/// readelf's `byte_put`: the low `place.len()` bytes of `value`.
fn put(place: &mut [u8], value: u64, big: bool) {
    let n = place.len();
    for (i, b) in place.iter_mut().enumerate() {
        let shift = if big { 8 * (n - 1 - i) } else { 8 * i };
        *b = (value >> shift) as u8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_round_trips() {
        let mut b = [0u8; 4];
        put(&mut b, 0x1122_3344_5566, false);
        assert_eq!(b, [0x66, 0x55, 0x44, 0x33]);
        assert_eq!(get(&b, false), 0x3344_5566);
        put(&mut b, 0x0102_0304, true);
        assert_eq!(b, [1, 2, 3, 4]);
    }

    #[test]
    fn kinds() {
        assert_eq!(kind(EM_X86_64, 4), Kind::Unsupported); // PLT32
        assert_eq!(kind(EM_386, 1), Kind::Abs(4));
        assert_eq!(kind(EM_AARCH64, 261), Kind::PcRel(4));
    }
}
