//! Where bytes come from.
//!
//! [`FileBytes::open`] opens one path for reading without ever blocking or
//! executing anything: only regular files are read (a FIFO, device or
//! directory is refused before any read), the open itself is non-blocking,
//! and the contents are memory-mapped so that only the pages a command needs
//! are read from disk. The maps are guarded ([`guard`]): a file truncated
//! while it is read yields zeros and [`FileBytes::changed`], never SIGBUS.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::ops::Deref;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use std::sync::Arc;

use thiserror::Error;

pub mod archive;
pub mod guard;
pub mod vfs;

pub use guard::{faults, GuardedMap};

/// Files smaller than this are read into memory rather than mapped: a map
/// costs more than the read for them.
const MMAP_THRESHOLD: u64 = 64 * 1024;

/// Why a path could not be read.
#[derive(Debug, Error)]
pub enum SourceError {
    #[error("no such file")]
    NotFound,
    #[error("permission denied")]
    PermissionDenied,
    #[error("is a {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("{0}")]
    Io(io::Error),
}

/// The message for bytes that vanished while they were read
/// ([`FileBytes::changed`]).
pub const CHANGED_WHILE_READ: &str = "file changed while being read";

impl From<io::Error> for SourceError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::NotFound => SourceError::NotFound,
            io::ErrorKind::PermissionDenied => SourceError::PermissionDenied,
            _ => SourceError::Io(e),
        }
    }
}

/// The contents of a file, mapped or read.
pub enum FileBytes {
    Mapped(GuardedMap),
    Owned(Vec<u8>),
    /// Bytes held by someone else too (an image layer's cached file).
    Shared(Arc<[u8]>),
    /// A range of a mapped file (a member of an uncompressed tar layer).
    MappedRange(Arc<GuardedMap>, std::ops::Range<usize>),
}

impl fmt::Debug for FileBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            FileBytes::Mapped(_) => "Mapped",
            FileBytes::Owned(_) => "Owned",
            FileBytes::Shared(_) => "Shared",
            FileBytes::MappedRange(..) => "MappedRange",
        };
        f.debug_struct("FileBytes")
            .field("kind", &kind)
            .field("len", &self.len())
            .finish()
    }
}

impl Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Mapped(m) => m,
            FileBytes::Owned(v) => v,
            FileBytes::Shared(v) => v,
            FileBytes::MappedRange(m, r) => m.get(r.clone()).unwrap_or(&[]),
        }
    }
}

fn kind_name(ft: &std::fs::FileType) -> &'static str {
    if ft.is_dir() {
        "directory"
    } else if ft.is_fifo() {
        "FIFO"
    } else if ft.is_socket() {
        "socket"
    } else if ft.is_char_device() {
        "character device"
    } else if ft.is_block_device() {
        "block device"
    } else {
        "special file"
    }
}

impl FileBytes {
    /// Whether part of a mapped file vanished while it was read (another
    /// process truncated it): what was computed from these bytes must be
    /// reported as [`CHANGED_WHILE_READ`] instead.
    pub fn changed(&self) -> bool {
        match self {
            FileBytes::Mapped(m) => m.changed(),
            FileBytes::MappedRange(m, _) => m.changed(),
            FileBytes::Owned(_) | FileBytes::Shared(_) => false,
        }
    }

    /// Opens `path` (following symlinks) and maps or reads its contents.
    pub fn open(path: &Path) -> Result<FileBytes, SourceError> {
        let meta = std::fs::metadata(path)?;
        if !meta.file_type().is_file() {
            return Err(SourceError::NotRegular(kind_name(&meta.file_type())));
        }
        // O_NONBLOCK: should the path be swapped for a FIFO between the
        // metadata call and the open, the open must not hang.
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(path)?;
        let meta = file.metadata()?;
        if !meta.file_type().is_file() {
            return Err(SourceError::NotRegular(kind_name(&meta.file_type())));
        }
        Self::from_file(file, meta.len())
    }

    fn from_file(mut file: File, len: u64) -> Result<FileBytes, SourceError> {
        if len < MMAP_THRESHOLD {
            let mut buf = Vec::with_capacity(len as usize);
            file.read_to_end(&mut buf)?;
            return Ok(FileBytes::Owned(buf));
        }
        match GuardedMap::map(&file) {
            Ok(m) => Ok(FileBytes::Mapped(m)),
            // Every guard slot is taken: read the file instead.
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                let mut buf = Vec::new();
                file.read_to_end(&mut buf)?;
                Ok(FileBytes::Owned(buf))
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// Maps a whole file read-only, guarded against truncation ([`guard`]).
pub fn map_file(file: &File) -> Result<GuardedMap, SourceError> {
    Ok(GuardedMap::map(file)?)
}
