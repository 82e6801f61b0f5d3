//! Runs of rises or falls: `令本港進出口連續兩個月出現負增長`, `年增56%、連25紅`, `年减5.3%,…,
//! 连续26个月正成长纪录划下句点`, `down 3.1%, the fifth consecutive month of decline`.
//!
//! A run says which way the latest change went: the same way as the run, or the other way when
//! the run is said to have ended. The change is the rate stated last before the run in its
//! sentence, at most two clauses before it; when the sentence states changes both ways, which
//! of them the run is about is not known and the run is read with doubt. The words
//! are `rules/streaks.toml`; `change-direction` judges each run.

use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::claims::support::{Direction, WordList};
use crate::document::{Document, FigureKind};
use crate::parse::number::cn_digit_value;

const STREAKS_TOML: &str = include_str!("../../rules/streaks.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWords {
    openers: Vec<String>,
    units: Vec<String>,
    links: Vec<String>,
    up: Vec<String>,
    down: Vec<String>,
    ended: Vec<String>,
    en_markers: Vec<String>,
}

struct Words {
    openers: WordList,
    units: WordList,
    links: WordList,
    up: WordList,
    down: WordList,
    ended: WordList,
    en_markers: WordList,
}

fn words() -> &'static Words {
    static W: LazyLock<Words> = LazyLock::new(|| {
        // Compiled in and checked by `tests::embedded_words_parse`: a failure is a build defect.
        let r: RawWords = toml::from_str(STREAKS_TOML).expect("embedded rules/streaks.toml is valid");
        Words {
            openers: WordList::new(r.openers),
            units: WordList::new(r.units),
            links: WordList::new(r.links),
            up: WordList::new(r.up),
            down: WordList::new(r.down),
            ended: WordList::new(r.ended),
            en_markers: WordList::new(r.en_markers),
        }
    });
    &W
}

/// A stated run and the change it says the latest period made.
#[derive(Debug, Clone)]
pub struct Streak {
    /// The run's words, as a normalised range (`連續兩個月出現負增長`).
    pub word: Range<usize>,
    /// The way the run goes.
    pub dir: Direction,
    /// The run is said to have ended (`紀錄劃下句點`).
    pub ended: bool,
    /// The rate stated last before it, by index into [`Document::figures`], with the way its
    /// words say it went and where they are (`年减` in `年减5.3%`).
    pub rate: (usize, Direction, Range<usize>),
    /// Why the change cannot be judged against it, if it cannot.
    pub doubt: Option<String>,
}

impl Streak {
    /// The way the latest change must go.
    pub fn expected(&self) -> Direction {
        match (self.dir, self.ended) {
            (d, false) => d,
            (Direction::Up, true) => Direction::Down,
            (Direction::Down, true) => Direction::Up,
        }
    }
}

/// How many figures before a run are read for its rate.
const RATE_REACH: usize = 32;

/// How many characters of a count a Chinese run may have (`二十六`).
const COUNT_CHARS: usize = 3;

/// A count after a run's opener: digits, or Chinese numerals (`兩`, `二十六`).
fn count_len(s: &str) -> usize {
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        return digits;
    }
    s.char_indices()
        .take(COUNT_CHARS)
        .take_while(|(_, c)| *c == '十' || *c == '兩' || *c == '两' || cn_digit_value(*c).is_some())
        .last()
        .map_or(0, |(k, c)| k + c.len_utf8())
}

