//! Shares of a total named in words: `有形貿易逆差341億元，相等於商品進口貨值的7.1%` where
//! `商品進口貨值為4804億元` is stated nearby; `A trade deficit of $31.9 billion, or 8.4% of the
//! value of imports`; `佔出口總額的40.9%`; and a total written inside the name itself
//! (`占全国一千七百八十六个县的百分之二十八`).
//!
//! The part is the amount or count the share is said of (the nearest one before it in its
//! sentence); the total is the figure whose measure the name describes ([`measure_before`]),
//! stated in the same paragraph or the few before it, for the same period as the part. Several
//! figures may fit the name (a month's imports and the year's): all are kept, nearest first, and
//! the share holds when any of them gives it. A name no figure fits is not guessed. The words are
//! `rules/parts.toml` (`share-of`, `total-words`).
//!
//! ## What it does
//!
//! Not a rule itself: it reads every share of a named total once, for `percent-of-total`.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::claims::parts::Shape;
use crate::claims::parts::words;
use crate::claims::quantity::{is_threshold, measure_before, nearby, period, same_period, segment_after};
use crate::claims::support::one_line;
use crate::document::{Document, Figure, FigureKind, Table};
use crate::parse::chars::is_han;

/// A share, the part it is of, and the figures its named total may be.
#[derive(Debug, Clone)]
pub struct Share {
    pub share: usize,
    pub part: usize,
    /// Candidate totals, nearest first.
    pub totals: Vec<usize>,
    /// The words that name the total, as a normalised range.
    pub name: Range<usize>,
    /// How the part and total were found, when not by the name alone (a table's row).
    pub how: Option<String>,
}

/// Shares of one total the paper names in words but never states: `a surplus of $3.9 billion,
/// or 1.1% of GDP` and, for the same year, `a balance of $1.3 billion or 0.4% of GDP`. Each
/// share with its part implies the total (3.9 ÷ 1.1%); the totals implied must agree.
///
/// Shares are grouped when their names say the same (see [`name_key`]), their parts are
/// amounts in one currency or counts of one thing, and their parts are for one period: both
/// for the same period the paper places, or neither placed and both in one paragraph.
#[derive(Debug, Clone)]
pub struct Implied {
    /// Each share with the part it is of, by index into `doc.figures`, in paper order; two or
    /// more.
    pub members: Vec<(usize, usize)>,
    /// The words that name the total at the first share, as a normalised range.
    pub name: Range<usize>,
}

/// Every share of a named total in the paper, every share of a table's row, and the shares of
/// totals the paper never states, grouped by the total they imply.
pub(crate) fn read_shares(claims: &crate::claims::Claims) -> (Vec<Share>, Vec<Implied>) {
    let doc = claims.doc;
    let mut out = Vec::new();
    let mut unstated = Vec::new();
    let mut named = Vec::new();
    for (i, f) in doc.figures.iter().enumerate() {
        if !matches!(f.kind, FigureKind::Percent) {
            continue;
        }
        let (name, link_end) = match named_zh(doc, f) {
            Some((name, word_start)) => (name, word_start),
            None => match named_en(doc, f) {
                Some(name) => (name, f.norm.start),
                None => continue,
            },
        };
        if let Some(part) = part_before(doc, i, &name, link_end) {
            named.push((i, part, name, false));
        } else if let Some(part) = part_after(doc, i, &name) {
            named.push((i, part, name, true));
        }
    }
    // A figure the paper states as a share of a total is not that total: `$112.3 billion,
    // accounting for 15.4% of total estimated government expenditure` is no candidate for the
    // total of `$97.7 billion, accounting for 13.4% of total estimated government expenditure`.
    let parts_of: Vec<(usize, BTreeSet<String>)> =
        named.iter().map(|(_, part, name, _)| (*part, name_key(doc.norm_text(name)))).collect();
    for (i, part, name, restated) in named {
        let key = name_key(doc.norm_text(&name));
        let mut totals = totals(doc, part, &name, restated);
        totals.retain(|t| !parts_of.iter().any(|(p, k)| p == t && *k == key));
        if !totals.is_empty() {
            out.push(Share { share: i, part, totals, name, how: None });
        } else if !is_threshold(doc, &doc.figures[part]) {
            unstated.push((i, part, name));
        }
    }
    table_rows(claims, &mut out);
    (out, implied(doc, unstated))
}

