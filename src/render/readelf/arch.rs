//! `readelf -A`: architecture-specific information (readelf.c
//! `process_gnu_liblist`, `process_arch_specific`, `process_attributes`,
//! `display_tag_value`, `display_raw_attribute`, `display_gnu_attribute`,
//! the per-machine `display_*_attribute` functions for ARM, ARC, C-SKY,
//! MSP430, RISC-V, TI C6000, PowerPC, s390, SPARC, m68k and MIPS, and
//! `process_nds32_specific`). The rest of MIPS has its own module
//! ([`super::mips`]).
//!
//! The attribute printers walk the section bytes exactly as readelf does,
//! including its recovery from corrupt lengths, so they work on offsets into
//! the section rather than on a decoded model.

use std::io::Write;

use crate::elf::endian::Encoding;
use crate::elf::header::{EM_ARM, EM_MIPS, EM_PPC, EM_PPC64, EM_RISCV, EM_S390};
use crate::elf::{bytes, ElfFile};

use super::text::{alt_hex, print_symbol};

pub const SHT_GNU_ATTRIBUTES: u32 = 0x6fff_fff5;
/// `SHT_ARM_ATTRIBUTES`, `SHT_RISCV_ATTRIBUTES`, `SHT_MSP430_ATTRIBUTES`,
/// `SHT_C6000_ATTRIBUTES`.
pub const SHT_PROC_ATTRIBUTES_3: u32 = 0x7000_0003;

const SHT_ARC_ATTRIBUTES: u32 = 0x7000_0001;
const SHT_CSKY_ATTRIBUTES: u32 = 0x7000_0001;

const EM_SPARC: u16 = 2;
const EM_ARC: u16 = 45;
const EM_ARC_COMPACT: u16 = 93;
const EM_ARC_COMPACT2: u16 = 195;
const EM_CSKY: u16 = 252;
const EM_MSP430: u16 = 105;
const EM_TI_C6000: u16 = 140;
const EM_NDS32: u16 = 167;
const SHT_GNU_LIBLIST: u32 = 0x6fff_fff7;
const EM_68K: u16 = 4;
const EM_MIPS_RS3_LE: u16 = 10;
const EM_SPARC32PLUS: u16 = 18;
const EM_SPARCV9: u16 = 43;
const EM_S390_OLD: u16 = 0xa390;

/// readelf's `read_leb128` (unsigned): the value and the number of bytes
/// read, never reading at or past `end`.
pub(super) fn read_uleb(data: &[u8], p: usize, end: usize) -> (u64, usize) {
    let mut result: u64 = 0;
    let mut shift = 0u32;
    let mut n = 0usize;
    let end = end.min(data.len());
    let mut at = p;
    while at < end {
        let byte = data[at];
        at += 1;
        n += 1;
        if shift < 64 {
            result |= u64::from(byte & 0x7f) << shift;
            shift += 7;
        }
        if byte & 0x80 == 0 {
            break;
        }
    }
    (result, n)
}

/// The attribute displays of one machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PublicDisplay {
    Arm,
    Arc,
    Csky,
    Msp430,
    Tic6x,
    Riscv,
    /// `display_public_gnu_attributes`.
    Gnu,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ProcGnuDisplay {
    /// `display_generic_attribute`.
    Generic,
    M68k,
    Power,
    S390,
    Sparc,
    Mips,
    Msp430,
}

/// Appends `readelf -A` output (`wide` is `-W`, which only changes how
/// long strings are cut; `do_dynamic` is `-d`, which adds the MIPS library
/// list).
pub fn write_arch_specific(out: &mut Vec<u8>, elf: &ElfFile, wide: bool, do_dynamic: bool) {
    // process_object turns -A off when the section headers cannot be read.
    let headers_ok = if elf.shnum == 0 {
        elf.header.e_shoff == 0
    } else {
        matches!(elf.sections, Some(Ok(_)))
    };
    if !headers_ok {
        return;
    }
    let a = Attributes { elf, wide };
    // process_gnu_liblist runs just before process_arch_specific, also
    // under -A.
    write_gnu_liblist(out, elf, wide);
    match elf.header.e_machine {
        EM_MSP430 => a.process(
            out,
            Some(b"mspabi"),
            SHT_PROC_ATTRIBUTES_3,
            Some(PublicDisplay::Msp430),
            Some(ProcGnuDisplay::Msp430),
        ),
        EM_TI_C6000 => a.process(
            out,
            Some(b"c6xabi"),
            SHT_PROC_ATTRIBUTES_3,
            Some(PublicDisplay::Tic6x),
            Some(ProcGnuDisplay::Generic),
        ),
        EM_NDS32 => nds32_specific(out, elf),
        EM_ARC | EM_ARC_COMPACT | EM_ARC_COMPACT2 => a.process(
            out,
            Some(b"ARC"),
            SHT_ARC_ATTRIBUTES,
            Some(PublicDisplay::Arc),
            Some(ProcGnuDisplay::Generic),
        ),
        EM_CSKY => a.process(
            out,
            Some(b"csky"),
            SHT_CSKY_ATTRIBUTES,
            Some(PublicDisplay::Csky),
            None,
        ),
        EM_ARM => a.process(
            out,
            Some(b"aeabi"),
            SHT_PROC_ATTRIBUTES_3,
            Some(PublicDisplay::Arm),
            Some(ProcGnuDisplay::Generic),
        ),
        EM_MIPS | EM_MIPS_RS3_LE => super::mips::write_mips_specific(out, elf, &a, do_dynamic),
        EM_RISCV => a.process(
            out,
            Some(b"riscv"),
            SHT_PROC_ATTRIBUTES_3,
            Some(PublicDisplay::Riscv),
            Some(ProcGnuDisplay::Generic),
        ),
        EM_68K => a.process(
            out,
            None,
            SHT_GNU_ATTRIBUTES,
            None,
            Some(ProcGnuDisplay::M68k),
        ),
        EM_PPC | EM_PPC64 => a.process(
            out,
            None,
            SHT_GNU_ATTRIBUTES,
            None,
            Some(ProcGnuDisplay::Power),
        ),
        EM_S390 | EM_S390_OLD => a.process(
            out,
            None,
            SHT_GNU_ATTRIBUTES,
            None,
            Some(ProcGnuDisplay::S390),
        ),
        EM_SPARC | EM_SPARC32PLUS | EM_SPARCV9 => a.process(
            out,
            None,
            SHT_GNU_ATTRIBUTES,
            None,
            Some(ProcGnuDisplay::Sparc),
        ),
        _ => a.process(
            out,
            Some(b"gnu"),
            SHT_GNU_ATTRIBUTES,
            Some(PublicDisplay::Gnu),
            Some(ProcGnuDisplay::Generic),
        ),
    }
}

