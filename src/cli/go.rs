//! `relf go`: Go 1.19's `go version -m` without the Go toolchain
//! (cmd/go/internal/version/version.go `runVersion`, `scanDir`,
//! `scanFile`).
//!
//! Which files are reported follows Go exactly: an argument that cannot be
//! stat'ed prints `stat ARG: ERROR` and makes the exit status 1; a
//! directory is walked like `filepath.WalkDir` (sorted, symlinks not
//! followed, names joined with `filepath.Join`), and in it only regular
//! files and symlinks to regular files are read, non-Go files silently
//! skipped unless `-v`; an explicit file that is not executable or not a Go
//! binary gets a message and no change of exit status.
//!
//! stdout is byte-identical to `go version -m`. stderr carries the same
//! messages after relf's `relf: ` prefix, except where Go 1.19 prints only
//! a file name for an open or read error; relf prints the error too.

use std::fs::{self, Metadata};
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use relf::elf::go::{read_build_info, GoBuildInfoError};
use relf::elf::ElfFile;
use relf::render::{go as go_text, json};
use relf::source::FileBytes;

use super::args::GoArgs;
use super::report::{Reporter, Stdout};
use super::{write, write_json, Flow};

/// One run over all arguments.
struct Scan<'r> {
    out: &'r mut Stdout,
    reporter: &'r mut Reporter,
    modules: bool,
    verbose: bool,
    /// `Some` with `--json`: reports collected instead of text.
    json: Option<Vec<json::FileReport>>,
}

/// Runs `relf go`; returns go version's exit status.
pub fn run(out: &mut Stdout, reporter: &mut Reporter, args: &GoArgs) -> io::Result<(Flow, i32)> {
    let mut scan = Scan {
        out,
        reporter,
        modules: !args.short,
        verbose: args.verbose,
        json: args.json.then(Vec::new),
    };
    let mut status = 0;
    for path in &args.paths {
        let name = path.as_os_str().as_bytes();
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                let message = format!("stat {}: {}", path.display(), go_errno(&e));
                scan.reporter.message(&message);
                scan.error_report(name, message);
                status = 1;
                continue;
            }
        };
        let flow = if meta.is_dir() {
            scan.dir(path)?
        } else {
            scan.file(name, path, meta, true)?
        };
        if let Flow::PipeClosed = flow {
            return Ok((Flow::PipeClosed, status));
        }
    }
    if let Some(files) = scan.json.take() {
        return Ok((write_json(scan.out, "go", files)?, status));
    }
    Ok((Flow::Continue, status))
}

