//! Small edits of real papers: mostly well-formed text with local damage, which reaches deeper
//! into the figure grammar and the rules than random bytes do; optionally the paper as a PDF
//! extraction often gives it, on one line (repeated up to four times) or with CR-only line ends.
//!
//! Input (a plain byte format, so seeds can be written by hand, see scripts/fuzz.sh):
//! - one byte of flags: bits 0–1 the sample, bit 2 join the lines into one, bit 3 CR-only line
//!   ends, bits 4–5 one to four copies;
//! - then edits, four bytes each and the text to insert: the place (u16, big-endian, in steps of
//!   seven bytes), how many bytes to delete (0–15), how many bytes of text follow.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use policy_lint::source::Source;

const SAMPLES: [&str; 3] = [
    include_str!("../../samples/legco-fintech-2020.zh.txt"),
    include_str!("../../samples/planted-budget-sheet.en.txt"),
    include_str!("../../samples/planted-digital-payments.zh.txt"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&flags, mut rest)) = data.split_first() else { return };
    let mut text = SAMPLES[usize::from(flags & 3) % SAMPLES.len()].to_owned();
    let mut edits = 0;
    while let [hi, lo, delete, len, tail @ ..] = rest {
        let len = usize::from(*len).min(tail.len());
        let insert = String::from_utf8_lossy(&tail[..len]);
        rest = &tail[len..];
        edits += 1;
        if edits > 32 {
            break;
        }
        let mut at = usize::from(u16::from_be_bytes([*hi, *lo])) * 7 % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + usize::from(*delete) % 16).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.replace_range(at..end, &insert);
    }
    if flags & 4 != 0 {
        text = text.replace(['\r', '\n'], " ");
    }
    if flags & 8 != 0 {
        text = text.replace("\r\n", "\r").replace('\n', "\r");
    }
    let text = text.repeat(usize::from(flags >> 4 & 3) + 1);
    common::lint_and_render(&Source::from_text("edit.txt", text));
});
