//! `--format html`: one self-contained page an author would rather read than the terminal.
//!
//! Each paper's text is shown with every figure the parser read marked by how the checks judged
//! it: `fig-bad` (in a check that found the figures disagree), `fig-ok` (checked, every check
//! agreeing) or `fig-unchecked` (in no judged check; the title says why). Hovering a figure
//! shows what was read and the arithmetic of each check; clicking it pins that beside it. The
//! findings are listed beside the text, each linked to its place, and a coverage summary says
//! how many figures took part in a check, for the paper and for each paragraph. A run over
//! several files is one page with an index of them, files that could not be read included.
//!
//! Nothing is fetched: the style and the small script are inline, and the page names no URL.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::figures::{FigureInfo, Standing, checks_of, group};
use super::{Summary, Unread};
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Language};
use crate::rules::{Check, Verdict};
use crate::source::{Source, Span};

/// One file of the run, as the page shows it.
pub struct Paper<'a> {
    pub source: &'a Source,
    pub diagnostics: &'a [Diagnostic],
    /// What the parser read and every relation the rules compared; `None` for a file that is
    /// not a paper (a configuration file whose `[[ignore]]` entries went unused).
    pub reading: Option<(&'a Document, &'a [Check])>,
}

/// How many figures there are and how the checks judged them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Coverage {
    figures: usize,
    agreeing: usize,
    disagreeing: usize,
    unchecked: usize,
}

impl Coverage {
    fn add(&mut self, s: Standing) {
        self.figures += 1;
        match s {
            Standing::Disagreeing => self.disagreeing += 1,
            Standing::Agreeing => self.agreeing += 1,
            Standing::Unchecked => self.unchecked += 1,
        }
    }
    fn sum(&mut self, o: Coverage) {
        self.figures += o.figures;
        self.agreeing += o.agreeing;
        self.disagreeing += o.disagreeing;
        self.unchecked += o.unchecked;
    }
    /// Figures that took part in a judged check, agreeing or not.
    fn checked(&self) -> usize {
        self.agreeing + self.disagreeing
    }
    fn percent_checked(&self) -> String {
        (self.checked() * 100).checked_div(self.figures).map_or_else(|| "–".to_owned(), |p| format!("{p}%"))
    }
}

/// One figure as marked in the text.
struct Mark {
    /// Index in [`Document::figures`].
    index: usize,
    standing: Standing,
    read: FigureInfo,
    /// What a hover shows: what was read, then each check with its arithmetic.
    detail: String,
}

/// A row of the per-paragraph coverage: a numbered paragraph, or a block outside them.
struct Row {
    label: String,
    /// The id of its first figure, to link to.
    first: String,
    coverage: Coverage,
}

/// A piece of a paper's text, in order.
enum Piece<'t> {
    Text(&'t str),
    /// A figure; its text is empty when it starts inside the figure before (never seen in a
    /// real paper, but a span is not trusted to be tidy).
    Figure(usize, &'t str),
    /// Where a finding that is not on a figure is.
    Anchor(String),
}

/// A paper made ready to draw.
struct Shown<'a> {
    paper: &'a Paper<'a>,
    id: String,
    marks: Vec<Mark>,
    rows: Vec<Row>,
    coverage: Coverage,
    /// For each finding, the id its link goes to.
    targets: Vec<String>,
    pieces: Vec<Piece<'a>>,
}

/// The largest char boundary of `text` at or before `i`.
fn floor(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn overlaps(a: Span, b: Span) -> bool {
    if a.length == 0 || b.length == 0 {
        return a.offset >= b.offset && a.offset < b.end().max(b.offset + 1)
            || b.offset >= a.offset && b.offset < a.end().max(a.offset + 1);
    }
    a.offset < b.end() && b.offset < a.end()
}

fn verdict_sign(v: Verdict) -> &'static str {
    match v {
        Verdict::Consistent => "✓",
        Verdict::Inconsistent => "✗",
        Verdict::Skipped => "–",
    }
}

