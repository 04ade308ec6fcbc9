//! `ld.so.conf` parser and ldconfig's directory list, inside a root.
//!
//! Rebuilds the ordered, de-duplicated list of directories ldconfig would
//! scan (elf/ldconfig.c `parse_conf`, `parse_conf_include`, `add_dir_1`,
//! `add_single_dir`, `add_glibc_hwcaps_subdirectories`, and the
//! `add_system_dir` calls at the end of `main`), so a resolver can emulate the
//! cache of an image that has none. All file access goes through [`ConfFs`],
//! whose paths are absolute paths as seen inside the root; glob patterns of
//! `include` lines are matched here, one path component at a time, on
//! [`ConfFs::list_dir`] results.
//!
//! What it does not do: scan the directories for libraries (`search_dir`),
//! touch the host, or fail. Everything odd (unreadable files, include loops,
//! `hwcap` lines, missing or duplicate directories) becomes a
//! [`ConfDiagnostic`] beside the partial result, the way ldconfig warns and
//! goes on.

/// File access inside the root. Paths are absolute paths inside the root;
/// symlinks (including absolute ones) must be resolved inside the root.
pub trait ConfFs {
    /// The whole contents of a regular file, or `None` if it cannot be read.
    fn read(&self, path: &str) -> Option<Vec<u8>>;
    /// Names of the entries of a directory (without `.` and `..`, any order),
    /// or `None` if it is not a readable directory.
    fn list_dir(&self, dir: &str) -> Option<Vec<String>>;
    /// `(st_dev, st_ino)` of what `stat` (following symlinks) finds at the
    /// path, or `None` if nothing is there.
    fn identity(&self, dir: &str) -> Option<(u64, u64)>;
}

/// Deepest `include` nesting followed. ldconfig has no limit (an include
/// loop recurses until the stack overflows); past this depth the include is
/// skipped with [`ConfDiagnostic::IncludeTooDeep`].
pub const MAX_INCLUDE_DEPTH: usize = 32;

/// Most configuration files parsed for one list (each `include` match
/// counts, repeats included), and most bytes read from them. They bound the
/// work a hostile configuration can cause by fanning out (`include x x` in
/// `x`, 32 levels deep, would be 2^32 parses). Once either is reached, further
/// includes are skipped with [`ConfDiagnostic::ParseLimit`].
pub const MAX_CONF_FILES: usize = 1024;
/// See [`MAX_CONF_FILES`].
pub const MAX_CONF_BYTES: usize = 16 << 20;

/// `from_file` of directories ldconfig adds itself (`add_dir`).
pub const BUILTIN: &str = "<builtin>";

/// Version-dependent parsing rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConfRules {
    /// glibc <= 2.36 `add_dir_1`: everything from the first `=` of a directory
    /// line is a library type (`libc4`, `libc5`, `libc6`, `glibc2`) and is
    /// cut off; since 2.37 (commit 8ee878592c) the `=` is part of the path.
    pub type_suffix: bool,
}

impl ConfRules {
    /// The rules of the ldconfig from glibc 2.`minor`.
    pub fn for_glibc(minor: u32) -> ConfRules {
        ConfRules {
            type_suffix: minor <= 36,
        }
    }
}

impl Default for ConfRules {
    /// Current glibc (>= 2.37).
    fn default() -> ConfRules {
        ConfRules::for_glibc(37)
    }
}

/// One directory of the list, with where it came from (ldconfig's
/// `from_file:from_line`, printed by `ldconfig -v`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfDir {
    /// The path as written (trailing whitespace and slashes removed), or
    /// `<dir>/glibc-hwcaps/<name>` for a glibc-hwcaps subdirectory.
    pub path: String,
    /// The configuration file, or [`BUILTIN`].
    pub file: String,
    /// 1-based line in `file` (0 for built-in directories).
    pub line: u32,
    /// `Some(name)` for a `glibc-hwcaps/<name>` subdirectory ldconfig added
    /// on its own; its libraries get glibc-hwcaps cache entries.
    pub hwcaps: Option<String>,
    /// `(st_dev, st_ino)` used for de-duplication.
    pub identity: (u64, u64),
}

/// Something ldconfig would warn about (some only with `-v`), or a limit of
/// this emulation. Never fatal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfDiagnostic {
    /// A configuration file that exists but cannot be read (ldconfig:
    /// "ignoring configuration file that cannot be opened"). The top-level
    /// file is reported here even when absent, which ldconfig ignores silently.
    Unreadable {
        path: String,
        /// The `include` line that named it, if any.
        included_from: Option<(String, u32)>,
    },
    /// An `include` nested deeper than [`MAX_INCLUDE_DEPTH`] was skipped.
    IncludeTooDeep {
        path: String,
        file: String,
        line: u32,
    },
    /// [`MAX_CONF_FILES`] files or [`MAX_CONF_BYTES`] bytes were parsed;
    /// this include and all later ones were skipped. Reported once.
    ParseLimit {
        path: String,
        file: String,
        line: u32,
    },
    /// `hwcap` lines are ignored since glibc 2.32 ("hwcap directive ignored").
    HwcapIgnored { file: String, line: u32 },
    /// A directory line naming nothing that exists (`ldconfig -v`:
    /// "Can't stat"); the line is dropped.
    MissingDir {
        path: String,
        file: String,
        line: u32,
    },
    /// A directory already in the list under another or the same name
    /// (same `(st_dev, st_ino)`); the later one is dropped (`ldconfig -v`:
    /// "Path `X' given more than once").
    DuplicateDir {
        path: String,
        file: String,
        line: u32,
        first_path: String,
        first_file: String,
        first_line: u32,
    },
    /// glibc <= 2.36: a `DIR=TYPE` line with a type ldconfig does not know
    /// ("X is not a known library type"); the directory is still used.
    UnknownLibraryType {
        type_name: String,
        file: String,
        line: u32,
    },
}

