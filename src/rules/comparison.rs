use std::collections::HashSet;
use std::ops::Range;

use crate::claims::Claims;
use crate::claims::changes::{self, Clause, comparable, is_level};
use crate::claims::differences::Source;
use crate::claims::lists::Confidence;
use crate::claims::orders::OrderKind;
use crate::claims::rates::{Rate, RateBreakdown};
use crate::claims::support::{WordList, short, shown};
use crate::diagnostic::{Finding, Label};
use crate::document::{Document, Figure};
use crate::quantity::Interval;
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, required, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a comparison the figures contradict: `X，高於 … Y` where X is not above Y,
    /// `X, lower than Y` where it is not below, a figure called the highest or lowest of a
    /// list that holds a higher or lower one, a range that runs backwards (`介乎 95,000元至
    /// 68,000元`), and a level below the threshold it is said to break through (`衝至468.2億美元，
    /// 為連續3個月衝破500億美元大關`). Ranges and thresholds are read by the claims stage
    /// (`crate::claims::orders`, words in `rules/orders.toml`).
    ///
    /// Also flags a whole's rate of change outside the range of its parts' rates, when the parts
    /// are all of the whole (`全国居民消费价格同比上涨2.1%。其中，城市上涨1.2%，农村上涨0.7%`):
    /// the change of a sum is its parts' changes averaged by their shares. The parts are all of
    /// it when they name every member of a partition of `rules/partitions.toml` (`城市` and
    /// `农村`, `消費品` and `服務`, urban and rural) or a name and its complement (`食品` and
    /// `非食品`, food and non-food); read by `crate::claims::rates`.
    ///
    /// And flags a rate said to have a number of digits it does not have: `衰退幅度扩大至14.8%，…
    /// 连3个月呈现单位数衰退`, `rose 8.4%, a double-digit rise` (read by
    /// `crate::claims::orders`; classes and words in `rules/orders.toml`). A hedge (`接近雙位數`,
    /// `nearly double-digit`), a class given to other things than the stated rates (`其餘均達2位數
    /// 以上成長`), or a sentence with two rates it could be leaves it unjudged.
    ///
    /// And flags a table row marked by a note as within a stated range whose figures are not:
    /// `* Schools charging tuition fees within the range charged by the ESF`, the range in the
    /// text that points at the marked rows (`(marked with asterisk at Annex) … within the ESF
    /// school fees range of $66,100 to $102,000`), and a marked row `1 *Hong Kong Japanese
    /// School 31,200 33,600`. Read by `crate::claims::marks` (words in `rules/marks.toml`).
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
    /// 出口按年升 3.2%，優於市場預期的升 4.6%              (better than a rise: higher)
    /// 今年開會 (每年 4次 )，較過往 (每年 2次 )為少
    /// 居民消费价格上涨2.1%。其中，城市上涨1.2%，农村上涨0.7%      (2.1% is not between)
    /// ```
    ///
    /// ## What it does not check
    /// Comparisons with a figure the paper does not state (`higher than last year`), figures of
    /// different kinds or units, and a comparison whose first figure is far from the comparison
    /// word (the subject is then uncertain). `more than`/`超過` straight before a figure is usually
    /// a bound on that figure, not a comparison, and is read as one only when a figure stands
    /// right before it. Figures equal within their rounding are not a contradiction. `20人或多於
    /// 20人` is one bound and `一年少於一年` a trend; `better`/`worse` are read only between two
    /// rises; a Chinese superlative before a noun or verb (`最低工資`, `最少檢討一次`) ranks
    /// nothing. A whole's rate is not compared with its parts' when they are sub-items that need
    /// not be all of it (three items after `其中`), when they are over other spans (`同比` and
    /// `环比`) or in points, or when they are rates per head (`人均`: people moving from the
    /// rural part to the urban one lift the whole's rate above both); `figures` lists them as
    /// skipped, with the reason.
    ///
    /// ## Options
    /// - `greater`, `less`: words that compare two figures.
    /// - `better`, `worse`: words that say one rise is better or worse than another; read only
    ///   between two stated rises (for a cost, better is lower).
    /// - `than`, `than-greater`, `than-less`, `than-better`, `than-worse`: `X 較 Y 為多`, the word
    ///   that opens the second figure and the comparatives that may close it.
    /// - `highest`, `lowest`: words that rank a figure first or last among others.
    pub struct Comparison {
        greater: WordList,
        less: WordList,
        better: WordList,
        worse: WordList,
        than: WordList,
        than_greater: WordList,
        than_less: WordList,
        than_better: WordList,
        than_worse: WordList,
        highest: WordList,
        lowest: WordList,
    }
}

