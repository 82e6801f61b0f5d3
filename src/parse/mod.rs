//! From a [`Source`] to a [`Document`].
//!
//! 1. [`structure`] splits the original lines into blocks (headings, numbered paragraphs, list
//!    items, footnote bodies), because PDF-extracted text carries its structure in line starts;
//!    page furniture ([`furniture`]: running headers, page numbers, print stamps) is stepped over.
//! 2. [`normalize`] builds the cleaned view of every block, with the offset map back; a
//!    compilation (a council sitting) is cut into [`scope`]s, one per speaker's turn.
//! 3. One scan over each block's cleaned text reads [`date`]s and [`figure`]s; bare integers
//!    glued to CJK text that match a footnote become footnote references.
//! 4. The paper's own date comes from its header (or the command line / config); relative and
//!    year-less dates are then resolved against it.

pub mod char_folds;
pub mod chars;
pub mod date;
pub mod figure;
pub mod furniture;
pub mod markdown;
pub mod normalize;
pub mod number;
pub mod reference;
pub mod scope;
pub mod structure;
pub mod table;
pub mod vocab;

use std::ops::Range;

use jiff::civil::Date;

use date::DateParts;

use crate::document::{
    Block, BlockKind, DateMention, DateOrigin, DateRange, Document, Figure, FootnoteDef, FootnoteRef, Granularity,
    Language, PaperDate, Period, Recut, Sentence, Title, Unparsed, YearSource,
};
use crate::source::{Normalized, Source, Span};
use chars::{is_closer, is_han, is_sentence_end, utf8_len};

/// What the caller knows that the text may not say.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Treat the text as Markdown (blank lines always separate blocks, `#` headings).
    pub markdown: bool,
    /// The paper's date, from the command line or configuration, overriding its header.
    pub date: Option<(Date, DateOrigin)>,
    /// The paper's title, from configuration.
    pub title: Option<String>,
}

/// Words that label a paper in its header without being its title.
const HEADER_LABELS: &[&str] = &[
    "討論文件",
    "讨论文件",
    "資料文件",
    "资料文件",
    "參考文件",
    "参考文件",
    "For discussion",
    "For information",
    "Discussion paper",
    "Information paper",
];
/// Headings that open a paper's body: the title is the heading before one of them.
const BODY_OPENERS: &[&str] =
    &["簡介", "简介", "目的", "背景", "引言", "Purpose", "Introduction", "Background", "Summary"];

struct PendingDate {
    norm: Range<usize>,
    parts: date::DateParts,
    /// The year last written in the same block before this mention.
    context_year: Option<date::YearRef>,
    block: usize,
}

/// Parse a source into its document model. Never fails: what cannot be understood is recorded
/// in [`Document::unparsed`].
pub fn parse(source: &Source, opts: &ParseOptions) -> Document {
    let text = source.text();
    let layout = structure::layout(text, opts.markdown);
    let structure::Split { blocks: raw, furniture } = structure::split(text, &layout);
    let (norm, ranges) = normalize::normalize(text, &raw, layout.damaged);

    let mut doc = Document {
        damaged: layout.damaged,
        front_matter: layout.front_matter,
        text: source.shared_text(),
        ..Default::default()
    };
    doc.furniture = furniture.into_iter().map(Span::new).collect();

    // Blocks, with the numbered paragraph each belongs to.
    let mut current_para: Option<u32> = None;
    // Each raw block becomes a block: moved, not copied, so the two lists never coexist.
    doc.blocks.reserve_exact(raw.len());
    for (rb, nr) in raw.into_iter().zip(ranges) {
        let paragraph = match (rb.kind, &rb.label) {
            // Only paragraph numbers: `一、` or `1.1` are not paragraph N.
            (BlockKind::Paragraph, Some(l)) if l.style == crate::document::LabelStyle::Arabic => {
                current_para = Some(l.value);
                current_para
            }
            (BlockKind::Heading, _) => {
                current_para = None;
                None
            }
            (BlockKind::Footnote, _) => None,
            _ => current_para,
        };
        let idx = doc.blocks.len();
        if let Some((n, label_span)) = rb.footnote {
            doc.footnotes.push(FootnoteDef {
                number: n,
                label_span,
                span: Span::new(rb.start..rb.end()),
                block: idx,
                inline: false,
            });
        }
        doc.blocks.push(Block {
            kind: rb.kind,
            span: Span::new(rb.start..rb.end()),
            label: rb.label.map(Box::new),
            paragraph,
            norm: nr,
            lines: rb.lines,
        });
    }

    let pending = scan_blocks(&norm, text, &mut doc);
    doc.norm = norm;
    bracketed_notes(&mut doc, text);
    doc.scopes = scope::scopes(&doc);
    other_footnote_refs(&mut doc, text);
    reference::scan(&mut doc, text);
    // A very long run-in is cut, never inside a figure or a date; and then cut again half-way
    // between, for the rules to read too.
    let (first, cuts) = sentences(&doc.norm, &doc.blocks, text, &doc.figures, &pending, Phase::First);
    doc.sentences = first;
    if !cuts.is_empty() {
        let (sentences, recuts) = sentences(&doc.norm, &doc.blocks, text, &doc.figures, &pending, Phase::Second);
        doc.cut = Some(Box::new(Recut { sentences, cuts, recuts }));
    }

    doc.date = opts
        .date
        .map(|(date, origin)| PaperDate { date, origin, span: None, last: date })
        .or_else(|| paper_date(&doc, &pending, text, layout.front_matter));
    if doc.date.as_ref().is_some_and(|d| matches!(d.origin, DateOrigin::Header | DateOrigin::Dateline)) {
        doc.date_restated = restated_dates(&doc, &pending, text, layout.front_matter);
    }
    if doc.date.is_none() {
        doc.date_without_year = dateline(&doc, &pending, text)
            .filter(|(_, d)| d.is_none())
            .map(|(s, _)| s)
            .or_else(|| yearless_opening(&doc, &pending, layout.front_matter));
    }
    resolve_dates(&mut doc, pending, text);

    doc.title = opts.title.clone().map(|t| Title { text: t, span: None }).or_else(|| title(&doc, text));
    doc.language = language(&doc.norm.text);
    table::read(&mut doc);
    // The document lives while every rule reads it: give back what the vectors grew by.
    doc.blocks.shrink_to_fit();
    doc.sentences.shrink_to_fit();
    doc.figures.shrink_to_fit();
    doc
}

