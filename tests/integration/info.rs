//! `relf info` against the tools people use for the same questions:
//!
//! - every ELF file under /usr: kind and linkage words equal `file -b`'s
//!   (file 5.44), counts per class printed;
//! - every ELF file under /usr: the highest `GLIBC_x.y` needed equals the
//!   highest `Name: GLIBC_x.y` of `readelf -VW`'s version needs;
//! - the programs of /usr/sbin and the built fixtures: RELRO, canary, NX and
//!   PIE equal checksec 2.6's (`checksec --format=csv`), FORTIFY yes/no too;
//! - fixtures built at test time by testdata/info/build.sh (gcc, musl-gcc,
//!   Go pure/cgo/arm64, stripped, hardened, unhardened): the facts in
//!   testdata/info/EXPECTED, libc variant included, and file(1)'s words;
//! - bionic- and uClibc-shaped programs linked at test time against stub
//!   libraries (interpreter, SONAME, Android note);
//! - the text, `--long` and `--json` views of committed fixtures (insta
//!   snapshots) and per-file errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use relf::elf::ElfFile;
use relf::info::{FileFacts, Kind, LibcVariant, Pie, Relro};
use relf::source::FileBytes;

use crate::support::{elf_files_under, fixtures_dir, relf, repo_root};

fn facts(path: &Path) -> Result<FileFacts, String> {
    use std::os::unix::fs::MetadataExt;
    let bytes = FileBytes::open(path).map_err(|e| e.to_string())?;
    let elf = ElfFile::parse(&bytes).map_err(|e| e.to_string())?;
    let mode = std::fs::metadata(path).ok().map(|m| m.mode());
    Ok(FileFacts::from_elf_with_mode(&elf, &bytes, mode))
}

/// file(1)'s kind and linkage words in one `file -b` line.
fn file_words(line: &str) -> (Option<&'static str>, Option<&'static str>) {
    let kinds = [
        "pie executable",
        "shared object",
        "relocatable",
        "executable",
        "core file",
    ];
    let kind = line.find("ELF ").and_then(|at| {
        // "ELF 64-bit LSB <kind>, ..."
        let rest = &line[at..];
        let after = rest.splitn(4, ' ').nth(3)?;
        kinds.into_iter().find(|k| after.starts_with(k))
    });
    let linkage = [
        "static-pie linked",
        "dynamically linked",
        "statically linked",
    ]
    .into_iter()
    .find(|w| line.contains(w));
    (kind, linkage)
}

/// `file -b -N` on many files, one line each.
fn file_lines(files: &[PathBuf]) -> Vec<String> {
    let mut lines = Vec::new();
    for chunk in files.chunks(500) {
        let out = Command::new("file")
            .env("LC_ALL", "C")
            .args(["-b", "-N"])
            .args(chunk)
            .output()
            .expect("file(1) must be installed (package file)");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let got: Vec<String> = text.lines().map(str::to_string).collect();
        assert_eq!(got.len(), chunk.len(), "one file(1) line per file");
        lines.extend(got);
    }
    lines
}

