//! `relf ldd --tree`: the dependency graph as a tree, each library with how
//! it was found (`[runpath]`, `[ld.so.cache]`, ...), repeated subtrees shown
//! once, and `--explain` listings of every candidate path tried.
//!
//! Names and paths come from files: they are sanitized so that control
//! characters cannot reach the terminal.

use owo_colors::Style;

use super::Painter;

use crate::loader::graph::{DepGraph, DlopenEdge, Flavor, FoundVia, Object, Rejection};
use crate::loader::root::basename;

/// Options of the tree view.
#[derive(Debug, Clone, Copy, Default)]
pub struct TreeOptions {
    pub color: bool,
    /// Expand every occurrence of a repeated subtree.
    pub all: bool,
    /// Stop below this depth (the main object is depth 0).
    pub max_depth: Option<usize>,
}

pub use super::safe::sanitize;

/// How an object was found, as the tree's bracketed tag.
pub fn found_via(g: &DepGraph, o: &Object) -> String {
    via_tag(g, &o.via, o.loader, o.hwcaps.as_deref())
}

/// The tag of [`found_via`] from its parts, so that a candidate's tag
/// needs no copy of its object (issue 11: copying the object, with its
/// whole candidate list, per candidate made `--explain` quadratic).
fn via_tag(g: &DepGraph, via: &FoundVia, loader: Option<usize>, hwcaps: Option<&str>) -> String {
    let owner_name = |i: usize| sanitize(basename(&g.objects[i].path));
    let mut tag = match via {
        FoundVia::Main => String::new(),
        FoundVia::Interpreter => "interpreter".into(),
        FoundVia::Path => "path".into(),
        FoundVia::Rpath { owner } => format!("rpath of {}", owner_name(*owner)),
        FoundVia::Runpath { owner } => {
            if g.flavor == Flavor::Musl && loader != Some(*owner) {
                format!("runpath of {}", owner_name(*owner))
            } else {
                "runpath".into()
            }
        }
        FoundVia::LdLibraryPath => "LD_LIBRARY_PATH".into(),
        FoundVia::LdSoCache => "ld.so.cache".into(),
        FoundVia::LdSoConf => "ld.so.conf".into(),
        FoundVia::DefaultPath => "default path".into(),
        FoundVia::MuslPathFile => "musl path file".into(),
        FoundVia::MuslDefault => "musl default path".into(),
        FoundVia::MuslSelf => "musl libc".into(),
        FoundVia::Preload => "preload".into(),
    };
    if let Some(h) = hwcaps {
        tag.push_str(&format!(", hwcaps: {h}"));
    }
    tag
}

/// Candidates listed per library by `--explain`; the rest are counted in
/// one closing line. Real searches try tens of paths; a DT_RPATH of
/// thousands of entries would otherwise print thousands of lines per
/// library.
pub const MAX_EXPLAIN_CANDIDATES: usize = 1000;

/// Appends the tree of `g` to `out`.
pub fn write_tree(out: &mut String, g: &DepGraph, opts: &TreeOptions) {
    let p = Painter { color: opts.color };
    let main = &g.objects[0];
    let flavor = match g.flavor {
        Flavor::Glibc => "glibc",
        Flavor::Musl => "musl",
    };
    out.push_str(&p.paint(&sanitize(&main.path), Style::new().bold()));
    out.push_str(&p.paint(
        &format!(" [{flavor}, {}]", g.arch.name),
        Style::new().dimmed(),
    ));
    out.push('\n');
    if let Some((path, message)) = &g.fatal {
        out.push_str(&p.paint(
            &format!("error: {}: {message}", sanitize(path)),
            Style::new().red().bold(),
        ));
        out.push('\n');
    }
    let mut expanded = vec![false; g.objects.len()];
    expanded[0] = true;
    let mut ancestors = vec![0usize];
    write_children(out, g, &p, opts, 0, "", &mut expanded, &mut ancestors);
}

#[allow(clippy::too_many_arguments)]
fn write_children(
    out: &mut String,
    g: &DepGraph,
    p: &Painter,
    opts: &TreeOptions,
    from: usize,
    prefix: &str,
    expanded: &mut Vec<bool>,
    ancestors: &mut Vec<usize>,
) {
    let edges: Vec<_> = g.edges.iter().filter(|e| e.from == from).collect();
    let weak: Vec<_> = g.dlopen.iter().filter(|d| d.from == from).collect();
    for (n, e) in edges.iter().enumerate() {
        let last = n + 1 == edges.len() + weak.len();
        let branch = if last { "└── " } else { "├── " };
        let o = &g.objects[e.to];
        out.push_str(prefix);
        out.push_str(&p.paint(branch, Style::new().dimmed()));
        let name = sanitize(&e.name);
        if !o.is_found() {
            out.push_str(&p.paint(&name, Style::new().red().bold()));
            out.push_str(&p.paint(" not found", Style::new().red()));
            out.push('\n');
            continue;
        }
        let style = if o.via == FoundVia::Interpreter || o.via == FoundVia::MuslSelf {
            Style::new().magenta()
        } else {
            Style::new().bold()
        };
        out.push_str(&p.paint(&name, style));
        if o.path != e.name {
            out.push_str(" => ");
            out.push_str(&sanitize(&o.path));
        }
        out.push(' ');
        out.push_str(&p.paint(&format!("[{}]", found_via(g, o)), Style::new().cyan()));
        let depth = ancestors.len();
        let cycle = ancestors.contains(&e.to);
        let has_children =
            g.edges.iter().any(|x| x.from == e.to) || g.dlopen.iter().any(|x| x.from == e.to);
        let child_prefix = format!("{prefix}{}", if last { "    " } else { "│   " });
        if cycle {
            out.push_str(&p.paint(" (cycle)", Style::new().yellow()));
            out.push('\n');
        } else if !has_children {
            out.push('\n');
        } else if opts.max_depth.is_some_and(|m| depth >= m) {
            out.push_str(&p.paint(" …", Style::new().dimmed()));
            out.push('\n');
        } else if expanded[e.to] && !opts.all {
            out.push_str(&p.paint(" (see above)", Style::new().dimmed()));
            out.push('\n');
        } else {
            out.push('\n');
            expanded[e.to] = true;
            ancestors.push(e.to);
            write_children(out, g, p, opts, e.to, &child_prefix, expanded, ancestors);
            ancestors.pop();
        }
    }
    for (n, d) in weak.iter().enumerate() {
        let branch = if n + 1 == weak.len() {
            "└── "
        } else {
            "├── "
        };
        out.push_str(prefix);
        out.push_str(&p.paint(branch, Style::new().dimmed()));
        write_dlopen_edge(out, g, p, d);
    }
}

