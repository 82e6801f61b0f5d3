//! A figure read as a quantity: the words that say what it measures, and the period it is for.
//!
//! ## What it does
//!
//! Not a rule itself: the claims readers ask it "what does this figure measure?" and "for when?"
//! when they tie an operand named in words (`相等於商品進口貨值的 7.1%`, `a trade deficit of`) to
//! a figure stated elsewhere in the paragraph, and refuse to tie figures of different periods
//! (July's deficit is not the difference of the first seven months' exports and imports).

use std::ops::Range;

use crate::claims::parts::words;
use crate::document::{BlockKind, Document, Figure, FigureKind, Period};

/// How far back a figure's measure is read: 40 Chinese characters, or twice as many Latin ones
/// (an English name takes about twice the characters: `The value of imports increased 14% over
/// a year earlier to $406.2 billion`).
const MEASURE_CHARS: usize = 40;

/// The words before a figure that say what it measures, as a normalised range: its comma
/// segment up to the figure, from the last amount or count before it (percentages and dates
/// in between belong to the same statement: `The value of imports increased 23.8% to $382
/// billion`). At most [`MEASURE_CHARS`] characters.
pub fn measure_before(doc: &Document, i: usize) -> Range<usize> {
    let f = &doc.figures[i];
    let text = &doc.norm.text;
    let end = f.norm.start;
    // Not past the start of its sentence (or block).
    let block_start = match doc.sentence_at(end) {
        Some(s) => doc.sentences[s].norm.start,
        None => doc.block_at(end).map_or(0, |b| doc.blocks[b].norm.start),
    };
    // The previous amount or count in the block ends the measure.
    let prev_end = doc.figures[..i]
        .iter()
        .rev()
        .take_while(|g| g.norm.start >= block_start)
        .find(|g| matches!(g.kind, FigureKind::Money { .. } | FigureKind::Count { .. } | FigureKind::Number))
        .map_or(block_start, |g| g.norm.end);
    let mut start = end;
    let mut width = 0;
    for (j, c) in text[..end].char_indices().rev() {
        width += if c.is_ascii() { 1 } else { 2 };
        if j < prev_end || width > 2 * MEASURE_CHARS || matches!(c, '，' | '。' | '；' | ';' | '：' | ':' | '\n') {
            break;
        }
        // An English comma between words ends the segment; a comma in `264,000` does not.
        if c == ',' && !text[..j].ends_with(|p: char| p.is_ascii_digit()) {
            break;
        }
        start = j;
    }
    start..end
}

/// The words just after a figure, to the end of its segment: `$31.9 billion, or 8.4% of the value
/// of imports` is measured after the `of` (`8.4% of the value of imports`). A `、` ends it: what
/// follows is the next item of a list (`年增66%、連25紅 今年第3度…`), not this figure's words.
pub fn segment_after(doc: &Document, f: &Figure) -> Range<usize> {
    let text = &doc.norm.text;
    let start = f.norm.end;
    let mut end = start;
    for (k, (j, c)) in text[start..].char_indices().enumerate() {
        if k >= MEASURE_CHARS || matches!(c, '，' | '。' | '；' | ';' | '、' | '\n') {
            break;
        }
        if c == ',' && !text[start + j + 1..].starts_with(|p: char| p.is_ascii_digit()) {
            break;
        }
        end = start + j + c.len_utf8();
    }
    start..end
}

/// The periods that start in `r` of the normalised text, in order (the periods are sorted by
/// where they start, so this is two binary searches, not a scan).
pub fn periods_starting_in(doc: &Document, r: Range<usize>) -> &[Period] {
    let a = doc.periods.partition_point(|p| p.norm.start < r.start);
    let b = doc.periods.partition_point(|p| p.norm.start < r.end);
    &doc.periods[a..b.max(a)]
}

/// The period written against a figure itself, with at most a particle between: `一九五五年的
/// 三千四百九十六亿斤`, `2019年第四季5.1%`, `3,496 in 1955`. Tighter than [`period`], for
/// relations that need each operand's own period (a from–to pair).
pub fn own_period<'d>(doc: &'d Document, f: &Figure) -> Option<&'d Period> {
    let text = &doc.norm.text;
    let k = doc.periods.partition_point(|p| p.norm.end <= f.norm.start);
    if let Some(p) = k.checked_sub(1).map(|k| &doc.periods[k])
        && !p.floating
        && matches!(text.get(p.norm.end..f.norm.start).map(str::trim), Some("" | "的"))
    {
        return Some(p);
    }
    let p = doc.periods.get(doc.periods.partition_point(|p| p.norm.start < f.norm.end))?;
    let gap = text.get(f.norm.end..p.norm.start)?.trim();
    (!p.floating && matches!(gap, "in" | "for" | "in the year" | "at the end of")).then_some(p)
}

