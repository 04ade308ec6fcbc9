//! `readelf -A` for MIPS (readelf.c `process_mips_specific`): GNU
//! attributes, `.MIPS.abiflags`, the static GOT, and from the dynamic
//! section the library list (with `-d`), `.MIPS.options`, the conflict
//! list, the primary GOT and the PLT GOT.
//!
//! Dynamic symbols come from the first `.dynsym` section only: readelf reads
//! them through `DT_SYMTAB` and the hash tables just with `-D` or `-I`, which
//! relf does not implement yet, so without `.dynsym` both say `<no dynamic
//! symbols>`.

use std::io::Write;

use crate::elf::dynamic::{offset_from_vma, Dyn};
use crate::elf::endian::Encoding;
use crate::elf::header::{EI_DATA, ELFDATA2MSB, EM_MIPS};
use crate::elf::section::SHT_DYNSYM;
use crate::elf::symtab_lite::{self, Sym};
use crate::elf::{bytes, ElfFile};

use super::arch::{mips_fp_abi_value, Attributes, ProcGnuDisplay, SHT_GNU_ATTRIBUTES};
use super::sections::section_name_print;
use super::text::{alt_hex, full_hex, long_hex, print_symbol, printable_section_name};

const SHT_MIPS_OPTIONS: u32 = 0x7000_000d;

const DT_PLTRELSZ: u64 = 2;
const DT_PLTGOT: u64 = 3;
const DT_RELA: u64 = 7;
const DT_PLTREL: u64 = 20;
const DT_JMPREL: u64 = 23;
const DT_MIPS_CONFLICT: u64 = 0x7000_0008;
const DT_MIPS_LIBLIST: u64 = 0x7000_0009;
const DT_MIPS_LOCAL_GOTNO: u64 = 0x7000_000a;
const DT_MIPS_CONFLICTNO: u64 = 0x7000_000b;
const DT_MIPS_LIBLISTNO: u64 = 0x7000_0010;
const DT_MIPS_SYMTABNO: u64 = 0x7000_0011;
const DT_MIPS_GOTSYM: u64 = 0x7000_0013;
const DT_MIPS_OPTIONS: u64 = 0x7000_0029;
const DT_MIPS_PLTGOT: u64 = 0x7000_0032;

/// What process_mips_specific needs of the file besides the printer.
struct Mips<'e, 'a> {
    elf: &'e ElfFile<'a>,
    enc: Encoding,
    wide: bool,
    /// `-d` is on too: readelf then shows the library list.
    do_dynamic: bool,
    /// readelf's `dynamic_symbols`: the first `SHT_DYNSYM` section.
    dynsyms: Option<Vec<Sym>>,
    /// readelf's `dynamic_strings`.
    dynstr: Option<&'a [u8]>,
}

/// Appends the MIPS part of `readelf -A`.
pub(super) fn write_mips_specific(
    out: &mut Vec<u8>,
    elf: &ElfFile,
    attrs: &Attributes,
    do_dynamic: bool,
) {
    attrs.process(
        out,
        None,
        SHT_GNU_ATTRIBUTES,
        None,
        Some(ProcGnuDisplay::Mips),
    );
    let dynsyms = elf
        .section_headers()
        .iter()
        .position(|s| s.sh_type == SHT_DYNSYM)
        .and_then(|i| symtab_lite::read_symbols(elf, i));
    let m = Mips {
        elf,
        enc: Encoding::of(&elf.header),
        wide: attrs.wide,
        do_dynamic,
        dynsyms,
        dynstr: elf.dynamic().and_then(|d| d.strings),
    };
    m.abiflags(out);
    match elf.dynamic() {
        None => m.static_got(out),
        Some(d) => m.dynamic_parts(out, &d.entries),
    }
}

fn reg_size(v: u8) -> i32 {
    match v {
        0 => 0,
        1 => 32,
        2 => 64,
        3 => 128,
        _ => -1,
    }
}

const ASES: &[(u32, &str)] = &[
    (0x1, "DSP ASE"),
    (0x2, "DSP R2 ASE"),
    (0x2000, "DSP R3 ASE"),
    (0x4, "Enhanced VA Scheme"),
    (0x8, "MCU (MicroController) ASE"),
    (0x10, "MDMX ASE"),
    (0x20, "MIPS-3D ASE"),
    (0x40, "MT ASE"),
    (0x80, "SmartMIPS ASE"),
    (0x100, "VZ ASE"),
    (0x200, "MSA ASE"),
    (0x400, "MIPS16 ASE"),
    (0x800, "MICROMIPS ASE"),
    (0x1000, "XPA ASE"),
    (0x4000, "MIPS16e2 ASE"),
    (0x8000, "CRC ASE"),
    (0x2_0000, "GINV ASE"),
    (0x4_0000, "Loongson MMI ASE"),
    (0x8_0000, "Loongson CAM ASE"),
    (0x10_0000, "Loongson EXT ASE"),
    (0x20_0000, "Loongson EXT2 ASE"),
];
const AFL_ASE_MASK: u32 = 0x003e_ffff;

