//! Decoding of the ELF header's `e_flags` word into the text that GNU readelf
//! prints after the hexadecimal value on the `  Flags:` line of `readelf -h`.
//!
//! This module mirrors `get_machine_flags` of GNU binutils 2.40
//! (`binutils/readelf.c`, Debian 12 `binutils 2.40-2`) together with every
//! helper it calls (`decode_ARC_machine_flags`, `decode_ARM_machine_flags`,
//! `decode_AVR_machine_flags`, `decode_NDS32_machine_flags`,
//! `decode_AMDGPU_machine_flags`). Every string, every ordering and every
//! quirk (missing separators, trailing spaces, `%#x` printing `0` for zero)
//! is reproduced byte for byte; the constant values come from
//! `include/elf/*.h` of the same release.
//!
//! Machines that have no branch in readelf 2.40's `get_machine_flags`
//! (for example `EM_X86_64`, `EM_AARCH64`, `EM_XTENSA`, `EM_CSKY`,
//! `EM_ALTERA_NIOS2`, and SPARC other than `EM_SPARCV9`) always decode to
//! the empty string, as does any machine when `e_flags` is zero.

use std::fmt::Write as _;

/// `EM_*` machine numbers (`include/elf/common.h`) that have a branch in
/// `get_machine_flags`.
mod em {
    pub const M68K: u16 = 4;
    pub const MIPS: u16 = 8;
    pub const MIPS_RS3_LE: u16 = 10;
    pub const PARISC: u16 = 15;
    pub const PPC: u16 = 20;
    pub const PPC64: u16 = 21;
    pub const S390: u16 = 22;
    pub const V800: u16 = 36;
    pub const ARM: u16 = 40;
    pub const SH: u16 = 42;
    pub const SPARCV9: u16 = 43;
    pub const IA_64: u16 = 50;
    pub const VAX: u16 = 75;
    pub const AVR: u16 = 83;
    pub const V850: u16 = 87;
    pub const M32R: u16 = 88;
    pub const PJ: u16 = 91;
    pub const OR1K: u16 = 92;
    pub const ARC_COMPACT: u16 = 93;
    pub const PJ_OLD: u16 = 99;
    pub const MSP430: u16 = 105;
    pub const BLACKFIN: u16 = 106;
    pub const TI_C6000: u16 = 140;
    pub const NDS32: u16 = 167;
    pub const RX: u16 = 173;
    pub const ARC_COMPACT2: u16 = 195;
    pub const RL78: u16 = 197;
    pub const Z80: u16 = 220;
    pub const VISIUM: u16 = 221;
    pub const AMDGPU: u16 = 224;
    pub const RISCV: u16 = 243;
    pub const NFP: u16 = 250;
    pub const LOONGARCH: u16 = 258;
    pub const CYGNUS_FRV: u16 = 0x5441;
    pub const CYGNUS_M32R: u16 = 0x9041;
    pub const CYGNUS_V850: u16 = 0x9080;
    pub const CYGNUS_MEP: u16 = 0xF00D;
}

/// `ELFOSABI_OPENVMS` (`include/elf/common.h`).
const ELFOSABI_OPENVMS: u8 = 13;
/// `ELFOSABI_AMDGPU_HSA` (`include/elf/common.h`).
const ELFOSABI_AMDGPU_HSA: u8 = 64;
/// `ELFABIVERSION_AMDGPU_HSA_V3` (`include/elf/amdgpu.h`).
const ELFABIVERSION_AMDGPU_HSA_V3: u8 = 1;

/// Returns exactly the text readelf 2.40 appends after `0x%lx` on the
/// `  Flags:` line of `readelf -h` (the result of `get_machine_flags`).
///
/// The result is usually empty or starts with `", "`; a few machines use
/// other separators (MSP430 starts with `": "`). `osabi` and `abi_version`
/// are `e_ident[EI_OSABI]` and `e_ident[EI_ABIVERSION]`: readelf consults
/// the former for IA-64 (`ELFOSABI_OPENVMS`) and both for AMDGPU. Nothing else in the
/// file header (class, data encoding, ...) affects the output.
#[must_use]
pub fn machine_flags(e_flags: u32, e_machine: u16, osabi: u8, abi_version: u8) -> String {
    let mut buf = String::new();
    if e_flags == 0 {
        return buf;
    }
    match e_machine {
        em::ARC_COMPACT | em::ARC_COMPACT2 => arc(&mut buf, e_flags, e_machine),
        em::ARM => arm(&mut buf, e_flags),
        em::AVR => avr(&mut buf, e_flags),
        em::BLACKFIN => blackfin(&mut buf, e_flags),
        em::CYGNUS_FRV => frv(&mut buf, e_flags),
        em::M68K => m68k(&mut buf, e_flags),
        em::AMDGPU => amdgpu(&mut buf, e_flags, osabi, abi_version),
        em::CYGNUS_MEP => mep(&mut buf, e_flags),
        em::PPC => ppc(&mut buf, e_flags),
        em::PPC64 => ppc64(&mut buf, e_flags),
        em::V800 => v800(&mut buf, e_flags),
        em::V850 | em::CYGNUS_V850 => v850(&mut buf, e_flags),
        em::M32R | em::CYGNUS_M32R => m32r(&mut buf, e_flags),
        em::MIPS | em::MIPS_RS3_LE => mips(&mut buf, e_flags),
        em::NDS32 => nds32(&mut buf, e_flags),
        em::NFP => nfp(&mut buf, e_flags),
        em::RISCV => riscv(&mut buf, e_flags),
        em::SH => sh(&mut buf, e_flags),
        em::OR1K => or1k(&mut buf, e_flags),
        em::SPARCV9 => sparcv9(&mut buf, e_flags),
        em::PARISC => parisc(&mut buf, e_flags),
        em::PJ | em::PJ_OLD => picojava(&mut buf, e_flags),
        em::IA_64 => ia64(&mut buf, e_flags, osabi),
        em::VAX => vax(&mut buf, e_flags),
        em::VISIUM => visium(&mut buf, e_flags),
        em::RL78 => rl78(&mut buf, e_flags),
        em::RX => rx(&mut buf, e_flags),
        em::S390 => s390(&mut buf, e_flags),
        em::TI_C6000 => tic6x(&mut buf, e_flags),
        em::MSP430 => msp430(&mut buf, e_flags),
        em::Z80 => z80(&mut buf, e_flags),
        em::LOONGARCH => loongarch(&mut buf, e_flags),
        _ => {}
    }
    buf
}

/// C's `printf("%#x", v)`: `0` for zero, `0x...` (lower case) otherwise.
fn alt_hex(v: u32) -> String {
    if v == 0 {
        "0".to_owned()
    } else {
        format!("{v:#x}")
    }
}

/// Lowest set bit of `v` (C's `v & -v`), zero when `v` is zero.
fn lowest_bit(v: u32) -> u32 {
    v & v.wrapping_neg()
}

