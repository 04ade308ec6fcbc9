//! `--root PATH` and `relf audit PATH`: a directory, or a container image
//! (OCI layout, oci-archive, docker-archive) read in memory, given as a
//! bare path (told by its contents) or with a transport prefix
//! (`oci:DIR:TAG`, `docker-archive:FILE:REF`, `dir:ROOT`, ...).

use std::path::{Path, PathBuf};

use relf::image::reference::ImageRef;
use relf::image::registry::RegistryOptions;
use relf::image::{Image, ImageOptions, InputKind, Platform};
use relf::loader::root::Root;

/// A root to resolve in, and the image it came from, if any.
#[derive(Debug)]
pub struct Input {
    pub kind: InputKind,
    pub root: Root,
    pub image: Option<Image>,
    /// The host directory of a directory root (the prefix taken off).
    pub dir: Option<PathBuf>,
    /// The downloaded blobs of a registry image, removed when dropped.
    pub _spool: Option<tempfile::TempDir>,
}

/// How to reach a registry (`relf audit --tls-verify`, `--authfile`).
#[derive(Debug, Clone)]
pub struct Access {
    pub tls_verify: bool,
    pub authfile: Option<PathBuf>,
}

impl Default for Access {
    fn default() -> Self {
        Access {
            tls_verify: true,
            authfile: None,
        }
    }
}

/// The auth files looked in, first match wins, as skopeo and docker look:
/// `--authfile`, `$REGISTRY_AUTH_FILE`, `$XDG_RUNTIME_DIR/containers/auth.json`,
/// `~/.config/containers/auth.json`, `$DOCKER_CONFIG/config.json` or
/// `~/.docker/config.json` (containers-auth.json(5)).
pub fn auth_files(explicit: Option<&Path>) -> Vec<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let mut out = Vec::new();
    out.extend(explicit.map(Path::to_path_buf));
    out.extend(env("REGISTRY_AUTH_FILE"));
    if let Some(run) = env("XDG_RUNTIME_DIR") {
        out.push(run.join("containers/auth.json"));
    }
    let home = env("HOME");
    let config = env("XDG_CONFIG_HOME").or_else(|| home.as_ref().map(|h| h.join(".config")));
    if let Some(c) = config {
        out.push(c.join("containers/auth.json"));
    }
    match env("DOCKER_CONFIG") {
        Some(d) => out.push(d.join("config.json")),
        None => out.extend(home.map(|h| h.join(".docker/config.json"))),
    }
    out
}

fn directory(path: &Path) -> Input {
    Input {
        kind: InputKind::Directory,
        root: Root::new(path),
        image: None,
        dir: Some(path.to_path_buf()),
        _spool: None,
    }
}

/// Opens `arg` as a root: a directory as it is, an image by reading its
/// layers.
pub fn open(arg: &Path, platform: Option<&str>, access: &Access) -> Result<Input, String> {
    let reference = ImageRef::parse(arg.as_os_str()).map_err(|e| e.to_string())?;
    let platform = match platform {
        Some(p) => Some(
            Platform::parse(p)
                .ok_or_else(|| format!("invalid platform {p:?} (want os/arch[/variant])"))?,
        ),
        None => None,
    };
    let mut options = ImageOptions {
        platform,
        ..Default::default()
    };
    let (kind, path) = match reference {
        ImageRef::Path(path) => {
            let kind = InputKind::detect(&path).map_err(|e| e.to_string())?;
            if kind == InputKind::Directory {
                return Ok(directory(&path));
            }
            (kind, path)
        }
        ImageRef::Dir(path) => {
            return match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => Ok(directory(&path)),
                Ok(_) => Err(format!("{}: not a directory", path.display())),
                Err(e) => Err(format!("{}: {e}", path.display())),
            };
        }
        ImageRef::Oci { dir, tag } => {
            options.tag = tag;
            (InputKind::OciLayout, dir)
        }
        ImageRef::OciArchive { file, tag } => {
            options.tag = tag;
            (InputKind::OciArchive, file)
        }
        ImageRef::DockerArchive { file, reference } => {
            options.tag = reference;
            (InputKind::DockerArchive, file)
        }
        ImageRef::Registry(r) => {
            let spool = tempfile::Builder::new()
                .prefix("relf-blobs-")
                .tempdir()
                .map_err(|e| format!("temporary directory: {e}"))?;
            let mut registry = RegistryOptions::new(spool.path().to_path_buf());
            registry.tls_verify = access.tls_verify;
            registry.auth_files = auth_files(access.authfile.as_deref());
            let image = Image::open_registry(&r, &options, &registry).map_err(|e| e.to_string())?;
            return Ok(Input {
                kind: InputKind::Registry,
                root: image.root(),
                image: Some(image),
                dir: None,
                _spool: Some(spool),
            });
        }
    };
    let image = Image::open_as(kind, &path, &options).map_err(|e| e.to_string())?;
    Ok(Input {
        kind,
        root: image.root(),
        image: Some(image),
        dir: None,
        _spool: None,
    })
}
