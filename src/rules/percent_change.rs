use crate::diagnostic::{Applicability, Finding, Fix, Label};
use crate::document::{Document, Figure, FigureKind};

use crate::claims::Claims;
use crate::claims::changes::{Change, Form};
use crate::claims::support::{
    Direction, against, change_from_base_delta, change_from_delta, midpoint, relative_change, shown,
};
use crate::quantity::{Interval, Q, fmt_pct_signed_prec, fmt_q, int};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, q_from_f64, required, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a stated change — a percentage, a number of percentage points, a multiple — that the
    /// figures it compares cannot produce, within the rounding of every figure involved.
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
    /// than … (A)`; `B … higher than … by P% or $D`; `B … an increase of P% over … (A)`;
    /// `from A to B, an increase of P%`; a base in the segment after the change (`同比增長 50%，去年
    /// 同期為 A`, `grew 50% to B, compared with A a year earlier`) or in a from-phrase before it
    /// (`B were up from A last year, a rise of P%`); `與 A 相比，B，增長 P%`; `上升 3 個百分點` and `1.25 percentage points` between two
    /// percentages (a difference, never a ratio); `B 是 A 的 N 倍`; `較 A 增加了 N 倍` (read as N
    /// or N + 1 times, the phrase is used both ways); `A, N times the B` and `A is N times that
    /// of B`; `doubled from A to B` and `will more than double from … (A to B)` (a one-word
    /// multiple is its ratio, within a tenth of it); and a base derived within a paragraph:
    /// `帳戶登記數目增加至 486 萬個 … 首 4 個月共新增 83 萬個帳戶登記，即較去年底增加了 21%`
    /// (base 486 − 83 萬).
    ///
    /// ## What it does not check
    /// Average annual growth (`年均增長`, `average annual`) is not the simple ratio of the end
    /// points, and real growth is not nominal growth: such claims are skipped. A change whose
    /// direction contradicts its verb is left to `change-direction`. A change whose base is not
    /// stated (`比上年增長 6.9%`) cannot be checked. Pairings whose growth factors are ten times
    /// apart are taken as a misreading (a figure without its scale word), not an error.
    ///
    /// ## Options
    /// - `tolerance`: extra slack in percentage points beyond the stated rounding (default 0).
    ///
    /// The words that state a change are shared with `change-direction` in `rules/changes.toml`.
    pub struct PercentChange {
        tolerance: Q,
    }
}

rule_config! {
    pub struct Config {
        pub tolerance: Option<f64>,
    }
}

impl RuleDef for PercentChange {
    type Config = Config;
    const GROUP: Group = Group::Arithmetic;
    const FIX: Option<Applicability> = Some(Applicability::Unsafe);
    fn build(c: &Config) -> Result<Self, String> {
        let tolerance = q_from_f64(required(&c.tolerance, "tolerance")?)?;
        if tolerance < Q::from_integer(0.into()) {
            return Err("`tolerance` must not be negative".into());
        }
        Ok(PercentChange { tolerance })
    }
}

/// One way of computing the change from the figures: the values it allows, and the arithmetic
/// in words for the help text.
struct Derivation {
    allowed: Interval,
    how: String,
    /// The change the stated values give, for the message.
    point: Q,
}

/// What a stated change is measured in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Percent,
    Points,
    Times,
}

impl Unit {
    fn of(f: &Figure) -> Option<Unit> {
        match f.kind {
            FigureKind::Percent => Some(Unit::Percent),
            FigureKind::PercentagePoints => Some(Unit::Points),
            FigureKind::Multiple => Some(Unit::Times),
            _ => None,
        }
    }
}

/// Decimal places a figure is written with (`12.5%` → 1).
fn decimals(text: &str) -> u32 {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    digits.split_once('.').map_or(0, |(_, f)| f.len() as u32)
}

/// Are two changes (in percent) so far apart, as growth factors, that they cannot describe the
/// same quantity?
fn implausible(computed: &Interval, stated: &Interval, unit: Unit) -> bool {
    let (Some(c), Some(s)) = (midpoint(computed), midpoint(stated)) else { return false };
    let (fc, fs) = match unit {
        Unit::Percent => ((&c + int(100)) / int(100), (&s + int(100)) / int(100)),
        Unit::Times => (c, s),
        Unit::Points => return false,
    };
    let zero = Q::from_integer(0.into());
    if fc <= zero || fs <= zero {
        return false;
    }
    fc > &fs * int(10) || fs > &fc * int(10)
}

