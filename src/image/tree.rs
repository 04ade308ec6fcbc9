//! The layered file tree of an image, in memory: metadata only, plus the
//! bytes of the files the loader and the audit read often.
//!
//! Each layer is read once, as a stream, in order ([`Tree::apply_layer`]):
//! entry names are normalized inside the root (`..` stops at `/`, absolute
//! names become relative), the layer's whiteouts remove what lower layers
//! put there (`.wh.NAME`, and `.wh..wh..opq` for a whole directory's lower
//! contents), then its entries are added: files, directories, symlinks
//! (targets kept as written; the loader's `Root` resolves them inside the
//! image), hard links (sharing the target's contents and identity) and
//! special files (never read).
//!
//! Memory is bounded: a node is a few dozen bytes of metadata. File
//! contents are kept only for ELF files (first bytes `\x7fELF`) and small
//! files under `/etc` (ld.so.cache, ld.so.conf, musl's `.path`), from
//! compressed layers, up to [`MAX_CACHED_FILE`] each and
//! [`MAX_CACHED_TOTAL`] in all. Any other file is read again on demand: from
//! an uncompressed layer by mapping its range of the host file (no copy),
//! from a compressed one by decoding the layer again up to the file.
//! Nothing is ever written to disk.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use super::blob::Compression;
use super::{ImageError, LayerInfo, MAX_NODES};

/// The bounds a tree is read under: [`MAX_NODES`] and [`MAX_CACHED_TOTAL`]
/// unless a caller (a test) asks for smaller ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeLimits {
    pub max_nodes: usize,
    pub max_cached_total: u64,
}

impl Default for TreeLimits {
    fn default() -> Self {
        TreeLimits {
            max_nodes: MAX_NODES,
            max_cached_total: MAX_CACHED_TOTAL,
        }
    }
}
use crate::loader::root::{RootError, MAX_SYMLINK_HOPS};
use crate::source::vfs::{FileSystem, NodeKind, NodeMeta};
use crate::source::{FileBytes, SourceError};

/// Largest single file whose bytes are kept in memory while a layer is read.
pub const MAX_CACHED_FILE: u64 = 64 << 20;
/// Most bytes of file contents kept in memory for a whole image.
pub const MAX_CACHED_TOTAL: u64 = 512 << 20;
/// Largest file read back on demand from a compressed layer.
pub const MAX_ON_DEMAND_FILE: u64 = 1 << 30;
/// Files under `/etc` up to this size are kept (the loader's configuration).
const MAX_CACHED_ETC_FILE: u64 = 4 << 20;

/// `st_dev` of every file of an image (no host device has it).
const IMAGE_DEV: u64 = u64::MAX - 0x1e1f;

/// The contents of one regular file (shared by its hard links).
#[derive(Debug)]
struct Content {
    layer: u32,
    /// Offset of the data in the layer's decoded tar stream.
    offset: u64,
    size: u64,
    /// Starts with `\x7fELF`.
    elf: bool,
    cached: Option<Arc<[u8]>>,
    /// A GNU sparse file: its data is not a plain range of the stream.
    sparse: bool,
}

#[derive(Debug)]
struct Node {
    kind: NodeKind,
    mode: u32,
    layer: u32,
    /// Symlink target as stored.
    link: Option<Vec<u8>>,
    /// Index into `contents` for regular files.
    content: Option<u32>,
    children: BTreeMap<Vec<u8>, u32>,
}

impl Node {
    fn dir(layer: u32, mode: u32) -> Node {
        Node {
            kind: NodeKind::Dir,
            mode,
            layer,
            link: None,
            content: None,
            children: BTreeMap::new(),
        }
    }
}

/// A regular file of the image, as the audit walks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFile {
    pub path: Vec<u8>,
    pub layer: u32,
    pub size: u64,
    pub elf: bool,
}

/// The merged tree of all layers.
#[derive(Debug)]
pub struct Tree {
    nodes: Vec<Node>,
    contents: Vec<Content>,
    cached_bytes: u64,
    limits: TreeLimits,
    /// Paths a whiteout or an opaque directory removed, and the layer
    /// that did it (for "deleted by layer N" evidence).
    removed: std::collections::HashMap<Vec<u8>, u32>,
    /// Problems that did not stop the reading (a hard link to nothing...).
    pub warnings: Vec<String>,
}

