use crate::claims::Claims;
use crate::claims::changes::Change;
use crate::claims::streaks::Streak;
use crate::claims::support::{Direction, shown, shown_difference};
use crate::diagnostic::{Finding, Label};
use crate::document::Document;
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a change whose stated direction — rise or fall, higher or lower — the two figures it
    /// relates contradict.
    ///
    /// ## Why is this bad?
    /// "Decreased from 20% to 25%" tells the reader two opposite things. Usually one figure was
    /// revised, or the sentence was copied from last year's paper and the verb kept.
    ///
    /// ## Example
    /// ```text
    /// 參觀人次由 2018 年的 41,600 人次下降至 2019 年的 52,300 人次   (the figures rise)
    /// The rate decreased from 20% to 25%.
    /// $112.3 billion, 10.8% or $13.6 billion lower than the revised estimate ($98.7 billion)
    /// ```
    ///
    /// Fine: `由三分之二提高至四分之三`, `由 40 萬港元增加至 60 萬港元`.
    ///
    /// Also flagged: two words that give one change opposite directions — a verb with its
    /// level and the size beside it (`fell to $321.5 billion in April, up 2.6%`), a noun and the
    /// verb of its size (`錄得升幅，分別下跌 15.6%`).
    ///
    /// And a run of rises or falls against the rate stated before it: `年增5.3%,…,连续26个月
    /// 正成长纪录划下句点` (a rise cannot end a run of rises), `down 3.1%… the fifth consecutive
    /// month of growth` (`rules/streaks.toml`). When the sentence states changes both ways before
    /// the run, which one it is about is not known, and the run is not judged.
    ///
    /// ## What it does not check
    /// The size of the change (that is `percent-change`), a change stated without its base
    /// (`比上年增長 6.9%`), and figures equal within their rounding: "rose from 5.0% to 5.0%" is
    /// odd wording, not a contradiction this rule can prove.
    pub struct ChangeDirection {}
}

rule_config! {
    pub struct Config {}
}

impl RuleDef for ChangeDirection {
    type Config = Config;
    const GROUP: Group = Group::Arithmetic;
    fn build(_: &Config) -> Result<Self, String> {
        Ok(ChangeDirection {})
    }
}

impl ChangeDirection {
    /// Two words that state opposite directions for one change.
    fn two_words(&self, doc: &Document, c: &Change, cx: &mut Context) {
        let (Some(dir), Some((other, w2)), Some(w1)) = (c.dir, &c.also, &c.verb) else { return };
        let (a, b) = (doc.norm_text(w2).trim(), doc.norm_text(w1).trim());
        let relation = format!("`{a}` and `{b}` for one change");
        let figures = c.figures();
        if *other == dir {
            cx.checked(relation, true, figures);
            return;
        }
        cx.checked(relation, false, figures);
        let size = c.stated.map(|i| doc.figures[i].text(doc).to_owned()).unwrap_or_default();
        cx.report(
            Finding::new(
                format!("`{a}` states a {}, but `{b} {size}` states a {}", other.word(), dir.word()),
                Label::new(doc.span(w2.clone()), format!("a {}", other.word())),
            )
            .label(Label::new(doc.span(w1.clone()), format!("a {}", dir.word())))
            .help(format!(
                "one change is described as both a {} and a {}: one of the two words is wrong",
                other.word(),
                dir.word()
            )),
        );
    }

    fn evaluate(&self, doc: &Document, c: &Change, cx: &mut Context) {
        self.two_words(doc, c, cx);
        let (Some(dir), Some(a), Some(b)) = (c.dir, c.base, c.new) else { return };
        let (fa, fb) = (&doc.figures[a], &doc.figures[b]);
        let diff = fb.interval.sub(&fa.interval);
        let figures = c.figures();
        let names = shown(doc, &[fa, fb]);
        let (sa, sb) = (&names[0], &names[1]);
        let relation = format!("{sa} → {sb} against a stated {}", dir.word());
        // Contradicted only if every value the rounding allows moves the other way.
        let contradicted = match dir {
            Direction::Up => diff.hi.as_ref().is_some_and(|h| h.is_negative()),
            Direction::Down => diff.lo.as_ref().is_some_and(|l| l.is_positive()),
        };
        cx.checked(relation, !contradicted, figures);
        if !contradicted {
            return;
        }
        let actual = match dir {
            Direction::Up => "fall",
            Direction::Down => "rise",
        };
        let stated_at = c.verb.clone().map(|v| doc.span(v)).unwrap_or(fb.span);
        let word = doc.original(stated_at).trim().to_owned();
        let (sa, sb, diff) = shown_difference(doc, fa, fb);
        let help = format!(
            "{sb} − {sa} = {diff}: the figures {actual}, the text says they {}",
            if dir == Direction::Up { "rise" } else { "fall" }
        );
        cx.report(
            Finding::new(
                format!(
                    "`{word}` states a {}, but the figures {actual} ({} → {})",
                    dir.word(),
                    fa.text(doc),
                    fb.text(doc)
                ),
                Label::new(stated_at, format!("stated {}", dir.word())),
            )
            .label(Label::new(fa.span, "from"))
            .label(Label::new(fb.span, "to"))
            .help(help),
        );
    }
}

impl Rule for ChangeDirection {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        for c in claims.changes() {
            self.evaluate(doc, c, cx);
        }
        for s in claims.streaks() {
            streak(doc, s, cx);
        }
    }
}

/// A run of rises or falls against the rate stated before it (`年减5.3%,…,连续26个月正成长
/// 纪录划下句点`: a fall ends a run of rises).
fn streak(doc: &Document, s: &Streak, cx: &mut Context) {
    let (f, dir, ref verb) = s.rate;
    let run = doc.norm_text(&s.word).trim();
    let said = doc.span(verb.start..doc.figures[f].norm.end);
    let change = doc.original(said).trim();
    let expected = s.expected();
    let relation = if s.ended {
        format!("`{run}` after `{change}`: a {} ends a run of {}s", expected.word(), s.dir.word())
    } else {
        format!("`{run}` after `{change}`: the latest change of a run of {}s is a {}", s.dir.word(), expected.word())
    };
    if let Some(why) = &s.doubt {
        cx.skipped(format!("{relation}: {why}"), vec![f]);
        return;
    }
    cx.checked_spans(relation, dir == expected, vec![said, doc.span(s.word.clone())]);
    if dir == expected {
        return;
    }
    let run_kind =
        if s.ended { format!("the end of a run of {}s", s.dir.word()) } else { format!("a run of {}s", s.dir.word()) };
    cx.report(
        Finding::new(
            format!("`{run}` states {run_kind}, but `{change}` is a {}", dir.word()),
            Label::new(doc.span(s.word.clone()), run_kind.clone()),
        )
        .label(Label::new(said, format!("a {}", dir.word())))
        .help(format!(
            "{run_kind} needs the latest change to be a {}; the one stated before it is a {}: one of the two is wrong",
            expected.word(),
            dir.word()
        )),
    );
}
