use crate::claims::Claims;
use crate::claims::dates::{is_clause_end, relative_reading, show_mention, show_paper, show_period};
use crate::claims::days::Days;
use crate::claims::support::WordList;
use crate::diagnostic::{Finding, Label};
use crate::document::{DateMention, Document, Granularity, YearSource};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, required, rule_config};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a relative date (`去年 11 月`, `今年首 4 個月`, `last year`) that, read against the
    /// paper's own date, contradicts an explicit year given for the same thing in the same
    /// sentence: in apposition (`去年（2018 年）`, `last year (2018)`, `今年，即 2019 年`), or as
    /// the year an event is named for (`「香港金融科技周 2019」於今年 11 月舉行` in a 2020 paper).
    ///
    ///
    /// Chinese news names days against its date: `財政部今（9）日公布`, `昨（9）日`. A day written
    /// with `今`, `昨` or `前` that is not that day of the paper's date (or of its dateline,
    /// `新华社北京2月22日电`, when the paper gives no other) is flagged: `今（8）日` in a paper of
    /// 9 September.
    ///
    /// ## Why is this bad?
    /// `去年` means a different year in every paper it is copied into. A paragraph carried over
    /// from last year's paper, or a paper whose date was changed, says `今年` of an event the same
    /// sentence dates the year before.
    ///
    /// ## Example
    /// ```text
    /// 二零二零年六月一日
    /// …「香港金融科技周 2019」仍於今年 11 月 4 至 8 日成功舉行…   (今年 is 2020)
    /// …去年（2018 年）錄得…                                       (去年 is 2019)
    /// ```
    ///
    /// ## What it does not check
    /// A relative date needs the paper's date (from its header, `--date` or `[document] date`);
    /// without it nothing is resolved (a dateline gives the day and month for `今天`, `昨天` and a
    /// day alone, `財政部18日公布`, which `figures` lists as read; a day alone later than the
    /// dateline's is read in the month before). `policy-lint figures` lists how each relative date, and
    /// each date whose year is the paper's (`as of 10 May`), was read against the paper's date. An event is tied to a relative date only within one clause
    /// and with a verb that says it took place (`舉行`, `held`): `Vision 2030 was launched last
    /// year` names a target, not a time. An event named for one year and held in the next (a
    /// postponed `Expo 2020`) would be reported; two readings of a fiscal year that overlap the
    /// calendar year are not.
    ///
    /// ## Options
    /// - `apposition`: words that equate two dates (`即`, `i.e.`); brackets always do.
    /// - `event-verbs`: verbs that place an event at a time (`舉行`, `held`).
    /// - `not-name-before`: characters and words before a bare year that make it a date, not part
    ///   of a name (`於`, `in`).
    pub struct RelativeDate {
        apposition: WordList,
        event_verbs: WordList,
        not_name_before: WordList,
    }
}

rule_config! {
    pub struct Config {
        pub apposition: Option<Vec<String>>,
        pub event_verbs: Option<Vec<String>>,
        pub not_name_before: Option<Vec<String>>,
    }
}

impl RuleDef for RelativeDate {
    type Config = Config;
    const GROUP: Group = Group::Dates;
    fn build(c: &Config) -> Result<Self, String> {
        Ok(RelativeDate {
            apposition: WordList::new(required(&c.apposition, "apposition")?),
            event_verbs: WordList::new(required(&c.event_verbs, "event-verbs")?),
            not_name_before: WordList::new(required(&c.not_name_before, "not-name-before")?),
        })
    }
}

/// How an explicit date is tied to the relative one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tie {
    /// `去年（2018 年）`
    Apposition,
    /// `「香港金融科技周 2019」於今年 11 月舉行`
    Event,
}

