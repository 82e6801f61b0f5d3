use crate::claims::Claims;
use crate::claims::differences::{Difference, Source};
use crate::claims::support::{Direction, plain, shown};
use crate::diagnostic::{Finding, Label};
use crate::document::Document;
use crate::quantity::Interval;
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a stated difference — a change given in units, a trade or budget balance — that the
    /// two figures it is the difference of cannot produce, within the rounding of all three.
    ///
    /// ## Why is this bad?
    /// A balance is recomputed by every reader who has the two flows in front of them; when one
    /// flow is revised and the balance is not, the paper contradicts itself.
    ///
    /// ## Example
    /// ```text
    /// 7月份商品整體出口貨值為4463億元 … 商品進口貨值為4804億元 … 錄得有形貿易逆差441億元
    ///     (4804 − 4463 = 341)
    /// Revenue was $11.9 billion, $2.5 billion higher than last year's $9.8 billion   (11.9 − 9.8 = 2.1)
    /// ```
    ///
    /// Read: a difference beside a change (`比 A 增加了 D`, `D higher than A`, `an increase of D over
    /// … (A)`, `共增加了 D，即從 A 增加到 B`), and a figure named by a balance word (`逆差`, `出超`,
    /// `a trade deficit of`, `赤字`) whose two flows the paper states in the same paragraph or the
    /// two before it, for the same period.
    ///
    /// ## What it does not check
    /// The direction of a change (that is `change-direction`). A balance whose flows are stated for
    /// another period, or not at all, is not guessed; where the flows could be paired several ways
    /// (the month's and the year's), the balance is accepted if any pairing gives it.
    pub struct DifferenceRule {}
}

rule_config! {
    pub struct Config {}
}

impl RuleDef for DifferenceRule {
    type Config = Config;
    const GROUP: Group = Group::Arithmetic;
    fn build(_: &Config) -> Result<Self, String> {
        Ok(DifferenceRule {})
    }
}

/// Does the pairing give the stated result, with the sign the words state?
fn holds(doc: &Document, d: &Difference, plus: usize, minus: usize, sign: Option<Direction>) -> bool {
    let f = |i: usize| &doc.figures[i].interval;
    let gap = f(plus).sub(f(minus));
    let r = f(d.result);
    let up = gap.intersects(r);
    let down = gap.neg().intersects(r);
    match sign {
        Some(Direction::Up) => up,
        Some(Direction::Down) => down,
        None => up || down,
    }
}

impl DifferenceRule {
    fn evaluate(&self, doc: &Document, d: &Difference, cx: &mut Context) {
        let figures = vec![d.result, d.plus, d.minus];
        let (p, m, r) = (&doc.figures[d.plus], &doc.figures[d.minus], &doc.figures[d.result]);
        let names = shown(doc, &[p, m, r]);
        let relation = format!("{} − {} against {}", names[0], names[1], names[2]);
        // A change's direction is change-direction's to judge: here only its size.
        let sign = if d.source == Source::Change { None } else { d.sign };
        if d.readings.iter().any(|&(a, b)| holds(doc, d, a, b, sign)) {
            cx.checked(relation, true, figures);
            return;
        }
        // A balance of the right size but the other sign: the words say deficit, the flows a
        // surplus.
        let flipped = d.source == Source::Balance && d.readings.iter().any(|&(a, b)| holds(doc, d, a, b, None));
        cx.checked(relation, false, figures);
        cx.report(self.finding(doc, d, flipped));
    }

    fn finding(&self, doc: &Document, d: &Difference, flipped: bool) -> Finding {
        let (plus, minus, r) = (&doc.figures[d.plus], &doc.figures[d.minus], &doc.figures[d.result]);
        // A deficit is shown as what it is: the second flow less the first.
        let deficit = d.source == Source::Balance && d.sign == Some(Direction::Down) && !flipped;
        // So is a fall: what was there less what is left (`由 680個減少 375個至 205個`: 680 − 205).
        let fall = d.source == Source::Change && d.sign == Some(Direction::Down);
        let (p, m) = if deficit || fall { (minus, plus) } else { (plus, minus) };
        let names = shown(doc, &[p, m, r]);
        // Results on the scale the operands are shown in: their digits when they share a scale,
        // else full values (`1,000,000,000 − 29,700,000,000` is not `−29`).
        let scaled = names[0] != plain(p);
        let shown_value = |q: &crate::quantity::Q| {
            if scaled {
                shown_value(doc, p, q)
            } else {
                let sign = if q.is_negative() { "−" } else { "" };
                format!("{sign}{}", crate::quantity::fmt_grouped(&q.abs(), 4))
            }
        };
        let gap = &p.value - &m.value;
        let gap_shown = shown_value(&gap);
        let word = d.word.clone().map(|w| doc.norm_text(&w).to_owned()).unwrap_or_default();
        let (message, help) = if flipped {
            (
                format!("`{word}` is stated, but {} − {} is {gap_shown}", p.text(doc), m.text(doc)),
                format!("{} − {} = {gap_shown}: the sign is the other way round", names[0], names[1]),
            )
        } else {
            let stated = r.text(doc);
            let message = match d.source {
                Source::Balance => format!("stated {word} of {stated} does not match its two flows ({gap_shown})"),
                Source::Change => format!("stated difference of {stated} does not match the figures ({gap_shown})"),
            };
            let mut help = format!("{} − {} = {gap_shown}; stated {}", names[0], names[1], names[2]);
            let i: Interval = p.interval.sub(&m.interval);
            if let (Some(lo), Some(hi)) = (&i.lo, &i.hi)
                && lo != hi
            {
                help.push_str(&format!(
                    ". Within the rounding of the figures the difference is between {} and {}",
                    shown_value(lo),
                    shown_value(hi)
                ));
            }
            if d.readings.len() > 1 {
                help.push_str(&format!(
                    "; no other pairing of the {} figures nearby gives it either",
                    d.readings.len()
                ));
            }
            (message, help)
        };
        let (plus_label, minus_label) = match (&d.source, &d.names) {
            (Source::Balance, Some((a, b))) => (a.clone(), b.clone()),
            _ => ("to".to_owned(), "from".to_owned()),
        };
        Finding::new(
            message,
            Label::new(r.span, format!("stated {}", if word.is_empty() { "difference" } else { &word })),
        )
        .label(Label::new(plus.span, plus_label))
        .label(Label::new(minus.span, minus_label))
        .help(help)
    }
}

/// A value on the scale the figure `like` is written in (`341億元` → `341`), else in full.
fn shown_value(doc: &Document, like: &crate::document::Figure, q: &crate::quantity::Q) -> String {
    // The digits as the figure shows them (`5784.9` of `5784.9億美元`, `5,784.9` of `五七八四.九億美元`).
    let digits = crate::claims::support::short(doc, like);
    match crate::quantity::parse_decimal(&digits.replace(',', "")) {
        Some((v, _)) if !v.is_zero() && !like.value.is_zero() => {
            let factor = &like.value / &v;
            let decimals = digits.split_once('.').map_or(0, |(_, f)| f.len()) as u32;
            let sign = if q.is_negative() { "−" } else { "" };
            format!("{sign}{}", crate::quantity::fmt_grouped(&(q / &factor).abs(), decimals))
        }
        _ => crate::quantity::fmt_grouped(q, 0),
    }
}

impl Rule for DifferenceRule {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        for d in claims.differences() {
            self.evaluate(doc, d, cx);
        }
    }
}
