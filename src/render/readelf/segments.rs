//! `readelf -l` / `-lW`: program headers and the section to segment mapping
//! (readelf.c `process_program_headers`).

use std::io::Write;

use crate::elf::section::{SHF_ALLOC, SHF_TLS, SHT_NOBITS};
use crate::elf::segment::{
    PF_R, PF_W, PF_X, PT_DYNAMIC, PT_GNU_EH_FRAME, PT_GNU_MBIND_HI, PT_GNU_MBIND_LO, PT_GNU_RELRO,
    PT_GNU_SFRAME, PT_GNU_STACK, PT_INTERP, PT_LOAD, PT_NOTE, PT_PHDR, PT_TLS,
};
use crate::elf::{names, ElfFile, ProgramHeader, SectionHeader};

use super::sections::section_name_print;
use super::text::{alt_hex, full_hex, printable_section_name};

fn flag_chars(p_flags: u32) -> [u8; 3] {
    [
        if p_flags & PF_R != 0 { b'R' } else { b' ' },
        if p_flags & PF_W != 0 { b'W' } else { b' ' },
        if p_flags & PF_X != 0 { b'E' } else { b' ' },
    ]
}

pub fn write_segments(out: &mut Vec<u8>, elf: &ElfFile, with_header: bool, wide: bool) {
    let h = &elf.header;
    if elf.phnum == 0 {
        if h.e_phoff == 0 {
            out.extend_from_slice(b"\nThere are no program headers in this file.\n");
        }
        return;
    }
    if !with_header {
        let _ = writeln!(
            out,
            "\nElf file type is {}",
            names::file_type(h.e_type, elf.readelf_is_pie(false))
        );
        let _ = writeln!(out, "Entry point 0x{:x}", h.e_entry);
        let (verb, noun) = if elf.phnum == 1 {
            ("is", "header")
        } else {
            ("are", "headers")
        };
        let _ = writeln!(
            out,
            "There {verb} {} program {noun}, starting at offset {}",
            elf.phnum, h.e_phoff
        );
    }
    let Some(Ok(segments)) = &elf.segments else {
        return;
    };
    let is_64 = h.is_64();
    out.extend_from_slice(b"\nProgram Headers:\n");
    if !is_64 {
        out.extend_from_slice(
            b"  Type           Offset   VirtAddr   PhysAddr   FileSiz MemSiz  Flg Align\n",
        );
    } else if wide {
        out.extend_from_slice(
            b"  Type           Offset   VirtAddr           PhysAddr           FileSiz  MemSiz   Flg Align\n",
        );
    } else {
        out.extend_from_slice(
            b"  Type           Offset             VirtAddr           PhysAddr\n                 FileSiz            MemSiz              Flags  Align\n",
        );
    }
    for seg in segments {
        let ty = names::segment_type(seg.p_type, h.e_machine, h.osabi());
        let ty: String = ty.chars().take(14).collect();
        let _ = write!(out, "  {ty:<14} ");
        let flags = flag_chars(seg.p_flags);
        if !is_64 {
            // readelf casts to unsigned long, 64 bits on its (x86_64) host.
            let _ = write!(
                out,
                "0x{:06x} 0x{:08x} 0x{:08x} 0x{:05x} 0x{:05x} ",
                seg.p_offset, seg.p_vaddr, seg.p_paddr, seg.p_filesz, seg.p_memsz
            );
            out.extend_from_slice(&flags);
            let _ = write!(out, " {}", alt_hex(seg.p_align));
        } else if wide {
            let _ = write!(out, "0x{:06x} ", seg.p_offset);
            full_hex(out, seg.p_vaddr, true);
            out.push(b' ');
            full_hex(out, seg.p_paddr, true);
            let _ = write!(out, " 0x{:06x} 0x{:06x} ", seg.p_filesz, seg.p_memsz);
            out.extend_from_slice(&flags);
            let _ = write!(out, " {}", alt_hex(seg.p_align));
        } else {
            full_hex(out, seg.p_offset, true);
            out.push(b' ');
            full_hex(out, seg.p_vaddr, true);
            out.push(b' ');
            full_hex(out, seg.p_paddr, true);
            out.extend_from_slice(b"\n                 ");
            full_hex(out, seg.p_filesz, true);
            out.push(b' ');
            full_hex(out, seg.p_memsz, true);
            out.extend_from_slice(b"  ");
            out.extend_from_slice(&flags);
            let _ = write!(out, "    0x{:x}", seg.p_align);
        }
        out.push(b'\n');
        if seg.p_type == PT_INTERP {
            if let Some(interp) = elf.interpreter_of(seg) {
                out.extend_from_slice(b"      [Requesting program interpreter: ");
                out.extend_from_slice(interp);
                out.extend_from_slice(b"]\n");
            }
        }
    }
    let Some(Ok(sections)) = &elf.sections else {
        return;
    };
    if elf.shstrtab.is_none() {
        return;
    }
    out.extend_from_slice(b"\n Section to Segment mapping:\n  Segment Sections...\n");
    for (i, seg) in segments.iter().enumerate() {
        let _ = write!(out, "   {i:02}     ");
        for s in sections.iter().skip(1) {
            if !tbss_special(s, seg) && section_in_segment_strict(s, seg) {
                out.extend_from_slice(&printable_section_name(section_name_print(elf, s)));
                out.push(b' ');
            }
        }
        out.push(b'\n');
    }
}

