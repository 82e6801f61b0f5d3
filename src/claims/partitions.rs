//! Wholes a reader knows the parts of: `進口` and `出口` make up `進出口`, `中央` and `地方` make
//! up `全國`, `稅收` and `非稅` make up a budget's revenue.
//!
//! A paper that gives a total and then both of its halves by name states a complete breakdown
//! even when its only opening word is `其中` (which may open a partial list) or when it has none:
//!
//! ```text
//! 8月進出口總值5,412.9億美元…；其中出口3,218.1億美元，升4.4%…；進口2,194.8億美元…
//! 全國一般公共預算收入46203億元…。全國稅收收入40812億元…；非稅收入5391億元…。
//! ```
//!
//! ## What it does
//!
//! Not a rule itself: it finds runs of figures of one kind, in one paragraph and at most one
//! sentence apart, that name every member of a partition of `rules/partitions.toml` once each,
//! with only figures of other kinds (their changes, shares) between them. Such a run closes the
//! breakdown that holds its first figure and no figure outside it; with no such breakdown, the
//! run's total is the nearest earlier figure of the same kind and period, in the two sentences
//! before it, whose name is one of the partition's wholes. A count whose noun names two kinds
//! (`the 14 primary and secondary schools`, `14所小學和中學`) is the sum of the counts of those two
//! kinds that one list in the paragraphs before it gives (`nine primary schools, five secondary
//! schools and one special school`). Read by
//! [`crate::claims::parts::read_breakdowns`], so `sum-of-parts` and `subset-exceeds-total` judge
//! them like any other breakdown.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::claims::parts::{Breakdown, Shape, eligible, same_kind};
use crate::claims::quantity::{is_threshold, measure_before, same_period};
use crate::claims::support::WordList;
use crate::document::{BlockKind, Document, Figure, FigureKind};
use crate::parse::chars::is_han;

const PARTITIONS_TOML: &str = include_str!("../../rules/partitions.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPartitions {
    #[serde(rename = "rate-spans")]
    rate_spans: Vec<String>,
    partition: Vec<RawPartition>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPartition {
    members: Vec<Vec<String>>,
    wholes: Vec<String>,
    #[serde(default)]
    counts_only: bool,
}

/// What a word of `rules/partitions.toml` says about the figure it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Member { partition: usize, member: usize },
    Whole { partition: usize },
}

/// The partitions of `rules/partitions.toml`.
#[derive(Debug)]
pub struct Partitions {
    /// Each partition's number of members and whether it counts only.
    parts: Vec<(usize, bool)>,
    words: WordList,
    tags: HashMap<String, Vec<Tag>>,
    /// Words that name the span a rate is over (`同比`, `环比`).
    rate_spans: WordList,
}

impl Partitions {
    fn from_toml(s: &str) -> Result<Partitions, String> {
        let raw: RawPartitions = toml::from_str(s).map_err(|e| e.to_string())?;
        let mut tags: HashMap<String, Vec<Tag>> = HashMap::new();
        let mut parts = Vec::new();
        for (p, r) in raw.partition.into_iter().enumerate() {
            if r.members.len() < 2 {
                return Err(format!("partition {} has fewer than two members", p + 1));
            }
            for (m, spellings) in r.members.iter().enumerate() {
                if spellings.is_empty() {
                    return Err(format!("partition {} has a member with no spelling", p + 1));
                }
                for s in spellings {
                    tags.entry(s.to_lowercase()).or_default().push(Tag::Member { partition: p, member: m });
                }
            }
            for w in &r.wholes {
                tags.entry(w.to_lowercase()).or_default().push(Tag::Whole { partition: p });
            }
            parts.push((r.members.len(), r.counts_only));
        }
        if tags.keys().any(|w| w.trim().is_empty()) {
            return Err("a partition contains an empty word".into());
        }
        let words = WordList::new(tags.keys().cloned().collect());
        Ok(Partitions { parts, words, tags, rate_spans: WordList::new(raw.rate_spans) })
    }

