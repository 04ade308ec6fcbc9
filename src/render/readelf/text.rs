//! readelf's number and string formatting (`print_vma`, `print_symbol`,
//! `printable_section_name` in binutils readelf.c), as helpers that append
//! bytes to a buffer.

use std::io::Write;

use super::demangle::Demangle;

/// `print_vma(v, LONG_HEX)`: zero-padded to the class's address width.
pub fn long_hex(out: &mut Vec<u8>, v: u64, is_64: bool) {
    if is_64 {
        let _ = write!(out, "{v:016x}");
    } else {
        let _ = write!(out, "{v:08x}");
    }
}

/// `print_vma(v, FULL_HEX)`: `0x` then [`long_hex`].
pub fn full_hex(out: &mut Vec<u8>, v: u64, is_64: bool) {
    out.extend_from_slice(b"0x");
    long_hex(out, v, is_64);
}

/// `print_vma(v, DEC)`: `%PRId64` of the raw value, so values above
/// `i64::MAX` print negative exactly as readelf prints them.
pub fn dec(out: &mut Vec<u8>, v: u64) {
    let _ = write!(out, "{}", v as i64);
}

/// C's `%#x` / `%#lx`: `0` for zero, else `0x` and lowercase hex.
pub fn alt_hex(v: u64) -> String {
    if v == 0 {
        "0".to_string()
    } else {
        format!("{v:#x}")
    }
}

/// safe-ctype's ISCNTRL (ASCII only).
fn is_cntrl(c: u8) -> bool {
    c < 0x20 || c == 0x7f
}

/// safe-ctype's ISPRINT (ASCII only).
fn is_print(c: u8) -> bool {
    (0x20..0x7f).contains(&c)
}

/// `print_symbol(width, name)` in the C locale: control characters as `^X`,
/// other bytes as they are; without `wide`, names longer than `|width|` are cut
/// to `|width| - 5` characters and `[...]`; a negative `width` pads with
/// spaces to `|width|`. Returns the number of columns printed.
pub fn print_symbol(out: &mut Vec<u8>, width: i32, name: &[u8], wide: bool) -> usize {
    print_symbol_demangled(out, width, name, wide, None)
}

/// [`print_symbol`] with readelf's `-C`: the name is demangled when
/// `demangle` is given and the demangler accepts it. As in readelf, whether
/// to cut (and add `[...]`) is decided on the length of the name before
/// demangling.
pub fn print_symbol_demangled(
    out: &mut Vec<u8>,
    width: i32,
    name: &[u8],
    wide: bool,
    demangle: Option<Demangle>,
) -> usize {
    let pad = width < 0;
    let width = width.unsigned_abs() as usize;
    if width == 0 {
        return 0;
    }
    let mut remaining = if wide { usize::MAX } else { width };
    let mut dots = false;
    if !wide && name.len() > width {
        remaining = width.saturating_sub(5);
        dots = true;
    }
    let demangled = match demangle {
        Some(d) if !name.is_empty() => super::demangle::demangle(name, d),
        _ => None,
    };
    let name = demangled.as_deref().unwrap_or(name);
    let mut printed = 0;
    for &c in name {
        if remaining == 0 {
            break;
        }
        if is_print(c) {
            out.push(c);
            remaining -= 1;
            printed += 1;
        } else if is_cntrl(c) {
            if remaining < 2 {
                break;
            }
            out.push(b'^');
            out.push(c.wrapping_add(0x40));
            remaining -= 2;
            printed += 2;
        } else {
            // In the C locale mbrtowc rejects bytes >= 0x80, so readelf
            // prints each such byte on its own.
            out.push(c);
            remaining -= 1;
            printed += 1;
        }
    }
    if dots {
        out.extend_from_slice(b"[...]");
        printed += 5;
    }
    if pad && printed < width {
        out.resize(out.len() + (width - printed), b' ');
        printed = width;
    }
    printed
}

/// `printable_section_name`: control characters as `^X`, bytes above 0x7e
/// as `<HH>`, at most 256 output characters.
pub fn printable_section_name(name: &[u8]) -> Vec<u8> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = Vec::with_capacity(name.len());
    let mut remaining: usize = 256;
    for &c in name {
        if is_cntrl(c) {
            if remaining < 2 {
                break;
            }
            out.push(b'^');
            out.push(c.wrapping_add(0x40));
            remaining -= 2;
        } else if is_print(c) {
            out.push(c);
            remaining -= 1;
        } else {
            if remaining < 4 {
                break;
            }
            out.extend_from_slice(&[
                b'<',
                HEX[usize::from(c >> 4)],
                HEX[usize::from(c & 0xf)],
                b'>',
            ]);
            remaining -= 4;
        }
        if remaining == 0 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_truncation_and_padding() {
        let mut out = Vec::new();
        print_symbol(&mut out, -17, b".note.gnu.property", false);
        assert_eq!(out, b".note.gnu.pr[...]");
        out.clear();
        print_symbol(&mut out, -17, b".text", false);
        assert_eq!(out, b".text            ");
        out.clear();
        print_symbol(&mut out, -17, b".note.gnu.property", true);
        assert_eq!(out, b".note.gnu.property");
    }

    #[test]
    fn section_names_are_escaped() {
        assert_eq!(printable_section_name(b"a\x01\xc3"), b"a^A<C3>");
    }

    #[test]
    fn dec_is_signed() {
        let mut out = Vec::new();
        dec(&mut out, u64::MAX);
        assert_eq!(out, b"-1");
    }
}