/// A share, its part and the words naming its total.
type Named = (usize, usize, Range<usize>);

/// The shares of unstated totals, grouped as [`Implied`] says.
fn implied(doc: &Document, unstated: Vec<Named>) -> Vec<Implied> {
    // By name, the groups of shares that name it, in paper order: a long paper has many names.
    let mut by_name: std::collections::HashMap<BTreeSet<String>, Vec<usize>> = std::collections::HashMap::new();
    let mut groups: Vec<(BTreeSet<String>, Vec<Named>)> = Vec::new();
    for (share, part, name) in unstated {
        let key = name_key(doc.norm_text(&name));
        if key.is_empty() {
            continue;
        }
        let pf = &doc.figures[part];
        let together = |&(_, q, _): &Named| {
            let qf = &doc.figures[q];
            qf.kind.comparable(&pf.kind)
                && match (period(doc, pf), period(doc, qf)) {
                    (Some(a), Some(b)) => a.same(b),
                    (None, None) => doc.block_at(pf.norm.start) == doc.block_at(qf.norm.start),
                    _ => false,
                }
        };
        let slots = by_name.entry(key.clone()).or_default();
        match slots.iter().copied().find(|&g| groups[g].1.first().is_some_and(together)) {
            Some(g) => groups[g].1.push((share, part, name)),
            None => {
                slots.push(groups.len());
                groups.push((key, vec![(share, part, name)]));
            }
        }
    }
    groups
        .into_iter()
        .filter(|(_, members)| members.len() >= 2)
        .map(|(_, members)| Implied {
            name: members[0].2.clone(),
            members: members.into_iter().map(|(s, p, _)| (s, p)).collect(),
        })
        .collect()
}

/// A table whose total row and total column are both known: the shares of its rows can be
/// read against it.
struct Totalled<'d> {
    table: &'d Table,
    /// The row labelled `Total`, `總數`.
    total_row: usize,
    /// The column found to total others in most rows (`2010 2011 2012 Total`).
    total_col: usize,
}

/// `including Indonesia (27%), Pakistan (19%)`, `包括巴基斯坦 (19%)`: a share in brackets
/// straight after the label of a table's row is that row's share of the table's grand total —
/// its cell in the total column over the total row's. The table is the one whose row has that
/// label; where several have, the one that holds a figure the share's paragraph states (`The
/// ImmD received 1 809, 1 432 and 1 174 torture claims`), and none when that does not decide.
fn table_rows(claims: &crate::claims::Claims, out: &mut Vec<Share>) {
    let doc = claims.doc;
    let tables = totalled(claims);
    if tables.is_empty() {
        return;
    }
    let taken: BTreeSet<usize> = out.iter().map(|s| s.share).collect();
    for (i, f) in doc.figures.iter().enumerate() {
        if f.kind != FigureKind::Percent || taken.contains(&i) || tables.iter().any(|t| within(t.table.span, f.span)) {
            continue;
        }
        let text = &doc.norm.text;
        let Some(before) = text.get(..f.norm.start).map(str::trim_end) else { continue };
        let Some(before) = before.strip_suffix(['(', '（']).map(str::trim_end) else { continue };
        if !text.get(f.norm.end..).is_some_and(|a| a.trim_start().starts_with([')', '）'])) {
            continue;
        }
        let mut found: Vec<(&Totalled, usize, usize)> = Vec::new();
        for t in &tables {
            for (r, row) in t.table.rows.iter().enumerate() {
                if r == t.total_row {
                    continue;
                }
                // The first row's label may carry the column heads the layout ran into it
                // (`… (iii) Had been withdrawn Indonesia`): its last words are the name.
                let label = one_line(doc.original(row.label));
                let first = r == 0;
                if let Some(n) = label_at_end(before, &label, first) {
                    found.push((t, r, before.len() - n));
                }
            }
        }
        let tables_found: BTreeSet<*const Table> = found.iter().map(|(t, _, _)| std::ptr::from_ref(t.table)).collect();
        if tables_found.len() > 1 {
            let stated = stated_in_paragraph(doc, f);
            found.retain(|(t, _, _)| {
                t.table.rows.iter().flat_map(|row| &row.cells).any(|&c| stated.contains(&doc.figures[c].value))
            });
        }
        let [(t, r, at)] = found[..] else { continue };
        let row = &t.table.rows[r];
        let (Some(&part), Some(&total)) =
            (row.cells.get(t.total_col), t.table.rows[t.total_row].cells.get(t.total_col))
        else {
            continue;
        };
        out.push(Share {
            share: i,
            part,
            totals: vec![total],
            name: at..before.len(),
            how: Some(format!(
                "the table's `{}` row against its `{}` row, in the total column",
                &before[at..],
                one_line(doc.original(t.table.rows[t.total_row].label))
            )),
        });
    }
}

