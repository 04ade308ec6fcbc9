//! Many files -> report and findings: `relf audit` over a root directory
//! or a container image.
//!
//! [`audit`] looks at every regular file it is given, keeps the ELF ones
//! (magic bytes), classifies each ([`classify::classify`], the plug-in
//! point for `relf info`), resolves each dynamic one inside the root with
//! the loader of its own flavor (glibc or musl, from the file itself), and
//! turns what it learns into a libc [`Verdict`] and [`Finding`]s.
//!
//! Files are processed in parallel (rayon) through one shared [`Loader`]:
//! its [`ObjectCache`](crate::loader::object::ObjectCache) parses each
//! library once per run whatever the number of threads and programs that
//! need it, and keeps only the small parsed facts, never file contents, so
//! memory grows with the number of distinct objects. Each audited file's
//! own bytes are released as soon as it is done. Results come back in the
//! order of the input, so output never depends on scheduling.

pub mod classify;
pub mod facts;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::elf::ElfFile;
use crate::loader::arch::Arch;
use crate::loader::graph::{DepGraph, Flavor, FoundVia, Linkage, Rejection};
use crate::loader::object::ObjectInfo;
use crate::loader::root::{basename, Root};
use crate::loader::{Loader, LoaderEnv};
use classify::{classify, Classification, FileKind, Libc, LinkKind};

/// What is wrong, by kind; the order is severity, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingClass {
    /// A program's PT_INTERP is not in the image (`sh: ./app: not found`).
    NoInterpreter,
    /// A needed library is nowhere on the search path.
    NotFound,
    /// The loader would stop on a broken candidate.
    LoadError,
    /// A library exists only for another architecture, or a program is of
    /// another architecture than the image.
    WrongArch,
    /// A program needs a GLIBC_x.y version the image's glibc lacks.
    GlibcTooOld,
    /// Programs for both glibc and musl in one image.
    MixedLibc,
    /// A library a dlopen metadata note marks `required` is nowhere on the
    /// search path `dlopen()` would use.
    DlopenMissing,
    /// RPATH/RUNPATH with an empty, relative or world-writable element.
    InsecureRpath,
    /// A library found through RPATH/RUNPATH hides one of the same name in
    /// a system directory.
    RpathShadow,
}

impl FindingClass {
    pub const ALL: [FindingClass; 9] = [
        FindingClass::NoInterpreter,
        FindingClass::NotFound,
        FindingClass::LoadError,
        FindingClass::WrongArch,
        FindingClass::GlibcTooOld,
        FindingClass::MixedLibc,
        FindingClass::DlopenMissing,
        FindingClass::InsecureRpath,
        FindingClass::RpathShadow,
    ];

    /// The classes that fail a run unless `--fail-on` says otherwise:
    /// all but the two RPATH warnings (the last two of [`Self::ALL`]).
    pub const DEFAULT_FAIL: &'static [FindingClass] = Self::ALL.split_at(7).0;

    pub fn name(self) -> &'static str {
        match self {
            FindingClass::NoInterpreter => "no-interpreter",
            FindingClass::NotFound => "not-found",
            FindingClass::LoadError => "load-error",
            FindingClass::WrongArch => "wrong-arch",
            FindingClass::GlibcTooOld => "glibc-too-old",
            FindingClass::MixedLibc => "mixed-libc",
            FindingClass::DlopenMissing => "dlopen-missing",
            FindingClass::InsecureRpath => "insecure-rpath",
            FindingClass::RpathShadow => "rpath-shadow",
        }
    }

    pub fn from_name(name: &str) -> Option<FindingClass> {
        FindingClass::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The exit status of a run whose worst failing finding is of this
    /// class (3-5 as `relf ldd --strict`).
    pub fn exit_code(self) -> i32 {
        match self {
            FindingClass::NotFound => 3,
            FindingClass::WrongArch => 4,
            FindingClass::NoInterpreter => 5,
            FindingClass::GlibcTooOld => 6,
            FindingClass::LoadError => 7,
            FindingClass::MixedLibc => 8,
            FindingClass::DlopenMissing => 11,
            FindingClass::InsecureRpath => 9,
            FindingClass::RpathShadow => 10,
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            FindingClass::NoInterpreter => "program interpreter missing",
            FindingClass::NotFound => "library not found",
            FindingClass::LoadError => "the loader would stop with an error",
            FindingClass::WrongArch => "wrong architecture",
            FindingClass::GlibcTooOld => "needs a newer glibc than the image has",
            FindingClass::MixedLibc => "programs for another libc than the image's",
            FindingClass::DlopenMissing => "a library a dlopen note marks required is missing",
            FindingClass::InsecureRpath => "insecure RPATH/RUNPATH",
            FindingClass::RpathShadow => "library shadows a system one through RPATH/RUNPATH",
        }
    }
}

