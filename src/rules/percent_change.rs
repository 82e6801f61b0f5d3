use std::ops::Range;

use crate::diagnostic::{Finding, Label};
use crate::document::{Document, Figure, FigureKind};
use crate::quantity::{Interval, Q, fmt_pct_signed_prec, fmt_q, int};
use crate::rules::support::{
    Direction, WordList, against, change_from_base_delta, change_from_delta, in_parens, midpoint, relative_change,
    short,
};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, q_from_f64, required, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a stated percentage change that the figures it compares cannot produce, within the
    /// rounding of every figure involved.
    ///
    /// ## Why is this bad?
    /// A reader who recomputes the change finds a different number and stops trusting the paper.
    /// Figures revised late in one place and not the other are the usual cause.
    ///
    /// ## Example
    /// ```text
    /// 平均每天處理 264,000 宗實時交易，較去年 12 月的 168,000 宗大幅上升 60%
    ///     (264,000 / 168,000 − 1 = +57.1%)
    /// $486.6 billion, higher than the 2019-20 Revised Estimate by 10.0% or $44.2 billion
    ///     (44.2 / (486.6 − 44.2) = +9.99%: consistent)
    /// ```
    ///
    /// Recognised forms: `由 A 增加至 B，升幅 P%`; `B，較 … A … 上升 P%`; `B … P% or $D higher
    /// than …`; `B … higher than … by P% or $D`; `B … an increase of P% over … (A)`; `from A to B`.
    /// A stated change in percentage points between two percentages is checked as a difference.
    ///
    /// ## What it does not check
    /// Average annual growth (`年均增長`, `average annual`) is not the simple ratio of the end
    /// points, and real growth is not nominal growth: such claims are skipped. A change whose
    /// direction contradicts its verb is left to `change-direction`. Multiples (`4 倍`) and
    /// changes whose base must be derived from other sentences are not checked yet.
    ///
    /// ## Options
    /// - `tolerance`: extra slack in percentage points beyond the stated rounding (default 0).
    /// - `increase`, `decrease`: words that state the direction of a change.
    /// - `compare`: words that introduce the base (`較`, `compared with`, `over`, `than`).
    /// - `from`, `to`: words of a from–to pair (`由 … 至 …`, `from … to …`).
    /// - `average`: words that make a rate an average (`年均`, `average`), skipped.
    /// - `not-compare`: words that start with a comparison word but are not one (`比例`).
    pub struct PercentChange {
        tolerance: Q,
        increase: WordList,
        decrease: WordList,
        compare: WordList,
        from: WordList,
        to: WordList,
        average: WordList,
        not_compare: WordList,
    }
}

rule_config! {
    pub struct Config {
        pub tolerance: Option<f64>,
        pub increase: Option<Vec<String>>,
        pub decrease: Option<Vec<String>>,
        pub compare: Option<Vec<String>>,
        pub from: Option<Vec<String>>,
        pub to: Option<Vec<String>>,
        pub average: Option<Vec<String>>,
        pub not_compare: Option<Vec<String>>,
    }
}

impl RuleDef for PercentChange {
    type Config = Config;
    const GROUP: Group = Group::Arithmetic;
    fn build(c: &Config) -> Result<Self, String> {
        let tolerance = q_from_f64(required(&c.tolerance, "tolerance")?)?;
        if tolerance < Q::from_integer(0.into()) {
            return Err("`tolerance` must not be negative".into());
        }
        Ok(PercentChange {
            tolerance,
            increase: WordList::new(required(&c.increase, "increase")?),
            decrease: WordList::new(required(&c.decrease, "decrease")?),
            compare: WordList::new(required(&c.compare, "compare")?),
            from: WordList::new(required(&c.from, "from")?),
            to: WordList::new(required(&c.to, "to")?),
            average: WordList::new(required(&c.average, "average")?),
            not_compare: WordList::new(required(&c.not_compare, "not-compare")?),
        })
    }
}

/// The figures a stated change relates, by index into `doc.figures`.
#[derive(Debug, Clone, Copy)]
struct Relation {
    stated: usize,
    dir: Direction,
    base: Option<usize>,
    new: Option<usize>,
    delta: Option<usize>,
}

