//! `readelf -s` / `--dyn-syms` (with or without `-W`, and `-D`): the symbol
//! tables, as readelf.c `process_symbol_table` and `print_dynamic_symbol`
//! print them, with the names of `get_symbol_type`, `get_symbol_binding`,
//! `get_symbol_visibility`, `get_symbol_other` (and its per-machine
//! helpers) and `get_symbol_index_type`.
//!
//! Finding the tables and the versions is the model's job
//! ([`crate::elf::symbol`], [`crate::elf::version`]); this module only turns
//! them into readelf's lines.

use std::borrow::Cow;
use std::io::Write;

use crate::elf::header::{
    EM_AARCH64, EM_ARM, EM_IA_64, EM_K1OM, EM_L1OM, EM_MIPS, EM_PARISC, EM_PPC64, EM_RISCV,
    EM_X86_64,
};
use crate::elf::section::{SHT_DYNSYM, SHT_SYMTAB};
use crate::elf::symbol::{
    DynamicSymbolState, Symbol, SHN_ABS, SHN_COMMON, SHN_HIOS, SHN_HIPROC, SHN_LOOS, SHN_LOPROC,
    SHN_LORESERVE, SHN_UNDEF, STB_GLOBAL, STB_GNU_UNIQUE, STB_LOCAL, STB_WEAK, STT_COMMON,
    STT_FILE, STT_FUNC, STT_GNU_IFUNC, STT_NOTYPE, STT_OBJECT, STT_SECTION, STT_TLS,
};
use crate::elf::version::{SymbolVersion, VersionKind, VersionLookup, VersionTags};
use crate::elf::{bytes, ElfFile};

use super::demangle::Demangle;
use super::sections::section_name_print;
use super::text::{long_hex, print_symbol_demangled, printable_section_name};

const ELFOSABI_HPUX: u8 = 1;
const ELFOSABI_GNU: u8 = 3;
const ELFOSABI_SOLARIS: u8 = 6;
const ELFOSABI_FREEBSD: u8 = 9;
const ELFOSABI_OPENVMS: u8 = 13;

const EM_SPARCV9: u16 = 43;
const EM_ALPHA: u16 = 0x9026;
const EM_TI_C6000: u16 = 140;

const STT_RELC: u8 = 8;
const STT_SRELC: u8 = 9;
const STT_LOOS: u8 = 10;
const STT_HIOS: u8 = 12;
const STT_LOPROC: u8 = 13;
const STT_HIPROC: u8 = 15;
const STB_LOOS: u8 = 10;
const STB_HIOS: u8 = 12;
const STB_LOPROC: u8 = 13;
const STB_HIPROC: u8 = 15;

/// What `process_symbol_table` is asked to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SymbolListing {
    /// `-s` (after readelf drops it for unreadable section headers).
    pub syms: bool,
    /// `--dyn-syms` (likewise).
    pub dyn_syms: bool,
    /// `-D`
    pub use_dynamic: bool,
    /// `-W`
    pub wide: bool,
    /// `-C`
    pub demangle: Option<Demangle>,
}

/// `get_symbol_type`
pub fn symbol_type_name(elf: &ElfFile, ty: u8) -> Cow<'static, str> {
    let h = &elf.header;
    Cow::Borrowed(match ty {
        STT_NOTYPE => "NOTYPE",
        STT_OBJECT => "OBJECT",
        STT_FUNC => "FUNC",
        STT_SECTION => "SECTION",
        STT_FILE => "FILE",
        STT_COMMON => "COMMON",
        STT_TLS => "TLS",
        STT_RELC => "RELC",
        STT_SRELC => "SRELC",
        STT_LOPROC..=STT_HIPROC => {
            if h.e_machine == EM_ARM && ty == STT_LOPROC {
                "THUMB_FUNC"
            } else if h.e_machine == EM_SPARCV9 && ty == STT_LOPROC {
                "REGISTER"
            } else if h.e_machine == EM_PARISC && ty == STT_LOPROC {
                "PARISC_MILLI"
            } else {
                return Cow::Owned(format!("<processor specific>: {ty}"));
            }
        }
        STT_LOOS..=STT_HIOS => {
            if h.e_machine == EM_PARISC && ty == STT_LOOS + 1 {
                "HP_OPAQUE"
            } else if h.e_machine == EM_PARISC && ty == STT_LOOS + 2 {
                "HP_STUB"
            } else if ty == STT_GNU_IFUNC && matches!(h.osabi(), ELFOSABI_GNU | ELFOSABI_FREEBSD) {
                "IFUNC"
            } else {
                return Cow::Owned(format!("<OS specific>: {ty}"));
            }
        }
        _ => return Cow::Owned(format!("<unknown>: {ty}")),
    })
}

