//! Text extracted from a PDF often has no line break at all: a short input repeated into one
//! line of up to 4 MB, through every rule and every output format.
//!
//! Input: two bytes (big-endian) give the size in KB (at most 4096), one byte of flags (bit 0:
//! keep line breaks, bit 1: turn them into lone CRs), then the text to repeat.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use policy_lint::source::Source;

fuzz_target!(|data: &[u8]| {
    let [hi, lo, flags, unit @ ..] = data else { return };
    let unit = String::from_utf8_lossy(unit).replace('\0', " ");
    if unit.trim().is_empty() {
        return;
    }
    let unit = match flags & 3 {
        0 => unit.replace(['\r', '\n'], " "),
        2 | 3 => unit.replace("\r\n", "\r").replace('\n', "\r"),
        _ => unit,
    };
    let size = (usize::from(u16::from_be_bytes([*hi, *lo])) % 4097) * 1024;
    let text = unit.repeat(size / unit.len() + 1);
    common::lint_and_render(&Source::from_text("long-line.txt", text));
});
