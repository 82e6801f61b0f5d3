//! Arbitrary bytes through the whole pipeline: decode, parse, every rule, every output format.
//! Run with a `-max_len` of a few MB (scripts/fuzz.sh does).
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use policy_lint::source::Source;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = Source::from_bytes("fuzz.txt", data) else { return };
    common::lint_and_render(&src);
});
