//! `readelf -u`: the unwind tables (readelf.c `process_unwind`).
//!
//! readelf decodes unwind tables for four machines: ARM and TI C6000
//! (`arm_process_unwind`: the EHABI `.ARM.exidx` index and its
//! `.ARM.extab` entries), IA-64 and PA-RISC. x86 gets one fixed line
//! (`no_processor_specific_unwind`); every other machine gets "not currently
//! supported".
//!
//! The EHABI decoder is a port of readelf's, which decodes while it prints:
//! where readelf stops mid-line on a truncated or unreadable table, so does
//! this one. Bytes, relocations and symbols come from the model
//! ([`crate::elf::reloc`], [`crate::elf::symbol`]); this module interprets
//! the unwind opcodes only for display.
//!
//! Not ported: the IA-64 (`ia64_process_unwind`) and PA-RISC
//! (`hppa_process_unwind`) table dumps; for those machines only the
//! "There are no unwind sections in this file." case is reproduced.

use std::io::Write;

use crate::elf::header::{EM_386, EM_ARM, EM_IA_64, EM_PARISC, EM_X86_64};
use crate::elf::reloc::{self, Reloc, RelocEntries, RelocFormat, RelocSymbols};
use crate::elf::reloc_names::{self, tables as reloc_tables};
use crate::elf::section::{SHT_REL, SHT_RELA, SHT_SYMTAB};
use crate::elf::symbol::{Symbol, STT_FUNC};
use crate::elf::{names, ElfFile, SectionHeader};

use super::sections::section_name_print;
use super::text::{alt_hex, printable_section_name};

const EM_TI_C6000: u16 = 140;
/// `SHT_ARM_EXIDX` and `SHT_C6000_UNWIND` (both `SHT_LOPROC + 1`).
const SHT_ARM_EXIDX: u32 = 0x7000_0001;
const SHT_C6000_UNWIND: u32 = 0x7000_0001;
/// `SHT_IA_64_UNWIND` (`SHT_LOPROC + 1`).
const SHT_IA_64_UNWIND: u32 = 0x7000_0001;

/// `readelf -u`. Prints nothing when readelf would have turned `-u` off
/// (unusable section headers).
pub fn write_unwind(out: &mut Vec<u8>, elf: &ElfFile) {
    if !reloc::section_headers_usable(elf) {
        return;
    }
    match elf.header.e_machine {
        EM_ARM | EM_TI_C6000 => arm_process_unwind(out, elf),
        EM_IA_64 => ia64_process_unwind(out, elf),
        EM_PARISC => hppa_process_unwind(out, elf),
        EM_386 | EM_X86_64 => {
            out.extend_from_slice(b"No processor specific unwind information to decode\n");
        }
        m => {
            let _ = writeln!(
                out,
                "\nThe decoding of unwind sections for machine type {} is not currently supported.",
                names::machine_name(m)
            );
        }
    }
}

/// The symbol table the unwind dumpers use: the last `SHT_SYMTAB` section
/// (readelf reloads on each and reports "Multiple symbol tables"). `Err`
/// when one cannot be loaded: readelf then returns without output.
fn unwind_symtab<'a>(elf: &ElfFile<'a>) -> Result<Option<RelocSymbols<'a>>, ()> {
    let mut symtab = None;
    for (i, s) in elf.section_headers().iter().enumerate() {
        if s.sh_type == SHT_SYMTAB {
            symtab = Some(reloc::get_symtab(elf, i).ok_or(())?);
        }
    }
    Ok(symtab)
}

fn ia64_process_unwind(out: &mut Vec<u8>, elf: &ElfFile) {
    if unwind_symtab(elf).is_err() {
        return;
    }
    if !elf
        .section_headers()
        .iter()
        .any(|s| s.sh_type == SHT_IA_64_UNWIND)
    {
        out.extend_from_slice(b"\nThere are no unwind sections in this file.\n");
    }
    // The IA-64 table dump itself is not ported.
}

fn hppa_process_unwind(out: &mut Vec<u8>, elf: &ElfFile) {
    if elf.shstrtab.is_none() || unwind_symtab(elf).is_err() {
        return;
    }
    if !elf
        .section_headers()
        .iter()
        .any(|s| elf.section_name(s) == Some(b".PARISC.unwind"))
    {
        out.extend_from_slice(b"\nThere are no unwind sections in this file.\n");
    }
    // The PA-RISC table dump itself is not ported.
}

