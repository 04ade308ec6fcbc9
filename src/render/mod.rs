//! Model to bytes. Renderers are pure functions that append to a buffer;
//! they compute no ELF semantics and do no I/O.
//!
//! - [`readelf`]: byte-identical GNU readelf 2.40 text (never colored).
//! - [`go`]: `go version -m` text (never colored).
//! - [`info`]: `relf info`'s one-line and `--long` views (sanitized, colored
//!   on request).
//! - [`json`]: the `--json` wire format.
//! - [`cyclonedx`]: `relf audit --format cyclonedx`, a CycloneDX 1.6 SBOM.
//! - [`safe`]: terminal-safe text from files for the human views.

pub mod audit;
pub mod cyclonedx;
pub mod direct_run;
pub mod go;
pub mod info;
pub mod json;
pub mod ldd;
pub mod ldd_bind;
pub mod readelf;
pub mod safe;
pub mod tree;

use owo_colors::{OwoColorize, Style};

/// Applies a style when color is on (the human views only).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Painter {
    pub color: bool,
}

impl Painter {
    pub(crate) fn paint(&self, text: &str, style: Style) -> String {
        if self.color {
            text.style(style).to_string()
        } else {
            text.to_string()
        }
    }

    /// A weakness (red).
    pub(crate) fn bad(&self, text: &str) -> String {
        self.paint(text, Style::new().red())
    }

    /// A protection in place (green).
    pub(crate) fn good(&self, text: &str) -> String {
        self.paint(text, Style::new().green())
    }
}
