//! An ELF file seen the way Go 1.19's `debug/elf.NewFile` sees it, with the
//! two operations `debug/buildinfo` needs from it (`elfExe.DataStart` and
//! `elfExe.ReadData`, src/debug/buildinfo/buildinfo.go).
//!
//! `go version` accepts or rejects a file by these rules, not readelf's: no
//! extended numbering, header tables read at a stride of `e_phentsize` /
//! `e_shentsize` whatever their value, every section name must resolve, and
//! addresses are looked up in *every* program header in table order (not
//! only `PT_LOAD`), with Go's wrapping arithmetic. Nothing is allocated:
//! headers are decoded again when needed, through the checked gate.

use goblin::container::{Container, Ctx, Endian};
use scroll::Pread;

use super::{FormatProblem, GoBuildInfoError};
use crate::elf::bytes;
use crate::elf::header::{FileHeader, EI_CLASS, EI_DATA, EI_VERSION, ELFCLASS32, ELFCLASS64};
use crate::elf::section::SHT_NOBITS;
use crate::elf::segment::{ProgramHeader, PF_W, PF_X, PT_LOAD};

/// `SHF_COMPRESSED`.
const SHF_COMPRESSED: u64 = 0x800;

/// The section name string table as Go's `Section.Data` returns it.
#[derive(Debug, Clone, Copy)]
enum Names<'a> {
    Bytes(&'a [u8]),
    /// An `SHT_NOBITS` table reads as this many zero bytes.
    Zeros(u64),
}

impl Names<'_> {
    /// `debug/elf.getString`: the name must start inside the table and be
    /// NUL-terminated inside it.
    fn get(&self, start: u32) -> Option<&[u8]> {
        match self {
            Names::Bytes(t) => {
                let rest = t.get(start as usize..)?;
                let end = rest.iter().position(|&b| b == 0)?;
                Some(&rest[..end])
            }
            Names::Zeros(n) => (u64::from(start) < *n).then_some(&[][..]),
        }
    }
}

/// One section header, the fields Go's build info reader uses.
#[derive(Debug, Clone, Copy)]
struct GoSection {
    name: u32,
    addr: u64,
}

/// The program and section headers of an ELF file accepted by Go's
/// `debug/elf.NewFile`.
#[derive(Debug)]
pub(super) struct GoElf<'a> {
    data: &'a [u8],
    ctx: Ctx,
    is_64: bool,
    phoff: u64,
    phentsize: u64,
    phnum: u64,
    shoff: u64,
    shentsize: u64,
    shnum: u64,
    names: Names<'a>,
}

fn problem(reason: FormatProblem) -> GoBuildInfoError {
    GoBuildInfoError::UnrecognizedFormat { reason }
}

impl<'a> GoElf<'a> {
    /// `debug/elf.NewFile`'s checks; any failure is
    /// `errUnrecognizedFormat` to `readRawBuildInfo`.
    pub(super) fn parse(data: &'a [u8]) -> Result<GoElf<'a>, GoBuildInfoError> {
        let header_problem = |message| problem(FormatProblem::ElfHeader { message });
        let ident = data.get(..16).ok_or(header_problem("file too short"))?;
        if ident[EI_CLASS] != ELFCLASS32 && ident[EI_CLASS] != ELFCLASS64 {
            return Err(header_problem("unknown ELF class"));
        }
        if ident[EI_DATA] != 1 && ident[EI_DATA] != 2 {
            return Err(header_problem("unknown ELF data encoding"));
        }
        if ident[EI_VERSION] != 1 {
            return Err(header_problem("unknown ELF version"));
        }
        let header = FileHeader::parse(data).map_err(|_| header_problem("file too short"))?;
        // Go converts e_version to its one-byte `Version` type first.
        if header.e_version as u8 != 1 {
            return Err(header_problem("mismatched ELF version"));
        }
        // Go keeps offsets in an int64.
        if header.e_shoff > i64::MAX as u64 {
            return Err(header_problem("invalid shoff"));
        }
        if header.e_phoff > i64::MAX as u64 {
            return Err(header_problem("invalid phoff"));
        }
        let shnum = u64::from(header.e_shnum);
        if header.e_shoff == 0 && shnum != 0 {
            return Err(header_problem("invalid ELF shnum for shoff=0"));
        }
        let shstrndx = u64::from(header.e_shstrndx);
        if shnum > 0 && shstrndx >= shnum {
            return Err(header_problem("invalid ELF shstrndx"));
        }
        let container = if header.is_64() {
            Container::Big
        } else {
            Container::Little
        };
        let endian = if ident[EI_DATA] == 2 {
            Endian::Big
        } else {
            Endian::Little
        };
        let mut elf = GoElf {
            data,
            ctx: Ctx::new(container, endian),
            is_64: header.is_64(),
            phoff: header.e_phoff,
            phentsize: u64::from(header.e_phentsize),
            phnum: u64::from(header.e_phnum),
            shoff: header.e_shoff,
            shentsize: u64::from(header.e_shentsize),
            shnum,
            names: Names::Zeros(0),
        };
        for i in 0..elf.phnum {
            elf.prog(i)?;
        }
        let mut shstrtab = None;
        for i in 0..elf.shnum {
            let s = elf.raw_section(i)?;
            let bad = |message| problem(FormatProblem::SectionHeader { index: i, message });
            if s.sh_offset > i64::MAX as u64 {
                return Err(bad("invalid section offset"));
            }
            if s.sh_size > i64::MAX as u64 {
                return Err(bad("invalid section size"));
            }
            if s.sh_flags & SHF_COMPRESSED != 0 {
                // The compression header must be readable inside the section.
                let chdr = if header.is_64() { 24 } else { 12 };
                if s.sh_size < chdr || bytes::slice(data, "section", s.sh_offset, chdr).is_err() {
                    return Err(bad("compression header past end of section"));
                }
            }
            if i == shstrndx {
                shstrtab = Some(s);
            }
        }
        if let Some(s) = shstrtab {
            // Go's Section.Open: NOBITS first, then compression.
            elf.names = if s.sh_type == SHT_NOBITS {
                Names::Zeros(s.sh_size)
            } else if s.sh_flags & SHF_COMPRESSED != 0 {
                // Go would inflate it; relf does not decompress.
                return Err(GoBuildInfoError::Unsupported {
                    what: "a compressed section name table",
                });
            } else {
                let table = bytes::slice(data, "section names", s.sh_offset, s.sh_size)
                    .map_err(|_| problem(FormatProblem::SectionNames))?;
                Names::Bytes(table)
            };
            for i in 0..elf.shnum {
                let s = elf.section(i)?;
                if elf.names.get(s.name).is_none() {
                    return Err(problem(FormatProblem::SectionName { index: i }));
                }
            }
        }
        Ok(elf)
    }

    /// The bytes of one header-table entry of `natural` bytes.
    fn entry(&self, off: u64, stride: u64, i: u64, natural: u64) -> Option<&'a [u8]> {
        let at = stride.checked_mul(i).and_then(|d| off.checked_add(d))?;
        bytes::slice(self.data, "header table", at, natural).ok()
    }

