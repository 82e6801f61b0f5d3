use std::ops::Range;

use crate::claims::Claims;
use crate::claims::inline_items::InlineStyle;
use crate::diagnostic::{Finding, Label};
use crate::document::{AnnexKind, BlockKind, CrossRefKind, Document, LabelStyle};
use crate::parse::structure::{circled, cn, roman, roman_value};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, required, rule_config};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags gaps, duplicates and out-of-order numbers in every numbering style a paper uses —
    /// paragraphs (`1.`, `1.1`), items (`(a)`, `(i)`, `一、`, `（一）`, `①`, `I.`, `§ 53.`) and
    /// annexes (`Annex A`, `附件 B`) — and references to paragraphs or annexes the paper does not
    /// have (`第 45 段` in a paper that ends at 42, `Annex C` where there are only A and B).
    ///
    /// ## Why is this bad?
    /// A paragraph deleted late leaves a hole in the numbering, and every cross-reference to a
    /// later paragraph now points at the wrong one. A list that runs `(a)`, `(b)`, `(d)` has
    /// lost an item, or had one renumbered by hand.
    ///
    /// ## Example
    /// ```text
    /// 12. …
    /// 14. …                    (13 is missing)
    /// (a) … (b) … (d) …        ((c) is missing)
    /// 詳情載於第 45 段。       (the paper ends at paragraph 42)
    /// ```
    ///
    /// ## What it does not check
    /// Each style is checked where it is used: a `(i)` list inside item `(a)` is its own
    /// sequence and does not break `(a)`, `(b)`; an `(i)` right after `(h)` is a letter. A
    /// sequence that starts again at 1 (a new section, an annex, another list) starts a new
    /// sequence rather than being reported, and so does one under a new heading where the paper
    /// numbers its items per section (agendas: `I.`, then `1.`, `2.`; `II.`, then `1.` again). A
    /// paper that leaves its opening paragraph unnumbered and starts at 2 follows the LegCo
    /// convention and is not a gap, and a list numbered `1.` throughout is Markdown's lazy
    /// numbering. Hansard question numbers (`§ 53.`) may start anywhere.
    ///
    /// A compilation (a council sitting's record: questions, replies, speeches) is checked part
    /// by part, since each numbers its own items and annexes; the numbers of its questions
    /// (`14. 郭榮鏗議員：`) are one sequence that may start anywhere. Parts answered together
    /// (`(一)、(三)及(四)`, `(a) and (b)`) may come in any order: only a part missing or
    /// numbered twice is reported. Page furniture (running headers, page numbers) is not part
    /// of the text and does not interrupt a list.
    /// References to another document's paragraphs (`paragraph 53 of the Statement on Defence`,
    /// `《報告》第 3 段`) are not checked, nor are annex references in a paper that has no annex
    /// headings (its annexes are separate files). Footnotes are the `footnotes` rule's.
    ///
    /// ## Options
    /// - `allow-unnumbered-first`: accept numbering that starts at 2 after an unnumbered opening
    ///   paragraph (default true).
    /// - `check-lists`: check lettered, Roman, Chinese and circled items (default true).
    /// - `check-references`: check `第 N 段` / `paragraph N` and annex references (default true).
    pub struct Numbering {
        allow_unnumbered_first: bool,
        check_lists: bool,
        check_references: bool,
    }
}

rule_config! {
    pub struct Config {
        pub allow_unnumbered_first: Option<bool>,
        pub check_lists: Option<bool>,
        pub check_references: Option<bool>,
    }
}

impl RuleDef for Numbering {
    type Config = Config;
    const GROUP: Group = Group::Structure;
    fn build(c: &Config) -> Result<Self, String> {
        Ok(Numbering {
            allow_unnumbered_first: required(&c.allow_unnumbered_first, "allow-unnumbered-first")?,
            check_lists: required(&c.check_lists, "check-lists")?,
            check_references: required(&c.check_references, "check-references")?,
        })
    }
}

/// One numbered thing: its value and where its label is.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub value: u32,
    pub span: Span,
}

/// How the numbers of one sequence are named and shown in messages.
pub(crate) struct Naming<'a> {
    pub noun: &'a str,
    pub show: &'a dyn Fn(u32) -> String,
}

impl Naming<'_> {
    fn plural(&self) -> String {
        match self.noun {
            "appendix" => "appendices".to_owned(),
            "annex" => "annexes".to_owned(),
            n => format!("{n}s"),
        }
    }
    fn range(&self, a: u32, b: u32) -> String {
        if a == b { (self.show)(a) } else { format!("{} to {}", (self.show)(a), (self.show)(b)) }
    }
}

