//! The cleaned view of each block that the figure and date parsers read.
//!
//! Repairs, in one pass over each block's characters:
//! - whitespace next to CJK text is dropped (`持 份 者` → `持份者`, `有 60 0 多` → `有600多`);
//! - line breaks inside a block are joined (a space between Latin words, nothing in CJK);
//! - in a PDF-damaged paper, digits split by spaces or a line break are rejoined (`2 01 9`,
//!   `16 8 , 00 0`, `12 ⏎0 00`) and Latin split by single spaces is rejoined (`Fi n t e ch`);
//!   a double space, as between `Innovate  Finance`, stays a word break;
//! - in any paper, a space used as a thousands separator (`7 109 項`, `1 200 trainees`) goes;
//! - full-width digits, letters and `％` become ASCII;
//! - CJK compatibility ideographs become the ideographs they stand for (`U+F98E` → `年`), and
//!   private-use glyphs inside Chinese text the Hong Kong characters they stand for (`U+E2E5` →
//!   `着`); any other private-use glyph (a font's tick or rule) becomes a neutral `•`.
//!
//! Nothing here merges two numbers that are separated by anything but whitespace, so
//! `18 個代表團，其中 8 個` stays 18 and 8.

use std::ops::Range;

use super::chars::{fold, hkscs_private_use, is_cjk, is_han, is_newline, is_private_use, is_space};
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
        fullwidth_thousands(&mut stream);
        read_private_use(&mut stream);
        let start = b.len();
        clean(&stream, damaged, &mut b);
        ranges.push(start..b.len());
        b.push('\n', block.end(), usize::from(block.end() < text.len()));
    }
    (b.finish(), ranges)
}

/// `２，３７７`: between full-width digits, a full-width comma followed by exactly three of them
/// groups thousands, as `,` does between ASCII digits. (Between ASCII digits `，` stays a clause
/// mark: `18，3` is two numbers.)
fn fullwidth_thousands(s: &mut [Ch]) {
    let wide_digit = |c: &Ch| c.c.is_ascii_digit() && c.len == 3;
    let digit = |c: &Ch| c.c.is_ascii_digit();
    for k in 1..s.len() {
        if s[k].c != '，' {
            continue;
        }
        let wide = wide_digit(&s[k - 1])
            && s.get(k + 1..k + 4).is_some_and(|g| g.iter().all(wide_digit))
            && !s.get(k + 4).is_some_and(wide_digit);
        // `1，753亿元` in ASCII digits: a short leading group, exactly three digits, then a
        // Chinese unit.
        let left = s[..k].iter().rev().take_while(|c| digit(c)).count();
        let ascii = (1..=3).contains(&left)
            && !s[..k - left].last().is_some_and(|c| matches!(c.c, '.' | ',' | '，') || digit(c))
            && s.get(k + 1..k + 4).is_some_and(|g| g.iter().all(digit))
            && s.get(k + 4).is_some_and(|c| crate::parse::chars::is_han(c.c));
        if wide || ascii {
            s[k].c = ',';
        }
    }
}

