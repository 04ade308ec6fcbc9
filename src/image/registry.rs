//! An OCI distribution registry client (distribution-spec `spec.md`:
//! `GET/HEAD /v2/NAME/manifests/REF`, `GET /v2/NAME/blobs/DIGEST`), on
//! ureq with rustls and the system's root certificates.
//!
//! - `Accept` names the OCI and Docker v2 manifest and index media types;
//!   a schema 1 manifest is refused.
//! - Authentication follows the registry's `WWW-Authenticate` challenge
//!   (distribution `registry/auth/token`): `Bearer realm=,service=,scope=`
//!   gets a token from the realm (with basic credentials when there are
//!   some), `Basic` sends the credentials directly. Credentials come from
//!   auth files in the Docker `config.json` / containers `auth.json` format
//!   whose paths the caller gives: the library reads no environment.
//! - Connection failures, 429 and 5xx answers are retried with exponential
//!   backoff; a blob is streamed to a file in the caller's spool directory
//!   while its SHA-256 is computed, and is used only if it has the size and
//!   the digest its descriptor names.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use base64::Engine as _;
use sha2::{Digest as _, Sha256};
use ureq::http::Response;
use ureq::Body;

use super::reference::RegistryRef;
use super::{ImageError, MAX_JSON_BYTES};

/// The manifest media types asked for, preferred first.
pub const MANIFEST_ACCEPT: &str = "application/vnd.oci.image.index.v1+json, \
application/vnd.oci.image.manifest.v1+json, \
application/vnd.docker.distribution.manifest.list.v2+json, \
application/vnd.docker.distribution.manifest.v2+json";

/// Longest wait for one request's connection, and between two reads.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A user name and password (or identity token) for one registry.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, <hidden>)", self.username)
    }
}

/// How to reach registries.
#[derive(Debug, Clone)]
pub struct RegistryOptions {
    /// Check the server's certificate (`--tls-verify=false` turns it off,
    /// and then also lets a registry answer over plain HTTP).
    pub tls_verify: bool,
    /// Auth files to look in, first match wins (the CLI passes
    /// `$REGISTRY_AUTH_FILE`, containers' `auth.json`, Docker's
    /// `config.json`).
    pub auth_files: Vec<PathBuf>,
    /// Where blobs are written while they are read (the caller removes it).
    pub spool: PathBuf,
    /// Attempts after the first for a failed connection or a 429/5xx.
    pub retries: u32,
    /// First backoff; doubled each retry.
    pub backoff: Duration,
}

impl RegistryOptions {
    pub fn new(spool: PathBuf) -> RegistryOptions {
        RegistryOptions {
            tls_verify: true,
            auth_files: Vec::new(),
            spool,
            retries: 4,
            backoff: Duration::from_millis(250),
        }
    }
}

#[derive(serde::Deserialize)]
struct AuthFile {
    #[serde(default)]
    auths: HashMap<String, AuthEntry>,
}

#[derive(serde::Deserialize)]
struct AuthEntry {
    #[serde(default)]
    auth: Option<String>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    identitytoken: Option<String>,
}

/// The `auths` key of `host` in an auth file: the host itself, with a
/// scheme or path around it, and Docker Hub's historical key
/// (containers/image `pkg/docker/config` `normalizeAuthFileKey`).
fn key_matches(key: &str, host: &str) -> bool {
    let k = key
        .strip_prefix("https://")
        .or_else(|| key.strip_prefix("http://"))
        .unwrap_or(key);
    let k = k.split('/').next().unwrap_or(k);
    k == host || (host == "registry-1.docker.io" && (k == "index.docker.io" || k == "docker.io"))
}

/// The credentials for `host` in the first of `files` that has some.
/// Files that do not exist are skipped; a file that cannot be parsed is
/// an error naming it.
pub fn credentials_for(host: &str, files: &[PathBuf]) -> Result<Option<Credentials>, ImageError> {
    for path in files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(ImageError::Io(format!("{}: {e}", path.display()))),
        };
        let file: AuthFile = serde_json::from_slice(&bytes).map_err(|e| ImageError::Invalid {
            what: format!("auth file {}", path.display()),
            message: e.to_string(),
        })?;
        let mut keys: Vec<&String> = file.auths.keys().collect();
        keys.sort();
        for key in keys {
            if !key_matches(key, host) {
                continue;
            }
            let entry = &file.auths[key];
            if let Some(token) = &entry.identitytoken {
                return Ok(Some(Credentials {
                    username: "<token>".into(),
                    password: token.clone(),
                }));
            }
            if let (Some(u), Some(p)) = (&entry.username, &entry.password) {
                return Ok(Some(Credentials {
                    username: u.clone(),
                    password: p.clone(),
                }));
            }
            if let Some(auth) = &entry.auth {
                let decoded = base64::engine::general_purpose::STANDARD
                    .decode(auth.trim())
                    .ok()
                    .and_then(|d| String::from_utf8(d).ok())
                    .and_then(|s| {
                        s.split_once(':')
                            .map(|(u, p)| (u.to_string(), p.to_string()))
                    });
                let Some((username, password)) = decoded else {
                    return Err(ImageError::Invalid {
                        what: format!("auth file {}", path.display()),
                        message: format!("the auth of {key} is not base64 of user:password"),
                    });
                };
                return Ok(Some(Credentials { username, password }));
            }
        }
    }
    Ok(None)
}

