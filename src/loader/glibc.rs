//! glibc's library search, statically (shared/spec/loader-rules.md §1).
//!
//! For every DT_NEEDED of every object in breadth-first order
//! (`_dl_map_object_deps`, elf/dl-deps.c), a name is resolved as
//! `_dl_map_object` / `_dl_map_new_object` (elf/dl-load.c) does:
//! 1. an object already loaded under that name, path or SONAME is reused;
//! 2. a name with `/` is opened as a path (relative to the working directory);
//! 3. otherwise: DT_RPATH of the requester and of its loader chain (only when
//!    the requester has no DT_RUNPATH), LD_LIBRARY_PATH, the requester's
//!    DT_RUNPATH, /etc/ld.so.cache, the system directories (the last two
//!    skipped or filtered under DF_1_NODEFLIB), each directory tried with its
//!    glibc-hwcaps subdirectories first;
//! 4. each candidate is checked like `open_verify`: wrong class or machine is
//!    skipped, other defects stop the loader; an accepted file already loaded
//!    under another name (same device and inode) is reused.

use std::sync::Arc;

use super::arch::Arch;
use super::dst::{self, SearchDir, Tokens};
use super::graph::{
    Candidate, DepGraph, DlopenEdge, DlopenTarget, Edge, Flavor, FoundVia, Linkage, Object,
    ObjectKind, Rejection,
};
use super::object::{ObjectCache, ObjectInfo, OpenError};
use super::root::{basename, dirname, Root, RootError};
use super::{LibraryCache, LoaderEnv, OriginMode};
use crate::elf::ElfError;

const ELFOSABI_SYSV: u8 = 0;
const ELFOSABI_GNU: u8 = 3;
/// glibc's LIBC_ABI_MAX (elf/libc-abis.h): GNU ABI versions below it are valid.
const LIBC_ABI_MAX: u8 = 4;

/// The system-directory layout of a glibc root.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Compiled-in default directories (`SYSTEM_DIRS`).
    pub system_dirs: Vec<Vec<u8>>,
    /// `$LIB`.
    pub lib: Vec<u8>,
    /// Debian multiarch layout (true) or upstream (false).
    pub multiarch: bool,
}

impl Layout {
    /// Debian/Ubuntu patch the loader for multiarch; everything else uses
    /// the upstream layout (spec §1.7). Detected from the root itself.
    pub fn detect(root: &Root, arch: &Arch) -> Layout {
        let t = arch.triplet;
        let conf = format!("/etc/ld.so.conf.d/{t}.conf");
        let dir = format!("/lib/{t}");
        let usr_dir = format!("/usr/lib/{t}");
        let multiarch = root.resolve(conf.as_bytes(), b"/").is_ok()
            || root.resolve(dir.as_bytes(), b"/").is_ok()
            || root.resolve(usr_dir.as_bytes(), b"/").is_ok();
        if multiarch {
            Layout {
                system_dirs: vec![
                    dir.into_bytes(),
                    usr_dir.into_bytes(),
                    b"/lib".to_vec(),
                    b"/usr/lib".to_vec(),
                ],
                lib: format!("lib/{t}").into_bytes(),
                multiarch,
            }
        } else {
            Layout {
                system_dirs: arch
                    .upstream_dirs
                    .iter()
                    .map(|d| d.as_bytes().to_vec())
                    .collect(),
                lib: arch.upstream_lib.as_bytes().to_vec(),
                multiarch,
            }
        }
    }

    /// Whether `path` lies in a system directory (prefix compare with the
    /// trailing `/`, as `_dl_map_new_object` does for DF_1_NODEFLIB).
    fn in_system_dir(&self, path: &[u8]) -> bool {
        self.system_dirs
            .iter()
            .any(|d| path.len() > d.len() && path.starts_with(d) && path[d.len()] == b'/')
    }
}

/// One glibc resolution run over one main object.
#[allow(missing_debug_implementations)] // holds a `dyn LibraryCache`
pub struct GlibcResolver<'a> {
    root: &'a Root,
    env: &'a LoaderEnv,
    objects: &'a ObjectCache,
    cache: &'a dyn LibraryCache,
    arch: &'static Arch,
    layout: Layout,
    platform: Vec<u8>,
    hwcaps: Vec<&'static str>,
    graph: DepGraph,
    /// `$ORIGIN` of each object, by index.
    origins: Vec<Option<Vec<u8>>>,
}

