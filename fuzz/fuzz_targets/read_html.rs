//! Arbitrary bytes as an HTML page: read, lint, render; every span maps back inside the page,
//! on character boundaries of its decoded text.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use policy_lint::read;
use policy_lint::source::{Format, Source, Span};

fuzz_target!(|data: &[u8]| {
    let Ok(page) = Source::from_bytes("fuzz.html", data) else { return };
    let Ok(src) = read::html::read(page) else { return };
    assert_eq!(src.format(), Format::Html);
    let text = src.text();
    for (at, _) in text.char_indices().step_by(7) {
        let f = src.file_span(Span::new(at..text.len()));
        assert!(f.end() <= data.len(), "a span maps past the end of the page");
        let shown = src.shown_span(Span::new(at..at));
        assert!(src.shown().text().is_char_boundary(shown.offset), "a span maps inside a character");
    }
    common::lint_and_render(&src);
});