/// Resolve every mention against the paper's date and its paragraph's year, and pair the ones
/// written as the two ends of a period.
fn resolve_dates(doc: &mut Document, mut pending: Vec<PendingDate>, text: &str) {
    let paper = doc.date.as_ref().map(|d| d.date);
    let pairs = range_pairs(doc, &pending);
    // An end written without its year takes it from the other end (`January 1 to January 31,
    // 2026`, `2019 年 11 月至 2 月`), not from whatever year the paragraph last named.
    for &(a, b, _) in &pairs {
        // `2019/20 至 2021/22 學年`: both are school years.
        let (ka, kb) = (pending[a].parts.year_kind, pending[b].parts.year_kind);
        if ka.is_some() && kb.is_some() {
            if pending[a].parts.kind_implied && !pending[b].parts.kind_implied {
                pending[a].parts.year_kind = kb;
            } else if pending[b].parts.kind_implied && !pending[a].parts.kind_implied {
                pending[b].parts.year_kind = ka;
            }
        }
        let (pa, pb) = (&pending[a].parts, &pending[b].parts);
        let own = |p: &date::DateParts| p.year.is_some() || p.month_rel.is_some();
        if !own(pa)
            && own(pb)
            && let Some(date::YearRef::Abs(y)) = pb.year
        {
            let back = matches!((pa.month, pb.month), (Some(ma), Some(mb)) if ma > mb);
            pending[a].context_year = Some(date::YearRef::Abs(y - i32::from(back)));
        } else if own(pa)
            && !own(pb)
            && let Some(date::YearRef::Abs(y)) = pa.year.filter(|_| pa.year_end.is_none())
        {
            let forward = matches!((pa.month, pb.month), (Some(ma), Some(mb)) if mb < ma);
            pending[b].context_year = Some(date::YearRef::Abs(y + i32::from(forward)));
        }
    }
    let mention = |doc: &Document, parts: &date::DateParts, norm: Range<usize>, ctx: Option<date::YearRef>| {
        // A numeric date that reads two ways is used only as the paper's own date.
        if parts.swappable {
            return None;
        }
        let year = match ctx {
            Some(date::YearRef::Abs(y)) => Some(y),
            Some(date::YearRef::Rel(off)) => paper.map(|d| d.year() as i32 + off),
            None => None,
        };
        let (start, end, granularity, year) = parts.resolve(date::Context { paper, year })?;
        let weekday = parts
            .weekday
            .zip(parts.weekday_at)
            .map(|(w, (a, b))| (w, doc.norm.span(text, norm.start + a..norm.start + b)));
        Some(DateMention {
            span: doc.norm.span(text, norm.clone()),
            text: doc.norm.text[norm.clone()].to_owned(),
            norm,
            start,
            end,
            granularity,
            year,
            weekday,
        })
    };
    let mut index = vec![None; pending.len()];
    for (k, p) in pending.iter().enumerate() {
        let Some(m) = mention(doc, &p.parts, p.norm.clone(), p.context_year) else {
            // Its year is unknown, but it still says which part of a year a figure is for:
            // `8月` is not `1至8月份` in any year.
            let floating = date::Context { paper: jiff::civil::Date::new(2000, 6, 30).ok(), year: None };
            if let Some((start, end, _, _)) = p.parts.resolve(floating) {
                doc.periods.push(Period { norm: p.norm.clone(), start, end, floating: true });
            }
            continue;
        };
        doc.periods.push(Period { norm: m.norm.clone(), start: m.start, end: m.end, floating: false });
        index[k] = Some(doc.dates.len());
        doc.dates.push(m);
        // A range written as one mention: its two halves.
        if let Some([(pa, (a0, a1)), (pb, (b0, b1))]) = p.parts.halves(p.norm.len()) {
            let s = p.norm.start;
            let from = mention(doc, &pa, s + a0..s + a1, p.context_year);
            let to = mention(doc, &pb, s + b0..s + b1, p.context_year);
            if let (Some(from), Some(to)) = (from, to) {
                let connector = doc.norm.span(text, s + a1..s + b0);
                doc.date_ranges.push(DateRange { from, to, connector });
            }
        }
    }
    for (a, b, connector) in pairs {
        if let (Some(i), Some(j)) = (index[a], index[b]) {
            let connector = doc.norm.span(text, connector);
            doc.date_ranges.push(DateRange { from: doc.dates[i].clone(), to: doc.dates[j].clone(), connector });
        }
    }
    doc.date_ranges.sort_by_key(|r| r.from.norm.start);
}

/// Consecutive mentions in one block with a connector between them (`至`, `–`), or an opener
/// before the first and its connector between (`from` … `to`): (first, second, connector).
fn range_pairs(doc: &Document, pending: &[PendingDate]) -> Vec<(usize, usize, Range<usize>)> {
    let v = vocab::vocabulary();
    let t = &doc.norm.text;
    let mut out = Vec::new();
    for (a, w) in pending.windows(2).enumerate() {
        let (p, q) = (&w[0], &w[1]);
        if p.block != q.block || p.norm.end > q.norm.start {
            continue;
        }
        let mid = &t[p.norm.end..q.norm.start];
        // `2010年11月20日(即政府公布引入“額外印花稅”翌日)至2012年10月26日`: an aside after the
        // first end belongs to it.
        let aside = bracketed_aside(mid);
        let mid = &mid[aside..];
        let lead = aside + mid.len() - mid.trim_start().len();
        // `from the 2019/20 to the 2021/22 academic years`
        let word = strip_article(mid.trim());
        if word.is_empty() {
            continue;
        }
        let connector = p.norm.end + lead..p.norm.end + lead + word.len();
        if v.range_connectors.contains(word) && v.range_connectors.prefix_of(word).is_some_and(|(w, _)| w == word) {
            out.push((a, a + 1, connector));
            continue;
        }
        let block_start = doc.blocks.get(p.block).map_or(0, |b| b.norm.start);
        let before = strip_article(t[block_start..p.norm.start].trim_end());
        let opened =
            v.range_pairs.iter().any(|(open, conn)| word.eq_ignore_ascii_case(conn) && vocab_suffix(before, open));
        if opened {
            out.push((a, a + 1, connector));
        }
    }
    out
}

/// The length of a bracketed aside at the start of `s` (`(both dates inclusive)`, `（即翌日）`),
/// or 0.
fn bracketed_aside(s: &str) -> usize {
    let t = s.trim_start();
    let close = match t.chars().next() {
        Some('(') => ')',
        Some('（') => '）',
        _ => return 0,
    };
    t.find(close).map_or(0, |k| s.len() - t.len() + k + close.len_utf8())
}

/// `the 2019/20` → `2019/20`; `to the` → `to`.
fn strip_article(s: &str) -> &str {
    let s = s.strip_suffix(" the").or_else(|| s.strip_suffix(" The")).unwrap_or(s);
    if s.eq_ignore_ascii_case("the") { "" } else { s }
}

/// Does `s` end with the word `w` (ASCII words at a word boundary)?
/// A word glued to the one before it by a capital (`§ Mr. JackBetween 1 March`, as flattened
/// Hansard text writes a speaker's name and his first word) still starts there.
fn vocab_suffix(s: &str, w: &str) -> bool {
    let Some(start) = s.len().checked_sub(w.len()) else {
        return false;
    };
    if !s.is_char_boundary(start) {
        return false;
    }
    let glued_capital = s[start..].starts_with(|c: char| c.is_ascii_uppercase())
        && s[..start].ends_with(|c: char| c.is_ascii_lowercase());
    s[start..].eq_ignore_ascii_case(w)
        && !(w.is_ascii() && s[..start].ends_with(|c: char| c.is_ascii_alphanumeric()) && !glued_capital)
}

/// A run-in (text without a sentence end) longer than this, in bytes of normalised text, is cut
/// into pieces about this long: no paper writes such sentences, and the rules that read a
/// sentence around each of its figures would take time growing with its square.
///
/// A cut must not decide what is found, so the text is cut twice ([`Phase`]): at a clause mark
/// (`，；、：`) within [`LONG_SENTENCE`] / 4 bytes after every multiple of [`LONG_SENTENCE`]
/// from the run-in's start, and again half-way between. A cut of one reading is then at least
/// 2 KB from every cut of the other, so a relation written within 1 KB either side of where it
/// is reported is read whole by the reading whose nearest cut is farther, and that reading's
/// findings are the ones kept there ([`crate::document::Recut::first_reads`]).
pub const LONG_SENTENCE: usize = 8192;

/// Which of the two cuttings of long run-ins.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Cut near `LONG_SENTENCE`, `2 × LONG_SENTENCE`, … from the run-in's start.
    First,
    /// Cut near `LONG_SENTENCE / 2`, `3 × LONG_SENTENCE / 2`, …
    Second,
}

