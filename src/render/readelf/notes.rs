//! `readelf -n` / `-nW`: the notes (readelf.c `process_notes`,
//! `process_notes_at`, `process_note` and the per-owner printers
//! `print_gnu_note`, `print_gnu_property_note`, `print_stapsdt_note`,
//! `print_core_note`, `print_fdo_note`, `process_netbsd_elf_note`,
//! `print_gnu_build_attribute_name`/`_description`,
//! `print_note_contents_hex`).
//!
//! Not reproduced: the 64-bit note layout of OpenVMS files (`e_machine`
//! IA-64 with OSABI OpenVMS), and relocations applied to the note sections
//! of relocatable files (readelf's `apply_relocations`), which only matters
//! for objects whose notes carry relocations (annobin or stapsdt notes in
//! `.o` files; none under a Debian /usr).

use std::io::Write;

use crate::elf::note::{
    names, AbiTag, GnuProperty, GnuPropertyKind, GnuPropertyList, Note, NoteError, NoteOrigin,
    PropertyError, StapsdtProbe, FDO_PACKAGING_METADATA, NT_AMDGPU_METADATA, NT_FILE,
    NT_GNU_ABI_TAG, NT_GNU_BUILD_ATTRIBUTE_FUNC, NT_GNU_BUILD_ATTRIBUTE_OPEN, NT_GNU_BUILD_ID,
    NT_GNU_GOLD_VERSION, NT_GNU_HWCAP, NT_GNU_PROPERTY_TYPE_0,
};
use crate::elf::section::SHT_SYMTAB;
use crate::elf::symtab_lite::{
    self, SymbolTable, STB_GLOBAL, STB_LOCAL, STT_FILE, STT_FUNC, STT_OBJECT,
};
use crate::elf::ElfFile;

use super::sections::section_name_print;
use super::text::{alt_hex as hx, dec, full_hex, print_symbol, printable_section_name};

/// Appends `readelf -n` output (`-nW` when `wide`).
pub fn write_notes(out: &mut Vec<u8>, elf: &ElfFile, wide: bool) {
    let notes = elf.notes();
    if notes.core_without_segments {
        out.extend_from_slice(b"No notes found file.\n");
        return;
    }
    let mut printer = Printer {
        elf,
        wide,
        ga: BuildAttrState::default(),
        symtab: None,
    };
    for block in &notes.blocks {
        if !block.is_displayed() {
            continue;
        }
        out.push(b'\n');
        match block.origin {
            NoteOrigin::Section(i) => {
                out.extend_from_slice(b"Displaying notes found in: ");
                if let Some(s) = elf.section_headers().get(i) {
                    out.extend_from_slice(&printable_section_name(section_name_print(elf, s)));
                }
                out.push(b'\n');
            }
            NoteOrigin::Segment(_) => {
                let _ = writeln!(
                    out,
                    "Displaying notes found at file offset 0x{:08x} with length 0x{:08x}:",
                    block.offset, block.size
                );
            }
        }
        if let Some(NoteError::BadAlignment { .. }) = block.error {
            continue;
        }
        out.extend_from_slice(b"  Owner                Data size \tDescription\n");
        for note in &block.notes {
            printer.process_note(out, note);
        }
    }
}

/// readelf's static state of `print_gnu_build_attribute_description`: the
/// range of the last OPEN and FUNC notes, which a note with an empty
/// descriptor applies to.
#[derive(Debug, Default)]
struct BuildAttrState {
    global_offset: u64,
    global_end: u64,
    func_offset: u64,
    func_end: u64,
}

struct Printer<'e, 'a> {
    elf: &'e ElfFile<'a>,
    wide: bool,
    ga: BuildAttrState,
    /// readelf's `ba_cache`: the first loadable `SHT_SYMTAB`, read once.
    symtab: Option<Option<SymbolTable<'a>>>,
}

/// `strchr ("*$!+", c) != NULL`, where the end of the string (NUL) matches.
fn ga_type_char(c: Option<&u8>) -> bool {
    matches!(c, None | Some(b'*' | b'$' | b'!' | b'+' | 0))
}

/// readelf's test for a GNU build attribute note (owner "GA" + type
/// character, or a bare type character, and an OPEN or FUNC type).
fn is_build_attribute(note: &Note) -> bool {
    let n = note.name;
    ((n.starts_with(b"GA") && ga_type_char(n.get(2))) || ga_type_char(n.first()))
        && (note.n_type == NT_GNU_BUILD_ATTRIBUTE_OPEN
            || note.n_type == NT_GNU_BUILD_ATTRIBUTE_FUNC)
}

