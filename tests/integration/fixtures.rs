//! Every rule's fixtures: `bad*.txt` must fire (the report is snapshotted), `good*.txt` must stay
//! silent. The rule is the fixture's directory name, and only that rule runs — except that a
//! good fixture must also stay silent under every other rule: a false alarm of one rule on
//! another's fixture is still a false alarm.

use crate::common;

use std::path::Path;

fn rule_of(path: &Path) -> String {
    path.parent().and_then(|p| p.file_name()).unwrap().to_string_lossy().into_owned()
}

#[test]
fn bad_fixtures_fire() {
    insta::glob!("../fixtures", "*/bad*.txt", |path| {
        let rule = rule_of(path);
        let (src, out) = common::lint_file(path, Some(&[rule.as_str()]));
        assert!(!out.diagnostics.is_empty(), "{} should fire on {}", rule, path.display());
        assert!(out.diagnostics.iter().all(|d| d.rule == rule));
        insta::assert_snapshot!(common::render(&src, &out));
    });
}

#[test]
fn good_fixtures_stay_silent() {
    insta::glob!("../fixtures", "*/good*.txt", |path| {
        let rule = rule_of(path);
        let (src, out) = common::lint_file(path, Some(&[rule.as_str()]));
        assert!(out.diagnostics.is_empty(), "{} fired on {}:\n{}", rule, path.display(), common::render(&src, &out));
    });
}

/// Every rule on every good fixture: nothing fires but `numbering`, since the fixtures are
/// excerpts that keep their paragraph numbers from the middle of a paper.
#[test]
fn good_fixtures_stay_silent_under_every_rule() {
    insta::glob!("../fixtures", "*/good*.txt", |path| {
        let (src, out) = common::lint_file(path, None);
        let other: Vec<_> = out.diagnostics.iter().filter(|d| d.rule != "numbering").collect();
        assert!(other.is_empty(), "{} fired on {}:\n{}", other[0].rule, path.display(), common::render(&src, &out));
    });
}
