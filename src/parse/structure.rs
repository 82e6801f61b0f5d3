//! Lines into blocks: headings, numbered paragraphs, lettered list items, footnote bodies.
//!
//! Works on the original lines, before any joining, because PDF-extracted papers carry their
//! structure in line starts: `1 8 .` opens paragraph 18, `( b )` a list item, a run of spaces a
//! page's footnote area, and a line that starts with a space the next page. Labels are parsed
//! with nom; the line-joining policy (is this line break mid-sentence?) is plain logic.

use std::ops::Range;

use nom::branch::alt;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char, satisfy};
use nom::combinator::{opt, recognize};
use nom::multi::many0;
use nom::{IResult, Parser};

use super::chars::{ends_block, is_cjk, is_closer, is_hspace};
use crate::document::{BlockKind, Label, LabelStyle};
use crate::source::Span;

/// How the text was laid out, decided once per document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Layout {
    /// Spaced CJK from PDF extraction: digits split by spaces are rejoined.
    pub damaged: bool,
    /// Markdown: a blank line always ends a block; `#` opens a heading.
    pub markdown: bool,
    /// Every line followed by a blank line: blank lines do not separate paragraphs.
    pub double_spaced: bool,
    /// Typical visual width of a full line, in CJK cells.
    pub line_width: f32,
}

/// A block before normalisation: where its content lies in the original text.
#[derive(Debug, Clone)]
pub struct RawBlock {
    pub kind: BlockKind,
    pub label: Option<Label>,
    pub footnote: Option<(u32, Span)>,
    /// Content line ranges (labels excluded).
    pub lines: Vec<Range<usize>>,
    /// Start of the block's first line, label included.
    pub start: usize,
}

impl RawBlock {
    pub fn end(&self) -> usize {
        self.lines.last().map_or(self.start, |l| l.end)
    }
}

/// Decide the layout from the whole text.
pub fn layout(text: &str, markdown: bool) -> Layout {
    let mut spaced = 0usize;
    let mut adjacent = 0usize;
    let mut prev: [char; 2] = [' ', ' '];
    for c in text.chars() {
        if is_cjk(c) {
            if is_cjk(prev[1]) {
                adjacent += 1;
            } else if (prev[1] == ' ' || prev[1] == '\u{3000}') && is_cjk(prev[0]) {
                spaced += 1;
                adjacent += 1;
            }
        }
        prev = [prev[1], c];
    }
    let damaged = adjacent >= 20 && spaced * 10 >= adjacent;

    let lines: Vec<&str> = text.split('\n').collect();
    let mut nonblank = 0usize;
    let mut followed_by_blank = 0usize;
    let mut widths = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        nonblank += 1;
        if lines.get(i + 1).is_some_and(|n| n.trim().is_empty()) {
            followed_by_blank += 1;
        }
        let w = width(l);
        if w >= 8.0 {
            widths.push(w);
        }
    }
    let double_spaced = nonblank >= 4 && followed_by_blank * 10 >= nonblank * 7;
    widths.sort_by(f32::total_cmp);
    // A full line: most lines of wrapped text are full, and unwrapped paragraphs are long.
    let line_width = widths.get(widths.len() * 9 / 10).copied().unwrap_or(40.0);
    Layout { damaged, markdown, double_spaced, line_width }
}

/// Visual width in CJK cells: a CJK character is 1, anything else visible ½.
fn width(s: &str) -> f32 {
    s.chars().filter(|c| !c.is_whitespace()).map(|c| if is_cjk(c) { 1.0 } else { 0.5 }).sum()
}

fn is_blank(s: &str) -> bool {
    s.chars().all(|c| is_hspace(c) || c == '\r')
}

/// A footnote separator: a long run of spaces alone on a line, or a rule of `_`/`-`/`─`.
fn is_separator(s: &str) -> bool {
    let t = s.trim_end_matches('\r');
    let spaces = t.chars().filter(|&c| is_hspace(c)).count();
    if !t.is_empty() && spaces == t.chars().count() && spaces >= 10 {
        return true;
    }
    let trimmed = t.trim();
    trimmed.chars().count() >= 5 && trimmed.chars().all(|c| matches!(c, '_' | '-' | '─' | '—' | '―' | '‐' | '='))
}

// ---------------------------------------------------------------------------------------------
// Label parsers

fn hspace0(i: &str) -> IResult<&str, &str> {
    nom::bytes::complete::take_while(is_hspace).parse(i)
}

fn indent(i: &str) -> IResult<&str, &str> {
    take_while_m_n(0, 4, is_hspace).parse(i)
}

fn digit(i: &str) -> IResult<&str, char> {
    satisfy(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)).parse(i)
}

