//! Concise output: `path:line:col: severity[rule] message`, one finding per line, for editors'
//! problem matchers and `grep` (`path: paragraph 12, page 3: …` for a docx or PDF). The column counts characters; a file name's control characters
//! and undecodable bytes are escaped (`\n`, `\xE9`), so a finding is always one line.

use super::{FileReport, Unread, one_line};

/// Every finding, one per line; then each file that could not be read, as `path: error[unread] why`.
pub fn render(files: &[FileReport], unread: &[Unread]) -> String {
    let mut s = String::new();
    for f in files {
        let name = f.source.display_name();
        for d in f.diagnostics {
            let at = super::located(&name, f.source, d.primary.span.offset);
            s.push_str(&format!("{at}: {}[{}] {}\n", d.severity, d.rule, one_line(&d.message)));
        }
    }
    for u in unread {
        s.push_str(&format!("{}: error[{}] {}\n", u.display, super::UNREAD, one_line(&u.reason)));
    }
    s
}
