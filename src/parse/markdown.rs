//! What of a Markdown paper is not prose: code. Fenced and indented code blocks and inline code
//! spans are found with `pulldown-cmark` (CommonMark, so an indented line inside a list item is
//! not mistaken for code) and blanked byte for byte, as comments are, so spans are unchanged and
//! a figure in a code sample is never read as the paper's.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// `text` with every code block and code span blanked (line ends kept), or `None` when it has
/// none.
pub fn mask_code(text: &str) -> Option<String> {
    if !text.contains("```") && !text.contains("~~~") && !text.contains('`') && !text.contains("    ") {
        return None;
    }
    let mut code = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => code.push(range),
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
}
