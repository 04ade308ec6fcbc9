//! `/etc/ld.so.cache` reader: the three on-disk formats glibc's loader
//! understands, its lookup rule, and an `ldconfig -p` printer.
//!
//! Formats (sysdeps/generic/dl-cache.h): the old `ld.so-1.7.0` table (libc5,
//! glibc <= 2.1), the new `glibc-ld.so.cache1.1` table (default since
//! ldconfig 2.32) with its extension directory (generator string, tag 0;
//! glibc-hwcaps subdirectory names, tag 1), and the combined "compat" file (an
//! old table with a new one hidden in its string table). Which table is used,
//! and when the whole file is ignored, follows `_dl_load_cache_lookup`
//! (elf/dl-cache.c) exactly; [`LdCache::lookup`] follows `search_cache`,
//! including its binary search, so even a hostile, unsorted cache gives the
//! loader's answer. [`ldconfig_print`] follows `print_cache`/`print_entry`
//! (elf/cache.c), which detect formats slightly differently from the loader.
//!
//! What this module does not do: read files, know where the cache lives,
//! decide which glibc-hwcaps subdirectories are active (the caller passes a
//! priority function), or check the returned path (the resolver opens and
//! validates it like any candidate). glibc <= 2.36 also matched legacy
//! hwcap/platform bits of entries against AT_HWCAP; this reader applies the
//! >= 2.37 rule (such entries are skipped).
//!
//! Two glibc quirks reproduced on purpose (both seen with ldconfig 2.36 and
//! its loader): in a compat file the glibc-hwcaps names are read relative to
//! the start of the file although ldconfig wrote them relative to the new
//! header, so they are garbage and those entries are never used; and the old
//! table has no hwcap field, so a cache read through it lists
//! `glibc-hwcaps/*` copies as ordinary entries, first in their run.
//!
//! Every offset and count read from the file is checked against the file size
//! before use; nothing is allocated in proportion to an untrusted count beyond
//! the size of the file itself.

use std::cmp::Ordering;
use std::fmt;

/// Magic of the old format (`CACHEMAGIC`), 11 bytes, no NUL.
pub const CACHEMAGIC: &[u8] = b"ld.so-1.7.0";
/// Magic and version of the new format (`CACHEMAGIC_VERSION_NEW`), 20 bytes.
pub const CACHEMAGIC_VERSION_NEW: &[u8] = b"glibc-ld.so.cache1.1";
/// `cache_extension_magic`, `(uint32_t) -358342284`.
pub const CACHE_EXTENSION_MAGIC: u32 = 0xEAA4_2174;
/// `cache_extension_tag_generator`: bytes naming the ldconfig that wrote the file.
pub const CACHE_EXTENSION_TAG_GENERATOR: u32 = 0;
/// `cache_extension_tag_glibc_hwcaps`: `u32` string offsets of subdirectory names.
pub const CACHE_EXTENSION_TAG_GLIBC_HWCAPS: u32 = 1;
/// `DL_CACHE_HWCAP_EXTENSION`: marks a glibc-hwcaps entry in `hwcap`.
pub const DL_CACHE_HWCAP_EXTENSION: u64 = 1 << 62;
/// `DL_CACHE_HWCAP_ISA_LEVEL_MASK`, applied to `hwcap >> 32`.
pub const DL_CACHE_HWCAP_ISA_LEVEL_MASK: u64 = (1 << 10) - 1;

/// Entry `flags` values (sysdeps/generic/ldconfig.h): low byte = type.
pub const FLAG_TYPE_MASK: i32 = 0x00ff;
pub const FLAG_LIBC4: i32 = 0x0000;
pub const FLAG_ELF: i32 = 0x0001;
pub const FLAG_ELF_LIBC5: i32 = 0x0002;
pub const FLAG_ELF_LIBC6: i32 = 0x0003;
/// High byte = ABI the library requires.
pub const FLAG_REQUIRED_MASK: i32 = 0xff00;
pub const FLAG_SPARC_LIB64: i32 = 0x0100;
/// Removed from glibc in 2.39 (IA-64 port gone); still printed by older ldconfig.
pub const FLAG_IA64_LIB64: i32 = 0x0200;
pub const FLAG_X8664_LIB64: i32 = 0x0300;
pub const FLAG_S390_LIB64: i32 = 0x0400;
pub const FLAG_POWERPC_LIB64: i32 = 0x0500;
pub const FLAG_MIPS64_LIBN32: i32 = 0x0600;
pub const FLAG_MIPS64_LIBN64: i32 = 0x0700;
pub const FLAG_X8664_LIBX32: i32 = 0x0800;
pub const FLAG_ARM_LIBHF: i32 = 0x0900;
pub const FLAG_AARCH64_LIB64: i32 = 0x0a00;
pub const FLAG_ARM_LIBSF: i32 = 0x0b00;
pub const FLAG_MIPS_LIB32_NAN2008: i32 = 0x0c00;
pub const FLAG_MIPS64_LIBN32_NAN2008: i32 = 0x0d00;
pub const FLAG_MIPS64_LIBN64_NAN2008: i32 = 0x0e00;
pub const FLAG_RISCV_FLOAT_ABI_SOFT: i32 = 0x0f00;
pub const FLAG_RISCV_FLOAT_ABI_DOUBLE: i32 = 0x1000;
pub const FLAG_LARCH_FLOAT_ABI_SOFT: i32 = 0x1100;
pub const FLAG_LARCH_FLOAT_ABI_DOUBLE: i32 = 0x1200;

/// `sizeof (struct cache_file)`: magic, pad, `nlibs`.
const OLD_HEADER_SIZE: usize = 16;
/// `sizeof (struct file_entry)`: `flags`, `key`, `value`.
const OLD_ENTRY_SIZE: usize = 12;
/// `sizeof (struct cache_file_new)`.
const NEW_HEADER_SIZE: usize = 48;
/// `sizeof (struct file_entry_new)`: + `osversion_unused`, `hwcap`.
const NEW_ENTRY_SIZE: usize = 24;
/// `__alignof__ (struct cache_file_new)` used by `ALIGN_CACHE` on 64-bit
/// targets (and on every target for caches written by ldconfig, which pads the
/// old table to an even count so that 4- and 8-byte alignment agree).
const NEW_HEADER_ALIGN: usize = 8;
/// Offset of the endianness `flags` byte in the new header.
const NEW_FLAGS_OFFSET: usize = 28;

/// Byte order of the integers in a cache file, which is the byte order of the
/// loader that reads it (`cache_file_new_flags_endian_current`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ByteOrder {
    Little,
    Big,
}

impl ByteOrder {
    /// The `cache_file_new_flags_endian_*` value a loader of this order expects.
    fn endian_flag(self) -> u8 {
        match self {
            ByteOrder::Little => 2,
            ByteOrder::Big => 3,
        }
    }
}

impl fmt::Display for ByteOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ByteOrder::Little => "little-endian",
            ByteOrder::Big => "big-endian",
        })
    }
}

/// Which table of the file the loader uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CacheFormat {
    /// Only `ld.so-1.7.0` (or a combined file whose new part is missing):
    /// 12-byte entries, strings relative to the end of the table.
    Old,
    /// `glibc-ld.so.cache1.1` at offset 0.
    New,
    /// `ld.so-1.7.0` table followed by a `glibc-ld.so.cache1.1` table at the
    /// next 8-byte boundary; the new table is used.
    Compat,
}

/// Why a file is not a usable cache. Lowercase, with the facts, no file name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CacheError {
    /// Not even a header (`print_cache`: "File is not a cache file").
    TooShort { len: usize },
    /// Neither `ld.so-1.7.0` nor `glibc-ld.so.cache1.1` at offset 0.
    BadMagic,
    /// `nlibs` entries of the table at `offset` do not fit in the file.
    TooManyEntries {
        format: &'static str,
        offset: usize,
        nlibs: u32,
        file_size: usize,
    },
    /// The new header's flags say "other byte order" (or carry bits that make
    /// `cache_file_new_matches_endian` fail); the loader ignores the file.
    WrongByteOrder { flags: u8, loader: ByteOrder },
    /// The new header's flags say "invalid" (`cache_file_new_flags_endian_invalid`).
    FlaggedInvalid { flags: u8 },
    /// The extension directory is unusable (`cache_extension_load` failed);
    /// fatal only for `ldconfig -p`, the loader just ignores glibc-hwcaps.
    MalformedExtension { offset: u32, reason: &'static str },
    /// An entry's key or value offset points outside the file (printer only).
    StringOutOfBounds { entry: u32, offset: u32 },
}

impl fmt::Display for CacheError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CacheError::TooShort { len } => {
                write!(f, "file too short for an ld.so.cache header ({len} bytes)")
            }
            CacheError::BadMagic => f.write_str(
                "not an ld.so.cache file (magic is neither ld.so-1.7.0 nor glibc-ld.so.cache1.1)",
            ),
            CacheError::TooManyEntries {
                format,
                offset,
                nlibs,
                file_size,
            } => write!(
                f,
                "{format} cache table at {offset:#x} claims {nlibs} entries, \
                 more than fit in {file_size} bytes"
            ),
            CacheError::WrongByteOrder { flags, loader } => write!(
                f,
                "cache byte order flags {flags:#x} do not match a {loader} loader"
            ),
            CacheError::FlaggedInvalid { flags } => {
                write!(f, "cache is flagged invalid (flags {flags:#x})")
            }
            CacheError::MalformedExtension { offset, reason } => {
                write!(
                    f,
                    "malformed cache extension directory at {offset:#x}: {reason}"
                )
            }
            CacheError::StringOutOfBounds { entry, offset } => write!(
                f,
                "cache entry {entry}: string offset {offset:#x} is outside the file"
            ),
        }
    }
}

