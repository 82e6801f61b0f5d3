//! A total and its parts: what `sum-of-parts`, `subset-exceeds-total` and `percent-of-total`
//! share.
//!
//! A [`Breakdown`] is a stated total and the figures the paper gives as its parts. Three shapes
//! are read:
//!
//! - **inline**: a total, a word that opens its parts (`其中`, `當中`, `包括`, `including`,
//!   `comprising`, an opening bracket straight after the total) and the parts, joined by list
//!   words (`、`, `及`, `and`) or continued (`另有`) and closed (`其餘`, `the remaining`):
//!   `共四間…當中兩間…另外兩間`, `$76.6 billion (comprising $75.0 billion … and $1.6 billion …)`,
//!   `22項質詢(6項口頭質詢及16項書面質詢)`. A closed chain with no opening word takes as its total
//!   the nearest earlier figure of the same thing: `向八家虛擬銀行…一家虛擬銀行…另有四家…其餘三家`.
//!   A total may also come first: `Of the 500 applications, 300 … the remaining 150`, `在 500
//!   宗申請中，300 宗…`.
//! - **items**: a total in the lines that introduce an enumerated list (`(一)`, `(a)`), and the
//!   figure each item opens with: `獲批准的項目有66項…包括：(一) 19項…及31項…(二) 16項…`.
//! - **table**: the cells of a column above a row labelled `TOTAL`, `合計`, `總計`.
//!
//! The words live in `rules/parts.toml`. Parts are Count or Money figures of the same classifier
//! (English: the same head noun, `6 oral questions and 16 written questions`) or currency as one
//! another; a total may use a broader classifier (`58個項目…28項…`), and a bare number straight
//! after an opening word counts what its total counts (`18 members, of whom 12 …`).
//!
//! ## What it does
//!
//! Not a rule itself: it reads every [`Breakdown`] of a paper once (cached on the document) and
//! the enumerated items `(一)`, `(a)`, for the three rules above and `list-count`.

use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::claims::support::{WordList, short};
use crate::document::{BlockKind, Document, Figure, FigureKind, LabelStyle};
use crate::parse::chars::is_han;
use crate::parse::vocab::vocabulary;
use crate::quantity::{Interval, Q, fmt_grouped, parse_decimal};
use crate::source::Span;

const PARTS_TOML: &str = include_str!("../../rules/parts.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWords {
    openers: Vec<String>,
    closing_openers: Vec<String>,
    chain_openers: Vec<String>,
    connectors: Vec<String>,
    continuers: Vec<String>,
    closers: Vec<String>,
    weak_closers: Vec<String>,
    not_frames: Vec<String>,
    not_connectors: Vec<String>,
    relation_words: Vec<String>,
    rate_tail_words: Vec<String>,
    overlap_words: Vec<String>,
    total_rows: Vec<String>,
    subtotal_rows: Vec<String>,
    total_columns: Vec<String>,
    total_lines: Vec<String>,
    generic_classifiers: Vec<String>,
    people_classifiers: Vec<String>,
    share_of: Vec<String>,
    total_words: Vec<String>,
    name_stops: Vec<String>,
    share_links: Vec<String>,
    exclusions: Vec<String>,
    restating: Vec<String>,
    anaphors: Vec<String>,
    pointers: Vec<String>,
    whole_periods: Vec<String>,
    net_totals: Vec<String>,
    period_words: Vec<String>,
    thresholds: Vec<String>,
    frame_leads: Vec<String>,
    frame_verbs: Vec<String>,
    frame_haves: Vec<String>,
    frame_respectively: Vec<String>,
    frame_joins: Vec<String>,
    closing_totals: Vec<String>,
    part_of_whole: Vec<String>,
    lists: crate::claims::lists::RawListWords,
}

/// A word list of `rules/parts.toml`.
#[derive(Debug)]
pub struct Words {
    list: WordList,
}

impl Words {
    fn new(words: Vec<String>) -> Self {
        Words { list: WordList::new(words) }
    }
    /// Every occurrence (non-overlapping, leftmost-longest).
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        self.list.find_all(text)
    }
    /// Where a word that `text` ends with starts.
    pub fn ends(&self, text: &str) -> Option<usize> {
        self.list.ends(text)
    }
    /// The list itself, for a scan that looks for several lists at once
    /// ([`WordList::find_all_each`]).
    pub fn list(&self) -> &WordList {
        &self.list
    }
}

/// The words of `rules/parts.toml`.
#[derive(Debug)]
pub struct PartsWords {
    pub openers: Words,
    pub closing_openers: Words,
    pub chain_openers: Words,
    pub connectors: Words,
    pub continuers: Words,
    pub closers: Words,
    /// Closing words that close only a list an opening word began.
    pub weak_closers: Vec<String>,
    /// Nouns ending in `中` that open no frame (`高中`).
    pub not_frames: Vec<String>,
    pub not_connectors: Words,
    pub relation_words: Words,
    pub rate_tail_words: Words,
    pub overlap_words: WordList,
    pub total_rows: Vec<String>,
    /// Labels of a row that totals the rows since the last such row (`Sub-total`, `小計`).
    pub subtotal_rows: Vec<String>,
    /// Words that open a line giving the total of the items listed above it (`Total:`).
    pub total_lines: Vec<String>,
    /// Words in a table's heading that say some column is a total.
    pub total_columns: Vec<String>,
    pub generic_classifiers: Vec<String>,
    pub people_classifiers: Vec<String>,
    pub share_of: WordList,
    pub total_words: WordList,
    pub name_stops: WordList,
    pub share_links: WordList,
    pub exclusions: WordList,
    pub restating: WordList,
    /// Openers that point back at the whole just named (`Of these`, `among them`).
    pub anaphors: WordList,
    /// Subjects that point back at the whole just named (`This` in `This includes`).
    pub pointers: WordList,
    /// Period words that name a whole span of their own (`全年`).
    pub whole_periods: WordList,
    pub net_totals: WordList,
    pub period_words: WordList,
    pub thresholds: WordList,
    /// Words that open a sentence before a whole its part follows (`Of the`, `Among the`).
    pub frame_leads: Vec<String>,
    /// Verbs between an English frame's whole and its part (`Among the 2,130 participants were`),
    /// and straight after a part that counts what its whole counts (`30 recorded …`).
    pub frame_verbs: WordList,
    /// Words between a Chinese frame (`…中`) and its part (`有`, `分別有`).
    pub frame_haves: WordList,
    /// Words after a frame of several wholes that give one part to each (`分別有`, `respectively`).
    pub frame_respectively: WordList,
    /// Words that join the wholes, and the parts, of such a frame.
    pub frame_joins: WordList,
    /// Words straight before a total that follows its parts (`，共`, `, totalling`).
    pub closing_totals: WordList,
    /// Words straight between a part and its whole (`out of a total of`, `of the`).
    pub part_of_whole: WordList,
    /// The `[lists]` tables: what `crate::claims::lists` reads lists with.
    pub lists: crate::claims::lists::ListWords,
}

impl PartsWords {
    fn from_toml(s: &str) -> Result<PartsWords, String> {
        let r: RawWords = toml::from_str(s).map_err(|e| e.to_string())?;
        Ok(PartsWords {
            openers: Words::new(r.openers),
            closing_openers: Words::new(r.closing_openers),
            chain_openers: Words::new(r.chain_openers),
            connectors: Words::new(r.connectors),
            continuers: Words::new(r.continuers),
            closers: Words::new(r.closers),
            weak_closers: r.weak_closers,
            not_frames: r.not_frames,
            not_connectors: Words::new(r.not_connectors),
            relation_words: Words::new(r.relation_words),
            rate_tail_words: Words::new(r.rate_tail_words),
            overlap_words: WordList::new(r.overlap_words),
            total_rows: r.total_rows.into_iter().map(|w| w.to_lowercase()).collect(),
            subtotal_rows: r.subtotal_rows.into_iter().map(|w| w.to_lowercase()).collect(),
            total_columns: r.total_columns.into_iter().map(|w| w.to_lowercase()).collect(),
            total_lines: r.total_lines.into_iter().map(|w| w.to_lowercase()).collect(),
            generic_classifiers: r.generic_classifiers,
            people_classifiers: r.people_classifiers,
            share_of: WordList::new(r.share_of),
            total_words: WordList::new(r.total_words),
            name_stops: WordList::new(r.name_stops),
            share_links: WordList::new(r.share_links),
            exclusions: WordList::new(r.exclusions),
            restating: WordList::new(r.restating),
            anaphors: WordList::new(r.anaphors),
            pointers: WordList::new(r.pointers),
            whole_periods: WordList::new(r.whole_periods),
            net_totals: WordList::new(r.net_totals),
            period_words: WordList::new(r.period_words),
            thresholds: WordList::new(r.thresholds),
            frame_leads: r.frame_leads,
            frame_verbs: WordList::new(r.frame_verbs),
            frame_haves: WordList::new(r.frame_haves),
            frame_respectively: WordList::new(r.frame_respectively),
            frame_joins: WordList::new(r.frame_joins),
            closing_totals: WordList::new(r.closing_totals),
            part_of_whole: WordList::new(r.part_of_whole),
            lists: crate::claims::lists::ListWords::new(r.lists),
        })
    }
}

/// A configured word list, refusing an empty word (it would match everywhere).
pub fn word_list(words: Vec<String>, option: &str) -> Result<WordList, String> {
    if words.iter().any(|w| w.trim().is_empty()) {
        return Err(format!("`{option}` contains an empty word"));
    }
    Ok(WordList::new(words))
}

/// The built-in words.
pub fn words() -> &'static PartsWords {
    static W: LazyLock<PartsWords> = LazyLock::new(|| {
        // Compiled in and checked by `tests::embedded_words_parse`: a failure is a build defect,
        // never something input can cause.
        PartsWords::from_toml(PARTS_TOML).expect("embedded rules/parts.toml is valid")
    });
    &W
}

/// Where a breakdown was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Inline,
    Items,
    /// A table's total row (a `TOTAL` row of a pipe table, or a `Total`, `小計` row of a table
    /// read from its layout).
    Table,
    /// Figures that name every member of a whole a reader knows (`進口` and `出口`).
    Partition,
    /// A table's total column: the marker says which columns it totals.
    TableColumn,
    /// A line that opens with a total word after the items it totals (`Total: $96,780.`).
    TotalLine,
}

/// A stated total and the figures given as its parts, by index into [`Document::figures`].
#[derive(Debug, Clone)]
pub struct Breakdown {
    pub total: usize,
    pub parts: Vec<usize>,
    /// The paper says the parts are all of the total (`comprising`, `其餘`, a table's total row).
    pub closed: bool,
    pub shape: Shape,
    /// The word that ties the parts to the total, as normalised: `其中`, `(comprising`, `其餘`.
    pub marker: String,
    /// Why the breakdown is read but not judged (a table whose total does not close in most
    /// of its columns may be read wrongly).
    pub doubt: Option<String>,
}

impl Breakdown {
    /// Is some part followed by a word that says what it involves (`60 宗涉及詐騙`)? Such parts
    /// may overlap, so they need not add up to no more than the total.
    pub fn may_overlap(&self, doc: &Document) -> bool {
        let w = words();
        self.parts.iter().any(|&p| {
            let rest = doc.norm.text.get(doc.figures[p].norm.end..).unwrap_or("");
            let rest = rest.trim_start();
            // The part's own noun may come first (`60 宗個案涉及…`).
            let skip = rest.char_indices().take_while(|(_, c)| is_han(*c)).take(4).map(|(i, c)| i + c.len_utf8());
            std::iter::once(0).chain(skip).any(|k| w.overlap_words.at(rest, k).is_some())
        })
    }

