//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
//!
//! - `tool.driver.rules`: every rule, with its summary, its documentation (from the same doc
//!   comment `policy-lint explain` prints), its default level and its group as a tag; plus
//!   `unused-suppression`.
//! - Columns are Unicode code points, as `columnKind` declares; `byteOffset`/`byteLength` are
//!   bytes of the file as given (a byte-order mark counted).
//! - Secondary labels are `relatedLocations`, each with its message.
//! - `partialFingerprints["policyLint/v1"]` hashes the rule and the text the finding is about
//!   (see [`crate::baseline`]), never a line number, so an alert survives lines moving.

use serde_json::{Value, json};

use super::FileReport;
use crate::baseline;
use crate::config::UNUSED_SUPPRESSION;
use crate::diagnostic::{Label, Severity};
use crate::rules::{self, Level};
use crate::source::Source;
use crate::suppress;

/// The `columnKind` this renderer declares, and counts in.
pub const COLUMN_KIND: &str = "unicodeCodePoints";
/// The key under `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "policyLint/v1";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn default_level(l: Level) -> &'static str {
    match l {
        Level::Off => "none",
        Level::Info => "note",
        Level::Warning => "warning",
        Level::Error => "error",
    }
}

/// A path's exact bytes as a URI reference: relative paths stay relative (to the directory
/// policy-lint ran in, which is the repository root in CI), absolute ones become `file://` URIs;
/// everything but unreserved characters and `/` is percent-encoded, so a name that is not UTF-8
/// keeps its bytes (`caf%E9.txt`). `\\` separates directories on Windows only.
pub fn uri(path: &[u8]) -> String {
    let path: std::borrow::Cow<[u8]> = if cfg!(windows) {
        path.iter().map(|&b| if b == b'\\' { b'/' } else { b }).collect::<Vec<u8>>().into()
    } else {
        path.into()
    };
    let mut out = String::new();
    let rest = if path.starts_with(b"/") {
        out.push_str("file://");
        &path[..]
    } else if path.len() > 2 && path[1] == b':' && path[0].is_ascii_alphabetic() {
        // C:/papers on Windows.
        out.push_str("file:///");
        out.push(char::from(path[0]));
        out.push(':');
        &path[2..]
    } else {
        &path[..]
    };
    out.push_str(&super::percent_encode(rest));
    out
}

fn region(src: &Source, l: &Label) -> Value {
    let (start_line, start_column) = src.line_col(l.span.offset);
    let (end_line, end_column) = src.line_col(l.span.end());
    let file = src.file_span(l.span);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": file.offset,
        "byteLength": file.length,
        "snippet": {"text": src.slice(l.span)},
    })
}

/// Where the base `%SRCROOT%` of relative artifact URIs is: the directory policy-lint ran in.
const SRCROOT: &str = "%SRCROOT%";

/// An artifact location: a path under the directory policy-lint ran in as a URI relative to
/// [`SRCROOT`] (as GitHub code scanning and other SARIF viewers resolve them), any other as given.
fn artifact(path: &[u8]) -> Value {
    let rel = super::relative(path);
    let absolute = rel.starts_with(b"/") || rel.len() > 2 && rel[1] == b':';
    if absolute || rel.starts_with(b"../") || rel.as_ref() == b"<stdin>" {
        json!({"uri": uri(&rel)})
    } else {
        json!({"uri": uri(&rel), "uriBaseId": SRCROOT})
    }
}

/// `originalUriBaseIds`: [`SRCROOT`] as the `file://` URI of the current directory.
fn base_ids() -> Value {
    match std::env::current_dir() {
        Ok(cwd) => {
            let mut u = uri(&crate::source::path_bytes(&cwd));
            if !u.ends_with('/') {
                u.push('/');
            }
            json!({ SRCROOT: {"uri": u} })
        }
        Err(_) => json!({}),
    }
}

fn location(src: &Source, l: &Label) -> Value {
    if !src.has_lines() {
        // A docx or PDF has no region a viewer can show: the file, and where in the document.
        let (paragraph, page, note) = match src.place(l.span.offset) {
            crate::source::Place::Part { paragraph, page, note } => (paragraph, page, note),
            crate::source::Place::Line { .. } => (None, None, None),
        };
        return json!({
            "physicalLocation": {"artifactLocation": artifact(src.name_bytes())},
            "message": {"text": src.place(l.span.offset).to_string()},
            "properties": {"paragraph": paragraph, "page": page, "note": note, "snippet": src.slice(l.span)},
        });
    }
    json!({
        "physicalLocation": {
            "artifactLocation": artifact(src.name_bytes()),
            "region": region(src, l),
        }
    })
}

