//! Fixes: applying the edits findings carry, showing them as a diff, and writing a paper back.
//!
//! A fix is applied only when asked (`--fix`, `--diff`), only to plain-text and Markdown papers
//! read as UTF-8, and a paper is written only if its bytes are still those that were read: the
//! new text goes to a temporary file beside it, which is then renamed over it, so a reader sees
//! the old paper or the new one, never half of either.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::source::Source;

/// The extensions of papers `--fix` may write: the formats whose text is the file.
const WRITABLE: [&str; 3] = ["txt", "md", "markdown"];

/// The text with every applicable fix applied, and which diagnostics (by index) were fixed.
/// Fixes are taken in the order of their first edit; one that overlaps an edit already taken is
/// left for the next run, as ruff leaves it.
pub fn apply(text: &str, diagnostics: &[Diagnostic], unsafe_fixes: bool) -> (String, Vec<usize>) {
    let mut candidates: Vec<(usize, Vec<&Edit>)> = diagnostics
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let fix = d.fix.as_ref()?;
            let allowed = fix.applicability == Applicability::Safe || unsafe_fixes;
            let mut edits: Vec<&Edit> = fix.edits.iter().collect();
            edits.sort_by_key(|e| (e.span.offset, e.span.end()));
            let inside = edits.iter().all(|e| {
                e.span.end() <= text.len()
                    && text.is_char_boundary(e.span.offset)
                    && text.is_char_boundary(e.span.end())
            });
            let disjoint = edits.windows(2).all(|w| w[0].span.end() <= w[1].span.offset);
            (allowed && inside && disjoint && !edits.is_empty()).then_some((i, edits))
        })
        .collect();
    candidates.sort_by_key(|(_, edits)| edits.first().map(|e| (e.span.offset, e.span.end())));
    let mut taken: Vec<&Edit> = Vec::new();
    let mut fixed = Vec::new();
    for (i, edits) in candidates {
        let clash = edits.iter().any(|e| {
            taken.iter().any(|t| e.span.offset < t.span.end() && t.span.offset < e.span.end() || e.span == t.span)
        });
        if !clash {
            taken.extend(edits);
            fixed.push(i);
        }
    }
    taken.sort_by_key(|e| (e.span.offset, e.span.end()));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in taken {
        out.push_str(&text[at..e.span.offset]);
        out.push_str(&e.replacement);
        at = e.span.end();
    }
    out.push_str(&text[at..]);
    fixed.sort_unstable();
    (out, fixed)
}

/// A unified diff from `old` to `new`, headed with the paper's name, as `ruff --diff` shows it.
pub fn diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// Why a paper cannot be written, worded for the user.
pub fn refusal(source: &Source, path: Option<&Path>) -> Option<String> {
    let Some(path) = path else {
        return Some("standard input is never written; save the paper to a file to fix it".to_owned());
    };
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if !ext.as_deref().is_some_and(|e| WRITABLE.contains(&e)) {
        return Some("only plain-text and Markdown papers (.txt, .md, .markdown) are fixed".to_owned());
    }
    if source.utf8_file_bytes("").is_none() {
        let encoding = source.legacy_encoding().unwrap_or("UTF-16");
        return Some(format!("the paper is {encoding}, not UTF-8; it is fixed only when it is UTF-8"));
    }
    None
}

/// Write `new` over the paper at `path`, which was read as `source`: only if the file's bytes
/// are still the ones read, through a temporary file renamed over it (keeping the file's
/// permissions).
pub fn write(source: &Source, path: &Path, new: &str) -> Result<(), String> {
    if let Some(why) = refusal(source, Some(path)) {
        return Err(why);
    }
    let (Some(read), Some(bytes)) = (source.utf8_file_bytes(source.text()), source.utf8_file_bytes(new)) else {
        return Err("the paper is not UTF-8".to_owned());
    };
    let now = std::fs::read(path).map_err(|e| format!("cannot read it again: {e}"))?;
    if now != read {
        return Err("it changed since it was read; not written (run again)".to_owned());
    }
    let temp = temp_path(path);
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
        f.write_all(&bytes)?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        std::fs::rename(&temp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("cannot write it: {e}")
    })
}

/// `dir/.name.policy-lint-fix.PID`: beside the paper (a rename never crosses file systems),
/// hidden, and named for the process that writes it.
fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.policy-lint-fix.{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Label, Severity};
    use crate::source::Span;

    fn d(span: std::ops::Range<usize>, to: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic {
            rule: "punctuation-width",
            severity: Severity::Warning,
            message: String::new(),
            help: None,
            primary: Label::new(Span::new(span.clone()), ""),
            labels: Vec::new(),
            fix: Some(Fix::replace(applicability, Span::new(span), to)),
        }
    }

    #[test]
    fn safe_fixes_apply_and_unsafe_ones_only_when_asked() {
        let text = "在未來一年,我們升幅 60%。";
        let comma = text.find(',').unwrap();
        let pct = text.find("60%").unwrap();
        let diags = [d(comma..comma + 1, "，", Applicability::Safe), d(pct..pct + 3, "57.1%", Applicability::Unsafe)];
        assert_eq!(apply(text, &diags, false), ("在未來一年，我們升幅 60%。".to_owned(), vec![0]));
        assert_eq!(apply(text, &diags, true), ("在未來一年，我們升幅 57.1%。".to_owned(), vec![0, 1]));
    }

    #[test]
    fn an_overlapping_fix_waits_and_a_span_inside_a_character_is_never_applied() {
        let text = "abcdef 年";
        let diags =
            [d(1..3, "X", Applicability::Safe), d(2..4, "Y", Applicability::Safe), d(8..9, "Z", Applicability::Safe)];
        assert_eq!(apply(text, &diags, false), ("aXdef 年".to_owned(), vec![0]));
    }

    #[test]
    fn a_paper_changed_since_it_was_read_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.txt");
        std::fs::write(&p, "a,b").unwrap();
        let src = Source::from_bytes("p.txt", b"a,b").unwrap();
        std::fs::write(&p, "a,b changed").unwrap();
        assert!(write(&src, &p, "a，b").unwrap_err().contains("changed since it was read"));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "a,b changed");
        std::fs::write(&p, "a,b").unwrap();
        write(&src, &p, "a，b").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "a，b");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
    }

    #[test]
    fn a_byte_order_mark_is_kept_and_other_encodings_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.md");
        std::fs::write(&p, b"\xEF\xBB\xBFa,b").unwrap();
        let src = Source::from_bytes("p.md", b"\xEF\xBB\xBFa,b").unwrap();
        write(&src, &p, "a，b").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), "\u{feff}a，b".as_bytes());
        let text = "財經事務及庫務局，在未來一年,我們。\n".repeat(50);
        let (big5, _, _) = encoding_rs::BIG5.encode(&text);
        let q = dir.path().join("big5.txt");
        std::fs::write(&q, &big5).unwrap();
        let src = Source::from_bytes("big5.txt", &big5).unwrap();
        assert!(write(&src, &q, "x").unwrap_err().contains("not UTF-8"));
        assert_eq!(std::fs::read(&q).unwrap(), big5.into_owned());
        let html = dir.path().join("p.html");
        assert!(refusal(&Source::from_text("p.html", "x"), Some(&html)).is_some());
    }
}
