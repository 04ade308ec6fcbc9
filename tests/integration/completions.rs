//! The committed completions in completions/ are what the binary generates;
//! regenerate with `cargo run -- completions SHELL > completions/FILE`
//! (tests/run.sh --bless-completions does all five).

use crate::support::{relf, repo_root};

pub const SHELLS: &[(&str, &str)] = &[
    ("bash", "relf.bash"),
    ("zsh", "_relf"),
    ("fish", "relf.fish"),
    ("elvish", "relf.elv"),
    ("powershell", "_relf.ps1"),
];

#[test]
fn committed_completions_are_current() {
    for (shell, file) in SHELLS {
        let generated = relf()
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let path = repo_root().join("completions").join(file);
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is stale or missing: run `bash tests/run.sh --bless-completions`",
            path.display()
        );
    }
}
