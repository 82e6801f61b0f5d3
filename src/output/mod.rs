//! Renderers: one per output format, each over the same [`Diagnostic`] model.

pub mod concise;
pub mod figures;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod rules;
pub mod sarif;
pub mod statistics;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;

/// A linted file as the renderers see it.
pub struct FileReport<'a> {
    pub source: &'a Source,
    pub diagnostics: &'a [Diagnostic],
}

/// The name under which machine formats report a file that could not be read (a check name in
/// GitLab, a test case in JUnit).
pub const UNREAD: &str = "unreadable-file";

/// A file that could not be linted. Every format accounts for it beside the files that were, so
/// a CI report never looks clean for a run that exited 2.
#[derive(Debug, Clone)]
pub struct Unread {
    /// The path as given, undecodable bytes shown as U+FFFD.
    pub path: String,
    /// The path's exact bytes, for percent-encoded URIs.
    pub path_bytes: Vec<u8>,
    /// The path escaped for a line of text ([`crate::source::escape_name`]).
    pub display: String,
    /// Why it could not be read, without the path.
    pub reason: String,
}

/// Counts for the closing line and the JSON summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files that could not be read.
    pub failed: usize,
}

impl Summary {
    pub fn add(&mut self, diags: &[Diagnostic]) {
        self.files += 1;
        for d in diags {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = vec![plural(self.errors, "error", "errors"), plural(self.warnings, "warning", "warnings")];
        if self.infos > 0 {
            parts.push(plural(self.infos, "note", "notes"));
        }
        write!(f, "{} in {}", parts.join(", "), plural(self.files, "file", "files"))?;
        if self.failed > 0 {
            write!(f, "; {} could not be read", plural(self.failed, "file", "files"))?;
        }
        Ok(())
    }
}

/// Where a finding is, after its file's name: `name:12:5` for a file with lines (text, Markdown,
/// HTML), `name: paragraph 12, page 3` for a docx or PDF ([`Source::place`]).
pub(crate) fn located(name: &str, source: &Source, offset: usize) -> String {
    match source.place(offset) {
        place @ crate::source::Place::Line { .. } => format!("{name}:{place}"),
        place => format!("{name}: {place}"),
    }
}

/// A path as the machine formats give it: relative to the directory policy-lint ran in (the
/// repository root in CI) where it is under it, without a leading `./`; other paths as given.
pub(crate) fn relative(path: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let mut p = path;
    while let Some(rest) = p.strip_prefix(b"./") {
        p = rest;
    }
    if p.starts_with(b"/")
        && let Ok(cwd) = std::env::current_dir()
    {
        let cwd = crate::source::path_bytes(&cwd).into_owned();
        if let Some(rest) = p.strip_prefix(cwd.as_slice()).and_then(|r| r.strip_prefix(b"/"))
            && !rest.is_empty()
        {
            return rest.to_vec().into();
        }
    }
    p.into()
}

/// [`relative`], as text (a byte that is not UTF-8 shown as U+FFFD).
pub(crate) fn relative_name(path: &[u8]) -> String {
    String::from_utf8_lossy(&relative(path)).into_owned()
}

/// A message on one line (formats that are one line per finding).
pub(crate) fn one_line(s: &str) -> String {
    s.split(['\r', '\n']).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Bytes as URI text: unreserved characters and `/` as they are, every other byte as `%XX`.
pub(crate) fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A short stable hash of a path, for fingerprints that must be unique across files.
pub(crate) fn path_hash(path: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in path.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}
