//! `relf info`: one line per file in the spirit of file(1), naming the libc,
//! or (`--long`) every fact with its evidence. Pure functions over
//! [`FileFacts`]; every name taken from a file is sanitized, and color is
//! applied only when asked for.

use owo_colors::Style;

use crate::info::{Confidence, Evidence, FileFacts, Hardening, Kind, LibcVariant, Pie, Relro};
use crate::render::safe::sanitize;
use crate::render::Painter;

/// Options of the info view.
#[derive(Debug, Clone, Copy, Default)]
pub struct InfoOptions {
    pub color: bool,
}

fn safe(s: &str) -> String {
    sanitize(s.as_bytes())
}

/// `ELF 64-bit LSB pie executable, x86-64`.
fn type_words(f: &FileFacts) -> String {
    format!(
        "ELF {}-bit {} {}, {}",
        f.bits,
        if f.big_endian { "MSB" } else { "LSB" },
        f.kind.file_words(),
        crate::info::kind::machine_word(f.e_machine)
    )
}

/// `glibc >= 2.34`, `musl 1.2.3`, `Go 1.19.8, example.com/app`, ...
fn libc_words(f: &FileFacts) -> String {
    let mut parts = Vec::new();
    let l = &f.libc;
    let doubt = if l.confidence == Confidence::High {
        ""
    } else {
        "?"
    };
    match l.variant {
        LibcVariant::Glibc => {
            let mut s = format!("glibc{doubt}");
            if let Some(r) = &f.glibc_release {
                s.push_str(&format!(" {}", safe(&r.version)));
            } else if let Some(max) = f.max_glibc_needed() {
                s.push_str(&format!(" >= {}", safe(max)));
            }
            parts.push(s);
        }
        LibcVariant::Musl => {
            let mut s = format!("musl{doubt}");
            if let Some(v) = &f.musl_version {
                s.push_str(&format!(" {}", safe(v)));
            }
            parts.push(s);
        }
        LibcVariant::None => {}
        v => parts.push(format!("{}{doubt}", v.name())),
    }
    if let Some(go) = &f.go {
        let mut s = match &go.version {
            Some(v) => format!("Go {}", safe(v.strip_prefix("go").unwrap_or(v))),
            None => "Go".to_string(),
        };
        if go.cgo {
            s.push_str(" cgo");
        }
        parts.push(s);
        if let Some(p) = &go.main_path {
            parts.push(safe(p));
        }
    }
    parts.join(", ")
}

/// The hardening words of the summary line.
fn hardening_words(h: &Hardening, kind: Kind, p: &Painter) -> Vec<String> {
    let mut w = Vec::new();
    w.push(match h.relro {
        Relro::Full => p.good("full RELRO"),
        Relro::Partial => "partial RELRO".to_string(),
        Relro::None => p.bad("no RELRO"),
    });
    w.push(match h.executable_stack {
        Some(false) => p.good("NX"),
        Some(true) => p.bad("executable stack"),
        None => p.bad("no NX"),
    });
    if h.canary {
        w.push(p.good("canary"));
    }
    if !h.fortified.is_empty() {
        w.push(p.good("FORTIFY"));
    }
    match (h.pie, kind) {
        (Pie::Yes, _) => w.push(p.good("PIE")),
        (Pie::No, Kind::Executable) => w.push(p.bad("no PIE")),
        _ => {}
    }
    for (on, name) in [
        (h.ibt, "IBT"),
        (h.shstk, "SHSTK"),
        (h.bti, "BTI"),
        (h.pac, "PAC"),
    ] {
        if on == Some(true) {
            w.push(p.good(name));
        }
    }
    if h.textrel {
        w.push(p.bad("TEXTREL"));
    }
    if h.rpath.is_some() {
        w.push("RPATH".to_string());
    }
    if h.runpath.is_some() {
        w.push("RUNPATH".to_string());
    }
    if h.rpath_issues
        .iter()
        .any(|i| matches!(i.problem, "empty" | "relative" | "world-writable"))
    {
        w.push(p.bad("insecure search path"));
    }
    if h.debug_info {
        w.push("with debug_info".to_string());
    }
    if h.stripped {
        w.push("stripped".to_string());
    }
    w
}

/// Appends the one-line summary of `f`, named `name`.
pub fn write_summary(out: &mut String, name: &[u8], f: &FileFacts, opts: &InfoOptions) {
    let p = Painter { color: opts.color };
    out.push_str(&p.paint(&sanitize(name), Style::new().bold()));
    out.push_str(": ");
    let mut parts = vec![type_words(f)];
    // Relocatable objects and core files have no linkage, and what their
    // bytes suggest about a libc is no verdict on a program: no libc words.
    if let Some(l) = f.linkage {
        let libc = libc_words(f);
        parts.push(if libc.is_empty() {
            l.word().to_string()
        } else {
            format!("{} ({})", l.word(), p.paint(&libc, Style::new().cyan()))
        });
    }
    if let Some(i) = &f.interpreter {
        parts.push(format!("interpreter {}", safe(i)));
    }
    if let Some(r) = &f.glibc_release {
        if let Some(pkg) = &r.package {
            parts.push(format!("release {}", safe(pkg)));
        }
    }
    if matches!(
        f.kind,
        Kind::Executable | Kind::PieExecutable | Kind::SharedObject
    ) {
        parts.extend(hardening_words(&f.hardening, f.kind, &p));
    }
    out.push_str(&parts.join(", "));
    out.push('\n');
}

