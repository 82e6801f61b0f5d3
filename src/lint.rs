//! One paper through the pipeline: parse, run every active rule, collect diagnostics.

use crate::config::Resolved;
use crate::diagnostic::Diagnostic;
use crate::document::{DateOrigin, Document};
use crate::parse::{self, ParseOptions};
use crate::rules::{Check, Context};
use crate::source::Source;

/// What linting one paper produced.
#[derive(Debug)]
pub struct Outcome {
    pub document: Document,
    /// Sorted by position, then rule.
    pub diagnostics: Vec<Diagnostic>,
    /// Every relation a rule compared, consistent or not.
    pub checks: Vec<Check>,
}

/// How the caller wants the paper read, beyond what the configuration says.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// `--date`: wins over the configuration and the paper's header.
    pub date: Option<jiff::civil::Date>,
    /// Read as Markdown.
    pub markdown: bool,
}

/// Lint one source with the rules `resolved` selects.
pub fn lint(source: &Source, resolved: &Resolved, opts: &LintOptions) -> Outcome {
    let date = match (opts.date, resolved.date) {
        (Some(d), _) => Some((d, DateOrigin::CommandLine)),
        (None, Some(d)) => Some((d, DateOrigin::Config)),
        (None, None) => None,
    };
    let parse_opts = ParseOptions { markdown: opts.markdown, date, title: resolved.title.clone() };
    let document = parse::parse(source, &parse_opts);
    let mut diagnostics = Vec::new();
    let mut checks = Vec::new();
    for active in &resolved.rules {
        let mut cx = Context::new(active.name);
        active.rule.check(&document, &mut cx);
        diagnostics.extend(cx.findings.into_iter().map(|f| Diagnostic::from_finding(active.name, active.severity, f)));
        checks.extend(cx.checks);
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    Outcome { document, diagnostics, checks }
}

/// Is this path read as Markdown?
pub fn is_markdown(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    p.ends_with(".md") || p.ends_with(".markdown")
}