/// `decode_ARC_machine_flags` (readelf.c), for `EM_ARC_COMPACT` and
/// `EM_ARC_COMPACT2`.
fn arc(buf: &mut String, e_flags: u32, e_machine: u16) {
    const EF_ARC_MACH_MSK: u32 = 0x0000_00ff;
    const EF_ARC_OSABI_MSK: u32 = 0x0000_0f00;

    buf.push_str(match e_flags & EF_ARC_MACH_MSK {
        0x5 => ", ARC EM", // EF_ARC_CPU_ARCV2EM
        0x6 => ", ARC HS", // EF_ARC_CPU_ARCV2HS
        0x2 => ", ARC600", // E_ARC_MACH_ARC600
        0x4 => ", ARC601", // E_ARC_MACH_ARC601
        0x3 => ", ARC700", // E_ARC_MACH_ARC700
        _ if e_machine == em::ARC_COMPACT => ", Unknown ARCompact",
        _ => ", Unknown ARC",
    });
    buf.push_str(match e_flags & EF_ARC_OSABI_MSK {
        0x000 => ", (ABI:legacy)",              // E_ARC_OSABI_ORIG
        0x200 => ", (ABI:v2)",                  // E_ARC_OSABI_V2
        0x300 => ", v3 no-legacy-syscalls ABI", // E_ARC_OSABI_V3
        0x400 => ", v4 ABI",                    // E_ARC_OSABI_V4
        _ => ", unrecognised ARC OSABI flag",
    });
}

/// `decode_ARM_machine_flags` (readelf.c), for `EM_ARM`.
fn arm(buf: &mut String, e_flags: u32) {
    const EF_ARM_RELEXEC: u32 = 0x01;
    const EF_ARM_PIC: u32 = 0x20;
    const EF_ARM_EABIMASK: u32 = 0xFF00_0000;

    let eabi = e_flags & EF_ARM_EABIMASK;
    let mut flags = e_flags & !EF_ARM_EABIMASK;
    let mut unknown = false;

    if flags & EF_ARM_RELEXEC != 0 {
        buf.push_str(", relocatable executable");
        flags &= !EF_ARM_RELEXEC;
    }
    if flags & EF_ARM_PIC != 0 {
        buf.push_str(", position independent");
        flags &= !EF_ARM_PIC;
    }

    // Per-EABI name and the bit-by-bit decoder of the remaining flags.
    // A bit the decoder does not know marks the whole word "<unknown>".
    let (name, decode): (&str, fn(u32) -> Option<&'static str>) = match eabi {
        0x0100_0000 => (", Version1 EABI", |bit| match bit {
            0x04 => Some(", sorted symbol tables"), // EF_ARM_SYMSARESORTED
            _ => None,
        }),
        0x0200_0000 => (", Version2 EABI", |bit| match bit {
            0x04 => Some(", sorted symbol tables"), // EF_ARM_SYMSARESORTED
            0x08 => Some(", dynamic symbols use segment index"), // EF_ARM_DYNSYMSUSESEGIDX
            0x10 => Some(", mapping symbols precede others"), // EF_ARM_MAPSYMSFIRST
            _ => None,
        }),
        // Version 3 ignores every remaining flag.
        0x0300_0000 => (", Version3 EABI", |_| Some("")),
        0x0400_0000 => (", Version4 EABI", |bit| match bit {
            0x0080_0000 => Some(", BE8"), // EF_ARM_BE8
            0x0040_0000 => Some(", LE8"), // EF_ARM_LE8
            _ => None,
        }),
        0x0500_0000 => (", Version5 EABI", |bit| match bit {
            0x0080_0000 => Some(", BE8"),      // EF_ARM_BE8
            0x0040_0000 => Some(", LE8"),      // EF_ARM_LE8
            0x200 => Some(", soft-float ABI"), // EF_ARM_ABI_FLOAT_SOFT
            0x400 => Some(", hard-float ABI"), // EF_ARM_ABI_FLOAT_HARD
            _ => None,
        }),
        0 => (", GNU EABI", |bit| match bit {
            0x04 => Some(", interworking enabled"), // EF_ARM_INTERWORK
            0x08 => Some(", uses APCS/26"),         // EF_ARM_APCS_26
            0x10 => Some(", uses APCS/float"),      // EF_ARM_APCS_FLOAT
            0x20 => Some(", position independent"), // EF_ARM_PIC (already cleared)
            0x40 => Some(", 8 bit structure alignment"), // EF_ARM_ALIGN8
            0x80 => Some(", uses new ABI"),         // EF_ARM_NEW_ABI
            0x100 => Some(", uses old ABI"),        // EF_ARM_OLD_ABI
            0x200 => Some(", software FP"),         // EF_ARM_SOFT_FLOAT
            0x400 => Some(", VFP"),                 // EF_ARM_VFP_FLOAT
            0x800 => Some(", Maverick FP"),         // EF_ARM_MAVERICK_FLOAT
            _ => None,
        }),
        _ => (", <unrecognized EABI>", |_| None),
    };

    buf.push_str(name);
    while flags != 0 {
        let bit = lowest_bit(flags);
        flags &= !bit;
        match decode(bit) {
            Some(text) => buf.push_str(text),
            None => unknown = true,
        }
    }
    if unknown {
        buf.push_str(", <unknown>");
    }
}

/// `decode_AVR_machine_flags` (readelf.c), for `EM_AVR`.
fn avr(buf: &mut String, e_flags: u32) {
    const EF_AVR_MACH: u32 = 0x7F;
    const EF_AVR_LINKRELAX_PREPARED: u32 = 0x80;

    buf.push_str(match e_flags & EF_AVR_MACH {
        1 => ", avr:1",
        2 => ", avr:2",
        25 => ", avr:25",
        3 => ", avr:3",
        31 => ", avr:31",
        35 => ", avr:35",
        4 => ", avr:4",
        5 => ", avr:5",
        51 => ", avr:51",
        6 => ", avr:6",
        100 => ", avr:100",
        101 => ", avr:101",
        102 => ", avr:102",
        103 => ", avr:103",
        104 => ", avr:104",
        105 => ", avr:105",
        106 => ", avr:106",
        107 => ", avr:107",
        _ => ", avr:<unknown>",
    });
    if e_flags & EF_AVR_LINKRELAX_PREPARED != 0 {
        buf.push_str(", link-relax");
    }
}

/// The `EM_BLACKFIN` branch of `get_machine_flags` (readelf.c).
fn blackfin(buf: &mut String, e_flags: u32) {
    const BITS: [(u32, &str); 4] = [
        (0x01, ", PIC"),        // EF_BFIN_PIC
        (0x02, ", FDPIC"),      // EF_BFIN_FDPIC
        (0x10, ", code in L1"), // EF_BFIN_CODE_IN_L1
        (0x20, ", data in L1"), // EF_BFIN_DATA_IN_L1
    ];
    push_bits(buf, e_flags, &BITS);
}

/// Appends the text of every listed bit that is set, in list order.
fn push_bits(buf: &mut String, e_flags: u32, bits: &[(u32, &str)]) {
    for &(bit, text) in bits {
        if e_flags & bit != 0 {
            buf.push_str(text);
        }
    }
}

