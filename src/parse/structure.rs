//! Lines into blocks: headings, numbered paragraphs, lettered list items, footnote bodies.
//!
//! Works on the original lines, before any joining, because PDF-extracted papers carry their
//! structure in line starts: `1 8 .` opens paragraph 18, `( b )` a list item, a run of spaces a
//! page's footnote area, and a line that starts with a space the next page. Labels are parsed
//! with nom; the line-joining policy (is this line break mid-sentence?) is plain logic.

use std::cell::Cell;
use std::ops::Range;

use nom::branch::alt;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char, satisfy};
use nom::combinator::{opt, recognize};
use nom::multi::many0;
use nom::{IResult, Parser};

use super::chars::{ends_block, is_cjk, is_closer, is_hspace};
use crate::document::{AnnexKind, BlockKind, Label, LabelStyle};
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
    /// Where a YAML front matter block (`---` … `---` at the top, as archives add to the papers
    /// they keep) ends, in bytes; 0 when there is none. Its lines are metadata, each a block of
    /// its own, never joined to the paper's first line.
    pub front_matter: usize,
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
    // Of the two characters before: is the earlier CJK, is the last CJK, is the last a space
    // (the text reads as if two spaces came before it).
    let (mut cjk0, mut cjk1, mut space1) = (false, false, true);
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        // U+5000–U+9FFF (lead bytes E5–E9) are all Han, CJK without decoding them.
        let (cjk, space, len) = if (0xe5..=0xe9).contains(&x) {
            (true, false, 3)
        } else {
            let Some(c) = text[i..].chars().next() else { break };
            (is_cjk(c), c == ' ' || c == '\u{3000}', c.len_utf8())
        };
        if cjk {
            if cjk1 {
                adjacent += 1;
            } else if space1 && cjk0 {
                spaced += 1;
                adjacent += 1;
            }
        }
        (cjk0, cjk1, space1) = (cjk1, cjk, space);
        i += len;
    }
    let damaged = adjacent >= 20 && spaced * 10 >= adjacent;

    // Lines as the splitter sees them: `\r\n`, `\n` and a lone `\r` each end one.
    let lines: Vec<&str> = text.split('\n').flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r')).collect();
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
    Layout { damaged, markdown, double_spaced, line_width, front_matter: front_matter(text) }
}

/// The end of a YAML front matter block: a first line `---`, then `key: value` lines (and their
/// list items), then a line `---`, within the first 60 lines. 0 when the text has none.
pub fn front_matter(text: &str) -> usize {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next().filter(|l| l.trim_end() == "---") else {
        return 0;
    };
    let mut at = first.len();
    let mut keys = 0;
    for line in lines.take(60) {
        let t = line.trim_end();
        at += line.len();
        if t == "---" {
            return if keys > 0 { at } else { 0 };
        }
        let key = t.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
        if key {
            keys += 1;
        } else if !(t.is_empty() || t.starts_with([' ', '-'])) {
            return 0;
        }
    }
    0
}

/// Visual width in CJK cells: a CJK character is 1, anything else visible ½.
fn width(s: &str) -> f32 {
    // Below 2^22 characters the halves are counted exactly as whole numbers; the sum in `f32`
    // is kept for longer lines, where it rounds.
    if s.len() >= 1 << 22 {
        return s.chars().filter(|c| !c.is_whitespace()).map(|c| if is_cjk(c) { 1.0 } else { 0.5 }).sum();
    }
    // Every line of a paper is measured, most of them twice. A line of ASCII is counted byte by
    // byte (as `char::is_whitespace` reads ASCII); in others ASCII and the common Han characters
    // are told from their first byte, and only the rest decoded.
    let ascii_space = |x: &u8| matches!(x, b' ' | b'\t'..=b'\r');
    if s.is_ascii() {
        return s.bytes().filter(|x| !ascii_space(x)).count() as f32 * 0.5;
    }
    let b = s.as_bytes();
    let mut halves = 0u32;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            halves += u32::from(!ascii_space(&x));
            i += 1;
        } else if (0xe5..=0xe9).contains(&x) {
            // U+5000–U+9FFF, all unified Han ideographs: a CJK cell each.
            halves += 2;
            i += 3;
        } else {
            let Some(c) = s[i..].chars().next() else { break };
            halves += if is_cjk(c) { 2 } else { u32::from(!c.is_whitespace()) };
            i += c.len_utf8();
        }
    }
    halves as f32 * 0.5
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

fn fail<T>(i: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)))
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

/// A Roman numeral from 1 to 39 in one case (`iv`, `XII`), in its canonical form only, so that
/// `iiii` or `vx` are not numerals.
pub fn roman_value(s: &str) -> Option<u32> {
    // The longest, `xxxviii`, has seven letters; anything else is turned away before the table.
    if s.is_empty() || s.len() > 7 || !s.bytes().all(|b| matches!(b, b'i' | b'v' | b'x' | b'I' | b'V' | b'X')) {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    if !(s == lower || s == s.to_ascii_uppercase()) {
        return None;
    }
    static ROMANS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| (1..=39).map(roman).collect());
    let v = ROMANS.iter().position(|r| *r == lower)?;
    Some(v as u32 + 1)
}

/// `n` (1–39) as a lowercase Roman numeral.
pub fn roman(n: u32) -> String {
    const ONES: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    let tens = "x".repeat((n / 10) as usize);
    format!("{tens}{}", ONES[(n % 10) as usize])
}

/// A Chinese numeral from 1 to 99 as labels write it: `一` … `十` … `九十九`. PDF text may write
/// `六` as its compatibility ideograph U+F9D1.
pub fn cn_value(s: &str) -> Option<u32> {
    fn d(c: char) -> Option<u32> {
        "一二三四五六七八九".chars().position(|x| x == c).map(|p| p as u32 + 1)
    }
    let cs: Vec<char> = s.chars().map(|c| if c == '\u{F9D1}' { '六' } else { c }).collect();
    match cs.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => d(*a),
        ['十', b] => Some(10 + d(*b)?),
        [a, '十'] => Some(d(*a)?.checked_mul(10).filter(|v| *v >= 20)?),
        [a, '十', b] => Some(d(*a)? * 10 + d(*b)?).filter(|v| *v >= 21),
        _ => None,
    }
}

/// `n` (1–99) as a Chinese numeral.
pub fn cn(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (t, o) = ((n / 10) as usize, (n % 10) as usize);
    match t {
        0 => D[o].to_owned(),
        1 => format!("十{}", D[o]),
        _ => format!("{}十{}", D[t.min(9)], D[o]),
    }
}

fn is_cn_label_digit(c: char) -> bool {
    "一二三四五六七八九十".contains(super::chars::fold(c))
}

/// `①` … `㊿` as 1 … 50.
pub fn circled_value(c: char) -> Option<u32> {
    match c as u32 {
        n @ 0x2460..=0x2473 => Some(n - 0x2460 + 1),
        n @ 0x3251..=0x325F => Some(n - 0x3251 + 21),
        n @ 0x32B1..=0x32BF => Some(n - 0x32B1 + 36),
        _ => None,
    }
}