    /// The partition words in a figure's name: the words before it in its segment and its noun
    /// after it, up to a list word or the next figure.
    fn tags(&self, doc: &Document, i: usize) -> Vec<(Tag, String)> {
        let text = name(doc, i);
        let mut out = Vec::new();
        for r in self.words.find_all(&text) {
            let word = &text[r];
            for t in self.tags.get(&word.to_lowercase()).into_iter().flatten() {
                out.push((*t, word.to_owned()));
            }
        }
        out
    }

    /// The one member a figure is named as (partition, member, the word as written), if its
    /// name holds exactly one member word.
    fn member(&self, doc: &Document, i: usize) -> Option<(usize, usize, String)> {
        let mut members = self.tags(doc, i).into_iter().filter_map(|(t, w)| match t {
            Tag::Member { partition, member } => Some((partition, member, w)),
            Tag::Whole { .. } => None,
        });
        let one = members.next();
        members.next().is_none().then_some(one).flatten()
    }

    /// Is the figure named as the whole of partition `p`, and as no member of any?
    fn whole(&self, doc: &Document, i: usize, p: usize) -> bool {
        let tags = self.tags(doc, i);
        tags.iter().any(|(t, _)| *t == Tag::Whole { partition: p })
            && !tags.iter().any(|(t, _)| matches!(t, Tag::Member { .. }))
    }
}

/// The built-in partitions.
pub fn partitions() -> &'static Partitions {
    static P: LazyLock<Partitions> = LazyLock::new(|| {
        // Compiled in and checked by `tests::embedded_partitions_parse`: a failure is a build
        // defect, never something input can cause.
        Partitions::from_toml(PARTITIONS_TOML).expect("embedded rules/partitions.toml is valid")
    });
    &P
}

/// A figure's name: its measure before it, the figure as written, and after it its noun
/// (Chinese: the Han characters straight after it; English: the words up to a punctuation mark,
/// a list word or the next figure, at most six).
fn name(doc: &Document, i: usize) -> String {
    let f = &doc.figures[i];
    let mut out = doc.norm.text.get(measure_before(doc, i)).unwrap_or("").to_owned();
    let next = doc.figures.get(i + 1).map_or(doc.norm.text.len(), |g| g.norm.start);
    let rest = doc.norm.text.get(f.norm.end..next.max(f.norm.end)).unwrap_or("");
    // An English count's noun may be read into the figure (`610 male` of `610 male students`).
    out.push(' ');
    out.push_str(doc.norm.text.get(f.norm.clone()).unwrap_or(""));
    out.push(' ');
    // A punctuation mark straight after the figure ends its name (`城市上涨 1.2%,农村…`).
    if rest.starts_with([',', ';', '.', ':', ')']) {
        return out;
    }
    if rest.starts_with(|c: char| !c.is_ascii()) {
        out.extend(rest.chars().take_while(|c| is_han(*c)).take(8));
        return out;
    }
    for w in rest.split(' ').filter(|w| !w.is_empty()).take(6) {
        let clean = w.trim_end_matches([',', ';', '.', ')', ':', '，', '；', '。']);
        if ["and", "or", "while", "whereas", "but", "with", "against", "compared"].contains(&clean)
            || clean.starts_with(['(', '（'])
        {
            break;
        }
        out.push_str(clean);
        out.push(' ');
        if clean.len() != w.len() || w.contains('\n') {
            break;
        }
    }
    out
}

/// A whole's rate of change and its parts' rates: `居民消费价格同比上涨2.2%。其中，城市上涨2.1%，
/// 农村上涨2.4%`. The change of a sum is the average of its parts' changes weighted by their
/// shares, so it lies between the lowest and the highest of them.
#[derive(Debug, Clone)]
pub struct RateBreakdown {
    pub total: usize,
    pub parts: Vec<usize>,
    /// Each figure's change as signed by its direction word (`下降 0.5%` is −0.5%), in the
    /// order of `total` then `parts`.
    pub signed: Vec<crate::quantity::Interval>,
}

