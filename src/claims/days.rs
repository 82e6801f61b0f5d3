//! Days named against the paper's date: `財政部今（9）日公布`, `財政部昨（9）日公布`, `國家統計局
//! 今天公布`, `財政部18日公布`, `【香港中通社七日電】`.
//!
//! Chinese news gives the day alone, or says `today` and `yesterday`, and leaves the month and year
//! to the paper's date, or to its dateline when it has no other (`新华社北京2月22日电`, with no
//! year). Each such day is read against that anchor: `今`, `昨` and `前` a day apart, and a day
//! alone in the anchor's month, or the month before when it is later than the anchor's day (a
//! dispatch of 2 March reports `28日` of February). A day alone is read only where a word of
//! reporting follows it (`公布`, `電`): `7日內` is a span of days. The words are
//! `rules/days.toml`; the `relative-date` rule lists each reading and judges a day stated with
//! `今`/`昨` (`今（9）日`) against the anchor.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Deserialize;

use crate::claims::support::WordList;
use crate::document::Document;
use crate::parse::number::cn_digit_value;
use crate::source::Span;

const DAYS_TOML: &str = include_str!("../../rules/days.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWords {
    today: Vec<String>,
    yesterday: Vec<String>,
    day_before: Vec<String>,
    report_words: Vec<String>,
    dateline_words: Vec<String>,
}

struct Words {
    /// `日` and `天`, which every day named here ends with.
    day_chars: WordList,
    /// Each relative word with its offset in days.
    relative: Vec<(String, i64)>,
    report_words: WordList,
    dateline_words: WordList,
}

fn words() -> &'static Words {
    static W: LazyLock<Words> = LazyLock::new(|| {
        // Compiled in and checked by `tests::embedded_words_parse`: a failure is a build defect.
        let r: RawWords = toml::from_str(DAYS_TOML).expect("embedded rules/days.toml is valid");
        let mut relative: Vec<(String, i64)> = Vec::new();
        relative.extend(r.today.into_iter().map(|w| (w, 0)));
        relative.extend(r.yesterday.into_iter().map(|w| (w, -1)));
        relative.extend(r.day_before.into_iter().map(|w| (w, -2)));
        Words {
            day_chars: WordList::new(vec!["日".to_owned(), "天".to_owned()]),
            relative,
            report_words: WordList::new(r.report_words),
            dateline_words: WordList::new(r.dateline_words),
        }
    });
    &W
}

/// The day the others are read against.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// The day, in a stand-in leap year (2000) when the year is not known.
    pub date: Date,
    pub year_known: bool,
    /// Where it is written, if in the paper.
    pub span: Option<Span>,
    /// The paper's own date, or a dateline that gives no year.
    pub dateline: bool,
}

/// A day named against the anchor.
#[derive(Debug, Clone)]
pub struct DayRef {
    /// The words, as a normalised range: `今（9）日`, `昨天`, `18日`.
    pub norm: Range<usize>,
    /// Days from the anchor for `今`, `昨`, `前`; `None` for a day alone.
    pub offset: Option<i64>,
    /// The day of the month written, if one is (`9` in `今（9）日`).
    pub stated: Option<i8>,
    /// The day it is read as (in the anchor's year, real or stand-in).
    pub date: Date,
}

/// The anchor and the days read against it.
#[derive(Debug, Clone, Default)]
pub struct Days {
    pub anchor: Option<Anchor>,
    pub refs: Vec<DayRef>,
}

/// How many blocks from the top a dateline is looked for in.
const DATELINE_BLOCKS: usize = 4;

/// The value of a day written in digits or Chinese numerals (`18`, `七`, `二十一`), 1 to 31.
fn day_value(s: &str) -> Option<i8> {
    let v = if s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse::<u32>().ok()?
    } else if let Some((tens, units)) = s.split_once('十') {
        let t = if tens.is_empty() { 1 } else { single(tens)? };
        let u = if units.is_empty() { 0 } else { single(units)? };
        t * 10 + u
    } else {
        single(s)?
    };
    i8::try_from(v).ok().filter(|d| (1..=31).contains(d))
}

fn single(s: &str) -> Option<u32> {
    let mut cs = s.chars();
    let c = cs.next()?;
    if cs.next().is_some() {
        return None;
    }
    cn_digit_value(c)
}

/// The day number that ends `head` (`財政部18`, `香港中通社七`): its start and value. At most two
/// digits or three Chinese numerals.
fn day_before(head: &str) -> Option<(usize, i8)> {
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        let start = head.len() - digits;
        return (digits <= 2).then(|| day_value(&head[start..]).map(|d| (start, d))).flatten();
    }
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| *c == '十' || cn_digit_value(*c).is_some_and(|v| v > 0 || *c == '〇'))
        .last()
        .map(|(k, _)| k)?;
    if head[start..].chars().count() > 3 {
        return None;
    }
    Some((start, day_value(&head[start..])?))
}

/// The paper's own date, else a dateline near the top without a year (`新华社北京2月22日电`).
fn anchor(doc: &Document) -> Option<Anchor> {
    if let Some(p) = &doc.date {
        return Some(Anchor { date: p.date, year_known: true, span: p.span, dateline: false });
    }
    let w = words();
    for b in doc.blocks.iter().take(DATELINE_BLOCKS) {
        let t = doc.norm_text(&b.norm);
        for r in w.dateline_words.find_all(t) {
            let head = &t[..r.start];
            let Some(day_head) = head.strip_suffix('日') else { continue };
            let Some((ds, day)) = day_before(day_head) else { continue };
            let Some(month_head) = day_head[..ds].strip_suffix('月') else { continue };
            let Some((ms, month)) = day_before(month_head) else { continue };
            let month = Some(month).filter(|m| (1..=12).contains(m));
            let Some(date) = month.and_then(|m| Date::new(2000, m, day).ok()) else { continue };
            let span = doc.span(b.norm.start + ms..b.norm.start + r.end);
            return Some(Anchor { date, year_known: false, span: Some(span), dateline: true });
        }
    }
    None
}