/// The paper's tables with a total row and a total column, neither read with doubt.
fn totalled<'d>(claims: &crate::claims::Claims<'d>) -> Vec<Totalled<'d>> {
    let doc = claims.doc;
    let w = words();
    let bds = claims.breakdowns();
    let mut out = Vec::new();
    for t in &doc.tables {
        let totals: Vec<usize> = (0..t.rows.len())
            .filter(|&r| w.total_rows.contains(&one_line(doc.original(t.rows[r].label)).to_lowercase()))
            .collect();
        let [total_row] = totals[..] else { continue };
        let cells: BTreeSet<usize> = t.rows.iter().flat_map(|r| r.cells.iter().copied()).collect();
        let mut cols = BTreeSet::new();
        let mut doubt = false;
        for b in bds.iter().filter(|b| cells.contains(&b.total)) {
            doubt |= b.doubt.is_some();
            if b.shape == Shape::TableColumn
                && let Some(c) = t.rows.iter().find_map(|r| r.cells.iter().position(|&x| x == b.total))
            {
                cols.insert(c);
            }
        }
        let judged_row = bds.iter().any(|b| b.shape == Shape::Table && t.rows[total_row].cells.contains(&b.total));
        let cols: Vec<usize> = cols.into_iter().collect();
        if let (false, true, [total_col]) = (doubt, judged_row, &cols[..]) {
            out.push(Totalled { table: t, total_row, total_col: *total_col });
        }
    }
    out
}

/// The values of the counts and amounts stated in the paragraph of `f`, outside tables.
fn stated_in_paragraph(doc: &Document, f: &Figure) -> Vec<crate::quantity::Q> {
    let Some(b) = doc.block_at(f.norm.start) else { return Vec::new() };
    let r = &doc.blocks[b].norm;
    doc.figures
        .iter()
        .filter(|g| r.start <= g.norm.start && g.norm.end <= r.end && !std::ptr::eq(*g, f))
        .filter(|g| matches!(g.kind, FigureKind::Count { .. } | FigureKind::Money { .. } | FigureKind::Number))
        .filter(|g| {
            g.value >= crate::quantity::int(10)
                && !(g.value >= crate::quantity::int(1900) && g.value <= crate::quantity::int(2100))
        })
        .map(|g| g.value.clone())
        .collect()
}

fn within(outer: crate::source::Span, inner: crate::source::Span) -> bool {
    outer.offset <= inner.offset && inner.offset + inner.length <= outer.offset + outer.length
}

