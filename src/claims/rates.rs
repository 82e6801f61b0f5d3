//! A whole's rate of change stated with its parts' rates:
//!
//! ```text
//! 居民消费价格同比上涨2.2%。其中，城市上涨2.1%，农村上涨2.4%。
//! 居民消费价格上涨1.9%…。分类别看，食品价格上涨4.0%，非食品价格上涨0.8%；消费品价格上涨1.8%，服务价格上涨2.2%。
//! Consumer prices rose 1.9%; urban prices rose 1.4% and rural prices 2.8%.
//! ```
//!
//! The change of a sum is its parts' changes averaged by their shares, so the whole's rate lies
//! between the lowest and the highest of them — when the parts are all of the whole. They are
//! when they name every member of a partition of `rules/partitions.toml` (`城市` and `农村`,
//! `消费品` and `服务`, `中央` and `地方`), or a name and its complement (`食品` and `非食品`,
//! `food` and `non-food`: a `complement-prefixes` word before the other's name).
//!
//! ## What it does
//!
//! Not a rule itself: it reads each such breakdown once; `comparison` judges it. A rate is a
//! percentage signed by the direction word straight before it (`下降 0.9%` is −0.9%); a part may
//! leave its verb to the part before (`urban prices rose 1.4% and rural prices 2.8%`). The parts
//! follow each other in one paragraph, at most a sentence apart, with no other rate of change
//! between them. The whole is the rate before the first part: the nearest, in its sentence or the
//! one before; or, past the parts of breakdowns already read, a rate that is already the whole of
//! one (the paper's headline rate, stated a paragraph earlier). A rate named as a member is no
//! whole. Points (`0.6个百分点`) are no rates.
//!
//! Read but left unjudged, with the reason: rates over different spans (`同比` against `环比`);
//! rates per head (`人均`: people moving between the parts move the whole's rate outside
//! theirs); and the sub-items after `其中` that are no such pair (`其中，水、电及燃料价格上涨
//! 10.0%，建房及装修材料价格上涨2.3%，租房价格上涨2.2%`), which need not be all of the whole.

use std::collections::HashSet;
use std::ops::Range;

use crate::claims::partitions::{Partitions, Tag, partitions};
use crate::claims::support::WordList;
use crate::document::{BlockKind, Document, FigureKind};
use crate::parse::chars::is_han;
use crate::quantity::Interval;

/// One stated rate of change.
#[derive(Debug, Clone)]
pub struct Rate {
    /// Index into [`Document::figures`].
    pub figure: usize,
    /// What it is the rate of, as written: the member word (`城市`, `非食品`) for a part, the
    /// words before it for a sub-item; empty for the whole.
    pub name: String,
    /// Stated as a fall (`下降 0.9%`).
    pub down: bool,
    /// The values the stated rate allows, signed by its direction.
    pub allows: Interval,
}

impl Rate {
    fn new(doc: &Document, figure: usize, name: String, down: bool) -> Rate {
        let i = &doc.figures[figure].interval;
        Rate { figure, name, down, allows: if down { i.neg() } else { i.clone() } }
    }
}

/// A whole's rate and its parts' rates.
#[derive(Debug, Clone)]
pub struct RateBreakdown {
    pub whole: Rate,
    pub parts: Vec<Rate>,
    /// Why the whole need not lie between these parts; such a breakdown is not judged.
    pub doubt: Option<String>,
}

impl RateBreakdown {
    /// The whole's figure, then each part's.
    pub fn figures(&self) -> Vec<usize> {
        std::iter::once(self.whole.figure).chain(self.parts.iter().map(|p| p.figure)).collect()
    }
}

/// Every whole's rate with its parts', in the order of their parts.
pub(crate) fn read_rates(doc: &Document) -> Vec<RateBreakdown> {
    let ps = partitions();
    let mut out: Vec<RateBreakdown> = Vec::new();
    // Every part of a run, with or without a whole: no sub-items of `其中` (they are a pair).
    let mut in_runs = HashSet::new();
    let mut i = 0;
    while i < doc.figures.len() {
        let Some((p, parts)) = run_from(doc, ps, i) else {
            i += 1;
            continue;
        };
        in_runs.extend(parts.iter().map(|r| r.figure));
        let last = parts.last().map_or(i, |r| r.figure);
        if let Some((whole, doubt)) = whole_of(doc, ps, p, &parts, &out) {
            let doubt = doubt.or_else(|| per_head(doc, ps, std::iter::once(&whole).chain(&parts)));
            out.push(RateBreakdown { whole, parts, doubt });
        }
        i = last + 1;
    }
    sub_items(doc, ps, &in_runs, &mut out);
    out.sort_by_key(|r| r.parts.first().map(|p| p.figure));
    out
}

