//! Symbol binding (`relf ldd -r`, `-v`, the version check of plain ldd)
//! against the real glibc 2.36 ldd: every x86-64 ELF file under /usr, and
//! programs built here with gcc for each binding rule (a missing versioned
//! symbol, a weak undefined reference, a copy relocation, -Bsymbolic, an
//! interposing LD_PRELOAD library, a hidden version); musl programs built
//! with musl-gcc against musl's loader.
//!
//! glibc's ldd script runs the loader with `2>&1`: the version errors, the
//! `undefined symbol` lines and the version information all reach its
//! stdout, which is compared whole, load addresses removed.

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

use relf::loader::binding::{bind, BindCache, BindOptions};
use relf::loader::graph::{Flavor, Linkage};
use relf::loader::root::Root;
use relf::loader::{Loader, LoaderEnv};
use relf::render::ldd::write_ldd;
use relf::render::ldd_bind;

use crate::ldd::{is_host_elf, strip_addresses};
use crate::support::{first_difference, relf};

/// The real ldd's stdout (its loader's stderr included, as ldd merges it)
/// without load addresses, and its exit status.
fn real_ldd(flags: &[&str], path: &Path, envs: &[(&str, &str)], cwd: &Path) -> (String, i32) {
    let out = Command::new("ldd")
        .args(flags)
        .arg(path)
        .current_dir(cwd)
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("LD_PRELOAD")
        .envs(envs.iter().copied())
        .env("LC_ALL", "C")
        .output()
        .expect("ldd (libc-bin) must be installed");
    (
        strip_addresses(&String::from_utf8_lossy(&out.stdout)),
        out.status.code().unwrap_or(-1),
    )
}