/// The `EM_CYGNUS_FRV` branch of `get_machine_flags` (readelf.c).
fn frv(buf: &mut String, e_flags: u32) {
    const EF_FRV_CPU_MASK: u32 = 0xff00_0000;

    buf.push_str(match e_flags & EF_FRV_CPU_MASK {
        0x0000_0000 => "", // EF_FRV_CPU_GENERIC
        0x0200_0000 => ", fr300",
        0x0500_0000 => ", fr400",
        0x0700_0000 => ", fr405",
        0x0800_0000 => ", fr450",
        0x0100_0000 => ", fr500",
        0x0600_0000 => ", fr550",
        0x0300_0000 => ", simple",
        0x0400_0000 => ", tomcat",
        _ => ", fr???",
    });
}

/// The `EM_68K` branch of `get_machine_flags` (readelf.c).
fn m68k(buf: &mut String, e_flags: u32) {
    const EF_M68K_CPU32: u32 = 0x0081_0000;
    const EF_M68K_M68000: u32 = 0x0100_0000;
    const EF_M68K_CFV4E: u32 = 0x0000_8000;
    const EF_M68K_FIDO: u32 = 0x0200_0000;
    const EF_M68K_ARCH_MASK: u32 = EF_M68K_M68000 | EF_M68K_CPU32 | EF_M68K_CFV4E | EF_M68K_FIDO;
    const EF_M68K_CF_ISA_MASK: u32 = 0x0F;
    const EF_M68K_CF_MAC_MASK: u32 = 0x30;
    const EF_M68K_CF_FLOAT: u32 = 0x40;

    match e_flags & EF_M68K_ARCH_MASK {
        EF_M68K_M68000 => buf.push_str(", m68000"),
        EF_M68K_CPU32 => buf.push_str(", cpu32"),
        EF_M68K_FIDO => buf.push_str(", fido_a"),
        _ => {
            let (isa, additional) = match e_flags & EF_M68K_CF_ISA_MASK {
                0x01 => ("A", Some(", nodiv")), // EF_M68K_CF_ISA_A_NODIV
                0x02 => ("A", None),            // EF_M68K_CF_ISA_A
                0x03 => ("A+", None),           // EF_M68K_CF_ISA_A_PLUS
                0x04 => ("B", Some(", nousp")), // EF_M68K_CF_ISA_B_NOUSP
                0x05 => ("B", None),            // EF_M68K_CF_ISA_B
                0x06 => ("C", None),            // EF_M68K_CF_ISA_C
                0x07 => ("C", Some(", nodiv")), // EF_M68K_CF_ISA_C_NODIV
                _ => ("unknown", None),
            };
            buf.push_str(", cf, isa ");
            buf.push_str(isa);
            if let Some(additional) = additional {
                buf.push_str(additional);
            }
            if e_flags & EF_M68K_CF_FLOAT != 0 {
                buf.push_str(", float");
            }
            // The mask is two bits wide, so every value is named.
            let mac = match e_flags & EF_M68K_CF_MAC_MASK {
                0x10 => Some("mac"),    // EF_M68K_CF_MAC
                0x20 => Some("emac"),   // EF_M68K_CF_EMAC
                0x30 => Some("emac_b"), // EF_M68K_CF_EMAC_B
                _ => None,
            };
            if let Some(mac) = mac {
                buf.push_str(", ");
                buf.push_str(mac);
            }
        }
    }
}

/// `decode_AMDGPU_machine_flags` (readelf.c), for `EM_AMDGPU`.
fn amdgpu(buf: &mut String, e_flags: u32, osabi: u8, abi_version: u8) {
    const EF_AMDGPU_MACH: u32 = 0x0ff;
    const EF_AMDGPU_FEATURE_XNACK_V3: u32 = 0x100;
    const EF_AMDGPU_FEATURE_SRAMECC_V3: u32 = 0x200;
    const EF_AMDGPU_FEATURE_XNACK_V4: u32 = 0x300;
    const EF_AMDGPU_FEATURE_SRAMECC_V4: u32 = 0xc00;

    // HSA v2 (ABI version 0) used another encoding that readelf ignores.
    if osabi == ELFOSABI_AMDGPU_HSA && abi_version < ELFABIVERSION_AMDGPU_HSA_V3 {
        return;
    }

    let mach = e_flags & EF_AMDGPU_MACH;
    let name = match mach {
        0x020 => "gfx600",
        0x021 => "gfx601",
        0x022 => "gfx700",
        0x023 => "gfx701",
        0x024 => "gfx702",
        0x025 => "gfx703",
        0x026 => "gfx704",
        0x028 => "gfx801",
        0x029 => "gfx802",
        0x02a => "gfx803",
        0x02b => "gfx810",
        0x02c => "gfx900",
        0x02d => "gfx902",
        0x02e => "gfx904",
        0x02f => "gfx906",
        0x030 => "gfx908",
        0x031 => "gfx909",
        0x032 => "gfx90c",
        0x033 => "gfx1010",
        0x034 => "gfx1011",
        0x035 => "gfx1012",
        0x036 => "gfx1030",
        0x037 => "gfx1031",
        0x038 => "gfx1032",
        0x039 => "gfx1033",
        0x03a => "gfx602",
        0x03b => "gfx705",
        0x03c => "gfx805",
        0x03d => "gfx1035",
        0x03e => "gfx1034",
        0x03f => "gfx90a",
        0x040 => "gfx940",
        0x042 => "gfx1013",
        0x045 => "gfx1036",
        _ => "",
    };
    if name.is_empty() {
        let _ = write!(buf, ", <unknown AMDGPU GPU type: {}>", alt_hex(mach));
    } else {
        buf.push_str(", ");
        buf.push_str(name);
    }

    let mut flags = e_flags & !EF_AMDGPU_MACH;

    if osabi != ELFOSABI_AMDGPU_HSA || abi_version == ELFABIVERSION_AMDGPU_HSA_V3 {
        // HSA v3 and the other OS ABIs.
        if flags & EF_AMDGPU_FEATURE_XNACK_V3 != 0 {
            buf.push_str(", xnack on");
            flags &= !EF_AMDGPU_FEATURE_XNACK_V3;
        }
        if flags & EF_AMDGPU_FEATURE_SRAMECC_V3 != 0 {
            buf.push_str(", sramecc on");
            flags &= !EF_AMDGPU_FEATURE_SRAMECC_V3;
        }
    } else {
        // HSA v4 and later: both two-bit fields are fully enumerated, so
        // readelf's "<unknown ... value>" defaults cannot be reached.
        buf.push_str(match flags & EF_AMDGPU_FEATURE_XNACK_V4 {
            0x100 => ", xnack any",
            0x200 => ", xnack off",
            0x300 => ", xnack on",
            _ => "",
        });
        flags &= !EF_AMDGPU_FEATURE_XNACK_V4;
        buf.push_str(match flags & EF_AMDGPU_FEATURE_SRAMECC_V4 {
            0x400 => ", sramecc any",
            0x800 => ", sramecc off",
            0xc00 => ", sramecc on",
            _ => "",
        });
        flags &= !EF_AMDGPU_FEATURE_SRAMECC_V4;
    }

    if flags != 0 {
        let _ = write!(buf, ", unknown flags bits: {}", alt_hex(flags));
    }
}

