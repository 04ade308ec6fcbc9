//! checksec-class hardening facts, from the model only (nothing executed,
//! no host libc consulted).
//!
//! The rules follow checksec 2.6's `filecheck` where it has one, and say
//! where relf departs from it:
//!
//! - RELRO: `PT_GNU_RELRO` present -> partial; with immediate binding ->
//!   full. checksec greps `readelf -d` for `BIND_NOW` (the `DT_BIND_NOW`
//!   tag or `DF_BIND_NOW` in `DT_FLAGS`); relf also counts `DF_1_NOW` in
//!   `DT_FLAGS_1`, which glibc's loader honours the same way
//!   (elf/get-dynamic-info.h).
//! - NX: a `PT_GNU_STACK` without `PF_X`. Without `PT_GNU_STACK` checksec
//!   says "NX disabled", and so does relf (the kernel's default for such a
//!   file is an executable stack on x86).
//! - PIE: `ET_DYN` with `DT_DEBUG` (checksec's test: linkers give
//!   executables a `DT_DEBUG` and libraries none), or with `DF_1_PIE`;
//!   `ET_EXEC` is not PIE. A runnable library such as `libc.so.6` (it has
//!   a `PT_INTERP`) is a DSO, as for checksec.
//! - Canary: a symbol `__stack_chk_fail`, `__stack_chk_guard` or
//!   `__intel_security_cookie`, defined or not, in any symbol table.
//! - FORTIFY: the `__*_chk` functions the file uses (undefined in
//!   `.dynsym`, or present in `.symtab` of a static file).

use crate::elf::dynamic::{
    DF_1_NOW, DF_1_PIE, DF_BIND_NOW, DF_TEXTREL, DT_BIND_NOW, DT_DEBUG, DT_FLAGS, DT_FLAGS_1,
    DT_TEXTREL,
};
use crate::elf::header::{ET_DYN, ET_EXEC};
use crate::elf::section::SHT_SYMTAB;
use crate::elf::segment::{PF_X, PT_GNU_RELRO, PT_GNU_STACK};
use crate::elf::ElfFile;

use super::scan;

/// RELRO level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relro {
    None,
    Partial,
    Full,
}

/// Position independence, checksec's four answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pie {
    /// `ET_EXEC`.
    No,
    /// A position-independent executable.
    Yes,
    /// A shared library (`ET_DYN` without signs of an executable).
    Dso,
    /// Any other type (relocatable, core).
    NotApplicable,
}

impl Relro {
    pub fn id(self) -> &'static str {
        match self {
            Relro::None => "none",
            Relro::Partial => "partial",
            Relro::Full => "full",
        }
    }
}

impl Pie {
    pub fn id(self) -> &'static str {
        match self {
            Pie::No => "no",
            Pie::Yes => "yes",
            Pie::Dso => "dso",
            Pie::NotApplicable => "not-applicable",
        }
    }
}

/// One DT_RPATH/DT_RUNPATH element that makes the search depend on
/// something other than fixed directories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpathIssue {
    /// `rpath` or `runpath`.
    pub tag: &'static str,
    /// The element as written (empty for an empty element).
    pub entry: String,
    /// `empty` (the current directory), `relative` (against the current
    /// directory), `origin` (`$ORIGIN`: relative to the binary, fine for
    /// relocatable installs, insecure for setuid programs), and, from
    /// [`world_writable_dirs`], `world-writable`.
    pub problem: &'static str,
}

