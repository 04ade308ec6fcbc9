//! ELF notes (`Elf_External_Note` records) from `SHT_NOTE` sections or
//! `PT_NOTE` segments, chosen and walked exactly as GNU readelf 2.40 does
//! (`process_notes`, `process_note_sections`,
//! `process_corefile_note_segments` and `process_notes_at` in binutils
//! readelf.c), with typed accessors for the notes other parts of relf use:
//! GNU build ID, ABI tag and properties, Go build ID, SystemTap probes.
//!
//! Nothing here prints. Where readelf would stop walking a block (a note
//! whose sizes do not fit, an alignment other than 4 or 8) the block keeps
//! the notes read so far and says why it stopped; every size comes from the
//! file and is checked before use, and nothing is allocated by a count read
//! from the file.

pub mod dlopen;
pub mod names;
pub mod property;

use super::bytes;
use super::endian::Encoding;
use super::error::TableError;
use super::header::ET_CORE;
use super::section::SHT_NOTE;
use super::segment::PT_NOTE;
use super::ElfFile;

pub use dlopen::{DlopenDep, DlopenError, DlopenPriority, FDO_DLOPEN_METADATA};
pub use property::{GnuProperty, GnuPropertyKind, GnuPropertyList, PropertyError};

/// Note types of notes without an owner or with an unknown one (readelf's
/// `get_note_type`, non-core part).
pub const NT_VERSION: u32 = 1;
pub const NT_ARCH: u32 = 2;
pub const NT_GO_BUILDID: u32 = 4;
pub const FDO_PACKAGING_METADATA: u32 = 0xcafe_1a7e;

/// Owner "GNU".
pub const NT_GNU_ABI_TAG: u32 = 1;
pub const NT_GNU_HWCAP: u32 = 2;
pub const NT_GNU_BUILD_ID: u32 = 3;
pub const NT_GNU_GOLD_VERSION: u32 = 4;
pub const NT_GNU_PROPERTY_TYPE_0: u32 = 5;
pub const NT_GNU_BUILD_ATTRIBUTE_OPEN: u32 = 0x100;
pub const NT_GNU_BUILD_ATTRIBUTE_FUNC: u32 = 0x101;

/// Owner "stapsdt".
pub const NT_STAPSDT: u32 = 3;

/// Owner "AMDGPU".
pub const NT_AMDGPU_METADATA: u32 = 32;

/// Core file notes (owner "CORE" or "LINUX").
pub const NT_PRSTATUS: u32 = 1;
pub const NT_FPREGSET: u32 = 2;
pub const NT_PRPSINFO: u32 = 3;
pub const NT_TASKSTRUCT: u32 = 4;
pub const NT_AUXV: u32 = 6;
pub const NT_PRXFPREG: u32 = 0x46e6_2b7f;
pub const NT_X86_XSTATE: u32 = 0x202;
pub const NT_SIGINFO: u32 = 0x5349_4749;
pub const NT_FILE: u32 = 0x4649_4c45;

/// `GNU_ABI_TAG_*`: the OS word of an `NT_GNU_ABI_TAG` note.
pub const GNU_ABI_TAG_LINUX: u32 = 0;
pub const GNU_ABI_TAG_HURD: u32 = 1;
pub const GNU_ABI_TAG_SOLARIS: u32 = 2;
pub const GNU_ABI_TAG_FREEBSD: u32 = 3;
pub const GNU_ABI_TAG_NETBSD: u32 = 4;
pub const GNU_ABI_TAG_SYLLABLE: u32 = 5;
pub const GNU_ABI_TAG_NACL: u32 = 6;

/// Size of the fixed part of a note (`namesz`, `descsz`, `type`).
const NOTE_HEADER_SIZE: u64 = 12;

/// Where a block of notes comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteOrigin {
    /// An `SHT_NOTE` section, by index.
    Section(usize),
    /// A `PT_NOTE` program header, by index.
    Segment(usize),
}

/// Why the walk of a block stopped before its end (readelf's warnings in
/// `process_notes_at`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteError {
    /// `sh_addralign` / `p_align` is neither below 4, 4 nor 8: readelf
    /// prints the block's heading and nothing else.
    BadAlignment { align: u64 },
    /// Fewer than 12 bytes left for the next note header.
    Truncated { remaining: u64 },
    /// `namesz` or `descsz` runs past the end of the block.
    InvalidSizes {
        offset: u64,
        n_type: u32,
        namesz: u32,
        descsz: u32,
        align: u64,
    },
    /// More than [`MAX_NOTES`] notes in the file's blocks together.
    LimitExceeded,
}

