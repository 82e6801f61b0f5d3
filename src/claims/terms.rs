//! What the wording rules share: where a paper quotes someone else's words, Latin words in the
//! normalised text, and finding a list of terms.
//!
//! Everything here works on [`Document::norm`], where PDF damage is repaired (`持 分 ⏎者` reads
//! `持分者`); rules turn the ranges it returns into original spans with [`Document::span`].
//!
//! ## What it does
//!
//! Not a rule itself: the spans `term-consistency`, `abbreviation` and `punctuation-width` read
//! or skip (quotations, Latin runs), found once per paper.

use std::ops::Range;

use crate::document::{BlockKind, Document};
use crate::parse::chars::{CharSet, is_han};

/// Ranges of the normalised text that hold someone else's words, where a term may legitimately
/// be written another way: titles of publications and laws (`《…》`, `〈…〉`) and quoted passages
/// (a quotation whose content has clause punctuation, as a quoted sentence does; a short quoted
/// name such as `“科技園”` is the paper's own term and stays in).
pub fn quoted(doc: &Document) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // A quotation of several paragraphs (a motion read out) opens in one block and closes in
    // a later one: at most this many blocks on.
    const SPAN_BLOCKS: usize = 12;
    let mut b = 0;
    while b < doc.blocks.len() {
        let block = &doc.blocks[b];
        let text = doc.norm_text(&block.norm);
        // Open brackets: (closing char, start offset of content).
        let mut open: Vec<(char, usize)> = Vec::new();
        let mut next = b + 1;
        // Only the quotation marks below matter, and each is `"` or starts with byte E2
        // (`“` `”`) or E3 (`《` … `』`): those bytes are found with memchr and their
        // characters read, the rest of the text passed over.
        let marks = memchr::memchr3_iter(b'"', 0xe2, 0xe3, text.as_bytes());
        for (i, c) in marks.filter_map(|i| Some((i, text[i..].chars().next()?))) {
            let at = block.norm.start + i;
            if let Some(k) = open.iter().rposition(|&(close, _)| close == c) {
                let (close, start) = open[k];
                open.truncate(k);
                let content = doc.norm_text(&(start..at));
                let title = matches!(close, '》' | '〉');
                if title || is_passage(content) {
                    out.push(start..at);
                }
                continue;
            }
            let close = match c {
                '《' => '》',
                '〈' => '〉',
                '“' => '”',
                '「' => '」',
                '『' => '』',
                '"' => '"',
                _ => continue,
            };
            open.push((close, at + c.len_utf8()));
        }
        // A quotation still open at the block's end runs on to the block that closes it.
        if let Some(&(close, start)) = open.first().filter(|(c, _)| matches!(c, '”' | '」' | '』')) {
            let opener = match close {
                '”' => '“',
                '」' => '「',
                _ => '『',
            };
            // Each paragraph of a long quotation may open with the quote mark again; only the
            // last closes it. Quotations inside it open and close in pairs.
            let ends = (b + 1..doc.blocks.len().min(b + 1 + SPAN_BLOCKS)).find_map(|k| {
                let t = doc.norm_text(&doc.blocks[k].norm);
                let lead = t.len() - t.trim_start().strip_prefix(opener).unwrap_or(t.trim_start()).len();
                let mut depth = 1;
                for (i, c) in t[lead..].char_indices() {
                    if c == opener {
                        depth += 1;
                    } else if c == close {
                        depth -= 1;
                        if depth == 0 {
                            return Some((k, doc.blocks[k].norm.start + lead + i));
                        }
                    }
                }
                None
            });
            if let Some((k, end)) = ends {
                out.push(start..end);
                next = k + 1;
            }
        }
        b = next;
    }
    out.sort_by_key(|r| r.start);
    merge(out)
}