/// Does `text` end with `label` as a whole name (`including the Philippines` with
/// `Philippines`)? Returns the length of the name matched. With `tail`, the label's last words
/// are enough (at least one ASCII word of four letters or more; not for Chinese, whose words
/// have no spaces to find): the first row of a flattened table carries the heads before it.
fn label_at_end(text: &str, label: &str, tail: bool) -> Option<usize> {
    let ascii = label.starts_with(|c: char| c.is_ascii_alphanumeric());
    // A Chinese name has no spaces to end it: `及斯里蘭卡` ends with `斯里蘭卡`.
    let whole = |name: &str| {
        text.strip_suffix(name).is_some_and(|head| !ascii || !head.ends_with(|c: char| c.is_alphanumeric()))
    };
    if label.chars().count() >= 2 && whole(label) && (ascii || !label.contains(' ')) {
        return Some(label.len());
    }
    if !tail || !label.is_ascii() {
        return None;
    }
    // The longest run of the label's last words that ends the text.
    let starts = label.char_indices().filter(|&(k, c)| c == ' ' && k + 1 < label.len()).map(|(k, _)| k + 1);
    starts
        .map(|k| &label[k..])
        .find(|name| name.len() >= 4 && name.starts_with(|c: char| c.is_ascii_uppercase()) && whole(name))
        .map(str::len)
}

/// `佔出口總額的 40.9%`, `相等於商品進口貨值的7.1%`: the name between a share word and `的`,
/// and where the share word starts.
fn named_zh(doc: &Document, f: &Figure) -> Option<(Range<usize>, usize)> {
    let text = &doc.norm.text;
    let before = text.get(..f.norm.start)?;
    let w = words();
    // Qualifiers between 的 and the share (`的約 28%`).
    let trimmed =
        ["約", "约", "逾", "近", "超過", "超过"].iter().fold(before.trim_end(), |b, q| b.strip_suffix(q).unwrap_or(b));
    let de = trimmed.trim_end().strip_suffix('的')?;
    let lo = crate::source::floor_char_boundary(text, de.len().saturating_sub(60));
    let window = &text[lo..de.len()];
    let word = w.share_of.find_all(window).into_iter().last()?;
    let name = lo + word.end..de.len();
    let np = doc.norm_text(&name);
    let n = np.chars().count();
    // A comma ends a clause, except between digits (`全部2,130名參加者`).
    let clause_comma =
        np.char_indices().any(|(k, c)| c == ',' && !np[k + 1..].starts_with(|d: char| d.is_ascii_digit()));
    ((1..=24).contains(&n) && !np.contains(['，', '。', '；', ';']) && !clause_comma).then_some((name, lo + word.start))
}

/// `8.4% of the value of imports`: the words after `of`, to the end of the segment or a verb.
fn named_en(doc: &Document, f: &Figure) -> Option<Range<usize>> {
    let seg = segment_after(doc, f);
    let after = doc.norm_text(&seg);
    let rest = after.strip_prefix(" of ")?;
    let start = seg.start + (after.len() - rest.len());
    let mut end = start;
    // Only words that point at a whole so far (`of the`, `of all the`).
    let mut determiners = true;
    for word in rest.split(' ') {
        let w = word.trim_end_matches(['.', ',', ';', ')']);
        if w.is_empty() || words().name_stops.find_all(w).first().is_some_and(|r| r.len() == w.len()) {
            break;
        }
        // `the 2,130 participants`; `the $5.1 billion total`, `the HK$5.1 billion`.
        let amount = w.contains(['$', '£', '€', '¥'])
            && w.trim_start_matches(|c: char| c.is_ascii_uppercase() || matches!(c, '$' | '£' | '€' | '¥'))
                .starts_with(|c: char| c.is_ascii_digit());
        if amount && !determiners {
            // `of total spending of $5.1 billion`: the amount after the name is its total.
            break;
        }
        let number = amount || w.starts_with(|c: char| c.is_ascii_digit());
        let plain = w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'');
        if !(plain || number && determiners) {
            // `87.4% of Year 5 students`: a name that runs into a number is not a total's;
            // `45% of the 2,130 participants` holds its total.
            if number {
                return None;
            }
            break;
        }
        determiners &= matches!(w.to_ascii_lowercase().as_str(), "the" | "all" | "its" | "their" | "our");
        end = start + (word.as_ptr() as usize - rest.as_ptr() as usize) + w.len();
        if w.len() != word.len() {
            break;
        }
    }
    // The segment is read only so far: a word it cut ends where the text's word does.
    if end == seg.end {
        let text = &doc.norm.text;
        end += text[end..].find(|c: char| !c.is_alphabetic()).unwrap_or(text.len() - end);
    }
    (end > start).then_some(start..end)
}

