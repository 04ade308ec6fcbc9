//! Every flag of relf, in one place (clap derive; doc comments are the help).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Inspect ELF files and their dynamic linking without executing them.
///
/// Output of headers, segments, sections, dynamic, relocs, symbols and
/// versions is byte-identical to GNU readelf 2.40 (-h, -lW, -SW, -dW, -rW,
/// -sW, -VW); `relf readelf` accepts readelf's own flags.
#[derive(Debug, Parser)]
#[command(name = "relf", version, about, max_term_width = 100)]
pub struct Cli {
    /// When to use colors: auto (terminal and NO_COLOR unset), always, never.
    /// readelf- and ldd-compatible output is never colored.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true, value_name = "WHEN")]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The ELF file header (= readelf -h).
    Headers(FileArgs),
    /// Program headers and the section to segment mapping (= readelf -lW).
    Segments(FileArgs),
    /// Section headers (= readelf -SW).
    Sections(FileArgs),
    /// The dynamic section (= readelf -dW).
    Dynamic(FileArgs),
    /// Relocation tables with symbol names, versions and addends (= readelf -rW).
    Relocs(RelocArgs),
    /// Symbol tables, .dynsym and .symtab, with versions (= readelf -sW).
    Symbols(SymbolArgs),
    /// Version sections: .gnu.version, .gnu.version_r, .gnu.version_d
    /// (= readelf -VW).
    Versions(FileArgs),
    /// Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap
    /// probes, core notes (= readelf -nW).
    Notes(FileArgs),
    /// A drop-in front end for GNU readelf's flags: -h -l -S -g -d -r -u -s
    /// --dyn-syms -V -I -D -n -A -e -W and their long spellings, in any order
    /// and combination, e.g. `relf readelf -lW a.out`.
    #[command(disable_help_flag = true)]
    Readelf {
        /// readelf flags and files, as you would pass them to readelf.
        #[arg(
            trailing_var_arg = true,
            allow_hyphen_values = true,
            value_name = "ARGS"
        )]
        args: Vec<std::ffi::OsString>,
    },
    /// The shared libraries a program needs, found as glibc's or musl's loader
    /// would find them, without running anything (= ldd, minus load addresses).
    ///
    /// Exit status (ldd-compatible): 0, or 1 when a file is missing, not
    /// dynamic or the loader would stop with an error; 127 when a musl
    /// program's library or symbol is missing (musl's ldd). With --strict: 3 some
    /// library not found, 4 a library exists only for another architecture,
    /// 5 interpreter missing in the root, 6 not an ELF file (worst wins).
    Ldd(LddArgs),
    /// Go build information of Go binaries, byte for byte as go1.19's
    /// `go version -m` prints it, read without the Go toolchain.
    ///
    /// Directories are searched recursively; files in them that are not Go
    /// binaries are skipped silently (-v reports them). Exit status (go
    /// version's): 1 when a path cannot be stat'ed, else 0, even when a file
    /// is not a Go binary.
    Go(GoArgs),
    /// What each file is: kind and linkage (in file(1)'s words), the libc it
    /// was built for (glibc, musl, bionic, uClibc, Go without libc) with the
    /// evidence, Go build facts, the highest GLIBC_x.y needed, and
    /// checksec-class hardening (RELRO, NX, PIE, canary, FORTIFY, CET, ...).
    ///
    /// Exit status: 0, or 1 when some file could not be read or is not ELF.
    Info(InfoArgs),
    /// Audit a root filesystem or a container image: which libc it really
    /// uses, and every program that would not start or would break.
    ///
    /// PATH is a directory (a root filesystem), an OCI image layout
    /// directory, an oci-archive or a docker-archive tarball (read in
    /// memory; nothing is extracted or run). Every ELF file is classified
    /// and each dynamic one resolved inside the root with its own loader's
    /// rules (glibc or musl).
    ///
    /// Finding classes, worst first, with the exit status of a run whose
    /// worst failing finding is of that class: no-interpreter (5),
    /// not-found (3), load-error (7), wrong-arch (4), glibc-too-old (6),
    /// mixed-libc (8), dlopen-missing (11), insecure-rpath (9), rpath-shadow
    /// (10). Exit 0 when nothing fails, 1 when PATH cannot be read, 2 for
    /// usage errors.
    Audit(AuditArgs),
    /// Copy programs with their interpreter and every library they load
    /// (and the ones their dlopen notes mark required) into DIR, at their
    /// in-root paths with the symlinks on the way, so that `chroot DIR PROG`
    /// starts them; writes a cut-down etc/ld.so.cache when the source has
    /// one.
    ///
    /// Exit status: 0; 1 when a program cannot be resolved, a library is
    /// missing or DIR cannot be written (nothing is overwritten without
    /// --force).
    Bundle(BundleArgs),
    /// Print shell completions for SHELL to stdout.
    #[command(hide = true)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OriginArg {
    /// `$ORIGIN` of the program = its real directory, symlinks resolved (as
    /// when it runs: the kernel's /proc/self/exe).
    Run,
    /// `$ORIGIN` = the directory in the path as given, `.` and `..` kept
    /// (as glibc 2.36's and musl's ldd). The default.
    Ldd,
}

