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
/// The annotation naming an index entry's tag (image-spec `annotations.md`).
pub const REF_NAME: &str = "org.opencontainers.image.ref.name";

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
    size: Option<u64>,
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
    fetch: &dyn Fn(&str) -> Result<Vec<u8>, ImageError>,
    index: &Index,
    inherited: Option<&Platform>,
    tag: Option<&str>,
    depth: usize,
    out: &mut Vec<Leaf>,
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
        let tag = d.annotations.get(REF_NAME).map(String::as_str).or(tag);
        if d.media_type == MT_OCI_INDEX || d.media_type == MT_DOCKER_LIST {
            let nested: Index = parse(&fetch(&d.digest)?, "image index")?;
            leaves(fetch, &nested, platform.as_ref(), tag, depth + 1, out)?;
        } else {
            out.push(Leaf {
                descriptor: d.clone(),
                platform,
                tag: tag.map(str::to_string),
            });
        }
    }
    Ok(())
}

/// A manifest reachable from `index.json`, with the platform its
/// descriptor declares and the tag (`org.opencontainers.image.ref.name`)
/// of the top-level entry it hangs from.
#[derive(Debug)]
struct Leaf {
    descriptor: Descriptor,
    platform: Option<Platform>,
    tag: Option<String>,
}

/// An image that could be chosen: what it is, its platform, its tag and
/// its manifest digest (the same manifest under two tags is one image).
#[derive(Debug)]
pub(crate) struct Candidate<T> {
    pub(crate) item: T,
    pub(crate) platform: Option<Platform>,
    pub(crate) tag: Option<String>,
    pub(crate) digest: String,
}