impl std::fmt::Display for ConfDiagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfDiagnostic::Unreadable {
                path,
                included_from: Some((file, line)),
            } => write!(f, "{file}:{line}: cannot read included file {path}"),
            ConfDiagnostic::Unreadable {
                path,
                included_from: None,
            } => write!(f, "cannot read configuration file {path}"),
            ConfDiagnostic::IncludeTooDeep { path, file, line } => write!(
                f,
                "{file}:{line}: include of {path} nested deeper than {MAX_INCLUDE_DEPTH} levels, skipped"
            ),
            ConfDiagnostic::ParseLimit { path, file, line } => write!(
                f,
                "{file}:{line}: include of {path} skipped: more than {MAX_CONF_FILES} \
                 configuration files or {MAX_CONF_BYTES} bytes parsed"
            ),
            ConfDiagnostic::HwcapIgnored { file, line } => {
                write!(f, "{file}:{line}: hwcap directive ignored")
            }
            ConfDiagnostic::MissingDir { path, file, line } => {
                write!(f, "{file}:{line}: directory {path} does not exist")
            }
            ConfDiagnostic::DuplicateDir {
                path,
                file,
                line,
                first_path,
                first_file,
                first_line,
            } => write!(
                f,
                "{file}:{line}: directory {path} already listed as {first_path} \
                 ({first_file}:{first_line})"
            ),
            ConfDiagnostic::UnknownLibraryType {
                type_name,
                file,
                line,
            } => write!(f, "{file}:{line}: {type_name} is not a known library type"),
        }
    }
}

/// ldconfig's list of directories (`dir_entries`), built step by step.
#[derive(Clone, Debug, Default)]
pub struct DirList {
    dirs: Vec<ConfDir>,
    diagnostics: Vec<ConfDiagnostic>,
    /// Configuration files and bytes parsed so far ([`MAX_CONF_FILES`]).
    files_parsed: usize,
    bytes_parsed: usize,
    /// [`ConfDiagnostic::ParseLimit`] was reported.
    limit_reported: bool,
}

/// C `isspace` in the C locale.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// C `isblank` in the C locale.
fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// glibc `dirname` of an absolute path, for `parse_conf_include`.
fn dirname(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rfind('/') {
        None => {
            if path.starts_with('/') {
                "/"
            } else {
                "."
            }
        }
        Some(i) => {
            let d = trimmed[..i].trim_end_matches('/');
            if d.is_empty() {
                "/"
            } else {
                d
            }
        }
    }
}

/// Absolute form of a path for [`ConfFs`] (ldconfig runs with `/` as its
/// working directory after `chroot`).
fn absolute(path: &str) -> String {
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    }
}

impl DirList {
    /// An empty list.
    pub fn new() -> DirList {
        DirList::default()
    }

    /// The directories in scan order.
    pub fn dirs(&self) -> &[ConfDir] {
        &self.dirs
    }

    /// Diagnostics so far, in the order they arose.
    pub fn diagnostics(&self) -> &[ConfDiagnostic] {
        &self.diagnostics
    }

    /// Both, consuming the list.
    pub fn into_parts(self) -> (Vec<ConfDir>, Vec<ConfDiagnostic>) {
        (self.dirs, self.diagnostics)
    }

    /// `parse_conf` (elf/ldconfig.c) for the file at `path` (absolute, inside
    /// the root):
    ///
    /// * lines end at `\n` (and, being C strings, at a NUL); everything from
    ///   the first `#` is a comment (no quoting); leading whitespace is
    ///   skipped; blank lines are ignored;
    /// * `include` + blank: the rest of the line is split on spaces and TABs;
    ///   each word is a glob pattern, relative patterns relative to the
    ///   directory of the including file; the matches, sorted, are parsed
    ///   recursively right there;
    /// * `hwcap` (any case) + blank: ignored with a warning (glibc >= 2.32);
    /// * anything else is a directory ([`DirList::add_dir`]).
    pub fn parse_conf(&mut self, fs: &dyn ConfFs, path: &str, rules: ConfRules) {
        self.parse_file(fs, path, rules, None, 0);
    }

    fn parse_file(
        &mut self,
        fs: &dyn ConfFs,
        path: &str,
        rules: ConfRules,
        included_from: Option<(&str, u32)>,
        depth: usize,
    ) {
        self.files_parsed = self.files_parsed.saturating_add(1);
        let Some(contents) = fs.read(path) else {
            // A glob match that is a directory: fopen works, getline fails,
            // nothing is said.
            if included_from.is_none() || fs.list_dir(path).is_none() {
                self.diagnostics.push(ConfDiagnostic::Unreadable {
                    path: path.to_string(),
                    included_from: included_from.map(|(f, l)| (f.to_string(), l)),
                });
            }
            return;
        };
        self.bytes_parsed = self.bytes_parsed.saturating_add(contents.len());
        let mut lines: Vec<&[u8]> = contents.split(|&b| b == b'\n').collect();
        // getline: nothing after a final '\n' is a line.
        if contents.ends_with(b"\n") {
            lines.pop();
        }
        for (index, raw) in lines.into_iter().enumerate() {
            let lineno = u32::try_from(index + 1).unwrap_or(u32::MAX);
            let line = raw.split(|&b| b == 0).next().unwrap_or(raw);
            let line = line.split(|&b| b == b'#').next().unwrap_or(line);
            let start = line
                .iter()
                .position(|&b| !is_space(b))
                .unwrap_or(line.len());
            let cp = &line[start..];
            if cp.is_empty() {
                continue;
            }
            if cp.starts_with(b"include") && cp.get(7).copied().is_some_and(is_blank) {
                for word in cp[8..].split(|&b| is_blank(b)).filter(|w| !w.is_empty()) {
                    let pattern = String::from_utf8_lossy(word).into_owned();
                    self.include(fs, path, lineno, &pattern, rules, depth);
                }
            } else if cp.len() >= 5
                && cp[..5].eq_ignore_ascii_case(b"hwcap")
                && cp.get(5).copied().is_some_and(is_blank)
            {
                self.diagnostics.push(ConfDiagnostic::HwcapIgnored {
                    file: path.to_string(),
                    line: lineno,
                });
            } else {
                let text = String::from_utf8_lossy(cp);
                self.add_dir_rules(fs, &text, path, lineno, rules);
            }
        }
    }