impl std::error::Error for CacheError {}

/// What the loader of one architecture accepts from the cache
/// (`_DL_CACHE_DEFAULT_ID`, `_dl_cache_check_flags`, sysdeps/.../dl-cache.h)
/// and how its `_dl_cache_libcmp` orders bytes >= 0x80 (C `char` signedness).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CacheAbi {
    /// `_DL_CACHE_DEFAULT_ID`: an accepted entry with exactly these flags ends
    /// the search at once (matters for the old format, where a provisional
    /// match can be replaced by a later one).
    pub default_id: i32,
    /// The other value `_dl_cache_check_flags` accepts, if any (1 on generic
    /// 32-bit targets, the float-ABI-marked value on ARM).
    pub also_accepted: Option<i32>,
    /// `char` is signed on this architecture (x86, MIPS, SPARC, LoongArch, ...).
    pub signed_char: bool,
}

impl CacheAbi {
    /// `_dl_cache_check_flags (flags)`.
    pub fn accepts(&self, flags: i32) -> bool {
        flags == self.default_id || self.also_accepted == Some(flags)
    }
}

// e_machine values used below.
const EM_SPARC: u16 = 2;
const EM_386: u16 = 3;
const EM_68K: u16 = 4;
const EM_MIPS: u16 = 8;
const EM_MIPS_RS3_LE: u16 = 10;
const EM_PARISC: u16 = 15;
const EM_SPARC32PLUS: u16 = 18;
const EM_PPC: u16 = 20;
const EM_PPC64: u16 = 21;
const EM_S390: u16 = 22;
const EM_ARM: u16 = 40;
const EM_SH: u16 = 42;
const EM_SPARCV9: u16 = 43;
const EM_X86_64: u16 = 62;
const EM_OPENRISC: u16 = 92;
const EM_ALTERA_NIOS2: u16 = 113;
const EM_AARCH64: u16 = 183;
const EM_MICROBLAZE: u16 = 189;
const EM_ARC_COMPACT2: u16 = 195;
const EM_RISCV: u16 = 243;
const EM_CSKY: u16 = 252;
const EM_LOONGARCH: u16 = 258;
const EM_ALPHA: u16 = 0x9026;

/// Which cache flags the loader for an object of this `e_machine`, class and
/// `e_flags` accepts (spec §2.1 table), from `_DL_CACHE_DEFAULT_ID` and
/// `_dl_cache_check_flags` in sysdeps/generic/dl-cache.h and
/// sysdeps/{x86_64,unix/sysv/linux/*}/dl-cache.h. `None` for machines and ABIs
/// glibc has no loader for (e.g. RISC-V single-float).
///
/// ARM: hard-float when `EF_ARM_ABI_FLOAT_HARD` (0x400) is set, soft-float
/// otherwise (an unmarked object says nothing; the soft-float loader is the
/// conservative guess). MIPS: n32 = ELFCLASS32 with `EF_MIPS_ABI2` (0x20),
/// NaN2008 = `EF_MIPS_NAN2008` (0x400).
pub fn default_cache_flags(e_machine: u16, class64: bool, e_flags: u32) -> Option<CacheAbi> {
    let only = |id: i32, signed_char: bool| CacheAbi {
        default_id: id,
        also_accepted: None,
        signed_char,
    };
    // sysdeps/generic/dl-cache.h: `(flags) == 1 || (flags) == _DL_CACHE_DEFAULT_ID`.
    let generic = |signed_char: bool| CacheAbi {
        default_id: FLAG_ELF_LIBC6,
        also_accepted: Some(FLAG_ELF),
        signed_char,
    };
    let libc6 = FLAG_ELF_LIBC6;
    Some(match e_machine {
        EM_X86_64 if class64 => only(FLAG_X8664_LIB64 | libc6, true),
        EM_X86_64 => only(FLAG_X8664_LIBX32 | libc6, true),
        EM_386 => generic(true),
        EM_AARCH64 => only(FLAG_AARCH64_LIB64 | libc6, false),
        // arm/dl-cache.h keeps the generic default id (3) and also accepts the
        // float-ABI-marked value.
        EM_ARM => CacheAbi {
            default_id: libc6,
            also_accepted: Some(if e_flags & 0x400 != 0 {
                FLAG_ARM_LIBHF | libc6
            } else {
                FLAG_ARM_LIBSF | libc6
            }),
            signed_char: false,
        },
        EM_PPC64 => only(FLAG_POWERPC_LIB64 | libc6, false),
        EM_PPC => generic(false),
        EM_S390 if class64 => only(FLAG_S390_LIB64 | libc6, false),
        EM_S390 => generic(false),
        EM_SPARCV9 => only(FLAG_SPARC_LIB64 | libc6, true),
        EM_SPARC | EM_SPARC32PLUS => generic(true),
        EM_RISCV => match e_flags & 0x6 {
            0x4 => only(FLAG_RISCV_FLOAT_ABI_DOUBLE | libc6, false),
            0x0 => only(FLAG_RISCV_FLOAT_ABI_SOFT | libc6, false),
            _ => return None,
        },
        EM_LOONGARCH => match e_flags & 0x7 {
            0x3 => only(FLAG_LARCH_FLOAT_ABI_DOUBLE | libc6, true),
            0x1 => only(FLAG_LARCH_FLOAT_ABI_SOFT | libc6, true),
            _ => return None,
        },
        EM_MIPS | EM_MIPS_RS3_LE => {
            let nan2008 = e_flags & 0x400 != 0;
            if class64 {
                let f = if nan2008 {
                    FLAG_MIPS64_LIBN64_NAN2008
                } else {
                    FLAG_MIPS64_LIBN64
                };
                only(f | libc6, true)
            } else if e_flags & 0x20 != 0 {
                let f = if nan2008 {
                    FLAG_MIPS64_LIBN32_NAN2008
                } else {
                    FLAG_MIPS64_LIBN32
                };
                only(f | libc6, true)
            } else if nan2008 {
                only(FLAG_MIPS_LIB32_NAN2008 | libc6, true)
            } else {
                generic(true)
            }
        }
        EM_CSKY | EM_ARC_COMPACT2 => generic(false),
        EM_68K | EM_PARISC | EM_SH | EM_OPENRISC | EM_ALTERA_NIOS2 | EM_MICROBLAZE | EM_ALPHA => {
            generic(true)
        }
        _ => return None,
    })
}

/// `_dl_cache_libcmp` (elf/dl-cache.c) with signed `char` (x86): maximal
/// digit runs compare as decimal numbers (`libfoo.so.01` equals
/// `libfoo.so.1`, `.so.10` > `.so.9`); where exactly one side has a digit,
/// the digit side is greater; other bytes compare as `char`. The cache is
/// sorted by *descending* libcmp of the key.
pub fn libcmp(a: &[u8], b: &[u8]) -> Ordering {
    libcmp_with(a, b, true)
}

/// [`libcmp`] for either signedness of C `char` ([`CacheAbi::signed_char`]).
/// The strings end at their first NUL or at the end of the slice. Digit runs
/// are accumulated like glibc's `int` but with wrapping arithmetic, so absurd
/// numbers compare the way they do in practice instead of overflowing.
pub fn libcmp_with(a: &[u8], b: &[u8], signed_char: bool) -> Ordering {
    let at = |s: &[u8], i: usize| s.get(i).copied().unwrap_or(0);
    let as_char = |c: u8| {
        if signed_char {
            i32::from(c as i8)
        } else {
            i32::from(c)
        }
    };
    let (mut i, mut j) = (0usize, 0usize);
    loop {
        let c1 = at(a, i);
        if c1 == 0 {
            break;
        }
        let c2 = at(b, j);
        if c1.is_ascii_digit() {
            if !c2.is_ascii_digit() {
                return Ordering::Greater;
            }
            let mut v1: i32 = 0;
            while at(a, i).is_ascii_digit() {
                v1 = v1.wrapping_mul(10).wrapping_add(i32::from(at(a, i) - b'0'));
                i += 1;
            }
            let mut v2: i32 = 0;
            while at(b, j).is_ascii_digit() {
                v2 = v2.wrapping_mul(10).wrapping_add(i32::from(at(b, j) - b'0'));
                j += 1;
            }
            // glibc returns `val1 - val2`; its sign is what matters.
            match v1.wrapping_sub(v2).cmp(&0) {
                Ordering::Equal => {}
                other => return other,
            }
        } else if c2.is_ascii_digit() {
            return Ordering::Less;
        } else if c1 != c2 {
            return as_char(c1).cmp(&as_char(c2));
        } else {
            i += 1;
            j += 1;
        }
    }
    as_char(0).cmp(&as_char(at(b, j)))
}