/// Digits, optionally split by single spaces (`1 8`), as PDF extraction leaves them.
fn spaced_digits(i: &str) -> IResult<&str, &str> {
    recognize((digit, many0((opt(char(' ')), digit)))).parse(i)
}

fn contiguous_digits(i: &str) -> IResult<&str, &str> {
    recognize((digit, many0(digit))).parse(i)
}

fn digits_value(s: &str) -> Option<u32> {
    let mut v: u32 = 0;
    let mut n = 0;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => continue,
        };
        v = v.checked_mul(10)?.checked_add(d)?;
        n += 1;
    }
    (n > 0).then_some(v)
}

/// `1 8 .  text` → (18, rest). A digit after the label (`2 . 0 )` in `FCAS 2 . 0`, or
/// `3 4 .  2 0 19 年`) is accepted only when `next` — the paragraph number expected next — says
/// so: a decimal number at a line start is not a paragraph.
fn paragraph_label(damaged: bool, next: u32) -> impl Fn(&str) -> IResult<&str, (u32, &str)> {
    move |i: &str| {
        let (i, _) = indent(i)?;
        let (rest, lab) = recognize((
            |i| {
                if damaged { spaced_digits(i) } else { contiguous_digits(i) }
            },
            opt(char(' ')),
            alt((char('.'), char('．'))),
        ))
        .parse(i)?;
        let after = rest.trim_start_matches(is_hspace);
        let followed_by_space = rest.is_empty() || rest.starts_with(is_hspace) || rest.starts_with('\r');
        let next_is_digit = after.starts_with(|c: char| c.is_ascii_digit());
        match digits_value(lab) {
            Some(v) if followed_by_space && (!next_is_digit || v == next) && (1..=999).contains(&v) => {
                Ok((rest, (v, lab)))
            }
            _ => Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))),
        }
    }
}

/// `( b )  text` → (2, rest).
fn letter_label(i: &str) -> IResult<&str, (u32, &str)> {
    let (i, _) = indent(i)?;
    let (rest, lab) = recognize((
        alt((char('('), char('（'))),
        hspace0,
        satisfy(|c| c.is_ascii_lowercase()),
        hspace0,
        alt((char(')'), char('）'))),
    ))
    .parse(i)?;
    let ok = rest.is_empty() || rest.starts_with(|c: char| is_hspace(c) || is_cjk(c) || c == '\r');
    let letter = lab.chars().find(|c| c.is_ascii_lowercase());
    match letter {
        Some(l) if ok => Ok((rest, (l as u32 - 'a' as u32 + 1, lab))),
        _ => Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))),
    }
}

/// `4 帳戶登記數目…` → (4, rest): a footnote definition's marker.
fn footnote_label(i: &str) -> IResult<&str, (u32, &str)> {
    let (rest, lab) = contiguous_digits(i)?;
    let ok = rest.starts_with(|c: char| is_hspace(c) || is_cjk(c));
    match digits_value(lab) {
        Some(v) if ok && (1..=999).contains(&v) => Ok((rest, (v, lab))),
        _ => Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))),
    }
}

// ---------------------------------------------------------------------------------------------

/// Split the text into blocks.
pub fn blocks(text: &str, layout: &Layout) -> Vec<RawBlock> {
    Splitter::new(text, *layout).run()
}

struct Splitter<'a> {
    text: &'a str,
    layout: Layout,
    out: Vec<RawBlock>,
    /// The block being filled.
    cur: Option<RawBlock>,
    /// A body block interrupted by a page's footnotes, to be resumed after them.
    suspended: Option<RawBlock>,
    in_footnotes: bool,
    last_footnote: u32,
    last_paragraph: u32,
    blank_since_last: bool,
}

impl<'a> Splitter<'a> {
    fn new(text: &'a str, layout: Layout) -> Self {
        Splitter {
            text,
            layout,
            out: Vec::new(),
            cur: None,
            suspended: None,
            in_footnotes: false,
            last_footnote: 0,
            last_paragraph: 0,
            blank_since_last: false,
        }
    }

