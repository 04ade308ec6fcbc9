//! `readelf -d` rendering: the dynamic section table.
//!
//! Mirrors GNU readelf 2.40 (Debian 12, binutils 2.40-2) `process_dynamic_section`
//! as it prints when `-d` is given, together with everything it calls to
//! print a line: `get_dynamic_type` and its per-architecture helpers
//! (`get_aarch64_dynamic_type`, `get_mips_dynamic_type`,
//! `get_sparc64_dynamic_type`, `get_ppc_dynamic_type`,
//! `get_ppc64_dynamic_type`, `get_parisc_dynamic_type`,
//! `get_ia64_dynamic_type`, `get_alpha_dynamic_type`,
//! `get_score_dynamic_type`, `get_tic6x_dynamic_type`,
//! `get_nios2_dynamic_type`, `get_riscv_dynamic_type`,
//! `get_solaris_dynamic_type`), `print_dynamic_flags`, and the per-machine
//! value printers `dynamic_section_aarch64_val`, `dynamic_section_mips_val`,
//! `dynamic_section_parisc_val` and `dynamic_section_ia64_val`
//! (with `print_vms_time`).
//!
//! The module only renders: locating the table and the string table is the
//! ELF model's job (see [`DynamicTable`]). Output is bytes, because names
//! from the file are written raw, as readelf's `printf ("%s")` does.
//!
//! `-W` makes no difference to this table; the output is the same with or
//! without it.

use std::borrow::Cow;

/// What `readelf -d` needs to print one dynamic section.
#[derive(Debug, Clone, Copy)]
pub struct DynamicTable<'a> {
    /// ELFCLASS64 (tags print as 16 hex digits, type column 19 wide) or
    /// ELFCLASS32 (8 digits, 27 wide).
    pub is_64: bool,
    /// `e_machine`, selecting the processor-specific tag names and values.
    pub e_machine: u16,
    /// `e_ident[EI_OSABI]` (ELFOSABI_SOLARIS selects the Solaris tag names).
    pub osabi: u8,
    /// File offset readelf prints in "Dynamic section at offset %#x contains N entries:".
    /// readelf leaves that line out when this is 0 (`if (filedata->dynamic_addr)`),
    /// and so does [`write_dynamic`].
    pub file_offset: u64,
    /// (d_tag, d_val) pairs exactly as readelf counts them: up to and including the first DT_NULL
    /// (or all entries that fit if there is none). d_tag is sign-agnostic raw u64 (zero-extended for ELF32).
    pub entries: &'a [(u64, u64)],
    /// The dynamic string table readelf found (.dynstr section or DT_STRTAB/DT_STRSZ), if any.
    /// Offsets >= len are invalid (readelf's valid_dynamic_name); a name runs to the first NUL or to the end.
    pub strings: Option<&'a [u8]>,
    /// PT_INTERP string, if any (for the " program interpreter" suffix on DT_NEEDED).
    /// Pass the raw `p_filesz` bytes of the last PT_INTERP readelf could read
    /// (`process_program_headers` replaces the string at each one it accepts);
    /// like readelf's `streq`, the comparison stops at the first NUL. `None`
    /// where readelf has no interpreter: no PT_INTERP, or only ones it rejected
    /// ("Unable to find program interpreter name": `p_filesz` 0, or
    /// `p_offset`/`p_filesz` outside the file).
    pub interpreter: Option<&'a [u8]>,
}

// ---------------------------------------------------------------------------
// Constants (include/elf/common.h and the per-processor headers).
// ---------------------------------------------------------------------------

const DT_NULL: u64 = 0;
const DT_NEEDED: u64 = 1;
const DT_PLTRELSZ: u64 = 2;
const DT_PLTGOT: u64 = 3;
const DT_HASH: u64 = 4;
const DT_STRTAB: u64 = 5;
const DT_SYMTAB: u64 = 6;
const DT_RELA: u64 = 7;
const DT_RELASZ: u64 = 8;
const DT_RELAENT: u64 = 9;
const DT_STRSZ: u64 = 10;
const DT_SYMENT: u64 = 11;
const DT_INIT: u64 = 12;
const DT_FINI: u64 = 13;
const DT_SONAME: u64 = 14;
const DT_RPATH: u64 = 15;
const DT_SYMBOLIC: u64 = 16;
const DT_REL: u64 = 17;
const DT_RELSZ: u64 = 18;
const DT_RELENT: u64 = 19;
const DT_PLTREL: u64 = 20;
const DT_DEBUG: u64 = 21;
const DT_TEXTREL: u64 = 22;
const DT_JMPREL: u64 = 23;
const DT_BIND_NOW: u64 = 24;
const DT_INIT_ARRAY: u64 = 25;
const DT_FINI_ARRAY: u64 = 26;
const DT_INIT_ARRAYSZ: u64 = 27;
const DT_FINI_ARRAYSZ: u64 = 28;
const DT_RUNPATH: u64 = 29;
const DT_FLAGS: u64 = 30;
const DT_PREINIT_ARRAY: u64 = 32;
const DT_PREINIT_ARRAYSZ: u64 = 33;
const DT_SYMTAB_SHNDX: u64 = 34;
const DT_RELRSZ: u64 = 35;
const DT_RELR: u64 = 36;
const DT_RELRENT: u64 = 37;

const OLD_DT_LOOS: u64 = 0x6000_0000;
const DT_LOOS: u64 = 0x6000_000d;
const DT_HIOS: u64 = 0x6fff_f000;
const OLD_DT_HIOS: u64 = 0x6fff_ffff;
const DT_LOPROC: u64 = 0x7000_0000;
const DT_HIPROC: u64 = 0x7fff_ffff;

const DT_GNU_FLAGS_1: u64 = 0x6fff_fdf4;
const DT_GNU_PRELINKED: u64 = 0x6fff_fdf5;
const DT_GNU_CONFLICTSZ: u64 = 0x6fff_fdf6;
const DT_GNU_LIBLISTSZ: u64 = 0x6fff_fdf7;
const DT_CHECKSUM: u64 = 0x6fff_fdf8;
const DT_PLTPADSZ: u64 = 0x6fff_fdf9;
const DT_MOVEENT: u64 = 0x6fff_fdfa;
const DT_MOVESZ: u64 = 0x6fff_fdfb;
const DT_FEATURE: u64 = 0x6fff_fdfc;
const DT_POSFLAG_1: u64 = 0x6fff_fdfd;
const DT_SYMINSZ: u64 = 0x6fff_fdfe;
const DT_SYMINENT: u64 = 0x6fff_fdff;

const DT_ADDRRNGLO: u64 = 0x6fff_fe00;
const DT_GNU_HASH: u64 = 0x6fff_fef5;
const DT_TLSDESC_PLT: u64 = 0x6fff_fef6;
const DT_TLSDESC_GOT: u64 = 0x6fff_fef7;
const DT_GNU_CONFLICT: u64 = 0x6fff_fef8;
const DT_GNU_LIBLIST: u64 = 0x6fff_fef9;
const DT_CONFIG: u64 = 0x6fff_fefa;
const DT_DEPAUDIT: u64 = 0x6fff_fefb;
const DT_AUDIT: u64 = 0x6fff_fefc;
const DT_PLTPAD: u64 = 0x6fff_fefd;
const DT_MOVETAB: u64 = 0x6fff_fefe;
const DT_SYMINFO: u64 = 0x6fff_feff;

const DT_VERSYM: u64 = 0x6fff_fff0;
const DT_RELACOUNT: u64 = 0x6fff_fff9;
const DT_RELCOUNT: u64 = 0x6fff_fffa;
const DT_FLAGS_1: u64 = 0x6fff_fffb;
const DT_VERDEF: u64 = 0x6fff_fffc;
const DT_VERDEFNUM: u64 = 0x6fff_fffd;
const DT_VERNEED: u64 = 0x6fff_fffe;
const DT_VERNEEDNUM: u64 = 0x6fff_ffff;

