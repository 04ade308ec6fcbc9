//! Symbol versioning: the version symbol table (`DT_VERSYM`,
//! `.gnu.version`), version definitions (`DT_VERDEF`, `.gnu.version_d`) and
//! version needs (`DT_VERNEED`, `.gnu.version_r`).
//!
//! Three layers:
//! - raw records ([`Verdef`], [`Verdaux`], [`Verneed`], [`Vernaux`]) read at
//!   any offset through the checked gate, for renderers that must walk the
//!   chains exactly as readelf does, damage included;
//! - [`VersionLookup`], readelf 2.40's `get_symbol_version_string` (binutils
//!   readelf.c): the `@VER`, `@@VER` or `@VER (N)` of a dynamic symbol;
//! - typed accessors on [`ElfFile`] for everyone else:
//!   [`ElfFile::version_needs`], [`ElfFile::version_definitions`],
//!   [`ElfFile::required_versions`], [`ElfFile::symbol_version`].

use std::collections::HashMap;

use scroll::{Endian, Pread};

use super::bytes;
use super::dynamic::{offset_from_vma, Dyn};
use super::error::TableError;
use super::segment::ProgramHeader;
use super::symbol::{Symbol, SHN_UNDEF};
use super::ElfFile;

pub const SHT_GNU_VERDEF: u32 = 0x6fff_fffd;
pub const SHT_GNU_VERNEED: u32 = 0x6fff_fffe;
pub const SHT_GNU_VERSYM: u32 = 0x6fff_ffff;

pub const DT_VERSYM: u64 = 0x6fff_fff0;
pub const DT_VERDEF: u64 = 0x6fff_fffc;
pub const DT_VERDEFNUM: u64 = 0x6fff_fffd;
pub const DT_VERNEED: u64 = 0x6fff_fffe;
pub const DT_VERNEEDNUM: u64 = 0x6fff_ffff;

pub const VER_FLG_BASE: u16 = 0x1;
pub const VER_FLG_WEAK: u16 = 0x2;
pub const VER_FLG_INFO: u16 = 0x4;

/// The "hidden" bit of a version symbol entry (`@` rather than `@@`).
pub const VERSYM_HIDDEN: u16 = 0x8000;
/// The version index bits of a version symbol entry.
pub const VERSYM_VERSION: u16 = 0x7fff;

/// Size of the records (the same in ELF32 and ELF64).
pub const VERDEF_SIZE: u64 = 20;
pub const VERDAUX_SIZE: u64 = 8;
pub const VERNEED_SIZE: u64 = 16;
pub const VERNAUX_SIZE: u64 = 16;

fn record(data: &[u8], offset: u64, size: u64) -> Option<&[u8]> {
    bytes::slice(data, "version record", offset, size).ok()
}

/// `Elfxx_Verdef`: one version definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Verdef {
    pub vd_version: u16,
    pub vd_flags: u16,
    pub vd_ndx: u16,
    pub vd_cnt: u16,
    pub vd_hash: u32,
    pub vd_aux: u32,
    pub vd_next: u32,
}

impl Verdef {
    /// The record at `offset` of `data`, if it lies wholly inside.
    pub fn read(data: &[u8], offset: u64, endian: Endian) -> Option<Verdef> {
        let b = record(data, offset, VERDEF_SIZE)?;
        Some(Verdef {
            vd_version: b.pread_with(0, endian).ok()?,
            vd_flags: b.pread_with(2, endian).ok()?,
            vd_ndx: b.pread_with(4, endian).ok()?,
            vd_cnt: b.pread_with(6, endian).ok()?,
            vd_hash: b.pread_with(8, endian).ok()?,
            vd_aux: b.pread_with(12, endian).ok()?,
            vd_next: b.pread_with(16, endian).ok()?,
        })
    }
}

/// `Elfxx_Verdaux`: a name of a version definition (the first is its own,
/// the others its parents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Verdaux {
    pub vda_name: u32,
    pub vda_next: u32,
}

impl Verdaux {
    pub fn read(data: &[u8], offset: u64, endian: Endian) -> Option<Verdaux> {
        let b = record(data, offset, VERDAUX_SIZE)?;
        Some(Verdaux {
            vda_name: b.pread_with(0, endian).ok()?,
            vda_next: b.pread_with(4, endian).ok()?,
        })
    }
}