    /// How the breakdown was recognised, in words: `` `其中` ``, `the bracket after it`.
    pub fn how(&self) -> String {
        let m = self.marker.trim_start_matches(['(', '（']).trim();
        match self.shape {
            Shape::Table => format!("the `{m}` row"),
            Shape::Partition if self.closed => format!("`{m}`, which together make up the whole"),
            Shape::Partition => format!("`{m}`, a part of the whole named beside it"),
            Shape::TableColumn => m.to_owned(),
            Shape::TotalLine => format!("the `{m}` line after the items"),
            _ if m.is_empty() => "the bracket after it".to_owned(),
            Shape::Items => format!("`{m}` and the items that follow"),
            Shape::Inline => format!("`{m}`"),
        }
    }
}

/// Every breakdown in the paper, in order of their totals (read once per document, by
/// [`crate::claims::Claims::breakdowns`]).
pub(crate) fn read_breakdowns(claims: &crate::claims::Claims) -> Vec<Breakdown> {
    let doc = claims.doc;
    let w = words();
    let mut out = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        if b.kind != BlockKind::TableRow {
            inline(doc, w, bi, &mut out);
        }
    }
    items(doc, claims.items(), w, &mut out);
    respective_frames(doc, w, &mut out);
    parts_of_wholes(doc, w, &mut out);
    parts_pointing_back(doc, w, &mut out);
    bracketed_parts(doc, w, &mut out);
    total_lines(doc, w, &mut out);
    crate::claims::partitions::read(doc, &mut out);
    tables(doc, w, &mut out);
    crate::claims::tables::read(doc, w, &mut out);
    out.sort_by_key(|b| (b.total, b.parts.first().copied()));
    out
}

/// A figure that can be a total or a part in running text.
pub fn eligible(f: &Figure) -> bool {
    matches!(f.kind, FigureKind::Count { .. } | FigureKind::Money { .. })
}

fn classifier(f: &Figure) -> Option<&str> {
    match &f.kind {
        FigureKind::Count { classifier } => Some(classifier),
        _ => None,
    }
}

/// The Han characters straight after a figure, at most `max` of them: for a Chinese count,
/// its noun and usually a little more (`虛擬銀行發出`).
pub fn han_after<'d>(doc: &'d Document, f: &Figure, max: usize) -> &'d str {
    let rest = doc.norm.text.get(f.norm.end..).unwrap_or("");
    let end = rest.char_indices().take_while(|(_, c)| is_han(*c)).take(max).last().map_or(0, |(i, c)| i + c.len_utf8());
    &rest[..end]
}

/// Do two Chinese counts name the same thing? Their nouns share the first two characters.
pub fn same_noun(doc: &Document, a: &Figure, b: &Figure) -> bool {
    let (x, y) = (han_after(doc, a, 6), han_after(doc, b, 6));
    let common = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
    common >= 2
}

/// An English count's head noun: the parser stops at the first word it does not know as an
/// adjective (`6 oral` of `6 oral questions`), so read on over up to two more lowercase words,
/// and drop a plural `s`.
pub fn en_head(doc: &Document, f: &Figure) -> Option<String> {
    let FigureKind::Count { classifier } = &f.kind else { return None };
    if !classifier.is_ascii() {
        return None;
    }
    let v = vocabulary();
    let rest = doc.norm.text.get(f.norm.end..).unwrap_or("");
    let mut head = classifier.to_lowercase();
    // A punctuation mark straight after the noun ends it (`420 members, including …`).
    let rest = if rest.starts_with(' ') { rest } else { "" };
    for w in rest.split(' ').skip(1).take(2) {
        let clean = w.trim_end_matches([',', ';', '.', ')', ':', '\n', '）', '，']);
        if clean.is_empty()
            || !clean.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            || v.en_stopwords.contains(clean)
            || words().relation_words.find_all(clean).first().is_some_and(|r| r.len() == clean.len())
        {
            break;
        }
        // `30 provinces recorded price increases`, `2,130 participants include …`: a verb after a
        // plural noun ends it.
        let pw = words();
        let whole = |l: &WordList| l.at(clean, 0) == Some(clean.len());
        let verb = clean.len() > 4 && clean.ends_with("ed")
            || whole(&pw.frame_verbs)
            || [&pw.openers, &pw.closing_openers].iter().any(|l| whole(l.list()));
        if verb && head.ends_with('s') {
            break;
        }
        head = clean.to_owned();
        if clean.len() != w.len() {
            break;
        }
    }
    Some(head.strip_suffix('s').map(str::to_owned).unwrap_or(head))
}

/// Do two figures count the same kind of thing? Chinese counts by classifier, English counts by
/// head noun, money by currency.
pub fn same_kind(doc: &Document, a: &Figure, b: &Figure) -> bool {
    match (en_head(doc, a), en_head(doc, b)) {
        (Some(x), Some(y)) => x == y,
        _ => a.kind == b.kind,
    }
}

/// Can `part` be a part of `total`? Same classifier or currency; a total whose noun starts with
/// the part's classifier (`58個項目` / `28項`); and, for a bare part straight after its opening
/// word (`九宗…其中六項`), any two classifiers that count generic items.
fn fits(doc: &Document, w: &PartsWords, total: &Figure, part: &Figure, bare: bool) -> bool {
    if same_kind(doc, total, part) {
        return true;
    }
    // `18 members, of whom 12 are …`: a bare number counts what its total counts.
    if bare && part.kind == FigureKind::Number && matches!(total.kind, FigureKind::Count { .. }) {
        return true;
    }
    if noun_names(doc, total, part) {
        return true;
    }
    // `2,130 名參加者…950 人`, `2,130 participants, including 950 women`: both count people.
    if counts_people(doc, total) && counts_people(doc, part) {
        return true;
    }
    let (Some(ct), Some(cp)) = (classifier(total), classifier(part)) else {
        return false;
    };
    let generic = |c: &str| w.generic_classifiers.iter().any(|g| g == c);
    bare && generic(ct) && generic(cp)
}

/// Does the figure count people: a Chinese classifier (`名`, `人`) or an English head noun
/// (`participants`, `women`) of `people-classifiers`?
pub fn counts_people(doc: &Document, f: &Figure) -> bool {
    let w = words();
    match (&f.kind, en_head(doc, f)) {
        (_, Some(head)) => w.people_classifiers.contains(&head),
        (FigureKind::Count { classifier }, None) => w.people_classifiers.contains(classifier),
        _ => false,
    }
}

/// Is the figure followed by its noun and `中，` (`156个重要项目中，`): the whole of a frame?
fn opens_frame(doc: &Document, f: &Figure) -> bool {
    let noun = han_after(doc, f, 10);
    let rest = doc.norm.text.get(f.norm.end + noun.len()..).unwrap_or("");
    let word = words().not_frames.iter().any(|w| noun.ends_with(w.as_str()));
    !word && (noun.ends_with('中') && rest.starts_with(['，', ',']) || noun.ends_with("之中"))
}

/// Does the noun after a total name what a Chinese part counts? `58個項目` / `28項`: it starts
/// with the part's classifier; `1 600萬訪港旅客人次中` / `九百多萬人次`: it ends with it.
fn noun_names(doc: &Document, total: &Figure, part: &Figure) -> bool {
    let Some(cp) = classifier(part).filter(|c| !c.is_ascii()) else { return false };
    let noun = han_after(doc, total, 8);
    let noun = noun.strip_suffix("之中").or_else(|| noun.strip_suffix('中')).unwrap_or(noun);
    noun.starts_with(cp) || (noun.chars().count() > cp.chars().count() && noun.ends_with(cp))
}

/// Text that names something without relating figures: Han, Latin letters, spaces, quotes.
fn noun_like(s: &str, max_han: usize, max_words: usize) -> bool {
    let ok = s.chars().all(|c| {
        is_han(c)
            || c.is_alphabetic()
            || matches!(c, ' ' | '-' | '/' | '\'' | '’' | '‘' | '“' | '”' | '"' | '「' | '」' | '『' | '』' | '&')
    });
    let han = s.chars().filter(|c| is_han(*c)).count();
    let words = s.split_whitespace().filter(|t| t.chars().any(|c| c.is_ascii_alphabetic())).count();
    ok && han <= max_han && words <= max_words
}

/// The gap text with a qualifier that belongs to the next figure (`約`, `more than`) removed.
fn strip_qualifier(gap: &str) -> &str {
    let t = gap.trim_end();
    match vocabulary().qualifiers.suffix_of(t) {
        Some((q, _)) => t[..t.len() - q.len()].trim_end(),
        None => t,
    }
}

/// The last occurrence of a word of `list` in `text`, skipping words that only look like one.
fn last_word(w: &PartsWords, list: &Words, text: &str) -> Option<Range<usize>> {
    let found = list.find_all(text);
    if found.is_empty() {
        return None;
    }
    // `不包括` excludes what follows: it opens no parts, though `包括` does.
    let mut masked: Vec<Range<usize>> = w.not_connectors.find_all(text);
    masked.extend(w.exclusions.find_all(text));
    found.into_iter().rev().find(|r| !masked.iter().any(|m| m.start <= r.start && r.start < m.end))
}

fn sentence_of(doc: &Document, f: &Figure) -> Option<usize> {
    doc.sentence_at(f.norm.start)
}

/// How one part follows the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    /// `、`, `及`, `and`.
    Connector,
    /// `另有`.
    Continue,
    /// `其餘`, `另外`, `the remaining`: the last part.
    Close,
}

/// `6,052 億元，增長 15.5%；積體電路 9,051.8 億元`: the clause after part `a` states only its own
/// change (direction words and percentages), ending at a `；`. The gap after that clause.
fn rate_tail<'g>(doc: &Document, w: &PartsWords, a: usize, b: usize, gap: &'g str) -> Option<&'g str> {
    let sep = gap.find(['；', ';'])?;
    let base = doc.figures[a].norm.end;
    let inside = &doc.figures[a + 1..b];
    if inside.is_empty()
        || inside
            .iter()
            .any(|f| !matches!(f.kind, FigureKind::Percent | FigureKind::PercentagePoints) || f.norm.end > base + sep)
    {
        return None;
    }
    // What is left of the clause once its figures and its words are taken out.
    let mut rest = String::with_capacity(sep);
    let mut at = 0;
    for f in inside {
        rest.push_str(gap.get(at..f.norm.start - base)?);
        rest.push(' ');
        at = f.norm.end - base;
    }
    rest.push_str(gap.get(at..sep)?);
    let mut words = w.relation_words.find_all(&rest);
    words.extend(w.rate_tail_words.find_all(&rest));
    words.sort_by_key(|r| r.start);
    let mut left = String::new();
    let mut k = 0;
    for r in words {
        if r.start >= k {
            left.push_str(&rest[k..r.start]);
            k = r.end;
        }
    }
    left.push_str(&rest[k..]);
    let clean = left.chars().all(|c| c.is_whitespace() || "，,、".contains(c));
    let starts = gap.trim_start().starts_with(['，', ',']);
    (clean && starts).then(|| &gap[sep..])
}

