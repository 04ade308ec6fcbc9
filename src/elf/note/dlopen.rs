//! dlopen metadata notes (`.note.dlopen`): owner `FDO`, type
//! [`FDO_DLOPEN_METADATA`], a NUL-terminated UTF-8 JSON array of objects,
//! each naming libraries a program loads with `dlopen()` (systemd's
//! docs/ELF_DLOPEN_METADATA.md, the UAPI group's "ELF dlopen metadata"
//! specification; systemd's `SD_ELF_NOTE_DLOPEN` macro writes them).
//!
//! Well-known keys: `soname` (mandatory, an array of names, alternatives
//! in order of preference), `feature`, `description`, `priority`
//! (`required`, `recommended`, `suggested`; `recommended` when absent).
//! Other keys are allowed by the specification and ignored here.
//!
//! The descriptor is untrusted: it is parsed only up to
//! [`MAX_DLOPEN_JSON`] bytes, and at most [`MAX_DLOPEN_RECORDS`] records of
//! at most [`MAX_DLOPEN_SONAMES`] names are kept; serde_json bounds nesting
//! (128 levels). Nothing here prints.

use serde::Deserialize;

/// The note type of dlopen metadata (owner `FDO`).
pub const FDO_DLOPEN_METADATA: u32 = 0x407c_0c0a;

/// Largest descriptor decoded as dlopen metadata (real notes are a few
/// hundred bytes; systemd's largest binary carries about 4 KiB in all).
pub const MAX_DLOPEN_JSON: usize = 1 << 16;
/// Most records kept from one note.
pub const MAX_DLOPEN_RECORDS: usize = 1024;
/// Most sonames kept from one record.
pub const MAX_DLOPEN_SONAMES: usize = 64;

/// How much a program needs a dlopen'd library (the specification's
/// "Priority definition").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DlopenPriority {
    /// "Core functionality needs the dependency, the binary will not work
    /// if it cannot be found."
    Required,
    /// The default when the key is absent.
    Recommended,
    Suggested,
}

impl DlopenPriority {
    /// The specification's word.
    pub fn id(self) -> &'static str {
        match self {
            DlopenPriority::Required => "required",
            DlopenPriority::Recommended => "recommended",
            DlopenPriority::Suggested => "suggested",
        }
    }

    fn parse(s: &str) -> Option<DlopenPriority> {
        match s {
            "required" => Some(DlopenPriority::Required),
            "recommended" => Some(DlopenPriority::Recommended),
            "suggested" => Some(DlopenPriority::Suggested),
            _ => None,
        }
    }
}

/// One record of a dlopen note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DlopenDep {
    /// The names passed to `dlopen()`, alternatives in order; never empty.
    pub sonames: Vec<String>,
    pub feature: Option<String>,
    pub description: Option<String>,
    pub priority: DlopenPriority,
}

/// Why a dlopen note could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DlopenError {
    #[error("dlopen note: descriptor of {size} bytes exceeds relf's limit of {MAX_DLOPEN_JSON}")]
    TooLarge { size: usize },
    #[error("dlopen note: invalid JSON: {0}")]
    Json(String),
    #[error("dlopen note: record {index} has no soname")]
    NoSoname { index: usize },
    #[error("dlopen note: record {index} has priority {value:?}, not required, recommended or suggested")]
    BadPriority { index: usize, value: String },
    #[error("dlopen note: more than {MAX_DLOPEN_RECORDS} records")]
    TooManyRecords,
}

/// The wire form of one record; unknown keys are ignored.
#[derive(Deserialize)]
struct RawRecord {
    #[serde(default)]
    soname: Vec<String>,
    #[serde(default)]
    feature: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    priority: Option<String>,
}

/// Decodes a descriptor: the JSON text up to its first NUL (the
/// specification's zero-terminated string; the padding after it is NULs).
pub fn parse(desc: &[u8]) -> Result<Vec<DlopenDep>, DlopenError> {
    let text = match memchr::memchr(0, desc) {
        Some(n) => &desc[..n],
        None => desc,
    };
    if text.len() > MAX_DLOPEN_JSON {
        return Err(DlopenError::TooLarge { size: text.len() });
    }
    let raw: Vec<RawRecord> =
        serde_json::from_slice(text).map_err(|e| DlopenError::Json(e.to_string()))?;
    if raw.len() > MAX_DLOPEN_RECORDS {
        return Err(DlopenError::TooManyRecords);
    }
    raw.into_iter()
        .enumerate()
        .map(|(index, r)| {
            let mut sonames: Vec<String> = r
                .soname
                .into_iter()
                .filter(|s| !s.is_empty())
                .take(MAX_DLOPEN_SONAMES)
                .collect();
            sonames.dedup();
            if sonames.is_empty() {
                return Err(DlopenError::NoSoname { index });
            }
            let priority = match r.priority {
                None => DlopenPriority::Recommended,
                Some(p) => {
                    DlopenPriority::parse(&p).ok_or(DlopenError::BadPriority { index, value: p })?
                }
            };
            Ok(DlopenDep {
                sonames,
                feature: r.feature,
                description: r.description,
                priority,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_defaults() {
        let desc = br#"[{"soname":["libz.so.1","libz.so"],"feature":"zlib","description":"compression","priority":"required"},{"soname":["libfoo.so.2"],"x-vendor":1}]"#;
        let mut padded = desc.to_vec();
        padded.extend_from_slice(&[0, 0, 0]);
        let deps = parse(&padded).unwrap();
        assert_eq!(deps.len(), 2);
        assert_eq!(deps[0].sonames, ["libz.so.1", "libz.so"]);
        assert_eq!(deps[0].priority, DlopenPriority::Required);
        assert_eq!(deps[0].feature.as_deref(), Some("zlib"));
        assert_eq!(deps[1].priority, DlopenPriority::Recommended);
        assert_eq!(deps[1].feature, None);
    }

    #[test]
    fn malformed() {
        assert!(matches!(parse(b"{"), Err(DlopenError::Json(_))));
        assert!(matches!(
            parse(br#"[{"feature":"x"}]"#),
            Err(DlopenError::NoSoname { index: 0 })
        ));
        assert!(matches!(
            parse(br#"[{"soname":["a"],"priority":"urgent"}]"#),
            Err(DlopenError::BadPriority { .. })
        ));
        // Deep nesting stops at serde_json's recursion limit, not the stack.
        let deep = "[".repeat(10_000);
        assert!(matches!(parse(deep.as_bytes()), Err(DlopenError::Json(_))));
        let big = vec![b' '; MAX_DLOPEN_JSON + 1];
        assert!(matches!(parse(&big), Err(DlopenError::TooLarge { .. })));
    }
}