/// An address as readelf's `struct absaddr`: a section index (an
/// `unsigned short`, so reserved indices are truncated) and an offset.
#[derive(Debug, Clone, Copy, Default)]
struct AbsAddr {
    section: u16,
    offset: u64,
}

/// readelf's `struct arm_section`: one unwind section's bytes and the
/// relocations against it, cached between reads.
#[derive(Debug, Default)]
struct ArmSection<'a> {
    sec: Option<usize>,
    data: Option<&'a [u8]>,
    /// `None` when no relocation section applies to the section.
    relocs: Option<Vec<Reloc>>,
    rel_type: u32,
    /// Index of the next relocation to look at (readelf's `next_rela`).
    next: usize,
}

/// readelf's `struct arm_unw_aux_info`.
struct ArmAux<'e, 'a> {
    elf: &'e ElfFile<'a>,
    symtab: Option<RelocSymbols<'a>>,
    /// `STT_FUNC` symbols with a non-zero value, sorted by value.
    funtab: Vec<Symbol>,
}

impl<'a> ArmAux<'_, 'a> {
    /// Section bytes as readelf's `get_data` gives them (`None` for an
    /// empty or out-of-file section).
    fn section_bytes(&self, sec: &SectionHeader) -> Option<&'a [u8]> {
        if sec.sh_size == 0 {
            return None;
        }
        crate::elf::bytes::slice(self.elf.data, "unwind data", sec.sh_offset, sec.sh_size).ok()
    }

    fn strtab_size(&self) -> u64 {
        self.symtab
            .as_ref()
            .and_then(|s| s.strings)
            .map_or(0, |s| s.len() as u64)
    }

    /// The string at `offset` of the symbol string table (readelf's
    /// `strtab + offset`, only called with `offset < strtab_size`).
    fn string(&self, offset: u64) -> &[u8] {
        self.symtab
            .as_ref()
            .and_then(|s| s.strings)
            .and_then(|s| crate::elf::bytes::c_str(s, offset))
            .unwrap_or(b"")
    }

    /// `REMOVE_ARCH_BITS`: the Thumb bit of ARM addresses.
    fn remove_arch_bits(&self, v: u64) -> u64 {
        if self.elf.header.e_machine == EM_ARM {
            v & !1
        } else {
            v
        }
    }

    /// readelf's `find_symbol_for_address` over `funtab`: the nearest named
    /// function at or below `addr` within 1 MiB, by readelf's binary search.
    fn find_symbol_for_address(&self, addr: AbsAddr) -> (Option<Vec<u8>>, u64) {
        let offset = self.remove_arch_bits(addr.offset);
        let mut dist: u64 = 0x10_0000;
        let mut best: Option<&Symbol> = None;
        let (mut beg, mut end) = (0usize, self.funtab.len());
        while beg < end {
            let mid = beg + (end - beg) / 2;
            let sym = &self.funtab[mid];
            let value = self.remove_arch_bits(sym.st_value);
            if sym.st_name != 0
                && (addr.section == 0 || u32::from(addr.section) == sym.st_shndx)
                && offset >= value
                && offset - value < dist
            {
                best = Some(sym);
                dist = offset - value;
                if dist == 0 {
                    break;
                }
            }
            if offset < value {
                end = mid;
            } else {
                beg = mid + 1;
            }
        }
        match best {
            Some(sym) => {
                let name = if u64::from(sym.st_name) >= self.strtab_size() {
                    b"<corrupt>".to_vec()
                } else {
                    self.string(u64::from(sym.st_name)).to_vec()
                };
                (Some(name), dist)
            }
            None => (None, offset),
        }
    }

    /// `arm_print_vma_and_name`.
    fn print_vma_and_name(
        &self,
        out: &mut Vec<u8>,
        fn_addr: u64,
        mut addr: AbsAddr,
    ) -> Option<Vec<u8>> {
        if addr.section == 0 {
            addr.offset = fn_addr;
        }
        let (procname, sym_offset) = self.find_symbol_for_address(addr);
        let _ = write!(out, "0x{fn_addr:x}");
        if let Some(name) = &procname {
            out.extend_from_slice(b" <");
            out.extend_from_slice(name);
            if sym_offset != 0 {
                let _ = write!(out, "+0x{sym_offset:x}");
            }
            out.push(b'>');
        }
        procname
    }

    /// readelf's `get_unwind_section_word`: the 32-bit word at
    /// `word_offset` of section `sec`, with an `R_ARM_PREL31` (or
    /// `R_C6000_PREL31`) relocation against it applied. `sym_name` receives
    /// the relocation symbol's `st_name`.
    fn section_word(
        &self,
        arm_sec: &mut ArmSection<'a>,
        sec: Option<usize>,
        word_offset: u64,
        addr: &mut AbsAddr,
        mut sym_name: Option<&mut u64>,
    ) -> Option<u32> {
        let sec_index = sec?;
        let elf = self.elf;
        let sections = elf.section_headers();
        let sec = sections.get(sec_index)?;
        *addr = AbsAddr::default();
        if let Some(n) = sym_name.as_deref_mut() {
            *n = u64::MAX;
        }
        if arm_sec.sec != Some(sec_index) {
            *arm_sec = ArmSection {
                sec: Some(sec_index),
                data: self.section_bytes(sec),
                ..ArmSection::default()
            };
            let shnum = u64::from(elf.shnum);
            for relsec in sections {
                if u64::from(relsec.sh_info) >= shnum
                    || relsec.sh_info as usize != sec_index
                    || (relsec.sh_type != SHT_REL && relsec.sh_type != SHT_RELA)
                {
                    continue;
                }
                arm_sec.rel_type = relsec.sh_type;
                let format = if relsec.sh_type == SHT_REL {
                    RelocFormat::Rel
                } else {
                    RelocFormat::Rela
                };
                match reloc::parse_entries(
                    elf.data,
                    &elf.header,
                    format,
                    relsec.sh_offset,
                    relsec.sh_size,
                ) {
                    Ok(RelocEntries::Relocs(r)) => arm_sec.relocs = Some(r),
                    _ => return None,
                }
                break;
            }
            arm_sec.next = 0;
        }
        let data = arm_sec.data?;
        if sec.sh_size < 4 || word_offset > sec.sh_size - 4 {
            return None;
        }
        let at = usize::try_from(word_offset).ok()?;
        let b: [u8; 4] = data.get(at..at + 4)?.try_into().ok()?;
        let mut word = match elf.header.byte_order() {
            crate::elf::header::ByteOrder::Little => u32::from_le_bytes(b),
            crate::elf::header::ByteOrder::Big => u32::from_be_bytes(b),
        };
        let Some(relocs) = &arm_sec.relocs else {
            return Some(word);
        };
        let machine = elf.header.e_machine;
        let mut wrapped = false;
        let mut rp = arm_sec.next;
        while rp != relocs.len() {
            if relocs[rp].r_offset > word_offset && !wrapped {
                rp = 0;
                wrapped = true;
            }
            let r = &relocs[rp];
            if r.r_offset > word_offset {
                break;
            }
            if r.r_offset & 3 != 0 || r.r_offset < word_offset {
                rp += 1;
                continue;
            }
            let Some(symtab) = &self.symtab else {
                rp += 1;
                continue;
            };
            let mut offset: u64 = if arm_sec.rel_type == SHT_REL {
                let mut o = u64::from(word & 0x7fff_ffff);
                if o & 0x4000_0000 != 0 {
                    o |= !0x7fff_ffffu64;
                }
                o
            } else {
                r.r_addend as u64
            };
            // ELF32_R_SYM, whatever the class.
            let sym_index = r.r_info >> 8;
            let Some(sym) = symtab.symbol(sym_index) else {
                break;
            };
            offset = offset.wrapping_add(sym.st_value);
            let mut prelval = offset.wrapping_sub(sec.sh_addr.wrapping_add(r.r_offset));
            let rtype = (r.r_info & 0xff) as u32;
            let (table, prel31) = if machine == EM_ARM {
                (reloc_tables::ARM, "R_ARM_PREL31")
            } else if machine == EM_TI_C6000 {
                (reloc_tables::TIC6X, "R_C6000_PREL31")
            } else {
                break;
            };
            // Unknown types, R_*_NONE and anything but PREL31 are skipped
            // (with a warning for all but NONE).
            if reloc_names::lookup(table, rtype) != Some(prel31) {
                rp += 1;
                continue;
            }
            if machine == EM_TI_C6000 {
                prelval >>= 1;
            }
            word = (word & !0x7fff_ffff) | (prelval as u32 & 0x7fff_ffff);
            addr.section = sym.st_shndx as u16;
            addr.offset = offset;
            if let Some(n) = sym_name.as_deref_mut() {
                *n = u64::from(sym.st_name);
            }
            break;
        }
        arm_sec.next = rp;
        Some(word)
    }
}

