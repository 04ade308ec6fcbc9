//! Symbol tables: `.symtab` and `.dynsym` (`Elf32_Sym` / `Elf64_Sym`), their
//! string tables, and the dynamic symbol table found through `DT_SYMTAB`
//! when there are no section headers.
//!
//! Loading follows GNU readelf 2.40 (binutils readelf.c): `get_elf_symbols`
//! for the checks on a symbol section and the `SHN_XINDEX` /
//! `SHT_SYMTAB_SHNDX` and `SHN_LORESERVE` handling of section indices,
//! `process_section_headers` for which `.dynsym` is "the" dynamic symbol
//! table and the `CHECK_ENTSIZE` correction of `sh_entsize`,
//! `process_dynamic_section` for the `DT_SYMTAB` route. Names, types and
//! bindings are left as numbers; turning them into text is the renderers'
//! job.

use scroll::Pread;

use super::bytes;
use super::error::TableError;
use super::hash::{HashTables, HashTags};
use super::section::{SHT_DYNSYM, SHT_SYMTAB};
use super::segment::PT_LOAD;
use super::{ElfFile, SectionHeader};

pub const SHT_SYMTAB_SHNDX: u32 = 18;

pub const STB_LOCAL: u8 = 0;
pub const STB_GLOBAL: u8 = 1;
pub const STB_WEAK: u8 = 2;
pub const STB_GNU_UNIQUE: u8 = 10;

pub const STT_NOTYPE: u8 = 0;
pub const STT_OBJECT: u8 = 1;
pub const STT_FUNC: u8 = 2;
pub const STT_SECTION: u8 = 3;
pub const STT_FILE: u8 = 4;
pub const STT_COMMON: u8 = 5;
pub const STT_TLS: u8 = 6;
pub const STT_GNU_IFUNC: u8 = 10;

pub const STV_DEFAULT: u8 = 0;
pub const STV_INTERNAL: u8 = 1;
pub const STV_HIDDEN: u8 = 2;
pub const STV_PROTECTED: u8 = 3;

/// Section indices as readelf holds them internally (include/elf/internal.h):
/// the reserved 16-bit values `0xff00..=0xffff` widened to
/// `0xffffff00..=0xffffffff`.
pub const SHN_UNDEF: u32 = 0;
pub const SHN_LORESERVE: u32 = 0xffff_ff00;
pub const SHN_LOPROC: u32 = 0xffff_ff00;
pub const SHN_HIPROC: u32 = 0xffff_ff1f;
pub const SHN_LOOS: u32 = 0xffff_ff20;
pub const SHN_HIOS: u32 = 0xffff_ff3f;
pub const SHN_ABS: u32 = 0xffff_fff1;
pub const SHN_COMMON: u32 = 0xffff_fff2;
pub const SHN_XINDEX: u32 = 0xffff_ffff;

/// Size of one symbol in a 32-bit and a 64-bit file.
pub const SYM32_SIZE: u64 = 16;
pub const SYM64_SIZE: u64 = 24;

/// One symbol, widened to 64 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Symbol {
    /// Offset of the name in the table's string table.
    pub st_name: u32,
    pub st_info: u8,
    pub st_other: u8,
    /// The section index as readelf holds it: the stored 16-bit value, with
    /// `SHN_XINDEX` replaced by the `SHT_SYMTAB_SHNDX` entry when there is
    /// one, and other reserved values widened (`0xfff1` becomes
    /// [`SHN_ABS`]).
    pub st_shndx: u32,
    pub st_value: u64,
    pub st_size: u64,
}

impl Symbol {
    /// `ELF_ST_TYPE`
    pub fn st_type(&self) -> u8 {
        self.st_info & 0xf
    }

    /// `ELF_ST_BIND`
    pub fn st_bind(&self) -> u8 {
        self.st_info >> 4
    }

    /// `ELF_ST_VISIBILITY`
    pub fn st_visibility(&self) -> u8 {
        self.st_other & 3
    }

    /// Defined in some section (not `SHN_UNDEF`).
    pub fn is_defined(&self) -> bool {
        self.st_shndx != SHN_UNDEF
    }
}

/// Where a symbol table was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolSource {
    /// A `SHT_SYMTAB` or `SHT_DYNSYM` section, by index.
    Section(usize),
    /// `DT_SYMTAB`, sized by the hash tables (no usable `.dynsym` section).
    DynamicTags { offset: u64 },
}