/// A fix as SARIF's `fix`: byte regions of the file as given, and what to put in them. Unsafe
/// fixes are included too (a viewer shows them to a person), marked in `properties`.
fn sarif_fix(src: &Source, fix: &crate::diagnostic::Fix) -> Value {
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|e| {
            let at = src.file_span(e.span);
            json!({
                "deletedRegion": {"byteOffset": at.offset, "byteLength": at.length},
                "insertedContent": {"text": e.replacement},
            })
        })
        .collect();
    json!({
        "description": {"text": fix.message},
        "artifactChanges": [{
            "artifactLocation": artifact(src.name_bytes()),
            "replacements": replacements,
        }],
        "properties": {"applicability": fix.applicability},
    })
}

/// Every rule as a `reportingDescriptor`, in the order `ruleIndex` refers to.
fn descriptors() -> (Vec<&'static str>, Vec<Value>) {
    let mut ids = Vec::new();
    let mut out = Vec::new();
    for r in rules::registry() {
        ids.push(r.name);
        out.push(json!({
            "id": r.name,
            "shortDescription": {"text": r.summary()},
            "fullDescription": {"text": r.markdown()},
            "help": {"text": r.markdown(), "markdown": r.markdown()},
            "defaultConfiguration": {"level": default_level(r.default_level()), "enabled": r.default_level() != Level::Off},
            "properties": {"tags": [r.group.as_str()]},
        }));
    }
    ids.push(UNUSED_SUPPRESSION);
    out.push(json!({
        "id": UNUSED_SUPPRESSION,
        "shortDescription": {"text": suppress::SUMMARY},
        "fullDescription": {"text": suppress::DOC.trim()},
        "help": {"text": suppress::DOC.trim(), "markdown": suppress::DOC.trim()},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["suppressions"]},
    }));
    (ids, out)
}

/// The whole run as one SARIF log with one run. A file that could not be read is a tool
/// execution notification, and the run's invocation says it did not succeed.
pub fn render(files: &[FileReport], unread: &[super::Unread]) -> String {
    let (ids, rules) = descriptors();
    let mut results = Vec::new();
    for f in files {
        let fps = baseline::fingerprints(f.source, f.diagnostics);
        for (d, fp) in f.diagnostics.iter().zip(fps) {
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push('\n');
                text.push_str(h);
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [location(f.source, &d.primary)],
                "partialFingerprints": {FINGERPRINT_KEY: fp},
            });
            if let Some(fix) = &d.fix {
                result["fixes"] = json!([sarif_fix(f.source, fix)]);
            }
            if let Some(i) = ids.iter().position(|id| *id == d.rule) {
                result["ruleIndex"] = json!(i);
            }
            if !d.labels.is_empty() {
                result["relatedLocations"] = Value::Array(
                    d.labels
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            let mut loc = location(f.source, l);
                            loc["id"] = json!(i + 1);
                            loc["message"] = json!({"text": l.message});
                            loc
                        })
                        .collect(),
                );
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "policy-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": COLUMN_KIND,
            "originalUriBaseIds": base_ids(),
            "invocations": [{
                "executionSuccessful": unread.is_empty(),
                "toolExecutionNotifications": unread.iter().map(|u| json!({
                    "level": "error",
                    "descriptor": {"id": super::UNREAD},
                    "message": {"text": format!("{}: {}", u.display, u.reason)},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact(&u.path_bytes)}}],
                })).collect::<Vec<_>>(),
            }],
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifacts_under_the_current_directory_are_relative_to_srcroot() {
        let cwd = crate::source::path_bytes(&std::env::current_dir().unwrap()).into_owned();
        let mut abs = cwd.clone();
        abs.extend_from_slice(b"/papers/a.txt");
        for given in [&b"papers/a.txt"[..], b"./papers/a.txt", &abs] {
            assert_eq!(artifact(given), json!({"uri": "papers/a.txt", "uriBaseId": SRCROOT}), "{given:?}");
        }
        // Outside it: as given, with no base.
        assert_eq!(artifact(b"../x.txt"), json!({"uri": "../x.txt"}));
        assert_eq!(artifact(b"/elsewhere/x.txt"), json!({"uri": "file:///elsewhere/x.txt"}));
        assert!(base_ids()[SRCROOT]["uri"].as_str().unwrap().ends_with('/'));
    }

    #[test]
    fn uris() {
        assert_eq!(uri(b"samples/a b.txt"), "samples/a%20b.txt");
        assert_eq!(uri("/tmp/x/文件.md".as_bytes()), "file:///tmp/x/%E6%96%87%E4%BB%B6.md");
        assert_eq!(uri(b"<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri(b"a\nb/caf\xE9.txt"), "a%0Ab/caf%E9.txt");
    }
}