impl<'a> GlibcResolver<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        root: &'a Root,
        env: &'a LoaderEnv,
        objects: &'a ObjectCache,
        cache: &'a dyn LibraryCache,
        arch: &'static Arch,
        main_path: &[u8],
        main_canonical: Vec<u8>,
        main: Arc<ObjectInfo>,
    ) -> GlibcResolver<'a> {
        let layout = Layout::detect(root, arch);
        let platform = env
            .platform
            .clone()
            .unwrap_or_else(|| arch.platform.as_bytes().to_vec());
        let hwcaps = active_hwcaps(arch, env.hwcaps.as_deref());
        let origin = match env.origin {
            OriginMode::Run => Some(dirname(&main_canonical).to_vec()),
            OriginMode::Ldd => Some(ldd_origin(main_path, &env.cwd)),
        };
        let graph = DepGraph::for_main(Flavor::Glibc, arch, main_path, main_canonical, main);
        GlibcResolver {
            root,
            env,
            objects,
            cache,
            arch,
            layout,
            platform,
            hwcaps,
            graph,
            origins: vec![origin],
        }
    }

    /// Runs the whole resolution.
    pub fn run(self) -> DepGraph {
        self.run_with(false)
    }

    /// Runs the whole resolution, then, with `follow_dlopen`, the dlopen
    /// note edges ([`DepGraph::dlopen`]).
    pub fn run_with(mut self, follow_dlopen: bool) -> DepGraph {
        if self.graph.linkage != Linkage::Dynamic {
            return self.graph;
        }
        self.add_interpreter();
        for (name, from) in self.preload_names() {
            if self.graph.fatal.is_some() || self.graph.at_limit() {
                break;
            }
            if let Some(idx) = self.resolve(&name, 0, Some(from)) {
                if !self.graph.search_list.contains(&idx) && self.graph.objects[idx].is_found() {
                    self.graph.search_list.push(idx);
                }
            }
        }
        let mut next = 0;
        while next < self.graph.search_list.len() && self.graph.fatal.is_none() {
            let requester = self.graph.search_list[next];
            next += 1;
            let needed = match self.graph.objects[requester].info() {
                Some(info) => info.needed.clone(),
                None => continue,
            };
            for raw in needed {
                if self.graph.fatal.is_some() || self.graph.at_limit() {
                    break;
                }
                let Some(name) = self.expand_needed(&raw, requester) else {
                    self.graph.diagnostics.push(format!(
                        "{}: empty dynamic string token substitution in NEEDED {}",
                        String::from_utf8_lossy(&self.graph.objects[requester].path),
                        String::from_utf8_lossy(&raw)
                    ));
                    continue;
                };
                if let Some(idx) = self.resolve(&name, requester, None) {
                    if self.graph.objects[idx].is_found() && !self.graph.search_list.contains(&idx)
                    {
                        self.graph.search_list.push(idx);
                    }
                }
            }
        }
        if follow_dlopen && self.graph.fatal.is_none() {
            self.follow_dlopen();
        }
        self.graph
    }

    /// The dlopen note edges of every object in the search list, in its
    /// order: each record's names in turn, looked up as `_dl_map_object`
    /// looks up a name for the calling object (an object already loaded
    /// under it, else the search of a DT_NEEDED of that object). The
    /// start-up graph is left as it is.
    fn follow_dlopen(&mut self) {
        let order = self.graph.search_list.clone();
        for requester in order {
            let Some(info) = self.graph.objects[requester].info().cloned() else {
                continue;
            };
            for dep in &info.dlopen {
                if self.graph.dlopen.len() >= super::graph::MAX_GRAPH_EDGES {
                    return;
                }
                let mut edge = DlopenEdge {
                    from: requester,
                    dep: dep.clone(),
                    target: None,
                    tried: Vec::new(),
                    error: None,
                };
                for soname in &dep.sonames {
                    let Some(name) = self.expand_needed(soname.as_bytes(), requester) else {
                        continue;
                    };
                    if let Some(idx) = self.already_loaded(&name) {
                        edge.target = Some(DlopenTarget::loaded(&self.graph, &name, idx));
                        break;
                    }
                    let found = if name.contains(&b'/') {
                        self.try_candidate(name.clone(), FoundVia::Path, None, &mut edge.tried)
                    } else {
                        self.search(&name, requester, &mut edge.tried)
                    };
                    match found {
                        Err(message) => {
                            edge.error = Some(message);
                            break;
                        }
                        Ok(None) => {}
                        Ok(Some(hit)) => {
                            let existing = self.graph.objects.iter().position(|o| {
                                o.info().is_some_and(|i| i.id == hit.info.id)
                                    && o.via != FoundVia::Main
                            });
                            edge.target = Some(match existing {
                                Some(idx) => DlopenTarget::loaded(&self.graph, &name, idx),
                                None => DlopenTarget {
                                    name,
                                    loaded: None,
                                    path: hit.path,
                                    canonical: hit.canonical,
                                    via: hit.via,
                                    hwcaps: hit.hwcaps,
                                },
                            });
                            break;
                        }
                    }
                }
                self.graph.dlopen.push(edge);
            }
        }
    }

    /// The interpreter is mapped before any dependency; its names are the
    /// executable's PT_INTERP string and its SONAME (`dl_main`, elf/rtld.c).
    fn add_interpreter(&mut self) {
        let path = self.arch.glibc_interp.as_bytes().to_vec();
        let main_interp = self.graph.objects[0]
            .info()
            .and_then(|i| i.interpreter.clone());
        let mut names = Vec::new();
        if let Some(i) = main_interp {
            names.push(i);
        }
        let (kind, canonical) = match self.objects.open(self.root, &path, b"/") {
            Ok((resolved, info)) => {
                self.graph.interpreter_present = true;
                if let Some(s) = &info.soname {
                    names.push(s.clone());
                }
                (ObjectKind::Loaded(info), resolved.canonical)
            }
            Err(e) => {
                self.graph.diagnostics.push(format!(
                    "interpreter {} not found in root: {e}",
                    String::from_utf8_lossy(&path)
                ));
                (ObjectKind::NotFound, Vec::new())
            }
        };
        let idx = self.graph.objects.len();
        let origin = Some(dirname(&path).to_vec());
        self.graph.objects.push(Object {
            path,
            names,
            kind,
            via: FoundVia::Interpreter,
            hwcaps: None,
            loader: None,
            tried: Vec::new(),
            canonical,
        });
        self.origins.push(origin);
        self.graph.interpreter = Some(idx);
    }

    /// LD_PRELOAD (space or `:` separated), then /etc/ld.so.preload in the
    /// root (`#` comments; space, TAB, newline or `:` separated), each with
    /// where it came from as `do_preload` (elf/rtld.c) names it.
    fn preload_names(&self) -> Vec<(Vec<u8>, &'static str)> {
        let mut names = Vec::new();
        if let Some(p) = &self.env.ld_preload {
            names.extend(
                p.split(|&c| c == b' ' || c == b':')
                    .filter(|s| !s.is_empty())
                    .map(|s| (s.to_vec(), "LD_PRELOAD")),
            );
        }
        if self.env.use_preload_file {
            if let Ok(text) = self.root.read(b"/etc/ld.so.preload", 1 << 20) {
                for line in text.split(|&c| c == b'\n') {
                    let line = line.split(|&c| c == b'#').next().unwrap_or(b"");
                    names.extend(
                        line.split(|&c| c == b' ' || c == b'\t' || c == b':')
                            .filter(|s| !s.is_empty())
                            .map(|s| (s.to_vec(), "/etc/ld.so.preload")),
                    );
                }
            }
        }
        names
    }

    fn tokens_for(&self, owner: usize) -> (Option<Vec<u8>>, Vec<u8>, Vec<u8>) {
        (
            self.origins.get(owner).cloned().flatten(),
            self.platform.clone(),
            self.layout.lib.clone(),
        )
    }

    /// DST expansion of a DT_NEEDED string relative to its requester.
    fn expand_needed(&self, raw: &[u8], requester: usize) -> Option<Vec<u8>> {
        if !dst::has_glibc_dst(raw) {
            return Some(raw.to_vec());
        }
        let (origin, platform, lib) = self.tokens_for(requester);
        let t = Tokens {
            origin: origin.as_deref(),
            platform: Some(&platform),
            lib: Some(&lib),
        };
        dst::expand_glibc(raw, &t).filter(|s| !s.is_empty())
    }

    fn path_list(&self, list: &[u8], owner: usize, is_env: bool) -> Vec<SearchDir> {
        let (origin, platform, lib) = self.tokens_for(owner);
        let t = Tokens {
            origin: origin.as_deref(),
            platform: Some(&platform),
            lib: Some(&lib),
        };
        dst::glibc_path_list(list, is_env, &t)
    }

    /// `_dl_lookup_map`: an object already loaded under this name.
    fn already_loaded(&self, name: &[u8]) -> Option<usize> {
        self.graph.objects.iter().position(|o| {
            o.is_found()
                && o.via != FoundVia::Main
                && (o.path == name || o.names.iter().any(|n| n == name) || o.soname() == Some(name))
        })
    }

    /// Resolves one name requested by `requester` (or preloaded from
    /// `preload`); returns the object index (a NotFound placeholder when not
    /// found), or None after a fatal error or a preload that failed.
    fn resolve(&mut self, name: &[u8], requester: usize, preload: Option<&str>) -> Option<usize> {
        if let Some(idx) = self.already_loaded(name) {
            self.graph.edges.push(Edge {
                from: requester,
                name: name.to_vec(),
                to: idx,
                reused: true,
            });
            return Some(idx);
        }
        let mut tried = Vec::new();
        let found = if name.contains(&b'/') {
            self.try_candidate(name.to_vec(), FoundVia::Path, None, &mut tried)
        } else {
            self.search(name, requester, &mut tried)
        };
        let via = if preload.is_some() {
            FoundVia::Preload
        } else {
            FoundVia::Path
        };
        // `do_preload` (elf/rtld.c): a preload that fails to load, for any
        // reason, is reported and skipped; it is not listed.
        if let Some(from) = preload {
            let why = match &found {
                Err(message) => Some(message.clone()),
                Ok(None) => Some("cannot open shared object file".to_string()),
                Ok(Some(_)) => None,
            };
            if let Some(why) = why {
                let mut line = b"ERROR: ld.so: object '".to_vec();
                line.extend_from_slice(name);
                line.extend_from_slice(
                    format!("' from {from} cannot be preloaded ({why}): ignored.").as_bytes(),
                );
                self.graph.loader_messages.push(line);
                return None;
            }
        }
        match found {
            Err(message) => {
                let path = tried
                    .last()
                    .map(|c: &Candidate| c.path.clone())
                    .unwrap_or_default();
                self.graph.fatal = Some((path, message));
                None
            }
            Ok(None) => {
                let idx = self.graph.objects.len();
                self.graph.objects.push(Object {
                    path: name.to_vec(),
                    names: vec![name.to_vec()],
                    kind: ObjectKind::NotFound,
                    via,
                    hwcaps: None,
                    loader: Some(requester),
                    tried,
                    canonical: Vec::new(),
                });
                self.origins.push(None);
                self.graph.edges.push(Edge {
                    from: requester,
                    name: name.to_vec(),
                    to: idx,
                    reused: false,
                });
                Some(idx)
            }
            Ok(Some(hit)) => {
                // `_dl_map_object_from_fd`: same file already loaded under
                // another name -> that object, with this name added.
                let existing = self.graph.objects.iter().position(|o| {
                    o.info().is_some_and(|i| i.id == hit.info.id) && o.via != FoundVia::Main
                });
                if let Some(idx) = existing {
                    self.graph.objects[idx].names.push(name.to_vec());
                    self.graph.edges.push(Edge {
                        from: requester,
                        name: name.to_vec(),
                        to: idx,
                        reused: true,
                    });
                    return Some(idx);
                }
                let idx = self.graph.objects.len();
                let origin = Some(absolute_dirname(&hit.path, &self.env.cwd));
                self.graph.objects.push(Object {
                    path: hit.path,
                    names: vec![name.to_vec()],
                    kind: ObjectKind::Loaded(hit.info),
                    via: if preload.is_some() {
                        FoundVia::Preload
                    } else {
                        hit.via
                    },
                    hwcaps: hit.hwcaps,
                    loader: Some(requester),
                    tried,
                    canonical: hit.canonical,
                });
                self.origins.push(origin);
                self.graph.edges.push(Edge {
                    from: requester,
                    name: name.to_vec(),
                    to: idx,
                    reused: false,
                });
                Some(idx)
            }
        }
    }

    /// The search of a name without `/` (spec §1.3). `Err` = fatal.
    fn search(
        &mut self,
        name: &[u8],
        requester: usize,
        tried: &mut Vec<Candidate>,
    ) -> Result<Option<Hit>, String> {
        let req_info = self.graph.objects[requester].info().cloned();
        let has_runpath = req_info.as_ref().is_some_and(|i| i.runpath.is_some());
        // 1. DT_RPATH of the requester and its loader chain, unless the
        //    requester has DT_RUNPATH. An object with DT_RUNPATH never
        //    contributes its DT_RPATH (elf_get_dynamic_info).
        if !has_runpath {
            let mut chain = Vec::new();
            let mut cur = Some(requester);
            while let Some(i) = cur {
                if chain.contains(&i) {
                    break;
                }
                chain.push(i);
                cur = self.graph.objects[i].loader;
            }
            if !chain.contains(&0) {
                chain.push(0);
            }
            for owner in chain {
                let Some(info) = self.graph.objects[owner].info().cloned() else {
                    continue;
                };
                if info.runpath.is_some() {
                    continue;
                }
                if let Some(rpath) = &info.rpath {
                    if rpath.is_empty() {
                        continue;
                    }
                    let dirs = self.path_list(rpath, owner, false);
                    if let Some(hit) =
                        self.search_dirs(&dirs, name, FoundVia::Rpath { owner }, tried)?
                    {
                        return Ok(Some(hit));
                    }
                }
            }
        }
        // 2. LD_LIBRARY_PATH (DSTs relative to the executable).
        if let Some(llp) = self.env.ld_library_path.clone() {
            if !llp.is_empty() {
                let dirs = self.path_list(&llp, 0, true);
                if let Some(hit) = self.search_dirs(&dirs, name, FoundVia::LdLibraryPath, tried)? {
                    return Ok(Some(hit));
                }
            }
        }
        // 3. The requester's own DT_RUNPATH.
        if let Some(runpath) = req_info.as_ref().and_then(|i| i.runpath.clone()) {
            if !runpath.is_empty() {
                let dirs = self.path_list(&runpath, requester, false);
                let via = FoundVia::Runpath { owner: requester };
                if let Some(hit) = self.search_dirs(&dirs, name, via, tried)? {
                    return Ok(Some(hit));
                }
            }
        }
        let nodeflib = req_info.as_ref().is_some_and(|i| i.nodeflib());
        // 4. ld.so.cache (or the emulation of it from ld.so.conf).
        if let Some((path, via)) = self.cache.lookup(name, self.arch, &self.hwcaps) {
            if !(nodeflib && self.layout.in_system_dir(&path)) {
                let hwcaps = super::ldcache::hwcaps_of(&path);
                if let Some(hit) = self.try_candidate(path, via, hwcaps.as_deref(), tried)? {
                    return Ok(Some(hit));
                }
            }
        }
        // 5. The system directories.
        if !nodeflib {
            let dirs: Vec<SearchDir> = self
                .layout
                .system_dirs
                .iter()
                .map(|d| SearchDir {
                    dir: d.clone(),
                    raw: d.clone(),
                })
                .collect();
            if let Some(hit) = self.search_dirs(&dirs, name, FoundVia::DefaultPath, tried)? {
                return Ok(Some(hit));
            }
        }
        Ok(None)
    }

    /// `open_path`: each directory, its glibc-hwcaps subdirectories first.
    fn search_dirs(
        &mut self,
        dirs: &[SearchDir],
        name: &[u8],
        via: FoundVia,
        tried: &mut Vec<Candidate>,
    ) -> Result<Option<Hit>, String> {
        for d in dirs {
            for sub in self.hwcaps.clone() {
                let mut path = d.dir.clone();
                path.extend_from_slice(b"/glibc-hwcaps/");
                path.extend_from_slice(sub.as_bytes());
                path.push(b'/');
                path.extend_from_slice(name);
                if let Some(hit) = self.try_candidate(path, via.clone(), Some(sub), tried)? {
                    return Ok(Some(hit));
                }
            }
            let mut path = d.dir.clone();
            if !path.is_empty() && !path.ends_with(b"/") {
                path.push(b'/');
            }
            path.extend_from_slice(name);
            if let Some(hit) = self.try_candidate(path, via.clone(), None, tried)? {
                return Ok(Some(hit));
            }
            let aborted = tried
                .last()
                .is_some_and(|c| matches!(c.rejected, Some(Rejection::Unopenable(_))));
            if aborted {
                return Ok(None);
            }
        }
        Ok(None)
    }

    /// `open_verify` on one candidate path.
    fn try_candidate(
        &mut self,
        path: Vec<u8>,
        via: FoundVia,
        hwcaps: Option<&str>,
        tried: &mut Vec<Candidate>,
    ) -> Result<Option<Hit>, String> {
        let verdict = match self.objects.open(self.root, &path, &self.env.cwd) {
            Err(OpenError::Path(RootError::NotFound))
            | Err(OpenError::Path(RootError::NotADirectory))
            | Err(OpenError::Path(RootError::PermissionDenied)) => Err(Rejection::Missing),
            // `open_path`: any other open error in an existing directory
            // (ELOOP, ENAMETOOLONG, EIO...) abandons the rest of this list.
            Err(OpenError::Path(e @ RootError::TooManySymlinks))
            | Err(OpenError::Path(e @ RootError::TooLong))
            | Err(OpenError::Path(e @ RootError::Io(_))) => {
                Err(Rejection::Unopenable(e.to_string()))
            }
            Err(OpenError::Io(e)) => Err(Rejection::Unopenable(e)),
            Err(OpenError::NotRegular) => {
                let is_dir = self
                    .root
                    .metadata(&path, &self.env.cwd)
                    .map(|(_, m)| m.is_dir())
                    .unwrap_or(false);
                if is_dir {
                    Err(Rejection::Fatal(
                        "cannot read file data: Is a directory".into(),
                    ))
                } else {
                    Err(Rejection::NotRegular)
                }
            }
            Err(OpenError::Elf(ElfError::TooShort { .. })) => {
                Err(Rejection::Fatal("file too short".into()))
            }
            // `open_verify` reads a whole file header before looking at it.
            Err(OpenError::Elf(_)) => {
                let ehdr = if self.arch.class64 { 64 } else { 52 };
                let len = self
                    .root
                    .metadata(&path, &self.env.cwd)
                    .map(|(_, m)| m.len())
                    .unwrap_or(0);
                Err(Rejection::Fatal(if len < ehdr {
                    "file too short".into()
                } else {
                    "invalid ELF header".into()
                }))
            }
            Ok((resolved, info)) => match verify(self.arch, &info) {
                Ok(()) => Ok((resolved, info)),
                Err(r) => Err(r),
            },
        };
        match verdict {
            Ok((resolved, info)) => {
                tried.push(Candidate {
                    path: path.clone(),
                    via: via.clone(),
                    rejected: None,
                });
                Ok(Some(Hit {
                    path,
                    canonical: resolved.canonical,
                    info,
                    via,
                    hwcaps: hwcaps.map(str::to_string),
                }))
            }
            Err(Rejection::Fatal(message)) => {
                tried.push(Candidate {
                    path,
                    via,
                    rejected: Some(Rejection::Fatal(message.clone())),
                });
                Err(message)
            }
            Err(r) => {
                tried.push(Candidate {
                    path,
                    via,
                    rejected: Some(r),
                });
                Ok(None)
            }
        }
    }
}

