//! The ld.so.conf parser over an in-memory tree made from the input: the
//! input is split into files at NUL bytes; file i lives at /etc/ld.so.conf
//! (i = 0) or /etc/ld.so.conf.d/i.conf, and every line names a directory
//! that "exists".
#![no_main]

use libfuzzer_sys::fuzz_target;
use relf::loader::conf::{ldconfig_dirs, ConfFs, ConfRules};

struct MemFs(Vec<Vec<u8>>);

fn path_of(i: usize) -> String {
    if i == 0 {
        "/etc/ld.so.conf".to_string()
    } else {
        format!("/etc/ld.so.conf.d/{i}.conf")
    }
}

impl ConfFs for MemFs {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        (0..self.0.len()).find(|&i| path_of(i) == path).map(|i| self.0[i].clone())
    }
    fn list_dir(&self, dir: &str) -> Option<Vec<String>> {
        (dir == "/etc/ld.so.conf.d").then(|| (1..self.0.len()).map(|i| format!("{i}.conf")).collect())
    }
    fn identity(&self, path: &str) -> Option<(u64, u64)> {
        // Every path exists; identical strings are the same directory.
        let mut h: u64 = 1469598103934665603;
        for b in path.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(1099511628211);
        }
        Some((1, h))
    }
}

fuzz_target!(|data: &[u8]| {
    let files: Vec<Vec<u8>> = data.split(|&b| b == 0).take(64).map(<[u8]>::to_vec).collect();
    let fs = MemFs(files);
    for rules in [ConfRules::for_glibc(36), ConfRules::for_glibc(40)] {
        let list = ldconfig_dirs(&fs, "/etc/ld.so.conf", rules, &["/lib".into(), "/usr/lib".into()]);
        let _ = list.dirs().len();
        for d in list.diagnostics() {
            let _ = d.to_string();
        }
    }
});
