//! Suppressions: findings a team has reviewed and accepted, and the check that none of them
//! silently rots.
//!
//! Two sources, one pass. In a paper, an HTML comment (Markdown and HTML papers, and plain text
//! too — the comment form cannot occur in a PDF's text by accident):
//!
//! ```text
//! <!-- policy-lint-disable-next-line percent-change -- the 60% is the press release's own -->
//! <!-- policy-lint-disable numbering -->  …  <!-- policy-lint-enable numbering -->
//! <!-- policy-lint-disable-file unparsed-figure -- reason -->
//! ```
//!
//! Rules are comma- or space-separated; none means every rule; `--` starts the reason. The next
//! line is the next non-blank line after the comment. In `policy-lint.toml`, `[[ignore]]`
//! entries name a rule and the text the finding is about (see [`crate::config::IgnoreEntry`]).
//!
//! The pass runs after the rules and before any output ([`crate::lint::lint`] calls [`apply`]):
//! rules never know about suppressions. A suppression that hides nothing is reported as
//! `unused-suppression` — unless its rule did not run (`--select`), since then it cannot be
//! judged. An unknown rule or directive in a comment is a [`SuppressionError`]: the file is
//! reported as failed (exit 2), like an unknown rule in the configuration.
//!
//! `unused-suppression` is deliberately not in the rule registry: it judges the suppressions,
//! not the paper, so it has no `check` over a [`crate::document::Document`] and no paper
//! fixtures. It is still a name `--select`, `--ignore` and `[lint]` accept, and `policy-lint
//! rules`/`explain` show it ([`DOC`]).

use std::ops::Range;
use std::path::Path;

use crate::config::{self, Globs, IgnoreEntry, Resolved, UNUSED_SUPPRESSION};
use crate::diagnostic::{Diagnostic, Label};
use crate::source::{Source, Span};

/// `policy-lint explain unused-suppression`, with the same headings as every rule's doc.
pub const DOC: &str = "## What it does
Reports a suppression that hides nothing: a `policy-lint-disable…` comment in a paper, or an
`[[ignore]]` entry in `policy-lint.toml`, that matched no finding of a rule that ran.

## Why is this bad?
A suppression outlives the finding it was written for. Once the figure is corrected, or the
text edited, the suppression either does nothing or — worse — hides the next, different
problem on that line. Reporting it keeps every suppression deliberate.

## Example
```text
<!-- policy-lint-disable-next-line percent-change -- agreed with the author -->
由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 50%。     (the figure is now right)
```

## What it does not check
Suppressions of rules that did not run (with `--select` or `--ignore`): whether they would
match cannot be known. It cannot itself be suppressed; remove the suppression instead.
";

/// The one-line summary `policy-lint rules` shows.
pub const SUMMARY: &str = "a suppression comment or `[[ignore]]` entry that hides no finding";

/// A comment that could not be understood: an unknown rule or directive.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
#[error("{path}:{line}:{column}: {message}")]
#[diagnostic(code(policy_lint::suppression), help("{help}"))]
pub struct SuppressionError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
    File,
}

/// One directive comment, split per rule it names.
#[derive(Debug, Clone)]
struct Comment {
    kind: Kind,
    /// The whole `<!-- … -->`.
    span: Span,
    /// Each named rule and the span of its name; empty for every rule.
    rules: Vec<(String, Span)>,
}

/// One suppression in force over a region of the text.
#[derive(Debug, Clone)]
struct Suppression {
    /// `None`: every rule.
    rule: Option<String>,
    /// Where it is reported when unused.
    at: Span,
    region: Range<usize>,
    used: bool,
}

/// Every `<!-- … -->` in `text`, as byte ranges (an unclosed one runs to the end).
pub fn html_comments(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("<!--") {
        let start = from + i;
        let end = text[start + 4..].find("-->").map_or(text.len(), |j| start + 4 + j + 3);
        out.push(start..end);
        from = end;
    }
    out
}

fn is_directive(body: &str) -> bool {
    body.trim_start().starts_with("policy-lint-")
}

