//! `readelf -h`: the file header (readelf.c `process_file_header`).

use std::io::Write;

use crate::elf::header::{EI_ABIVERSION, EI_CLASS, EI_DATA, EI_VERSION, PN_XNUM, SHN_XINDEX};
use crate::elf::{machine_flags, names, ElfFile};

use super::text::dec;

/// `EV_CURRENT`.
const EV_CURRENT: u8 = 1;

pub fn write_header(out: &mut Vec<u8>, elf: &ElfFile) {
    let h = &elf.header;
    let id = &h.e_ident;
    out.extend_from_slice(b"ELF Header:\n  Magic:   ");
    for b in id {
        let _ = write!(out, "{b:02x} ");
    }
    out.push(b'\n');
    let _ = writeln!(
        out,
        "  Class:                             {}",
        names::elf_class(id[EI_CLASS])
    );
    let _ = writeln!(
        out,
        "  Data:                              {}",
        names::data_encoding(id[EI_DATA])
    );
    let version = id[EI_VERSION];
    let version_note = match version {
        EV_CURRENT => " (current)",
        0 => "",
        _ => " <unknown>",
    };
    let _ = writeln!(
        out,
        "  Version:                           {version}{version_note}"
    );
    let _ = writeln!(
        out,
        "  OS/ABI:                            {}",
        names::osabi_name(h.osabi(), h.e_machine)
    );
    let _ = writeln!(
        out,
        "  ABI Version:                       {}",
        id[EI_ABIVERSION]
    );
    let _ = writeln!(
        out,
        "  Type:                              {}",
        names::file_type(h.e_type, elf.readelf_is_pie(true))
    );
    let _ = writeln!(
        out,
        "  Machine:                           {}",
        names::machine_name(h.e_machine)
    );
    let _ = writeln!(
        out,
        "  Version:                           {:#x}",
        h.e_version
    );
    let _ = write!(
        out,
        "  Entry point address:               0x{:x}",
        h.e_entry
    );
    out.extend_from_slice(b"\n  Start of program headers:          ");
    dec(out, h.e_phoff);
    out.extend_from_slice(b" (bytes into file)\n  Start of section headers:          ");
    dec(out, h.e_shoff);
    out.extend_from_slice(b" (bytes into file)\n");
    let _ = writeln!(
        out,
        "  Flags:                             {:#x}{}",
        h.e_flags,
        machine_flags::machine_flags(h.e_flags, h.e_machine, h.osabi(), h.abi_version())
    );
    let _ = writeln!(
        out,
        "  Size of this header:               {} (bytes)",
        h.e_ehsize
    );
    let _ = writeln!(
        out,
        "  Size of program headers:           {} (bytes)",
        h.e_phentsize
    );
    let _ = write!(out, "  Number of program headers:         {}", h.e_phnum);
    let s0 = elf.section0.as_ref();
    if let Some(s0) = s0 {
        if h.e_phnum == PN_XNUM && s0.sh_info != 0 {
            let _ = write!(out, " ({})", s0.sh_info);
        }
    }
    out.push(b'\n');
    let _ = writeln!(
        out,
        "  Size of section headers:           {} (bytes)",
        h.e_shentsize
    );
    let _ = write!(out, "  Number of section headers:         {}", h.e_shnum);
    let mut shnum = u32::from(h.e_shnum);
    if let Some(s0) = s0 {
        if h.e_shnum == 0 {
            shnum = s0.sh_size as u32;
            let _ = write!(out, " ({shnum})");
        }
    }
    out.push(b'\n');
    let _ = write!(out, "  Section header string table index: {}", h.e_shstrndx);
    let mut shstrndx = u32::from(h.e_shstrndx);
    if let Some(s0) = s0 {
        if h.e_shstrndx == SHN_XINDEX {
            shstrndx = s0.sh_link;
            let _ = write!(out, " ({shstrndx})");
        }
    }
    if shstrndx != 0 && shstrndx >= shnum {
        out.extend_from_slice(b" <corrupt: out of range>");
    }
    out.push(b'\n');
}
