//! A period and its length, stated together: `will last 5 years from 2001 to 2005`, `for the next
//! five years (2012-2016)`, `在 2007年至 2011年的 5年間`, `過去五年（2016至2020年）`.
//!
//! The length is a duration figure standing straight before the period's start or straight after
//! its end, with only a few words between (`from`, `(`, `的`, `這`): the words of
//! `rules/lengths.toml`. A duration that is a property of something else (`3年期國債`, `a 10-year
//! bond`) is no length. `period-length` judges each pair.

use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::claims::support::WordList;
use crate::document::{Document, FigureKind};
use crate::quantity::Interval;

const LENGTHS_TOML: &str = include_str!("../../rules/lengths.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWords {
    after: Vec<String>,
    before: Vec<String>,
    not_lengths: Vec<String>,
    lengths_despite: Vec<String>,
    compounds: Vec<String>,
    years: Vec<String>,
    months: Vec<String>,
    weeks: Vec<String>,
    days: Vec<String>,
}

struct Words {
    after: Vec<String>,
    before: Vec<String>,
    not_lengths: WordList,
    lengths_despite: WordList,
    units: Vec<(Unit, Vec<String>)>,
    /// `-year`, `-month`… by unit: the second half of an English compound length.
    compounds: Vec<(Unit, String)>,
}

fn words() -> &'static Words {
    static W: LazyLock<Words> = LazyLock::new(|| {
        // Compiled in and checked by `tests::embedded_words_parse`: a failure is a build defect.
        let r: RawWords = toml::from_str(LENGTHS_TOML).expect("embedded rules/lengths.toml is valid");
        Words {
            after: r.after,
            before: r.before,
            not_lengths: WordList::new(r.not_lengths),
            lengths_despite: WordList::new(r.lengths_despite),
            units: vec![(Unit::Year, r.years), (Unit::Month, r.months), (Unit::Week, r.weeks), (Unit::Day, r.days)],
            compounds: r
                .compounds
                .into_iter()
                .filter_map(|c| {
                    let unit = match c.trim_start_matches('-') {
                        "year" => Unit::Year,
                        "month" => Unit::Month,
                        "week" => Unit::Week,
                        "day" => Unit::Day,
                        _ => return None,
                    };
                    Some((unit, c))
                })
                .collect(),
        }
    });
    &W
}

/// The unit of a stated length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Year,
    Month,
    Week,
    Day,
}

/// A period and the length stated with it.
#[derive(Debug, Clone)]
pub struct Length {
    /// The period, by index into [`Document::date_ranges`].
    pub range: usize,
    /// The length as written: a duration figure (`5年`, `four years`) or the number of a compound
    /// (`five-year` in `the five-year period from 2015 to 2019`), as a normalised range.
    pub norm: Range<usize>,
    /// The values the length allows (`over four years`: at least four).
    pub stated: Interval,
    pub unit: Unit,
    /// The length comes after the period (`2007年至2011年的5年間`), not before it.
    pub after: bool,
}

pub(crate) fn read_lengths(doc: &Document) -> Vec<Length> {
    let w = words();
    let text = &doc.norm.text;
    let mut out = Vec::new();
    let bounds =
        |r: &crate::document::DateRange| (r.from.norm.start.min(r.to.norm.start), r.from.norm.end.max(r.to.norm.end));
    // Ranges are in order of their start; the furthest end of those before.
    let mut reach = 0;
    for (k, r) in doc.date_ranges.iter().enumerate() {
        let (start, end) = bounds(r);
        // `過去 5年 (2007-2008至 2011-2012財政年度)`: the length is the outer period's, not that of
        // the range inside it (`2007-2008`).
        let inside = reach >= end
            || doc.date_ranges[k + 1..].iter().map(bounds).take_while(|&(s, _)| s == start).any(|(_, e)| e > end);
        reach = reach.max(end);
        if inside {
            continue;
        }
        // The figure straight after the period, and the one straight before it.
        let next = doc.figures.partition_point(|f| f.norm.start < end);
        let prev = doc.figures.partition_point(|f| f.norm.end <= start).checked_sub(1);
        let after = doc.figures.get(next).and_then(|f| {
            let gap = text.get(end..f.norm.start)?.trim();
            w.after.iter().any(|a| a == gap).then_some((next, true))
        });
        let before = prev.and_then(|p| {
            let gap = text.get(doc.figures[p].norm.end..start)?.trim();
            w.before.iter().any(|b| b == gap).then_some((p, false))
        });
        for (i, after) in [after, before].into_iter().flatten() {
            let f = &doc.figures[i];
            let FigureKind::Duration { unit } = &f.kind else { continue };
            let Some(unit) = w.units.iter().find(|(_, us)| us.iter().any(|u| u == unit)).map(|(u, _)| *u) else {
                continue;
            };
            let rest = text.get(f.norm.end..).unwrap_or("");
            let property = w.not_lengths.at(rest, 0).is_some() && w.lengths_despite.at(rest, 0).is_none();
            if !property {
                out.push(Length { range: k, norm: f.norm.clone(), stated: f.interval.clone(), unit, after });
            }
        }
        if let Some(l) = compound_before(w, text, start) {
            out.push(Length { range: k, ..l });
        }
    }
    out
}

