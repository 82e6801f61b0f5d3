use std::ops::Range;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::claims::Claims;
use crate::claims::dates::{is_clause_end, own_year, show_mention};
use crate::claims::support::WordList;
use crate::diagnostic::{Finding, Label};
use crate::document::{DateMention, Document, Figure, FigureKind, Granularity};
use crate::quantity::{Interval, Q, fmt_q, int};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, required, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags an explicit ordering of two dated events that the dates contradict: `launched in
    /// March, two months after its approval in June`; `計劃於 2019 年 9 月推出，較其 2019 年 5
    /// 月的試行更早`; `completed in 2018, before the review in 2017`.
    ///
    /// ## Why is this bad?
    /// When the words say one thing came first and the dates say the other, one of the dates is
    /// wrong, and so is everything a reader works out from it (how long a pilot ran, whether a
    /// scheme was approved before it started).
    ///
    /// ## Example
    /// ```text
    /// The scheme was launched in March, two months after its approval in June.
    ///     (March is three months before June, or nine after the June before)
    /// ```
    ///
    /// ## What it does not check
    /// Without a stated interval, both dates must carry their own year (written, or relative to
    /// the paper's date): `launched in March, after its approval in June` is true if the approval
    /// was the June before. With an interval in months, weeks or days, dates without a year are
    /// checked against every year that could be meant. Only the words listed below are read as an
    /// ordering; `later` and `after` followed by a comma (`two years after, in 2021`) refer to
    /// something else and are skipped, as are deadlines (`no later than`). Stated intervals are
    /// read with one unit of slack (`two months` allows 1 to 3).
    ///
    /// ## Options
    /// - `after`, `before`: words between two dates that order them (`after`, `晚於`; `before`,
    ///   `早於`).
    /// - `comparative`, `earlier`, `later`: the frame `A 較 B 早/晚` (`較`, `比`).
    /// - `not-earlier`, `not-later`: words that start with `早`/`晚` without ordering (`早日`).
    /// - `deadlines`: phrases that make the word a deadline (`no later than`).
    pub struct DateOrder {
        after: WordList,
        before: WordList,
        comparative: WordList,
        earlier: WordList,
        later: WordList,
        not_earlier: WordList,
        not_later: WordList,
        deadlines: WordList,
    }
}

rule_config! {
    pub struct Config {
        pub after: Option<Vec<String>>,
        pub before: Option<Vec<String>>,
        pub comparative: Option<Vec<String>>,
        pub earlier: Option<Vec<String>>,
        pub later: Option<Vec<String>>,
        pub not_earlier: Option<Vec<String>>,
        pub not_later: Option<Vec<String>>,
        pub deadlines: Option<Vec<String>>,
    }
}

impl RuleDef for DateOrder {
    type Config = Config;
    const GROUP: Group = Group::Dates;
    fn build(c: &Config) -> Result<Self, String> {
        let list = |v: &Option<Vec<String>>, name: &str| required(v, name).map(WordList::new);
        Ok(DateOrder {
            after: list(&c.after, "after")?,
            before: list(&c.before, "before")?,
            comparative: list(&c.comparative, "comparative")?,
            earlier: list(&c.earlier, "earlier")?,
            later: list(&c.later, "later")?,
            not_earlier: list(&c.not_earlier, "not-earlier")?,
            not_later: list(&c.not_later, "not-later")?,
            deadlines: list(&c.deadlines, "deadlines")?,
        })
    }
}

/// An interval stated with an ordering: `two months` in `two months after`.
struct Gap<'d> {
    figure: &'d Figure,
    unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn of(f: &Figure) -> Option<Unit> {
        let FigureKind::Duration { unit } = &f.kind else {
            return None;
        };
        Some(match unit.as_str() {
            "天" | "日" | "day" | "days" => Unit::Day,
            "星期" | "週" | "周" | "week" | "weeks" => Unit::Week,
            "個月" | "个月" | "month" | "months" => Unit::Month,
            "年" | "year" | "years" => Unit::Year,
            _ => return None,
        })
    }
    /// The shortest and longest a unit can be, in days.
    fn days(self) -> (i64, i64) {
        match self {
            Unit::Day => (1, 1),
            Unit::Week => (7, 7),
            Unit::Month => (28, 31),
            Unit::Year => (365, 366),
        }
    }
}

/// One stated ordering: `a` is said to come after (or before) `b`.
struct Order<'d> {
    a: &'d DateMention,
    b: &'d DateMention,
    /// `a` is later than `b`.
    later: bool,
    gap: Option<Gap<'d>>,
    /// Normalised range of the ordering words (the stated interval included).
    words: Range<usize>,
}

impl Rule for DateOrder {
    fn check(&self, doc: &Document, _claims: &Claims, cx: &mut Context) {
        for s in &doc.sentences {
            for o in self.orders(doc, &s.norm) {
                let relation = format!("`{}` {} `{}`", o.a.text, doc.norm_text(&o.words), o.b.text);
                match consistent(&o) {
                    None => cx.skipped_at(format!("{relation}: no year to compare"), o.a.span),
                    Some(true) => cx.checked_at(relation, true, o.a.span),
                    Some(false) => {
                        cx.checked_at(relation, false, o.a.span);
                        cx.report(finding(doc, &o));
                    }
                }
            }
        }
    }
}

