//! Human output: miette's graphical report, one per finding.
//!
//! miette's own header would report a byte column; the source is named `path:line:col` here with
//! the column counted in characters, and miette is told not to add its own.
//!
//! miette draws whatever text it is handed: a 130 KB line whole, and a label past display column
//! 65,535 makes it panic (a `format!` width out of range). So each finding is drawn from an
//! [`Excerpt`] of its file: the lines around its labels, with the file's line numbers, each line
//! ended by `\n` (a file with CR-only line ends is drawn line by line), and a line wider than
//! [`LONG_LINE`] columns cut to a window around each label's ends, `…` marking what is left out —
//! as rustc and ruff show long lines. Every line miette sees is then a few thousand columns at
//! most, whatever the file. A finding miette still cannot draw is printed without its snippet,
//! with a note saying so, and the rest of the report is drawn as usual.

use std::fmt;
use std::fmt::Write as _;
use std::ops::Range;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use unicode_width::UnicodeWidthChar;

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Source, Span, floor_char_boundary};

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style { color: false, width: 100 }
    }
}

/// A line wider than this many display columns is shown as windows around the labels on it.
pub const LONG_LINE: usize = 400;
/// Display columns kept on each side of a label's start and of its end in a long line.
const WINDOW: usize = 32;
/// At most this many labels (the primary one first) are drawn for one finding.
const MAX_LABELS: usize = 32;
/// Marks text left out of a long line.
const ELLIPSIS: &str = "…";

/// One line of an [`Excerpt`].
struct ExcerptLine {
    /// 0-based line number in the file.
    line: usize,
    /// Where the line starts in the excerpt's text.
    start: usize,
    /// Lines of one group are consecutive in the file; groups are not.
    group: usize,
    /// The parts of the file's line kept: (file range, offset in the excerpt's text).
    kept: Vec<(Range<usize>, usize)>,
}

/// The lines a finding's labels need, as miette will draw them: a long line as windows around
/// the labels, every line ended by `\n`. Offsets in the excerpt are not the file's; [`Excerpt::map`]
/// moves a file offset in.
struct Excerpt {
    /// Each group's header, `path:line:col`: the primary label's place for the group that holds
    /// it, the first label's place for every other, so that a finding drawn as two snippets
    /// names each where it is (as rustc's `-->` and `:::` do) instead of one place twice.
    names: Vec<String>,
    text: String,
    lines: Vec<ExcerptLine>,
}

/// The display width of a character, for cutting windows: at least one column, so that a run of
/// zero-width characters still ends a window.
fn width(c: char) -> usize {
    c.width().unwrap_or(0).max(1)
}

/// Is this line wider than [`LONG_LINE`]? Looks at no more than that many characters.
fn is_long(line: &str) -> bool {
    if line.len() <= LONG_LINE {
        return false;
    }
    let mut w = 0;
    line.chars().any(|c| {
        w += width(c);
        w > LONG_LINE
    })
}

/// The start of a window reaching `cols` columns back from `at`, not before `line.start`.
fn back(text: &str, line: &Range<usize>, at: usize, cols: usize) -> usize {
    let mut w = 0;
    let mut start = at;
    for (i, c) in text[line.start..at].char_indices().rev() {
        w += width(c);
        if w > cols {
            break;
        }
        start = line.start + i;
    }
    start
}

