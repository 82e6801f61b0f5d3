//! Tables read from their layout.
//!
//! A table row is a label followed by a run of figures: `Indonesia 550 413 234 1 197 493 327
//! 377`. `pdftotext` writes each row on its own line; other extractions run the rows together
//! on one line, each row's label straight after the figures of the row before. Either way a
//! table is a run of such rows, one after another, that all have the same number of figures.
//!
//! Thousands are often grouped with a space (`1 197`), so a run of figures can be split into
//! cells more than one way. The number of columns is the one most rows have; a row with more
//! figures than that is split by reading as few of them as possible as one grouped number, and
//! the smallest reading wins (`234 1 197 493` is `234`, `1 197`, `493`, never `234 1`,
//! `197 493`). A gap of two spaces or more always separates cells. A row the layout leaves in
//! doubt (two readings as good as each other, or none) ends the table.
//!
//! Read conservatively: a row needs at least two figures and a label with a letter in it, a
//! table at least three rows, and a figure is only a plain number (`1 197`, `1,197`, `12.5`):
//! a percentage, a date or a figure with its unit breaks the run. The table's cells replace the
//! figures the figure scanner read there (which ran the grouped numbers together).

use std::ops::Range;

use crate::document::{Document, Figure, FigureKind, Table, TableRow};
use crate::quantity::{Interval, Q, half, parse_decimal};
use crate::source::Span;

/// The most figures a row may have.
const MAX_COLUMNS: usize = 40;

/// A plain number token of a row.
#[derive(Debug, Clone)]
struct Token {
    range: Range<usize>,
    /// Only ASCII digits, at most three of them, not starting with `0` (unless it is `0`): it
    /// may open a number grouped with spaces.
    may_lead: bool,
    /// Exactly three ASCII digits: it may continue a grouped number.
    may_follow: bool,
    /// Two spaces, a tab or more before the next token: a cell ends here.
    gap_after: bool,
    /// Two digits or more starting with `0`.
    leading_zero: bool,
}

/// A label and the run of number tokens after it, on one line.
#[derive(Debug, Clone)]
struct Candidate {
    line: usize,
    label: Range<usize>,
    tokens: Vec<Token>,
    /// The run ends its line.
    ends_line: bool,
    /// The label starts its line.
    starts_line: bool,
}

/// Read every table of the paper into [`Document::tables`], and put the cells in
/// [`Document::figures`] in place of what the figure scanner read there.
pub(crate) fn read(doc: &mut Document) {
    let text = doc.text.clone();
    let lines = line_ranges(&text);
    let furniture: Vec<Range<usize>> = doc.furniture.iter().map(|s| s.range()).collect();
    let is_blank = |i: usize| {
        let r = &lines[i];
        text[r.clone()].trim().is_empty()
            || furniture.iter().any(|f| f.start < r.end.max(r.start + 1) && r.start < f.end)
    };
    let mut cands = Vec::new();
    for (i, r) in lines.iter().enumerate() {
        if !is_blank(i) {
            candidates(&text, i, r.clone(), &mut cands);
        }
    }
    // Runs of candidates that follow one another.
    let mut groups: Vec<Vec<Candidate>> = Vec::new();
    for c in cands {
        let follows = groups.last().and_then(|g| g.last()).is_some_and(|p| {
            (p.line == c.line) || (p.ends_line && c.starts_line && (p.line + 1..c.line).all(&is_blank))
        });
        match groups.last_mut() {
            Some(g) if follows => g.push(c),
            _ => groups.push(vec![c]),
        }
    }
    let mut tables = Vec::new();
    for g in groups {
        tables_of(&text, &lines, &g, &mut tables);
    }
    let tables = join_pages(&text, &lines, &is_blank, tables);
    install(doc, &text, tables);
}

