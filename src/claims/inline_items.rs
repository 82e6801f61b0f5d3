//! Items a paragraph numbers inside its own text: `asked the Minister (1) how many … and (2)
//! how many …`, `(a) Session 1983–84 … (b) the current Session`, `第一，全社的經濟發展…；第二，…`.
//! The numbering of blocks (`1.`, `(a)` opening a line) is the parser's; these are the labels a
//! sentence carries, which the `numbering` rule checks for gaps the same way.
//!
//! A run is read only when it is plainly an enumeration: it opens at the first value (`(1)`,
//! `(a)`, `(i)`, `（一）`, `第一`) after some words of the paragraph, every label of its style in
//! the paragraph goes up, and no label is a reference (`see (a) above`, `paragraph (b)`, `第(一)
//! 項`). A run that goes back or repeats a label is no enumeration and is not read.

use std::ops::Range;

use crate::document::{BlockKind, Document};
use crate::parse::chars::utf8_len;
use crate::parse::structure::{cn_value, roman_value};

/// How an inline label is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InlineStyle {
    /// `(1)`
    Arabic,
    /// `(a)`
    Letter,
    /// `(i)`
    Roman,
    /// `（一）`
    Chinese,
    /// `第一，`
    Ordinal,
    /// `一是…；二是…`
    Is,
}

/// One label: its value and where it is (normalised offsets).
#[derive(Debug, Clone)]
pub struct InlineLabel {
    pub value: u32,
    pub norm: Range<usize>,
}

/// A run of labels of one style in one paragraph, in order, starting at 1.
#[derive(Debug, Clone)]
pub struct InlineRun {
    pub style: InlineStyle,
    pub labels: Vec<InlineLabel>,
}

/// Words straight before a label that make it a reference to an item, not an item.
const REFERENCE_WORDS: [&str; 12] = [
    "see",
    "under",
    "paragraph",
    "paragraphs",
    "item",
    "items",
    "part",
    "parts",
    "section",
    "sub-paragraph",
    "clause",
    "question",
];

/// Characters straight before a Chinese label that make it a reference (`第(一)項`, `上文(一)`).
const REFERENCE_CHARS: [char; 6] = ['第', '文', '項', '项', '述', '見'];

fn is_reference(before: &str) -> bool {
    // The word before the label, no more: a paragraph with no spaces (Chinese) would otherwise be
    // read back to its start for every bracket in it.
    let before = &before[crate::source::floor_char_boundary(before, before.len().saturating_sub(32))..];
    let before = before.trim_end();
    if before.ends_with(REFERENCE_CHARS) {
        return true;
    }
    let last = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    REFERENCE_WORDS.iter().any(|w| last.eq_ignore_ascii_case(w))
}

/// The bracketed label starting at `i` of `text`, if any: its style(s), value and length. `i`,
/// `v` and `x` may be a letter or a Roman numeral: both are returned.
fn bracketed(text: &str, i: usize) -> Vec<(InlineStyle, u32, usize)> {
    let rest = &text[i..];
    let Some(open) = rest.chars().next().filter(|c| matches!(c, '(' | '（')) else { return Vec::new() };
    let inner_start = open.len_utf8();
    // A label is short: its closing bracket is looked for close by only, so that a text of
    // opening brackets is read in linear time.
    let window = &rest[inner_start..crate::source::floor_char_boundary(rest, (inner_start + 16).min(rest.len()))];
    let Some(close) = window.find([')', '）']) else { return Vec::new() };
    if close == 0 || close > 12 {
        return Vec::new();
    }
    let raw = &rest[inner_start..inner_start + close];
    let len = inner_start + close + rest[inner_start + close..].chars().next().map_or(1, char::len_utf8);
    // Glued to a reference (`CB(1)61/12-13(05)號`, `第3.2.3(a)至(c)段`): no label.
    let glued_before =
        text[..i].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, ')' | '.' | '/'));
    let after = rest[len..].chars().next();
    if glued_before || after.is_some_and(|c| c.is_ascii_digit() || "段項项款條条號号".contains(c)) {
        return Vec::new();
    }
    // PDF text may break a label with spaces (`(i i)`).
    let inner: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = inner.as_str();
    let mut out = Vec::new();
    if inner.len() <= 2 && inner.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(v) = inner.parse::<u32>() {
            out.push((InlineStyle::Arabic, v, len));
        }
    } else if inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_lowercase()) {
        out.push((InlineStyle::Letter, u32::from(inner.as_bytes()[0] - b'a' + 1), len));
    }
    if inner.bytes().all(|b| b.is_ascii_lowercase())
        && let Some(v) = roman_value(inner)
    {
        out.push((InlineStyle::Roman, v, len));
    }
    if let Some(v) = cn_value(inner) {
        out.push((InlineStyle::Chinese, v, len));
    }
    out
}

