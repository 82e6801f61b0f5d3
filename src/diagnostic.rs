//! The one finding type every rule produces and every output format renders.

use serde::{Deserialize, Serialize};

use crate::source::Span;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span with a word about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label { span, message: message.into() }
    }
}

/// Whether a fix may be applied without a person reading it (ruff's model).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Applied by `--fix`, in bulk: it keeps the paper's meaning (a half-width comma made
    /// full-width, a term written the way the configuration prefers).
    Safe,
    /// Applied only with `--unsafe-fixes`: it changes what the paper says (a stated percentage
    /// replaced by the one the figures give, which may be the figures' error, not the
    /// percentage's).
    Unsafe,
}

/// Text to put in place of a span of the decoded text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A change that resolves a finding: one or more edits, applied together or not at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, in words: "write `，`".
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// One edit.
    pub fn replace(applicability: Applicability, span: Span, replacement: impl Into<String>) -> Fix {
        let replacement = replacement.into();
        Fix { message: format!("write `{replacement}`"), applicability, edits: vec![Edit { span, replacement }] }
    }
}

/// What a rule found, before the run decides how serious it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub message: String,
    /// The arithmetic or the reasoning, shown under the snippet.
    pub help: Option<String>,
    /// On the claim that is wrong.
    pub primary: Label,
    /// On every other figure or text the finding used.
    pub labels: Vec<Label>,
    /// How to resolve it, when the rule knows.
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(message: impl Into<String>, primary: Label) -> Self {
        Finding { message: message.into(), help: None, primary, labels: Vec::new(), fix: None }
    }
    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn label(mut self, label: Label) -> Self {
        self.labels.push(label);
        self
    }
}

/// A finding attributed to its rule, with the severity the configuration gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub primary: Label,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn from_finding(rule: &'static str, severity: Severity, f: Finding) -> Self {
        Diagnostic {
            rule,
            severity,
            message: f.message,
            help: f.help,
            primary: f.primary,
            labels: f.labels,
            fix: f.fix,
        }
    }
    /// Sort key: position, then rule, then message, so output is the same run to run.
    pub fn sort_key(&self) -> (usize, usize, &'static str, &str) {
        (self.primary.span.offset, self.primary.span.length, self.rule, &self.message)
    }
}
