//! `--fix`, `--unsafe-fixes` and `--diff` on real files: what is written, what is not, and
//! when a paper is refused.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const SAMPLE: &str = "samples/legco-fintech-2020.zh.txt";

fn bin() -> Command {
    Command::cargo_bin("policy-lint").unwrap()
}

fn sample() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)).unwrap()
}

/// A copy of the commissioning paper in a temporary directory.
fn copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("paper.txt");
    std::fs::write(&p, sample()).unwrap();
    (dir, p)
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

/// The lines of `a` and `b` that differ, as pairs (they have the same number of lines).
fn changed_lines(a: &str, b: &str) -> Vec<(String, String)> {
    assert_eq!(a.lines().count(), b.lines().count());
    a.lines().zip(b.lines()).filter(|(x, y)| x != y).map(|(x, y)| (x.to_owned(), y.to_owned())).collect()
}

#[test]
fn fix_makes_the_half_width_comma_full_width_and_leaves_every_figure_alone() {
    let (_dir, p) = copy();
    let out = bin().args(["--fix", "--format", "concise"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the percentage error is still there: {}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(!report.contains("punctuation-width"), "the fixed finding is not reported: {report}");
    assert!(report.contains("error[percent-change]"), "{report}");
    assert!(text(&out.stderr).contains("Fixed 1 finding in 1 paper."), "{}", text(&out.stderr));
    let before = String::from_utf8(sample()).unwrap();
    let after = std::fs::read_to_string(&p).unwrap();
    let changed = changed_lines(&before, &after);
    assert_eq!(changed.len(), 1, "{changed:?}");
    let (old, new) = &changed[0];
    assert!(old.contains("在 未 來 一 年 ,我 們"), "{old}");
    assert_eq!(new, &old.replacen(',', "，", 1), "one comma made full-width, nothing else");
    // Every figure is as it was: the digits of the paper are the same, in the same order.
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    assert_eq!(digits(&before), digits(&after));
    // Nothing left to fix: a second run writes nothing.
    let again = bin().args(["--fix", "--format", "concise"]).arg(&p).output().unwrap();
    assert!(!text(&again.stderr).contains("Fixed"), "{}", text(&again.stderr));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), after);
}

#[test]
fn unsafe_fixes_with_diff_show_the_computed_percentage_and_write_nothing() {
    let (_dir, p) = copy();
    let out = bin().args(["--unsafe-fixes", "--diff"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "there is something to fix");
    let diff = text(&out.stdout);
    assert!(diff.contains("--- a/") && diff.contains("+++ b/"), "{diff}");
    let minus: Vec<&str> = diff.lines().filter(|l| l.starts_with('-') && !l.starts_with("---")).collect();
    let plus: Vec<&str> = diff.lines().filter(|l| l.starts_with('+') && !l.starts_with("+++")).collect();
    assert!(minus.iter().any(|l| l.contains("大幅上升 60 %，")), "{diff}");
    assert!(plus.iter().any(|l| l.contains("大幅上升 57.1%，")), "{diff}");
    assert!(plus.iter().any(|l| l.contains("年 ，我")), "the safe fix is in the diff too: {diff}");
    assert_eq!(std::fs::read(&p).unwrap(), sample(), "--diff writes nothing");
    // Without --unsafe-fixes the percentage is not touched.
    let out = bin().arg("--diff").arg(&p).output().unwrap();
    assert!(!text(&out.stdout).contains("57.1%"), "{}", text(&out.stdout));
    // --fix without --unsafe-fixes leaves it too.
    bin().arg("--fix").arg(&p).output().unwrap();
    assert!(std::fs::read_to_string(&p).unwrap().contains("大幅上升 60 %，"));
}

#[test]
fn unsafe_fix_writes_the_computed_percentage_when_asked() {
    let (_dir, p) = copy();
    let out = bin().args(["--fix", "--unsafe-fixes", "--format", "concise"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the wording warnings remain");
    assert!(!text(&out.stdout).contains("percent-change"), "{}", text(&out.stdout));
    let after = std::fs::read_to_string(&p).unwrap();
    assert!(after.contains("大幅上升 57.1%，"));
    let out = bin().args(["--select", "percent-change"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "the fixed paper is consistent: {}", text(&out.stdout));
}

#[test]
fn a_paper_that_is_not_utf8_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gb18030.txt");
    let body = String::from_utf8(sample()).unwrap();
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&body);
    assert!(!unmappable);
    std::fs::write(&p, &bytes).unwrap();
    let out = bin().arg("--fix").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "asked to fix and could not");
    let err = text(&out.stderr);
    assert!(err.contains("cannot fix") && err.contains("not UTF-8"), "{err}");
    assert_eq!(std::fs::read(&p).unwrap(), bytes.into_owned(), "not written");
}

#[test]
fn standard_input_is_never_written() {
    let out = bin().args(["--fix", "-"]).write_stdin(sample()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("standard input is never written"), "{}", text(&out.stderr));
}

#[test]
fn a_preferred_term_is_written_the_configured_way() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy-lint.toml"), "[term-consistency.prefer]\n\"持份者\" = [\"持分者\"]\n")
        .unwrap();
    let p = dir.path().join("paper.md");
    std::fs::write(&p, "我們會與持分者合作。\n\n所有持份者都歡迎。\n").unwrap();
    let out = bin().args(["--fix", "--format", "concise"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{} {}", text(&out.stdout), text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "我們會與持份者合作。\n\n所有持份者都歡迎。\n");
}

#[test]
fn the_human_report_says_what_is_fixable() {
    let (_dir, p) = copy();
    let out = bin().arg(&p).output().unwrap();
    let report = text(&out.stdout);
    assert!(report.ends_with("[*] 1 fixable with `--fix` (1 more with `--unsafe-fixes`).\n"), "{report}");
    let out = bin().args(["--fix", "--unsafe-fixes"]).arg(&p).output().unwrap();
    assert!(!text(&out.stdout).contains("[*]"), "{}", text(&out.stdout));
}

#[test]
fn fixes_are_in_json_and_sarif() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = bin().current_dir(root).args(["--format", "json", SAMPLE]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let comma = diags.iter().find(|d| d["rule"] == "punctuation-width").unwrap();
    assert_eq!(comma["fix"]["applicability"], "safe");
    let edit = &comma["fix"]["edits"][0];
    let (off, len) =
        (edit["span"]["offset"].as_u64().unwrap() as usize, edit["span"]["length"].as_u64().unwrap() as usize);
    assert_eq!(&sample()[off..off + len], b",");
    assert_eq!(edit["replacement"], "，");
    let pc = diags.iter().find(|d| d["rule"] == "percent-change").unwrap();
    assert_eq!(pc["fix"]["applicability"], "unsafe");
    assert_eq!(pc["fix"]["edits"][0]["replacement"], "57.1%");
    assert!(diags.iter().filter(|d| d["rule"] == "term-consistency").all(|d| d.get("fix").is_none()));

    let out = bin().current_dir(root).args(["--format", "sarif", SAMPLE]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let r = results.iter().find(|r| r["ruleId"] == "punctuation-width").unwrap();
    let rep = &r["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(rep["deletedRegion"]["byteOffset"].as_u64(), Some(off as u64));
    assert_eq!(rep["insertedContent"]["text"], "，");
}
