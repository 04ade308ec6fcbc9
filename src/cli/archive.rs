//! readelf's walk over an `ar` archive (readelf.c `process_archive`): the
//! symbol index for `-c`, then every member as an object of its own named
//! `lib.a(m.o)` (`thin.a[m.o]`, `thin.a[nested.a(m.o)]` for thin archives,
//! whose members are files beside the archive).
//!
//! The reading is [`relf::source::archive`]; this module opens the files a
//! thin archive names and reports problems as readelf's exit status does:
//! a member that cannot be shown makes the run fail, the walk stops at a
//! damaged header, a missing index is only a message.

use std::ffi::OsStr;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use relf::render::readelf::archive::{write_index_header, write_index_member, write_index_symbol};
use relf::render::readelf::ReadelfOptions;
use relf::source::archive::{
    member_path, qualified_name, Archive, ArchiveKind, MemberName, HEADER_SIZE,
};
use relf::source::FileBytes;

use super::report::{Reporter, Stdout};
use super::{object_report, write, Flow, Object};

/// readelf's one-entry cache of the archive a thin archive's nested
/// members live in (`setup_nested_archive`).
#[derive(Default)]
struct Nested {
    path: Vec<u8>,
    /// The archive's bytes, when it could be opened.
    bytes: Option<FileBytes>,
}

impl Nested {
    fn open(&mut self, path: &[u8]) {
        if self.path == path && self.bytes.is_some() {
            return;
        }
        self.path = path.to_vec();
        self.bytes = FileBytes::open(Path::new(OsStr::from_bytes(path))).ok();
    }

    /// `get_archive_member_name_at` in the nested archive.
    fn member_name(&self, origin: u64) -> Option<Vec<u8>> {
        let data = self.bytes.as_deref()?;
        let mut arch = Archive::open(data, ArchiveKind::Regular, false).ok()?;
        arch.member_name_at(origin).ok().map(|n| n.name)
    }

    /// The name readelf shows between the brackets: the archive's path,
    /// `<corrupt>` when it could not be opened.
    fn display_name(&self) -> &[u8] {
        if self.bytes.is_some() {
            &self.path
        } else {
            b"<corrupt>"
        }
    }
}

/// A member's name resolved as `get_archive_member_name` resolves it (for
/// a nested thin member: opening the nested archive) and qualified.
fn resolve(
    archive_name: &[u8],
    kind: ArchiveKind,
    name: &MemberName,
    nested: &mut Nested,
) -> (Vec<u8>, Vec<u8>) {
    if kind == ArchiveKind::Thin && name.nested_origin != 0 {
        nested.open(&member_path(archive_name, &name.name));
        let member = nested
            .member_name(name.nested_origin)
            .unwrap_or_else(|| name.name.clone());
        let q = qualified_name(archive_name, kind, Some(nested.display_name()), &member);
        return (member, q);
    }
    let q = qualified_name(archive_name, kind, None, &name.name);
    (name.name.clone(), q)
}

/// Prints an archive the way readelf prints it.
pub(super) fn text_report(
    out: &mut Stdout,
    reporter: &mut Reporter,
    path: &Path,
    data: &[u8],
    kind: ArchiveKind,
    opts: &mut ReadelfOptions,
) -> io::Result<Flow> {
    let archive_name = path.as_os_str().as_bytes();
    let mut buf = Vec::new();
    let mut arch = match Archive::open(data, kind, opts.archive_index) {
        Ok(a) => a,
        Err(e) => {
            if opts.archive_index && relf::source::archive::lacks_index(data) {
                buf.extend_from_slice(archive_name);
                buf.extend_from_slice(b" has no archive index\n");
            }
            reporter.error(path, &e);
            return write(out, &buf);
        }
    };
    if arch.no_index {
        buf.extend_from_slice(archive_name);
        buf.extend_from_slice(b" has no archive index\n");
    }
    let mut nested = Nested::default();
    if opts.archive_index {
        match arch.index {
            None => reporter.warn(path, &"unable to dump the index as none was found"),
            Some(index) => {
                write_index_header(
                    &mut buf,
                    archive_name,
                    index.len(),
                    index.symbols.len() as u64,
                );
                let symbols = index.symbols;
                let mut l = 0usize;
                for i in 0..index.len() {
                    let offset = index.offset(i);
                    if i == 0 || offset != index.offset(i - 1) {
                        match arch.member_name_at(offset) {
                            Ok(name) => {
                                let (_, q) = resolve(archive_name, kind, &name, &mut nested);
                                write_index_member(&mut buf, &q, offset);
                            }
                            Err(e) => reporter.warn(path, &e),
                        }
                    }
                    if l >= symbols.len() {
                        reporter.error(
                            path,
                            &"end of the symbol table reached before the end of the index",
                        );
                        break;
                    }
                    let rest = &symbols[l..];
                    let len = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
                    write_index_symbol(&mut buf, &rest[..len]);
                    l += len + 1;
                }
                let l = if index.is_64() {
                    (l + 7) & !7
                } else {
                    l + (l & 1)
                };
                if l < symbols.len() {
                    reporter.error(
                        path,
                        &format!(
                            "{} bytes remain in the symbol table, but without corresponding entries in the index table",
                            symbols.len() - l
                        ),
                    );
                }
            }
        }
        if !opts.any() {
            return write(out, &buf);
        }
    }
    if let Flow::PipeClosed = write(out, &buf)? {
        return Ok(Flow::PipeClosed);
    }
    walk_members(out, reporter, path, &mut arch, &mut nested, opts)
}