/// `第一，`: an ordinal that opens a clause (`排名第一，` ranks, it numbers nothing).
fn ordinal(text: &str, i: usize) -> Option<(u32, usize)> {
    let opens = text[..i].trim_end().chars().next_back().is_none_or(|c| "，,；;：:。".contains(c));
    if !opens {
        return None;
    }
    let rest = text[i..].strip_prefix('第')?;
    let digits: String = rest.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
    let after = rest[digits.len()..].chars().next()?;
    if !matches!(after, '，' | '、' | '：' | ',' | ':') {
        return None;
    }
    Some((cn_value(&digits)?, '第'.len_utf8() + digits.len()))
}

/// `一是`, `二是` straight after the punctuation mark at `i` (`：一是…；二是…`): its value, where
/// it starts and its length.
fn is_label(text: &str, i: usize) -> Option<(u32, usize, usize)> {
    let c = text[i..].chars().next()?;
    if !matches!(c, '，' | '；' | '：' | '。' | ',' | ';' | ':') {
        return None;
    }
    let start = i + c.len_utf8();
    is_label_at(text, start).map(|(v, len)| (v, start, len))
}

/// `一是` starting at `start` of `text`: its value and length. `一是一，二是二` is an idiom and
/// `一是否` no label.
fn is_label_at(text: &str, start: usize) -> Option<(u32, usize)> {
    let rest = text.get(start..)?;
    // Read in place: this runs after every comma of a Chinese paper.
    let n = rest
        .char_indices()
        .take_while(|&(_, c)| "一二三四五六七八九十".contains(c))
        .take(2)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let digits = &rest[..n];
    let tail = rest[n..].strip_prefix('是')?;
    if digits.is_empty() || tail.starts_with('否') || tail.starts_with(digits) {
        return None;
    }
    Some((cn_value(digits)?, n + '是'.len_utf8()))
}

/// How many paragraphs may stand between two `一是`-style items of one run (an item of several
/// paragraphs).
const IS_GAP_BLOCKS: usize = 6;

/// `一是…二是…` items, which may each open a paragraph of their own or stand inside one (`…工作。
/// 一是…。` then `二是…`, `三是…。四是…`): the labels of the whole paper, as runs that start at
/// `一是` and go up, each label within a few paragraphs of the one before, none across a
/// heading.
fn is_runs(doc: &Document, labels: &[(usize, u32, Range<usize>)], out: &mut Vec<InlineRun>) {
    let mut run: Vec<(usize, InlineLabel)> = Vec::new();
    let flush = |run: &mut Vec<(usize, InlineLabel)>, out: &mut Vec<InlineRun>| {
        if run.len() >= 2 {
            out.push(InlineRun { style: InlineStyle::Is, labels: run.drain(..).map(|(_, l)| l).collect() });
        }
        run.clear();
    };
    for (b, v, r) in labels {
        let label = InlineLabel { value: *v, norm: r.clone() };
        if *v == 1 {
            flush(&mut run, out);
            run.push((*b, label));
            continue;
        }
        let Some((lb, last)) = run.last() else { continue };
        let heading_between = (lb + 1..=*b).any(|k| doc.blocks[k].kind == BlockKind::Heading);
        if *v > last.value && b - lb <= IS_GAP_BLOCKS && !heading_between {
            run.push((*b, label));
        } else {
            flush(&mut run, out);
        }
    }
    flush(&mut run, out);
}

