//! The dynamic section: its entries and the dynamic string table they name.
//!
//! Located exactly as GNU readelf 2.40 locates it (`process_program_headers`
//! and `process_dynamic_section` in binutils readelf.c): the `.dynamic`
//! section if section headers name one, else the `PT_DYNAMIC` segment; the
//! strings from the `.dynstr` section, else from `DT_STRTAB`/`DT_STRSZ`
//! mapped through the `PT_LOAD` segments.

use scroll::Pread;

use super::bytes;
use super::error::TableError;
use super::header::FileHeader;
use super::segment::{ProgramHeader, PT_LOAD};

pub const DT_NULL: u64 = 0;
pub const DT_NEEDED: u64 = 1;
pub const DT_STRTAB: u64 = 5;
pub const DT_STRSZ: u64 = 10;
pub const DT_SONAME: u64 = 14;
pub const DT_RPATH: u64 = 15;
pub const DT_DEBUG: u64 = 21;
pub const DT_TEXTREL: u64 = 22;
pub const DT_BIND_NOW: u64 = 24;
pub const DT_RUNPATH: u64 = 29;
pub const DT_FLAGS: u64 = 30;
pub const DT_FLAGS_1: u64 = 0x6fff_fffb;

pub const DF_TEXTREL: u64 = 0x4;
pub const DF_BIND_NOW: u64 = 0x8;

pub const DF_1_NOW: u64 = 0x1;
pub const DF_1_NODEFLIB: u64 = 0x800;
pub const DF_1_PIE: u64 = 0x0800_0000;

/// One `Elf32_Dyn` / `Elf64_Dyn` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dyn {
    pub d_tag: u64,
    pub d_val: u64,
}

/// The dynamic section of a file.
#[derive(Debug, Clone)]
pub struct Dynamic<'a> {
    /// File offset of the table (readelf's `dynamic_addr`); 0 when readelf
    /// would not print the "Dynamic section at offset" line.
    pub file_offset: u64,
    /// Entries up to and including the first `DT_NULL`, or every entry that
    /// fits when there is none.
    pub entries: Vec<Dyn>,
    /// The dynamic string table, when one could be found.
    pub strings: Option<&'a [u8]>,
}

impl<'a> Dynamic<'a> {
    /// The string at `offset` of the dynamic string table.
    pub fn string(&self, offset: u64) -> Option<&'a [u8]> {
        self.strings.and_then(|s| bytes::c_str(s, offset))
    }

    fn strings_of(&self, tag: u64) -> impl Iterator<Item = &'a [u8]> + '_ {
        self.entries
            .iter()
            .filter(move |d| d.d_tag == tag)
            .filter_map(|d| self.string(d.d_val))
    }

    /// `DT_NEEDED` names in table order.
    pub fn needed(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        self.strings_of(DT_NEEDED)
    }

    pub fn soname(&self) -> Option<&'a [u8]> {
        self.strings_of(DT_SONAME).next()
    }

    pub fn rpath(&self) -> Option<&'a [u8]> {
        self.strings_of(DT_RPATH).next()
    }

    pub fn runpath(&self) -> Option<&'a [u8]> {
        self.strings_of(DT_RUNPATH).next()
    }

    /// The value of the first entry with `tag`.
    pub fn value(&self, tag: u64) -> Option<u64> {
        self.entries
            .iter()
            .find(|d| d.d_tag == tag)
            .map(|d| d.d_val)
    }

    /// `DT_FLAGS_1` has `DF_1_PIE` (readelf's `is_pie` looks at the first
    /// `DT_FLAGS_1` only).
    pub fn is_pie(&self) -> bool {
        self.value(DT_FLAGS_1).is_some_and(|v| v & DF_1_PIE != 0)
    }
}

/// Size of one dynamic entry.
pub fn entry_size(header: &FileHeader) -> u64 {
    if header.is_64() {
        16
    } else {
        8
    }
}

/// Decodes the entries of the dynamic table at `offset`..`offset + size`
/// (readelf's `get_64bit_dynamic_section`).
pub fn parse_entries(
    data: &[u8],
    header: &FileHeader,
    offset: u64,
    size: u64,
) -> Result<Vec<Dyn>, TableError> {
    let table = bytes::slice(data, "dynamic section", offset, size)?;
    let natural = entry_size(header) as usize;
    let ctx = header.ctx();
    let mut entries = Vec::new();
    for chunk in table.chunks_exact(natural) {
        let d =
            chunk
                .pread_with::<goblin::elf::Dyn>(0, ctx)
                .map_err(|e: goblin::error::Error| TableError::Invalid {
                    table: "dynamic section",
                    message: e.to_string(),
                })?;
        entries.push(Dyn {
            d_tag: d.d_tag,
            d_val: d.d_val,
        });
        if d.d_tag == DT_NULL {
            break;
        }
    }
    Ok(entries)
}

/// File offset of virtual address `vma`, readelf's `offset_from_vma`: the
/// first `PT_LOAD` whose (aligned-down) range holds `vma..vma + size`; when
/// none does, readelf falls back to `vma` itself.
pub fn offset_from_vma(segments: &[ProgramHeader], vma: u64, size: u64) -> u64 {
    for seg in segments.iter().filter(|s| s.p_type == PT_LOAD) {
        let start = seg.p_vaddr & seg.p_align.wrapping_neg();
        if vma >= start && vma.wrapping_add(size) <= seg.p_vaddr.wrapping_add(seg.p_filesz) {
            return vma.wrapping_sub(seg.p_vaddr).wrapping_add(seg.p_offset);
        }
    }
    vma
}

/// The dynamic string table through `DT_STRTAB`/`DT_STRSZ`, as readelf finds
/// it when there is no `.dynstr` section: at the first entry where both tags
/// have been seen.
pub fn strings_from_tags<'a>(
    data: &'a [u8],
    segments: &[ProgramHeader],
    entries: &[Dyn],
) -> Option<Result<&'a [u8], TableError>> {
    let mut strtab = 0;
    let mut strsz = 0;
    for d in entries {
        match d.d_tag {
            DT_STRTAB => strtab = d.d_val,
            DT_STRSZ => strsz = d.d_val,
            _ => {}
        }
        if strtab != 0 && strsz != 0 {
            let offset = offset_from_vma(segments, strtab, strsz);
            return Some(bytes::slice(data, "dynamic string table", offset, strsz));
        }
    }
    None
}
