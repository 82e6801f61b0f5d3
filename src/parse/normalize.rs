//! The cleaned view of each block that the figure and date parsers read.
//!
//! Repairs, in one pass over each block's characters:
//! - whitespace next to CJK text is dropped (`持 份 者` → `持份者`, `有 60 0 多` → `有600多`);
//! - line breaks inside a block are joined (a space between Latin words, nothing in CJK);
//! - in a PDF-damaged paper, digits split by spaces or a line break are rejoined (`2 01 9`,
//!   `16 8 , 00 0`, `12 ⏎0 00`) and Latin split by single spaces is rejoined (`Fi n t e ch`);
//!   a double space, as between `Innovate  Finance`, stays a word break;
//! - in any paper, a space used as a thousands separator (`7 109 項`, `1 200 trainees`) goes;
//! - full-width digits, letters and `％` become ASCII, and a compatibility ideograph the
//!   character it stands for (`U+F98E` → `年`).
//!
//! Nothing here merges two numbers that are separated by anything but whitespace, so
//! `18 個代表團，其中 8 個` stays 18 and 8.

use std::ops::Range;

use super::chars::{fold, is_cjk, is_newline, is_space};
use super::structure::RawBlock;
use crate::source::{NormBuilder, Normalized};

/// A character of a block with where it stands in the original (kept small: a block's
/// characters are all held at once, and a hostile file may be one block).
#[derive(Clone, Copy)]
struct Ch {
    c: char,
    /// Offsets fit in u32: files over [`crate::source::MAX_FILE_BYTES`] are refused.
    orig: u32,
    len: u8,
}

impl Ch {
    fn orig(&self) -> usize {
        self.orig as usize
    }
    fn len(&self) -> usize {
        usize::from(self.len)
    }
}

/// Normalise every block; returns the text and each block's range in it. Blocks are separated by
/// a `\n`.
pub fn normalize(text: &str, blocks: &[RawBlock], damaged: bool) -> (Normalized, Vec<Range<usize>>) {
    // Never longer than the text plus a `\n` per block: reserved once, not doubled as it grows.
    let mut b = NormBuilder::with_capacity(text.len() + blocks.len());
    let mut ranges = Vec::with_capacity(blocks.len());
    let mut stream: Vec<Ch> = Vec::new();
    for block in blocks {
        stream.clear();
        for (k, line) in block.lines.iter().enumerate() {
            if k > 0 {
                // The break between two lines, standing at the end of the earlier one.
                let at = block.lines[k - 1].end;
                stream.push(Ch { c: '\n', orig: at as u32, len: u8::from(at < text.len()) });
            }
            let Some(s) = text.get(line.clone()) else {
                continue;
            };
            stream.extend(s.char_indices().map(|(i, c)| Ch {
                c: fold(c),
                orig: (line.start + i) as u32,
                len: c.len_utf8() as u8,
            }));
        }
        let start = b.len();
        clean(&stream, damaged, &mut b);
        ranges.push(start..b.len());
        b.push('\n', block.end(), usize::from(block.end() < text.len()));
    }
    (b.finish(), ranges)
}

fn clean(s: &[Ch], damaged: bool, b: &mut NormBuilder) {
    let mut i = 0;
    let mut out_len_at_start = None;
    while i < s.len() {
        if is_space(s[i].c) {
            let mut j = i;
            while j < s.len() && is_space(s[j].c) {
                j += 1;
            }
            let emitted_any = out_len_at_start.is_some_and(|st| b.len() > st);
            if emitted_any && j < s.len() && keep_space(b.text(), s, i, j, damaged) {
                b.push(' ', s[i].orig(), s[i].len());
            }
            i = j;
            continue;
        }
        if out_len_at_start.is_none() {
            out_len_at_start = Some(b.len());
        }
        let c = s[i].c;
        // Zero-width and soft-hyphen characters carry nothing; is_space already dropped most.
        b.push(c, s[i].orig(), s[i].len());
        i += 1;
    }
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '@' | '&' | '_')
}