/// Split every block's cleaned text into sentences at `。！？` and at `. ` before a capital, and
/// cut run-ins over [`LONG_SENTENCE`] bytes as `phase` says. Returns the sentences and the cuts
/// made (original offsets).
fn sentences(
    norm: &Normalized,
    blocks: &[Block],
    text: &str,
    figures: &[Figure],
    dates: &[PendingDate],
    phase: Phase,
) -> (Vec<Sentence>, Vec<usize>) {
    // Is normalised offset `n` strictly inside a figure or a date? Each list is in reading order
    // and its ranges do not overlap, so only the last one starting before `n` can hold it.
    fn within<T>(list: &[T], range: impl Fn(&T) -> &Range<usize>, n: usize) -> bool {
        let k = list.partition_point(|x| range(x).start < n);
        k.checked_sub(1).and_then(|k| list.get(k)).is_some_and(|x| n < range(x).end)
    }
    let inside = |n: usize| within(figures, |f| &f.norm, n) || within(dates, |d| &d.norm, n);
    let first_cut = match phase {
        Phase::First => LONG_SENTENCE,
        Phase::Second => LONG_SENTENCE / 2,
    };
    let mut out = Vec::new();
    let mut cuts = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        let s = &norm.text[b.norm.clone()];
        let mut start = 0;
        // The next place a cut is due, counted from the run-in's start.
        let mut due = first_cut;
        let bytes = s.as_bytes();
        let mut i = 0;
        while let Some(&x) = bytes.get(i) {
            // Before a cut is due only a sentence end or a full stop does anything: the other
            // characters are passed over from their first byte. Every sentence end starts with
            // `!`, `?`, 0xE3 (`。`) or 0xEF (`！？．`).
            if i < due && !matches!(x, b'!' | b'?' | b'.' | 0xe3 | 0xef) {
                i += utf8_len(x);
                continue;
            }
            let Some(c) = s[i..].chars().next() else { break };
            if i >= due {
                // After a clause mark, or (no mark within a quarter) before this character.
                let e = if i >= due + LONG_SENTENCE / 4 { i } else { i + c.len_utf8() };
                let mark = matches!(c, '，' | ',' | '；' | ';' | '、' | '：' | ':');
                if (mark || e == i) && !inside(b.norm.start + e) {
                    push_sentence(&mut out, norm, text, bi, b.norm.start + start, b.norm.start + e);
                    cuts.push(norm.map.to_original(b.norm.start + e));
                    start = e;
                    due += LONG_SENTENCE;
                    // A run-in a figure kept from being cut for long starts afresh.
                    if due <= e {
                        due = e + first_cut;
                    }
                    if e > i {
                        i = e;
                        continue;
                    }
                }
            }
            if is_sentence_end(c) || c == '.' && is_english_stop(s, i) {
                // The closing marks and further ends straight after it belong to the sentence.
                let mut e = i + c.len_utf8();
                while let Some(n) = s[e..].chars().next().filter(|&n| is_closer(n) || is_sentence_end(n)) {
                    e += n.len_utf8();
                }
                push_sentence(&mut out, norm, text, bi, b.norm.start + start, b.norm.start + e);
                start = e;
                due = e + first_cut;
                i = e;
                continue;
            }
            i += c.len_utf8();
        }
        if start < s.len() {
            push_sentence(&mut out, norm, text, bi, b.norm.start + start, b.norm.end);
        }
    }
    (out, cuts)
}

fn push_sentence(out: &mut Vec<Sentence>, norm: &Normalized, text: &str, block: usize, a: usize, b: usize) {
    let slice = &norm.text[a..b];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let (a, b) = (a + lead, b - trail);
    if a < b {
        out.push(Sentence { block, span: norm.span(text, a..b), norm: a..b });
    }
}

/// A full stop ends an English sentence when followed by a space and a capital, digit or quote,
/// and it is not a decimal point or a common abbreviation.
fn is_english_stop(s: &str, i: usize) -> bool {
    let after = &s[i + 1..];
    let next_ok = after.is_empty()
        || after.starts_with(' ')
            && after[1..]
                .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '(' | '‘'));
    if !next_ok {
        return false;
    }
    let before = &s[..i];
    let word: String =
        before.chars().rev().take_while(|c| c.is_alphanumeric()).collect::<Vec<_>>().into_iter().rev().collect();
    const ABBREVIATIONS: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Prof", "No", "e.g", "i.e", "etc", "St", "vs", "Cap", "para", "Co", "Ltd", "Inc",
        "Jr", "Sr",
    ];
    let initial = word.len() == 1 && word.chars().all(char::is_uppercase);
    !ABBREVIATIONS.contains(&word.as_str()) && !initial
}

/// The blocks of 64 ([`chars::CharSet::blocks3`]) of the three-byte characters a date or a
/// figure can start with: any other character of a Chinese paper is passed over undecoded.
static STARTS_3: std::sync::LazyLock<[u64; 16]> = std::sync::LazyLock::new(|| {
    let figures = chars::CharSet::new(figure::STARTS_3.chars());
    let mut blocks = *date::han_starts().blocks3();
    for (b, f) in blocks.iter_mut().zip(figures.blocks3()) {
        *b |= f;
    }
    blocks
});

/// Read dates and figures block by block.
fn scan_blocks(norm: &Normalized, text: &str, doc: &mut Document) -> Vec<PendingDate> {
    let t = &norm.text;
    let mut pending = Vec::new();
    let mut candidates: Vec<(usize, u32)> = Vec::new();
    let defined: Vec<u32> = doc.footnotes.iter().map(|f| f.number).collect();
    let date_opts = date::Options { roc: date::roc_context(t) };
    let bytes = t.as_bytes();
    for (bi, b) in doc.blocks.iter().enumerate() {
        let mut ctx_year: Option<date::YearRef> = None;
        let mut i = b.norm.start;
        while i < b.norm.end {
            // `t` is valid UTF-8: a lead byte `1110xxxx` has two continuation bytes.
            let x = bytes[i];
            if x & 0xf0 == 0xe0 && STARTS_3[usize::from(x & 0x0f)] >> (bytes[i + 1] & 0x3f) & 1 == 0 {
                i += 3;
                continue;
            }
            let Some(c) = t[i..].chars().next() else {
                break;
            };
            let step = c.len_utf8();
            let word_start = !c.is_ascii_alphabetic() || !t[..i].ends_with(|p: char| p.is_ascii_alphanumeric());
            if (c.is_ascii_digit() || is_han(c) || c.is_ascii_alphabetic() && word_start)
                && let Some((end, parts)) = date::scan_with(t, i, date_opts)
                && end <= b.norm.end
            {
                let here_year = parts.year_end.map(date::YearRef::Abs).or(parts.year);
                pending.push(PendingDate { norm: i..end, parts, context_year: ctx_year, block: bi });
                if here_year.is_some() {
                    ctx_year = here_year;
                }
                i = end;
                continue;
            }
            if word_start && figure::could_start(c) {
                match figure::scan(t, i) {
                    figure::Scan::Figure(m) if m.range.end <= b.norm.end && m.range.end > i => {
                        if let Some(n) = figure::footnote_candidate(t, &m)
                            && !defined.is_empty()
                        {
                            candidates.push((doc.figures.len(), n));
                        }
                        let end = m.range.end;
                        doc.figures.push(Figure {
                            span: norm.span(text, m.range.clone()),
                            norm: m.range,
                            value: m.value,
                            interval: m.interval,
                            rounding: m.rounding,
                            kind: m.kind,
                            qualifier: m.qualifier,
                            qualifier_span: m.qualifier_range.map(|r| norm.span(text, r)),
                        });
                        i = end;
                        continue;
                    }
                    figure::Scan::Skip(end) if end > i => {
                        i = end.min(b.norm.end);
                        continue;
                    }
                    figure::Scan::Unparsed(end, reason) => {
                        let end = end.min(b.norm.end).max(i + step);
                        doc.unparsed.push(Unparsed {
                            span: norm.span(text, i..end),
                            text: t[i..end].chars().take(40).collect(),
                            reason,
                        });
                        i = end;
                        continue;
                    }
                    _ => {}
                }
            }
            i += step;
        }
    }
    footnote_refs(doc, candidates, t);
    pending
}

/// Words that number the thing after them: `表 1顯示`, `圖 2`, `第 3期` are not footnote 1, 2, 3.
const NUMBERED_BY: &[&str] =
    &["表", "圖", "图", "第", "章", "節", "节", "條", "条", "款", "號", "号", "頁", "页", "段", "附件", "附錄", "附录"];