/// One problem, with where it is and why relf thinks so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub class: FindingClass,
    /// In-root path of the file.
    pub file: Vec<u8>,
    /// Image layer the file comes from.
    pub layer: Option<u32>,
    /// What: the library name, the version, the interpreter path...
    pub subject: String,
    /// Why: the facts behind the finding.
    pub evidence: String,
    /// Symbols that need a missing version.
    pub symbols: Vec<String>,
}

/// A file to audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// In-root path (canonical, absolute).
    pub path: Vec<u8>,
    pub layer: Option<u32>,
    /// Known to start (or not) with the ELF magic; `None`: look.
    pub elf: Option<bool>,
}

/// One ELF file of the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElfEntry {
    pub path: Vec<u8>,
    pub layer: Option<u32>,
    pub class: Classification,
    /// relf's architecture name, when it knows the machine.
    pub arch: Option<&'static str>,
    pub e_machine: u16,
    pub soname: Option<Vec<u8>>,
    /// SHA-256 of the file's bytes (lowercase hex), for SBOMs.
    pub sha256: String,
    /// The `NT_GNU_BUILD_ID` note's descriptor, in hex.
    pub build_id: Option<String>,
    /// Canonical in-root paths of the libraries its own DT_NEEDED entries
    /// resolved to (found ones only), in DT_NEEDED order.
    pub needs: Vec<Vec<u8>>,
}

/// A C library found in the root.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LibcInstall {
    pub path: String,
    pub version: Option<String>,
}

/// How the executables of the root split.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub glibc_dynamic: u64,
    pub musl_dynamic: u64,
    /// Dynamic, for neither glibc nor musl (no libc needed).
    pub other_dynamic: u64,
    #[serde(rename = "static")]
    pub static_: u64,
    pub static_pie: u64,
    /// Static and static-pie programs whose libc `relf info`'s evidence
    /// names (the others are Go, or of no libc relf recognises).
    pub static_glibc: u64,
    pub static_musl: u64,
    /// Go programs (of any linkage), by toolchain version.
    pub go: Vec<GoCount>,
    pub executables: u64,
    pub libraries: u64,
}

/// Go programs built by one toolchain version.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct GoCount {
    pub version: String,
    pub count: u64,
}

/// Which libc the root really uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Verdict {
    pub glibc: Vec<LibcInstall>,
    pub musl: Vec<LibcInstall>,
    pub counts: Counts,
}

impl Verdict {
    /// `glibc 2.36`, `musl 1.2.3`, `glibc 2.36 + musl 1.2.3`, `no libc`.
    pub fn label(&self) -> String {
        let mut parts = Vec::new();
        if let Some(g) = self.glibc.first() {
            parts.push(format!(
                "glibc {}",
                g.version.as_deref().unwrap_or("(unknown version)")
            ));
        }
        if let Some(m) = self.musl.first() {
            parts.push(format!(
                "musl {}",
                m.version.as_deref().unwrap_or("(unknown version)")
            ));
        }
        if parts.is_empty() {
            "no libc".into()
        } else {
            parts.join(" + ")
        }
    }