const DT_AUXILIARY: u64 = 0x7fff_fffd;
const DT_USED: u64 = 0x7fff_fffe;
const DT_FILTER: u64 = 0x7fff_ffff;

const EM_MIPS: u16 = 8;
const EM_MIPS_RS3_LE: u16 = 10;
const EM_PARISC: u16 = 15;
const EM_PPC: u16 = 20;
const EM_PPC64: u16 = 21;
const EM_SPARCV9: u16 = 43;
const EM_IA_64: u16 = 50;
const EM_ALTERA_NIOS2: u16 = 113;
const EM_SCORE: u16 = 135;
const EM_TI_C6000: u16 = 140;
const EM_AARCH64: u16 = 183;
const EM_RISCV: u16 = 243;
const EM_ALPHA: u16 = 0x9026;

const ELFOSABI_SOLARIS: u8 = 6;

// include/elf/aarch64.h
const DT_AARCH64_BTI_PLT: u64 = DT_LOPROC + 1;
const DT_AARCH64_PAC_PLT: u64 = DT_LOPROC + 3;
const DT_AARCH64_VARIANT_PCS: u64 = DT_LOPROC + 5;

// include/elf/mips.h (only the tags whose values print specially are named).
const DT_MIPS_RLD_VERSION: u64 = 0x7000_0001;
const DT_MIPS_TIME_STAMP: u64 = 0x7000_0002;
const DT_MIPS_IVERSION: u64 = 0x7000_0004;
const DT_MIPS_FLAGS: u64 = 0x7000_0005;
const DT_MIPS_LOCAL_GOTNO: u64 = 0x7000_000a;
const DT_MIPS_CONFLICTNO: u64 = 0x7000_000b;
const DT_MIPS_LIBLISTNO: u64 = 0x7000_0010;
const DT_MIPS_SYMTABNO: u64 = 0x7000_0011;
const DT_MIPS_UNREFEXTNO: u64 = 0x7000_0012;
const DT_MIPS_HIPAGENO: u64 = 0x7000_0014;
const DT_MIPS_DELTA_CLASS_NO: u64 = 0x7000_0018;
const DT_MIPS_DELTA_INSTANCE_NO: u64 = 0x7000_001a;
const DT_MIPS_DELTA_RELOC_NO: u64 = 0x7000_001c;
const DT_MIPS_DELTA_SYM_NO: u64 = 0x7000_001e;
const DT_MIPS_DELTA_CLASSSYM_NO: u64 = 0x7000_0021;
const DT_MIPS_COMPACT_SIZE: u64 = 0x7000_002f;

// include/elf/hppa.h
const DT_HP_DLD_FLAGS: u64 = OLD_DT_LOOS + 0x1;

// include/elf/ia64.h
const DT_IA_64_PLT_RESERVE: u64 = DT_LOPROC;
const DT_IA_64_VMS_LNKFLAGS: u64 = DT_LOOS + 8;
const DT_IA_64_VMS_LINKTIME: u64 = DT_LOOS + 40;

// ---------------------------------------------------------------------------
// Tag names: get_dynamic_type and its helpers.
// ---------------------------------------------------------------------------

/// The name readelf prints for a dynamic tag (`get_dynamic_type`), e.g.
/// `NEEDED`, `MIPS_FLAGS`, `Processor Specific: 70000123`,
/// `Operating System specific: 6000000e`, `<unknown>: 26`.
pub fn dynamic_tag_name(tag: u64, e_machine: u16, osabi: u8) -> Cow<'static, str> {
    if let Some(name) = generic_dynamic_type(tag) {
        return Cow::Borrowed(name);
    }
    if (DT_LOPROC..=DT_HIPROC).contains(&tag) {
        let result = match e_machine {
            EM_AARCH64 => aarch64_dynamic_type(tag),
            EM_MIPS | EM_MIPS_RS3_LE => mips_dynamic_type(tag),
            EM_SPARCV9 => sparc64_dynamic_type(tag),
            EM_PPC => ppc_dynamic_type(tag),
            EM_PPC64 => ppc64_dynamic_type(tag),
            EM_IA_64 => ia64_dynamic_type(tag),
            EM_ALPHA => alpha_dynamic_type(tag),
            EM_SCORE => score_dynamic_type(tag),
            EM_TI_C6000 => tic6x_dynamic_type(tag),
            EM_ALTERA_NIOS2 => nios2_dynamic_type(tag),
            EM_RISCV => riscv_dynamic_type(tag),
            _ if osabi == ELFOSABI_SOLARIS => solaris_dynamic_type(tag),
            _ => None,
        };
        match result {
            Some(name) => Cow::Borrowed(name),
            None => Cow::Owned(format!("Processor Specific: {tag:x}")),
        }
    } else if (DT_LOOS..=DT_HIOS).contains(&tag)
        || (e_machine == EM_PARISC && (OLD_DT_LOOS..=OLD_DT_HIOS).contains(&tag))
    {
        let result = match e_machine {
            EM_PARISC => parisc_dynamic_type(tag),
            EM_IA_64 => ia64_dynamic_type(tag),
            _ if osabi == ELFOSABI_SOLARIS => solaris_dynamic_type(tag),
            _ => None,
        };
        match result {
            Some(name) => Cow::Borrowed(name),
            None => Cow::Owned(format!("Operating System specific: {tag:x}")),
        }
    } else {
        Cow::Owned(format!("<unknown>: {tag:x}"))
    }
}

/// The machine-independent names: the `switch` at the top of readelf.c
/// `get_dynamic_type`, which wins over every per-machine helper.
fn generic_dynamic_type(tag: u64) -> Option<&'static str> {
    Some(match tag {
        DT_NULL => "NULL",
        DT_NEEDED => "NEEDED",
        DT_PLTRELSZ => "PLTRELSZ",
        DT_PLTGOT => "PLTGOT",
        DT_HASH => "HASH",
        DT_STRTAB => "STRTAB",
        DT_SYMTAB => "SYMTAB",
        DT_RELA => "RELA",
        DT_RELASZ => "RELASZ",
        DT_RELAENT => "RELAENT",
        DT_STRSZ => "STRSZ",
        DT_SYMENT => "SYMENT",
        DT_INIT => "INIT",
        DT_FINI => "FINI",
        DT_SONAME => "SONAME",
        DT_RPATH => "RPATH",
        DT_SYMBOLIC => "SYMBOLIC",
        DT_REL => "REL",
        DT_RELSZ => "RELSZ",
        DT_RELENT => "RELENT",
        DT_RELR => "RELR",
        DT_RELRSZ => "RELRSZ",
        DT_RELRENT => "RELRENT",
        DT_PLTREL => "PLTREL",
        DT_DEBUG => "DEBUG",
        DT_TEXTREL => "TEXTREL",
        DT_JMPREL => "JMPREL",
        DT_BIND_NOW => "BIND_NOW",
        DT_INIT_ARRAY => "INIT_ARRAY",
        DT_FINI_ARRAY => "FINI_ARRAY",
        DT_INIT_ARRAYSZ => "INIT_ARRAYSZ",
        DT_FINI_ARRAYSZ => "FINI_ARRAYSZ",
        DT_RUNPATH => "RUNPATH",
        DT_FLAGS => "FLAGS",

        DT_PREINIT_ARRAY => "PREINIT_ARRAY",
        DT_PREINIT_ARRAYSZ => "PREINIT_ARRAYSZ",
        DT_SYMTAB_SHNDX => "SYMTAB_SHNDX",

        DT_CHECKSUM => "CHECKSUM",
        DT_PLTPADSZ => "PLTPADSZ",
        DT_MOVEENT => "MOVEENT",
        DT_MOVESZ => "MOVESZ",
        DT_FEATURE => "FEATURE",
        DT_POSFLAG_1 => "POSFLAG_1",
        DT_SYMINSZ => "SYMINSZ",
        DT_SYMINENT => "SYMINENT",

        DT_ADDRRNGLO => "ADDRRNGLO",
        DT_CONFIG => "CONFIG",
        DT_DEPAUDIT => "DEPAUDIT",
        DT_AUDIT => "AUDIT",
        DT_PLTPAD => "PLTPAD",
        DT_MOVETAB => "MOVETAB",
        DT_SYMINFO => "SYMINFO",

        DT_VERSYM => "VERSYM",

        DT_TLSDESC_GOT => "TLSDESC_GOT",
        DT_TLSDESC_PLT => "TLSDESC_PLT",
        DT_RELACOUNT => "RELACOUNT",
        DT_RELCOUNT => "RELCOUNT",
        DT_FLAGS_1 => "FLAGS_1",
        DT_VERDEF => "VERDEF",
        DT_VERDEFNUM => "VERDEFNUM",
        DT_VERNEED => "VERNEED",
        DT_VERNEEDNUM => "VERNEEDNUM",

        DT_AUXILIARY => "AUXILIARY",
        DT_USED => "USED",
        DT_FILTER => "FILTER",

        DT_GNU_PRELINKED => "GNU_PRELINKED",
        DT_GNU_CONFLICT => "GNU_CONFLICT",
        DT_GNU_CONFLICTSZ => "GNU_CONFLICTSZ",
        DT_GNU_LIBLIST => "GNU_LIBLIST",
        DT_GNU_LIBLISTSZ => "GNU_LIBLISTSZ",
        DT_GNU_HASH => "GNU_HASH",
        DT_GNU_FLAGS_1 => "GNU_FLAGS_1",
        _ => return None,
    })
}