/// `Elfxx_Verneed`: the versions needed from one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Verneed {
    pub vn_version: u16,
    pub vn_cnt: u16,
    pub vn_file: u32,
    pub vn_aux: u32,
    pub vn_next: u32,
}

impl Verneed {
    pub fn read(data: &[u8], offset: u64, endian: Endian) -> Option<Verneed> {
        let b = record(data, offset, VERNEED_SIZE)?;
        Some(Verneed {
            vn_version: b.pread_with(0, endian).ok()?,
            vn_cnt: b.pread_with(2, endian).ok()?,
            vn_file: b.pread_with(4, endian).ok()?,
            vn_aux: b.pread_with(8, endian).ok()?,
            vn_next: b.pread_with(12, endian).ok()?,
        })
    }
}

/// `Elfxx_Vernaux`: one needed version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Vernaux {
    pub vna_hash: u32,
    pub vna_flags: u16,
    /// The version index symbols use to refer to this version.
    pub vna_other: u16,
    pub vna_name: u32,
    pub vna_next: u32,
}

impl Vernaux {
    pub fn read(data: &[u8], offset: u64, endian: Endian) -> Option<Vernaux> {
        let b = record(data, offset, VERNAUX_SIZE)?;
        Some(Vernaux {
            vna_hash: b.pread_with(0, endian).ok()?,
            vna_flags: b.pread_with(4, endian).ok()?,
            vna_other: b.pread_with(6, endian).ok()?,
            vna_name: b.pread_with(8, endian).ok()?,
            vna_next: b.pread_with(12, endian).ok()?,
        })
    }
}

/// readelf's `version_info`: the addresses of the version tables from the
/// dynamic section (the last entry of each tag), 0 when absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VersionTags {
    pub versym: u64,
    pub verdef: u64,
    pub verneed: u64,
    pub verdefnum: u64,
    pub verneednum: u64,
}

impl VersionTags {
    pub fn from_entries(entries: &[Dyn]) -> VersionTags {
        let mut t = VersionTags::default();
        for d in entries {
            match d.d_tag {
                DT_VERSYM => t.versym = d.d_val,
                DT_VERDEF => t.verdef = d.d_val,
                DT_VERNEED => t.verneed = d.d_val,
                DT_VERDEFNUM => t.verdefnum = d.d_val,
                DT_VERNEEDNUM => t.verneednum = d.d_val,
                _ => {}
            }
        }
        t
    }
}

/// How a symbol refers to its version (readelf's `versioned_symbol_info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionKind {
    /// A definition of the default version: `name@@VER`.
    Default,
    /// A hidden (non-default) version: `name@VER`.
    Hidden,
    /// A version needed from another file: `name@VER (N)`, N being
    /// `vna_other`.
    Needed { index: u16 },
}

/// The version of a dynamic symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SymbolVersion<'a> {
    /// The version name; `None` where readelf prints `<corrupt>`.
    pub name: Option<&'a [u8]>,
    pub kind: VersionKind,
}

/// Result of walking the version definitions for one version index.
#[derive(Debug, Clone, Copy)]
struct VerdefHit {
    /// Highest `vd_ndx` seen on the way.
    max_ndx: u16,
    /// The matching definition: its `vd_ndx`, `vd_flags` and first name.
    found: Option<(u16, u16, Option<u32>)>,
}

/// readelf's `get_symbol_version_string`, with the walks over the version
/// definitions and needs memoized per version index (readelf repeats them
/// for every symbol).
#[derive(Debug)]
pub struct VersionLookup<'e> {
    data: &'e [u8],
    endian: Endian,
    segments: &'e [ProgramHeader],
    tags: VersionTags,
    verdef: HashMap<u16, VerdefHit>,
    verneed: HashMap<u16, Option<(u16, u32)>>,
}

