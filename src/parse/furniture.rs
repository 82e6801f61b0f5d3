//! Page furniture: the lines a printed page adds to its text, which PDF extraction and browser
//! printing leave in the middle of paragraphs and lists.
//!
//! - A running header or footer is a short line that recurs page after page, next to a page
//!   number that grows (`立法會 ─ 2013年 4月 17日` over `5733`, `5734` …; a print header
//!   `Page 2 of 5 Minister for …` over a dated address line). Its wording is never known in
//!   advance: what makes it furniture is the repetition and the page numbers beside it.
//! - A page number stands alone on its line: `5733`, `- 12 -`, `Page 3 of 12`, `第 3 頁`. A bare
//!   number counts only beside a running header, after a continuation mark, or as one of a run
//!   of numbers that grow by one a page apart — a table's cells and a year on its own line are
//!   not page numbers.
//! - Known shapes need no repetition: a browser's print stamp (`[15/05/2002 1:10:04]`,
//!   `8/04/2010 http://…`), a typescript's continuation mark (`. . ./2`), a `##` placeholder
//!   left where a number was lost.
//!
//! The lines are recognised here, on the original text, and the splitter steps over them (with
//! the blank lines around them), so a paragraph or list interrupted by a page break continues
//! across it. Nothing is removed from the text: spans stay byte offsets into the original file.

use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

use super::chars::{is_cjk, is_han, is_hspace};
use super::vocab::vocabulary;

/// A line's content without its surrounding spaces.
fn trimmed(line: &str) -> &str {
    line.trim_matches(|c: char| is_hspace(c) || c == '\r')
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Does `s` hold a digit ([`digit_value`]: ASCII, or full-width U+FF10–U+FF19, which UTF-8
/// writes `EF BC 90`–`EF BC 99`)? Read byte by byte, for every line of a paper.
fn has_digit(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(k, &x)| {
        x.is_ascii_digit()
            || x == 0xef && b.get(k + 1) == Some(&0xbc) && b.get(k + 2).is_some_and(|y| (0x90..=0x99).contains(y))
    })
}

/// `s` read as a whole number of one to five digits (spaces inside it allowed: `5 733`).
fn number(s: &str) -> Option<u32> {
    let s = s.trim_matches(is_hspace);
    let mut v: u32 = 0;
    let mut n = 0;
    for c in s.chars() {
        if is_hspace(c) {
            continue;
        }
        v = v.checked_mul(10)?.checked_add(digit_value(c)?)?;
        n += 1;
    }
    (1..=5).contains(&n).then_some(v)
}

/// How sure a line's shape alone makes it a page number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    /// `- 12 -`, `Page 3 of 12`, `第 3 頁`: nothing else is written this way.
    Strong,
    /// `12`, `3/12`: a page number only where something else says so.
    Weak,
    /// `2 .`: a page number only after a continuation mark; elsewhere it is a paragraph's
    /// number standing alone on its line.
    Dotted,
}

