//! relf's integration tests, one binary (fast to link, one place to look).
//!
//! - `parity`: every ELF file under /usr (found by magic) and every fixture,
//!   compared byte for byte with the real GNU readelf.
//! - `fixtures`: committed fixtures against readelf outputs recorded when
//!   they were built (no readelf needed).
//! - `cli`: the binary's flags, error messages and exit statuses.
//! - `json`: the `--json` schema, read back with the tests' own types.
//! - `completions`: committed shell completions are up to date.
//! - `robustness`: truncated and mutated fixtures never panic.
//! - `synthetic`: files written by the test (every note owner, core files,
//!   COMDAT groups) against the live readelf.

mod support;

mod cli;
mod completions;
mod fixtures;
mod json;
mod parity;
mod robustness;
mod synthetic;
