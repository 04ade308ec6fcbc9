//! relf: inspect ELF files and their dynamic linking without executing them.
//!
//! Data flows one way: [`source`] (where bytes come from) -> [`elf`] (bytes to
//! a parsed model, every offset checked) -> [`render`] (model to bytes:
//! readelf-identical text, JSON). [`info`] draws conclusions from the model
//! (kind, linkage, libc, versions, hardening); [`loader`] resolves
//! dependencies as glibc's and musl's loaders would. The command-line front end lives in the
//! binary (`src/cli`) and is not part of the library; the library never
//! prints and never reads the process environment.

pub mod audit;
pub mod bundle;
pub mod demangle;
pub mod elf;
pub mod image;
pub mod info;
pub mod limits;
pub mod loader;
pub mod render;
pub mod source;