rule_config! {
    pub struct Config {
        pub greater: Option<Vec<String>>,
        pub less: Option<Vec<String>>,
        pub better: Option<Vec<String>>,
        pub worse: Option<Vec<String>>,
        pub than: Option<Vec<String>>,
        pub than_greater: Option<Vec<String>>,
        pub than_less: Option<Vec<String>>,
        pub than_better: Option<Vec<String>>,
        pub than_worse: Option<Vec<String>>,
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
            better: WordList::new(required(&c.better, "better")?),
            worse: WordList::new(required(&c.worse, "worse")?),
            than: WordList::new(required(&c.than, "than")?),
            than_greater: WordList::new(required(&c.than_greater, "than-greater")?),
            than_less: WordList::new(required(&c.than_less, "than-less")?),
            than_better: WordList::new(required(&c.than_better, "than-better")?),
            than_worse: WordList::new(required(&c.than_worse, "than-worse")?),
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

/// `一年少於一年`, `一次比一次為大`: one figure on both sides is a trend, not two figures compared.
fn same_text(doc: &Document, a: &Figure, b: &Figure) -> bool {
    let t = |f: &Figure| doc.norm_text(&f.norm).split_whitespace().collect::<String>();
    t(a) == t(b)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

fn is_han_numeral(c: char) -> bool {
    "一二三四五六七八九十百千萬万億亿兩两〇零".contains(c)
}

/// A few words at most, in one clause: `max_chars` characters, or where a dozen are allowed, five
/// English words (`above the 2003 donor average of 0.25 per cent`).
fn gap_ok(text: &str, max_chars: usize) -> bool {
    let short = text.chars().filter(|c| !c.is_whitespace()).count() <= max_chars
        || max_chars >= 12 && text.is_ascii() && text.split_whitespace().count() <= 5;
    short && !text.contains(['，', '。', '；', ',', ';', '：', ':'])
}

/// Is the figure stated as a rise (`升 4.4%`, `grew 3.1%`, `the 3.6% rise`)?
fn stated_rise(doc: &Document, f: &Figure) -> bool {
    let before = doc.norm.text.get(..f.norm.start).unwrap_or("");
    let lo = crate::source::floor_char_boundary(before, before.len().saturating_sub(24));
    let tail = before[lo..].trim_end();
    let tail = ["約", "约", "about", "by"].iter().fold(tail, |t, q| t.strip_suffix(q).unwrap_or(t)).trim_end();
    let after = doc.norm.text.get(f.norm.end..).unwrap_or("").trim_start();
    changes::words().increase.ends(tail).is_some() || changes::words().increase.at(after, 0).is_some()
}

impl Comparison {
    fn pairs(&self, s: &Clause, gaps: &HashSet<usize>, cx: &mut Context) {
        let lists = [
            (&self.greater, Order::Above, false),
            (&self.less, Order::Below, false),
            (&self.better, Order::Above, true),
            (&self.worse, Order::Below, true),
        ];
        for (list, order, rises) in lists {
            for w in list.find_all(s.text) {
                self.pair(s, &w, order, rises, gaps, cx);
            }
        }
        for w in self.than.find_all(s.text) {
            self.than_pair(s, &w, cx);
        }
    }

    /// `X 較 Y 為多`, `X 比 Y 高`: Y straight after the opening word, and the comparative
    /// straight after Y (a figure after it, `比 Y 高 5%`, makes it a stated change instead).
    fn than_pair(&self, s: &Clause, w: &Range<usize>, cx: &mut Context) {
        let Some(y) = (s.first_fig_from(w.end)..s.figs.end).next().filter(|&i| is_level(s.fig(i))) else {
            return;
        };
        let ly = s.local(y);
        if !gap_ok(&s.text[w.end..ly.start], 12) {
            return;
        }
        let rest = s.text[ly.end..].trim_start_matches([' ', ')', '）']);
        let (order, rises, len) = if let Some(n) = self.than_greater.at(rest, 0) {
            (Order::Above, false, n)
        } else if let Some(n) = self.than_less.at(rest, 0) {
            (Order::Below, false, n)
        } else if let Some(n) = self.than_better.at(rest, 0) {
            (Order::Above, true, n)
        } else if let Some(n) = self.than_worse.at(rest, 0) {
            (Order::Below, true, n)
        } else {
            return;
        };
        let after = rest[len..].trim_start();
        if after.starts_with(|c: char| c.is_ascii_digit() || is_han_numeral(c)) || after.starts_with("了") {
            return;
        }
        let fy = s.fig(y);
        // X: the nearest comparable level before the opening word, close to it.
        let Some(x) = (s.figs.start..s.figs_ending_by(w.start)).rev().find(|&i| comparable(s.fig(i), fy)) else {
            return;
        };
        let (fx, lx) = (s.fig(x), s.local(x));
        let between: String = s.text[lx.end..w.start]
            .chars()
            .filter(|c| !matches!(c, ' ' | '(' | ')' | '（' | '）' | '，' | ','))
            .collect();
        if between.chars().count() > 6
            || between.contains(['。', '；', ';'])
            || between.is_empty() && same_text(s.doc, fx, fy)
        {
            return;
        }
        if rises && !(stated_rise(s.doc, fx) && stated_rise(s.doc, fy)) {
            return;
        }
        // The label goes on the comparative that closes the phrase (`為少`).
        let at = s.start + s.text.len() - rest.len();
        let word = at..at + len;
        self.judge(s.doc, (x, fx), (y, fy), word, order, cx);
    }

    fn pair(&self, s: &Clause, w: &Range<usize>, order: Order, rises: bool, gaps: &HashSet<usize>, cx: &mut Context) {
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
        // X: the nearest comparable level before the word, outside brackets — or alone in the
        // bracket that closes straight before the word (`Revenue ($5.1 billion) exceeded`).
        let alone = |i: usize| {
            let l = s.local(i);
            s.text[..l.start].trim_end().ends_with(['(', '（']) && matches!(s.text[l.end..w.start].trim(), ")" | "）")
        };
        let Some(x) = (s.figs.start..s.figs_ending_by(w.start))
            .rev()
            .filter(|&i| i != y)
            .find(|&i| comparable(s.fig(i), fy) && (!s.in_parens(s.local(i).start) || alone(i)))
        else {
            return;
        };
        if gaps.contains(&x) {
            return;
        }
        let (fx, lx) = (s.fig(x), s.local(x));
        if w.start - lx.end > 256 {
            return;
        }
        let between = &s.text[lx.end..w.start];
        // `超過 580 家`, `more than 300 firms`: the word bounds Y unless X stands right before it
        // (`每項 50萬元，超過 200萬元以上的資助` bounds the second amount). `20人或多於 20人` is
        // one bound (twenty or more), and `一年少於一年` a trend, not two figures compared.
        let bound = s.text[w.end..ly.start].trim().is_empty();
        if bound && between.contains(['，', ',']) {
            return;
        }
        let joined = between.trim();
        if matches!(joined, "或" | "or" | "or even" | "甚至") || joined.is_empty() && bound && same_text(s.doc, fx, fy)
        {
            return;
        }
        if rises && !(stated_rise(s.doc, fx) && stated_rise(s.doc, fy)) {
            return;
        }
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
        self.judge(s.doc, (x, fx), (y, fy), s.start + w.start..s.start + w.end, order, cx);
    }

    /// Records the comparison of X with Y and reports it when no values allow it.
    fn judge(
        &self,
        doc: &Document,
        (x, fx): (usize, &Figure),
        (y, fy): (usize, &Figure),
        word: Range<usize>,
        order: Order,
        cx: &mut Context,
    ) {
        let names = shown(doc, &[fx, fy]);
        let (sx, sy) = (&names[0], &names[1]);
        let relation = format!("{sx} {} {sy}", order.word());
        let ok = possible(&fx.interval, &fy.interval, order);
        cx.checked(relation, ok, vec![x, y]);
        if ok {
            return;
        }
        let word_span = doc.span(word);
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
                    // A Chinese superlative ranks the figure before it only when it ends the
                    // phrase (`以 61.8% 最高。`): before a noun it names a thing (`最低工資`),
                    // before a verb it bounds (`最少檢討一次`), and `佔最多的是` ranks what follows.
                    let next = text[w.end..].trim_start().chars().next();
                    if !text[w.clone()].is_ascii() && next.is_some_and(is_han) {
                        continue;
                    }
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
        Order::Above => y.can_be_at_most(x),
        Order::Below => x.can_be_at_most(y),
    }
}

/// A range's ends and a passed threshold ([`crate::claims::orders`]): the first at most the
/// second.
fn orders(doc: &Document, claims: &Claims, cx: &mut Context) {
    for o in claims.orders() {
        let (lo, hi) = (&doc.figures[o.low], &doc.figures[o.high]);
        // The digits as written, with the sign a range's ends may carry (`介乎-0.2%至1.4%`).
        let n: Vec<String> = shown(doc, &[lo, hi])
            .into_iter()
            .zip([lo, hi])
            .map(|(s, f)| if f.value.is_negative() && !s.starts_with(['-', '−']) { format!("−{s}") } else { s })
            .collect();
        let ok = possible_or_equal(&lo.interval, &hi.interval, Order::Below);
        let word = doc.norm_text(&o.word).to_owned();
        let relation = match o.kind {
            OrderKind::Range => format!("range `{word}` from {} to {}", n[0], n[1]),
            OrderKind::Threshold { up, .. } => {
                let (level, t) = if up { (hi, lo) } else { (lo, hi) };
                format!("{} passed `{word}` {}", short(doc, level), short(doc, t))
            }
        };
        if let Some(why) = &o.doubt {
            cx.skipped(format!("{relation}, not judged: {why}"), vec![o.low, o.high]);
            continue;
        }
        cx.checked(relation, ok, vec![o.low, o.high]);
        if ok {
            continue;
        }
        let finding = match o.kind {
            OrderKind::Range => Finding::new(
                format!("the range runs backwards: from {} down to {}", lo.text(doc), hi.text(doc)),
                Label::new(doc.span(o.word.clone()), "says a range"),
            )
            .label(Label::new(lo.span, "from"))
            .label(Label::new(hi.span, "to"))
            .help(format!("{} > {}: a range's first end is at most its second", n[0], n[1])),
            OrderKind::Threshold { threshold, up } => {
                let (t, x) = (&doc.figures[threshold], if up { hi } else { lo });
                let nt = shown(doc, &[t, x]);
                Finding::new(
                    format!(
                        "{} is {} the {} it is said to {}",
                        x.text(doc),
                        if up { "below" } else { "above" },
                        t.text(doc),
                        if up { "break through" } else { "fall through" }
                    ),
                    Label::new(doc.span(o.word.clone()), if up { "says above" } else { "says below" }),
                )
                .label(Label::new(x.span, "the level"))
                .label(Label::new(t.span, "the threshold"))
                .help(format!(
                    "{} {} {}: `{word}` says the level is {} it",
                    nt[1],
                    if up { "<" } else { ">" },
                    nt[0],
                    if up { "at or above" } else { "at or below" }
                ))
            }
        };
        cx.report(finding);
    }
}

/// A rate as written, signed by its direction: `−0.9%` for `下降 0.9%`.
fn signed(doc: &Document, r: &Rate) -> String {
    let t: String = doc.figures[r.figure].text(doc).split_whitespace().collect();
    if r.down && !t.starts_with(['-', '−']) { format!("−{t}") } else { t }
}

/// A whole's rate of change and its parts' ([`crate::claims::rates`]): the whole's is their
/// average weighted by their shares, so it lies between the lowest and the highest of them.
fn between(doc: &Document, claims: &Claims, cx: &mut Context) {
    for r in claims.rates() {
        let parts: Vec<String> = r.parts.iter().map(|p| format!("{} {}", p.name, signed(doc, p))).collect();
        let whole = signed(doc, &r.whole);
        let relation = format!("{whole} between {} (a whole's rate lies between its parts')", parts.join(" and "));
        if let Some(doubt) = &r.doubt {
            cx.skipped(format!("{relation}: {doubt}"), r.figures());
            continue;
        }
        let lo =
            r.parts.iter().map(|p| p.allows.lo.clone()).collect::<Option<Vec<_>>>().and_then(|v| v.into_iter().min());
        let hi =
            r.parts.iter().map(|p| p.allows.hi.clone()).collect::<Option<Vec<_>>>().and_then(|v| v.into_iter().max());
        let (Some(lo), Some(hi)) = (lo, hi) else {
            cx.skipped(format!("{relation}: a part's rate is only bounded (`over 5%`)"), r.figures());
            continue;
        };
        let ok = r.whole.allows.intersects(&Interval::new(lo, hi));
        cx.checked(relation, ok, r.figures());
        if !ok {
            cx.report(outside_parts(doc, r, &parts, &whole));
        }
    }
}

/// The finding for a whole's rate outside its parts': labels on the whole and every part, the
/// range in the help.
fn outside_parts(doc: &Document, r: &RateBreakdown, parts: &[String], whole: &str) -> Finding {
    let value = |p: &&Rate| {
        let v = &doc.figures[p.figure].value;
        if p.down { -v.clone() } else { v.clone() }
    };
    let low = r.parts.iter().min_by_key(value).map(|p| signed(doc, p)).unwrap_or_default();
    let high = r.parts.iter().max_by_key(value).map(|p| signed(doc, p)).unwrap_or_default();
    let mut f = Finding::new(
        format!("the whole's rate of {whole} lies outside its parts' ({low} to {high})"),
        Label::new(doc.figures[r.whole.figure].span, "the whole"),
    )
    .help(format!(
        "{}: the whole must lie between {low} and {high}; stated {whole}. A whole's rate of change is its \
         parts' rates averaged by their shares",
        parts.join(", ")
    ));
    for p in &r.parts {
        f = f.label(Label::new(doc.figures[p.figure].span, p.name.clone()));
    }
    f
}

impl Rule for Comparison {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        // A stated difference (`$2.1 billion higher than last year's $9.8 billion`) is the gap
        // between two levels, not a level above the one after its comparative.
        let gaps: HashSet<usize> =
            claims.differences().iter().filter(|d| d.source == Source::Change).map(|d| d.result).collect();
        for s in changes::clauses(doc) {
            if s.figs.len() >= 2 {
                self.pairs(&s, &gaps, cx);
            }
        }
        self.superlatives(doc, cx);
        orders(doc, claims, cx);
        digit_classes(doc, claims, cx);
        between(doc, claims, cx);
        marked(doc, claims, cx);
    }
}

/// A rate said to have so many digits ([`crate::claims::orders::DigitClass`]): its size, as
/// written and rounded, can be of that class.
fn digit_classes(doc: &Document, claims: &Claims, cx: &mut Context) {
    for c in claims.digit_classes() {
        let f = &doc.figures[c.figure];
        let word = doc.norm_text(&c.word).to_owned();
        let relation = format!("`{word}` said of {}", f.text(doc));
        if let Confidence::Doubt(why) = &c.confidence {
            cx.skipped(format!("{relation}, not judged: {why}"), vec![c.figure]);
            continue;
        }
        // The rate's size: its interval without its sign.
        let (Some(lo), Some(hi)) = (&f.interval.lo, &f.interval.hi) else { continue };
        let (lo, hi) =
            if lo.is_negative() && hi.is_negative() { (hi.abs(), lo.abs()) } else { (lo.clone(), hi.clone()) };
        let ok = hi >= c.at_least && c.below.as_ref().is_none_or(|b| lo < *b);
        cx.checked(relation, ok, vec![c.figure]);
        if ok {
            continue;
        }
        let size = match &c.below {
            Some(b) if c.at_least.is_zero() => format!("below {b}%"),
            Some(b) => format!("of {}% or more and below {b}%", c.at_least),
            None => format!("of {}% or more", c.at_least),
        };
        let n = shown(doc, &[f]).remove(0);
        cx.report(
            Finding::new(
                format!("{} is not a rate of the size `{word}` says", f.text(doc)),
                Label::new(doc.span(c.word.clone()), "says its size"),
            )
            .label(Label::new(f.span, "the rate"))
            .help(format!("`{word}` means a rate {size}; the sentence states {n}%")),
        );
    }
}

/// Rows a note marks as within a stated range ([`crate::claims::marks`]): every figure of each
/// marked row lies between the range's ends.
fn marked(doc: &Document, claims: &Claims, cx: &mut Context) {
    for m in claims.marks() {
        let o = &claims.orders()[m.range];
        let (lo, hi) = (&doc.figures[o.low], &doc.figures[o.high]);
        let (Some(from), Some(to)) = (lo.interval.lo.clone(), hi.interval.hi.clone()) else { continue };
        let range = Interval::new(from, to);
        let ends = shown(doc, &[lo, hi]);
        let note = crate::claims::support::one_line(doc.original(doc.span(m.note.clone())));
        for row in &m.rows {
            let outside: Vec<usize> =
                row.figures.iter().copied().filter(|&f| !doc.figures[f].interval.intersects(&range)).collect();
            let mut figures = vec![o.low, o.high];
            figures.extend(&row.figures);
            let relation =
                format!("`{}` marked `{}`: its figures within {} to {}", row.name, m.symbol, ends[0], ends[1]);
            cx.checked(relation, outside.is_empty(), figures);
            let Some(&first) = outside.first() else { continue };
            let below = doc.figures[first].value < lo.value;
            let mut f = Finding::new(
                format!(
                    "`{}` is marked `{}` as within the range {} to {}, but {} is {} it",
                    row.name,
                    m.symbol,
                    lo.text(doc),
                    hi.text(doc),
                    doc.figures[first].text(doc),
                    if below { "below" } else { "above" }
                ),
                Label::new(doc.span(row.symbol.clone()), "marked"),
            )
            .label(Label::new(lo.span, "from"))
            .label(Label::new(hi.span, "to"))
            .label(Label::new(doc.span(m.note.clone()), "the note"));
            for &x in &outside {
                let side = if doc.figures[x].value < lo.value { "below the range" } else { "above the range" };
                f = f.label(Label::new(doc.figures[x].span, side));
            }
            let shown_out: Vec<String> = outside.iter().map(|&x| doc.figures[x].text(doc).to_owned()).collect();
            cx.report(f.help(format!(
                "{} outside {} to {}; the note `{note}` puts every row it marks in that range",
                shown_out.join(", "),
                ends[0],
                ends[1]
            )));
        }
    }
}
