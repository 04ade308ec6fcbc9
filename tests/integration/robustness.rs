//! Hostile input, in-process (fast enough to cover every fixture): each
//! fixture truncated at many offsets and with deterministic byte mutations in
//! its headers and tables, parsed and rendered by every readelf-style
//! renderer, the JSON builders and `relf info`'s facts and views. Nothing
//! may panic; every result is either an error or output. Then every command
//! of the binary over a root of damaged files, one process per command.

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

/// `data` cut at up to `cuts` offsets, then `mutations` copies with one to
/// four bytes of its headers and tables changed, in a reproducible order.
fn variants(data: &[u8], cuts: usize, mutations: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let step = (data.len() / cuts).max(1);
    for cut in (0..data.len()).step_by(step) {
        out.push(data[..cut].to_vec());
    }
    let ranges = hot_ranges(data);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ data.len() as u64);
    for _ in 0..mutations {
        let mut copy = data.to_vec();
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
        out.push(copy);
    }
    out
}

#[test]
fn truncated_and_mutated_fixtures_never_panic() {
    let mut cases = 0usize;
    for path in fixtures() {
        let data = std::fs::read(&path).unwrap();
        for v in variants(&data, 64, 300) {
            exercise(&v);
            cases += 1;
        }
    }
    println!("robustness: {cases} truncated or mutated inputs parsed and rendered");
    assert!(cases > 1000);
}

/// Every command of the binary over a root full of damaged fixtures, one
/// process per command (`ldd` resolves inside that root, so damaged
/// libraries are met as dependencies too): no panic, no signal, a bounded
/// time, and a message or output for every file (exit 0, 1, or 127 as
/// ldd exits when musl libraries are missing).
#[test]
fn every_command_survives_damaged_files() {
    let root = tempfile::tempdir().unwrap();
    let lib = root.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    let mut names = Vec::new();
    for path in fixtures() {
        let data = std::fs::read(&path).unwrap();
        let stem = path.file_name().unwrap().to_string_lossy().into_owned();
        for (k, v) in variants(&data, 6, 10).into_iter().enumerate() {
            let name = format!("{stem}.{k}");
            std::fs::write(lib.join(&name), v).unwrap();
            names.push(name);
        }
    }
    // Damaged copies under the names programs need, so resolution meets them.
    for (soname, fixture) in [
        ("libc.so.6", "x86_64-pie"),
        ("libm.so.6", "libx86_64-shared.so"),
    ] {
        if let Some(v) = std::fs::read(crate::support::fixtures_dir().join(fixture))
            .ok()
            .and_then(|d| variants(&d, 1, 3).pop())
        {
            std::fs::write(lib.join(soname), v).unwrap();
        }
    }
    let inside: Vec<String> = names.iter().map(|n| format!("/lib/{n}")).collect();
    let on_host: Vec<std::path::PathBuf> = names.iter().map(|n| lib.join(n)).collect();
    let commands: &[&[&str]] = &[
        &["headers"],
        &["headers", "--json"],
        &["segments"],
        &["sections"],
        &["dynamic", "--json"],
        &["relocs"],
        &["relocs", "--json"],
        &["symbols"],
        &["symbols", "--dynamic", "--json"],
        &["versions"],
        &["versions", "--json"],
        &["notes"],
        &["notes", "--json"],
        &["readelf", "-a", "-W", "-C"],
        &["readelf", "-a", "-D"],
        &["go"],
        &["go", "--json"],
        &["info"],
        &["info", "--long"],
        &["info", "--json"],
    ];
    let run = |args: &[&str], files: &mut dyn Iterator<Item = &std::ffi::OsStr>| {
        let out = crate::support::relf()
            .args(args)
            .args(files)
            .timeout(std::time::Duration::from_secs(300))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1 | 127)) && !stderr.contains("panicked"),
            "relf {args:?} over damaged files: {:?}\n{}",
            out.status,
            &stderr[..stderr.len().min(2000)]
        );
        assert!(
            !(out.stdout.is_empty() && out.stderr.is_empty()),
            "relf {args:?}: no output at all"
        );
    };
    for args in commands {
        run(args, &mut on_host.iter().map(|p| p.as_os_str()));
    }
    let root_arg = root.path().to_str().unwrap();
    // The audit of that root, in both formats (exit: a finding class).
    for extra in [&[][..], &["--json"], &["--sarif"]] {
        let out = crate::support::relf()
            .arg("audit")
            .args(extra)
            .arg(root.path())
            .timeout(std::time::Duration::from_secs(300))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.code().is_some_and(|c| c != 101) && !stderr.contains("panicked"),
            "relf audit {extra:?} over damaged files: {:?}\n{}",
            out.status,
            &stderr[..stderr.len().min(2000)]
        );
        assert!(!out.stdout.is_empty(), "relf audit {extra:?}: no report");
    }
    for extra in [&[][..], &["--tree"], &["--explain"], &["--json"]] {
        let mut args = vec!["ldd", "--root", root_arg];
        args.extend_from_slice(extra);
        run(&args, &mut inside.iter().map(std::ffi::OsStr::new));
    }
    println!(
        "robustness: {} damaged files through {} command lines",
        names.len(),
        commands.len() + 7
    );
}