/// One table entry, decoded. Strings are `None` when their offset fails the
/// loader's check or points outside the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheEntry<'a> {
    /// Position in the table (file order).
    pub index: u32,
    /// `FLAG_*` type and ABI bits.
    pub flags: i32,
    /// Raw string offset of the key.
    pub key_offset: u32,
    /// Raw string offset of the value.
    pub value_offset: u32,
    /// The library name looked up (normally a SONAME), without NUL.
    pub key: Option<&'a [u8]>,
    /// The path the loader opens, without NUL.
    pub value: Option<&'a [u8]>,
    /// `osversion_unused` (new format; 0 in the old format).
    pub osversion: u32,
    /// `hwcap` (new format; 0 in the old format).
    pub hwcap: u64,
}

impl CacheEntry<'_> {
    /// `dl_cache_hwcap_extension`: only `DL_CACHE_HWCAP_EXTENSION` is set in
    /// the upper half once the ISA level bits are masked out.
    pub fn is_glibc_hwcaps(&self) -> bool {
        ((self.hwcap >> 32) & !DL_CACHE_HWCAP_ISA_LEVEL_MASK) == (DL_CACHE_HWCAP_EXTENSION >> 32)
    }

    /// Index into the glibc-hwcaps extension array (glibc-hwcaps entries).
    pub fn hwcaps_index(&self) -> u32 {
        self.hwcap as u32
    }

    /// Required x86 ISA level of a glibc-hwcaps entry: bit index of the
    /// library's `GNU_PROPERTY_X86_ISA_1_NEEDED` (0 baseline, 1 v2, 2 v3, 3 v4),
    /// as ldconfig's `read_gnu_property` stores it.
    pub fn isa_level(&self) -> u32 {
        ((self.hwcap >> 32) & DL_CACHE_HWCAP_ISA_LEVEL_MASK) as u32
    }

    /// A nonzero `hwcap` that is not a glibc-hwcaps marker: legacy
    /// hwcap/platform bits written by ldconfig <= 2.36, skipped by >= 2.37 loaders.
    pub fn is_legacy_hwcap(&self) -> bool {
        self.hwcap != 0 && !self.is_glibc_hwcaps()
    }
}

/// The extension directory as `cache_extension_load` sees it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Extensions<'a> {
    /// Tag 0 present (possibly empty).
    generator: Option<&'a [u8]>,
    /// Tag 1, after `cache_extension_verify`: raw bytes of the `u32` array.
    hwcaps: Option<&'a [u8]>,
}

/// A parsed cache, borrowing the file bytes.
#[derive(Clone, Debug)]
pub struct LdCache<'a> {
    data: &'a [u8],
    order: ByteOrder,
    format: CacheFormat,
    /// File offset of the first entry of the table in use.
    table: usize,
    nlibs: u32,
    entry_size: usize,
    /// File offset string offsets are relative to.
    strtab_base: usize,
    /// The loader's `string_table_size` bound for `_dl_cache_verify_ptr`.
    strtab_limit: u64,
    /// New-format header flags byte (0 for the old format).
    header_flags: u8,
    /// New-format `extension_offset` (0 for the old format).
    extension_offset: u32,
    extensions: Result<Extensions<'a>, CacheError>,
}

fn read_u32(data: &[u8], offset: usize, order: ByteOrder) -> Option<u32> {
    let bytes: [u8; 4] = data.get(offset..offset.checked_add(4)?)?.try_into().ok()?;
    Some(match order {
        ByteOrder::Little => u32::from_le_bytes(bytes),
        ByteOrder::Big => u32::from_be_bytes(bytes),
    })
}

fn read_u64(data: &[u8], offset: usize, order: ByteOrder) -> Option<u64> {
    let bytes: [u8; 8] = data.get(offset..offset.checked_add(8)?)?.try_into().ok()?;
    Some(match order {
        ByteOrder::Little => u64::from_le_bytes(bytes),
        ByteOrder::Big => u64::from_be_bytes(bytes),
    })
}

/// The NUL-terminated string at `offset` (ending at the end of the file if
/// there is no NUL, as with a zero-filled last page), or `None` past the end.
fn c_str_at(data: &[u8], offset: usize) -> Option<&[u8]> {
    let rest = data.get(offset..)?;
    if rest.is_empty() {
        return None;
    }
    let len = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    Some(&rest[..len])
}

/// `ALIGN_CACHE`.
fn align_cache(n: usize) -> Option<usize> {
    Some(n.checked_add(NEW_HEADER_ALIGN - 1)? & !(NEW_HEADER_ALIGN - 1))
}

/// `cache_file_new_matches_endian`: flags 0 (written before endianness
/// marking) or the loader's own order; anything else is ignored.
fn check_endian(flags: u8, order: ByteOrder) -> Result<(), CacheError> {
    if flags == 0 || (flags & 3) == order.endian_flag() {
        Ok(())
    } else if flags & 3 == 1 {
        Err(CacheError::FlaggedInvalid { flags })
    } else {
        Err(CacheError::WrongByteOrder {
            flags,
            loader: order,
        })
    }
}

/// Number of `entry_size` entries that fit after `start` in `len` bytes.
fn fits(len: usize, start: usize, entry_size: usize, nlibs: u32) -> bool {
    len.checked_sub(start)
        .is_some_and(|room| room / entry_size >= nlibs as usize)
}

/// `cache_extension_load` + `cache_extension_verify` (sysdeps/generic/dl-cache.h).
/// Offsets in the directory are file offsets (from the start of the file,
/// even in a compat file).
fn load_extensions(
    data: &[u8],
    extension_offset: u32,
    order: ByteOrder,
) -> Result<Extensions<'_>, CacheError> {
    let malformed = |reason| CacheError::MalformedExtension {
        offset: extension_offset,
        reason,
    };
    let mut ext = Extensions::default();
    if extension_offset == 0 {
        return Ok(ext);
    }
    if extension_offset % 4 != 0 {
        return Err(malformed("offset is not a multiple of 4"));
    }
    let file_size = data.len() as u64;
    let base = u64::from(extension_offset);
    if base + 8 > file_size {
        return Err(malformed("directory extends past end of file"));
    }
    let base = base as usize;
    let magic = read_u32(data, base, order).ok_or(malformed("truncated"))?;
    if magic != CACHE_EXTENSION_MAGIC {
        return Err(malformed("bad magic"));
    }
    let count = read_u32(data, base + 4, order).ok_or(malformed("truncated"))?;
    if (base as u64) + 8 + u64::from(count) * 16 > file_size {
        return Err(malformed("section array extends past end of file"));
    }
    for i in 0..count as usize {
        let s = base + 8 + i * 16;
        let field = |k: usize| read_u32(data, s + 4 * k, order).ok_or(malformed("truncated"));
        let (tag, offset, size) = (field(0)?, field(2)?, field(3)?);
        let end = u64::from(offset) + u64::from(size);
        if end > file_size {
            return Err(malformed("section data extends past end of file"));
        }
        let bytes = &data[offset as usize..end as usize];
        // Later sections with the same tag replace earlier ones; unknown tags
        // are skipped (but were bounds-checked above, as in glibc).
        match tag {
            CACHE_EXTENSION_TAG_GENERATOR => ext.generator = Some(bytes),
            CACHE_EXTENSION_TAG_GLIBC_HWCAPS => ext.hwcaps = Some(bytes),
            _ => {}
        }
    }
    // cache_extension_verify: non-empty, 4-aligned, size a multiple of 4.
    if let Some(h) = ext.hwcaps {
        let offset = h.as_ptr() as usize - data.as_ptr() as usize;
        if h.is_empty() || offset % 4 != 0 || h.len() % 4 != 0 {
            ext.hwcaps = None;
        }
    }
    Ok(ext)
}