    /// `parse_conf_include`: expand one glob pattern and parse each match.
    fn include(
        &mut self,
        fs: &dyn ConfFs,
        config_file: &str,
        lineno: u32,
        pattern: &str,
        rules: ConfRules,
        depth: usize,
    ) {
        let pattern = if pattern.starts_with('/') {
            pattern.to_string()
        } else {
            format!("{}/{}", dirname(config_file), pattern)
        };
        if depth + 1 > MAX_INCLUDE_DEPTH {
            self.diagnostics.push(ConfDiagnostic::IncludeTooDeep {
                path: pattern,
                file: config_file.to_string(),
                line: lineno,
            });
            return;
        }
        for matched in glob(fs, &pattern) {
            if self.files_parsed >= MAX_CONF_FILES || self.bytes_parsed >= MAX_CONF_BYTES {
                if !self.limit_reported {
                    self.limit_reported = true;
                    self.diagnostics.push(ConfDiagnostic::ParseLimit {
                        path: matched,
                        file: config_file.to_string(),
                        line: lineno,
                    });
                }
                return;
            }
            self.parse_file(fs, &matched, rules, Some((config_file, lineno)), depth + 1);
        }
    }

    /// `add_dir_1` with the current rules (see [`DirList::add_dir`]).
    fn add_dir_rules(
        &mut self,
        fs: &dyn ConfFs,
        line: &str,
        file: &str,
        lineno: u32,
        rules: ConfRules,
    ) {
        let mut path = line;
        if rules.type_suffix {
            if let Some(eq) = line.find('=') {
                let type_name = &line[eq + 1..];
                if !matches!(type_name, "libc4" | "libc5" | "libc6" | "glibc2") {
                    self.diagnostics.push(ConfDiagnostic::UnknownLibraryType {
                        type_name: type_name.to_string(),
                        file: file.to_string(),
                        line: lineno,
                    });
                }
                path = &line[..eq];
            }
        }
        self.add_dir(fs, path, file, lineno);
    }

    /// `add_dir_1` (glibc >= 2.37): remove trailing whitespace, then trailing
    /// `/` (so `/` itself becomes empty and is dropped); `stat` the rest
    /// (missing → dropped); drop it if a directory with the same
    /// `(st_dev, st_ino)` is already listed; otherwise append it, followed by
    /// its `glibc-hwcaps/*` subdirectories ([`DirList::add_glibc_hwcaps`]).
    pub fn add_dir(&mut self, fs: &dyn ConfFs, line: &str, file: &str, lineno: u32) {
        let path = line.trim_end_matches(|c: char| c.is_ascii() && is_space(c as u8));
        let path = path.trim_end_matches('/');
        if path.is_empty() {
            return;
        }
        let Some(identity) = fs.identity(&absolute(path)) else {
            self.diagnostics.push(ConfDiagnostic::MissingDir {
                path: path.to_string(),
                file: file.to_string(),
                line: lineno,
            });
            return;
        };
        let entry = ConfDir {
            path: path.to_string(),
            file: file.to_string(),
            line: lineno,
            hwcaps: None,
            identity,
        };
        if self.add_single_dir(entry, true) {
            self.add_glibc_hwcaps(fs, self.dirs.len() - 1);
        }
    }

    /// `add_single_dir`: append unless the identity is already listed.
    fn add_single_dir(&mut self, entry: ConfDir, report: bool) -> bool {
        if let Some(first) = self.dirs.iter().find(|d| d.identity == entry.identity) {
            if report {
                self.diagnostics.push(ConfDiagnostic::DuplicateDir {
                    path: entry.path,
                    file: entry.file,
                    line: entry.line,
                    first_path: first.path.clone(),
                    first_file: first.file.clone(),
                    first_line: first.line,
                });
            }
            return false;
        }
        self.dirs.push(entry);
        true
    }

    /// `add_glibc_hwcaps_subdirectories`: every entry of
    /// `<dir>/glibc-hwcaps/` that does not start with `.`, has no `:` and
    /// resolves to a directory is appended (silently de-duplicated) as
    /// `<dir as written>/glibc-hwcaps/<name>`, with the parent's origin.
    /// ldconfig takes them in `readdir` order; here they are sorted by name so
    /// the result does not depend on the file system (the cache sorts
    /// glibc-hwcaps entries by name anyway).
    fn add_glibc_hwcaps(&mut self, fs: &dyn ConfFs, parent: usize) {
        let parent = self.dirs[parent].clone();
        let base = format!("{}/glibc-hwcaps", absolute(&parent.path));
        let Some(mut names) = fs.list_dir(&base) else {
            return;
        };
        names.sort_unstable();
        for name in names {
            if name.starts_with('.') || name.contains(':') || name.contains('/') {
                continue;
            }
            let real = format!("{base}/{name}");
            if fs.list_dir(&real).is_none() {
                continue;
            }
            let Some(identity) = fs.identity(&real) else {
                continue;
            };
            self.add_single_dir(
                ConfDir {
                    path: format!("{}/glibc-hwcaps/{}", parent.path, name),
                    file: parent.file.clone(),
                    line: parent.line,
                    hwcaps: Some(name),
                    identity,
                },
                false,
            );
        }
    }

