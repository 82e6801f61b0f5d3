//! Recognising a finding again: fingerprints and baselines.
//!
//! A finding is recognised by its rule and the text it is about — the text its primary label
//! underlines and the text of every other label, whitespace removed (PDF text spaces figures at
//! random) — and by its file. Never by its line: inserting a paragraph above a finding does not
//! make it new; editing the figure does. Two findings with the same rule and text in one file are
//! told apart by their order.
//!
//! SARIF's `partialFingerprints` and GitLab's `fingerprint` are hashes of that identity; a
//! baseline file (`--write-baseline`) stores it in the clear, so a reviewer can read what was
//! accepted:
//!
//! ```json
//! {"version": 1,
//!  "findings": [{"path": "papers/fintech.txt", "rule": "percent-change",
//!                "text": "60% | 168,000宗 | 264,000宗", "count": 1,
//!                "message": "stated rise of 60% does not match the figures (+57.1%)"}]}
//! ```
//!
//! Paths are relative to the baseline file's directory, with `/`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::output::FileReport;
use crate::source::Source;
use crate::suppress::squeeze;

/// The text a finding is about: its primary label's text, then each other label's, whitespace
/// removed, joined by ` | `.
pub fn about(src: &Source, d: &Diagnostic) -> String {
    std::iter::once(&d.primary).chain(&d.labels).map(|l| squeeze(src.slice(l.span))).collect::<Vec<_>>().join(" | ")
}

/// 64-bit FNV-1a: small, and the same on every platform and release (std's hasher is not).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// One fingerprint per diagnostic of a file, in order: a hash of the rule, the text the finding
/// is about and its occurrence among findings with the same rule and text.
pub fn fingerprints(src: &Source, diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: HashMap<(&str, String), usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let text = about(src, d);
            let n = seen.entry((d.rule, text.clone())).or_default();
            let key = format!("{}\u{0}{}\u{0}{}", d.rule, text, n);
            *n += 1;
            // Two halves so that the 32 hex digits are not one 64-bit hash padded.
            format!("{:016x}{:016x}", fnv1a(key.as_bytes()), fnv1a(format!("policy-lint\u{0}{key}").as_bytes()))
        })
        .collect()
}

/// A baseline file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// Accepted findings with one identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub text: String,
    pub count: usize,
    /// For the reader; not compared.
    #[serde(default)]
    pub message: String,
}

/// The name a paper has in a baseline stored at `baseline`: relative to its directory when the
/// paper is below it, else as given; `/`-separated.
pub fn path_key(baseline: &Path, name: &str) -> String {
    if name == "<stdin>" {
        return name.to_owned();
    }
    // Absolute and lexically normal (`a/../b` is `b`), so that `../baseline.json` from below
    // and `baseline.json` from above name the same file the same way.
    let abs = |p: &Path| {
        let mut out = PathBuf::new();
        for c in std::path::absolute(p).unwrap_or_else(|_| p.to_owned()).components() {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                c => out.push(c),
            }
        }
        out
    };
    let dir = baseline.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let base: PathBuf = abs(dir);
    let file = abs(Path::new(name));
    match file.strip_prefix(&base) {
        Ok(rel) => rel
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => name.replace('\\', "/"),
    }
}

impl Baseline {
    /// Today's findings.
    pub fn record(baseline: &Path, reports: &[FileReport]) -> Baseline {
        let mut findings: Vec<Entry> = Vec::new();
        for r in reports {
            let path = path_key(baseline, r.source.name());
            for d in r.diagnostics {
                let text = about(r.source, d);
                match findings.iter_mut().find(|e| e.path == path && e.rule == d.rule && e.text == text) {
                    Some(e) => e.count += 1,
                    None => findings.push(Entry {
                        path: path.clone(),
                        rule: d.rule.to_owned(),
                        text,
                        count: 1,
                        message: d.message.clone(),
                    }),
                }
            }
        }
        Baseline { version: 1, findings }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
        let b: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not a policy-lint baseline: {e}", path.display()))?;
        if b.version != 1 {
            return Err(format!("{}: baseline version {} is not supported (expected 1)", path.display(), b.version));
        }
        Ok(b)
    }
}

/// Tells new findings from those a baseline accepted. Each entry hides at most `count` findings.
#[derive(Debug)]
pub struct Matcher {
    file: PathBuf,
    budget: HashMap<(String, String, String), usize>,
}

impl Matcher {
    pub fn new(file: &Path, baseline: &Baseline) -> Matcher {
        let mut budget = HashMap::new();
        for e in &baseline.findings {
            *budget.entry((e.path.clone(), e.rule.clone(), e.text.clone())).or_default() += e.count;
        }
        Matcher { file: file.to_owned(), budget }
    }

    /// Is this finding new? Files must be given in the run's order for counts to be stable.
    pub fn is_new(&mut self, src: &Source, d: &Diagnostic) -> bool {
        let key = (path_key(&self.file, src.name()), d.rule.to_owned(), about(src, d));
        match self.budget.get_mut(&key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        }
    }
}
