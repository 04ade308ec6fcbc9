//! Facts the audit reads from file contents: the glibc release of a
//! libc.so.6, the musl version of musl's loader, the symbol versions a
//! library defines and the undefined symbols that need a version.

use crate::elf::symbol::Symbol;
use crate::elf::ElfFile;

/// Most symbols listed as evidence for one missing version.
pub const MAX_SYMBOLS_LISTED: usize = 32;

/// `X.Y` from glibc's banner (`... stable release version 2.36.`), as
/// `gnu/libc-version.c`'s `__libc_version` string is embedded in libc.so.6.
pub fn glibc_release(bytes: &[u8]) -> Option<String> {
    let marker = b"release version ";
    let at = find(bytes, marker)? + marker.len();
    let rest = &bytes[at..bytes.len().min(at + 16)];
    let v: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .collect();
    let v = String::from_utf8_lossy(&v)
        .trim_end_matches('.')
        .to_string();
    (v.contains('.') && !v.is_empty()).then_some(v)
}

/// Whether the bytes are musl's libc (its loader's usage text).
pub fn is_musl_libc(bytes: &[u8]) -> bool {
    find(bytes, b"musl libc (").is_some()
}

/// musl's version: the first NUL-delimited `N.N.N` string (musl embeds
/// `VERSION` once, for `ldd`'s usage text).
pub fn musl_version(bytes: &[u8]) -> Option<String> {
    bytes
        .split(|&b| b == 0)
        .find(|s| {
            let parts: Vec<&[u8]> = s.split(|&b| b == b'.').collect();
            (3..=4).contains(&parts.len())
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.len() <= 4 && p.iter().all(u8::is_ascii_digit))
        })
        .map(|s| String::from_utf8_lossy(s).into_owned())
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
    fn banners_and_versions() {
        let libc =
            b"xx\0GNU C Library (Debian GLIBC 2.36-9+deb12u14) stable release version 2.36.\n\0";
        assert_eq!(glibc_release(libc).as_deref(), Some("2.36"));
        let musl = b"/proc/self/fd/\x001.2.3\x00Unsu\0musl libc (x86_64)\nVersion %s\n";
        assert!(is_musl_libc(musl));
        assert_eq!(musl_version(musl).as_deref(), Some("1.2.3"));
        assert_eq!(glibc_version_key(b"GLIBC_2.34"), Some((2, 34)));
        assert_eq!(glibc_version_key(b"GLIBC_PRIVATE"), None);
    }
}