fn hex_bytes(out: &mut Vec<u8>, bytes: &[u8], sep: &str) {
    for b in bytes {
        let _ = write!(out, "{b:02x}{sep}");
    }
}

impl<'a> Printer<'_, 'a> {
    fn process_note(&mut self, out: &mut Vec<u8>, note: &Note<'a>) {
        let h = &self.elf.header;
        let n = note.name;
        let mut owner: &[u8] = if note.namesz == 0 { b"(NONE)" } else { n };
        let nt = match names::for_note(note, h.e_type, h.e_machine) {
            Some(nt) => nt,
            None => {
                self.netbsd_note(out, note);
                return;
            }
        };
        let mut nt_bytes: &[u8] = nt.as_bytes();
        if note.namesz != 0 && n.starts_with(b"SPU/") {
            // The type is the rest of the owner name, as it is in the file.
            nt_bytes = &n[4..];
            owner = b"SPU";
        }

        out.extend_from_slice(b"  ");
        let build_attr = is_build_attribute(note);
        if build_attr {
            self.build_attribute_name(out, note);
        } else {
            print_symbol(out, -20, owner, self.wide);
        }
        let _ = write!(out, " 0x{:08x}\t", note.descsz);
        out.extend_from_slice(nt_bytes);
        out.push(if self.wide { b'\t' } else { b'\n' });

        if n.starts_with(b"IPF/VMS") {
            ia64_vms_note(out, note);
        } else if n.starts_with(b"GNU") {
            self.gnu_note(out, note);
        } else if n.starts_with(b"stapsdt") {
            self.stapsdt_note(out, note);
        } else if n.starts_with(b"CORE") {
            self.core_note(out, note);
        } else if n.starts_with(b"FDO") {
            if note.descsz > 0 && note.n_type == FDO_PACKAGING_METADATA {
                out.extend_from_slice(b"    Packaging Metadata: ");
                let text = note.desc.split(|&c| c == 0).next().unwrap_or(&[]);
                out.extend_from_slice(text);
                out.push(b'\n');
            }
        } else if build_attr {
            self.build_attribute_description(out, note);
        } else if n.starts_with(b"AMDGPU") && note.n_type == NT_AMDGPU_METADATA {
            // readelf 2.40 as Debian builds it has no msgpack: hex dump.
            self.contents_hex(out, note);
        } else {
            self.contents_hex(out, note);
        }
    }

    /// `print_note_contents_hex`.
    fn contents_hex(&self, out: &mut Vec<u8>, note: &Note) {
        if note.descsz != 0 {
            out.extend_from_slice(b"   description data: ");
            hex_bytes(out, note.desc, " ");
            if !self.wide {
                out.push(b'\n');
            }
        }
        if self.wide {
            out.push(b'\n');
        }
    }

    /// `process_netbsd_elf_note` (owners "NetBSD" and "PaX").
    fn netbsd_note(&self, out: &mut Vec<u8>, note: &Note) {
        const NT_NETBSD_IDENT: u32 = 1;
        const NT_NETBSD_PAX: u32 = 3;
        const NT_NETBSD_MARCH: u32 = 5;
        let e = note.encoding;
        // readelf reads a full word whatever descsz says; the block's
        // padding is what it sees beyond the descriptor.
        let word = || e.u32(note.desc_tail, 0).unwrap_or(0);
        match note.n_type {
            NT_NETBSD_IDENT if note.descsz >= 1 => {
                let v = word();
                if (v / 10000) % 100 != 0 {
                    let letter = (b'A' + ((v / 10000) % 26) as u8) as char;
                    let _ = writeln!(
                        out,
                        "  NetBSD\t\t0x{:08x}\tIDENT {} ({}.{}{}{})",
                        note.descsz,
                        v,
                        v / 100_000_000,
                        (v / 1_000_000) % 100,
                        if (v / 10000) % 100 > 26 { "Z" } else { "" },
                        letter
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "  NetBSD\t\t0x{:08x}\tIDENT {} ({}.{}.{})",
                        note.descsz,
                        v,
                        v / 100_000_000,
                        (v / 1_000_000) % 100,
                        (v / 100) % 100
                    );
                }
            }
            NT_NETBSD_MARCH => {
                let _ = write!(out, "  NetBSD\t\t0x{:08x}\tMARCH <", note.descsz);
                let s = note.desc_tail.split(|&c| c == 0).next().unwrap_or(&[]);
                out.extend_from_slice(s);
                out.extend_from_slice(b">\n");
            }
            NT_NETBSD_PAX if note.descsz >= 1 => {
                let v = word();
                let flag = |bit: u32, s: &'static str| if v & bit != 0 { s } else { "" };
                let _ = writeln!(
                    out,
                    "  NetBSD\t\t0x{:08x}\tPaX <{}{}{}{}{}{}>",
                    note.descsz,
                    flag(0x01, "+mprotect"),
                    flag(0x02, "-mprotect"),
                    flag(0x04, "+guard"),
                    flag(0x08, "-guard"),
                    flag(0x10, "+ASLR"),
                    flag(0x20, "-ASLR"),
                );
            }
            _ => {
                let _ = writeln!(
                    out,
                    "  NetBSD\t0x{:08x}\tUnknown note type: (0x{:08x})",
                    note.descsz, note.n_type
                );
            }
        }
    }

    /// `print_gnu_note`.
    fn gnu_note(&self, out: &mut Vec<u8>, note: &Note) {
        let e = note.encoding;
        match note.n_type {
            NT_GNU_BUILD_ID => {
                out.extend_from_slice(b"    Build ID: ");
                hex_bytes(out, note.desc, "");
                out.push(b'\n');
            }
            NT_GNU_ABI_TAG => match AbiTag::parse(note.desc, e) {
                None => out.extend_from_slice(b"    <corrupt GNU_ABI_TAG>\n"),
                Some(t) => {
                    let _ = writeln!(
                        out,
                        "    OS: {}, ABI: {}.{}.{}",
                        t.os_name(),
                        t.major as i32,
                        t.minor as i32,
                        t.subminor as i32
                    );
                }
            },
            NT_GNU_GOLD_VERSION => {
                out.extend_from_slice(b"    Version: ");
                let v = note.desc.split(|&c| c == 0).next().unwrap_or(&[]);
                out.extend_from_slice(v);
                out.push(b'\n');
            }
            NT_GNU_HWCAP => {
                out.extend_from_slice(b"      Hardware Capabilities: ");
                if note.descsz >= 8 {
                    let num = e.u32(note.desc, 0).unwrap_or(0);
                    let mask = e.u32(note.desc, 4).unwrap_or(0);
                    let _ = writeln!(out, "num entries: {}, enabled mask: {mask:x}", num as i32);
                }
            }
            NT_GNU_PROPERTY_TYPE_0 => {
                self.gnu_properties(out, &GnuPropertyList::parse(note.desc, e));
            }
            _ => {
                out.extend_from_slice(b"    Description data: ");
                hex_bytes(out, note.desc, " ");
                out.push(b'\n');
            }
        }
    }

    /// `print_gnu_property_note`.
    fn gnu_properties(&self, out: &mut Vec<u8>, list: &GnuPropertyList) {
        out.extend_from_slice(b"      Properties: ");
        if let Some(PropertyError::BadDescSize { descsz }) = list.error {
            let _ = writeln!(
                out,
                "<corrupt GNU_PROPERTY_TYPE, size = {}>",
                hx(descsz as u64)
            );
            return;
        }
        let machine = self.elf.header.e_machine;
        for p in &list.properties {
            write_property(out, p, machine);
            if p.next == list.descsz {
                break;
            }
            if self.wide {
                out.extend_from_slice(b", ");
            } else {
                out.extend_from_slice(b"\n\t");
            }
        }
        match list.error {
            Some(PropertyError::Truncated { descsz }) => {
                let _ = writeln!(out, "<corrupt descsz: {}>", hx(descsz as u64));
            }
            Some(PropertyError::DataPastEnd { pr_type, datasz }) => {
                let _ = writeln!(
                    out,
                    "<corrupt type ({}) datasz: {}>",
                    hx(pr_type as u64),
                    hx(datasz as u64)
                );
            }
            _ => {}
        }
        out.push(b'\n');
    }

    /// `print_stapsdt_note`.
    fn stapsdt_note(&self, out: &mut Vec<u8>, note: &Note) {
        match StapsdtProbe::parse(note.desc, note.encoding) {
            Some(p) => {
                let is_64 = note.encoding.is_64;
                out.extend_from_slice(b"    Provider: ");
                out.extend_from_slice(p.provider);
                out.extend_from_slice(b"\n    Name: ");
                out.extend_from_slice(p.name);
                out.extend_from_slice(b"\n    Location: ");
                full_hex(out, p.pc, is_64);
                out.extend_from_slice(b", Base: ");
                full_hex(out, p.base, is_64);
                out.extend_from_slice(b", Semaphore: ");
                full_hex(out, p.semaphore, is_64);
                out.extend_from_slice(b"\n    Arguments: ");
                out.extend_from_slice(p.args);
                out.push(b'\n');
            }
            None => out.extend_from_slice(b"  <corrupt - note is too small>\n"),
        }
    }

    /// `print_core_note`.
    fn core_note(&self, out: &mut Vec<u8>, note: &Note) {
        if note.n_type != NT_FILE {
            if self.wide {
                out.push(b'\n');
            }
            return;
        }
        let e = note.encoding;
        if e.is_64 {
            // readelf 2.40 lost the `#ifndef BFD64` around this test, so it
            // says this for every 64-bit file.
            out.extend_from_slice(b"    Cannot decode 64-bit note in 32-bit build\n");
            return;
        }
        let desc = note.desc;
        let w = 4usize;
        if desc.len() < 2 * w || desc.last() != Some(&0) {
            return;
        }
        let count = u64::from(e.u32(desc, 0).unwrap_or(0));
        let page_size = u64::from(e.u32(desc, 4).unwrap_or(0));
        if count > (u64::MAX - 2 * w as u64) / (3 * w as u64)
            || (desc.len() as u64) < 2 * w as u64 + count * 3 * w as u64
        {
            return;
        }
        out.extend_from_slice(b"    Page size: ");
        dec(out, page_size);
        out.push(b'\n');
        let _ = writeln!(out, "    {:>10}{:>12}{:>12}", "Start", "End", "Page Offset");
        let mut names_at = 2 * w + count as usize * 3 * w;
        for k in 0..count as usize {
            if names_at >= desc.len() {
                return;
            }
            let at = 2 * w + k * 3 * w;
            let start = u64::from(e.u32(desc, at).unwrap_or(0));
            let end = u64::from(e.u32(desc, at + 4).unwrap_or(0));
            let ofs = u64::from(e.u32(desc, at + 8).unwrap_or(0));
            out.extend_from_slice(b"    ");
            full_hex(out, start, false);
            out.extend_from_slice(b"  ");
            full_hex(out, end, false);
            out.extend_from_slice(b"  ");
            full_hex(out, ofs, false);
            out.extend_from_slice(b"\n        ");
            let name = desc[names_at..].split(|&c| c == 0).next().unwrap_or(&[]);
            out.extend_from_slice(name);
            out.push(b'\n');
            names_at += name.len() + 1;
        }
    }

    /// `print_gnu_build_attribute_name`.
    fn build_attribute_name(&self, out: &mut Vec<u8>, note: &Note) {
        let wide = self.wide;
        let field = note.name_field;
        // readelf reads the name as a C string NUL-terminated at namesz.
        let at = |i: usize| -> u8 { field.get(i).copied().unwrap_or(0) };
        let cstr_from = |i: usize| -> &[u8] {
            let rest = field.get(i..).unwrap_or(&[]);
            let n = rest.iter().position(|&c| c == 0).unwrap_or(rest.len());
            &rest[..n]
        };
        let namesz = note.namesz as usize;
        if namesz < 2 {
            print_symbol(out, -20, b"  <corrupt name>", wide);
            return;
        }
        let mut left: i64 = if wide { 28 } else { 20 };
        let mut pos = 0usize;
        if at(0) == b'G' && at(1) == b'A' {
            if namesz < 4 {
                print_symbol(out, -20, b"  <corrupt name>", wide);
                return;
            }
            out.extend_from_slice(b"GA");
            pos = 2;
            left -= 2;
        }
        let name_type = at(pos);
        match name_type {
            b'*' | b'$' | b'+' | b'!' => {
                out.push(name_type);
                left -= 1;
            }
            _ => {
                print_symbol(out, -20, b"<unknown name type>", wide);
                return;
            }
        }
        pos += 1;
        let name_attribute = at(pos);
        let text: Option<String> = match name_attribute {
            1..=8 => {
                pos += 1;
                Some(
                    [
                        "<version>",
                        "<stack prot>",
                        "<relro>",
                        "<stack size>",
                        "<tool>",
                        "<ABI>",
                        "<PIC>",
                        "<short enum>",
                    ][usize::from(name_attribute - 1)]
                    .to_string(),
                )
            }
            0x20..=0x7e => {
                let s = cstr_from(pos);
                let mut len = s.len() as i64 + 1;
                if len > left && !wide {
                    len = left;
                }
                let shown = (len.max(0) as usize).min(s.len());
                out.extend_from_slice(&s[..shown]);
                out.push(b':');
                left -= len;
                pos += len.max(0) as usize;
                None
            }
            c => {
                pos += 1;
                Some(format!("<unknown:_{}>", c as i8))
            }
        };
        if let Some(t) = &text {
            out.extend_from_slice(t.as_bytes());
            left -= t.len() as i64;
        }
        if pos > namesz {
            return;
        }
        if left < 1 && !wide {
            return;
        }
        let width = (-left) as i32;
        match name_type {
            b'*' => {
                let mut bytes = namesz - pos;
                bytes = bytes.saturating_sub(1);
                bytes = bytes.min(8);
                let mut val: u64 = 0;
                for k in 0..bytes {
                    val |= u64::from(at(pos + k)) << (8 * k);
                }
                let decoded = match (name_attribute, val) {
                    (7, 0) => Some("static"),
                    (7, 1) => Some("pic"),
                    (7, 2) => Some("PIC"),
                    (7, 3) => Some("pie"),
                    (7, 4) => Some("PIE"),
                    (2, 0) => Some("off"),
                    (2, 1) => Some("on"),
                    (2, 2) => Some("all"),
                    (2, 3) => Some("strong"),
                    (2, 4) => Some("explicit"),
                    _ => None,
                };
                if let Some(d) = decoded {
                    print_symbol(out, width, d.as_bytes(), wide);
                    left = 0;
                } else if val == 0 {
                    out.extend_from_slice(b"0x0");
                    left -= 3;
                } else if wide {
                    let s = format!("0x{val:x}");
                    out.extend_from_slice(s.as_bytes());
                    left -= s.len() as i64;
                } else {
                    let s = format!("0x{:0>w$x}", val, w = left.max(0) as usize);
                    out.extend_from_slice(s.as_bytes());
                    left -= s.len() as i64;
                }
            }
            b'$' => {
                let s = cstr_from(pos);
                left -= print_symbol(out, width, s, wide) as i64;
            }
            b'+' => left -= print_symbol(out, width, b"true", wide) as i64,
            b'!' => left -= print_symbol(out, width, b"false", wide) as i64,
            _ => {}
        }
        if wide && left > 0 {
            // printf ("%-*s", left, " ")
            out.resize(out.len() + left as usize, b' ');
        }
    }

    /// `print_gnu_build_attribute_description`.
    fn build_attribute_description(&mut self, out: &mut Vec<u8>, note: &Note) {
        let is_open = note.n_type == NT_GNU_BUILD_ATTRIBUTE_OPEN;
        let e = note.encoding;
        let (start, mut end) = match note.descsz {
            0 => {
                let (off, end) = if is_open {
                    (self.ga.global_offset, self.ga.global_end)
                } else {
                    (self.ga.func_offset, self.ga.func_end)
                };
                if end > off {
                    let _ = writeln!(out, "    Applies to region from {} to {}", hx(off), hx(end));
                } else {
                    let _ = writeln!(out, "    Applies to region from {}", hx(off));
                }
                return;
            }
            4 => (u64::from(e.u32(note.desc, 0).unwrap_or(0)), 0),
            8 => (
                u64::from(e.u32(note.desc, 0).unwrap_or(0)),
                u64::from(e.u32(note.desc, 4).unwrap_or(0)),
            ),
            16 => (
                e.u64(note.desc, 0).unwrap_or(0),
                e.u64(note.desc, 8).unwrap_or(0),
            ),
            _ => {
                out.extend_from_slice(b"    <invalid descsz>");
                return;
            }
        };
        let mut found = self.symbol_for_build_attribute(start, is_open);
        if found.is_none() && is_open {
            found = self.symbol_for_build_attribute(start.wrapping_add(2), is_open);
        }
        if end == 0 {
            if let Some((size, _)) = found {
                if size > 0 {
                    end = start.wrapping_add(size);
                }
            }
        }
        let _ = write!(
            out,
            "    Applies to region from {}",
            super::text::alt_hex(start)
        );
        if is_open {
            self.ga.global_offset = start;
        } else {
            self.ga.func_offset = start;
        }
        if end != 0 {
            let _ = write!(out, " to {}", super::text::alt_hex(end));
            if is_open {
                self.ga.global_end = end;
            } else {
                self.ga.func_end = end;
            }
        }
        if let Some((_, name)) = found {
            out.extend_from_slice(b" (");
            out.extend_from_slice(name);
            out.push(b')');
        }
        out.push(b'\n');
    }

    /// `get_symbol_for_build_attribute`: the symbol's size and name.
    fn symbol_for_build_attribute(
        &mut self,
        offset: u64,
        is_open: bool,
    ) -> Option<(u64, &'a [u8])> {
        let elf = self.elf;
        let table = self
            .symtab
            .get_or_insert_with(|| {
                elf.section_headers()
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.sh_type == SHT_SYMTAB)
                    .find_map(|(i, _)| symtab_lite::read_symtab(elf, i))
            })
            .as_ref()?;
        let strings = table.strings;
        let byte = |i: u64| -> u8 { strings.get(i as usize).copied().unwrap_or(0) };
        let mut saved: Option<&symtab_lite::Sym> = None;
        for sym in &table.symbols {
            if sym.st_value != offset {
                continue;
            }
            let n = u64::from(sym.st_name);
            if n >= strings.len() as u64 || byte(n) == 0 {
                continue;
            }
            // Mapping symbols ($d, $x, $t, ...).
            if byte(n) == b'$' && byte(n + 1) != 0 && byte(n + 2) == 0 {
                continue;
            }
            if is_open {
                match sym.st_type() {
                    STT_OBJECT | STT_FILE => {
                        saved = Some(sym);
                        if sym.st_size != 0 {
                            break;
                        }
                        continue;
                    }
                    STT_FUNC => continue,
                    _ => {}
                }
                match sym.st_bind() {
                    STB_GLOBAL if saved.is_none_or(|s| s.st_type() != STT_OBJECT) => {
                        saved = Some(sym);
                    }
                    STB_LOCAL if saved.is_none() => saved = Some(sym),
                    _ => {}
                }
            } else {
                if sym.st_type() != STT_FUNC {
                    continue;
                }
                saved = Some(sym);
                break;
            }
        }
        let sym = saved?;
        Some((sym.st_size, table.name(sym).unwrap_or(&[])))
    }
}

