//! `relf audit --format cyclonedx`: a CycloneDX 1.6 JSON SBOM
//! (`bom-1.6.schema.json`) of the audited root or image: one `file`
//! component per ELF file (its in-root path, SHA-256, GNU build ID, kind,
//! link and libc as `relf:` properties) under a metadata component for the
//! input, and a `dependencies` graph of the DT_NEEDED edges the loader
//! resolved. Nothing time- or run-dependent is written (no timestamp or
//! serial number), so the same input gives the same bytes.

use serde::Serialize;

use super::audit::InputSummary;
use crate::audit::Report;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Bom<'a> {
    bom_format: &'static str,
    spec_version: &'static str,
    version: u32,
    metadata: Metadata<'a>,
    components: Vec<Component>,
    dependencies: Vec<Dependency>,
}

#[derive(Serialize)]
struct Metadata<'a> {
    tools: Tools,
    component: InputComponent<'a>,
}

#[derive(Serialize)]
struct Tools {
    components: Vec<Tool>,
}

#[derive(Serialize)]
struct Tool {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct InputComponent<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "bom-ref")]
    bom_ref: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    properties: Vec<Property>,
}

#[derive(Serialize)]
struct Component {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "bom-ref")]
    bom_ref: String,
    name: String,
    hashes: Vec<Hash>,
    properties: Vec<Property>,
}

#[derive(Serialize)]
struct Hash {
    alg: &'static str,
    content: String,
}

#[derive(Serialize)]
struct Property {
    name: &'static str,
    value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dependency {
    #[serde(rename = "ref")]
    reference: String,
    depends_on: Vec<String>,
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The `bom-ref` of the file at `path`.
fn file_ref(path: &[u8]) -> String {
    format!("file:{}", text(path))
}

fn serde_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The SBOM document.
pub fn cyclonedx(report: &Report, input: &InputSummary) -> serde_json::Result<Vec<u8>> {
    let mut input_props = vec![Property {
        name: "relf:input-kind",
        value: input.kind.to_string(),
    }];
    if let Some(p) = &input.platform {
        input_props.push(Property {
            name: "relf:platform",
            value: p.clone(),
        });
    }
    input_props.push(Property {
        name: "relf:verdict",
        value: report.verdict.label(),
    });
    let components: Vec<Component> = report
        .elf
        .iter()
        .map(|e| {
            let mut properties = vec![
                Property {
                    name: "relf:kind",
                    value: serde_name(&e.class.kind),
                },
                Property {
                    name: "relf:link",
                    value: serde_name(&e.class.link),
                },
                Property {
                    name: "relf:libc",
                    value: serde_name(&e.class.libc),
                },
            ];
            if let Some(id) = &e.build_id {
                properties.push(Property {
                    name: "relf:build-id",
                    value: id.clone(),
                });
            }
            if let Some(arch) = e.arch {
                properties.push(Property {
                    name: "relf:arch",
                    value: arch.to_string(),
                });
            }
            if let Some(layer) = e.layer {
                properties.push(Property {
                    name: "relf:layer",
                    value: layer.to_string(),
                });
            }
            Component {
                kind: "file",
                bom_ref: file_ref(&e.path),
                name: text(&e.path),
                hashes: vec![Hash {
                    alg: "SHA-256",
                    content: e.sha256.clone(),
                }],
                properties,
            }
        })
        .collect();
    let known: std::collections::HashSet<&[u8]> =
        report.elf.iter().map(|e| e.path.as_slice()).collect();
    let mut dependencies = vec![Dependency {
        reference: "input".into(),
        depends_on: report.elf.iter().map(|e| file_ref(&e.path)).collect(),
    }];
    for e in &report.elf {
        let mut depends_on: Vec<String> = Vec::new();
        for n in e.needs.iter().filter(|n| known.contains(n.as_slice())) {
            let r = file_ref(n);
            if !depends_on.contains(&r) {
                depends_on.push(r);
            }
        }
        dependencies.push(Dependency {
            reference: file_ref(&e.path),
            depends_on,
        });
    }
    let bom = Bom {
        bom_format: "CycloneDX",
        spec_version: "1.6",
        version: 1,
        metadata: Metadata {
            tools: Tools {
                components: vec![Tool {
                    kind: "application",
                    name: "relf",
                    version: env!("CARGO_PKG_VERSION"),
                }],
            },
            component: InputComponent {
                kind: if input.kind == "directory" {
                    "file"
                } else {
                    "container"
                },
                bom_ref: "input",
                name: &input.path,
                properties: input_props,
            },
        },
        components,
        dependencies,
    };
    let mut buf = serde_json::to_vec_pretty(&bom)?;
    buf.push(b'\n');
    Ok(buf)
}