/// The hardening facts of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hardening {
    pub relro: Relro,
    /// Immediate binding: `DT_BIND_NOW`, `DF_BIND_NOW` or `DF_1_NOW`.
    pub bind_now: bool,
    pub pie: Pie,
    /// Non-executable stack (`PT_GNU_STACK` without `PF_X`).
    pub nx: bool,
    /// `PT_GNU_STACK` flags ask for an executable stack; `None` without
    /// `PT_GNU_STACK`.
    pub executable_stack: Option<bool>,
    pub canary: bool,
    /// The fortified `__*_chk` functions used, sorted.
    pub fortified: Vec<String>,
    /// x86 `GNU_PROPERTY_X86_FEATURE_1_AND`: IBT and SHSTK (`None` when the
    /// file has no x86 feature property).
    pub ibt: Option<bool>,
    pub shstk: Option<bool>,
    /// AArch64 `GNU_PROPERTY_AARCH64_FEATURE_1_AND`: BTI and PAC.
    pub bti: Option<bool>,
    pub pac: Option<bool>,
    /// The x86-64 micro-architecture level needed
    /// (`GNU_PROPERTY_X86_ISA_1_NEEDED`): `x86-64-baseline`, `-v2`, ...
    pub x86_isa_needed: Option<String>,
    pub rpath: Option<String>,
    pub runpath: Option<String>,
    pub rpath_issues: Vec<RpathIssue>,
    /// Relocations against read-only segments (`DT_TEXTREL`, `DF_TEXTREL`).
    pub textrel: bool,
    /// No `.symtab`.
    pub stripped: bool,
    /// Some `.debug_*` or `.zdebug_*` section.
    pub debug_info: bool,
}

impl Hardening {
    /// Computes the facts of `elf`.
    pub fn from_elf(elf: &ElfFile) -> Hardening {
        let dynamic = elf.dynamic();
        let tag = |t: u64| dynamic.and_then(|d| d.value(t));
        let has_tag = |t: u64| dynamic.is_some_and(|d| d.entries.iter().any(|e| e.d_tag == t));
        let flags = tag(DT_FLAGS).unwrap_or(0);
        let flags_1 = tag(DT_FLAGS_1).unwrap_or(0);
        let phdrs = elf.program_headers();
        let bind_now = has_tag(DT_BIND_NOW) || flags & DF_BIND_NOW != 0 || flags_1 & DF_1_NOW != 0;
        let relro = match (phdrs.iter().any(|p| p.p_type == PT_GNU_RELRO), bind_now) {
            (false, _) => Relro::None,
            (true, false) => Relro::Partial,
            (true, true) => Relro::Full,
        };
        let stack = phdrs.iter().find(|p| p.p_type == PT_GNU_STACK);
        let executable_stack = stack.map(|p| p.p_flags & PF_X != 0);
        let pie = match elf.header.e_type {
            ET_EXEC => Pie::No,
            ET_DYN => {
                if has_tag(DT_DEBUG) || flags_1 & DF_1_PIE != 0 {
                    Pie::Yes
                } else {
                    Pie::Dso
                }
            }
            _ => Pie::NotApplicable,
        };

        let mut canary = false;
        let mut fortified: Vec<String> = Vec::new();
        let has_symtab = elf
            .section_headers()
            .iter()
            .any(|s| s.sh_type == SHT_SYMTAB);
        scan::for_each_symbol(elf, |name, defined, dynamic| {
            if matches!(
                name,
                b"__stack_chk_fail" | b"__stack_chk_guard" | b"__intel_security_cookie"
            ) {
                canary = true;
            }
            // Imported through .dynsym, or linked in (.symtab of a static file).
            let used = !dynamic || !defined;
            if used && name.starts_with(b"__") && name.ends_with(b"_chk") && name.len() > 6 {
                let n = String::from_utf8_lossy(name).into_owned();
                if !fortified.contains(&n) {
                    fortified.push(n);
                }
            }
        });
        fortified.sort();

        let notes = elf.notes();
        let props = notes.gnu_properties();
        let x86 = props
            .as_ref()
            .and_then(|p| p.x86_features(elf.header.e_machine));
        let arm = props
            .as_ref()
            .and_then(|p| p.aarch64_features(elf.header.e_machine));
        let x86_isa_needed = x86.and_then(|f| f.isa_needed).map(isa_level);

        let text = |b: Option<&[u8]>| b.map(|v| String::from_utf8_lossy(v).into_owned());
        let rpath = text(dynamic.and_then(|d| d.rpath()));
        let runpath = text(dynamic.and_then(|d| d.runpath()));
        let mut rpath_issues = Vec::new();
        for (tag, value) in [("rpath", &rpath), ("runpath", &runpath)] {
            if let Some(v) = value {
                rpath_issues.extend(path_issues(tag, v));
            }
        }

        let debug_info = elf.section_headers().iter().any(|s| {
            elf.section_name(s)
                .is_some_and(|n| n.starts_with(b".debug_") || n.starts_with(b".zdebug_"))
        });

        Hardening {
            relro,
            bind_now,
            pie,
            nx: executable_stack == Some(false),
            executable_stack,
            canary,
            fortified,
            ibt: x86.and_then(|f| f.feature_1.map(|_| f.ibt)),
            shstk: x86.and_then(|f| f.feature_1.map(|_| f.shstk)),
            bti: arm.and_then(|f| f.feature_1.map(|_| f.bti)),
            pac: arm.and_then(|f| f.feature_1.map(|_| f.pac)),
            x86_isa_needed,
            rpath,
            runpath,
            rpath_issues,
            textrel: has_tag(DT_TEXTREL) || flags & DF_TEXTREL != 0,
            stripped: !has_symtab,
            debug_info,
        }
    }
}