fn link(doc: &Document, w: &PartsWords, a: usize, b: usize, in_paren: bool) -> Option<Link> {
    let (fa, fb) = (&doc.figures[a], &doc.figures[b]);
    if !same_kind(doc, fa, fb) || fb.norm.start < fa.norm.end {
        return None;
    }
    let gap = doc.norm.text.get(fa.norm.end..fb.norm.start)?;
    if gap.contains('\n') {
        return None;
    }
    if in_paren && gap.contains([')', '）']) || !in_paren && gap.contains(['(', '（']) {
        return None;
    }
    // `…；苏联为我国设计的156个重要项目中，…`: a figure that opens a frame of its own (`X 中，`,
    // `among X`) is the whole of what follows, not a sibling of the parts before.
    if opens_frame(doc, fb) {
        return None;
    }
    let (between, t) = match rate_tail(doc, w, a, b, gap) {
        // `汽車 6,052 億元，增長 15.5%；積體電路…`: the part's own change passed over.
        Some(rest) => (&doc.figures[b..b], strip_qualifier(rest)),
        None => (&doc.figures[a + 1..b], strip_qualifier(gap)),
    };
    let same_sentence = sentence_of(doc, fa) == sentence_of(doc, fb);
    if !w.relation_words.find_all(t).is_empty() {
        // A relation word may sit before a closing word (`已正式開業，另有`) but not after it.
        let last_rel = w.relation_words.find_all(t).last().map_or(0, |r| r.end);
        let last_close = last_word(w, &w.closers, t).map_or(0, |r| r.start);
        if last_rel > last_close {
            return None;
        }
    }
    // The last part: `其餘三家`, `the remaining $300`, possibly a sentence later.
    if let Some(c) = last_word(w, &w.closers, t)
        && noun_like(&t[c.end..], 6, 2)
        && between.iter().all(|f| !eligible(f))
        && t.len() <= 160
    {
        let sentences =
            doc.sentence_at(fb.norm.start).zip(sentence_of(doc, fa)).map_or(9, |(x, y)| x.saturating_sub(y));
        // `當中兩間…，另外兩間…` closes the list; `其中，有 10 個…。另外 164 個…` in a sentence of
        // its own adds one more, and the list may go on (`至於餘下 59 個…`).
        let weak = w.weak_closers.iter().any(|x| x.as_str() == &t[c.clone()]);
        if sentences == 0 || sentences == 1 && !weak {
            return Some(Link::Close);
        }
        if sentences == 1 {
            return Some(Link::Continue);
        }
    }
    if !same_sentence {
        return None;
    }
    if let Some(c) = last_word(w, &w.continuers, t)
        && noun_like(&t[c.end..], 4, 1)
        && between.iter().all(|f| !eligible(f))
        && t.len() <= 120
    {
        return Some(Link::Continue);
    }
    if !between.is_empty() {
        return None;
    }
    let c = last_word(w, &w.connectors, t)?;
    let (left, right) = (&t[..c.start], &t[c.end..]);
    (noun_like(left, 16, 6) && noun_like(right, 12, 4)).then_some(Link::Connector)
}

/// Are figures `a` and `b` two items of one list (`9所小學、5所中學`, `nine primary schools, five
/// secondary schools`)?
pub fn joined(doc: &Document, w: &PartsWords, a: usize, b: usize) -> bool {
    link(doc, w, a, b, false) == Some(Link::Connector)
}

/// The word before figure `i` that opens a list of parts, if any: its range in the normalised
/// text, whether it says the list is complete, whether only a closing word can complete it,
/// whether it is a bracket, and whether the part is bare (nothing between word and figure).
struct Opener {
    range: Range<usize>,
    closing: bool,
    chain: bool,
    paren: bool,
    bare: bool,
    /// The word opens its sentence (`…1,480萬港元。當中，一個…`): the total may be in the
    /// sentence before.
    initial: bool,
    /// An English frame (`Of the 31 provinces, 30 …`): the part counts what the whole counts
    /// when a verb follows it straight (`30 recorded increases`, `830 were approved`).
    frame: bool,
}

fn opener_before(doc: &Document, w: &PartsWords, i: usize) -> Option<Opener> {
    let f = &doc.figures[i];
    let sent = doc.sentence_at(f.norm.start).map(|s| doc.sentences[s].norm.start).unwrap_or(f.norm.start);
    let prev_end = i.checked_sub(1).map(|p| doc.figures[p].norm.end).filter(|&e| e <= f.norm.start).unwrap_or(0);
    // An opening word is close to its part: look no further back than a short noun phrase.
    let near = crate::source::floor_char_boundary(&doc.norm.text, f.norm.start.saturating_sub(96));
    let lo = sent.max(prev_end).max(near);
    let t = strip_qualifier(doc.norm.text.get(lo..f.norm.start)?);
    let found = [
        (last_word(w, &w.openers, t), false, false),
        (last_word(w, &w.closing_openers, t), true, false),
        (last_word(w, &w.chain_openers, t), false, true),
    ];
    let word = found.into_iter().filter_map(|(r, c, ch)| r.map(|r| (r, c, ch))).max_by_key(|x| (x.0.end, x.0.len()));
    // `當中，一個…`, `其中，汽車 6,052 億元`: a comma straight after the word still opens the parts.
    let after_word = |r: &Range<usize>| t[r.end..].trim_start_matches(['，', ',', ' ']);
    if let Some((r, closing, chain)) = word
        && (noun_like(&t[r.end..], 10, 4) || noun_like(after_word(&r), 16, 4) || after_word(&r).is_empty())
    {
        // `(comprising …`, `(包括 …`: the bracket belongs to the opening word.
        let paren_at = t[..r.start].trim_end().strip_suffix(['(', '（']).map(str::len);
        return Some(Opener {
            range: lo + paren_at.unwrap_or(r.start)..lo + r.end,
            closing,
            chain,
            paren: paren_at.is_some(),
            bare: after_word(&r).trim().is_empty(),
            initial: lo == sent && {
                // `This includes $421 million`: a subject that points back opens the sentence.
                let subject = t[..r.start].trim();
                subject.is_empty()
                    || w.pointers.find_all(subject).iter().any(|p| p.start == 0 && p.end == subject.len())
            },
            frame: false,
        });
    }
    bracket_only(t, lo).or_else(|| total_first(doc, w, i))
}

/// `Of the 500 applications, 300 were …`, `在 500 宗申請中，300 宗…`: the total comes first and
/// its parts follow a comma.
fn total_first(doc: &Document, w: &PartsWords, i: usize) -> Option<Opener> {
    let f = &doc.figures[i];
    let p = i.checked_sub(1)?;
    let pf = &doc.figures[p];
    let sent = doc.sentence_at(f.norm.start)?;
    if doc.sentence_at(pf.norm.start) != Some(sent) || !eligible(pf) {
        return None;
    }
    let sent_start = doc.sentences[sent].norm.start;
    let gap = strip_qualifier(doc.norm.text.get(pf.norm.end..f.norm.start)?).trim();
    let lead = doc.norm.text.get(sent_start..pf.norm.start)?.trim_end();
    // Only ASCII letters lower-case to these (the Kelvin sign's `k` is in none of them).
    let english = w.frame_leads.iter().any(|l| lead.eq_ignore_ascii_case(l)) && english_frame_gap(w, gap);
    // `中，` before the part, or `中` and a word for "there are" (`中有`, `中，分別有`), perhaps
    // with the part's subject before that word (`在 2,130 名參加者中，女性有 852 人`).
    let frame = match w.frame_haves.ends(gap) {
        Some(k) => {
            let g = gap[..k].trim_end();
            let g = g.strip_suffix(['，', ',']).unwrap_or(g).trim_end();
            match g.rfind("中，").or_else(|| g.rfind("中,")) {
                Some(c) if !g.ends_with('中') => {
                    let subject = g[c + '中'.len_utf8()..].trim_start_matches(['，', ',']).trim();
                    let plain = noun_like(subject, 4, 0) && w.relation_words.find_all(subject).is_empty();
                    if plain { &g[..c + '中'.len_utf8()] } else { g }
                }
                _ => g,
            }
        }
        None => gap.strip_suffix(['，', ',']).unwrap_or_default(),
    };
    let chinese = frame.strip_suffix('中').is_some_and(|noun| noun_like(noun, 10, 0)) && chinese_frame_lead(lead);
    let range = match (english, chinese) {
        (true, _) => sent_start..sent_start + lead.len(),
        // The marker: `在` straight before the whole, else the frame's `中` and what follows.
        (false, true) if lead.ends_with('在') => pf.norm.start - '在'.len_utf8()..pf.norm.start,
        (false, true) => {
            let raw = doc.norm.text.get(pf.norm.end..f.norm.start)?;
            let at = pf.norm.end + raw.rfind('中')?;
            let end = pf.norm.end + raw.trim_end().len();
            at..end
        }
        _ => return None,
    };
    Some(Opener { range, closing: false, chain: false, paren: false, bare: true, initial: false, frame: english })
}

/// The gap of an English frame between its whole and its part: a comma, or a verb after `among`
/// (`Among the 2,130 participants were 950 women`), with at most a few words of the whole's noun
/// before it (`Of the 1,250 applications received, 830 …`).
fn english_frame_gap(w: &PartsWords, gap: &str) -> bool {
    let g = gap.trim_end();
    let (g, verb) = match w.frame_verbs.ends(g) {
        Some(k) if k == 0 || g[..k].ends_with([' ', ',']) => (g[..k].trim_end(), true),
        _ => (g, false),
    };
    let (g, comma) = match g.strip_suffix(',') {
        Some(g) => (g.trim_end(), true),
        None => (g, false),
    };
    (verb || comma) && g.is_ascii() && noun_like(g, 0, 4)
}

/// What may stand before the whole of a Chinese frame in its clause: `在` and a few words
/// (`在全港 18 區中`, `在收到的 1,250 宗申請中`), or only a few words that name no relation
/// (`全國 31 個省份中有 30 個`, `全港 18 區中，12 區…`). A whole that is a change or a comparison's
/// reference is refused where the total is chosen (`net_total`, `compared_with`).
fn chinese_frame_lead(lead: &str) -> bool {
    let clause = lead.rfind(['，', ',', '。', '；', ';', '：', ':']).map_or(lead, |k| {
        let c = lead[k..].chars().next().map_or(1, char::len_utf8);
        &lead[k + c..]
    });
    let clause = clause.trim();
    match clause.rfind('在') {
        Some(k) => noun_like(clause[k + '在'.len_utf8()..].trim(), 8, 0),
        None => noun_like(clause, 8, 0),
    }
}

/// `$130 000 out of a total of $150 000`, `1,236 of the 1,512 students`: a figure, a word that
/// makes it part of a whole, and the whole straight after. An open breakdown of one part.
fn parts_of_wholes(doc: &Document, w: &PartsWords, out: &mut Vec<Breakdown>) {
    for i in 1..doc.figures.len() {
        let (part, whole) = (&doc.figures[i - 1], &doc.figures[i]);
        if !eligible(whole) || !(eligible(part) || part.kind == FigureKind::Number && part.value.is_integer()) {
            continue;
        }
        let Some(gap) = doc.norm.text.get(part.norm.end..whole.norm.start) else { continue };
        let gap = strip_qualifier(gap).trim();
        if w.part_of_whole.at(gap, 0) != Some(gap.len()) || !fits(doc, w, whole, part, true) {
            continue;
        }
        out.push(Breakdown {
            total: i,
            parts: vec![i - 1],
            closed: false,
            shape: Shape::Inline,
            marker: gap.to_owned(),
            doubt: None,
        });
    }
}

