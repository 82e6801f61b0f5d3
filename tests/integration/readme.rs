//! The README's examples are real output. Each block between
//! `<!-- generated: policy-lint ARGS -->` (or `cargo run --release -- ARGS`) and `<!-- end -->`
//! must be what that command prints, run from the repository's root. When they drift the test
//! fails with a diff; `UPDATE_README=1 cargo test --test integration readme::` writes the real output in.

use std::path::Path;

use assert_cmd::Command;

const OPEN: &str = "<!-- generated: ";
const CLOSE: &str = "<!-- end -->";

/// The command's arguments, after the program (`policy-lint` or `cargo run --release --`).
fn arguments(command: &str) -> Option<Vec<&str>> {
    let rest = command.strip_prefix("policy-lint ").or_else(|| command.strip_prefix("cargo run --release -- "))?;
    Some(rest.split_whitespace().collect())
}

/// The block a command's output is shown in: JSON as JSON, anything else as a console session
/// with the command on its first line.
fn block(command: &str, output: &str) -> String {
    if command.contains("--format json") {
        format!("```json\n{output}```\n")
    } else {
        format!("```console\n$ {command}\n{output}```\n")
    }
}

#[test]
fn readme_examples_are_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let mut expected = String::new();
    let mut rest = readme.as_str();
    let mut blocks = 0;
    while let Some(at) = rest.find(OPEN) {
        let (before, from) = rest.split_at(at);
        expected.push_str(before);
        let line_end = from.find('\n').expect("a generated marker ends its line");
        let marker = &from[..=line_end];
        let command =
            marker[OPEN.len()..].trim_end().strip_suffix("-->").expect("the marker closes on its line").trim();
        let args = arguments(command).unwrap_or_else(|| panic!("`{command}` is not a policy-lint command"));
        let end = from.find(CLOSE).unwrap_or_else(|| panic!("`{command}`: no {CLOSE} after it"));
        let out = Command::cargo_bin("policy-lint").unwrap().current_dir(root).args(&args).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "`{command}` failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        expected.push_str(marker);
        expected.push_str(&block(command, &String::from_utf8(out.stdout).unwrap()));
        expected.push_str(CLOSE);
        rest = &from[end + CLOSE.len()..];
        blocks += 1;
    }
    expected.push_str(rest);
    assert!(blocks >= 3, "the human, concise and JSON examples are generated; found {blocks} blocks");
    if expected == readme {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some_and(|v| v == "1") {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let diff = similar::TextDiff::from_lines(&readme, &expected);
    panic!(
        "README.md's generated examples differ from the real output (- README, + real); \
         run `UPDATE_README=1 cargo test --test integration readme::` to write them in:\n{}",
        diff.unified_diff().context_radius(2).header("README.md", "real output")
    );
}