/// Bare integers glued to CJK text become footnote references when they name a defined
/// footnote, or a number just past the last one (a reference to a footnote that was cut).
fn footnote_refs(doc: &mut Document, candidates: Vec<(usize, u32)>, t: &str) {
    // Indexed once: a long paper has thousands of footnotes and more candidates.
    let mut defined: Vec<u32> = doc.footnotes.iter().map(|f| f.number).collect();
    defined.sort_unstable();
    let max_def = defined.last().copied().unwrap_or(0);
    let mut definition_block = vec![false; doc.blocks.len()];
    for f in &doc.footnotes {
        if let Some(b) = definition_block.get_mut(f.block) {
            *b = true;
        }
    }
    let mut last = 0;
    let mut remove = vec![false; doc.figures.len()];
    for (fi, n) in candidates {
        let start = doc.figures[fi].norm.start;
        // The block holding the figure: the last one starting at or before it.
        let bi = doc.blocks.partition_point(|b| b.norm.start <= start).checked_sub(1);
        let in_def = bi.is_some_and(|bi| definition_block[bi] && doc.blocks[bi].norm.contains(&start));
        let before = t.get(..start).unwrap_or("").trim_end();
        if in_def || NUMBERED_BY.iter().any(|w| before.ends_with(w)) {
            continue;
        }
        // A number just past the defined ones is a marker whose footnote went missing.
        if defined.binary_search(&n).is_ok() || n > last && n <= max_def + 2 {
            let f = &doc.figures[fi];
            doc.footnote_refs.push(FootnoteRef { number: n, span: f.span, norm: f.norm.clone() });
            remove[fi] = true;
            last = last.max(n);
        }
    }
    let mut k = 0;
    doc.figures.retain(|_| {
        k += 1;
        !remove[k - 1]
    });
}

/// Notes numbered in brackets, as replies and tables write them when they have no footnote area:
/// a marker glued to the word it annotates (`support(1).`, `School(1)(2)`, `blowout[1]`, `支援 (1 )`)
/// and a note that opens a line or a sentence (`(1) Other support measures include`, `[1] Coalition
/// estimate`, `Notes: … (2) Fees are usually`). They are read as footnotes only in a paper without
/// other footnotes, and only when markers and notes answer each other: most notes have a marker,
/// most markers a note. `(1) how many` opening a question's parts has no marker, and stays a list.
fn bracketed_notes(doc: &mut Document, text: &str) {
    if !doc.footnotes.is_empty() {
        return;
    }
    let t = &doc.norm.text;
    // (start, end, number, is a note, block) in normalised offsets; a note that is a block's
    // label (`(1) 其他支援措施`) stands at its block's start.
    let mut found: Vec<(usize, usize, u32, bool, usize)> = Vec::new();
    let mut labels: Vec<(usize, Span)> = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        if let Some(l) = &b.label
            && let Some(n) =
                l.text.strip_prefix('(').and_then(|x| x.strip_suffix(')')).and_then(|x| x.parse::<u32>().ok())
            && (1..=99).contains(&n)
        {
            found.push((b.norm.start, b.norm.start, n, true, bi));
            labels.push((bi, l.span));
        }
        let s = &t[b.norm.clone()];
        for (i, open) in s.char_indices().filter(|&(_, c)| c == '(' || c == '[' || c == '（') {
            let close = if open == '[' { ']' } else { ')' };
            let inner = &s[i + open.len_utf8()..];
            let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let Some(rest) = inner[digits..].strip_prefix(close).or_else(|| inner[digits..].strip_prefix('）')) else {
                continue;
            };
            let Some(n) = inner[..digits].parse::<u32>().ok().filter(|n| (1..=99).contains(n)) else {
                continue;
            };
            let end = s.len() - rest.len();
            let before = s[..i].trim_end();
            // `(Korean stream) (3)`: after a bracket, a space does not part the marker from its word.
            let prev = s[..i].chars().next_back().filter(|&p| p != ' ' || !before.ends_with([')', '）']));
            let prev = prev.or_else(|| before.chars().next_back().filter(|p| matches!(p, ')' | '）')));
            // A note opens a block, or a sentence after a space (`… year. (2) Fees are`); a marker
            // is glued to its word or to the punctuation after it (`support(1).`, `by 31%.[2] All`).
            let spaced = before.is_empty() || s[..i].ends_with(' ') || before.ends_with([':', '：', '。']);
            let opens = before.is_empty() || before.ends_with(['.', '。', ':', '：']);
            let next = rest.chars().next();
            let note = opens
                && spaced
                && next.is_some_and(|c| {
                    matches!(c, ' ' | '“' | '「' | '『' | '《' | '(' | '（' | '"')
                        || is_han(c)
                        || c.is_ascii_uppercase()
                });
            let glued = prev.is_some_and(|p| {
                p.is_alphabetic()
                    || is_han(p)
                    || matches!(p, ')' | ']' | '）' | '”' | '"' | '’' | '%' | '.' | ',' | ';')
            }) && next.is_none_or(|c| !c.is_ascii_alphanumeric());
            let glued = glued && !note;
            if note || glued {
                found.push((b.norm.start + i, b.norm.start + end, n, note, bi));
            }
        }
    }
    // A compilation (a sitting's Hansard) numbers each reply's notes from 1: a run of notes counting
    // up is one set. It answers the markers written since the set before it began (a table's column
    // markers may sit between a section's notes and the notes under the table).
    let mut sets: Vec<(usize, usize)> = Vec::new();
    for (j, f) in found.iter().enumerate().filter(|(_, f)| f.3) {
        match sets.last_mut() {
            Some((_, last)) if f.2 > found[*last].2 => *last = j,
            _ => sets.push((j, j)),
        }
    }
    let mut keep = vec![false; found.len()];
    for (k, &(first, last)) in sets.iter().enumerate() {
        let from = if k == 0 { 0 } else { sets[k - 1].0 };
        let window = from..=last;
        let notes: Vec<u32> = (first..=last).filter(|&j| found[j].3).map(|j| found[j].2).collect();
        let markers: Vec<u32> = window.clone().filter(|&j| !found[j].3).map(|j| found[j].2).collect();
        let answered = |xs: &[u32], ys: &[u32]| 2 * xs.iter().filter(|x| ys.contains(x)).count() >= xs.len();
        // `[1]` notes and markers are notes whatever their numbers: round brackets also number a
        // question's parts and a table's columns.
        let square = (first..=last).all(|j| found[j].0 < found[j].1 && t[found[j].0..].starts_with('['));
        if !markers.is_empty() && (square || answered(&notes, &markers) && answered(&markers, &notes)) {
            for j in window.filter(|&j| !found[j].3).chain(first..=last) {
                keep[j] = true;
            }
        }
    }
    let mut j = 0;
    found.retain(|_| {
        j += 1;
        keep[j - 1]
    });
    for &(a, b, n, note, block) in &found {
        let label = labels.iter().find(|(k, _)| *k == block && a == b).map(|(_, s)| *s);
        let span = label.unwrap_or_else(|| doc.norm.span(text, a..b));
        if let Some(label) = label {
            let body = doc.blocks[block].span;
            doc.footnotes.push(FootnoteDef { number: n, label_span: label, span: body, block, inline: true });
        } else if note {
            // The note runs to the end of its sentence.
            let s = &t[b..doc.blocks[block].norm.end];
            let end = s.find(['.', '。']).map_or(s.len(), |k| k + 1);
            let body = doc.norm.span(text, a..b + end);
            doc.footnotes.push(FootnoteDef { number: n, label_span: span, span: body, block, inline: true });
        } else {
            doc.footnote_refs.push(FootnoteRef { number: n, span, norm: a..b });
        }
    }
    doc.figures.retain(|f| !found.iter().any(|&(a, b, ..)| f.norm.start < b && a < f.norm.end));
    doc.footnote_refs.sort_by_key(|r| r.norm.start);
}

