//! GNU readelf 2.40 text, byte for byte (the `-h -l -S -g -d -r -u -s
//! --dyn-syms -V -I -D -n -A` family).
//!
//! Each submodule mirrors one `process_*` function of binutils readelf.c.
//! [`write_object`] runs them in readelf's order (`process_object`: file
//! header, section headers, section groups, program headers, dynamic section,
//! relocations, unwind tables, symbol tables and histogram, version sections,
//! notes, arch-specific). Only stdout is reproduced; readelf's warnings on
//! stderr are the model's diagnostics.

mod arch;
pub mod archive;
pub mod demangle;
pub mod dump;
pub mod dynamic;
mod groups;
mod header;
pub mod histogram;
mod mips;
pub mod notes;
pub mod relocs;
mod sections;
mod segments;
pub mod symbols;
pub mod text;
mod time;
pub mod unwind;
pub mod versions;

use crate::elf::symbol::DynamicSymbolState;

use crate::elf::version::VersionTags;
use crate::elf::ElfFile;
pub use demangle::{Demangle, DemangleStyle};

pub use arch::write_arch_specific;
pub use groups::write_section_groups;
pub use header::write_header;
pub use notes::write_notes;
pub use relocs::write_relocs;
pub use sections::write_sections;
pub use segments::write_segments;
pub use unwind::write_unwind;

/// Which parts to print, as readelf's `do_*` flags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
    /// `-r`
    pub relocs: bool,
    /// `-u`
    pub unwind: bool,
    /// `-s` / `--syms` / `--symbols`
    pub syms: bool,
    /// `--dyn-syms`
    pub dyn_syms: bool,
    /// `-V` / `--version-info`
    pub version_info: bool,
    /// `-I` / `--histogram`
    pub histogram: bool,
    /// `-D` / `--use-dynamic` (not a display option by itself): relocations
    /// from the dynamic section's tags, symbols through the hash tables.
    pub use_dynamic: bool,
    /// `-C` / `--demangle[=STYLE]`: names printed as libiberty demangles
    /// them (`None`: `--no-demangle`, the default).
    pub demangle: Option<Demangle>,
    /// `-c` / `--archive-index`: an archive's symbol index first.
    pub archive_index: bool,
    /// `-x`, `-p`, `-R` (and `-z`).
    pub dumps: dump::DumpRequests,
}

impl ReadelfOptions {
    pub fn any(&self) -> bool {
        self.file_header
            || self.segments
            || self.sections
            || self.dynamic
            || self.relocs
            || self.unwind
            || self.syms
            || self.dyn_syms
            || self.version_info
            || self.histogram
            || self.section_groups
            || self.notes
            || self.arch_specific
            || !self.dumps.is_empty()
    }