#[test]
fn file_agrees_on_kind_and_linkage_for_every_elf_under_usr_and_every_fixture() {
    let mut files = elf_files_under(Path::new("/usr"));
    assert!(!files.is_empty());
    let usr = files.len();
    files.extend(crate::support::fixtures());
    let lines = file_lines(&files);
    let mut classes: BTreeMap<String, usize> = BTreeMap::new();
    let mut differences = Vec::new();
    for (path, line) in files.iter().zip(&lines) {
        let f = match facts(path) {
            Ok(f) => f,
            Err(e) => {
                differences.push(format!("{}: relf error {e}", path.display()));
                continue;
            }
        };
        let relf_words = (Some(f.kind.file_words()), f.linkage.map(|l| l.file_words()));
        *classes
            .entry(format!(
                "{}, {}",
                relf_words.0.unwrap_or("-"),
                relf_words.1.unwrap_or("no linkage")
            ))
            .or_default() += 1;
        if file_words(line) != relf_words {
            differences.push(format!(
                "{}: file {line:?}, relf {relf_words:?}",
                path.display()
            ));
        }
    }
    println!(
        "info vs file(1): {usr} ELF files under /usr and {} fixtures, {} differences",
        files.len() - usr,
        differences.len()
    );
    for (class, n) in &classes {
        println!("  {n:5}  {class}");
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// The highest `GLIBC_x.y` in the version needs of each file of one
/// `readelf -VW` run over several files.
fn readelf_max_glibc(files: &[PathBuf]) -> Vec<Option<String>> {
    let out = Command::new("readelf")
        .env("LC_ALL", "C")
        .arg("-VW")
        .args(files)
        .output()
        .expect("readelf");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut result = Vec::new();
    // Each file's part starts with "\nFile: NAME\n" when several are given.
    for part in text.split("\nFile: ").skip(1) {
        let mut in_needs = false;
        let mut best: Option<String> = None;
        for line in part.lines() {
            if line.starts_with("Version needs section") {
                in_needs = true;
            } else if line.starts_with("Version ") {
                in_needs = false;
            }
            if !in_needs {
                continue;
            }
            let Some((_, rest)) = line.split_once("Name: GLIBC_") else {
                continue;
            };
            let v = rest.split_whitespace().next().unwrap_or("");
            if !v.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let newer = best.as_deref().is_none_or(|b| {
                relf::info::glibc_needs::compare_versions(v, b) == std::cmp::Ordering::Greater
            });
            if newer {
                best = Some(v.to_string());
            }
        }
        result.push(best);
    }
    result
}

#[test]
fn max_glibc_needed_agrees_with_readelf_on_usr() {
    let files = elf_files_under(Path::new("/usr"));
    let mut compared = 0;
    let mut with_glibc = 0;
    let mut differences = Vec::new();
    for chunk in files.chunks(200) {
        let expected = readelf_max_glibc(chunk);
        assert_eq!(expected.len(), chunk.len(), "one readelf part per file");
        for (path, want) in chunk.iter().zip(expected) {
            let Ok(f) = facts(path) else { continue };
            compared += 1;
            let got = f.max_glibc_needed().map(str::to_string);
            if got.is_some() {
                with_glibc += 1;
            }
            if got != want {
                differences.push(format!(
                    "{}: readelf {want:?}, relf {got:?}",
                    path.display()
                ));
            }
        }
    }
    println!(
        "info max GLIBC needed vs readelf -VW: {compared} files ({with_glibc} with GLIBC needs), {} differences",
        differences.len()
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// Where the info fixtures are built (once per test run).
fn info_fixtures() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("info-fixtures");
        let _ = std::fs::remove_dir_all(&dir);
        let status = Command::new("bash")
            .arg(repo_root().join("testdata/info/build.sh"))
            .arg(&dir)
            .env(
                "GOCACHE",
                PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("go-cache"),
            )
            .status()
            .expect("bash");
        assert!(
            status.success(),
            "testdata/info/build.sh failed (needs gcc, musl-gcc, go)"
        );
        dir
    })
}

/// The rows of testdata/info/EXPECTED.
fn expected_rows() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(repo_root().join("testdata/info/EXPECTED")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// The EXPECTED columns relf computes for `f`.
fn observed_row(name: &str, f: &FileFacts) -> Vec<String> {
    let libc = {
        let v = match f.libc.variant {
            LibcVariant::None => "none",
            v => v.name(),
        };
        if f.libc.confidence == relf::info::Confidence::High {
            v.to_string()
        } else {
            format!("{v}?")
        }
    };
    let go = match &f.go {
        None => "-",
        Some(g) if g.cgo => "cgo",
        Some(_) => "pure",
    };
    let h = &f.hardening;
    let relro = match h.relro {
        Relro::None => "none",
        Relro::Partial => "partial",
        Relro::Full => "full",
    };
    let cet = if h.ibt == Some(true) && h.shstk == Some(true) {
        "ibt+shstk"
    } else {
        "-"
    };
    vec![
        name.to_string(),
        f.kind.file_words().to_string(),
        f.linkage.map_or("-", |l| l.file_words()).to_string(),
        libc,
        go.to_string(),
        relro.to_string(),
        yes(h.nx).to_string(),
        yes(h.canary).to_string(),
        yes(!h.fortified.is_empty()).to_string(),
        yes(h.pie == Pie::Yes).to_string(),
        cet.to_string(),
    ]
}

#[test]
fn built_fixtures_have_the_expected_facts() {
    let dir = info_fixtures();
    let rows = expected_rows();
    let mut failures = Vec::new();
    let mut paths = Vec::new();
    for row in &rows {
        let path = dir.join(&row[0]);
        let f = facts(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let got = observed_row(&row[0], &f);
        let verdict = if &got == row { "ok" } else { "WRONG" };
        println!("info fixture {:24} {} {}", row[0], got[3], verdict);
        if &got != row {
            failures.push(format!(
                "{}:\n  expected {row:?}\n  relf     {got:?}",
                row[0]
            ));
        }
        paths.push(path);
    }
    // file(1)'s words on the same files.
    for (path, line) in paths.iter().zip(file_lines(&paths)) {
        let f = facts(path).unwrap();
        let relf_words = (Some(f.kind.file_words()), f.linkage.map(|l| l.file_words()));
        if file_words(&line) != relf_words {
            failures.push(format!("{}: file {line:?}", path.display()));
        }
    }
    println!(
        "info fixtures: {} built, {} wrong",
        rows.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn built_fixtures_carry_the_details() {
    let dir = info_fixtures();
    let hardened = facts(&dir.join("glibc-hardened")).unwrap();
    assert_eq!(
        hardened.hardening.fortified,
        ["__printf_chk", "__strcpy_chk"],
        "fortified functions"
    );
    assert!(hardened.hardening.bind_now);
    let unhardened = facts(&dir.join("glibc-unhardened")).unwrap();
    assert_eq!(unhardened.hardening.executable_stack, Some(true));
    let rpath = facts(&dir.join("glibc-rpath")).unwrap();
    let issues: Vec<_> = rpath
        .hardening
        .rpath_issues
        .iter()
        .map(|i| (i.entry.as_str(), i.problem))
        .collect();
    assert_eq!(
        issues,
        [
            ("$ORIGIN/../lib", "origin"),
            ("", "empty"),
            ("lib", "relative")
        ]
    );
    let stripped = facts(&dir.join("glibc-dynamic-stripped")).unwrap();
    assert!(stripped.hardening.stripped);
    let pure = facts(&dir.join("go-pure")).unwrap();
    let go = pure.go.as_ref().unwrap();
    assert_eq!(go.version.as_deref(), Some("go1.19.8"));
    assert_eq!(go.main_path.as_deref(), Some("example.com/relf/pure"));
    assert_eq!(go.cgo_enabled, Some(false));
    let arm = facts(&dir.join("go-arm64")).unwrap();
    assert_eq!(arm.e_machine, 183);
    let cgo = facts(&dir.join("go-cgo")).unwrap();
    assert_eq!(cgo.go.as_ref().unwrap().cgo_enabled, Some(true));
    assert_eq!(cgo.max_glibc_needed(), Some("2.34"));
    let musl = facts(&dir.join("musl-static-stripped")).unwrap();
    assert!(musl.libc.evidence.iter().any(|e| e.signal == ".init"));
    assert_eq!(
        facts(&dir.join("glibc-static")).unwrap().kind,
        Kind::Executable
    );
}

#[test]
fn glibc_and_musl_versions_of_the_host_libraries() {
    let libc6 = Path::new("/lib/x86_64-linux-gnu/libc.so.6");
    let f = facts(libc6).unwrap();
    let release = f.glibc_release.as_ref().expect("glibc banner");
    let out = Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", "libc6"])
        .output()
        .unwrap();
    let pkg = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(pkg.starts_with(&release.version), "{pkg} vs {release:?}");
    assert_eq!(
        release.package.as_deref(),
        Some(format!("Debian GLIBC {pkg}").as_str())
    );
    assert_eq!(
        relf::info::glibc_needs::max_defined_glibc(&f.defined_versions),
        Some(release.version.as_str())
    );
    let musl = Path::new("/lib/ld-musl-x86_64.so.1");
    let f = facts(musl).unwrap();
    assert_eq!(f.libc.variant, LibcVariant::Musl);
    let out = Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", "musl"])
        .output()
        .unwrap();
    let musl_pkg = String::from_utf8_lossy(&out.stdout).into_owned();
    let v = f.musl_version.expect("musl version");
    assert!(musl_pkg.starts_with(&v), "{musl_pkg} vs {v}");
    println!(
        "info: glibc {} (libc6 {pkg}), musl {v} (musl {musl_pkg})",
        release.version
    );
}

/// checksec's CSV columns: RELRO, canary, NX, PIE, ..., FORTIFY, ..., file.
fn checksec_csv(args: &[&std::ffi::OsStr]) -> Vec<(PathBuf, Vec<String>)> {
    let out = Command::new("checksec")
        .env("LC_ALL", "C")
        .arg("--format=csv")
        .args(args)
        .output()
        .expect("checksec must be installed (package checksec; tests/run.sh installs it)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let cols: Vec<String> = l.split(',').map(str::to_string).collect();
            (cols.len() >= 11).then(|| (PathBuf::from(cols.last().unwrap()), cols))
        })
        .collect()
}

fn checksec_view(f: &FileFacts) -> Vec<String> {
    let h = &f.hardening;
    vec![
        match h.relro {
            Relro::Full => "Full RELRO",
            Relro::Partial => "Partial RELRO",
            Relro::None => "No RELRO",
        }
        .to_string(),
        if h.canary {
            "Canary found"
        } else {
            "No Canary found"
        }
        .to_string(),
        if h.nx { "NX enabled" } else { "NX disabled" }.to_string(),
        match h.pie {
            Pie::Yes => "PIE enabled",
            Pie::No => "No PIE",
            Pie::Dso => "DSO",
            Pie::NotApplicable => "REL",
        }
        .to_string(),
        if h.fortified.is_empty() { "No" } else { "Yes" }.to_string(),
    ]
}

#[test]
fn checksec_agrees_on_usr_sbin_and_the_fixtures() {
    let dir = info_fixtures();
    let mut rows = checksec_csv(&["--dir=/usr/sbin".as_ref()]);
    for name in expected_rows().iter().map(|r| &r[0]) {
        let file = format!("--file={}", dir.join(name).display());
        rows.extend(checksec_csv(&[file.as_ref()]));
    }
    let mut differences = Vec::new();
    let mut compared = 0;
    for (path, cols) in &rows {
        let Ok(f) = facts(path) else { continue };
        compared += 1;
        // RELRO, canary, NX, PIE, and FORTIFY yes/no (column 8).
        let theirs = vec![
            cols[0].clone(),
            cols[1].clone(),
            cols[2].clone(),
            cols[3].clone(),
            cols[7].clone(),
        ];
        let ours = checksec_view(&f);
        // checksec counts only undefined _chk functions of .dynsym for
        // FORTIFY; a static file's fortified functions are in .symtab.
        let comparable = if f.linkage == Some(relf::info::Linkage::Dynamic) {
            5
        } else {
            4
        };
        if theirs[..comparable] != ours[..comparable] {
            differences.push(format!(
                "{}: checksec {theirs:?}, relf {ours:?}",
                path.display()
            ));
        }
    }
    println!(
        "info vs checksec: {compared} files, {} differences",
        differences.len()
    );
    assert!(compared > 20, "checksec printed too few rows");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// Committed fixtures whose views are snapshotted.
const SNAPSHOT_FIXTURES: &[&str] = &[
    "x86_64-pie",
    "x86_64-exec",
    "x86_64-now",
    "x86_64-cet",
    "x86_64-execstack",
    "x86_64-rpath",
    "x86_64-static",
    "x86_64-static-pie",
    "x86_64-stripped",
    "x86_64-debug",
    "x86_64-reloc.o",
    "libx86_64-shared.so",
    "musl-dynamic",
    "musl-static",
    "go-static",
    "aarch64-pie",
    "s390x-pie",
    "mips-pie",
];

fn run_info(args: &[&str]) -> (String, String, i32) {
    let out = relf()
        .current_dir(fixtures_dir())
        .args(["--color", "never", "info"])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn info_text_snapshot() {
    let (stdout, stderr, code) = run_info(SNAPSHOT_FIXTURES);
    assert_eq!((stderr.as_str(), code), ("", 0));
    insta::assert_snapshot!("info_text", stdout);
}

#[test]
fn info_long_snapshot() {
    let mut args = vec!["--long"];
    args.extend(SNAPSHOT_FIXTURES);
    let (stdout, stderr, code) = run_info(&args);
    assert_eq!((stderr.as_str(), code), ("", 0));
    insta::assert_snapshot!("info_long", stdout);
}

#[test]
fn info_errors_are_per_file() {
    let (stdout, stderr, code) = run_info(&["missing", "PROVENANCE", "x86_64-pie", "."]);
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("x86_64-pie: ELF 64-bit LSB pie executable"));
    insta::assert_snapshot!("info_errors", stderr);
}

#[test]
fn info_json_document() {
    let (stdout, _, code) = run_info(&["--json", "x86_64-pie", "go-static", "missing"]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["command"], "info");
    let pie = &doc["files"][0]["info"];
    assert_eq!(pie["kind"], "pie-executable");
    assert_eq!(pie["kind_words"], "pie executable");
    assert_eq!(pie["linkage"], "dynamic");
    assert_eq!(pie["linkage_words"], "dynamically linked");
    assert_eq!(pie["libc"]["variant"], "glibc");
    assert_eq!(pie["max_glibc_needed"], "2.34");
    assert_eq!(pie["hardening"]["relro"], "partial");
    assert_eq!(doc["files"][1]["info"]["go"]["version"], "go1.19.8");
    assert_eq!(doc["files"][1]["info"]["libc"]["variant"], "none");
    assert_eq!(doc["files"][2]["error"], "no such file");
}

#[test]
fn info_is_colored_only_when_asked() {
    let plain = relf()
        .current_dir(fixtures_dir())
        .args(["--color", "never", "info", "x86_64-execstack"])
        .output()
        .unwrap();
    assert!(!plain.stdout.contains(&0x1b));
    let colored = relf()
        .current_dir(fixtures_dir())
        .args(["--color", "always", "info", "x86_64-execstack"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&colored.stdout);
    assert!(text.contains("\x1b[31mexecutable stack\x1b[0m"), "{text:?}");
    let stripped = text
        .split('\x1b')
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once('m').map_or(part, |p| p.1)
            }
        })
        .collect::<String>();
    assert_eq!(stripped.as_bytes(), plain.stdout.as_slice());
}

#[test]
fn names_from_files_are_sanitized() {
    let f = FileFacts {
        interpreter: Some("/lib/ld\x1b[31m.so".into()),
        ..facts(&fixtures_dir().join("x86_64-pie")).unwrap()
    };
    let mut out = String::new();
    relf::render::info::write_summary(&mut out, b"a\x07b", &f, &Default::default());
    assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
    assert!(out.contains("ld\\x1b[31m.so"));
}

#[test]
fn world_writable_search_dirs_under_a_root() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    for d in ["bin", "opt/app/lib", "usr/lib/app"] {
        std::fs::create_dir_all(root.path().join(d)).unwrap();
    }
    let open = std::fs::Permissions::from_mode(0o777);
    std::fs::set_permissions(root.path().join("opt/app/lib"), open).unwrap();
    let status = Command::new("gcc")
        .current_dir(repo_root().join("testdata/src"))
        .args(["-O2", "-o"])
        .arg(root.path().join("bin/app"))
        .arg("hello.c")
        .arg("-Wl,-rpath,$ORIGIN/../opt/app/lib:/usr/lib/app:/opt/app/lib")
        .status()
        .unwrap();
    assert!(status.success());
    let out = relf()
        .args(["--color", "never", "info", "--json", "--root"])
        .arg(root.path())
        .arg("/bin/app")
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let issues: Vec<(String, String)> = doc["files"][0]["info"]["hardening"]["rpath_issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["entry"].as_str().unwrap().to_string(),
                i["problem"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("$ORIGIN/../opt/app/lib", "origin"),
        ("$ORIGIN/../opt/app/lib", "world-writable"),
        ("/opt/app/lib", "world-writable"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(issues, want);
}

/// Links a freestanding program against a stub library called `libc`
/// (SONAME `libc_soname`) with `interp` as its interpreter, plus `extra`
/// C source; returns its facts.
fn stub_program(dir: &Path, name: &str, interp: &str, libc_soname: &str, extra: &str) -> FileFacts {
    let src = dir.join(format!("{name}.c"));
    std::fs::write(
        &src,
        format!("{extra}\nextern int stub(void);\nvoid _start(void) {{ stub(); for (;;); }}\n"),
    )
    .unwrap();
    let stub_src = dir.join("stub.c");
    std::fs::write(&stub_src, "int stub(void) { return 0; }\n").unwrap();
    let stub = dir.join(format!("{name}-{libc_soname}"));
    let gcc = |args: &[&std::ffi::OsStr]| {
        let st = Command::new("gcc").args(args).status().unwrap();
        assert!(st.success(), "gcc {args:?}");
    };
    let soname = format!("-Wl,-soname,{libc_soname}");
    gcc(&[
        "-shared".as_ref(),
        "-fPIC".as_ref(),
        "-nostdlib".as_ref(),
        "-o".as_ref(),
        stub.as_ref(),
        stub_src.as_ref(),
        soname.as_ref(),
    ]);
    let exe = dir.join(name);
    let linker = format!("-Wl,--dynamic-linker={interp}");
    gcc(&[
        "-nostdlib".as_ref(),
        "-fPIE".as_ref(),
        "-pie".as_ref(),
        "-o".as_ref(),
        exe.as_ref(),
        src.as_ref(),
        stub.as_ref(),
        linker.as_ref(),
    ]);
    facts(&exe).unwrap()
}

#[test]
fn bionic_and_uclibc_programs() {
    use relf::info::Confidence::{High, Medium};
    let dir = tempfile::tempdir().unwrap();
    // The note bionic's crtbegin carries (owner "Android", NT_ANDROID_IDENT).
    let android_note = r#"__asm__(".section .note.android.ident,\"a\",@note\n.balign 4\n.long 8\n.long 4\n.long 1\n.asciz \"Android\"\n.balign 4\n.long 30\n.previous\n");"#;
    // name, interpreter, libc SONAME, extra source, verdict.
    let cases = [
        (
            "bionic",
            "/system/bin/linker64",
            "libc.so",
            android_note,
            LibcVariant::Bionic,
            High,
        ),
        (
            "uclibc",
            "/lib/ld-uClibc.so.0",
            "libc.so.0",
            "",
            LibcVariant::Uclibc,
            High,
        ),
        // Without the note, bionic's linker is enough to read "libc.so" as
        // bionic's.
        (
            "old",
            "/system/bin/linker",
            "libc.so",
            "",
            LibcVariant::Bionic,
            High,
        ),
        // Signs that disagree: the interpreter wins, with medium confidence.
        (
            "odd",
            "/lib64/ld-linux-x86-64.so.2",
            "libc.so",
            "",
            LibcVariant::Glibc,
            Medium,
        ),
    ];
    for (name, interp, soname, extra, variant, confidence) in cases {
        let f = stub_program(dir.path(), name, interp, soname, extra);
        assert_eq!(
            (f.libc.variant, f.libc.confidence),
            (variant, confidence),
            "{name}: {:?}",
            f.libc
        );
    }
}

/// Builds a freestanding static program (no libc at all) from `src` with
/// gcc `-nostdlib -static`; returns its path.
fn freestanding(dir: &Path, name: &str, src: &str) -> PathBuf {
    let c = dir.join(format!("{name}.c"));
    std::fs::write(&c, src).unwrap();
    let exe = dir.join(name);
    let st = Command::new("gcc")
        .args(["-nostdlib", "-static", "-fno-pie", "-no-pie", "-o"])
        .arg(&exe)
        .arg(&c)
        .status()
        .expect("gcc is needed (tests/run.sh installs it)");
    assert!(st.success(), "gcc {name}");
    exe
}

/// readelf's `OS/ABI:` line for `path` (the real tool says what the header
/// holds, so the test does not trust its own rewrite).
fn readelf_osabi(path: &Path) -> String {
    let out = Command::new("readelf")
        .arg("-hW")
        .arg(path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("OS/ABI:")
                .map(|v| v.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no OS/ABI line in readelf -h {}", path.display()))
}

/// Issue 14, item 5: `EI_OSABI` GNU alone (firmware, bare-metal and
/// non-Linux builds carry it) must not make a file glibc's.
#[test]
fn gnu_osabi_alone_is_not_glibc() {
    use relf::info::Confidence::{Low, Medium};
    let dir = tempfile::tempdir().unwrap();
    // An IFUNC makes ld set ELFOSABI_GNU on its own.
    let ifunc = freestanding(
        dir.path(),
        "ifunc",
        "static int impl(void) { return 0; }\n\
         static int (*resolve(void))(void) { return impl; }\n\
         int f(void) __attribute__((ifunc(\"resolve\")));\n\
         void _start(void) { for (;;); }\n",
    );
    // A plain one, its header rewritten by object's builder.
    let plain = freestanding(dir.path(), "plain", "void _start(void) { for (;;); }\n");
    let rewritten = dir.path().join("rewritten");
    let bytes = std::fs::read(&plain).unwrap();
    let mut b = object::build::elf::Builder::read(&bytes[..]).unwrap();
    b.header.os_abi = object::elf::ELFOSABI_GNU;
    let mut out = Vec::new();
    b.write(&mut out).unwrap();
    std::fs::write(&rewritten, out).unwrap();
    // Corroborated: the same header plus the ABI tag note glibc's crt1.o
    // carries (owner "GNU", NT_GNU_ABI_TAG, Linux 3.2.0).
    let tagged = freestanding(
        dir.path(),
        "tagged",
        "__asm__(\".section .note.ABI-tag,\\\"a\\\",@note\\n.balign 4\\n.long 4\\n.long 16\\n.long 1\\n.asciz \\\"GNU\\\"\\n.long 0, 3, 2, 0\\n.previous\\n\");\n\
         static int impl(void) { return 0; }\n\
         static int (*resolve(void))(void) { return impl; }\n\
         int f(void) __attribute__((ifunc(\"resolve\")));\n\
         void _start(void) { for (;;); }\n",
    );
    assert_eq!(readelf_osabi(&plain), "UNIX - System V");
    let cases = [
        (&ifunc, LibcVariant::Unknown, Low),
        (&rewritten, LibcVariant::Unknown, Low),
        (&plain, LibcVariant::Unknown, Low),
        (&tagged, LibcVariant::Glibc, Medium),
    ];
    for (path, variant, confidence) in cases {
        let f = facts(path).unwrap();
        if path != &plain {
            assert_eq!(readelf_osabi(path), "UNIX - GNU", "{}", path.display());
            assert!(
                f.libc.evidence.iter().any(|e| e.signal == "EI_OSABI"),
                "{}: the OSABI sign is still reported: {:?}",
                path.display(),
                f.libc
            );
        }
        assert_eq!(
            (f.libc.variant, f.libc.confidence),
            (variant, confidence),
            "{}: {:?}",
            path.display(),
            f.libc
        );
    }
}
