//! Model to bytes. Renderers are pure functions that append to a buffer;
//! they compute no ELF semantics and do no I/O.
//!
//! - [`readelf`]: byte-identical GNU readelf 2.40 text (never colored).
//! - [`go`]: `go version -m` text (never colored).
//! - [`json`]: the `--json` wire format.

pub mod audit;
pub mod go;
pub mod json;
pub mod ldd;
pub mod readelf;
pub mod tree;
