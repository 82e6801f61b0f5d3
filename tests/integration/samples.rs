//! Snapshots of every sample paper: the human report (all rules) and what the parser read.

use crate::common;

#[test]
fn human_report() {
    insta::glob!("../../samples", "*.txt", |path| {
        let (src, out) = common::lint_file(path, None);
        insta::assert_snapshot!(common::render(&src, &out));
    });
}

#[test]
fn figures_json() {
    insta::glob!("../../samples", "*.txt", |path| {
        let (src, out) = common::lint_file(path, None);
        let json = policy_lint::output::figures::render_json(&src, &out.document, &out.checks);
        insta::assert_snapshot!(json);
    });
}
