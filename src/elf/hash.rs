//! The dynamic symbol hash tables named by `DT_HASH`, `DT_GNU_HASH` and
//! `DT_MIPS_XHASH`, read the way GNU readelf 2.40 reads them in
//! `get_num_dynamic_syms` (binutils readelf.c): the number of dynamic
//! symbols they imply, and the buckets and chains `readelf -I` turns into
//! histograms.
//!
//! Without section headers, the hash tables are the only record of how many
//! dynamic symbols there are. This module reads the tables; it neither
//! prints histograms nor decodes symbols (see [`super::symbol`]).

use scroll::{Endian, Pread};

use super::bytes;
use super::dynamic::{offset_from_vma, Dyn};
use super::header::{EI_CLASS, ELFCLASS64, EM_MIPS, EM_S390};
use super::ElfFile;

pub const DT_HASH: u64 = 4;
pub const DT_SYMTAB: u64 = 6;
pub const DT_SYMENT: u64 = 11;
pub const DT_GNU_HASH: u64 = 0x6fff_fef5;
pub const DT_MIPS_XHASH: u64 = 0x7000_0036;

const EM_ALPHA: u16 = 41;
const EM_S390_OLD: u16 = 0xa390;
const EM_MIPS_RS3_LE: u16 = 10;

/// The hash-related dynamic tags, as readelf records them while looking for
/// the dynamic symbol table (`process_dynamic_section`): for each tag the
/// value of its last entry, 0 when absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HashTags {
    pub symtab: u64,
    pub syment: u64,
    pub hash: u64,
    /// `DT_GNU_HASH`, or on MIPS a later `DT_MIPS_XHASH` (readelf reads both
    /// the same way).
    pub gnu_hash: u64,
    /// `DT_MIPS_XHASH` (MIPS only).
    pub mips_xhash: u64,
}

impl HashTags {
    pub fn from_entries(entries: &[Dyn], e_machine: u16) -> HashTags {
        let mips = e_machine == EM_MIPS || e_machine == EM_MIPS_RS3_LE;
        let mut t = HashTags::default();
        for d in entries {
            match d.d_tag {
                DT_SYMTAB => t.symtab = d.d_val,
                DT_SYMENT => t.syment = d.d_val,
                DT_HASH => t.hash = d.d_val,
                DT_GNU_HASH => t.gnu_hash = d.d_val,
                DT_MIPS_XHASH if mips => {
                    t.mips_xhash = d.d_val;
                    t.gnu_hash = d.d_val;
                }
                _ => {}
            }
        }
        t
    }
}

/// A SysV `DT_HASH` table: `nbucket` buckets and `nchain` chain entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SysvHash {
    pub buckets: Vec<u64>,
    pub chains: Vec<u64>,
}

/// A `DT_GNU_HASH` (or MIPS `DT_MIPS_XHASH`) table. `chains` holds the hash
/// values from the first hashed symbol (`symndx`) up to the end of the
/// longest chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GnuHash {
    pub symndx: u64,
    pub buckets: Vec<u64>,
    pub chains: Vec<u64>,
    /// The MIPS translation table (`DT_MIPS_XHASH` only).
    pub mips_xlat: Option<Vec<u64>>,
}

impl GnuHash {
    /// For each chain position `i`, the first position at or after `i`
    /// holding an odd hash value (a chain's last entry), or `chains.len()`.
    /// Precomputed so that hostile tables (every bucket on one long chain)
    /// stay linear, where readelf walks each chain anew.
    fn first_odd(&self) -> Vec<usize> {
        let n = self.chains.len();
        let mut first = vec![n; n];
        let mut next = n;
        for i in (0..n).rev() {
            if self.chains[i] & 1 != 0 {
                next = i;
            }
            first[i] = next;
        }
        first
    }

