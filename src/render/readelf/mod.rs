//! GNU readelf 2.40 text, byte for byte (the `-h -l -S -g -d -n -A` family).
//!
//! Each submodule mirrors one `process_*` function of binutils readelf.c.
//! [`write_object`] runs them in readelf's order (`process_object`: file
//! header, section headers, section groups, program headers, dynamic section,
//! notes, arch-specific). Only stdout is reproduced; readelf's warnings on
//! stderr are the model's diagnostics.

mod arch;
pub mod dynamic;
mod groups;
mod header;
mod mips;
pub mod notes;
mod sections;
mod segments;
pub mod text;

use crate::elf::ElfFile;

pub use arch::write_arch_specific;
pub use groups::write_section_groups;
pub use header::write_header;
pub use notes::write_notes;
pub use sections::write_sections;
pub use segments::write_segments;

/// Which parts to print, as readelf's `do_*` flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadelfOptions {
    /// `-h`
    pub file_header: bool,
    /// `-l`
    pub segments: bool,
    /// `-S`
    pub sections: bool,
    /// `-d`
    pub dynamic: bool,
    /// `-g`
    pub section_groups: bool,
    /// `-n`
    pub notes: bool,
    /// `-A`
    pub arch_specific: bool,
    /// `-W`
    pub wide: bool,
}

impl ReadelfOptions {
    pub fn any(&self) -> bool {
        self.file_header
            || self.segments
            || self.sections
            || self.dynamic
            || self.section_groups
            || self.notes
            || self.arch_specific
    }
}

/// Appends what readelf prints on stdout for one ELF object. `file_name` is
/// given when readelf would print `File: NAME` (more than one input file).
pub fn write_object(
    out: &mut Vec<u8>,
    elf: &ElfFile,
    opts: &ReadelfOptions,
    file_name: Option<&[u8]>,
) {
    if let Some(name) = file_name {
        out.extend_from_slice(b"\nFile: ");
        out.extend_from_slice(name);
        out.push(b'\n');
    }
    if opts.file_header {
        write_header(out, elf);
    }
    if opts.sections {
        write_sections(out, elf, opts.file_header, opts.wide);
    }
    if opts.section_groups {
        write_section_groups(out, elf);
    }
    if opts.segments {
        write_segments(out, elf, opts.file_header, opts.wide);
    }
    if opts.dynamic {
        write_dynamic_section(out, elf);
    }
    if opts.notes {
        write_notes(out, elf, opts.wide);
    }
    if opts.arch_specific {
        write_arch_specific(out, elf, opts.wide, opts.dynamic);
    }
}

/// `readelf -d`.
pub fn write_dynamic_section(out: &mut Vec<u8>, elf: &ElfFile) {
    match &elf.dynamic {
        None => out.extend_from_slice(b"\nThere is no dynamic section in this file.\n"),
        // readelf prints nothing when the table cannot be read.
        Some(Err(_)) => {}
        Some(Ok(d)) => {
            let entries: Vec<(u64, u64)> = d.entries.iter().map(|e| (e.d_tag, e.d_val)).collect();
            let table = dynamic::DynamicTable {
                is_64: elf.header.is_64(),
                e_machine: elf.header.e_machine,
                osabi: elf.header.osabi(),
                file_offset: d.file_offset,
                entries: &entries,
                strings: d.strings,
                interpreter: elf.interpreter(),
            };
            dynamic::write_dynamic(out, &table);
        }
    }
}
