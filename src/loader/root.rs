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

use std::collections::HashMap;
use std::io;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use thiserror::Error;

use crate::source::vfs::{FileSystem, HostFs, NodeMeta};
use crate::source::{FileBytes, SourceError};

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
    /// The canonical in-root path: absolute, no symlinks, no `.` or `..`.
    pub canonical: Vec<u8>,
}

/// The identity of a file: `(st_dev, st_ino)`.
pub type FileId = (u64, u64);

/// A file system (a host directory, or a layered image) that plays the
/// role of `/`.
#[derive(Debug, Clone)]
pub struct Root {
    fs: Arc<dyn FileSystem>,
    /// Host root only: answers of the kernel's resolution by full path, so
    /// a library every program needs, or a search directory that does not
    /// exist (ld.so marks those `nonexisting` too, elf/dl-load.c
    /// `open_path`), costs its system calls once per run.
    host_answers: Arc<Mutex<HashMap<Vec<u8>, HostAnswer>>>,
    /// A host directory root opened for `openat2`, once; `None` inside
    /// when it cannot be (then the walker answers).
    kernel_root: Arc<OnceLock<Option<KernelRoot>>>,
    /// Set when the kernel has no `openat2` (Linux < 5.6): walker only.
    no_openat2: Arc<AtomicBool>,
}

/// A host directory root for `openat2`: its directory descriptor and its
/// canonical host path, the prefix `/proc/self/fd` names carry.
#[derive(Debug)]
struct KernelRoot {
    dir: std::os::fd::OwnedFd,
    host: Vec<u8>,
}

type HostAnswer = Result<(Resolved, NodeMeta), RootError>;

/// Most host resolutions remembered by one [`Root`] (beyond it, answers are
/// simply not kept).
pub const MAX_HOST_ANSWERS: usize = 1 << 16;

impl Root {
    /// The real root: paths are the host's own.
    pub fn host_root() -> Root {
        Root::new("/")
    }

    /// A host directory as the root.
    pub fn new(host: impl Into<PathBuf>) -> Root {
        Root::with_fs(Arc::new(HostFs::new(host)))
    }

    /// Any file system as the root (e.g. a container image).
    pub fn with_fs(fs: Arc<dyn FileSystem>) -> Root {
        Root {
            fs,
            host_answers: Arc::default(),
            kernel_root: Arc::default(),
            no_openat2: Arc::default(),
        }
    }

    pub fn fs(&self) -> &Arc<dyn FileSystem> {
        &self.fs
    }

    pub fn is_host_root(&self) -> bool {
        self.fs.host_dir() == Some(std::path::Path::new("/"))
    }

    /// Resolves `path` (absolute, or relative to the in-root directory `cwd`)
    /// to a file or directory inside the root, following every symlink.
    pub fn resolve(&self, path: &[u8], cwd: &[u8]) -> Result<Resolved, RootError> {
        self.resolve_meta(path, cwd).map(|(r, _)| r)
    }