/// The run of rates from figure `i` that are all of one whole: every member of one partition,
/// one each, or a name and its complement. The partition, if it is one.
fn run_from(doc: &Document, ps: &Partitions, i: usize) -> Option<(Option<usize>, Vec<Rate>)> {
    let down = direction(doc, ps, i)?;
    let f = &doc.figures[i];
    let block = doc.block_at(f.norm.start)?;
    let first_sentence = doc.sentence_at(f.norm.start)?;
    let reach = |k: usize| {
        let g = &doc.figures[k];
        doc.block_at(g.norm.start) == Some(block)
            && doc.sentence_at(g.norm.start).is_some_and(|s| s <= first_sentence + 1)
    };
    let later =
        (i + 1..doc.figures.len()).take_while(|&k| reach(k)).filter(|&k| doc.figures[k].kind == FigureKind::Percent);
    if let Some((p, m, word)) = rate_member(doc, ps, i) {
        let n = ps.parts[p].members;
        let mut parts = vec![Rate::new(doc, i, word, down)];
        let mut seen = vec![m];
        for k in later {
            if parts.len() == n {
                break;
            }
            let member = rate_member(doc, ps, k).filter(|(q, m, _)| *q == p && !seen.contains(m));
            let prev = parts.last()?;
            let dir = direction(doc, ps, k).or_else(|| member.as_ref().and(elided(doc, prev, k)));
            match (member, dir) {
                (Some((_, m, word)), Some(d)) => {
                    parts.push(Rate::new(doc, k, word, d));
                    seen.push(m);
                }
                // Another rate of change between the members: not one run.
                (None, Some(_)) => return None,
                // A percentage that is no change (a share) between them.
                _ => {}
            }
        }
        return (parts.len() == n).then_some((Some(p), parts));
    }
    // A name and its complement: the next rate, signed or leaving its verb to this one.
    let first = Rate::new(doc, i, String::new(), down);
    let k = later.into_iter().find(|&k| direction(doc, ps, k).is_some() || elided(doc, &first, k).is_some())?;
    let dk = direction(doc, ps, k).or_else(|| elided(doc, &first, k))?;
    let (a, b) = (text(doc, rate_name(doc, i)), text(doc, rate_name(doc, k)));
    let (x, y) = complement(ps, a, b).or_else(|| complement(ps, b, a).map(|(y, x)| (x, y)))?;
    Some((None, vec![Rate { name: x, ..first }, Rate::new(doc, k, y, dk)]))
}

/// The words before a rate that say what it is of: back to the figure before it, a clause mark
/// or the start of its sentence, at most 32 characters.
fn rate_name(doc: &Document, i: usize) -> Range<usize> {
    let f = &doc.figures[i];
    let text = &doc.norm.text;
    let sentence_start = doc.sentence_at(f.norm.start).map_or(0, |s| doc.sentences[s].norm.start);
    let floor = i.checked_sub(1).map_or(0, |p| doc.figures[p].norm.end).max(sentence_start);
    let mut start = f.norm.start;
    for (n, (j, c)) in text[..f.norm.start].char_indices().rev().enumerate() {
        let grouping = c == ',' && text[..j].ends_with(|p: char| p.is_ascii_digit());
        if j < floor || n >= 32 || matches!(c, '，' | '。' | '；' | ';' | '：' | ':' | '\n') || c == ',' && !grouping
        {
            break;
        }
        start = j;
    }
    start..f.norm.start
}

fn text(doc: &Document, r: Range<usize>) -> &str {
    doc.norm.text.get(r).unwrap_or("")
}