/// How requests are authorized, once the registry said how.
#[derive(Debug, Clone)]
enum Auth {
    None,
    Basic,
    Bearer(String),
}

/// One registry repository.
#[derive(Debug)]
pub struct Client {
    agent: ureq::Agent,
    reference: RegistryRef,
    scheme: Mutex<&'static str>,
    credentials: Option<Credentials>,
    auth: Mutex<Auth>,
    options: RegistryOptions,
    /// Bytes of blobs received (for the cache's figures).
    received: std::sync::atomic::AtomicU64,
}

/// `key="value", key2="value2"` of a `WWW-Authenticate` header.
fn challenge_params(text: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut rest = text;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq]
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_lowercase();
        rest = &rest[eq + 1..];
        let value = if let Some(r) = rest.strip_prefix('"') {
            let end = r.find('"').unwrap_or(r.len());
            let v = r[..end].to_string();
            rest = r.get(end + 1..).unwrap_or("");
            v
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            let v = rest[..end].trim().to_string();
            rest = &rest[end..];
            v
        };
        out.insert(key, value);
    }
    out
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The registry's `{"errors":[{"code","message"}]}` body, as one line.
fn error_text(resp: &mut Response<Body>) -> String {
    let body = resp
        .body_mut()
        .with_config()
        .limit(64 * 1024)
        .read_to_vec()
        .unwrap_or_default();
    #[derive(serde::Deserialize)]
    struct Errors {
        errors: Vec<ErrorItem>,
    }
    #[derive(serde::Deserialize)]
    struct ErrorItem {
        #[serde(default)]
        code: String,
        #[serde(default)]
        message: String,
    }
    match serde_json::from_slice::<Errors>(&body) {
        Ok(e) if !e.errors.is_empty() => e
            .errors
            .iter()
            .map(|i| format!("{}: {}", i.code, i.message))
            .collect::<Vec<_>>()
            .join("; "),
        _ => String::new(),
    }
}

/// Whether a ureq error is worth another attempt (the connection, not the
/// request, failed).
fn transient(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::Io(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::Timeout(_)
            | ureq::Error::HostNotFound
            | ureq::Error::Protocol(_)
            | ureq::Error::BodyStalled
    )
}

fn is_tls(e: &ureq::Error) -> bool {
    matches!(e, ureq::Error::Tls(_) | ureq::Error::Rustls(_))
        || e.to_string().to_lowercase().contains("certificate")
}

