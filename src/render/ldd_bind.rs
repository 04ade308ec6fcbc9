//! The symbol-level lines of `ldd`: glibc 2.36's version check errors
//! (elf/rtld.c `print_missing_version`, printed by every `ldd`), `ldd -r`'s
//! relocation errors (`print_unresolved`), `ldd -v`'s version information,
//! and musl's `Error relocating` lines (ldso/dynlink.c `do_relocs`).
//!
//! glibc's ldd script runs the loader with `2>&1`, so all of these reach
//! ldd's stdout, interleaved as the loader writes them; musl's ldd is the
//! loader itself, which writes its errors to stderr.

use crate::loader::binding::{BindReport, SymbolDefinition, SymbolWhy, Unresolved, VersionProblem};
use crate::loader::graph::DepGraph;
use crate::render::ldd::ldd_display_name;

/// glibc's `l_name` of an object as its messages print it (`DSO_FILENAME`):
/// the main program under the name ldd gave the loader.
fn l_name(g: &DepGraph, i: usize) -> Vec<u8> {
    if i == 0 {
        ldd_display_name(&g.objects[0].path)
    } else {
        g.objects[i].path.clone()
    }
}

/// `PROG: LIB: version `V' not found (required by OBJ)` and the other
/// `match_symbol` messages, one line each, before the list.
pub fn write_version_errors(out: &mut Vec<u8>, g: &DepGraph, r: &BindReport) {
    let prog = l_name(g, 0);
    for e in &r.version_errors {
        out.extend_from_slice(&prog);
        out.extend_from_slice(b": ");
        out.extend_from_slice(&l_name(g, e.object));
        out.extend_from_slice(b": ");
        match e.problem {
            VersionProblem::NotFound | VersionProblem::WeakNotFound => {
                if e.problem == VersionProblem::WeakNotFound {
                    out.extend_from_slice(b"weak ");
                }
                out.extend_from_slice(b"version `");
                out.extend_from_slice(&e.version);
                out.extend_from_slice(b"' not found");
            }
            VersionProblem::NoVersionInfo => {
                out.extend_from_slice(b"no version information available");
            }
        }
        out.extend_from_slice(b" (required by ");
        out.extend_from_slice(&l_name(g, e.required_by));
        out.extend_from_slice(b")\n");
    }
}

/// glibc `ldd -r`: `undefined symbol: NAME[, version V]\t(OBJ)`.
pub fn write_glibc_reloc_errors(out: &mut Vec<u8>, g: &DepGraph, r: &BindReport) {
    for e in &r.reloc_errors {
        let Unresolved::Undefined { symbol, version } = &e.error;
        out.extend_from_slice(b"undefined symbol: ");
        out.extend_from_slice(symbol);
        if let Some(v) = version {
            out.extend_from_slice(b", version ");
            out.extend_from_slice(v);
        }
        out.extend_from_slice(b"\t(");
        out.extend_from_slice(&l_name(g, e.object));
        out.extend_from_slice(b")\n");
    }
}

/// musl: `Error relocating OBJ: NAME: symbol not found` (stderr).
pub fn write_musl_reloc_errors(out: &mut Vec<u8>, g: &DepGraph, r: &BindReport) {
    for e in &r.reloc_errors {
        let Unresolved::Undefined { symbol, .. } = &e.error;
        out.extend_from_slice(b"Error relocating ");
        out.extend_from_slice(&g.objects[e.object].path);
        out.extend_from_slice(b": ");
        out.extend_from_slice(symbol);
        out.extend_from_slice(b": symbol not found\n");
    }
}

/// glibc `ldd -v`: the "Version information" block.
pub fn write_version_info(out: &mut Vec<u8>, g: &DepGraph, r: &BindReport) {
    if r.versions.is_empty() {
        return;
    }
    out.extend_from_slice(b"\n\tVersion information:\n");
    for info in &r.versions {
        out.push(b'\t');
        out.extend_from_slice(&l_name(g, info.object));
        out.extend_from_slice(b":\n");
        for line in &info.lines {
            out.extend_from_slice(b"\t\t");
            out.extend_from_slice(&line.need.file);
            out.extend_from_slice(b" (");
            out.extend_from_slice(&line.need.version);
            out.extend_from_slice(b") ");
            if line.need.weak {
                out.extend_from_slice(b"[WEAK] ");
            }
            out.extend_from_slice(b"=> ");
            match line.provider {
                Some(p) => out.extend_from_slice(&l_name(g, p)),
                None => out.extend_from_slice(b"not found"),
            }
            out.push(b'\n');
        }
    }
}

/// `relf ldd --why-symbol NAME`: where NAME is defined, and for each object
/// referencing it, what it binds to and what was searched first.
pub fn write_why_symbol(
    out: &mut Vec<u8>,
    g: &DepGraph,
    name: &[u8],
    defs: &[SymbolDefinition],
    refs: &[SymbolWhy],
) {
    let path = |i: usize| g.objects[i].path.as_slice();
    out.extend_from_slice(b"symbol ");
    out.extend_from_slice(name);
    out.extend_from_slice(b"\n  defined in (global scope order):\n");
    if defs.is_empty() {
        out.extend_from_slice(b"    nothing loaded\n");
    }
    for d in defs {
        out.extend_from_slice(b"    ");
        out.extend_from_slice(path(d.object));
        if let Some(v) = &d.version {
            out.extend_from_slice(b" (");
            out.extend_from_slice(name);
            out.extend_from_slice(if d.hidden { b"@" } else { b"@@" });
            out.extend_from_slice(v);
            out.push(b')');
        }
        out.push(b'\n');
    }
    out.extend_from_slice(b"  referenced by:\n");
    if refs.is_empty() {
        out.extend_from_slice(b"    nothing\n");
    }
    for w in refs {
        out.extend_from_slice(b"    ");
        out.extend_from_slice(path(w.from));
        if let Some(v) = &w.version {
            out.extend_from_slice(b" (");
            out.extend_from_slice(name);
            out.push(b'@');
            out.extend_from_slice(v);
            out.push(b')');
        }
        out.extend_from_slice(b" => ");
        match w.to {
            Some(t) => out.extend_from_slice(path(t)),
            None => out.extend_from_slice(b"undefined"),
        }
        out.push(b'\n');
        if !w.searched.is_empty() {
            out.extend_from_slice(b"      searched first: ");
            for (k, &s) in w.searched.iter().enumerate() {
                if k > 0 {
                    out.extend_from_slice(b", ");
                }
                out.extend_from_slice(path(s));
            }
            out.push(b'\n');
        }
    }
}