impl DateOrder {
    /// Every ordering of two dates in a sentence.
    fn orders<'d>(&self, doc: &'d Document, s: &Range<usize>) -> Vec<Order<'d>> {
        let t = &doc.norm.text;
        let Some(text) = t.get(s.clone()) else {
            return Vec::new();
        };
        let ms = doc.dates_in(s);
        // Every ordering relates two of the sentence's dates.
        if ms.len() < 2 {
            return Vec::new();
        }
        let mut out = Vec::new();
        // `A … after B`, `A 早於 B`
        for (later, list) in [(true, &self.after), (false, &self.before)] {
            for w in list.find_all(text) {
                let w = s.start + w.start..s.start + w.end;
                if self.is_deadline(t, &w) || t[w.end..].trim_start_matches(' ').starts_with(is_clause_end) {
                    continue;
                }
                let Some(a) = ms.iter().rev().find(|m| m.norm.end <= w.start) else {
                    continue;
                };
                let Some(b) = ms.iter().find(|m| m.norm.start >= w.end) else {
                    continue;
                };
                let gap = gap_before(doc, a.norm.end..w.start);
                let lead_end = gap.as_ref().map_or(w.start, |g| g.figure.norm.start);
                let tail = &t[w.end..b.norm.start];
                if !close_after(&t[a.norm.end..lead_end]) || tail.len() > 48 || tail.contains(is_clause_end) {
                    continue;
                }
                let start = gap.as_ref().map_or(w.start, |g| g.figure.norm.start);
                out.push(Order { a, b, later, gap, words: start..w.end });
            }
        }
        // `A 較（其）B（的…）更早`
        for c in self.comparative.find_all(text) {
            let c = s.start + c.start..s.start + c.end;
            let Some(a) = ms.iter().rev().find(|m| m.norm.end <= c.start) else {
                continue;
            };
            let Some(b) = ms.iter().find(|m| m.norm.start >= c.end) else {
                continue;
            };
            let mid = &t[c.end..b.norm.start];
            if !close_after(&t[a.norm.end..c.start]) || mid.len() > 24 || mid.contains(is_clause_end) {
                continue;
            }
            // 早/晚 within a few characters after B, in its clause.
            let after: String = t[b.norm.end..].chars().take(8).take_while(|&c| !is_clause_end(c)).collect();
            let found = [(false, &self.earlier, &self.not_earlier), (true, &self.later, &self.not_later)]
                .into_iter()
                .find_map(|(later, words, not)| {
                    let r = words.find_all(&after).into_iter().next()?;
                    (not.at(&after, r.start).is_none()).then_some((later, r))
                });
            let Some((later, r)) = found else {
                continue;
            };
            if ms.iter().any(|m| m.norm.start > b.norm.start && m.norm.start < b.norm.end + r.end) {
                continue;
            }
            let mut w = b.norm.end + r.start..b.norm.end + r.end;
            // `更早`, `較早`
            if let Some(p) = ["更", "較", "较", "要"].iter().find(|p| t[..w.start].ends_with(**p)) {
                w.start -= p.len();
            }
            let gap = gap_after(doc, w.end);
            let end = gap.as_ref().map_or(w.end, |g| g.figure.norm.end);
            out.push(Order { a, b, later, gap, words: w.start..end });
        }
        out
    }

    fn is_deadline(&self, t: &str, w: &Range<usize>) -> bool {
        let from = t[..w.start].char_indices().rev().nth(12).map_or(0, |(k, _)| k);
        let window = &t[from..w.end];
        self.deadlines.find_all(window).iter().any(|r| from + r.end >= w.end)
    }
}

/// Is the ordering word close enough to the first date to be about it? In English, nothing but a
/// comma between them (`in March, two months after`); in Chinese, a short verb phrase and a comma
/// (`2019 年 9 月推出第二階段，較`). Never a clause of its own (`April—June, 1956, and assuming
/// no call-ups take place after 1st April, 1958`).
fn close_after(lead: &str) -> bool {
    // English: only a comma or a space (`in March, two months after`); a verb between the date and
    // `after` may be what `after` belongs to (`the 2019 figures were revised after 2020`).
    if !lead.chars().any(crate::parse::chars::is_han) {
        return lead.trim_matches([' ', ',', '，']).is_empty();
    }
    match lead.rfind(is_clause_end) {
        None => lead.len() <= 40,
        Some(k) => {
            let after = &lead[k..].chars().skip(1).collect::<String>();
            after.trim().is_empty() && k <= 24 && !lead[..k].contains(is_clause_end)
        }
    }
}

/// A duration figure that ends right before the ordering word: `two months after`.
fn gap_before(doc: &Document, r: Range<usize>) -> Option<Gap<'_>> {
    let f = doc.figures_in(&r).last()?;
    let between = doc.norm.text.get(f.norm.end..r.end)?;
    if !between.trim().is_empty() {
        return None;
    }
    Some(Gap { figure: f, unit: Unit::of(f)? })
}

