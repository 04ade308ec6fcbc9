//! The command-line front end: parse flags once, run one command over its
//! files, report per-file errors as `relf: FILE: message` and keep going.
//!
//! Exit status: 0 when every file was processed cleanly, 1 when any file
//! could not be read or parsed (or, for the native commands, had damaged
//! tables), 2 for usage errors. A closed stdout pipe ends the run with 0.

mod archive;
mod args;
mod audit;
mod bundle;
mod go;
mod info;
mod input;
mod ldd;
mod ldd_bind;
mod readelf_args;
mod report;

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser};

use relf::elf::ElfFile;
use relf::render::json;
use relf::render::readelf::{self, Demangle, ReadelfOptions};
use relf::source::FileBytes;

use args::{Cli, Command, FileArgs};
use report::{Reporter, Stdout};

/// Exit status for usage errors (clap's convention).
const EXIT_USAGE: i32 = 2;

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { 0 };
        }
    };
    let mut reporter = Reporter::new(cli.color);
    let mut out = Stdout::new();
    let mut exit_override: Option<i32> = None;
    let outcome = match cli.command {
        Command::Headers(a) => file_command(&mut out, &mut reporter, "headers", &a, header_only()),
        Command::Segments(a) => file_command(
            &mut out,
            &mut reporter,
            "segments",
            &a,
            ReadelfOptions {
                segments: true,
                wide: true,
                ..Default::default()
            },
        ),
        Command::Sections(a) => file_command(
            &mut out,
            &mut reporter,
            "sections",
            &a,
            ReadelfOptions {
                sections: true,
                wide: true,
                ..Default::default()
            },
        ),
        Command::Dynamic(a) => file_command(
            &mut out,
            &mut reporter,
            "dynamic",
            &a,
            ReadelfOptions {
                dynamic: true,
                wide: true,
                ..Default::default()
            },
        ),
        Command::Relocs(a) => file_command(
            &mut out,
            &mut reporter,
            "relocs",
            &a.files,
            ReadelfOptions {
                relocs: true,
                wide: true,
                demangle: a.demangle.then(Demangle::default),
                ..Default::default()
            },
        ),
        Command::Symbols(a) => file_command(
            &mut out,
            &mut reporter,
            "symbols",
            &a.files,
            ReadelfOptions {
                syms: !a.dynamic,
                dyn_syms: a.dynamic,
                wide: true,
                demangle: a.demangle.then(Demangle::default),
                ..Default::default()
            },
        ),
        Command::Versions(a) => file_command(
            &mut out,
            &mut reporter,
            "versions",
            &a,
            ReadelfOptions {
                version_info: true,
                wide: true,
                ..Default::default()
            },
        ),
        Command::Notes(a) => file_command(
            &mut out,
            &mut reporter,
            "notes",
            &a,
            ReadelfOptions {
                notes: true,
                wide: true,
                ..Default::default()
            },
        ),
        Command::Readelf { args } => readelf_front_end(&mut out, &mut reporter, &args),
        Command::Ldd(a) => {
            let color = stdout_color(cli.color);
            with_status(
                ldd::run(&mut out, &mut reporter, &a, color),
                &mut exit_override,
            )
        }
        Command::Audit(a) => {
            let color = stdout_color(cli.color);
            with_status(
                audit::run(&mut out, &mut reporter, &a, color),
                &mut exit_override,
            )
        }
        Command::Info(a) => {
            let color = stdout_color(cli.color);
            info::run(&mut out, &mut reporter, &a, color)
        }
        Command::Go(a) => with_status(go::run(&mut out, &mut reporter, &a), &mut exit_override),
        Command::Bundle(a) => {
            with_status(bundle::run(&mut out, &mut reporter, &a), &mut exit_override)
        }
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "relf", &mut buf);
            out.write(&buf).map(|_| Flow::Continue)
        }
    };
    let finished = outcome.and_then(|flow| match flow {
        Flow::Continue => out.flush().map(|_| ()),
        Flow::PipeClosed => Ok(()),
    });
    if let Err(e) = finished {
        reporter.error_plain(&format!("error writing output: {e}"));
        return 1;
    }
    exit_override.unwrap_or(i32::from(reporter.failed))
}

/// Whether stdout gets colors (`--color`, NO_COLOR, a terminal).
fn stdout_color(when: args::ColorWhen) -> bool {
    report::use_color(
        when,
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        std::io::IsTerminal::is_terminal(&std::io::stdout()),
    )
}

