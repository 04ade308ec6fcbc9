//! What the loaders need to know about one ELF object, read once per file
//! per run ([`ObjectCache`]), whatever number of binaries need it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::elf::dynamic::{DF_1_NODEFLIB, DT_FLAGS_1};
use crate::elf::header::{FileHeader, ET_DYN, ET_EXEC};
use crate::elf::segment::{PT_DYNAMIC, PT_LOAD};
use crate::elf::{ElfError, ElfFile};

use super::root::{FileId, Resolved, Root, RootError};

/// The loader-relevant facts of an ELF object.
#[derive(Debug, Clone)]
pub struct ObjectInfo {
    pub id: FileId,
    pub header: FileHeader,
    pub interpreter: Option<Vec<u8>>,
    /// A PT_DYNAMIC with file contents (debuginfo files have one with
    /// `p_filesz == 0`, which glibc treats as none: elf/dl-load.c).
    pub has_dynamic: bool,
    /// At least one PT_LOAD.
    pub has_load: bool,
    pub needed: Vec<Vec<u8>>,
    pub soname: Option<Vec<u8>>,
    pub rpath: Option<Vec<u8>>,
    pub runpath: Option<Vec<u8>>,
    pub flags_1: u64,
    pub is_pie: bool,
    /// The records of its dlopen metadata notes that decode (notes that do
    /// not are reported by `relf notes`).
    pub dlopen: Vec<crate::elf::note::DlopenDep>,
}

impl ObjectInfo {
    pub fn from_elf(id: FileId, elf: &ElfFile) -> ObjectInfo {
        let dynamic = elf.dynamic();
        ObjectInfo {
            id,
            header: elf.header.clone(),
            interpreter: elf.interpreter().map(<[u8]>::to_vec),
            has_dynamic: elf
                .program_headers()
                .iter()
                .any(|p| p.p_type == PT_DYNAMIC && p.p_filesz != 0),
            has_load: elf.program_headers().iter().any(|p| p.p_type == PT_LOAD),
            needed: dynamic
                .map(|d| d.needed().map(<[u8]>::to_vec).collect())
                .unwrap_or_default(),
            soname: dynamic.and_then(|d| d.soname()).map(<[u8]>::to_vec),
            rpath: dynamic.and_then(|d| d.rpath()).map(<[u8]>::to_vec),
            runpath: dynamic.and_then(|d| d.runpath()).map(<[u8]>::to_vec),
            flags_1: dynamic.and_then(|d| d.value(DT_FLAGS_1)).unwrap_or(0),
            is_pie: elf.is_pie(),
            dlopen: elf
                .notes()
                .dlopen_deps()
                .into_iter()
                .filter_map(Result::ok)
                .flatten()
                .collect(),
        }
    }

    pub fn nodeflib(&self) -> bool {
        self.flags_1 & DF_1_NODEFLIB != 0
    }

    pub fn is_loadable_type(&self) -> bool {
        self.header.e_type == ET_DYN || self.header.e_type == ET_EXEC
    }
}

/// Why a file could not be read as an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The path does not resolve (ENOENT, ENOTDIR, ELOOP, EACCES ...).
    Path(RootError),
    /// It exists but is not a regular file.
    NotRegular,
    /// It is a file but not a readable ELF object.
    Elf(ElfError),
    Io(String),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Path(e) => write!(f, "{e}"),
            OpenError::NotRegular => write!(f, "not a regular file"),
            OpenError::Elf(e) => write!(f, "{e}"),
            OpenError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// One cache slot: filled once, by the first thread that needs it.
type Slot = Arc<OnceLock<Result<Arc<ObjectInfo>, OpenError>>>;

/// Parsed objects by file identity, so each file is parsed once per run.
///
/// Shared by every thread of a run (`relf audit` resolves files in
/// parallel): the map lock is held only to find or insert a slot; the parse
/// happens outside it, and a [`OnceLock`] makes a second thread needing the
/// same file wait for the first one's result instead of parsing it again.
/// Only the small [`ObjectInfo`] is kept; the file's bytes are dropped after
/// the parse, so memory grows with the number of distinct objects, not
/// their size.
#[derive(Debug, Default)]
pub struct ObjectCache {
    objects: Mutex<HashMap<FileId, Slot>>,
}

impl ObjectCache {
    pub fn new() -> ObjectCache {
        ObjectCache::default()
    }

    /// Resolves `path` inside `root` and returns the object there.
    pub fn open(
        &self,
        root: &Root,
        path: &[u8],
        cwd: &[u8],
    ) -> Result<(Resolved, Arc<ObjectInfo>), OpenError> {
        let (resolved, meta) = root.metadata(path, cwd).map_err(OpenError::Path)?;
        if !meta.is_file() {
            return Err(OpenError::NotRegular);
        }
        let id = meta.id;
        let slot = {
            let mut map = self.objects.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(id).or_default().clone()
        };
        let entry = slot.get_or_init(|| load(root, &resolved, id).map(Arc::new));
        entry.clone().map(|info| (resolved, info))
    }

    /// Records an object parsed by someone else (the audit parses each
    /// file it classifies; the loader then need not parse it again).
    pub fn insert(&self, info: Arc<ObjectInfo>) {
        let mut map = self.objects.lock().unwrap_or_else(|e| e.into_inner());
        let slot = map.entry(info.id).or_default();
        let _ = slot.set(Ok(info));
    }

    pub fn len(&self) -> usize {
        self.objects.lock().map(|m| m.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn load(root: &Root, resolved: &Resolved, id: FileId) -> Result<ObjectInfo, OpenError> {
    let bytes = root.open(resolved).map_err(|e| match e {
        crate::source::SourceError::NotFound => OpenError::Path(RootError::NotFound),
        crate::source::SourceError::PermissionDenied => {
            OpenError::Path(RootError::PermissionDenied)
        }
        crate::source::SourceError::NotRegular(_) => OpenError::NotRegular,
        crate::source::SourceError::Io(e) => OpenError::Io(e.to_string()),
    })?;
    let elf = ElfFile::parse(&bytes).map_err(OpenError::Elf)?;
    let info = ObjectInfo::from_elf(id, &elf);
    if bytes.changed() {
        return Err(OpenError::Io(crate::source::CHANGED_WHILE_READ.into()));
    }
    Ok(info)
}
