//! Differential tests against the real GNU readelf: every ELF file under
//! /usr (found by its magic bytes, not its name) and every fixture, for each
//! flag set, byte for byte. Counts are printed (`cargo test -- --nocapture`
//! shows them; tests/run.sh passes it).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::support::{
    assert_no_differences, elf_files_under, first_difference, fixtures, flag_sets, readelf,
    readelf_version, render,
};

/// Directory tree to compare; `RELF_PARITY_ROOT` overrides /usr.
fn parity_root() -> PathBuf {
    std::env::var_os("RELF_PARITY_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr"))
}

/// Compares relf and readelf on `files` for every flag set; returns a report
/// of every difference (empty when all identical).
fn compare(label: &str, files: &[PathBuf]) -> Vec<String> {
    let sets = flag_sets();
    let differing: Vec<AtomicUsize> = sets.iter().map(|_| AtomicUsize::new(0)).collect();
    let failures: Vec<String> = files
        .par_iter()
        .flat_map_iter(|path| {
            sets.iter()
                .enumerate()
                .filter_map(|(i, set)| {
                    let expected = readelf(set.args, path);
                    let actual = match render(path, &set.options) {
                        Ok(a) => a,
                        Err(e) => format!("<relf error: {e}>").into_bytes(),
                    };
                    if expected == actual {
                        return None;
                    }
                    differing[i].fetch_add(1, Ordering::Relaxed);
                    Some(format!(
                        "{} readelf {}: {}",
                        path.display(),
                        set.args.join(" "),
                        first_difference(&expected, &actual)
                    ))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    println!(
        "{label}: {} ELF files compared with {}",
        files.len(),
        readelf_version()
    );
    for (set, n) in sets.iter().zip(&differing) {
        let n = n.load(Ordering::Relaxed);
        println!(
            "  readelf {:<28} identical {:>5}  differing {:>3}",
            set.args.join(" "),
            files.len() - n,
            n
        );
    }
    failures
}

#[test]
fn every_elf_under_usr_matches_readelf() {
    let root = parity_root();
    let files = elf_files_under(&root);
    assert!(
        files.len() > 100,
        "found only {} ELF files under {}: the parity test needs a real system tree",
        files.len(),
        root.display()
    );
    let failures = compare(&format!("parity under {}", root.display()), &files);
    assert_no_differences(&failures);
}

#[test]
fn every_fixture_matches_readelf() {
    let files = fixtures();
    assert!(!files.is_empty(), "no fixtures found in testdata/fixtures");
    let failures = compare("parity of fixtures", &files);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