fn detail(read: &FigureInfo, checks: &[&Check], findings: &[&Diagnostic]) -> String {
    let mut lines = Vec::new();
    let kind = match &read.unit {
        Some(u) => format!("{} ({u})", read.kind),
        None => read.kind.to_owned(),
    };
    let lo = read.interval[0].as_deref().map_or_else(|| "−∞".to_owned(), group);
    let hi = read.interval[1].as_deref().map_or_else(|| "∞".to_owned(), group);
    lines.push(format!("{}: {kind}, {} [{lo}, {hi}]", read.text, group(&read.value)));
    if !read.measure.is_empty() {
        lines.push(format!("measures: {}", read.measure));
    }
    if let Some(p) = &read.period {
        lines.push(format!("for: {p}"));
    }
    for d in findings {
        lines.push(format!("{} {}: {}", verdict_sign(Verdict::Inconsistent), d.rule, d.message));
        // The arithmetic, unless a check below already says it.
        if let Some(h) = d.help.as_ref().filter(|h| !checks.iter().any(|c| c.relation == **h)) {
            lines.push(format!("  {h}"));
        }
    }
    for c in checks {
        lines.push(format!("{} {}: {}", verdict_sign(c.verdict), c.rule, c.relation));
    }
    if checks.is_empty() {
        lines.push("not checked: no relation read".to_owned());
    } else if checks.iter().all(|c| c.verdict == Verdict::Skipped) {
        lines.push("not checked: every relation read was skipped (above, why)".to_owned());
    }
    lines.join("\n")
}

fn show<'a>(paper: &'a Paper<'a>, n: usize) -> Shown<'a> {
    let id = format!("p{n}");
    let text = paper.source.text();
    let (marks, rows) = match paper.reading {
        Some((doc, checks)) => {
            let by = checks_of(doc.figures.len(), checks);
            let marks: Vec<Mark> = by
                .iter()
                .enumerate()
                .filter_map(|(i, cs)| {
                    let read = super::figures::figure_info(paper.source, doc, i)?;
                    let span = doc.figures[i].span;
                    let findings: Vec<&Diagnostic> = paper
                        .diagnostics
                        .iter()
                        .filter(|d| std::iter::once(&d.primary).chain(&d.labels).any(|l| overlaps(l.span, span)))
                        .collect();
                    let detail = detail(&read, cs, &findings);
                    Some(Mark { index: i, standing: Standing::of(cs), read, detail })
                })
                .collect();
            let mut rows: Vec<Row> = Vec::new();
            for m in &marks {
                let f = &doc.figures[m.index];
                let block = doc.block_at(f.norm.start);
                let label = match block.and_then(|b| doc.paragraph_of(b)) {
                    Some(p) => format!("¶ {p}"),
                    None => {
                        let line = block.and_then(|b| doc.blocks.get(b)).map_or(f.span.offset, |b| b.span.offset);
                        format!("at {}", paper.source.place(line))
                    }
                };
                match rows.last_mut() {
                    Some(r) if r.label == label => r.coverage.add(m.standing),
                    _ => {
                        let mut coverage = Coverage::default();
                        coverage.add(m.standing);
                        rows.push(Row { label, first: format!("{id}-f{}", m.index), coverage });
                    }
                }
            }
            (marks, rows)
        }
        None => (Vec::new(), Vec::new()),
    };
    let mut coverage = Coverage::default();
    for m in &marks {
        coverage.add(m.standing);
    }
    let spans: Vec<Span> = match paper.reading {
        Some((doc, _)) => marks.iter().map(|m| doc.figures[m.index].span).collect(),
        None => Vec::new(),
    };
    // Cut the text at every figure and at every finding that is not on one, in order.
    enum At {
        Anchor(String),
        Figure(usize),
    }
    let mut cuts: Vec<(usize, u8, At)> = Vec::new();
    // A finding links to the figure its primary label is on, else to an anchor of its own.
    let mut targets: Vec<String> = Vec::new();
    for (k, d) in paper.diagnostics.iter().enumerate() {
        let p = d.primary.span;
        match spans.iter().position(|s| s.offset <= p.offset && p.offset < s.end().max(s.offset + 1)) {
            Some(j) => targets.push(format!("{id}-f{}", marks[j].index)),
            None => {
                let a = format!("{id}-a{k}");
                cuts.push((p.offset, 0, At::Anchor(a.clone())));
                targets.push(a);
            }
        }
    }
    for (j, s) in spans.iter().enumerate() {
        cuts.push((s.offset, 1, At::Figure(j)));
    }
    cuts.sort_by_key(|c| (c.0, c.1));
    let mut pieces = Vec::new();
    let mut pos = 0;
    for (offset, _, at) in cuts {
        let start = floor(text, offset);
        if start > pos {
            pieces.push(Piece::Text(&text[pos..start]));
            pos = start;
        }
        match at {
            At::Anchor(a) => pieces.push(Piece::Anchor(a)),
            At::Figure(j) => {
                let end = floor(text, spans[j].end()).max(pos);
                pieces.push(Piece::Figure(j, &text[pos..end]));
                pos = end;
            }
        }
    }
    pieces.push(Piece::Text(&text[pos..]));
    Shown { paper, id, marks, rows, coverage, targets, pieces }
}

