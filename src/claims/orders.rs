//! Stated orders between two figures that no comparison word joins:
//! - **a range's two ends**: `介乎 66,100元至 102,000元不等`, `fees ranging from $66,100 to
//!   $102,000` — the first end is at most the second;
//! - **a threshold a level passed**: `衝至584.9億美元，為連續4個月衝破500億美元大關` — the level is
//!   at least the threshold it broke through (`跌破` below it);
//! - **a rate's number of digits**: `衰退幅度扩大至14.8%，…连3个月呈现双位数衰退`, `double-digit
//!   growth` — the rate the sentence states is of that size.
//!
//! The words are `rules/orders.toml`; the `comparison` rule judges each order.
//!
//! ## What it does
//!
//! Not a rule itself: it reads every such order once.

use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::claims::lists::Confidence;
use crate::claims::support::WordList;
use crate::document::{Document, Figure, FigureKind};
use crate::quantity::{Q, int};

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
    digits: Vec<RawClass>,
    digits_or_more: Vec<String>,
    digits_or_less: Vec<String>,
    digits_hedges: Vec<String>,
    digits_others: Vec<String>,
    digits_links: Vec<String>,
    digits_changes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawClass {
    words: Vec<String>,
    at_least: i64,
    below: i64,
}

struct Words {
    range_before: WordList,
    range_after: WordList,
    range_joins: WordList,
    above: WordList,
    below: WordList,
    links: WordList,
    /// Each class's words, with the size it names: at least, and below.
    classes: Vec<(WordList, i64, i64)>,
    or_more: WordList,
    or_less: WordList,
    hedges: WordList,
    others: WordList,
    digit_links: WordList,
    digit_changes: WordList,
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
            classes: r.digits.into_iter().map(|c| (WordList::new(c.words), c.at_least, c.below)).collect(),
            or_more: WordList::new(r.digits_or_more),
            or_less: WordList::new(r.digits_or_less),
            hedges: WordList::new(r.digits_hedges),
            others: WordList::new(r.digits_others),
            digit_links: WordList::new(r.digits_links),
            digit_changes: WordList::new(r.digits_changes),
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
    /// Why the order is read but not judged: a threshold whose level is stated in another
    /// sentence, where several figures could be that level and they disagree.
    pub doubt: Option<String>,
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

/// A rate said to be of a size by its number of digits (`双位数衰退`): at least `at_least` per
/// cent, and below `below` when that is bounded.
#[derive(Debug, Clone)]
pub struct DigitClass {
    /// The rate, by index into [`Document::figures`].
    pub figure: usize,
    pub at_least: Q,
    pub below: Option<Q>,
    /// The class word with its bound (`2位數以上`), as a normalised range.
    pub word: Range<usize>,
    /// Doubt when the sentence states more than one rate it could be.
    pub confidence: Confidence,
}

/// How many characters of links may stand between a class word and its change.
const DIGIT_LINK_CHARS: usize = 12;

/// How far back (in bytes) a class word's clause is read for words that give it to others.
const CLAUSE_REACH: usize = 96;

/// Every rate described by its number of digits, with the rate its sentence states.
pub(crate) fn read_digit_classes(doc: &Document) -> Vec<DigitClass> {
    let w = words();
    let mut out = Vec::new();
    for s in &doc.sentences {
        // Only a sentence that states a percentage can size one.
        let a = doc.figures.partition_point(|f| f.norm.start < s.norm.start);
        let b = doc.figures.partition_point(|f| f.norm.start < s.norm.end);
        if !doc.figures[a..b].iter().any(|f| f.kind == FigureKind::Percent) {
            continue;
        }
        let text = doc.norm_text(&s.norm);
        let base = s.norm.start;
        // The rates the sentence states: percentages, not shares of a whole (`佔`, `of`).
        let rates: Vec<usize> = (a..b).filter(|&k| is_rate(doc, &doc.figures[k])).collect();
        for (list, at_least, below) in &w.classes {
            for m in list.find_all(text) {
                out.extend(digit_class(w, text, base, m, (*at_least, *below), &rates, doc));
            }
        }
    }
    out.sort_by_key(|c| c.word.start);
    out
}

/// The class word at `m` in the sentence `text` (starting at `base`): a change after it, no hedge
/// before it, and the percentages the sentence states.
fn digit_class(
    w: &Words,
    text: &str,
    base: usize,
    m: Range<usize>,
    (at_least, below): (i64, i64),
    rates: &[usize],
    doc: &Document,
) -> Option<DigitClass> {
    // `2位數` inside a longer figure (`12位數`) is no class word.
    if text[..m.start].ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if w.hedges.ends(text[..m.start].trim_end()).is_some() {
        return None;
    }
    // `…外,其餘均達2位數以上`: said of other rates than those stated, in its clause (read a
    // short way back only, so that a sentence of class words stays linear).
    let near = crate::source::floor_char_boundary(text, m.start.saturating_sub(CLAUSE_REACH));
    let head = &text[near..m.start];
    let clause = head
        .rfind(['，', ',', '；', ';', '：', ':'])
        .map_or(0, |k| k + head[k..].chars().next().map_or(1, char::len_utf8));
    if !w.others.find_all(&head[clause..]).is_empty() {
        return None;
    }
    let mut end = m.end;
    let (mut lo, mut hi) = (Some(int(at_least)), Some(int(below)));
    let rest = &text[end..];
    if let Some(n) = w.or_more.at(rest.trim_start(), 0) {
        end += rest.len() - rest.trim_start().len() + n;
        hi = None;
    } else if let Some(n) = w.or_less.at(rest.trim_start(), 0) {
        end += rest.len() - rest.trim_start().len() + n;
        lo = None;
    }
    // The change it sizes, after links only (`雙位數的按年增長`, `double-digit growth`).
    let mut rest = text[end..].trim_start_matches([' ', '-']);
    let mut taken = 0;
    while w.digit_changes.at(rest, 0).is_none() {
        let n = w.digit_links.at(rest, 0)?;
        taken += rest[..n].chars().count();
        if taken > DIGIT_LINK_CHARS {
            return None;
        }
        rest = rest[n..].trim_start();
    }
    let (&first, others) = rates.split_first()?;
    let confidence = if others.iter().any(|&k| doc.figures[k].value != doc.figures[first].value) {
        Confidence::Doubt("its sentence states more than one rate it could be".to_owned())
    } else {
        Confidence::Read
    };
    Some(DigitClass {
        figure: first,
        at_least: lo.unwrap_or_else(|| int(0)),
        below: hi,
        word: base + m.start..base + end,
        confidence,
    })
}

/// A percentage that may be a rate of change: not a share of a whole (`佔…的8.4%`, `8.4% of`).
fn is_rate(doc: &Document, f: &Figure) -> bool {
    if !matches!(f.kind, FigureKind::Percent) || f.qualifier.is_some() {
        return false;
    }
    let text = &doc.norm.text;
    let before = text.get(..f.norm.start).unwrap_or("");
    let lo = crate::source::floor_char_boundary(before, before.len().saturating_sub(24));
    let after = text.get(f.norm.end..).unwrap_or("").trim_start();
    !before[lo..].contains(['佔', '占']) && !after.starts_with("of ")
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
    Some(Order { low: i, high: i + 1, kind: OrderKind::Range, word, doubt: None })
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
    let here = before
        .filter(|&k| {
            let gap = &text[doc.figures[k].norm.end..word.start];
            // No figure of another kind between (`4個月` is read through as a linking count).
            linked(gap)
        })
        .or_else(|| {
            let k = figs.clone().find(|&k| k > t && level(k))?;
            linked(&text[ft.norm.end..doc.figures[k].norm.start]).then_some(k)
        });
    let (x, doubt) = match here {
        Some(x) => (x, None),
        // A sentence that states no level of its own before the word (`全年出口首破6,000億美元`)
        // passes a level stated elsewhere.
        None if before.is_none() => level_elsewhere(doc, t, word.start, up)?,
        None => return None,
    };
    let (low, high) = if up { (t, x) } else { (x, t) };
    Some(Order { low, high, kind: OrderKind::Threshold { threshold: t, up }, word, doubt })
}

/// The level a threshold's sentence does not state (`…累計出口6,407.5億美元…。…全年出口首破6,000
/// 億美元`, `12月出口624.7億美元…。…去年12月出口已連續第三個月站上600億美元水準`): a figure of the
/// kind in the paragraphs around, for the threshold's period, whose measure the threshold's
/// words name (`出口`, once its period words are set aside: `12月出口`, `累計出口`), and no more
/// (`對美出口` is another measure). Of several, the nearest; read with doubt when they do not all
/// fall on the same side of the threshold.
fn level_elsewhere(doc: &Document, t: usize, word_start: usize, up: bool) -> Option<(usize, Option<String>)> {
    use crate::claims::quantity::{is_change_amount, is_threshold, measure_before, nearby, same_period, scope_figures};
    let ft = &doc.figures[t];
    let m = measure_before(doc, t);
    let named = doc.norm.text.get(m.start..word_start.max(m.start))?;
    let own_sentence = doc.sentence_at(ft.norm.start);
    let own_period = crate::claims::quantity::period(doc, ft);
    let fits = |k: usize| {
        let f = &doc.figures[k];
        k != t
            && doc.sentence_at(f.norm.start) != own_sentence
            && is_level(f)
            && f.kind.comparable(&ft.kind)
            && f.qualifier.is_none()
            && !is_threshold(doc, f)
            && !is_change_amount(doc, k)
            && same_period(doc, ft, f)
            && core_measure(doc, measure_before(doc, k)).is_some_and(|c| named.contains(c.as_str()))
    };
    // The figures around it, at most [`LEVEL_REACH`] each way: a paragraph of thresholds is not
    // read whole for each of them.
    let around = nearby(doc, t);
    let lo = around.start.max(t.saturating_sub(LEVEL_REACH));
    let after = (t + 1..doc.figures.len().min(t + 1 + LEVEL_REACH))
        .take_while(|&k| doc.block_at(doc.figures[k].norm.start) == doc.block_at(ft.norm.start));
    let mut candidates: Vec<usize> = (lo..around.end).chain(after).filter(|&k| fits(k)).collect();
    // Across a heading (a chart's title between the lede and the paragraph), only a level both
    // name the period of.
    if candidates.is_empty()
        && let Some(own) = own_period
    {
        let named_same = |k: usize| crate::claims::quantity::period(doc, &doc.figures[k]).is_some_and(|p| p.same(own));
        let scope = scope_figures(doc, ft);
        let lo = scope.start.max(t.saturating_sub(LEVEL_REACH));
        candidates = (lo..scope.end).filter(|&k| fits(k) && named_same(k)).collect();
    }
    let nearest = candidates.iter().copied().min_by_key(|&k| doc.figures[k].norm.start.abs_diff(ft.norm.start))?;
    let passed = |k: usize| {
        let (lo, hi) =
            if up { (&ft.interval, &doc.figures[k].interval) } else { (&doc.figures[k].interval, &ft.interval) };
        // As the `comparison` rule judges it: the low one can be at most the high one.
        lo.can_be_at_most(hi)
    };
    let agree = candidates.iter().all(|&k| passed(k) == passed(nearest));
    let doubt = (!agree)
        .then(|| format!("{} figures of its measure stated elsewhere fall on both sides of it", candidates.len()));
    Some((nearest, doubt))
}

/// How many figures each way a threshold's level is looked for among.
const LEVEL_REACH: usize = 128;

/// A level's measure without its period (`12月出口` → `出口`, `累計出口` → `出口`): the Han words
/// that are left, when at least two characters are.
fn core_measure(doc: &Document, m: Range<usize>) -> Option<String> {
    let text = doc.norm.text.get(m.clone())?;
    let mut keep: Vec<bool> = vec![true; text.len()];
    for p in crate::claims::quantity::periods_starting_in(doc, m.clone()) {
        for b in p.norm.start.max(m.start)..p.norm.end.min(m.end) {
            keep[b - m.start] = false;
        }
    }
    for r in crate::claims::parts::words().period_words.find_all(text) {
        keep[r].fill(false);
    }
    let core: String =
        text.char_indices().filter(|&(i, c)| keep[i] && crate::parse::chars::is_han(c)).map(|(_, c)| c).collect();
    (core.chars().count() >= 2).then_some(core)
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

    fn classes(text: &str) -> Vec<(String, String, bool)> {
        let doc = parse(&Source::from_text("t.txt", text), &ParseOptions::default());
        let claims = Claims::new(&doc);
        claims
            .digit_classes()
            .iter()
            .map(|c| {
                let doubt = matches!(c.confidence, Confidence::Doubt(_));
                (doc.norm_text(&c.word).to_owned(), doc.figures[c.figure].text(&doc).to_owned(), doubt)
            })
            .collect()
    }

    #[test]
    fn digit_classes() {
        let one = |w: &str, f: &str, d| vec![(w.to_owned(), f.to_owned(), d)];
        assert_eq!(classes("出口衰退幅度扩大至14.8%，连3个月呈现双位数衰退。"), one("双位数", "14.8%", false));
        assert_eq!(classes("出口按年上升12.5%，錄得雙位數的按年增長。"), one("雙位數", "12.5%", false));
        assert_eq!(classes("Exports rose 12.5% in July, a double-digit rise."), one("double-digit", "12.5%", false));
        assert_eq!(classes("各地出口均達2位數以上成長，平均增長14.3%。"), one("2位數以上", "14.3%", false));
        // Two rates it could be: a doubt.
        assert_eq!(classes("出口升12%，進口升8%，錄得雙位數增長。"), one("雙位數", "12%", true));
        // A hedge, other things than the stated rates, no change after it, no rate: nothing.
        assert!(classes("出口增長9.6%，接近雙位數的增長。").is_empty());
        assert!(classes("除對日本出口僅增6.3%外，其餘均達2位數以上成長。").is_empty());
        assert!(classes("每年死亡人數達雙位數字，佔總數的12%。").is_empty());
        assert!(classes("企業研發投入保持兩位數增長。").is_empty());
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

    fn doubts(text: &str) -> Vec<(String, String, bool)> {
        let doc = parse(&Source::from_text("t.txt", text), &ParseOptions::default());
        let claims = Claims::new(&doc);
        let t = |i: usize| doc.figures[i].text(&doc).to_owned();
        claims.orders().iter().map(|o| (t(o.low), t(o.high), o.doubt.is_some())).collect()
    }

    #[test]
    fn a_threshold_whose_level_is_stated_in_another_sentence() {
        let one = |a: &str, b: &str, d| vec![(a.to_owned(), b.to_owned(), d)];
        assert_eq!(
            doubts("全年累計出口6,407.5億美元，再創新高。全年出口首破6,000億美元。"),
            one("6,000億美元", "6,407.5億美元", false)
        );
        // Another measure (`對美出口`, `進口`) is no level of `出口`.
        assert!(doubts("對美出口6,407.5億美元。進口7,000億美元。全年出口首破6,000億美元。").is_empty());
        // Another period is no level of this one.
        assert!(doubts("10月出口640.5億美元。11月出口站上600億美元。").is_empty());
        // Two levels on either side of it: a doubt.
        assert_eq!(doubts("出口640.5億美元。出口580億美元。出口站上600億美元。"), one("600億美元", "580億美元", true));
    }
}