/// A run of labels of one style at one level, as the outline reads it.
#[derive(Debug)]
struct Seq {
    style: LabelStyle,
    /// For decimal labels: the outer levels (`[2]` for `2.1`, `2.2`).
    prefix: Vec<u32>,
    heading: bool,
    items: Vec<Item>,
    /// The value the sequence should start at, or `None` where it may start anywhere.
    start: Option<u32>,
    /// Some of its labels come in groups answered together (`(一)、(三)及(四)`), so the parts
    /// may be taken in any order: only a number missing or used twice is a mistake.
    grouped: bool,
}

/// Whether a style's numbering ran on across a kind of heading, or started again, when it was
/// last seen to do either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AcrossHeadings {
    Continues,
    Restarts,
}

/// The kind of heading passed: labelled with a style (`III.`, `二、`, `(b) 規管`), or not.
type Crossing = Option<LabelStyle>;

/// Sequences of labels, read in document order with a stack per track: a label of a style
/// already open continues that sequence (closing those nested inside it); a new style opens a
/// nested sequence. Headings and body text are separate tracks, because a paper's headings
/// `(a) 推廣`, `(b) 規管` run between its paragraphs 5 and 6, 10 and 11, without nesting them.
///
/// Whether body numbering runs on across a heading is learnt per kind of heading: an agenda
/// numbers its items from 1 under each `I.`, `II.`, yet runs on under its unnumbered
/// sub-headings; a LegCo paper's paragraphs run on under every heading.
#[derive(Default)]
struct Outline {
    stacks: [Vec<Seq>; 2],
    done: Vec<Seq>,
    /// The heading passed since the last body label (the first labelled one, if any).
    crossed: Option<Crossing>,
    across: Vec<((LabelStyle, Crossing), AcrossHeadings)>,
}

impl Outline {
    fn heading(&mut self, style: Crossing) {
        self.crossed = match self.crossed {
            None | Some(None) => Some(style),
            labelled => labelled,
        };
        // Items nested in a body paragraph end with it; paragraphs numbered inside a list's
        // item (an annex's `1.`, `2.` after a reply's `（三）`) go on. A line read as a heading
        // without a label may be a table's row label or the tail of an item wrapped onto its
        // own line (`(iv) 簽保／有條` over `件釋放`): it ends no list.
        let body = &mut self.stacks[0];
        if style.is_some() && body.len() > 1 {
            let nested = body.split_off(1);
            let (items, paragraphs): (Vec<Seq>, Vec<Seq>) = nested.into_iter().partition(|s| is_item(s.style));
            self.done.extend(items);
            body.extend(paragraphs);
        }
    }

    /// A group of labels (`(一)、(三)及(四)`) comes as one call per value, `grouped`.
    fn label(&mut self, style: LabelStyle, prefix: &[u32], value: u32, span: Span, heading: bool, grouped: bool) {
        let item = Item { value, span };
        let crossed = if heading { None } else { self.crossed.take() };
        let depth = prefix.len();
        let track = usize::from(heading);
        let runs_on = |s: &Seq| s.style == style && s.prefix.len() == depth && s.prefix == prefix;
        let next = |s: &Seq| s.items.last().is_some_and(|i| i.value + 1 == value);
        // A section whose title was set as a paragraph (`四、决胜全面建成小康社会，开启…` among
        // short headings `一、`, `二、`, `三、`) is the next of the other track's sequence, not
        // the start of a new one: it continues there when it follows on and its own track has
        // no sequence it follows on from.
        if !grouped
            && !self.stacks[track].iter().any(|s| runs_on(s) && next(s))
            && let Some(seq) = self.stacks[1 - track].iter_mut().rev().find(|s| runs_on(s))
            && next(seq)
        {
            seq.items.push(item);
            return;
        }
        let stack = &mut self.stacks[track];
        let open = stack.iter().rposition(|s| s.style == style && s.prefix.len() == depth);
        let Some(k) = open else {
            let mut seq = new_seq(style, prefix, heading, item);
            seq.grouped = grouped;
            stack.push(seq);
            return;
        };
        self.done.extend(stack.drain(k + 1..));
        let seq = &mut stack[k];
        let last = seq.items.last().map_or(0, |i| i.value);
        let first = seq.start.unwrap_or(1);
        let learn = |across: &mut Vec<_>, a| {
            if let Some(c) = crossed {
                set(across, (style, c), a);
            }
        };
        let continues = if style == LabelStyle::Decimal && seq.prefix != prefix {
            false
        } else if seq.grouped && !seq.items.iter().any(|i| i.value == value) {
            // A part left out of a group answered together (`(一)及(三)`, then `(二)`).
            true
        } else if value == first && value != last {
            // Numbering starts again (a new list; a section numbered on its own).
            learn(&mut self.across, AcrossHeadings::Restarts);
            false
        } else if let Some(c) = crossed {
            let known = self.across.iter().find(|(k, _)| *k == (style, c)).map(|(_, a)| *a);
            if value == last + 1 {
                learn(&mut self.across, AcrossHeadings::Continues);
                true
            } else {
                match known {
                    Some(a) => a == AcrossHeadings::Continues,
                    None => value > last,
                }
            }
        } else {
            true
        };
        if continues {
            seq.items.push(item);
            seq.grouped |= grouped;
        } else {
            let mut new = new_seq(style, prefix, heading, item);
            new.grouped = grouped;
            let old = std::mem::replace(seq, new);
            self.done.push(old);
        }
    }