/// `arm_process_unwind`.
fn arm_process_unwind(out: &mut Vec<u8>, elf: &ElfFile) {
    let sec_type = if elf.header.e_machine == EM_ARM {
        SHT_ARM_EXIDX
    } else {
        SHT_C6000_UNWIND
    };
    if elf.shstrtab.is_none() {
        return;
    }
    let Ok(symtab) = unwind_symtab(elf) else {
        return;
    };
    let sections = elf.section_headers();
    if !sections.iter().any(|s| s.sh_type == sec_type) {
        out.extend_from_slice(b"\nThere are no unwind sections in this file.\n");
        return;
    }
    let mut funtab: Vec<Symbol> = symtab
        .as_ref()
        .map(|t| {
            t.symbols()
                .iter()
                .filter(|s| s.st_value != 0 && s.st_info & 0xf == STT_FUNC)
                .copied()
                .collect()
        })
        .unwrap_or_default();
    // qsort with symcmp; glibc's qsort is a stable merge sort here.
    funtab.sort_by_key(|s| s.st_value);
    let aux = ArmAux {
        elf,
        symtab,
        funtab,
    };
    let eh_addr_size: u64 = if elf.header.is_64() { 8 } else { 4 };
    for (i, sec) in sections.iter().enumerate() {
        if sec.sh_type != sec_type {
            continue;
        }
        let n = sec.sh_size / (2 * eh_addr_size);
        out.extend_from_slice(b"\nUnwind section '");
        out.extend_from_slice(&printable_section_name(section_name_print(elf, sec)));
        let _ = writeln!(
            out,
            "' at offset {} contains {n} {}:",
            alt_hex(sec.sh_offset),
            if n == 1 { "entry" } else { "entries" }
        );
        dump_arm_unwind(out, &aux, i, sec);
    }
}

