//! Per-architecture facts the loaders depend on (shared/spec/loader-rules.md
//! §3, §1.5, §1.7, §1.10, §2.1): glibc interpreter, Debian multiarch triplet,
//! upstream `$LIB`, `$PLATFORM` default, the vDSO name glibc's ldd prints,
//! glibc-hwcaps subdirectories, which ld.so.cache flags the arch's loader
//! accepts, which objects it accepts at all (`elf_machine_matches_host`),
//! and musl's `LDSO_ARCH`.
//!
//! An [`Arch`] is chosen from the inspected file, never from the host.

use crate::elf::header::{
    FileHeader, EM_386, EM_AARCH64, EM_ARM, EM_LOONGARCH, EM_MIPS, EM_PPC, EM_PPC64, EM_RISCV,
    EM_S390, EM_X86_64,
};

const EM_SPARCV9: u16 = 43;
const EM_MIPS_RS3_LE: u16 = 10;

/// EF_ARM_ABI_FLOAT_HARD / EF_ARM_VFP_FLOAT.
const EF_ARM_ABI_FLOAT_HARD: u32 = 0x400;
/// RISC-V float ABI field.
const EF_RISCV_FLOAT_ABI: u32 = 0x6;
const EF_RISCV_FLOAT_ABI_DOUBLE: u32 = 0x4;
/// MIPS ABI2 (n32).
const EF_MIPS_ABI2: u32 = 0x20;
const EF_MIPS_NAN2008: u32 = 0x400;

/// One target the loaders know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arch {
    /// Short name used in messages and `--arch` ("x86_64", "aarch64", ...).
    pub name: &'static str,
    pub e_machine: u16,
    pub class64: bool,
    pub big_endian: bool,
    /// glibc's PT_INTERP for this target.
    pub glibc_interp: &'static str,
    /// Debian's multiarch triplet.
    pub triplet: &'static str,
    /// Upstream glibc system directories (non-Debian layout).
    pub upstream_dirs: &'static [&'static str],
    /// Upstream `$LIB`.
    pub upstream_lib: &'static str,
    /// Default `$PLATFORM` (AT_PLATFORM).
    pub platform: &'static str,
    /// The vDSO name glibc's ldd prints.
    pub vdso: &'static str,
    /// glibc-hwcaps subdirectory names, highest priority first.
    pub hwcaps: &'static [&'static str],
    /// `ld.so.cache` entry flags this arch's loader accepts.
    pub cache_flags: &'static [i32],
    /// musl's `LDSO_ARCH`.
    pub musl_arch: &'static str,
    /// Required value of the float-ABI / ABI bits of e_flags, for arches whose
    /// loader rejects other ABIs: (mask, value).
    pub flags_abi: Option<(u32, u32)>,
}

const LIB64: &[&str] = &["/lib64", "/usr/lib64"];
const LIB: &[&str] = &["/lib", "/usr/lib"];
const X86_HWCAPS: &[&str] = &["x86-64-v4", "x86-64-v3", "x86-64-v2"];
const PPC64LE_HWCAPS: &[&str] = &["power10", "power9"];
const S390X_HWCAPS: &[&str] = &["z17", "z16", "z15", "z14", "z13"];

