use std::ops::Range;

use crate::claims::Claims;
use crate::claims::changes::{self, Clause, comparable, is_level};
use crate::claims::support::{WordList, short, shown};
use crate::diagnostic::{Finding, Label};
use crate::document::{Document, Figure};
use crate::quantity::Interval;
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, required, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a comparison the figures contradict: `X，高於 … Y` where X is not above Y,
    /// `X, lower than Y` where it is not below, and a figure called the highest or lowest of a
    /// list that holds a higher or lower one.
    ///
    /// ## Why is this bad?
    /// A comparison is a claim the reader can check at a glance. When a figure is revised and the
    /// sentence around it is not, the paper says the opposite of what its numbers show.
    ///
    /// ## Example
    /// ```text
    /// 採納率躍升至 2019 年的 61%，高於全球其他主要市場 64% 的平均採納率    (61% is not above 64%)
    /// Exports grew 3.1%, higher than the 3.4% growth of imports.
    /// 輸往越南、台灣及印度的出口分別上升 56.0%、50.2% 及 61.8%，其中以 50.2% 最高
    /// ```
    ///
    /// ## What it does not check
    /// Comparisons with a figure the paper does not state (`higher than last year`), figures of
    /// different kinds or units, and a comparison whose first figure is far from the comparison
    /// word (the subject is then uncertain). `more than`/`超過` straight before a figure is usually
    /// a bound on that figure, not a comparison, and is read as one only when a figure stands
    /// right before it. Figures equal within their rounding are not a contradiction.
    ///
    /// ## Options
    /// - `greater`, `less`: words that compare two figures.
    /// - `highest`, `lowest`: words that rank a figure first or last among others.
    pub struct Comparison {
        greater: WordList,
        less: WordList,
        highest: WordList,
        lowest: WordList,
    }
}

rule_config! {
    pub struct Config {
        pub greater: Option<Vec<String>>,
        pub less: Option<Vec<String>>,
        pub highest: Option<Vec<String>>,
        pub lowest: Option<Vec<String>>,
    }
}

