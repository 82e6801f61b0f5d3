use crate::claims::Claims;
use crate::diagnostic::{Finding, Label};
use crate::document::{Document, FootnoteDef};
use crate::rules::numbering::{Item, Naming, sequence};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, required, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags footnote markers with no footnote, footnotes that nothing refers to, a footnote
    /// defined twice, gaps and out-of-order numbers among the footnotes, and markers whose first
    /// use is out of order (footnote 3 referred to before footnote 2).
    ///
    /// ## Why is this bad?
    /// A footnote whose marker was cut is text no reader will find; a marker whose footnote was
    /// cut points at nothing, or at the wrong note once the others are renumbered. Footnotes are
    /// numbered in the order they are first referred to, so a marker out of order usually means
    /// a sentence was moved, or a marker typed by hand.
    ///
    /// ## Example
    /// ```text
    /// 帳戶登記 6數目 …        (there is no footnote 6)
    /// … 平台 3 … 網絡 2 …     (footnote 3 is referred to before footnote 2)
    /// ```
    ///
    /// ## What it does not check
    /// Footnote markers are bare numbers glued to CJK text (`網絡」1推出`), superscripts
    /// (`scheme¹`), Markdown markers (`[^1]`), numbers glued to an English word that name a
    /// defined footnote (`Scheme1`), and a note named by its number (`見註 3`, `see Note 3`); a
    /// number standing free in the text is a figure, never a marker. In a paper without a
    /// footnote area, notes numbered in brackets count when markers and notes answer each other:
    /// `support(1).` or `blowout[1]` in the text, `(1) Other measures include` or `[1] Coalition
    /// estimate` opening a line or a sentence. Notes marked `*` or `#` are not read. A paper without any footnote definitions is not checked for markers, and
    /// numbering that starts again at 1 (per chapter) starts a new sequence.
    ///
    /// ## Options
    /// - `check-order`: report markers first used out of order (default true).
    pub struct Footnotes {
        check_order: bool,
    }
}

rule_config! {
    pub struct Config {
        pub check_order: Option<bool>,
    }
}

impl RuleDef for Footnotes {
    type Config = Config;
    const GROUP: Group = Group::Structure;
    fn build(c: &Config) -> Result<Self, String> {
        Ok(Footnotes { check_order: required(&c.check_order, "check-order")? })
    }
}

impl Rule for Footnotes {
    fn check(&self, doc: &Document, _claims: &Claims, cx: &mut Context) {
        record(doc, cx);
        definitions(doc, cx);
        undefined(doc, cx);
        unreferenced(doc, cx);
        if self.check_order {
            order(doc, cx);
        }
    }
}

/// For `policy-lint figures`: each marker against the note it names, and each note that nothing
/// names.
fn record(doc: &Document, cx: &mut Context) {
    let sets = sets(doc);
    let inline = doc.footnotes.iter().any(|f| f.inline);
    for (j, r) in doc.footnote_refs.iter().enumerate() {
        match sets.target(doc, j) {
            Some(f) => cx.checked_spans(
                format!("marker {} names footnote {}", r.number, f.number),
                true,
                vec![r.span, f.label_span],
            ),
            None if inline && column(doc, r.span) && r.number > sets.highest(doc, sets.refs[j]).1 => {
                cx.skipped_spans(format!("({}) is past the last note: a column's number", r.number), vec![r.span]);
            }
            None => cx.checked_spans(format!("marker {} names no footnote", r.number), false, vec![r.span]),
        }
    }
    for (_, f) in doc.footnotes.iter().enumerate().filter(|(k, _)| !sets.named(doc, *k)) {
        if f.inline && round(doc, f) {
            cx.skipped_spans(
                format!("note ({}) has no marker: a general note, or a label", f.number),
                vec![f.label_span],
            );
        } else {
            cx.checked_spans(format!("footnote {} has no marker", f.number), false, vec![f.label_span]);
        }
    }
}

