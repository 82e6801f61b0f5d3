use crate::claims::Claims;
use crate::claims::lists::{Confidence, ListClaim, Shape};
use crate::diagnostic::{Finding, Label};
use crate::document::{Document, Figure};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, required, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a stated number of items that does not match the items listed with it: the list
    /// that follows in its sentence (`三大支柱…分別是「…」、「…」和「…」`, `在 6 個城市 (即倫敦、…及
    /// 香港)`, `five new members: A, B, C, D and E`), the Chinese list that precedes it (`推廣、規
    /// 管、支援措施、人才及資金五方面`, `A、B 及 C 等 3 人`), the items that follow its sentence
    /// (`五方面。` then sections `(a)` … `(e)`; `以下三項措施：` then `(一)` … `(三)`; bullets; `一是…
    /// 二是…`; `first, … second, …`; a name on each line), or the next sentence when it names the
    /// counted thing again (`委任六名新成員。新成員為…`). Figures given one to each item of a list
    /// (`美國、英國及中國大陸的出口貨量分別跌16.3%、13.4%及6.6%`, `… rose 3%, 2% and 1% respectively`)
    /// must be as many as its items. A tally of rises and falls (`八大类商品四涨四落：食品上涨
    /// 5.1%，…；衣着下降0.9%，…`, `七大类价格六涨一降。其中，…`) must add up to the items it
    /// counts (`八大类`), and the rates listed after it rise and fall as many times as it says
    /// (read by `crate::claims::tallies`, words in `rules/tallies.toml`).
    ///
    /// ## Why is this bad?
    /// "Three pillars" followed by four is the mark of a list edited after its sentence was
    /// written. The reader cannot tell whether an item is missing or the count is stale.
    ///
    /// ## Example
    /// ```text
    /// 計劃由三大支柱組成，分別是「網絡防衞評估框架」、「專業培訓計劃」和「網絡風險資訊共享平台」   (3: fine)
    /// 可分為推廣、規管、支援措施、人才及資金六方面                                              (5 listed)
    /// The five new members are Mr A, Mr B, Mr C and Ms D.                                        (4 named)
    /// ```
    ///
    /// The lists are read by the claims stage (`src/claims/lists.rs`): items are separated by
    /// `、`, commas or semicolons and the last is joined by `和`, `及`, `and`. Where a joining word
    /// could also sit inside an item (`維護世界和平與促進共同發展`, `technology and innovation`),
    /// both readings are allowed and only a count that fits neither is reported; an `and` inside
    /// an organisation's name (`the Food and Health Bureau`) does not split it. A count read
    /// against two lists (a list before it and sections after it) must fit both.
    ///
    /// ## What it does not check
    /// A list read in doubt is never reported; `policy-lint figures` lists it as skipped with the
    /// reason: a list that runs to the end of the text (an excerpt that stops mid-list), items
    /// numbered with a gap, two lists either of which could be the one announced, a list whose
    /// joining words allow more than one extra item. A list introduced by `包括`, `including`,
    /// `such as` or ending in `等`, `etc.` may name only some items: only naming more than the
    /// count is reported (a count after `等`, `A、B 及 C 等 3 人`, closes its list). Lists holding
    /// figures, counts with a qualifier (`約十項`, `over 30 measures`) and counts above
    /// `max-count` are not read.
    ///
    /// ## Options
    /// - `max-count`: the largest count checked (default 30).
    ///
    /// The words that announce, separate and end lists are the `[lists]` tables of
    /// `rules/parts.toml`, per language.
    pub struct ListCount {
        max_count: u32,
    }
}

rule_config! {
    pub struct Config {
        pub max_count: Option<u32>,
    }
}

impl RuleDef for ListCount {
    type Config = Config;
    const GROUP: Group = Group::Structure;
    fn build(c: &Config) -> Result<Self, String> {
        Ok(ListCount { max_count: required(&c.max_count, "max-count")? })
    }
}

