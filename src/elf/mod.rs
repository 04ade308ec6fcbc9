//! Bytes to model: the ELF file header, program headers, section headers
//! (with names) and the dynamic section, for ELF32 and ELF64 in either byte
//! order and for any `e_machine`; on demand, symbol tables ([`symbol`]),
//! symbol versions ([`version`]), hash tables ([`hash`]), notes ([`note`])
//! and section groups ([`group`]).
//!
//! [`ElfFile::parse`] borrows the file's bytes (normally an mmap) and decodes
//! only the headers and tables it needs, so showing the header of a 100 MB
//! file touches a few pages. One damaged table does not spoil the others: each
//! table is a `Result`, and what GNU readelf would warn about is collected in
//! [`ElfFile::diagnostics`].
//!
//! This module knows nothing about loaders or output formats.

pub mod bytes;
pub mod dynamic;
pub mod endian;
pub mod error;
pub mod go;
pub mod group;
pub mod hash;
pub mod header;
pub mod machine_flags;
pub mod names;
pub mod note;
pub mod reloc;
pub mod reloc_names;
pub mod relocate;
pub mod section;
pub mod segment;
pub mod symbol;
pub mod symtab_lite;
pub mod version;

pub use dynamic::{Dyn, Dynamic};
pub use error::{ElfError, TableError};
pub use header::FileHeader;
pub use section::SectionHeader;
pub use segment::ProgramHeader;
pub use symbol::{Symbol, SymbolTable};
pub use version::{SymbolVersion, VersionDefinition, VersionNeed};

use section::{SHT_NOBITS, SHT_STRTAB};
use segment::{PT_DYNAMIC, PT_INTERP, PT_LOAD};

/// Returns true if `data` starts with the ELF magic bytes.
pub fn has_elf_magic(data: &[u8]) -> bool {
    data.starts_with(b"\x7fELF")
}

/// A parsed ELF file borrowing its bytes.
#[derive(Debug, Clone)]
pub struct ElfFile<'a> {
    pub data: &'a [u8],
    pub header: FileHeader,
    /// Section header 0, read on its own to resolve extended numbering
    /// (`e_phnum == PN_XNUM`, `e_shnum == 0`, `e_shstrndx == SHN_XINDEX`).
    pub section0: Option<SectionHeader>,
    /// Effective program header count (extended numbering applied).
    pub phnum: u32,
    /// Effective section header count (extended numbering applied).
    pub shnum: u32,
    /// Effective section name string table index; 0 when out of range.
    pub shstrndx: u32,
    /// `None` when the file has no program headers (`phnum == 0`).
    pub segments: Option<Result<Vec<ProgramHeader>, TableError>>,
    /// `None` when the file has no section headers (`shnum == 0`).
    pub sections: Option<Result<Vec<SectionHeader>, TableError>>,
    /// Section name string table contents, when loadable.
    pub shstrtab: Option<&'a [u8]>,
    /// The dynamic section as readelf locates it, when there is one.
    pub dynamic: Option<Result<Dynamic<'a>, TableError>>,
    /// Problems found while parsing, in the order found.
    pub diagnostics: Vec<String>,
}

