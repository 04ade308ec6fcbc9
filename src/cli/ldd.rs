//! `relf ldd`: resolve each file and print ldd lines, a tree, explanations
//! or JSON; compute ldd-compatible or `--strict` exit statuses.

use std::io;
use std::os::unix::ffi::{OsStrExt, OsStringExt};

use relf::loader::graph::{DepGraph, Flavor, Linkage, Rejection};
use relf::loader::root::{Root, RootError};
use relf::loader::{direct_run, LoadError, Loader, LoaderEnv, OriginMode};
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
    let cwd = match (&args.cwd, rooted) {
        // Made canonical inside the root once the root is open (`run`).
        (Some(dir), true) => dir.as_os_str().as_bytes().to_vec(),
        // getcwd(3) gives the loader a canonical path.
        (Some(dir), false) => std::fs::canonicalize(dir)?.into_os_string().into_vec(),
        (None, true) => b"/".to_vec(),
        (None, false) => std::env::current_dir()?.into_os_string().into_vec(),
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

/// What glibc's ldd prints on stderr for a file it does not list.
const NOT_DYNAMIC: &[u8] = b"\tnot a dynamic executable";

/// ldd's own checks before it runs the loader (`test -e`, `test -f`): its
/// message for a file that does not exist or is not a regular file, named
/// as ldd names it (`./NAME` when the name has no `/`).
fn ldd_file_check(loader: &Loader, name: &[u8]) -> Option<Vec<u8>> {
    let problem: &[u8] = match loader.root().metadata(name, &loader.env().cwd) {
        Err(RootError::NotFound) | Err(RootError::NotADirectory) => b"No such file or directory",
        Ok((_, meta)) if !meta.is_file() => b"not regular file",
        _ => return None,
    };
    let mut line = b"ldd: ".to_vec();
    line.extend_from_slice(&ldd::ldd_display_name(name));
    line.extend_from_slice(b": ");
    line.extend_from_slice(problem);
    Some(line)
}

/// Whether the host has a glibc loader for this file's class and machine
/// (ldd tries each loader of its RTLDLIST with `--verify`; a file none of
/// them can map is "not a dynamic executable"). musl programs are listed
/// by musl's rules whatever the host has.
fn host_can_load(g: &DepGraph) -> bool {
    g.flavor == Flavor::Musl || std::path::Path::new(g.arch.glibc_interp).is_file()
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

/// For `--tree`/`--explain` under ldd's `$ORIGIN`: where a direct run of
/// the program would load other files (a symlinked program: the kernel
/// gives the loader its real path), resolved again with the direct-run
/// origin by a second loader made on first need.
fn direct_run_note(
    loader: &Loader,
    run_loader: &mut Option<Loader>,
    name: &[u8],
    graph: &DepGraph,
    color: bool,
) -> String {
    let mut note = String::new();
    if loader.env().origin != OriginMode::Ldd || graph.linkage != Linkage::Dynamic {
        return note;
    }
    let main = &graph.objects[0].canonical;
    let given_dir = relf::loader::root::dirname(name);
    let differ = match loader.root().resolve(given_dir, &loader.env().cwd) {
        Ok(r) => direct_run::origins_differ(main, &r.canonical),
        Err(_) => true,
    };
    if !differ {
        return note;
    }
    let run = run_loader.get_or_insert_with(|| {
        let env = LoaderEnv {
            origin: OriginMode::Run,
            ..loader.env().clone()
        };
        Loader::new(loader.root().clone(), env)
    });
    if let Ok(run_graph) = run.resolve(name) {
        let diffs = direct_run::run_differences(graph, &run_graph);
        relf::render::direct_run::write_run_differences(&mut note, name, main, &diffs, color);
    }
    note
}

/// Runs `relf ldd`; returns the exit status.
pub fn run(
    out: &mut Stdout,
    reporter: &mut Reporter,
    args: &LddArgs,
    color: bool,
) -> io::Result<(Flow, i32)> {
    let mut env = match loader_env(args) {
        Ok(env) => env,
        Err(e) => {
            let dir = args.cwd.as_deref().unwrap_or(std::path::Path::new("."));
            reporter.error(dir, &e);
            return Ok((Flow::Continue, 1));
        }
    };
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
    if let (Some(dir), Some(_)) = (&args.cwd, &args.root) {
        match root.resolve(&env.cwd, b"/") {
            Ok(r) => env.cwd = r.canonical,
            Err(e) => {
                reporter.error(dir, &e);
                return Ok((Flow::Continue, 1));
            }
        }
    }
    let mut loader = Loader::new(root, env);
    let mut run_loader = None;
    let bind_cache = relf::loader::binding::BindCache::new();
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
        if !args.json {
            if let Some(message) = ldd_file_check(&loader, name) {
                reporter.verbatim(&message, true);
                compat = compat.max(1);
                strict = strict.max(1);
                continue;
            }
        }
        let faults_before = relf::source::faults();
        // --tree also shows the dlopen note edges (weak, never in ldd's list).
        let resolved = if args.tree {
            loader.resolve_with_dlopen(name)
        } else {
            loader.resolve(name)
        };
        let graph = match resolved {
            Ok(g) => g,
            Err(e) => {
                let not_elf = matches!(&e, LoadError::Open(m) if m.starts_with("not an ELF file") || m.starts_with("file too short"));
                if not_elf {
                    // glibc's ldd: "\tnot a dynamic executable" on stderr.
                    if args.json {
                        reporter.error(file, &"not a dynamic executable (not an ELF file)");
                    } else {
                        reporter.verbatim(NOT_DYNAMIC, true);
                    }
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
        if relf::source::faults() != faults_before {
            // A file of the graph shrank while it was read: its bytes were
            // zeros from there on, so the graph is not the file's.
            reporter.error(file, &relf::source::CHANGED_WHILE_READ);
            compat = compat.max(1);
            strict = strict.max(1);
            continue;
        }
        let plain = !(args.json || args.tree || args.explain || args.why.is_some());
        if plain && !args.static_only && args.root.is_none() && !host_can_load(&graph) {
            // ldd's `--verify` finds no loader in RTLDLIST for this file.
            reporter.verbatim(NOT_DYNAMIC, true);
            compat = compat.max(1);
            strict = strict.max(1);
            continue;
        }
        if graph.linkage == Linkage::NotDynamic {
            if args.json {
                reporter.error(file, &"not a dynamic executable");
            } else {
                reporter.verbatim(NOT_DYNAMIC, true);
            }
            compat = compat.max(1);
            strict = strict.max(1);
        }
        // The loader's own messages: musl prints them on stderr; glibc's
        // ldd shows them on stdout (the listing, rendered below) and, from
        // its `--verify` run, on stderr.
        for m in &graph.loader_messages {
            reporter.verbatim(m, false);
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
        let bound = super::ldd_bind::wanted(args, &graph)
            .then(|| super::ldd_bind::bind(args, &graph, loader.root(), &bind_cache));
        if let Some(r) = &bound {
            if graph.flavor == Flavor::Musl && !r.reloc_errors.is_empty() {
                // musl's loader exits 127 after a relocation error.
                compat = compat.max(127);
            }
        }
        if args.json {
            let mut ldd = json::ldd_report(&graph);
            ldd.symbols = bound
                .as_ref()
                .map(|r| super::ldd_bind::json(args, &graph, r));
            reports.push(json::FileReport {
                path: file.display().to_string(),
                error: graph.limit_exceeded.map(|l| l.to_string()),
                ldd: Some(ldd),
                ..Default::default()
            });
            continue;
        }
        let mut text = String::new();
        let note = if args.tree || args.explain || args.why.is_some() {
            direct_run_note(&loader, &mut run_loader, name, &graph, color)
        } else {
            String::new()
        };
        let why_symbol = args.why_symbol.as_ref().zip(bound.as_ref());
        let bytes = if let Some((name, r)) = why_symbol {
            super::ldd_bind::why(&graph, r, name.as_bytes(), loader.root(), &bind_cache)
        } else if args.tree {
            let opts = tree::TreeOptions {
                color,
                all: args.all,
                max_depth: args.max_depth,
            };
            tree::write_tree(&mut text, &graph, &opts);
            text.push_str(&note);
            text.into_bytes()
        } else if args.explain || args.why.is_some() {
            let why = args.why.as_ref().map(|w| w.as_bytes());
            tree::write_explain(&mut text, &graph, why, color);
            text.push_str(&note);
            text.into_bytes()
        } else if let Some(r) = &bound {
            let t = super::ldd_bind::text(args, &graph, r);
            // musl's own lines, without relf's prefix (its loader prints them).
            for line in t.stderr.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                reporter.verbatim(line, false);
            }
            let mut buf = t.before;
            ldd::write_ldd(&mut buf, &graph);
            buf.extend_from_slice(&t.after);
            buf
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
