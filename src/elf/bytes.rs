//! The one checked gate between untrusted file bytes and the model.
//!
//! Every offset, size and count read from a file goes through [`slice`] or
//! [`table`] before any byte is touched or anything is allocated, so a hostile
//! `e_shnum = 65535` or `p_offset = 2^63` yields a [`TableError`] instead of a
//! panic or a huge allocation. Decoding of fixed-size records is delegated to
//! goblin's per-class structs (`scroll` with an explicit endianness).

use super::error::TableError;

/// `data[offset .. offset + size]`, or why not.
pub fn slice<'a>(
    data: &'a [u8],
    table: &'static str,
    offset: u64,
    size: u64,
) -> Result<&'a [u8], TableError> {
    let file_size = data.len() as u64;
    let past_end = || TableError::PastEnd {
        table,
        offset,
        size,
        file_size,
    };
    let end = offset.checked_add(size).ok_or_else(past_end)?;
    if end > file_size {
        return Err(past_end());
    }
    // Both bounds are <= data.len(), so they fit in usize.
    Ok(&data[offset as usize..end as usize])
}

/// The bytes of a table of `count` entries of `entsize` bytes at `offset`.
pub fn table<'a>(
    data: &'a [u8],
    table: &'static str,
    offset: u64,
    entsize: u64,
    count: u64,
) -> Result<&'a [u8], TableError> {
    let size = entsize.checked_mul(count).ok_or(TableError::Overflow {
        table,
        count,
        entsize,
    })?;
    slice(data, table, offset, size)
}

/// The NUL-terminated string starting at `offset` in a string table, without
/// its terminator. A string that runs to the end of the table is returned up
/// to the end (readelf NUL-terminates every table it loads, so it does the
/// same). `None` if `offset` is outside the table.
pub fn c_str(strtab: &[u8], offset: u64) -> Option<&[u8]> {
    let start = usize::try_from(offset).ok()?;
    let rest = strtab.get(start..)?;
    let len = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    Some(&rest[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_rejects_overflow_and_past_end() {
        let data = [0u8; 16];
        assert!(slice(&data, "t", 8, 8).is_ok());
        assert!(slice(&data, "t", 8, 9).is_err());
        assert!(slice(&data, "t", u64::MAX, 2).is_err());
        assert!(table(&data, "t", 0, u64::MAX, 2).is_err());
    }

    #[test]
    fn c_str_stops_at_nul_or_end() {
        let t = b"\0abc\0de";
        assert_eq!(c_str(t, 1), Some(&b"abc"[..]));
        assert_eq!(c_str(t, 5), Some(&b"de"[..]));
        assert_eq!(c_str(t, 7), Some(&b""[..]));
        assert_eq!(c_str(t, 8), None);
    }
}
