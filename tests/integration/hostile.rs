//! Hostile input, round 2 (issue 11): files truncated while relf reads
//! them, exit-status parity of the named views, readelf's `DYN` type rule
//! on damaged headers. Inputs are built here (object's builder via
//! `synth`, then patched), expectations come from the real readelf.

use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::synth::Obj;

const DF_1_PIE: u64 = 0x0800_0000;

fn le16(d: &[u8], at: usize) -> u16 {
    u16::from_le_bytes(d[at..at + 2].try_into().unwrap())
}
fn le64(d: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(d[at..at + 8].try_into().unwrap())
}

/// (status code, stdout, stderr) of a command; `None` status: killed by a
/// signal.
fn run(cmd: &mut Command) -> (Option<i32>, Vec<u8>, String) {
    let out = cmd.env("LC_ALL", "C").output().expect("run");
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn relf_cmd() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("relf"));
    c.env_clear();
    c
}

/// A file truncated to one page and restored, in a loop, by a helper
/// thread, while every command reads it: no run may die of a signal
/// (SIGBUS from a vanished mapped page, before the guard); a run that saw
/// the file shrink says so by name.
#[test]
fn file_truncated_while_read_is_an_error_not_sigbus() {
    // The relf binary itself: tens of MB, a large symbol table, relocations,
    // notes, versions; mapped (above the read-into-memory threshold).
    let data = std::fs::read(assert_cmd::cargo::cargo_bin("relf")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    std::fs::create_dir_all(root.join("bin")).unwrap();
    let path = root.join("bin/big");
    std::fs::write(&path, &data).unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let truncater = {
        let stop = stop.clone();
        let path = path.clone();
        let data = data.clone();
        std::thread::spawn(move || {
            let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
            let mut rounds = 0u64;
            while !stop.load(Ordering::SeqCst) {
                f.set_len(4096).unwrap();
                std::thread::sleep(Duration::from_millis(3));
                f.set_len(data.len() as u64).unwrap();
                f.write_all_at(&data[4096..], 4096).unwrap();
                std::thread::sleep(Duration::from_millis(2));
                rounds += 1;
            }
            rounds
        })
    };
    let file = path.to_str().unwrap();
    let root_s = root.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["headers", file],
        vec!["segments", file],
        vec!["sections", file],
        vec!["dynamic", file],
        vec!["symbols", file],
        vec!["versions", file],
        vec!["notes", file],
        vec!["relocs", file],
        vec!["readelf", "-aW", file],
        vec!["info", file],
        vec!["ldd", file],
        vec!["audit", root_s],
        vec!["go", file],
    ];
    let mut signals = Vec::new();
    let mut changed = 0;
    for _ in 0..16 {
        for args in &commands {
            let (code, _, stderr) = run(relf_cmd().args(args).stdout(Stdio::null()));
            if code.is_none() {
                signals.push(args.join(" "));
            }
            if stderr.contains(&format!("relf: {file}: file changed while being read"))
                || stderr.contains("file changed while being read")
            {
                changed += 1;
            }
            assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        }
    }
    stop.store(true, Ordering::SeqCst);
    let rounds = truncater.join().unwrap();
    assert!(rounds > 0);
    assert!(
        signals.is_empty(),
        "killed by a signal while the file was truncated: {signals:?}"
    );
    eprintln!("{changed} runs reported the file changed; {rounds} truncations");
    // Other files are still processed after the one that changed.
    std::fs::write(&path, &data).unwrap();
    let (code, out, _) = run(relf_cmd().args(["headers", file, file]));
    assert_eq!(code, Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out).matches("ELF Header:").count(),
        2
    );
}

/// The named views and the readelf flags they show.
const VIEWS: [(&str, &str); 8] = [
    ("headers", "-h"),
    ("segments", "-lW"),
    ("sections", "-SW"),
    ("dynamic", "-dW"),
    ("symbols", "-sW"),
    ("versions", "-VW"),
    ("notes", "-nW"),
    ("relocs", "-rW"),
];