impl Default for Tree {
    fn default() -> Self {
        Tree::new(TreeLimits::default())
    }
}

/// One entry of a layer, before it is applied.
struct Pending {
    path: Vec<Vec<u8>>,
    kind: PendingKind,
    mode: u32,
}

enum PendingKind {
    File(u32),
    Dir,
    Symlink(Vec<u8>),
    HardLink(Vec<Vec<u8>>),
    Special,
    Whiteout,
    Opaque,
}

/// The components of a path, `..` kept (for symlink targets, resolved
/// later against their directory by [`normalize`]).
fn normalize_rel(path: &[u8]) -> Vec<Vec<u8>> {
    path.split(|&b| b == b'/')
        .filter(|c| !c.is_empty() && *c != b".")
        .map(<[u8]>::to_vec)
        .collect()
}

/// `a/../b/./c` -> `[b, c]`: never above the root.
pub fn normalize(path: &[u8]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    for c in path.split(|&b| b == b'/') {
        match c {
            b"" | b"." => {}
            b".." => {
                out.pop();
            }
            c => out.push(c.to_vec()),
        }
    }
    out
}

impl Tree {
    pub fn new(limits: TreeLimits) -> Tree {
        Tree {
            limits,
            removed: std::collections::HashMap::new(),
            nodes: vec![Node::dir(0, 0o755)],
            contents: Vec::new(),
            cached_bytes: 0,
            warnings: Vec::new(),
        }
    }

    /// Reads one layer and applies it on top of the tree.
    pub fn apply_layer(&mut self, index: u32, info: &LayerInfo) -> Result<(), ImageError> {
        let hit = Arc::new(AtomicBool::new(false));
        let layer_err = |e: io::Error, hit: &AtomicBool| {
            if hit.load(Ordering::Relaxed) {
                ImageError::DecompressionLimit {
                    layer: index,
                    digest: info.digest.clone(),
                    limit: info.blob.decoded_limit(info.compression),
                }
            } else {
                ImageError::Layer {
                    layer: index,
                    digest: info.digest.clone(),
                    message: truncation_message(&e),
                }
            }
        };
        let (reader, compression) = info
            .blob
            .decoded(hit.clone())
            .map_err(|e| layer_err(e, &hit))?;
        let keep_elf = compression != Compression::None;
        let mut archive = tar::Archive::new(reader);
        let mut pending = Vec::new();
        let entries = archive.entries().map_err(|e| layer_err(e, &hit))?;
        for entry in entries {
            let mut entry = entry.map_err(|e| layer_err(e, &hit))?;
            if self.nodes.len() + pending.len() >= self.limits.max_nodes {
                return Err(ImageError::TooManyEntries {
                    limit: self.limits.max_nodes,
                });
            }
            let raw_path = entry.path_bytes().into_owned();
            let path = normalize(&raw_path);
            let header = entry.header();
            let mode = header.mode().unwrap_or(0o644) & 0o7777;
            let etype = header.entry_type();
            let size = entry.size();
            let Some(name) = path.last().cloned() else {
                // The root itself ("./"): nothing to record.
                continue;
            };
            let kind = if name == b".wh..wh..opq" {
                PendingKind::Opaque
            } else if name.starts_with(b".wh.") {
                PendingKind::Whiteout
            } else if etype.is_dir() {
                PendingKind::Dir
            } else if etype.is_symlink() {
                let target = entry
                    .link_name_bytes()
                    .map(|l| l.into_owned())
                    .unwrap_or_default();
                PendingKind::Symlink(target)
            } else if etype.is_hard_link() {
                let target = entry
                    .link_name_bytes()
                    .map(|l| normalize(&l))
                    .unwrap_or_default();
                PendingKind::HardLink(target)
            } else if etype.is_file() || etype.is_contiguous() || etype.is_gnu_sparse() {
                let offset = entry.raw_file_position();
                let sparse = etype.is_gnu_sparse();
                let mut magic = [0u8; 4];
                let mut got = 0;
                while got < 4 {
                    match entry.read(&mut magic[got..]) {
                        Ok(0) => break,
                        Ok(n) => got += n,
                        Err(e) => return Err(layer_err(e, &hit)),
                    }
                }
                let elf = got == 4 && &magic == b"\x7fELF";
                let etc = path.first().is_some_and(|c| c == b"etc") && size <= MAX_CACHED_ETC_FILE;
                let want = (elf && size <= MAX_CACHED_FILE && (keep_elf || sparse))
                    || (etc && (keep_elf || sparse));
                let mut cached = None;
                if want && self.cached_bytes.saturating_add(size) <= self.limits.max_cached_total {
                    let mut bytes = Vec::with_capacity(size.min(MAX_CACHED_FILE) as usize);
                    bytes.extend_from_slice(&magic[..got]);
                    entry
                        .read_to_end(&mut bytes)
                        .map_err(|e| layer_err(e, &hit))?;
                    if (bytes.len() as u64) < size {
                        return Err(ImageError::Layer {
                            layer: index,
                            digest: info.digest.clone(),
                            message: "truncated tar entry".into(),
                        });
                    }
                    self.cached_bytes += bytes.len() as u64;
                    cached = Some(Arc::from(bytes.into_boxed_slice()));
                }
                let id = self.contents.len() as u32;
                self.contents.push(Content {
                    layer: index,
                    offset,
                    size,
                    elf,
                    cached,
                    sparse,
                });
                PendingKind::File(id)
            } else if etype.is_pax_global_extensions()
                || etype.is_gnu_longname()
                || etype.is_gnu_longlink()
                || etype.is_pax_local_extensions()
            {
                continue;
            } else {
                PendingKind::Special
            };
            pending.push(Pending { path, kind, mode });
        }
        self.apply(index, pending);
        Ok(())
    }

