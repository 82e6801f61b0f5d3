//! Stated counts and the lists they announce: what `list-count` judges.
//!
//! A [`ListClaim`] is one stated count and one list the paper gives as its items: where the list
//! is, the items as read, how many items its text can be read as holding (`fewest` to `most`:
//! `technology and innovation` may be one item or two), whether it may name only some of them
//! (`包括`, `including`, `such as`, `among them`, a closing `等` or `etc.` after the count), and
//! how sure the reading is. A reading in doubt — items found unclearly, a list that runs to the
//! end of an excerpt, two lists either of which could be the one announced — carries its reason
//! and is never judged.
//!
//! Shapes read, in Chinese (both scripts) and English:
//!
//! - **after** the count in its sentence, behind an intro word: `三大支柱…分別是「…」、「…」和「…」`,
//!   `6 個城市 (即倫敦、…及香港)`, `即A；B；C；以及D`, `three key components (that is, A, B and C)`,
//!   `five new members: Mr A, …`, `兩名新任委員為A和B`, `the four schemes are A, B, C, and D`;
//! - **before** it, in Chinese: `推廣、規管、支援措施、人才及資金五方面`, `A、B 及 C 等 3 人` (a
//!   count after `等` closes the list exactly), `總路線、大躍進和人民公社這三面紅旗`;
//! - **items** after the count's sentence: labelled (`(a)`, `(i)`, `（一）`, `①`, `一、`) on lines
//!   of their own or inline (`四大因素：(一)…；(二)…；及(四)…`), bullets (`•`, `-`, `─`, PDF's `â¢`),
//!   ordinal words (`一是…二是`, `第一…第二`, `首先…其次`, `first, … second, …`), or short lines
//!   (names one per line, perhaps with an amount);
//! - the **next sentence**, when it names the counted thing again: `委任六名新成員。新成員為…`.
//!
//! `、`, commas or semicolons separate items; `和`, `及`, `and` join the last. A joining word that
//! may as well be inside an item (`與`, `or`, the `及` of `食物及衞生局`) widens `fewest`…`most`
//! rather than deciding; an `and` inside an English organisation's name (`the Food and Health
//! Bureau`) or between two titled names is read as the name says.
//!
//! The words are data, per language, in the `[lists]` tables of `rules/parts.toml`.

use std::ops::Range;

use num_traits::ToPrimitive;
use serde::Deserialize;

use crate::claims::parts::{en_head, han_after, norm_span, words};
use crate::claims::support::WordList;
use crate::document::{Block, BlockKind, Document, Figure, FigureKind, LabelStyle};
use crate::parse::chars::is_han;
use crate::parse::structure::{circled_value, cn_value, roman_value};
use crate::source::Span;

// ---------------------------------------------------------------------------------------------
// Vocabulary

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawListWords {
    bullets: Vec<String>,
    zh: RawLang,
    en: RawLang,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLang {
    complete_intros: Vec<String>,
    partial_intros: Vec<String>,
    name_intros: Vec<String>,
    connectors: Vec<String>,
    weak_connectors: Vec<String>,
    not_words: Vec<String>,
    etc: Vec<String>,
    between: Vec<String>,
    references: Vec<String>,
    clause_ends: Vec<String>,
    clause_words: Vec<String>,
    units: Vec<String>,
    titles: Vec<String>,
    organisations: Vec<String>,
    ordinals: Vec<Vec<String>>,
    ordinals_before: Vec<Vec<String>>,
    sequences: Vec<Vec<String>>,
    ordinal_followers: Vec<String>,
    last_ordinals: Vec<String>,
    respectively: Vec<String>,
    places: Vec<String>,
    lead_ins: Vec<String>,
}

/// One language's list words.
#[derive(Debug)]
pub struct Lang {
    complete: WordList,
    partial: WordList,
    names: WordList,
    connectors: WordList,
    weak: WordList,
    /// Words that hold a joining or intro word without being one (`及其`, `即使`).
    not_words: WordList,
    etc: WordList,
    between: WordList,
    /// Words before a count that point it elsewhere (`該`, `前`, `these`).
    references: WordList,
    /// Words that make an item a clause (`…虫害有`, `都`).
    clause_ends: WordList,
    clause_words: WordList,
    /// Classifiers and nouns of measures, which never count a list's items.
    units: Vec<String>,
    titles: Vec<String>,
    organisations: Vec<String>,
    /// Ordinal series, each with whether its words need a follower (`第一，` but not `第一次`)
    /// and whether a last-ordinal (`最後`) may end it.
    series: Vec<Series>,
    followers: WordList,
    last_ordinals: WordList,
    /// `分別`, `respectively`: one figure for each item of a list.
    respectively: WordList,
    /// Places and economies: two joined by a joining word are two items.
    places: WordList,
    /// Words that open a phrase before a list (`In 2019, …`).
    lead_ins: WordList,
    chinese: bool,
}

impl Lang {
    fn new(r: RawLang, chinese: bool) -> Self {
        let series = r
            .ordinals
            .into_iter()
            .map(|words| Series { words, needs: false, sequence: false })
            .chain(r.ordinals_before.into_iter().map(|words| Series { words, needs: true, sequence: false }))
            .chain(r.sequences.into_iter().map(|words| Series { words, needs: true, sequence: true }))
            .collect();
        Lang {
            complete: WordList::new(r.complete_intros),
            partial: WordList::new(r.partial_intros),
            names: WordList::new(r.name_intros),
            connectors: WordList::new(r.connectors),
            weak: WordList::new(r.weak_connectors),
            not_words: WordList::new(r.not_words),
            etc: WordList::new(r.etc),
            between: WordList::new(r.between),
            references: WordList::new(r.references),
            clause_ends: WordList::new(r.clause_ends),
            clause_words: WordList::new(r.clause_words),
            units: r.units,
            titles: r.titles,
            organisations: r.organisations,
            series,
            followers: WordList::new(r.ordinal_followers),
            last_ordinals: WordList::new(r.last_ordinals),
            respectively: WordList::new(r.respectively),
            places: WordList::new(r.places),
            lead_ins: WordList::new(r.lead_ins),
            chinese,
        }
    }
}

/// A series of ordinal words (`第一`, `第二`, …).
#[derive(Debug)]
struct Series {
    words: Vec<String>,
    /// Each word opens an item only before a follower (`第一，`, not `第一次`).
    needs: bool,
    /// A last-ordinal (`最後`) may open its last item (`首先…其次…最後`).
    sequence: bool,
}

/// The places and economies a text names (`大陸`, `香港`: `rules/parts.toml` `places`), each once.
pub(crate) fn places_in(text: &str) -> std::collections::BTreeSet<&str> {
    let w = &words().lists;
    [&w.zh, &w.en].iter().flat_map(|l| l.places.find_all(text)).map(|r| &text[r]).collect()
}

/// The length of the place or economy a text opens with (`臺灣出口` → `臺灣`), if it opens with one.
pub(crate) fn place_opening(text: &str) -> Option<usize> {
    words().lists.zh.places.at(text, 0)
}

/// The `[lists]` words of `rules/parts.toml`.
#[derive(Debug)]
pub struct ListWords {
    bullets: Vec<String>,
    pub zh: Lang,
    pub en: Lang,
}

impl ListWords {
    pub(crate) fn new(r: RawListWords) -> Self {
        ListWords { bullets: r.bullets, zh: Lang::new(r.zh, true), en: Lang::new(r.en, false) }
    }
    /// The words for a list's text: Chinese when it has any Han or Chinese list punctuation.
    fn lang_of(&self, text: &str) -> &Lang {
        if text.chars().any(|c| is_han(c) || "、「」『』，；：".contains(c)) { &self.zh } else { &self.en }
    }
    /// Bullets inside a paragraph after the first (`- a;- b; and- c.`): where each starts.
    fn inline_bullets(&self, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, c) in text.char_indices().skip(1) {
            if !matches!(c, ';' | '；') {
                continue;
            }
            let after = &text[i + c.len_utf8()..];
            let t = after.trim_start();
            let t = t.strip_prefix("and").or_else(|| t.strip_prefix("及")).unwrap_or(t);
            let t = t.trim_start();
            let at = text.len() - t.len();
            if self.bullet(t).is_some() {
                out.push(at);
            }
        }
        out
    }

    /// The bullet a block's text starts with, and where the item's text starts.
    fn bullet(&self, text: &str) -> Option<usize> {
        let t = text.trim_start();
        let lead = text.len() - t.len();
        self.bullets.iter().filter(|b| t.starts_with(b.as_str())).max_by_key(|b| b.len()).and_then(|b| {
            let after = &t[b.len()..];
            // `-` and `*` are bullets only before a space (`-5%` is a number, `*` a note mark).
            let spaced = after.starts_with([' ', '\t', '\u{3000}']);
            (spaced || !b.is_ascii()).then(|| lead + b.len() + (after.len() - after.trim_start().len()))
        })
    }
}

// ---------------------------------------------------------------------------------------------
// The claim

/// Where a list stands against its count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// In the count's sentence, behind an intro word.
    After,
    /// Straight before the count (Chinese).
    Before,
    /// Labelled, bulleted or ordinal items, or lines, after the count's sentence.
    Items,
    /// In the next sentence, which names the counted thing again.
    NextSentence,
    /// The items a list of figures is given to, one each (`分別`, `respectively`): the figures
    /// are the count.
    Respectively,
}

/// How sure a reading is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confidence {
    Read,
    /// Recognised, but not read clearly enough to judge; the reason, in words.
    Doubt(String),
}

/// One item of a list as read.
#[derive(Debug, Clone)]
pub struct ListedItem {
    pub text: String,
    pub span: Span,
}

/// A stated count and one list the paper gives as its items.
#[derive(Debug, Clone)]
pub struct ListClaim {
    /// The stated count, by index into [`Document::figures`] (for [`Shape::Respectively`], the
    /// first of the figures).
    pub count: usize,
    pub stated: u32,
    /// The figures that state the count: the count itself, or the figures given one to each
    /// item.
    pub figures: Vec<usize>,
    pub shape: Shape,
    /// How the list was found, for messages: "after `分別是`", "before it", "in the items (a) …
    /// that follow".
    pub how: String,
    pub items: Vec<ListedItem>,
    /// Where the list is, as a whole.
    pub span: Span,
    /// Whether `items` are labels, bullets or ordinal words (each worth pointing at).
    pub marked: bool,
    /// The fewest and most items the text can be read as holding.
    pub fewest: u32,
    pub most: u32,
    /// The list may name only some items (`包括`, `including`, `等`, `etc.`): only more than the
    /// count is wrong.
    pub open: bool,
    pub confidence: Confidence,
}

impl ListClaim {
    /// Could the list hold `n` items?
    pub fn allows(&self, n: u32) -> bool {
        self.fewest <= n && (self.open || n <= self.most)
    }
    /// The number listed, in words: `5`, `3 to 4`, `at least 3`.
    pub fn listed(&self) -> String {
        match (self.open, self.fewest == self.most) {
            (true, _) => format!("at least {}", self.fewest),
            (false, true) => format!("{}", self.fewest),
            (false, false) => format!("{} to {}", self.fewest, self.most),
        }
    }
    pub fn is_read(&self) -> bool {
        self.confidence == Confidence::Read
    }
}

/// Every list claim of the paper, in order of their counts (read once per document, by
/// [`crate::claims::Claims::lists`]).
/// How many bytes after a count its list's opening words are looked for in (twelve Chinese
/// characters or seven English words, with room to spare).
const INTRO_REACH: usize = 240;

/// The first `n` bytes of `s` (fewer, to end on a character).
fn near(s: &str, n: usize) -> &str {
    &s[..crate::source::floor_char_boundary(s, n.min(s.len()))]
}

pub(crate) fn read_lists(doc: &Document) -> Vec<ListClaim> {
    let w = &words().lists;
    let mut out = Vec::new();
    for i in 0..doc.figures.len() {
        let Some(stated) = stated_count(w, doc, i) else { continue };
        let cx = Cx { doc, w, i, stated };
        // `這 3項指控。首先…`, `該 3種`: a count that points back or elsewhere announces no
        // ordinals or next sentence; a list it introduces itself (`These five sectors are: …`)
        // is still its own.
        let refers = cx.refers();
        let after: Vec<ListClaim> = [
            Some(cx.after_intro()),
            Some(cx.inline_labels()),
            (!refers).then(|| cx.ordinals()),
            Some(cx.labelled_items()),
            Some(cx.bullets()),
            Some(cx.lines()),
            (!refers).then(|| cx.next_sentence()),
        ]
        .into_iter()
        .flatten()
        .flatten()
        .collect();
        // Two readings after the count that disagree: either could be the list announced.
        let sure: Vec<&ListClaim> = after.iter().filter(|c| c.is_read()).collect();
        let disagree =
            sure.windows(2).any(|p| (p[0].fewest, p[0].most, p[0].open) != (p[1].fewest, p[1].most, p[1].open));
        let mut mine: Vec<ListClaim> = match (disagree, sure.first()) {
            (true, Some(first)) => {
                let mut c = (*first).clone();
                let hows: Vec<&str> = sure.iter().map(|c| c.how.as_str()).collect();
                c.confidence = Confidence::Doubt(format!("two lists could be the one announced ({})", hows.join("; ")));
                vec![c]
            }
            (false, Some(first)) => vec![(*first).clone()],
            (_, None) => after.into_iter().take(1).collect(),
        };
        if let Some(c) = cx.before() {
            mine.push(c);
        }
        out.extend(mine);
    }
    out.extend(read_respectively(doc, w));
    // Stable: a count's own claims stay in the order above.
    out.sort_by_key(|c| c.count);
    out
}

