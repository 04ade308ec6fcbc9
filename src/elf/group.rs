//! Section groups (`SHT_GROUP`, COMDAT): each group's flags, signature and
//! member sections, resolved as GNU readelf 2.40's `process_section_groups`
//! resolves them (binutils readelf.c).
//!
//! A group whose signature symbol or contents cannot be read is left out,
//! as readelf leaves it out; member indices past the section table and
//! sections already claimed by an earlier group are kept with a status so
//! that renderers can skip them the same way.

use super::bytes;
use super::endian::Encoding;
use super::section::{SHT_GROUP, SHT_SYMTAB};
use super::symtab_lite::{self, STT_SECTION};
use super::ElfFile;

/// `GRP_COMDAT`: the group is a COMDAT group.
pub const GRP_COMDAT: u32 = 0x1;
pub const GRP_MASKOS: u32 = 0x0ff0_0000;
pub const GRP_MASKPROC: u32 = 0xf000_0000;

/// readelf's `GRP_ENTRY_SIZE`: readelf forces `sh_entsize` of group
/// sections to 4 before reading them.
const GRP_ENTRY_SIZE: u64 = 4;

/// Whether and how readelf shows section groups for a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionGroups<'a> {
    /// No section headers, or none of type `SHT_GROUP`: "There are no
    /// section groups in this file."
    None,
    /// Section headers exist but could not be read: nothing is shown.
    Unavailable,
    /// The readable groups, in section order.
    Groups(Vec<SectionGroup<'a>>),
}

/// One group section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionGroup<'a> {
    /// Index of the `SHT_GROUP` section.
    pub section_index: usize,
    /// The flag word (`GRP_COMDAT`, ...).
    pub flags: u32,
    /// The signature: the symbol name, or for an `STT_SECTION` symbol the
    /// section's name; `None` where readelf prints "<corrupt>" (name
    /// outside the string table) — or, for a section symbol, the name
    /// readelf's `section_name_print` gives.
    pub signature: Signature<'a>,
    /// The member count readelf announces: `sh_size / 4 - 1`.
    pub count: u32,
    pub members: Vec<GroupMember>,
}

/// Where a group's signature comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signature<'a> {
    /// A symbol name from the symbol table's string table.
    Symbol(&'a [u8]),
    /// The name of the section an `STT_SECTION` signature symbol names.
    Section(usize),
    /// The name is not inside the string table (readelf: "<corrupt>").
    Corrupt,
}

/// One entry of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupMember {
    /// The section index as stored.
    pub index: u32,
    pub status: MemberStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberStatus {
    /// A member (shown by readelf).
    Member,
    /// The index is past the section table (not shown).
    OutOfRange,
    /// The section is already in the group at this section index (not
    /// shown; section 0 is the exception and stays a `Member`).
    AlreadyInGroup(usize),
}

impl GroupMember {
    pub fn is_shown(&self) -> bool {
        self.status == MemberStatus::Member
    }
}

impl<'a> SectionGroups<'a> {
    /// Reads the groups of `elf` (readelf's `process_section_groups`).
    /// Problems readelf would report go to `diagnostics`.
    pub fn parse(elf: &ElfFile<'a>, diagnostics: &mut Vec<String>) -> SectionGroups<'a> {
        if elf.shnum == 0 {
            return SectionGroups::None;
        }
        let sections = match &elf.sections {
            Some(Ok(s)) => s,
            _ => {
                diagnostics.push("Section headers are not available!".into());
                return SectionGroups::Unavailable;
            }
        };
        if !sections.iter().any(|s| s.sh_type == SHT_GROUP) {
            return SectionGroups::None;
        }
        let enc = Encoding::of(&elf.header);
        let shnum = sections.len();
        // readelf's section_headers_groups: which group claimed a section.
        let mut claimed: Vec<Option<usize>> = vec![None; shnum];
        let mut symtab_cache: Option<(usize, Option<Vec<symtab_lite::Sym>>)> = None;
        let mut groups = Vec::new();
        for (i, section) in sections.iter().enumerate() {
            if section.sh_type != SHT_GROUP {
                continue;
            }
            let name = elf
                .section_name(section)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let link = section.sh_link as usize;
            if link >= shnum || sections[link].sh_type != SHT_SYMTAB {
                diagnostics.push(format!("Bad sh_link in group section `{name}'"));
                continue;
            }
            if symtab_cache.as_ref().map(|(k, _)| *k) != Some(link) {
                symtab_cache = Some((link, symtab_lite::read_symbols(elf, link)));
            }
            let Some(symbols) = symtab_cache.as_ref().and_then(|(_, s)| s.as_ref()) else {
                diagnostics.push(format!("Corrupt header in group section `{name}'"));
                continue;
            };
            let Some(sym) = symbols.get(section.sh_info as usize) else {
                diagnostics.push(format!("Bad sh_info in group section `{name}'"));
                continue;
            };
            let signature = if sym.st_type() == STT_SECTION {
                if sym.st_shndx == 0 || sym.st_shndx as usize >= shnum {
                    diagnostics.push(format!("Bad sh_info in group section `{name}'"));
                    continue;
                }
                Signature::Section(sym.st_shndx as usize)
            } else {
                let strsec = sections[link].sh_link as usize;
                let strtab = sections
                    .get(strsec)
                    .filter(|s| s.sh_size != 0)
                    .and_then(|s| {
                        bytes::slice(elf.data, "string table", s.sh_offset, s.sh_size).ok()
                    })
                    .unwrap_or(&[]);
                if (sym.st_name as usize) < strtab.len() {
                    Signature::Symbol(bytes::c_str(strtab, u64::from(sym.st_name)).unwrap_or(&[]))
                } else {
                    Signature::Corrupt
                }
            };
            if GRP_ENTRY_SIZE > section.sh_size {
                diagnostics.push(format!(
                    "Section {name} has sh_entsize (0x4) which is larger than its size ({:#x})",
                    section.sh_size
                ));
                continue;
            }
            let data =
                match bytes::slice(elf.data, "section data", section.sh_offset, section.sh_size) {
                    Ok(d) => d,
                    Err(e) => {
                        diagnostics.push(e.to_string());
                        continue;
                    }
                };
            // readelf keeps the count in an unsigned int.
            let count = (section.sh_size / GRP_ENTRY_SIZE - 1) as u32;
            let flags = enc.u32(data, 0).unwrap_or(0);
            let mut members = Vec::new();
            for j in 0..count as usize {
                // count * 4 + 4 <= sh_size, so every entry is inside `data`.
                let Some(entry) = enc.u32(data, 4 + j * 4) else {
                    break;
                };
                let status = if entry as usize >= shnum {
                    MemberStatus::OutOfRange
                } else {
                    match claimed[entry as usize] {
                        Some(g) if entry != 0 => MemberStatus::AlreadyInGroup(g),
                        _ => {
                            claimed[entry as usize] = Some(i);
                            MemberStatus::Member
                        }
                    }
                };
                members.push(GroupMember {
                    index: entry,
                    status,
                });
            }
            groups.push(SectionGroup {
                section_index: i,
                flags,
                signature,
                count,
                members,
            });
        }
        SectionGroups::Groups(groups)
    }
}
