//! `relf info`: what each file is (kind, linkage, libc, Go, versions,
//! hardening), one line per file, `--long` with the evidence, or `--json`.
//! Problems are reported per file (`relf: FILE: problem`) and the other
//! files are still processed; any problem makes the exit status 1.

use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use relf::elf::ElfFile;
use relf::info::hardening::world_writable_dirs;
use relf::info::FileFacts;
use relf::loader::root::{dirname, Root};
use relf::render::info::{write_long, write_summary, InfoOptions};
use relf::render::json;
use relf::source::FileBytes;

use super::args::InfoArgs;
use super::report::{Reporter, Stdout};
use super::{write, write_json, Flow};

/// Runs `relf info` over every file.
pub fn run(
    out: &mut Stdout,
    reporter: &mut Reporter,
    args: &InfoArgs,
    color: bool,
) -> io::Result<Flow> {
    let opts = InfoOptions { color };
    let root = match &args.root {
        Some(path) => {
            match super::input::open(path, args.image_platform.as_deref(), &Default::default()) {
                Ok(input) => Some(input.root),
                Err(e) => {
                    reporter.error(path, &e);
                    return Ok(Flow::Continue);
                }
            }
        }
        None => None,
    };
    let mut reports = Vec::new();
    for path in &args.files {
        let name = path.as_os_str().as_encoded_bytes();
        let facts = facts_of(path, root.as_ref());
        if let Err(e) = &facts {
            reporter.error(path, e);
        }
        if args.json {
            let mut report = json::FileReport {
                path: path.display().to_string(),
                ..Default::default()
            };
            match facts {
                Ok(f) => report.info = Some(json::info_report(&f)),
                Err(e) => report.error = Some(e.to_string()),
            }
            reports.push(report);
            continue;
        }
        let Ok(facts) = facts else { continue };
        let mut text = String::new();
        if args.long {
            write_long(&mut text, name, &facts, &opts);
        } else {
            write_summary(&mut text, name, &facts, &opts);
        }
        if let Flow::PipeClosed = write(out, text.as_bytes())? {
            return Ok(Flow::PipeClosed);
        }
    }
    if args.json {
        return write_json(out, "info", reports);
    }
    Ok(Flow::Continue)
}

/// Why a file has no facts, as a message.
#[derive(Debug)]
enum InfoError {
    Source(relf::source::SourceError),
    Elf(relf::elf::ElfError),
    Root(relf::loader::root::RootError),
    /// The file shrank while it was read (`FileBytes::changed`).
    Changed,
}

impl std::fmt::Display for InfoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InfoError::Source(e) => e.fmt(f),
            InfoError::Elf(e) => e.fmt(f),
            InfoError::Root(e) => e.fmt(f),
            InfoError::Changed => f.write_str(relf::source::CHANGED_WHILE_READ),
        }
    }
}

/// The facts of `path`: inside `root` when one is given (else on the
/// host), with the RPATH/RUNPATH directories that are world-writable there.
fn facts_of(path: &Path, root: Option<&Root>) -> Result<FileFacts, InfoError> {
    let name = path.as_os_str().as_bytes();
    let (bytes, mode, resolved) = match root {
        Some(r) => {
            let resolved = r.resolve(name, b"/").map_err(InfoError::Root)?;
            let bytes = r.open(&resolved).map_err(InfoError::Source)?;
            let mode = r.lstat(&resolved.canonical).ok().map(|m| m.mode);
            (bytes, mode, Some(resolved))
        }
        None => {
            let cwd = std::env::current_dir().unwrap_or_default();
            let resolved = Root::host_root()
                .resolve(name, cwd.as_os_str().as_bytes())
                .ok();
            let bytes = FileBytes::open(path).map_err(InfoError::Source)?;
            let mode = std::fs::metadata(path).ok().map(|m| m.mode());
            (bytes, mode, resolved)
        }
    };
    let elf = ElfFile::parse(&bytes).map_err(InfoError::Elf)?;
    let mut facts = FileFacts::from_elf_with_mode(&elf, &bytes, mode);
    if bytes.changed() {
        return Err(InfoError::Changed);
    }
    let origin = resolved.as_ref().map(|r| dirname(&r.canonical));
    let host = Root::host_root();
    let writable = world_writable_dirs(&facts.hardening, root.unwrap_or(&host), origin);
    facts.hardening.rpath_issues.extend(writable);
    Ok(facts)
}