/// `1,250 applications, 830 of which were approved`, `2,130 participants, 950 of whom are
/// women`: a whole, a comma, then a part a word after it points back at the whole with. An
/// open breakdown of one part.
fn parts_pointing_back(doc: &Document, w: &PartsWords, out: &mut Vec<Breakdown>) {
    let text = &doc.norm.text;
    for i in 1..doc.figures.len() {
        let (whole, part) = (&doc.figures[i - 1], &doc.figures[i]);
        if !eligible(whole) || !(eligible(part) || part.kind == FigureKind::Number && part.value.is_integer()) {
            continue;
        }
        let Some(after) = text.get(part.norm.end..).and_then(|r| r.strip_prefix(' ')) else { continue };
        let Some(k) = w.anaphors.at(after, 0) else { continue };
        if after[k..].starts_with(|c: char| c.is_alphanumeric()) || sentence_of(doc, whole) != sentence_of(doc, part) {
            continue;
        }
        // The whole's noun may run on a few words before the comma (`applications received,`).
        let Some(gap) = text.get(whole.norm.end..part.norm.start).map(str::trim) else { continue };
        let Some(noun) = gap.strip_suffix(',') else { continue };
        if !noun.is_ascii() || !noun_like(noun.trim(), 0, 4) || !fits(doc, w, whole, part, true) {
            continue;
        }
        out.push(Breakdown {
            total: i - 1,
            parts: vec![i],
            closed: false,
            shape: Shape::Inline,
            marker: after[..k].to_owned(),
            doubt: None,
        });
    }
}

/// `housing ($1.2 billion) and transport ($0.9 billion) total $2.1 billion`, `房屋（12億元）及運輸
/// （9億元）合共 21 億元`: parts each alone in brackets after its name, joined as one list, then a
/// word that totals them. A closed breakdown.
fn bracketed_parts(doc: &Document, w: &PartsWords, out: &mut Vec<Breakdown>) {
    let text = &doc.norm.text;
    let alone = |f: &Figure| {
        let before = text.get(..f.norm.start).unwrap_or("").trim_end();
        let after = text.get(f.norm.end..).unwrap_or("").trim_start();
        before.ends_with(['(', '（']) && after.starts_with([')', '）'])
    };
    let mut i = 0;
    while i < doc.figures.len() {
        let f = &doc.figures[i];
        if !eligible(f) || !alone(f) {
            i += 1;
            continue;
        }
        let mut parts = vec![i];
        let mut j = i + 1;
        let mut total = None;
        while let Some(g) = doc.figures.get(j) {
            let last = &doc.figures[parts[parts.len() - 1]];
            let Some(gap) = text.get(last.norm.end..g.norm.start).filter(|t| !t.contains('\n')) else { break };
            let Some(inner) = gap.trim().strip_prefix([')', '）']).map(str::trim) else { break };
            // The next part: `) and transport (`.
            if let Some(mid) = inner.strip_suffix(['(', '（']) {
                let mid = mid.trim_end();
                let joined = last_word(w, &w.connectors, mid)
                    .is_some_and(|c| mid[..c.start].trim().is_empty() && noun_like(mid[c.end..].trim(), 12, 4));
                if !joined || !alone(g) || !same_kind(doc, last, g) {
                    break;
                }
                parts.push(j);
                j += 1;
                continue;
            }
            // The total: `) total`, `）合共`, perhaps after a short name for the whole (`）的撥款合共`).
            let word = inner.trim_start_matches(['，', ',']).trim();
            let named = w.closing_totals.ends(word).filter(|&k| {
                let name = word[..k].trim();
                !word[..k].ends_with(|c: char| c.is_ascii_alphabetic())
                    && noun_like(name, 6, 3)
                    && w.relation_words.find_all(name).is_empty()
            });
            if let Some(k) = named
                && parts.len() >= 2
                && eligible(g)
                && fits(doc, w, g, last, false)
            {
                total = Some((j, word[k..].to_owned()));
            }
            break;
        }
        if let Some((t, marker)) = total {
            out.push(Breakdown { total: t, parts, closed: true, shape: Shape::Inline, marker, doubt: None });
            i = t + 1;
        } else {
            i = j.max(i + 1);
        }
    }
}

/// How many wholes a frame of several may name (`在 728名和 1 464名兒童中`).
const FRAME_WHOLES: usize = 6;

/// How long (in bytes) the noun between a frame's last whole and its respectively word may be.
const FRAME_BYTES: usize = 160;

/// A whole or part of such a frame: an amount or a count, or a whole number whose noun is the
/// last one's (`the 728 and 1 464 participants`).
fn frame_figure(f: &Figure) -> bool {
    eligible(f) || f.kind == FigureKind::Number && f.value.is_integer()
}

/// `在 728名和 1 464名兒童中，分別有 721名 (99.0%)及 1 441名 (98.4%)`, `among the 728 and 1 464
/// participants of the first and second batch, respectively 721 (99.0%) and 1 441 (98.4%)`: a
/// frame of several wholes, then as many parts, one to each in order. Each pair is a whole and
/// one part of it; a share in brackets after a part is that part's share of its whole.
fn respective_frames(doc: &Document, w: &PartsWords, out: &mut Vec<Breakdown>) {
    let text = &doc.norm.text;
    for s in &doc.sentences {
        let a = doc.figures.partition_point(|f| f.norm.start < s.norm.start);
        let z = doc.figures.partition_point(|f| f.norm.start < s.norm.end);
        // Two wholes and two parts at least.
        if z - a < 4 {
            continue;
        }
        let sent = doc.norm_text(&s.norm);
        for m in w.frame_respectively.find_all(sent) {
            let at = s.norm.start + m.start;
            let k = doc.figures.partition_point(|f| f.norm.start < at);
            // The wholes: the run of figures the frame ends with, joined by joining words.
            let Some(last) = k.checked_sub(1).filter(|&l| l >= a && eligible(&doc.figures[l])) else { continue };
            let frame = &text[doc.figures[last].norm.end..at];
            // A frame's noun is a few words (`participants of the first and second batch`).
            if frame.len() > FRAME_BYTES {
                continue;
            }
            let chinese = frame.trim_end().trim_end_matches(['，', ',']).trim_end().strip_suffix('中');
            let english = frame.trim_end().strip_suffix(',');
            let noun_ok = match (chinese, english) {
                (Some(noun), _) => noun_like(noun.trim(), 10, 0),
                (None, Some(noun)) => noun_like(noun.trim(), 0, 12),
                _ => false,
            };
            if !noun_ok {
                continue;
            }
            let mut wholes = vec![last];
            while wholes.len() < FRAME_WHOLES {
                let first = wholes[wholes.len() - 1];
                let Some(prev) = first.checked_sub(1).filter(|&p| p >= a) else { break };
                let gap = text[doc.figures[prev].norm.end..doc.figures[first].norm.start].trim();
                if !frame_figure(&doc.figures[prev]) || w.frame_joins.at(gap, 0) != Some(gap.len()) {
                    break;
                }
                wholes.push(prev);
            }
            wholes.reverse();
            if wholes.len() < 2 {
                continue;
            }
            // English names the wholes after `among the`/`of the`.
            let lead = text[s.norm.start..doc.figures[wholes[0]].norm.start].trim_end();
            let led = w.frame_leads.iter().any(|l| {
                lead.len() >= l.len()
                    && lead.is_char_boundary(lead.len() - l.len())
                    && lead[lead.len() - l.len()..].eq_ignore_ascii_case(l)
            });
            if chinese.is_none() && !led {
                continue;
            }
            // The parts: as many figures after the word, joined by joining words; a share in
            // brackets after each is passed over.
            let mut parts = Vec::new();
            let mut j = k;
            let mut from = at + m.len();
            while parts.len() < wholes.len() && j < z {
                let f = &doc.figures[j];
                let gap = text[from..f.norm.start].trim();
                let joined = if parts.is_empty() {
                    gap.is_empty() || w.frame_haves.at(gap, 0) == Some(gap.len())
                } else {
                    w.frame_joins.at(gap, 0) == Some(gap.len())
                };
                if !joined || !frame_figure(f) {
                    break;
                }
                parts.push(j);
                from = f.norm.end;
                j += 1;
                // `721名 (99.0%)`: the part's share, in brackets.
                if let Some(p) = doc.figures.get(j).filter(|p| p.kind == FigureKind::Percent) {
                    let gap = text[from..p.norm.start].trim();
                    let close = text[p.norm.end..].trim_start();
                    if matches!(gap, "(" | "（") && close.starts_with([')', '）']) {
                        from = p.norm.end + (close.as_ptr() as usize - text[p.norm.end..].as_ptr() as usize) + 1;
                        j += 1;
                    }
                }
            }
            if parts.len() != wholes.len() {
                continue;
            }
            let marker = sent[m.clone()].to_owned();
            for (&t, &p) in wholes.iter().zip(&parts) {
                if same_kind(doc, &doc.figures[t], &doc.figures[p])
                    || fits(doc, w, &doc.figures[t], &doc.figures[p], true)
                {
                    out.push(Breakdown {
                        total: t,
                        parts: vec![p],
                        closed: false,
                        shape: Shape::Inline,
                        marker: marker.clone(),
                        doubt: None,
                    });
                }
            }
        }
    }
}

/// `T (P1 及 P2)`: a bracket straight before the first part, with nothing else in it yet.
fn bracket_only(t: &str, lo: usize) -> Option<Opener> {
    let p = t.rfind(['(', '（'])?;
    let open_len = t[p..].chars().next().map_or(1, char::len_utf8);
    let after = &t[p + open_len..];
    after.trim().is_empty().then_some(Opener {
        range: lo + p..lo + p + open_len,
        closing: true,
        chain: false,
        paren: true,
        bare: true,
        initial: false,
        frame: false,
    })
}

