//! The binary's behaviour: error messages name the file and the problem,
//! other files are still processed, exit statuses, no hang on FIFOs, quiet
//! exit on a closed pipe, and the readelf front end matching readelf itself.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use predicates::prelude::*;

use crate::support::{fixtures_dir, readelf, relf};

fn pie() -> PathBuf {
    fixtures_dir().join("x86_64-pie")
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn missing_file_is_reported_and_others_still_processed() {
    relf()
        .args(["headers", "/nonexistent/x"])
        .arg(pie())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "relf: /nonexistent/x: no such file",
        ))
        .stdout(predicate::str::contains("ELF Header:"));
}

#[test]
fn directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    relf()
        .arg("sections")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is a directory, not a regular file",
        ));
}

#[test]
fn empty_and_text_files_are_not_elf() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write_file(dir.path(), "empty", b"");
    let text = write_file(
        dir.path(),
        "text",
        b"#!/bin/sh\necho this is a shell script, long enough for a header\n",
    );
    relf()
        .arg("headers")
        .arg(&empty)
        .arg(&text)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "empty: file too short for an ELF header (0 bytes)",
        ))
        .stderr(predicate::str::contains(
            "text: not an ELF file (starts with 23 21 2f 62, not 7f 45 4c 46)",
        ));
}

#[test]
fn fifo_does_not_block() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let status = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo (coreutils)");
    assert!(status.success());
    relf()
        .arg("headers")
        .arg(&fifo)
        .timeout(Duration::from_secs(10))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a FIFO, not a regular file"));
}

/// Runs relf as an unprivileged user when the tests run as root, so that a
/// mode-000 file really is unreadable.
#[test]
fn permission_denied_is_reported() {
    let dir = tempfile::Builder::new()
        .prefix("relf-perm")
        .tempdir_in("/tmp")
        .unwrap();
    let secret = write_file(dir.path(), "secret", b"\x7fELF");
    let mut perms = std::fs::metadata(dir.path()).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(dir.path(), perms).unwrap();
    let mut perms = std::fs::metadata(&secret).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    std::fs::set_permissions(&secret, perms).unwrap();
    // A copy of the binary in the 0755 directory: the unprivileged user may
    // not be able to reach the build directory (a checkout under /root).
    let bin = dir.path().join("relf");
    std::fs::copy(assert_cmd::cargo::cargo_bin("relf"), &bin).unwrap();
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    let mut cmd = if is_root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    let out = cmd
        .arg("headers")
        .arg(&secret)
        .output()
        .expect("run relf (setpriv from util-linux when root)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        stderr.contains("secret: permission denied"),
        "stderr: {stderr}"
    );
}

#[test]
fn truncated_files_never_panic() {
    let data = std::fs::read(pie()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut step = data.len() / 97;
    if step == 0 {
        step = 1;
    }
    let mut cut = 0;
    while cut < data.len() {
        let p = write_file(dir.path(), "cut", &data[..cut]);
        for cmd in ["headers", "segments", "sections", "dynamic"] {
            let out = relf()
                .arg(cmd)
                .arg(&p)
                .timeout(Duration::from_secs(10))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.code() == Some(0) || out.status.code() == Some(1),
                "{cmd} at cut {cut}: status {:?}, stderr {stderr}",
                out.status
            );
            assert!(!stderr.contains("panicked"), "{cmd} at cut {cut}: {stderr}");
        }
        cut += step;
    }
}

#[test]
fn huge_counts_and_offsets_are_errors_not_allocations() {
    let mut data = std::fs::read(pie()).unwrap();
    // e_phnum = e_shnum = 0xffff, e_shoff far past the end.
    data[56..58].copy_from_slice(&0xfffeu16.to_le_bytes());
    data[60..62].copy_from_slice(&0xfffeu16.to_le_bytes());
    data[40..48].copy_from_slice(&(u64::MAX - 7).to_le_bytes());
    let dir = tempfile::tempdir().unwrap();
    let p = write_file(dir.path(), "huge", &data);
    // Warnings only: readelf's exit status for the same flags.
    relf()
        .args(["sections"])
        .arg(&p)
        .timeout(Duration::from_secs(10))
        .assert()
        .code(readelf_status(&["-SW"], &p))
        .stderr(predicate::str::contains(
            "huge: warning: section headers at offset",
        ));
    relf()
        .args(["segments"])
        .arg(&p)
        .timeout(Duration::from_secs(10))
        .assert()
        .code(readelf_status(&["-lW"], &p))
        .stderr(predicate::str::contains("too many program headers (65534)"));
}

#[test]
fn closed_pipe_exits_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("relf");
    let pie = pie();
    let mut child = Command::new(bin)
        .arg("sections")
        .args(std::iter::repeat_n(&pie, 400))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "status {:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The readelf front end over several files, with long, short and bundled