    /// ldconfig `main` after the configuration: each system directory through
    /// `add_dir` with origin `<builtin>:0` (pass the output of
    /// [`system_dirs`] or [`debian_system_dirs`]).
    pub fn add_system_dirs(&mut self, fs: &dyn ConfFs, dirs: &[String]) {
        for d in dirs {
            self.add_dir(fs, d, BUILTIN, 0);
        }
    }
}

/// The whole list ldconfig builds: `conf_path` (normally `/etc/ld.so.conf`),
/// then `system_dirs`, de-duplicated by identity across both.
pub fn ldconfig_dirs(
    fs: &dyn ConfFs,
    conf_path: &str,
    rules: ConfRules,
    system_dirs: &[String],
) -> DirList {
    let mut list = DirList::new();
    list.parse_conf(fs, conf_path, rules);
    list.add_system_dirs(fs, system_dirs);
    list
}

// ---------------------------------------------------------------------------
// glob(3) emulation for include patterns.

/// One element of a path-component pattern.
#[derive(Clone, Debug)]
enum Token {
    Literal(u8),
    AnyOne,
    AnySeq,
    /// `[...]`: negated?, single bytes, ranges, and POSIX classes.
    Class {
        negate: bool,
        items: Vec<ClassItem>,
    },
}

#[derive(Clone, Debug)]
enum ClassItem {
    Byte(u8),
    Range(u8, u8),
    Named(fn(u8) -> bool),
}

fn class_fn(name: &[u8]) -> Option<fn(u8) -> bool> {
    Some(match name {
        b"alnum" => |c: u8| c.is_ascii_alphanumeric(),
        b"alpha" => |c: u8| c.is_ascii_alphabetic(),
        b"blank" => is_blank,
        b"cntrl" => |c: u8| c.is_ascii_control(),
        b"digit" => |c: u8| c.is_ascii_digit(),
        b"graph" => |c: u8| c.is_ascii_graphic(),
        b"lower" => |c: u8| c.is_ascii_lowercase(),
        b"print" => |c: u8| c.is_ascii_graphic() || c == b' ',
        b"punct" => |c: u8| c.is_ascii_punctuation(),
        b"space" => is_space,
        b"upper" => |c: u8| c.is_ascii_uppercase(),
        b"xdigit" => |c: u8| c.is_ascii_hexdigit(),
        _ => return None,
    })
}

/// Parse `[...]` starting after the `[` at `p[i]`; `None` if unterminated
/// (then the `[` is an ordinary character, as in fnmatch).
fn parse_class(p: &[u8], mut i: usize) -> Option<(Token, usize)> {
    let mut negate = false;
    if matches!(p.get(i), Some(b'!') | Some(b'^')) {
        negate = true;
        i += 1;
    }
    let mut items = Vec::new();
    let mut first = true;
    loop {
        let c = *p.get(i)?;
        if c == b']' && !first {
            return Some((Token::Class { negate, items }, i + 1));
        }
        first = false;
        if c == b'[' && p.get(i + 1) == Some(&b':') {
            if let Some(len) = p[i + 2..].windows(2).position(|w| w == b":]") {
                if let Some(f) = class_fn(&p[i + 2..i + 2 + len]) {
                    items.push(ClassItem::Named(f));
                    i += 2 + len + 2;
                    continue;
                }
            }
        }
        let (lo, next) = if c == b'\\' {
            (*p.get(i + 1)?, i + 2)
        } else {
            (c, i + 1)
        };
        if p.get(next) == Some(&b'-') && p.get(next + 1).is_some_and(|&b| b != b']') {
            let (hi, after) = if p[next + 1] == b'\\' {
                (*p.get(next + 2)?, next + 3)
            } else {
                (p[next + 1], next + 2)
            };
            items.push(ClassItem::Range(lo, hi));
            i = after;
        } else {
            items.push(ClassItem::Byte(lo));
            i = next;
        }
    }
}

/// Tokens of one path component, and whether it has any glob magic
/// (`__glob_pattern_p`: `*`, `?`, or a `[` that starts a class).
fn tokenize(component: &[u8]) -> (Vec<Token>, bool) {
    let mut tokens = Vec::new();
    let mut magic = false;
    let mut i = 0;
    while i < component.len() {
        match component[i] {
            b'\\' if i + 1 < component.len() => {
                tokens.push(Token::Literal(component[i + 1]));
                i += 2;
            }
            b'*' => {
                magic = true;
                tokens.push(Token::AnySeq);
                i += 1;
            }
            b'?' => {
                magic = true;
                tokens.push(Token::AnyOne);
                i += 1;
            }
            b'[' => match parse_class(component, i + 1) {
                Some((class, next)) => {
                    magic = true;
                    tokens.push(class);
                    i = next;
                }
                None => {
                    tokens.push(Token::Literal(b'['));
                    i += 1;
                }
            },
            c => {
                tokens.push(Token::Literal(c));
                i += 1;
            }
        }
    }
    (tokens, magic)
}

fn class_matches(negate: bool, items: &[ClassItem], c: u8) -> bool {
    let hit = items.iter().any(|item| match *item {
        ClassItem::Byte(b) => b == c,
        ClassItem::Range(lo, hi) => lo <= c && c <= hi,
        ClassItem::Named(f) => f(c),
    });
    hit != negate
}

