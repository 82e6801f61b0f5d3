use crate::diagnostic::{Finding, Label};
use crate::document::{BlockKind, Document, LabelStyle};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, required, rule_config};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags gaps, duplicates and out-of-order numbers in paragraph numbers (`1.` `2.`), lettered
    /// list items (`(a)` `(b)`) and footnotes, footnote references with no footnote, and
    /// footnotes that nothing refers to.
    ///
    /// ## Why is this bad?
    /// A paragraph deleted late leaves a hole in the numbering, and every cross-reference to a
    /// later paragraph now points at the wrong one. A footnote whose marker was cut is text no
    /// reader will find.
    ///
    /// ## Example
    /// ```text
    /// 12. …
    /// 14. …        (13 is missing)
    /// 帳戶登記 6數目 …   (there is no footnote 6)
    /// ```
    ///
    /// ## What it does not check
    /// A sequence that restarts at 1 (a new section, an annex, another Markdown list) starts a new
    /// sequence rather than being reported. A paper that leaves its opening paragraph
    /// unnumbered and starts at 2 follows the LegCo convention and is not a gap. Numbering styles
    /// other than `1.` and `(a)` (`(i)`, `一、`, `（一）`) are not read yet.
    ///
    /// ## Options
    /// - `allow-unnumbered-first`: accept numbering that starts at 2 after an unnumbered opening
    ///   paragraph (default true).
    /// - `check-lists`: check lettered items (default true).
    /// - `check-footnotes`: check footnote definitions and references (default true).
    pub struct Numbering {
        allow_unnumbered_first: bool,
        check_lists: bool,
        check_footnotes: bool,
    }
}

rule_config! {
    pub struct Config {
        pub allow_unnumbered_first: Option<bool>,
        pub check_lists: Option<bool>,
        pub check_footnotes: Option<bool>,
    }
}

impl RuleDef for Numbering {
    type Config = Config;
    const GROUP: Group = Group::Structure;
    fn build(c: &Config) -> Result<Self, String> {
        Ok(Numbering {
            allow_unnumbered_first: required(&c.allow_unnumbered_first, "allow-unnumbered-first")?,
            check_lists: required(&c.check_lists, "check-lists")?,
            check_footnotes: required(&c.check_footnotes, "check-footnotes")?,
        })
    }
}

/// One numbered thing: its value, how it is shown, where it is.
#[derive(Debug, Clone)]
struct Item {
    value: u32,
    span: Span,
}

/// What kind of sequence is being checked, for the wording.
#[derive(Clone, Copy)]
enum Kind {
    Paragraph,
    Letter,
    Footnote,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Paragraph => "paragraph",
            Kind::Letter => "list item",
            Kind::Footnote => "footnote",
        }
    }
    fn show(self, v: u32) -> String {
        match self {
            Kind::Paragraph => v.to_string(),
            Kind::Letter => format!("({})", char::from_u32('a' as u32 + v - 1).unwrap_or('?')),
            Kind::Footnote => v.to_string(),
        }
    }
    fn range(self, a: u32, b: u32) -> String {
        if a == b { self.show(a) } else { format!("{} to {}", self.show(a), self.show(b)) }
    }
}

impl Rule for Numbering {
    fn check(&self, doc: &Document, cx: &mut Context) {
        self.paragraphs(doc, cx);
        if self.check_lists {
            let items: Vec<Item> = doc
                .blocks
                .iter()
                .filter_map(|b| b.label.as_ref())
                .filter(|l| l.style == LabelStyle::LetterParen)
                .map(|l| Item { value: l.value, span: l.span })
                .collect();
            for seq in split_at_restarts(&items) {
                sequence(seq, Kind::Letter, 1, &[], cx);
            }
        }
        if self.check_footnotes {
            footnotes(doc, cx);
        }
    }
}

impl Numbering {
    fn paragraphs(&self, doc: &Document, cx: &mut Context) {
        let items: Vec<Item> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .filter_map(|b| b.label.as_ref())
            .filter(|l| l.style == LabelStyle::Arabic)
            .map(|l| Item { value: l.value, span: l.span })
            .collect();
        let Some(first) = items.first() else { return };
        // An unnumbered body paragraph before the first numbered one (LegCo papers number
        // their paragraphs from 2).
        let unnumbered_before = doc
            .blocks
            .iter()
            .take_while(|b| b.label.as_ref().is_none_or(|l| l.span != first.span))
            .any(|b| b.kind == BlockKind::Paragraph && b.label.is_none());
        let start = if self.allow_unnumbered_first && unnumbered_before && first.value == 2 { 2 } else { 1 };
        for (k, seq) in split_at_restarts(&items).into_iter().enumerate() {
            sequence(seq, Kind::Paragraph, if k == 0 { start } else { 1 }, &[], cx);
        }
    }
}