fn isa_ext_name(v: u32) -> Option<&'static str> {
    Some(match v {
        0 => "None",
        1 => "RMI XLR",
        19 => "Cavium Networks Octeon3",
        2 => "Cavium Networks Octeon2",
        3 => "Cavium Networks OcteonP",
        5 => "Cavium Networks Octeon",
        6 => "Toshiba R5900",
        7 => "MIPS R4650",
        8 => "LSI R4010",
        9 => "NEC VR4100",
        10 => "Toshiba R3900",
        11 => "MIPS R10000",
        12 => "Broadcom SB-1",
        13 => "NEC VR4111/VR4181",
        14 => "NEC VR4120",
        15 => "NEC VR5400",
        16 => "NEC VR5500",
        17 => "ST Microelectronics Loongson 2E",
        18 => "ST Microelectronics Loongson 2F",
        20 => "Imagination interAptiv MR2",
        _ => return None,
    })
}

/// `printf ("%*s", width, s)`.
fn pad_left(out: &mut Vec<u8>, width: usize, s: &str) {
    let _ = write!(out, "{s:>width$}");
}

impl<'a> Mips<'_, 'a> {
    fn addr_size(&self) -> u64 {
        self.enc.word_size() as u64
    }

    fn find_section(&self, name: &[u8]) -> Option<&crate::elf::SectionHeader> {
        self.elf.section_by_name(name)
    }

    /// `.MIPS.abiflags`.
    fn abiflags(&self, out: &mut Vec<u8>) {
        let Some(sect) = self.find_section(b".MIPS.abiflags") else {
            return;
        };
        if sect.sh_size != 24 {
            return;
        }
        let Ok(d) = bytes::slice(self.elf.data, "MIPS ABI Flags section", sect.sh_offset, 24)
        else {
            return;
        };
        let e = self.enc;
        let version = e.u16(d, 0).unwrap_or(0);
        let _ = write!(
            out,
            "\nMIPS ABI Flags Version: {version}\n\nISA: MIPS{}",
            d[2]
        );
        if d[3] > 1 {
            let _ = write!(out, "r{}", d[3]);
        }
        let _ = write!(
            out,
            "\nGPR size: {}\nCPR1 size: {}\nCPR2 size: {}\nFP ABI: ",
            reg_size(d[4]),
            reg_size(d[5]),
            reg_size(d[6])
        );
        mips_fp_abi_value(out, u32::from(d[7]));
        out.extend_from_slice(b"ISA Extension: ");
        let isa_ext = e.u32(d, 8).unwrap_or(0);
        match isa_ext_name(isa_ext) {
            Some(n) => out.extend_from_slice(n.as_bytes()),
            None => {
                let _ = write!(out, "Unknown ({})", isa_ext as i32);
            }
        }
        out.extend_from_slice(b"\nASEs:");
        let ases = e.u32(d, 12).unwrap_or(0);
        for (bit, name) in ASES {
            if ases & bit != 0 {
                let _ = write!(out, "\n\t{name}");
            }
        }
        if ases == 0 {
            out.extend_from_slice(b"\n\tNone");
        } else if ases & !AFL_ASE_MASK != 0 {
            let _ = write!(out, "\n\tUnknown ({:x})", ases & !AFL_ASE_MASK);
        }
        let _ = writeln!(
            out,
            "\nFLAGS 1: {:08x}\nFLAGS 2: {:08x}",
            e.u32(d, 16).unwrap_or(0),
            e.u32(d, 20).unwrap_or(0)
        );
    }

    /// `print_mips_got_entry`: `None` is readelf's `(uint64_t) -1`.
    fn got_entry(
        &self,
        out: &mut Vec<u8>,
        data: Option<&[u8]>,
        pltgot: u64,
        addr: u64,
    ) -> Option<u64> {
        let is_64 = self.enc.is_64;
        out.extend_from_slice(b"  ");
        long_hex(out, addr, is_64);
        out.push(b' ');
        if addr < pltgot.wrapping_add(0xfff0) {
            let _ = write!(
                out,
                "{:6}(gp)",
                addr.wrapping_sub(pltgot).wrapping_sub(0x7ff0) as i32
            );
        } else {
            out.extend_from_slice(b"          ");
        }
        out.push(b' ');
        let width = if is_64 { 16 } else { 8 };
        match data {
            None => pad_left(out, width, "<unknown>"),
            Some(d) => {
                let from = addr.wrapping_sub(pltgot);
                let size = self.addr_size();
                if past_end(from.checked_add(size), d.len()) {
                    pad_left(out, width, "<corrupt>");
                    return None;
                }
                let v = self.enc.word(d, from as usize).unwrap_or(0);
                long_hex(out, v, is_64);
            }
        }
        Some(addr.wrapping_add(self.addr_size()))
    }

    /// The static GOT of a file without a dynamic section.
    fn static_got(&self, out: &mut Vec<u8>) {
        let Some(sect) = self.find_section(b".got") else {
            return;
        };
        let is_64 = self.enc.is_64;
        let pltgot = sect.sh_addr;
        let mut ent = pltgot;
        let addr_size = self.addr_size();
        let end = pltgot.wrapping_add(sect.sh_size);
        let data = if sect.sh_size == 0 {
            None
        } else {
            bytes::slice(
                self.elf.data,
                "Global Offset Table data",
                sect.sh_offset,
                sect.sh_size,
            )
            .ok()
        };
        out.extend_from_slice(b"\nStatic GOT:\n Canonical gp value: ");
        long_hex(out, ent.wrapping_add(0x7ff0), is_64);
        out.extend_from_slice(b"\n\n");
        let w = (addr_size * 2) as usize;
        let word_at = |d: &[u8], at: u64| -> Option<u64> {
            if at.checked_add(addr_size)? > d.len() as u64 {
                return None;
            }
            self.enc.word(d, at as usize)
        };
        if let Some(d) = data {
            if word_at(d, ent - pltgot) == Some(0) {
                out.extend_from_slice(b" Reserved entries:\n");
                let _ = writeln!(out, "  {:>w$} {:>10} {:>w$}", "Address", "Access", "Value");
                let Some(next) = self.got_entry(out, data, pltgot, ent) else {
                    return;
                };
                ent = next;
                out.push(b'\n');
                if word_at(d, ent.wrapping_sub(pltgot))
                    .is_some_and(|v| v >> (addr_size * 8 - 1) != 0)
                {
                    let Some(next) = self.got_entry(out, data, pltgot, ent) else {
                        return;
                    };
                    ent = next;
                    out.push(b'\n');
                }
                out.push(b'\n');
            }
        }
        if data.is_some() && ent < end {
            out.extend_from_slice(b" Local entries:\n");
            let _ = writeln!(out, "  {:>w$} {:>10} {:>w$}", "Address", "Access", "Value");
            while ent < end {
                let Some(next) = self.got_entry(out, data, pltgot, ent) else {
                    return;
                };
                ent = next;
                out.push(b'\n');
            }
            out.push(b'\n');
        }
    }

    /// `valid_dynamic_name` + `get_dynamic_name`.
    fn dynamic_name(&self, offset: u64) -> Option<&'a [u8]> {
        let s = self.dynstr?;
        if offset >= s.len() as u64 {
            return None;
        }
        bytes::c_str(s, offset)
    }

    fn dynamic_parts(&self, out: &mut Vec<u8>, entries: &[Dyn]) {
        let segs = self.elf.program_headers();
        let mut liblist_offset = 0u64;
        let mut liblistno = 0u64;
        let mut conflictsno = 0u64;
        let mut options_offset = 0u64;
        let mut conflicts_offset = 0u64;
        let mut pltrelsz = 0u64;
        let mut pltrel = 0u64;
        let mut pltgot = 0u64;
        let mut mips_pltgot = 0u64;
        let mut jmprel = 0u64;
        let mut local_gotno = 0u64;
        let mut gotsym = 0u64;
        let mut symtabno = 0u64;
        for d in entries.iter().take_while(|d| d.d_tag != 0) {
            match d.d_tag {
                DT_MIPS_LIBLIST => {
                    liblist_offset = offset_from_vma(segs, d.d_val, liblistno.wrapping_mul(20))
                }
                DT_MIPS_LIBLISTNO => liblistno = d.d_val,
                DT_MIPS_OPTIONS => options_offset = offset_from_vma(segs, d.d_val, 0),
                DT_MIPS_CONFLICT => {
                    conflicts_offset = offset_from_vma(segs, d.d_val, conflictsno.wrapping_mul(4))
                }
                DT_MIPS_CONFLICTNO => conflictsno = d.d_val,
                DT_PLTGOT => pltgot = d.d_val,
                DT_MIPS_LOCAL_GOTNO => local_gotno = d.d_val,
                DT_MIPS_GOTSYM => gotsym = d.d_val,
                DT_MIPS_SYMTABNO => symtabno = d.d_val,
                DT_MIPS_PLTGOT => mips_pltgot = d.d_val,
                DT_PLTREL => pltrel = d.d_val,
                DT_PLTRELSZ => pltrelsz = d.d_val,
                DT_JMPREL => jmprel = d.d_val,
                _ => {}
            }
        }
        if liblist_offset != 0 && liblistno != 0 && self.do_dynamic {
            self.liblist(out, liblist_offset, liblistno);
        }
        if options_offset != 0 && !self.options(out, options_offset) {
            return;
        }
        if conflicts_offset != 0
            && conflictsno != 0
            && !self.conflicts(out, conflicts_offset, conflictsno)
        {
            return;
        }
        if pltgot != 0
            && local_gotno != 0
            && !self.primary_got(out, pltgot, local_gotno, gotsym, symtabno)
        {
            return;
        }
        if mips_pltgot != 0 && jmprel != 0 && pltrel != 0 && pltrelsz != 0 {
            self.plt_got(out, mips_pltgot, jmprel, pltrel, pltrelsz);
        }
    }
}