/// A page number alone on its line, and how sure its shape makes it. `Page 2 of 5` may be
/// followed by the page's title, as a browser prints it.
fn page_number(t: &str) -> Option<(u32, Strength)> {
    if let Some(v) = number(t) {
        return Some((v, Strength::Weak));
    }
    // `2 .`: a page number an OCR pass gave a full stop.
    if let Some(v) = t.strip_suffix(['.', '．']).and_then(number) {
        return Some((v, Strength::Dotted));
    }
    // `- 12 -`, `— 12 —`
    let dashes: &[char] = &['-', '–', '—', '－'];
    if let Some(inner) = t.strip_prefix(dashes).and_then(|r| r.strip_suffix(dashes))
        && let Some(v) = number(inner)
    {
        return Some((v, Strength::Strong));
    }
    // `3/12`, `3 / 12`
    if let Some((a, b)) = t.split_once('/')
        && let (Some(a), Some(b)) = (number(a), number(b))
        && a >= 1
        && a <= b
        && b < 1000
    {
        return Some((a, Strength::Weak));
    }
    let pages = &vocabulary().pages;
    // `Page 3`, `Page 3 of 12`, `Page 3 of 12 Minister for …`
    for w in &pages.en_page {
        let Some(rest) = t.strip_prefix(w.as_str()) else { continue };
        if !rest.starts_with(is_hspace) && !w.ends_with('.') {
            continue;
        }
        let rest = rest.trim_start_matches(is_hspace);
        let end = rest.find(|c: char| digit_value(c).is_none()).unwrap_or(rest.len());
        let Some(v) = number(&rest[..end]) else { continue };
        let after = rest[end..].trim_start_matches(is_hspace);
        if after.is_empty() {
            return Some((v, Strength::Strong));
        }
        for of in &pages.en_of {
            if let Some(total) = after.strip_prefix(of.as_str()).filter(|r| r.starts_with(is_hspace)) {
                let total = total.trim_start_matches(is_hspace);
                let end = total.find(|c: char| digit_value(c).is_none()).unwrap_or(total.len());
                if number(&total[..end]).is_some() {
                    return Some((v, Strength::Strong));
                }
            }
        }
    }
    // `第 3 頁`, `第3页，共12页`
    for before in &pages.zh_before {
        let Some(rest) = t.strip_prefix(before.as_str()) else { continue };
        for after in &pages.zh_after {
            let Some(k) = rest.find(after.as_str()) else { continue };
            let Some(v) = number(&rest[..k]) else { continue };
            let tail = rest[k + after.len()..].trim_matches(|c: char| is_hspace(c) || matches!(c, '，' | ',' | '、'));
            let total_ok = tail.is_empty()
                || pages.zh_total.iter().any(|w| {
                    tail.strip_prefix(w.as_str())
                        .and_then(|r| r.strip_suffix(after.as_str()))
                        .is_some_and(|n| number(n).is_some())
                });
            if total_ok {
                return Some((v, Strength::Strong));
            }
        }
    }
    None
}

/// A typescript's mark that the text goes on overleaf: `. . ./2`, `...2/`, `…/3` (and an OCR
/// pass's `...12` for `.../2`).
fn continuation(t: &str) -> bool {
    let body = t.trim_end_matches(|c: char| c == '/' || is_hspace(c));
    let digits = body.len() - body.trim_end_matches(|c: char| digit_value(c).is_some()).len();
    if digits == 0 || digits > 3 {
        return false;
    }
    let lead = body[..body.len() - digits].trim_end_matches(|c: char| c == '/' || is_hspace(c));
    let dots = lead.chars().filter(|&c| matches!(c, '.' | '…' | '·')).count();
    !lead.is_empty() && dots >= 2 && lead.chars().all(|c| matches!(c, '.' | '…' | '·') || is_hspace(c))
}

/// `d/m/y` or `y/m/d` with one- to four-digit parts: the date of a print stamp.
fn slash_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['/', '-']).collect();
    parts.len() == 3 && parts.iter().all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `1:10:04`, `21:07`, optionally `AM`/`PM` after it.
fn clock(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

fn url(s: &str) -> bool {
    ["http://", "https://", "file://", "www."].iter().any(|p| s.starts_with(p)) && !s.contains(char::is_whitespace)
}

/// What a browser prints at the top or foot of each page: `[15/05/2002 1:10:04]`,
/// `8/04/2010 http://www.example.gov.au/…`, `2026/3/23 21:07 Report title`,
/// `https://www.example.gov/… 1/15`.
fn print_stamp(t: &str) -> bool {
    if let Some(inner) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        // Four words are enough to tell the shapes below apart; a line of Chinese text damaged
        // into one word a character is not split whole.
        let words: Vec<&str> = inner.split_whitespace().take(4).collect();
        return match words.as_slice() {
            [d, c] => slash_date(d) && clock(c),
            [d, c, ampm] => slash_date(d) && clock(c) && matches!(*ampm, "AM" | "PM" | "am" | "pm"),
            _ => false,
        };
    }
    // Four words tell every shape below apart: a fourth only makes a line one too long for the
    // shapes of two or three words, as any further ones would.
    let words: Vec<&str> = t.split_whitespace().take(4).collect();
    match words.as_slice() {
        [d, rest @ ..] if slash_date(d) => match rest {
            [u] => url(u),
            [c, u] if clock(c) => url(u),
            // A stamp before the page's title: short, as a title is.
            [c, ..] if clock(c) => t.chars().count() <= 80,
            _ => false,
        },
        [u, n] => url(u) && n.split_once('/').is_some_and(|(a, b)| number(a).is_some() && number(b).is_some()),
        _ => false,
    }
}