/// A glyph a font put in the private-use area: the Hong Kong character it stands for when it sits
/// in Chinese text (a Han character before or after it), else a neutral separator, so that it
/// neither joins nor splits the words and numbers around it.
fn read_private_use(stream: &mut [Ch]) {
    const NEUTRAL: char = '•';
    for k in 0..stream.len() {
        let c = stream[k].c;
        if !is_private_use(c) {
            continue;
        }
        let near_han = |it: &mut dyn Iterator<Item = &Ch>| {
            it.map(|ch| ch.c).find(|c| !is_space(*c) && !is_private_use(*c)).is_some_and(is_han)
        };
        let chinese = near_han(&mut stream[..k].iter().rev()) || near_han(&mut stream[k + 1..].iter());
        stream[k].c = hkscs_private_use(c).filter(|_| chinese).unwrap_or(NEUTRAL);
    }
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
    let next = s[j].c;
    // The most common case first (in Chinese text, every space), before reading further.
    if is_cjk(prev) || is_cjk(next) {
        return false;
    }
    let prev2 = rev.next();
    let next2 = s[j + 1..].iter().map(|c| c.c).find(|c| !is_space(*c));
    let run = &s[i..j];
    let has_nl = run.iter().any(|c| is_newline(c.c));
    let single = run.len() == 1 && !has_nl;

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
        // The group before the space, as written (`3 689 600`: at the second space it is `689`,
        // after a group already joined).
        let left = s[..i].iter().rev().take_while(|c| c.c.is_ascii_digit()).count();
        let before_left = i.checked_sub(left + 1).map(|k| s[k].c);
        // The space before this group was dropped as a separator: the output runs on in digits.
        // That continues only after a short leading group (`3 689 600`); after a full one the
        // run is ambiguous — `246 883 123 800` is two amounts in a table row — and is read in
        // pairs.
        let run_digits = out.chars().rev().take_while(char::is_ascii_digit).count();
        let continued = run_digits > left;
        let right = s[j..].iter().take_while(|c| c.c.is_ascii_digit()).count();
        let after_right = s.get(j + right).map(|c| c.c);
        let left_ok = if continued {
            left == 3 && run_digits % 3 != 0
        } else {
            (1..=3).contains(&left) && !matches!(before_left, Some('.' | ',' | '-'))
        };
        // `1 200,000` or `1 200.5` are not thousands; `1 809, 1 432` is, and so is a decimal
        // figure followed by its Chinese unit (`共2 153.7公頃`, as LegCo papers group digits).
        let digit_after = s.get(j + right + 1).is_some_and(|c| c.c.is_ascii_digit());
        let decimals = s.get(j + right + 1..).map_or(0, |r| r.iter().take_while(|c| c.c.is_ascii_digit()).count());
        let unit_after = s.get(j + right + 1 + decimals).is_some_and(|c| crate::parse::chars::is_han(c.c));
        let grouped_decimal = after_right == Some('.') && decimals > 0 && unit_after;
        let right_ok = right == 3 && (!(matches!(after_right, Some('.' | ',')) && digit_after) || grouped_decimal);
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
        assert_eq!(norm("共2 153.7公頃 (包括 952.5公頃", false), "共2153.7公頃(包括952.5公頃");
        assert_eq!(norm("cells 1 200.5 and", false), "cells 1 200.5 and");
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
    fn spaced_thousands_join_group_by_group() {
        assert_eq!(norm("人數升至3 689 600人，較 3 542 300人", false), "人數升至3689600人，較3542300人");
        // Two numbers side by side stay two.
        assert_eq!(norm("2010 2011 2012", false), "2010 2011 2012");
        assert_eq!(norm("1 809, 1 432 and 1 174", false), "1809, 1432 and 1174");
        assert_eq!(norm("整體 246 883 123 800 200 487", false), "整體246883 123800 200487");
    }

    #[test]
    fn fullwidth_comma_groups_fullwidth_thousands() {
        assert_eq!(norm("共２，３７７人，１８，３", false), "共2,377人，18，3");
        assert_eq!(norm("零售总额1，753亿元，比上年增加225亿元", false), "零售总额1,753亿元，比上年增加225亿元");
        assert_eq!(norm("分别为18，300。", false), "分别为18，300。");
    }

    #[test]
    fn compatibility_ideographs_and_private_use_glyphs_are_read() {
        // `2 01 2 年 12 月` with 年 written as U+F98E, as LegCo's PDF text has it.
        assert_eq!(norm("於 2012\u{F98E} 12月 3日起實施", true), "於2012年12月3日起實施");
        assert_eq!(norm("正\u{E2E5}手檢討，屋\u{E473}商場", true), "正着手檢討，屋邨商場");
        // A tick or a rule from a symbol font separates, and never joins two numbers.
        assert_eq!(norm("中心 \u{F0FC} \u{F0FC} 1,043", true), "中心••1,043");
        assert_eq!(norm("3 \u{F0FC} 4", true), "3•4");
        assert_eq!(norm("以及” \u{F8E7}\u{F8E7} 我想", true), "以及”••我想");
        // An HKSCS code point outside Chinese text is no character.
        assert_eq!(norm("Item \u{E473} 2", false), "Item•2");
    }

    #[test]
    fn compatibility_ideographs_map_back_to_their_bytes() {
        let text = "於2012\u{F98E}12月";
        let block = RawBlock {
            kind: BlockKind::Paragraph,
            label: None,
            footnote: None,
            start: 0,
            lines: std::iter::once(0..text.len()).collect(),
        };
        let (n, r) = normalize(text, &[block], false);
        assert_eq!(&n.text[r[0].clone()], "於2012年12月");
        let span = n.span(text, "於".len().."於2012年12月".len());
        assert_eq!(&text[span.range()], "2012\u{F98E}12月");
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