/// The `EM_CYGNUS_MEP` branch of `get_machine_flags` (readelf.c).
fn mep(buf: &mut String, e_flags: u32) {
    const EF_MEP_CPU_MASK: u32 = 0xff00_0000;
    const EF_MEP_COP_MASK: u32 = 0x00ff_0000;
    const EF_MEP_LIBRARY: u32 = 0x0000_0100;
    const EF_MEP_INDEX_MASK: u32 = 0x0000_00ff;
    const EF_MEP_ALL_FLAGS: u32 = 0xffff_01ff;

    buf.push_str(match e_flags & EF_MEP_CPU_MASK {
        0x0000_0000 => ", generic MeP",
        0x0100_0000 => ", MeP C2",
        0x0200_0000 => ", MeP C3",
        0x0400_0000 => ", MeP C4",
        0x0800_0000 => ", MeP C5",
        0x1000_0000 => ", MeP H1",
        _ => ", <unknown MeP cpu type>",
    });
    // readelf prints no separator before the unknown coprocessor text.
    buf.push_str(match e_flags & EF_MEP_COP_MASK {
        0x0000_0000 => "",
        0x0001_0000 => ", AVC coprocessor",
        0x0002_0000 => ", AVC2 coprocessor",
        0x0003_0000 => ", FMAX coprocessor",
        0x0006_0000 => ", IVC2 coprocessor",
        _ => "<unknown MeP copro type>",
    });
    if e_flags & EF_MEP_LIBRARY != 0 {
        buf.push_str(", Built for Library");
    }
    if e_flags & EF_MEP_INDEX_MASK != 0 {
        let _ = write!(
            buf,
            ", Configuration Index: {}",
            alt_hex(e_flags & EF_MEP_INDEX_MASK)
        );
    }
    if e_flags & !EF_MEP_ALL_FLAGS != 0 {
        let _ = write!(
            buf,
            ", unknown flags bits: {}",
            alt_hex(e_flags & !EF_MEP_ALL_FLAGS)
        );
    }
}

/// The `EM_PPC` branch of `get_machine_flags` (readelf.c).
fn ppc(buf: &mut String, e_flags: u32) {
    const BITS: [(u32, &str); 3] = [
        (0x8000_0000, ", emb"),             // EF_PPC_EMB
        (0x0001_0000, ", relocatable"),     // EF_PPC_RELOCATABLE
        (0x0000_8000, ", relocatable-lib"), // EF_PPC_RELOCATABLE_LIB
    ];
    push_bits(buf, e_flags, &BITS);
}

/// The `EM_PPC64` branch of `get_machine_flags` (readelf.c): the two-bit
/// `EF_PPC64_ABI` field printed as `, abivN` when non-zero.
fn ppc64(buf: &mut String, e_flags: u32) {
    const EF_PPC64_ABI: u32 = 3;

    let abi = e_flags & EF_PPC64_ABI;
    if abi != 0 {
        let _ = write!(buf, ", abiv{abi}");
    }
}

/// The `EM_V800` (RH850) branch of `get_machine_flags` (readelf.c).
fn v800(buf: &mut String, e_flags: u32) {
    const EF_RH850_ABI: u32 = 0xF000_0000;
    const EF_V800_850E3: u32 = 0x0010_0000;
    // Pairs of (FIX | NOFIX) masks whose absence is reported.
    const UNUSED: [(u32, &str); 6] = [
        (0x0003, ", FPU not used"),    // EF_RH850_FPU_DOUBLE | EF_RH850_FPU_SINGLE
        (0x0060, ", regmode: COMMON"), // EF_RH850_REGMODE22 | EF_RH850_REGMODE32
        (0x0300, ", r4 not used"),     // EF_RH850_GP_FIX | EF_RH850_GP_NOFIX
        (0x0C00, ", r30 not used"),    // EF_RH850_EP_FIX | EF_RH850_EP_NOFIX
        (0x3000, ", r5 not used"),     // EF_RH850_TP_FIX | EF_RH850_TP_NOFIX
        (0xC000, ", r2 not used"),     // EF_RH850_REG2_RESERVE | EF_RH850_REG2_NORESERVE
    ];

    if e_flags & EF_RH850_ABI == EF_RH850_ABI {
        buf.push_str(", RH850 ABI");
    }
    if e_flags & EF_V800_850E3 != 0 {
        buf.push_str(", V3 architecture");
    }
    for &(mask, text) in &UNUSED {
        if e_flags & mask == 0 {
            buf.push_str(text);
        }
    }
    let mut flags = e_flags & 0xFFFF;
    while flags != 0 {
        let bit = lowest_bit(flags);
        flags &= !bit;
        buf.push_str(match bit {
            0x0001 => ", double precision FPU", // EF_RH850_FPU_DOUBLE
            0x0002 => ", single precision FPU", // EF_RH850_FPU_SINGLE
            0x0020 => ", regmode:22",           // EF_RH850_REGMODE22
            0x0040 => ", regmode:23",           // EF_RH850_REGMODE32 (sic)
            0x0100 => ", r4 fixed",             // EF_RH850_GP_FIX
            0x0200 => ", r4 free",              // EF_RH850_GP_NOFIX
            0x0400 => ", r30 fixed",            // EF_RH850_EP_FIX
            0x0800 => ", r30 free",             // EF_RH850_EP_NOFIX
            0x1000 => ", r5 fixed",             // EF_RH850_TP_FIX
            0x2000 => ", r5 free",              // EF_RH850_TP_NOFIX
            0x4000 => ", r2 fixed",             // EF_RH850_REG2_RESERVE
            0x8000 => ", r2 free",              // EF_RH850_REG2_NORESERVE
            _ => "",
        });
    }
}

/// The `EM_V850` / `EM_CYGNUS_V850` branch of `get_machine_flags`
/// (readelf.c).
fn v850(buf: &mut String, e_flags: u32) {
    const EF_V850_ARCH: u32 = 0xf000_0000;

    buf.push_str(match e_flags & EF_V850_ARCH {
        0x6000_0000 => ", v850e3v5",
        0x4000_0000 => ", v850e2v3",
        0x3000_0000 => ", v850e2",
        0x2000_0000 => ", v850e1",
        0x1000_0000 => ", v850e",
        0x0000_0000 => ", v850",
        _ => ", unknown v850 architecture variant",
    });
}

/// The `EM_M32R` / `EM_CYGNUS_M32R` branch of `get_machine_flags`
/// (readelf.c).
fn m32r(buf: &mut String, e_flags: u32) {
    const EF_M32R_ARCH: u32 = 0x3000_0000;
    const E_M32R_ARCH: u32 = 0x0000_0000;

    if e_flags & EF_M32R_ARCH == E_M32R_ARCH {
        buf.push_str(", m32r");
    }
}

