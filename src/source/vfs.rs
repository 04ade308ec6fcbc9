//! The file systems a root can stand on: the host's directories
//! ([`HostFs`]) or a layered container image (`crate::image::ImageFs`).
//!
//! [`FileSystem`] is the few operations the loader needs, on in-root paths
//! that are already split and normalized by [`crate::loader::root::Root`]
//! (absolute, no `.` or `..`, no symlink resolved by the file system
//! itself): `lstat`, `readlink`, read a regular file, list a directory.
//! Symlinks are followed only by `Root`, inside the root; an implementation
//! never follows one on its own.

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::{FileBytes, SourceError};
use crate::loader::root::{FileId, RootError};

/// What kind of node a path names (without following a final symlink).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    File,
    Dir,
    Symlink,
    /// Devices, FIFOs, sockets: never read.
    Special,
}

/// `lstat` of one node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeMeta {
    pub kind: NodeKind,
    /// Permission bits (`st_mode & 0o7777`).
    pub mode: u32,
    pub size: u64,
    /// `(st_dev, st_ino)`: hard links share it.
    pub id: FileId,
}

impl NodeMeta {
    pub fn is_file(&self) -> bool {
        self.kind == NodeKind::File
    }
    pub fn is_dir(&self) -> bool {
        self.kind == NodeKind::Dir
    }
    pub fn is_symlink(&self) -> bool {
        self.kind == NodeKind::Symlink
    }
    /// `st_size`.
    pub fn len(&self) -> u64 {
        self.size
    }
    pub fn is_empty(&self) -> bool {
        self.size == 0
    }
}

/// A tree of files the loader reads through. Paths are absolute in-root
/// paths (`/` alone is the root); symlinks in them have already been
/// resolved by the caller except possibly in the last component.
pub trait FileSystem: Send + Sync + std::fmt::Debug {
    /// Metadata of the node at `path`, not following a final symlink.
    fn lstat(&self, path: &[u8]) -> Result<NodeMeta, RootError>;
    /// The target of the symlink at `path`, as stored.
    fn read_link(&self, path: &[u8]) -> Result<Vec<u8>, RootError>;
    /// The contents of the regular file at `path`.
    fn open(&self, path: &[u8]) -> Result<FileBytes, SourceError>;
    /// At most `limit` bytes from the start of the regular file at `path`.
    fn read_prefix(&self, path: &[u8], limit: u64) -> Result<Vec<u8>, RootError>;
    /// The names in the directory at `path`, in any order.
    fn list_dir(&self, path: &[u8]) -> Result<Vec<Vec<u8>>, RootError>;
    /// The image layer that deleted the (canonical) path, for layered file
    /// systems: a whiteout or an opaque directory.
    fn removed_by_layer(&self, _path: &[u8]) -> Option<u32> {
        None
    }
    /// The host directory this file system maps `/` to, when it is one.
    fn host_dir(&self) -> Option<&Path> {
        None
    }
}

/// A host directory playing the role of `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostFs {
    dir: PathBuf,
}

impl HostFs {
    pub fn new(dir: impl Into<PathBuf>) -> HostFs {
        HostFs { dir: dir.into() }
    }

    fn host_path(&self, path: &[u8]) -> PathBuf {
        let mut p = self.dir.clone();
        for c in path.split(|&b| b == b'/').filter(|c| !c.is_empty()) {
            p.push(std::ffi::OsStr::from_bytes(c));
        }
        p
    }
}

/// A node's metadata from `std`'s.
pub(crate) fn meta_of(m: &std::fs::Metadata) -> NodeMeta {
    let ft = m.file_type();
    let kind = if ft.is_symlink() {
        NodeKind::Symlink
    } else if ft.is_dir() {
        NodeKind::Dir
    } else if ft.is_file() {
        NodeKind::File
    } else {
        NodeKind::Special
    };
    NodeMeta {
        kind,
        mode: m.mode() & 0o7777,
        size: m.len(),
        id: (m.dev(), m.ino()),
    }
}

impl FileSystem for HostFs {
    fn lstat(&self, path: &[u8]) -> Result<NodeMeta, RootError> {
        Ok(meta_of(&std::fs::symlink_metadata(self.host_path(path))?))
    }

    fn read_link(&self, path: &[u8]) -> Result<Vec<u8>, RootError> {
        let target = std::fs::read_link(self.host_path(path))?;
        Ok(target.as_os_str().as_bytes().to_vec())
    }

    fn open(&self, path: &[u8]) -> Result<FileBytes, SourceError> {
        FileBytes::open(&self.host_path(path))
    }

    fn read_prefix(&self, path: &[u8], limit: u64) -> Result<Vec<u8>, RootError> {
        use std::io::Read;
        use std::os::unix::fs::OpenOptionsExt;
        // Non-blocking: a FIFO swapped in for the file must not hang the open.
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(self.host_path(path))?;
        if !file.metadata()?.is_file() {
            return Err(RootError::Io("not a regular file".into()));
        }
        let mut buf = Vec::new();
        file.take(limit).read_to_end(&mut buf)?;
        Ok(buf)
    }

    fn list_dir(&self, path: &[u8]) -> Result<Vec<Vec<u8>>, RootError> {
        Ok(std::fs::read_dir(self.host_path(path))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().as_bytes().to_vec())
            .collect())
    }

    fn host_dir(&self) -> Option<&Path> {
        Some(&self.dir)
    }
}

impl From<SourceError> for RootError {
    fn from(e: SourceError) -> Self {
        match e {
            SourceError::NotFound => RootError::NotFound,
            SourceError::PermissionDenied => RootError::PermissionDenied,
            SourceError::NotRegular(k) => RootError::Io(format!("is a {k}, not a regular file")),
            SourceError::Io(e) => RootError::from(e),
        }
    }
}