    /// `glibc 2.36 image: 412 glibc-dynamic, 3 static (Go 1.22), 0 musl`.
    pub fn summary(&self, what: &str) -> String {
        let c = &self.counts;
        // Go toolchains grouped by release: `go1.22.5` -> `Go 1.22`.
        let mut go: Vec<(String, u64)> = Vec::new();
        for GoCount {
            version: v,
            count: n,
        } in &c.go
        {
            let release = go_release(v);
            match go.iter_mut().find(|(r, _)| *r == release) {
                Some((_, total)) => *total += n,
                None => go.push((release, *n)),
            }
        }
        let go: Vec<String> = go.iter().map(|(r, n)| format!("{n} {r}")).collect();
        let mut line = format!(
            "{} {what}: {} glibc-dynamic, {} musl-dynamic, {} static, {} static-pie",
            self.label(),
            c.glibc_dynamic,
            c.musl_dynamic,
            c.static_,
            c.static_pie
        );
        if c.other_dynamic > 0 {
            line.push_str(&format!(", {} other dynamic", c.other_dynamic));
        }
        let mut static_libcs = Vec::new();
        if c.static_glibc > 0 {
            static_libcs.push(format!("{} glibc", c.static_glibc));
        }
        if c.static_musl > 0 {
            static_libcs.push(format!("{} musl", c.static_musl));
        }
        if !static_libcs.is_empty() {
            line.push_str(&format!(" (static: {})", static_libcs.join(", ")));
        }
        if !go.is_empty() {
            line.push_str(&format!(" (Go: {})", go.join(", ")));
        }
        line
    }
}

/// `go1.22.5` -> `Go 1.22` (anything else as it is).
fn go_release(version: &str) -> String {
    let Some(rest) = version.strip_prefix("go") else {
        return version.to_string();
    };
    let digits: Vec<&str> = rest.split(|c: char| !c.is_ascii_digit()).take(2).collect();
    match digits.as_slice() {
        [a, b] if !a.is_empty() && !b.is_empty() => format!("Go {a}.{b}"),
        _ => version.to_string(),
    }
}

/// Everything the audit found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Regular files looked at.
    pub files_scanned: u64,
    pub elf: Vec<ElfEntry>,
    /// ELF files that could not be read: path and error.
    pub unreadable: Vec<(Vec<u8>, String)>,
    pub verdict: Verdict,
    /// Sorted by class (worst first), then file.
    pub findings: Vec<Finding>,
    /// Distinct objects the loader parsed.
    pub parsed_objects: usize,
}

impl Report {
    /// 0 when no finding of a class in `fail_on`; else the exit code of
    /// the worst such class.
    pub fn exit_status(&self, fail_on: &[FindingClass]) -> i32 {
        self.findings
            .iter()
            .map(|f| f.class)
            .filter(|c| fail_on.contains(c))
            .min()
            .map_or(0, FindingClass::exit_code)
    }
}

/// Told how far the audit is (a progress bar); the library never prints.
pub trait Progress: Sync {
    fn start(&self, _total: u64) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// No progress reporting.
#[derive(Debug)]
pub struct NoProgress;
impl Progress for NoProgress {}

/// Every regular file under `dir` (a host directory inside `root_dir`), as
/// in-root paths; symlinks are not followed, other file systems mounted
/// below `dir` (`/proc`, `/sys`, ...) are not entered, and unreadable
/// directories are skipped.
pub fn walk_dir(root_dir: &Path, dir: &Path) -> Vec<Subject> {
    use std::os::unix::ffi::OsStrExt;
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .same_file_system(true)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root_dir) else {
            continue;
        };
        let mut path = b"/".to_vec();
        path.extend_from_slice(rel.as_os_str().as_bytes());
        out.push(Subject {
            path,
            layer: None,
            elf: None,
        });
    }
    out
}

/// Every regular file of an image, with its layer.
pub fn image_files(image: &crate::image::Image) -> Vec<Subject> {
    image
        .fs
        .tree()
        .files()
        .into_iter()
        .map(|f| Subject {
            path: f.path,
            layer: Some(f.layer),
            elf: Some(f.elf),
        })
        .collect()
}

