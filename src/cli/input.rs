//! `--root PATH` and `relf audit PATH`: a directory, or a container image
//! (OCI layout, oci-archive, docker-archive) read in memory.

use std::path::Path;

use relf::image::{Image, ImageOptions, InputKind, Platform};
use relf::loader::root::Root;

/// A root to resolve in, and the image it came from, if any.
#[derive(Debug)]
pub struct Input {
    pub kind: InputKind,
    pub root: Root,
    pub image: Option<Image>,
}

/// Opens `path` as a root: a directory as it is, an image by reading its
/// layers.
pub fn open(path: &Path, platform: Option<&str>) -> Result<Input, String> {
    let kind = InputKind::detect(path).map_err(|e| e.to_string())?;
    if kind == InputKind::Directory {
        return Ok(Input {
            kind,
            root: Root::new(path),
            image: None,
        });
    }
    let platform = match platform {
        Some(p) => Some(
            Platform::parse(p)
                .ok_or_else(|| format!("invalid platform {p:?} (want os/arch[/variant])"))?,
        ),
        None => None,
    };
    let options = ImageOptions {
        platform,
        ..Default::default()
    };
    let image = Image::open(path, &options).map_err(|e| e.to_string())?;
    Ok(Input {
        kind,
        root: image.root(),
        image: Some(image),
    })
}