/// The change a percentage states, signed by the direction word straight before it
/// (`上涨1.2%`, `下降 0.9%`, `rose 3.1%`); `None` for a percentage that is no change.
fn signed_change(doc: &Document, i: usize) -> Option<crate::quantity::Interval> {
    let f = &doc.figures[i];
    if f.kind != FigureKind::Percent {
        return None;
    }
    let lo = crate::source::floor_char_boundary(&doc.norm.text, f.norm.start.saturating_sub(12));
    let before = doc.norm.text.get(lo..f.norm.start)?.trim_end();
    let before = before.strip_suffix("了").unwrap_or(before).trim_end();
    let w = crate::claims::changes::words();
    let ends = |l: &WordList| l.ends(before).is_some_and(|at| before[at..].chars().count() <= 4);
    match (ends(&w.increase), ends(&w.decrease)) {
        (true, false) => Some(f.interval.clone()),
        (false, true) => Some(f.interval.neg()),
        _ => None,
    }
}

/// The member a rate is of: named before it (`城市上涨1.2%`) or, for the change of a level
/// stated just before it, the level's (`中央收入22771亿元，同比增长11.3%`).
fn rate_member(doc: &Document, ps: &Partitions, k: usize) -> Option<(usize, usize, String)> {
    ps.member(doc, k).or_else(|| {
        let level = k.checked_sub(1)?;
        let (l, f) = (&doc.figures[level], &doc.figures[k]);
        let gap = doc.norm.text.get(l.norm.end..f.norm.start)?;
        let joined =
            l.kind != FigureKind::Percent && sentence(doc, l) == sentence(doc, f) && !gap.contains(['；', ';']);
        if !joined || !ps.tags(doc, k).is_empty() {
            return None;
        }
        ps.member(doc, level)
    })
}

/// Every whole's rate followed by the rates of all the members of a partition, one each, in the
/// sentence after it or its own (`…同比增长10.5%。其中，中央…同比增长11.3%；地方…同比增长9.8%`).
pub(crate) fn read_rates(doc: &Document) -> Vec<RateBreakdown> {
    let ps = partitions();
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.figures.len() {
        let Some(first) = signed_change(doc, i).and(rate_member(doc, ps, i)) else {
            i += 1;
            continue;
        };
        let (p, _, _) = first;
        let (n, _) = ps.parts[p];
        let block = doc.block_at(doc.figures[i].norm.start);
        let first_sentence = sentence(doc, &doc.figures[i]).unwrap_or(0);
        let mut run = vec![i];
        let mut seen = vec![first.1];
        let mut k = i + 1;
        while k < doc.figures.len() && run.len() < n {
            let f = &doc.figures[k];
            if doc.block_at(f.norm.start) != block || sentence(doc, f).is_none_or(|s| s > first_sentence + 1) {
                break;
            }
            if signed_change(doc, k).is_some() {
                match rate_member(doc, ps, k) {
                    Some((q, m, _)) if q == p && !seen.contains(&m) => {
                        run.push(k);
                        seen.push(m);
                    }
                    // Another percentage change between the members: not one run.
                    _ => break,
                }
            }
            k += 1;
        }
        if run.len() == n
            && let Some(total) = rate_total(doc, ps, i, p)
        {
            let signed: Option<Vec<_>> =
                std::iter::once(total).chain(run.iter().copied()).map(|x| signed_change(doc, x)).collect();
            if let Some(signed) = signed {
                out.push(RateBreakdown { total, parts: run.clone(), signed });
            }
        }
        i = run.last().map_or(i, |&l| l) + 1;
    }
    out
}