/// `arm_expand_prel31`.
fn expand_prel31(machine: u16, word: u64, where_: u64) -> u64 {
    let mut offset = word & 0x7fff_ffff;
    if offset & 0x4000_0000 != 0 {
        offset |= !0x7fff_ffffu64;
    }
    if machine == EM_TI_C6000 {
        offset <<= 1;
    }
    offset.wrapping_add(where_)
}

/// `find_section_by_address`.
fn find_section_by_address(elf: &ElfFile, addr: u64) -> Option<usize> {
    elf.section_headers()
        .iter()
        .position(|s| addr >= s.sh_addr && addr < s.sh_addr.wrapping_add(s.sh_size))
}

/// `dump_arm_unwind`; false where readelf returns early.
fn dump_arm_unwind(out: &mut Vec<u8>, aux: &ArmAux, exidx: usize, exidx_sec: &SectionHeader) {
    let elf = aux.elf;
    let machine = elf.header.e_machine;
    let mut exidx_arm_sec = ArmSection::default();
    let mut extab_arm_sec = ArmSection::default();
    let exidx_len = (exidx_sec.sh_size / 8) as u32;
    for i in 0..u64::from(exidx_len) {
        out.push(b'\n');
        let mut fn_addr = AbsAddr::default();
        let mut entry_addr = AbsAddr::default();
        let Some(exidx_fn) =
            aux.section_word(&mut exidx_arm_sec, Some(exidx), 8 * i, &mut fn_addr, None)
        else {
            return;
        };
        let Some(exidx_entry) = aux.section_word(
            &mut exidx_arm_sec,
            Some(exidx),
            8 * i + 4,
            &mut entry_addr,
            None,
        ) else {
            return;
        };
        let fn_ = expand_prel31(
            machine,
            u64::from(exidx_fn),
            exidx_sec.sh_addr.wrapping_add(8 * i),
        );
        aux.print_vma_and_name(out, fn_, fn_addr);
        out.extend_from_slice(b": ");
        if exidx_entry == 1 {
            out.extend_from_slice(b"0x1 [cantunwind]\n");
        } else if exidx_entry & 0x8000_0000 != 0 {
            let _ = writeln!(out, "0x{exidx_entry:x}");
            let mut none = ArmSection::default();
            decode_arm_unwind(out, aux, exidx_entry, 4, 0, None, &mut none);
        } else {
            let table = expand_prel31(
                machine,
                u64::from(exidx_entry),
                exidx_sec.sh_addr.wrapping_add(8 * i + 4),
            );
            let _ = writeln!(out, "@0x{table:x}");
            let sections = elf.section_headers();
            let (table_sec, table_offset) =
                if entry_addr.section != 0 && u32::from(entry_addr.section) < elf.shnum {
                    let idx = usize::from(entry_addr.section);
                    let Some(s) = sections.get(idx) else {
                        continue;
                    };
                    if entry_addr.offset > s.sh_size {
                        continue;
                    }
                    (idx, entry_addr.offset)
                } else {
                    match find_section_by_address(elf, table) {
                        Some(idx) => (idx, table.wrapping_sub(sections[idx].sh_addr)),
                        None => continue,
                    }
                };
            decode_arm_unwind(
                out,
                aux,
                0,
                0,
                table_offset,
                Some(table_sec),
                &mut extab_arm_sec,
            );
        }
    }
    out.push(b'\n');
}

