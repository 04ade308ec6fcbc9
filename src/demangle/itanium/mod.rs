//! A port of libiberty's cp-demangle.c (binutils 2.40) to safe Rust: the
//! Itanium C++ ABI demangler readelf, nm and c++filt use, with the options
//! readelf passes (`DMGL_PARAMS | DMGL_ANSI`, and `DMGL_NO_RECURSE_LIMIT`
//! for `--no-recurse-limit`).
//!
//! The parser ([`parse`]) builds the same component tree as the C code,
//! with the same component budget (twice the name's length) and the same
//! substitution table; the printer ([`print`]) walks it as `d_print_comp`
//! does, with the template stack, the modifier list, the saved scopes of
//! reference smashing and the C code's recursion limits. Where libiberty
//! fails (returns NULL, and readelf prints the mangled name), so does this.
//!
//! Bounds this port adds, none of which real names reach: the parser's own
//! recursion depth (4096 frames) and work (256 Ki steps), the output length
//! (1 MiB) and the printer's work (1 Mi steps). Every name under /usr still
//! demangles with bounds 64 times lower.
//! Where C would read freed or foreign memory on malformed input, this
//! fails instead.

mod ast;
mod parse;
mod print;

use ast::T;
use parse::{Parser, DEMANGLE_RECURSION_LIMIT};

/// `cplus_demangle_v3 (mangled, DMGL_PARAMS | DMGL_ANSI)`: the demangled
/// name, or `None` where libiberty returns NULL.
pub fn demangle(mangled: &str) -> Option<String> {
    let out = demangle_bytes(mangled.as_bytes(), true)?;
    String::from_utf8(out).ok()
}

/// [`demangle`] over bytes (names need not be UTF-8), with or without
/// libiberty's recursion limit (`recurse_limit == false` is
/// `DMGL_NO_RECURSE_LIMIT`).
pub fn demangle_bytes(mangled: &[u8], recurse_limit: bool) -> Option<Vec<u8>> {
    // A C string ends at its first NUL.
    let end = mangled
        .iter()
        .position(|&c| c == 0)
        .unwrap_or(mangled.len());
    let mangled = &mangled[..end];
    enum Kind {
        Mangled,
        Global(T),
    }
    let kind = if mangled.starts_with(b"_Z") {
        Kind::Mangled
    } else if mangled.len() >= 11
        && mangled.starts_with(b"_GLOBAL_")
        && matches!(mangled[8], b'.' | b'_' | b'$')
        && matches!(mangled[9], b'D' | b'I')
        && mangled[10] == b'_'
    {
        Kind::Global(if mangled[9] == b'I' {
            T::GlobalConstructors
        } else {
            T::GlobalDestructors
        })
    } else {
        return None;
    };
    let mut unresolved_name_state = 1;
    loop {
        let mut di = Parser::new(mangled, !recurse_limit, unresolved_name_state);
        // PR 87675: names too long for the component arrays.
        if recurse_limit && di.num_comps() > DEMANGLE_RECURSION_LIMIT as usize {
            return None;
        }
        let mut dc = match kind {
            Kind::Mangled => di.mangled_name(true),
            Kind::Global(t) => {
                di.advance(11);
                let inner = di.demangle_mangled_name();
                let dc = di.make_comp(t, inner, None);
                let rest = di.rest().len();
                di.advance(rest);
                dc
            }
        };
        if di.peek() != 0 {
            dc = None;
        }
        if dc.is_none() && di.unresolved_name_state == -1 {
            unresolved_name_state = 0;
            continue;
        }
        return print::print(&di.comps, dc?);
    }
}

#[cfg(test)]
mod tests;
