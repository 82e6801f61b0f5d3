//! What every paper target does with its text: lint it as plain text and as Markdown, and render
//! the findings in every output format, checking what each format promises.

use policy_lint::config::{self, Layer};
use policy_lint::lint::{self, LintOptions};
use policy_lint::output::{FileReport, Summary, concise, figures, github, gitlab, human, json, junit, sarif};
use policy_lint::source::Source;

pub fn lint_and_render(src: &Source) {
    let Ok(builtin) = Layer::builtin() else { return };
    let Ok(resolved) = config::resolve(&[builtin]) else { return };
    for markdown in [false, true] {
        let out = lint::lint(&src, &resolved, &LintOptions { date: None, markdown, checks: true });
        for d in &out.diagnostics {
            for span in std::iter::once(&d.primary).chain(&d.labels).map(|l| l.span) {
                assert!(span.end() <= src.text().len(), "{}: span past the end", d.rule);
                assert!(src.text().is_char_boundary(span.offset), "{}: span starts inside a character", d.rule);
                assert!(src.text().is_char_boundary(span.end()), "{}: span ends inside a character", d.rule);
            }
        }
        let report = FileReport { source: src, diagnostics: &out.diagnostics };
        let reports = std::slice::from_ref(&report);
        let mut summary = Summary::default();
        summary.add(&out.diagnostics);

        // The human report draws every finding with its snippet: the fallback without one is
        // there for bugs, and the fuzzer is here to find them.
        let mut s = String::new();
        human::render_file(&report, human::Style::default(), &mut s);
        assert!(!s.contains("the snippet could not be drawn"), "{s}");
        let widest = s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(widest < 20_000, "a human line of {widest} characters");

        let c = concise::render(reports, &[]);
        assert_eq!(c.lines().count(), out.diagnostics.len(), "one line per finding");
        let g = github::render(reports, &[]);
        assert_eq!(g.lines().count(), out.diagnostics.len(), "one command per finding");
        for text in [json::render(reports, &[], &summary), sarif::render(reports, &[]), gitlab::render(reports, &[])] {
            assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "not JSON");
        }
        let _ = junit::render(reports, &[], &summary);
        let _ = figures::render_table(src, &out.document, &out.checks);
        let _ = figures::render_json(src, &out.document, &out.checks);
    }
}
