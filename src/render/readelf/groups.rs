//! `readelf -g`: section groups (readelf.c `process_section_groups` and
//! `get_group_flags`).

use std::io::Write;

use crate::elf::group::{SectionGroups, Signature, GRP_COMDAT, GRP_MASKOS, GRP_MASKPROC};
use crate::elf::ElfFile;

use super::sections::section_name_print;
use super::text::printable_section_name;

/// `get_group_flags`.
fn group_flags(flags: u32) -> String {
    match flags {
        0 => String::new(),
        GRP_COMDAT => "COMDAT ".into(),
        _ => format!(
            "[0x{flags:x}: {}{}{}]",
            if flags & GRP_MASKOS != 0 {
                "<OS specific>"
            } else {
                ""
            },
            if flags & GRP_MASKPROC != 0 {
                "<PROC specific>"
            } else {
                ""
            },
            if flags & !(GRP_COMDAT | GRP_MASKOS | GRP_MASKPROC) != 0 {
                "<unknown>"
            } else {
                ""
            }
        ),
    }
}

/// Appends `readelf -g` output.
pub fn write_section_groups(out: &mut Vec<u8>, elf: &ElfFile) {
    let mut diagnostics = Vec::new();
    let groups = match elf.section_groups(&mut diagnostics) {
        SectionGroups::None => {
            out.extend_from_slice(b"\nThere are no section groups in this file.\n");
            return;
        }
        SectionGroups::Unavailable => return,
        SectionGroups::Groups(g) => g,
    };
    let sections = elf.section_headers();
    for g in &groups {
        let Some(section) = sections.get(g.section_index) else {
            continue;
        };
        let _ = write!(
            out,
            "\n{}group section [{:5}] `",
            group_flags(g.flags),
            g.section_index
        );
        out.extend_from_slice(&printable_section_name(section_name_print(elf, section)));
        out.extend_from_slice(b"' [");
        match g.signature {
            Signature::Symbol(name) => out.extend_from_slice(name),
            Signature::Section(i) => {
                if let Some(s) = sections.get(i) {
                    out.extend_from_slice(section_name_print(elf, s));
                }
            }
            Signature::Corrupt => out.extend_from_slice(b"<corrupt>"),
        }
        let _ = writeln!(out, "] contains {} sections:", g.count);
        out.extend_from_slice(b"   [Index]    Name\n");
        for m in g.members.iter().filter(|m| m.is_shown()) {
            let _ = write!(out, "   [{:5}]   ", m.index);
            if let Some(s) = sections.get(m.index as usize) {
                out.extend_from_slice(&printable_section_name(section_name_print(elf, s)));
            }
            out.push(b'\n');
        }
    }
}
