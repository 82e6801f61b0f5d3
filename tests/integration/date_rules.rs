//! The date rules over the shared corpus, with each paper's real date given as `--date` would give
//! it. Most corpus papers do not print their year (`today (July 26)`), so `tests/integration/corpus.rs` alone
//! would never compare their dates with anything; here every paper whose date is known from its
//! source is checked against it. Every finding must be listed with its verdict. Ignored unless the
//! corpus is present, like `tests/integration/corpus.rs`.

use crate::common;

use std::path::PathBuf;

use policy_lint::lint::{self, LintOptions};

const DATE_RULES: &[&str] = &["date-after-document", "date-range-order", "relative-date", "date-order", "weekday"];

/// Each paper's own date, from `SOURCES.md`, its file name, or the public record (budget days,
/// the opening of the National People's Congress). Papers whose date is not known are left out
/// rather than guessed.
const DATES: &[(&str, &str)] = &[
    ("en-GB_hansard_1956-07-18_regular-recruiting-table.txt", "1956-07-18"),
    ("en-HK_budget-2020-21_media-sheets.txt", "2020-02-26"),
    ("en-HK_govt-press-release_2023-07-26_ADTAC-appointments_via-government-world.txt", "2023-07-26"),
    // The LPG release is dated December 24 and announces January 2026 prices: the last of the
    // three releases in the file is the latest, so its date covers all three.
    ("en-HK_govt-press-releases_2025_trade-stats-May2025_LPG-prices-Jan2026_via-mil-osi.txt", "2025-12-24"),
    ("en-SG_budget-speech_2020.md", "2020-02-18"),
    ("en-SG_budget-speech_2023.md", "2023-02-14"),
    ("en-SG_budget-speech_2024.md", "2024-02-16"),
    ("en-SG_budget-speech_2025.md", "2025-02-18"),
    ("zh-CN_PRC-government-work-report_2018.txt", "2018-03-05"),
    ("zh-CN_PRC-government-work-report_2019.txt", "2019-03-05"),
    ("zh-CN_PRC-government-work-report_2021.txt", "2021-03-05"),
    ("zh-CN_PRC-government-work-report_2023.txt", "2023-03-05"),
    ("zh-CN_PRC-government-work-report_2024.txt", "2024-03-05"),
    ("zh-CN_PRC-government-work-report_2025.txt", "2025-03-05"),
    ("zh-HK_LegCo-council-agenda-revised_2020-11-11_excerpt.txt", "2020-11-11"),
    ("zh-HK_LegCo-council-agenda_2020-10-28_excerpt.txt", "2020-10-28"),
    ("zh-HK_hk01_HK-trade-stats-Oct2025.txt", "2025-11-25"),
    ("zh-HK_info.gov.hk_2025-06-16_trade-volume-price-Apr2025_excerpt.txt", "2025-06-16"),
    ("zh-HK_tmhk_LegCo-FC-session-summary_2024-12-17.txt", "2024-12-17"),
    ("zh-Hans-HK_LegCo-council-agenda_2021-06-02_excerpt.txt", "2021-06-02"),
    ("zh-Hans-HK_LegCo-press-release_2023-12-18_FC-year-end_excerpt.txt", "2023-12-18"),
    ("zh-Hans-HK_info.gov.hk_2018-07-18_FC-chairman-year-end-remarks_excerpt.txt", "2018-07-18"),
];

/// (file, rule, part of the message) for every date finding, with its verdict.
const EXPECTED: &[(&str, &str, &str)] = &[];

