//! Container images written by the tests themselves, byte for byte: tar
//! layers (plain, gzip, zstd) with any entry a real tool would write and
//! some no honest tool writes (`..` names, absolute names, links out of the
//! root), assembled as an OCI layout directory, an oci-archive or a
//! docker-archive. The `tar` crate's checks on names are bypassed on
//! purpose by writing the header's name field directly.

use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comp {
    None,
    Gzip,
    Zstd,
}

/// One tar entry.
#[derive(Debug, Clone)]
pub enum Entry {
    File(String, Vec<u8>, u32),
    Dir(String),
    Symlink(String, String),
    HardLink(String, String),
}

/// The entries of a layer, in order.
#[derive(Debug, Clone, Default)]
pub struct Layer {
    pub entries: Vec<Entry>,
}

impl Layer {
    pub fn new() -> Layer {
        Layer::default()
    }
    pub fn file(mut self, path: &str, bytes: &[u8]) -> Layer {
        self.entries
            .push(Entry::File(path.into(), bytes.to_vec(), 0o755));
        self
    }
    pub fn file_mode(mut self, path: &str, bytes: &[u8], mode: u32) -> Layer {
        self.entries
            .push(Entry::File(path.into(), bytes.to_vec(), mode));
        self
    }
    pub fn dir(mut self, path: &str) -> Layer {
        self.entries.push(Entry::Dir(path.into()));
        self
    }
    pub fn symlink(mut self, path: &str, target: &str) -> Layer {
        self.entries
            .push(Entry::Symlink(path.into(), target.into()));
        self
    }
    pub fn hardlink(mut self, path: &str, target: &str) -> Layer {
        self.entries
            .push(Entry::HardLink(path.into(), target.into()));
        self
    }
    /// `.wh.NAME` next to `path`'s name.
    pub fn whiteout(self, path: &str) -> Layer {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        self.file_mode(&format!("{dir}/.wh.{name}"), b"", 0o644)
    }
    pub fn opaque(self, dir: &str) -> Layer {
        self.file_mode(&format!("{dir}/.wh..wh..opq"), b"", 0o644)
    }

    /// Every file and symlink under a host directory, as `./rel` names.
    pub fn from_dir(dir: &Path) -> Layer {
        let mut layer = Layer::new();
        for e in walkdir::WalkDir::new(dir).sort_by_file_name().min_depth(1) {
            let e = e.unwrap();
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            let ft = e.file_type();
            if ft.is_dir() {
                layer = layer.dir(&format!("./{rel}"));
            } else if ft.is_symlink() {
                let t = std::fs::read_link(e.path()).unwrap();
                layer = layer.symlink(&format!("./{rel}"), t.to_str().unwrap());
            } else {
                let bytes = std::fs::read(e.path()).unwrap();
                layer = layer.file(&format!("./{rel}"), &bytes);
            }
        }
        layer
    }

    /// The uncompressed tar.
    pub fn tar(&self) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for e in &self.entries {
            let mut h = tar::Header::new_gnu();
            let (name, data): (&str, &[u8]) = match e {
                Entry::File(p, bytes, mode) => {
                    h.set_entry_type(tar::EntryType::Regular);
                    h.set_mode(*mode);
                    (p, bytes)
                }
                Entry::Dir(p) => {
                    h.set_entry_type(tar::EntryType::Directory);
                    h.set_mode(0o755);
                    (p, &[])
                }
                Entry::Symlink(p, t) | Entry::HardLink(p, t) => {
                    h.set_entry_type(if matches!(e, Entry::Symlink(..)) {
                        tar::EntryType::Symlink
                    } else {
                        tar::EntryType::Link
                    });
                    h.set_mode(0o777);
                    let link = &mut h.as_gnu_mut().unwrap().linkname;
                    link[..t.len()].copy_from_slice(t.as_bytes());
                    (p, &[])
                }
            };
            let field = &mut h.as_gnu_mut().unwrap().name;
            assert!(name.len() < field.len(), "test names fit the v7 field");
            field[..name.len()].copy_from_slice(name.as_bytes());
            h.set_size(data.len() as u64);
            h.set_cksum();
            b.append(&h, data).unwrap();
        }
        b.into_inner().unwrap()
    }

    pub fn blob(&self, comp: Comp) -> Vec<u8> {
        compress(&self.tar(), comp)
    }
}

pub fn compress(tar: &[u8], comp: Comp) -> Vec<u8> {
    match comp {
        Comp::None => tar.to_vec(),
        Comp::Gzip => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(tar).unwrap();
            e.finish().unwrap()
        }
        Comp::Zstd => zstd::encode_all(tar, 1).unwrap(),
    }
}

