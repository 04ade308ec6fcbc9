//! The ELF file header (`Elf32_Ehdr` / `Elf64_Ehdr`), widened to 64 bits.
//!
//! Class and byte order are taken the way GNU readelf takes them
//! (`get_file_header` in binutils readelf.c): any `EI_CLASS` other than
//! `ELFCLASS64` is read as 32-bit and any `EI_DATA` other than `ELFDATA2MSB`
//! as little-endian, so odd identification bytes still give a header to show.

use goblin::container::{Container, Ctx, Endian};
use scroll::Pread;

use super::error::ElfError;

pub const EI_NIDENT: usize = 16;
pub const EI_CLASS: usize = 4;
pub const EI_DATA: usize = 5;
pub const EI_VERSION: usize = 6;
pub const EI_OSABI: usize = 7;
pub const EI_ABIVERSION: usize = 8;
pub const ELFCLASS32: u8 = 1;
pub const ELFCLASS64: u8 = 2;
pub const ELFDATA2LSB: u8 = 1;
pub const ELFDATA2MSB: u8 = 2;

pub const ET_NONE: u16 = 0;
pub const ET_REL: u16 = 1;
pub const ET_EXEC: u16 = 2;
pub const ET_DYN: u16 = 3;
pub const ET_CORE: u16 = 4;

/// `e_phnum` value meaning "the real count is in section 0's `sh_info`".
pub const PN_XNUM: u16 = 0xffff;
/// `e_shstrndx` value meaning "the real index is in section 0's `sh_link`".
pub const SHN_XINDEX: u16 = 0xffff;

pub const EM_386: u16 = 3;
pub const EM_MIPS: u16 = 8;
pub const EM_PARISC: u16 = 15;
pub const EM_PPC: u16 = 20;
pub const EM_PPC64: u16 = 21;
pub const EM_S390: u16 = 22;
pub const EM_ARM: u16 = 40;
pub const EM_IA_64: u16 = 50;
pub const EM_X86_64: u16 = 62;
pub const EM_L1OM: u16 = 180;
pub const EM_K1OM: u16 = 181;
pub const EM_AARCH64: u16 = 183;
pub const EM_RISCV: u16 = 243;
pub const EM_LOONGARCH: u16 = 258;

/// Size of the file header of a 32-bit and of a 64-bit ELF file.
pub const EHDR32_SIZE: usize = 52;
pub const EHDR64_SIZE: usize = 64;

/// Word size of the file, as readelf decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    Elf32,
    Elf64,
}

/// Byte order of the file, as readelf decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ByteOrder {
    Little,
    Big,
}

/// The file header with every field as stored (no extended numbering
/// applied: see [`crate::elf::ElfFile`] for the effective counts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileHeader {
    pub e_ident: [u8; EI_NIDENT],
    pub e_type: u16,
    pub e_machine: u16,
    pub e_version: u32,
    pub e_entry: u64,
    pub e_phoff: u64,
    pub e_shoff: u64,
    pub e_flags: u32,
    pub e_ehsize: u16,
    pub e_phentsize: u16,
    pub e_phnum: u16,
    pub e_shentsize: u16,
    pub e_shnum: u16,
    pub e_shstrndx: u16,
}

impl FileHeader {
    /// Decodes the header at the start of `data`.
    pub fn parse(data: &[u8]) -> Result<FileHeader, ElfError> {
        let ident: [u8; EI_NIDENT] = data
            .get(..EI_NIDENT)
            .and_then(|b| b.try_into().ok())
            .ok_or(ElfError::TooShort { len: data.len() })?;
        if ident[..4] != *b"\x7fELF" {
            let mut magic = [0u8; 4];
            magic.copy_from_slice(&ident[..4]);
            return Err(ElfError::BadMagic { magic });
        }
        let endian = if ident[EI_DATA] == ELFDATA2MSB {
            Endian::Big
        } else {
            Endian::Little
        };
        // goblin refuses EI_DATA values other than 1 and 2; readelf reads
        // anything but ELFDATA2MSB as little-endian. Decode a copy whose
        // EI_DATA says what readelf decided (e_ident itself is kept as is).
        let mut normalized = [0u8; EHDR64_SIZE];
        let head_len = data.len().min(EHDR64_SIZE);
        normalized[..head_len].copy_from_slice(&data[..head_len]);
        normalized[EI_DATA] = if endian == Endian::Big {
            ELFDATA2MSB
        } else {
            ELFDATA2LSB
        };
        let data_len = data.len();
        let data = &normalized[..head_len];
        let too_short = || ElfError::TooShort { len: data_len };
        let malformed = |e: goblin::error::Error| ElfError::Malformed(e.to_string());
        if ident[EI_CLASS] == ELFCLASS64 {
            if data.len() < EHDR64_SIZE {
                return Err(too_short());
            }
            let h: goblin::elf64::header::Header = data.pread_with(0, endian).map_err(malformed)?;
            Ok(FileHeader {
                e_ident: ident,
                e_type: h.e_type,
                e_machine: h.e_machine,
                e_version: h.e_version,
                e_entry: h.e_entry,
                e_phoff: h.e_phoff,
                e_shoff: h.e_shoff,
                e_flags: h.e_flags,
                e_ehsize: h.e_ehsize,
                e_phentsize: h.e_phentsize,
                e_phnum: h.e_phnum,
                e_shentsize: h.e_shentsize,
                e_shnum: h.e_shnum,
                e_shstrndx: h.e_shstrndx,
            })
        } else {
            if data.len() < EHDR32_SIZE {
                return Err(too_short());
            }
            let h: goblin::elf32::header::Header = data.pread_with(0, endian).map_err(malformed)?;
            Ok(FileHeader {
                e_ident: ident,
                e_type: h.e_type,
                e_machine: h.e_machine,
                e_version: h.e_version,
                e_entry: h.e_entry.into(),
                e_phoff: h.e_phoff.into(),
                e_shoff: h.e_shoff.into(),
                e_flags: h.e_flags,
                e_ehsize: h.e_ehsize,
                e_phentsize: h.e_phentsize,
                e_phnum: h.e_phnum,
                e_shentsize: h.e_shentsize,
                e_shnum: h.e_shnum,
                e_shstrndx: h.e_shstrndx,
            })
        }
    }

    pub fn class(&self) -> Class {
        if self.e_ident[EI_CLASS] == ELFCLASS64 {
            Class::Elf64
        } else {
            Class::Elf32
        }
    }

    pub fn is_64(&self) -> bool {
        self.class() == Class::Elf64
    }

    pub fn byte_order(&self) -> ByteOrder {
        if self.e_ident[EI_DATA] == ELFDATA2MSB {
            ByteOrder::Big
        } else {
            ByteOrder::Little
        }
    }

    pub fn osabi(&self) -> u8 {
        self.e_ident[EI_OSABI]
    }

    pub fn abi_version(&self) -> u8 {
        self.e_ident[EI_ABIVERSION]
    }

    /// goblin's decoding context for records of this file.
    pub(crate) fn ctx(&self) -> Ctx {
        let container = if self.is_64() {
            Container::Big
        } else {
            Container::Little
        };
        let le = match self.byte_order() {
            ByteOrder::Big => Endian::Big,
            ByteOrder::Little => Endian::Little,
        };
        Ctx::new(container, le)
    }
}
