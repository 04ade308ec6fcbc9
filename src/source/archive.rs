//! `ar` archives (`!<arch>` and thin `!<thin>`) read the way GNU readelf
//! 2.40 reads them (binutils/elfcomm.c `setup_archive`,
//! `process_archive_index_and_symbols`, `get_archive_member_name`): the
//! first member may be the symbol index (`/`, 32-bit offsets, or `/SYM64/`,
//! 64-bit offsets), the next one the GNU long-name table (`//`); every other
//! member is named by its short name (up to the first `/`) or by `/N`, an
//! offset into the long-name table (`/N:M` in a thin archive: member at
//! offset M of the nested archive named at N).
//!
//! readelf knows no BSD name table: a BSD member `#1/20` is named `#1` and
//! its data begins with the name, so it is not an ELF object. This reader
//! does the same, since its purpose is readelf's view.
//!
//! Every size and offset comes from the file: the reader only borrows
//! slices of `data` (the long-name table is copied once, at most the file's
//! size, because readelf writes terminators into it as it resolves names),
//! and no count is trusted before the bytes it describes are known to be
//! there.

use thiserror::Error;

/// `ARMAG`.
pub const ARMAG: &[u8; 8] = b"!<arch>\n";
/// `ARMAGT`: a thin archive, whose members live in files of their own.
pub const THIN_ARMAG: &[u8; 8] = b"!<thin>\n";
/// `sizeof (struct ar_hdr)`.
pub const HEADER_SIZE: u64 = 60;
const SARMAG: u64 = 8;

/// Which kind of archive `data` is, from its magic.
pub fn archive_kind(data: &[u8]) -> Option<ArchiveKind> {
    if data.starts_with(ARMAG) {
        Some(ArchiveKind::Regular)
    } else if data.starts_with(THIN_ARMAG) {
        Some(ArchiveKind::Thin)
    } else {
        None
    }
}

/// Whether readelf says `NAME has no archive index` for `-c`: the first
/// member header is there and is not a symbol index.
pub fn lacks_index(data: &[u8]) -> bool {
    data.get(8..68)
        .is_some_and(|h| !h.starts_with(b"/               ") && !h.starts_with(b"/SYM64/         "))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    Regular,
    Thin,
}

/// What stops readelf reading an archive, in its words.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ArchiveError {
    #[error("failed to read archive header")]
    ShortHeader,
    #[error("invalid archive header size: {0}")]
    BadSize(i64),
    #[error("the archive index is empty")]
    EmptyIndex,
    #[error("failed to read archive index")]
    ShortIndex,
    #[error("the archive index is supposed to have {entries:#x} entries of {width} bytes, but the size is only {size:#x}")]
    IndexTooBig { entries: u64, width: u64, size: u64 },
    #[error("the archive has an index but no symbols")]
    NoSymbols,
    #[error("failed to read archive index symbol table")]
    ShortSymbols,
    #[error("failed to read archive header following archive index")]
    ShortHeaderAfterIndex,
    #[error("long name table is too small, (size = {0})")]
    LongNamesTooSmall(u64),
    #[error("long name table is too big, (size = {0:#x})")]
    LongNamesTooBig(u64),
    #[error("failed to read long symbol name string table")]
    ShortLongNames,
    #[error("did not find a valid archive header")]
    BadMagic,
    #[error("failed to seek to next archive header")]
    Seek,
    #[error("Archive member uses long names, but no longname table found")]
    NoLongNames,
    #[error("Found long name index ({0}) beyond end of long name table")]
    LongNameBeyond(u64),
    #[error("Invalid Thin archive member name")]
    BadThinName,
}

/// One member header (`struct ar_hdr`), as read.
#[derive(Debug, Clone, Copy)]
pub struct MemberHeader {
    pub raw: [u8; HEADER_SIZE as usize],
    /// File offset of the header.
    pub offset: u64,
}

impl MemberHeader {
    /// `strtoul (ar_size, NULL, 10)`, stopped at `ar_fmag` as readelf stops
    /// it.
    pub fn size(&self) -> u64 {
        strtoul(&self.raw[48..58]).0
    }

