//! Reading integers of the file's byte order and word size from byte slices
//! that have already passed the checked gate in [`super::bytes`].
//!
//! readelf's `byte_get (ptr, size)` reads `size` bytes at a pointer it has
//! checked; [`Encoding::uint`] is the same with the check built in: it
//! returns `None` instead of reading past the slice.

use super::header::FileHeader;

/// How multi-byte fields of one file are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoding {
    /// ELFCLASS64 (readelf's `!is_32bit_elf`): words and addresses are 8 bytes.
    pub is_64: bool,
    /// ELFDATA2MSB.
    pub big_endian: bool,
}

impl Encoding {
    pub fn of(header: &FileHeader) -> Encoding {
        Encoding {
            is_64: header.is_64(),
            big_endian: header.byte_order() == super::header::ByteOrder::Big,
        }
    }

    /// Size of an address or word in bytes (4 or 8).
    pub fn word_size(self) -> usize {
        if self.is_64 {
            8
        } else {
            4
        }
    }

    /// `size` (1..=8) bytes at `offset` as an unsigned integer, or `None`
    /// when they are not all inside `data`.
    pub fn uint(self, data: &[u8], offset: usize, size: usize) -> Option<u64> {
        let end = offset.checked_add(size)?;
        let bytes = data.get(offset..end)?;
        if size > 8 {
            return None;
        }
        let mut v: u64 = 0;
        if self.big_endian {
            for &b in bytes {
                v = (v << 8) | u64::from(b);
            }
        } else {
            for &b in bytes.iter().rev() {
                v = (v << 8) | u64::from(b);
            }
        }
        Some(v)
    }

    pub fn u16(self, data: &[u8], offset: usize) -> Option<u16> {
        self.uint(data, offset, 2).map(|v| v as u16)
    }

    pub fn u32(self, data: &[u8], offset: usize) -> Option<u32> {
        self.uint(data, offset, 4).map(|v| v as u32)
    }

    pub fn u64(self, data: &[u8], offset: usize) -> Option<u64> {
        self.uint(data, offset, 8)
    }

    /// A word of the file's class (4 or 8 bytes).
    pub fn word(self, data: &[u8], offset: usize) -> Option<u64> {
        self.uint(data, offset, self.word_size())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_orders_and_refuses_out_of_range() {
        let le = Encoding {
            is_64: false,
            big_endian: false,
        };
        let be = Encoding {
            is_64: true,
            big_endian: true,
        };
        let d = [1, 2, 3, 4, 5, 6, 7, 8];
        assert_eq!(le.u32(&d, 0), Some(0x0403_0201));
        assert_eq!(be.u32(&d, 4), Some(0x0506_0708));
        assert_eq!(be.word(&d, 0), Some(0x0102_0304_0506_0708));
        assert_eq!(le.u32(&d, 5), None);
        assert_eq!(le.uint(&d, usize::MAX, 2), None);
    }
}
