//! Table rows a note puts in a stated range:
//!
//! ```text
//! … about 10 international schools (marked with asterisk at Annex) currently charging tuition
//! fees within the ESF school fees range of $66,100 to $102,000 …
//! 1 *Hong Kong Japanese School(1)(2) 31,200 33,600 - 2 *Sear Rogers IS 70,840 82,280 …
//! Notes:  * Schools charging tuition fees within the range charged by the ESF.
//! ```
//!
//! Three things make the claim, and all three must be found:
//! - **a note**: a symbol (`*`, `#`) opening a note whose words say the marked rows lie in a
//!   range (`within the range`, `範圍內`);
//! - **the range**: a range the claims stage reads ([`super::orders`]: `range of A to B`, `介乎 A
//!   至 B 不等`) in the sentence of running text that points at the symbol (`marked with
//!   asterisk`, `見附件有 *號者`) or in the sentence before it (`介乎 66,100元至 102,000元不等。
//!   …學費屬此水平 (見附件有 *號者)`);
//! - **the marked rows**: the symbol straight after a row number (`1 *Hong Kong Japanese
//!   School`), and the run of figures after the row's name on the range's scale (a tenth of its
//!   low end to a hundred times its high end; footnote numbers such as `(1)` are not on it). A
//!   row whose figures the text damaged (`5 ,800`, a number split at its comma) is not read.
//!
//! The words are `rules/marks.toml`; the `comparison` rule judges each row.

use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::claims::orders::{Order, OrderKind};
use crate::claims::support::WordList;
use crate::document::{Document, FigureKind};
use crate::quantity::Q;

const MARKS_TOML: &str = include_str!("../../rules/marks.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawMarks {
    symbols: Vec<Vec<String>>,
    within: Vec<String>,
}

struct Words {
    /// Each symbol with what running text calls it (`*`, `asterisk`).
    symbols: Vec<(char, WordList)>,
    within: WordList,
}

fn words() -> &'static Words {
    static W: LazyLock<Words> = LazyLock::new(|| {
        // Compiled in and checked by `tests::embedded_words_parse`: a failure is a build defect.
        let r: RawMarks = toml::from_str(MARKS_TOML).expect("embedded rules/marks.toml is valid");
        Words {
            symbols: r
                .symbols
                .into_iter()
                .filter_map(|names| {
                    let c = names.first()?.chars().next()?;
                    Some((c, WordList::new(names)))
                })
                .collect(),
            within: WordList::new(r.within),
        }
    });
    &W
}

/// A row the note marks: where its symbol is, its name, and its figures on the range's scale.
#[derive(Debug, Clone)]
pub struct MarkedRow {
    pub symbol: Range<usize>,
    pub name: String,
    pub figures: Vec<usize>,
}

/// A note's claim that the rows it marks lie in a stated range.
#[derive(Debug, Clone)]
pub struct MarkedRange {
    pub symbol: char,
    /// The note, as a normalised range (its symbol first).
    pub note: Range<usize>,
    /// The range, by index into [`crate::claims::Claims::orders`].
    pub range: usize,
    pub rows: Vec<MarkedRow>,
}

/// Every note that puts marked rows in a stated range, with its rows.
pub(crate) fn read_marks(doc: &Document, orders: &[Order]) -> Vec<MarkedRange> {
    let w = words();
    let text = &doc.norm.text;
    let mut out = Vec::new();
    for (symbol, names) in &w.symbols {
        // Searched for as bytes: `str::match_indices` looks for a symbol's last byte, and in
        // Chinese text a continuation byte such as `※`'s 0xBB ends one character in sixty-four.
        let mut buf = [0; 4];
        let at: Vec<usize> =
            memchr::memmem::find_iter(text.as_bytes(), symbol.encode_utf8(&mut buf).as_bytes()).collect();
        if at.len() < 3 {
            continue;
        }
        let Some(note) = at.iter().find_map(|&k| note_at(text, k, *symbol, &w.within)) else { continue };
        let rows: Vec<usize> = at.iter().copied().filter(|&k| row_number_before(text, k)).collect();
        if rows.is_empty() {
            continue;
        }
        let Some(range) = pointed_range(doc, orders, names, &note, &rows) else { continue };
        let o = &orders[range];
        let (lo, hi) = (&doc.figures[o.low].value, &doc.figures[o.high].value);
        let hundred = Q::from_integer(100.into());
        let scale = (lo / &hundred)..=(hi * &hundred);
        let marked: Vec<MarkedRow> = rows
            .iter()
            .enumerate()
            .filter_map(|(n, &k)| {
                let last = if note.start > k { note.start } else { text.len() };
                let end = rows.get(n + 1).copied().unwrap_or(last);
                row(doc, k, symbol.len_utf8(), end, &scale)
            })
            .collect();
        if !marked.is_empty() {
            out.push(MarkedRange { symbol: *symbol, note, range, rows: marked });
        }
    }
    out
}

/// The note the symbol at `k` opens, when it says its rows lie in a range: the symbol at a line
/// start or after a space, a space after it, and the note's words to the end of its sentence.
fn note_at(text: &str, k: usize, symbol: char, within: &WordList) -> Option<Range<usize>> {
    let before = &text[..k];
    let after = &text[k + symbol.len_utf8()..];
    let line_start = before.trim_end_matches([' ', '\t']).is_empty()
        || before.trim_end_matches([' ', '\t']).ends_with(['\n', ':', '：'])
        || before.ends_with("  ");
    // The normalised text drops the space between the symbol and a Chinese note (`*有*號的學校`).
    if !line_start || !after.starts_with(|c: char| c == ' ' || c == '\u{3000}' || crate::parse::chars::is_han(c)) {
        return None;
    }
    let window = &after[..crate::source::floor_char_boundary(after, after.len().min(200))];
    let len = window.find(['.', '。', '\n']).unwrap_or(window.len());
    let body = &after[..len];
    (!within.find_all(body).is_empty()).then(|| k..k + symbol.len_utf8() + len)
}

