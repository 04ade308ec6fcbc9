//! Fixtures against the readelf 2.40 outputs recorded when they were built
//! (testdata/expected/NAME/FLAGS.txt, written by testdata/build-fixtures.sh).
//! Unlike `parity`, this needs no readelf on the machine.

use crate::support::{first_difference, fixtures, render};
use relf::render::readelf::ReadelfOptions;

fn recorded_sets() -> Vec<(&'static str, ReadelfOptions)> {
    let o = ReadelfOptions::default;
    vec![
        (
            "h",
            ReadelfOptions {
                file_header: true,
                ..o()
            },
        ),
        (
            "lW",
            ReadelfOptions {
                segments: true,
                wide: true,
                ..o()
            },
        ),
        (
            "SW",
            ReadelfOptions {
                sections: true,
                wide: true,
                ..o()
            },
        ),
        (
            "dW",
            ReadelfOptions {
                dynamic: true,
                wide: true,
                ..o()
            },
        ),
        (
            "l",
            ReadelfOptions {
                segments: true,
                ..o()
            },
        ),
        (
            "S",
            ReadelfOptions {
                sections: true,
                ..o()
            },
        ),
        (
            "sW",
            ReadelfOptions {
                syms: true,
                wide: true,
                ..o()
            },
        ),
        (
            "VW",
            ReadelfOptions {
                version_info: true,
                wide: true,
                ..o()
            },
        ),
        (
            "rW",
            ReadelfOptions {
                relocs: true,
                wide: true,
                ..o()
            },
        ),
        (
            "nW",
            ReadelfOptions {
                notes: true,
                wide: true,
                ..o()
            },
        ),
    ]
}

#[test]
fn fixtures_match_recorded_readelf_output() {
    let expected_root = crate::support::repo_root().join("testdata/expected");
    let mut compared = 0;
    let mut failures = Vec::new();
    for path in fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for (flags, options) in recorded_sets() {
            let file = expected_root.join(&name).join(format!("{flags}.txt"));
            let expected = std::fs::read(&file).unwrap_or_else(|e| {
                panic!("{}: {e} (run testdata/build-fixtures.sh)", file.display())
            });
            let actual = render(&path, &options).unwrap_or_else(|e| e.into_bytes());
            compared += 1;
            if expected != actual {
                failures.push(format!(
                    "{name} -{flags}: {}",
                    first_difference(&expected, &actual)
                ));
            }
        }
    }
    println!(
        "recorded fixture outputs compared: {compared}, differing: {}",
        failures.len()
    );
    assert!(compared > 0, "no fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
