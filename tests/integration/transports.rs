//! Image references with a transport prefix (`oci:DIR:TAG`,
//! `oci-archive:FILE:TAG`, `docker-archive:FILE:REF`, `dir:ROOT`) on the
//! images umoci and skopeo made (tests/real-images.sh), and a multi-tag OCI
//! layout written by `skopeo copy`: chosen by tag, never silently.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use crate::real_images::images;
use crate::support::relf;

/// `skopeo copy SRC DEST`, which must succeed.
pub(crate) fn skopeo(args: &[&str]) {
    let out = Command::new("skopeo")
        .args(args)
        .output()
        .expect("skopeo (tests/run.sh installs it)");
    assert!(
        out.status.success(),
        "skopeo {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One OCI layout holding two different linux/amd64 images, tagged `gz`
/// (gzip layers) and `zst` (zstd layers), plus `gz2`: the `gz` manifest
/// under a second tag.
fn multi_tag() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("multi-tag");
        let _ = std::fs::remove_dir_all(&dir);
        let src = images();
        let oci = format!("oci:{}:img", src.join("oci").display());
        let zstd = format!("oci:{}:img", src.join("zstd").display());
        let dest = |t: &str| format!("oci:{}:{t}", dir.display());
        skopeo(&["copy", "-q", &oci, &dest("gz")]);
        skopeo(&["copy", "-q", &zstd, &dest("zst")]);
        skopeo(&["copy", "-q", &oci, &dest("gz2")]);
        dir
    })
}

fn audit(target: &str, extra: &[&str]) -> (Option<i32>, Value, String) {
    let out = relf()
        .arg("audit")
        .arg("--json")
        .args(extra)
        .arg(target)
        .output()
        .unwrap();
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.code(),
        doc,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn layer_compression(doc: &Value) -> Vec<String> {
    doc["input"]["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["compression"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_multi_tag_layout_is_chosen_by_tag() {
    let dir = multi_tag().display().to_string();
    for (tag, comp) in [("gz", "gzip"), ("zst", "zstd"), ("gz2", "gzip")] {
        let (code, doc, err) = audit(&format!("oci:{dir}:{tag}"), &[]);
        assert_eq!(code, Some(3), "{tag}: {err}");
        assert_eq!(doc["input"]["kind"], "oci-layout");
        assert_eq!(layer_compression(&doc), [comp, comp], "{tag}");
        assert_eq!(doc["verdict"]["label"], "glibc 2.36");
    }
    // The platform alone is no choice: both images are linux/amd64.
    for target in [dir.clone(), format!("oci:{dir}")] {
        for extra in [&[][..], &["--platform", "linux/amd64"][..]] {
            let (code, _, err) = audit(&target, extra);
            assert_eq!(code, Some(1), "{target} {extra:?}: {err}");
            assert!(err.contains("several images ("), "{err}");
            for tag in ["gz ", "zst ", "gz2 "] {
                assert!(err.contains(tag), "{tag}: {err}");
            }
            assert!(err.contains("choose one by tag"), "{err}");
        }
    }
    let (code, _, err) = audit(&format!("oci:{dir}:nope"), &[]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("no image tagged \"nope\"; tags: gz, gz2, zst"),
        "{err}"
    );
    // A tag and a platform that does not match it.
    let (code, _, err) = audit(&format!("oci:{dir}:gz"), &["--platform", "linux/arm64"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("no image for platform linux/arm64; available: gz linux/amd64"),
        "{err}"
    );
}

#[test]
fn every_transport_prefix() {
    let src = images();
    let cases = [
        (
            format!("oci:{}:img", src.join("oci").display()),
            "oci-layout",
        ),
        (format!("oci:{}", src.join("zstd").display()), "oci-layout"),
        (
            format!("oci-archive:{}:img", src.join("img.oci.tar").display()),
            "oci-archive",
        ),
        (
            format!("oci-archive:{}", src.join("img.oci.tar").display()),
            "oci-archive",
        ),
        (
            format!(
                "docker-archive:{}:img:1",
                src.join("img.docker.tar").display()
            ),
            "docker-archive",
        ),
        (
            format!(
                "docker-archive:{}:docker.io/library/img:1",
                src.join("img.docker.tar").display()
            ),
            "docker-archive",
        ),
    ];
    for (target, kind) in &cases {
        let (code, doc, err) = audit(target, &[]);
        assert_eq!(code, Some(3), "{target}: {err}");
        assert_eq!(doc["input"]["kind"], *kind, "{target}");
        assert_eq!(doc["input"]["path"], target.as_str());
        assert_eq!(doc["verdict"]["counts"]["glibc_dynamic"], 3, "{target}");
    }
    // Wrong tags and wrong transports each say what is there.
    let docker = src.join("img.docker.tar").display().to_string();
    let (code, _, err) = audit(&format!("docker-archive:{docker}:other:2"), &[]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("no image tagged \"other:2\"; tags: docker.io/library/img:1"),
        "{err}"
    );
    let (code, _, err) = audit(&format!("oci-archive:{docker}"), &[]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("invalid oci-archive: it is a docker-archive"),
        "{err}"
    );
    let (code, _, err) = audit(&format!("oci:{docker}"), &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no index.json"), "{err}");

    // dir:ROOT is the directory itself, same verdict as the bare path.
    let t = tempfile::tempdir().unwrap();
    crate::image_build::host_glibc_root(t.path());
    let bare = audit(&t.path().display().to_string(), &[]);
    let (code, doc, err) = audit(&format!("dir:{}", t.path().display()), &[]);
    assert_eq!(code, bare.0, "{err}");
    assert_eq!(doc["input"]["kind"], "directory");
    assert_eq!(doc["files"], bare.1["files"]);
    assert_eq!(doc["verdict"], bare.1["verdict"]);
    let (code, _, err) = audit(&format!("dir:{docker}"), &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("not a directory"), "{err}");
}
