//! relf's loader inside real foreign-architecture roots: Debian 12 arm64 and
//! (big-endian) s390x package sets unpacked by tests/foreign-root.sh, with
//! merged /usr and no /etc/ld.so.cache. For every ELF file of the root's
//! /usr/bin and /usr/lib/<triplet> (found by magic bytes), resolved with the
//! library API:
//!
//! - the root is complete: every NEEDED is found, the interpreter exists,
//!   the arch is the root's, libraries come from the multiarch directory
//!   (or from the RUNPATH that names their private directory);
//! - confinement: every resolved file is a regular file below the root,
//!   reached through the root's own symlinks (`/lib -> usr/lib`), and is the
//!   very file relf parsed;
//! - differential: the set of (NEEDED name -> file) pairs equals what
//!   `lddtree -R ROOT` (pax-utils 1.3.7) finds, except where lddtree is known
//!   to be wrong (shared/spec/loader-rules.md §9).
//!
//! lddtree is a static tool too, hence the list of its deviations; the
//! ground truth, the roots' own loaders run under qemu-user, is
//! `foreign_loader`.
//!
//! The roots are downloaded: the test fails (never skips) when Debian's
//! archive is out of reach. Where they are kept: see `foreign`.

use std::collections::BTreeSet;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Command;

use relf::loader::graph::{DepGraph, FoundVia, Linkage};
use relf::loader::root::Root;
use relf::loader::{Loader, LoaderEnv};

use crate::foreign::{elf_files, root, ForeignArch, ARM64, S390X};
use crate::support::is_elf;

#[test]
fn arm64_root_resolves_completely_and_agrees_with_lddtree() {
    check_root(&ARM64);
}

#[test]
fn s390x_big_endian_root_resolves_completely_and_agrees_with_lddtree() {
    check_root(&S390X);
}

/// What one file resolved to: its pairs, and the parts of the graph the
/// comparison needs to explain a difference.
struct Resolution {
    path: String,
    graph: DepGraph,
    pairs: BTreeSet<Pair>,
}

/// A NEEDED name and the canonical in-root path of the file it resolved to
/// (None: not found).
type Pair = (String, Option<String>);

fn check_root(arch: &ForeignArch) {
    let dest = root(arch);
    let packages = std::fs::read_to_string(dest.join("PACKAGES")).expect("DEST/PACKAGES");
    assert!(
        !dest.join("etc/ld.so.cache").exists(),
        "the root must not have an ld.so.cache (lddtree never reads one, spec §9)"
    );
    for program in arch.programs {
        let p = dest.join(program.trim_start_matches('/'));
        assert!(is_elf(&p), "{}: missing from the root", p.display());
    }

    let lib_dir = arch.lib_dir();
    let mut files = elf_files(dest, "/usr/bin");
    let programs = files.len();
    files.extend(elf_files(dest, &lib_dir));
    assert!(
        files.len() > programs && programs >= arch.programs.len(),
        "too few ELF files in {}: {programs} in /usr/bin, {} in {lib_dir}",
        dest.display(),
        files.len() - programs
    );

    let env = LoaderEnv {
        cwd: b"/".to_vec(),
        use_preload_file: true,
        ..Default::default()
    };
    let mut loader = Loader::new(Root::new(dest), env);
    let mut failures = Vec::new();
    let mut resolutions = Vec::new();
    let mut dynamic = 0;
    for path in &files {
        let graph = match loader.resolve(path.as_bytes()) {
            Ok(g) => g,
            Err(e) => {
                failures.push(format!("{path}: {e}"));
                continue;
            }
        };
        if graph.linkage == Linkage::Dynamic {
            dynamic += 1;
        }
        check_complete(arch, dest, path, &graph, &mut failures);
        let pairs = relf_pairs(&graph);
        resolutions.push(Resolution {
            path: path.clone(),
            graph,
            pairs,
        });
    }
    assert!(
        failures.is_empty(),
        "{} problems in the {} root, first ones:\n{}",
        failures.len(),
        arch.debian,
        failures[..failures.len().min(20)].join("\n")
    );
    // The symlinks of a merged-/usr root are followed inside it.
    let sample = resolutions
        .iter()
        .find(|r| r.path == arch.programs[0])
        .expect("first program resolved");
    let libc = sample
        .graph
        .objects
        .iter()
        .find(|o| o.names.iter().any(|n| n == b"libc.so.6"))
        .expect("libc.so.6 in the graph");
    assert_eq!(
        libc.path,
        format!("/lib/{}/libc.so.6", arch.triplet).as_bytes()
    );
    assert_eq!(
        libc.canonical,
        format!("/usr/lib/{}/libc.so.6", arch.triplet).as_bytes()
    );
    // /lib/ld-linux-aarch64.so.1: /lib -> usr/lib, then the loader's own
    // link into the multiarch directory.
    let interp = &sample.graph.objects[sample.graph.interpreter.expect("interpreter")];
    assert_eq!(interp.path, arch.interp.as_bytes());
    assert_eq!(
        interp.canonical,
        format!(
            "/usr/lib/{}/{}",
            arch.triplet,
            parent_and_name(arch.interp).1
        )
        .as_bytes()
    );

    let oracle = lddtree(dest, &files);
    let mut identical = 0;
    let mut origin_deviations = 0;
    let mut runpath_deviations = 0;
    let mut unexplained = Vec::new();
    for r in &resolutions {
        let theirs = oracle
            .iter()
            .find(|(p, _)| *p == r.path)
            .map(|(_, pairs)| pairs)
            .unwrap_or_else(|| panic!("lddtree printed nothing for {}", r.path));
        if *theirs == r.pairs {
            identical += 1;
            continue;
        }
        match explain(dest, r, theirs) {
            Ok(Deviation::OriginNotExpanded) => origin_deviations += 1,
            Ok(Deviation::RunpathInherited) => runpath_deviations += 1,
            Err(why) => unexplained.push(format!("{}: {why}", r.path)),
        }
    }
    println!(
        "foreign root {} ({} packages): {} ELF files ({programs} in /usr/bin, {} in {lib_dir}), \
         {dynamic} with dependencies, all resolved inside the root; against lddtree -R: \
         compared {}, identical {identical}, acceptable deviations {} \
         ($ORIGIN not expanded by lddtree: {origin_deviations}, RUNPATH inherited by lddtree: \
         {runpath_deviations}), unexplained {}",
        arch.debian,
        packages.lines().count(),
        files.len(),
        files.len() - programs,
        resolutions.len(),
        origin_deviations + runpath_deviations,
        unexplained.len()
    );
    assert!(
        unexplained.is_empty(),
        "relf and lddtree disagree outside lddtree's documented deviations (spec §9):\n{}",
        unexplained[..unexplained.len().min(20)].join("\n")
    );
}

