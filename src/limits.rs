//! Every resource limit relf enforces, in one list.
//!
//! relf reads files and images from strangers, and ELF tables may overlap:
//! a file of a few hundred KB can describe millions of symbols or notes, a
//! root can chain libraries without end. Each limit below sits far above
//! anything real (the figures say how far), is defined beside the code that
//! enforces it, and is reported when hit; tests reach them with small
//! hostile inputs (`tests/integration/limits.rs`, `image.rs`, the symlink
//! loops of `root_confinement.rs`, the ld.so.conf unit tests), except
//! [`MAX_PATH_COMPONENTS`], [`MAX_CONF_BYTES`], [`MAX_CACHE_BYTES`] and
//! [`MAX_GUARDED_MAPS`].
//!
//! | limit | what stops | where |
//! |---|---|---|
//! | [`MAX_SYMLINK_HOPS`] | symbolic links followed in one path (ELOOP, as the kernel) | `--root` resolution |
//! | [`MAX_PATH_COMPONENTS`] | path components pending in one resolution | `--root` resolution |
//! | [`MAX_INCLUDE_DEPTH`] | nested `include` in ld.so.conf | ld.so.conf emulation |
//! | [`MAX_CONF_FILES`], [`MAX_CONF_BYTES`] | ld.so.conf files and bytes read | ld.so.conf emulation |
//! | [`MAX_CACHE_BYTES`] | size of an ld.so.cache read | ld.so.cache reader |
//! | [`MAX_GRAPH_OBJECTS`] | objects in one dependency graph | `relf ldd`, audits |
//! | [`MAX_GRAPH_EDGES`] | DT_NEEDED entries followed in one graph | `relf ldd`, audits |
//! | [`MAX_SYMBOLS_HELD`] | symbols decoded at once over all tables | JSON output, `symbol_tables()` |
//! | [`MAX_VERSION_ENTRIES`] | version names from the verdef/verneed chains | versions |
//! | [`MAX_NOTES`] | notes walked in one file | notes |
//! | [`MAX_DLOPEN_JSON`], [`MAX_DLOPEN_RECORDS`], [`MAX_DLOPEN_SONAMES`] | a dlopen note's JSON, its records, names per record | notes, `relf ldd --tree`, audits |
//! | [`MAX_EXPANSION_RATIO`], [`MIN_LAYER_ALLOWANCE`] | bytes a layer may decompress to, relative to its stored size | image reader |
//! | [`MAX_JSON_BYTES`] | an image manifest, index or config read | image reader |
//! | [`MAX_LAYERS`], [`MAX_INDEX_DEPTH`] | layers of an image, nested indexes | image reader |
//! | [`MAX_NODES`], [`MAX_ARCHIVE_MEMBERS`] | entries of the layered tree, members of an outer archive | image reader |
//! | [`MAX_CACHED_FILE`], [`MAX_CACHED_TOTAL`] | ELF contents kept from compressed layers | image reader |
//! | [`MAX_ON_DEMAND_FILE`] | a file decoded again from a compressed layer | image reader |
//! | [`MAX_EXPLAIN_CANDIDATES`] | candidate paths listed per library by `--explain` (the rest counted) | `relf ldd --explain` |
//! | [`MAX_GUARDED_MAPS`] | files mapped at once under the SIGBUS guard (more are read into memory) | file source |
//!
//! Program and section header counts need no limit of their own: the
//! tables must fit in the file (see [`crate::elf::bytes`]).

pub use crate::elf::note::dlopen::{MAX_DLOPEN_JSON, MAX_DLOPEN_RECORDS, MAX_DLOPEN_SONAMES};
pub use crate::elf::note::MAX_NOTES;
pub use crate::elf::symbol::MAX_SYMBOLS_HELD;
pub use crate::elf::version::MAX_VERSION_ENTRIES;
pub use crate::image::tree::{MAX_CACHED_FILE, MAX_CACHED_TOTAL, MAX_ON_DEMAND_FILE};
pub use crate::image::{
    MAX_ARCHIVE_MEMBERS, MAX_EXPANSION_RATIO, MAX_INDEX_DEPTH, MAX_JSON_BYTES, MAX_LAYERS,
    MAX_NODES, MIN_LAYER_ALLOWANCE,
};
pub use crate::loader::conf::{MAX_CONF_BYTES, MAX_CONF_FILES, MAX_INCLUDE_DEPTH};
pub use crate::loader::graph::{MAX_GRAPH_EDGES, MAX_GRAPH_OBJECTS};
pub use crate::loader::ldcache::MAX_CACHE_BYTES;
pub use crate::loader::root::{MAX_COMPONENTS as MAX_PATH_COMPONENTS, MAX_SYMLINK_HOPS};
pub use crate::render::tree::MAX_EXPLAIN_CANDIDATES;
pub use crate::source::guard::MAX_GUARDED_MAPS;