impl Rule for RelativeDate {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        days(doc, claims.days(), cx);
        let Some(paper) = &doc.date else {
            return;
        };
        // Every date read against the paper's: a relative one (`去年 12 月`, `last year`), or one
        // whose year is the paper's (`as of 10 May`), told as before or on the paper's date.
        for m in doc.dates.iter().filter(|m| matches!(m.year, YearSource::Relative | YearSource::Assumed)) {
            if paper.span.is_some_and(|s| s == m.span) {
                continue;
            }
            let spans = std::iter::once(m.span).chain(paper.span).collect();
            let how =
                if m.year == YearSource::Relative { "is" } else { "without a year, read in the paper's year, is" };
            let reading = format!(
                "`{}` {how} {}, against the paper's date, {}",
                m.text,
                show_period(m.start, m.end),
                show_paper(paper)
            );
            if m.start <= paper.last {
                cx.checked_spans(format!("{reading}: not after it"), true, spans);
            } else {
                cx.skipped_spans(format!("{reading}: after it, a time still to come"), spans);
            }
        }
        for s in &doc.sentences {
            let ms = doc.dates_in(&s.norm);
            for (k, r) in ms.iter().enumerate() {
                if r.year != YearSource::Relative {
                    continue;
                }
                for (j, e) in ms.iter().enumerate() {
                    if j == k || e.year != YearSource::Explicit || e.norm.end > s.norm.end {
                        continue;
                    }
                    let tie = if j.abs_diff(k) == 1 && self.appositive(doc, r, e) {
                        Tie::Apposition
                    } else if self.event_of(doc, r, e, &ms[k.min(j)..=k.max(j)], s.norm.end) {
                        Tie::Event
                    } else {
                        continue;
                    };
                    let overlap = r.start <= e.end && e.start <= r.end;
                    cx.checked_at(format!("`{}` against `{}`", r.text, e.text), overlap, r.span);
                    if !overlap {
                        cx.report(finding(doc, r, e, tie));
                    }
                }
            }
        }
    }
}

/// `1st`, `2nd`, `3rd`, `9th`, `11th`, `22nd`.
fn ordinal(n: i8) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A day as read: `9 Sep 2025`, or `9 Sep` when the year is not known.
fn show_day(d: jiff::civil::Date, year_known: bool) -> String {
    let full = show_period(d, d);
    if year_known { full } else { full.rsplit_once(' ').map_or(full.clone(), |(md, _)| md.to_owned()) }
}

/// Each day named against the paper's date or dateline (`財政部18日公布`, `昨天`), listed as
/// read; one written with `今`/`昨` and its day (`今（9）日`) judged.
fn days(doc: &Document, days: &Days, cx: &mut Context) {
    let Some(a) = &days.anchor else { return };
    let whose = if a.dateline { "the dateline's day" } else { "the paper's date" };
    let anchor = format!("{whose}, {}", show_day(a.date, a.year_known));
    for r in &days.refs {
        let at = doc.span(r.norm.clone());
        let spans: Vec<Span> = std::iter::once(at).chain(a.span).collect();
        let written = doc.norm_text(&r.norm);
        let read = show_day(r.date, a.year_known);
        let (Some(offset), Some(day)) = (r.offset, r.stated) else {
            cx.checked_spans(format!("`{written}` is {read}, against {anchor}"), true, spans);
            continue;
        };
        let ok = r.date.day() == day;
        cx.checked_spans(
            format!(
                "`{written}` names the {}; {read} is the {}, against {anchor}",
                ordinal(day),
                ordinal(r.date.day())
            ),
            ok,
            spans,
        );
        if !ok {
            let which = match offset {
                0 => "today",
                -1 => "yesterday",
                _ => "the day before yesterday",
            };
            let so = if offset == 0 { String::new() } else { format!(", so {which} is the {}", ordinal(r.date.day())) };
            let mut f = Finding::new(
                format!(
                    "`{written}` says {which} is the {}, but {whose} is {}{so}",
                    ordinal(day),
                    show_day(a.date, a.year_known)
                ),
                Label::new(at, format!("{which} is the {}", ordinal(r.date.day()))),
            );
            if let Some(s) = a.span {
                f = f.label(Label::new(s, show_day(a.date, a.year_known)));
            }
            cx.report(f.help(format!(
                "against {anchor}, {which} is the {}; one of the day and the word before it is wrong",
                ordinal(r.date.day())
            )));
        }
    }
}

