//! Demanglers ported from libiberty, so that `readelf -C` output matches
//! binutils byte for byte.

pub mod itanium;