    fn resolve_meta(&self, path: &[u8], cwd: &[u8]) -> Result<(Resolved, NodeMeta), RootError> {
        if let Some(dir) = self.fs.host_dir() {
            let full = host_path(path, cwd);
            if let Some(answer) = self
                .host_answers
                .lock()
                .ok()
                .and_then(|m| m.get(&full).cloned())
            {
                return answer;
            }
            let answer = if self.is_host_root() {
                host_resolve(&full)
            } else {
                self.in_root_resolve(dir, &full)
            };
            if let Some(answer) = answer {
                if let Ok(mut m) = self.host_answers.lock() {
                    if m.len() < MAX_HOST_ANSWERS {
                        m.insert(full, answer.clone());
                    }
                }
                return answer;
            }
        }
        let mut done: Vec<Vec<u8>> = Vec::new();
        let mut pending: Vec<Vec<u8>> = Vec::new();
        if !path.starts_with(b"/") {
            push_components(&mut pending, cwd);
        }
        push_components(&mut pending, path);
        // `pending` is consumed from the front; keep it reversed so pop() works.
        pending.reverse();
        let mut hops = 0;
        let mut last = None;
        while let Some(comp) = pending.pop() {
            if comp == b"." {
                continue;
            }
            if comp == b".." {
                done.pop();
                last = None;
                continue;
            }
            done.push(comp);
            let here = join(&done);
            let meta = self.fs.lstat(&here)?;
            if meta.is_symlink() {
                hops += 1;
                if hops > MAX_SYMLINK_HOPS {
                    return Err(RootError::TooManySymlinks);
                }
                let target = self.fs.read_link(&here)?;
                done.pop();
                if target.starts_with(b"/") {
                    done.clear();
                }
                let mut parts = Vec::new();
                push_components(&mut parts, &target);
                if parts.len() + pending.len() > MAX_COMPONENTS {
                    return Err(RootError::TooLong);
                }
                pending.extend(parts.into_iter().rev());
                last = None;
            } else if !pending.is_empty() && !meta.is_dir() {
                return Err(RootError::NotADirectory);
            } else {
                last = Some(meta);
            }
        }
        let canonical = join(&done);
        let meta = match last {
            Some(m) if !done.is_empty() => m,
            _ => self.fs.lstat(&canonical)?,
        };
        Ok((Resolved { canonical }, meta))
    }

    /// A directory root, resolved by the kernel: `openat2` with
    /// `RESOLVE_IN_ROOT` is chroot path semantics in one call (`..` stops
    /// at the root, absolute symlinks restart at it, 40 links at most) and
    /// `RESOLVE_NO_MAGICLINKS` refuses `/proc` links. `None` (the walker
    /// answers) on Linux < 5.6, on a retryable race (EAGAIN, EXDEV) and
    /// when the canonical name cannot be read back inside the root.
    fn in_root_resolve(&self, dir: &std::path::Path, full: &[u8]) -> Option<HostAnswer> {
        use rustix::fs::{Mode, OFlags, ResolveFlags};
        use rustix::io::Errno;
        if self.no_openat2.load(Ordering::Relaxed) {
            return None;
        }
        let root = self
            .kernel_root
            .get_or_init(|| open_kernel_root(dir))
            .as_ref()?;
        let fd = match rustix::fs::openat2(
            &root.dir,
            full,
            OFlags::PATH | OFlags::CLOEXEC,
            Mode::empty(),
            ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS,
        ) {
            Ok(fd) => fd,
            Err(Errno::NOSYS) => {
                self.no_openat2.store(true, Ordering::Relaxed);
                return None;
            }
            Err(Errno::AGAIN) | Err(Errno::XDEV) | Err(Errno::INVAL) => return None,
            Err(e) => return Some(Err(RootError::from(io::Error::from(e)))),
        };
        let file = std::fs::File::from(fd);
        let (host, meta) = match fd_facts(&file)? {
            Ok(facts) => facts,
            Err(e) => return Some(Err(e)),
        };
        let canonical = if root.host == b"/" {
            host
        } else {
            let rest = host.strip_prefix(root.host.as_slice())?;
            match rest {
                [] => b"/".to_vec(),
                [b'/', ..] => rest.to_vec(),
                _ => return None,
            }
        };
        Some(Ok((Resolved { canonical }, meta)))
    }

    /// Resolves `path` and returns the metadata of the file it names.
    pub fn metadata(&self, path: &[u8], cwd: &[u8]) -> Result<(Resolved, NodeMeta), RootError> {
        self.resolve_meta(path, cwd)
    }

    /// `lstat` of an in-root path whose directories are resolved already
    /// (e.g. a name listed by [`Root::list_dir`] joined to its canonical
    /// directory): says whether that entry itself is a symlink.
    pub fn lstat(&self, canonical: &[u8]) -> Result<NodeMeta, RootError> {
        self.fs.lstat(canonical)
    }

