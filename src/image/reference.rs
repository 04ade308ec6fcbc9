//! Image references with a transport prefix, spelled as skopeo and syft
//! spell them (containers/image `transports/alltransports.ParseImageName`):
//!
//! - `oci:DIR[:TAG]`: an OCI image layout directory, the image tagged TAG
//!   (`org.opencontainers.image.ref.name`);
//! - `oci-archive:FILE[:TAG]`: the same layout in a tar file;
//! - `docker-archive:FILE[:REF]`: `docker save` output, the image whose
//!   `RepoTags` has REF;
//! - `dir:ROOT`: a root file system directory;
//! - `docker://HOST[:PORT]/NAME[:TAG|@DIGEST]`: an image in an OCI
//!   distribution registry.
//!
//! A path without a prefix keeps relf's automatic detection. As in
//! containers/image (`oci/internal.SplitPathAndImage`, docker-archive's
//! `ParseReference`), the path ends at the first `:` after the prefix.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use super::ImageError;

/// Where an image is, and which one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageRef {
    /// No transport prefix: a directory or an image, told by its contents.
    Path(PathBuf),
    Oci {
        dir: PathBuf,
        tag: Option<String>,
    },
    OciArchive {
        file: PathBuf,
        tag: Option<String>,
    },
    DockerArchive {
        file: PathBuf,
        reference: Option<String>,
    },
    Dir(PathBuf),
    Registry(RegistryRef),
}

/// `HOST[:PORT]/NAME[:TAG|@DIGEST]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryRef {
    /// `host` or `host:port` (`registry-1.docker.io` for Docker Hub).
    pub host: String,
    /// The repository, e.g. `library/debian`.
    pub name: String,
    /// A tag or a `sha256:...` digest.
    pub reference: String,
}

impl RegistryRef {
    /// Parses what follows `docker://`. A first component without `.` or
    /// `:` that is not `localhost` names a Docker Hub repository
    /// (distribution `reference.ParseNormalizedNamed`).
    pub fn parse(text: &str) -> Result<RegistryRef, ImageError> {
        let invalid = |m: &str| ImageError::Invalid {
            what: "image reference".into(),
            message: format!("docker://{text}: {m}"),
        };
        let (host, rest) = match text.split_once('/') {
            Some((h, r)) if h.contains('.') || h.contains(':') || h == "localhost" => {
                (h.to_string(), r.to_string())
            }
            _ => ("registry-1.docker.io".to_string(), text.to_string()),
        };
        let (name, reference) = if let Some((n, d)) = rest.split_once('@') {
            (n.to_string(), d.to_string())
        } else {
            match rest.rsplit_once(':') {
                Some((n, t)) if !t.contains('/') => (n.to_string(), t.to_string()),
                _ => (rest.clone(), "latest".to_string()),
            }
        };
        let name = if host == "registry-1.docker.io" && !name.contains('/') {
            format!("library/{name}")
        } else {
            name
        };
        let name_ok = !name.is_empty()
            && name.split('/').all(|c| {
                !c.is_empty()
                    && c.bytes().all(|b| {
                        b.is_ascii_lowercase()
                            || b.is_ascii_digit()
                            || matches!(b, b'.' | b'_' | b'-')
                    })
            });
        if !name_ok {
            return Err(invalid("invalid repository name"));
        }
        let digest = reference.contains(':');
        let ref_ok = if digest {
            super::blob::valid_digest(&reference).is_some()
        } else {
            !reference.is_empty()
                && reference.len() <= 128
                && reference
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        };
        if !ref_ok {
            return Err(invalid("invalid tag or digest"));
        }
        if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '@') {
            return Err(invalid("invalid registry host"));
        }
        Ok(RegistryRef {
            host,
            name,
            reference,
        })
    }

    /// Whether the reference is a digest rather than a tag.
    pub fn is_digest(&self) -> bool {
        self.reference.contains(':')
    }
}

impl std::fmt::Display for RegistryRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sep = if self.is_digest() { '@' } else { ':' };
        write!(f, "{}/{}{sep}{}", self.host, self.name, self.reference)
    }
}