/// What relf prints for `ldd -r`/`-v`, built from the library as `relf ldd`
/// builds it.
fn relf_text(
    loader: &Loader,
    cache: &BindCache,
    path: &Path,
    relocs: bool,
    verbose: bool,
) -> String {
    let Ok(g) = loader.resolve_shared(path.as_os_str().as_bytes()) else {
        return String::new();
    };
    let mut out = Vec::new();
    if g.linkage != Linkage::NotDynamic && g.fatal.is_none() && g.flavor == Flavor::Glibc {
        let r = bind(
            &g,
            loader.root(),
            cache,
            BindOptions {
                relocate: relocs,
                bindings: false,
            },
        );
        ldd_bind::write_version_errors(&mut out, &g, &r);
        write_ldd(&mut out, &g);
        if relocs {
            ldd_bind::write_glibc_reloc_errors(&mut out, &g, &r);
        }
        if verbose {
            ldd_bind::write_version_info(&mut out, &g, &r);
        }
    } else {
        write_ldd(&mut out, &g);
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn host_env() -> LoaderEnv {
    LoaderEnv {
        cwd: b"/".to_vec(),
        use_preload_file: true,
        ..Default::default()
    }
}

/// Every x86-64 ELF file under /usr through `ldd FLAG` and relf.
fn usr_differential(flag: &str) {
    let files = crate::support::files_under(Path::new("/usr"), is_host_elf);
    assert!(
        files.len() > 100,
        "only {} x86-64 ELF files under /usr",
        files.len()
    );
    let relocs = flag == "-r";
    let verbose = flag == "-v";
    let results: Vec<(bool, bool, Option<String>)> = files
        .par_chunks(64)
        .flat_map_iter(|chunk| {
            let loader = Loader::new(Root::host_root(), host_env());
            let cache = BindCache::new();
            chunk
                .iter()
                .map(|path| {
                    let (expected, _) = real_ldd(&[flag], path, &[], Path::new("/"));
                    let actual = relf_text(&loader, &cache, path, relocs, verbose);
                    let symbol_lines = expected.contains("undefined symbol: ")
                        || expected.contains("Version information:")
                        || expected.contains("' not found (required by");
                    let diff = (expected != actual).then(|| {
                        format!(
                            "{}: {}",
                            path.display(),
                            first_difference(expected.as_bytes(), actual.as_bytes())
                        )
                    });
                    (expected.contains(" => "), symbol_lines, diff)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let failures: Vec<&String> = results.iter().filter_map(|r| r.2.as_ref()).collect();
    let dynamic = results.iter().filter(|r| r.0).count();
    let with_symbols = results.iter().filter(|r| r.1).count();
    println!(
        "ldd {flag} parity under /usr: {} x86-64 ELF files ({dynamic} with dependencies, {with_symbols} with symbol or version lines), identical {}, differing {}",
        files.len(),
        files.len() - failures.len(),
        failures.len()
    );
    crate::support::assert_no_differences(&failures);
}

#[test]
fn every_host_elf_under_usr_matches_ldd_r() {
    usr_differential("-r");
}

#[test]
fn every_host_elf_under_usr_matches_ldd_v() {
    usr_differential("-v");
}

/// A scratch directory for one test's builds.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("relf-bind-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// Runs a compiler in `dir`; panics with its output on failure.
fn cc(compiler: &str, dir: &Path, args: &[&str]) {
    let out = Command::new(compiler)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{compiler} must be installed: {e}"));
    assert!(
        out.status.success(),
        "{compiler} {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn gcc(dir: &Path, args: &[&str]) {
    cc("gcc", dir, args);
}

/// `gcc -shared -fPIC -o OUT SRC EXTRA...` in `dir`.
fn shared(dir: &Path, out: &str, src: &str, extra: &[&str]) {
    let mut args = vec!["-shared", "-fPIC", "-o", out, src];
    args.extend_from_slice(extra);
    gcc(dir, &args);
}

/// `./app` from `app.c`, linked with `EXTRA...` against libraries in `dir`
/// found through `$ORIGIN`.
fn program(dir: &Path, extra: &[&str]) {
    let mut args = vec!["-o", "app", "app.c", "-L."];
    args.extend_from_slice(extra);
    args.push("-Wl,-rpath,$ORIGIN");
    gcc(dir, &args);
}

/// `relf ldd FLAGS ./app` and `ldd FLAGS ./app` from `dir`: same stdout,
/// same exit status, relf's stderr empty. Returns ldd's stdout.
fn same_as_ldd(dir: &Path, flags: &[&str], envs: &[(&str, &str)]) -> String {
    let (expected, status) = real_ldd(flags, Path::new("./app"), envs, dir);
    let mut cmd = relf();
    cmd.current_dir(dir).arg("ldd").args(flags).arg("./app");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let actual = String::from_utf8_lossy(&out.stdout).into_owned();
    // Paths found through $ORIGIN of `./app` keep their `./` in glibc
    // (issue 18, item 1): compare with `/./` folded until that lands.
    let fold = |s: &str| s.replace("/./", "/");
    assert_eq!(
        fold(&expected),
        fold(&actual),
        "relf ldd {flags:?} differs from ldd in {}",
        dir.display()
    );
    assert_eq!(
        out.status.code(),
        Some(status),
        "exit status of relf ldd {flags:?}"
    );
    assert!(
        out.stderr.is_empty(),
        "relf ldd {flags:?} wrote to stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    expected
}

/// Every flag combination that changes what is printed.
fn all_modes(dir: &Path, envs: &[(&str, &str)]) -> String {
    same_as_ldd(dir, &[], envs);
    same_as_ldd(dir, &["-v"], envs);
    same_as_ldd(dir, &["-r", "-v"], envs);
    same_as_ldd(dir, &["-r"], envs)
}

const LIB: &str = "int foo(void){return 1;}\nint bar(void){return 2;}\n";

#[test]
fn missing_versioned_symbol() {
    let d = scratch("version");
    write(&d, "lib.c", LIB);
    write(
        &d,
        "v2.map",
        "VER_1 { global: foo; local: *; };\nVER_2 { global: bar; } VER_1;\n",
    );
    write(&d, "v1.map", "VER_1 { global: foo; local: *; };\n");
    write(
        &d,
        "app.c",
        "int foo(void); int bar(void);\nint main(){return foo()+bar();}\n",
    );
    shared(
        &d,
        "libv.so",
        "lib.c",
        &["-Wl,--version-script=v2.map", "-Wl,-soname,libv.so"],
    );
    program(&d, &["-lv"]);
    // The library loses VER_2 (and bar) after the program was linked.
    shared(
        &d,
        "libv.so",
        "lib.c",
        &["-Wl,--version-script=v1.map", "-Wl,-soname,libv.so"],
    );
    let out = all_modes(&d, &[]);
    assert!(
        out.contains("version `VER_2' not found (required by ./app)"),
        "{out}"
    );
    assert!(
        out.contains("undefined symbol: bar, version VER_2\t(./app)"),
        "{out}"
    );
}

#[test]
fn weak_undefined_and_unversioned_library() {
    let d = scratch("weak");
    write(&d, "lib.c", LIB);
    write(
        &d,
        "app.c",
        "int foo(void); int bar(void);\nextern int gone(void) __attribute__((weak));\nint main(){return foo()+bar()+(gone?gone():0);}\n",
    );
    shared(&d, "libv.so", "lib.c", &[]);
    program(&d, &["-lv"]);
    // bar disappears: a strong undefined next to the weak one.
    write(&d, "lib.c", "int foo(void){return 1;}\n");
    shared(&d, "libv.so", "lib.c", &[]);
    let out = all_modes(&d, &[]);
    assert!(out.contains("undefined symbol: bar\t(./app)"), "{out}");
    assert!(!out.contains("gone"), "{out}");
}

#[test]
fn copy_relocation_skips_the_program() {
    let d = scratch("copy");
    write(
        &d,
        "lib.c",
        "int counter = 5;\nint get(void){return counter;}\n",
    );
    write(
        &d,
        "app.c",
        "extern int counter; int get(void);\nint main(){return counter+get();}\n",
    );
    shared(&d, "libv.so", "lib.c", &[]);
    program(&d, &["-no-pie", "-fno-pic", "-lv"]);
    let elf = std::fs::read(d.join("app")).unwrap();
    assert!(
        relocs_of(&d.join("app")).contains("R_X86_64_COPY"),
        "no copy reloc built ({} bytes)",
        elf.len()
    );
    all_modes(&d, &[]);
    // The library loses the variable: the copy relocation cannot be
    // satisfied by the program's own copy.
    write(&d, "lib.c", "int get(void){return 1;}\n");
    shared(&d, "libv.so", "lib.c", &[]);
    let out = all_modes(&d, &[]);
    assert!(out.contains("undefined symbol: counter\t(./app)"), "{out}");
}

fn relocs_of(path: &Path) -> String {
    let out = Command::new("readelf")
        .arg("-rW")
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn symbolic_library_binds_to_itself_first() {
    let d = scratch("symbolic");
    write(&d, "liba.c", "int helper(void){return 1;}\nint use(void){return helper();}\nextern int missing_a(void);\nint more(void){return missing_a();}\n");
    write(&d, "libb.c", "int helper(void){return 2;}\n");
    write(
        &d,
        "app.c",
        "int use(void); int more(void);\nint main(){return use()+more();}\n",
    );
    write(&d, "stub.c", "int missing_a(void){return 0;}\n");
    shared(&d, "libstub.so", "stub.c", &[]);
    shared(
        &d,
        "liba.so",
        "liba.c",
        &["-Wl,-Bsymbolic", "-L.", "-lstub"],
    );
    shared(&d, "libb.so", "libb.c", &[]);
    program(&d, &["-lb", "-la"]);
    all_modes(&d, &[]);
    // The stub loses its symbol: liba's reference is undefined.
    write(&d, "stub.c", "int other(void){return 0;}\n");
    shared(&d, "libstub.so", "stub.c", &[]);
    let out = all_modes(&d, &[]);
    assert!(out.contains("undefined symbol: missing_a\t("), "{out}");
}

#[test]
fn preload_library_interposes() {
    let d = scratch("preload");
    write(&d, "lib.c", LIB);
    write(&d, "pre.c", "int bar(void){return 7;}\nextern int from_nowhere(void);\nint p(void){return from_nowhere();}\n");
    write(
        &d,
        "app.c",
        "int foo(void); int bar(void);\nint main(){return foo()+bar();}\n",
    );
    shared(&d, "libv.so", "lib.c", &[]);
    shared(&d, "libpre.so", "pre.c", &[]);
    program(&d, &["-lv"]);
    let pre = d.join("libpre.so");
    let out = all_modes(&d, &[("LD_PRELOAD", pre.to_str().unwrap())]);
    assert!(out.contains("undefined symbol: from_nowhere\t("), "{out}");
}

#[test]
fn hidden_version_is_not_bound_by_unversioned_references() {
    let d = scratch("hidden");
    // bar@VER_1 is a hidden (non-default) version, bar@@VER_2 the default.
    write(
        &d,
        "lib.c",
        "int bar_old(void){return 1;}\nint bar_new(void){return 2;}\n__asm__(\".symver bar_old,bar@VER_1\");\n__asm__(\".symver bar_new,bar@@VER_2\");\nint foo(void){return 3;}\n",
    );
    write(
        &d,
        "v.map",
        "VER_1 { global: foo; local: *; };\nVER_2 { } VER_1;\n",
    );
    write(
        &d,
        "app.c",
        "int foo(void); int bar(void);\nint main(){return foo()+bar();}\n",
    );
    shared(&d, "libv.so", "lib.c", &["-Wl,--version-script=v.map"]);
    program(&d, &["-lv"]);
    all_modes(&d, &[]);
    // Only the hidden bar@VER_1 is left: the program's bar@VER_2 is
    // undefined, its VER_2 node missing.
    write(
        &d,
        "lib.c",
        "int bar_old(void){return 1;}\n__asm__(\".symver bar_old,bar@VER_1\");\nint foo(void){return 3;}\n",
    );
    write(&d, "v.map", "VER_1 { global: foo; local: *; };\n");
    shared(&d, "libv.so", "lib.c", &["-Wl,--version-script=v.map"]);
    let out = all_modes(&d, &[]);
    assert!(
        out.contains("undefined symbol: bar, version VER_2"),
        "{out}"
    );
}

/// `--why-symbol`: the definition found and the objects searched before it,
/// checked against the real loader's own account (`LD_DEBUG=bindings`,
/// which ld.so prints for a program it really runs: /bin/true, a system
/// program, is run here, never a file relf inspects in another test).
#[test]
fn why_symbol_names_the_definition_the_loader_binds() {
    let out = relf()
        .args(["ldd", "--why-symbol", "free", "/bin/true"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(0), "{text}");
    let debug = Command::new("/bin/true")
        .env("LD_DEBUG", "bindings")
        .env("LD_BIND_NOW", "1")
        .output()
        .unwrap();
    let debug = String::from_utf8_lossy(&debug.stderr);
    // "binding file /bin/true [0] to /lib/x86_64-linux-gnu/libc.so.6 [0]:
    // normal symbol `free' [GLIBC_2.2.5]"
    let line = debug
        .lines()
        .find(|l| l.contains("binding file /bin/true ") && l.contains("`free'"))
        .unwrap_or_else(|| panic!("ld.so reported no binding of free:\n{debug}"));
    let to = line
        .split(" to ")
        .nth(1)
        .and_then(|s| s.split(" [").next())
        .unwrap();
    assert!(
        text.contains(&format!("    /bin/true (free@GLIBC_2.2.5) => {to}\n")),
        "relf:\n{text}\nld.so: {line}"
    );
    assert!(text.contains("searched first: /bin/true"), "{text}");
}

/// musl: `Error relocating FILE: NAME: symbol not found` on stderr, the
/// libraries' before the program's, exit status 127 — against musl's own
/// loader in list mode (what musl's ldd runs), which always relocates.
#[test]
fn musl_relocation_errors_match_musls_loader() {
    let d = scratch("musl");
    write(
        &d,
        "lib.c",
        "int foo(void){return 1;}\nint bar(void){return 2;}\nint var=3;\n",
    );
    write(&d, "dep.c", "int dep_only(void){return 4;}\n");
    write(
        &d,
        "mid.c",
        "int dep_only(void);\nint mid(void){return dep_only();}\n",
    );
    write(
        &d,
        "app.c",
        "int foo(void); int bar(void); int mid(void); extern int var;\nextern int w(void) __attribute__((weak));\nint main(){return foo()+bar()+var+mid()+(w?w():0);}\n",
    );
    let musl = |args: &[&str]| cc("musl-gcc", &d, args);
    musl(&["-shared", "-fPIC", "-o", "libm1.so", "lib.c"]);
    musl(&["-shared", "-fPIC", "-o", "libdep.so", "dep.c"]);
    musl(&[
        "-shared",
        "-fPIC",
        "-o",
        "libmid.so",
        "mid.c",
        "-L.",
        "-ldep",
    ]);
    let rpath = format!("-Wl,-rpath,{}", d.display());
    musl(&["-o", "app", "app.c", "-L.", "-lm1", "-lmid", &rpath]);
    let check = || {
        let out = Command::new("/lib/ld-musl-x86_64.so.1")
            .arg("--list")
            .arg("./app")
            .current_dir(&d)
            .env_clear()
            .output()
            .expect("musl's loader (package musl) must be installed; tests/run.sh installs it");
        let relf_out = relf()
            .current_dir(&d)
            .args(["ldd", "./app"])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&relf_out.stdout),
            strip_addresses(&String::from_utf8_lossy(&out.stdout)),
            "stdout"
        );
        let expected = String::from_utf8_lossy(&out.stderr).into_owned();
        let actual = String::from_utf8_lossy(&relf_out.stderr).into_owned();
        assert_eq!(actual, expected, "stderr");
        assert_eq!(relf_out.status.code(), out.status.code(), "exit status");
        expected
    };
    assert_eq!(check(), "", "nothing is missing yet");
    // The program loses bar and var, libmid loses dep_only.
    write(&d, "lib.c", "int foo(void){return 1;}\n");
    write(&d, "dep.c", "int other(void){return 4;}\n");
    musl(&["-shared", "-fPIC", "-o", "libm1.so", "lib.c"]);
    musl(&["-shared", "-fPIC", "-o", "libdep.so", "dep.c"]);
    let errors = check();
    assert!(
        errors.contains("Error relocating ./app: bar: symbol not found"),
        "{errors}"
    );
    assert!(
        errors.contains("libmid.so: dep_only: symbol not found"),
        "{errors}"
    );
}