impl<'a> LdCache<'a> {
    /// Parse `data` as the loader of byte order `order` does in
    /// `_dl_load_cache_lookup` (elf/dl-cache.c):
    ///
    /// 1. new magic, file larger than the 48-byte header and `nlibs` entries
    ///    fit → new format at offset 0, unless the endianness flags reject it;
    /// 2. else old magic, file larger than 16 bytes and `nlibs` old entries fit
    ///    → look for the new magic at `ALIGN_CACHE(16 + 12·nlibs)`: if it is
    ///    there (with room for its header) the new table is used, or the whole
    ///    file is ignored when its endianness flags reject it; otherwise the
    ///    old table is used;
    /// 3. else no cache.
    ///
    /// A broken extension directory does not fail the parse (the loader then
    /// just never uses glibc-hwcaps entries); see [`LdCache::extension_error`].
    pub fn parse(data: &'a [u8], order: ByteOrder) -> Result<LdCache<'a>, CacheError> {
        let len = data.len();
        if data.starts_with(CACHEMAGIC_VERSION_NEW) {
            if len <= NEW_HEADER_SIZE {
                return Err(CacheError::TooShort { len });
            }
            // Either failure means "no cache"; the byte order is the more
            // useful reason (a foreign cache's count reads as garbage).
            check_endian(data[NEW_FLAGS_OFFSET], order)?;
            let nlibs = read_u32(data, 20, order).unwrap_or(0);
            if !fits(len, NEW_HEADER_SIZE, NEW_ENTRY_SIZE, nlibs) {
                return Err(CacheError::TooManyEntries {
                    format: "new-format",
                    offset: NEW_HEADER_SIZE,
                    nlibs,
                    file_size: len,
                });
            }
            return Self::new_at(data, order, 0, CacheFormat::New);
        }
        if !data.starts_with(CACHEMAGIC) {
            return Err(if len < CACHEMAGIC.len() {
                CacheError::TooShort { len }
            } else {
                CacheError::BadMagic
            });
        }
        if len <= OLD_HEADER_SIZE {
            return Err(CacheError::TooShort { len });
        }
        let nlibs = read_u32(data, 12, order).unwrap_or(0);
        if !fits(len, OLD_HEADER_SIZE, OLD_ENTRY_SIZE, nlibs) {
            return Err(CacheError::TooManyEntries {
                format: "old-format",
                offset: OLD_HEADER_SIZE,
                nlibs,
                file_size: len,
            });
        }
        // Fits in the file, so no overflow.
        let old_end = OLD_HEADER_SIZE + OLD_ENTRY_SIZE * nlibs as usize;
        if let Some(offset) = align_cache(old_end) {
            let has_new = offset
                .checked_add(NEW_HEADER_SIZE)
                .is_some_and(|end| end <= len)
                && data[offset..].starts_with(CACHEMAGIC_VERSION_NEW);
            if has_new {
                // The loader does not check the embedded table's count against
                // the file size (it would read past the mapping); we must.
                let new_nlibs = read_u32(data, offset + 20, order).unwrap_or(0);
                check_endian(data[offset + NEW_FLAGS_OFFSET], order)?;
                if !fits(len, offset + NEW_HEADER_SIZE, NEW_ENTRY_SIZE, new_nlibs) {
                    return Err(CacheError::TooManyEntries {
                        format: "compat new-format",
                        offset: offset + NEW_HEADER_SIZE,
                        nlibs: new_nlibs,
                        file_size: len,
                    });
                }
                return Self::new_at(data, order, offset, CacheFormat::Compat);
            }
        }
        Ok(LdCache {
            data,
            order,
            format: CacheFormat::Old,
            table: OLD_HEADER_SIZE,
            nlibs,
            entry_size: OLD_ENTRY_SIZE,
            strtab_base: old_end,
            strtab_limit: (len - old_end) as u64,
            header_flags: 0,
            extension_offset: 0,
            extensions: Ok(Extensions::default()),
        })
    }

    /// A new-format table whose header is at `header` (already checked: magic,
    /// room for `nlibs` entries).
    fn new_at(
        data: &'a [u8],
        order: ByteOrder,
        header: usize,
        format: CacheFormat,
    ) -> Result<LdCache<'a>, CacheError> {
        let header_flags = data[header + NEW_FLAGS_OFFSET];
        check_endian(header_flags, order)?;
        let nlibs = read_u32(data, header + 20, order).unwrap_or(0);
        let extension_offset = read_u32(data, header + 32, order).unwrap_or(0);
        Ok(LdCache {
            data,
            order,
            format,
            table: header + NEW_HEADER_SIZE,
            nlibs,
            entry_size: NEW_ENTRY_SIZE,
            strtab_base: header,
            // search_cache is passed `cachesize` for the new format, even when
            // the table starts inside a compat file.
            strtab_limit: data.len() as u64,
            header_flags,
            extension_offset,
            extensions: load_extensions(data, extension_offset, order),
        })
    }

    /// Which table is in use.
    pub fn format(&self) -> CacheFormat {
        self.format
    }

    /// Byte order the file was read with.
    pub fn byte_order(&self) -> ByteOrder {
        self.order
    }

    /// Number of entries (`nlibs` of the table in use).
    pub fn len(&self) -> u32 {
        self.nlibs
    }

    /// True when the table has no entries.
    pub fn is_empty(&self) -> bool {
        self.nlibs == 0
    }

    /// The new header's `flags` byte (endianness marking), 0 for the old format.
    pub fn header_flags(&self) -> u8 {
        self.header_flags
    }

    /// The new header's `extension_offset` (a file offset; 0 = none, and
    /// always 0 for the old format).
    pub fn extension_offset(&self) -> u32 {
        self.extension_offset
    }

    /// Why the extension directory is unusable, if it is. The loader then
    /// treats every glibc-hwcaps entry as inactive; `ldconfig -p` fails.
    pub fn extension_error(&self) -> Option<&CacheError> {
        self.extensions.as_ref().err()
    }

    /// The generator string (extension tag 0), e.g.
    /// `ldconfig (Debian GLIBC 2.36-9+deb12u14) stable release version 2.36`.
    pub fn generator(&self) -> Option<&'a [u8]> {
        self.extensions.as_ref().ok().and_then(|e| e.generator)
    }

    /// Names of the glibc-hwcaps subdirectories in the extension array, in
    /// array order (ldconfig sorts them by `strcmp`); `None` for an index whose
    /// string offset is outside the file.
    pub fn hwcaps_subdirs(&self) -> Vec<Option<&'a [u8]>> {
        let Some(array) = self.extensions.as_ref().ok().and_then(|e| e.hwcaps) else {
            return Vec::new();
        };
        array
            .chunks_exact(4)
            .map(|c| {
                let raw: [u8; 4] = [c[0], c[1], c[2], c[3]];
                let off = match self.order {
                    ByteOrder::Little => u32::from_le_bytes(raw),
                    ByteOrder::Big => u32::from_be_bytes(raw),
                };
                self.hwcaps_name(off)
            })
            .collect()
    }

    /// A glibc-hwcaps name by its string offset. Both the loader
    /// (`glibc_hwcaps_compare`) and ldconfig (`glibc_hwcaps_string`) add it to
    /// the start of the *file*, not of the new header: in a compat file that
    /// is not where ldconfig put the string.
    fn hwcaps_name(&self, offset: u32) -> Option<&'a [u8]> {
        if u64::from(offset) >= self.data.len() as u64 {
            return None;
        }
        c_str_at(self.data, offset as usize)
    }

    /// `glibc_hwcaps_string` (elf/cache.c): the subdirectory name of a
    /// glibc-hwcaps entry, or `None` (not such an entry, no usable extension,
    /// index or string offset out of range).
    pub fn hwcaps_subdir(&self, entry: &CacheEntry<'_>) -> Option<&'a [u8]> {
        if !entry.is_glibc_hwcaps() {
            return None;
        }
        let array = self.extensions.as_ref().ok().and_then(|e| e.hwcaps)?;
        let index = entry.hwcaps_index() as usize;
        if index >= array.len() / 4 {
            return None;
        }
        let off = read_u32(array, index * 4, self.order)?;
        self.hwcaps_name(off)
    }

    /// The loader's `_dl_cache_verify_ptr` plus a real bounds check.
    fn string(&self, offset: u32) -> Option<&'a [u8]> {
        if u64::from(offset) >= self.strtab_limit {
            return None;
        }
        c_str_at(self.data, self.strtab_base.checked_add(offset as usize)?)
    }

    fn raw_key(&self, index: u32) -> u32 {
        let at = self.table + index as usize * self.entry_size;
        read_u32(self.data, at + 4, self.order).unwrap_or(u32::MAX)
    }

    /// Entry `index` (must be < `nlibs`, which was checked to fit in the file).
    fn entry(&self, index: u32) -> CacheEntry<'a> {
        let at = self.table + index as usize * self.entry_size;
        let u32_at = |k: usize| read_u32(self.data, at + k, self.order).unwrap_or(0);
        let (osversion, hwcap) = if self.entry_size == NEW_ENTRY_SIZE {
            (
                u32_at(12),
                read_u64(self.data, at + 16, self.order).unwrap_or(0),
            )
        } else {
            (0, 0)
        };
        let (key_offset, value_offset) = (u32_at(4), u32_at(8));
        CacheEntry {
            index,
            flags: u32_at(0) as i32,
            key_offset,
            value_offset,
            key: self.string(key_offset),
            value: self.string(value_offset),
            osversion,
            hwcap,
        }
    }

    /// All entries of the table in use, in file order.
    pub fn entries(&self) -> impl Iterator<Item = CacheEntry<'a>> + '_ {
        (0..self.nlibs).map(move |i| self.entry(i))
    }

    /// `glibc_hwcaps_priorities_init` + `glibc_hwcaps_priority`: the
    /// priority (0 = unusable, lower = better) of each extension-array slot.
    /// glibc merges the cache's array (assumed sorted) with its own sorted
    /// list of active names; the merge is reproduced, so an unsorted array
    /// gives the loader's (odd) result too.
    fn hwcaps_priorities(&self, priority: &dyn Fn(&[u8]) -> Option<u32>) -> Vec<u32> {
        let names = self.hwcaps_subdirs();
        // The loader's list of active names, restricted to names present in
        // the cache (other names only ever get skipped by the merge).
        let mut active: Vec<(&[u8], u32)> = names
            .iter()
            .flatten()
            .filter_map(|&n| priority(n).map(|p| (n, p.saturating_add(1))))
            .collect();
        active.sort_unstable();
        active.dedup_by(|a, b| a.0 == b.0);
        let mut result = Vec::with_capacity(names.len());
        let (mut left, mut right) = (0, 0);
        while left < names.len() && right < active.len() {
            match names[left] {
                // glibc writes 0 here but does not advance (an endless loop);
                // advancing is the only sane emulation.
                None => {
                    result.push(0);
                    left += 1;
                }
                Some(name) => match name.cmp(active[right].0) {
                    Ordering::Equal => {
                        result.push(active[right].1);
                        left += 1;
                        right += 1;
                    }
                    Ordering::Less => {
                        result.push(0);
                        left += 1;
                    }
                    Ordering::Greater => right += 1,
                },
            }
        }
        result.resize(names.len(), 0);
        result
    }

    /// `search_cache` (elf/dl-cache.c, glibc >= 2.37) for one name.
    ///
    /// * binary search (descending [`libcmp_with`] order), then a scan of the
    ///   run of keys equal to `name` starting at its first member;
    /// * entries whose flags `abi` does not accept, or whose value offset is
    ///   bad, are skipped;
    /// * new format: a glibc-hwcaps entry is skipped if `isa_level_ok(level)`
    ///   is false or `hwcaps_priority(subdir)` is `None`; the best (lowest)
    ///   priority seen so far is kept and the scan goes on; the first ordinary
    ///   entry after a result ends the scan; ordinary entries with legacy
    ///   hwcap bits are skipped;
    /// * an accepted ordinary entry becomes the result; with flags equal to
    ///   `abi.default_id` the scan stops (old format: a match with the other
    ///   accepted flags stays provisional).
    ///
    /// `hwcaps_priority` receives the subdirectory name (`x86-64-v3`);
    /// `isa_level_ok` receives [`CacheEntry::isa_level`] (x86 checks it against
    /// the CPU, `dl_cache_hwcap_isa_level_compatible`; other architectures
    /// ignore it). Returns the value string (a path) without its NUL.
    pub fn lookup(
        &self,
        name: &[u8],
        abi: CacheAbi,
        hwcaps_priority: &dyn Fn(&[u8]) -> Option<u32>,
        isa_level_ok: &dyn Fn(u32) -> bool,
    ) -> Option<&'a [u8]> {
        let name = name.split(|&b| b == 0).next().unwrap_or(name);
        let cmp = |index: i64| -> Option<Ordering> {
            // `index` is in 0..nlibs here.
            let key = self.string(self.raw_key(index as u32))?;
            Some(libcmp_with(name, key, abi.signed_char))
        };
        let new_entries = self.entry_size == NEW_ENTRY_SIZE;
        let mut priorities: Option<Vec<u32>> = None;
        let mut left: i64 = 0;
        let mut right: i64 = i64::from(self.nlibs) - 1;
        let mut best: Option<&'a [u8]> = None;
        let mut best_priority = 0u32;
        while left <= right {
            let mut middle = (left + right) / 2;
            let cmpres = cmp(middle)?;
            if cmpres == Ordering::Equal {
                left = middle;
                while middle > 0 && cmp(middle - 1) == Some(Ordering::Equal) {
                    middle -= 1;
                }
                loop {
                    if middle > left && cmp(middle) != Some(Ordering::Equal) {
                        break;
                    }
                    let lib = self.entry(middle as u32);
                    if let (true, Some(value)) = (abi.accepts(lib.flags), lib.value) {
                        let named = new_entries && lib.is_glibc_hwcaps();
                        let mut take = true;
                        if new_entries {
                            if named && !isa_level_ok(lib.isa_level()) {
                                take = false;
                            } else if !named && best.is_some() {
                                break;
                            } else if !named && lib.hwcap != 0 {
                                take = false;
                            } else if named {
                                let prios = priorities
                                    .get_or_insert_with(|| self.hwcaps_priorities(hwcaps_priority));
                                let p =
                                    prios.get(lib.hwcaps_index() as usize).copied().unwrap_or(0);
                                if p == 0 || (best.is_some() && p >= best_priority) {
                                    take = false;
                                } else {
                                    best_priority = p;
                                }
                            }
                        }
                        if take {
                            best = Some(value);
                            if !named && lib.flags == abi.default_id {
                                break;
                            }
                        }
                    }
                    middle += 1;
                    if middle > right {
                        break;
                    }
                }
                break;
            }
            if cmpres == Ordering::Less {
                left = middle + 1;
            } else {
                right = middle - 1;
            }
        }
        best
    }

    /// [`LdCache::lookup`] with no glibc-hwcaps subdirectory active (what a
    /// baseline CPU, or a static tool without a `--hwcaps` choice, gets).
    pub fn lookup_baseline(&self, name: &[u8], abi: CacheAbi) -> Option<&'a [u8]> {
        self.lookup(name, abi, &|_| None, &|_| true)
    }
}