/// `get_symbol_binding`
pub fn symbol_binding_name(elf: &ElfFile, bind: u8) -> Cow<'static, str> {
    Cow::Borrowed(match bind {
        STB_LOCAL => "LOCAL",
        STB_GLOBAL => "GLOBAL",
        STB_WEAK => "WEAK",
        STB_LOPROC..=STB_HIPROC => return Cow::Owned(format!("<processor specific>: {bind}")),
        STB_LOOS..=STB_HIOS => {
            if bind == STB_GNU_UNIQUE && elf.header.osabi() == ELFOSABI_GNU {
                "UNIQUE"
            } else {
                return Cow::Owned(format!("<OS specific>: {bind}"));
            }
        }
        _ => return Cow::Owned(format!("<unknown>: {bind}")),
    })
}

/// `get_symbol_visibility`
pub fn symbol_visibility_name(vis: u8) -> &'static str {
    match vis {
        0 => "DEFAULT",
        1 => "INTERNAL",
        2 => "HIDDEN",
        3 => "PROTECTED",
        _ => "<unknown>",
    }
}

/// `get_solaris_symbol_visibility` (of the whole `st_other`).
fn solaris_visibility_name(other: u8) -> &'static str {
    match other {
        4 => "EXPORTED",
        5 => "SINGLETON",
        6 => "ELIMINATE",
        v => symbol_visibility_name(v),
    }
}

/// `get_ia64_symbol_other` (OpenVMS only).
fn ia64_vms_other(elf: &ElfFile, other: u8) -> Option<String> {
    if elf.header.osabi() != ELFOSABI_OPENVMS {
        return None;
    }
    let mut res = String::new();
    if matches!(elf.header.e_type, 2 | 3) {
        res.push_str(match (other & 0x30) >> 4 {
            0 => " CA",
            1 => " VEC",
            2 => " FD",
            _ => " RSV",
        });
    }
    res.push_str(match (other & 0xc0) >> 6 {
        0 => " IGN",
        1 => " RSV",
        2 => " STD",
        _ => " LNK",
    });
    Some(res[1..].to_string())
}

/// `get_symbol_other`: the bits of `st_other` above the visibility.
pub fn symbol_other_name(elf: &ElfFile, other: u8) -> String {
    if other == 0 {
        return String::new();
    }
    let result: Option<String> = match elf.header.e_machine {
        EM_ALPHA => Some(
            match other {
                0x80 => "NOPV",
                0x88 => "STD GPLOAD",
                _ => "<unknown>",
            }
            .to_string(),
        ),
        EM_AARCH64 if other & 0x80 != 0 => {
            let rest = other & !0x80;
            Some(if rest == 0 {
                "VARIANT_PCS".to_string()
            } else {
                format!("VARIANT_PCS | {rest:x}")
            })
        }
        EM_MIPS => match other {
            4 => Some("OPTIONAL"),
            0x08 => Some("MIPS PLT"),
            0x20 => Some("MIPS PIC"),
            0x80 => Some("MICROMIPS"),
            0xa0 => Some("MICROMIPS, MIPS PIC"),
            0xf0 => Some("MIPS16"),
            _ => None,
        }
        .map(str::to_string),
        EM_IA_64 => ia64_vms_other(elf, other),
        EM_PPC64 if other & !0xe0 == 0 => {
            let mut v = u32::from(other >> 5);
            if v <= 6 {
                if v >= 2 {
                    v = ((1u32 << v) >> 2) << 2;
                }
                Some(format!("<localentry>: {v}"))
            } else {
                None
            }
        }
        EM_RISCV => {
            let mut buf = String::new();
            let mut rest = other;
            if rest & 0x80 != 0 {
                buf.push_str(" VARIANT_CC");
                rest &= !0x80;
            }
            if rest != 0 {
                buf = format!(" {rest:x}");
            }
            Some(buf.get(1..).unwrap_or("").to_string())
        }
        _ => None,
    };
    result.unwrap_or_else(|| format!("<other>: {other:x}"))
}

