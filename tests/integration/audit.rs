//! `relf audit`: verdicts, findings and exit statuses on roots and images
//! built at test time (image_build), from this host's own glibc files, the
//! committed fixtures (musl, Go, aarch64 programs), synthetic objects
//! (synth) and the Debian arm64 root (foreign). The "library not found"
//! findings of a directory root are checked against the real glibc loader
//! run in that root under chroot (root_confinement's oracle).

use std::path::Path;

use serde_json::Value;

use crate::image_build::{docker_archive, host_glibc_root, Comp, Layer, Oci};
use crate::support::{fixtures_dir, relf};
use crate::synth::{write_bytes, Obj};

/// `relf audit ARGS --json`: the document and the exit status.
fn audit_json(args: &[&str], path: &Path) -> (Value, i32) {
    let out = relf()
        .arg("audit")
        .args(args)
        .arg("--json")
        .arg(path)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (doc, out.status.code().unwrap())
}

fn findings<'a>(doc: &'a Value, class: &str) -> Vec<&'a Value> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["class"] == class)
        .collect()
}

fn has(doc: &Value, class: &str, file: &str, subject: &str) -> bool {
    findings(doc, class)
        .iter()
        .any(|f| f["file"] == file && f["subject"] == subject)
}

fn copy_into(root: &Path, from: &Path, to: &str) {
    write_bytes(
        &root.join(to.trim_start_matches('/')),
        &std::fs::read(from).unwrap(),
    );
}

#[test]
fn a_whiteout_in_an_upper_layer_breaks_bash() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path().join("root");
    host_glibc_root(&r);
    let base = Layer::from_dir(&r).blob(Comp::Gzip);
    let upper = Layer::new()
        .whiteout("./lib/x86_64-linux-gnu/libtinfo.so.6")
        .blob(Comp::Zstd);
    let dir = t.path().join("oci");
    let oci = Oci::single("amd64", &[base, upper]);
    oci.write_dir(&dir);
    let (doc, status) = audit_json(&[], &dir);
    assert_eq!(status, 3, "not-found fails the run: {doc}");
    assert_eq!(doc["command"], "audit");
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["input"]["kind"], "oci-layout");
    assert_eq!(doc["verdict"]["label"], "glibc 2.36");
    assert_eq!(doc["verdict"]["counts"]["glibc_dynamic"], 1);
    let f = findings(&doc, "not-found");
    assert_eq!(f.len(), 1, "{doc}");
    assert_eq!(f[0]["file"], "/bin/bash");
    assert_eq!(f[0]["subject"], "libtinfo.so.6");
    assert_eq!(f[0]["layer"], 0);
    let evidence = f[0]["evidence"].as_str().unwrap();
    assert!(
        evidence.contains("/lib/x86_64-linux-gnu/libtinfo.so.6 was deleted by layer 1"),
        "{evidence}"
    );
    assert!(f[0]["layer_digest"]
        .as_str()
        .unwrap()
        .starts_with("sha256:"));
    // The same image as an oci-archive: same verdict, SARIF and text.
    let archive = t.path().join("oci.tar");
    oci.write_archive(&archive);
    let out = relf()
        .args(["audit", "--sarif"])
        .arg(&archive)
        .assert()
        .code(3);
    let sarif: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "not-found");
    assert_eq!(results[0]["level"], "error");
    let out = relf().arg("audit").arg(&archive).assert().code(3);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("glibc 2.36 image: 1 glibc-dynamic"), "{text}");
    assert!(text.contains("not-found (1): library not found"), "{text}");
    // --fail-on: what fails is chosen; unknown classes are usage errors.
    relf()
        .args(["audit", "--fail-on", "none"])
        .arg(&archive)
        .assert()
        .code(0);
    relf()
        .args(["audit", "--fail-on", "rpath-shadow"])
        .arg(&archive)
        .assert()
        .code(0);
    relf()
        .args(["audit", "--fail-on", "bogus"])
        .arg(&archive)
        .assert()
        .code(2);
}

#[test]
fn not_found_findings_agree_with_the_real_loader_in_a_chroot() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    host_glibc_root(r);
    std::fs::remove_file(r.join("lib/x86_64-linux-gnu/libtinfo.so.6")).unwrap();
    copy_into(
        r,
        Path::new("/usr/bin/env"),
        crate::root_confinement::ENV_IN_ROOT,
    );
    let (doc, _) = audit_json(&[], r);
    for program in ["/bin/bash", crate::root_confinement::ENV_IN_ROOT] {
        let trace = crate::root_confinement::chroot_trace(r, program);
        let mut expected: Vec<String> = trace
            .lines()
            .filter_map(|l| l.trim().strip_suffix(" => not found"))
            .map(str::to_string)
            .collect();
        expected.sort();
        let mut actual: Vec<String> = findings(&doc, "not-found")
            .iter()
            .filter(|f| f["file"] == program)
            .map(|f| f["subject"].as_str().unwrap().to_string())
            .collect();
        actual.sort();
        assert_eq!(actual, expected, "{program}: real loader said:\n{trace}");
    }
}

