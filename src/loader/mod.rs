//! Model + file source + loader environment -> dependency graph.
//!
//! [`Loader::resolve`] computes, for one ELF file inside a [`Root`], the
//! objects the dynamic loader would load and in which order, and how each
//! was found, by re-implementing the search rules of glibc's ld.so and of
//! musl's loader (shared/spec/loader-rules.md). Nothing is executed or
//! mapped for execution. The loader's environment (LD_LIBRARY_PATH,
//! LD_PRELOAD, platform, hwcaps level) is passed in as values: the library
//! never reads the process environment.

pub mod arch;
pub mod binding;
pub mod cache;
pub mod conf;
pub mod direct_run;
pub mod dst;
pub mod glibc;
pub mod graph;
pub mod ldcache;
pub mod musl;
pub mod musl_path;
pub mod object;
pub mod root;

use arch::Arch;
use graph::{DepGraph, Flavor, FoundVia};
use object::{ObjectCache, OpenError};
use root::Root;

/// How `$ORIGIN` of the main program is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OriginMode {
    /// As when the program really runs: the directory of the executable
    /// with symlinks resolved (glibc elf/dl-origin.c `_dl_get_origin` and
    /// musl's `fixup_rpath` read `/proc/self/exe`). The default: `relf
    /// audit` and `relf info` describe programs as they run.
    #[default]
    Run,
    /// As glibc ≤ 2.41's ldd (and musl's) computes it: from the path as
    /// given, `.` and `..` kept (glibc elf/dl-object.c `_dl_new_object` on
    /// the name `ld.so --list` maps; musl `fixup_rpath` on `p->name`).
    /// What `relf ldd` uses by default.
    Ldd,
}

/// The loader's environment, as values.
#[derive(Debug, Clone, Default)]
pub struct LoaderEnv {
    /// LD_LIBRARY_PATH.
    pub ld_library_path: Option<Vec<u8>>,
    /// LD_PRELOAD.
    pub ld_preload: Option<Vec<u8>>,
    /// `$PLATFORM` (AT_PLATFORM); the arch's usual value when `None`.
    pub platform: Option<Vec<u8>>,
    /// glibc-hwcaps level to probe (e.g. `x86-64-v3`); none by default.
    pub hwcaps: Option<String>,
    /// Working directory inside the root, for relative names (absolute).
    pub cwd: Vec<u8>,
    pub origin: OriginMode,
    /// Read `/etc/ld.so.preload` in the root (glibc).
    pub use_preload_file: bool,
}

/// Where glibc's loader looks a name up after the per-object paths:
/// /etc/ld.so.cache, or an emulation of it.
pub trait LibraryCache: Send + Sync {
    /// The path the cache gives for `name`, for a loader of `arch` probing
    /// the glibc-hwcaps subdirectories `hwcaps` (highest priority first).
    fn lookup(&self, name: &[u8], arch: &Arch, hwcaps: &[&str]) -> Option<(Vec<u8>, FoundVia)>;
}

/// No cache at all.
#[derive(Debug, Default)]
pub struct NoCache;

impl LibraryCache for NoCache {
    fn lookup(&self, _: &[u8], _: &Arch, _: &[&str]) -> Option<(Vec<u8>, FoundVia)> {
        None
    }
}

/// Why a file could not be resolved at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}")]
    Open(String),
    #[error("unsupported architecture (e_machine {machine}, {class}-bit)")]
    UnknownArch { machine: u16, class: u8 },
}

/// Resolves files inside one root, sharing parsed objects between them.
///
/// A `Loader` is `Sync`: [`Loader::resolve_shared`] may run on many threads
/// at once over one shared [`ObjectCache`] and one ld.so.cache.
pub struct Loader {
    root: Root,
    env: LoaderEnv,
    objects: ObjectCache,
    glibc_cache: std::sync::OnceLock<Box<dyn LibraryCache>>,
}

