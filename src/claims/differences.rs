//! Stated differences: a figure the paper gives as the gap between two others.
//!
//! Two shapes are read:
//! - **a change in units**: `比 1957 年的 312 萬噸增加了 190 萬噸`, `$2.1 billion higher than last
//!   year's $9.8 billion`, `共增加了 1,905 億斤，即從 3,496 億斤增加到 5,401 億斤` — the
//!   stated changes ([`super::changes`]) that carry a difference;
//! - **a balance**: a figure named by a balance word (`貿易逆差`, `出超`, `a trade deficit of`,
//!   `赤字`) whose two flows (`出口` and `進口`, `revenue` and `expenditure`) the paper states in
//!   the same paragraph or the few before it, for the same period. The words are
//!   `rules/balances.toml`.
//!
//! A balance may be read several ways (the month's flows and the year's, the paper's two
//! partners): every pairing of the same period is kept, and the claim holds when any of them
//! gives the stated balance.
//!
//! ## What it does
//!
//! Not a rule itself: it reads every stated difference once, for the `difference` rule.

use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::claims::lists::places_in;
use crate::claims::quantity::{is_change_amount, is_threshold, measure_before, nearby, same_period, scope_figures};
use crate::claims::support::{Direction, WordList};
use crate::document::{Document, Figure, FigureKind};

const BALANCES_TOML: &str = include_str!("../../rules/balances.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBalance {
    plus: Vec<String>,
    minus: Vec<String>,
    positive: Vec<String>,
    negative: Vec<String>,
    neutral: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWords {
    links: Vec<String>,
    balance: Vec<RawBalance>,
}

/// One kind of balance: the two flows and the words for their difference.
#[derive(Debug)]
struct Balance {
    plus: WordList,
    minus: WordList,
    /// Result words with the sign each states for plus − minus (`None`: either).
    results: Vec<(WordList, Option<Direction>)>,
}

struct Balances {
    kinds: Vec<Balance>,
    links: Vec<String>,
}

fn balances() -> &'static Balances {
    static B: LazyLock<Balances> = LazyLock::new(|| {
        // Compiled in and checked by `tests::embedded_words_parse`: a failure is a build defect.
        let raw: RawWords = toml::from_str(BALANCES_TOML).expect("embedded rules/balances.toml is valid");
        let kinds = raw
            .balance
            .into_iter()
            .map(|b| Balance {
                plus: WordList::new(b.plus),
                minus: WordList::new(b.minus),
                results: vec![
                    (WordList::new(b.positive), Some(Direction::Up)),
                    (WordList::new(b.negative), Some(Direction::Down)),
                    (WordList::new(b.neutral), None),
                ],
            })
            .collect();
        Balances { kinds, links: raw.links.into_iter().map(|w| w.to_lowercase()).collect() }
    });
    &B
}

/// Do only linking words stand between an English balance word and its figure (`a surplus of`,
/// `the deficit is estimated at`)? Another word makes the balance word a modifier of some other
/// noun (`surplus sharing measures totalling $1.8 billion`). Names and years (`in FY2001`,
/// `in 2002`) may stand there too.
fn links_only(gap: &str) -> bool {
    let links = &balances().links;
    gap.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')')).filter(|t| !t.is_empty()).all(|t| {
        !t.is_ascii()
            || t.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '$' | '-'))
            || links.iter().any(|l| l.eq_ignore_ascii_case(t))
    })
}

/// Where a difference was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A change stated in units.
    Change,
    /// A balance between two flows.
    Balance,
}

/// `result` = `plus` − `minus`, by index into [`Document::figures`].
#[derive(Debug, Clone)]
pub struct Difference {
    pub plus: usize,
    pub minus: usize,
    pub result: usize,
    /// The sign the words give `plus − minus` (a rise, a surplus: up), if they give one.
    pub sign: Option<Direction>,
    pub source: Source,
    /// The word that states the difference, as a normalised range.
    pub word: Option<Range<usize>>,
    /// Every pairing of flows the words allow (the first is `plus`, `minus`); the claim holds
    /// when any of them does.
    pub readings: Vec<(usize, usize)>,
    /// What the two flows are called (`出口`, `imports`), for a balance.
    pub names: Option<(String, String)>,
}