impl<'e> VersionLookup<'e> {
    /// A lookup through the version tables at `tags` (normally
    /// [`ElfFile::version_tags`]).
    pub fn new(elf: &'e ElfFile<'_>, tags: VersionTags) -> VersionLookup<'e> {
        VersionLookup {
            data: elf.data,
            endian: elf.header.ctx().le,
            segments: elf.program_headers(),
            tags,
            verdef: HashMap::new(),
            verneed: HashMap::new(),
        }
    }

    /// The raw `DT_VERSYM` entry of dynamic symbol `index`, read as readelf
    /// reads it (through the `PT_LOAD` holding it).
    pub fn versym(&self, index: u64) -> Option<u16> {
        if self.tags.versym == 0 {
            return None;
        }
        let offset = offset_from_vma(
            self.segments,
            self.tags.versym,
            2u64.wrapping_add(index.wrapping_mul(2)),
        );
        let b = record(self.data, offset.wrapping_add(index.wrapping_mul(2)), 2)?;
        b.pread_with::<u16>(0, self.endian).ok()
    }

    fn walk_verdef(&self, want: u16) -> VerdefHit {
        let mut off = offset_from_vma(self.segments, self.tags.verdef, VERDEF_SIZE);
        let mut max_ndx = 0;
        loop {
            let vd = Verdef::read(self.data, off, self.endian).unwrap_or_default();
            if vd.vd_ndx & VERSYM_VERSION > max_ndx {
                max_ndx = vd.vd_ndx & VERSYM_VERSION;
            }
            if vd.vd_ndx == want {
                let aux = off.wrapping_add(u64::from(vd.vd_aux));
                let name = Verdaux::read(self.data, aux, self.endian).map(|a| a.vda_name);
                return VerdefHit {
                    max_ndx,
                    found: Some((vd.vd_ndx, vd.vd_flags, name)),
                };
            }
            if vd.vd_next == 0 {
                return VerdefHit {
                    max_ndx,
                    found: None,
                };
            }
            off = off.wrapping_add(u64::from(vd.vd_next));
        }
    }

    fn walk_verneed(&self, vers_data: u16) -> Option<(u16, u32)> {
        let mut offset = offset_from_vma(self.segments, self.tags.verneed, VERNEED_SIZE);
        loop {
            let vn = Verneed::read(self.data, offset, self.endian)?;
            let mut a_off = offset.wrapping_add(u64::from(vn.vn_aux));
            loop {
                let vna = Vernaux::read(self.data, a_off, self.endian).unwrap_or_default();
                if vna.vna_other == vers_data {
                    return Some((vna.vna_other, vna.vna_name));
                }
                if vna.vna_next == 0 {
                    break;
                }
                a_off = a_off.wrapping_add(u64::from(vna.vna_next));
            }
            if vn.vn_next == 0 {
                return None;
            }
            offset = offset.wrapping_add(u64::from(vn.vn_next));
        }
    }

    /// The version of symbol `index` of a dynamic symbol table whose names
    /// are in `strings`; `None` when readelf shows no version.
    pub fn lookup<'a>(
        &mut self,
        index: u64,
        sym: &Symbol,
        strings: Option<&'a [u8]>,
    ) -> Option<SymbolVersion<'a>> {
        let vers_data = self.versym(index)?;
        if vers_data == 0 {
            return None;
        }
        let mut kind = if vers_data & VERSYM_HIDDEN != 0 {
            VersionKind::Hidden
        } else {
            VersionKind::Default
        };
        let name_at = |n: u32| -> Option<&'a [u8]> {
            let s = strings?;
            if u64::from(n) >= s.len() as u64 {
                return None;
            }
            bytes::c_str(s, u64::from(n))
        };
        let want = vers_data & VERSYM_VERSION;
        let mut max_ndx = 0;
        if sym.st_shndx != SHN_UNDEF && vers_data != 0x8001 && self.tags.verdef != 0 {
            let hit = match self.verdef.get(&want) {
                Some(h) => *h,
                None => {
                    let h = self.walk_verdef(want);
                    self.verdef.insert(want, h);
                    h
                }
            };
            max_ndx = hit.max_ndx;
            if let Some((ndx, flags, name)) = hit.found {
                if ndx == 1 && flags == VER_FLG_BASE {
                    return None;
                }
                if let Some(name) = name {
                    if sym.st_name != name {
                        return Some(SymbolVersion {
                            name: name_at(name),
                            kind,
                        });
                    }
                }
            }
        }
        if self.tags.verneed != 0 {
            let hit = match self.verneed.get(&vers_data) {
                Some(h) => *h,
                None => {
                    let h = self.walk_verneed(vers_data);
                    self.verneed.insert(vers_data, h);
                    h
                }
            };
            if let Some((other, name)) = hit {
                kind = VersionKind::Needed { index: other };
                return Some(SymbolVersion {
                    name: name_at(name),
                    kind,
                });
            }
            if (max_ndx != 0 || want != 1) && want > max_ndx {
                return Some(SymbolVersion { name: None, kind });
            }
        }
        None
    }
}