/// The DT_RPATH/DT_RUNPATH directories of `h` that are world-writable
/// inside `root` (anyone could plant a library there), as issues with
/// problem `world-writable`. Absolute entries are looked up as they are;
/// `$ORIGIN` entries are expanded with `origin` (the in-root directory of
/// the file) when given, and skipped otherwise; relative and empty entries
/// depend on the current directory and are reported as such already.
/// Missing directories are not reported. Symlinks are followed inside the
/// root only.
pub fn world_writable_dirs(
    h: &Hardening,
    root: &crate::loader::root::Root,
    origin: Option<&[u8]>,
) -> Vec<RpathIssue> {
    let mut out = Vec::new();
    for (tag, value) in [("rpath", &h.rpath), ("runpath", &h.runpath)] {
        let Some(value) = value else { continue };
        for entry in value.split(':') {
            let dir: Vec<u8> = if let Some(rest) = entry
                .strip_prefix("$ORIGIN")
                .or_else(|| entry.strip_prefix("${ORIGIN}"))
            {
                let Some(o) = origin else { continue };
                [o, rest.as_bytes()].concat()
            } else if entry.starts_with('/') {
                entry.as_bytes().to_vec()
            } else {
                continue;
            };
            let Ok((_, meta)) = root.metadata(&dir, b"/") else {
                continue;
            };
            if meta.is_dir() && meta.mode & 0o002 != 0 {
                out.push(RpathIssue {
                    tag,
                    entry: entry.to_string(),
                    problem: "world-writable",
                });
            }
        }
    }
    out
}

/// The highest level in `GNU_PROPERTY_X86_ISA_1_NEEDED` bits.
fn isa_level(bits: u32) -> String {
    match bits {
        b if b & 8 != 0 => "x86-64-v4",
        b if b & 4 != 0 => "x86-64-v3",
        b if b & 2 != 0 => "x86-64-v2",
        _ => "x86-64-baseline",
    }
    .to_string()
}

/// The elements of a DT_RPATH/DT_RUNPATH value that are not fixed
/// absolute directories.
fn path_issues(tag: &'static str, value: &str) -> Vec<RpathIssue> {
    value
        .split(':')
        .filter_map(|entry| {
            let problem = if entry.is_empty() {
                "empty"
            } else if entry.starts_with("$ORIGIN") || entry.starts_with("${ORIGIN}") {
                "origin"
            } else if !entry.starts_with('/') {
                "relative"
            } else {
                return None;
            };
            Some(RpathIssue {
                tag,
                entry: entry.to_string(),
                problem,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpath_elements() {
        let issues = path_issues("rpath", "/usr/lib::lib:$ORIGIN/../lib:${ORIGIN}");
        let got: Vec<_> = issues
            .iter()
            .map(|i| (i.entry.as_str(), i.problem))
            .collect();
        assert_eq!(
            got,
            [
                ("", "empty"),
                ("lib", "relative"),
                ("$ORIGIN/../lib", "origin"),
                ("${ORIGIN}", "origin")
            ]
        );
    }

    #[test]
    fn isa_levels() {
        assert_eq!(isa_level(1), "x86-64-baseline");
        assert_eq!(isa_level(3), "x86-64-v2");
        assert_eq!(isa_level(0xf), "x86-64-v4");
    }
}