/// `fnmatch (pattern, name, FNM_PERIOD)` for one component: a leading `.`
/// must be matched by a literal `.`. Iterative star backtracking, O(n·m).
fn fnmatch(tokens: &[Token], name: &[u8]) -> bool {
    if name.first() == Some(&b'.') && !matches!(tokens.first(), Some(Token::Literal(b'.'))) {
        return false;
    }
    let (mut t, mut n) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        let ok = match tokens.get(t) {
            Some(Token::Literal(c)) => *c == name[n],
            Some(Token::AnyOne) => true,
            Some(Token::Class { negate, items }) => class_matches(*negate, items, name[n]),
            Some(Token::AnySeq) => {
                star = Some((t, n));
                t += 1;
                continue;
            }
            None => false,
        };
        if ok {
            t += 1;
            n += 1;
        } else if let Some((st, sn)) = star {
            t = st + 1;
            n = sn + 1;
            star = Some((st, sn + 1));
        } else {
            return false;
        }
    }
    tokens[t.min(tokens.len())..]
        .iter()
        .all(|tok| matches!(tok, Token::AnySeq))
}

/// Remove backslash escapes from a component without magic.
fn unescape(component: &[u8]) -> String {
    let (tokens, _) = tokenize(component);
    let bytes: Vec<u8> = tokens
        .into_iter()
        .filter_map(|t| match t {
            Token::Literal(c) => Some(c),
            _ => None,
        })
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// `glob (pattern, 0, NULL, &gl)` as `parse_conf_include` calls it, for an
/// absolute pattern: components with magic are matched against
/// [`ConfFs::list_dir`] (intermediate matches must be directories), literal
/// components are taken as they are; the final literal name must exist.
/// Unreadable directories are skipped silently (no `GLOB_ERR`). Results are
/// sorted bytewise (glob sorts with `strcoll`; ldconfig runs in the user's
/// locale, so under a non-C locale the order can differ).
pub fn glob(fs: &dyn ConfFs, pattern: &str) -> Vec<String> {
    let components: Vec<&[u8]> = pattern
        .as_bytes()
        .split(|&b| b == b'/')
        .filter(|c| !c.is_empty())
        .collect();
    let trailing_slash = pattern.ends_with('/') && !components.is_empty();
    let mut current: Vec<String> = vec!["/".to_string()];
    for (i, component) in components.iter().enumerate() {
        let last = i + 1 == components.len();
        let (tokens, magic) = tokenize(component);
        let mut next = Vec::new();
        if magic {
            for dir in &current {
                let Some(mut names) = fs.list_dir(dir) else {
                    continue;
                };
                names.sort_unstable();
                for name in names {
                    if fnmatch(&tokens, name.as_bytes()) {
                        next.push(join(dir, &name));
                    }
                }
            }
        } else {
            let name = unescape(component);
            for dir in &current {
                let path = join(dir, &name);
                // A literal last component must exist (glob checks with
                // lstat); intermediate ones are checked by the next listing.
                let exists = !last || {
                    let parent_has = fs.list_dir(dir).is_some_and(|names| names.contains(&name));
                    parent_has || fs.identity(&path).is_some()
                };
                if exists {
                    next.push(path);
                }
            }
        }
        current = next;
        if current.is_empty() {
            break;
        }
    }
    if components.is_empty() {
        return Vec::new();
    }
    if trailing_slash {
        current.retain(|p| fs.list_dir(p).is_some());
    }
    current.sort_unstable();
    current.dedup();
    current
}

// ---------------------------------------------------------------------------
// System directories (`add_system_dir`).

/// Which `add_system_dir` macro the ldconfig of an architecture was built
/// with (sysdeps/generic/dl-cache.h and sysdeps/.../dl-cache.h).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LdconfigArch {
    /// sysdeps/x86_64/dl-cache.h (x86_64 and x32): `…/lib64`, `…/libx32` →
    /// `…/lib`; a `…/lib` also adds `…/lib64` and `…/libx32`.
    X86_64,
    /// aarch64, powerpc, s390, sparc (32 and 64 bit): `…/lib64` → `…/lib`,
    /// then `…/lib64`.
    Lib64,
    /// mips (all ABIs): `…/lib64`, `…/lib32` → `…/lib`, then `…/lib32`, `…/lib64`.
    Mips,
    /// riscv: `…/lib64/lp64d` etc. → `…/lib`, then all four ABI directories.
    Riscv,
    /// loongarch: `…/lib64`, `…/lib64/sf` → `…/lib`, then both.
    LoongArch,
    /// Everything else (i386, arm, m68k, …): the directory itself.
    Generic,
}

/// The `add_system_dir` variant of the ldconfig for `e_machine`.
pub fn ldconfig_arch(e_machine: u16) -> LdconfigArch {
    match e_machine {
        62 => LdconfigArch::X86_64,
        183 | 20 | 21 | 22 | 2 | 18 | 43 => LdconfigArch::Lib64,
        8 | 10 => LdconfigArch::Mips,
        243 => LdconfigArch::Riscv,
        258 => LdconfigArch::LoongArch,
        _ => LdconfigArch::Generic,
    }
}