/// The whole's rate before the first member's: the nearest earlier percentage change in the
/// same block, at most one sentence before, named as no member (and as the whole, when the
/// partition has words for it and the name says anything at all).
fn rate_total(doc: &Document, ps: &Partitions, first: usize, p: usize) -> Option<usize> {
    let f = &doc.figures[first];
    let block = doc.block_at(f.norm.start)?;
    let s = sentence(doc, f)?;
    let t = (0..first)
        .rev()
        .take_while(|&j| doc.figures[j].norm.start >= doc.blocks[block].norm.start)
        .find(|&j| signed_change(doc, j).is_some() && sentence(doc, &doc.figures[j]).is_some_and(|x| x + 1 >= s))?;
    let tags = ps.tags(doc, t);
    // A member's own rate (`地方…同比增长9.8%。全国税收收入…`) is no whole of the next run.
    let member = tags.iter().any(|(tag, _)| matches!(tag, Tag::Member { .. })) || rate_member(doc, ps, t).is_some();
    let whole_of = |q: &dyn Fn(usize) -> bool| {
        tags.iter().any(|(tag, _)| matches!(tag, Tag::Whole { partition } if q(*partition)))
    };
    let other_whole = whole_of(&|x| x != p) && !whole_of(&|x| x == p);
    // `同比` against `环比`: rates over different spans.
    let span_word = |x: usize| {
        let t = doc.norm.text.get(measure_before(doc, x)).unwrap_or("");
        ps.rate_spans.find_all(t).first().map(|r| t[r.clone()].to_owned())
    };
    let spans_differ = matches!((span_word(t), span_word(first)), (Some(a), Some(b)) if a != b);
    (!member && !other_whole && !spans_differ).then_some(t)
}

fn sentence(doc: &Document, f: &Figure) -> Option<usize> {
    doc.sentence_at(f.norm.start)
}

/// Read the runs of figures that name a partition's members, closing the breakdowns in `out`
/// they complete and adding those they state without an opening word.
pub(crate) fn read(doc: &Document, out: &mut Vec<Breakdown>) {
    named_unions(doc, out);
    let ps = partitions();
    let mut i = 0;
    while i < doc.figures.len() {
        let Some((p, run, names)) = run_from(doc, ps, i) else {
            i += 1;
            continue;
        };
        let last = *run.last().unwrap_or(&i);
        let marker = names.join("` + `");
        // A breakdown an opening word started with the run's first figure: the run completes it.
        let holding: Vec<usize> = (0..out.len()).filter(|&k| run.iter().any(|r| out[k].parts.contains(r))).collect();
        match holding.as_slice() {
            [k] if out[*k].parts.iter().all(|q| run.contains(q)) && out[*k].parts.first() == run.first() => {
                let b = &mut out[*k];
                b.parts = run;
                b.closed = true;
                b.shape = Shape::Partition;
                b.marker = marker;
            }
            [] => {
                if let Some(total) = total_before(doc, ps, &run, p) {
                    out.push(Breakdown {
                        total,
                        parts: run,
                        closed: true,
                        shape: Shape::Partition,
                        marker,
                        doubt: None,
                    });
                }
            }
            _ => {}
        }
        i = last + 1;
    }
}

/// The run of figures from `i` that names every member of one partition once: each the next
/// figure that could be a part, of the same kind and period as `i`, in its paragraph and at most
/// one sentence after the one before.
fn run_from(doc: &Document, ps: &Partitions, i: usize) -> Option<(usize, Vec<usize>, Vec<String>)> {
    let f = &doc.figures[i];
    if !eligible(f) || is_threshold(doc, f) {
        return None;
    }
    let (p, m, word) = ps.member(doc, i)?;
    let mut names = vec![word];
    let (members, counts_only) = ps.parts[p];
    if counts_only && !matches!(f.kind, FigureKind::Count { .. }) {
        return None;
    }
    let block = doc.block_at(f.norm.start)?;
    let mut covered = vec![false; members];
    covered[m] = true;
    let mut run = vec![i];
    let mut last = i;
    while covered.iter().any(|c| !c) {
        let k = (last + 1..doc.figures.len()).find(|&k| eligible(&doc.figures[k]))?;
        let g = &doc.figures[k];
        let (s_last, s_k) = (sentence(doc, &doc.figures[last])?, sentence(doc, g)?);
        if doc.block_at(g.norm.start) != Some(block)
            || s_k > s_last + 1
            || !same_kind(doc, f, g)
            || !same_period(doc, f, g)
            || is_threshold(doc, g)
        {
            return None;
        }
        match ps.member(doc, k) {
            Some((q, n, word)) if q == p && !covered[n] => {
                covered[n] = true;
                names.push(word);
            }
            _ => return None,
        }
        run.push(k);
        last = k;
    }
    Some((p, run, names))
}

