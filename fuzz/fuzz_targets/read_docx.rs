//! Arbitrary bytes as a Word document's `word/document.xml` (packed in a zip here, so the XML
//! reader is what the fuzzer explores), and as a whole file: read, lint, render.
#![no_main]

#[path = "common.rs"]
mod common;

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use policy_lint::read;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = read::read_bytes("fuzz.docx", data, None) {
        common::lint_and_render(&src);
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    if zip.start_file("word/document.xml", stored).is_err() || zip.write_all(data).is_err() {
        return;
    }
    let Ok(bytes) = zip.finish().map(|c| c.into_inner()) else { return };
    if let Ok(src) = read::read_bytes("fuzz.docx", &bytes, None) {
        common::lint_and_render(&src);
    }
});
