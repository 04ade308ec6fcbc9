//! `relf audit` output: the human summary (colored on request, names from
//! the image escaped so control characters never reach a terminal), the
//! `--json` document (schema family of [`super::json`]) and a minimal
//! SARIF 2.1.0 log for code-scanning UIs.

use crate::render::safe::escape_control;
use std::fmt::Write;

use owo_colors::OwoColorize;
use serde::Serialize;

use crate::audit::{FindingClass, Report};

/// What was audited, for the headers of every format.
#[derive(Debug, Clone, Serialize)]
pub struct InputSummary {
    pub path: String,
    /// `directory`, `oci-layout`, `oci-archive`, `docker-archive`.
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    pub layers: Vec<LayerSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LayerSummary {
    pub index: u32,
    pub digest: String,
    pub compression: &'static str,
}

/// Text from a file or an image, safe for a terminal.
fn sanitize(text: &str) -> String {
    escape_control(text).into_owned()
}

fn safe(bytes: &[u8]) -> String {
    crate::render::safe::sanitize(bytes)
}

fn layer_name(input: &InputSummary, layer: Option<u32>) -> String {
    match layer {
        None => "-".into(),
        Some(i) => match input.layers.get(i as usize) {
            Some(l) => {
                let short: String = l
                    .digest
                    .trim_start_matches("sha256:")
                    .chars()
                    .take(12)
                    .collect();
                format!("{i} {short}")
            }
            None => i.to_string(),
        },
    }
}

/// The human summary: verdict, counts, a table per finding class.
pub fn write_human(out: &mut String, report: &Report, input: &InputSummary, color: bool) {
    let bold = |s: &str| {
        if color {
            s.bold().to_string()
        } else {
            s.to_string()
        }
    };
    let what = if input.kind == "directory" {
        "root"
    } else {
        "image"
    };
    let mut head = format!("{} ({}", safe(input.path.as_bytes()), input.kind);
    if let Some(p) = &input.platform {
        let _ = write!(head, ", {}", sanitize(p));
    }
    if !input.layers.is_empty() {
        let n = input.layers.len();
        let _ = write!(head, ", {n} layer{}", if n == 1 { "" } else { "s" });
    }
    head.push(')');
    let _ = writeln!(out, "{}", bold(&head));
    let _ = writeln!(out, "{}", bold(&sanitize(&report.verdict.summary(what))));
    for g in &report.verdict.glibc {
        let _ = writeln!(
            out,
            "  glibc {} at {}",
            sanitize(g.version.as_deref().unwrap_or("?")),
            sanitize(&g.path)
        );
    }
    for m in &report.verdict.musl {
        let _ = writeln!(
            out,
            "  musl {} at {}",
            sanitize(m.version.as_deref().unwrap_or("?")),
            sanitize(&m.path)
        );
    }
    let c = &report.verdict.counts;
    let _ = writeln!(
        out,
        "  {} files scanned, {} ELF ({} executable{}, {} shared librar{}), {} objects parsed",
        report.files_scanned,
        report.elf.len(),
        c.executables,
        if c.executables == 1 { "" } else { "s" },
        c.libraries,
        if c.libraries == 1 { "y" } else { "ies" },
        report.parsed_objects
    );
    for (path, e) in &report.unreadable {
        let _ = writeln!(out, "  unreadable ELF file {}: {}", safe(path), sanitize(e));
    }
    if report.findings.is_empty() {
        let _ = writeln!(out, "no findings");
        return;
    }
    for class in FindingClass::ALL {
        let rows: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.class == class)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let title = format!("{} ({}): {}", class.name(), rows.len(), class.description());
        let _ = writeln!(out);
        if color {
            let _ = writeln!(out, "{}", title.red().bold());
        } else {
            let _ = writeln!(out, "{title}");
        }
        let table: Vec<[String; 4]> = rows
            .iter()
            .map(|f| {
                let mut evidence = sanitize(&f.evidence);
                if !f.symbols.is_empty() {
                    let syms: Vec<String> = f.symbols.iter().map(|s| sanitize(s)).collect();
                    let _ = write!(evidence, " (symbols: {})", syms.join(", "));
                }
                [
                    safe(&f.file),
                    layer_name(input, f.layer),
                    sanitize(&f.subject),
                    evidence,
                ]
            })
            .collect();
        let header = ["FILE", "LAYER", "WHAT", "EVIDENCE"];
        let mut widths = header.map(str::len);
        for r in &table {
            for (w, cell) in widths.iter_mut().zip(r.iter()).take(3) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: [&str; 4]| {
            format!(
                "  {:w0$}  {:w1$}  {:w2$}  {}",
                cells[0],
                cells[1],
                cells[2],
                cells[3],
                w0 = widths[0],
                w1 = widths[1],
                w2 = widths[2]
            )
        };
        let _ = writeln!(out, "{}", bold(line(header).trim_end()));
        for r in &table {
            let _ = writeln!(out, "{}", line([&r[0], &r[1], &r[2], &r[3]]).trim_end());
        }
    }
}

#[derive(Debug, Serialize)]
struct JsonDoc<'a> {
    schema_version: u32,
    command: &'static str,
    input: &'a InputSummary,
    verdict: JsonVerdict<'a>,
    files_scanned: u64,
    elf_files: usize,
    parsed_objects: usize,
    unreadable: Vec<JsonUnreadable>,
    findings: Vec<JsonFinding>,
    files: Vec<JsonFile>,
}