/// What one `ldconfig -p` line shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrintedEntry<'x> {
    pub key: &'x [u8],
    pub flags: i32,
    pub hwcap: u64,
    /// The glibc-hwcaps subdirectory name, printed instead of `hwcap`.
    pub hwcap_string: Option<&'x [u8]>,
    pub osversion: u32,
    pub value: &'x [u8],
}

/// `print_entry` (elf/cache.c) of the ldconfig from glibc 2.`glibc_minor`
/// (2.33 and later; 2.32 and earlier printed no hwcap names): one
/// `ldconfig -p` line, `\t<key> (<type><abi>[, hwcap: ...][, OS ABI: ...]) => <value>\n`.
///
/// Differences by version: <= 2.36 names types `libc4`/`ELF`/`libc5`/`libc6`
/// and prints `unknown` otherwise, >= 2.37 only names `libc6` and prints
/// `unknown or unsupported flag`; `,IA-64` until 2.38; the LoongArch ABI
/// names since 2.38; `, OS ABI: ...` for a nonzero `osversion` until 2.35.
pub fn print_entry(out: &mut Vec<u8>, entry: &PrintedEntry<'_>, glibc_minor: u32) {
    let PrintedEntry {
        key,
        flags,
        hwcap,
        hwcap_string,
        osversion,
        value,
    } = *entry;
    out.push(b'\t');
    out.extend_from_slice(key);
    out.extend_from_slice(b" (");
    let ty = flags & FLAG_TYPE_MASK;
    let type_name: &[u8] = if glibc_minor >= 37 {
        if ty == FLAG_ELF_LIBC6 {
            b"libc6"
        } else {
            b"unknown or unsupported flag"
        }
    } else {
        match ty {
            FLAG_LIBC4 => b"libc4",
            FLAG_ELF => b"ELF",
            FLAG_ELF_LIBC5 => b"libc5",
            FLAG_ELF_LIBC6 => b"libc6",
            _ => b"unknown",
        }
    };
    out.extend_from_slice(type_name);
    let required = flags & FLAG_REQUIRED_MASK;
    let abi: Option<&[u8]> = match required {
        0 => Some(b""),
        FLAG_SPARC_LIB64 | FLAG_S390_LIB64 | FLAG_POWERPC_LIB64 | FLAG_MIPS64_LIBN64 => {
            Some(b",64bit")
        }
        FLAG_IA64_LIB64 if glibc_minor <= 38 => Some(b",IA-64"),
        FLAG_X8664_LIB64 => Some(b",x86-64"),
        FLAG_MIPS64_LIBN32 => Some(b",N32"),
        FLAG_X8664_LIBX32 => Some(b",x32"),
        FLAG_ARM_LIBHF => Some(b",hard-float"),
        FLAG_AARCH64_LIB64 => Some(b",AArch64"),
        FLAG_ARM_LIBSF | FLAG_RISCV_FLOAT_ABI_SOFT => Some(b",soft-float"),
        FLAG_MIPS_LIB32_NAN2008 => Some(b",nan2008"),
        FLAG_MIPS64_LIBN32_NAN2008 => Some(b",N32,nan2008"),
        FLAG_MIPS64_LIBN64_NAN2008 => Some(b",64bit,nan2008"),
        FLAG_RISCV_FLOAT_ABI_DOUBLE => Some(b",double-float"),
        FLAG_LARCH_FLOAT_ABI_SOFT if glibc_minor >= 38 => Some(b",soft-float"),
        FLAG_LARCH_FLOAT_ABI_DOUBLE if glibc_minor >= 38 => Some(b",double-float"),
        _ => None,
    };
    match abi {
        Some(s) => out.extend_from_slice(s),
        None => out.extend_from_slice(format!(",{required}").as_bytes()),
    }
    if let Some(h) = hwcap_string {
        out.extend_from_slice(b", hwcap: \"");
        out.extend_from_slice(h);
        out.push(b'"');
    } else if hwcap != 0 {
        // printf ("%#.16" PRIx64): "0x" and at least 16 digits.
        out.extend_from_slice(format!(", hwcap: {hwcap:#018x}").as_bytes());
    }
    if glibc_minor <= 35 && osversion != 0 {
        const ABI_TAG_OS: [&str; 7] = [
            "Linux",
            "Hurd",
            "Solaris",
            "FreeBSD",
            "kNetBSD",
            "Syllable",
            "Unknown OS",
        ];
        let os = (osversion >> 24) as usize;
        out.extend_from_slice(
            format!(
                ", OS ABI: {} {}.{}.{}",
                ABI_TAG_OS[os.min(ABI_TAG_OS.len() - 1)],
                (osversion >> 16) & 0xff,
                (osversion >> 8) & 0xff,
                osversion & 0xff
            )
            .as_bytes(),
        );
    }
    out.extend_from_slice(b") => ");
    out.extend_from_slice(value);
    out.push(b'\n');
}