/// The attributes printer of one file.
pub(super) struct Attributes<'e, 'a> {
    pub elf: &'e ElfFile<'a>,
    pub wide: bool,
}

impl Attributes<'_, '_> {
    fn enc(&self) -> Encoding {
        Encoding::of(&self.elf.header)
    }

    /// `process_attributes`.
    pub fn process(
        &self,
        out: &mut Vec<u8>,
        public_name: Option<&[u8]>,
        proc_type: u32,
        display_pub: Option<PublicDisplay>,
        display_proc_gnu: Option<ProcGnuDisplay>,
    ) {
        for sect in self.elf.section_headers() {
            if sect.sh_type != proc_type && sect.sh_type != SHT_GNU_ATTRIBUTES {
                continue;
            }
            if sect.sh_size == 0 {
                continue;
            }
            let Ok(contents) =
                bytes::slice(self.elf.data, "attributes", sect.sh_offset, sect.sh_size)
            else {
                continue;
            };
            self.section(out, contents, public_name, display_pub, display_proc_gnu);
        }
    }

    fn section(
        &self,
        out: &mut Vec<u8>,
        contents: &[u8],
        public_name: Option<&[u8]>,
        display_pub: Option<PublicDisplay>,
        display_proc_gnu: Option<ProcGnuDisplay>,
    ) {
        let size = contents.len();
        if contents[0] != b'A' {
            let c = contents[0];
            out.extend_from_slice(b"Unknown attributes version '");
            out.push(c);
            let _ = writeln!(out, "'({c}) - expecting 'A'");
            return;
        }
        let enc = self.enc();
        let mut section_len = size as u64 - 1;
        let mut p = 1usize;
        while section_len > 0 {
            if section_len <= 4 {
                break;
            }
            let mut attr_len = u64::from(enc.u32(contents, p).unwrap_or(0));
            p += 4;
            if attr_len > section_len {
                attr_len = section_len;
            } else if attr_len < 5 {
                break;
            }
            section_len -= attr_len;
            attr_len -= 4;
            let name = c_str_at(contents, p);
            let namelen = (name.len() as u64).min(attr_len) + 1;
            if namelen >= attr_len {
                break;
            }
            out.extend_from_slice(b"Attribute Section: ");
            print_symbol(out, i32::MAX, name, self.wide);
            out.push(b'\n');
            let mut public_section = public_name.is_some_and(|n| n == name);
            let gnu_section = name == b"gnu";
            p += namelen as usize;
            attr_len -= namelen;

            while attr_len > 0 && p < size {
                if attr_len < 6 {
                    section_len = 0;
                    break;
                }
                let tag = contents[p];
                p += 1;
                let mut sub_size = u64::from(enc.u32(contents, p).unwrap_or(0));
                if sub_size > attr_len {
                    sub_size = attr_len;
                }
                if sub_size < 6 {
                    section_len = 0;
                    break;
                }
                attr_len -= sub_size;
                // readelf asserts this lies inside the section.
                let end = (p + sub_size as usize - 1).min(size);
                p += 4;
                match tag {
                    1 => out.extend_from_slice(b"File Attributes\n"),
                    2 | 3 => {
                        out.extend_from_slice(if tag == 2 {
                            b"Section Attributes:"
                        } else {
                            b"Symbol Attributes:"
                        });
                        loop {
                            let (val, n) = read_uleb(contents, p, end);
                            p += n;
                            let val = val as u32;
                            if val == 0 {
                                break;
                            }
                            let _ = write!(out, " {}", val as i32);
                        }
                        out.push(b'\n');
                    }
                    _ => {
                        let _ = writeln!(out, "Unknown tag: {tag}");
                        public_section = false;
                    }
                }
                if public_section && display_pub.is_some() {
                    while p < end {
                        p = self.display_public(out, display_pub, contents, p, end);
                    }
                } else if gnu_section && display_proc_gnu.is_some() {
                    while p < end {
                        p = self.display_gnu_attribute(out, display_proc_gnu, contents, p, end);
                    }
                } else if p < end {
                    out.extend_from_slice(b"  Unknown attribute:\n");
                    display_raw_attribute(out, &contents[p..end]);
                    p = end;
                } else {
                    attr_len = 0;
                }
            }
        }
    }

    fn display_public(
        &self,
        out: &mut Vec<u8>,
        which: Option<PublicDisplay>,
        c: &[u8],
        p: usize,
        end: usize,
    ) -> usize {
        match which {
            Some(PublicDisplay::Arm) => self.display_arm_attribute(out, c, p, end),
            Some(PublicDisplay::Arc) => self.display_arc_attribute(out, c, p, end),
            Some(PublicDisplay::Csky) => self.display_csky_attribute(out, c, p, end),
            Some(PublicDisplay::Msp430) => self.display_msp430_attribute(out, c, p, end),
            Some(PublicDisplay::Tic6x) => self.display_tic6x_attribute(out, c, p, end),
            Some(PublicDisplay::Riscv) => self.display_riscv_attribute(out, c, p, end),
            Some(PublicDisplay::Gnu) | None => {
                // display_public_gnu_attributes
                out.extend_from_slice(b"  Unknown GNU attribute: ");
                out.extend_from_slice(c_str_at(c, p));
                out.push(b'\n');
                let rest = &c[p..end];
                let n = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
                display_raw_attribute(out, &rest[n..]);
                end
            }
        }
    }

    /// `display_tag_value`.
    pub fn display_tag_value(
        &self,
        out: &mut Vec<u8>,
        tag: i32,
        c: &[u8],
        mut p: usize,
        end: usize,
    ) -> usize {
        if tag > 0 {
            let _ = write!(out, "  Tag_unknown_{tag}: ");
        }
        if p >= end {
            // readelf warns "<corrupt tag>" on stderr only.
        } else if tag & 1 != 0 {
            let maxlen = end - p - 1;
            out.push(b'"');
            if maxlen > 0 {
                print_symbol(out, maxlen as i32, c_str_at(c, p), self.wide);
                p += strnlen(c, p, maxlen) + 1;
            } else {
                out.extend_from_slice(b"<corrupt string tag>");
                p = end;
            }
            out.extend_from_slice(b"\"\n");
        } else {
            let (val, n) = read_uleb(c, p, end);
            p += n;
            let _ = writeln!(out, "{} (0x{val:x})", val as i64);
        }
        p
    }

