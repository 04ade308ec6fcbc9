//! Relocation tables: `SHT_REL`, `SHT_RELA` and `SHT_RELR` sections, and the
//! tables the dynamic section names (`DT_REL`, `DT_RELA`, `DT_RELR`,
//! `DT_JMPREL`), decoded the way GNU readelf 2.40 decodes them
//! (`slurp_rel_relocs`, `slurp_rela_relocs`, `slurp_relr_relocs`,
//! `get_reloc_type`, `get_reloc_symindex` and `process_relocs` in binutils
//! readelf.c).
//!
//! Tables are found and decoded on demand ([`section_tables`],
//! [`dynamic_tables`]), never while parsing the file, so `relf headers` does
//! not pay for them. Each table is a `Result`: one unreadable table leaves the
//! others intact. Entries are bounded by the bytes present in the file; RELR
//! bitmaps, which can expand 63-fold, are decoded lazily by
//! [`relr_addresses`].
//!
//! This module knows nothing of symbols or output: resolving `r_sym` is the
//! symbol model's job, naming `r_type` is [`super::reloc_names`]'.

use super::bytes;
use super::dynamic::{self, Dyn};
use super::error::TableError;
use super::header::{ByteOrder, FileHeader, EI_DATA, ELFDATA2MSB, EM_MIPS};
use super::section::{SectionHeader, SHT_DYNSYM, SHT_REL, SHT_RELA, SHT_RELR, SHT_SYMTAB};
use super::symbol::{DynamicSymbolState, Symbol, SymbolTable};
use super::version::{VersionLookup, VersionTags};
use super::ElfFile;

pub const DT_PLTRELSZ: u64 = 2;
pub const DT_RELA: u64 = 7;
pub const DT_RELASZ: u64 = 8;
pub const DT_REL: u64 = 17;
pub const DT_RELSZ: u64 = 18;
pub const DT_PLTREL: u64 = 20;
pub const DT_JMPREL: u64 = 23;
pub const DT_RELRSZ: u64 = 35;
pub const DT_RELR: u64 = 36;

/// `EM_SPARCV9`, whose 64-bit `r_info` carries 24 bits of type data.
pub const EM_SPARCV9: u16 = 43;

/// The record layout of a relocation table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelocFormat {
    /// `Elf32_Rel` / `Elf64_Rel`: offset and info.
    Rel,
    /// `Elf32_Rela` / `Elf64_Rela`: offset, info and addend.
    Rela,
    /// `Elf32_Relr` / `Elf64_Relr`: a compressed list of relative
    /// relocation offsets (addresses and bitmaps).
    Relr,
}

impl RelocFormat {
    /// Size of one record in a file of this class (readelf's
    /// `sizeof (Elf64_External_Rela)` and friends).
    pub fn entry_size(self, is_64: bool) -> u64 {
        match (self, is_64) {
            (RelocFormat::Rel, false) => 8,
            (RelocFormat::Rel, true) => 16,
            (RelocFormat::Rela, false) => 12,
            (RelocFormat::Rela, true) => 24,
            (RelocFormat::Relr, false) => 4,
            (RelocFormat::Relr, true) => 8,
        }
    }

    /// The format of a section type, if it is a relocation section.
    pub fn of_section_type(sh_type: u32) -> Option<RelocFormat> {
        match sh_type {
            SHT_REL => Some(RelocFormat::Rel),
            SHT_RELA => Some(RelocFormat::Rela),
            SHT_RELR => Some(RelocFormat::Relr),
            _ => None,
        }
    }
}

/// One REL or RELA record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reloc {
    pub r_offset: u64,
    /// `r_info` as readelf holds (and prints) it. In little-endian MIPS64
    /// files the field is not one little-endian word but a 32-bit symbol
    /// index followed by four one-byte fields; like `slurp_rela_relocs`,
    /// it is reordered here so that [`RInfo`] can split it uniformly.
    pub r_info: u64,
    /// The addend; 0 for REL records.
    pub r_addend: i64,
}

/// How `r_info` splits into symbol index and type(s) in one file: by class,
/// and for MIPS64 and SPARC V9 by machine (readelf's `get_reloc_type`,
/// `get_reloc_symindex`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RInfo {
    pub is_64: bool,
    pub e_machine: u16,
}

impl RInfo {
    pub fn of(header: &FileHeader) -> RInfo {
        RInfo {
            is_64: header.is_64(),
            e_machine: header.e_machine,
        }
    }