    fn apply(&mut self, layer: u32, pending: Vec<Pending>) {
        // Whiteouts hide lower layers only: apply them first.
        for p in &pending {
            let Some((name, dir)) = p.path.split_last() else {
                continue;
            };
            let Some(d) = self.lookup_dir(dir) else {
                continue;
            };
            let names: Vec<Vec<u8>> = match p.kind {
                PendingKind::Opaque => std::mem::take(&mut self.nodes[d as usize].children)
                    .into_keys()
                    .collect(),
                PendingKind::Whiteout => {
                    let hidden = &name[4..];
                    match self.nodes[d as usize].children.remove(hidden) {
                        Some(_) => vec![hidden.to_vec()],
                        None => Vec::new(),
                    }
                }
                _ => continue,
            };
            for n in names {
                let mut full = Vec::new();
                for c in dir.iter().chain(std::iter::once(&n)) {
                    full.push(b'/');
                    full.extend_from_slice(c);
                }
                self.removed.insert(full, layer);
            }
        }
        for p in pending {
            let Some((name, dir)) = p.path.split_last() else {
                continue;
            };
            let node = match p.kind {
                PendingKind::Opaque | PendingKind::Whiteout => continue,
                PendingKind::Dir => Node::dir(layer, p.mode),
                PendingKind::File(c) => Node {
                    kind: NodeKind::File,
                    mode: p.mode,
                    layer,
                    link: None,
                    content: Some(c),
                    children: BTreeMap::new(),
                },
                PendingKind::Symlink(target) => Node {
                    kind: NodeKind::Symlink,
                    mode: 0o777,
                    layer,
                    link: Some(target),
                    content: None,
                    children: BTreeMap::new(),
                },
                PendingKind::HardLink(target) => {
                    let found = self.lookup_nofollow(&target).and_then(|t| {
                        let t = &self.nodes[t as usize];
                        t.content.map(|c| (c, t.mode))
                    });
                    let Some((content, mode)) = found else {
                        self.warnings.push(format!(
                            "layer {layer}: hard link {} to missing file {}",
                            String::from_utf8_lossy(&p.path.join(&b'/')),
                            String::from_utf8_lossy(&target.join(&b'/'))
                        ));
                        continue;
                    };
                    Node {
                        kind: NodeKind::File,
                        mode,
                        layer,
                        link: None,
                        content: Some(content),
                        children: BTreeMap::new(),
                    }
                }
                PendingKind::Special => Node {
                    kind: NodeKind::Special,
                    mode: p.mode,
                    layer,
                    link: None,
                    content: None,
                    children: BTreeMap::new(),
                },
            };
            let parent = self.make_dirs(dir, layer);
            let existing = self.nodes[parent as usize].children.get(name).copied();
            match existing {
                // A directory entry over a directory keeps its contents.
                Some(e)
                    if node.kind == NodeKind::Dir
                        && self.nodes[e as usize].kind == NodeKind::Dir =>
                {
                    let n = &mut self.nodes[e as usize];
                    n.mode = node.mode;
                    n.layer = layer;
                }
                _ => {
                    let id = self.nodes.len() as u32;
                    self.nodes.push(node);
                    self.nodes[parent as usize]
                        .children
                        .insert(name.clone(), id);
                }
            }
        }
    }

