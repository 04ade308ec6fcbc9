//! Every flag of relf, in one place (clap derive; doc comments are the help).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Inspect ELF files and their dynamic linking without executing them.
///
/// Output of headers, segments, sections and dynamic is byte-identical to GNU
/// readelf 2.40 (-h, -lW, -SW, -dW); `relf readelf` accepts readelf's own flags.
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
    /// Notes: build ID, ABI tag, GNU properties, Go build ID, SystemTap
    /// probes, core notes (= readelf -nW).
    Notes(FileArgs),
    /// A drop-in front end for GNU readelf's flags: -h -l -S -g -d -n -A -e -W and their
    /// long spellings, in any order and combination, e.g. `relf readelf -lW a.out`.
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
    /// Print shell completions for SHELL to stdout.
    #[command(hide = true)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
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