impl Client {
    pub fn new(reference: &RegistryRef, options: &RegistryOptions) -> Result<Client, ImageError> {
        let credentials = credentials_for(&reference.host, &options.auth_files)?;
        let roots = if options.tls_verify {
            let found = rustls_native_certs::load_native_certs();
            let certs: Vec<ureq::tls::Certificate<'static>> = found
                .certs
                .iter()
                .map(|c| ureq::tls::Certificate::from_der(c.as_ref()).to_owned())
                .collect();
            if certs.is_empty() {
                ureq::tls::RootCerts::WebPki
            } else {
                ureq::tls::RootCerts::new_with_certs(&certs)
            }
        } else {
            ureq::tls::RootCerts::WebPki
        };
        let tls = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::Rustls)
            .root_certs(roots)
            .disable_verification(!options.tls_verify)
            .build();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .tls_config(tls)
            .http_status_as_error(false)
            .timeout_connect(Some(TIMEOUT))
            .timeout_per_read(Some(TIMEOUT))
            .user_agent(concat!("relf/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Client {
            agent,
            reference: reference.clone(),
            scheme: Mutex::new("https"),
            credentials,
            auth: Mutex::new(Auth::None),
            options: options.clone(),
            received: std::sync::atomic::AtomicU64::new(0),
        })
    }

    /// Blob bytes received so far.
    pub fn bytes_received(&self) -> u64 {
        self.received.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn url(&self, path: &str) -> String {
        let scheme = *self.scheme.lock().unwrap_or_else(|e| e.into_inner());
        format!(
            "{scheme}://{}/v2/{}/{path}",
            self.reference.host, self.reference.name
        )
    }

    fn err(&self, message: String) -> ImageError {
        ImageError::Registry {
            reference: self.reference.to_string(),
            message,
        }
    }

    fn basic(&self) -> Option<String> {
        self.credentials.as_ref().map(|c| {
            let raw = format!("{}:{}", c.username, c.password);
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(raw)
            )
        })
    }

    /// Answers a 401 challenge: how the next attempt is authorized.
    fn authorize(&self, challenge: &str) -> Result<Auth, ImageError> {
        let (scheme, params) = challenge.split_once(' ').unwrap_or((challenge, ""));
        let params = challenge_params(params);
        match scheme.to_ascii_lowercase().as_str() {
            "basic" => {
                if self.credentials.is_none() {
                    return Err(self.err(format!(
                        "authentication required and no credentials for {} in the auth files",
                        self.reference.host
                    )));
                }
                Ok(Auth::Basic)
            }
            "bearer" => {
                let realm = params
                    .get("realm")
                    .ok_or_else(|| self.err("a Bearer challenge without realm".into()))?;
                let mut url = format!("{realm}?");
                if let Some(service) = params.get("service") {
                    url.push_str(&format!("service={}&", percent(service)));
                }
                let scope = params
                    .get("scope")
                    .cloned()
                    .unwrap_or_else(|| format!("repository:{}:pull", self.reference.name));
                url.push_str(&format!("scope={}", percent(&scope)));
                let mut req = self.agent.get(&url);
                if let Some(b) = self.basic() {
                    req = req.header("Authorization", b);
                }
                let mut resp = req
                    .call()
                    .map_err(|e| self.err(format!("token from {realm}: {e}")))?;
                let status = resp.status().as_u16();
                if status == 401 || status == 403 {
                    return Err(self.err(format!(
                        "authentication failed at {realm} ({status}){}",
                        self.who()
                    )));
                }
                if status != 200 {
                    return Err(self.err(format!("token from {realm}: HTTP {status}")));
                }
                #[derive(serde::Deserialize)]
                struct Token {
                    #[serde(default)]
                    token: Option<String>,
                    #[serde(default)]
                    access_token: Option<String>,
                }
                let body = resp
                    .body_mut()
                    .with_config()
                    .limit(MAX_JSON_BYTES)
                    .read_to_vec()
                    .map_err(|e| self.err(format!("token from {realm}: {e}")))?;
                let t: Token = serde_json::from_slice(&body)
                    .map_err(|e| self.err(format!("token from {realm}: {e}")))?;
                t.token
                    .or(t.access_token)
                    .map(Auth::Bearer)
                    .ok_or_else(|| self.err(format!("token from {realm}: no token")))
            }
            other => Err(self.err(format!("unsupported authentication scheme {other:?}"))),
        }
    }

    fn who(&self) -> String {
        match &self.credentials {
            Some(c) => format!(" for user {:?}", c.username),
            None => " (no credentials)".into(),
        }
    }

    /// One request, with authentication and retries: the response of a
    /// status other than 401, 429 and 5xx.
    fn send(&self, method: &str, path: &str, accept: &str) -> Result<Response<Body>, ImageError> {
        let mut attempt = 0u32;
        let mut authorized = false;
        let mut last;
        loop {
            let url = self.url(path);
            let auth = self.auth.lock().unwrap_or_else(|e| e.into_inner()).clone();
            let mut builder = ureq::http::Request::builder()
                .method(method)
                .uri(&url)
                .header("Accept", accept);
            match &auth {
                Auth::None => {}
                Auth::Basic => {
                    if let Some(b) = self.basic() {
                        builder = builder.header("Authorization", b);
                    }
                }
                Auth::Bearer(t) => builder = builder.header("Authorization", format!("Bearer {t}")),
            }
            let request = builder
                .body(())
                .map_err(|e| self.err(format!("{url}: {e}")))?;
            let retry = match self.agent.run(request) {
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    if status == 401 {
                        if authorized || !matches!(auth, Auth::None) {
                            let detail = error_text(&mut resp);
                            return Err(self.err(format!(
                                "authentication failed (401 Unauthorized){}{}",
                                self.who(),
                                if detail.is_empty() {
                                    String::new()
                                } else {
                                    format!(": {detail}")
                                }
                            )));
                        }
                        let challenge = resp
                            .headers()
                            .get("www-authenticate")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("")
                            .to_string();
                        let next = self.authorize(&challenge)?;
                        *self.auth.lock().unwrap_or_else(|e| e.into_inner()) = next;
                        authorized = true;
                        continue;
                    }
                    if status == 429 || status >= 500 {
                        last = format!("{url}: HTTP {status}");
                        true
                    } else {
                        return Ok(resp);
                    }
                }
                Err(e) if !self.options.tls_verify && attempt == 0 && self.downgrade() => {
                    // An insecure registry may speak plain HTTP
                    // (containers/image `docker_client.detectProperties`).
                    let _ = e;
                    continue;
                }
                Err(e) if is_tls(&e) => {
                    return Err(self.err(format!(
                        "TLS: {e} (for a registry with a self-signed certificate: --tls-verify=false)"
                    )));
                }
                Err(e) if transient(&e) => {
                    last = format!("{url}: {e}");
                    true
                }
                Err(e) => return Err(self.err(format!("{url}: {e}"))),
            };
            if retry && attempt < self.options.retries {
                std::thread::sleep(self.options.backoff * 2u32.pow(attempt));
                attempt += 1;
                continue;
            }
            return Err(self.err(format!("{last} (after {} attempts)", attempt + 1)));
        }
    }

    /// Switches from https to http once; false when already switched.
    fn downgrade(&self) -> bool {
        let mut scheme = self.scheme.lock().unwrap_or_else(|e| e.into_inner());
        if *scheme == "https" {
            *scheme = "http";
            true
        } else {
            false
        }
    }

    /// `HEAD` of a manifest: whether the tag or digest exists.
    pub fn has_manifest(&self, reference: &str) -> Result<bool, ImageError> {
        let resp = self.send("HEAD", &format!("manifests/{reference}"), MANIFEST_ACCEPT)?;
        Ok(resp.status().is_success())
    }

    /// A manifest or index by tag or digest: its bytes and its digest
    /// (computed; checked against a digest reference).
    pub fn manifest(&self, reference: &str) -> Result<(Vec<u8>, String), ImageError> {
        let mut resp = self.send("GET", &format!("manifests/{reference}"), MANIFEST_ACCEPT)?;
        let status = resp.status().as_u16();
        if status == 404 {
            let detail = error_text(&mut resp);
            return Err(self.err(format!(
                "no manifest {reference}{}",
                if detail.is_empty() {
                    String::new()
                } else {
                    format!(" ({detail})")
                }
            )));
        }
        if status != 200 {
            let detail = error_text(&mut resp);
            return Err(self.err(format!("manifest {reference}: HTTP {status} {detail}")));
        }
        let media = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        if media.starts_with("application/vnd.docker.distribution.manifest.v1+") {
            return Err(self.err(format!(
                "manifest {reference} is Docker schema 1 ({media}), which is not supported"
            )));
        }
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(MAX_JSON_BYTES)
            .read_to_vec()
            .map_err(|e| self.err(format!("manifest {reference}: {e}")))?;
        let digest = format!("sha256:{}", hex(&Sha256::digest(&bytes)));
        if reference.contains(':') && reference != digest {
            return Err(ImageError::DigestMismatch {
                digest: reference.to_string(),
                actual: digest,
            });
        }
        Ok((bytes, digest))
    }

    /// A small blob (an image configuration), read whole and verified.
    pub fn blob_json(&self, digest: &str) -> Result<Vec<u8>, ImageError> {
        let path = self.blob_file(digest, None)?;
        let bytes = std::fs::read(&path).map_err(|e| ImageError::Io(format!("{digest}: {e}")))?;
        if bytes.len() as u64 > MAX_JSON_BYTES {
            return Err(ImageError::TooLarge {
                what: format!("blob {digest}"),
                limit: MAX_JSON_BYTES,
            });
        }
        Ok(bytes)
    }

    /// Streams the blob `digest` into the spool directory (once; a second
    /// call finds the file) and returns its path. Its size (when `size`
    /// is given) and its SHA-256 must match; a connection that breaks is
    /// retried from the start.
    pub fn blob_file(&self, digest: &str, size: Option<u64>) -> Result<PathBuf, ImageError> {
        let (alg, hexdigest) =
            super::blob::valid_digest(digest).ok_or_else(|| ImageError::Invalid {
                what: "digest".into(),
                message: digest.to_string(),
            })?;
        if alg != "sha256" {
            return Err(self.err(format!("blob {digest}: only sha256 digests are verified")));
        }
        let dest = self.options.spool.join(hexdigest);
        if dest.is_file() {
            return Ok(dest);
        }
        let mut attempt = 0u32;
        loop {
            match self.download(digest, hexdigest, size, &dest) {
                Ok(()) => return Ok(dest),
                Err(Download::Retry(message)) if attempt < self.options.retries => {
                    let _ = message;
                    std::thread::sleep(self.options.backoff * 2u32.pow(attempt));
                    attempt += 1;
                }
                Err(Download::Retry(message)) => {
                    return Err(self.err(format!(
                        "blob {digest}: {message} (after {} attempts)",
                        attempt + 1
                    )))
                }
                Err(Download::Fatal(e)) => return Err(e),
            }
        }
    }

    fn download(
        &self,
        digest: &str,
        hexdigest: &str,
        size: Option<u64>,
        dest: &Path,
    ) -> Result<(), Download> {
        let mut resp = self
            .send("GET", &format!("blobs/{digest}"), "*/*")
            .map_err(Download::Fatal)?;
        let status = resp.status().as_u16();
        if status == 404 {
            let detail = error_text(&mut resp);
            return Err(Download::Fatal(
                self.err(format!("blob {digest} is missing ({detail})")),
            ));
        }
        if status != 200 {
            return Err(Download::Fatal(
                self.err(format!("blob {digest}: HTTP {status}")),
            ));
        }
        let expected = size.or_else(|| resp.body().content_length());
        let io_fatal = |e: io::Error| Download::Fatal(ImageError::Io(format!("{digest}: {e}")));
        let mut tmp = tempfile::NamedTempFile::new_in(&self.options.spool).map_err(io_fatal)?;
        let mut reader = resp.body_mut().with_config().limit(u64::MAX).reader();
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut got = 0u64;
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(Download::Retry(format!(
                        "connection closed after {got}{} bytes ({e})",
                        expected.map_or(String::new(), |t| format!(" of {t}"))
                    )))
                }
            };
            hasher.update(&buf[..n]);
            tmp.write_all(&buf[..n]).map_err(io_fatal)?;
            got += n as u64;
            self.received
                .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
            if expected.is_some_and(|t| got > t) {
                return Err(Download::Fatal(self.err(format!(
                    "blob {digest} is larger than its {} bytes",
                    expected.unwrap_or(0)
                ))));
            }
        }
        if let Some(t) = expected {
            if got < t {
                return Err(Download::Retry(format!(
                    "connection closed after {got} of {t} bytes"
                )));
            }
        }
        let actual = hex(&hasher.finalize());
        if actual != hexdigest {
            return Err(Download::Fatal(ImageError::DigestMismatch {
                digest: digest.to_string(),
                actual: format!("sha256:{actual}"),
            }));
        }
        tmp.persist(dest).map_err(|e| io_fatal(e.error)).map(|_| ())
    }
}