/// An accepted candidate.
struct Hit {
    path: Vec<u8>,
    canonical: Vec<u8>,
    info: Arc<ObjectInfo>,
    via: FoundVia,
    hwcaps: Option<String>,
}

/// glibc's header checks in `open_verify`, in its order: a wrong class or
/// machine is skipped (the search goes on), anything else is fatal.
fn verify(arch: &Arch, info: &ObjectInfo) -> Result<(), Rejection> {
    let h = &info.header;
    let id = &h.e_ident;
    if h.is_64() != arch.class64 || (id[4] != 1 && id[4] != 2) {
        return Err(Rejection::WrongClass);
    }
    let big = id[5] == 2;
    if id[5] != 1 && id[5] != 2 || big != arch.big_endian {
        return Err(Rejection::Fatal(if arch.big_endian {
            "ELF file data encoding not big-endian".into()
        } else {
            "ELF file data encoding not little-endian".into()
        }));
    }
    if id[6] != 1 {
        return Err(Rejection::Fatal(
            "ELF file version ident does not match current one".into(),
        ));
    }
    let osabi = id[7];
    if osabi != ELFOSABI_SYSV && osabi != ELFOSABI_GNU {
        return Err(Rejection::Fatal("ELF file OS ABI invalid".into()));
    }
    let abiversion = id[8];
    if !(abiversion == 0 || (osabi == ELFOSABI_GNU && abiversion < LIBC_ABI_MAX)) {
        return Err(Rejection::Fatal("ELF file ABI version invalid".into()));
    }
    if id[9..].iter().any(|&b| b != 0) {
        return Err(Rejection::Fatal("nonzero padding in e_ident".into()));
    }
    if h.e_version != 1 {
        return Err(Rejection::Fatal(
            "ELF file version does not match current one".into(),
        ));
    }
    if !arch.accepts(h) {
        return Err(Rejection::WrongMachine);
    }
    if !info.is_loadable_type() {
        return Err(Rejection::Fatal(
            "only ET_DYN and ET_EXEC can be loaded".into(),
        ));
    }
    let phentsize = if arch.class64 { 56 } else { 32 };
    if h.e_phentsize != phentsize {
        return Err(Rejection::Fatal(
            "ELF file's phentsize not the expected size".into(),
        ));
    }
    // `_dl_map_object_from_fd`.
    if !info.has_load {
        return Err(Rejection::Fatal(
            "object file has no loadable segments".into(),
        ));
    }
    if !info.has_dynamic && h.e_type == crate::elf::header::ET_DYN {
        return Err(Rejection::Fatal(
            "object file has no dynamic section".into(),
        ));
    }
    Ok(())
}