pub const ARCHES: &[Arch] = &[
    Arch {
        name: "x86_64",
        e_machine: EM_X86_64,
        class64: true,
        big_endian: false,
        glibc_interp: "/lib64/ld-linux-x86-64.so.2",
        triplet: "x86_64-linux-gnu",
        upstream_dirs: LIB64,
        upstream_lib: "lib64",
        platform: "x86_64",
        vdso: "linux-vdso.so.1",
        hwcaps: X86_HWCAPS,
        cache_flags: &[0x303],
        musl_arch: "x86_64",
        flags_abi: None,
    },
    Arch {
        name: "x32",
        e_machine: EM_X86_64,
        class64: false,
        big_endian: false,
        glibc_interp: "/libx32/ld-linux-x32.so.2",
        triplet: "x86_64-linux-gnux32",
        upstream_dirs: &["/libx32", "/usr/libx32"],
        upstream_lib: "libx32",
        platform: "x86_64",
        vdso: "linux-vdso.so.1",
        hwcaps: X86_HWCAPS,
        cache_flags: &[0x803],
        musl_arch: "x32",
        flags_abi: None,
    },
    Arch {
        name: "i386",
        e_machine: EM_386,
        class64: false,
        big_endian: false,
        glibc_interp: "/lib/ld-linux.so.2",
        triplet: "i386-linux-gnu",
        upstream_dirs: LIB,
        upstream_lib: "lib",
        platform: "i686",
        vdso: "linux-gate.so.1",
        hwcaps: &[],
        cache_flags: &[1, 3],
        musl_arch: "i386",
        flags_abi: None,
    },
    Arch {
        name: "aarch64",
        e_machine: EM_AARCH64,
        class64: true,
        big_endian: false,
        glibc_interp: "/lib/ld-linux-aarch64.so.1",
        triplet: "aarch64-linux-gnu",
        upstream_dirs: LIB64,
        upstream_lib: "lib64",
        platform: "aarch64",
        vdso: "linux-vdso.so.1",
        hwcaps: &[],
        cache_flags: &[0xa03],
        musl_arch: "aarch64",
        flags_abi: None,
    },
    Arch {
        name: "aarch64_be",
        e_machine: EM_AARCH64,
        class64: true,
        big_endian: true,
        glibc_interp: "/lib/ld-linux-aarch64_be.so.1",
        triplet: "aarch64_be-linux-gnu",
        upstream_dirs: LIB64,
        upstream_lib: "lib64",
        platform: "aarch64_be",
        vdso: "linux-vdso.so.1",
        hwcaps: &[],
        cache_flags: &[0xa03],
        musl_arch: "aarch64_be",
        flags_abi: None,
    },
    Arch {
        name: "armhf",
        e_machine: EM_ARM,
        class64: false,
        big_endian: false,
        glibc_interp: "/lib/ld-linux-armhf.so.3",
        triplet: "arm-linux-gnueabihf",
        upstream_dirs: LIB,
        upstream_lib: "lib",
        platform: "v7l",
        vdso: "linux-vdso.so.1",
        hwcaps: &[],
        cache_flags: &[0x903, 3],
        musl_arch: "armhf",
        flags_abi: Some((EF_ARM_ABI_FLOAT_HARD, EF_ARM_ABI_FLOAT_HARD)),
    },
    Arch {
        name: "armel",
        e_machine: EM_ARM,
        class64: false,
        big_endian: false,
        glibc_interp: "/lib/ld-linux.so.3",
        triplet: "arm-linux-gnueabi",
        upstream_dirs: LIB,
        upstream_lib: "lib",
        platform: "v5l",
        vdso: "linux-vdso.so.1",
        hwcaps: &[],
        cache_flags: &[0xb03, 3],
        musl_arch: "arm",
        flags_abi: Some((EF_ARM_ABI_FLOAT_HARD, 0)),
    },
    Arch {
        name: "riscv64",
        e_machine: EM_RISCV,
        class64: true,
        big_endian: false,
        glibc_interp: "/lib/ld-linux-riscv64-lp64d.so.1",
        triplet: "riscv64-linux-gnu",
        upstream_dirs: &["/lib64/lp64d", "/usr/lib64/lp64d"],
        upstream_lib: "lp64d",
        platform: "riscv64",
        vdso: "linux-vdso.so.1",
        hwcaps: &[],
        cache_flags: &[0x1003],
        musl_arch: "riscv64",
        flags_abi: Some((EF_RISCV_FLOAT_ABI, EF_RISCV_FLOAT_ABI_DOUBLE)),
    },
    Arch {
        name: "ppc64le",
        e_machine: EM_PPC64,
        class64: true,
        big_endian: false,
        glibc_interp: "/lib64/ld64.so.2",
        triplet: "powerpc64le-linux-gnu",
        upstream_dirs: LIB64,
        upstream_lib: "lib64",
        platform: "power8",
        vdso: "linux-vdso64.so.1",
        hwcaps: PPC64LE_HWCAPS,
        cache_flags: &[0x503],
        musl_arch: "powerpc64le",
        flags_abi: None,
    },
    Arch {
        name: "ppc64",
        e_machine: EM_PPC64,
        class64: true,
        big_endian: true,
        glibc_interp: "/lib64/ld64.so.1",
        triplet: "powerpc64-linux-gnu",
        upstream_dirs: LIB64,
        upstream_lib: "lib64",
        platform: "power8",
        vdso: "linux-vdso64.so.1",
        hwcaps: &[],
        cache_flags: &[0x503],
        musl_arch: "powerpc64",
        flags_abi: None,
    },
    Arch {
        name: "powerpc",
        e_machine: EM_PPC,
        class64: false,
        big_endian: true,
        glibc_interp: "/lib/ld.so.1",
        triplet: "powerpc-linux-gnu",
        upstream_dirs: LIB,
        upstream_lib: "lib",
        platform: "ppc",
        vdso: "linux-vdso32.so.1",
        hwcaps: &[],
        cache_flags: &[1, 3],
        musl_arch: "powerpc",
        flags_abi: None,
    },
    Arch {
        name: "s390x",
        e_machine: EM_S390,
        class64: true,
        big_endian: true,
        glibc_interp: "/lib/ld64.so.1",
        triplet: "s390x-linux-gnu",
        upstream_dirs: LIB64,
        upstream_lib: "lib64",
        platform: "z13",
        vdso: "linux-vdso64.so.1",
        hwcaps: S390X_HWCAPS,
        cache_flags: &[0x403],
        musl_arch: "s390x",
        flags_abi: None,
    },
    Arch {
        name: "mips",
        e_machine: EM_MIPS,
        class64: false,
        big_endian: true,
        glibc_interp: "/lib/ld.so.1",
        triplet: "mips-linux-gnu",
        upstream_dirs: LIB,
        upstream_lib: "lib",
        platform: "mips",
        vdso: "linux-vdso.so.1",
        hwcaps: &[],
        cache_flags: &[1, 3],
        musl_arch: "mips",
        flags_abi: Some((EF_MIPS_ABI2 | EF_MIPS_NAN2008, 0)),
    },
    Arch {
        name: "mipsel",
        e_machine: EM_MIPS,
        class64: false,
        big_endian: false,
        glibc_interp: "/lib/ld.so.1",
        triplet: "mipsel-linux-gnu",
        upstream_dirs: LIB,
        upstream_lib: "lib",
        platform: "mips",
        vdso: "linux-vdso.so.1",
        hwcaps: &[],
        cache_flags: &[1, 3],
        musl_arch: "mipsel",
        flags_abi: Some((EF_MIPS_ABI2 | EF_MIPS_NAN2008, 0)),
    },
    Arch {
        name: "mips64el",
        e_machine: EM_MIPS,
        class64: true,
        big_endian: false,
        glibc_interp: "/lib64/ld.so.1",
        triplet: "mips64el-linux-gnuabi64",
        upstream_dirs: LIB64,
        upstream_lib: "lib64",
        platform: "mips64",
        vdso: "linux-vdso.so.1",
        hwcaps: &[],
        cache_flags: &[0x703],
        musl_arch: "mips64el",
        flags_abi: Some((EF_MIPS_NAN2008, 0)),
    },
    Arch {
        name: "loongarch64",
        e_machine: EM_LOONGARCH,
        class64: true,
        big_endian: false,
        glibc_interp: "/lib64/ld-linux-loongarch-lp64d.so.1",
        triplet: "loongarch64-linux-gnu",
        upstream_dirs: LIB64,
        upstream_lib: "lib64",
        platform: "loongarch64",
        vdso: "linux-vdso.so.1",
        hwcaps: &[],
        cache_flags: &[0x1203],
        musl_arch: "loongarch64",
        flags_abi: None,
    },
    Arch {
        name: "sparc64",
        e_machine: EM_SPARCV9,
        class64: true,
        big_endian: true,
        glibc_interp: "/lib64/ld-linux.so.2",
        triplet: "sparc64-linux-gnu",
        upstream_dirs: LIB64,
        upstream_lib: "lib64",
        platform: "sparc64",
        vdso: "linux-vdso.so.1",
        hwcaps: &[],
        cache_flags: &[0x103],
        musl_arch: "sparc64",
        flags_abi: None,
    },
];