/// `ELF_TBSS_SPECIAL` (include/elf/internal.h): a `.tbss` section outside
/// the `PT_TLS` segment occupies no address space.
fn tbss_special(s: &SectionHeader, seg: &ProgramHeader) -> bool {
    s.sh_flags & SHF_TLS != 0 && s.sh_type == SHT_NOBITS && seg.p_type != PT_TLS
}

fn section_size(s: &SectionHeader, seg: &ProgramHeader) -> u64 {
    if tbss_special(s, seg) {
        0
    } else {
        s.sh_size
    }
}

/// `ELF_SECTION_IN_SEGMENT_STRICT` (include/elf/internal.h, with
/// `check_vma` and `strict` set), with C's unsigned wrap-around kept.
fn section_in_segment_strict(s: &SectionHeader, seg: &ProgramHeader) -> bool {
    let tls = s.sh_flags & SHF_TLS != 0;
    let alloc = s.sh_flags & SHF_ALLOC != 0;
    let pt = seg.p_type;
    let type_ok = (tls && (pt == PT_TLS || pt == PT_GNU_RELRO || pt == PT_LOAD))
        || (!tls && pt != PT_TLS && pt != PT_PHDR);
    let alloc_only = pt == PT_LOAD
        || pt == PT_DYNAMIC
        || pt == PT_GNU_EH_FRAME
        || pt == PT_GNU_STACK
        || pt == PT_GNU_RELRO
        || pt == PT_GNU_SFRAME
        || (PT_GNU_MBIND_LO..=PT_GNU_MBIND_HI).contains(&pt);
    if !type_ok || (!alloc && alloc_only) {
        return false;
    }
    let size = section_size(s, seg);
    let in_file = s.sh_type == SHT_NOBITS
        || (s.sh_offset >= seg.p_offset
            && s.sh_offset - seg.p_offset <= seg.p_filesz.wrapping_sub(1)
            && (s.sh_offset - seg.p_offset).wrapping_add(size) <= seg.p_filesz);
    if !in_file {
        return false;
    }
    let in_memory = !alloc
        || (s.sh_addr >= seg.p_vaddr
            && s.sh_addr - seg.p_vaddr <= seg.p_memsz.wrapping_sub(1)
            && (s.sh_addr - seg.p_vaddr).wrapping_add(size) <= seg.p_memsz);
    if !in_memory {
        return false;
    }
    // No zero-size sections at the start or end of PT_DYNAMIC or PT_NOTE.
    (pt != PT_DYNAMIC && pt != PT_NOTE)
        || s.sh_size != 0
        || seg.p_memsz == 0
        || ((s.sh_type == SHT_NOBITS
            || (s.sh_offset > seg.p_offset && s.sh_offset - seg.p_offset < seg.p_filesz))
            && (!alloc || (s.sh_addr > seg.p_vaddr && s.sh_addr - seg.p_vaddr < seg.p_memsz)))
}