/// `美國、英國及中國大陸的出口貨量分別跌16.3%、13.4%及6.6%`, `exports to A, B and C rose 3%, 2%
/// and 1% respectively`: figures given one to each item of the list before them. The number of
/// figures is the count the list must fit. The last joining word of the list may be inside a
/// category's name (`生活用品及服务`, `food and beverages`), so the list may read one item short.
fn read_respectively(doc: &Document, w: &ListWords) -> Vec<ListClaim> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        // The figures given to the items are the sentence's own: a sentence without a figure
        // is not searched for the word.
        let k = doc.figures.partition_point(|f| f.norm.start < s.norm.start);
        if doc.figures.get(k).is_none_or(|f| f.norm.start >= s.norm.end) {
            continue;
        }
        let text = doc.norm_text(&s.norm);
        for lang in [&w.zh, &w.en] {
            for m in unmasked(lang, &lang.respectively, text) {
                let at = s.norm.start + m.start;
                let claim = if lang.chinese {
                    zh_respectively(doc, w, &s.norm, at, m.len())
                } else {
                    en_respectively(doc, w, &s.norm, at, m.len())
                };
                out.extend(claim);
            }
        }
    }
    out
}

/// `分別跌16.3%、13.4%及6.6%`: the figures after the word, and the list in the clause before it.
fn zh_respectively(doc: &Document, w: &ListWords, s: &Range<usize>, at: usize, len: usize) -> Option<ListClaim> {
    let after = at + len;
    let k = doc.figures.partition_point(|f| f.norm.start < after);
    let first = doc.figures.get(k).filter(|f| f.norm.end <= s.end)?;
    let gap = doc.norm.text.get(after..first.norm.start)?;
    let (han, words) = size(gap);
    // `各年減…`: a one-character word stands right by its figures.
    let near = if len <= 3 { 3 } else { 8 };
    if han > near || words > 3 || gap.contains(|c: char| "，。；：,;:".contains(c)) {
        return None;
    }
    let run = figure_run(doc, &w.zh, k, s.end)?;
    // One figure is given to all (`各增3%`), or is the one figure the parser read of several.
    if run.len() < 2 {
        return None;
    }
    // The clause before the word (with the one before it when it opens with a joining word:
    // `…6個月，以及12個月分別為`), or the clause before that when it holds no list
    // (`…出口,八月各…`).
    let pre = doc.norm.text.get(s.start..at)?.trim_end().trim_end_matches(['，', ',', ' ']);
    let mut clauses = split_top(pre, &['，', ',', '；', ';', '：', ':']);
    let mut k = clauses.len();
    while k > 1 && leading_join(&w.zh, &pre[clauses[k - 1].clone()]).is_some() {
        let joined = clauses[k - 2].start..clauses[k - 1].end;
        clauses.truncate(k - 2);
        clauses.push(joined);
        k -= 1;
    }
    let listed = |r: &Range<usize>| {
        let t = &pre[r.clone()];
        t.contains('、') || !joins_in(&w.zh, t, &w.zh.connectors).0.is_empty()
    };
    // A clause that ends with a figure is a statement of its own (`…下跌24.2%及22%,`).
    let ends_with_figure = |r: &Range<usize>| {
        let e = s.start + r.end;
        doc.figures.get(doc.figures.partition_point(|f| f.norm.end < e)).is_some_and(|f| f.norm.end == e)
    };
    let last = clauses.len().checked_sub(1)?;
    let cand = if listed(&clauses[last]) {
        last
    } else if last > 0 && listed(&clauses[last - 1]) && !ends_with_figure(&clauses[last - 1]) {
        last - 1
    } else {
        return None;
    };
    let r = clauses[cand].clone();
    let word = doc.norm.text.get(at..after).unwrap_or("");
    let how = format!("before `{word}`");
    let mut read = read_zh(&w.zh, &pre[r.clone()])?;
    if read.split_last && places_joined(&w.zh, &pre[r.clone()], &read) {
        read.split_last = false;
    }
    let mut c = respectively_claim(doc, run, s.start + r.start, read, how);
    // `2010-2011年度、…及2012-2013年度，經…設於大坑東及上環的蓄洪池分別…`: the figures may be
    // given to either list.
    if clauses[..cand].iter().rev().take_while(|r| !ends_with_figure(r)).any(listed) {
        c.confidence = Confidence::Doubt("two lists before it could be the one the figures are given to".to_owned());
    }
    Some(c)
}

/// `美國、英國及中國大陸…分別`: is the joining word before the last item a list's, not a name's
/// (`生活用品及服务`)? It is when the two items it joins are places: two places are never one
/// item.
fn places_joined(lang: &Lang, text: &str, read: &Read) -> bool {
    let [.., b, c] = read.items.as_slice() else { return false };
    // The item's name, without what the clause says of it (`中國大陸的出口貨量`).
    let name = |r: &Range<usize>| {
        let t = &text[r.clone()];
        t.split(['的', '之']).next().unwrap_or(t).trim()
    };
    let (nb, nc) = (name(b), name(c));
    lang.places.ends(nb).is_some() && lang.places.ends(nc) == Some(0)
}

/// `rose 3%, 2% and 1% respectively`: the figures before the word, and the list before them.
fn en_respectively(doc: &Document, w: &ListWords, s: &Range<usize>, at: usize, len: usize) -> Option<ListClaim> {
    let k = doc.figures.partition_point(|f| f.norm.end <= at).checked_sub(1)?;
    let last = &doc.figures[k];
    let gap = doc.norm.text.get(last.norm.end..at)?;
    if last.norm.start < s.start || !gap.trim_matches([' ', ',']).is_empty() {
        return None;
    }
    // Back to the first figure of the run.
    let mut first = k;
    while first > 0 && figure_run(doc, &w.en, first - 1, at).is_some_and(|r| r.last() == Some(&k)) {
        first -= 1;
    }
    let run = figure_run(doc, &w.en, first, at).filter(|r| r.len() >= 2)?;
    let pre = doc.norm.text.get(s.start..doc.figures[first].norm.start)?;
    // The clause before the figures, without a phrase that opens it (`In 2019, …`).
    let clause = split_top(pre, &[';', ':']).pop()?;
    let mut start = clause.start;
    let t = &pre[clause.clone()];
    if w.en.lead_ins.at(t, 0).is_some()
        && let Some(comma) = split_top(t, &[',']).first().map(|r| r.end)
    {
        start += comma + 1;
    }
    let list = pre.get(start..clause.end)?;
    let read = read_en(&w.en, list, false)?;
    let word = doc.norm.text.get(at..at + len).unwrap_or("");
    Some(respectively_claim(doc, run, s.start + start, read, format!("before the figures given `{word}`")))
}

/// The figures from `k` on that are joined by list words only (`16.3%、13.4%及6.6%`, `3%, 2% and
/// 1%`), all of one kind, before `end`. A joining word before the last figure
/// (`3.5%和2.8%、4.1%和3.9%`) makes pairs, not a list: none.
fn figure_run(doc: &Document, lang: &Lang, k: usize, end: usize) -> Option<Vec<usize>> {
    let mut run = vec![k];
    let mut joined = false;
    while let Some(next) = doc.figures.get(run[run.len() - 1] + 1).filter(|f| f.norm.end <= end) {
        let prev = &doc.figures[run[run.len() - 1]];
        if std::mem::discriminant(&prev.kind) != std::mem::discriminant(&next.kind) {
            break;
        }
        let gap = doc.norm.text.get(prev.norm.end..next.norm.start)?.trim();
        let gap = gap.strip_prefix(',').map_or(gap, str::trim);
        if gap.is_empty() || gap == "、" {
            if joined {
                return None;
            }
        } else if lang.connectors.at(gap, 0) == Some(gap.len()) || lang.weak.at(gap, 0) == Some(gap.len()) {
            if joined {
                return None;
            }
            joined = true;
        } else {
            // A figure the parser read only in part (`百分之十二點七`) leaves a numeral behind.
            if gap.contains(|c: char| c.is_ascii_digit() || "點点一二三四五六七八九十".contains(c)) {
                return None;
            }
            break;
        }
        run.push(run[run.len() - 1] + 1);
    }
    // The list goes on past what was read as figures (`百分之十二點七`, `1 809、 1 432`).
    let last = &doc.figures[run[run.len() - 1]];
    let after = doc.norm.text.get(last.norm.end..end).unwrap_or("").trim_start();
    let joined_on = lang.connectors.at(after, 0).or_else(|| lang.weak.at(after, 0)).map(|l| after[l..].trim_start());
    let numeral = |t: &str| t.starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十百".contains(c));
    if after.starts_with(['點', '点', '、']) || joined_on.is_some_and(numeral) {
        return None;
    }
    Some(run)
}

fn respectively_claim(doc: &Document, run: Vec<usize>, base: usize, mut read: Read, how: String) -> ListClaim {
    if read.split_last {
        read.fewest -= 1;
    }
    let item = |r: &Range<usize>| ListedItem {
        text: doc.norm.text.get(base + r.start..base + r.end).unwrap_or("").to_owned(),
        span: norm_span(doc, base + r.start..base + r.end),
    };
    let items: Vec<ListedItem> = read.items.iter().map(item).collect();
    let span = match (items.first(), items.last()) {
        (Some(a), Some(b)) => a.span.cover(b.span),
        _ => doc.figures[run[0]].span,
    };
    let confidence = if read.most >= read.fewest + 2 {
        Confidence::Doubt(format!("the list reads as {} to {} items", read.fewest, read.most))
    } else {
        Confidence::Read
    };
    ListClaim {
        count: run[0],
        stated: run.len() as u32,
        figures: run,
        shape: Shape::Respectively,
        how,
        items,
        span,
        marked: false,
        fewest: read.fewest,
        most: read.most,
        open: read.etc,
        confidence,
    }
}

/// A figure that states a number of things: a whole count from 2 to 99, not approximate, not
/// the end of a range (`一至兩個`), not in a table row.
fn stated_count(w: &ListWords, doc: &Document, i: usize) -> Option<u32> {
    let f = &doc.figures[i];
    let FigureKind::Count { classifier } = &f.kind else { return None };
    if f.qualifier.is_some() || !f.value.is_integer() {
        return None;
    }
    let lang = if classifier.is_ascii() { &w.en } else { &w.zh };
    if lang.units.iter().any(|u| u.eq_ignore_ascii_case(classifier)) {
        return None;
    }
    let n = f.value.to_integer().to_u32().filter(|n| (2..=99).contains(n))?;
    let before = doc.norm.text.get(..f.norm.start)?.trim_end();
    // The upper end of a range (`一至兩個`, `2-3 個`, `two or three`), or a rate (`每3個`).
    let numeral = |s: &str| {
        let s = s.trim_end();
        s.ends_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十两兩".contains(c))
            || ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
                .iter()
                .any(|w| s.get(s.len().saturating_sub(w.len())..).is_some_and(|t| t.eq_ignore_ascii_case(w)))
    };
    let range = ["至", "到", "或", "~", "～", "-", "–", "—", " to", " or"]
        .iter()
        .any(|w| before.strip_suffix(w).is_some_and(numeral));
    if range || before.ends_with('每') {
        return None;
    }
    let b = doc.block_at(f.norm.start)?;
    (doc.blocks[b].kind != BlockKind::TableRow).then_some(n)
}

// ---------------------------------------------------------------------------------------------
// Reading a list's text

/// Brackets and quotes whose content is one item.
fn depth_change(c: char) -> i32 {
    match c {
        '「' | '『' | '“' | '(' | '（' | '《' | '〈' | '[' | '【' => 1,
        '」' | '』' | '”' | ')' | '）' | '》' | '〉' | ']' | '】' => -1,
        _ => 0,
    }
}

/// The depth of brackets and quotes at each byte of `text`.
fn depths(text: &str) -> Vec<i32> {
    let mut out = Vec::with_capacity(text.len());
    let mut depth = 0i32;
    for c in text.chars() {
        for _ in 0..c.len_utf8() {
            out.push(depth);
        }
        depth = (depth + depth_change(c)).max(0);
    }
    out
}

/// The pieces of `text` between separators outside brackets and quotes, trimmed.
fn split_top(text: &str, seps: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in text.char_indices() {
        depth = (depth + depth_change(c)).max(0);
        if depth == 0 && seps.contains(&c) {
            out.push(trim(text, start..i));
            start = i + c.len_utf8();
        }
    }
    out.push(trim(text, start..text.len()));
    out
}

/// `r` without the whitespace at either end.
fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = text.get(r.clone()).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    r.start + lead..r.start + lead + t.len()
}

/// The first of `ends` outside brackets and quotes, or a closing bracket that closes one opened
/// before the text.
fn end_top(text: &str, ends: &[char], in_paren: bool) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        let d = depth_change(c);
        if d < 0 && depth == 0 && in_paren {
            return Some(i);
        }
        depth = (depth + d).max(0);
        if depth == 0 && ends.contains(&c) {
            return Some(i);
        }
    }
    None
}

/// The words of `list` in `text`, skipping words that only look like one (`和平`, `及其`, `即使`):
/// one that a longer word covers from its start or from before it.
fn unmasked(lang: &Lang, list: &WordList, text: &str) -> Vec<Range<usize>> {
    let found = list.find_all(text);
    if found.is_empty() {
        return found;
    }
    without_masked(found, &masks(lang, text))
}

/// The longer words in `text` that may cover a joining or intro word ([`unmasked`]).
fn masks(lang: &Lang, text: &str) -> Vec<Range<usize>> {
    let [mut masked, not_words] = WordList::find_all_each([words().not_connectors.list(), &lang.not_words], text);
    masked.extend(not_words);
    masked
}

/// The words `found` that none of `masked` covers from its start or from before it.
fn without_masked(found: Vec<Range<usize>>, masked: &[Range<usize>]) -> Vec<Range<usize>> {
    found
        .into_iter()
        .filter(|r| {
            !masked.iter().any(|m| m.start <= r.start && r.start < m.end && (m.start < r.start || m.end >= r.end))
        })
        .collect()
}