/// The member loop of `process_archive`.
fn walk_members(
    out: &mut Stdout,
    reporter: &mut Reporter,
    path: &Path,
    arch: &mut Archive,
    nested: &mut Nested,
    opts: &mut ReadelfOptions,
) -> io::Result<Flow> {
    let archive_name = path.as_os_str().as_bytes();
    let kind = arch.kind;
    let mut next = arch.first_member;
    loop {
        let header = match arch.member_header(next) {
            Ok(Some(h)) => h,
            Ok(None) => return Ok(Flow::Continue),
            Err(e) => {
                reporter.error(path, &e);
                return Ok(Flow::Continue);
            }
        };
        next += HEADER_SIZE;
        let size = header.size();
        let name = match arch.member_name(&header) {
            Ok(n) => n,
            Err(e) => {
                reporter.error(path, &format!("{e}: bad archive file name"));
                return Ok(Flow::Continue);
            }
        };
        let (_, qualified) = resolve(archive_name, kind, &name, nested);
        let member_path_os = Path::new(OsStr::from_bytes(&qualified));
        let flow = match (kind, name.nested_origin) {
            (ArchiveKind::Thin, 0) => {
                let file = member_path(archive_name, &name.name);
                match FileBytes::open(Path::new(OsStr::from_bytes(&file))) {
                    Ok(bytes) if readelf_can_open(&bytes) => {
                        let object = Object {
                            bytes: &bytes,
                            name: &qualified,
                            path: member_path_os,
                            show_name: true,
                            member: true,
                        };
                        object_report(out, reporter, &object, opts)?
                    }
                    _ => {
                        reporter.error(
                            Path::new(OsStr::from_bytes(&file)),
                            &"input file is not readable (readelf needs its file and section headers)",
                        );
                        return Ok(Flow::Continue);
                    }
                }
            }
            (ArchiveKind::Thin, origin) => {
                let Some(data) = nested.bytes.as_deref() else {
                    reporter.error(
                        member_path_os,
                        &format!(
                            "contains corrupt thin archive: {}",
                            String::from_utf8_lossy(&name.name)
                        ),
                    );
                    return Ok(Flow::Continue);
                };
                // readelf 2.40 reads a nested member's file header but
                // gives it a file size of 0, so every later read fails:
                // the member is its header alone.
                let start = origin.saturating_add(HEADER_SIZE);
                let rest = usize::try_from(start)
                    .ok()
                    .and_then(|s| data.get(s..))
                    .unwrap_or(&[]);
                let header_len = if rest.get(4) == Some(&2) { 64 } else { 52 };
                let object = Object {
                    bytes: &rest[..rest.len().min(header_len)],
                    name: &qualified,
                    path: member_path_os,
                    show_name: true,
                    member: true,
                };
                object_report(out, reporter, &object, opts)?
            }
            (ArchiveKind::Regular, _) => {
                let rest = usize::try_from(next)
                    .ok()
                    .and_then(|s| arch.data.get(s..))
                    .unwrap_or(&[]);
                let object = Object {
                    bytes: rest,
                    name: &qualified,
                    path: member_path_os,
                    show_name: true,
                    member: true,
                };
                let flow = object_report(out, reporter, &object, opts)?;
                let step = size.wrapping_add(1) & !1;
                next = next.wrapping_add(step);
                // readelf stops at a "negative" size.
                if next < size {
                    next = u64::MAX;
                }
                flow
            }
        };
        if let Flow::PipeClosed = flow {
            return Ok(Flow::PipeClosed);
        }
    }
}

/// Whether readelf's `open_file` accepts a thin archive's member file: its
/// file header can be read (`get_file_header`, no magic check) and so can
/// its section headers (`get_section_headers`: at least one, of at least
/// the standard size, inside the file). Otherwise readelf stops the walk.
fn readelf_can_open(data: &[u8]) -> bool {
    let is_64 = data.get(4) == Some(&2);
    let big = data.get(5) == Some(&2);
    if data.len() < if is_64 { 64 } else { 52 } {
        return false;
    }
    let int = |at: usize, n: usize| -> u64 {
        let b = &data[at..at + n];
        if big {
            b.iter().fold(0, |v, &x| (v << 8) | u64::from(x))
        } else {
            b.iter().rev().fold(0, |v, &x| (v << 8) | u64::from(x))
        }
    };
    let (shoff, shentsize, shnum) = if is_64 {
        (int(40, 8), int(58, 2), int(60, 2))
    } else {
        (int(32, 4), int(46, 2), int(48, 2))
    };
    let min_entsize = if is_64 { 64 } else { 40 };
    let within = |off: u64, amt: u64| off <= data.len() as u64 && amt <= data.len() as u64 - off;
    let mut count = shnum;
    if shnum == 0 && shoff != 0 && shentsize != 0 && within(shoff, shentsize) {
        // Extended numbering: the count is section 0's sh_size
        // (readelf keeps it in an unsigned int).
        count = if is_64 {
            int(shoff as usize + 32, 8) as u32 as u64
        } else {
            int(shoff as usize + 20, 4)
        };
    }
    count != 0 && shentsize >= min_entsize && within(shoff, shentsize * count)
}
