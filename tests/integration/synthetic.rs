//! Files synthesised in the test (with the `object` crate's writer or by
//! hand) for what neither /usr nor the fixtures contain: unusual note
//! owners and types, corrupt property lists, core files, section groups in
//! both byte orders. Each is compared byte for byte with the live readelf.

use std::path::Path;

use object::write::{Comdat, Object, StandardSection, Symbol, SymbolSection};
use object::{
    Architecture, BinaryFormat, ComdatKind, Endianness, SectionKind, SymbolFlags, SymbolKind,
    SymbolScope,
};

use crate::support::{first_difference, readelf, relf};

/// Writes `bytes` to a temporary file and checks `relf readelf FLAGS` against
/// `readelf FLAGS` for each flag set.
fn assert_same(bytes: &[u8], flag_sets: &[&[&str]], what: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synthetic.o");
    std::fs::write(&path, bytes).unwrap();
    if let Some(keep) = std::env::var_os("RELF_KEEP_SYNTHETIC") {
        let name = format!("{}-{}", what.replace(' ', "_"), flag_sets.len());
        let _ = std::fs::write(Path::new(&keep).join(name), bytes);
    }
    for flags in flag_sets {
        compare_file(&path, flags, what);
    }
}

fn compare_file(path: &Path, flags: &[&str], what: &str) {
    let expected = readelf(flags, path);
    let actual = relf()
        .arg("readelf")
        .args(flags)
        .arg(path)
        .output()
        .unwrap()
        .stdout;
    assert!(
        expected == actual,
        "{what}: readelf {}: {}",
        flags.join(" "),
        first_difference(&expected, &actual)
    );
}

fn targets() -> Vec<(Architecture, Endianness)> {
    vec![
        (Architecture::X86_64, Endianness::Little),
        (Architecture::I386, Endianness::Little),
        (Architecture::Aarch64, Endianness::Little),
        (Architecture::PowerPc64, Endianness::Big),
        (Architecture::PowerPc, Endianness::Big),
        (Architecture::Mips, Endianness::Big),
    ]
}

#[test]
fn comdat_groups_match_readelf() {
    for (arch, endian) in targets() {
        let mut obj = Object::new(BinaryFormat::Elf, arch, endian);
        for name in ["_Z3foov", "_Z3barv"] {
            let text = obj.add_section(
                Vec::new(),
                format!(".text.{name}").into_bytes(),
                SectionKind::Text,
            );
            obj.append_section_data(text, &[0xc3; 4], 1);
            let data = obj.add_section(
                Vec::new(),
                format!(".data.rel.{name}").into_bytes(),
                SectionKind::Data,
            );
            obj.append_section_data(data, &[0; 8], 8);
            let sym = obj.add_symbol(Symbol {
                name: name.as_bytes().to_vec(),
                value: 0,
                size: 4,
                kind: SymbolKind::Text,
                scope: SymbolScope::Dynamic,
                weak: true,
                section: SymbolSection::Section(text),
                flags: SymbolFlags::None,
            });
            obj.add_comdat(Comdat {
                kind: ComdatKind::Any,
                symbol: sym,
                sections: vec![text, data],
            });
        }
        let plain = obj.section_id(StandardSection::Text);
        obj.append_section_data(plain, &[0x90; 16], 16);
        let bytes = obj.write().unwrap();
        assert_same(&bytes, &[&["-g"], &["-g", "-S"]], &format!("{arch:?}"));
    }
}