/// The joining words of `list` in `text` outside brackets and quotes, not at its very start;
/// and how many more are covered by a longer word (`遲緩和` reads as `遲緩` + `和` or as `緩和`).
fn joins_in(lang: &Lang, text: &str, list: &WordList) -> (Vec<Range<usize>>, usize) {
    let d = depths(text);
    let top = |r: &Range<usize>| r.start > 0 && d.get(r.start).copied().unwrap_or(0) == 0;
    let sure: Vec<Range<usize>> = unmasked(lang, list, text).into_iter().filter(top).collect();
    // A longer word that starts with the joining word (`和平`) rules it out; one that ends in it
    // (`遲緩和`, read as `緩和`) may be the longer word or the word before it.
    let masks = masks(lang, text);
    let masked = list
        .find_all(text)
        .into_iter()
        .filter(top)
        .filter(|r| !sure.contains(r))
        .filter(|r| masks.iter().any(|m| m.start < r.start && r.start < m.end))
        .count();
    (sure, masked)
}

/// Does a list use `；` to separate its items? Only when the first of them holds no `、` and no
/// comma (it is an item, not a list or a sentence of its own); otherwise the `；` ends the list.
fn semicolon_list(text: &str) -> bool {
    let parts = split_top(text, &['；', ';']);
    parts.len() > 1 && parts.first().is_some_and(|r| split_top(&text[r.clone()], &['、', '，', ',']).len() == 1)
}

/// Does `s` start with a joining word (`及C`, `and C`)? Where the rest starts.
fn leading_join(lang: &Lang, s: &str) -> Option<usize> {
    let t = s.trim_start();
    let lead = s.len() - t.len();
    let l = lang.connectors.at(t, 0).or_else(|| lang.weak.at(t, 0))?;
    // `和平` is not `和` + `平`.
    let longer = |m: Option<&Range<usize>>| m.is_some_and(|m| m.start == 0 && m.end > l);
    if longer(words().not_connectors.find_all(t).first()) || lang.not_words.at(t, 0).is_some_and(|m| m > l) {
        return None;
    }
    Some(lead + l + (t[l..].len() - t[l..].trim_start().len()))
}

/// Does a name end with an organisation's head word or a title (`食物及衞生局`, `陳大文博士`,
/// `the Education Bureau`)?
fn ends_with_head(lang: &Lang, s: &str) -> bool {
    let t = s.trim().trim_end_matches(['」', '”', ')', '）']);
    if lang.chinese {
        lang.organisations.iter().chain(&lang.titles).any(|h| t.ends_with(h.as_str()))
    } else {
        let last = t.rsplit(' ').next().unwrap_or("");
        lang.organisations.iter().any(|h| h == last)
    }
}

/// Is `s` a capitalised English name (`the Food`, `Labour`)?
fn capitalised(s: &str) -> bool {
    let t = s.trim();
    let t = t.strip_prefix("the ").or_else(|| t.strip_prefix("The ")).unwrap_or(t);
    t.starts_with(|c: char| c.is_uppercase())
}

/// Is the joining word between `left` and `right` inside one name? English: both sides
/// capitalised and the right side ends with an organisation's head (`Food and Health Bureau`):
/// certainly. Chinese: the right side ends with a head and the left does not (`食物及衞生局`):
/// perhaps (`None`).
fn inside_name(lang: &Lang, left: &str, right: &str) -> Option<bool> {
    if lang.chinese {
        return if ends_with_head(lang, right) && !ends_with_head(lang, left) { None } else { Some(false) };
    }
    let right_name = capitalised(right) && ends_with_head(lang, right) && !titled(lang, right);
    Some(capitalised(left) && !ends_with_head(lang, left) && right_name)
}

/// Does the item start with a title and a capitalised name (`Mr Aaron Bok`, `Dr. Lee`)?
fn titled(lang: &Lang, seg: &str) -> bool {
    let s = seg.trim_start();
    let s = leading_join(lang, s).map_or(s, |l| &s[l..]);
    lang.titles.iter().any(|t| {
        s.strip_prefix(t.as_str())
            .and_then(|r| r.strip_prefix(['.', ' ']))
            .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_uppercase()))
    })
}

/// Post-nominal letters after a name (`JP`, `SBS, JP`): not an item of their own.
fn post_nominal(seg: &str) -> bool {
    let tokens: Vec<&str> = seg.split_whitespace().collect();
    (1..=3).contains(&tokens.len())
        && tokens.iter().all(|t| t.len() <= 5 && t.chars().all(|c| c.is_ascii_uppercase() || c == '.'))
}

/// What a list's text holds.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Read {
    /// The items as shown (ranges of the text read).
    items: Vec<Range<usize>>,
    fewest: u32,
    most: u32,
    /// The list ends with `等`, `etc.`.
    etc: bool,
    /// A joining word or a separator closes the list (`…及C`, `；以及D`), rather than the text
    /// simply running into what follows.
    closed: bool,
    /// The last item was split from the one before at a joining word inside their segment
    /// (`生活用品及服务`): that word might have been inside one item.
    split_last: bool,
}

/// The text without closing punctuation, and whether it ends with `等`/`etc.`.
fn strip_end<'t>(lang: &Lang, text: &'t str) -> (&'t str, bool) {
    // An ellipsis (`零數據、零法例 ......`) is read before the full stops around it are dropped.
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || "。，,；;：:".contains(c));
    let k = lang.etc.ends(t).or_else(|| {
        let u = t.trim_end_matches(|c: char| c.is_whitespace() || c == '.');
        lang.etc.ends(u)
    });
    match k {
        Some(k) => (t[..k].trim_end_matches(|c: char| c.is_whitespace() || "，,".contains(c)), true),
        None => (t.trim_end_matches(|c: char| c.is_whitespace() || c == '.'), false),
    }
}

/// A Chinese list: items separated by `、` (or by `；` when it has them), the last joined by a
/// joining word; quoted items (`「…」、「…」`) and a list of two or more without a joining word
/// (`包括A、B、C`) are read as written.
fn read_zh(lang: &Lang, text: &str) -> Option<Read> {
    let (body, etc) = strip_end(lang, text);
    if body.is_empty() {
        return None;
    }
    if semicolon_list(body) {
        let mut segs = split_top(body, &['；', ';']);
        if segs.iter().any(|r| r.is_empty()) {
            return None;
        }
        let k = segs.len() - 1;
        let last = segs[k].clone();
        segs[k] = last.start + leading_join(lang, &body[last.clone()]).unwrap_or(0)..last.end;
        // `…；B，以及C`: a comma and a joining word add the last item.
        if let Some(&(comma, join)) = comma_joins(lang, &body[segs[k].clone()]).first() {
            let l = segs[k].clone();
            segs[k] = trim(body, l.start..l.start + comma);
            segs.push(trim(body, l.start + join..l.end));
        }
        let n = segs.len() as u32;
        return (n >= 2).then_some(Read { items: segs, fewest: n, most: n, etc, closed: true, split_last: false });
    }
    // `A、B，以及C`: a comma before a joining word separates items too. When the list also uses
    // `、`, the commas may separate groups of items instead: it reads as the groups or as every
    // item.
    let commas = comma_joins(lang, body);
    if !commas.is_empty() {
        let mut groups = Vec::new();
        let mut from = 0;
        for &(comma, join) in &commas {
            groups.push(trim(body, from..comma));
            from = join;
        }
        groups.push(trim(body, from..body.len()));
        let mut items = Vec::new();
        for g in &groups {
            items.extend(split_top(&body[g.clone()], &['、']).into_iter().map(|r| g.start + r.start..g.start + r.end));
        }
        if items.iter().any(|r| r.is_empty()) {
            return None;
        }
        return Some(Read {
            fewest: groups.len() as u32,
            most: items.len() as u32,
            items,
            etc,
            closed: true,
            split_last: false,
        });
    }
    let mut segs = split_top(body, &['、']);
    if segs.iter().any(|r| r.is_empty()) {
        return None;
    }
    let n = segs.len() as u32;
    let last = segs[segs.len() - 1].clone();
    let last_text = &body[last.clone()];
    if let Some(l) = leading_join(lang, last_text) {
        // `、及C`: the joining word opens the last item.
        let k = segs.len() - 1;
        segs[k] = last.start + l..last.end;
        return (n >= 2 && !segs[k].is_empty()).then_some(Read {
            items: segs,
            fewest: n,
            most: n,
            etc,
            closed: true,
            split_last: false,
        });
    }
    let (strong, masked) = joins_in(lang, last_text, &lang.connectors);
    let (weak, weak_masked) = joins_in(lang, last_text, &lang.weak);
    // A joining word before the last part of a name may be inside it (`食物及衞生局`).
    let (mut sure, mut maybe) = (Vec::new(), (weak.len() + masked + weak_masked) as u32);
    for (k, r) in strong.iter().enumerate() {
        let left_start = if k == 0 { 0 } else { strong[k - 1].end };
        let right_end = strong.get(k + 1).map_or(last_text.len(), |x| x.start);
        match inside_name(lang, &last_text[left_start..r.start], &last_text[r.end..right_end]) {
            Some(false) => sure.push(r.clone()),
            Some(true) => {}
            None => maybe += 1,
        }
    }
    // When every item, split at the sure joining words, is an organisation or a titled name
    // (`教育局、食物及衞生局和勞工及福利局`), the other joining words are inside names.
    if !sure.is_empty() && maybe > 0 && weak.is_empty() && masked + weak_masked == 0 {
        let mut pieces: Vec<&str> = segs[..segs.len() - 1].iter().map(|r| &body[r.clone()]).collect();
        let mut from = 0;
        for r in &sure {
            pieces.push(&last_text[from..r.start]);
            from = r.end;
        }
        pieces.push(&last_text[from..]);
        if pieces.iter().all(|p| ends_with_head(lang, p)) {
            maybe = 0;
        }
    }
    let joined = sure.len() as u32;
    let (fewest, most) = match (n, joined, maybe) {
        (1, 0, 0) => return None,
        // `A和B`, `A與B`: the only joining word joins the two items.
        (1, j, m) => (2, 1 + j + m),
        (_, 0, m) => (n, n + m),
        (_, j, m) => (n + 1, n + j + m),
    };
    let mut items = segs;
    let split = sure.first().or(if n == 1 { strong.first().or(weak.first()) } else { None });
    if let Some(r) = split {
        items.pop();
        items.push(trim(body, last.start..last.start + r.start));
        items.push(trim(body, last.start + r.end..last.end));
    }
    // `議案及6項`: a joining word straight before the count leaves an empty item.
    if items.iter().any(|r| r.is_empty()) {
        return None;
    }
    Some(Read { items, fewest, most, etc, closed: joined > 0, split_last: n >= 2 && joined > 0 })
}

/// Top-level commas followed by a joining word (`，以及`, `, and`): where the comma is and where
/// the next item starts.
fn comma_joins(lang: &Lang, text: &str) -> Vec<(usize, usize)> {
    let d = depths(text);
    text.char_indices()
        .filter(|&(i, c)| matches!(c, '，' | ',') && d.get(i).copied().unwrap_or(0) == 0)
        .filter_map(|(i, c)| {
            let after = &text[i + c.len_utf8()..];
            let t = after.trim_start();
            let l = lang.connectors.at(t, 0)?;
            let start = i + c.len_utf8() + (after.len() - t.len()) + l;
            Some((i, start + (text[start..].len() - text[start..].trim_start().len())))
        })
        .collect()
}

/// An English list: items separated by commas (or by semicolons when it has them), the last
/// joined by `and`; titled names (`Mr A, Professor B, JP, and Dr C`) are counted by their titles,
/// and items that open with ordinals (`first, …; second, …; third, …`) by their ordinals.
fn read_en(lang: &Lang, text: &str, names_only: bool) -> Option<Read> {
    let (body, etc) = strip_end(lang, text);
    let semi = split_top(body, &[';']).len() > 1;
    let segs = split_top(body, if semi { &[';'] } else { &[','] });
    let seg = |r: &Range<usize>| &body[r.clone()];
    if segs.first().is_some_and(|r| titled(lang, seg(r))) {
        let mut items = Vec::new();
        let mut n = 0u32;
        for r in &segs {
            let s = seg(r);
            if titled(lang, s) {
                let start = r.start + leading_join(lang, s).unwrap_or(0);
                // `Mr A and Mr B` in one segment: two names.
                let inner = lang.titles.iter().map(|t| s.matches(&format!(" and {t} ")).count()).sum::<usize>();
                n += 1 + inner as u32;
                items.push(start..r.end);
            } else if !post_nominal(s) {
                break;
            }
        }
        return (n >= 2).then_some(Read { items, fewest: n, most: n, etc, closed: true, split_last: false });
    }
    if names_only && !segs.iter().all(|r| capitalised(&seg(r)[leading_join(lang, seg(r)).unwrap_or(0)..])) {
        return None;
    }
    // `first, …; second, …; and third, …`.
    if semi && segs.len() >= 2 {
        let ordinal = |k: usize, s: &str| {
            let s = &s[leading_join(lang, s).unwrap_or(0)..];
            lang.series.iter().any(|series| series.words.get(k).is_some_and(|o| word_at(s, o).next() == Some(0)))
        };
        if segs.iter().enumerate().all(|(k, r)| ordinal(k, seg(r))) {
            let n = segs.len() as u32;
            return Some(Read { items: segs, fewest: n, most: n, etc, closed: true, split_last: false });
        }
    }
    let joins = |s: &str| -> Vec<Range<usize>> {
        let mut v = joins_in(lang, s, &lang.connectors).0;
        v.extend(joins_in(lang, s, &lang.weak).0);
        v.sort_by_key(|r| r.start);
        v
    };
    // A joining word between two parts of one name is no joining word.
    let real = |s: &str| -> Vec<Range<usize>> {
        let j = joins(s);
        (0..j.len())
            .filter(|&k| {
                let left_start = if k == 0 { 0 } else { j[k - 1].end };
                let right_end = j.get(k + 1).map_or(s.len(), |x| x.start);
                inside_name(lang, &s[left_start..j[k].start], &s[j[k].end..right_end]) != Some(true)
            })
            .map(|k| j[k].clone())
            .collect()
    };
    // The last item starts with a joining word (`, and C`), or shares a segment with the one
    // before it (`B and C`); joining words in earlier items may be inside them.
    let lead = segs.iter().position(|r| leading_join(lang, seg(r)).is_some());
    let (n, last_idx, split) = match lead {
        Some(k) if k > 0 => (k as u32 + 1, k, None),
        _ => {
            let (k, r) = segs.iter().enumerate().find_map(|(k, r)| real(seg(r)).first().map(|j| (k, j.clone())))?;
            (k as u32 + 2, k, Some(r))
        }
    };
    let inner: usize = segs[..last_idx].iter().map(|r| real(seg(r)).len()).sum::<usize>()
        + real(seg(&segs[last_idx])).len().saturating_sub(usize::from(split.is_some()));
    let mut items: Vec<Range<usize>> = segs[..last_idx].to_vec();
    let last = segs[last_idx].clone();
    let split_last = split.is_some() && last_idx > 0;
    match split {
        Some(j) => {
            items.push(trim(body, last.start..last.start + j.start));
            items.push(trim(body, last.start + j.end..last.end));
        }
        None => items.push(last.start + leading_join(lang, seg(&last)).unwrap_or(0)..last.end),
    }
    // An item of more than a few words is a clause, not a name.
    if items.iter().any(|r| size(&body[r.clone()]).1 > 10) {
        return None;
    }
    Some(Read { items, fewest: n, most: n + inner as u32, etc, closed: true, split_last })
}