impl<'a> Mips<'_, 'a> {
    fn sym_name_or_corrupt(
        &self,
        out: &mut Vec<u8>,
        width: i32,
        st_name: u32,
        corrupt_width: usize,
    ) {
        match self.dynamic_name(u64::from(st_name)) {
            Some(n) => {
                print_symbol(out, width, n, self.wide);
            }
            None => {
                let _ = write!(out, "<corrupt: {:>corrupt_width$}>", st_name);
            }
        }
    }

    /// The `.liblist` table (only with `-d`).
    fn liblist(&self, out: &mut Vec<u8>, offset: u64, count: u64) {
        let Ok(data) = bytes::table(self.elf.data, "liblist section data", offset, 20, count)
        else {
            return;
        };
        let e = self.enc;
        let _ = writeln!(
            out,
            "\nSection '.liblist' contains {count} {}:",
            if count == 1 { "entry" } else { "entries" }
        );
        out.extend_from_slice(
            b"     Library              Time Stamp          Checksum   Version Flags\n",
        );
        for (cnt, rec) in data.chunks_exact(20).enumerate() {
            let l_name = e.u32(rec, 0).unwrap_or(0);
            let time = e.u32(rec, 4).unwrap_or(0);
            let checksum = e.u32(rec, 8).unwrap_or(0);
            let version = e.u32(rec, 12).unwrap_or(0);
            let flags = e.u32(rec, 16).unwrap_or(0);
            let _ = write!(out, "{cnt:3}: ");
            match self.dynamic_name(u64::from(l_name)) {
                Some(n) => {
                    print_symbol(out, 20, n, self.wide);
                }
                None => {
                    let _ = write!(out, "<corrupt: {l_name:>9}>");
                }
            }
            let _ = write!(
                out,
                " {} {:>10} {:<7}",
                utc_timestamp(i64::from(time)),
                alt_hex(u64::from(checksum)),
                version
            );
            if flags == 0 {
                out.extend_from_slice(b" NONE\n");
            } else {
                let mut rest = flags;
                for (bit, name) in [
                    (0x1, " EXACT_MATCH"),
                    (0x2, " IGNORE_INT_VER"),
                    (0x4, " REQUIRE_MINOR"),
                    (0x8, " EXPORTS"),
                    (0x10, " DELAY_LOAD"),
                    (0x20, " DELTA"),
                ] {
                    if rest & bit != 0 {
                        out.extend_from_slice(name.as_bytes());
                        rest ^= bit;
                    }
                }
                if rest != 0 {
                    let _ = write!(out, " {}", alt_hex(u64::from(rest)));
                }
                out.push(b'\n');
            }
        }
    }

    /// `.MIPS.options`; `false` where readelf gives up on the whole display.
    fn options(&self, out: &mut Vec<u8>, offset: u64) -> bool {
        let Some(sect) = self
            .elf
            .section_headers()
            .iter()
            .find(|s| s.sh_type == SHT_MIPS_OPTIONS)
        else {
            return false;
        };
        if sect.sh_size < 8 {
            return false;
        }
        let Ok(eopt) = bytes::slice(self.elf.data, "options", offset, sect.sh_size) else {
            return true;
        };
        let size = eopt.len();
        let mut off = 0usize;
        let mut cnt: i32 = 0;
        while off <= size - 8 {
            let optsize = usize::from(eopt[off + 1]);
            if optsize < 8 || optsize > size - off {
                return false;
            }
            off += optsize;
            cnt += 1;
        }
        let _ = write!(out, "\nSection '",);
        out.extend_from_slice(&printable_section_name(section_name_print(self.elf, sect)));
        let _ = writeln!(
            out,
            "' contains {cnt} {}:",
            if cnt == 1 { "entry" } else { "entries" }
        );
        let e = self.enc;
        let mut off = 0usize;
        while cnt > 0 {
            cnt -= 1;
            let opt = &eopt[off..];
            let kind = opt[0];
            let osize = usize::from(opt[1]);
            // `%" PRId16 "` of an unsigned short: printed unsigned.
            let section = e.u16(opt, 2).unwrap_or(0);
            let info = e.u32(opt, 4).unwrap_or(0);
            match kind {
                0 => {
                    let _ = write!(out, " NULL       {section} {info:x}");
                }
                1 => {
                    out.extend_from_slice(b" REGINFO    ");
                    let is32 = self.elf.header.e_machine == EM_MIPS;
                    let need = if is32 { 8 + 24 } else { 8 + 32 };
                    if osize < need {
                        out.extend_from_slice(b"<corrupt>\n");
                        cnt = 0;
                    } else {
                        let u = |at: usize| e.u32(opt, at).unwrap_or(0);
                        if is32 {
                            let _ = writeln!(out, "GPR {:08x}  GP 0x{:x}", u(8), u(28));
                            let _ = writeln!(
                                out,
                                "            CPR0 {:08x}  CPR1 {:08x}  CPR2 {:08x}  CPR3 {:08x}",
                                u(12),
                                u(16),
                                u(20),
                                u(24)
                            );
                        } else {
                            let _ = writeln!(
                                out,
                                "GPR {:08x}  GP 0x{:x}",
                                u(8),
                                e.u64(opt, 32).unwrap_or(0)
                            );
                            let _ = writeln!(
                                out,
                                "            CPR0 {:08x}  CPR1 {:08x}  CPR2 {:08x}  CPR3 {:08x}",
                                u(16),
                                u(20),
                                u(24),
                                u(28)
                            );
                        }
                        off += osize;
                        continue;
                    }
                }
                2 => {
                    out.extend_from_slice(b" EXCEPTIONS fpe_min(");
                    fpe_exception(out, info & 0x1f);
                    out.extend_from_slice(b") fpe_max(");
                    fpe_exception(out, (info & 0x1f00) >> 8);
                    out.push(b')');
                    for (bit, name) in [
                        (0x1_0000, " PAGE0"),
                        (0x2_0000, " SMM"),
                        (0x4_0000, " FPDBUG"),
                        (0x8_0000, " DISMISS"),
                    ] {
                        if info & bit != 0 {
                            out.extend_from_slice(name.as_bytes());
                        }
                    }
                }
                3 => {
                    out.extend_from_slice(b" PAD       ");
                    for (bit, name) in [(1, " PREFIX"), (2, " POSTFIX"), (4, " SYMBOL")] {
                        if info & bit != 0 {
                            out.extend_from_slice(name.as_bytes());
                        }
                    }
                }
                4 => {
                    out.extend_from_slice(b" HWPATCH   ");
                    for (bit, name) in [
                        (1, " R4KEOP"),
                        (2, " R8KPFETCH"),
                        (4, " R5KEOP"),
                        (8, " R5KCVTL"),
                    ] {
                        if info & bit != 0 {
                            out.extend_from_slice(name.as_bytes());
                        }
                    }
                }
                5 => out.extend_from_slice(b" FILL       "),
                6 => out.extend_from_slice(b" TAGS       "),
                7 | 8 => {
                    out.extend_from_slice(if kind == 7 {
                        b" HWAND     "
                    } else {
                        b" HWOR      "
                    });
                    if info & 1 != 0 {
                        out.extend_from_slice(b" R4KEOP_CHECKED");
                    }
                    if info & 2 != 0 {
                        out.extend_from_slice(b" R4KEOP_CLEAN");
                    }
                }
                9 | 10 => {
                    let _ = write!(
                        out,
                        " {}  {}  self-contained {}",
                        if kind == 9 { "GP_GROUP" } else { "IDENT   " },
                        alt_hex06(info & 0xffff),
                        alt_hex06((info & 0xffff_0000) >> 16)
                    );
                }
                _ => {
                    let _ = write!(out, " {kind:3} ???     {section} {info:x}");
                }
            }
            for &datum in opt.iter().take(osize).skip(8) {
                if (0x20..0x7f).contains(&datum) {
                    out.push(datum);
                } else {
                    let _ = write!(out, "\\{datum:03o}");
                }
            }
            out.push(b'\n');
            off += osize;
        }
        true
    }

    /// The conflict list; `false` where readelf gives up.
    fn conflicts(&self, out: &mut Vec<u8>, offset: u64, count: u64) -> bool {
        let Some(syms) = &self.dynsyms else {
            return false;
        };
        // sizeof (Elf32_Conflict): an unsigned long on the host.
        if count > self.elf.data.len() as u64 / 8 {
            return false;
        }
        let w = self.addr_size();
        let Ok(data) = bytes::table(self.elf.data, "conflict", offset, w, count) else {
            return false;
        };
        let _ = writeln!(
            out,
            "\nSection '.conflict' contains {count} {}:",
            if count == 1 { "entry" } else { "entries" }
        );
        out.extend_from_slice(b"  Num:    Index       Value  Name\n");
        for cnt in 0..count as usize {
            let idx = self.enc.word(data, cnt * w as usize).unwrap_or(0);
            let _ = write!(out, "{cnt:5}: {idx:8}  ");
            match syms.get(idx as usize) {
                None => out.extend_from_slice(b"<corrupt symbol index>"),
                Some(sym) => {
                    full_hex(out, sym.st_value, self.enc.is_64);
                    out.push(b' ');
                    self.sym_name_or_corrupt(out, 25, sym.st_name, 14);
                }
            }
            out.push(b'\n');
        }
        true
    }

    /// `get_symbol_type` and `get_symbol_index_type`, as `" %-7s %3s "`.
    fn sym_type_and_index(&self, out: &mut Vec<u8>, sym: &Sym) {
        let ty = symbol_type_name(&self.elf.header, sym.st_type());
        let ndx = symbol_index_name(self.elf, sym.st_shndx);
        let _ = write!(out, " {ty:<7} {ndx:>3} ");
    }

    /// The primary GOT; `false` where readelf gives up.
    fn primary_got(
        &self,
        out: &mut Vec<u8>,
        pltgot: u64,
        local_gotno: u64,
        gotsym: u64,
        symtabno: u64,
    ) -> bool {
        let is_64 = self.enc.is_64;
        let addr_size = self.addr_size();
        let mut ent = pltgot;
        let local_end = pltgot.wrapping_add(local_gotno.wrapping_mul(addr_size));
        if symtabno < gotsym {
            return false;
        }
        let global_end = local_end.wrapping_add((symtabno - gotsym).wrapping_mul(addr_size));
        if global_end < local_end {
            return false;
        }
        let size = global_end.wrapping_sub(pltgot);
        let offset = offset_from_vma(self.elf.program_headers(), pltgot, size);
        let data = if size == 0 {
            None
        } else {
            bytes::slice(self.elf.data, "Global Offset Table data", offset, size).ok()
        };
        out.extend_from_slice(b"\nPrimary GOT:\n Canonical gp value: ");
        long_hex(out, pltgot.wrapping_add(0x7ff0), is_64);
        out.extend_from_slice(b"\n\n Reserved entries:\n");
        let w = (addr_size * 2) as usize;
        let _ = writeln!(
            out,
            "  {:>w$} {:>10} {:>w$} Purpose",
            "Address", "Access", "Initial"
        );
        let Some(next) = self.got_entry(out, data, pltgot, ent) else {
            out.extend_from_slice(b" Lazy resolver\n");
            return true;
        };
        out.extend_from_slice(b" Lazy resolver\n");
        ent = next;
        if let Some(d) = data {
            let at = ent.wrapping_sub(pltgot);
            if at
                .checked_add(addr_size)
                .is_some_and(|e| e <= d.len() as u64)
                && self.enc.word(d, at as usize).unwrap_or(0) >> (addr_size * 8 - 1) != 0
            {
                let Some(next) = self.got_entry(out, data, pltgot, ent) else {
                    out.extend_from_slice(b" Module pointer (GNU extension)\n");
                    return true;
                };
                out.extend_from_slice(b" Module pointer (GNU extension)\n");
                ent = next;
            }
        }
        out.push(b'\n');
        if data.is_some() && ent < local_end {
            out.extend_from_slice(b" Local entries:\n");
            let _ = writeln!(
                out,
                "  {:>w$} {:>10} {:>w$}",
                "Address", "Access", "Initial"
            );
            while ent < local_end {
                let Some(next) = self.got_entry(out, data, pltgot, ent) else {
                    out.push(b'\n');
                    return true;
                };
                out.push(b'\n');
                ent = next;
            }
            out.push(b'\n');
        }
        if data.is_some() && gotsym < symtabno {
            out.extend_from_slice(b" Global entries:\n");
            let _ = writeln!(
                out,
                "  {:>w$} {:>10} {:>w$} {:>w$} {:<7} {:>3} Name",
                "Address", "Access", "Initial", "Sym.Val.", "Type", "Ndx"
            );
            let sym_width = (if is_64 { 160 } else { 80 }) - 28 - (addr_size as i32) * 6 - 1;
            for i in gotsym..symtabno {
                let next = self.got_entry(out, data, pltgot, ent);
                out.push(b' ');
                match &self.dynsyms {
                    None => out.extend_from_slice(b"<no dynamic symbols>"),
                    Some(syms) => match syms.get(i as usize) {
                        Some(sym) => {
                            long_hex(out, sym.st_value, is_64);
                            self.sym_type_and_index(out, sym);
                            self.sym_name_or_corrupt(out, sym_width, sym.st_name, 14);
                        }
                        None => {
                            let _ =
                                write!(out, "<symbol index {i} exceeds number of dynamic symbols>");
                        }
                    },
                }
                out.push(b'\n');
                match next {
                    Some(n) => ent = n,
                    None => break,
                }
            }
            out.push(b'\n');
        }
        true
    }

    /// The PLT GOT.
    fn plt_got(
        &self,
        out: &mut Vec<u8>,
        mips_pltgot: u64,
        jmprel: u64,
        pltrel: u64,
        pltrelsz: u64,
    ) {
        let is_64 = self.enc.is_64;
        let addr_size = self.addr_size();
        let segs = self.elf.program_headers();
        let rel_offset = offset_from_vma(segs, jmprel, pltrelsz);
        let is_rela = pltrel == DT_RELA;
        let entsize: u64 = match (is_64, is_rela) {
            (true, true) => 24,
            (true, false) => 16,
            (false, true) => 12,
            (false, false) => 8,
        };
        let Ok(rels) = bytes::slice(self.elf.data, "relocs", rel_offset, pltrelsz) else {
            return;
        };
        let count = pltrelsz / entsize;
        let big = self.elf.header.e_ident[EI_DATA] == ELFDATA2MSB;
        let sym_index = |k: usize| -> u64 {
            let at = k * entsize as usize + addr_size as usize;
            let info = self.enc.word(rels, at).unwrap_or(0);
            if is_64 {
                let info = if self.elf.header.e_machine == EM_MIPS && !big {
                    // Little-endian MIPS64 r_info: a 32-bit symbol index then
                    // four bytes (slurp_rela_relocs reorders it).
                    ((info & 0xffff_ffff) << 32)
                        | ((info >> 56) & 0xff)
                        | ((info >> 40) & 0xff00)
                        | ((info >> 24) & 0xff_0000)
                        | ((info >> 8) & 0xff00_0000)
                } else {
                    info
                };
                info >> 32
            } else {
                info >> 8
            }
        };
        let end = mips_pltgot.wrapping_add((2 + count).wrapping_mul(addr_size));
        let size = end.wrapping_sub(mips_pltgot);
        let offset = offset_from_vma(segs, mips_pltgot, size);
        let Ok(data) = bytes::slice(self.elf.data, "Procedure Linkage Table data", offset, size)
        else {
            return;
        };
        if size == 0 {
            return;
        }
        let entry = |out: &mut Vec<u8>, addr: u64| -> u64 {
            out.extend_from_slice(b"  ");
            long_hex(out, addr, is_64);
            out.push(b' ');
            let v = self
                .enc
                .word(data, addr.wrapping_sub(mips_pltgot) as usize)
                .unwrap_or(0);
            long_hex(out, v, is_64);
            addr.wrapping_add(addr_size)
        };
        let w = (addr_size * 2) as usize;
        out.extend_from_slice(b"\nPLT GOT:\n\n Reserved entries:\n");
        let _ = writeln!(out, "  {:>w$} {:>w$} Purpose", "Address", "Initial");
        let mut ent = entry(out, mips_pltgot);
        out.extend_from_slice(b" PLT lazy resolver\n");
        ent = entry(out, ent);
        out.extend_from_slice(b" Module pointer\n\n Entries:\n");
        let _ = writeln!(
            out,
            "  {:>w$} {:>w$} {:>w$} {:<7} {:>3} Name",
            "Address", "Initial", "Sym.Val.", "Type", "Ndx"
        );
        let sym_width = (if is_64 { 160 } else { 80 }) - 17 - (addr_size as i32) * 6 - 1;
        for k in 0..count as usize {
            let idx = sym_index(k);
            ent = entry(out, ent);
            out.push(b' ');
            match self.dynsyms.as_ref().and_then(|s| s.get(idx as usize)) {
                None => {
                    let _ = write!(out, "<corrupt symbol index: {idx}>");
                }
                Some(sym) => {
                    long_hex(out, sym.st_value, is_64);
                    self.sym_type_and_index(out, sym);
                    self.sym_name_or_corrupt(out, sym_width, sym.st_name, 14);
                }
            }
            out.push(b'\n');
        }
        out.push(b'\n');
    }
}

