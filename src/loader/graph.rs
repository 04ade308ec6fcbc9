//! The resolved dependency graph: every object the loader would have in its
//! list, in creation order, with how each was found and which candidates
//! were rejected on the way. Nodes live in a `Vec` (load order), so output
//! never depends on hashing.

use std::sync::Arc;

use super::arch::Arch;
use super::object::ObjectInfo;
use crate::elf::note::DlopenDep;

/// Which loader's rules were applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Flavor {
    Glibc,
    Musl,
}

/// How a library was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FoundVia {
    /// The file given on the command line.
    Main,
    /// The program interpreter (preloaded by the loader itself).
    Interpreter,
    /// A NEEDED name containing `/`, opened as a path.
    Path,
    /// DT_RPATH of the object at this index (glibc: the loader chain).
    Rpath {
        owner: usize,
    },
    /// DT_RUNPATH of the object at this index (musl inherits it).
    Runpath {
        owner: usize,
    },
    LdLibraryPath,
    LdSoCache,
    /// ld.so.conf directories, when the root has no ld.so.cache.
    LdSoConf,
    DefaultPath,
    /// musl's `<prefix>/etc/ld-musl-ARCH.path`.
    MuslPathFile,
    /// musl's built-in `/lib:/usr/local/lib:/usr/lib`.
    MuslDefault,
    /// A name musl maps to itself (libc.so, libpthread.so.0, ...).
    MuslSelf,
    /// LD_PRELOAD or /etc/ld.so.preload.
    Preload,
}

/// Why a candidate path was passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    Missing,
    NotRegular,
    WrongClass,
    WrongMachine,
    WrongData,
    /// The file exists but cannot be opened (ELOOP, ...): glibc abandons the
    /// rest of the directory list, musl the whole search.
    Unopenable(String),
    /// The loader stops here with an error (glibc `open_verify` fatal cases).
    Fatal(String),
}

/// One path tried while resolving a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: Vec<u8>,
    pub via: FoundVia,
    /// `None` when this candidate was accepted.
    pub rejected: Option<Rejection>,
}

/// What an object in the list is.
#[derive(Debug, Clone)]
pub enum ObjectKind {
    Loaded(Arc<ObjectInfo>),
    /// A name that could not be found (glibc's "faked" map).
    NotFound,
}

#[derive(Debug, Clone)]
pub struct Object {
    /// The path the loader opened (`l_name`), as it would print it.
    pub path: Vec<u8>,
    /// Names this object was requested under, first one first.
    pub names: Vec<Vec<u8>>,
    pub kind: ObjectKind,
    pub via: FoundVia,
    /// glibc-hwcaps subdirectory the file was found in, if any.
    pub hwcaps: Option<String>,
    /// The object that first caused the load (`l_loader`).
    pub loader: Option<usize>,
    /// Every candidate tried for the first request, in order.
    pub tried: Vec<Candidate>,
    /// Canonical in-root path of the file.
    pub canonical: Vec<u8>,
}

impl Object {
    pub fn info(&self) -> Option<&Arc<ObjectInfo>> {
        match &self.kind {
            ObjectKind::Loaded(i) => Some(i),
            ObjectKind::NotFound => None,
        }
    }

    pub fn is_found(&self) -> bool {
        matches!(self.kind, ObjectKind::Loaded(_))
    }

    pub fn soname(&self) -> Option<&[u8]> {
        self.info().and_then(|i| i.soname.as_deref())
    }
}

/// One DT_NEEDED (or preload) request and what it resolved to.
#[derive(Debug, Clone)]
pub struct Edge {
    pub from: usize,
    pub name: Vec<u8>,
    /// Index of the object (a NotFound placeholder when not found).
    pub to: usize,
    /// True when the name matched an object already loaded.
    pub reused: bool,
}

/// A library named by a dlopen metadata note (`.note.dlopen`) of an object
/// in the list: a weak edge, resolved as that object's `dlopen()` would
/// resolve it right after start-up, and never part of what ldd lists.
#[derive(Debug, Clone)]
pub struct DlopenEdge {
    /// The object whose note names the library.
    pub from: usize,
    pub dep: DlopenDep,
    /// The first of `dep.sonames` that resolves, and where.
    pub target: Option<DlopenTarget>,
    /// Every candidate tried, over all the names, in order.
    pub tried: Vec<Candidate>,
    /// An error that makes this `dlopen()` fail (glibc's fatal `open_verify`
    /// cases, musl's unmappable files); the search stopped there.
    pub error: Option<String>,
}

/// Where a dlopen note's library resolves.
#[derive(Debug, Clone)]
pub struct DlopenTarget {
    /// The name (of the record's alternatives) that resolved.
    pub name: Vec<u8>,
    /// The object's index when it is already in the start-up list.
    pub loaded: Option<usize>,
    /// The path the loader would open (`l_name`).
    pub path: Vec<u8>,
    /// Canonical in-root path of the file.
    pub canonical: Vec<u8>,
    pub via: FoundVia,
    pub hwcaps: Option<String>,
}

impl DlopenTarget {
    /// `name` resolved to object `idx` of the start-up list.
    pub fn loaded(graph: &DepGraph, name: &[u8], idx: usize) -> DlopenTarget {
        let o = &graph.objects[idx];
        DlopenTarget {
            name: name.to_vec(),
            loaded: Some(idx),
            path: o.path.clone(),
            canonical: o.canonical.clone(),
            via: o.via.clone(),
            hwcaps: o.hwcaps.clone(),
        }
    }
}