    fn name_field(&self) -> &[u8] {
        &self.raw[..16]
    }

    fn fmag_ok(&self) -> bool {
        &self.raw[58..60] == b"`\n"
    }
}

/// A member's name as `get_archive_member_name` resolves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberName {
    /// The name (for a nested thin member: the nested archive's path).
    pub name: Vec<u8>,
    /// `nested_member_origin`: in a thin archive, the offset of the member
    /// inside the nested archive `name`; 0 otherwise.
    pub nested_origin: u64,
}

/// The symbol index of an archive (`/` or `/SYM64/`).
#[derive(Debug, Clone, Copy)]
pub struct SymbolIndex<'a> {
    /// Big-endian member offsets, `width` bytes each.
    offsets: &'a [u8],
    width: usize,
    /// The NUL-separated names (the member's padding byte included, as
    /// readelf counts it).
    pub symbols: &'a [u8],
}

impl SymbolIndex<'_> {
    pub fn len(&self) -> u64 {
        (self.offsets.len() / self.width) as u64
    }

    pub fn is_empty(&self) -> bool {
        self.offsets.is_empty()
    }

    /// `/SYM64/`: 64-bit offsets.
    pub fn is_64(&self) -> bool {
        self.width == 8
    }

    /// The offset of the member header for entry `i`.
    pub fn offset(&self, i: u64) -> u64 {
        let start = i as usize * self.width;
        self.offsets
            .get(start..start + self.width)
            .map_or(0, |b| b.iter().fold(0u64, |v, &x| (v << 8) | u64::from(x)))
    }
}

/// An archive opened as readelf's `setup_archive` opens it.
#[derive(Debug, Clone)]
pub struct Archive<'a> {
    pub data: &'a [u8],
    pub kind: ArchiveKind,
    /// The symbol index, when asked for and present.
    pub index: Option<SymbolIndex<'a>>,
    /// Asked for the index, and the first member is not one (readelf
    /// prints `NAME has no archive index`).
    pub no_index: bool,
    /// The long-name table plus a terminator; readelf writes NULs into it.
    longnames: Option<Vec<u8>>,
    /// Where the first ordinary member header is.
    pub first_member: u64,
}