/// Whether percentage `i` is stated as a fall (`Some(true)`) or a rise, by the direction word
/// straight before it (`上涨1.2%`, `下降了 0.9%`, `rose by 3.1%`); `None` for a percentage that is
/// no change, and for points.
fn direction(doc: &Document, ps: &Partitions, i: usize) -> Option<bool> {
    if doc.figures[i].kind != FigureKind::Percent {
        return None;
    }
    let mut before = text(doc, rate_name(doc, i)).trim_end();
    while let Some(at) = ps.rates.before_rate.ends(before) {
        before = before[..at].trim_end();
    }
    let w = crate::claims::changes::words();
    // An English word ends no longer word (`setup` is no `up`).
    let ends = |l: &crate::claims::support::WordList| {
        l.ends(before).filter(|&at| {
            !before[at..].starts_with(|c: char| c.is_ascii_alphabetic())
                || !before[..at].ends_with(|c: char| c.is_ascii_alphanumeric())
        })
    };
    match (ends(&w.increase), ends(&w.decrease)) {
        (Some(_), None) => Some(false),
        (None, Some(_)) => Some(true),
        // The longer word (`回落` is no `落`, `跌幅` no `幅`).
        (Some(u), Some(d)) if u != d => Some(d < u),
        _ => None,
    }
}

/// A part that leaves its verb to the part before (`urban prices rose 1.4% and rural prices
/// 2.8%`, `城市上涨1.2%，农村0.7%`): in the same sentence, with no direction word or sentence
/// mark between them, it shares that part's direction.
fn elided(doc: &Document, prev: &Rate, k: usize) -> Option<bool> {
    let (p, f) = (&doc.figures[prev.figure], &doc.figures[k]);
    if f.kind != FigureKind::Percent || doc.sentence_at(p.norm.start) != doc.sentence_at(f.norm.start) {
        return None;
    }
    let gap = text(doc, p.norm.end..f.norm.start);
    let w = crate::claims::changes::words();
    let plain = !gap.contains(['。', '；', ';']) && {
        let [up, down] = WordList::find_all_each([&w.increase, &w.decrease], gap);
        up.is_empty() && down.is_empty()
    };
    plain.then_some(prev.down)
}

/// The member a rate is of: named before it (`城市上涨1.2%`) or, for the change of a level
/// stated just before it, the level's (`中央收入22771亿元，同比增长11.3%`).
fn rate_member(doc: &Document, ps: &Partitions, k: usize) -> Option<(usize, usize, String)> {
    let own = text(doc, rate_name(doc, k));
    ps.member_in(own).or_else(|| {
        let level = k.checked_sub(1)?;
        let (l, f) = (&doc.figures[level], &doc.figures[k]);
        let gap = text(doc, l.norm.end..f.norm.start);
        let joined = l.kind != FigureKind::Percent
            && doc.sentence_at(l.norm.start) == doc.sentence_at(f.norm.start)
            && !gap.contains(['；', ';']);
        if !joined || !ps.tags_in(own).is_empty() {
            return None;
        }
        ps.member(doc, level)
    })
}

/// `plain` and `negated` name a thing and its complement: `negated` holds a complement prefix
/// and straight after it a name `plain` holds without one (`食品价格` and `非食品价格`, `Food
/// prices` and `non-food prices`). The two names as written.
fn complement(ps: &Partitions, plain: &str, negated: &str) -> Option<(String, String)> {
    let (lp, ln) = (plain.to_lowercase(), negated.to_lowercase());
    if lp.len() != plain.len() || ln.len() != negated.len() {
        return None;
    }
    for prefix in &ps.rates.complement_prefixes {
        let prefix = prefix.to_lowercase();
        for (at, _) in ln.match_indices(&prefix) {
            let rest = &ln[at + prefix.len()..];
            // English: the whole word after `non-`; Chinese: the shortest start of the Han run
            // after `非`, two characters at least, that the other name holds (`食品` of
            // `非食品价格上涨`).
            let stems: Vec<&str> = if prefix.is_ascii() {
                let n = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
                let boundary = !ln[..at].ends_with(|c: char| c.is_ascii_alphanumeric());
                if n == 0 || !boundary { vec![] } else { vec![&rest[..n]] }
            } else {
                let ends: Vec<usize> = rest
                    .char_indices()
                    .take_while(|(_, c)| is_han(*c))
                    .map(|(j, c)| j + c.len_utf8())
                    .take(8)
                    .collect();
                ends.iter().filter(|&&e| rest[..e].chars().count() >= 2).map(|&e| &rest[..e]).collect()
            };
            for stem in stems {
                let found = lp.match_indices(stem).find(|(j, _)| {
                    let before = &lp[..*j];
                    let after = &lp[j + stem.len()..];
                    !before.ends_with(prefix.as_str())
                        && !(stem.is_ascii()
                            && (before.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
                                || after.starts_with(|c: char| c.is_ascii_alphanumeric())))
                });
                if let Some((j, _)) = found {
                    let written = |s: &str, a: usize, b: usize| s.get(a..b).unwrap_or("").to_owned();
                    return Some((
                        written(plain, j, j + stem.len()),
                        written(negated, at, at + prefix.len() + stem.len()),
                    ));
                }
            }
        }
    }
    None
}