/// Split a list of numbered items wherever numbering starts again at 1.
fn split_at_restarts(items: &[Item]) -> Vec<&[Item]> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, it) in items.iter().enumerate() {
        if i > from && it.value == 1 {
            out.push(&items[from..i]);
            from = i;
        }
    }
    if from < items.len() {
        out.push(&items[from..]);
    }
    out
}

/// Check one sequence that should run `start, start+1, …`. Numbers in `explained` are missing
/// for a reason another finding already gives (a footnote referenced but never defined).
fn sequence(seq: &[Item], kind: Kind, start: u32, explained: &[u32], cx: &mut Context) {
    let Some(first) = seq.first() else { return };
    let noun = kind.noun();
    if first.value > start {
        cx.report(
            Finding::new(
                format!("{noun} numbering starts at {} instead of {}", kind.show(first.value), kind.show(start)),
                Label::new(first.span, format!("expected {}", kind.show(start))),
            )
            .help(format!("{} would come first; restore it or renumber", kind.range(start, first.value - 1))),
        );
    }
    let mut prev = first;
    // The highest number seen so far, so that one stray number does not cascade.
    let mut high = first;
    // Items numbered twice or out of order since the last step up: each may be the number a
    // following gap is missing, so `4, 4, 6` is one mistake, not two.
    let mut misplaced = 0;
    for (k, it) in seq.iter().enumerate().skip(1) {
        let show = kind.show(it.value);
        if it.value == high.value {
            misplaced += 1;
            cx.report(
                Finding::new(format!("{noun} {show} is numbered twice"), Label::new(it.span, "duplicate number"))
                    .label(Label::new(high.span, "first used here"))
                    .help(format!("renumber from here: this {noun} should be {}", kind.show(high.value + 1))),
            );
        } else if it.value < high.value {
            misplaced += 1;
            cx.report(
                Finding::new(
                    format!("{noun} {show} comes after {}", kind.show(high.value)),
                    Label::new(it.span, "out of order"),
                )
                .label(Label::new(high.span, format!("{} is earlier", kind.show(high.value))))
                .help(format!("expected {} here", kind.show(high.value + 1))),
            );
        } else if it.value > high.value + 1 {
            let (a, b) = (high.value + 1, it.value - 1);
            let gap = b - a + 1;
            // Numbers that turn up later are out of order, and reported there (`1, 2, 4, 3`).
            let later = (a..=b).all(|v| seq[k + 1..].iter().any(|x| x.value == v) || explained.contains(&v));
            if misplaced >= gap {
                misplaced -= gap;
            } else if later {
                misplaced = 0;
            } else {
                let (what, verb) = if a == b {
                    (format!("{noun} {}", kind.show(a)), "is")
                } else {
                    (format!("{noun}s {}", kind.range(a, b)), "are")
                };
                cx.report(
                    Finding::new(
                        format!("{what} {verb} missing: {} is followed by {show}", kind.show(high.value)),
                        Label::new(it.span, format!("expected {}", kind.show(a))),
                    )
                    .label(Label::new(prev.span, "previous"))
                    .help(format!("restore the missing {noun}, or renumber the {noun}s from here on")),
                );
                misplaced = 0;
            }
        } else {
            misplaced = 0;
        }
        if it.value > high.value {
            high = it;
        }
        prev = it;
    }
}

fn footnotes(doc: &Document, cx: &mut Context) {
    let defs: Vec<Item> = doc.footnotes.iter().map(|f| Item { value: f.number, span: f.label_span }).collect();
    let undefined: Vec<u32> =
        doc.footnote_refs.iter().map(|r| r.number).filter(|n| !doc.footnotes.iter().any(|f| f.number == *n)).collect();
    for seq in split_at_restarts(&defs) {
        sequence(seq, Kind::Footnote, 1, &undefined, cx);
    }
    for r in &doc.footnote_refs {
        if !doc.footnotes.iter().any(|f| f.number == r.number) {
            cx.report(
                Finding::new(
                    format!("footnote {} is referenced but never defined", r.number),
                    Label::new(r.span, "no such footnote"),
                )
                .help("add the footnote, or remove the marker"),
            );
        }
    }
    for f in &doc.footnotes {
        if !doc.footnote_refs.iter().any(|r| r.number == f.number) {
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
