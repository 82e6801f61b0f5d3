//! Arbitrary bytes as a PDF, through the reader as the command line calls it (a panic in the
//! extractor is the file's error there): read, lint, render. Seed it with
//! `tests/fixtures/readers/*.pdf`.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use policy_lint::read;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = read::read_bytes("fuzz.pdf", data, None) {
        common::lint_and_render(&src);
    }
});