/// The `EM_MIPS` / `EM_MIPS_RS3_LE` branch of `get_machine_flags`
/// (readelf.c).
fn mips(buf: &mut String, e_flags: u32) {
    const EF_MIPS_MACH: u32 = 0x00FF_0000;
    const EF_MIPS_ABI: u32 = 0x0000_F000;
    const EF_MIPS_ARCH: u32 = 0xf000_0000;

    const LOW_BITS: [(u32, &str); 9] = [
        (0x0001, ", noreorder"),     // EF_MIPS_NOREORDER
        (0x0002, ", pic"),           // EF_MIPS_PIC
        (0x0004, ", cpic"),          // EF_MIPS_CPIC
        (0x0010, ", ugen_reserved"), // EF_MIPS_UCODE
        (0x0020, ", abi2"),          // EF_MIPS_ABI2
        (0x0080, ", odk first"),     // EF_MIPS_OPTIONS_FIRST
        (0x0100, ", 32bitmode"),     // EF_MIPS_32BITMODE
        (0x0400, ", nan2008"),       // EF_MIPS_NAN2008
        (0x0200, ", fp64"),          // EF_MIPS_FP64
    ];
    const ASE_BITS: [(u32, &str); 3] = [
        (0x0800_0000, ", mdmx"),      // EF_MIPS_ARCH_ASE_MDMX
        (0x0400_0000, ", mips16"),    // EF_MIPS_ARCH_ASE_M16
        (0x0200_0000, ", micromips"), // EF_MIPS_ARCH_ASE_MICROMIPS
    ];

    push_bits(buf, e_flags, &LOW_BITS);
    buf.push_str(match e_flags & EF_MIPS_MACH {
        0x0081_0000 => ", 3900",
        0x0082_0000 => ", 4010",
        0x0083_0000 => ", 4100",
        0x0088_0000 => ", 4111",
        0x0087_0000 => ", 4120",
        0x0085_0000 => ", 4650",
        0x0091_0000 => ", 5400",
        0x0098_0000 => ", 5500",
        0x0092_0000 => ", 5900",
        0x008a_0000 => ", sb1",
        0x0099_0000 => ", 9000",
        0x00A0_0000 => ", loongson-2e",
        0x00A1_0000 => ", loongson-2f",
        0x00A2_0000 => ", gs464",
        0x00A3_0000 => ", gs464e",
        0x00A4_0000 => ", gs264e",
        0x008b_0000 => ", octeon",
        0x008d_0000 => ", octeon2",
        0x008e_0000 => ", octeon3",
        0x008c_0000 => ", xlr",
        0x0093_0000 => ", interaptiv-mr2",
        0 => "",
        _ => ", unknown CPU",
    });

    buf.push_str(match e_flags & EF_MIPS_ABI {
        0x1000 => ", o32",
        0x2000 => ", o64",
        0x3000 => ", eabi32",
        0x4000 => ", eabi64",
        0 => "",
        _ => ", unknown ABI",
    });

    push_bits(buf, e_flags, &ASE_BITS);

    buf.push_str(match e_flags & EF_MIPS_ARCH {
        0x0000_0000 => ", mips1",
        0x1000_0000 => ", mips2",
        0x2000_0000 => ", mips3",
        0x3000_0000 => ", mips4",
        0x4000_0000 => ", mips5",
        0x5000_0000 => ", mips32",
        0x7000_0000 => ", mips32r2",
        0x9000_0000 => ", mips32r6",
        0x6000_0000 => ", mips64",
        0x8000_0000 => ", mips64r2",
        0xa000_0000 => ", mips64r6",
        _ => ", unknown ISA",
    });
}

/// `decode_NDS32_machine_flags` (readelf.c), for `EM_NDS32`.
fn nds32(buf: &mut String, e_flags: u32) {
    const EF_NDS_ABI: u32 = 0x0000_00F0;
    const EF_NDS_ARCH: u32 = 0xF000_0000;
    const EF_NDS_INST: u32 = 0x0FFF_FF00;
    const EF_NDS32_ELF_VERSION: u32 = 0x0000_000F;
    const E_NDS_ABI_V0: u32 = 0x0000_0000;
    const E_NDS_ARCH_STAR_V1_0: u32 = 0x1000_0000;
    const E_NDS32_ELF_VER_1_3: u32 = 0x1;
    const E_NDS32_HAS_MFUSR_PC_INST: u32 = 0x0000_0100;
    const E_NDS32_HAS_EXT_INST: u32 = 0x0000_0200;
    const E_NDS32_HAS_EXT2_INST: u32 = 0x0000_0400;
    const E_NDS32_HAS_FPU_INST: u32 = 0x0000_0800;
    const E_NDS32_HAS_AUDIO_INST: u32 = 0x0000_1000;
    const E_NDS32_HAS_DIV_INST: u32 = 0x0000_2000;
    const E_NDS32_HAS_DIV_DX_INST: u32 = 0x0000_2000;
    const E_NDS32_HAS_16BIT_INST: u32 = 0x0000_4000;
    const E_NDS32_HAS_STRING_INST: u32 = 0x0000_8000;
    const E_NDS32_HAS_REDUCED_REGS: u32 = 0x0001_0000;
    const E_NDS32_HAS_VIDEO_INST: u32 = 0x0002_0000;
    const E_NDS32_HAS_ENCRIPT_INST: u32 = 0x0004_0000;
    const E_NDS32_HAS_FPU_DP_INST: u32 = 0x0008_0000;
    const E_NDS32_HAS_NO_MAC_INST: u32 = 0x0010_0000;
    const E_NDS32_HAS_MAC_DX_INST: u32 = 0x0010_0000;
    const E_NDS32_HAS_L2C_INST: u32 = 0x0020_0000;
    const E_NDS32_FPU_REG_CONF_SHIFT: u32 = 22;
    const E_NDS32_FPU_REG_CONF: u32 = 0x3 << E_NDS32_FPU_REG_CONF_SHIFT;
    const E_NDS32_HAS_FPU_MAC_INST: u32 = 0x0100_0000;

    let abi = e_flags & EF_NDS_ABI;
    let arch = e_flags & EF_NDS_ARCH;
    let config = e_flags & EF_NDS_INST;
    let version = e_flags & EF_NDS32_ELF_VERSION;
    let old_version = version <= E_NDS32_ELF_VER_1_3;

    buf.push_str(match abi {
        0x00 => ", ABI v0",
        0x10 => ", ABI v1",
        0x20 => ", ABI v2",
        0x30 => ", ABI v2fp",
        0x40 => ", AABI",
        0x50 => ", ABI2 FP+",
        _ => ", <unrecognized ABI>",
    });
    buf.push_str(match version {
        0x0 => ", Andes ELF V1.3 or older",
        0x1 => ", Andes ELF V1.3.1",
        0x2 => ", Andes ELF V1.4",
        _ => ", <unrecognized ELF version number>",
    });

    if abi == E_NDS_ABI_V0 {
        // Old ABI, only used in N1213HC.
        buf.push_str(", Andes Star v1.0, N1213HC, MAC, PERF1");
        if arch == E_NDS_ARCH_STAR_V1_0 {
            buf.push_str(", 16b");
        }
        return;
    }

    buf.push_str(match arch {
        0x1000_0000 => ", Andes Star v1.0",
        0x2000_0000 => ", Andes Star v2.0",
        0x3000_0000 => ", Andes Star v3.0",
        0x4000_0000 => ", Andes Star v3.0m",
        _ => {
            // The remaining flags depend on the architecture version.
            buf.push_str(", <unrecognized architecture>");
            return;
        }
    });

    if arch == E_NDS_ARCH_STAR_V1_0 {
        if config & E_NDS32_HAS_MFUSR_PC_INST != 0 {
            buf.push_str(", MFUSR_PC");
        }
        if config & E_NDS32_HAS_NO_MAC_INST == 0 {
            buf.push_str(", MAC");
        }
        if config & E_NDS32_HAS_DIV_INST != 0 {
            buf.push_str(", DIV");
        }
        if config & E_NDS32_HAS_16BIT_INST != 0 {
            buf.push_str(", 16b");
        }
    } else {
        if config & E_NDS32_HAS_MFUSR_PC_INST != 0 {
            buf.push_str(if old_version { ", [B8]" } else { ", EX9" });
        }
        if config & E_NDS32_HAS_MAC_DX_INST != 0 {
            buf.push_str(", MAC_DX");
        }
        if config & E_NDS32_HAS_DIV_DX_INST != 0 {
            buf.push_str(", DIV_DX");
        }
        if config & E_NDS32_HAS_16BIT_INST != 0 {
            buf.push_str(if old_version { ", 16b" } else { ", IFC" });
        }
    }

    push_bits(
        buf,
        config,
        &[
            (E_NDS32_HAS_EXT_INST, ", PERF1"),
            (E_NDS32_HAS_EXT2_INST, ", PERF2"),
            (E_NDS32_HAS_FPU_INST, ", FPU_SP"),
            (E_NDS32_HAS_FPU_DP_INST, ", FPU_DP"),
            (E_NDS32_HAS_FPU_MAC_INST, ", FPU_MAC"),
        ],
    );
    let has_fpu =
        config & (E_NDS32_HAS_FPU_INST | E_NDS32_HAS_FPU_DP_INST | E_NDS32_HAS_FPU_MAC_INST) != 0;
    if has_fpu {
        buf.push_str(
            match (config & E_NDS32_FPU_REG_CONF) >> E_NDS32_FPU_REG_CONF_SHIFT {
                0 => ", FPU_REG:8/4",
                1 => ", FPU_REG:16/8",
                2 => ", FPU_REG:32/16",
                _ => ", FPU_REG:32/32",
            },
        );
    }

    push_bits(
        buf,
        config,
        &[
            (E_NDS32_HAS_AUDIO_INST, ", AUDIO"),
            (E_NDS32_HAS_STRING_INST, ", STR"),
            (E_NDS32_HAS_REDUCED_REGS, ", 16REG"),
        ],
    );
    if config & E_NDS32_HAS_VIDEO_INST != 0 {
        buf.push_str(if old_version {
            ", VIDEO"
        } else {
            ", SATURATION"
        });
    }
    push_bits(
        buf,
        config,
        &[
            (E_NDS32_HAS_ENCRIPT_INST, ", ENCRP"),
            (E_NDS32_HAS_L2C_INST, ", L2C"),
        ],
    );
}