impl<'a> ElfFile<'a> {
    /// Parses the headers and tables of `data`. Fails only when the file
    /// header itself cannot be read; every other problem degrades one table.
    pub fn parse(data: &'a [u8]) -> Result<ElfFile<'a>, ElfError> {
        let header = FileHeader::parse(data)?;
        let section0 = section::parse_table(data, &header, 1)
            .ok()
            .and_then(|v| v.into_iter().next());

        let mut phnum = u32::from(header.e_phnum);
        let mut shnum = u32::from(header.e_shnum);
        let mut shstrndx = u32::from(header.e_shstrndx);
        if let Some(s0) = &section0 {
            if header.e_phnum == header::PN_XNUM && s0.sh_info != 0 {
                phnum = s0.sh_info;
            }
            if header.e_shnum == 0 {
                // readelf stores sh_size in an unsigned int.
                shnum = s0.sh_size as u32;
            }
            if header.e_shstrndx == header::SHN_XINDEX {
                shstrndx = s0.sh_link;
            }
        }
        if shstrndx >= shnum {
            shstrndx = 0;
        }

        let mut file = ElfFile {
            data,
            header,
            section0,
            phnum,
            shnum,
            shstrndx,
            segments: None,
            sections: None,
            shstrtab: None,
            dynamic: None,
            diagnostics: Vec::new(),
        };
        file.load_sections();
        file.load_segments();
        file.load_dynamic();
        Ok(file)
    }

    fn load_sections(&mut self) {
        if self.shnum == 0 {
            if self.header.e_shoff != 0 {
                self.diagnostics.push(
                    "possibly corrupt ELF file header - it has a non-zero section header offset, but no section headers".into(),
                );
            }
            return;
        }
        let table = section::parse_table(self.data, &self.header, self.shnum);
        if let Err(e) = &table {
            self.diagnostics.push(e.to_string());
        }
        if let Ok(sections) = &table {
            if self.shstrndx != 0 {
                if let Some(s) = sections.get(self.shstrndx as usize) {
                    if s.sh_size != 0 {
                        match bytes::slice(self.data, "string table", s.sh_offset, s.sh_size) {
                            Ok(b) => self.shstrtab = Some(b),
                            Err(e) => self.diagnostics.push(e.to_string()),
                        }
                    }
                }
            }
        }
        self.sections = Some(table);
    }

    fn load_segments(&mut self) {
        if self.phnum == 0 {
            if self.header.e_phoff != 0 {
                self.diagnostics.push(
                    "possibly corrupt ELF header - it has a non-zero program header offset, but no program headers".into(),
                );
            }
            return;
        }
        let table = segment::parse_table(self.data, &self.header, self.phnum);
        if let Err(e) = &table {
            self.diagnostics.push(e.to_string());
        }
        self.segments = Some(table);
    }

    fn load_dynamic(&mut self) {
        let mut diags = Vec::new();
        self.dynamic = self.locate_dynamic(&mut diags);
        self.diagnostics.append(&mut diags);
    }

    /// readelf's `process_program_headers` (dynamic part) and the table
    /// loading of `process_dynamic_section`.
    fn locate_dynamic(&self, diags: &mut Vec<String>) -> Option<Result<Dynamic<'a>, TableError>> {
        let segments = self.program_headers();
        let file_size = self.data.len() as u64;
        let mut location: Option<(u64, u64)> = None;
        for seg in segments.iter().filter(|s| s.p_type == PT_DYNAMIC) {
            let mut addr = seg.p_offset;
            let mut size = seg.p_filesz;
            let mut check_bounds = true;
            if let Some(Ok(_)) = &self.sections {
                match self.section_by_name(b".dynamic") {
                    Some(sec) if sec.sh_size != 0 => {
                        if sec.sh_type == SHT_NOBITS {
                            addr = 0;
                            size = 0;
                            check_bounds = false;
                        } else {
                            addr = sec.sh_offset;
                            size = sec.sh_size;
                        }
                    }
                    _ => {
                        diags.push("no .dynamic section in the dynamic segment".into());
                        check_bounds = false;
                    }
                }
            }
            if check_bounds && (addr > file_size || size > file_size - addr) {
                diags.push("the dynamic segment offset + size exceeds the size of the file".into());
                addr = 0;
                size = 0;
            }
            location = Some((addr, size));
        }
        let (addr, size) = location?;
        if size <= 1 {
            return None;
        }
        let entries = match dynamic::parse_entries(self.data, &self.header, addr, size) {
            Ok(e) => e,
            Err(e) => {
                diags.push(e.to_string());
                return Some(Err(e));
            }
        };
        let strings = self.dynstr_section().or_else(|| {
            match dynamic::strings_from_tags(self.data, segments, &entries) {
                Some(Ok(s)) => Some(s),
                Some(Err(e)) => {
                    diags.push(format!("corrupt DT_STRTAB dynamic entry: {e}"));
                    None
                }
                None => None,
            }
        });
        Some(Ok(Dynamic {
            file_offset: addr,
            entries,
            strings,
        }))
    }