    /// The identity of the file `path` names.
    pub fn identity(&self, path: &[u8], cwd: &[u8]) -> Result<FileId, RootError> {
        let (_, meta) = self.metadata(path, cwd)?;
        Ok(meta.id)
    }

    /// The contents of a resolved regular file.
    pub fn open(&self, resolved: &Resolved) -> Result<FileBytes, SourceError> {
        self.fs.open(&resolved.canonical)
    }

    /// Reads a whole (small) file inside the root, at most `limit` bytes.
    pub fn read(&self, path: &[u8], limit: u64) -> Result<Vec<u8>, RootError> {
        let (r, meta) = self.resolve_meta(path, b"/")?;
        if meta.is_dir() {
            return Err(RootError::Io("is a directory".into()));
        }
        if !meta.is_file() {
            // A FIFO or device is never opened: the read could block.
            return Err(RootError::Io("not a regular file".into()));
        }
        self.fs.read_prefix(&r.canonical, limit)
    }

    /// The names in an in-root directory, sorted bytewise.
    pub fn list_dir(&self, path: &[u8]) -> Result<Vec<Vec<u8>>, RootError> {
        let r = self.resolve(path, b"/")?;
        let mut names = self.fs.list_dir(&r.canonical)?;
        names.sort();
        Ok(names)
    }
}

/// `path` made absolute with `cwd`.
fn host_path(path: &[u8], cwd: &[u8]) -> Vec<u8> {
    let mut full = Vec::with_capacity(cwd.len() + 1 + path.len());
    if !path.starts_with(b"/") {
        full.extend_from_slice(cwd);
        full.push(b'/');
    }
    full.extend_from_slice(path);
    full
}

/// The host root needs no confinement: the kernel resolves the whole path in
/// one `open(O_PATH)` (a missing candidate costs one system call instead of
/// one `statx` per component and one `readlink` per symlink), `fstat` gives
/// the node and `/proc/self/fd` its canonical path. `None` when the
/// canonical path cannot be read that way (no /proc): the walker answers.
fn host_resolve(full: &[u8]) -> Option<HostAnswer> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    let file = match std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_PATH)
        .open(std::ffi::OsStr::from_bytes(full))
    {
        Ok(f) => f,
        Err(e) => return Some(Err(RootError::from(e))),
    };
    Some(fd_facts(&file)?.map(|(canonical, meta)| (Resolved { canonical }, meta)))
}

/// The host path (from `/proc/self/fd`) and the metadata of an open
/// `O_PATH` descriptor; `None` when the name cannot be trusted or read.
fn fd_facts(file: &std::fs::File) -> Option<Result<(Vec<u8>, NodeMeta), RootError>> {
    use std::os::fd::AsRawFd;
    let meta = match file.metadata() {
        Ok(m) => crate::source::vfs::meta_of(&m),
        Err(e) => return Some(Err(RootError::from(e))),
    };
    let link = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()?;
    let host = link.into_os_string().into_vec();
    // A name the kernel decorates (` (deleted)`) is not a path to trust.
    if !host.starts_with(b"/") || host.ends_with(b" (deleted)") {
        return None;
    }
    Some(Ok((host, meta)))
}

/// Opens a host directory root for `openat2` (its canonical host path read
/// back from `/proc/self/fd`).
fn open_kernel_root(dir: &std::path::Path) -> Option<KernelRoot> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_PATH | libc::O_DIRECTORY)
        .open(dir)
        .ok()?;
    let (host, meta) = fd_facts(&file)?.ok()?;
    if !meta.is_dir() {
        return None;
    }
    Some(KernelRoot {
        dir: file.into(),
        host,
    })
}

/// `/a/b` from `[a, b]`; `/` from nothing.
pub fn join(components: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for c in components {
        out.push(b'/');
        out.extend_from_slice(c);
    }
    if out.is_empty() {
        out.push(b'/');
    }
    out
}

/// Appends the non-empty components of `path`.
pub fn push_components(out: &mut Vec<Vec<u8>>, path: &[u8]) {
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
