//! The `--json` wire format: types separate from the model, so the model can
//! change without breaking consumers. Every number is the raw value from the
//! file; names next to them are readelf 2.40's spellings. Strings taken from
//! the file are converted lossily to UTF-8 (invalid bytes become U+FFFD).
//!
//! Bump [`SCHEMA_VERSION`] on any incompatible change; additions of fields
//! are compatible.

use serde::Serialize;

use crate::elf::section::SHT_DYNSYM;
use crate::elf::segment::{PF_R, PF_W, PF_X};
use crate::elf::symbol::{SymbolSource, SHN_LORESERVE, SHN_UNDEF};
use crate::elf::version::{VersionKind, VersionLookup, VERSYM_HIDDEN, VERSYM_VERSION};
use crate::elf::{machine_flags, names, ElfFile};
use crate::render::readelf::{symbols as sym_names, versions as ver_names};

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
    pub relocations: Option<Relocations>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol_tables: Option<Vec<SymbolTable>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versions: Option<Versions>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<NoteBlock>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub go: Option<GoReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub info: Option<InfoReport>,
}

/// `relf info --json`: the facts of one file (README "JSON", `info`).
#[derive(Debug, Serialize)]
pub struct InfoReport {
    /// The `relf info` line without the file name.
    pub summary: String,
    /// file(1)'s name of `e_machine`.
    pub machine: String,
    /// file(1)'s words: "pie executable", "shared object", ...
    pub kind_words: &'static str,
    /// file(1)'s words: "dynamically linked", ...
    pub linkage_words: Option<&'static str>,
    /// The highest `GLIBC_x.y` needed from any library.
    pub max_glibc_needed: Option<String>,
    pub bits: u8,
    pub big_endian: bool,
    pub e_machine: u16,
    pub kind: &'static str,
    pub kind_evidence: Vec<InfoEvidence>,
    pub linkage: Option<&'static str>,
    pub linkage_evidence: Vec<InfoEvidence>,
    pub interpreter: Option<String>,
    pub soname: Option<String>,
    pub needed: Vec<String>,
    pub libc: InfoLibc,
    pub go: Option<InfoGo>,
    pub version_needs: Vec<InfoLibraryNeeds>,
    pub defined_versions: Vec<String>,
    pub glibc_release: Option<InfoGlibcRelease>,
    pub musl_version: Option<String>,
    pub hardening: InfoHardening,
}

#[derive(Debug, Serialize)]
pub struct InfoEvidence {
    pub signal: &'static str,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_to: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct InfoLibc {
    /// `glibc`, `musl`, `bionic`, `uclibc`, `none`, `unknown`.
    pub variant: &'static str,
    /// `high`, `medium`, `low`.
    pub confidence: &'static str,
    pub evidence: Vec<InfoEvidence>,
}

#[derive(Debug, Serialize)]
pub struct InfoGo {
    pub version: Option<String>,
    pub main_path: Option<String>,
    pub main_version: Option<String>,
    pub cgo_enabled: Option<bool>,
    pub cgo: bool,
    pub evidence: Vec<InfoEvidence>,
}