/// A list's text read in its language.
fn read_list(w: &ListWords, text: &str, names_only: bool) -> Option<Read> {
    let lang = w.lang_of(text);
    if lang.chinese { read_zh(lang, text) } else { read_en(lang, text, names_only) }
}

/// Han characters and English words in a stretch of text: how long a gap is.
fn size(text: &str) -> (usize, usize) {
    let han = text.chars().filter(|c| is_han(*c)).count();
    let words = text.split_whitespace().filter(|t| t.chars().any(|c| c.is_ascii_alphabetic())).count();
    (han, words)
}

// ---------------------------------------------------------------------------------------------
// Reading the lists of one count

/// The words a list may be announced with, and what they say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intro {
    Complete,
    Partial,
    Names,
}

/// One count being read.
struct Cx<'a> {
    doc: &'a Document,
    w: &'a ListWords,
    i: usize,
    stated: u32,
}

impl Cx<'_> {
    fn f(&self) -> &Figure {
        &self.doc.figures[self.i]
    }
    fn text(&self, r: Range<usize>) -> &str {
        self.doc.norm.text.get(r).unwrap_or("")
    }

    /// A claim from a list read at normalised offset `base`.
    fn claim(&self, shape: Shape, how: String, base: usize, read: &Read, open: bool) -> ListClaim {
        let items: Vec<ListedItem> = read
            .items
            .iter()
            .map(|r| ListedItem {
                text: self.text(base + r.start..base + r.end).to_owned(),
                span: norm_span(self.doc, base + r.start..base + r.end),
            })
            .collect();
        let start = read.items.first().map_or(base, |r| base + r.start);
        let end = read.items.last().map_or(base, |r| base + r.end);
        let confidence = if read.most >= read.fewest + 2 {
            Confidence::Doubt(format!("the list reads as {} to {} items", read.fewest, read.most))
        } else {
            Confidence::Read
        };
        ListClaim {
            count: self.i,
            stated: self.stated,
            figures: vec![self.i],
            shape,
            how,
            items,
            span: norm_span(self.doc, start..end),
            marked: false,
            fewest: read.fewest,
            most: read.most,
            open: open || read.etc,
            confidence,
        }
    }

    fn doubt(&self, shape: Shape, how: String, reason: String) -> ListClaim {
        let f = self.f();
        ListClaim {
            count: self.i,
            stated: self.stated,
            figures: vec![self.i],
            shape,
            how,
            items: Vec::new(),
            span: f.span,
            marked: false,
            fewest: 0,
            most: 0,
            open: false,
            confidence: Confidence::Doubt(reason),
        }
    }

    /// Does the text end at `n` with no closing punctuation (an excerpt cut mid-list)?
    fn at_end(&self, n: usize) -> bool {
        let tail = self.doc.norm.text.get(n..).unwrap_or("");
        let before = self.doc.norm.text.get(..n).unwrap_or("").trim_end();
        tail.trim().is_empty() && !before.ends_with(['。', '.', '！', '？', '!', '?', ')', '）', '」'])
    }

    /// Is the count straight after a word that points it elsewhere (`該`, `前`, `these`, `the
    /// top`)? The reference word itself, if so.
    fn reference(&self) -> Option<&str> {
        let f = self.f();
        let before = self.doc.norm.text.get(..f.norm.start)?.trim_end();
        [&self.w.zh, &self.w.en].into_iter().find_map(|lang| lang.references.ends(before).map(|k| &before[k..]))
    }
    fn refers(&self) -> bool {
        self.reference().is_some()
    }

    /// May a list whose last item is block `b` run past the end of the text? When `b` is the
    /// last block, or near the end of a text that stops mid-sentence (an excerpt).
    fn cut_off(&self, b: usize) -> bool {
        let doc = self.doc;
        let last = (0..doc.blocks.len()).rev().find(|&k| doc.blocks[k].kind != BlockKind::Footnote);
        last.is_none_or(|l| b >= l) || b + 3 >= doc.blocks.len() && self.at_end(doc.norm.text.len())
    }

    /// Are there figures in a normalised range?
    fn has_figures(&self, r: Range<usize>) -> bool {
        !self.doc.figures_in(&r).is_empty()
    }

    /// The earliest intro word in `text` outside brackets and quotes, of either language.
    fn intro_in(&self, text: &str) -> Option<(Range<usize>, Intro)> {
        let mut best: Option<(Range<usize>, Intro)> = None;
        for lang in [&self.w.zh, &self.w.en] {
            // The three lists found in one pass, and the words that may mask them once.
            let found = WordList::find_all_each([&lang.complete, &lang.partial, &lang.names], text);
            let mut masked: Option<Vec<Range<usize>>> = None;
            for (found, kind) in found.into_iter().zip([Intro::Complete, Intro::Partial, Intro::Names]) {
                if found.is_empty() {
                    continue;
                }
                let masked = masked.get_or_insert_with(|| masks(lang, text));
                if let Some(r) = without_masked(found, masked).into_iter().next()
                    && best.as_ref().is_none_or(|(b, _)| r.start < b.start || r.start == b.start && r.end > b.end)
                {
                    best = Some((r, kind));
                }
            }
        }
        best
    }

    /// `三大支柱…分別是「…」、「…」和「…」`, `6個城市(即倫敦、…及香港)`, `five sectors are: …`.
    fn after_intro(&self) -> Option<ListClaim> {
        let doc = self.doc;
        let f = self.f();
        let s = &doc.sentences[doc.sentence_at(f.norm.start)?];
        let rest = doc.norm.text.get(f.norm.end..s.norm.end)?;
        // The intro stands within a few words of the count (the gap checks below): only that
        // much is searched, not the rest of a sentence that may run for pages.
        let (intro, kind) = self.intro_in(near(rest, INTRO_REACH))?;
        let gap = &rest[..intro.start];
        let (han, words) = size(gap);
        let commas = gap.matches(['，', ',']).count();
        let word = rest[intro.clone()].trim().to_owned();
        // A dash opens a list only straight after the counted noun; further on it opens an aside.
        if matches!(word.as_str(), "–" | "—" | "-") && (words > 5 || han > 6) {
            return None;
        }
        if han > 12
            || words > 7
            || commas > 1
            || gap.contains(|c: char| c.is_ascii_digit() || "。；;:：的".contains(c))
            || self.has_figures(f.norm.end..f.norm.end + intro.start)
        {
            return None;
        }
        // An intro that is only a verb (`為`, `are`) needs the counted noun straight before it
        // (`兩名新任委員為`, not `17宗為`).
        let zh_intro = rest[intro.clone()].chars().any(is_han);
        if kind == Intro::Names && (commas > 0 || gap.contains(['(', '（']) || han > 8 || zh_intro && han < 2) {
            return None;
        }
        let in_paren = gap.contains(['(', '（']);
        let after = &rest[intro.end..];
        let body_start = after.len() - after.trim_start_matches([' ', ':', '：', ',', '，']).len();
        let body = &after[body_start..];
        if body.trim().is_empty() {
            return None;
        }
        let how = format!("after `{word}`");
        // `四大因素：(一)…；(二)…`, `3方面着手：一、…；二、…`: labelled or ordinal items, read as
        // such.
        let ordinal = [&self.w.zh, &self.w.en].iter().any(|l| {
            l.series.iter().any(|s| s.words.first().is_some_and(|w| find_ordinal(l, body, 0, w, s.needs) == Some(0)))
        });
        if inline_label(body, 0).is_some() || ordinal {
            return None;
        }
        let chinese = self.w.lang_of(body).chinese;
        let ends: &[char] = if chinese {
            if semicolon_list(body.split('。').next().unwrap_or(body)) {
                &['。']
            } else {
                &['。', '，', '；', ';', ',']
            }
        } else if split_top(body, &[';']).len() > 1 {
            &['.']
        } else {
            &['.', ';', ':']
        };
        let mut end = end_top(body, ends, in_paren);
        // `A、B，以及C`: a comma before a joining word does not end a Chinese list.
        while chinese
            && let Some(e) = end.filter(|&e| body[e..].starts_with(['，', ',']))
            && let Some(next) = comma_joins(&self.w.zh, &body[e..]).first().filter(|x| x.0 == 0).map(|x| e + x.1)
        {
            end = end_top(&body[next..], ends, in_paren).map(|x| next + x);
        }
        let list = &body[..end.unwrap_or(body.len())];
        let start = f.norm.end + intro.end + body_start;
        // Figures (`分別為 12 個及 3 個`) make a breakdown, not a list of names; a second dash, an
        // aside (`six persons – a larger family – including …`).
        if self.has_figures(start..start + list.len()) || list.contains(['–', '—']) {
            return None;
        }
        if kind == Intro::Names
            && (end.is_some_and(|e| !body[e..].starts_with(['。', '.'])) || chinese && self.long_items(list))
        {
            return None;
        }
        if end.is_none() && self.at_end(s.norm.end) {
            return Some(self.doubt(Shape::After, how, "the list runs to the end of the text".to_owned()));
        }
        // A sentence cut by the end of its paragraph (a page break in PDF text) may go on.
        let block_end = doc.blocks.get(s.block).map_or(0, |b| b.norm.end);
        if end.is_none() && s.norm.end >= block_end && !list.trim_end().ends_with(['。', '.', '！', '？', '!', '?'])
        {
            return Some(self.doubt(Shape::After, how, "the list runs to the end of its paragraph".to_owned()));
        }
        let Some(read) = read_list(self.w, list, kind == Intro::Names) else {
            return (kind != Intro::Names)
                .then(|| self.doubt(Shape::After, how, format!("the words after `{word}` are not read as a list")));
        };
        // `為A或B`: two names or one; only a count of two says which.
        if kind == Intro::Names && read.items.len() == 2 && !list.contains(['、', ',', '，']) && self.stated != 2 {
            return Some(self.doubt(
                Shape::After,
                how,
                "two words joined by one joining word may be one item".to_owned(),
            ));
        }
        Some(self.claim(Shape::After, how, start, &read, kind == Intro::Partial))
    }

    /// Does a Chinese list have an item too long to be a name (a clause)?
    fn long_items(&self, list: &str) -> bool {
        split_top(list, &['、', '，']).iter().any(|r| size(&list[r.clone()]).0 > 12)
    }

    /// `推廣、規管、支援措施、人才及資金五方面`, `A、B 及 C 等 3 人`, `總路線、大躍進和人民公社這三面紅旗`:
    /// a Chinese list straight before the count.
    fn before(&self) -> Option<ListClaim> {
        let doc = self.doc;
        let f = self.f();
        let w = &self.w.zh;
        let bi = doc.block_at(f.norm.start)?;
        let block = &doc.blocks[bi];
        let before = doc.norm.text.get(block.norm.start..f.norm.start)?;
        if starts_line(doc, block, f) {
            return None;
        }
        let trimmed = before.trim_end();
        // `這`, `等`, `共` between the list and the count; `該`, `前`, `其餘` point it elsewhere.
        let between = w.between.ends(trimmed).map(|k| &trimmed[k..]);
        if between.is_none() && self.refers() {
            return None;
        }
        let open = between.is_some_and(|b| w.etc.ends(b).is_some());
        let trimmed = between.map_or(trimmed, |b| trimmed[..trimmed.len() - b.len()].trim_end());
        if !trimmed.ends_with(|c: char| is_han(c) || "」』”》".contains(c)) {
            return None;
        }
        let mut cut = trimmed
            .rfind(['，', '。', '；', '：', ',', ';', ':', '(', '（', ')', '）', '！', '？', '…', '.', '“', '”', '"'])
            .map_or(0, |p| p + trimmed[p..].chars().next().map_or(1, char::len_utf8));
        // A figure in the list ends an earlier list (`兩個階級、社會主義和資本主義兩條道路`): the
        // list starts after the item that holds it.
        let figs = doc.figures_in(&(block.norm.start + cut..block.norm.start + trimmed.len()));
        if let Some(last) = figs.last() {
            let after = last.norm.end - block.norm.start;
            let sep = trimmed.get(after..)?.find('、')?;
            cut = after + sep + '、'.len_utf8();
        }
        let text = &trimmed[cut..];
        let mut read = read_zh(w, text)?;
        // The first item starts after the verb or particle that its clause opens with
        // (`它摧毁了刘少奇、林彪两个…`).
        if let Some(first) = read.items.first_mut() {
            let head = &text[first.clone()];
            let mut found = unmasked(w, &w.clause_words, head);
            found.extend(w.clause_ends.find_all(head));
            let joining =
                |r: &Range<usize>| w.connectors.at(head, r.start).is_some() || w.weak.at(head, r.start).is_some();
            if let Some(end) = found.iter().filter(|r| !joining(r)).map(|r| r.end).filter(|&e| e < head.len()).max() {
                first.start += end;
            }
        }
        let items: Vec<&str> = read.items.iter().map(|r| &text[r.clone()]).collect();
        let last_item = *items.last()?;
        // Clauses, not names: `…虫害有十一种`, `市民都很難染指這 4個行業`, `…所組成的 5 個委員會`,
        // `一系列两条腿走路的政策`.
        if w.clause_ends.ends(last_item).is_some()
            || items.iter().any(|s| s.is_empty() || !unmasked(w, &w.clause_words, s).is_empty())
            || last_item.starts_with(|c: char| "一二三四五六七八九十两兩幾几多數数".contains(c))
        {
            return None;
        }
        // The count may belong to the last item alone (`啟德發展區、東涌…的發展區及新界兩個新
        // 發展區`): the other items end with its noun, and the last does not.
        let noun = han_after(doc, f, 6);
        let tail2 = |s: &str| s.chars().rev().take(2).collect::<Vec<_>>();
        let named = |s: &&str| tail2(s) == tail2(noun);
        if noun.chars().count() >= 2 && items[..items.len() - 1].iter().any(named) && !named(&last_item) {
            return None;
        }
        // A last item much longer than the others is a clause that runs into the count; one
        // character each before it share the last item's end (`短、中期` is 短期 and 中期), which
        // the count does not count.
        let longest_other = items[..items.len() - 1].iter().map(|s| size(s).0).max().unwrap_or(0);
        let (last_len, _) = size(last_item);
        if items.len() >= 2 && (last_len > 6 && last_len > longest_other + 2 || longest_other == 1 && last_len > 1) {
            return None;
        }
        // Two items with no list mark between them, each of which may be a whole clause.
        if !text.contains('、') && items.iter().any(|s| size(s).0 > 12) {
            return None;
        }
        let base = block.norm.start + cut;
        let how = "before it".to_owned();
        let mut c = self.claim(Shape::Before, how.clone(), base, &read, open);
        // `俄罗斯和中亚四国`, `青藏铁路、三峡三期工程`: with no `這` or `等` before the count and
        // no joining word or `、` to close the list, the count may be the last item's own; only a
        // count that fits the list says it is the list's.
        // `農、林、牧、副、漁五業`: a list of single characters is a list of abbreviations, and
        // no one character owns a count of its own.
        let single = items.len() >= 2 && items.iter().all(|s| s.trim().chars().count() == 1);
        // `无产阶级和资产阶级两个阶级`: items that each end with the counted noun are instances of
        // it, and the count is theirs.
        let instances = items.len() >= 2 && noun.chars().count() >= 2 && items.iter().all(named);
        let marked = text.contains('、') && (between.is_some() || read.closed || single) || instances;
        if !marked && !(read.fewest..=read.most).contains(&self.stated) {
            c.confidence = Confidence::Doubt("the count may belong to the last item alone".to_owned());
        }
        Some(c)
    }

    /// Does the count's sentence close its block with a short tail that announces what follows
    /// (`…以下三方面：`, `五方面。`, `three parts of the question is as follows:`)? The index of the
    /// block that follows, and whether the tail ends with a colon.
    fn announces(&self) -> Option<(usize, bool)> {
        let doc = self.doc;
        let f = self.f();
        let bi = doc.block_at(f.norm.start)?;
        let s = &doc.sentences[doc.sentence_at(f.norm.start)?];
        let block_end = doc.blocks[bi].norm.start + doc.norm_text(&doc.blocks[bi].norm).trim_end().len();
        if s.block != bi || block_end > s.norm.end {
            return None;
        }
        let tail = doc.norm.text.get(f.norm.end..s.norm.end)?.trim();
        let colon = tail.ends_with(['：', ':']);
        let stop = tail.ends_with(['。', '.']);
        let inner = tail.trim_end_matches(['：', ':', '。', '.']);
        let (han, words) = size(inner);
        let short = if colon { han <= 12 && words <= 8 } else { stop && han <= 2 && words <= 1 };
        if !short || inner.contains(|c: char| c.is_ascii_digit() || "，,；;".contains(c)) {
            return None;
        }
        let next = (bi + 1..doc.blocks.len()).find(|&b| doc.blocks[b].kind != BlockKind::Footnote)?;
        Some((next, colon))
    }

    /// `…五方面。` then sections `(a)` … `(e)`; `以下三項措施：` then `(一)` … `(三)`, each of which
    /// may run over several paragraphs.
    fn labelled_items(&self) -> Option<ListClaim> {
        let doc = self.doc;
        let (first, _) = self.announces()?;
        let label = doc.blocks[first].label.as_deref()?;
        let style = label.style;
        if !is_item_style(style) || label.value != 1 {
            return None;
        }
        // Sections (a heading each) have paragraphs between them; items may too.
        let sections = doc.blocks[first].kind == BlockKind::Heading;
        let mut run = vec![first];
        // `(b) and (c)`: one paragraph may answer several items.
        let mut last = last_value(doc, first, 1);
        let mut since = 0usize;
        let mut ended = false;
        for b in first + 1..doc.blocks.len() {
            let block = &doc.blocks[b];
            if block.kind == BlockKind::Footnote {
                continue;
            }
            match block.label.as_deref() {
                Some(l) if l.style == style => {
                    if l.value == last + 1 {
                        last = last_value(doc, b, l.value);
                        run.push(b);
                        since = 0;
                        continue;
                    }
                    if l.value == 1 {
                        ended = true;
                        break;
                    }
                    // `(a) (b) (d)`: the numbering's finding; how many items there are is not known.
                    return Some(self.doubt(
                        Shape::Items,
                        how_items(sections),
                        format!("the items jump from {} to {}", label_text(doc, run[run.len() - 1]), l.text),
                    ));
                }
                Some(l) if is_outer(l.style, style, sections) => {
                    ended = true;
                    break;
                }
                _ => {
                    since += 1;
                    if !sections && since > 60 {
                        ended = true;
                        break;
                    }
                }
            }
        }
        let last_block = run[run.len() - 1];
        if !ended && self.cut_off(last_block) {
            return Some(self.doubt(
                Shape::Items,
                how_items(sections),
                "the list runs to the end of the text".to_owned(),
            ));
        }
        let mut items: Vec<ListedItem> = Vec::new();
        for &b in &run {
            let block = &doc.blocks[b];
            let label = block.label.as_deref();
            let item = ListedItem {
                text: format!("{} {}", label.map_or("", |l| l.text.as_str()), head_words(doc.norm_text(&block.norm))),
                span: label.map_or(block.span, |l| l.span),
            };
            let first_value = label.map_or(0, |l| l.value);
            items.push(item);
            // `(b) and (c)` answers two items.
            for (_, r) in more_labels(doc, b, first_value) {
                if r.is_empty() {
                    // A group the parser read: the item is the group's label.
                    let (text, span) = label.map_or((String::new(), block.span), |l| (l.text.clone(), l.span));
                    items.push(ListedItem { text, span });
                    continue;
                }
                let rest = doc.norm.text.get(r.end..block.norm.end).unwrap_or("");
                items.push(ListedItem {
                    text: format!("{} {}", doc.norm.text.get(r.clone()).unwrap_or(""), head_words(rest)),
                    span: norm_span(doc, r),
                });
            }
        }
        Some(self.marked(Shape::Items, how_items(sections), items))
    }

    /// A claim of marked items (labels, bullets, ordinals), read exactly.
    fn marked(&self, shape: Shape, how: String, items: Vec<ListedItem>) -> ListClaim {
        let n = items.len() as u32;
        let span = match (items.first(), items.last()) {
            (Some(a), Some(b)) => a.span.cover(b.span),
            _ => self.f().span,
        };
        ListClaim {
            count: self.i,
            stated: self.stated,
            figures: vec![self.i],
            shape,
            how,
            items,
            span,
            marked: true,
            fewest: n,
            most: n,
            open: false,
            confidence: Confidence::Read,
        }
    }

    /// `四大因素：(一)有閱讀…；(二)…；(三)…；及(四)…`: labels inline after a colon.
    fn inline_labels(&self) -> Option<ListClaim> {
        let doc = self.doc;
        let f = self.f();
        let bi = doc.block_at(f.norm.start)?;
        let block = &doc.blocks[bi];
        let rest = doc.norm.text.get(f.norm.end..block.norm.end)?;
        let colon = near(rest, INTRO_REACH).find(['：', ':'])?;
        let gap = &rest[..colon];
        let (han, words) = size(gap);
        if han > 12 || words > 8 || gap.contains(|c: char| "。，,；;.".contains(c)) {
            return None;
        }
        let start = colon + rest[colon..].chars().next().map_or(1, char::len_utf8);
        let base = f.norm.end + start;
        let text = &rest[start..];
        // `(i) housing, (ii) land supply`: a first `(i)` opens Roman numerals, not the ninth letter.
        let first = inline_label(text, text.len() - text.trim_start().len()).map(|l| roman_if(text, l))?;
        if first.1 != 1 {
            return None;
        }
        let mut found = vec![(text.len() - text.trim_start().len(), first)];
        let mut k = found[0].0 + first.2;
        while k < text.len() {
            let Some(c) = text[k..].chars().next() else { break };
            if matches!(c, '(' | '（') || circled_value(c).is_some() {
                let before = text[..k].trim_end();
                let opens = ["；", ";", "：", ":", "，", ",", "、", "及", "和", "以及", "and", "or", "或"]
                    .iter()
                    .any(|s| before.ends_with(s));
                let label = inline_label(text, k).map(|l| if first.0 == 3 { roman_if(&text[k..], l) } else { l });
                if opens && let Some(l) = label.filter(|l| l.0 == first.0) {
                    let last = found[found.len() - 1].1.1;
                    if l.1 == last + 1 {
                        found.push((k, l));
                        k += l.2;
                        continue;
                    }
                    if l.1 != 1 && l.1 > last {
                        return Some(self.doubt(
                            Shape::Items,
                            "in the items inline".to_owned(),
                            format!("the items jump from {last} to {}", l.1),
                        ));
                    }
                }
            }
            k += c.len_utf8();
        }
        if found.len() < 2 {
            return None;
        }
        // `…；(iv) …；` then, in PDF text cut into a paragraph of its own, `及 (v) …`: a list
        // that falls short at its paragraph's end may run on into the next one.
        let runs_on = doc.blocks.get(bi + 1).is_some_and(|next| {
            let t = doc.norm_text(&next.norm).trim_start();
            let t = ["及", "以及", "和", "and", "or", "或"].iter().find_map(|j| t.strip_prefix(j)).unwrap_or(t);
            let t = t.trim_start();
            inline_label(t, 0).is_some_and(|l| roman_if(t, l).0 == first.0)
        });
        if runs_on && (found.len() as u32) < self.stated {
            return Some(self.doubt(
                Shape::Items,
                "in the items inline".to_owned(),
                "the items may run on into the next paragraph".to_owned(),
            ));
        }
        let items = found
            .iter()
            .enumerate()
            .map(|(n, (at, l))| {
                let end = found.get(n + 1).map_or(text.len(), |x| x.0);
                let label = &text[*at..at + l.2];
                ListedItem {
                    text: format!("{} {}", label.trim(), head_words(&text[at + l.2..end])),
                    span: norm_span(doc, base + at..base + at + l.2),
                }
            })
            .collect();
        Some(self.marked(Shape::Items, "in the items inline".to_owned(), items))
    }

    /// `一是…二是…三是`, `第一…第二`, `首先…其次`, `first, … second, …`: ordinal words after the
    /// count, in its paragraph or opening the paragraphs that follow. A series within one
    /// paragraph is the whole list; one that runs over several paragraphs says only that there
    /// are at least as many items (the last may open with other words: `此外`, `至於`).
    fn ordinals(&self) -> Option<ListClaim> {
        let doc = self.doc;
        let f = self.f();
        let bi = doc.block_at(f.norm.start)?;
        let rest = doc.norm.text.get(f.norm.end..doc.blocks[bi].norm.end)?;
        let langs = [&self.w.zh, &self.w.en];
        // The first ordinal: after a colon or a full stop that ends the count's short clause
        // (`有 3項主要罪狀：第一是`, `at three levels. First,`), or opening the next paragraph.
        // It stands within twenty characters or twelve words of the count (the checks below):
        // only that much of a paragraph that may run for pages is searched.
        let close = near(rest, 2 * INTRO_REACH);
        let inline = langs.iter().find_map(|lang| {
            lang.series.iter().find_map(|series| {
                let at = find_ordinal(lang, close, 0, series.words.first()?, series.needs)?;
                let gap = rest[..at].trim_end();
                let inner = gap.trim_end_matches(['：', ':', '。', '.']);
                let (han, words) = size(inner);
                let colon = gap.ends_with(['：', ':']) && han <= 20 && words <= 12;
                let stop = gap.ends_with(['。', '.']) && han <= 8 && words <= 6;
                let clean = !inner.contains(|c: char| "，,；;：:。.".contains(c));
                (clean && (colon || stop) && !self.has_figures(f.norm.end..f.norm.end + at)).then_some((
                    *lang,
                    series,
                    f.norm.end + at,
                ))
            })
        });
        let found = inline.or_else(|| {
            let (next, _) = self.announces()?;
            let b = &doc.blocks[next];
            let t = doc.norm_text(&b.norm);
            langs.iter().find_map(|lang| {
                let lead = opening(lang, t);
                lang.series.iter().find_map(|series| {
                    (find_ordinal(lang, t, lead, series.words.first()?, series.needs) == Some(lead)).then_some((
                        *lang,
                        series,
                        b.norm.start + lead,
                    ))
                })
            })
        });
        let (lang, series, first_at) = found?;
        let words = &series.words;
        // `第一類…另一類`: a first item whose ordinal is followed by a noun (`類`, `項`, `方面`)
        // is continued only by ordinals with that noun; a later `第二，` starts another series.
        let noun_after = |at: usize, len: usize| -> Option<String> {
            let after = doc.norm.text.get(at + len..)?.trim_start_matches(' ');
            let n = lang.followers.at(after, 0)?;
            after[..n].chars().all(crate::parse::chars::is_han).then(|| after[..n].to_owned()).filter(|w| w != "是")
        };
        let first_noun = noun_after(first_at, words[0].len());
        let continues = |at: usize, len: usize| first_noun.is_none() || noun_after(at, len) == first_noun;
        let first_block = doc.block_at(first_at)?;
        let mut at = vec![(first_at, words[0].len())];
        let mut cur = first_block;
        let mut pos = first_at + words[0].len();
        'next: loop {
            let k = at.len();
            let word = words.get(k);
            let last_word = |t: &str| if series.sequence && k >= 2 { find_last_ordinal(lang, t) } else { None };
            // The next ordinal in the same paragraph…
            let t = doc.norm.text.get(pos..doc.blocks[cur].norm.end).unwrap_or("");
            if let Some(p) = word.and_then(|w| find_ordinal(lang, t, 0, w, series.needs))
                && continues(pos + p, word.map_or(0, String::len))
            {
                let len = word.map_or(0, String::len);
                at.push((pos + p, len));
                pos += p + len;
                continue;
            }
            if let Some((p, len)) = last_word(t) {
                at.push((pos + p, len));
                break;
            }
            // …or opening one of the next few, when the items so far open theirs (a series
            // inside a paragraph ends with it: `two components: first, …; and second, …`).
            let (prev_at, _) = at[k - 1];
            let opens = doc.block_at(prev_at).is_some_and(|b| opening_at(doc, lang, b) == prev_at);
            if k >= 2 && !opens {
                break;
            }
            let mut since = 0;
            loop {
                cur += 1;
                let Some(b) = doc.blocks.get(cur) else { break 'next };
                if b.kind == BlockKind::Footnote {
                    continue;
                }
                if b.label.as_deref().is_some_and(|l| !is_item_style(l.style)) || since >= 6 {
                    break 'next;
                }
                let t = doc.norm_text(&b.norm);
                let lead = opening(lang, t);
                if let Some(w) = word.filter(|w| {
                    find_ordinal(lang, t, lead, w, series.needs) == Some(lead)
                        && continues(b.norm.start + lead, w.len())
                }) {
                    at.push((b.norm.start + lead, w.len()));
                    pos = b.norm.start + lead + w.len();
                    continue 'next;
                }
                if let Some((p, len)) = last_word(t).filter(|p| p.0 == lead) {
                    at.push((b.norm.start + p, len));
                    break 'next;
                }
                since += 1;
            }
        }
        if at.len() < 2 {
            return None;
        }
        let (last_at, last_len) = at[at.len() - 1];
        let how = format!("in `{}` … `{}`", words[0], self.text(last_at..last_at + last_len));
        let last_block = doc.block_at(last_at).unwrap_or(cur);
        // The series goes on further down (`第四，` in a later paragraph): its items are not all
        // where they were looked for.
        if let Some(w) = words.get(at.len()) {
            let later = (last_block + 1..doc.blocks.len().min(last_block + 12))
                .any(|b| find_ordinal(lang, doc.norm_text(&doc.blocks[b].norm), 0, w, series.needs).is_some());
            if later {
                return Some(self.doubt(Shape::Items, how, format!("`{w}` comes later, past the items read")));
            }
        }
        // The series skips one (`一是…；二是…；四是…`): the items go on past the gap, so they are
        // not counted here (the `numbering` rule reports the gap).
        let tail_end = doc.blocks.get(last_block + 1).unwrap_or(&doc.blocks[last_block]).norm.end;
        let tail = doc.norm.text.get(last_at + last_len..tail_end).unwrap_or("");
        if let Some(w) =
            words.iter().skip(at.len() + 1).take(2).find(|w| find_ordinal(lang, tail, 0, w, series.needs).is_some())
        {
            return Some(self.doubt(Shape::Items, how, format!("the series skips to `{w}`")));
        }
        if last_block + 1 >= doc.blocks.len() && self.at_end(doc.norm.text.len()) {
            return Some(self.doubt(Shape::Items, how, "the list runs to the end of the text".to_owned()));
        }
        let items = at
            .iter()
            .enumerate()
            .map(|(k, &(a, l))| {
                let block_end = doc.block_at(a).map_or(a, |b| doc.blocks[b].norm.end);
                let end = at.get(k + 1).map_or(block_end, |n| n.0.min(block_end));
                ListedItem { text: head_words(self.text(a..end)), span: norm_span(doc, a..a + l) }
            })
            .collect();
        let mut c = self.marked(Shape::Items, how, items);
        c.open = last_block != first_block;
        Some(c)
    }

    /// `This Budget will:` then `- help …;` `- encourage …;` …: bulleted paragraphs.
    fn bullets(&self) -> Option<ListClaim> {
        let doc = self.doc;
        let (first, colon) = self.announces()?;
        if !colon {
            return None;
        }
        let is_bullet = |b: &Block| b.label.is_none() && self.w.bullet(doc.norm_text(&b.norm)).is_some();
        if !is_bullet(&doc.blocks[first]) {
            return None;
        }
        let mut run = vec![first];
        let mut b = first + 1;
        let mut ended = false;
        while let Some(block) = doc.blocks.get(b) {
            if block.kind == BlockKind::Footnote {
                b += 1;
                continue;
            }
            if is_bullet(block) {
                run.push(b);
                b += 1;
                continue;
            }
            // A bullet's text broken by the page: it goes on in lower case.
            let prev = doc.norm_text(&doc.blocks[run[run.len() - 1]].norm).trim_end();
            let t = doc.norm_text(&block.norm).trim_start();
            if block.label.is_none()
                && !prev.ends_with(['。', '.', '；', ';', '：', ':'])
                && t.starts_with(|c: char| c.is_lowercase())
            {
                b += 1;
                continue;
            }
            ended = true;
            break;
        }
        let how = "in the bullets that follow".to_owned();
        if !ended && self.cut_off(run[run.len() - 1]) {
            return Some(self.doubt(Shape::Items, how, "the list runs to the end of the text".to_owned()));
        }
        // A bullet again soon after: the list may go on past a paragraph that is not an item,
        // unless that paragraph announces a list of its own (`…purposes:`).
        let announces = doc.blocks.get(b).is_some_and(|x| doc.norm_text(&x.norm).trim_end().ends_with([':', '：']));
        if !announces && doc.blocks.iter().skip(b + 1).take(2).any(is_bullet) {
            return Some(self.doubt(
                Shape::Items,
                how,
                "more bullets follow after a paragraph that is not one".to_owned(),
            ));
        }
        // Each bullet, including those a paragraph runs together (`- a;- b; and- c.`).
        let mut items = Vec::new();
        for &b in &run {
            let block = &doc.blocks[b];
            let t = doc.norm_text(&block.norm);
            let mut starts = vec![t.len() - t.trim_start().len()];
            starts.extend(self.w.inline_bullets(t));
            for (k, &at) in starts.iter().enumerate() {
                let end = starts.get(k + 1).copied().unwrap_or(t.len());
                let body = self.w.bullet(&t[at..end]).map_or(at, |x| at + x);
                let mark = t[at..body].trim();
                items.push(ListedItem {
                    text: format!("{mark} {}", head_words(&t[body..end])),
                    span: norm_span(doc, block.norm.start + at..block.norm.start + at + mark.len().max(1)),
                });
            }
        }
        Some(self.marked(Shape::Items, how, items))
    }

    /// `The twelve organisations are:` then a name on each line (perhaps with an amount). Read
    /// from the lines as written: a paper that leaves a blank line after every line may have its
    /// short lines joined into one paragraph.
    fn lines(&self) -> Option<ListClaim> {
        let doc = self.doc;
        let (first, colon) = self.announces()?;
        if !colon {
            return None;
        }
        let lines: Vec<Range<usize>> = doc.blocks[first..]
            .iter()
            .filter(|b| b.kind != BlockKind::Footnote)
            .take(200)
            .flat_map(|b| b.lines.iter().cloned())
            .filter(|l| doc.text.get(l.clone()).is_some_and(|t| !t.trim().is_empty()))
            .collect();
        let is_name = |l: &Range<usize>| {
            let Some(raw) = doc.text.get(l.clone()) else { return false };
            let t = raw.trim();
            let a = doc.figures.partition_point(|f| f.span.offset < l.start);
            let figs: Vec<&Figure> = doc.figures[a..].iter().take_while(|f| f.span.offset < l.end).collect();
            let amount_last = match figs.as_slice() {
                [] => true,
                [f] => matches!(f.kind, FigureKind::Money { .. }) && f.span.end() >= l.start + raw.trim_end().len(),
                _ => false,
            };
            let (han, words) = size(t);
            amount_last
                && doc
                    .dates
                    .get(doc.dates.partition_point(|d| d.span.offset < l.start))
                    .is_none_or(|d| d.span.offset >= l.end)
                && han <= 16
                && words <= 12
                && self.w.bullet(t).is_none()
                && !t.contains(|c: char| "。，；：:;！？!?".contains(c))
                && !t.trim_end_matches(is_closer_char).ends_with(['.', ','])
                && t.starts_with(|c: char| c.is_uppercase() || is_han(c) || "「“".contains(c))
        };
        let run = lines.iter().take_while(|l| is_name(l)).count();
        if run < 2 {
            return None;
        }
        let how = "in the lines that follow".to_owned();
        if run + 1 >= lines.len() {
            return Some(self.doubt(Shape::Items, how, "the list runs to the end of the text".to_owned()));
        }
        if lines.iter().skip(run + 1).take(2).any(is_name) {
            return Some(self.doubt(
                Shape::Items,
                how,
                "more short lines follow after one that is not a name".to_owned(),
            ));
        }
        let items = lines[..run]
            .iter()
            .map(|l| {
                let raw = doc.text.get(l.clone()).unwrap_or("");
                let lead = raw.len() - raw.trim_start().len();
                let span = Span::new(l.start + lead..l.start + lead + raw.trim().len());
                ListedItem { text: raw.trim().to_owned(), span }
            })
            .collect();
        let mut c = self.marked(Shape::Items, how, items);
        c.marked = false;
        Some(c)
    }

    /// `委任六名新成員。新成員為…`, `… six new members. The new members are …`: the next sentence
    /// names the counted thing again and lists it.
    fn next_sentence(&self) -> Option<ListClaim> {
        let doc = self.doc;
        let f = self.f();
        let si = doc.sentence_at(f.norm.start)?;
        let s = &doc.sentences[si];
        let tail = doc.norm.text.get(f.norm.end..s.norm.end)?.trim();
        if tail.len() > INTRO_REACH {
            return None;
        }
        let (han, words) = size(tail);
        if !tail.ends_with(['。', '.']) || han > 8 || words > 6 || tail.contains(|c: char| "，,；;".contains(c)) {
            return None;
        }
        let next = doc.sentences.get(si + 1)?;
        let t = doc.norm_text(&next.norm);
        // The sentence opens with the counted noun (`新成員為`, `The new members are`).
        let noun_end = if let Some(head) = en_head(doc, f) {
            let lower = t.to_lowercase();
            let p = lower.find(&head)?;
            let (_, words) = size(&t[..p]);
            if words > 3 {
                return None;
            }
            p + head.len() + usize::from(lower[p + head.len()..].starts_with('s'))
        } else {
            let noun: String = han_after(doc, f, 6).chars().collect();
            let n = noun.chars().count();
            (2..=n).rev().find_map(|k| {
                let tail: String = noun.chars().skip(n - k).collect();
                t.find(&tail).filter(|&p| size(&t[..p]).0 <= 2).map(|p| p + tail.len())
            })?
        };
        // `The five new members are …` counts its own list.
        if self.has_figures(next.norm.start..next.norm.start + noun_end) {
            return None;
        }
        let rest = &t[noun_end..];
        let (intro, kind) = self.intro_in(rest)?;
        if !rest[..intro.start].trim().is_empty() {
            return None;
        }
        let after = &rest[intro.end..];
        let body_start = after.len() - after.trim_start_matches([' ', ':', '：']).len();
        let list = &after[body_start..];
        let start = next.norm.start + noun_end + intro.end + body_start;
        if self.has_figures(start..start + list.len()) {
            return None;
        }
        let read = read_list(self.w, list, kind == Intro::Names && !self.w.lang_of(list).chinese)?;
        let word = rest[intro].trim();
        Some(self.claim(
            Shape::NextSentence,
            format!("in the next sentence, after `{word}`"),
            start,
            &read,
            kind == Intro::Partial,
        ))
    }
}