    fn line_ranges(&self) -> Vec<Range<usize>> {
        let mut v = Vec::new();
        let b = self.text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\n' || b[i] == b'\r' {
                v.push(start..i);
                if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            i += 1;
        }
        if start < b.len() {
            v.push(start..b.len());
        }
        v
    }

    fn run(mut self) -> Vec<RawBlock> {
        let lines = self.line_ranges();
        for (idx, r) in lines.iter().enumerate() {
            let line = &self.text[r.clone()];
            if is_separator(line) && self.next_is_footnote(&lines[idx + 1..]) {
                self.enter_footnotes();
                continue;
            }
            if is_blank(line) {
                self.blank_since_last = true;
                continue;
            }
            if self.in_footnotes && self.footnote_line(r.clone(), line) {
                continue;
            }
            self.body_line(r.clone(), line);
            self.blank_since_last = false;
        }
        self.in_footnotes = false;
        self.close();
        if let Some(s) = self.suspended.take() {
            self.out.push(s);
        }
        self.out.sort_by_key(|b| b.start);
        self.out
    }

    fn next_is_footnote(&self, rest: &[Range<usize>]) -> bool {
        rest.iter()
            .map(|r| &self.text[r.clone()])
            .find(|l| !is_blank(l))
            .is_some_and(|l| footnote_label(l).is_ok() || l.starts_with(['¹', '²', '³']))
    }

    fn enter_footnotes(&mut self) {
        if !self.in_footnotes {
            if let Some(cur) = self.cur.take() {
                if matches!(cur.kind, BlockKind::Paragraph | BlockKind::ListItem) && !self.line_ends_block(&cur) {
                    self.suspended = Some(cur);
                } else {
                    self.push(cur);
                }
            }
        } else {
            self.close();
        }
        self.in_footnotes = true;
    }

    /// Handle a line inside a page's footnote area. Returns false when the area has ended and
    /// the line belongs to the body.
    fn footnote_line(&mut self, r: Range<usize>, line: &str) -> bool {
        let page_resumes = line.starts_with(|c: char| is_hspace(c));
        let next_para = paragraph_label(self.layout.damaged, self.last_paragraph + 1)(line)
            .is_ok_and(|(_, (v, _))| v == self.last_paragraph + 1);
        if page_resumes || next_para {
            self.close();
            self.in_footnotes = false;
            self.cur = self.suspended.take();
            self.blank_since_last = false;
            return false;
        }
        if let Ok((rest, (n, lab))) = footnote_label(line)
            && n > self.last_footnote
            && n <= self.last_footnote + 3
        {
            self.close();
            self.last_footnote = n;
            let label_start = r.start + (line.len() - line.trim_start().len());
            let label_span = Span::new(label_start..label_start + lab.len());
            let content = r.end - rest.len()..r.end;
            self.cur = Some(RawBlock {
                kind: BlockKind::Footnote,
                label: None,
                footnote: Some((n, label_span)),
                lines: vec![content],
                start: r.start,
            });
            return true;
        }
        match &mut self.cur {
            Some(b) if b.kind == BlockKind::Footnote => b.lines.push(r),
            _ => {
                // Text in the footnote area before any marker: keep it as its own block.
                self.cur = Some(RawBlock {
                    kind: BlockKind::Paragraph,
                    label: None,
                    footnote: None,
                    lines: vec![r.clone()],
                    start: r.start,
                });
            }
        }
        true
    }

    fn body_line(&mut self, r: Range<usize>, line: &str) {
        let damaged = self.layout.damaged;
        if self.layout.markdown && line.starts_with('#') {
            self.close();
            let hashes = line.len() - line.trim_start_matches('#').len();
            let content = r.start + hashes..r.end;
            self.out.push(RawBlock {
                kind: BlockKind::Heading,
                label: None,
                footnote: None,
                lines: vec![content],
                start: r.start,
            });
            return;
        }
        if let Ok((rest, (v, lab))) = paragraph_label(damaged, self.last_paragraph + 1)(line) {
            self.close();
            self.last_paragraph = v;
            let lab_start = r.start + line.find(lab).unwrap_or(0);
            self.cur = Some(self.labelled(
                BlockKind::Paragraph,
                LabelStyle::Arabic,
                v,
                lab,
                lab_start,
                r.end - rest.len()..r.end,
                r.start,
            ));
            return;
        }
        if let Ok((rest, (v, lab))) = letter_label(line) {
            self.close();
            let lab_start = r.start + line.find(lab).unwrap_or(0);
            self.cur = Some(self.labelled(
                BlockKind::ListItem,
                LabelStyle::LetterParen,
                v,
                lab,
                lab_start,
                r.end - rest.len()..r.end,
                r.start,
            ));
            return;
        }
        if line.matches('|').count() >= 2 {
            self.close();
            self.out.push(RawBlock {
                kind: BlockKind::TableRow,
                label: None,
                footnote: None,
                lines: vec![r.clone()],
                start: r.start,
            });
            return;
        }
        if self.joins(line)
            && let Some(cur) = &mut self.cur
        {
            cur.lines.push(r);
            return;
        }
        self.close();
        self.cur = Some(RawBlock {
            kind: BlockKind::Paragraph,
            label: None,
            footnote: None,
            lines: vec![r.clone()],
            start: r.start,
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn labelled(
        &self,
        kind: BlockKind,
        style: LabelStyle,
        value: u32,
        lab: &str,
        lab_start: usize,
        content: Range<usize>,
        start: usize,
    ) -> RawBlock {
        let text: String =
            lab.chars().filter(|c| !is_hspace(*c)).map(|c| super::chars::halfwidth(c).unwrap_or(c)).collect();
        RawBlock {
            kind,
            label: Some(Label { style, value, text, span: Span::new(lab_start..lab_start + lab.len()) }),
            footnote: None,
            lines: vec![content],
            start,
        }
    }

    /// May this line continue the current block?
    fn joins(&self, line: &str) -> bool {
        let Some(cur) = &self.cur else { return false };
        if !matches!(cur.kind, BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Footnote) {
            return false;
        }
        if self.blank_since_last && (self.layout.markdown || !self.layout.double_spaced) {
            return false;
        }
        let prev = cur.lines.last().map_or("", |r| &self.text[r.clone()]);
        let prev_t = prev.trim_end_matches(|c: char| is_hspace(c) || c == '\r');
        if prev_t.is_empty() {
            // A label alone on its line: its content follows.
            return true;
        }
        if self.layout.markdown {
            // Markdown: a line break inside a paragraph is soft; bullets start new blocks.
            let t = line.trim_start();
            return !(t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") || t.starts_with('>'));
        }
        if self.line_ends_block(cur) {
            return false;
        }
        let last = prev_t.chars().next_back().unwrap_or(' ');
        let continues =
            matches!(last, '，' | '、' | ',' | '(' | '（' | '-' | '「' | '“' | '/' | '和' | '及' | '與' | '或');
        let full = width(prev) >= self.layout.line_width * 0.7;
        full || continues
    }

    /// Does the current block's last line end with punctuation that closes a block?
    fn line_ends_block(&self, cur: &RawBlock) -> bool {
        let prev = cur.lines.last().map_or("", |r| &self.text[r.clone()]);
        let t = prev.trim_end_matches(|c: char| is_hspace(c) || c == '\r').trim_end_matches(is_closer);
        t.chars().next_back().is_some_and(ends_block)
    }

    fn close(&mut self) {
        if let Some(b) = self.cur.take() {
            self.push(b);
        }
    }

    fn push(&mut self, mut b: RawBlock) {
        let one_short_line = b.lines.len() == 1 && self.is_heading_line(&self.text[b.lines[0].clone()]);
        // An unlabelled short line is a heading; so is a lettered one (`( a )  推廣`), which
        // keeps its label for the numbering rule.
        if one_short_line && (b.kind == BlockKind::Paragraph && b.label.is_none() || b.kind == BlockKind::ListItem) {
            b.kind = BlockKind::Heading;
        }
        self.out.push(b);
    }

    /// A short line with no sentence punctuation, standing alone.
    fn is_heading_line(&self, line: &str) -> bool {
        let t = line.trim();
        if t.is_empty() {
            return false;
        }
        let w = width(t);
        let has_punct = t.chars().any(|c| matches!(c, '。' | '，' | '；' | '！' | '？' | ';' | '!' | '?'))
            || t.trim_end_matches(is_closer).ends_with(['.', ',', ':', '：']);
        !has_punct && w <= (self.layout.line_width * 0.8).max(12.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_labels() {
        let p = paragraph_label(true, 34);
        assert_eq!(p("1 8 .  金 融").unwrap().1.0, 18);
        assert_eq!(p(" 8 .  投 資").unwrap().1.0, 8);
        assert!(p("2 . 0 )， 提 供").is_err());
        assert!(p("2 0 20 年 1 月").is_err());
        assert_eq!(p("3 4 .  2 0 19 年").unwrap().1.0, 34);
        let q = paragraph_label(false, 1);
        assert_eq!(q("12. The").unwrap().1.0, 12);
        assert!(q("1 2. The").is_err());
        assert!(q("3.15 3.05").is_err());
    }

    #[test]
    fn letter_labels() {
        assert_eq!(letter_label("( a)  銀 行").unwrap().1.0, 1);
        assert_eq!(letter_label(" (b )  保 險").unwrap().1.0, 2);
        assert_eq!(letter_label("( e )  資金").unwrap().1.0, 5);
        assert!(letter_label("(包括銀行和保險公司 )").is_err());
    }

    #[test]
    fn footnote_area_is_cut_out_and_the_paragraph_resumes() {
        let text = "1 1 .  一 家 虛 擬 銀 行 已 正 式 開 業 ， 其 餘 三 家 虛 擬 銀 行 亦 正\n\n                                              \n1  「全球金融創新網絡」是網絡。\n 努 力 完 成 工 作 。\n";
        let l = Layout { damaged: true, markdown: false, double_spaced: true, line_width: 20.0 };
        let b = blocks(text, &l);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].kind, BlockKind::Paragraph);
        assert_eq!(b[0].lines.len(), 2, "the paragraph continues after the footnote");
        assert_eq!(b[1].kind, BlockKind::Footnote);
        assert_eq!(b[1].footnote.unwrap().0, 1);
    }
}
