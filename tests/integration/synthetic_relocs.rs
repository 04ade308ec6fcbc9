//! Relocation corner cases no compiled fixture reaches, in small ELF files
//! written here byte by byte, compared with the live readelf (`-r`, `-rW`):
//! SPARC V9 `R_SPARC_OLO10` type data, Alpha `R_ALPHA_LITUSE` addends, GNU
//! indirect functions, section symbols in reserved sections, names outside
//! the string table, a symbol table without strings, bad symbol indices,
//! unknown types, extreme addends, MIPS64 big-endian triple types, REL
//! without a symbol table and a relocation section linked to a non-symbol
//! section.

use std::path::Path;

use crate::support::{first_difference, readelf};

/// One symbol: `st_name` (an offset into the string table), `st_value`,
/// `st_info`, `st_shndx`.
type Sym = (u32, u64, u8, u16);
/// One relocation: `r_offset`, `r_info`, `r_addend`.
type Rel = (u64, u64, i64);

struct Spec {
    is_64: bool,
    big_endian: bool,
    e_machine: u16,
    rela: bool,
    syms: Vec<Sym>,
    relocs: Vec<Rel>,
    /// `sh_link` of the symbol table (0: no string table).
    symtab_link_to_strtab: bool,
    /// `sh_link` of the relocation section: symbol table, none, or the
    /// string table (not a symbol table).
    reloc_link: RelocLink,
}

#[derive(Clone, Copy, PartialEq)]
enum RelocLink {
    Symtab,
    None,
    Strtab,
}

const STRTAB: &[u8] = b"\0foo\0an_indirect_function_with_a_long_name\0bar\0";

struct Writer {
    out: Vec<u8>,
    is_64: bool,
    big_endian: bool,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.out.push(v);
    }
    fn u16(&mut self, v: u16) {
        let b = if self.big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        };
        self.out.extend_from_slice(&b);
    }
    fn u32(&mut self, v: u32) {
        let b = if self.big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        };
        self.out.extend_from_slice(&b);
    }
    fn u64(&mut self, v: u64) {
        let b = if self.big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        };
        self.out.extend_from_slice(&b);
    }
    /// A class-sized word.
    fn word(&mut self, v: u64) {
        if self.is_64 {
            self.u64(v);
        } else {
            self.u32(v as u32);
        }
    }
}

/// Sections: 0 null, 1 .text, 2 .strtab, 3 .symtab, 4 .rel(a).text,
/// 5 .shstrtab.
fn build(spec: &Spec) -> Vec<u8> {
    let shstrtab: &[u8] = b"\0.text\0.strtab\0.symtab\0.rela.text\0.rel.text\0.shstrtab\0";
    let at = |name: &[u8]| -> u32 {
        shstrtab
            .windows(name.len())
            .position(|w| w == name)
            .expect("name in .shstrtab") as u32
    };
    let (n_text, n_strtab, n_symtab, n_rela, n_rel, n_shstrtab) = (
        at(b"\0.text\0") + 1,
        at(b".strtab"),
        at(b".symtab"),
        at(b".rela.text"),
        at(b".rel.text"),
        at(b".shstrtab"),
    );
    let mut w = Writer {
        out: Vec::new(),
        is_64: spec.is_64,
        big_endian: spec.big_endian,
    };
    let ehsize: u64 = if spec.is_64 { 64 } else { 52 };
    let shentsize: u64 = if spec.is_64 { 64 } else { 40 };
    let symsize: u64 = if spec.is_64 { 24 } else { 16 };
    let relsize: u64 = match (spec.is_64, spec.rela) {
        (true, true) => 24,
        (true, false) => 16,
        (false, true) => 12,
        (false, false) => 8,
    };
    // Contents after the header.
    let text_off = ehsize;
    let text_size = 16u64;
    let strtab_off = text_off + text_size;
    let symtab_off = (strtab_off + STRTAB.len() as u64 + 7) & !7;
    let symtab_size = symsize * spec.syms.len() as u64;
    let rel_off = symtab_off + symtab_size;
    let rel_size = relsize * spec.relocs.len() as u64;
    let shstrtab_off = rel_off + rel_size;
    let shoff = (shstrtab_off + shstrtab.len() as u64 + 7) & !7;

    // File header.
    w.out.extend_from_slice(b"\x7fELF");
    w.u8(if spec.is_64 { 2 } else { 1 });
    w.u8(if spec.big_endian { 2 } else { 1 });
    w.u8(1);
    w.out.resize(16, 0);
    w.u16(1); // ET_REL
    w.u16(spec.e_machine);
    w.u32(1);
    w.word(0); // e_entry
    w.word(0); // e_phoff
    w.word(shoff);
    w.u32(0); // e_flags
    w.u16(ehsize as u16);
    w.u16(0);
    w.u16(0);
    w.u16(shentsize as u16);
    w.u16(6);
    w.u16(5);
    assert_eq!(w.out.len() as u64, ehsize);

    w.out.resize((text_off + text_size) as usize, 0x90);
    w.out.extend_from_slice(STRTAB);
    w.out.resize(symtab_off as usize, 0);
    for &(name, value, info, shndx) in &spec.syms {
        w.u32(name);
        if spec.is_64 {
            w.u8(info);
            w.u8(0);
            w.u16(shndx);
            w.u64(value);
            w.u64(0);
        } else {
            w.u32(value as u32);
            w.u32(0);
            w.u8(info);
            w.u8(0);
            w.u16(shndx);
        }
    }
    for &(offset, info, addend) in &spec.relocs {
        w.word(offset);
        w.word(info);
        if spec.rela {
            w.word(addend as u64);
        }
    }
    w.out.extend_from_slice(shstrtab);
    w.out.resize(shoff as usize, 0);

    let section = |w: &mut Writer,
                   name: u32,
                   ty: u32,
                   off: u64,
                   size: u64,
                   link: u32,
                   info: u32,
                   entsize: u64| {
        w.u32(name);
        w.u32(ty);
        w.word(0); // flags
        w.word(0); // addr
        w.word(off);
        w.word(size);
        w.u32(link);
        w.u32(info);
        w.word(1);
        w.word(entsize);
    };
    section(&mut w, 0, 0, 0, 0, 0, 0, 0);
    section(&mut w, n_text, 1, text_off, text_size, 0, 0, 0);
    section(
        &mut w,
        n_strtab,
        3,
        strtab_off,
        STRTAB.len() as u64,
        0,
        0,
        0,
    );
    let strtab_link = if spec.symtab_link_to_strtab { 2 } else { 0 };
    section(
        &mut w,
        n_symtab,
        2,
        symtab_off,
        symtab_size,
        strtab_link,
        1,
        symsize,
    );
    let rel_link = match spec.reloc_link {
        RelocLink::Symtab => 3,
        RelocLink::None => 0,
        RelocLink::Strtab => 2,
    };
    let rel_type = if spec.rela { 4 } else { 9 };
    let rel_name = if spec.rela { n_rela } else { n_rel };
    section(
        &mut w, rel_name, rel_type, rel_off, rel_size, rel_link, 1, relsize,
    );
    section(
        &mut w,
        n_shstrtab,
        3,
        shstrtab_off,
        shstrtab.len() as u64,
        0,
        0,
        0,
    );
    w.out
}