/// A command that chooses its own exit status.
fn with_status(
    result: io::Result<(Flow, i32)>,
    exit_override: &mut Option<i32>,
) -> io::Result<Flow> {
    result.map(|(flow, status)| {
        *exit_override = Some(status);
        flow
    })
}

fn header_only() -> ReadelfOptions {
    ReadelfOptions {
        file_header: true,
        ..Default::default()
    }
}

/// Whether to keep writing.
pub(crate) enum Flow {
    Continue,
    PipeClosed,
}

pub(crate) fn write(out: &mut Stdout, bytes: &[u8]) -> io::Result<Flow> {
    Ok(if out.write(bytes)? {
        Flow::Continue
    } else {
        Flow::PipeClosed
    })
}

/// Writes one `--json` document.
pub(crate) fn write_json(
    out: &mut Stdout,
    command: &'static str,
    files: Vec<json::FileReport>,
) -> io::Result<Flow> {
    let doc = json::Document {
        schema_version: json::SCHEMA_VERSION,
        command,
        files,
    };
    let mut buf = serde_json::to_vec_pretty(&doc).map_err(io::Error::other)?;
    buf.push(b'\n');
    write(out, &buf)
}

/// readelf prints `File: NAME` before each object when given several files,
/// once it has read a whole file header's worth of bytes (even if the magic
/// then turns out wrong); archives are handled elsewhere, but an archive
/// inside an archive is a `member` readelf tries as an object.
fn readelf_prints_file_line(data: &[u8], member: bool) -> bool {
    if !member
        && (data.len() < 8 || data.starts_with(b"!<arch>\n") || data.starts_with(b"!<thin>\n"))
    {
        return false;
    }
    let need = if data.get(4) == Some(&2) { 64 } else { 52 };
    data.len() >= need
}

/// Problems in the parts the model reads on demand (notes, section groups)
/// when they are displayed.
fn on_demand_diagnostics(elf: &ElfFile, opts: &ReadelfOptions) -> Vec<String> {
    let mut diags = Vec::new();
    if opts.section_groups {
        let _ = elf.section_groups(&mut diags);
    }
    if opts.notes {
        diags.extend(elf.notes().diagnostics);
    }
    diags.extend(table_diagnostics(elf, opts));
    diags
}

/// Runs one readelf-style display over every file (text or JSON).
fn file_command(
    out: &mut Stdout,
    reporter: &mut Reporter,
    command: &'static str,
    args: &FileArgs,
    opts: ReadelfOptions,
) -> io::Result<Flow> {
    if args.json {
        let files = args
            .files
            .iter()
            .map(|path| json_report(reporter, path, &opts))
            .collect();
        return write_json(out, command, files);
    }
    let show_names = args.files.len() > 1;
    let mut opts = opts;
    for path in &args.files {
        if let Flow::PipeClosed = text_report(out, reporter, path, &mut opts, show_names)? {
            return Ok(Flow::PipeClosed);
        }
    }
    Ok(Flow::Continue)
}

/// Prints one file the way readelf would; reports problems on stderr.
/// Damaged tables are warnings that keep the exit status, as in readelf,
/// for the named views as for the readelf front end (issue 11): the status
/// is readelf's for the same flags.
/// An `ar` archive is shown member by member ([`archive::text_report`]).
fn text_report(
    out: &mut Stdout,
    reporter: &mut Reporter,
    path: &Path,
    opts: &mut ReadelfOptions,
    show_name: bool,
) -> io::Result<Flow> {
    let bytes = match FileBytes::open(path) {
        Ok(b) => b,
        Err(e) => {
            reporter.error(path, &e);
            return Ok(Flow::Continue);
        }
    };
    if let Some(kind) = relf::source::archive::archive_kind(&bytes) {
        return archive::text_report(out, reporter, path, &bytes, kind, opts);
    }
    if opts.archive_index {
        reporter.warn(
            path,
            &format!(
                "File {} is not an archive so its index cannot be displayed.",
                path.display()
            ),
        );
    }
    let name = path.as_os_str().as_encoded_bytes();
    let object = Object {
        bytes: &bytes,
        name,
        path,
        show_name,
        member: false,
    };
    object_report(out, reporter, &object, opts)
}

