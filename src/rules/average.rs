use crate::claims::Claims;
use crate::claims::averages::Average;
use crate::claims::support::{plain, shown};
use crate::diagnostic::{Finding, Label};
use crate::document::Document;
use crate::quantity::{Q, fmt_grouped, parse_decimal};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a stated average that its total divided by its count cannot give, within the
    /// rounding of all three.
    ///
    /// ## Why is this bad?
    /// An average is the one figure a reader can recompute from two others on the same line.
    /// When the total or the count is revised and the average is not, the sentence contradicts
    /// itself.
    ///
    /// ## Example
    /// ```text
    /// 資助360萬元，只有9個項目可獲資助，平均每個項目也只得50萬元      (360 ÷ 9 = 40)
    /// The programme gave $2.4 million to 12 projects, an average of $300,000 per project
    ///     (2,400,000 ÷ 12 = 200,000)
    /// ```
    ///
    /// Read: an average the paper marks as one (`平均每`, `人均`, `每人平均`, `an average of`,
    /// `averaging`, `on average`) and names what it is per (`每個項目`, `per project`, `per
    /// capita`, `每年`); its total, a figure of the same unit or currency before it in its
    /// sentence; and its count, a count of what it is per (`9個項目`, `一亿二千万农户`, `12
    /// projects`) or, per year or month, a length of time over which a total is stated
    /// (`五年累計投入500億元，平均每年100億元`). The words are `rules/averages.toml`.
    ///
    /// ## What it does not check
    /// An average whose total or count is stated in another sentence, or not at all; averages of
    /// rates (`平均每年增長8.3%`). Where several figures of the unit could be the total and the
    /// words before the average (`按年底存栏数`) do not tell which, or counts of different values
    /// fit, the average is listed in `policy-lint figures` as not judged.
    pub struct AverageRule {}
}

rule_config! {
    pub struct Config {}
}

impl RuleDef for AverageRule {
    type Config = Config;
    const GROUP: Group = Group::Arithmetic;
    fn build(_: &Config) -> Result<Self, String> {
        Ok(AverageRule {})
    }
}

impl AverageRule {
    fn evaluate(&self, doc: &Document, a: &Average, cx: &mut Context) {
        let (avg, total, count) = (&doc.figures[a.average], &doc.figures[a.total], &doc.figures[a.count]);
        let figures = vec![a.average, a.total, a.count];
        let relation = format!("{} ÷ {} against {} per {}", plain(total), plain(count), plain(avg), a.per);
        if let Some(why) = &a.doubt {
            cx.skipped(format!("{relation}: {why}"), figures);
            return;
        }
        let Some(quotient) = total.interval.div(&count.interval) else {
            cx.skipped(format!("{relation}: the count may be zero"), figures);
            return;
        };
        if quotient.intersects(&avg.interval) {
            cx.checked(relation, true, figures);
            return;
        }
        cx.checked(relation, false, figures);
        if count.value.is_zero() {
            return;
        }
        // On the scale the total and the average share (`480萬元` and `50萬元`: 480 ÷ 12 = 40),
        // else in full values.
        let names = shown(doc, &[total, avg]);
        let scale = match parse_decimal(&names[0].replace(',', "")) {
            Some((digits, _)) if names[0] != plain(total) && !digits.is_zero() => &total.value / &digits,
            _ => Q::one(),
        };
        let on_scale = |v: &Q| {
            let v = v / &scale;
            fmt_grouped(&v, decimals(&v))
        };
        let shown_q = on_scale(&(&total.value / &count.value));
        let arithmetic = format!("{} ÷ {} = {shown_q}", names[0], plain(count));
        let message = format!(
            "stated average of {} per {} does not match its total and count: {arithmetic}",
            avg.text(doc),
            a.per
        );
        let mut help = format!("{arithmetic}; stated {}", names[1]);
        if let (Some(lo), Some(hi)) = (&quotient.lo, &quotient.hi)
            && lo != hi
        {
            help.push_str(&format!(
                ". Within the rounding of the figures the average is between {} and {}",
                on_scale(lo),
                on_scale(hi)
            ));
        }
        cx.report(
            Finding::new(message, Label::new(avg.span, "stated average"))
                .label(Label::new(total.span, "total"))
                .label(Label::new(count.span, "count"))
                .help(help),
        );
    }
}

/// Enough decimals to show an average: none for large values, two for small ones.
fn decimals(q: &Q) -> u32 {
    if q.abs() >= crate::quantity::int(100) { 0 } else { 2 }
}

impl Rule for AverageRule {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        for a in claims.averages() {
            self.evaluate(doc, a, cx);
        }
    }
}
