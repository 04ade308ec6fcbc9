//! The module information text of a Go binary, parsed the way Go 1.19's
//! `runtime/debug.ParseBuildInfo` (src/runtime/debug/mod.go) parses it.
//!
//! The text is lines separated by `\n`, fields by TAB:
//!
//! ```text
//! path    example.com/hello               main package
//! mod     example.com/hello  (devel)  [sum]   main module
//! dep     golang.org/x/text  v0.3.7   h1:...  a dependency
//! =>      ../text            (devel)  [sum]   replaces the module above
//! build   -ldflags="-X main.v=1"      a build setting, Go-quoted if needed
//! ```
//!
//! Unknown lines are ignored and so is a last line without `\n`, as in Go.
//! All strings are byte strings: Go does not require UTF-8.

use std::fmt;

use super::strconv;

/// A module: `debug.Module`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoModule {
    pub path: Vec<u8>,
    /// `(devel)` for the main module of a local build.
    pub version: Vec<u8>,
    /// The go.sum hash (`h1:...`); empty when not recorded.
    pub sum: Vec<u8>,
    /// The module that replaced this one (a `=>` line).
    pub replace: Option<Box<GoModule>>,
}

impl GoModule {
    /// True for Go's zero `Module{}` (which `BuildInfo.String` omits).
    pub fn is_zero(&self) -> bool {
        self.path.is_empty()
            && self.version.is_empty()
            && self.sum.is_empty()
            && self.replace.is_none()
    }
}

/// One `build` line: `debug.BuildSetting`, key and value unquoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoSetting {
    pub key: Vec<u8>,
    pub value: Vec<u8>,
}

/// Parsed module information: `debug.BuildInfo` without `GoVersion`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModuleInfo {
    /// The main package's import path (`path` line).
    pub path: Vec<u8>,
    /// The main module (`mod` line); zero when absent.
    pub main: GoModule,
    /// Dependencies in the order recorded (`dep` lines).
    pub deps: Vec<GoModule>,
    /// Build settings in the order recorded (`build` lines), e.g.
    /// `-compiler=gc`, `CGO_ENABLED=0`, `GOARCH=amd64`, `vcs.revision=...`.
    pub settings: Vec<GoSetting>,
}

impl ModuleInfo {
    /// The first setting called `key`.
    pub fn setting(&self, key: &[u8]) -> Option<&[u8]> {
        self.settings
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.value.as_slice())
    }

    /// The main module's path, or the main package's path when there is
    /// no `mod` line (a build outside module mode or of a file list).
    pub fn main_module_path(&self) -> &[u8] {
        if self.main.path.is_empty() {
            &self.path
        } else {
            &self.main.path
        }
    }
}

/// Why module information does not parse; Go then rejects the whole build
/// info (`could not parse Go build info: line N: ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModInfoError {
    /// 1-based line number, as Go counts it.
    pub line: usize,
    pub kind: ModInfoErrorKind,
}

/// The messages of `ParseBuildInfo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModInfoErrorKind {
    ModuleColumns { got: usize },
    ReplacementColumns { got: usize },
    ReplacementWithoutModule,
    BuildLineMissingEquals,
    BuildLineMissingKey,
    InvalidQuotedKey,
    MissingEqualsAfterQuotedKey,
    UnexpectedAfterQuotedKey { byte: u8 },
    MissingEqualsAfterKey,
    UnquotedKey { key: Vec<u8> },
    InvalidQuotedValue,
    UnquotedValue { value: Vec<u8> },
}

impl fmt::Display for ModInfoErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ModInfoErrorKind as K;
        match self {
            K::ModuleColumns { got } => write!(f, "expected 2 or 3 columns; got {got}"),
            K::ReplacementColumns { got } => {
                write!(f, "expected 3 columns for replacement; got {got}")
            }
            K::ReplacementWithoutModule => {
                f.write_str("replacement with no module on previous line")
            }
            K::BuildLineMissingEquals => f.write_str("build line missing '='"),
            K::BuildLineMissingKey => f.write_str("build line with missing key"),
            K::InvalidQuotedKey => f.write_str("invalid quoted key in build line"),
            K::MissingEqualsAfterQuotedKey => {
                f.write_str("build line missing '=' after quoted key")
            }
            K::UnexpectedAfterQuotedKey { byte } => write!(
                f,
                "unexpected character after quoted key: {}",
                strconv::quote_rune(u32::from(*byte))
            ),
            K::MissingEqualsAfterKey => f.write_str("build line missing '=' after key"),
            K::UnquotedKey { key } => {
                write!(f, "unquoted key {} must be quoted", strconv::quote(key))
            }
            K::InvalidQuotedValue => f.write_str("invalid quoted value in build line"),
            K::UnquotedValue { value } => {
                write!(f, "unquoted value {} must be quoted", strconv::quote(value))
            }
        }
    }
}

