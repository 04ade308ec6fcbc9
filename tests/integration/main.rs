//! relf's integration tests, one binary (fast to link, one place to look).
//!
//! - `parity`: every ELF file under /usr (found by magic) and every fixture,
//!   compared byte for byte with the real GNU readelf.
//! - `archives`: every `*.a` under /usr and archives built in every layout
//!   (GNU, thin, nested thin, BSD, `/SYM64/`, damaged) against readelf.
//! - `dumps`: `readelf -x/-p/-R/-z` over /usr and over objects built with
//!   compressed debug sections and relocations.
//! - `demangle`: `readelf -C` (symbols, relocations) against the real
//!   readelf over the fixtures and /usr, and every mangled symbol name there
//!   against binutils' c++filt.
//! - `fixtures`: committed fixtures against readelf outputs recorded when
//!   they were built (no readelf needed).
//! - `cli`: the binary's flags, error messages and exit statuses.
//! - `ldd`: `relf ldd` against the real glibc ldd over /usr.
//! - `ldd_bind`: `relf ldd -r`/`-v` and the version check against the real
//!   ldd over /usr and on programs built with gcc for each binding rule.
//! - `ldd_cli`: `relf ldd` formats (insta snapshots) and exit statuses.
//! - `ldd_spellings`: `relf ldd ./app`, `../d/app`, symlinks, `$ORIGIN` in
//!   LD_LIBRARY_PATH, on programs built by gcc and musl-gcc, against the real
//!   ldd and musl's loader (stdout, stderr, status).
//! - `foreign`: the Debian arm64 and s390x roots the foreign tests share
//!   (tests/foreign-root.sh), built once per run.
//! - `foreign_root`: the foreign roots are complete, confined, and agree
//!   with lddtree -R.
//! - `foreign_loader`: the foreign roots' own glibc loaders, run under
//!   qemu-user (access-checked with strace), against relf's ldd output.
//! - `loader_rules`: glibc's search rules on synthetic trees (`synth`,
//!   built with object's ELF builder), each checked against the real ldd.
//! - `musl_rules`: musl's search rules against musl's own loader.
//! - `never_executes`: relf runs neither the file nor its interpreter, and
//!   starts no process.
//! - `root_confinement`: `--root` against the real loader under chroot.
//! - `go`: `relf go` against the real `go version -m` on built, rewritten
//!   (pre-1.18 layout), mutated and /usr Go binaries and directories.
//! - `info`: `relf info` against file(1) (kind, linkage) and readelf -V
//!   (max GLIBC needed) over /usr, checksec over /usr/sbin, and the libc
//!   variant of fixtures built by testdata/info/build.sh; snapshots.
//! - `json`: the `--json` schema, read back with the tests' own types.
//! - `image`: container images read in memory (OCI layout, oci-archive,
//!   docker-archive; whiteouts, hard links; hostile archives), written by
//!   `image_build`.
//! - `audit`: `relf audit` verdicts, findings and exit statuses on roots
//!   and images built at test time.
//! - `real_images`: images made by umoci and skopeo (tests/real-images.sh)
//!   in every format, audited alike.
//! - `transports`: `oci:DIR:TAG`, `oci-archive:`, `docker-archive:`, `dir:`
//!   on real images, and a multi-tag layout chosen by tag, never silently.
//! - `registry`: `docker://` images in a real docker-registry started by the
//!   test (TLS, htpasswd), pushed by skopeo; auth, digest and network errors.
//! - `sbom`: `--format cyclonedx` validated against the CycloneDX 1.6 schema,
//!   hashes, build IDs and dependencies against sha256sum and readelf.
//! - `completions`: committed shell completions are up to date.
//! - `limits`: every resource limit reached by a small hostile file.
//! - `hostile`: files truncated while read (no SIGBUS), the named views'
//!   exit status and readelf's DYN type rule against the real readelf.
//! - `robustness`: truncated and mutated fixtures never panic.
//! - `synthetic_relocs`: relocation corner cases in ELF files written by the
//!   test, compared with the real readelf.
//! - `terminal_safety`: names from files reach the terminal escaped in the
//!   human renderers and messages, raw (as ldd) in the parity ones.
//! - `synthetic`: files written by the test (every note owner, core files,
//!   COMDAT groups) against the live readelf.
//! - `bundle`: `relf bundle` output run from the bundle (chroot for host
//!   glibc and musl programs and an image's bash, qemu-user for arm64),
//!   audited, its ld.so.cache read by ldconfig; destination safety.
//! - `dlopen_notes`: `.note.dlopen` metadata in built objects: readelf -n
//!   parity, `notes --json` records, `ldd --tree` weak edges against the
//!   real ldd, the `dlopen-missing` audit finding.

mod support;

mod archives;
mod audit;
mod bundle;
mod cli;
mod completions;
mod demangle;
mod dlopen_notes;
mod dumps;
mod fixtures;
mod foreign;
mod foreign_loader;
mod foreign_root;
mod go;
mod hostile;
mod image;
mod image_build;
mod info;
mod json;
mod ldd;
mod ldd_bind;
mod ldd_cli;
mod ldd_spellings;
mod limits;
mod loader_rules;
mod musl_rules;
mod never_executes;
mod parity;
mod real_images;
mod registry;
mod robustness;
mod root_confinement;
mod sbom;
mod synth;
mod synthetic;
mod synthetic_relocs;
mod terminal_safety;
mod transports;
