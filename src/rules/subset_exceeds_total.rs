use crate::claims::Claims;
use crate::claims::parts::{Breakdown, operands};
use crate::diagnostic::{Finding, Label};
use crate::document::Document;
use crate::rules::sum_of_parts::exceeds;
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a part that is larger than the whole it is stated to be part of: `共批出九宗…其中
    /// 十項`, `18 個代表團，其中 20 個`, `$1,598 million, including $1,698 million …`.
    ///
    /// ## Why is this bad?
    /// A subset cannot outnumber its set. One of the two figures is wrong, or the sentence
    /// ties a part to the wrong total; either way the reader cannot tell which figure to believe.
    ///
    /// ## Example
    /// ```text
    /// 吸引了來自全球各地的 18 個代表團，其中 8 個更擁有專屬攤位    (8 of 18: fine)
    /// 保監局共批出九宗沙盒申請，其中十項已完成測試               (10 of 9)
    /// ```
    ///
    /// The parts are those `sum-of-parts` reads (see its documentation): figures after `其中`,
    /// `當中`, `包括`, `including`, `of which`, in a bracket after the total, in a chain closed by
    /// `其餘`, the figures enumerated items open with, the cells above a table's total row. A
    /// bare part straight after `其中` may count generic items with another classifier (`九宗…
    /// 其中六項`).
    ///
    /// ## What it does not check
    /// Whether several parts together exceed the total: that is `sum-of-parts`. A share stated as
    /// a percentage (`其中約七成`) is left to `percent-of-total`. A figure that is larger than
    /// another but not tied to it by a word of inclusion is never compared.
    pub struct SubsetExceedsTotal {}
}

rule_config! {
    pub struct Config {}
}

impl RuleDef for SubsetExceedsTotal {
    type Config = Config;
    const GROUP: Group = Group::Arithmetic;
    fn build(_: &Config) -> Result<Self, String> {
        Ok(SubsetExceedsTotal {})
    }
}

impl Rule for SubsetExceedsTotal {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        // A table read with doubt is shown by `sum-of-parts`, never judged.
        for b in claims.breakdowns().iter().filter(|b| b.doubt.is_none()) {
            for &p in &b.parts {
                evaluate(doc, b, p, cx);
            }
        }
    }
}

fn evaluate(doc: &Document, b: &Breakdown, p: usize, cx: &mut Context) {
    let (total, part) = (&doc.figures[b.total], &doc.figures[p]);
    let shown = operands(doc, &[part, total]);
    let relation = format!("{} ≤ {} ({})", shown[0], shown[1], b.how());
    let too_big = exceeds(&part.interval, &total.interval);
    cx.checked(relation, !too_big, vec![p, b.total]);
    if too_big {
        let help = format!(
            "{} is stated as part of {} ({}), but {} > {}",
            part.text(doc),
            total.text(doc),
            b.how(),
            shown[0],
            shown[1]
        );
        cx.report(
            Finding::new(
                format!("a part of {} is larger than its whole of {}", part.text(doc), total.text(doc)),
                Label::new(part.span, "part"),
            )
            .help(help)
            .label(Label::new(total.span, "whole")),
        );
    }
}