    /// `ELF32_R_SYM` / `ELF64_R_SYM`.
    pub fn sym(self, r_info: u64) -> u64 {
        if self.is_64 {
            r_info >> 32
        } else {
            (r_info >> 8) & 0x00ff_ffff
        }
    }

    /// `get_reloc_type`: `ELF32_R_TYPE`, `ELF64_R_TYPE`, or the first of
    /// MIPS64's three types, or SPARC V9's `ELF64_R_TYPE_ID`.
    pub fn r_type(self, r_info: u64) -> u32 {
        if !self.is_64 {
            return (r_info & 0xff) as u32;
        }
        match self.e_machine {
            EM_MIPS | EM_SPARCV9 => (r_info & 0xff) as u32,
            _ => r_info as u32,
        }
    }

    /// MIPS64's second and third types (`ELF64_MIPS_R_TYPE2`,
    /// `ELF64_MIPS_R_TYPE3`), which readelf prints on lines of their own.
    pub fn mips64_types(self, r_info: u64) -> Option<(u32, u32)> {
        (self.is_64 && self.e_machine == EM_MIPS).then_some((
            ((r_info >> 8) & 0xff) as u32,
            ((r_info >> 16) & 0xff) as u32,
        ))
    }

    /// MIPS64's special symbol field (`ELF64_MIPS_R_SSYM`).
    pub fn mips64_ssym(self, r_info: u64) -> Option<u32> {
        (self.is_64 && self.e_machine == EM_MIPS).then_some(((r_info >> 24) & 0xff) as u32)
    }

    /// SPARC V9's signed 24-bit type data (`ELF64_R_TYPE_DATA`), shown
    /// after `R_SPARC_OLO10`.
    pub fn sparc_type_data(self, r_info: u64) -> Option<i64> {
        (self.is_64 && self.e_machine == EM_SPARCV9).then(|| {
            let data = ((r_info & 0xffff_ffff) >> 8) as i64;
            (data ^ 0x80_0000) - 0x80_0000
        })
    }
}

/// The decoded records of one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelocEntries {
    /// REL or RELA records.
    Relocs(Vec<Reloc>),
    /// RELR words, undecoded (see [`relr_addresses`]).
    Relr(Vec<u64>),
}

/// Where a table was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelocSource {
    /// A relocation section (its index in the section header table).
    Section {
        index: usize,
        /// `sh_link`: the symbol table section, 0 for none.
        link: u32,
        /// `sh_info`: the section the relocations apply to.
        info: u32,
    },
    /// A table named by the dynamic section.
    Dynamic {
        /// readelf's label: "REL", "RELA", "RELR" or "PLT" (`DT_JMPREL`).
        label: &'static str,
        /// The table's virtual address (`DT_REL`, ...), which readelf
        /// prints as "offset".
        vma: u64,
    },
}

/// One relocation table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelocTable {
    pub source: RelocSource,
    pub format: RelocFormat,
    /// File offset of the records.
    pub file_offset: u64,
    /// Size in bytes (`sh_size`, `DT_RELSZ`, ...).
    pub size: u64,
    /// The records, or why they could not be read.
    pub entries: Result<RelocEntries, TableError>,
}

impl RelocTable {
    /// The number of records readelf announces: `size / entry size`
    /// (`sh_entsize` after readelf's `CHECK_ENTSIZE`, which is always the
    /// natural size).
    pub fn count(&self, is_64: bool) -> u64 {
        self.size / self.format.entry_size(is_64)
    }
}

fn read_word(bytes: &[u8], at: usize, is_64: bool, order: ByteOrder) -> u64 {
    // Callers pass `at` inside `bytes` with room for a whole word.
    if is_64 {
        let b: [u8; 8] = bytes[at..at + 8].try_into().unwrap_or([0; 8]);
        match order {
            ByteOrder::Little => u64::from_le_bytes(b),
            ByteOrder::Big => u64::from_be_bytes(b),
        }
    } else {
        let b: [u8; 4] = bytes[at..at + 4].try_into().unwrap_or([0; 4]);
        u64::from(match order {
            ByteOrder::Little => u32::from_le_bytes(b),
            ByteOrder::Big => u32::from_be_bytes(b),
        })
    }
}

/// readelf's reordering of little-endian MIPS64 `r_info`: a 32-bit symbol
/// index, then `r_ssym`, `r_type3`, `r_type2`, `r_type` bytes.
fn mips64el_info(inf: u64) -> u64 {
    ((inf & 0xffff_ffff) << 32)
        | ((inf >> 56) & 0xff)
        | ((inf >> 40) & 0xff00)
        | ((inf >> 24) & 0xff_0000)
        | ((inf >> 8) & 0xff00_0000)
}

