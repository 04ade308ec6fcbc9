//! Unit tests on hand-built ELF files. The pre-1.18 pointer layout cannot be
//! produced by the installed go1.19 toolchain, so these files lay it out by
//! hand from Go's documented format (the comment in `readRawBuildInfo` and
//! cmd/link/internal/ld `(*Link).buildinfo` of Go 1.13-1.17): a 32-byte
//! header whose bytes 16.. hold the addresses of the Go string headers
//! `{data, len}` of runtime.buildVersion and runtime.modinfo.

use super::*;
use crate::elf::header::ByteOrder;

const BASE: u64 = 0x40_0000;
const SEG_OFF: u64 = 0x200;

/// A small ELF writer: one file header, program headers, optionally
/// `.go.buildinfo` + `.shstrtab` sections, and one RW data segment.
struct Synth {
    is_64: bool,
    big: bool,
    with_sections: bool,
    /// Extra bytes of `p_filesz` beyond the file (to provoke EOF).
    filesz_extra: u64,
    /// Bytes of the data segment (placed at file offset `SEG_OFF`).
    segment: Vec<u8>,
}

impl Synth {
    fn new(is_64: bool, big: bool) -> Synth {
        Synth {
            is_64,
            big,
            with_sections: true,
            filesz_extra: 0,
            segment: Vec::new(),
        }
    }

    fn word(&self, out: &mut Vec<u8>, v: u64, width: usize) {
        let bytes = v.to_be_bytes();
        let b = &bytes[8 - width..];
        if self.big {
            out.extend_from_slice(b);
        } else {
            out.extend(b.iter().rev());
        }
    }

    fn addr(&self, out: &mut Vec<u8>, v: u64) {
        self.word(out, v, if self.is_64 { 8 } else { 4 });
    }

    fn vaddr(&self) -> u64 {
        BASE + SEG_OFF
    }

    fn build(&self) -> Vec<u8> {
        let mut f = Vec::new();
        let (ehsize, phentsize, shentsize) = if self.is_64 {
            (64u64, 56u64, 64u64)
        } else {
            (52, 32, 40)
        };
        let phoff = ehsize;
        let seg_len = self.segment.len() as u64;
        let shstrtab = b"\0.go.buildinfo\0.shstrtab\0";
        let strtab_off = SEG_OFF + seg_len;
        let shoff = (strtab_off + shstrtab.len() as u64 + 7) & !7;
        let shnum = if self.with_sections { 3 } else { 0 };
        // e_ident
        f.extend_from_slice(b"\x7fELF");
        f.push(if self.is_64 { 2 } else { 1 });
        f.push(if self.big { 2 } else { 1 });
        f.push(1);
        f.resize(16, 0);
        self.word(&mut f, 2, 2); // e_type EXEC
        self.word(&mut f, if self.is_64 { 62 } else { 3 }, 2);
        self.word(&mut f, 1, 4); // e_version
        self.addr(&mut f, BASE); // e_entry
        self.addr(&mut f, phoff);
        self.addr(&mut f, if self.with_sections { shoff } else { 0 });
        self.word(&mut f, 0, 4); // e_flags
        self.word(&mut f, ehsize, 2);
        self.word(&mut f, phentsize, 2);
        self.word(&mut f, 1, 2); // e_phnum
        self.word(&mut f, shentsize, 2);
        self.word(&mut f, shnum, 2);
        self.word(&mut f, if self.with_sections { 2 } else { 0 }, 2);
        assert_eq!(f.len() as u64, ehsize);
        // One PT_LOAD, RW.
        let filesz = seg_len + self.filesz_extra;
        self.word(&mut f, 1, 4);
        if self.is_64 {
            self.word(&mut f, 6, 4); // p_flags
            for v in [SEG_OFF, self.vaddr(), self.vaddr(), filesz, filesz, 0x1000] {
                self.word(&mut f, v, 8);
            }
        } else {
            for v in [SEG_OFF, self.vaddr(), self.vaddr(), filesz, filesz] {
                self.word(&mut f, v, 4);
            }
            self.word(&mut f, 6, 4);
            self.word(&mut f, 0x1000, 4);
        }
        f.resize(SEG_OFF as usize, 0);
        f.extend_from_slice(&self.segment);
        if self.with_sections {
            f.extend_from_slice(shstrtab);
            f.resize(shoff as usize, 0);
            let sections = [
                (0u64, 0u64, 0u64, 0u64, 0u64),
                (1, 1, self.vaddr(), SEG_OFF, seg_len), // .go.buildinfo PROGBITS
                (15, 3, 0, strtab_off, shstrtab.len() as u64), // .shstrtab
            ];
            for (name, ty, addr, off, size) in sections {
                self.word(&mut f, name, 4);
                self.word(&mut f, ty, 4);
                self.addr(&mut f, if ty == 1 { 3 } else { 0 }); // flags WA
                self.addr(&mut f, addr);
                self.addr(&mut f, off);
                self.addr(&mut f, size);
                self.word(&mut f, 0, 4);
                self.word(&mut f, 0, 4);
                self.addr(&mut f, 1);
                self.addr(&mut f, 0);
            }
        }
        f
    }
}

