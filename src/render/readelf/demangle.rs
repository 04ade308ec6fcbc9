//! `readelf -C`: symbol names demangled as binutils 2.40's libiberty does
//! for readelf (`cplus_demangle (name, DMGL_ANSI | DMGL_PARAMS)`).
//!
//! libiberty's `cplus_demangle` (cplus-dem.c) tries, in the `auto` style,
//! the Rust demangler first (legacy Rust names overlap with C++'s `_ZN`),
//! then the Itanium C++ one. This module keeps libiberty's choices (which
//! names each demangler accepts, what it drops) and leaves the grammar to
//! well-kept crates: `rustc-demangle` for Rust, `cpp_demangle` for C++.
//! What it does not do: the `java`, `gnat` and `dlang` styles.

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

/// include/demangle.h `DEMANGLE_RECURSION_LIMIT`.
const RECURSION_LIMIT: usize = 2048;

/// cpp_demangle's own recursion bounds (its default, 128, rejects names
/// libiberty reads; deeper risks the stack of a worker thread).
const CPP_RECURSION_LIMIT: u32 = 512;

/// `cplus_demangle (name, DMGL_ANSI | DMGL_PARAMS)` with `d`'s style:
/// the demangled name, or `None` where libiberty returns NULL (readelf then
/// prints the name as it is).
pub fn demangle(name: &[u8], d: Demangle) -> Option<String> {
    let (rust, cxx) = match d.style {
        DemangleStyle::None => return None,
        DemangleStyle::Auto => (true, true),
        DemangleStyle::GnuV3 => (false, true),
        DemangleStyle::Rust => (true, false),
    };
    if rust {
        if let Some(s) = rust_demangle(name) {
            return Some(s);
        }
    }
    if cxx {
        return cplus_demangle_v3(name, d.recurse_limit);
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

/// cp-demangle.c `cplus_demangle_v3` (`d_demangle_callback`): `_Z` names
/// and `_GLOBAL_[._$][DI]_` constructor and destructor keys.
fn cplus_demangle_v3(name: &[u8], recurse_limit: bool) -> Option<String> {
    let global = name.len() >= 11
        && name.starts_with(b"_GLOBAL_")
        && matches!(name[8], b'.' | b'_' | b'$')
        && matches!(name[9], b'D' | b'I')
        && name[10] == b'_';
    if !global && !name.starts_with(b"_Z") {
        return None;
    }
    // PR 87675: `cplus_demangle_init_info` sizes its component array at
    // twice the length; above the recursion limit libiberty gives up.
    if recurse_limit && 2 * name.len() > RECURSION_LIMIT {
        return None;
    }
    if global {
        let rest = &name[11..];
        let keyed = if rest.starts_with(b"_Z") {
            // d_make_demangle_mangled_name: an encoding, whatever follows.
            let (sym, _) =
                cpp_demangle::BorrowedSymbol::with_tail_and_options(rest, &parse_options()).ok()?;
            sym.demangle_with_options(&demangle_options()).ok()?
        } else {
            String::from_utf8_lossy(rest).into_owned()
        };
        let what = if name[9] == b'I' {
            "constructors"
        } else {
            "destructors"
        };
        return Some(format!("global {what} keyed to {keyed}"));
    }
    let sym = cpp_demangle::Symbol::new_with_options(name, &parse_options()).ok()?;
    let text = sym.demangle_with_options(&demangle_options()).ok()?;
    Some(as_libiberty_prints(name, text))
}

/// Rewrites the places where cpp_demangle's text (which follows LLVM's
/// demangler) differs from libiberty's `d_print_comp` in a way the text
/// alone shows: special names, integer literals, empty template argument
/// packs and the standard substitutions `Ss Si So Sd`.
fn as_libiberty_prints(mangled: &[u8], text: String) -> String {
    let text = special_name(&text).unwrap_or(text);
    let text = integer_literals(&text);
    let text = empty_packs(text);
    standard_substitutions(mangled, text)
}

/// `_ZTV`, `_ZTT` and thunks: cpp_demangle prints `{vtable(T)}`, `{vtt(T)}`
/// and `{virtual override thunk(OFFSETS, F)}`; libiberty `vtable for T`,
/// `VTT for T`, `virtual thunk to F`, `non-virtual thunk to F` and
/// `covariant return thunk to F`.
fn special_name(text: &str) -> Option<String> {
    if let Some(t) = text.strip_prefix("{vtable(") {
        return Some(format!("vtable for {}", t.strip_suffix(")}")?));
    }
    if let Some(t) = text.strip_prefix("{vtt(") {
        return Some(format!("VTT for {}", t.strip_suffix(")}")?));
    }
    let mut rest = text.strip_prefix("{virtual override thunk(")?;
    rest = rest.strip_suffix(")}")?;
    let mut offsets = Vec::new();
    while rest.starts_with("{offset(") || rest.starts_with("{virtual offset(") {
        let end = rest.find(")}, ")?;
        offsets.push(rest.starts_with("{virtual"));
        rest = &rest[end + 4..];
    }
    let what = match offsets.as_slice() {
        [true] => "virtual thunk to",
        [false] => "non-virtual thunk to",
        [_, _] => "covariant return thunk to",
        _ => return None,
    };
    Some(format!("{what} {rest}"))
}

/// d_print_comp, `DEMANGLE_COMPONENT_LITERAL`: literals of the builtin
/// integer types print with a C suffix (`80ul`), not as a cast
/// (`(unsigned long)80`).
fn integer_literals(text: &str) -> String {
    const SUFFIXES: &[(&str, &str)] = &[
        ("(unsigned long long)", "ull"),
        ("(long long)", "ll"),
        ("(unsigned long)", "ul"),
        ("(long)", "l"),
        ("(unsigned int)", "u"),
        ("(int)", ""),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while let Some(i) = rest.find('(') {
        out.push_str(&rest[..i]);
        let at = &rest[i..];
        for (cast, suffix) in SUFFIXES {
            if let Some(after) = at.strip_prefix(cast) {
                let neg = usize::from(after.starts_with('-'));
                let digits = after[neg..].bytes().take_while(u8::is_ascii_digit).count();
                let next = after.as_bytes().get(neg + digits).copied();
                let boundary = !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_');
                if digits > 0 && boundary {
                    out.push_str(&after[..neg + digits]);
                    out.push_str(suffix);
                    rest = &after[neg + digits..];
                    continue 'scan;
                }
            }
        }
        out.push('(');
        rest = &at[1..];
    }
    out.push_str(rest);
    out
}

/// d_print_comp, `DEMANGLE_COMPONENT_TEMPLATE_ARGLIST`: an empty pack
/// prints nothing and its `, ` is taken back; the `>` after it then gets
/// no space even after another `>` (libiberty's `last_char` is still the
/// space it took back).
fn empty_packs(text: String) -> String {
    if !text.contains(", >") && !text.contains(", , ") {
        return text;
    }
    text.replace(", , ", ", ").replace(", >", ">")
}

/// cp-demangle.c `d_substitution`, `standard_subs` without `DMGL_VERBOSE`:
/// `Ss Si So Sd` print as `std::string`, `std::istream`, `std::ostream`,
/// `std::iostream`, except as the prefix of a constructor or destructor,
/// where they print in full with `basic_*` names. cpp_demangle prints `Si`
/// and `Sd` in full, like the same types spelt out (`St13basic_istreamIT_..`,
/// which libiberty prints in full too): the full text is shortened only when
/// the mangled name spells out no such type.
fn standard_substitutions(mangled: &[u8], text: String) -> String {
    const SUBS: &[(&str, &str, &str)] = &[
        (
            "std::basic_string<char, std::char_traits<char>, std::allocator<char> >",
            "std::string",
            "basic_string",
        ),
        (
            "std::basic_istream<char, std::char_traits<char> >",
            "std::istream",
            "basic_istream",
        ),
        (
            "std::basic_ostream<char, std::char_traits<char> >",
            "std::ostream",
            "basic_ostream",
        ),
        (
            "std::basic_iostream<char, std::char_traits<char> >",
            "std::iostream",
            "basic_iostream",
        ),
    ];
    let mut text = text;
    for (full, simple, ctor) in SUBS {
        let spelt = format!("{}{ctor}", ctor.len());
        let shorten = matches!(*simple, "std::istream" | "std::iostream")
            && !mangled.windows(spelt.len()).any(|w| w == spelt.as_bytes());
        if shorten && text.contains(full) {
            text = replace_at_boundary(&text, full, simple);
        }
        // cpp_demangle names the constructor after the short name
        // (`std::string::string`) or the class (`basic_istream`).
        let short = &simple[5..];
        for name in [short, ctor] {
            for tilde in ["", "~"] {
                let from = format!("{simple}::{tilde}{name}");
                if text.contains(&from) {
                    let to = format!("{full}::{tilde}{ctor}");
                    text = replace_ctor(&text, &from, &to);
                }
            }
        }
    }
    text
}

/// `from` replaced by `to` where it is not the tail of a longer name.
fn replace_at_boundary(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(from) {
        let before = if i > 0 {
            rest.as_bytes().get(i - 1).copied()
        } else {
            out.as_bytes().last().copied()
        };
        out.push_str(&rest[..i]);
        let ok = !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b':');
        out.push_str(if ok { to } else { from });
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

/// `from` (a constructor or destructor name) replaced by `to` where a
/// parameter list or template arguments follow.
fn replace_ctor(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(from) {
        out.push_str(&rest[..i]);
        let after = &rest[i + from.len()..];
        let before_ok = i == 0
            || !rest.as_bytes()[i - 1].is_ascii_alphanumeric() && rest.as_bytes()[i - 1] != b':';
        let ok = before_ok && (after.starts_with('(') || after.starts_with('<'));
        out.push_str(if ok { to } else { from });
        rest = after;
    }
    out.push_str(rest);
    out
}

fn parse_options() -> cpp_demangle::ParseOptions {
    cpp_demangle::ParseOptions::default().recursion_limit(CPP_RECURSION_LIMIT)
}

fn demangle_options() -> cpp_demangle::DemangleOptions {
    cpp_demangle::DemangleOptions::default().recursion_limit(CPP_RECURSION_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(name: &str) -> Option<String> {
        demangle(name.as_bytes(), Demangle::default())
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