/// The whole's rate before the first part: the nearest earlier rate in its sentence or the one
/// before; or, past the parts of breakdowns already read, in the paragraph or the one before, a
/// rate already read as a whole. Named as no member, nor as the whole of another partition when
/// this one has words for its whole. With it, why it may not be compared (rates over different
/// spans).
fn whole_of(
    doc: &Document,
    ps: &Partitions,
    p: Option<usize>,
    parts: &[Rate],
    out: &[RateBreakdown],
) -> Option<(Rate, Option<String>)> {
    let first = &doc.figures[parts.first()?.figure];
    let block = doc.block_at(first.norm.start)?;
    let sentence = doc.sentence_at(first.norm.start)?;
    let lowest = match block.checked_sub(1) {
        Some(b) if doc.blocks[b].kind == BlockKind::Paragraph && doc.blocks[block].kind == BlockKind::Paragraph => b,
        _ => block,
    };
    let taken: HashSet<usize> = out.iter().flat_map(|r| r.parts.iter().map(|p| p.figure)).collect();
    let mut far = false;
    let mut found = None;
    for j in (0..parts[0].figure).rev() {
        if doc.block_at(doc.figures[j].norm.start).is_none_or(|b| b < lowest) {
            break;
        }
        let Some(down) = direction(doc, ps, j) else { continue };
        if taken.contains(&j) {
            far = true;
            continue;
        }
        found = Some((j, down));
        break;
    }
    let (t, down) = found?;
    let tf = &doc.figures[t];
    let near =
        doc.block_at(tf.norm.start) == Some(block) && doc.sentence_at(tf.norm.start).is_some_and(|s| s + 1 >= sentence);
    if (far || !near) && !out.iter().any(|r| r.whole.figure == t && r.doubt.is_none()) {
        return None;
    }
    let tags = ps.tags(doc, t);
    // A member's own rate (`地方…同比增长9.8%。全国税收收入…`) is no whole of the next run.
    if tags.iter().any(|(tag, _)| matches!(tag, Tag::Member { .. })) || rate_member(doc, ps, t).is_some() {
        return None;
    }
    if let Some(p) = p.filter(|&p| ps.parts[p].named_whole) {
        let whole_of = |q: &dyn Fn(usize) -> bool| {
            tags.iter().any(|(tag, _)| matches!(tag, Tag::Whole { partition } if q(*partition)))
        };
        if whole_of(&|x| x != p) && !whole_of(&|x| x == p) {
            return None;
        }
    }
    // What the parts are parts of (`价格` of `食品价格` and `非食品价格`) the whole names too:
    // `GDP增长5.2%，社会消费品零售总额增长10.5%，服务零售额增长15%` gives no whole of the two.
    if let [a, b] = parts
        && let Some(noun) = shared_noun(doc, ps, a, b)
        && !names(&full_name(doc, t).to_lowercase(), &noun)
    {
        return None;
    }
    let whole = Rate::new(doc, t, String::new(), down);
    let span = |r: &Rate| {
        let name = text(doc, rate_name(doc, r.figure));
        ps.rates
            .spans
            .iter()
            .enumerate()
            .find_map(|(k, l)| l.find_all(name).first().map(|w| (k, name[w.clone()].to_owned())))
    };
    let doubt =
        span(&whole).and_then(|(k, a)| {
            parts.iter().filter_map(span).find(|(q, _)| *q != k).map(|(_, b)| {
                format!("the whole's rate is over `{a}` and a part's over `{b}`: rates over different spans")
            })
        });
    Some((whole, doubt))
}