/// One version definition (`.gnu.version_d` entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionDefinition<'a> {
    pub version: u16,
    pub flags: u16,
    /// The version index symbols use (`vd_ndx`).
    pub index: u16,
    pub hash: u32,
    /// The version's name (`None` when outside the dynamic strings).
    pub name: Option<&'a [u8]>,
    /// The names of the versions it inherits from.
    pub parents: Vec<Option<&'a [u8]>>,
}

/// One needed version (`Vernaux`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeededVersion<'a> {
    pub name: Option<&'a [u8]>,
    pub hash: u32,
    pub flags: u16,
    /// The version index symbols use (`vna_other`).
    pub index: u16,
}

/// The versions needed from one file (`Verneed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionNeed<'a> {
    pub version: u16,
    /// The file name, e.g. `libc.so.6`.
    pub file: Option<&'a [u8]>,
    pub versions: Vec<NeededVersion<'a>>,
}

/// A version table's bytes and entry count: from its section, else from the
/// dynamic tags.
struct TableSpan<'a> {
    bytes: &'a [u8],
    count: u64,
}

/// Most auxiliary entries (version names) the definition or need chains may
/// yield. Each chain step moves at least one entry forward, but every
/// definition's (or need's) auxiliary chain may point at the same bytes, so
/// a file of N entries can describe N^2 names. Real files have a few dozen.
pub const MAX_VERSION_ENTRIES: u64 = 1 << 16;

fn version_limit(table: &'static str) -> TableError {
    TableError::LimitExceeded {
        table,
        limit: MAX_VERSION_ENTRIES,
    }
}

impl<'a> ElfFile<'a> {
    /// readelf's `version_info` from the dynamic section (all zero without
    /// one).
    pub fn version_tags(&self) -> VersionTags {
        self.dynamic()
            .map(|d| VersionTags::from_entries(&d.entries))
            .unwrap_or_default()
    }

