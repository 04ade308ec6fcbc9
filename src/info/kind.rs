//! What sort of ELF file this is and how it is linked, in file(1)'s words.
//!
//! The rules are file 5.44's (Debian 12), read from its source:
//! `src/readelf.c` `dophn_exec` and `dodynamic`, and the `elf-le` entry of
//! `magic/Magdir/elf`:
//!
//! - the kind comes from `e_type`; for `ET_DYN`, "pie executable" or
//!   "shared object" is the magic `${x?pie executable:shared object}`, where
//!   `x` is the file's execute permission bits *as `dophn_exec` left them*:
//!   every `PT_DYNAMIC` clears them, and every `DT_FLAGS_1` entry sets them
//!   when it has `DF_1_PIE` and clears them otherwise. So an `ET_DYN` with a
//!   dynamic section is a pie executable exactly when its (last) `DT_FLAGS_1`
//!   has `DF_1_PIE`; only without `PT_DYNAMIC` do the permission bits count.
//!   `PT_INTERP` plays no part.
//! - the linkage words are printed for `ET_EXEC` and `ET_DYN` only:
//!   "dynamically linked" when there is a `PT_DYNAMIC`, unless some
//!   `DT_FLAGS_1` exists (whatever its value) and there is neither a
//!   `DT_NEEDED` nor a `PT_INTERP` ("static-pie linked"); "statically
//!   linked" without `PT_DYNAMIC`.
//! - file reads at most `BUFSIZ` (8192) bytes of each `PT_DYNAMIC` and
//!   walks every whole entry in them, past `DT_NULL` too; relf does the same
//!   here (the model's dynamic table stops at `DT_NULL`, as readelf's does).
//!
//! This module computes facts only; the words are the renderer's.

use crate::elf::dynamic::{entry_size, DF_1_PIE, DT_FLAGS_1, DT_NEEDED};
use crate::elf::endian::Encoding;
use crate::elf::header::{ET_CORE, ET_DYN, ET_EXEC, ET_REL};
use crate::elf::segment::{PT_DYNAMIC, PT_INTERP};
use crate::elf::ElfFile;

use super::Evidence;

/// file(1)'s `BUFSIZ`: how much of each `PT_DYNAMIC` it reads.
const FILE_DYNAMIC_READ: u64 = 8192;

/// The kind of file, as file(1) names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `ET_REL`: "relocatable".
    Relocatable,
    /// `ET_EXEC`: "executable".
    Executable,
    /// `ET_DYN` that file(1) calls "pie executable".
    PieExecutable,
    /// `ET_DYN` that file(1) calls "shared object".
    SharedObject,
    /// `ET_CORE`: "core file".
    Core,
    /// Any other `e_type` (`ET_NONE`, OS- or processor-specific).
    Other,
}

/// How the file is linked, in file(1)'s three words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linkage {
    /// "dynamically linked".
    Dynamic,
    /// "statically linked".
    Static,
    /// "static-pie linked".
    StaticPie,
}

impl Linkage {
    /// file(1)'s words.
    pub fn file_words(self) -> &'static str {
        match self {
            Linkage::Dynamic => "dynamically linked",
            Linkage::Static => "statically linked",
            Linkage::StaticPie => "static-pie linked",
        }
    }

    /// relf's short word.
    pub fn word(self) -> &'static str {
        match self {
            Linkage::Dynamic => "dynamic",
            Linkage::Static => "static",
            Linkage::StaticPie => "static-pie",
        }
    }
}

impl Kind {
    /// relf's identifier (JSON).
    pub fn id(self) -> &'static str {
        match self {
            Kind::Relocatable => "relocatable",
            Kind::Executable => "executable",
            Kind::PieExecutable => "pie-executable",
            Kind::SharedObject => "shared-object",
            Kind::Core => "core",
            Kind::Other => "other",
        }
    }

    /// file(1)'s words.
    pub fn file_words(self) -> &'static str {
        match self {
            Kind::Relocatable => "relocatable",
            Kind::Executable => "executable",
            Kind::PieExecutable => "pie executable",
            Kind::SharedObject => "shared object",
            Kind::Core => "core file",
            Kind::Other => "other",
        }
    }
}

/// What `dophn_exec` learns from the program headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PhdrScan {
    /// Some `PT_DYNAMIC`.
    pub dynamic: bool,
    /// Some `DT_FLAGS_1` in the bytes read (file's `pie`).
    pub flags_1: bool,
    /// The execute bits after the last `PT_DYNAMIC` / `DT_FLAGS_1`: `None`
    /// when no `PT_DYNAMIC` touched them (the file's own mode counts).
    pub exec_bits: Option<bool>,
    /// `DT_NEEDED` entries in the bytes read.
    pub needed: usize,
    /// `PT_INTERP` segments.
    pub interps: usize,
}

