//! What a binary is, in one record: kind and linkage in file(1)'s terms, the
//! interpreter, the C library it was built for (with evidence and a
//! confidence), Go build facts, the library versions it needs or provides,
//! and checksec-class hardening ([`FileFacts`]).
//!
//! Everything is computed from the parsed model ([`ElfFile`]) and bounded
//! looks at the file's bytes; nothing is executed and no other file is
//! read. Rendering is elsewhere (`render::info`); the image audit calls
//! [`FileFacts::from_elf`], [`glibc_release`] and [`musl_version`].

pub mod glibc_needs;
pub mod hardening;
pub mod kind;
pub mod libc;
pub mod scan;

use crate::elf::ElfFile;

pub use glibc_needs::{
    defined_versions, glibc_release, max_needed, musl_version, version_needs, FamilyMax,
    GlibcRelease, LibraryNeeds,
};
pub use hardening::{Hardening, Pie, Relro, RpathIssue};
pub use kind::{Kind, Linkage};
pub use libc::{Confidence, GoFacts, LibcFacts, LibcVariant};

/// One observed fact behind a conclusion: where it was seen (`PT_INTERP`,
/// `DT_NEEDED`, `section`, `symbol`, ...) and what was there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub signal: &'static str,
    pub detail: String,
    /// The libc this signal points to, for libc evidence.
    pub points_to: Option<LibcVariant>,
}

impl Evidence {
    pub fn new(signal: &'static str, detail: impl Into<String>) -> Evidence {
        Evidence {
            signal,
            detail: detail.into(),
            points_to: None,
        }
    }

    fn pointing(mut self, v: LibcVariant) -> Evidence {
        self.points_to = Some(v);
        self
    }
}

/// Every fact `relf info` knows about one ELF file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFacts {
    /// 32 or 64.
    pub bits: u8,
    /// `true` for big-endian (file's "MSB").
    pub big_endian: bool,
    pub e_machine: u16,
    pub kind: Kind,
    pub kind_evidence: Vec<Evidence>,
    /// `None` for files file(1) gives no linkage (relocatable, core, no
    /// program headers).
    pub linkage: Option<Linkage>,
    pub linkage_evidence: Vec<Evidence>,
    pub interpreter: Option<String>,
    pub soname: Option<String>,
    pub needed: Vec<String>,
    pub libc: LibcFacts,
    pub go: Option<GoFacts>,
    /// Versions needed per library (`.gnu.version_r`).
    pub version_needs: Vec<LibraryNeeds>,
    /// Versions the file defines (`.gnu.version_d`), base entry left out.
    pub defined_versions: Vec<String>,
    /// For a glibc `libc.so.6` (or a static glibc program keeping the
    /// banner): the release.
    pub glibc_release: Option<GlibcRelease>,
    /// For musl's `libc.so`: its version.
    pub musl_version: Option<String>,
    pub hardening: Hardening,
}

/// The Go facts of a file (build info, build ID note), if it is a Go binary.
pub fn go_facts_of(elf: &ElfFile) -> Option<GoFacts> {
    libc::go_facts(elf)
}

/// Only the libc verdict of a file, given its Go facts, without the rest of
/// [`FileFacts`]: what the image audit asks of every static executable.
pub fn libc_of(elf: &ElfFile, data: &[u8], go: Option<&GoFacts>) -> LibcFacts {
    libc::classify(elf, data, go)
}

impl FileFacts {
    /// The facts of `elf`; `data` are the bytes it was parsed from (searched
    /// boundedly for banners and strings). An `ET_DYN` without `PT_DYNAMIC`
    /// is called a shared object; see [`FileFacts::from_elf_with_mode`].
    pub fn from_elf(elf: &ElfFile, data: &[u8]) -> FileFacts {
        FileFacts::from_elf_with_mode(elf, data, None)
    }

    /// As [`FileFacts::from_elf`], with `mode` the file's `st_mode` when
    /// known: file(1) lets the execute bits decide "pie executable" for an
    /// `ET_DYN` without `PT_DYNAMIC`.
    pub fn from_elf_with_mode(elf: &ElfFile, data: &[u8], mode: Option<u32>) -> FileFacts {
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let scan = kind::scan_phdrs(elf);
        let mut kind_evidence = Vec::new();
        let kind = kind::kind(elf, &scan, mode.map(|m| m & 0o111 != 0), &mut kind_evidence);
        let mut linkage_evidence = Vec::new();
        let linkage = kind::linkage(elf, &scan, &mut linkage_evidence);
        let go = libc::go_facts(elf);
        let libc = libc::classify(elf, data, go.as_ref());
        let go = go.map(|mut g| {
            if !matches!(libc.variant, LibcVariant::None | LibcVariant::Unknown) {
                g.cgo = true;
            }
            g
        });
        let dynamic = elf.dynamic();
        let defined = defined_versions(elf);
        let is_glibc_libc = glibc_needs::max_defined_glibc(&defined).is_some()
            || dynamic.and_then(|d| d.soname()) == Some(b"libc.so.6")
            || (libc.variant == LibcVariant::Glibc && linkage != Some(Linkage::Dynamic));
        let is_musl = libc.variant == LibcVariant::Musl;
        FileFacts {
            bits: if elf.header.is_64() { 64 } else { 32 },
            big_endian: elf.header.byte_order() == crate::elf::header::ByteOrder::Big,
            e_machine: elf.header.e_machine,
            kind,
            kind_evidence,
            linkage,
            linkage_evidence,
            interpreter: elf.interpreter().map(text),
            soname: dynamic.and_then(|d| d.soname()).map(text),
            needed: dynamic
                .map(|d| d.needed().map(text).collect())
                .unwrap_or_default(),
            go,
            version_needs: version_needs(elf),
            defined_versions: defined,
            glibc_release: if is_glibc_libc {
                glibc_release(elf, data)
            } else {
                None
            },
            musl_version: if is_musl {
                musl_version(elf, data)
            } else {
                None
            },
            hardening: Hardening::from_elf(elf),
            libc,
        }
    }

    /// The highest `GLIBC_x.y` needed from any library.
    pub fn max_glibc_needed(&self) -> Option<&str> {
        max_needed(&self.version_needs, "GLIBC")
    }
}
