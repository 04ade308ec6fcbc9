//! Go's string literal quoting and its unsigned varints, byte-exact with Go
//! 1.19: `strconv.Quote`, `strconv.QuoteRune`, `strconv.Unquote`,
//! `strconv.QuotedPrefix`, `strconv.IsPrint` (src/strconv/quote.go) and
//! `encoding/binary.Uvarint` (src/encoding/binary/varint.go).
//!
//! Go strings are byte strings that need not be UTF-8, so everything here
//! works on `&[u8]`. Build settings in module info are written with
//! `strconv.Quote` when they contain a space, tab, newline, quote or
//! backquote (runtime/debug `BuildInfo.String`), and read back with
//! `QuotedPrefix` and `Unquote` (`ParseBuildInfo`).

use super::isprint::{IS_NOT_PRINT16, IS_NOT_PRINT32, IS_PRINT16, IS_PRINT32};

/// `utf8.RuneError`, U+FFFD.
pub const RUNE_ERROR: u32 = 0xFFFD;

/// `strconv.ErrSyntax`: the input is not a valid Go string literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError;

/// `utf8.DecodeRune`: the first rune of `s` and its width; `(RUNE_ERROR, 1)`
/// for an invalid byte and `(RUNE_ERROR, 0)` for empty input.
pub fn decode_rune(s: &[u8]) -> (u32, usize) {
    let Some(&first) = s.first() else {
        return (RUNE_ERROR, 0);
    };
    if first < 0x80 {
        return (u32::from(first), 1);
    }
    let head = &s[..s.len().min(4)];
    let valid = match std::str::from_utf8(head) {
        Ok(text) => text,
        // Rust's UTF-8 validation rejects what Go's decoder rejects
        // (overlong forms, surrogates, values past U+10FFFF).
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
    };
    match valid.chars().next() {
        Some(c) => (c as u32, c.len_utf8()),
        None => (RUNE_ERROR, 1),
    }
}

/// `utf8.ValidRune`.
fn valid_rune(r: u32) -> bool {
    r < 0xD800 || (0xE000..=0x10FFFF).contains(&r)
}

