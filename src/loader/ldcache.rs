//! glibc's cache step for a root (spec §2): `/etc/ld.so.cache` inside the
//! root when it exists — what ld.so really reads, even when stale — parsed
//! in the loader's byte order and looked up with `search_cache`'s rules; or,
//! for a root without one, an emulation of the cache ldconfig would build
//! from the root's `/etc/ld.so.conf` (includes, globs, system directories):
//! the first directory in ldconfig's order holding an accepted library whose
//! SONAME (or, for a development link, file name) is the name.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use super::arch::Arch;
use super::cache::{self, ByteOrder, LdCache};
use super::conf::{self, ConfFs, ConfRules};
use super::graph::FoundVia;
use super::object::ObjectCache;
use super::root::Root;
use super::LibraryCache;
use crate::elf::header::ET_DYN;

/// Largest ld.so.cache read (the host's is ~60 KiB).
pub const MAX_CACHE_BYTES: u64 = 64 << 20;

/// The cache glibc's loader would consult in `root`.
pub fn for_root(root: &Root) -> Box<dyn LibraryCache> {
    match root.read(b"/etc/ld.so.cache", MAX_CACHE_BYTES) {
        Ok(data) => Box::new(CacheFile { data }),
        Err(_) => Box::new(ConfEmulation::new(root.clone())),
    }
}

fn cache_abi(arch: &Arch) -> Option<cache::CacheAbi> {
    let e_flags = arch.flags_abi.map(|(_, v)| v).unwrap_or(0);
    cache::default_cache_flags(arch.e_machine, arch.class64, e_flags)
}

/// Priority of a glibc-hwcaps subdirectory: its position in the active
/// list (lower is better); `None` when inactive.
fn hwcaps_priority(active: &[&str], name: &[u8]) -> Option<u32> {
    active
        .iter()
        .position(|h| h.as_bytes() == name)
        .map(|p| p as u32)
}

/// The x86 ISA level a hwcaps entry needs is supported when it is at most
/// the level of the highest active x86-64-vN subdirectory.
fn isa_level_ok(active: &[&str], level: u32) -> bool {
    let supported = active
        .iter()
        .filter_map(|h| h.strip_prefix("x86-64-v"))
        .filter_map(|n| n.parse::<u32>().ok())
        .map(|v| v.saturating_sub(1))
        .max()
        .unwrap_or(0);
    level <= supported
}

/// A real /etc/ld.so.cache.
struct CacheFile {
    data: Vec<u8>,
}

impl LibraryCache for CacheFile {
    fn lookup(&self, name: &[u8], arch: &Arch, hwcaps: &[&str]) -> Option<(Vec<u8>, FoundVia)> {
        let order = if arch.big_endian {
            ByteOrder::Big
        } else {
            ByteOrder::Little
        };
        let cache = LdCache::parse(&self.data, order).ok()?;
        let abi = cache_abi(arch)?;
        let prio = |n: &[u8]| hwcaps_priority(hwcaps, n);
        let isa = |l: u32| isa_level_ok(hwcaps, l);
        cache
            .lookup(name, abi, &prio, &isa)
            .map(|p| (p.to_vec(), FoundVia::LdSoCache))
    }
}

/// ld.so.conf read inside the root.
struct RootConfFs<'a>(&'a Root);

impl ConfFs for RootConfFs<'_> {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        self.0.read(path.as_bytes(), 16 << 20).ok()
    }
    fn list_dir(&self, dir: &str) -> Option<Vec<String>> {
        let names = self.0.list_dir(dir.as_bytes()).ok()?;
        Some(
            names
                .into_iter()
                .filter_map(|n| String::from_utf8(n).ok())
                .collect(),
        )
    }
    fn identity(&self, path: &str) -> Option<(u64, u64)> {
        self.0.identity(path.as_bytes(), b"/").ok()
    }
}

/// One library ldconfig would list for a directory: its key and path.
#[derive(Debug, Clone)]
struct Listed {
    key: Vec<u8>,
    path: Vec<u8>,
    regular: bool,
    file_name: Vec<u8>,
}

/// ldconfig's directory list: path and, for glibc-hwcaps subdirectories,
/// the subdirectory name.
type DirList = Arc<Vec<(String, Option<String>)>>;
/// The libraries ldconfig lists for one directory.
type Listing = Arc<Vec<Listed>>;