/// The total a list opened before part `i` belongs to.
fn total_for(doc: &Document, w: &PartsWords, i: usize, op: &Opener) -> Option<usize> {
    let f = &doc.figures[i];
    let block = doc.block_at(f.norm.start)?;
    let block_start = doc.blocks[block].norm.start;
    let sent = doc.sentence_at(f.norm.start)?;
    let first_sent = if op.initial { sent.saturating_sub(1) } else { sent };
    for j in (0..i).rev() {
        let t = &doc.figures[j];
        if t.norm.start < block_start {
            break;
        }
        if !op.chain && doc.sentence_at(t.norm.start).is_none_or(|s| s < first_sent) {
            break;
        }
        if op.paren {
            // The total stands straight before the bracket, with at most its noun between.
            let gap = doc.norm.text.get(t.norm.end..op.range.start).unwrap_or("");
            if !eligible(t) || !noun_like(gap.trim(), 10, 4) {
                return None;
            }
            return fits(doc, w, t, f, op.bare).then_some(j);
        }
        if net_total(doc, w, t) || compared_with(doc, t) {
            continue;
        }
        // `一個有誠信的政府`: `一` with a classifier is as often the article as a count; a
        // whole of one has no parts to check.
        if t.value == Q::from_integer(1.into()) && t.text(doc).starts_with('一') {
            continue;
        }
        let named = t.kind == FigureKind::Number && noun_names(doc, t, f);
        // `decided on 2 715 cases. Among them 1 330 petitions/appeals`: a word that points back
        // at the whole just named makes the count after it a part of that whole, whatever the
        // part's own noun.
        let pointed = op.bare && counts(t) && counts(f) && {
            let word = doc.norm.text.get(op.range.clone()).unwrap_or("");
            w.anaphors.find_all(word).iter().any(|r| r.start == 0 && r.end == word.len())
        };
        // `Of the 31 provinces, 30 recorded increases`: a part a verb follows straight counts
        // what its frame's whole counts, whatever noun the parser read after it.
        let framed = op.frame && counts(t) && verb_after(doc, w, f);
        if eligible(t) && (fits(doc, w, t, f, op.bare) || pointed || framed) || named {
            // `X，分為 A 及 B`, `X comprising A and B`: a word that says the parts are all of the
            // total follows the total, with at most its noun between. Further back, the figure is
            // another subject's (`遊行人數為 8 560人；…支持和反對的人數分別為13萬人和 6萬人`).
            if op.closing && !op.chain {
                let gap = doc.norm.text.get(t.norm.end..op.range.start).unwrap_or("");
                let gap = gap.trim().trim_end_matches(['，', ',', '：', ':']).trim_end();
                if !noun_like(gap, 12, 5) {
                    return None;
                }
            }
            return Some(j);
        }
    }
    None
}

/// Is the figure's number followed straight by a verb (`30 recorded …`, `830 were approved`)?
fn verb_after(doc: &Document, w: &PartsWords, f: &Figure) -> bool {
    let text = &doc.norm.text;
    let Some(num) = text.get(f.norm.start..f.norm.end) else { return false };
    let digits = num.find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '.' | ' '))).unwrap_or(num.len());
    let rest = &text[f.norm.start + num[..digits].trim_end().len()..];
    let Some(word) = rest.strip_prefix(' ').and_then(|r| r.split([' ', ',', '.']).next()) else { return false };
    let whole = w.frame_verbs.at(word, 0) == Some(word.len());
    whole || (word.len() > 4 && word.ends_with("ed") && word.chars().all(|c| c.is_ascii_lowercase()))
}

/// Is the figure a count of things (`2 715 cases`), not an amount, a rate or a span of time?
fn counts(f: &Figure) -> bool {
    matches!(f.kind, FigureKind::Count { .. })
}

/// Is the figure the reference of a comparison (`這與…每年只提供約 9 800個單位相比`, `compared
/// with 9,800 a year`)? The paper's topic is the other figure; a list of parts opened later
/// (`當中有 48 000個單位…`) belongs to it, not to the figure it was compared with.
fn compared_with(doc: &Document, t: &Figure) -> bool {
    let cw = crate::claims::changes::words();
    let text = &doc.norm.text;
    let hi = crate::source::floor_char_boundary(text, (t.norm.end + 24).min(text.len()));
    let after = text.get(t.norm.end..hi).unwrap_or("");
    let after = &after[..after.find(['，', ',', '。', '；', ';']).unwrap_or(after.len())];
    let lo = crate::source::floor_char_boundary(text, t.norm.start.saturating_sub(90));
    let before = text.get(lo..t.norm.start).unwrap_or("");
    let clause = before
        .rfind(['，', ',', '。', '；', ';'])
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let before = &before[clause..];
    // `與 A 相比`: an opening word before the figure, a closing one after it in the same clause.
    let zh = !cw.compare_close.find_all(after).is_empty() && !cw.compare_open.find_all(before).is_empty();
    // `compared with A`: the figure straight after the comparison word.
    let en = cw.compare.ends(before.trim_end().trim_end_matches(['$', '£', '€', '¥'])).is_some_and(|at| {
        let w = &before.trim_end().trim_end_matches(['$', '£', '€', '¥'])[at..];
        w.is_ascii() && w.contains(' ')
    });
    zh || en
}

/// Is the figure a change or an average (`比上年增加1500亿元`, `年均超收2040亿元`, `up by
/// $2 billion`)? A net figure is no whole: the parts of a change may exceed it where other
/// parts fell, and a year's figure may exceed the average. The paper's parts belong to the
/// level stated before it (`财政赤字13500亿元，比上年增加1500亿元，其中…`).
fn net_total(doc: &Document, w: &PartsWords, t: &Figure) -> bool {
    let lo = crate::source::floor_char_boundary(&doc.norm.text, t.norm.start.saturating_sub(18));
    let before = strip_qualifier(doc.norm.text.get(lo..t.norm.start).unwrap_or(""));
    w.net_totals.find_all(before).iter().any(|r| {
        // `新增公路63.9万公里` counts what was added, a whole of its own parts.
        if before[..r.start].ends_with('新') {
            return false;
        }
        let gap = before[r.end..].trim();
        // The word ends straight before the figure, or with a short verb between (`年均超收`).
        // `增至`, `上升到` give a level, which is a whole.
        gap.chars().count() <= 2 && gap.chars().all(|c| is_han(c) && !matches!(c, '至' | '到'))
    })
}

/// A figure straight after a word that opens the parts of a total (`其中約七成`, `of which
/// 60%`): the word, and the nearest earlier total in the same sentence. Used for shares, which
/// fit a total of any kind.
pub fn opened_share(doc: &Document, i: usize) -> Option<(String, usize)> {
    let w = words();
    let op = opener_before(doc, w, i)?;
    if !op.bare || op.paren || op.chain {
        return None;
    }
    let f = &doc.figures[i];
    let sent = doc.sentence_at(f.norm.start)?;
    let total = (0..i)
        .rev()
        .take_while(|&j| doc.sentence_at(doc.figures[j].norm.start) == Some(sent))
        .find(|&j| eligible(&doc.figures[j]))?;
    Some((doc.norm.text.get(op.range).unwrap_or("").to_owned(), total))
}

struct Building {
    total: Option<usize>,
    parts: Vec<usize>,
    opener: Option<Opener>,
    closed: bool,
    marker: String,
}

fn inline(doc: &Document, w: &PartsWords, bi: usize, out: &mut Vec<Breakdown>) {
    let b = &doc.blocks[bi];
    let a = doc.figures.partition_point(|f| f.norm.start < b.norm.start);
    let z = doc.figures.partition_point(|f| f.norm.start < b.norm.end);
    let mut cur: Option<Building> = None;
    for i in a..z {
        let f = &doc.figures[i];
        let number = f.kind == FigureKind::Number && f.value.is_integer() && !unknown_unit(doc, f);
        if !eligible(f) && !number {
            continue;
        }
        let op = opener_before(doc, w, i);
        // A bare number is a part only after an opening word or next to a bare number that is.
        let continues = cur.as_ref().and_then(|c| c.parts.last()).is_some_and(|&l| doc.figures[l].kind == f.kind);
        if number && !continues && !op.as_ref().is_some_and(|o| o.bare && !o.chain) {
            continue;
        }
        // `甲區 30宗、乙區 20宗，共 50宗`: a list no word opened, then its total.
        if op.is_none()
            && let Some(c) = cur.as_ref()
            && c.opener.is_none()
            && !c.closed
            && c.parts.len() >= 2
            && let Some(&last) = c.parts.last()
            && let Some(word) = closing_total(doc, w, last, i)
        {
            let parts = cur.take().map(|c| c.parts).unwrap_or_default();
            // `私人建屋量為 31 000個單位，資助出售單位 (…)合共 19 000個；再加上 25 000個…，共有
            // 75 000個`: a figure of the kind earlier in the sentence that the list did not take
            // in may be its first part.
            let first = parts.first().map_or(i, |&p| p);
            let sent = sentence_of(doc, &doc.figures[first]);
            let earlier = (a..first)
                .rev()
                .take(LIST_LOOKBACK)
                .take_while(|&j| sentence_of(doc, &doc.figures[j]) == sent)
                .any(|j| fits(doc, w, &doc.figures[i], &doc.figures[j], false));
            let doubt = earlier
                .then(|| "an earlier figure of its sentence may be one of the parts the list leaves out".to_owned());
            out.push(Breakdown { total: i, parts, closed: true, shape: Shape::Inline, marker: word, doubt });
            continue;
        }
        if op.is_none()
            && let Some(c) = cur.as_mut()
            && !c.closed
            && let Some(&last) = c.parts.last()
        {
            let in_paren = c.opener.as_ref().is_some_and(|o| o.paren);
            match link(doc, w, last, i, in_paren) {
                Some(Link::Close) => {
                    c.parts.push(i);
                    c.closed = true;
                    c.marker = closer_word(doc, w, last, i).unwrap_or_default();
                    continue;
                }
                Some(_) => {
                    c.parts.push(i);
                    continue;
                }
                None => {}
            }
        }
        if let Some(c) = cur.take() {
            finish(doc, c, out);
        }
        cur = Some(match op {
            Some(op) => {
                let total = total_for(doc, w, i, &op);
                let marker = doc.norm.text.get(op.range.clone()).unwrap_or("").to_owned();
                Building { total, parts: vec![i], closed: false, opener: Some(op), marker }
            }
            None => Building { total: None, parts: vec![i], closed: false, opener: None, marker: String::new() },
        });
    }
    if let Some(c) = cur.take() {
        finish(doc, c, out);
    }
}

/// How many figures before a closed list are read for one of its kind it left out.
const LIST_LOOKBACK: usize = 32;

/// Is figure `i` the total of a list whose last part is `last`: of what the parts count, in their
/// sentence, after only a total word (`，共`, `合共`, `, totalling`) and perhaps a short name for
/// the whole (`，兩區共`)? The word, if so.
fn closing_total(doc: &Document, w: &PartsWords, last: usize, i: usize) -> Option<String> {
    let (fl, ft) = (&doc.figures[last], &doc.figures[i]);
    if i != last + 1 || !eligible(ft) || sentence_of(doc, fl) != sentence_of(doc, ft) || !fits(doc, w, ft, fl, false) {
        return None;
    }
    let gap = strip_qualifier(doc.norm.text.get(fl.norm.end..ft.norm.start)?);
    let k = w.closing_totals.ends(gap)?;
    // The word is a word, not the end of a longer one (`公共`, `altogether` in `put altogether`).
    if gap[..k].ends_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    // A separator between the last part (with its own words after it in English: `$20.2 million
    // for new laboratories,`) and the total (with perhaps a name for the whole: `，兩區共`).
    let before = gap[..k].trim_end();
    let (sep, c) = before.char_indices().rfind(|&(_, c)| matches!(c, '，' | ',' | '、' | '；' | ';'))?;
    let (label, name) = (&before[..sep], before[sep + c.len_utf8()..].trim());
    let plain = |t: &str, han, words| noun_like(t, han, words) && w.relation_words.find_all(t).is_empty();
    (plain(label, 8, 5) && plain(name, 6, 3)).then(|| gap[k..].trim().to_owned())
}

/// Is a bare number followed by a word the parser does not know as a unit (`16歲`, `27呎`,
/// `40至49歲`)? It measures something else than its total counts: an age, a length, the start
/// of a range.
fn unknown_unit(doc: &Document, f: &Figure) -> bool {
    let after = doc.norm.text.get(f.norm.end..).unwrap_or("").trim_start_matches(' ');
    after.chars().next().is_some_and(|c| is_han(c) && !matches!(c, '及' | '和' | '與' | '与' | '並' | '并' | '或'))
}

