//! Which C library a file was built for, with the evidence and a confidence,
//! and whether it is a Go program (pure Go, or cgo on top of a libc).
//!
//! Signals, strongest first (the README has the full table):
//!
//! - dynamic files name their libc: the interpreter (`ld-linux*`, `ld64.so*`,
//!   `ld.so.1` glibc; `ld-musl-*` musl; `/system/bin/linker*` bionic;
//!   `ld-uClibc*` uClibc), `DT_NEEDED` (`libc.so.6` glibc; `libc.so` or
//!   `libc.musl-*` musl; `libc.so.0` uClibc), `GLIBC_*` version needs, an
//!   `Android` note (bionic), or the file *is* the libc (`SONAME`
//!   `libc.so.6` / defines `GLIBC_2.x`; musl's usage banner);
//! - static glibc leaves sections only its libc.a creates
//!   (`__libc_freeres_fn`, `__libc_subfreeres`, `__libc_IO_vtables`,
//!   `__libc_atexit`, `__libc_freeres_ptrs`), strings (`GLIBC_TUNABLES`,
//!   "Fatal glibc error"), symbols (`_dl_relocate_static_pie`,
//!   `__libc_setup_tls`, `_dl_aux_init`), and weaker: an `NT_GNU_ABI_TAG`
//!   note (from glibc's crt1.o); `EI_OSABI` GNU (IFUNCs) only corroborates:
//!   firmware, bare-metal and non-Linux toolchains set it too, so alone it
//!   leaves the verdict `unknown` (issue 14, item 5);
//! - static musl has symbols of its own start-up (`__init_libc`,
//!   `__libc_start_init`, `libc_start_main_stage2`, `__init_tp`,
//!   `__copy_tls`), and once stripped only its x86-64 `.init` section, which
//!   musl's crti.s/crtn.s make exactly `push %rax; pop %rax; ret`
//!   (`50 58 c3`, glibc's is 0x1b bytes), together with the absence of
//!   every glibc sign;
//! - Go: `.go.buildinfo` (version, main module, `CGO_ENABLED`) or the Go
//!   build ID note.

use crate::elf::header::EM_X86_64;
use crate::elf::ElfFile;

use super::scan;
use super::Evidence;

/// A C library family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibcVariant {
    Glibc,
    Musl,
    Bionic,
    Uclibc,
    /// Built without a C library (pure Go).
    None,
    /// No signal found.
    Unknown,
}

impl LibcVariant {
    /// relf's identifier (JSON): `glibc`, `musl`, `bionic`, `uclibc`,
    /// `none`, `unknown`.
    pub fn id(self) -> &'static str {
        match self {
            LibcVariant::Glibc => "glibc",
            LibcVariant::Musl => "musl",
            LibcVariant::Bionic => "bionic",
            LibcVariant::Uclibc => "uclibc",
            LibcVariant::None => "none",
            LibcVariant::Unknown => "unknown",
        }
    }

    /// The words for people.
    pub fn name(self) -> &'static str {
        match self {
            LibcVariant::Glibc => "glibc",
            LibcVariant::Musl => "musl",
            LibcVariant::Bionic => "bionic",
            LibcVariant::Uclibc => "uclibc",
            LibcVariant::None => "no libc",
            LibcVariant::Unknown => "libc unknown",
        }
    }
}

/// How sure the verdict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// Only the absence of other signs, or a sign shared by several.
    Low,
    /// One indirect sign (an ABI tag note, a code pattern).
    Medium,
    /// The file names its libc, or carries that libc's own symbols,
    /// sections or strings.
    High,
}

impl Confidence {
    pub fn id(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// The libc verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibcFacts {
    pub variant: LibcVariant,
    pub confidence: Confidence,
    /// Every signal seen, whatever it pointed to.
    pub evidence: Vec<Evidence>,
}

/// What a Go binary says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoFacts {
    /// `go1.19.8`; `None` when only the build ID note was found.
    pub version: Option<String>,
    /// The main module's path (or the main package's outside module mode).
    pub main_path: Option<String>,
    /// The main module's version (`(devel)` for local builds).
    pub main_version: Option<String>,
    /// The `CGO_ENABLED` build setting, when recorded (Go >= 1.18).
    pub cgo_enabled: Option<bool>,
    /// Linked against a C library (a libc was found: cgo, or a Go
    /// c-shared/c-archive); `CGO_ENABLED=1` alone does not link one.
    pub cgo: bool,
    pub evidence: Vec<Evidence>,
}

