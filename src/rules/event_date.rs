use std::collections::HashMap;

use crate::claims::Claims;
use crate::claims::dates::{own_year, show_mention, show_period};
use crate::claims::events::{Event, When};
use crate::diagnostic::{Finding, Label};
use crate::document::{DateMention, Document};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a body or scheme whose founding the paper dates twice, differently (`the Child
    /// Development Fund (CDF) was set up in 2009` and `The CDF was set up in April 2008`;
    /// `英基於1967年成立` and `自英基於 1976年成立以來`), and a time the paper places before or
    /// after that founding which its date contradicts (`In early 2008 after CDF was set up`, when
    /// it was set up in April 2008).
    ///
    /// ## Why is this bad?
    /// A founding happens once. Two dates for it leave the reader with two answers, and a
    /// history told around the wrong one (what was consulted before the fund existed) misleads.
    ///
    /// ## Example
    /// ```text
    /// To reduce poverty, the Child Development Fund (CDF) was set up in 2009 …
    /// The CDF was set up in April 2008.                        (2009, then April 2008)
    /// ```
    ///
    /// ## What it does not check
    /// Only founding verbs are read (`set up`, `established`, `founded`, `formed`, `成立`,
    /// `設立`, …; `rules/events.toml`), and only where the founded thing is named plainly: an
    /// abbreviation or a capitalised name in English (`a task force was set up` names nothing to
    /// compare), the words next to the date or the verb's object in Chinese; `當局`, `政府` found
    /// and are not founded. A short Chinese name is the longer one it ends (`基金` is `兒童發展
    /// 基金`) only when one such name is in the scope; with two, the short one is not judged.
    /// An English name is its abbreviation where the paper defines one (`Child Development Fund
    /// (CDF)`, anywhere in it); otherwise names are compared as written. Both dates must carry their own year. A compilation is
    /// judged part by part, a reply with its question.
    pub struct EventDate {}
}

rule_config! {
    pub struct Config {}
}

impl RuleDef for EventDate {
    type Config = Config;
    const GROUP: Group = Group::Dates;
    fn build(_: &Config) -> Result<Self, String> {
        Ok(EventDate {})
    }
}

/// How many earlier statements of one founding each is compared with (a paper that repeats a
/// founding date on every page must not be judged pair by pair).
const COMPARED: usize = 16;

impl Rule for EventDate {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        let events = claims.events();
        for group in groups(events, cx, doc) {
            judge(doc, events, &group, cx);
        }
    }
}

/// The events of each founding, by index: same scope, same key (a Chinese key joined to the one
/// longer key of its scope that ends with it).
fn groups(events: &[Event], cx: &mut Context, doc: &Document) -> Vec<Vec<usize>> {
    // Each scope's distinct Chinese keys, by every ending of two characters or more: the keys
    // that end with a given one are looked up, not searched for.
    let mut ending: HashMap<(usize, &str), Vec<&str>> = HashMap::new();
    for e in events.iter().filter(|e| !e.key.is_ascii()) {
        for (k, _) in e.key.char_indices() {
            let tail = &e.key[k..];
            if tail.chars().count() < 2 {
                break;
            }
            let keys = ending.entry((e.scope, tail)).or_default();
            // A few longer names are enough to know whether a short one is ambiguous.
            if !keys.contains(&e.key.as_str()) && keys.len() < 8 {
                keys.push(&e.key);
            }
        }
    }
    let mut groups: HashMap<(usize, &str), Vec<usize>> = HashMap::new();
    let mut order = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let longer: Vec<&str> = if e.key.is_ascii() {
            vec![e.key.as_str()]
        } else {
            ending.get(&(e.scope, e.key.as_str())).cloned().unwrap_or_default()
        };
        // The longest names that end with this one; a name ending another is not the longest.
        let longest: Vec<&str> =
            longer.iter().copied().filter(|k| !longer.iter().any(|o| o.len() > k.len() && o.ends_with(k))).collect();
        let [canonical] = longest[..] else {
            cx.skipped_at(
                format!("`{}`: founded, but {} names in this part end with it", named(doc, e), longest.len()),
                doc.span(e.name.clone()),
            );
            continue;
        };
        let g = groups.entry((e.scope, canonical)).or_default();
        if g.is_empty() {
            order.push((e.scope, canonical));
        }
        g.push(i);
    }
    order.into_iter().filter_map(|k| groups.remove(&k)).filter(|g| g.len() > 1).collect()
}

