//! Container images read in memory (relf::image): OCI layouts, oci-archives
//! and docker-archives written by the tests (image_build), layers applied
//! with whiteouts, opaque directories and hard links, and hostile archives
//! (names out of the root, links out of the root, a decompression bomb,
//! truncated tars, wrong digests, deep indexes): each a clear error or a
//! confined result, nothing written anywhere, no hang.

use std::path::Path;

use relf::image::tree::{TreeLimits, MAX_CACHED_FILE};
use relf::image::{
    Image, ImageError, ImageOptions, InputKind, Platform, MAX_ARCHIVE_MEMBERS, MAX_INDEX_DEPTH,
    MAX_JSON_BYTES, MAX_LAYERS, MAX_NODES, MIN_LAYER_ALLOWANCE,
};
use relf::loader::root::RootError;

use crate::image_build::{compress, docker_archive, manifest, Comp, Layer, Oci};
use crate::support::relf;

fn open(path: &Path) -> Result<Image, ImageError> {
    Image::open(path, &ImageOptions::default())
}

fn read(image: &Image, path: &str) -> Option<Vec<u8>> {
    image.root().read(path.as_bytes(), 1 << 30).ok()
}

fn layered() -> Vec<Vec<u8>> {
    let base = Layer::new()
        .dir("./lib")
        .file("./lib/liba.so.1", b"A1")
        .file("./lib/libb.so.1", b"B1")
        .dir("./opt/app")
        .file("./opt/app/old", b"old")
        .file("./usr/bin/tool", b"\x7fELF tool")
        .symlink("./bin", "usr/bin");
    let top = Layer::new()
        .whiteout("./lib/liba.so.1")
        .opaque("./opt/app")
        .file("./opt/app/new", b"new")
        .hardlink("./usr/bin/tool-link", "usr/bin/tool")
        .file("./bin/through-link", b"via /bin");
    vec![base.blob(Comp::Gzip), top.blob(Comp::Zstd)]
}

fn check_layered(image: &Image) {
    assert_eq!(read(image, "/lib/liba.so.1"), None, "whiteout deletes");
    assert_eq!(read(image, "/lib/libb.so.1").as_deref(), Some(&b"B1"[..]));
    assert_eq!(
        read(image, "/opt/app/old"),
        None,
        "opaque hides the lower layer"
    );
    assert_eq!(read(image, "/opt/app/new").as_deref(), Some(&b"new"[..]));
    let root = image.root();
    let a = root.identity(b"/usr/bin/tool", b"/").unwrap();
    let b = root.identity(b"/usr/bin/tool-link", b"/").unwrap();
    assert_eq!(a, b, "a hard link is the same file");
    assert_eq!(
        read(image, "/bin/tool-link").as_deref(),
        Some(&b"\x7fELF tool"[..])
    );
    // An entry under a symlinked directory lands in its target.
    assert_eq!(
        read(image, "/usr/bin/through-link").as_deref(),
        Some(&b"via /bin"[..])
    );
    let files = image.fs.tree().files();
    let layer_of = |p: &str| {
        files
            .iter()
            .find(|f| f.path == p.as_bytes())
            .map(|f| f.layer)
    };
    assert_eq!(layer_of("/lib/libb.so.1"), Some(0));
    assert_eq!(layer_of("/opt/app/new"), Some(1));
    assert!(files.iter().any(|f| f.path == b"/usr/bin/tool" && f.elf));
}

#[test]
fn layers_whiteouts_opaque_dirs_and_hard_links_in_every_container_format() {
    let t = tempfile::tempdir().unwrap();
    let blobs = layered();
    let oci = Oci::single("amd64", &blobs);
    let dir = t.path().join("oci");
    oci.write_dir(&dir);
    let archive = t.path().join("oci.tar");
    oci.write_archive(&archive);
    let docker = t.path().join("docker.tar");
    docker_archive(&docker, "amd64", &blobs);
    for (path, kind) in [
        (&dir, InputKind::OciLayout),
        (&archive, InputKind::OciArchive),
        (&docker, InputKind::DockerArchive),
    ] {
        assert_eq!(InputKind::detect(path).unwrap(), kind);
        let image = open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(image.kind, kind);
        assert_eq!(image.layers().len(), 2);
        check_layered(&image);
    }
    assert_eq!(InputKind::detect(t.path()).unwrap(), InputKind::Directory);
}