/// `get_symbol_index_type`, for the section index as readelf holds it.
pub fn symbol_index_name(elf: &ElfFile, ndx: u32) -> Cow<'static, str> {
    let h = &elf.header;
    let m = h.e_machine;
    Cow::Borrowed(match ndx {
        SHN_UNDEF => "UND",
        SHN_ABS => "ABS",
        SHN_COMMON => "COM",
        _ => {
            if ndx == SHN_LORESERVE && m == EM_IA_64 && h.osabi() == ELFOSABI_HPUX {
                "ANSI_COM"
            } else if matches!(m, EM_X86_64 | EM_L1OM | EM_K1OM) && ndx == SHN_LORESERVE + 2 {
                "LARGE_COM"
            } else if (ndx == SHN_LORESERVE + 3 && m == EM_MIPS)
                || (ndx == SHN_LORESERVE && m == EM_TI_C6000)
            {
                "SCOM"
            } else if ndx == SHN_LORESERVE + 4 && m == EM_MIPS {
                "SUND"
            } else if (SHN_LOPROC..=SHN_HIPROC).contains(&ndx) {
                return Cow::Owned(format!("PRC[0x{:04x}]", ndx & 0xffff));
            } else if (SHN_LOOS..=SHN_HIOS).contains(&ndx) {
                return Cow::Owned(format!("OS [0x{:04x}]", ndx & 0xffff));
            } else if ndx >= SHN_LORESERVE {
                return Cow::Owned(format!("RSV[0x{:04x}]", ndx & 0xffff));
            } else if elf.shnum != 0 && ndx >= elf.shnum {
                return Cow::Owned(format!("bad section index[{:3}]", ndx as i32));
            } else {
                return Cow::Owned(format!("{ndx:3}"));
            }
        }
    })
}

fn entries(n: u64) -> &'static str {
    if n == 1 {
        "entry"
    } else {
        "entries"
    }
}

fn column_header(out: &mut Vec<u8>, is_64: bool) {
    if is_64 {
        out.extend_from_slice(b"   Num:    Value          Size Type    Bind   Vis      Ndx Name\n");
    } else {
        out.extend_from_slice(b"   Num:    Value  Size Type    Bind   Vis      Ndx Name\n");
    }
}

/// The name readelf shows for a symbol: the section's name for an unnamed
/// `STT_SECTION` symbol, else the symbol's own; `<corrupt>` when out of
/// range.
fn shown_name<'a>(elf: &ElfFile<'a>, strings: Option<&'a [u8]>, sym: &Symbol) -> &'a [u8] {
    let sections = elf.section_headers();
    if sym.st_type() == STT_SECTION && (sym.st_shndx as usize) < sections.len() && sym.st_name == 0
    {
        let s = &sections[sym.st_shndx as usize];
        let valid = elf
            .shstrtab
            .is_some_and(|t| u64::from(s.sh_name) < t.len() as u64);
        return if valid {
            section_name_print(elf, s)
        } else {
            b"<corrupt>"
        };
    }
    strings
        .filter(|s| u64::from(sym.st_name) < s.len() as u64)
        .and_then(|s| bytes::c_str(s, u64::from(sym.st_name)))
        .unwrap_or(b"<corrupt>")
}

/// `print_dynamic_symbol`: one line of a symbol table.
fn write_symbol(
    out: &mut Vec<u8>,
    elf: &ElfFile,
    index: u64,
    sym: &Symbol,
    name: &[u8],
    version: Option<SymbolVersion>,
    listing: &SymbolListing,
) {
    let wide = listing.wide;
    let is_64 = elf.header.is_64();
    let _ = write!(out, "{:6}: ", index as i64);
    long_hex(out, sym.st_value, is_64);
    if sym.st_size <= 99999 {
        let _ = write!(out, " {:5}", sym.st_size);
    } else {
        let _ = write!(out, " 0x{:x}", sym.st_size);
    }
    let _ = write!(out, " {:<7}", symbol_type_name(elf, sym.st_type()));
    let _ = write!(out, " {:<6}", symbol_binding_name(elf, sym.st_bind()));
    if elf.header.osabi() == ELFOSABI_SOLARIS {
        let _ = write!(out, " {:<7}", solaris_visibility_name(sym.st_other));
    } else {
        let vis = sym.st_visibility();
        let _ = write!(out, " {:<7}", symbol_visibility_name(vis));
        if sym.st_other ^ vis != 0 {
            let _ = write!(out, " [{}] ", symbol_other_name(elf, sym.st_other ^ vis));
        }
    }
    let _ = write!(out, " {:>4} ", symbol_index_name(elf, sym.st_shndx));

    let version_name: &[u8] = match &version {
        Some(v) => v.name.unwrap_or(b"<corrupt>"),
        None => b"",
    };
    let mut len_avail: i32 = 21;
    if !wide {
        if let Some(v) = &version {
            len_avail -= 1 + version_name.len() as i32;
            match v.kind {
                VersionKind::Needed { index } => len_avail -= format!(" ({index})").len() as i32,
                VersionKind::Default => len_avail -= 1,
                VersionKind::Hidden => {}
            }
        }
    }
    print_symbol_demangled(out, len_avail, name, wide, listing.demangle);
    if let Some(v) = &version {
        match v.kind {
            VersionKind::Needed { index } => {
                out.push(b'@');
                out.extend_from_slice(version_name);
                let _ = write!(out, " ({index})");
            }
            VersionKind::Hidden => {
                out.push(b'@');
                out.extend_from_slice(version_name);
            }
            VersionKind::Default => {
                out.extend_from_slice(b"@@");
                out.extend_from_slice(version_name);
            }
        }
    }
    out.push(b'\n');
}