/// The cache ldconfig would write for a root without one.
struct ConfEmulation {
    root: Root,
    /// Directory list per arch name (ldconfig's order, hwcaps subdirs marked).
    dirs: Mutex<HashMap<&'static str, DirList>>,
    /// Libraries per (arch, directory).
    listings: Mutex<HashMap<(&'static str, String), Listing>>,
    objects: ObjectCache,
}

/// A poisoned lock still holds a usable map (entries are inserted whole).
fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl ConfEmulation {
    fn new(root: Root) -> ConfEmulation {
        ConfEmulation {
            root,
            dirs: Mutex::new(HashMap::new()),
            listings: Mutex::new(HashMap::new()),
            objects: ObjectCache::new(),
        }
    }

    fn dirs_for(&self, arch: &'static Arch) -> DirList {
        if let Some(d) = locked(&self.dirs).get(arch.name) {
            return d.clone();
        }
        let layout = super::glibc::Layout::detect(&self.root, arch);
        let system: Vec<String> = if layout.multiarch {
            conf::debian_system_dirs(arch.triplet)
        } else {
            let e_flags = arch.flags_abi.map(|(_, v)| v).unwrap_or(0);
            conf::upstream_system_dirs(arch.e_machine, arch.class64, e_flags).unwrap_or_default()
        };
        let list = conf::ldconfig_dirs(
            &RootConfFs(&self.root),
            "/etc/ld.so.conf",
            ConfRules::default(),
            &system,
        );
        let dirs: Vec<(String, Option<String>)> = list
            .dirs()
            .iter()
            .map(|d| (d.path.clone(), d.hwcaps.clone()))
            .collect();
        let dirs = Arc::new(dirs);
        locked(&self.dirs).insert(arch.name, dirs.clone());
        dirs
    }

    /// ldconfig's `search_dir` for one directory: every DSO-named file that
    /// is an accepted shared object, keyed by SONAME (or dev-link name).
    fn listing(&self, arch: &'static Arch, dir: &str) -> Listing {
        let key = (arch.name, dir.to_string());
        if let Some(l) = locked(&self.listings).get(&key) {
            return l.clone();
        }
        let mut found: Vec<Listed> = Vec::new();
        for name in self.root.list_dir(dir.as_bytes()).unwrap_or_default() {
            if !is_dso_name(&name) {
                continue;
            }
            let mut path = dir.as_bytes().to_vec();
            if !path.ends_with(b"/") {
                path.push(b'/');
            }
            path.extend_from_slice(&name);
            let is_link = self
                .root
                .resolve(dir.as_bytes(), b"/")
                .ok()
                .and_then(|r| {
                    let mut entry = r.canonical;
                    if !entry.ends_with(b"/") {
                        entry.push(b'/');
                    }
                    entry.extend_from_slice(&name);
                    self.root.lstat(&entry).ok()
                })
                .is_some_and(|m| m.is_symlink());
            let Ok((_, info)) = self.objects.open(&self.root, &path, b"/") else {
                continue;
            };
            if info.header.e_type != ET_DYN || !info.has_dynamic || !arch.accepts(&info.header) {
                continue;
            }
            let soname = info.soname.clone().unwrap_or_else(|| name.clone());
            // A link named like `libz.so` pointing at `libz.so.1.2.13`
            // (SONAME libz.so.1) keeps its own name as key.
            let key =
                if is_link && soname != name && name.ends_with(b".so") && soname.starts_with(&name)
                {
                    name.clone()
                } else {
                    soname
                };
            let entry = Listed {
                key: key.clone(),
                path,
                regular: !is_link,
                file_name: name.clone(),
            };
            match found.iter_mut().find(|l| l.key == key) {
                Some(existing) => {
                    let better = (entry.regular && !existing.regular)
                        || (entry.regular == existing.regular
                            && cache::libcmp(&entry.file_name, &existing.file_name).is_gt());
                    if better {
                        *existing = entry;
                    }
                }
                None => found.push(entry),
            }
        }
        let found = Arc::new(found);
        locked(&self.listings).insert(key, found.clone());
        found
    }
}

/// glibc's `_dl_is_dso` (elf/dl-is_dso.h) plus ldconfig's skips.
fn is_dso_name(name: &[u8]) -> bool {
    let contains_so = name.windows(3).any(|w| w == b".so");
    let dso = ((name.starts_with(b"lib") || name.starts_with(b"ld-")) && contains_so)
        || name.starts_with(b"ld.so.")
        || name.starts_with(b"ld64.so.");
    dso && !name.contains(&b';') && !name.ends_with(b".dpkg-new") && !name.ends_with(b".dpkg-tmp")
}

impl LibraryCache for ConfEmulation {
    fn lookup(&self, name: &[u8], arch: &Arch, hwcaps: &[&str]) -> Option<(Vec<u8>, FoundVia)> {
        let arch: &'static Arch = super::arch::ARCHES.iter().find(|a| a.name == arch.name)?;
        let dirs = self.dirs_for(arch);
        let mut best: Option<(u32, Vec<u8>)> = None;
        for (dir, sub) in dirs.iter() {
            let prio = match sub {
                Some(s) => match hwcaps_priority(hwcaps, s.as_bytes()) {
                    Some(p) => p,
                    None => continue,
                },
                None => u32::MAX,
            };
            let listing = self.listing(arch, dir);
            let Some(l) = listing.iter().find(|l| l.key == name) else {
                continue;
            };
            // ldconfig writes `DIR/SONAME` (creating that link) for ordinary
            // directories and the real file for glibc-hwcaps ones.
            let mut value = dir.as_bytes().to_vec();
            value.push(b'/');
            value.extend_from_slice(name);
            let value = if sub.is_none() && self.root.resolve(&value, b"/").is_ok() {
                value
            } else {
                l.path.clone()
            };
            if sub.is_some() {
                if best.as_ref().is_none_or(|(p, _)| prio < *p) {
                    best = Some((prio, value));
                }
                continue;
            }
            // An ordinary entry: a usable hwcaps entry found first wins.
            return Some((best.map(|b| b.1).unwrap_or(value), FoundVia::LdSoConf));
        }
        best.map(|(_, v)| (v, FoundVia::LdSoConf))
    }
}

/// Marks a cache answer's hwcaps subdirectory, if any (`…/glibc-hwcaps/X/…`).
pub fn hwcaps_of(path: &[u8]) -> Option<String> {
    let marker = b"/glibc-hwcaps/";
    let at = path.windows(marker.len()).position(|w| w == marker)?;
    let rest = &path[at + marker.len()..];
    let end = rest.iter().position(|&b| b == b'/')?;
    Some(String::from_utf8_lossy(&rest[..end]).into_owned())
}