/// A sentence, with its figures and their offsets relative to its start.
struct Sent<'d> {
    doc: &'d Document,
    text: &'d str,
    start: usize,
    /// Global figure indices, in order.
    figs: Range<usize>,
}

impl<'d> Sent<'d> {
    fn fig(&self, i: usize) -> &'d Figure {
        &self.doc.figures[i]
    }
    /// Start and end of a figure relative to the sentence, the qualifier included.
    fn local(&self, i: usize) -> Range<usize> {
        let f = self.fig(i);
        f.norm.start.saturating_sub(self.start)..f.norm.end.saturating_sub(self.start)
    }
}

fn comparable(a: &Figure, b: &Figure) -> bool {
    a.kind.comparable(&b.kind)
        && !matches!(a.kind, FigureKind::Number | FigureKind::Multiple | FigureKind::Ratio { .. })
}

/// A level, as opposed to a percentage being stated as the change itself.
fn is_level(f: &Figure) -> bool {
    !matches!(
        f.kind,
        FigureKind::Number | FigureKind::Multiple | FigureKind::Ratio { .. } | FigureKind::PercentagePoints
    )
}

impl PercentChange {
    /// The direction word that governs the figure starting at `p` (sentence-relative), if it is
    /// close enough: `大幅上升 60%`, `增加了 21%`, `an increase of 5.6%`.
    fn direction_before(&self, s: &Sent, p: usize) -> Option<(Direction, usize)> {
        let lo = floor(s.text, p.saturating_sub(27));
        let window = &s.text[lo..p];
        let mut best: Option<(Direction, usize, usize)> = None;
        for (list, dir) in [(&self.increase, Direction::Up), (&self.decrease, Direction::Down)] {
            for r in list.find_all(window) {
                if best.as_ref().is_none_or(|b| r.end > b.2) {
                    best = Some((dir, lo + r.start, lo + r.end));
                }
            }
        }
        let (dir, ws, we) = best?;
        let gap = &s.text[we..p];
        let cjk_gap = gap.chars().filter(|c| !c.is_ascii()).count();
        let words = gap.split_whitespace().count();
        let clean = !gap.contains(['，', '。', '；', ',', ';', '：', ':']) && !gap.chars().any(|c| c.is_ascii_digit());
        let via_from_to = !self.from.find_all(gap).is_empty() || !self.to.find_all(gap).is_empty();
        (clean && !via_from_to && cjk_gap <= 4 && words <= 3).then_some((dir, ws))
    }

    /// Is the change an average rate (`年均增長`, `average annual growth`)?
    fn averaged(&self, s: &Sent, word_start: usize) -> bool {
        let lo = floor(s.text, word_start.saturating_sub(24));
        !self.average.find_all(&s.text[lo..word_start]).is_empty()
    }

    /// `P% or $D (higher|lower)`: the difference written beside the percentage.
    fn or_delta(&self, s: &Sent, stated: usize) -> Option<(usize, Option<Direction>)> {
        let p = s.local(stated);
        let after = &s.text[p.end..];
        let rest = after.strip_prefix(" or ").or_else(|| after.strip_prefix("或"))?;
        let d_start = p.end + (after.len() - rest.len());
        let d = (stated + 1..s.figs.end).find(|&i| s.local(i).start == d_start)?;
        if !matches!(s.fig(d).kind, FigureKind::Money { .. } | FigureKind::Count { .. }) {
            return None;
        }
        // A direction word straight after: `or $13.6 billion lower than`.
        let tail = &s.text[s.local(d).end..];
        let tail = tail.trim_start();
        let dir = if self.increase.at(tail, 0).is_some() {
            Some(Direction::Up)
        } else if self.decrease.at(tail, 0).is_some() {
            Some(Direction::Down)
        } else {
            None
        };
        Some((d, dir))
    }

    /// The nearest direction word anywhere before `p` in the sentence (`higher than … by P%`).
    fn direction_anywhere_before(&self, s: &Sent, p: usize) -> Option<(Direction, usize)> {
        let mut best = None;
        for (list, dir) in [(&self.increase, Direction::Up), (&self.decrease, Direction::Down)] {
            for r in list.find_all(&s.text[..p]) {
                if best.as_ref().is_none_or(|(_, at): &(Direction, usize)| r.start > *at) {
                    best = Some((dir, r.start));
                }
            }
        }
        best
    }

