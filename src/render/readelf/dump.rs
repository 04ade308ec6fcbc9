//! readelf 2.40's section dumps: `-x` (hex), `-p` (strings), `-R` (hex
//! with relocations applied), by name or number, and `-z` (decompress
//! `SHF_COMPRESSED` zlib/zstd sections and legacy `ZLIB` ones first).
//!
//! readelf.c `process_section_contents`, `initialise_dumps_byname`,
//! `dump_section_as_bytes`, `dump_section_as_strings`,
//! `get_compression_header`, `uncompress_section_contents`. Dumps run in
//! section order, per section hex, then relocated, then strings; a request
//! repeated is one request.

use std::io::Write;

use crate::elf::relocate;
use crate::elf::section::SHT_NOBITS;
use crate::elf::{bytes, ElfFile, SectionHeader};

use super::sections::section_name_print;
use super::text::printable_section_name;

/// `SHF_COMPRESSED`.
const SHF_COMPRESSED: u64 = 1 << 11;

/// Which dump (readelf's `HEX_DUMP`, `STRING_DUMP`, `RELOC_DUMP`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpKind {
    Hex,
    Strings,
    Relocated,
}

/// A section as the command line names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionSpec {
    Number(u32),
    Name(Vec<u8>),
}

impl SectionSpec {
    /// readelf's `request_dump`: `strtoul (arg, &end, 0)` stored in an
    /// `int`; a whole-string number that is not negative as an `int` is a
    /// section number, anything else a name.
    pub fn parse(arg: &[u8]) -> SectionSpec {
        match c_strtoul0(arg) {
            Some(v) if (v as u32 as i32) >= 0 => SectionSpec::Number(v as u32),
            _ => SectionSpec::Name(arg.to_vec()),
        }
    }
}

/// C `strtoul (s, &end, 0)` when `end` reaches the end of `s` (an empty
/// string parses as 0, as readelf's `! *cp` test accepts it).
fn c_strtoul0(s: &[u8]) -> Option<u64> {
    let mut i = 0;
    while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
        i += 1;
    }
    let mut negative = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        negative = s[i] == b'-';
        i += 1;
    }
    let rest = &s[i..];
    let (radix, digits) = if (rest.starts_with(b"0x") || rest.starts_with(b"0X"))
        && rest.get(2).is_some_and(u8::is_ascii_hexdigit)
    {
        (16, &rest[2..])
    } else if rest.starts_with(b"0") {
        (8, rest)
    } else {
        (10, rest)
    };
    if digits.is_empty() {
        // No digits: end is the start of the string, accepted only if
        // the string is empty.
        return s.is_empty().then_some(0);
    }
    let mut value: u64 = 0;
    let mut overflow = false;
    for &c in digits {
        let d = (c as char).to_digit(radix)?;
        match value
            .checked_mul(u64::from(radix))
            .and_then(|v| v.checked_add(u64::from(d)))
        {
            Some(v) => value = v,
            None => overflow = true,
        }
    }
    Some(if overflow {
        u64::MAX
    } else if negative {
        value.wrapping_neg()
    } else {
        value
    })
}

/// Every dump asked for on the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DumpRequests {
    pub requests: Vec<(SectionSpec, DumpKind)>,
    /// `-z` / `--decompress`.
    pub decompress: bool,
}

impl DumpRequests {
    pub fn is_empty(&self) -> bool {
        self.requests.is_empty()
    }
}

/// Writes the dumps for one object; returns the problems that make readelf
/// fail (exit status 1), and the warnings that do not, in readelf's words.
pub fn write_dumps(out: &mut Vec<u8>, elf: &ElfFile, dumps: &DumpRequests) -> DumpOutcome {
    let mut outcome = DumpOutcome::default();
    let shnum = elf.shnum as usize;
    let sections = elf.section_headers();
    let wanted = |i: usize, s: &SectionHeader, kind: DumpKind| {
        dumps.requests.iter().any(|(spec, k)| {
            *k == kind
                && match spec {
                    SectionSpec::Number(n) => *n as usize == i,
                    SectionSpec::Name(name) => {
                        elf.shstrtab.is_some_and(|t| (s.sh_name as usize) < t.len())
                            && elf.section_name(s) == Some(name.as_slice())
                    }
                }
        })
    };
    for (spec, _) in &dumps.requests {
        if let SectionSpec::Name(name) = spec {
            if !sections.iter().enumerate().take(shnum).any(|(_, s)| {
                elf.shstrtab.is_some_and(|t| (s.sh_name as usize) < t.len())
                    && elf.section_name(s) == Some(name.as_slice())
            }) {
                outcome.warnings.push(format!(
                    "Section '{}' was not dumped because it does not exist",
                    String::from_utf8_lossy(name)
                ));
            }
        }
    }
    for (i, s) in sections.iter().enumerate().take(shnum) {
        for kind in [DumpKind::Hex, DumpKind::Relocated, DumpKind::Strings] {
            if wanted(i, s, kind) {
                if let Err(e) = dump_section(out, elf, i, s, kind, dumps.decompress) {
                    outcome.errors.push(e);
                }
            }
        }
    }
    let mut missing: Vec<u32> = dumps
        .requests
        .iter()
        .filter_map(|(spec, _)| match spec {
            SectionSpec::Number(n) if *n as usize >= shnum.min(sections.len()) => Some(*n),
            _ => None,
        })
        .collect();
    missing.sort_unstable();
    missing.dedup();
    outcome.errors.extend(
        missing
            .into_iter()
            .map(|n| format!("Section {n} was not dumped because it does not exist!")),
    );
    outcome
}