/// readelf.c `get_aarch64_dynamic_type`.
fn aarch64_dynamic_type(tag: u64) -> Option<&'static str> {
    Some(match tag {
        DT_AARCH64_BTI_PLT => "AARCH64_BTI_PLT",
        DT_AARCH64_PAC_PLT => "AARCH64_PAC_PLT",
        DT_AARCH64_VARIANT_PCS => "AARCH64_VARIANT_PCS",
        _ => return None,
    })
}

/// readelf.c `get_mips_dynamic_type` (tags from include/elf/mips.h).
fn mips_dynamic_type(tag: u64) -> Option<&'static str> {
    Some(match tag {
        0x7000_0001 => "MIPS_RLD_VERSION",
        0x7000_0002 => "MIPS_TIME_STAMP",
        0x7000_0003 => "MIPS_ICHECKSUM",
        0x7000_0004 => "MIPS_IVERSION",
        0x7000_0005 => "MIPS_FLAGS",
        0x7000_0006 => "MIPS_BASE_ADDRESS",
        0x7000_0007 => "MIPS_MSYM",
        0x7000_0008 => "MIPS_CONFLICT",
        0x7000_0009 => "MIPS_LIBLIST",
        0x7000_000a => "MIPS_LOCAL_GOTNO",
        0x7000_000b => "MIPS_CONFLICTNO",
        0x7000_0010 => "MIPS_LIBLISTNO",
        0x7000_0011 => "MIPS_SYMTABNO",
        0x7000_0012 => "MIPS_UNREFEXTNO",
        0x7000_0013 => "MIPS_GOTSYM",
        0x7000_0014 => "MIPS_HIPAGENO",
        0x7000_0016 => "MIPS_RLD_MAP",
        0x7000_0035 => "MIPS_RLD_MAP_REL",
        0x7000_0017 => "MIPS_DELTA_CLASS",
        0x7000_0018 => "MIPS_DELTA_CLASS_NO",
        0x7000_0019 => "MIPS_DELTA_INSTANCE",
        0x7000_001a => "MIPS_DELTA_INSTANCE_NO",
        0x7000_001b => "MIPS_DELTA_RELOC",
        0x7000_001c => "MIPS_DELTA_RELOC_NO",
        0x7000_001d => "MIPS_DELTA_SYM",
        0x7000_001e => "MIPS_DELTA_SYM_NO",
        0x7000_0020 => "MIPS_DELTA_CLASSSYM",
        0x7000_0021 => "MIPS_DELTA_CLASSSYM_NO",
        0x7000_0022 => "MIPS_CXX_FLAGS",
        0x7000_0023 => "MIPS_PIXIE_INIT",
        0x7000_0024 => "MIPS_SYMBOL_LIB",
        0x7000_0025 => "MIPS_LOCALPAGE_GOTIDX",
        0x7000_0026 => "MIPS_LOCAL_GOTIDX",
        0x7000_0027 => "MIPS_HIDDEN_GOTIDX",
        0x7000_0028 => "MIPS_PROTECTED_GOTIDX",
        0x7000_0029 => "MIPS_OPTIONS",
        0x7000_002a => "MIPS_INTERFACE",
        0x7000_002b => "MIPS_DYNSTR_ALIGN",
        0x7000_002c => "MIPS_INTERFACE_SIZE",
        0x7000_002d => "MIPS_RLD_TEXT_RESOLVE_ADDR",
        0x7000_002e => "MIPS_PERF_SUFFIX",
        0x7000_002f => "MIPS_COMPACT_SIZE",
        0x7000_0030 => "MIPS_GP_VALUE",
        0x7000_0031 => "MIPS_AUX_DYNAMIC",
        0x7000_0032 => "MIPS_PLTGOT",
        0x7000_0034 => "MIPS_RWPLT",
        0x7000_0036 => "MIPS_XHASH",
        _ => return None,
    })
}

/// readelf.c `get_sparc64_dynamic_type`.
fn sparc64_dynamic_type(tag: u64) -> Option<&'static str> {
    match tag {
        0x7000_0001 => Some("SPARC_REGISTER"),
        _ => None,
    }
}

/// readelf.c `get_ppc_dynamic_type`.
fn ppc_dynamic_type(tag: u64) -> Option<&'static str> {
    match tag {
        0x7000_0000 => Some("PPC_GOT"),
        0x7000_0001 => Some("PPC_OPT"),
        _ => None,
    }
}

/// readelf.c `get_ppc64_dynamic_type`.
fn ppc64_dynamic_type(tag: u64) -> Option<&'static str> {
    match tag {
        0x7000_0000 => Some("PPC64_GLINK"),
        0x7000_0001 => Some("PPC64_OPD"),
        0x7000_0002 => Some("PPC64_OPDSZ"),
        0x7000_0003 => Some("PPC64_OPT"),
        _ => None,
    }
}

/// readelf.c `get_parisc_dynamic_type` (tags are OLD_DT_LOOS + n, include/elf/hppa.h).
/// Note readelf's own spelling of DT_HP_EPLTREL(SZ) as `HP_GST_EPLTREL(SZ)`.
fn parisc_dynamic_type(tag: u64) -> Option<&'static str> {
    Some(match tag.wrapping_sub(OLD_DT_LOOS) {
        0x00 => "HP_LOAD_MAP",
        0x01 => "HP_DLD_FLAGS",
        0x02 => "HP_DLD_HOOK",
        0x03 => "HP_UX10_INIT",
        0x04 => "HP_UX10_INITSZ",
        0x05 => "HP_PREINIT",
        0x06 => "HP_PREINITSZ",
        0x07 => "HP_NEEDED",
        0x08 => "HP_TIME_STAMP",
        0x09 => "HP_CHECKSUM",
        0x0a => "HP_GST_SIZE",
        0x0b => "HP_GST_VERSION",
        0x0c => "HP_GST_HASHVAL",
        0x0d => "HP_GST_EPLTREL",
        0x0e => "HP_GST_EPLTRELSZ",
        0x0f => "HP_FILTERED",
        0x10 => "HP_FILTER_TLS",
        0x11 => "HP_COMPAT_FILTERED",
        0x12 => "HP_LAZYLOAD",
        0x13 => "HP_BIND_NOW_COUNT",
        0x14 => "PLT",
        0x15 => "PLT_SIZE",
        0x16 => "DLT",
        0x17 => "DLT_SIZE",
        _ => return None,
    })
}