/// A decoded symbol table and the string table its names point into.
#[derive(Debug, Clone)]
pub struct SymbolTable<'a> {
    pub source: SymbolSource,
    /// `sh_type` of the section (`SHT_DYNSYM` for the `DT_SYMTAB` route).
    pub sh_type: u32,
    pub symbols: Vec<Symbol>,
    /// The string table (readelf's `strtab`); `None` when unreadable.
    pub strings: Option<&'a [u8]>,
}

impl<'a> SymbolTable<'a> {
    /// The symbol's name, or `None` when `st_name` is outside the string
    /// table (readelf prints `<corrupt>`).
    pub fn name(&self, sym: &Symbol) -> Option<&'a [u8]> {
        let strings = self.strings?;
        if u64::from(sym.st_name) >= strings.len() as u64 {
            return None;
        }
        bytes::c_str(strings, u64::from(sym.st_name))
    }

    pub fn is_dynamic(&self) -> bool {
        self.sh_type == SHT_DYNSYM
    }

    pub fn len(&self) -> usize {
        self.symbols.len()
    }

    pub fn is_empty(&self) -> bool {
        self.symbols.is_empty()
    }
}

/// Where a symbol table's bytes are, before decoding.
struct Layout<'a> {
    bytes: &'a [u8],
    count: u64,
    shndx: Option<&'a [u8]>,
}

/// Most symbols [`ElfFile::symbol_tables`] holds at once, over all tables
/// (4 Mi symbols, 128 MiB decoded; the largest real tables on a Debian
/// system hold a few hundred thousand).
pub const MAX_SYMBOLS_HELD: u64 = 1 << 22;

fn symbols_limit() -> TableError {
    TableError::LimitExceeded {
        table: "symbol tables",
        limit: MAX_SYMBOLS_HELD,
    }
}

fn invalid(message: String) -> TableError {
    TableError::Invalid {
        table: "symbol table",
        message,
    }
}

/// What readelf's `process_dynamic_section` made of the dynamic symbol
/// table, for the `-s -D` and `-I` paths (see
/// [`ElfFile::readelf_dynamic_symbols`]).
#[derive(Debug, Clone, Default)]
pub struct DynamicSymbolState<'a> {
    /// The `.dynsym` section readelf loaded as `filedata->dynamic_symbols`
    /// (see [`ElfFile::dynsym_index`]).
    pub section: Option<usize>,
    /// Without such a section: the table readelf read at `DT_SYMTAB`.
    pub from_tags: Option<SymbolTable<'a>>,
    /// The hash tables, when readelf read them (`get_num_dynamic_syms`).
    pub hash: Option<HashTables>,
    /// readelf gave up on the dynamic section before printing it ("Invalid
    /// PT_LOAD entry", "Corrupt DT_SYMTAB dynamic entry"): nothing of the
    /// dynamic section is shown and the version tags stay unset.
    pub aborted: bool,
    /// The hash-related tags (`dynamic_info[DT_HASH]`,
    /// `dynamic_info_DT_GNU_HASH`, ...), as far as readelf recorded them.
    pub tags: HashTags,
    /// readelf's `dynamic_strings`: the `.dynstr` section, else (unless
    /// aborted first) `DT_STRTAB`.
    pub strings: Option<&'a [u8]>,
}

impl<'a> DynamicSymbolState<'a> {
    /// `filedata->dynamic_symbols`, decoded.
    pub fn symbols(&self, elf: &ElfFile<'a>) -> Option<SymbolTable<'a>> {
        match self.section {
            Some(i) => elf.symbol_table(i).ok(),
            None => self.from_tags.clone(),
        }
    }

    /// Whether readelf has dynamic symbols at all.
    pub fn has_symbols(&self) -> bool {
        self.section.is_some() || self.from_tags.is_some()
    }
}

impl<'a> ElfFile<'a> {
    fn natural_sym_size(&self) -> u64 {
        if self.header.is_64() {
            SYM64_SIZE
        } else {
            SYM32_SIZE
        }
    }

    /// Index of the `.dynsym` section readelf takes as the dynamic symbol
    /// table: the first `SHT_DYNSYM` whose symbols load
    /// (`process_section_headers`).
    pub fn dynsym_index(&self) -> Option<usize> {
        let natural = self.natural_sym_size();
        self.section_headers()
            .iter()
            .enumerate()
            .filter(|(_, s)| s.sh_type == SHT_DYNSYM)
            .find(|(i, s)| {
                self.symbol_layout(*i, s, natural)
                    .is_ok_and(|l| l.count > 0)
            })
            .map(|(i, _)| i)
    }