/// `print_ia64_vms_note`.
fn ia64_vms_note(out: &mut Vec<u8>, note: &Note) {
    let e = note.encoding;
    let d = note.desc;
    let maxlen = d.len();
    // `%.*s`: at most `n` bytes, up to a NUL.
    let upto = |b: &[u8], n: usize| -> Vec<u8> {
        b.iter().take(n).take_while(|&&c| c != 0).copied().collect()
    };
    let cstr = |b: &[u8]| -> Vec<u8> { b.iter().take_while(|&&c| c != 0).copied().collect() };
    let fail = |out: &mut Vec<u8>| out.extend_from_slice(b"  <corrupt - data size is too small>\n");
    if maxlen < 2 {
        fail(out);
        return;
    }
    let u64_at = |at: usize| e.u64(d, at).unwrap_or(0);
    match note.n_type {
        1 => {
            if maxlen <= 36 {
                fail(out);
                return;
            }
            let l = d[34..].iter().position(|&c| c == 0).unwrap_or(maxlen - 34);
            out.extend_from_slice(b"    Creation date  : ");
            out.extend_from_slice(&upto(d, 17));
            out.extend_from_slice(b"\n    Last patch date: ");
            out.extend_from_slice(&upto(&d[17..], 17));
            out.push(b'\n');
            if l + 34 < maxlen {
                out.extend_from_slice(b"    Module name    : ");
                out.extend_from_slice(&cstr(&d[34..]));
                out.push(b'\n');
                if l + 35 < maxlen {
                    out.extend_from_slice(b"    Module version : ");
                    out.extend_from_slice(&cstr(note.desc_tail.get(35 + l..).unwrap_or(&[])));
                    out.push(b'\n');
                } else {
                    out.extend_from_slice(b"    Module version : <missing>\n");
                }
            } else {
                out.extend_from_slice(
                    b"    Module name    : <missing>\n    Module version : <missing>\n",
                );
            }
        }
        2 => {
            out.extend_from_slice(b"   Language: ");
            out.extend_from_slice(&upto(d, maxlen));
            out.push(b'\n');
        }
        6 => {
            out.extend_from_slice(b"   Floating Point mode: ");
            if maxlen < 8 {
                fail(out);
                return;
            }
            let _ = writeln!(out, "0x{:016x}", u64_at(0));
        }
        101 | 108 => {
            out.extend_from_slice(if note.n_type == 101 {
                b"   Link time: "
            } else {
                b"   Patch time: "
            });
            if maxlen < 8 {
                fail(out);
                return;
            }
            vms_time(out, u64_at(0) as i64);
            out.push(b'\n');
        }
        107 => {
            if maxlen < 34 {
                fail(out);
                return;
            }
            let _ = writeln!(
                out,
                "   Major id: {},  minor id: {}",
                e.u32(d, 0).unwrap_or(0),
                e.u32(d, 4).unwrap_or(0)
            );
            out.extend_from_slice(b"   Last modified  : ");
            vms_time(out, u64_at(8) as i64);
            let _ = writeln!(out, "\n   Link flags  : 0x{:016x}", u64_at(16));
            let _ = writeln!(out, "   Header flags: 0x{:08x}", e.u32(d, 24).unwrap_or(0));
            out.extend_from_slice(b"   Image id    : ");
            out.extend_from_slice(&upto(&d[32..], maxlen - 32));
            out.push(b'\n');
        }
        102 | 106 | 103 | 104 => {
            out.extend_from_slice(match note.n_type {
                102 => b"    Image name: ".as_slice(),
                106 => b"    Global symbol table name: ",
                103 => b"    Image id: ",
                _ => b"    Linker id: ",
            });
            out.extend_from_slice(&upto(d, maxlen));
            out.push(b'\n');
        }
        _ => {}
    }
}