/// `add_system_dir (dir)`: the `add_dir` calls it makes, in order.
pub fn add_system_dir(arch: LdconfigArch, dir: &str) -> Vec<String> {
    // Strip the first matching suffix down to "/lib", then add it and, if it
    // ends in "/lib", the arch's siblings.
    let (strip, siblings): (&[&str], &[&str]) = match arch {
        LdconfigArch::Generic => return vec![dir.to_string()],
        LdconfigArch::X86_64 => (&["/lib64", "/libx32"], &["/lib64", "/libx32"]),
        LdconfigArch::Lib64 => (&["/lib64"], &["/lib64"]),
        LdconfigArch::Mips => (&["/lib64", "/lib32"], &["/lib32", "/lib64"]),
        LdconfigArch::Riscv => {
            const D: &[&str] = &[
                "/lib64/lp64d",
                "/lib64/lp64",
                "/lib32/ilp32d",
                "/lib32/ilp32",
            ];
            (D, D)
        }
        LdconfigArch::LoongArch => {
            const D: &[&str] = &["/lib64", "/lib64/sf"];
            (D, D)
        }
    };
    let mut base = dir.to_string();
    if let Some(s) = strip.iter().find(|s| dir.ends_with(*s)) {
        base.truncate(dir.len() - s.len());
        base.push_str("/lib");
    }
    let mut out = vec![base.clone()];
    if let Some(prefix) = base.strip_suffix("/lib") {
        out.extend(siblings.iter().map(|s| format!("{prefix}{s}")));
    }
    out
}

/// Upstream `SLIBDIR` and `LIBDIR` (prefix `/usr`) of glibc for an object of
/// this machine, class and `e_flags` (spec §1.7; sysdeps/unix/sysv/linux/*/configure).
/// `None` for machines glibc does not support.
pub fn upstream_lib_dirs(
    e_machine: u16,
    class64: bool,
    e_flags: u32,
) -> Option<(&'static str, &'static str)> {
    const LIB: (&str, &str) = ("/lib", "/usr/lib");
    const LIB64: (&str, &str) = ("/lib64", "/usr/lib64");
    Some(match e_machine {
        62 if class64 => LIB64,
        62 => ("/libx32", "/usr/libx32"),
        183 | 21 | 43 => LIB64,
        22 if class64 => LIB64,
        243 if class64 => match e_flags & 0x6 {
            0x4 => ("/lib64/lp64d", "/usr/lib64/lp64d"),
            0x0 => ("/lib64/lp64", "/usr/lib64/lp64"),
            _ => return None,
        },
        243 => match e_flags & 0x6 {
            0x4 => ("/lib32/ilp32d", "/usr/lib32/ilp32d"),
            0x0 => ("/lib32/ilp32", "/usr/lib32/ilp32"),
            _ => return None,
        },
        258 => match e_flags & 0x7 {
            0x3 => LIB64,
            0x1 => ("/lib64/sf", "/usr/lib64/sf"),
            _ => return None,
        },
        8 | 10 if class64 => LIB64,
        8 | 10 if e_flags & 0x20 != 0 => ("/lib32", "/usr/lib32"),
        3 | 40 | 20 | 22 | 2 | 18 | 8 | 10 | 4 | 15 | 42 | 92 | 113 | 189 | 195 | 252 | 0x9026 => {
            LIB
        }
        _ => return None,
    })
}

/// ldconfig `main`: `add_system_dir (SLIBDIR)`, then `add_system_dir
/// (LIBDIR)` if it differs.
pub fn system_dirs(arch: LdconfigArch, slibdir: &str, libdir: &str) -> Vec<String> {
    let mut out = add_system_dir(arch, slibdir);
    if slibdir != libdir {
        out.extend(add_system_dir(arch, libdir));
    }
    out
}

/// Upstream ldconfig's built-in directories for an object of this machine,
/// class and `e_flags`: [`system_dirs`] of [`upstream_lib_dirs`].
pub fn upstream_system_dirs(e_machine: u16, class64: bool, e_flags: u32) -> Option<Vec<String>> {
    let (slibdir, libdir) = upstream_lib_dirs(e_machine, class64, e_flags)?;
    Some(system_dirs(ldconfig_arch(e_machine), slibdir, libdir))
}