/// `##` alone on its line: a placeholder where a paragraph's number was lost.
fn placeholder(t: &str) -> bool {
    t.len() >= 2 && t.bytes().all(|b| b == b'#')
}

/// A line's shape with its numbers blanked (`立法會─####年#月##日`, `Page#of#Minister…`), so
/// that a running header is the same line on every page; `None` for a line too long or too
/// bare to be one.
fn repeat_key(t: &str) -> Option<String> {
    // More than 100 characters: a line of at most 100 bytes never is one, and a line of more
    // than 400 (four bytes a character at most) always is, so only the rest are counted.
    if t.len() > 400 || t.len() > 100 && t.chars().count() > 100 || t.contains('。') {
        return None;
    }
    let mut key = String::with_capacity(t.len());
    let mut words = 0;
    let mut cells = 0usize;
    for c in t.chars() {
        // Most characters of a Chinese line: a Han word character taking two cells.
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            cells += 2;
            words += 1;
            key.push(c);
            continue;
        }
        if c.is_whitespace() || is_hspace(c) {
            continue;
        }
        cells += if is_cjk(c) { 2 } else { 1 };
        if digit_value(c).is_some() {
            if !key.ends_with('#') {
                key.push('#');
            }
            continue;
        }
        // Han first: Unicode's table for `is_alphabetic` is slow for them.
        if is_han(c) || c.is_alphabetic() {
            words += 1;
        }
        key.push(c);
    }
    // A label alone on its line (`(ii)`, `(一)`) recurs in every list.
    let label = (key.starts_with(['(', '（']) && key.ends_with([')', '）'])) && key.chars().count() <= 6;
    (words >= 2 && cells <= 80 && !label).then_some(key)
}

/// The number written as the line's first or last word (`TEAS 3`, `3 Annual Report`), the
/// place a running header keeps its page number; a year is not one.
fn edge_number(t: &str, last: bool) -> u32 {
    let word = if last { t.split_whitespace().next_back() } else { t.split_whitespace().next() };
    let many = t.split_whitespace().nth(1).is_some();
    match word.and_then(number) {
        Some(v) if many && !(1900..=2100).contains(&v) => v,
        _ => u32::MAX,
    }
}

/// Do the numbers run as a document's pages do: mostly one, two or three up at each step?
fn page_run(v: &[u32]) -> bool {
    let steps = v.len().saturating_sub(1);
    let up = v.windows(2).filter(|w| w[0] != u32::MAX && w[1] > w[0] && w[1] - w[0] <= 3).count();
    steps >= 2 && up * 5 >= steps * 4
}

/// [`page_run`] of the numbers `number` gives for the lines `occ`, read only as far as needed:
/// the run fails as soon as more than a fifth of its steps do not go up.
fn page_run_by(occ: &[usize], number: impl Fn(usize) -> u32) -> bool {
    let steps = occ.len().saturating_sub(1);
    let Some((&first, rest)) = occ.split_first().filter(|_| steps >= 2) else { return false };
    let mut prev = number(first);
    let mut fails = 0;
    for &i in rest {
        let v = number(i);
        if !(prev != u32::MAX && v > prev && v - prev <= 3) {
            fails += 1;
            // `up * 5 >= steps * 4` with `up = steps - fails`.
            if fails * 5 > steps {
                return false;
            }
        }
        prev = v;
    }
    true
}

/// How far (in non-blank lines) a page number may stand from its running header.
const NEAR: usize = 2;
/// Lines between two pages' numbers at the least: a table's column of numbers is closer.
const PAGE_LINES: usize = 8;