impl std::fmt::Debug for Loader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loader")
            .field("root", &self.root)
            .field("env", &self.env)
            .field("objects", &self.objects.len())
            .finish()
    }
}

impl Loader {
    pub fn new(root: Root, env: LoaderEnv) -> Loader {
        Loader {
            root,
            env,
            objects: ObjectCache::new(),
            glibc_cache: std::sync::OnceLock::new(),
        }
    }

    pub fn root(&self) -> &Root {
        &self.root
    }

    pub fn env(&self) -> &LoaderEnv {
        &self.env
    }

    /// Number of distinct files parsed so far.
    pub fn parsed_objects(&self) -> usize {
        self.objects.len()
    }

    /// The parsed objects, shared by every resolution of this loader.
    pub fn objects(&self) -> &ObjectCache {
        &self.objects
    }

    fn glibc_cache(&self) -> &dyn LibraryCache {
        self.glibc_cache
            .get_or_init(|| ldcache::for_root(&self.root))
            .as_ref()
    }

    /// Resolves the dependencies of `path` (inside the root; relative to
    /// the environment's working directory).
    pub fn resolve(&mut self, path: &[u8]) -> Result<DepGraph, LoadError> {
        self.resolve_shared(path)
    }

    /// [`Loader::resolve`] through a shared reference, for callers that
    /// resolve many files on several threads.
    pub fn resolve_shared(&self, path: &[u8]) -> Result<DepGraph, LoadError> {
        self.resolve_inner(path, false)
    }

    /// [`Loader::resolve_shared`], then the libraries the dlopen metadata
    /// notes of every loaded object name ([`DepGraph::dlopen`]), each
    /// resolved as that `dlopen()` would be right after start-up: glibc
    /// searches from the calling object (elf/dl-open.c `dl_open_worker_begin`
    /// calls `_dl_map_object` with the caller's map), musl from the main
    /// program (ldso/dynlink.c `dlopen`: `load_library(file, head)`).
    pub fn resolve_with_dlopen(&self, path: &[u8]) -> Result<DepGraph, LoadError> {
        self.resolve_inner(path, true)
    }

    fn resolve_inner(&self, path: &[u8], follow_dlopen: bool) -> Result<DepGraph, LoadError> {
        let (resolved, info) = self
            .objects
            .open(&self.root, path, &self.env.cwd)
            .map_err(|e| LoadError::Open(open_message(&e)))?;
        let arch =
            Arch::of(&info.header, info.interpreter.as_deref()).ok_or(LoadError::UnknownArch {
                machine: info.header.e_machine,
                class: if info.header.is_64() { 64 } else { 32 },
            })?;
        match flavor_of(&info) {
            Flavor::Glibc => Ok(glibc::GlibcResolver::new(
                &self.root,
                &self.env,
                &self.objects,
                self.glibc_cache(),
                arch,
                path,
                resolved.canonical,
                info,
            )
            .run_with(follow_dlopen)),
            Flavor::Musl => Ok(musl::MuslResolver::new(
                &self.root,
                &self.env,
                &self.objects,
                arch,
                path,
                resolved.canonical,
                info,
            )
            .run_with(follow_dlopen)),
        }
    }
}

fn open_message(e: &OpenError) -> String {
    match e {
        OpenError::Path(root::RootError::NotFound) => "no such file".into(),
        OpenError::NotRegular => "not a regular file".into(),
        other => other.to_string(),
    }
}

/// glibc or musl rules, from the binary itself: its interpreter, or for a
/// library without one, whether it needs musl's libc.
pub fn flavor_of(info: &object::ObjectInfo) -> Flavor {
    if let Some(interp) = &info.interpreter {
        return if contains(interp, b"ld-musl-") {
            Flavor::Musl
        } else {
            Flavor::Glibc
        };
    }
    let musl_libc = info
        .needed
        .iter()
        .any(|n| n == b"libc.so" || n.starts_with(b"libc.musl-"));
    if musl_libc {
        Flavor::Musl
    } else {
        Flavor::Glibc
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
