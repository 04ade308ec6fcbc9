//! The text `go version` and `go version -m` print for one Go binary
//! (Go 1.19: cmd/go/internal/version/version.go `scanFile`, and
//! runtime/debug/mod.go `BuildInfo.String`). A parity renderer: raw bytes
//! from the file, never colored, never sanitized.

use crate::elf::go::modinfo::{key_needs_quote, value_needs_quote};
use crate::elf::go::{strconv, GoBuildInfo, GoModule, ModuleInfo};

/// `BuildInfo.String()` of a build info whose `GoVersion` is empty (as
/// `scanFile` clears it before printing): `path`, `mod`, `dep` and `=>`,
/// `build` lines, each ending in `\n`.
///
/// Go 1.19 ends a replaced module with two newlines (`formatMod` writes one
/// after the `=>` line and one more for the module it replaces), so a
/// replacement is followed by an empty line; that is reproduced.
pub fn write_build_info_string(out: &mut Vec<u8>, info: &ModuleInfo) {
    if !info.path.is_empty() {
        out.extend_from_slice(b"path\t");
        out.extend_from_slice(&info.path);
        out.push(b'\n');
    }
    if !info.main.is_zero() {
        format_mod(out, b"mod", &info.main);
    }
    for dep in &info.deps {
        format_mod(out, b"dep", dep);
    }
    for s in &info.settings {
        out.extend_from_slice(b"build\t");
        if key_needs_quote(&s.key) {
            out.extend_from_slice(strconv::quote(&s.key).as_bytes());
        } else {
            out.extend_from_slice(&s.key);
        }
        out.push(b'=');
        if value_needs_quote(&s.value) {
            out.extend_from_slice(strconv::quote(&s.value).as_bytes());
        } else {
            out.extend_from_slice(&s.value);
        }
        out.push(b'\n');
    }
}

/// `formatMod` in `BuildInfo.String`.
fn format_mod(out: &mut Vec<u8>, word: &[u8], m: &GoModule) {
    out.extend_from_slice(word);
    out.push(b'\t');
    out.extend_from_slice(&m.path);
    out.push(b'\t');
    out.extend_from_slice(&m.version);
    match &m.replace {
        None => {
            out.push(b'\t');
            out.extend_from_slice(&m.sum);
        }
        Some(r) => {
            out.push(b'\n');
            format_mod(out, b"=>", r);
        }
    }
    out.push(b'\n');
}

/// What `scanFile` prints on stdout for a Go binary `name`: `NAME: VERSION`
/// and, with `modules` (`-m`), the module info with every line indented by
/// a TAB.
pub fn write_version(out: &mut Vec<u8>, name: &[u8], info: &GoBuildInfo, modules: bool) {
    out.extend_from_slice(name);
    out.extend_from_slice(b": ");
    out.extend_from_slice(&info.go_version);
    out.push(b'\n');
    if !modules {
        return;
    }
    let mut text = Vec::new();
    write_build_info_string(&mut text, &info.modules);
    if let Some((_, body)) = text.split_last() {
        // fmt.Printf("\t%s\n", strings.ReplaceAll(mod[:len(mod)-1], "\n", "\n\t"))
        out.push(b'\t');
        for &b in body {
            out.push(b);
            if b == b'\n' {
                out.push(b'\t');
            }
        }
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_go_text() {
        // As printed by go1.19.8 for a binary with a local replace.
        let text = "path\texample.com/app\n\
                    mod\texample.com/app\t(devel)\t\n\
                    dep\texample.com/lib\tv1.2.3\n\
                    =>\t../lib\t(devel)\t\n\
                    build\t-ldflags=\"-X \\\"main.x=a b\\\" -X main.y=c\"\n\
                    build\tCGO_ENABLED=1\n";
        let (info, err) = ModuleInfo::parse(text.as_bytes());
        assert_eq!(err, None);
        let mut out = Vec::new();
        write_build_info_string(&mut out, &info);
        let expected = text.replace("=>\t../lib\t(devel)\t\n", "=>\t../lib\t(devel)\t\n\n");
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