/// `PATH[:SUFFIX]`, split at the first `:`; an empty suffix is none.
fn split_path(rest: &[u8]) -> (PathBuf, Option<String>) {
    match rest.iter().position(|&b| b == b':') {
        Some(i) => {
            let suffix = String::from_utf8_lossy(&rest[i + 1..]).into_owned();
            (
                PathBuf::from(OsStr::from_bytes(&rest[..i])),
                (!suffix.is_empty()).then_some(suffix),
            )
        }
        None => (PathBuf::from(OsStr::from_bytes(rest)), None),
    }
}

impl ImageRef {
    /// Parses a command-line argument.
    pub fn parse(arg: &OsStr) -> Result<ImageRef, ImageError> {
        let bytes = arg.as_bytes();
        let path_of = |rest: &[u8]| -> Result<PathBuf, ImageError> {
            if rest.is_empty() {
                return Err(ImageError::Invalid {
                    what: "image reference".into(),
                    message: format!("{}: no path", arg.to_string_lossy()),
                });
            }
            Ok(PathBuf::from(OsStr::from_bytes(rest)))
        };
        if let Some(rest) = bytes.strip_prefix(b"docker://") {
            return RegistryRef::parse(&String::from_utf8_lossy(rest)).map(ImageRef::Registry);
        }
        if let Some(rest) = bytes.strip_prefix(b"oci:") {
            let (dir, tag) = split_path(rest);
            path_of(dir.as_os_str().as_bytes())?;
            return Ok(ImageRef::Oci { dir, tag });
        }
        if let Some(rest) = bytes.strip_prefix(b"oci-archive:") {
            let (file, tag) = split_path(rest);
            path_of(file.as_os_str().as_bytes())?;
            return Ok(ImageRef::OciArchive { file, tag });
        }
        if let Some(rest) = bytes.strip_prefix(b"docker-archive:") {
            let (file, reference) = split_path(rest);
            path_of(file.as_os_str().as_bytes())?;
            return Ok(ImageRef::DockerArchive { file, reference });
        }
        if let Some(rest) = bytes.strip_prefix(b"dir:") {
            return path_of(rest).map(ImageRef::Dir);
        }
        Ok(ImageRef::Path(PathBuf::from(arg)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> ImageRef {
        ImageRef::parse(OsStr::new(s)).unwrap()
    }

    #[test]
    fn transports() {
        assert_eq!(parse("img"), ImageRef::Path("img".into()));
        assert_eq!(parse("./oci:x"), ImageRef::Path("./oci:x".into()));
        assert_eq!(
            parse("oci:/l:v1"),
            ImageRef::Oci {
                dir: "/l".into(),
                tag: Some("v1".into())
            }
        );
        assert_eq!(
            parse("oci:/l"),
            ImageRef::Oci {
                dir: "/l".into(),
                tag: None
            }
        );
        assert_eq!(
            parse("docker-archive:a.tar:img:1"),
            ImageRef::DockerArchive {
                file: "a.tar".into(),
                reference: Some("img:1".into())
            }
        );
        assert_eq!(
            parse("oci-archive:a.tar:t"),
            ImageRef::OciArchive {
                file: "a.tar".into(),
                tag: Some("t".into())
            }
        );
        assert_eq!(parse("dir:/r"), ImageRef::Dir("/r".into()));
        assert!(ImageRef::parse(OsStr::new("dir:")).is_err());
        assert!(ImageRef::parse(OsStr::new("oci::t")).is_err());
    }

    #[test]
    fn registry_references() {
        let r = RegistryRef::parse("127.0.0.1:5000/a/b:v2").unwrap();
        assert_eq!(
            (r.host.as_str(), r.name.as_str(), r.reference.as_str()),
            ("127.0.0.1:5000", "a/b", "v2")
        );
        let d = format!("localhost/x@sha256:{}", "ab".repeat(32));
        let r = RegistryRef::parse(&d).unwrap();
        assert!(r.is_digest());
        assert_eq!(r.to_string(), d);
        let r = RegistryRef::parse("debian").unwrap();
        assert_eq!(r.to_string(), "registry-1.docker.io/library/debian:latest");
        let r = RegistryRef::parse("127.0.0.1:5000/x").unwrap();
        assert_eq!(r.reference, "latest");
        for bad in [
            "h.io/",
            "h.io/UPPER:t",
            "h.io/x:bad tag",
            "h.io/x@sha256:zz",
        ] {
            assert!(RegistryRef::parse(bad).is_err(), "{bad}");
        }
    }
}
