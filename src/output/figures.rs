//! `policy-lint figures`: everything the parser understood, so a user can see why a rule did or
//! did not fire. A table for people, JSON for tools.

use std::fmt::Write;

use serde::Serialize;

use crate::claims::quantity::{measure_before, period};
use crate::document::{BlockKind, Document, Figure, FigureKind, LabelStyle};
use crate::quantity::{Q, fmt_grouped, fmt_q};
use crate::rules::Check;
use crate::source::{Source, Span};

#[derive(Serialize)]
struct Out<'a> {
    version: u32,
    path: &'a str,
    date: Option<DateOut>,
    title: Option<&'a str>,
    language: crate::document::Language,
    pdf_damage_repaired: bool,
    /// Page furniture dropped from the structure (running headers, page numbers, print stamps).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    furniture: Vec<FurnitureOut<'a>>,
    /// The parts of a compilation (speeches, questions, replies); absent for a paper of one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    scopes: Vec<ScopeOut<'a>>,
    paragraphs: Vec<Numbered>,
    list_items: Vec<Numbered>,
    /// Every other numbering style (`(i)`, `一、`, `（一）`, `①`, `1.1`, `I.`, `§`, `Annex A`).
    other_labels: Vec<Numbered>,
    /// The paper's references to its own paragraphs and annexes (`第 12 段`, `Annex B`).
    cross_references: Vec<CrossRefOut>,
    footnotes: Vec<FootnoteOut>,
    figures: Vec<FigureInfo>,
    dates: Vec<DateMentionOut<'a>>,
    unparsed: Vec<UnparsedOut<'a>>,
    checks: Vec<CheckInfo<'a>>,
    /// Figures that took part in no check.
    unchecked_figures: usize,
}

#[derive(Serialize)]
struct DateOut {
    date: String,
    origin: crate::document::DateOrigin,
    line: Option<usize>,
}

#[derive(Serialize)]
struct Numbered {
    label: String,
    value: u32,
    line: usize,
    span: Span,
}

#[derive(Serialize)]
struct FurnitureOut<'a> {
    text: &'a str,
    line: usize,
    span: Span,
}

#[derive(Serialize)]
struct ScopeOut<'a> {
    kind: crate::document::ScopeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    line: usize,
    span: Span,
}

#[derive(Serialize)]
struct CrossRefOut {
    kind: crate::document::CrossRefKind,
    target: String,
    line: usize,
}

#[derive(Serialize)]
struct FootnoteOut {
    number: u32,
    line: usize,
    references: Vec<usize>,
}

/// One figure as the parser read it: what `policy-lint figures` lists and what the language
/// server shows on hover.
#[derive(Serialize)]
pub struct FigureInfo {
    pub text: String,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exact: Option<String>,
    pub interval: [Option<String>; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<crate::document::Qualifier>,
    pub paragraph: Option<u32>,
    /// The words before the figure that say what it measures.
    pub measure: String,
    /// The time expression it is read as stated for, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    pub line: usize,
    pub column: usize,
    pub span: Span,
}

#[derive(Serialize)]
struct DateMentionOut<'a> {
    text: &'a str,
    start: String,
    end: String,
    granularity: crate::document::Granularity,
    year: crate::document::YearSource,
    line: usize,
    span: Span,
}

#[derive(Serialize)]
struct UnparsedOut<'a> {
    text: &'a str,
    reason: &'a str,
    line: usize,
}

/// One relation a rule compared, with its verdict.
#[derive(Serialize)]
pub struct CheckInfo<'a> {
    pub rule: &'a str,
    pub relation: &'a str,
    pub verdict: crate::rules::Verdict,
    pub figures: Vec<String>,
    pub line: usize,
    /// Where each figure that took part is, in the file; or where the relation is, when no
    /// figure took part.
    pub spans: Vec<Span>,
}

fn unit(f: &Figure) -> Option<String> {
    match &f.kind {
        FigureKind::Count { classifier } => Some(classifier.clone()),
        FigureKind::Money { currency } => Some(currency.clone()),
        FigureKind::Duration { unit } => Some(unit.clone()),
        FigureKind::Ratio { left, right } => Some(format!("{left}:{right}")),
        _ => None,
    }
}

/// A value as a decimal, and as an exact fraction when the decimal is rounded (`2/3`).
fn value(q: &Q) -> (String, Option<String>) {
    let exact = (&crate::quantity::round_to(q, 6) != q).then(|| q.to_string());
    (fmt_q(q, 6), exact)
}