/// The whole a run states no opening word for: the nearest earlier figure of its kind and
/// period, in its paragraph and the two sentences before its first figure, named as the whole.
/// No part may exceed it: a larger part says the figure is some other whole.
fn total_before(doc: &Document, ps: &Partitions, run: &[usize], p: usize) -> Option<usize> {
    let first = &doc.figures[*run.first()?];
    let block = doc.block_at(first.norm.start)?;
    // The paragraph before may state the whole (`…收入80926億元…。` then `分中央和地方看,…`).
    let lowest = match block.checked_sub(1) {
        Some(b) if doc.blocks[b].kind == BlockKind::Paragraph && doc.blocks[block].kind == BlockKind::Paragraph => b,
        _ => block,
    };
    let sent = sentence(doc, first)?;
    let t = (0..run[0]).rev().take_while(|&j| {
        let g = &doc.figures[j];
        doc.block_at(g.norm.start).is_some_and(|b| b >= lowest) && sentence(doc, g).is_some_and(|s| s + 2 >= sent)
    });
    let total = t
        .filter(|&j| eligible(&doc.figures[j]) && same_kind(doc, first, &doc.figures[j]))
        .find(|&j| ps.whole(doc, j, p))?;
    let tf = &doc.figures[total];
    let fits = run.iter().all(|&r| {
        let part = &doc.figures[r];
        same_period(doc, tf, part) && !matches!((&part.interval.lo, &tf.interval.hi), (Some(a), Some(b)) if a > b)
    });
    fits.then_some(total)
}

/// A count whose noun names two kinds listed before it: `the 14 primary and secondary schools`
/// after `nine primary schools, five secondary schools and one special school`; `14所小學和中學`
/// after `9所小學、5所中學及1所特殊學校`. The two counts, joined in one list in the paragraphs
/// before it, are all of it.
fn named_unions(doc: &Document, out: &mut Vec<Breakdown>) {
    let w = crate::claims::parts::words();
    for t in 0..doc.figures.len() {
        let tf = &doc.figures[t];
        let FigureKind::Count { classifier } = &tf.kind else { continue };
        let Some((first, second)) = union_names(doc, tf, classifier) else { continue };
        let near = crate::claims::quantity::nearby(doc, t);
        // The nearest earlier pair of one list: a count named `first` straight followed, after
        // a list word, by one named `second`.
        let pair = (near.start..t).rev().filter(|&b| b > 0).find_map(|b| {
            let a = b - 1;
            let x = kind_named(doc, &doc.figures[a], tf, &first)?;
            let y = kind_named(doc, &doc.figures[b], tf, &second)?;
            crate::claims::parts::joined(doc, w, a, b).then_some((a, b, x, y))
        });
        let Some((a, b, x, y)) = pair else { continue };
        if out.iter().any(|x| x.total == t || x.parts.contains(&t)) {
            continue;
        }
        out.push(Breakdown {
            total: t,
            parts: vec![a, b],
            closed: true,
            shape: Shape::Partition,
            marker: format!("{x}` + `{y}"),
            doubt: None,
        });
    }
}

