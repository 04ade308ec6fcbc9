//! readelf's names for note types (`get_note_type`,
//! `get_gnu_elf_note_type`, `get_freebsd_elfcore_note_type`,
//! `get_netbsd_elfcore_note_type`, `get_openbsd_elfcore_note_type`,
//! `get_stapsdt_note_type`, `get_amdgpu_elf_note_type` in binutils
//! readelf.c), spelled exactly as readelf 2.40 prints them.

use std::borrow::Cow;

use crate::elf::header::ET_CORE;

use super::Note;

/// The type name readelf prints for `note`: `process_note` picks a table by
/// owner prefix. `None` for owners "NetBSD" and "PaX", whose notes readelf
/// prints whole in `process_netbsd_elf_note`.
pub fn for_note(note: &Note, e_type: u16, e_machine: u16) -> Option<Cow<'static, str>> {
    let n = note.name;
    let t = note.n_type;
    Some(if note.namesz == 0 {
        generic(e_type, t)
    } else if n.starts_with(b"GNU") {
        gnu(t)
    } else if n.starts_with(b"AMDGPU") {
        amdgpu(t)
    } else if n.starts_with(b"FreeBSD") {
        freebsd(e_type, t)
    } else if n.starts_with(b"NetBSD-CORE") {
        netbsd_core(e_machine, t)
    } else if n.starts_with(b"NetBSD") || n.starts_with(b"PaX") {
        return None;
    } else if n.starts_with(b"OpenBSD") {
        openbsd(e_type, t)
    } else if n.starts_with(b"SPU/") {
        // The rest of the owner name is the type.
        Cow::Owned(String::from_utf8_lossy(&n[4..]).into_owned())
    } else if n.starts_with(b"IPF/VMS") {
        ia64_vms(t)
    } else if n.starts_with(b"stapsdt") {
        stapsdt(t)
    } else {
        generic(e_type, t)
    })
}

/// `get_ia64_vms_note_type`: owner "IPF/VMS".
pub fn ia64_vms(n_type: u32) -> Cow<'static, str> {
    let name = match n_type {
        1 => "NT_VMS_MHD (module header)",
        2 => "NT_VMS_LNM (language name)",
        3 => "NT_VMS_SRC (source files)",
        4 => "NT_VMS_TITLE",
        5 => "NT_VMS_EIDC (consistency check)",
        6 => "NT_VMS_FPMODE (FP mode)",
        101 => "NT_VMS_LINKTIME",
        102 => "NT_VMS_IMGNAM (image name)",
        103 => "NT_VMS_IMGID (image id)",
        104 => "NT_VMS_LINKID (link id)",
        105 => "NT_VMS_IMGBID (build id)",
        106 => "NT_VMS_GSTNAM (sym table name)",
        107 => "NT_VMS_ORIG_DYN",
        108 => "NT_VMS_PATCHTIME",
        _ => return or_unknown(None, n_type),
    };
    Cow::Borrowed(name)
}