/// Is the symbol at `k` straight after a row number (`1 *Hong Kong`, `23 *穆民`)?
fn row_number_before(text: &str, k: usize) -> bool {
    let before = text[..k].trim_end_matches(' ');
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let head = &before[..before.len() - digits];
    (1..=3).contains(&digits) && (head.is_empty() || head.ends_with(char::is_whitespace))
}

/// The range the text that points at the symbol states: in the pointing sentence, else in the
/// one before it. Exactly one range there, or none is read.
fn pointed_range(
    doc: &Document,
    orders: &[Order],
    names: &WordList,
    note: &Range<usize>,
    rows: &[usize],
) -> Option<usize> {
    let holds = |r: &Range<usize>, k: usize| r.start <= k && k < r.end;
    let pointing = doc.sentences.iter().enumerate().find(|(_, s)| {
        let (note_here, row_here) = (holds(&s.norm, note.start), rows.iter().any(|&k| holds(&s.norm, k)));
        !note_here && !row_here && !names.find_all(doc.norm_text(&s.norm)).is_empty()
    })?;
    let (si, _) = pointing;
    let ranges_in = |s: usize| -> Vec<usize> {
        let r = &doc.sentences[s].norm;
        (0..orders.len())
            .filter(|&o| {
                orders[o].kind == OrderKind::Range && r.start <= orders[o].word.start && orders[o].word.start < r.end
            })
            .collect()
    };
    let mut found = ranges_in(si);
    if found.is_empty() && si > 0 {
        found = ranges_in(si - 1);
    }
    match found[..] {
        [o] => Some(o),
        _ => None,
    }
}

/// The row whose symbol is at `k`: its name (to its first figure on the scale) and the run of
/// figures on the scale that follows, joined only by spaces, line breaks and dashes.
fn row(doc: &Document, k: usize, len: usize, end: usize, scale: &std::ops::RangeInclusive<Q>) -> Option<MarkedRow> {
    let start = k + len;
    let a = doc.figures.partition_point(|f| f.norm.start < start);
    let z = doc.figures.partition_point(|f| f.norm.start < end);
    let on_scale = |i: usize| {
        let f = &doc.figures[i];
        matches!(f.kind, FigureKind::Number | FigureKind::Money { .. }) && scale.contains(&f.value)
    };
    // `5 ,800`: a PDF's text split a number at its comma; its parts are not the row's figures.
    let split = |i: usize| {
        let before = doc.norm.text.get(..doc.figures[i].norm.start).unwrap_or("").trim_end_matches(' ');
        before.strip_suffix([',', '，']).is_some_and(|b| b.trim_end().ends_with(|c: char| c.is_ascii_digit()))
    };
    if (a..z).any(split) {
        return None;
    }
    let first = (a..z).find(|&i| on_scale(i))?;
    let mut figures = vec![first];
    for i in first + 1..z {
        let gap = doc.norm.text.get(doc.figures[i - 1].norm.end..doc.figures[i].norm.start).unwrap_or("x");
        if !on_scale(i) || !gap.chars().all(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '―')) {
            break;
        }
        figures.push(i);
    }
    let name = crate::claims::support::one_line(doc.norm_text(&(start..doc.figures[first].norm.start)));
    let name = name.trim_end_matches(['-', ' ']).trim().to_owned();
    Some(MarkedRow { symbol: k..k + len, name, figures })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Claims;
    use crate::parse::{ParseOptions, parse};
    use crate::source::Source;

    #[test]
    fn embedded_words_parse() {
        toml::from_str::<RawMarks>(MARKS_TOML).unwrap();
    }

    fn read(text: &str) -> Vec<(String, Vec<String>)> {
        let doc = parse(&Source::from_text("t.txt", text), &ParseOptions::default());
        let claims = Claims::new(&doc);
        let t = |i: usize| doc.figures[i].text(&doc).to_owned();
        claims
            .marks()
            .iter()
            .flat_map(|m| m.rows.iter().map(|r| (r.name.clone(), r.figures.iter().map(|&f| t(f)).collect())))
            .collect()
    }

    const PAPER: &str = "Some 3 clubs (marked with asterisk in the Annex) charge fees within the range of $40,000 to $60,000.\n\nAnnex\n\n1 *North Club(1) 45,000 52,000 - 2 South Club 70,000 3 *East Club 38,500 - 4 *West Club 41,000 59,000 - 5 *Hill Club 3 ,800\n\nNotes: * Clubs charging fees within the range charged by the council.  (1) No increase in 2024.\n";

    #[test]
    fn marked_rows_with_their_figures() {
        assert_eq!(
            read(PAPER),
            [
                ("North Club(1)".into(), vec!["45,000".into(), "52,000".into()]),
                ("East Club".into(), vec!["38,500".into()]),
                ("West Club".into(), vec!["41,000".into(), "59,000".into()]),
            ]
        );
    }

    #[test]
    fn no_range_in_the_pointing_text_no_claim() {
        let text = PAPER.replace("within the range of $40,000 to $60,000", "similar to the council's");
        assert!(read(&text).is_empty());
    }

    #[test]
    fn a_note_that_says_nothing_of_a_range_makes_no_claim() {
        let text =
            PAPER.replace("Clubs charging fees within the range charged by the council", "Clubs founded before 1950");
        assert!(read(&text).is_empty());
    }
}