    /// The subject figure before position `before`: the nearest comparable one outside brackets.
    fn subject(&self, s: &Sent, like: usize, before: usize, not: &[usize]) -> Option<usize> {
        (s.figs.start..s.figs.end)
            .rev()
            .filter(|&i| !not.contains(&i) && s.local(i).end <= before)
            .filter(|&i| comparable(s.fig(i), s.fig(like)) && !in_parens(s.text, s.local(i).start))
            .find(|&i| !self.is_delta(s, i))
    }

    /// A figure written as a difference (`增加 303 億元`, `新增 83 萬`), not a level.
    fn is_delta(&self, s: &Sent, i: usize) -> bool {
        let start = s.local(i).start;
        let lo = floor(s.text, start.saturating_sub(9));
        let before = &s.text[lo..start];
        let before = before.trim_end_matches(['了', ' ']);
        let before = before.strip_suffix("超過").or_else(|| before.strip_suffix("約")).unwrap_or(before);
        self.increase.ends(before).is_some() || self.decrease.ends(before).is_some() || before.ends_with("新增")
    }

    fn find(&self, s: &Sent, stated: usize) -> Option<Relation> {
        let p = s.local(stated);
        let pf = s.fig(stated);
        let p_start = pf.qualifier_span.map_or(p.start, |_| p.start);

        // 1. `P% or $D`.
        if let Some((d, dir_after)) = self.or_delta(s, stated) {
            let dir = dir_after
                .or_else(|| self.direction_before(s, p_start).map(|x| x.0))
                .or_else(|| self.direction_anywhere_before(s, p_start).map(|x| x.0))?;
            let new = self.subject(s, d, p.start, &[d, stated])?;
            return Some(Relation { stated, dir, base: None, new: Some(new), delta: Some(d) });
        }

        let (dir, word) = self.direction_before(s, p_start)?;
        if self.averaged(s, word) {
            return None;
        }

        // 2. From A to B.
        let froms = self.from.find_all(&s.text[..word.max(p.start)]);
        for f in froms.iter().rev() {
            // The pair is explicit, so bare numbers (`from 1,200 to 1,500`) may take part.
            let operand = |i: usize| is_level(s.fig(i)) || s.fig(i).kind == FigureKind::Number;
            let Some(a) = (s.figs.start..s.figs.end).find(|&i| i != stated && s.local(i).start >= f.end && operand(i))
            else {
                continue;
            };
            let a_end = s.local(a).end;
            let Some(to) = self.to.find_all(&s.text[a_end..]).into_iter().next() else {
                continue;
            };
            let to_end = a_end + to.end;
            if !s.text[a_end..a_end + to.start].chars().all(|c| !matches!(c, '，' | '。' | '；' | ',' | ';')) {
                continue;
            }
            let both_bare = |i: usize| s.fig(i).kind == FigureKind::Number && s.fig(a).kind == FigureKind::Number;
            let b = (s.figs.start..s.figs.end).find(|&i| {
                i != stated && s.local(i).start >= to_end && (comparable(s.fig(i), s.fig(a)) || both_bare(i))
            });
            if let Some(b) = b
                && s.local(b).start < s.local(b).end
            {
                return Some(Relation { stated, dir, base: Some(a), new: Some(b), delta: None });
            }
        }

        // 3. Compared with a base: `B，較 … A … 上升 P%` or `B … increase of P% over … (A)`.
        let compares: Vec<Range<usize>> = self
            .compare
            .find_all(s.text)
            .into_iter()
            .filter(|c| self.not_compare.at(s.text, c.start).is_none())
            .collect();
        if let Some(c) = compares.iter().rev().find(|c| c.end <= word) {
            // The base sits between the comparison word and the change.
            let a = (s.figs.start..s.figs.end)
                .rev()
                .filter(|&i| i != stated && s.local(i).start >= c.end && s.local(i).end <= word)
                .find(|&i| is_level(s.fig(i)) && !self.is_delta(s, i));
            if let Some(a) = a
                && let Some(b) = self.subject(s, a, c.start, &[a, stated])
            {
                return Some(Relation { stated, dir, base: Some(a), new: Some(b), delta: None });
            }
            // `較去年增加 303 億元，升幅 7%`: a difference instead of a base.
            let d = (s.figs.start..s.figs.end).find(|&i| {
                i != stated && s.local(i).start >= c.end && s.local(i).end <= p.start && self.is_delta(s, i)
            });
            if let Some(d) = d
                && let Some(b) = self.subject(s, d, c.start, &[d, stated])
            {
                return Some(Relation { stated, dir, base: None, new: Some(b), delta: Some(d) });
            }
        }
        if let Some(c) = compares.iter().find(|c| c.start >= p.end) {
            let a = (s.figs.start..s.figs.end).find(|&i| s.local(i).start >= c.end && is_level(s.fig(i)));
            if let Some(a) = a
                && let Some(b) = self.subject(s, a, word, &[a, stated])
            {
                return Some(Relation { stated, dir, base: Some(a), new: Some(b), delta: None });
            }
        }
        None
    }