/// `process_mips_fpe_exception`.
fn fpe_exception(out: &mut Vec<u8>, mask: u32) {
    if mask == 0 {
        out.push(b'0');
        return;
    }
    let mut first = true;
    for (bit, name) in [
        (1, "INEX"),
        (2, "UFLO"),
        (4, "OFLO"),
        (8, "DIV0"),
        (0x10, "INVAL"),
    ] {
        if mask & bit != 0 {
            if !first {
                out.push(b'|');
            }
            out.extend_from_slice(name.as_bytes());
            first = false;
        }
    }
}

/// C's `%#06x`.
fn alt_hex06(v: u32) -> String {
    if v == 0 {
        "000000".into()
    } else {
        format!("{v:#06x}")
    }
}

/// `gmtime` of a time stamp as readelf formats it
/// (`%04u-%02u-%02uT%02u:%02u:%02u`).
pub(super) fn utc_timestamp(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (year, month, day) = super::time::civil_from_days(days);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        year,
        month,
        day,
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// readelf's `get_symbol_type`.
pub(super) fn symbol_type_name(h: &crate::elf::FileHeader, t: u8) -> String {
    const EM_SPARCV9: u16 = 43;
    const EM_PARISC: u16 = 15;
    match t {
        0 => "NOTYPE".into(),
        1 => "OBJECT".into(),
        2 => "FUNC".into(),
        3 => "SECTION".into(),
        4 => "FILE".into(),
        5 => "COMMON".into(),
        6 => "TLS".into(),
        8 => "RELC".into(),
        9 => "SRELC".into(),
        13..=15 => {
            if h.e_machine == crate::elf::header::EM_ARM && t == 13 {
                "THUMB_FUNC".into()
            } else if h.e_machine == EM_SPARCV9 && t == 13 {
                "REGISTER".into()
            } else if h.e_machine == EM_PARISC && t == 13 {
                "PARISC_MILLI".into()
            } else {
                format!("<processor specific>: {t}")
            }
        }
        10..=12 => {
            if h.e_machine == EM_PARISC && t == 11 {
                "HP_OPAQUE".into()
            } else if h.e_machine == EM_PARISC && t == 12 {
                "HP_STUB".into()
            } else if t == 10 && matches!(h.osabi(), 3 | 9) {
                "IFUNC".into()
            } else {
                format!("<OS specific>: {t}")
            }
        }
        _ => format!("<unknown>: {t}"),
    }
}

/// readelf's `get_symbol_index_type`.
pub(super) fn symbol_index_name(elf: &ElfFile, shndx: u32) -> String {
    use crate::elf::header::{EM_IA_64, EM_K1OM, EM_L1OM, EM_X86_64};
    const EM_TI_C6000: u16 = 140;
    let h = &elf.header;
    let m = h.e_machine;
    match shndx {
        0 => return "UND".into(),
        0xfff1 => return "ABS".into(),
        0xfff2 => return "COM".into(),
        _ => {}
    }
    if shndx == 0xff00 && m == EM_IA_64 && h.osabi() == 1 {
        "ANSI_COM".into()
    } else if matches!(m, EM_X86_64 | EM_L1OM | EM_K1OM) && shndx == 0xff02 {
        "LARGE_COM".into()
    } else if (shndx == 0xff03 && m == EM_MIPS) || (shndx == 0xff00 && m == EM_TI_C6000) {
        "SCOM".into()
    } else if shndx == 0xff04 && m == EM_MIPS {
        "SUND".into()
    } else if (0xff00..=0xff1f).contains(&shndx) {
        format!("PRC[0x{:04x}]", shndx & 0xffff)
    } else if (0xff20..=0xff3f).contains(&shndx) {
        format!("OS [0x{:04x}]", shndx & 0xffff)
    } else if shndx >= 0xff00 {
        format!("RSV[0x{:04x}]", shndx & 0xffff)
    } else if elf.shnum != 0 && shndx >= elf.shnum {
        format!("bad section index[{:3}]", shndx as i32)
    } else {
        format!("{shndx:3}")
    }
}

/// `from + size > data_end`, with an overflow counting as past the end.
fn past_end(end: Option<u64>, len: usize) -> bool {
    match end {
        None => true,
        Some(e) => e > len as u64,
    }
}
