//! Names taken from files (library names, run paths, file names) cannot
//! reach a terminal raw through relf's own (human) renderers and messages:
//! escape sequences and control characters are shown escaped. The parity
//! renderers print what ldd and readelf print (readelf escapes by itself;
//! ldd does not), and that is checked too, so the difference is deliberate.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::support::relf;
use crate::synth::Obj;

/// Bytes that must never reach a terminal from a file's contents: ESC, BEL,
/// backspace, carriage return, and C1's CSI (U+009B, as UTF-8).
fn raw_controls(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    for (i, w) in bytes.windows(2).enumerate() {
        if w == [0xc2, 0x9b] {
            found.push(format!("CSI at {i}"));
        }
    }
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, 0x1b | 0x07 | 0x08 | b'\r') {
            found.push(format!("{b:#04x} at {i}"));
        }
    }
    found
}

const EVIL_NEEDED: &str = "lib\x1b]0;pwned\x07title.so";
const EVIL_NEEDED_2: &str = "lib\x1b[2J\u{9b}31mclear.so";

/// A program whose NEEDED names, run path and own file name carry escape
/// sequences, in a directory of its own.
fn evil_program(dir: &Path) -> PathBuf {
    let name = OsStr::from_bytes(b"prog\x1b[1mbold");
    let exe = Obj::exe()
        .needs(&[EVIL_NEEDED, EVIL_NEEDED_2, "libc.so.6"])
        .rpath("/nonexistent/\x1b[5mblink")
        .write(&dir.join(name));
    assert!(exe.exists());
    exe
}

fn assert_clean(what: &str, stdout: &[u8], stderr: &[u8]) {
    let out = raw_controls(stdout);
    let err = raw_controls(stderr);
    assert!(
        out.is_empty() && err.is_empty(),
        "{what}: raw control bytes reached the terminal: stdout {out:?}, stderr {err:?}\n{}{}",
        String::from_utf8_lossy(stdout),
        String::from_utf8_lossy(stderr)
    );
}

#[test]
fn human_renderers_escape_names_from_files() {
    let dir = tempfile::tempdir().unwrap();
    let exe = evil_program(dir.path());
    let views: &[&[&str]] = &[
        &["ldd", "--tree"],
        &["ldd", "--tree", "--all"],
        &["ldd", "--explain"],
        &["ldd", "--why", "libc.so.6"],
        &["info"],
        &["info", "--long"],
    ];
    for args in views {
        let out = relf()
            .args(["--color", "never"])
            .args(*args)
            .arg(&exe)
            .output()
            .unwrap();
        assert_clean(&args.join(" "), &out.stdout, &out.stderr);
        // The names are there, escaped, not dropped.
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            text.contains("\\x1b"),
            "{args:?}: escaped name missing:\n{text}"
        );
    }
}

#[test]
fn error_messages_escape_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join(OsStr::from_bytes(b"gone\x1b[31m\x07"));
    for command in ["headers", "symbols", "ldd", "go", "info"] {
        let out = relf().arg(command).arg(&missing).output().unwrap();
        assert!(!out.status.success(), "{command}: a missing file fails");
        assert_clean(command, &out.stdout, &out.stderr);
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("gone\\x1b[31m\\x07"),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A name inside the file, in a warning: the unfound interpreter of a
    // program whose PT_INTERP is rewritten to carry an escape.
    let exe = evil_program(dir.path());
    let out = relf()
        .args(["ldd", "--root"])
        .arg(dir.path())
        .arg(Path::new("/").join(exe.file_name().unwrap()))
        .output()
        .unwrap();
    // stdout is the ldd-parity list; the warnings are relf's own.
    assert_clean("ldd --root warnings", b"", &out.stderr);
    assert!(
        !out.stderr.is_empty(),
        "the missing interpreter is reported"
    );
}

#[test]
fn ldd_parity_output_prints_names_as_ldd_does() {
    // glibc's ldd prints the names it was given byte for byte; so does
    // `relf ldd` without --tree (the parity renderer). This pins the
    // difference down rather than leaving it to chance.
    let dir = tempfile::tempdir().unwrap();
    let exe = evil_program(dir.path());
    let out = relf().arg("ldd").arg(&exe).output().unwrap();
    let stdout = out.stdout;
    assert!(
        stdout
            .windows(EVIL_NEEDED.len())
            .any(|w| w == EVIL_NEEDED.as_bytes()),
        "{}",
        String::from_utf8_lossy(&stdout)
    );
    let real = std::process::Command::new("ldd")
        .arg(&exe)
        .output()
        .unwrap();
    let strip = |b: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(b)
            .lines()
            .filter(|l| l.contains("not found"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        strip(&stdout),
        strip(&real.stdout),
        "same not-found lines as ldd"
    );
}