/// How far after the period of `繼 … 後` (in bytes) its `後` is looked for (`繼六月本港整體出口貨值
/// 按年跌4.8%後`).
const STEP_REACH: usize = 120;

/// How far before a figure (in bytes) a whole-period word (`全年`, `for the year as a whole`) is
/// looked for.
const WHOLE_PERIOD_REACH: usize = 96;

/// The period a figure is stated for: a time expression right after it in its segment (`$350
/// billion in January`), else the last before it in its clause (`8月出口…`), else the first before
/// it in its sentence (which opens it: `8月進出口總值…；進口…`), else the last before it in its
/// paragraph.
/// The paper's own date is never a figure's period. `None` when the paper names none.
pub fn period<'d>(doc: &'d Document, f: &Figure) -> Option<&'d Period> {
    let at = f.norm.start;
    let within = |r: Range<usize>| periods_starting_in(doc, r);
    // The paper's own date says when it was written, not what a figure is for; a period after a
    // comparison word (`較上年成長`, `over a year earlier`) is the base of a change.
    let own = doc.date.as_ref().and_then(|d| d.span);
    let compare = &crate::claims::changes::words().compare;
    let not_own = |p: &&Period| {
        let before = doc.norm.text.get(..p.norm.start).unwrap_or("");
        let lo = crate::source::floor_char_boundary(before, before.len().saturating_sub(12));
        own.is_none_or(|o| doc.span(p.norm.clone()).offset != o.offset) && compare.ends(&before[lo..]).is_none()
    };
    if let Some(p) = within(f.norm.end..segment_after(doc, f).end).iter().find(not_own) {
        return Some(p);
    }
    // `去年12月進口430.4億美元；全年進口總額4,836.1億美元`: a whole span the parser cannot place
    // (`全年`, `as a whole`: `whole-periods`) between an earlier period and the figure is the
    // figure's, not the earlier one (unless it only restates that one: `2025年全年`).
    // Such a word stands in the figure's own words, close before it: only that much of the gap
    // is read (a paragraph's worth for each figure would make this quadratic in it).
    let unplaced_between = |p: &Period| {
        let gap = doc.norm.text.get(p.norm.end..at).unwrap_or("");
        let lead = gap.len() - gap.trim_start().len();
        let near = crate::source::floor_char_boundary(gap, gap.len().saturating_sub(WHOLE_PERIOD_REACH));
        words().whole_periods.find_all(&gap[near..]).iter().any(|r| near + r.start > lead)
    };
    // `繼六月跌2.9%後，按年亦跌1.8%`: the period in `繼 … 後` (after June's fall) is the one
    // before, not the figure's.
    // Only a short way after the period is read for `後`: a paragraph's worth for each period
    // would make this quadratic in it.
    let earlier_step = |p: &Period| {
        let text = &doc.norm.text;
        let before = text.get(..p.norm.start).unwrap_or("").trim_end();
        if !before.ends_with(['繼', '继']) {
            return false;
        }
        let end = crate::source::floor_char_boundary(text, at.min(p.norm.end + STEP_REACH)).max(p.norm.end);
        text.get(p.norm.end..end).is_some_and(|after| after.contains(['後', '后']))
    };
    let not_own = |p: &&Period| not_own(p) && !unplaced_between(p) && !earlier_step(p);
    if let Some(s) = doc.sentence_at(at) {
        let sent = doc.sentences[s].norm.clone();
        let before = doc.norm_text(&(sent.start..at));
        let clause = sent.start
            + before.rfind(['；', ';']).map_or(0, |k| k + before[k..].chars().next().map_or(1, char::len_utf8));
        if let Some(p) = within(clause..at).iter().rev().find(not_own) {
            return Some(p);
        }
        if let Some(p) = within(sent.start..at).iter().find(not_own) {
            return Some(p);
        }
    }
    let b = doc.block_at(at)?;
    within(doc.blocks[b].norm.start..at).iter().rev().find(not_own)
}

/// Can two figures be for the same period? Not when both name different periods. When only one
/// does, the other may still be for it (`$358.4 billion for the same period`), unless its
/// sentence names a period the parser could not place (`For the first quarter as a whole, a
/// trade deficit of …` is not January's): the words are `period-words` in `rules/parts.toml`.
pub fn same_period(doc: &Document, a: &Figure, b: &Figure) -> bool {
    let unplaced = |f: &Figure| {
        doc.sentence_at(f.norm.start)
            .is_some_and(|s| !words().period_words.find_all(doc.norm_text(&doc.sentences[s].norm)).is_empty())
    };
    match (period(doc, a), period(doc, b)) {
        (Some(x), Some(y)) => x.same(y),
        (None, None) => true,
        (None, Some(_)) => !unplaced(a),
        (Some(_), None) => !unplaced(b),
    }
}