/// `ldconfig -p` (`print_cache`, elf/cache.c) of glibc 2.`glibc_minor`
/// (>= 2.33) run on a machine of byte order `order`, for a cache file named
/// `cache_name`: the header `N libs found in cache `NAME'`, one line per entry
/// of the new table (or of the old one when there is none), then
/// `Cache generated by: ...` when the file has a generator string.
///
/// Format detection is `print_cache`'s, not the loader's: any file not
/// starting with the old magic must be a new-format file (no entry-count
/// check; we check it anyway), an embedded new table needs strictly more than
/// its header's room, and wrong endianness or a broken extension directory
/// are errors rather than "no cache". An empty file prints nothing.
pub fn ldconfig_print(
    data: &[u8],
    cache_name: &[u8],
    order: ByteOrder,
    glibc_minor: u32,
) -> Result<Vec<u8>, CacheError> {
    let len = data.len();
    let mut out = Vec::new();
    if len == 0 {
        return Ok(out);
    }
    if len < OLD_HEADER_SIZE {
        return Err(CacheError::TooShort { len });
    }
    let header_line = |out: &mut Vec<u8>, nlibs: u32| {
        out.extend_from_slice(format!("{} libs found in cache `", nlibs as i32).as_bytes());
        out.extend_from_slice(cache_name);
        out.extend_from_slice(b"'\n");
    };
    let new_header = if !data.starts_with(CACHEMAGIC) {
        if !data.starts_with(CACHEMAGIC_VERSION_NEW) {
            return Err(CacheError::BadMagic);
        }
        if len < NEW_HEADER_SIZE {
            return Err(CacheError::TooShort { len });
        }
        check_endian(data[NEW_FLAGS_OFFSET], order)?;
        0
    } else {
        let nlibs = read_u32(data, 12, order).unwrap_or(0);
        if !fits(len, OLD_HEADER_SIZE, OLD_ENTRY_SIZE, nlibs) {
            return Err(CacheError::TooManyEntries {
                format: "old-format",
                offset: OLD_HEADER_SIZE,
                nlibs,
                file_size: len,
            });
        }
        let old_end = OLD_HEADER_SIZE + OLD_ENTRY_SIZE * nlibs as usize;
        let embedded = align_cache(old_end).filter(|&offset| {
            offset
                .checked_add(NEW_HEADER_SIZE)
                .is_some_and(|end| len > end)
                && data[offset..].starts_with(CACHEMAGIC_VERSION_NEW)
        });
        match embedded {
            Some(offset) => {
                check_endian(data[offset + NEW_FLAGS_OFFSET], order)?;
                offset
            }
            None => {
                header_line(&mut out, nlibs);
                for i in 0..nlibs {
                    let at = OLD_HEADER_SIZE + OLD_ENTRY_SIZE * i as usize;
                    let field = |k| read_u32(data, at + k, order).unwrap_or(0);
                    let string = |off: u32| {
                        old_end
                            .checked_add(off as usize)
                            .and_then(|p| c_str_at(data, p))
                            .ok_or(CacheError::StringOutOfBounds {
                                entry: i,
                                offset: off,
                            })
                    };
                    let (key, value) = (string(field(4))?, string(field(8))?);
                    let line = PrintedEntry {
                        key,
                        flags: field(0) as i32,
                        hwcap: 0,
                        hwcap_string: None,
                        osversion: 0,
                        value,
                    };
                    print_entry(&mut out, &line, glibc_minor);
                }
                return Ok(out);
            }
        }
    };
    let nlibs = read_u32(data, new_header + 20, order).unwrap_or(0);
    let ext_offset = read_u32(data, new_header + 32, order).unwrap_or(0);
    let ext = if glibc_minor >= 33 {
        load_extensions(data, ext_offset, order)?
    } else {
        Extensions::default()
    };
    if !fits(len, new_header + NEW_HEADER_SIZE, NEW_ENTRY_SIZE, nlibs) {
        return Err(CacheError::TooManyEntries {
            format: "new-format",
            offset: new_header + NEW_HEADER_SIZE,
            nlibs,
            file_size: len,
        });
    }
    header_line(&mut out, nlibs);
    // Reuse the entry decoder and glibc_hwcaps_string of the parsed view.
    let view = LdCache {
        data,
        order,
        format: if new_header == 0 {
            CacheFormat::New
        } else {
            CacheFormat::Compat
        },
        table: new_header + NEW_HEADER_SIZE,
        nlibs,
        entry_size: NEW_ENTRY_SIZE,
        strtab_base: new_header,
        strtab_limit: len as u64,
        header_flags: data[new_header + NEW_FLAGS_OFFSET],
        extension_offset: ext_offset,
        extensions: Ok(ext),
    };
    for e in view.entries() {
        let key = e.key.ok_or(CacheError::StringOutOfBounds {
            entry: e.index,
            offset: e.key_offset,
        })?;
        let value = e.value.ok_or(CacheError::StringOutOfBounds {
            entry: e.index,
            offset: e.value_offset,
        })?;
        let hwcap_string = if glibc_minor >= 33 {
            view.hwcaps_subdir(&e)
        } else {
            None
        };
        let line = PrintedEntry {
            key,
            flags: e.flags,
            hwcap: e.hwcap,
            hwcap_string,
            osversion: e.osversion,
            value,
        };
        print_entry(&mut out, &line, glibc_minor);
    }
    if let Some(generator) = ext.generator {
        out.extend_from_slice(b"Cache generated by: ");
        out.extend_from_slice(generator);
        out.push(b'\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const X86_64: CacheAbi = CacheAbi {
        default_id: 0x303,
        also_accepted: None,
        signed_char: true,
    };
    const I386: CacheAbi = CacheAbi {
        default_id: 3,
        also_accepted: Some(1),
        signed_char: true,
    };

    /// One library for [`build`]: key, value, flags, glibc-hwcaps subdir.
    #[derive(Clone)]
    struct Lib {
        key: &'static str,
        value: &'static str,
        flags: i32,
        hwcaps: Option<&'static str>,
        isa_level: u32,
    }

    fn lib(key: &'static str, value: &'static str) -> Lib {
        Lib {
            key,
            value,
            flags: 0x303,
            hwcaps: None,
            isa_level: 0,
        }
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Fmt {
        Old,
        New,
        Compat,
    }

    /// A cache laid out the way `save_cache` (elf/cache.c, glibc 2.37+) writes
    /// it, for entries already in cache order. Strings are not shared.
    fn build(libs: &[Lib], fmt: Fmt, order: ByteOrder, generator: &str) -> Vec<u8> {
        let u32b = |v: u32| match order {
            ByteOrder::Little => v.to_le_bytes(),
            ByteOrder::Big => v.to_be_bytes(),
        };
        let u64b = |v: u64| match order {
            ByteOrder::Little => v.to_le_bytes(),
            ByteOrder::Big => v.to_be_bytes(),
        };
        // String table: hwcaps names, then key/value per entry.
        let mut strings: Vec<u8> = Vec::new();
        let add = |s: &str, strings: &mut Vec<u8>| {
            let off = strings.len() as u32;
            strings.extend_from_slice(s.as_bytes());
            strings.push(0);
            off
        };
        let mut subdirs: Vec<&str> = libs.iter().filter_map(|l| l.hwcaps).collect();
        subdirs.sort_unstable();
        subdirs.dedup();
        let sub_offs: Vec<u32> = subdirs.iter().map(|s| add(s, &mut strings)).collect();
        let kv: Vec<(u32, u32)> = libs
            .iter()
            .map(|l| (add(l.key, &mut strings), add(l.value, &mut strings)))
            .collect();
        let n = libs.len();
        let old_count = if fmt == Fmt::Compat { (n + 1) & !1 } else { n };
        let new_size = NEW_HEADER_SIZE + NEW_ENTRY_SIZE * n;
        let str_offset = if fmt == Fmt::Old { 0 } else { new_size as u32 };
        let mut out = Vec::new();
        if fmt != Fmt::New {
            out.extend_from_slice(CACHEMAGIC);
            out.push(0);
            out.extend_from_slice(&u32b(old_count as u32));
            for i in 0..old_count {
                let j = i.min(n - 1);
                out.extend_from_slice(&u32b(libs[j].flags as u32));
                out.extend_from_slice(&u32b(str_offset + kv[j].0));
                out.extend_from_slice(&u32b(str_offset + kv[j].1));
            }
        }
        let new_start = out.len();
        if fmt != Fmt::Old {
            assert_eq!(new_start % 8, 0);
            let ext_offset = (new_start + new_size + strings.len() + 3) & !3;
            out.extend_from_slice(CACHEMAGIC_VERSION_NEW);
            out.extend_from_slice(&u32b(n as u32));
            out.extend_from_slice(&u32b(strings.len() as u32));
            out.push(order.endian_flag());
            out.extend_from_slice(&[0; 3]);
            out.extend_from_slice(&u32b(ext_offset as u32));
            out.extend_from_slice(&[0; 12]);
            for (l, (k, v)) in libs.iter().zip(&kv) {
                out.extend_from_slice(&u32b(l.flags as u32));
                out.extend_from_slice(&u32b(str_offset + k));
                out.extend_from_slice(&u32b(str_offset + v));
                out.extend_from_slice(&u32b(0));
                let hwcap = match l.hwcaps {
                    None => 0,
                    Some(s) => {
                        let idx = subdirs.iter().position(|d| *d == s).unwrap() as u64;
                        DL_CACHE_HWCAP_EXTENSION | (u64::from(l.isa_level) << 32) | idx
                    }
                };
                out.extend_from_slice(&u64b(hwcap));
            }
        }
        out.extend_from_slice(&strings);
        if fmt != Fmt::Old {
            while out.len() % 4 != 0 {
                out.push(0);
            }
            let ext_offset = out.len();
            let nsec = if subdirs.is_empty() { 1 } else { 2 };
            let hw_offset = ext_offset + 8 + 16 * nsec;
            let gen_offset = hw_offset + 4 * subdirs.len();
            out.extend_from_slice(&u32b(CACHE_EXTENSION_MAGIC));
            out.extend_from_slice(&u32b(nsec as u32));
            for v in [0, 0, gen_offset as u32, generator.len() as u32] {
                out.extend_from_slice(&u32b(v));
            }
            if !subdirs.is_empty() {
                for v in [1, 0, hw_offset as u32, 4 * subdirs.len() as u32] {
                    out.extend_from_slice(&u32b(v));
                }
            }
            for o in &sub_offs {
                out.extend_from_slice(&u32b(str_offset + o));
            }
            out.extend_from_slice(generator.as_bytes());
        }
        out
    }

    fn sample() -> Vec<Lib> {
        vec![
            lib("libz.so.1", "/lib/libz.so.1"),
            Lib {
                hwcaps: Some("x86-64-v3"),
                isa_level: 2,
                ..lib("libm.so.6", "/lib/glibc-hwcaps/x86-64-v3/libm.so.6")
            },
            Lib {
                hwcaps: Some("x86-64-v2"),
                isa_level: 1,
                ..lib("libm.so.6", "/lib/glibc-hwcaps/x86-64-v2/libm.so.6")
            },
            lib("libm.so.6", "/lib/libm.so.6"),
            lib("libm.so.6", "/usr/lib/libm.so.6"),
            Lib {
                flags: 0x803,
                ..lib("libc.so.6", "/libx32/libc.so.6")
            },
            lib("libc.so.6", "/lib/libc.so.6"),
        ]
    }

    fn v3_priority(name: &[u8]) -> Option<u32> {
        match name {
            b"x86-64-v4" => Some(0),
            b"x86-64-v3" => Some(1),
            b"x86-64-v2" => Some(2),
            _ => None,
        }
    }

    #[test]
    fn libcmp_numeric_runs() {
        use Ordering::*;
        assert_eq!(libcmp(b"libfoo.so.01", b"libfoo.so.1"), Equal);
        assert_eq!(libcmp(b"libfoo.so.10", b"libfoo.so.9"), Greater);
        assert_eq!(libcmp(b"libz.so.1", b"libz.so"), Greater);
        assert_eq!(libcmp(b"libz.so", b"libz.so.1"), Less);
        assert_eq!(libcmp(b"lib1", b"liba"), Greater); // digit side greater
        assert_eq!(libcmp(b"liba", b"lib1"), Less);
        assert_eq!(libcmp(b"libz3.so.4", b"libzstd.so.1"), Greater);
        assert_eq!(libcmp(b"a", b"a\0b"), Equal);
        // Bytes >= 0x80: signed on x86, unsigned elsewhere.
        assert_eq!(libcmp_with(b"\xe9", b"a", true), Less);
        assert_eq!(libcmp_with(b"\xe9", b"a", false), Greater);
        // Huge digit runs wrap instead of panicking.
        let _ = libcmp(b"99999999999999999999", b"1");
    }

    #[test]
    fn new_format_entries_and_extensions() {
        let data = build(&sample(), Fmt::New, ByteOrder::Little, "ldconfig test");
        let c = LdCache::parse(&data, ByteOrder::Little).unwrap();
        assert_eq!(c.format(), CacheFormat::New);
        assert_eq!(c.len(), 7);
        assert_eq!(c.generator(), Some(&b"ldconfig test"[..]));
        assert_eq!(
            c.hwcaps_subdirs(),
            vec![Some(&b"x86-64-v2"[..]), Some(&b"x86-64-v3"[..])]
        );
        let e: Vec<_> = c.entries().collect();
        assert_eq!(e[0].key, Some(&b"libz.so.1"[..]));
        assert_eq!(e[0].value, Some(&b"/lib/libz.so.1"[..]));
        assert!(e[1].is_glibc_hwcaps());
        assert_eq!(e[1].isa_level(), 2);
        assert_eq!(c.hwcaps_subdir(&e[1]), Some(&b"x86-64-v3"[..]));
        assert_eq!(c.hwcaps_subdir(&e[3]), None);
    }

    #[test]
    fn lookup_rules() {
        let data = build(&sample(), Fmt::New, ByteOrder::Little, "g");
        let c = LdCache::parse(&data, ByteOrder::Little).unwrap();
        // Baseline: hwcaps entries inactive, first ordinary accepted entry.
        assert_eq!(
            c.lookup_baseline(b"libm.so.6", X86_64),
            Some(&b"/lib/libm.so.6"[..])
        );
        // x32 entry skipped by flags.
        assert_eq!(
            c.lookup_baseline(b"libc.so.6", X86_64),
            Some(&b"/lib/libc.so.6"[..])
        );
        // libcmp-equal spelling finds the same run.
        assert_eq!(
            c.lookup_baseline(b"libc.so.06", X86_64),
            Some(&b"/lib/libc.so.6"[..])
        );
        assert_eq!(c.lookup_baseline(b"libnone.so", X86_64), None);
        // v3 active: best priority wins.
        let all_isa = |_: u32| true;
        assert_eq!(
            c.lookup(b"libm.so.6", X86_64, &v3_priority, &all_isa),
            Some(&b"/lib/glibc-hwcaps/x86-64-v3/libm.so.6"[..])
        );
        // CPU without v3 (ISA level 2 unsupported): v2 copy.
        assert_eq!(
            c.lookup(b"libm.so.6", X86_64, &v3_priority, &|l| l < 2),
            Some(&b"/lib/glibc-hwcaps/x86-64-v2/libm.so.6"[..])
        );
        // Only v2 active.
        let v2 = |n: &[u8]| (n == b"x86-64-v2").then_some(7);
        assert_eq!(
            c.lookup(b"libm.so.6", X86_64, &v2, &all_isa),
            Some(&b"/lib/glibc-hwcaps/x86-64-v2/libm.so.6"[..])
        );
    }

    #[test]
    fn compat_and_old_formats() {
        let libs = sample();
        let compat = build(&libs, Fmt::Compat, ByteOrder::Little, "g");
        let c = LdCache::parse(&compat, ByteOrder::Little).unwrap();
        assert_eq!(c.format(), CacheFormat::Compat);
        assert_eq!(c.len(), 7);
        assert_eq!(
            c.lookup_baseline(b"libm.so.6", X86_64),
            Some(&b"/lib/libm.so.6"[..])
        );
        // glibc reads hwcaps names relative to the file start: in a compat file
        // they do not land on ldconfig's strings.
        assert_ne!(
            c.hwcaps_subdirs().first().copied().flatten(),
            Some(&b"x86-64-v2"[..])
        );

        let old = build(&libs, Fmt::Old, ByteOrder::Little, "");
        let c = LdCache::parse(&old, ByteOrder::Little).unwrap();
        assert_eq!(c.format(), CacheFormat::Old);
        assert_eq!(c.generator(), None);
        let e: Vec<_> = c.entries().collect();
        assert_eq!(e[6].value, Some(&b"/lib/libc.so.6"[..]));
        assert_eq!(e[1].hwcap, 0);
        // Old format knows no hwcaps: the first accepted entry in the run wins,
        // which here is the v3 copy.
        assert_eq!(
            c.lookup_baseline(b"libm.so.6", X86_64),
            Some(&b"/lib/glibc-hwcaps/x86-64-v3/libm.so.6"[..])
        );
    }

    #[test]
    fn old_format_provisional_match() {
        // i386: flags 1 accepted but provisional; a later flags-3 entry wins in
        // the old format, the first accepted one in the new format.
        let libs = vec![
            Lib {
                flags: 1,
                ..lib("libx.so.1", "/a/libx.so.1")
            },
            Lib {
                flags: 3,
                ..lib("libx.so.1", "/b/libx.so.1")
            },
        ];
        let old = build(&libs, Fmt::Old, ByteOrder::Little, "");
        let c = LdCache::parse(&old, ByteOrder::Little).unwrap();
        assert_eq!(
            c.lookup_baseline(b"libx.so.1", I386),
            Some(&b"/b/libx.so.1"[..])
        );
        let new = build(&libs, Fmt::New, ByteOrder::Little, "");
        let c = LdCache::parse(&new, ByteOrder::Little).unwrap();
        assert_eq!(
            c.lookup_baseline(b"libx.so.1", I386),
            Some(&b"/a/libx.so.1"[..])
        );
    }

    #[test]
    fn byte_order_flags() {
        let be = build(&sample(), Fmt::New, ByteOrder::Big, "g");
        let c = LdCache::parse(&be, ByteOrder::Big).unwrap();
        assert_eq!(
            c.lookup_baseline(b"libz.so.1", X86_64),
            Some(&b"/lib/libz.so.1"[..])
        );
        assert_eq!(
            LdCache::parse(&be, ByteOrder::Little).unwrap_err(),
            CacheError::WrongByteOrder {
                flags: 3,
                loader: ByteOrder::Little
            }
        );
        let mut bad = build(&sample(), Fmt::New, ByteOrder::Little, "g");
        bad[NEW_FLAGS_OFFSET] = 1;
        assert_eq!(
            LdCache::parse(&bad, ByteOrder::Little).unwrap_err(),
            CacheError::FlaggedInvalid { flags: 1 }
        );
        // Unset (0) is accepted and upper bits are ignored, but a nonzero
        // byte with unset endianness bits is rejected, as in glibc.
        bad[NEW_FLAGS_OFFSET] = 0;
        assert!(LdCache::parse(&bad, ByteOrder::Little).is_ok());
        bad[NEW_FLAGS_OFFSET] = 6;
        assert!(LdCache::parse(&bad, ByteOrder::Little).is_ok());
        bad[NEW_FLAGS_OFFSET] = 4;
        assert!(LdCache::parse(&bad, ByteOrder::Little).is_err());
        // A compat file whose new part has the wrong order is ignored entirely.
        let compat = build(&sample(), Fmt::Compat, ByteOrder::Big, "g");
        assert!(LdCache::parse(&compat, ByteOrder::Little).is_err());
    }

    #[test]
    fn ldconfig_print_format() {
        let data = build(&sample(), Fmt::New, ByteOrder::Little, "ldconfig X");
        let out = ldconfig_print(&data, b"/etc/ld.so.cache", ByteOrder::Little, 36).unwrap();
        let text = String::from_utf8(out).unwrap();
        let expected = "7 libs found in cache `/etc/ld.so.cache'\n\
            \tlibz.so.1 (libc6,x86-64) => /lib/libz.so.1\n\
            \tlibm.so.6 (libc6,x86-64, hwcap: \"x86-64-v3\") => /lib/glibc-hwcaps/x86-64-v3/libm.so.6\n\
            \tlibm.so.6 (libc6,x86-64, hwcap: \"x86-64-v2\") => /lib/glibc-hwcaps/x86-64-v2/libm.so.6\n\
            \tlibm.so.6 (libc6,x86-64) => /lib/libm.so.6\n\
            \tlibm.so.6 (libc6,x86-64) => /usr/lib/libm.so.6\n\
            \tlibc.so.6 (libc6,x32) => /libx32/libc.so.6\n\
            \tlibc.so.6 (libc6,x86-64) => /lib/libc.so.6\n\
            Cache generated by: ldconfig X\n";
        assert_eq!(text, expected);
        assert_eq!(
            ldconfig_print(&[], b"x", ByteOrder::Little, 36).unwrap(),
            b""
        );
    }

    #[test]
    fn print_entry_dialects() {
        let line = |flags, hwcap, os, minor| {
            let mut v = Vec::new();
            let e = PrintedEntry {
                key: b"k",
                flags,
                hwcap,
                hwcap_string: None,
                osversion: os,
                value: b"v",
            };
            print_entry(&mut v, &e, minor);
            String::from_utf8(v).unwrap()
        };
        assert_eq!(line(1, 0, 0, 36), "\tk (ELF) => v\n");
        assert_eq!(
            line(1, 0, 0, 37),
            "\tk (unknown or unsupported flag) => v\n"
        );
        assert_eq!(line(0x1203, 0, 0, 37), "\tk (libc6,4608) => v\n");
        assert_eq!(line(0x1203, 0, 0, 38), "\tk (libc6,double-float) => v\n");
        assert_eq!(line(0x203, 0, 0, 38), "\tk (libc6,IA-64) => v\n");
        assert_eq!(line(0x203, 0, 0, 39), "\tk (libc6,512) => v\n");
        assert_eq!(
            line(3, 0x10, 0, 40),
            "\tk (libc6, hwcap: 0x0000000000000010) => v\n"
        );
        assert_eq!(
            line(3, 0, 0x0003_0200, 35),
            "\tk (libc6, OS ABI: Linux 3.2.0) => v\n"
        );
        assert_eq!(line(3, 0, 0x0003_0200, 36), "\tk (libc6) => v\n");
    }

    #[test]
    fn default_flags_table() {
        let f = |m, c, e| default_cache_flags(m, c, e).map(|a| (a.default_id, a.also_accepted));
        assert_eq!(f(62, true, 0), Some((0x303, None)));
        assert_eq!(f(62, false, 0), Some((0x803, None)));
        assert_eq!(f(3, false, 0), Some((3, Some(1))));
        assert_eq!(f(183, true, 0), Some((0xa03, None)));
        assert_eq!(f(40, false, 0x0500_0400), Some((3, Some(0x903))));
        assert_eq!(f(40, false, 0x0500_0200), Some((3, Some(0xb03))));
        assert_eq!(f(21, true, 2), Some((0x503, None)));
        assert_eq!(f(22, true, 0), Some((0x403, None)));
        assert_eq!(f(243, true, 0x5), Some((0x1003, None)));
        assert_eq!(f(243, true, 0x0), Some((0xf03, None)));
        assert_eq!(f(243, true, 0x2), None);
        assert_eq!(f(258, true, 0x43), Some((0x1203, None)));
        assert_eq!(f(8, true, 0x400), Some((0xe03, None)));
        assert_eq!(f(8, false, 0x20), Some((0x603, None)));
        assert_eq!(f(8, false, 0x400), Some((0xc03, None)));
        assert_eq!(f(8, false, 0), Some((3, Some(1))));
        assert_eq!(f(0x1234, true, 0), None);
    }

    #[test]
    fn unsorted_hwcaps_array_follows_glibc_merge() {
        // Array [v3, v2] (unsorted): glibc merges it with its sorted active
        // list [v2, v3]: v3 > v2 skips v2, v3 == v3 matches, and the array's
        // v2 is left over and gets 0. So only slot 0 (v3) is usable.
        let mut data = build(&sample(), Fmt::New, ByteOrder::Little, "g");
        let c = LdCache::parse(&data, ByteOrder::Little).unwrap();
        let ext = c.extension_offset as usize;
        let hw_off = u32::from_le_bytes(
            data[ext + 8 + 16 + 8..ext + 8 + 16 + 12]
                .try_into()
                .unwrap(),
        ) as usize;
        let (a, b) = (hw_off, hw_off + 4);
        let tmp: [u8; 4] = data[a..a + 4].try_into().unwrap();
        data.copy_within(b..b + 4, a);
        data[b..b + 4].copy_from_slice(&tmp);
        let c = LdCache::parse(&data, ByteOrder::Little).unwrap();
        let prio = c.hwcaps_priorities(&v3_priority);
        assert_eq!(prio, vec![2, 0]);
    }

    #[test]
    fn hostile_inputs_do_not_panic() {
        let base = build(&sample(), Fmt::Compat, ByteOrder::Little, "gen");
        let abi = X86_64;
        let mut seed: u64 = 0x1234_5678_9abc_def0;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..4000 {
            let mut d = if round % 2 == 0 {
                base.clone()
            } else {
                build(&sample(), Fmt::New, ByteOrder::Little, "gen")
            };
            for _ in 0..(1 + next() % 6) {
                let i = (next() as usize) % d.len();
                d[i] = next() as u8;
            }
            if round % 7 == 0 {
                let cut = (next() as usize) % (d.len() + 1);
                d.truncate(cut);
            }
            if let Ok(c) = LdCache::parse(&d, ByteOrder::Little) {
                for e in c.entries() {
                    let _ = c.hwcaps_subdir(&e);
                }
                let _ = c.lookup(b"libm.so.6", abi, &v3_priority, &|_| true);
                let _ = c.lookup_baseline(b"libc.so.6", abi);
            }
            let _ = ldconfig_print(&d, b"f", ByteOrder::Little, 36);
            let _ = ldconfig_print(&d, b"f", ByteOrder::Little, 42);
        }
        for n in 0..60 {
            let d = &base[..n.min(base.len())];
            let _ = LdCache::parse(d, ByteOrder::Little);
            let _ = ldconfig_print(d, b"f", ByteOrder::Little, 36);
        }
    }

    #[test]
    fn huge_counts_are_rejected() {
        let mut d = build(&sample(), Fmt::New, ByteOrder::Little, "g");
        d[20..24].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            LdCache::parse(&d, ByteOrder::Little),
            Err(CacheError::TooManyEntries { .. })
        ));
        let mut d = build(&sample(), Fmt::Old, ByteOrder::Little, "");
        d[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(LdCache::parse(&d, ByteOrder::Little).is_err());
        assert!(LdCache::parse(b"garbage that is long enough", ByteOrder::Little).is_err());
        assert_eq!(
            CacheError::TooShort { len: 3 }.to_string(),
            "file too short for an ld.so.cache header (3 bytes)"
        );
    }
}
