//! The `/etc/ld.so.cache` of a bundle: the source root's cache cut down to
//! the entries whose library the bundle holds, written in the format
//! ldconfig 2.32+ writes by default (`glibc-ld.so.cache1.1`, no old-format
//! table), laid out as glibc's elf/cache.c `save_cache` lays it out: header,
//! entries, string table, then (4-aligned) the extension directory with the
//! generator string (tag 0) and, when an entry is a glibc-hwcaps one, the
//! subdirectory name array (tag 1).
//!
//! The entries keep the source's order (ldconfig sorted them for the
//! loader's binary search with `_dl_cache_libcmp`; a subsequence of a sorted
//! list is sorted), flags and ISA level, so the bundle's loader makes the
//! choices the source root's loader made. Legacy hwcap bits (ldconfig <=
//! 2.36 platform entries) are dropped with their entries: glibc 2.37+
//! loaders skip them.

use crate::loader::cache::{
    ByteOrder, LdCache, CACHEMAGIC_VERSION_NEW, CACHE_EXTENSION_MAGIC,
    CACHE_EXTENSION_TAG_GENERATOR, CACHE_EXTENSION_TAG_GLIBC_HWCAPS, DL_CACHE_HWCAP_EXTENSION,
};

/// The generator string written into the extension directory.
pub const GENERATOR: &str = concat!("relf bundle ", env!("CARGO_PKG_VERSION"));

/// One entry of a cache to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutEntry {
    pub flags: i32,
    pub key: Vec<u8>,
    pub value: Vec<u8>,
    /// glibc-hwcaps subdirectory and ISA level, for such entries.
    pub hwcaps: Option<(Vec<u8>, u32)>,
}

/// The entries of `source` (a cache file in byte order `order`) that `keep`
/// accepts (it is given each entry's value path), in file order.
pub fn filtered_entries(
    source: &[u8],
    order: ByteOrder,
    keep: &mut dyn FnMut(&[u8]) -> bool,
) -> Option<Vec<OutEntry>> {
    let cache = LdCache::parse(source, order).ok()?;
    let mut out = Vec::new();
    for e in cache.entries() {
        let (Some(key), Some(value)) = (e.key, e.value) else {
            continue;
        };
        if e.is_legacy_hwcap() {
            continue;
        }
        let hwcaps = if e.is_glibc_hwcaps() {
            match cache.hwcaps_subdir(&e) {
                Some(name) => Some((name.to_vec(), e.isa_level())),
                None => continue,
            }
        } else {
            None
        };
        if keep(value) {
            out.push(OutEntry {
                flags: e.flags,
                key: key.to_vec(),
                value: value.to_vec(),
                hwcaps,
            });
        }
    }
    Some(out)
}