/// The state of readelf's `ADVANCE` / `GET_OP` macros.
struct OpReader<'s, 'e, 'a> {
    aux: &'s ArmAux<'e, 'a>,
    word: u32,
    remaining: u32,
    more_words: u32,
    data_offset: u64,
    data_sec: Option<usize>,
    data_arm_sec: &'s mut ArmSection<'a>,
}

impl OpReader<'_, '_, '_> {
    /// `ADVANCE`: fetch the next word when this one is used up. `None`
    /// when the word cannot be read (readelf returns).
    fn advance(&mut self) -> Option<()> {
        if self.remaining == 0 && self.more_words != 0 {
            self.data_offset = self.data_offset.wrapping_add(4);
            let mut addr = AbsAddr::default();
            self.word = self.aux.section_word(
                self.data_arm_sec,
                self.data_sec,
                self.data_offset,
                &mut addr,
                None,
            )?;
            self.remaining = 4;
            self.more_words -= 1;
        }
        Some(())
    }

    /// `GET_OP`: the next opcode byte, printed as `0x%02x `; `None` when
    /// readelf returns (after "[Truncated opcode]" if the data ran out).
    fn get_op(&mut self, out: &mut Vec<u8>) -> Option<u32> {
        self.advance()?;
        if self.remaining == 0 {
            out.extend_from_slice(b"[Truncated opcode]\n");
            return None;
        }
        self.remaining -= 1;
        let op = self.word >> 24;
        self.word <<= 8;
        let _ = write!(out, "0x{op:02x} ");
        Some(op)
    }

    /// The opcode that starts an instruction (no `0x%02x ` of its own);
    /// `Some(None)` at the end of the data.
    fn next_instruction(&mut self) -> Option<Option<u32>> {
        self.advance()?;
        if self.remaining == 0 {
            return Some(None);
        }
        self.remaining -= 1;
        let op = self.word >> 24;
        self.word <<= 8;
        Some(Some(op))
    }
}

/// `read_leb128` (unsigned) over the bytes of a `vsp`/`sp` adjustment.
fn uleb128(bytes: &[u8]) -> u64 {
    let mut result: u64 = 0;
    let mut shift = 0u32;
    for &b in bytes {
        if shift < 64 {
            result |= u64::from(b & 0x7f) << shift;
        }
        shift += 7;
    }
    result
}

