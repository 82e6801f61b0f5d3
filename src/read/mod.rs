//! Readers for the formats a paper comes in besides text: HTML pages, Word documents (`.docx`)
//! and PDF files. Each hands the parser what the text path hands it — a [`Source`] whose text is
//! the paper's prose (paragraphs separated by blank lines, a table's rows one to a line with
//! cells two spaces apart, automatic numbering written out, footnote references as `[n]` and the
//! notes at the end) — and a way back into the file, which [`Source`] keeps: byte offsets of the
//! page for HTML, paragraph and page for a docx or PDF ([`Source::place`]).
//!
//! The reader is chosen by content first (`%PDF-`, a zip holding `word/document.xml`, an HTML
//! doctype), then by extension. A file a reader cannot read is a [`ReadError`]: reported, and
//! the other papers are linted.

pub mod docx;
pub mod html;
pub mod pdf;

use crate::source::{DecodeError, Format, Part, Source};

/// Why a docx, PDF or HTML file could not become a [`Source`].
#[derive(Debug, thiserror::Error, miette::Diagnostic, Clone, PartialEq, Eq)]
pub enum ReadError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Decode(#[from] DecodeError),
    #[error("not a readable Word document: {0}")]
    #[diagnostic(code(policy_lint::read::docx))]
    Docx(String),
    #[error("the Word document unpacks to more than {mb} MB; refused as a possible zip bomb")]
    #[diagnostic(
        code(policy_lint::read::zip_bomb),
        help("policy-lint unpacks at most {mb} MB of a document's XML parts")
    )]
    ZipBomb { mb: u64 },
    #[error("not a readable PDF: {0}")]
    #[diagnostic(code(policy_lint::read::pdf))]
    Pdf(String),
    #[error("the PDF is encrypted; policy-lint cannot read it")]
    #[diagnostic(code(policy_lint::read::encrypted), help("save an unencrypted copy of the paper and lint that"))]
    Encrypted,
    #[error("the PDF has no text layer (scanned?); policy-lint does no OCR")]
    #[diagnostic(
        code(policy_lint::read::no_text),
        help("run the PDF through OCR (e.g. `ocrmypdf`) and lint the result")
    )]
    NoTextLayer,
    #[error("the {format} reader failed on this file ({message}); please report it")]
    #[diagnostic(code(policy_lint::read::panic))]
    Panicked { format: &'static str, message: String },
}

/// Which reader a file needs: by its content, then by its name's extension.
pub fn detect(name: &str, bytes: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    // A PDF's header may follow some junk; readers look in the first kilobyte.
    if memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") && memchr::memmem::find(bytes, b"word/document.xml").is_some() {
        return Format::Docx;
    }
    match ext {
        "pdf" => return Format::Pdf,
        "docx" | "docm" => return Format::Docx,
        "html" | "htm" | "xhtml" => return Format::Html,
        // A text or Markdown paper is one, whatever markup it opens with.
        "txt" | "md" | "markdown" => return Format::Text,
        _ => {}
    }
    if looks_like_html(bytes) { Format::Html } else { Format::Text }
}

/// Does the file open with an HTML doctype or `<html` (after a byte-order mark, blanks and
/// comments)?
fn looks_like_html(bytes: &[u8]) -> bool {
    let mut b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    loop {
        b = &b[b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len())..];
        if b.starts_with(b"<!--") {
            match memchr::memmem::find(b, b"-->") {
                Some(end) => b = &b[end + 3..],
                None => return false,
            }
        } else {
            break;
        }
    }
    let head = &b[..b.len().min(14)];
    head.eq_ignore_ascii_case(b"<!doctype html") || head.len() >= 5 && head[..5].eq_ignore_ascii_case(b"<html")
}

/// Read a file's bytes as the format it is: text in the encoding given or detected
/// ([`Source::from_bytes_in`]), or an HTML page, Word document or PDF extracted.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Source, ReadError> {
    match detect(name, bytes) {
        Format::Text => Ok(Source::from_bytes_in(name, bytes, encoding)?),
        Format::Html => html::read(Source::from_bytes_in(name, bytes, encoding)?),
        Format::Docx => guarded("docx", || docx::read(name, bytes)),
        Format::Pdf => guarded("PDF", || pdf::read(name, bytes)),
    }
}

thread_local! {
    /// Is this thread inside a reader? Its panics are then reported as the file's error, not
    /// printed by the default hook.
    static IN_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run a reader, turning a panic in it (or in a library it calls, on hostile input) into a
/// [`ReadError::Panicked`] for this file.
fn guarded(format: &'static str, f: impl FnOnce() -> Result<Source, ReadError>) -> Result<Source, ReadError> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_READER.with(std::cell::Cell::get) {
                default(info);
            }
        }));
    });
    IN_READER.with(|r| r.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    IN_READER.with(|r| r.set(false));
    result.unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_owned());
        Err(ReadError::Panicked { format, message })
    })
}