/// readelf.c `get_ia64_dynamic_type` (DT_IA_64_PLT_RESERVE is DT_LOPROC,
/// the VMS tags are DT_LOOS + n, include/elf/ia64.h).
fn ia64_dynamic_type(tag: u64) -> Option<&'static str> {
    if tag == DT_IA_64_PLT_RESERVE {
        return Some("IA_64_PLT_RESERVE");
    }
    if tag < DT_LOOS {
        return None;
    }
    Some(match tag - DT_LOOS {
        0 => "VMS_SUBTYPE",
        2 => "VMS_IMGIOCNT",
        8 => "VMS_LNKFLAGS",
        10 => "VMS_VIR_MEM_BLK_SIZ",
        12 => "VMS_IDENT",
        16 => "VMS_NEEDED_IDENT",
        18 => "VMS_IMG_RELA_CNT",
        20 => "VMS_SEG_RELA_CNT",
        22 => "VMS_FIXUP_RELA_CNT",
        24 => "VMS_FIXUP_NEEDED",
        26 => "VMS_SYMVEC_CNT",
        30 => "VMS_XLATED",
        32 => "VMS_STACKSIZE",
        34 => "VMS_UNWINDSZ",
        36 => "VMS_UNWIND_CODSEG",
        38 => "VMS_UNWIND_INFOSEG",
        40 => "VMS_LINKTIME",
        42 => "VMS_SEG_NO",
        44 => "VMS_SYMVEC_OFFSET",
        46 => "VMS_SYMVEC_SEG",
        48 => "VMS_UNWIND_OFFSET",
        50 => "VMS_UNWIND_SEG",
        52 => "VMS_STRTAB_OFFSET",
        54 => "VMS_SYSVER_OFFSET",
        56 => "VMS_IMG_RELA_OFF",
        58 => "VMS_SEG_RELA_OFF",
        60 => "VMS_FIXUP_RELA_OFF",
        62 => "VMS_PLTGOT_OFFSET",
        64 => "VMS_PLTGOT_SEG",
        66 => "VMS_FPMODE",
        _ => return None,
    })
}

/// readelf.c `get_alpha_dynamic_type`.
fn alpha_dynamic_type(tag: u64) -> Option<&'static str> {
    match tag {
        0x7000_0000 => Some("ALPHA_PLTRO"),
        _ => None,
    }
}

/// readelf.c `get_score_dynamic_type`.
fn score_dynamic_type(tag: u64) -> Option<&'static str> {
    Some(match tag {
        0x7000_0001 => "SCORE_BASE_ADDRESS",
        0x7000_0002 => "SCORE_LOCAL_GOTNO",
        0x7000_0003 => "SCORE_SYMTABNO",
        0x7000_0004 => "SCORE_GOTSYM",
        0x7000_0005 => "SCORE_UNREFEXTNO",
        0x7000_0006 => "SCORE_HIPAGENO",
        _ => return None,
    })
}

/// readelf.c `get_tic6x_dynamic_type`. Only consulted for processor-range
/// tags, so the two DT_LOOS-range C6000 names never show (as in readelf).
fn tic6x_dynamic_type(tag: u64) -> Option<&'static str> {
    Some(match tag {
        0x6000_000d => "C6000_GSYM_OFFSET",
        0x6000_000f => "C6000_GSTR_OFFSET",
        0x7000_0000 => "C6000_DSBT_BASE",
        0x7000_0001 => "C6000_DSBT_SIZE",
        0x7000_0002 => "C6000_PREEMPTMAP",
        0x7000_0003 => "C6000_DSBT_INDEX",
        _ => return None,
    })
}

/// readelf.c `get_nios2_dynamic_type`.
fn nios2_dynamic_type(tag: u64) -> Option<&'static str> {
    match tag {
        0x7000_0002 => Some("NIOS2_GP"),
        _ => None,
    }
}

/// readelf.c `get_riscv_dynamic_type`.
fn riscv_dynamic_type(tag: u64) -> Option<&'static str> {
    match tag {
        0x7000_0001 => Some("RISCV_VARIANT_CC"),
        _ => None,
    }
}