fn push_rune(out: &mut Vec<u8>, r: u32) {
    let c = char::from_u32(r).unwrap_or(char::REPLACEMENT_CHARACTER);
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

fn bsearch<T: Ord + Copy>(a: &[T], x: T) -> usize {
    a.partition_point(|&v| v < x)
}

/// `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the
/// ASCII space, by Go 1.19's tables.
pub fn is_print(r: u32) -> bool {
    if r <= 0xFF {
        if (0x20..=0x7E).contains(&r) {
            return true;
        }
        if (0xA1..=0xFF).contains(&r) {
            return r != 0xAD;
        }
        return false;
    }
    if r < 0x1_0000 {
        let rr = r as u16;
        let i = bsearch(IS_PRINT16, rr);
        if i >= IS_PRINT16.len() || rr < IS_PRINT16[i & !1] || IS_PRINT16[i | 1] < rr {
            return false;
        }
        let j = bsearch(IS_NOT_PRINT16, rr);
        return j >= IS_NOT_PRINT16.len() || IS_NOT_PRINT16[j] != rr;
    }
    let i = bsearch(IS_PRINT32, r);
    if i >= IS_PRINT32.len() || r < IS_PRINT32[i & !1] || IS_PRINT32[i | 1] < r {
        return false;
    }
    if r >= 0x2_0000 {
        return true;
    }
    let rr = (r - 0x1_0000) as u16;
    let j = bsearch(IS_NOT_PRINT32, rr);
    j >= IS_NOT_PRINT32.len() || IS_NOT_PRINT32[j] != rr
}

const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";

/// strconv's `appendEscapedRune` (not ASCII-only, not graphic-only).
fn push_escaped_rune(out: &mut Vec<u8>, r: u32, quote: u8) {
    if r == u32::from(quote) || r == u32::from(b'\\') {
        out.push(b'\\');
        out.push(r as u8);
        return;
    }
    if is_print(r) {
        push_rune(out, r);
        return;
    }
    match r {
        0x07 => out.extend_from_slice(b"\\a"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0C => out.extend_from_slice(b"\\f"),
        0x0A => out.extend_from_slice(b"\\n"),
        0x0D => out.extend_from_slice(b"\\r"),
        0x09 => out.extend_from_slice(b"\\t"),
        0x0B => out.extend_from_slice(b"\\v"),
        _ if r < 0x20 || r == 0x7F => {
            out.extend_from_slice(b"\\x");
            out.push(LOWER_HEX[(r >> 4) as usize & 0xF]);
            out.push(LOWER_HEX[r as usize & 0xF]);
        }
        _ => {
            let r = if valid_rune(r) { r } else { RUNE_ERROR };
            let (prefix, digits): (&[u8], u32) = if r < 0x1_0000 {
                (b"\\u", 4)
            } else {
                (b"\\U", 8)
            };
            out.extend_from_slice(prefix);
            for k in (0..digits).rev() {
                out.push(LOWER_HEX[(r >> (4 * k)) as usize & 0xF]);
            }
        }
    }
}

/// `strconv.Quote`: a double-quoted Go string literal for `s`. Invalid
/// UTF-8 bytes become `\xNN`; the result is always valid UTF-8.
pub fn quote(s: &[u8]) -> String {
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(b'"');
    let mut rest = s;
    while !rest.is_empty() {
        let (r, width) = decode_rune(rest);
        if width == 1 && r == RUNE_ERROR {
            out.extend_from_slice(b"\\x");
            out.push(LOWER_HEX[usize::from(rest[0] >> 4)]);
            out.push(LOWER_HEX[usize::from(rest[0] & 0xF)]);
        } else {
            push_escaped_rune(&mut out, r, b'"');
        }
        rest = &rest[width..];
    }
    out.push(b'"');
    // Every byte pushed is ASCII or a whole encoded rune.
    String::from_utf8(out).unwrap_or_default()
}

/// `strconv.QuoteRune`, as `fmt`'s `%q` prints an integer (a byte in Go's
/// error messages): a single-quoted Go character literal.
pub fn quote_rune(r: u32) -> String {
    let r = if valid_rune(r) { r } else { RUNE_ERROR };
    let mut out = vec![b'\''];
    push_escaped_rune(&mut out, r, b'\'');
    out.push(b'\'');
    String::from_utf8(out).unwrap_or_default()
}

fn unhex(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// `strconv.UnquoteChar`: the first character of an escaped string, whether
/// it needs a multibyte encoding, and the rest.
fn unquote_char(s: &[u8], quote: u8) -> Result<(u32, bool, &[u8]), SyntaxError> {
    let Some(&c) = s.first() else {
        return Err(SyntaxError);
    };
    if c == quote && (quote == b'\'' || quote == b'"') {
        return Err(SyntaxError);
    }
    if c >= 0x80 {
        let (r, size) = decode_rune(s);
        return Ok((r, true, &s[size..]));
    }
    if c != b'\\' {
        return Ok((u32::from(c), false, &s[1..]));
    }
    let Some(&c) = s.get(1) else {
        return Err(SyntaxError);
    };
    let s = &s[2..];
    let simple = |v: u8| Ok((u32::from(v), false, s));
    match c {
        b'a' => simple(0x07),
        b'b' => simple(0x08),
        b'f' => simple(0x0C),
        b'n' => simple(b'\n'),
        b'r' => simple(b'\r'),
        b't' => simple(b'\t'),
        b'v' => simple(0x0B),
        b'x' | b'u' | b'U' => {
            let n = match c {
                b'x' => 2,
                b'u' => 4,
                _ => 8,
            };
            let digits = s.get(..n).ok_or(SyntaxError)?;
            let mut v: u32 = 0;
            for &d in digits {
                v = (v << 4) | unhex(d).ok_or(SyntaxError)?;
            }
            let s = &s[n..];
            if c == b'x' {
                // A single byte, possibly not UTF-8.
                return Ok((v, false, s));
            }
            if !valid_rune(v) {
                return Err(SyntaxError);
            }
            Ok((v, true, s))
        }
        b'0'..=b'7' => {
            let mut v = u32::from(c - b'0');
            let digits = s.get(..2).ok_or(SyntaxError)?;
            for &d in digits {
                if !(b'0'..=b'7').contains(&d) {
                    return Err(SyntaxError);
                }
                v = (v << 3) | u32::from(d - b'0');
            }
            if v > 255 {
                return Err(SyntaxError);
            }
            Ok((v, false, &s[2..]))
        }
        b'\\' => simple(b'\\'),
        b'\'' | b'"' if c == quote => simple(c),
        _ => Err(SyntaxError),
    }
}

/// strconv's `unquote`: the quoted literal at the start of `input`, its
/// length in `input`, and (when `unescape`) its value.
fn unquote_prefix(input: &[u8], unescape: bool) -> Result<(Vec<u8>, usize), SyntaxError> {
    if input.len() < 2 {
        return Err(SyntaxError);
    }
    let quote = input[0];
    let end = input[1..]
        .iter()
        .position(|&b| b == quote)
        .ok_or(SyntaxError)?
        + 2;
    match quote {
        b'`' => {
            if !unescape {
                return Ok((Vec::new(), end));
            }
            // Carriage returns inside raw strings are discarded.
            let out = input[1..end - 1]
                .iter()
                .copied()
                .filter(|&b| b != b'\r')
                .collect();
            Ok((out, end))
        }
        b'"' | b'\'' => {
            let head = &input[..end];
            if !head.contains(&b'\\') && !head.contains(&b'\n') {
                let inner = &input[1..end - 1];
                let valid = if quote == b'"' {
                    std::str::from_utf8(inner).is_ok()
                } else {
                    let (r, n) = decode_rune(inner);
                    2 + n == end && (r != RUNE_ERROR || n != 1)
                };
                if valid {
                    let out = if unescape { inner.to_vec() } else { Vec::new() };
                    return Ok((out, end));
                }
            }
            let mut out = Vec::new();
            let mut rest = &input[1..];
            while let Some(&first) = rest.first() {
                if first == quote {
                    break;
                }
                let (r, multibyte, tail) = unquote_char(rest, quote)?;
                if first == b'\n' {
                    return Err(SyntaxError);
                }
                rest = tail;
                if unescape {
                    if r < 0x80 || !multibyte {
                        out.push(r as u8);
                    } else {
                        push_rune(&mut out, r);
                    }
                }
                if quote == b'\'' {
                    break;
                }
            }
            if rest.first() != Some(&quote) {
                return Err(SyntaxError);
            }
            let consumed = input.len() - rest.len() + 1;
            Ok((out, consumed))
        }
        _ => Err(SyntaxError),
    }
}

/// `strconv.QuotedPrefix`: the quoted string at the start of `s`, quotes
/// included.
pub fn quoted_prefix(s: &[u8]) -> Result<&[u8], SyntaxError> {
    let (_, len) = unquote_prefix(s, false)?;
    Ok(&s[..len])
}

/// `strconv.Unquote`: the value of the Go string literal `s` (double-quoted,
/// single-quoted or backquoted), which must be all of `s`.
pub fn unquote(s: &[u8]) -> Result<Vec<u8>, SyntaxError> {
    let (out, len) = unquote_prefix(s, true)?;
    if len != s.len() {
        return Err(SyntaxError);
    }
    Ok(out)
}

/// `binary.Uvarint`: the value and the number of bytes read; 0 bytes when
/// `buf` ends first, a negative count when the value overflows 64 bits.
pub fn uvarint(buf: &[u8]) -> (u64, isize) {
    const MAX_VARINT_LEN64: usize = 10;
    let mut x: u64 = 0;
    let mut shift = 0u32;
    for (i, &b) in buf.iter().enumerate() {
        if i == MAX_VARINT_LEN64 {
            return (0, -(i as isize + 1));
        }
        if b < 0x80 {
            if i == MAX_VARINT_LEN64 - 1 && b > 1 {
                return (0, -(i as isize + 1));
            }
            return (x | (u64::from(b) << shift), i as isize + 1);
        }
        x |= u64::from(b & 0x7f) << shift;
        shift += 7;
    }
    (0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_matches_go() {
        // Expected strings are what Go 1.19's strconv.Quote returns.
        assert_eq!(quote(b"abc"), r#""abc""#);
        assert_eq!(quote(b"-X \"main.x=a b\""), r#""-X \"main.x=a b\"""#);
        assert_eq!(quote(b"a\tb\nc\\"), r#""a\tb\nc\\""#);
        assert_eq!(quote(b"\x00\x7f\xff"), r#""\x00\x7f\xff""#);
        assert_eq!(quote("é\u{200b}\u{ad}".as_bytes()), r#""é\u200b\u00ad""#);
        assert_eq!(quote("\u{e0001}".as_bytes()), r#""\U000e0001""#);
        assert_eq!(quote("\u{1F600}".as_bytes()), "\"\u{1F600}\"");
        assert_eq!(quote_rune(u32::from(b'x')), "'x'");
        assert_eq!(quote_rune(0), r"'\x00'");
        assert_eq!(quote_rune(u32::from(b'\'')), r"'\''");
        assert_eq!(quote_rune(0xff), "'ÿ'");
    }

    #[test]
    fn unquote_matches_go() {
        assert_eq!(unquote(br#""a b""#).unwrap(), b"a b");
        assert_eq!(unquote(br#""\x41\101\u00e9""#).unwrap(), "AAé".as_bytes());
        assert_eq!(unquote(br#""\xff""#).unwrap(), b"\xff");
        assert_eq!(unquote(b"`a\r\\b`").unwrap(), b"a\\b");
        assert_eq!(unquote(b"'x'").unwrap(), b"x");
        assert_eq!(unquote(b"''").unwrap(), b"");
        assert!(unquote(br#""a"b"#).is_err());
        assert!(unquote(br#""\'""#).is_err());
        assert!(unquote(b"\"a\nb\"").is_err());
        // Invalid UTF-8 inside quotes is not an error: it becomes U+FFFD.
        assert_eq!(unquote(b"\"\xff\"").unwrap(), "\u{fffd}".as_bytes());
        assert!(unquote(br#""\400""#).is_err());
        assert!(unquote(br#""\ud800""#).is_err());
        // An invalid byte beside an escape becomes U+FFFD, as in Go.
        assert_eq!(unquote(b"\"\xff\\n\"").unwrap(), "\u{fffd}\n".as_bytes());
        assert_eq!(quoted_prefix(br#""k\"ey"=v"#).unwrap(), br#""k\"ey""#);
        assert_eq!(quoted_prefix(b"`k`=v").unwrap(), b"`k`");
    }

    #[test]
    fn uvarint_matches_go() {
        assert_eq!(uvarint(&[]), (0, 0));
        assert_eq!(uvarint(&[0x08]), (8, 1));
        assert_eq!(uvarint(&[0x80, 0x01]), (128, 2));
        assert_eq!(uvarint(&[0x80]), (0, 0));
        let max = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
        assert_eq!(uvarint(&max), (u64::MAX, 10));
        let over = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02];
        assert_eq!(uvarint(&over), (0, -10));
        assert_eq!(uvarint(&[0x80; 11]), (0, -11));
    }

    #[test]
    fn is_print_edges() {
        assert!(is_print(u32::from(b' ')));
        assert!(!is_print(0x7f));
        assert!(!is_print(0xad));
        assert!(is_print(0xe9));
        assert!(!is_print(0x200b));
        assert!(is_print(0x1F600));
        assert!(!is_print(0xE0001));
        assert!(is_print(0x20000));
    }
}