/// The amount or count a share is said of: the nearest before it in its sentence, outside the
/// name, tied to the share by what lies between — in Chinese a short stretch (`341億元，相等於`,
/// `301.9億美元，同比增長14.3%，且佔`), in English a link word (`$31.9 billion, or 8.4% of`,
/// `equivalent to`, `accounting for`, an opening bracket).
fn part_before(doc: &Document, i: usize, name: &Range<usize>, link_end: usize) -> Option<usize> {
    let f = &doc.figures[i];
    let s = doc.sentence_at(f.norm.start)?;
    let sent = &doc.sentences[s].norm;
    let k = (0..i)
        .rev()
        .take_while(|&k| doc.figures[k].norm.start >= sent.start)
        .filter(|&k| !(name.start <= doc.figures[k].norm.start && doc.figures[k].norm.end <= name.end))
        .find(|&k| part_like(&doc.figures[k]))?;
    let gap = doc.norm_text(&(doc.figures[k].norm.end..link_end));
    let tied = if gap.chars().any(|c| c.is_ascii_alphabetic()) {
        let g = gap.trim_end_matches([' ', '(']).trim_end();
        let g = g.strip_suffix(" a").or_else(|| g.strip_suffix(" an")).unwrap_or(g);
        gap.trim_end().ends_with('(') || words().share_links.ends(g).is_some() && g.len() <= 40
    } else {
        gap.chars().count() <= 24
    };
    tied.then_some(k)
}

/// `45% of the 2,130 participants, or 950`, `佔全部 2,130 名參加者的 45%，即 950 人`: when the
/// name holds its total, the part may follow the share, restated by `or`, `即` or in brackets.
fn part_after(doc: &Document, i: usize, name: &Range<usize>) -> Option<usize> {
    let f = &doc.figures[i];
    let k = doc.figures.partition_point(|g| g.norm.start < name.start);
    let inside = doc.figures.get(k).is_some_and(|g| g.norm.end <= name.end);
    if !inside {
        return None;
    }
    let from = name.end.max(f.norm.end);
    let rest = doc.norm.text.get(from..)?;
    let lead = [", or ", ",or ", "，即", "，即是", "， 即", " (", "（", "(", " or "]
        .iter()
        .find_map(|l| rest.strip_prefix(l).map(|r| rest.len() - r.len()))?;
    let k = doc.figures.partition_point(|g| g.norm.start < from + lead);
    let g = doc.figures.get(k)?;
    let gap = doc.norm.text.get(from + lead..g.norm.start)?;
    let bare = g.kind == FigureKind::Number && g.value.is_integer();
    (gap.trim().chars().count() <= 2 && (part_like(g) || bare) && !is_threshold(doc, g)).then_some(k)
}

fn part_like(f: &Figure) -> bool {
    matches!(f.kind, FigureKind::Money { .. } | FigureKind::Count { .. })
}