/// The figure at `index` of the document, as read: `None` past the last.
pub fn figure_info(source: &Source, doc: &Document, index: usize) -> Option<FigureInfo> {
    let f = doc.figures.get(index)?;
    let (v, exact) = value(&f.value);
    let (l, c) = source.line_col(f.span.offset);
    Some(FigureInfo {
        text: f.text(doc).to_owned(),
        kind: f.kind.name(),
        unit: unit(f),
        value: v,
        exact,
        interval: [f.interval.lo.as_ref().map(|q| fmt_q(q, 6)), f.interval.hi.as_ref().map(|q| fmt_q(q, 6))],
        qualifier: f.qualifier,
        paragraph: doc.block_at(f.norm.start).and_then(|b| doc.paragraph_of(b)),
        measure: doc.norm_text(&measure_before(doc, index)).trim().to_owned(),
        period: period(doc, f).map(|p| doc.norm_text(&p.norm).to_owned()),
        line: l,
        column: c,
        span: source.file_span(f.span),
    })
}

/// A relation a rule compared, with the figures that took part as written.
pub fn check_info<'a>(source: &Source, doc: &Document, c: &'a Check) -> CheckInfo<'a> {
    let line = |s: Span| source.line_col(s.offset).0;
    let figures = || c.figures.iter().filter_map(|&i| doc.figures.get(i));
    CheckInfo {
        rule: c.rule,
        relation: &c.relation,
        verdict: c.verdict,
        figures: figures().map(|f| f.text(doc).to_owned()).collect(),
        line: figures().next().map(|f| f.span).or(c.spans.first().copied()).map_or(0, line),
        spans: figures().map(|f| f.span).chain(c.spans.iter().copied()).map(|s| source.file_span(s)).collect(),
    }
}

fn build<'a>(source: &'a Source, doc: &'a Document, checks: &'a [Check]) -> Out<'a> {
    let line = |s: Span| source.line_col(s.offset).0;
    let labels = |style: LabelStyle| {
        doc.blocks
            .iter()
            .filter(move |b| b.kind != BlockKind::Footnote)
            .filter_map(|b| b.label.as_ref())
            .filter(move |l| l.style == style)
            .map(|l| Numbered {
                label: l.text.clone(),
                value: l.value,
                line: line(l.span),
                span: source.file_span(l.span),
            })
            .collect::<Vec<_>>()
    };
    let unchecked = checks_of(doc.figures.len(), checks).iter().filter(|c| c.is_empty()).count();
    Out {
        version: 1,
        path: source.name(),
        date: doc.date.as_ref().map(|d| DateOut { date: d.date.to_string(), origin: d.origin, line: d.span.map(line) }),
        title: doc.title.as_ref().map(|t| t.text.as_str()),
        language: doc.language,
        pdf_damage_repaired: doc.damaged,
        furniture: doc
            .furniture
            .iter()
            .map(|&s| FurnitureOut { text: doc.original(s), line: line(s), span: source.file_span(s) })
            .collect(),
        scopes: if doc.is_compilation() {
            doc.scopes
                .iter()
                .map(|sc| ScopeOut {
                    kind: sc.kind,
                    speaker: sc.speaker.as_deref(),
                    line: line(doc.blocks.get(sc.blocks.start).map_or(sc.span, |b| b.span)),
                    span: source.file_span(sc.span),
                })
                .collect()
        } else {
            Vec::new()
        },
        paragraphs: labels(LabelStyle::Arabic),
        list_items: labels(LabelStyle::LetterParen),
        other_labels: doc
            .blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Footnote)
            .filter_map(|b| b.label.as_ref())
            .filter(|l| !matches!(l.style, LabelStyle::Arabic | LabelStyle::LetterParen))
            .map(|l| Numbered {
                label: l.text.clone(),
                value: l.value,
                line: line(l.span),
                span: source.file_span(l.span),
            })
            .collect(),
        cross_references: doc
            .cross_refs
            .iter()
            .map(|r| CrossRefOut { kind: r.kind, target: r.text.clone(), line: line(r.span) })
            .collect(),
        footnotes: doc
            .footnotes
            .iter()
            .map(|f| FootnoteOut {
                number: f.number,
                line: line(f.label_span),
                references: doc.footnote_refs.iter().filter(|r| r.number == f.number).map(|r| line(r.span)).collect(),
            })
            .collect(),
        figures: (0..doc.figures.len()).filter_map(|i| figure_info(source, doc, i)).collect(),
        dates: doc
            .dates
            .iter()
            .map(|d| DateMentionOut {
                text: &d.text,
                start: d.start.to_string(),
                end: d.end.to_string(),
                granularity: d.granularity,
                year: d.year,
                line: line(d.span),
                span: source.file_span(d.span),
            })
            .collect(),
        unparsed: doc
            .unparsed
            .iter()
            .map(|u| UnparsedOut { text: &u.text, reason: &u.reason, line: line(u.span) })
            .collect(),
        checks: checks.iter().map(|c| check_info(source, doc, c)).collect(),
        unchecked_figures: unchecked,
    }
}

