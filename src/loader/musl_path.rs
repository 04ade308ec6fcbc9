//! musl's library path strings: the system path from
//! `<prefix>/etc/ld-musl-<LDSO_ARCH>.path`, how path strings are split, and
//! the `LDSO_ARCH` names.
//!
//! Rules from musl ldso/dynlink.c (`load_library`, `path_open`; identical in
//! v1.2.3 and 2025 HEAD) and arch/*/reloc.h. What this module does not do:
//! open files (the caller reads the path file inside its root and passes
//! what it found), search directories, or handle `$ORIGIN` (`fixup_rpath`).

/// musl's compiled-in system path, used when the path file does not exist.
pub const DEFAULT_SYS_PATH: &[u8] = b"/lib:/usr/local/lib:/usr/lib";

/// Longest name `load_library` searches for (`NAME_MAX`); longer names fail.
pub const NAME_MAX: usize = 255;

/// Size of the candidate buffer in `load_library` (`2*NAME_MAX+2`): a
/// candidate `dir/name` of this many bytes or more is skipped.
pub const PATH_BUF_SIZE: usize = 2 * NAME_MAX + 2;

/// `PATH_MAX`: a prefix this long or longer is not used.
const PATH_MAX: usize = 4096;

/// The elements of a musl path string, in order (`path_open`): elements
/// are separated by `:` or newline, empty elements are skipped (they do not
/// mean the current directory), nothing is trimmed and there are no
/// comments. The string ends at its first NUL, as a C string does. Used for
/// the path file, `LD_LIBRARY_PATH`/`--library-path`, and RPATH/RUNPATH.
pub fn split_path(path: &[u8]) -> impl Iterator<Item = &[u8]> + '_ {
    let path = path.split(|&b| b == 0).next().unwrap_or(path);
    path.split(|&b| b == b':' || b == b'\n')
        .filter(|e| !e.is_empty())
}

/// The candidate `path_open` tries for `name` in directory element `dir`:
/// `dir/name`, or `None` when it does not fit the 512-byte buffer (the
/// element is then skipped, not an error). Note that `dir` is not
/// normalised: `/lib/` gives `/lib//libc.so`.
pub fn candidate(dir: &[u8], name: &[u8]) -> Option<Vec<u8>> {
    let len = dir.len().checked_add(1)?.checked_add(name.len())?;
    if len >= PATH_BUF_SIZE {
        return None;
    }
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(dir);
    out.push(b'/');
    out.extend_from_slice(name);
    Some(out)
}

/// The prefix `load_library` derives from the loader's name `ldso.name`:
/// if it starts with `/`, everything before its second-to-last `/`
/// character (so `/opt/m/lib/ld-musl-x86_64.so.1` → `/opt/m`,
/// `/lib/ld-musl-x86_64.so.1` → empty); otherwise, or if that is
/// `PATH_MAX` bytes or longer, empty.
///
/// `ldso.name` is the executable's PT_INTERP when the kernel started it and
/// in list (`ldd`) mode; argv[0] of the loader for an explicit run that is
/// not in list mode, or when the file has no PT_INTERP.
pub fn prefix(ldso_name: &[u8]) -> &[u8] {
    let name = ldso_name.split(|&b| b == 0).next().unwrap_or(ldso_name);
    if name.first() != Some(&b'/') {
        return b"";
    }
    // for (s=t=z=name; *s; s++) if (*s=='/') z=t, t=s;
    let (mut t, mut z) = (0usize, 0usize);
    for (s, &c) in name.iter().enumerate() {
        if c == b'/' {
            z = t;
            t = s;
        }
    }
    if z < PATH_MAX {
        &name[..z]
    } else {
        b""
    }
}

/// `<prefix>/etc/ld-musl-<ldso_arch>.path` for a loader named `ldso_name`.
pub fn path_file_name(ldso_name: &[u8], ldso_arch: &str) -> Vec<u8> {
    let mut out = prefix(ldso_name).to_vec();
    out.extend_from_slice(b"/etc/ld-musl-");
    out.extend_from_slice(ldso_arch.as_bytes());
    out.extend_from_slice(b".path");
    out
}

/// What opening and reading the path file gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathFile<'a> {
    /// `open` failed with `ENOENT`.
    Absent,
    /// `open` failed otherwise (`EACCES`, `ENOTDIR`, ...) or reading failed
    /// (the "file" is a directory: `open` works, `read` gives `EISDIR`).
    Unreadable,
    /// The bytes read (`st_size` of them).
    Contents(&'a [u8]),
}

