//! Inputs that once crashed policy-lint (found by fuzzing, or by hand), kept so they never do
//! again: each is linted with every rule and every renderer, and must not panic.

use crate::common;

use std::path::Path;

use policy_lint::lint::{self, LintOptions};
use policy_lint::output::{FileReport, Summary, figures, human, json};
use policy_lint::source::Source;

fn lint_everything(name: &str, bytes: &[u8]) {
    let Ok(src) = Source::from_bytes(name, bytes) else { return };
    for markdown in [false, true] {
        let out = lint::lint(&src, &common::resolved(None), &LintOptions { date: None, markdown, checks: true });
        let report = FileReport { source: &src, diagnostics: &out.diagnostics };
        let mut s = String::new();
        human::render_file(&report, human::Style::default(), &mut s);
        let mut summary = Summary::default();
        summary.add(&out.diagnostics);
        json::render(&[report], &[], &summary);
        figures::render_table(&src, &out.document, &out.checks);
        figures::render_json(&src, &out.document, &out.checks);
    }
}

#[test]
fn every_saved_crash_input_is_handled() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        lint_everything(&path.display().to_string(), &std::fs::read(&path).unwrap());
        n += 1;
    }
    assert!(n > 0);
}

/// A difference as large as the new value leaves no base (fuzzing found the division by zero).
#[test]
fn a_difference_equal_to_the_new_value() {
    lint_everything(
        "x.txt",
        "Spending is $5.0 billion, which is 10.0% or $5.0 billion higher than the estimate.\n".as_bytes(),
    );
    lint_everything("x.txt", "由 0 宗增加至 5 宗，升幅為 10%。較去年的 0 宗上升 5%。\n".as_bytes());
}