/// The root is complete and confined: see the module comment.
fn check_complete(
    arch: &ForeignArch,
    dest: &Path,
    path: &str,
    graph: &DepGraph,
    failures: &mut Vec<String>,
) {
    let mut fail = |msg: String| failures.push(format!("{path}: {msg}"));
    if graph.arch.name != arch.relf {
        fail(format!("arch {} instead of {}", graph.arch.name, arch.relf));
    }
    let main = graph.objects[0].info().expect("main object parsed");
    if let Some(interp) = &main.interpreter {
        if interp != arch.interp.as_bytes() {
            fail(format!("interpreter {}", lossy(interp)));
        }
    }
    if graph.linkage != Linkage::Dynamic {
        return;
    }
    if !graph.interpreter_present {
        fail(format!("interpreter {} missing", arch.interp));
    }
    if let Some((p, message)) = &graph.fatal {
        fail(format!("loader stops at {}: {message}", lossy(p)));
    }
    for (edge, _) in graph.missing() {
        fail(format!(
            "{} needed by {} not found",
            lossy(&edge.name),
            lossy(&graph.objects[edge.from].path)
        ));
    }
    let multiarch = [
        format!("/lib/{}/", arch.triplet),
        format!("/usr/lib/{}/", arch.triplet),
    ];
    for (i, o) in graph.objects.iter().enumerate().skip(1) {
        let Some(info) = o.info() else { continue };
        let shown = lossy(&o.path);
        let canonical = lossy(&o.canonical);
        // Where it was found: the multiarch directory (system directory or
        // the interpreter's link to it), or a directory its requester's
        // RUNPATH/RPATH names.
        let where_ok = match &o.via {
            FoundVia::Interpreter => shown == arch.interp,
            FoundVia::DefaultPath | FoundVia::LdSoCache | FoundVia::LdSoConf => {
                multiarch.iter().any(|d| shown.starts_with(d.as_str()))
            }
            FoundVia::Runpath { owner } | FoundVia::Rpath { owner } => {
                search_dirs_of(graph, *owner).contains(&parent(&shown).to_string())
            }
            _ => false,
        };
        if !where_ok {
            fail(format!("object {i} {shown} found via {:?}", o.via));
        }
        // Confined: the canonical path has no symlink left in it inside the
        // root, is a regular file there, and is the file relf parsed.
        let host = dest.join(canonical.trim_start_matches('/'));
        let same_file = std::fs::symlink_metadata(&host)
            .is_ok_and(|m| m.is_file() && (m.dev(), m.ino()) == info.id);
        if canonical_in(dest, &canonical).as_deref() != Some(canonical.as_str()) || !same_file {
            fail(format!(
                "{shown}: canonical path {canonical} is not that file inside {}",
                dest.display()
            ));
        }
    }
}