/// Sorted ranges with those that overlap or nest merged, as [`inside`] needs them.
pub fn merge(ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Does quoted content read as a passage (a sentence or clause) rather than a name?
fn is_passage(content: &str) -> bool {
    content.contains(['，', '。', '；', '！', '？', ',', ';', '!', '?']) || content.contains(". ")
}

/// Is normalised offset `n` inside one of the ranges (sorted and merged, see [`merge`])?
pub fn inside(ranges: &[Range<usize>], n: usize) -> bool {
    let i = ranges.partition_point(|r| r.start <= n);
    i.checked_sub(1).is_some_and(|i| n < ranges[i].end)
}

/// A Latin word: ASCII letters and digits, with `@ & _ - ' . / +` inside (`Fintech@Gloucester`,
/// `e-Check`, `Money20/20`, `HKMA's`) and a leading `@` or `#` kept.
pub fn latin_words(text: &str, base: usize) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let inner = |c: u8| matches!(c, b'@' | b'&' | b'_' | b'-' | b'\'' | b'.' | b'/' | b'+');
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Skip to the next byte that may begin a word: in Chinese text, most of them. Eight
        // bytes at a time while none is ASCII (every byte of a CJK character has its top bit).
        while let Some(chunk) = b.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            if word & 0x8080_8080_8080_8080 != 0x8080_8080_8080_8080 {
                break;
            }
            i += 8;
        }
        match b[i..].iter().position(|&x| x.is_ascii_alphanumeric() || matches!(x, b'@' | b'#')) {
            Some(p) => i += p,
            None => break,
        }
        let lead = matches!(b[i], b'@' | b'#') && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
        if !(b[i].is_ascii_alphanumeric() || lead) {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || inner(b[i])) {
            i += 1;
        }
        let mut end = i;
        while end > start && !b[end - 1].is_ascii_alphanumeric() {
            end -= 1;
        }
        out.push(base + start..base + end);
    }
    out
}

/// Does a Latin word change from a lower-case letter to a capital inside it (`FintechHK`,
/// `eCheck`, `iAM`), the mark of a coined name? Two ordinary words that lost the space between
/// them (`toAnnex`, `yearTo`) are not one: the part before the capital is then a lower-case word.
pub fn has_inner_capital(word: &str) -> bool {
    let b = word.as_bytes();
    (1..b.len()).any(|i| {
        if !(b[i - 1].is_ascii_lowercase() && b[i].is_ascii_uppercase()) {
            return false;
        }
        let start = b[..i].iter().rposition(|c| !c.is_ascii_alphabetic()).map_or(0, |p| p + 1);
        let part = &b[start..i];
        part.len() < 2 || part.iter().any(u8::is_ascii_uppercase)
    })
}

/// Where each of `terms` occurs in `text` (leftmost-longest, non-overlapping), as
/// (range relative to `text`, index into `terms`). Terms with Latin letters match whole words,
/// with their case as written; CJK terms match anywhere.
pub fn find_terms(text: &str, terms: &[String]) -> Vec<(Range<usize>, usize)> {
    let [out] = find_terms_each(text, [terms]);
    out
}

/// [`find_terms`] for several lists of terms over one text, in one pass: each list's
/// occurrences, as `find_terms` gives them for it alone.
pub fn find_terms_each<const N: usize>(text: &str, lists: [&[String]; N]) -> [Vec<(Range<usize>, usize)>; N] {
    // Each list's terms by first character, then longest first, then in the order given.
    let orders: [Vec<(char, usize)>; N] = lists.map(|terms| {
        let mut order: Vec<(char, usize)> =
            terms.iter().enumerate().filter_map(|(k, t)| t.chars().next().map(|c| (c, k))).collect();
        order.sort_by(|&(ca, a), &(cb, b)| ca.cmp(&cb).then(terms[b].len().cmp(&terms[a].len())).then(a.cmp(&b)));
        order
    });
    let firsts = CharSet::new(orders.iter().flatten().map(|&(c, _)| c));
    let mut out: [Vec<(Range<usize>, usize)>; N] = std::array::from_fn(|_| Vec::new());
    // Where each list's last match ended: a list's matches do not overlap.
    let mut next = [0usize; N];
    let alnum = |c: char| c.is_ascii_alphanumeric();
    for (i, first) in firsts.find_in(text) {
        let rest = &text[i..];
        for (k, (terms, order)) in lists.iter().zip(&orders).enumerate() {
            if i < next[k] {
                continue;
            }
            let from = order.partition_point(|&(c, _)| c < first);
            let to = order.partition_point(|&(c, _)| c <= first);
            let hit = order[from..to].iter().map(|&(_, t)| t).find(|&t| {
                let t = terms[t].as_str();
                if !rest.starts_with(t) {
                    return false;
                }
                // A Latin term must not start or end inside a word.
                let glued_before = t.starts_with(alnum) && text[..i].ends_with(alnum);
                let glued_after = t.ends_with(alnum) && rest[t.len()..].starts_with(alnum);
                !(glued_before || glued_after)
            });
            if let Some(t) = hit {
                out[k].push((i..i + terms[t].len(), t));
                next[k] = i + terms[t].len();
            }
        }
    }
    out
}