/// The system path string `load_library` computes once: the file's
/// contents (up to a NUL), an empty string if it exists but cannot be read
/// (no system directories at all), or [`DEFAULT_SYS_PATH`] if it is absent.
/// An empty file also means no system directories. Split the result with
/// [`split_path`].
pub fn sys_path(file: PathFile<'_>) -> &[u8] {
    match file {
        PathFile::Absent => DEFAULT_SYS_PATH,
        PathFile::Unreadable => b"",
        PathFile::Contents(bytes) => bytes.split(|&b| b == 0).next().unwrap_or(bytes),
    }
}

/// The system directories, in search order: [`split_path`] of [`sys_path`].
pub fn system_dirs(file: PathFile<'_>) -> Vec<&[u8]> {
    split_path(sys_path(file)).collect()
}

/// `LDSO_ARCH` from a musl interpreter name `…/ld-musl-<ARCH>.so.1`
/// (the reliable source: the ABI variants `-sf`, `hf`, `r6`, … are not all
/// visible in ELF headers).
pub fn ldso_arch_from_interp(interp: &[u8]) -> Option<&[u8]> {
    let base = interp.rsplit(|&b| b == b'/').next()?;
    let arch = base.strip_prefix(b"ld-musl-")?.strip_suffix(b".so.1")?;
    (!arch.is_empty()).then_some(arch)
}