impl PercentChange {
    /// Every way the figures of `c` determine the change, each with its acceptable readings.
    /// The claim holds if, for every derivation, at least one reading intersects the statement.
    fn derivations(&self, doc: &Document, c: &Change, unit: Unit, fmt: &dyn Fn(&Q) -> String) -> Vec<Vec<Derivation>> {
        let fig = |i: Option<usize>| i.map(|i| &doc.figures[i]);
        let (base, new, delta) = (fig(c.base), fig(c.new), fig(c.delta));
        // Every operand shown on one scale, so the arithmetic reads right.
        let operands: Vec<&Figure> = [base, new, delta].into_iter().flatten().collect();
        let names = shown(doc, &operands);
        let short = |f: &Figure| {
            operands.iter().position(|o| std::ptr::eq(*o, f)).and_then(|k| names.get(k).cloned()).unwrap_or_default()
        };
        let sign = c.dir.map_or(int(1), |d| d.sign());
        let mut out = Vec::new();
        let points = |q: &Q| {
            let t = fmt_q(&q.abs(), 2);
            if q.is_negative() { format!("−{t} points") } else { format!("+{t} points") }
        };
        if let (Some(a), Some(b)) = (base, new) {
            let mut readings = Vec::new();
            let percent_levels = a.kind == FigureKind::Percent && b.kind == FigureKind::Percent;
            let difference = || {
                let point = &b.value - &a.value;
                let how = format!("{} − {} = {}", short(b), short(a), points(&point));
                Derivation { allowed: b.interval.sub(&a.interval), how, point }
            };
            match unit {
                Unit::Points if percent_levels => readings.push(difference()),
                Unit::Percent => {
                    if percent_levels {
                        // Two percentages: writers give the change in points as often as the
                        // relative change.
                        readings.push(difference());
                    }
                    if let Some(i) = relative_change(&a.interval, &b.interval) {
                        let point = (&b.value / &a.value - int(1)) * int(100);
                        let how = format!("{} / {} − 1 = {}", short(b), short(a), fmt(&point));
                        readings.push(Derivation { allowed: i, how, point });
                    }
                }
                Unit::Times => {
                    if let Some(ratio) = b.interval.div(&a.interval) {
                        let point = &b.value / &a.value;
                        let how = format!("{} / {} = {}×", short(b), short(a), fmt_q(&point, 2));
                        if c.form == Form::TimesOf {
                            readings.push(Derivation { allowed: ratio, how, point });
                        } else if c.dir == Some(Direction::Up) {
                            // 增加了 N 倍 is written for both N and N + 1 times the base.
                            let more = &point - int(1);
                            let how_more = format!("{} / {} − 1 = {}× more", short(b), short(a), fmt_q(&more, 2));
                            readings.push(Derivation { allowed: ratio.clone(), how, point });
                            readings.push(Derivation {
                                allowed: ratio.sub(&Interval::point(int(1))),
                                how: how_more,
                                point: more,
                            });
                        }
                    }
                }
                Unit::Points => {}
            }
            if !readings.is_empty() {
                out.push(readings);
            }
        }
        if unit == Unit::Percent
            && let (Some(b), Some(d), Some(dir)) = (new, delta, c.dir)
            && let Some(i) = change_from_delta(&b.interval, &d.interval, dir)
        {
            let base_point = match dir {
                Direction::Up => &b.value - &d.value,
                Direction::Down => &b.value + &d.value,
            };
            // The stated values may leave no base at all (a rise of 5 to 5) even where their
            // rounding does: then there is no point value to show, and nothing to claim.
            if !base_point.is_zero() {
                let op = if dir == Direction::Up { "−" } else { "+" };
                let point = &d.value / &base_point * int(100) * &sign;
                let how = format!("{} / ({} {op} {}) = {}", short(d), short(b), short(d), fmt(&point));
                out.push(vec![Derivation { allowed: i, how, point }]);
            }
        }
        if unit == Unit::Percent
            && new.is_none()
            && let (Some(a), Some(d), Some(dir)) = (base, delta, c.dir)
            && let Some(i) = change_from_base_delta(&a.interval, &d.interval, dir)
        {
            let point = &d.value / &a.value * int(100) * &sign;
            let how = format!("{} / {} = {}", short(d), short(a), fmt(&point));
            out.push(vec![Derivation { allowed: i, how, point }]);
        }
        out
    }

    fn evaluate(&self, doc: &Document, c: &Change, cx: &mut Context) {
        let Some(si) = c.stated else { return };
        let p = &doc.figures[si];
        let Some(unit) = Unit::of(p) else { return };
        let digits = decimals(p.text(doc)) + 1;
        let fmt = move |q: &Q| fmt_pct_signed_prec(q, digits);
        let derivations = self.derivations(doc, c, unit, &fmt);
        if derivations.is_empty() {
            return;
        }
        let stated = match unit {
            Unit::Times => p.interval.clone(),
            _ => p.interval.scale(&c.dir.map_or(int(1), |d| d.sign())).widen(&self.tolerance),
        };
        let figures = c.figures();
        let stated_word = match (unit, c.dir) {
            (Unit::Times, _) => p.text(doc).to_owned(),
            (_, Some(Direction::Down)) => format!("−{}", p.text(doc)),
            _ => format!("+{}", p.text(doc)),
        };
        let relation = derivations
            .iter()
            .map(|d| d.iter().map(|r| r.how.clone()).collect::<Vec<_>>().join(" or "))
            .collect::<Vec<_>>()
            .join("; ");
        let failing = derivations.iter().find(|d| !d.iter().any(|r| r.allowed.intersects(&stated)));
        let Some(failing) = failing else {
            cx.checked(format!("{relation}; stated {stated_word}"), true, figures);
            return;
        };
        // A change whose sign contradicts its verb is change-direction's finding.
        if let Some(dir) = c.dir
            && unit != Unit::Times
            && failing.iter().all(|r| against(&r.allowed, dir))
        {
            cx.skipped(format!("{relation}; stated {stated_word}: direction left to change-direction"), figures);
            return;
        }
        // Growth factors ten times apart mean the figures were paired wrongly (different scales,
        // different things), not that the paper is wrong.
        if failing.iter().all(|r| implausible(&r.allowed, &stated, unit)) {
            cx.skipped(format!("{relation}; stated {stated_word}: figures too far apart to be one quantity"), figures);
            return;
        }
        cx.checked(format!("{relation}; stated {stated_word}"), false, figures);
        cx.report(self.finding(doc, c, unit, failing, &fmt));
    }