fn info64(sym: u64, ty: u64) -> u64 {
    (sym << 32) | ty
}

fn specs() -> Vec<(&'static str, Spec)> {
    let base_syms = vec![
        (0, 0, 0, 0),         // null
        (1, 0x1234, 0x12, 1), // foo: FUNC GLOBAL in .text
        (5, 0x40, 0x1a, 1),   // long name: IFUNC GLOBAL
        (0, 0, 0x03, 0xfff1), // section symbol in ABS
        (0, 0, 0x03, 0xfff2), // ... COMMON
        (0, 0, 0x03, 0xff02), // ... LARGE_COMMON (x86-64) / other
        (0, 0, 0x03, 0xff10), // ... a reserved index without a name
        (0, 0, 0x03, 1),      // ... .text
        (0, 0, 0x00, 0),      // unnamed NOTYPE: <null>
        (1000, 0, 0x10, 0),   // name outside the string table
        (0, 0, 0x0a, 1),      // unnamed IFUNC: ??
    ];
    let x86_relocs: Vec<Rel> = (1..base_syms.len() as u64)
        .map(|i| (i * 8, info64(i, 1), -(i as i64)))
        .chain([
            (0x100, info64(0, 8), 0x10),     // no symbol, positive addend
            (0x108, info64(0, 8), -0x10),    // no symbol, negative addend
            (0x110, info64(0, 200), 0),      // unknown type
            (0x118, info64(99, 1), 5),       // bad symbol index
            (0x120, info64(1, 1), i64::MIN), // the most negative addend
            (0x128, info64(1, 1), i64::MAX),
            (0x130, info64(2, 0x25), 0), // IRELATIVE-ish, long name
        ])
        .collect();
    vec![
        (
            "x86_64",
            Spec {
                is_64: true,
                big_endian: false,
                e_machine: 62,
                rela: true,
                syms: base_syms.clone(),
                relocs: x86_relocs.clone(),
                symtab_link_to_strtab: true,
                reloc_link: RelocLink::Symtab,
            },
        ),
        (
            "x86_64 symtab without strings",
            Spec {
                symtab_link_to_strtab: false,
                ..Spec {
                    is_64: true,
                    big_endian: false,
                    e_machine: 62,
                    rela: true,
                    syms: base_syms.clone(),
                    relocs: x86_relocs.clone(),
                    symtab_link_to_strtab: true,
                    reloc_link: RelocLink::Symtab,
                }
            },
        ),
        (
            "x86_64 relocations without a symbol table",
            Spec {
                is_64: true,
                big_endian: false,
                e_machine: 62,
                rela: true,
                syms: base_syms.clone(),
                relocs: x86_relocs.clone(),
                symtab_link_to_strtab: true,
                reloc_link: RelocLink::None,
            },
        ),
        (
            "x86_64 relocations linked to a string table",
            Spec {
                is_64: true,
                big_endian: false,
                e_machine: 62,
                rela: true,
                syms: base_syms.clone(),
                relocs: x86_relocs,
                symtab_link_to_strtab: true,
                reloc_link: RelocLink::Strtab,
            },
        ),
        (
            "i386 REL",
            Spec {
                is_64: false,
                big_endian: false,
                e_machine: 3,
                rela: false,
                syms: base_syms.clone(),
                relocs: (1..base_syms.len() as u64)
                    .map(|i| (i * 4, (i << 8) | 1, 0))
                    .chain([(0x40, 0xff, 0), (0x44, (77 << 8) | 2, 0)])
                    .collect(),
                symtab_link_to_strtab: true,
                reloc_link: RelocLink::Symtab,
            },
        ),
        (
            "i386 RELA (sign-extended 32-bit addends)",
            Spec {
                is_64: false,
                big_endian: false,
                e_machine: 3,
                rela: true,
                syms: base_syms.clone(),
                relocs: vec![
                    (0, (1 << 8) | 1, -4),
                    (4, 1, -0x8000_0000),
                    (8, (2 << 8) | 42, 0x7fff_ffff),
                ],
                symtab_link_to_strtab: true,
                reloc_link: RelocLink::Symtab,
            },
        ),
        (
            "sparcv9 OLO10",
            Spec {
                is_64: true,
                big_endian: true,
                e_machine: 43,
                rela: true,
                syms: base_syms.clone(),
                relocs: vec![
                    (0, info64(1, (5 << 8) | 33), 4),
                    (4, info64(1, ((-7i64 as u64 & 0xff_ffff) << 8) | 33), -4),
                    (8, info64(0, 33), 0),
                    (12, info64(1, (3 << 8) | 32), 0),
                ],
                symtab_link_to_strtab: true,
                reloc_link: RelocLink::Symtab,
            },
        ),
        (
            "alpha LITUSE",
            Spec {
                is_64: true,
                big_endian: false,
                e_machine: 0x9026,
                rela: true,
                syms: base_syms.clone(),
                relocs: (0..8)
                    .map(|a| (a as u64 * 4, info64(1, 5), a))
                    .chain([(0x40, info64(1, 5), 99), (0x44, info64(1, 5), -1)])
                    .collect(),
                symtab_link_to_strtab: true,
                reloc_link: RelocLink::Symtab,
            },
        ),
        (
            "mips64 big-endian triple types",
            Spec {
                is_64: true,
                big_endian: true,
                e_machine: 8,
                rela: true,
                syms: base_syms.clone(),
                relocs: vec![
                    (0, info64(1, (0x16 << 16) | (0x05 << 8) | 0x07), 0),
                    (8, info64(7, (0xee << 16) | (0xdd << 8) | 0xcc), -8),
                    (16, info64(0, 0x12 << 24), 0),
                    (24, info64(0, (0x03 << 16) | (0x0f << 8) | 0x03), 1),
                ],
                symtab_link_to_strtab: true,
                reloc_link: RelocLink::Symtab,
            },
        ),
        (
            "unknown machine",
            Spec {
                is_64: false,
                big_endian: true,
                e_machine: 0x1234,
                rela: true,
                syms: base_syms,
                relocs: vec![(0, (1 << 8) | 1, 3), (4, 0xfe, -3)],
                symtab_link_to_strtab: true,
                reloc_link: RelocLink::Symtab,
            },
        ),
    ]
}

