//! The `relf readelf` front end: GNU readelf's option syntax (getopt_long
//! rules: bundled short flags, unambiguous long prefixes, options and files
//! in any order, `--` ends options), mapped onto [`ReadelfOptions`].
//!
//! Flags readelf has but relf does not implement yet are rejected with a
//! clear message rather than silently ignored.

use std::ffi::OsString;

use relf::render::readelf::dump::{DumpKind, SectionSpec};
use relf::render::readelf::{Demangle, DemangleStyle, ReadelfOptions};

/// The parsed command line of `relf readelf`.
#[derive(Debug, Default)]
pub struct ReadelfCommand {
    pub options: ReadelfOptions,
    pub files: Vec<OsString>,
    pub help: bool,
    pub version: bool,
    /// readelf's `do_demangle`, the style libiberty was set to, and
    /// `DMGL_NO_RECURSE_LIMIT`: separate, as each flag sets one of them.
    demangle: bool,
    demangle_style: DemangleStyle,
    no_recurse_limit: bool,
}

/// One option readelf knows. `short` is its one-letter spelling.
struct Flag {
    long: &'static str,
    short: Option<char>,
    apply: fn(&mut ReadelfCommand),
}

const FLAGS: &[Flag] = &[
    Flag {
        long: "all",
        short: Some('a'),
        apply: all,
    },
    Flag {
        long: "file-header",
        short: Some('h'),
        apply: |c| c.options.file_header = true,
    },
    Flag {
        long: "program-headers",
        short: Some('l'),
        apply: |c| c.options.segments = true,
    },
    Flag {
        long: "segments",
        short: None,
        apply: |c| c.options.segments = true,
    },
    Flag {
        long: "section-headers",
        short: Some('S'),
        apply: |c| c.options.sections = true,
    },
    Flag {
        long: "sections",
        short: None,
        apply: |c| c.options.sections = true,
    },
    Flag {
        long: "headers",
        short: Some('e'),
        apply: |c| {
            c.options.file_header = true;
            c.options.segments = true;
            c.options.sections = true;
        },
    },
    Flag {
        long: "dynamic",
        short: Some('d'),
        apply: |c| c.options.dynamic = true,
    },
    Flag {
        long: "relocs",
        short: Some('r'),
        apply: |c| c.options.relocs = true,
    },
    Flag {
        long: "unwind",
        short: Some('u'),
        apply: |c| c.options.unwind = true,
    },
    Flag {
        long: "syms",
        short: Some('s'),
        apply: |c| c.options.syms = true,
    },
    Flag {
        long: "symbols",
        short: None,
        apply: |c| c.options.syms = true,
    },
    Flag {
        long: "dyn-syms",
        short: None,
        apply: |c| c.options.dyn_syms = true,
    },
    Flag {
        long: "version-info",
        short: Some('V'),
        apply: |c| c.options.version_info = true,
    },
    Flag {
        long: "histogram",
        short: Some('I'),
        apply: |c| c.options.histogram = true,
    },
    Flag {
        long: "use-dynamic",
        short: Some('D'),
        apply: |c| c.options.use_dynamic = true,
    },
    Flag {
        long: "section-groups",
        short: Some('g'),
        apply: |c| c.options.section_groups = true,
    },
    Flag {
        long: "notes",
        short: Some('n'),
        apply: |c| c.options.notes = true,
    },
    Flag {
        long: "arch-specific",
        short: Some('A'),
        apply: |c| c.options.arch_specific = true,
    },
    Flag {
        long: "decompress",
        short: Some('z'),
        apply: |c| c.options.dumps.decompress = true,
    },
    Flag {
        long: "archive-index",
        short: Some('c'),
        apply: |c| c.options.archive_index = true,
    },
    Flag {
        long: "wide",
        short: Some('W'),
        apply: |c| c.options.wide = true,
    },
    Flag {
        long: "demangle",
        short: Some('C'),
        apply: |c| c.demangle = true,
    },
    Flag {
        long: "no-demangle",
        short: None,
        apply: |c| c.demangle = false,
    },
    Flag {
        long: "recurse-limit",
        short: None,
        apply: |c| c.no_recurse_limit = false,
    },
    Flag {
        long: "no-recurse-limit",
        short: None,
        apply: |c| c.no_recurse_limit = true,
    },
    Flag {
        long: "help",
        short: Some('H'),
        apply: |c| c.help = true,
    },
    Flag {
        long: "version",
        short: Some('v'),
        apply: |c| c.version = true,
    },
];

