//! `readelf -I`: the bucket list length histograms of the `DT_HASH` and
//! `DT_GNU_HASH` (or `DT_MIPS_XHASH`) tables, the end of readelf.c
//! `process_symbol_table`. The tables themselves come from
//! [`crate::elf::hash`].

use std::io::Write;

use crate::elf::hash::HashTables;

fn buckets(n: u64) -> &'static str {
    if n == 1 {
        "bucket"
    } else {
        "buckets"
    }
}

/// The table of counts per chain length shared by both histograms.
fn write_counts(out: &mut Vec<u8>, lengths: &[u64], nbuckets: u64, nsyms: u64) {
    out.extend_from_slice(b" Length  Number     % of total  Coverage\n");
    let maxlength = lengths.iter().copied().max().unwrap_or(0);
    let mut counts = vec![0u64; maxlength as usize + 1];
    for &l in lengths {
        counts[l as usize] += 1;
    }
    if nbuckets == 0 {
        return;
    }
    let total = nbuckets as f64;
    let _ = writeln!(
        out,
        "      0  {:<10} ({:5.1}%)",
        counts[0],
        (counts[0] as f64 * 100.0) / total
    );
    let mut nzero_counts = 0u64;
    for (i, &c) in counts.iter().enumerate().skip(1) {
        nzero_counts = nzero_counts.wrapping_add(c.wrapping_mul(i as u64));
        let _ = writeln!(
            out,
            "{:7}  {:<10} ({:5.1}%)    {:5.1}%",
            i,
            c,
            (c as f64 * 100.0) / total,
            (nzero_counts as f64 * 100.0) / nsyms as f64
        );
    }
}

/// Both histograms, for the tables readelf read.
pub fn write_histogram(out: &mut Vec<u8>, hash: &HashTables) {
    if let Some(sysv) = &hash.sysv {
        let nbuckets = sysv.buckets.len() as u64;
        let nchains = sysv.chains.len() as u64;
        let _ = writeln!(
            out,
            "\nHistogram for bucket list length (total of {nbuckets} {}):",
            buckets(nbuckets)
        );
        let mut lengths = vec![0u64; sysv.buckets.len()];
        let mut visited = vec![false; sysv.chains.len()];
        let mut nsyms = 0u64;
        for (hn, &start) in sysv.buckets.iter().enumerate() {
            let mut si = start;
            while si > 0 {
                nsyms += 1;
                lengths[hn] += 1;
                // "histogram chain is corrupt"
                if si >= nchains || visited[si as usize] {
                    break;
                }
                visited[si as usize] = true;
                si = sysv.chains[si as usize];
            }
        }
        write_counts(out, &lengths, nbuckets, nsyms);
    }
    if let Some(gnu) = &hash.gnu {
        let nbuckets = gnu.buckets.len() as u64;
        let name = if hash.mips_xhash {
            ".MIPS.xhash"
        } else {
            ".gnu.hash"
        };
        let _ = writeln!(
            out,
            "\nHistogram for `{name}' bucket list length (total of {nbuckets} {}):",
            buckets(nbuckets)
        );
        let lengths = gnu.chain_lengths();
        let nsyms = lengths.iter().sum();
        write_counts(out, &lengths, nbuckets, nsyms);
    }
}