/// The figures the name may describe, nearest first: one written inside the name, else those
/// whose measure the name describes.
fn totals(doc: &Document, part: usize, name: &Range<usize>, restated: bool) -> Vec<usize> {
    let pf = &doc.figures[part];
    let people = |f: &Figure| match &f.kind {
        FigureKind::Count { classifier } => words().people_classifiers.contains(classifier),
        _ => false,
    };
    // The figures that start inside the name, found by binary search (figures are in text order).
    let within = doc.figures.partition_point(|g| g.norm.start < name.start)
        ..doc.figures.partition_point(|g| g.norm.start < name.end);
    let inside: Vec<usize> = within
        .filter(|&k| {
            let g = &doc.figures[k];
            // `40% of the 2,130 participants, or 950 (people)`: a part restating the share after
            // it counts what its total counts, whatever its noun.
            let bare = restated && matches!(pf.kind, FigureKind::Number | FigureKind::Count { .. });
            name.start <= g.norm.start
                && g.norm.end <= name.end
                && (g.kind.comparable(&pf.kind)
                    || people(g) && people(pf)
                    || bare && matches!(g.kind, FigureKind::Count { .. }))
        })
        .collect();
    if !inside.is_empty() {
        return inside;
    }
    let key = name_key(doc.norm_text(name));
    if key.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<usize> = nearby(doc, part)
        .filter(|&k| {
            let g = &doc.figures[k];
            let measure = doc.norm_text(&measure_before(doc, k));
            // `地方预算支出（扣除上解中央的部分）为 7,700,365,000 元` is not the total of
            // `地方预算支出总数`: a figure stated net of something is another measure.
            k != part
                && g.kind.comparable(&pf.kind)
                && !is_threshold(doc, g)
                && same_period(doc, pf, g)
                && words().exclusions.find_all(measure).is_empty()
                && key.is_subset(&name_key(measure))
        })
        .collect();
    found.sort_by_key(|&k| doc.figures[k].norm.start.abs_diff(pf.norm.start));
    found
}

/// What a name says, as a set: Chinese as character pairs, English as lowercase words; the
/// words for "total" and filler (`總額`, `the value of`) left out.
fn name_key(text: &str) -> BTreeSet<String> {
    let w = words();
    let mut t = text.to_owned();
    for r in w.total_words.find_all(text).into_iter().rev() {
        t.replace_range(r, " ");
    }
    let mut key = BTreeSet::new();
    for run in t.split(|c: char| !is_han(c)).filter(|r| !r.is_empty()) {
        let chars: Vec<char> = run.chars().collect();
        if chars.len() == 1 {
            key.insert(run.to_owned());
        }
        for pair in chars.windows(2) {
            key.insert(pair.iter().collect());
        }
    }
    for word in t.split(|c: char| !c.is_ascii_alphabetic()).filter(|x| x.len() > 1) {
        let lower = word.to_ascii_lowercase();
        let stem = lower.strip_suffix('s').unwrap_or(&lower).to_owned();
        key.insert(stem);
    }
    key
}

#[cfg(test)]
mod tests {
    use crate::claims::Claims;
    use crate::parse::{ParseOptions, parse};
    use crate::source::Source;

    fn read(text: &str) -> Vec<(String, String, Vec<String>)> {
        let doc = parse(&Source::from_text("t.txt", text), &ParseOptions::default());
        let claims = Claims::new(&doc);
        let t = |i: usize| doc.figures[i].text(&doc).to_owned();
        claims.shares().iter().map(|s| (t(s.share), t(s.part), s.totals.iter().map(|&k| t(k)).collect())).collect()
    }

    #[test]
    fn a_total_named_in_words() {
        assert_eq!(
            read(
                "7月份商品進口貨值為4804億元，按年升16.5%。今年7月份錄得有形貿易逆差341億元，相等於商品進口貨值的7.1%。"
            ),
            [("7.1%".into(), "341億元".into(), vec!["4804億元".into()])]
        );
        assert_eq!(
            read(
                "The value of imports increased 23.8% to $382 billion for January.\n\nA trade deficit of $31.9 billion, or 8.4% of the value of imports, was recorded in January."
            ),
            [("8.4%".into(), "$31.9 billion".into(), vec!["$382 billion".into()])]
        );
    }

    #[test]
    fn a_total_inside_the_name() {
        assert_eq!(
            read("已经有五百零四个县，占全国一千七百八十六个县的百分之二十八。"),
            [("百分之二十八".into(), "五百零四个".into(), vec!["一千七百八十六个".into()])]
        );
    }

    const TWO_TABLES: &str = "Most applicants came from Kowloon City (31%).\n\nApplications\n\nDistrict  2021  2022  2023  Total\nKowloon City  130  121  140  391\nSha Tin  95  92  110  297\nOthers  187  175  200  562\nTotal  412  388  450  1 250\n\nGrants\n\nDistrict  2021  2022  2023  Total\nKowloon City  20  18  22  60\nSha Tin  10  12  15  37\nOthers  3  2  3  8\nTotal  33  32  40  105\n";