/// Which of `lines` (ranges of `text`) are page furniture.
pub fn find(text: &str, lines: &[Range<usize>]) -> Vec<bool> {
    let n = lines.len();
    let mut furniture = vec![false; n];
    let t: Vec<&str> = lines.iter().map(|r| trimmed(text.get(r.clone()).unwrap_or(""))).collect();
    let nonblank: Vec<usize> = (0..n).filter(|&i| !t[i].is_empty()).collect();
    // Position of each line among the non-blank ones.
    let mut rank = vec![0usize; n];
    for (k, &i) in nonblank.iter().enumerate() {
        rank[i] = k;
    }
    // A page number, a print stamp and a continuation mark each hold a digit: a line without
    // one (most lines of prose) is none of them, and its shapes need not be read.
    let digits: Vec<bool> = t.iter().map(|l| has_digit(l)).collect();
    let page: Vec<Option<(u32, Strength)>> =
        t.iter().zip(&digits).map(|(l, &d)| if d { page_number(l) } else { None }).collect();

    // Shapes that need nothing else.
    for i in 0..n {
        let l = t[i];
        if l.is_empty() {
            continue;
        }
        if matches!(page[i], Some((_, Strength::Strong))) || digits[i] && print_stamp(l) || placeholder(l) {
            furniture[i] = true;
        } else if digits[i] && continuation(l) {
            furniture[i] = true;
            // The next page's number just after it.
            for &j in nonblank.iter().skip(rank[i] + 1).take(NEAR) {
                if page[j].is_some() {
                    furniture[j] = true;
                    break;
                }
            }
        }
    }

    // Running headers and footers: a line that recurs beside growing page numbers.
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for &i in &nonblank {
        if !matches!(page[i], Some((_, Strength::Strong | Strength::Weak)))
            && let Some(k) = repeat_key(t[i])
        {
            by_key.entry(k).or_default().push(i);
        }
    }
    let mut keys: Vec<(&String, &Vec<usize>)> = by_key.iter().filter(|(_, v)| v.len() >= 2).collect();
    // The most frequent first: the running header is on nearly every page, and a line that
    // recurs on far fewer pages (a table's heading carried over) is not one.
    keys.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.1[0].cmp(&b.1[0])));
    let mut pages = 0;
    for (key, occ) in keys {
        if occ.len() * 2 < pages {
            continue;
        }
        // Pages apart: a phrase repeated a few lines on is not a header (though a page may
        // be nearly empty, as one holding only a picture is).
        let apart = occ.windows(2).filter(|w| w[1] - w[0] >= PAGE_LINES).count();
        if apart * 3 < (occ.len() - 1) * 2 {
            continue;
        }
        // The page number inside the line, if it has one (`TEAS 3`).
        let inner: Option<bool> =
            [true, false].into_iter().find(|&last| key.contains('#') && page_run_by(occ, |i| edge_number(t[i], last)));
        let mut evidence: Vec<u32> = Vec::new();
        let mut beside: Vec<usize> = Vec::new();
        for &i in occ {
            if let Some(last) = inner {
                let v = edge_number(t[i], last);
                if v != u32::MAX {
                    evidence.push(v);
                }
                continue;
            }
            // The nearest page number, after the line first (a header over its page's number),
            // and not past a header already found (the last line of a page is no footer).
            let k = rank[i];
            let after = nonblank.iter().skip(k + 1).take(NEAR).take_while(|&&j| !furniture[j] || page[j].is_some());
            let before =
                nonblank[k.saturating_sub(NEAR)..k].iter().rev().take_while(|&&j| !furniture[j] || page[j].is_some());
            let numbered = |j: usize| matches!(page[j], Some((_, Strength::Strong | Strength::Weak)));
            if let Some(&j) = after.chain(before).find(|&&j| numbered(j)) {
                if let Some((v, _)) = page[j] {
                    evidence.push(v);
                }
                beside.push(j);
            }
        }
        // Two pages: a header over each of two consecutive numbers.
        let two_pages = occ.len() == 2 && inner.is_none() && matches!(evidence[..], [a, b] if b == a + 1);
        if !two_pages && (evidence.len() < 3 || evidence.len() * 3 < occ.len() * 2 || !page_run(&evidence)) {
            continue;
        }
        pages = pages.max(occ.len());
        for &i in occ {
            furniture[i] = true;
        }
        for j in beside {
            furniture[j] = true;
        }
    }

    // Bare numbers a page apart that grow by one: page numbers with no header. Years are left
    // out, since a table or a list may put each year on its own line.
    // A page number stands apart: a number beside other numbers is a table's cell.
    let numeric =
        |j: usize| t[j].chars().all(|c| digit_value(c).is_some() || is_hspace(c) || ".,%()$-/（）".contains(c));
    let mut chains: Vec<Vec<(usize, u32)>> = Vec::new();
    for (k, &i) in nonblank.iter().enumerate() {
        let Some((v, Strength::Weak)) = page[i] else { continue };
        let beside_numbers =
            [k.checked_sub(1), Some(k + 1)].into_iter().flatten().filter_map(|k| nonblank.get(k)).any(|&j| numeric(j));
        if furniture[i] || beside_numbers || (1900..=2100).contains(&v) {
            continue;
        }
        match chains.iter_mut().find(|c| c.last().is_some_and(|&(j, w)| v == w + 1 && i - j >= PAGE_LINES)) {
            Some(c) => c.push((i, v)),
            None => chains.push(vec![(i, v)]),
        }
    }
    for c in chains.iter().filter(|c| c.len() >= 3) {
        for &(i, _) in c {
            furniture[i] = true;
        }
    }
    carried_headings(&t, &nonblank, &mut furniture);
    furniture
}