    /// `display_gnu_attribute`.
    fn display_gnu_attribute(
        &self,
        out: &mut Vec<u8>,
        proc_display: Option<ProcGnuDisplay>,
        c: &[u8],
        mut p: usize,
        end: usize,
    ) -> usize {
        let (tag, n) = read_uleb(c, p, end);
        p += n;
        let tag = tag as u32;
        if tag == 32 {
            let (val, n) = read_uleb(c, p, end);
            p += n;
            let _ = write!(out, "flag = {}, vendor = ", val as u32 as i32);
            if p == end {
                out.extend_from_slice(b"<corrupt>\n");
            } else {
                p = self.vendor_string(out, c, p, end);
                out.push(b'\n');
            }
            return p;
        }
        if tag & 2 == 0 {
            if let Some(d) = proc_display {
                return self.display_proc_gnu(out, d, tag, c, p, end);
            }
        }
        self.display_tag_value(out, tag as i32, c, p, end)
    }

    /// The vendor name of `Tag_compatibility`, or `<corrupt>`.
    fn vendor_string(&self, out: &mut Vec<u8>, c: &[u8], mut p: usize, end: usize) -> usize {
        if p + 1 < end {
            let maxlen = end - p - 1;
            print_symbol(out, maxlen as i32, c_str_at(c, p), self.wide);
            p += strnlen(c, p, maxlen) + 1;
        } else {
            out.extend_from_slice(b"<corrupt>");
            p = end;
        }
        p
    }

    fn display_proc_gnu(
        &self,
        out: &mut Vec<u8>,
        which: ProcGnuDisplay,
        tag: u32,
        c: &[u8],
        mut p: usize,
        end: usize,
    ) -> usize {
        let uleb = |p: &mut usize| -> u32 {
            let (v, n) = read_uleb(c, *p, end);
            *p += n;
            v as u32
        };
        match which {
            ProcGnuDisplay::Generic => {
                if tag == 0 {
                    return end;
                }
                self.display_tag_value(out, tag as i32, c, p, end)
            }
            ProcGnuDisplay::M68k if tag == 4 => {
                out.extend_from_slice(b"  Tag_GNU_M68K_ABI_FP: ");
                if p == end {
                    out.extend_from_slice(b"<corrupt>\n");
                    return p;
                }
                let val = uleb(&mut p);
                if val > 3 {
                    let _ = write!(out, "({}), ", alt_hex(u64::from(val)));
                }
                match val & 3 {
                    0 => out.extend_from_slice(b"unspecified hard/soft float\n"),
                    1 => out.extend_from_slice(b"hard float\n"),
                    2 => out.extend_from_slice(b"soft float\n"),
                    _ => {}
                }
                p
            }
            ProcGnuDisplay::Power if tag == 4 || tag == 8 || tag == 12 => {
                let (label, limit) = match tag {
                    4 => ("Tag_GNU_Power_ABI_FP", 15),
                    8 => ("Tag_GNU_Power_ABI_Vector", 3),
                    _ => ("Tag_GNU_Power_ABI_Struct_Return", 2),
                };
                let _ = write!(out, "  {label}: ");
                if p == end {
                    out.extend_from_slice(b"<corrupt>\n");
                    return p;
                }
                let val = uleb(&mut p);
                if val > limit {
                    let _ = write!(out, "({}), ", alt_hex(u64::from(val)));
                }
                let text: &str = match tag {
                    4 => {
                        out.extend_from_slice(match val & 3 {
                            0 => b"unspecified hard/soft float, ".as_slice(),
                            1 => b"hard float, ",
                            2 => b"soft float, ",
                            _ => b"single-precision hard float, ",
                        });
                        match val & 0xc {
                            0 => "unspecified long double",
                            4 => "128-bit IBM long double",
                            8 => "64-bit long double",
                            _ => "128-bit IEEE long double",
                        }
                    }
                    8 => match val & 3 {
                        0 => "unspecified",
                        1 => "generic",
                        2 => "AltiVec",
                        _ => "SPE",
                    },
                    _ => match val & 3 {
                        0 => "unspecified",
                        1 => "r3/r4",
                        2 => "memory",
                        _ => "???",
                    },
                };
                let _ = writeln!(out, "{text}");
                p
            }
            ProcGnuDisplay::S390 if tag == 8 => {
                out.extend_from_slice(b"  Tag_GNU_S390_ABI_Vector: ");
                let val = uleb(&mut p);
                match val {
                    0 => out.extend_from_slice(b"any\n"),
                    1 => out.extend_from_slice(b"software\n"),
                    2 => out.extend_from_slice(b"hardware\n"),
                    _ => {
                        let _ = writeln!(out, "??? ({})", val as i32);
                    }
                }
                p
            }
            ProcGnuDisplay::Sparc if tag == 4 || tag == 8 => {
                let val = uleb(&mut p);
                if tag == 4 {
                    out.extend_from_slice(b"  Tag_GNU_Sparc_HWCAPS: ");
                    sparc_hwcaps(out, val, SPARC_HWCAPS);
                } else {
                    out.extend_from_slice(b"  Tag_GNU_Sparc_HWCAPS2: ");
                    sparc_hwcaps(out, val, SPARC_HWCAPS2);
                }
                p
            }
            ProcGnuDisplay::Sparc => self.display_tag_value(out, tag as i32, c, p, end),
            ProcGnuDisplay::Msp430 if tag == 4 => {
                out.extend_from_slice(b"  Tag_GNU_MSP430_Data_Region: ");
                let (val, n) = read_uleb(c, p, end);
                p += n;
                match val {
                    2 => out.extend_from_slice(b"Any Region\n"),
                    1 => out.extend_from_slice(b"Lower Region Only\n"),
                    _ => {
                        let _ = writeln!(out, "??? ({val})");
                    }
                }
                p
            }
            ProcGnuDisplay::Mips if tag == 4 => {
                out.extend_from_slice(b"  Tag_GNU_MIPS_ABI_FP: ");
                let val = uleb(&mut p);
                mips_fp_abi_value(out, val);
                p
            }
            ProcGnuDisplay::Mips if tag == 8 => {
                out.extend_from_slice(b"  Tag_GNU_MIPS_ABI_MSA: ");
                let val = uleb(&mut p);
                match val {
                    0 => out.extend_from_slice(b"Any MSA or not\n"),
                    1 => out.extend_from_slice(b"128-bit MSA\n"),
                    _ => {
                        let _ = writeln!(out, "??? ({})", val as i32);
                    }
                }
                p
            }
            _ => self.display_tag_value(out, (tag & 1) as i32, c, p, end),
        }
    }

