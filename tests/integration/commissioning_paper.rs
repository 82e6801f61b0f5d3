//! The paper the project was commissioned around: a LegCo panel paper on fintech (June 2020),
//! Traditional Chinese, extracted from PDF. It holds exactly one real inconsistency.

use crate::common;

use std::path::Path;

use policy_lint::diagnostic::Severity;
use policy_lint::document::{FigureKind, LabelStyle};
use policy_lint::quantity::fmt_q;

fn paper() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/legco-fintech-2020.zh.txt")
}

#[test]
fn the_one_real_finding_is_paragraph_29() {
    let (src, out) = common::lint_file(&paper(), None);
    // The wording rules' findings are pinned in tests/integration/commissioning_wording.rs.
    const WORDING: &[&str] = &["term-consistency", "abbreviation", "punctuation-width"];
    let others: Vec<_> = out.diagnostics.iter().filter(|d| !WORDING.contains(&d.rule)).collect();
    assert_eq!(others.len(), 1, "{}", common::render(&src, &out));
    let d = others[0];
    assert_eq!(d.rule, "percent-change");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(src.slice(d.primary.span), "60 %");
    let labelled: Vec<&str> = d.labels.iter().map(|l| src.slice(l.span)).collect();
    assert_eq!(labelled, ["16 8 , 00 0 宗", "2 64 ,0 00 宗"]);
    assert!(d.help.as_deref().unwrap().starts_with("264,000 / 168,000 − 1 = +57.1%; stated +60%"));
    // The paragraph the figure is in.
    let block =
        out.document.block_at(out.document.figures.iter().find(|f| f.span == d.primary.span).unwrap().norm.start);
    assert_eq!(out.document.paragraph_of(block.unwrap()), Some(29));
}

#[test]
fn the_parser_reads_every_figure_the_issue_lists() {
    let (_, out) = common::lint_file(&paper(), None);
    let doc = &out.document;
    // (figure as normalised, exact value)
    let expected = [
        ("600多家", "600"),
        ("14.7億美元", "1470000000"),
        ("32%", "32"),
        ("67%", "67"),
        ("64%", "64"),
        ("八家", "8"),
        ("12000名", "12000"),
        ("1400多場", "1400"),
        ("250名", "250"),
        ("150個", "150"),
        ("18個", "18"),
        ("8個", "8"),
        ("580家", "580"),
        ("134項", "134"),
        ("442個", "442"),
        ("七成", "70"),
        ("6312萬個", "63120000"),
        ("12.5%", "12.5"),
        ("530億港元", "53000000000"),
        ("10.1%", "10.1"),
        ("264,000宗", "264000"),
        ("168,000宗", "168000"),
        ("60%", "60"),
        ("486萬個", "4860000"),
        ("750萬人", "7500000"),
        ("7,300萬宗", "73000000"),
        ("10,000億港元", "1000000000000"),
        ("83萬個", "830000"),
        ("21%", "21"),
        ("31家", "31"),
        ("12家", "12"),
        ("71萬宗", "710000"),
        ("8億6千萬港元", "860000000"),
        ("1,000萬港元", "10000000"),
        ("1,480萬港元", "14800000"),
        ("49宗", "49"),
        ("800萬港元", "8000000"),
        ("三分之二", "0.666667"),
        ("四分之三", "0.75"),
        ("40萬港元", "400000"),
        ("60萬港元", "600000"),
        ("20億港元", "2000000000"),
        ("1：2", "0.5"),
        ("338個", "338"),
        ("28%", "28"),
        ("港幣13.8億", "1380000000"),
    ];
    for (text, value) in expected {
        let found = doc.figures.iter().find(|f| f.text(doc) == text);
        let f = found.unwrap_or_else(|| panic!("figure {text} not found"));
        assert_eq!(fmt_q(&f.value, 6), value, "value of {text}");
    }
    let money = doc.figures.iter().find(|f| f.text(doc) == "8億6千萬港元").unwrap();
    assert_eq!(money.kind, FigureKind::Money { currency: "HKD".into() });
    // `七成` is seven tenths: a percentage of 70, within its rounding of a tenth.
    let share = doc.figures.iter().find(|f| f.text(doc) == "七成").unwrap();
    assert_eq!(share.kind, FigureKind::Percent);
}

#[test]
fn structure_date_and_footnotes() {
    let (src, out) = common::lint_file(&paper(), None);
    let doc = &out.document;
    assert_eq!(doc.date.as_ref().map(|d| d.date.to_string()), Some("2020-06-01".into()));
    assert_eq!(doc.title.as_ref().map(|t| t.text.as_str()), Some("金融科技發展"));
    let paras: Vec<u32> = doc
        .blocks
        .iter()
        .filter_map(|b| b.label.as_ref())
        .filter(|l| l.style == LabelStyle::Arabic)
        .map(|l| l.value)
        .collect();
    assert_eq!(paras, (2..=42).collect::<Vec<_>>());
    let defs: Vec<u32> = doc.footnotes.iter().map(|f| f.number).collect();
    assert_eq!(defs, [1, 2, 3, 4, 5]);
    let refs: Vec<(u32, &str)> = doc.footnote_refs.iter().map(|r| (r.number, src.slice(r.span))).collect();
    assert_eq!(refs, [(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")]);
    // `帳戶登記 4數目`: the 4 is footnote 4, not a figure.
    let four = doc.footnote_refs.iter().find(|r| r.number == 4).unwrap();
    assert!(src.text()[..four.span.offset].ends_with("帳戶登記 "));
}

#[test]
fn no_label_footnote_marker_or_year_is_a_figure() {
    let (_, out) = common::lint_file(&paper(), None);
    let doc = &out.document;
    let overlaps =
        |a: policy_lint::source::Span, b: policy_lint::source::Span| a.offset < b.end() && b.offset < a.end();
    for f in &doc.figures {
        for b in &doc.blocks {
            if let Some(l) = &b.label {
                assert!(!overlaps(f.span, l.span), "{} overlaps label {}", f.text(doc), l.text);
            }
        }
        for r in &doc.footnote_refs {
            assert!(!overlaps(f.span, r.span), "{} overlaps footnote marker {}", f.text(doc), r.number);
        }
        for d in &doc.dates {
            assert!(!overlaps(f.span, d.span), "{} overlaps date {}", f.text(doc), d.text);
        }
        if let FigureKind::Count { .. } = f.kind {
            let v = policy_lint::quantity::fmt_q(&f.value, 0);
            assert!(
                !(v.len() == 4 && ("1900".."2101").contains(&v.as_str()) && f.text(doc).len() <= 5),
                "{} looks like a year",
                f.text(doc)
            );
        }
    }
}

#[test]
fn separate_numbers_stay_separate() {
    let (_, out) = common::lint_file(&paper(), None);
    let texts: Vec<&str> = out.document.figures.iter().map(|f| f.text(&out.document)).collect();
    // `18  個代表團，其中 8 個` is 18 and 8.
    let i = texts.iter().position(|t| *t == "18個").unwrap();
    assert_eq!(texts[i + 1], "8個");
    // `20 19 /20 年度` is the year 2019/20, not a figure.
    let fy = out.document.dates.iter().find(|d| d.text == "2019/20年度").unwrap();
    assert_eq!(fy.start.to_string(), "2019-04-01");
}
