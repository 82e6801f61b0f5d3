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
}

impl Finding {
    pub fn new(message: impl Into<String>, primary: Label) -> Self {
        Finding { message: message.into(), help: None, primary, labels: Vec::new() }
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
}

impl Diagnostic {
    pub fn from_finding(rule: &'static str, severity: Severity, f: Finding) -> Self {
        Diagnostic { rule, severity, message: f.message, help: f.help, primary: f.primary, labels: f.labels }
    }
    /// Sort key: position, then rule, then message, so output is the same run to run.
    pub fn sort_key(&self) -> (usize, usize, &'static str, &str) {
        (self.primary.span.offset, self.primary.span.length, self.rule, &self.message)
    }
}