/// Most notes relf walks in one file, over all blocks (about 100 MiB
/// decoded). Each note takes at least 12 bytes, but every `SHT_NOTE` section
/// header may describe the same bytes, so a small file can describe millions;
/// real files have a handful (core files a few thousand).
pub const MAX_NOTES: u64 = 1 << 20;

impl std::fmt::Display for NoteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoteError::BadAlignment { align } => {
                write!(f, "Corrupt note: alignment {}, expecting 4 or 8", *align as i64)
            }
            NoteError::Truncated { remaining: 1 } => write!(
                f,
                "Corrupt note: only 1 byte remains, not enough for a full note"
            ),
            NoteError::Truncated { remaining } => write!(
                f,
                "Corrupt note: only {remaining} bytes remain, not enough for a full note"
            ),
            NoteError::InvalidSizes {
                offset,
                n_type,
                namesz,
                descsz,
                align,
            } => write!(
                f,
                "note with invalid namesz and/or descsz found at offset {} (type: {}, namesize: {}, descsize: {}, alignment: {align})",
                alt_hex(*offset),
                alt_hex(u64::from(*n_type)),
                alt_hex(u64::from(*namesz)),
                alt_hex(u64::from(*descsz))
            ),
            NoteError::LimitExceeded => write!(
                f,
                "more than {MAX_NOTES} notes, relf's limit; the rest are not shown"
            ),
        }
    }
}

/// One note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note<'a> {
    /// Offset of the note header from the start of its block.
    pub offset: u64,
    pub n_type: u32,
    pub namesz: u32,
    pub descsz: u32,
    /// The name as readelf's `namedata` reads it: a C string. With
    /// `namesz > 0` that is the name up to its first NUL (at most `namesz`
    /// bytes). With `namesz == 0` readelf still looks at the bytes after the
    /// header when it dispatches on the name, so this is the C string that
    /// starts there (usually the descriptor); [`Note::owner`] is `None`.
    pub name: &'a [u8],
    /// The raw name field (`namesz` bytes, NUL included when present).
    pub name_field: &'a [u8],
    /// The descriptor (`descsz` bytes).
    pub desc: &'a [u8],
    /// The block's bytes from the descriptor to the end of the block: a few
    /// of readelf's decoders read a fixed-size word or a C string from the
    /// descriptor whatever `descsz` says (NetBSD notes), and that is what
    /// they see.
    pub desc_tail: &'a [u8],
    /// Byte order and class of the file, for the typed accessors.
    pub encoding: Encoding,
}

/// One `SHT_NOTE` section or `PT_NOTE` segment and the notes in it.
#[derive(Debug, Clone)]
pub struct NoteBlock<'a> {
    pub origin: NoteOrigin,
    /// File offset and size of the block (`sh_offset`/`sh_size` or
    /// `p_offset`/`p_filesz`).
    pub offset: u64,
    pub size: u64,
    /// The alignment as stored (`sh_addralign` / `p_align`).
    pub align: u64,
    /// The block's bytes. readelf prints nothing at all for an empty block
    /// or one it cannot read.
    pub data: Result<&'a [u8], TableError>,
    /// The notes, in file order, up to the first malformed one.
    pub notes: Vec<Note<'a>>,
    /// Why the walk stopped early, if it did.
    pub error: Option<NoteError>,
}

impl NoteBlock<'_> {
    /// Whether readelf prints anything for this block (its heading at least).
    pub fn is_displayed(&self) -> bool {
        self.size != 0 && self.data.is_ok()
    }

    /// The alignment readelf walks the block with: 4 below 4, else as stored.
    pub fn walk_alignment(&self) -> u64 {
        self.align.max(4)
    }
}

/// Which notes readelf looks at for a file.
#[derive(Debug, Clone)]
pub struct Notes<'a> {
    /// The blocks in the order readelf shows them.
    pub blocks: Vec<NoteBlock<'a>>,
    /// A core file without program headers: readelf says "No notes found
    /// file." and looks no further.
    pub core_without_segments: bool,
    /// Problems found, as readelf would warn about them, in order.
    pub diagnostics: Vec<String>,
    /// Notes that may still be walked ([`MAX_NOTES`] in all).
    budget: u64,
}