#[derive(Debug, Serialize)]
pub struct InfoLibraryNeeds {
    pub library: String,
    pub families: Vec<InfoFamilyMax>,
    pub other: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct InfoFamilyMax {
    pub family: String,
    pub max: String,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct InfoGlibcRelease {
    pub version: String,
    pub package: Option<String>,
    pub banner: String,
}

#[derive(Debug, Serialize)]
pub struct InfoHardening {
    pub relro: &'static str,
    pub bind_now: bool,
    pub pie: &'static str,
    pub nx: bool,
    pub executable_stack: Option<bool>,
    pub canary: bool,
    pub fortified: Vec<String>,
    pub ibt: Option<bool>,
    pub shstk: Option<bool>,
    pub bti: Option<bool>,
    pub pac: Option<bool>,
    pub x86_isa_needed: Option<String>,
    pub rpath: Option<String>,
    pub runpath: Option<String>,
    pub rpath_issues: Vec<InfoRpathIssue>,
    pub textrel: bool,
    pub stripped: bool,
    pub debug_info: bool,
}

#[derive(Debug, Serialize)]
pub struct InfoRpathIssue {
    pub tag: &'static str,
    pub entry: String,
    pub problem: &'static str,
}

fn info_evidence(list: &[crate::info::Evidence]) -> Vec<InfoEvidence> {
    list.iter()
        .map(|e| InfoEvidence {
            signal: e.signal,
            detail: e.detail.clone(),
            points_to: e.points_to.map(|v| v.id()),
        })
        .collect()
}

/// The `info` member of a file report.
pub fn info_report(f: &crate::info::FileFacts) -> InfoReport {
    let mut summary = String::new();
    crate::render::info::write_summary(&mut summary, b"", f, &Default::default());
    let summary = summary
        .trim_end_matches('\n')
        .trim_start_matches(": ")
        .to_string();
    let h = &f.hardening;
    InfoReport {
        summary,
        machine: crate::info::kind::machine_word(f.e_machine).into_owned(),
        kind_words: f.kind.file_words(),
        linkage_words: f.linkage.map(|l| l.file_words()),
        max_glibc_needed: f.max_glibc_needed().map(str::to_string),
        bits: f.bits,
        big_endian: f.big_endian,
        e_machine: f.e_machine,
        kind: f.kind.id(),
        kind_evidence: info_evidence(&f.kind_evidence),
        linkage: f.linkage.map(|l| l.word()),
        linkage_evidence: info_evidence(&f.linkage_evidence),
        interpreter: f.interpreter.clone(),
        soname: f.soname.clone(),
        needed: f.needed.clone(),
        libc: InfoLibc {
            variant: f.libc.variant.id(),
            confidence: f.libc.confidence.id(),
            evidence: info_evidence(&f.libc.evidence),
        },
        go: f.go.as_ref().map(|g| InfoGo {
            version: g.version.clone(),
            main_path: g.main_path.clone(),
            main_version: g.main_version.clone(),
            cgo_enabled: g.cgo_enabled,
            cgo: g.cgo,
            evidence: info_evidence(&g.evidence),
        }),
        version_needs: f
            .version_needs
            .iter()
            .map(|l| InfoLibraryNeeds {
                library: l.library.clone(),
                families: l
                    .families
                    .iter()
                    .map(|m| InfoFamilyMax {
                        family: m.family.clone(),
                        max: m.max.clone(),
                        count: m.count,
                    })
                    .collect(),
                other: l.other.clone(),
            })
            .collect(),
        defined_versions: f.defined_versions.clone(),
        glibc_release: f.glibc_release.as_ref().map(|r| InfoGlibcRelease {
            version: r.version.clone(),
            package: r.package.clone(),
            banner: r.banner.clone(),
        }),
        musl_version: f.musl_version.clone(),
        hardening: InfoHardening {
            relro: h.relro.id(),
            bind_now: h.bind_now,
            pie: h.pie.id(),
            nx: h.nx,
            executable_stack: h.executable_stack,
            canary: h.canary,
            fortified: h.fortified.clone(),
            ibt: h.ibt,
            shstk: h.shstk,
            bti: h.bti,
            pac: h.pac,
            x86_isa_needed: h.x86_isa_needed.clone(),
            rpath: h.rpath.clone(),
            runpath: h.runpath.clone(),
            rpath_issues: h
                .rpath_issues
                .iter()
                .map(|i| InfoRpathIssue {
                    tag: i.tag,
                    entry: i.entry.clone(),
                    problem: i.problem,
                })
                .collect(),
            textrel: h.textrel,
            stripped: h.stripped,
            debug_info: h.debug_info,
        },
    }
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
    /// Symbol binding (glibc's version check, `-r` relocations); absent
    /// when the file was not bound (not dynamic, fatal error, --tree).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbols: Option<LddSymbols>,
}

/// `relf ldd --json`'s symbol binding (added in schema 1, compatible).
#[derive(Debug, Serialize)]
pub struct LddSymbols {
    /// Needed versions no loaded object defines, in the loader's order.
    pub version_errors: Vec<LddVersionError>,
    /// References no object defines (glibc `undefined symbol`, musl
    /// `symbol not found`); only when relocations were processed.
    pub undefined: Vec<LddBinding>,
    /// Every symbol lookup, in the loader's order (`-r`, `--why-symbol`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bindings: Option<Vec<LddBinding>>,
}

#[derive(Debug, Serialize)]
pub struct LddVersionError {
    /// "not-found", "weak-not-found" or "no-version-information".
    pub problem: &'static str,
    pub version: String,
    /// Index of the object lacking the version.
    pub object: usize,
    /// Index of the object needing it.
    pub required_by: usize,
}

#[derive(Debug, Serialize)]
pub struct LddBinding {
    pub symbol: String,
    pub version: Option<String>,
    /// Index of the referencing object.
    pub from: usize,
    /// Index of the defining object; `null` when none (undefined, or an
    /// undefined weak reference).
    pub to: Option<usize>,
}

pub fn ldd_symbols(
    _g: &crate::loader::graph::DepGraph,
    r: &crate::loader::binding::BindReport,
    bindings: bool,
) -> LddSymbols {
    use crate::loader::binding::{Unresolved, VersionProblem};
    let binding = |b: &crate::loader::binding::Binding| LddBinding {
        symbol: text(&b.symbol),
        version: b.version.as_deref().map(text),
        from: b.from,
        to: b.to,
    };
    LddSymbols {
        version_errors: r
            .version_errors
            .iter()
            .map(|e| LddVersionError {
                problem: match e.problem {
                    VersionProblem::NotFound => "not-found",
                    VersionProblem::WeakNotFound => "weak-not-found",
                    VersionProblem::NoVersionInfo => "no-version-information",
                },
                version: text(&e.version),
                object: e.object,
                required_by: e.required_by,
            })
            .collect(),
        undefined: r
            .reloc_errors
            .iter()
            .map(|e| {
                let Unresolved::Undefined { symbol, version } = &e.error;
                LddBinding {
                    symbol: text(symbol),
                    version: version.as_deref().map(text),
                    from: e.object,
                    to: None,
                }
            })
            .collect(),
        bindings: bindings.then(|| r.bindings.iter().map(binding).collect()),
    }
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
        symbols: None,
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

/// The relocation tables of a file: those in relocation sections (what
/// `readelf -r` lists) and those the dynamic section names (`readelf -r
/// -D`).
#[derive(Debug, Serialize)]
pub struct Relocations {
    pub sections: Vec<RelocationTable>,
    pub dynamic: Vec<RelocationTable>,
}

#[derive(Debug, Serialize)]
pub struct RelocationTable {
    /// The section's name, or for a dynamic table readelf's label (`REL`,
    /// `RELA`, `RELR`, `PLT`).
    pub name: Option<String>,
    /// The relocation section's index (section tables only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section_index: Option<usize>,
    /// `rel`, `rela` or `relr`.
    pub format: &'static str,
    /// File offset of the records.
    pub offset: u64,
    /// Virtual address from the dynamic tag (dynamic tables only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<u64>,
    pub size: u64,
    /// `sh_link`: the symbol table's section index (section tables only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol_table: Option<u32>,
    /// `sh_info`: the section the relocations apply to (section tables only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<u32>,
    /// REL and RELA records.
    pub entries: Vec<Relocation>,
    /// RELR: the relocated addresses, decoded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relr_addresses: Option<Vec<u64>>,
    /// Why the records could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Relocation {
    pub offset: u64,
    /// Raw `r_info` (for little-endian MIPS64, in readelf's order).
    pub info: u64,
    /// The type; name is readelf's (`unrecognized: N` when it has none).
    #[serde(rename = "type")]
    pub r_type: Named<u32>,
    /// MIPS64's second and third types.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type2: Option<Named<u32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type3: Option<Named<u32>>,
    pub symbol_index: u64,
    /// The symbol, when the index is non-zero and in the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<RelocationSymbol>,
    /// RELA only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub addend: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct RelocationSymbol {
    /// The symbol's name; for an unnamed section symbol, the section's.
    pub name: Option<String>,
    pub value: u64,
    /// `st_info & 0xf` with readelf's name.
    #[serde(rename = "type")]
    pub st_type: Named<u8>,
    /// `st_shndx` as readelf holds it (reserved indices widened to
    /// 0xffffffXX).
    pub section_index: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<RelocationSymbolVersion>,
}

#[derive(Debug, Serialize)]
pub struct RelocationSymbolVersion {
    pub name: Option<String>,
    /// `default` (`sym@@VER`), `hidden` (`sym@VER`) or `needed` (from
    /// another file).
    pub kind: &'static str,
}

/// Every relocation table of the file, for `--json`.
pub fn relocations(elf: &ElfFile) -> Relocations {
    use crate::elf::reloc::{self, RelocSource, SymbolsFor};
    let sections = reloc::section_tables(elf)
        .iter()
        .map(|t| {
            let syms = match t.source {
                RelocSource::Section { link, .. } => match reloc::symbols_for_section(elf, link) {
                    SymbolsFor::Table(s) => Some(s),
                    _ => None,
                },
                RelocSource::Dynamic { .. } => None,
            };
            relocation_table(elf, t, syms.as_ref(), elf.version_tags())
        })
        .collect();
    // As readelf -r -D: what process_dynamic_section made of the dynamic
    // symbols, and nothing when it gave up before recording the tags.
    let state = elf.readelf_dynamic_symbols(false, true);
    let (info, tags) = if state.aborted {
        Default::default()
    } else {
        (reloc::dynamic_info(elf), elf.version_tags())
    };
    let dyn_syms = reloc::dynamic_symbols_for_relocs(elf, &state);
    let dynamic = reloc::dynamic_tables_from(elf, &info)
        .iter()
        .map(|t| relocation_table(elf, t, dyn_syms.as_ref(), tags))
        .collect();
    Relocations { sections, dynamic }
}

fn relocation_table(
    elf: &ElfFile,
    t: &crate::elf::reloc::RelocTable,
    syms: Option<&crate::elf::reloc::RelocSymbols>,
    tags: crate::elf::version::VersionTags,
) -> RelocationTable {
    use crate::elf::reloc::{self, RInfo, RelocEntries, RelocFormat, RelocSource};
    use crate::elf::reloc_names;
    let h = &elf.header;
    let (name, section_index, address, symbol_table, applies_to) = match t.source {
        RelocSource::Section { index, link, info } => (
            elf.section_headers()
                .get(index)
                .and_then(|s| elf.section_name(s))
                .map(text),
            Some(index),
            None,
            Some(link),
            Some(info),
        ),
        RelocSource::Dynamic { label, vma } => {
            (Some(label.to_string()), None, Some(vma), None, None)
        }
    };
    let mut table = RelocationTable {
        name,
        section_index,
        format: match t.format {
            RelocFormat::Rel => "rel",
            RelocFormat::Rela => "rela",
            RelocFormat::Relr => "relr",
        },
        offset: t.file_offset,
        address,
        size: t.size,
        symbol_table,
        applies_to,
        entries: Vec::new(),
        relr_addresses: None,
        error: None,
    };
    let names = reloc_names::table(h.e_machine, h.e_flags, h.osabi());
    let type_name = |t: Option<reloc_names::tables::Table>, n: u32| Named {
        value: n,
        name: t
            .and_then(|t| reloc_names::lookup(t, n))
            .map_or_else(|| format!("unrecognized: {n:x}"), str::to_string),
    };
    let split = RInfo::of(h);
    let mut versions = syms.and_then(|s| s.versions(elf, tags));
    match &t.entries {
        Err(e) => table.error = Some(e.to_string()),
        Ok(RelocEntries::Relr(words)) => {
            table.relr_addresses = Some(reloc::relr_addresses(words, h.is_64()).collect());
        }
        Ok(RelocEntries::Relocs(relocs)) => {
            table.entries = relocs
                .iter()
                .map(|r| {
                    let symbol_index = split.sym(r.r_info);
                    let mips = split.mips64_types(r.r_info);
                    let symbol = (symbol_index != 0)
                        .then(|| syms.and_then(|s| s.symbol(symbol_index).map(|y| (s, y))))
                        .flatten()
                        .map(|(s, sym)| {
                            let version = versions
                                .as_mut()
                                .and_then(|v| v.lookup(symbol_index, sym, s.strings));
                            let st_type = sym.st_info & 0xf;
                            let name =
                                if sym.st_name == 0 && st_type == crate::elf::symbol::STT_SECTION {
                                    elf.section_headers()
                                        .get(sym.st_shndx as usize)
                                        .and_then(|sec| elf.section_name(sec))
                                        .map(text)
                                } else {
                                    s.name(sym).map(text)
                                };
                            RelocationSymbol {
                                name,
                                value: sym.st_value,
                                st_type: Named {
                                    value: st_type,
                                    name: crate::render::readelf::symbols::symbol_type_name(
                                        elf, st_type,
                                    )
                                    .into_owned(),
                                },
                                section_index: sym.st_shndx,
                                version: version.map(|v| RelocationSymbolVersion {
                                    name: v.name.map(text),
                                    kind: match v.kind {
                                        crate::elf::version::VersionKind::Default => "default",
                                        crate::elf::version::VersionKind::Hidden => "hidden",
                                        crate::elf::version::VersionKind::Needed { .. } => "needed",
                                    },
                                }),
                            }
                        });
                    Relocation {
                        offset: r.r_offset,
                        info: r.r_info,
                        r_type: type_name(names, split.r_type(r.r_info)),
                        type2: mips.map(|(t2, _)| type_name(Some(reloc_names::tables::MIPS), t2)),
                        type3: mips.map(|(_, t3)| type_name(Some(reloc_names::tables::MIPS), t3)),
                        symbol_index,
                        symbol,
                        addend: (t.format == RelocFormat::Rela).then_some(r.r_addend),
                    }
                })
                .collect();
        }
    }
    table
}

/// One symbol table (`relf symbols`).
#[derive(Debug, Serialize)]
pub struct SymbolTable {
    /// The section's name; `null` for the table found through `DT_SYMTAB`.
    pub section: Option<String>,
    /// The section's index; `null` for the table found through `DT_SYMTAB`.
    pub section_index: Option<usize>,
    /// "symtab" or "dynsym".
    pub kind: &'static str,
    /// Why the symbols could not be read (then `symbols` is empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub symbols: Vec<Symbol>,
}

#[derive(Debug, Serialize)]
pub struct Symbol {
    pub index: usize,
    /// `null` when `st_name` is outside the string table.
    pub name: Option<String>,
    pub value: u64,
    pub size: u64,
    #[serde(rename = "type")]
    pub st_type: Named<u8>,
    pub binding: Named<u8>,
    pub visibility: Named<u8>,
    /// The raw `st_other` byte (visibility and processor-specific bits).
    pub other: u8,
    /// The section index (`SHN_XINDEX` resolved; reserved indices as
    /// readelf holds them, e.g. 0xfffffff1 for ABS) and readelf's Ndx
    /// column ("UND", "ABS", "COM", "13", ...).
    pub ndx: Named<u32>,
    /// The name of the section the symbol is defined in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The symbol's version (dynamic symbols only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<SymbolVersion>,
}

#[derive(Debug, Serialize)]
pub struct SymbolVersion {
    /// `null` where readelf shows `<corrupt>`.
    pub name: Option<String>,
    /// "default" (`@@`), "hidden" (`@`) or "needed" (`@VER (N)`).
    pub kind: &'static str,
    /// The version index, for needed versions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<u16>,
}

/// The version sections (`relf versions`).
#[derive(Debug, Default, Serialize)]
pub struct Versions {
    /// One entry per dynamic symbol (`.gnu.version`).
    pub symbols: Vec<VersionSymbol>,
    /// Versions this file defines (`.gnu.version_d`).
    pub definitions: Vec<VersionDefinition>,
    /// Versions this file needs, per file (`.gnu.version_r`).
    pub needs: Vec<VersionNeed>,
    /// Tables that could not be read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct VersionSymbol {
    pub index: usize,
    /// The raw entry.
    pub value: u16,
    pub hidden: bool,
    /// "*local*" (0), "*global*" (1) or the version's name.
    pub name: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct VersionDefinition {
    /// The version index (`vd_ndx`).
    pub index: u16,
    pub revision: u16,
    /// Raw `vd_flags` and readelf's spelling ("BASE", "WEAK", "none").
    pub flags: Named<u16>,
    pub hash: u32,
    pub name: Option<String>,
    pub parents: Vec<Option<String>>,
}

#[derive(Debug, Serialize)]
pub struct VersionNeed {
    pub file: Option<String>,
    pub revision: u16,
    pub versions: Vec<NeededVersion>,
}

#[derive(Debug, Serialize)]
pub struct NeededVersion {
    pub name: Option<String>,
    /// The version index symbols use (`vna_other`).
    pub index: u16,
    pub flags: Named<u16>,
    pub hash: u32,
}

fn symbol_table(
    elf: &ElfFile,
    section_index: Option<usize>,
    table: Result<crate::elf::SymbolTable, crate::elf::TableError>,
    lookup: &mut VersionLookup,
) -> SymbolTable {
    let sections = elf.section_headers();
    let section = section_index
        .and_then(|i| sections.get(i))
        .and_then(|s| elf.section_name(s))
        .map(text);
    let (kind, table) = match table {
        Ok(t) => (if t.is_dynamic() { "dynsym" } else { "symtab" }, t),
        Err(e) => {
            let kind = match section_index.and_then(|i| sections.get(i)) {
                Some(s) if s.sh_type != SHT_DYNSYM => "symtab",
                _ => "dynsym",
            };
            return SymbolTable {
                section,
                section_index,
                kind,
                error: Some(e.to_string()),
                symbols: Vec::new(),
            };
        }
    };
    let symbols = table
        .symbols
        .iter()
        .enumerate()
        .map(|(i, sym)| Symbol {
            index: i,
            name: table.name(sym).map(text),
            value: sym.st_value,
            size: sym.st_size,
            st_type: Named {
                value: sym.st_type(),
                name: sym_names::symbol_type_name(elf, sym.st_type()).into_owned(),
            },
            binding: Named {
                value: sym.st_bind(),
                name: sym_names::symbol_binding_name(elf, sym.st_bind()).into_owned(),
            },
            visibility: Named {
                value: sym.st_visibility(),
                name: sym_names::symbol_visibility_name(sym.st_visibility()).to_string(),
            },
            other: sym.st_other,
            ndx: Named {
                value: sym.st_shndx,
                name: sym_names::symbol_index_name(elf, sym.st_shndx)
                    .trim()
                    .to_string(),
            },
            section: (sym.st_shndx != SHN_UNDEF && sym.st_shndx < SHN_LORESERVE)
                .then(|| sections.get(sym.st_shndx as usize))
                .flatten()
                .and_then(|s| elf.section_name(s))
                .map(text),
            version: if table.is_dynamic() {
                lookup
                    .lookup(i as u64, sym, table.strings)
                    .map(|v| SymbolVersion {
                        name: v.name.map(text),
                        kind: match v.kind {
                            VersionKind::Default => "default",
                            VersionKind::Hidden => "hidden",
                            VersionKind::Needed { .. } => "needed",
                        },
                        index: match v.kind {
                            VersionKind::Needed { index } => Some(index),
                            _ => None,
                        },
                    })
            } else {
                None
            },
        })
        .collect();
    SymbolTable {
        section,
        section_index,
        kind,
        error: None,
        symbols,
    }
}

/// Every symbol table, or only the dynamic one(s). Without a `.dynsym`
/// section the dynamic symbols found through `DT_SYMTAB` are listed.
pub fn symbol_tables(elf: &ElfFile, dynamic_only: bool) -> Vec<SymbolTable> {
    let mut lookup = VersionLookup::new(elf, elf.version_tags());
    let mut out: Vec<SymbolTable> = elf
        .symbol_tables()
        .into_iter()
        .filter(|(i, _)| !dynamic_only || elf.section_headers()[*i].sh_type == SHT_DYNSYM)
        .map(|(i, t)| symbol_table(elf, Some(i), t, &mut lookup))
        .collect();
    if elf.dynsym_index().is_none() {
        if let Some(t) = elf.dynamic_symbols() {
            if matches!(t.source, SymbolSource::DynamicTags { .. }) {
                out.push(symbol_table(elf, None, Ok(t), &mut lookup));
            }
        }
    }
    out
}

/// The version tables; `None` when the file has none.
pub fn versions(elf: &ElfFile) -> Option<Versions> {
    let syms = elf.version_symbols();
    let defs = elf.version_definitions();
    let needs = elf.version_needs();
    if syms.is_none() && defs.is_none() && needs.is_none() {
        return None;
    }
    let mut v = Versions::default();
    // Version index -> name: the first definition, else the first need
    // (as ElfFile::version_name looks it up).
    let mut names: std::collections::BTreeMap<u16, Option<String>> = Default::default();
    if let Some(Ok(needs)) = &needs {
        let all: Vec<_> = needs.iter().flat_map(|n| n.versions.iter()).collect();
        for a in all.into_iter().rev() {
            names.insert(a.index, a.name.map(text));
        }
    }
    if let Some(Ok(defs)) = &defs {
        for d in defs.iter().rev() {
            names.insert(d.index, d.name.map(text));
        }
    }
    match syms {
        Some(Ok(values)) => {
            v.symbols = values
                .iter()
                .enumerate()
                .map(|(index, &value)| VersionSymbol {
                    index,
                    value,
                    hidden: value & VERSYM_HIDDEN != 0,
                    name: match value & VERSYM_VERSION {
                        0 => Some("*local*".to_string()),
                        1 => Some("*global*".to_string()),
                        i => names.get(&i).cloned().flatten(),
                    },
                })
                .collect();
        }
        Some(Err(e)) => v.errors.push(e.to_string()),
        None => {}
    }
    match defs {
        Some(Ok(defs)) => {
            v.definitions = defs
                .into_iter()
                .map(|d| VersionDefinition {
                    index: d.index,
                    revision: d.version,
                    flags: Named {
                        value: d.flags,
                        name: ver_names::version_flags(d.flags),
                    },
                    hash: d.hash,
                    name: d.name.map(text),
                    parents: d.parents.into_iter().map(|p| p.map(text)).collect(),
                })
                .collect();
        }
        Some(Err(e)) => v.errors.push(e.to_string()),
        None => {}
    }
    match needs {
        Some(Ok(needs)) => {
            v.needs = needs
                .into_iter()
                .map(|n| VersionNeed {
                    file: n.file.map(text),
                    revision: n.version,
                    versions: n
                        .versions
                        .into_iter()
                        .map(|a| NeededVersion {
                            name: a.name.map(text),
                            index: a.index,
                            flags: Named {
                                value: a.flags,
                                name: ver_names::version_flags(a.flags),
                            },
                            hash: a.hash,
                        })
                        .collect(),
                })
                .collect();
        }
        Some(Err(e)) => v.errors.push(e.to_string()),
        None => {}
    }
    Some(v)
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
    /// A dlopen metadata note (owner `FDO`, type 0x407c0c0a), decoded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dlopen: Option<DlopenNote>,
}

/// The records of a dlopen metadata note, or why it does not decode.
#[derive(Debug, Serialize)]
pub struct DlopenNote {
    pub records: Vec<DlopenRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One dlopen dependency; `priority` is `recommended` when the note omits it.
#[derive(Debug, Serialize)]
pub struct DlopenRecord {
    pub soname: Vec<String>,
    pub feature: Option<String>,
    pub description: Option<String>,
    pub priority: &'static str,
}

fn dlopen_note(
    r: Result<Vec<crate::elf::note::DlopenDep>, crate::elf::note::DlopenError>,
) -> DlopenNote {
    match r {
        Ok(deps) => DlopenNote {
            records: deps
                .into_iter()
                .map(|d| DlopenRecord {
                    soname: d.sonames,
                    feature: d.feature,
                    description: d.description,
                    priority: d.priority.id(),
                })
                .collect(),
            error: None,
        },
        Err(e) => DlopenNote {
            records: Vec::new(),
            error: Some(e.to_string()),
        },
    }
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
                            dlopen: n.dlopen_deps().map(dlopen_note),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
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
