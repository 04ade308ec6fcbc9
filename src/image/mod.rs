//! Container images as root file systems, read without a container engine
//! and without extracting anything to disk.
//!
//! [`InputKind::detect`] tells a directory root file system from an OCI
//! image layout directory (`oci-layout`, `index.json`, `blobs/ALG/HEX`), an
//! oci-archive (the same layout in a tar file) and a docker-archive
//! (`docker save`: `manifest.json` listing `Layers`). [`Image::open`] picks
//! the image (by [`Platform`] when an index lists several, following
//! nested indexes), reads its layers in order (uncompressed, gzip or zstd,
//! told by their magic bytes) into an in-memory [`tree::Tree`], and serves
//! it as a [`FileSystem`](crate::source::vfs::FileSystem) so that the
//! loader resolves inside the image exactly as inside a directory.
//!
//! Hostile input: every name is normalized inside the image root, digests
//! are checked for their syntax before they name a file (and, by default,
//! against the blob's SHA-256), JSON documents, the number of entries and
//! layers, index nesting and each layer's decoded size are bounded by the
//! constants below, and truncated archives are reported as such.

pub mod blob;
pub mod layout;
pub mod reference;
pub mod registry;
pub mod tree;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use thiserror::Error;

use crate::loader::root::Root;
use blob::{BlobRef, Compression};
use tree::{ImageFs, Tree};

/// A compressed layer may decode to at most this many times its size
/// (real layers compress 2-10 times; a bomb compresses 1000 times).
pub const MAX_EXPANSION_RATIO: u64 = 100;
/// ... but always to at least this much (tiny layers of small files).
pub const MIN_LAYER_ALLOWANCE: u64 = 8 << 20;
/// Largest JSON document read (index, manifest, config).
pub const MAX_JSON_BYTES: u64 = 4 << 20;
/// Most layers in one image (Docker's own limit is 127).
pub const MAX_LAYERS: usize = 1000;
/// Most index levels followed from `index.json` to a manifest.
pub const MAX_INDEX_DEPTH: usize = 8;
/// Most tree nodes (files, directories, links) in one image.
pub const MAX_NODES: usize = 4_000_000;
/// Most members listed from an outer archive (oci-archive, docker-archive).
pub const MAX_ARCHIVE_MEMBERS: usize = 100_000;

/// Why an image could not be read.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ImageError {
    #[error("{0}")]
    Io(String),
    #[error("not a root directory, OCI layout, oci-archive or docker-archive")]
    Unrecognized,
    #[error("{0}: truncated")]
    Truncated(String),
    #[error("{what} larger than {limit} bytes")]
    TooLarge { what: String, limit: u64 },
    #[error("invalid {what}: {message}")]
    Invalid { what: String, message: String },
    #[error("blob {0} is missing")]
    MissingBlob(String),
    #[error("blob {digest} does not match its digest (content is {actual})")]
    DigestMismatch { digest: String, actual: String },
    #[error("no image for platform {0}; available: {1}")]
    NoSuchPlatform(String, String),
    #[error("several images ({0}); choose one by tag (e.g. oci:DIR:TAG) or with --platform")]
    Ambiguous(String),
    #[error("no image tagged {tag:?}; tags: {available}")]
    NoSuchTag { tag: String, available: String },
    #[error("layer {layer} ({digest}): {message}")]
    Layer {
        layer: u32,
        digest: String,
        message: String,
    },
    #[error("layer {layer} ({digest}) decompresses to more than {limit} bytes (limit: {MAX_EXPANSION_RATIO} times its size, at least {MIN_LAYER_ALLOWANCE})")]
    DecompressionLimit {
        layer: u32,
        digest: String,
        limit: u64,
    },
    #[error("more than {limit} entries")]
    TooManyEntries { limit: usize },
    #[error("more than {MAX_LAYERS} layers")]
    TooManyLayers,
    #[error("image indexes nested deeper than {MAX_INDEX_DEPTH}")]
    TooDeep,
    #[error("the archive is compressed; decompress it first (e.g. gunzip)")]
    CompressedArchive,
    /// (The reference is not repeated: the caller names the input.)
    #[error("{message}")]
    Registry { reference: String, message: String },
}

/// What a path given as an image or root is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    Directory,
    OciLayout,
    OciArchive,
    DockerArchive,
    Registry,
}

impl InputKind {
    pub fn name(self) -> &'static str {
        match self {
            InputKind::Directory => "directory",
            InputKind::OciLayout => "oci-layout",
            InputKind::OciArchive => "oci-archive",
            InputKind::DockerArchive => "docker-archive",
            InputKind::Registry => "registry",
        }
    }

    /// Looks at `path`: a directory (with `oci-layout` and `index.json`: an
    /// OCI layout), or a tar file holding one of the archive layouts.
    pub fn detect(path: &Path) -> Result<InputKind, ImageError> {
        let meta = std::fs::metadata(path).map_err(|e| ImageError::Io(e.to_string()))?;
        if meta.is_dir() {
            let layout = path.join("oci-layout").is_file() && path.join("index.json").is_file();
            return Ok(if layout {
                InputKind::OciLayout
            } else {
                InputKind::Directory
            });
        }
        if !meta.is_file() {
            return Err(ImageError::Unrecognized);
        }
        let archive = layout::Archive::list(path)?;
        archive.kind()
    }
}

