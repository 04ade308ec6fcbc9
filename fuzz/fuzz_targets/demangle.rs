//! The Itanium C++ demangler (the port of libiberty's cp-demangle.c) and
//! readelf's `-C` choice between it and the Rust demangler, on arbitrary
//! names: with and without libiberty's recursion limit. Neither may panic,
//! overflow the stack or take unbounded time or memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relf::demangle::itanium::demangle_bytes;
use relf::render::readelf::demangle::demangle;
use relf::render::readelf::Demangle;

fuzz_target!(|data: &[u8]| {
    // Most inputs should look mangled, so that the parser gets past `_Z`.
    let mut name = b"_Z".to_vec();
    name.extend_from_slice(data);
    for n in [data, &name[..]] {
        let _ = demangle_bytes(n, true);
        let _ = demangle_bytes(n, false);
        let _ = demangle(n, Demangle::default());
    }
});