/// One ELF object to print: a file, or a member of an archive.
pub(crate) struct Object<'a> {
    pub bytes: &'a [u8],
    /// The name readelf prints (`lib.a(m.o)` for a member).
    pub name: &'a [u8],
    /// The name problems are reported under.
    pub path: &'a Path,
    pub show_name: bool,
    /// An archive member: its `File:` line is printed even when it is an
    /// archive itself.
    pub member: bool,
}

/// Prints one object (readelf's `process_object`). `opts` carries over to
/// the next object what readelf's globals carry.
pub(crate) fn object_report(
    out: &mut Stdout,
    reporter: &mut Reporter,
    object: &Object,
    opts: &mut ReadelfOptions,
) -> io::Result<Flow> {
    let (path, name, show_name) = (object.path, object.name, object.show_name);
    // A vanished mapped page counts a fault (source::guard): what was read
    // from this object is then not the file's.
    let faults_before = relf::source::faults();
    let mut buf = Vec::new();
    match ElfFile::parse(object.bytes) {
        Ok(elf) => {
            let dumps =
                readelf::write_object_status(&mut buf, &elf, opts, show_name.then_some(name));
            let diagnostics = on_demand_diagnostics(&elf, opts);
            // Warnings keep the status, as in readelf; the few failures
            // readelf's exit status reflects are taken from the model.
            if opts.notes && elf.notes().readelf_fails() {
                reporter.failed = true;
            }
            if relf::source::faults() != faults_before {
                reporter.error(path, &relf::source::CHANGED_WHILE_READ);
                return Ok(Flow::Continue);
            }
            let flow = write(out, &buf)?;
            for e in &dumps.errors {
                reporter.error(path, e);
            }
            for w in &dumps.warnings {
                reporter.warn(path, w);
            }
            if !readelf::sections_readable(&elf) {
                opts.after_unreadable_sections();
            }
            for d in elf.diagnostics.iter().chain(&diagnostics) {
                reporter.warn(path, d);
            }
            Ok(flow)
        }
        Err(_) if relf::source::faults() != faults_before => {
            reporter.error(path, &relf::source::CHANGED_WHILE_READ);
            Ok(Flow::Continue)
        }
        Err(e) => {
            if show_name && readelf_prints_file_line(object.bytes, object.member) {
                buf.extend_from_slice(b"\nFile: ");
                buf.extend_from_slice(name);
                buf.push(b'\n');
            }
            reporter.error(path, &e);
            write(out, &buf)
        }
    }
}

/// Problems with the tables the options display that parsing alone does
/// not find (symbol and version tables are read on demand).
fn table_diagnostics(elf: &ElfFile, opts: &ReadelfOptions) -> Vec<String> {
    use relf::elf::section::{SHT_DYNSYM, SHT_SYMTAB};
    let mut out = Vec::new();
    if opts.syms || opts.dyn_syms {
        for (i, s) in elf.section_headers().iter().enumerate() {
            let listed = s.sh_type == SHT_DYNSYM || (opts.syms && s.sh_type == SHT_SYMTAB);
            if let (true, Err(e)) = (listed, elf.check_symbol_table(i)) {
                out.push(format!("section {i}: {e}"));
            }
        }
    }
    if opts.relocs {
        out.extend(relf::elf::reloc::problems(elf, opts.use_dynamic));
    }
    if opts.version_info {
        let errors = [
            elf.version_definitions().and_then(Result::err),
            elf.version_needs().and_then(Result::err),
            elf.version_symbols().and_then(Result::err),
        ];
        out.extend(errors.into_iter().flatten().map(|e| e.to_string()));
    }
    out
}