/// A musl root: musl's loader, a musl program, and a glibc program
/// dropped in (the classic `sh: ./app: not found`).
#[test]
fn a_glibc_program_in_a_musl_root_has_no_interpreter() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    copy_into(
        r,
        Path::new("/usr/lib/x86_64-linux-musl/libc.so"),
        "/lib/ld-musl-x86_64.so.1",
    );
    copy_into(r, &fixtures_dir().join("musl-dynamic"), "/bin/hello");
    copy_into(r, Path::new("/bin/bash"), "/app/bash");
    let (doc, status) = audit_json(&[], r);
    assert_eq!(status, 5, "{doc}");
    assert_eq!(doc["verdict"]["label"], "musl 1.2.3");
    assert_eq!(doc["verdict"]["counts"]["musl_dynamic"], 1);
    assert_eq!(doc["verdict"]["counts"]["glibc_dynamic"], 1);
    let f = findings(&doc, "no-interpreter");
    assert_eq!(f.len(), 1, "{doc}");
    assert_eq!(f[0]["file"], "/app/bash");
    assert_eq!(f[0]["subject"], "/lib64/ld-linux-x86-64.so.2");
    assert!(
        f[0]["evidence"].as_str().unwrap().contains("musl only"),
        "{doc}"
    );
    assert!(has(&doc, "mixed-libc", "/app/bash", "glibc"), "{doc}");
    assert!(findings(&doc, "mixed-libc").len() == 1, "{doc}");
    assert!(findings(&doc, "not-found")
        .iter()
        .all(|f| f["file"] == "/app/bash"));
}

/// A glibc root whose libc.so.6 lacks the versions bash needs (its
/// GLIBC_2.34..2.36 definitions renamed in a copy).
#[test]
fn a_program_needing_a_newer_glibc_is_reported_with_its_symbols() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    host_glibc_root(r);
    let libc = r.join("lib/x86_64-linux-gnu/libc.so.6");
    let mut bytes = std::fs::read(&libc).unwrap();
    for v in [&b"GLIBC_2.34\0"[..], b"GLIBC_2.35\0", b"GLIBC_2.36\0"] {
        let mut i = 0;
        while let Some(at) = bytes[i..].windows(v.len()).position(|w| w == v) {
            bytes[i + at] = b'X';
            i += at + 1;
        }
    }
    std::fs::write(&libc, bytes).unwrap();
    let (doc, status) = audit_json(&[], r);
    assert_eq!(status, 6, "{doc}");
    let f: Vec<_> = findings(&doc, "glibc-too-old")
        .into_iter()
        .filter(|f| f["file"] == "/bin/bash")
        .collect();
    assert!(!f.is_empty(), "{doc}");
    let v236 = f
        .iter()
        .find(|f| f["subject"] == "GLIBC_2.36")
        .expect("GLIBC_2.36");
    assert!(
        v236["evidence"]
            .as_str()
            .unwrap()
            .contains("up to GLIBC_2.33"),
        "{v236}"
    );
    assert!(!v236["symbols"].as_array().unwrap().is_empty(), "{v236}");
}

#[test]
fn a_scratch_image_with_a_go_program() {
    let t = tempfile::tempdir().unwrap();
    let go = std::fs::read(fixtures_dir().join("go-static")).unwrap();
    let path = t.path().join("scratch.tar");
    docker_archive(
        &path,
        "amd64",
        &[Layer::new().file("./app", &go).blob(Comp::Gzip)],
    );
    let (doc, status) = audit_json(&[], &path);
    assert_eq!(status, 0, "{doc}");
    assert_eq!(doc["verdict"]["label"], "no libc");
    assert_eq!(doc["verdict"]["counts"]["static"], 1);
    assert_eq!(doc["files"][0]["go_version"], "go1.19.8");
    let out = relf().arg("audit").arg(&path).assert().code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        text.contains("no libc image: 0 glibc-dynamic, 0 musl-dynamic, 1 static, 0 static-pie (Go: 1 Go 1.19)"),
        "{text}"
    );
    assert!(text.contains("no findings"), "{text}");
}

#[test]
fn a_program_of_another_architecture_in_an_amd64_image() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path().join("root");
    host_glibc_root(&r);
    copy_into(
        &r,
        &fixtures_dir().join("aarch64-pie"),
        "/usr/local/bin/arm",
    );
    let path = t.path().join("img.tar");
    docker_archive(&path, "amd64", &[Layer::from_dir(&r).blob(Comp::None)]);
    let (doc, _) = audit_json(&["--fail-on", "wrong-arch"], &path);
    assert!(
        has(&doc, "wrong-arch", "/usr/local/bin/arm", "AArch64"),
        "{doc}"
    );
    assert_eq!(findings(&doc, "wrong-arch").len(), 1, "{doc}");
}