/// `-a`: what readelf 2.40's `parse_args` turns on for it (everything
/// but `-D`, `-W`, dumps and debug sections).
fn all(c: &mut ReadelfCommand) {
    let o = &mut c.options;
    o.syms = true;
    o.relocs = true;
    o.unwind = true;
    o.dynamic = true;
    o.file_header = true;
    o.sections = true;
    o.section_groups = true;
    o.segments = true;
    o.version_info = true;
    o.histogram = true;
    o.arch_specific = true;
    o.notes = true;
}

/// Options that take a section (`-x NAME|NUMBER`, `--hex-dump=...`).
const DUMP_FLAGS: &[(&str, char, DumpKind)] = &[
    ("hex-dump", 'x', DumpKind::Hex),
    ("string-dump", 'p', DumpKind::Strings),
    ("relocated-dump", 'R', DumpKind::Relocated),
];

/// Flags of readelf that exist but are not implemented yet (later issues).
const NOT_YET: &[(&str, Option<char>)] = &[
    ("section-details", Some('t')),
    ("display-section", Some('j')),
    ("debug-dump", Some('w')),
    ("lint", Some('L')),
    ("enable-checks", None),
    ("ctf", None),
    ("sframe", None),
    ("lto-syms", None),
    ("sym-base", None),
    ("process-links", Some('P')),
    ("silent-truncation", Some('T')),
    ("extra-sym-info", Some('X')),
    ("unicode", Some('U')),
];

#[derive(Debug, PartialEq, Eq)]
pub enum ArgError {
    Unknown(String),
    Ambiguous(String),
    NotYet(String),
    /// `--demangle=STYLE` with a style libiberty does not know.
    UnknownStyle(String),
    /// An option that takes an argument was given none.
    MissingArgument(String),
}

impl std::fmt::Display for ArgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ArgError::Unknown(o) => write!(f, "unrecognized readelf option '{o}'"),
            ArgError::Ambiguous(o) => write!(f, "readelf option '{o}' is ambiguous"),
            ArgError::NotYet(o) => write!(
                f,
                "readelf option '{o}' is not implemented by relf yet (supported: -a -h -l -S -g -d -r -u -s --dyn-syms -V -I -D -n -A -e -W -C -c -x -p -R -z)"
            ),
            ArgError::UnknownStyle(s) => write!(f, "unknown demangling style `{s}'"),
            ArgError::MissingArgument(o) => write!(f, "readelf option '{o}' requires an argument"),
        }
    }
}