impl<'a> Archive<'a> {
    /// `setup_archive`: reads the index (its entries only when
    /// `read_symbols`, readelf's `-c`) and the long-name table.
    pub fn open(
        data: &'a [u8],
        kind: ArchiveKind,
        read_symbols: bool,
    ) -> Result<Archive<'a>, ArchiveError> {
        let mut arch = Archive {
            data,
            kind,
            index: None,
            no_index: false,
            longnames: None,
            first_member: SARMAG,
        };
        let mut header = match arch.header_at(SARMAG) {
            Ok(Some(h)) => h,
            Ok(None) => return Ok(arch),
            Err(e) => return Err(e),
        };
        let name = header.name_field();
        if name == b"/               " || name == b"/SYM64/         " {
            let width = if name[1] == b'S' { 8 } else { 4 };
            if let Some(next) = arch.read_index(&header, width, read_symbols)? {
                header = next;
            }
        } else if read_symbols {
            arch.no_index = true;
        }
        if header.name_field() == b"//              " {
            let size = header.size();
            if size < 8 {
                return Err(ArchiveError::LongNamesTooSmall(size));
            }
            if size > data.len() as u64 || size > i64::MAX as u64 {
                return Err(ArchiveError::LongNamesTooBig(size));
            }
            let start = header.offset + HEADER_SIZE;
            let table = data
                .get(start as usize..)
                .and_then(|d| d.get(..size as usize))
                .ok_or(ArchiveError::ShortLongNames)?;
            arch.first_member += HEADER_SIZE + size;
            let mut names = table.to_vec();
            names.push(0);
            arch.longnames = Some(names);
        }
        Ok(arch)
    }

    /// `process_archive_index_and_symbols`; returns the header that
    /// follows the index, if there is one.
    fn read_index(
        &mut self,
        header: &MemberHeader,
        width: usize,
        read_symbols: bool,
    ) -> Result<Option<MemberHeader>, ArchiveError> {
        let size = header.size();
        if size > i64::MAX as u64 {
            return Err(ArchiveError::BadSize(size as i64));
        }
        let size = size + (size & 1);
        self.first_member = self.first_member.saturating_add(HEADER_SIZE + size);
        let body = header.offset + HEADER_SIZE;
        if read_symbols {
            let avail = |from: u64, n: u64| -> Option<&'a [u8]> {
                let from = usize::try_from(from).ok()?;
                let n = usize::try_from(n).ok()?;
                self.data.get(from..)?.get(..n)
            };
            let w = width as u64;
            if size < w {
                return Err(ArchiveError::EmptyIndex);
            }
            let count = avail(body, w).ok_or(ArchiveError::ShortIndex)?;
            let entries = count.iter().fold(0u64, |v, &x| (v << 8) | u64::from(x));
            let size = size - w;
            let table_bytes = entries.wrapping_mul(w);
            if size < table_bytes || size < entries {
                return Err(ArchiveError::IndexTooBig {
                    entries,
                    width: w,
                    size,
                });
            }
            let offsets = avail(body + w, table_bytes).ok_or(ArchiveError::ShortIndex)?;
            let sym_size = size - table_bytes;
            if sym_size < 1 {
                return Err(ArchiveError::NoSymbols);
            }
            let symbols =
                avail(body + w + table_bytes, sym_size).ok_or(ArchiveError::ShortSymbols)?;
            self.index = Some(SymbolIndex {
                offsets,
                width,
                symbols,
            });
        }
        match self.header_at(body + size) {
            Ok(h) => Ok(h),
            Err(_) => Err(ArchiveError::ShortHeaderAfterIndex),
        }
    }

    /// The 60-byte header at `offset`: `None` at the end of the file (a
    /// read of nothing), an error for a partial one.
    pub fn header_at(&self, offset: u64) -> Result<Option<MemberHeader>, ArchiveError> {
        if offset > i64::MAX as u64 {
            return Err(ArchiveError::Seek);
        }
        let rest = usize::try_from(offset)
            .ok()
            .and_then(|o| self.data.get(o..))
            .unwrap_or(&[]);
        if rest.is_empty() {
            return Ok(None);
        }
        let raw: [u8; HEADER_SIZE as usize] = rest
            .get(..HEADER_SIZE as usize)
            .and_then(|b| b.try_into().ok())
            .ok_or(ArchiveError::ShortHeader)?;
        Ok(Some(MemberHeader { raw, offset }))
    }

    /// The next member header of readelf's walk (`process_archive`), with
    /// its `ar_fmag` checked.
    pub fn member_header(&self, offset: u64) -> Result<Option<MemberHeader>, ArchiveError> {
        match self.header_at(offset)? {
            Some(h) if !h.fmag_ok() => Err(ArchiveError::BadMagic),
            h => Ok(h),
        }
    }

    /// `get_archive_member_name`. Long names are resolved in the table,
    /// which is changed as readelf changes it (a terminator written where
    /// the name ends).
    pub fn member_name(&mut self, header: &MemberHeader) -> Result<MemberName, ArchiveError> {
        let raw = &header.raw;
        if raw[0] == b'/' {
            let thin = self.kind == ArchiveKind::Thin;
            let table = match &mut self.longnames {
                Some(t) if t.len() > 1 => t,
                _ => return Err(ArchiveError::NoLongNames),
            };
            let size = table.len() - 1;
            // strtoul runs over the header up to ar_fmag, which readelf
            // overwrites with a NUL for the call.
            let (k, end) = strtoul(&raw[1..58]);
            let nested_origin = if thin && raw.get(1 + end) == Some(&b':') {
                strtoul(&raw[2 + end..58]).0
            } else {
                0
            };
            if k > size as u64 {
                return Err(ArchiveError::LongNameBeyond(k));
            }
            let k = k as usize;
            let mut j = k;
            while j < size && table[j] != b'\n' && table[j] != 0 {
                j += 1;
            }
            if j > 0 && table[j - 1] == b'/' {
                j -= 1;
            }
            table[j] = 0;
            if nested_origin != 0 && k >= j {
                return Err(ArchiveError::BadThinName);
            }
            let name = c_string(&table[k..]).to_vec();
            return Ok(MemberName {
                name,
                nested_origin,
            });
        }
        let field = header.name_field();
        let name = match field.iter().position(|&b| b == b'/') {
            Some(slash) => &field[..slash],
            None => field,
        };
        Ok(MemberName {
            name: c_string(name).to_vec(),
            nested_origin: 0,
        })
    }

    /// `get_archive_member_name_at`: the name of the member whose header is
    /// at `offset` (the symbol index's view).
    pub fn member_name_at(&mut self, offset: u64) -> Result<MemberName, ArchiveError> {
        let header = self.header_at(offset)?.ok_or(ArchiveError::ShortHeader)?;
        if !header.fmag_ok() {
            return Err(ArchiveError::BadMagic);
        }
        self.member_name(&header)
    }
}