fn closer_word(doc: &Document, w: &PartsWords, a: usize, b: usize) -> Option<String> {
    let gap = doc.norm.text.get(doc.figures[a].norm.end..doc.figures[b].norm.start)?;
    let r = last_word(w, &w.closers, gap)?;
    Some(gap[r].to_owned())
}

fn finish(doc: &Document, c: Building, out: &mut Vec<Breakdown>) {
    let closed_by_word = c.closed;
    match (&c.opener, c.total) {
        (Some(op), Some(total)) => {
            if op.chain && !closed_by_word {
                return;
            }
            // `8.23米 (即 27呎)`, `即剩下的 370`: one figure after a word that restates is the
            // total said again, or what is left of it, not a part; the word opens parts only
            // where it lists two or more (`三類，即甲類 2 宗、乙類 1 宗`).
            let word = doc.norm.text.get(op.range.clone()).unwrap_or("").trim_start_matches(['(', '（']).trim();
            if c.parts.len() < 2 && w_restates(word) {
                return;
            }
            // A word or bracket that says the parts are all of the total (`分為`, `comprising`,
            // `$1,645 ($2,572)`) has one figure after it only when that figure is something else:
            // the number of parts (`分為 3個階層`), an alternative value or an estimate in brackets.
            // A whole of one part is no breakdown.
            if c.parts.len() < 2 && op.closing && !closed_by_word {
                return;
            }
            let marker = if op.chain || c.marker.is_empty() {
                c.marker.clone()
            } else {
                doc.norm.text.get(op.range.clone()).unwrap_or("").to_owned()
            };
            out.push(Breakdown {
                total,
                parts: c.parts,
                closed: op.closing || closed_by_word,
                shape: Shape::Inline,
                marker: if marker.is_empty() {
                    doc.norm.text.get(op.range.clone()).unwrap_or("").to_owned()
                } else {
                    marker
                },
                doubt: None,
            });
        }
        (None, _) if closed_by_word && c.parts.len() >= 2 && !words().weak_closers.contains(&c.marker) => {
            // No opening word: the total is the nearest earlier figure of the same thing.
            let first = &doc.figures[c.parts[0]];
            let Some(block) = doc.block_at(first.norm.start) else { return };
            let block_start = doc.blocks[block].norm.start;
            let zh = han_after(doc, first, 2).chars().count() >= 2;
            let total = (0..c.parts[0]).rev().take_while(|&j| doc.figures[j].norm.start >= block_start).find(|&j| {
                let t = &doc.figures[j];
                same_kind(doc, t, first) && zh && same_noun(doc, t, first)
            });
            if let Some(total) = total {
                out.push(Breakdown {
                    total,
                    parts: c.parts,
                    closed: true,
                    shape: Shape::Inline,
                    marker: c.marker,
                    doubt: None,
                });
            }
        }
        _ => {}
    }
}

/// `…Redfern, $8,670; St Francis Xavier Spanish Language School, Lavender Bay, $1,050; Sydney
/// Chinese Tutorial Centre, Summer Hill, $2,190.` then a line `Total: $96,780.`; or a list of
/// grants one per line and `TOTAL $2,132,938`: a line that opens with a total word and holds only
/// the figure totals the items listed above it. The items are the figures of its kind before it,
/// each in a `;`-separated item or on a line of its own, back to a sentence of prose, another
/// figure, or another total; at least three of them. A bare number alone on its line (a page
/// number) between items is passed over.
fn total_lines(doc: &Document, w: &PartsWords, out: &mut Vec<Breakdown>) {
    let text = &doc.norm.text;
    for (i, f) in doc.figures.iter().enumerate() {
        if !eligible(f) {
            continue;
        }
        let lead = line_before(text, f.norm.start).trim();
        let Some(word) = total_word(w, lead) else { continue };
        let mut parts = Vec::new();
        let mut last = i;
        // Where the run stopped, and whether that is a list's known start: another list's
        // total, or an introduction ending in a colon (`The grants approved so far are:`).
        let mut clean = false;
        let mut stop = 0;
        for j in (0..i).rev() {
            let g = &doc.figures[j];
            if page_number(doc, g) {
                continue;
            }
            stop = g.norm.end;
            if total_line(doc, w, g) {
                clean = true;
                break;
            }
            if !eligible(g) || !same_kind(doc, g, f) {
                break;
            }
            let gap = text.get(g.norm.end..doc.figures[last].norm.start).unwrap_or("");
            if gap.len() > 400 {
                break;
            }
            let separated = last == i || gap.contains([';', '；', '\n']);
            // A whole line between them that opens with a total word: another list's total.
            let inner: Vec<&str> = gap.split('\n').collect();
            let total_above = inner.len() > 2
                && inner[1..inner.len() - 1].iter().any(|l| {
                    let l = l.trim_start().to_lowercase();
                    w.total_lines.iter().any(|t| l.starts_with(t.as_str()))
                });
            // The gap to the total may end a sentence (`$2,190.` then `Total:`); between items,
            // a sentence end means prose, not a list.
            if !separated || total_above || gap.len() > 400 || (last != i && sentence_end(gap)) {
                clean = total_above;
                break;
            }
            parts.push(j);
            last = j;
            stop = 0;
        }
        if parts.len() >= 3 {
            parts.reverse();
            let first = doc.figures[parts[0]].norm.start;
            let intro = text.get(stop..first).unwrap_or("");
            let clean = clean || intro.contains([':', '：']);
            out.push(Breakdown {
                total: i,
                parts,
                closed: true,
                shape: Shape::TotalLine,
                marker: {
                    let t = lead.trim_end_matches([':', '：', ';', '；', '-', ' ']);
                    t[t.len() - word.len()..].to_owned()
                },
                doubt: (!clean).then(|| {
                    "no introduction (`are:`) or earlier total marks where the items start, so some may be missed"
                        .to_owned()
                }),
            });
        }
    }
}

/// Is the figure on a line that opens with a total word and holds nothing else (`Total: $96,780.`)?
fn total_line(doc: &Document, w: &PartsWords, f: &Figure) -> bool {
    total_word(w, line_before(&doc.norm.text, f.norm.start).trim()).is_some()
}

/// The text from the start of the line to `at`, at most the last 160 bytes of it (a total word
/// or a page number is near its figure; a 50 MB line is not read back to its start for each).
fn line_before(text: &str, at: usize) -> &str {
    let lo = crate::source::floor_char_boundary(text, at.saturating_sub(160));
    let window = &text[lo..at];
    window.rfind('\n').map_or(window, |k| &window[k + 1..])
}

/// The total word that ends `lead` (punctuation after it aside: `Total:`, `TOTAL`), when it opens
/// its line or follows a full stop there (a PDF's text joins `$2,190. -` and `Total: $96,780.`
/// into one line).
fn total_word<'w>(w: &'w PartsWords, lead: &str) -> Option<&'w String> {
    let t = lead.trim_end_matches([':', '：', ';', '；', '-', ' ']);
    w.total_lines.iter().find(|word| {
        t.len() >= word.len()
            && t.is_char_boundary(t.len() - word.len())
            && t[t.len() - word.len()..].eq_ignore_ascii_case(word)
            && {
                let before = t[..t.len() - word.len()].trim_end_matches(['-', '–', ' ']);
                before.is_empty() || before.ends_with(['.', '。'])
            }
    })
}

/// A bare whole number alone on its line: a page number of the PDF's text.
fn page_number(doc: &Document, g: &Figure) -> bool {
    let text = &doc.norm.text;
    let before = line_before(text, g.norm.start);
    let hi = crate::source::floor_char_boundary(text, (g.norm.end + 160).min(text.len()));
    let after = text[g.norm.end..hi].split('\n').next().unwrap_or("");
    g.kind == FigureKind::Number && before.trim().is_empty() && after.trim().is_empty()
}

/// Does the text end a sentence of prose inside it (`the program. The`): a full stop after a
/// lower-case word, then a capital? Initials (`Mrs F. Stylianopoulos`) and stray stops of a
/// scan (`Educational \n .  Society`) do not.
fn sentence_end(gap: &str) -> bool {
    let b = gap.as_bytes();
    (1..b.len()).any(|k| {
        b[k] == b'.'
            && b[k - 1].is_ascii_lowercase()
            && gap[k + 1..].trim_start().starts_with(|c: char| c.is_ascii_uppercase())
            && gap[k + 1..].starts_with(char::is_whitespace)
    }) || gap.contains('。')
}

fn w_restates(word: &str) -> bool {
    words().restating.find_all(word).iter().any(|r| r.start == 0 && r.end == word.len())
}

/// An enumerated item: its ordinal, its label and the normalised range of its content.
#[derive(Debug)]
pub struct Item {
    pub value: u32,
    /// Where its label starts (the intro ends here).
    pub at: usize,
    pub content: Range<usize>,
    /// The label as written (`(a)`, `(一)`) and where it is in the original.
    pub label: String,
    pub span: Span,
}

/// Every enumerated item in reading order: lettered labels `(a)`, and Chinese numerals in
/// brackets, `(一)`, `（二）`, at the start of a block or after `；`, `以及` within one.
pub(crate) fn read_enumerated(doc: &Document) -> Vec<Item> {
    const DIGITS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let mut out: Vec<Item> = Vec::new();
    for b in &doc.blocks {
        // The structure parser reads `(a)` and `(一)` at a line start as labels.
        if let Some(l) = &b.label
            && matches!(l.style, LabelStyle::LetterParen | LabelStyle::ChineseParen)
        {
            out.push(Item {
                value: l.value,
                at: b.norm.start,
                content: b.norm.clone(),
                label: l.text.clone(),
                span: l.span,
            });
            continue;
        }
        let text = doc.norm_text(&b.norm);
        let mut mine: Vec<Item> = Vec::new();
        for (p, c) in text.char_indices().filter(|(_, c)| matches!(c, '(' | '（')) {
            let before = text[..p].trim_end();
            let starts = before.is_empty() || before.ends_with(['；', ';', '：', ':']) || before.ends_with("以及");
            let inner = &text[p + c.len_utf8()..];
            // The numeral is one or two characters: look no further for the bracket that closes it.
            let Some((close, _)) = inner.char_indices().take(3).find(|(_, c)| matches!(c, ')' | '）')) else {
                continue;
            };
            let numeral: Vec<char> = inner[..close].chars().collect();
            let value = match numeral.as_slice() {
                [d] => DIGITS.iter().position(|x| x == d).map(|v| v as u32 + 1),
                ['十', d] => DIGITS.iter().position(|x| x == d).map(|v| v as u32 + 11),
                _ => None,
            };
            let Some(value) = value.filter(|_| starts) else { continue };
            let close_len = inner[close..].chars().next().map_or(1, char::len_utf8);
            let content_start = b.norm.start + p + c.len_utf8() + close + close_len;
            if let Some(prev) = mine.last_mut() {
                prev.content.end = b.norm.start + p;
            }
            let at = b.norm.start + p;
            mine.push(Item {
                value,
                at,
                content: content_start..b.norm.end,
                label: doc.norm.text.get(at..content_start).unwrap_or("").to_owned(),
                span: norm_span(doc, at..content_start),
            });
        }
        out.extend(mine);
    }
    out
}