/// What [`write_dumps`] found wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DumpOutcome {
    /// readelf returns false for these.
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

fn dump_section(
    out: &mut Vec<u8>,
    elf: &ElfFile,
    index: usize,
    s: &SectionHeader,
    kind: DumpKind,
    decompress: bool,
) -> Result<(), String> {
    let name = printable_section_name(section_name_print(elf, s));
    // get_section_contents
    if s.sh_size == 0 || s.sh_type == SHT_NOBITS {
        out.extend_from_slice(b"Section '");
        out.extend_from_slice(&name);
        out.extend_from_slice(b"' has no data to dump.\n");
        return Ok(());
    }
    let raw = bytes::slice(elf.data, "section contents", s.sh_offset, s.sh_size)
        .map_err(|e| e.to_string())?;
    let title: &[u8] = if kind == DumpKind::Strings {
        b"\nString dump of section '"
    } else {
        b"\nHex dump of section '"
    };
    out.extend_from_slice(title);
    out.extend_from_slice(&name);
    out.extend_from_slice(b"':\n");
    let mut contents = if decompress {
        decompressed(elf, s, raw, &name)?
    } else {
        raw.to_vec()
    };
    if kind == DumpKind::Relocated {
        if elf.header.e_type == crate::elf::header::ET_REL
            && relocate::has_relocations(elf, index)
            && !relocate::supports(elf.header.e_machine)
        {
            return Err(format!(
                "relf cannot apply relocations for machine {} yet",
                elf.header.e_machine
            ));
        }
        relocate::apply_relocations(elf, index, &mut contents).map_err(|e| e.to_string())?;
    } else if relocate::relocation_section(elf, index).is_some() {
        out.extend_from_slice(if kind == DumpKind::Strings {
            b"  Note: This section has relocations against it, but these have NOT been applied to this dump.\n"
        } else {
            b" NOTE: This section has relocations against it, but these have NOT been applied to this dump.\n"
        });
    }
    if kind == DumpKind::Strings {
        write_strings(out, &contents);
    } else {
        write_hex(out, s.sh_addr, &contents);
    }
    Ok(())
}

/// `-z`: the section's bytes decompressed, or as they are when it is not
/// compressed.
fn decompressed(
    elf: &ElfFile,
    s: &SectionHeader,
    raw: &[u8],
    name: &[u8],
) -> Result<Vec<u8>, String> {
    let big = elf.header.e_ident[5] == 2;
    let int = |b: &[u8]| -> u64 {
        if big {
            b.iter().fold(0, |v, &x| (v << 8) | u64::from(x))
        } else {
            b.iter().rev().fold(0, |v, &x| (v << 8) | u64::from(x))
        }
    };
    let (ch_type, size, payload) = if s.sh_flags & SHF_COMPRESSED != 0 {
        // get_compression_header
        let (hdr, ch_type, ch_size) = if elf.header.is_64() {
            if raw.len() < 24 {
                return Err("Compressed section is too small even for a compression header".into());
            }
            (24, int(&raw[..4]), int(&raw[8..16]))
        } else {
            if raw.len() < 12 {
                return Err("Compressed section is too small even for a compression header".into());
            }
            (12, int(&raw[..4]), int(&raw[4..8]))
        };
        if ch_type != 1 && ch_type != 2 {
            return Err(format!(
                "section '{}' has unsupported compress type: {ch_type}",
                String::from_utf8_lossy(name)
            ));
        }
        (ch_type, ch_size, &raw[hdr..])
    } else if raw.len() > 12 && raw[..5] == *b"ZLIB\0" {
        // The legacy .zdebug form: "ZLIB", then the size, 8 bytes big-endian.
        let size = raw[4..12].iter().fold(0, |v, &x| (v << 8) | u64::from(x));
        (1, size, &raw[12..])
    } else {
        return Ok(raw.to_vec());
    };
    if size == 0 {
        return Ok(raw.to_vec());
    }
    let fail = || {
        format!(
            "Unable to decompress section {}",
            String::from_utf8_lossy(name)
        )
    };
    // readelf expects at most ~10x compression of the file's size.
    if size > (elf.data.len() as u64).saturating_mul(10) {
        return Err(format!(
            "Uncompressed section size is suspiciously large: {size:#x}"
        ));
    }
    let mut buf = vec![0u8; size as usize];
    if ch_type == 2 {
        zstd::bulk::decompress_to_buffer(payload, &mut buf).map_err(|_| fail())?;
    } else {
        inflate_concatenated(payload, &mut buf).ok_or_else(fail)?;
    }
    Ok(buf)
}

