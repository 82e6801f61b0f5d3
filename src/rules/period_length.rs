use crate::claims::Claims;
use crate::claims::dates::show_period;
use crate::claims::lengths::{Length, Unit};
use crate::diagnostic::{Finding, Label};
use crate::document::{Document, YearSource};
use crate::quantity::{Interval, Q, fmt_q};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a period stated with a length it does not run: `will last 6 years from 2001 to
    /// 2005`, `for the next four years (2012-2016)`, `在 2007年至 2011年的 6年間`, `過去三年（2016至
    /// 2020年）`.
    ///
    /// ## Why is this bad?
    /// One of the three figures is wrong: a year of the period, or its length. A reader who adds
    /// up a yearly figure over the period, or divides a total by its length, gets a different
    /// answer depending on which one they trust.
    ///
    /// ## Example
    /// ```text
    /// The plan will last 5 years from 2001 to 2005.        (fine: 2001, 2002, … 2005)
    /// 在 1998年至 2008年這 10年間，當局進行多次諮詢。      (fine: ten years from start to start)
    /// 在 2007年至 2011年的 6年間，證監會共處理 300 宗個案。 (2007 to 2011 is five years)
    /// ```
    ///
    /// ## What it does not check
    /// Papers count a period's years both ways: with both ends (2007 to 2011 is five years) and
    /// from start to start (1998 to 2008 is ten). Either is accepted, with half a unit either way
    /// (`the last 12 months` for 1 March 1993 to 28 February 1994). The length must stand straight
    /// before the period's start or after its end with only a few words between (`from`, `(`,
    /// `的`, `這`: `rules/lengths.toml`), or be an English compound before it (`the five-year
    /// period from 2015 to 2019`); a length elsewhere in the sentence is not read. A length
    /// that belongs to something else (`3年期國債`, `a 10-year bond`) is not a period's length. A
    /// period whose year is only assumed from the paper's date is skipped.
    pub struct PeriodLength {}
}

rule_config! {
    pub struct Config {}
}

impl RuleDef for PeriodLength {
    type Config = Config;
    const GROUP: Group = Group::Dates;
    fn build(_: &Config) -> Result<Self, String> {
        Ok(PeriodLength {})
    }
}

impl Rule for PeriodLength {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        for l in claims.lengths() {
            check(doc, l, cx);
        }
    }
}

/// The length from `a` to `b` in `unit`, counted in calendar units (1 April 2002 to 1 April 2006
/// is four years exactly), what is left over as a fraction of a mean unit.
fn length(a: jiff::civil::Date, b: jiff::civil::Date, unit: Unit) -> Option<f64> {
    let largest = match unit {
        Unit::Year => jiff::Unit::Year,
        Unit::Month => jiff::Unit::Month,
        Unit::Week | Unit::Day => jiff::Unit::Day,
    };
    let s = b.since((largest, a)).ok()?;
    let days = f64::from(s.get_years()) * 365.2425 + f64::from(s.get_months()) * 30.436875 + f64::from(s.get_days());
    let exact = match unit {
        Unit::Year => {
            f64::from(s.get_years()) + (f64::from(s.get_months()) + f64::from(s.get_days()) / 30.436875) / 12.0
        }
        Unit::Month => f64::from(s.get_months()) + f64::from(s.get_days()) / 30.436875,
        Unit::Week => days / 7.0,
        Unit::Day => days,
    };
    Some(exact)
}

fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Year => "years",
        Unit::Month => "months",
        Unit::Week => "weeks",
        Unit::Day => "days",
    }
}

fn check(doc: &Document, l: &Length, cx: &mut Context) {
    let r = &doc.date_ranges[l.range];
    let (span, stated) = (doc.span(l.norm.clone()), doc.norm_text(&l.norm));
    let spans = vec![span, r.from.span, r.to.span];
    let relation = format!("{stated} for `{}` to `{}`", r.from.text, r.to.text);
    if [r.from.year, r.to.year].contains(&YearSource::Assumed) {
        cx.skipped_spans(format!("{relation}: the year is only assumed"), spans);
        return;
    }
    // A period that runs backwards is `date-range-order`'s.
    if r.from.start > r.to.start {
        return;
    }
    let Ok(after_end) = r.to.end.tomorrow() else { return };
    // The period's length in the stated unit, counted with both ends and from start to start.
    let (Some(both), Some(starts)) =
        (length(r.from.start, after_end, l.unit), length(r.from.start, r.to.start, l.unit))
    else {
        return;
    };
    let (Some(lo), Some(hi)) = (Q::from_float(starts - 0.5), Q::from_float(both + 0.5)) else { return };
    let runs = Interval::new(lo, hi);
    let fits = runs.intersects(&l.stated);
    let unit = unit_name(l.unit);
    let shown = |x: f64| Q::from_float((x * 10.0).round() / 10.0).map_or_else(String::new, |q| fmt_q(&q, 1));
    let (b, s) = (shown(both), shown(starts));
    let lengths =
        if b == s { format!("{b} {unit}") } else { format!("{b} {unit} counting both ends, {s} from start to start") };
    cx.checked_spans(
        format!("{relation}: {} runs {lengths}", show_period(r.from.start, r.to.end)),
        fits,
        spans.clone(),
    );
    if fits {
        return;
    }
    cx.report(
        Finding::new(
            format!("the stated length ({stated}) does not fit the period from `{}` to `{}`", r.from.text, r.to.text),
            Label::new(span, "stated length"),
        )
        .label(Label::new(r.from.span, "start"))
        .label(Label::new(r.to.span, "end"))
        .help(format!(
            "{} runs {lengths}; the paper says {stated}: a year of the period or its length is wrong",
            show_period(r.from.start, r.to.end),
        )),
    );
}