/// A new-format cache holding `entries` (already in cache order).
pub fn write_new_format(entries: &[OutEntry], order: ByteOrder, generator: &str) -> Vec<u8> {
    let u32b = |v: u32| match order {
        ByteOrder::Little => v.to_le_bytes(),
        ByteOrder::Big => v.to_be_bytes(),
    };
    let u64b = |v: u64| match order {
        ByteOrder::Little => v.to_le_bytes(),
        ByteOrder::Big => v.to_be_bytes(),
    };
    const HEADER: usize = 48;
    const ENTRY: usize = 24;
    let mut subdirs: Vec<&[u8]> = entries
        .iter()
        .filter_map(|e| e.hwcaps.as_ref().map(|(s, _)| s.as_slice()))
        .collect();
    // elf/cache.c `assign_glibc_hwcaps_indices` sorts the names (strcmp).
    subdirs.sort_unstable();
    subdirs.dedup();
    // Strings: offsets are from the start of the file (new format only).
    let str_base = HEADER + ENTRY * entries.len();
    let mut strings: Vec<u8> = Vec::new();
    let mut add = |s: &[u8]| {
        let off = (str_base + strings.len()) as u32;
        strings.extend_from_slice(s);
        strings.push(0);
        off
    };
    let sub_offs: Vec<u32> = subdirs.iter().map(|s| add(s)).collect();
    let kv: Vec<(u32, u32)> = entries
        .iter()
        .map(|e| (add(&e.key), add(&e.value)))
        .collect();
    let ext_offset = (str_base + strings.len() + 3) & !3;
    let mut out = Vec::with_capacity(ext_offset + 64);
    out.extend_from_slice(CACHEMAGIC_VERSION_NEW);
    out.extend_from_slice(&u32b(entries.len() as u32));
    out.extend_from_slice(&u32b(strings.len() as u32));
    // `cache_file_new.flags`: the byte order (`cache_file_new_flags_endian_*`).
    out.push(match order {
        ByteOrder::Little => 2,
        ByteOrder::Big => 3,
    });
    out.extend_from_slice(&[0; 3]);
    out.extend_from_slice(&u32b(ext_offset as u32));
    out.extend_from_slice(&[0; 12]);
    for (e, (k, v)) in entries.iter().zip(&kv) {
        out.extend_from_slice(&u32b(e.flags as u32));
        out.extend_from_slice(&u32b(*k));
        out.extend_from_slice(&u32b(*v));
        out.extend_from_slice(&u32b(0));
        let hwcap = match &e.hwcaps {
            None => 0,
            Some((name, level)) => {
                let idx = subdirs.iter().position(|d| d == name).unwrap_or(0) as u64;
                DL_CACHE_HWCAP_EXTENSION | (u64::from(*level) << 32) | idx
            }
        };
        out.extend_from_slice(&u64b(hwcap));
    }
    out.extend_from_slice(&strings);
    out.resize(ext_offset, 0);
    let sections = if subdirs.is_empty() { 1 } else { 2 };
    let hw_offset = ext_offset + 8 + 16 * sections;
    let gen_offset = hw_offset + 4 * subdirs.len();
    out.extend_from_slice(&u32b(CACHE_EXTENSION_MAGIC));
    out.extend_from_slice(&u32b(sections as u32));
    for v in [
        CACHE_EXTENSION_TAG_GENERATOR,
        0,
        gen_offset as u32,
        generator.len() as u32,
    ] {
        out.extend_from_slice(&u32b(v));
    }
    if !subdirs.is_empty() {
        for v in [
            CACHE_EXTENSION_TAG_GLIBC_HWCAPS,
            0,
            hw_offset as u32,
            4 * subdirs.len() as u32,
        ] {
            out.extend_from_slice(&u32b(v));
        }
    }
    for o in &sub_offs {
        out.extend_from_slice(&u32b(*o));
    }
    out.extend_from_slice(generator.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_cache_reads_back() {
        let entries = vec![
            OutEntry {
                flags: 0x303,
                key: b"libz.so.1".to_vec(),
                value: b"/lib/x86_64-linux-gnu/libz.so.1".to_vec(),
                hwcaps: None,
            },
            OutEntry {
                flags: 0x303,
                key: b"libc.so.6".to_vec(),
                value: b"/lib/x86_64-linux-gnu/glibc-hwcaps/x86-64-v3/libc.so.6".to_vec(),
                hwcaps: Some((b"x86-64-v3".to_vec(), 2)),
            },
        ];
        for order in [ByteOrder::Little, ByteOrder::Big] {
            let bytes = write_new_format(&entries, order, GENERATOR);
            let cache = LdCache::parse(&bytes, order).unwrap();
            assert_eq!(cache.generator(), Some(GENERATOR.as_bytes()));
            let back = filtered_entries(&bytes, order, &mut |_| true).unwrap();
            assert_eq!(back, entries);
            let none = filtered_entries(&bytes, order, &mut |v| v.ends_with(b"libz.so.1")).unwrap();
            assert_eq!(none, entries[..1]);
        }
    }
}
