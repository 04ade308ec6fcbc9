//! `relf bundle`: a program's resolved closure, copied into a directory tree
//! at the paths it has inside its root, so that `chroot DIR PROG` (or
//! `qemu-ARCH -L DIR`) starts it.
//!
//! [`plan`] decides what to copy, reading only through the root (a host
//! directory or a container image): each program, its interpreter, every
//! library the loader finds for it (relf's own glibc or musl rules,
//! glibc-hwcaps as for a baseline CPU, i.e. none), and the libraries its
//! dlopen metadata notes mark `required`, with their own closures. Each path
//! is walked component by component as the kernel walks it, and every
//! symlink met on the way is part of the plan (`/lib -> usr/lib`,
//! `libz.so.1 -> libz.so.1.2.13`), so the copy resolves exactly as the
//! source does. For glibc, the source root's `/etc/ld.so.cache` (when it
//! has one) is cut down to the bundled libraries ([`ldcache`]); for musl,
//! its `etc/ld-musl-ARCH.path` is copied when present.
//!
//! [`write::write`] carries a plan out under a directory; nothing here
//! prints, runs or loads anything.

pub mod ldcache;
pub mod write;

use std::collections::BTreeMap;

use crate::elf::note::DlopenPriority;
use crate::loader::cache::ByteOrder;
use crate::loader::graph::{DepGraph, Flavor};
use crate::loader::root::{
    join, push_components, Root, RootError, MAX_COMPONENTS, MAX_SYMLINK_HOPS,
};
use crate::loader::{LoadError, Loader};

/// What one path of the bundle is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Dir {
        mode: u32,
    },
    /// A symlink, target as stored.
    Symlink {
        target: Vec<u8>,
    },
    /// A regular file copied from the same in-root path of the source.
    File {
        mode: u32,
        size: u64,
    },
    /// A file relf writes (the cut-down ld.so.cache).
    Generated {
        bytes: Vec<u8>,
    },
}

/// Why a file is in the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Program,
    Interpreter,
    Library,
    /// A library a dlopen note marks `required`, or one of its dependencies.
    Dlopen,
    /// musl's `etc/ld-musl-ARCH.path`.
    MuslPath,
    /// The bundle's `etc/ld.so.cache`.
    LdCache,
    /// A directory or symlink on the way to a file.
    Path,
}

impl Role {
    pub fn id(self) -> &'static str {
        match self {
            Role::Program => "program",
            Role::Interpreter => "interpreter",
            Role::Library => "library",
            Role::Dlopen => "dlopen",
            Role::MuslPath => "musl-path",
            Role::LdCache => "ld.so.cache",
            Role::Path => "path",
        }
    }
}

/// One path of the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub node: Node,
    pub role: Role,
}

/// What the bundle does about the loader's configuration files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Config {
    /// An ld.so.cache written at `path` with `entries` entries.
    LdCache { path: Vec<u8>, entries: usize },
    /// The source root has no ld.so.cache: the bundle needs none (the
    /// loader searches the same default directories).
    NoLdCache,
    /// musl's path file copied from the source.
    MuslPath { path: Vec<u8> },
    /// No musl path file in the source: musl's built-in default applies.
    NoMuslPath { path: Vec<u8> },
}

/// Something that keeps the bundle from being complete.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("{program}: {error}")]
    Unresolvable { program: String, error: String },
    #[error("{program}: {name} not found (needed by {by})")]
    Missing {
        program: String,
        name: String,
        by: String,
    },
    #[error("{program}: {name} not found (dlopen note of {by}, priority required)")]
    DlopenMissing {
        program: String,
        name: String,
        by: String,
    },
    #[error("{program}: the loader stops at {path}: {message}")]
    Fatal {
        program: String,
        path: String,
        message: String,
    },
    #[error("{path}: {error}")]
    Unreadable { path: String, error: String },
}

/// What to copy, by canonical in-root path (sorted, so output never
/// depends on the order things were found in).
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub entries: BTreeMap<Vec<u8>, Entry>,
    pub config: Vec<Config>,
    pub problems: Vec<Problem>,
}

impl Plan {
    /// Number of entries of each kind: (dirs, symlinks, files).
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for e in self.entries.values() {
            match e.node {
                Node::Dir { .. } => c.0 += 1,
                Node::Symlink { .. } => c.1 += 1,
                Node::File { .. } | Node::Generated { .. } => c.2 += 1,
            }
        }
        c
    }
}

