//! Stated orders between two figures that no comparison word joins:
//! - **a range's two ends**: `介乎 66,100元至 102,000元不等`, `fees ranging from $66,100 to
//!   $102,000` — the first end is at most the second;
//! - **a threshold a level passed**: `衝至584.9億美元，為連續4個月衝破500億美元大關` — the level is
//!   at least the threshold it broke through (`跌破` below it).
//!
//! The words are `rules/orders.toml`; the `comparison` rule judges each order.
//!
//! ## What it does
//!
//! Not a rule itself: it reads every such order once.

use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::claims::support::WordList;
use crate::document::{Document, Figure, FigureKind};

const ORDERS_TOML: &str = include_str!("../../rules/orders.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWords {
    range_before: Vec<String>,
    range_after: Vec<String>,
    range_joins: Vec<String>,
    above: Vec<String>,
    below: Vec<String>,
    threshold_links: Vec<String>,
}

struct Words {
    range_before: WordList,
    range_after: WordList,
    range_joins: WordList,
    above: WordList,
    below: WordList,
    links: WordList,
}

fn words() -> &'static Words {
    static W: LazyLock<Words> = LazyLock::new(|| {
        // Compiled in and checked by `tests::embedded_words_parse`: a failure is a build defect.
        let r: RawWords = toml::from_str(ORDERS_TOML).expect("embedded rules/orders.toml is valid");
        Words {
            range_before: WordList::new(r.range_before),
            range_after: WordList::new(r.range_after),
            range_joins: WordList::new(r.range_joins),
            above: WordList::new(r.above),
            below: WordList::new(r.below),
            links: WordList::new(r.threshold_links),
        }
    });
    &W
}

/// What makes the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderKind {
    /// The two ends of a range.
    Range,
    /// A level and the threshold it passed: the threshold's figure, and whether it was passed
    /// upward (`衝破`) or downward (`跌破`).
    Threshold { threshold: usize, up: bool },
}

/// `low` ≤ `high`, by index into [`Document::figures`].
#[derive(Debug, Clone)]
pub struct Order {
    pub low: usize,
    pub high: usize,
    pub kind: OrderKind,
    /// The word that states the order, as a normalised range.
    pub word: Range<usize>,
}

/// Every range and passed threshold, in document order.
pub(crate) fn read_orders(doc: &Document) -> Vec<Order> {
    let w = words();
    let mut out = Vec::new();
    for s in &doc.sentences {
        let text = doc.norm_text(&s.norm);
        let base = s.norm.start;
        let a = doc.figures.partition_point(|f| f.norm.start < s.norm.start);
        let b = doc.figures.partition_point(|f| f.norm.start < s.norm.end);
        for i in a..b.saturating_sub(1) {
            if let Some(o) = range(doc, w, text, base, i) {
                out.push(o);
            }
        }
        // A threshold is read only before a figure of the sentence: a sentence without one
        // is not searched for the words.
        if a == b {
            continue;
        }
        for (list, up) in [(&w.above, true), (&w.below, false)] {
            for m in list.find_all(text) {
                out.extend(threshold(doc, w, a..b, base + m.start..base + m.end, up));
            }
        }
    }
    out.sort_by_key(|o| o.word.start);
    out
}

/// Can two figures be the ends of one range? Of one kind and unit, or a bare first end that
/// takes the second's unit (`3至5%`).
fn ends_of_one_range(a: &Figure, b: &Figure) -> bool {
    matches!(a.kind, FigureKind::Number) && !matches!(b.kind, FigureKind::Ratio { .. })
        || a.kind.comparable(&b.kind) && !matches!(a.kind, FigureKind::Ratio { .. } | FigureKind::Multiple)
}

/// `介乎 A 至 B`, `ranging from A to B`, `A 至 B 不等`: figure `i` and the next, joined by a
/// range word, with a word before the first or after the second that makes them a range.
fn range(doc: &Document, w: &Words, text: &str, base: usize, i: usize) -> Option<Order> {
    let (fa, fb) = (&doc.figures[i], doc.figures.get(i + 1)?);
    if !ends_of_one_range(fa, fb) || fa.qualifier.is_some() || fb.qualifier.is_some() {
        return None;
    }
    let join = text.get(fa.norm.end - base..fb.norm.start - base)?.trim();
    if w.range_joins.at(join, 0) != Some(join.len()) {
        return None;
    }
    let before = text.get(..fa.norm.start - base)?.trim_end();
    let opened = w.range_before.ends(before).filter(|&k| before[k..].trim().chars().count() >= 2);
    let after = text.get(fb.norm.end - base..)?.trim_start();
    let closed = w.range_after.at(after, 0);
    // Without a word before it, `和`/`and` between two figures is a pair (`A和B之間的差額`), not
    // a range.
    if opened.is_none() && !matches!(join, "至" | "到" | "-" | "–" | "~" | "～" | "to") {
        return None;
    }
    let word = match (opened, closed) {
        (Some(k), _) => base + k..base + before.len(),
        (None, Some(n)) => {
            let at = fb.norm.end + (text.len() - (fb.norm.end - base) - after.len());
            at..at + n
        }
        (None, None) => return None,
    };
    Some(Order { low: i, high: i + 1, kind: OrderKind::Range, word })
}

