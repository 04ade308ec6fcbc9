//! `readelf -x/-p/-R/-z` against the real readelf: every ELF file under
//! /usr with one command line of dumps by name and number (stdout and exit
//! status byte for byte), and objects built here with zlib and zstd
//! compressed debug sections and relocations (`-z`, `-R`).

use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

use crate::support::{assert_no_differences, elf_files_under, first_difference, relf};

/// The dumps compared on every file.
const DUMPS: &[&str] = &[
    "-x",
    ".comment",
    "-p",
    ".comment",
    "-x",
    "3",
    "-p",
    ".dynstr",
    "-R",
    ".data.rel.ro",
    "-R",
    ".eh_frame",
];

fn difference(args: &[&str], file: &Path, dir: Option<&Path>) -> Option<String> {
    let mut real = Command::new("readelf");
    real.args(args).arg(file).env("LC_ALL", "C");
    let mut ours = relf();
    ours.arg("readelf").args(args).arg(file);
    if let Some(d) = dir {
        real.current_dir(d);
        ours.current_dir(d);
    }
    let real = real
        .output()
        .expect("GNU readelf must be installed (binutils); run tests/run.sh");
    let ours = ours.output().unwrap();
    if real.stdout == ours.stdout && real.status.code() == ours.status.code() {
        return None;
    }
    let what = if real.stdout == ours.stdout {
        format!(
            "exit status readelf {:?}, relf {:?}",
            real.status.code(),
            ours.status.code()
        )
    } else {
        first_difference(&real.stdout, &ours.stdout)
    };
    Some(format!(
        "{} readelf {}: {what}",
        file.display(),
        args.join(" ")
    ))
}

#[test]
fn dumps_of_every_elf_under_usr_match_readelf() {
    let root = std::env::var_os("RELF_PARITY_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr"));
    let files = elf_files_under(&root);
    assert!(files.len() > 100, "found only {} ELF files", files.len());
    let failures: Vec<String> = files
        .par_iter()
        .filter_map(|f| difference(DUMPS, f, None))
        .collect();
    println!(
        "dumps ({}): {} ELF files under {}, identical {}, differing {}",
        DUMPS.join(" "),
        files.len(),
        root.display(),
        files.len() - failures.len(),
        failures.len()
    );
    assert_no_differences(&failures);
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("gcc and objcopy run (tests/run.sh)");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn compressed_and_relocated_dumps_of_built_objects_match_readelf() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let src = d.join("t.c");
    std::fs::write(
        &src,
        "int x = 1; int *px = &x; const char *s = \"line\\nnext\\x01\";\n\
         static int f(int a) { return a + x; } int (*pf)(int) = f;\n\
         int g(void) { return f(2); }\n",
    )
    .unwrap();
    let mut files = Vec::new();
    for (name, flags) in [
        ("plain.o", &["-c", "-g"][..]),
        ("zlib.o", &["-c", "-g", "-gz=zlib"]),
        ("pic.o", &["-c", "-g", "-fPIC", "-O2"]),
        ("m32.o", &["-c", "-g", "-m32", "-ffreestanding", "-gz=zlib"]),
    ] {
        let out = d.join(name);
        run(Command::new("gcc")
            .args(flags)
            .arg(&src)
            .arg("-o")
            .arg(&out));
        files.push(out);
    }
    let zstd = d.join("zstd.o");
    run(Command::new("objcopy")
        .arg("--compress-debug-sections=zstd")
        .arg(&files[0])
        .arg(&zstd));
    files.push(zstd);
    let gnu = d.join("gnu.o");
    // The legacy .zdebug form, "ZLIB" and a big-endian size.
    run(Command::new("objcopy")
        .arg("--compress-debug-sections=zlib-gnu")
        .arg(&files[0])
        .arg(&gnu));
    files.push(gnu);
    let sets: &[&[&str]] = &[
        &["-z", "-x", ".debug_info"],
        &["-x", ".debug_info"],
        &["-z", "-p", ".debug_str", "-p", ".debug_line_str"],
        &[
            "--decompress",
            "--hex-dump=.debug_abbrev",
            "--string-dump=.zdebug_str",
        ],
        &["-z", "-R", ".debug_info", "-R", ".debug_line"],
        &[
            "-R",
            ".data.rel",
            "-R",
            ".data.rel.local",
            "-R",
            ".eh_frame",
            "-R",
            ".data",
        ],
        &["-R", ".text", "-p", ".rodata", "-x", ".bss"],
        &[
            "-x", "1", "-x", "0x2", "-p", "03", "-x", "999", "-x", ".nope",
        ],
        &["-aW", "-x", ".comment"],
    ];
    let mut failures = Vec::new();
    for f in &files {
        for args in sets {
            failures.extend(difference(args, f, None));
        }
    }
    // An archive of them: dumps per member.
    let lib = d.join("lib.a");
    run(Command::new("ar").arg("rc").arg(&lib).args(&files));
    for args in sets {
        failures.extend(difference(args, &lib, Some(d)));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
