//! `readelf -C`: symbol names demangled as binutils 2.40's libiberty does
//! for readelf (`cplus_demangle (name, DMGL_ANSI | DMGL_PARAMS)`).
//!
//! libiberty's `cplus_demangle` (cplus-dem.c) tries, in the `auto` style,
//! the Rust demangler first (legacy Rust names overlap with C++'s `_ZN`),
//! then the Itanium C++ one. C++ names go through [`crate::demangle::itanium`],
//! a port of libiberty's cp-demangle.c; Rust names through `rustc-demangle`,
//! after libiberty's rust-demangle.c choices (which names are Rust's, what
//! is dropped). What it does not do: the `java`, `gnat` and `dlang` styles.

use std::fmt::Write;

/// A demangling style of `--demangle=STYLE` (libiberty's
/// `cplus_demangle_name_to_style`, the styles readelf 2.40 lists that relf
/// implements).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DemangleStyle {
    /// `none`: names print as they are.
    None,
    /// `auto`: Rust, then GNU v3 (the default).
    #[default]
    Auto,
    /// `gnu-v3`: the Itanium C++ ABI only.
    GnuV3,
    /// `rust`: Rust (legacy and v0) only.
    Rust,
}

impl DemangleStyle {
    /// The style named `name`, as `cplus_demangle_name_to_style` spells it.
    pub fn from_name(name: &str) -> Option<DemangleStyle> {
        Some(match name {
            "none" => DemangleStyle::None,
            "auto" => DemangleStyle::Auto,
            "gnu-v3" => DemangleStyle::GnuV3,
            "rust" => DemangleStyle::Rust,
            _ => return None,
        })
    }

    /// Styles libiberty knows that relf does not implement.
    pub fn is_unimplemented(name: &str) -> bool {
        matches!(name, "java" | "gnat" | "dlang")
    }
}

/// How readelf was asked to demangle: the style and whether libiberty's
/// recursion limit applies (`--recurse-limit`, the default, or
/// `--no-recurse-limit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Demangle {
    pub style: DemangleStyle,
    pub recurse_limit: bool,
}

impl Default for Demangle {
    fn default() -> Self {
        Demangle {
            style: DemangleStyle::Auto,
            recurse_limit: true,
        }
    }
}

/// `cplus_demangle (name, DMGL_ANSI | DMGL_PARAMS)` with `d`'s style:
/// the demangled name, or `None` where libiberty returns NULL (readelf then
/// prints the name as it is).
pub fn demangle(name: &[u8], d: Demangle) -> Option<Vec<u8>> {
    let (rust, cxx) = match d.style {
        DemangleStyle::None => return None,
        DemangleStyle::Auto => (true, true),
        DemangleStyle::GnuV3 => (false, true),
        DemangleStyle::Rust => (true, false),
    };
    if rust {
        if let Some(s) = rust_demangle(name) {
            return Some(s.into_bytes());
        }
    }
    if cxx {
        return crate::demangle::itanium::demangle_bytes(name, d.recurse_limit);
    }
    None
}

/// rust-demangle.c `rust_demangle_callback`: which names are Rust's (and
/// which part of them is), then `rustc-demangle` without the hash (not
/// `DMGL_VERBOSE`). A `.suffix` is dropped, as libiberty drops it.
fn rust_demangle(name: &[u8]) -> Option<String> {
    let (legacy, sym) = if let Some(rest) = name.strip_prefix(b"_R") {
        // Paths (v0) always start with an uppercase letter.
        if !rest.first().is_some_and(u8::is_ascii_uppercase) {
            return None;
        }
        (false, rest)
    } else if let Some(rest) = name.strip_prefix(b"_ZN") {
        (true, rest)
    } else {
        return None;
    };
    let mut len = 0;
    for &c in sym {
        // v0 symbols can have '.' suffixes, ignored.
        if !legacy && c == b'.' {
            break;
        }
        len += 1;
        let ok = c == b'_'
            || c.is_ascii_alphanumeric()
            || (legacy && matches!(c, b'$' | b'.' | b':' | b'@'));
        if !ok {
            return None;
        }
    }
    if !legacy {
        let core = std::str::from_utf8(&name[..2 + len]).ok()?;
        let d = rustc_demangle::try_demangle(core).ok()?;
        let mut out = String::new();
        write!(out, "{d:#}").ok()?;
        return Some(out);
    }
    // Legacy symbols end with 'E', perhaps followed by a `.suffix`.
    let mut dot_suffix = true;
    while len > 0 && !(dot_suffix && sym[len - 1] == b'E') {
        dot_suffix = sym[len - 1] == b'.';
        len -= 1;
    }
    if len == 0 || sym[len - 1] != b'E' {
        return None;
    }
    len -= 1;
    // The last path segment is the hash: `17h` and 16 hex digits.
    if !(len > 19 && &sym[len - 19..len - 16] == b"17h") {
        return None;
    }
    let idents = legacy_idents(&sym[..len])?;
    if !idents.last().is_some_and(|h| is_legacy_prefixed_hash(h)) {
        return None;
    }
    let core = std::str::from_utf8(&name[..3 + len + 1]).ok()?;
    let d = rustc_demangle::try_demangle(core).ok()?;
    let mut out = String::new();
    write!(out, "{d:#}").ok()?;
    Some(out)
}