fn framed(modinfo: &str) -> Vec<u8> {
    let mut v = MODINFO_START.to_vec();
    v.extend_from_slice(modinfo.as_bytes());
    v.extend_from_slice(&MODINFO_END);
    v
}

const MODINFO: &str = "path\texample.com/old\nmod\texample.com/old\t(devel)\t\ndep\tgolang.org/x/text\tv0.3.7\th1:olSH=\n";

/// A Go 1.13-1.17 blob: header with two pointers, then the two string
/// headers, then the string bytes.
fn pointer_segment(s: &Synth, version: &str, modinfo: &[u8], flags: u8) -> Vec<u8> {
    let ptr = if s.is_64 { 8u64 } else { 4 };
    let base = s.vaddr();
    let headers = base + 32;
    let vers_data = headers + 4 * ptr;
    let mod_data = vers_data + version.len() as u64;
    let mut seg = BUILD_INFO_MAGIC.to_vec();
    seg.push(ptr as u8);
    seg.push(flags);
    s.addr(&mut seg, headers);
    s.addr(&mut seg, headers + 2 * ptr);
    seg.resize(32, 0);
    for (data, len) in [
        (vers_data, version.len() as u64),
        (mod_data, modinfo.len() as u64),
    ] {
        s.addr(&mut seg, data);
        s.addr(&mut seg, len);
    }
    seg.extend_from_slice(version.as_bytes());
    seg.extend_from_slice(modinfo);
    seg
}

fn uvarint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A Go >= 1.18 blob.
fn inline_segment(ptr: u8, big: bool, version: &[u8], modinfo: &[u8]) -> Vec<u8> {
    let mut seg = BUILD_INFO_MAGIC.to_vec();
    seg.push(ptr);
    seg.push(FLAG_INLINE | u8::from(big));
    seg.resize(32, 0);
    uvarint(&mut seg, version.len() as u64);
    seg.extend_from_slice(version);
    uvarint(&mut seg, modinfo.len() as u64);
    seg.extend_from_slice(modinfo);
    seg.extend_from_slice(&[0; 16]);
    seg
}

#[test]
fn pointer_layout_every_class_and_byte_order() {
    for (is_64, big) in [(true, false), (true, true), (false, false), (false, true)] {
        for with_sections in [true, false] {
            let mut s = Synth::new(is_64, big);
            s.with_sections = with_sections;
            s.segment = pointer_segment(&s, "go1.17.13", &framed(MODINFO), u8::from(big));
            let file = s.build();
            let info = read_build_info(&file).unwrap_or_else(|e| panic!("{is_64} {big}: {e}"));
            assert_eq!(info.go_version, b"go1.17.13");
            assert_eq!(info.pointer_size, if is_64 { 8 } else { 4 });
            let order = if big {
                ByteOrder::Big
            } else {
                ByteOrder::Little
            };
            assert_eq!(info.layout, BuildInfoLayout::Pointers { byte_order: order });
            assert_eq!(info.address, s.vaddr());
            assert_eq!(info.offset, SEG_OFF);
            assert_eq!(info.modinfo, MODINFO.as_bytes());
            assert_eq!(info.modules.main.path, b"example.com/old");
            assert_eq!(info.modules.deps[0].sum, b"h1:olSH=");
            assert_eq!(info.modinfo_error, None);
        }
    }
}