/// `n` (1–50) as a circled digit.
pub fn circled(n: u32) -> char {
    let code = match n {
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        36..=50 => 0x32B1 + n - 36,
        _ => 0x3F,
    };
    char::from_u32(code).unwrap_or('?')
}

/// Styles that label list items rather than paragraphs or sections.
fn is_list(style: LabelStyle) -> bool {
    matches!(style, LabelStyle::LetterParen | LabelStyle::RomanParen | LabelStyle::ChineseParen | LabelStyle::Circled)
}

/// A label read at a line start: its style and value, the label as written, and the rest of
/// the line.
#[derive(Debug, Clone)]
struct LabelMatch<'a> {
    style: LabelStyle,
    value: u32,
    prefix: Vec<u32>,
    lab: &'a str,
    rest: &'a str,
    /// The other reading of an ambiguous label: `(i)` is Roman one, or the letter after `(h)`.
    alt: Option<(LabelStyle, u32)>,
    /// The other parts a group of labels answers together (`(一)、(三)及(四)` → 3, 4).
    also: Vec<u32>,
}

impl<'a> LabelMatch<'a> {
    fn new(style: LabelStyle, value: u32, lab: &'a str, rest: &'a str) -> Self {
        LabelMatch { style, value, prefix: Vec::new(), lab, rest, alt: None, also: Vec::new() }
    }
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
            _ => fail(i),
        }
    }
}

/// `2.3  Text` or `2.3.1 Text` → ([2], 3). Only contiguous digits, and only before a word that
/// starts a sentence: `2.5 million` and a table's `3.15 3.05` are numbers, not labels.
fn decimal_label(i: &str) -> IResult<&str, LabelMatch<'_>> {
    let (i, _) = indent(i)?;
    let part = |i| take_while_m_n(1, 2, |c: char| c.is_ascii_digit()).parse(i);
    let (rest, lab) = recognize((part, nom::multi::many1((char('.'), part)), opt(char('.')))).parse(i)?;
    let after = rest.trim_start_matches(is_hspace);
    let spaced = rest.len() > after.len();
    let starts_sentence = after.starts_with(|c: char| {
        c.is_uppercase() || is_cjk(c) && !matches!(c, '，' | '。' | '、' | '％') || matches!(c, '(' | '“' | '"' | '「')
    });
    let parts: Vec<u32> = lab.split('.').filter(|p| !p.is_empty()).filter_map(digits_value).collect();
    match parts.split_last() {
        Some((&v, prefix)) if spaced && starts_sentence && v >= 1 && prefix.iter().all(|&p| p >= 1) => {
            let mut m = LabelMatch::new(LabelStyle::Decimal, v, lab, rest);
            m.prefix = prefix.to_vec();
            Ok((rest, m))
        }
        _ => fail(i),
    }
}

/// `§ 53.  Mr. Wigg asked …` → 53.
fn section_label(i: &str) -> IResult<&str, LabelMatch<'_>> {
    let (i, _) = indent(i)?;
    let (rest, lab) = recognize((char('§'), hspace0, contiguous_digits, hspace0, char('.'))).parse(i)?;
    let ok = rest.is_empty() || rest.starts_with(is_hspace);
    match digits_value(lab) {
        Some(v) if ok && (1..=9999).contains(&v) => Ok((rest, LabelMatch::new(LabelStyle::Section, v, lab, rest))),
        _ => fail(i),
    }
}

/// Words that join a group of labels (`(一)、(三)及(四)`, `(a) and (b)`), and those that make
/// it a range (`(i) to (iii)`).
const GROUP_JOINERS: &[&str] =
    &["以及", "、", "，", ",", "及", "和", "與", "与", "&", "and", "至", "到", "to", "–", "-"];
const RANGE_JOINERS: &[&str] = &["至", "到", "to", "–", "-"];

/// `( b )`, `(iv)`, `（三）`, `(一)` at a line start; or a group of them answered together
/// (`(一)、(三)及(四)`, `(a) and (b)`, `(i) to (iii)`), read as its first label with the others
/// in [`LabelMatch::also`].
///
/// `bulleted` says a bullet stood before it: then a letter label may be glued to any word
/// (`- (b)the written count`), for the bullet already says it is an item.
fn paren_label_after(i: &str, bulleted: bool) -> IResult<&str, LabelMatch<'_>> {
    let (mut rest, mut m) = one_paren_label(i, bulleted)?;
    loop {
        let t = rest.trim_start_matches(is_hspace);
        let Some((joiner, after)) = GROUP_JOINERS.iter().find_map(|j| t.strip_prefix(j).map(|a| (*j, a))) else {
            break;
        };
        let Ok((r2, m2)) = one_paren_label(after.trim_start_matches(is_hspace), bulleted) else { break };
        let last = m.also.last().copied().unwrap_or(m.value);
        let same = m2.style == m.style || m2.alt.is_some_and(|(s, _)| s == m.style);
        let v2 = if m2.style == m.style { m2.value } else { m2.alt.map_or(m2.value, |(_, v)| v) };
        if !same || v2 <= last {
            break;
        }
        if RANGE_JOINERS.contains(&joiner) {
            m.also.extend(last + 1..v2);
        }
        m.also.push(v2);
        m.alt = None;
        rest = r2;
    }
    if !m.also.is_empty() {
        // The group as written, from its first label to the end of its last.
        let start = m.lab.as_ptr() as usize - i.as_ptr() as usize;
        m.lab = &i[start..i.len() - rest.len()];
        m.rest = rest;
    }
    Ok((rest, m))
}

/// The line after a bullet (`- `, `• `, `· `) and the spaces around it; the line itself when it
/// has none.
fn strip_bullet(line: &str) -> &str {
    let t = line.trim_start_matches(is_hspace);
    ["- ", "• ", "· ", "‧ ", "* ", "•", "·"]
        .iter()
        .find_map(|b| t.strip_prefix(b))
        .map_or(line, |rest| rest.trim_start_matches(is_hspace))
}

