use crate::claims::Claims;
use crate::claims::changes::Form;
use crate::claims::dates::{own_year, show_mention, show_period};
use crate::claims::quantity::own_period;
use crate::diagnostic::{Finding, Label};
use crate::document::{DateRange, Document};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a period whose start is after its end: `2018 年 7 月至 2017 年 3 月`, `2019 至 2014
    /// 年`, `from 2025-26 to 2020-21`, `between 2019 and 2015`.
    ///
    /// ## Why is this bad?
    /// A range that runs backwards is a typo in one of its years, and every figure said to cover
    /// that period is now attached to a period that does not exist.
    ///
    /// ## Example
    /// ```text
    /// 由 2018 年 7 月至 2017 年 3 月期間，共處理 1 200 宗申請。
    /// The provision covers the years from 2025-26 to 2020-21.
    /// ```
    ///
    /// A change from one figure to another, each with its own period written against it
    /// (`从一九五五年的…增加到了一九五四年的…`, `from 3,496 in 1955 to 5,401 in 1954`), must run
    /// forward in time too.
    ///
    /// ## What it does not check
    /// Both ends must carry their own year (written, or relative to the paper's date): an end
    /// without one (`2019 年 11 月至 2 月`, `November–February 2020`) runs across the new year and
    /// is read that way. A range is reported only when all of its start is after all of its end,
    /// so `FY2021 to FY2020`, whose named years may overlap, is not. English `to` and `and` make a
    /// range only after an opener (`from`, `between`, `over`, `the financial year`, `opens on …
    /// and closes on`); `compared 2020 to 2019` is no range. Chinese `至`, `到` and `起至` make one
    /// (`由 2012 年 10 月 27 日起至 2011 年 10 月 26 日止`), also across an aside in brackets
    /// (`2010 年 11 月 20 日（即翌日）至 2012 年 10 月 26 日期間`). Which words do is the parser's
    /// vocabulary (`range-connectors`, `range-pairs`). `policy-lint figures` lists every period
    /// read, with its verdict.
    pub struct DateRangeOrder {}
}

rule_config! {
    pub struct Config {}
}

impl RuleDef for DateRangeOrder {
    type Config = Config;
    const GROUP: Group = Group::Dates;
    fn build(_: &Config) -> Result<Self, String> {
        Ok(DateRangeOrder {})
    }
}

/// A from–to pair whose operands carry their own periods runs forward in time: `从一九五五年的
/// 三千四百九十六亿斤，增加到了一九五九年的五千四百零一亿斤`. One whose second period ends before
/// the first begins has a slip in a year.
fn backwards_changes(doc: &Document, claims: &Claims, cx: &mut Context) {
    for c in claims.changes().iter().filter(|c| c.form == Form::FromTo) {
        let (Some(a), Some(b)) = (c.base, c.new) else { continue };
        let (fa, fb) = (&doc.figures[a], &doc.figures[b]);
        let (Some(pa), Some(pb)) = (own_period(doc, fa), own_period(doc, fb)) else { continue };
        if pa.norm == pb.norm {
            continue;
        }
        let (ta, tb) = (doc.norm_text(&pa.norm).trim(), doc.norm_text(&pb.norm).trim());
        let relation = format!(
            "a change from `{ta}` ({}) to `{tb}` ({})",
            show_period(pa.start, pa.end),
            show_period(pb.start, pb.end)
        );
        let backwards = pb.end < pa.start;
        let spans = vec![doc.span(pa.norm.clone()), doc.span(pb.norm.clone())];
        cx.checked_spans(relation, !backwards, spans.clone());
        if backwards {
            cx.report(
                Finding::new(
                    format!("the change runs back in time: from `{ta}` to `{tb}`"),
                    Label::new(spans[1], "ends before the start"),
                )
                .label(Label::new(spans[0], "the start"))
                .label(Label::new(fa.span, "from"))
                .label(Label::new(fb.span, "to"))
                .help(format!(
                    "a change from {} to {} runs from {} to {}: one of the years is a slip",
                    fa.text(doc),
                    fb.text(doc),
                    show_period(pa.start, pa.end),
                    show_period(pb.start, pb.end)
                )),
            );
        }
    }
}

impl Rule for DateRangeOrder {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        backwards_changes(doc, claims, cx);
        for r in &doc.date_ranges {
            let relation = format!("`{}` {} `{}`", r.from.text, doc.original(r.connector).trim(), r.to.text);
            let spans = vec![r.from.span, r.to.span];
            if !own_year(&r.from) || !own_year(&r.to) {
                cx.skipped_spans(format!("{relation}: an end whose year is not written"), spans);
                continue;
            }
            let backwards = r.from.start > r.to.end;
            cx.checked_spans(
                format!(
                    "{relation}: {} to {}",
                    show_period(r.from.start, r.from.end),
                    show_period(r.to.start, r.to.end)
                ),
                !backwards,
                spans,
            );
            if backwards {
                cx.report(finding(r));
            }
        }
    }
}

fn finding(r: &DateRange) -> Finding {
    Finding::new("period ends before it starts", Label::new(r.to.span, "end"))
        .label(Label::new(r.from.span, "start"))
        .help(format!(
            "the period runs from {} to {}, but its end comes before its start; one of the years is likely wrong",
            show_mention(&r.from),
            show_mention(&r.to)
        ))
}