/// Every check each of a document's `n` figures took part in, by figure index, each check once.
pub(crate) fn checks_of(n: usize, checks: &[Check]) -> Vec<Vec<&Check>> {
    let mut by = vec![Vec::new(); n];
    for c in checks {
        let mut seen: Vec<usize> = c.figures.clone();
        seen.sort_unstable();
        seen.dedup();
        for i in seen {
            if let Some(slot) = by.get_mut(i) {
                slot.push(c);
            }
        }
    }
    by
}

/// How the checks a figure took part in judged it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    /// At least one check found the figures disagree.
    Disagreeing,
    /// Judged, and every judgement found them agree.
    Agreeing,
    /// In no check that was judged: in none at all, or only in checks skipped (whose relation
    /// says why).
    Unchecked,
}

impl Standing {
    pub(crate) fn of(checks: &[&Check]) -> Standing {
        use crate::rules::Verdict;
        if checks.iter().any(|c| c.verdict == Verdict::Inconsistent) {
            Standing::Disagreeing
        } else if checks.iter().any(|c| c.verdict == Verdict::Consistent) {
            Standing::Agreeing
        } else {
            Standing::Unchecked
        }
    }
}

pub fn render_json(source: &Source, doc: &Document, checks: &[Check]) -> String {
    // Plain data: serialisation cannot fail.
    serde_json::to_string_pretty(&build(source, doc, checks)).unwrap_or_default()
}

fn ranges(v: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1] == v[j] + 1 {
            j += 1;
        }
        out.push(if j > i + 1 {
            format!("{}–{}", v[i], v[j])
        } else if j == i + 1 {
            format!("{}, {}", v[i], v[j])
        } else {
            v[i].to_string()
        });
        i = j + 1;
    }
    out.join(", ")
}

fn pad(s: &str, w: usize) -> String {
    let width = s.chars().map(|c| if crate::parse::chars::is_cjk(c) { 2 } else { 1 }).sum::<usize>();
    format!("{s}{}", " ".repeat(w.saturating_sub(width)))
}