#[derive(Debug, Serialize)]
struct JsonVerdict<'a> {
    label: String,
    summary: String,
    glibc: &'a [crate::audit::LibcInstall],
    musl: &'a [crate::audit::LibcInstall],
    counts: &'a crate::audit::Counts,
}

#[derive(Debug, Serialize)]
struct JsonUnreadable {
    path: String,
    error: String,
}

#[derive(Debug, Serialize)]
struct JsonFinding {
    class: &'static str,
    file: String,
    layer: Option<u32>,
    layer_digest: Option<String>,
    subject: String,
    evidence: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    symbols: Vec<String>,
}

#[derive(Debug, Serialize)]
struct JsonFile {
    path: String,
    layer: Option<u32>,
    kind: crate::audit::classify::FileKind,
    link: crate::audit::classify::LinkKind,
    libc: crate::audit::classify::Libc,
    arch: Option<&'static str>,
    e_machine: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    go_version: Option<String>,
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn digest_of(input: &InputSummary, layer: Option<u32>) -> Option<String> {
    layer.and_then(|l| input.layers.get(l as usize).map(|l| l.digest.clone()))
}

/// The `--json` document.
pub fn json(report: &Report, input: &InputSummary) -> serde_json::Result<Vec<u8>> {
    let what = if input.kind == "directory" {
        "root"
    } else {
        "image"
    };
    let doc = JsonDoc {
        schema_version: super::json::SCHEMA_VERSION,
        command: "audit",
        input,
        verdict: JsonVerdict {
            label: report.verdict.label(),
            summary: report.verdict.summary(what),
            glibc: &report.verdict.glibc,
            musl: &report.verdict.musl,
            counts: &report.verdict.counts,
        },
        files_scanned: report.files_scanned,
        elf_files: report.elf.len(),
        parsed_objects: report.parsed_objects,
        unreadable: report
            .unreadable
            .iter()
            .map(|(p, e)| JsonUnreadable {
                path: text(p),
                error: e.clone(),
            })
            .collect(),
        findings: report
            .findings
            .iter()
            .map(|f| JsonFinding {
                class: f.class.name(),
                file: text(&f.file),
                layer: f.layer,
                layer_digest: digest_of(input, f.layer),
                subject: f.subject.clone(),
                evidence: f.evidence.clone(),
                symbols: f.symbols.clone(),
            })
            .collect(),
        files: report
            .elf
            .iter()
            .map(|e| JsonFile {
                path: text(&e.path),
                layer: e.layer,
                kind: e.class.kind,
                link: e.class.link,
                libc: e.class.libc,
                arch: e.arch,
                e_machine: e.e_machine,
                go_version: e.class.go_version.clone(),
            })
            .collect(),
    };
    let mut buf = serde_json::to_vec_pretty(&doc)?;
    buf.push(b'\n');
    Ok(buf)
}

/// A SARIF 2.1.0 log: one rule per finding class, one result per finding,
/// located at the file's in-image path. `fail_on` classes are errors, the
/// others warnings.
pub fn sarif(
    report: &Report,
    input: &InputSummary,
    fail_on: &[FindingClass],
) -> serde_json::Result<Vec<u8>> {
    use serde_json::json;
    let rules: Vec<_> = FindingClass::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.name(),
                "shortDescription": { "text": c.description() },
                "defaultConfiguration": {
                    "level": if fail_on.contains(c) { "error" } else { "warning" }
                }
            })
        })
        .collect();
    let results: Vec<_> = report
        .findings
        .iter()
        .map(|f| {
            let mut message = format!("{}: {}", f.subject, f.evidence);
            if !f.symbols.is_empty() {
                message.push_str(&format!(" (symbols: {})", f.symbols.join(", ")));
            }
            let uri = text(&f.file);
            let mut result = json!({
                "ruleId": f.class.name(),
                "ruleIndex": FindingClass::ALL.iter().position(|c| *c == f.class).unwrap_or(0),
                "level": if fail_on.contains(&f.class) { "error" } else { "warning" },
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri.trim_start_matches('/') , "uriBaseId": "IMAGEROOT" }
                    }
                }]
            });
            if let Some(d) = digest_of(input, f.layer) {
                result["properties"] = json!({ "layer": f.layer, "layerDigest": d });
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "relf",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules
            }},
            "originalUriBaseIds": { "IMAGEROOT": { "description": { "text": input.path } } },
            "results": results
        }]
    });
    let mut buf = serde_json::to_vec_pretty(&doc)?;
    buf.push(b'\n');
    Ok(buf)
}