/// `decode_arm_unwind_bytecode`.
fn decode_arm_bytecode(out: &mut Vec<u8>, r: &mut OpReader) -> Option<()> {
    loop {
        let Some(op) = r.next_instruction()? else {
            return Some(());
        };
        let _ = write!(out, "  0x{op:02x} ");
        if op & 0xc0 == 0x00 {
            let _ = write!(out, "     vsp = vsp + {}", ((op & 0x3f) << 2) + 4);
        } else if op & 0xc0 == 0x40 {
            let _ = write!(out, "     vsp = vsp - {}", ((op & 0x3f) << 2) + 4);
        } else if op & 0xf0 == 0x80 {
            let op2 = r.get_op(out)?;
            if op == 0x80 && op2 == 0 {
                out.extend_from_slice(b"Refuse to unwind");
            } else {
                let mask = ((op & 0x0f) << 8) | op2;
                out.extend_from_slice(b"pop {");
                let regs: Vec<String> = (0..12)
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| format!("r{}", 4 + i))
                    .collect();
                out.extend_from_slice(regs.join(", ").as_bytes());
                out.push(b'}');
            }
        } else if op & 0xf0 == 0x90 {
            if op == 0x9d || op == 0x9f {
                out.extend_from_slice(b"     [Reserved]");
            } else {
                let _ = write!(out, "     vsp = r{}", op & 0x0f);
            }
        } else if op & 0xf0 == 0xa0 {
            let end = 4 + (op & 0x07);
            let mut regs: Vec<String> = (4..=end).map(|i| format!("r{i}")).collect();
            if op & 0x08 != 0 {
                regs.push("r14".into());
            }
            let _ = write!(out, "     pop {{{}}}", regs.join(", "));
        } else if op == 0xb0 {
            out.extend_from_slice(b"     finish");
        } else if op == 0xb1 {
            let op2 = r.get_op(out)?;
            if op2 == 0 || op2 & 0xf0 != 0 {
                out.extend_from_slice(b"[Spare]");
            } else {
                let mask = op2 & 0x0f;
                let regs: Vec<String> = (0..12)
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| format!("r{i}"))
                    .collect();
                let _ = write!(out, "pop {{{}}}", regs.join(", "));
            }
        } else if op == 0xb2 {
            let mut buf = [0u8; 9];
            let mut i = 0;
            while i < buf.len() {
                buf[i] = r.get_op(out)? as u8;
                if buf[i] & 0x80 == 0 {
                    break;
                }
                i += 1;
            }
            if i < buf.len() {
                let offset = uleb128(&buf[..=i]).wrapping_mul(4).wrapping_add(0x204);
                let _ = write!(out, "vsp = vsp + {}", offset as i64);
            }
            // else: "corrupt change to vsp" on stderr.
        } else if op == 0xb3 || op == 0xc8 || op == 0xc9 {
            let op2 = r.get_op(out)?;
            let mut first = op2 >> 4;
            let last = op2 & 0x0f;
            if op == 0xc8 {
                first += 16;
            }
            let _ = write!(out, "pop {{D{first}");
            if last != 0 {
                let _ = write!(out, "-D{}", first + last);
            }
            out.push(b'}');
        } else if op == 0xb4 {
            out.extend_from_slice(b"     pop {ra_auth_code}");
        } else if op == 0xb5 {
            out.extend_from_slice(b"     vsp as modifier for PAC validation");
        } else if op & 0xf8 == 0xb8 || op & 0xf8 == 0xd0 {
            let count = op & 0x07;
            out.extend_from_slice(b"pop {D8");
            if count != 0 {
                let _ = write!(out, "-D{}", 8 + count);
            }
            out.push(b'}');
        } else if (0xc0..=0xc5).contains(&op) {
            let count = op & 0x07;
            out.extend_from_slice(b"     pop {wR10");
            if count != 0 {
                let _ = write!(out, "-wR{}", 10 + count);
            }
            out.push(b'}');
        } else if op == 0xc6 {
            let op2 = r.get_op(out)?;
            let first = op2 >> 4;
            let last = op2 & 0x0f;
            let _ = write!(out, "pop {{wR{first}");
            if last != 0 {
                let _ = write!(out, "-wR{}", first + last);
            }
            out.push(b'}');
        } else if op == 0xc7 {
            let op2 = r.get_op(out)?;
            if op2 == 0 || op2 & 0xf0 != 0 {
                out.extend_from_slice(b"[Spare]");
            } else {
                let mask = op2 & 0x0f;
                let regs: Vec<String> = (0..4)
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| format!("wCGR{i}"))
                    .collect();
                let _ = write!(out, "pop {{{}}}", regs.join(", "));
            }
        } else {
            out.extend_from_slice(b"     [unsupported opcode]");
        }
        out.push(b'\n');
    }
}

