//! Concise output: `path:line:col: severity[rule] message`, one finding per line, for editors'
//! problem matchers and `grep`. The column counts characters.

use super::{FileReport, one_line};

/// Every finding, one per line.
pub fn render(files: &[FileReport]) -> String {
    let mut s = String::new();
    for f in files {
        for d in f.diagnostics {
            let (line, col) = f.source.line_col(d.primary.span.offset);
            s.push_str(&format!(
                "{}:{line}:{col}: {}[{}] {}\n",
                f.source.name(),
                d.severity,
                d.rule,
                one_line(&d.message)
            ));
        }
    }
    s
}