/// Plans the bundle of `programs` (in-root paths) from the loader's root.
pub fn plan(loader: &Loader, programs: &[Vec<u8>]) -> Plan {
    let root = loader.root();
    let mut p = Planner {
        root,
        plan: Plan::default(),
        closures: Vec::new(),
        pending: Vec::new(),
        cache_order: None,
        glibc: false,
        musl_path_files: Vec::new(),
    };
    for prog in programs {
        let name = String::from_utf8_lossy(prog).into_owned();
        match loader.resolve_with_dlopen(prog) {
            Ok(g) => {
                if let Err(e) = p.walk(prog, Role::Program) {
                    p.unreadable(prog, e);
                    continue;
                }
                p.graph(&name, &g, Role::Library);
                // Required dlopen libraries, and theirs, breadth first.
                while let Some(lib) = p.pending.pop() {
                    if let Ok(sub) = loader.resolve_with_dlopen(&lib) {
                        p.graph(&name, &sub, Role::Dlopen);
                    }
                }
            }
            Err(e) => p.plan.problems.push(Problem::Unresolvable {
                program: name,
                error: load_error_text(&e),
            }),
        }
    }
    p.finish();
    p.plan
}

fn load_error_text(e: &LoadError) -> String {
    e.to_string()
}

struct Planner<'a> {
    root: &'a Root,
    plan: Plan,
    /// Canonical paths whose closure was already planned (dlopen targets).
    closures: Vec<Vec<u8>>,
    /// dlopen targets whose closure is still to plan.
    pending: Vec<Vec<u8>>,
    /// Byte order of the glibc programs, for the cache.
    cache_order: Option<ByteOrder>,
    glibc: bool,
    musl_path_files: Vec<Vec<u8>>,
}

impl Planner<'_> {
    fn unreadable(&mut self, path: &[u8], e: RootError) {
        self.plan.problems.push(Problem::Unreadable {
            path: String::from_utf8_lossy(path).into_owned(),
            error: e.to_string(),
        });
    }

    fn add(&mut self, path: Vec<u8>, node: Node, role: Role) {
        match self.plan.entries.get_mut(&path) {
            // A file first met as a library may also be a program.
            Some(e) => e.role = e.role.min(role),
            None => {
                self.plan.entries.insert(path, Entry { node, role });
            }
        }
    }

    /// Walks `path` inside the root as the kernel does (`Root::resolve`'s
    /// walk), adding every directory, every symlink met and the final file;
    /// returns the canonical path of the file.
    fn walk(&mut self, path: &[u8], role: Role) -> Result<Vec<u8>, RootError> {
        let visited = walk_nodes(self.root, path)?;
        let mut canonical = Vec::new();
        let last = visited.len().saturating_sub(1);
        for (i, (p, node)) in visited.into_iter().enumerate() {
            let r = if i == last { role } else { Role::Path };
            if i == last {
                canonical = p.clone();
            }
            self.add(p, node, r);
        }
        Ok(canonical)
    }

    /// Everything `g` loads; its required dlopen libraries are walked and
    /// queued for their own closure.
    fn graph(&mut self, program: &str, g: &DepGraph, role: Role) {
        let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        if let Some(interp) = g.objects[0].info().and_then(|i| i.interpreter.clone()) {
            if let Err(e) = self.walk(&interp, Role::Interpreter) {
                self.unreadable(&interp, e);
            }
        }
        for (i, o) in g.objects.iter().enumerate().skip(1) {
            if !o.is_found() {
                continue;
            }
            let r = if Some(i) == g.interpreter {
                Role::Interpreter
            } else {
                role
            };
            if let Err(e) = self.walk(&o.path, r) {
                self.unreadable(&o.path, e);
            }
        }
        for (edge, _) in g.missing() {
            self.plan.problems.push(Problem::Missing {
                program: program.to_string(),
                name: lossy(&edge.name),
                by: lossy(&g.objects[edge.from].path),
            });
        }
        if let Some((path, message)) = &g.fatal {
            self.plan.problems.push(Problem::Fatal {
                program: program.to_string(),
                path: lossy(path),
                message: message.clone(),
            });
        }
        match g.flavor {
            Flavor::Glibc => {
                self.glibc = true;
                self.cache_order.get_or_insert(if g.arch.big_endian {
                    ByteOrder::Big
                } else {
                    ByteOrder::Little
                });
            }
            Flavor::Musl => {
                let ldso = g.objects[0]
                    .info()
                    .and_then(|i| i.interpreter.clone())
                    .unwrap_or_else(|| g.arch.musl_interp().into_bytes());
                let file = crate::loader::musl_path::path_file_name(&ldso, g.arch.musl_arch);
                if !self.musl_path_files.contains(&file) {
                    self.musl_path_files.push(file);
                }
            }
        }
        for d in &g.dlopen {
            if d.dep.priority != DlopenPriority::Required {
                continue;
            }
            let Some(t) = &d.target else {
                self.plan.problems.push(Problem::DlopenMissing {
                    program: program.to_string(),
                    name: d.dep.sonames.join(" | "),
                    by: lossy(&g.objects[d.from].path),
                });
                continue;
            };
            if t.loaded.is_some() || self.closures.contains(&t.canonical) {
                continue;
            }
            self.closures.push(t.canonical.clone());
            if let Err(e) = self.walk(&t.path, Role::Dlopen) {
                self.unreadable(&t.path, e);
                continue;
            }
            // As many closures as one graph may hold objects.
            if self.closures.len() <= crate::loader::graph::MAX_GRAPH_OBJECTS {
                self.pending.push(t.path.clone());
            }
        }
    }

    /// The loader configuration files.
    fn finish(&mut self) {
        for file in std::mem::take(&mut self.musl_path_files) {
            match self.root.metadata(&file, b"/") {
                Ok((_, m)) if m.is_file() => {
                    if let Err(e) = self.walk(&file, Role::MuslPath) {
                        self.unreadable(&file, e);
                    }
                    self.plan.config.push(Config::MuslPath { path: file });
                }
                _ => self.plan.config.push(Config::NoMuslPath { path: file }),
            }
        }
        if !self.glibc {
            return;
        }
        let order = self.cache_order.unwrap_or(ByteOrder::Little);
        let Ok(source) = self
            .root
            .read(b"/etc/ld.so.cache", crate::loader::ldcache::MAX_CACHE_BYTES)
        else {
            self.plan.config.push(Config::NoLdCache);
            return;
        };
        // Keep an entry when its whole path is in the bundle already.
        let entries = {
            let root = self.root;
            let planned = &self.plan.entries;
            ldcache::filtered_entries(&source, order, &mut |value| {
                walk_nodes(root, value).is_ok_and(|nodes| {
                    nodes
                        .iter()
                        .all(|(p, n)| planned.get(p).is_some_and(|e| same_kind(&e.node, n)))
                })
            })
        };
        let Some(entries) = entries else {
            self.plan.config.push(Config::NoLdCache);
            return;
        };
        let etc = match walk_nodes(self.root, b"/etc") {
            Ok(nodes) => {
                let canonical = nodes.last().map(|(p, _)| p.clone()).unwrap_or_default();
                for (p, n) in nodes {
                    self.add(p, n, Role::Path);
                }
                canonical
            }
            Err(_) => {
                self.add(b"/etc".to_vec(), Node::Dir { mode: 0o755 }, Role::Path);
                b"/etc".to_vec()
            }
        };
        let mut path = etc;
        path.extend_from_slice(b"/ld.so.cache");
        let bytes = ldcache::write_new_format(&entries, order, ldcache::GENERATOR);
        self.plan.config.push(Config::LdCache {
            path: path.clone(),
            entries: entries.len(),
        });
        self.add(path, Node::Generated { bytes }, Role::LdCache);
    }
}