    fn finish(mut self) -> Vec<Seq> {
        for s in &mut self.stacks {
            self.done.append(s);
        }
        self.done.sort_by_key(|s| s.items.first().map_or(0, |i| i.span.offset));
        self.done
    }
}

/// Styles that number a list's items rather than paragraphs or sections.
fn is_item(style: LabelStyle) -> bool {
    matches!(style, LabelStyle::LetterParen | LabelStyle::RomanParen | LabelStyle::ChineseParen | LabelStyle::Circled)
}

fn set(across: &mut Vec<((LabelStyle, Crossing), AcrossHeadings)>, key: (LabelStyle, Crossing), a: AcrossHeadings) {
    match across.iter_mut().find(|(k, _)| *k == key) {
        Some(e) => e.1 = a,
        None => across.push((key, a)),
    }
}

fn new_seq(style: LabelStyle, prefix: &[u32], heading: bool, item: Item) -> Seq {
    let start = match style {
        LabelStyle::Section => None,
        _ => Some(1),
    };
    Seq { style, prefix: prefix.to_vec(), heading, items: vec![item], start, grouped: false }
}

/// A label's number as the paper writes it.
fn show(style: LabelStyle, prefix: &[u32], v: u32) -> String {
    match style {
        LabelStyle::Arabic => v.to_string(),
        LabelStyle::Decimal => {
            let mut parts: Vec<String> = prefix.iter().map(u32::to_string).collect();
            parts.push(v.to_string());
            parts.join(".")
        }
        LabelStyle::LetterParen => format!("({})", char::from_u32('a' as u32 + v.saturating_sub(1)).unwrap_or('?')),
        LabelStyle::RomanParen => format!("({})", roman(v)),
        LabelStyle::RomanUpper => roman(v).to_uppercase(),
        LabelStyle::ChineseComma => format!("{}、", cn(v)),
        LabelStyle::ChineseParen => format!("（{}）", cn(v)),
        LabelStyle::Circled => circled(v).to_string(),
        LabelStyle::Section => format!("§ {v}"),
        LabelStyle::Annex(_) => v.to_string(),
    }
}

fn noun(style: LabelStyle, heading: bool) -> &'static str {
    match style {
        LabelStyle::Annex(k) => k.noun(),
        _ if heading => "heading",
        LabelStyle::Arabic | LabelStyle::Decimal => "paragraph",
        LabelStyle::LetterParen | LabelStyle::RomanParen => "list item",
        LabelStyle::RomanUpper | LabelStyle::ChineseComma => "section",
        LabelStyle::ChineseParen | LabelStyle::Circled | LabelStyle::Section => "item",
    }
}