    fn version_span(
        &self,
        sh_type: u32,
        vma: u64,
        num: u64,
    ) -> Option<Result<TableSpan<'a>, TableError>> {
        if let Some(s) = self.section_headers().iter().find(|s| s.sh_type == sh_type) {
            return Some(
                bytes::slice(self.data, "version section", s.sh_offset, s.sh_size).map(|b| {
                    TableSpan {
                        bytes: b,
                        count: u64::from(s.sh_info),
                    }
                }),
            );
        }
        if vma == 0 {
            return None;
        }
        // Without a section the table's size is unknown: up to the end of
        // the file, bounded by the entry count.
        let offset = offset_from_vma(self.program_headers(), vma, 1);
        let len = (self.data.len() as u64).saturating_sub(offset);
        Some(
            bytes::slice(self.data, "version table", offset, len).map(|b| TableSpan {
                bytes: b,
                count: num,
            }),
        )
    }

    /// The version definitions, from `.gnu.version_d` or else `DT_VERDEF`
    /// (`DT_VERDEFNUM` entries). `None` when the file defines no versions.
    /// A damaged chain ends the list early.
    pub fn version_definitions(&self) -> Option<Result<Vec<VersionDefinition<'a>>, TableError>> {
        let tags = self.version_tags();
        let span = match self.version_span(SHT_GNU_VERDEF, tags.verdef, tags.verdefnum)? {
            Ok(s) => s,
            Err(e) => return Some(Err(e)),
        };
        let strings = self.dynamic_strings();
        let name = |n: u32| strings.and_then(|s| bytes::c_str(s, u64::from(n)));
        let endian = self.header.ctx().le;
        let mut out = Vec::new();
        let mut off = 0u64;
        let mut held = 0u64;
        for _ in 0..span.count {
            let Some(vd) = Verdef::read(span.bytes, off, endian) else {
                break;
            };
            let mut names = Vec::new();
            let mut aux = off.wrapping_add(u64::from(vd.vd_aux));
            for j in 0..vd.vd_cnt {
                let Some(a) = Verdaux::read(span.bytes, aux, endian) else {
                    break;
                };
                held += 1;
                if held > MAX_VERSION_ENTRIES {
                    return Some(Err(version_limit("version definitions")));
                }
                names.push(name(a.vda_name));
                if a.vda_next == 0 || (j + 1 < vd.vd_cnt && u64::from(a.vda_next) < VERDAUX_SIZE) {
                    break;
                }
                aux = aux.wrapping_add(u64::from(a.vda_next));
            }
            let mut names = names.into_iter();
            out.push(VersionDefinition {
                version: vd.vd_version,
                flags: vd.vd_flags,
                index: vd.vd_ndx,
                hash: vd.vd_hash,
                name: names.next().flatten(),
                parents: names.collect(),
            });
            if u64::from(vd.vd_next) < VERDEF_SIZE {
                break;
            }
            off = off.wrapping_add(u64::from(vd.vd_next));
        }
        Some(Ok(out))
    }

    /// The versions needed from other files, from `.gnu.version_r` or else
    /// `DT_VERNEED` (`DT_VERNEEDNUM` entries), in file order. `None` when
    /// the file needs no versions. A damaged chain ends the list early.
    pub fn version_needs(&self) -> Option<Result<Vec<VersionNeed<'a>>, TableError>> {
        let tags = self.version_tags();
        let span = match self.version_span(SHT_GNU_VERNEED, tags.verneed, tags.verneednum)? {
            Ok(s) => s,
            Err(e) => return Some(Err(e)),
        };
        let strings = self.dynamic_strings();
        let name = |n: u32| strings.and_then(|s| bytes::c_str(s, u64::from(n)));
        let endian = self.header.ctx().le;
        let mut out = Vec::new();
        let mut off = 0u64;
        let mut held = 0u64;
        for _ in 0..span.count {
            let Some(vn) = Verneed::read(span.bytes, off, endian) else {
                break;
            };
            let mut versions = Vec::new();
            let mut aux = off.wrapping_add(u64::from(vn.vn_aux));
            for j in 0..vn.vn_cnt {
                let Some(a) = Vernaux::read(span.bytes, aux, endian) else {
                    break;
                };
                held += 1;
                if held > MAX_VERSION_ENTRIES {
                    return Some(Err(version_limit("version needs")));
                }
                versions.push(NeededVersion {
                    name: name(a.vna_name),
                    hash: a.vna_hash,
                    flags: a.vna_flags,
                    index: a.vna_other,
                });
                if a.vna_next == 0 || (j + 1 < vn.vn_cnt && u64::from(a.vna_next) < VERNAUX_SIZE) {
                    break;
                }
                aux = aux.wrapping_add(u64::from(a.vna_next));
            }
            out.push(VersionNeed {
                version: vn.vn_version,
                file: name(vn.vn_file),
                versions,
            });
            if u64::from(vn.vn_next) < VERNEED_SIZE {
                break;
            }
            off = off.wrapping_add(u64::from(vn.vn_next));
        }
        Some(Ok(out))
    }

    /// The version symbol table (one raw entry per dynamic symbol: the
    /// version index, with [`VERSYM_HIDDEN`]), from `.gnu.version` or else
    /// `DT_VERSYM` sized by the dynamic symbol table. `None` when absent.
    pub fn version_symbols(&self) -> Option<Result<Vec<u16>, TableError>> {
        let endian = self.header.ctx().le;
        let raw = match self
            .section_headers()
            .iter()
            .find(|s| s.sh_type == SHT_GNU_VERSYM)
        {
            Some(s) => bytes::slice(self.data, "version symbols", s.sh_offset, s.sh_size & !1),
            None => {
                let vma = self.version_tags().versym;
                if vma == 0 {
                    return None;
                }
                let count = self.dynamic_symbols().map_or(0, |t| t.len() as u64);
                let offset = offset_from_vma(self.program_headers(), vma, count * 2);
                bytes::table(self.data, "version symbols", offset, 2, count)
            }
        };
        Some(raw.map(|b| {
            b.chunks_exact(2)
                .map(|c| c.pread_with::<u16>(0, endian).unwrap_or(0))
                .collect()
        }))
    }

    /// The name of version index `index` (without [`VERSYM_HIDDEN`]): a
    /// version this file defines or one it needs. `None` for 0 (local), 1
    /// (global) and unknown indices.
    pub fn version_name(&self, index: u16) -> Option<&'a [u8]> {
        let index = index & VERSYM_VERSION;
        if index < 2 {
            return None;
        }
        if let Some(Ok(defs)) = self.version_definitions() {
            if let Some(d) = defs.iter().find(|d| d.index == index) {
                return d.name;
            }
        }
        let Some(Ok(needs)) = self.version_needs() else {
            return None;
        };
        needs
            .iter()
            .flat_map(|n| n.versions.iter())
            .find(|v| v.index == index)
            .and_then(|v| v.name)
    }

    /// The version names needed from `file` (e.g. `b"libc.so.6"`), in
    /// table order; empty when none.
    pub fn required_versions(&self, file: &[u8]) -> Vec<&'a [u8]> {
        let Some(Ok(needs)) = self.version_needs() else {
            return Vec::new();
        };
        needs
            .into_iter()
            .filter(|n| n.file == Some(file))
            .flat_map(|n| n.versions.into_iter().filter_map(|v| v.name))
            .collect()
    }

    /// The version of dynamic symbol `index` (readelf's
    /// `get_symbol_version_string`). For many symbols, keep one
    /// [`VersionLookup`] instead.
    pub fn symbol_version(&self, index: usize) -> Option<SymbolVersion<'a>> {
        let table = self.dynamic_symbols()?;
        let sym = table.symbols.get(index)?;
        VersionLookup::new(self, self.version_tags()).lookup(index as u64, sym, table.strings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata/fixtures")
            .join(name);
        std::fs::read(path).unwrap()
    }

    #[test]
    fn versions_of_a_library_with_its_own_versions() {
        let data = fixture("libx86_64-shared.so");
        let elf = ElfFile::parse(&data).unwrap();
        assert_eq!(
            elf.required_versions(b"libc.so.6"),
            vec![&b"GLIBC_2.2.5"[..]]
        );
        let needs = elf.version_needs().unwrap().unwrap();
        assert_eq!(needs.len(), 1);
        assert_eq!(needs[0].file, Some(&b"libc.so.6"[..]));
        assert_eq!(needs[0].versions[0].index, 4);
        assert_eq!(needs[0].versions[0].hash, 0x0969_1a75);
        let defs = elf.version_definitions().unwrap().unwrap();
        let names: Vec<_> = defs.iter().map(|d| d.name.unwrap()).collect();
        assert_eq!(
            names,
            vec![&b"libx86_64-shared.so"[..], b"FOO_1.0", b"FOO_2.0"]
        );
        assert_eq!(defs[0].flags, VER_FLG_BASE);
        assert_eq!(defs[2].parents, vec![Some(&b"FOO_1.0"[..])]);
        // puts@GLIBC_2.2.5 (4), foo@@FOO_2.0
        let puts = elf.symbol_version(2).unwrap();
        assert_eq!(puts.name, Some(&b"GLIBC_2.2.5"[..]));
        assert_eq!(puts.kind, VersionKind::Needed { index: 4 });
        let foo = elf.symbol_version(6).unwrap();
        assert_eq!(foo.name, Some(&b"FOO_2.0"[..]));
        assert_eq!(foo.kind, VersionKind::Default);
        // The version's own symbol (FOO_1.0, ABS) shows no version.
        assert_eq!(elf.symbol_version(9), None);
        assert_eq!(elf.symbol_version(0), None);
    }

    #[test]
    fn dynamic_symbols_without_section_headers() {
        let data = fixture("x86_64-noshdr");
        let elf = ElfFile::parse(&data).unwrap();
        assert!(elf.section_headers().is_empty());
        let table = elf.dynamic_symbols().expect("found through DT_SYMTAB");
        assert!(table.len() > 1);
        assert!(table
            .symbols
            .iter()
            .any(|s| table.name(s) == Some(&b"puts"[..])));
        assert!(!elf.required_versions(b"libc.so.6").is_empty());
    }
}
