//! Which library versions a file needs and which it provides: the highest
//! `GLIBC_x.y` (and `GLIBCXX_`, `CXXABI_`, `GCC_`, any `NAME_x.y`) per
//! needed library from `.gnu.version_r`; the versions a library defines
//! from `.gnu.version_d`; the glibc release of a `libc.so.6` from its
//! banner; the musl version of musl's `libc.so` (which is also its loader).
//!
//! Only version tables and bounded string searches are used; nothing is
//! loaded or run.

use std::cmp::Ordering;

use crate::elf::ElfFile;

use super::scan;

/// The highest version of one family needed from one library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyMax {
    /// `GLIBC`, `GLIBCXX`, `CXXABI`, `GCC`, ...
    pub family: String,
    /// The highest version, e.g. `2.34`.
    pub max: String,
    /// How many versions of the family are needed.
    pub count: usize,
}

/// The versions needed from one library (`Verneed` entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryNeeds {
    /// The library file name, e.g. `libc.so.6`.
    pub library: String,
    /// Per family, the highest numbered version, in order of first need.
    pub families: Vec<FamilyMax>,
    /// Versions without a number (`GLIBC_PRIVATE`, `GLIBC_ABI_DT_RELR`).
    pub other: Vec<String>,
}

/// The glibc release a `libc.so.6` (or a static glibc program) carries in
/// its banner, e.g. "GNU C Library (Debian GLIBC 2.36-9+deb12u4) stable
/// release version 2.36.".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlibcRelease {
    /// `2.36`.
    pub version: String,
    /// The distribution's package version in parentheses, if any
    /// (`Debian GLIBC 2.36-9+deb12u4`).
    pub package: Option<String>,
    /// The whole banner line.
    pub banner: String,
}

/// `NAME_1.2.3` split into `("NAME", "1.2.3")` when the part after the last
/// `_` is a dotted number.
pub fn split_version(name: &str) -> Option<(&str, &str)> {
    let (family, number) = name.rsplit_once('_')?;
    let numeric = !number.is_empty()
        && number.starts_with(|c: char| c.is_ascii_digit())
        && number
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    (numeric && !family.is_empty()).then_some((family, number))
}

/// Compares dotted version numbers numerically (`2.14` > `2.2.5`).
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let parts = |s: &str| -> Vec<u64> {
        s.split('.')
            .map(|p| p.parse::<u64>().unwrap_or(u64::MAX))
            .collect()
    };
    parts(a).cmp(&parts(b))
}

/// The versions `elf` needs, per library, in `.gnu.version_r` order.
pub fn version_needs(elf: &ElfFile) -> Vec<LibraryNeeds> {
    let Some(Ok(needs)) = elf.version_needs() else {
        return Vec::new();
    };
    let mut out: Vec<LibraryNeeds> = Vec::new();
    for need in needs {
        let library = String::from_utf8_lossy(need.file.unwrap_or(b"<corrupt>")).into_owned();
        let idx = match out.iter().position(|l| l.library == library) {
            Some(i) => i,
            None => {
                out.push(LibraryNeeds {
                    library,
                    families: Vec::new(),
                    other: Vec::new(),
                });
                out.len() - 1
            }
        };
        let entry = &mut out[idx];
        for v in &need.versions {
            let Some(name) = v.name else { continue };
            let name = String::from_utf8_lossy(name);
            match split_version(&name) {
                Some((family, number)) => {
                    match entry.families.iter_mut().find(|f| f.family == family) {
                        Some(f) => {
                            f.count += 1;
                            if compare_versions(number, &f.max) == Ordering::Greater {
                                f.max = number.to_string();
                            }
                        }
                        None => entry.families.push(FamilyMax {
                            family: family.to_string(),
                            max: number.to_string(),
                            count: 1,
                        }),
                    }
                }
                None => {
                    if !entry.other.iter().any(|o| *o == name) {
                        entry.other.push(name.into_owned());
                    }
                }
            }
        }
    }
    out
}

/// The highest version of `family` needed from any library.
pub fn max_needed<'n>(needs: &'n [LibraryNeeds], family: &str) -> Option<&'n str> {
    needs
        .iter()
        .flat_map(|l| l.families.iter())
        .filter(|f| f.family == family)
        .map(|f| f.max.as_str())
        .max_by(|a, b| compare_versions(a, b))
}

