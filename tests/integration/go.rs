//! `relf go` against the real `go version` (go1.19.8, /usr/bin/go; tests/run.sh
//! installs golang-go): stdout byte for byte, the exit status, and stderr
//! after relf's `relf: ` prefix.
//!
//! Compared: the committed fixture; Go binaries built here at test time
//! (no network: modules with a local `replace` and one dependency served by
//! a `file://` GOPROXY written by the test) as static, cgo (dynamic, glibc),
//! stripped, -trimpath, PIE, c-shared, GOPATH-mode, -ldflags -X, VCS-stamped
//! and -buildvcs=false builds, and for arm64, 386, s390x and mips; the same
//! binaries patched to the pre-1.18 pointer layout (which go1.19 still
//! reads but can no longer write); directories (`go version -m DIR`, `-v`);
//! all of /usr; and mutated binaries. Go's `strconv.IsPrint` is compared
//! over every code point. Counts are printed.

use std::ffi::OsString;
use std::io::Read;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::support::{fixtures_dir, relf};

/// What one run printed.
#[derive(Debug)]
struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// `None` when killed after the deadline.
    status: Option<i32>,
}

/// Runs `cmd` with a deadline, collecting its output.
fn run_with_deadline(mut cmd: Command, deadline: Duration) -> Outcome {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s.code();
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Outcome {
        stdout: out_t.join().unwrap(),
        stderr: err_t.join().unwrap(),
        status,
    }
}

/// Where build products and Go's caches live (kept between runs).
fn work_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("go-tests")
}

/// The go command with an environment that cannot leak host settings in.
fn go_command() -> Command {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let mut cmd = Command::new("go");
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("LC_ALL", "C")
        .env("HOME", work_dir())
        .env("GOENV", "off")
        .env("GOCACHE", tmp.join("go-cache"))
        .env("GOPATH", work_dir().join("gopath"))
        .env("GOMODCACHE", work_dir().join("modcache"))
        .env("GOSUMDB", "off")
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off")
        .env("GOOS", "linux");
    cmd
}

fn require_go() {
    let out = go_command()
        .arg("version")
        .output()
        .expect("the go command must be installed (golang-go); run tests/run.sh");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("go version go1.19"),
        "these tests compare with go1.19's `go version -m`; found {text:?}"
    );
}

/// `go version ARGS` in `cwd`.
fn go_version(args: &[OsString], cwd: &Path) -> Outcome {
    let mut cmd = go_command();
    cmd.arg("version").args(args).current_dir(cwd);
    run_with_deadline(cmd, Duration::from_secs(120))
}

/// `relf go` with the flags that mean the same as go's `ARGS`: relf prints
/// module lines by default (`go version -m`), `--short` is plain `go
/// version`.
fn relf_go(args: &[OsString], cwd: &Path) -> Outcome {
    let mut relf_args: Vec<OsString> = vec!["go".into()];
    if !args.iter().any(|a| a == "-m") {
        relf_args.push("--short".into());
    }
    relf_args.extend(args.iter().filter(|a| *a != "-m").cloned());
    let mut real = Command::new(assert_cmd::cargo::cargo_bin("relf"));
    real.env_clear()
        .env("LC_ALL", "C")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args(&relf_args)
        .current_dir(cwd);
    run_with_deadline(real, Duration::from_secs(120))
}

/// relf's stderr with its `relf: ` prefix removed from every line.
fn unprefixed(stderr: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(stderr);
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(line.strip_prefix("relf: ").unwrap_or(line));
        out.push('\n');
    }
    out.into_bytes()
}

/// Messages about formats relf does not read (PE, Mach-O, XCOFF) or ELF
/// features it does not decode (a compressed section name table): Go's
/// line for such a file differs by design. Removes them from both sides.
fn without_known_deviations(go_err: &[u8], relf_err: &[u8]) -> (String, String, usize) {
    let relf_text = String::from_utf8_lossy(relf_err).into_owned();
    let go_text = String::from_utf8_lossy(go_err).into_owned();
    let mut names = Vec::new();
    let mut relf_kept = String::new();
    for line in relf_text.lines() {
        if line.ends_with("not supported by relf") {
            if let Some(i) = line.find(": could not read Go build info") {
                names.push(format!("{}: ", &line[..i]));
            }
            continue;
        }
        relf_kept.push_str(line);
        relf_kept.push('\n');
    }
    let mut go_kept = String::new();
    for line in go_text.lines() {
        if names.iter().any(|n| line.starts_with(n.as_str())) {
            continue;
        }
        go_kept.push_str(line);
        go_kept.push('\n');
    }
    (go_kept, relf_kept, names.len())
}

