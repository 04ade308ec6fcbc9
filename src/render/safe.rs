//! Text from files made safe for a terminal: control characters (ESC, BEL,
//! newlines in a name, ...) are shown as `\xNN` instead of reaching the
//! terminal raw. Used by every human view; parity renderers (readelf, ldd,
//! go version) print the bytes their tools print instead.

use std::borrow::Cow;

/// `text` with every control character written as `\xNN`; borrowed when
/// there is none.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Bytes from a file (a name, a path) as terminal-safe text: invalid UTF-8
/// becomes U+FFFD, control characters `\xNN`.
pub fn sanitize(bytes: &[u8]) -> String {
    escape_control(&String::from_utf8_lossy(bytes)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_control("a\x1b[31mb\x07"), "a\\x1b[31mb\\x07");
        assert!(matches!(escape_control("plain"), Cow::Borrowed("plain")));
        assert_eq!(sanitize(b"x\xffy\n"), "x\u{fffd}y\\x0a");
    }
}
