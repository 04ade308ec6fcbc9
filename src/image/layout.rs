//! Finding an image's layers: the OCI image layout (`index.json`, nested
//! indexes, manifests, configs; image-spec `image-layout.md`,
//! `image-index.md`, `manifest.md`) in a directory or a tar archive, and
//! docker-archive's `manifest.json` (`docker save`).

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::blob::{valid_digest, BlobRef, Compression};
use super::tree::normalize;
use super::{
    ImageError, ImageOptions, InputKind, LayerInfo, Platform, MAX_ARCHIVE_MEMBERS, MAX_INDEX_DEPTH,
};

/// Most symlinks followed between members of an outer archive (docker
/// save links repeated layers to their first copy).
const MAX_MEMBER_LINKS: usize = 8;

const MT_OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
const MT_DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";

#[derive(Debug, Clone)]
struct Member {
    offset: u64,
    size: u64,
    link: Option<String>,
    regular: bool,
}

/// The members of an uncompressed outer tar archive, by normalized name.
#[derive(Debug, Clone)]
pub struct Archive {
    path: Arc<PathBuf>,
    members: HashMap<String, Member>,
}

fn member_name(raw: &[u8]) -> String {
    let parts = normalize(raw);
    let joined: Vec<String> = parts
        .iter()
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    joined.join("/")
}

impl Archive {
    /// Lists the members of the tar file at `path` (seeking over their data).
    pub fn list(path: &Path) -> Result<Archive, ImageError> {
        let io_err = |e: std::io::Error| ImageError::Io(e.to_string());
        let mut magic = Vec::new();
        File::open(path)
            .and_then(|f| f.take(512).read_to_end(&mut magic))
            .map_err(io_err)?;
        if Compression::detect(&magic) != Compression::None {
            return Err(ImageError::CompressedArchive);
        }
        // A tar header: "ustar" at 257, or at least a checksum that parses.
        let is_tar = magic.len() == 512
            && (magic.get(257..262) == Some(b"ustar")
                || tar::Header::from_byte_slice(&magic).cksum().is_ok());
        if !is_tar {
            return Err(ImageError::Unrecognized);
        }
        let file = File::open(path).map_err(io_err)?;
        let mut archive = tar::Archive::new(file);
        let mut members = HashMap::new();
        let truncated = |e: std::io::Error| ImageError::Invalid {
            what: "archive".into(),
            message: format!("truncated or corrupt: {e}"),
        };
        for entry in archive.entries_with_seek().map_err(truncated)? {
            let entry = entry.map_err(truncated)?;
            if members.len() >= MAX_ARCHIVE_MEMBERS {
                return Err(ImageError::TooManyEntries {
                    limit: MAX_ARCHIVE_MEMBERS,
                });
            }
            let name = member_name(&entry.path_bytes());
            let et = entry.header().entry_type();
            let link = if et.is_symlink() || et.is_hard_link() {
                entry
                    .link_name_bytes()
                    .map(|l| String::from_utf8_lossy(&l).into_owned())
            } else {
                None
            };
            // A hard link names its target from the archive root.
            let link = match (et.is_hard_link(), link) {
                (true, Some(l)) => Some(format!("/{}", member_name(l.as_bytes()))),
                (_, l) => l,
            };
            members.insert(
                name,
                Member {
                    offset: entry.raw_file_position(),
                    size: entry.size(),
                    link,
                    regular: et.is_file() || et.is_contiguous(),
                },
            );
        }
        let total = std::fs::metadata(path).map_err(io_err)?.len();
        if members
            .values()
            .any(|m| m.regular && m.offset.saturating_add(m.size) > total)
        {
            return Err(ImageError::Truncated("archive".into()));
        }
        Ok(Archive {
            path: Arc::new(path.to_path_buf()),
            members,
        })
    }

    pub fn kind(&self) -> Result<InputKind, ImageError> {
        if self.members.contains_key("oci-layout") && self.members.contains_key("index.json") {
            Ok(InputKind::OciArchive)
        } else if self.members.contains_key("manifest.json") {
            Ok(InputKind::DockerArchive)
        } else {
            Err(ImageError::Unrecognized)
        }
    }

