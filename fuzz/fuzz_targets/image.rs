//! The image reader: the input as one layer (plain, gzip or zstd by its
//! magic) applied to an empty tree, every file then listed and read back
//! through the loader's file system; and the input as an outer archive
//! (oci-archive or docker-archive: member listing, JSON, digests). The bytes
//! go through a file because layers are read from files (ranges of them).
#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use relf::image::blob::{BlobRef, Compression};
use relf::image::tree::{ImageFs, Tree, TreeLimits};
use relf::image::{Image, ImageOptions, LayerInfo};
use relf::source::vfs::FileSystem;

fn scratch() -> &'static std::path::Path {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("relf-fuzz-image-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let path = scratch().join("input");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let blob = BlobRef {
        file: Arc::new(path.clone()),
        offset: 0,
        len: data.len() as u64,
    };
    let layer = LayerInfo {
        digest: "fuzz".into(),
        compression: Compression::detect(data),
        blob,
    };
    let limits = TreeLimits {
        max_nodes: 10_000,
        max_cached_total: 1 << 20,
    };
    let mut tree = Tree::new(limits);
    if tree.apply_layer(0, &layer).is_ok() {
        let files = tree.files();
        let fs = ImageFs::new(tree, vec![layer]);
        for f in files.iter().take(64) {
            let _ = fs.open(&f.path);
            let _ = fs.lstat(&f.path);
        }
        let root = relf::loader::root::Root::with_fs(Arc::new(fs));
        let _ = root.resolve(b"/lib/x86_64-linux-gnu/libc.so.6", b"/");
        let _ = root.list_dir(b"/");
    }
    let _ = Image::open(&path, &ImageOptions::default());
});
