//! References to the paper's own parts: `第 12 段`, `paragraphs 3 to 5`, `附件 B`, `Annex A`.
//!
//! Read on the normalised text of each block, after figures, so that the numbers in a reference
//! stop being figures. A reference to another document (`paragraph 53 of the Statement on
//! Defence`, `《報告》第 3 段`) is not one of the paper's own and is left out.

use std::ops::Range;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while_m_n, take_while1};
use nom::character::complete::satisfy;
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

use super::chars::{is_han, utf8_len};
use super::structure::{annex_id, cn_value};
use crate::document::{AnnexKind, BlockKind, CrossRef, CrossRefKind, Document, LabelStyle};

/// Words that name a paragraph of the paper in English, longest first.
const PARAGRAPH_WORDS: &[&str] = &["paragraphs", "paragraph", "paras.", "para.", "paras", "para"];
/// Words that name an annex, and what they name, longest first.
const ANNEX_WORDS: &[(&str, AnnexKind)] = &[
    ("appendices", AnnexKind::Appendix),
    ("enclosures", AnnexKind::Enclosure),
    ("appendix", AnnexKind::Appendix),
    ("enclosure", AnnexKind::Enclosure),
    ("annexes", AnnexKind::Annex),
    ("annex", AnnexKind::Annex),
    ("附件", AnnexKind::Annex),
    ("附錄", AnnexKind::Appendix),
    ("附录", AnnexKind::Appendix),
];
/// Words between two numbers of one reference: `3 to 5`, `3 and 5`, `第 3 至 5 段`.
const JOINERS: &[&str] = &["and", "to", "or", "至", "及", "和", "或", "與", "与", "到", "、", ",", "-", "–"];
/// What an English reference to another document's paragraph continues with.
const ELSEWHERE_EN: &[&str] = &["of", "in", "under"];
/// What the paper calls itself after `of` or `in`: `paragraph 5 of this paper` is its own.
const SELF_EN: &[&str] = &["this paper", "this document", "the paper", "this note", "this report", "the present paper"];
/// What a Chinese reference to another document's paragraph is preceded by.
const ELSEWHERE_ZH: &[&str] = &[
    "》", "」", "報告", "报告", "條例", "条例", "規例", "规例", "守則", "守则", "協議", "协议", "附件", "附錄", "附录",
];

/// Read every reference in the document, and drop the figures their numbers were read as.
pub fn scan(doc: &mut Document, text: &str) {
    let mut refs = Vec::new();
    for b in &doc.blocks {
        let annex_heading = b.label.as_ref().is_some_and(|l| matches!(l.style, LabelStyle::Annex(_)));
        if b.kind == BlockKind::Heading && annex_heading {
            continue;
        }
        let t = &doc.norm.text;
        let bytes = t.as_bytes();
        let mut i = b.norm.start;
        while i < b.norm.end {
            // Only a Latin letter that starts a word, `第` (E7 AC AC) or `附` (E9 99 84) opens a
            // reference: any other character is passed over from its first byte, undecoded. (A
            // character before is a Latin letter or digit exactly when its last byte is one.)
            let x = bytes[i];
            let may_open = if x.is_ascii_alphabetic() {
                i == 0 || !bytes[i - 1].is_ascii_alphanumeric()
            } else {
                x == 0xe7 || x == 0xe9
            };
            if !may_open {
                i += utf8_len(x);
                continue;
            }
            let Some(c) = t[i..].chars().next() else { break };
            if c.is_ascii_alphabetic() || c == '第' || c == '附' {
                let rest = &t[i..b.norm.end];
                let found = paragraph_en(rest, &t[b.norm.start..i])
                    .or_else(|| paragraph_zh(rest, &t[b.norm.start..i]))
                    .or_else(|| annex(rest));
                if let Some((len, kind, targets)) = found {
                    for (r, text_) in targets {
                        let target = match kind {
                            CrossRefKind::Paragraph => text_.parse().ok(),
                            CrossRefKind::Annex(_) => annex_id(&text_),
                        };
                        if let Some(target) = target {
                            let norm = i + r.start..i + r.end;
                            refs.push(CrossRef {
                                kind,
                                target,
                                text: text_,
                                span: doc.norm.span(text, norm.clone()),
                                norm,
                            });
                        }
                    }
                    i += len.max(1);
                    continue;
                }
            }
            i += c.len_utf8();
        }
    }
    // A figure that overlaps a reference is part of it. The references by start, each with the
    // furthest end of those up to it: a figure overlaps one when the furthest end of those that
    // start before the figure ends lies after the figure's start.
    let mut by_start: Vec<(usize, usize)> = refs.iter().map(|r| (r.norm.start, r.norm.end)).collect();
    by_start.sort_unstable();
    let mut furthest = 0;
    for r in &mut by_start {
        furthest = furthest.max(r.1);
        r.1 = furthest;
    }
    doc.figures.retain(|f| {
        let before = by_start.partition_point(|&(start, _)| start < f.norm.end);
        before.checked_sub(1).is_none_or(|k| by_start[k].1 <= f.norm.start)
    });
    doc.cross_refs = refs;
}