/// spellings, equals readelf's own stdout and exit status.
#[test]
fn readelf_front_end_matches_readelf_on_several_files() {
    let dir = tempfile::tempdir().unwrap();
    let text = write_file(dir.path(), "notelf", &[b'x'; 100]);
    let pie = pie();
    let lib = fixtures_dir().join("libx86_64-shared.so");
    let spellings: &[&[&str]] = &[
        &["-h"],
        &["--file-header", "--segments", "--wide"],
        &["-lSW"],
        &["--headers"],
        &["-e", "-d", "-W"],
        &["--program-headers", "--section-headers", "--dynamic"],
        &["-r", "-u"],
        &["--relocs", "--unwind", "--use-dynamic"],
        &["-rWD"],
        &["-e", "-r", "-u", "-d"],
        &["--syms", "--dyn-syms", "-V", "-I"],
        &["-sDW"],
        &[
            "--symbols",
            "--version-info",
            "--histogram",
            "--use-dynamic",
            "-d",
        ],
    ];
    for flags in spellings {
        let mut args: Vec<&std::ffi::OsStr> = flags.iter().map(std::ffi::OsStr::new).collect();
        args.extend([pie.as_os_str(), text.as_os_str(), lib.as_os_str()]);
        let real = Command::new("readelf")
            .args(&args)
            .env("LC_ALL", "C")
            .output()
            .unwrap();
        let ours = relf().arg("readelf").args(&args).output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&ours.stdout),
            String::from_utf8_lossy(&real.stdout),
            "flags {flags:?}"
        );
        assert_eq!(ours.status.code(), real.status.code(), "flags {flags:?}");
    }
}

#[test]
fn native_commands_equal_their_readelf_flags() {
    let pie = pie();
    for (cmd, flags) in [
        ("headers", "-h"),
        ("segments", "-lW"),
        ("sections", "-SW"),
        ("dynamic", "-dW"),
        ("relocs", "-rW"),
        ("notes", "-nW"),
    ] {
        let ours = relf()
            .arg(cmd)
            .arg(&pie)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(ours, readelf(&[flags], &pie), "{cmd}");
    }
    let lib = fixtures_dir().join("libx86_64-shared.so");
    for (args, flags) in [
        (&["symbols"][..], &["-sW"][..]),
        (&["symbols", "--dynamic"], &["--dyn-syms", "-W"]),
        (&["versions"], &["-VW"]),
    ] {
        let ours = relf()
            .args(args)
            .arg(&lib)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(ours, readelf(flags, &lib), "{args:?}");
    }
}

/// The issue's acceptance check: `relf notes` on a real system binary (GNU
/// build ID, ABI tag, properties and stapsdt probes) equals `readelf -nW`.
#[test]
fn notes_of_python3_equal_readelf() {
    let python = std::path::Path::new("/usr/bin/python3");
    assert!(python.exists(), "/usr/bin/python3 is needed for this test");
    let ours = relf()
        .arg("notes")
        .arg(python)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let real = readelf(&["-nW"], python);
    assert!(!real.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&real)
    );
}

#[test]
fn readelf_front_end_rejects_unknown_and_unimplemented_flags() {
    relf()
        .args(["readelf", "-q", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unrecognized readelf option '-q'"));
    relf()
        .args(["readelf", "--section-details", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not implemented by relf yet"));
}

#[test]
fn color_never_and_no_color_keep_stderr_plain() {
    for (flag, env) in [("--color=never", None), ("--color=auto", Some("1"))] {
        let mut cmd = relf();
        if let Some(v) = env {
            cmd.env("NO_COLOR", v);
        }
        cmd.args([flag, "headers", "/nonexistent"])
            .assert()
            .code(1)
            .stderr(predicate::str::starts_with("relf: /nonexistent"));
    }
    relf()
        .args(["--color=always", "headers", "/nonexistent"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("\u{1b}["));
}

/// A symbol table whose size runs past the end of the file: readelf's
/// listing (header line, no symbols), a warning naming the section, and
/// status 0 from the native command as from the readelf front end (and
/// readelf).
#[test]
fn damaged_symbol_table_is_a_warning() {
    let mut data = std::fs::read(fixtures_dir().join("libx86_64-shared.so")).unwrap();
    let le64 = |d: &[u8], at: usize| u64::from_le_bytes(d[at..at + 8].try_into().unwrap());
    let shoff = le64(&data, 0x28) as usize;
    let shnum = u16::from_le_bytes([data[0x3c], data[0x3d]]) as usize;
    let symtab = (0..shnum)
        .map(|i| shoff + i * 64)
        .find(|&o| data[o + 4..o + 8] == 2u32.to_le_bytes())
        .expect(".symtab");
    data[symtab + 32..symtab + 40].copy_from_slice(&1_000_000_000u64.to_le_bytes());
    let dir = tempfile::tempdir().unwrap();
    let bad = write_file(dir.path(), "bad.so", &data);
    relf()
        .args(["symbols"])
        .arg(&bad)
        .assert()
        .code(readelf_status(&["-sW"], &bad))
        .stderr(predicate::str::contains("warning: section").and(predicate::str::contains(
            "invalid sh_size",
        )))
        .stdout(predicate::str::ends_with(
            "Symbol table '.symtab' contains 41666666 entries:\n   Num:    Value          Size Type    Bind   Vis      Ndx Name\n",
        ));
    let ours = relf().args(["readelf", "-sW"]).arg(&bad).assert().code(0);
    assert_eq!(ours.get_output().stdout, readelf(&["-sW"], &bad));
}

/// The real readelf's exit status for `args` on `path`.
fn readelf_status(args: &[&str], path: &std::path::Path) -> i32 {
    Command::new("readelf")
        .args(args)
        .arg(path)
        .env("LC_ALL", "C")
        .output()
        .expect("GNU readelf must be installed (binutils); run tests/run.sh")
        .status
        .code()
        .expect("readelf exited by a signal")
}
