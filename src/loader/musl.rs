//! musl's library search, statically (shared/spec/loader-rules.md §4;
//! musl ldso/dynlink.c `load_library`, `path_open`, `fixup_rpath`).
//!
//! - Names of musl's own libraries (`libc.*`, `libpthread.*`, `librt.*`,
//!   `libm.*`, `libdl.*`, `libutil.*`, `libxnet.*`) and the interpreter's own
//!   name map to the loader itself.
//! - A name with `/` is opened as given, with no token expansion.
//! - Otherwise: an object already found under that basename; then
//!   LD_LIBRARY_PATH; then the DT_RUNPATH (else DT_RPATH) of the requester and
//!   of every object up its `needed_by` chain (`$ORIGIN` only; any other `$`
//!   voids that object's path); then `<prefix>/etc/ld-musl-ARCH.path`, or
//!   `/lib:/usr/local/lib:/usr/lib`.
//! - The first file that opens is used (no class or machine check), and a
//!   file with the same device and inode as a loaded one is that one.

use std::sync::Arc;

use super::arch::Arch;
use super::dst;
use super::graph::{
    Candidate, DepGraph, DlopenEdge, DlopenTarget, Edge, Flavor, FoundVia, Linkage, Object,
    ObjectKind, Rejection,
};
use super::object::{ObjectCache, ObjectInfo, OpenError};
use super::root::{basename, Root, RootError};
use super::{LoaderEnv, OriginMode};

/// musl's default system path.
pub const MUSL_DEFAULT_PATH: &[u8] = b"/lib:/usr/local/lib:/usr/lib";

/// musl's `strerror(ENOENT)`.
const ENOENT_TEXT: &str = "No such file or directory";

/// `NAME_MAX`: longer names are not searched.
const NAME_MAX: usize = 255;

/// The reserved families, in musl's order (`reserved` in `load_library`).
const RESERVED: &[&[u8]] = &[
    b"c.",
    b"pthread.",
    b"rt.",
    b"m.",
    b"dl.",
    b"util.",
    b"xnet.",
];

/// Which reserved family `name` belongs to, if any.
pub fn reserved_family(name: &[u8]) -> Option<usize> {
    let rest = name.strip_prefix(b"lib")?;
    RESERVED.iter().position(|r| rest.starts_with(r))
}

/// musl's system path: the `.path` file next to the interpreter's prefix,
/// or the default. Returns the list and where it came from.
pub fn system_path(root: &Root, ldso_name: &[u8], arch: &Arch) -> (Vec<u8>, FoundVia) {
    // `<prefix>/etc/ld-musl-ARCH.path`, prefix = the interpreter name minus
    // its last two components (musl_path::prefix, checked against musl).
    let file = super::musl_path::path_file_name(ldso_name, arch.musl_arch);
    match root.read(&file, 1 << 20) {
        Ok(contents) => (contents, FoundVia::MuslPathFile),
        Err(RootError::NotFound) | Err(RootError::NotADirectory) => {
            (MUSL_DEFAULT_PATH.to_vec(), FoundVia::MuslDefault)
        }
        Err(_) => (Vec::new(), FoundVia::MuslPathFile),
    }
}

/// One musl resolution run.
#[allow(missing_debug_implementations)] // borrows the object cache mutably
pub struct MuslResolver<'a> {
    root: &'a Root,
    env: &'a LoaderEnv,
    objects: &'a ObjectCache,
    arch: &'static Arch,
    ldso_name: Vec<u8>,
    sys_path: Option<(Vec<u8>, FoundVia)>,
    graph: DepGraph,
    /// musl's `shortname`: basename of the path found by a search.
    shortnames: Vec<Option<Vec<u8>>>,
    /// The RUNPATH/RPATH each object contributes, after `$ORIGIN` fixup.
    paths: Vec<Option<(Vec<u8>, bool)>>,
    /// Reserved families already reported (ldd prints each once).
    reported: Vec<usize>,
    /// Names that could not be loaded: (name, requester, musl's
    /// `strerror` text for the errno left by the failure).
    pub failures: Vec<(Vec<u8>, usize, &'static str)>,
}