    /// The directory at `dir`, created (as implicit directories) where
    /// missing; symlinks on the way are followed inside the image, as a
    /// container runtime extracting the layer onto the lower ones would.
    fn make_dirs(&mut self, dir: &[Vec<u8>], layer: u32) -> u32 {
        let mut cur = 0u32;
        // The real path of `cur`, for relative symlink targets.
        let mut cur_path: Vec<Vec<u8>> = Vec::new();
        for c in dir {
            let next = self.nodes[cur as usize].children.get(c).copied();
            let followed = match next {
                Some(n) if self.nodes[n as usize].kind == NodeKind::Dir => {
                    cur_path.push(c.clone());
                    Some(n)
                }
                Some(n) if self.nodes[n as usize].kind == NodeKind::Symlink => {
                    let target = self.nodes[n as usize].link.clone().unwrap_or_default();
                    let mut full = if target.starts_with(b"/") {
                        Vec::new()
                    } else {
                        cur_path.clone()
                    };
                    full.extend_from_slice(&normalize_rel(&target));
                    match self.lookup_follow(&normalize(&full.join(&b'/')), 1) {
                        Some((d, p)) if self.nodes[d as usize].kind == NodeKind::Dir => {
                            cur_path = p;
                            Some(d)
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            cur = match followed {
                Some(d) => d,
                None => {
                    // A missing directory, a file in the way or a dangling
                    // link: a fresh directory takes the name.
                    let id = self.nodes.len() as u32;
                    self.nodes.push(Node::dir(layer, 0o755));
                    self.nodes[cur as usize].children.insert(c.clone(), id);
                    cur_path.push(c.clone());
                    id
                }
            };
        }
        cur
    }

    /// The node at `path` with every symlink followed inside the image, and
    /// its real path.
    fn lookup_follow(&self, path: &[Vec<u8>], hops: u32) -> Option<(u32, Vec<Vec<u8>>)> {
        if hops > MAX_SYMLINK_HOPS {
            return None;
        }
        let mut cur = 0u32;
        let mut done: Vec<Vec<u8>> = Vec::new();
        for (i, c) in path.iter().enumerate() {
            let n = *self.nodes[cur as usize].children.get(c)?;
            if self.nodes[n as usize].kind == NodeKind::Symlink {
                let target = self.nodes[n as usize].link.as_ref()?;
                let mut next = if target.starts_with(b"/") {
                    Vec::new()
                } else {
                    done.clone()
                };
                next.extend(normalize_rel(target));
                next.extend(path[i + 1..].iter().cloned());
                return self.lookup_follow(&normalize(&next.join(&b'/')), hops + 1);
            }
            done.push(c.clone());
            cur = n;
        }
        Some((cur, done))
    }

    /// The node at `path`, no symlink followed.
    fn lookup_nofollow(&self, path: &[Vec<u8>]) -> Option<u32> {
        let mut cur = 0u32;
        for c in path {
            cur = *self.nodes[cur as usize].children.get(c)?;
        }
        Some(cur)
    }

    fn lookup_dir(&self, path: &[Vec<u8>]) -> Option<u32> {
        let n = self.lookup_nofollow(path)?;
        (self.nodes[n as usize].kind == NodeKind::Dir).then_some(n)
    }

    /// Every regular file, depth first in name order.
    pub fn files(&self) -> Vec<ImageFile> {
        let mut out = Vec::new();
        let mut stack: Vec<(u32, Vec<u8>)> = vec![(0, Vec::new())];
        while let Some((n, path)) = stack.pop() {
            let node = &self.nodes[n as usize];
            match node.kind {
                NodeKind::Dir => {
                    for (name, &child) in node.children.iter().rev() {
                        let mut p = path.clone();
                        p.push(b'/');
                        p.extend_from_slice(name);
                        stack.push((child, p));
                    }
                }
                NodeKind::File => {
                    if let Some(c) = node.content.and_then(|c| self.contents.get(c as usize)) {
                        out.push(ImageFile {
                            path,
                            layer: node.layer,
                            size: c.size,
                            elf: c.elf,
                        });
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The layer whose whiteout (or opaque directory) removed `path`
    /// (canonical), if one did.
    pub fn removed_by(&self, path: &[u8]) -> Option<u32> {
        self.removed.get(path).copied()
    }

    /// Bytes of file contents held in memory.
    pub fn cached_bytes(&self) -> u64 {
        self.cached_bytes
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }
}

fn truncation_message(e: &io::Error) -> String {
    let text = e.to_string();
    if e.kind() == io::ErrorKind::UnexpectedEof
        || text.contains("failed to read entire block")
        || text.contains("unexpected EOF")
    {
        format!("truncated or corrupt layer: {text}")
    } else {
        text
    }
}

/// An image's merged tree as a file system the loader reads through.
#[derive(Debug)]
pub struct ImageFs {
    tree: Tree,
    layers: Vec<LayerInfo>,
    /// Host files of uncompressed layers, mapped on first use.
    maps: Vec<OnceLock<Option<Arc<crate::source::GuardedMap>>>>,
}

impl ImageFs {
    pub fn new(tree: Tree, layers: Vec<LayerInfo>) -> ImageFs {
        let maps = layers.iter().map(|_| OnceLock::new()).collect();
        ImageFs { tree, layers, maps }
    }

    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    pub fn layers(&self) -> &[LayerInfo] {
        &self.layers
    }

    fn node(&self, path: &[u8]) -> Result<&Node, RootError> {
        self.node_index(path).map(|i| &self.tree.nodes[i as usize])
    }

    fn node_index(&self, path: &[u8]) -> Result<u32, RootError> {
        let mut cur = 0u32;
        let comps = normalize(path);
        for (i, c) in comps.iter().enumerate() {
            let node = &self.tree.nodes[cur as usize];
            if node.kind != NodeKind::Dir {
                return Err(if i == 0 {
                    RootError::NotFound
                } else {
                    RootError::NotADirectory
                });
            }
            cur = *node.children.get(c).ok_or(RootError::NotFound)?;
        }
        Ok(cur)
    }

    fn content(&self, path: &[u8]) -> Result<&Content, SourceError> {
        let node = self.node(path).map_err(|e| match e {
            RootError::NotFound | RootError::NotADirectory => SourceError::NotFound,
            _ => SourceError::Io(io::Error::other(e.to_string())),
        })?;
        match node.kind {
            NodeKind::File => {}
            NodeKind::Dir => return Err(SourceError::NotRegular("directory")),
            NodeKind::Symlink => return Err(SourceError::NotRegular("symbolic link")),
            NodeKind::Special => return Err(SourceError::NotRegular("special file")),
        }
        node.content
            .and_then(|c| self.tree.contents.get(c as usize))
            .ok_or(SourceError::NotFound)
    }

    fn read_content(&self, c: &Content, limit: u64) -> Result<FileBytes, SourceError> {
        if let Some(bytes) = &c.cached {
            return Ok(FileBytes::Shared(bytes.clone()));
        }
        let want = c.size.min(limit);
        let layer = self
            .layers
            .get(c.layer as usize)
            .ok_or(SourceError::NotFound)?;
        if c.sparse {
            return Err(SourceError::Io(io::Error::other(
                "sparse file in a compressed layer is not read back",
            )));
        }
        if layer.compression == Compression::None {
            if let Some(map) = self.map(c.layer as usize) {
                let start = layer.blob.offset.saturating_add(c.offset);
                let end = start.saturating_add(want);
                if end <= map.len() as u64 {
                    return Ok(FileBytes::MappedRange(map, start as usize..end as usize));
                }
                return Err(SourceError::Io(io::Error::other(
                    "file extends past its layer",
                )));
            }
        }
        if want > MAX_ON_DEMAND_FILE {
            return Err(SourceError::Io(io::Error::other(format!(
                "file larger than {MAX_ON_DEMAND_FILE} bytes in a compressed layer"
            ))));
        }
        let (mut reader, _) = layer
            .blob
            .decoded(Arc::new(AtomicBool::new(false)))
            .map_err(SourceError::Io)?;
        io::copy(&mut (&mut reader).take(c.offset), &mut io::sink()).map_err(SourceError::Io)?;
        let mut buf = Vec::with_capacity(want as usize);
        reader
            .take(want)
            .read_to_end(&mut buf)
            .map_err(SourceError::Io)?;
        if (buf.len() as u64) < want {
            return Err(SourceError::Io(io::Error::other(
                "layer ends inside the file",
            )));
        }
        Ok(FileBytes::Owned(buf))
    }

    fn map(&self, layer: usize) -> Option<Arc<crate::source::GuardedMap>> {
        self.maps
            .get(layer)?
            .get_or_init(|| {
                let f = std::fs::File::open(self.layers.get(layer)?.blob.file.as_path()).ok()?;
                crate::source::map_file(&f).ok().map(Arc::new)
            })
            .clone()
    }

    /// The layer a path's node came from.
    pub fn layer_of(&self, path: &[u8]) -> Option<u32> {
        self.node(path).ok().map(|n| n.layer)
    }
}

impl FileSystem for ImageFs {
    fn lstat(&self, path: &[u8]) -> Result<NodeMeta, RootError> {
        let index = self.node_index(path)?;
        let node = &self.tree.nodes[index as usize];
        let (size, id) = match node.content {
            Some(c) => (
                self.tree.contents.get(c as usize).map_or(0, |c| c.size),
                (IMAGE_DEV, u64::from(c) + 1),
            ),
            None => (
                node.link.as_ref().map_or(0, |l| l.len() as u64),
                (IMAGE_DEV, (1 << 40) + u64::from(index)),
            ),
        };
        Ok(NodeMeta {
            kind: node.kind,
            mode: node.mode,
            size,
            id,
        })
    }

    fn read_link(&self, path: &[u8]) -> Result<Vec<u8>, RootError> {
        let node = self.node(path)?;
        node.link
            .clone()
            .ok_or_else(|| RootError::Io("not a symbolic link".into()))
    }

    fn open(&self, path: &[u8]) -> Result<FileBytes, SourceError> {
        let c = self.content(path)?;
        self.read_content(c, u64::MAX)
    }

    fn read_prefix(&self, path: &[u8], limit: u64) -> Result<Vec<u8>, RootError> {
        let c = self.content(path).map_err(RootError::from)?;
        let bytes = self.read_content(c, limit).map_err(RootError::from)?;
        Ok(bytes[..bytes.len().min(limit as usize)].to_vec())
    }

    fn removed_by_layer(&self, path: &[u8]) -> Option<u32> {
        self.tree.removed_by(path)
    }

    fn list_dir(&self, path: &[u8]) -> Result<Vec<Vec<u8>>, RootError> {
        let node = self.node(path)?;
        if node.kind != NodeKind::Dir {
            return Err(RootError::NotADirectory);
        }
        Ok(node.children.keys().cloned().collect())
    }
}
