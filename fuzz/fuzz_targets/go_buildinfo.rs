//! The Go build info reader over arbitrary bytes (ELF or not).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(info) = relf::elf::go::read_build_info(data) {
        let _ = relf::render::json::go_report(&info, None);
    }
});
