//! A root directory that paths are confined to.
//!
//! [`Root::resolve`] walks an in-root path one component at a time, the way
//! the kernel would inside a chroot: `..` stops at the root, and symlinks
//! (absolute or relative) are followed with their targets interpreted inside
//! the root, with a hop limit. No path, `..` chain or symlink can reach a file
//! outside the root, and the host's files are never consulted for a rooted
//! lookup. `fs::canonicalize` is never used: it would follow absolute links to
//! the host.
//!
//! With the root `/` this is an ordinary path resolution.

use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Maximum number of symlinks followed in one resolution (Linux's
/// `MAXSYMLINKS` is 40).
pub const MAX_SYMLINK_HOPS: u32 = 40;

/// Maximum number of path components handled in one resolution, so a
/// symlink chain cannot grow a path without bound.
pub const MAX_COMPONENTS: usize = 4096;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum RootError {
    #[error("no such file or directory")]
    NotFound,
    #[error("not a directory")]
    NotADirectory,
    #[error("permission denied")]
    PermissionDenied,
    #[error("too many levels of symbolic links (more than {MAX_SYMLINK_HOPS})")]
    TooManySymlinks,
    #[error("path too long")]
    TooLong,
    #[error("{0}")]
    Io(String),
}

impl From<io::Error> for RootError {
    fn from(e: io::Error) -> Self {
        match e.raw_os_error() {
            Some(libc::ENOENT) => RootError::NotFound,
            Some(libc::ENOTDIR) => RootError::NotADirectory,
            Some(libc::EACCES) | Some(libc::EPERM) => RootError::PermissionDenied,
            Some(libc::ELOOP) => RootError::TooManySymlinks,
            Some(libc::ENAMETOOLONG) => RootError::TooLong,
            _ => RootError::Io(e.to_string()),
        }
    }
}

/// A path inside a root, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Where the file is on the host (always below the root).
    pub host: PathBuf,
    /// The canonical in-root path: absolute, no symlinks, no `.` or `..`.
    pub canonical: Vec<u8>,
}

/// The identity of a file: `(st_dev, st_ino)`.
pub type FileId = (u64, u64);

/// A directory on the host that plays the role of `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    host: PathBuf,
}

impl Root {
    /// The real root: paths are the host's own.
    pub fn host_root() -> Root {
        Root {
            host: PathBuf::from("/"),
        }
    }

    pub fn new(host: impl Into<PathBuf>) -> Root {
        Root { host: host.into() }
    }

    pub fn is_host_root(&self) -> bool {
        self.host == Path::new("/")
    }

    pub fn host_dir(&self) -> &Path {
        &self.host
    }

    fn host_path(&self, components: &[Vec<u8>]) -> PathBuf {
        let mut p = self.host.clone();
        for c in components {
            p.push(std::ffi::OsStr::from_bytes(c));
        }
        p
    }

    /// Resolves `path` (absolute, or relative to the in-root directory `cwd`)
    /// to a file or directory inside the root, following every symlink.
    pub fn resolve(&self, path: &[u8], cwd: &[u8]) -> Result<Resolved, RootError> {
        let mut done: Vec<Vec<u8>> = Vec::new();
        let mut pending: Vec<Vec<u8>> = Vec::new();
        if !path.starts_with(b"/") {
            push_components(&mut pending, cwd);
        }
        push_components(&mut pending, path);
        // `pending` is consumed from the front; keep it reversed so pop() works.
        pending.reverse();
        let mut hops = 0;
        while let Some(comp) = pending.pop() {
            if comp == b"." {
                continue;
            }
            if comp == b".." {
                done.pop();
                continue;
            }
            done.push(comp);
            let host = self.host_path(&done);
            let meta = std::fs::symlink_metadata(&host)?;
            if meta.file_type().is_symlink() {
                hops += 1;
                if hops > MAX_SYMLINK_HOPS {
                    return Err(RootError::TooManySymlinks);
                }
                let target = std::fs::read_link(&host)?;
                let target = target.as_os_str().as_bytes();
                done.pop();
                if target.starts_with(b"/") {
                    done.clear();
                }
                let mut parts = Vec::new();
                push_components(&mut parts, target);
                if parts.len() + pending.len() > MAX_COMPONENTS {
                    return Err(RootError::TooLong);
                }
                pending.extend(parts.into_iter().rev());
            } else if !pending.is_empty() && !meta.is_dir() {
                return Err(RootError::NotADirectory);
            }
        }
        let mut canonical = Vec::new();
        for c in &done {
            canonical.push(b'/');
            canonical.extend_from_slice(c);
        }
        if canonical.is_empty() {
            canonical.push(b'/');
        }
        Ok(Resolved {
            host: self.host_path(&done),
            canonical,
        })
    }