/// Per-variant tally of signals.
#[derive(Default)]
struct Votes {
    strong: Vec<(LibcVariant, Evidence)>,
    weak: Vec<(LibcVariant, Evidence)>,
    /// Signs that never decide on their own and only corroborate (or, when
    /// they disagree, weaken) a weak verdict: `EI_OSABI` GNU, which binutils
    /// sets for any IFUNC, `STB_GNU_UNIQUE`, `SHF_GNU_RETAIN` or mbind section
    /// whatever the target libc (bfd/elf.c `_bfd_elf_init_file_header`,
    /// `has_gnu_osabi`), so firmware and bare-metal images carry it too.
    hint: Vec<(LibcVariant, Evidence)>,
}

impl Votes {
    fn strong(&mut self, v: LibcVariant, signal: &'static str, detail: impl Into<String>) {
        self.strong
            .push((v, Evidence::new(signal, detail).pointing(v)));
    }
    fn weak(&mut self, v: LibcVariant, signal: &'static str, detail: impl Into<String>) {
        self.weak
            .push((v, Evidence::new(signal, detail).pointing(v)));
    }
    fn hint(&mut self, v: LibcVariant, signal: &'static str, detail: impl Into<String>) {
        self.hint
            .push((v, Evidence::new(signal, detail).pointing(v)));
    }
}

/// The interpreter's family from its file name.
fn interp_variant(interp: &[u8]) -> Option<LibcVariant> {
    let base = interp.rsplit(|&b| b == b'/').next().unwrap_or(interp);
    if base.starts_with(b"ld-musl-") {
        Some(LibcVariant::Musl)
    } else if base.starts_with(b"ld-uClibc") {
        Some(LibcVariant::Uclibc)
    } else if interp.starts_with(b"/system/bin/linker") {
        Some(LibcVariant::Bionic)
    } else if base.starts_with(b"ld-linux") || base.starts_with(b"ld64.so") || base == b"ld.so.1" {
        Some(LibcVariant::Glibc)
    } else {
        None
    }
}

fn needed_variant(name: &[u8]) -> Option<LibcVariant> {
    match name {
        b"libc.so.6" | b"libc.so.6.1" => Some(LibcVariant::Glibc),
        b"libc.so" => Some(LibcVariant::Musl),
        b"libc.so.0" | b"libc.so.1" => Some(LibcVariant::Uclibc),
        n if n.starts_with(b"libc.musl-") => Some(LibcVariant::Musl),
        n if n.starts_with(b"ld-uClibc") => Some(LibcVariant::Uclibc),
        _ => None,
    }
}

const GLIBC_SECTIONS: &[&[u8]] = &[
    b"__libc_freeres_fn",
    b"__libc_subfreeres",
    b"__libc_IO_vtables",
    b"__libc_atexit",
    b"__libc_freeres_ptrs",
];
const GLIBC_SYMBOLS: &[&[u8]] = &[
    b"_dl_relocate_static_pie",
    b"__libc_setup_tls",
    b"_dl_aux_init",
    b"__libc_start_call_main",
    b"__libc_csu_init",
];
const GLIBC_STRINGS: &[&[u8]] = &[b"GLIBC_TUNABLES", b"Fatal glibc error", b"GNU C Library"];
const MUSL_SYMBOLS: &[&[u8]] = &[
    b"__init_libc",
    b"__libc_start_init",
    b"libc_start_main_stage2",
    b"__init_tp",
    b"__copy_tls",
];