/// The length-prefixed identifiers of a legacy Rust path (rust-demangle.c
/// `parse_ident` in legacy mode), or `None` where libiberty errs.
fn legacy_idents(mut path: &[u8]) -> Option<Vec<&[u8]>> {
    let mut idents = Vec::new();
    while !path.is_empty() {
        let digits = path.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        let n: usize = std::str::from_utf8(&path[..digits]).ok()?.parse().ok()?;
        let rest = &path[digits..];
        if n == 0 || n > rest.len() {
            return None;
        }
        idents.push(&rest[..n]);
        path = &rest[n..];
    }
    Some(idents)
}

/// rust-demangle.c `is_legacy_prefixed_hash`: `h` and 16 lowercase hex
/// digits, at least 5 of them distinct.
fn is_legacy_prefixed_hash(ident: &[u8]) -> bool {
    if ident.len() != 17 || ident[0] != b'h' {
        return false;
    }
    let mut seen: u16 = 0;
    for &c in &ident[1..] {
        let nibble = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => return false,
        };
        seen |= 1 << nibble;
    }
    seen.count_ones() >= 5
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(name: &str) -> Option<String> {
        demangle(name.as_bytes(), Demangle::default()).map(|v| String::from_utf8(v).unwrap())
    }

    #[test]
    fn cxx_names() {
        assert_eq!(d("_Z3fooi").as_deref(), Some("foo(int)"));
        assert_eq!(
            d("_ZNSt6vectorIiSaIiEED2Ev").as_deref(),
            Some("std::vector<int, std::allocator<int> >::~vector()")
        );
        assert_eq!(
            d("_Z3fooi.isra.0").as_deref(),
            Some("foo(int) [clone .isra.0]")
        );
        assert_eq!(d("_Z3fooi@GLIBC_2.2.5"), None);
        assert_eq!(d("main"), None);
        assert_eq!(
            d("_GLOBAL__I_foo").as_deref(),
            Some("global constructors keyed to foo")
        );
    }

    #[test]
    fn rust_names() {
        assert_eq!(
            d("_ZN3std2io5stdio6_print17h0123456789abcdefE").as_deref(),
            Some("std::io::stdio::_print")
        );
        assert_eq!(
            d("_ZN3std2io5stdio6_print17h0123456789abcdefE.llvm.1234").as_deref(),
            Some("std::io::stdio::_print")
        );
        // Too few distinct hex digits: not a hash, so a C++ name.
        assert_eq!(
            d("_ZN3foo17h0000000000000000E").as_deref(),
            Some("foo::h0000000000000000")
        );
        assert_eq!(
            d("_RNvCs1234_7mycrate3foo").as_deref(),
            Some("mycrate::foo")
        );
    }

    #[test]
    fn styles() {
        let rust_only = Demangle {
            style: DemangleStyle::Rust,
            recurse_limit: true,
        };
        assert_eq!(demangle(b"_Z3fooi", rust_only), None);
        let none = Demangle {
            style: DemangleStyle::None,
            recurse_limit: true,
        };
        assert_eq!(demangle(b"_Z3fooi", none), None);
    }
}