/// `LDSO_ARCH` (musl arch/*/reloc.h) as far as the ELF header tells it.
///
/// Decided from the header: endianness (`aarch64_be`, `armeb`, `mips`/`mipsel`,
/// `powerpc64`/`powerpc64le`, `microblazeel`, `sheb`), ARM hard-float
/// (`EF_ARM_ABI_FLOAT_HARD`), MIPS n32 (`EF_MIPS_ABI2`) and release 6
/// (`EF_MIPS_ARCH_32R6`/`64R6`), RISC-V and LoongArch float ABI (`e_flags`),
/// SH FDPIC (`EF_SH_FDPIC`). Not visible, so assumed absent: MIPS and
/// PowerPC soft-float (`-sf`), m68k FPU variants, SH `-nofpu`. Prefer
/// [`ldso_arch_from_interp`] when the object has a musl PT_INTERP.
pub fn ldso_arch(e_machine: u16, class64: bool, big_endian: bool, e_flags: u32) -> Option<String> {
    let s = match e_machine {
        62 if class64 => "x86_64".to_string(),
        62 => "x32".to_string(),
        3 => "i386".to_string(),
        183 => if big_endian { "aarch64_be" } else { "aarch64" }.to_string(),
        40 => {
            let endian = if big_endian { "eb" } else { "" };
            let fp = if e_flags & 0x400 != 0 { "hf" } else { "" };
            format!("arm{endian}{fp}")
        }
        8 | 10 => {
            let arch = e_flags & 0xf000_0000;
            let r6 = if arch == 0x9000_0000 || arch == 0xa000_0000 {
                "r6"
            } else {
                ""
            };
            let endian = if big_endian { "" } else { "el" };
            let base = if class64 {
                "mips64"
            } else if e_flags & 0x20 != 0 {
                "mipsn32"
            } else {
                "mips"
            };
            format!("{base}{r6}{endian}")
        }
        20 => "powerpc".to_string(),
        21 => if big_endian {
            "powerpc64"
        } else {
            "powerpc64le"
        }
        .to_string(),
        22 if class64 => "s390x".to_string(),
        243 => {
            let fp = match e_flags & 0x6 {
                0x0 => "-sf",
                0x2 => "-sp",
                0x4 => "",
                _ => return None,
            };
            format!("{}{fp}", if class64 { "riscv64" } else { "riscv32" })
        }
        258 => {
            let fp = match e_flags & 0x7 {
                0x1 => "-sf",
                0x2 => "-sp",
                0x3 => "",
                _ => return None,
            };
            format!("loongarch64{fp}")
        }
        4 => "m68k".to_string(),
        189 => if big_endian {
            "microblaze"
        } else {
            "microblazeel"
        }
        .to_string(),
        92 => "or1k".to_string(),
        42 => {
            let endian = if big_endian { "eb" } else { "" };
            let fdpic = if e_flags & 0x100 != 0 { "-fdpic" } else { "" };
            format!("sh{endian}{fdpic}")
        }
        _ => return None,
    };
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(v: Vec<&[u8]>) -> Vec<String> {
        v.into_iter()
            .map(|e| String::from_utf8_lossy(e).into_owned())
            .collect()
    }

    #[test]
    fn splitting() {
        let p = b"/a::/b\n\n/c:\n /d \n# not a comment\0/after-nul";
        assert_eq!(
            strs(split_path(p).collect()),
            ["/a", "/b", "/c", " /d ", "# not a comment"]
        );
        assert_eq!(split_path(b"").count(), 0);
        assert_eq!(split_path(b":\n:").count(), 0);
    }

    #[test]
    fn system_path_sources() {
        assert_eq!(
            strs(system_dirs(PathFile::Absent)),
            ["/lib", "/usr/local/lib", "/usr/lib"]
        );
        assert!(system_dirs(PathFile::Unreadable).is_empty());
        assert!(system_dirs(PathFile::Contents(b"")).is_empty());
        // Debian's musl package.
        let debian = b"/lib/x86_64-linux-musl\n/usr/lib/x86_64-linux-musl\n";
        assert_eq!(
            strs(system_dirs(PathFile::Contents(debian))),
            ["/lib/x86_64-linux-musl", "/usr/lib/x86_64-linux-musl"]
        );
    }

    #[test]
    fn prefix_rule() {
        assert_eq!(prefix(b"/lib/ld-musl-x86_64.so.1"), b"");
        assert_eq!(prefix(b"/opt/m/lib/ld-musl-x86_64.so.1"), b"/opt/m");
        assert_eq!(prefix(b"/opt/m/lib//ld-musl-x86_64.so.1"), b"/opt/m/lib");
        assert_eq!(prefix(b"/ld.so"), b"");
        assert_eq!(prefix(b"lib/ld-musl-x86_64.so.1"), b"");
        assert_eq!(prefix(b"./ldd"), b"");
        assert_eq!(prefix(b""), b"");
        let long = [b"/".as_slice(), &[b'a'; 5000], b"/lib/ld.so"].concat();
        assert_eq!(prefix(&long), b"");
        assert_eq!(
            path_file_name(b"/opt/m/lib/ld-musl-x86_64.so.1", "x86_64"),
            b"/opt/m/etc/ld-musl-x86_64.path"
        );
        assert_eq!(
            path_file_name(b"/lib/ld-musl-aarch64.so.1", "aarch64"),
            b"/etc/ld-musl-aarch64.path"
        );
    }

    #[test]
    fn candidates() {
        assert_eq!(candidate(b"/lib", b"libc.so").unwrap(), b"/lib/libc.so");
        assert_eq!(candidate(b"/lib/", b"x").unwrap(), b"/lib//x");
        let dir = vec![b'd'; 300];
        assert!(candidate(&dir, &[b'n'; 210]).is_some()); // 511 bytes
        assert!(candidate(&dir, &[b'n'; 211]).is_none()); // 512 bytes
    }

    #[test]
    fn arch_names() {
        assert_eq!(
            ldso_arch_from_interp(b"/lib/ld-musl-x86_64.so.1"),
            Some(&b"x86_64"[..])
        );
        assert_eq!(
            ldso_arch_from_interp(b"/lib/ld-musl-armhf.so.1"),
            Some(&b"armhf"[..])
        );
        assert_eq!(ldso_arch_from_interp(b"/lib64/ld-linux-x86-64.so.2"), None);
        let a = |m, c, be, f| ldso_arch(m, c, be, f);
        assert_eq!(a(62, true, false, 0).as_deref(), Some("x86_64"));
        assert_eq!(a(62, false, false, 0).as_deref(), Some("x32"));
        assert_eq!(a(3, false, false, 0).as_deref(), Some("i386"));
        assert_eq!(a(183, true, true, 0).as_deref(), Some("aarch64_be"));
        assert_eq!(a(40, false, false, 0x0500_0400).as_deref(), Some("armhf"));
        assert_eq!(a(40, false, true, 0x0500_0000).as_deref(), Some("armeb"));
        assert_eq!(a(8, false, false, 0x7000_1000).as_deref(), Some("mipsel"));
        assert_eq!(a(8, false, true, 0x9000_0000).as_deref(), Some("mipsr6"));
        assert_eq!(a(8, true, false, 0).as_deref(), Some("mips64el"));
        assert_eq!(a(8, false, false, 0x20).as_deref(), Some("mipsn32el"));
        assert_eq!(a(21, true, false, 2).as_deref(), Some("powerpc64le"));
        assert_eq!(a(22, true, true, 0).as_deref(), Some("s390x"));
        assert_eq!(a(243, true, false, 5).as_deref(), Some("riscv64"));
        assert_eq!(a(243, true, false, 0).as_deref(), Some("riscv64-sf"));
        assert_eq!(a(258, true, false, 0x43).as_deref(), Some("loongarch64"));
        assert_eq!(a(42, false, true, 0x100).as_deref(), Some("sheb-fdpic"));
        assert_eq!(a(22, false, true, 0), None);
        assert_eq!(a(43, true, true, 0), None);
    }
}