#[test]
fn uncompressed_layers_are_read_in_place() {
    let t = tempfile::tempdir().unwrap();
    let big = vec![7u8; (MAX_CACHED_FILE as usize) / 64];
    let layer = Layer::new()
        .file("./data/big.bin", &big)
        .file("./lib/libx.so", b"\x7fELFx");
    let archive = t.path().join("docker.tar");
    docker_archive(&archive, "amd64", &[layer.blob(Comp::None)]);
    let image = open(&archive).unwrap();
    assert_eq!(
        image.fs.tree().cached_bytes(),
        0,
        "nothing copied from a plain layer"
    );
    assert_eq!(read(&image, "/data/big.bin").unwrap(), big);
    assert_eq!(
        read(&image, "/lib/libx.so").as_deref(),
        Some(&b"\x7fELFx"[..])
    );
}

#[test]
fn names_and_links_never_leave_the_image_root() {
    let t = tempfile::tempdir().unwrap();
    let layer = Layer::new()
        .file("../../etc/passwd", b"image passwd")
        .file("/abs/name", b"absolute")
        .file("a/../../../b", b"climber")
        .symlink("lib/escape", "../../../../../../etc/shadow")
        .symlink("lib/abs-escape", "/etc/hostname");
    let path = t.path().join("hostile.tar");
    docker_archive(&path, "amd64", &[layer.blob(Comp::Gzip)]);
    let before: Vec<_> = std::fs::read_dir(t.path()).unwrap().collect();
    let image = open(&path).unwrap();
    assert_eq!(
        read(&image, "/etc/passwd").as_deref(),
        Some(&b"image passwd"[..])
    );
    assert_eq!(read(&image, "/abs/name").as_deref(), Some(&b"absolute"[..]));
    assert_eq!(read(&image, "/b").as_deref(), Some(&b"climber"[..]));
    let root = image.root();
    assert_eq!(root.resolve(b"/lib/escape", b"/"), Err(RootError::NotFound));
    assert_eq!(
        root.resolve(b"/lib/abs-escape", b"/"),
        Err(RootError::NotFound)
    );
    let after: Vec<_> = std::fs::read_dir(t.path()).unwrap().collect();
    assert_eq!(
        before.len(),
        after.len(),
        "nothing written beside the archive"
    );
}

#[test]
fn a_decompression_bomb_stops_at_the_expansion_limit() {
    let t = tempfile::tempdir().unwrap();
    // Twice the allowance of zeros: gzip makes it a few KiB.
    let zeros = vec![0u8; 2 * MIN_LAYER_ALLOWANCE as usize];
    let blob = Layer::new().file("./zeros", &zeros).blob(Comp::Gzip);
    assert!((blob.len() as u64) * relf::image::MAX_EXPANSION_RATIO < MIN_LAYER_ALLOWANCE);
    let path = t.path().join("bomb.tar");
    docker_archive(&path, "amd64", &[blob]);
    let err = open(&path).unwrap_err();
    assert!(
        matches!(err, ImageError::DecompressionLimit { layer: 0, limit, .. } if limit == MIN_LAYER_ALLOWANCE),
        "{err}"
    );
    let out = relf()
        .args(["ldd", "--root"])
        .arg(&path)
        .arg("/zeros")
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("decompresses to more than"), "{stderr}");
}

#[test]
fn truncated_layers_and_archives_are_clear_errors() {
    let t = tempfile::tempdir().unwrap();
    let tar = Layer::new()
        .file("./lib/libz.so.1", &vec![1u8; 100_000])
        .tar();
    for comp in [Comp::None, Comp::Gzip, Comp::Zstd] {
        let blob = compress(&tar, comp);
        let cut = blob[..blob.len() / 2].to_vec();
        let path = t.path().join(format!("cut-{comp:?}.tar"));
        docker_archive(&path, "amd64", &[cut]);
        let err = open(&path).unwrap_err();
        assert!(
            matches!(&err, ImageError::Layer { layer: 0, .. }),
            "{comp:?}: {err}"
        );
    }
    // The outer archive itself cut in the middle of a layer.
    let path = t.path().join("whole.tar");
    docker_archive(&path, "amd64", &[compress(&tar, Comp::None)]);
    let bytes = std::fs::read(&path).unwrap();
    let cut = t.path().join("cut-outer.tar");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    assert!(open(&cut).is_err());
}