/// The tags of `index`'s top-level entries, for "no such tag" errors.
fn top_tags(index: &Index) -> Vec<String> {
    let mut tags: Vec<String> = index
        .manifests
        .iter()
        .filter_map(|d| d.annotations.get(REF_NAME).cloned())
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

/// Chooses the image of an OCI layout (by `options.tag`, then
/// `options.platform`) and lists its layers.
pub fn choose_oci(blobs: &Blobs, options: &ImageOptions) -> Result<Chosen, ImageError> {
    let bytes = blobs.file("index.json")?.read_json("index.json")?;
    let mut index: Index = parse(&bytes, "index.json")?;
    if let Some(tag) = &options.tag {
        let tags = top_tags(&index);
        index
            .manifests
            .retain(|d| d.annotations.get(REF_NAME) == Some(tag));
        if index.manifests.is_empty() {
            return Err(ImageError::NoSuchTag {
                tag: tag.clone(),
                available: list_or_none(&tags),
            });
        }
    }
    let fetch = |d: &str| blobs.blob(d)?.read_json("image manifest");
    let mut found = Vec::new();
    leaves(&fetch, &index, None, None, 0, &mut found)?;
    choose_manifests(&fetch, &fetch, found, options).and_then(|(m, platform)| {
        let mut layers = Vec::new();
        for d in &m.layers {
            layers.push(layer_info(d.digest.clone(), blobs.blob(&d.digest)?)?);
        }
        Ok(Chosen { platform, layers })
    })
}

/// From the leaves of an index, the one image `options` asks for: each
/// leaf's manifest is read (through `fetch`, by digest), a manifest that
/// turns out to be an index (mediaType omitted) is followed one level, and
/// the image configuration's platform is the truth where the index says
/// nothing. Shared by the OCI layouts and the registry.
fn choose_manifests(
    fetch: &dyn Fn(&str) -> Result<Vec<u8>, ImageError>,
    fetch_config: &dyn Fn(&str) -> Result<Vec<u8>, ImageError>,
    found: Vec<Leaf>,
    options: &ImageOptions,
) -> Result<(ManifestLayers, Option<Platform>), ImageError> {
    let mut images = Vec::new();
    for leaf in found {
        let m: Manifest = parse(&fetch(&leaf.descriptor.digest)?, "image manifest")?;
        if let Some(nested) = m.manifests {
            for d2 in nested {
                let p2 = d2
                    .platform
                    .as_ref()
                    .map(DescPlatform::platform)
                    .or_else(|| leaf.platform.clone());
                let m2: Manifest = parse(&fetch(&d2.digest)?, "image manifest")?;
                images.push((m2, p2, leaf.tag.clone(), d2.digest.clone()));
            }
        } else {
            images.push((m, leaf.platform, leaf.tag, leaf.descriptor.digest.clone()));
        }
    }
    let mut candidates = Vec::new();
    for (m, p, tag, digest) in images {
        let config = match &m.config {
            Some(c) => {
                let bytes = fetch_config(&c.digest)?;
                Some(parse::<DescPlatform>(&bytes, "image config")?.platform())
            }
            None => None,
        };
        let platform = config.or(p);
        if platform.as_ref().is_some_and(|p| p.os == "unknown") {
            continue;
        }
        candidates.push(Candidate {
            item: ManifestLayers {
                layers: m.layers,
                config: m.config.map(|c| c.digest),
            },
            platform,
            tag,
            digest,
        });
    }
    select(candidates, options).map(|c| (c.item, c.platform))
}

/// The layers (and config digest) of the chosen image manifest.
#[derive(Debug)]
struct ManifestLayers {
    layers: Vec<Descriptor>,
    #[allow(dead_code)]
    config: Option<String>,
}

/// Chooses the image `reference` (a tag or digest) names in a registry
/// repository, by `options.platform` when it is an index, and downloads
/// its layers (verified) into the client's spool directory.
pub fn choose_registry(
    client: &super::registry::Client,
    reference: &str,
    options: &ImageOptions,
) -> Result<Chosen, ImageError> {
    let (top, top_digest) = client.manifest(reference)?;
    let fetch = |d: &str| {
        if d == top_digest {
            Ok(top.clone())
        } else {
            client.manifest(d).map(|(b, _)| b)
        }
    };
    let fetch_config = |d: &str| client.blob_json(d);
    let m: Manifest = parse(&top, "image manifest")?;
    let mut found = Vec::new();
    match m.manifests {
        Some(list) => leaves(
            &fetch,
            &Index { manifests: list },
            None,
            None,
            1,
            &mut found,
        )?,
        None => found.push(Leaf {
            descriptor: Descriptor {
                media_type: String::new(),
                digest: top_digest.clone(),
                size: None,
                platform: None,
                annotations: HashMap::new(),
            },
            platform: None,
            tag: None,
        }),
    }
    let (m, platform) = choose_manifests(&fetch, &fetch_config, found, options)?;
    if m.layers.len() > super::MAX_LAYERS {
        return Err(ImageError::TooManyLayers);
    }
    use rayon::prelude::*;
    let layers = m
        .layers
        .par_iter()
        .map(|d| {
            let path = client.blob_file(&d.digest, d.size)?;
            let len = std::fs::metadata(&path)
                .map_err(|e| ImageError::Io(format!("{}: {e}", d.digest)))?
                .len();
            let blob = BlobRef {
                file: Arc::new(path),
                offset: 0,
                len,
            };
            layer_info(d.digest.clone(), blob)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Chosen { platform, layers })
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

/// The one candidate the options name. Several candidates left (after the
/// platform, when one is given) are an error listing them unless they are
/// one manifest under several tags: never a silent pick.
pub(crate) fn select<T>(
    candidates: Vec<Candidate<T>>,
    options: &ImageOptions,
) -> Result<Candidate<T>, ImageError> {
    let names = |c: &[Candidate<T>]| {
        let v: Vec<String> = c
            .iter()
            .map(|c| {
                let p = c
                    .platform
                    .as_ref()
                    .map_or("unknown".to_string(), Platform::to_string);
                match &c.tag {
                    Some(t) => format!("{t} {p}"),
                    None => p,
                }
            })
            .collect();
        v.join(", ")
    };
    let mut left = candidates;
    if let Some(want) = &options.platform {
        let available = names(&left);
        left.retain(|c| c.platform.as_ref().is_some_and(|p| want.matches(p)));
        if left.is_empty() {
            return Err(ImageError::NoSuchPlatform(want.to_string(), available));
        }
    }
    if left.is_empty() {
        return Err(ImageError::Invalid {
            what: "image index".into(),
            message: "no image manifest".into(),
        });
    }
    if left.iter().all(|c| c.digest == left[0].digest) {
        return Ok(left.swap_remove(0));
    }
    Err(ImageError::Ambiguous(names(&left)))
}

#[derive(Debug, Deserialize)]
struct DockerEntry {
    #[serde(rename = "Config")]
    config: String,
    #[serde(rename = "RepoTags", default)]
    repo_tags: Option<Vec<String>>,
    #[serde(rename = "Layers", default)]
    layers: Vec<String>,
}

/// A docker reference in its short ("familiar") form, as `docker save`
/// writes `RepoTags`: `docker.io/library/` dropped, `:latest` added when
/// neither a tag nor a digest is given (distribution's `reference`
/// package, `FamiliarString` and `TagNameOnly`).
pub fn familiar(reference: &str) -> String {
    let r = reference
        .strip_prefix("docker.io/library/")
        .or_else(|| reference.strip_prefix("docker.io/"))
        .unwrap_or(reference);
    let last = r.rsplit('/').next().unwrap_or(r);
    if last.contains(':') || last.contains('@') {
        r.to_string()
    } else {
        format!("{r}:latest")
    }
}

/// Chooses the image of a docker-archive (by `options.tag`, matched
/// against `RepoTags`, then `options.platform`) and lists its layers.
pub fn choose_docker(archive: &Archive, options: &ImageOptions) -> Result<Chosen, ImageError> {
    let bytes = archive
        .member("manifest.json")?
        .read_json("manifest.json")?;
    let mut entries: Vec<DockerEntry> = parse(&bytes, "manifest.json")?;
    if let Some(want) = &options.tag {
        let want = familiar(want);
        let mut all: Vec<String> = entries
            .iter()
            .flat_map(|e| e.repo_tags.iter().flatten().cloned())
            .collect();
        all.sort();
        entries.retain(|e| e.repo_tags.iter().flatten().any(|t| familiar(t) == want));
        if entries.is_empty() {
            return Err(ImageError::NoSuchTag {
                tag: want,
                available: list_or_none(&all),
            });
        }
    }
    let mut candidates = Vec::new();
    for e in entries {
        let platform = read_config(&archive.member(&e.config)?).ok();
        let tag = e.repo_tags.as_ref().and_then(|t| t.first().cloned());
        candidates.push(Candidate {
            digest: e.config.clone(),
            item: e,
            platform,
            tag,
        });
    }
    let chosen = select(candidates, options)?;
    let (e, platform) = (chosen.item, chosen.platform);
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