/// readelf's `make_qualified_name`: `lib.a(m.o)`, `thin.a[m.o]`,
/// `thin.a[nested.a(m.o)]`.
pub fn qualified_name(
    archive: &[u8],
    kind: ArchiveKind,
    nested: Option<&[u8]>,
    member: &[u8],
) -> Vec<u8> {
    let mut out = archive.to_vec();
    match (kind, nested) {
        (ArchiveKind::Thin, Some(n)) => {
            out.push(b'[');
            out.extend_from_slice(n);
            out.push(b'(');
            out.extend_from_slice(member);
            out.extend_from_slice(b")]");
        }
        (ArchiveKind::Thin, None) => {
            out.push(b'[');
            out.extend_from_slice(member);
            out.push(b']');
        }
        (ArchiveKind::Regular, _) => {
            out.push(b'(');
            out.extend_from_slice(member);
            out.push(b')');
        }
    }
    out
}

/// elfcomm.c `adjust_relative_path`: a thin member's path, relative to the
/// archive's directory unless absolute (or the archive has no directory).
pub fn member_path(archive: &[u8], name: &[u8]) -> Vec<u8> {
    match archive.iter().rposition(|&b| b == b'/') {
        Some(slash) if !name.starts_with(b"/") => {
            let mut p = archive[..=slash].to_vec();
            p.extend_from_slice(name);
            p
        }
        _ => name.to_vec(),
    }
}

/// The bytes before the first NUL.
fn c_string(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == 0) {
        Some(n) => &b[..n],
        None => b,
    }
}

