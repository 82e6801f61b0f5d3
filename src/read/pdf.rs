//! PDF files, read with `pdf-extract` (over `lopdf`): the text layer page by page, in the order
//! the page draws it, which for a word processor's PDF is reading order. Each page's text is
//! kept as extracted — its lines, the blank lines between them — as `pdftotext` would give it,
//! which is what the parser's repairs (`2 01 9`, `持 份 者`, footnotes in mid-page) and the
//! furniture detector (a running header or page number repeated page after page) are made
//! for. A finding's place is its page.
//!
//! A PDF without a text layer (a scan) is an error that says so, never a clean run; an encrypted
//! PDF that needs a password, and one that `lopdf` cannot parse (truncated, damaged), are errors
//! too. The extractor runs under the reader's panic guard ([`super::read_bytes`]).

use pdf_extract::{Document, OutputError, PlainTextOutput};

use super::{DocBuilder, ReadError};
use crate::source::{Format, Source};

/// Read a PDF's text layer.
pub fn read(name: &str, bytes: &[u8]) -> Result<Source, ReadError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| ReadError::Pdf(format!("{e}")))?;
    // An owner password alone (printing or copying restricted) still lets the text be read.
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(ReadError::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(ReadError::Pdf("it has no pages".into()));
    }
    let mut out = DocBuilder::default();
    for &number in pages.keys() {
        let mut text = String::new();
        pdf_extract::output_doc_page(&doc, &mut PlainTextOutput::new(&mut text), number).map_err(|e| match e {
            OutputError::PdfError(e) => ReadError::Pdf(format!("page {number}: {e}")),
            e => ReadError::Pdf(format!("page {number}: {e}")),
        })?;
        out.page(&text, number);
    }
    if out.is_empty() {
        return Err(ReadError::NoTextLayer);
    }
    Ok(out.finish(name, Format::Pdf))
}
