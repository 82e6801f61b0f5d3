//! What of a Markdown paper is not prose: code, and the marks of emphasis. Fenced and indented
//! code blocks and inline code spans are found with `pulldown-cmark` (CommonMark, so an indented
//! line inside a list item is not mistaken for code) and blanked byte for byte, as comments are,
//! so spans are unchanged and a figure in a code sample is never read as the paper's. The `*`
//! and `_` that open and close emphasis are blanked too, so `| **TOTAL** | **215** |` is a
//! table's total row like `| TOTAL | 215 |`.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// `text` with every code block and code span and every emphasis mark blanked (line ends
/// kept), or `None` when it has none.
pub fn mask_code(text: &str) -> Option<String> {
    let marks = ["```", "~~~", "`", "    ", "*", "_"];
    if !marks.iter().any(|m| text.contains(m)) {
        return None;
    }
    let mut code = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => code.push(range),
            // `**TOTAL**`: the delimiter runs at both ends of the element, not its text.
            Event::Start(Tag::Strong | Tag::Emphasis) => {
                let inner = text.get(range.clone()).unwrap_or("");
                let is_mark = |c: char| c == '*' || c == '_';
                let open = inner.len() - inner.trim_start_matches(is_mark).len();
                let close = inner.len() - inner.trim_end_matches(is_mark).len();
                if open + close < inner.len() {
                    code.push(range.start..range.start + open);
                    code.push(range.end - close..range.end);
                }
            }
            _ => {}
        }
    }
    if code.is_empty() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for r in code {
        for b in bytes.get_mut(r).into_iter().flatten() {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Whole characters were replaced (a range starts and ends on character boundaries), each
    // byte by an ASCII space: still UTF-8.
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_blanked_and_prose_kept() {
        let t = "Rose 60%.\n\n```text\nfrom 100 to 150, up 60%\n```\n\nSee `up 60%` here.\n\n    indented 60%\n\n- item\n\n      code in a list item 60%\n";
        let m = mask_code(t).unwrap();
        assert_eq!(m.len(), t.len());
        assert_eq!(m.matches("60%").count(), 1, "{m}");
        assert!(m.starts_with("Rose 60%.") && m.contains("See ") && m.contains(" here."));
        assert_eq!(m.lines().count(), t.lines().count());
        // Chinese inside code: whole characters blanked.
        let t = "升幅為 60%。\n\n```\n升幅為 60%。\n```\n";
        assert_eq!(mask_code(t).unwrap().matches('升').count(), 1);
        assert!(mask_code("No code here.\n").is_none());
    }

    #[test]
    fn emphasis_marks_are_blanked_and_their_text_kept() {
        let t = "| **TOTAL** | __215__ |\n\nA *stated* figure, 2*3 and snake_case stay.\n";
        let m = mask_code(t).unwrap();
        assert_eq!(m, "|   TOTAL   |   215   |\n\nA  stated  figure, 2*3 and snake_case stay.\n");
    }
}
