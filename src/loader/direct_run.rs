//! Where a direct run of a program would load other files than `ldd` lists
//! (issue 18 item 2).
//!
//! `ldd` maps the program itself, so its `$ORIGIN` is the directory in the
//! name it was given (glibc elf/dl-object.c `_dl_new_object`; musl
//! `fixup_rpath` on `p->name`). A program the kernel starts gets its origin
//! from `/proc/self/exe`, its real path with every symlink resolved (glibc
//! elf/dl-origin.c `_dl_get_origin`; musl `fixup_rpath` for the
//! kernel-mapped main program). Through a symlink in another directory the
//! two differ, and so can the libraries found through `$ORIGIN`.

use super::graph::DepGraph;
use super::root::dirname;

/// One library name resolved differently by `ldd` and by a direct run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunDifference {
    /// The DT_NEEDED (or preload) name.
    pub name: Vec<u8>,
    /// The path ldd prints for it, `None` when not found (or not requested).
    pub ldd: Option<Vec<u8>>,
    /// The path a direct run loads, `None` when not found (or not requested).
    pub run: Option<Vec<u8>>,
}

/// A requested name and the (canonical, printed) paths of its file.
type Resolution<'g> = (&'g [u8], Option<(&'g [u8], &'g [u8])>);

/// What each requested name resolves to: (name, canonical and printed path
/// of the file, or `None` when not found), first request of a name first.
fn resolutions(g: &DepGraph) -> Vec<Resolution<'_>> {
    let mut out: Vec<Resolution<'_>> = Vec::new();
    for e in &g.edges {
        if out.iter().any(|(n, _)| *n == e.name.as_slice()) {
            continue;
        }
        let o = &g.objects[e.to];
        let file = o
            .is_found()
            .then_some((o.canonical.as_slice(), o.path.as_slice()));
        out.push((&e.name, file));
    }
    out
}

/// The file `name` resolves to in `list`.
fn lookup<'g>(list: &[Resolution<'g>], name: &[u8]) -> Option<(&'g [u8], &'g [u8])> {
    list.iter().find(|(n, _)| *n == name).and_then(|(_, f)| *f)
}

/// The names whose file differs (by canonical path) between the `ldd`
/// resolution and the direct-run one of the same program, in ldd's order,
/// then the names only a direct run requests. Spelling alone (`/d/./a.so`
/// beside `/d/a.so`, the same file) is no difference.
pub fn run_differences(ldd: &DepGraph, run: &DepGraph) -> Vec<RunDifference> {
    let a = resolutions(ldd);
    let b = resolutions(run);
    let mut out = Vec::new();
    let names = a.iter().map(|(n, _)| *n).chain(
        b.iter()
            .map(|(n, _)| *n)
            .filter(|n| !a.iter().any(|(m, _)| m == n)),
    );
    for name in names {
        let x = lookup(&a, name);
        let y = lookup(&b, name);
        if x.map(|f| f.0) != y.map(|f| f.0) {
            out.push(RunDifference {
                name: name.to_vec(),
                ldd: x.map(|f| f.1.to_vec()),
                run: y.map(|f| f.1.to_vec()),
            });
        }
    }
    out
}

/// Whether a direct run can take another `$ORIGIN` than ldd: the real
/// directory of the program (`canonical_dir`, its canonical path's
/// directory) is not where the name as given points (`given_dir_canonical`,
/// that directory resolved inside the root).
pub fn origins_differ(main_canonical: &[u8], given_dir_canonical: &[u8]) -> bool {
    dirname(main_canonical) != given_dir_canonical
}