impl<'a> Notes<'a> {
    /// Locates and walks the notes of `elf` (readelf's `process_notes`).
    pub fn parse(elf: &ElfFile<'a>) -> Notes<'a> {
        let mut notes = Notes {
            blocks: Vec::new(),
            core_without_segments: false,
            diagnostics: Vec::new(),
            budget: MAX_NOTES,
        };
        if elf.header.e_type == ET_CORE {
            if elf.phnum > 0 {
                notes.add_segments(elf);
            } else {
                notes.core_without_segments = true;
            }
            return notes;
        }
        // process_note_sections: every SHT_NOTE section counts, even an
        // empty or unreadable one, and only when there is none at all are
        // the PT_NOTE segments used instead.
        for (i, s) in elf.section_headers().iter().enumerate() {
            if s.sh_type == SHT_NOTE {
                notes.add_block(
                    elf,
                    NoteOrigin::Section(i),
                    s.sh_offset,
                    s.sh_size,
                    s.sh_addralign,
                );
            }
        }
        if notes.blocks.is_empty() {
            notes.add_segments(elf);
        }
        notes
    }

    fn add_segments(&mut self, elf: &ElfFile<'a>) {
        for (i, p) in elf.program_headers().iter().enumerate() {
            if p.p_type == PT_NOTE {
                self.add_block(
                    elf,
                    NoteOrigin::Segment(i),
                    p.p_offset,
                    p.p_filesz,
                    p.p_align,
                );
            }
        }
    }

    fn add_block(
        &mut self,
        elf: &ElfFile<'a>,
        origin: NoteOrigin,
        offset: u64,
        size: u64,
        align: u64,
    ) {
        let what = match origin {
            NoteOrigin::Section(_) => "section contents",
            NoteOrigin::Segment(_) => "notes",
        };
        let data = bytes::slice(elf.data, what, offset, size);
        let mut block = NoteBlock {
            origin,
            offset,
            size,
            align,
            data,
            notes: Vec::new(),
            error: None,
        };
        if size != 0 {
            match &block.data {
                Ok(raw) => {
                    let (notes, error) =
                        walk(raw, align, Encoding::of(&elf.header), &mut self.budget);
                    block.notes = notes;
                    block.error = error;
                }
                Err(e) => self.diagnostics.push(e.to_string()),
            }
        }
        if let Some(e) = &block.error {
            self.diagnostics.push(e.to_string());
        }
        self.blocks.push(block);
    }

    /// Whether readelf's `process_notes` returns false for these blocks,
    /// which makes readelf exit 1: `process_notes_at` fails for a block it
    /// cannot read (`get_data` returns NULL, also for an empty block) or
    /// whose alignment is neither 4 nor 8; a truncated or oversized note
    /// only stops the walk with a warning.
    pub fn readelf_fails(&self) -> bool {
        self.blocks.iter().any(|b| {
            b.size == 0
                || b.data.is_err()
                || matches!(b.error, Some(NoteError::BadAlignment { .. }))
        })
    }

    /// Every note of every block, in display order.
    pub fn iter(&self) -> impl Iterator<Item = &Note<'a>> + '_ {
        self.blocks.iter().flat_map(|b| b.notes.iter())
    }

    /// The first GNU build ID (`NT_GNU_BUILD_ID`), as raw bytes.
    pub fn gnu_build_id(&self) -> Option<&'a [u8]> {
        self.iter().find_map(Note::gnu_build_id)
    }

    /// The first `NT_GNU_ABI_TAG`.
    pub fn gnu_abi_tag(&self) -> Option<AbiTag> {
        self.iter().find_map(Note::gnu_abi_tag)
    }

    /// The properties of the first `NT_GNU_PROPERTY_TYPE_0` note.
    pub fn gnu_properties(&self) -> Option<GnuPropertyList<'a>> {
        self.iter().find_map(Note::gnu_properties)
    }

    /// The Go build ID (owner "Go", type 4) as text bytes.
    pub fn go_build_id(&self) -> Option<&'a [u8]> {
        self.iter().find_map(Note::go_build_id)
    }

    /// Every well-formed SystemTap probe descriptor.
    pub fn stapsdt_probes(&self) -> Vec<StapsdtProbe<'a>> {
        self.iter()
            .filter_map(|n| n.stapsdt_probe().and_then(Result::ok))
            .collect()
    }

    /// The records of every dlopen metadata note, in note order; a note
    /// that does not decode contributes its error instead.
    pub fn dlopen_deps(&self) -> Vec<Result<Vec<DlopenDep>, DlopenError>> {
        self.iter().filter_map(Note::dlopen_deps).collect()
    }

    /// Notes of a core file (owners "CORE" and "LINUX"), by type.
    pub fn core_notes(&self) -> impl Iterator<Item = &Note<'a>> + '_ {
        self.iter()
            .filter(|n| n.owner() == Some(b"CORE") || n.owner() == Some(b"LINUX"))
    }
}

