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
    pub ldd: Option<LddReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub go: Option<GoReport>,
}

/// A resolved dependency graph (`relf ldd --json`).
#[derive(Debug, Serialize)]
pub struct LddReport {
    /// "glibc" or "musl": whose rules were applied.
    pub flavor: &'static str,
    pub arch: &'static str,
    /// "dynamic", "no-dependencies" (ldd: statically linked) or "not-dynamic".
    pub linkage: &'static str,
    pub interpreter: Option<String>,
    pub interpreter_present: bool,
    /// Every object in the loader's creation order; index 0 is the file.
    pub objects: Vec<LddObject>,
    /// Indices of found objects in the loader's search (BFS) order.
    pub search_order: Vec<usize>,
    /// Each NEEDED (or preload) request: requester index, name, target index.
    pub edges: Vec<LddEdge>,
    /// The lines ldd would print (without load addresses).
    pub ldd_lines: Vec<String>,
    /// A load error that stops the loader: path and message.
    pub fatal: Option<LddFatal>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct LddObject {
    pub index: usize,
    pub path: String,
    pub canonical_path: Option<String>,
    pub names: Vec<String>,
    pub found: bool,
    pub soname: Option<String>,
    /// How it was found: main, interpreter, path, rpath, runpath,
    /// ld_library_path, ld.so.cache, ld.so.conf, default, musl-path-file,
    /// musl-default, musl-self, preload.
    pub found_via: &'static str,
    /// For rpath/runpath: index of the object whose path list was used.
    pub via_object: Option<usize>,
    pub hwcaps: Option<String>,
    pub loader: Option<usize>,
    pub tried: Vec<LddCandidate>,
}

#[derive(Debug, Serialize)]
pub struct LddCandidate {
    pub path: String,
    pub found_via: &'static str,
    /// "found", "missing", "not-regular", "wrong-class", "wrong-machine",
    /// "wrong-byte-order", or "error: MESSAGE".
    pub result: String,
}

#[derive(Debug, Serialize)]
pub struct LddEdge {
    pub from: usize,
    pub name: String,
    pub to: usize,
    pub reused: bool,
}

#[derive(Debug, Serialize)]
pub struct LddFatal {
    pub path: String,
    pub message: String,
}

fn via_name(v: &crate::loader::graph::FoundVia) -> (&'static str, Option<usize>) {
    use crate::loader::graph::FoundVia as F;
    match v {
        F::Main => ("main", None),
        F::Interpreter => ("interpreter", None),
        F::Path => ("path", None),
        F::Rpath { owner } => ("rpath", Some(*owner)),
        F::Runpath { owner } => ("runpath", Some(*owner)),
        F::LdLibraryPath => ("ld_library_path", None),
        F::LdSoCache => ("ld.so.cache", None),
        F::LdSoConf => ("ld.so.conf", None),
        F::DefaultPath => ("default", None),
        F::MuslPathFile => ("musl-path-file", None),
        F::MuslDefault => ("musl-default", None),
        F::MuslSelf => ("musl-self", None),
        F::Preload => ("preload", None),
    }
}

pub fn ldd_report(g: &crate::loader::graph::DepGraph) -> LddReport {
    use crate::loader::graph::{Flavor, Linkage, Rejection};
    let mut lines = Vec::new();
    crate::render::ldd::write_ldd(&mut lines, g);
    LddReport {
        flavor: match g.flavor {
            Flavor::Glibc => "glibc",
            Flavor::Musl => "musl",
        },
        arch: g.arch.name,
        linkage: match g.linkage {
            Linkage::Dynamic => "dynamic",
            Linkage::NoDependencies => "no-dependencies",
            Linkage::NotDynamic => "not-dynamic",
        },
        interpreter: g.objects[0]
            .info()
            .and_then(|i| i.interpreter.as_deref())
            .map(text),
        interpreter_present: g.interpreter_present,
        objects: g
            .objects
            .iter()
            .enumerate()
            .map(|(index, o)| {
                let (found_via, via_object) = via_name(&o.via);
                LddObject {
                    index,
                    path: text(&o.path),
                    canonical_path: (!o.canonical.is_empty()).then(|| text(&o.canonical)),
                    names: o.names.iter().map(|n| text(n)).collect(),
                    found: o.is_found(),
                    soname: o.soname().map(text),
                    found_via,
                    via_object,
                    hwcaps: o.hwcaps.clone(),
                    loader: o.loader,
                    tried: o
                        .tried
                        .iter()
                        .map(|c| LddCandidate {
                            path: text(&c.path),
                            found_via: via_name(&c.via).0,
                            result: match &c.rejected {
                                None => "found".into(),
                                Some(Rejection::Missing) => "missing".into(),
                                Some(Rejection::NotRegular) => "not-regular".into(),
                                Some(Rejection::WrongClass) => "wrong-class".into(),
                                Some(Rejection::WrongMachine) => "wrong-machine".into(),
                                Some(Rejection::WrongData) => "wrong-byte-order".into(),
                                Some(Rejection::Unopenable(m)) => format!("unopenable: {m}"),
                                Some(Rejection::Fatal(m)) => format!("error: {m}"),
                            },
                        })
                        .collect(),
                }
            })
            .collect(),
        search_order: g.search_list.clone(),
        edges: g
            .edges
            .iter()
            .map(|e| LddEdge {
                from: e.from,
                name: text(&e.name),
                to: e.to,
                reused: e.reused,
            })
            .collect(),
        ldd_lines: String::from_utf8_lossy(&lines)
            .lines()
            .map(str::to_string)
            .collect(),
        fatal: g.fatal.as_ref().map(|(p, m)| LddFatal {
            path: text(p),
            message: m.clone(),
        }),
        warnings: g.diagnostics.clone(),
    }
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

/// Go build information (`relf go --json`). Strings from the binary are
/// converted lossily to UTF-8; build settings are unquoted.
#[derive(Debug, Serialize)]
pub struct GoReport {
    /// e.g. "go1.19.8".
    pub go_version: String,
    /// The Go build ID note, when the binary has one.
    pub build_id: Option<String>,
    /// "inline" (Go >= 1.18) or "pointers" (Go 1.13-1.17).
    pub layout: &'static str,
    pub pointer_size: u8,
    /// "little" or "big", from the header's flags.
    pub byte_order: &'static str,
    /// Virtual address and file offset of the build info header.
    pub address: u64,
    pub offset: u64,
    /// The main package's path.
    pub path: Option<String>,
    pub main: Option<GoModuleEntry>,
    pub deps: Vec<GoModuleEntry>,
    pub settings: Vec<GoSettingEntry>,
    /// Why the module info does not parse (Go then rejects the file); the
    /// fields above keep what parsed before the bad line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modinfo_error: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct GoModuleEntry {
    pub path: String,
    pub version: String,
    pub sum: Option<String>,
    pub replace: Option<Box<GoModuleEntry>>,
}

#[derive(Debug, Serialize)]
pub struct GoSettingEntry {
    pub key: String,
    pub value: String,
}

fn go_module(m: &crate::elf::go::GoModule) -> GoModuleEntry {
    GoModuleEntry {
        path: text(&m.path),
        version: text(&m.version),
        sum: (!m.sum.is_empty()).then(|| text(&m.sum)),
        replace: m.replace.as_deref().map(|r| Box::new(go_module(r))),
    }
}

pub fn go_report(info: &crate::elf::go::GoBuildInfo, build_id: Option<&[u8]>) -> GoReport {
    use crate::elf::go::BuildInfoLayout;
    use crate::elf::header::ByteOrder;
    let m = &info.modules;
    GoReport {
        go_version: text(&info.go_version),
        build_id: build_id.map(text),
        layout: match info.layout {
            BuildInfoLayout::Inline => "inline",
            BuildInfoLayout::Pointers { .. } => "pointers",
        },
        pointer_size: info.pointer_size,
        byte_order: match info.byte_order() {
            ByteOrder::Little => "little",
            ByteOrder::Big => "big",
        },
        address: info.address,
        offset: info.offset,
        path: (!m.path.is_empty()).then(|| text(&m.path)),
        main: (!m.main.is_zero()).then(|| go_module(&m.main)),
        deps: m.deps.iter().map(go_module).collect(),
        settings: m
            .settings
            .iter()
            .map(|s| GoSettingEntry {
                key: text(&s.key),
                value: text(&s.value),
            })
            .collect(),
        modinfo_error: info.modinfo_error.as_ref().map(|e| e.to_string()),
    }
}