fn is_closer_char(c: char) -> bool {
    crate::parse::chars::is_closer(c)
}

/// Styles that label the items of a list.
fn is_item_style(style: LabelStyle) -> bool {
    matches!(
        style,
        LabelStyle::LetterParen
            | LabelStyle::RomanParen
            | LabelStyle::ChineseParen
            | LabelStyle::Circled
            | LabelStyle::ChineseComma
    )
}

/// Does a label of `style` end a run of `item` labels? Paragraph numbers do, unless the items
/// are section headings with numbered paragraphs under them; section styles always do.
fn is_outer(style: LabelStyle, item: LabelStyle, sections: bool) -> bool {
    match style {
        LabelStyle::Arabic => !sections,
        LabelStyle::Decimal | LabelStyle::RomanUpper | LabelStyle::Section | LabelStyle::Annex(_) => true,
        LabelStyle::ChineseComma => item != LabelStyle::ChineseComma,
        _ => false,
    }
}

/// The last item a labelled paragraph answers: `(b) and (c)`, `(二)及(三)`, `(b) to (d)` open
/// with more than one label.
fn last_value(doc: &Document, b: usize, value: u32) -> u32 {
    more_labels(doc, b, value).last().map_or(value, |x| x.0)
}

/// The labels after a paragraph's own that it also answers (`(b) and (c)`, `(二)及(三)`, `(b) to
/// (d)`): each value and where its label is in the normalised text.
fn more_labels(doc: &Document, b: usize, value: u32) -> Vec<(u32, Range<usize>)> {
    let block = &doc.blocks[b];
    // The parser read the group already: its other values stand at the paragraph's start.
    if let Some(l) = block.label.as_deref().filter(|l| !l.also.is_empty() && l.value == value) {
        let at = block.norm.start;
        return l.also.iter().map(|&v| (v, at..at)).collect();
    }
    let text = doc.norm_text(&block.norm);
    let style = block.label.as_deref().map(|l| l.style);
    let mut out = Vec::new();
    let mut last = value;
    let mut t = text.trim_start();
    loop {
        let joined = ["and", "及", "和", "、", ",", "，", "&", "to", "至"]
            .iter()
            .find_map(|j| t.strip_prefix(j).map(|r| (r.trim_start(), matches!(*j, "to" | "至"))));
        let Some((rest, range)) = joined else { break };
        let Some((_, v, len)) = inline_label(rest, 0) else { break };
        // `(iv) and (v)`: read in the paragraph's own numbering.
        let v = match style {
            Some(LabelStyle::RomanParen) => {
                let inner: String = rest[..len].chars().filter(|c| c.is_ascii_alphabetic()).collect();
                roman_value(&inner).unwrap_or(v)
            }
            _ => v,
        };
        if v <= last || !range && v != last + 1 || v > last + 10 {
            break;
        }
        let at = block.norm.start + (text.len() - rest.len());
        // `(b) to (d)`: (c) is answered too, at the same label.
        for k in last + 1..=v {
            out.push((k, at..at + len));
        }
        last = v;
        t = rest[len..].trim_start();
    }
    out
}