/// `print_vms_time`: a VMS time (100 ns ticks since 1858-11-17) as UTC.
fn vms_time(out: &mut Vec<u8>, vmstime: i64) {
    const VMS_EPOCH_OFFSET: i64 = 35_067_168_000_000_000;
    const VMS_GRANULARITY_FACTOR: i64 = 10_000_000;
    if vmstime < i64::MIN + VMS_EPOCH_OFFSET {
        return;
    }
    let t = (vmstime - VMS_EPOCH_OFFSET) / VMS_GRANULARITY_FACTOR;
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (year, month, day) = super::time::civil_from_days(days);
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        year as i32 as u32,
        month,
        day,
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    );
}

/// One property as `print_gnu_property_note` prints it (without the
/// separator), e.g. `x86 feature: IBT, SHSTK`.
pub fn write_property(out: &mut Vec<u8>, p: &GnuProperty, machine: u16) {
    let v = p.u32_value();
    let datasz = p.data.len();
    let bits = |out: &mut Vec<u8>, label: &str, decode: fn(&mut Vec<u8>, u32)| match v {
        Some(v) => {
            let _ = write!(out, "{label}: ");
            decode(out, v);
        }
        None => {
            let _ = write!(out, "{label}: <corrupt length: {}> ", hx(datasz as u64));
        }
    };
    match p.kind(machine) {
        GnuPropertyKind::X86IsaUsed => bits(out, "x86 ISA used", decode_x86_isa),
        GnuPropertyKind::X86IsaNeeded => bits(out, "x86 ISA needed", decode_x86_isa),
        GnuPropertyKind::X86Feature1And => bits(out, "x86 feature", decode_x86_feature_1),
        GnuPropertyKind::X86Feature2Used => bits(out, "x86 feature used", decode_x86_feature_2),
        GnuPropertyKind::X86Feature2Needed => bits(out, "x86 feature needed", decode_x86_feature_2),
        GnuPropertyKind::X86CompatIsa1Used => bits(out, "x86 ISA used", decode_x86_compat_isa),
        GnuPropertyKind::X86CompatIsa1Needed => bits(out, "x86 ISA needed", decode_x86_compat_isa),
        GnuPropertyKind::X86Compat2Isa1Used => bits(out, "x86 ISA used", decode_x86_compat_2_isa),
        GnuPropertyKind::X86Compat2Isa1Needed => {
            bits(out, "x86 ISA needed", decode_x86_compat_2_isa)
        }
        GnuPropertyKind::Aarch64Feature1And => {
            out.extend_from_slice(b"AArch64 feature: ");
            match v {
                Some(v) => decode_aarch64_feature_1(out, v),
                None => {
                    let _ = write!(out, "<corrupt length: {}> ", hx(datasz as u64));
                }
            }
        }
        GnuPropertyKind::StackSize => {
            out.extend_from_slice(b"stack size: ");
            match p.word_value() {
                Some(s) => {
                    let _ = write!(out, "{}", super::text::alt_hex(s));
                }
                None => {
                    let _ = write!(out, "<corrupt length: {}> ", hx(datasz as u64));
                }
            }
        }
        GnuPropertyKind::NoCopyOnProtected => {
            out.extend_from_slice(b"no copy on protected ");
            if datasz != 0 {
                let _ = write!(out, "<corrupt length: {}> ", hx(datasz as u64));
            }
        }
        GnuPropertyKind::Needed1 => bits(out, "1_needed", decode_1_needed),
        GnuPropertyKind::Uint32And | GnuPropertyKind::Uint32Or => {
            if p.kind(machine) == GnuPropertyKind::Uint32And {
                let _ = write!(out, "UINT32_AND ({}): ", hx(p.pr_type as u64));
            } else {
                let _ = write!(out, "UINT32_OR ({}): ", hx(p.pr_type as u64));
            }
            match v {
                Some(v) => {
                    let _ = write!(out, "{}", super::text::alt_hex(u64::from(v)));
                }
                None => {
                    let _ = write!(out, "<corrupt length: {}> ", hx(datasz as u64));
                }
            }
        }
        GnuPropertyKind::Unknown => {
            use crate::elf::note::property::{GNU_PROPERTY_LOPROC, GNU_PROPERTY_LOUSER};
            let t = p.pr_type;
            if t < GNU_PROPERTY_LOPROC {
                let _ = write!(out, "<unknown type {} data: ", hx(t as u64));
            } else if t < GNU_PROPERTY_LOUSER {
                let _ = write!(out, "<processor-specific type {} data: ", hx(t as u64));
            } else {
                let _ = write!(out, "<application-specific type {} data: ", hx(t as u64));
            }
            hex_bytes(out, p.data, " ");
            out.push(b'>');
        }
    }
}