impl Scan<'_> {
    /// `scanDir`: `filepath.WalkDir` over `root`, reading every regular file
    /// and symlink (not following symlinked directories).
    fn dir(&mut self, root: &Path) -> io::Result<Flow> {
        let root_name = root.as_os_str().as_bytes();
        // WalkDir looks at the root with lstat: a symlink to a directory is
        // handed to scanFile, which refuses it (so nothing is walked).
        let Ok(lmeta) = fs::symlink_metadata(root) else {
            return Ok(Flow::Continue);
        };
        let ft = lmeta.file_type();
        if ft.is_symlink() || ft.is_file() {
            return self.file(root_name, root, lmeta, self.verbose);
        }
        if !ft.is_dir() {
            return Ok(Flow::Continue);
        }
        let walk = walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .min_depth(1);
        // Unreadable directories are skipped silently, as Go's callback
        // ignores the error WalkDir hands it.
        for entry in walk.into_iter().flatten() {
            let ft = entry.file_type();
            if !(ft.is_file() || ft.is_symlink()) {
                continue;
            }
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
            let mut joined = root_name.to_vec();
            joined.push(b'/');
            joined.extend_from_slice(rel.as_os_str().as_bytes());
            let name = clean(&joined);
            // DirEntry.Info is an lstat.
            match fs::symlink_metadata(entry.path()) {
                Ok(meta) => {
                    if let Flow::PipeClosed = self.file(&name, entry.path(), meta, self.verbose)? {
                        return Ok(Flow::PipeClosed);
                    }
                }
                Err(e) => {
                    if self.verbose {
                        let message = format!(
                            "{}: lstat {}: {}",
                            String::from_utf8_lossy(&name),
                            String::from_utf8_lossy(&name),
                            go_errno(&e)
                        );
                        self.reporter.message(&message);
                    }
                }
            }
        }
        Ok(Flow::Continue)
    }

    /// `scanFile`: print the version (and module info) of one Go binary, or
    /// say why not when `must_print`.
    fn file(
        &mut self,
        name: &[u8],
        path: &Path,
        meta: Metadata,
        must_print: bool,
    ) -> io::Result<Flow> {
        let meta = if meta.file_type().is_symlink() {
            match fs::metadata(path) {
                Ok(m) if m.is_file() => m,
                _ => {
                    if must_print {
                        self.complain(name, "symlink".into());
                    }
                    return Ok(Flow::Continue);
                }
            }
        } else {
            meta
        };
        // isExe: a regular file with some execute bit.
        if !(meta.is_file() && meta.permissions().mode() & 0o111 != 0) {
            if must_print {
                self.complain(name, "not executable file".into());
            }
            return Ok(Flow::Continue);
        }
        let shown = String::from_utf8_lossy(name);
        let bytes = match FileBytes::open(path) {
            Ok(b) => b,
            Err(e) => {
                if must_print {
                    let why = match &e {
                        relf::source::SourceError::Io(io) => go_errno(io),
                        other => other.to_string(),
                    };
                    self.complain(
                        name,
                        format!("could not read Go build info: open {shown}: {why}"),
                    );
                }
                return Ok(Flow::Continue);
            }
        };
        let info = read_build_info(&bytes);
        if bytes.changed() {
            self.complain(name, relf::source::CHANGED_WHILE_READ.into());
            self.reporter.failed = true;
            return Ok(Flow::Continue);
        }
        let info = match info {
            Ok(info) => info,
            Err(e) => {
                if must_print {
                    let message = match e {
                        GoBuildInfoError::NegativeOffset { .. } => {
                            format!("could not read Go build info: readat {shown}: negative offset")
                        }
                        e => format!("could not read Go build info from {shown}: {e}"),
                    };
                    self.complain(name, message);
                    // A Go build ID note without build information (Go
                    // before 1.13, or the blob removed): JSON says so.
                    if let Some(report) = self.json.as_mut().and_then(|r| r.last_mut()) {
                        if let Some(id) = ElfFile::parse(&bytes).ok().and_then(|e| e.go_build_id())
                        {
                            report.warnings.push(format!(
                                "Go build ID note present ({})",
                                String::from_utf8_lossy(id)
                            ));
                        }
                    }
                }
                return Ok(Flow::Continue);
            }
        };
        if let Some(e) = &info.modinfo_error {
            // Go's Read fails as a whole when ParseBuildInfo does.
            if must_print {
                let message = format!("could not read Go build info from {shown}: {e}");
                self.reporter.message(&format!("{shown}: {message}"));
                if let Some(reports) = &mut self.json {
                    reports.push(go_json(&shown, Some(message), &info, &bytes));
                }
            }
            return Ok(Flow::Continue);
        }
        if let Some(reports) = &mut self.json {
            reports.push(go_json(&shown, None, &info, &bytes));
            return Ok(Flow::Continue);
        }
        let mut buf = Vec::new();
        go_text::write_version(&mut buf, name, &info, self.modules);
        write(self.out, &buf)
    }

    /// `FILE: message` on stderr (and in the JSON report).
    fn complain(&mut self, name: &[u8], message: String) {
        let shown = String::from_utf8_lossy(name);
        self.reporter.message(&format!("{shown}: {message}"));
        self.error_report(name, message);
    }

    fn error_report(&mut self, name: &[u8], message: String) {
        if let Some(reports) = &mut self.json {
            reports.push(json::FileReport {
                path: String::from_utf8_lossy(name).into_owned(),
                error: Some(message),
                ..Default::default()
            });
        }
    }
}