    #[test]
    fn a_share_of_a_table_row_needs_one_table() {
        // Two tables have the row: nothing in the share's paragraph says which.
        assert!(read(TWO_TABLES).is_empty());
        // The paragraph states the first table's yearly totals: that table.
        let text = TWO_TABLES.replace("Most", "We received 412, 388 and 450 applications. Most");
        assert_eq!(read(&text), [("31%".into(), "391".into(), vec!["1250".into()])]);
    }

    #[test]
    fn a_row_label_spaced_out_by_a_pdf_still_names_the_row() {
        // PDF text spaces out Chinese labels (`九 龍 城`); the running text does not.
        let text = "申請人主要來自九龍城 (31%)。\n\n地區  2021  2022  2023  總數\n九 龍 城  130  121  140  391\n沙 田  95  92  110  297\n其 他  187  175  200  562\n總數  412  388  450  1 250\n";
        assert_eq!(read(text), [("31%".into(), "391".into(), vec!["1250".into()])]);
    }

    fn implied(text: &str) -> Vec<Vec<String>> {
        let doc = parse(&Source::from_text("t.txt", text), &ParseOptions::default());
        let claims = Claims::new(&doc);
        let t = |i: usize| doc.figures[i].text(&doc).to_owned();
        claims
            .implied_totals()
            .iter()
            .map(|g| g.members.iter().map(|&(s, p)| format!("{} of {}", t(p), t(s))).collect())
            .collect()
    }

    #[test]
    fn shares_of_an_unstated_total_are_grouped_by_name_and_period() {
        let text = "In FY2024, the surplus is $3.9 billion, or 1.1% of GDP. Revenue for FY2024 is $114.6 billion, or 32.3% of the GDP.\n\nIn FY2014, the surplus was $2.0 billion, or 0.5% of GDP.\n\nExports reached $300 billion in FY2024, or 0.4% of world GDP.";
        assert_eq!(implied(text), [["$3.9 billion of 1.1%", "$114.6 billion of 32.3%"]]);
        // Neither placed in time: only within one paragraph.
        let text = "The surplus is $3.9 billion, or 1.1% of GDP. Revenue is $114.6 billion, or 32.3% of GDP.\n\nSpending is $100 billion, or 28% of GDP.";
        assert_eq!(implied(text), [["$3.9 billion of 1.1%", "$114.6 billion of 32.3%"]]);
        let text = "2024年度綜合盈餘為390億元，相等於本地生產總值的1.1%。2024年度經營收入為1,146億元，相等於本地生產總值的3.2%。";
        assert_eq!(implied(text), [["390億元 of 1.1%", "1,146億元 of 3.2%"]]);
    }

    #[test]
    fn a_part_of_a_named_total_is_not_that_total() {
        let text = "Spending on education is $112.3 billion, accounting for 15.4% of total government spending. Spending on health is $97.7 billion, accounting for 13.4% of total government spending.";
        assert!(read(text).is_empty());
        assert_eq!(implied(text).len(), 1);
    }

    #[test]
    fn a_part_restated_after_its_share() {
        assert_eq!(
            read("Women made up 40% of the 2,130 participants, or 950."),
            [("40%".into(), "950".into(), vec!["2,130 participants".into()])]
        );
        assert_eq!(
            read("About 40% of the 2,130 participants, or 950 people, were women."),
            [("40%".into(), "950 people".into(), vec!["2,130 participants".into()])]
        );
        // A total inside a Chinese name, counted by another classifier of people.
        assert_eq!(
            read("女性參加者有 950 人，佔全部 2,130 名參加者的 40%。"),
            [("40%".into(), "950人".into(), vec!["2,130名".into()])]
        );
        // `of Year 5 students` names no total.
        assert!(read("87.4% of Year 5 students, or 950, achieved the standard.").is_empty());
    }

    #[test]
    fn a_name_nothing_fits_is_not_guessed() {
        assert!(read("出口額為300億元，佔本地生產總值的12%。").is_empty());
    }
}