/// The end of a window reaching `cols` columns forward from `at`, not past `line.end`.
fn forward(text: &str, line: &Range<usize>, at: usize, cols: usize) -> usize {
    let mut w = 0;
    let mut end = at;
    for c in text[at..line.end].chars() {
        w += width(c);
        if w > cols {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// A label's span made safe: inside the text, on character boundaries, and ending on the line
/// its last character is on (a span running into a line break ends at the line's end).
/// Returns (start, start line, end, end line).
fn clamp(src: &Source, span: Span) -> (usize, usize, usize, usize) {
    let text = src.text();
    let lines = src.lines();
    let start = floor_char_boundary(text, span.offset.min(text.len()));
    let start_line = lines.line_of(start);
    let start = start.min(lines.line_range(text, start_line).end);
    let end = floor_char_boundary(text, span.end().min(text.len())).max(start);
    let end_line = if end > start { lines.line_of(end - 1).max(start_line) } else { start_line };
    let end = end.min(lines.line_range(text, end_line).end);
    let end = if end_line == start_line { end.max(start) } else { end };
    (start, start_line, end, end_line)
}

impl Excerpt {
    /// The excerpt for labels on `spans` (the primary label's first) in the file shown as `name`,
    /// and the spans moved into it.
    fn new(src: &Source, name: &str, spans: &[Span]) -> (Excerpt, Vec<Span>) {
        let text = src.text();
        let index = src.lines();
        let last_line = index.len().saturating_sub(1);
        // The empty "line" after a file's final line break is no line of context.
        let last_context =
            if last_line > 0 && index.start(last_line) >= text.len() { last_line - 1 } else { last_line };
        let clamped: Vec<_> = spans.iter().map(|&s| clamp(src, s)).collect();
        // The lines to show: each label's lines and one line of context on each side, grouped
        // into runs of consecutive lines, as miette groups its snippets.
        let mut wanted: Vec<(usize, usize)> = clamped
            .iter()
            .map(|&(_, first, _, last)| (first.saturating_sub(1), (last + 1).min(last_context).max(last)))
            .collect();
        wanted.sort_unstable();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (lo, hi) in wanted {
            match runs.last_mut() {
                // miette draws two snippets one line apart as one, the line between included.
                Some(run) if lo <= run.1 + 2 => run.1 = run.1.max(hi),
                _ => runs.push((lo, hi)),
            }
        }
        // Where labels start and end, by line: the windows of a long line go around these.
        let mut points: Vec<(usize, usize)> = clamped.iter().flat_map(|&(s, sl, e, el)| [(sl, s), (el, e)]).collect();
        points.sort_unstable();
        points.dedup();

        // A group is named after the primary label when it holds it, else after its first label.
        let names = runs
            .iter()
            .map(|&(lo, hi)| {
                let in_run = |&&(_, first, _, _): &&(usize, usize, usize, usize)| (lo..=hi).contains(&first);
                let label = clamped.first().filter(in_run).or_else(|| clamped.iter().filter(in_run).min());
                let offset = match (label, spans.first()) {
                    // The primary label's place as the file gives it (the offset as reported).
                    (Some(l), Some(p)) if std::ptr::eq(l, &clamped[0]) => p.offset,
                    (Some(&(start, ..)), _) => start,
                    (None, _) => index.start(lo),
                };
                // `path:line:col`, or for a document with no lines `path: paragraph 3, page 2`.
                super::located(name, src, offset)
            })
            .collect();
        let mut ex = Excerpt { names, text: String::new(), lines: Vec::new() };
        for (group, &(lo, hi)) in runs.iter().enumerate() {
            for line in lo..=hi {
                let range = index.line_range(text, line);
                let kept = if !is_long(&text[range.clone()]) {
                    vec![range.clone()]
                } else {
                    let from = points.partition_point(|&(l, _)| l < line);
                    let to = points.partition_point(|&(l, _)| l <= line);
                    let mut windows: Vec<Range<usize>> = Vec::new();
                    for &(_, at) in &points[from..to] {
                        let w = back(text, &range, at, WINDOW)..forward(text, &range, at, WINDOW);
                        match windows.last_mut() {
                            Some(prev) if w.start <= prev.end => prev.end = prev.end.max(w.end),
                            _ => windows.push(w),
                        }
                    }
                    if windows.is_empty() {
                        // A line of context, or one a long label runs through: its beginning.
                        windows.push(range.start..forward(text, &range, range.start, 2 * WINDOW));
                    }
                    windows
                };
                let start = ex.text.len();
                let mut line_kept = Vec::with_capacity(kept.len());
                let mut at = range.start;
                for k in kept {
                    if k.start > at {
                        ex.text.push_str(ELLIPSIS);
                    }
                    line_kept.push((k.clone(), ex.text.len()));
                    ex.text.push_str(&text[k.clone()]);
                    at = k.end;
                }
                if at < range.end {
                    ex.text.push_str(ELLIPSIS);
                }
                ex.text.push('\n');
                ex.lines.push(ExcerptLine { line, start, group, kept: line_kept });
            }
        }
        let moved = clamped
            .iter()
            .map(|&(s, sl, e, el)| {
                let start = ex.map(sl, s);
                Span::new(start..ex.map(el, e).max(start))
            })
            .collect();
        (ex, moved)
    }

    /// The excerpt offset of file offset `at` on 0-based line `line`.
    fn map(&self, line: usize, at: usize) -> usize {
        let i = self.lines.partition_point(|l| l.line < line);
        let Some(l) = self.lines.get(i) else { return self.text.len() };
        // Every label's ends are inside a kept part of their line; were one not, the nearest
        // part's edge stands in for it.
        let mut best = l.start;
        for (range, offset) in &l.kept {
            if at < range.start {
                break;
            }
            best = offset + (at.min(range.end) - range.start);
        }
        best
    }

    /// The index of the excerpt line holding excerpt offset `at`.
    fn line_at(&self, at: usize) -> usize {
        self.lines.partition_point(|l| l.start <= at).saturating_sub(1)
    }
}

impl SourceCode for Excerpt {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        if self.lines.is_empty() || span.offset() + span.len() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.line_at(span.offset());
        let last = self.line_at(span.offset() + span.len().saturating_sub(1)).max(first);
        let group = self.lines[first].group;
        if self.lines[last].group != group {
            // Lines that are not consecutive in the file are never one snippet.
            return Err(MietteError::OutOfBounds);
        }
        let mut lo = first;
        while lo > 0 && first - lo < before && self.lines[lo - 1].group == group {
            lo -= 1;
        }
        let mut hi = last;
        while hi + 1 < self.lines.len() && hi - last < after && self.lines[hi + 1].group == group {
            hi += 1;
        }
        let start = self.lines[lo].start;
        let end = self.lines.get(hi + 1).map_or(self.text.len(), |l| l.start);
        let data = &self.text.as_bytes()[start..end];
        Ok(Box::new(MietteSpanContents::new_named(
            self.names.get(group).cloned().unwrap_or_default(),
            data,
            SourceSpan::new(start.into(), data.len()),
            self.lines[lo].line,
            0,
            // As miette counts the lines of a snippet ending in a line break: one more than there
            // are. It merges two snippets when the first's line plus this count reaches the
            // second's line.
            hi - lo + 2,
        )))
    }
}

struct Report<'a> {
    d: &'a Diagnostic,
    src: Excerpt,
    /// The labels drawn, in the excerpt: the primary one first.
    labels: Vec<(Span, &'a str)>,
    help: Option<String>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}
impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.d.rule))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels = self.labels.iter().enumerate().map(|(i, &(span, message))| {
            if i == 0 {
                LabeledSpan::new_primary_with_span(Some(message.to_owned()), span)
            } else {
                LabeledSpan::new_with_span(Some(message.to_owned()), span)
            }
        });
        Some(Box::new(labels))
    }
}

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .without_primary_span_start()
        .with_links(false)
        .with_context_lines(1)
}

