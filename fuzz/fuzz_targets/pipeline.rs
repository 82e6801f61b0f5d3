//! Arbitrary bytes through the whole pipeline: decode, parse, every rule, every renderer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lint::config::{self, Layer};
use policy_lint::lint::{self, LintOptions};
use policy_lint::output::{FileReport, Summary, figures, human, json};
use policy_lint::source::Source;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = Source::from_bytes("fuzz.txt", data) else { return };
    let Ok(builtin) = Layer::builtin() else { return };
    let Ok(resolved) = config::resolve(&[builtin]) else { return };
    for markdown in [false, true] {
        let out = lint::lint(&src, &resolved, &LintOptions { date: None, markdown, checks: true });
        let report = FileReport { source: &src, diagnostics: &out.diagnostics };
        let mut s = String::new();
        let _ = human::render_file(&report, human::Style::default(), &mut s);
        let mut summary = Summary::default();
        summary.add(&out.diagnostics);
        let _ = json::render(&[report], &summary);
        let _ = figures::render_table(&src, &out.document, &out.checks);
        let _ = figures::render_json(&src, &out.document, &out.checks);
    }
});