fn json_report(reporter: &mut Reporter, path: &Path, opts: &ReadelfOptions) -> json::FileReport {
    let mut report = json::FileReport {
        path: path.display().to_string(),
        ..Default::default()
    };
    let bytes = match FileBytes::open(path) {
        Ok(b) => b,
        Err(e) => {
            reporter.error(path, &e);
            report.error = Some(e.to_string());
            return report;
        }
    };
    match ElfFile::parse(&bytes) {
        Ok(elf) => {
            if opts.file_header {
                report.header = Some(json::header(&elf));
            }
            if opts.segments {
                report.segments = Some(json::segments(&elf));
            }
            if opts.sections {
                report.sections = Some(json::sections(&elf));
            }
            if opts.dynamic {
                report.dynamic = json::dynamic(&elf);
            }
            if opts.relocs {
                report.relocations = Some(json::relocations(&elf));
            }
            if opts.syms || opts.dyn_syms {
                report.symbol_tables = Some(json::symbol_tables(&elf, !opts.syms));
            }
            if opts.version_info {
                report.versions = json::versions(&elf);
            }
            if opts.notes {
                report.notes = Some(json::notes(&elf));
            }
            let mut warnings = elf.diagnostics.clone();
            warnings.extend(on_demand_diagnostics(&elf, opts));
            if bytes.changed() {
                reporter.error(path, &relf::source::CHANGED_WHILE_READ);
                return json::FileReport {
                    path: report.path,
                    error: Some(relf::source::CHANGED_WHILE_READ.into()),
                    ..Default::default()
                };
            }
            for d in &warnings {
                reporter.error(path, &format!("warning: {d}"));
            }
            report.warnings = warnings;
        }
        Err(e) => {
            reporter.error(path, &e);
            report.error = Some(e.to_string());
        }
    }
    report
}

fn readelf_front_end(
    out: &mut Stdout,
    reporter: &mut Reporter,
    args: &[OsString],
) -> io::Result<Flow> {
    let cmd = match readelf_args::parse(args) {
        Ok(c) => c,
        Err(e) => {
            reporter.error_plain(&e);
            return Ok(Flow::Continue);
        }
    };
    if cmd.help {
        return write(
            out,
            b"Usage: relf readelf <option(s)> elf-file(s)\n Display information about the contents of ELF format files\n Options are:\n  -a --all               Equivalent to: -h -l -S -s -r -d -V -A -I -n -u -g\n  -h --file-header       Display the ELF file header\n  -l --program-headers   Display the program headers\n     --segments          An alias for --program-headers\n  -S --section-headers   Display the sections' header\n     --sections          An alias for --section-headers\n  -e --headers           Equivalent to: -h -l -S\n  -s --syms              Display the symbol table\n     --symbols           An alias for --syms\n     --dyn-syms          Display the dynamic symbol table\n  -r --relocs            Display the relocations (if present)\n  -u --unwind            Display the unwind info (if present)\n  -d --dynamic           Display the dynamic section (if present)\n  -V --version-info      Display the version sections (if present)\n  -I --histogram         Display histogram of bucket list lengths\n  -D --use-dynamic       Use the dynamic section info when displaying symbols\n  -g --section-groups    Display the section groups
  -n --notes             Display the core notes (if present)
  -A --arch-specific     Display architecture specific information (if any)
  -c --archive-index     Display the symbol/file index in an archive
  -x --hex-dump=<number|name>
                         Dump the contents of section <number|name> as bytes
  -p --string-dump=<number|name>
                         Dump the contents of section <number|name> as strings
  -R --relocated-dump=<number|name>
                         Dump the relocated contents of section <number|name>
  -z --decompress        Decompress section before dumping it
  -C --demangle[=STYLE]  Decode mangled/processed symbol names\n                           STYLE can be \"none\", \"auto\", \"gnu-v3\", \"rust\"\n     --no-demangle       Do not demangle low-level symbol names.  (default)\n     --recurse-limit     Enable a demangling recursion limit.  (default)\n     --no-recurse-limit  Disable a demangling recursion limit\n  -W --wide              Allow output width to exceed 80 characters\n  -H --help              Display this information\n  -v --version           Display the version number of relf\n",
        );
    }
    if cmd.version {
        return write(
            out,
            format!(
                "relf {} (GNU readelf 2.40 compatible)\n",
                env!("CARGO_PKG_VERSION")
            )
            .as_bytes(),
        );
    }
    if cmd.files.is_empty() {
        reporter.error_plain(&"readelf: nothing to do: no files given");
        return Ok(Flow::Continue);
    }
    if !cmd.options.any_or_index() {
        reporter.error_plain(
            &"readelf: no display option given (try -h, -l, -S, -d, -e, -r, -u, -s, -V, -I, -n, -g, -A)",
        );
        return Ok(Flow::Continue);
    }
    let show_names = cmd.files.len() > 1;
    let mut opts = cmd.options;
    for file in &cmd.files {
        let path = PathBuf::from(file);
        if let Flow::PipeClosed = text_report(out, reporter, &path, &mut opts, show_names)? {
            return Ok(Flow::PipeClosed);
        }
    }
    Ok(Flow::Continue)
}
