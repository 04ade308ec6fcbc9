//! `ar` archives against the real readelf: every `*.a` under /usr, and
//! archives built here in every layout readelf reads (GNU with long names,
//! no index, thin, thin with a nested archive, BSD names, a `/SYM64/`
//! index, damaged ones), stdout and exit status compared byte for byte.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::support::{assert_no_differences, files_under, first_difference, readelf_version, relf};

/// The flag sets of issue 14.
const FLAG_SETS: &[&[&str]] = &[
    &["-h"],
    &["-S", "-W"],
    &["-s", "-W"],
    &["-r", "-W"],
    &["-n", "-W"],
    &["-a", "-W"],
    &["-c"],
    &["-c", "-h"],
];

/// A tool's stdout and exit status.
type Outcome = (Vec<u8>, Option<i32>);

/// readelf's and `relf readelf`'s stdout and exit status.
fn both(args: &[&str], files: &[&Path]) -> (Outcome, Outcome) {
    let real = Command::new("readelf")
        .args(args)
        .args(files)
        .env("LC_ALL", "C")
        .output()
        .expect("GNU readelf must be installed (binutils); run tests/run.sh");
    let ours = relf()
        .arg("readelf")
        .args(args)
        .args(files)
        .output()
        .unwrap();
    (
        (real.stdout, real.status.code()),
        (ours.stdout, ours.status.code()),
    )
}

/// A difference between readelf and relf on `files`, if any.
fn difference(args: &[&str], files: &[&Path]) -> Option<String> {
    let ((rs, rc), (os, oc)) = both(args, files);
    if rs == os && rc == oc {
        return None;
    }
    let what = if rs == os {
        format!("exit status readelf {rc:?}, relf {oc:?}")
    } else {
        first_difference(&rs, &os)
    };
    Some(format!("{files:?} readelf {}: {what}", args.join(" ")))
}

fn is_archive(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 8];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && (&magic == b"!<arch>\n" || &magic == b"!<thin>\n")
}