/// Builds the text of an extracted document (docx, PDF) block by block, remembering where each
/// part starts and where it is in the document.
#[derive(Debug, Default)]
pub(crate) struct DocBuilder {
    text: String,
    parts: Vec<Part>,
    /// The last block was a table row: the next row follows on the next line.
    in_table: bool,
}

impl DocBuilder {
    /// A paragraph of its own, after a blank line.
    pub(crate) fn paragraph(&mut self, text: &str, paragraph: Option<u32>, page: Option<u32>) {
        self.block(text, paragraph, page, false);
    }

    /// A footnote or endnote, numbered as its reference, after the body.
    pub(crate) fn note(&mut self, n: u32, text: &str) {
        self.block(&format!("[{n}] {text}"), None, None, false);
        if let Some(last) = self.parts.last_mut() {
            last.note = Some(n);
        }
    }

    /// A table row (its cells already joined): on the line after the row before.
    pub(crate) fn row(&mut self, text: &str, paragraph: Option<u32>, page: Option<u32>) {
        self.block(text, paragraph, page, true);
    }

    /// A page's text as extracted (PDF), its lines and blank lines kept, after a blank line.
    pub(crate) fn page(&mut self, text: &str, page: u32) {
        let text = text.trim_start_matches(['\n', '\r']).trim_end();
        if text.trim().is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.in_table = false;
        self.parts.push(Part { start: self.text.len(), paragraph: None, page: Some(page), note: None });
        self.text.push_str(text);
    }

    /// A blank line: the end of a page, a table or a group of lines.
    pub(crate) fn gap(&mut self) {
        self.in_table = false;
    }

    fn block(&mut self, text: &str, paragraph: Option<u32>, page: Option<u32>, row: bool) {
        let text = text.trim_end();
        if text.trim().is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str(if row && self.in_table { "\n" } else { "\n\n" });
        }
        self.in_table = row;
        let start = self.text.len();
        if self.parts.last().is_none_or(|p| p.paragraph != paragraph || p.page != page || p.note.is_some()) {
            self.parts.push(Part { start, paragraph, page, note: None });
        }
        // Line ends inside a block are the document's own (a line break in a paragraph).
        self.text.push_str(text);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub(crate) fn finish(mut self, name: &str, format: Format) -> Source {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        Source::from_document(name, self.text, format, self.parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_is_chosen_by_content_then_extension() {
        assert_eq!(detect("a.txt", b"%PDF-1.7\n"), Format::Pdf);
        assert_eq!(detect("a", b"PK\x03\x04....word/document.xml"), Format::Docx);
        assert_eq!(detect("a.DOCX", b"garbage"), Format::Docx);
        assert_eq!(detect("page", b"\xEF\xBB\xBF <!-- x -->\n<!DOCTYPE html><p>a"), Format::Html);
        assert_eq!(detect("page", b"<HTML><p>a"), Format::Html);
        assert_eq!(detect("a.HTM", b"<p>a"), Format::Html);
        assert_eq!(detect("a.md", b"<!doctype html>"), Format::Text);
        assert_eq!(detect("a", b"plain text"), Format::Text);
        // A zip that is not a Word document is not read as one.
        assert_eq!(detect("a", b"PK\x03\x04 other"), Format::Text);
    }

    #[test]
    fn a_panicking_reader_is_an_error_for_its_file() {
        let e = guarded("PDF", || panic!("boom")).unwrap_err();
        assert_eq!(e, ReadError::Panicked { format: "PDF", message: "boom".into() });
    }

    #[test]
    fn parts_say_where_each_block_is() {
        let mut b = DocBuilder::default();
        b.paragraph("First.", Some(1), Some(1));
        b.row("Total  10  20", Some(2), Some(1));
        b.row("A  4  5", Some(3), Some(2));
        b.paragraph("After.", Some(4), Some(2));
        b.note(1, "Source: the bank.");
        b.note(2, "Provisional.");
        let s = b.finish("x.docx", Format::Docx);
        assert_eq!(
            s.text(),
            "First.\n\nTotal  10  20\nA  4  5\n\nAfter.\n\n[1] Source: the bank.\n\n[2] Provisional.\n"
        );
        assert_eq!(s.place(s.text().find("Provisional").unwrap()).to_string(), "note 2");
        assert_eq!(s.place(s.text().find("the bank").unwrap()).to_string(), "note 1");
        let at = s.text().find("A  4").unwrap();
        assert_eq!(s.place(at).to_string(), "paragraph 3, page 2");
        assert_eq!(s.place(0).to_string(), "paragraph 1, page 1");
    }
}