/// The two kinds a count's noun names joined by `and`, `和`, `及`: (`primary`, `secondary`) of
/// `14 primary and secondary schools`; (`小學`, `中學`) of `14所小學和中學`.
fn union_names(doc: &Document, f: &Figure, classifier: &str) -> Option<(String, String)> {
    let rest = doc.norm.text.get(f.norm.end..)?;
    if classifier.is_ascii() {
        // `14 primary` is read with its first adjective as its noun: ` and secondary schools`.
        let mut words = rest.split(' ').skip(1);
        let (and, second, noun) = (words.next()?, words.next()?, words.next()?);
        let noun = noun.trim_end_matches([',', '.', ';', ')']);
        let word = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        return (and == "and" && word(second) && word(noun) && noun.ends_with('s'))
            .then(|| (classifier.to_lowercase(), second.to_owned()));
    }
    let han: String = rest.chars().take_while(|c| is_han(*c)).take(12).collect();
    let k = han.char_indices().find(|(k, c)| *k > 0 && matches!(c, '和' | '及' | '與' | '与'))?.0;
    let (first, second) = (&han[..k], &han[k + '和'.len_utf8()..]);
    (first.chars().count() >= 2 && second.chars().count() >= 2).then(|| (first.to_owned(), second.to_owned()))
}