/// The e_machine of an image platform's architecture (OCI names).
pub fn machine_of_platform(arch: &str) -> Option<u16> {
    Some(match arch {
        "amd64" => 62,
        "386" => 3,
        "arm64" => 183,
        "arm" => 40,
        "ppc64le" | "ppc64" => 21,
        "s390x" => 22,
        "riscv64" => 243,
        "mips64le" | "mips64" | "mipsle" | "mips" => 8,
        "loong64" => 258,
        _ => return None,
    })
}

/// What one file contributed.
struct Outcome {
    entry: Option<ElfEntry>,
    unreadable: Option<(Vec<u8>, String)>,
    findings: Vec<Finding>,
    glibc: Option<LibcInstall>,
    musl: Option<LibcInstall>,
}

/// Names of the versions one library defines.
type VersionNames = Arc<Vec<Vec<u8>>>;

struct Ctx<'a> {
    root: &'a Root,
    loader: &'a Loader,
    /// Versions defined by a library, by canonical path, parsed once.
    provided: Mutex<HashMap<Vec<u8>, VersionNames>>,
}

/// Audits `subjects` inside `root`. `image_machine`: the architecture the
/// image declares (e_machine), else the one most executables have.
pub fn audit(
    root: &Root,
    subjects: &[Subject],
    image_machine: Option<u16>,
    progress: &dyn Progress,
) -> Report {
    let env = LoaderEnv {
        cwd: b"/".to_vec(),
        use_preload_file: true,
        ..Default::default()
    };
    let loader = Loader::new(root.clone(), env);
    let ctx = Ctx {
        root,
        loader: &loader,
        provided: Mutex::new(HashMap::new()),
    };
    progress.start(subjects.len() as u64);
    let outcomes: Vec<Option<Outcome>> = subjects
        .par_iter()
        .map(|s| {
            let o = ctx.analyze(s);
            progress.advance();
            o
        })
        .collect();
    progress.finish();
    let mut report = Report {
        files_scanned: subjects.len() as u64,
        ..Default::default()
    };
    for o in outcomes.into_iter().flatten() {
        report.elf.extend(o.entry);
        report.unreadable.extend(o.unreadable);
        report.findings.extend(o.findings);
        report.verdict.glibc.extend(o.glibc);
        report.verdict.musl.extend(o.musl);
    }
    report.parsed_objects = loader.parsed_objects();
    image_wide(&mut report, image_machine);
    report
        .findings
        .sort_by(|a, b| (a.class, &a.file, &a.subject).cmp(&(b.class, &b.file, &b.subject)));
    report
}