/// Footnote definitions run 1, 2, 3 (starting again at 1 per chapter), each number once.
fn definitions(doc: &Document, cx: &mut Context) {
    let undefined: Vec<u32> =
        doc.footnote_refs.iter().map(|r| r.number).filter(|n| !doc.footnotes.iter().any(|f| f.number == *n)).collect();
    let mut groups: Vec<Vec<Item>> = Vec::new();
    for f in &doc.footnotes {
        let item = Item { value: f.number, span: f.label_span };
        match groups.last_mut() {
            // Numbering that starts again at 1 starts a new set (a chapter's, or a reply's).
            Some(g) if f.number != 1 || g.is_empty() => g.push(item),
            _ => groups.push(vec![item]),
        }
    }
    let show = |v: u32| v.to_string();
    let naming = Naming { noun: "footnote", show: &show };
    for g in groups {
        let mut once: Vec<Item> = Vec::new();
        for it in g {
            if let Some(first) = once.iter().find(|o| o.value == it.value) {
                cx.report(
                    Finding::new(
                        format!("footnote {} is defined twice", it.value),
                        Label::new(it.span, "defined again"),
                    )
                    .label(Label::new(first.span, "first defined here"))
                    .help("renumber the footnotes, or remove one of the two"),
                );
            } else {
                once.push(it);
            }
        }
        sequence(&once, &naming, Some(1), &undefined, cx);
    }
}

/// Which set of footnotes each footnote belongs to, and which footnote each marker names. A set
/// counts up from its first number; a number lower than the one before (the next reply's notes, numbered from
/// 1 again) starts the next. A marker names the first footnote of its number in a set that ends
/// after it (a compilation of replies numbers each reply's notes from 1, and a table's markers
/// name the notes under it), else the last one before it (a second reference).
struct Sets {
    defs: Vec<usize>,
    /// The set each marker falls in: the first that ends after it.
    refs: Vec<usize>,
    targets: Vec<Option<usize>>,
}

fn sets(doc: &Document) -> Sets {
    let mut defs = Vec::with_capacity(doc.footnotes.len());
    let mut ends: Vec<usize> = Vec::new();
    for (k, f) in doc.footnotes.iter().enumerate() {
        if k == 0 || f.number < doc.footnotes[k - 1].number {
            ends.push(f.label_span.offset);
        }
        if let Some(e) = ends.last_mut() {
            *e = (*e).max(f.label_span.offset);
        }
        defs.push(ends.len().saturating_sub(1));
    }
    let refs = doc
        .footnote_refs
        .iter()
        .map(|r| ends.iter().position(|&e| e > r.span.offset).unwrap_or(ends.len().saturating_sub(1)))
        .collect();
    let targets = doc
        .footnote_refs
        .iter()
        .map(|r| {
            let same = |k: &usize| doc.footnotes[*k].number == r.number;
            (0..doc.footnotes.len())
                .filter(same)
                .find(|&k| ends.get(defs[k]).is_some_and(|&e| e > r.span.offset))
                .or_else(|| {
                    (0..doc.footnotes.len()).filter(same).rfind(|&k| doc.footnotes[k].label_span.offset < r.span.offset)
                })
        })
        .collect();
    Sets { defs, refs, targets }
}

impl Sets {
    /// The footnote marker `j` names.
    fn target<'d>(&self, doc: &'d Document, j: usize) -> Option<&'d FootnoteDef> {
        self.targets.get(j).copied().flatten().and_then(|k| doc.footnotes.get(k))
    }
    /// The highest number a marker of set `set` names, and the highest footnote of the set.
    fn highest(&self, doc: &Document, set: usize) -> (u32, u32) {
        let named = doc
            .footnote_refs
            .iter()
            .zip(&self.targets)
            .filter(|(_, t)| t.is_some_and(|k| self.defs[k] == set))
            .map(|(r, _)| r.number);
        let defined = doc.footnotes.iter().zip(&self.defs).filter(|(_, s)| **s == set).map(|(f, _)| f.number);
        (named.max().unwrap_or(0), defined.max().unwrap_or(0))
    }
    /// Is footnote `k` named by a marker? A footnote defined twice in a set is named when either
    /// is (being defined twice is its own finding).
    fn named(&self, doc: &Document, k: usize) -> bool {
        let twin =
            |t: usize| t == k || self.defs[t] == self.defs[k] && doc.footnotes[t].number == doc.footnotes[k].number;
        self.targets.iter().flatten().any(|&t| twin(t))
    }
}