/// Render every finding of one file. A finding that cannot be drawn is printed without its
/// snippet, with a note; the others are drawn all the same.
pub fn render_file(file: &FileReport, style: Style, out: &mut String) {
    let h = handler(style);
    let name = file.source.display_name();
    for d in file.diagnostics {
        let at = super::located(&name, file.source, d.primary.span.offset);
        let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let report = report(file.source, d, &name);
            let mut s = String::new();
            h.render_report(&mut s, &report).map(|()| s)
        }));
        match drawn {
            Ok(Ok(s)) => out.push_str(&s),
            Ok(Err(fmt::Error)) => out.push_str(&plain(d, &at, "miette could not draw it")),
            Err(panic) => {
                let why = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".to_owned());
                out.push_str(&plain(d, &at, &format!("miette panicked: {why}")));
            }
        }
        out.push('\n');
    }
}

/// The report miette draws for one finding: its labels moved into an excerpt of the file.
fn report<'a>(src: &Source, d: &'a Diagnostic, name: &str) -> Report<'a> {
    let all = std::iter::once(&d.primary).chain(&d.labels);
    let drawn: Vec<_> = all.clone().take(MAX_LABELS).collect();
    // An HTML page is shown as its markup, with the page's line numbers.
    let spans: Vec<Span> = drawn.iter().map(|l| src.shown_span(l.span)).collect();
    let (src, moved) = Excerpt::new(src.shown(), name, &spans);
    let labels = moved.into_iter().zip(drawn).map(|(span, l)| (span, l.message.as_str())).collect();
    let left_out = all.count().saturating_sub(MAX_LABELS);
    let help = match (&d.help, left_out) {
        (h, 0) => h.clone(),
        (None, n) => Some(format!("{n} more labels not drawn")),
        (Some(h), n) => Some(format!("{h}\n({n} more labels not drawn)")),
    };
    Report { d, src, labels, help }
}