impl fmt::Display for ModInfoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not parse Go build info: line {}: {}",
            self.line, self.kind
        )
    }
}

impl std::error::Error for ModInfoError {}

/// `debug.quoteKey`: whether `BuildInfo.String` must quote a key.
pub fn key_needs_quote(key: &[u8]) -> bool {
    key.is_empty()
        || key
            .iter()
            .any(|b| matches!(b, b'=' | b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'`'))
}

/// `debug.quoteValue`: whether `BuildInfo.String` must quote a value.
pub fn value_needs_quote(value: &[u8]) -> bool {
    value
        .iter()
        .any(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'`'))
}

fn module_line(fields: &[&[u8]]) -> Result<GoModule, ModInfoErrorKind> {
    if fields.len() != 2 && fields.len() != 3 {
        return Err(ModInfoErrorKind::ModuleColumns { got: fields.len() });
    }
    Ok(GoModule {
        path: fields[0].to_vec(),
        version: fields[1].to_vec(),
        sum: fields.get(2).map(|s| s.to_vec()).unwrap_or_default(),
        replace: None,
    })
}

fn split_tabs(s: &[u8]) -> Vec<&[u8]> {
    s.split(|&b| b == b'\t').collect()
}

/// A `build` line's `key=value` part.
fn setting_line(kv: &[u8]) -> Result<GoSetting, ModInfoErrorKind> {
    use ModInfoErrorKind as K;
    let Some(&first) = kv.first() else {
        return Err(K::BuildLineMissingEquals);
    };
    let (key, raw_value) = match first {
        b'=' => return Err(K::BuildLineMissingKey),
        b'`' | b'"' => {
            let raw_key = strconv::quoted_prefix(kv).map_err(|_| K::InvalidQuotedKey)?;
            let Some(&after) = kv.get(raw_key.len()) else {
                return Err(K::MissingEqualsAfterQuotedKey);
            };
            if after != b'=' {
                return Err(K::UnexpectedAfterQuotedKey { byte: after });
            }
            // Go ignores this error: a prefix that parsed also unquotes.
            let key = strconv::unquote(raw_key).unwrap_or_default();
            (key, &kv[raw_key.len() + 1..])
        }
        _ => {
            let eq = kv
                .iter()
                .position(|&b| b == b'=')
                .ok_or(K::MissingEqualsAfterKey)?;
            let key = &kv[..eq];
            if key_needs_quote(key) {
                return Err(K::UnquotedKey { key: key.to_vec() });
            }
            (key.to_vec(), &kv[eq + 1..])
        }
    };
    let value = match raw_value.first() {
        None => Vec::new(),
        Some(b'`' | b'"') => strconv::unquote(raw_value).map_err(|_| K::InvalidQuotedValue)?,
        Some(_) => {
            if value_needs_quote(raw_value) {
                return Err(K::UnquotedValue {
                    value: raw_value.to_vec(),
                });
            }
            raw_value.to_vec()
        }
    };
    Ok(GoSetting { key, value })
}

/// Which module a `=>` line replaces.
#[derive(Clone, Copy)]
enum Last {
    None,
    Main,
    Dep(usize),
}