/// One `( b )`, `(iv)`, `（三）`, `(一)`.
fn one_paren_label(i: &str, bulleted: bool) -> IResult<&str, LabelMatch<'_>> {
    let (i, _) = indent(i)?;
    let (rest, lab) = recognize((
        alt((char('('), char('（'))),
        hspace0,
        nom::bytes::complete::take_while1(|c: char| !matches!(c, '(' | '（' | ')' | '）') && !is_hspace(c)),
        hspace0,
        alt((char(')'), char('）'))),
    ))
    .parse(i)?;
    let inner: String = lab
        .chars()
        .filter(|c| !matches!(c, '(' | '（' | ')' | '）') && !is_hspace(*c))
        .map(super::chars::fold)
        .collect();
    // A letter or numeral label stands before a space or CJK text (`(a) 推廣`, `(b)保險`), or
    // before a capital that PDF text glued to it (`(a)The oral count`); a Chinese one may stand
    // before anything (`(一)36項`).
    let rest_ok = rest.is_empty()
        || rest.starts_with(|c: char| {
            is_hspace(c) || is_cjk(c) || c == '\r' || c.is_ascii_uppercase() || bulleted && c.is_ascii_alphabetic()
        });
    let mut cs = inner.chars();
    let single = match (cs.next(), cs.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    };
    if let Some(c) = single.filter(|c| c.is_ascii_lowercase())
        && rest_ok
    {
        let letter = c as u32 - 'a' as u32 + 1;
        return Ok((
            rest,
            match roman_value(&inner) {
                // `(i)`, `(v)`, `(x)`: Roman unless the splitter finds the letter before it.
                Some(r) => LabelMatch {
                    alt: Some((LabelStyle::LetterParen, letter)),
                    ..LabelMatch::new(LabelStyle::RomanParen, r, lab, rest)
                },
                None => LabelMatch::new(LabelStyle::LetterParen, letter, lab, rest),
            },
        ));
    }
    if let Some(r) = roman_value(&inner).filter(|_| rest_ok && inner.chars().all(|c| c.is_ascii_lowercase())) {
        return Ok((rest, LabelMatch::new(LabelStyle::RomanParen, r, lab, rest)));
    }
    if let Some(v) = cn_value(&inner) {
        return Ok((rest, LabelMatch::new(LabelStyle::ChineseParen, v, lab, rest)));
    }
    fail(i)
}

/// `一、`, `十二 、` at a line start, not followed by another numeral (`三、四月份` is a list of
/// months).
fn chinese_comma_label(i: &str) -> IResult<&str, LabelMatch<'_>> {
    let (i, _) = indent(i)?;
    let (rest, lab) = recognize((
        nom::bytes::complete::take_while_m_n(1, 3, is_cn_label_digit),
        hspace0,
        alt((char('、'), char('，'))),
    ))
    .parse(i)?;
    let after = rest.trim_start_matches(is_hspace);
    let digits: String = lab.chars().filter(|c| is_cn_label_digit(*c)).map(super::chars::fold).collect();
    match cn_value(&digits) {
        Some(v) if lab.ends_with('、') && !after.starts_with(is_cn_label_digit) => {
            Ok((rest, LabelMatch::new(LabelStyle::ChineseComma, v, lab, rest)))
        }
        _ => fail(i),
    }
}

/// `一`, `十二` as the whole line: a section number written alone.
fn bare_chinese_label(i: &str) -> IResult<&str, LabelMatch<'_>> {
    let (i, _) = indent(i)?;
    let (rest, lab) = nom::bytes::complete::take_while_m_n(1, 3, is_cn_label_digit).parse(i)?;
    let digits: String = lab.chars().map(super::chars::fold).collect();
    match cn_value(&digits) {
        Some(v) if rest.trim_matches(|c: char| is_hspace(c) || c == '\r').is_empty() => {
            Ok((rest, LabelMatch::new(LabelStyle::ChineseComma, v, lab, rest)))
        }
        _ => fail(i),
    }
}

/// `①` at a line start.
fn circled_label(i: &str) -> IResult<&str, LabelMatch<'_>> {
    let (i, _) = indent(i)?;
    let (rest, c) = satisfy(|c| circled_value(c).is_some()).parse(i)?;
    let lab = &i[..c.len_utf8()];
    match circled_value(c) {
        Some(v) if !rest.starts_with(|c: char| circled_value(c).is_some()) => {
            Ok((rest, LabelMatch::new(LabelStyle::Circled, v, lab, rest)))
        }
        _ => fail(i),
    }
}

/// `III.` at a line start, alone or before a space; not an initial (`I. M. Pei`).
fn roman_upper_label(i: &str) -> IResult<&str, LabelMatch<'_>> {
    let (i, _) = indent(i)?;
    let (rest, lab) =
        recognize((nom::bytes::complete::take_while1(|c: char| matches!(c, 'I' | 'V' | 'X')), char('.'))).parse(i)?;
    let after = rest.trim_start_matches(is_hspace);
    let initial = {
        let mut cs = after.chars();
        matches!((cs.next(), cs.next()), (Some(a), Some('.')) if a.is_ascii_uppercase())
    };
    let ok = (rest.trim_end_matches('\r').is_empty() || rest.starts_with(is_hspace)) && !initial;
    match roman_value(&lab[..lab.len() - 1]) {
        Some(v) if ok => Ok((rest, LabelMatch::new(LabelStyle::RomanUpper, v, lab, rest))),
        _ => fail(i),
    }
}

/// The words that open an annex, and what they name.
const ANNEX_WORDS: &[(&str, AnnexKind)] = &[
    ("Annex", AnnexKind::Annex),
    ("ANNEX", AnnexKind::Annex),
    ("附件", AnnexKind::Annex),
    ("Appendix", AnnexKind::Appendix),
    ("APPENDIX", AnnexKind::Appendix),
    ("附錄", AnnexKind::Appendix),
    ("附录", AnnexKind::Appendix),
    ("Enclosure", AnnexKind::Enclosure),
    ("ENCLOSURE", AnnexKind::Enclosure),
];

/// An annex's identifier: `A`, `2`, `一`, `IV`. The value of a Latin letter is its place in the
/// alphabet; `I`, `V` and `X` are returned as letters here and read as Roman numerals where the
/// paper numbers its annexes that way.
pub fn annex_id(s: &str) -> Option<u32> {
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) if c.is_ascii_uppercase() => Some(c as u32 - 'A' as u32 + 1),
        _ if s.chars().all(|c| c.is_ascii_digit()) && s.len() <= 2 => digits_value(s).filter(|v| *v >= 1),
        _ => roman_value(s).filter(|_| s.chars().all(|c| c.is_ascii_uppercase())).or_else(|| cn_value(s)),
    }
}

/// A line that opens an annex: `附件 A`, `Annex 2`, `附 錄 一`, alone or before a short title
/// after a colon or dash (`Annex B: Membership`, `附件B：開支`). Returns the kind, the label as
/// written and the identifier.
fn annex_heading(line: &str) -> Option<(AnnexKind, &str, String)> {
    let t = line.trim_matches(|c: char| is_hspace(c) || c == '\r');
    // Most lines start with no annex word: turn them away before building the compact form.
    let first = t.chars().next().map(super::chars::fold)?;
    if !ANNEX_WORDS.iter().any(|(w, _)| w.starts_with(first)) {
        return None;
    }
    let compact: String = t.chars().filter(|c| !is_hspace(*c)).map(super::chars::fold).collect();
    let (word, kind) = ANNEX_WORDS.iter().find(|(w, _)| compact.starts_with(w))?;
    let after = &compact[word.len()..];
    let id_len = after
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || is_cn_label_digit(*c)))
        .map_or(after.len(), |(k, _)| k);
    let (id, title) = after.split_at(id_len);
    annex_id(id)?;
    let titled = title.starts_with([':', '：', '–', '—', '-']) && title.chars().count() <= 30;
    if !title.is_empty() && !titled {
        return None;
    }
    // The label as written: as many visible characters of `t` as the word and identifier.
    let n = word.chars().count() + id.chars().count();
    let end = t.char_indices().filter(|(_, c)| !is_hspace(*c)).nth(n).map_or(t.len(), |(k, _)| k);
    // `Annex A-1`: part of an annex, not one of the sequence.
    let sub = t[end..].starts_with('-') && t[end + 1..].starts_with(|c: char| c.is_ascii_alphanumeric());
    (!sub).then(|| (*kind, t[..end].trim_end_matches(is_hspace), id.to_owned()))
}