/// Counts from one comparison.
#[derive(Debug, Default)]
struct Counts {
    runs: usize,
    /// `FILE: goVERSION` lines.
    binaries: usize,
    stdout_lines: usize,
    stderr_lines: usize,
    deviations: usize,
}

/// Compares `go version ARGS` and `relf go` in `cwd`; a mismatch is
/// returned as a description.
fn compare(args: &[OsString], cwd: &Path, counts: &mut Counts) -> Result<(), String> {
    let go = go_version(args, cwd);
    let ours = relf_go(args, cwd);
    let what = format!("go version {args:?} (in {})", cwd.display());
    if go.status.is_none() {
        return Err(format!("{what}: go did not finish"));
    }
    if go.stdout != ours.stdout {
        return Err(format!(
            "{what}: stdout differs\n--- go\n{}\n--- relf\n{}",
            String::from_utf8_lossy(&go.stdout),
            String::from_utf8_lossy(&ours.stdout)
        ));
    }
    if go.status != ours.status {
        return Err(format!(
            "{what}: exit status go {:?}, relf {:?}; relf stderr: {}",
            go.status,
            ours.status,
            String::from_utf8_lossy(&ours.stderr)
        ));
    }
    let (go_err, relf_err, deviations) =
        without_known_deviations(&go.stderr, &unprefixed(&ours.stderr));
    if go_err != relf_err {
        let first = go_err
            .lines()
            .zip(relf_err.lines())
            .find(|(a, b)| a != b)
            .map(|(a, b)| format!("go:   {a}\nrelf: {b}"))
            .unwrap_or_else(|| "(one is a prefix of the other)".into());
        return Err(format!("{what}: stderr differs\n{first}"));
    }
    counts.runs += 1;
    let stdout = String::from_utf8_lossy(&go.stdout);
    counts.stdout_lines += stdout.lines().count();
    counts.binaries += stdout.lines().filter(|l| !l.starts_with('\t')).count();
    counts.stderr_lines += go_err.lines().count();
    counts.deviations += deviations;
    Ok(())
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

fn path_arg(flags: &[&str], path: &Path) -> Vec<OsString> {
    let mut v = os(flags);
    v.push(path.as_os_str().to_owned());
    v
}

// ---------------------------------------------------------------------------
// Building Go binaries at test time.

/// Every binary built, by label.
#[derive(Debug)]
struct Built {
    root: PathBuf,
    bins: Vec<(String, PathBuf)>,
    /// The same binaries rewritten to the pre-1.18 pointer layout.
    old_layout: Vec<(String, PathBuf)>,
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// CRC-32 (IEEE), for the module zip.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip archive of stored (uncompressed) files, as a module proxy serves.
fn zip_stored(files: &[(&str, &str)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, body) in files {
        let offset = out.len() as u32;
        let crc = crc32(body.as_bytes());
        let len = body.len() as u32;
        let mut common = Vec::new();
        common.extend_from_slice(&20u16.to_le_bytes()); // version needed
        common.extend_from_slice(&0u16.to_le_bytes()); // flags
        common.extend_from_slice(&0u16.to_le_bytes()); // stored
        common.extend_from_slice(&0u16.to_le_bytes()); // time
        common.extend_from_slice(&0x21u16.to_le_bytes()); // date 1980-01-01
        common.extend_from_slice(&crc.to_le_bytes());
        common.extend_from_slice(&len.to_le_bytes());
        common.extend_from_slice(&len.to_le_bytes());
        common.extend_from_slice(&(name.len() as u16).to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body.as_bytes());
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        central.extend_from_slice(&common);
        central.extend_from_slice(&[0; 6]); // comment len, disk, internal attrs
        central.extend_from_slice(&0u32.to_le_bytes()); // external attrs
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// Writes the module sources and the file proxy.
fn write_sources(root: &Path) {
    let proxy = root.join("proxy/example.com/dep/@v");
    let dep_mod = "module example.com/dep\n\ngo 1.19\n";
    write(&proxy.join("list"), "v1.0.0\n");
    write(
        &proxy.join("v1.0.0.info"),
        r#"{"Version":"v1.0.0","Time":"2020-01-01T00:00:00Z"}"#,
    );
    write(&proxy.join("v1.0.0.mod"), dep_mod);
    let zip = zip_stored(&[
        ("example.com/dep@v1.0.0/go.mod", dep_mod),
        (
            "example.com/dep@v1.0.0/dep.go",
            "package dep\n\nfunc Name() string { return \"dep\" }\n",
        ),
    ]);
    std::fs::write(proxy.join("v1.0.0.zip"), zip).unwrap();

    let src = root.join("src");
    write(
        &src.join("lib/go.mod"),
        "module example.com/lib\n\ngo 1.19\n",
    );
    write(
        &src.join("lib/lib.go"),
        "package lib\n\nfunc Name() string { return \"lib\" }\n",
    );
    let main_go = "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/dep\"\n\t\"example.com/lib\"\n)\n\nvar version = \"dev\"\nvar note = \"\"\n\nfunc main() { fmt.Println(dep.Name(), lib.Name(), version, note) }\n";
    for (dir, module) in [("app", "example.com/app"), ("vcsapp", "example.com/vcsapp")] {
        write(
            &src.join(dir).join("go.mod"),
            &format!(
                "module {module}\n\ngo 1.19\n\nrequire (\n\texample.com/dep v1.0.0\n\texample.com/lib v1.2.3\n)\n\nreplace example.com/lib v1.2.3 => ../lib\n"
            ),
        );
        write(&src.join(dir).join("main.go"), main_go);
    }
    write(
        &src.join("cgoapp/go.mod"),
        "module example.com/cgoapp\n\ngo 1.19\n",
    );
    write(
        &src.join("cgoapp/main.go"),
        "package main\n\n// static int twice(int x) { return 2 * x; }\nimport \"C\"\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(C.twice(21)) }\n",
    );
    write(
        &src.join("gopath/hello.go"),
        "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n",
    );
}

fn run_ok(cmd: Command, what: &str) {
    let out = run_with_deadline(cmd, Duration::from_secs(900));
    assert_eq!(
        out.status,
        Some(0),
        "{what} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn git(dir: &Path, args: &[&str]) {
    let mut cmd = Command::new("git");
    cmd.args(["-c", "user.name=relf", "-c", "user.email=relf@example.com"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("GIT_AUTHOR_DATE", "2024-01-02T03:04:05Z")
        .env("GIT_COMMITTER_DATE", "2024-01-02T03:04:05Z");
    run_ok(cmd, &format!("git {args:?}"));
}

/// One `go build`: label, module directory, environment, flags.
struct Build {
    label: &'static str,
    dir: &'static str,
    env: &'static [(&'static str, &'static str)],
    flags: &'static [&'static str],
    target: &'static str,
}

const BUILDS: &[Build] = &[
    Build {
        label: "static",
        dir: "app",
        env: &[("CGO_ENABLED", "0")],
        flags: &[],
        target: ".",
    },
    Build {
        label: "stripped",
        dir: "app",
        env: &[("CGO_ENABLED", "0")],
        flags: &["-ldflags=-s -w"],
        target: ".",
    },
    Build {
        label: "trimpath",
        dir: "app",
        env: &[("CGO_ENABLED", "0")],
        flags: &["-trimpath"],
        target: ".",
    },
    Build {
        label: "ldflags-x",
        dir: "app",
        env: &[("CGO_ENABLED", "0")],
        flags: &[
            "-ldflags=-X main.version=1.2.3 -X 'main.note=a b \"c\"'",
            "-tags=netgo,osusergo",
            "-gcflags=all=-l",
        ],
        target: ".",
    },
    Build {
        label: "pie",
        dir: "app",
        env: &[("CGO_ENABLED", "0")],
        flags: &["-buildmode=pie"],
        target: ".",
    },
    Build {
        label: "arm64",
        dir: "app",
        env: &[("CGO_ENABLED", "0"), ("GOARCH", "arm64")],
        flags: &[],
        target: ".",
    },
    Build {
        label: "386",
        dir: "app",
        env: &[("CGO_ENABLED", "0"), ("GOARCH", "386")],
        flags: &[],
        target: ".",
    },
    Build {
        label: "s390x",
        dir: "app",
        env: &[("CGO_ENABLED", "0"), ("GOARCH", "s390x")],
        flags: &[],
        target: ".",
    },
    Build {
        label: "mips",
        dir: "app",
        env: &[
            ("CGO_ENABLED", "0"),
            ("GOARCH", "mips"),
            ("GOMIPS", "softfloat"),
        ],
        flags: &[],
        target: ".",
    },
    Build {
        label: "cgo",
        dir: "cgoapp",
        env: &[("CGO_ENABLED", "1"), ("CGO_CFLAGS", "-O2 -g -DNOTE=\"x\"")],
        flags: &[],
        target: ".",
    },
    Build {
        label: "c-shared.so",
        dir: "cgoapp",
        env: &[("CGO_ENABLED", "1")],
        flags: &["-buildmode=c-shared"],
        target: ".",
    },
    Build {
        label: "gopath",
        dir: "gopath",
        env: &[
            ("CGO_ENABLED", "0"),
            ("GO111MODULE", "off"),
            ("GOFLAGS", ""),
        ],
        flags: &[],
        target: "hello.go",
    },
    Build {
        label: "buildvcs-false",
        dir: "vcsapp",
        env: &[("CGO_ENABLED", "0")],
        flags: &["-buildvcs=false"],
        target: ".",
    },
    Build {
        label: "vcs",
        dir: "vcsapp",
        env: &[("CGO_ENABLED", "0")],
        flags: &[],
        target: ".",
    },
];

/// Labels of binaries that keep their symbol table (for the layout patch).
const PATCHED: &[&str] = &["static", "386", "s390x", "mips", "arm64", "cgo", "pie"];

fn build(b: &Build, root: &Path, out: &Path) {
    let mut cmd = go_command();
    cmd.env("GOPROXY", format!("file://{}/proxy", root.display()))
        .current_dir(root.join("src").join(b.dir))
        .arg("build")
        .args(b.flags)
        .arg("-o")
        .arg(out)
        .arg(b.target);
    if b.dir != "vcsapp" {
        // The work directory lies inside relf's own git checkout: without
        // this, Go would stamp relf's revision into every build.
        cmd.env("GOFLAGS", "-mod=mod -buildvcs=false");
    }
    for (k, v) in b.env {
        cmd.env(k, v);
    }
    run_ok(cmd, &format!("go build ({})", b.label));
}

/// `go tool nm` addresses of runtime.buildVersion and runtime.modinfo.
fn string_symbols(bin: &Path) -> (u64, u64) {
    let out = go_command()
        .args(["tool", "nm"])
        .arg(bin)
        .output()
        .expect("go tool nm");
    let text = String::from_utf8_lossy(&out.stdout);
    let find = |name: &str| {
        text.lines()
            .find_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                (f.len() == 3 && f[2] == name).then(|| u64::from_str_radix(f[0], 16).unwrap())
            })
            .unwrap_or_else(|| panic!("{name} not in {}", bin.display()))
    };
    (find("runtime.buildVersion"), find("runtime.modinfo"))
}

/// Rewrites a go1.19 binary's build info header to the Go 1.13-1.17
/// layout: flags without the inline bit, then the addresses of the Go
/// string headers of runtime.buildVersion and runtime.modinfo (which the
/// 1.19 linker still fills in), in the target's pointer size and order.
fn patch_to_pointer_layout(bin: &Path, out: &Path) {
    let mut data = std::fs::read(bin).unwrap();
    let info = relf::elf::go::read_build_info(&data).expect("build info");
    let (vers, modinfo) = string_symbols(bin);
    let at = info.offset as usize;
    let big = info.flags & 1 != 0;
    let size = usize::from(info.pointer_size);
    data[at + 15] = u8::from(big);
    for (i, addr) in [vers, modinfo].into_iter().enumerate() {
        let bytes = if big {
            addr.to_be_bytes()[8 - size..].to_vec()
        } else {
            addr.to_le_bytes()[..size].to_vec()
        };
        let start = at + 16 + i * size;
        data[start..start + size].copy_from_slice(&bytes);
    }
    std::fs::write(out, &data).unwrap();
    std::fs::set_permissions(out, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        require_go();
        let root = work_dir();
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("bin")).unwrap();
        write_sources(&root);
        let vcs = root.join("src/vcsapp");
        let started = Instant::now();
        let mut bins = Vec::new();
        for b in BUILDS {
            if b.label == "vcs" {
                // Committed after the -buildvcs=false build wrote go.sum,
                // so that the stamped build is clean (vcs.modified=false).
                git(&vcs, &["init", "-q"]);
                git(&vcs, &["add", "."]);
                git(&vcs, &["commit", "-q", "-m", "initial"]);
            }
            let out = root.join("bin").join(b.label);
            build(b, &root, &out);
            bins.push((b.label.to_string(), out));
        }
        // go build writes c-shared libraries without execute bits, so go
        // version skips them ("not executable file"); an executable copy
        // is read (build info in a gcc-linked ET_DYN).
        let so = root.join("bin/c-shared-exec.so");
        std::fs::copy(root.join("bin/c-shared.so"), &so).unwrap();
        std::fs::set_permissions(&so, std::fs::Permissions::from_mode(0o755)).unwrap();
        bins.push(("c-shared-exec.so".into(), so));
        // A VCS build with uncommitted changes: vcs.modified=true.
        write(&vcs.join("extra.go"), "package main\n\nvar extra = 1\n");
        let modified = root.join("bin/vcs-modified");
        let vcs_build = BUILDS.iter().find(|b| b.label == "vcs").unwrap();
        build(vcs_build, &root, &modified);
        bins.push(("vcs-modified".into(), modified));
        std::fs::create_dir_all(root.join("old")).unwrap();
        let mut old_layout = Vec::new();
        for (label, path) in &bins {
            if PATCHED.contains(&label.as_str()) {
                let out = root.join("old").join(label);
                patch_to_pointer_layout(path, &out);
                old_layout.push((label.clone(), out));
            }
        }
        println!(
            "go: built {} binaries and {} pointer-layout rewrites in {:.1}s",
            bins.len(),
            old_layout.len(),
            started.elapsed().as_secs_f64()
        );
        Built {
            root,
            bins,
            old_layout,
        }
    })
}

// ---------------------------------------------------------------------------
// The comparisons.

#[test]
fn go_version_matches_on_built_binaries() {
    let b = built();
    let mut counts = Counts::default();
    let mut failures = Vec::new();
    for (_, path) in &b.bins {
        for flags in [&["-m"][..], &[][..]] {
            if let Err(e) = compare(&path_arg(flags, path), &b.root, &mut counts) {
                failures.push(e);
            }
        }
    }
    println!(
        "go version parity, built binaries: {} runs, {} binaries reported, {} stdout lines identical",
        counts.runs, counts.binaries, counts.stdout_lines
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(counts.runs, 2 * b.bins.len());
    // All but the non-executable c-shared.so are reported, twice.
    assert_eq!(counts.binaries, 2 * (b.bins.len() - 1));
}

#[test]
fn built_binaries_have_what_they_should() {
    // Guards against a build silently not exercising its case.
    let b = built();
    let get = |label: &str| {
        let path = &b.bins.iter().find(|(l, _)| l == label).unwrap().1;
        let data = std::fs::read(path).unwrap();
        let info = relf::elf::go::read_build_info(&data).unwrap();
        let elf = relf::elf::ElfFile::parse(&data).unwrap();
        let interp = elf.interpreter().map(|i| i.to_vec());
        (
            info,
            interp,
            elf.header.e_machine,
            elf.go_build_id().is_some(),
        )
    };
    let (info, interp, _, has_id) = get("cgo");
    assert!(interp.is_some(), "the cgo build must be dynamically linked");
    assert_eq!(info.modules.setting(b"CGO_ENABLED"), Some(&b"1"[..]));
    assert!(has_id);
    let (info, interp, ..) = get("static");
    assert!(interp.is_none());
    let dep = &info.modules.deps;
    assert!(dep
        .iter()
        .any(|d| d.path == b"example.com/dep" && d.sum.starts_with(b"h1:")));
    assert!(dep
        .iter()
        .any(|d| d.replace.as_ref().is_some_and(|r| r.path == b"../lib")));
    let (info, ..) = get("vcs");
    assert_eq!(info.modules.setting(b"vcs"), Some(&b"git"[..]));
    assert_eq!(info.modules.setting(b"vcs.modified"), Some(&b"false"[..]));
    let (info, ..) = get("vcs-modified");
    assert_eq!(info.modules.setting(b"vcs.modified"), Some(&b"true"[..]));
    let (info, ..) = get("buildvcs-false");
    assert_eq!(info.modules.setting(b"vcs"), None);
    let (info, ..) = get("static");
    assert_eq!(info.modules.setting(b"vcs"), None);
    let (info, ..) = get("ldflags-x");
    assert!(info.modules.setting(b"-ldflags").unwrap().contains(&b' '));
    for (label, machine, ptr, big) in [
        ("arm64", 183, 8, false),
        ("386", 3, 4, false),
        ("s390x", 22, 8, true),
        ("mips", 8, 4, true),
    ] {
        let (info, _, m, _) = get(label);
        assert_eq!(
            (m, info.pointer_size, info.flags & 1 != 0),
            (machine, ptr, big),
            "{label}"
        );
    }
}

#[test]
fn go_version_matches_on_the_pre_1_18_pointer_layout() {
    let b = built();
    let mut counts = Counts::default();
    let mut failures = Vec::new();
    for (label, path) in &b.old_layout {
        let data = std::fs::read(path).unwrap();
        let info = relf::elf::go::read_build_info(&data).unwrap();
        assert!(
            matches!(info.layout, relf::elf::go::BuildInfoLayout::Pointers { .. }),
            "{label}"
        );
        assert_eq!(info.go_version, b"go1.19.8", "{label}");
        if let Err(e) = compare(&path_arg(&["-m"], path), &b.root, &mut counts) {
            failures.push(e);
        }
    }
    println!(
        "go version parity, pointer layout (rewritten binaries): {} files, {} stdout lines identical",
        counts.runs, counts.stdout_lines
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(counts.binaries, b.old_layout.len());
}

#[test]
fn go_version_matches_on_the_committed_fixture() {
    require_go();
    let mut counts = Counts::default();
    let fixture = fixtures_dir().join("go-static");
    compare(&path_arg(&["-m"], &fixture), &fixtures_dir(), &mut counts).unwrap();
    compare(&os(&["-m", "go-static"]), &fixtures_dir(), &mut counts).unwrap();
    assert_eq!(counts.binaries, 2);
}

/// A directory with the built binaries and everything `scanDir` must skip.
fn scan_tree(b: &Built) -> PathBuf {
    let tree = b.root.join("tree");
    let _ = std::fs::remove_dir_all(&tree);
    std::fs::create_dir_all(tree.join("sub/deeper")).unwrap();
    for (i, (label, path)) in b.bins.iter().enumerate() {
        let dest = if i % 2 == 0 {
            tree.join(label)
        } else {
            tree.join("sub").join(label)
        };
        std::fs::copy(path, dest).unwrap();
    }
    std::fs::copy(&b.old_layout[0].1, tree.join("sub/deeper/old-static")).unwrap();
    std::fs::copy("/bin/sh", tree.join("c-program")).unwrap();
    write(&tree.join("script.sh"), "#!/bin/sh\necho hi\n");
    std::fs::set_permissions(
        tree.join("script.sh"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    write(&tree.join("notes.txt"), "not executable\n");
    std::fs::copy(&b.bins[0].1, tree.join("go-not-executable")).unwrap();
    std::fs::set_permissions(
        tree.join("go-not-executable"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    write(&tree.join("short"), "\x7fELF");
    std::fs::set_permissions(tree.join("short"), std::fs::Permissions::from_mode(0o755)).unwrap();
    symlink("static", tree.join("link-to-go")).unwrap();
    symlink("nowhere", tree.join("link-broken")).unwrap();
    symlink("sub", tree.join("link-to-dir")).unwrap();
    let fifo = tree.join("fifo");
    let status = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(status.success());
    tree
}

#[test]
fn go_version_matches_on_directories() {
    let b = built();
    let tree = scan_tree(b);
    let mut counts = Counts::default();
    let mut failures = Vec::new();
    let t = tree.to_str().unwrap();
    let cases: Vec<Vec<OsString>> = vec![
        os(&["-m", "tree"]),
        os(&["-m", "./tree/"]),
        os(&["-m", "tree//sub/../sub"]),
        os(&["-m", "-v", "tree"]),
        os(&["tree"]),
        os(&["-v", "tree"]),
        os(&["-m", t]),
        os(&["-m", "tree/link-to-dir"]),
        os(&["-m", "tree/link-to-dir/"]),
        os(&["-m", "-v", "tree/link-to-dir"]),
        // Explicit files: every message go prints, and stat failures.
        os(&[
            "-m",
            "tree/static",
            "tree/link-to-go",
            "tree/c-program",
            "tree/script.sh",
            "tree/notes.txt",
            "tree/go-not-executable",
            "tree/short",
            "tree/fifo",
            "tree/link-broken",
            "tree/missing",
            "tree/static/x",
            "/dev/null",
        ]),
    ];
    for args in &cases {
        if let Err(e) = compare(args, &b.root, &mut counts) {
            failures.push(e);
        }
    }
    println!(
        "go version parity, directories and explicit files: {} runs, {} binaries reported, {} stdout and {} stderr lines identical",
        counts.runs, counts.binaries, counts.stdout_lines, counts.stderr_lines
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn go_version_matches_over_usr() {
    require_go();
    let mut counts = Counts::default();
    let usr = Path::new("/usr");
    compare(&path_arg(&["-m"], usr), usr, &mut counts).unwrap();
    let reported = counts.binaries;
    let lines = counts.stdout_lines;
    compare(&path_arg(&["-v"], usr), usr, &mut counts).unwrap();
    println!(
        "go version parity over /usr: -m: {reported} Go binaries, {lines} stdout lines identical; -v: {} stderr lines identical ({} PE/Mach-O files not read by relf left out)",
        counts.stderr_lines, counts.deviations
    );
}

/// xorshift64, for reproducible mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn mutated_binaries_match_go() {
    let b = built();
    let dir = b.root.join("mutants");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut counts = Counts::default();
    let mut go_panicked = 0;
    let mut failures = Vec::new();
    let sources: Vec<&(String, PathBuf)> = b
        .bins
        .iter()
        .filter(|(l, _)| ["static", "386", "s390x"].contains(&l.as_str()))
        .chain(
            b.old_layout
                .iter()
                .filter(|(l, _)| ["static", "mips"].contains(&l.as_str())),
        )
        .collect();
    for (n, (label, path)) in sources.iter().enumerate() {
        let original = std::fs::read(path).unwrap();
        let elf = relf::elf::ElfFile::parse(&original).unwrap();
        let info = relf::elf::go::read_build_info(&original).unwrap();
        let h = &elf.header;
        let ph = (
            h.e_phoff as usize,
            usize::from(h.e_phentsize) * usize::from(h.e_phnum),
        );
        let blob = (info.offset as usize, 64 + info.modinfo.len().min(256));
        // Section headers, except the size of the name table: Go allocates
        // whatever size it claims before reading it.
        let sh = (
            h.e_shoff as usize,
            usize::from(h.e_shentsize) * usize::from(h.e_shnum),
        );
        let strtab_size = sh.0
            + usize::from(h.e_shentsize) * usize::from(h.e_shstrndx)
            + if h.is_64() { 32 } else { 20 };
        for i in 0..120 {
            let mut data = original.clone();
            let edits = 1 + rng.below(3);
            for _ in 0..edits {
                let (start, len) = match rng.below(4) {
                    0 => (0, if h.is_64() { 64 } else { 52 }),
                    1 => ph,
                    2 => sh,
                    _ => blob,
                };
                let mut at = start + rng.below(len);
                if (strtab_size..strtab_size + 8).contains(&at) {
                    at = start;
                }
                data[at] = match rng.below(4) {
                    0 => 0,
                    1 => 0xff,
                    2 => data[at] ^ (1 << rng.below(8)),
                    _ => rng.next() as u8,
                };
            }
            let file = dir.join(format!("{n}-{label}-{i}"));
            std::fs::write(&file, &data).unwrap();
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755)).unwrap();
            let args = path_arg(&["-m"], &file);
            let go = go_version(&args, &dir);
            if go.status != Some(0) && go.status != Some(1) {
                // Go 1.19 panics (index out of range, makeslice) or hangs on
                // some inputs (golang/go#57002, #54968); relf must not.
                go_panicked += 1;
                let ours = relf_go(&args, &dir);
                assert!(
                    matches!(ours.status, Some(0 | 1)),
                    "relf failed on {}",
                    file.display()
                );
                continue;
            }
            match compare(&args, &dir, &mut counts) {
                // Failing inputs are kept for a look.
                Err(e) => failures.push(e),
                Ok(()) => {
                    let _ = std::fs::remove_file(&file);
                }
            }
        }
    }
    println!(
        "go version parity, mutated binaries: {} identical ({} reported as Go binaries), {} where go itself crashed or hung",
        counts.runs, counts.binaries, go_panicked
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn is_print_matches_go_for_every_code_point() {
    require_go();
    let dir = work_dir().join("isprint");
    let _ = std::fs::create_dir_all(&dir);
    write(
        &dir.join("main.go"),
        "package main\n\nimport (\n\t\"bufio\"\n\t\"fmt\"\n\t\"os\"\n\t\"strconv\"\n)\n\n// Prints the code points where strconv.IsPrint changes value.\nfunc main() {\n\tw := bufio.NewWriter(os.Stdout)\n\tdefer w.Flush()\n\tin := false\n\tfor r := rune(0); r <= 0x10FFFF; r++ {\n\t\tif p := strconv.IsPrint(r); p != in {\n\t\t\tfmt.Fprintf(w, \"%x\\n\", r)\n\t\t\tin = p\n\t\t}\n\t}\n}\n",
    );
    let out = go_command()
        .env("GO111MODULE", "off")
        .env("GOFLAGS", "")
        .args(["run", "main.go"])
        .current_dir(&dir)
        .output()
        .expect("go run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut ours = String::new();
    let mut state = false;
    for r in 0..=0x10FFFFu32 {
        let p = relf::elf::go::strconv::is_print(r);
        if p != state {
            ours.push_str(&format!("{r:x}\n"));
            state = p;
        }
    }
    let theirs = String::from_utf8_lossy(&out.stdout);
    assert_eq!(ours, theirs);
    println!(
        "go strconv.IsPrint parity: 0x110000 code points, {} range boundaries identical",
        theirs.lines().count()
    );
}

// ---------------------------------------------------------------------------
// JSON, read back with the tests' own types (the schema is a contract).

#[derive(Debug, Deserialize)]
struct Document {
    schema_version: u32,
    command: String,
    files: Vec<FileReport>,
}

#[derive(Debug, Deserialize)]
struct FileReport {
    path: String,
    error: Option<String>,
    #[serde(default)]
    warnings: Vec<String>,
    go: Option<GoReport>,
}

#[derive(Debug, Deserialize)]
struct GoReport {
    go_version: String,
    build_id: Option<String>,
    layout: String,
    pointer_size: u8,
    byte_order: String,
    path: Option<String>,
    main: Option<Module>,
    deps: Vec<Module>,
    settings: Vec<Setting>,
}

#[derive(Debug, Deserialize)]
struct Module {
    path: String,
    version: String,
    sum: Option<String>,
    replace: Option<Box<Module>>,
}

#[derive(Debug, Deserialize)]
struct Setting {
    key: String,
    value: String,
}

fn relf_json(args: &[&Path], cwd: &Path) -> Document {
    let out = relf()
        .arg("go")
        .arg("--json")
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).expect("relf go --json prints JSON")
}

#[test]
fn json_reports_modules_settings_and_layout() {
    let b = built();
    let bin = |label: &str| b.bins.iter().find(|(l, _)| l == label).unwrap().1.clone();
    let old = b
        .old_layout
        .iter()
        .find(|(l, _)| l == "s390x")
        .unwrap()
        .1
        .clone();
    let missing = b.root.join("missing");
    let doc = relf_json(&[&bin("ldflags-x"), &bin("cgo"), &old, &missing], &b.root);
    assert_eq!((doc.schema_version, doc.command.as_str()), (1, "go"));
    assert_eq!(doc.files.len(), 4);
    let app = doc.files[0].go.as_ref().unwrap();
    assert_eq!(app.go_version, "go1.19.8");
    assert_eq!(app.layout, "inline");
    assert_eq!(app.path.as_deref(), Some("example.com/app"));
    let main = app.main.as_ref().unwrap();
    assert_eq!(
        (main.path.as_str(), main.version.as_str()),
        ("example.com/app", "(devel)")
    );
    assert_eq!(main.sum, None);
    let dep = app
        .deps
        .iter()
        .find(|d| d.path == "example.com/dep")
        .unwrap();
    assert_eq!(dep.version, "v1.0.0");
    assert!(dep.sum.as_deref().unwrap().starts_with("h1:"));
    let lib = app
        .deps
        .iter()
        .find(|d| d.path == "example.com/lib")
        .unwrap();
    assert_eq!(lib.replace.as_ref().unwrap().path, "../lib");
    let ldflags = app.settings.iter().find(|s| s.key == "-ldflags").unwrap();
    assert_eq!(
        ldflags.value,
        "-X main.version=1.2.3 -X 'main.note=a b \"c\"'"
    );
    let cgo = doc.files[1].go.as_ref().unwrap();
    assert!(
        cgo.build_id.is_some(),
        "cgo builds keep the Go build ID note"
    );
    let old = doc.files[2].go.as_ref().unwrap();
    assert_eq!(
        (
            old.layout.as_str(),
            old.pointer_size,
            old.byte_order.as_str()
        ),
        ("pointers", 8, "big")
    );
    assert!(doc.files[3].go.is_none());
    assert!(doc.files[3].error.as_deref().unwrap().starts_with("stat "));
    assert!(doc.files[3].path.ends_with("missing"));

    // A Go binary whose build info header is gone but whose build ID note
    // is not: an error, as for go version, and a warning naming the note.
    let mut data = std::fs::read(bin("cgo")).unwrap();
    let at = relf::elf::go::read_build_info(&data).unwrap().offset as usize;
    data[at] = 0;
    let gutted = b.root.join("no-buildinfo");
    std::fs::write(&gutted, &data).unwrap();
    std::fs::set_permissions(&gutted, std::fs::Permissions::from_mode(0o755)).unwrap();
    let doc = relf_json(&[&gutted], &b.root);
    let file = &doc.files[0];
    assert!(file
        .error
        .as_deref()
        .unwrap()
        .ends_with("not a Go executable"));
    assert!(file.warnings[0].starts_with("Go build ID note present ("));
}

#[test]
fn json_of_the_committed_fixture() {
    let out = relf()
        .args(["go", "--json", "go-static"])
        .current_dir(fixtures_dir())
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}