/// Footnote markers that are not bare integers after CJK text: superscripts (`scheme¹`),
/// Markdown (`[^2]`), and integers glued to an English word (`Scheme1 `), which count only when
/// they name a defined footnote, since `COVID19` and `G20` are names.
fn other_footnote_refs(doc: &mut Document, text: &str) {
    if doc.footnotes.is_empty() {
        return;
    }
    let defined: Vec<u32> = doc.footnotes.iter().map(|f| f.number).collect();
    let t = &doc.norm.text;
    let mut found: Vec<(Range<usize>, u32)> = Vec::new();
    for b in doc.blocks.iter().filter(|b| b.kind != BlockKind::Footnote) {
        let s = &t[b.norm.clone()];
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let at = b.norm.start + i;
            if structure::superscript_digit(c).is_some() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if structure::superscript_digit(d).is_none() {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                let prev = s[..i].chars().next_back();
                // `m²`, `km³`: a unit, not a marker.
                let unit = matches!(c, '²' | '³') && end == i + c.len_utf8() && s[..i].ends_with(['m', 'M']);
                // `10³`: a power.
                if prev.is_some_and(|p| !p.is_whitespace() && !p.is_ascii_digit())
                    && !unit
                    && let Some(n) = structure::superscript_value(&s[i..end])
                {
                    found.push((at..b.norm.start + end, n));
                }
            } else if c == '[' && s[i..].starts_with("[^") {
                let digits: String = s[i + 2..].chars().take_while(char::is_ascii_digit).collect();
                if s[i + 2 + digits.len()..].starts_with(']')
                    && let Ok(n) = digits.parse()
                {
                    found.push((at..at + digits.len() + 3, n));
                }
            }
        }
    }
    // `見註 3`, `注3`, `see Note 3`: a note named by its number.
    const NOTE_WORDS: &[&str] = &["註", "注", "Note ", "note ", "Footnote ", "footnote "];
    for b in doc.blocks.iter().filter(|b| b.kind != BlockKind::Footnote) {
        let s = &t[b.norm.clone()];
        for w in NOTE_WORDS {
            for (k, _) in s.match_indices(w) {
                let after = &s[k + w.len()..];
                let lead = after.len() - after.trim_start_matches(' ').len();
                let digits = after[lead..].len() - after[lead..].trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let at = k + w.len() + lead;
                // `見註 3`, `（註 3）`, not `關注 3 項`.
                let prev = s[..k].chars().next_back();
                let boundary = if w.is_ascii() {
                    !prev.is_some_and(|c| c.is_ascii_alphanumeric())
                } else {
                    prev.is_none_or(|c| !is_han(c) || matches!(c, '見' | '见' | '閱' | '阅'))
                };
                if let Some(n) = s[at..at + digits].parse().ok().filter(|n| boundary && defined.contains(n)) {
                    found.push((b.norm.start + at..b.norm.start + at + digits, n));
                }
            }
        }
    }
    // `Scheme1 was`: a defined number glued to an English word of three letters or more in lower
    // case (or capitalised), before a space or punctuation, and only once: a name written that
    // way (`web3`, `Money20`) recurs, or is not lower case (`COVID19`, `G20`).
    let lower = t.to_ascii_lowercase();
    for b in doc.blocks.iter().filter(|b| b.kind != BlockKind::Footnote) {
        let s = &t[b.norm.clone()];
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() || i < 3 || !bytes[i - 1].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let end = i + bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            // ASCII letters are one byte each.
            let start = i - bytes[..i].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
            let word = &s[start..i];
            let next = s[end..].chars().next();
            let ok = word.len() >= 3
                && end - i <= 2
                && word.chars().skip(1).all(|c| c.is_ascii_lowercase())
                && next.is_none_or(|c| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | ')'))
                && lower.matches(&s[start..end].to_ascii_lowercase()).count() == 1;
            if let Some(n) = s[i..end].parse().ok().filter(|n| ok && defined.contains(n)) {
                found.push((b.norm.start + i..b.norm.start + end, n));
            }
            i = end;
        }
    }
    if found.is_empty() {
        return;
    }
    doc.figures.retain(|f| !found.iter().any(|(r, _)| f.norm.start < r.end && r.start < f.norm.end));
    for (r, n) in found {
        let span = doc.norm.span(text, r.clone());
        doc.footnote_refs.push(FootnoteRef { number: n, span, norm: r });
    }
    doc.footnote_refs.sort_by_key(|r| r.norm.start);
}

/// The paper's own date, where a careful reader finds it, in this order:
/// 1. the first full date in the header (the headings before the body starts), or on the first
///    line, or a speech's dash dateline (`——2021年3月5日在…上`);
/// 2. a date line near the top: a short line that is mostly a date, with a title, a weekday or
///    a release number around it (`14 May 2002 MIN 61/02`, `Thu, 4th February 2010`,
///    `（2013年2月20日）`, `19/08/2004`), or a dateline that opens the text (`CANBERRA, 14 May
///    2002 –`, `新华社北京2月22日电`);
/// 3. a press release's `today (July 26, 2023)`;
/// 4. a running page header: a line with a full date repeated on every page (`立法會 ─ 2013年 2月
///    20日`);
/// 5. the `date:` of a YAML front matter that an archive put at the top;
/// 6. a date heading in the last few blocks (the signature block).
///
/// A date by month alone counts only when it is the whole line: `二零二五年四月份對外商品貿易統計`
/// is the title's subject, not the paper's date.
fn paper_date(doc: &Document, pending: &[PendingDate], text: &str, front: usize) -> Option<PaperDate> {
    // The blocks of the front matter are metadata: the paper itself starts after them.
    let first = doc.blocks.iter().take_while(|b| b.span.offset < front).count();
    let body_start = first
        + doc.blocks[first..]
            .iter()
            .position(|b| b.kind != BlockKind::Heading)
            .unwrap_or(doc.blocks.len() - first)
            .min(8);
    let full = |p: &PendingDate| {
        matches!(p.parts.year, Some(date::YearRef::Abs(_)))
            && p.parts.month.is_some()
            && p.parts.year_end.is_none()
            && p.parts.month_end.is_none()
            && p.parts.day_end.is_none()
    };
    let block_text = |p: &PendingDate| doc.blocks.get(p.block).map_or("", |b| doc.norm_text(&b.norm));
    let resolve = |p: &PendingDate, origin| resolve_paper_date(doc, text, p, origin);
    let body = |p: &&PendingDate| p.block >= first;
    let lead = |p: &PendingDate| {
        let start = doc.blocks.get(p.block).map_or(0, |b| b.norm.start);
        doc.norm.text.get(start..p.norm.start).unwrap_or("")
    };
    if let Some(p) = pending
        .iter()
        .filter(body)
        .filter(|p| p.block < body_start.max(first + 1) && full(p) && date_line(p, block_text(p), lead(p)))
        .find_map(|p| resolve(p, DateOrigin::Header))
    {
        return Some(p);
    }
    // A dated line at the very top, even if the body starts at once (a press release).
    let first_block_date = pending
        .iter()
        .find(|p| p.block == first && full(p))
        .filter(|p| !after_preposition(lead(p)))
        .and_then(|p| resolve(p, DateOrigin::Header));
    if first_block_date.is_some() {
        return first_block_date;
    }
    // A speech's or report's dateline near the top: `——2021年3月5日在第十三屆全國人民代表大會…上`.
    let dateline_date = pending
        .iter()
        .filter(body)
        .filter(|p| p.block < first + 3 && full(p) && p.parts.day.is_some())
        .find(|p| !lead(p).is_empty() && lead(p).trim().chars().all(|c| matches!(c, '—' | '-' | '–' | '─')))
        .and_then(|p| resolve(p, DateOrigin::Header));
    if dateline_date.is_some() {
        return dateline_date;
    }
    let top = pending.iter().filter(body).filter(|p| p.block < first + 12 && full(p) && p.parts.day.is_some());
    if let Some(d) =
        top.clone().filter(|p| date_line(p, block_text(p), lead(p))).find_map(|p| resolve(p, DateOrigin::Header))
    {
        return Some(d);
    }
    if let Some(d) = top.filter(|p| opens_report(doc, p, lead(p))).find_map(|p| resolve(p, DateOrigin::Dateline)) {
        return Some(d);
    }
    if let Some((_, Some(d))) = dateline(doc, pending, text) {
        return Some(d);
    }
    if let Some(d) = running_header(doc, pending).and_then(|p| resolve(p, DateOrigin::RunningHeader)) {
        return Some(d);
    }
    if let Some(d) = pending
        .iter()
        .filter(|p| p.block < first && full(p) && block_text(p).trim_start().to_ascii_lowercase().starts_with("date:"))
        .find_map(|p| resolve(p, DateOrigin::FrontMatter))
    {
        return Some(d);
    }
    if let Some(d) = running_header_date(doc, text) {
        return Some(d);
    }
    let tail_from = doc.blocks.len().saturating_sub(3).max(first);
    pending
        .iter()
        .rev()
        .filter(|p| p.block >= tail_from && full(p) && doc.blocks[p.block].kind == BlockKind::Heading)
        .find_map(|p| resolve(p, DateOrigin::Trailer))
}