impl Rule for Numbering {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        if self.check_lists {
            inline_runs(doc, claims, cx);
        }
        // Each part of a compilation numbers its own paragraphs, items and annexes; the labels
        // that open the parts (`14. 郭榮鏗議員：`) number the compilation's questions.
        let whole = [(0..doc.blocks.len(), 0..doc.norm.text.len(), None)];
        let scopes: Vec<(Range<usize>, Range<usize>, Option<usize>)> = if doc.scopes.is_empty() {
            whole.to_vec()
        } else {
            doc.scopes.iter().map(|s| (s.blocks.clone(), s.norm.clone(), s.opener)).collect()
        };
        let mut questions: Vec<Item> = Vec::new();
        for (blocks, norm, opener) in scopes {
            let mut outline = Outline::default();
            for bi in blocks.clone() {
                let b = &doc.blocks[bi];
                if b.kind == BlockKind::Footnote {
                    continue;
                }
                let heading = b.kind == BlockKind::Heading;
                let style = b.label.as_ref().map(|l| l.style);
                if heading || matches!(style, Some(LabelStyle::Annex(_))) {
                    outline.heading(style);
                }
                let Some(l) = &b.label else { continue };
                let numbered = matches!(l.style, LabelStyle::Arabic | LabelStyle::Decimal | LabelStyle::Section);
                if Some(bi) == opener && numbered {
                    questions.push(Item { value: l.value, span: l.span });
                    continue;
                }
                let item = !numbered && !matches!(l.style, LabelStyle::Annex(_));
                if numbered || item && self.check_lists {
                    let grouped = !l.also.is_empty();
                    for v in std::iter::once(l.value).chain(l.also.iter().copied()) {
                        outline.label(l.style, &l.prefix, v, l.span, heading, grouped);
                    }
                }
            }
            let seqs = outline.finish();
            let first_paragraphs = seqs.iter().position(|s| s.style == LabelStyle::Arabic && !s.heading);
            let legco = first_paragraphs.is_some_and(|k| self.legco_start(doc, &blocks, &seqs[k]));
            for (k, seq) in seqs.iter().enumerate() {
                // `1.` on every item: Markdown's lazy list numbering, which renders as 1, 2, 3.
                let lazy =
                    seq.style == LabelStyle::Arabic && seq.items.len() >= 2 && seq.items.iter().all(|i| i.value == 1);
                if lazy {
                    continue;
                }
                let start = if Some(k) == first_paragraphs && legco { Some(2) } else { seq.start };
                let show = |v: u32| show(seq.style, &seq.prefix, v);
                // `NOTES (i)` / `(ii)` / `(iii)`, `… 2012 (i) Claimants` / `(ii) Claimants`: the
                // labels before the first one stand inside the text just before it, so the series
                // began there.
                let start = start.filter(|&s| !began_inline(doc, &seq.items, s, &show));
                let naming = Naming { noun: noun(seq.style, seq.heading), show: &show };
                // `(v) Claimants who had lodged petitions    (vi) Claimants whose…`: a table
                // row's cells run together on one line of extracted text.
                let mut items = seq.items.clone();
                items.extend(ended_inline(doc, &seq.items, seq.style));
                if seq.grouped {
                    unordered(&items, &naming, start, cx);
                } else {
                    sequence(&items, &naming, start, &[], cx);
                }
            }
            annexes(doc, &blocks, &norm, cx, self.check_references);
            if self.check_references {
                paragraph_references(doc, &norm, &seqs, legco, cx);
            }
        }
        // A compilation's questions may start anywhere (an excerpt holds question 14 alone),
        // but run on without gaps or repeats.
        let show = |v: u32| v.to_string();
        sequence(&questions, &Naming { noun: "question", show: &show }, None, &[], cx);
    }
}

impl Numbering {
    /// Does the paper (or this part of a compilation) leave its opening paragraph unnumbered
    /// and number the rest from 2?
    fn legco_start(&self, doc: &Document, blocks: &Range<usize>, seq: &Seq) -> bool {
        let Some(first) = seq.items.first() else { return false };
        let unnumbered_before = doc.blocks[blocks.clone()]
            .iter()
            .take_while(|b| b.label.as_ref().is_none_or(|l| l.span != first.span))
            .any(|b| b.kind == BlockKind::Paragraph && b.label.is_none());
        self.allow_unnumbered_first && unnumbered_before && first.value == 2
    }
}

/// Do the labels `start..` up to the first item's stand, in order, in the few lines of text
/// before it?
/// Items a paragraph numbers inside its text (see [`crate::claims::inline_items`]): a run
/// that skips a value has lost an item.
fn inline_runs(doc: &Document, claims: &Claims, cx: &mut Context) {
    for run in claims.inline_runs() {
        let show = |v: u32| match run.style {
            InlineStyle::Arabic => format!("({v})"),
            InlineStyle::Letter => format!("({})", char::from(b'a' + (v.clamp(1, 26) - 1) as u8)),
            InlineStyle::Roman => format!("({})", roman(v)),
            InlineStyle::Chinese => format!("（{}）", cn(v)),
            InlineStyle::Ordinal => format!("第{}", cn(v)),
            InlineStyle::Is => format!("{}是", cn(v)),
        };
        let first = &run.labels[0];
        let last = &run.labels[run.labels.len() - 1];
        let relation = format!("inline items {} to {}", show(first.value), show(last.value));
        let spans: Vec<Span> = run.labels.iter().map(|l| doc.span(l.norm.clone())).collect();
        let gap = run.labels.windows(2).find(|w| w[1].value != w[0].value + 1);
        cx.checked_spans(relation, gap.is_none(), spans);
        let Some(w) = gap else { continue };
        let missing = if w[1].value == w[0].value + 2 {
            format!("item {} is missing", show(w[0].value + 1))
        } else {
            format!("items {} to {} are missing", show(w[0].value + 1), show(w[1].value - 1))
        };
        cx.report(
            Finding::new(
                format!("{missing}: {} is followed by {}", show(w[0].value), show(w[1].value)),
                Label::new(doc.span(w[1].norm.clone()), "numbered out of turn"),
            )
            .label(Label::new(doc.span(w[0].norm.clone()), "the item before")),
        );
    }
}

