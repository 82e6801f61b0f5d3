//! From a [`Source`] to a [`Document`].
//!
//! 1. [`structure`] splits the original lines into blocks (headings, numbered paragraphs, list
//!    items, footnote bodies), because PDF-extracted text carries its structure in line starts.
//! 2. [`normalize`] builds the cleaned view of every block, with the offset map back.
//! 3. One scan over each block's cleaned text reads [`date`]s and [`figure`]s; bare integers
//!    glued to CJK text that match a footnote become footnote references.
//! 4. The paper's own date comes from its header (or the command line / config); relative and
//!    year-less dates are then resolved against it.

pub mod chars;
pub mod date;
pub mod figure;
pub mod normalize;
pub mod number;
pub mod structure;
pub mod vocab;

use std::ops::Range;

use jiff::civil::Date;

use crate::document::{
    Block, BlockKind, DateMention, DateOrigin, Document, Figure, FootnoteDef, FootnoteRef, Granularity, Language,
    PaperDate, Sentence, Title, Unparsed, YearSource,
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
    let raw = structure::blocks(text, &layout);
    let (norm, ranges) = normalize::normalize(text, &raw, layout.damaged);

    let mut doc = Document { damaged: layout.damaged, text: std::sync::Arc::from(text), ..Default::default() };

    // Blocks, with the numbered paragraph each belongs to.
    let mut current_para: Option<u32> = None;
    for (rb, nr) in raw.iter().zip(ranges) {
        let paragraph = match (rb.kind, &rb.label) {
            (BlockKind::Paragraph, Some(l)) => {
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
            label: rb.label.clone(),
            paragraph,
            span: Span::new(rb.start..rb.end()),
            norm: nr,
            lines: rb.lines.clone(),
        });
    }

    doc.sentences = sentences(&norm, &doc.blocks, text);
    let pending = scan_blocks(&norm, text, &mut doc);
    doc.norm = norm;

    doc.date = opts
        .date
        .map(|(date, origin)| PaperDate { date, origin, span: None })
        .or_else(|| paper_date(&doc, &pending, text));
    let paper = doc.date.as_ref().map(|d| d.date);
    for p in pending {
        let year = match p.context_year {
            Some(date::YearRef::Abs(y)) => Some(y),
            Some(date::YearRef::Rel(off)) => paper.map(|d| d.year() as i32 + off),
            None => None,
        };
        let ctx = date::Context { paper, year };
        let Some((start, end, granularity, year)) = p.parts.resolve(ctx) else {
            continue;
        };
        let _ = p.block;
        doc.dates.push(DateMention {
            span: doc.norm.span(text, p.norm.clone()),
            text: doc.norm.text[p.norm.clone()].to_owned(),
            norm: p.norm,
            start,
            end,
            granularity,
            year,
        });
    }

    doc.title = opts.title.clone().map(|t| Title { text: t, span: None }).or_else(|| title(&doc, text));
    doc.language = language(&doc.norm.text);
    doc
}

/// Split every block's cleaned text into sentences at `。！？` and at `. ` before a capital.
fn sentences(norm: &Normalized, blocks: &[Block], text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        let s = &norm.text[b.norm.clone()];
        let mut start = 0;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
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
                && let Some((end, parts)) = date::scan(t, i)
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
                            text: t[m.range.clone()].to_owned(),
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
    footnote_refs(doc, candidates);
    pending
}

/// Bare integers glued to CJK text become footnote references when they name a defined
/// footnote, or a number just past the last one (a reference to a footnote that was cut).
fn footnote_refs(doc: &mut Document, candidates: Vec<(usize, u32)>) {
    let defined: Vec<u32> = doc.footnotes.iter().map(|f| f.number).collect();
    let mut last = 0;
    let mut remove = Vec::new();
    for (fi, n) in candidates {
        let in_def = doc.footnotes.iter().any(|f| {
            let b = &doc.blocks[f.block];
            b.norm.contains(&doc.figures[fi].norm.start)
        });
        if in_def {
            continue;
        }
        // A number just past the defined ones is a marker whose footnote went missing.
        let max_def = defined.iter().copied().max().unwrap_or(0);
        if defined.contains(&n) || n > last && n <= max_def + 2 {
            let f = &doc.figures[fi];
            doc.footnote_refs.push(FootnoteRef { number: n, span: f.span, norm: f.norm.clone() });
            remove.push(fi);
            last = last.max(n);
        }
    }
    for fi in remove.into_iter().rev() {
        doc.figures.remove(fi);
    }
}

/// The first full date in the header (the blocks before the body starts), else one in the last
/// few blocks (the signature block).
fn paper_date(doc: &Document, pending: &[PendingDate], text: &str) -> Option<PaperDate> {
    let body_start = doc.blocks.iter().position(|b| b.kind != BlockKind::Heading).unwrap_or(doc.blocks.len()).min(8);
    let full = |p: &PendingDate| {
        matches!(p.parts.year, Some(date::YearRef::Abs(_))) && p.parts.month.is_some() && p.parts.year_end.is_none()
    };
    let resolve = |p: &PendingDate, origin| {
        let (start, _, g, _) = p.parts.resolve(date::Context::default())?;
        matches!(g, Granularity::Day | Granularity::Month).then(|| PaperDate {
            date: start,
            origin,
            span: Some(doc.norm.span(text, p.norm.clone())),
        })
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
    let tail_from = doc.blocks.len().saturating_sub(3);
    pending
        .iter()
        .rev()
        .filter(|p| p.block >= tail_from && full(p) && doc.blocks[p.block].kind == BlockKind::Heading)
        .find_map(|p| resolve(p, DateOrigin::Trailer))
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