impl<'a> MuslResolver<'a> {
    pub fn new(
        root: &'a Root,
        env: &'a LoaderEnv,
        objects: &'a ObjectCache,
        arch: &'static Arch,
        main_path: &[u8],
        main_canonical: Vec<u8>,
        main: Arc<ObjectInfo>,
    ) -> MuslResolver<'a> {
        let ldso_name = main
            .interpreter
            .clone()
            .unwrap_or_else(|| arch.musl_interp().into_bytes());
        // `fixup_rpath`: a kernel-mapped program (run directly) takes its
        // origin from /proc/self/exe; under `ldd` (`--list`) the program is
        // mapped by the loader and its origin is the name it was given.
        let main_origin_name = match env.origin {
            OriginMode::Run => &main_canonical[..],
            OriginMode::Ldd => main_path,
        };
        let main_rpath = musl_object_path(&main, main_origin_name);
        let graph = DepGraph::for_main(Flavor::Musl, arch, main_path, main_canonical, main);
        MuslResolver {
            root,
            env,
            objects,
            arch,
            ldso_name,
            sys_path: None,
            graph,
            shortnames: vec![None],
            paths: vec![main_rpath],
            reported: Vec::new(),
            failures: Vec::new(),
        }
    }

    pub fn run(self) -> DepGraph {
        self.run_with(false)
    }

    /// Runs the whole resolution, then, with `follow_dlopen`, the dlopen
    /// note edges ([`DepGraph::dlopen`]).
    pub fn run_with(mut self, follow_dlopen: bool) -> DepGraph {
        // The loader object (musl's libc), listed when first referenced.
        let ldso_path = self.ldso_name.clone();
        let present = self.objects.open(self.root, &ldso_path, b"/");
        self.graph.interpreter_present = present.is_ok();
        if let Err(e) = &present {
            self.graph.diagnostics.push(format!(
                "interpreter {} not found in root: {e}",
                String::from_utf8_lossy(&ldso_path)
            ));
        }
        if self.graph.linkage != Linkage::Dynamic {
            return self.graph;
        }
        if let Some(p) = self.env.ld_preload.clone() {
            for name in p
                .split(|c| c.is_ascii_whitespace() || *c == b':')
                .filter(|s| !s.is_empty())
            {
                if self.graph.at_limit() {
                    break;
                }
                self.load(name, None);
            }
        }
        // `load_deps`: walk the list from the head, loading each object's
        // NEEDED in order; new objects are appended (breadth-first).
        let mut i = 0;
        while i < self.graph.search_list.len() {
            let idx = self.graph.search_list[i];
            i += 1;
            let needed = match self.graph.objects[idx].info() {
                Some(info) if Some(idx) != self.graph.interpreter => info.needed.clone(),
                _ => continue,
            };
            for name in needed {
                if self.graph.at_limit() {
                    break;
                }
                self.load(&name, Some(idx));
            }
        }
        // `load_deps`: `error("Error loading shared library %s: %m (needed
        // by %s)")`, printed by musl itself without any prefix.
        for (name, by, why) in &self.failures {
            let mut line = b"Error loading shared library ".to_vec();
            line.extend_from_slice(name);
            line.extend_from_slice(format!(": {why} (needed by ").as_bytes());
            line.extend_from_slice(&self.graph.objects[*by].path);
            line.push(b')');
            self.graph.loader_messages.push(line);
        }
        if follow_dlopen {
            self.follow_dlopen();
        }
        self.graph
    }

    /// The dlopen note edges of every object in the list, in its order.
    /// musl's `dlopen` calls `load_library(file, head)`: whoever calls it,
    /// the search is the main program's (its RUNPATH/RPATH chain), after
    /// the loader's own names and the objects already loaded.
    fn follow_dlopen(&mut self) {
        let order = self.graph.search_list.clone();
        for from in order {
            let Some(info) = self.graph.objects[from].info().cloned() else {
                continue;
            };
            if Some(from) == self.graph.interpreter {
                continue;
            }
            for dep in &info.dlopen {
                if self.graph.dlopen.len() >= super::graph::MAX_GRAPH_EDGES {
                    return;
                }
                let mut edge = DlopenEdge {
                    from,
                    dep: dep.clone(),
                    target: None,
                    tried: Vec::new(),
                    error: None,
                };
                for soname in &dep.sonames {
                    let name = soname.as_bytes();
                    if name.is_empty() {
                        continue;
                    }
                    let is_ldso = reserved_family(name).is_some() || name == self.ldso_name;
                    if is_ldso && self.graph.interpreter.is_none() {
                        let canonical = self
                            .objects
                            .open(self.root, &self.ldso_name, b"/")
                            .map(|(r, _)| r.canonical)
                            .unwrap_or_default();
                        edge.target = Some(DlopenTarget {
                            name: name.to_vec(),
                            loaded: None,
                            path: self.ldso_name.clone(),
                            canonical,
                            via: FoundVia::MuslSelf,
                            hwcaps: None,
                        });
                        break;
                    }
                    let loaded = if is_ldso {
                        self.graph.interpreter
                    } else if !name.contains(&b'/') {
                        self.shortnames
                            .iter()
                            .position(|s| s.as_deref() == Some(name))
                    } else {
                        None
                    };
                    if let Some(idx) = loaded {
                        edge.target = Some(DlopenTarget::loaded(&self.graph, name, idx));
                        break;
                    }
                    let opened = if name.contains(&b'/') {
                        self.open_first(&[(name.to_vec(), FoundVia::Path)], &mut edge.tried)
                    } else if name.len() > NAME_MAX {
                        None
                    } else {
                        let candidates = self.candidates(name, Some(0));
                        self.open_first(&candidates, &mut edge.tried)
                    };
                    let stopped = edge.tried.last().and_then(|c| match &c.rejected {
                        Some(Rejection::Fatal(m)) | Some(Rejection::Unopenable(m)) => {
                            Some(m.clone())
                        }
                        _ => None,
                    });
                    let Some((path, via, canonical, info)) = opened else {
                        if let Some(m) = stopped {
                            edge.error = Some(m);
                            break;
                        }
                        continue;
                    };
                    let existing = self
                        .graph
                        .objects
                        .iter()
                        .position(|o| o.info().is_some_and(|i| i.id == info.id));
                    if let Some(idx) = existing {
                        edge.target = Some(DlopenTarget::loaded(&self.graph, name, idx));
                        break;
                    }
                    if !info.has_dynamic || !info.is_loadable_type() {
                        edge.error = Some("cannot be mapped (not a dynamic object)".into());
                        break;
                    }
                    edge.target = Some(DlopenTarget {
                        name: name.to_vec(),
                        loaded: None,
                        path,
                        canonical,
                        via,
                        hwcaps: None,
                    });
                    break;
                }
                self.graph.dlopen.push(edge);
            }
        }
    }

    fn push_edge(&mut self, from: Option<usize>, name: &[u8], to: usize, reused: bool) {
        self.graph.edges.push(Edge {
            from: from.unwrap_or(0),
            name: name.to_vec(),
            to,
            reused,
        });
    }

    /// The loader object's index, created on first use (`ldso.prev`).
    fn ldso_index(&mut self, name: &[u8]) -> usize {
        if let Some(i) = self.graph.interpreter {
            self.graph.objects[i].names.push(name.to_vec());
            return i;
        }
        let (kind, canonical) = match self.objects.open(self.root, &self.ldso_name, b"/") {
            Ok((r, info)) => (ObjectKind::Loaded(info), r.canonical),
            Err(_) => (ObjectKind::NotFound, Vec::new()),
        };
        let idx = self.graph.objects.len();
        self.graph.objects.push(Object {
            path: self.ldso_name.clone(),
            names: vec![name.to_vec()],
            kind,
            via: FoundVia::MuslSelf,
            hwcaps: None,
            loader: None,
            tried: Vec::new(),
            canonical,
        });
        self.shortnames.push(Some(b"libc.so".to_vec()));
        self.paths.push(None);
        self.graph.interpreter = Some(idx);
        self.graph.search_list.push(idx);
        idx
    }

    /// Records a name that failed to load. A preload (`needed_by` None)
    /// fails silently: `load_preload` ignores `load_library`'s result.
    fn fail(&mut self, name: &[u8], needed_by: Option<usize>, why: &'static str) {
        if let Some(by) = needed_by {
            self.failures.push((name.to_vec(), by, why));
        }
    }

    /// `load_library(name, needed_by)`.
    fn load(&mut self, name: &[u8], needed_by: Option<usize>) {
        if name.is_empty() {
            self.fail(name, needed_by, "Invalid argument");
            return;
        }
        if let Some(family) = reserved_family(name) {
            let first = !self.reported.contains(&family);
            if first {
                self.reported.push(family);
            }
            let idx = self.ldso_index(name);
            self.push_edge(needed_by, name, idx, !first);
            return;
        }
        if name == self.ldso_name.as_slice() {
            let idx = self.ldso_index(name);
            self.push_edge(needed_by, name, idx, true);
            return;
        }
        let mut tried = Vec::new();
        let opened = if name.contains(&b'/') {
            self.open_first(&[(name.to_vec(), FoundVia::Path)], &mut tried)
        } else {
            let loaded = self
                .shortnames
                .iter()
                .position(|s| s.as_deref() == Some(name));
            if let Some(idx) = loaded {
                self.push_edge(needed_by, name, idx, true);
                return;
            }
            if name.len() > NAME_MAX {
                self.fail(name, needed_by, ENOENT_TEXT);
                return;
            }
            let candidates = self.candidates(name, needed_by);
            self.open_first(&candidates, &mut tried)
        };
        let Some((path, via, resolved_canonical, info)) = opened else {
            // The errno `path_open` (or the failed map) left behind.
            let why = match tried.last().and_then(|c| c.rejected.as_ref()) {
                Some(Rejection::Unopenable(m)) if m.starts_with("too many levels") => {
                    "Symbolic link loop"
                }
                Some(Rejection::Fatal(_)) => "Exec format error",
                _ => ENOENT_TEXT,
            };
            self.fail(name, needed_by, why);
            if needed_by.is_none() {
                return;
            }
            let idx = self.graph.objects.len();
            self.graph.objects.push(Object {
                path: name.to_vec(),
                names: vec![name.to_vec()],
                kind: ObjectKind::NotFound,
                via: FoundVia::Path,
                hwcaps: None,
                loader: needed_by,
                tried,
                canonical: Vec::new(),
            });
            self.shortnames.push(None);
            self.paths.push(None);
            self.push_edge(needed_by, name, idx, false);
            return;
        };
        let searched = !name.contains(&b'/');
        // Same file already loaded (by device and inode)?
        if let Some(idx) = self
            .graph
            .objects
            .iter()
            .position(|o| o.info().is_some_and(|i| i.id == info.id))
        {
            if self.shortnames[idx].is_none() && searched {
                self.shortnames[idx] = Some(basename(&self.graph.objects[idx].path).to_vec());
            }
            self.push_edge(needed_by, name, idx, true);
            return;
        }
        // map_library: an object musl cannot map makes this name fail.
        if !info.has_dynamic || !info.is_loadable_type() {
            self.fail(name, needed_by, "Exec format error");
            return;
        }
        let idx = self.graph.objects.len();
        let rpath = musl_object_path(&info, &path);
        self.graph.objects.push(Object {
            path: path.clone(),
            names: vec![name.to_vec()],
            kind: ObjectKind::Loaded(info),
            via,
            hwcaps: None,
            loader: needed_by,
            tried,
            canonical: resolved_canonical,
        });
        self.shortnames
            .push(searched.then(|| basename(&path).to_vec()));
        self.paths.push(rpath);
        self.graph.search_list.push(idx);
        self.push_edge(needed_by, name, idx, false);
    }

    /// Candidate paths in search order.
    fn candidates(&mut self, name: &[u8], needed_by: Option<usize>) -> Vec<(Vec<u8>, FoundVia)> {
        let mut out = Vec::new();
        let join = |elem: &[u8]| {
            let mut p = elem.to_vec();
            p.push(b'/');
            p.extend_from_slice(name);
            p
        };
        if let Some(llp) = &self.env.ld_library_path {
            for e in dst::musl_path_list(llp) {
                out.push((join(&e), FoundVia::LdLibraryPath));
            }
        }
        let mut cur = needed_by;
        let mut seen = Vec::new();
        while let Some(i) = cur {
            if seen.contains(&i) {
                break;
            }
            seen.push(i);
            if let Some((list, is_runpath)) = self.paths.get(i).cloned().flatten() {
                let via = if is_runpath {
                    FoundVia::Runpath { owner: i }
                } else {
                    FoundVia::Rpath { owner: i }
                };
                for e in dst::musl_path_list(&list) {
                    out.push((join(&e), via.clone()));
                }
            }
            cur = self.graph.objects[i].loader;
        }
        if self.sys_path.is_none() {
            self.sys_path = Some(system_path(self.root, &self.ldso_name, self.arch));
        }
        if let Some((sys, via)) = &self.sys_path {
            for e in dst::musl_path_list(sys) {
                out.push((join(&e), via.clone()));
            }
        }
        out
    }

    /// `path_open` over the candidates: the first one that opens is the
    /// answer, whatever it contains.
    #[allow(clippy::type_complexity)]
    fn open_first(
        &mut self,
        candidates: &[(Vec<u8>, FoundVia)],
        tried: &mut Vec<Candidate>,
    ) -> Option<(Vec<u8>, FoundVia, Vec<u8>, Arc<ObjectInfo>)> {
        for (path, via) in candidates {
            if path.len() > 2 * NAME_MAX + 1 {
                continue;
            }
            match self.objects.open(self.root, path, &self.env.cwd) {
                Ok((r, info)) => {
                    tried.push(Candidate {
                        path: path.clone(),
                        via: via.clone(),
                        rejected: None,
                    });
                    return Some((path.clone(), via.clone(), r.canonical, info));
                }
                // `path_open`: ENOENT, ENOTDIR, EACCES, ENAMETOOLONG move on;
                // any other error ends the whole search.
                Err(OpenError::Path(e @ (RootError::TooManySymlinks | RootError::Io(_)))) => {
                    tried.push(Candidate {
                        path: path.clone(),
                        via: via.clone(),
                        rejected: Some(Rejection::Unopenable(e.to_string())),
                    });
                    return None;
                }
                Err(OpenError::Path(_)) => tried.push(Candidate {
                    path: path.clone(),
                    via: via.clone(),
                    rejected: Some(Rejection::Missing),
                }),
                Err(e) => {
                    // The file opens but cannot be mapped: the search stops.
                    tried.push(Candidate {
                        path: path.clone(),
                        via: via.clone(),
                        rejected: Some(Rejection::Fatal(e.to_string())),
                    });
                    return None;
                }
            }
        }
        None
    }
}

/// The path an object contributes to searches (`decode_dyn` keeps DT_RUNPATH
/// if present, else DT_RPATH; `fixup_rpath` expands `$ORIGIN`). The flag is
/// true for DT_RUNPATH. `path` is the object's name (`p->name`).
fn musl_object_path(info: &ObjectInfo, path: &[u8]) -> Option<(Vec<u8>, bool)> {
    let (raw, is_runpath) = match (&info.runpath, &info.rpath) {
        (Some(r), _) => (r, true),
        (None, Some(r)) => (r, false),
        (None, None) => return None,
    };
    // Origin: the object's name up to (not including) its last '/', so
    // `/app` gives the empty origin and `d//app` gives `d/`; `.` without one.
    let origin: &[u8] = match path.iter().rposition(|&b| b == b'/') {
        Some(i) => &path[..i],
        None => b".",
    };
    dst::expand_musl(raw, origin).map(|p| (p, is_runpath))
}