const TIC6X_REGNAMES: [&str; 16] = [
    "A15",
    "B15",
    "B14",
    "B13",
    "B12",
    "B11",
    "B10",
    "B3",
    "A14",
    "A13",
    "A12",
    "A11",
    "A10",
    "[invalid reg 13]",
    "[invalid reg 14]",
    "[invalid reg 15]",
];

/// `decode_tic6x_unwind_regmask`.
fn tic6x_regmask(out: &mut Vec<u8>, mut mask: u32) {
    let mut i = 12i32;
    while mask != 0 {
        if mask & 1 != 0 {
            // i only goes below 0 for masks wider than 13 bits, which
            // readelf never passes.
            out.extend_from_slice(TIC6X_REGNAMES[i.clamp(0, 15) as usize].as_bytes());
            if mask > 1 {
                out.extend_from_slice(b", ");
            }
        }
        mask >>= 1;
        i -= 1;
    }
}

/// `decode_tic6x_unwind_bytecode`.
fn decode_tic6x_bytecode(out: &mut Vec<u8>, r: &mut OpReader) -> Option<()> {
    loop {
        let Some(op) = r.next_instruction()? else {
            return Some(());
        };
        let _ = write!(out, "  0x{op:02x} ");
        if op & 0xc0 == 0x00 {
            let _ = write!(out, "     sp = sp + {}", ((op & 0x3f) << 3) + 8);
        } else if op & 0xc0 == 0x80 {
            let op2 = r.get_op(out)?;
            if op == 0x80 && op2 == 0 {
                out.extend_from_slice(b"Refuse to unwind");
            } else {
                let mask = ((op & 0x1f) << 8) | op2;
                if op & 0x20 != 0 {
                    out.extend_from_slice(b"pop compact {");
                } else {
                    out.extend_from_slice(b"pop {");
                }
                tic6x_regmask(out, mask);
                out.push(b'}');
            }
        } else if op & 0xf0 == 0xc0 {
            let mut regpos: Vec<(u32, u32)> = Vec::new();
            let mut i = 0u32;
            while (regpos.len() as u32) < (op & 0xf) {
                let op2 = r.get_op(out)?;
                if op2 >> 4 != 0xf {
                    regpos.push((i * 2, op2 >> 4));
                }
                if op2 & 0xf != 0xf {
                    regpos.push((i * 2 + 1, op2 & 0xf));
                }
                i += 1;
            }
            out.extend_from_slice(b"pop frame {");
            if regpos.is_empty() {
                out.extend_from_slice(b"*corrupt* - no registers specified");
            } else {
                let mut reg = regpos.len() - 1;
                let mut k = i * 2;
                while k > 0 {
                    let name = if regpos[reg].0 == k - 1 {
                        let n = TIC6X_REGNAMES[regpos[reg].1 as usize];
                        reg = reg.saturating_sub(1);
                        n
                    } else {
                        "[pad]"
                    };
                    out.extend_from_slice(name.as_bytes());
                    if k > 1 {
                        out.extend_from_slice(b", ");
                    }
                    k -= 1;
                }
            }
            out.push(b'}');
        } else if op == 0xd0 {
            out.extend_from_slice(b"     MOV FP, SP");
        } else if op == 0xd1 {
            out.extend_from_slice(b"     __c6xabi_pop_rts");
        } else if op == 0xd2 {
            let mut buf = [0u8; 9];
            let mut i = 0;
            while i < buf.len() {
                buf[i] = r.get_op(out)? as u8;
                if buf[i] & 0x80 == 0 {
                    break;
                }
                i += 1;
            }
            if i == buf.len() {
                return None;
            }
            let offset = uleb128(&buf[..=i]).wrapping_mul(8).wrapping_add(0x408);
            let _ = write!(out, "sp = sp + {}", offset as i64);
        } else if op & 0xf0 == 0xe0 {
            if op & 0x0f == 7 {
                out.extend_from_slice(b"     RETURN");
            } else {
                let _ = write!(out, "     MV {}, B3", TIC6X_REGNAMES[(op & 0x0f) as usize]);
            }
        } else {
            out.extend_from_slice(b"     [unsupported opcode]");
        }
        out.push(b'\n');
    }
}

