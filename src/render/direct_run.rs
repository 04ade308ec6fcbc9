//! The `--tree`/`--explain` note saying which libraries a direct run of the
//! program would load differently from what `ldd` lists, and why
//! (loader/direct_run.rs).

use owo_colors::Style;

use super::safe::sanitize;
use super::Painter;
use crate::loader::direct_run::RunDifference;

/// Appends the note; nothing when `diffs` is empty. `given` is the name ldd
/// was given, `real` the program's canonical path.
pub fn write_run_differences(
    out: &mut String,
    given: &[u8],
    real: &[u8],
    diffs: &[RunDifference],
    color: bool,
) {
    if diffs.is_empty() {
        return;
    }
    let p = Painter { color };
    out.push_str(&format!(
        "{} run directly, the program takes $ORIGIN from its real path {} \
         (the kernel's /proc/self/exe), not from the name {} as ldd does; it would load:\n",
        p.paint("note:", Style::new().yellow().bold()),
        sanitize(real),
        sanitize(given)
    ));
    let shown = |path: &Option<Vec<u8>>| match path {
        Some(p) => sanitize(p),
        None => "not found".to_string(),
    };
    for d in diffs {
        out.push_str(&format!(
            "    {} => {} (ldd: {})\n",
            sanitize(&d.name),
            shown(&d.run),
            shown(&d.ldd)
        ));
    }
}