#[test]
fn pointer_layout_read_with_the_wrong_byte_order_finds_nothing() {
    // A big-endian file whose flags say little-endian: the pointers read
    // as garbage addresses, the version reads empty: not a Go executable.
    let mut s = Synth::new(true, true);
    s.segment = pointer_segment(&s, "go1.16", &framed(MODINFO), 0);
    let err = read_build_info(&s.build()).unwrap_err();
    assert_eq!(
        err,
        GoBuildInfoError::NotGoExecutable {
            reason: NotGoReason::EmptyVersion
        }
    );
}

#[test]
fn pointer_layout_without_module_info() {
    // A GOPATH build (Go < 1.18): runtime.modinfo is empty.
    let mut s = Synth::new(false, false);
    s.segment = pointer_segment(&s, "go1.15", b"", 0);
    let info = read_build_info(&s.build()).unwrap();
    assert_eq!(info.go_version, b"go1.15");
    assert!(info.modinfo.is_empty());
    assert_eq!(info.modules, ModuleInfo::default());
}

#[test]
fn pointer_sizes_go_would_panic_on_are_errors() {
    let mut s = Synth::new(true, false);
    let mut seg = pointer_segment(&s, "go1.16", &framed(MODINFO), 0);
    seg[14] = 2; // readPtr reads 8 bytes from a 4-byte string header
    s.segment = seg;
    assert_eq!(
        read_build_info(&s.build()).unwrap_err(),
        GoBuildInfoError::BadPointerSize { pointer_size: 2 }
    );
}

#[test]
fn inline_layout_and_framing() {
    for (is_64, big) in [(true, false), (false, true)] {
        let mut s = Synth::new(is_64, big);
        s.segment = inline_segment(8, big, b"go1.19.8", &framed(MODINFO));
        let info = read_build_info(&s.build()).unwrap();
        assert_eq!(info.layout, BuildInfoLayout::Inline);
        assert_eq!(info.byte_order() == ByteOrder::Big, big);
        assert_eq!(info.modinfo, MODINFO.as_bytes());
    }
    // Unframed module info (no newline before the end sentinel) is dropped.
    let mut s = Synth::new(true, false);
    s.segment = inline_segment(8, false, b"go1.19.8", &framed("path\tx"));
    assert!(read_build_info(&s.build()).unwrap().modinfo.is_empty());
}

#[test]
fn decode_string_rejects_a_string_that_fills_the_rest() {
    assert_eq!(decode_string(&[3, b'a', b'b', b'c', 0]).0, b"abc");
    // Go: u >= len(data)-n -> empty.
    assert_eq!(decode_string(&[3, b'a', b'b', b'c']).0, b"");
    assert_eq!(decode_string(&[0x80]).0, b"");
}

#[test]
fn magic_must_be_aligned_with_room_for_a_header() {
    let mut s = Synth::new(true, false);
    // A misaligned magic (offset 5) before the real, aligned header.
    let mut seg = vec![0u8; 5];
    seg.extend_from_slice(BUILD_INFO_MAGIC);
    seg.resize(48, 0);
    seg.extend(inline_segment(8, false, b"go1.20", &framed(MODINFO)));
    s.segment = seg;
    let info = read_build_info(&s.build()).unwrap();
    assert_eq!(info.address, s.vaddr() + 48);
    assert_eq!(info.go_version, b"go1.20");

    // An aligned magic with fewer than 32 bytes after it.
    let mut seg = vec![0u8; 16];
    seg.extend_from_slice(BUILD_INFO_MAGIC);
    seg.extend_from_slice(&[8, 2, 0, 0]);
    s.segment = seg;
    assert!(matches!(
        read_build_info(&s.build()),
        Err(GoBuildInfoError::NotGoExecutable {
            reason: NotGoReason::NoHeader { .. }
        })
    ));
}