/// The words that say what a rate is of: those before it and, for the change of a level stated
/// just before it (`中央一般公共预算收入22771亿元，同比增长11.3%`), the level's.
fn full_name(doc: &Document, k: usize) -> String {
    let own = rate_name(doc, k);
    let mut out = String::new();
    if let Some(l) = k.checked_sub(1) {
        let (lf, f) = (&doc.figures[l], &doc.figures[k]);
        let gap = text(doc, lf.norm.end..f.norm.start);
        if lf.kind != FigureKind::Percent
            && doc.sentence_at(lf.norm.start) == doc.sentence_at(f.norm.start)
            && !gap.contains(['；', ';'])
        {
            out.push_str(text(doc, crate::claims::quantity::measure_before(doc, l)));
            out.push('|');
        }
    }
    out.push_str(text(doc, own));
    out
}

/// What two parts' names say they are parts of: the longest run of characters both hold once
/// their member words, direction words and span words are taken out, lower-cased; `None` when
/// it holds no two Han characters and no English word of five letters (`城市上涨`, `农村上涨`).
fn shared_noun(doc: &Document, ps: &Partitions, a: &Rate, b: &Rate) -> Option<String> {
    let w = crate::claims::changes::words();
    let clean = |r: &Rate| {
        let mut name = full_name(doc, r.figure).to_lowercase();
        let mut cut: Vec<Range<usize>> = [&w.increase, &w.decrease, &ps.rates.before_rate]
            .into_iter()
            .chain(&ps.rates.spans)
            .flat_map(|l| l.find_all(&name))
            .collect();
        let member = r.name.to_lowercase();
        cut.extend(name.match_indices(&member).map(|(j, m)| j..j + m.len()).take(1));
        cut.sort_by_key(|c| std::cmp::Reverse(c.start));
        let mut last = usize::MAX;
        for c in cut {
            // Nested or overlapping matches: the later one is cut already.
            if c.end <= last {
                name.replace_range(c.clone(), "|");
                last = c.start;
            }
        }
        name.chars().collect::<Vec<char>>()
    };
    let (x, y) = (clean(a), clean(b));
    // The longest common run (names are short: at most some 40 characters each).
    let mut best = (0, 0);
    let mut row = vec![0usize; y.len() + 1];
    for i in 1..=x.len() {
        let mut diag = 0;
        for j in 1..=y.len() {
            let up = row[j];
            row[j] = if x[i - 1] == y[j - 1] && x[i - 1] != '|' { diag + 1 } else { 0 };
            if row[j] > best.0 {
                best = (row[j], i);
            }
            diag = up;
        }
    }
    let run: String = x[best.1 - best.0..best.1].iter().collect();
    let han = run.chars().filter(|c| is_han(*c)).count() >= 2;
    let word = run.split(|c: char| !c.is_ascii_alphabetic()).any(|t| t.len() >= 5);
    (han || word).then_some(run)
}

/// Does a (lower-cased) name name `noun`: two Han characters in a row of it, or one of its
/// English words of five letters or more?
fn names(name: &str, noun: &str) -> bool {
    let han: Vec<char> = noun.chars().collect();
    han.windows(2).any(|p| p.iter().all(|c| is_han(*c)) && name.contains(&p.iter().collect::<String>()))
        || noun.split(|c: char| !c.is_ascii_alphabetic()).filter(|t| t.len() >= 5).any(|t| {
            name.match_indices(t).any(|(j, _)| {
                !name[..j].ends_with(|c: char| c.is_ascii_alphabetic())
                    && !name[j + t.len()..].starts_with(|c: char| c.is_ascii_alphabetic() && c != 's')
            })
        })
}

/// Why these rates may leave the whole's outside its parts': rates per head (`人均`), named in
/// the clause of any of them.
fn per_head<'a>(doc: &Document, ps: &Partitions, rates: impl Iterator<Item = &'a Rate>) -> Option<String> {
    rates.into_iter().find_map(|r| {
        let f = &doc.figures[r.figure];
        let s = doc.sentence_at(f.norm.start).map_or(0, |s| doc.sentences[s].norm.start);
        let clause = text(doc, s..f.norm.start);
        let clause = clause.rsplit(['；', ';']).next().unwrap_or(clause);
        let w = ps.rates.per_head.find_all(clause).pop()?;
        Some(format!(
            "rates per head (`{}`): as people move between the parts, the whole's rate may leave their range",
            &clause[w]
        ))
    })
}

