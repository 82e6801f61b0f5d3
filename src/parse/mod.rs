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

pub mod chars;
mod compat;
pub mod date;
pub mod figure;
pub mod furniture;
pub mod normalize;
pub mod number;
pub mod reference;
pub mod scope;
pub mod structure;
pub mod vocab;

use std::ops::Range;

use jiff::civil::Date;

use crate::document::{
    Block, BlockKind, DateMention, DateOrigin, DateRange, Document, Figure, FootnoteDef, FootnoteRef, Granularity,
    Language, PaperDate, Sentence, Title, Unparsed, YearSource,
};
use crate::source::{Normalized, Source, Span};
use chars::{is_closer, is_han, is_sentence_end};

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

    let mut doc = Document { damaged: layout.damaged, text: source.shared_text(), ..Default::default() };
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
            doc.footnotes.push(FootnoteDef { number: n, label_span, span: Span::new(rb.start..rb.end()), block: idx });
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
    doc.scopes = scope::scopes(&doc);
    other_footnote_refs(&mut doc, text);
    reference::scan(&mut doc, text);
    // A very long sentence is cut, never inside a figure or a date.
    doc.sentences = sentences(&doc.norm, &doc.blocks, text, &doc.figures, &pending);

    doc.date = opts
        .date
        .map(|(date, origin)| PaperDate { date, origin, span: None, last: date })
        .or_else(|| paper_date(&doc, &pending, text));
    if doc.date.is_none() {
        doc.date_without_year = dateline(&doc, &pending, text).filter(|(_, d)| d.is_none()).map(|(s, _)| s);
    }
    resolve_dates(&mut doc, pending, text);

    doc.title = opts.title.clone().map(|t| Title { text: t, span: None }).or_else(|| title(&doc, text));
    doc.language = language(&doc.norm.text);
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
            continue;
        };
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
        let lead = mid.len() - mid.trim_start().len();
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

/// `the 2019/20` → `2019/20`; `to the` → `to`.
fn strip_article(s: &str) -> &str {
    let s = s.strip_suffix(" the").or_else(|| s.strip_suffix(" The")).unwrap_or(s);
    if s.eq_ignore_ascii_case("the") { "" } else { s }
}

/// Does `s` end with the word `w` (ASCII words at a word boundary)?
fn vocab_suffix(s: &str, w: &str) -> bool {
    let Some(start) = s.len().checked_sub(w.len()) else {
        return false;
    };
    s.is_char_boundary(start)
        && s[start..].eq_ignore_ascii_case(w)
        && !(w.is_ascii() && s[..start].ends_with(|c: char| c.is_ascii_alphanumeric()))
}

/// A sentence longer than this (in bytes of normalised text) is ended at its next clause mark,
/// and one twice as long wherever it has reached: no paper writes such sentences, and the rules
/// that read a sentence around each of its figures would take time growing with its square.
const LONG_SENTENCE: usize = 8192;