/// The text the parser reads: HTML comments blanked (every comment in Markdown, where they are
/// not part of the paper; directive comments elsewhere), byte for byte, so spans are unchanged.
pub fn mask_comments(text: &str, markdown: bool) -> Option<String> {
    if !text.contains("<!--") {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut any = false;
    for r in html_comments(text) {
        if !markdown && !is_directive(&text[r.start + 4..r.end.saturating_sub(3).max(r.start + 4)]) {
            continue;
        }
        any = true;
        for b in &mut bytes[r] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Only whole characters were replaced, by ASCII spaces: still UTF-8.
    any.then(|| String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned()))
}

/// Read the directive comments of a source.
fn comments(src: &Source) -> (Vec<Comment>, Vec<SuppressionError>) {
    let text = src.text();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for r in html_comments(text) {
        let inner_start = r.start + 4;
        let inner_end = if text[r.clone()].ends_with("-->") && r.end - r.start >= 7 { r.end - 3 } else { r.end };
        let inner = &text[inner_start..inner_end];
        if !is_directive(inner) {
            continue;
        }
        let lead = inner.len() - inner.trim_start().len();
        let body = inner.trim_start();
        let word_len = body.find(char::is_whitespace).unwrap_or(body.len());
        let word = &body[..word_len];
        let error = |errors: &mut Vec<SuppressionError>, at: usize, message: String, help: String| {
            let (line, column) = src.line_col(at);
            errors.push(SuppressionError { path: src.name().to_owned(), line, column, message, help });
        };
        let kind = match word {
            "policy-lint-disable-next-line" => Kind::NextLine,
            "policy-lint-disable" => Kind::Disable,
            "policy-lint-enable" => Kind::Enable,
            "policy-lint-disable-file" => Kind::File,
            other => {
                error(
                    &mut errors,
                    inner_start + lead,
                    format!("unknown suppression `{other}`"),
                    "use policy-lint-disable-next-line, policy-lint-disable, policy-lint-enable or \
                     policy-lint-disable-file"
                        .to_owned(),
                );
                continue;
            }
        };
        // Rules run up to `--` (the reason) or the end of the comment.
        let rest_start = inner_start + lead + word_len;
        let rest = &text[rest_start..inner_end];
        let rules_len = find_reason(rest).unwrap_or(rest.len());
        let mut rules = Vec::new();
        let mut bad = false;
        let mut pos = 0;
        for piece in rest[..rules_len].split([',', ' ', '\t', '\n', '\r']) {
            let at = rest_start + pos;
            pos += piece.len() + 1;
            if piece.is_empty() {
                continue;
            }
            if crate::rules::find(piece).is_none() {
                let message = if piece == UNUSED_SUPPRESSION {
                    format!("`{piece}` cannot be suppressed: remove the unused suppression instead")
                } else {
                    format!("unknown rule `{piece}` in a suppression")
                };
                error(&mut errors, at, message, config::unknown_rule_help(piece));
                bad = true;
                continue;
            }
            rules.push((piece.to_owned(), Span::new(at..at + piece.len())));
        }
        if !bad {
            out.push(Comment { kind, span: Span::new(r), rules });
        }
    }
    (out, errors)
}

/// Where the reason starts: a `--` standing alone (or at the start).
fn find_reason(rest: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = rest[from..].find("--") {
        let at = from + i;
        let before_ok = at == 0 || rest[..at].ends_with(char::is_whitespace) || rest[..at].ends_with(',');
        if before_ok {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// The byte range of the first non-blank line after `offset`'s line.
fn next_line(src: &Source, offset: usize) -> Range<usize> {
    let lines = src.lines();
    let text = src.text();
    let mut i = lines.line_of(offset) + 1;
    while i < lines.len() {
        let r = lines.line_range(text, i);
        if !text[r.clone()].trim().is_empty() {
            return r;
        }
        i += 1;
    }
    text.len()..text.len()
}

fn suppressions(src: &Source, comments: &[Comment]) -> Vec<Suppression> {
    let text_len = src.text().len();
    let mut out = Vec::new();
    let named = |c: &Comment| -> Vec<(Option<String>, Span)> {
        if c.rules.is_empty() {
            vec![(None, c.span)]
        } else {
            c.rules.iter().map(|(r, s)| (Some(r.clone()), *s)).collect()
        }
    };
    for (i, c) in comments.iter().enumerate() {
        let region = match c.kind {
            Kind::Enable => continue,
            Kind::File => 0..text_len,
            Kind::NextLine => next_line(src, c.span.end().saturating_sub(1)),
            Kind::Disable => c.span.end()..text_len,
        };
        for (rule, at) in named(c) {
            let mut region = region.clone();
            if c.kind == Kind::Disable {
                // Up to the first later enable of this rule (or of every rule).
                let end = comments[i + 1..].iter().find(|e| {
                    e.kind == Kind::Enable
                        && (e.rules.is_empty() || e.rules.iter().any(|(r, _)| Some(r) == rule.as_ref()))
                });
                if let Some(e) = end {
                    region.end = e.span.offset;
                }
            }
            out.push(Suppression { rule, at, region, used: false });
        }
    }
    out
}

/// Text with every whitespace character removed: PDF text spaces figures at random.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of the lines a span touches.
fn lines_of(src: &Source, span: Span) -> &str {
    let lines = src.lines();
    let first = lines.line_range(src.text(), lines.line_of(span.offset));
    let last = lines.line_range(src.text(), lines.line_of(span.end().saturating_sub(1).max(span.offset)));
    src.text().get(first.start..last.end.max(first.start)).unwrap_or("")
}

/// Does an `[[ignore]]` entry apply to the paper at `path` (absolute; `None` for stdin)?
pub fn entry_applies(entry: &IgnoreEntry, path: Option<&Path>) -> bool {
    let Some(glob) = &entry.file else { return true };
    let (Some(path), Some(at)) = (path, &entry.at) else { return false };
    let base = at.path.parent().unwrap_or(Path::new(""));
    let base = std::path::absolute(base).unwrap_or_else(|_| base.to_owned());
    let Ok(rel) = path.strip_prefix(&base) else { return false };
    Globs::new([glob.get_ref().as_str()]).is_ok_and(|g| g.matches(rel))
}

/// Does an `[[ignore]]` entry match a finding?
pub fn entry_matches(entry: &IgnoreEntry, src: &Source, d: &Diagnostic) -> bool {
    if entry.rule.get_ref() != d.rule {
        return false;
    }
    let wanted = squeeze(entry.text.get_ref());
    let primary = squeeze(src.slice(d.primary.span));
    !wanted.is_empty() && wanted.contains(&primary) && squeeze(lines_of(src, d.primary.span)).contains(&wanted)
}

/// What the suppression pass did to one paper's findings.
#[derive(Debug, Default)]
pub struct Applied {
    /// Findings kept, with the unused comment suppressions added.
    pub diagnostics: Vec<Diagnostic>,
    /// How many findings were hidden.
    pub suppressed: usize,
    /// Keys ([`IgnoreEntry::key`]) of the `[[ignore]]` entries that hid a finding here.
    pub used_ignores: Vec<(std::path::PathBuf, usize)>,
    /// Directive comments that could not be read.
    pub errors: Vec<SuppressionError>,
}

/// Apply the paper's comments and the configuration's `[[ignore]]` entries to its findings.
pub fn apply(src: &Source, path: Option<&Path>, resolved: &Resolved, diagnostics: Vec<Diagnostic>) -> Applied {
    let (comments, errors) = if src.text().contains("<!--") { comments(src) } else { Default::default() };
    let mut sups = suppressions(src, &comments);
    let entries: Vec<&IgnoreEntry> = resolved.ignores.iter().filter(|e| entry_applies(e, path)).collect();
    let mut applied = Applied { errors, ..Default::default() };
    for d in diagnostics {
        let mut hidden = false;
        for s in &mut sups {
            if s.rule.as_deref().is_none_or(|r| r == d.rule) && s.region.contains(&d.primary.span.offset) {
                s.used = true;
                hidden = true;
            }
        }
        for e in &entries {
            if entry_matches(e, src, &d) {
                let key = e.key();
                if !applied.used_ignores.contains(&key) {
                    applied.used_ignores.push(key);
                }
                hidden = true;
            }
        }
        if hidden {
            applied.suppressed += 1;
        } else {
            applied.diagnostics.push(d);
        }
    }
    if let Some(severity) = resolved.unused_suppression {
        for s in sups.iter().filter(|s| !s.used) {
            let (message, judged) = match &s.rule {
                Some(r) => (format!("this suppression of `{r}` hides no finding"), resolved.runs(r)),
                None => ("this suppression hides no finding".to_owned(), !resolved.rules.is_empty()),
            };
            if !judged {
                continue;
            }
            applied.diagnostics.push(Diagnostic {
                rule: UNUSED_SUPPRESSION,
                severity,
                message,
                help: Some("remove it, or check that it names the right rule and sits above the right line".into()),
                primary: Label::new(s.at, "unused"),
                labels: Vec::new(),
                fix: None,
            });
        }
        applied.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    applied
}

/// The `[[ignore]]` entries that hid nothing in a whole run, as findings on their configuration
/// files: one [`Source`] per file, with its diagnostics. An entry is judged only when its rule
/// ran and, if it names a file glob, a paper matching it was linted.
pub fn unused_ignores(
    entries: &[(IgnoreEntry, bool, bool)],
    severity: Option<crate::diagnostic::Severity>,
) -> Vec<(Source, Vec<Diagnostic>)> {
    let Some(severity) = severity else { return Vec::new() };
    let mut out: Vec<(Source, Vec<Diagnostic>)> = Vec::new();
    for (e, applicable, used) in entries {
        if *used || !*applicable {
            continue;
        }
        let Some(at) = &e.at else { continue };
        // Named like the papers: relative to the current directory when below it.
        let cwd = std::env::current_dir().unwrap_or_default();
        let name = at.path.strip_prefix(&cwd).unwrap_or(&at.path).display().to_string();
        let i = match out.iter().position(|(s, _)| s.name() == name) {
            Some(i) => i,
            None => {
                out.push((Source::from_text(name, at.text.as_str()), Vec::new()));
                out.len() - 1
            }
        };
        let span = Span::new(e.text.span());
        out[i].1.push(Diagnostic {
            rule: UNUSED_SUPPRESSION,
            severity,
            message: format!("this `[[ignore]]` of `{}` hides no finding", e.rule.get_ref()),
            help: Some(
                "remove the entry, or check its rule, its text (as underlined in the finding) and its file glob".into(),
            ),
            primary: Label::new(span, "matched nothing"),
            labels: Vec::new(),
            fix: None,
        });
    }
    for (_, d) in &mut out {
        d.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    out.sort_by(|a, b| a.0.name().cmp(b.0.name()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_found_and_masked_byte_for_byte() {
        let t = "a <!-- x\ny --> b <!-- policy-lint-disable numbering --> c";
        assert_eq!(html_comments(t).len(), 2);
        let m = mask_comments(t, true).unwrap();
        assert_eq!(m.len(), t.len());
        assert_eq!(m.matches('\n').count(), 1);
        let m = mask_comments(t, false).unwrap();
        assert!(m.contains("<!-- x"), "only directives are masked in plain text");
    }

    #[test]
    fn reason_is_split_off() {
        assert_eq!(find_reason(" percent-change -- why"), Some(16));
        assert_eq!(find_reason(" percent-change"), None);
        assert_eq!(find_reason("-- why"), Some(0));
    }

    #[test]
    fn unknown_rule_and_directive_are_errors() {
        let src = Source::from_text(
            "p.md",
            "<!-- policy-lint-disable-next-line percnt-change -->\nx\n<!-- policy-lint-disabel numbering -->\n",
        );
        let (c, e) = comments(&src);
        assert!(c.is_empty());
        assert_eq!(e.len(), 2);
        assert!(e[0].message.contains("unknown rule `percnt-change`") && e[0].help.contains("percent-change"));
        assert_eq!((e[0].line, e[0].column), (1, 36));
        assert!(e[1].message.contains("policy-lint-disabel"));
    }

    #[test]
    fn regions() {
        let text = "<!-- policy-lint-disable-next-line numbering, percent-change -- ok -->\n\nline two\n\
                    <!-- policy-lint-disable numbering -->\nthree\n<!-- policy-lint-enable -->\nfour\n";
        let src = Source::from_text("p.md", text);
        let (c, e) = comments(&src);
        assert!(e.is_empty(), "{e:?}");
        let s = suppressions(&src, &c);
        assert_eq!(s.len(), 3);
        assert_eq!(&text[s[0].region.clone()], "line two");
        assert_eq!(s[0].rule.as_deref(), Some("numbering"));
        assert_eq!(s[1].rule.as_deref(), Some("percent-change"));
        assert!(text[s[2].region.clone()].contains("three") && !text[s[2].region.clone()].contains("four"));
    }
}
