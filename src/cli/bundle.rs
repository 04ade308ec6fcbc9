//! `relf bundle PROG... --to DIR [--root DIR|IMAGE]`: plan with
//! `relf::bundle::plan`, then list (`--dry-run`), write, or print JSON.

use std::io;
use std::os::unix::ffi::{OsStrExt, OsStringExt};

use serde::Serialize;

use relf::bundle::{self, Config, Node, Plan};
use relf::loader::root::Root;
use relf::loader::{Loader, LoaderEnv};
use relf::render::safe::sanitize;

use super::args::BundleArgs;
use super::report::{Reporter, Stdout};
use super::{write, Flow};

/// `relf bundle --json`.
#[derive(Serialize)]
struct JsonBundle {
    schema_version: u32,
    command: &'static str,
    to: String,
    dry_run: bool,
    entries: Vec<JsonEntry>,
    config: Vec<JsonConfig>,
    problems: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    written: Option<JsonWritten>,
}

#[derive(Serialize)]
struct JsonEntry {
    path: String,
    kind: &'static str,
    role: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<u64>,
}

#[derive(Serialize)]
struct JsonConfig {
    kind: &'static str,
    path: Option<String>,
    entries: Option<usize>,
}

#[derive(Serialize)]
struct JsonWritten {
    created: usize,
    unchanged: usize,
    replaced: usize,
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs `relf bundle`; returns the exit status.
pub fn run(
    out: &mut Stdout,
    reporter: &mut Reporter,
    args: &BundleArgs,
) -> io::Result<(Flow, i32)> {
    let rooted = args.root.is_some();
    let root = match &args.root {
        Some(path) => {
            match super::input::open(path, args.image_platform.as_deref(), &Default::default()) {
                Ok(input) => input.root,
                Err(e) => {
                    reporter.error(path, &e);
                    return Ok((Flow::Continue, 1));
                }
            }
        }
        None => Root::host_root(),
    };
    let cwd = if rooted {
        b"/".to_vec()
    } else {
        std::env::current_dir()?.into_os_string().into_vec()
    };
    // In-root program paths: relative ones from the working directory
    // (the root's `/` with --root).
    let programs: Vec<Vec<u8>> = args
        .programs
        .iter()
        .map(|p| {
            let b = p.as_os_str().as_bytes();
            if b.starts_with(b"/") {
                b.to_vec()
            } else {
                let mut full = cwd.clone();
                if !full.ends_with(b"/") {
                    full.push(b'/');
                }
                full.extend_from_slice(b);
                full
            }
        })
        .collect();
    let loader = Loader::new(
        root.clone(),
        LoaderEnv {
            cwd: b"/".to_vec(),
            ..Default::default()
        },
    );
    let plan = bundle::plan(&loader, &programs);
    let mut status = 0;
    for p in &plan.problems {
        reporter.error_plain(&sanitize(p.to_string().as_bytes()));
        status = 1;
    }
    let mut written = None;
    if !args.dry_run {
        let result = bundle::write::prepare_destination(&args.to, &root)
            .and_then(|dest| bundle::write::write(&plan, &root, &dest, args.force));
        match result {
            Ok(r) => written = Some(r),
            Err(e) => {
                reporter.error(&args.to, &e);
                return Ok((Flow::Continue, 1));
            }
        }
    }
    let bytes = if args.json {
        let doc = JsonBundle {
            schema_version: relf::render::json::SCHEMA_VERSION,
            command: "bundle",
            to: args.to.display().to_string(),
            dry_run: args.dry_run,
            entries: json_entries(&plan),
            config: plan.config.iter().map(json_config).collect(),
            problems: plan.problems.iter().map(|p| p.to_string()).collect(),
            written: written.map(|w| JsonWritten {
                created: w.created,
                unchanged: w.unchanged,
                replaced: w.replaced,
            }),
        };
        let mut buf = serde_json::to_vec_pretty(&doc).map_err(io::Error::other)?;
        buf.push(b'\n');
        buf
    } else {
        text(&plan, args, written)
    };
    let flow = write(out, &bytes)?;
    Ok((flow, status))
}

fn json_entries(plan: &Plan) -> Vec<JsonEntry> {
    plan.entries
        .iter()
        .map(|(path, e)| {
            let (kind, target, mode, size) = match &e.node {
                Node::Dir { mode } => ("dir", None, Some(*mode), None),
                Node::Symlink { target } => ("symlink", Some(lossy(target)), None, None),
                Node::File { mode, size } => ("file", None, Some(*mode), Some(*size)),
                Node::Generated { bytes } => {
                    ("generated", None, Some(0o644), Some(bytes.len() as u64))
                }
            };
            JsonEntry {
                path: lossy(path),
                kind,
                role: e.role.id(),
                target,
                mode: mode.map(|m| format!("{m:04o}")),
                size,
            }
        })
        .collect()
}

fn json_config(c: &Config) -> JsonConfig {
    let (kind, path, entries) = match c {
        Config::LdCache { path, entries } => ("ld.so.cache", Some(lossy(path)), Some(*entries)),
        Config::NoLdCache => ("no-ld.so.cache", None, None),
        Config::MuslPath { path } => ("musl-path", Some(lossy(path)), None),
        Config::NoMuslPath { path } => ("no-musl-path", Some(lossy(path)), None),
    };
    JsonConfig {
        kind,
        path,
        entries,
    }
}

/// One line per file and symlink (directories are implied), the loader
/// configuration, a summary.
fn text(plan: &Plan, args: &BundleArgs, written: Option<bundle::write::WriteReport>) -> Vec<u8> {
    let mut s = String::new();
    for (path, e) in &plan.entries {
        match &e.node {
            Node::Dir { .. } => {}
            Node::Symlink { target } => s.push_str(&format!(
                "{:<12} {} -> {}\n",
                e.role.id(),
                sanitize(path),
                sanitize(target)
            )),
            Node::File { .. } | Node::Generated { .. } => {
                s.push_str(&format!("{:<12} {}\n", e.role.id(), sanitize(path)));
            }
        }
    }
    for c in &plan.config {
        s.push_str(&match c {
            Config::LdCache { path, entries } => {
                format!(
                "{} {} with {entries} entries (the source root's cache, cut down to the bundle)\n",
                sanitize(path),
                if written.is_some() { "written" } else { "to be written" }
            )
            }
            Config::NoLdCache => {
                "no ld.so.cache: the source root has none, and the bundle needs none\n".to_string()
            }
            Config::MuslPath { path } => {
                format!(
                    "{} from the source root (musl's search path)\n",
                    sanitize(path)
                )
            }
            Config::NoMuslPath { path } => format!(
                "no {}: the source root has none; musl's default path applies\n",
                sanitize(path)
            ),
        });
    }
    let (dirs, links, files) = plan.counts();
    let dest = args.to.display();
    match written {
        None => s.push_str(&format!(
            "would copy {files} files, {links} symlinks, {dirs} directories into {dest} (dry run)\n"
        )),
        Some(w) => s.push_str(&format!(
            "{files} files, {links} symlinks, {dirs} directories in {dest}: {} created, {} unchanged, {} replaced\n",
            w.created, w.unchanged, w.replaced
        )),
    }
    s.into_bytes()
}