/// Counts, and the findings only the whole image shows: mixed libcs,
/// programs of another architecture.
fn image_wide(report: &mut Report, image_machine: Option<u16>) {
    let mut c = Counts::default();
    let mut go: Vec<(String, u64)> = Vec::new();
    let mut machines: HashMap<u16, u64> = HashMap::new();
    for e in &report.elf {
        match e.class.kind {
            FileKind::Executable => {}
            FileKind::SharedLibrary => {
                c.libraries += 1;
                continue;
            }
            _ => continue,
        }
        c.executables += 1;
        *machines.entry(e.e_machine).or_default() += 1;
        match (e.class.link, e.class.libc) {
            (LinkKind::Dynamic, Libc::Glibc) => c.glibc_dynamic += 1,
            (LinkKind::Dynamic, Libc::Musl) => c.musl_dynamic += 1,
            (LinkKind::StaticPie, _) => c.static_pie += 1,
            (LinkKind::Static, _) => c.static_ += 1,
            _ => c.other_dynamic += 1,
        }
        if e.class.link != LinkKind::Dynamic {
            match e.class.libc {
                Libc::Glibc => c.static_glibc += 1,
                Libc::Musl => c.static_musl += 1,
                Libc::Unknown => {}
            }
        }
        if let Some(v) = &e.class.go_version {
            match go.iter_mut().find(|(g, _)| g == v) {
                Some((_, n)) => *n += 1,
                None => go.push((v.clone(), 1)),
            }
        }
    }
    go.sort();
    c.go = go
        .into_iter()
        .map(|(version, count)| GoCount { version, count })
        .collect();
    // Mixed libcs: each program for the other libc is a finding; "other"
    // is the one not installed when only one is, else the minority.
    if c.glibc_dynamic > 0 && c.musl_dynamic > 0 {
        let has_glibc = !report.verdict.glibc.is_empty();
        let has_musl = !report.verdict.musl.is_empty();
        let minority = match (has_glibc, has_musl) {
            (true, false) => Libc::Musl,
            (false, true) => Libc::Glibc,
            _ if c.musl_dynamic <= c.glibc_dynamic => Libc::Musl,
            _ => Libc::Glibc,
        };
        let (mine, other) = match minority {
            Libc::Musl => ("musl", "glibc"),
            _ => ("glibc", "musl"),
        };
        for e in report.elf.iter().filter(|e| {
            e.class.kind == FileKind::Executable
                && e.class.link == LinkKind::Dynamic
                && e.class.libc == minority
        }) {
            report.findings.push(Finding {
                class: FindingClass::MixedLibc,
                file: e.path.clone(),
                layer: e.layer,
                subject: mine.into(),
                evidence: format!(
                    "{mine} program in a {other} image ({} glibc-dynamic, {} musl-dynamic programs)",
                    c.glibc_dynamic, c.musl_dynamic
                ),
                symbols: Vec::new(),
            });
        }
    }
    // Programs of another architecture than the image's.
    let machine = image_machine.or_else(|| {
        let mut v: Vec<(u16, u64)> = machines.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.first().map(|(m, _)| *m)
    });
    if let Some(m) = machine {
        let image_arch = crate::elf::names::machine_name(m).into_owned();
        for e in report
            .elf
            .iter()
            .filter(|e| e.class.kind == FileKind::Executable && e.e_machine != m)
        {
            report.findings.push(Finding {
                class: FindingClass::WrongArch,
                file: e.path.clone(),
                layer: e.layer,
                subject: crate::elf::names::machine_name(e.e_machine).into_owned(),
                evidence: format!(
                    "program for {} in an image for {image_arch}",
                    crate::elf::names::machine_name(e.e_machine)
                ),
                symbols: Vec::new(),
            });
        }
    }
    // A glibc program without its interpreter, in a musl-only image, is
    // the classic `./app: not found`: say so.
    if report.verdict.glibc.is_empty() && !report.verdict.musl.is_empty() {
        for f in &mut report.findings {
            if f.class == FindingClass::NoInterpreter && f.evidence.starts_with("glibc") {
                f.evidence.push_str("; the image has musl only");
            }
        }
    }
    report.verdict.counts = c;
    report.verdict.glibc.sort_by(|a, b| a.path.cmp(&b.path));
    report.verdict.musl.sort_by(|a, b| a.path.cmp(&b.path));
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

impl Ctx<'_> {
    fn analyze(&self, s: &Subject) -> Option<Outcome> {
        let fs = self.root.fs();
        let is_elf = match s.elf {
            Some(e) => e,
            None => fs.read_prefix(&s.path, 4).ok()?.as_slice() == b"\x7fELF",
        };
        if !is_elf {
            return None;
        }
        let unreadable = |e: String| {
            Some(Outcome {
                entry: None,
                unreadable: Some((s.path.clone(), e)),
                findings: Vec::new(),
                glibc: None,
                musl: None,
            })
        };
        let meta = match self.root.lstat(&s.path) {
            Ok(m) => m,
            Err(e) => return unreadable(e.to_string()),
        };
        let bytes = match fs.open(&s.path) {
            Ok(b) => b,
            Err(e) => return unreadable(e.to_string()),
        };
        let elf = match ElfFile::parse(&bytes) {
            Ok(e) => e,
            Err(e) => return unreadable(e.to_string()),
        };
        let info = Arc::new(ObjectInfo::from_elf(meta.id, &elf));
        let class = classify(&elf, &info);
        if bytes.changed() {
            return unreadable(crate::source::CHANGED_WHILE_READ.into());
        }
        self.loader.objects().insert(info.clone());
        let arch = Arch::of(&info.header, info.interpreter.as_deref());
        let mut out = Outcome {
            entry: None,
            unreadable: None,
            findings: Vec::new(),
            glibc: None,
            musl: None,
        };
        if info.soname.as_deref() == Some(b"libc.so.6") {
            out.glibc = Some(LibcInstall {
                path: lossy(&s.path),
                version: crate::info::glibc_release(&elf, &bytes)
                    .map(|r| r.version)
                    .or_else(|| {
                        facts::defined_versions(&elf)
                            .iter()
                            .filter_map(|v| facts::glibc_version_key(v))
                            .max()
                            .map(|(a, b)| format!("{a}.{b}"))
                    }),
            });
        } else if class.kind == FileKind::SharedLibrary
            && info.needed.is_empty()
            && facts::is_musl_libc(&bytes)
        {
            out.musl = Some(LibcInstall {
                path: lossy(&s.path),
                version: crate::info::musl_version(&elf, &bytes),
            });
        }
        let finding = |class, subject: String, evidence: String| Finding {
            class,
            file: s.path.clone(),
            layer: s.layer,
            subject,
            evidence,
            symbols: Vec::new(),
        };
        let resolvable = matches!(class.kind, FileKind::Executable | FileKind::SharedLibrary)
            && class.link == LinkKind::Dynamic;
        let mut needs = Vec::new();
        if resolvable {
            if class.kind == FileKind::Executable {
                if let Some(interp) = &info.interpreter {
                    let present = self
                        .root
                        .metadata(interp, b"/")
                        .is_ok_and(|(_, m)| m.is_file());
                    if !present {
                        let flavor = match class.libc {
                            Libc::Musl => "musl",
                            _ => "glibc",
                        };
                        out.findings.push(finding(
                            FindingClass::NoInterpreter,
                            lossy(interp),
                            format!(
                                "{flavor} program; its interpreter {} is not in the image",
                                lossy(interp)
                            ),
                        ));
                    }
                }
            }
            out.findings
                .extend(insecure_rpath(self.root, &info, &finding));
            if Linkage::of(&info) == Linkage::Dynamic {
                if let Ok(graph) = self.loader.resolve_with_dlopen(&s.path) {
                    self.graph_findings(&graph, &elf, class.kind, &finding, &mut out.findings);
                    needs = graph
                        .edges
                        .iter()
                        .filter(|e| e.from == 0 && graph.objects[e.to].is_found())
                        .filter_map(|e| {
                            self.root
                                .resolve(&graph.objects[e.to].path, b"/")
                                .ok()
                                .map(|r| r.canonical)
                        })
                        .collect();
                }
            }
        }
        out.entry = Some(ElfEntry {
            path: s.path.clone(),
            layer: s.layer,
            class,
            arch: arch.map(|a| a.name),
            e_machine: info.header.e_machine,
            soname: info.soname.clone(),
            sha256: {
                use sha2::Digest as _;
                crate::image::registry::hex(&sha2::Sha256::digest(&bytes[..]))
            },
            build_id: elf
                .notes()
                .blocks
                .iter()
                .flat_map(|b| b.notes.iter())
                .find_map(|n| n.gnu_build_id())
                .map(crate::image::registry::hex),
            needs,
        });
        Some(out)
    }

    fn graph_findings(
        &self,
        graph: &DepGraph,
        elf: &ElfFile,
        kind: FileKind,
        finding: &dyn Fn(FindingClass, String, String) -> Finding,
        out: &mut Vec<Finding>,
    ) {
        if let Some((path, message)) = &graph.fatal {
            out.push(finding(
                FindingClass::LoadError,
                lossy(path),
                format!("the loader stops: {message}"),
            ));
        }
        let mut seen: Vec<&[u8]> = Vec::new();
        for (edge, obj) in graph.missing() {
            // A library's own needs only: its users' paths may find the rest.
            if kind == FileKind::SharedLibrary && edge.from != 0 {
                continue;
            }
            if seen.contains(&edge.name.as_slice()) {
                continue;
            }
            seen.push(&edge.name);
            let by = lossy(&graph.objects[edge.from].path);
            let foreign: Vec<String> = obj
                .tried
                .iter()
                .filter(|c| {
                    matches!(
                        c.rejected,
                        Some(Rejection::WrongClass | Rejection::WrongMachine)
                    )
                })
                .map(|c| lossy(&c.path))
                .collect();
            if foreign.is_empty() {
                let mut evidence = format!("needed by {by}; {} paths tried", obj.tried.len());
                if let Some((path, layer)) = obj.tried.iter().find_map(|c| self.removed(&c.path)) {
                    evidence.push_str(&format!("; {path} was deleted by layer {layer}"));
                }
                out.push(finding(FindingClass::NotFound, lossy(&edge.name), evidence));
            } else {
                out.push(finding(
                    FindingClass::WrongArch,
                    lossy(&edge.name),
                    format!(
                        "needed by {by}; only for another architecture: {}",
                        foreign.join(", ")
                    ),
                ));
            }
        }
        if graph.flavor == Flavor::Glibc {
            self.glibc_versions(graph, elf, finding, out);
        }
        self.shadows(graph, finding, out);
        dlopen_missing(graph, kind, finding, out);
    }

    /// A candidate path an image layer deleted, and that layer.
    fn removed(&self, path: &[u8]) -> Option<(String, u32)> {
        let dir = self
            .root
            .resolve(crate::loader::root::dirname(path), b"/")
            .ok()?;
        let mut full = dir.canonical;
        if !full.ends_with(b"/") {
            full.push(b'/');
        }
        full.extend_from_slice(basename(path));
        let layer = self.root.fs().removed_by_layer(&full)?;
        Some((lossy(path), layer))
    }

    /// GLIBC_x.y versions the file needs that the library it gets lacks.
    fn glibc_versions(
        &self,
        graph: &DepGraph,
        elf: &ElfFile,
        finding: &dyn Fn(FindingClass, String, String) -> Finding,
        out: &mut Vec<Finding>,
    ) {
        for need in facts::version_needs(elf) {
            if facts::glibc_version_key(&need.version).is_none() {
                continue;
            }
            let Some(obj) = graph
                .edges
                .iter()
                .find(|e| e.from == 0 && e.name == need.file)
                .map(|e| &graph.objects[e.to])
                .filter(|o| o.is_found())
            else {
                continue;
            };
            let provided = self.provided(&obj.canonical);
            if provided.iter().any(|v| v == &need.version) {
                continue;
            }
            let newest = provided
                .iter()
                .filter_map(|v| facts::glibc_version_key(v))
                .max();
            let up_to = newest.map_or("no GLIBC_ version".to_string(), |(a, b)| {
                format!("up to GLIBC_{a}.{b}")
            });
            let mut f = finding(
                FindingClass::GlibcTooOld,
                lossy(&need.version),
                format!(
                    "needed from {}; {} provides {up_to}",
                    lossy(&need.file),
                    lossy(&obj.canonical)
                ),
            );
            f.symbols = facts::symbols_needing(elf, need.index);
            out.push(f);
        }
    }

    fn provided(&self, canonical: &[u8]) -> VersionNames {
        if let Some(p) = self
            .provided
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(canonical)
        {
            return p.clone();
        }
        let versions = self
            .root
            .fs()
            .open(canonical)
            .ok()
            .and_then(|b| {
                let versions = ElfFile::parse(&b).ok().map(|e| facts::defined_versions(&e));
                versions.filter(|_| !b.changed())
            })
            .unwrap_or_default();
        let versions = Arc::new(versions);
        self.provided
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(canonical.to_vec(), versions.clone());
        versions
    }

    /// Libraries the file's own RPATH/RUNPATH found while a system
    /// directory has one of the same name.
    fn shadows(
        &self,
        graph: &DepGraph,
        finding: &dyn Fn(FindingClass, String, String) -> Finding,
        out: &mut Vec<Finding>,
    ) {
        let dirs: Vec<Vec<u8>> = match graph.flavor {
            Flavor::Glibc => {
                crate::loader::glibc::Layout::detect(self.root, graph.arch).system_dirs
            }
            Flavor::Musl => crate::loader::musl::MUSL_DEFAULT_PATH
                .split(|&b| b == b':')
                .map(<[u8]>::to_vec)
                .collect(),
        };
        for o in &graph.objects {
            let tag = match o.via {
                FoundVia::Rpath { owner: 0 } => "RPATH",
                FoundVia::Runpath { owner: 0 } => "RUNPATH",
                _ => continue,
            };
            let name = basename(&o.path);
            for d in &dirs {
                let mut p = d.clone();
                p.push(b'/');
                p.extend_from_slice(name);
                if let Ok(r) = self.root.resolve(&p, b"/") {
                    if r.canonical != o.canonical {
                        out.push(finding(
                            FindingClass::RpathShadow,
                            lossy(name),
                            format!(
                                "{} (through {tag}) is used instead of {}",
                                lossy(&o.path),
                                lossy(&p)
                            ),
                        ));
                        break;
                    }
                }
            }
        }
    }
}