/// A long option: a plain flag or one taking a section.
enum Long {
    Flag(&'static Flag),
    Dump(DumpKind),
}

fn find_long(name: &str) -> Result<Option<Long>, ArgError> {
    if let Some(f) = FLAGS.iter().find(|f| f.long == name) {
        return Ok(Some(Long::Flag(f)));
    }
    if let Some((_, _, k)) = DUMP_FLAGS.iter().find(|(l, _, _)| *l == name) {
        return Ok(Some(Long::Dump(*k)));
    }
    if NOT_YET.iter().any(|(l, _)| *l == name) {
        return Err(ArgError::NotYet(format!("--{name}")));
    }
    // getopt_long accepts any unambiguous prefix.
    let matches: Vec<&Flag> = FLAGS.iter().filter(|f| f.long.starts_with(name)).collect();
    let dumps: Vec<DumpKind> = DUMP_FLAGS
        .iter()
        .filter(|(l, _, _)| l.starts_with(name))
        .map(|(_, _, k)| *k)
        .collect();
    let not_yet = NOT_YET.iter().filter(|(l, _)| l.starts_with(name)).count();
    match (matches.len(), dumps.len(), not_yet) {
        (1, 0, 0) => Ok(matches.first().map(|f| Long::Flag(f))),
        (0, 1, 0) => Ok(dumps.first().map(|k| Long::Dump(*k))),
        (0, 0, 1) => Err(ArgError::NotYet(format!("--{name}"))),
        (0, 0, 0) => Ok(None),
        _ => Err(ArgError::Ambiguous(format!("--{name}"))),
    }
}

pub fn parse(args: &[OsString]) -> Result<ReadelfCommand, ArgError> {
    let mut cmd = ReadelfCommand::default();
    let mut only_files = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let Some(text) = arg.to_str() else {
            cmd.files.push(arg.clone());
            continue;
        };
        if only_files || text == "-" || !text.starts_with('-') {
            cmd.files.push(arg.clone());
        } else if text == "--" {
            only_files = true;
        } else if let Some(long) = text.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            match find_long(name)? {
                Some(Long::Flag(f)) => {
                    (f.apply)(&mut cmd);
                    if let (Some(style), "demangle") = (value, f.long) {
                        cmd.demangle_style = demangle_style(style)?;
                    }
                }
                Some(Long::Dump(kind)) => {
                    let section = match value {
                        Some(v) => v.as_bytes().to_vec(),
                        None => args
                            .next()
                            .ok_or_else(|| ArgError::MissingArgument(text.to_string()))?
                            .as_encoded_bytes()
                            .to_vec(),
                    };
                    cmd.options
                        .dumps
                        .requests
                        .push((SectionSpec::parse(&section), kind));
                }
                None => return Err(ArgError::Unknown(text.to_string())),
            }
        } else {
            for (at, ch) in text.char_indices().skip(1) {
                if NOT_YET.iter().any(|(_, s)| *s == Some(ch)) {
                    return Err(ArgError::NotYet(format!("-{ch}")));
                }
                if let Some((_, _, kind)) = DUMP_FLAGS.iter().find(|(_, s, _)| *s == ch) {
                    // getopt: the rest of the word, or the next word.
                    let rest = &text[at + ch.len_utf8()..];
                    let section = if rest.is_empty() {
                        args.next()
                            .ok_or_else(|| ArgError::MissingArgument(format!("-{ch}")))?
                            .as_encoded_bytes()
                            .to_vec()
                    } else {
                        rest.as_bytes().to_vec()
                    };
                    cmd.options
                        .dumps
                        .requests
                        .push((SectionSpec::parse(&section), *kind));
                    break;
                }
                match FLAGS.iter().find(|f| f.short == Some(ch)) {
                    Some(f) => (f.apply)(&mut cmd),
                    None => return Err(ArgError::Unknown(format!("-{ch}"))),
                }
            }
        }
    }
    cmd.options.demangle = cmd.demangle.then_some(Demangle {
        style: cmd.demangle_style,
        recurse_limit: !cmd.no_recurse_limit,
    });
    Ok(cmd)
}