/// Debian's (multiarch) ldconfig built-ins, observed on Debian 12 amd64
/// (`ldconfig -r ROOT -v -N` with all four present as distinct directories):
/// `/lib/<triplet>`, `/usr/lib/<triplet>`, `/lib`, `/usr/lib`, each added
/// as it is (no `lib64` siblings).
pub fn debian_system_dirs(triplet: &str) -> Vec<String> {
    vec![
        format!("/lib/{triplet}"),
        format!("/usr/lib/{triplet}"),
        "/lib".to_string(),
        "/usr/lib".to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// An in-memory root: files, directories (with identities), symlinks to
    /// directories are modelled by sharing an identity.
    #[derive(Default)]
    struct MemFs {
        files: BTreeMap<String, Vec<u8>>,
        dirs: BTreeMap<String, (u64, u64)>,
    }

    impl MemFs {
        fn file(mut self, path: &str, text: &str) -> Self {
            self.files
                .insert(path.to_string(), text.as_bytes().to_vec());
            self.parents(path);
            self
        }
        fn dir(mut self, path: &str) -> Self {
            let id = (1, self.dirs.len() as u64 + 100);
            self.dirs.insert(path.to_string(), id);
            self.parents(path);
            self
        }
        /// A second name for an existing directory (symlink or bind mount).
        fn alias(mut self, path: &str, target: &str) -> Self {
            let id = self.dirs[target];
            self.dirs.insert(path.to_string(), id);
            self.parents(path);
            self
        }
        fn parents(&mut self, path: &str) {
            let mut p = path;
            while let Some(i) = p.rfind('/') {
                p = &p[..i];
                let key = if p.is_empty() { "/" } else { p };
                if !self.dirs.contains_key(key) {
                    let id = (1, self.dirs.len() as u64 + 100);
                    self.dirs.insert(key.to_string(), id);
                }
            }
        }
    }

    impl ConfFs for MemFs {
        fn read(&self, path: &str) -> Option<Vec<u8>> {
            self.files.get(path).cloned()
        }
        fn list_dir(&self, dir: &str) -> Option<Vec<String>> {
            if !self.dirs.contains_key(dir) {
                return None;
            }
            let prefix = if dir == "/" {
                "/".to_string()
            } else {
                format!("{dir}/")
            };
            let mut names: Vec<String> = self
                .files
                .keys()
                .chain(self.dirs.keys())
                .filter_map(|p| p.strip_prefix(&prefix))
                .filter(|rest| !rest.is_empty() && !rest.contains('/'))
                .map(str::to_string)
                .collect();
            names.reverse(); // not sorted, like readdir
            names.dedup();
            Some(names)
        }
        fn identity(&self, dir: &str) -> Option<(u64, u64)> {
            self.dirs.get(dir).copied().or_else(|| {
                self.files
                    .contains_key(dir)
                    .then_some((2, dir.len() as u64))
            })
        }
    }

    fn paths(list: &DirList) -> Vec<String> {
        list.dirs().iter().map(|d| d.path.clone()).collect()
    }

    #[test]
    fn comments_includes_globs_and_dedupe() {
        let fs = MemFs::default()
            .file(
                "/etc/ld.so.conf",
                "  # comment\n/opt/a/ # trailing comment\n\
                 include /etc/ld.so.conf.d/*.conf\n\
                 hwcap 0 nosegneg\n/opt/b\t \n/opt/a\n/missing\n/\n",
            )
            .file("/etc/ld.so.conf.d/b.conf", "/opt/c\n")
            .file("/etc/ld.so.conf.d/a.conf", "/opt/b//\n")
            .file("/etc/ld.so.conf.d/.hidden.conf", "/opt/hidden\n")
            .file("/etc/ld.so.conf.d/c.conf.bak", "/opt/bak\n")
            .dir("/opt/a")
            .dir("/opt/b")
            .dir("/opt/c")
            .dir("/opt/hidden")
            .dir("/opt/bak");
        let list = ldconfig_dirs(&fs, "/etc/ld.so.conf", ConfRules::default(), &[]);
        assert_eq!(paths(&list), ["/opt/a", "/opt/b", "/opt/c"]);
        let d = list.dirs();
        assert_eq!((d[0].file.as_str(), d[0].line), ("/etc/ld.so.conf", 2));
        assert_eq!(
            (d[1].file.as_str(), d[1].line),
            ("/etc/ld.so.conf.d/a.conf", 1)
        );
        let diags = list.diagnostics();
        assert!(diags.contains(&ConfDiagnostic::HwcapIgnored {
            file: "/etc/ld.so.conf".into(),
            line: 4
        }));
        assert!(diags
            .iter()
            .any(|d| matches!(d, ConfDiagnostic::MissingDir { path, .. } if path == "/missing")));
        assert_eq!(
            diags
                .iter()
                .filter(|d| matches!(d, ConfDiagnostic::DuplicateDir { .. }))
                .count(),
            2
        );
    }

    #[test]
    fn relative_include_and_aliases() {
        let fs = MemFs::default()
            .file(
                "/etc/ld.so.conf",
                "include conf.d/x*.conf sub/[0-9]?.conf\n",
            )
            .file("/etc/conf.d/x1.conf", "/usr/lib/t\n")
            .file("/etc/sub/42.conf", "/lib/t\n/usr/local/lib\n")
            .file("/etc/sub/4.conf", "/nomatch-too-short\n")
            .dir("/usr/lib/t")
            .alias("/lib/t", "/usr/lib/t")
            .dir("/usr/local/lib");
        let list = ldconfig_dirs(&fs, "/etc/ld.so.conf", ConfRules::default(), &[]);
        assert_eq!(paths(&list), ["/usr/lib/t", "/usr/local/lib"]);
    }

    #[test]
    fn include_loops_are_cut() {
        let fs = MemFs::default()
            .file("/etc/ld.so.conf", "/a\ninclude /etc/ld.so.conf\n")
            .dir("/a");
        let list = ldconfig_dirs(&fs, "/etc/ld.so.conf", ConfRules::default(), &[]);
        assert_eq!(paths(&list), ["/a"]);
        assert!(list
            .diagnostics()
            .iter()
            .any(|d| matches!(d, ConfDiagnostic::IncludeTooDeep { .. })));
    }

    #[test]
    fn include_fan_out_is_bounded() {
        let fs = MemFs::default()
            .file(
                "/etc/ld.so.conf",
                "/a\ninclude /etc/ld.so.conf /etc/ld.so.conf\n",
            )
            .dir("/a");
        let list = ldconfig_dirs(&fs, "/etc/ld.so.conf", ConfRules::default(), &[]);
        assert_eq!(paths(&list), ["/a"]);
        let too_many = list
            .diagnostics()
            .iter()
            .filter(|d| matches!(d, ConfDiagnostic::ParseLimit { .. }))
            .count();
        assert_eq!(too_many, 1);
    }

    #[test]
    fn unreadable_and_literal_includes() {
        let fs = MemFs::default()
            .file(
                "/etc/ld.so.conf",
                "include /etc/absent.conf /etc/d\ninclude\n",
            )
            .dir("/etc/d")
            .dir("/include");
        let list = ldconfig_dirs(&fs, "/etc/ld.so.conf", ConfRules::default(), &[]);
        // `include` alone is a directory line naming "include" (relative to /).
        assert_eq!(paths(&list), ["include"]);
        // Absent literal include: no match, silent. A directory: silent too.
        assert!(!list
            .diagnostics()
            .iter()
            .any(|d| matches!(d, ConfDiagnostic::Unreadable { .. })));
        let list = ldconfig_dirs(
            &MemFs::default(),
            "/etc/ld.so.conf",
            ConfRules::default(),
            &[],
        );
        assert_eq!(list.diagnostics().len(), 1);
    }

    #[test]
    fn type_suffix_by_version() {
        let fs = MemFs::default()
            .file("/etc/ld.so.conf", "/opt/x=libc6\n/opt/y=weird\n")
            .dir("/opt/x")
            .dir("/opt/y")
            .dir("/opt/x=libc6");
        let old = ldconfig_dirs(&fs, "/etc/ld.so.conf", ConfRules::for_glibc(36), &[]);
        assert_eq!(paths(&old), ["/opt/x", "/opt/y"]);
        assert_eq!(old.diagnostics().len(), 1);
        let new = ldconfig_dirs(&fs, "/etc/ld.so.conf", ConfRules::for_glibc(37), &[]);
        assert_eq!(paths(&new), ["/opt/x=libc6"]);
    }

    #[test]
    fn glibc_hwcaps_subdirectories() {
        let fs = MemFs::default()
            .file("/etc/ld.so.conf", "/opt/a\n/opt/a/glibc-hwcaps/x86-64-v3\n")
            .dir("/opt/a/glibc-hwcaps/x86-64-v3")
            .dir("/opt/a/glibc-hwcaps/x86-64-v2")
            .dir("/opt/a/glibc-hwcaps/.hidden")
            .dir("/opt/a/glibc-hwcaps/a:b")
            .file("/opt/a/glibc-hwcaps/file", "");
        let list = ldconfig_dirs(&fs, "/etc/ld.so.conf", ConfRules::default(), &[]);
        assert_eq!(
            paths(&list),
            [
                "/opt/a",
                "/opt/a/glibc-hwcaps/x86-64-v2",
                "/opt/a/glibc-hwcaps/x86-64-v3"
            ]
        );
        assert_eq!(list.dirs()[1].hwcaps.as_deref(), Some("x86-64-v2"));
        assert_eq!(list.dirs()[1].line, 1);
    }

    #[test]
    fn fnmatch_rules() {
        let m = |p: &str, n: &str| fnmatch(&tokenize(p.as_bytes()).0, n.as_bytes());
        assert!(m("*.conf", "a.conf"));
        assert!(!m("*.conf", ".a.conf"));
        assert!(m(".*", ".a"));
        assert!(m("[!a]*", "b"));
        assert!(!m("[!a]*", "a"));
        assert!(m("[]x]", "]"));
        assert!(m("[a-c]", "b"));
        assert!(m("[[:digit:]]x", "7x"));
        assert!(m("\\*", "*"));
        assert!(!m("\\*", "a"));
        assert!(m("a*b*c", "aXbYbZc"));
        assert!(!m("a*b*c", "aXbYbZ"));
        assert!(m("[ab", "[ab")); // unterminated class is literal
        assert!(m("?", "x"));
        assert!(!m("?", ".")); // leading period
        assert!(!tokenize(b"plain.conf").1);
        assert!(tokenize(b"x[ab]").1);
    }

    #[test]
    fn add_system_dir_variants() {
        use LdconfigArch::*;
        assert_eq!(
            add_system_dir(X86_64, "/lib64"),
            ["/lib", "/lib64", "/libx32"]
        );
        assert_eq!(
            add_system_dir(X86_64, "/usr/libx32"),
            ["/usr/lib", "/usr/lib64", "/usr/libx32"]
        );
        assert_eq!(
            add_system_dir(X86_64, "/lib/x86_64-linux-gnu"),
            ["/lib/x86_64-linux-gnu"]
        );
        assert_eq!(
            add_system_dir(Lib64, "/usr/lib64"),
            ["/usr/lib", "/usr/lib64"]
        );
        assert_eq!(add_system_dir(Mips, "/lib32"), ["/lib", "/lib32", "/lib64"]);
        assert_eq!(
            add_system_dir(Riscv, "/usr/lib64/lp64d"),
            [
                "/usr/lib",
                "/usr/lib64/lp64d",
                "/usr/lib64/lp64",
                "/usr/lib32/ilp32d",
                "/usr/lib32/ilp32"
            ]
        );
        assert_eq!(
            add_system_dir(LoongArch, "/lib64/sf"),
            ["/lib", "/lib64", "/lib64/sf"]
        );
        assert_eq!(add_system_dir(Generic, "/lib64"), ["/lib64"]);
        assert_eq!(
            upstream_system_dirs(62, true, 0).unwrap(),
            [
                "/lib",
                "/lib64",
                "/libx32",
                "/usr/lib",
                "/usr/lib64",
                "/usr/libx32"
            ]
        );
        assert_eq!(
            upstream_system_dirs(3, false, 0).unwrap(),
            ["/lib", "/usr/lib"]
        );
        assert_eq!(
            upstream_system_dirs(183, true, 0).unwrap(),
            ["/lib", "/lib64", "/usr/lib", "/usr/lib64"]
        );
        assert_eq!(upstream_system_dirs(0x1234, true, 0), None);
        assert_eq!(
            debian_system_dirs("x86_64-linux-gnu"),
            [
                "/lib/x86_64-linux-gnu",
                "/usr/lib/x86_64-linux-gnu",
                "/lib",
                "/usr/lib"
            ]
        );
    }

    #[test]
    fn odd_bytes_do_not_panic() {
        let fs = MemFs::default()
            .file(
                "/etc/ld.so.conf",
                "\0/x\n\u{feff}/y\ninclude \t [\\\ninclude [[:\n/\u{e9}/\n\r\n",
            )
            .dir("/y");
        let list = ldconfig_dirs(&fs, "/etc/ld.so.conf", ConfRules::default(), &[]);
        assert!(list.dirs().is_empty());
        assert_eq!(dirname("/ld.so.conf"), "/");
        assert_eq!(dirname("/etc//x"), "/etc");
    }
}