/// The version names `elf` defines (`.gnu.version_d`), the base entry (the
/// file's own name) left out.
pub fn defined_versions(elf: &ElfFile) -> Vec<String> {
    let Some(Ok(defs)) = elf.version_definitions() else {
        return Vec::new();
    };
    defs.iter()
        .filter(|d| d.flags & 1 == 0) // VER_FLG_BASE
        .filter_map(|d| d.name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect()
}

/// The highest `GLIBC_x.y` a library defines (a `libc.so.6` defines one per
/// release that added symbols).
pub fn max_defined_glibc(defined: &[String]) -> Option<&str> {
    defined
        .iter()
        .filter_map(|d| split_version(d))
        .filter(|(family, _)| *family == "GLIBC")
        .map(|(_, n)| n)
        .max_by(|a, b| compare_versions(a, b))
}

/// The glibc release named by the banner glibc keeps in its read-only data
/// (`csu/version.c`: "GNU C Library ... release version X.Y"), searched
/// boundedly. `data` is the bytes `elf` was parsed from.
pub fn glibc_release(elf: &ElfFile, data: &[u8]) -> Option<GlibcRelease> {
    let parts = scan::read_only_data(elf, data);
    scan::strings_containing(&parts, b"GNU C Library", 4)
        .into_iter()
        .find_map(parse_banner)
}

fn parse_banner(line: &[u8]) -> Option<GlibcRelease> {
    let text = String::from_utf8_lossy(line);
    let first = text.lines().next()?.trim();
    let at = first.find("release version ")? + "release version ".len();
    let version: String = first[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect::<String>()
        .trim_end_matches('.')
        .to_string();
    if version.is_empty() {
        return None;
    }
    let package = first
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(p, _)| p.to_string());
    Some(GlibcRelease {
        version,
        package,
        banner: first.to_string(),
    })
}

/// The musl version of musl's `libc.so` / `ld-musl-*.so.1` (one file):
/// musl keeps `__libc_version` (src/internal/version.c, from `VERSION`) as a
/// plain string in `.rodata`, printed by the loader's
/// "musl libc (ARCH)\nVersion %s\n" usage text (ldso/dynlink.c). The file
/// must carry that usage text; the version is then the one string of
/// `.rodata` shaped like `1.2.3` (or `1.2.3-suffix`). `None` when absent or
/// ambiguous.
pub fn musl_version(elf: &ElfFile, data: &[u8]) -> Option<String> {
    let parts = scan::read_only_data(elf, data);
    if !scan::contains(&parts, b"musl libc (") {
        return None;
    }
    let found = scan::strings_matching(&parts, is_release_number, 3);
    match found.as_slice() {
        [one] => Some(String::from_utf8_lossy(one).into_owned()),
        _ => None,
    }
}

/// `MAJOR.MINOR.PATCH`, optionally followed by `-` and a git describe
/// suffix.
fn is_release_number(s: &[u8]) -> bool {
    let (num, suffix) = match s.iter().position(|&b| b == b'-') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let fields: Vec<&[u8]> = num.split(|&b| b == b'.').collect();
    fields.len() == 3
        && fields
            .iter()
            .all(|f| !f.is_empty() && f.len() <= 3 && f.iter().all(u8::is_ascii_digit))
        && suffix.is_none_or(|x| {
            !x.is_empty()
                && x.iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'.')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_split_and_compare() {
        assert_eq!(split_version("GLIBC_2.2.5"), Some(("GLIBC", "2.2.5")));
        assert_eq!(split_version("CXXABI_TM_1"), Some(("CXXABI_TM", "1")));
        assert_eq!(split_version("GLIBC_PRIVATE"), None);
        assert_eq!(split_version("GLIBC_ABI_DT_RELR"), None);
        assert_eq!(split_version("_1.0"), None);
        assert_eq!(compare_versions("2.14", "2.2.5"), Ordering::Greater);
        assert_eq!(compare_versions("3.4.9", "3.4.30"), Ordering::Less);
    }

    #[test]
    fn banner() {
        let r = parse_banner(
            b"GNU C Library (Debian GLIBC 2.36-9+deb12u4) stable release version 2.36.\nCopyright",
        )
        .unwrap();
        assert_eq!(r.version, "2.36");
        assert_eq!(r.package.as_deref(), Some("Debian GLIBC 2.36-9+deb12u4"));
        assert!(parse_banner(b"GNU C Library").is_none());
    }

    #[test]
    fn release_numbers() {
        assert!(is_release_number(b"1.2.3"));
        assert!(is_release_number(b"1.2.4-git-5-gabc"));
        assert!(!is_release_number(b"127.0.0.1"));
        assert!(!is_release_number(b"5.5G9"));
        assert!(!is_release_number(b"1.2"));
    }
}