    /// `display_arc_attribute`.
    fn display_arc_attribute(
        &self,
        out: &mut Vec<u8>,
        c: &[u8],
        mut p: usize,
        end: usize,
    ) -> usize {
        let uleb = |p: &mut usize| -> u32 {
            let (v, n) = read_uleb(c, *p, end);
            *p += n;
            v as u32
        };
        let tag = uleb(&mut p);
        match tag {
            4 => {
                let val = uleb(&mut p);
                let text = match val {
                    0 => "Absent/Non standard",
                    1 => "Bare metal/mwdt",
                    2 => "Bare metal/newlib",
                    3 => "Linux/uclibc",
                    4 => "Linux/glibc",
                    _ => "Unknown",
                };
                let _ = writeln!(out, "  Tag_ARC_PCS_config: {text}");
            }
            5 => {
                let val = uleb(&mut p);
                let text = match val {
                    1 => "ARC6xx",
                    2 => "ARC7xx",
                    3 => "ARCEM",
                    4 => "ARCHS",
                    _ => "Absent",
                };
                let _ = writeln!(out, "  Tag_ARC_CPU_base: {text}");
            }
            6 => {
                let val = uleb(&mut p);
                out.extend_from_slice(b"  Tag_ARC_CPU_variation: ");
                match val {
                    0 => out.extend_from_slice(b"Absent\n"),
                    1..=15 => {
                        let _ = writeln!(out, "Core{val}");
                    }
                    _ => out.extend_from_slice(b"Unknown\n"),
                }
            }
            7 => {
                out.extend_from_slice(b"  Tag_ARC_CPU_name: ");
                p = self.display_tag_value(out, -1, c, p, end);
            }
            8 => {
                let val = uleb(&mut p);
                let _ = writeln!(
                    out,
                    "  Tag_ARC_ABI_rf16: {}",
                    if val != 0 { "yes" } else { "no" }
                );
            }
            9 => {
                let val = uleb(&mut p);
                let _ = writeln!(out, "  Tag_ARC_ABI_osver: v{}", val as i32);
            }
            10 | 11 => {
                let val = uleb(&mut p);
                let label = if tag == 10 {
                    "Tag_ARC_ABI_sda"
                } else {
                    "Tag_ARC_ABI_pic"
                };
                let text = match val {
                    0 => "Absent",
                    1 => "MWDT",
                    2 => "GNU",
                    _ => "Unknown",
                };
                let _ = writeln!(out, "  {label}: {text}");
            }
            12 => {
                let val = uleb(&mut p);
                let _ = writeln!(
                    out,
                    "  Tag_ARC_ABI_tls: {}",
                    if val != 0 { "r25" } else { "none" }
                );
            }
            13 => {
                let val = uleb(&mut p);
                let _ = writeln!(
                    out,
                    "  Tag_ARC_ABI_enumsize: {}",
                    if val != 0 { "default" } else { "smallest" }
                );
            }
            14 => {
                let val = uleb(&mut p);
                let _ = writeln!(
                    out,
                    "  Tag_ARC_ABI_exceptions: {}",
                    if val != 0 { "OPTFP" } else { "default" }
                );
            }
            15 | 18 | 20 => {
                let val = uleb(&mut p);
                let label = match tag {
                    15 => "Tag_ARC_ABI_double_size",
                    18 => "Tag_ARC_ISA_mpy_option",
                    _ => "Tag_ARC_ATR_version",
                };
                let _ = writeln!(out, "  {label}: {}", val as i32);
            }
            16 | 17 => {
                let label = if tag == 16 {
                    "Tag_ARC_ISA_config"
                } else {
                    "Tag_ARC_ISA_apex"
                };
                let _ = write!(out, "  {label}: ");
                p = self.display_tag_value(out, -1, c, p, end);
            }
            _ => return self.display_tag_value(out, (tag & 1) as i32, c, p, end),
        }
        p
    }

    /// `display_csky_attribute`.
    fn display_csky_attribute(
        &self,
        out: &mut Vec<u8>,
        c: &[u8],
        mut p: usize,
        end: usize,
    ) -> usize {
        const TAG_CSKY_MAX: u64 = 0x17;
        let (tag, n) = read_uleb(c, p, end);
        p += n;
        if tag >= TAG_CSKY_MAX {
            return self.display_tag_value(out, -1, c, p, end);
        }
        let uleb = |p: &mut usize| -> u64 {
            let (v, n) = read_uleb(c, *p, end);
            *p += n;
            v
        };
        let labelled = |out: &mut Vec<u8>, label: &str| out.extend_from_slice(label.as_bytes());
        match tag {
            4 => {
                labelled(out, "  Tag_CSKY_ARCH_NAME:\t\t");
                return self.display_tag_value(out, -1, c, p, end);
            }
            5 => {
                labelled(out, "  Tag_CSKY_CPU_NAME:\t\t");
                return self.display_tag_value(out, -1, c, p, end);
            }
            6 => {
                labelled(out, "  Tag_CSKY_ISA_FLAGS:\t\t");
                return self.display_tag_value(out, 0, c, p, end);
            }
            7 => {
                labelled(out, "  Tag_CSKY_ISA_EXT_FLAGS:\t");
                return self.display_tag_value(out, 0, c, p, end);
            }
            8 => {
                labelled(out, "  Tag_CSKY_DSP_VERSION:\t\t");
                match uleb(&mut p) {
                    1 => out.extend_from_slice(b"DSP Extension\n"),
                    2 => out.extend_from_slice(b"DSP 2.0\n"),
                    _ => {}
                }
            }
            9 => {
                labelled(out, "  Tag_CSKY_VDSP_VERSION:\t");
                let v = uleb(&mut p);
                let _ = writeln!(out, "VDSP Version {}", v as i64);
            }
            0x10 => {
                labelled(out, "  Tag_CSKY_FPU_VERSION:\t\t");
                match uleb(&mut p) {
                    1 => out.extend_from_slice(b"ABIV1 FPU Version 1\n"),
                    2 => out.extend_from_slice(b"FPU Version 2\n"),
                    _ => {}
                }
            }
            0x11 => {
                labelled(out, "  Tag_CSKY_FPU_ABI:\t\t");
                match uleb(&mut p) {
                    3 => out.extend_from_slice(b"Hard\n"),
                    2 => out.extend_from_slice(b"SoftFP\n"),
                    1 => out.extend_from_slice(b"Soft\n"),
                    _ => {}
                }
            }
            0x12..=0x14 => {
                if uleb(&mut p) == 1 {
                    let label = match tag {
                        0x12 => "  Tag_CSKY_FPU_ROUNDING:\t",
                        0x13 => "  Tag_CSKY_FPU_DENORMAL:\t",
                        _ => "  Tag_CSKY_FPU_Exception:\t",
                    };
                    labelled(out, label);
                    out.extend_from_slice(b"Needed\n");
                }
            }
            0x15 => {
                labelled(out, "  Tag_CSKY_FPU_NUMBER_MODULE:\t");
                return self.display_tag_value(out, -1, c, p, end);
            }
            0x16 => {
                labelled(out, "  Tag_CSKY_FPU_HARDFP:\t\t");
                let v = uleb(&mut p);
                if v & 1 != 0 {
                    out.extend_from_slice(b" Half");
                }
                if v & 2 != 0 {
                    out.extend_from_slice(b" Single");
                }
                if v & 4 != 0 {
                    out.extend_from_slice(b" Double");
                }
                out.push(b'\n');
            }
            _ => return self.display_tag_value(out, tag as i32, c, p, end),
        }
        p
    }