/// Each target of a reference: its range (relative to the match) and its text.
type Targets = Vec<(Range<usize>, String)>;
/// A match: its length, what it refers to, and its targets.
type Found = (usize, CrossRefKind, Targets);

fn sp(i: &str) -> IResult<&str, &str> {
    take_while(|c: char| c == ' ').parse(i)
}

fn number(i: &str) -> IResult<&str, &str> {
    let (rest, n) = take_while_m_n(1, 3, |c: char| c.is_ascii_digit()).parse(i)?;
    // `2.3` is a decimal paragraph, `12%` or `5,000` a figure, `3rd` an ordinal.
    let decimal = rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    let glued = rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '%')
        || rest.starts_with(',') && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    if decimal || glued {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, n))
}

/// `(a)` after a paragraph number: `paragraph 4(b)`.
fn item_suffix(i: &str) -> IResult<&str, &str> {
    recognize((alt((tag("("), tag("（"))), take_while1(|c: char| c.is_ascii_lowercase()), alt((tag(")"), tag("）")))))
        .parse(i)
}

/// A list of targets after the word: `3`, `3 to 5`, `3, 4 and 6`.
fn targets<'a>(input: &'a str, item: impl Fn(&'a str) -> IResult<&'a str, &'a str>) -> Option<(usize, Targets)> {
    let mut out = Vec::new();
    let (mut rest, first) = item(input).ok()?;
    let at = |s: &str| s.as_ptr() as usize - input.as_ptr() as usize;
    out.push((at(first)..at(first) + first.len(), first.to_owned()));
    loop {
        if let Ok((r, _)) = item_suffix(rest) {
            rest = r;
        }
        let Ok((r, _)) = sp(rest) else { break };
        let Some(j) = JOINERS.iter().find(|j| {
            r.get(..j.len()).is_some_and(|h| h.eq_ignore_ascii_case(j))
                && !(j.starts_with(|c: char| c.is_ascii_alphabetic())
                    && r[j.len()..].starts_with(|c: char| c.is_ascii_alphabetic()))
        }) else {
            break;
        };
        let Ok((r, _)) = sp(&r[j.len()..]) else { break };
        let Ok((r, n)) = item(r) else { break };
        out.push((at(n)..at(n) + n.len(), n.to_owned()));
        rest = r;
    }
    Some((at(rest), out))
}

/// `paragraph 12`, `paras. 3 to 5`, unless it goes on `of the Statement on Defence` or follows
/// an annex (`Annex A, paragraph 3`).
fn paragraph_en(i: &str, before: &str) -> Option<Found> {
    let word = PARAGRAPH_WORDS.iter().find(|w| i.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w)))?;
    let after = &i[word.len()..];
    if !word.ends_with('.') && after.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let (sp_rest, gap) = sp(after).ok().map(|(r, g)| (r, g.len()))?;
    if gap == 0 && !word.ends_with('.') {
        return None;
    }
    let (len, mut t) = targets(sp_rest, number)?;
    let off = word.len() + gap;
    let tail = sp_rest[len..].trim_start_matches(' ');
    let elsewhere = ELSEWHERE_EN.iter().any(|w| {
        tail.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w)) && tail[w.len()..].starts_with(' ') && {
            let rest = tail[w.len()..].trim_start();
            !SELF_EN.iter().any(|s| rest.get(..s.len()).is_some_and(|h| h.eq_ignore_ascii_case(s)))
        }
    });
    let b = before.trim_end_matches([' ', ',']);
    let in_annex = ANNEX_WORDS.iter().any(|(w, _)| {
        let head = b.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '-');
        head.len() < b.len() && head.trim_end().to_ascii_lowercase().ends_with(w)
    });
    if elsewhere || in_annex {
        return None;
    }
    for (r, _) in &mut t {
        *r = r.start + off..r.end + off;
    }
    Some((off + len, CrossRefKind::Paragraph, t))
}

/// `第 12 段`, `第 3 至 5 段`, `第 4(b) 段`, unless it follows another document's name
/// (`《報告》第 53 段`).
fn paragraph_zh(i: &str, before: &str) -> Option<Found> {
    let body = i.strip_prefix('第')?;
    let (len, mut t) = targets(body, number)?;
    let mut rest = &body[len..];
    if let Ok((r, _)) = item_suffix(rest) {
        rest = r;
    }
    let rest = rest.trim_start_matches(' ');
    if !rest.starts_with('段') {
        return None;
    }
    let b = before.trim_end_matches(' ');
    let own = b.ends_with("本文件") || b.ends_with("上文") || b.ends_with("下文") || b.ends_with("本文");
    if !own && ELSEWHERE_ZH.iter().any(|w| b.ends_with(w) || ends_with_annex(b, w)) {
        return None;
    }
    let off = '第'.len_utf8();
    for (r, _) in &mut t {
        *r = r.start + off..r.end + off;
    }
    Some((i.len() - rest.len() + '段'.len_utf8(), CrossRefKind::Paragraph, t))
}