/// How many paragraphs back a claim looks for an operand named in words.
const NEARBY_BLOCKS: usize = 5;

/// The figures a claim about figure `i` may name in words: those in its paragraph and the
/// [`NEARBY_BLOCKS`] paragraphs before it (not across a heading), by index.
pub fn nearby(doc: &Document, i: usize) -> Range<usize> {
    let at = doc.figures[i].norm.start;
    let b = doc.block_at(at).unwrap_or(0);
    let mut first = b;
    let mut taken = 0;
    while first > 0 && taken < NEARBY_BLOCKS && doc.blocks[first - 1].kind != BlockKind::Heading {
        first -= 1;
        if doc.blocks[first].kind != BlockKind::Footnote {
            taken += 1;
        }
    }
    let lo = doc.blocks.get(first).map_or(0, |x| x.norm.start);
    let hi = doc.blocks.get(b).map_or(0, |x| x.norm.end);
    let a = doc.figures.partition_point(|f| f.norm.start < lo);
    let z = doc.figures.partition_point(|f| f.norm.start < hi);
    a..z
}

/// How many paragraphs back, across headings, a claim looks for an operand no nearby paragraph
/// states: a news item's lede and the paragraph after its chart, not the whole of a long paper
/// (which would make each such balance a pass over all the paper's figures).
const ACROSS_HEADINGS_BLOCKS: usize = 12;

/// The figures of the [`ACROSS_HEADINGS_BLOCKS`] blocks up to the one that holds `f`, within its
/// part of the paper (a compilation's speech or answer, or the whole paper), by index: where a
/// balance's flow or a threshold's level may stand across a heading.
pub fn scope_figures(doc: &Document, f: &Figure) -> Range<usize> {
    let scope = doc.scopes.get(doc.scope_at(f.norm.start)).map_or(0..doc.norm.text.len(), |s| s.norm.clone());
    let b = doc.block_at(f.norm.start).unwrap_or(0);
    let first = b.saturating_sub(ACROSS_HEADINGS_BLOCKS);
    let lo = doc.blocks.get(first).map_or(0, |x| x.norm.start).max(scope.start);
    let hi = doc.blocks.get(b).map_or(scope.end, |x| x.norm.end).min(scope.end);
    let a = doc.figures.partition_point(|g| g.norm.start < lo);
    let z = doc.figures.partition_point(|g| g.norm.start < hi);
    a..z
}

/// Is the figure a threshold passed (`首破6,000億美元`, `topped $6 billion`) rather than a level?
pub fn is_threshold(doc: &Document, f: &Figure) -> bool {
    let before = doc.norm.text.get(..f.norm.start).unwrap_or("");
    let lo = crate::source::floor_char_boundary(before, before.len().saturating_sub(16));
    let tail = before[lo..].trim_end();
    let tail = ["約", "约", "about", "over"].iter().fold(tail, |t, q| t.strip_suffix(q).unwrap_or(t)).trim_end();
    words().thresholds.ends(tail).is_some()
}

/// Is the figure the size of a change (`to grow by nearly $1 billion`, `增加 303 億元`) rather
/// than a level? Such a figure is not a flow or a total another figure is measured against.
pub fn is_change_amount(doc: &Document, i: usize) -> bool {
    let m = doc.norm_text(&measure_before(doc, i)).trim_end();
    let v = crate::parse::vocab::vocabulary();
    let m = v.qualifiers.suffix_of(m).map_or(m, |(q, _)| m[..m.len() - q.len()].trim_end());
    let m = m.strip_suffix(" by").or_else(|| m.strip_suffix("了")).unwrap_or(m).trim_end();
    let w = crate::claims::changes::words();
    if w.increase.ends(m).is_some() || w.decrease.ends(m).is_some() {
        return true;
    }
    // `about $1 billion lower at $28 billion`: a comparative straight after the amount.
    let f = &doc.figures[i];
    let after = doc.norm.text.get(f.norm.end..).unwrap_or("");
    let skip = after.len() - after.trim_start().len();
    w.comparative_after
        .at(after, skip)
        .is_some_and(|n| !after[skip + n..].starts_with(|c: char| c.is_ascii_alphabetic()))
}
