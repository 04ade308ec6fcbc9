//! Images made by real tools (umoci, skopeo; tests/real-images.sh): the
//! same two-layer image as an OCI layout with gzip layers, with zstd
//! layers, as an oci-archive and as a docker-archive, each audited and
//! resolved in memory with the same result.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use crate::support::{relf, repo_root};

pub(crate) fn images() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::var_os("RELF_REAL_IMAGES")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("real-images"));
        let status = Command::new("bash")
            .arg(repo_root().join("tests/real-images.sh"))
            .arg(&dir)
            .status()
            .expect("bash");
        assert!(
            status.success(),
            "tests/real-images.sh failed (umoci and skopeo: tests/run.sh installs them)"
        );
        dir
    })
}

/// `relf audit --json` of one of the images, which must exit 3 (not-found).
fn audit_exit_3(name: &str) -> Value {
    let out = relf()
        .args(["audit", "--json"])
        .arg(images().join(name))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_format_made_by_umoci_and_skopeo_gives_the_same_audit() {
    for (name, kind, compression) in [
        ("oci", "oci-layout", "gzip"),
        ("zstd", "oci-layout", "zstd"),
        ("img.oci.tar", "oci-archive", "gzip"),
        ("img.docker.tar", "docker-archive", "uncompressed"),
    ] {
        let path = images().join(name);
        let doc = audit_exit_3(name);
        assert_eq!(doc["input"]["kind"], kind, "{name}");
        let layers = doc["input"]["layers"].as_array().unwrap();
        assert_eq!(layers.len(), 2, "{name}");
        assert!(
            layers.iter().all(|l| l["compression"] == compression),
            "{name}: {layers:?}"
        );
        assert_eq!(doc["verdict"]["label"], "glibc 2.36", "{name}");
        assert_eq!(doc["verdict"]["counts"]["glibc_dynamic"], 3, "{name}");
        let findings = doc["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 1, "{name}: {findings:?}");
        assert_eq!(findings[0]["class"], "not-found");
        assert_eq!(findings[0]["file"], "/bin/bash");
        assert_eq!(findings[0]["subject"], "libtinfo.so.6");
        assert_eq!(findings[0]["layer"], 0);
        let evidence = findings[0]["evidence"].as_str().unwrap();
        assert!(
            evidence.contains("deleted by layer 1"),
            "{name}: {evidence}"
        );
        let files = doc["files"].as_array().unwrap();
        let hard = files.iter().find(|f| f["path"] == "/usr/bin/ls-hard");
        assert_eq!(hard.map(|f| &f["layer"]), Some(&Value::from(1)), "{name}");
        let out = relf()
            .args(["ldd", "--root"])
            .arg(&path)
            .arg("/usr/bin/ls-hard")
            .assert()
            .success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(
            text.contains("libselinux.so.1 => /lib/x86_64-linux-gnu/libselinux.so.1"),
            "{name}: {text}"
        );
    }
}

/// A Debian 12 minbase root (mmdebstrap), merged-usr, as an OCI layout made
/// by umoci, whose second layer deletes libtinfo.so.6: every program that
/// needs it is reported, through the `/lib -> usr/lib` link, with the layer
/// that deleted it, and nothing else is.
#[test]
fn a_debian_minbase_image_with_libtinfo_deleted() {
    let doc = audit_exit_3("minbase");
    assert_eq!(doc["verdict"]["label"], "glibc 2.36");
    assert!(
        doc["files_scanned"].as_u64().unwrap() > 5000,
        "{}",
        doc["files_scanned"]
    );
    assert!(
        doc["elf_files"].as_u64().unwrap() > 500,
        "{}",
        doc["elf_files"]
    );
    let findings = doc["findings"].as_array().unwrap();
    assert!(
        findings.iter().all(|f| f["class"] == "not-found"
            && f["subject"] == "libtinfo.so.6"
            && f["evidence"]
                .as_str()
                .unwrap()
                .contains("deleted by layer 1")),
        "{findings:?}"
    );
    for program in ["/usr/bin/bash", "/usr/bin/tput", "/usr/bin/clear"] {
        assert!(
            findings.iter().any(|f| f["file"] == program),
            "{program}: {findings:?}"
        );
    }
}