/// `dophn_exec`'s walk over the program headers and their dynamic entries.
pub(crate) fn scan_phdrs(elf: &ElfFile) -> PhdrScan {
    let mut scan = PhdrScan::default();
    let enc = Encoding::of(&elf.header);
    let word = enc.word_size();
    let entsize = entry_size(&elf.header) as usize;
    for ph in elf.program_headers() {
        match ph.p_type {
            PT_INTERP => scan.interps += 1,
            PT_DYNAMIC => {
                scan.dynamic = true;
                scan.exec_bits = Some(false);
                let len = ph.p_filesz.min(FILE_DYNAMIC_READ);
                // pread: a short read past the end of the file is not an error.
                let start = ph.p_offset.min(elf.data.len() as u64) as usize;
                let end = (start as u64)
                    .saturating_add(len)
                    .min(elf.data.len() as u64) as usize;
                let raw = &elf.data[start..end];
                for chunk in raw.chunks_exact(entsize) {
                    let tag = enc.uint(chunk, 0, word).unwrap_or(0);
                    let val = enc.uint(chunk, word, word).unwrap_or(0);
                    if tag == DT_FLAGS_1 {
                        scan.flags_1 = true;
                        scan.exec_bits = Some(val & DF_1_PIE != 0);
                    } else if tag == DT_NEEDED {
                        scan.needed += 1;
                    }
                }
            }
            _ => {}
        }
    }
    scan
}

/// The kind, with `exec_mode` the file's execute permission bits when known
/// (they decide only for an `ET_DYN` without `PT_DYNAMIC`).
pub(crate) fn kind(
    elf: &ElfFile,
    scan: &PhdrScan,
    exec_mode: Option<bool>,
    evidence: &mut Vec<Evidence>,
) -> Kind {
    let e_type = elf.header.e_type;
    let (kind, why) = match e_type {
        ET_REL => (Kind::Relocatable, "ET_REL".to_string()),
        ET_EXEC => (Kind::Executable, "ET_EXEC".to_string()),
        ET_CORE => (Kind::Core, "ET_CORE".to_string()),
        ET_DYN => {
            let pie = scan.exec_bits.or(exec_mode).unwrap_or(false);
            let why = match scan.exec_bits {
                Some(true) => "ET_DYN, DT_FLAGS_1 has DF_1_PIE",
                Some(false) if scan.flags_1 => "ET_DYN, DT_FLAGS_1 without DF_1_PIE",
                Some(false) => "ET_DYN, PT_DYNAMIC without DT_FLAGS_1",
                None if pie => "ET_DYN without PT_DYNAMIC, file is executable",
                None => "ET_DYN without PT_DYNAMIC",
            };
            let kind = if pie {
                Kind::PieExecutable
            } else {
                Kind::SharedObject
            };
            (kind, why.to_string())
        }
        other => (Kind::Other, format!("e_type {other:#x}")),
    };
    evidence.push(Evidence::new("e_type", why));
    kind
}

/// The linkage, for `ET_EXEC` and `ET_DYN` (file prints none otherwise, nor
/// for a file without program headers).
pub(crate) fn linkage(
    elf: &ElfFile,
    scan: &PhdrScan,
    evidence: &mut Vec<Evidence>,
) -> Option<Linkage> {
    if !matches!(elf.header.e_type, ET_EXEC | ET_DYN) || elf.program_headers().is_empty() {
        return None;
    }
    let need = scan.needed + scan.interps;
    let linkage = if !scan.dynamic {
        evidence.push(Evidence::new("PT_DYNAMIC", "absent"));
        Linkage::Static
    } else if scan.flags_1 && need == 0 {
        evidence.push(Evidence::new("PT_DYNAMIC", "present"));
        evidence.push(Evidence::new(
            "DT_FLAGS_1",
            "present, with no DT_NEEDED and no PT_INTERP",
        ));
        Linkage::StaticPie
    } else {
        evidence.push(Evidence::new("PT_DYNAMIC", "present"));
        Linkage::Dynamic
    };
    if scan.interps > 0 {
        evidence.push(Evidence::new("PT_INTERP", "present"));
    }
    if scan.needed > 0 {
        let s = if scan.needed == 1 { "entry" } else { "entries" };
        evidence.push(Evidence::new("DT_NEEDED", format!("{} {s}", scan.needed)));
    }
    Some(linkage)
}

/// file(1)'s name for `e_machine` (magic/Magdir/elf) for the common
/// machines; readelf's name otherwise.
pub fn machine_word(e_machine: u16) -> std::borrow::Cow<'static, str> {
    use std::borrow::Cow;
    Cow::Borrowed(match e_machine {
        2 => "SPARC",
        3 => "Intel 80386",
        8 => "MIPS",
        20 => "PowerPC or cisco 4500",
        21 => "64-bit PowerPC or cisco 7500",
        22 => "IBM S/390",
        40 => "ARM",
        43 => "SPARC V9",
        62 => "x86-64",
        183 => "ARM aarch64",
        243 => "UCB RISC-V",
        258 => "LoongArch",
        m => return crate::elf::names::machine_name(m),
    })
}