/// A note numbered in round brackets (`(1) …`), not square ones (`[1] …`).
fn round(doc: &Document, f: &FootnoteDef) -> bool {
    doc.original(f.label_span).starts_with(['(', '（'])
}

/// A number in round brackets in the text: a marker, or a column's number.
fn column(doc: &Document, at: crate::source::Span) -> bool {
    doc.original(at).starts_with(['(', '（'])
}

fn undefined(doc: &Document, cx: &mut Context) {
    let sets = sets(doc);
    let inline = doc.footnotes.iter().any(|f| f.inline);
    for (j, r) in doc.footnote_refs.iter().enumerate() {
        // Past the last note written in the text, a bracketed number is a column's, not a marker.
        if inline && column(doc, r.span) && r.number > sets.highest(doc, sets.refs[j]).1 {
            continue;
        }
        if sets.target(doc, j).is_none() {
            cx.report(
                Finding::new(
                    format!("footnote {} is referenced but never defined", r.number),
                    Label::new(r.span, "no such footnote"),
                )
                .help("add the footnote, or remove the marker"),
            );
        }
    }
}

fn unreferenced(doc: &Document, cx: &mut Context) {
    let sets = sets(doc);
    for (k, f) in doc.footnotes.iter().enumerate() {
        // A note numbered `(1)` in the text may be a table's general note, or a section's or a
        // column's label, that nothing needs to name.
        if f.inline && round(doc, f) {
            continue;
        }
        if !sets.named(doc, k) {
            cx.report(
                Finding::new(
                    format!("footnote {} is never referenced", f.number),
                    Label::new(f.label_span, "defined here"),
                )
                .help("add its marker in the text, or remove the footnote"),
            );
        }
    }
}

/// Markers are first used in numeric order: a marker that jumps ahead of one used only later
/// is reported (one finding per jump, not one per marker after it).
fn order(doc: &Document, cx: &mut Context) {
    // Numbering that starts again per chapter makes first uses ambiguous; a table's notes may be
    // named in any order.
    if doc.footnotes.windows(2).any(|w| w[1].number < w[0].number) || doc.footnotes.iter().any(|f| f.inline) {
        return;
    }
    let mut firsts: Vec<&crate::document::FootnoteRef> = Vec::new();
    for r in &doc.footnote_refs {
        if !firsts.iter().any(|f| f.number == r.number) {
            firsts.push(r);
        }
    }
    let mut high = 0;
    for (k, r) in firsts.iter().enumerate() {
        if r.number > high + 1 {
            let skipped =
                firsts[k + 1..].iter().filter(|f| f.number > high && f.number < r.number).min_by_key(|f| f.number);
            if let Some(s) = skipped {
                cx.report(
                    Finding::new(
                        format!("footnote {} is referred to before footnote {}", r.number, s.number),
                        Label::new(r.span, "out of order"),
                    )
                    .label(Label::new(s.span, format!("footnote {} is first referred to here", s.number)))
                    .help(format!(
                        "footnotes are numbered in the order they are first referred to: this marker should be {}, \
                         or the footnotes renumbered",
                        high + 1
                    )),
                );
            }
        }
        high = high.max(r.number);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse};
    use crate::source::Source;

    fn messages(text: &str, markdown: bool) -> Vec<String> {
        let src = Source::from_text("t", text);
        let doc = parse(&src, &ParseOptions { markdown, ..Default::default() });
        let mut cx = Context::new("footnotes");
        Footnotes { check_order: true }.check(&doc, &crate::claims::Claims::new(&doc), &mut cx);
        cx.findings.iter().map(|f| f.message.clone()).collect()
    }

    #[test]
    fn markdown_footnotes() {
        let md = "# Paper\n\nThe scheme[^1] opened in March[^3].\n\n[^1]: Run by the Office.\n\n[^2]: Provisional.\n";
        assert_eq!(
            messages(md, true),
            ["footnote 3 is referenced but never defined", "footnote 2 is never referenced"]
        );
    }

    #[test]
    fn numbered_things_and_names_are_not_markers() {
        let zh = "2.\t見表1及圖2，「計劃」1已推出，web3 與 web3 平台。\n\n________________\n1\t計劃由政府推出。\n2\t圖表。\n";
        assert_eq!(messages(zh, false), ["footnote 2 is never referenced"]);
    }
}