/// A date the paper states as its own, as a [`PaperDate`] of `origin`: a day, or a month alone
/// on its line.
fn resolve_paper_date(doc: &Document, text: &str, p: &PendingDate, origin: DateOrigin) -> Option<PaperDate> {
    let block_text = doc.blocks.get(p.block).map_or("", |b| doc.norm_text(&b.norm));
    let (start, end, g, _) = p.parts.resolve(date::Context::default())?;
    let alone = || 2 * p.norm.len() >= block_text.trim().len();
    let ok = g == Granularity::Day || g == Granularity::Month && alone();
    // `08/04/2010`: 8 April or 4 August; the paper's date allows both.
    let other = match (p.parts.swappable, p.parts.day, p.parts.month) {
        (true, Some(d), Some(m)) => DateParts { day: Some(m), month: Some(d), ..p.parts.clone() }
            .resolve(date::Context::default())
            .map(|(other, _, _, _)| other),
        _ => None,
    };
    let (date, last) = other.map_or((start, end), |o| (o.min(start), o.max(end)));
    ok.then(|| PaperDate { date, origin, span: Some(doc.norm.span(text, p.norm.clone())), last })
}

/// Where a paper whose date was read from its header states that date again: a running page
/// header the page furniture holds, and the `date:` of its front matter.
fn restated_dates(doc: &Document, pending: &[PendingDate], text: &str, front: usize) -> Vec<PaperDate> {
    let first = doc.blocks.iter().take_while(|b| b.span.offset < front).count();
    let mut out = Vec::new();
    // Only a header the page furniture reader established: a heading repeated a few times (a
    // list of papers `截至 2012年 8月 31日止年度的財務報表`) may be no page header. The day most
    // headers print, and a day one page alone prints against that majority in the same header
    // (a table's heading carried over pages may hold other dates; a volume of two sittings
    // prints each day on many pages).
    let found = furniture_dates(doc, text);
    // Counted once: a long paper prints its header on thousands of pages.
    let mut counts: std::collections::HashMap<Date, usize> = std::collections::HashMap::new();
    for (d, ..) in &found {
        *counts.entry(*d).or_default() += 1;
    }
    let count = |day: Date| counts.get(&day).copied().unwrap_or(0);
    let header = |&(date, last, span, _): &(Date, Date, Span, usize)| PaperDate {
        date,
        origin: DateOrigin::RunningHeader,
        span: Some(span),
        last,
    };
    // A header line with its digits masked: `立法會─####年#月##日`.
    let shape = |line: usize| -> String {
        doc.furniture
            .get(line)
            .and_then(|s| text.get(s.range()))
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect::<String>()
            .split('#')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("#")
    };
    if let Some(major) = found.iter().find(|(d, ..)| count(*d) * 2 > found.len()) {
        out.push(header(major));
        let key = shape(major.3);
        if found.len() >= 3 {
            out.extend(found.iter().filter(|f| count(f.0) == 1 && shape(f.3) == key).map(header));
        }
    }
    let block_text = |p: &PendingDate| doc.blocks.get(p.block).map_or("", |b| doc.norm_text(&b.norm));
    if let Some(d) = pending
        .iter()
        .filter(|p| p.block < first && p.parts.day.is_some() && matches!(p.parts.year, Some(date::YearRef::Abs(_))))
        .filter(|p| block_text(p).trim_start().to_ascii_lowercase().starts_with("date:"))
        .find_map(|p| resolve_paper_date(doc, text, p, DateOrigin::FrontMatter))
    {
        out.push(d);
    }
    out
}

/// Is this date the line's point? A short line (a heading, not a sentence) whose date is not the
/// object of a preposition: `14 May 2002 MIN 61/02`, `AA 02 024 14 May 2002`, `Thu, 4th February
/// 2010`, `（2013年2月20日）`, `Date: 10 November 1992`; not `Funding from 1 July 2002`.
fn date_line(p: &PendingDate, block: &str, lead: &str) -> bool {
    // A title and its date may share a line: longer when the date ends it.
    const SHORT: usize = 100;
    const SHORT_ENDING: usize = 160;
    let block = block.trim();
    let ends_it = lead.trim_start().len() + p.norm.len() + 2 >= block.len();
    let longest = if ends_it { SHORT_ENDING } else { SHORT };
    if block.len() > longest || block.ends_with(['.', '。', '；', ';', '，', ',']) && !block.ends_with("..") {
        return false;
    }
    let issued = vocab::vocabulary().issued.suffix_of(lead.trim_end()).is_some();
    (issued || !after_preposition(lead)) && p.norm.len() >= 6
}

/// Does the text before a date end with a preposition that makes the date part of a sentence
/// (`from 1 July 2002`, `於 2013 年`)?
fn after_preposition(lead: &str) -> bool {
    const PREPOSITIONS: &[&str] = &[
        "from", "on", "until", "till", "by", "since", "to", "in", "at", "before", "after", "of", "於", "于", "在",
        "自", "由", "至", "到", "截至", "起",
    ];
    let before = lead.trim_end_matches([' ', '(', '（', '[', '【', ',']);
    let word: String =
        before.chars().rev().take_while(|c| c.is_ascii_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    if word.is_empty() {
        PREPOSITIONS.iter().any(|w| !w.is_ascii() && before.ends_with(w))
    } else {
        PREPOSITIONS.iter().any(|w| word.eq_ignore_ascii_case(w))
    }
}

/// A dateline that opens a report: an upper-case place and a comma before the date at the start
/// of a paragraph (`CANBERRA, 14 May 2002 –`), or a news agency's date and `電` (`新华社北京2月22日电`,
/// `中国网4月15日讯`).
fn opens_report(doc: &Document, p: &PendingDate, lead: &str) -> bool {
    let v = vocab::vocabulary();
    let after = doc.norm.text.get(p.norm.end..).unwrap_or("");
    if v.dateline_ends.prefix_of(after).is_some() && lead.chars().count() <= 16 {
        return true;
    }
    let place = lead.trim_end().strip_suffix(',').unwrap_or("");
    !place.is_empty()
        && place.len() <= 30
        && place.chars().any(|c| c.is_ascii_uppercase())
        && place.chars().all(|c| c.is_ascii_uppercase() || matches!(c, ' ' | '.' | '-' | '\''))
}

/// A heading with a full day date that appears, the same, at least twice: the running header of
/// a paper printed page by page.
fn running_header<'p>(doc: &Document, pending: &'p [PendingDate]) -> Option<&'p PendingDate> {
    const LONGEST: usize = 80;
    let line = |k: usize| doc.blocks.get(k).map_or("", |b| doc.norm_text(&b.norm).trim());
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (k, b) in doc.blocks.iter().enumerate() {
        let t = line(k);
        if b.kind == BlockKind::Heading && !t.is_empty() && t.len() <= LONGEST {
            *seen.entry(t).or_default() += 1;
        }
    }
    pending.iter().find(|p| {
        p.parts.day.is_some()
            && matches!(p.parts.year, Some(date::YearRef::Abs(_)))
            && doc.blocks.get(p.block).is_some_and(|b| b.kind == BlockKind::Heading)
            && seen.get(line(p.block)).is_some_and(|&n| n >= 2)
    })
}

/// A news agency's dateline without a year (`新华社北京2月22日电`): where it is.
fn yearless_opening(doc: &Document, pending: &[PendingDate], front: usize) -> Option<Span> {
    let first = doc.blocks.iter().take_while(|b| b.span.offset < front).count();
    let p = pending.iter().filter(|p| p.block >= first && p.block < first + 3).find(|p| {
        let start = doc.blocks.get(p.block).map_or(0, |b| b.norm.start);
        let lead = doc.norm.text.get(start..p.norm.start).unwrap_or("");
        p.parts.year.is_none() && p.parts.day.is_some() && opens_report(doc, p, lead)
    })?;
    Some(doc.span(p.norm.clone()))
}

