//! musl's path-file and search-path parsing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relf::loader::musl_path::{split_path, sys_path, system_dirs, PathFile};

fuzz_target!(|data: &[u8]| {
    let _ = split_path(data).count();
    let _ = sys_path(PathFile::Contents(data));
    let _ = system_dirs(PathFile::Contents(data)).len();
    let _ = relf::loader::dst::musl_path_list(data);
    let _ = relf::loader::dst::expand_musl(data, b"/o/bin");
});
