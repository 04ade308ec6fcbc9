//! `relf audit docker://...` against a real registry: Debian's
//! docker-registry (distribution 2.8) started here on 127.0.0.1 (a free
//! port, TLS with a self-signed certificate made by openssl, htpasswd
//! auth made by htpasswd), the images of tests/real-images.sh pushed into
//! it by `skopeo copy`. The audit of the pushed image must equal the audit
//! of the local layout it came from. Bad credentials, no credentials, a
//! missing tag, an unverified certificate, a corrupted blob in the
//! registry's storage, a server that dies mid-blob and a registry that is
//! gone each give a clear error and exit 1.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::real_images::images;
use crate::support::relf;
use crate::transports::skopeo;

const USER: &str = "relf";
const PASS: &str = "s3cret-pw";

/// A docker-registry process, killed when dropped.
struct Registry {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run(cmd: &mut Command) -> Vec<u8> {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?}: {e} (tests/run.sh installs it)"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for(port: u16) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "docker-registry did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

impl Registry {
    fn start() -> Registry {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        run(Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
            ])
            .arg("-keyout")
            .arg(d.join("key.pem"))
            .arg("-out")
            .arg(d.join("cert.pem"))
            .stderr(Stdio::null()));
        let htpasswd = run(Command::new("htpasswd").args(["-Bbn", USER, PASS]));
        std::fs::write(d.join("htpasswd"), htpasswd).unwrap();
        let port = free_port();
        let config = format!(
            "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {root}/storage\nhttp:\n  addr: 127.0.0.1:{port}\n  tls:\n    certificate: {root}/cert.pem\n    key: {root}/key.pem\nauth:\n  htpasswd:\n    realm: relf-test\n    path: {root}/htpasswd\n",
            root = d.display()
        );
        std::fs::write(d.join("config.yml"), config).unwrap();
        let child = Command::new("docker-registry")
            .arg("serve")
            .arg(d.join("config.yml"))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(d.join("registry.log")).unwrap())
            .spawn()
            .expect("docker-registry (tests/run.sh installs it)");
        wait_for(port);
        Registry { child, port, dir }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn push(&self, src: &str, name: &str) {
        let dest = format!("docker://{}/{name}", self.host());
        skopeo(&[
            "copy",
            "-q",
            "--all",
            "--dest-tls-verify=false",
            "--dest-creds",
            &format!("{USER}:{PASS}"),
            src,
            &dest,
        ]);
    }

    /// An auth file in Docker's config.json format.
    fn auth_file(&self, password: &str) -> PathBuf {
        use base64::Engine as _;
        let path = self
            .dir
            .path()
            .join(format!("auth-{}.json", password.len()));
        let auth = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{password}"));
        let doc = serde_json::json!({ "auths": { self.host(): { "auth": auth } } });
        std::fs::write(&path, doc.to_string()).unwrap();
        path
    }
}

struct Run {
    code: Option<i32>,
    doc: Value,
    err: String,
}