    /// How many symbols readelf visits for each bucket (its `-I` chain
    /// length; 0 for an empty bucket): the bucket's symbol, then one more
    /// for every even hash value from the chain start on, stopping at the
    /// first odd one or the end of the table.
    pub fn chain_lengths(&self) -> Vec<u64> {
        let first = self.first_odd();
        self.buckets
            .iter()
            .map(|&b| {
                if b == 0 {
                    return 0;
                }
                let off = b.wrapping_sub(self.symndx);
                match first.get(off as usize) {
                    Some(&f) if off < self.chains.len() as u64 => 1 + f as u64 - off,
                    _ => 1,
                }
            })
            .collect()
    }
}

/// The hash tables readelf found and the dynamic symbol count they imply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HashTables {
    pub sysv: Option<SysvHash>,
    pub gnu: Option<GnuHash>,
    /// readelf's `num_of_syms`: `nchain` of `DT_HASH`, raised to one past
    /// the highest symbol index reachable through `DT_GNU_HASH`; 0 when
    /// neither table could be read.
    pub symbol_count: u64,
    /// The GNU table came from `DT_MIPS_XHASH` (histogram title `.MIPS.xhash`).
    pub mips_xhash: bool,
}

fn read_word(data: &[u8], offset: u64, size: u64, endian: Endian) -> Option<u64> {
    let b = bytes::slice(data, "hash table", offset, size).ok()?;
    match size {
        8 => b.pread_with::<u64>(0, endian).ok(),
        _ => b.pread_with::<u32>(0, endian).ok().map(u64::from),
    }
}

/// readelf's `get_dynamic_data`: `count` words of `size` bytes at `offset`,
/// all inside the file.
fn read_words(data: &[u8], offset: u64, size: u64, count: u64, endian: Endian) -> Option<Vec<u64>> {
    let table = bytes::table(data, "hash table", offset, size, count).ok()?;
    let endian_read = |chunk: &[u8]| match size {
        8 => chunk.pread_with::<u64>(0, endian).unwrap_or(0),
        _ => chunk
            .pread_with::<u32>(0, endian)
            .map(u64::from)
            .unwrap_or(0),
    };
    Some(table.chunks_exact(size as usize).map(endian_read).collect())
}

impl<'a> ElfFile<'a> {
    fn endian(&self) -> Endian {
        self.header.ctx().le
    }

    /// The hash tables of the dynamic section and the number of dynamic
    /// symbols they imply, exactly as readelf's `get_num_dynamic_syms`
    /// computes them. `None` without a readable dynamic section.
    pub fn hash_tables(&self) -> Option<HashTables> {
        let d = self.dynamic()?;
        let tags = HashTags::from_entries(&d.entries, self.header.e_machine);
        Some(self.hash_tables_for(&tags))
    }

    /// [`ElfFile::hash_tables`] for already collected tags.
    pub fn hash_tables_for(&self, tags: &HashTags) -> HashTables {
        let data = self.data;
        let endian = self.endian();
        let segments = self.program_headers();
        let mut result = HashTables::default();

        if tags.hash != 0 {
            let h = &self.header;
            let ent: u64 = if matches!(h.e_machine, EM_ALPHA | EM_S390 | EM_S390_OLD)
                && h.e_ident[EI_CLASS] == ELFCLASS64
            {
                8
            } else {
                4
            };
            let off = offset_from_vma(segments, tags.hash, 16);
            let nb = read_word(data, off, ent, endian);
            let nc = read_word(data, off.wrapping_add(ent), ent, endian);
            if let (Some(nbuckets), Some(nchains)) = (nb, nc) {
                if nbuckets != 0 && nchains != 0 {
                    let start = off.wrapping_add(2 * ent);
                    let buckets = read_words(data, start, ent, nbuckets, endian);
                    let chains = buckets.as_ref().and_then(|_| {
                        read_words(
                            data,
                            start.wrapping_add(nbuckets.wrapping_mul(ent)),
                            ent,
                            nchains,
                            endian,
                        )
                    });
                    if let (Some(buckets), Some(chains)) = (buckets, chains) {
                        result.symbol_count = nchains;
                        result.sysv = Some(SysvHash { buckets, chains });
                    }
                }
            }
        }

        if tags.gnu_hash != 0 {
            let before = result.symbol_count;
            if let Some(gnu) = self.read_gnu_hash(tags, &mut result.symbol_count) {
                if result.symbol_count != 0 {
                    result.gnu = Some(gnu);
                    result.mips_xhash = tags.mips_xhash != 0;
                }
            } else {
                result.symbol_count = before;
            }
        }
        result
    }

