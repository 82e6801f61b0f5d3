//! What the date rules share: how a date is shown, the clause a date sits in, and which years a
//! rule may rely on.
//!
//! ## What it does
//!
//! Not a rule itself: it gives `date-after-document`, `date-order`, `date-range-order`,
//! `relative-date` and `weekday` one way to show a date, find its clause and judge its year.

use std::ops::Range;

use jiff::civil::{Date, Weekday};

use crate::diagnostic::Label;
use crate::document::{DateMention, DateOrigin, Document, Granularity, PaperDate, YearSource};

/// Is the mention's year written with it (`2019 年`) or relative to the paper's (`去年`)? Years
/// taken from the paragraph or assumed from the paper's date are not evidence of anything.
pub fn own_year(m: &DateMention) -> bool {
    matches!(m.year, YearSource::Explicit | YearSource::Relative)
}

/// A resolved period in words: `4 Nov 2019`, `Mar 2021`, `2019`, `21–31 Mar 2021`, `Apr 2019 to
/// Mar 2020`.
pub fn show_period(start: Date, end: Date) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = |d: Date| MONTHS.get(usize::try_from(d.month() - 1).unwrap_or(0)).copied().unwrap_or("?");
    let day = |d: Date| format!("{} {} {}", d.day(), month(d), d.year());
    if start == end {
        return day(start);
    }
    let from_month_start = start.day() == 1;
    let to_month_end = end == end.last_of_month();
    let same_month = start.year() == end.year() && start.month() == end.month();
    if from_month_start && to_month_end {
        let whole_years = start.month() == 1 && end.month() == 12;
        return match (same_month, whole_years) {
            (true, _) => format!("{} {}", month(start), start.year()),
            (_, true) if start.year() == end.year() => start.year().to_string(),
            (_, true) => format!("{} to {}", start.year(), end.year()),
            _ => format!("{} {} to {} {}", month(start), start.year(), month(end), end.year()),
        };
    }
    if same_month {
        return format!("{}–{} {} {}", start.day(), end.day(), month(start), start.year());
    }
    format!("{} to {}", day(start), day(end))
}

/// A mention as written and as read: `2021 年 3 月底 (2021-03-21 to 2021-03-31)`.
pub fn show_mention(m: &DateMention) -> String {
    let period = show_period(m.start, m.end);
    let plain = matches!(m.granularity, Granularity::Day | Granularity::Month) && m.text.is_ascii();
    match m.granularity {
        _ if m.year == YearSource::Explicit && (plain || m.granularity == Granularity::Year) => m.text.clone(),
        _ if period == m.text => period,
        _ => format!("{} ({period})", m.text),
    }
}

/// The paper's date in words, with where it came from.
pub fn show_paper(p: &PaperDate) -> String {
    let when = show_period(p.date, p.last);
    let from = match p.origin {
        DateOrigin::Header => "its header",
        DateOrigin::Trailer => "its closing lines",
        DateOrigin::Dateline => "its dateline",
        DateOrigin::RunningHeader => "its running page header",
        DateOrigin::FrontMatter => "its front matter",
        DateOrigin::Config => "policy-lint.toml",
        DateOrigin::CommandLine => "--date",
    };
    format!("{when} (from {from})")
}

/// A secondary label on the paper's own date, when the paper writes it.
pub fn paper_label(p: &PaperDate) -> Option<Label> {
    p.span.map(|s| Label::new(s, "the paper's date"))
}

/// How a relative word was read: `去年 is 2019 in a paper dated 2020-06-01`.
pub fn relative_reading(m: &DateMention, doc: &Document) -> Option<String> {
    let p = doc.date.as_ref()?;
    (m.year == YearSource::Relative).then(|| {
        format!("`{}` is {} in a paper dated {}", m.text, show_period(m.start, m.end), show_period(p.date, p.last))
    })
}

pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// Punctuation that ends a clause inside a sentence.
pub fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '。' | '！' | '？' | '!' | '?')
}

/// A date's surroundings in its sentence, in the normalised text.
#[derive(Debug, Clone, Copy)]
pub struct Around<'d> {
    /// The whole sentence.
    pub sentence: &'d str,
    /// Where the sentence starts in the normalised text.
    pub sentence_start: usize,
    /// The sentence before the date.
    pub before: &'d str,
    /// The sentence after the date.
    pub after: &'d str,
    /// The clause before the date (from the last `，` `;` …).
    pub clause_before: &'d str,
    /// The clause after the date (up to the next `，` `;` …).
    pub clause_after: &'d str,
}

/// How far (in bytes) each side of a date its clause is read.
const CLAUSE_REACH: usize = 480;

/// The sentence and clause a normalised range sits in.
pub fn around<'d>(doc: &'d Document, norm: &Range<usize>) -> Option<Around<'d>> {
    let s = &doc.sentences[doc.sentence_at(norm.start)?];
    let sentence = doc.norm.text.get(s.norm.clone())?;
    let a = norm.start.checked_sub(s.norm.start)?;
    let b = norm.end.min(s.norm.end).checked_sub(s.norm.start)?;
    let before = sentence.get(..a)?;
    let after = sentence.get(b..)?;
    // A clause is read a bounded way each side of the date, so that a sentence of thousands of
    // dates with no clause mark stays linear.
    let near = crate::source::floor_char_boundary(before, before.len().saturating_sub(CLAUSE_REACH));
    let clause_before = before[near..].rfind(is_clause_end).map_or(&before[near..], |k| {
        let c = before[near + k..].chars().next().map_or(1, char::len_utf8);
        &before[near + k + c..]
    });
    let far = crate::source::floor_char_boundary(after, CLAUSE_REACH.min(after.len()));
    let clause_after = after[..far].find(is_clause_end).map_or(&after[..far], |k| &after[..k]);
    Some(Around { sentence, sentence_start: s.norm.start, before, after, clause_before, clause_after })
}