fn audit(target: &str, auth: Option<&Path>, extra: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = relf();
    cmd.arg("audit")
        .arg("--json")
        .args(extra)
        .arg(target)
        .env("HOME", home.path())
        .env_remove("DOCKER_CONFIG")
        .env_remove("XDG_RUNTIME_DIR")
        .env_remove("XDG_CONFIG_HOME");
    match auth {
        Some(a) => cmd.env("REGISTRY_AUTH_FILE", a),
        None => cmd.env_remove("REGISTRY_AUTH_FILE"),
    };
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code(),
        doc: serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn fails(run: &Run, needle: &str) {
    assert_eq!(run.code, Some(1), "{}", run.err);
    assert!(run.err.contains(needle), "want {needle:?} in: {}", run.err);
    assert_eq!(run.err.lines().count(), 1, "{}", run.err);
}

/// The audit without its `input` section (which names the source).
fn body(doc: &Value) -> Value {
    let mut d = doc.clone();
    d.as_object_mut().unwrap().remove("input");
    d
}

#[test]
fn audit_images_in_a_real_registry() {
    let src = images();
    let reg = Registry::start();
    let oci = format!("oci:{}:img", src.join("oci").display());
    let zstd = format!("oci:{}:img", src.join("zstd").display());
    reg.push(&oci, "relf/img:v1");
    reg.push(&zstd, "relf/zst:v1");
    let good = reg.auth_file(PASS);
    let insecure = ["--tls-verify=false"];
    let url = |name: &str| format!("docker://{}/{name}", reg.host());

    // The pushed image audits as the layout it came from.
    let local = audit(&oci, None, &[]);
    assert_eq!(local.code, Some(3), "{}", local.err);
    let remote = audit(&url("relf/img:v1"), Some(&good), &insecure);
    assert_eq!(remote.code, Some(3), "{}", remote.err);
    assert_eq!(remote.doc["input"]["kind"], "registry");
    assert_eq!(remote.doc["input"]["platform"], "linux/amd64");
    assert_eq!(body(&remote.doc), body(&local.doc));
    let layers = remote.doc["input"]["layers"].as_array().unwrap();
    assert_eq!(layers, local.doc["input"]["layers"].as_array().unwrap());

    // By digest, as skopeo reports it; --authfile instead of the variable.
    let digest = String::from_utf8(run(Command::new("skopeo").args([
        "inspect",
        "--tls-verify=false",
        "--creds",
        &format!("{USER}:{PASS}"),
        "--format",
        "{{.Digest}}",
        &url("relf/img:v1"),
    ])))
    .unwrap();
    let by_digest = url(&format!("relf/img@{}", digest.trim()));
    let authfile = good.display().to_string();
    let r = audit(
        &by_digest,
        None,
        &["--tls-verify=false", "--authfile", &authfile],
    );
    assert_eq!(r.code, Some(3), "{}", r.err);
    assert_eq!(body(&r.doc), body(&local.doc));

    // Errors, each one line and exit 1.
    fails(
        &audit(&url("relf/img:v1"), Some(&good), &[]),
        "--tls-verify=false",
    );
    fails(
        &audit(
            &url("relf/img:v1"),
            Some(&reg.auth_file("wrong-password")),
            &insecure,
        ),
        "authentication failed",
    );
    fails(
        &audit(&url("relf/img:v1"), None, &insecure),
        "no credentials for",
    );
    fails(
        &audit(&url("relf/img:nope"), Some(&good), &insecure),
        "no manifest nope (MANIFEST_UNKNOWN",
    );
    fails(
        &audit(&url("relf/none:v1"), Some(&good), &insecure),
        "no manifest v1 (MANIFEST_UNKNOWN",
    );

    // A blob corrupted in the registry's storage (same size).
    let zst = audit(&url("relf/zst:v1"), Some(&good), &insecure);
    assert_eq!(zst.code, Some(3), "{}", zst.err);
    let layer = zst.doc["input"]["layers"][1]["digest"]
        .as_str()
        .unwrap()
        .to_string();
    let hex = layer.trim_start_matches("sha256:");
    let data = reg.dir.path().join(format!(
        "storage/docker/registry/v2/blobs/sha256/{}/{hex}/data",
        &hex[..2]
    ));
    let mut bytes = std::fs::read(&data).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&data, bytes).unwrap();
    fails(
        &audit(&url("relf/zst:v1"), Some(&good), &insecure),
        &format!("blob {layer} does not match its digest"),
    );

    // The registry gone: retried, then a clear error.
    let host = reg.host();
    drop(reg);
    let start = Instant::now();
    let gone = audit(
        &format!("docker://{host}/relf/img:v1"),
        Some(&good),
        &insecure,
    );
    fails(&gone, "after 5 attempts");
    assert!(gone.err.contains("docker://"), "{}", gone.err);
    assert!(start.elapsed() > Duration::from_secs(3), "no backoff");
}