#[test]
fn synthetic_relocation_corner_cases_match_readelf() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (name, spec) in specs() {
        let path = dir.path().join(name.replace(' ', "_"));
        std::fs::write(&path, build(&spec)).unwrap();
        // The files are what the case says (readelf's own reading of them).
        let shown = String::from_utf8_lossy(&readelf(&["-rW"], &path)).into_owned();
        let marker = match name {
            "x86_64" => "an_indirect_function_with_a_long_name()",
            "x86_64 symtab without strings" => "<string table index:",
            "x86_64 relocations linked to a string table" => "contains 17 entries:\n\nThere are no",
            "i386 REL" => "Symbol's Name\n",
            "sparcv9 OLO10" => "R_SPARC_OLO10          0000000000001234 foo + 4 + 5",
            "alpha LITUSE" => "R_ALPHA_LITUSE         (JSRDIRECT)",
            "mips64 big-endian triple types" => "Type3: unrecognized: ee",
            "unknown machine" => "unrecognized: 1",
            _ => "Relocation section",
        };
        assert!(shown.contains(marker), "{name}: {shown}");
        for flags in [&["-rW"][..], &["-r"], &["-rWD"], &["-u"]] {
            let expected = readelf(flags, &path);
            let actual = render(&path, flags);
            if expected != actual {
                failures.push(format!(
                    "{name} {flags:?}: {}",
                    first_difference(&expected, &actual)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn render(path: &Path, flags: &[&str]) -> Vec<u8> {
    let out = crate::support::relf()
        .arg("readelf")
        .args(flags)
        .arg(path)
        .output()
        .unwrap();
    out.stdout
}