    fn finding(
        &self,
        doc: &Document,
        c: &Change,
        unit: Unit,
        failing: &[Derivation],
        fmt: &dyn Fn(&Q) -> String,
    ) -> Finding {
        let p = &doc.figures[c.stated.unwrap_or_default()];
        let shown = |q: &Q| match unit {
            Unit::Percent => fmt(q),
            Unit::Points => {
                let t = fmt_q(&q.abs(), 2);
                if q.is_negative() { format!("−{t} points") } else { format!("+{t} points") }
            }
            Unit::Times => format!("{}×", fmt_q(q, 2)),
        };
        // The plain reading: the ratio for a multiple, the relative change for a percentage.
        let main = if unit == Unit::Times { &failing[0] } else { &failing[failing.len() - 1] };
        let mid = shown(&main.point);
        let stated_word = match (unit, c.dir) {
            (Unit::Times, _) => p.text(doc).to_owned(),
            (_, Some(Direction::Down)) => format!("−{}", p.text(doc)),
            _ => format!("+{}", p.text(doc)),
        };
        let hows: Vec<&str> = failing.iter().map(|d| d.how.as_str()).collect();
        let mut help = format!("{}; stated {stated_word}", hows.join(", or "));
        if let (Some(lo), Some(hi)) = (&main.allowed.lo, &main.allowed.hi)
            && lo != hi
        {
            help.push_str(&format!(
                ". Within the rounding of the figures the change is between {} and {}",
                shown(lo),
                shown(hi)
            ));
        }
        let (message, label) = match (unit, c.dir) {
            (Unit::Times, _) => (
                format!("stated multiple of {} does not match the figures ({mid})", p.text(doc)),
                "stated multiple".to_owned(),
            ),
            (_, dir) => {
                let word = dir.map_or("change", |d| d.word());
                (
                    format!("stated {word} of {} does not match the figures ({mid})", p.text(doc)),
                    format!("stated {word}"),
                )
            }
        };
        let mut f = Finding::new(message, Label::new(p.span, label)).help(help);
        if let Some(fix) = percentage_fix(doc, p.span, unit, c.dir, &main.point, fmt) {
            f = f.fix(fix);
        }
        if let Some(a) = c.base {
            f = f.label(Label::new(doc.figures[a].span, "from"));
        }
        if let Some(b) = c.new {
            let what = match (c.base.is_some(), c.form) {
                (true, _) => "to",
                (false, Form::Derived) => "level at the end",
                (false, _) => "new value",
            };
            f = f.label(Label::new(doc.figures[b].span, what));
        }
        if let Some(d) = c.delta {
            f = f.label(Label::new(
                doc.figures[d].span,
                if c.form == Form::Derived { "added over the period" } else { "difference" },
            ));
        }
        f
    }
}

/// The stated percentage replaced by the one the figures give, at the precision it was stated
/// with plus one digit (`60 %` → `57.1%`). Unsafe: the figures may be what is wrong. Offered only
/// for a plain percentage (digits and a percent sign, `60%`, `60 %`, `12.5％`) whose direction the
/// figures agree with; a multiple, points, or a wrong direction are left to a person.
fn percentage_fix(
    doc: &Document,
    at: crate::source::Span,
    unit: Unit,
    dir: Option<Direction>,
    point: &Q,
    fmt: &dyn Fn(&Q) -> String,
) -> Option<Fix> {
    let written = doc.original(at);
    let sign = written.trim_end().chars().last().filter(|c| matches!(c, '%' | '％'))?;
    let number = written.trim_end().strip_suffix(sign)?.trim_end();
    let plain = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ' ');
    let agrees = match dir? {
        Direction::Up => point.is_positive(),
        Direction::Down => point.is_negative(),
    };
    if unit != Unit::Percent || !plain || !agrees {
        return None;
    }
    let computed = fmt(&point.abs());
    let digits = computed.trim_start_matches('+').trim_end_matches('%');
    Some(Fix::replace(Applicability::Unsafe, at, format!("{digits}{sign}")))
}

impl Rule for PercentChange {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        for c in claims.changes() {
            self.evaluate(doc, c, cx);
        }
    }
}