impl RuleDef for Comparison {
    type Config = Config;
    const GROUP: Group = Group::Arithmetic;
    fn build(c: &Config) -> Result<Self, String> {
        Ok(Comparison {
            greater: WordList::new(required(&c.greater, "greater")?),
            less: WordList::new(required(&c.less, "less")?),
            highest: WordList::new(required(&c.highest, "highest")?),
            lowest: WordList::new(required(&c.lowest, "lowest")?),
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    Above,
    Below,
}

impl Order {
    fn word(self) -> &'static str {
        match self {
            Order::Above => "above",
            Order::Below => "below",
        }
    }
}

/// Can `x` be strictly above (below) `y` for some values inside their intervals?
fn possible(x: &Interval, y: &Interval, order: Order) -> bool {
    match order {
        Order::Above => match (&x.hi, &y.lo) {
            (Some(xh), Some(yl)) => xh > yl,
            _ => true,
        },
        Order::Below => match (&x.lo, &y.hi) {
            (Some(xl), Some(yh)) => xl < yh,
            _ => true,
        },
    }
}

fn gap_ok(text: &str, max_chars: usize) -> bool {
    !text.contains(['，', '。', '；', ',', ';', '：', ':'])
        && text.chars().filter(|c| !c.is_whitespace()).count() <= max_chars
}

impl Comparison {
    fn pairs(&self, s: &Clause, cx: &mut Context) {
        for (list, order) in [(&self.greater, Order::Above), (&self.less, Order::Below)] {
            for w in list.find_all(s.text) {
                self.pair(s, &w, order, cx);
            }
        }
    }

    fn pair(&self, s: &Clause, w: &Range<usize>, order: Order, cx: &mut Context) {
        // Y: the first level after the word, close to it.
        let Some(y) = (s.first_fig_from(w.end)..s.figs.end)
            .take_while(|&i| s.local(i).start <= w.end + 64)
            .find(|&i| is_level(s.fig(i)))
        else {
            return;
        };
        let (fy, ly) = (s.fig(y), s.local(y));
        if ly.start - w.end > 64 || !gap_ok(&s.text[w.end..ly.start], 12) {
            return;
        }
        // X: the nearest comparable level before the word, outside brackets.
        let Some(x) = (s.figs.start..s.figs_ending_by(w.start))
            .rev()
            .filter(|&i| i != y)
            .find(|&i| comparable(s.fig(i), fy) && !s.in_parens(s.local(i).start))
        else {
            return;
        };
        let (fx, lx) = (s.fig(x), s.local(x));
        if w.start - lx.end > 256 {
            return;
        }
        let between = &s.text[lx.end..w.start];
        // `超過 580 家`, `more than 300 firms`: the word bounds Y unless X stands right before it.
        let bound = s.text[w.end..ly.start].trim().is_empty();
        let limit: usize = if bound { 1 } else { 6 };
        let between_t = between.trim_matches(['，', ',', ' ', '、']);
        let far = if between_t.is_ascii() {
            between_t.split_whitespace().count() > limit.div_ceil(2)
        } else {
            between_t.chars().filter(|c| !c.is_whitespace()).count() > limit
        };
        if far || between_t.contains(['。', '；', ';']) {
            return;
        }
        let names = shown(s.doc, &[fx, fy]);
        let (sx, sy) = (&names[0], &names[1]);
        let relation = format!("{sx} {} {sy}", order.word());
        let ok = possible(&fx.interval, &fy.interval, order);
        cx.checked(relation, ok, vec![x, y]);
        if ok {
            return;
        }
        let doc = s.doc;
        let word_span = doc.span(s.start + w.start..s.start + w.end);
        cx.report(
            Finding::new(
                format!("{} is not {} {}", fx.text(doc), order.word(), fy.text(doc)),
                Label::new(word_span, format!("says {}", order.word())),
            )
            .label(Label::new(fx.span, "this figure"))
            .label(Label::new(fy.span, "compared with this one"))
            .help(format!(
                "{sx} {} {sy}: the comparison says the first is {} the second",
                if order == Order::Above { "≤" } else { "≥" },
                order.word()
            )),
        );
    }

    /// `X 最高`, `X, the highest`: X against every comparable figure in the same sentence.
    fn superlatives(&self, doc: &Document, cx: &mut Context) {
        for sent in &doc.sentences {
            let text = doc.norm_text(&sent.norm);
            let a = doc.figures.partition_point(|f| f.norm.start < sent.norm.start);
            let b = doc.figures.partition_point(|f| f.norm.start < sent.norm.end);
            if b - a < 3 {
                continue;
            }
            for (list, order) in [(&self.highest, Order::Above), (&self.lowest, Order::Below)] {
                for w in list.find_all(text) {
                    let ws = sent.norm.start + w.start;
                    // The figure right before the word.
                    let Some(x) = (a..b).rev().find(|&i| doc.figures[i].norm.end <= ws) else { continue };
                    let fx = &doc.figures[x];
                    let gap = &doc.norm.text[fx.norm.end..ws];
                    if !gap_ok(gap.trim_start_matches([',', ' ', '，']), 2) || !is_level(fx) {
                        continue;
                    }
                    let others: Vec<usize> = (a..b).filter(|&i| i != x && comparable(&doc.figures[i], fx)).collect();
                    if others.len() < 2 {
                        continue;
                    }
                    let beaten = others
                        .iter()
                        .copied()
                        .find(|&o| !possible_or_equal(&fx.interval, &doc.figures[o].interval, order));
                    let mut figures = vec![x];
                    figures.extend(&others);
                    let relation = format!(
                        "{} the {} of {} figures",
                        short(doc, fx),
                        if order == Order::Above { "highest" } else { "lowest" },
                        others.len() + 1
                    );
                    cx.checked(relation, beaten.is_none(), figures);
                    if let Some(o) = beaten {
                        let fo: &Figure = &doc.figures[o];
                        let rank = if order == Order::Above { "highest" } else { "lowest" };
                        cx.report(
                            Finding::new(
                                format!(
                                    "{} is called the {rank}, but {} is {}",
                                    fx.text(doc),
                                    fo.text(doc),
                                    if order == Order::Above { "higher" } else { "lower" }
                                ),
                                Label::new(doc.span(ws..sent.norm.start + w.end), format!("says {rank}")),
                            )
                            .label(Label::new(fx.span, "this figure"))
                            .label(Label::new(fo.span, if order == Order::Above { "higher" } else { "lower" }))
                            .help({
                                let n = shown(doc, &[fo, fx]);
                                format!("{} {} {}", n[0], if order == Order::Above { ">" } else { "<" }, n[1])
                            }),
                        );
                    }
                }
            }
        }
    }
}

/// Can `x` be at least (at most) `y`?
fn possible_or_equal(x: &Interval, y: &Interval, order: Order) -> bool {
    match order {
        Order::Above => match (&x.hi, &y.lo) {
            (Some(xh), Some(yl)) => xh >= yl,
            _ => true,
        },
        Order::Below => match (&x.lo, &y.hi) {
            (Some(xl), Some(yh)) => xl <= yh,
            _ => true,
        },
    }
}

impl Rule for Comparison {
    fn check(&self, doc: &Document, _claims: &Claims, cx: &mut Context) {
        for s in changes::clauses(doc) {
            if s.figs.len() >= 2 {
                self.pairs(&s, cx);
            }
        }
        self.superlatives(doc, cx);
    }
}