/// `4 帳戶登記數目…`, `¹ Source: …` → (4, rest): a footnote definition's marker.
fn footnote_label(i: &str) -> IResult<&str, (u32, &str)> {
    let sup: IResult<&str, &str> = nom::bytes::complete::take_while1(|c: char| superscript_digit(c).is_some()).parse(i);
    let (rest, lab, v) = match sup {
        Ok((rest, lab)) => (rest, lab, superscript_value(lab)),
        Err(_) => {
            let (rest, lab) = contiguous_digits(i)?;
            (rest, lab, digits_value(lab))
        }
    };
    let ok = rest.starts_with(|c: char| is_hspace(c) || is_cjk(c) || c.is_alphabetic() && !c.is_ascii_digit())
        && (lab.starts_with(|c: char| !c.is_ascii_digit()) || rest.starts_with(|c: char| is_hspace(c) || is_cjk(c)));
    match v {
        Some(v) if ok && (1..=999).contains(&v) => Ok((rest, (v, lab))),
        _ => fail(i),
    }
}

/// `¹` → 1, `⁰` → 0.
pub fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

/// `¹²` → 12.
pub fn superscript_value(s: &str) -> Option<u32> {
    let mut v: u32 = 0;
    for c in s.chars() {
        v = v.checked_mul(10)?.checked_add(superscript_digit(c)?)?;
    }
    (!s.is_empty()).then_some(v)
}

/// `[^12]:` at a line start (Markdown) → (12, the `[^12]` part, rest).
fn markdown_footnote_def(line: &str) -> Option<(u32, &str, &str)> {
    let t = line.strip_prefix("[^")?;
    let end = t.find(']')?;
    let n = t[..end].parse::<u32>().ok().filter(|n| (1..=999).contains(n))?;
    let rest = t[end + 1..].strip_prefix(':')?;
    Some((n, &line[..end + 3], rest))
}

// ---------------------------------------------------------------------------------------------

/// The text's lines as the splitter reads them: `\r\n`, `\n` and a lone `\r` each end one.
pub fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut v = Vec::new();
    let b = text.as_bytes();
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', b) {
        // The `\n` of a `\r\n`: its line ended at the `\r`.
        if i < start {
            continue;
        }
        v.push(start..i);
        start = if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
    }
    if start < b.len() {
        v.push(start..b.len());
    }
    v
}

/// The text split into blocks, and the page furniture stepped over.
#[derive(Debug, Default)]
pub struct Split {
    pub blocks: Vec<RawBlock>,
    /// Each line of page furniture ([`super::furniture`]), without its surrounding spaces.
    pub furniture: Vec<Range<usize>>,
}

/// Split the text into blocks, stepping over page furniture.
pub fn split(text: &str, layout: &Layout) -> Split {
    let lines = line_ranges(text);
    let furniture = super::furniture::find(text, &lines);
    let skip = super::furniture::page_breaks(text, &lines, &furniture);
    let dropped = lines
        .iter()
        .zip(&furniture)
        .filter(|(_, f)| **f)
        .map(|(r, _)| {
            let line = &text[r.clone()];
            let lead = line.len() - line.trim_start_matches(|c: char| is_hspace(c) || c == '\r').len();
            let body = line.trim_matches(|c: char| is_hspace(c) || c == '\r');
            r.start + lead..r.start + lead + body.len()
        })
        .collect();
    Split { blocks: Splitter::new(text, *layout).run(&lines, &skip), furniture: dropped }
}