#[test]
fn a_multi_platform_index_in_a_registry() {
    use crate::image_build::{manifest, Comp, Layer, Oci};
    let t = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let amd = manifest(
        &mut files,
        "amd64",
        &[Layer::new().file("./etc/arch", b"amd64").blob(Comp::Gzip)],
    );
    let arm = manifest(
        &mut files,
        "arm64",
        &[Layer::new().file("./etc/arch", b"arm64").blob(Comp::Gzip)],
    );
    let layout = t.path().join("multi");
    let index = serde_json::json!({ "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [amd, arm] });
    let bytes = serde_json::to_vec(&index).unwrap();
    let d = crate::image_build::digest(&bytes);
    files.push((
        format!("blobs/sha256/{}", d.trim_start_matches("sha256:")),
        bytes.clone(),
    ));
    let desc = serde_json::json!({ "mediaType": "application/vnd.oci.image.index.v1+json",
        "digest": d, "size": bytes.len(),
        "annotations": { "org.opencontainers.image.ref.name": "multi" } });
    Oci::with_index(files, vec![desc]).write_dir(&layout);
    let reg = Registry::start();
    reg.push(&format!("oci:{}:multi", layout.display()), "relf/multi:v1");
    let good = reg.auth_file(PASS);
    let target = format!("docker://{}/relf/multi:v1", reg.host());
    let ambiguous = audit(&target, Some(&good), &["--tls-verify=false"]);
    fails(&ambiguous, "several images (linux/amd64, linux/arm64)");
    for arch in ["arm64", "amd64"] {
        let p = format!("linux/{arch}");
        let r = audit(
            &target,
            Some(&good),
            &["--tls-verify=false", "--platform", &p],
        );
        assert_eq!(r.code, Some(0), "{}", r.err);
        assert_eq!(r.doc["input"]["platform"], p.as_str());
    }
    fails(
        &audit(
            &target,
            Some(&good),
            &["--tls-verify=false", "--platform", "linux/s390x"],
        ),
        "no image for platform linux/s390x; available: linux/amd64, linux/arm64",
    );
}

/// A plain-HTTP server on loopback that serves one image whose layer blob
/// is cut off half-way (Content-Length says more), every time it is
/// asked; it answers at most `max` connections, then stops.
fn truncating_server(max: usize) -> u16 {
    use sha2::Digest as _;
    let layer = crate::image_build::compress(&Layer_tar(), crate::image_build::Comp::Gzip);
    let config =
        br#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#
            .to_vec();
    let hex = |b: &[u8]| format!("sha256:{:x}", sha2::Sha256::digest(b));
    let (ld, cd) = (hex(&layer), hex(&config));
    let manifest = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": { "mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": config.len() },
        "layers": [{ "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": ld, "size": layer.len() }]
    }))
    .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(max) {
            let Ok(mut s) = stream else { continue };
            let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
            let mut line = String::new();
            let mut reader = BufReader::new(s.try_clone().unwrap());
            if reader.read_line(&mut line).is_err() || !line.starts_with("GET ") {
                continue; // a TLS hello: not HTTP, hang up
            }
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                    break;
                }
            }
            let path = line.split(' ').nth(1).unwrap_or("").to_string();
            let (body, declared): (&[u8], usize) = if path.ends_with("/manifests/t") {
                (&manifest, manifest.len())
            } else if path.ends_with(&cd) {
                (&config, config.len())
            } else if path.ends_with(&ld) {
                (&layer[..layer.len() / 2], layer.len())
            } else {
                (b"", 0)
            };
            let status = if declared == 0 {
                "404 Not Found"
            } else {
                "200 OK"
            };
            let ctype = if path.contains("/manifests/") {
                "application/vnd.oci.image.manifest.v1+json"
            } else {
                "application/octet-stream"
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n"
            );
            let _ = s.write_all(body);
            let _ = s.flush();
            let _ = s.shutdown(std::net::Shutdown::Both);
        }
    });
    port
}

#[allow(non_snake_case)]
fn Layer_tar() -> Vec<u8> {
    let mut data = vec![0u8; 256 * 1024];
    for (i, b) in data.iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    crate::image_build::Layer::new()
        .file("./etc/big", &data)
        .tar()
}

#[test]
fn a_registry_that_dies_mid_blob() {
    let port = truncating_server(40);
    let r = audit(
        &format!("docker://127.0.0.1:{port}/relf/cut:t"),
        None,
        &["--tls-verify=false"],
    );
    println!("{}", r.err.trim_end());
    fails(&r, "connection closed after");
    assert!(r.err.contains("(after 5 attempts)"), "{}", r.err);
}