    fn evaluate(&self, doc: &Document, r: &Relation, cx: &mut Context) {
        let p = &doc.figures[r.stated];
        let digits = decimals(&p.text) + 1;
        let fmt_pct_signed = |q: &Q| fmt_pct_signed_prec(q, digits);
        let fig = |i: Option<usize>| i.map(|i| &doc.figures[i]);
        let (base, new, delta) = (fig(r.base), fig(r.new), fig(r.delta));
        let percent_levels =
            base.zip(new).is_some_and(|(a, b)| a.kind == FigureKind::Percent && b.kind == FigureKind::Percent);

        // What the figures allow, in percent (or points).
        let stated_kind = &p.kind;
        let mut allowed: Vec<(Interval, String)> = Vec::new();
        match (base, new, delta) {
            (Some(a), Some(b), _) => {
                if percent_levels {
                    // Percentages compared: a change in points, or (loosely) a relative change.
                    let pts = b.interval.sub(&a.interval);
                    let pts_mid = &b.value - &a.value;
                    allowed.push((pts, format!("{} − {} = {} points", short(b), short(a), fmt_q(&pts_mid, 2))));
                }
                if *stated_kind == FigureKind::Percent
                    && let Some(c) = relative_change(&a.interval, &b.interval)
                {
                    let mid = (&b.value / &a.value - int(1)) * int(100);
                    allowed.push((c, format!("{} / {} − 1 = {}", short(b), short(a), fmt_pct_signed(&mid))));
                }
            }
            (None, Some(b), Some(d)) => {
                if let Some(c) = change_from_delta(&b.interval, &d.interval, r.dir) {
                    let base_mid = match r.dir {
                        Direction::Up => &b.value - &d.value,
                        Direction::Down => &b.value + &d.value,
                    };
                    let op = if r.dir == Direction::Up { "−" } else { "+" };
                    let mid = &d.value / &base_mid * int(100) * r.dir.sign();
                    allowed.push((
                        c,
                        format!("{} / ({} {op} {}) = {}", short(d), short(b), short(d), fmt_pct_signed(&mid)),
                    ));
                }
            }
            (Some(a), None, Some(d)) => {
                if let Some(c) = change_from_base_delta(&a.interval, &d.interval, r.dir) {
                    let mid = &d.value / &a.value * int(100) * r.dir.sign();
                    allowed.push((c, format!("{} / {} = {}", short(d), short(a), fmt_pct_signed(&mid))));
                }
            }
            _ => {}
        }
        if allowed.is_empty() {
            return;
        }
        let stated = p.interval.scale(&r.dir.sign()).widen(&self.tolerance);
        let figures: Vec<usize> = [Some(r.stated), r.base, r.new, r.delta].into_iter().flatten().collect();
        let relation = allowed.iter().map(|(_, w)| w.clone()).collect::<Vec<_>>().join(" or ");
        let stated_word = format!("{}{}", if r.dir == Direction::Up { "+" } else { "−" }, p.text);
        if allowed.iter().any(|(c, _)| c.intersects(&stated)) {
            cx.checked(format!("{relation}; stated {stated_word}"), true, figures);
            return;
        }
        // A change whose sign contradicts its verb is change-direction's finding.
        if allowed.iter().all(|(c, _)| against(c, r.dir)) {
            cx.skipped(format!("{relation}; stated {stated_word}: direction left to change-direction"), figures);
            return;
        }
        // Growth factors ten times apart mean the figures were paired wrongly (different scales,
        // different things), not that the paper is wrong.
        if allowed.iter().all(|(c, _)| implausible(c, &stated)) {
            cx.skipped(format!("{relation}; stated {stated_word}: figures too far apart to be one quantity"), figures);
            return;
        }
        cx.checked(format!("{relation}; stated {stated_word}"), false, figures);
        cx.report(self.finding(doc, r, &allowed));
    }

