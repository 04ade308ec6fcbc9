//! Program headers (`Elf32_Phdr` / `Elf64_Phdr`), widened to 64 bits.

use scroll::Pread;

use super::bytes;
use super::error::TableError;
use super::header::FileHeader;

pub const PT_NULL: u32 = 0;
pub const PT_LOAD: u32 = 1;
pub const PT_DYNAMIC: u32 = 2;
pub const PT_INTERP: u32 = 3;
pub const PT_NOTE: u32 = 4;
pub const PT_SHLIB: u32 = 5;
pub const PT_PHDR: u32 = 6;
pub const PT_TLS: u32 = 7;
pub const PT_GNU_EH_FRAME: u32 = 0x6474_e550;
pub const PT_GNU_STACK: u32 = 0x6474_e551;
pub const PT_GNU_RELRO: u32 = 0x6474_e552;
pub const PT_GNU_PROPERTY: u32 = 0x6474_e553;
pub const PT_GNU_SFRAME: u32 = 0x6474_e554;
pub const PT_GNU_MBIND_LO: u32 = 0x6474_e555;
pub const PT_GNU_MBIND_HI: u32 = 0x6474_f554;

pub const PF_X: u32 = 1;
pub const PF_W: u32 = 2;
pub const PF_R: u32 = 4;

/// Size of one program header in a 32-bit and a 64-bit file.
pub const PHDR32_SIZE: u64 = 32;
pub const PHDR64_SIZE: u64 = 56;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgramHeader {
    pub p_type: u32,
    pub p_flags: u32,
    pub p_offset: u64,
    pub p_vaddr: u64,
    pub p_paddr: u64,
    pub p_filesz: u64,
    pub p_memsz: u64,
    pub p_align: u64,
}

impl From<goblin::elf::ProgramHeader> for ProgramHeader {
    fn from(p: goblin::elf::ProgramHeader) -> Self {
        ProgramHeader {
            p_type: p.p_type,
            p_flags: p.p_flags,
            p_offset: p.p_offset,
            p_vaddr: p.p_vaddr,
            p_paddr: p.p_paddr,
            p_filesz: p.p_filesz,
            p_memsz: p.p_memsz,
            p_align: p.p_align,
        }
    }
}

impl ProgramHeader {
    /// The segment's bytes in the file, if they are all inside it.
    pub fn file_bytes<'a>(&self, data: &'a [u8]) -> Result<&'a [u8], TableError> {
        bytes::slice(data, "segment", self.p_offset, self.p_filesz)
    }
}

/// Reads `count` program headers the way readelf's `get_program_headers`
/// does: the whole `e_phentsize * count` table must be inside the file, and
/// entries are decoded at a stride of the natural record size.
pub fn parse_table(
    data: &[u8],
    header: &FileHeader,
    count: u32,
) -> Result<Vec<ProgramHeader>, TableError> {
    let natural = if header.is_64() {
        PHDR64_SIZE
    } else {
        PHDR32_SIZE
    };
    let count = u64::from(count);
    // readelf: "Too many program headers - the file is not that big".
    if count.saturating_mul(natural) >= data.len() as u64 {
        return Err(TableError::TooManyProgramHeaders { count });
    }
    let entsize = u64::from(header.e_phentsize);
    if entsize < natural {
        return Err(TableError::EntrySizeTooSmall {
            table: "program headers",
            entsize,
            expected: natural,
        });
    }
    let table = bytes::table(data, "program headers", header.e_phoff, entsize, count)?;
    let ctx = header.ctx();
    (0..count)
        .map(|i| {
            table
                .pread_with::<goblin::elf::ProgramHeader>((i * natural) as usize, ctx)
                .map(ProgramHeader::from)
                .map_err(|e| TableError::Invalid {
                    table: "program headers",
                    message: e.to_string(),
                })
        })
        .collect()
}