/// Is part `p` a count of the kind `name` within what total `t` counts? English: `nine primary
/// schools` for `primary` of `14 primary and secondary schools`; Chinese: `9所小學` for `小學`.
/// The name as the part writes it.
fn kind_named(doc: &Document, p: &Figure, t: &Figure, name: &str) -> Option<String> {
    let (FigureKind::Count { classifier: cp }, FigureKind::Count { classifier: ct }) = (&p.kind, &t.kind) else {
        return None;
    };
    if ct.is_ascii() {
        let noun = doc.norm.text.get(t.norm.end..).and_then(|r| r.split(' ').nth(3)).unwrap_or("");
        let noun = noun.trim_end_matches([',', '.', ';', ')']);
        let after = doc.norm.text.get(p.norm.end..).and_then(|r| r.split(' ').nth(1)).unwrap_or("");
        let same = cp.eq_ignore_ascii_case(name) && after.trim_end_matches([',', '.', ';', ')']) == noun;
        return same.then(|| name.to_owned());
    }
    // The noun named may run on into the sentence (`中學外`): two characters in common.
    let noun = crate::claims::parts::han_after(doc, p, 8);
    let common: String = noun.chars().zip(name.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x).collect();
    (cp == ct && common.chars().count() >= 2).then_some(common)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::parse::{ParseOptions, parse};
    use crate::source::Source;

    #[test]
    fn embedded_partitions_parse() {
        Partitions::from_toml(PARTITIONS_TOML).unwrap();
    }

    #[test]
    fn a_partition_needs_two_members() {
        assert!(Partitions::from_toml("[[partition]]\nmembers = [[\"a\"]]\nwholes = []\n").is_err());
    }

    /// Each breakdown as (total, parts, closed), figures as written.
    fn read(text: &str) -> Vec<(String, Vec<String>, bool)> {
        let src = Source::from_text("t.txt", text);
        let doc = parse(&src, &ParseOptions::default());
        crate::claims::Claims::new(&doc)
            .breakdowns()
            .iter()
            .map(|b| {
                let parts = b.parts.iter().map(|&p| doc.figures[p].text(&doc).to_owned()).collect();
                (doc.figures[b.total].text(&doc).to_owned(), parts, b.closed)
            })
            .collect()
    }

    fn owned(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    fn rates(text: &str) -> Vec<(String, Vec<String>)> {
        let doc = parse(&Source::from_text("t.txt", text), &ParseOptions::default());
        read_rates(&doc)
            .iter()
            .map(|r| {
                let t = |i: usize| doc.figures[i].text(&doc).to_owned();
                (t(r.total), r.parts.iter().map(|&p| t(p)).collect())
            })
            .collect()
    }

    #[test]
    fn a_whole_s_rate_and_the_rates_of_all_its_halves() {
        let t = "一季度,全国居民消费价格同比上涨1.1%。其中,城市上涨 1.2%,农村下降 0.7%。";
        assert_eq!(rates(t), [("1.1%".to_owned(), owned(&["1.2%", "0.7%"]))]);
        let t = "全国一般公共预算收入46203亿元，同比增长10.5%。其中，中央收入22771亿元，同比增长11.3%；地方收入23432亿元，同比增长9.8%。";
        assert_eq!(rates(t), [("10.5%".to_owned(), owned(&["11.3%", "9.8%"]))]);
        // The rate before the run is a member's own: no whole.
        let t = "中央收入22771亿元,同比增长11.3%;地方收入23432亿元,同比增长9.8%。全国税收收入40812亿元,同比增长10.1%;非税收入5391亿元,同比增长13.7%。";
        assert_eq!(rates(t), []);
        // One half only, or rates over different spans: no claim.
        assert!(rates("价格同比上涨1.1%。其中,城市上涨 1.2%。").is_empty());
        assert!(rates("价格同比上涨1.1%。其中,城市环比上涨 1.2%,农村环比上涨 0.7%。").is_empty());
    }

    #[test]
    fn both_halves_after_其中_close_the_breakdown() {
        let text =
            "上月進出口總值2,480.5億元，按年升2.2%；其中出口1,310.2億元，升3.0%，高於預期；進口1,170.3億元，升1.1%。";
        assert_eq!(read(text), [("2,480.5億元".to_owned(), owned(&["1,310.2億元", "1,170.3億元"]), true)]);
        // One half alone stays a partial breakdown.
        let text = "上月進出口總值2,480.5億元，其中出口1,310.2億元。";
        assert_eq!(read(text), [("2,480.5億元".to_owned(), owned(&["1,310.2億元"]), false)]);
    }

    #[test]
    fn halves_with_no_opening_word_find_their_whole() {
        let text =
            "一至五月，全国一般公共预算收入9200亿元，同比增长2%。全国税收收入7900亿元，同比增长1%；非税收入1300亿元。";
        assert_eq!(read(text), [("9200亿元".to_owned(), owned(&["7900亿元", "1300亿元"]), true)]);
        // The paragraph before may state it.
        let text = "全國一般公共預算支出6100億元。\n\n分中央和地方看，中央一般公共預算本級支出900億元；地方一般公共預算支出5200億元。";
        assert_eq!(read(text), [("6100億元".to_owned(), owned(&["900億元", "5200億元"]), true)]);
        // No whole named: nothing to add up to.
        assert!(read("出口總值1,500億美元，進口總值1,200億美元。").is_empty());
        // A figure between the halves that is of their kind breaks the run.
        assert!(read("全國一般公共預算收入9200億元。中央一般公共預算收入4000億元，轉移支付300億元，地方一般公共預算本級收入5200億元。").is_empty());
    }

    #[test]
    fn a_count_naming_two_listed_kinds_is_their_sum() {
        let text = "The trust runs six infant schools, three junior schools and one special school.\n\nBesides the nine infant and junior schools of the trust, 12 other schools teach the curriculum.";
        assert_eq!(read(text), [("nine infant".to_owned(), owned(&["six infant", "three junior"]), true)]);
        let text = "該會營辦6所幼稚園、3所小學及1所特殊學校。\n\n除該會的 9所幼稚園和小學外，另有12所學校。";
        assert_eq!(read(text), [("9所".to_owned(), owned(&["6所", "3所"]), true)]);
        // Kinds not listed together are not the parts of the count that names them.
        assert!(read("The trust runs six infant schools. It also runs three junior schools.\n\nThe nine infant and junior schools teach 900 pupils.").is_empty());
    }

    #[test]
    fn english_halves_and_counted_groups() {
        assert_eq!(
            read(
                "Total trade reached $80.5 billion, of which exports were $41.2 billion, up 3%, and imports $39.3 billion."
            ),
            [("$80.5 billion".to_owned(), owned(&["$41.2 billion", "$39.3 billion"]), true)]
        );
        assert_eq!(
            read("The club has 420 members, including 230 male members and 190 female members."),
            [("420 members".to_owned(), owned(&["230 male", "190 female"]), true)]
        );
        // Amounts for men's and women's programmes are not a partition of a budget.
        assert_eq!(
            read("Funding of $50 million, including $20 million for men's health and $10 million for women's health."),
            [("$50 million".to_owned(), owned(&["$20 million", "$10 million"]), false)]
        );
    }
}