/// Split the text into blocks.
pub fn blocks(text: &str, layout: &Layout) -> Vec<RawBlock> {
    split(text, layout).blocks
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
    /// The last decimal label under each prefix (`2.3` → ([2], 3)), and the last `I.`-style and
    /// `一、`-style label: a candidate that does not follow on from these is text, not a label.
    last_decimal: Vec<(Vec<u32>, u32)>,
    last_roman_upper: u32,
    last_cn_comma: u32,
    blank_since_last: bool,
    /// The last value of every label style seen: the next one continues a list even after a
    /// line that does not end its sentence (`(一) …；以及` then `(二) …`).
    last_of: Vec<(LabelStyle, u32)>,
    /// The other reading of each ambiguous label (`(i)`), by the start of its block.
    ambiguous: Vec<(usize, (LabelStyle, u32))>,
    /// The last line `joins` measured (start, end, width): it asks about each line twice.
    last_width: Cell<(usize, usize, f32)>,
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
            last_decimal: Vec::new(),
            last_roman_upper: 0,
            last_cn_comma: 0,
            blank_since_last: false,
            last_of: Vec::new(),
            ambiguous: Vec::new(),
            // The width of the empty line `0..0`.
            last_width: Cell::new((0, 0, 0.0)),
        }
    }

    /// [`width`] of the line at `r`, remembered for the last line asked about.
    fn width_at(&self, r: Range<usize>) -> f32 {
        let (start, end, w) = self.last_width.get();
        if (start, end) == (r.start, r.end) {
            return w;
        }
        let w = width(&self.text[r.clone()]);
        self.last_width.set((r.start, r.end, w));
        w
    }

    /// Read the lines in order; those marked in `skip` (page furniture and the blank lines
    /// around it) are stepped over as if the page did not break there.
    fn run(mut self, lines: &[Range<usize>], skip: &[bool]) -> Vec<RawBlock> {
        let text = self.text;
        for (idx, r) in lines.iter().enumerate() {
            if skip.get(idx).copied().unwrap_or(false) {
                continue;
            }
            let line = &text[r.clone()];
            if r.start < self.layout.front_matter {
                if !is_blank(line) {
                    self.out.push(RawBlock {
                        kind: BlockKind::Heading,
                        label: None,
                        footnote: None,
                        lines: vec![r.clone()],
                        start: r.start,
                    });
                }
                continue;
            }
            if is_separator(line) && self.next_is_footnote(&lines[idx + 1..], &skip[(idx + 1).min(skip.len())..]) {
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
        let mut out = std::mem::take(&mut self.out);
        self.labelled_headings(&mut out);
        self.resolve_ambiguous(&mut out);
        out
    }

    fn next_is_footnote(&self, rest: &[Range<usize>], skip: &[bool]) -> bool {
        rest.iter()
            .enumerate()
            .filter(|(k, _)| !skip.get(*k).copied().unwrap_or(false))
            .map(|(_, r)| &self.text[r.clone()])
            // A separator's footnote follows within a few lines; looking further made a paper
            // of blank lines (a Markdown code block blanked out) quadratic.
            .take(8)
            .find(|l| !is_blank(l))
            .is_some_and(|l| footnote_label(l).is_ok())
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
        let footnote = footnote_label(line).is_ok_and(|(rest, (n, _))| self.starts_footnote(n, rest));
        // Single-spaced text after a blank line, or an annex heading: the body goes on (the
        // footnotes at the end of the paper's last page, then its signature and annexes).
        let body_resumes =
            !footnote && (!self.layout.double_spaced && self.blank_since_last || annex_heading(line).is_some());
        if page_resumes || next_para || body_resumes {
            self.close();
            self.in_footnotes = false;
            self.cur = self.suspended.take();
            self.blank_since_last = false;
            return false;
        }
        if let Ok((rest, (n, lab))) = footnote_label(line)
            && self.starts_footnote(n, rest)
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

    /// Does a number at the start of a line in the footnote area open footnote `n`? The next
    /// few numbers always do. A number already used (a footnote defined twice, or numbering
    /// that starts again) does only after a footnote that ended its sentence, because a
    /// footnote's text may wrap onto a line that starts with a number (`12 家銀行…`).
    fn starts_footnote(&self, n: u32, rest: &str) -> bool {
        if n > self.last_footnote && n <= self.last_footnote + 3 {
            return true;
        }
        let spaced_number =
            self.layout.damaged && rest.trim_start_matches(is_hspace).starts_with(|c: char| c.is_ascii_digit());
        let prev_done = match &self.cur {
            Some(b) if b.kind == BlockKind::Footnote => self.line_ends_block(b),
            _ => true,
        };
        n <= self.last_footnote && prev_done && !spaced_number
    }

    fn body_line(&mut self, r: Range<usize>, line: &'a str) {
        if self.layout.markdown && line.starts_with('#') {
            self.close();
            let hashes = line.len() - line.trim_start_matches('#').len();
            let content = r.start + hashes..r.end;
            let label = annex_heading(&line[hashes..]).map(|(kind, lab, id)| {
                let at = r.start + hashes + line[hashes..].find(lab).unwrap_or(0);
                self.make_label(LabelStyle::Annex(kind), annex_id(&id).unwrap_or(0), &id, at, lab.len(), Vec::new())
            });
            self.out.push(RawBlock {
                kind: BlockKind::Heading,
                label,
                footnote: None,
                lines: vec![content],
                start: r.start,
            });
            return;
        }
        if self.layout.markdown
            && let Some((n, lab, rest)) = markdown_footnote_def(line)
        {
            self.close();
            self.cur = Some(RawBlock {
                kind: BlockKind::Footnote,
                label: None,
                footnote: Some((n, Span::new(r.start..r.start + lab.len()))),
                lines: std::iter::once(r.end - rest.len()..r.end).collect(),
                start: r.start,
            });
            return;
        }
        if let Some((kind, lab, id)) = annex_heading(line) {
            self.close();
            let at = r.start + line.find(lab).unwrap_or(0);
            let label =
                self.make_label(LabelStyle::Annex(kind), annex_id(&id).unwrap_or(0), &id, at, lab.len(), Vec::new());
            self.out.push(RawBlock {
                kind: BlockKind::Heading,
                label: Some(label),
                footnote: None,
                lines: std::iter::once(at + lab.len()..r.end).collect(),
                start: r.start,
            });
            return;
        }
        if let Some(m) = self.label(line) {
            self.close();
            // A paragraph or section ends the lists before it.
            if !is_list(m.style) {
                self.last_of.retain(|(s, _)| !is_list(*s));
            }
            // A group of labels ends at its last.
            let last = m.also.last().copied().unwrap_or(m.value);
            match self.last_of.iter_mut().find(|(s, _)| *s == m.style) {
                Some(e) => e.1 = last,
                None => self.last_of.push((m.style, last)),
            }
            let kind = if is_list(m.style) { BlockKind::ListItem } else { BlockKind::Paragraph };
            // The label parsers return subslices of `line`.
            let lab_start = r.start + (m.lab.as_ptr() as usize - line.as_ptr() as usize);
            let mut label = self.make_label(m.style, m.value, m.lab, lab_start, m.lab.len(), m.prefix.clone());
            label.also = m.also.clone();
            if let Some(alt) = m.alt {
                self.ambiguous.push((r.start, alt));
            }
            self.cur = Some(RawBlock {
                kind,
                label: Some(label),
                footnote: None,
                lines: std::iter::once(r.end - m.rest.len()..r.end).collect(),
                start: r.start,
            });
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

    /// The label that opens this line, if any, checked against what came before. Styles other
    /// than paragraph numbers and `(a)` items are not read in the middle of a sentence that
    /// wraps onto this line, and numbered styles only where they follow on from the last label
    /// of their kind (or start a new run), so that `三、四月份` or `2.5 Mbps` at the start of a
    /// wrapped line stay text.
    fn label(&mut self, line: &'a str) -> Option<LabelMatch<'a>> {
        let damaged = self.layout.damaged;
        if let Ok((rest, (v, lab))) = paragraph_label(damaged, self.last_paragraph + 1)(line) {
            self.last_paragraph = v;
            return Some(LabelMatch::new(LabelStyle::Arabic, v, lab, rest));
        }
        if let Ok((_, m)) = section_label(line) {
            return Some(m);
        }
        let mid = self.mid_sentence();
        // Within a few of the last label of its style: the next item, or one after a gap.
        let follows = |m: &LabelMatch| {
            let last = |style| self.last_of.iter().find(|(s, _)| *s == style).map(|(_, v)| *v);
            let near = |style, v: u32| last(style).is_some_and(|l| v >= l && v <= l + 3);
            near(m.style, m.value) || m.alt.is_some_and(|(s, v)| near(s, v))
        };
        // A list's first item may follow an unfinished line (`… as follows –`); a later one
        // only the item before it, or one a little before (`(b)` after `(a) …; and`), so that
        // `… section 2⏎(b) of the Ordinance` stays text.
        // A bullet may stand before an item's own label (`- (a) …`, `• (ii) …`).
        let item = strip_bullet(line);
        let bulleted = item.len() < line.len();
        if let Ok((_, m)) = paren_label_after(item, bulleted).or_else(|_| circled_label(item))
            && (m.value == 1 || m.alt.is_some_and(|(_, v)| v == 1) || !mid || follows(&m))
        {
            return Some(m);
        }
        if mid {
            return None;
        }
        if let Ok((_, m)) = decimal_label(line) {
            match self.last_decimal.iter().find(|(p, _)| *p == m.prefix) {
                _ if m.value == 1 => {}
                Some((_, v)) if m.value <= *v + 3 => {}
                _ => return None,
            }
            match self.last_decimal.iter_mut().find(|(p, _)| *p == m.prefix) {
                Some(e) => e.1 = m.value,
                None => self.last_decimal.push((m.prefix.clone(), m.value)),
            }
            return Some(m);
        }
        // `一` alone on its line after a blank one and a finished block: a section number without
        // its `、` (older PRC reports head their parts so), one series with `一、`. (A table's
        // `第⏎一⏎級` follows an unfinished line.)
        let finished = self.cur.as_ref().is_none_or(|c| c.kind == BlockKind::Heading || self.line_ends_block(c));
        let bare = || self.blank_since_last && finished;
        if let Ok((_, m)) =
            chinese_comma_label(line).or_else(|e| if bare() { bare_chinese_label(line) } else { Err(e) })
            && (m.value == 1 || m.value <= self.last_cn_comma + 2 && self.last_cn_comma > 0)
        {
            self.last_cn_comma = m.value;
            return Some(m);
        }
        if let Ok((_, m)) = roman_upper_label(line)
            && (m.value == 1 || m.value <= self.last_roman_upper + 2 && self.last_roman_upper > 0)
        {
            self.last_roman_upper = m.value;
            return Some(m);
        }
        None
    }

    fn make_label(&self, style: LabelStyle, value: u32, lab: &str, at: usize, len: usize, prefix: Vec<u32>) -> Label {
        let text: String = lab.chars().filter(|c| !is_hspace(*c)).map(super::chars::fold).collect();
        Label { style, value, text, span: Span::new(at..at + len), prefix, also: Vec::new() }
    }

    /// Would this line continue a sentence the current block left unfinished?
    fn mid_sentence(&self) -> bool {
        let Some(cur) = &self.cur else { return false };
        let prev = cur.lines.last().map_or("", |r| &self.text[r.clone()]);
        let label_alone = prev.trim_end_matches(|c: char| is_hspace(c) || c == '\r').is_empty();
        !label_alone && self.joins("")
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
        // The width only when the last character does not already say so.
        continues || self.width_at(cur.lines.last().cloned().unwrap_or(0..0)) >= self.layout.line_width * 0.7
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
        // An unlabelled short line is a heading.
        if b.kind == BlockKind::Paragraph && b.label.is_none() && self.is_heading_text(&b) {
            b.kind = BlockKind::Heading;
        }
        self.out.push(b);
    }

    /// The block's content is one short line with no sentence punctuation (a label alone on its
    /// line may come before it).
    fn is_heading_text(&self, b: &RawBlock) -> bool {
        let lines: Vec<&str> = b.lines.iter().map(|r| &self.text[r.clone()]).filter(|l| !l.trim().is_empty()).collect();
        lines.len() == 1 && b.lines.len() <= 2 && self.is_heading_line(lines[0])
    }

    /// A labelled block whose content is a short title, and that is not one of a run of items
    /// of its style, is a heading (`( a )  推廣` between paragraphs 5 and 6; `I. 質詢`). It keeps
    /// its label for the numbering rule. Paragraph numbers stay paragraphs however short.
    fn labelled_headings(&self, out: &mut [RawBlock]) {
        let alt_of = |start: usize| self.ambiguous.iter().find(|(s, _)| *s == start).map(|(_, a)| a.0);
        let styles: Vec<Option<(LabelStyle, Option<LabelStyle>)>> = out
            .iter()
            .map(|b| match (&b.label, b.kind) {
                (Some(l), BlockKind::Paragraph | BlockKind::ListItem) => Some((l.style, alt_of(b.start))),
                _ => None,
            })
            .collect();
        // Neighbours, skipping a page's footnotes.
        let body: Vec<usize> = (0..out.len()).filter(|&i| out[i].kind != BlockKind::Footnote).collect();
        // Two labels of one style with consecutive values (either reading of an `(i)`).
        let value = |i: usize| out[i].label.as_ref().map_or(0, |l| l.value);
        // A group of labels (`(一)及(二)`) is followed by the one after its last.
        let value_end = |i: usize| out[i].label.as_ref().map_or(0, |l| l.also.last().copied().unwrap_or(l.value));
        let alt_value = |i: usize| self.ambiguous.iter().find(|(s, _)| *s == out[i].start).map(|(_, a)| a.1);
        let same = |a: usize, b: usize| match (styles[a], styles[b]) {
            (Some((s, sa)), Some((t, ta))) => {
                let (va, vb) = (value_end(a), value(b));
                (s == t && va + 1 == vb)
                    || (sa == Some(t) && alt_value(a).is_some_and(|x| x + 1 == vb))
                    || (ta == Some(s) && alt_value(b).is_some_and(|x| va + 1 == x))
            }
            _ => false,
        };
        let mut heading = vec![false; out.len()];
        for (k, &i) in body.iter().enumerate() {
            let b = &out[i];
            let Some((style, _)) = styles[i] else { continue };
            if matches!(style, LabelStyle::Arabic | LabelStyle::Decimal | LabelStyle::Section) {
                continue;
            }
            let prev = k.checked_sub(1).map(|k| body[k]);
            let next = body.get(k + 1).copied();
            let in_run = prev.is_some_and(|p| same(p, i)) || next.is_some_and(|n| same(i, n));
            // `(a) 80 from small firms, of which` is an item, however short.
            let comma = b.lines.iter().any(|r| self.text[r.clone()].contains(','));
            heading[i] = !in_run && !comma && self.is_heading_text(b);
        }
        for (b, h) in out.iter_mut().zip(heading) {
            if h {
                b.kind = BlockKind::Heading;
            }
        }
    }

    /// Decide each `(i)`, `(v)` and `(x)`: the letter after `(h)`, `(u)` or `(w)` when a run of
    /// lettered items is open and the next item does not continue in Roman numerals; a Roman
    /// numeral otherwise. Headings and body text are read as separate runs.
    fn resolve_ambiguous(&self, out: &mut [RawBlock]) {
        if self.ambiguous.is_empty() {
            return;
        }
        let labelled: Vec<usize> = (0..out.len()).filter(|&i| out[i].label.is_some()).collect();
        // Per track (body, heading): the last letter and the last Roman numeral of the open run.
        let mut recent: [(Option<u32>, Option<u32>); 2] = [(None, None); 2];
        for (k, &i) in labelled.iter().enumerate() {
            let track = usize::from(out[i].kind == BlockKind::Heading);
            let Some(label) = out[i].label.clone() else { continue };
            let (letter, roman) = &mut recent[track];
            match label.style {
                LabelStyle::LetterParen => *letter = Some(label.value),
                LabelStyle::RomanParen => {
                    let alt = self.ambiguous.iter().find(|(s, _)| *s == out[i].start).map(|(_, a)| *a);
                    let Some((alt_style, alt_value)) = alt else {
                        *roman = Some(label.value);
                        continue;
                    };
                    let next = labelled[k + 1..]
                        .iter()
                        .map(|&j| &out[j])
                        .find(|b| usize::from(b.kind == BlockKind::Heading) == track)
                        .and_then(|b| b.label.as_ref());
                    let next_roman =
                        next.is_some_and(|n| n.style == LabelStyle::RomanParen && n.value == label.value + 1);
                    let next_letter =
                        next.is_some_and(|n| n.style == LabelStyle::LetterParen && n.value == alt_value + 1);
                    let after_letter = *letter == Some(alt_value - 1);
                    let after_roman = *roman == Some(label.value - 1);
                    let as_letter = !next_roman && !after_roman && (after_letter || next_letter);
                    if as_letter {
                        *letter = Some(alt_value);
                        if let Some(l) = &mut out[i].label {
                            l.style = alt_style;
                            l.value = alt_value;
                        }
                    } else {
                        *roman = Some(label.value);
                    }
                }
                LabelStyle::Arabic
                | LabelStyle::Decimal
                | LabelStyle::RomanUpper
                | LabelStyle::ChineseComma
                | LabelStyle::Section
                | LabelStyle::Annex(_) => recent[track] = (None, None),
                LabelStyle::ChineseParen | LabelStyle::Circled => {}
            }
        }
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
    fn width_reads_bytes_as_chars_would() {
        let plain = |s: &str| {
            let halves: u32 = s.chars().map(|c| if is_cjk(c) { 2 } else { u32::from(!c.is_whitespace()) }).sum();
            halves as f32 * 0.5
        };
        for s in [
            "",
            "立法會 CB(1)123/45-67號文件\u{3000}（修訂）",
            "\u{4dc0}\u{4e00}\u{9fff}\u{a000}\u{3400}\u{f900}\u{20000}𝟘é\u{a0}\u{85}\u{2028}\t\x0b\x0c\r",
            "Fintech@Gloucester 2 01 9 年 ， 。",
            "Plain ASCII:\t\x0b\x0c\r\x1c\x1f\x7f 1,200 trainees.",
        ] {
            assert_eq!(width(s), plain(s), "{s:?}");
        }
    }

    #[test]
    fn a_chinese_section_number_alone_on_its_line() {
        let labels = |t: &str| -> Vec<u32> {
            let doc = crate::parse::parse(
                &crate::source::Source::from_text("t.txt", t),
                &crate::parse::ParseOptions::default(),
            );
            doc.blocks.iter().filter_map(|b| b.label.as_ref()).map(|l| l.value).collect()
        };
        let t = "　　本报告说明工作。\n\n一\n\n　　这是第一部分的内容。\n\n二\n\n　　这是第二部分的内容。\n";
        assert_eq!(labels(t), [1, 2]);
        // A table's `第⏎一⏎級` follows an unfinished line.
        let t = "　　本报告说明工作。\n\n職級\n第\n一\n級\n第\n二\n級\n";
        assert!(labels(t).is_empty(), "{:?}", labels(t));
    }

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
    fn paren_labels() {
        let v = |s| paren_label_after(s, false).map(|(_, m)| (m.style, m.value, m.alt)).ok();
        assert_eq!(v("( a)  銀 行"), Some((LabelStyle::LetterParen, 1, None)));
        assert_eq!(v(" (b )  保 險"), Some((LabelStyle::LetterParen, 2, None)));
        assert_eq!(v("( e )  資金"), Some((LabelStyle::LetterParen, 5, None)));
        assert_eq!(v("(i) first"), Some((LabelStyle::RomanParen, 1, Some((LabelStyle::LetterParen, 9)))));
        assert_eq!(v("(iv) fourth"), Some((LabelStyle::RomanParen, 4, None)));
        assert_eq!(v("（三）加快建設"), Some((LabelStyle::ChineseParen, 3, None)));
        assert_eq!(v("(一)36項"), Some((LabelStyle::ChineseParen, 1, None)));
        assert_eq!(v("(十二) 項目"), Some((LabelStyle::ChineseParen, 12, None)));
        // PDF text's compatibility ideograph for 六.
        assert_eq!(v("(\u{F9D1} ) 一如上述"), Some((LabelStyle::ChineseParen, 6, None)));
        assert_eq!(v("(包括銀行和保險公司 )"), None);
        assert_eq!(v("(iiii) no"), None);
        assert_eq!(v("(a)b"), None);
        let group = |s| paren_label_after(s, false).map(|(rest, m)| (m.value, m.also, m.lab, rest)).ok();
        assert_eq!(group("(一 )、 (三 )及 (四 )"), Some((1, vec![3, 4], "(一 )、 (三 )及 (四 )", "")));
        assert_eq!(group("(一 )及 (二 ) 現答覆如下"), Some((1, vec![2], "(一 )及 (二 )", " 現答覆如下")));
        assert_eq!(group("(i) to (iii) apply"), Some((1, vec![2, 3], "(i) to (iii)", " apply")));
        assert_eq!(group("(a) and (b)"), Some((1, vec![2], "(a) and (b)", "")));
        // Not a group: a label, then text that names another part.
        assert_eq!(group("(二 ) 如第 (一 )部分所述"), Some((2, vec![], "(二 )", " 如第 (一 )部分所述")));
        assert_eq!(group("(三 )及 (一 )"), Some((3, vec![], "(三 )", "及 (一 )")));
    }

    #[test]
    fn other_labels() {
        let dec = |s| decimal_label(s).map(|(_, m)| (m.prefix, m.value)).ok();
        assert_eq!(dec("2.3  Background"), Some((vec![2], 3)));
        assert_eq!(dec("2.3.1 香港"), Some((vec![2, 3], 1)));
        assert_eq!(dec("2.5 million people"), None);
        assert_eq!(dec("3.15 3.05"), None);
        assert_eq!(dec("2.5"), None);
        let cn = |s| chinese_comma_label(s).map(|(_, m)| m.value).ok();
        assert_eq!(cn("一、过去五年工作回顾"), Some(1));
        assert_eq!(cn("十二 、 總結"), Some(12));
        assert_eq!(cn("三、四月份的數字"), None);
        let ru = |s| roman_upper_label(s).map(|(_, m)| m.value).ok();
        assert_eq!(ru("III."), Some(3));
        assert_eq!(ru("IV. Members' motions"), Some(4));
        assert_eq!(ru("I. M. Pei"), None);
        assert_eq!(ru("IIII."), None);
        assert_eq!(section_label("§ 53. Mr. Wigg asked").map(|(_, m)| m.value).ok(), Some(53));
        assert!(section_label("§ Sir W. Monckton").is_err());
        assert_eq!(circled_label("② 第二項").map(|(_, m)| m.value).ok(), Some(2));
        // PDF text glues a label to a capital; after a bullet, to any word.
        let par = |s, b| paren_label_after(s, b).map(|(_, m)| m.value).ok();
        assert_eq!(par("(a)The oral count", false), Some(1));
        assert_eq!(par("(b)the written count", false), None);
        assert_eq!(par(strip_bullet("- (b)the written count"), true), Some(2));
        assert_eq!(strip_bullet("• (ii) 第二項"), "(ii) 第二項");
        assert_eq!(strip_bullet("-3.5%"), "-3.5%");
        assert_eq!(annex_heading("附 件 A").map(|(k, _, id)| (k, id)), Some((AnnexKind::Annex, "A".to_owned())));
        assert_eq!(annex_heading("附录1").map(|(k, _, id)| (k, id)), Some((AnnexKind::Appendix, "1".to_owned())));
        assert_eq!(annex_heading("Annex B").map(|(k, _, id)| (k, id)), Some((AnnexKind::Annex, "B".to_owned())));
        assert!(annex_heading("Annex B sets out the details").is_none());
        assert_eq!(annex_heading("附件B：開支一覽").map(|(_, lab, _)| lab), Some("附件B"));
        assert_eq!(
            annex_heading("Annex C – Membership").map(|(_, lab, id)| (lab, id)),
            Some(("Annex C", "C".to_owned()))
        );
        assert!(annex_heading("Annex A-1").is_none());
        assert_eq!(footnote_label("¹ Source: ABS").map(|(_, (n, _))| n).ok(), Some(1));
        assert_eq!(markdown_footnote_def("[^3]: A note.").map(|(n, l, _)| (n, l)), Some((3, "[^3]")));
    }

    #[test]
    fn numerals() {
        assert_eq!(
            (1..=39).map(|n| roman_value(&roman(n))).collect::<Vec<_>>(),
            (1..=39).map(Some).collect::<Vec<_>>()
        );
        assert_eq!((1..=99).map(|n| cn_value(&cn(n))).collect::<Vec<_>>(), (1..=99).map(Some).collect::<Vec<_>>());
        assert_eq!(
            (1..=50).map(|n| circled_value(circled(n))).collect::<Vec<_>>(),
            (1..=50).map(Some).collect::<Vec<_>>()
        );
        assert_eq!(cn_value("一十"), None);
    }

    fn labels(text: &str) -> Vec<(LabelStyle, u32, BlockKind)> {
        let l = layout(text, false);
        blocks(text, &l).into_iter().filter_map(|b| b.label.map(|l| (l.style, l.value, b.kind))).collect()
    }

    #[test]
    fn an_i_after_h_is_a_letter_and_a_nested_i_is_roman() {
        use LabelStyle::{LetterParen as L, RomanParen as R};
        let items: String = ('a'..='h').map(|c| format!("({c}) item {c};\n")).collect();
        let text = format!("1. The list:\n{items}(i) item i;\n(j) item j.\n\n2. Another:\n(i) one;\n(ii) two.\n");
        let got: Vec<(LabelStyle, u32)> = labels(&text).into_iter().map(|(s, v, _)| (s, v)).collect();
        let mut want = vec![(LabelStyle::Arabic, 1)];
        want.extend((1..=10).map(|v| (L, v)));
        want.extend([(LabelStyle::Arabic, 2), (R, 1), (R, 2)]);
        assert_eq!(got, want);
        let text = "1. The list:\n(g) seven;\n(h) eight, which has parts:\n(i) one;\n(ii) two.\n";
        let got: Vec<(LabelStyle, u32)> = labels(text).into_iter().map(|(s, v, _)| (s, v)).collect();
        assert_eq!(got, [(LabelStyle::Arabic, 1), (L, 7), (L, 8), (R, 1), (R, 2)]);
    }

    #[test]
    fn decimal_labels_return_to_the_outer_level() {
        let text = "2.1 One.\n\n2.2 Two.\n\n2.2.1 Two, one.\n\n2.2.2 Two, two.\n\n2.3 Three.\n";
        let got: Vec<u32> = labels(text).into_iter().map(|(_, v, _)| v).collect();
        assert_eq!(got, [1, 2, 1, 2, 3]);
    }

    #[test]
    fn a_lone_short_labelled_line_is_a_heading_but_a_run_of_them_is_a_list() {
        let text = "5. Text of five.\n\n(a) Promotion\n\n6. Text of six.\n\n(a) Banks\n(b) Insurers\n";
        let kinds: Vec<BlockKind> = labels(text).into_iter().map(|(_, _, k)| k).collect();
        assert_eq!(
            kinds,
            [BlockKind::Paragraph, BlockKind::Heading, BlockKind::Paragraph, BlockKind::ListItem, BlockKind::ListItem]
        );
    }

    #[test]
    fn footnote_area_is_cut_out_and_the_paragraph_resumes() {
        let text = "1 1 .  一 家 虛 擬 銀 行 已 正 式 開 業 ， 其 餘 三 家 虛 擬 銀 行 亦 正\n\n                                              \n1  「全球金融創新網絡」是網絡。\n 努 力 完 成 工 作 。\n";
        let l = Layout { damaged: true, markdown: false, double_spaced: true, line_width: 20.0, front_matter: 0 };
        let b = blocks(text, &l);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].kind, BlockKind::Paragraph);
        assert_eq!(b[0].lines.len(), 2, "the paragraph continues after the footnote");
        assert_eq!(b[1].kind, BlockKind::Footnote);
        assert_eq!(b[1].footnote.unwrap().0, 1);
    }

    #[test]
    fn a_paragraph_runs_on_across_a_page_header_and_number() {
        let mut text = String::new();
        for page in 5732..5736 {
            text.push_str(&format!("立法會  ─  2013年 4月 17日  \n \n{page} \n"));
            text.push_str(
                &format!("學券計劃的各項措施（第 {page} 項），會按實際需要檢討並作出調整，以照顧學童，\n").repeat(4),
            );
            text.push_str("教育局在本學年開始，根據綜合指數的按年變動幅度調整學券資助額，調整後的\n");
            text.push_str("資助額為每名學童每年16,800元，在下學年將進一步增加，以減輕家長的負擔，\n");
            text.push_str("並會繼續檢討學券計劃的成效，以確保資源用得其所，學童得到適切的照顧，\n");
            text.push_str("我們亦會密切留意幼稚園學費的變化，並在有需要時考慮進一步的支援措施，\n");
        }
        text.push_str("完。\n");
        let l = layout(&text, false);
        let s = split(&text, &l);
        assert_eq!(s.furniture.len(), 8);
        assert_eq!(s.blocks.len(), 1, "one paragraph across four pages");
        let content: String = s.blocks[0].lines.iter().map(|r| &text[r.clone()]).collect();
        assert!(!content.contains("立法會"));
        assert!(s.blocks[0].lines.iter().all(|l| !s.furniture.iter().any(|f| l.start <= f.start && f.end <= l.end)));
    }
}