    /// The member `name` (relative to the archive root), symlinks followed.
    pub fn member(&self, name: &str) -> Result<BlobRef, ImageError> {
        let mut name = member_name(name.as_bytes());
        for _ in 0..=MAX_MEMBER_LINKS {
            let m = self
                .members
                .get(&name)
                .ok_or_else(|| ImageError::MissingBlob(name.clone()))?;
            match &m.link {
                Some(target) => {
                    let dir = name.rsplit_once('/').map_or("", |(d, _)| d);
                    name = if let Some(abs) = target.strip_prefix('/') {
                        member_name(abs.as_bytes())
                    } else {
                        member_name(format!("{dir}/{target}").as_bytes())
                    };
                }
                None if m.regular => {
                    return Ok(BlobRef {
                        file: self.path.clone(),
                        offset: m.offset,
                        len: m.size,
                    })
                }
                None => return Err(ImageError::MissingBlob(name)),
            }
        }
        Err(ImageError::Invalid {
            what: "archive".into(),
            message: format!("too many links from member {name}"),
        })
    }
}

/// Where an OCI layout's files are.
#[derive(Debug)]
pub enum Blobs {
    Dir(PathBuf),
    Archive(Archive),
}

impl Blobs {
    fn file(&self, name: &str) -> Result<BlobRef, ImageError> {
        match self {
            Blobs::Dir(dir) => {
                let path = dir.join(name);
                let meta = std::fs::metadata(&path)
                    .map_err(|_| ImageError::MissingBlob(name.to_string()))?;
                if !meta.is_file() {
                    return Err(ImageError::MissingBlob(name.to_string()));
                }
                Ok(BlobRef {
                    file: Arc::new(path),
                    offset: 0,
                    len: meta.len(),
                })
            }
            Blobs::Archive(a) => a.member(name),
        }
    }

    fn blob(&self, digest: &str) -> Result<BlobRef, ImageError> {
        let (alg, hex) = valid_digest(digest).ok_or_else(|| ImageError::Invalid {
            what: "digest".into(),
            message: digest.to_string(),
        })?;
        self.file(&format!("blobs/{alg}/{hex}"))
            .map_err(|_| ImageError::MissingBlob(digest.to_string()))
    }
}

#[derive(Debug, Deserialize, Clone)]
struct Descriptor {
    #[serde(rename = "mediaType", default)]
    media_type: String,
    digest: String,
    #[serde(default)]
    platform: Option<DescPlatform>,
    #[serde(default)]
    annotations: HashMap<String, String>,
}

/// A descriptor's `platform`, and the same three fields at the top of an
/// image configuration.
#[derive(Debug, Deserialize, Clone)]
struct DescPlatform {
    #[serde(default)]
    architecture: String,
    #[serde(default)]
    os: String,
    #[serde(default)]
    variant: Option<String>,
}

impl DescPlatform {
    fn platform(&self) -> Platform {
        Platform {
            os: self.os.clone(),
            architecture: self.architecture.clone(),
            variant: self.variant.clone().filter(|v| !v.is_empty()),
        }
    }
}

#[derive(Debug, Deserialize)]
struct Index {
    #[serde(default)]
    manifests: Vec<Descriptor>,
}

#[derive(Debug, Deserialize)]
struct Manifest {
    #[serde(default)]
    config: Option<Descriptor>,
    #[serde(default)]
    layers: Vec<Descriptor>,
    /// An index served where a manifest was expected.
    #[serde(default)]
    manifests: Option<Vec<Descriptor>>,
}

fn parse<'a, T: Deserialize<'a>>(bytes: &'a [u8], what: &str) -> Result<T, ImageError> {
    serde_json::from_slice(bytes).map_err(|e| ImageError::Invalid {
        what: what.to_string(),
        message: e.to_string(),
    })
}

/// The image chosen from an index: its platform and its layers.
#[derive(Debug)]
pub struct Chosen {
    pub platform: Option<Platform>,
    pub layers: Vec<LayerInfo>,
}

fn read_config(blob: &BlobRef) -> Result<Platform, ImageError> {
    let bytes = blob.read_json("image config")?;
    let c: DescPlatform = parse(&bytes, "image config")?;
    Ok(c.platform())
}

fn layer_info(digest: String, blob: BlobRef) -> Result<LayerInfo, ImageError> {
    let compression = blob
        .compression()
        .map_err(|e| ImageError::Io(format!("{digest}: {e}")))?;
    Ok(LayerInfo {
        digest,
        blob,
        compression,
    })
}

/// Every image manifest reachable from `index.json`, with the platform its
/// descriptor declares (inherited from the enclosing index entry).
fn leaves(
    blobs: &Blobs,
    index: &Index,
    inherited: Option<&Platform>,
    depth: usize,
    out: &mut Vec<(Descriptor, Option<Platform>)>,
) -> Result<(), ImageError> {
    if depth > MAX_INDEX_DEPTH {
        return Err(ImageError::TooDeep);
    }
    for d in &index.manifests {
        // BuildKit attaches attestations as manifests of platform unknown.
        if d.annotations
            .get("vnd.docker.reference.type")
            .map(String::as_str)
            == Some("attestation-manifest")
        {
            continue;
        }
        let platform = d
            .platform
            .as_ref()
            .map(DescPlatform::platform)
            .or_else(|| inherited.cloned());
        if d.media_type == MT_OCI_INDEX || d.media_type == MT_DOCKER_LIST {
            let bytes = blobs.blob(&d.digest)?.read_json("image index")?;
            let nested: Index = parse(&bytes, "image index")?;
            leaves(blobs, &nested, platform.as_ref(), depth + 1, out)?;
        } else {
            out.push((d.clone(), platform));
        }
    }
    Ok(())
}

