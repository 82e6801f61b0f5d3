//! GitLab Code Quality: a JSON array of issues, each with a description, a check name, a
//! fingerprint unique in the report, a severity and a location by lines.

use serde::Serialize;

use super::{FileReport, Unread};
use crate::baseline;
use crate::diagnostic::Severity;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    /// Relative to the directory policy-lint ran in, as GitLab resolves it from the repository root.
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// The whole run as a Code Quality report; a file that could not be read is a `blocker` issue
/// on its first line.
pub fn render(files: &[FileReport], unread: &[Unread]) -> String {
    let mut issues = Vec::new();
    for f in files {
        let fps = baseline::fingerprints(f.source, f.diagnostics);
        for (d, fp) in f.diagnostics.iter().zip(fps) {
            let (begin, _) = f.source.line_col(d.primary.span.offset);
            let (end, _) = f.source.line_col(d.primary.span.end().saturating_sub(1).max(d.primary.span.offset));
            // A docx or PDF has no lines: the issue is on the first, and says where it is.
            let (begin, end, description) = if f.source.has_lines() {
                (begin, end, format!("{}: {}", d.rule, d.message))
            } else {
                (1, 1, format!("{}: {} ({})", d.rule, d.message, f.source.place(d.primary.span.offset)))
            };
            issues.push(Issue {
                description,
                check_name: d.rule,
                // Unique in the report: the file is part of it.
                fingerprint: format!("{}-{fp}", super::path_hash(f.source.name())),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                location: Location { path: super::relative_name(f.source.name_bytes()), lines: Lines { begin, end } },
            });
        }
    }
    for u in unread {
        issues.push(Issue {
            description: format!("{}: {}", super::UNREAD, u.reason),
            check_name: super::UNREAD,
            fingerprint: format!("{}-{}", super::path_hash(&u.path), super::UNREAD),
            severity: "blocker",
            location: Location { path: super::relative_name(&u.path_bytes), lines: Lines { begin: 1, end: 1 } },
        });
    }
    serde_json::to_string_pretty(&issues).unwrap_or_default()
}