/// C `strtoul (s, &end, 10)` over `s` up to its first NUL: leading white
/// space, an optional sign, decimal digits; `ULONG_MAX` on overflow, a
/// negated value for `-`. Returns the value and where parsing stopped
/// (0 when there were no digits, as `end` is then `s`).
pub fn strtoul(s: &[u8]) -> (u64, usize) {
    let s = c_string(s);
    let mut i = 0;
    while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
        i += 1;
    }
    let mut negative = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        negative = s[i] == b'-';
        i += 1;
    }
    let digits_start = i;
    let mut value: u64 = 0;
    let mut overflow = false;
    while i < s.len() && s[i].is_ascii_digit() {
        match value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(s[i] - b'0')))
        {
            Some(v) => value = v,
            None => overflow = true,
        }
        i += 1;
    }
    if i == digits_start {
        return (0, 0);
    }
    if overflow {
        return (u64::MAX, i);
    }
    (
        if negative {
            value.wrapping_neg()
        } else {
            value
        },
        i,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(name: &str, size: usize) -> Vec<u8> {
        let h = format!("{name:<16}{:<12}{:<6}{:<6}{:<8}{size:<10}`\n", 0, 0, 0, 644);
        assert_eq!(h.len(), 60);
        h.into_bytes()
    }

    #[test]
    fn strtoul_is_c() {
        assert_eq!(strtoul(b"  42x"), (42, 4));
        assert_eq!(strtoul(b"abc"), (0, 0));
        assert_eq!(strtoul(b"-1"), (u64::MAX, 2));
        assert_eq!(strtoul(b"99999999999999999999999"), (u64::MAX, 23));
        assert_eq!(strtoul(b"12\x0034"), (12, 2));
    }

    #[test]
    fn gnu_long_names_and_index() {
        let mut a = ARMAG.to_vec();
        // index: 1 entry pointing at the member, symbol "f".
        let member_at = 8 + 60 + 10 + 60 + 22;
        let mut idx = 1u32.to_be_bytes().to_vec();
        idx.extend_from_slice(&(member_at as u32).to_be_bytes());
        idx.extend_from_slice(b"f\0");
        a.extend(header("/", 10));
        a.extend(&idx);
        a.extend(header("//", 22));
        a.extend(b"a_very_long_name.o/\n\n\n");
        a.extend(header("/0", 4));
        a.extend(b"abcd");
        let mut arch = Archive::open(&a, ArchiveKind::Regular, true).unwrap();
        let index = arch.index.unwrap();
        assert_eq!(index.len(), 1);
        assert_eq!(index.offset(0), member_at as u64);
        assert_eq!(index.symbols, b"f\0");
        assert_eq!(arch.first_member, member_at as u64);
        let h = arch.member_header(arch.first_member).unwrap().unwrap();
        assert_eq!(h.size(), 4);
        assert_eq!(arch.member_name(&h).unwrap().name, b"a_very_long_name.o");
        assert_eq!(
            arch.member_name_at(member_at as u64).unwrap().name,
            b"a_very_long_name.o"
        );
        assert!(arch
            .member_header(arch.first_member + 64)
            .unwrap()
            .is_none());
    }

    #[test]
    fn hostile_sizes_are_errors() {
        let mut a = ARMAG.to_vec();
        a.extend(header("/", 8));
        a.extend(0xffff_ffffu32.to_be_bytes());
        a.extend([0; 4]);
        assert!(matches!(
            Archive::open(&a, ArchiveKind::Regular, true),
            Err(ArchiveError::IndexTooBig { .. })
        ));
        // Without -c the index is only skipped.
        assert!(Archive::open(&a, ArchiveKind::Regular, false).is_ok());
        let mut b = ARMAG.to_vec();
        b.extend(header("//", 4000));
        assert_eq!(
            Archive::open(&b, ArchiveKind::Regular, false).unwrap_err(),
            ArchiveError::LongNamesTooBig(4000)
        );
        let mut c = ARMAG.to_vec();
        c.extend(header("/99", 0));
        let mut arch = Archive::open(&c, ArchiveKind::Regular, false).unwrap();
        let h = arch.member_header(8).unwrap().unwrap();
        assert_eq!(arch.member_name(&h), Err(ArchiveError::NoLongNames));
        assert!(matches!(
            Archive::open(&ARMAG[..], ArchiveKind::Regular, false)
                .unwrap()
                .member_header(8),
            Ok(None)
        ));
        let mut d = ARMAG.to_vec();
        d.extend(b"short");
        assert_eq!(
            Archive::open(&d, ArchiveKind::Regular, false).unwrap_err(),
            ArchiveError::ShortHeader
        );
    }

    #[test]
    fn names_and_paths() {
        assert_eq!(
            qualified_name(b"t.a", ArchiveKind::Thin, Some(b"n.a"), b"m.o"),
            b"t.a[n.a(m.o)]"
        );
        assert_eq!(member_path(b"dir/t.a", b"m.o"), b"dir/m.o");
        assert_eq!(member_path(b"t.a", b"x/m.o"), b"x/m.o");
        assert_eq!(member_path(b"dir/t.a", b"/abs/m.o"), b"/abs/m.o");
    }
}