fn or_unknown(name: Option<&'static str>, n_type: u32) -> Cow<'static, str> {
    match name {
        Some(n) => Cow::Borrowed(n),
        None => Cow::Owned(format!("Unknown note type: (0x{n_type:08x})")),
    }
}

fn core_name(n_type: u32) -> Option<&'static str> {
    Some(match n_type {
        6 => "NT_AUXV (auxiliary vector)",             // NT_AUXV
        1 => "NT_PRSTATUS (prstatus structure)",       // NT_PRSTATUS
        2 => "NT_FPREGSET (floating point registers)", // NT_FPREGSET
        3 => "NT_PRPSINFO (prpsinfo structure)",       // NT_PRPSINFO
        4 => "NT_TASKSTRUCT (task structure)",         // NT_TASKSTRUCT
        0xff00_0000 => "NT_GDB_TDESC (GDB XML target description)", // NT_GDB_TDESC
        0x46e6_2b7f => "NT_PRXFPREG (user_xfpregs structure)", // NT_PRXFPREG
        0x100 => "NT_PPC_VMX (ppc Altivec registers)", // NT_PPC_VMX
        0x102 => "NT_PPC_VSX (ppc VSX registers)",     // NT_PPC_VSX
        0x103 => "NT_PPC_TAR (ppc TAR register)",      // NT_PPC_TAR
        0x104 => "NT_PPC_PPR (ppc PPR register)",      // NT_PPC_PPR
        0x105 => "NT_PPC_DSCR (ppc DSCR register)",    // NT_PPC_DSCR
        0x106 => "NT_PPC_EBB (ppc EBB registers)",     // NT_PPC_EBB
        0x107 => "NT_PPC_PMU (ppc PMU registers)",     // NT_PPC_PMU
        0x108 => "NT_PPC_TM_CGPR (ppc checkpointed GPR registers)", // NT_PPC_TM_CGPR
        0x109 => "NT_PPC_TM_CFPR (ppc checkpointed floating point registers)", // NT_PPC_TM_CFPR
        0x10a => "NT_PPC_TM_CVMX (ppc checkpointed Altivec registers)", // NT_PPC_TM_CVMX
        0x10b => "NT_PPC_TM_CVSX (ppc checkpointed VSX registers)", // NT_PPC_TM_CVSX
        0x10c => "NT_PPC_TM_SPR (ppc TM special purpose registers)", // NT_PPC_TM_SPR
        0x10d => "NT_PPC_TM_CTAR (ppc checkpointed TAR register)", // NT_PPC_TM_CTAR
        0x10e => "NT_PPC_TM_CPPR (ppc checkpointed PPR register)", // NT_PPC_TM_CPPR
        0x10f => "NT_PPC_TM_CDSCR (ppc checkpointed DSCR register)", // NT_PPC_TM_CDSCR
        0x200 => "NT_386_TLS (x86 TLS information)",   // NT_386_TLS
        0x201 => "NT_386_IOPERM (x86 I/O permissions)", // NT_386_IOPERM
        0x202 => "NT_X86_XSTATE (x86 XSAVE extended state)", // NT_X86_XSTATE
        0x203 => "NT_X86_CET (x86 CET state)",         // NT_X86_CET
        0x300 => "NT_S390_HIGH_GPRS (s390 upper register halves)", // NT_S390_HIGH_GPRS
        0x301 => "NT_S390_TIMER (s390 timer register)", // NT_S390_TIMER
        0x302 => "NT_S390_TODCMP (s390 TOD comparator register)", // NT_S390_TODCMP
        0x303 => "NT_S390_TODPREG (s390 TOD programmable register)", // NT_S390_TODPREG
        0x304 => "NT_S390_CTRS (s390 control registers)", // NT_S390_CTRS
        0x305 => "NT_S390_PREFIX (s390 prefix register)", // NT_S390_PREFIX
        0x306 => "NT_S390_LAST_BREAK (s390 last breaking event address)", // NT_S390_LAST_BREAK
        0x307 => "NT_S390_SYSTEM_CALL (s390 system call restart data)", // NT_S390_SYSTEM_CALL
        0x308 => "NT_S390_TDB (s390 transaction diagnostic block)", // NT_S390_TDB
        0x309 => "NT_S390_VXRS_LOW (s390 vector registers 0-15 upper half)", // NT_S390_VXRS_LOW
        0x30a => "NT_S390_VXRS_HIGH (s390 vector registers 16-31)", // NT_S390_VXRS_HIGH
        0x30b => "NT_S390_GS_CB (s390 guarded-storage registers)", // NT_S390_GS_CB
        0x30c => "NT_S390_GS_BC (s390 guarded-storage broadcast control)", // NT_S390_GS_BC
        0x400 => "NT_ARM_VFP (arm VFP registers)",     // NT_ARM_VFP
        0x401 => "NT_ARM_TLS (AArch TLS registers)",   // NT_ARM_TLS
        0x402 => "NT_ARM_HW_BREAK (AArch hardware breakpoint registers)", // NT_ARM_HW_BREAK
        0x403 => "NT_ARM_HW_WATCH (AArch hardware watchpoint registers)", // NT_ARM_HW_WATCH
        0x404 => "NT_ARM_SYSTEM_CALL (AArch system call number)", // NT_ARM_SYSTEM_CALL
        0x405 => "NT_ARM_SVE (AArch SVE registers)",   // NT_ARM_SVE
        0x406 => "NT_ARM_PAC_MASK (AArch pointer authentication code masks)", // NT_ARM_PAC_MASK
        0x407 => "NT_ARM_PACA_KEYS (ARM pointer authentication address keys)", // NT_ARM_PACA_KEYS
        0x408 => "NT_ARM_PACG_KEYS (ARM pointer authentication generic keys)", // NT_ARM_PACG_KEYS
        0x409 => "NT_ARM_TAGGED_ADDR_CTRL (AArch tagged address control)", // NT_ARM_TAGGED_ADDR_CTRL
        0x40a => "NT_ARM_PAC_ENABLED_KEYS (AArch64 pointer authentication enabled keys)", // NT_ARM_PAC_ENABLED_KEYS
        0x600 => "NT_ARC_V2 (ARC HS accumulator/extra registers)", // NT_ARC_V2
        0x900 => "NT_RISCV_CSR (RISC-V control and status registers)", // NT_RISCV_CSR
        10 => "NT_PSTATUS (pstatus structure)",                    // NT_PSTATUS
        12 => "NT_FPREGS (floating point registers)",              // NT_FPREGS
        13 => "NT_PSINFO (psinfo structure)",                      // NT_PSINFO
        16 => "NT_LWPSTATUS (lwpstatus_t structure)",              // NT_LWPSTATUS
        17 => "NT_LWPSINFO (lwpsinfo_t structure)",                // NT_LWPSINFO
        18 => "NT_WIN32PSTATUS (win32_pstatus structure)",         // NT_WIN32PSTATUS
        0x5349_4749 => "NT_SIGINFO (siginfo_t data)",              // NT_SIGINFO
        0x4649_4c45 => "NT_FILE (mapped files)",                   // NT_FILE
        _ => return None,
    })
}

