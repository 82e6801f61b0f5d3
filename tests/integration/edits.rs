//! Hand edits that break one relation at a time in a real paper, each of which the right rule
//! must catch, with its primary span on what was edited.
//!
//! An edit is data in `tests/edits/*.toml`:
//!
//! ```toml
//! [[edit]]
//! name = "paragraph 29: the base of the 60% rise"
//! file = "samples/legco-fintech-2020.zh.txt"   # or "corpus:<file>" for ../shared/corpus
//! find = "16 8 , 00 0 宗"                       # must occur exactly once
//! replace = "17 8 , 00 0 宗"
//! rule = "percent-change"                       # the rule that must catch it
//! span = "60 %"                                 # the primary span's text after the edit
//! also = []                                     # other rules allowed to fire on the edit
//! date = "2020-02-26"                           # optional: the paper's date, as --date gives it
//! ```
//!
//! The edited paper is linted with every rule; the findings that are new compared with the
//! unedited paper must include one from `rule` whose primary span reads `span`, and no new
//! finding from a rule outside `rule` and `also`. Edits of the shared corpus are not copied into
//! this repository: they are applied at test time, and run only when the corpus is present
//! (`cargo test --test integration -- --ignored edits::`, run by `.ci/run`).

use crate::common;

use std::path::{Path, PathBuf};

use policy_lint::lint::{self, LintOptions};
use policy_lint::source::Source;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EditFile {
    edit: Vec<Edit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    name: String,
    file: String,
    find: String,
    replace: String,
    rule: String,
    span: String,
    #[serde(default)]
    also: Vec<String>,
    /// The paper's own date, for papers that do not print their year (as `--date` gives it).
    #[serde(default)]
    date: Option<String>,
}

fn corpus() -> PathBuf {
    common::shared("POLICY_LINT_CORPUS", "corpus")
}

fn edits() -> Vec<Edit> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/edits");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut out = Vec::new();
    for f in files.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let text = std::fs::read_to_string(f).unwrap();
        let parsed: EditFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        out.extend(parsed.edit);
    }
    out
}

fn lint_text(name: &str, text: &str, date: Option<&str>) -> (Source, Vec<policy_lint::diagnostic::Diagnostic>) {
    let src = Source::from_text(name, text);
    let date = date.map(|d| d.parse().unwrap_or_else(|e| panic!("{name}: bad date `{d}`: {e}")));
    let out = lint::lint(
        &src,
        &common::resolved(None),
        &LintOptions { date, markdown: lint::is_markdown(name), checks: false },
    );
    (src, out.diagnostics)
}

/// Apply one edit and check it; returns a failure description.
fn check(e: &Edit, path: &Path) -> Option<String> {
    let original = std::fs::read_to_string(path).unwrap();
    let count = original.matches(&e.find).count();
    if count != 1 {
        return Some(format!("{}: `find` occurs {count} times in {}", e.name, e.file));
    }
    let edited = original.replacen(&e.find, &e.replace, 1);
    let (before_src, before) = lint_text(&e.file, &original, e.date.as_deref());
    let (src, after) = lint_text(&e.file, &edited, e.date.as_deref());
    // A finding is the same when it is about the same text: its rule, the words under its
    // primary label and under every other label (as baselines recognise findings). Messages
    // may quote counts that any edit changes.
    let key = |src: &Source, d: &policy_lint::diagnostic::Diagnostic| {
        let mut labels: Vec<String> = d.labels.iter().map(|l| src.slice(l.span).to_owned()).collect();
        labels.sort();
        (d.rule, src.slice(d.primary.span).to_owned(), labels)
    };
    // A multiset difference: the same words found once more is a new finding.
    let mut before_keys: Vec<_> = before.iter().map(|d| key(&before_src, d)).collect();
    let new: Vec<_> = after
        .iter()
        .filter(|d| {
            let k = key(&src, d);
            match before_keys.iter().position(|b| *b == k) {
                Some(i) => {
                    before_keys.swap_remove(i);
                    false
                }
                None => true,
            }
        })
        .collect();
    let caught = new.iter().any(|d| d.rule == e.rule && src.slice(d.primary.span) == e.span);
    let stray: Vec<String> = new
        .iter()
        .filter(|d| d.rule != e.rule && !e.also.iter().any(|a| a == d.rule))
        .map(|d| format!("[{}] {} at {:?}", d.rule, d.message, src.slice(d.primary.span)))
        .collect();
    let shown: Vec<String> =
        new.iter().map(|d| format!("[{}] {} at {:?}", d.rule, d.message, src.slice(d.primary.span))).collect();
    if !caught {
        return Some(format!("{}: not caught by {} at {:?}; new findings: {:?}", e.name, e.rule, e.span, shown));
    }
    if !stray.is_empty() {
        return Some(format!("{}: other rules fired too: {:?}", e.name, stray));
    }
    None
}

fn run(corpus_edits: bool) {
    let mut failures = Vec::new();
    let mut ran = 0;
    for e in edits() {
        let path = match e.file.strip_prefix("corpus:") {
            Some(f) if corpus_edits => corpus().join(f),
            None if !corpus_edits => Path::new(env!("CARGO_MANIFEST_DIR")).join(&e.file),
            _ => continue,
        };
        ran += 1;
        failures.extend(check(&e, &path));
    }
    assert!(ran > 0, "no edits ran");
    assert!(failures.is_empty(), "{} of {ran} edits failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn edits_of_the_samples_are_caught() {
    run(false);
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run when present"]
fn edits_of_the_corpus_are_caught() {
    assert!(corpus().is_dir(), "corpus not found at {}", corpus().display());
    run(true);
}
