//! `readelf -V`: the version sections (`.gnu.version_d`, `.gnu.version_r`,
//! `.gnu.version`) in section order, as readelf.c
//! `process_version_sections` prints them, including its exact behaviour on
//! damaged chains (partial lines, "past end of section" notes), since the
//! walk itself decides what is printed.
//!
//! Records are read with the model's decoders ([`crate::elf::version`]).

use std::io::Write;

use scroll::Endian;

use crate::elf::dynamic::offset_from_vma;
use crate::elf::version::{
    Verdaux, Verdef, Vernaux, Verneed, VersionTags, SHT_GNU_VERDEF, SHT_GNU_VERNEED,
    SHT_GNU_VERSYM, VERDAUX_SIZE, VERDEF_SIZE, VERNAUX_SIZE, VERNEED_SIZE, VERSYM_HIDDEN,
    VERSYM_VERSION, VER_FLG_BASE, VER_FLG_INFO, VER_FLG_WEAK,
};
use crate::elf::{bytes, ElfFile, SectionHeader};

use super::sections::section_name_print;
use super::text::printable_section_name;

/// `get_ver_flags`
pub fn version_flags(flags: u16) -> String {
    if flags == 0 {
        return "none".into();
    }
    let mut s = String::new();
    if flags & VER_FLG_BASE != 0 {
        s.push_str("BASE");
    }
    if flags & VER_FLG_WEAK != 0 {
        if flags & VER_FLG_BASE != 0 {
            s.push_str(" | ");
        }
        s.push_str("WEAK");
    }
    if flags & VER_FLG_INFO != 0 {
        if flags & (VER_FLG_BASE | VER_FLG_WEAK) != 0 {
            s.push_str(" | ");
        }
        s.push_str("INFO");
    }
    if flags & !(VER_FLG_BASE | VER_FLG_WEAK | VER_FLG_INFO) != 0 {
        if flags & (VER_FLG_BASE | VER_FLG_WEAK | VER_FLG_INFO) != 0 {
            s.push_str(" | ");
        }
        s.push_str("<unknown>");
    }
    s
}

/// C's `%#06zx`.
fn alt_hex6(v: u64) -> String {
    if v == 0 {
        "000000".into()
    } else {
        format!("0x{v:04x}")
    }
}

fn entries(n: u64) -> &'static str {
    if n == 1 {
        "entry"
    } else {
        "entries"
    }
}

/// readelf's `valid_dynamic_name` + `get_dynamic_name`.
fn dynamic_name(strings: Option<&[u8]>, offset: u32) -> Option<&[u8]> {
    let s = strings?;
    if u64::from(offset) >= s.len() as u64 {
        return None;
    }
    bytes::c_str(s, u64::from(offset))
}

/// State shared by the three section printers.
struct Ctx<'e, 'a> {
    elf: &'e ElfFile<'a>,
    endian: Endian,
    tags: VersionTags,
    /// readelf's `dynamic_strings`.
    strings: Option<&'a [u8]>,
}