    /// [`Self::any`], or `-c`: whether readelf has anything to do.
    pub fn any_or_index(&self) -> bool {
        self.any() || self.archive_index
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
    write_object_status(out, elf, opts, file_name);
}

/// [`write_object`], returning what the dumps found wrong (which makes
/// readelf's exit status 1, unlike its table warnings).
pub fn write_object_status(
    out: &mut Vec<u8>,
    elf: &ElfFile,
    opts: &ReadelfOptions,
    file_name: Option<&[u8]>,
) -> dump::DumpOutcome {
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

    // process_object: without readable section headers readelf drops -V,
    // and -s/--dyn-syms unless -D.
    let sections_ok = sections_readable(elf);
    let syms = opts.syms && (sections_ok || opts.use_dynamic);
    let dyn_syms = opts.dyn_syms && (sections_ok || opts.use_dynamic);
    let version_info = opts.version_info && sections_ok;

    // process_dynamic_section: what it finds of the dynamic symbols, or
    // whether it gives up before printing anything.
    let needs_state = syms
        || dyn_syms
        || opts.histogram
        || version_info
        || (opts.dynamic && opts.use_dynamic)
        || (opts.relocs && opts.use_dynamic);
    let state = if needs_state {
        elf.readelf_dynamic_symbols(
            opts.histogram,
            opts.histogram || (opts.use_dynamic && !opts.dyn_syms),
        )
    } else {
        DynamicSymbolState::default()
    };
    let tags = if state.aborted {
        VersionTags::default()
    } else {
        elf.version_tags()
    };

    if opts.dynamic && !state.aborted {
        write_dynamic_section(out, elf);
    }
    if opts.relocs {
        relocs::write_relocs(
            out,
            elf,
            &relocs::RelocListing {
                wide: opts.wide,
                use_dynamic: opts.use_dynamic,
                state: &state,
                tags,
                demangle: opts.demangle,
            },
        );
    }
    // process_section_headers failed: readelf turns -u off.
    if opts.unwind && sections_ok {
        write_unwind(out, elf);
    }
    if syms || dyn_syms {
        let listing = symbols::SymbolListing {
            syms,
            dyn_syms,
            use_dynamic: opts.use_dynamic,
            wide: opts.wide,
            demangle: opts.demangle,
        };
        symbols::write_symbols(out, elf, &state, tags, &listing);
    }
    if opts.histogram {
        if let Some(hash) = &state.hash {
            histogram::write_histogram(out, hash);
        }
    }
    if version_info {
        versions::write_versions(out, elf, tags, state.strings);
    }
    let mut outcome = dump::DumpOutcome::default();
    if !opts.dumps.is_empty() && sections_ok {
        outcome = dump::write_dumps(out, elf, &opts.dumps);
    }
    if opts.notes {
        match relocated_notes(elf) {
            Some(bytes) => match ElfFile::parse(&bytes) {
                Ok(patched) => write_notes(out, &patched, opts.wide),
                Err(_) => write_notes(out, elf, opts.wide),
            },
            None => write_notes(out, elf, opts.wide),
        }
    }
    if opts.arch_specific {
        write_arch_specific(out, elf, opts.wide, opts.dynamic);
    }
    outcome
}

/// Whether readelf's `process_section_headers` succeeds: no section
/// headers and no `e_shoff`, or a readable table.
pub fn sections_readable(elf: &ElfFile) -> bool {
    match &elf.sections {
        None => elf.header.e_shoff == 0,
        Some(r) => r.is_ok(),
    }
}

impl ReadelfOptions {
    /// What readelf 2.40's `process_object` turns off, for the rest of the
    /// run (they are globals), when an object's section headers cannot be
    /// read: `-u -V -A` and the dumps, and `-s --dyn-syms -r` unless `-D`.
    pub fn after_unreadable_sections(&mut self) {
        self.unwind = false;
        self.version_info = false;
        self.arch_specific = false;
        self.dumps.requests.clear();
        if !self.use_dynamic {
            self.syms = false;
            self.dyn_syms = false;
            self.relocs = false;
        }
    }
}

/// readelf's `process_notes_at` applies a relocatable object's
/// relocations to its note sections (a stapsdt probe's addresses, say)
/// before decoding them: a copy of the file with those sections
/// relocated, when there is anything to relocate on a machine relf knows.
fn relocated_notes(elf: &ElfFile) -> Option<Vec<u8>> {
    use crate::elf::relocate;
    use crate::elf::section::SHT_NOTE;
    if !relocate::supports(elf.header.e_machine) {
        return None;
    }
    let notes: Vec<usize> = elf
        .section_headers()
        .iter()
        .enumerate()
        .filter(|(i, s)| s.sh_type == SHT_NOTE && relocate::has_relocations(elf, *i))
        .map(|(i, _)| i)
        .collect();
    if notes.is_empty() {
        return None;
    }
    let mut copy = elf.data.to_vec();
    for i in notes {
        let s = &elf.section_headers()[i];
        let (Ok(start), Ok(len)) = (usize::try_from(s.sh_offset), usize::try_from(s.sh_size))
        else {
            continue;
        };
        let Some(range) = copy.get_mut(start..start.saturating_add(len)) else {
            continue;
        };
        let _ = relocate::apply_relocations(elf, i, range);
    }
    Some(copy)
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