/// Decodes `size` bytes at `offset` as REL, RELA or RELR records
/// (`slurp_rel_relocs`, `slurp_rela_relocs`, `slurp_relr_relocs`): the whole
/// range must lie inside the file; a trailing partial record is ignored.
pub fn parse_entries(
    data: &[u8],
    header: &FileHeader,
    format: RelocFormat,
    offset: u64,
    size: u64,
) -> Result<RelocEntries, TableError> {
    let table = match format {
        RelocFormat::Relr => "RELR relocation data",
        _ if header.is_64() => "64-bit relocation data",
        _ => "32-bit relocation data",
    };
    if size == 0 {
        // get_data refuses to read nothing.
        return Err(TableError::Invalid {
            table,
            message: "empty table".into(),
        });
    }
    let raw = bytes::slice(data, table, offset, size)?;
    let is_64 = header.is_64();
    let order = header.byte_order();
    let word = if is_64 { 8 } else { 4 };
    let entsize = format.entry_size(is_64) as usize;
    let records = raw.chunks_exact(entsize);
    if format == RelocFormat::Relr {
        return Ok(RelocEntries::Relr(
            records.map(|r| read_word(r, 0, is_64, order)).collect(),
        ));
    }
    let mips64el = is_64 && header.e_machine == EM_MIPS && header.e_ident[EI_DATA] != ELFDATA2MSB;
    let relocs = records
        .map(|r| {
            let r_offset = read_word(r, 0, is_64, order);
            let mut r_info = read_word(r, word, is_64, order);
            let r_addend = if format == RelocFormat::Rela {
                let a = read_word(r, 2 * word, is_64, order);
                // BYTE_GET_SIGNED: sign-extend a 32-bit addend.
                if is_64 {
                    a as i64
                } else {
                    i64::from(a as u32 as i32)
                }
            } else {
                0
            };
            if mips64el {
                r_info = mips64el_info(r_info);
            }
            Reloc {
                r_offset,
                r_info,
                r_addend,
            }
        })
        .collect();
    Ok(RelocEntries::Relocs(relocs))
}

/// Expands RELR words into the addresses they relocate (the second loop of
/// readelf's `slurp_relr_relocs`): an even word is an address, an odd word a
/// bitmap of the following `8 * word_size - 1` words. Arithmetic wraps as in
/// readelf's `uint64_t`.
pub fn relr_addresses(words: &[u64], is_64: bool) -> impl Iterator<Item = u64> + '_ {
    let entry_bytes: u64 = if is_64 { 8 } else { 4 };
    let mut base: u64 = 0;
    words.iter().flat_map(move |&entry| {
        let mut out = RelrWord {
            addr: 0,
            bits: 0,
            single: None,
            entry_bytes,
        };
        if entry & 1 == 0 {
            out.single = Some(entry);
            base = entry.wrapping_add(entry_bytes);
        } else {
            out.addr = base;
            out.bits = entry >> 1;
            base = base.wrapping_add(entry_bytes.wrapping_mul(entry_bytes * 8 - 1));
        }
        out
    })
}

/// The number of addresses [`relr_addresses`] yields (readelf's first
/// counting loop).
pub fn relr_count(words: &[u64]) -> u64 {
    words
        .iter()
        .map(|&w| {
            if w & 1 == 0 {
                1
            } else {
                u64::from((w >> 1).count_ones())
            }
        })
        .sum()
}

/// The addresses of one RELR word.
struct RelrWord {
    addr: u64,
    bits: u64,
    single: Option<u64>,
    entry_bytes: u64,
}

impl Iterator for RelrWord {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        if let Some(a) = self.single.take() {
            return Some(a);
        }
        while self.bits != 0 {
            let hit = self.bits & 1 != 0;
            let addr = self.addr;
            self.bits >>= 1;
            self.addr = self.addr.wrapping_add(self.entry_bytes);
            if hit {
                return Some(addr);
            }
        }
        None
    }
}

/// The relocation sections of the file in section header order, with
/// non-empty `sh_size` (the sections readelf's `process_relocs` lists).
pub fn section_tables(elf: &ElfFile) -> Vec<RelocTable> {
    elf.section_headers()
        .iter()
        .enumerate()
        .filter_map(|(index, s)| {
            let format = RelocFormat::of_section_type(s.sh_type)?;
            (s.sh_size != 0).then(|| section_table(elf, index, s, format))
        })
        .collect()
}

