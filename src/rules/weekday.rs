use jiff::ToSpan;

use crate::claims::Claims;
use crate::claims::dates::{own_year, show_period, weekday_name};
use crate::diagnostic::{Finding, Label};
use crate::document::{DateMention, Document};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, rule_config};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a weekday written with a date that falls on another day: `Monday, 4 November 2019`,
    /// `2019年11月4日（星期二）`, `2020年6月1日(週日)`.
    ///
    /// ## Why is this bad?
    /// One of the two is wrong, and a reader cannot tell which: a meeting announced for "Tuesday,
    /// 4 November" will see people turn up on both days.
    ///
    /// ## Example
    /// ```text
    /// 會議將於 2019 年 11 月 4 日（星期二）舉行。     (4 November 2019 was a Monday)
    /// ```
    ///
    /// ## What it does not check
    /// The date must carry its own year (written, or relative to the paper's date): a weekday
    /// beside `11 月 4 日` whose year comes from the paragraph or the paper's date could be right
    /// in the year the writer meant, and is skipped. Weekdays written away from their date
    /// (`on Monday, the Council met`) are not read. Abbreviated names and ordinal days are
    /// (`Thu, 4th February 2010`, `Monday 25th March 2013`), and so is PDF text with spaces or
    /// compatibility ideographs inside the date (`2012年 11月 14日星期三`).
    pub struct WeekdayMismatch {}
}

rule_config! {
    pub struct Config {}
}

impl RuleDef for WeekdayMismatch {
    type Config = Config;
    const GROUP: Group = Group::Dates;
    fn build(_: &Config) -> Result<Self, String> {
        Ok(WeekdayMismatch {})
    }
}

impl Rule for WeekdayMismatch {
    fn check(&self, doc: &Document, _claims: &Claims, cx: &mut Context) {
        for m in &doc.dates {
            let Some((said, at)) = m.weekday else {
                continue;
            };
            if m.start != m.end {
                continue;
            }
            if !own_year(m) {
                cx.skipped_at(format!("`{}`: the weekday of a date whose year is not written", m.text), m.span);
                continue;
            }
            let actual = m.start.weekday();
            cx.checked_at(
                format!("`{}`: {} is a {}", m.text, show_period(m.start, m.end), weekday_name(actual)),
                actual == said,
                m.span,
            );
            if actual != said {
                cx.report(finding(doc, m, said, at));
            }
        }
    }
}

/// The date's own words, without the weekday written before or after it.
fn date_part(doc: &Document, m: &DateMention, weekday: Span) -> Span {
    let trim = |c: char| c.is_whitespace() || matches!(c, ',' | '，' | '(' | '（' | ')' | '）');
    let (a, b) =
        if weekday.offset <= m.span.offset { (weekday.end(), m.span.end()) } else { (m.span.offset, weekday.offset) };
    let text = doc.original(Span::new(a..b));
    let lead = text.len() - text.trim_start_matches(trim).len();
    let tail = text.len() - text.trim_end_matches(trim).len();
    if a + lead >= b - tail { m.span } else { Span::new(a + lead..b - tail) }
}

fn finding(doc: &Document, m: &DateMention, said: jiff::civil::Weekday, at: Span) -> Finding {
    let actual = m.start.weekday();
    // The nearest date that is the weekday written: maybe the day was mistyped.
    let days = (i16::from(said.to_monday_zero_offset()) - i16::from(actual.to_monday_zero_offset()) + 7) % 7;
    let near = if days <= 3 { m.start.checked_add(days.days()) } else { m.start.checked_sub((7 - days).days()) };
    let nearest =
        near.map(|d| format!("; the nearest {} is {}", weekday_name(said), show_period(d, d))).unwrap_or_default();
    Finding::new(
        format!("{} is a {}, not a {}", show_period(m.start, m.end), weekday_name(actual), weekday_name(said)),
        Label::new(at, format!("not a {}", weekday_name(said))),
    )
    .label(Label::new(date_part(doc, m, at), format!("a {}", weekday_name(actual))))
    .help(format!("{} falls on a {}{nearest}", show_period(m.start, m.end), weekday_name(actual)))
}