/// `附件 A 第 3 段`: the reference is to the annex's paragraph.
fn ends_with_annex(b: &str, word: &str) -> bool {
    let trimmed = b.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == ' ');
    trimmed.len() < b.len() && trimmed.ends_with(word)
}

/// An annex's identifier in running text: `A` (not the start of a word), `2`, `一`, `IV`.
fn annex_ident(i: &str) -> IResult<&str, &str> {
    let (rest, id) = alt((
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        take_while_m_n(1, 2, |c: char| "一二三四五六七八九十".contains(c)),
        recognize((satisfy(|c| c.is_ascii_uppercase()), opt(take_while1(|c: char| matches!(c, 'I' | 'V' | 'X'))))),
    ))
    .parse(i)?;
    let sub = rest.starts_with('-') && rest[1..].starts_with(|c: char| c.is_ascii_alphanumeric());
    let glued = rest
        .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '.' && rest[1..].starts_with(char::is_alphanumeric));
    let ok = annex_id(id).is_some() || cn_value(id).is_some();
    if sub || glued || !ok {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, id))
}

/// `Annex B`, `Annexes A and C`, `附件 B`, `附錄1`.
fn annex(i: &str) -> Option<Found> {
    let (word, kind) = ANNEX_WORDS.iter().find(|(w, _)| i.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w)))?;
    let cjk = word.starts_with(is_han);
    let after = &i[word.len()..];
    let (rest, gap) = sp(after).ok().map(|(r, g)| (r, g.len()))?;
    if !cjk && gap == 0 {
        return None;
    }
    // English: `Annex` with a capital, so that `annex a document` is not a reference.
    if !cjk && !i.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let (len, mut t) = targets(rest, annex_ident)?;
    // `服飾及衣著附件7,380億元`: a number running on after the id makes it an amount that follows
    // a noun ending in 附件 (accessories), not an annex.
    let after_id = &rest[len..];
    let mut cs = after_id.chars();
    let runs_on = match (cs.next(), cs.next()) {
        (Some(',' | '.'), Some(d)) => d.is_ascii_digit(),
        (Some(c), _) => c.is_ascii_digit() || "萬万億亿兆元%".contains(c),
        _ => false,
    };
    if cjk && runs_on {
        return None;
    }
    let off = word.len() + gap;
    for (r, _) in &mut t {
        *r = r.start + off..r.end + off;
    }
    Some((off + len, CrossRefKind::Annex(*kind), t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph_en_(i: &str) -> Option<Found> {
        paragraph_en(i, "see")
    }

    fn texts(f: Option<Found>) -> Vec<String> {
        f.map(|(_, _, t)| t.into_iter().map(|(_, s)| s).collect()).unwrap_or_default()
    }

    #[test]
    fn english_paragraph_references() {
        assert_eq!(texts(paragraph_en_("paragraph 12 above")), ["12"]);
        assert_eq!(texts(paragraph_en_("paragraphs 3 to 5")), ["3", "5"]);
        assert_eq!(texts(paragraph_en_("paras. 3, 4 and 6.")), ["3", "4", "6"]);
        assert_eq!(texts(paragraph_en_("paragraph 4(b) sets")), ["4"]);
        assert_eq!(texts(paragraph_en_("paragraph 5 of this paper")), ["5"]);
        assert!(paragraph_en_("paragraph 53 of the Statement on Defence").is_none());
        assert!(paragraph_en_("paragraph (1) of Standing Order No 89").is_none());
        assert!(paragraph_en_("paragraph 2.3").is_none());
        assert!(paragraph_en_("paragraphs").is_none());
        assert!(paragraph_en("paragraph 3 sets out", "see Annex A, ").is_none());
    }

    #[test]
    fn chinese_paragraph_references() {
        assert_eq!(texts(paragraph_zh("第12段", "載於")), ["12"]);
        assert_eq!(texts(paragraph_zh("第3至5段", "")), ["3", "5"]);
        assert_eq!(texts(paragraph_zh("第3、4及6段", "")), ["3", "4", "6"]);
        assert_eq!(texts(paragraph_zh("第4(b)段", "")), ["4"]);
        assert!(paragraph_zh("第53段", "《報告》").is_none());
        assert!(paragraph_zh("第3段", "附件A").is_none());
        assert!(paragraph_zh("第3季", "").is_none());
        assert_eq!(texts(paragraph_zh("第3段", "本文件")), ["3"]);
    }

    #[test]
    fn annex_references() {
        assert_eq!(texts(annex("Annex B sets out")), ["B"]);
        assert_eq!(texts(annex("Annexes A and C")), ["A", "C"]);
        assert_eq!(texts(annex("附件B")), ["B"]);
        assert_eq!(texts(annex("附录1")), ["1"]);
        assert_eq!(texts(annex("附件一及二")), ["一", "二"]);
        assert!(annex("附件7,380億元").is_none());
        assert!(annex("附件3億元").is_none());
        assert!(annex("Annex A-1.").is_none());
        assert!(annex("Annex. The").is_none());
        assert!(annex("Annex An").is_none());
        assert!(annex("annex B").is_none());
    }
}
