//! Demanglers ported from libiberty, so that `readelf -C` output matches
//! binutils byte for byte.

mod cursor;
pub mod itanium;
pub mod rust;