/// Join a table that a page break cut: the next table has as many columns, and every line
/// between them is blank, page furniture, or a line of the first table's heading repeated.
fn join_pages(
    text: &str,
    lines: &[Range<usize>],
    is_blank: &dyn Fn(usize) -> bool,
    tables: Vec<RawTable>,
) -> Vec<RawTable> {
    let words = |i: usize| text[lines[i].clone()].split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: Vec<RawTable> = Vec::new();
    for t in tables {
        if let Some(prev) = out.last_mut()
            && prev.columns == t.columns
            && t.lines.0 > prev.lines.1
            && t.lines.0 - prev.lines.1 <= 40
        {
            let heading: Vec<String> =
                (prev.lines.0.saturating_sub(16)..prev.lines.0).filter(|&i| !is_blank(i)).map(words).collect();
            let gap = prev.lines.1 + 1..t.lines.0;
            let repeated = gap.clone().filter(|&i| !is_blank(i)).count();
            if repeated > 0 && gap.clone().all(|i| is_blank(i) || heading.contains(&words(i))) {
                prev.lines.1 = t.lines.1;
                prev.rows.extend(t.rows);
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// A table as read, before its cells become figures.
struct RawTable {
    columns: usize,
    ragged_start: bool,
    /// The lines of the first and the last row.
    lines: (usize, usize),
    header: Range<usize>,
    rows: Vec<(Range<usize>, Vec<Range<usize>>, bool)>,
}

fn tables_of(text: &str, lines: &[Range<usize>], g: &[Candidate], out: &mut Vec<RawTable>) {
    if g.len() < 3 {
        return;
    }
    // The number of columns: the count most rows have (the smaller on a tie).
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for c in g {
        match counts.iter_mut().find(|(n, _)| *n == c.tokens.len()) {
            Some(e) => e.1 += 1,
            None => counts.push((c.tokens.len(), 1)),
        }
    }
    let Some(&(k, _)) = counts.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))) else { return };
    let mut run: Vec<(&Candidate, Vec<Range<usize>>, bool)> = Vec::new();
    let mut flush = |run: &mut Vec<(&Candidate, Vec<Range<usize>>, bool)>| {
        if run.len() >= 3 {
            let first = run[0].0;
            let last = run[run.len() - 1].0;
            out.push(RawTable {
                lines: (first.line, last.line),
                columns: k,
                ragged_start: ragged_before(text, lines, first),
                header: header(text, lines, first),
                rows: run.drain(..).map(|(c, cells, grouped)| (c.label.clone(), cells, grouped)).collect(),
            });
        }
        run.clear();
    };
    // Rows run together on one line must have three columns or more: two numbers after a word
    // are as often prose (`較去年 1 2 月的 16 8 , 00 0 宗`, as damaged extraction spaces it).
    let one_line = g.windows(2).any(|w| w[0].line == w[1].line);
    if one_line && k < 3 {
        return;
    }
    for c in g {
        match split(&c.tokens, k) {
            Some(cells) => run.push((c, cells, c.tokens.len() > k)),
            None => flush(&mut run),
        }
    }
    flush(&mut run);
}

/// The text that heads a table: up to sixteen lines before its first row (at most 600 bytes),
/// to the end of the first row's label (rows run together on a line after their heading).
fn header(text: &str, lines: &[Range<usize>], first: &Candidate) -> Range<usize> {
    let end = first.label.end;
    let start = lines[first.line.saturating_sub(16)].start;
    let start = if end - start > 600 { crate::source::floor_char_boundary(text, end - 600) } else { start };
    start..end.max(start)
}

/// Does the text just before the first row end with a figure (`視障  無  1`: a row whose text
/// cell broke the run)? Then the table may start earlier than the rows read.
fn ragged_before(text: &str, lines: &[Range<usize>], first: &Candidate) -> bool {
    let before = if first.starts_line {
        (0..first.line).rev().map(|i| text[lines[i].clone()].trim()).find(|l| !l.is_empty()).unwrap_or("")
    } else {
        text[lines[first.line].start..first.label.start].trim()
    };
    before.split_whitespace().next_back().is_some_and(number_token)
}

/// Split a run of tokens into `k` cells, each a token or a number grouped with spaces; the
/// reading with the smallest numbers, when it is the only one.
fn split(tokens: &[Token], k: usize) -> Option<Vec<Range<usize>>> {
    let n = tokens.len();
    if n < k || k < 2 {
        return None;
    }
    if n == k {
        return (!tokens.iter().any(|t| t.leading_zero)).then(|| tokens.iter().map(|t| t.range.clone()).collect());
    }
    // best[i][j]: the smallest cost of reading tokens i.. as j cells, the cost of the next best
    // reading, and where the best reading's first cell ends.
    #[derive(Clone, Copy)]
    struct Best {
        cost: u128,
        second: u128,
        next: usize,
    }
    let mut best: Vec<Vec<Option<Best>>> = vec![vec![None; k + 1]; n + 1];
    best[n][0] = Some(Best { cost: 0, second: u128::MAX, next: n });
    for i in (0..n).rev() {
        for j in 1..=k {
            let mut here: Option<Best> = None;
            // A cell of tokens i..e.
            for e in i + 1..=n {
                if e > i + 1 {
                    let prev = &tokens[e - 2];
                    let t = &tokens[e - 1];
                    if !tokens[i].may_lead || !t.may_follow || prev.gap_after {
                        break;
                    }
                }
                // A lone `025` is the tail of a grouped number, never a cell.
                if e == i + 1 && tokens[i].leading_zero {
                    continue;
                }
                // A grouped number costs its magnitude; a single token costs nothing.
                let cost = if e > i + 1 { group_value(tokens, i, e) } else { 0 };
                let Some(rest) = best[e][j - 1] else { continue };
                let c = cost.saturating_add(rest.cost);
                let alt = cost.saturating_add(rest.second);
                here = Some(match here {
                    None => Best { cost: c, second: alt, next: e },
                    Some(h) if c < h.cost => Best { cost: c, second: alt.min(h.cost), next: e },
                    Some(h) => Best { second: h.second.min(c), ..h },
                });
            }
            best[i][j] = here;
        }
    }
    let top = best[0][k]?;
    // The best reading must be plainly the best: its grouped numbers ten times smaller than any
    // other reading's (`1 197` against `550 413`; not `1 234` against `5 678`).
    if top.second / 10 < top.cost {
        return None;
    }
    let (mut i, mut j, mut cells) = (0, k, Vec::with_capacity(k));
    while i < n {
        let b = best[i][j]?;
        cells.push(tokens[i].range.start..tokens[b.next - 1].range.end);
        i = b.next;
        j -= 1;
    }
    Some(cells)
}

/// The value of tokens i..e read as one number grouped by threes; set by the lengths alone.
fn group_value(tokens: &[Token], i: usize, e: usize) -> u128 {
    let lead = (tokens[i].range.end - tokens[i].range.start) as u32;
    // `1 197` is about 10^3, `550 413` about 10^5: compare by magnitude, then by the leading
    // group's length.
    10u128.saturating_pow(lead + 3 * (e - i - 1) as u32)
}

/// The label-and-figures runs of one line.
fn candidates(text: &str, line: usize, r: Range<usize>, out: &mut Vec<Candidate>) {
    let s = &text[r.clone()];
    // A row holds figures, and every figure it is read as starts with an ASCII digit: a line
    // without one (most lines of prose) has none, and its words need not be found.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    // Whitespace-separated words with their ranges.
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                words.push(r.start + st..r.start + i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    let mut label_from: Option<usize> = None;
    let mut w = 0;
    while w < words.len() {
        if !number_token(&text[words[w].clone()]) {
            if label_from.is_none() {
                label_from = Some(w);
            }
            w += 1;
            continue;
        }
        let first = w;
        while w < words.len() && number_token(&text[words[w].clone()]) {
            w += 1;
        }
        let Some(lf) = label_from.take() else { continue };
        let label = words[lf].start..words[first - 1].end;
        // A row has at least two figures and at most forty (a longer run is not a row, and
        // splitting it would cost the square of its length).
        if w - first < 2 || w - first > MAX_COLUMNS || !text[label.clone()].chars().any(char::is_alphabetic) {
            continue;
        }
        let tokens = (first..w)
            .map(|t| {
                let s = &text[words[t].clone()];
                let gap = words.get(t + 1).map_or("", |n| &text[words[t].end..n.start]);
                let plain = s.bytes().all(|b| b.is_ascii_digit());
                Token {
                    range: words[t].clone(),
                    may_lead: plain && s.len() <= 3 && (s == "0" || !s.starts_with('0')),
                    may_follow: plain && s.len() == 3,
                    gap_after: gap.chars().count() >= 2 || gap.contains('\t'),
                    leading_zero: plain && s.len() > 1 && s.starts_with('0'),
                }
            })
            .collect();
        out.push(Candidate { line, label, tokens, ends_line: w == words.len(), starts_line: lf == 0 });
    }
}

/// Is `s` a plain number: digits, optionally grouped with commas (a head of one to three
/// digits, then groups of three), optionally with decimals?
///
/// Only the shape is read, in one pass over the bytes: every such number has a value
/// (`parse_decimal` reads any run of digits), and the callers ask only whether a word is one,
/// once per word of every line.
fn number_token(s: &str) -> bool {
    let b = s.as_bytes();
    let head = b.iter().take_while(|x| x.is_ascii_digit()).count();
    if head == 0 {
        return false;
    }
    let mut i = head;
    while b.get(i) == Some(&b',') {
        if head > 3 || !b.get(i + 1..i + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit)) {
            return false;
        }
        i += 4;
    }
    match b.get(i) {
        None => true,
        Some(b'.') => b.len() > i + 1 && b[i + 1..].iter().all(u8::is_ascii_digit),
        Some(_) => false,
    }
}

/// Each line's range, without its ending (`\n`, `\r\n` or a lone `\r`).
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, bytes) = (0, text.as_bytes());
    // The breaks found with memchr, as `structure::line_ranges` finds them; here the text after
    // the last break is a line even when it is empty.
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        // The `\n` of a `\r\n`: its line ended at the `\r`.
        if i < start {
            continue;
        }
        out.push(start..i);
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
    }
    out.push(start..text.len());
    out
}

