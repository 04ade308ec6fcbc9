//! readelf 2.40's `-c` / `--archive-index` listing (readelf.c
//! `process_archive`): a header line, then for each run of index entries
//! naming the same member, `Contents of binary NAME at offset 0xN`, and the
//! symbols, one per line after a tab.

/// `Index of archive NAME: (N entries, 0xS bytes in the symbol table)`.
pub fn write_index_header(out: &mut Vec<u8>, archive: &[u8], entries: u64, sym_size: u64) {
    out.extend_from_slice(b"Index of archive ");
    out.extend_from_slice(archive);
    // printf's `%#lx` prints 0 without the prefix.
    let size = if sym_size == 0 {
        "0".to_string()
    } else {
        format!("{sym_size:#x}")
    };
    out.extend_from_slice(
        format!(": ({entries} entries, {size} bytes in the symbol table)\n").as_bytes(),
    );
}

/// `Contents of binary NAME at offset 0xN` (`print_vma (.., PREFIX_HEX)`).
pub fn write_index_member(out: &mut Vec<u8>, qualified: &[u8], offset: u64) {
    out.extend_from_slice(b"Contents of binary ");
    out.extend_from_slice(qualified);
    out.extend_from_slice(format!(" at offset {offset:#x}\n").as_bytes());
}

/// One symbol of the index: `\t%.*s\n`, the name up to its NUL.
pub fn write_index_symbol(out: &mut Vec<u8>, symbol: &[u8]) {
    out.push(b'\t');
    out.extend_from_slice(symbol);
    out.push(b'\n');
}