/// Every symbol of a table whose names are in `strings`, with versions
/// when it is a dynamic table.
fn write_table(
    out: &mut Vec<u8>,
    elf: &ElfFile,
    symbols: &[Symbol],
    strings: Option<&[u8]>,
    is_dynsym: bool,
    lookup: &mut VersionLookup,
    listing: &SymbolListing,
) {
    for (i, sym) in symbols.iter().enumerate() {
        let version = if is_dynsym {
            lookup.lookup(i as u64, sym, strings)
        } else {
            None
        };
        write_symbol(
            out,
            elf,
            i as u64,
            sym,
            shown_name(elf, strings, sym),
            version,
            listing,
        );
    }
}

/// The listing part of `process_symbol_table`. `state` is readelf's view of
/// the dynamic symbols, `tags` its `version_info`.
pub fn write_symbols(
    out: &mut Vec<u8>,
    elf: &ElfFile,
    state: &DynamicSymbolState,
    tags: VersionTags,
    listing: &SymbolListing,
) {
    let is_64 = elf.header.is_64();
    let mut lookup = VersionLookup::new(elf, tags);
    let hashed = state.tags.hash != 0 || state.tags.gnu_hash != 0;
    let dynamic_listing = hashed && listing.syms && listing.use_dynamic && state.has_symbols();
    let dynamic_symbols = match (dynamic_listing, state.strings) {
        (true, Some(strings)) => state.symbols(elf).map(|t| (strings, t)),
        _ => None,
    };
    if let Some((strings, symbols)) = dynamic_symbols {
        let n = symbols.len() as u64;
        let _ = writeln!(out, "\nSymbol table for image contains {n} {}:", entries(n));
        column_header(out, is_64);
        // readelf names these symbols from the dynamic string table.
        write_table(
            out,
            elf,
            &symbols.symbols,
            Some(strings),
            true,
            &mut lookup,
            listing,
        );
        return;
    }
    let sections = match &elf.sections {
        Some(Ok(s)) => s,
        _ => {
            if listing.syms {
                out.extend_from_slice(
                    b"\nDynamic symbol information is not available for displaying symbols.\n",
                );
            }
            return;
        }
    };
    if !(listing.dyn_syms || (listing.syms && !listing.use_dynamic)) {
        if listing.syms {
            out.extend_from_slice(
                b"\nDynamic symbol information is not available for displaying symbols.\n",
            );
        }
        return;
    }
    for (i, s) in sections.iter().enumerate() {
        if !(s.sh_type == SHT_DYNSYM || (s.sh_type == SHT_SYMTAB && listing.syms)) {
            continue;
        }
        let name = printable_section_name(section_name_print(elf, s));
        let entsize = elf.effective_entsize(i);
        if entsize == 0 {
            out.extend_from_slice(b"\nSymbol table '");
            out.extend_from_slice(&name);
            out.extend_from_slice(b"' has a sh_entsize of zero!\n");
            continue;
        }
        let n = s.sh_size / entsize;
        out.extend_from_slice(b"\nSymbol table '");
        out.extend_from_slice(&name);
        let _ = writeln!(out, "' contains {n} {}:", entries(n));
        column_header(out, is_64);
        let Ok(table) = elf.symbol_table(i) else {
            continue;
        };
        write_table(
            out,
            elf,
            &table.symbols,
            table.strings,
            s.sh_type == SHT_DYNSYM,
            &mut lookup,
            listing,
        );
    }
}