/// The position of line `i` among the non-blank lines.
fn rank_of(nonblank: &[usize], i: usize) -> usize {
    nonblank.partition_point(|&j| j < i)
}

/// How far back (in lines) a table's heading may have been printed first.
const TABLE_LINES: usize = 400;
/// How many lines of a table's heading a page may carry over.
const HEADING_LINES: usize = 3;

/// A table's heading printed again at the top of each page it runs on (`建議  落實情況`, a row
/// of years): straight after a page break, a short line that repeats word for word a line of
/// the text not long before. Stepped over, the table's rows (and the list numbered in them)
/// run on across the break. A line that ends or opens a sentence, a turn or a list (`：`, `，`,
/// `。`) is never one.
fn carried_headings(t: &[&str], nonblank: &[usize], furniture: &mut [bool]) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut carried = 0;
    for (k, &i) in nonblank.iter().enumerate() {
        if furniture[i] {
            carried = 0;
            continue;
        }
        let l = t[i];
        let after_break = k > 0 && furniture[nonblank[k - 1]] && carried < HEADING_LINES;
        // A line that opens with a label (`(d) 2009-2010年度`, `3.`, `二、`) is an item of the
        // paper's own, however like the last table's it is.
        let digits = l.find(|c: char| digit_value(c).is_none()).unwrap_or(l.len());
        let labelled = l.starts_with(['(', '（', '[', '［'])
            || digits > 0 && l[digits..].starts_with(['.', '．', ')', '、'])
            || l.chars().nth(1) == Some('、');
        // Only asked straight after a page break: most lines are not.
        let plain =
            || !labelled && !l.contains(['：', ':', '，', ',', '。', '；', ';', '?', '？']) && repeat_key(l).is_some();
        // A heading stands once on its page: a line in a run of its own copies is text.
        let alone = |j: usize| {
            let r = rank_of(nonblank, j);
            [r.checked_sub(1), Some(r + 1)].into_iter().flatten().filter_map(|r| nonblank.get(r)).all(|&n| t[n] != t[j])
        };
        if after_break && plain() && seen.get(l).is_some_and(|&j| i - j <= TABLE_LINES && alone(j)) {
            furniture[i] = true;
            carried += 1;
            continue;
        }
        seen.insert(l, i);
    }
}