/// Tallies of rises and falls ([`crate::claims::tallies`]): `八大类商品四涨四落` and the rates
/// listed after it. The tally's two numbers add up to the number of items, and the listed rates
/// rise and fall as many times as it says — exactly when every item is listed, at most when some
/// are left out.
fn tallies(doc: &Document, claims: &Claims, cx: &mut Context) {
    for t in claims.tallies() {
        let word = doc.norm_text(&t.word).to_owned();
        let mut figures = t.rises.clone();
        figures.extend(&t.falls);
        let span = doc.span(t.word.clone());
        if let Some((n, at)) = &t.kinds
            && *n != t.up + t.down + t.flat
        {
            let kinds = doc.norm_text(at).to_owned();
            cx.checked_spans(format!("`{kinds}` against `{word}`"), false, vec![doc.span(at.clone()), span]);
            cx.report(
                Finding::new(
                    format!("`{word}` counts {} items, but `{kinds}` says there are {n}", t.up + t.down + t.flat),
                    Label::new(span, "the tally"),
                )
                .label(Label::new(doc.span(at.clone()), "the items"))
                .help(format!(
                    "{} + {} + {} unchanged = {}, not {n}",
                    t.up,
                    t.down,
                    t.flat,
                    t.up + t.down + t.flat
                )),
            );
            continue;
        }
        if let Some(why) = &t.doubt {
            cx.skipped(format!("`{word}`: the rates after it, not counted: {why}"), figures);
            continue;
        }
        if figures.is_empty() {
            continue;
        }
        let (r, f) = (t.rises.len() as u32, t.falls.len() as u32);
        let all_listed = r + f >= t.up + t.down + t.flat;
        let ok = if all_listed { r == t.up && f == t.down } else { r <= t.up && f <= t.down };
        let of = t.kinds.as_ref().map(|(_, at)| format!(" of `{}`", doc.norm_text(at))).unwrap_or_default();
        let relation =
            format!("`{word}`{of}: listed {r} up, {f} down{}", if all_listed { "" } else { " (not every item)" });
        cx.checked(relation, ok, figures);
        if ok {
            continue;
        }
        let mut finding = Finding::new(
            format!(
                "`{word}` says {} up and {} down, but the rates listed after it are {r} up and {f} down",
                t.up, t.down
            ),
            Label::new(span, "the tally"),
        );
        for &i in &t.rises {
            finding = finding.label(Label::new(doc.figures[i].span, "rise"));
        }
        for &i in &t.falls {
            finding = finding.label(Label::new(doc.figures[i].span, "fall"));
        }
        cx.report(finding.help(format!(
            "counted by the direction word before each rate: {r} up, {f} down{}",
            if all_listed { "" } else { "; not every item is listed, but more than the tally allows are" }
        )));
    }
}

impl Rule for ListCount {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        tallies(doc, claims, cx);
        let all = claims.lists();
        let mut k = 0;
        while k < all.len() {
            // The claims of one count are next to each other.
            let count = all[k].count;
            let end = k + all[k..].iter().take_while(|c| c.count == count).count();
            let mine = &all[k..end];
            k = end;
            let f = &doc.figures[count];
            let n = mine[0].stated;
            if n > self.max_count {
                continue;
            }
            let read: Vec<&ListClaim> = mine.iter().filter(|c| c.is_read()).collect();
            let figures = mine[0].figures.clone();
            let stated = stated_text(doc, &mine[0]);
            if read.is_empty() {
                for c in mine {
                    if let Confidence::Doubt(why) = &c.confidence {
                        cx.skipped(format!("{stated}; a list {}, not judged: {why}", c.how), c.figures.clone());
                    }
                }
                continue;
            }
            let relation =
                read.iter().map(|c| format!("{} listed {}", c.listed(), c.how)).collect::<Vec<_>>().join("; ");
            // Each list is a claim of its own: a list before the count and sections after it
            // must both agree with it.
            let failed = read.iter().find(|c| !c.allows(n));
            cx.checked(format!("{stated}; {relation}"), failed.is_none(), figures);
            if let Some(c) = failed {
                cx.report(finding(doc, f, n, c));
            }
        }
    }
}

/// The count as the relation shows it: `三大 stated`, or `3 figures (16.3%, 13.4%, 6.6%) given`.
fn stated_text(doc: &Document, c: &ListClaim) -> String {
    match c.shape {
        Shape::Respectively => {
            let figs: Vec<&str> = c.figures.iter().map(|&i| doc.figures[i].text(doc)).collect();
            format!("{} figures ({}) given", figs.len(), figs.join(", "))
        }
        _ => format!("{} stated", doc.figures[c.count].text(doc)),
    }
}

fn finding(doc: &Document, f: &Figure, n: u32, c: &ListClaim) -> Finding {
    let stated = stated_text(doc, c);
    let message = if c.fewest > n {
        format!("{stated}, but {} items are listed", c.listed())
    } else {
        format!("{stated}, but only {} items are listed", c.listed())
    };
    let shown: Vec<String> = c.items.iter().enumerate().map(|(k, it)| format!("{}. {}", k + 1, it.text)).collect();
    let help = format!("listed {}: {}; stated {n}", c.how, shown.join("  "));
    let primary = match (c.shape, c.figures.last()) {
        (Shape::Respectively, Some(&last)) => Label::new(f.span.cover(doc.figures[last].span), "the figures"),
        _ => Label::new(f.span, "stated count"),
    };
    let mut out = Finding::new(message, primary).help(help);
    if c.marked && c.items.len() <= 12 {
        for (k, it) in c.items.iter().enumerate() {
            out = out.label(Label::new(it.span, format!("item {}", k + 1)));
        }
    } else {
        out = out.label(Label::new(c.span, "the list"));
    }
    out
}