#[test]
fn digests_are_checked_and_never_name_files_outside_blobs() {
    let t = tempfile::tempdir().unwrap();
    let blob = Layer::new().file("./f", b"x").blob(Comp::Gzip);
    let oci = Oci::single("amd64", &[blob]);
    let dir = t.path().join("oci");
    oci.write_dir(&dir);
    // Corrupt the layer blob in place.
    let layer_blob = oci
        .files
        .iter()
        .find(|(_, b)| b.starts_with(&[0x1f, 0x8b]))
        .map(|(n, _)| dir.join(n))
        .unwrap();
    let mut bytes = std::fs::read(&layer_blob).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&layer_blob, bytes).unwrap();
    assert!(matches!(
        open(&dir).unwrap_err(),
        ImageError::DigestMismatch { .. }
    ));
    // A digest that would climb out of blobs/.
    let index = serde_json::json!({ "schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "digest": "sha256:../../../../etc/passwd", "size": 1 }] });
    std::fs::write(dir.join("index.json"), serde_json::to_vec(&index).unwrap()).unwrap();
    assert!(matches!(
        open(&dir).unwrap_err(),
        ImageError::Invalid { .. }
    ));
}

#[test]
fn platform_selection_nested_indexes_and_limits() {
    let t = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let amd = manifest(
        &mut files,
        "amd64",
        &[Layer::new().file("./arch", b"amd64").blob(Comp::Gzip)],
    );
    let arm = manifest(
        &mut files,
        "arm64",
        &[Layer::new().file("./arch", b"arm64").blob(Comp::Gzip)],
    );
    // The two manifests behind a nested index.
    let nested = serde_json::json!({ "schemaVersion": 2, "manifests": [amd, arm] });
    let bytes = serde_json::to_vec(&nested).unwrap();
    let d = crate::image_build::digest(&bytes);
    files.push((
        format!("blobs/sha256/{}", d.trim_start_matches("sha256:")),
        bytes.clone(),
    ));
    let desc = serde_json::json!({
        "mediaType": "application/vnd.oci.image.index.v1+json", "digest": d, "size": bytes.len() });
    let dir = t.path().join("multi");
    Oci::with_index(files.clone(), vec![desc.clone()]).write_dir(&dir);
    assert!(matches!(open(&dir).unwrap_err(), ImageError::Ambiguous(_)));
    let arm64 = ImageOptions {
        platform: Platform::parse("linux/arm64"),
        ..Default::default()
    };
    let image = Image::open(&dir, &arm64).unwrap();
    assert_eq!(read(&image, "/arch").as_deref(), Some(&b"arm64"[..]));
    assert_eq!(image.platform.as_ref().unwrap().architecture, "arm64");
    let s390x = ImageOptions {
        platform: Platform::parse("linux/s390x"),
        ..Default::default()
    };
    assert!(matches!(
        Image::open(&dir, &s390x).unwrap_err(),
        ImageError::NoSuchPlatform(..)
    ));
    // Indexes nested deeper than MAX_INDEX_DEPTH.
    let mut desc = desc;
    for _ in 0..=MAX_INDEX_DEPTH {
        let idx = serde_json::json!({ "schemaVersion": 2, "manifests": [desc] });
        let bytes = serde_json::to_vec(&idx).unwrap();
        let d = crate::image_build::digest(&bytes);
        files.push((
            format!("blobs/sha256/{}", d.trim_start_matches("sha256:")),
            bytes.clone(),
        ));
        desc = serde_json::json!({
            "mediaType": "application/vnd.oci.image.index.v1+json", "digest": d, "size": bytes.len() });
    }
    let deep = t.path().join("deep");
    Oci::with_index(files, vec![desc]).write_dir(&deep);
    assert_eq!(Image::open(&deep, &arm64).unwrap_err(), ImageError::TooDeep);
    // An index.json larger than MAX_JSON_BYTES.
    let huge = t.path().join("huge");
    Oci::with_index(Vec::new(), Vec::new()).write_dir(&huge);
    let mut text = b"{\"manifests\":[],\"pad\":\"".to_vec();
    text.resize(MAX_JSON_BYTES as usize + 10, b'x');
    text.extend_from_slice(b"\"}");
    std::fs::write(huge.join("index.json"), text).unwrap();
    assert!(matches!(
        open(&huge).unwrap_err(),
        ImageError::TooLarge { .. }
    ));
}

#[test]
fn ldd_resolves_inside_an_image() {
    let t = tempfile::tempdir().unwrap();
    let r = t.path().join("root");
    crate::image_build::host_glibc_root(&r);
    let layer = Layer::from_dir(&r).blob(Comp::Zstd);
    let broken = Layer::new()
        .whiteout("./lib/x86_64-linux-gnu/libtinfo.so.6")
        .blob(Comp::Gzip);
    let dir = t.path().join("oci");
    Oci::single("amd64", &[layer, broken]).write_dir(&dir);
    let out = relf()
        .args(["ldd", "--root"])
        .arg(&dir)
        .arg("/bin/bash")
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("libtinfo.so.6 => not found"), "{text}");
    assert!(
        text.contains("libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6"),
        "{text}"
    );
}