/// `required` dlopen note records none of whose names resolves (for a
/// library, only its own notes, as for `not-found`); each record once.
fn dlopen_missing(
    graph: &DepGraph,
    kind: FileKind,
    finding: &dyn Fn(FindingClass, String, String) -> Finding,
    out: &mut Vec<Finding>,
) {
    use crate::elf::note::DlopenPriority;
    let mut seen: Vec<&[String]> = Vec::new();
    for d in &graph.dlopen {
        if !d.is_missing() || d.dep.priority != DlopenPriority::Required {
            continue;
        }
        if (kind == FileKind::SharedLibrary && d.from != 0)
            || seen.contains(&d.dep.sonames.as_slice())
        {
            continue;
        }
        seen.push(&d.dep.sonames);
        let mut evidence = format!(
            "dlopen note of {} (priority required",
            lossy(&graph.objects[d.from].path)
        );
        if let Some(f) = &d.dep.feature {
            evidence.push_str(&format!(", feature {f}"));
        }
        evidence.push_str(&format!("); {} paths tried", d.tried.len()));
        if let Some(e) = &d.error {
            evidence.push_str(&format!("; {e}"));
        }
        out.push(finding(
            FindingClass::DlopenMissing,
            d.dep.sonames.join(" | "),
            evidence,
        ));
    }
}