/// The `EM_NFP` branch of `get_machine_flags` (readelf.c).
fn nfp(buf: &mut String, e_flags: u32) {
    // EF_NFP_MACH(e_flags) = (e_flags >> 8) & 0xFFFF
    buf.push_str(match (e_flags >> 8) & 0xFFFF {
        0x3200 => ", NFP-32xx", // E_NFP_MACH_3200
        0x6000 => ", NFP-6xxx", // E_NFP_MACH_6000
        _ => "",
    });
}

/// The `EM_RISCV` branch of `get_machine_flags` (readelf.c).
fn riscv(buf: &mut String, e_flags: u32) {
    const EF_RISCV_FLOAT_ABI: u32 = 0x0006;
    const BITS: [(u32, &str); 3] = [
        (0x0001, ", RVC"), // EF_RISCV_RVC
        (0x0008, ", RVE"), // EF_RISCV_RVE
        (0x0010, ", TSO"), // EF_RISCV_TSO
    ];
    push_bits(buf, e_flags, &BITS);
    buf.push_str(match e_flags & EF_RISCV_FLOAT_ABI {
        0x0 => ", soft-float ABI",
        0x2 => ", single-float ABI",
        0x4 => ", double-float ABI",
        _ => ", quad-float ABI",
    });
}

/// The `EM_SH` branch of `get_machine_flags` (readelf.c).
fn sh(buf: &mut String, e_flags: u32) {
    const EF_SH_MACH_MASK: u32 = 0x1f;
    const EF_SH_PIC: u32 = 0x100;
    const EF_SH_FDPIC: u32 = 0x8000;

    buf.push_str(match e_flags & EF_SH_MACH_MASK {
        1 => ", sh1",
        2 => ", sh2",
        3 => ", sh3",
        4 => ", sh-dsp",
        5 => ", sh3-dsp",
        6 => ", sh4al-dsp",
        8 => ", sh3e",
        9 => ", sh4",
        10 => ", sh5",
        11 => ", sh2e",
        12 => ", sh4a",
        13 => ", sh2a",
        16 => ", sh4-nofpu",
        17 => ", sh4a-nofpu",
        19 => ", sh2a-nofpu",
        20 => ", sh3-nommu",
        18 => ", sh4-nommu-nofpu",
        21 => ", sh2a-nofpu-or-sh4-nommu-nofpu",
        22 => ", sh2a-nofpu-or-sh3-nommu",
        23 => ", sh2a-or-sh4",
        24 => ", sh2a-or-sh3e",
        _ => ", unknown ISA",
    });
    if e_flags & EF_SH_PIC != 0 {
        buf.push_str(", pic");
    }
    if e_flags & EF_SH_FDPIC != 0 {
        buf.push_str(", fdpic");
    }
}

/// The `EM_OR1K` branch of `get_machine_flags` (readelf.c).
fn or1k(buf: &mut String, e_flags: u32) {
    const EF_OR1K_NODELAY: u32 = 1;

    if e_flags & EF_OR1K_NODELAY != 0 {
        buf.push_str(", no delay");
    }
}

/// The `EM_SPARCV9` branch of `get_machine_flags` (readelf.c). Only
/// `EM_SPARCV9` is decoded; `EM_SPARC` and `EM_SPARC32PLUS` print nothing.
fn sparcv9(buf: &mut String, e_flags: u32) {
    const EF_SPARCV9_MM: u32 = 0x3;
    const BITS: [(u32, &str); 5] = [
        (0x00_0100, ", v8+"),           // EF_SPARC_32PLUS
        (0x00_0200, ", ultrasparcI"),   // EF_SPARC_SUN_US1
        (0x00_0800, ", ultrasparcIII"), // EF_SPARC_SUN_US3
        (0x00_0400, ", halr1"),         // EF_SPARC_HAL_R1
        (0x80_0000, ", ledata"),        // EF_SPARC_LEDATA
    ];
    push_bits(buf, e_flags, &BITS);
    buf.push_str(match e_flags & EF_SPARCV9_MM {
        0x0 => ", tso",
        0x1 => ", pso",
        0x2 => ", rmo",
        _ => "",
    });
}