/// relf's (name -> file) pairs: every DT_NEEDED edge of the graph.
fn relf_pairs(graph: &DepGraph) -> BTreeSet<Pair> {
    graph
        .edges
        .iter()
        .map(|e| {
            let o = &graph.objects[e.to];
            (lossy(&e.name), o.is_found().then(|| lossy(&o.canonical)))
        })
        .collect()
}

/// The directories of an object's RUNPATH (or RPATH), `$ORIGIN` expanded
/// with its directory (as shown, and canonical).
fn search_dirs_of(graph: &DepGraph, owner: usize) -> Vec<String> {
    let o = &graph.objects[owner];
    let Some(info) = o.info() else {
        return Vec::new();
    };
    let Some(list) = info.runpath.as_ref().or(info.rpath.as_ref()) else {
        return Vec::new();
    };
    let mut dirs = Vec::new();
    for entry in lossy(list).split(':') {
        for origin in [parent(&lossy(&o.path)), parent(&lossy(&o.canonical))] {
            dirs.push(
                entry
                    .replace("${ORIGIN}", origin)
                    .replace("$ORIGIN", origin)
                    .trim_end_matches('/')
                    .to_string(),
            );
        }
    }
    dirs
}

fn has_origin(list: &[u8]) -> bool {
    let s = lossy(list);
    s.contains("$ORIGIN") || s.contains("${ORIGIN}")
}

/// lddtree's known wrong answers (spec §9) that explain a difference.
#[derive(Debug)]
enum Deviation {
    /// §9: "with -R it does not expand $ORIGIN in RUNPATH" (it substitutes
    /// the host path and prefixes the root again), so a library found
    /// through `$ORIGIN` is "None" or another file for lddtree, and what
    /// only that library needs is missing from its answer. glibc's gconv
    /// modules have RUNPATH `$ORIGIN` (libJIS.so, libGB.so, ...).
    OriginNotExpanded,
    /// §9: lddtree "lets a RUNPATH apply to the dependencies'
    /// dependencies, which glibc does not" (ParseELF's
    /// `ldpaths["runpath"]`; the code applies it with -R too).
    RunpathInherited,
}

/// Why relf's and lddtree's pairs differ for one file, if lddtree's
/// documented deviations explain every differing name.
fn explain(dest: &Path, r: &Resolution, theirs: &BTreeSet<Pair>) -> Result<Deviation, String> {
    let g = &r.graph;
    let names: BTreeSet<&String> = r
        .pairs
        .symmetric_difference(theirs)
        .map(|(name, _)| name)
        .collect();
    // Objects relf found through an `$ORIGIN` entry, and everything loaded
    // beneath them (l_loader chain).
    let via_origin = |idx: usize| match &g.objects[idx].via {
        FoundVia::Runpath { owner } | FoundVia::Rpath { owner } => g.objects[*owner]
            .info()
            .and_then(|i| i.runpath.as_ref().or(i.rpath.as_ref()))
            .is_some_and(|l| has_origin(l)),
        _ => false,
    };
    let beneath_origin = |mut idx: usize| loop {
        if via_origin(idx) {
            return true;
        }
        match g.objects[idx].loader {
            Some(l) if l != idx => idx = l,
            _ => return false,
        }
    };
    let main_runpath: Vec<String> = g.objects[0]
        .info()
        .and_then(|i| i.runpath.as_ref())
        .map(|_| search_dirs_of(g, 0))
        .unwrap_or_default();
    let mut kind = None;
    for name in names {
        let ours: Vec<&Option<String>> = pairs_for(&r.pairs, name);
        let lddtree: Vec<&Option<String>> = pairs_for(theirs, name);
        let edges: Vec<_> = g.edges.iter().filter(|e| lossy(&e.name) == *name).collect();
        let found_via_origin = edges.iter().all(|e| via_origin(e.to));
        let only_beneath_origin =
            lddtree.is_empty() && edges.iter().all(|e| beneath_origin(e.from));
        let runpath_inherited = edges.iter().all(|e| e.from != 0)
            && !lddtree.is_empty()
            && lddtree.iter().all(|p| {
                p.as_deref().is_some_and(|p| {
                    main_runpath
                        .iter()
                        .any(|d| canonical_in(dest, d).as_deref() == Some(parent(p)))
                })
            });
        if !edges.is_empty() && (found_via_origin || only_beneath_origin) {
            kind = Some(Deviation::OriginNotExpanded);
        } else if !edges.is_empty() && runpath_inherited {
            kind.get_or_insert(Deviation::RunpathInherited);
        } else {
            return Err(format!("{name}: relf {ours:?}, lddtree {lddtree:?}"));
        }
    }
    kind.ok_or_else(|| "sets differ but no name does".into())
}