/// The Han character just before and just after normalised offset range `r`, within its block.
pub fn han_neighbours(doc: &Document, r: &Range<usize>) -> (Option<char>, Option<char>) {
    let Some(bi) = doc.block_at(r.start) else { return (None, None) };
    let block = &doc.blocks[bi].norm;
    let before = doc.norm.text.get(block.start..r.start).and_then(|s| s.chars().next_back()).filter(|&c| is_han(c));
    let after = doc.norm.text.get(r.end..block.end).and_then(|s| s.chars().next()).filter(|&c| is_han(c));
    (before, after)
}

/// Is the block at normalised offset `n` a heading (titles, section names)?
pub fn in_heading(doc: &Document, n: usize) -> bool {
    doc.block_at(n).is_some_and(|b| doc.blocks[b].kind == BlockKind::Heading)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        latin_words(t, 0).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn latin_words_keep_names_whole() {
        assert_eq!(words("設立“Fintech@Gloucester”的"), ["Fintech@Gloucester"]);
        assert_eq!(words("「Fintech @Gloucester」等"), ["Fintech", "@Gloucester"]);
        assert_eq!(words("the HKMA's e-Check, Money20/20."), ["the", "HKMA's", "e-Check", "Money20/20"]);
        assert_eq!(words("FCAS 2.0)"), ["FCAS", "2.0"]);
    }

    #[test]
    fn latin_words_after_long_cjk_runs_at_every_alignment() {
        // The scan skips eight bytes at a time through CJK text: a word right after a run of any
        // length, and a run reaching the end, must come out the same.
        for n in 0..12 {
            let t = format!("{}HKMA{}é{}", "港".repeat(n), "，".repeat(n), "匯".repeat(n));
            assert_eq!(words(&t), ["HKMA"], "{n}");
            let t = format!("a{}b", "港".repeat(n + 1));
            assert_eq!(words(&t), ["a", "b"], "{n}");
        }
    }

    #[test]
    fn terms_match_whole_latin_words_and_any_cjk() {
        let terms = vec!["持份者".to_owned(), "HKMA".to_owned()];
        let t = "主要持份者與HKMA及HKMAX";
        let hits: Vec<&str> = find_terms(t, &terms).into_iter().map(|(r, _)| &t[r]).collect();
        assert_eq!(hits, ["持份者", "HKMA"]);
        // Lists searched together find what each finds alone, overlapping one another or not.
        let others = vec!["份者與".to_owned(), "KMA".to_owned(), "主".to_owned(), "HKMAX".to_owned()];
        let [a, b] = find_terms_each(t, [&terms, &others]);
        assert_eq!((a, b), (find_terms(t, &terms), find_terms(t, &others)));
    }

    #[test]
    fn a_quotation_of_several_paragraphs_is_one_range() {
        let src = crate::source::Source::from_text(
            "t.txt",
            "議案如下：\n\n“今天政府的綜合社會保障援助 (‘綜援 ’)制度未能解決問題；\n\n並要求政府改善綜援制度。”\n\n綜援是安全網。\n",
        );
        let doc = crate::parse::parse(&src, &Default::default());
        let q = quoted(&doc);
        let t = &doc.norm.text;
        assert!(inside(&q, t.find("綜合").unwrap()));
        assert!(inside(&q, t.find("改善").unwrap()));
        assert!(!inside(&q, t.rfind("綜援是").unwrap()));
        // A quote left open is not carried past a paragraph that quotes and closes its own.
        let src = crate::source::Source::from_text("t.txt", "他說“未完\n\n另一段“引述”完。\n\n持份者。\n");
        let doc = crate::parse::parse(&src, &Default::default());
        let q = quoted(&doc);
        assert!(!inside(&q, doc.norm.text.find("另一段").unwrap()));
    }

    #[test]
    fn nested_quotes_are_one_range() {
        let r = merge(vec![0..10, 2..4, 12..14]);
        assert_eq!(r, [0..10, 12..14]);
        assert!(inside(&r, 6) && !inside(&r, 11));
    }

    #[test]
    fn inner_capitals() {
        assert!(has_inner_capital("FintechHK"));
        assert!(has_inner_capital("eCheck"));
        assert!(!has_inner_capital("Fintech"));
        assert!(!has_inner_capital("HKMA"));
        assert!(!has_inner_capital("toAnnex"));
        assert!(has_inner_capital("SkillsFuture"));
    }
}