/// The `EM_PARISC` branch of `get_machine_flags` (readelf.c).
fn parisc(buf: &mut String, e_flags: u32) {
    const EF_PARISC_ARCH: u32 = 0x0000_ffff;
    const BITS: [(u32, &str); 6] = [
        (0x0001_0000, ", trapnil"),  // EF_PARISC_TRAPNIL
        (0x0002_0000, ", ext"),      // EF_PARISC_EXT
        (0x0004_0000, ", lsb"),      // EF_PARISC_LSB
        (0x0008_0000, ", wide"),     // EF_PARISC_WIDE
        (0x0010_0000, ", no kabp"),  // EF_PARISC_NO_KABP
        (0x0040_0000, ", lazyswap"), // EF_PARISC_LAZYSWAP
    ];
    buf.push_str(match e_flags & EF_PARISC_ARCH {
        0x020b => ", PA-RISC 1.0",
        0x0210 => ", PA-RISC 1.1",
        0x0214 => ", PA-RISC 2.0",
        _ => "",
    });
    push_bits(buf, e_flags, &BITS);
}

/// The `EM_PJ` / `EM_PJ_OLD` branch of `get_machine_flags` (readelf.c).
fn picojava(buf: &mut String, e_flags: u32) {
    const BITS: [(u32, &str); 2] = [
        (0x10, ", new calling convention"), // EF_PICOJAVA_NEWCALLS
        (0x20, ", gnu calling convention"), // EF_PICOJAVA_GNUCALLS
    ];
    push_bits(buf, e_flags, &BITS);
}

/// The `EM_IA_64` branch of `get_machine_flags` (readelf.c); the `OpenVMS`
/// flags are decoded only when `EI_OSABI` is `ELFOSABI_OPENVMS`.
fn ia64(buf: &mut String, e_flags: u32, osabi: u8) {
    const EF_IA_64_ABI64: u32 = 1 << 4;
    const EF_IA_64_REDUCEDFP: u32 = 1 << 5;
    const EF_IA_64_CONS_GP: u32 = 1 << 6;
    const EF_IA_64_NOFUNCDESC_CONS_GP: u32 = 1 << 7;
    const EF_IA_64_ABSOLUTE: u32 = 1 << 8;
    const EF_IA_64_VMS_COMCOD: u32 = 0x03;
    const EF_IA_64_VMS_LINKAGES: u32 = 0x04;

    buf.push_str(if e_flags & EF_IA_64_ABI64 != 0 {
        ", 64-bit"
    } else {
        ", 32-bit"
    });
    if e_flags & EF_IA_64_REDUCEDFP != 0 {
        buf.push_str(", reduced fp model");
    }
    if e_flags & EF_IA_64_NOFUNCDESC_CONS_GP != 0 {
        buf.push_str(", no function descriptors, constant gp");
    } else if e_flags & EF_IA_64_CONS_GP != 0 {
        buf.push_str(", constant gp");
    }
    if e_flags & EF_IA_64_ABSOLUTE != 0 {
        buf.push_str(", absolute");
    }
    if osabi == ELFOSABI_OPENVMS {
        if e_flags & EF_IA_64_VMS_LINKAGES != 0 {
            buf.push_str(", vms_linkages");
        }
        // The completion code is two bits wide, so readelf's warning
        // branch ("Unrecognised IA64 VMS Command Code") is unreachable.
        buf.push_str(match e_flags & EF_IA_64_VMS_COMCOD {
            1 => ", warning",
            2 => ", error",
            3 => ", abort",
            _ => "",
        });
    }
}

/// The `EM_VAX` branch of `get_machine_flags` (readelf.c).
fn vax(buf: &mut String, e_flags: u32) {
    const BITS: [(u32, &str); 3] = [
        (0x0001, ", non-PIC"), // EF_VAX_NONPIC
        (0x0100, ", D-Float"), // EF_VAX_DFLOAT
        (0x0200, ", G-Float"), // EF_VAX_GFLOAT
    ];
    push_bits(buf, e_flags, &BITS);
}

/// The `EM_VISIUM` branch of `get_machine_flags` (readelf.c).
fn visium(buf: &mut String, e_flags: u32) {
    const EF_VISIUM_ARCH_MCM: u32 = 0x01;
    const EF_VISIUM_ARCH_MCM24: u32 = 0x02;
    const EF_VISIUM_ARCH_GR6: u32 = 0x04;

    if e_flags & EF_VISIUM_ARCH_MCM != 0 {
        buf.push_str(", mcm");
    } else if e_flags & EF_VISIUM_ARCH_MCM24 != 0 {
        buf.push_str(", mcm24");
    }
    if e_flags & EF_VISIUM_ARCH_GR6 != 0 {
        buf.push_str(", gr6");
    }
}

/// The `EM_RL78` branch of `get_machine_flags` (readelf.c).
fn rl78(buf: &mut String, e_flags: u32) {
    const E_FLAG_RL78_CPU_MASK: u32 = 0x0c;
    const E_FLAG_RL78_64BIT_DOUBLES: u32 = 1 << 0;

    buf.push_str(match e_flags & E_FLAG_RL78_CPU_MASK {
        0x04 => ", G10",
        0x08 => ", G13",
        0x0c => ", G14",
        _ => "",
    });
    if e_flags & E_FLAG_RL78_64BIT_DOUBLES != 0 {
        buf.push_str(", 64-bit doubles");
    }
}

/// The `EM_RX` branch of `get_machine_flags` (readelf.c).
fn rx(buf: &mut String, e_flags: u32) {
    const E_FLAG_RX_SINSNS_SET: u32 = 1 << 6;
    const E_FLAG_RX_SINSNS_YES: u32 = 1 << 7;

    push_bits(
        buf,
        e_flags,
        &[
            (1 << 0, ", 64-bit doubles"), // E_FLAG_RX_64BIT_DOUBLES
            (1 << 1, ", dsp"),            // E_FLAG_RX_DSP
            (1 << 2, ", pid"),            // E_FLAG_RX_PID
            (1 << 3, ", RX ABI"),         // E_FLAG_RX_ABI
        ],
    );
    if e_flags & E_FLAG_RX_SINSNS_SET != 0 {
        buf.push_str(if e_flags & E_FLAG_RX_SINSNS_YES != 0 {
            ", uses String instructions"
        } else {
            ", bans String instructions"
        });
    }
    push_bits(
        buf,
        e_flags,
        &[
            (1 << 8, ", V2"), // E_FLAG_RX_V2
            (1 << 9, ", V3"), // E_FLAG_RX_V3
        ],
    );
}

/// The `EM_S390` branch of `get_machine_flags` (readelf.c). `EM_S390_OLD`
/// has no branch.
fn s390(buf: &mut String, e_flags: u32) {
    const EF_S390_HIGH_GPRS: u32 = 0x0000_0001;

    if e_flags & EF_S390_HIGH_GPRS != 0 {
        buf.push_str(", highgprs");
    }
}

/// The `EM_TI_C6000` branch of `get_machine_flags` (readelf.c).
fn tic6x(buf: &mut String, e_flags: u32) {
    const EF_C6000_REL: u32 = 0x1;

    if e_flags & EF_C6000_REL != 0 {
        buf.push_str(", relocatable module");
    }
}