#[test]
fn segment_past_end_of_file_is_eof() {
    let mut s = Synth::new(true, false);
    s.with_sections = false;
    s.segment = inline_segment(8, false, b"go1.19.8", &framed(MODINFO));
    s.filesz_extra = 0x10_0000;
    assert!(matches!(
        read_build_info(&s.build()),
        Err(GoBuildInfoError::Eof { .. })
    ));
}

#[test]
fn formats_go_rejects() {
    assert!(matches!(
        read_build_info(b"#!/bin/sh\necho hi\n"),
        Err(GoBuildInfoError::UnrecognizedFormat {
            reason: FormatProblem::UnknownMagic
        })
    ));
    assert!(matches!(
        read_build_info(b"\x7fELF"),
        Err(GoBuildInfoError::UnrecognizedFormat {
            reason: FormatProblem::TooShort { len: 4 }
        })
    ));
    assert_eq!(
        read_build_info(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0").unwrap_err(),
        GoBuildInfoError::UnsupportedFormat { format: "PE" }
    );
    let mut s = Synth::new(true, false);
    s.segment = inline_segment(8, false, b"go1.19.8", &framed(MODINFO));
    let good = s.build();
    // e_shstrndx out of range.
    let mut bad = good.clone();
    bad[62] = 9;
    assert!(matches!(
        read_build_info(&bad),
        Err(GoBuildInfoError::UnrecognizedFormat {
            reason: FormatProblem::ElfHeader { .. }
        })
    ));
    // EI_VERSION 0.
    let mut bad = good.clone();
    bad[6] = 0;
    assert!(read_build_info(&bad).is_err());
}

#[test]
fn truncated_and_mutated_files_never_panic() {
    let mut files = Vec::new();
    for (is_64, big) in [(true, false), (false, true)] {
        let mut s = Synth::new(is_64, big);
        s.segment = pointer_segment(&s, "go1.16", &framed(MODINFO), u8::from(big));
        files.push(s.build());
        s.segment = inline_segment(8, big, b"go1.19.8", &framed(MODINFO));
        files.push(s.build());
    }
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for file in &files {
        for len in 0..file.len() {
            let _ = read_build_info(&file[..len]);
        }
        for _ in 0..2000 {
            let mut m = file.clone();
            for _ in 0..1 + next() % 4 {
                let at = (next() % m.len() as u64) as usize;
                m[at] = next() as u8;
            }
            let _ = read_build_info(&m);
        }
    }
}

#[test]
fn go_note_is_found() {
    let mut notes = Vec::new();
    // A GNU build-id note first, then Go's.
    for (name, ty, desc) in [
        (&b"GNU\0"[..], 3u32, &b"\x01\x02\x03\x04"[..]),
        (&b"Go\0\0"[..], 4, &b"abc/def"[..]),
    ] {
        notes.extend_from_slice(&(name.len() as u32).to_le_bytes());
        notes.extend_from_slice(&(desc.len() as u32).to_le_bytes());
        notes.extend_from_slice(&ty.to_le_bytes());
        notes.extend_from_slice(name);
        notes.extend_from_slice(desc);
        while notes.len() % 4 != 0 {
            notes.push(0);
        }
    }
    assert_eq!(
        find_go_note(&notes, ByteOrder::Little, 4),
        Some(&b"abc/def"[..])
    );
    assert_eq!(find_go_note(&notes[..30], ByteOrder::Little, 4), None);
}

#[test]
fn committed_go_fixture() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/fixtures/go-static");
    let data = std::fs::read(path).unwrap();
    let info = read_build_info(&data).unwrap();
    assert_eq!(info.go_version, b"go1.19.8");
    assert_eq!(info.layout, BuildInfoLayout::Inline);
    assert_eq!(info.pointer_size, 8);
    assert_eq!(info.modules.path, b"command-line-arguments");
    assert_eq!(info.modules.setting(b"CGO_ENABLED"), Some(&b"0"[..]));
    let elf = ElfFile::parse(&data).unwrap();
    // Linked with -buildid= : no build ID note.
    assert_eq!(elf.go_build_id(), None);
}
