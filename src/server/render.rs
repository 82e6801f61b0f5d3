//! What linting a document produced, in the protocol's terms: diagnostics with their operands as
//! related information, a hover for a figure, code actions for the fixes.
//!
//! Spans are byte offsets of the decoded text; [`crate::source::Source::file_span`] takes them to
//! offsets of the text the client sent (the same, except in an HTML page, whose markup the client
//! holds), and [`Text`] to the client's lines and columns.

use std::collections::HashMap;
use std::fmt::Write as _;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DiagnosticRelatedInformation, DiagnosticSeverity, Hover,
    HoverContents, Location, MarkupContent, MarkupKind, NumberOrString, Position, Range, TextEdit, Uri, WorkspaceEdit,
};
use serde_json::{Value, json};

use super::Analysis;
use super::position::{Encoding, Text};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::output::figures::{check_info, figure_info, group};
use crate::rules::Verdict;
use crate::source::Span;

/// What the server does, for the `initialize` response.
pub fn capabilities(encoding: Encoding) -> Value {
    json!({
        "positionEncoding": encoding.kind(),
        "textDocumentSync": {
            "openClose": true,
            // Full: every change sends the whole text (ranged changes are applied too).
            "change": 1,
            "save": {"includeText": false},
        },
        "hoverProvider": true,
        "codeActionProvider": {"codeActionKinds": [CodeActionKind::QUICKFIX]},
    })
}

fn text(analysis: &Analysis, encoding: Encoding) -> Text<'_> {
    Text { text: &analysis.text, lines: &analysis.lines, encoding }
}

/// The client's range of a span of the decoded text.
fn range(analysis: &Analysis, span: Span, encoding: Encoding) -> Range {
    text(analysis, encoding).range(file_span(analysis, span))
}

/// A span as offsets of the client's text: the file's bytes, which the client holds decoded (in
/// an HTML page, the markup the text was extracted from).
fn file_span(analysis: &Analysis, span: Span) -> Span {
    analysis.source.file_span(span)
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// One finding: the message and the arithmetic, on the claim that is wrong; every operand a
/// related location, named by its label and its text (`from: 16 8 , 00 0`).
pub fn diagnostic(uri: &Uri, analysis: &Analysis, d: &Diagnostic, encoding: Encoding) -> lsp_types::Diagnostic {
    let related = d
        .labels
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: Location { uri: uri.clone(), range: range(analysis, l.span, encoding) },
            message: format!("{}: {}", l.message, analysis.source.slice(l.span)),
        })
        .collect::<Vec<_>>();
    lsp_types::Diagnostic {
        range: range(analysis, d.primary.span, encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.to_owned())),
        source: Some("policy-lint".to_owned()),
        message: match &d.help {
            Some(help) => format!("{}\n{help}", d.message),
            None => d.message.clone(),
        },
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// Every finding in the document, and every suppression comment that could not be read.
pub fn diagnostics(uri: &Uri, analysis: &Analysis, encoding: Encoding) -> Vec<lsp_types::Diagnostic> {
    let mut out: Vec<_> = analysis.outcome.diagnostics.iter().map(|d| diagnostic(uri, analysis, d, encoding)).collect();
    let t = text(analysis, encoding);
    for e in &analysis.outcome.errors {
        // 1-based line and column in characters.
        let line = e.line.saturating_sub(1);
        let start = if line < analysis.lines.len() {
            let r = analysis.lines.line_range(t.text, line);
            let content = t.text.get(r.clone()).unwrap_or("");
            r.start + content.char_indices().nth(e.column.saturating_sub(1)).map_or(content.len(), |(i, _)| i)
        } else {
            t.text.len()
        };
        let end = t.text.get(start..).and_then(|s| s.find(['\n', '\r'])).map_or(t.text.len(), |n| start + n);
        out.push(lsp_types::Diagnostic {
            range: t.range(Span::new(start..end)),
            severity: Some(DiagnosticSeverity::ERROR),
            code: Some(NumberOrString::String("suppression".to_owned())),
            source: Some("policy-lint".to_owned()),
            message: format!("{}\n{}", e.message, e.help),
            ..Default::default()
        });
    }
    out
}

fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Consistent => "consistent",
        Verdict::Inconsistent => "**inconsistent**",
        Verdict::Skipped => "not judged",
    }
}

/// The figure under the cursor: its value, the interval its rounding allows, what it measures and
/// for when, and every check it took part in with the verdict. `None` off a figure.
pub fn hover(analysis: &Analysis, at: Position, encoding: Encoding) -> Option<Hover> {
    let offset = text(analysis, encoding).offset(at);
    let doc = &analysis.outcome.document;
    let hit = |strict: bool| {
        doc.figures.iter().position(|f| {
            let s = file_span(analysis, f.span);
            s.offset <= offset && (offset < s.end() || !strict && offset == s.end())
        })
    };
    let index = hit(true).or_else(|| hit(false))?;
    let figure = doc.figures.get(index)?;
    let info = figure_info(&analysis.source, doc, index)?;
    let mut md = String::new();
    let kind = match &info.unit {
        Some(u) => format!("{} ({u})", info.kind),
        None => info.kind.to_owned(),
    };
    let _ = writeln!(md, "**`{}`** — {kind}\n", info.text.replace('`', "'"));
    let exact = info.exact.as_ref().map(|e| format!(" (= {e})")).unwrap_or_default();
    let _ = writeln!(md, "- value: {}{exact}", group(&info.value));
    let bound = |b: &Option<String>, none: &str| b.as_deref().map_or_else(|| none.to_owned(), group);
    let _ = writeln!(md, "- interval: [{}, {}]", bound(&info.interval[0], "−∞"), bound(&info.interval[1], "∞"));
    if !info.measure.is_empty() {
        let _ = writeln!(md, "- measure: {}", info.measure);
    }
    if let Some(p) = &info.period {
        let _ = writeln!(md, "- period: {p}");
    }
    if let Some(p) = info.paragraph {
        let _ = writeln!(md, "- paragraph: {p}");
    }
    let checks: Vec<_> = analysis
        .outcome
        .checks
        .iter()
        .filter(|c| c.figures.contains(&index))
        .map(|c| check_info(&analysis.source, doc, c))
        .collect();
    if checks.is_empty() {
        let _ = writeln!(md, "\nIn no check.");
    } else {
        let _ = writeln!(md, "\nChecks:\n");
        for c in checks {
            let _ = writeln!(md, "- `{}` {}: {} — {}", c.rule, verdict(c.verdict), c.relation, c.figures.join(", "));
        }
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: md }),
        range: Some(range(analysis, figure.span, encoding)),
    })
}

/// The fixes of the findings that touch `at`: safe ones preferred, unsafe ones offered with a
/// title that says what they change.
pub fn code_actions(uri: &Uri, analysis: &Analysis, at: Range, encoding: Encoding) -> Vec<CodeActionOrCommand> {
    let t = text(analysis, encoding);
    let (from, to) = (t.offset(at.start), t.offset(at.end));
    let mut out = Vec::new();
    for d in &analysis.outcome.diagnostics {
        let Some(fix) = &d.fix else { continue };
        let touches = |s: Span| {
            let s = file_span(analysis, s);
            s.offset <= to && from <= s.end()
        };
        if !touches(d.primary.span) && !fix.edits.iter().any(|e| touches(e.span)) {
            continue;
        }
        let edits = fix
            .edits
            .iter()
            .map(|e| TextEdit { range: range(analysis, e.span, encoding), new_text: e.replacement.clone() })
            .collect();
        let safe = fix.applicability == Applicability::Safe;
        let title = if safe {
            format!("{}: {}", d.rule, fix.message)
        } else {
            format!("{}: {} (unsafe: changes what the paper says)", d.rule, fix.message)
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic(uri, analysis, d, encoding)]),
            edit: Some(WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..Default::default() }),
            is_preferred: Some(safe),
            ..Default::default()
        }));
    }
    out
}
