//! JSON output, version 1: a stable contract for CI.
//!
//! Offsets and lengths are bytes of the file as given (before any normalisation, a byte-order
//! mark counted); line and column are 1-based, the column in characters. For HTML they are the
//! page's. A docx or PDF has no lines a user can find: there `span`, `line` and `column` count
//! in the extracted text (as `policy-lint figures` shows it), and `paragraph` and `page` say
//! where the finding is in the document. `path` is the path as
//! given; one that is not UTF-8 also comes as `path_encoded`, its exact bytes percent-encoded.
//! A file that could not be read is an entry too, after the others, with `error` saying why and
//! no diagnostics; `summary.unread` counts them.

use serde::Serialize;

use super::{FileReport, Summary, Unread};
use crate::diagnostic::Diagnostic;
use crate::source::{Source, Span};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<File<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    unread: usize,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    /// What the file was read as: `text`, `html`, `docx` or `pdf` (absent for a file not read).
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<crate::source::Format>,
    /// The path's exact bytes, percent-encoded, when `path` could not hold them (a name that is
    /// not UTF-8 shows U+FFFD there).
    #[serde(skip_serializing_if = "Option::is_none")]
    path_encoded: Option<String>,
    /// Why the file could not be read; absent for a file that was linted.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    diagnostics: Vec<Diag<'a>>,
}

#[derive(Serialize)]
struct Diag<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    span: Span,
    line: usize,
    column: usize,
    /// docx: the paragraph, counted from 1 over the non-empty paragraphs (table cells' too).
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<u32>,
    /// docx and PDF: the page, when the document says.
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    /// docx: the footnote or endnote, by the number its reference got (`[3]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<u32>,
    labels: Vec<JsonLabel<'a>>,
    /// How `--fix` (safe) or `--fix --unsafe-fixes` (unsafe) would resolve it; absent when no
    /// fix is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    applicability: crate::diagnostic::Applicability,
    /// Spans in bytes of the file as given, as every span here.
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    span: Span,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    span: Span,
    message: &'a str,
}

fn diag<'a>(src: &Source, d: &'a Diagnostic) -> Diag<'a> {
    let (line, column) = src.line_col(d.primary.span.offset);
    let (paragraph, page, note) = match src.place(d.primary.span.offset) {
        crate::source::Place::Part { paragraph, page, note } => (paragraph, page, note),
        crate::source::Place::Line { .. } => (None, None, None),
    };
    Diag {
        paragraph,
        page,
        note,
        rule: d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        help: d.help.as_deref(),
        span: src.file_span(d.primary.span),
        line,
        column,
        labels: d.labels.iter().map(|l| JsonLabel { span: src.file_span(l.span), message: &l.message }).collect(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            message: &f.message,
            applicability: f.applicability,
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit { span: src.file_span(e.span), replacement: &e.replacement })
                .collect(),
        }),
    }
}

/// The whole run as one JSON document.
pub fn render(files: &[FileReport], unread: &[Unread], summary: &Summary) -> String {
    let read = files.iter().map(|f| File {
        path: f.source.name(),
        format: Some(f.source.format()),
        path_encoded: (!f.source.name_is_exact()).then(|| super::percent_encode(f.source.name_bytes())),
        error: None,
        diagnostics: f.diagnostics.iter().map(|d| diag(f.source, d)).collect(),
    });
    let failed = unread.iter().map(|u| File {
        path: &u.path,
        format: None,
        path_encoded: std::str::from_utf8(&u.path_bytes).is_err().then(|| super::percent_encode(&u.path_bytes)),
        error: Some(&u.reason),
        diagnostics: Vec::new(),
    });
    let out = Output {
        version: 1,
        files: read.chain(failed).collect(),
        summary: JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            unread: unread.len(),
        },
    };
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&out).unwrap_or_default()
}
