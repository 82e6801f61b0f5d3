//! Human output: miette's graphical report, one per finding.
//!
//! miette's own header would report a byte column; the source is named `path:line:col` here with
//! the column counted in characters, and miette is told not to add its own.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::LineIndex;

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

/// A source under a display name, without copying its text.
struct Named<'a> {
    name: String,
    text: &'a str,
    lines: &'a LineIndex,
}

impl SourceCode for Named<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        // miette reads from the start of the file for every label; start a line before the
        // context instead (same result, since it only counts line breaks), and shift back.
        let first = self.lines.line_of(span.offset()).saturating_sub(before + 1);
        let start = self.lines.start(first).min(span.offset());
        let local = SourceSpan::new((span.offset() - start).into(), span.len());
        let c = self.text.as_bytes()[start..].read_span(&local, before, after)?;
        let at = SourceSpan::new((c.span().offset() + start).into(), c.span().len());
        // miette's own count runs from the start of the file rather than the snippet, which makes
        // it merge any two labels into one snippet once the second is less than twice as far down
        // the file as the first: count the snippet's own lines.
        let lines = c.data().iter().filter(|&&b| b == b'\n').count() + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            at,
            c.line() + first,
            c.column(),
            lines,
        )))
    }
}

struct Report<'a> {
    d: &'a Diagnostic,
    src: Named<'a>,
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
        self.d.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(Some(self.d.primary.message.clone()), self.d.primary.span);
        let rest = self.d.labels.iter().map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), l.span));
        Some(Box::new(std::iter::once(primary).chain(rest)))
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

/// Render every finding of one file.
pub fn render_file(file: &FileReport, style: Style, out: &mut String) -> fmt::Result {
    let h = handler(style);
    for d in file.diagnostics {
        let (line, col) = file.source.line_col(d.primary.span.offset);
        let report = Report {
            d,
            src: Named {
                name: format!("{}:{line}:{col}", file.source.name()),
                text: file.source.text(),
                lines: file.source.lines(),
            },
        };
        h.render_report(out, &report)?;
        out.push('\n');
    }
    Ok(())
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