fn join_bits(out: &mut Vec<u8>, mut bitmask: u32, name: fn(u32) -> Option<&'static str>) {
    while bitmask != 0 {
        let bit = bitmask & bitmask.wrapping_neg();
        bitmask &= !bit;
        match name(bit) {
            Some(n) => out.extend_from_slice(n.as_bytes()),
            None => {
                let _ = write!(out, "<unknown: {bit:x}>");
            }
        }
        if bitmask != 0 {
            out.extend_from_slice(b", ");
        }
    }
}

/// `decode_x86_isa`.
fn decode_x86_isa(out: &mut Vec<u8>, bits: u32) {
    join_bits(out, bits, |b| match b {
        1 => Some("x86-64-baseline"),
        2 => Some("x86-64-v2"),
        4 => Some("x86-64-v3"),
        8 => Some("x86-64-v4"),
        _ => None,
    });
}

/// `decode_x86_feature_1`.
fn decode_x86_feature_1(out: &mut Vec<u8>, bits: u32) {
    if bits == 0 {
        out.extend_from_slice(b"<None>");
        return;
    }
    join_bits(out, bits, |b| match b {
        1 => Some("IBT"),
        2 => Some("SHSTK"),
        4 => Some("LAM_U48"),
        8 => Some("LAM_U57"),
        _ => None,
    });
}