fn items(doc: &Document, all: &[Item], w: &PartsWords, out: &mut Vec<Breakdown>) {
    let mut k = 0;
    while k < all.len() {
        if all[k].value != 1 {
            k += 1;
            continue;
        }
        // A run of items (1), (2), … in order.
        let mut end = k + 1;
        while end < all.len() && all[end].value == all[end - 1].value + 1 {
            end += 1;
        }
        let run = &all[k..end];
        k = end;
        // The intro: the text before the first item, in its block or the block before.
        let Some(bi) = doc.block_at(run[0].at) else { continue };
        let block = &doc.blocks[bi];
        let intro = if run[0].at > block.norm.start {
            block.norm.start..run[0].at
        } else if bi > 0 {
            doc.blocks[bi - 1].norm.clone()
        } else {
            continue;
        };
        let intro_text = doc.norm_text(&intro).trim_end();
        let Some(before_colon) = intro_text.strip_suffix(['：', ':']) else { continue };
        let closing = w.closing_openers.ends(before_colon);
        let opening = w.openers.ends(before_colon);
        let Some(marker_at) = closing.or(opening) else { continue };
        // Each item's parts: the figure it opens with and any joined to it by a list word.
        let mut parts = Vec::new();
        let mut complete = true;
        for item in run {
            let c = &item.content;
            let figs: Vec<usize> = (doc.figures.partition_point(|f| f.norm.start < c.start)
                ..doc.figures.partition_point(|f| f.norm.start < c.end))
                .collect();
            let Some(&head) = figs.first() else {
                complete = false;
                continue;
            };
            let lead = doc.norm.text.get(c.start..doc.figures[head].norm.start).unwrap_or("x");
            if !eligible(&doc.figures[head]) || !strip_qualifier(lead).trim().is_empty() {
                complete = false;
                continue;
            }
            parts.push(head);
            let mut last = head;
            for &j in &figs[1..] {
                if link(doc, w, last, j, false) != Some(Link::Connector) {
                    break;
                }
                parts.push(j);
                last = j;
            }
        }
        let Some(&first) = parts.first() else { continue };
        if parts.iter().any(|&p| !same_kind(doc, &doc.figures[p], &doc.figures[first])) {
            continue;
        }
        let ia = doc.figures.partition_point(|f| f.norm.start < intro.start);
        let iz = doc.figures.partition_point(|f| f.norm.start < intro.end);
        let total = (ia..iz)
            .rev()
            .find(|&j| eligible(&doc.figures[j]) && fits(doc, w, &doc.figures[j], &doc.figures[first], false));
        if let Some(total) = total {
            out.push(Breakdown {
                total,
                parts,
                closed: closing.is_some() && complete,
                shape: Shape::Items,
                marker: before_colon[marker_at..].to_owned(),
                doubt: None,
            });
        }
    }
}

/// A table's rows as cells of figure indices.
struct Row {
    label: String,
    cells: Vec<Vec<usize>>,
}

fn table_eligible(f: &Figure) -> bool {
    matches!(f.kind, FigureKind::Count { .. } | FigureKind::Money { .. } | FigureKind::Number)
}

fn tables(doc: &Document, w: &PartsWords, out: &mut Vec<Breakdown>) {
    let mut bi = 0;
    while bi < doc.blocks.len() {
        if doc.blocks[bi].kind != BlockKind::TableRow {
            bi += 1;
            continue;
        }
        let mut rows = Vec::new();
        while bi < doc.blocks.len() && doc.blocks[bi].kind == BlockKind::TableRow {
            rows.push(row(doc, bi));
            bi += 1;
        }
        let mut start = 0;
        for (r, row) in rows.iter().enumerate() {
            let figures = row.cells.iter().map(Vec::len).sum::<usize>();
            if figures == 0 {
                start = r + 1;
                continue;
            }
            let label = row.label.trim().trim_end_matches([':', '：']).to_lowercase();
            if !w.total_rows.contains(&label) {
                continue;
            }
            for (c, cell) in row.cells.iter().enumerate() {
                let [total] = cell.as_slice() else { continue };
                if !table_eligible(&doc.figures[*total]) {
                    continue;
                }
                let parts: Option<Vec<usize>> = rows[start..r]
                    .iter()
                    .map(|above| match above.cells.get(c).map(Vec::as_slice) {
                        Some([p]) if doc.figures[*p].kind.comparable(&doc.figures[*total].kind) => Some(*p),
                        _ => None,
                    })
                    .collect();
                if let Some(parts) = parts.filter(|p| p.len() >= 2) {
                    out.push(Breakdown {
                        total: *total,
                        parts,
                        closed: true,
                        shape: Shape::Table,
                        marker: row.label.trim().to_owned(),
                        doubt: None,
                    });
                }
            }
            start = r + 1;
        }
    }
}

fn row(doc: &Document, bi: usize) -> Row {
    let b = &doc.blocks[bi];
    let text = doc.norm_text(&b.norm);
    let lead_pipe = text.trim_start().starts_with('|');
    // The pipes before each figure, counted on from the figure before (figures are in order).
    let (mut counted_to, mut pipes) = (0, 0);
    let mut cell_of = |n: usize| {
        let to = n.saturating_sub(b.norm.start);
        match text.get(counted_to..to) {
            Some(more) => {
                pipes += more.matches('|').count();
                counted_to = to;
            }
            None => return 0,
        }
        if lead_pipe { pipes.saturating_sub(1) } else { pipes }
    };
    let mut cells: Vec<Vec<usize>> = vec![Vec::new(); text.matches('|').count() + 1];
    for i in doc.figures.partition_point(|f| f.norm.start < b.norm.start)
        ..doc.figures.partition_point(|f| f.norm.start < b.norm.end)
    {
        let k = cell_of(doc.figures[i].norm.start);
        if let Some(c) = cells.get_mut(k) {
            c.push(i);
        }
    }
    let label = text.trim_start().trim_start_matches('|').split('|').next().unwrap_or("").to_owned();
    // A figure in the label cell (`Royal Navy 1 | …`) would be a row heading, not a value.
    if let Some(first) = cells.first_mut() {
        first.clear();
    }
    Row { label, cells }
}

/// The original span of a normalised range: from its first character to the character after
/// it, so a span always starts and ends on a character boundary of the original text.
pub fn norm_span(doc: &Document, r: Range<usize>) -> Span {
    let start = doc.norm.map.to_original(r.start);
    let text = doc.norm.text.get(r.clone()).unwrap_or("");
    let end = match text.char_indices().next_back() {
        // A character the normaliser never replaces is the same in the original, so the span
        // can end right after it (and not take in the spaces the normaliser dropped).
        Some((k, c)) if !(c.is_ascii_alphanumeric() || "%$.+-/".contains(c)) => {
            doc.norm.map.to_original(r.start + k) + c.len_utf8()
        }
        _ => doc.norm.map.to_original(r.end),
    };
    Span::new(start..end.max(start))
}

/// The factor between a figure's value and the number as written (`$76.6 billion` → 10⁹).
fn magnitude(doc: &Document, f: &Figure) -> Option<Q> {
    let s = short(doc, f).replace(',', "");
    let (v, _) = parse_decimal(&s)?;
    (!v.is_zero()).then(|| &f.value / &v)
}

/// The figures' values as the arithmetic shows them, in the magnitude the first one is written
/// in: `75.0`, `1.6`, `76.6` for billions; `1.55`, `0.83` against `2.38萬億`.
pub fn operands(doc: &Document, figs: &[&Figure]) -> Vec<String> {
    let Some(first) = figs.first() else { return Vec::new() };
    let Some(magnitudes) = figs.iter().map(|f| magnitude(doc, f)).collect::<Option<Vec<Q>>>() else {
        return figs.iter().map(|f| fmt_grouped(&f.value, 4)).collect();
    };
    figs.iter()
        .zip(&magnitudes)
        .map(|(f, m)| if *m == magnitudes[0] { short(doc, f) } else { in_magnitude(doc, &f.value, first) })
        .collect()
}

/// A value in the magnitude `like` is written in (see [`operands`]), with one more decimal than
/// `like` shows, for help texts.
pub fn in_magnitude(doc: &Document, q: &Q, like: &Figure) -> String {
    let s = short(doc, like).replace(',', "");
    let decimals = s.split_once('.').map_or(0, |(_, f)| f.len() as u32) + 1;
    match magnitude(doc, like) {
        Some(k) => fmt_grouped(&(q / &k), decimals.max(2)),
        None => fmt_grouped(q, 2),
    }
}