fn evidence_list(e: &[Evidence]) -> String {
    e.iter()
        .map(|e| format!("{}: {}", e.signal, safe(&e.detail)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// Appends every fact of `f` with its evidence.
pub fn write_long(out: &mut String, name: &[u8], f: &FileFacts, opts: &InfoOptions) {
    let p = Painter { color: opts.color };
    out.push_str(&p.paint(&sanitize(name), Style::new().bold()));
    out.push_str(":\n");
    let mut line = |key: &str, value: String| {
        out.push_str(&format!("  {key:<16}{value}\n"));
    };
    line(
        "type",
        format!("{}  [{}]", type_words(f), evidence_list(&f.kind_evidence)),
    );
    if let Some(l) = f.linkage {
        line(
            "linkage",
            format!(
                "{} = file(1) \"{}\"  [{}]",
                l.word(),
                l.file_words(),
                evidence_list(&f.linkage_evidence)
            ),
        );
    }
    if let Some(i) = &f.interpreter {
        line("interpreter", safe(i));
    }
    if let Some(s) = &f.soname {
        line("soname", safe(s));
    }
    if !f.needed.is_empty() {
        line(
            "needed",
            f.needed
                .iter()
                .map(|n| safe(n))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    let conf = match f.libc.confidence {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    };
    line(
        "libc",
        format!(
            "{} ({conf} confidence)",
            p.paint(f.libc.variant.name(), Style::new().cyan())
        ),
    );
    for e in &f.libc.evidence {
        let to = e
            .points_to
            .map(|v| format!(" -> {}", v.name()))
            .unwrap_or_default();
        line("", format!("  {}: {}{to}", e.signal, safe(&e.detail)));
    }
    if let Some(go) = &f.go {
        let mut s = go
            .version
            .as_deref()
            .map(safe)
            .unwrap_or_else(|| "version unknown".into());
        if let Some(path) = &go.main_path {
            s.push_str(&format!(", {}", safe(path)));
            if let Some(v) = &go.main_version {
                s.push_str(&format!(" {}", safe(v)));
            }
        }
        s.push_str(if go.cgo { ", cgo" } else { ", pure Go" });
        line("go", format!("{s}  [{}]", evidence_list(&go.evidence)));
    }
    for lib in &f.version_needs {
        let mut v: Vec<String> = lib
            .families
            .iter()
            .map(|fm| {
                let plural = if fm.count == 1 { "" } else { "s" };
                format!(
                    "{} >= {} ({} version{plural})",
                    safe(&fm.family),
                    safe(&fm.max),
                    fm.count
                )
            })
            .collect();
        v.extend(lib.other.iter().map(|o| safe(o)));
        line("needs", format!("{}: {}", safe(&lib.library), v.join(", ")));
    }
    if !f.defined_versions.is_empty() {
        let highest = crate::info::glibc_needs::max_defined_glibc(&f.defined_versions)
            .map(|m| format!(", highest GLIBC_{m}"))
            .unwrap_or_default();
        line(
            "defines",
            format!("{} versions{highest}", f.defined_versions.len()),
        );
    }
    if let Some(r) = &f.glibc_release {
        line(
            "glibc release",
            format!("{}  [{}]", safe(&r.version), safe(&r.banner)),
        );
    }
    if let Some(v) = &f.musl_version {
        line("musl version", safe(v));
    }
    let h = &f.hardening;
    let relro = match h.relro {
        Relro::Full => p.good("full"),
        Relro::Partial => "partial".to_string(),
        Relro::None => p.bad("none"),
    };
    line("RELRO", relro);
    line("BIND_NOW", yes_no(h.bind_now).to_string());
    line(
        "PIE",
        match h.pie {
            Pie::Yes => "yes",
            Pie::No => "no",
            Pie::Dso => "DSO (shared library)",
            Pie::NotApplicable => "not applicable",
        }
        .to_string(),
    );
    line(
        "NX",
        match h.executable_stack {
            Some(false) => p.good("yes"),
            Some(true) => p.bad("no (PT_GNU_STACK asks for an executable stack)"),
            None => p.bad("no (no PT_GNU_STACK)"),
        },
    );
    line("canary", yes_no(h.canary).to_string());
    line(
        "FORTIFY",
        if h.fortified.is_empty() {
            "no".to_string()
        } else {
            format!(
                "{} functions: {}",
                h.fortified.len(),
                h.fortified
                    .iter()
                    .map(|n| safe(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
    );
    let tri = |b: Option<bool>| b.map_or("-", yes_no);
    if h.ibt.is_some() || h.shstk.is_some() {
        line("CET", format!("IBT {}, SHSTK {}", tri(h.ibt), tri(h.shstk)));
    }
    if h.bti.is_some() || h.pac.is_some() {
        line("AArch64", format!("BTI {}, PAC {}", tri(h.bti), tri(h.pac)));
    }
    if let Some(isa) = &h.x86_isa_needed {
        line("ISA needed", isa.clone());
    }
    for (tag, v) in [("RPATH", &h.rpath), ("RUNPATH", &h.runpath)] {
        if let Some(v) = v {
            let issues: Vec<String> = h
                .rpath_issues
                .iter()
                .filter(|i| i.tag.eq_ignore_ascii_case(tag))
                .map(|i| format!("{} {:?}", i.problem, safe(&i.entry)))
                .collect();
            let issues = if issues.is_empty() {
                String::new()
            } else {
                format!("  [{}]", issues.join(", "))
            };
            line(tag, format!("{}{issues}", safe(v)));
        }
    }
    line(
        "TEXTREL",
        if h.textrel {
            p.bad("yes")
        } else {
            "no".to_string()
        },
    );
    line(
        "symbols",
        if h.stripped {
            "stripped (no .symtab)"
        } else {
            ".symtab present"
        }
        .to_string(),
    );
    line("debug info", yes_no(h.debug_info).to_string());
}
