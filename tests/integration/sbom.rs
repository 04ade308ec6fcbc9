//! `relf audit --format cyclonedx` on the umoci-made image of
//! tests/real-images.sh (host files copied in): the document validates
//! against the official CycloneDX 1.6 JSON schema (with the spdx and jsf
//! schemas it references, as the PyPI package cyclonedx-python-lib ships
//! them; tests/run.sh installs it), each component's SHA-256 equals
//! sha256sum's and its build ID readelf -n's on the host file it was
//! copied from, and each file's `dependsOn` are its DT_NEEDED entries
//! (readelf -d) that are in the image. `--format json` / `sarif` are
//! `--json` / `--sarif`.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use crate::real_images::images;
use crate::support::relf;

/// `cyclonedx/schema/_res` of the installed cyclonedx-python-lib, or
/// `$RELF_CYCLONEDX_SCHEMAS`.
fn schema_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("RELF_CYCLONEDX_SCHEMAS") {
        return PathBuf::from(d);
    }
    let out = Command::new("python3")
        .args([
            "-c",
            "import importlib.util, os; print(os.path.dirname(importlib.util.find_spec('cyclonedx').origin))",
        ])
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "the CycloneDX schemas are missing: pip install cyclonedx-python-lib (tests/run.sh does): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim()).join("schema/_res");
    assert!(
        dir.join("bom-1.6.SNAPSHOT.schema.json").is_file(),
        "no bom-1.6 schema in {}",
        dir.display()
    );
    dir
}

/// Serves the schemas the bom schema references from `dir`.
struct LocalSchemas(PathBuf);

impl jsonschema::Retrieve for LocalSchemas {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .path()
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string();
        if !name.ends_with(".schema.json") || name.contains("..") {
            return Err(format!("no local schema for {}", uri.as_str()).into());
        }
        let bytes = std::fs::read(self.0.join(&name))?;
        Ok(serde_json::from_slice(&bytes)?)
    }
}

fn stdout(args: &[&str]) -> Vec<u8> {
    relf().args(args).output().unwrap().stdout
}

fn host(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap();
    assert!(out.status.success(), "{cmd} {args:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn prop<'a>(c: &'a Value, name: &str) -> Option<&'a str> {
    c["properties"]
        .as_array()?
        .iter()
        .find(|p| p["name"] == name)
        .and_then(|p| p["value"].as_str())
}

#[test]
fn cyclonedx_sbom_of_an_image() {
    let dir = schema_dir();
    let image = images().join("oci").display().to_string();
    let bom_bytes = stdout(&["audit", "--format", "cyclonedx", &image]);
    let bom: Value = serde_json::from_slice(&bom_bytes).unwrap();

    let schema: Value =
        serde_json::from_slice(&std::fs::read(dir.join("bom-1.6.SNAPSHOT.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::options()
        .with_retriever(LocalSchemas(dir.clone()))
        .should_validate_formats(true)
        .build(&schema)
        .expect("the CycloneDX 1.6 schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&bom)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator rejects what the schema forbids (not a blind pass).
    let mut broken = bom.clone();
    broken["components"][0]["hashes"][0]["alg"] = "SHA-999".into();
    assert!(!validator.is_valid(&broken));

    let doc: Value = serde_json::from_slice(&stdout(&["audit", "--json", &image])).unwrap();
    let files: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let components = bom["components"].as_array().unwrap();
    let names: Vec<&str> = components
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, files);
    assert_eq!(bom["metadata"]["component"]["type"], "container");

    let multiarch = "/lib/x86_64-linux-gnu/";
    let mut checked = 0;
    for c in components {
        let path = c["name"].as_str().unwrap();
        // tests/real-images.sh copied these from the host (cp -L).
        let src = if path == "/usr/bin/ls-hard" {
            "/usr/bin/ls".to_string()
        } else {
            path.to_string()
        };
        let sum = host("sha256sum", &[&src])
            .split(' ')
            .next()
            .unwrap()
            .to_string();
        assert_eq!(c["hashes"][0]["alg"], "SHA-256");
        assert_eq!(c["hashes"][0]["content"], sum.as_str(), "{path}");
        let notes = host("readelf", &["-nW", &src]);
        let build_id = notes
            .lines()
            .find_map(|l| l.split("Build ID: ").nth(1))
            .map(|id| id.trim().to_string());
        assert_eq!(
            prop(c, "relf:build-id").map(str::to_string),
            build_id,
            "{path}"
        );
        // kind, link and libc as the audit's own --json classifies them.
        let f = doc["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == path)
            .unwrap();
        for key in ["kind", "link", "libc"] {
            assert_eq!(
                prop(c, &format!("relf:{key}")),
                f[key].as_str(),
                "{path} {key}"
            );
        }
        // dependsOn: DT_NEEDED entries present in the image, in order.
        let dynamic = host("readelf", &["-dW", &src]);
        let want: Vec<String> = dynamic
            .lines()
            .filter(|l| l.contains("(NEEDED)"))
            .filter_map(|l| l.split('[').nth(1)?.split(']').next())
            .map(|n| format!("file:{multiarch}{n}"))
            .filter(|r| names.contains(&&r["file:".len()..]))
            .collect();
        let dep = bom["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["ref"] == format!("file:{path}"))
            .unwrap_or_else(|| panic!("no dependencies entry for {path}"));
        let got: Vec<String> = dep["dependsOn"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        assert_eq!(got, want, "{path}");
        checked += 1;
    }
    assert_eq!(checked, 7);

    // The same document twice: nothing run-dependent in it.
    assert_eq!(
        stdout(&["audit", "--format", "cyclonedx", &image]),
        bom_bytes
    );
    // --format json / sarif are --json / --sarif.
    assert_eq!(
        stdout(&["audit", "--format", "json", &image]),
        stdout(&["audit", "--json", &image])
    );
    assert_eq!(
        stdout(&["audit", "--format", "sarif", &image]),
        stdout(&["audit", "--sarif", &image])
    );
    let out = relf()
        .args(["audit", "--json", "--format", "sarif", &image])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