/// Split every block's cleaned text into sentences at `。！？` and at `. ` before a capital
/// (and a sentence over [`LONG_SENTENCE`] bytes at a clause mark or, failing one, anywhere).
fn sentences(
    norm: &Normalized,
    blocks: &[Block],
    text: &str,
    figures: &[Figure],
    dates: &[PendingDate],
) -> Vec<Sentence> {
    // Is normalised offset `n` strictly inside a figure or a date? Each list is in reading order
    // and its ranges do not overlap, so only the last one starting before `n` can hold it.
    fn within<T>(list: &[T], range: impl Fn(&T) -> &Range<usize>, n: usize) -> bool {
        let k = list.partition_point(|x| range(x).start < n);
        k.checked_sub(1).and_then(|k| list.get(k)).is_some_and(|x| n < range(x).end)
    }
    let inside = |n: usize| within(figures, |f| &f.norm, n) || within(dates, |d| &d.norm, n);
    let mut out = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        let s = &norm.text[b.norm.clone()];
        let mut start = 0;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if i - start >= LONG_SENTENCE {
                // Ends after a clause mark, or (twice as long) before this character.
                let e = if i - start >= 2 * LONG_SENTENCE { i } else { i + c.len_utf8() };
                let mark = matches!(c, '，' | ',' | '；' | ';' | '、' | '：' | ':');
                if (mark || e == i) && !inside(b.norm.start + e) {
                    push_sentence(&mut out, norm, text, bi, b.norm.start + start, b.norm.start + e);
                    start = e;
                    if e > i {
                        continue;
                    }
                }
            }
            let mut end = None;
            if is_sentence_end(c) || c == '.' && is_english_stop(s, i) {
                let mut e = i + c.len_utf8();
                while let Some(&(j, n)) = chars.peek() {
                    if is_closer(n) || is_sentence_end(n) {
                        e = j + n.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                end = Some(e);
            }
            if let Some(e) = end {
                push_sentence(&mut out, norm, text, bi, b.norm.start + start, b.norm.start + e);
                start = e;
            }
        }
        if start < s.len() {
            push_sentence(&mut out, norm, text, bi, b.norm.start + start, b.norm.end);
        }
    }
    out
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

/// Read dates and figures block by block.
fn scan_blocks(norm: &Normalized, text: &str, doc: &mut Document) -> Vec<PendingDate> {
    let t = &norm.text;
    let mut pending = Vec::new();
    let mut candidates: Vec<(usize, u32)> = Vec::new();
    let defined: Vec<u32> = doc.footnotes.iter().map(|f| f.number).collect();
    let date_opts = date::Options { roc: date::roc_context(t) };
    for (bi, b) in doc.blocks.iter().enumerate() {
        let mut ctx_year: Option<date::YearRef> = None;
        let mut i = b.norm.start;
        while i < b.norm.end {
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

/// The first full date in the header (the blocks before the body starts), else a press release's
/// dateline (`today (July 26, 2023)`), else one in the last few blocks (the signature block). A
/// date by month alone counts only when it is the whole line: `二零二五年四月份對外商品貿易統計` is
/// the title's subject, not the paper's date.
fn paper_date(doc: &Document, pending: &[PendingDate], text: &str) -> Option<PaperDate> {
    let body_start = doc.blocks.iter().position(|b| b.kind != BlockKind::Heading).unwrap_or(doc.blocks.len()).min(8);
    let full = |p: &PendingDate| {
        matches!(p.parts.year, Some(date::YearRef::Abs(_)))
            && p.parts.month.is_some()
            && p.parts.year_end.is_none()
            && p.parts.month_end.is_none()
    };
    let resolve = |p: &PendingDate, origin| {
        let (start, end, g, _) = p.parts.resolve(date::Context::default())?;
        let alone = || {
            let block = doc.blocks.get(p.block).map(|b| doc.norm_text(&b.norm).trim().len()).unwrap_or(0);
            2 * p.norm.len() >= block
        };
        let ok = g == Granularity::Day || g == Granularity::Month && alone();
        ok.then(|| PaperDate { date: start, origin, span: Some(doc.norm.span(text, p.norm.clone())), last: end })
    };
    if let Some(p) =
        pending.iter().filter(|p| p.block < body_start.max(1) && full(p)).find_map(|p| resolve(p, DateOrigin::Header))
    {
        return Some(p);
    }
    // A dated line at the very top, even if the body starts at once (a press release).
    let first_block_date =
        pending.iter().find(|p| p.block == 0 && full(p)).and_then(|p| resolve(p, DateOrigin::Header));
    if first_block_date.is_some() {
        return first_block_date;
    }
    // A speech's or report's dateline near the top: `——2021年3月5日在第十三屆全國人民代表大會…上`.
    let dateline_date = pending
        .iter()
        .filter(|p| p.block < 3 && full(p) && p.parts.day.is_some())
        .find(|p| {
            let start = doc.blocks.get(p.block).map_or(0, |b| b.norm.start);
            let lead = doc.norm.text.get(start..p.norm.start).unwrap_or("");
            !lead.is_empty() && lead.trim().chars().all(|c| matches!(c, '—' | '-' | '–' | '─'))
        })
        .and_then(|p| resolve(p, DateOrigin::Header));
    if dateline_date.is_some() {
        return dateline_date;
    }
    if let Some((_, Some(d))) = dateline(doc, pending, text) {
        return Some(d);
    }
    if let Some(d) = running_header_date(doc, text) {
        return Some(d);
    }
    let tail_from = doc.blocks.len().saturating_sub(3);
    pending
        .iter()
        .rev()
        .filter(|p| p.block >= tail_from && full(p) && doc.blocks[p.block].kind == BlockKind::Heading)
        .find_map(|p| resolve(p, DateOrigin::Trailer))
}

/// The day a running header prints on every page (`立法會 ─ 2013年 2月 20日`): furniture is no
/// date mention, but a date it repeats on most pages is the paper's.
fn running_header_date(doc: &Document, text: &str) -> Option<PaperDate> {
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
    let mut found: Vec<(Date, Date, Span)> = Vec::new();
    for r in ranges {
        let mut i = r.start;
        while i < r.end {
            if let Some((end, parts)) = date::scan_with(&norm.text, i, opts).filter(|(end, _)| *end <= r.end) {
                if parts.day.is_some()
                    && parts.year_end.is_none()
                    && let Some((start, last, Granularity::Day, _)) = parts.resolve(date::Context::default())
                {
                    found.push((start, last, norm.span(text, i..end)));
                }
                i = end;
            } else {
                i += norm.text[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    // The day most of the headers print.
    let (day, _, span) = *found.first()?;
    let same = found.iter().filter(|(d, _, _)| *d == day).count();
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
    let header: Vec<&Block> = doc.blocks.iter().take_while(|b| b.kind == BlockKind::Heading).take(10).collect();
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