/// The commissioning paper is dated 2020-06-01 in its header, mentions `2021 年啓用` as a plan and
/// `2020 年內` as a target, and every date in it is consistent: the date rules read its dates
/// (they are not silent for want of reading them) and report nothing.
#[test]
fn every_date_in_the_commissioning_paper_is_consistent() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/legco-fintech-2020.zh.txt");
    let (src, out) = common::lint_file(&path, Some(DATE_RULES));
    assert!(out.diagnostics.is_empty(), "{}", common::render(&src, &out));
    let doc = &out.document;
    assert_eq!(doc.date.as_ref().map(|d| d.date.to_string()), Some("2020-06-01".into()));
    let texts: Vec<&str> = doc.dates.iter().map(|d| d.text.as_str()).collect();
    for t in ["2021年", "2020年內", "今年4月底", "去年11月4至8日", "今年首4個月", "2019/20年度", "2020年3月底"]
    {
        assert!(texts.contains(&t), "`{t}` not read: {texts:?}");
    }
    // The ranges it writes run forwards.
    let ranges: Vec<(&str, &str)> =
        doc.date_ranges.iter().map(|r| (r.from.text.as_str(), r.to.text.as_str())).collect();
    assert_eq!(ranges, [("2014", "2019年"), ("2019年4月", "2020年2月")]);
    // Its one relation between a relative date and an event's year was compared, and holds.
    let rel: Vec<_> =
        out.checks.iter().filter(|c| c.rule == "relative-date" && c.relation.contains("` against `")).collect();
    assert_eq!(rel.len(), 1);
    assert_eq!(rel[0].verdict, policy_lint::rules::Verdict::Consistent);
    // Each relative date was read against the paper's date, and each date compared with it: none
    // is after it but the plans.
    let read = |rule: &str| out.checks.iter().filter(|c| c.rule == rule).count();
    assert!(read("relative-date") >= 4, "今年4月底, 去年11月4至8日, 今年首4個月 …");
    let after: Vec<_> = out
        .checks
        .iter()
        .filter(|c| c.rule == "date-after-document" && c.verdict != policy_lint::rules::Verdict::Consistent)
        .map(|c| c.relation.as_str())
        .collect();
    assert!(
        out.checks
            .iter()
            .all(|c| c.rule != "date-after-document" || c.verdict != policy_lint::rules::Verdict::Inconsistent),
        "{after:?}"
    );
    assert!(read("date-after-document") > after.len());
}

/// The LPG release is dated `today (December 24)` with no year and announces January 2026 prices:
/// its date is unknown, not guessed, and no date rule fires, with or without its real date.
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run when present"]
fn the_lpg_release_keeps_its_yearless_date_unguessed() {
    let path = corpus().join("en-HK_govt-press-releases_2025_trade-stats-May2025_LPG-prices-Jan2026_via-mil-osi.txt");
    let (src, out) = common::lint_file(&path, Some(DATE_RULES));
    assert!(out.diagnostics.is_empty(), "{}", common::render(&src, &out));
    let doc = &out.document;
    assert!(doc.date.is_none());
    assert_eq!(doc.date_without_year.map(|s| src.slice(s)), Some("December 24"));
    // `from January 1 to January 31, 2026`: the start takes its year from the end.
    let r = &doc.date_ranges[0];
    assert_eq!((r.from.start.to_string(), r.to.start.to_string()), ("2026-01-01".into(), "2026-01-31".into()));
    assert!(out.checks.iter().any(|c| c.rule == "date-after-document" && c.relation.contains("without a year")));
}

fn corpus() -> PathBuf {
    common::shared("POLICY_LINT_CORPUS", "corpus")
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run when present"]
fn date_findings_with_the_papers_real_dates_are_exactly_the_known_ones() {
    let dir = corpus();
    assert!(dir.is_dir(), "corpus not found at {}", dir.display());
    let resolved = common::resolved(Some(DATE_RULES));
    let mut seen = Vec::new();
    let mut unexpected = Vec::new();
    for (name, date) in DATES {
        let path = dir.join(name);
        let src = common::source(&path);
        let opts = LintOptions { date: Some(date.parse().unwrap()), markdown: lint::is_markdown(name), checks: true };
        let out = lint::lint(&src, &resolved, &opts);
        for d in &out.diagnostics {
            match EXPECTED.iter().position(|(f, r, m)| f == name && *r == d.rule && d.message.contains(m)) {
                Some(i) => seen.push(i),
                None => unexpected.push(format!("{name}: [{}] {}\n{}", d.rule, d.message, common::render(&src, &out))),
            }
        }
    }
    assert!(unexpected.is_empty(), "date findings not known to be real:\n{}", unexpected.join("\n"));
    for (i, e) in EXPECTED.iter().enumerate() {
        assert!(seen.contains(&i), "expected finding not reported: {e:?}");
    }
}
