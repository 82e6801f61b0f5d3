//! One paper through the pipeline: parse, run every active rule, collect diagnostics, then apply
//! the suppressions ([`crate::suppress`]) — after the rules, which never see them, and before any
//! output.

use crate::claims::Claims;
use crate::config::Resolved;
use crate::diagnostic::Diagnostic;
use crate::document::{DateOrigin, Document};
use crate::parse::{self, ParseOptions};
use crate::rules::{Check, Context};
use crate::source::Source;
use crate::suppress::{self, SuppressionError};

/// What linting one paper produced.
#[derive(Debug)]
pub struct Outcome {
    pub document: Document,
    /// Sorted by position, then rule.
    pub diagnostics: Vec<Diagnostic>,
    /// Every relation a rule compared, consistent or not, when [`LintOptions::checks`] asked.
    pub checks: Vec<Check>,
    /// Findings hidden by a suppression comment or an `[[ignore]]` entry.
    pub suppressed: usize,
    /// The `[[ignore]]` entries ([`crate::config::IgnoreEntry::key`]) that hid a finding.
    pub used_ignores: Vec<(std::path::PathBuf, usize)>,
    /// Suppression comments that could not be read: the file counts as failed.
    pub errors: Vec<SuppressionError>,
}

/// How the caller wants the paper read, beyond what the configuration says.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// `--date`: wins over the configuration and the paper's header.
    pub date: Option<jiff::civil::Date>,
    /// Read as Markdown.
    pub markdown: bool,
    /// Keep every relation the rules compared in [`Outcome::checks`] (`policy-lint figures`
    /// shows them); without it only findings are kept.
    pub checks: bool,
}

/// Lint one source with the rules `resolved` selects.
pub fn lint(source: &Source, resolved: &Resolved, opts: &LintOptions) -> Outcome {
    lint_at(source, resolved, opts, None)
}

/// [`lint`] a paper read from `path` (absolute), which `[[ignore]]` entries naming a file need.
pub fn lint_at(source: &Source, resolved: &Resolved, opts: &LintOptions, path: Option<&std::path::Path>) -> Outcome {
    let date = match (opts.date, resolved.date) {
        (Some(d), _) => Some((d, DateOrigin::CommandLine)),
        (None, Some(d)) => Some((d, DateOrigin::Config)),
        (None, None) => None,
    };
    let parse_opts = ParseOptions { markdown: opts.markdown, date, title: resolved.title.clone() };
    // Comments, and code in Markdown, are not the paper: the parser reads them blanked out,
    // byte for byte.
    let comments = suppress::mask_comments(source.text(), opts.markdown);
    let code =
        opts.markdown.then(|| parse::markdown::mask_code(comments.as_deref().unwrap_or(source.text()))).flatten();
    let mut document = match code.or(comments) {
        Some(masked) => parse::parse(&Source::from_text(source.name(), masked), &parse_opts),
        None => parse::parse(source, &parse_opts),
    };
    // A directive shown in a Markdown code sample is an example, not a suppression.
    let directives = opts
        .markdown
        .then(|| parse::markdown::mask_code(source.text()))
        .flatten()
        .map(|masked| Source::from_text(source.name(), masked));
    let (mut diagnostics, mut checks) = run_rules(&document, resolved, opts);
    // Long run-ins were cut: read the paper again cut half-way between, and keep each finding
    // from the reading whose nearest cut is farther from it.
    if let Some(mut recut) = document.cut.take() {
        std::mem::swap(&mut document.sentences, &mut recut.sentences);
        let (again, again_checks) = run_rules(&document, resolved, opts);
        std::mem::swap(&mut document.sentences, &mut recut.sentences);
        diagnostics.retain(|d| recut.first_reads(d.primary.span.offset));
        diagnostics.extend(again.into_iter().filter(|d| !recut.first_reads(d.primary.span.offset)));
        let at = |c: &Check| {
            c.figures.first().and_then(|&i| document.figures.get(i)).map(|f| f.span).or(c.spans.first().copied())
        };
        checks.retain(|c| at(c).is_none_or(|s| recut.first_reads(s.offset)));
        checks.extend(again_checks.into_iter().filter(|c| at(c).is_some_and(|s| !recut.first_reads(s.offset))));
        document.cut = Some(recut);
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    // A fix edits the file's text; the text of a Word document, PDF or web page was extracted
    // from it, so an edit there has nowhere to go.
    if source.format() != crate::source::Format::Text {
        for d in &mut diagnostics {
            d.fix = None;
        }
    }
    let applied = suppress::apply(directives.as_ref().unwrap_or(source), path, resolved, diagnostics);
    Outcome {
        document,
        diagnostics: applied.diagnostics,
        checks,
        suppressed: applied.suppressed,
        used_ignores: applied.used_ignores,
        errors: applied.errors,
    }
}

/// Every active rule over one reading of the document.
fn run_rules(document: &Document, resolved: &Resolved, opts: &LintOptions) -> (Vec<Diagnostic>, Vec<Check>) {
    let mut diagnostics = Vec::new();
    let mut checks = Vec::new();
    let claims = Claims::new(document);
    for active in &resolved.rules {
        let mut cx = if opts.checks { Context::new(active.name) } else { Context::findings_only(active.name) };
        active.rule.check(document, &claims, &mut cx);
        diagnostics.extend(cx.findings.into_iter().map(|f| Diagnostic::from_finding(active.name, active.severity, f)));
        checks.extend(cx.checks);
    }
    (diagnostics, checks)
}

/// Is this path read as Markdown?
pub fn is_markdown(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    p.ends_with(".md") || p.ends_with(".markdown")
}