/// `--demangle=STYLE`: readelf.c `cplus_demangle_name_to_style`.
fn demangle_style(name: &str) -> Result<DemangleStyle, ArgError> {
    if DemangleStyle::is_unimplemented(name) {
        return Err(ArgError::NotYet(format!("--demangle={name}")));
    }
    DemangleStyle::from_name(name).ok_or_else(|| ArgError::UnknownStyle(name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<ReadelfCommand, ArgError> {
        parse(&args.iter().map(OsString::from).collect::<Vec<_>>())
    }

    #[test]
    fn bundled_and_long_flags_mix_with_files() {
        let c = p(&["a.out", "-lSW", "--dyna", "b.so"]).unwrap();
        assert!(matches!(p(&["--dyn", "x"]), Err(ArgError::Ambiguous(_))));
        assert!(c.options.segments && c.options.sections && c.options.wide && c.options.dynamic);
        assert!(!c.options.file_header);
        assert_eq!(
            c.files,
            vec![OsString::from("a.out"), OsString::from("b.so")]
        );
    }

    #[test]
    fn relocs_unwind_and_use_dynamic() {
        let c = p(&["-ruD", "x"]).unwrap();
        assert!(c.options.relocs && c.options.unwind && c.options.use_dynamic);
        let c = p(&["--relocs", "--unw", "--use-d", "x"]).unwrap();
        // As in getopt_long: --reloc could also be --relocated-dump.
        assert!(matches!(p(&["--reloc", "x"]), Err(ArgError::Ambiguous(_))));
        assert!(c.options.relocs && c.options.unwind && c.options.use_dynamic);
        assert!(!p(&["-r", "x"]).unwrap().options.unwind);
    }

    #[test]
    fn headers_means_h_l_s() {
        let c = p(&["-e", "x"]).unwrap();
        assert!(c.options.file_header && c.options.segments && c.options.sections);
        let c = p(&["--headers", "x"]).unwrap();
        assert!(c.options.file_header && c.options.segments && c.options.sections);
    }

    #[test]
    fn notes_groups_and_arch_flags() {
        let c = p(&["-gnA", "x"]).unwrap();
        assert!(c.options.section_groups && c.options.notes && c.options.arch_specific);
        let c = p(&["--notes", "--section-g", "--arch-s", "x"]).unwrap();
        // As in getopt_long: --arch could also be --archive-index.
        assert!(matches!(p(&["--arch", "x"]), Err(ArgError::Ambiguous(_))));
        assert!(c.options.section_groups && c.options.notes && c.options.arch_specific);
    }

    #[test]
    fn prefixes_and_errors() {
        assert!(p(&["--file-h", "x"]).unwrap().options.file_header);
        assert!(p(&["--program", "x"]).unwrap().options.segments);
        assert_eq!(
            p(&["--se", "x"]).unwrap_err(),
            ArgError::Ambiguous("--se".into())
        );
        assert!(matches!(p(&["-q", "x"]), Err(ArgError::Unknown(_))));
        assert!(matches!(p(&["-t", "x"]), Err(ArgError::NotYet(_))));
        let c = p(&["-sVID", "--dyn-syms", "x"]).unwrap();
        assert!(c.options.syms && c.options.version_info && c.options.histogram);
        assert!(c.options.use_dynamic && c.options.dyn_syms);
        assert!(p(&["--symb", "x"]).unwrap().options.syms);
        let c = p(&["--", "-h"]).unwrap();
        assert_eq!(c.files, vec![OsString::from("-h")]);
    }

    #[test]
    fn dump_flags_take_sections() {
        let c = p(&[
            "-x.text",
            "-p",
            "3",
            "--hex-dump=.data",
            "--relocated",
            ".eh_frame",
            "-Wz",
            "f",
        ])
        .unwrap();
        assert_eq!(c.files, vec![OsString::from("f")]);
        assert!(c.options.wide && c.options.dumps.decompress);
        assert_eq!(
            c.options.dumps.requests,
            vec![
                (SectionSpec::Name(b".text".to_vec()), DumpKind::Hex),
                (SectionSpec::Number(3), DumpKind::Strings),
                (SectionSpec::Name(b".data".to_vec()), DumpKind::Hex),
                (
                    SectionSpec::Name(b".eh_frame".to_vec()),
                    DumpKind::Relocated
                ),
            ]
        );
        assert!(matches!(p(&["-x"]), Err(ArgError::MissingArgument(_))));
        assert!(matches!(p(&["-j", ".text", "f"]), Err(ArgError::NotYet(_))));
    }

    #[test]
    fn demangle_flags() {
        assert_eq!(p(&["-s", "x"]).unwrap().options.demangle, None);
        let c = p(&["-sC", "x"]).unwrap();
        assert_eq!(c.options.demangle, Some(Demangle::default()));
        let c = p(&[
            "--demangle=rust",
            "--no-demangle",
            "-C",
            "--no-recurse",
            "x",
        ])
        .unwrap();
        let d = c.options.demangle.unwrap();
        assert_eq!(d.style, DemangleStyle::Rust);
        assert!(!d.recurse_limit);
        assert_eq!(
            p(&["--dem", "--no-dem", "x"]).unwrap().options.demangle,
            None
        );
        assert_eq!(
            p(&["--demangle=gnu", "x"]).unwrap_err(),
            ArgError::UnknownStyle("gnu".into())
        );
        assert!(matches!(
            p(&["--demangle=java", "x"]),
            Err(ArgError::NotYet(_))
        ));
        assert_eq!(
            p(&["--demangle=none", "x"])
                .unwrap()
                .options
                .demangle
                .unwrap()
                .style,
            DemangleStyle::None
        );
    }
}