    /// `display_msp430_attribute`.
    fn display_msp430_attribute(
        &self,
        out: &mut Vec<u8>,
        c: &[u8],
        mut p: usize,
        end: usize,
    ) -> usize {
        let (tag, n) = read_uleb(c, p, end);
        p += n;
        let table: Option<(&str, &[&str])> = match tag {
            4 => Some(("Tag_ISA", &["None", "MSP430", "MSP430X"])),
            6 => Some(("Tag_Code_Model", &["None", "Small", "Large"])),
            8 => Some((
                "Tag_Data_Model",
                &["None", "Small", "Large", "Restricted Large"],
            )),
            _ => None,
        };
        if let Some((label, names)) = table {
            let _ = write!(out, "  {label}: ");
            let (val, n) = read_uleb(c, p, end);
            p += n;
            match names.get(val as usize) {
                Some(name) => {
                    let _ = writeln!(out, "{name}");
                }
                None => {
                    let _ = writeln!(out, "??? ({})", val as i64);
                }
            }
            return p;
        }
        let _ = write!(out, "  <unknown tag {}>: ", tag as i64);
        if tag & 1 != 0 {
            out.push(b'"');
            p = self.vendor_string(out, c, p, end);
            out.extend_from_slice(b"\"\n");
        } else {
            let (val, n) = read_uleb(c, p, end);
            p += n;
            let _ = writeln!(out, "{} (0x{val:x})", val as i64);
        }
        p
    }

    /// `display_tic6x_attribute`.
    fn display_tic6x_attribute(
        &self,
        out: &mut Vec<u8>,
        c: &[u8],
        mut p: usize,
        end: usize,
    ) -> usize {
        let uleb = |p: &mut usize| -> u32 {
            let (v, n) = read_uleb(c, *p, end);
            *p += n;
            v as u32
        };
        let tag = uleb(&mut p);
        let table: Option<(&str, &[(u32, &str)])> = match tag {
            4 => Some((
                "Tag_ISA",
                &[
                    (0, "None"),
                    (1, "C62x"),
                    (3, "C67x"),
                    (4, "C67x+"),
                    (6, "C64x"),
                    (7, "C64x+"),
                    (8, "C674x"),
                ],
            )),
            6 => Some((
                "Tag_ABI_wchar_t",
                &[(0, "Not used"), (1, "2 bytes"), (2, "4 bytes")],
            )),
            8 => Some((
                "Tag_ABI_stack_align_needed",
                &[(0, "8-byte"), (1, "16-byte")],
            )),
            10 => Some((
                "Tag_ABI_stack_align_preserved",
                &[(0, "8-byte"), (1, "16-byte")],
            )),
            12 => Some((
                "Tag_ABI_DSBT",
                &[(0, "DSBT addressing not used"), (1, "DSBT addressing used")],
            )),
            14 => Some((
                "Tag_ABI_PID",
                &[
                    (0, "Data addressing position-dependent"),
                    (1, "Data addressing position-independent, GOT near DP"),
                    (2, "Data addressing position-independent, GOT far from DP"),
                ],
            )),
            16 => Some((
                "Tag_ABI_PIC",
                &[
                    (0, "Code addressing position-dependent"),
                    (1, "Code addressing position-independent"),
                ],
            )),
            18 => Some((
                "Tag_ABI_array_object_alignment",
                &[(0, "8-byte"), (1, "4-byte"), (2, "16-byte")],
            )),
            20 => Some((
                "Tag_ABI_array_object_align_expected",
                &[(0, "8-byte"), (1, "4-byte"), (2, "16-byte")],
            )),
            _ => None,
        };
        if let Some((label, names)) = table {
            let _ = write!(out, "  {label}: ");
            let val = uleb(&mut p);
            match names.iter().find(|(v, _)| *v == val) {
                Some((_, name)) => {
                    let _ = writeln!(out, "{name}");
                }
                None => {
                    let _ = writeln!(out, "??? ({})", val as i32);
                }
            }
            return p;
        }
        match tag {
            32 => {
                let val = uleb(&mut p);
                let _ = write!(
                    out,
                    "  Tag_ABI_compatibility: flag = {}, vendor = ",
                    val as i32
                );
                p = self.vendor_string(out, c, p, end);
                out.push(b'\n');
                p
            }
            67 => {
                out.extend_from_slice(b"  Tag_ABI_conformance: \"");
                p = self.vendor_string(out, c, p, end);
                out.extend_from_slice(b"\"\n");
                p
            }
            _ => self.display_tag_value(out, tag as i32, c, p, end),
        }
    }

    /// `display_riscv_attribute`.
    fn display_riscv_attribute(
        &self,
        out: &mut Vec<u8>,
        c: &[u8],
        mut p: usize,
        end: usize,
    ) -> usize {
        let (tag, n) = read_uleb(c, p, end);
        p += n;
        let name = match tag {
            5 => "Tag_RISCV_arch",
            8 => "Tag_RISCV_priv_spec",
            10 => "Tag_RISCV_priv_spec_minor",
            12 => "Tag_RISCV_priv_spec_revision",
            6 => "Tag_RISCV_unaligned_access",
            4 => "Tag_RISCV_stack_align",
            _ => return self.display_tag_value(out, tag as i32, c, p, end),
        };
        let _ = write!(out, "  {name}: ");
        let mut uleb = || {
            let (v, n) = read_uleb(c, p, end);
            p += n;
            v
        };
        match tag {
            8 | 10 | 12 => {
                let v = uleb();
                let _ = writeln!(out, "{v}");
            }
            6 => match uleb() {
                0 => out.extend_from_slice(b"No unaligned access\n"),
                1 => out.extend_from_slice(b"Unaligned access\n"),
                _ => {}
            },
            4 => {
                let v = uleb();
                let _ = writeln!(out, "{v}-bytes");
            }
            _ => return self.display_tag_value(out, -1, c, p, end),
        }
        p
    }