/// Pseudo-random bytes (xorshift): incompressible, so a big file is not
/// mistaken for a bomb.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    out
}

#[test]
fn file_contents_kept_in_memory_are_bounded_and_the_rest_is_read_again() {
    let t = tempfile::tempdir().unwrap();
    // One ELF file just over MAX_CACHED_FILE, one small, in a zstd layer.
    let mut big = b"\x7fELF".to_vec();
    big.extend(noise(MAX_CACHED_FILE as usize - 3));
    let small = b"\x7fELF small".to_vec();
    let layer = Layer::new().file("./big", &big).file("./small", &small);
    let path = t.path().join("big.tar");
    docker_archive(&path, "amd64", &[layer.blob(Comp::Zstd)]);
    let image = open(&path).unwrap();
    assert_eq!(
        image.fs.tree().cached_bytes(),
        small.len() as u64,
        "only the small file is kept"
    );
    assert!(
        read(&image, "/big").unwrap() == big,
        "the big one is decoded again on demand"
    );
    // A total budget of nothing: every file is read again.
    let options = ImageOptions {
        limits: TreeLimits {
            max_cached_total: 0,
            ..TreeLimits::default()
        },
        ..Default::default()
    };
    let image = Image::open(&path, &options).unwrap();
    assert_eq!(image.fs.tree().cached_bytes(), 0);
    assert_eq!(read(&image, "/small").unwrap(), small);
}

#[test]
fn entry_layer_and_member_counts_are_bounded() {
    let t = tempfile::tempdir().unwrap();
    let mut layer = Layer::new();
    for i in 0..20 {
        layer = layer.file(&format!("./f{i}"), b"x");
    }
    let path = t.path().join("many.tar");
    docker_archive(&path, "amd64", &[layer.blob(Comp::Gzip)]);
    let options = ImageOptions {
        limits: TreeLimits {
            max_nodes: 10,
            ..TreeLimits::default()
        },
        ..Default::default()
    };
    assert_eq!(
        Image::open(&path, &options).unwrap_err(),
        ImageError::TooManyEntries { limit: 10 }
    );
    assert_eq!(TreeLimits::default().max_nodes, MAX_NODES);
    // More layers than MAX_LAYERS.
    let empty = Layer::new().blob(Comp::None);
    let layers = vec![empty; MAX_LAYERS + 1];
    let path = t.path().join("layers.tar");
    docker_archive(&path, "amd64", &layers);
    assert_eq!(open(&path).unwrap_err(), ImageError::TooManyLayers);
    // An outer archive with more members than MAX_ARCHIVE_MEMBERS.
    let files: Vec<(String, Vec<u8>)> = (0..=MAX_ARCHIVE_MEMBERS)
        .map(|i| (format!("m/{i}"), Vec::new()))
        .collect();
    let path = t.path().join("members.tar");
    std::fs::write(&path, crate::image_build::plain_tar(&files)).unwrap();
    assert_eq!(
        open(&path).unwrap_err(),
        ImageError::TooManyEntries {
            limit: MAX_ARCHIVE_MEMBERS
        }
    );
}