#[derive(Debug, Args)]
pub struct LddArgs {
    /// Resolve inside this root: a directory (an extracted root
    /// filesystem) or a container image (OCI layout directory, oci-archive
    /// or docker-archive tarball, read in memory). FILEs and every path the
    /// loader uses are taken inside it, and symlinks never lead out of it.
    #[arg(long, value_name = "DIR|IMAGE")]
    pub root: Option<PathBuf>,
    /// With an image holding several platforms: the one to use
    /// (os/arch[/variant], e.g. linux/arm64).
    #[arg(long, value_name = "PLATFORM", requires = "root")]
    pub image_platform: Option<String>,
    /// Show a dependency tree with how each library was found.
    #[arg(long)]
    pub tree: bool,
    /// With --tree: expand repeated subtrees every time.
    #[arg(long, requires = "tree")]
    pub all: bool,
    /// With --tree: stop at this depth.
    #[arg(long, value_name = "N", requires = "tree")]
    pub max_depth: Option<usize>,
    /// For each library, every path tried and why it was rejected.
    #[arg(long)]
    pub explain: bool,
    /// Like --explain, for one library name only.
    #[arg(long, value_name = "NAME")]
    pub why: Option<std::ffi::OsString>,
    /// Print the resolved graph as JSON.
    #[arg(long)]
    pub json: bool,
    /// Process every relocation, as glibc's `ldd -r`: print
    /// `undefined symbol: NAME (FILE)` for each reference no loaded object
    /// defines (with --json: every binding). musl programs are always
    /// relocated, as musl's ldd does.
    #[arg(short = 'r', long = "function-relocs")]
    pub relocs: bool,
    /// Print the version information of glibc's `ldd -v`: each version each
    /// object needs and the object that defines it.
    #[arg(short = 'v', long = "verbose")]
    pub verbose: bool,
    /// Which object provides SYMBOL to each object that references it, and
    /// which others were searched before it.
    #[arg(long, value_name = "SYMBOL")]
    pub why_symbol: Option<std::ffi::OsString>,
    /// Distinct exit statuses for CI (see above) instead of ldd's.
    #[arg(long)]
    pub strict: bool,
    /// LD_LIBRARY_PATH for the resolution (default: the environment's, when
    /// no --root is given).
    #[arg(long, value_name = "PATH")]
    pub library_path: Option<std::ffi::OsString>,
    /// LD_PRELOAD for the resolution (default: the environment's, when no
    /// --root is given).
    #[arg(long, value_name = "LIST")]
    pub preload: Option<std::ffi::OsString>,
    /// Value of $PLATFORM (default: the architecture's usual AT_PLATFORM).
    #[arg(long, value_name = "NAME")]
    pub platform: Option<std::ffi::OsString>,
    /// Probe glibc-hwcaps subdirectories at or below this level
    /// (x86-64-v2..v4, power9/10, z13..z17); baseline only by default.
    #[arg(long, value_name = "LEVEL")]
    pub hwcaps: Option<String>,
    /// Working directory for relative FILE names, relative DT_NEEDED names
    /// and empty RPATH elements: inside --root when given (default: the
    /// current directory, or / with --root).
    #[arg(long, value_name = "DIR")]
    pub cwd: Option<PathBuf>,
    /// Print relf's static resolution even for a file the host's ldd
    /// refuses as "not a dynamic executable" because no loader for its
    /// class and machine is installed (a 32-bit program on a 64-bit-only
    /// host, x32, another architecture). Without --root only.
    #[arg(long)]
    pub static_only: bool,
    /// How $ORIGIN of the program is computed (default: as ldd does).
    #[arg(long, value_enum, default_value_t = OriginArg::Ldd)]
    pub origin: OriginArg,
    /// Programs or libraries to resolve.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// With an image holding several platforms: the one to audit
    /// (os/arch[/variant], e.g. linux/arm64).
    #[arg(long, value_name = "PLATFORM")]
    pub platform: Option<String>,
    /// Finding classes that make the run fail (comma-separated, or `all`,
    /// `none`). Default: no-interpreter, not-found, load-error, wrong-arch,
    /// glibc-too-old, mixed-libc.
    #[arg(long, value_name = "CLASS[,CLASS]", value_delimiter = ',')]
    pub fail_on: Vec<String>,
    /// With a directory PATH: resolve inside this root directory instead
    /// of PATH itself (PATH must lie inside it), e.g. `--root / /usr`.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Print one JSON document (schema in README).
    #[arg(long, conflicts_with = "sarif")]
    pub json: bool,
    /// Print a SARIF 2.1.0 log (for code-scanning UIs).
    #[arg(long)]
    pub sarif: bool,
    /// Output format: human (default), json (= --json), sarif (= --sarif)
    /// or cyclonedx (a CycloneDX 1.6 JSON SBOM of the ELF files and their
    /// resolved dependencies).
    #[arg(long, value_enum, value_name = "FORMAT", conflicts_with_all = ["json", "sarif"])]
    pub format: Option<AuditFormat>,
    /// With a docker:// image: check the registry's TLS certificate
    /// (`--tls-verify=false` for a local registry with a self-signed one,
    /// or plain HTTP).
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub tls_verify: bool,
    /// With a docker:// image: read registry credentials from this file
    /// first (then $REGISTRY_AUTH_FILE, containers' auth.json,
    /// ~/.docker/config.json).
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<PathBuf>,
    /// A root directory, OCI layout directory, oci-archive or
    /// docker-archive, or a reference with a transport: oci:DIR[:TAG],
    /// oci-archive:FILE[:TAG], docker-archive:FILE[:REF], dir:ROOT,
    /// docker://HOST[:PORT]/NAME[:TAG|@DIGEST].
    #[arg(value_name = "PATH|REF")]
    pub path: PathBuf,
}

