//! Small edits of real papers: mostly well-formed text with local damage, which reaches deeper
//! into the figure grammar and the rules than random bytes do.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use policy_lint::config::{self, Layer};
use policy_lint::lint::{self, LintOptions};
use policy_lint::source::Source;

const SAMPLES: [&str; 3] = [
    include_str!("../../samples/legco-fintech-2020.zh.txt"),
    include_str!("../../samples/planted-budget-sheet.en.txt"),
    include_str!("../../samples/planted-digital-payments.zh.txt"),
];

#[derive(Debug, Arbitrary)]
struct Edit {
    at: u16,
    delete: u8,
    insert: String,
}

#[derive(Debug, Arbitrary)]
struct Input {
    sample: u8,
    edits: Vec<Edit>,
}

fuzz_target!(|input: Input| {
    let mut text = SAMPLES[input.sample as usize % SAMPLES.len()].to_owned();
    for e in input.edits.iter().take(16) {
        let mut at = e.at as usize * 7 % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + e.delete as usize % 16).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.replace_range(at..end, &e.insert);
    }
    let src = Source::from_text("edit.txt", text);
    let Ok(builtin) = Layer::builtin() else { return };
    let Ok(resolved) = config::resolve(&[builtin]) else { return };
    let out = lint::lint(&src, &resolved, &LintOptions::default());
    for d in &out.diagnostics {
        assert!(src.text().is_char_boundary(d.primary.span.offset));
        assert!(src.text().is_char_boundary(d.primary.span.end()));
    }
});