/// `decode_arm_unwind`: one exception-handling table entry, inline in the
/// index (`word` with `remaining` 4) or at `data_offset` of `data_sec`.
fn decode_arm_unwind<'a>(
    out: &mut Vec<u8>,
    aux: &ArmAux<'_, 'a>,
    mut word: u32,
    mut remaining: u32,
    data_offset: u64,
    data_sec: Option<usize>,
    data_arm_sec: &mut ArmSection<'a>,
) -> Option<()> {
    let elf = aux.elf;
    let machine = elf.header.e_machine;
    let mut addr = AbsAddr::default();
    let mut sym_name = u64::MAX;
    if remaining == 0 {
        word = aux.section_word(
            data_arm_sec,
            data_sec,
            data_offset,
            &mut addr,
            Some(&mut sym_name),
        )?;
        remaining = 4;
    }
    let mut more_words = 0u32;
    if word & 0x8000_0000 == 0 {
        let sec_addr = data_sec
            .and_then(|i| elf.section_headers().get(i))
            .map_or(0, |s| s.sh_addr);
        let fn_ = expand_prel31(machine, u64::from(word), sec_addr.wrapping_add(data_offset));
        out.extend_from_slice(b"  Personality routine: ");
        let procname = if fn_ == 0
            && addr.section == 0
            && addr.offset == 0
            && sym_name != u64::MAX
            && sym_name < aux.strtab_size()
        {
            let name = aux.string(sym_name).to_vec();
            let _ = write!(out, "0x{fn_:x} <");
            out.extend_from_slice(&name);
            out.push(b'>');
            Some(name)
        } else {
            aux.print_vma_and_name(out, fn_, addr)
        };
        out.push(b'\n');
        let gnu = procname.as_ref().is_some_and(|p| {
            [
                &b"__gcc_personality_v0"[..],
                b"__gxx_personality_v0",
                b"__gcj_personality_v0",
                b"__gnu_objc_personality_v0",
            ]
            .iter()
            .any(|prefix| p.starts_with(prefix))
        });
        if !gnu {
            return Some(());
        }
        let mut r = OpReader {
            aux,
            word,
            remaining: 0,
            more_words: 1,
            data_offset,
            data_sec,
            data_arm_sec,
        };
        r.advance()?;
        if r.remaining == 0 {
            out.extend_from_slice(b"  [Truncated data]\n");
            return None;
        }
        r.more_words = r.word >> 24;
        r.word <<= 8;
        r.remaining -= 1;
        return decode_by_machine(out, &mut r, -1, machine);
    }
    let per_index = ((word >> 24) & 0x7f) as i32;
    let _ = writeln!(out, "  Compact model index: {per_index}");
    if per_index == 0 {
        word <<= 8;
        remaining -= 1;
    } else if per_index < 3 {
        more_words = (word >> 16) & 0xff;
        word <<= 16;
        remaining -= 2;
    }
    let mut r = OpReader {
        aux,
        word,
        remaining,
        more_words,
        data_offset,
        data_sec,
        data_arm_sec,
    };
    decode_by_machine(out, &mut r, per_index, machine)
}

/// The machine switch at the end of `decode_arm_unwind`.
fn decode_by_machine(
    out: &mut Vec<u8>,
    r: &mut OpReader,
    per_index: i32,
    machine: u16,
) -> Option<()> {
    if machine == EM_ARM {
        if per_index < 3 {
            decode_arm_bytecode(out, r)
        } else {
            out.extend_from_slice(b"  [reserved]\n");
            Some(())
        }
    } else if per_index < 3 {
        decode_tic6x_bytecode(out, r)
    } else if per_index < 5 {
        let word = r.word;
        if (word >> 17) & 0x7f == 0x7f {
            out.extend_from_slice(b"  Restore stack from frame pointer\n");
        } else {
            let _ = writeln!(out, "  Stack increment {}", (word >> 14) & 0x1fc);
        }
        out.extend_from_slice(b"  Registers restored: ");
        if per_index == 4 {
            out.extend_from_slice(b" (compact) ");
        }
        tic6x_regmask(out, (word >> 4) & 0x1fff);
        out.push(b'\n');
        let _ = writeln!(
            out,
            "  Return register: {}",
            TIC6X_REGNAMES[(word & 0xf) as usize]
        );
        Some(())
    } else {
        let _ = writeln!(out, "  [reserved ({per_index})]");
        Some(())
    }
}