/// The sum of the parts' intervals.
pub fn sum(doc: &Document, parts: &[usize]) -> Interval {
    parts.iter().fold(Interval::point(Q::zero()), |acc, &p| acc.add(&doc.figures[p].interval))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse};
    use crate::source::Source;

    #[test]
    fn embedded_words_parse() {
        PartsWords::from_toml(PARTS_TOML).unwrap();
    }

    fn total_line_doubts(text: &str) -> Vec<(String, usize, Option<String>)> {
        let doc = parse(&Source::from_text("t.txt", text), &ParseOptions::default());
        crate::claims::Claims::new(&doc)
            .breakdowns()
            .iter()
            .filter(|b| b.shape == Shape::TotalLine)
            .map(|b| (doc.figures[b.total].text(&doc).to_owned(), b.parts.len(), b.doubt.clone()))
            .collect()
    }

    #[test]
    fn a_total_line_totals_the_items_above_it() {
        let listed = "The grants are:\n\nA School, $1,350; B School, $2,340; C School, $2,190.\n\nTotal: $5,880.\n";
        assert_eq!(total_line_doubts(listed), [("$5,880".to_owned(), 3, None)]);
        // With no introduction or earlier total, the first item may be missed: read with doubt.
        let bare = "The program began in 1981. Grants went to A School, $1,350; B School, $2,340; C School, $2,190.\n\nTotal: $5,880.\n";
        let read = total_line_doubts(bare);
        assert!(read.len() == 1 && read[0].2.is_some(), "{read:?}");
        // `Total` that is not alone before its figure on its line is no total line.
        let prose = "The grants are:\n\nA School, $1,350; B School, $2,340; C School, $2,190.\n\nTotal spending rose to $5,880.\n";
        assert!(total_line_doubts(prose).is_empty());
    }

    fn read(text: &str) -> Vec<(String, Vec<String>, bool)> {
        let src = Source::from_text("t.txt", text);
        let doc = parse(&src, &ParseOptions::default());
        crate::claims::Claims::new(&doc)
            .breakdowns()
            .iter()
            .map(|b| {
                (
                    doc.figures[b.total].text(&doc).to_owned(),
                    b.parts.iter().map(|&p| doc.figures[p].text(&doc).to_owned()).collect(),
                    b.closed,
                )
            })
            .collect()
    }

    fn parts(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_total_after_the_list_it_closes() {
        assert_eq!(
            read("港島區 312宗、九龍區 287宗、新界區 405宗，合共 1,004宗。"),
            vec![("1,004宗".into(), parts(&["312宗", "287宗", "405宗"]), true)]
        );
        assert_eq!(
            read("It gives $30.5 million for repairs and $20.2 million for laboratories, totalling $50.7 million."),
            vec![("$50.7 million".into(), parts(&["$30.5 million", "$20.2 million"]), true)]
        );
        // A change between the figures, or no separator before the word: no such list.
        assert!(read("首季有 30宗，較去年同期的 20宗增加，全年共有 100宗。").is_empty());
        // A figure of the kind before the list may be its first part: read with doubt.
        let doc = parse(
            &Source::from_text(
                "t.txt",
                "私人單位 31 000個，資助單位 (包括居屋)合共 19 000個；再加上 25 000個公屋單位，共有 75 000個單位。",
            ),
            &ParseOptions::default(),
        );
        let claims = crate::claims::Claims::new(&doc);
        let b: Vec<_> = claims.breakdowns().iter().filter(|b| b.parts.len() == 2).collect();
        assert!(b.len() == 1 && b[0].doubt.is_some(), "{b:?}");
    }

    #[test]
    fn a_whole_named_first_with_a_word_for_there_are() {
        assert_eq!(read("在 728名兒童中，有 721名成功完成計劃。"), vec![("728名".into(), parts(&["721名"]), false)]);
        assert_eq!(read("在 18區中有 11區錄得升幅。"), vec![("18區".into(), parts(&["11區"]), false)]);
        assert_eq!(
            read("Among the 728 participants, 721 completed the programme."),
            vec![("728 participants".into(), parts(&["721"]), false)]
        );
        // An alternative restates the whole: no second part.
        assert_eq!(
            read("是否在 5個因素中有 3個有剔號便可以做，還是要 5個因素都有剔號才會做？"),
            vec![("5個".into(), parts(&["3個"]), false)]
        );
    }

    #[test]
    fn several_wholes_and_one_part_of_each_in_order() {
        let both = |a: &str, b: &str, c: &str, d: &str| {
            vec![(a.to_owned(), parts(&[b]), false), (c.to_owned(), parts(&[d]), false)]
        };
        assert_eq!(
            read("在 728名和 1 464名兒童中，分別有 721名 (99.0%)及 1 441名 (98.4%)成功完成計劃。"),
            both("728名", "721名", "1464名", "1441名")
        );
        assert_eq!(
            read(
                "among the 728 and 1 464 participants of the first and second batch, respectively 721 (99.0%) and 1 441 (98.4%) completed it."
            ),
            both("728", "721", "1464 participants", "1441")
        );
        // As many parts as wholes, or none; English names its wholes after `among the`.
        assert!(read("在 728名和 1 464名兒童中，分別有 721名成功完成計劃。").is_empty());
        assert!(read("the 728 and 1 464 participants, respectively 721 and 1 441 completed it.").is_empty());
    }

    #[test]
    fn a_word_of_all_parts_before_one_figure_opens_no_parts() {
        // The number of parts, an alternative value in brackets, an estimate: no breakdown.
        assert!(read("他有另一個定義，他把社會分為 3個階層：最低層的是甲。").is_empty());
        assert!(read("Senior secondary $1,645 ($2,572) in 1984.").is_empty());
        // Two parts after the same words still are.
        assert_eq!(read("共 5 宗個案，分為 2 宗及 3 宗。"), vec![("5宗".into(), parts(&["2宗", "3宗"]), true)]);
    }

    #[test]
    fn a_word_of_all_parts_follows_its_total() {
        // `分別為` two clauses after a figure of another subject: no total.
        let t = "遊行人數為 8 560人；而據舉辦單位的統計，支持和反對的人數分別為13萬人和 6萬人。";
        assert!(read(t).iter().all(|(total, _, _)| total != "8560人"), "{:?}", read(t));
    }

    #[test]
    fn a_figure_compared_with_is_no_total_of_later_parts() {
        let t = "預計可提供約 67 000個單位。這與過去每年只提供約 9 800個單位相比，數目顯著增多。當中有 48 000個單位仍在興建中。";
        assert!(read(t).iter().all(|(total, _, _)| total != "9800個"), "{:?}", read(t));
    }

    #[test]
    fn a_total_named_by_its_noun_and_a_frame_of_its_own() {
        // `1 600萬` with no classifier counts the `人次` its noun ends with.
        let t = "在 1 600萬訪港旅客人次中，外地旅客佔其中九百多萬人次。";
        assert_eq!(read(t), vec![("1600萬".into(), parts(&["九百多萬人次"]), false)]);
        // `156个重要项目中，` opens a frame: not one more part of the list before it.
        let t = "共有964个，其中本年开始建设的271个，继续建设的693个；苏联设计的156个重要项目中，已完工17个。";
        assert_eq!(read(t)[0], ("964个".into(), parts(&["271个", "693个"]), false));
    }

    #[test]
    fn words_that_only_start_with_a_list_word_or_mean_in_addition_open_nothing() {
        // `即使` is "even if"; `另外` without an opening word adds, it does not close.
        assert!(read("如果由 33元開始，即使今天加兩元，也會加至36元。").is_empty());
        assert!(read("全港約有 6 100間地產代理店鋪。地監局巡查了約 350間店鋪，另外 160間店鋪。").is_empty());
        // An article is no whole: `一個…即…一個…；一個`.
        assert!(read("給予香港人一個希望，即我們要重獲一個政府；要一個政府，便要請一個人。").is_empty());
    }

    #[test]
    fn parts_after_a_comma_their_own_changes_and_a_list_carried_on() {
        // `其中，` with a comma; each part followed by its own change before the next.
        let t = "出口機電產品1.2兆元。其中，自動數據處理設備及其零件9,465.9億元，增長0.6%；汽車2,534.1億元，下降1.9%。";
        assert_eq!(read(t), vec![("1.2兆元".into(), parts(&["9,465.9億元", "2,534.1億元"]), false)]);
        // `另外` in a sentence of its own adds a part; `餘下` closes the list.
        let t = "名單包括233個項目。其中，有 10個項目已獲撥款。另外 164個項目有待研究。至於餘下59個項目，會再檢討。";
        assert_eq!(read(t), vec![("233個".into(), parts(&["10個", "164個", "59個"]), true)]);
    }

    #[test]
    fn chinese_inline_breakdowns() {
        assert_eq!(
            read("保監局經快速通道授權共四間虛擬保險公司，當中兩間經營人壽保險業務，另外兩間經營非人壽保險業務。"),
            [("四間".to_owned(), parts(&["兩間", "兩間"]), true)]
        );
        assert_eq!(
            read("議員提出22項質詢(6項口頭質詢及16項書面質詢)。"),
            [("22項".to_owned(), parts(&["6項", "16項"]), true)]
        );
        assert_eq!(
            read("截至2020年5月中，保監局共批出九宗沙盒申請，其中六項已完成測試。"),
            [("九宗".to_owned(), parts(&["六項"]), false)]
        );
        assert_eq!(
            read("共审批58个项目,涉及拨款总额达2,499亿元,包括28项工务工程、8项人事编制建议及22项非工务工程拨款建议。"),
            [("58个".to_owned(), parts(&["28项", "8项", "22项"]), false)]
        );
        // `中央` and `地方` are all of it (see `crate::claims::partitions`).
        assert_eq!(
            read("财政赤字2.38万亿元，其中中央财政赤字1.55万亿元，地方财政赤字8300亿元。"),
            [("2.38万亿元".to_owned(), parts(&["1.55万亿元", "8300亿元"]), true)]
        );
    }

    #[test]
    fn an_opening_word_that_starts_its_sentence_looks_back_one_sentence() {
        let text = "企業支援計劃下共有六個與金融科技相關的研發項目獲批撥款，總資助額約1,480萬港元。當中，\
                    一個以數據保安為重點的項目已經完成，其餘五個以支付方案為重點的項目仍在進行。";
        assert_eq!(read(text), [("六個".to_owned(), parts(&["一個", "五個"]), true)]);
    }

    #[test]
    fn a_closed_chain_finds_its_total_by_its_noun() {
        let text = "自在2019年上半年向八家虛擬銀行發出銀行牌照後，金管局一直與虛擬銀行保持緊密溝通。截至2020年四月底，\
                    一家虛擬銀行已正式開業，另有四家虛擬銀行已開始進行試業，其餘三家虛擬銀行亦正努力。";
        assert_eq!(read(text), [("八家".to_owned(), parts(&["一家", "四家", "三家"]), true)]);
        // Without a closing word, `另有` alone is an addition, not a part.
        assert!(read("金管局向15家非銀行機構發出牌照，另有三家持牌銀行提供服務。").is_empty());
    }

    #[test]
    fn english_parts_are_matched_by_their_head_noun() {
        assert_eq!(
            read("Members asked 22 questions (6 oral questions and 16 written questions)."),
            [("22 questions".to_owned(), parts(&["6 oral", "16 written"]), true)]
        );
        assert_eq!(
            read("Of the 500 applications, 300 were approved and the remaining 150 are being processed."),
            [("500 applications".to_owned(), parts(&["300", "150"]), true)]
        );
        assert_eq!(
            read("在 500 宗申請中，300 宗已獲批，其餘 200 宗仍在處理中。"),
            [("500宗".to_owned(), parts(&["300宗", "200宗"]), true)]
        );
        // Different things after `including` are not parts of one another's total.
        assert!(
            read("The programme covers 50 schools, including 20 secondary schools and 300 teachers.")
                .iter()
                .all(|b| b.1 == parts(&["20 secondary"]))
        );
    }

    #[test]
    fn english_inline_breakdowns() {
        assert_eq!(
            read(
                "2020-21 financial provision for HA totals $76.6 billion (comprising $75.0 billion recurrent subvention and $1.6 billion capital subvention), representing an increase of 5.6%."
            ),
            [("$76.6 billion".to_owned(), parts(&["$75.0 billion", "$1.6 billion"]), true)]
        );
        assert_eq!(
            read(
                "First, I will provide $800 in CDC Vouchers to every household. The first $500 will be disbursed in May this year. And the remaining $300 will be disbursed in January next year."
            ),
            [("$800".to_owned(), parts(&["$500", "$300"]), true)]
        );
        // A bracket that is not a breakdown.
        assert!(read("$1,499 million in 2020-21 (2019-20 RE: $877 million; $1,499 million full-year provision) is for schools.").is_empty());
        assert!(read("A provision of $1,598 million in 2020-21, including $598 million allocated out of the $5 billion earmarked.")
            .iter()
            .all(|b| b.1 == parts(&["$598 million"])));
    }

    #[test]
    fn enumerated_items_and_tables() {
        let text = "获财委会批准的项目有66项，合共涉及的承担额约为1,430亿元，获批的项目包括：\n\n(一) 19项人事编制及31项工务工程拨款建议；以及\n\n(二) 16项非工务工程拨款建议，涉及承担额约204亿元。\n";
        assert_eq!(read(text), [("66项".to_owned(), parts(&["19项", "31项", "16项"]), false)]);
        let table = "The figures are as follows:\nREGULAR RECRUITING | ||\n— | Estimate | Actual figures |\nRoyal Navy | 7,500 | 7,214 |\nArmy | 34,000 | 34,732 |\nRoyal Air Force | 21,000 | 20,079 |\nTOTAL | 62,500 | 62,025 |\n";
        assert_eq!(
            read(table),
            [
                ("62,500".to_owned(), parts(&["7,500", "34,000", "21,000"]), true),
                ("62,025".to_owned(), parts(&["7,214", "34,732", "20,079"]), true)
            ]
        );
    }
}
