//! Concise output: `path:line:col: severity[rule] message`, one finding per line, for editors'
//! problem matchers and `grep`. The column counts characters; a file name's control characters
//! and undecodable bytes are escaped (`\n`, `\xE9`), so a finding is always one line.

use super::{FileReport, one_line};

/// Every finding, one per line.
pub fn render(files: &[FileReport]) -> String {
    let mut s = String::new();
    for f in files {
        let name = f.source.display_name();
        for d in f.diagnostics {
            let (line, col) = f.source.line_col(d.primary.span.offset);
            s.push_str(&format!("{}:{line}:{col}: {}[{}] {}\n", name, d.severity, d.rule, one_line(&d.message)));
        }
    }
    s
}