/// `decode_x86_feature_2`.
fn decode_x86_feature_2(out: &mut Vec<u8>, bits: u32) {
    if bits == 0 {
        out.extend_from_slice(b"<None>");
        return;
    }
    join_bits(out, bits, |b| {
        Some(match b {
            0x1 => "x86",
            0x2 => "x87",
            0x4 => "MMX",
            0x8 => "XMM",
            0x10 => "YMM",
            0x20 => "ZMM",
            0x40 => "FXSR",
            0x80 => "XSAVE",
            0x100 => "XSAVEOPT",
            0x200 => "XSAVEC",
            0x400 => "TMM",
            0x800 => "MASK",
            _ => return None,
        })
    });
}

/// `decode_x86_compat_isa`.
fn decode_x86_compat_isa(out: &mut Vec<u8>, bits: u32) {
    const NAMES: [&str; 18] = [
        "i486", "586", "686", "SSE", "SSE2", "SSE3", "SSSE3", "SSE4_1", "SSE4_2", "AVX", "AVX2",
        "AVX512F", "AVX512CD", "AVX512ER", "AVX512PF", "AVX512VL", "AVX512DQ", "AVX512BW",
    ];
    join_bits(out, bits, |b| {
        NAMES.get(b.trailing_zeros() as usize).copied()
    });
}