fn section_table(
    elf: &ElfFile,
    index: usize,
    s: &SectionHeader,
    format: RelocFormat,
) -> RelocTable {
    RelocTable {
        source: RelocSource::Section {
            index,
            link: s.sh_link,
            info: s.sh_info,
        },
        format,
        file_offset: s.sh_offset,
        size: s.sh_size,
        entries: parse_entries(elf.data, &elf.header, format, s.sh_offset, s.sh_size),
    }
}

/// readelf's `dynamic_info[]` for the relocation tags: the value of the
/// last entry with each tag (entries up to the first `DT_NULL`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DynamicRelocInfo {
    pub rel: u64,
    pub relsz: u64,
    pub rela: u64,
    pub relasz: u64,
    pub relr: u64,
    pub relrsz: u64,
    pub jmprel: u64,
    pub pltrelsz: u64,
    pub pltrel: u64,
}

impl DynamicRelocInfo {
    pub fn from_entries(entries: &[Dyn]) -> DynamicRelocInfo {
        let mut info = DynamicRelocInfo::default();
        for d in entries {
            let slot = match d.d_tag {
                DT_REL => &mut info.rel,
                DT_RELSZ => &mut info.relsz,
                DT_RELA => &mut info.rela,
                DT_RELASZ => &mut info.relasz,
                DT_RELR => &mut info.relr,
                DT_RELRSZ => &mut info.relrsz,
                DT_JMPREL => &mut info.jmprel,
                DT_PLTRELSZ => &mut info.pltrelsz,
                DT_PLTREL => &mut info.pltrel,
                _ => continue,
            };
            *slot = d.d_val;
        }
        info
    }

    /// readelf's `dynamic_relocations[]` in its order: label, address,
    /// size and format (`None` for a `DT_JMPREL` table whose `DT_PLTREL`
    /// is neither `DT_REL` nor `DT_RELA`: readelf then guesses by machine).
    pub fn tables(&self) -> [(&'static str, u64, u64, Option<RelocFormat>); 4] {
        let plt = match self.pltrel {
            DT_REL => Some(RelocFormat::Rel),
            DT_RELA => Some(RelocFormat::Rela),
            _ => None,
        };
        [
            ("REL", self.rel, self.relsz, Some(RelocFormat::Rel)),
            ("RELA", self.rela, self.relasz, Some(RelocFormat::Rela)),
            ("RELR", self.relr, self.relrsz, Some(RelocFormat::Relr)),
            ("PLT", self.jmprel, self.pltrelsz, plt),
        ]
    }

    /// Any table has a non-zero size (readelf's test before "There are no
    /// static relocations in this file.").
    pub fn any(&self) -> bool {
        self.tables().iter().any(|t| t.2 != 0)
    }
}

/// The dynamic section's relocation tags, as readelf's `dynamic_info`.
pub fn dynamic_info(elf: &ElfFile) -> DynamicRelocInfo {
    elf.dynamic()
        .map(|d| DynamicRelocInfo::from_entries(&d.entries))
        .unwrap_or_default()
}

/// The tables `DT_REL`, `DT_RELA`, `DT_RELR` and `DT_JMPREL` name, in
/// readelf's order, for the ones with a non-zero size (`process_relocs`
/// with `-D`). Addresses are mapped to file offsets through the `PT_LOAD`
/// segments (readelf's `offset_from_vma`).
pub fn dynamic_tables(elf: &ElfFile) -> Vec<RelocTable> {
    dynamic_tables_from(elf, &dynamic_info(elf))
}

/// [`dynamic_tables`] for the tags in `info` (empty where readelf gave up
/// on the dynamic section before recording them).
pub fn dynamic_tables_from(elf: &ElfFile, info: &DynamicRelocInfo) -> Vec<RelocTable> {
    let segments = elf.program_headers();
    info.tables()
        .into_iter()
        .filter(|t| t.2 != 0)
        .map(|(label, vma, size, format)| {
            let format = format.unwrap_or(
                if super::reloc_names::tables::guess_is_rela(elf.header.e_machine) {
                    RelocFormat::Rela
                } else {
                    RelocFormat::Rel
                },
            );
            let file_offset = dynamic::offset_from_vma(segments, vma, size);
            RelocTable {
                source: RelocSource::Dynamic { label, vma },
                format,
                file_offset,
                size,
                entries: parse_entries(elf.data, &elf.header, format, file_offset, size),
            }
        })
        .collect()
}

/// Why relocation tables of the file cannot be read (bounds checks only,
/// nothing is decoded): the section tables, or with `use_dynamic` the
/// tables the dynamic section names. For warnings beside the output.
pub fn problems(elf: &ElfFile, use_dynamic: bool) -> Vec<String> {
    let check = |table: &'static str, offset: u64, size: u64| {
        bytes::slice(elf.data, table, offset, size)
            .err()
            .map(|e| e.to_string())
    };
    if use_dynamic {
        let segments = elf.program_headers();
        dynamic_info(elf)
            .tables()
            .iter()
            .filter(|t| t.2 != 0)
            .filter_map(|&(_, vma, size, _)| {
                let offset = dynamic::offset_from_vma(segments, vma, size);
                check("dynamic relocations", offset, size)
            })
            .collect()
    } else {
        elf.section_headers()
            .iter()
            .filter(|s| RelocFormat::of_section_type(s.sh_type).is_some() && s.sh_size != 0)
            .filter_map(|s| check("relocation section", s.sh_offset, s.sh_size))
            .collect()
    }
}

