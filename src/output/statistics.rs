//! `--statistics`: how many findings each rule made, most first, as ruff prints them.

use super::FileReport;
use crate::diagnostic::Severity;

/// One rule's count.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RuleCount {
    pub rule: &'static str,
    pub count: usize,
    /// The highest severity among its findings (a rule reports at one level per paper, but
    /// configuration may differ between directories).
    pub severity: Severity,
}

/// The counts, most first, then by rule name.
pub fn count(reports: &[FileReport]) -> Vec<RuleCount> {
    let mut counts: Vec<RuleCount> = Vec::new();
    for d in reports.iter().flat_map(|r| r.diagnostics) {
        match counts.iter_mut().find(|c| c.rule == d.rule) {
            Some(c) => {
                c.count += 1;
                c.severity = c.severity.max(d.severity);
            }
            None => counts.push(RuleCount { rule: d.rule, count: 1, severity: d.severity }),
        }
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
    counts
}

/// `count  rule  severity`, one rule a line, the counts right-aligned.
pub fn render_text(reports: &[FileReport]) -> String {
    let counts = count(reports);
    let w0 = counts.iter().map(|c| c.count.to_string().len()).max().unwrap_or(0);
    let w1 = counts.iter().map(|c| c.rule.len()).max().unwrap_or(0);
    counts.iter().map(|c| format!("{:>w0$}  {:<w1$}  {}\n", c.count, c.rule, c.severity)).collect()
}

/// `[{"rule": …, "count": …, "severity": …}, …]`, in the same order.
pub fn render_json(reports: &[FileReport]) -> String {
    serde_json::to_string_pretty(&count(reports)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Label};
    use crate::source::{Source, Span};

    fn d(rule: &'static str, severity: Severity) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            message: String::new(),
            help: None,
            primary: Label::new(Span::new(0..1), ""),
            labels: Vec::new(),
            fix: None,
        }
    }

    #[test]
    fn most_first_then_by_name() {
        let src = Source::from_text("a.txt", "x");
        let diags = [
            d("weekday", Severity::Warning),
            d("numbering", Severity::Warning),
            d("percent-change", Severity::Error),
            d("numbering", Severity::Warning),
            d("abbreviation", Severity::Warning),
        ];
        let reports = [FileReport { source: &src, diagnostics: &diags }];
        assert_eq!(
            render_text(&reports),
            "2  numbering       warning\n1  abbreviation    warning\n1  percent-change  error\n1  weekday         warning\n"
        );
    }
}