/// Every day named against the paper's date or dateline.
pub(crate) fn read_days(doc: &Document) -> Days {
    let Some(anchor) = anchor(doc) else { return Days::default() };
    let w = words();
    let text = &doc.norm.text;
    let mut refs = Vec::new();
    // Every `日` and `天` (found by the word scan, which passes over most characters in runs)
    // that a word of reporting follows (`日公布`, `天公布`, `日電`).
    for hit in w.day_chars.find_all(text) {
        let (p, end) = (hit.start, hit.end);
        let rest = text[end..].trim_start();
        if w.report_words.at(rest, 0).is_none() {
            continue;
        }
        let c = text[p..].chars().next().unwrap_or('日');
        let head = &text[..p];
        let bracketed = head.ends_with(['）', ')']);
        // `今（9）日`, `昨(9)日`: a relative word and the day it is, in brackets (`日` only).
        if c == '日'
            && bracketed
            && let Some(inner) = head.strip_suffix(['）', ')'])
            && let Some(open) = inner.rfind(['（', '('])
            && let Some(day) = day_value(inner[open + inner[open..].chars().next().map_or(1, char::len_utf8)..].trim())
            && let Some((word, offset)) = w.relative.iter().find(|(rw, _)| inner[..open].ends_with(rw.as_str()))
        {
            let start = open - word.len();
            if let Ok(date) = anchor.date.checked_add(offset.days()) {
                refs.push(DayRef { norm: start..end, offset: Some(*offset), stated: Some(day), date });
            }
            continue;
        }
        // `今天`, `昨日` followed by a word of reporting (`今日香港` is a name).
        if let Some((word, offset)) = w.relative.iter().find(|(rw, _)| head.ends_with(rw.as_str())) {
            if let Ok(date) = anchor.date.checked_add(offset.days()) {
                refs.push(DayRef { norm: p - word.len()..end, offset: Some(*offset), stated: None, date });
            }
            continue;
        }
        // `財政部18日公布`, `七日電`: a day alone, not the end of a full date (`2月22日`), a span
        // (`7日內`) or an ordinal (`第7日`).
        if c != '日' {
            continue;
        }
        let Some((start, day)) = day_before(head) else { continue };
        let before = head[..start].chars().next_back();
        if before.is_some_and(|b| {
            matches!(b, '月' | '第' | '每' | '近' | '前' | '後' | '后' | '數' | '数') || b.is_ascii_digit()
        }) {
            continue;
        }
        let month_back = i8::from(day > anchor.date.day());
        let first = anchor.date.first_of_month();
        let month = if month_back == 1 { first.checked_sub(1.month()).ok() } else { Some(first) };
        let Some(date) = month.and_then(|m| Date::new(m.year(), m.month(), day).ok()) else { continue };
        refs.push(DayRef { norm: start..end, offset: None, stated: Some(day), date });
    }
    Days { anchor: Some(anchor), refs }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Read = (Option<String>, Vec<(String, String, Option<i8>)>);

    fn read(t: &str) -> Read {
        let doc =
            crate::parse::parse(&crate::source::Source::from_text("t.txt", t), &crate::parse::ParseOptions::default());
        let d = read_days(&doc);
        let a = d.anchor.map(|a| a.date.to_string());
        let refs = d.refs.iter().map(|r| (doc.norm_text(&r.norm).to_owned(), r.date.to_string(), r.stated)).collect();
        (a, refs)
    }

    #[test]
    fn embedded_words_parse() {
        let _ = words();
    }

    #[test]
    fn days_against_a_dateline_without_a_year() {
        let (a, refs) = read("新华社北京2月22日电 国家统计局22日公布的数据显示,1月份价格上涨1.9%。\n");
        assert_eq!(a.as_deref(), Some("2000-02-22"));
        assert_eq!(refs, [("22日".into(), "2000-02-22".into(), Some(22))]);
        let (_, refs) = read("中国台湾网10月8日讯 台当局财务主管部门昨天公布9月出口。台财务主管部门7日公布统计。\n");
        assert_eq!(refs, [("昨天".into(), "2000-10-07".into(), None), ("7日".into(), "2000-10-07".into(), Some(7))]);
        // A day later than the dispatch's is in the month before.
        let (_, refs) = read("本报北京3月2日电 财政部28日公布前2个月数据。\n");
        assert_eq!(refs, [("28日".into(), "2000-02-28".into(), Some(28))]);
    }

    #[test]
    fn days_against_the_papers_date() {
        let (a, refs) = read("2025年9月9日\n\n財政部今（9）日公布8月出口。財政部昨（8）日表示。\n");
        assert_eq!(a.as_deref(), Some("2025-09-09"));
        assert_eq!(
            refs,
            [("今（9）日".into(), "2025-09-09".into(), Some(9)), ("昨（8）日".into(), "2025-09-08".into(), Some(8))]
        );
    }

    #[test]
    fn spans_names_and_full_dates_are_no_days() {
        let (_, refs) = read("2025年9月9日\n\n今日香港。須於7日內公布。第7日公布。9月7日公布。\n");
        assert!(refs.is_empty(), "{refs:?}");
    }
}
