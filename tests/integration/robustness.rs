//! Hostile input, in-process (fast enough to cover every fixture): each
//! fixture truncated at many offsets and with deterministic byte mutations in
//! its headers and tables, parsed and rendered by every readelf-style
//! renderer, the JSON builders and `relf info`'s facts and views. Nothing
//! may panic; every result is either an error or output.

use relf::elf::ElfFile;
use relf::render::{json, readelf};

use crate::support::{fixtures, flag_sets};

fn exercise(data: &[u8]) {
    let Ok(elf) = ElfFile::parse(data) else {
        return;
    };
    for set in flag_sets() {
        let mut out = Vec::new();
        readelf::write_object(&mut out, &elf, &set.options, Some(b"x"));
    }
    // -r -D: relocations through the dynamic section.
    let mut out = Vec::new();
    let dynamic_relocs = readelf::ReadelfOptions {
        relocs: true,
        use_dynamic: true,
        ..Default::default()
    };
    readelf::write_object(&mut out, &elf, &dynamic_relocs, None);
    let _ = json::header(&elf);
    let _ = json::segments(&elf);
    let _ = json::sections(&elf);
    let _ = json::dynamic(&elf);
    let _ = json::relocations(&elf);
    let _ = relf::elf::reloc::problems(&elf, true);
    let _ = json::symbol_tables(&elf, false);
    let _ = json::versions(&elf);
    let _ = elf.required_versions(b"libc.so.6");
    let _ = json::notes(&elf);
    let facts = relf::info::FileFacts::from_elf_with_mode(&elf, data, Some(0o755));
    let mut text = String::new();
    relf::render::info::write_summary(&mut text, b"f", &facts, &Default::default());
    relf::render::info::write_long(&mut text, b"f", &facts, &Default::default());
    let _ = json::info_report(&facts);
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Offsets worth corrupting: the file header, the program and section
/// header tables, the dynamic section, the symbol, version, hash, string,
/// relocation and unwind sections, the note blocks, group, attribute and
/// processor-specific sections.
fn hot_ranges(data: &[u8]) -> Vec<(usize, usize)> {
    let mut ranges = vec![(0, data.len().min(64))];
    if let Ok(elf) = ElfFile::parse(data) {
        let h = &elf.header;
        let span = |off: u64, len: u64| {
            let start = (off as usize).min(data.len());
            (start, (start + len as usize).min(data.len()))
        };
        ranges.push(span(
            h.e_phoff,
            u64::from(h.e_phentsize) * u64::from(h.e_phnum),
        ));
        ranges.push(span(
            h.e_shoff,
            u64::from(h.e_shentsize) * u64::from(h.e_shnum),
        ));
        if let Some(d) = elf.dynamic() {
            ranges.push(span(d.file_offset, d.entries.len() as u64 * 16));
        }
        // Note blocks: sizes and names inside them are attacker-controlled.
        for b in elf.notes().blocks {
            ranges.push(span(b.offset, b.size.min(4096)));
        }
        // Section groups, attribute sections and the processor-specific
        // sections -A reads (.MIPS.abiflags, .MIPS.options, ...).
        for s in elf.section_headers() {
            // Also groups (17), attributes (0x6fff_fff5) and processor-specific
            // sections (-A), and SHT_SYMTAB, SHT_STRTAB, SHT_RELA, SHT_HASH, SHT_REL, SHT_DYNSYM,
            // SHT_SYMTAB_SHNDX, SHT_RELR, SHT_GNU_HASH, SHT_GNU_verdef,
            // SHT_GNU_verneed, SHT_GNU_versym, SHT_ARM_EXIDX.
            if matches!(
                s.sh_type,
                2 | 3
                    | 4
                    | 5
                    | 9
                    | 11
                    | 18
                    | 19
                    | 0x6fff_fff6
                    | 0x6fff_fffd
                    | 0x6fff_fffe
                    | 0x6fff_ffff
                    | 0x7000_0001
            ) || s.sh_type == 17
                || s.sh_type == 0x6fff_fff5
                || s.sh_type >= 0x7000_0000
            {
                ranges.push(span(s.sh_offset, s.sh_size.min(4096)));
            }
        }
    }
    ranges.retain(|(a, b)| b > a);
    ranges
}

#[test]
fn truncated_and_mutated_fixtures_never_panic() {
    let mut cases = 0usize;
    for path in fixtures() {
        let data = std::fs::read(&path).unwrap();
        let step = (data.len() / 64).max(1);
        for cut in (0..data.len()).step_by(step) {
            exercise(&data[..cut]);
            cases += 1;
        }
        let ranges = hot_ranges(&data);
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ data.len() as u64);
        for _ in 0..300 {
            let mut copy = data.clone();
            for _ in 0..1 + rng.next() % 4 {
                let (a, b) = ranges[(rng.next() % ranges.len() as u64) as usize];
                let at = a + (rng.next() as usize) % (b - a);
                copy[at] = match rng.next() % 4 {
                    0 => 0xff,
                    1 => 0x00,
                    2 => copy[at] ^ (1 << (rng.next() % 8)),
                    _ => rng.next() as u8,
                };
            }
            exercise(&copy);
            cases += 1;
        }
    }
    println!("robustness: {cases} truncated or mutated inputs parsed and rendered");
    assert!(cases > 1000);
}