    fn finding(&self, doc: &Document, r: &Relation, allowed: &[(Interval, String)]) -> Finding {
        let p = &doc.figures[r.stated];
        let (computed, how) = &allowed[allowed.len() - 1];
        let digits = decimals(&p.text) + 1;
        let fmt_pct_signed = |q: &Q| fmt_pct_signed_prec(q, digits);
        let mid = midpoint(computed).map(|m| fmt_pct_signed(&m)).unwrap_or_else(|| "?".into());
        let mut help = format!("{how}; stated {}{}", if r.dir == Direction::Up { "+" } else { "−" }, p.text);
        if let (Some(lo), Some(hi)) = (&computed.lo, &computed.hi) {
            help.push_str(&format!(
                ". Within the rounding of the figures the change is between {} and {}",
                fmt_pct_signed(lo),
                fmt_pct_signed(hi)
            ));
        }
        let word = r.dir.word();
        let mut f = Finding::new(
            format!("stated {word} of {} does not match the figures ({mid})", p.text),
            Label::new(p.span, format!("stated {word}")),
        )
        .help(help);
        if let Some(a) = r.base {
            f = f.label(Label::new(doc.figures[a].span, "from"));
        }
        if let Some(b) = r.new {
            f = f.label(Label::new(doc.figures[b].span, if r.base.is_some() { "to" } else { "new value" }));
        }
        if let Some(d) = r.delta {
            f = f.label(Label::new(doc.figures[d].span, "difference"));
        }
        f
    }
}

/// Are two changes (in percent) so far apart, as growth factors, that they cannot describe the
/// same quantity?
fn implausible(computed: &Interval, stated: &Interval) -> bool {
    let (Some(c), Some(s)) = (midpoint(computed), midpoint(stated)) else { return false };
    let hundred = int(100);
    let (fc, fs) = ((&c + &hundred) / &hundred, (&s + &hundred) / &hundred);
    let zero = Q::from_integer(0.into());
    if fc <= zero || fs <= zero {
        return false;
    }
    let ten = int(10);
    fc > &fs * &ten || fs > &fc * &ten
}

/// Decimal places a figure is written with (`12.5%` → 1).
fn decimals(text: &str) -> u32 {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    digits.split_once('.').map_or(0, |(_, f)| f.len() as u32)
}

fn floor(s: &str, i: usize) -> usize {
    crate::source::floor_char_boundary(s, i)
}

impl Rule for PercentChange {
    fn check(&self, doc: &Document, cx: &mut Context) {
        for sent in &doc.sentences {
            // Clauses joined by a semicolon are separate statements with separate subjects.
            for seg in segments(doc, sent.norm.clone()) {
                let a = doc.figures.partition_point(|f| f.norm.start < seg.start);
                let b = doc.figures.partition_point(|f| f.norm.start < seg.end);
                if a == b {
                    continue;
                }
                let s = Sent { doc, text: doc.norm_text(&seg), start: seg.start, figs: a..b };
                for stated in a..b {
                    if !matches!(doc.figures[stated].kind, FigureKind::Percent | FigureKind::PercentagePoints) {
                        continue;
                    }
                    if let Some(r) = self.find(&s, stated) {
                        self.evaluate(doc, &r, cx);
                    }
                }
            }
        }
    }
}

/// A sentence split at semicolons.
fn segments(doc: &Document, r: Range<usize>) -> Vec<Range<usize>> {
    let text = doc.norm_text(&r);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '；' | ';') {
            out.push(r.start + start..r.start + i);
            start = i + c.len_utf8();
        }
    }
    out.push(r.start + start..r.end);
    out
}
