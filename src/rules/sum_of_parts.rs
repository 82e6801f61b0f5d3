use crate::claims::Claims;
use crate::claims::parts::{Breakdown, in_magnitude, operands, sum};
use crate::diagnostic::{Finding, Label};
use crate::document::Document;
use crate::quantity::{Interval, Q};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, q_from_f64, required, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a stated total that its enumerated parts do not add up to, within the rounding of
    /// every figure: the parts of a complete breakdown must sum to the total, and the parts of a
    /// partial one (`包括`, `including`) must not sum to more than it.
    ///
    /// ## Why is this bad?
    /// A breakdown that does not add up means one of its figures was revised and the others were
    /// not. Readers add up breakdowns; a paper whose parts miss its total loses their trust.
    ///
    /// ## Example
    /// ```text
    /// 向八家虛擬銀行發出牌照 … 一家已正式開業，另有四家 … 其餘三家     (1 + 4 + 3 = 8: fine)
    /// 議員提出22項質詢(6項口頭質詢及15項書面質詢)                    (6 + 15 = 21, not 22)
    /// $76.6 billion (comprising $75.0 billion … and $1.6 billion …)   (76.6: fine by rounding)
    /// ```
    ///
    /// Recognised breakdowns: a total followed by `其中`, `當中`, `包括`, `including`, `of which`,
    /// `comprising` or a bracket, and parts joined by `、`, `及`, `and`, continued by `另有` and
    /// closed by `其餘`, `另外`, `the remaining`; a chain closed by `其餘` whose total is the nearest
    /// earlier count of the same noun; the figure each enumerated item (`(一)`, `(a)`) opens with,
    /// against the total in the words that introduce the items; the column above a table's
    /// `TOTAL` row; the members of a whole a reader knows (`rules/partitions.toml`: `出口` and
    /// `進口`, `中央` and `地方`, `稅收` and `非稅`, male and female) named one after the other,
    /// after `其中` or after the whole with no opening word (`全國一般公共預算收入 46203 億元。…全國
    /// 稅收收入 40812 億元；非稅收入 5391 億元`). A breakdown is complete when it says so
    /// (`comprising`, `其餘`, a bracket with only the parts in it, a total row, every member of
    /// a known whole); otherwise it is partial.
    ///
    /// ## What it does not check
    /// A part larger than its total on its own is left to `subset-exceeds-total`; a whole's rate
    /// of change against its parts' rates to `comparison`. Parts of a
    /// partial list that say what they involve (`60 宗涉及詐騙，50 宗涉及洗錢`) may overlap and are
    /// not summed. Parts that are
    /// not joined to the total by a word in the same paragraph (a total in one paragraph and its
    /// parts as items after an unrelated sentence) are not recognised. An average per item over
    /// a subset of the items (`審議一個項目平均需要約1小時21分鐘` over the items discussed, not
    /// all 66) is not a sum and is not checked. Percentages are never summed.
    ///
    /// ## Options
    /// - `tolerance`: extra slack as a fraction of the total, beyond the stated rounding
    ///   (default 0).
    pub struct SumOfParts {
        tolerance: Q,
    }
}

rule_config! {
    pub struct Config {
        pub tolerance: Option<f64>,
    }
}

impl RuleDef for SumOfParts {
    type Config = Config;
    const GROUP: Group = Group::Arithmetic;
    fn build(c: &Config) -> Result<Self, String> {
        let tolerance = q_from_f64(required(&c.tolerance, "tolerance")?)?;
        if tolerance < Q::from_integer(0.into()) {
            return Err("`tolerance` must not be negative".into());
        }
        Ok(SumOfParts { tolerance })
    }
}

impl Rule for SumOfParts {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        for b in claims.breakdowns() {
            if b.parts.len() >= 2 {
                self.evaluate(doc, b, cx);
            }
        }
    }
}

impl SumOfParts {
    fn evaluate(&self, doc: &Document, b: &Breakdown, cx: &mut Context) {
        let total = &doc.figures[b.total];
        let figs: Vec<usize> = std::iter::once(b.total).chain(b.parts.iter().copied()).collect();
        let shown = operands(doc, &figs.iter().map(|&i| &doc.figures[i]).collect::<Vec<_>>());
        let (total_shown, parts_shown) = (&shown[0], &shown[1..]);
        let sum_mid = b.parts.iter().fold(Q::from_integer(0.into()), |acc, &p| acc + &doc.figures[p].value);
        let sum_shown = in_magnitude(doc, &sum_mid, total);
        let arithmetic = format!("{} = {sum_shown}", parts_shown.join(" + "));
        let kind = if b.closed { "all of" } else { "part of" };
        let relation = format!("{arithmetic} against the total {total_shown} ({kind}, {})", b.how());

        if let Some(doubt) = &b.doubt {
            cx.skipped(format!("{relation}: {doubt}"), figs);
            return;
        }
        let whole = total.interval.widen(&(total.value.abs() * &self.tolerance));
        if b.parts.iter().any(|&p| exceeds(&doc.figures[p].interval, &whole)) {
            cx.skipped(format!("{relation}: a single part exceeds the total, left to subset-exceeds-total"), figs);
            return;
        }
        if !b.closed && b.may_overlap(doc) {
            cx.skipped(format!("{relation}: the parts say what they involve and may overlap"), figs);
            return;
        }
        let parts_sum = sum(doc, &b.parts);
        let consistent = if b.closed { parts_sum.intersects(&whole) } else { !exceeds(&parts_sum, &whole) };
        cx.checked(relation, consistent, figs);
        if !consistent {
            cx.report(finding(doc, b, &arithmetic, &sum_shown, total_shown, &parts_sum));
        }
    }
}

fn finding(
    doc: &Document,
    b: &Breakdown,
    arithmetic: &str,
    sum_shown: &str,
    total_shown: &str,
    parts_sum: &Interval,
) -> Finding {
    let total = &doc.figures[b.total];
    let message = if b.closed {
        format!("the parts add up to {sum_shown}, not the stated total of {total_shown}")
    } else {
        format!("the parts add up to {sum_shown}, more than the stated total of {total_shown}")
    };
    let mut help = format!("{arithmetic}; stated total {total_shown}");
    if !parts_sum.is_point()
        && let (Some(lo), Some(hi)) = (&parts_sum.lo, &parts_sum.hi)
    {
        help.push_str(&format!(
            ". Within the rounding of the parts they add up to between {} and {}",
            in_magnitude(doc, lo, total),
            in_magnitude(doc, hi, total)
        ));
    }
    help.push_str(&format!(
        ". The parts are read as {} of the total from {}",
        if b.closed { "all" } else { "part" },
        b.how()
    ));
    let mut f = Finding::new(message, Label::new(total.span, "stated total")).help(help);
    for &p in &b.parts {
        f = f.label(Label::new(doc.figures[p].span, "part"));
    }
    f
}

/// Is every value of `part` above every value of `whole`?
pub fn exceeds(part: &Interval, whole: &Interval) -> bool {
    matches!((&part.lo, &whole.hi), (Some(p), Some(w)) if p > w)
}