impl DlopenEdge {
    /// True when no name of the record resolves (or the load fails).
    pub fn is_missing(&self) -> bool {
        self.target.is_none()
    }
}

/// Whether the file has dependencies to list at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Linkage {
    /// No PT_DYNAMIC, or not a loadable type: ldd says "not a dynamic executable".
    NotDynamic,
    /// PT_DYNAMIC but no DT_NEEDED: ldd says "statically linked".
    NoDependencies,
    Dynamic,
}

#[derive(Debug, Clone)]
pub struct DepGraph {
    pub flavor: Flavor,
    pub arch: &'static Arch,
    pub linkage: Linkage,
    /// Index 0 is the main object; then creation order (glibc: interpreter
    /// at index 1 when present).
    pub objects: Vec<Object>,
    /// The loader's search list (BFS order of found objects).
    pub search_list: Vec<usize>,
    pub edges: Vec<Edge>,
    /// dlopen note edges, when the resolution was asked to follow them
    /// ([`crate::loader::Loader::resolve_with_dlopen`]); empty otherwise.
    pub dlopen: Vec<DlopenEdge>,
    /// Index of the interpreter object (glibc) or the musl loader.
    pub interpreter: Option<usize>,
    /// The interpreter path exists in the root.
    pub interpreter_present: bool,
    /// A load error that stops the loader (glibc prints only this).
    pub fatal: Option<(Vec<u8>, String)>,
    /// The resolution stopped at [`MAX_GRAPH_OBJECTS`] or
    /// [`MAX_GRAPH_EDGES`]: the graph is incomplete.
    pub limit_exceeded: Option<GraphLimit>,
    pub diagnostics: Vec<String>,
    /// Lines the real loader itself prints while listing, verbatim (glibc
    /// rtld.c `do_preload`: `ERROR: ld.so: object ... ignored.`; musl
    /// `load_deps`: `Error loading shared library ...`).
    pub loader_messages: Vec<Vec<u8>>,
}

/// Most objects (found or not) one resolution holds. glibc has no limit but
/// memory; the largest real programs load a few hundred objects, while a
/// hostile root can chain libraries, or name missing ones, without end.
pub const MAX_GRAPH_OBJECTS: usize = 4096;

/// Most `DT_NEEDED` names followed in one resolution (each object's list is
/// walked once, but a name can be any length and a list any size).
pub const MAX_GRAPH_EDGES: usize = 1 << 16;

/// Which graph size limit stopped a resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GraphLimit {
    #[error("dependency graph has more than {MAX_GRAPH_OBJECTS} objects, relf's limit; resolution stopped there")]
    Objects,
    #[error("dependency graph has more than {MAX_GRAPH_EDGES} DT_NEEDED entries, relf's limit; resolution stopped there")]
    Edges,
}

impl Linkage {
    /// What a loader makes of the file given to it: no PT_DYNAMIC with
    /// contents, no PT_LOAD or not ET_EXEC/ET_DYN -> not dynamic; no
    /// DT_NEEDED -> nothing to list.
    pub fn of(main: &ObjectInfo) -> Linkage {
        if !main.has_dynamic || !main.has_load || !main.is_loadable_type() {
            Linkage::NotDynamic
        } else if main.needed.is_empty() {
            Linkage::NoDependencies
        } else {
            Linkage::Dynamic
        }
    }
}

impl DepGraph {
    /// A graph holding only the main object, before any search.
    pub fn for_main(
        flavor: Flavor,
        arch: &'static Arch,
        main_path: &[u8],
        main_canonical: Vec<u8>,
        main: Arc<ObjectInfo>,
    ) -> DepGraph {
        DepGraph {
            flavor,
            arch,
            linkage: Linkage::of(&main),
            objects: vec![Object {
                path: main_path.to_vec(),
                names: Vec::new(),
                kind: ObjectKind::Loaded(main),
                via: FoundVia::Main,
                hwcaps: None,
                loader: None,
                tried: Vec::new(),
                canonical: main_canonical,
            }],
            search_list: vec![0],
            edges: Vec::new(),
            dlopen: Vec::new(),
            interpreter: None,
            interpreter_present: false,
            fatal: None,
            limit_exceeded: None,
            diagnostics: Vec::new(),
            loader_messages: Vec::new(),
        }
    }

    /// True once the graph has reached a size limit (recording which the
    /// first time): the resolvers check it before following another name.
    pub fn at_limit(&mut self) -> bool {
        if self.limit_exceeded.is_none() {
            if self.objects.len() >= MAX_GRAPH_OBJECTS {
                self.limit_exceeded = Some(GraphLimit::Objects);
            } else if self.edges.len() >= MAX_GRAPH_EDGES {
                self.limit_exceeded = Some(GraphLimit::Edges);
            }
        }
        self.limit_exceeded.is_some()
    }

    /// Names that could not be found, with the object that needed them.
    pub fn missing(&self) -> impl Iterator<Item = (&Edge, &Object)> {
        self.edges.iter().filter_map(|e| {
            let o = &self.objects[e.to];
            (!o.is_found()).then_some((e, o))
        })
    }
}