/// Directories anyone may write to: a library planted there is loaded.
const WORLD_WRITABLE_PREFIXES: &[&[u8]] = &[b"/tmp", b"/var/tmp", b"/dev/shm"];

fn insecure_rpath(
    root: &Root,
    info: &ObjectInfo,
    finding: &dyn Fn(FindingClass, String, String) -> Finding,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (tag, value) in [("RPATH", &info.rpath), ("RUNPATH", &info.runpath)] {
        let Some(value) = value else { continue };
        // glibc ignores the RPATH of an object that has a RUNPATH.
        if tag == "RPATH" && info.runpath.is_some() {
            continue;
        }
        for elem in value.split(|&b| b == b':') {
            let why = if elem.is_empty() {
                Some("empty element: the current directory".to_string())
            } else if elem.starts_with(b"$ORIGIN") || elem.starts_with(b"${ORIGIN}") {
                None
            } else if !elem.starts_with(b"/") && !elem.starts_with(b"$") {
                Some("relative path: resolved from the current directory".to_string())
            } else if WORLD_WRITABLE_PREFIXES
                .iter()
                .any(|p| elem.starts_with(p) && matches!(elem.get(p.len()), None | Some(b'/')))
            {
                Some("world-writable location".to_string())
            } else {
                root.metadata(elem, b"/")
                    .ok()
                    .filter(|(_, m)| m.is_dir() && m.mode & 0o002 != 0 && m.mode & 0o1000 == 0)
                    .map(|_| "world-writable directory in the image".to_string())
            };
            if let Some(why) = why {
                out.push(finding(
                    FindingClass::InsecureRpath,
                    format!("{tag} {}", lossy(elem)),
                    why,
                ));
            }
        }
    }
    out
}
