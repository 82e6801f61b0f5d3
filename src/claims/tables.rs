//! Totals in tables read from their layout ([`crate::document::Table`]).
//!
//! Two kinds of total are read:
//!
//! - **rows**: a row labelled `Total`, `合計`, `總數` totals the rows above it; a row labelled
//!   `Sub-total`, `小計` totals the rows since the last sub-total, and a total after sub-totals
//!   totals the sub-totals and the rows after the last of them.
//! - **columns**: when the table's heading names a total, a column that is the sum of the
//!   columns just before it (or just after it) in most rows is a total column: `2010 2011 2012
//!   Total`. It is found from the figures, so it must hold in at least three rows and in three
//!   rows out of four.
//!
//! A table is read with doubt when its layout may have been misread: a total row that misses
//! in more than a third of its columns, or that misses in some and totals from a first row
//! after which the layout may hide another (a ragged start). Its totals are then shown as unchecked, with the
//! reason, and never reported. A column whose every figure could be a year is left out.

use crate::claims::parts::{Breakdown, PartsWords, Shape};
use crate::document::{Document, Table};
use crate::quantity::{Interval, Q};

/// Every total of the paper's layout tables, added to `out`.
pub(crate) fn read(doc: &Document, w: &PartsWords, out: &mut Vec<Breakdown>) {
    for t in &doc.tables {
        table(doc, w, t, out);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    /// The years the columns are for (`Category  2019  2020`), above the data.
    Heading,
    Data,
    Subtotal,
    Total,
}

fn label(doc: &Document, t: &Table, r: usize) -> String {
    let l = doc.original(t.rows[r].label);
    l.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches([':', '：', ';', '；']).trim().to_lowercase()
}

fn table(doc: &Document, w: &PartsWords, t: &Table, out: &mut Vec<Breakdown>) {
    let k = t.columns;
    let cell = |r: usize, c: usize| t.rows[r].cells.get(c).copied();
    // A column of years (`2010 2011 2012` run on as a row) is a heading, not figures.
    let yearish: Vec<bool> = (0..k)
        .map(|c| {
            (0..t.rows.len()).all(|r| {
                cell(r, c).is_some_and(|f| {
                    let v = &doc.figures[f].value;
                    v.is_integer() && *v >= Q::from_integer(1900.into()) && *v <= Q::from_integer(2100.into())
                })
            })
        })
        .collect();
    if t.rows.iter().any(|r| r.cells.len() != k) {
        return;
    }
    // A first row of years rising from column to column heads the columns.
    let year = |f: usize| {
        let g = &doc.figures[f];
        let v = &g.value;
        v.is_integer()
            && *v >= Q::from_integer(1900.into())
            && *v <= Q::from_integer(2100.into())
            && g.text(doc).chars().all(|c| c.is_ascii_digit())
    };
    let heading = t.rows.first().is_some_and(|row| {
        row.cells.len() >= 2
            && row.cells.iter().all(|&f| year(f))
            && row.cells.windows(2).all(|p| doc.figures[p[0]].value < doc.figures[p[1]].value)
    });
    let kinds: Vec<RowKind> = (0..t.rows.len())
        .map(|r| {
            let l = label(doc, t, r);
            if r == 0 && heading {
                RowKind::Heading
            } else if w.subtotal_rows.contains(&l) {
                RowKind::Subtotal
            } else if w.total_rows.contains(&l) {
                RowKind::Total
            } else {
                RowKind::Data
            }
        })
        .collect();

    // Total rows.
    let (mut pending, mut subs) = (Vec::new(), Vec::new());
    for (r, kind) in kinds.iter().enumerate() {
        match kind {
            RowKind::Heading => {}
            RowKind::Data => pending.push(r),
            RowKind::Subtotal => {
                total_row(doc, t, r, &pending, &yearish, out);
                subs.push(r);
                pending.clear();
            }
            RowKind::Total => {
                let parts: Vec<usize> = subs.iter().chain(&pending).copied().collect();
                total_row(doc, t, r, &parts, &yearish, out);
                subs.clear();
                pending.clear();
            }
        }
    }

    // Total columns, when the heading names one.
    let header = doc.original(t.header).to_lowercase();
    if !w.total_columns.iter().any(|word| header.contains(word.as_str())) {
        return;
    }
    for tc in 0..k {
        if yearish[tc] {
            continue;
        }
        let left = (0..tc.saturating_sub(1)).map(|a| a..tc);
        let right = (tc + 3..=k).map(|b| tc + 1..b);
        for side in [left.collect::<Vec<_>>(), right.collect::<Vec<_>>()] {
            let mut best: Option<(usize, std::ops::Range<usize>)> = None;
            for range in side {
                if range.clone().any(|c| yearish[c]) {
                    continue;
                }
                let (mut holds, mut fails) = (0, 0);
                for r in 0..t.rows.len() {
                    let total = t.rows[r].cells[tc];
                    let parts: Vec<usize> = range.clone().map(|c| t.rows[r].cells[c]).collect();
                    if doc.figures[total].value.is_zero() && parts.iter().all(|&p| doc.figures[p].value.is_zero()) {
                        continue;
                    }
                    if closes(doc, total, &parts) {
                        holds += 1;
                    } else {
                        fails += 1;
                    }
                }
                if holds >= 3 && fails * 3 <= holds && best.as_ref().is_none_or(|(h, _)| holds >= *h) {
                    best = Some((holds, range));
                }
            }
            let Some((_, range)) = best else { continue };
            let marker =
                format!("column {} of the table as the total of columns {} to {}", tc + 1, range.start + 1, range.end);
            for row in &t.rows {
                out.push(Breakdown {
                    total: row.cells[tc],
                    parts: range.clone().map(|c| row.cells[c]).collect(),
                    closed: true,
                    shape: Shape::TableColumn,
                    marker: marker.clone(),
                    doubt: None,
                });
            }
        }
    }
}

/// The breakdowns of one total row, column by column: judged when the layout gave every cell
/// and some column closes, or when the row closes in at least twice as many columns as it
/// misses; shown with the doubt otherwise.
fn total_row(doc: &Document, t: &Table, r: usize, parts: &[usize], yearish: &[bool], out: &mut Vec<Breakdown>) {
    if parts.len() < 2 {
        return;
    }
    let columns: Vec<usize> = (0..t.columns).filter(|&c| !yearish[c]).collect();
    let instances: Vec<(usize, Vec<usize>)> =
        columns.iter().map(|&c| (t.rows[r].cells[c], parts.iter().map(|&p| t.rows[p].cells[c]).collect())).collect();
    let holds = instances.iter().filter(|(total, ps)| closes(doc, *total, ps)).count();
    let fails = instances.len() - holds;
    let from_top = parts.first() == Some(&0);
    // Cells the layout gave one by one (no number split from its neighbour by the reader) are
    // read as written: a column that does not close is an error unless none closes (then the
    // rows are likely not what the total counts). Otherwise the row must close in twice as many
    // columns as it misses.
    let laid_out = !t.rows[r].grouped && parts.iter().all(|&p| !t.rows[p].grouped) && !t.ragged_start;
    let misread = if laid_out { holds == 0 && instances.len() > 1 } else { holds == 0 || fails * 2 > holds };
    let doubt = if misread {
        Some(format!(
            "the row closes in {holds} of its {} columns, so the rows it totals may be misread",
            instances.len()
        ))
    } else if fails > 0 && from_top && t.ragged_start {
        Some("the line before the table ends with a figure, so the table may start with a row not read".to_owned())
    } else {
        None
    };
    let marker = doc.original(t.rows[r].label).split_whitespace().collect::<Vec<_>>().join(" ");
    for (total, ps) in instances {
        out.push(Breakdown {
            total,
            parts: ps,
            closed: true,
            shape: Shape::Table,
            marker: marker.clone(),
            doubt: doubt.clone(),
        });
    }
}

/// Do the parts add up to the total, within the rounding of every figure?
fn closes(doc: &Document, total: usize, parts: &[usize]) -> bool {
    let sum =
        parts.iter().fold(Interval::point(Q::from_integer(0.into())), |acc, &p| acc.add(&doc.figures[p].interval));
    sum.intersects(&doc.figures[total].interval)
}