    /// `sh_entsize` of a section as readelf uses it after
    /// `process_section_headers`: its `CHECK_ENTSIZE` replaces a wrong value
    /// by the natural symbol size for every `SHT_SYMTAB` and for the
    /// `SHT_DYNSYM` sections up to the one it loads as the dynamic symbols.
    pub fn effective_entsize(&self, index: usize) -> u64 {
        let Some(s) = self.section_headers().get(index) else {
            return 0;
        };
        match s.sh_type {
            SHT_SYMTAB => self.natural_sym_size(),
            SHT_DYNSYM => match self.dynsym_index() {
                Some(loaded) if loaded < index => s.sh_entsize,
                _ => self.natural_sym_size(),
            },
            _ => s.sh_entsize,
        }
    }

    /// readelf's `get_elf_symbols` checks for the section at `index` read
    /// with `entsize`; the symbol bytes, count and `SHT_SYMTAB_SHNDX` data.
    fn symbol_layout(
        &self,
        index: usize,
        section: &SectionHeader,
        entsize: u64,
    ) -> Result<Layout<'a>, TableError> {
        let size = section.sh_size;
        if size == 0 {
            // readelf reads nothing (and reports nothing) for an empty table.
            return Ok(Layout {
                bytes: &[],
                count: 0,
                shndx: None,
            });
        }
        if entsize == 0 || entsize > size {
            return Err(invalid(format!("invalid sh_entsize of {entsize:#x}")));
        }
        if size > self.data.len() as u64 {
            return Err(invalid(format!("invalid sh_size of {size:#x}")));
        }
        let count = size / entsize;
        if count.saturating_mul(self.natural_sym_size()) > size + 1 {
            return Err(invalid(format!(
                "size ({size:#x}) is not a multiple of its sh_entsize ({entsize:#x})"
            )));
        }
        let bytes = bytes::slice(self.data, "symbols", section.sh_offset, size)?;
        // readelf prepends each SHT_SYMTAB_SHNDX to a list, so the last one
        // linked to this table (in section order) is met first, and the
        // first one is used.
        let mut shndx = None;
        for s in self.section_headers().iter().rev() {
            if s.sh_type != SHT_SYMTAB_SHNDX || s.sh_link as usize != index {
                continue;
            }
            if s.sh_size == 0 {
                return Err(invalid("empty symbol table section indices".into()));
            }
            let b = bytes::slice(
                self.data,
                "symbol table section indices",
                s.sh_offset,
                s.sh_size,
            )?;
            if s.sh_size / 4 < count {
                return Err(invalid(format!(
                    "index section has an sh_size of {:#x} - expected {size:#x}",
                    s.sh_size
                )));
            }
            shndx = Some(b);
        }
        Ok(Layout {
            bytes,
            count,
            shndx,
        })
    }

    /// Decodes `count` symbols at the natural stride (readelf indexes its
    /// external symbol array, whatever `sh_entsize` says).
    fn decode_symbols(&self, layout: &Layout<'a>) -> Result<Vec<Symbol>, TableError> {
        let ctx = self.header.ctx();
        let endian = ctx.le;
        let natural = self.natural_sym_size();
        // The size check allows the last record to end one byte past the
        // section; readelf's buffer has a NUL there.
        let padded;
        let bytes = if layout.count * natural > layout.bytes.len() as u64 {
            padded = [layout.bytes, &[0u8][..]].concat();
            &padded[..]
        } else {
            layout.bytes
        };
        let mut symbols = Vec::with_capacity(layout.count as usize);
        for j in 0..layout.count {
            let at = (j * natural) as usize;
            let s = bytes
                .pread_with::<goblin::elf::Sym>(at, ctx)
                .map_err(|e: goblin::error::Error| invalid(e.to_string()))?;
            let raw = s.st_shndx as u32;
            let st_shndx = if raw == 0xffff && layout.shndx.is_some() {
                layout
                    .shndx
                    .and_then(|t| t.pread_with::<u32>(j as usize * 4, endian).ok())
                    .unwrap_or(raw)
            } else if raw >= 0xff00 {
                raw + (SHN_LORESERVE - 0xff00)
            } else {
                raw
            };
            symbols.push(Symbol {
                st_name: s.st_name as u32,
                st_info: s.st_info,
                st_other: s.st_other,
                st_shndx,
                st_value: s.st_value,
                st_size: s.st_size,
            });
        }
        Ok(symbols)
    }

