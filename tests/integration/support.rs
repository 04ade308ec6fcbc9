//! Shared helpers: running relf with a scrubbed environment, finding ELF
//! files, rendering in-process.

use std::path::{Path, PathBuf};
use std::process::Command;

use relf::elf::ElfFile;
use relf::render::readelf::{write_object, ReadelfOptions};
use relf::source::FileBytes;

/// The relf binary with an environment that cannot leak host settings in.
pub fn relf() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("relf").expect("relf binary");
    scrub(cmd.env_clear());
    cmd
}

fn scrub(cmd: &mut assert_cmd::Command) -> &mut assert_cmd::Command {
    cmd.env("LC_ALL", "C")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures_dir() -> PathBuf {
    repo_root().join("testdata/fixtures")
}

/// Every committed fixture (regular files in testdata/fixtures except the
/// provenance notes).
pub fn fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("testdata/fixtures exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file() && is_elf(p))
        .collect();
    v.sort();
    v
}

/// Every regular ELF file under `root` (by magic, symlinks not followed),
/// sorted.
pub fn elf_files_under(root: &Path) -> Vec<PathBuf> {
    files_under(root, is_elf)
}

/// Every regular file under `root` that `keep` accepts (symlinks not
/// followed), sorted; `keep` runs in parallel.
pub fn files_under(root: &Path, keep: impl Fn(&Path) -> bool + Sync) -> Vec<PathBuf> {
    use rayon::prelude::*;
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect::<Vec<_>>()
        .into_par_iter()
        .filter(|p| keep(p))
        .collect();
    files.sort();
    files
}

pub fn is_elf(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == b"\x7fELF"
}

/// A readelf flag set and the options relf uses for it.
pub struct FlagSet {
    pub args: &'static [&'static str],
    pub options: ReadelfOptions,
}

pub fn flag_sets() -> Vec<FlagSet> {
    let o = ReadelfOptions::default;
    vec![
        FlagSet {
            args: &["-h"],
            options: ReadelfOptions {
                file_header: true,
                ..o()
            },
        },
        FlagSet {
            args: &["-lW"],
            options: ReadelfOptions {
                segments: true,
                wide: true,
                ..o()
            },
        },
        FlagSet {
            args: &["-SW"],
            options: ReadelfOptions {
                sections: true,
                wide: true,
                ..o()
            },
        },
        FlagSet {
            args: &["-dW"],
            options: ReadelfOptions {
                dynamic: true,
                wide: true,
                ..o()
            },
        },
        // Non-wide and combined: -e -d prints header, sections, segments, dynamic.
        FlagSet {
            args: &["-e", "-d"],
            options: ReadelfOptions {
                file_header: true,
                sections: true,
                segments: true,
                dynamic: true,
                ..o()
            },
        },
        FlagSet {
            args: &["-sW"],
            options: ReadelfOptions {
                syms: true,
                wide: true,
                ..o()
            },
        },
        // Non-wide: names cut to fit with their versions.
        FlagSet {
            args: &["-s"],
            options: ReadelfOptions { syms: true, ..o() },
        },
        FlagSet {
            args: &["--dyn-syms", "-W"],
            options: ReadelfOptions {
                dyn_syms: true,
                wide: true,
                ..o()
            },
        },
        FlagSet {
            args: &["-nW"],
            options: ReadelfOptions {
                notes: true,
                wide: true,
                ..o()
            },
        },
        FlagSet {
            args: &["-VW"],
            options: ReadelfOptions {
                version_info: true,
                wide: true,
                ..o()
            },
        },
        FlagSet {
            args: &["-n"],
            options: ReadelfOptions { notes: true, ..o() },
        },
        FlagSet {
            args: &["-g"],
            options: ReadelfOptions {
                section_groups: true,
                ..o()
            },
        },
        FlagSet {
            args: &["-I"],
            options: ReadelfOptions {
                histogram: true,
                ..o()
            },
        },
        // Symbols through the dynamic section (readelf -D), with -d to check
        // that the dynamic section still prints.
        FlagSet {
            args: &["-D", "-s", "-d", "-W"],
            options: ReadelfOptions {
                syms: true,
                dynamic: true,
                use_dynamic: true,
                wide: true,
                ..o()
            },
        },
        // The order of process_object: dynamic, symbols, histogram, versions.
        FlagSet {
            args: &["-d", "--dyn-syms", "-I", "-V"],
            options: ReadelfOptions {
                dynamic: true,
                dyn_syms: true,
                histogram: true,
                version_info: true,
                ..o()
            },
        },
        FlagSet {
            args: &["-rW"],
            options: ReadelfOptions {
                relocs: true,
                wide: true,
                ..o()
            },
        },
        // Non-wide: 12-digit 64-bit columns, types cut to 17 characters.
        FlagSet {
            args: &["-r"],
            options: ReadelfOptions {
                relocs: true,
                ..o()
            },
        },
        FlagSet {
            args: &["-u"],
            options: ReadelfOptions {
                unwind: true,
                ..o()
            },
        },
        // Relocations through the dynamic section's tags.
        FlagSet {
            args: &["-D", "-r", "-W"],
            options: ReadelfOptions {
                relocs: true,
                use_dynamic: true,
                wide: true,
                ..o()
            },
        },
        FlagSet {
            args: &["-A"],
            options: ReadelfOptions {
                arch_specific: true,
                ..o()
            },
        },
        // Everything this issue adds, together and in readelf's order.
        FlagSet {
            args: &["-g", "-n", "-A", "-d"],
            options: ReadelfOptions {
                section_groups: true,
                notes: true,
                arch_specific: true,
                dynamic: true,
                ..o()
            },
        },
        // -a: every part readelf 2.40's -a prints, wide and not.
        FlagSet {
            args: &["-a", "-W"],
            options: all(true),
        },
        FlagSet {
            args: &["-a"],
            options: all(false),
        },
    ]
}