fn began_inline(doc: &Document, items: &[Item], start: u32, show: &dyn Fn(u32) -> String) -> bool {
    let Some(first) = items.first() else { return false };
    if first.value <= start || first.value - start > 3 {
        return false;
    }
    let text: &str = &doc.text;
    let lo = crate::source::floor_char_boundary(text, first.span.offset.saturating_sub(800));
    let mut before = text.get(lo..first.span.offset).unwrap_or("");
    // No further back than six lines of text (extracted text puts a blank line between lines:
    // those do not count).
    let mut seen = 0;
    let mut end = before.len();
    while let Some(nl) = before[..end].rfind('\n') {
        if !before[nl + 1..end].trim().is_empty() {
            seen += 1;
        }
        if seen > 6 {
            before = &before[nl..];
            break;
        }
        end = nl;
    }
    let mut at = 0;
    (start..first.value).all(|v| match before[at..].find(&show(v)) {
        Some(p) => {
            at += p + show(v).len();
            true
        }
        None => false,
    })
}

/// Labels of the sequence's style that continue it after its last item on the same line, each
/// after a gap of two spaces or more — the next cells of a table row that extraction put on one line (`(v)
/// Claimants who had lodged petitions    (vi) Claimants whose petitions…`). One space is
/// running text (`(v) as in (a) above`).
fn ended_inline(doc: &Document, items: &[Item], style: LabelStyle) -> Vec<Item> {
    let Some(last) = items.last() else { return Vec::new() };
    if !matches!(style, LabelStyle::LetterParen | LabelStyle::RomanParen | LabelStyle::ChineseParen) {
        return Vec::new();
    }
    let text: &str = &doc.text;
    let from = last.span.end();
    let line = text.get(from..).map_or("", |t| &t[..t.find('\n').unwrap_or(t.len())]);
    let value = |inner: &str| match style {
        LabelStyle::LetterParen => {
            let mut cs = inner.chars();
            match (cs.next(), cs.next()) {
                (Some(c @ 'a'..='z'), None) => Some(c as u32 - 'a' as u32 + 1),
                _ => None,
            }
        }
        LabelStyle::RomanParen => roman_value(inner),
        _ => crate::parse::structure::cn_value(inner),
    };
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(p) = line[at..].find(['(', '（']) {
        let open = at + p;
        let gap = &line[..open];
        at = open + line[open..].chars().next().map_or(1, char::len_utf8);
        if !(gap.ends_with("  ") || gap.ends_with('\t')) {
            continue;
        }
        let Some(close) = line[at..].find([')', '）']) else { break };
        let inner = line[at..at + close].trim();
        let end = at + close + line[at + close..].chars().next().map_or(1, char::len_utf8);
        // The next label or one after it (a slip); anything else is another list's label, a
        // nested `(i)` or a reference, and ends the search.
        let high = out.last().map_or(last.value, |i: &Item| i.value);
        match value(inner).filter(|&v| inner.len() <= 8 && v > high && v <= high + 2) {
            Some(v) => out.push(Item { value: v, span: Span::new(from + open..from + end) }),
            None => break,
        }
        at = end;
    }
    out
}

/// Check one sequence that should run `start, start+1, …` (from its first value when `start`
/// is `None`). Numbers in `explained` are missing for a reason another finding already gives
/// (a footnote referenced but never defined).
pub(crate) fn sequence(seq: &[Item], name: &Naming, start: Option<u32>, explained: &[u32], cx: &mut Context) {
    let before = cx.findings.len();
    sequence_findings(seq, name, start, explained, cx);
    record(seq, name, start, before, cx);
}

/// Show a judged sequence in `policy-lint figures`: every label it compared, consistent when
/// none of them drew a finding. A lone number that may start anywhere was not compared with
/// anything.
fn record(seq: &[Item], name: &Naming, start: Option<u32>, before: usize, cx: &mut Context) {
    // Nothing to word when only findings are kept.
    if !cx.records() {
        return;
    }
    let (Some(lo), Some(hi)) = (seq.iter().map(|i| i.value).min(), seq.iter().map(|i| i.value).max()) else {
        return;
    };
    if seq.len() < 2 && start.is_none() {
        return;
    }
    let relation = format!("{} {} in sequence", name.plural(), name.range(start.map_or(lo, |s| s.min(lo)), hi));
    cx.checked_spans(relation, cx.findings.len() == before, seq.iter().map(|i| i.span).collect());
}

