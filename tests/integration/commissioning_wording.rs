//! The wording findings of the commissioning paper (issue 6): exactly these, each with its spans.
//! `持份者` three times against `持分者` twice (once across a line break), `防衛` three times
//! against `防衞` once, `啟用` against `啓用` (once each: the first used is taken as the paper's),
//! the half-width comma in paragraph 41, and `Fintech@Gloucester` (paragraph 28) against
//! `Fintech @Gloucester` (paragraph 41): the PDF's text layer has a double space, a real space,
//! before the `@` only in paragraph 41.

use crate::common;

use std::path::Path;

#[test]
fn the_wording_findings_are_exactly_the_real_ones() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/legco-fintech-2020.zh.txt");
    let rules = ["term-consistency", "abbreviation", "punctuation-width"];
    let (src, out) = common::lint_file(&path, Some(&rules));
    let found: Vec<(&str, &str, Vec<&str>)> = out
        .diagnostics
        .iter()
        .map(|d| (d.rule, src.slice(d.primary.span), d.labels.iter().map(|l| src.slice(l.span)).collect()))
        .collect();
    let expected: Vec<(&str, &str, Vec<&str>)> = vec![
        // Paragraph 17, across a line break (and a blank line) of the PDF text.
        ("term-consistency", "持分\n\n者", vec!["持份者"]),
        // Paragraph 20: 「網絡防衞評估框架」 in a paragraph that writes 「網絡防衛計劃」.
        ("term-consistency", "防 衞", vec!["防 衛"]),
        // Paragraph 28 (啓用) against paragraph 27 (啟用, split over a line break).
        ("term-consistency", "啓用", vec!["啟\n\n用"]),
        // Paragraph 40.
        ("term-consistency", "持 分 者", vec!["持份者"]),
        // Paragraph 41.
        ("punctuation-width", ",", vec!["，"]),
        ("term-consistency", "Fi n t e c h  @ G lo u c es t e r", vec!["F i n t e ch @ Gl ou c es t e r"]),
    ];
    assert_eq!(found, expected, "{}", common::render(&src, &out));
    let comma = &out.diagnostics[4];
    let block = out.document.block_at(out.document.norm.text.find("在未來一年,").unwrap()).unwrap();
    assert_eq!(out.document.paragraph_of(block), Some(41));
    assert_eq!(comma.message, "half-width comma in Chinese text (`，` 267 times elsewhere)");
}
