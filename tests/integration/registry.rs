//! Every rule is documented the same way and has its fixtures, in both languages.

use std::path::Path;

use policy_lint::rules::registry;

#[test]
fn every_rule_has_its_doc_headings() {
    for r in registry() {
        for heading in ["## What it does", "## Why is this bad?", "## Example", "## What it does not check"] {
            assert!(r.doc.contains(heading), "{} lacks `{heading}`", r.name);
        }
        assert!(!r.summary().is_empty(), "{} has no summary", r.name);
    }
}

#[test]
fn every_rule_has_chinese_and_english_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for r in registry() {
        for name in ["bad.zh.txt", "bad.en.txt", "good.zh.txt", "good.en.txt"] {
            let p = dir.join(r.name).join(name);
            assert!(p.is_file(), "{} has no fixture {}", r.name, p.display());
        }
    }
}

#[test]
fn rule_names_are_kebab_case_and_sorted_by_declaration() {
    for r in registry() {
        assert!(r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", r.name);
    }
}
