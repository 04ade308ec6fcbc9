//! The ld.so.cache reader: parse in both byte orders, look names up with the
//! x86_64 and s390x rules, and print it as `ldconfig -p` does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relf::loader::cache::{default_cache_flags, ldconfig_print, ByteOrder, LdCache};

fuzz_target!(|data: &[u8]| {
    for order in [ByteOrder::Little, ByteOrder::Big] {
        let _ = ldconfig_print(data, b"/etc/ld.so.cache", order, 36);
        let Ok(cache) = LdCache::parse(data, order) else {
            continue;
        };
        let _ = cache.entries().count();
        for (machine, class64) in [(62u16, true), (22, true), (3, false)] {
            if let Some(abi) = default_cache_flags(machine, class64, 0) {
                for name in [&b"libc.so.6"[..], b"libz.so.1", b"", b"lib"] {
                    let _ = cache.lookup(name, abi, &|s| (s == b"x86-64-v3").then_some(0), &|l| l <= 2);
                }
            }
        }
    }
});