impl ModuleInfo {
    /// Parses module information text (framing already removed), as
    /// `debug.ParseBuildInfo` does. On error the lines before the bad one
    /// are kept in the returned model beside the error (Go returns nothing).
    pub fn parse(text: &[u8]) -> (ModuleInfo, Option<ModInfoError>) {
        let mut info = ModuleInfo::default();
        let mut last = Last::None;
        let mut rest = text;
        let mut line_num = 1;
        while !rest.is_empty() {
            let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
                break;
            };
            let line = &rest[..nl];
            rest = &rest[nl + 1..];
            if let Err(kind) = info.parse_line(line, &mut last) {
                let error = ModInfoError {
                    line: line_num,
                    kind,
                };
                return (info, Some(error));
            }
            line_num += 1;
        }
        (info, None)
    }

    fn parse_line(&mut self, line: &[u8], last: &mut Last) -> Result<(), ModInfoErrorKind> {
        if let Some(elem) = line.strip_prefix(b"path\t") {
            self.path = elem.to_vec();
        } else if let Some(elem) = line.strip_prefix(b"mod\t") {
            // Go points `last` at the main module before it parses the line.
            *last = Last::Main;
            self.main = module_line(&split_tabs(elem))?;
        } else if let Some(elem) = line.strip_prefix(b"dep\t") {
            let dep = module_line(&split_tabs(elem))?;
            self.deps.push(dep);
            *last = Last::Dep(self.deps.len() - 1);
        } else if let Some(elem) = line.strip_prefix(b"=>\t") {
            let fields = split_tabs(elem);
            if fields.len() != 3 {
                return Err(ModInfoErrorKind::ReplacementColumns { got: fields.len() });
            }
            let replacement = Box::new(GoModule {
                path: fields[0].to_vec(),
                version: fields[1].to_vec(),
                sum: fields[2].to_vec(),
                replace: None,
            });
            let target = match *last {
                Last::None => return Err(ModInfoErrorKind::ReplacementWithoutModule),
                Last::Main => &mut self.main,
                Last::Dep(i) => &mut self.deps[i],
            };
            target.replace = Some(replacement);
            *last = Last::None;
        } else if let Some(kv) = line.strip_prefix(b"build\t") {
            self.settings.push(setting_line(kv)?);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> ModuleInfo {
        let (info, err) = ModuleInfo::parse(text.as_bytes());
        assert_eq!(err, None, "{text:?}");
        info
    }

    fn parse_err(text: &str) -> String {
        ModuleInfo::parse(text.as_bytes())
            .1
            .expect("an error")
            .to_string()
    }

    #[test]
    fn parses_all_line_kinds() {
        let info = parse_ok(
            "path\texample.com/app\n\
             mod\texample.com/app\t(devel)\t\n\
             dep\texample.com/lib\tv1.2.3\n\
             =>\t../lib\t(devel)\t\n\
             dep\tgolang.org/x/text\tv0.3.7\th1:abc=\n\
             build\t-ldflags=\"-X \\\"main.x=a b\\\"\"\n\
             build\t\"odd key\"=`v`\n\
             build\tCGO_ENABLED=0\n\
             ignored line\n\
             build\tno-newline=1",
        );
        assert_eq!(info.path, b"example.com/app");
        assert_eq!(info.main.version, b"(devel)");
        assert_eq!(info.deps.len(), 2);
        let rep = info.deps[0].replace.as_ref().unwrap();
        assert_eq!(rep.path, b"../lib");
        assert_eq!(info.deps[1].sum, b"h1:abc=");
        assert_eq!(info.setting(b"-ldflags"), Some(&b"-X \"main.x=a b\""[..]));
        assert_eq!(info.setting(b"odd key"), Some(&b"v"[..]));
        assert_eq!(info.settings.len(), 3);
        assert_eq!(info.main_module_path(), b"example.com/app");
    }

    #[test]
    fn replacement_attaches_to_the_last_module_line() {
        // A build line in between does not reset Go's `last`.
        let info = parse_ok("dep\ta\tv1\nbuild\tk=v\n=>\tb\tv2\th\n");
        assert_eq!(info.deps[0].replace.as_ref().unwrap().path, b"b");
        assert_eq!(
            parse_err("dep\ta\tv1\n=>\tb\tv2\th\n=>\tc\tv3\th\n"),
            "could not parse Go build info: line 3: replacement with no module on previous line"
        );
    }

    #[test]
    fn error_messages_match_go() {
        let cases = [
            ("mod\ta\n", "line 1: expected 2 or 3 columns; got 1"),
            (
                "path\tp\ndep\ta\tb\tc\td\n",
                "line 2: expected 2 or 3 columns; got 4",
            ),
            (
                "=>\ta\tb\n",
                "line 1: expected 3 columns for replacement; got 2",
            ),
            ("build\t\n", "line 1: build line missing '='"),
            ("build\t=x\n", "line 1: build line with missing key"),
            ("build\t\"k\n", "line 1: invalid quoted key in build line"),
            (
                "build\t\"k\"\n",
                "line 1: build line missing '=' after quoted key",
            ),
            (
                "build\t\"k\"x\n",
                "line 1: unexpected character after quoted key: 'x'",
            ),
            ("build\tk\n", "line 1: build line missing '=' after key"),
            (
                "build\ta b=c\n",
                "line 1: unquoted key \"a b\" must be quoted",
            ),
            (
                "build\tk=\"v\n",
                "line 1: invalid quoted value in build line",
            ),
            (
                "build\tk=a\"b\n",
                "line 1: unquoted value \"a\\\"b\" must be quoted",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(
                parse_err(text),
                format!("could not parse Go build info: {want}"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn partial_result_keeps_lines_before_the_error() {
        let (info, err) = ModuleInfo::parse(b"path\tp\nbuild\tA=1\nbuild\tbad\n");
        assert_eq!(err.unwrap().line, 3);
        assert_eq!(info.path, b"p");
        assert_eq!(info.settings.len(), 1);
    }
}
