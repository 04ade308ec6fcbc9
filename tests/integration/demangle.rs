//! `readelf -C` against the real readelf: symbol tables and relocations
//! with demangled names, over every fixture and every ELF file under /usr;
//! and every distinct mangled symbol name there against binutils' c++filt
//! (the same libiberty demanglers, called with readelf's options).
//!
//! relf demangles C++ with its port of libiberty's cp-demangle.c and Rust
//! with rustc-demangle, choosing and trimming as libiberty does.

use std::collections::BTreeSet;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use rayon::prelude::*;
use relf::elf::ElfFile;
use relf::render::readelf::demangle::demangle;
use relf::render::readelf::{Demangle, ReadelfOptions};
use relf::source::FileBytes;

use crate::support::{first_difference, fixtures, readelf, render};

struct Set {
    args: &'static [&'static str],
    options: ReadelfOptions,
}

fn sets() -> Vec<Set> {
    let d = Some(Demangle::default());
    vec![
        Set {
            args: &["-sW", "-C"],
            options: ReadelfOptions {
                syms: true,
                wide: true,
                demangle: d,
                ..Default::default()
            },
        },
        Set {
            args: &["--dyn-syms", "-W", "-C"],
            options: ReadelfOptions {
                dyn_syms: true,
                wide: true,
                demangle: d,
                ..Default::default()
            },
        },
        Set {
            args: &["-rW", "-C"],
            options: ReadelfOptions {
                relocs: true,
                wide: true,
                demangle: d,
                ..Default::default()
            },
        },
        // Non-wide: readelf cuts on the mangled name's length.
        Set {
            args: &["-s", "-C"],
            options: ReadelfOptions {
                syms: true,
                demangle: d,
                ..Default::default()
            },
        },
    ]
}

/// Per flag set, the files that differ (with the first differing line).
fn compare(label: &str, files: &[PathBuf]) -> Vec<Vec<String>> {
    let sets = sets();
    let per_set: Vec<Vec<String>> = sets
        .iter()
        .map(|set| {
            files
                .par_iter()
                .filter_map(|path| {
                    let expected = readelf(set.args, path);
                    let actual = render(path, &set.options)
                        .unwrap_or_else(|e| format!("<relf error: {e}>").into_bytes());
                    (expected != actual).then(|| {
                        format!(
                            "{} readelf {}: {}",
                            path.display(),
                            set.args.join(" "),
                            first_difference(&expected, &actual)
                        )
                    })
                })
                .collect()
        })
        .collect();
    println!("{label}: {} ELF files", files.len());
    for (set, bad) in sets.iter().zip(&per_set) {
        println!(
            "  readelf {:<22} identical {:>5}  differing {:>4}",
            set.args.join(" "),
            files.len() - bad.len(),
            bad.len()
        );
    }
    per_set
}

#[test]
fn every_fixture_demangles_as_readelf() {
    let files = fixtures();
    let failures: Vec<String> = compare("demangle parity of fixtures", &files)
        .into_iter()
        .flatten()
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn parity_root() -> PathBuf {
    std::env::var_os("RELF_PARITY_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr"))
}

/// Every file under /usr (or `RELF_PARITY_ROOT`) prints as readelf prints
/// it, for each `-C` flag set.
#[test]
fn demangle_parity_under_usr() {
    let root = parity_root();
    let files = crate::support::elf_files_under(&root);
    let per_set = compare(&format!("demangle parity under {}", root.display()), &files);
    let failures: Vec<&String> = per_set.iter().flatten().collect();
    let shown: Vec<&str> = failures.iter().take(20).map(|s| s.as_str()).collect();
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        shown.join("\n")
    );
}

/// The distinct names in `path`'s symbol tables that libiberty's
/// demanglers look at (`_Z`, `_GLOBAL_`, `_R`), without newlines (the
/// comparison is line by line).
fn mangled_names(path: &Path) -> Vec<Vec<u8>> {
    let Ok(bytes) = FileBytes::open(path) else {
        return Vec::new();
    };
    let Ok(elf) = ElfFile::parse(&bytes) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for (_, table) in elf.symbol_tables() {
        let Ok(table) = table else { continue };
        for sym in &table.symbols {
            let Some(name) = table.name(sym) else {
                continue;
            };
            let mangled = [&b"_Z"[..], b"_GLOBAL_", b"_R"]
                .iter()
                .any(|p| name.starts_with(p));
            if mangled && !name.contains(&b'\n') {
                names.push(name.to_vec());
            }
        }
    }
    names
}