/// Whether readelf's `process_section_headers` succeeded. When it fails
/// (section headers announced but unreadable), readelf turns `-r` (without
/// `-D`) and `-u` off for the file.
pub fn section_headers_usable(elf: &ElfFile) -> bool {
    match &elf.sections {
        None => elf.header.e_shoff == 0,
        Some(Ok(_)) => true,
        Some(Err(_)) => false,
    }
}

/// The symbols a relocation table refers to: a symbol table and the
/// strings its names are in, as readelf's `get_symtab` loads them (or the
/// dynamic symbols and strings for `-D`).
#[derive(Debug, Clone)]
pub struct RelocSymbols<'a> {
    pub table: SymbolTable<'a>,
    /// readelf's `strtab`: the section `sh_link` of the symbol table names
    /// (`None` when that is 0).
    pub strings: Option<&'a [u8]>,
    /// The table is a dynamic symbol table, whose symbols have versions.
    pub is_dynamic: bool,
}

impl<'a> RelocSymbols<'a> {
    pub fn symbols(&self) -> &[Symbol] {
        &self.table.symbols
    }

    /// Symbol `index`, or `None` past the end (readelf's "bad symbol
    /// index").
    pub fn symbol(&self, index: u64) -> Option<&Symbol> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.table.symbols.get(i))
    }

    /// The symbol's name: `None` without a string table or when `st_name`
    /// is outside it.
    pub fn name(&self, sym: &Symbol) -> Option<&'a [u8]> {
        let strings = self.strings?;
        if u64::from(sym.st_name) >= strings.len() as u64 {
            return None;
        }
        bytes::c_str(strings, u64::from(sym.st_name))
    }

    /// A version lookup for the symbols (readelf's
    /// `get_symbol_version_string` only looks at dynamic symbols, through
    /// the dynamic section's `DT_VERSYM`, `DT_VERDEF` and `DT_VERNEED`:
    /// `tags`, normally [`ElfFile::version_tags`]).
    pub fn versions<'e>(
        &self,
        elf: &'e ElfFile<'_>,
        tags: VersionTags,
    ) -> Option<VersionLookup<'e>> {
        self.is_dynamic.then(|| VersionLookup::new(elf, tags))
    }
}

/// readelf's `get_symtab` for the symbol section at `index`: its symbols
/// (at least one) and the string table its `sh_link` names. `None` where
/// readelf's call fails.
pub fn get_symtab<'a>(elf: &ElfFile<'a>, index: usize) -> Option<RelocSymbols<'a>> {
    let symsec = elf.section_headers().get(index)?;
    let table = elf.symbol_table(index).ok()?;
    // get_elf_symbols returns NULL for an empty table.
    if table.symbols.is_empty() {
        return None;
    }
    let strings = if symsec.sh_link != 0 {
        if symsec.sh_link >= elf.shnum {
            return None;
        }
        let strsec = elf.section_headers().get(symsec.sh_link as usize)?;
        if strsec.sh_size == 0 {
            return None;
        }
        Some(bytes::slice(elf.data, "string table", strsec.sh_offset, strsec.sh_size).ok()?)
    } else {
        None
    };
    Some(RelocSymbols {
        is_dynamic: symsec.sh_type == SHT_DYNSYM,
        table,
        strings,
    })
}