fn sequence_findings(seq: &[Item], name: &Naming, start: Option<u32>, explained: &[u32], cx: &mut Context) {
    let Some(first) = seq.first() else { return };
    let noun = name.noun;
    let show = name.show;
    if let Some(start) = start
        && first.value > start
    {
        cx.report(
            Finding::new(
                format!("{noun} numbering starts at {} instead of {}", show(first.value), show(start)),
                Label::new(first.span, format!("expected {}", show(start))),
            )
            .help(format!("{} would come first; restore it or renumber", name.range(start, first.value - 1))),
        );
    }
    let mut prev = first;
    // The highest number seen so far, so that one stray number does not cascade.
    let mut high = first;
    // Items numbered twice or out of order since the last step up: each may be the number a
    // following gap is missing, so `4, 4, 6` is one mistake, not two.
    let mut misplaced = 0;
    for (k, it) in seq.iter().enumerate().skip(1) {
        let this = show(it.value);
        if it.value == high.value {
            misplaced += 1;
            cx.report(
                Finding::new(format!("{noun} {this} is numbered twice"), Label::new(it.span, "duplicate number"))
                    .label(Label::new(high.span, "first used here"))
                    .help(format!("renumber from here: this {noun} should be {}", show(high.value + 1))),
            );
        } else if it.value < high.value {
            misplaced += 1;
            cx.report(
                Finding::new(
                    format!("{noun} {this} comes after {}", show(high.value)),
                    Label::new(it.span, "out of order"),
                )
                .label(Label::new(high.span, format!("{} is earlier", show(high.value))))
                .help(format!("expected {} here", show(high.value + 1))),
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
                    (format!("{noun} {}", show(a)), "is")
                } else {
                    (format!("{} {}", name.plural(), name.range(a, b)), "are")
                };
                cx.report(
                    Finding::new(
                        format!("{what} {verb} missing: {} is followed by {this}", show(high.value)),
                        Label::new(it.span, format!("expected {}", show(a))),
                    )
                    .label(Label::new(prev.span, "previous"))
                    .help(format!("restore the missing {noun}, or renumber the {} from here on", name.plural())),
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

/// Check a sequence whose parts may come in any order (some are answered together, as
/// `(一)、(三)及(四)` then `(二)`): every number from the start to the highest once.
fn unordered(seq: &[Item], name: &Naming, start: Option<u32>, cx: &mut Context) {
    let before = cx.findings.len();
    unordered_findings(seq, name, start, cx);
    record(seq, name, start, before, cx);
}

fn unordered_findings(seq: &[Item], name: &Naming, start: Option<u32>, cx: &mut Context) {
    let Some(first) = seq.iter().min_by_key(|i| i.value) else { return };
    let Some(high) = seq.iter().max_by_key(|i| i.value) else { return };
    let from = start.unwrap_or(first.value);
    for (k, it) in seq.iter().enumerate() {
        if let Some(earlier) = seq[..k].iter().find(|e| e.value == it.value && e.span != it.span) {
            cx.report(
                Finding::new(
                    format!("{} {} is numbered twice", name.noun, (name.show)(it.value)),
                    Label::new(it.span, "duplicate number"),
                )
                .label(Label::new(earlier.span, "first used here"))
                .help(format!("each {} is answered once; renumber one of the two", name.noun)),
            );
        }
    }
    let missing: Vec<u32> = (from..high.value).filter(|v| !seq.iter().any(|i| i.value == *v)).collect();
    let (Some(&a), Some(&b)) = (missing.first(), missing.last()) else { return };
    let what = if missing.len() == 1 {
        format!("{} {} is", name.noun, (name.show)(a))
    } else if b - a + 1 == missing.len() as u32 {
        format!("{} {} are", name.plural(), name.range(a, b))
    } else {
        let shown: Vec<String> = missing.iter().map(|v| (name.show)(*v)).collect();
        format!("{} {} are", name.plural(), shown.join(", "))
    };
    cx.report(
        Finding::new(
            format!("{what} missing: the {} run to {}", name.plural(), (name.show)(high.value)),
            Label::new(high.span, format!("the highest is {}", (name.show)(high.value))),
        )
        .help(format!("restore the missing {}, or renumber the {}", name.noun, name.plural())),
    );
}

/// How a paper writes its annex identifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdForm {
    Letter,
    Number,
    Roman,
    Chinese,
}

impl IdForm {
    fn of(id: &str) -> IdForm {
        if id.chars().all(|c| c.is_ascii_digit()) {
            IdForm::Number
        } else if id.chars().count() > 1 && roman_value(id).is_some() {
            IdForm::Roman
        } else if id.chars().all(|c| c.is_ascii_uppercase()) {
            IdForm::Letter
        } else {
            IdForm::Chinese
        }
    }
    fn value(self, id: &str) -> Option<u32> {
        match self {
            IdForm::Roman => roman_value(id),
            _ => crate::parse::structure::annex_id(id),
        }
    }
    fn show(self, v: u32) -> String {
        match self {
            IdForm::Letter => char::from_u32('A' as u32 + v.saturating_sub(1)).unwrap_or('?').to_string(),
            IdForm::Number => v.to_string(),
            IdForm::Roman => roman(v).to_uppercase(),
            IdForm::Chinese => cn(v),
        }
    }
}

/// Annex headings of each kind run A, B, C (or 1, 2, 3); a reference names one that exists.
/// Read within one part of a compilation (`blocks`, `norm`): each reply has its own annexes.
fn annexes(doc: &Document, blocks: &Range<usize>, norm: &Range<usize>, cx: &mut Context, check_references: bool) {
    for kind in [AnnexKind::Annex, AnnexKind::Appendix, AnnexKind::Enclosure] {
        let heads: Vec<(&str, Span)> = doc.blocks[blocks.clone()]
            .iter()
            .filter_map(|b| b.label.as_ref())
            .filter(|l| l.style == LabelStyle::Annex(kind))
            .map(|l| (l.text.as_str(), l.span))
            .collect();
        let Some(&(first, _)) = heads.first() else { continue };
        // `I` opens Roman numbering; `V` and `X` only continue it.
        let form = if first == "I" || heads.iter().any(|(id, _)| IdForm::of(id) == IdForm::Roman) {
            IdForm::Roman
        } else {
            IdForm::of(first)
        };
        let mut items: Vec<Item> = Vec::new();
        for (id, span) in &heads {
            let Some(value) = form.value(id).filter(|_| IdForm::of(id) == form || form == IdForm::Roman) else {
                continue;
            };
            // A heading repeated at the top of each page of one annex.
            if items.last().is_some_and(|i| i.value == value) {
                continue;
            }
            items.push(Item { value, span: *span });
        }
        let show = |v| form.show(v);
        let naming = Naming { noun: kind.noun(), show: &show };
        // A list of the annexes before them (a contents page) starts the numbering again.
        let mut from = 0;
        for k in 1..=items.len() {
            if k == items.len() || items[k].value == 1 && k - from >= 2 {
                sequence(&items[from..k], &naming, Some(1), &[], cx);
                from = k;
            }
        }
        if !check_references {
            continue;
        }
        let Some(&(_, last_span)) = heads.last() else { continue };
        let ids: Vec<&str> = heads.iter().map(|(id, _)| *id).collect();
        for r in doc.cross_refs.iter().filter(|r| r.kind == CrossRefKind::Annex(kind) && norm.contains(&r.norm.start)) {
            if ids.contains(&r.text.as_str()) {
                continue;
            }
            let mut listed: Vec<&str> = ids.clone();
            listed.dedup();
            cx.report(
                Finding::new(
                    format!("{} {} is referred to but the paper has no such {}", kind.noun(), r.text, kind.noun()),
                    Label::new(r.span, format!("no {} {}", kind.noun(), r.text)),
                )
                .label(Label::new(last_span, format!("the last {}", kind.noun())))
                .help(format!("the paper's {} are {}", naming.plural(), listed.join(", "))),
            );
        }
    }
}

/// `第 45 段` in a paper whose paragraphs are numbered 2 to 42 (or in a part of a compilation,
/// against that part's paragraphs: `norm` is its range).
fn paragraph_references(doc: &Document, norm: &Range<usize>, seqs: &[Seq], legco: bool, cx: &mut Context) {
    let paras: Vec<&Item> =
        seqs.iter().filter(|s| s.style == LabelStyle::Arabic && !s.heading).flat_map(|s| &s.items).collect();
    if paras.len() < 3 {
        return;
    }
    let exists = |v: u32| paras.iter().any(|p| p.value == v) || legco && v == 1;
    let (Some(lo), Some(hi)) = (paras.iter().map(|p| p.value).min(), paras.iter().max_by_key(|p| p.value)) else {
        return;
    };
    let lo = if legco { 1 } else { lo };
    for r in doc.cross_refs.iter().filter(|r| r.kind == CrossRefKind::Paragraph && norm.contains(&r.norm.start)) {
        if exists(r.target) {
            continue;
        }
        let mut f = Finding::new(
            format!("paragraph {} is referred to but the paper has no paragraph {}", r.target, r.target),
            Label::new(r.span, "no such paragraph"),
        );
        if r.target > hi.value {
            f = f.label(Label::new(hi.span, format!("the last paragraph is {}", hi.value)));
        } else if let Some(before) = paras.iter().filter(|p| p.value < r.target).max_by_key(|p| p.value) {
            f = f.label(Label::new(before.span, format!("{} is followed by a later number", before.value)));
        }
        cx.report(f.help(format!(
            "the paragraphs run from {lo} to {}; a paragraph deleted or renumbered leaves references pointing past it",
            hi.value
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse};
    use crate::source::Source;

    fn run(text: &str) -> (Document, Vec<String>) {
        let src = Source::from_text("t", text);
        let doc = parse(&src, &ParseOptions::default());
        let mut cx = Context::new("numbering");
        Numbering { allow_unnumbered_first: true, check_lists: true, check_references: true }.check(
            &doc,
            &crate::claims::Claims::new(&doc),
            &mut cx,
        );
        // In the order of the text, as the report shows them.
        cx.findings.sort_by_key(|f| f.primary.span.offset);
        (doc, cx.findings.iter().map(|f| f.message.clone()).collect())
    }

    #[test]
    fn the_commissioning_paper_reads_and_is_clean() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/legco-fintech-2020.zh.txt");
        let text = std::fs::read_to_string(path).unwrap();
        let (doc, findings) = run(&text);
        assert!(findings.is_empty(), "{findings:?}");
        let labels = |style: LabelStyle, kind: BlockKind| -> Vec<u32> {
            doc.blocks
                .iter()
                .filter(|b| b.kind == kind)
                .filter_map(|b| b.label.as_ref())
                .filter(|l| l.style == style)
                .map(|l| l.value)
                .collect()
        };
        assert_eq!(labels(LabelStyle::Arabic, BlockKind::Paragraph), (2..=42).collect::<Vec<_>>());
        // (a)-(e) twice: the list in paragraph 4, and the headings between paragraphs.
        assert_eq!(labels(LabelStyle::LetterParen, BlockKind::ListItem), [1, 2, 3, 4, 5]);
        assert_eq!(labels(LabelStyle::LetterParen, BlockKind::Heading), [1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_series_whose_first_labels_stand_inline_before_it_starts_there() {
        let (_, f) = run(
            "Number of claimants 2010 2011 (i) Claimants who applied\n\n(ii) Claimants rejected\n\n(iii) Claimants heard\n",
        );
        assert!(f.is_empty(), "{f:?}");
        // A table's column labels inline, the last alone on its line, with the blank lines PDF
        // extraction puts between lines.
        let (_, f) = run(
            "OUTLAYS 90-91 $ (i) 128 402 000 92 440 000\n\nSUPPORT (ii) 9 938 000 1 358 000\n\nEFFECT OF $10M CUT\n\n(8 642 000)\n\n(iii)\n\n(8 642 000) -87%\n",
        );
        assert!(f.is_empty(), "{f:?}");
        // Far from the text before, the gap is still a gap.
        let (_, f) = run("(ii) Claimants rejected\n\n(iii) Claimants heard\n");
        assert_eq!(f, ["list item numbering starts at (ii) instead of (i)"]);
    }

    #[test]
    fn a_nested_list_does_not_break_the_outer_one() {
        let text =
            "1. The list:\n(a) one, with parts:\n(i) first;\n(ii) second;\n(b) two; and\n(c) three.\n\n2. End.\n";
        assert_eq!(run(text).1, Vec::<String>::new());
        let text = "1. The list:\n(a) one, with parts:\n(i) first;\n(iii) third;\n(b) two; and\n(d) four.\n\n2. End.\n";
        assert_eq!(
            run(text).1,
            ["list item (ii) is missing: (i) is followed by (iii)", "list item (c) is missing: (b) is followed by (d)"]
        );
    }

    #[test]
    fn parts_answered_together_may_come_in_any_order() {
        // Two replies in a sitting's record, each a part of its own.
        let text = "發展局局長：主席，現答覆如下：\n\n(一 )、 (三 )及 (四 )\n\n 由於地盤被劃為綜合發展區。\n\n\
                    表一\n\n(二 ) 擬議的發展項目。\n\n運輸及房屋局局長：主席，現答覆如下：\n\n(一 )及 (二 )\n\n\
                     在過去 3個財政年度。\n\n(三 ) 房委會設有計劃。\n";
        assert_eq!(run(text).1, Vec::<String>::new());
        let text = "發展局局長：主席，現答覆如下：\n\n(一 )及 (三 )\n\n 由於地盤被劃為綜合發展區。\n\n\
                    (三 ) 擬議的發展項目。\n";
        assert_eq!(run(text).1, ["item （三） is numbered twice", "item （二） is missing: the items run to （三）"]);
    }

    #[test]
    fn paragraphs_after_a_list_run_on_across_headings() {
        // An annex's numbered rows after a reply's last item, with a note heading between rows.
        let text = "(一) 第一項。\n\n(二) 第二項。\n\n附件一\n\n1. 大嶼山體育館\n2. 東涌休憩用地\n\n\
                    (包括一個滑板場 )\n3. 青衣休憩用地\n\n(包括一個籃球場 )\n4. 牛池灣遊樂場\n";
        assert_eq!(run(text).1, Vec::<String>::new());
    }

    #[test]
    fn numbering_per_section_is_learnt_from_the_paper() {
        // Items restart under each I., II., and run on under an unnumbered sub-heading.
        let agenda = "I.\nPapers\n\n1.\nA\n2.\nB\n\nII.\nBills\n\nFirst reading\n1.\nC\nSecond reading\n3.\nD\n";
        assert_eq!(run(agenda).1, ["paragraph 2 is missing: 1 is followed by 3"]);
        // Paragraphs run on under every heading.
        let paper = "PURPOSE\n\nThis paper reports.\n\nBACKGROUND\n\n2. Two.\n\n3. Three.\n\nPROGRESS\n\n5. Five.\n";
        assert_eq!(run(paper).1, ["paragraph 4 is missing: 3 is followed by 5"]);
        // Markdown's lazy numbering.
        assert_eq!(run("Steps:\n\n1. One.\n\n1. Two.\n\n1. Three.\n").1, Vec::<String>::new());
    }
}