enum Download {
    Retry(String),
    Fatal(ImageError),
}

/// Lowercase hex of `bytes` (digests, build IDs).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges() {
        let p = challenge_params(
            r#"realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/debian:pull""#,
        );
        assert_eq!(p["realm"], "https://auth.docker.io/token");
        assert_eq!(p["service"], "registry.docker.io");
        assert_eq!(p["scope"], "repository:library/debian:pull");
        assert_eq!(percent("repository:a/b:pull"), "repository%3Aa%2Fb%3Apull");
    }

    #[test]
    fn auth_files() {
        let t = tempfile::tempdir().unwrap();
        let a = t.path().join("a.json");
        let b = t.path().join("b.json");
        std::fs::write(
            &a,
            r#"{"auths":{"other:5000":{"auth":"eDp5"}}}"#, // x:y
        )
        .unwrap();
        std::fs::write(
            &b,
            r#"{"auths":{"https://127.0.0.1:5000/v2/":{"auth":"dXNlcjpwYTpzcw=="},"https://index.docker.io/v1/":{"auth":"aHViOmh1Yg=="}}}"#,
        )
        .unwrap();
        let files = vec![t.path().join("missing.json"), a.clone(), b.clone()];
        let c = credentials_for("127.0.0.1:5000", &files).unwrap().unwrap();
        assert_eq!(
            (c.username.as_str(), c.password.as_str()),
            ("user", "pa:ss")
        );
        let c = credentials_for("other:5000", &files).unwrap().unwrap();
        assert_eq!(c.username, "x");
        let c = credentials_for("registry-1.docker.io", &files)
            .unwrap()
            .unwrap();
        assert_eq!(c.username, "hub");
        assert_eq!(credentials_for("nowhere", &files).unwrap(), None);
        std::fs::write(&a, "{").unwrap();
        assert!(credentials_for("x", &files).is_err());
    }
}
