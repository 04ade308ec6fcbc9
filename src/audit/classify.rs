//! What one ELF file is: executable or library, how it is linked, which
//! libc it is built for, whether it is a Go program.
//!
//! [`classify`] is the one place the audit asks "what is this file?". Kind
//! and linkage come from what the loader already knows ([`Linkage::of`],
//! [`flavor_of`]), which is what decides how a file is resolved; the libc of
//! a program that is not dynamically linked comes from `relf info`'s
//! evidence ([`crate::info::libc_of`]: symbols, sections and strings of a
//! static glibc or musl), since no interpreter or NEEDED entry names it.

use crate::elf::header::{ET_CORE, ET_DYN, ET_EXEC, ET_REL};
use crate::elf::ElfFile;
use crate::loader::flavor_of;
use crate::loader::graph::{Flavor, Linkage};
use crate::loader::object::ObjectInfo;

/// What kind of object a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    Executable,
    SharedLibrary,
    Relocatable,
    Core,
    Other,
}

/// How a file is linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// Has a program interpreter (executables) or dependencies (libraries).
    Dynamic,
    /// No interpreter, no dynamic section to speak of.
    Static,
    /// Self-relocating position-independent executable (`-static-pie`).
    StaticPie,
    /// A shared object with nothing to load (no DT_NEEDED).
    NoDependencies,
}

/// The C library a file is built for, when it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Libc {
    Glibc,
    Musl,
    /// No sign of either (a library needing no libc, a Go program, a
    /// static program of another libc).
    Unknown,
}

/// The audit's view of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub kind: FileKind,
    pub link: LinkKind,
    pub libc: Libc,
    /// The Go toolchain version (`go1.22.1`), for Go programs.
    pub go_version: Option<String>,
}

/// Classifies one parsed file (see the module comment: this is where
/// issue 5's `relf info` classification plugs in).
pub fn classify(elf: &ElfFile, info: &ObjectInfo) -> Classification {
    let e_type = info.header.e_type;
    let has_interp = info.interpreter.is_some();
    let kind = match e_type {
        ET_EXEC => FileKind::Executable,
        // libc.so.6 has a PT_INTERP (it runs) but also a SONAME: a library.
        ET_DYN if info.is_pie || (has_interp && info.soname.is_none()) => FileKind::Executable,
        ET_DYN => FileKind::SharedLibrary,
        ET_REL => FileKind::Relocatable,
        ET_CORE => FileKind::Core,
        _ => FileKind::Other,
    };
    let link = if has_interp {
        LinkKind::Dynamic
    } else if kind == FileKind::Executable {
        if e_type == ET_DYN {
            LinkKind::StaticPie
        } else {
            LinkKind::Static
        }
    } else {
        match Linkage::of(info) {
            Linkage::Dynamic => LinkKind::Dynamic,
            Linkage::NoDependencies => LinkKind::NoDependencies,
            Linkage::NotDynamic => LinkKind::Static,
        }
    };
    // Read once: the Go version, and the libc evidence of static programs.
    let go = crate::info::go_facts_of(elf);
    let libc = if link != LinkKind::Dynamic {
        if kind == FileKind::Executable {
            match crate::info::libc_of(elf, elf.data, go.as_ref()).variant {
                crate::info::LibcVariant::Glibc => Libc::Glibc,
                crate::info::LibcVariant::Musl => Libc::Musl,
                _ => Libc::Unknown,
            }
        } else {
            Libc::Unknown
        }
    } else if has_interp || needs_a_libc(info) {
        match flavor_of(info) {
            Flavor::Glibc => Libc::Glibc,
            Flavor::Musl => Libc::Musl,
        }
    } else {
        Libc::Unknown
    };
    let go_version = go.and_then(|g| g.version);
    Classification {
        kind,
        link,
        libc,
        go_version,
    }
}

fn needs_a_libc(info: &ObjectInfo) -> bool {
    info.needed.iter().any(|n| {
        n == b"libc.so.6" || n == b"libc.so" || n.starts_with(b"libc.musl-") || n == b"libc.so.6.1"
    })
}