impl RelativeDate {
    /// `去年（2018 年）`, `2018 年（去年）`, `last year (2018)`, `今年，即 2019 年`.
    fn appositive(&self, doc: &Document, r: &DateMention, e: &DateMention) -> bool {
        let (first, second) = if r.norm.start < e.norm.start { (r, e) } else { (e, r) };
        let t = &doc.norm.text;
        let Some(mid) = t.get(first.norm.end..second.norm.start) else {
            return false;
        };
        // `this year's (2019) figures`
        let mid = mid.trim().trim_start_matches("'s").trim_start_matches("’s").trim();
        let after = t.get(second.norm.end..).unwrap_or("").trim_start();
        let bracketed = matches!(mid, "(" | "（") && after.starts_with([')', '）']);
        let said = !mid.is_empty() && {
            let m = mid.trim_start_matches([',', '，', '(', '（']).trim();
            self.apposition.at(m, 0).is_some_and(|n| m[n..].trim().trim_end_matches(',').is_empty())
        };
        bracketed || said
    }

    /// Is `e` the year an event is named for, and `r` when it took place? Both in one clause,
    /// no other date between them, and a verb of taking place in the clause.
    fn event_of(&self, doc: &Document, r: &DateMention, e: &DateMention, span: &[DateMention], end: usize) -> bool {
        if span.len() != 2 || !matches!(e.granularity, Granularity::Year | Granularity::FiscalYear) {
            return false;
        }
        if !self.names_event(doc, e) {
            return false;
        }
        let t = &doc.norm.text;
        let (a, b) = if r.norm.start < e.norm.start { (r.norm.end, e.norm.start) } else { (e.norm.end, r.norm.start) };
        let Some(between) = t.get(a..b) else {
            return false;
        };
        if between.contains(is_clause_end) {
            return false;
        }
        let head = &t[..a.min(b)];
        let clause_start =
            head.rfind(is_clause_end).map_or(0, |k| k + head[k..].chars().next().map_or(1, char::len_utf8));
        let rest = t.get(b..end).unwrap_or("");
        let clause_end = b + rest.find(is_clause_end).unwrap_or(rest.len());
        let clause = t.get(clause_start..clause_end).unwrap_or("");
        !self.event_verbs.find_all(clause).is_empty()
    }

    /// A year that is part of a name: `香港金融科技周 2019`, `Fintech Week 2019`, `《2019 年施政
    /// 報告》`, `2019 年《施政報告》`, `the 2020-21 Budget`.
    fn names_event(&self, doc: &Document, e: &DateMention) -> bool {
        let t = &doc.norm.text;
        let before = t[..e.norm.start].trim_end_matches(' ');
        let after = t[e.norm.end..].trim_start_matches(' ');
        let quote_open = |c: char| matches!(c, '《' | '「' | '『' | '“' | '"' | '〈');
        if before.ends_with(quote_open) || after.starts_with(quote_open) {
            return true;
        }
        let bare_year = e.text.len() == 4 && e.text.bytes().all(|b| b.is_ascii_digit());
        if !bare_year {
            // `the 2020-21 Budget`, `the 2019 Policy Address`
            let the = before.get(before.len().saturating_sub(4)..).is_some_and(|w| w.eq_ignore_ascii_case(" the"))
                || before.eq_ignore_ascii_case("the");
            return the && after.starts_with(|c: char| c.is_ascii_uppercase());
        }
        if self.not_name_before.ends(before).is_some() {
            return false;
        }
        match before.chars().next_back() {
            Some(c) if crate::parse::chars::is_han(c) => true,
            Some(c) if c.is_ascii_alphabetic() => {
                let word: String = before.chars().rev().take_while(char::is_ascii_alphabetic).collect();
                word.chars().next_back().is_some_and(|c| c.is_ascii_uppercase())
            }
            _ => false,
        }
    }
}

fn finding(doc: &Document, r: &DateMention, e: &DateMention, tie: Tie) -> Finding {
    let reading = relative_reading(r, doc).unwrap_or_else(|| format!("`{}` is {}", r.text, show_mention(r)));
    let (label, how) = match tie {
        Tie::Apposition => ("the same time, written out", format!("the same sentence says it is {}", show_mention(e))),
        Tie::Event => ("the event's year", format!("the event it dates is named for {}", show_mention(e))),
    };
    Finding::new(
        format!("`{}` does not match {} in the same sentence", r.text, e.text),
        Label::new(r.span, format!("read as {}", crate::claims::dates::show_period(r.start, r.end))),
    )
    .label(Label::new(e.span, label))
    .help(format!("{reading}, but {how}; the relative date or the year is wrong (or the paper's date is)"))
}