/// A duration figure right after `早`/`晚`: `早兩個月`.
fn gap_after(doc: &Document, at: usize) -> Option<Gap<'_>> {
    let f = doc.figures.iter().find(|f| f.norm.start >= at && f.norm.start <= at + 1)?;
    Some(Gap { figure: f, unit: Unit::of(f)? })
}

/// Whole days from `b` to `a` (negative when `a` is earlier).
fn days(a: Date, b: Date) -> i64 {
    b.until(a).map_or(0, |s| i64::from(s.get_days()))
}

/// Could the dates be in the stated order (and at the stated interval)? `None` when the years
/// needed to tell are not written.
fn consistent(o: &Order) -> Option<bool> {
    let own = own_year(o.a) && own_year(o.b);
    let coarse = |m: &DateMention| matches!(m.granularity, Granularity::Year | Granularity::FiscalYear);
    let shifts: &[i16] = match (&o.gap, own) {
        (_, true) => &[0],
        (Some(g), false) if g.unit != Unit::Year && !coarse(o.a) && !coarse(o.b) => &[-1, 0, 1],
        _ => return None,
    };
    // The stated interval in days, with one unit of slack either way.
    let claim = match &o.gap {
        Some(g) => {
            let (short, long) = g.unit.days();
            let lo = g.figure.interval.lo.clone().map(|n| n * int(short) - int(long));
            let hi = g.figure.interval.hi.clone().map(|n| n * int(long) + int(long));
            Interval { lo: lo.map(|v| v.max(int(0))), hi }
        }
        // `after` alone: any time later, the same day included.
        None => Interval { lo: Some(int(0)), hi: None },
    };
    let fits = shifts.iter().any(|&k| {
        let shift = k.years();
        let (Ok(a0), Ok(a1)) = (o.a.start.checked_add(shift), o.a.end.checked_add(shift)) else {
            return false;
        };
        // How far `a` is after `b` (or before, for `before`), over every pair of days.
        let (lo, hi) =
            if o.later { (days(a0, o.b.end), days(a1, o.b.start)) } else { (days(o.b.start, a1), days(o.b.end, a0)) };
        claim.intersects(&Interval::new(Q::from_integer(lo.into()), Q::from_integer(hi.into())))
    });
    Some(fits)
}

fn finding(doc: &Document, o: &Order) -> Finding {
    let own = own_year(o.a) && own_year(o.b);
    let (earlier, later) = ("earlier than", "later than");
    let stated = match (&o.gap, o.later) {
        (Some(g), true) => format!("{} later than", g.figure.text(doc)),
        (Some(g), false) => format!("{} earlier than", g.figure.text(doc)),
        (None, true) => later.to_owned(),
        (None, false) => earlier.to_owned(),
    };
    // Without their years, show the dates as written: no year was assumed for the check.
    let show = |m: &DateMention| if own { show_mention(m) } else { m.text.clone() };
    let (a, b) = (show(o.a), show(o.b));
    let actual = if own {
        if o.a.end < o.b.start {
            format!("{a} is earlier")
        } else if o.a.start > o.b.end {
            format!("{a} is later")
        } else {
            "they overlap".to_owned()
        }
    } else {
        // Month by month, for each year the writer could mean.
        let months = |d: Date| i32::from(d.year()) * 12 + i32::from(d.month());
        let diff = months(o.a.start) - months(o.b.start);
        let other = if diff < 0 { diff + 12 } else { diff - 12 };
        let say = |n: i32| match n {
            0 => "the same month".to_owned(),
            n if n > 0 => format!("{n} months later"),
            n => format!("{} months earlier", -n),
        };
        format!("{a} is {} (or {}, a year apart)", say(diff), say(other))
    };
    let gap_note = o
        .gap
        .as_ref()
        .map(|g| format!(" ({} {}, give or take one)", interval_text(&g.figure.interval), unit_name(g.unit)))
        .unwrap_or_default();
    Finding::new(
        format!("the dates contradict the order stated: `{}`", doc.norm_text(&o.words)),
        Label::new(doc.span(o.words.clone()), format!("says {stated}")),
    )
    .label(Label::new(o.a.span, "this"))
    .label(Label::new(o.b.span, "compared with this"))
    .help(format!("the text says {a} is {stated} {b}{gap_note}, but {actual}"))
}

fn interval_text(i: &Interval) -> String {
    match (&i.lo, &i.hi) {
        (Some(a), Some(b)) if a == b => fmt_q(a, 2),
        (Some(a), Some(b)) => format!("{} to {}", fmt_q(a, 2), fmt_q(b, 2)),
        (Some(a), None) => format!("at least {}", fmt_q(a, 2)),
        (None, Some(b)) => format!("at most {}", fmt_q(b, 2)),
        (None, None) => "any number of".into(),
    }
}

fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Day => "days",
        Unit::Week => "weeks",
        Unit::Month => "months",
        Unit::Year => "years",
    }
}