#[test]
fn every_archive_under_usr_matches_readelf() {
    let root = std::env::var_os("RELF_PARITY_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr"));
    let files = files_under(&root, |p| {
        p.extension().is_some_and(|e| e == "a") && is_archive(p)
    });
    assert!(
        files.len() > 20,
        "found only {} archives under {}: install libc6-dev (tests/run.sh)",
        files.len(),
        root.display()
    );
    let differing: Vec<AtomicUsize> = FLAG_SETS.iter().map(|_| AtomicUsize::new(0)).collect();
    let failures: Vec<String> = files
        .par_iter()
        .flat_map_iter(|path| {
            FLAG_SETS
                .iter()
                .enumerate()
                .filter_map(|(i, args)| {
                    let d = difference(args, &[path.as_path()])?;
                    differing[i].fetch_add(1, Ordering::Relaxed);
                    Some(d)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    println!(
        "archives under {}: {} compared with {}",
        root.display(),
        files.len(),
        readelf_version()
    );
    for (args, n) in FLAG_SETS.iter().zip(&differing) {
        let n = n.load(Ordering::Relaxed);
        println!(
            "  readelf {:<10} identical {:>5}  differing {:>3}",
            args.join(" "),
            files.len() - n,
            n
        );
    }
    assert_no_differences(&failures);
}

/// One member of an archive written by [`write_archive`].
struct Member<'a> {
    name: &'a str,
    data: &'a [u8],
    /// Symbols the index lists for it.
    symbols: &'a [&'a str],
}

#[derive(Clone, Copy, PartialEq)]
enum Layout {
    /// GNU names (`name/`, `/N` into `//`), a `/` or `/SYM64/` index.
    Gnu { sym64: bool },
    /// BSD names (`#1/LEN`, the name before the data), a `__.SYMDEF`.
    Bsd,
}

fn ar_header(name: &str, size: usize) -> Vec<u8> {
    let h = format!("{name:<16}{:<12}{:<6}{:<6}{:<8}{size:<10}`\n", 0, 0, 0, 644);
    assert_eq!(h.len(), 60, "{name}");
    h.into_bytes()
}

fn pad(out: &mut Vec<u8>) {
    if out.len() % 2 == 1 {
        out.push(b'\n');
    }
}

/// Writes an archive from bytes (GNU ar writes /SYM64/ only past 4 GiB and
/// no BSD names at all).
fn write_archive(layout: Layout, members: &[Member]) -> Vec<u8> {
    let mut out = b"!<arch>\n".to_vec();
    match layout {
        Layout::Bsd => {
            for m in members {
                let name = m.name.as_bytes();
                out.extend(ar_header(
                    &format!("#1/{}", name.len()),
                    name.len() + m.data.len(),
                ));
                out.extend_from_slice(name);
                out.extend_from_slice(m.data);
                pad(&mut out);
            }
        }
        Layout::Gnu { sym64 } => {
            let width = if sym64 { 8 } else { 4 };
            let mut longnames = Vec::new();
            let mut names = Vec::new();
            for m in members {
                if m.name.len() < 15 {
                    names.push(format!("{}/", m.name));
                } else {
                    names.push(format!("/{}", longnames.len()));
                    longnames.extend_from_slice(m.name.as_bytes());
                    longnames.extend_from_slice(b"/\n");
                }
            }
            let nsyms: usize = members.iter().map(|m| m.symbols.len()).sum();
            let strings: Vec<u8> = members
                .iter()
                .flat_map(|m| m.symbols.iter())
                .flat_map(|s| s.bytes().chain([0]))
                .collect();
            let index_size = width + width * nsyms + strings.len();
            let mut offset = 8 + 60 + index_size + index_size % 2;
            if !longnames.is_empty() {
                offset += 60 + longnames.len() + longnames.len() % 2;
            }
            let mut offsets = Vec::new();
            for m in members {
                offsets.extend(std::iter::repeat_n(offset as u64, m.symbols.len()));
                offset += 60 + m.data.len() + m.data.len() % 2;
            }
            out.extend(ar_header(if sym64 { "/SYM64/" } else { "/" }, index_size));
            let be = |v: u64| -> Vec<u8> { v.to_be_bytes()[8 - width..].to_vec() };
            out.extend(be(nsyms as u64));
            for o in offsets {
                out.extend(be(o));
            }
            out.extend(&strings);
            pad(&mut out);
            if !longnames.is_empty() {
                out.extend(ar_header("//", longnames.len()));
                out.extend(&longnames);
                pad(&mut out);
            }
            for (m, name) in members.iter().zip(&names) {
                out.extend(ar_header(name, m.data.len()));
                out.extend_from_slice(m.data);
                pad(&mut out);
            }
        }
    }
    out
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("tool runs (gcc, ar: tests/run.sh)");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Two objects (one with a name too long for the short form), a text file
/// and an ELF32 object, built in `dir`.
fn objects(dir: &Path) -> Vec<PathBuf> {
    let a = dir.join("a.c");
    std::fs::write(
        &a,
        "int x = 1; const char *s = \"hi\"; int f(void) { return x; }\n",
    )
    .unwrap();
    let b = dir.join("b.c");
    std::fs::write(&b, "int y; int g(void) { return y; }\n").unwrap();
    let ao = dir.join("a.o");
    let bo = dir.join("a_member_with_a_long_name.o");
    let co = dir.join("m32.o");
    run(Command::new("gcc")
        .args(["-c", "-g"])
        .arg(&a)
        .arg("-o")
        .arg(&ao));
    run(Command::new("gcc")
        .args(["-c", "-O2"])
        .arg(&b)
        .arg("-o")
        .arg(&bo));
    // An ELF32 object without a 32-bit libc: -ffreestanding needs no headers.
    run(Command::new("gcc")
        .args(["-c", "-m32", "-ffreestanding"])
        .arg(&b)
        .arg("-o")
        .arg(&co));
    let txt = dir.join("notes.txt");
    std::fs::write(
        &txt,
        "not an object at all, but longer than an ELF header is; really\n",
    )
    .unwrap();
    vec![ao, bo, co, txt]
}

#[test]
fn built_archives_match_readelf() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let objs = objects(d);
    let ar = |flags: &str, name: &str, inputs: &[PathBuf]| -> PathBuf {
        let out = d.join(name);
        run(Command::new("ar").arg(flags).arg(&out).args(inputs));
        out
    };
    let mut archives = vec![
        ar("rc", "gnu.a", &objs),
        ar("rcS", "noindex.a", &objs),
        ar("rcT", "thin.a", &objs),
        ar("rc", "empty.a", &[]),
    ];
    archives.push(ar("rcT", "nested.a", &[d.join("gnu.a")]));
    // A thin archive whose member file is gone, and one read from another
    // directory (member paths are relative to the archive).
    let gone = d.join("gone.o");
    std::fs::copy(&objs[0], &gone).unwrap();
    archives.push(ar("rcT", "thin-gone.a", std::slice::from_ref(&gone)));
    std::fs::remove_file(&gone).unwrap();

    let bytes: Vec<Vec<u8>> = objs.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let members: Vec<Member> = objs
        .iter()
        .zip(&bytes)
        .enumerate()
        .map(|(i, (p, data))| Member {
            name: p.file_name().unwrap().to_str().unwrap(),
            data,
            symbols: [&["x", "s", "f"][..], &["g", "y"], &["g"], &[]][i],
        })
        .collect();
    for (name, layout) in [
        ("sym64.a", Layout::Gnu { sym64: true }),
        ("bytes.a", Layout::Gnu { sym64: false }),
        ("bsd.a", Layout::Bsd),
    ] {
        let path = d.join(name);
        std::fs::write(&path, write_archive(layout, &members)).unwrap();
        archives.push(path);
    }
    // Damaged: truncated inside a member header, a bad ar_fmag, and an
    // index that claims more entries than it holds.
    let gnu = std::fs::read(d.join("gnu.a")).unwrap();
    let mut damaged = vec![
        ("truncated.a", gnu[..gnu.len() - 30].to_vec()),
        ("cut-header.a", gnu[..8 + 60 + 20].to_vec()),
    ];
    let mut fmag = gnu.clone();
    let last = fmag.len() - bytes[3].len() - 60 - 1;
    if let Some(p) = fmag[..last].iter().rposition(|&b| b == b'`') {
        fmag[p] = b'X';
    }
    damaged.push(("bad-fmag.a", fmag));
    let mut many = gnu.clone();
    many[68..72].copy_from_slice(&0x4000_0000u32.to_be_bytes());
    damaged.push(("many-entries.a", many));
    for (name, data) in damaged {
        let path = d.join(name);
        std::fs::write(&path, data).unwrap();
        archives.push(path);
    }

    let mut failures = Vec::new();
    let mut compared = 0;
    for archive in &archives {
        for args in FLAG_SETS {
            compared += 1;
            failures.extend(difference(args, &[archive.as_path()]));
        }
    }
    // Several files at once, and readelf run from the archive's directory
    // (thin member paths relative to it).
    for args in FLAG_SETS {
        let all: Vec<&Path> = archives
            .iter()
            .map(|p| p.as_path())
            .chain([objs[0].as_path()])
            .collect();
        failures.extend(difference(args, &all));
    }
    let real = Command::new("readelf")
        .args(["-h", "thin.a"])
        .current_dir(d)
        .output()
        .unwrap();
    let ours = relf()
        .args(["readelf", "-h", "thin.a"])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(
        real.stdout == ours.stdout,
        "thin.a from its directory: {}",
        first_difference(&real.stdout, &ours.stdout)
    );
    assert!(!real.stdout.is_empty());
    println!("built archives: {compared} (archive, flags) pairs compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The native commands show archives member by member too.
#[test]
fn native_commands_show_archive_members() {
    let dir = tempfile::tempdir().unwrap();
    let objs = objects(dir.path());
    let lib = dir.path().join("lib.a");
    run(Command::new("ar").arg("rc").arg(&lib).args(&objs[..2]));
    for (cmd, flags) in [
        ("headers", &["-h"][..]),
        ("sections", &["-SW"]),
        ("symbols", &["-sW"]),
        ("relocs", &["-rW"]),
        ("notes", &["-nW"]),
    ] {
        let ours = relf().arg(cmd).arg(&lib).output().unwrap();
        let real = crate::support::readelf(flags, &lib);
        assert!(real.starts_with(b"\nFile: "), "{cmd}");
        assert_eq!(
            String::from_utf8_lossy(&ours.stdout),
            String::from_utf8_lossy(&real),
            "{cmd}"
        );
        assert_eq!(ours.status.code(), Some(0), "{cmd}");
    }
}