/// The glibc-hwcaps subdirectories to probe: those of the arch at or below
/// the requested level, highest first; none by default (baseline CPU).
pub fn active_hwcaps(arch: &Arch, level: Option<&str>) -> Vec<&'static str> {
    match level {
        None => Vec::new(),
        Some(level) => match arch.hwcaps.iter().position(|h| *h == level) {
            Some(i) => arch.hwcaps[i..].to_vec(),
            None => Vec::new(),
        },
    }
}

/// `$ORIGIN` of the main program as glibc ≤ 2.41's ldd sees it: the path as
/// given (`./` prefixed when it has no `/`), made absolute with the working
/// directory, symlinks not resolved.
fn ldd_origin(path: &[u8], cwd: &[u8]) -> Vec<u8> {
    let mut p = Vec::new();
    if !path.contains(&b'/') {
        p.extend_from_slice(b"./");
    }
    p.extend_from_slice(path);
    absolute_dirname(&p, cwd)
}

/// `dirname(path)`, made absolute with `cwd` when relative
/// (`_dl_new_object`'s origin computation).
fn absolute_dirname(path: &[u8], cwd: &[u8]) -> Vec<u8> {
    let dir = dirname(path);
    if dir.starts_with(b"/") {
        return dir.to_vec();
    }
    let mut out = cwd.to_vec();
    if !out.ends_with(b"/") {
        out.push(b'/');
    }
    if dir != b"." || path.starts_with(b"./") {
        out.extend_from_slice(dir);
    } else {
        out.pop();
        if out.is_empty() {
            out.push(b'/');
        }
    }
    out
}

/// The basename of a path, used by callers that print names.
pub fn short_name(path: &[u8]) -> &[u8] {
    basename(path)
}