    /// `display_arm_attribute`.
    fn display_arm_attribute(
        &self,
        out: &mut Vec<u8>,
        c: &[u8],
        mut p: usize,
        end: usize,
    ) -> usize {
        let (tag, n) = read_uleb(c, p, end);
        p += n;
        let tag = tag as u32;
        let Some(attr) = ARM_ATTR_PUBLIC_TAGS.iter().find(|a| a.0 == tag) else {
            return self.display_tag_value(out, tag as i32, c, p, end);
        };
        let _ = write!(out, "  Tag_{}: ", attr.1);
        let uleb = |p: &mut usize| -> u32 {
            let (v, n) = read_uleb(c, *p, end);
            *p += n;
            v as u32
        };
        match attr.2 {
            ArmTagKind::Special => {
                match tag {
                    7 => {
                        let val = uleb(&mut p);
                        match val {
                            0 => out.extend_from_slice(b"None\n"),
                            0x41 => out.extend_from_slice(b"Application\n"),
                            0x52 => out.extend_from_slice(b"Realtime\n"),
                            0x4d => out.extend_from_slice(b"Microcontroller\n"),
                            0x53 => out.extend_from_slice(b"Application or Realtime\n"),
                            _ => {
                                let _ = writeln!(out, "??? ({})", val as i32);
                            }
                        }
                    }
                    24 | 25 => {
                        let val = uleb(&mut p);
                        match val {
                            0 => out.extend_from_slice(b"None\n"),
                            1 if tag == 24 => out.extend_from_slice(b"8-byte\n"),
                            1 => out.extend_from_slice(b"8-byte, except leaf SP\n"),
                            2 if tag == 24 => out.extend_from_slice(b"4-byte\n"),
                            2 => out.extend_from_slice(b"8-byte\n"),
                            3 => out.extend_from_slice(b"??? 3\n"),
                            v if v <= 12 => {
                                let _ =
                                    writeln!(out, "8-byte and up to {}-byte extended", 1i32 << v);
                            }
                            v => {
                                let _ = writeln!(out, "??? ({})", v as i32);
                            }
                        }
                    }
                    32 => {
                        let val = uleb(&mut p);
                        let _ = write!(out, "flag = {}, vendor = ", val as i32);
                        p = self.vendor_string(out, c, p, end);
                        out.push(b'\n');
                    }
                    64 => {
                        if p < end {
                            p += 1;
                        }
                        out.extend_from_slice(b"True\n");
                    }
                    65 => {
                        let val = uleb(&mut p);
                        if val == 6 {
                            let val = uleb(&mut p);
                            match ARM_CPU_ARCH.get(val as usize) {
                                Some(name) => {
                                    let _ = writeln!(out, "{name}");
                                }
                                None => {
                                    let _ = writeln!(out, "??? ({})", val as i32);
                                }
                            }
                        } else {
                            out.extend_from_slice(b"???\n");
                        }
                        while p < end {
                            let b = c[p];
                            p += 1;
                            if b == 0 {
                                break;
                            }
                        }
                    }
                    _ => {
                        let _ = writeln!(out, "<unknown: {}>", tag as i32);
                    }
                }
                p
            }
            ArmTagKind::String => self.display_tag_value(out, -1, c, p, end),
            ArmTagKind::Table(table) => {
                let val = uleb(&mut p);
                match table.get(val as usize) {
                    Some(name) => {
                        let _ = writeln!(out, "{name}");
                    }
                    None => {
                        let _ = writeln!(out, "??? ({})", val as i32);
                    }
                }
                p
            }
        }
    }
}

/// `process_nds32_specific`: the vector size from `.nds32_e_flags`.
fn nds32_specific(out: &mut Vec<u8>, elf: &ElfFile) {
    let Some(sect) = elf.section_by_name(b".nds32_e_flags") else {
        return;
    };
    if sect.sh_size < 4 {
        return;
    }
    out.extend_from_slice(b"\nNDS32 elf flags section:\n");
    let Ok(buf) = bytes::slice(elf.data, "NDS32 elf flags section", sect.sh_offset, 4) else {
        return;
    };
    let flag = Encoding::of(&elf.header).u32(buf, 0).unwrap_or(0);
    out.extend_from_slice(match flag & 3 {
        0 => b"(VEC_SIZE):\tNo entry.\n".as_slice(),
        1 => b"(VEC_SIZE):\t4 bytes\n",
        2 => b"(VEC_SIZE):\t16 bytes\n",
        _ => b"(VEC_SIZE):\treserved\n",
    });
}

/// `process_gnu_liblist`: prelink's `SHT_GNU_LIBLIST` sections.
fn write_gnu_liblist(out: &mut Vec<u8>, elf: &ElfFile, wide: bool) {
    let sections = elf.section_headers();
    let enc = Encoding::of(&elf.header);
    for section in sections.iter().filter(|s| s.sh_type == SHT_GNU_LIBLIST) {
        let Some(string_sec) = sections.get(section.sh_link as usize) else {
            continue;
        };
        if section.sh_size == 0 || string_sec.sh_size == 0 {
            continue;
        }
        let Ok(elib) = bytes::slice(
            elf.data,
            "liblist section data",
            section.sh_offset,
            section.sh_size,
        ) else {
            continue;
        };
        let Ok(strtab) = bytes::slice(
            elf.data,
            "liblist string table",
            string_sec.sh_offset,
            string_sec.sh_size,
        ) else {
            continue;
        };
        if section.sh_entsize != 20 {
            continue;
        }
        let count = section.sh_size / 20;
        out.extend_from_slice(b"\nLibrary list section '");
        out.extend_from_slice(&super::text::printable_section_name(
            super::sections::section_name_print(elf, section),
        ));
        let _ = writeln!(out, "' contains {count} entries:");
        out.extend_from_slice(
            b"     Library              Time Stamp          Checksum   Version Flags\n",
        );
        for (cnt, rec) in elib.chunks_exact(20).enumerate() {
            let word = |at: usize| enc.u32(rec, at).unwrap_or(0);
            let l_name = word(0);
            let _ = write!(out, "{cnt:3}: ");
            let name: &[u8] = if (l_name as usize) < strtab.len() {
                c_str_at(strtab, l_name as usize)
            } else {
                b"<corrupt>"
            };
            let shown = if wide {
                name
            } else {
                &name[..name.len().min(20)]
            };
            out.extend_from_slice(shown);
            out.resize(out.len() + 20usize.saturating_sub(shown.len()), b' ');
            let checksum = word(8);
            let checksum = if checksum == 0 {
                "0000000000".to_string()
            } else {
                format!("{checksum:#010x}")
            };
            let _ = writeln!(
                out,
                " {} {checksum} {:<7} {:<7}",
                super::mips::utc_timestamp(i64::from(word(4))),
                word(12),
                word(16)
            );
        }
    }
}