fn standing_class(s: Standing) -> &'static str {
    match s {
        Standing::Disagreeing => "fig fig-bad",
        Standing::Agreeing => "fig fig-ok",
        Standing::Unchecked => "fig fig-unchecked",
    }
}

fn counts(c: &Coverage) -> Markup {
    html! {
        td.num { (c.figures) }
        td.num { (c.checked()) " (" (c.percent_checked()) ")" }
        td.num.bad[c.disagreeing > 0] { (c.disagreeing) }
        td.num { (c.unchecked) }
    }
}

fn paper_section(s: &Shown) -> Markup {
    let source = s.paper.source;
    let lang = match s.paper.reading.map(|(d, _)| d.language) {
        Some(Language::Chinese) => Some("zh"),
        Some(Language::English) => Some("en"),
        _ => None,
    };
    let c = &s.coverage;
    html! {
        section.paper id=(s.id) data-path=(source.name()) {
            h2 { (source.name()) }
            div.coverage
                data-figures=(c.figures) data-checked=(c.checked()) data-disagreeing=(c.disagreeing)
                data-unchecked=(c.unchecked)
            {
                p {
                    strong { (c.figures) } " figures: "
                    span.key.fig-ok { (c.agreeing) " checked and agreeing" } ", "
                    span.key.fig-bad { (c.disagreeing) " disagreeing" } ", "
                    span.key.fig-unchecked { (c.unchecked) " unchecked" }
                    " — " (c.percent_checked()) " took part in a check; "
                    (s.paper.diagnostics.len()) " findings."
                }
                @if s.rows.len() > 1 {
                    details.paragraphs {
                        summary { "By paragraph (" (s.rows.len()) ")" }
                        table {
                            thead { tr { th { "where" } th { "figures" } th { "checked" } th { "disagreeing" } th { "unchecked" } } }
                            tbody {
                                @for r in &s.rows {
                                    tr { td { a href={ "#" (r.first) } { (r.label) } } (counts(&r.coverage)) }
                                }
                            }
                        }
                    }
                }
            }
            div.layout {
                div.text lang=[lang] {
                    @for p in &s.pieces {
                        @match p {
                            Piece::Text(t) => { (t) }
                            Piece::Anchor(a) => { span.anchor id=(a) {} }
                            Piece::Figure(j, t) => {
                                @let m = &s.marks[*j];
                                span class=(standing_class(m.standing)) id={ (s.id) "-f" (m.index) }
                                    title=(m.detail) data-index=(m.index) data-kind=(m.read.kind)
                                    data-value=(m.read.value)
                                    data-interval={ "[" (m.read.interval[0].as_deref().unwrap_or("")) ", " (m.read.interval[1].as_deref().unwrap_or("")) "]" }
                                    data-measure=(m.read.measure) data-period=[m.read.period.as_deref()]
                                { (t) }
                            }
                        }
                    }
                }
                aside.findings {
                    h3 { "Findings (" (s.paper.diagnostics.len()) ")" }
                    @if s.paper.diagnostics.is_empty() {
                        p.none { "No findings." }
                    }
                    ol {
                        @for (d, t) in s.paper.diagnostics.iter().zip(&s.targets) {
                            li class={ "finding " (d.severity.as_str()) } {
                                a href={ "#" (t) } {
                                    span.sev { (d.severity.as_str()) } " " (source.place(d.primary.span.offset))
                                    " " code { (d.rule) }
                                }
                                p.message { (d.message) }
                                @if let Some(h) = &d.help {
                                    pre.help { (h) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

const CSS: &str = r#"
:root { --bad: #c62828; --ok: #2e7d32; --un: #9e9e9e; --line: #ddd; }
body { font: 15px/1.6 system-ui, "Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei", sans-serif; margin: 0; color: #222; background: #fafafa; }
header, section.paper { padding: 0.8em 1.5em; }
header { background: #263238; color: #fff; }
header h1 { font-size: 1.2em; margin: 0 0 0.3em; }
header p { margin: 0; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border-bottom: 1px solid var(--line); padding: 0.2em 0.6em; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.bad { color: var(--bad); font-weight: bold; }
nav.index { padding: 0.8em 1.5em; background: #fff; border-bottom: 1px solid var(--line); }
tr.unread td { color: var(--bad); }
section.paper { border-bottom: 3px solid #cfd8dc; }
section.paper h2 { font-size: 1.1em; margin: 0.2em 0; word-break: break-all; }
.coverage p { margin: 0.3em 0; }
.layout { display: flex; gap: 1.5em; align-items: flex-start; }
.text { flex: 1 1 60%; min-width: 0; white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border: 1px solid var(--line); padding: 1em 1.2em; }
aside.findings { flex: 0 0 34%; position: sticky; top: 0.5em; max-height: 96vh; overflow-y: auto; }
.hint { display: none; color: #b0bec5; }
.js .hint { display: inline; }
aside h3 { margin: 0 0 0.4em; font-size: 1em; }
aside ol { padding-left: 1.4em; margin: 0; }
li.finding { margin-bottom: 0.8em; }
li.finding a { color: inherit; }
li.finding .sev { font-weight: bold; text-transform: uppercase; font-size: 0.8em; }
li.error .sev { color: var(--bad); }
li.warning .sev { color: #ef6c00; }
li.info .sev { color: #1565c0; }
p.message { margin: 0.1em 0; }
pre.help { white-space: pre-wrap; background: #f1f1f1; padding: 0.3em 0.5em; margin: 0.2em 0; font-size: 0.85em; }
.fig { cursor: pointer; border-radius: 2px; }
.fig-bad { background: #ffcdd2; outline: 1px solid var(--bad); }
.fig-ok { background: #dcedc8; border-bottom: 2px solid var(--ok); }
.fig-unchecked { border-bottom: 2px dotted var(--un); }
.key { padding: 0 0.2em; }
.fig, .anchor { scroll-margin-top: 30vh; }
.fig:target, .anchor:target { outline: 3px solid #ffb300; }
.anchor:target::after { content: "◀"; color: #ffb300; }
#pop { position: absolute; z-index: 10; max-width: 36em; white-space: pre-wrap; background: #fff; border: 1px solid #888; box-shadow: 0 2px 8px rgba(0,0,0,.25); padding: 0.5em 0.7em; font-size: 0.85em; }
@media (max-width: 900px) { .layout { display: block; } aside.findings { position: static; } }
"#;

/// Click a figure: pin what its hover says beside it; click elsewhere or press Escape: unpin.
const JS: &str = r#"
(function () {
  var pop = document.getElementById('pop');
  document.documentElement.classList.add('js');
  document.addEventListener('click', function (e) {
    var f = e.target.closest ? e.target.closest('.fig') : null;
    if (!f) { pop.hidden = true; return; }
    pop.textContent = f.getAttribute('title');
    var r = f.getBoundingClientRect();
    pop.style.left = (window.scrollX + r.left) + 'px';
    pop.style.top = (window.scrollY + r.bottom + 4) + 'px';
    pop.hidden = false;
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { pop.hidden = true; } });
})();
"#;

/// The whole run as one page.
pub fn render(papers: &[Paper], unread: &[Unread], summary: &Summary) -> String {
    let shown: Vec<Shown> = papers.iter().enumerate().map(|(n, p)| show(p, n)).collect();
    let mut total = Coverage::default();
    for s in &shown {
        total.sum(s.coverage);
    }
    let title = match (papers, unread) {
        ([one], []) => format!("policy-lint: {}", one.source.name()),
        _ => format!("policy-lint: {} files", papers.len() + unread.len()),
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { (title) }
                    p.summary
                        data-figures=(total.figures) data-checked=(total.checked())
                        data-disagreeing=(total.disagreeing) data-unchecked=(total.unchecked)
                    {
                        (summary.to_string()) ". "
                        (total.figures) " figures read, " (total.checked()) " took part in a check ("
                        (total.percent_checked()) "), " (total.disagreeing) " disagreeing, "
                        (total.unchecked) " unchecked."
                        span.hint { " Hover or click a figure for what was read and checked." }
                    }
                }
                nav.index {
                    table {
                        thead {
                            tr { th { "file" } th { "figures" } th { "checked" } th { "disagreeing" } th { "unchecked" } th { "findings" } }
                        }
                        tbody {
                            @for s in &shown {
                                tr.paper {
                                    td { a href={ "#" (s.id) } { (s.paper.source.name()) } }
                                    (counts(&s.coverage))
                                    td.num.bad[!s.paper.diagnostics.is_empty()] { (s.paper.diagnostics.len()) }
                                }
                            }
                            @for u in unread {
                                tr.unread data-path=(u.path) {
                                    td { (u.path) }
                                    td colspan="5" { "error: could not be read: " (u.reason) }
                                }
                            }
                        }
                    }
                }
                main {
                    @for s in &shown {
                        (paper_section(s))
                    }
                }
                div id="pop" hidden {}
                script { (PreEscaped(JS)) }
            }
        }
    };
    page.into_string()
}