impl<'a> Ctx<'_, 'a> {
    fn printable_name(&self, s: &SectionHeader) -> Vec<u8> {
        printable_section_name(section_name_print(self.elf, s))
    }

    /// `printable_section_name_from_index`
    fn printable_name_at(&self, index: u32) -> Vec<u8> {
        match self.elf.section_headers().get(index as usize) {
            Some(s) if index < self.elf.shnum => self.printable_name(s),
            _ => b"<corrupt>".to_vec(),
        }
    }

    /// The "Version ... section 'NAME' contains N entries:" title and the
    /// address line.
    fn title(&self, out: &mut Vec<u8>, what: &str, s: &SectionHeader, n: u64, link: &[u8]) {
        let _ = write!(out, "\n{what} section '");
        out.extend_from_slice(&self.printable_name(s));
        let _ = writeln!(out, "' contains {n} {}:", entries(n));
        let _ = write!(
            out,
            " Addr: 0x{:016x}  Offset: 0x{:08x}  Link: {} (",
            s.sh_addr, s.sh_offset, s.sh_link
        );
        out.extend_from_slice(link);
        out.extend_from_slice(b")\n");
    }

    fn section_bytes(&self, s: &SectionHeader) -> Option<&'a [u8]> {
        if s.sh_size == 0 {
            return None;
        }
        bytes::slice(self.elf.data, "version section", s.sh_offset, s.sh_size).ok()
    }

    fn write_verdef(&self, out: &mut Vec<u8>, s: &SectionHeader) {
        let link = self.printable_name_at(s.sh_link);
        self.title(out, "Version definition", s, u64::from(s.sh_info), &link);
        let Some(buf) = self.section_bytes(s) else {
            return;
        };
        let end = buf.len() as u64;
        let info = u64::from(s.sh_info);
        let mut idx = 0u64;
        let mut cnt = 0u64;
        while cnt < info {
            let mut vstart = idx;
            if vstart + VERDEF_SIZE > end {
                break;
            }
            let Some(ent) = Verdef::read(buf, vstart, self.endian) else {
                break;
            };
            let _ = write!(
                out,
                "  {}: Rev: {}  Flags: {}",
                alt_hex6(idx),
                ent.vd_version,
                version_flags(ent.vd_flags)
            );
            let _ = write!(out, "  Index: {}  Cnt: {}  ", ent.vd_ndx, ent.vd_cnt);
            if u64::from(ent.vd_aux) > end - vstart {
                break;
            }
            vstart += u64::from(ent.vd_aux);
            if vstart + VERDAUX_SIZE > end {
                break;
            }
            let Some(mut aux) = Verdaux::read(buf, vstart, self.endian) else {
                break;
            };
            match dynamic_name(self.strings, aux.vda_name) {
                Some(n) => {
                    out.extend_from_slice(b"Name: ");
                    out.extend_from_slice(n);
                    out.push(b'\n');
                }
                None => {
                    let _ = writeln!(out, "Name index: {}", aux.vda_name);
                }
            }
            let mut isum = idx + u64::from(ent.vd_aux);
            let cnt_aux = i32::from(ent.vd_cnt);
            let mut j: i32 = 1;
            while j < cnt_aux {
                if u64::from(aux.vda_next) < VERDAUX_SIZE
                    && !(j == cnt_aux - 1 && aux.vda_next == 0)
                {
                    // "Invalid vda_next field"
                    j = cnt_aux;
                    break;
                }
                if u64::from(aux.vda_next) > end - vstart {
                    break;
                }
                isum += u64::from(aux.vda_next);
                vstart += u64::from(aux.vda_next);
                if vstart + VERDAUX_SIZE > end {
                    break;
                }
                let Some(a) = Verdaux::read(buf, vstart, self.endian) else {
                    break;
                };
                aux = a;
                match dynamic_name(self.strings, aux.vda_name) {
                    Some(n) => {
                        let _ = write!(out, "  {}: Parent {}: ", alt_hex6(isum), j);
                        out.extend_from_slice(n);
                        out.push(b'\n');
                    }
                    None => {
                        let _ = writeln!(
                            out,
                            "  {}: Parent {}, name index: {}",
                            alt_hex6(isum),
                            j,
                            aux.vda_name
                        );
                    }
                }
                j += 1;
            }
            if j < cnt_aux {
                out.extend_from_slice(b"  Version def aux past end of section\n");
            }
            if u64::from(ent.vd_next) < VERDEF_SIZE && !(cnt == info - 1 && ent.vd_next == 0) {
                // "Invalid vd_next field"
                cnt = info;
                break;
            }
            if u64::from(ent.vd_next) > end - idx {
                break;
            }
            idx += u64::from(ent.vd_next);
            cnt += 1;
        }
        if cnt < info {
            out.extend_from_slice(b"  Version definition past end of section\n");
        }
    }

    fn write_verneed(&self, out: &mut Vec<u8>, s: &SectionHeader) {
        let link = self.printable_name_at(s.sh_link);
        self.title(out, "Version needs", s, u64::from(s.sh_info), &link);
        let Some(buf) = self.section_bytes(s) else {
            return;
        };
        let end = buf.len() as u64;
        let info = u64::from(s.sh_info);
        let mut idx = 0u64;
        let mut cnt = 0u64;
        while cnt < info {
            let mut vstart = idx;
            if vstart + VERNEED_SIZE > end {
                break;
            }
            let Some(ent) = Verneed::read(buf, vstart, self.endian) else {
                break;
            };
            let _ = write!(out, "  {}: Version: {}", alt_hex6(idx), ent.vn_version);
            match dynamic_name(self.strings, ent.vn_file) {
                Some(n) => {
                    out.extend_from_slice(b"  File: ");
                    out.extend_from_slice(n);
                }
                None => {
                    let _ = write!(out, "  File: {:x}", ent.vn_file);
                }
            }
            let _ = writeln!(out, "  Cnt: {}", ent.vn_cnt);
            if u64::from(ent.vn_aux) > end - vstart {
                break;
            }
            vstart += u64::from(ent.vn_aux);
            let mut isum = idx + u64::from(ent.vn_aux);
            let cnt_aux = i32::from(ent.vn_cnt);
            let mut j = 0;
            while j < cnt_aux {
                if vstart + VERNAUX_SIZE > end {
                    break;
                }
                let Some(aux) = Vernaux::read(buf, vstart, self.endian) else {
                    break;
                };
                match dynamic_name(self.strings, aux.vna_name) {
                    Some(n) => {
                        let _ = write!(out, "  {}:   Name: ", alt_hex6(isum));
                        out.extend_from_slice(n);
                    }
                    None => {
                        let _ = write!(
                            out,
                            "  {}:   Name index: {:x}",
                            alt_hex6(isum),
                            aux.vna_name
                        );
                    }
                }
                let _ = writeln!(
                    out,
                    "  Flags: {}  Version: {}",
                    version_flags(aux.vna_flags),
                    aux.vna_other
                );
                if u64::from(aux.vna_next) < VERNAUX_SIZE
                    && !(j == cnt_aux - 1 && aux.vna_next == 0)
                {
                    // "Invalid vna_next field"
                    break;
                }
                if u64::from(aux.vna_next) > end - vstart {
                    break;
                }
                isum += u64::from(aux.vna_next);
                vstart += u64::from(aux.vna_next);
                j += 1;
            }
            if u64::from(ent.vn_next) < VERNEED_SIZE && !(cnt == info - 1 && ent.vn_next == 0) {
                // "Invalid vn_next field"
                break;
            }
            if u64::from(ent.vn_next) > end - idx {
                break;
            }
            idx += u64::from(ent.vn_next);
            cnt += 1;
        }
    }

    /// The name column of one `.gnu.version` entry: the verneed walk, then
    /// the verdef walk; `Err(())` where readelf stops printing the entry
    /// (an unreadable `Verdaux`).
    fn versym_name<'s>(&self, value: u16, strtab: &'s [u8]) -> Result<Option<&'s [u8]>, ()> {
        const INVALID: &[u8] = b"*invalid*";
        const BOTH: &[u8] = b"*both*";
        let data = self.elf.data;
        let segments = self.elf.program_headers();
        let name_at = |n: u32| -> &'s [u8] {
            if u64::from(n) >= strtab.len() as u64 {
                INVALID
            } else {
                bytes::c_str(strtab, u64::from(n)).unwrap_or(INVALID)
            }
        };
        let mut name: Option<&'s [u8]> = None;
        if self.tags.verneed != 0 {
            let mut offset = offset_from_vma(segments, self.tags.verneed, VERNEED_SIZE);
            while let Some(vn) = Verneed::read(data, offset, self.endian) {
                let mut a_off = offset.wrapping_add(u64::from(vn.vn_aux));
                let mut hit = None;
                loop {
                    let vna = Vernaux::read(data, a_off, self.endian).unwrap_or_default();
                    a_off = a_off.wrapping_add(u64::from(vna.vna_next));
                    if vna.vna_other == value {
                        hit = Some(vna.vna_name);
                        break;
                    }
                    if vna.vna_next == 0 {
                        break;
                    }
                }
                if let Some(n) = hit {
                    name = Some(name_at(n));
                    break;
                }
                if vn.vn_next == 0 {
                    break;
                }
                offset = offset.wrapping_add(u64::from(vn.vn_next));
            }
        }
        let want = value & VERSYM_VERSION;
        if value != 0x8001 && self.tags.verdef != 0 {
            let mut offset = offset_from_vma(segments, self.tags.verdef, VERDEF_SIZE);
            let found = loop {
                let Some(vd) = Verdef::read(data, offset, self.endian) else {
                    break None;
                };
                if vd.vd_ndx == want {
                    break Some(offset.wrapping_add(u64::from(vd.vd_aux)));
                }
                if vd.vd_next == 0 {
                    break None;
                }
                offset = offset.wrapping_add(u64::from(vd.vd_next));
            };
            if let Some(aux_off) = found {
                let Some(vda) = Verdaux::read(data, aux_off, self.endian) else {
                    return Err(());
                };
                let n = vda.vda_name;
                name = Some(if u64::from(n) >= strtab.len() as u64 {
                    INVALID
                } else if name.is_some_and(|p| p != INVALID) {
                    BOTH
                } else {
                    name_at(n)
                });
            }
        }
        Ok(name)
    }

    fn write_versym(&self, out: &mut Vec<u8>, s: &SectionHeader, link_index: u32) {
        let elf = self.elf;
        let sections = elf.section_headers();
        let link_section = &sections[link_index as usize];
        let total = s.sh_size / 2;
        let num_syms = match elf.symbol_table(link_index as usize) {
            Ok(t) if !t.is_empty() => t.len() as u64,
            _ => return,
        };
        let string_sec = &sections[link_section.sh_link as usize];
        let Some(strtab) = self.section_bytes(string_sec) else {
            return;
        };
        self.title(
            out,
            "Version symbols",
            s,
            total,
            &self.printable_name(link_section),
        );
        let off = offset_from_vma(
            elf.program_headers(),
            self.tags.versym,
            total.wrapping_mul(2),
        );
        let Ok(edata) = bytes::table(elf.data, "version symbols", off, 2, total) else {
            return;
        };
        if total == 0 {
            return;
        }
        let value_at = |i: u64| -> u16 {
            let b = [edata[(2 * i) as usize], edata[(2 * i + 1) as usize]];
            match self.endian {
                Endian::Little => u16::from_le_bytes(b),
                Endian::Big => u16::from_be_bytes(b),
            }
        };
        let mut cnt = 0u64;
        while cnt < total {
            let _ = write!(out, "  {cnt:03x}:");
            let mut j = 0;
            while j < 4 && cnt + j < total {
                let index = cnt + j;
                let value = value_at(index);
                j += 1;
                match value {
                    0 => out.extend_from_slice(b"   0 (*local*)    "),
                    1 => out.extend_from_slice(b"   1 (*global*)   "),
                    _ => {
                        let hidden = if value & VERSYM_HIDDEN != 0 { 'h' } else { ' ' };
                        let _ = write!(out, "{:4x}{hidden}", value & VERSYM_VERSION);
                        let mut nn = 5usize;
                        if index >= num_syms {
                            // "invalid index into symbol array"
                            continue;
                        }
                        let Ok(name) = self.versym_name(value, strtab) else {
                            continue;
                        };
                        if let Some(name) = name {
                            // printf ("(%s%-*s", name, 12 - strlen (name), ")")
                            let width = (12 - name.len() as i64).unsigned_abs() as usize;
                            out.push(b'(');
                            out.extend_from_slice(name);
                            let _ = write!(out, "{:<width$}", ")");
                            nn += 1 + name.len() + width.max(1);
                        }
                        if nn < 18 {
                            out.resize(out.len() + (18 - nn), b' ');
                        }
                    }
                }
            }
            out.push(b'\n');
            cnt += 4;
        }
    }
}

/// `process_version_sections`. `tags` is readelf's `version_info`,
/// `strings` its dynamic string table.
pub fn write_versions(out: &mut Vec<u8>, elf: &ElfFile, tags: VersionTags, strings: Option<&[u8]>) {
    let ctx = Ctx {
        elf,
        endian: elf.header.ctx().le,
        tags,
        strings,
    };
    let shnum = elf.shnum;
    let mut found = false;
    for s in elf.section_headers() {
        match s.sh_type {
            SHT_GNU_VERDEF => {
                found = true;
                ctx.write_verdef(out, s);
            }
            SHT_GNU_VERNEED => {
                found = true;
                ctx.write_verneed(out, s);
            }
            SHT_GNU_VERSYM => {
                if s.sh_link >= shnum {
                    continue;
                }
                let link = &elf.section_headers()[s.sh_link as usize];
                if link.sh_link >= shnum {
                    continue;
                }
                found = true;
                ctx.write_versym(out, s, s.sh_link);
            }
            _ => {}
        }
    }
    if !found {
        out.extend_from_slice(b"\nNo version information found in this file.\n");
    }
}