/// C's `%#x`: `0` for zero, else `0x` and lowercase hex.
fn alt_hex(v: u64) -> String {
    if v == 0 {
        "0".to_string()
    } else {
        format!("{v:#x}")
    }
}

fn align_up(v: u64, align: u64) -> u64 {
    (v + (align - 1)) & !(align - 1)
}

/// readelf's loop in `process_notes_at` for one block.
fn walk<'a>(
    raw: &'a [u8],
    align: u64,
    encoding: Encoding,
    budget: &mut u64,
) -> (Vec<Note<'a>>, Option<NoteError>) {
    let align = if align < 4 { 4 } else { align };
    if align != 4 && align != 8 {
        return (Vec::new(), Some(NoteError::BadAlignment { align }));
    }
    let len = raw.len() as u64;
    let mut notes = Vec::new();
    let mut pos: u64 = 0;
    while pos < len {
        let remaining = len - pos;
        if remaining < NOTE_HEADER_SIZE {
            return (notes, Some(NoteError::Truncated { remaining }));
        }
        let data_remaining = remaining - NOTE_HEADER_SIZE;
        let at = pos as usize;
        // Three 4-byte fields, all inside `raw` (remaining >= 12).
        let namesz = encoding.u32(raw, at).unwrap_or(0);
        let descsz = encoding.u32(raw, at + 4).unwrap_or(0);
        let n_type = encoding.u32(raw, at + 8).unwrap_or(0);
        let desc_off = align_up(NOTE_HEADER_SIZE + u64::from(namesz), align);
        let next_off = align_up(desc_off + u64::from(descsz), align);
        let name_span = desc_off - NOTE_HEADER_SIZE;
        let desc_span = next_off - desc_off;
        if name_span < u64::from(namesz)
            || name_span > data_remaining
            || desc_span < u64::from(descsz)
            || desc_span > data_remaining - name_span
        {
            return (
                notes,
                Some(NoteError::InvalidSizes {
                    offset: pos,
                    n_type,
                    namesz,
                    descsz,
                    align,
                }),
            );
        }
        if *budget == 0 {
            return (notes, Some(NoteError::LimitExceeded));
        }
        *budget -= 1;
        // All of name, padding and descriptor are inside the block now.
        let name_start = at + NOTE_HEADER_SIZE as usize;
        let name_field = &raw[name_start..name_start + namesz as usize];
        let name = if namesz > 0 {
            c_prefix(name_field)
        } else {
            c_prefix(&raw[name_start..])
        };
        let desc_start = at + desc_off as usize;
        let desc_tail = &raw[desc_start..];
        let desc = &desc_tail[..descsz as usize];
        notes.push(Note {
            offset: pos,
            n_type,
            namesz,
            descsz,
            name,
            name_field,
            desc,
            desc_tail,
            encoding,
        });
        pos += next_off;
    }
    (notes, None)
}

/// The bytes up to the first NUL.
fn c_prefix(b: &[u8]) -> &[u8] {
    let n = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    &b[..n]
}

/// An `NT_GNU_ABI_TAG` descriptor: the OS and the oldest kernel ABI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbiTag {
    /// `GNU_ABI_TAG_*`.
    pub os: u32,
    pub major: u32,
    pub minor: u32,
    pub subminor: u32,
}

impl AbiTag {
    /// Decodes the four words of a descriptor; `None` below 16 bytes
    /// (readelf: "<corrupt GNU_ABI_TAG>").
    pub fn parse(desc: &[u8], e: Encoding) -> Option<AbiTag> {
        if desc.len() < 16 {
            return None;
        }
        Some(AbiTag {
            os: e.u32(desc, 0)?,
            major: e.u32(desc, 4)?,
            minor: e.u32(desc, 8)?,
            subminor: e.u32(desc, 12)?,
        })
    }

