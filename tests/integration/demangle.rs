//! `readelf -C` against the real readelf: symbol tables and relocations
//! with demangled names, over every fixture and every ELF file under /usr.
//!
//! relf demangles with cpp_demangle and rustc-demangle, choosing and
//! trimming as libiberty does; where cpp_demangle's grammar or layout
//! differs from libiberty's (pack expansions, local names, function
//! addresses as template arguments, see README) some /usr files differ. The
//! fixtures must match exactly; the /usr counts are printed, not asserted.

use std::path::PathBuf;

use rayon::prelude::*;
use relf::render::readelf::{Demangle, ReadelfOptions};

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

/// Prints how many files under /usr (or `RELF_PARITY_ROOT`) match; the
/// known differences are cpp_demangle's, listed in the README.
#[test]
fn demangle_counts_under_usr() {
    let root = std::env::var_os("RELF_PARITY_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr"));
    let files = crate::support::elf_files_under(&root);
    let per_set = compare(&format!("demangle parity under {}", root.display()), &files);
    for line in per_set.iter().flatten().take(10) {
        println!("    {line}");
    }
}