/// Every full date printed in the page furniture, in order: the date, its last day, where, and
/// the furniture line it is on.
fn furniture_dates(doc: &Document, text: &str) -> Vec<(Date, Date, Span, usize)> {
    let lines: Vec<structure::RawBlock> = doc
        .furniture
        .iter()
        .map(|s| structure::RawBlock {
            kind: BlockKind::Paragraph,
            label: None,
            footnote: None,
            lines: vec![s.range()],
            start: s.offset,
        })
        .collect();
    let (norm, ranges) = normalize::normalize(text, &lines, doc.damaged);
    let opts = date::Options { roc: date::roc_context(&norm.text) };
    let mut found: Vec<(Date, Date, Span, usize)> = Vec::new();
    for (line, r) in ranges.into_iter().enumerate() {
        let mut i = r.start;
        while i < r.end {
            if let Some((end, parts)) = date::scan_with(&norm.text, i, opts).filter(|(end, _)| *end <= r.end) {
                if parts.day.is_some()
                    && parts.year_end.is_none()
                    && let Some((start, last, Granularity::Day, _)) = parts.resolve(date::Context::default())
                {
                    found.push((start, last, norm.span(text, i..end), line));
                }
                i = end;
            } else {
                i += norm.text[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    found
}

/// The day a running header prints on every page (`立法會 ─ 2013年 2月 20日`): furniture is no
/// date mention, but a date it repeats on most pages is the paper's.
fn running_header_date(doc: &Document, text: &str) -> Option<PaperDate> {
    let found = furniture_dates(doc, text);
    // The day most of the headers print.
    let (day, _, span, _) = *found.first()?;
    let same = found.iter().filter(|(d, ..)| *d == day).count();
    (same * 2 > found.len()).then_some(PaperDate {
        date: day,
        origin: DateOrigin::RunningHeader,
        span: Some(span),
        last: day,
    })
}

/// A press release's `today (July 26)`: where it is, and the paper's date if it gives a year.
fn dateline(doc: &Document, pending: &[PendingDate], text: &str) -> Option<(Span, Option<PaperDate>)> {
    let v = vocab::vocabulary();
    let p = pending.iter().find(|p| {
        let block_start = doc.blocks.get(p.block).map_or(0, |b| b.norm.start);
        p.parts.day.is_some()
            && p.parts.month.is_some()
            && v.datelines.suffix_of(&doc.norm.text[block_start..p.norm.start]).is_some()
    })?;
    let span = doc.norm.span(text, p.norm.clone());
    let date =
        match p.parts.year {
            Some(date::YearRef::Abs(_)) => p.parts.resolve(date::Context::default()).map(|(start, end, _, _)| {
                PaperDate { date: start, origin: DateOrigin::Dateline, span: Some(span), last: end }
            }),
            _ => None,
        };
    Some((span, date))
}

/// The header heading before the body opener (`簡介`, `Purpose`), skipping labels and dates.
fn title(doc: &Document, text: &str) -> Option<Title> {
    // An archive's front matter names the paper: `title: "…"`.
    if let Some(t) = front_matter_title(text.get(..doc.front_matter).unwrap_or("")) {
        return Some(t);
    }
    let header: Vec<&Block> = doc
        .blocks
        .iter()
        .skip_while(|b| b.span.offset < doc.front_matter)
        .take_while(|b| b.kind == BlockKind::Heading)
        .take(10)
        .collect();
    let clean = |b: &Block| doc.norm.text[b.norm.clone()].trim().to_owned();
    let is_date =
        |b: &Block| doc.dates.iter().any(|d| b.norm.contains(&d.norm.start) && d.norm.len() * 2 >= b.norm.len());
    let candidates: Vec<&Block> = header
        .iter()
        .copied()
        .filter(|b| !is_date(b) && !HEADER_LABELS.iter().any(|l| clean(b).eq_ignore_ascii_case(l)))
        .collect();
    let opener = candidates.iter().position(|b| BODY_OPENERS.iter().any(|o| clean(b).eq_ignore_ascii_case(o)));
    let pick = match opener {
        Some(0) => None,
        Some(k) => candidates.get(k - 1).copied(),
        None => candidates.first().copied(),
    }?;
    let _ = text;
    Some(Title { text: clean(pick), span: Some(pick.span) })
}

/// The `title:` of a YAML front matter, unquoted, with its span.
fn front_matter_title(fm: &str) -> Option<Title> {
    let mut at = 0;
    for line in fm.split_inclusive('\n') {
        if let Some(v) = line.strip_prefix("title:") {
            let raw = v.trim();
            let value = raw.trim_matches(['"', '\'']).trim();
            if value.is_empty() {
                return None;
            }
            let start = at + line.find(value)?;
            return Some(Title { text: value.to_owned(), span: Some(Span::new(start..start + value.len())) });
        }
        at += line.len();
    }
    None
}

fn language(t: &str) -> Language {
    let (mut han, mut latin) = (0usize, 0usize);
    for c in t.chars().take(200_000) {
        if is_han(c) {
            han += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if han == 0 && latin == 0 {
        Language::Unknown
    } else if han * 3 >= latin {
        Language::Chinese
    } else {
        Language::English
    }
}

impl Document {
    /// Dates whose year was only assumed from the paper's date.
    pub fn assumed_dates(&self) -> impl Iterator<Item = &DateMention> {
        self.dates.iter().filter(|d| d.year == YearSource::Assumed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        parse(&Source::from_text("t.txt", text), &ParseOptions::default())
    }

    fn ranges(d: &Document) -> Vec<(String, String, String, String)> {
        d.date_ranges
            .iter()
            .map(|r| (r.from.text.clone(), r.from.start.to_string(), r.to.text.clone(), r.to.end.to_string()))
            .collect()
    }

    #[test]
    fn ranges_pair_their_ends_in_the_order_written() {
        let d = doc("二零二零年六月一日\n\n2. 由 2018 年 7 月至 2017 年 3 月，以及 2014 至 2019 年。\n");
        assert_eq!(
            ranges(&d),
            [
                ("2018年7月".into(), "2018-07-01".into(), "2017年3月".into(), "2017-03-31".into()),
                ("2014".into(), "2014-01-01".into(), "2019年".into(), "2019-12-31".into()),
            ]
        );
        let d = doc("1 June 2020\n\nPrices apply from January 1 to January 31, 2026, from the 2019/20 to the \
                     2021/22 academic years, and from 2025-26 to 2020-21. We compared 2020 to 2019.\n");
        let r = ranges(&d);
        assert_eq!(r[0], ("January 1".into(), "2026-01-01".into(), "January 31, 2026".into(), "2026-01-31".into()));
        assert_eq!((r[1].0.as_str(), r[1].2.as_str()), ("2019/20", "2021/22 academic years"));
        assert_eq!((r[2].0.as_str(), r[2].2.as_str()), ("2025-26", "2020-21"));
        assert_eq!(r.len(), 3, "`compared 2020 to 2019` is no period");
        // An end without its year takes it from the other end, across the new year.
        let d = doc("二零二零年六月一日\n\n2. 活動在 2019 年 11 月至 2 月舉行。\n");
        assert_eq!(d.date_ranges[0].to.start.to_string(), "2020-02-01");
    }

    #[test]
    fn the_papers_date_is_never_a_titles_month_nor_a_guessed_year() {
        let d = doc(
            "二零二五年四月份對外商品貿易貨量及價格統計\n*********************\n二零二五年四月與二零二四年四月比較，出口上升。\n",
        );
        assert!(d.date.is_none(), "{:?}", d.date);
        let d = doc(
            "Appointments\n\n     The Government today (July 26) announced the appointments with effect from August 1, 2023.\n",
        );
        assert!(d.date.is_none());
        assert!(d.date_without_year.is_some());
        let d = doc("Appointments\n\n     The Government today (July 26, 2023) announced the appointments.\n");
        let p = d.date.unwrap();
        assert_eq!((p.date.to_string(), p.origin), ("2023-07-26".into(), DateOrigin::Dateline));
        // A month alone on its line is a date, and allows the whole month.
        let d = doc("財經事務及庫務局\n\n二零二零年五月\n");
        let p = d.date.unwrap();
        assert_eq!((p.date.to_string(), p.last.to_string()), ("2020-05-01".into(), "2020-05-31".into()));
    }

    fn paper(text: &str) -> Option<(String, String, DateOrigin)> {
        let d = doc(text).date?;
        Some((d.date.to_string(), d.last.to_string(), d.origin))
    }

    #[test]
    fn the_papers_date_is_found_where_a_reader_finds_it() {
        let h = DateOrigin::Header;
        // A release header with a release number, a weekday and an ordinal, a title on its line.
        let d = paper(
            "Media Release\n\nRECORD FUNDING FOR SCHOOLS 14 May 2002 MIN 61/02\n\nThe Government has allocated $6.6 billion to schools.\n",
        );
        assert_eq!(d, Some(("2002-05-14".into(), "2002-05-14".into(), h)));
        let d = paper("Thu, 4th February 2010\n\nCHRISTMAS ISLAND BUDGET BLOWS OUT\n\nThe budget grew.\n");
        assert_eq!(d.map(|d| d.0), Some("2010-02-04".into()));
        // `16/06/2008` reads one way; `08/04/2010` two, and the paper's date allows both.
        assert_eq!(
            paper("Media Release\n\n16/06/2008\n\nThe Government announced grants.\n").map(|d| d.0),
            Some("2008-06-16".into())
        );
        assert_eq!(
            paper("Media Release\n\n08/04/2010\n\nThe Government announced grants.\n"),
            Some(("2010-04-08".into(), "2010-08-04".into(), h))
        );
        // A preposition in a heading that says so: the paper's own date.
        assert_eq!(
            paper("Budget 2021-22 at a glance\nIssued on 24 February 2021\n\n1. Spending is $98.3 billion.\n")
                .map(|d| d.0),
            Some("2021-02-24".into())
        );
        assert_eq!(
            paper("Budget Speech\n\nDelivered on 26 February 2021\n\nMr Speaker, I beg to move.\n").map(|d| d.0),
            Some("2021-02-26".into())
        );
        // A date in a sentence is not the paper's.
        assert_eq!(
            paper(
                "MR SIN\n\nPresident, it was published in the press on 27 February 2012 that the question had been put.\n"
            ),
            None
        );
        // A dateline opening the text, in either language; without a year, the day alone is kept.
        assert_eq!(
            paper(
                "CANBERRA, 14 May 2002 - The Minister today announced record funding for schools, the largest ever.\n"
            )
            .map(|d| d.0),
            Some("2002-05-14".into())
        );
        let d = doc("新华社北京2月22日电 国家统计局22日公布的数据显示，1月份价格上涨1.9%。\n");
        assert!(d.date.is_none() && d.date_without_year.is_some());
        // A header in brackets, PDF-spaced, with 年 as a compatibility ideograph.
        assert_eq!(
            paper("財經事務及庫務局\n\n（2013\u{F98E} 2月 20日）\n\n簡介\n\n本文件匯報。\n").map(|d| d.0),
            Some("2013-02-20".into())
        );
    }

    #[test]
    fn running_headers_and_front_matter_date_a_paper() {
        let text = "打擊清洗黑錢的措施\n\n12. 主席，本港於 2012年 4月制定條例，收緊法例。\n就此，政府可否告知本會：\n\n(一) 每年接獲多少宗舉報；\n\n(二) 有多少宗由地產代理作出；\n\n(三) 會否採取措施；\n\n(四) 會否研究；\n\n保安局局長：主席，香港一直積極參與。\n\n財經事務及庫務局負責統籌。\n\n保安局分擔部分工作。\n\n目前，地產代理必須呈報。\n\n除了上述的法例要求外，監管局共發出4份通告。\n\n業界須採取措施。\n\n當局會加強宣傳。\n\n立法會 ─ 2012年 10月 31日\n\n752\n\n就議員的質詢，現答覆如下。\n\n立法會 ─ 2012年 10月 31日\n\n753\n";
        assert_eq!(paper(text), Some(("2012-10-31".into(), "2012-10-31".into(), DateOrigin::RunningHeader)));
        let yaml = "---\ntitle: \"Legal aid on Hewson hit list\"\ndate: \"1991-12-18\"\ncreators:\n  - \"Tate, Michael\"\n---\n\n MINISTER FOR JUSTICE\n\n The Government has warned that the package will destroy legal aid.\n";
        assert_eq!(paper(yaml), Some(("1991-12-18".into(), "1991-12-18".into(), DateOrigin::FrontMatter)));
        // The front matter is metadata: its lines never join the paper's first line.
        let d = doc(yaml);
        assert!(d.blocks.iter().any(|b| d.norm_text(&b.norm).trim() == "MINISTER FOR JUSTICE"));
    }

    #[test]
    fn periods_in_more_words() {
        let d = doc(
            "Budget\n\nThe financial year 1 April 2021 to 31 March 2020. The consultation opens on 3 May 2021 and closes on 1 April 2021. The Summit is in Canberra from June 26-28.\n",
        );
        let r: Vec<(String, String)> = ranges(&d).into_iter().map(|r| (r.0, r.2)).collect();
        assert_eq!(
            r,
            [
                ("1 April 2021".into(), "31 March 2020".into()),
                ("3 May 2021".into(), "1 April 2021".into()),
                ("June 26".into(), "28".into()),
            ]
        );
        let d = doc(
            "二零一二年十一月十四日\n\n2. 由 2012年 10月 27日起至 2011年 10月 26日止，及在 2010年 11月 20日 (即翌日 )至\n2012年 10月 26日期間。\n",
        );
        let r: Vec<(String, String)> = ranges(&d).into_iter().map(|r| (r.0, r.2)).collect();
        assert_eq!(
            r,
            [("2012年10月27日".into(), "2011年10月26日".into()), ("2010年11月20日".into(), "2012年10月26日".into())]
        );
        // A speaker's name glued to `Between` in flattened Hansard text.
        let d = doc("§ Mr. JackBetween 1 March 1993 and 28 February 1994, this Department received 2,375 questions.\n");
        assert_eq!(d.date_ranges.len(), 1);
    }

    #[test]
    fn notes_in_brackets_are_footnotes_when_markers_answer_them() {
        let d = doc(
            "Reply\n\nWe provide school-based professional support(1). Hong Kong Japanese School(1)(2) charges 31,200.\n\nNotes: (1) No fee increase in 2012-2013. (2) Fees are effective from April.\n",
        );
        assert_eq!(d.footnotes.iter().map(|f| f.number).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(d.footnote_refs.iter().map(|r| r.number).collect::<Vec<_>>(), [1, 1, 2]);
        // A question's parts numbered (1), (2) are no notes: nothing names them.
        let d = doc("Question\n\n(1) how many claims were received; and\n\n(2) how many were withdrawn?\n");
        assert!(d.footnotes.is_empty());
        let d = doc("Release\n\nThe boat blowout[1] is $4.1 billion.\n\n[1] Coalition estimate.\n\nSee Note 1.\n");
        assert_eq!(d.footnote_refs.iter().map(|r| r.number).collect::<Vec<_>>(), [1, 1]);
    }

    #[test]
    fn page_furniture_is_no_figure_date_or_heading_but_dates_the_paper() {
        let mut text = String::from("酷刑聲請的統計數字\n\n");
        for page in 4857..4861 {
            text.push_str(&format!("立法會  ─  2013年 2月 20日  \n \n{page} \n"));
            for k in 0..9 {
                text.push_str(&format!("入境處於 2012年接獲 {k}宗聲請，並已就聲請作出決定，以確保程序公平，\n"));
            }
        }
        let d = doc(&text);
        assert_eq!(d.furniture.len(), 8);
        let p = d.date.as_ref().unwrap();
        assert_eq!((p.date.to_string(), p.origin), ("2013-02-20".into(), DateOrigin::RunningHeader));
        let inside = |n: usize| d.furniture.iter().any(|f| f.range().contains(&n));
        assert!(d.figures.iter().all(|f| !inside(f.span.offset)));
        assert!(d.dates.iter().all(|m| !inside(m.span.offset)));
        assert_eq!(d.blocks.iter().filter(|b| b.kind == BlockKind::Heading).count(), 1, "only the title");
        assert_eq!(d.title.as_ref().map(|t| t.text.as_str()), Some("酷刑聲請的統計數字"));
    }
}
