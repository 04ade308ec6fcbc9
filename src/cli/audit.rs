//! `relf audit`: walk a root directory or a container image, report the
//! libc verdict and the findings, exit with the worst failing class.

use std::io::{self, IsTerminal};

use relf::audit::{self, FindingClass, Progress, Report};
use relf::render::audit::{self as render, InputSummary, LayerSummary};

use super::args::{AuditArgs, AuditFormat};
use super::report::{Reporter, Stdout};
use super::{write, Flow};

/// Exit status when the input cannot be read at all.
const EXIT_INPUT: i32 = 1;

/// Below this many files a progress bar would only flicker.
const PROGRESS_MIN_FILES: u64 = 500;

/// indicatif's bar on stderr.
struct Bar(indicatif::ProgressBar);

impl Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }
    fn advance(&self) {
        self.0.inc(1);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// `--fail-on` values: class names, `all` or `none`.
pub fn fail_classes(values: &[String]) -> Result<Vec<FindingClass>, String> {
    if values.is_empty() {
        return Ok(FindingClass::DEFAULT_FAIL.to_vec());
    }
    let mut out = Vec::new();
    for v in values {
        match v.as_str() {
            "all" => out.extend(FindingClass::ALL),
            "none" => {}
            name => out.push(FindingClass::from_name(name).ok_or_else(|| {
                let names: Vec<&str> = FindingClass::ALL.iter().map(|c| c.name()).collect();
                format!(
                    "unknown finding class {name:?} (one of: {}, all, none)",
                    names.join(", ")
                )
            })?),
        }
    }
    Ok(out)
}

/// Runs `relf audit`; returns the exit status.
pub fn run(
    out: &mut Stdout,
    reporter: &mut Reporter,
    args: &AuditArgs,
    color: bool,
) -> io::Result<(Flow, i32)> {
    let fail_on = match fail_classes(&args.fail_on) {
        Ok(f) => f,
        Err(e) => {
            reporter.error_plain(&e);
            return Ok((Flow::Continue, super::EXIT_USAGE));
        }
    };
    let path = &args.path;
    let root_path = args.root.as_deref().unwrap_or(path);
    let access = super::input::Access {
        tls_verify: args.tls_verify,
        authfile: args.authfile.clone(),
    };
    let input = match super::input::open(root_path, args.platform.as_deref(), &access) {
        Ok(i) => i,
        Err(e) => {
            reporter.error(root_path, &e);
            return Ok((Flow::Continue, EXIT_INPUT));
        }
    };
    let subjects = match &input.image {
        Some(image) => {
            for w in image.warnings() {
                reporter.warn(path, w);
            }
            audit::image_files(image)
        }
        None => {
            // `dir:ROOT`: the directory without its prefix.
            let root_dir = input.dir.as_deref().unwrap_or(root_path);
            let dir = if args.root.is_some() {
                path.as_path()
            } else {
                root_dir
            };
            if args.root.is_some() && !dir.starts_with(root_dir) {
                reporter.error(path, &"not inside the --root directory");
                return Ok((Flow::Continue, EXIT_INPUT));
            }
            audit::walk_dir(root_dir, dir)
        }
    };
    let image_machine = input
        .image
        .as_ref()
        .and_then(|i| i.platform.as_ref())
        .and_then(|p| audit::machine_of_platform(&p.architecture));
    let show_bar = io::stderr().is_terminal() && subjects.len() as u64 >= PROGRESS_MIN_FILES;
    let report: Report = if show_bar {
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        audit::audit(&input.root, &subjects, image_machine, &Bar(bar))
    } else {
        audit::audit(&input.root, &subjects, image_machine, &audit::NoProgress)
    };
    let summary = InputSummary {
        path: path.display().to_string(),
        kind: input.kind.name(),
        platform: input
            .image
            .as_ref()
            .and_then(|i| i.platform.as_ref())
            .map(ToString::to_string),
        layers: input
            .image
            .as_ref()
            .map(|i| {
                i.layers()
                    .iter()
                    .enumerate()
                    .map(|(n, l)| LayerSummary {
                        index: n as u32,
                        digest: l.digest.clone(),
                        compression: l.compression.name(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    };
    let format = match args.format {
        Some(f) => f,
        None if args.json => AuditFormat::Json,
        None if args.sarif => AuditFormat::Sarif,
        None => AuditFormat::Human,
    };
    let bytes = match format {
        AuditFormat::Json => render::json(&report, &summary).map_err(io::Error::other)?,
        AuditFormat::Sarif => {
            render::sarif(&report, &summary, &fail_on).map_err(io::Error::other)?
        }
        AuditFormat::Cyclonedx => {
            relf::render::cyclonedx::cyclonedx(&report, &summary).map_err(io::Error::other)?
        }
        AuditFormat::Human => {
            let mut text = String::new();
            render::write_human(&mut text, &report, &summary, color);
            text.into_bytes()
        }
    };
    let flow = write(out, &bytes)?;
    Ok((flow, report.exit_status(&fail_on)))
}