/// `relf audit --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    Human,
    Json,
    Sarif,
    Cyclonedx,
}

#[derive(Debug, Args)]
pub struct FileArgs {
    /// Print JSON (schema in README) instead of readelf's text.
    #[arg(long)]
    pub json: bool,

    /// ELF files to inspect.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SymbolArgs {
    /// Only the dynamic symbol table (= readelf --dyn-syms -W).
    #[arg(long)]
    pub dynamic: bool,

    /// Demangle C++ and Rust symbol names as readelf -C does (text output).
    #[arg(long, short = 'C', conflicts_with = "json")]
    pub demangle: bool,

    #[command(flatten)]
    pub files: FileArgs,
}

#[derive(Debug, Args)]
pub struct RelocArgs {
    /// Demangle C++ and Rust symbol names as readelf -C does (text output).
    #[arg(long, short = 'C', conflicts_with = "json")]
    pub demangle: bool,

    #[command(flatten)]
    pub files: FileArgs,
}

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Every fact on its own line, with the evidence behind it.
    #[arg(long, short = 'l', conflicts_with = "json")]
    pub long: bool,
    /// Print JSON (schema in README): an `info` member per file.
    #[arg(long)]
    pub json: bool,
    /// Take FILEs inside this root: a directory (an extracted root
    /// filesystem) or a container image (OCI layout, oci-archive,
    /// docker-archive, read in memory); RPATH/RUNPATH directories are
    /// checked for world-writability there.
    #[arg(long, value_name = "DIR|IMAGE")]
    pub root: Option<PathBuf>,
    /// With an image holding several platforms: the one to use
    /// (os/arch[/variant], e.g. linux/arm64).
    #[arg(long, value_name = "PLATFORM", requires = "root")]
    pub image_platform: Option<String>,
    /// ELF files to describe.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct GoArgs {
    /// Only the `FILE: goVERSION` lines (= `go version` without -m).
    #[arg(long)]
    pub short: bool,
    /// Accepted for `go version -m` habits: module lines are the default.
    #[arg(short = 'm', hide = true, conflicts_with = "short")]
    pub modules: bool,
    /// In directories, also report files that are not Go binaries (= go
    /// version -v).
    #[arg(short, long)]
    pub verbose: bool,
    /// Print JSON (schema in README) instead of go version's text.
    #[arg(long)]
    pub json: bool,
    /// Go binaries, or directories to search.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BundleArgs {
    /// The directory to copy into (created if needed; never `/`, the source
    /// root or a parent of it).
    #[arg(long, value_name = "DIR", required = true)]
    pub to: PathBuf,
    /// Copy from this root: a directory or a container image (OCI layout
    /// directory, oci-archive or docker-archive, read in memory). PROGs are
    /// paths inside it.
    #[arg(long, value_name = "DIR|IMAGE")]
    pub root: Option<PathBuf>,
    /// With an image holding several platforms: the one to use
    /// (os/arch[/variant], e.g. linux/arm64).
    #[arg(long, value_name = "PLATFORM", requires = "root")]
    pub image_platform: Option<String>,
    /// List what would be copied; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print one JSON document (schema in README).
    #[arg(long)]
    pub json: bool,
    /// Replace existing files and symlinks in DIR that differ.
    #[arg(long)]
    pub force: bool,
    /// Programs to bundle.
    #[arg(required = true, value_name = "PROG")]
    pub programs: Vec<PathBuf>,
}