    fn prog(&self, i: u64) -> Result<ProgramHeader, GoBuildInfoError> {
        let natural = if self.is_64 { 56 } else { 32 };
        let raw = self
            .entry(self.phoff, self.phentsize, i, natural)
            .ok_or(problem(FormatProblem::ProgramHeader { index: i }))?;
        raw.pread_with::<goblin::elf::ProgramHeader>(0, self.ctx)
            .map(ProgramHeader::from)
            .map_err(|_| problem(FormatProblem::ProgramHeader { index: i }))
    }

    fn raw_section(&self, i: u64) -> Result<goblin::elf::SectionHeader, GoBuildInfoError> {
        let natural = if self.is_64 { 64 } else { 40 };
        let bad = || {
            problem(FormatProblem::SectionHeader {
                index: i,
                message: "past end of file",
            })
        };
        let raw = self
            .entry(self.shoff, self.shentsize, i, natural)
            .ok_or_else(bad)?;
        raw.pread_with::<goblin::elf::SectionHeader>(0, self.ctx)
            .map_err(|_| bad())
    }

    fn section(&self, i: u64) -> Result<GoSection, GoBuildInfoError> {
        let s = self.raw_section(i)?;
        Ok(GoSection {
            name: s.sh_name as u32,
            addr: s.sh_addr,
        })
    }

    /// `elfExe.DataStart`: the address of the first section named
    /// `.go.buildinfo`, else of the first `PT_LOAD` that is writable and not
    /// executable, else 0.
    pub(super) fn data_start(&self) -> u64 {
        for i in 0..self.shnum {
            if let Ok(s) = self.section(i) {
                if self.names.get(s.name) == Some(b".go.buildinfo") {
                    return s.addr;
                }
            }
        }
        for i in 0..self.phnum {
            if let Ok(p) = self.prog(i) {
                if p.p_type == PT_LOAD && p.p_flags & (PF_X | PF_W) == PF_W {
                    return p.p_vaddr;
                }
            }
        }
        0
    }

    /// `elfExe.ReadData`: up to `size` bytes at virtual address `addr`, from
    /// the first program header (of any type) whose file image covers it,
    /// read as Go's `io.SectionReader` over `p_offset`/`p_filesz` and
    /// `os.File.ReadAt` would. Returns the bytes and their file offset.
    pub(super) fn read_data(
        &self,
        addr: u64,
        size: u64,
    ) -> Result<(u64, &'a [u8]), GoBuildInfoError> {
        for i in 0..self.phnum {
            let p = self.prog(i)?;
            // Go: prog.Vaddr <= addr && addr <= prog.Vaddr+prog.Filesz-1, in
            // uint64 arithmetic (so an empty segment at 0 covers everything).
            let end = p.p_vaddr.wrapping_add(p.p_filesz);
            if !(p.p_vaddr <= addr && addr <= end.wrapping_sub(1)) {
                continue;
            }
            let n = end.wrapping_sub(addr).min(size);
            let eof = GoBuildInfoError::Eof {
                address: addr,
                size,
            };
            // io.SectionReader.ReadAt(buf[:n], int64(addr-Vaddr)).
            let off = addr.wrapping_sub(p.p_vaddr) as i64;
            let limit = p.p_filesz as i64;
            if off < 0 || off >= limit {
                return Err(eof);
            }
            let max = (limit - off) as u64;
            let want = n.min(max);
            // os.File.ReadAt at base+off.
            let file_off = (p.p_offset as i64).wrapping_add(off);
            if file_off < 0 {
                return Err(GoBuildInfoError::NegativeOffset { address: addr });
            }
            let file_off = file_off as u64;
            let bytes = if want == 0 {
                &[][..]
            } else {
                bytes::slice(self.data, "segment", file_off, want).map_err(|_| eof.clone())?
            };
            if want < n {
                return Err(eof);
            }
            return Ok((file_off, bytes));
        }
        Err(problem(FormatProblem::AddressNotMapped { address: addr }))
    }
}