fn same_kind(a: &Node, b: &Node) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// The nodes the kernel meets resolving `path` (absolute, in-root): each
/// directory, each symlink (with its target) and the final file, in order,
/// by canonical path. Same walk as `Root::resolve`.
pub fn walk_nodes(root: &Root, path: &[u8]) -> Result<Vec<(Vec<u8>, Node)>, RootError> {
    let fs = root.fs();
    let mut out = Vec::new();
    let mut done: Vec<Vec<u8>> = Vec::new();
    let mut pending: Vec<Vec<u8>> = components(path);
    pending.reverse();
    let mut hops = 0;
    while let Some(comp) = pending.pop() {
        if comp == b"." {
            continue;
        }
        if comp == b".." {
            done.pop();
            continue;
        }
        done.push(comp);
        let here = join(&done);
        let meta = fs.lstat(&here)?;
        if meta.is_symlink() {
            hops += 1;
            if hops > MAX_SYMLINK_HOPS {
                return Err(RootError::TooManySymlinks);
            }
            let target = fs.read_link(&here)?;
            out.push((
                here,
                Node::Symlink {
                    target: target.clone(),
                },
            ));
            done.pop();
            if target.starts_with(b"/") {
                done.clear();
            }
            let parts = components(&target);
            if parts.len() + pending.len() > MAX_COMPONENTS {
                return Err(RootError::TooLong);
            }
            pending.extend(parts.into_iter().rev());
        } else if meta.is_dir() {
            out.push((
                here,
                Node::Dir {
                    mode: meta.mode & 0o7777,
                },
            ));
        } else if !pending.is_empty() {
            return Err(RootError::NotADirectory);
        } else if meta.is_file() {
            out.push((
                here,
                Node::File {
                    mode: meta.mode & 0o7777,
                    size: meta.size,
                },
            ));
        } else {
            return Err(RootError::Io("not a regular file".into()));
        }
    }
    Ok(out)
}

fn components(path: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    push_components(&mut out, path);
    out
}