/// How far before a period a compound length is looked for (`the five-year period from`).
const COMPOUND_REACH: usize = 64;

/// `the five-year period from 2015 to 2019`, `a 3-year pilot (2021-2023)`: an English compound of a
/// number and a unit, at most two words of its noun, and one of the `before` words, ending
/// straight before the period at `start`. Its `range` is left for the caller to set.
fn compound_before(w: &Words, text: &str, start: usize) -> Option<Length> {
    let lo = crate::source::floor_char_boundary(text, start.saturating_sub(COMPOUND_REACH));
    let window = text.get(lo..start)?;
    let (unit, at, unit_len) = w
        .compounds
        .iter()
        .filter_map(|(u, word)| window.rfind(word.as_str()).map(|k| (*u, k, word.len())))
        .max_by_key(|&(_, k, _)| k)?;
    // What follows the compound: its noun, then a word that ties it to the period.
    let tail = window[at + unit_len..].trim();
    let tied = w.before.iter().any(|b| {
        tail.strip_suffix(b.as_str()).is_some_and(|noun| {
            let words: Vec<&str> = noun.split_whitespace().collect();
            words.len() <= 2 && words.iter().all(|x| x.chars().all(|c| c.is_ascii_lowercase()))
        })
    });
    if !tied || !window[at + unit_len..].starts_with([' ', 's']) {
        return None;
    }
    // The number before the hyphen: digits or a word (`five`, `twenty-five`).
    let head = &window[..at];
    let from = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let number = &head[from..];
    let value = if number.chars().all(|c| c.is_ascii_digit()) && !number.is_empty() {
        number.parse::<u64>().ok()?
    } else {
        match crate::parse::number::english(number) {
            Ok(("", n)) => n.value.to_integer().try_into().ok()?,
            _ => return None,
        }
    };
    Some(Length {
        range: 0,
        norm: lo + from..lo + at + unit_len,
        stated: Interval::point(crate::quantity::int(i64::try_from(value).ok()?)),
        unit,
        after: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, String)> {
        let src = crate::source::Source::from_text("t.txt", text);
        let doc = crate::parse::parse(&src, &crate::parse::ParseOptions::default());
        read_lengths(&doc)
            .iter()
            .map(|l| {
                let r = &doc.date_ranges[l.range];
                (doc.norm_text(&l.norm).to_owned(), format!("{}..{}", r.from.text, r.to.text))
            })
            .collect()
    }

    #[test]
    fn embedded_words_parse() {
        let _ = words();
    }

    #[test]
    fn a_length_before_or_after_its_period() {
        assert_eq!(read("The plan will last 5 years from 2001 to 2005."), [("5 years".into(), "2001..2005".into())]);
        assert_eq!(read("在 2007年至 2011年的 5年間，共處理 300 宗。"), [("5年".into(), "2007年..2011年".into())]);
        assert_eq!(read("過去五年（2016至2020年），政府共投入 500 億元。").len(), 1);
    }

    #[test]
    fn a_duration_that_belongs_to_something_else_is_no_length() {
        assert!(read("2019年至2020年的3年期國債共發行 500 億元。").is_empty());
        assert!(read("From 2019 to 2021, 3 years of data were collected over a wide area.").is_empty());
    }

    #[test]
    fn an_english_compound_length() {
        assert_eq!(
            read("Over the five-year period from 2015 to 2019, spending rose."),
            [("five-year".into(), "2015..2019".into())]
        );
        assert_eq!(read("The 3-year pilot (2021-2023) ended.").len(), 1);
        assert!(read("The five-year-old children born from 2015 to 2019 were counted.").is_empty());
        // A character of several bytes straight before the number.
        assert_eq!(read("計劃（five-year period from 2015 to 2019）").len(), 1);
    }

    #[test]
    fn the_length_of_the_outer_period() {
        let got = read("在過去 5年 (2007-2008至 2011-2012財政年度 )，我們已撥款。");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.ends_with("2011-2012財政年度"), "{got:?}");
    }
}