/// `decode_x86_compat_2_isa`.
fn decode_x86_compat_2_isa(out: &mut Vec<u8>, bits: u32) {
    const NAMES: [&str; 25] = [
        "CMOV",
        "SSE",
        "SSE2",
        "SSE3",
        "SSSE3",
        "SSE4_1",
        "SSE4_2",
        "AVX",
        "AVX2",
        "FMA",
        "AVX512F",
        "AVX512CD",
        "AVX512ER",
        "AVX512PF",
        "AVX512VL",
        "AVX512DQ",
        "AVX512BW",
        "AVX512_4FMAPS",
        "AVX512_4VNNIW",
        "AVX512_BITALG",
        "AVX512_IFMA",
        "AVX512_VBMI",
        "AVX512_VBMI2",
        "AVX512_VNNI",
        "AVX512_BF16",
    ];
    if bits == 0 {
        out.extend_from_slice(b"<None>");
        return;
    }
    join_bits(out, bits, |b| {
        NAMES.get(b.trailing_zeros() as usize).copied()
    });
}

/// `decode_aarch64_feature_1_and`.
fn decode_aarch64_feature_1(out: &mut Vec<u8>, bits: u32) {
    join_bits(out, bits, |b| match b {
        1 => Some("BTI"),
        2 => Some("PAC"),
        _ => None,
    });
}

/// `decode_1_needed`.
fn decode_1_needed(out: &mut Vec<u8>, bits: u32) {
    join_bits(out, bits, |b| {
        (b == 1).then_some("indirect external access")
    });
}