/// Every stated difference, in document order of its result.
pub(crate) fn read_differences(claims: &super::Claims) -> Vec<Difference> {
    let doc = claims.doc;
    let mut out: Vec<Difference> = claims
        .changes()
        .iter()
        .filter_map(|c| {
            let (new, base, delta) = (c.new?, c.base?, c.delta?);
            Some(Difference {
                plus: new,
                minus: base,
                result: delta,
                sign: c.dir,
                source: Source::Change,
                word: c.verb.clone(),
                readings: vec![(new, base)],
                names: None,
            })
        })
        .collect();
    for (i, f) in doc.figures.iter().enumerate() {
        if matches!(f.kind, FigureKind::Money { .. } | FigureKind::Count { .. })
            && let Some(d) = balance(doc, i)
        {
            out.push(d);
        }
    }
    out.sort_by_key(|d| (d.result, d.source == Source::Balance));
    out.dedup_by_key(|d| d.result);
    out
}

/// A kind of balance, the sign its word states, and where the word is.
type Named = (&'static Balance, Option<Direction>, Range<usize>);

/// Which balances and signs the words before figure `i` name, and where the word is: the
/// longest word wins; a word two kinds share (`deficit` of trade and of a budget) names both.
fn named_balances(doc: &Document, i: usize) -> Vec<Named> {
    let m = measure_before(doc, i);
    let ctx = doc.norm_text(&m);
    let mut best: Vec<Named> = Vec::new();
    for b in &balances().kinds {
        for (list, sign) in &b.results {
            for r in list.find_all(ctx) {
                if ctx[r.clone()].is_ascii() && !links_only(&ctx[r.end..]) {
                    continue;
                }
                let len = best.first().map_or(0, |x| x.2.len());
                if r.len() > len {
                    best.clear();
                }
                if r.len() >= len && !best.iter().any(|x| std::ptr::eq(x.0, b)) {
                    best.push((b, *sign, m.start + r.start..m.start + r.end));
                }
            }
        }
    }
    best
}

/// The balance figure `i` states, with the flows it is the difference of. A word two kinds of
/// balance share is the kind whose flows stand nearest: `Exports totalled $350 billion while
/// imports were $382 billion, resulting in a deficit of $32 billion` is the trade deficit, not
/// the budget's of a paragraph before.
fn balance(doc: &Document, i: usize) -> Option<Difference> {
    let r = &doc.figures[i];
    let far = |d: &Difference| distance(&doc.figures[d.plus], r).max(distance(&doc.figures[d.minus], r));
    named_balances(doc, i).into_iter().filter_map(|n| balance_of(doc, i, n)).min_by_key(far)
}

fn balance_of(doc: &Document, i: usize, (b, sign, word): Named) -> Option<Difference> {
    let r = &doc.figures[i];
    // A flow stated in another paragraph is this balance's only when the balance's sentence
    // names every place the flow's does: `大陸對台進口` in one news item is not what the
    // next item's plain `貿易順差` is the balance of.
    let sentence = |k: usize| {
        let at = doc.figures[k].norm.start;
        doc.sentence_at(at).map_or("", |s| doc.norm_text(&doc.sentences[s].norm))
    };
    let own_places = places_in(sentence(i));
    let same_parties = |k: usize| {
        doc.block_at(doc.figures[k].norm.start) == doc.block_at(r.norm.start)
            || places_in(sentence(k)).is_subset(&own_places)
    };
    let flows = |list: &WordList, other: &WordList, within: Range<usize>| -> Vec<usize> {
        within
            .filter(|&k| {
                let f = &doc.figures[k];
                if k == i || !f.kind.comparable(&r.kind) {
                    return false;
                }
                // The flow's name first: most figures have none, and the checks after it read
                // the text around the figure again.
                if !flow_named(doc, k, list, other) {
                    return false;
                }
                !is_threshold(doc, f)
                    && same_period(doc, r, f)
                    && named_balances(doc, k).is_empty()
                    && !is_change_amount(doc, k)
                    && same_parties(k)
            })
            .collect()
    };
    // A flow no nearby paragraph states may be across a heading (a web page's chart title
    // between the month's exports and its imports, a sub-heading between the first eleven
    // months' exports and their imports): it is this balance's when it is the only one of its
    // name in the paragraphs before it, and is stated for the balance's own period — a period
    // both name, not one merely left unsaid.
    let wider = |list: &WordList, other: &WordList| -> Vec<usize> {
        let near = flows(list, other, nearby(doc, i));
        let Some(own) = crate::claims::quantity::period(doc, r) else { return near };
        if !near.is_empty() {
            return near;
        }
        let all = flows(list, other, scope_figures(doc, r));
        let placed = all.len() == 1
            && all.iter().all(|&k| crate::claims::quantity::period(doc, &doc.figures[k]).is_some_and(|p| p.same(own)));
        if placed { all } else { Vec::new() }
    };
    let plus = wider(&b.plus, &b.minus);
    let minus = wider(&b.minus, &b.plus);
    let near = |list: &[usize]| list.iter().copied().min_by_key(|&k| distance(&doc.figures[k], r));
    let (p, m) = (near(&plus)?, near(&minus)?);
    let mut readings = vec![(p, m)];
    for &x in &plus {
        for &y in &minus {
            if (x, y) != (p, m) && same_period(doc, &doc.figures[x], &doc.figures[y]) {
                readings.push((x, y));
            }
        }
    }
    let name = |k: usize, list: &WordList| {
        let ctx = doc.norm_text(&measure_before(doc, k));
        list.find_all(ctx).first().map(|r| ctx[r.clone()].to_owned()).unwrap_or_default()
    };
    let names = Some((name(p, &b.plus), name(m, &b.minus)));
    Some(Difference { plus: p, minus: m, result: i, sign, source: Source::Balance, word: Some(word), readings, names })
}

/// Is figure `k` named as the flow of `list` (and not of `other`)? By its own measure (`8月出口`),
/// else, when that names neither flow, by its clause up to it, which names only this one: `在進口
/// 部分，8月金額來到416.6億美元`, `進口貨值繼六月跌2.9%後,按年亦跌1.8%,至3,163億元`.
fn flow_named(doc: &Document, k: usize, list: &WordList, other: &WordList) -> bool {
    let ctx = doc.norm_text(&measure_before(doc, k));
    let (own, others) = (!list.find_all(ctx).is_empty(), !other.find_all(ctx).is_empty());
    if own || others {
        return own && !others;
    }
    let f = &doc.figures[k];
    let Some(s) = doc.sentence_at(f.norm.start) else { return false };
    let before = doc.norm_text(&(doc.sentences[s].norm.start..f.norm.start));
    // The clause only, and only a short way back (a long sentence is not read again for every
    // figure in it).
    let near = crate::source::floor_char_boundary(before, before.len().saturating_sub(CLAUSE_BYTES));
    let clause = &before[near..];
    let clause = clause.rfind(['；', ';']).map_or(clause, |i| &clause[i..]);
    // Chinese only: an English clause names its subject in the measure already, and one that
    // does not (`to grow by nearly $1 billion, or 3.4% over FY2004, to $28.8 billion`) may be
    // another account than the balance's (operating revenue, not the budget's).
    let han = |r: &Range<usize>| clause[r.clone()].chars().all(crate::parse::chars::is_han);
    let found = list.find_all(clause);
    !found.is_empty() && found.iter().all(han) && other.find_all(clause).is_empty()
}

/// How far back (in bytes) a flow's clause is read for its name.
const CLAUSE_BYTES: usize = 240;

fn distance(a: &Figure, b: &Figure) -> usize {
    a.norm.start.abs_diff(b.norm.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Claims;
    use crate::parse::{ParseOptions, parse};
    use crate::source::Source as Text;

    #[test]
    fn embedded_words_parse() {
        toml::from_str::<RawWords>(BALANCES_TOML).unwrap();
    }

    fn read(text: &str) -> Vec<(String, String, String)> {
        let doc = parse(&Text::from_text("t.txt", text), &ParseOptions::default());
        let claims = Claims::new(&doc);
        let t = |i: usize| doc.figures[i].text(&doc).to_owned();
        claims.differences().iter().map(|d| (t(d.plus), t(d.minus), t(d.result))).collect()
    }

    #[test]
    fn a_word_two_balances_share_is_the_nearer_flows() {
        let text = "Revenue is estimated at $5.1 billion and expenditure at $4.8 billion.\n\nExports totalled $350 billion while imports were $382 billion, resulting in a deficit of $32 billion.";
        assert_eq!(read(text), [("$350 billion".into(), "$382 billion".into(), "$32 billion".into())]);
        let text = "Exports totalled $350 billion while imports were $382 billion.\n\nRevenue is estimated at $5.1 billion and expenditure at $4.8 billion, leaving a surplus of $0.3 billion.";
        assert_eq!(read(text), [("$5.1 billion".into(), "$4.8 billion".into(), "$0.3 billion".into())]);
    }

    #[test]
    fn trade_balances_in_both_languages() {
        assert_eq!(
            read(
                "7月份商品整體出口貨值為4463億元，按年升14.3%。7月份商品進口貨值為4804億元。今年7月份錄得有形貿易逆差341億元。"
            ),
            [("4463億元".into(), "4804億元".into(), "341億元".into())]
        );
        assert_eq!(
            read(
                "Total exports rose 18.1% to $350 billion in January.\n\nThe value of imports increased 23.8% to $382 billion for January.\n\nA trade deficit of $31.9 billion was recorded in January."
            ),
            [("$350 billion".into(), "$382 billion".into(), "$31.9 billion".into())]
        );
    }

    #[test]
    fn a_flow_named_by_its_clause() {
        // The clause names the flow (`在進口部分`, `進口貨值…`), the figure's own words do not; a
        // period in `繼 … 後` is the step before, not the figure's.
        assert_eq!(
            read(
                "繼六月本港整體出口貨值按年跌4.8%後,七月再錄得按年跌幅3.5%,至2,762億元;進口貨值繼六月跌2.9%後,按年亦跌1.8%,至3,163億元。而七月錄得有形貿易逆差為401億元。"
            ),
            [("2,762億元".into(), "3,163億元".into(), "401億元".into())]
        );
        assert_eq!(
            read("8月出口584.9億美元，年增34.1%。\n\n在進口部分，8月金額來到416.6億美元，8月出超168.3億美元。"),
            [("584.9億美元".into(), "416.6億美元".into(), "168.3億美元".into())]
        );
        // Not in English: an unnamed figure there may be another account than the balance's.
        assert!(
            read("Operating revenues will grow by $1 billion, to $28.8 billion. Expenditure will be $29.7 billion. We project a budget surplus of $940 million.").is_empty()
        );
    }

    #[test]
    fn a_balance_of_another_period_is_not_read() {
        // The seven months' deficit is not July's exports less July's imports.
        let r = read(
            "2025年8月26日\n\n7月份出口貨值為4463億元，進口貨值為4804億元。\n\n今年首七個月錄得有形貿易逆差2186億元。",
        );
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn changes_in_units() {
        assert_eq!(
            read("一九五九年的產量達到五百零二萬噸，比一九五七年的三百一十二萬噸增加了一百九十萬噸。"),
            [("五百零二萬噸".into(), "三百一十二萬噸".into(), "一百九十萬噸".into())]
        );
        assert_eq!(
            read("Revenue was $11.9 billion, $2.1 billion higher than last year's $9.8 billion."),
            [("$11.9 billion".into(), "$9.8 billion".into(), "$2.1 billion".into())]
        );
    }
}