impl Arch {
    /// The target an ELF file was built for. `interp` (PT_INTERP) breaks
    /// ties the header cannot (armel vs armhf without float flags).
    pub fn of(h: &FileHeader, interp: Option<&[u8]>) -> Option<&'static Arch> {
        let mut machine = h.e_machine;
        if machine == EM_MIPS_RS3_LE {
            machine = EM_MIPS;
        }
        let big = h.byte_order() == crate::elf::header::ByteOrder::Big;
        let candidates = ARCHES
            .iter()
            .filter(|a| a.e_machine == machine && a.class64 == h.is_64() && a.big_endian == big);
        let mut first = None;
        for a in candidates {
            if let Some(i) = interp {
                if i == a.glibc_interp.as_bytes()
                    || i == format!("/lib/ld-musl-{}.so.1", a.musl_arch).as_bytes()
                {
                    return Some(a);
                }
            }
            let abi_ok = a
                .flags_abi
                .is_none_or(|(mask, value)| h.e_flags & mask == value);
            if abi_ok && first.is_none() {
                first = Some(a);
            }
        }
        first
    }

    /// glibc's `elf_machine_matches_host` (plus the class check of
    /// `open_verify`): would this arch's loader accept an object with this
    /// header, or skip it and keep searching?
    pub fn accepts(&self, h: &FileHeader) -> bool {
        let machine_ok = match self.e_machine {
            EM_MIPS => h.e_machine == EM_MIPS || h.e_machine == EM_MIPS_RS3_LE,
            EM_S390 => h.e_machine == EM_S390 || h.e_machine == 0xa390,
            m => h.e_machine == m,
        };
        if !machine_ok || h.is_64() != self.class64 {
            return false;
        }
        match self.e_machine {
            // ppc64: ELFv1 vs ELFv2 when the object says which.
            EM_PPC64 => {
                let abi = h.e_flags & 3;
                abi == 0 || abi == if self.big_endian { 1 } else { 2 }
            }
            EM_RISCV => h.e_flags & EF_RISCV_FLOAT_ABI == EF_RISCV_FLOAT_ABI_DOUBLE,
            EM_MIPS => {
                self.flags_abi.is_none_or(|(mask, value)| {
                    h.e_flags & mask & !EF_MIPS_NAN2008 == value & !EF_MIPS_NAN2008
                }) && (h.e_flags & EF_MIPS_NAN2008) == 0
            }
            _ => true,
        }
    }

    /// The musl interpreter path.
    pub fn musl_interp(&self) -> String {
        format!("/lib/ld-musl-{}.so.1", self.musl_arch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_arch_has_a_distinct_name_and_interpreter_pair() {
        for (i, a) in ARCHES.iter().enumerate() {
            for b in &ARCHES[i + 1..] {
                assert_ne!(a.name, b.name);
            }
            assert!(a.glibc_interp.starts_with('/'));
            assert!(!a.cache_flags.is_empty());
        }
    }
}