/// The normalised offset of original offset `o`: the first normalised character at or after it.
fn to_norm(doc: &Document, o: usize) -> usize {
    let (mut lo, mut hi) = (0, doc.norm.text.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if doc.norm.map.to_original(mid) < o {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Put the tables in the document: each cell a figure, in place of the figures read there.
fn install(doc: &mut Document, text: &str, tables: Vec<RawTable>) {
    if tables.is_empty() {
        return;
    }
    let scaled = |h: &str| {
        let h = h.to_lowercase();
        ["million", "billion", "thousand", "'000", "’000", "百萬", "百万", "千", "億", "亿", "萬", "万", "$m", "m)"]
            .iter()
            .any(|w| h.contains(w))
    };
    let mut new_figs: Vec<(usize, usize, usize, Figure)> = Vec::new(); // table, row, col
    let mut kept: Vec<RawTable> = Vec::new();
    for t in tables {
        let ti = kept.len();
        let rounded = scaled(&text[t.header.clone()]);
        let mut figs = Vec::new();
        let mut ok = true;
        'rows: for (ri, (_, cells, _)) in t.rows.iter().enumerate() {
            for (ci, c) in cells.iter().enumerate() {
                let written: String = text[c.clone()].chars().filter(|ch| ch.is_ascii_digit() || *ch == '.').collect();
                let Some((value, place)) = parse_decimal(&written) else {
                    ok = false;
                    break 'rows;
                };
                let (ns, ne) = (to_norm(doc, c.start), to_norm(doc, c.end));
                // A cell the normalised text does not hold (page furniture) is not read.
                if ne <= ns || doc.norm.map.to_original(ns) != c.start {
                    ok = false;
                    break 'rows;
                }
                // Counts are exact; a figure with decimals, or in a table of millions, is rounded
                // to its last digit.
                let rounding = if !value.is_integer() || written.contains('.') || rounded {
                    half(&place)
                } else {
                    Q::from_integer(0.into())
                };
                figs.push((
                    ti,
                    ri,
                    ci,
                    Figure {
                        span: Span::new(c.clone()),
                        norm: ns..ne,
                        interval: Interval::around(&value, &rounding),
                        value,
                        rounding,
                        kind: FigureKind::Number,
                        qualifier: None,
                        qualifier_span: None,
                    },
                ));
            }
        }
        if ok {
            new_figs.extend(figs);
            kept.push(t);
        }
    }
    if kept.is_empty() {
        return;
    }
    // Remove what the figure scanner read inside the tables' cells, then add the cells.
    let mut covered: Vec<Range<usize>> = Vec::new();
    for t in &kept {
        for (_, cells, _) in &t.rows {
            if let (Some(a), Some(b)) = (cells.first(), cells.last()) {
                covered.push(a.start..b.end);
            }
        }
    }
    let inside = |r: Range<usize>| covered.iter().any(|c| r.start < c.end && c.start < r.end);
    doc.figures.retain(|f| !inside(f.span.range()));
    doc.footnote_refs.retain(|f| !inside(f.span.range()));
    doc.unparsed.retain(|u| !inside(u.span.range()));
    // A cell is a plain number, never a date: `2 000` is two thousand, not the year 2000.
    doc.dates.retain(|d| !inside(d.span.range()));
    let norm_covered: Vec<Range<usize>> = covered.iter().map(|c| to_norm(doc, c.start)..to_norm(doc, c.end)).collect();
    doc.periods.retain(|p| !norm_covered.iter().any(|c| p.norm.start < c.end && c.start < p.norm.end));
    doc.date_ranges.retain(|r| !inside(r.from.span.range()) && !inside(r.to.span.range()));
    let base = doc.figures.len();
    let keys: Vec<(usize, usize, usize)> = new_figs.iter().map(|(t, r, c, _)| (*t, *r, *c)).collect();
    doc.figures.extend(new_figs.into_iter().map(|(.., f)| f));
    // Sort by position, remembering where each cell went.
    let mut order: Vec<usize> = (0..doc.figures.len()).collect();
    order.sort_by_key(|&i| (doc.figures[i].norm.start, doc.figures[i].span.offset));
    let mut new_index = vec![0; order.len()];
    for (to, &from) in order.iter().enumerate() {
        new_index[from] = to;
    }
    let mut slots: Vec<Option<Figure>> = std::mem::take(&mut doc.figures).into_iter().map(Some).collect();
    doc.figures = order.iter().filter_map(|&i| slots[i].take()).collect();
    let mut tables: Vec<Table> = kept
        .iter()
        .map(|t| Table {
            span: Span::new(
                t.rows.first().map_or(0, |r| r.0.start)..t.rows.last().and_then(|r| r.1.last()).map_or(0, |c| c.end),
            ),
            columns: t.columns,
            ragged_start: t.ragged_start,
            header: Span::new(t.header.clone()),
            rows: t
                .rows
                .iter()
                .map(|(label, cells, grouped)| TableRow {
                    span: Span::new(label.start..cells.last().map_or(label.end, |c| c.end)),
                    label: Span::new(label.clone()),
                    cells: Vec::with_capacity(cells.len()),
                    grouped: *grouped,
                })
                .collect(),
        })
        .collect();
    for (k, (t, r, _)) in keys.into_iter().enumerate() {
        tables[t].rows[r].cells.push(new_index[base + k]);
    }
    doc.tables = tables;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ranges_split_at_every_line_ending() {
        // Byte by byte: each `\n`, `\r\n` or lone `\r` ends a line; the rest is the last line.
        let plain = |text: &str| {
            let (mut out, mut start, b) = (Vec::new(), 0, text.as_bytes());
            let mut i = 0;
            while i < b.len() {
                if matches!(b[i], b'\n' | b'\r') {
                    out.push(start..i);
                    i += usize::from(b[i] == b'\r' && b.get(i + 1) == Some(&b'\n'));
                    start = i + 1;
                }
                i += 1;
            }
            out.push(start..b.len());
            out
        };
        for t in ["", "a", "a\n", "a\r\nb", "a\rb\r", "\r\n\r\n", "\n\r", "a\r\r\nb\n\nc", "表\r\n1 2 3"] {
            assert_eq!(line_ranges(t), plain(t), "{t:?}");
        }
    }

    #[test]
    fn number_tokens_are_plain_or_grouped_numbers() {
        for yes in ["0", "7", "264000", "264,000", "1,234,567.89", "12.5", "0.05", "999,999"] {
            assert!(number_token(yes), "{yes}");
        }
        for no in ["", ".5", "1.", "1.2.3", "1,23", "1,2345", "1234,567", "1,,234", "12a", "1,234.", "１２", "-3", "5%"]
        {
            assert!(!number_token(no), "{no}");
        }
    }
    use crate::parse::{ParseOptions, parse};
    use crate::source::Source;

    fn read(text: &str) -> Document {
        parse(&Source::from_text("t.txt", text), &ParseOptions::default())
    }

    fn cells(doc: &Document, t: usize, r: usize) -> Vec<String> {
        doc.tables[t].rows[r].cells.iter().map(|&i| doc.original(doc.figures[i].span).to_owned()).collect()
    }

    #[test]
    fn rows_one_a_line_with_grouped_thousands() {
        let doc = read(
            "Table 1\nRegion 2019 2020 Total\nNorthfield 410 520 930\nSouthport 1 120 880 2 000\nEastvale 75 60 135\nTotal 1 605 1 460 3 065\n",
        );
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].columns, 3);
        assert_eq!(doc.tables[0].rows.len(), 4);
        assert_eq!(cells(&doc, 0, 1), ["1 120", "880", "2 000"]);
        assert_eq!(cells(&doc, 0, 3), ["1 605", "1 460", "3 065"]);
        assert!(doc.tables[0].rows[1].grouped);
        assert!(!doc.tables[0].rows[0].grouped);
    }

    #[test]
    fn rows_run_together_on_one_line() {
        let doc = read("Region A B Total Northfield 410 520 930 Southport 1 120 880 2 000 Eastvale 75 60 135\n");
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.original(doc.tables[0].rows[1].label), "Southport");
        assert_eq!(cells(&doc, 0, 1), ["1 120", "880", "2 000"]);
    }

    #[test]
    fn two_readings_as_good_end_the_table() {
        // `1 234 | 5 | 678` or `1 | 234 | 5 678`: nothing tells which.
        assert_eq!(split(&toks("1 234 5 678"), 3), None);
        assert_eq!(split(&toks("1 234 5"), 2).map(|c| c.len()), Some(2));
    }

    #[test]
    fn prose_and_short_runs_are_not_tables() {
        let doc = read("In 2019 there were 410 cases and 520 in 2020.\nA 1 2\nB 3 4\n");
        assert!(doc.tables.is_empty());
    }

    #[test]
    fn a_table_cut_by_a_page_with_its_heading_repeated_is_one_table() {
        let doc = read(
            "District\nA B Total\nNorthfield 1 2 3\nEastvale 4 5 9\nWestmoor 2 2 4\n\nDistrict\nA B Total\nHillside 1 1 2\nLakeside 3 0 3\nRiverbank 1 2 3\nTotal 12 12 24\n",
        );
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].rows.len(), 7);
    }

    #[test]
    fn two_figures_after_a_word_run_on_in_prose_are_not_rows() {
        let doc = read("去年 1 2 月的 16 8 宗，今年 3 4 宗，其後 5 6 宗，再有 7 8 宗。");
        assert!(doc.tables.is_empty());
        let doc = read("北區  12 8\r東區  3 4\r西區  5 6\r");
        assert_eq!(doc.tables.len(), 1);
    }

    fn toks(s: &str) -> Vec<Token> {
        let mut out = Vec::new();
        candidates(&format!("L {s}"), 0, 0..s.len() + 2, &mut out);
        out.pop().map(|c| c.tokens).unwrap_or_default()
    }
}