    /// readelf's spelling of the OS ("Linux", ..., "Unknown").
    pub fn os_name(&self) -> &'static str {
        match self.os {
            GNU_ABI_TAG_LINUX => "Linux",
            GNU_ABI_TAG_HURD => "Hurd",
            GNU_ABI_TAG_SOLARIS => "Solaris",
            GNU_ABI_TAG_FREEBSD => "FreeBSD",
            GNU_ABI_TAG_NETBSD => "NetBSD",
            GNU_ABI_TAG_SYLLABLE => "Syllable",
            GNU_ABI_TAG_NACL => "NaCl",
            _ => "Unknown",
        }
    }
}

/// One SystemTap SDT probe (`NT_STAPSDT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StapsdtProbe<'a> {
    pub pc: u64,
    pub base: u64,
    pub semaphore: u64,
    pub provider: &'a [u8],
    pub name: &'a [u8],
    pub args: &'a [u8],
    /// The three strings end exactly at the end of the descriptor (readelf
    /// reports the note as failed otherwise, after printing it).
    pub exact: bool,
}

impl<'a> Note<'a> {
    /// The owner name, `None` when `namesz` is 0 (readelf's "(NONE)").
    pub fn owner(&self) -> Option<&'a [u8]> {
        (self.namesz > 0).then_some(self.name)
    }

    /// Whether readelf treats the note as the owner's (`startswith`).
    pub fn owner_starts_with(&self, prefix: &[u8]) -> bool {
        self.name.starts_with(prefix)
    }

    fn is_gnu(&self) -> bool {
        self.namesz > 0 && self.owner_starts_with(b"GNU")
    }

    /// `NT_GNU_BUILD_ID`: the build ID bytes.
    pub fn gnu_build_id(&self) -> Option<&'a [u8]> {
        (self.is_gnu() && self.n_type == NT_GNU_BUILD_ID).then_some(self.desc)
    }

    /// `NT_GNU_ABI_TAG`, when its descriptor has the four words.
    pub fn gnu_abi_tag(&self) -> Option<AbiTag> {
        if !self.is_gnu() || self.n_type != NT_GNU_ABI_TAG {
            return None;
        }
        AbiTag::parse(self.desc, self.encoding)
    }

    /// `NT_GNU_PROPERTY_TYPE_0`: the property list (possibly cut short by
    /// corruption; see [`GnuPropertyList::error`]).
    pub fn gnu_properties(&self) -> Option<GnuPropertyList<'a>> {
        (self.is_gnu() && self.n_type == NT_GNU_PROPERTY_TYPE_0)
            .then(|| GnuPropertyList::parse(self.desc, self.encoding))
    }

    /// `NT_GNU_GOLD_VERSION`: the version text up to its NUL.
    pub fn gnu_gold_version(&self) -> Option<&'a [u8]> {
        (self.is_gnu() && self.n_type == NT_GNU_GOLD_VERSION).then(|| c_prefix(self.desc))
    }

    /// The Go build ID: owner exactly "Go", type `NT_GO_BUILDID`.
    pub fn go_build_id(&self) -> Option<&'a [u8]> {
        (self.owner() == Some(b"Go") && self.n_type == NT_GO_BUILDID).then(|| c_prefix(self.desc))
    }

    /// A dlopen metadata note (owner exactly `FDO`, type
    /// [`FDO_DLOPEN_METADATA`]) decoded; `None` for any other note.
    pub fn dlopen_deps(&self) -> Option<Result<Vec<DlopenDep>, DlopenError>> {
        (self.owner() == Some(b"FDO") && self.n_type == FDO_DLOPEN_METADATA)
            .then(|| dlopen::parse(self.desc))
    }

    /// readelf's `print_stapsdt_note` decoding: `None` when this is not a
    /// stapsdt note, `Err(())` when the descriptor is too small.
    #[allow(clippy::result_unit_err)]
    pub fn stapsdt_probe(&self) -> Option<Result<StapsdtProbe<'a>, ()>> {
        if !self.owner_starts_with(b"stapsdt") {
            return None;
        }
        Some(StapsdtProbe::parse(self.desc, self.encoding).ok_or(()))
    }
}

