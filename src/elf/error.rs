//! Typed errors of the ELF model.
//!
//! Messages are lowercase, carry the facts (offsets, counts, tables) and never
//! the file name: the command-line edge adds the file once
//! (`relf: ./bin: program headers at 0x40 extend past end of file`).

use thiserror::Error;

/// Why a file could not be parsed as ELF at all.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ElfError {
    /// Fewer bytes than an ELF identification or header.
    #[error("file too short for an ELF header ({len} bytes)")]
    TooShort { len: usize },
    /// The first four bytes are not `\x7fELF`.
    #[error("not an ELF file (starts with {}, not 7f 45 4c 46)", hex4(magic))]
    BadMagic { magic: [u8; 4] },
    /// The bytes could not be decoded (should not happen once bounds are checked).
    #[error("malformed ELF header: {0}")]
    Malformed(String),
}

/// Why one table (program headers, section headers, dynamic section, ...) is
/// unusable. The rest of the file is still shown: these are kept as
/// diagnostics beside a partial model, the way readelf keeps going.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum TableError {
    #[error(
        "{table} at offset {offset:#x} ({size} bytes) extends past end of file ({file_size} bytes)"
    )]
    PastEnd {
        table: &'static str,
        offset: u64,
        size: u64,
        file_size: u64,
    },
    #[error("{table}: size overflow ({count} entries of {entsize} bytes)")]
    Overflow {
        table: &'static str,
        count: u64,
        entsize: u64,
    },
    #[error("{table}: entry size {entsize} is smaller than the {expected} bytes of one entry")]
    EntrySizeTooSmall {
        table: &'static str,
        entsize: u64,
        expected: u64,
    },
    #[error("too many program headers ({count}): the file is not that big")]
    TooManyProgramHeaders { count: u64 },
    /// A count relf refuses to go past (see [`crate::limits`]): hostile
    /// files can make tables overlap so that a small file describes far more
    /// entries than it has bytes.
    #[error("{table}: more than {limit} entries, relf's limit; the rest is not read")]
    LimitExceeded { table: &'static str, limit: u64 },
    #[error("{table}: {message}")]
    Invalid {
        table: &'static str,
        message: String,
    },
}

fn hex4(b: &[u8; 4]) -> String {
    format!("{:02x} {:02x} {:02x} {:02x}", b[0], b[1], b[2], b[3])
}