fn pairs_for<'a>(pairs: &'a BTreeSet<Pair>, name: &str) -> Vec<&'a Option<String>> {
    pairs
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, p)| p)
        .collect()
}

/// lddtree -R DEST on all files at once: per file (in-root path), its
/// (name -> canonical in-root path) pairs. Paths it prints are host paths
/// below DEST, not symlink-resolved; they are canonicalised inside the root
/// by [`canonical_in`], the tests' own resolver.
fn lddtree(dest: &Path, files: &[String]) -> Vec<(String, BTreeSet<Pair>)> {
    // Debian's lddtree is a python3 script needing Debian's pyelftools: run
    // it with Debian's python, whatever python3 comes first in PATH.
    let out = Command::new("/usr/bin/python3")
        .arg("/usr/bin/lddtree")
        // --all: without it a name already shown is not shown again, and
        // the interpreter is hidden unless the file itself needs it.
        .arg("--all")
        .arg("-R")
        .arg(dest)
        .args(files)
        .env("LC_ALL", "C")
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .expect("/usr/bin/python3 must exist (Debian's python3, for lddtree)");
    assert!(
        out.status.success(),
        "lddtree failed ({}); install pax-utils (tests/run.sh does):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let prefix = dest
        .to_str()
        .expect("UTF-8 root path")
        .trim_end_matches('/');
    let in_root = |p: &str| -> String {
        let rel = p.strip_prefix(prefix).unwrap_or_else(|| {
            panic!("lddtree printed {p}, outside the root {prefix}");
        });
        canonical_in(dest, rel).unwrap_or_else(|| panic!("lddtree's {p} does not resolve"))
    };
    let text = String::from_utf8(out.stdout).expect("UTF-8 lddtree output");
    let mut result: Vec<(String, BTreeSet<Pair>)> = Vec::new();
    for line in text.lines() {
        if !line.starts_with(' ') {
            // "<file> (interpreter => <interp>|None)"
            let file = line
                .split(" (interpreter => ")
                .next()
                .expect("split yields one part");
            let file = file.strip_prefix(prefix).expect("file below the root");
            result.push((file.to_string(), BTreeSet::new()));
            continue;
        }
        let (name, path) = line
            .trim_start()
            .split_once(" => ")
            .unwrap_or_else(|| panic!("unexpected lddtree line {line:?}"));
        if path == "!!! circular loop !!!" {
            continue;
        }
        let found = (path != "None").then(|| in_root(path));
        result
            .last_mut()
            .expect("a file line first")
            .1
            .insert((name.to_string(), found));
    }
    assert_eq!(result.len(), files.len(), "lddtree listed every file");
    result
}

/// `path` (absolute, in the root) with every symlink followed inside `root`
/// as a chroot would; None if it does not exist. The tests' own resolver,
/// so that relf's `Root` is not on the oracle's side of the comparison.
fn canonical_in(root: &Path, path: &str) -> Option<String> {
    let components = |s: &str| -> Vec<String> {
        s.split('/')
            .filter(|c| !c.is_empty())
            .rev()
            .map(String::from)
            .collect()
    };
    let mut done: Vec<String> = Vec::new();
    let mut todo = components(path);
    let mut hops = 0;
    while let Some(c) = todo.pop() {
        match c.as_str() {
            "." => continue,
            ".." => {
                done.pop();
                continue;
            }
            _ => done.push(c),
        }
        let host = root.join(done.join("/"));
        if std::fs::symlink_metadata(&host)
            .ok()?
            .file_type()
            .is_symlink()
        {
            hops += 1;
            if hops > 40 {
                return None;
            }
            let target = std::fs::read_link(&host).ok()?;
            let target = std::str::from_utf8(target.as_os_str().as_bytes()).ok()?;
            done.pop();
            if target.starts_with('/') {
                done.clear();
            }
            todo.extend(components(target));
        }
    }
    Some(format!("/{}", done.join("/")))
}

fn parent(path: &str) -> &str {
    parent_and_name(path).0
}

fn parent_and_name(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(0) => ("/", &path[1..]),
        Some(i) => (&path[..i], &path[i + 1..]),
        None => (".", path),
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