/// One weak edge: `NAME => PATH [how] (dlopen, priority P)`, or the
/// record's names (alternatives joined by ` | `) and `not found`. Its own
/// dependencies are not expanded: they load only when `dlopen()` runs.
fn write_dlopen_edge(out: &mut String, g: &DepGraph, p: &Painter, d: &DlopenEdge) {
    let tag = format!(" (dlopen, priority {})", d.dep.priority.id());
    match &d.target {
        Some(t) => {
            let name = sanitize(&t.name);
            out.push_str(&p.paint(&name, Style::new().italic()));
            if t.path != t.name {
                out.push_str(" => ");
                out.push_str(&sanitize(&t.path));
            }
            let shown = Object {
                path: t.path.clone(),
                names: Vec::new(),
                kind: crate::loader::graph::ObjectKind::NotFound,
                via: t.via.clone(),
                hwcaps: t.hwcaps.clone(),
                loader: Some(d.from),
                tried: Vec::new(),
                canonical: Vec::new(),
            };
            out.push(' ');
            out.push_str(&p.paint(&format!("[{}]", found_via(g, &shown)), Style::new().cyan()));
            out.push_str(&p.paint(&tag, Style::new().dimmed()));
        }
        None => {
            let names: Vec<String> = d
                .dep
                .sonames
                .iter()
                .map(|s| sanitize(s.as_bytes()))
                .collect();
            let style = if d.dep.priority == crate::elf::note::DlopenPriority::Required {
                Style::new().red().bold()
            } else {
                Style::new().yellow()
            };
            out.push_str(&p.paint(&names.join(" | "), style));
            match &d.error {
                Some(e) => out.push_str(&p.paint(&format!(" error: {e}"), style)),
                None => out.push_str(&p.paint(" not found", style)),
            }
            out.push_str(&p.paint(&tag, Style::new().dimmed()));
        }
    }
    out.push('\n');
}

fn rejection_text(r: &Rejection) -> String {
    match r {
        Rejection::Missing => "missing".into(),
        Rejection::NotRegular => "not a regular file".into(),
        Rejection::WrongClass => "wrong ELF class".into(),
        Rejection::WrongMachine => "wrong machine".into(),
        Rejection::WrongData => "wrong byte order".into(),
        Rejection::Unopenable(m) => format!("cannot open: {m}"),
        Rejection::Fatal(m) => format!("error: {m}"),
    }
}

/// `--explain`: for each library (or only `why`), every candidate tried.
pub fn write_explain(out: &mut String, g: &DepGraph, why: Option<&[u8]>, color: bool) {
    let p = Painter { color };
    for o in g.objects.iter().skip(1) {
        if let Some(w) = why {
            if !o.names.iter().any(|n| n == w) && basename(&o.path) != w {
                continue;
            }
        }
        let name = sanitize(o.names.first().map(Vec::as_slice).unwrap_or(&o.path));
        if o.is_found() {
            out.push_str(&format!(
                "{} => {} [{}]\n",
                p.paint(&name, Style::new().bold()),
                sanitize(&o.path),
                p.paint(&found_via(g, o), Style::new().cyan())
            ));
        } else {
            out.push_str(&format!(
                "{} {}\n",
                p.paint(&name, Style::new().red().bold()),
                p.paint("not found", Style::new().red())
            ));
        }
        for c in o.tried.iter().take(MAX_EXPLAIN_CANDIDATES) {
            let verdict = match &c.rejected {
                None => p.paint("found", Style::new().green()),
                Some(r) => p.paint(&rejection_text(r), Style::new().yellow()),
            };
            out.push_str(&format!(
                "    {} [{}]: {verdict}\n",
                sanitize(&c.path),
                via_tag(g, &c.via, o.loader, None)
            ));
        }
        if o.tried.len() > MAX_EXPLAIN_CANDIDATES {
            out.push_str(&format!(
                "    ... {} more candidates not shown (relf's limit of {MAX_EXPLAIN_CANDIDATES} per library)\n",
                o.tried.len() - MAX_EXPLAIN_CANDIDATES
            ));
        }
    }
}