/// `衝破500億美元`: the threshold right after the word, and the level the sentence states just
/// before it with only linking words between (`衝至584.9億美元，為連續4個月衝破`), or just after
/// it (`首次突破6,000億美元，達6,407.5億美元`).
fn threshold(doc: &Document, w: &Words, figs: Range<usize>, word: Range<usize>, up: bool) -> Option<Order> {
    let text = &doc.norm.text;
    let t = figs.clone().find(|&k| doc.figures[k].norm.start >= word.end)?;
    let ft = &doc.figures[t];
    if !text.get(word.end..ft.norm.start)?.trim().is_empty() || !is_level(ft) {
        return None;
    }
    let linked = |gap: &str| {
        let mut rest = gap.trim_matches(|c: char| c.is_whitespace() || matches!(c, '，' | ','));
        while !rest.is_empty() {
            let skip = w.links.at(rest, 0).or_else(|| {
                rest.chars()
                    .next()
                    .filter(|c| c.is_ascii_digit() || c.is_whitespace() || "一二三四五六七八九十兩两".contains(*c))
                    .map(char::len_utf8)
            });
            match skip {
                Some(n) => rest = rest[n..].trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '，' | ',')),
                None => return false,
            }
        }
        true
    };
    let level = |k: usize| {
        let f = &doc.figures[k];
        is_level(f) && f.kind.comparable(&ft.kind) && f.qualifier.is_none()
    };
    // The level before the word: the nearest comparable figure, with only linking words between.
    let before = figs.clone().filter(|&k| doc.figures[k].norm.end <= word.start).rev().find(|&k| level(k));
    let x = before
        .filter(|&k| {
            let gap = &text[doc.figures[k].norm.end..word.start];
            // No figure of another kind between (`4個月` is read through as a linking count).
            linked(gap)
        })
        .or_else(|| {
            let k = figs.clone().find(|&k| k > t && level(k))?;
            linked(&text[ft.norm.end..doc.figures[k].norm.start]).then_some(k)
        })?;
    let (low, high) = if up { (t, x) } else { (x, t) };
    Some(Order { low, high, kind: OrderKind::Threshold { threshold: t, up }, word })
}

fn is_level(f: &Figure) -> bool {
    crate::claims::changes::is_level(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Claims;
    use crate::parse::{ParseOptions, parse};
    use crate::source::Source;

    #[test]
    fn embedded_words_parse() {
        toml::from_str::<RawWords>(ORDERS_TOML).unwrap();
    }

    fn read(text: &str) -> Vec<(String, String)> {
        let doc = parse(&Source::from_text("t.txt", text), &ParseOptions::default());
        let claims = Claims::new(&doc);
        let t = |i: usize| doc.figures[i].text(&doc).to_owned();
        claims.orders().iter().map(|o| (t(o.low), t(o.high))).collect()
    }

    #[test]
    fn ranges() {
        assert_eq!(read("學費介乎 66,100元至 102,000元不等。"), [("66,100元".into(), "102,000元".into())]);
        assert_eq!(
            read("fees within the range of $66,100 to $102,000 a year."),
            [("$66,100".into(), "$102,000".into())]
        );
        assert_eq!(read("升幅在3至5%之間。"), [("3".into(), "5%".into())]);
        // A change from one figure to another is no range.
        assert!(read("出口由 3,100億元增至 3,400億元。").is_empty());
        // Two figures and the gap between them are no range.
        assert!(read("3,000億元和2,500億元之間的差額。").is_empty());
    }

    #[test]
    fn thresholds() {
        assert_eq!(
            read("8月出口衝至584.9億美元，為連續4個月衝破500億美元大關。"),
            [("500億美元".into(), "584.9億美元".into())]
        );
        assert_eq!(
            read("全年出口首次突破6,000億美元，達6,407.5億美元。"),
            [("6,000億美元".into(), "6,407.5億美元".into())]
        );
        // Another measure between the level and the word: not its threshold.
        assert!(read("進口320億美元，出口突破400億美元。").is_empty());
    }
}