/// The C string at `p` of a buffer readelf NUL-terminates at its end.
pub(super) fn c_str_at(c: &[u8], p: usize) -> &[u8] {
    let rest = c.get(p..).unwrap_or(&[]);
    let n = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    &rest[..n]
}

fn strnlen(c: &[u8], p: usize, maxlen: usize) -> usize {
    c_str_at(c, p).len().min(maxlen)
}

/// `display_raw_attribute`: a hex and ASCII dump, 16 bytes a line.
fn display_raw_attribute(out: &mut Vec<u8>, bytes: &[u8]) {
    for (line, chunk) in bytes.chunks(16).enumerate() {
        let _ = write!(out, "  0x{:08x} ", line * 16);
        for j in 0..16 {
            match chunk.get(j) {
                Some(b) => {
                    let _ = write!(out, "{b:02x}");
                }
                None => out.extend_from_slice(b"  "),
            }
            if j & 3 == 3 {
                out.push(b' ');
            }
        }
        for &b in chunk {
            out.push(if (b' '..0x7f).contains(&b) { b } else { b'.' });
        }
        out.push(b'\n');
    }
    out.push(b'\n');
}

/// `print_mips_fp_abi_value`.
pub(super) fn mips_fp_abi_value(out: &mut Vec<u8>, val: u32) {
    let text = match val {
        0 => "Hard or soft float",
        1 => "Hard float (double precision)",
        2 => "Hard float (single precision)",
        3 => "Soft float",
        4 => "Hard float (MIPS32r2 64-bit FPU 12 callee-saved)",
        5 => "Hard float (32-bit CPU, Any FPU)",
        6 => "Hard float (32-bit CPU, 64-bit FPU)",
        7 => "Hard float compat (32-bit CPU, 64-bit FPU)",
        8 => "NaN 2008 compatibility",
        _ => {
            let _ = writeln!(out, "??? ({})", val as i32);
            return;
        }
    };
    let _ = writeln!(out, "{text}");
}

const SPARC_HWCAPS: &[(u32, &str)] = &[
    (0x1, "mul32"),
    (0x2, "div32"),
    (0x4, "fsmuld"),
    (0x8, "v8plus"),
    (0x10, "popc"),
    (0x20, "vis"),
    (0x40, "vis2"),
    (0x80, "ASIBlkInit"),
    (0x100, "fmaf"),
    (0x400, "vis3"),
    (0x800, "hpc"),
    (0x1000, "random"),
    (0x2000, "trans"),
    (0x4000, "fjfmau"),
    (0x8000, "ima"),
    (0x1_0000, "cspare"),
];

const SPARC_HWCAPS2: &[(u32, &str)] = &[
    (0x1, "fjathplus"),
    (0x2, "vis3b"),
    (0x4, "adp"),
    (0x8, "sparc5"),
    (0x10, "mwait"),
    (0x20, "xmpmul"),
    (0x40, "xmont2"),
    (0x80, "nsec"),
    (0x1000, "fjathhpc"),
    (0x2000, "fjdes"),
    (0x1_0000, "fjaes"),
];

/// `display_sparc_hwcaps` / `display_sparc_hwcaps2`.
fn sparc_hwcaps(out: &mut Vec<u8>, mask: u32, names: &[(u32, &str)]) {
    if mask == 0 {
        out.push(b'0');
    } else {
        let mut first = true;
        for (bit, name) in names {
            if mask & bit != 0 {
                if !first {
                    out.push(b'|');
                }
                out.extend_from_slice(name.as_bytes());
                first = false;
            }
        }
    }
    out.push(b'\n');
}

#[derive(Debug, Clone, Copy)]
enum ArmTagKind {
    Special,
    String,
    Table(&'static [&'static str]),
}

const ARM_CPU_ARCH: &[&str] = &[
    "Pre-v4",
    "v4",
    "v4T",
    "v5T",
    "v5TE",
    "v5TEJ",
    "v6",
    "v6KZ",
    "v6T2",
    "v6K",
    "v7",
    "v6-M",
    "v6S-M",
    "v7E-M",
    "v8",
    "v8-R",
    "v8-M.baseline",
    "v8-M.mainline",
    "v8.1-A",
    "v8.2-A",
    "v8.3-A",
    "v8.1-M.mainline",
    "v9",
];

const OPT_GOALS: &[&str] = &[
    "None",
    "Prefer Speed",
    "Aggressive Speed",
    "Prefer Size",
    "Aggressive Size",
    "Prefer Debug",
    "Aggressive Debug",
];

const FP_OPT_GOALS: &[&str] = &[
    "None",
    "Prefer Speed",
    "Aggressive Speed",
    "Prefer Size",
    "Aggressive Size",
    "Prefer Accuracy",
    "Aggressive Accuracy",
];

const NOT_ALLOWED_ALLOWED: &[&str] = &["Not Allowed", "Allowed"];
const UNUSED_NEEDED: &[&str] = &["Unused", "Needed"];