/// Classifies `elf` (whose bytes are `data`); `go` is the Go verdict, if any.
pub(crate) fn classify(elf: &ElfFile, data: &[u8], go: Option<&GoFacts>) -> LibcFacts {
    let mut votes = Votes::default();
    let interp = elf.interpreter();
    if let Some(i) = interp {
        if let Some(v) = interp_variant(i) {
            votes.strong(v, "PT_INTERP", String::from_utf8_lossy(i));
        }
    }
    let dynamic = elf.dynamic();
    if let Some(d) = dynamic {
        for n in d.needed() {
            if let Some(v) = needed_variant(n) {
                votes.strong(v, "DT_NEEDED", String::from_utf8_lossy(n));
            }
        }
        match d.soname() {
            Some(b"libc.so.6") => votes.strong(LibcVariant::Glibc, "DT_SONAME", "libc.so.6"),
            Some(s) if s.starts_with(b"ld-linux") => {
                votes.strong(LibcVariant::Glibc, "DT_SONAME", String::from_utf8_lossy(s));
            }
            _ => {}
        }
    }
    let needs = super::glibc_needs::version_needs(elf);
    if let Some(max) = super::glibc_needs::max_needed(&needs, "GLIBC") {
        votes.strong(
            LibcVariant::Glibc,
            "version need",
            format!("GLIBC_{max} (highest)"),
        );
    }
    let defined = super::glibc_needs::defined_versions(elf);
    if let Some(max) = super::glibc_needs::max_defined_glibc(&defined) {
        votes.strong(
            LibcVariant::Glibc,
            "version definition",
            format!("defines GLIBC_{max}"),
        );
    }
    let notes = elf.notes();
    if notes.iter().any(|n| n.owner() == Some(b"Android")) {
        votes.strong(LibcVariant::Bionic, "note", "Android");
    }

    // Bionic libraries and programs also need "libc.so": with a bionic
    // sign present, that name is bionic's, not musl's.
    if votes.strong.iter().any(|(v, _)| *v == LibcVariant::Bionic) {
        for (v, e) in votes.strong.iter_mut() {
            if *v == LibcVariant::Musl && e.signal == "DT_NEEDED" && e.detail == "libc.so" {
                *v = LibcVariant::Bionic;
                e.points_to = Some(LibcVariant::Bionic);
            }
        }
    }

    // The dynamic signals decide; byte-level signs are looked for only when
    // they are silent (static programs, libraries without a libc).
    if votes.strong.is_empty() {
        static_signals(elf, data, &mut votes);
    }

    let (variant, confidence) = verdict(&votes, interp.and_then(interp_variant), go);
    let mut evidence: Vec<Evidence> = votes.strong.into_iter().map(|(_, e)| e).collect();
    evidence.extend(votes.weak.into_iter().map(|(_, e)| e));
    evidence.extend(votes.hint.into_iter().map(|(_, e)| e));
    if variant == LibcVariant::Musl && !evidence.iter().any(|e| e.signal != ".init") {
        evidence.push(Evidence::new(
            "absence",
            "no glibc section, symbol, string, ABI tag note or GNU OSABI",
        ));
    }
    if variant == LibcVariant::None {
        evidence.push(Evidence::new("Go", "no libc signal in a Go binary"));
    }
    LibcFacts {
        variant,
        confidence,
        evidence,
    }
}

fn static_signals(elf: &ElfFile, data: &[u8], votes: &mut Votes) {
    for s in elf.section_headers() {
        if let Some(name) = elf.section_name(s) {
            if GLIBC_SECTIONS.contains(&name) {
                votes.strong(LibcVariant::Glibc, "section", String::from_utf8_lossy(name));
            }
        }
    }
    let mut glibc_syms = Vec::new();
    let mut musl_syms = Vec::new();
    scan::for_each_symbol(elf, |name, _, _| {
        if GLIBC_SYMBOLS.contains(&name)
            && !glibc_syms.iter().any(|n: &String| n.as_bytes() == name)
        {
            glibc_syms.push(String::from_utf8_lossy(name).into_owned());
        }
        if MUSL_SYMBOLS.contains(&name) && !musl_syms.iter().any(|n: &String| n.as_bytes() == name)
        {
            musl_syms.push(String::from_utf8_lossy(name).into_owned());
        }
    });
    for n in glibc_syms {
        votes.strong(LibcVariant::Glibc, "symbol", n);
    }
    for n in musl_syms {
        votes.strong(LibcVariant::Musl, "symbol", n);
    }
    let parts = scan::read_only_data(elf, data);
    for s in GLIBC_STRINGS {
        if scan::contains(&parts, s) {
            votes.strong(
                LibcVariant::Glibc,
                "string",
                String::from_utf8_lossy(s).into_owned(),
            );
        }
    }
    if scan::contains(&parts, b"musl libc (") {
        votes.strong(LibcVariant::Musl, "string", "musl libc (");
    }
    if let Some(tag) = elf.notes().gnu_abi_tag() {
        votes.weak(
            LibcVariant::Glibc,
            "NT_GNU_ABI_TAG",
            format!(
                "{}, ABI {}.{}.{}",
                tag.os_name(),
                tag.major,
                tag.minor,
                tag.subminor
            ),
        );
    }
    if elf.header.osabi() == 3 {
        votes.hint(
            LibcVariant::Glibc,
            "EI_OSABI",
            "GNU (IFUNC or unique symbols; corroborates only)",
        );
    }
    if elf.header.e_machine == EM_X86_64 {
        if let Some(init) = elf.section_by_name(b".init") {
            if init.file_bytes(data).ok() == Some(&[0x50, 0x58, 0xc3][..]) {
                votes.weak(LibcVariant::Musl, ".init", "50 58 c3 (musl crti.s/crtn.s)");
            }
        }
    }
}

