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
    rates: RawRateWords,
    partition: Vec<RawPartition>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPartition {
    members: Vec<Vec<String>>,
    wholes: Vec<String>,
    #[serde(default)]
    counts_only: bool,
    #[serde(default)]
    rates_only: bool,
    #[serde(default)]
    lone_members: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRateWords {
    spans: std::collections::BTreeMap<String, Vec<String>>,
    complement_prefixes: Vec<String>,
    per_head: Vec<String>,
    before_rate: Vec<String>,
}

/// What a word of `rules/partitions.toml` says about the figure it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Member { partition: usize, member: usize },
    Whole { partition: usize },
}

/// One partition of `rules/partitions.toml`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Partition {
    /// How many members make up the whole.
    pub members: usize,
    /// Whether it partitions people or things counted, never an amount.
    pub counts_only: bool,
    /// Whether it partitions only a whole's rate of change, never an amount or a count.
    pub rates_only: bool,
    /// Whether a member stated beside the whole in one sentence is a part of it
    /// (`lone-members`): only where the words leave no other reading.
    pub lone_members: bool,
    /// Whether it has words for its whole.
    pub named_whole: bool,
}

/// The `[rates]` words of `rules/partitions.toml`, for [`crate::claims::rates`].
#[derive(Debug)]
pub(crate) struct RateWords {
    /// The spans a rate may be over (`同比`, `环比`), each with the words that name it.
    pub spans: Vec<WordList>,
    /// Words that make a name the complement of the same name without them (`非`, `non-`).
    pub complement_prefixes: Vec<String>,
    /// Words that make a rate a rate per head (`人均`, `per capita`).
    pub per_head: WordList,
    /// Words that may stand between a direction word and its rate (`了`, `by`).
    pub before_rate: WordList,
}

/// The partitions of `rules/partitions.toml`.
#[derive(Debug)]
pub struct Partitions {
    pub(crate) parts: Vec<Partition>,
    words: WordList,
    tags: HashMap<String, Vec<Tag>>,
    pub(crate) rates: RateWords,
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
            parts.push(Partition {
                members: r.members.len(),
                counts_only: r.counts_only,
                rates_only: r.rates_only,
                lone_members: r.lone_members,
                named_whole: !r.wholes.is_empty(),
            });
        }
        if tags.keys().any(|w| w.trim().is_empty()) {
            return Err("a partition contains an empty word".into());
        }
        let r = raw.rates;
        if r.complement_prefixes.iter().any(|w| w.trim().is_empty()) {
            return Err("an empty complement prefix".into());
        }
        let rates = RateWords {
            spans: r.spans.into_values().map(WordList::new).collect(),
            complement_prefixes: r.complement_prefixes,
            per_head: WordList::new(r.per_head),
            before_rate: WordList::new(r.before_rate),
        };
        let words = WordList::new(tags.keys().cloned().collect());
        Ok(Partitions { parts, words, tags, rates })
    }

    /// The partition words in `text`, each with the word as written.
    pub(crate) fn tags_in(&self, text: &str) -> Vec<(Tag, String)> {
        let mut out = Vec::new();
        for r in self.words.find_all(text) {
            let word = &text[r];
            for t in self.tags.get(&word.to_lowercase()).into_iter().flatten() {
                out.push((*t, word.to_owned()));
            }
        }
        out
    }

    /// The partition words in a figure's name: the words before it in its segment and its noun
    /// after it, up to a list word or the next figure.
    pub(crate) fn tags(&self, doc: &Document, i: usize) -> Vec<(Tag, String)> {
        self.tags_in(&name(doc, i))
    }

    /// The one member `text` names (partition, member, the word as written), if it holds
    /// exactly one member word.
    pub(crate) fn member_in(&self, text: &str) -> Option<(usize, usize, String)> {
        let mut members = self.tags_in(text).into_iter().filter_map(|(t, w)| match t {
            Tag::Member { partition, member } => Some((partition, member, w)),
            Tag::Whole { .. } => None,
        });
        let one = members.next();
        members.next().is_none().then_some(one).flatten()
    }

    /// The one member a figure is named as, if its name holds exactly one member word.
    pub(crate) fn member(&self, doc: &Document, i: usize) -> Option<(usize, usize, String)> {
        self.member_in(&name(doc, i))
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
    lone_members(doc, ps, out);
}

/// A member stated beside its whole in one sentence, in no breakdown already: `總就業人數為
/// 3,718,900；總勞動人口為3,832,400人` — the member is at most the whole (a part of it, not all).
/// A bare number is the member's count when the whole is a count (`3,718,900` and `…人`).
fn lone_members(doc: &Document, ps: &Partitions, out: &mut Vec<Breakdown>) {
    let placed: std::collections::HashSet<usize> = out.iter().flat_map(|b| b.parts.iter().copied()).collect();
    let mut found = Vec::new();
    for (i, f) in doc.figures.iter().enumerate() {
        // A bare number followed by its own noun (`近1亿农村贫困人口`) counts something else.
        let after = doc.norm.text.get(f.norm.end..).unwrap_or("").trim_start_matches(' ');
        let bare = f.kind == FigureKind::Number
            && f.value.is_integer()
            && after.chars().next().is_none_or(|c| !c.is_alphanumeric());
        if placed.contains(&i) || !(eligible(f) || bare) || is_threshold(doc, f) {
            continue;
        }
        let Some((p, _, word)) = ps.member(doc, i) else { continue };
        let Partition { counts_only, lone_members, .. } = ps.parts[p];
        if !lone_members {
            continue;
        }
        let Some(s) = sentence(doc, f) else { continue };
        let r = &doc.sentences[s].norm;
        let (a, z) = (
            doc.figures.partition_point(|g| g.norm.start < r.start),
            doc.figures.partition_point(|g| g.norm.start < r.end),
        );
        let wholes: Vec<usize> = (a..z)
            .filter(|&j| j != i)
            .filter(|&j| {
                let t = &doc.figures[j];
                let kind = if bare { matches!(t.kind, FigureKind::Count { .. }) } else { same_kind(doc, f, t) };
                eligible(t)
                    && kind
                    && (!counts_only || matches!(t.kind, FigureKind::Count { .. }))
                    && same_period(doc, f, t)
                    && !is_threshold(doc, t)
                    && ps.whole(doc, j, p)
            })
            .collect();
        if let [total] = wholes[..] {
            found.push(Breakdown {
                total,
                parts: vec![i],
                closed: false,
                shape: Shape::Partition,
                marker: word,
                doubt: None,
            });
        }
    }
    out.extend(found);
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
    let Partition { members, counts_only, rates_only, .. } = ps.parts[p];
    if rates_only || counts_only && !matches!(f.kind, FigureKind::Count { .. }) {
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
        let rates = "[rates]\ncomplement-prefixes = []\nper-head = []\nbefore-rate = []\n[rates.spans]\n";
        let one = format!("{rates}[[partition]]\nmembers = [[\"a\"]]\nwholes = []\n");
        assert_eq!(Partitions::from_toml(&one).unwrap_err(), "partition 1 has fewer than two members");
        let two = format!("{rates}[[partition]]\nmembers = [[\"a\"], [\"b\"]]\nwholes = []\n");
        assert!(Partitions::from_toml(&two).is_ok());
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
