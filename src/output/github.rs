//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` per finding, which
//! GitHub shows as an annotation on the pull request's diff.
//!
//! `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::message`. Data (the message)
//! escapes `%`, CR and LF; property values also escape `:` and `,`. Columns count characters.

use super::{FileReport, Unread};
use crate::diagnostic::Severity;

/// Escape the data part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Every finding as a workflow command, then an `::error` for each file that could not be read.
pub fn render(files: &[FileReport], unread: &[Unread]) -> String {
    let mut s = String::new();
    for f in files {
        for d in f.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push('\n');
                message.push_str(h);
            }
            // A docx or PDF has no lines to annotate: the annotation is the file's, and the
            // message says where.
            let position = if f.source.has_lines() {
                let (line, col) = f.source.line_col(d.primary.span.offset);
                let (end_line, end_col) = f.source.line_col(d.primary.span.end());
                format!(",line={line},col={col},endLine={end_line},endColumn={end_col}")
            } else {
                message = format!("{}: {message}", f.source.place(d.primary.span.offset));
                String::new()
            };
            s.push_str(&format!(
                "::{command} file={}{position},title={}::{}\n",
                escape_property(&super::relative_name(f.source.name_bytes())),
                escape_property(&format!("policy-lint {}", d.rule)),
                escape_data(&message),
            ));
        }
    }
    for u in unread {
        s.push_str(&format!(
            "::error file={},title={}::{}\n",
            escape_property(&super::relative_name(&u.path_bytes)),
            escape_property("policy-lint: file not read"),
            escape_data(&u.reason)
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::diagnostic::{Diagnostic, Label};
    use crate::output::FileReport;
    use crate::source::{Source, Span};

    #[test]
    fn a_message_with_percent_colon_comma_and_newlines() {
        let text = "第一行\n由 1,000 宗升至 2,000 宗，升幅 60%。\n";
        let src = Source::from_text("papers/a:b,c%.txt", text);
        let at = text.find("60%").unwrap();
        let d = Diagnostic {
            rule: "percent-change",
            severity: Severity::Warning,
            message: "stated rise: 60%, from 1,000\r\nto 2,000".into(),
            help: Some("100% = all".into()),
            primary: Label::new(Span::new(at..at + 3), "stated"),
            labels: Vec::new(),
            fix: None,
        };
        let out = render(&[FileReport { source: &src, diagnostics: std::slice::from_ref(&d) }], &[]);
        let col = text[text.find('\n').unwrap() + 1..at].chars().count() + 1;
        assert_eq!(
            out,
            format!(
                "::warning file=papers/a%3Ab%2Cc%25.txt,line=2,col={col},endLine=2,endColumn={},\
                 title=policy-lint percent-change::stated rise: 60%25, from 1,000%0D%0Ato 2,000%0A100%25 = all\n",
                col + 3
            )
        );
        // One command per line, whatever the message held.
        assert_eq!(out.lines().count(), 1);
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_data("60% a:b, c\r\nd"), "60%25 a:b, c%0D%0Ad");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
