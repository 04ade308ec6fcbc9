//! Bounded looks at a file's bytes and symbol names: the read-only data
//! where libraries keep their banners, substring searches with a cap, and
//! the handful of symbol names the classification asks about.
//!
//! Every search is bounded by [`SCAN_LIMIT`], so a huge or hostile file
//! costs at most that many bytes of memchr time and no allocation.

use memchr::memmem;

use crate::elf::section::{SHT_NOBITS, SHT_SYMTAB};
use crate::elf::segment::{PF_X, PT_LOAD};
use crate::elf::ElfFile;

/// The most bytes any one search looks at (64 MiB).
pub const SCAN_LIMIT: usize = 64 << 20;

/// The longest string (banner, version) taken around a match.
const MAX_STRING: usize = 256;

/// The read-only data to search: the `.rodata` section when there is one;
/// else the file's non-executable `PT_LOAD` bytes (a file without section
/// headers); else the whole file. Capped at [`SCAN_LIMIT`].
pub fn read_only_data<'a>(elf: &ElfFile, data: &'a [u8]) -> Vec<&'a [u8]> {
    let cap = |b: &'a [u8]| &b[..b.len().min(SCAN_LIMIT)];
    if let Some(s) = elf.section_by_name(b".rodata") {
        if s.sh_type != SHT_NOBITS {
            if let Ok(b) = s.file_bytes(data) {
                return vec![cap(b)];
            }
        }
    }
    if elf.section_headers().is_empty() {
        let mut parts = Vec::new();
        let mut budget = SCAN_LIMIT;
        for ph in elf.program_headers() {
            if ph.p_type != PT_LOAD || ph.p_flags & PF_X != 0 || budget == 0 {
                continue;
            }
            if let Ok(b) = ph.file_bytes(data) {
                let b = &b[..b.len().min(budget)];
                budget -= b.len();
                parts.push(b);
            }
        }
        if !parts.is_empty() {
            return parts;
        }
    }
    vec![cap(data)]
}

/// True when `needle` occurs in one of `parts`.
pub fn contains(parts: &[&[u8]], needle: &[u8]) -> bool {
    parts.iter().any(|p| memmem::find(p, needle).is_some())
}

/// The NUL-delimited strings that contain `needle`, in file order (at most
/// `limit`, each at most [`MAX_STRING`] bytes either side of the match).
pub fn strings_containing<'a>(parts: &[&'a [u8]], needle: &[u8], limit: usize) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    for part in parts {
        for at in memmem::find_iter(part, needle) {
            if out.len() >= limit {
                return out;
            }
            let lo = at.saturating_sub(MAX_STRING);
            let start = part[lo..at]
                .iter()
                .rposition(|&b| b == 0)
                .map_or(lo, |i| lo + i + 1);
            let hi = (at + needle.len() + MAX_STRING).min(part.len());
            let end = part[at..hi]
                .iter()
                .position(|&b| b == 0)
                .map_or(hi, |i| at + i);
            out.push(&part[start..end]);
        }
    }
    out
}

/// Every NUL-terminated string of `parts` for which `accept` is true (at
/// most `limit`); strings longer than [`MAX_STRING`] are skipped.
pub fn strings_matching<'a>(
    parts: &[&'a [u8]],
    accept: impl Fn(&[u8]) -> bool,
    limit: usize,
) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    for part in parts {
        for s in part.split(|&b| b == 0) {
            if !s.is_empty() && s.len() <= MAX_STRING && accept(s) {
                out.push(s);
                if out.len() >= limit {
                    return out;
                }
            }
        }
    }
    out
}

/// Symbol names of the file, dynamic and static tables, with whether each
/// is defined; a callback sees each once per table.
pub fn for_each_symbol(elf: &ElfFile, mut f: impl FnMut(&[u8], bool, bool)) {
    if let Some(dynsym) = elf.dynamic_symbols() {
        for sym in dynsym.symbols.iter().skip(1) {
            if let Some(name) = dynsym.name(sym) {
                f(name, sym.is_defined(), true);
            }
        }
    }
    for (i, s) in elf.section_headers().iter().enumerate() {
        if s.sh_type != SHT_SYMTAB {
            continue;
        }
        if let Ok(table) = elf.symbol_table(i) {
            for sym in table.symbols.iter().skip(1) {
                if let Some(name) = table.name(sym) {
                    f(name, sym.is_defined(), false);
                }
            }
        }
    }
}