/// The direction word at the start of `s`, and its length.
fn direction_at(w: &Words, s: &str) -> Option<(Direction, usize)> {
    let up = w.up.at(s, 0).map(|n| (Direction::Up, n));
    let down = w.down.at(s, 0).map(|n| (Direction::Down, n));
    // The longer word wins (`負增長` over `增長` cannot clash: they start differently).
    match (up, down) {
        (Some(a), Some(b)) => Some(if a.1 >= b.1 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// `連續兩個月出現負增長`: where the run ends and its direction, from the opener at `at`.
fn zh_run(w: &Words, text: &str, at: usize, opener: usize) -> Option<(usize, Direction)> {
    let mut k = at + opener;
    let n = count_len(&text[k..]);
    if n == 0 {
        return None;
    }
    k += n;
    k += w.units.at(text, k).unwrap_or(0);
    if let Some(l) = w.links.at(text, k) {
        k += l;
    }
    let (dir, len) = direction_at(w, &text[k..])?;
    Some((k + len, dir))
}

/// `the fifth consecutive month of decline`: a marker, a unit, `of` and a direction.
fn en_run(w: &Words, text: &str, at: usize, marker: usize) -> Option<(usize, Direction)> {
    let rest = &text[at + marker..];
    let unit_end = rest.trim_start().find(' ')? + (rest.len() - rest.trim_start().len());
    let unit = rest[..unit_end].trim();
    if !matches!(unit, "month" | "months" | "quarter" | "quarters" | "year" | "years") {
        return None;
    }
    let after = rest[unit_end..].trim_start().strip_prefix("of ")?;
    let (dir, len) = direction_at(w, after)?;
    let end = text.len() - after.len() + len;
    Some((end, dir))
}

/// The rates in `r` (percentages after a word of rise or fall in their clause: `年减5.3%`,
/// `按年跌幅3.5%`, `衰退幅度扩大至14.8%`), with the first such word before each.
/// At most the [`RATE_REACH`] figures before the run are read: a sentence of runs is not read
/// whole for each of them.
fn rates_in(doc: &Document, r: Range<usize>) -> Vec<(usize, Direction, Range<usize>)> {
    let cw = crate::claims::changes::words();
    let text = &doc.norm.text;
    let b = doc.figures.partition_point(|f| f.norm.start < r.end);
    let a = doc.figures.partition_point(|f| f.norm.start < r.start).max(b.saturating_sub(RATE_REACH));
    let mut out = Vec::new();
    for i in a..b {
        let f = &doc.figures[i];
        if f.kind != FigureKind::Percent || f.norm.end > r.end {
            continue;
        }
        let prev = if i > a { doc.figures[i - 1].norm.end.max(r.start) } else { r.start };
        let seg = &text[prev..f.norm.start];
        let from = seg
            .rfind(['，', ',', '；', ';', '、'])
            .map_or(0, |k| k + seg[k..].chars().next().map_or(1, char::len_utf8));
        let seg = &seg[from..];
        let [up, down] = WordList::find_all_each([&cw.increase, &cw.decrease], seg);
        let first = match (up.first(), down.first()) {
            (Some(u), Some(d)) if u.start < d.start => Some((Direction::Up, u.clone())),
            (Some(_), Some(d)) => Some((Direction::Down, d.clone())),
            (Some(u), None) => Some((Direction::Up, u.clone())),
            (None, Some(d)) => Some((Direction::Down, d.clone())),
            (None, None) => None,
        };
        if let Some((dir, w)) = first {
            let base = prev + from;
            out.push((i, dir, base + w.start..base + w.end));
        }
    }
    out
}

/// Every run the paper states, with the rate it is judged against.
pub(crate) fn read_streaks(doc: &Document) -> Vec<Streak> {
    let w = words();
    let text = &doc.norm.text;
    let mut out = Vec::new();
    // A run is judged against a rate in its sentence: only sentences with a percentage are read.
    let mut sentences: Vec<usize> = doc
        .figures
        .iter()
        .filter(|f| f.kind == FigureKind::Percent)
        .filter_map(|f| doc.sentence_at(f.norm.start))
        .collect();
    sentences.dedup();
    let mut runs = Vec::new();
    for s in sentences {
        let r = doc.sentences[s].norm.clone();
        let found = WordList::find_all_each([&w.openers, &w.en_markers], &text[r.clone()]);
        let at = |m: &Range<usize>| r.start + m.start;
        runs.extend(
            found[0].iter().filter_map(|m| zh_run(w, text, at(m), m.len()).map(|(end, dir)| (at(m)..end, dir))),
        );
        runs.extend(
            found[1].iter().filter_map(|m| en_run(w, text, at(m), m.len()).map(|(end, dir)| (at(m)..end, dir))),
        );
    }
    for (word, dir) in runs {
        let Some(s) = doc.sentence_at(word.start) else { continue };
        let sent = doc.sentences[s].norm.clone();
        let rest = text[word.end..sent.end].trim_start_matches(|c: char| c.is_whitespace() || c == '的');
        let ended = w.ended.at(rest, 0);
        let word = match ended {
            Some(n) => word.start..sent.end - rest.len() + n,
            None => word,
        };
        // The rates stated in the sentence before the run.
        let before = rates_in(doc, sent.start..word.start);
        let Some(last) = before.last().cloned() else { continue };
        let mut streak = Streak { word: word.clone(), dir, ended: ended.is_some(), rate: last.clone(), doubt: None };
        let both = before.iter().any(|r| r.1 == Direction::Up) && before.iter().any(|r| r.1 == Direction::Down);
        if both {
            streak.doubt = Some("its sentence states changes both ways before it".to_owned());
        }
        // Near the run: in its clause, or a clause or two before it (`年减5.3%,低于预期,连续…`).
        let gap = &text[doc.figures[last.0].norm.end..word.start];
        // (A `,` before a digit groups a figure's thousands: `3,163億元`.)
        let breaks = gap
            .char_indices()
            .filter(|&(k, c)| {
                matches!(c, '，' | '；' | ';') || c == ',' && !gap[k + 1..].starts_with(|d: char| d.is_ascii_digit())
            })
            .count();
        if breaks > 2 {
            streak.doubt = Some("the change before it is three clauses away".to_owned());
        }
        out.push(streak);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(t: &str) -> Vec<(String, &'static str, bool, bool)> {
        let doc =
            crate::parse::parse(&crate::source::Source::from_text("t.txt", t), &crate::parse::ParseOptions::default());
        read_streaks(&doc)
            .iter()
            .map(|s| (doc.norm_text(&s.word).to_owned(), s.expected().word(), s.ended, s.doubt.is_some()))
            .collect()
    }

    #[test]
    fn embedded_words_parse() {
        let _ = words();
    }

    #[test]
    fn runs_and_the_change_before_them() {
        assert_eq!(
            read(
                "台当局财务主管部门昨天公布9月出口金额375.3亿美元、年减5.3%,低于预期,连续26个月正成长纪录划下句点。\n"
            ),
            [("连续26个月正成长纪录划下句点".into(), "fall", true, false)]
        );
        assert_eq!(read("出口大驚喜，年增56%、連25紅。\n"), [("連25紅".into(), "rise", false, false)]);
        assert_eq!(
            read("Exports fell 3.1% in May, the fifth consecutive month of decline.\n"),
            [("consecutive month of decline".into(), "fall", false, false)]
        );
        // Changes both ways before the run: which it is about is not known.
        assert_eq!(read("出口年增56%,進口年減3%,連25紅。\n"), [("連25紅".into(), "rise", false, true)]);
        // No run: `連續` before no count, or no direction.
        assert!(read("出口年增56%，連續創新高。出口年增5%，連任三屆。\n").is_empty());
    }
}
