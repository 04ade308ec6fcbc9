//! The few symbol-table reads that notes, section groups and the MIPS GOT
//! display need: readelf's `get_elf_symbols` and `get_symtab`, reduced to
//! the fields those displays use.
//!
//! This is deliberately small. The full symbol model (`-s`, versions) lives
//! elsewhere; it does not print anything and keeps no names beyond offsets
//! into the string table.

use super::bytes;
use super::endian::Encoding;
use super::section::SectionHeader;
use super::ElfFile;

pub const SHT_SYMTAB_SHNDX: u32 = 18;
pub const SHN_XINDEX: u16 = 0xffff;

pub const STT_NOTYPE: u8 = 0;
pub const STT_OBJECT: u8 = 1;
pub const STT_FUNC: u8 = 2;
pub const STT_SECTION: u8 = 3;
pub const STT_FILE: u8 = 4;

pub const STB_LOCAL: u8 = 0;
pub const STB_GLOBAL: u8 = 1;

/// One symbol, widened (`Elf_Internal_Sym`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sym {
    pub st_name: u32,
    pub st_value: u64,
    pub st_size: u64,
    pub st_info: u8,
    pub st_other: u8,
    /// The section index, with `SHN_XINDEX` resolved through an
    /// `SHT_SYMTAB_SHNDX` section when there is one.
    pub st_shndx: u32,
}

impl Sym {
    pub fn st_type(&self) -> u8 {
        self.st_info & 0xf
    }

    pub fn st_bind(&self) -> u8 {
        self.st_info >> 4
    }
}

/// Size of one symbol of the file's class.
pub fn sym_size(enc: Encoding) -> u64 {
    if enc.is_64 {
        24
    } else {
        16
    }
}

/// The entry size readelf uses for `section`: `process_section_headers`
/// replaces a wrong `sh_entsize` of the (first) symbol tables by the
/// natural one before anything reads them.
fn effective_entsize(elf: &ElfFile, index: usize, section: &SectionHeader) -> u64 {
    use super::section::{SHT_DYNSYM, SHT_SYMTAB};
    let natural = sym_size(Encoding::of(&elf.header));
    match section.sh_type {
        SHT_SYMTAB => natural,
        SHT_DYNSYM => {
            let first_dynsym = elf
                .section_headers()
                .iter()
                .position(|s| s.sh_type == SHT_DYNSYM);
            if first_dynsym == Some(index) {
                natural
            } else {
                section.sh_entsize
            }
        }
        _ => section.sh_entsize,
    }
}

/// readelf's `get_elf_symbols` for section `index`: `None` whenever readelf
/// gets a NULL table (size zero, bad entry size, unreadable data, a bad
/// `SHT_SYMTAB_SHNDX` section).
pub fn read_symbols(elf: &ElfFile, index: usize) -> Option<Vec<Sym>> {
    let sections = elf.section_headers();
    let section = sections.get(index)?;
    let enc = Encoding::of(&elf.header);
    if section.sh_size == 0 {
        return None;
    }
    let entsize = effective_entsize(elf, index, section);
    if entsize == 0 || entsize > section.sh_size || section.sh_size > elf.data.len() as u64 {
        return None;
    }
    let number = section.sh_size / entsize;
    let natural = sym_size(enc);
    if number.checked_mul(natural)? > section.sh_size + 1 {
        return None;
    }
    let raw = bytes::slice(elf.data, "symbols", section.sh_offset, section.sh_size).ok()?;

    // The symtab_shndx list is built in section order and prepended to, so
    // readelf walks it backwards and keeps the last match: the first in
    // section order.
    let mut shndx: Option<&[u8]> = None;
    for s in sections.iter().rev() {
        if s.sh_type != SHT_SYMTAB_SHNDX || s.sh_link as usize != index {
            continue;
        }
        if s.sh_size == 0 {
            return None;
        }
        let table = bytes::slice(
            elf.data,
            "symbol table section indices",
            s.sh_offset,
            s.sh_size,
        )
        .ok()?;
        if s.sh_size / 4 < number {
            return None;
        }
        shndx = Some(table);
    }

    let mut syms = Vec::with_capacity(number.min(raw.len() as u64 / natural) as usize);
    for j in 0..number as usize {
        let at = j * natural as usize;
        let rec = match raw.get(at..at + natural as usize) {
            Some(r) => r,
            // Only the `+ 1` tolerance above can leave a partial last
            // record; readelf reads its NUL terminator there.
            None => break,
        };
        let (st_name, st_info, st_other, shndx16, st_value, st_size) = if enc.is_64 {
            (
                enc.u32(rec, 0)?,
                rec[4],
                rec[5],
                enc.u16(rec, 6)?,
                enc.u64(rec, 8)?,
                enc.u64(rec, 16)?,
            )
        } else {
            (
                enc.u32(rec, 0)?,
                rec[12],
                rec[13],
                enc.u16(rec, 14)?,
                u64::from(enc.u32(rec, 4)?),
                u64::from(enc.u32(rec, 8)?),
            )
        };
        let st_shndx = match shndx {
            Some(t) if shndx16 == SHN_XINDEX => enc.u32(t, j * 4).unwrap_or(0),
            _ => u32::from(shndx16),
        };
        syms.push(Sym {
            st_name,
            st_value,
            st_size,
            st_info,
            st_other,
            st_shndx,
        });
    }
    Some(syms)
}

/// A symbol table with its string table (readelf's `get_symtab`).
#[derive(Debug, Clone)]
pub struct SymbolTable<'a> {
    pub symbols: Vec<Sym>,
    /// The linked string table; empty when `sh_link` is 0 or the table could
    /// not be read.
    pub strings: &'a [u8],
}

impl<'a> SymbolTable<'a> {
    /// The name of `sym` when `st_name` is inside the string table.
    pub fn name(&self, sym: &Sym) -> Option<&'a [u8]> {
        if u64::from(sym.st_name) >= self.strings.len() as u64 {
            return None;
        }
        bytes::c_str(self.strings, u64::from(sym.st_name))
    }
}

/// readelf's `get_symtab`: the symbols of section `index` and its linked
/// string table; `None` when either cannot be read.
pub fn read_symtab<'a>(elf: &ElfFile<'a>, index: usize) -> Option<SymbolTable<'a>> {
    let symbols = read_symbols(elf, index)?;
    let section = elf.section_headers().get(index)?;
    let mut strings: &'a [u8] = &[];
    if section.sh_link != 0 {
        let strsec = elf.section_headers().get(section.sh_link as usize)?;
        // get_data: a zero-sized string table is a failed read.
        if strsec.sh_size == 0 {
            return None;
        }
        strings = bytes::slice(elf.data, "string table", strsec.sh_offset, strsec.sh_size).ok()?;
    }
    Some(SymbolTable { symbols, strings })
}