/// readelf's inflate loop: possibly several zlib streams back to back, which
/// must fill `out` exactly.
fn inflate_concatenated(mut input: &[u8], out: &mut [u8]) -> Option<()> {
    let mut filled = 0usize;
    while !input.is_empty() {
        let mut z = flate2::Decompress::new(true);
        let status = z
            .decompress(input, &mut out[filled..], flate2::FlushDecompress::Finish)
            .ok()?;
        filled += z.total_out() as usize;
        input = &input[z.total_in() as usize..];
        match status {
            flate2::Status::StreamEnd => {}
            _ if filled == out.len() && input.is_empty() => {}
            _ => return None,
        }
        if z.total_in() == 0 {
            return None;
        }
    }
    (filled == out.len()).then_some(())
}

/// `dump_section_as_bytes`' listing.
fn write_hex(out: &mut Vec<u8>, mut addr: u64, data: &[u8]) {
    for line in data.chunks(16) {
        let _ = write!(out, "  0x{addr:08x} ");
        for j in 0..16 {
            match line.get(j) {
                Some(b) => {
                    let _ = write!(out, "{b:02x}");
                }
                None => out.extend_from_slice(b"  "),
            }
            if j & 3 == 3 {
                out.push(b' ');
            }
        }
        for &b in line {
            out.push(if (b' '..0x7f).contains(&b) { b } else { b'.' });
        }
        out.push(b'\n');
        addr = addr.wrapping_add(line.len() as u64);
    }
    out.push(b'\n');
}

/// `dump_section_as_strings`' listing, in the C locale.
fn write_strings(out: &mut Vec<u8>, data: &[u8]) {
    let printable = |c: u8| (b' '..0x7f).contains(&c);
    let end = data.len();
    let mut at = 0usize;
    let mut shown = false;
    let mut continuing = false;
    while at < end {
        while at < end && !printable(data[at]) {
            at += 1;
        }
        if at >= end {
            break;
        }
        if continuing {
            out.extend_from_slice(b"            ");
            continuing = false;
        } else {
            let _ = write!(out, "  [{at:6x}]  ");
        }
        let mut last = 0u8;
        while at < end {
            let c = data[at];
            at += 1;
            last = c;
            if c == 0 {
                break;
            }
            if c == b'\n' {
                out.extend_from_slice(b"\\n\n");
                if data.get(at).is_some_and(|&n| n != 0) {
                    continuing = true;
                }
                break;
            }
            if c < 0x20 || c == 0x7f {
                out.push(b'^');
                out.push(c.wrapping_add(0x40));
            } else {
                out.push(c);
            }
        }
        if last != b'\n' {
            out.push(b'\n');
        }
        shown = true;
    }
    if !shown {
        out.extend_from_slice(b"  No strings found in this section.");
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_specs_are_parsed_as_readelf_does() {
        assert_eq!(SectionSpec::parse(b"12"), SectionSpec::Number(12));
        assert_eq!(SectionSpec::parse(b"0x1f"), SectionSpec::Number(31));
        assert_eq!(SectionSpec::parse(b"010"), SectionSpec::Number(8));
        assert_eq!(SectionSpec::parse(b""), SectionSpec::Number(0));
        assert_eq!(SectionSpec::parse(b"-1"), SectionSpec::Name(b"-1".to_vec()));
        assert_eq!(
            SectionSpec::parse(b".text"),
            SectionSpec::Name(b".text".to_vec())
        );
        assert_eq!(SectionSpec::parse(b"08"), SectionSpec::Name(b"08".to_vec()));
    }

    #[test]
    fn strings_and_hex() {
        let mut out = Vec::new();
        write_strings(&mut out, b"\0ab\x01c\0x\ny\0");
        assert_eq!(
            out,
            b"  [     1]  ab^Ac\n  [     6]  x\\n\n            y\n\n"
        );
        out.clear();
        write_hex(&mut out, 0x10, b"ABCDEFGHIJKLMNOPQ");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  0x00000010 41424344 45464748 494a4b4c 4d4e4f50 ABCDEFGHIJKLMNOP\n  0x00000020 51                                  Q\n\n"
        );
    }
}