/// relf's readelf-style rendering of one file, in-process.
pub fn render(path: &Path, options: &ReadelfOptions) -> Result<Vec<u8>, String> {
    let bytes = FileBytes::open(path).map_err(|e| e.to_string())?;
    let elf = ElfFile::parse(&bytes).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    write_object(&mut out, &elf, options, None);
    Ok(out)
}

/// The real readelf's stdout, or a panic if readelf cannot be run at all
/// (the suite must not skip silently: tests/run.sh installs binutils).
pub fn readelf(args: &[&str], path: &Path) -> Vec<u8> {
    let out = Command::new("readelf")
        .args(args)
        .arg(path)
        .env("LC_ALL", "C")
        .output()
        .expect("GNU readelf must be installed (binutils); run tests/run.sh");
    out.stdout
}

pub fn readelf_version() -> String {
    let out = Command::new("readelf")
        .arg("--version")
        .output()
        .expect("GNU readelf must be installed (binutils); run tests/run.sh");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

/// The first line where two outputs differ, for failure messages.
pub fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let a = String::from_utf8_lossy(actual);
    let mut el = e.lines();
    let mut al = a.lines();
    let mut n = 1;
    loop {
        match (el.next(), al.next()) {
            (None, None) => return "outputs differ only in line endings".into(),
            (x, y) if x == y => n += 1,
            (x, y) => {
                return format!(
                    "line {n}:\n    readelf: {:?}\n    relf:    {:?}",
                    x.unwrap_or("<end>"),
                    y.unwrap_or("<end>")
                )
            }
        }
    }
}

/// The options `readelf -a` sets (readelf.c `parse_args`, case 'a').
pub fn all(wide: bool) -> ReadelfOptions {
    ReadelfOptions {
        syms: true,
        relocs: true,
        unwind: true,
        dynamic: true,
        file_header: true,
        sections: true,
        section_groups: true,
        segments: true,
        version_info: true,
        histogram: true,
        arch_specific: true,
        notes: true,
        wide,
        ..ReadelfOptions::default()
    }
}

/// Fails with the count and the first 20 differences, if any.
pub fn assert_no_differences<S: AsRef<str>>(failures: &[S]) {
    let first: Vec<&str> = failures.iter().take(20).map(|s| s.as_ref()).collect();
    assert!(
        failures.is_empty(),
        "{} differences, first ones:\n{}",
        failures.len(),
        first.join("\n")
    );
}
