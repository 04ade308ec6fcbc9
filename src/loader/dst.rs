//! Dynamic string tokens and search path lists.
//!
//! glibc (elf/dl-load.c `is_dst`, `_dl_dst_substitute`, `fillin_rpath`,
//! `decompose_rpath`): `$ORIGIN`, `$PLATFORM`, `$LIB`, bare or in braces; a
//! bare token must not be followed by `[A-Za-z0-9_]`; an unknown `$...` is
//! copied literally; a recognised token without a value drops the element.
//! musl (ldso/dynlink.c `fixup_rpath`): only `$ORIGIN`/`${ORIGIN}`, and any
//! other `$` voids the whole path string.

/// Values for glibc's tokens. `None` means "no value": the element is dropped.
#[derive(Debug, Clone, Copy)]
pub struct Tokens<'a> {
    pub origin: Option<&'a [u8]>,
    pub platform: Option<&'a [u8]>,
    pub lib: Option<&'a [u8]>,
}

fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// If `s` (just after a `$`) starts with token `name`, the length consumed.
fn match_token(s: &[u8], name: &[u8]) -> Option<usize> {
    if let Some(rest) = s.strip_prefix(b"{") {
        let inner = rest.strip_prefix(name)?;
        inner.starts_with(b"}").then_some(name.len() + 2)
    } else {
        let rest = s.strip_prefix(name)?;
        match rest.first() {
            Some(&c) if is_name_char(c) => None,
            _ => Some(name.len()),
        }
    }
}

/// Expands glibc's DSTs in `s`. `None` when a recognised token has no value.
pub fn expand_glibc(s: &[u8], t: &Tokens) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'$' {
            let rest = &s[i + 1..];
            let tokens: [(&[u8], Option<&[u8]>); 3] = [
                (b"ORIGIN", t.origin),
                (b"PLATFORM", t.platform),
                (b"LIB", t.lib),
            ];
            if let Some((len, value)) = tokens
                .iter()
                .find_map(|(name, value)| match_token(rest, name).map(|len| (len, *value)))
            {
                out.extend_from_slice(value?);
                i += 1 + len;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    Some(out)
}

/// Whether `s` contains something glibc treats as a DST.
pub fn has_glibc_dst(s: &[u8]) -> bool {
    s.iter().enumerate().any(|(i, &c)| {
        c == b'$'
            && [&b"ORIGIN"[..], b"PLATFORM", b"LIB"]
                .iter()
                .any(|n| match_token(&s[i + 1..], n).is_some())
    })
}

/// One directory of a search list: its text after expansion (empty = the
/// current directory) and the unexpanded element it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDir {
    pub dir: Vec<u8>,
    pub raw: Vec<u8>,
}

/// Splits and expands a glibc path list (`fillin_rpath`): RPATH/RUNPATH on
/// `:`, LD_LIBRARY_PATH on `:` and `;`; empty element = current directory;
/// elements whose expansion fails are dropped; trailing slashes removed;
/// duplicates kept once.
pub fn glibc_path_list(list: &[u8], is_env: bool, t: &Tokens) -> Vec<SearchDir> {
    let mut out: Vec<SearchDir> = Vec::new();
    for raw in list.split(|&c| c == b':' || (is_env && c == b';')) {
        let mut dir = if raw.is_empty() {
            Vec::new()
        } else {
            match expand_glibc(raw, t) {
                Some(d) if !d.is_empty() => d,
                _ => continue,
            }
        };
        while dir.len() > 1 && dir.ends_with(b"/") {
            dir.pop();
        }
        if out.iter().any(|d| d.dir == dir) {
            continue;
        }
        out.push(SearchDir {
            dir,
            raw: raw.to_vec(),
        });
    }
    out
}

/// musl's `fixup_rpath`: `$ORIGIN`/`${ORIGIN}` replaced by `origin`; any
/// other `$` makes the whole string unusable (`None`).
pub fn expand_musl(s: &[u8], origin: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'$' {
            let rest = &s[i + 1..];
            let len = if rest.starts_with(b"{ORIGIN}") {
                8
            } else if rest.starts_with(b"ORIGIN") {
                6
            } else {
                return None;
            };
            out.extend_from_slice(origin);
            i += 1 + len;
            continue;
        }
        out.push(s[i]);
        i += 1;
    }
    Some(out)
}

/// musl's `path_open` element split (`:` or newline, empty elements
/// skipped), as owned elements; the rules live in [`super::musl_path`].
pub fn musl_path_list(list: &[u8]) -> Vec<Vec<u8>> {
    super::musl_path::split_path(list)
        .map(<[u8]>::to_vec)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Tokens = Tokens {
        origin: Some(b"/o/bin"),
        platform: Some(b"x86_64"),
        lib: Some(b"lib/x86_64-linux-gnu"),
    };

    #[test]
    fn glibc_tokens() {
        assert_eq!(
            expand_glibc(b"$ORIGIN/../lib", &T).unwrap(),
            b"/o/bin/../lib"
        );
        assert_eq!(
            expand_glibc(b"${ORIGIN}/x/$LIB/$PLATFORM", &T).unwrap(),
            b"/o/bin/x/lib/x86_64-linux-gnu/x86_64"
        );
        assert_eq!(expand_glibc(b"$ORIGINX/a", &T).unwrap(), b"$ORIGINX/a");
        assert_eq!(expand_glibc(b"/a/$FOO", &T).unwrap(), b"/a/$FOO");
        let no_origin = Tokens { origin: None, ..T };
        assert_eq!(expand_glibc(b"$ORIGIN/a", &no_origin), None);
        assert!(has_glibc_dst(b"a/${LIB}"));
        assert!(!has_glibc_dst(b"a/$LIBX"));
    }

    #[test]
    fn glibc_lists() {
        let l = glibc_path_list(b"/a/:/b::/a;/c", false, &T);
        let dirs: Vec<&[u8]> = l.iter().map(|d| &d.dir[..]).collect();
        assert_eq!(dirs, vec![&b"/a"[..], b"/b", b"", b"/a;/c"]);
        let l = glibc_path_list(b"/a;/c", true, &T);
        assert_eq!(l.len(), 2);
    }

    #[test]
    fn musl_rules() {
        assert_eq!(
            expand_musl(b"$ORIGIN/../lib", b"o/bin").unwrap(),
            b"o/bin/../lib"
        );
        assert_eq!(expand_musl(b"/nonexist/$LIB:$ORIGIN/../lib", b"/x"), None);
        assert_eq!(
            musl_path_list(b"/a::/b\n/c\n"),
            vec![b"/a".to_vec(), b"/b".to_vec(), b"/c".to_vec()]
        );
    }
}
