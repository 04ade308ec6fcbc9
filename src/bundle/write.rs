//! Carries out a [`Plan`] under a destination directory.
//!
//! Safety rules: the destination is never `/` nor the source root or one of
//! its parents; nothing is written outside it (every directory on the way is
//! checked with `lstat` and a symlink there is refused, never followed;
//! files are created with `O_EXCL`, so a symlink planted at a file's path is
//! not followed either); an existing file or symlink that differs from the
//! plan is an error unless `force` (then it is replaced, never written
//! through). Identical existing entries are left alone, so a second run is a
//! no-op.

use std::io::Write as _;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::{Node, Plan};
use crate::loader::root::Root;

/// Why a bundle could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("refusing to write into {0}: {1}")]
    Refused(PathBuf, &'static str),
    #[error("{0} exists and differs from the bundle (use --force to replace it)")]
    Exists(PathBuf),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0}: reading the source: {1}")]
    Source(String, String),
}

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub created: usize,
    pub unchanged: usize,
    pub replaced: usize,
}

/// Creates `dest` if needed and checks it may be written into: not `/`,
/// not the source root's host directory nor one of its parents.
pub fn prepare_destination(dest: &Path, root: &Root) -> Result<PathBuf, WriteError> {
    std::fs::create_dir_all(dest).map_err(|e| WriteError::Io(dest.to_path_buf(), e))?;
    let canonical = dest
        .canonicalize()
        .map_err(|e| WriteError::Io(dest.to_path_buf(), e))?;
    if canonical == Path::new("/") {
        return Err(WriteError::Refused(canonical, "it is /"));
    }
    if let Some(host) = root.fs().host_dir() {
        let host = host.canonicalize().unwrap_or_else(|_| host.to_path_buf());
        if host.starts_with(&canonical) {
            return Err(WriteError::Refused(
                canonical,
                "it is the source root or a parent of it",
            ));
        }
    }
    Ok(canonical)
}

/// Writes `plan` (read from `root`) under `dest` (from
/// [`prepare_destination`]).
pub fn write(
    plan: &Plan,
    root: &Root,
    dest: &Path,
    force: bool,
) -> Result<WriteReport, WriteError> {
    let mut report = WriteReport::default();
    // Sorted paths: a directory comes before everything under it.
    for (path, entry) in &plan.entries {
        let target = host_path(dest, path);
        check_parents(dest, &target)?;
        let existing = std::fs::symlink_metadata(&target).ok();
        match &entry.node {
            Node::Dir { mode } => match existing {
                Some(m) if m.is_dir() => report.unchanged += 1,
                Some(_) => return Err(WriteError::Exists(target)),
                None => {
                    std::fs::create_dir(&target).map_err(|e| WriteError::Io(target.clone(), e))?;
                    set_mode(&target, mode | 0o700)?;
                    report.created += 1;
                }
            },
            Node::Symlink { target: link } => {
                if let Some(m) = &existing {
                    let same = m.file_type().is_symlink()
                        && std::fs::read_link(&target)
                            .is_ok_and(|t| t.as_os_str().as_bytes() == link.as_slice());
                    if same {
                        report.unchanged += 1;
                        continue;
                    }
                    replace(&target, m, force)?;
                    report.replaced += 1;
                } else {
                    report.created += 1;
                }
                std::os::unix::fs::symlink(std::ffi::OsStr::from_bytes(link), &target)
                    .map_err(|e| WriteError::Io(target.clone(), e))?;
            }
            Node::File { mode, .. } => {
                let bytes = root
                    .fs()
                    .open(path)
                    .map_err(|e| WriteError::Source(lossy(path), e.to_string()))?;
                put_file(
                    &target,
                    &bytes,
                    *mode,
                    existing.as_ref(),
                    force,
                    &mut report,
                )?;
            }
            Node::Generated { bytes } => {
                put_file(&target, bytes, 0o644, existing.as_ref(), force, &mut report)?;
            }
        }
    }
    Ok(report)
}

fn put_file(
    target: &Path,
    bytes: &[u8],
    mode: u32,
    existing: Option<&std::fs::Metadata>,
    force: bool,
    report: &mut WriteReport,
) -> Result<(), WriteError> {
    if let Some(m) = existing {
        let same = m.is_file()
            && m.len() == bytes.len() as u64
            && std::fs::read(target).is_ok_and(|b| b == bytes);
        if same {
            report.unchanged += 1;
            return Ok(());
        }
        replace(target, m, force)?;
        report.replaced += 1;
    } else {
        report.created += 1;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode | 0o600)
        .open(target)
        .map_err(|e| WriteError::Io(target.to_path_buf(), e))?;
    f.write_all(bytes)
        .map_err(|e| WriteError::Io(target.to_path_buf(), e))?;
    set_mode(target, mode)
}

/// Removes a differing file or symlink (never a directory) when forced.
fn replace(target: &Path, m: &std::fs::Metadata, force: bool) -> Result<(), WriteError> {
    if !force || m.is_dir() {
        return Err(WriteError::Exists(target.to_path_buf()));
    }
    std::fs::remove_file(target).map_err(|e| WriteError::Io(target.to_path_buf(), e))
}

fn set_mode(target: &Path, mode: u32) -> Result<(), WriteError> {
    std::fs::set_permissions(target, std::fs::Permissions::from_mode(mode))
        .map_err(|e| WriteError::Io(target.to_path_buf(), e))
}

/// Every directory between `dest` and `target` must be a real directory
/// (`lstat`): a symlink there could lead outside `dest`.
fn check_parents(dest: &Path, target: &Path) -> Result<(), WriteError> {
    let Ok(rest) = target.strip_prefix(dest) else {
        return Err(WriteError::Refused(
            target.to_path_buf(),
            "outside the destination",
        ));
    };
    let mut here = dest.to_path_buf();
    let mut parts: Vec<_> = rest.components().collect();
    parts.pop();
    for c in parts {
        here.push(c);
        match std::fs::symlink_metadata(&here) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(WriteError::Refused(
                    here,
                    "a directory on the way is not a directory",
                ))
            }
            Err(e) => return Err(WriteError::Io(here, e)),
        }
    }
    Ok(())
}

/// `dest` joined with the in-root path's components (which are canonical:
/// no `.`, `..` or empty ones).
fn host_path(dest: &Path, path: &[u8]) -> PathBuf {
    let mut p = dest.to_path_buf();
    for c in path.split(|&b| b == b'/').filter(|c| !c.is_empty()) {
        p.push(std::ffi::OsStr::from_bytes(c));
    }
    p
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