pub fn digest(bytes: &[u8]) -> String {
    let h = Sha256::digest(bytes);
    format!(
        "sha256:{}",
        h.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

/// The files of an OCI layout: (name, bytes), for a directory or a tar.
pub struct Oci {
    pub files: Vec<(String, Vec<u8>)>,
}

fn add_blob(files: &mut Vec<(String, Vec<u8>)>, bytes: Vec<u8>) -> (String, usize) {
    let d = digest(&bytes);
    let len = bytes.len();
    let name = format!("blobs/sha256/{}", d.trim_start_matches("sha256:"));
    if !files.iter().any(|(n, _)| *n == name) {
        files.push((name, bytes));
    }
    (d, len)
}

fn layer_media(blob: &[u8]) -> &'static str {
    if blob.starts_with(&[0x1f, 0x8b]) {
        "application/vnd.oci.image.layer.v1.tar+gzip"
    } else if blob.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        "application/vnd.oci.image.layer.v1.tar+zstd"
    } else {
        "application/vnd.oci.image.layer.v1.tar"
    }
}

/// An image manifest (and its config) for `arch`, returning its descriptor.
pub fn manifest(
    files: &mut Vec<(String, Vec<u8>)>,
    arch: &str,
    blobs: &[Vec<u8>],
) -> serde_json::Value {
    let config = serde_json::json!({
        "architecture": arch, "os": "linux",
        "rootfs": { "type": "layers", "diff_ids": [] }
    });
    let (cd, cl) = add_blob(files, serde_json::to_vec(&config).unwrap());
    let layers: Vec<_> = blobs
        .iter()
        .map(|b| {
            let media = layer_media(b);
            let (d, l) = add_blob(files, b.clone());
            serde_json::json!({ "mediaType": media, "digest": d, "size": l })
        })
        .collect();
    let m = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": { "mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cl },
        "layers": layers
    });
    let (md, ml) = add_blob(files, serde_json::to_vec(&m).unwrap());
    serde_json::json!({
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "digest": md, "size": ml,
        "platform": { "architecture": arch, "os": "linux" }
    })
}

impl Oci {
    /// One image for `arch` with these layer blobs.
    pub fn single(arch: &str, blobs: &[Vec<u8>]) -> Oci {
        let mut files = Vec::new();
        let d = manifest(&mut files, arch, blobs);
        Oci::with_index(files, vec![d])
    }

    pub fn with_index(mut files: Vec<(String, Vec<u8>)>, manifests: Vec<serde_json::Value>) -> Oci {
        let index = serde_json::json!({ "schemaVersion": 2, "manifests": manifests });
        files.push(("index.json".into(), serde_json::to_vec(&index).unwrap()));
        files.push((
            "oci-layout".into(),
            br#"{"imageLayoutVersion":"1.0.0"}"#.to_vec(),
        ));
        Oci { files }
    }

    pub fn write_dir(&self, dir: &Path) {
        for (name, bytes) in &self.files {
            let p = dir.join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
    }

    pub fn write_archive(&self, path: &Path) {
        std::fs::write(path, plain_tar(&self.files)).unwrap();
    }
}

/// A tar of regular files.
pub fn plain_tar(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, bytes) in files {
        let mut h = tar::Header::new_ustar();
        h.set_path(name).unwrap();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append(&h, bytes.as_slice()).unwrap();
    }
    b.into_inner().unwrap()
}

/// A `docker save` archive of one image.
pub fn docker_archive(path: &Path, arch: &str, blobs: &[Vec<u8>]) {
    let mut files = Vec::new();
    let config = serde_json::json!({ "architecture": arch, "os": "linux" });
    files.push((
        "config.json".to_string(),
        serde_json::to_vec(&config).unwrap(),
    ));
    let mut names = Vec::new();
    for (i, b) in blobs.iter().enumerate() {
        let name = format!("layer{i}/layer.tar");
        files.push((name.clone(), b.clone()));
        names.push(name);
    }
    let manifest =
        serde_json::json!([{ "Config": "config.json", "RepoTags": ["t:1"], "Layers": names }]);
    files.push((
        "manifest.json".into(),
        serde_json::to_vec(&manifest).unwrap(),
    ));
    std::fs::write(path, plain_tar(&files)).unwrap();
}

/// A small glibc root made of this host's files: /bin/bash and its
/// libraries at Debian's paths (found with relf's own loader, which the
/// `ldd` tests hold to the real ldd).
pub fn host_glibc_root(dir: &Path) {
    use relf::loader::root::Root;
    use relf::loader::{Loader, LoaderEnv};
    let mut loader = Loader::new(
        Root::host_root(),
        LoaderEnv {
            cwd: b"/".to_vec(),
            ..Default::default()
        },
    );
    let g = loader.resolve(b"/bin/bash").unwrap();
    let copy = |from: &str, to: &str| {
        let dest = dir.join(to.trim_start_matches('/'));
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(from, dest).unwrap();
    };
    copy("/bin/bash", "/bin/bash");
    for o in g.objects.iter().skip(1).filter(|o| o.is_found()) {
        // Under the name the loader opened (libtinfo.so.6, not the
        // libtinfo.so.6.4 it links to).
        let canonical = String::from_utf8(o.canonical.clone()).unwrap();
        let opened = String::from_utf8(o.path.clone()).unwrap();
        let name = opened.rsplit('/').next().unwrap();
        copy(&canonical, &format!("/lib/x86_64-linux-gnu/{name}"));
    }
    std::fs::create_dir_all(dir.join("lib64")).unwrap();
    std::os::unix::fs::symlink(
        "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
        dir.join("lib64/ld-linux-x86-64.so.2"),
    )
    .unwrap();
}