/// The rates after an opening word (`其中`, `of which`) that follows a rate straight away, when
/// they are no run of [`run_from`]: sub-items that need not be all of the whole (`居住类价格上涨
/// 5.5%。其中，水、电及燃料价格上涨10.0%，建房及装修材料价格上涨2.3%，租房价格上涨2.2%`).
fn sub_items(doc: &Document, ps: &Partitions, in_runs: &HashSet<usize>, out: &mut Vec<RateBreakdown>) {
    let openers = &crate::claims::parts::words().openers;
    for s in &doc.sentences {
        let st = doc.norm_text(&s.norm);
        for m in openers.find_all(st) {
            let at = s.norm.start + m.start;
            let Some(t) = doc.figures.partition_point(|f| f.norm.end <= at).checked_sub(1) else { continue };
            let gap = text(doc, doc.figures[t].norm.end..at);
            if !gap.chars().all(|c| c.is_whitespace() || matches!(c, '。' | '，' | ',' | '.' | '；' | ';')) {
                continue;
            }
            let Some(down) = direction(doc, ps, t) else { continue };
            let items: Vec<Rate> = (t + 1..doc.figures.len())
                .take_while(|&k| doc.figures[k].norm.start < s.norm.end)
                .filter_map(|k| {
                    let d = direction(doc, ps, k)?;
                    Some(Rate::new(doc, k, item_name(doc, ps, k), d))
                })
                .collect();
            let known = |k: usize| in_runs.contains(&k) || out.iter().any(|r| r.figures().contains(&k));
            // Items that name a partition's members but make no run have rates of other things
            // between them (`出口…升4.4%，遜於市場預期的升5.5%`): no list of sub-items.
            let members = items.iter().any(|r| rate_member(doc, ps, r.figure).is_some());
            if items.len() < 2 || known(t) || members || items.iter().any(|r| known(r.figure)) {
                continue;
            }
            let opener = &st[m];
            let doubt = if items.len() > 2 {
                format!("{} sub-items after `{opener}` need not be all of the whole", items.len())
            } else {
                format!("the sub-items after `{opener}` are not known to be all of the whole")
            };
            out.push(RateBreakdown { whole: Rate::new(doc, t, String::new(), down), parts: items, doubt: Some(doubt) });
        }
    }
}

/// A sub-item's name: the words before its rate without the direction word (`租房价格` of
/// `租房价格上涨2.2%`), or the name of the level it is the change of (`国营工业企业收入` of
/// `国营工业企业收入为6,688,587,000元，比上年增长31.27%`).
fn item_name(doc: &Document, ps: &Partitions, k: usize) -> String {
    let full = full_name(doc, k);
    if let Some((level, _)) = full.split_once('|') {
        return level.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '，')).to_owned();
    }
    let mut name = text(doc, rate_name(doc, k)).trim_end();
    while let Some(at) = ps.rates.before_rate.ends(name) {
        name = name[..at].trim_end();
    }
    let w = crate::claims::changes::words();
    if let Some(at) = w.increase.ends(name).into_iter().chain(w.decrease.ends(name)).min() {
        name = &name[..at];
    }
    name.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '，')).to_owned()
}

#[cfg(test)]
mod tests {
    use crate::parse::{ParseOptions, parse};
    use crate::source::Source;

    /// A breakdown as (whole, [(name, part)], doubt), figures as written with a sign.
    type Read = (String, Vec<(String, String)>, bool);

    fn rates(text: &str) -> Vec<Read> {
        let doc = parse(&Source::from_text("t.txt", text), &ParseOptions::default());
        let shown = |r: &super::Rate| format!("{}{}", if r.down { "-" } else { "" }, doc.figures[r.figure].text(&doc));
        super::read_rates(&doc)
            .iter()
            .map(|r| {
                let parts = r.parts.iter().map(|p| (p.name.clone(), shown(p))).collect();
                (shown(&r.whole), parts, r.doubt.is_some())
            })
            .collect()
    }

    fn judged(whole: &str, parts: &[(&str, &str)]) -> Read {
        (whole.to_owned(), parts.iter().map(|(n, p)| ((*n).to_owned(), (*p).to_owned())).collect(), false)
    }