    /// The first loadable `SHT_STRTAB` section named `.dynstr`.
    fn dynstr_section(&self) -> Option<&'a [u8]> {
        self.section_headers()
            .iter()
            .filter(|s| s.sh_type == SHT_STRTAB && self.section_name(s) == Some(b".dynstr"))
            .find_map(|s| {
                if s.sh_size == 0 {
                    return None;
                }
                bytes::slice(self.data, "dynamic strings", s.sh_offset, s.sh_size).ok()
            })
    }

    /// Program headers, or an empty slice when absent or unreadable.
    pub fn program_headers(&self) -> &[ProgramHeader] {
        match &self.segments {
            Some(Ok(v)) => v,
            _ => &[],
        }
    }

    /// Section headers, or an empty slice when absent or unreadable.
    pub fn section_headers(&self) -> &[SectionHeader] {
        match &self.sections {
            Some(Ok(v)) => v,
            _ => &[],
        }
    }

    /// The section's name from the section header string table; `None` when
    /// there is no string table or `sh_name` is outside it (readelf's
    /// `section_name_valid`: `sh_name < string_table_length`, so an offset
    /// just past the end is `<corrupt>` too, not an empty name).
    pub fn section_name(&self, section: &SectionHeader) -> Option<&'a [u8]> {
        self.shstrtab
            .filter(|t| (section.sh_name as usize) < t.len())
            .and_then(|t| bytes::c_str(t, u64::from(section.sh_name)))
    }

    /// The first section called `name` (readelf's `find_section`).
    pub fn section_by_name(&self, name: &[u8]) -> Option<&SectionHeader> {
        self.section_headers()
            .iter()
            .find(|s| self.section_name(s) == Some(name))
    }

    /// The interpreter named by a `PT_INTERP` segment, the way readelf reads
    /// it: `p_filesz` bytes that must lie inside the file, up to the first NUL.
    pub fn interpreter_of(&self, seg: &ProgramHeader) -> Option<&'a [u8]> {
        let file_size = self.data.len() as u64;
        if seg.p_offset >= file_size || seg.p_filesz > file_size - seg.p_offset || seg.p_filesz == 0
        {
            return None;
        }
        let raw = seg.file_bytes(self.data).ok()?;
        let len = raw.iter().position(|&b| b == 0).unwrap_or(raw.len());
        Some(&raw[..len])
    }

    /// The program interpreter (the last readable `PT_INTERP`, as readelf
    /// keeps it).
    pub fn interpreter(&self) -> Option<&'a [u8]> {
        self.program_headers()
            .iter()
            .rev()
            .filter(|s| s.p_type == PT_INTERP)
            .find_map(|s| self.interpreter_of(s))
    }

    /// The dynamic section, if present and readable.
    pub fn dynamic(&self) -> Option<&Dynamic<'a>> {
        match &self.dynamic {
            Some(Ok(d)) => Some(d),
            _ => None,
        }
    }

    /// The notes readelf would show for this file (`process_notes`),
    /// walked on demand.
    pub fn notes(&self) -> note::Notes<'a> {
        note::Notes::parse(self)
    }

    /// The section groups readelf would show (`process_section_groups`);
    /// problems readelf reports go to `diagnostics`.
    pub fn section_groups(&self, diagnostics: &mut Vec<String>) -> group::SectionGroups<'a> {
        group::SectionGroups::parse(self, diagnostics)
    }

    /// `ET_DYN` with `DF_1_PIE` (readelf's `is_pie`).
    pub fn is_pie(&self) -> bool {
        self.dynamic().is_some_and(Dynamic::is_pie)
    }

    /// readelf 2.40's `is_pie`, as `get_file_type` consults it for the
    /// `Type:` line of `-h` (`at_file_header`) or the `Elf file type is`
    /// line of `-l` without `-h`. It differs from [`Self::is_pie`] because
    /// readelf's `locate_dynamic_section` runs at a different point:
    ///
    /// - during `process_file_header` the header's `e_phnum` is still the
    ///   raw field (PN_XNUM is replaced by section 0's `sh_info` only after
    ///   the header is printed) and no section name table is loaded yet,
    ///   so `find_section (".dynamic")` finds nothing and the `PT_DYNAMIC`
    ///   segment alone locates the table;
    /// - later (`process_program_headers`) the real count and the
    ///   `.dynamic` section (when named so) are used.
    ///
    /// Either way the *first* `PT_DYNAMIC` is taken; a table beyond the end
    /// of the file (or with a `p_filesz` running past it) is dropped, as is
    /// one of at most one byte; the first `DT_FLAGS_1` before `DT_NULL`
    /// decides (`DF_1_PIE`).
    pub fn readelf_is_pie(&self, at_file_header: bool) -> bool {
        let reread;
        let segments: &[ProgramHeader] = if at_file_header {
            let raw = u32::from(self.header.e_phnum);
            if raw == 0 {
                return false;
            }
            if raw == self.phnum {
                self.program_headers()
            } else {
                // Bounded: the table must fit in the file (`parse_table`).
                match segment::parse_table(self.data, &self.header, raw) {
                    Ok(v) => {
                        reread = v;
                        &reread
                    }
                    Err(_) => return false,
                }
            }
        } else {
            self.program_headers()
        };
        let Some(seg) = segments.iter().find(|s| s.p_type == PT_DYNAMIC) else {
            return false;
        };
        let (mut addr, mut size) = (seg.p_offset, seg.p_filesz);
        if !at_file_header {
            if let Some(sec) = self.section_by_name(b".dynamic") {
                (addr, size) = if sec.sh_size == 0 || sec.sh_type == SHT_NOBITS {
                    (0, 0)
                } else {
                    (sec.sh_offset, sec.sh_size)
                };
            }
        }
        let file_size = self.data.len() as u64;
        if addr > file_size || size > file_size - addr || size <= 1 {
            return false;
        }
        let Ok(table) = bytes::slice(self.data, "dynamic section", addr, size) else {
            return false;
        };
        let natural = dynamic::entry_size(&self.header) as usize;
        let ctx = self.header.ctx();
        for chunk in table.chunks_exact(natural) {
            use scroll::Pread;
            let Ok(d) = chunk.pread_with::<goblin::elf::Dyn>(0, ctx) else {
                return false;
            };
            match d.d_tag {
                dynamic::DT_NULL => return false,
                dynamic::DT_FLAGS_1 => return d.d_val & dynamic::DF_1_PIE != 0,
                _ => {}
            }
        }
        false
    }

    /// File offset of a virtual address through the `PT_LOAD` segments.
    pub fn offset_from_vma(&self, vma: u64, size: u64) -> Option<u64> {
        self.program_headers()
            .iter()
            .filter(|s| s.p_type == PT_LOAD)
            .find(|s| {
                vma >= s.p_vaddr && vma.saturating_add(size) <= s.p_vaddr.saturating_add(s.p_filesz)
            })
            .map(|s| (vma - s.p_vaddr).wrapping_add(s.p_offset))
    }
}
