//! Go build information, read from the bytes of an ELF file without the Go
//! toolchain, exactly as Go 1.19's `debug/buildinfo.Read` reads it
//! (src/debug/buildinfo/buildinfo.go `readRawBuildInfo`), and the Go build
//! ID note.
//!
//! The linker leaves a 32-byte header, 16-byte aligned, near the start of
//! the `.go.buildinfo` section (or of the first writable, non-executable
//! `PT_LOAD` when there are no sections):
//!
//! ```text
//! 0..14   "\xff Go buildinf:"
//! 14      pointer size (4 or 8)
//! 15      flags: bit 0 big-endian, bit 1 strings inline (Go >= 1.18)
//! 16..32  Go >= 1.18: zero; then uvarint length + Go version,
//!                      uvarint length + module info
//!         Go 1.13-1.17: two pointers to the Go string headers
//!                      {data pointer, length} of runtime.buildVersion and
//!                      runtime.modinfo
//! ```
//!
//! The module info is framed by two 16-byte sentinels
//! (cmd/go/internal/modload `infoStart`/`infoEnd`) and parsed by
//! [`ModuleInfo::parse`]. Every address is mapped through the program
//! headers with Go's own rules ([`exe`]), so a file `go version` rejects is
//! rejected here with the same error. This module only reads; the `go
//! version` text is in `render::go`.

mod exe;
mod isprint;
pub mod modinfo;
pub mod strconv;

use thiserror::Error;

pub use modinfo::{GoModule, GoSetting, ModInfoError, ModInfoErrorKind, ModuleInfo};

use super::header::ByteOrder;
use super::section::SHT_NOTE;
use super::segment::PT_NOTE;
use super::ElfFile;
use exe::GoElf;

/// `buildInfoMagic`.
pub const BUILD_INFO_MAGIC: &[u8; 14] = b"\xff Go buildinf:";
/// The header is this aligned relative to the start of the data read.
pub const BUILD_INFO_ALIGN: usize = 16;
/// The header's size.
pub const BUILD_INFO_SIZE: usize = 32;
/// How much `readRawBuildInfo` reads from the data start (64 KiB).
pub const BUILD_INFO_READ: u64 = 64 * 1024;
/// Flag bit: pointers are big-endian (pointer layout).
pub const FLAG_BIG_ENDIAN: u8 = 0x1;
/// Flag bit: version and module info follow the header inline (Go >= 1.18).
pub const FLAG_INLINE: u8 = 0x2;
/// cmd/go/internal/modload `infoStart`, the 16 bytes before module info.
pub const MODINFO_START: [u8; 16] = [
    0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6,
];
/// cmd/go/internal/modload `infoEnd`, the 16 bytes after module info.
pub const MODINFO_END: [u8; 16] = [
    0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2,
];
/// Owner of the Go build ID note (`Go\0\0`, namesz 4).
pub const NOTE_GO_OWNER: &[u8; 4] = b"Go\0\0";
/// Type of the Go build ID note (cmd/link `ELF_NOTE_GOBUILDID_TAG`).
pub const NT_GO_BUILDID: u32 = 4;

/// How the version and module strings are stored after the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildInfoLayout {
    /// Go >= 1.18: uvarint-prefixed strings right after the header.
    Inline,
    /// Go 1.13-1.17: pointers to Go string headers, read with this byte
    /// order (any non-zero flags byte without the inline bit means
    /// big-endian to Go).
    Pointers { byte_order: ByteOrder },
}

/// The build information of a Go binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoBuildInfo {
    /// Virtual address of the header.
    pub address: u64,
    /// File offset of the header.
    pub offset: u64,
    /// Header byte 14, the target's pointer size.
    pub pointer_size: u8,
    /// Header byte 15 ([`FLAG_BIG_ENDIAN`], [`FLAG_INLINE`]).
    pub flags: u8,
    pub layout: BuildInfoLayout,
    /// The toolchain version, e.g. `go1.19.8` (never empty).
    pub go_version: Vec<u8>,
    /// Module info text with its sentinels removed; empty when the binary
    /// has none (or it is not framed as Go frames it).
    pub modinfo: Vec<u8>,
    /// `modinfo` parsed; partial when `modinfo_error` is set.
    pub modules: ModuleInfo,
    /// Why `modinfo` does not parse. Go then fails the whole read with this
    /// error, and so does `relf go`.
    pub modinfo_error: Option<ModInfoError>,
}

