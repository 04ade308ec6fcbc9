//! Where the binary writes: stdout (buffered, a broken pipe ends the run
//! quietly) and one-line error reports on stderr, `relf: FILE: message`,
//! with the `relf:` prefix colored when stderr is a terminal.

use std::io::{self, IsTerminal, Write};

use owo_colors::OwoColorize;

use super::args::ColorWhen;

/// Whether to color a stream, decided once from `--color`, `NO_COLOR` and
/// whether the stream is a terminal.
pub fn use_color(when: ColorWhen, no_color_env: bool, is_terminal: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => !no_color_env && is_terminal,
    }
}

/// Reports per-file problems and remembers that one happened.
#[derive(Debug)]
pub struct Reporter {
    color: bool,
    pub failed: bool,
}

impl Reporter {
    pub fn new(when: ColorWhen) -> Reporter {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Reporter {
            color: use_color(when, no_color, io::stderr().is_terminal()),
            failed: false,
        }
    }

    /// `relf: FILE: message`; marks the run as failed.
    pub fn error(&mut self, file: &std::path::Path, message: &dyn std::fmt::Display) {
        self.failed = true;
        self.line(&format!("{}: {message}", file.display()));
    }

    /// `relf: FILE: warning: message`; does not change the exit status.
    pub fn warn(&mut self, file: &std::path::Path, message: &dyn std::fmt::Display) {
        self.line(&format!("{}: warning: {message}", file.display()));
    }

    /// `relf: message`; does not change the exit status (for commands
    /// that keep another tool's exit statuses, like `relf go`).
    pub fn message(&mut self, message: &dyn std::fmt::Display) {
        self.line(&message.to_string());
    }

    /// `relf: message` without a file; marks the run as failed.
    pub fn error_plain(&mut self, message: &dyn std::fmt::Display) {
        self.failed = true;
        self.line(&message.to_string());
    }

    /// A line another tool prints itself (ldd's `\tnot a dynamic
    /// executable`, musl's `Error loading shared library ...`), without the
    /// `relf:` prefix, for parity; control characters are escaped as in
    /// every other message (names from files and from the command line
    /// never reach a terminal raw). Marks the run as failed when `failed`.
    pub fn verbatim(&mut self, line: &[u8], failed: bool) {
        self.failed |= failed;
        let mut err = io::stderr().lock();
        // TAB is kept: ldd's own lines start with one.
        let text = String::from_utf8_lossy(line);
        let safe: Vec<String> = text.split('\t').map(sanitize).collect();
        let _ = writeln!(err, "{}", safe.join("\t"));
    }

    fn line(&self, text: &str) {
        let mut err = io::stderr().lock();
        let text = sanitize(text);
        let _ = if self.color {
            writeln!(err, "{} {text}", "relf:".red().bold())
        } else {
            writeln!(err, "relf: {text}")
        };
    }
}

/// Control characters from file names and file contents never reach the
/// terminal raw: they are shown as `\xNN`.
pub fn sanitize(text: &str) -> String {
    relf::render::safe::escape_control(text).into_owned()
}

/// Writes to stdout; `Err` only for real errors (a closed pipe is `Ok(false)`:
/// stop quietly).
pub struct Stdout {
    inner: io::BufWriter<io::StdoutLock<'static>>,
}

impl Stdout {
    pub fn new() -> Stdout {
        Stdout {
            inner: io::BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
        }
    }

    /// Writes `bytes`; returns false once the reader has gone away.
    pub fn write(&mut self, bytes: &[u8]) -> io::Result<bool> {
        match self.inner.write_all(bytes) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
            Err(e) => Err(e),
        }
    }

    pub fn flush(&mut self) -> io::Result<bool> {
        match self.inner.flush() {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_choice() {
        assert!(use_color(ColorWhen::Always, true, false));
        assert!(!use_color(ColorWhen::Never, false, true));
        assert!(use_color(ColorWhen::Auto, false, true));
        assert!(!use_color(ColorWhen::Auto, true, true));
        assert!(!use_color(ColorWhen::Auto, false, false));
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(sanitize("a\x1b[31mb"), "a\\x1b[31mb");
    }
}