/// What a relocation section's `sh_link` gives readelf's `process_relocs`.
#[derive(Debug, Clone)]
pub enum SymbolsFor<'a> {
    /// `sh_link` is 0 or out of range: the relocations are shown without
    /// symbols.
    None,
    /// `sh_link` names something other than a loadable symbol table:
    /// readelf prints the table's heading and nothing else.
    Skip,
    Table(RelocSymbols<'a>),
}

/// The symbols of a relocation section with this `sh_link`.
pub fn symbols_for_section<'a>(elf: &ElfFile<'a>, link: u32) -> SymbolsFor<'a> {
    if link == 0 || link >= elf.shnum {
        return SymbolsFor::None;
    }
    let Some(symsec) = elf.section_headers().get(link as usize) else {
        return SymbolsFor::None;
    };
    if symsec.sh_type != SHT_SYMTAB && symsec.sh_type != SHT_DYNSYM {
        return SymbolsFor::Skip;
    }
    match get_symtab(elf, link as usize) {
        Some(s) => SymbolsFor::Table(s),
        None => SymbolsFor::Skip,
    }
}

/// The dynamic symbols and strings `readelf -r -D` resolves relocations
/// with (`filedata->dynamic_symbols`, `filedata->dynamic_strings`), from
/// what `process_dynamic_section` made of them (normally
/// `elf.readelf_dynamic_symbols(false, true)`).
pub fn dynamic_symbols_for_relocs<'a>(
    elf: &ElfFile<'a>,
    state: &DynamicSymbolState<'a>,
) -> Option<RelocSymbols<'a>> {
    Some(RelocSymbols {
        table: state.symbols(elf)?,
        strings: state.strings,
        is_dynamic: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relr_decoding_matches_readelf() {
        // An address, then a bitmap marking the 1st and 3rd following words.
        let words = [0x1000, (0b101 << 1) | 1];
        let addrs: Vec<u64> = relr_addresses(&words, true).collect();
        assert_eq!(addrs, vec![0x1000, 0x1008, 0x1018]);
        assert_eq!(relr_count(&words), 3);
        // A second bitmap continues 63 words after the first.
        let words = [0x1000, 3, 3];
        let addrs: Vec<u64> = relr_addresses(&words, true).collect();
        assert_eq!(addrs, vec![0x1000, 0x1008, 0x1008 + 63 * 8]);
        let addrs: Vec<u64> = relr_addresses(&[0x100, 3, 3], false).collect();
        assert_eq!(addrs, vec![0x100, 0x104, 0x104 + 31 * 4]);
    }

    #[test]
    fn r_info_splits() {
        let x86_64 = RInfo {
            is_64: true,
            e_machine: 62,
        };
        assert_eq!(x86_64.sym(0x0000_000a_0000_002a), 10);
        assert_eq!(x86_64.r_type(0x0000_000a_0000_002a), 42);
        let i386 = RInfo {
            is_64: false,
            e_machine: 3,
        };
        assert_eq!(i386.sym(0x0000_0207), 2);
        assert_eq!(i386.r_type(0x0000_0207), 7);
        let mips64 = RInfo {
            is_64: true,
            e_machine: EM_MIPS,
        };
        let info = 0x0000_0005_0012_0f03;
        assert_eq!(mips64.sym(info), 5);
        assert_eq!(mips64.r_type(info), 3);
        assert_eq!(mips64.mips64_types(info), Some((0x0f, 0x12)));
        assert_eq!(mips64_ssym_of(info), 0);
        let sparc = RInfo {
            is_64: true,
            e_machine: EM_SPARCV9,
        };
        assert_eq!(sparc.sparc_type_data(0xffff_ff21), Some(-1));
        assert_eq!(sparc.r_type(0xffff_ff21), 0x21);
    }

    fn mips64_ssym_of(info: u64) -> u32 {
        RInfo {
            is_64: true,
            e_machine: EM_MIPS,
        }
        .mips64_ssym(info)
        .unwrap()
    }

    #[test]
    fn mips64el_info_is_reordered() {
        // Bytes in the file: sym (LE u32) = 5, ssym 0, type3 0x12, type2 0x0f, type 3.
        let raw = u64::from_le_bytes([5, 0, 0, 0, 0, 0x12, 0x0f, 3]);
        assert_eq!(mips64el_info(raw), 0x0000_0005_0012_0f03);
    }
}