/// A finding without its snippet, for when miette cannot draw it.
fn plain(d: &Diagnostic, at: &str, why: &str) -> String {
    let mark = match d.severity {
        Severity::Error => "×",
        Severity::Warning => "⚠",
        Severity::Info => "☞",
    };
    let mut s = format!("{}\n\n  {mark} {}\n   at {at}\n", d.rule, super::one_line(&d.message));
    if let Some(h) = &d.help {
        let _ = writeln!(s, "  help: {}", h.replace('\n', "\n        "));
    }
    let _ = writeln!(s, "  note: the snippet could not be drawn ({why}); please report this");
    s
}

/// Render any miette diagnostic (a file or configuration error) the same way.
pub fn render_error(e: &dyn miette::Diagnostic, style: Style) -> String {
    let mut s = String::new();
    // Configuration is mostly ASCII TOML, where miette's byte column is the character column.
    if handler(style).with_primary_span_start().render_report(&mut s, e).is_err() {
        s = e.to_string();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Label;

    fn finding(text: &str, labels: usize) -> Diagnostic {
        let at = text.find("60%").unwrap_or(0);
        Diagnostic {
            rule: "percent-change",
            severity: Severity::Error,
            message: "stated rise of 60% does not match".into(),
            help: Some("150 / 100 − 1 = +50.0%".into()),
            primary: Label::new(Span::new(at..at + 3), "stated rise"),
            labels: (0..labels).map(|i| Label::new(Span::new(i..i + 1), format!("label {i}"))).collect(),
            fix: None,
        }
    }

    #[test]
    fn at_most_32_labels_are_drawn_and_the_help_says_so() {
        let text = format!("{} 升幅 60%。\n", "x".repeat(50));
        let src = Source::from_text("a.txt", text.clone());
        let d = finding(&text, 40);
        let mut out = String::new();
        render_file(&FileReport { source: &src, diagnostics: std::slice::from_ref(&d) }, Style::default(), &mut out);
        assert!(out.contains("label 30") && !out.contains("label 31"), "{out}");
        assert!(out.contains("(9 more labels not drawn)"), "{out}");
    }

    #[test]
    fn a_finding_that_cannot_be_drawn_is_printed_without_its_snippet() {
        let d = finding("升幅 60%", 0);
        let s = plain(&d, "a.txt:3:4", "miette panicked: boom");
        assert_eq!(
            s,
            "percent-change\n\n  × stated rise of 60% does not match\n   at a.txt:3:4\n  help: 150 / 100 − 1 = +50.0%\n  \
             note: the snippet could not be drawn (miette panicked: boom); please report this\n"
        );
    }

    #[test]
    fn a_finding_in_two_snippets_names_each_snippet_where_it_is() {
        // The primary label on line 10, another on line 2: miette draws two snippets.
        let mut text = String::from("第一行\n持份者一\n");
        text.push_str(&"……\n".repeat(7));
        text.push_str("其他 持分者 二\n");
        let src = Source::from_text("a.txt", text.clone());
        let at = |needle: &str| {
            let i = text.find(needle).unwrap();
            Span::new(i..i + needle.len())
        };
        let d = Diagnostic {
            rule: "term-consistency",
            severity: Severity::Warning,
            message: "term written two ways".into(),
            help: None,
            primary: Label::new(at("持分者"), "`持分者`"),
            labels: vec![Label::new(at("持份者"), "`持份者` first used here")],
            fix: None,
        };
        let mut out = String::new();
        render_file(&FileReport { source: &src, diagnostics: std::slice::from_ref(&d) }, Style::default(), &mut out);
        let headers: Vec<&str> = out.lines().filter(|l| l.trim_start().starts_with("╭─[")).map(str::trim).collect();
        assert_eq!(headers, ["╭─[a.txt:2:1]", "╭─[a.txt:10:4]"], "{out}");
    }

    #[test]
    fn a_label_past_the_end_or_inside_a_character_is_clamped_not_a_panic() {
        let text = "第一行\n升幅 60%";
        let src = Source::from_text("a.txt", text);
        let mut d = finding(text, 0);
        d.labels = vec![Label::new(Span::new(1..2), "inside 第"), Label::new(Span::new(5..500), "past the end")];
        let mut out = String::new();
        render_file(&FileReport { source: &src, diagnostics: std::slice::from_ref(&d) }, Style::default(), &mut out);
        assert!(!out.contains("could not be drawn") && out.contains("past the end"), "{out}");
    }
}