/// Chooses the image of an OCI layout and lists its layers.
pub fn choose_oci(blobs: &Blobs, options: &ImageOptions) -> Result<Chosen, ImageError> {
    let bytes = blobs.file("index.json")?.read_json("index.json")?;
    let index: Index = parse(&bytes, "index.json")?;
    let mut found = Vec::new();
    leaves(blobs, &index, None, 0, &mut found)?;
    // A manifest that turns out to be an index (mediaType omitted).
    let mut images = Vec::new();
    for (d, p) in found {
        let bytes = blobs.blob(&d.digest)?.read_json("image manifest")?;
        let m: Manifest = parse(&bytes, "image manifest")?;
        if let Some(nested) = m.manifests {
            let mut inner = Vec::new();
            leaves(
                blobs,
                &Index { manifests: nested },
                p.as_ref(),
                1,
                &mut inner,
            )?;
            for (d2, p2) in inner {
                let bytes = blobs.blob(&d2.digest)?.read_json("image manifest")?;
                let m2: Manifest = parse(&bytes, "image manifest")?;
                images.push((m2, p2));
            }
        } else {
            images.push((m, p));
        }
    }
    // The config's platform is the truth when the index says nothing.
    let mut candidates = Vec::new();
    for (m, p) in images {
        let config = match &m.config {
            Some(c) => Some(read_config(&blobs.blob(&c.digest)?)?),
            None => None,
        };
        let platform = config.or(p);
        if platform.as_ref().is_some_and(|p| p.os == "unknown") {
            continue;
        }
        candidates.push((m, platform));
    }
    let (m, platform) = select(candidates, options)?;
    let mut layers = Vec::new();
    for d in &m.layers {
        layers.push(layer_info(d.digest.clone(), blobs.blob(&d.digest)?)?);
    }
    Ok(Chosen { platform, layers })
}

fn select<T>(
    mut candidates: Vec<(T, Option<Platform>)>,
    options: &ImageOptions,
) -> Result<(T, Option<Platform>), ImageError> {
    let names = |c: &[(T, Option<Platform>)]| {
        c.iter()
            .map(|(_, p)| {
                p.as_ref()
                    .map_or("unknown".to_string(), Platform::to_string)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(want) = &options.platform {
        let available = names(&candidates);
        let pos = candidates
            .iter()
            .position(|(_, p)| p.as_ref().is_some_and(|p| want.matches(p)))
            .ok_or_else(|| ImageError::NoSuchPlatform(want.to_string(), available))?;
        return Ok(candidates.swap_remove(pos));
    }
    match candidates.len() {
        0 => Err(ImageError::Invalid {
            what: "image index".into(),
            message: "no image manifest".into(),
        }),
        1 => Ok(candidates.remove(0)),
        _ => Err(ImageError::Ambiguous(names(&candidates))),
    }
}

#[derive(Debug, Deserialize)]
struct DockerEntry {
    #[serde(rename = "Config")]
    config: String,
    #[serde(rename = "Layers", default)]
    layers: Vec<String>,
}

/// Chooses the image of a docker-archive and lists its layers.
pub fn choose_docker(archive: &Archive, options: &ImageOptions) -> Result<Chosen, ImageError> {
    let bytes = archive
        .member("manifest.json")?
        .read_json("manifest.json")?;
    let entries: Vec<DockerEntry> = parse(&bytes, "manifest.json")?;
    let mut candidates = Vec::new();
    for e in entries {
        let platform = read_config(&archive.member(&e.config)?).ok();
        candidates.push((e, platform));
    }
    let (e, platform) = select(candidates, options)?;
    let mut layers = Vec::new();
    for name in &e.layers {
        // Newer docker save names layers by digest (blobs/sha256/HEX).
        let digest = name
            .strip_prefix("blobs/")
            .and_then(|r| r.split_once('/'))
            .map(|(alg, hex)| format!("{alg}:{hex}"))
            .filter(|d| valid_digest(d).is_some())
            .unwrap_or_else(|| name.clone());
        layers.push(layer_info(digest, archive.member(name)?)?);
    }
    Ok(Chosen { platform, layers })
}