impl GoBuildInfo {
    /// The target's byte order as the header records it (flag bit 0; the
    /// linker sets it in both layouts).
    pub fn byte_order(&self) -> ByteOrder {
        if self.flags & FLAG_BIG_ENDIAN != 0 {
            ByteOrder::Big
        } else {
            ByteOrder::Little
        }
    }
}

/// Why a file has no readable Go build information. The `Display` text is
/// Go's own error text where Go has one, so `relf go` can print what `go
/// version` prints; the fields carry the facts.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum GoBuildInfoError {
    /// `errUnrecognizedFormat`: not an executable format, rejected by
    /// `debug/elf.NewFile`, or an address no program header maps.
    #[error("unrecognized file format")]
    UnrecognizedFormat { reason: FormatProblem },
    /// `errNotGoExe`: a valid file without (usable) build information.
    #[error("not a Go executable")]
    NotGoExecutable { reason: NotGoReason },
    /// `io.EOF`: the program header covering `address` promises bytes the
    /// file does not have.
    #[error("EOF")]
    Eof { address: u64, size: u64 },
    /// `os.File.ReadAt` refused an offset past 2^63 (Go reports this as a
    /// `*PathError`, and `go version` then prints only the file name).
    #[error("readat: negative offset")]
    NegativeOffset { address: u64 },
    /// Go 1.19 indexes out of range and panics on this header
    /// (golang/go#57002); relf reports it instead.
    #[error("build info header with pointer size {pointer_size} is truncated")]
    BadPointerSize { pointer_size: u8 },
    /// A container Go reads but relf does not (PE, Mach-O, XCOFF).
    #[error("{format} files are not supported by relf")]
    UnsupportedFormat { format: &'static str },
    /// An ELF feature Go handles but relf does not.
    #[error("{what} is not supported by relf")]
    Unsupported { what: &'static str },
}

/// Why a file is an unrecognized format to Go.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum FormatProblem {
    #[error("file too short ({len} bytes)")]
    TooShort { len: usize },
    #[error("no known executable magic number")]
    UnknownMagic,
    #[error("ELF header: {message}")]
    ElfHeader { message: &'static str },
    #[error("program header {index} past end of file")]
    ProgramHeader { index: u64 },
    #[error("section header {index}: {message}")]
    SectionHeader { index: u64, message: &'static str },
    #[error("section name table past end of file")]
    SectionNames,
    #[error("section {index}: bad section name index")]
    SectionName { index: u64 },
    #[error("address {address:#x} is in no program header")]
    AddressNotMapped { address: u64 },
}

/// Why a valid file is not a Go executable.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum NotGoReason {
    #[error("no aligned build info header in {searched} bytes at {address:#x}")]
    NoHeader { address: u64, searched: u64 },
    #[error("empty Go version")]
    EmptyVersion,
}

/// Reads Go build information from the bytes of a file, with
/// `debug/buildinfo.Read`'s rules (ELF only).
pub fn read_build_info(data: &[u8]) -> Result<GoBuildInfo, GoBuildInfoError> {
    let ident = data.get(..16).ok_or(GoBuildInfoError::UnrecognizedFormat {
        reason: FormatProblem::TooShort { len: data.len() },
    })?;
    if !ident.starts_with(b"\x7fELF") {
        let format = if ident.starts_with(b"MZ") {
            "PE"
        } else if ident.starts_with(b"\xfe\xed\xfa") || ident[1..].starts_with(b"\xfa\xed\xfe") {
            "Mach-O"
        } else if ident.starts_with(&[0x01, 0xdf]) || ident.starts_with(&[0x01, 0xf7]) {
            "XCOFF"
        } else {
            return Err(GoBuildInfoError::UnrecognizedFormat {
                reason: FormatProblem::UnknownMagic,
            });
        };
        return Err(GoBuildInfoError::UnsupportedFormat { format });
    }
    let elf = GoElf::parse(data)?;
    read_raw(&elf)
}

/// `readRawBuildInfo` after the format-specific part.
fn read_raw(x: &GoElf) -> Result<GoBuildInfo, GoBuildInfoError> {
    let data_addr = x.data_start();
    let (data_offset, window) = x.read_data(data_addr, BUILD_INFO_READ)?;
    let not_go = GoBuildInfoError::NotGoExecutable {
        reason: NotGoReason::NoHeader {
            address: data_addr,
            searched: window.len() as u64,
        },
    };
    // The first 16-byte aligned magic with a whole header after it. (Go
    // 1.19.8 rounds misaligned hits with `&^ 16` and can loop forever,
    // golang/go#54968; this is the loop as fixed upstream.)
    let start = find_header(window).ok_or(not_go)?;
    let blob = &window[start..];
    let pointer_size = blob[14];
    let flags = blob[15];
    let (go_version, modinfo_raw, layout) = if flags & FLAG_INLINE != 0 {
        let (vers, rest) = decode_string(&blob[BUILD_INFO_SIZE..]);
        let (module, _) = decode_string(rest);
        (vers.to_vec(), module.to_vec(), BuildInfoLayout::Inline)
    } else {
        let byte_order = if flags != 0 {
            ByteOrder::Big
        } else {
            ByteOrder::Little
        };
        let reader = PointerReader {
            size: pointer_size,
            byte_order,
        };
        let bad = GoBuildInfoError::BadPointerSize { pointer_size };
        let vers_ptr = reader.read(&blob[16..]).ok_or(bad.clone())?;
        let mod_ptr = reader
            .read(blob.get(16 + usize::from(pointer_size)..).unwrap_or(&[]))
            .ok_or(bad)?;
        let vers = read_string(x, &reader, vers_ptr)?;
        let module = read_string(x, &reader, mod_ptr)?;
        (vers, module, BuildInfoLayout::Pointers { byte_order })
    };
    if go_version.is_empty() {
        return Err(GoBuildInfoError::NotGoExecutable {
            reason: NotGoReason::EmptyVersion,
        });
    }
    let modinfo = strip_modinfo_framing(&modinfo_raw).to_vec();
    let (modules, modinfo_error) = ModuleInfo::parse(&modinfo);
    Ok(GoBuildInfo {
        address: data_addr.wrapping_add(start as u64),
        offset: data_offset + start as u64,
        pointer_size,
        flags,
        layout,
        go_version,
        modinfo,
        modules,
        modinfo_error,
    })
}

/// Offset of the first [`BUILD_INFO_ALIGN`]-aligned magic in `data` that
/// has [`BUILD_INFO_SIZE`] bytes from its start. Go stops at the first hit
/// (aligned or not) without room for a header; no later hit has room either.
fn find_header(data: &[u8]) -> Option<usize> {
    let mut from = 0;
    loop {
        let i = from + find(&data[from..], BUILD_INFO_MAGIC)?;
        if data.len() - i < BUILD_INFO_SIZE {
            return None;
        }
        if i % BUILD_INFO_ALIGN == 0 {
            return Some(i);
        }
        from = (i + BUILD_INFO_ALIGN - 1) & !(BUILD_INFO_ALIGN - 1);
        if from >= data.len() {
            return None;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `decodeString`: a uvarint length and that many bytes. A length that
/// does not fit *strictly* inside the rest (Go's `u >= len(data)-n`) gives
/// an empty string and no rest.
fn decode_string(data: &[u8]) -> (&[u8], &[u8]) {
    let (len, n) = strconv::uvarint(data);
    if n <= 0 {
        return (&[], &[]);
    }
    let n = n as usize;
    let avail = (data.len() - n) as u64;
    if len >= avail {
        return (&[], &[]);
    }
    let end = n + len as usize;
    (&data[n..end], &data[end..])
}

/// Removes the module info sentinels the way `readRawBuildInfo` does: only
/// if there is room for both and the byte before the end sentinel is a
/// newline; otherwise there is no module info.
fn strip_modinfo_framing(module: &[u8]) -> &[u8] {
    let len = module.len();
    if len >= 33 && module[len - 17] == b'\n' {
        &module[16..len - 16]
    } else {
        &[]
    }
}

/// `readPtr`: a 4-byte pointer when the header says 4, else 8 bytes.
struct PointerReader {
    size: u8,
    byte_order: ByteOrder,
}

impl PointerReader {
    fn width(&self) -> usize {
        if self.size == 4 {
            4
        } else {
            8
        }
    }

    /// `None` where Go's slice indexing would panic.
    fn read(&self, b: &[u8]) -> Option<u64> {
        let b = b.get(..self.width())?;
        let mut v: u64 = 0;
        match self.byte_order {
            ByteOrder::Big => b.iter().for_each(|&x| v = (v << 8) | u64::from(x)),
            ByteOrder::Little => b.iter().rev().for_each(|&x| v = (v << 8) | u64::from(x)),
        }
        Some(v)
    }
}

/// `readString`: the Go string whose header {data, len} is at `addr`; empty
/// when any read fails or comes up short, as in Go.
fn read_string(x: &GoElf, reader: &PointerReader, addr: u64) -> Result<Vec<u8>, GoBuildInfoError> {
    let header_size = 2 * u64::from(reader.size);
    let Ok((_, hdr)) = x.read_data(addr, header_size) else {
        return Ok(Vec::new());
    };
    if (hdr.len() as u64) < header_size {
        return Ok(Vec::new());
    }
    let bad = GoBuildInfoError::BadPointerSize {
        pointer_size: reader.size,
    };
    let data_addr = reader.read(hdr).ok_or(bad.clone())?;
    let data_len = reader
        .read(hdr.get(usize::from(reader.size)..).unwrap_or(&[]))
        .ok_or(bad)?;
    match x.read_data(data_addr, data_len) {
        Ok((_, s)) if s.len() as u64 >= data_len => Ok(s.to_vec()),
        _ => Ok(Vec::new()),
    }
}

/// The descriptor of the first note in `notes` with owner `Go\0\0` and type
/// [`NT_GO_BUILDID`] (cmd/internal/buildid `readELFNote`), walking notes at
/// `align` (4, or 8 for 8-aligned note tables).
fn find_go_note(notes: &[u8], byte_order: ByteOrder, align: u64) -> Option<&[u8]> {
    let word = |b: &[u8]| -> u64 {
        let a = [b[0], b[1], b[2], b[3]];
        u64::from(match byte_order {
            ByteOrder::Big => u32::from_be_bytes(a),
            ByteOrder::Little => u32::from_le_bytes(a),
        })
    };
    let round = |v: u64| v.checked_add(align - 1).map(|v| v & !(align - 1));
    let len = notes.len() as u64;
    let mut pos: u64 = 0;
    while pos.checked_add(12)? <= len {
        let p = pos as usize;
        let namesz = word(&notes[p..]);
        let descsz = word(&notes[p + 4..]);
        let n_type = word(&notes[p + 8..]);
        let name_start = pos + 12;
        let desc_start = round(name_start.checked_add(namesz)?)?;
        let desc_end = desc_start.checked_add(descsz)?;
        if desc_end > len {
            return None;
        }
        let name = &notes[name_start as usize..(name_start + namesz) as usize];
        if namesz == 4 && name == NOTE_GO_OWNER && n_type == u64::from(NT_GO_BUILDID) {
            return Some(&notes[desc_start as usize..desc_end as usize]);
        }
        pos = round(desc_end)?;
    }
    None
}

impl<'a> ElfFile<'a> {
    /// Go build information, by `debug/buildinfo`'s rules (which are not
    /// readelf's: see [`read_build_info`]).
    pub fn go_build_info(&self) -> Result<GoBuildInfo, GoBuildInfoError> {
        read_build_info(self.data)
    }

    /// The Go build ID: the descriptor of the `Go` note of type 4 (section
    /// `.note.go.buildid`, also reachable through `PT_NOTE`). Present in Go
    /// binaries of every version unless linked with `-buildid=`; it
    /// identifies a Go binary whose build information is missing.
    pub fn go_build_id(&self) -> Option<&'a [u8]> {
        let order = self.header.byte_order();
        let align = |a: u64| if a == 8 { 8 } else { 4 };
        let from_sections = self
            .section_headers()
            .iter()
            .filter(|s| s.sh_type == SHT_NOTE)
            .find_map(|s| {
                let bytes = s.file_bytes(self.data).ok()?;
                find_go_note(bytes, order, align(s.sh_addralign))
            });
        from_sections.or_else(|| {
            self.program_headers()
                .iter()
                .filter(|p| p.p_type == PT_NOTE)
                .find_map(|p| {
                    let bytes = p.file_bytes(self.data).ok()?;
                    find_go_note(bytes, order, align(p.p_align))
                })
        })
    }
}

#[cfg(test)]
mod tests;