/// c++filt's output for each name: `-i` drops c++filt's default
/// `DMGL_VERBOSE`, leaving readelf's `DMGL_PARAMS | DMGL_ANSI`. Names made
/// of the characters c++filt reads as one symbol go through stdin in one
/// process; the others (`foo@@VERS`) as arguments, which c++filt takes
/// whole.
fn cxxfilt(names: &[&[u8]], recurse_limit: bool) -> Vec<Vec<u8>> {
    let flags: &[&str] = if recurse_limit {
        &["-i"]
    } else {
        &["-i", "-r"]
    };
    let word = |n: &[u8]| {
        n.iter()
            .all(|&c| c.is_ascii_alphanumeric() || b"_$.".contains(&c))
    };
    let mut out: Vec<Vec<u8>> = vec![Vec::new(); names.len()];
    let (plain, other): (Vec<usize>, Vec<usize>) = (0..names.len()).partition(|&i| word(names[i]));
    let mut child = Command::new("c++filt")
        .args(flags)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("c++filt (binutils) must be installed");
    let mut stdin = child.stdin.take().expect("stdin");
    let input: Vec<u8> = plain
        .iter()
        .flat_map(|&i| names[i].iter().copied().chain([b'\n']))
        .collect();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let result = child.wait_with_output().expect("c++filt runs");
    writer.join().expect("writer").expect("write to c++filt");
    let lines: Vec<&[u8]> = result.stdout.split(|&c| c == b'\n').collect();
    for (k, &i) in plain.iter().enumerate() {
        out[i] = lines.get(k).copied().unwrap_or_default().to_vec();
    }
    for chunk in other.chunks(1000) {
        let result = Command::new("c++filt")
            .args(flags)
            .arg("--")
            .args(chunk.iter().map(|&i| std::ffi::OsStr::from_bytes(names[i])))
            .output()
            .expect("c++filt runs");
        let lines: Vec<&[u8]> = result.stdout.split(|&c| c == b'\n').collect();
        for (k, &i) in chunk.iter().enumerate() {
            out[i] = lines.get(k).copied().unwrap_or_default().to_vec();
        }
    }
    out
}

/// Every distinct mangled name of the fixtures and of the ELF files under
/// /usr (or `RELF_PARITY_ROOT`) demangles as binutils 2.40's c++filt
/// demangles it with readelf's options, with and without the recursion
/// limit.
#[test]
fn names_demangle_as_cxxfilt() {
    let root = parity_root();
    let mut files = crate::support::elf_files_under(&root);
    files.extend(fixtures());
    let names: BTreeSet<Vec<u8>> = files
        .par_iter()
        .map(|p| mangled_names(p))
        .flatten()
        .collect();
    let names: Vec<&[u8]> = names.iter().map(Vec::as_slice).collect();
    let mut failures = Vec::new();
    for recurse_limit in [true, false] {
        let d = Demangle {
            recurse_limit,
            ..Demangle::default()
        };
        let expected = cxxfilt(&names, recurse_limit);
        let mut demangled = 0;
        let mut differing = 0;
        for (name, want) in names.iter().zip(&expected) {
            let got = demangle(name, d);
            demangled += usize::from(got.is_some());
            let got = got.as_deref().unwrap_or(name);
            if got != want.as_slice() {
                differing += 1;
                if failures.len() < 20 {
                    failures.push(format!(
                        "{} (recurse limit {recurse_limit}):\n    c++filt: {}\n    relf:    {}",
                        String::from_utf8_lossy(name),
                        String::from_utf8_lossy(want),
                        String::from_utf8_lossy(got)
                    ));
                }
            }
        }
        println!(
            "mangled names of {} files under {} and the fixtures (recurse limit {recurse_limit}): \
             {} distinct, {demangled} demangled, {differing} differ from c++filt",
            files.len(),
            root.display(),
            names.len()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