/// Go's text for an errno (syscall `Errno.Error`, from the table in
/// zerrors_linux_amd64.go); other errors as Rust shows them, lowercased
/// the way Go's table was made from libc's strings.
fn go_errno(e: &io::Error) -> String {
    let known = match e.raw_os_error() {
        Some(libc::EPERM) => "operation not permitted",
        Some(libc::ENOENT) => "no such file or directory",
        Some(libc::EIO) => "input/output error",
        Some(libc::EBADF) => "bad file descriptor",
        Some(libc::ENOMEM) => "cannot allocate memory",
        Some(libc::EACCES) => "permission denied",
        Some(libc::EFAULT) => "bad address",
        Some(libc::ENOTDIR) => "not a directory",
        Some(libc::ENAMETOOLONG) => "file name too long",
        Some(libc::ELOOP) => "too many levels of symbolic links",
        Some(libc::EOVERFLOW) => "value too large for defined data type",
        Some(libc::ESTALE) => "stale NFS file handle",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    let text = e.to_string();
    let text = match text.find(" (os error ") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_ascii_uppercase() && b.is_ascii_lowercase() => {
            format!("{}{}", a.to_ascii_lowercase(), &text[1..])
        }
        _ => text.to_string(),
    }
}

/// `filepath.Clean` on Unix (src/path/filepath/path.go): the shortest
/// lexically equivalent path. `filepath.Join` of a directory and a name is
/// `Clean(dir + "/" + name)`.
pub fn clean(path: &[u8]) -> Vec<u8> {
    if path.is_empty() {
        return b".".to_vec();
    }
    let rooted = path[0] == b'/';
    let n = path.len();
    let mut out: Vec<u8> = Vec::with_capacity(n);
    let (mut r, mut dotdot) = (0, 0);
    if rooted {
        out.push(b'/');
        r = 1;
        dotdot = 1;
    }
    let sep = |i: usize| i == n || path[i] == b'/';
    while r < n {
        if path[r] == b'/' || (path[r] == b'.' && sep(r + 1)) {
            // An empty or `.` element.
            r += 1;
        } else if path[r] == b'.' && path.get(r + 1) == Some(&b'.') && sep(r + 2) {
            r += 2;
            if out.len() > dotdot {
                let mut w = out.len() - 1;
                while w > dotdot && out[w] != b'/' {
                    w -= 1;
                }
                out.truncate(w);
            } else if !rooted {
                if !out.is_empty() {
                    out.push(b'/');
                }
                out.extend_from_slice(b"..");
                dotdot = out.len();
            }
        } else {
            if (rooted && out.len() != 1) || (!rooted && !out.is_empty()) {
                out.push(b'/');
            }
            while r < n && path[r] != b'/' {
                out.push(path[r]);
                r += 1;
            }
        }
    }
    if out.is_empty() {
        out.push(b'.');
    }
    out
}

/// One file's `relf go --json` report (the build ID read from its notes).
fn go_json(
    shown: &str,
    error: Option<String>,
    info: &relf::elf::go::GoBuildInfo,
    bytes: &[u8],
) -> json::FileReport {
    let build_id = ElfFile::parse(bytes).ok().and_then(|elf| elf.go_build_id());
    json::FileReport {
        path: shown.to_owned(),
        error,
        go: Some(json::go_report(info, build_id)),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_matches_go() {
        // Cases from Go's path/filepath cleantests.
        let cases = [
            ("abc", "abc"),
            ("abc/def", "abc/def"),
            ("", "."),
            (".", "."),
            ("..", ".."),
            ("../..", "../.."),
            ("/", "/"),
            ("//abc", "/abc"),
            ("abc/", "abc"),
            ("./abc", "abc"),
            ("abc/./def", "abc/def"),
            ("abc/../def", "def"),
            ("abc/def/../..", "."),
            ("/abc/def/../../..", "/"),
            ("abc/def/../../..", ".."),
            ("../abc/./def/../x", "../abc/x"),
            ("./sub//gs2", "sub/gs2"),
            ("abc//def//ghi", "abc/def/ghi"),
            ("/../abc", "/abc"),
        ];
        for (input, want) in cases {
            assert_eq!(clean(input.as_bytes()), want.as_bytes(), "{input:?}");
        }
    }
}
