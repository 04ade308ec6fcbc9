//! Every readelf-style renderer and JSON builder over whatever the ELF model
//! parsed from arbitrary bytes (`elf_model` fuzzes the model alone, faster).
#![no_main]

use libfuzzer_sys::fuzz_target;
use relf::elf::ElfFile;
use relf::render::{json, readelf};

fuzz_target!(|data: &[u8]| {
    let Ok(elf) = ElfFile::parse(data) else {
        return;
    };
    for wide in [true, false] {
        for use_dynamic in [false, true] {
            let opts = readelf::ReadelfOptions {
                file_header: true,
                segments: true,
                sections: true,
                dynamic: true,
                section_groups: true,
                notes: true,
                arch_specific: true,
                relocs: true,
                unwind: true,
                syms: true,
                dyn_syms: true,
                version_info: true,
                histogram: true,
                use_dynamic,
                wide,
                demangle: use_dynamic.then(readelf::Demangle::default),
            };
            let mut out = Vec::new();
            readelf::write_object(&mut out, &elf, &opts, Some(b"f"));
        }
    }
    let _ = json::header(&elf);
    let _ = json::segments(&elf);
    let _ = json::sections(&elf);
    let _ = json::dynamic(&elf);
    let _ = json::relocations(&elf);
    let _ = json::symbol_tables(&elf, false);
    let _ = json::versions(&elf);
    let _ = json::notes(&elf);
    let _ = elf.go_build_info();
    let facts = relf::info::FileFacts::from_elf_with_mode(&elf, data, Some(0o755));
    let mut text = String::new();
    relf::render::info::write_summary(&mut text, b"f", &facts, &Default::default());
    relf::render::info::write_long(&mut text, b"f", &facts, &Default::default());
    let _ = json::info_report(&facts);
});