fn how_items(sections: bool) -> String {
    if sections { "in the sections that follow".to_owned() } else { "in the items that follow".to_owned() }
}

fn label_text(doc: &Document, b: usize) -> String {
    doc.blocks[b].label.as_deref().map_or(String::new(), |l| l.text.clone())
}

/// The first few words of an item, for messages.
fn head_words(text: &str) -> String {
    let t = text.trim();
    if t.is_ascii() { t.split_whitespace().take(4).collect::<Vec<_>>().join(" ") } else { t.chars().take(16).collect() }
}

/// A label read as a letter that is also a Roman numeral (`(i)`, `(v)`, `(x)`), read as the
/// numeral. `text` starts at the label.
fn roman_if(text: &str, l: (u8, u32, usize)) -> (u8, u32, usize) {
    let inner: String = text.trim_start().get(..l.2).unwrap_or("").chars().filter(|c| c.is_ascii_lowercase()).collect();
    match roman_value(&inner) {
        Some(v) if l.0 == 2 => (3, v, l.2),
        _ => l,
    }
}

/// An inline label at byte `k` of `text`: its style (1 Chinese, 2 letter, 3 Roman, 4 digit,
/// 5 circled), value and length.
fn inline_label(text: &str, k: usize) -> Option<(u8, u32, usize)> {
    let rest = text.get(k..)?;
    let c = rest.chars().next()?;
    if let Some(v) = circled_value(c) {
        return Some((5, v, c.len_utf8()));
    }
    if !matches!(c, '(' | '（') {
        return None;
    }
    let inner_start = c.len_utf8();
    let close = rest[inner_start..].char_indices().take(6).find(|(_, c)| matches!(c, ')' | '）'))?.0 + inner_start;
    let inner: String = rest[inner_start..close].chars().filter(|c| !c.is_whitespace()).collect();
    let len = close + rest[close..].chars().next().map_or(1, char::len_utf8);
    if let Some(v) = cn_value(&inner) {
        return Some((1, v, len));
    }
    if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()) {
        return Some((2, inner.chars().next().map_or(0, |c| c as u32 - 'a' as u32 + 1), len));
    }
    if let Some(v) = roman_value(&inner).filter(|_| inner.chars().all(|c| c.is_ascii_lowercase())) {
        return Some((3, v, len));
    }
    if inner.len() <= 2 && inner.chars().all(|c| c.is_ascii_digit()) {
        return inner.parse().ok().map(|v| (4, v, len));
    }
    None
}