    /// The string table of a symbol section linked through `sh_link`, as
    /// readelf's `process_symbol_table` loads it: the section name string
    /// table when `sh_link` is `e_shstrndx`, else the linked section's bytes.
    pub fn linked_strings(&self, link: u32) -> Option<&'a [u8]> {
        if link == self.shstrndx {
            return self.shstrtab;
        }
        let s = self.section_headers().get(link as usize)?;
        if s.sh_size == 0 {
            return None;
        }
        bytes::slice(self.data, "string table", s.sh_offset, s.sh_size).ok()
    }

    /// The symbols of section `index` (any type; readelf reads the table a
    /// version section links to whatever its type), with its linked string
    /// table, using [`ElfFile::effective_entsize`].
    pub fn symbol_table(&self, index: usize) -> Result<SymbolTable<'a>, TableError> {
        let section = self
            .section_headers()
            .get(index)
            .ok_or_else(|| invalid(format!("no section {index}")))?;
        let layout = self.symbol_layout(index, section, self.effective_entsize(index))?;
        Ok(SymbolTable {
            source: SymbolSource::Section(index),
            sh_type: section.sh_type,
            symbols: self.decode_symbols(&layout)?,
            strings: self.linked_strings(section.sh_link),
        })
    }

    /// Whether the symbols of section `index` can be read, without
    /// decoding them: the checks of [`ElfFile::symbol_table`].
    pub fn check_symbol_table(&self, index: usize) -> Result<(), TableError> {
        let section = self
            .section_headers()
            .get(index)
            .ok_or_else(|| invalid(format!("no section {index}")))?;
        self.symbol_layout(index, section, self.effective_entsize(index))
            .map(|_| ())
    }

    /// Every `SHT_SYMTAB` and `SHT_DYNSYM` section in section order, with
    /// its index and symbols (or why they cannot be read).
    ///
    /// All tables are held at once, so their symbols count against
    /// [`MAX_SYMBOLS_HELD`]: many section headers can describe the same bytes
    /// as a symbol table, and a small file would otherwise decode into
    /// gigabytes. Tables past the limit are `Err(LimitExceeded)`. (readelf's
    /// printer reads one table at a time, and so does relf's; see
    /// [`ElfFile::symbol_table`].)
    pub fn symbol_tables(&self) -> Vec<(usize, Result<SymbolTable<'a>, TableError>)> {
        let mut held = 0u64;
        self.section_headers()
            .iter()
            .enumerate()
            .filter(|(_, s)| s.sh_type == SHT_SYMTAB || s.sh_type == SHT_DYNSYM)
            .map(|(i, _)| {
                if held >= MAX_SYMBOLS_HELD {
                    return (i, Err(symbols_limit()));
                }
                let table = self.symbol_table(i);
                if let Ok(t) = &table {
                    held += t.len() as u64;
                    if held > MAX_SYMBOLS_HELD {
                        return (i, Err(symbols_limit()));
                    }
                }
                (i, table)
            })
            .collect()
    }

    /// The static symbol table (the first `SHT_SYMTAB` section), if any.
    pub fn symtab(&self) -> Option<Result<SymbolTable<'a>, TableError>> {
        let i = self
            .section_headers()
            .iter()
            .position(|s| s.sh_type == SHT_SYMTAB)?;
        Some(self.symbol_table(i))
    }

    /// The dynamic symbol table: readelf's choice of `.dynsym` section, or,
    /// without one, the table at `DT_SYMTAB` with as many entries as the
    /// hash tables imply (what `readelf -D` uses).
    pub fn dynamic_symbols(&self) -> Option<SymbolTable<'a>> {
        if let Some(i) = self.dynsym_index() {
            return self.symbol_table(i).ok();
        }
        let tags = HashTags::from_entries(&self.dynamic()?.entries, self.header.e_machine);
        let count = self.hash_tables_for(&tags).symbol_count;
        self.symbols_from_tags(&tags, count).ok().flatten()
    }

    /// The dynamic string table as readelf holds it: the `.dynstr` section,
    /// else `DT_STRTAB`/`DT_STRSZ` when the dynamic section was read.
    pub fn dynamic_strings(&self) -> Option<&'a [u8]> {
        self.dynamic()
            .and_then(|d| d.strings)
            .or_else(|| self.dynstr_section())
    }

    /// The table at `DT_SYMTAB` with `count` entries of `DT_SYMENT` bytes,
    /// located through the first `PT_LOAD` that holds it, as
    /// `process_dynamic_section` reads it. `Ok(None)` when no `PT_LOAD`
    /// holds `DT_SYMTAB`; `Err` where readelf gives up on the dynamic
    /// section altogether.
    fn symbols_from_tags(
        &self,
        tags: &HashTags,
        count: u64,
    ) -> Result<Option<SymbolTable<'a>>, TableError> {
        if count == 0 || tags.symtab == 0 || tags.syment == 0 {
            return Ok(None);
        }
        let vma = tags.symtab;
        let file_size = self.data.len() as u64;
        for seg in self
            .program_headers()
            .iter()
            .filter(|s| s.p_type == PT_LOAD)
        {
            if seg.p_offset.wrapping_add(seg.p_filesz) > file_size {
                return Err(invalid("invalid PT_LOAD entry".into()));
            }
            if vma >= seg.p_vaddr & seg.p_align.wrapping_neg()
                && vma < seg.p_vaddr.wrapping_add(seg.p_filesz)
            {
                let offset = vma.wrapping_sub(seg.p_vaddr).wrapping_add(seg.p_offset);
                let section = SectionHeader {
                    sh_name: 0,
                    sh_type: SHT_DYNSYM,
                    sh_flags: 0,
                    sh_addr: vma,
                    sh_offset: offset,
                    sh_size: count.wrapping_mul(tags.syment),
                    sh_link: 0,
                    sh_info: 0,
                    sh_addralign: 0,
                    sh_entsize: tags.syment,
                };
                // No SHT_SYMTAB_SHNDX can belong to this pseudo section.
                let layout = self
                    .symbol_layout(usize::MAX, &section, tags.syment)
                    .map_err(|_| invalid("corrupt DT_SYMTAB dynamic entry".into()))?;
                if layout.count != count {
                    return Err(invalid("corrupt DT_SYMTAB dynamic entry".into()));
                }
                return Ok(Some(SymbolTable {
                    source: SymbolSource::DynamicTags { offset },
                    sh_type: SHT_DYNSYM,
                    symbols: self.decode_symbols(&layout)?,
                    strings: self.dynamic_strings(),
                }));
            }
        }
        Ok(None)
    }

    /// Replays the dynamic-symbol part of readelf's
    /// `process_dynamic_section`. `histogram` is `-I`; `count_symbols` is
    /// whether `get_num_dynamic_syms` reads the hash tables at all
    /// (`-I`, or `-D` without `--dyn-syms`).
    pub fn readelf_dynamic_symbols(
        &self,
        histogram: bool,
        count_symbols: bool,
    ) -> DynamicSymbolState<'a> {
        let mut state = DynamicSymbolState::default();
        let from_section = self.dynsym_index();
        state.section = from_section;
        state.strings = self.dynamic_strings();
        let Some(dynamic) = self.dynamic() else {
            return state;
        };
        let all_tags = HashTags::from_entries(&dynamic.entries, self.header.e_machine);
        // The symbol lookup below records DT_MIPS_XHASH (as the GNU hash
        // too) only when it runs; the main loop of process_dynamic_section
        // then records the last DT_GNU_HASH for every file.
        let last_gnu = dynamic
            .entries
            .iter()
            .rev()
            .find(|d| d.d_tag == super::hash::DT_GNU_HASH)
            .map(|d| d.d_val);
        let lookup_runs = from_section.is_none() || histogram;
        state.tags = HashTags {
            mips_xhash: if lookup_runs { all_tags.mips_xhash } else { 0 },
            gnu_hash: last_gnu.unwrap_or(if lookup_runs { all_tags.gnu_hash } else { 0 }),
            ..all_tags
        };
        if lookup_runs {
            let hash = if count_symbols {
                self.hash_tables_for(&all_tags)
            } else {
                HashTables::default()
            };
            if from_section.is_none() {
                match self.symbols_from_tags(&all_tags, hash.symbol_count) {
                    Ok(symbols) => state.from_tags = symbols,
                    Err(_) => {
                        state.aborted = true;
                        state.strings = self.dynstr_section();
                    }
                }
            }
            state.hash = Some(hash);
        }
        state
    }
}