    fn read_gnu_hash(&self, tags: &HashTags, num_of_syms: &mut u64) -> Option<GnuHash> {
        let data = self.data;
        let endian = self.endian();
        let segments = self.program_headers();
        let base = tags.gnu_hash;
        let off = offset_from_vma(segments, base, 16);
        let head = bytes::slice(data, "gnu hash", off, 16).ok()?;
        let nbuckets = u64::from(head.pread_with::<u32>(0, endian).ok()?);
        let symndx = u64::from(head.pread_with::<u32>(4, endian).ok()?);
        let bitmaskwords = u64::from(head.pread_with::<u32>(8, endian).ok()?);
        let word = if self.header.is_64() { 8 } else { 4 };
        let buckets_vma = base
            .wrapping_add(16)
            .wrapping_add(bitmaskwords.wrapping_mul(word));
        let buckets = read_words(
            data,
            offset_from_vma(segments, buckets_vma, 4),
            4,
            nbuckets,
            endian,
        )?;
        let mut maxchain: u64 = 0xffff_ffff;
        for &b in &buckets {
            if b != 0 {
                if b < symndx {
                    return None;
                }
                if maxchain == 0xffff_ffff || b > maxchain {
                    maxchain = b;
                }
            }
        }
        if maxchain == 0xffff_ffff {
            return None;
        }
        maxchain -= symndx;

        // Read on from the start of the last chain until its end marker.
        let mut pos = offset_from_vma(
            segments,
            buckets_vma.wrapping_add(4u64.wrapping_mul(nbuckets.wrapping_add(maxchain))),
            4,
        );
        loop {
            let v = read_word(data, pos, 4, endian)?;
            pos = pos.wrapping_add(4);
            if maxchain.wrapping_add(1) == 0 {
                return None;
            }
            maxchain += 1;
            if v & 1 != 0 {
                break;
            }
        }

        let chains_vma = buckets_vma.wrapping_add(4u64.wrapping_mul(nbuckets));
        let chains = read_words(
            data,
            offset_from_vma(segments, chains_vma, 4),
            4,
            maxchain,
            endian,
        )?;
        let mips_xlat = if tags.mips_xhash != 0 {
            let xlat_vma =
                buckets_vma.wrapping_add(4u64.wrapping_mul(nbuckets.wrapping_add(maxchain)));
            Some(read_words(
                data,
                offset_from_vma(segments, xlat_vma, 4),
                4,
                maxchain,
                endian,
            )?)
        } else {
            None
        };
        let gnu = GnuHash {
            symndx,
            buckets,
            chains,
            mips_xlat,
        };

        // Highest symbol index reachable through any chain.
        let lengths = gnu.chain_lengths();
        let n = gnu.chains.len();
        // For the MIPS table: the highest xlat value from each position to
        // the end of its chain.
        let xlat_max: Option<Vec<u64>> = gnu.mips_xlat.as_ref().map(|x| {
            let mut m = vec![0u64; x.len()];
            for i in (0..x.len()).rev() {
                let chain_goes_on = gnu.chains[i] & 1 == 0 && i + 1 < x.len();
                m[i] = if chain_goes_on {
                    x[i].max(m[i + 1])
                } else {
                    x[i]
                };
            }
            m
        });
        for (&b, &len) in gnu.buckets.iter().zip(&lengths) {
            if b == 0 {
                continue;
            }
            let off = b - symndx;
            let top = match &xlat_max {
                Some(m) => match m.get(off as usize) {
                    Some(&v) if off < n as u64 => v,
                    _ => continue,
                },
                None => b + len - 1,
            };
            if top >= *num_of_syms {
                *num_of_syms = top + 1;
            }
        }
        Some(gnu)
    }
}