/// One note record with 4-byte alignment, in the given byte order.
fn note(big: bool, name: &[u8], n_type: u32, desc: &[u8]) -> Vec<u8> {
    let word = |v: u32| {
        if big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let mut v = Vec::new();
    v.extend_from_slice(&word(name.len() as u32));
    v.extend_from_slice(&word(desc.len() as u32));
    v.extend_from_slice(&word(n_type));
    v.extend_from_slice(name);
    while v.len() % 4 != 0 {
        v.push(0);
    }
    v.extend_from_slice(desc);
    while v.len() % 4 != 0 {
        v.push(0);
    }
    v
}

fn u32s(big: bool, words: &[u32]) -> Vec<u8> {
    words
        .iter()
        .flat_map(|&w| {
            if big {
                w.to_be_bytes()
            } else {
                w.to_le_bytes()
            }
        })
        .collect()
}

/// A GNU property list: (type, data) pairs, each padded to `word` bytes.
fn properties(big: bool, word: usize, props: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut v = Vec::new();
    for (t, data) in props {
        v.extend(u32s(big, &[*t, data.len() as u32]));
        v.extend_from_slice(data);
        while v.len() % word != 0 {
            v.push(0);
        }
    }
    v
}

/// Note sections exercising every owner readelf 2.40 knows.
fn note_sections(big: bool, is_64: bool) -> Vec<(&'static str, Vec<u8>)> {
    let w = if is_64 { 8 } else { 4 };
    let addr = |v: u64| -> Vec<u8> {
        match (is_64, big) {
            (true, true) => v.to_be_bytes().to_vec(),
            (true, false) => v.to_le_bytes().to_vec(),
            (false, true) => (v as u32).to_be_bytes().to_vec(),
            (false, false) => (v as u32).to_le_bytes().to_vec(),
        }
    };
    let mut gnu = Vec::new();
    gnu.extend(note(big, b"GNU\0", 1, &u32s(big, &[0, 2, 6, 32])));
    gnu.extend(note(big, b"GNU\0", 1, &u32s(big, &[7, 1, 2])));
    gnu.extend(note(big, b"GNU\0", 2, &u32s(big, &[3, 0x5])));
    gnu.extend(note(big, b"GNU\0", 2, &u32s(big, &[3])));
    gnu.extend(note(big, b"GNU\0", 3, &[0xde, 0xad, 0xbe, 0xef]));
    gnu.extend(note(big, b"GNU\0", 4, b"gold 1.16\0"));
    gnu.extend(note(big, b"GNU\0", 0x99, &[1, 2, 3]));
    gnu.extend(note(big, b"GNUX\0", 3, &[0xab]));

    let p32 = |v: u32| u32s(big, &[v]);
    let mut props = Vec::new();
    let good = properties(
        big,
        w,
        &[
            (0xc000_0002, p32(0x7)),
            (0xc000_0002, p32(0)),
            (0xc000_8002, p32(0xf1)),
            (0xc001_0002, p32(0x3)),
            (0xc001_0001, p32(0xfff)),
            (0xc000_8001, p32(0)),
            (0xc000_0000, p32(0x3_ffff)),
            (0xc000_0001, p32(0x8_0000)),
            (0xc001_0000, p32(0x1ff_ffff)),
            (0xc000_8000, p32(0)),
            (0xc000_8003, p32(0x4)),
            (1, addr(0x10000)),
            (2, Vec::new()),
            (2, vec![1, 2, 3, 4]),
            (0xb000_8000, p32(0x3)),
            (0xb000_0001, p32(0x12)),
            (0xb000_8005, p32(0)),
            (0xb000_0002, vec![1, 2]),
            (0x1234, vec![9, 8, 7]),
            (0xe000_0001, vec![1]),
            (0xc000_0002, vec![1, 2, 3, 4, 5, 6, 7, 8]),
        ],
    );
    props.extend(note(big, b"GNU\0", 5, &good));
    props.extend(note(big, b"GNU\0", 5, &good[..4]));
    props.extend(note(big, b"GNU\0", 5, &good[..good.len() - w]));
    let mut past = properties(big, w, &[(0xc000_0002, p32(3))]);
    past.extend(u32s(big, &[0xc000_8002, 64]));
    props.extend(note(big, b"GNU\0", 5, &past));
    let unaligned = properties(big, 4, &[(0xc000_0002, p32(3))]);
    props.extend(note(
        big,
        b"GNU\0",
        5,
        &[unaligned.clone(), unaligned].concat(),
    ));

    let mut sdt = Vec::new();
    let mut probe = [addr(0x1234), addr(0), addr(0x5678)].concat();
    probe.extend_from_slice(b"libfoo\0probe_1\0-4@%edi 8@%rsi\0");
    sdt.extend(note(big, b"stapsdt\0", 3, &probe));
    sdt.extend(note(big, b"stapsdt\0", 3, &probe[..probe.len() - 3]));
    sdt.extend(note(
        big,
        b"stapsdt\0",
        3,
        &[probe.clone(), vec![0, 0]].concat(),
    ));
    sdt.extend(note(big, b"stapsdt\0", 9, &[1, 2]));

    let mut misc = Vec::new();
    misc.extend(note(big, b"Go\0\0", 4, b"abc/def\0"));
    misc.extend(note(
        big,
        b"FDO\0",
        0xcafe_1a7e,
        b"{\"type\":\"deb\",\"os\":\"debian\"}\0",
    ));
    misc.extend(note(big, b"FDO\0", 7, b"x"));
    misc.extend(note(big, b"NetBSD\0", 1, &u32s(big, &[199_905_600])));
    misc.extend(note(big, b"NetBSD\0", 1, &u32s(big, &[900_000_000])));
    misc.extend(note(big, b"NetBSD\0", 5, b"earmv7hf\0"));
    misc.extend(note(big, b"PaX\0", 3, &u32s(big, &[0x15])));
    misc.extend(note(big, b"NetBSD\0", 9, &[]));
    misc.extend(note(big, b"NetBSD-CORE\0", 33, &[]));
    misc.extend(note(big, b"NetBSD-CORE\0", 2, &[]));
    misc.extend(note(big, b"NetBSD-CORE\0", 45, &[]));
    misc.extend(note(big, b"FreeBSD\0", 7, &[1]));
    misc.extend(note(big, b"FreeBSD\0", 1, &[1]));
    misc.extend(note(big, b"OpenBSD\0", 20, &[]));
    misc.extend(note(big, b"SPU/myprog\0", 1, &[1, 2]));
    misc.extend(note(big, b"AMDGPU\0", 32, &[0x80]));
    misc.extend(note(big, b"AMDGPU\0", 33, &[0x80]));
    misc.extend(note(big, b"Xen\0", 6, b"xen-3.0\0"));
    misc.extend(note(big, b"LINUX\0", 0x202, &[1, 2, 3]));
    misc.extend(note(big, b"CORE\0", 1, &[0; 8]));
    misc.extend(note(big, b"", 1, b"GNU\0"));
    misc.extend(note(big, b"a-very-long-owner-name-indeed\0", 1, &[]));
    misc.extend(note(big, b"ctl\x01\x7f\xc3\0", 1, &[]));
    misc.extend(note(big, b"IPF/VMS\0", 2, b"C"));
    misc.extend(note(big, b"IPF/VMS\0", 102, b"IMAGE"));
    misc.extend(note(big, b"IPF/VMS\0", 6, &[1; 8]));
    misc.extend(note(big, b"IPF/VMS\0", 6, &[1; 4]));
    misc.extend(note(big, b"IPF/VMS\0", 77, &[1; 4]));
    misc.extend(note(
        big,
        b"IPF/VMS\0",
        101,
        &[0, 0, 0xa0, 0x6b, 0x3a, 0x7d, 0xbc, 0],
    ));

    // GNU build attributes (annobin): names of every shape, OPEN and FUNC.
    let mut ga = Vec::new();
    let open = 0x100;
    let func = 0x101;
    ga.extend(note(
        big,
        b"GA$\x013p1113\0",
        open,
        &[addr(0x100), addr(0x180)].concat(),
    ));
    ga.extend(note(
        big,
        b"GA$\x05running gcc 12.2.1 20221121\0",
        open,
        &[],
    ));
    ga.extend(note(big, b"GA*\x02\x03\0", open, &[]));
    ga.extend(note(big, b"GA*\x07\x02\0", open, &[]));
    ga.extend(note(big, b"GA*\x07\x09\0", open, &[]));
    ga.extend(note(big, b"GA*\x06\x12\x34\0", open, &[]));
    ga.extend(note(big, b"GA*\x06\0", open, &[]));
    ga.extend(note(big, b"GA*GOW\0\x2a\x05\x02\0", open, &[]));
    ga.extend(note(big, b"GA*FORTIFY\0\xff\0", func, &u32s(big, &[0x200])));
    ga.extend(note(
        big,
        b"GA+stack_clash\0",
        open,
        &u32s(big, &[0x300, 0x340]),
    ));
    ga.extend(note(big, b"GA!<short enum>\0", open, &[]));
    ga.extend(note(big, b"GA!\x08\0", func, &[]));
    ga.extend(note(big, b"GA+averyveryverylongattributename\0", open, &[]));
    ga.extend(note(big, b"GA*\x80\x01\0", open, &[]));
    ga.extend(note(big, b"GAx\x05y\0", open, &[]));
    ga.extend(note(big, b"GA\0", open, &[]));
    ga.extend(note(big, b"$\x05plain\0", func, &[1, 2, 3]));
    ga.extend(note(big, b"*\x04\x00\x10\0", func, &[0; 16]));
    ga.extend(note(big, b"G\0", open, &[]));
    ga.extend(note(big, b"\0", open, &[]));
    ga.extend(note(big, b"", func, &[]));

    vec![
        (".note.gnu", gnu),
        (".note.gnu.property", props),
        (".note.stapsdt", sdt),
        (".note.misc", misc),
        (".gnu.build.attributes", ga),
    ]
}

#[test]
fn every_note_owner_matches_readelf() {
    for (arch, endian) in targets() {
        let big = endian == Endianness::Big;
        let is_64 = matches!(
            arch,
            Architecture::X86_64 | Architecture::Aarch64 | Architecture::PowerPc64
        );
        let mut obj = Object::new(BinaryFormat::Elf, arch, endian);
        for (name, contents) in note_sections(big, is_64) {
            let id = obj.add_section(Vec::new(), name.as_bytes().to_vec(), SectionKind::Note);
            obj.append_section_data(id, &contents, 4);
        }
        let text = obj.section_id(StandardSection::Text);
        obj.append_section_data(text, &[0; 0x400], 16);
        for (name, value, kind) in [
            ("foo.c", 0x100, SymbolKind::File),
            ("main", 0x200, SymbolKind::Text),
            ("$x", 0x300, SymbolKind::Text),
            ("data_obj", 0x300, SymbolKind::Data),
        ] {
            obj.add_symbol(Symbol {
                name: name.as_bytes().to_vec(),
                value,
                size: if kind == SymbolKind::Data { 0x40 } else { 0 },
                kind,
                scope: SymbolScope::Compilation,
                weak: false,
                section: if kind == SymbolKind::File {
                    SymbolSection::None
                } else {
                    SymbolSection::Section(text)
                },
                flags: SymbolFlags::None,
            });
        }
        let bytes = obj.write().unwrap();
        assert_same(&bytes, &[&["-n"], &["-nW"]], &format!("{arch:?}"));
    }
}

/// A hand-made core file: ELF header, one PT_NOTE program header, notes.
fn core_file(is_64: bool, big: bool, notes: &[u8], align: u64) -> Vec<u8> {
    let mut f = Vec::new();
    let (ehsize, phentsize) = if is_64 { (64u16, 56u16) } else { (52, 32) };
    let h16 = |v: u16| {
        if big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let h32 = |v: u32| {
        if big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let h64 = |v: u64| {
        if big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    f.extend_from_slice(b"\x7fELF");
    f.extend_from_slice(&[if is_64 { 2 } else { 1 }, if big { 2 } else { 1 }, 1, 0]);
    f.extend_from_slice(&[0; 8]);
    f.extend_from_slice(&h16(4)); // ET_CORE
    f.extend_from_slice(&h16(if is_64 { 62 } else { 3 }));
    f.extend_from_slice(&h32(1));
    let notes_off = u64::from(ehsize) + u64::from(phentsize);
    if is_64 {
        f.extend_from_slice(&h64(0));
        f.extend_from_slice(&h64(u64::from(ehsize)));
        f.extend_from_slice(&h64(0));
    } else {
        f.extend_from_slice(&h32(0));
        f.extend_from_slice(&h32(u32::from(ehsize)));
        f.extend_from_slice(&h32(0));
    }
    f.extend_from_slice(&h32(0));
    f.extend_from_slice(&h16(ehsize));
    f.extend_from_slice(&h16(phentsize));
    f.extend_from_slice(&h16(1));
    f.extend_from_slice(&h16(0));
    f.extend_from_slice(&h16(0));
    f.extend_from_slice(&h16(0));
    // PT_NOTE
    if is_64 {
        f.extend_from_slice(&h32(4));
        f.extend_from_slice(&h32(4));
        f.extend_from_slice(&h64(notes_off));
        f.extend_from_slice(&h64(0));
        f.extend_from_slice(&h64(0));
        f.extend_from_slice(&h64(notes.len() as u64));
        f.extend_from_slice(&h64(0));
        f.extend_from_slice(&h64(align));
    } else {
        f.extend_from_slice(&h32(4));
        f.extend_from_slice(&h32(notes_off as u32));
        f.extend_from_slice(&h32(0));
        f.extend_from_slice(&h32(0));
        f.extend_from_slice(&h32(notes.len() as u32));
        f.extend_from_slice(&h32(0));
        f.extend_from_slice(&h32(4));
        f.extend_from_slice(&h32(align as u32));
    }
    f.extend_from_slice(notes);
    f
}

#[test]
fn core_notes_match_readelf() {
    for (is_64, big) in [(false, false), (false, true), (true, false)] {
        let w = |v: u32| u32s(big, &[v]);
        // NT_FILE: count, page size, (start, end, offset) * count, names.
        let mut file = [
            w(2),
            w(4096),
            w(0x1000),
            w(0x2000),
            w(0),
            w(0x3000),
            w(0x4000),
            w(1),
        ]
        .concat();
        file.extend_from_slice(b"/bin/true\0/lib/libc.so.6\0");
        let mut notes = Vec::new();
        for t in [1, 2, 3, 6, 0x53494749, 0x202, 0x400, 0x999] {
            notes.extend(note(big, b"CORE\0", t, &[0; 4]));
        }
        notes.extend(note(big, b"CORE\0", 0x4649_4c45, &file));
        notes.extend(note(big, b"CORE\0", 0x4649_4c45, &file[..file.len() - 1]));
        notes.extend(note(big, b"CORE\0", 0x4649_4c45, &file[..6]));
        notes.extend(note(big, b"LINUX\0", 0x202, &[1, 2, 3, 4]));
        notes.extend(note(big, b"FreeBSD\0", 0x200, &[]));
        notes.extend(note(big, b"OpenBSD\0", 99, &[]));
        notes.extend(note(big, b"", 17, &[]));
        notes.extend(note(big, b"GNU\0", 3, &[1, 2]));
        let core = core_file(is_64, big, &notes, 4);
        assert_same(&core, &[&["-n"], &["-nW"]], &format!("core {is_64} {big}"));
        // Corruption: bad alignment, truncation, oversized descsz.
        let core = core_file(is_64, big, &notes, 16);
        assert_same(&core, &[&["-nW"]], "core alignment 16");
        let core = core_file(is_64, big, &notes[..notes.len() - 5], 4);
        assert_same(&core, &[&["-nW"]], "core truncated");
        let mut bad = notes.clone();
        bad[4..8].copy_from_slice(&w(0xffff_fff0));
        let core = core_file(is_64, big, &bad, 4);
        assert_same(&core, &[&["-nW"]], "core bad descsz");
    }
}

/// One attributes subsection: `tag`, then its length and `body`.
fn subsection(big: bool, tag: u8, body: &[u8]) -> Vec<u8> {
    let mut v = vec![tag];
    v.extend(u32s(big, &[body.len() as u32 + 5]));
    v.extend_from_slice(body);
    v
}

/// One vendor section: length, NUL-terminated name, subsections.
fn vendor(big: bool, name: &str, subsections: &[Vec<u8>]) -> Vec<u8> {
    let body: Vec<u8> = subsections.concat();
    let mut v = u32s(big, &[(4 + name.len() + 1 + body.len()) as u32]);
    v.extend_from_slice(name.as_bytes());
    v.push(0);
    v.extend(body);
    v
}

fn uleb(mut v: u64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

/// Attribute (tag, value) pairs: integers as ULEB128, strings NUL-terminated.
enum Val {
    U(u64),
    S(&'static str),
}

fn attrs(list: &[(u64, Val)]) -> Vec<u8> {
    let mut v = Vec::new();
    for (tag, val) in list {
        v.extend(uleb(*tag));
        match val {
            Val::U(n) => v.extend(uleb(*n)),
            Val::S(s) => {
                v.extend_from_slice(s.as_bytes());
                v.push(0);
            }
        }
    }
    v
}

/// Attribute sections (contents, sh_type) for `machine`, the well-formed one
/// first and then corrupt variants.
fn attribute_sections(big: bool, machine: u16) -> Vec<Vec<u8>> {
    use Val::{S, U};
    let mut public: Vec<(u64, Val)> = Vec::new();
    let vendor_name;
    match machine {
        40 => {
            vendor_name = "aeabi";
            public.push((5, S("7-A")));
            public.push((4, S("cortex-a8")));
            for tag in [
                6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
            ] {
                public.push((tag, U(tag % 5)));
                public.push((tag, U(99)));
            }
            for profile in [0, 0x41, 0x52, 0x4d, 0x53, 0x58] {
                public.push((7, U(profile)));
            }
            for v in [0, 1, 2, 3, 4, 12, 13] {
                public.push((24, U(v)));
                public.push((25, U(v)));
            }
            for tag in [
                26, 27, 28, 29, 30, 31, 34, 36, 38, 42, 44, 46, 48, 50, 52, 74, 76, 66, 68, 70,
            ] {
                public.push((tag, U(1)));
            }
            public.push((67, S("2.09")));
            public.push((32, U(1)));
            public.push((0, S("gnu")));
            public.push((64, U(0)));
            public.push((65, U(6)));
            public.push((0, S("")));
            public.push((65, U(6)));
            public.push((40, S("")));
            public.push((65, U(7)));
            public.push((0, S("x")));
            public.push((71, S("odd unknown")));
            public.push((80, U(300)));
        }
        45 | 195 => {
            vendor_name = "ARC";
            for tag in [4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 18, 20] {
                for v in [0, 1, 2, 3, 4, 5, 15, 16] {
                    public.push((tag, U(v)));
                }
            }
            public.push((7, S("archs")));
            public.push((16, S("cfg")));
            public.push((17, S("apex")));
            public.push((21, S("odd")));
            public.push((22, U(5)));
        }
        252 => {
            vendor_name = "csky";
            public.push((4, S("ck810")));
            public.push((5, S("ck810f")));
            public.push((6, U(0x1234)));
            public.push((7, U(0x10)));
            for tag in [8, 9, 0x10, 0x11, 0x12, 0x13, 0x14, 0x16] {
                for v in [0, 1, 2, 3, 7] {
                    public.push((tag, U(v)));
                }
            }
            public.push((0x15, S("IEEE 754")));
            public.push((0xa, U(3)));
            public.push((0xb, S("eleven")));
            public.push((0x17, S("max")));
        }
        105 => {
            vendor_name = "mspabi";
            for tag in [4, 6, 8] {
                for v in [0, 1, 2, 3, 4] {
                    public.push((tag, U(v)));
                }
            }
            public.push((10, U(1)));
            public.push((11, S("eleven")));
        }
        140 => {
            vendor_name = "c6xabi";
            for tag in [4, 6, 8, 10, 12, 14, 16, 18, 20] {
                for v in [0, 1, 2, 3, 4, 6, 7, 8, 9] {
                    public.push((tag, U(v)));
                }
            }
            public.push((67, S("1.0")));
            public.push((32, U(1)));
            public.push((22, U(1)));
            public.push((23, S("x")));
        }
        243 => {
            vendor_name = "riscv";
            public.push((5, S("rv64i2p1_m2p0_a2p1")));
            public.push((4, U(16)));
            for v in [0, 1, 2] {
                public.push((6, U(v)));
            }
            public.push((8, U(1)));
            public.push((10, U(11)));
            public.push((12, U(0)));
            public.push((7, S("odd")));
            public.push((14, U(3)));
        }
        _ => {
            vendor_name = "gnu";
            for v in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 0x1f, 300] {
                public.push((4, U(v)));
                public.push((8, U(v)));
                public.push((12, U(v)));
            }
            public.push((32, U(2)));
            public.push((0, S("ABI")));
            public.push((5, S("five")));
            public.push((6, U(6)));
            public.push((2, U(7)));
            public.push((3, S("three")));
        }
    }
    let body = attrs(&public);
    let numlist = [uleb(1), uleb(200), uleb(0)].concat();
    let good_vendor = vendor(
        big,
        vendor_name,
        &[
            subsection(big, 1, &body),
            subsection(big, 2, &[numlist.clone(), body.clone()].concat()),
            subsection(big, 3, &[numlist, attrs(&[(5, S("x"))])].concat()),
            subsection(big, 9, &[1, 2, 3]),
            subsection(big, 1, &body[..body.len().min(7)]),
        ],
    );
    let gnu_vendor = vendor(
        big,
        "gnu",
        &[subsection(
            big,
            1,
            &attrs(&[
                (32, U(0)),
                (0, S("me")),
                (4, U(1)),
                (9, S("nine")),
                (10, U(10)),
            ]),
        )],
    );
    let other = vendor(
        big,
        "acme\x01",
        &[subsection(big, 1, b"0123456789abcdefghij")],
    );
    let good = [b"A".to_vec(), good_vendor.clone(), gnu_vendor, other].concat();

    let mut corrupt = Vec::new();
    corrupt.push(b"B\x01\x02".to_vec());
    let mut too_long = good.clone();
    too_long[1..5].copy_from_slice(&u32s(big, &[0xffff]));
    corrupt.push(too_long);
    corrupt.push([b"A".to_vec(), u32s(big, &[3]), b"gnu\0".to_vec()].concat());
    corrupt.push([b"A".to_vec(), u32s(big, &[9]), b"abcdefgh".to_vec()].concat());
    let mut bad_sub = good_vendor.clone();
    let sub_at = 4 + vendor_name.len() + 1 + 1;
    bad_sub[sub_at..sub_at + 4].copy_from_slice(&u32s(big, &[0x7fff]));
    corrupt.push([b"A".to_vec(), bad_sub.clone()].concat());
    bad_sub[sub_at..sub_at + 4].copy_from_slice(&u32s(big, &[3]));
    corrupt.push([b"A".to_vec(), bad_sub].concat());
    // A string tag running to the end of its subsection.
    let tail = vendor(big, vendor_name, &[subsection(big, 1, &[5, b'a', b'b'])]);
    corrupt.push([b"A".to_vec(), tail].concat());
    let tail = vendor(big, "gnu", &[subsection(big, 1, &[32, 1])]);
    corrupt.push([b"A".to_vec(), tail].concat());
    let mut all = vec![good];
    all.extend(corrupt);
    all
}

#[test]
fn attribute_sections_match_readelf() {
    const SHT_GNU_ATTRIBUTES: u32 = 0x6fff_fff5;
    const SHT_ARM_ATTRIBUTES: u32 = 0x7000_0003;
    const SHT_RISCV_ATTRIBUTES: u32 = 0x7000_0003;
    // (object architecture, endianness, e_machine to patch in, section type)
    let cases: &[(Architecture, Endianness, u16, u32)] = &[
        (Architecture::I386, Endianness::Little, 105, 0x7000_0003),
        (Architecture::I386, Endianness::Little, 140, 0x7000_0003),
        (Architecture::PowerPc, Endianness::Big, 140, 0x7000_0003),
        (Architecture::I386, Endianness::Little, 45, 0x7000_0001),
        (Architecture::I386, Endianness::Little, 195, 0x7000_0001),
        (Architecture::I386, Endianness::Little, 252, 0x7000_0001),
        (
            Architecture::Arm,
            Endianness::Little,
            40,
            SHT_ARM_ATTRIBUTES,
        ),
        (
            Architecture::Riscv64,
            Endianness::Little,
            243,
            SHT_RISCV_ATTRIBUTES,
        ),
        (
            Architecture::PowerPc,
            Endianness::Big,
            20,
            SHT_GNU_ATTRIBUTES,
        ),
        (
            Architecture::PowerPc64,
            Endianness::Little,
            21,
            SHT_GNU_ATTRIBUTES,
        ),
        (Architecture::S390x, Endianness::Big, 22, SHT_GNU_ATTRIBUTES),
        (
            Architecture::PowerPc,
            Endianness::Big,
            4,
            SHT_GNU_ATTRIBUTES,
        ),
        (
            Architecture::PowerPc,
            Endianness::Big,
            2,
            SHT_GNU_ATTRIBUTES,
        ),
        (
            Architecture::PowerPc64,
            Endianness::Big,
            43,
            SHT_GNU_ATTRIBUTES,
        ),
        (Architecture::Mips, Endianness::Big, 8, SHT_GNU_ATTRIBUTES),
        (
            Architecture::X86_64,
            Endianness::Little,
            62,
            SHT_GNU_ATTRIBUTES,
        ),
        (
            Architecture::Aarch64,
            Endianness::Little,
            183,
            SHT_GNU_ATTRIBUTES,
        ),
    ];
    for &(arch, endian, machine, sh_type) in cases {
        let big = endian == Endianness::Big;
        for (n, contents) in attribute_sections(big, machine).into_iter().enumerate() {
            let mut obj = Object::new(BinaryFormat::Elf, arch, endian);
            let id = obj.add_section(Vec::new(), b".attrs".to_vec(), SectionKind::Other);
            obj.section_mut(id).flags = object::SectionFlags::Elf {
                sh_type: object::elf::SectionType(sh_type),
                sh_flags: object::elf::SectionFlags(0),
            };
            obj.append_section_data(id, &contents, 1);
            let mut bytes = obj.write().unwrap();
            // e_machine is at offset 18 in both classes.
            let m = if big {
                machine.to_be_bytes()
            } else {
                machine.to_le_bytes()
            };
            bytes[18..20].copy_from_slice(&m);
            assert_same(
                &bytes,
                &[&["-A"], &["-AW"]],
                &format!("machine {machine} case {n}"),
            );
        }
    }
}

/// Sets `sh_link` and `sh_entsize` of the section called `name` (the
/// `object` writer has no field for them on ordinary sections).
fn patch_section(bytes: &mut [u8], name: &str, link: u32, entsize: u64) {
    use object::{Object as _, ObjectSection as _};
    let file = object::File::parse(&*bytes).unwrap();
    let index = file.section_by_name(name).unwrap().index().0;
    let is_64 = file.is_64();
    let big = !file.is_little_endian();
    let rd = |at: usize, n: usize| -> u64 {
        let b = &bytes[at..at + n];
        let mut v = 0u64;
        for k in 0..n {
            let byte = if big { b[k] } else { b[n - 1 - k] };
            v = (v << 8) | u64::from(byte);
        }
        v
    };
    let (shoff, shentsize) = if is_64 {
        (rd(0x28, 8) as usize, rd(0x3a, 2) as usize)
    } else {
        (rd(0x20, 4) as usize, rd(0x2e, 2) as usize)
    };
    let h = shoff + index * shentsize;
    let (link_at, ent_at, ent_len) = if is_64 {
        (h + 40, h + 56, 8)
    } else {
        (h + 24, h + 36, 4)
    };
    let put = |bytes: &mut [u8], at: usize, v: u64, n: usize| {
        for k in 0..n {
            let shift = 8 * if big { n - 1 - k } else { k };
            bytes[at + k] = (v >> shift) as u8;
        }
    };
    put(bytes, link_at, u64::from(link), 4);
    put(bytes, ent_at, entsize, ent_len);
}

#[test]
fn gnu_liblist_and_nds32_flags_match_readelf() {
    for (arch, endian) in targets() {
        let big = endian == Endianness::Big;
        let mut obj = Object::new(BinaryFormat::Elf, arch, endian);
        let strs = obj.add_section(Vec::new(), b".liblist.str".to_vec(), SectionKind::Other);
        obj.section_mut(strs).flags = object::SectionFlags::Elf {
            sh_type: object::elf::SectionType(3),
            sh_flags: object::elf::SectionFlags(0),
        };
        obj.append_section_data(strs, b"\0libc.so.6\0a-library-with-a-long-name.so.1\0", 1);
        let list = obj.add_section(Vec::new(), b".gnu.liblist".to_vec(), SectionKind::Other);
        obj.section_mut(list).flags = object::SectionFlags::Elf {
            sh_type: object::elf::SectionType(0x6fff_fff7),
            sh_flags: object::elf::SectionFlags(0),
        };
        let mut entries = Vec::new();
        for (name, time, sum, ver, flags) in [
            (1u32, 1_700_000_000u32, 0x1234_5678u32, 0u32, 0u32),
            (12, 0, 0, 3, 0x21),
            (999, 86_399, 1, 1, 1),
        ] {
            entries.extend(u32s(big, &[name, time, sum, ver, flags]));
        }
        obj.append_section_data(list, &entries, 4);
        let flags = obj.add_section(Vec::new(), b".nds32_e_flags".to_vec(), SectionKind::Other);
        obj.append_section_data(flags, &u32s(big, &[2]), 4);
        let mut bytes = obj.write().unwrap();
        let strs_index = {
            use object::{Object as _, ObjectSection as _};
            let f = object::File::parse(&*bytes).unwrap();
            let i = f.section_by_name(".liblist.str").unwrap().index().0;
            i as u32
        };
        patch_section(&mut bytes, ".gnu.liblist", strs_index, 20);
        assert_same(&bytes, &[&["-A"], &["-AW"]], &format!("liblist {arch:?}"));
        // The same file as NDS32 (e_machine 167) shows its flags section too.
        let m: u16 = 167;
        bytes[18..20].copy_from_slice(&if big {
            m.to_be_bytes()
        } else {
            m.to_le_bytes()
        });
        assert_same(&bytes, &[&["-A"]], &format!("nds32 {arch:?}"));
    }
}

/// A malformed note stops the walk: `relf notes` prints what readelf prints,
/// warns on stderr and exits as readelf does (as the readelf front end).
#[test]
fn damaged_notes_warn_and_still_match_readelf() {
    let mut notes = note(false, b"GNU\0", 3, &[1, 2, 3, 4]);
    notes.extend(note(false, b"GNU\0", 3, &[5, 6, 7, 8]));
    notes[16 + 4..16 + 8].copy_from_slice(&u32s(false, &[0xffff]));
    let core = core_file(true, false, &notes, 4);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("core");
    std::fs::write(&path, &core).unwrap();
    let out = relf().arg("notes").arg(&path).output().unwrap();
    let theirs = std::process::Command::new("readelf")
        .arg("-nW")
        .arg(&path)
        .output()
        .expect("GNU readelf must be installed (binutils)");
    assert_eq!(out.status.code(), theirs.status.code());
    assert_eq!(out.stdout, readelf(&["-nW"], &path));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: note with invalid namesz and/or descsz found at offset 0x14"),
        "{stderr}"
    );
    let out = relf().args(["readelf", "-nW"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}