#[test]
fn the_debian_arm64_root_is_a_clean_glibc_root() {
    let root = crate::foreign::root(&crate::foreign::ARM64);
    let (doc, _) = audit_json(&["--fail-on", "none"], root);
    assert_eq!(doc["verdict"]["label"], "glibc 2.36", "{}", doc["verdict"]);
    assert!(doc["verdict"]["counts"]["glibc_dynamic"].as_u64().unwrap() > 10);
    assert!(findings(&doc, "wrong-arch").is_empty(), "{doc}");
    assert!(findings(&doc, "no-interpreter").is_empty(), "{doc}");
    let arches: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "executable")
        .filter_map(|f| f["arch"].as_str())
        .collect();
    assert!(arches.iter().all(|a| *a == "aarch64"), "{arches:?}");
}

#[test]
fn rpath_findings_and_their_exit_statuses() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path();
    host_glibc_root(r);
    Obj::exe()
        .needs(&["libtinfo.so.6", "libc.so.6"])
        .runpath("/opt/app/lib::/tmp/plugins")
        .write(&r.join("opt/app/bin/app"));
    Obj::lib("libtinfo.so.6").write(&r.join("opt/app/lib/libtinfo.so.6"));
    let (doc, status) = audit_json(&[], r);
    assert_eq!(status, 0, "RPATH findings do not fail by default: {doc}");
    assert!(
        has(&doc, "rpath-shadow", "/opt/app/bin/app", "libtinfo.so.6"),
        "{doc}"
    );
    let insecure: Vec<_> = findings(&doc, "insecure-rpath");
    assert_eq!(insecure.len(), 2, "{doc}");
    let (_, status) = audit_json(&["--fail-on", "insecure-rpath,rpath-shadow"], r);
    assert_eq!(status, 9, "the worst failing class decides");
    let (_, status) = audit_json(&["--fail-on", "rpath-shadow"], r);
    assert_eq!(status, 10);
}

#[test]
fn names_from_an_image_are_escaped_in_the_human_output() {
    let t = tempfile::tempdir().unwrap();
    let exe = Obj::exe().needs(&["libmissing.so.1"]).build();
    let path = t.path().join("evil.tar");
    docker_archive(
        &path,
        "amd64",
        &[Layer::new()
            .file("./bin/\x1b[2Jevil", &exe)
            .blob(Comp::Gzip)],
    );
    let out = relf().arg("audit").arg(&path).assert().code(5);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(!text.contains('\x1b'), "{text:?}");
    assert!(text.contains("/bin/\\x1b[2Jevil"), "{text}");
}

/// Static programs are counted by the libc `relf info`'s evidence names:
/// a static glibc and a static musl program built here, and a Go program.
#[test]
fn static_programs_are_counted_by_their_libc() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("hello.c");
    std::fs::write(&src, "int main(void) { return 0; }\n").unwrap();
    let root = t.path().join("root");
    std::fs::create_dir_all(root.join("bin")).unwrap();
    for (cc, name) in [("gcc", "static-glibc"), ("musl-gcc", "static-musl")] {
        let ok = std::process::Command::new(cc)
            .args(["-static", "-o"])
            .arg(root.join("bin").join(name))
            .arg(&src)
            .status()
            .unwrap_or_else(|e| panic!("{cc} (tests/run.sh installs it): {e}"))
            .success();
        assert!(ok, "{cc} -static failed");
    }
    copy_into(&root, &fixtures_dir().join("go-static"), "/bin/go-static");
    let (doc, status) = audit_json(&[], &root);
    assert_eq!(status, 0, "{doc}");
    let counts = &doc["verdict"]["counts"];
    assert_eq!(counts["static"], 3, "{doc}");
    assert_eq!(counts["static_glibc"], 1, "{doc}");
    assert_eq!(counts["static_musl"], 1, "{doc}");
}

/// `relf info --root IMAGE`: a file inside an image, read through its
/// layers (the second layer replaces the first's program by a symlink).
#[test]
fn info_reads_files_inside_an_image() {
    let t = tempfile::tempdir().unwrap();
    let path = t.path().join("image.tar");
    let musl = std::fs::read(fixtures_dir().join("musl-static")).unwrap();
    let go = std::fs::read(fixtures_dir().join("go-static")).unwrap();
    docker_archive(
        &path,
        "amd64",
        &[
            Layer::new().file("./bin/app", &go).blob(Comp::Gzip),
            Layer::new()
                .file("./opt/musl-app", &musl)
                .symlink("./bin/app", "../opt/musl-app")
                .blob(Comp::Zstd),
        ],
    );
    let out = relf()
        .args(["--color", "never", "info", "--root"])
        .arg(&path)
        .arg("/bin/app")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let host = relf()
        .args(["--color", "never", "info"])
        .arg(fixtures_dir().join("musl-static"))
        .output()
        .unwrap();
    let host_text = String::from_utf8_lossy(&host.stdout);
    let facts = |s: &str| s.split_once(": ").map(|(_, f)| f.to_owned());
    assert_eq!(
        facts(&text),
        facts(&host_text),
        "same facts inside the image"
    );
    assert!(text.starts_with("/bin/app: ELF 64-bit"), "{text}");
    assert!(text.contains("musl"), "{text}");
}
