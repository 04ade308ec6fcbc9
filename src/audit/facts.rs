//! Facts the audit reads from file contents: whether a file is musl's libc,
//! the symbol versions a library defines and the undefined symbols that need
//! a version. (The glibc release and musl version come from `relf info`'s
//! readers, [`crate::info::glibc_release`] and [`crate::info::musl_version`].)

use crate::elf::symbol::Symbol;
use crate::elf::ElfFile;

/// Most symbols listed as evidence for one missing version.
pub const MAX_SYMBOLS_LISTED: usize = 32;

/// Whether the bytes are musl's libc (its loader's usage text).
pub fn is_musl_libc(bytes: &[u8]) -> bool {
    find(bytes, b"musl libc (").is_some()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Names of the versions a library defines (`.gnu.version_d`).
pub fn defined_versions(elf: &ElfFile) -> Vec<Vec<u8>> {
    match elf.version_definitions() {
        Some(Ok(defs)) => defs
            .iter()
            .filter_map(|d| d.name.map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    }
}

/// One version a file needs from one library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionNeed {
    pub file: Vec<u8>,
    pub version: Vec<u8>,
    /// `vna_other`: the index its symbols carry in `.gnu.version`.
    pub index: u16,
}

/// Every (library, version) pair of `.gnu.version_r`.
pub fn version_needs(elf: &ElfFile) -> Vec<VersionNeed> {
    let Some(Ok(needs)) = elf.version_needs() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for n in &needs {
        let Some(file) = n.file else { continue };
        for v in &n.versions {
            if let Some(name) = v.name {
                out.push(VersionNeed {
                    file: file.to_vec(),
                    version: name.to_vec(),
                    index: v.index,
                });
            }
        }
    }
    out
}

/// Undefined dynamic symbols whose `.gnu.version` entry is `index`.
pub fn symbols_needing(elf: &ElfFile, index: u16) -> Vec<String> {
    let Some(table) = elf.dynamic_symbols() else {
        return Vec::new();
    };
    let Some(Ok(versym)) = elf.version_symbols() else {
        return Vec::new();
    };
    table
        .symbols
        .iter()
        .zip(versym.iter())
        .filter(|(s, &v)| is_undefined(s) && v & 0x7fff == index)
        .filter_map(|(s, _)| table.name(s))
        .take(MAX_SYMBOLS_LISTED)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect()
}

fn is_undefined(s: &Symbol) -> bool {
    s.st_shndx == 0 && s.st_name != 0
}

/// `GLIBC_2.34` -> `(2, 34)`, for comparisons.
pub fn glibc_version_key(name: &[u8]) -> Option<(u32, u32)> {
    let v = std::str::from_utf8(name.strip_prefix(b"GLIBC_")?).ok()?;
    let mut it = v.split('.');
    let major = it.next()?.parse().ok()?;
    let minor = it.next().unwrap_or("0").parse().ok()?;
    Some((major, minor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn musl_text_and_version_keys() {
        let musl = b"/proc/self/fd/\x001.2.3\x00Unsu\0musl libc (x86_64)\nVersion %s\n";
        assert!(is_musl_libc(musl));
        assert!(!is_musl_libc(b"GNU C Library"));
        assert_eq!(glibc_version_key(b"GLIBC_2.34"), Some((2, 34)));
        assert_eq!(glibc_version_key(b"GLIBC_PRIVATE"), None);
    }
}
