//! The `--json` wire format: types separate from the model, so the model can
//! change without breaking consumers. Every number is the raw value from the
//! file; names next to them are readelf 2.40's spellings. Strings taken from
//! the file are converted lossily to UTF-8 (invalid bytes become U+FFFD).
//!
//! Bump [`SCHEMA_VERSION`] on any incompatible change; additions of fields
//! are compatible.

use serde::Serialize;

use crate::elf::segment::{PF_R, PF_W, PF_X};
use crate::elf::{machine_flags, names, ElfFile};

pub const SCHEMA_VERSION: u32 = 1;

/// The top-level document of every `--json` output.
#[derive(Debug, Serialize)]
pub struct Document {
    pub schema_version: u32,
    pub command: &'static str,
    pub files: Vec<FileReport>,
}

/// One input file: its path and either the requested parts or an error.
#[derive(Debug, Default, Serialize)]
pub struct FileReport {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<Header>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<Vec<Segment>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<Section>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamic: Option<DynamicSection>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<NoteBlock>>,
}

/// A raw number and its decoded name.
#[derive(Debug, Serialize)]
pub struct Named<T> {
    pub value: T,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct Header {
    /// "elf32" or "elf64" (as read: any EI_CLASS other than 2 reads as 32-bit).
    pub class: &'static str,
    /// "little" or "big".
    pub byte_order: &'static str,
    /// The 16 `e_ident` bytes as lowercase hex.
    pub ident: String,
    pub osabi: Named<u8>,
    pub abi_version: u8,
    #[serde(rename = "type")]
    pub e_type: Named<u16>,
    pub machine: Named<u16>,
    pub version: u32,
    pub entry: u64,
    pub phoff: u64,
    pub shoff: u64,
    pub flags: Named<u32>,
    pub ehsize: u16,
    pub phentsize: u16,
    pub phnum: u16,
    pub shentsize: u16,
    pub shnum: u16,
    pub shstrndx: u16,
    /// Counts with extended numbering (PN_XNUM, SHN_XINDEX) applied.
    pub effective_phnum: u32,
    pub effective_shnum: u32,
    pub effective_shstrndx: u32,
    pub interpreter: Option<String>,
    pub is_pie: bool,
}

#[derive(Debug, Serialize)]
pub struct Segment {
    pub index: usize,
    #[serde(rename = "type")]
    pub p_type: Named<u32>,
    /// Raw p_flags and readelf's "RWE" letters.
    pub flags: Named<u32>,
    pub offset: u64,
    pub vaddr: u64,
    pub paddr: u64,
    pub filesz: u64,
    pub memsz: u64,
    pub align: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interpreter: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Section {
    pub index: usize,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub sh_type: Named<u32>,
    /// Raw sh_flags and readelf's compact letters (e.g. "AX").
    pub flags: Named<u64>,
    pub addr: u64,
    pub offset: u64,
    pub size: u64,
    pub entsize: u64,
    pub link: u32,
    pub info: u32,
    pub addralign: u64,
}

#[derive(Debug, Serialize)]
pub struct DynamicSection {
    pub offset: u64,
    pub entries: Vec<DynamicEntry>,
    pub needed: Vec<String>,
    pub soname: Option<String>,
    pub rpath: Option<String>,
    pub runpath: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DynamicEntry {
    pub tag: Named<u64>,
    pub value: u64,
    /// The string the value points at, for tags whose value is a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub string: Option<String>,
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn header(elf: &ElfFile) -> Header {
    let h = &elf.header;
    Header {
        class: if h.is_64() { "elf64" } else { "elf32" },
        byte_order: match h.byte_order() {
            crate::elf::header::ByteOrder::Little => "little",
            crate::elf::header::ByteOrder::Big => "big",
        },
        ident: h.e_ident.iter().map(|b| format!("{b:02x}")).collect(),
        osabi: Named {
            value: h.osabi(),
            name: names::osabi_name(h.osabi(), h.e_machine).into_owned(),
        },
        abi_version: h.abi_version(),
        e_type: Named {
            value: h.e_type,
            name: names::file_type(h.e_type, elf.is_pie()).into_owned(),
        },
        machine: Named {
            value: h.e_machine,
            name: names::machine_name(h.e_machine).into_owned(),
        },
        version: h.e_version,
        entry: h.e_entry,
        phoff: h.e_phoff,
        shoff: h.e_shoff,
        flags: Named {
            value: h.e_flags,
            name: machine_flags::machine_flags(h.e_flags, h.e_machine, h.osabi(), h.abi_version())
                .trim_start_matches(", ")
                .to_string(),
        },
        ehsize: h.e_ehsize,
        phentsize: h.e_phentsize,
        phnum: h.e_phnum,
        shentsize: h.e_shentsize,
        shnum: h.e_shnum,
        shstrndx: h.e_shstrndx,
        effective_phnum: elf.phnum,
        effective_shnum: elf.shnum,
        effective_shstrndx: elf.shstrndx,
        interpreter: elf.interpreter().map(text),
        is_pie: elf.is_pie(),
    }
}

pub fn segments(elf: &ElfFile) -> Vec<Segment> {
    let h = &elf.header;
    elf.program_headers()
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let mut letters = String::new();
            for (bit, c) in [(PF_R, 'R'), (PF_W, 'W'), (PF_X, 'E')] {
                if p.p_flags & bit != 0 {
                    letters.push(c);
                }
            }
            Segment {
                index,
                p_type: Named {
                    value: p.p_type,
                    name: names::segment_type(p.p_type, h.e_machine, h.osabi()).into_owned(),
                },
                flags: Named {
                    value: p.p_flags,
                    name: letters,
                },
                offset: p.p_offset,
                vaddr: p.p_vaddr,
                paddr: p.p_paddr,
                filesz: p.p_filesz,
                memsz: p.p_memsz,
                align: p.p_align,
                interpreter: (p.p_type == crate::elf::segment::PT_INTERP)
                    .then(|| elf.interpreter_of(p).map(text))
                    .flatten(),
            }
        })
        .collect()
}

pub fn sections(elf: &ElfFile) -> Vec<Section> {
    let h = &elf.header;
    elf.section_headers()
        .iter()
        .enumerate()
        .map(|(index, s)| Section {
            index,
            name: elf.section_name(s).map(text),
            sh_type: Named {
                value: s.sh_type,
                name: names::section_type(s.sh_type, h.e_machine, h.osabi()).into_owned(),
            },
            flags: Named {
                value: s.sh_flags,
                name: names::section_flags(s.sh_flags, h.e_machine, h.osabi(), h.is_64(), false),
            },
            addr: s.sh_addr,
            offset: s.sh_offset,
            size: s.sh_size,
            entsize: s.sh_entsize,
            link: s.sh_link,
            info: s.sh_info,
            addralign: s.sh_addralign,
        })
        .collect()
}

/// Tags whose value is an offset into the dynamic string table.
const STRING_TAGS: &[u64] = &[
    1,           // DT_NEEDED
    14,          // DT_SONAME
    15,          // DT_RPATH
    29,          // DT_RUNPATH
    0x7fff_fffd, // DT_AUXILIARY
    0x7fff_ffff, // DT_FILTER
    0x6fff_fefa, // DT_CONFIG
    0x6fff_fefb, // DT_DEPAUDIT
    0x6fff_fefc, // DT_AUDIT
];

pub fn dynamic(elf: &ElfFile) -> Option<DynamicSection> {
    let d = elf.dynamic()?;
    let h = &elf.header;
    Some(DynamicSection {
        offset: d.file_offset,
        entries: d
            .entries
            .iter()
            .map(|e| DynamicEntry {
                tag: Named {
                    value: e.d_tag,
                    name: crate::render::readelf::dynamic::dynamic_tag_name(
                        e.d_tag,
                        h.e_machine,
                        h.osabi(),
                    )
                    .into_owned(),
                },
                value: e.d_val,
                string: STRING_TAGS
                    .contains(&e.d_tag)
                    .then(|| d.string(e.d_val).map(text))
                    .flatten(),
            })
            .collect(),
        needed: d.needed().map(text).collect(),
        soname: d.soname().map(text),
        rpath: d.rpath().map(text),
        runpath: d.runpath().map(text),
    })
}

/// One `SHT_NOTE` section or `PT_NOTE` segment, as readelf picks them.
#[derive(Debug, Serialize)]
pub struct NoteBlock {
    /// "section" or "segment".
    pub origin: &'static str,
    /// Section or program header index.
    pub index: usize,
    /// Section name (sections only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub offset: u64,
    pub size: u64,
    pub align: u64,
    /// Why the notes stop early (unreadable block, bad alignment, bad sizes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub notes: Vec<NoteEntry>,
}

/// One note. `owner` is null when `namesz` is 0.
#[derive(Debug, Serialize)]
pub struct NoteEntry {
    pub owner: Option<String>,
    /// Raw `n_type` and readelf's name for it.
    #[serde(rename = "type")]
    pub n_type: Named<u32>,
    /// The descriptor as lowercase hex.
    pub desc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abi_tag: Option<AbiTag>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Vec<Property>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x86_features: Option<crate::elf::note::property::X86Features>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aarch64_features: Option<crate::elf::note::property::Aarch64Features>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub go_build_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stapsdt: Option<StapsdtProbe>,
}

#[derive(Debug, Serialize)]
pub struct AbiTag {
    pub os: Named<u32>,
    /// "major.minor.subminor".
    pub version: String,
}

/// One GNU property: raw type, readelf's text for it, raw data as hex.
#[derive(Debug, Serialize)]
pub struct Property {
    #[serde(rename = "type")]
    pub pr_type: Named<u32>,
    pub data: String,
}

#[derive(Debug, Serialize)]
pub struct StapsdtProbe {
    pub provider: String,
    pub name: String,
    pub pc: u64,
    pub base: u64,
    pub semaphore: u64,
    pub args: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The notes as readelf -n chooses them.
pub fn notes(elf: &ElfFile) -> Vec<NoteBlock> {
    use crate::elf::note::{names as note_names, NoteOrigin};
    let h = &elf.header;
    let notes = elf.notes();
    notes
        .blocks
        .iter()
        .map(|b| {
            let (origin, index, name) = match b.origin {
                NoteOrigin::Section(i) => (
                    "section",
                    i,
                    elf.section_headers()
                        .get(i)
                        .and_then(|s| elf.section_name(s))
                        .map(text),
                ),
                NoteOrigin::Segment(i) => ("segment", i, None),
            };
            let error = match (&b.data, &b.error) {
                (Err(e), _) => Some(e.to_string()),
                (_, Some(e)) => Some(e.to_string()),
                _ => None,
            };
            NoteBlock {
                origin,
                index,
                name,
                offset: b.offset,
                size: b.size,
                align: b.align,
                error,
                notes: b
                    .notes
                    .iter()
                    .map(|n| {
                        let type_name = note_names::for_note(n, h.e_type, h.e_machine)
                            .map(|c| c.into_owned())
                            .unwrap_or_else(|| {
                                note_names::generic(h.e_type, n.n_type).into_owned()
                            });
                        let props = n.gnu_properties();
                        NoteEntry {
                            owner: n.owner().map(text),
                            n_type: Named {
                                value: n.n_type,
                                name: type_name,
                            },
                            desc: hex(n.desc),
                            build_id: n.gnu_build_id().map(hex),
                            abi_tag: n.gnu_abi_tag().map(|t| AbiTag {
                                os: Named {
                                    value: t.os,
                                    name: t.os_name().to_string(),
                                },
                                version: format!("{}.{}.{}", t.major, t.minor, t.subminor),
                            }),
                            x86_features: props.as_ref().and_then(|p| p.x86_features(h.e_machine)),
                            aarch64_features: props
                                .as_ref()
                                .and_then(|p| p.aarch64_features(h.e_machine)),
                            properties: props.map(|list| {
                                list.properties
                                    .iter()
                                    .map(|p| {
                                        let mut t = Vec::new();
                                        crate::render::readelf::notes::write_property(
                                            &mut t,
                                            p,
                                            h.e_machine,
                                        );
                                        Property {
                                            pr_type: Named {
                                                value: p.pr_type,
                                                name: text(&t).trim_end().to_string(),
                                            },
                                            data: hex(p.data),
                                        }
                                    })
                                    .collect()
                            }),
                            go_build_id: n.go_build_id().map(text),
                            stapsdt: n
                                .stapsdt_probe()
                                .and_then(Result::ok)
                                .map(|p| StapsdtProbe {
                                    provider: text(p.provider),
                                    name: text(p.name),
                                    pc: p.pc,
                                    base: p.base,
                                    semaphore: p.semaphore,
                                    args: text(p.args),
                                }),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}