/// Where `word` stands in `text` (from `from`) as an ordinal opening an item: at the start of a
/// clause, and before a follower when its series needs one.
fn find_ordinal(lang: &Lang, text: &str, from: usize, word: &str, needs: bool) -> Option<usize> {
    word_at(text.get(from..)?, word).map(|p| from + p).find(|&p| {
        let before = text[..p].trim_end_matches([' ', '\u{3000}']);
        let clause = before.is_empty()
            || before.ends_with(['。', '，', '；', '：', '、', '.', ';', ':', ',', '\n', '!', '?', '！', '？'])
            || before.len() >= 4 && before.get(before.len() - 4..).is_some_and(|t| t.eq_ignore_ascii_case(" and"))
            || before.eq_ignore_ascii_case("and")
            || before.ends_with("以及")
            || before.ends_with('及');
        let after = &text[p + word.len()..];
        let followed = !needs || lang.followers.at(after.trim_start_matches(' '), 0).is_some();
        clause && followed
    })
}

/// Where `word` occurs in `text`: as a whole word, in any case, when it is Latin. Every
/// occurrence, overlapping ones included, in order.
fn word_at<'t>(text: &'t str, word: &'t str) -> Box<dyn Iterator<Item = usize> + 't> {
    let latin = word.is_ascii();
    if !latin && !word.is_empty() {
        // A Chinese word is searched for, not compared at every character: a match of UTF-8 in
        // UTF-8 starts on a character, and the next search starts one character on, so that
        // overlapping occurrences are found too.
        let mut from = 0;
        return Box::new(std::iter::from_fn(move || {
            let at = from + text.get(from..)?.find(word)?;
            from = at + text[at..].chars().next().map_or(1, char::len_utf8);
            Some(at)
        }));
    }
    let bytes = text.as_bytes();
    let alnum = |k: Option<&u8>| k.is_some_and(|b| b.is_ascii_alphanumeric());
    if let Some(&first) = word.as_bytes().first() {
        // A Latin word starts with its first letter in either case, and an ASCII byte always
        // starts a character: only those places are compared, found with memchr, rather than
        // every character of a (mostly Chinese) paragraph, once per ordinal word.
        let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
        return Box::new(memchr::memchr2_iter(lower, upper, bytes).filter(move |&i| {
            text.get(i..i + word.len()).is_some_and(|t| t.eq_ignore_ascii_case(word))
                && !alnum(i.checked_sub(1).and_then(|k| bytes.get(k)))
                && !alnum(bytes.get(i + word.len()))
        }));
    }
    Box::new(text.char_indices().map(|(i, _)| i).filter(move |&i| {
        let Some(t) = text.get(i..i + word.len()) else { return false };
        if latin {
            t.eq_ignore_ascii_case(word)
                && !alnum(i.checked_sub(1).and_then(|k| bytes.get(k)))
                && !alnum(bytes.get(i + word.len()))
        } else {
            t == word
        }
    }))
}

/// Where a paragraph's own words start, past spaces and a joining word (`And third, …`).
fn opening(lang: &Lang, text: &str) -> usize {
    let lead = text.len() - text.trim_start().len();
    lead + leading_join(lang, &text[lead..]).unwrap_or(0)
}

/// The normalised offset where block `b`'s own words start (see [`opening`]).
fn opening_at(doc: &Document, lang: &Lang, b: usize) -> usize {
    let block = &doc.blocks[b];
    block.norm.start + opening(lang, doc.norm_text(&block.norm))
}

/// A word that opens the last item of a series (`最後`, `finally`) at a clause start.
fn find_last_ordinal(lang: &Lang, text: &str) -> Option<(usize, usize)> {
    lang.last_ordinals.find_all(text).into_iter().find_map(|r| {
        let before = text[..r.start].trim_end();
        let clause = before.is_empty() || before.ends_with(['。', '，', '；', '：', '.', ';', ':', ',']);
        let after = text[r.end..].trim_start();
        (clause && after.starts_with(['，', ',', '是', '：', ':'])).then_some((r.start, r.len()))
    })
}