/// readelf.c `get_solaris_dynamic_type` (ELFOSABI_SOLARIS, machines without
/// their own helper).
fn solaris_dynamic_type(tag: u64) -> Option<&'static str> {
    Some(match tag {
        0x6000_000d => "SUNW_AUXILIARY",
        0x6000_000e => "SUNW_RTLDINF",
        0x6000_000f => "SUNW_FILTER",
        0x6000_0010 => "SUNW_CAP",
        0x6000_0011 => "SUNW_SYMTAB",
        0x6000_0012 => "SUNW_SYMSZ",
        0x6000_0013 => "SUNW_SORTENT",
        0x6000_0014 => "SUNW_SYMSORT",
        0x6000_0015 => "SUNW_SYMSORTSZ",
        0x6000_0016 => "SUNW_TLSSORT",
        0x6000_0017 => "SUNW_TLSSORTSZ",
        0x6000_0018 => "SUNW_CAPINFO",
        0x6000_0019 => "SUNW_STRPAD",
        0x6000_001a => "SUNW_CAPCHAIN",
        0x6000_001b => "SUNW_LDMACH",
        0x6000_001d => "SUNW_CAPCHAINENT",
        0x6000_001f => "SUNW_CAPCHAINSZ",
        0x6000_0021 => "SUNW_PARENT",
        0x6000_0023 => "SUNW_ASLR",
        0x6000_0025 => "SUNW_RELAX",
        0x6000_0029 => "SUNW_NXHEAP",
        0x6000_002b => "SUNW_NXSTACK",

        0x7000_0001 => "SPARC_REGISTER",
        0x7fff_fffd => "AUXILIARY",
        0x7fff_fffe => "USED",
        0x7fff_ffff => "FILTER",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Printing helpers.
// ---------------------------------------------------------------------------

/// `print_vma (v, PREFIX_HEX)`: `0x%lx`.
fn prefix_hex(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(format!("{v:#x}").as_bytes());
}

/// `print_vma (v, PREFIX_HEX); putchar ('\n')`.
fn prefix_hex_line(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(format!("{v:#x}\n").as_bytes());
}

/// readelf.c `valid_dynamic_name` + `get_dynamic_name`: the NUL-terminated
/// name at `offset`, or `None` when there is no string table or the offset is
/// past its end.
fn dynamic_name(strings: Option<&[u8]>, offset: u64) -> Option<&[u8]> {
    let strings = strings?;
    let start = usize::try_from(offset).ok()?;
    let rest = strings.get(start..)?;
    if rest.is_empty() {
        return None;
    }
    Some(until_nul(rest))
}

/// The bytes before the first NUL (the whole slice if there is none).
fn until_nul(s: &[u8]) -> &[u8] {
    match s.iter().position(|&b| b == 0) {
        Some(n) => s.get(..n).unwrap_or(s),
        None => s,
    }
}

/// Broken-down UTC time as glibc `gmtime` fills `struct tm`: `tm_year` is
/// years since 1900; `mon` is 1-based (`tm_mon + 1`), the rest as in C.
#[derive(Debug, Clone, Copy)]
struct Tm {
    tm_year: i32,
    mon: u32,
    mday: u32,
    hour: u32,
    min: u32,
    sec: u32,
}

/// glibc `gmtime` (`__offtime`): `None` where glibc fails with EOVERFLOW,
/// i.e. when `year - 1900` does not fit in an `int`.
fn gmtime(t: i64) -> Option<Tm> {
    let days = t.div_euclid(86_400);
    let rem = t.rem_euclid(86_400);
    let (year, month, day) = super::time::civil_from_days(days);
    let tm_year = i32::try_from(year - 1900).ok()?;
    Some(Tm {
        tm_year,
        mon: u32::try_from(month).ok()?,
        mday: u32::try_from(day).ok()?,
        hour: u32::try_from(rem / 3600).ok()?,
        min: u32::try_from(rem / 60 % 60).ok()?,
        sec: u32::try_from(rem % 60).ok()?,
    })
}

/// `printf ("%04u-%02u-%02uT%02u:%02u:%02u", tm_year + 1900, tm_mon + 1, ...)`.
/// The year is an `int` sum printed with `%u`, so negative years wrap.
fn format_tm(tm: &Tm) -> String {
    let year = tm.tm_year.wrapping_add(1900) as u32;
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec
    )
}

/// readelf.c `print_dynamic_flags` (DT_FLAGS): one word per set bit, lowest
/// first, `unknown` for bits without a name; then a newline.
fn print_dynamic_flags(out: &mut Vec<u8>, mut flags: u64) {
    let mut first = true;
    while flags != 0 {
        let flag = flags & flags.wrapping_neg();
        flags &= !flag;
        if first {
            first = false;
        } else {
            out.push(b' ');
        }
        out.extend_from_slice(match flag {
            0x01 => b"ORIGIN".as_slice(),
            0x02 => b"SYMBOLIC",
            0x04 => b"TEXTREL",
            0x08 => b"BIND_NOW",
            0x10 => b"STATIC_TLS",
            _ => b"unknown",
        });
    }
    out.push(b'\n');
}

/// The `Flags:` printers of DT_FEATURE, DT_POSFLAG_1, DT_FLAGS_1 and
/// DT_GNU_FLAGS_1 in `process_dynamic_section`: ` None` for zero, else each
/// known bit's name in table order, then any leftover bits as ` %lx`.
fn print_flag_words(out: &mut Vec<u8>, value: u64, names: &[(u64, &str)]) {
    out.extend_from_slice(b"Flags:");
    if value == 0 {
        out.extend_from_slice(b" None\n");
        return;
    }
    let mut val = value;
    for &(bit, name) in names {
        if val & bit != 0 {
            out.push(b' ');
            out.extend_from_slice(name.as_bytes());
            val ^= bit;
        }
    }
    if val != 0 {
        out.extend_from_slice(format!(" {val:x}").as_bytes());
    }
    out.push(b'\n');
}

const DTF_1_NAMES: &[(u64, &str)] = &[(0x1, "PARINIT"), (0x2, "CONFEXP")];
const DF_P1_NAMES: &[(u64, &str)] = &[(0x1, "LAZYLOAD"), (0x2, "GROUPPERM")];
const DF_GNU_1_NAMES: &[(u64, &str)] = &[(0x1, "UNIQUE")];
const DF_1_NAMES: &[(u64, &str)] = &[
    (0x0000_0001, "NOW"),
    (0x0000_0002, "GLOBAL"),
    (0x0000_0004, "GROUP"),
    (0x0000_0008, "NODELETE"),
    (0x0000_0010, "LOADFLTR"),
    (0x0000_0020, "INITFIRST"),
    (0x0000_0040, "NOOPEN"),
    (0x0000_0080, "ORIGIN"),
    (0x0000_0100, "DIRECT"),
    (0x0000_0200, "TRANS"),
    (0x0000_0400, "INTERPOSE"),
    (0x0000_0800, "NODEFLIB"),
    (0x0000_1000, "NODUMP"),
    (0x0000_2000, "CONFALT"),
    (0x0000_4000, "ENDFILTEE"),
    (0x0000_8000, "DISPRELDNE"),
    (0x0001_0000, "DISPRELPND"),
    (0x0002_0000, "NODIRECT"),
    (0x0004_0000, "IGNMULDEF"),
    (0x0008_0000, "NOKSYMS"),
    (0x0010_0000, "NOHDR"),
    (0x0020_0000, "EDITED"),
    (0x0040_0000, "NORELOC"),
    (0x0080_0000, "SYMINTPOSE"),
    (0x0100_0000, "GLOBAUDIT"),
    (0x0200_0000, "SINGLETON"),
    (0x0400_0000, "STUB"),
    (0x0800_0000, "PIE"),
    (0x1000_0000, "KMOD"),
    (0x2000_0000, "WEAKFILTER"),
    (0x4000_0000, "NOCOMMON"),
];

// ---------------------------------------------------------------------------
// Per-machine value printers (the `default:` arm of process_dynamic_section).
// ---------------------------------------------------------------------------

/// readelf.c `dynamic_section_aarch64_val`: BTI_PLT and PAC_PLT print no value.
fn aarch64_dynamic_val(out: &mut Vec<u8>, tag: u64, val: u64) {
    match tag {
        DT_AARCH64_BTI_PLT | DT_AARCH64_PAC_PLT => out.push(b'\n'),
        _ => prefix_hex_line(out, val),
    }
}

/// readelf.c `dynamic_section_mips_val`.
fn mips_dynamic_val(out: &mut Vec<u8>, table: &DynamicTable, tag: u64, val: u64) {
    const OPTS: [&str; 15] = [
        "QUICKSTART",
        "NOTPOT",
        "NO_LIBRARY_REPLACEMENT",
        "NO_MOVE",
        "SGI_ONLY",
        "GUARANTEE_INIT",
        "DELTA_C_PLUS_PLUS",
        "GUARANTEE_START_INIT",
        "PIXIE",
        "DEFAULT_DELAY_LOAD",
        "REQUICKSTART",
        "REQUICKSTARTED",
        "CORD",
        "NO_UNRES_UNDEF",
        "RLD_ORDER_SAFE",
    ];
    match tag {
        DT_MIPS_FLAGS => {
            if val == 0 {
                out.extend_from_slice(b"NONE");
            } else {
                let mut first = true;
                for (bit, name) in OPTS.iter().enumerate() {
                    if val & (1u64 << bit) != 0 {
                        if !first {
                            out.push(b' ');
                        }
                        out.extend_from_slice(name.as_bytes());
                        first = false;
                    }
                }
            }
        }
        DT_MIPS_IVERSION => match dynamic_name(table.strings, val) {
            Some(name) => {
                out.extend_from_slice(b"Interface Version: ");
                out.extend_from_slice(name);
            }
            None => {
                out.extend_from_slice(format!("Interface Version: <corrupt: {val:x}>").as_bytes())
            }
        },
        DT_MIPS_TIME_STAMP => {
            let text = match gmtime(val as i64) {
                Some(tm) => format_tm(&tm),
                None => "<corrupt>".to_string(),
            };
            out.extend_from_slice(format!("Time Stamp: {text}").as_bytes());
        }
        DT_MIPS_RLD_VERSION
        | DT_MIPS_LOCAL_GOTNO
        | DT_MIPS_CONFLICTNO
        | DT_MIPS_LIBLISTNO
        | DT_MIPS_SYMTABNO
        | DT_MIPS_UNREFEXTNO
        | DT_MIPS_HIPAGENO
        | DT_MIPS_DELTA_CLASS_NO
        | DT_MIPS_DELTA_INSTANCE_NO
        | DT_MIPS_DELTA_RELOC_NO
        | DT_MIPS_DELTA_SYM_NO
        | DT_MIPS_DELTA_CLASSSYM_NO
        | DT_MIPS_COMPACT_SIZE => {
            // print_vma (..., DEC) is "%" PRId64: signed.
            out.extend_from_slice((val as i64).to_string().as_bytes());
        }
        _ => prefix_hex(out, val),
    }
    out.push(b'\n');
}

/// readelf.c `dynamic_section_parisc_val`: DT_HP_DLD_FLAGS as words.
fn parisc_dynamic_val(out: &mut Vec<u8>, tag: u64, val: u64) {
    const FLAGS: [(u64, &str); 17] = [
        (0x00001, "HP_DEBUG_PRIVATE"),
        (0x00002, "HP_DEBUG_CALLBACK"),
        (0x00004, "HP_DEBUG_CALLBACK_BOR"),
        (0x00008, "HP_NO_ENVVAR"),
        (0x00010, "HP_BIND_NOW"),
        (0x00020, "HP_BIND_NONFATAL"),
        (0x00040, "HP_BIND_VERBOSE"),
        (0x00080, "HP_BIND_RESTRICTED"),
        (0x00100, "HP_BIND_SYMBOLIC"),
        (0x00200, "HP_RPATH_FIRST"),
        (0x00400, "HP_BIND_DEPTH_FIRST"),
        (0x00800, "HP_GST"),
        (0x01000, "HP_SHLIB_FIXED"),
        (0x02000, "HP_MERGE_SHLIB_SEG"),
        (0x04000, "HP_NODELETE"),
        (0x08000, "HP_GROUP"),
        (0x10000, "HP_PROTECT_LINKAGE_TABLE"),
    ];
    if tag == DT_HP_DLD_FLAGS {
        let mut first = true;
        let mut rest = val;
        for &(bit, name) in &FLAGS {
            if rest & bit != 0 {
                if !first {
                    out.push(b' ');
                }
                out.extend_from_slice(name.as_bytes());
                first = false;
                rest ^= bit;
            }
        }
        if rest != 0 || first {
            if !first {
                out.push(b' ');
            }
            // print_vma (val, HEX): no prefix.
            out.extend_from_slice(format!("{rest:x}").as_bytes());
        }
    } else {
        prefix_hex(out, val);
    }
    out.push(b'\n');
}

/// readelf.c `print_vms_time`: nothing at all when the time is out of range.
fn print_vms_time(out: &mut Vec<u8>, vmstime: i64) {
    const VMS_EPOCH_OFFSET: i64 = 35_067_168_000_000_000;
    const VMS_GRANULARITY_FACTOR: i64 = 10_000_000;
    if vmstime >= i64::MIN + VMS_EPOCH_OFFSET {
        let unxtime = (vmstime - VMS_EPOCH_OFFSET) / VMS_GRANULARITY_FACTOR;
        if let Some(tm) = gmtime(unxtime) {
            out.extend_from_slice(format_tm(&tm).as_bytes());
        }
    }
}

/// readelf.c `dynamic_section_ia64_val`.
fn ia64_dynamic_val(out: &mut Vec<u8>, tag: u64, val: u64) {
    const LNKFLAGS: [(u64, &str); 15] = [
        (0x0001, " CALL_DEBUG"),
        (0x0002, " NOP0BUFS"),
        (0x0004, " P0IMAGE"),
        (0x0008, " MKTHREADS"),
        (0x0010, " UPCALLS"),
        (0x0020, " IMGSTA"),
        (0x0040, " INITIALIZE"),
        (0x0080, " MAIN"),
        (0x0200, " EXE_INIT"),
        (0x0400, " TBK_IN_IMG"),
        (0x0800, " DBG_IN_IMG"),
        (0x1000, " TBK_IN_DSF"),
        (0x2000, " DBG_IN_DSF"),
        (0x4000, " SIGNATURES"),
        (0x8000, " REL_SEG_OFF"),
    ];
    match tag {
        DT_IA_64_PLT_RESERVE => {
            // First 3 slots reserved.
            prefix_hex(out, val);
            out.extend_from_slice(b" -- ");
            prefix_hex(out, val.wrapping_add(3 * 8));
        }
        DT_IA_64_VMS_LINKTIME => print_vms_time(out, val as i64),
        DT_IA_64_VMS_LNKFLAGS => {
            prefix_hex(out, val);
            for &(bit, name) in &LNKFLAGS {
                if val & bit != 0 {
                    out.extend_from_slice(name.as_bytes());
                }
            }
        }
        _ => prefix_hex(out, val),
    }
    out.push(b'\n');
}

// ---------------------------------------------------------------------------
// The table.
// ---------------------------------------------------------------------------

/// Appends exactly what readelf -dW prints for this table, starting with the blank line before
/// "Dynamic section at offset ...". (The caller handles "There is no dynamic section in this file.")
///
/// Mirrors the printing half of readelf.c `process_dynamic_section`. Anything
/// readelf sends to stderr while doing this (e.g. "Bad value (%d) for SYMINENT
/// entry") is not produced here.
pub fn write_dynamic(out: &mut Vec<u8>, table: &DynamicTable) {
    let nent = table.entries.len();
    if table.file_offset != 0 {
        let noun = if nent == 1 { "entry" } else { "entries" };
        out.extend_from_slice(
            format!(
                "\nDynamic section at offset {:#x} contains {} {}:\n",
                table.file_offset, nent, noun
            )
            .as_bytes(),
        );
    }
    out.extend_from_slice(b"  Tag        Type                         Name/Value\n");

    let type_width: i64 = if table.is_64 { 19 } else { 27 };
    for &(tag, val) in table.entries {
        // putchar (' '); print_vma (d_tag, FULL_HEX);
        if table.is_64 {
            out.extend_from_slice(format!(" 0x{tag:016x}").as_bytes());
        } else {
            out.extend_from_slice(format!(" 0x{tag:08x}").as_bytes());
        }
        // printf (" (%s)%*s", dtype, width - strlen (dtype), " "): a negative
        // field width left-justifies, so the padding is |n| but at least 1.
        let dtype = dynamic_tag_name(tag, table.e_machine, table.osabi);
        let n = type_width.saturating_sub(i64::try_from(dtype.len()).unwrap_or(i64::MAX));
        let pad = usize::try_from(n.unsigned_abs()).unwrap_or(1).max(1);
        out.extend_from_slice(b" (");
        out.extend_from_slice(dtype.as_bytes());
        out.push(b')');
        out.resize(out.len() + pad, b' ');

        write_value(out, table, tag, val);
    }
}

/// The value column of one entry: the big `switch (entry->d_tag)` in
/// readelf.c `process_dynamic_section`. Always ends the line (except for
/// readelf's own missing newline after `<corrupt time val: ...`).
fn write_value(out: &mut Vec<u8>, table: &DynamicTable, tag: u64, val: u64) {
    match tag {
        DT_FLAGS => print_dynamic_flags(out, val),

        DT_AUXILIARY | DT_FILTER | DT_CONFIG | DT_DEPAUDIT | DT_AUDIT => {
            out.extend_from_slice(match tag {
                DT_AUXILIARY => b"Auxiliary library".as_slice(),
                DT_FILTER => b"Filter library",
                DT_CONFIG => b"Configuration file",
                DT_DEPAUDIT => b"Dependency audit library",
                _ => b"Audit library",
            });
            match dynamic_name(table.strings, val) {
                Some(name) => {
                    out.extend_from_slice(b": [");
                    out.extend_from_slice(name);
                    out.extend_from_slice(b"]\n");
                }
                None => {
                    out.extend_from_slice(b": ");
                    prefix_hex_line(out, val);
                }
            }
        }

        DT_FEATURE => print_flag_words(out, val, DTF_1_NAMES),
        DT_POSFLAG_1 => print_flag_words(out, val, DF_P1_NAMES),
        DT_FLAGS_1 => print_flag_words(out, val, DF_1_NAMES),

        DT_PLTREL => {
            out.extend_from_slice(dynamic_tag_name(val, table.e_machine, table.osabi).as_bytes());
            out.push(b'\n');
        }

        DT_NULL | DT_NEEDED | DT_PLTGOT | DT_HASH | DT_STRTAB | DT_SYMTAB | DT_RELA | DT_INIT
        | DT_FINI | DT_SONAME | DT_RPATH | DT_SYMBOLIC | DT_REL | DT_RELR | DT_DEBUG
        | DT_TEXTREL | DT_JMPREL | DT_RUNPATH => {
            let label: Option<&[u8]> = match tag {
                DT_NEEDED => Some(b"Shared library: ["),
                DT_SONAME => Some(b"Library soname: ["),
                DT_RPATH => Some(b"Library rpath: ["),
                DT_RUNPATH => Some(b"Library runpath: ["),
                _ => None,
            };
            match (label, dynamic_name(table.strings, val)) {
                (Some(label), Some(name)) => {
                    out.extend_from_slice(label);
                    out.extend_from_slice(name);
                    out.push(b']');
                    if tag == DT_NEEDED
                        && table
                            .interpreter
                            .is_some_and(|interp| until_nul(interp) == name)
                    {
                        out.extend_from_slice(b" program interpreter");
                    }
                    out.push(b'\n');
                }
                _ => prefix_hex_line(out, val),
            }
        }

        DT_PLTRELSZ | DT_RELASZ | DT_STRSZ | DT_RELSZ | DT_RELAENT | DT_RELRENT | DT_RELRSZ
        | DT_SYMENT | DT_RELENT | DT_PLTPADSZ | DT_MOVEENT | DT_MOVESZ | DT_PREINIT_ARRAYSZ
        | DT_INIT_ARRAYSZ | DT_FINI_ARRAYSZ | DT_GNU_CONFLICTSZ | DT_GNU_LIBLISTSZ => {
            out.extend_from_slice(format!("{val} (bytes)\n").as_bytes());
        }

        DT_VERDEFNUM | DT_VERNEEDNUM | DT_RELACOUNT | DT_RELCOUNT => {
            out.extend_from_slice(format!("{val}\n").as_bytes());
        }

        DT_SYMINSZ | DT_SYMINENT | DT_SYMINFO | DT_USED | DT_INIT_ARRAY | DT_FINI_ARRAY => {
            if tag == DT_USED {
                if let Some(name) = dynamic_name(table.strings, val) {
                    if !name.is_empty() {
                        out.extend_from_slice(b"Not needed object: [");
                        out.extend_from_slice(name);
                        out.extend_from_slice(b"]\n");
                        return;
                    }
                }
            }
            prefix_hex_line(out, val);
        }

        // The value of this entry is ignored.
        DT_BIND_NOW => out.push(b'\n'),

        DT_GNU_PRELINKED => match gmtime(val as i64) {
            Some(tm) => {
                out.extend_from_slice(format_tm(&tm).as_bytes());
                out.push(b'\n');
            }
            // readelf prints no newline here.
            None => out.extend_from_slice(format!("<corrupt time val: {val:x}").as_bytes()),
        },

        DT_GNU_HASH => prefix_hex_line(out, val),

        DT_GNU_FLAGS_1 => print_flag_words(out, val, DF_GNU_1_NAMES),

        _ => match table.e_machine {
            EM_AARCH64 => aarch64_dynamic_val(out, tag, val),
            EM_MIPS | EM_MIPS_RS3_LE => mips_dynamic_val(out, table, tag, val),
            EM_PARISC => parisc_dynamic_val(out, tag, val),
            EM_IA_64 => ia64_dynamic_val(out, tag, val),
            _ => prefix_hex_line(out, val),
        },
    }
}

// ---------------------------------------------------------------------------
// Tests. Every expected text below was produced by running GNU readelf 2.40
// (Debian 12, binutils 2.40-2) `readelf -dW` on a synthesized ELF file whose
// .dynamic, .dynstr and PT_INTERP held exactly these bytes, and pasted
// verbatim (non-ASCII bytes escaped).
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn render(table: &DynamicTable) -> Vec<u8> {
        let mut out = Vec::new();
        write_dynamic(&mut out, table);
        out
    }

    #[test]
    fn tag_names() {
        // Names as readelf printed them in the tables below and in the
        // differential runs.
        assert_eq!(dynamic_tag_name(1, 62, 0), "NEEDED");
        assert_eq!(dynamic_tag_name(38, 62, 0), "<unknown>: 26");
        assert_eq!(
            dynamic_tag_name(0x7000_0001, 62, 0),
            "Processor Specific: 70000001"
        );
        assert_eq!(dynamic_tag_name(0x7000_0001, 62, 6), "SPARC_REGISTER");
        assert_eq!(dynamic_tag_name(0x6000_0001, 15, 0), "HP_DLD_FLAGS");
        assert_eq!(dynamic_tag_name(0x6000_0001, 62, 0), "<unknown>: 60000001");
        assert_eq!(
            dynamic_tag_name(0x6000_000e, 62, 0),
            "Operating System specific: 6000000e"
        );
    }

    #[test]
    fn readelf_x86_64() {
        let entries: &[(u64, u64)] = &[
            (0x1, 0x1),
            (0x1, 0xb),
            (0x1, 0x26),
            (0xe, 0x27),
            (0x1d, 0x30),
            (0xf, 0x40),
            (0xf, 0x3d),
            (0x1e, 0x5f),
            (0x6ffffffb, 0x88000001),
            (0x14, 0x7),
            (0x6ffffff9, 0x2a),
            (0x6ffffff0, 0x4005a0),
            (0x2, 0x18),
            (0x18, 0x5),
            (0x6ffffdf4, 0x3),
            (0x6000000e, 0x1),
            (0x70000001, 0x2),
            (0x26, 0x9),
            (0x7ffffffe, 0x1),
            (0x0, 0x0),
        ];
        let table = DynamicTable {
            is_64: true,
            e_machine: 62,
            osabi: 0,
            file_offset: 0x148,
            entries,
            strings: Some(b"\x00libc.so.6\x00/lib64/ld-linux-x86-64.so.2\x00lib\xffx.so\x00$ORIGIN/lib\x00tail"),
            interpreter: Some(b"/lib64/ld-linux-x86-64.so.2\x00"),
        };
        let expected: &[u8] = b"\
\n\
Dynamic section at offset 0x148 contains 20 entries:\n\
\x20 Tag        Type                         Name/Value\n\
\x200x0000000000000001 (NEEDED)             Shared library: [libc.so.6]\n\
\x200x0000000000000001 (NEEDED)             Shared library: [/lib64/ld-linux-x86-64.so.2] program interpreter\n\
\x200x0000000000000001 (NEEDED)             Shared library: []\n\
\x200x000000000000000e (SONAME)             Library soname: [lib\xffx.so]\n\
\x200x000000000000001d (RUNPATH)            Library runpath: [$ORIGIN/lib]\n\
\x200x000000000000000f (RPATH)              0x40\n\
\x200x000000000000000f (RPATH)              Library rpath: [ail]\n\
\x200x000000000000001e (FLAGS)              ORIGIN SYMBOLIC TEXTREL BIND_NOW STATIC_TLS unknown\n\
\x200x000000006ffffffb (FLAGS_1)            Flags: NOW PIE 80000000\n\
\x200x0000000000000014 (PLTREL)             RELA\n\
\x200x000000006ffffff9 (RELACOUNT)          42\n\
\x200x000000006ffffff0 (VERSYM)             0x4005a0\n\
\x200x0000000000000002 (PLTRELSZ)           24 (bytes)\n\
\x200x0000000000000018 (BIND_NOW)           \n\
\x200x000000006ffffdf4 (GNU_FLAGS_1)        Flags: UNIQUE 2\n\
\x200x000000006000000e (Operating System specific: 6000000e)                0x1\n\
\x200x0000000070000001 (Processor Specific: 70000001)         0x2\n\
\x200x0000000000000026 (<unknown>: 26)      0x9\n\
\x200x000000007ffffffe (USED)               Not needed object: [libc.so.6]\n\
\x200x0000000000000000 (NULL)               0x0\n\
";
        assert_eq!(render(&table), expected);
    }

    #[test]
    fn readelf_i386() {
        let entries: &[(u64, u64)] = &[
            (0x1, 0x1),
            (0x6000000e, 0x5),
            (0x70000001, 0x6),
            (0x6ffffdfc, 0x7),
            (0x6ffffdfd, 0x0),
            (0x6ffffefc, 0x63),
            (0x6ffffefb, 0xb),
            (0xffffffff, 0x1),
            (0x0, 0x0),
        ];
        let table = DynamicTable {
            is_64: false,
            e_machine: 3,
            osabi: 0,
            file_offset: 0xb8,
            entries,
            strings: Some(b"\x00libc.so.6\x00/lib64/ld-linux-x86-64.so.2\x00lib\xffx.so\x00$ORIGIN/lib\x00tail"),
            interpreter: None,
        };
        let expected: &[u8] = b"\
\n\
Dynamic section at offset 0xb8 contains 9 entries:\n\
\x20 Tag        Type                         Name/Value\n\
\x200x00000001 (NEEDED)                     Shared library: [libc.so.6]\n\
\x200x6000000e (Operating System specific: 6000000e)        0x5\n\
\x200x70000001 (Processor Specific: 70000001) 0x6\n\
\x200x6ffffdfc (FEATURE)                    Flags: PARINIT CONFEXP 4\n\
\x200x6ffffdfd (POSFLAG_1)                  Flags: None\n\
\x200x6ffffefc (AUDIT)                      Audit library: 0x63\n\
\x200x6ffffefb (DEPAUDIT)                   Dependency audit library: [/lib64/ld-linux-x86-64.so.2]\n\
\x200xffffffff (<unknown>: ffffffff)        0x1\n\
\x200x00000000 (NULL)                       0x0\n\
";
        assert_eq!(render(&table), expected);
    }

    #[test]
    fn readelf_mips64() {
        let entries: &[(u64, u64)] = &[
            (0x70000001, 0xffffffffffffffff),
            (0x70000002, 0x386d4380),
            (0x70000002, 0x7fffffffffffffff),
            (0x70000004, 0x1),
            (0x70000004, 0x3e8),
            (0x70000005, 0x12345),
            (0x70000005, 0x0),
            (0x70000036, 0x1234),
            (0x0, 0x0),
        ];
        let table = DynamicTable {
            is_64: true,
            e_machine: 8,
            osabi: 0,
            file_offset: 0xf0,
            entries,
            strings: Some(b"\x00libc.so.6\x00/lib64/ld-linux-x86-64.so.2\x00lib\xffx.so\x00$ORIGIN/lib\x00tail"),
            interpreter: None,
        };
        let expected: &[u8] = b"\
\n\
Dynamic section at offset 0xf0 contains 9 entries:\n\
\x20 Tag        Type                         Name/Value\n\
\x200x0000000070000001 (MIPS_RLD_VERSION)   -1\n\
\x200x0000000070000002 (MIPS_TIME_STAMP)    Time Stamp: 2000-01-01T00:00:00\n\
\x200x0000000070000002 (MIPS_TIME_STAMP)    Time Stamp: <corrupt>\n\
\x200x0000000070000004 (MIPS_IVERSION)      Interface Version: libc.so.6\n\
\x200x0000000070000004 (MIPS_IVERSION)      Interface Version: <corrupt: 3e8>\n\
\x200x0000000070000005 (MIPS_FLAGS)         QUICKSTART NO_LIBRARY_REPLACEMENT DELTA_C_PLUS_PLUS PIXIE DEFAULT_DELAY_LOAD NO_UNRES_UNDEF\n\
\x200x0000000070000005 (MIPS_FLAGS)         NONE\n\
\x200x0000000070000036 (MIPS_XHASH)         0x1234\n\
\x200x0000000000000000 (NULL)               0x0\n\
";
        assert_eq!(render(&table), expected);
    }

    #[test]
    fn readelf_parisc32() {
        let entries: &[(u64, u64)] = &[
            (0x60000001, 0x120011),
            (0x60000001, 0x0),
            (0x60000008, 0x5),
            (0x6000000c, 0x1),
            (0x0, 0x0),
        ];
        let table = DynamicTable {
            is_64: false,
            e_machine: 15,
            osabi: 0,
            file_offset: 0xb8,
            entries,
            strings: Some(b"\x00libc.so.6\x00/lib64/ld-linux-x86-64.so.2\x00lib\xffx.so\x00$ORIGIN/lib\x00tail"),
            interpreter: None,
        };
        let expected: &[u8] = b"\
\n\
Dynamic section at offset 0xb8 contains 5 entries:\n\
\x20 Tag        Type                         Name/Value\n\
\x200x60000001 (HP_DLD_FLAGS)               HP_DEBUG_PRIVATE HP_BIND_NOW 120000\n\
\x200x60000001 (HP_DLD_FLAGS)               0\n\
\x200x60000008 (HP_TIME_STAMP)              0x5\n\
\x200x6000000c (HP_GST_HASHVAL)             0x1\n\
\x200x00000000 (NULL)                       0x0\n\
";
        assert_eq!(render(&table), expected);
    }

    #[test]
    fn readelf_ia64() {
        let entries: &[(u64, u64)] = &[
            (0x70000000, 0xffffffffffffffff),
            (0x60000015, 0x8081),
            (0x60000035, 0xab6e2b6b2f4a000),
            (0x60000035, 0x0),
            (0x0, 0x0),
        ];
        let table = DynamicTable {
            is_64: true,
            e_machine: 50,
            osabi: 0,
            file_offset: 0xf0,
            entries,
            strings: Some(b"\x00libc.so.6\x00/lib64/ld-linux-x86-64.so.2\x00lib\xffx.so\x00$ORIGIN/lib\x00tail"),
            interpreter: None,
        };
        let expected: &[u8] = b"\
\n\
Dynamic section at offset 0xf0 contains 5 entries:\n\
\x20 Tag        Type                         Name/Value\n\
\x200x0000000070000000 (IA_64_PLT_RESERVE)  0xffffffffffffffff -- 0x17\n\
\x200x0000000060000015 (VMS_LNKFLAGS)       0x8081 CALL_DEBUG MAIN REL_SEG_OFF\n\
\x200x0000000060000035 (VMS_LINKTIME)       4305-06-02T15:00:45\n\
\x200x0000000060000035 (VMS_LINKTIME)       1858-11-17T00:00:00\n\
\x200x0000000000000000 (NULL)               0x0\n\
";
        assert_eq!(render(&table), expected);
    }

    #[test]
    fn readelf_aarch64() {
        let entries: &[(u64, u64)] = &[
            (0x70000001, 0x5),
            (0x70000003, 0x5),
            (0x70000005, 0x0),
            (0x6ffffdf5, 0x7fffffffffffffff),
            (0x1, 0x1),
            (0x0, 0x0),
        ];
        let table = DynamicTable {
            is_64: true,
            e_machine: 183,
            osabi: 0,
            file_offset: 0xf0,
            entries,
            strings: Some(b"\x00libc.so.6\x00/lib64/ld-linux-x86-64.so.2\x00lib\xffx.so\x00$ORIGIN/lib\x00tail"),
            interpreter: None,
        };
        let expected: &[u8] = b"\
\n\
Dynamic section at offset 0xf0 contains 6 entries:\n\
\x20 Tag        Type                         Name/Value\n\
\x200x0000000070000001 (AARCH64_BTI_PLT)    \n\
\x200x0000000070000003 (AARCH64_PAC_PLT)    \n\
\x200x0000000070000005 (AARCH64_VARIANT_PCS) 0x0\n\
\x200x000000006ffffdf5 (GNU_PRELINKED)      <corrupt time val: 7fffffffffffffff 0x0000000000000001 (NEEDED)             Shared library: [libc.so.6]\n\
\x200x0000000000000000 (NULL)               0x0\n\
";
        assert_eq!(render(&table), expected);
    }

    #[test]
    fn readelf_single() {
        let entries: &[(u64, u64)] = &[(0x0, 0x0)];
        let table = DynamicTable {
            is_64: true,
            e_machine: 62,
            osabi: 0,
            file_offset: 0xf0,
            entries,
            strings: Some(b"\x00libc.so.6\x00/lib64/ld-linux-x86-64.so.2\x00lib\xffx.so\x00$ORIGIN/lib\x00tail"),
            interpreter: None,
        };
        let expected: &[u8] = b"\
\n\
Dynamic section at offset 0xf0 contains 1 entry:\n\
\x20 Tag        Type                         Name/Value\n\
\x200x0000000000000000 (NULL)               0x0\n\
";
        assert_eq!(render(&table), expected);
    }
}