    #[test]
    fn a_whole_s_rate_and_the_rates_of_all_its_halves() {
        let t = "一季度,全国居民消费价格同比上涨1.1%。其中,城市上涨 1.2%,农村下降 0.7%。";
        assert_eq!(rates(t), [judged("1.1%", &[("城市", "1.2%"), ("农村", "-0.7%")])]);
        let t = "全国一般公共预算收入46203亿元，同比增长10.5%。其中，中央收入22771亿元，同比增长11.3%；地方收入23432亿元，同比增长9.8%。";
        assert_eq!(rates(t), [judged("10.5%", &[("中央", "11.3%"), ("地方", "9.8%")])]);
        // The rate before the run is a member's own: no whole.
        let t = "中央收入22771亿元,同比增长11.3%;地方收入23432亿元,同比增长9.8%。全国税收收入40812亿元,同比增长10.1%;非税收入5391亿元,同比增长13.7%。";
        assert_eq!(rates(t), []);
        // One half only: no claim.
        assert!(rates("价格同比上涨1.1%。城市上涨 1.2%。").is_empty());
    }

    #[test]
    fn rates_over_other_spans_or_per_head_are_read_with_a_doubt() {
        let t = "价格同比上涨1.1%。其中,城市环比上涨 1.2%,农村环比上涨 0.7%。";
        assert!(matches!(&rates(t)[..], [(_, _, true)]));
        let t = "全国居民人均可支配收入同比增长6.3%。其中，城镇居民人均可支配收入增长5.6%，农村居民人均可支配收入增长6.2%。";
        assert!(matches!(&rates(t)[..], [(_, _, true)]));
    }

    #[test]
    fn a_name_and_its_complement() {
        let t = "居民消费价格上涨1.9%。食品价格比去年同月上涨4.0%,非食品价格下降0.8%。";
        assert_eq!(rates(t), [judged("1.9%", &[("食品", "4.0%"), ("非食品", "-0.8%")])]);
        let t = "Consumer prices rose 1.9%, with non-food prices up 0.8% and food prices up 4.0%.";
        assert_eq!(rates(t), [judged("1.9%", &[("non-food", "0.8%"), ("food", "4.0%")])]);
        // Two names that are no complements.
        assert!(rates("居民消费价格上涨1.9%。食品价格上涨4.0%,衣着价格上涨0.8%。").is_empty());
    }

    #[test]
    fn the_whole_names_what_the_parts_are_parts_of() {
        let t = "国内生产总值增长5.2%，社会消费品零售总额增长10.5%，服务零售额增长15%。";
        assert!(rates(t).is_empty());
        let t = "GDP grew 5.2%, retail sales of goods rose 10.5% and retail sales of services 15%.";
        assert!(rates(t).is_empty());
        let t = "Retail sales rose 12%: sales of goods rose 10.5% and sales of services 15%.";
        assert_eq!(rates(t), [judged("12%", &[("goods", "10.5%"), ("services", "15%")])]);
    }

    #[test]
    fn a_part_may_leave_its_verb_to_the_one_before() {
        let t = "Prices rose 1.9%; urban prices rose 1.4% and rural prices 2.8%.";
        assert_eq!(rates(t), [judged("1.9%", &[("urban", "1.4%"), ("rural", "2.8%")])]);
    }

    #[test]
    fn the_headline_whole_a_paragraph_before() {
        let t = "居民消费价格上涨1.9%，其中城市上涨1.4%，农村上涨2.8%。\n\n分类别看，食品价格上涨4.0%，非食品价格上涨0.8%；消费品价格上涨1.8%，服务价格上涨2.2%。";
        let r = rates(t);
        assert_eq!(r.len(), 3, "{r:?}");
        assert!(r.iter().all(|(w, _, doubt)| w == "1.9%" && !doubt));
        // Another rate before the pair that is no known whole: no whole.
        let t = "居民消费价格上涨1.9%。工业生产者出厂价格上涨5.8%。\n\n食品价格上涨4.0%，非食品价格上涨0.8%。";
        assert!(rates(t).is_empty());
    }

    #[test]
    fn sub_items_after_其中_are_not_all_of_the_whole() {
        let t = "居住类价格上涨5.5%。其中,水、电及燃料价格上涨10.0%,建房及装修材料价格上涨2.3%,租房价格上涨2.2%。";
        let r = rates(t);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].0.as_str(), r[0].1.len(), r[0].2), ("5.5%", 3, true));
    }
}