impl<'a> StapsdtProbe<'a> {
    /// Decodes a descriptor; `None` when it is too small for the three
    /// addresses and three NUL-terminated strings.
    pub fn parse(desc: &'a [u8], e: Encoding) -> Option<StapsdtProbe<'a>> {
        let w = e.word_size();
        if desc.len() < 3 * w {
            return None;
        }
        let pc = e.word(desc, 0)?;
        let base = e.word(desc, w)?;
        let semaphore = e.word(desc, 2 * w)?;
        let mut rest = &desc[3 * w..];
        let mut strings: [&[u8]; 3] = [&[]; 3];
        for s in &mut strings {
            // Each string must have its NUL inside the descriptor.
            let n = rest.iter().position(|&c| c == 0)?;
            *s = &rest[..n];
            rest = &rest[n + 1..];
        }
        Some(StapsdtProbe {
            pc,
            base,
            semaphore,
            provider: strings[0],
            name: strings[1],
            args: strings[2],
            exact: rest.is_empty(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LE64: Encoding = Encoding {
        is_64: true,
        big_endian: false,
    };

    fn note(name: &[u8], n_type: u32, desc: &[u8], align: usize) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend_from_slice(&(name.len() as u32).to_le_bytes());
        v.extend_from_slice(&(desc.len() as u32).to_le_bytes());
        v.extend_from_slice(&n_type.to_le_bytes());
        v.extend_from_slice(name);
        while v.len() % align != 0 {
            v.push(0);
        }
        v.extend_from_slice(desc);
        while v.len() % align != 0 {
            v.push(0);
        }
        v
    }

    #[test]
    fn walks_aligned_notes_and_decodes_gnu() {
        let mut raw = note(b"GNU\0", NT_GNU_BUILD_ID, &[0xab, 0xcd, 0xef], 4);
        raw.extend(note(
            b"GNU\0",
            NT_GNU_ABI_TAG,
            &[0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0],
            4,
        ));
        let (notes, err) = walk(&raw, 4, LE64, &mut { MAX_NOTES });
        assert!(err.is_none());
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0].gnu_build_id(), Some(&[0xab, 0xcd, 0xef][..]));
        let tag = notes[1].gnu_abi_tag().unwrap();
        assert_eq!((tag.os_name(), tag.major, tag.minor), ("Linux", 3, 2));
    }

    #[test]
    fn bad_sizes_and_alignment_stop_the_walk() {
        let mut raw = note(b"GNU\0", NT_GNU_BUILD_ID, &[1, 2, 3, 4], 8);
        raw.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 1, 0, 0, 0]);
        let (notes, err) = walk(&raw, 8, LE64, &mut { MAX_NOTES });
        assert_eq!(notes.len(), 1);
        assert!(matches!(
            err,
            Some(NoteError::InvalidSizes { offset: 24, .. })
        ));
        let (notes, err) = walk(&raw[..30], 8, LE64, &mut { MAX_NOTES });
        assert_eq!(notes.len(), 1);
        assert_eq!(err, Some(NoteError::Truncated { remaining: 6 }));
        let (_, err) = walk(&raw, 16, LE64, &mut { MAX_NOTES });
        assert_eq!(err, Some(NoteError::BadAlignment { align: 16 }));
    }

    #[test]
    fn nameless_note_sees_the_descriptor_as_name() {
        let raw = note(b"", 0x100, b"GA$\x01x\0\0\0", 4);
        let (notes, _) = walk(&raw, 4, LE64, &mut { MAX_NOTES });
        assert_eq!(notes[0].owner(), None);
        assert_eq!(notes[0].name, b"GA$\x01x");
    }

    #[test]
    fn stapsdt_probe_decodes_or_reports_too_small() {
        let mut desc = Vec::new();
        for v in [0x10u64, 0x20, 0] {
            desc.extend_from_slice(&v.to_le_bytes());
        }
        desc.extend_from_slice(b"libc\0setjmp\0-8@%rdi\0");
        let raw = note(b"stapsdt\0", NT_STAPSDT, &desc, 4);
        let (notes, _) = walk(&raw, 4, LE64, &mut { MAX_NOTES });
        let p = notes[0].stapsdt_probe().unwrap().unwrap();
        assert_eq!(
            (p.pc, p.provider, p.name, p.args),
            (0x10, &b"libc"[..], &b"setjmp"[..], &b"-8@%rdi"[..])
        );
        assert!(p.exact);
        let raw = note(b"stapsdt\0", NT_STAPSDT, &desc[..30], 4);
        let (notes, _) = walk(&raw, 4, LE64, &mut { MAX_NOTES });
        assert_eq!(notes[0].stapsdt_probe(), Some(Err(())));
    }
}
