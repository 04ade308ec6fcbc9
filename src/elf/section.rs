//! Section headers (`Elf32_Shdr` / `Elf64_Shdr`), widened to 64 bits, and
//! their names from the section header string table.

use scroll::Pread;

use super::bytes;
use super::error::TableError;
use super::header::FileHeader;

pub const SHT_NULL: u32 = 0;
pub const SHT_PROGBITS: u32 = 1;
pub const SHT_SYMTAB: u32 = 2;
pub const SHT_STRTAB: u32 = 3;
pub const SHT_RELA: u32 = 4;
pub const SHT_HASH: u32 = 5;
pub const SHT_DYNAMIC: u32 = 6;
pub const SHT_NOTE: u32 = 7;
pub const SHT_NOBITS: u32 = 8;
pub const SHT_REL: u32 = 9;
pub const SHT_DYNSYM: u32 = 11;
pub const SHT_GROUP: u32 = 17;
pub const SHT_RELR: u32 = 19;

pub const SHF_WRITE: u64 = 0x1;
pub const SHF_ALLOC: u64 = 0x2;
pub const SHF_EXECINSTR: u64 = 0x4;
pub const SHF_TLS: u64 = 0x400;

/// Size of one section header in a 32-bit and a 64-bit file.
pub const SHDR32_SIZE: u64 = 40;
pub const SHDR64_SIZE: u64 = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionHeader {
    pub sh_name: u32,
    pub sh_type: u32,
    pub sh_flags: u64,
    pub sh_addr: u64,
    pub sh_offset: u64,
    pub sh_size: u64,
    pub sh_link: u32,
    pub sh_info: u32,
    pub sh_addralign: u64,
    pub sh_entsize: u64,
}

impl From<goblin::elf::SectionHeader> for SectionHeader {
    fn from(s: goblin::elf::SectionHeader) -> Self {
        SectionHeader {
            sh_name: s.sh_name as u32,
            sh_type: s.sh_type,
            sh_flags: s.sh_flags,
            sh_addr: s.sh_addr,
            sh_offset: s.sh_offset,
            sh_size: s.sh_size,
            sh_link: s.sh_link,
            sh_info: s.sh_info,
            sh_addralign: s.sh_addralign,
            sh_entsize: s.sh_entsize,
        }
    }
}

impl SectionHeader {
    /// The section's bytes in the file (empty for `SHT_NOBITS`).
    pub fn file_bytes<'a>(&self, data: &'a [u8]) -> Result<&'a [u8], TableError> {
        if self.sh_type == SHT_NOBITS {
            return Ok(&[]);
        }
        bytes::slice(data, "section", self.sh_offset, self.sh_size)
    }
}

fn natural_size(header: &FileHeader) -> u64 {
    if header.is_64() {
        SHDR64_SIZE
    } else {
        SHDR32_SIZE
    }
}

/// Reads `count` section headers the way readelf's `get_section_headers`
/// does: nothing when `e_shentsize` or `e_shoff` is zero, the whole
/// `e_shentsize * count` table inside the file, and entries decoded at a
/// stride of the natural record size.
pub fn parse_table(
    data: &[u8],
    header: &FileHeader,
    count: u32,
) -> Result<Vec<SectionHeader>, TableError> {
    let natural = natural_size(header);
    let entsize = u64::from(header.e_shentsize);
    if entsize == 0 || count == 0 || header.e_shoff == 0 {
        return Err(TableError::Invalid {
            table: "section headers",
            message: "no section header table (e_shentsize, e_shnum or e_shoff is zero)".into(),
        });
    }
    if entsize < natural {
        return Err(TableError::EntrySizeTooSmall {
            table: "section headers",
            entsize,
            expected: natural,
        });
    }
    let count = u64::from(count);
    let table = bytes::table(data, "section headers", header.e_shoff, entsize, count)?;
    let ctx = header.ctx();
    (0..count)
        .map(|i| {
            table
                .pread_with::<goblin::elf::SectionHeader>((i * natural) as usize, ctx)
                .map(SectionHeader::from)
                .map_err(|e| TableError::Invalid {
                    table: "section headers",
                    message: e.to_string(),
                })
        })
        .collect()
}
