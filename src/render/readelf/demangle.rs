//! `readelf -C`: symbol names demangled as binutils 2.40's libiberty does
//! for readelf (`cplus_demangle (name, DMGL_ANSI | DMGL_PARAMS)`).
//!
//! libiberty's `cplus_demangle` (cplus-dem.c) tries, in the `auto` style,
//! the Rust demangler first (legacy Rust names overlap with C++'s `_ZN`),
//! then the Itanium C++ one, both ported from libiberty: C++ names go
//! through [`crate::demangle::itanium`] (cp-demangle.c), Rust names through
//! [`crate::demangle::rust`] (rust-demangle.c). What it does not do: the
//! `java`, `gnat` and `dlang` styles.

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
        if let Some(s) = crate::demangle::rust::demangle(name, d.recurse_limit) {
            return Some(s);
        }
    }
    if cxx {
        return crate::demangle::itanium::demangle_bytes(name, d.recurse_limit);
    }
    None
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