/// Does the figure start a line of the original (so the text before it is another line, not
/// its list)?
fn starts_line(doc: &Document, block: &Block, f: &Figure) -> bool {
    let at = f.span.offset;
    block.lines.iter().any(|l| {
        let prev_content = doc.norm.map.to_original(f.norm.start.saturating_sub(1).max(block.norm.start));
        l.start <= at && at < l.end.max(l.start + 1) && !(l.start <= prev_content && prev_content < at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_at_finds_every_occurrence_as_a_scan_of_each_character_would() {
        let scan = |text: &str, word: &str| -> Vec<usize> {
            text.char_indices().map(|(i, _)| i).filter(|&i| text.get(i..i + word.len()) == Some(word)).collect()
        };
        for (text, word) in [
            ("第一，第一第一；第二", "第一"),
            ("哈哈哈哈", "哈哈"),
            ("首先，其次。首先", "首先"),
            ("abc第一", "第一"),
            ("", "第一"),
            ("第", "第一"),
        ] {
            assert_eq!(word_at(text, word).collect::<Vec<_>>(), scan(text, word), "{text:?} {word:?}");
        }
    }
    use crate::parse::{ParseOptions, parse};
    use crate::source::Source;

    fn zh() -> &'static Lang {
        &words().lists.zh
    }
    fn en() -> &'static Lang {
        &words().lists.en
    }
    fn range(r: Option<Read>) -> Option<(u32, u32, bool)> {
        r.map(|r| (r.fewest, r.most, r.etc))
    }
    fn shown(text: &str, r: Option<Read>) -> Vec<String> {
        r.map(|r| r.items.iter().map(|x| text[x.clone()].to_owned()).collect()).unwrap_or_default()
    }

    /// (stated count, how, fewest, most, open, sure) for every claim of a text.
    fn claims(text: &str) -> Vec<(String, String, u32, u32, bool, bool)> {
        let src = Source::from_text("t.txt", text);
        let doc = parse(&src, &ParseOptions::default());
        read_lists(&doc)
            .into_iter()
            .map(|c| (doc.figures[c.count].text(&doc).to_owned(), c.how.clone(), c.fewest, c.most, c.open, c.is_read()))
            .collect()
    }

    fn one(text: &str) -> (String, u32, u32, bool, bool) {
        let c = claims(text);
        assert_eq!(c.len(), 1, "{c:?}");
        let (_, how, a, b, open, sure) = c[0].clone();
        (how, a, b, open, sure)
    }

    #[test]
    fn a_count_after_a_list_of_single_characters_is_the_lists() {
        let c = claims("農、林、牧、副、漁六業都要發展。");
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!((c[0].2, c[0].3, c[0].5), (5, 5, true));
    }

    #[test]
    fn an_ordinal_with_a_noun_is_continued_only_with_that_noun() {
        // `第一類…另一類`, then `第二，` paragraphs later opening another argument: two kinds.
        let t = "規定只會將申請人分為兩類人：第一類是有需要的人，另一類則是無需要的人。\n\n其他事項。\n\n第二，是累算權益的安排。\n\n第三，是行政費。\n";
        assert!(claims(t).iter().all(|c| !(c.0 == "兩類" && c.5 && c.2 > 2)), "{:?}", claims(t));
        // The same noun throughout is one series.
        let (_, a, b, _, sure) = one("措施分為三類：第一類是甲；第二類是乙；第三類是丙。");
        assert_eq!((a, b, sure), (3, 3, true));
    }

    #[test]
    fn items_are_split_outside_quotes_and_brackets() {
        let t = "「甲、乙」、丙(丁、戊)、己";
        let r: Vec<&str> = split_top(t, &['、']).into_iter().map(|r| &t[r]).collect();
        assert_eq!(r, ["「甲、乙」", "丙(丁、戊)", "己"]);
    }

    #[test]
    fn chinese_lists() {
        assert_eq!(range(read_zh(zh(), "倫敦、多倫多、三藩市、吉隆坡、深圳及香港")), Some((6, 6, false)));
        assert_eq!(range(read_zh(zh(), "「甲」、「乙」和「丙」")), Some((3, 3, false)));
        // `和平` is not a joining word: with none, a `、` list is read as written.
        assert_eq!(range(read_zh(zh(), "北京峰會、和平共處")), Some((2, 2, false)));
        // `與` may be inside the last item.
        assert_eq!(
            range(read_zh(zh(), "推进现代化建设、完成祖国统一、维护世界和平与促进共同发展")),
            Some((3, 4, false))
        );
        // `遲緩和` reads as `遲緩` + `和` or as `緩和`.
        assert_eq!(range(read_zh(zh(), "自閉、發展遲緩和其他障礙")), Some((2, 3, false)));
        // `及其` is inside an item; `等` ends the list.
        assert_eq!(
            range(read_zh(zh(), "電子產品、基本金屬及其製品、橡膠塑膠及其製品、化學品、機械、礦產品、交通運輸設備等")),
            Some((7, 7, true))
        );
        // Two items with no `、`.
        assert_eq!(range(read_zh(zh(), "无产阶级和资产阶级")), Some((2, 2, false)));
        // Semicolons separate clauses; `以及` opens the last.
        assert_eq!(
            range(read_zh(
                zh(),
                "執行立法會通過並已生效的法律；定期向立法會作施政報告；答覆立法會議員的質詢；以及徵稅和公共開支須經立法會批准"
            )),
            Some((4, 4, false))
        );
        // A comma before `以及` with `、` in the list: commas may separate groups of items.
        assert_eq!(range(read_zh(zh(), "Wintrack Worldwide Ltd.、其附屬公司，以及戴德梁行股份")), Some((2, 3, false)));
        // An organisation's `及` may be inside its name; when every item is an organisation, it is.
        assert_eq!(range(read_zh(zh(), "教育局、食物及衞生局")), Some((2, 3, false)));
        assert_eq!(range(read_zh(zh(), "教育局、食物及衞生局和勞工及福利局")), Some((3, 3, false)));
        assert_eq!(
            shown("陳大文博士和李小明先生", read_zh(zh(), "陳大文博士和李小明先生")),
            ["陳大文博士", "李小明先生"]
        );
        // A joining word straight before the count leaves no last item.
        assert_eq!(range(read_zh(zh(), "本會現在就議案及")), None);
        // An ellipsis ends an incomplete list.
        assert_eq!(range(read_zh(zh(), "零數據、零法例 ......")), Some((2, 2, true)));
    }

    #[test]
    fn english_lists() {
        let l = "technology and innovation, our enterprise ecosystem, as well as our infrastructure investments";
        assert_eq!(range(read_en(en(), l, false)), Some((3, 4, false)));
        let l = "first, enabling partnerships; second, deepening capabilities; and third, developing our people";
        assert_eq!(range(read_en(en(), l, false)), Some((3, 3, false)));
        let l = "first, to address our immediate needs to safeguard public health and re-open safely; second, to support workers and businesses where needed; third, to target support";
        assert_eq!(range(read_en(en(), l, false)), Some((3, 3, false)));
        let l =
            "Mr Chan Chi-chiu, Mr Alex Koo Pok-sing, Mr Augustus Tang Kin-wing and Mr Wong Man-hang, for their support";
        assert_eq!(range(read_en(en(), l, true)), Some((4, 4, false)));
        let l = "Professor Lo Hong-kam, SBS, JP, Dr Jane Lee and Mr Brian Wu";
        assert_eq!(range(read_en(en(), l, true)), Some((3, 3, false)));
        // `are` needs names.
        assert_eq!(range(read_en(en(), "designed to help workers, firms and families", true)), None);
        let l = "the Alpha Scheme, the Beta Scheme, the Gamma Fund, and the Delta Grant";
        assert_eq!(range(read_en(en(), l, true)), Some((4, 4, false)));
        // `and` inside an organisation's name.
        let l = "the Food and Health Bureau, the Education Bureau and the Labour and Welfare Bureau";
        assert_eq!(range(read_en(en(), l, false)), Some((3, 3, false)));
        assert_eq!(
            shown(l, read_en(en(), l, false)),
            ["the Food and Health Bureau", "the Education Bureau", "the Labour and Welfare Bureau"]
        );
        assert_eq!(range(read_en(en(), "PDP, mentorship programme and targeted savings", false)), Some((3, 3, false)));
        // Items of many words are clauses.
        let l = "the largest competition for young engineers with ideas that can change the world, organised by Daimler and UNESCO";
        assert_eq!(range(read_en(en(), l, false)), None);
    }

    #[test]
    fn after_an_intro() {
        let after = |w: &str, a, b, open| (format!("after `{w}`"), a, b, open, true);
        assert_eq!(one("計劃由三大支柱組成，分別是「甲」、「乙」和「丙」。"), after("分別是", 3, 3, false));
        assert_eq!(
            one(
                "The Consultant has reaffirmed the three key components (that is, PDP, mentorship programme and targeted savings) to the objectives."
            ),
            after("that is", 3, 3, false)
        );
        assert_eq!(one("兩名新任委員為陳大文博士和李小明先生。"), after("為", 2, 2, false));
        assert_eq!(
            one("The four schemes are the Alpha Scheme, the Beta Scheme, the Gamma Fund, and the Delta Grant."),
            after("are", 4, 4, false)
        );
        assert_eq!(one("It rests on three pillars: growth, jobs and fairness."), after(":", 3, 3, false));
        // `are:` opens any list; `are` alone only one of names. `These` does not stop a list that
        // follows in the sentence.
        assert_eq!(
            one(
                "These five sectors are: tourism, aviation, retail, food services and point-to-point transport services."
            ),
            after("are:", 5, 5, false)
        );
        assert_eq!(
            one(
                "The three bureaux, namely the Food and Health Bureau, the Education Bureau and the Labour and Welfare Bureau, will work together."
            ),
            after("namely", 3, 3, false)
        );
        assert_eq!(
            one("The committee has three members: Professor Lo Hong-kam, SBS, JP, Dr Jane Lee and Mr Brian Wu."),
            after(":", 3, 3, false)
        );
        assert_eq!(one("三個政策局，即教育局、食物及衞生局和勞工及福利局，會合作。"), after("即", 3, 3, false));
        assert_eq!(
            one(
                "representing the four major interests in the voluntary youth field - national youth organisations, State youth affairs councils, workers with youth and young people."
            ),
            after("-", 4, 4, false)
        );
        // A list that follows another noun (`地區的…情況 (包括…)`) is not the count's.
        assert!(claims("該 3個地區的土地買賣情況 (包括地段、面積、收購者、價值及買賣年份 )為何？").is_empty());
        // `包括`: at least as many as listed.
        assert_eq!(
            one("可歸納三大因素，包括全球經濟維持穩定、AI及高效能運算商機蔓延、進入年終採購旺季。"),
            after("包括", 3, 3, true)
        );
        // `分別是` before a list that starts with a Latin name is still a Chinese list.
        assert_eq!(
            one("四大股東是4間外資公司，分別是The Capital Group、澳洲聯邦銀行、紐約梅隆銀行和貝萊德。"),
            after("分別是", 4, 4, false)
        );
        // `，以及` goes on with the list; `；` after it ends the list.
        assert_eq!(
            one("特首持有 3項股份，分別是Wintrack Worldwide Ltd.、其附屬公司，以及戴德梁行股份；同時亦提到。"),
            after("分別是", 2, 3, false)
        );
        // A list cut off by the end of its paragraph or of the excerpt is not judged.
        assert!(!one("計劃由三大支柱組成，分別是「甲」、「乙」").4);
        // `為` needs the counted noun before it: `17宗為A或B` names a category.
        assert!(claims("另外 17宗為內地遊客或外籍人士。").iter().all(|c| !c.5));
    }

    #[test]
    fn before_the_count() {
        let before = |a, b, open| ("before it".to_owned(), a, b, open, true);
        assert_eq!(one("可分為推廣、規管、支援措施、人才及資金五方面。"), before(5, 5, false));
        // A count after `等` is the whole of which the list may name some
        // (`…突发事件应对法草案和义务教育法修订草案等7件法律议案`).
        assert_eq!(one("出席者為陳大文、李小明及張三等 3 人。"), before(3, 3, true));
        assert_eq!(one("钢铁、水泥等15个重点行业淘汰落后产能。"), before(2, 2, true));
        assert_eq!(one("工、农、商、学、兵、政、党这七个方面。"), before(7, 7, false));
        assert_eq!(one("它摧毁了刘少奇、林彪两个资产阶级司令部。"), before(2, 2, false));
        let c = claims("无产阶级和资产阶级两个阶级、社会主义和资本主义两条道路、马克思主义和修正主义两条路线的斗争。");
        assert_eq!(c.iter().map(|c| (c.2, c.3, c.5)).collect::<Vec<_>>(), [(2, 2, true), (2, 2, true), (2, 2, true)]);
        // With no `這`, `等` or joining word to close the list, a count that does not fit may be
        // the last item's own (`俄罗斯和中亚四国`).
        assert!(!one("我国同俄罗斯和中亚四国共同宣布。").4);
        // The count belongs to the last item, or the words before it are a clause.
        assert!(claims("包括啟德發展區、東涌餘下的發展區及新界兩個新發展區的發展比率。").is_empty());
        assert!(claims("由行政會議成員、立法會議員、社會賢達及專業人士所組成的 5個委員會的監管。").is_empty());
        assert!(claims("位於馬鞍山、大埔及將軍澳區的 6個地點。").is_empty());
        assert!(claims("泛民主派、建制派和政府三方一起打壓 4位反對派議員。").is_empty());
        assert!(claims("但大部分中小企、大部分市民都很難染指這 4個行業。").is_empty());
        assert!(claims("公布了一系列短、中期一共 10項增加房屋及土地供應的措施。").is_empty());
        assert!(
            claims("修讀 4個核心科目 (中國語文、英國語文、數學及通識教育 )及一至兩個選修科目。")
                .iter()
                .all(|c| c.0 != "兩個")
        );
        assert!(claims("本會現在就議案及9項修正案進行合併辯論。").is_empty());
    }

    #[test]
    fn items_after_the_sentence() {
        let items = |how: &str, n| (how.to_owned(), n, n, false, true);
        let text = "政府將推出以下三項措施：\n\n(一) 加強培訓；\n\n(二) 擴大資助；\n\n(三) 推動合作。\n\n上述措施將於明年實施。\n\n我們會定期檢討成效。\n\n請委員察悉。\n";
        assert_eq!(one(text), items("in the items that follow", 3));
        // Items that run over several paragraphs, as answers to a question's parts do.
        let text = "我現就質詢的 3個部分答覆如下：\n\n(一) 甲的答覆。\n\n此外，甲還有更多。\n\n(二) 乙的答覆。\n\n(三) 丙的答覆。\n\n立法會  ─  2012年 10月 17日\n\n其他議員的發言。\n\n再一段。\n\n再一段。\n";
        assert_eq!(one(text), items("in the items that follow", 3));
        // `(b) and (c)` answers two parts.
        let text = "Our response to the three parts of the question is as follows:\n\n(a) The first answer.\n\n(b) and (c) The second answer.\n\nMore text.\n\nMore.\n\nMore.\n";
        assert_eq!(one(text), items("in the items that follow", 3));
        let text = "他指出中產應該符合四大因素： (一 )有閱讀分析性刊物的習慣； (二 )對將來有計劃； (三 )關心香港政治；及 (四 )自我認同是中產。";
        assert_eq!(one(text), items("in the items inline", 4));
        let text = "I intend to distribute the surplus. This Budget will do four things:\n\n- help Singaporeans cope with changes;\n\n- encourage savings for retirement;\n\n- support families; and\n\n- promote community involvement.\n\nHelp Singaporeans cope\n\nMore text follows here.\n\nAnd more.\n";
        assert_eq!(one(text), items("in the bullets that follow", 4));
        // Bullets a paragraph runs together, and PDF's `─`.
        let text = "The Government recognises four broad charitable purposes for charity status:\n\n- the prevention and relief of poverty;- the advancement of education;- the advancement of religion; and- other purposes beneficial to the community.\n\nI have decided to do more.\n\nMore.\n\nMore.\n";
        assert_eq!(one(text), items("in the bullets that follow", 4));
        let text = "當中較重大的三項措施包括：\n\n─ 把中一每班派位人數調低；\n\n─ 推出了計劃；及\n\n─ 放寬中一開班人數標準。\n\n總的來說，措施是有效的。\n\n另一段。\n\n再一段。\n";
        assert_eq!(one(text), items("in the bullets that follow", 3));
        // A name on each line, with an amount; lines a blank-line layout joins are read as written.
        let text = "The grants go to three organisations:\n\nRussian Club $1,800\n\nMarrickville Legal Centre $4,200\n\nSwiss Club of WA $700\n\nThe grants were announced today by the Minister.\n\nMore.\n\nMore.\n";
        assert_eq!(one(text), items("in the lines that follow", 3));
    }

    #[test]
    fn ordinal_words() {
        let n = |text: &str| {
            let (_, a, b, open, sure) = one(text);
            (a, b, open, sure)
        };
        assert_eq!(
            n("梁振英有 3項主要罪狀：第一是虛假陳述；第二，違反誓言；第三，作出誤導陳述。"),
            (3, 3, false, true)
        );
        assert_eq!(n("今年要做好三方面工作：一是穩增長，二是促改革，三是惠民生。"), (3, 3, false, true));
        // A series that skips one is the numbering's problem: its items are not counted here.
        assert!(!n("今年要做好三方面工作：一是穩增長，二是促改革，四是惠民生。").3);
        assert_eq!(n("可以按两个步骤来设想：第一步，建成体系；第二步，实现现代化。"), (2, 2, false, true));
        assert_eq!(n("應從 3方面着手：一、要有宏觀政策；二、要提供融資；三、要培訓人才。"), (3, 3, false, true));
        assert_eq!(
            n(
                "This Package will have three prongs: first, to address our immediate needs; second, to support workers; third, to target support for sectors."
            ),
            (3, 3, false, true)
        );
        assert_eq!(n("有兩項要注意。首先，要加強監管。其次，要保障市民。"), (2, 2, false, true));
        // Over several paragraphs, a series says only that there are at least as many items.
        assert_eq!(
            n(
                "We need to do this at three levels. First, we must do A.\n\nSecond, we must do B.\n\nAnd third, we must do C.\n\nThis Budget contains measures.\n"
            ),
            (3, 3, true, true)
        );
        // A series inside a paragraph ends with it, not at a `Third` that opens a later one; that
        // `Third` may still be its item, so the list is not judged.
        let text = "REAP has two components: first, a nation-wide effort; and second, a financial support scheme.\n\nThird, we will fine-tune our policies.\n";
        assert_eq!(n(text), (0, 0, false, false));
        let text = "REAP has two components: first, a nation-wide effort; and second, a financial support scheme.\n\nWe will fine-tune our policies.\n";
        assert_eq!(n(text), (2, 2, false, true));
        // `這 3項指控。首先…`: a count that refers back announces nothing.
        assert!(claims("我們認為這 3項指控卻完全站不住腳。首先，第一項指控不成立。其次，第二項也不成立。").is_empty());
    }

    #[test]
    fn the_next_sentence() {
        assert_eq!(
            one("政府今日委任六名新成員。新成員為甲、乙、丙、丁、戊及己。"),
            ("in the next sentence, after `為`".to_owned(), 6, 6, false, true)
        );
        assert_eq!(
            one("The Government today appointed five new members. The new members are Mr Aaron Bok, Mr Ronald Lam, Ms Elsa Yuen, Mr Tommy Tam and Mr Chris Zhao.").1,
            5
        );
    }

    #[test]
    fn stated_counts() {
        // Measures, ranges and rates are not numbers of items.
        assert!(claims("劃出青衣和屯門共 12公頃的土地。").is_empty());
        assert!(claims("修讀一至兩個選修科目，包括甲和乙。").is_empty());
        assert!(claims("The grants go to three organisations, namely A, B and C.").len() == 1);
    }
}