fn object_name(n_type: u32) -> Option<&'static str> {
    Some(match n_type {
        1 => "NT_VERSION (version)",
        2 => "NT_ARCH (architecture)",
        0x100 => "OPEN",
        0x101 => "func",
        4 => "GO BUILDID",
        0xcafe_1a7e => "FDO_PACKAGING_METADATA",
        _ => return None,
    })
}

/// `get_note_type`: notes without an owner, or with an owner readelf has no
/// table of its own for. Core files (`ET_CORE`) use the core note names.
pub fn generic(e_type: u16, n_type: u32) -> Cow<'static, str> {
    if e_type == ET_CORE {
        or_unknown(core_name(n_type), n_type)
    } else {
        or_unknown(object_name(n_type), n_type)
    }
}

/// `get_gnu_elf_note_type`: owner "GNU".
pub fn gnu(n_type: u32) -> Cow<'static, str> {
    let name = match n_type {
        1 => Some("NT_GNU_ABI_TAG (ABI version tag)"),
        2 => Some("NT_GNU_HWCAP (DSO-supplied software HWCAP info)"),
        3 => Some("NT_GNU_BUILD_ID (unique build ID bitstring)"),
        4 => Some("NT_GNU_GOLD_VERSION (gold version)"),
        5 => Some("NT_GNU_PROPERTY_TYPE_0"),
        0x100 => Some("NT_GNU_BUILD_ATTRIBUTE_OPEN"),
        0x101 => Some("NT_GNU_BUILD_ATTRIBUTE_FUNC"),
        _ => None,
    };
    or_unknown(name, n_type)
}

/// `get_amdgpu_elf_note_type`: owner "AMDGPU".
pub fn amdgpu(n_type: u32) -> Cow<'static, str> {
    or_unknown(
        (n_type == 32).then_some("NT_AMDGPU_METADATA (code object metadata)"),
        n_type,
    )
}

