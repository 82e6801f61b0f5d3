//! Properties that must hold for every input, not only the ones we thought of.

use crate::common;

use chinese_number::{ChineseCase, ChineseVariant, from_u64_to_chinese_ten_thousand};
use policy_lint::lint::{self, LintOptions};
use policy_lint::parse::{self, ParseOptions};
use policy_lint::quantity::fmt_q;
use policy_lint::source::Source;
use proptest::prelude::*;

/// Text that looks like a damaged paper: CJK, digits, separators, spaces, line breaks,
/// full-width digits, a few Latin letters.
fn paperish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("年".to_owned()),
        Just("月".to_owned()),
        Just("宗".to_owned()),
        Just("萬".to_owned()),
        Just("億港元".to_owned()),
        Just("%".to_owned()),
        Just("，".to_owned()),
        Just("。".to_owned()),
        Just("較去年".to_owned()),
        Just("上升".to_owned()),
        Just("由".to_owned()),
        Just("至".to_owned()),
        Just(" ".to_owned()),
        Just("  ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("１２".to_owned()),
        Just(",".to_owned()),
        Just(".".to_owned()),
        Just("(a)".to_owned()),
        Just("Fi n".to_owned()),
        "[0-9]{1,4}",
        "[一二三四五六七八九十百千萬億兩零]{1,3}",
        "[\u{4e00}-\u{4e50}]{1,3}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// `1234567` → `1,234,567`.
fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn is_space_like(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// What the normaliser may do to a character: drop whitespace, fold full-width ASCII (and the
/// full-width comma, which a figure may use as its thousands separator: `１２，000`).
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !is_space_like(*c))
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' | '＄' | '．' | '，' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    /// Every span lies on character boundaries of the original and covers what it names.
    #[test]
    fn spans_are_on_boundaries_and_cover_their_text(text in paperish()) {
        let src = Source::from_text("p.txt", text.clone());
        let doc = parse::parse(&src, &ParseOptions::default());
        let ok = |s: policy_lint::source::Span| text.is_char_boundary(s.offset) && text.is_char_boundary(s.end()) && s.end() <= text.len();
        for f in &doc.figures {
            prop_assert!(ok(f.span), "figure {:?} span {:?}", f.text(&doc), f.span);
            prop_assert_eq!(fold(&text[f.span.range()]), fold(f.text(&doc)), "figure span covers its text");
        }
        for d in &doc.dates {
            prop_assert!(ok(d.span));
            prop_assert_eq!(fold(&text[d.span.range()]), fold(&d.text));
        }
        for s in &doc.sentences {
            prop_assert!(ok(s.span));
        }
        for b in &doc.blocks {
            prop_assert!(ok(b.span));
            if let Some(l) = &b.label {
                prop_assert!(ok(l.span));
            }
        }
        for r in &doc.footnote_refs {
            prop_assert!(ok(r.span));
        }
    }

    /// Linting arbitrary text never panics, and every diagnostic's spans are valid.
    #[test]
    fn lint_never_panics(text in paperish()) {
        let src = Source::from_text("p.txt", text.clone());
        let out = lint::lint(&src, &common::resolved(None), &LintOptions::default());
        for d in &out.diagnostics {
            for s in std::iter::once(d.primary.span).chain(d.labels.iter().map(|l| l.span)) {
                prop_assert!(text.is_char_boundary(s.offset) && text.is_char_boundary(s.end()));
            }
        }
    }

    /// A count written in any supported style reads back as its value.
    #[test]
    fn numbers_read_back_in_every_style(n in 1u64..10_000_000_000, style in 0usize..5) {
        let written = match style {
            0 => n.to_string(),
            // Thousands separators.
            1 => grouped(n),
            // Full-width digits.
            2 => n.to_string().chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)).collect(),
            // Chinese numerals, Traditional and Simplified.
            3 => from_u64_to_chinese_ten_thousand(ChineseVariant::Traditional, ChineseCase::Lower, n),
            _ => from_u64_to_chinese_ten_thousand(ChineseVariant::Simple, ChineseCase::Lower, n),
        };
        let text = format!("共處理{written}宗申請。");
        let src = Source::from_text("p.txt", text.clone());
        let doc = parse::parse(&src, &ParseOptions::default());
        let f = doc.figures.iter().find(|f| f.text(&doc).ends_with('宗'));
        prop_assert!(f.is_some(), "no figure in {text}");
        prop_assert_eq!(fmt_q(&f.unwrap().value, 0), n.to_string(), "{}", text);
    }

    /// A change computed from the true values and then rounded as papers round is never called
    /// inconsistent: the interval arithmetic only fires when no values fit.
    #[test]
    fn rounded_true_changes_are_consistent(
        a in 1_000u64..5_000_000,
        growth in 1u64..3_000,          // per mille
        decimals in 0u32..2,
        scale in 0usize..3,
    ) {
        let b = a + a * growth / 1000;
        prop_assume!(b > a);
        let pct = (b as f64 / a as f64 - 1.0) * 100.0;
        let p = format!("{:.*}", decimals as usize, pct);
        // The levels as a paper would print them: in full, in 萬 to one decimal, or rounded to
        // thousands.
        let show = |v: u64| match scale {
            0 => format!("{v}宗"),
            1 => format!("{:.1}萬宗", v as f64 / 10_000.0),
            _ => format!("{},000宗", grouped((v as f64 / 1000.0).round() as u64)),
        };
        let text = format!("2.\t交易宗數由 2019 年的 {} 增加至 2020 年的 {}，升幅為 {p}%。\n", show(a), show(b));
        let src = Source::from_text("p.txt", text.clone());
        let out = lint::lint(&src, &common::resolved(Some(&["percent-change"])), &LintOptions::default());
        prop_assert!(out.diagnostics.is_empty(), "false alarm on {text}: {:?}", out.diagnostics.first().map(|d| &d.help));
    }
}