/// A table for reading in a terminal.
pub fn render_table(source: &Source, doc: &Document, checks: &[Check]) -> String {
    let o = build(source, doc, checks);
    let mut s = String::new();
    let _ = writeln!(s, "{}", source.display_name());
    match &o.date {
        Some(d) => {
            let at = d.line.map(|l| format!(", line {l}")).unwrap_or_default();
            let origin =
                serde_json::to_value(d.origin).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            let _ = writeln!(s, "  date        {} (from {origin}{at})", d.date);
        }
        None => {
            let _ = writeln!(s, "  date        unknown (relative dates are not resolved; pass --date)");
        }
    }
    if let Some(t) = o.title {
        let _ = writeln!(s, "  title       {t}");
    }
    let paras: Vec<u32> = o.paragraphs.iter().map(|p| p.value).collect();
    let _ = writeln!(s, "  paragraphs  {}", if paras.is_empty() { "none numbered".to_owned() } else { ranges(&paras) });
    if !o.other_labels.is_empty() {
        let items: Vec<String> = o.other_labels.iter().map(|l| l.label.clone()).collect();
        let _ = writeln!(s, "  numbered    {}", items.join(" "));
    }
    if !o.cross_references.is_empty() {
        let refs: Vec<String> = o.cross_references.iter().map(|r| format!("{} (line {})", r.target, r.line)).collect();
        let _ = writeln!(s, "  references  {}", refs.join(", "));
    }
    if !o.list_items.is_empty() {
        let items: Vec<String> = o.list_items.iter().map(|l| l.label.clone()).collect();
        let _ = writeln!(s, "  list items  {}", items.join(" "));
    }
    if !o.footnotes.is_empty() {
        let notes: Vec<String> = o
            .footnotes
            .iter()
            .map(|f| {
                let refs: Vec<String> = f.references.iter().map(|l| l.to_string()).collect();
                let refs = if refs.is_empty() {
                    "never referenced".to_owned()
                } else {
                    format!("ref. line {}", refs.join(", "))
                };
                format!("{} (line {}, {refs})", f.number, f.line)
            })
            .collect();
        let _ = writeln!(s, "  footnotes   {}", notes.join("; "));
    }
    if !o.furniture.is_empty() {
        // The distinct lines, most frequent first, with the numbers blanked so that a page
        // number or a header with its page number inside counts once.
        let mut kinds: Vec<(String, usize, usize)> = Vec::new();
        for f in &o.furniture {
            let shape: String = f.text.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect();
            match kinds.iter_mut().find(|k| k.0 == shape) {
                Some(k) => k.1 += 1,
                None => kinds.push((shape, 1, f.line)),
            }
        }
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        let shown: Vec<String> = kinds.iter().take(4).map(|(k, n, l)| format!("`{k}` ×{n} (first line {l})")).collect();
        let more = if kinds.len() > 4 { format!(" and {} more", kinds.len() - 4) } else { String::new() };
        let _ = writeln!(s, "  furniture   {} lines dropped: {}{more}", o.furniture.len(), shown.join(", "));
    }
    if !o.scopes.is_empty() {
        let mut kinds: Vec<(String, usize)> = Vec::new();
        for sc in &o.scopes {
            let k = serde_json::to_value(sc.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            match kinds.iter_mut().find(|x| x.0 == k) {
                Some(x) => x.1 += 1,
                None => kinds.push((k, 1)),
            }
        }
        let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let _ = writeln!(s, "  scopes      {} parts, judged apart: {}", o.scopes.len(), kinds.join(", "));
    }
    if o.pdf_damage_repaired {
        let _ = writeln!(s, "  text        PDF extraction damage repaired (spaced characters and digits)");
    }
    let _ = writeln!(s, "\nfigures ({})", o.figures.len());
    let _ =
        writeln!(s, "  {:<9} {:<5} {} {:<18} {:<22} allows", "line:col", "para", pad("figure", 20), "kind", "value");
    for f in &o.figures {
        let kind = match &f.unit {
            Some(u) => format!("{}({u})", f.kind),
            None => f.kind.to_owned(),
        };
        let interval = format!(
            "[{}, {}]",
            f.interval[0].as_deref().map(group).unwrap_or_else(|| "−∞".into()),
            f.interval[1].as_deref().map(group).unwrap_or_else(|| "∞".into())
        );
        let mut read = String::new();
        if !f.measure.is_empty() {
            read.push_str(&format!("  measure `{}`", f.measure));
        }
        if let Some(p) = &f.period {
            read.push_str(&format!("  for `{p}`"));
        }
        let _ = writeln!(
            s,
            "  {:<9} {:<5} {} {} {:<22} {}{read}",
            format!("{}:{}", f.line, f.column),
            f.paragraph.map(|p| p.to_string()).unwrap_or_else(|| "-".into()),
            pad(&f.text, 20),
            pad(&kind, 18),
            f.exact.clone().map(|e| format!("{} ({e})", group(&f.value))).unwrap_or_else(|| group(&f.value)),
            interval
        );
    }
    let _ = writeln!(s, "\ndates ({})", o.dates.len());
    for d in &o.dates {
        let span = if d.start == d.end { d.start.clone() } else { format!("{} to {}", d.start, d.end) };
        let year = serde_json::to_value(d.year).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        let _ = writeln!(s, "  {:<9} {} {:<26} year: {year}", d.line, pad(d.text, 22), span);
    }
    if !o.unparsed.is_empty() {
        let _ = writeln!(s, "\nnot understood ({})", o.unparsed.len());
        for u in &o.unparsed {
            let _ = writeln!(s, "  {:<9} {}: {}", u.line, u.text, u.reason);
        }
    }
    let _ = writeln!(s, "\nchecks ({})", o.checks.len());
    for c in &o.checks {
        let verdict = match c.verdict {
            crate::rules::Verdict::Consistent => "ok  ",
            crate::rules::Verdict::Inconsistent => "FAIL",
            crate::rules::Verdict::Skipped => "skip",
        };
        let _ = writeln!(s, "  {verdict} {:<5} {:<16} {}  [{}]", c.line, c.rule, c.relation, c.figures.join(", "));
    }
    let _ = writeln!(s, "  {} of {} figures took part in no check", o.unchecked_figures, o.figures.len());
    s
}

/// `1470000000` → `1,470,000,000`; decimals kept. For people: tables and hovers.
pub fn group(v: &str) -> String {
    match crate::quantity::parse_decimal(v.trim_start_matches('-')) {
        Some((q, _)) => {
            let g = fmt_grouped(&q, 6);
            if v.starts_with('-') { format!("-{g}") } else { g }
        }
        None => v.to_owned(),
    }
}