/// The `EM_MSP430` branch of `get_machine_flags` (readelf.c). Note the
/// `": "` separators, the trailing space after `MSP430x11x1` and the doubled
/// `": "` before `unknown`, all as in readelf. `EM_MSP430_OLD` has no branch.
fn msp430(buf: &mut String, e_flags: u32) {
    const EF_MSP430_MACH: u32 = 0xff;

    buf.push_str(": architecture variant: ");
    buf.push_str(match e_flags & EF_MSP430_MACH {
        11 => "MSP430x11",
        110 => "MSP430x11x1 ",
        12 => "MSP430x12",
        13 => "MSP430x13",
        14 => "MSP430x14",
        15 => "MSP430x15",
        16 => "MSP430x16",
        31 => "MSP430x31",
        32 => "MSP430x32",
        33 => "MSP430x33",
        41 => "MSP430x41",
        42 => "MSP430x42",
        43 => "MSP430x43",
        44 => "MSP430x44",
        45 => "MSP430X",
        _ => ": unknown",
    });
    if e_flags & !EF_MSP430_MACH != 0 {
        buf.push_str(": unknown extra flag bits also present");
    }
}

/// The `EM_Z80` branch of `get_machine_flags` (readelf.c).
fn z80(buf: &mut String, e_flags: u32) {
    const EF_Z80_MACH_MSK: u32 = 0xff;

    buf.push_str(match e_flags & EF_Z80_MACH_MSK {
        0x01 => ", Z80",
        0x02 => ", Z180",
        0x03 => ", R800",
        0x04 => ", EZ80",
        0x84 => ", EZ80, ADL",
        0x05 => ", GBZ80",
        0x06 => ", Z80N",
        _ => ", unknown",
    });
}

/// The `EM_LOONGARCH` branch of `get_machine_flags` (readelf.c).
fn loongarch(buf: &mut String, e_flags: u32) {
    const EF_LOONGARCH_ABI_MODIFIER_MASK: u32 = 0x7;
    const EF_LOONGARCH_OBJABI_MASK: u32 = 0xC0;

    buf.push_str(match e_flags & EF_LOONGARCH_ABI_MODIFIER_MASK {
        0x1 => ", SOFT-FLOAT",
        0x2 => ", SINGLE-FLOAT",
        0x3 => ", DOUBLE-FLOAT",
        _ => "",
    });
    buf.push_str(match e_flags & EF_LOONGARCH_OBJABI_MASK {
        0x00 => ", OBJ-v0",
        0x40 => ", OBJ-v1",
        _ => "",
    });
}

#[cfg(test)]
mod tests {
    use super::machine_flags;

    /// (`e_flags`, `e_machine`, `EI_OSABI`, `EI_ABIVERSION`, expected). Every
    /// expected string was captured from GNU readelf 2.40 (Debian 12,
    /// binutils 2.40-2) `readelf -h` run on a synthesized ELF header with
    /// these fields; it is the text after `0x%lx` on the `Flags:` line.
    const CASES: &[(u32, u16, u8, u8, &str)] = &[
        (0x00000000, 62, 0, 0, ""),
        (0x00000005, 62, 0, 0, ""),
        (0x05000400, 40, 0, 0, ", Version5 EABI, hard-float ABI"),
        (0x05000200, 40, 0, 0, ", Version5 EABI, soft-float ABI"),
        (0x04800000, 40, 0, 0, ", Version4 EABI, BE8"),
        (0x00000016, 40, 0, 0, ", GNU EABI, interworking enabled, uses APCS/float, <unknown>"),
        (0x7f000001, 40, 0, 0, ", relocatable executable, <unrecognized EABI>"),
        (0x00000005, 243, 0, 0, ", RVC, double-float ABI"),
        (0x0000001d, 243, 0, 0, ", RVC, RVE, TSO, double-float ABI"),
        (0x70001007, 8, 0, 0, ", noreorder, pic, cpic, o32, mips32r2"),
        (0x80a20407, 8, 0, 0, ", noreorder, pic, cpic, nan2008, gs464, mips64r2"),
        (0x20000024, 8, 0, 0, ", cpic, abi2, mips3"),
        (0x00000002, 21, 0, 0, ", abiv2"),
        (0x00000001, 21, 0, 0, ", abiv1"),
        (0x80010000, 20, 0, 0, ", emb, relocatable"),
        (0x0000072c, 224, 64, 2, ", gfx900, xnack on, sramecc any"),
        (0x00000130, 224, 64, 1, ", gfx908, xnack on"),
        (0x00000000, 224, 64, 1, ""),
        (0x00001000, 224, 64, 3, ", <unknown AMDGPU GPU type: 0>, unknown flags bits: 0x1000"),
        (0x0000002c, 224, 64, 0, ""),
        (0x000003ff, 224, 0, 0, ", <unknown AMDGPU GPU type: 0xff>, xnack on, sramecc on"),
        (0x00000043, 258, 0, 0, ", DOUBLE-FLOAT, OBJ-v1"),
        (0x00000041, 258, 0, 0, ", SOFT-FLOAT, OBJ-v1"),
        (0x0000006e, 105, 0, 0, ": architecture variant: MSP430x11x1 "),
        (0x0000012d, 105, 0, 0, ": architecture variant: MSP430X: unknown extra flag bits also present"),
        (0x12370105, 61453, 0, 0, ", <unknown MeP cpu type><unknown MeP copro type>, Built for Library, Configuration Index: 0x5"),
        (0x30084a21, 167, 0, 0, ", ABI v2, Andes ELF V1.3.1, Andes Star v3.0, 16b, PERF1, FPU_SP, FPU_DP, FPU_REG:8/4"),
        (0x00000005, 167, 0, 0, ", ABI v0, <unrecognized ELF version number>, Andes Star v1.0, N1213HC, MAC, PERF1"),
        (0x00000096, 50, 13, 0, ", 64-bit, no function descriptors, constant gp, vms_linkages, error"),
        (0x00000040, 50, 0, 0, ", 32-bit, constant gp"),
        (0x0000f521, 36, 0, 0, ", double precision FPU, regmode:22, r4 fixed, r30 fixed, r5 fixed, r5 free, r2 fixed, r2 free"),
        (0x00000100, 2, 0, 0, ""),
        (0x00800302, 43, 0, 0, ", v8+, ultrasparcI, ledata, rmo"),
        (0x00080214, 15, 0, 0, ", PA-RISC 2.0, wide"),
        (0x00008053, 4, 0, 0, ", cf, isa A+, float, mac"),
        (0xffffffff, 183, 0, 0, ""),
    ];

    #[test]
    fn matches_readelf_2_40() {
        for &(e_flags, e_machine, osabi, abi_version, expected) in CASES {
            assert_eq!(
                machine_flags(e_flags, e_machine, osabi, abi_version),
                expected,
                "e_flags={e_flags:#x} e_machine={e_machine} osabi={osabi} abi_version={abi_version}"
            );
        }
    }

    #[test]
    fn zero_flags_are_empty_for_every_machine() {
        for e_machine in 0..=u16::MAX {
            assert_eq!(machine_flags(0, e_machine, 0, 0), "");
        }
    }
}