/// Decide whether the whitespace run `s[i..j]` becomes one space or nothing.
fn keep_space(out: &str, s: &[Ch], i: usize, j: usize, damaged: bool) -> bool {
    let mut rev = out.chars().rev();
    let Some(prev) = rev.next() else { return false };
    let prev2 = rev.next();
    let next = s[j].c;
    let next2 = s[j + 1..].iter().map(|c| c.c).find(|c| !is_space(*c));
    let run = &s[i..j];
    let has_nl = run.iter().any(|c| is_newline(c.c));
    let single = run.len() == 1 && !has_nl;

    if is_cjk(prev) || is_cjk(next) {
        return false;
    }
    if matches!(prev, '(' | '[' | '（' | '【' | '{') || matches!(next, ')' | ']' | '）' | '】' | '}') {
        return false;
    }
    if prev.is_ascii_digit() && next == '%' {
        return false;
    }
    // Hyphenation at a line end: `Inthanon-⏎LionRock`.
    if prev == '-' && has_nl && prev2.is_some_and(|c| c.is_alphabetic()) {
        return false;
    }
    if damaged {
        let d = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        if prev.is_ascii_digit() && next.is_ascii_digit() {
            return false;
        }
        if prev.is_ascii_digit() && matches!(next, '.' | ',' | '/') && d(next2) {
            return false;
        }
        if matches!(prev, '.' | ',' | '/') && d(prev2) && next.is_ascii_digit() {
            return false;
        }
        if single && is_word(prev) && is_word(next) {
            return false;
        }
        return true;
    }
    // A space as thousands separator: 1-3 digits, then groups of exactly 3.
    if run.len() == 1 && !has_nl && prev.is_ascii_digit() && next.is_ascii_digit() {
        let left: String = out.chars().rev().take_while(|c| c.is_ascii_digit()).collect();
        let before_left = out.chars().rev().nth(left.len());
        let right = s[j..].iter().take_while(|c| c.c.is_ascii_digit()).count();
        let after_right = s.get(j + right).map(|c| c.c);
        let left_ok = (1..=3).contains(&left.len()) && !matches!(before_left, Some('.' | ',' | '-'));
        let right_ok = right == 3 && !matches!(after_right, Some('.' | ','));
        if left_ok && right_ok {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    fn norm(text: &str, damaged: bool) -> String {
        let lines: Vec<Range<usize>> = {
            let mut v = Vec::new();
            let mut start = 0;
            for (i, c) in text.char_indices() {
                if c == '\n' {
                    v.push(start..i);
                    start = i + 1;
                }
            }
            v.push(start..text.len());
            v
        };
        let block = RawBlock { kind: BlockKind::Paragraph, label: None, footnote: None, start: 0, lines };
        let (n, r) = normalize(text, &[block], damaged);
        n.text[r[0].clone()].to_owned()
    }

    #[test]
    fn pdf_damage_is_repaired() {
        assert_eq!(norm("料， 20 14 至 2 01 9 年投資", true), "料，2014至2019年投資");
        assert_eq!(norm("超過 1 4 . 7 億", true), "超過14.7億");
        assert_eq!(norm("處理 2 64 ,0 00 宗", true), "處理264,000宗");
        assert_eq!(norm("的 16 8 , 00 0 宗", true), "的168,000宗");
        assert_eq!(norm("超過 12  \n0 00 名", true), "超過12000名");
        assert_eq!(norm("的 18  個代表團，其中 8 個", true), "的18個代表團，其中8個");
        assert_eq!(norm("20 19 /20 年 度", true), "2019/20年度");
        assert_eq!(norm("“ Fi n t e ch H K ”的", true), "“FintechHK”的");
        assert_eq!(norm("開 放 AP I 框 架", true), "開放API框架");
        assert_eq!(norm("In n ov a te  \nF i n an c e  Gl ob a l", true), "Innovate Finance Global");
        assert_eq!(norm("Fi n t e c h  @ G lo u c es t e r", true), "Fintech @Gloucester");
        assert_eq!(norm("持 份 者", true), "持份者");
        assert_eq!(norm("6 7 %， 高", true), "67%，高");
    }

    #[test]
    fn clean_text_keeps_separate_numbers() {
        assert_eq!(norm("Kwai Chung 3.15 3.05", false), "Kwai Chung 3.15 3.05");
        assert_eq!(norm("in 2019 100 people", false), "in 2019 100 people");
        assert_eq!(norm("合共提出了7 109項書面問題", false), "合共提出了7109項書面問題");
        assert_eq!(norm("with 1 200 trainees", false), "with 1200 trainees");
        assert_eq!(norm("is $486.6\nbillion,  higher", false), "is $486.6 billion, higher");
        assert_eq!(norm("Inthanon-\nLionRock", false), "Inthanon-LionRock");
    }

    #[test]
    fn fullwidth_becomes_ascii_and_maps_back() {
        let text = "增長１２．５％";
        let block = RawBlock {
            kind: BlockKind::Paragraph,
            label: None,
            footnote: None,
            start: 0,
            lines: std::iter::once(0..text.len()).collect(),
        };
        let (n, r) = normalize(text, &[block], false);
        assert_eq!(&n.text[r[0].clone()], "增長12.5%");
        let span = n.span(text, "增長".len().."增長12.5%".len());
        assert_eq!(&text[span.range()], "１２．５％");
    }
}