/// Every inline run of every paragraph.
pub fn read_inline_runs(doc: &Document) -> Vec<InlineRun> {
    let mut out = Vec::new();
    let mut is_labels: Vec<(usize, u32, Range<usize>)> = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        let text = doc.norm_text(&b.norm);
        // `一是…` opening the paragraph.
        let lead = text.len() - text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}').len();
        if let Some((v, len)) = is_label_at(text, lead) {
            let at = b.norm.start + lead;
            is_labels.push((bi, v, at..at + len));
        }
        // The block's own label is the parser's; an inline run starts after some words.
        let own_end = b.label.as_ref().map_or(0, |l| {
            let head = &text[..crate::source::floor_char_boundary(text, 48.min(text.len()))];
            head.find(l.text.as_str()).map_or(0, |p| p + l.text.len())
        });
        let mut found: Vec<(InlineStyle, u32, Range<usize>)> = Vec::new();
        // Whether some word of the paragraph has come yet, after its own label.
        let mut worded = false;
        let bytes = text.as_bytes();
        let mut next = own_end;
        while let Some(&x) = bytes.get(next) {
            let i = next;
            // Once a word has come, only `(`, `（` (EF BC 88), `第` (E7 AC AC) and the marks an
            // `一是` may follow (`，；：` EF BC xx, `。` E3 80 82, `,;:`) matter: other characters
            // are passed over from their first byte, undecoded.
            if worded && !matches!(x, b'(' | b',' | b';' | b':' | 0xef | 0xe7 | 0xe3) {
                next += utf8_len(x);
                continue;
            }
            let Some(c) = text[i..].chars().next() else { break };
            next += c.len_utf8();
            if let Some((v, at, len)) = is_label(text, i) {
                let at = b.norm.start + at;
                is_labels.push((bi, v, at..at + len));
            }
            if !matches!(c, '(' | '（' | '第') {
                // Once a word has come, the (slow, for Han) Unicode test is not needed again.
                worded = worded || c.is_alphanumeric();
                continue;
            }
            let before = &text[own_end..i];
            let was_worded = worded;
            worded = worded || c.is_alphanumeric();
            if !was_worded || is_reference(before) {
                continue;
            }
            let at = b.norm.start + i;
            if c == '第' {
                if let Some((v, len)) = ordinal(text, i) {
                    found.push((InlineStyle::Ordinal, v, at..at + len));
                }
                continue;
            }
            for (style, v, len) in bracketed(text, i) {
                found.push((style, v, at..at + len));
            }
        }
        for style in
            [InlineStyle::Arabic, InlineStyle::Letter, InlineStyle::Roman, InlineStyle::Chinese, InlineStyle::Ordinal]
        {
            let labels: Vec<InlineLabel> = found
                .iter()
                .filter(|(s, _, _)| *s == style)
                .map(|(_, v, r)| InlineLabel { value: *v, norm: r.clone() })
                .collect();
            let rising = labels.windows(2).all(|w| w[1].value > w[0].value);
            if labels.len() >= 2 && labels[0].value == 1 && rising {
                out.push(InlineRun { style, labels });
            }
        }
    }
    is_runs(doc, &is_labels, &mut out);
    // `(i)` read both as a letter and as a Roman numeral: the run that counts on from 1 without
    // a gap is the one meant; where both do or neither does, the letters are kept only if the
    // Roman run is not also whole.
    let whole = |r: &InlineRun| r.labels.windows(2).all(|w| w[1].value == w[0].value + 1);
    let mut keep = vec![true; out.len()];
    for i in 0..out.len() {
        for j in 0..out.len() {
            let overlap = out[i].labels.iter().any(|a| out[j].labels.iter().any(|b| a.norm == b.norm));
            if i != j && overlap && whole(&out[j]) && !whole(&out[i]) {
                keep[i] = false;
            }
        }
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    out
}