fn verdict(
    votes: &Votes,
    interp: Option<LibcVariant>,
    go: Option<&GoFacts>,
) -> (LibcVariant, Confidence) {
    let pick = |list: &[(LibcVariant, Evidence)]| -> Option<(LibcVariant, bool)> {
        let first = list.first()?.0;
        let agree = list.iter().all(|(v, _)| *v == first);
        // On disagreement the interpreter (what the kernel runs) wins, else
        // the most frequent.
        if agree {
            return Some((first, true));
        }
        if let Some(i) = interp {
            return Some((i, false));
        }
        let mut best = (first, 0);
        for (v, _) in list {
            let n = list.iter().filter(|(w, _)| w == v).count();
            if n > best.1 {
                best = (*v, n);
            }
        }
        Some((best.0, false))
    };
    if let Some((v, agree)) = pick(&votes.strong) {
        let c = if agree {
            Confidence::High
        } else {
            Confidence::Medium
        };
        return (v, c);
    }
    if let Some((v, agree)) = pick(&votes.weak) {
        // A hint that names another libc lowers the confidence; one that
        // agrees changes nothing (it is no evidence of its own).
        let contradicted = votes.hint.iter().any(|(h, _)| *h != v);
        let c = if agree && !contradicted {
            Confidence::Medium
        } else {
            Confidence::Low
        };
        return (v, c);
    }
    if go.is_some() {
        return (LibcVariant::None, Confidence::High);
    }
    (LibcVariant::Unknown, Confidence::Low)
}

/// The Go facts of `elf`, if it is a Go binary.
pub(crate) fn go_facts(elf: &ElfFile) -> Option<GoFacts> {
    let mut evidence = Vec::new();
    let info = elf.go_build_info().ok();
    if info.is_some() {
        evidence.push(Evidence::new("Go build info", ".go.buildinfo header"));
    }
    if elf.go_build_id().is_some() {
        evidence.push(Evidence::new("note", "Go build ID"));
    }
    if evidence.is_empty() {
        return None;
    }
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let (version, main_path, main_version, cgo_enabled) = match &info {
        Some(i) => {
            let path = i.modules.main_module_path();
            let cgo = i.modules.setting(b"CGO_ENABLED").map(|v| v == b"1");
            if let Some(c) = cgo {
                evidence.push(Evidence::new(
                    "Go build setting",
                    format!("CGO_ENABLED={}", u8::from(c)),
                ));
            }
            (
                Some(text(&i.go_version)),
                (!path.is_empty()).then(|| text(path)),
                (!i.modules.main.version.is_empty()).then(|| text(&i.modules.main.version)),
                cgo,
            )
        }
        None => (None, None, None, None),
    };
    Some(GoFacts {
        version,
        main_path,
        main_version,
        cgo_enabled,
        cgo: false,
        evidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpreters() {
        let cases: &[(&[u8], Option<LibcVariant>)] = &[
            (b"/lib64/ld-linux-x86-64.so.2", Some(LibcVariant::Glibc)),
            (b"/lib/ld-linux-aarch64.so.1", Some(LibcVariant::Glibc)),
            (b"/lib64/ld64.so.2", Some(LibcVariant::Glibc)),
            (b"/lib/ld.so.1", Some(LibcVariant::Glibc)),
            (b"/lib/ld-musl-x86_64.so.1", Some(LibcVariant::Musl)),
            (b"/system/bin/linker64", Some(LibcVariant::Bionic)),
            (b"/lib/ld-uClibc.so.0", Some(LibcVariant::Uclibc)),
            (b"/usr/libexec/ld.so", None),
        ];
        for (i, want) in cases {
            assert_eq!(interp_variant(i), *want, "{}", String::from_utf8_lossy(i));
        }
    }
}