/// readelf's `arm_attr_public_tags`, in its order.
const ARM_ATTR_PUBLIC_TAGS: &[(u32, &str, ArmTagKind)] = &[
    (4, "CPU_raw_name", ArmTagKind::String),
    (5, "CPU_name", ArmTagKind::String),
    (6, "CPU_arch", ArmTagKind::Table(ARM_CPU_ARCH)),
    (7, "CPU_arch_profile", ArmTagKind::Special),
    (8, "ARM_ISA_use", ArmTagKind::Table(&["No", "Yes"])),
    (
        9,
        "THUMB_ISA_use",
        ArmTagKind::Table(&["No", "Thumb-1", "Thumb-2", "Yes"]),
    ),
    (
        10,
        "FP_arch",
        ArmTagKind::Table(&[
            "No",
            "VFPv1",
            "VFPv2",
            "VFPv3",
            "VFPv3-D16",
            "VFPv4",
            "VFPv4-D16",
            "FP for ARMv8",
            "FPv5/FP-D16 for ARMv8",
        ]),
    ),
    (
        11,
        "WMMX_arch",
        ArmTagKind::Table(&["No", "WMMXv1", "WMMXv2"]),
    ),
    (
        12,
        "Advanced_SIMD_arch",
        ArmTagKind::Table(&[
            "No",
            "NEONv1",
            "NEONv1 with Fused-MAC",
            "NEON for ARMv8",
            "NEON for ARMv8.1",
        ]),
    ),
    (
        13,
        "PCS_config",
        ArmTagKind::Table(&[
            "None",
            "Bare platform",
            "Linux application",
            "Linux DSO",
            "PalmOS 2004",
            "PalmOS (reserved)",
            "SymbianOS 2004",
            "SymbianOS (reserved)",
        ]),
    ),
    (
        14,
        "ABI_PCS_R9_use",
        ArmTagKind::Table(&["V6", "SB", "TLS", "Unused"]),
    ),
    (
        15,
        "ABI_PCS_RW_data",
        ArmTagKind::Table(&["Absolute", "PC-relative", "SB-relative", "None"]),
    ),
    (
        16,
        "ABI_PCS_RO_data",
        ArmTagKind::Table(&["Absolute", "PC-relative", "None"]),
    ),
    (
        17,
        "ABI_PCS_GOT_use",
        ArmTagKind::Table(&["None", "direct", "GOT-indirect"]),
    ),
    (
        18,
        "ABI_PCS_wchar_t",
        ArmTagKind::Table(&["None", "??? 1", "2", "??? 3", "4"]),
    ),
    (19, "ABI_FP_rounding", ArmTagKind::Table(UNUSED_NEEDED)),
    (
        20,
        "ABI_FP_denormal",
        ArmTagKind::Table(&["Unused", "Needed", "Sign only"]),
    ),
    (21, "ABI_FP_exceptions", ArmTagKind::Table(UNUSED_NEEDED)),
    (
        22,
        "ABI_FP_user_exceptions",
        ArmTagKind::Table(UNUSED_NEEDED),
    ),
    (
        23,
        "ABI_FP_number_model",
        ArmTagKind::Table(&["Unused", "Finite", "RTABI", "IEEE 754"]),
    ),
    (24, "ABI_align_needed", ArmTagKind::Special),
    (25, "ABI_align_preserved", ArmTagKind::Special),
    (
        26,
        "ABI_enum_size",
        ArmTagKind::Table(&["Unused", "small", "int", "forced to int"]),
    ),
    (
        27,
        "ABI_HardFP_use",
        ArmTagKind::Table(&["As Tag_FP_arch", "SP only", "Reserved", "Deprecated"]),
    ),
    (
        28,
        "ABI_VFP_args",
        ArmTagKind::Table(&["AAPCS", "VFP registers", "custom", "compatible"]),
    ),
    (
        29,
        "ABI_WMMX_args",
        ArmTagKind::Table(&["AAPCS", "WMMX registers", "custom"]),
    ),
    (30, "ABI_optimization_goals", ArmTagKind::Table(OPT_GOALS)),
    (
        31,
        "ABI_FP_optimization_goals",
        ArmTagKind::Table(FP_OPT_GOALS),
    ),
    (32, "compatibility", ArmTagKind::Special),
    (
        34,
        "CPU_unaligned_access",
        ArmTagKind::Table(&["None", "v6"]),
    ),
    (
        36,
        "FP_HP_extension",
        ArmTagKind::Table(&["Not Allowed", "Allowed"]),
    ),
    (
        38,
        "ABI_FP_16bit_format",
        ArmTagKind::Table(&["None", "IEEE 754", "Alternative Format"]),
    ),
    (
        42,
        "MPextension_use",
        ArmTagKind::Table(NOT_ALLOWED_ALLOWED),
    ),
    (
        44,
        "DIV_use",
        ArmTagKind::Table(&[
            "Allowed in Thumb-ISA, v7-R or v7-M",
            "Not allowed",
            "Allowed in v7-A with integer division extension",
        ]),
    ),
    (
        46,
        "DSP_extension",
        ArmTagKind::Table(&["Follow architecture", "Allowed"]),
    ),
    (
        48,
        "MVE_arch",
        ArmTagKind::Table(&["No MVE", "MVE Integer only", "MVE Integer and FP"]),
    ),
    (
        50,
        "PAC_extension",
        ArmTagKind::Table(&[
            "No PAC/AUT instructions",
            "PAC/AUT instructions permitted in the NOP space",
            "PAC/AUT instructions permitted in the NOP and in the non-NOP space",
        ]),
    ),
    (
        52,
        "BTI_extension",
        ArmTagKind::Table(&[
            "BTI instructions not permitted",
            "BTI instructions permitted in the NOP space",
            "BTI instructions permitted in the NOP and in the non-NOP space",
        ]),
    ),
    (
        74,
        "BTI_use",
        ArmTagKind::Table(&[
            "Compiled without branch target enforcement",
            "Compiled with branch target enforcement",
        ]),
    ),
    (
        76,
        "PACRET_use",
        ArmTagKind::Table(&[
            "Compiled without return address signing and authentication",
            "Compiled with return address signing and authentication",
        ]),
    ),
    (64, "nodefaults", ArmTagKind::Special),
    (65, "also_compatible_with", ArmTagKind::Special),
    (66, "T2EE_use", ArmTagKind::Table(NOT_ALLOWED_ALLOWED)),
    (67, "conformance", ArmTagKind::String),
    (
        68,
        "Virtualization_use",
        ArmTagKind::Table(&[
            "Not Allowed",
            "TrustZone",
            "Virtualization Extensions",
            "TrustZone and Virtualization Extensions",
        ]),
    ),
    (
        70,
        "MPextension_use_legacy",
        ArmTagKind::Table(NOT_ALLOWED_ALLOWED),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uleb_stops_at_end_and_at_last_byte() {
        assert_eq!(read_uleb(&[0xe5, 0x8e, 0x26], 0, 3), (624_485, 3));
        assert_eq!(read_uleb(&[0x80, 0x80], 0, 2), (0, 2));
        assert_eq!(read_uleb(&[0x05, 0x80], 0, 0), (0, 0));
    }

    #[test]
    fn raw_dump_matches_readelf_layout() {
        let mut out = Vec::new();
        display_raw_attribute(&mut out, b"abc\x01");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  0x00000000 61626301                            abc.\n\n"
        );
    }
}
