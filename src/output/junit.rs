//! JUnit XML: one test suite per file, one failing test case per finding (a file without
//! findings is one passing case), for CI systems that show test reports.

use super::{FileReport, Summary, Unread};

/// Escape text for XML, dropping characters XML 1.0 cannot carry.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escape text for an XML attribute: as [`escape`], and tab, line feed and carriage return as
/// character references, which an XML parser keeps (written raw, it turns them into spaces).
pub fn escape_attribute(s: &str) -> String {
    escape(s).replace('\t', "&#9;").replace('\n', "&#10;").replace('\r', "&#13;")
}

/// The whole run as one `<testsuites>`; a file that could not be read is a suite with one
/// `<error>` case.
pub fn render(files: &[FileReport], unread: &[Unread], summary: &Summary) -> String {
    let cases = |f: &FileReport| f.diagnostics.len().max(1);
    let total: usize = files.iter().map(cases).sum::<usize>() + unread.len();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(&format!(
        "<testsuites name=\"policy-lint\" tests=\"{total}\" failures=\"{}\" errors=\"{}\">\n",
        summary.findings(),
        unread.len()
    ));
    for f in files {
        let name = escape_attribute(f.source.name());
        s.push_str(&format!(
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
            cases(f),
            f.diagnostics.len()
        ));
        if f.diagnostics.is_empty() {
            s.push_str(&format!("    <testcase name=\"no findings\" classname=\"{name}\"/>\n"));
        }
        for d in f.diagnostics {
            let (line, _) = f.source.line_col(d.primary.span.offset);
            let place = f.source.place(d.primary.span.offset);
            let at = super::located(&f.source.display_name(), f.source, d.primary.span.offset);
            let mut body = format!("{at}: {}", d.message);
            if let Some(h) = &d.help {
                body.push('\n');
                body.push_str(h);
            }
            s.push_str(&format!(
                "    <testcase name=\"{} at {}\" classname=\"{name}\" file=\"{name}\"{}>\n      \
                 <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                escape(d.rule),
                escape_attribute(&place.to_string()),
                if f.source.has_lines() { format!(" line=\"{line}\"") } else { String::new() },
                escape(&super::one_line(&d.message)),
                d.severity,
                escape(&body)
            ));
        }
        s.push_str("  </testsuite>\n");
    }
    for u in unread {
        let name = escape_attribute(&u.path);
        s.push_str(&format!(
            "  <testsuite name=\"{name}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    \
             <testcase name=\"{}\" classname=\"{name}\" file=\"{name}\">\n      \
             <error message=\"{}\" type=\"{}\">{}: {}</error>\n    </testcase>\n  </testsuite>\n",
            super::UNREAD,
            escape_attribute(&super::one_line(&u.reason)),
            super::UNREAD,
            escape(&u.display),
            escape(&u.reason)
        ));
    }
    s.push_str("</testsuites>\n");
    s
}