/// Every named view exits as readelf does with the same flags, on a
/// program cut at many points (warnings alone: status 0, as readelf).
#[test]
fn named_views_exit_as_readelf_does() {
    let data = Obj::exe().build();
    let dir = tempfile::tempdir().unwrap();
    let mut mismatches = Vec::new();
    let mut cuts: Vec<usize> = (0..data.len()).step_by(data.len() / 40 + 1).collect();
    cuts.push(data.len());
    for cut in cuts {
        let p = dir.path().join(format!("cut{cut}"));
        std::fs::write(&p, &data[..cut]).unwrap();
        for (view, flags) in VIEWS {
            let (ours, _, _) = run(relf_cmd().arg(view).arg(&p));
            let (theirs, _, _) = run(Command::new("readelf").arg(flags).arg(&p));
            assert!(theirs.is_some(), "readelf must be installed (binutils)");
            if ours != theirs {
                mismatches.push(format!(
                    "{view} at cut {cut}: relf {ours:?}, readelf {theirs:?}"
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Writes `data` to `dir/name`.
fn put(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, data).unwrap();
    p
}

/// The `Type:` line of `-h` and the `Elf file type is` line of `-l`, as
/// readelf 2.40 decides PIE or shared object (`get_file_type` / `is_pie`
/// / `locate_dynamic_section`), on PIEs damaged in the ways that split the
/// two: e_phnum = PN_XNUM with the real count in section 0, PT_DYNAMIC
/// beyond the end of the file, PT_DYNAMIC with a huge p_filesz.
#[test]
fn dyn_type_line_follows_readelf_rule() {
    let pie = Obj::exe().flags_1(DF_1_PIE).build();
    let phoff = le64(&pie, 0x20) as usize;
    let phentsize = le16(&pie, 0x36) as usize;
    let phnum = le16(&pie, 0x38) as usize;
    let shoff = le64(&pie, 0x28) as usize;
    let dynamic = (0..phnum)
        .map(|i| phoff + i * phentsize)
        .find(|&o| u32::from_le_bytes(pie[o..o + 4].try_into().unwrap()) == 2)
        .expect("PT_DYNAMIC");
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![put(dir.path(), "pie", &pie)];

    let mut xnum = pie.clone();
    xnum[0x38..0x3a].copy_from_slice(&0xffffu16.to_le_bytes());
    xnum[shoff + 44..shoff + 48].copy_from_slice(&(phnum as u32).to_le_bytes());
    files.push(put(dir.path(), "xnum", &xnum));

    let mut beyond = pie.clone();
    beyond[dynamic + 8..dynamic + 16].copy_from_slice(&(pie.len() as u64 + 0x1000).to_le_bytes());
    files.push(put(dir.path(), "beyond", &beyond));

    let mut huge = pie.clone();
    huge[dynamic + 32..dynamic + 40].copy_from_slice(&0x7fff_ffff_ffffu64.to_le_bytes());
    files.push(put(dir.path(), "huge", &huge));

    let pick = |out: &[u8], key: &str| -> String {
        String::from_utf8_lossy(out)
            .lines()
            .filter(|l| l.contains(key))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut diffs = Vec::new();
    for f in &files {
        for (flags, key) in [("-h", "Type:"), ("-lW", "Elf file type")] {
            let (_, ours, _) = run(relf_cmd().arg("readelf").arg(flags).arg(f));
            let (_, theirs, _) = run(Command::new("readelf").arg(flags).arg(f));
            let (ours, theirs) = (pick(&ours, key), pick(&theirs, key));
            assert!(
                !theirs.is_empty(),
                "readelf {flags} printed no {key} line for {f:?}"
            );
            if ours != theirs {
                diffs.push(format!("{f:?} {flags}: relf {ours:?}, readelf {theirs:?}"));
            }
        }
        let (_, ours, _) = run(relf_cmd().arg("readelf").arg("-h").arg(f));
        let (_, theirs, _) = run(Command::new("readelf").arg("-h").arg(f));
        if ours != theirs {
            diffs.push(format!(
                "{f:?} -h differs: {}",
                crate::support::first_difference(&theirs, &ours)
            ));
        }
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

/// A DT_RPATH of 10,000 entries: `relf ldd --explain` stays linear (it
/// was quadratic: 17 s in a release build) and its log is cut, saying so,
/// at `MAX_EXPLAIN_CANDIDATES` lines per library.
#[test]
fn explain_of_a_ten_thousand_entry_rpath_is_bounded_and_fast() {
    let dirs: Vec<String> = (0..10_000).map(|i| format!("/nonexistent/d{i}")).collect();
    let dir = tempfile::tempdir().unwrap();
    let exe = Obj::exe()
        .needs(&["libc.so.6"])
        .rpath(&dirs.join(":"))
        .write(&dir.path().join("r10k"));
    let start = std::time::Instant::now();
    let (code, out, stderr) = run(relf_cmd().args(["ldd", "--explain"]).arg(&exe));
    let took = start.elapsed();
    assert_eq!(code, Some(0), "{stderr}");
    let out = String::from_utf8_lossy(&out);
    let limit = relf::limits::MAX_EXPLAIN_CANDIDATES;
    assert!(
        out.contains(&format!(
            "more candidates not shown (relf's limit of {limit} per library)"
        )),
        "{}",
        &out[..out.len().min(2000)]
    );
    let libraries = out.lines().filter(|l| !l.starts_with(' ')).count();
    assert!(out.lines().count() <= libraries * (limit + 2));
    // A generous bound for an unoptimised, shared test machine; the
    // release figure is in tests/bench.sh.
    assert!(took < Duration::from_secs(5), "took {took:?}");
}
