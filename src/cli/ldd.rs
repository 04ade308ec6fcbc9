//! `relf ldd`: resolve each file and print ldd lines, a tree, explanations
//! or JSON; compute ldd-compatible or `--strict` exit statuses.

use std::io;
use std::os::unix::ffi::{OsStrExt, OsStringExt};

use relf::loader::graph::{DepGraph, Flavor, Linkage, Rejection};
use relf::loader::root::Root;
use relf::loader::{LoadError, Loader, LoaderEnv, OriginMode};
use relf::render::{json, ldd, tree};

use super::args::{LddArgs, OriginArg};
use super::report::{Reporter, Stdout};
use super::{write, write_json, Flow};

/// `--strict` statuses (worst wins).
const STRICT_NOT_FOUND: i32 = 3;
const STRICT_WRONG_ARCH: i32 = 4;
const STRICT_NO_INTERPRETER: i32 = 5;
const STRICT_NOT_ELF: i32 = 6;

fn env_value(flag: &Option<std::ffi::OsString>, var: &str, rooted: bool) -> Option<Vec<u8>> {
    match flag {
        Some(v) => Some(v.as_bytes().to_vec()),
        None if !rooted => std::env::var_os(var).map(|v| v.into_vec()),
        None => None,
    }
}

fn loader_env(args: &LddArgs) -> io::Result<LoaderEnv> {
    let rooted = args.root.is_some();
    let cwd = if rooted {
        b"/".to_vec()
    } else {
        std::env::current_dir()?.into_os_string().into_vec()
    };
    Ok(LoaderEnv {
        ld_library_path: env_value(&args.library_path, "LD_LIBRARY_PATH", rooted),
        ld_preload: env_value(&args.preload, "LD_PRELOAD", rooted),
        platform: args.platform.as_ref().map(|p| p.as_bytes().to_vec()),
        hwcaps: args.hwcaps.clone(),
        cwd,
        origin: match args.origin {
            OriginArg::Run => OriginMode::Run,
            OriginArg::Ldd => OriginMode::Ldd,
        },
        use_preload_file: true,
    })
}

/// The worst `--strict` class of one resolved graph.
fn strict_status(g: &DepGraph) -> i32 {
    let mut status = 0;
    if g.missing().next().is_some() || g.fatal.is_some() {
        status = STRICT_NOT_FOUND;
        let wrong_arch = g.missing().any(|(_, o)| {
            o.tried.iter().any(|c| {
                matches!(
                    c.rejected,
                    Some(Rejection::WrongClass) | Some(Rejection::WrongMachine)
                )
            })
        });
        if wrong_arch {
            status = STRICT_WRONG_ARCH;
        }
    }
    if g.linkage == Linkage::Dynamic && !g.interpreter_present {
        status = STRICT_NO_INTERPRETER;
    }
    status
}

/// Runs `relf ldd`; returns the exit status.
pub fn run(
    out: &mut Stdout,
    reporter: &mut Reporter,
    args: &LddArgs,
    color: bool,
) -> io::Result<(Flow, i32)> {
    let env = loader_env(args)?;
    let root = match &args.root {
        Some(path) => {
            match super::input::open(path, args.image_platform.as_deref(), &Default::default()) {
                Ok(input) => {
                    if let Some(image) = &input.image {
                        for w in image.warnings() {
                            reporter.warn(path, w);
                        }
                    }
                    input.root
                }
                Err(e) => {
                    reporter.error(path, &e);
                    return Ok((Flow::Continue, 1));
                }
            }
        }
        None => Root::host_root(),
    };
    let mut loader = Loader::new(root, env);
    let mut compat = 0;
    let mut strict = 0;
    let mut reports = Vec::new();
    let show_names = args.files.len() > 1 && !args.json;
    for file in &args.files {
        let name = file.as_os_str().as_bytes();
        if show_names {
            let mut header = name.to_vec();
            header.extend_from_slice(b":\n");
            if let Flow::PipeClosed = write(out, &header)? {
                return Ok((Flow::PipeClosed, compat));
            }
        }
        let graph = match loader.resolve(name) {
            Ok(g) => g,
            Err(e) => {
                let not_elf = matches!(&e, LoadError::Open(m) if m.starts_with("not an ELF file") || m.starts_with("file too short"));
                if not_elf {
                    // glibc's ldd: "\tnot a dynamic executable" on stderr.
                    reporter.error(file, &"not a dynamic executable (not an ELF file)");
                    strict = strict.max(STRICT_NOT_ELF);
                } else {
                    reporter.error(file, &e);
                    strict = strict.max(1);
                }
                compat = compat.max(1);
                if args.json {
                    reports.push(json::FileReport {
                        path: file.display().to_string(),
                        error: Some(e.to_string()),
                        ..Default::default()
                    });
                }
                continue;
            }
        };
        if graph.linkage == Linkage::NotDynamic {
            reporter.error(file, &"not a dynamic executable");
            compat = compat.max(1);
            strict = strict.max(1);
        }
        for d in &graph.diagnostics {
            reporter.warn(file, d);
        }
        if graph.fatal.is_some() {
            compat = compat.max(1);
        }
        if let Some(limit) = graph.limit_exceeded {
            reporter.error(file, &limit);
            compat = compat.max(1);
            strict = strict.max(1);
        }
        if graph.flavor == Flavor::Musl && graph.missing().next().is_some() {
            compat = compat.max(127);
        }
        strict = strict.max(strict_status(&graph));
        if args.json {
            reports.push(json::FileReport {
                path: file.display().to_string(),
                error: graph.limit_exceeded.map(|l| l.to_string()),
                ldd: Some(json::ldd_report(&graph)),
                ..Default::default()
            });
            continue;
        }
        let mut text = String::new();
        let bytes = if args.tree {
            let opts = tree::TreeOptions {
                color,
                all: args.all,
                max_depth: args.max_depth,
            };
            tree::write_tree(&mut text, &graph, &opts);
            text.into_bytes()
        } else if args.explain || args.why.is_some() {
            let why = args.why.as_ref().map(|w| w.as_bytes());
            tree::write_explain(&mut text, &graph, why, color);
            text.into_bytes()
        } else {
            let mut buf = Vec::new();
            ldd::write_ldd(&mut buf, &graph);
            buf
        };
        if let Flow::PipeClosed = write(out, &bytes)? {
            return Ok((Flow::PipeClosed, compat));
        }
    }
    if args.json {
        let flow = write_json(out, "ldd", reports)?;
        return Ok((flow, if args.strict { strict } else { compat }));
    }
    Ok((Flow::Continue, if args.strict { strict } else { compat }))
}