/// `os/arch[/variant]`, as in `--platform linux/arm64/v8`.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Platform {
    pub os: String,
    pub architecture: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

impl Platform {
    pub fn parse(text: &str) -> Option<Platform> {
        let mut parts = text.split('/');
        let os = parts.next()?.to_string();
        let architecture = parts.next()?.to_string();
        let variant = parts.next().map(str::to_string);
        if os.is_empty() || architecture.is_empty() || parts.next().is_some() {
            return None;
        }
        Some(Platform {
            os,
            architecture,
            variant,
        })
    }

    /// Whether an image of platform `other` satisfies this request (a
    /// request without variant takes any variant).
    pub fn matches(&self, other: &Platform) -> bool {
        self.os == other.os
            && self.architecture == other.architecture
            && (self.variant.is_none() || self.variant == other.variant)
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

/// One layer of the chosen image.
#[derive(Debug, Clone)]
pub struct LayerInfo {
    /// The blob's digest (`sha256:...`), or its member name in a
    /// docker-archive that does not use digests as names.
    pub digest: String,
    pub blob: BlobRef,
    pub compression: Compression,
}

/// How to open an image.
#[derive(Debug, Clone, Default)]
pub struct ImageOptions {
    pub platform: Option<Platform>,
    /// The tag to choose: `org.opencontainers.image.ref.name` in an OCI
    /// layout's `index.json`, a `RepoTags` entry in a docker-archive.
    pub tag: Option<String>,
    /// Skip checking blobs against their SHA-256 digests.
    pub skip_digest_check: bool,
    /// Bounds on the in-memory tree (the defaults unless testing them).
    pub limits: tree::TreeLimits,
}

/// An image, read.
#[derive(Debug, Clone)]
pub struct Image {
    pub kind: InputKind,
    pub path: PathBuf,
    /// From the image configuration.
    pub platform: Option<Platform>,
    pub fs: Arc<ImageFs>,
}

impl Image {
    /// Opens an OCI layout, oci-archive or docker-archive, told by its
    /// contents.
    pub fn open(path: &Path, options: &ImageOptions) -> Result<Image, ImageError> {
        let kind = InputKind::detect(path)?;
        Image::open_as(kind, path, options)
    }

    /// Opens `path` as an image of `kind` (a transport prefix named it).
    pub fn open_as(
        kind: InputKind,
        path: &Path,
        options: &ImageOptions,
    ) -> Result<Image, ImageError> {
        let chosen = match kind {
            InputKind::Directory | InputKind::Registry => return Err(ImageError::Unrecognized),
            InputKind::OciLayout => {
                if !path.join("index.json").is_file() {
                    return Err(ImageError::Invalid {
                        what: "OCI layout".into(),
                        message: "no index.json".into(),
                    });
                }
                layout::choose_oci(&layout::Blobs::Dir(path.to_path_buf()), options)?
            }
            InputKind::OciArchive | InputKind::DockerArchive => {
                let archive = layout::Archive::list(path)?;
                let found = archive.kind()?;
                if found != kind {
                    return Err(ImageError::Invalid {
                        what: kind.name().into(),
                        message: format!("it is a {}", found.name()),
                    });
                }
                if kind == InputKind::OciArchive {
                    layout::choose_oci(&layout::Blobs::Archive(archive), options)?
                } else {
                    layout::choose_docker(&archive, options)?
                }
            }
        };
        Image::from_chosen(kind, path, chosen, options)
    }

    /// Opens the image `reference` names in a registry; its layers are
    /// downloaded (and verified) into `registry.spool`, which must outlive
    /// the image.
    pub fn open_registry(
        reference: &reference::RegistryRef,
        options: &ImageOptions,
        registry: &registry::RegistryOptions,
    ) -> Result<Image, ImageError> {
        let client = registry::Client::new(reference, registry)?;
        let chosen = layout::choose_registry(&client, &reference.reference, options)?;
        // Each blob was checked against its digest as it was received.
        let verified = ImageOptions {
            skip_digest_check: true,
            ..options.clone()
        };
        let path = PathBuf::from(format!("docker://{reference}"));
        Image::from_chosen(InputKind::Registry, &path, chosen, &verified)
    }

    fn from_chosen(
        kind: InputKind,
        path: &Path,
        chosen: layout::Chosen,
        options: &ImageOptions,
    ) -> Result<Image, ImageError> {
        if chosen.layers.len() > MAX_LAYERS {
            return Err(ImageError::TooManyLayers);
        }
        let mut tree = Tree::new(options.limits);
        for (i, layer) in chosen.layers.iter().enumerate() {
            if !options.skip_digest_check && layer.digest.starts_with("sha256:") {
                blob::verify_digest(&layer.blob, &layer.digest)?;
            }
            tree.apply_layer(i as u32, layer)?;
        }
        Ok(Image {
            kind,
            path: path.to_path_buf(),
            platform: chosen.platform,
            fs: Arc::new(ImageFs::new(tree, chosen.layers)),
        })
    }

    /// The image as a root for the loader.
    pub fn root(&self) -> Root {
        Root::with_fs(self.fs.clone())
    }

    pub fn layers(&self) -> &[LayerInfo] {
        self.fs.layers()
    }

    pub fn warnings(&self) -> &[String] {
        &self.fs.tree().warnings
    }
}