fn judge(doc: &Document, events: &[Event], group: &[usize], cx: &mut Context) {
    let date = |i: usize| &doc.dates[events[i].date];
    let dated = |i: &usize| own_year(date(*i));
    let ats: Vec<usize> = group.iter().copied().filter(|&i| events[i].when == When::At).filter(dated).collect();
    for (n, &i) in ats.iter().enumerate() {
        let mut reported = false;
        for &j in ats[n.saturating_sub(COMPARED)..n].iter().rev() {
            let (a, b) = (date(j), date(i));
            let agree = a.start <= b.end && b.start <= a.end;
            // Worded only when kept (`figures`): a paper that repeats a founding on every page
            // is compared many times.
            if cx.records() {
                let relation = format!(
                    "`{}` founded: {} and {} {}",
                    named(doc, &events[i]),
                    show_period(a.start, a.end),
                    show_period(b.start, b.end),
                    if agree { "agree" } else { "differ" }
                );
                let spans = vec![doc.span(events[j].extent(doc)), doc.span(events[i].extent(doc))];
                cx.checked_spans(relation, agree, spans);
            }
            if !agree && !reported {
                reported = true;
                cx.report(twice(doc, &events[j], &events[i]));
            }
        }
    }
    for &k in group.iter().filter(|&&k| events[k].when != When::At) {
        if !dated(&k) {
            continue;
        }
        let mut reported = false;
        for &i in ats.iter().take(COMPARED) {
            let (t, e) = (date(k), date(i));
            let before = events[k].when == When::Before;
            let agree = if before { t.start < e.end } else { t.end >= e.start };
            if cx.records() {
                let relation = format!(
                    "`{}` founded {}: {} is {} it",
                    named(doc, &events[k]),
                    show_period(e.start, e.end),
                    show_period(t.start, t.end),
                    if before { "before" } else { "after" }
                );
                let spans = vec![doc.span(events[i].extent(doc)), doc.span(events[k].extent(doc))];
                cx.checked_spans(relation, agree, spans);
            }
            if !agree && !reported {
                reported = true;
                cx.report(around(doc, &events[i], &events[k], before));
            }
        }
    }
}

fn shown(m: &DateMention) -> String {
    show_period(m.start, m.end)
}

/// The founded thing's name as the paper writes it, on one line.
fn named(doc: &Document, e: &Event) -> String {
    doc.norm_text(&e.name).split_whitespace().collect::<Vec<_>>().join(if e.key.is_ascii() { " " } else { "" })
}

/// The same founding dated twice.
fn twice(doc: &Document, first: &Event, later: &Event) -> Finding {
    let (a, b) = (&doc.dates[first.date], &doc.dates[later.date]);
    Finding::new(
        format!(
            "the founding of `{}` is dated {} here, but {} earlier in the paper",
            named(doc, later),
            shown(b),
            shown(a)
        ),
        Label::new(b.span, format!("founded {}", shown(b))),
    )
    .label(Label::new(a.span, format!("founded {}", shown(a))))
    .label(Label::new(doc.span(later.name.clone()), "the same body or scheme"))
    .help(format!(
        "a founding happens once: {} and {} do not overlap, so one of the two dates is wrong",
        shown(a),
        shown(b)
    ))
}

/// A time placed before or after a founding its date contradicts.
fn around(doc: &Document, founding: &Event, time: &Event, before: bool) -> Finding {
    let (f, t) = (&doc.dates[founding.date], &doc.dates[time.date]);
    let side = if before { "before" } else { "after" };
    Finding::new(
        format!(
            "{} is said to be {side} `{}` was founded, which the paper dates to {}",
            show_mention(t),
            named(doc, time),
            shown(f)
        ),
        Label::new(t.span, format!("{side} the founding?")),
    )
    .label(Label::new(f.span, format!("founded {}", shown(f))))
    .help(if before {
        format!("all of {} is after {}", shown(t), shown(f))
    } else {
        format!("all of {} is before {}", shown(t), shown(f))
    })
}