/// The lines the splitter steps over: the furniture, and the blank lines around it, so that a
/// page break is one gap in a paragraph rather than the end of one.
pub fn page_breaks(text: &str, lines: &[Range<usize>], furniture: &[bool]) -> Vec<bool> {
    let blank = |i: usize| trimmed(text.get(lines[i].clone()).unwrap_or("")).is_empty();
    let mut skip = furniture.to_vec();
    let mut i = 0;
    while i < lines.len() {
        if !(furniture[i] || blank(i)) {
            i += 1;
            continue;
        }
        // A run of blank and furniture lines.
        let start = i;
        while i < lines.len() && (furniture[i] || blank(i)) {
            i += 1;
        }
        if furniture[start..i].iter().any(|&f| f) {
            skip[start..i].fill(true);
        }
    }
    skip
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let lines = crate::parse::structure::line_ranges(text);
        let f = find(text, &lines);
        lines.iter().zip(f).filter(|(_, f)| *f).map(|(r, _)| trimmed(&text[r.clone()])).collect()
    }

    #[test]
    fn a_tables_heading_carried_over_a_page_break() {
        let page = |k: u32, items: &str| format!("建議  落實情況\n{items}\n\n立法會 ─ 2012年 5月 2日\n\n{k}\n\n");
        let rows = "措施已落實\n".repeat(8);
        let text = page(1201, &format!("(i) 甲項{rows}(ii) 乙項"))
            + &page(1202, &format!("(iii) 丙項{rows}"))
            + &page(1203, &format!("(iv) 丁項{rows}"))
            + "主席：\n";
        let f = found(&text);
        assert_eq!(f.iter().filter(|l| l.starts_with("建議")).count(), 2, "{f:?}");
        // A labelled line repeated from the last table is an item, not a heading.
        let page = |k: u32, item: &str| format!("{item}\n{rows}\n立法會 ─ 2012年 5月 2日\n\n{k}\n\n");
        let text = page(1201, "(a) 2011年度") + &page(1202, "(a) 2011年度") + &page(1203, "(b) 2012年度");
        assert!(!found(&text).iter().any(|l| l.starts_with('(')));
        // The first printing is the table's own heading; a turn is never furniture.
        assert!(!f.contains(&"主席："));
    }

    #[test]
    fn page_run_by_reads_as_page_run() {
        let runs: [&[u32]; 9] = [
            &[],
            &[1, 2],
            &[1, 2, 3],
            &[1, 1, 1],
            &[5, 6, 7, 9, 30, 31, 32, 33, 34, 35],
            &[5, 6, 7, 9, 30, 31, 32, 33, 34, 35, 36],
            &[u32::MAX, 2, 3, 4, 5],
            &[3, 4, u32::MAX, 6, 7, 8, 9, 10, 11, 12],
            &[3, 4, u32::MAX, 6, 7, 8, 9, 10, 11],
        ];
        for v in runs {
            let occ: Vec<usize> = (0..v.len()).collect();
            assert_eq!(page_run_by(&occ, |i| v[i]), page_run(v), "{v:?}");
        }
    }

    #[test]
    fn has_digit_reads_bytes_as_digit_value_would() {
        for s in ["", "第 3 頁", "第３頁", "第三頁", "１", "９", "\u{ff0f}\u{ff1a}", "Page views", "立法會─", "é0"]
        {
            assert_eq!(has_digit(s), s.chars().any(|c| digit_value(c).is_some()), "{s:?}");
        }
    }

    #[test]
    fn page_number_shapes() {
        assert_eq!(page_number("5733"), Some((5733, Strength::Weak)));
        assert_eq!(page_number("2 ."), Some((2, Strength::Dotted)));
        assert_eq!(page_number("- 12 -"), Some((12, Strength::Strong)));
        assert_eq!(page_number("— 3 —"), Some((3, Strength::Strong)));
        assert_eq!(page_number("Page 3"), Some((3, Strength::Strong)));
        assert_eq!(page_number("Page 1 of 5 Minister for Families, Housing"), Some((1, Strength::Strong)));
        assert_eq!(page_number("第 3 頁"), Some((3, Strength::Strong)));
        assert_eq!(page_number("第3页，共12页"), Some((3, Strength::Strong)));
        assert_eq!(page_number("3/12"), Some((3, Strength::Weak)));
        assert_eq!(page_number("Page views rose"), None);
        assert_eq!(page_number("第 3 頁所述"), None);
        assert_eq!(page_number("12/3"), None);
        assert_eq!(page_number("56/2013"), None);
        assert_eq!(page_number("2010年"), None);
    }

    #[test]
    fn print_stamps_and_marks() {
        assert!(print_stamp("[15/05/2002 1:10:04]"));
        assert!(print_stamp("8/04/2010 http://www.jennymacklin.fahcsia.gov.au/internet/jennymackli..."));
        assert!(print_stamp("2026/3/23 21:07 政府工作报告 __ 中国政府网"));
        assert!(print_stamp("https://www.gov.cn/gongbao/2025/issue_11946/202503/content_7015861.html 1/15"));
        assert!(!print_stamp("15/05/2002 was the day the plan was announced to the press and the public"));
        assert!(continuation(". . .2/"));
        assert!(continuation(".../2"));
        assert!(continuation("...12"));
        assert!(!continuation("2."));
        assert!(!continuation("... and 2"));
        assert!(placeholder("##"));
        assert!(!placeholder("## Heading"));
    }

    #[test]
    fn a_running_header_beside_growing_page_numbers() {
        let mut text = String::new();
        for page in 5732..5737 {
            text.push_str(&format!("立法會  ─  2013年 4月 17日  \n \n{page} \n"));
            for k in 0..10 {
                text.push_str(&format!("正文第 {k} 行，內容。\n"));
            }
        }
        let f = found(&text);
        assert_eq!(f.len(), 10, "{f:?}");
        assert_eq!(f[0], "立法會  ─  2013年 4月 17日");
        assert_eq!(f[1], "5732");
    }

    #[test]
    fn a_header_on_each_of_two_pages() {
        let body = "正文，內容。\n".repeat(10);
        let text = format!("立法會 ─ 2012年 10月 31日\n\n3871\n{body}立法會 ─ 2012年 10月 31日\n\n3872\n{body}");
        assert_eq!(found(&text).len(), 4);
        // The same line twice beside numbers that are not consecutive pages.
        let text = format!("總數\n\n3871\n{body}總數\n\n12\n{body}");
        assert!(found(&text).is_empty());
    }

    #[test]
    fn a_print_header_with_its_page_number_inside() {
        let mut text = String::new();
        for page in 1..=4 {
            for _ in 0..6 {
                text.push_str("Some text of the release.\n\n");
            }
            text.push_str(&format!(
                "Page {page} of 4 Minister for Families, Housing, Community Services and Ind...\n\n"
            ));
            text.push_str("8/04/2010 http://www.jennymacklin.fahcsia.gov.au/internet/jennymackli...\n\n");
        }
        assert_eq!(found(&text).len(), 8);
    }

    #[test]
    fn repeated_lines_without_page_numbers_stay() {
        // A table's total row and its source line recur, but no growing page number stands by.
        let mut text = String::new();
        for year in ["2010", "2011", "2012", "2013"] {
            text.push_str(&format!("{year}年年底  1 313\n總數  2 909\n"));
            for _ in 0..8 {
                text.push_str("說明文字，內容。\n");
            }
            text.push_str("資料來源：香港銀行公會\n");
        }
        assert!(found(&text).is_empty(), "{:?}", found(&text));
        // A table's columns of counts, each cell on its own line.
        let cells: String = (0..4).map(|_| format!("{}{}", "(1)\n16\n(2)\n", "表格說明文字\n".repeat(9))).collect();
        assert!(found(&cells).is_empty(), "{:?}", found(&cells));
        let cells: String =
            (1..=4).map(|k| format!("{k}\n{}", "表格說明文字\n".repeat(9))).collect::<String>() + "5\n6\n";
        assert_eq!(found(&cells), ["1", "2", "3", "4"], "5 and 6 stand together, as cells do");
        // A column of years, each on its own line.
        assert!(found("年份\n2010\n2011\n2012\n2013\n").is_empty());
        // An agenda's item numbers alone on their lines, however far apart.
        let items: String = (1..=4).map(|k| format!("{k}.\n{}", "議程項目的內容\n".repeat(9))).collect();
        assert!(found(&items).is_empty());
        // Numbered headings and a table's totals grow too, but not as pages do.
        let debates: String =
            (1..=5).map(|k| format!("第{k}項辯論 (涵蓋下列1項議案)\n{}", "議案內容\n".repeat(9))).collect();
        assert!(found(&debates).is_empty());
        let totals: String =
            [522, 569, 611, 650].iter().map(|v| format!("Total ${v}.4\n{}", "1996-97 $59.2\n".repeat(9))).collect();
        assert!(found(&totals).is_empty());
    }

    #[test]
    fn a_header_with_its_page_number_inside() {
        let text: String =
            (2..=5).map(|k| format!("TEAS {k}\n{}", "on a sliding scale, the allowance\n".repeat(12))).collect();
        assert_eq!(found(&text), ["TEAS 2", "TEAS 3", "TEAS 4", "TEAS 5"]);
    }

    #[test]
    fn bare_page_numbers_a_page_apart() {
        let mut text = String::new();
        for page in 2..=5 {
            for _ in 0..9 {
                text.push_str("The text of the paper goes on here.\n");
            }
            text.push_str(&format!("{page}\n"));
        }
        assert_eq!(found(&text), ["2", "3", "4", "5"]);
    }

    #[test]
    fn a_continuation_mark_and_the_next_page_number() {
        let text = "total income of $13.45 p.f.\n\n ...12\n\n 2 .\n\n New South Wales\n";
        assert_eq!(found(text), ["...12", "2 ."]);
    }
}
