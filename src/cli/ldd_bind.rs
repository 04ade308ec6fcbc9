//! The symbol-level part of `relf ldd`: the version check every ldd does,
//! `-r` (relocations), `-v` (version information), `--why-symbol`, and
//! their JSON form.

use relf::loader::binding::{self, BindCache, BindOptions, BindReport};
use relf::loader::graph::{DepGraph, Flavor, Linkage};
use relf::loader::root::Root;
use relf::render::{json, ldd_bind};

use super::args::LddArgs;

/// Whether the graph is bound at all: a dynamic file (with or without
/// DT_NEEDED: ld.so relocates both) the loader would load to the end,
/// printed as ldd lines or JSON.
pub fn wanted(args: &LddArgs, g: &DepGraph) -> bool {
    g.linkage != Linkage::NotDynamic
        && g.fatal.is_none()
        && g.limit_exceeded.is_none()
        && (!(args.tree || args.explain || args.why.is_some()) || args.why_symbol.is_some())
}

/// Binds `g` as far as the flags need: glibc's version check always,
/// relocations with `-r`, `--why-symbol` or JSON bindings, and always for
/// musl (musl's ldd relocates everything).
pub fn bind(args: &LddArgs, g: &DepGraph, root: &Root, cache: &BindCache) -> BindReport {
    let relocate = args.relocs || args.why_symbol.is_some() || g.flavor == Flavor::Musl;
    let bindings = args.why_symbol.is_some() || (args.json && args.relocs);
    binding::bind(g, root, cache, BindOptions { relocate, bindings })
}

/// glibc's stdout around the ldd lines: version errors before, relocation
/// errors and version information after. musl's errors are returned apart
/// (its loader writes them to stderr).
pub struct Text {
    pub before: Vec<u8>,
    pub after: Vec<u8>,
    pub stderr: Vec<u8>,
}

pub fn text(args: &LddArgs, g: &DepGraph, r: &BindReport) -> Text {
    let mut t = Text {
        before: Vec::new(),
        after: Vec::new(),
        stderr: Vec::new(),
    };
    match g.flavor {
        Flavor::Glibc => {
            ldd_bind::write_version_errors(&mut t.before, g, r);
            if args.relocs {
                ldd_bind::write_glibc_reloc_errors(&mut t.after, g, r);
            }
            if args.verbose {
                ldd_bind::write_version_info(&mut t.after, g, r);
            }
        }
        Flavor::Musl => ldd_bind::write_musl_reloc_errors(&mut t.stderr, g, r),
    }
    t
}

/// The JSON additions: version errors, undefined references, and with `-r`
/// every binding.
pub fn json(args: &LddArgs, g: &DepGraph, r: &BindReport) -> json::LddSymbols {
    json::ldd_symbols(g, r, args.relocs || args.why_symbol.is_some())
}

/// `--why-symbol NAME`: its definitions and every reference to it.
pub fn why(g: &DepGraph, r: &BindReport, name: &[u8], root: &Root, cache: &BindCache) -> Vec<u8> {
    let defs = binding::definitions(g, root, cache, name);
    let refs = binding::why_symbol(g, r, name);
    let mut out = Vec::new();
    ldd_bind::write_why_symbol(&mut out, g, name, &defs, &refs);
    out
}