    /// Resolves `path` and returns the metadata of the file it names.
    pub fn metadata(
        &self,
        path: &[u8],
        cwd: &[u8],
    ) -> Result<(Resolved, std::fs::Metadata), RootError> {
        let r = self.resolve(path, cwd)?;
        let meta = std::fs::metadata(&r.host)?;
        Ok((r, meta))
    }

    /// The identity of the file `path` names.
    pub fn identity(&self, path: &[u8], cwd: &[u8]) -> Result<FileId, RootError> {
        let (_, meta) = self.metadata(path, cwd)?;
        Ok((meta.dev(), meta.ino()))
    }

    /// Reads a whole (small) file inside the root, at most `limit` bytes.
    pub fn read(&self, path: &[u8], limit: u64) -> Result<Vec<u8>, RootError> {
        use std::io::Read;
        let r = self.resolve(path, b"/")?;
        let file = std::fs::File::open(&r.host)?;
        let mut buf = Vec::new();
        file.take(limit).read_to_end(&mut buf)?;
        Ok(buf)
    }

    /// The names in an in-root directory, sorted bytewise.
    pub fn list_dir(&self, path: &[u8]) -> Result<Vec<Vec<u8>>, RootError> {
        let r = self.resolve(path, b"/")?;
        let mut names: Vec<Vec<u8>> = std::fs::read_dir(&r.host)?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().as_bytes().to_vec())
            .collect();
        names.sort();
        Ok(names)
    }
}

fn push_components(out: &mut Vec<Vec<u8>>, path: &[u8]) {
    out.extend(
        path.split(|&b| b == b'/')
            .filter(|c| !c.is_empty())
            .map(<[u8]>::to_vec),
    );
}

/// The directory part of a path (`dirname`), `.` when there is no `/`.
pub fn dirname(path: &[u8]) -> &[u8] {
    match path.iter().rposition(|&b| b == b'/') {
        Some(0) => b"/",
        Some(i) => &path[..i],
        None => b".",
    }
}

/// The last component of a path.
pub fn basename(path: &[u8]) -> &[u8] {
    match path.iter().rposition(|&b| b == b'/') {
        Some(i) => &path[i + 1..],
        None => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn symlinks_stay_inside_the_root() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        std::fs::create_dir_all(root.join("usr/lib")).unwrap();
        std::fs::write(root.join("usr/lib/libx.so"), b"x").unwrap();
        symlink("usr/lib", root.join("lib")).unwrap();
        symlink("/etc/passwd", root.join("escape-abs")).unwrap();
        symlink(
            "../../../../../../etc/passwd",
            root.join("usr/lib/escape-rel"),
        )
        .unwrap();
        symlink("loop2", root.join("loop1")).unwrap();
        symlink("loop1", root.join("loop2")).unwrap();
        let r = Root::new(root);
        let got = r.resolve(b"/lib/libx.so", b"/").unwrap();
        assert_eq!(got.canonical, b"/usr/lib/libx.so");
        assert_eq!(got.host, root.join("usr/lib/libx.so"));
        // Absolute and `..` links are re-rooted: they name <root>/etc/passwd,
        // which does not exist, never the host's /etc/passwd.
        assert_eq!(r.resolve(b"/escape-abs", b"/"), Err(RootError::NotFound));
        assert_eq!(
            r.resolve(b"/usr/lib/escape-rel", b"/"),
            Err(RootError::NotFound)
        );
        assert_eq!(
            r.resolve(b"/../../../etc/passwd", b"/"),
            Err(RootError::NotFound)
        );
        assert_eq!(r.resolve(b"/loop1", b"/"), Err(RootError::TooManySymlinks));
        let rel = r.resolve(b"../lib/libx.so", b"/usr/lib").unwrap();
        assert_eq!(rel.canonical, b"/usr/lib/libx.so");
    }

    #[test]
    fn dirname_and_basename() {
        assert_eq!(dirname(b"/a/b/c"), b"/a/b");
        assert_eq!(dirname(b"/c"), b"/");
        assert_eq!(dirname(b"c"), b".");
        assert_eq!(basename(b"/a/b/c"), b"c");
    }
}