/// `get_stapsdt_note_type`: owner "stapsdt".
pub fn stapsdt(n_type: u32) -> Cow<'static, str> {
    or_unknown(
        (n_type == 3).then_some("NT_STAPSDT (SystemTap probe descriptors)"),
        n_type,
    )
}

/// `get_freebsd_elfcore_note_type`: owner "FreeBSD".
pub fn freebsd(e_type: u16, n_type: u32) -> Cow<'static, str> {
    let name = match n_type {
        7 => "NT_THRMISC (thrmisc structure)",
        8 => "NT_PROCSTAT_PROC (proc data)",
        9 => "NT_PROCSTAT_FILES (files data)",
        10 => "NT_PROCSTAT_VMMAP (vmmap data)",
        11 => "NT_PROCSTAT_GROUPS (groups data)",
        12 => "NT_PROCSTAT_UMASK (umask data)",
        13 => "NT_PROCSTAT_RLIMIT (rlimit data)",
        14 => "NT_PROCSTAT_OSREL (osreldate data)",
        15 => "NT_PROCSTAT_PSSTRINGS (ps_strings data)",
        16 => "NT_PROCSTAT_AUXV (auxv data)",
        17 => "NT_PTLWPINFO (ptrace_lwpinfo structure)",
        0x200 => "NT_X86_SEGBASES (x86 segment base registers)",
        _ => return generic(e_type, n_type),
    };
    Cow::Borrowed(name)
}

/// `get_openbsd_elfcore_note_type`: owner "OpenBSD".
pub fn openbsd(e_type: u16, n_type: u32) -> Cow<'static, str> {
    let name = match n_type {
        10 => "OpenBSD procinfo structure",
        11 => "OpenBSD ELF auxiliary vector data",
        20 => "OpenBSD regular registers",
        21 => "OpenBSD floating point registers",
        23 => "OpenBSD window cookie",
        _ => return generic(e_type, n_type),
    };
    Cow::Borrowed(name)
}

/// `get_netbsd_elfcore_note_type`: owner "NetBSD-CORE".
pub fn netbsd_core(e_machine: u16, n_type: u32) -> Cow<'static, str> {
    const FIRSTMACH: u32 = 32;
    match n_type {
        1 => return Cow::Borrowed("NetBSD procinfo structure"),
        2 => return Cow::Borrowed("NetBSD ELF auxiliary vector data"),
        24 => return Cow::Borrowed("PT_LWPSTATUS (ptrace_lwpstatus structure)"),
        t if t < FIRSTMACH => return or_unknown(None, t),
        _ => {}
    }
    let rel = n_type - FIRSTMACH;
    let name = match e_machine {
        // EM_OLD_ALPHA, EM_ALPHA, EM_SPARC, EM_SPARC32PLUS, EM_SPARCV9
        41 | 0x9026 | 2 | 18 | 43 => match rel {
            0 => Some("PT_GETREGS (reg structure)"),
            2 => Some("PT_GETFPREGS (fpreg structure)"),
            _ => None,
        },
        // EM_SH
        42 => match rel {
            1 => Some("PT___GETREGS40 (old reg structure)"),
            3 => Some("PT_GETREGS (reg structure)"),
            5 => Some("PT_GETFPREGS (fpreg structure)"),
            _ => None,
        },
        _ => match rel {
            1 => Some("PT_GETREGS (reg structure)"),
            3 => Some("PT_GETFPREGS (fpreg structure)"),
            _ => None,
        },
    };
    match name {
        Some(n) => Cow::Borrowed(n),
        None => Cow::Owned(format!("PT_FIRSTMACH+{}", rel as i32)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_readelf() {
        assert_eq!(gnu(3), "NT_GNU_BUILD_ID (unique build ID bitstring)");
        assert_eq!(generic(2, 4), "GO BUILDID");
        assert_eq!(generic(4, 1), "NT_PRSTATUS (prstatus structure)");
        assert_eq!(generic(2, 0x1234), "Unknown note type: (0x00001234)");
        assert_eq!(netbsd_core(62, 33), "PT_GETREGS (reg structure)");
        assert_eq!(netbsd_core(62, 40), "PT_FIRSTMACH+8");
    }
}
