//! A paper's text as the user's editor shows it, and the way back to it.
//!
//! [`Source`] decodes the bytes of one file (UTF-8 with or without BOM, UTF-16 with a BOM) and keeps
//! the decoded text unchanged: every [`Span`] the tool reports is a byte range of that text, and
//! [`Source::file_offset`] turns it into a byte offset of the file as given. Line and column are
//! computed late, from a [`LineIndex`], with columns counted in characters.
//!
//! Parsing works on a *normalised* view instead ([`Normalized`]): spaces inside CJK text removed,
//! split digits rejoined, soft line breaks joined. The view carries an [`OffsetMap`] back to the
//! original, so the parser can compare cleaned text and still hand out original spans.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

/// A byte range of a [`Source`]'s decoded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub offset: usize,
    pub length: usize,
}

impl Span {
    pub fn new(range: Range<usize>) -> Self {
        Span { offset: range.start, length: range.end.saturating_sub(range.start) }
    }
    pub fn end(&self) -> usize {
        self.offset + self.length
    }
    pub fn range(&self) -> Range<usize> {
        self.offset..self.end()
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.offset.min(other.offset)..self.end().max(other.end()))
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        (s.offset, s.length).into()
    }
}

/// Files larger than this are refused: offsets are kept as `u32` in the offset map.
pub const MAX_FILE_BYTES: usize = u32::MAX as usize - 1;

/// Why a file's bytes could not become a [`Source`].
#[derive(Debug, thiserror::Error, miette::Diagnostic, Clone, PartialEq, Eq)]
pub enum DecodeError {
    #[error("the file looks binary (NUL byte at offset {offset}); skipped")]
    #[diagnostic(code(policy_lint::source::binary))]
    Binary { offset: usize },
    #[error("invalid UTF-8 at byte offset {offset}, and no Chinese, Japanese or Korean encoding reads it either")]
    #[diagnostic(
        code(policy_lint::source::invalid_utf8),
        help(
            "save the paper as UTF-8 (or UTF-16 with a byte-order mark), or name its encoding: \
             `--encoding big5`, `--encoding gb18030`"
        )
    )]
    InvalidUtf8 { offset: usize },
    #[error("not valid {encoding} at byte offset {offset}")]
    #[diagnostic(
        code(policy_lint::source::invalid_encoding),
        help("check the paper's encoding: `--encoding` names it (utf-8, big5, gb18030, shift_jis, …)")
    )]
    InvalidLegacy { encoding: &'static str, offset: usize },
    #[error("invalid UTF-16 at byte offset {offset}")]
    #[diagnostic(code(policy_lint::source::invalid_utf16))]
    InvalidUtf16 { offset: usize },
    #[error("the file is too large ({size} bytes; the limit is {MAX_FILE_BYTES})")]
    #[diagnostic(code(policy_lint::source::too_large))]
    TooLarge { size: usize },
}

/// How the decoded text maps back to the bytes of the file.
#[derive(Debug, Clone)]
enum Encoding {
    /// UTF-8; `bom` is 3 when the file starts with a byte-order mark (not kept in the text).
    Utf8 { bom: usize },
    /// UTF-16 with a BOM; `checkpoints[i]` is the file offset of text offset `i * CHECKPOINT`
    /// rounded down to a char boundary, stored as (text offset, file offset).
    Utf16 { checkpoints: Vec<(usize, usize)> },
    /// A legacy encoding (Big5, GB18030, Shift_JIS, …), detected or named with `--encoding`.
    /// `checkpoints` as for UTF-16, each at a character boundary; positions between them are
    /// found by decoding the file's bytes again from the checkpoint before.
    Legacy { encoding: &'static encoding_rs::Encoding, bytes: Arc<[u8]>, checkpoints: Vec<(usize, usize)> },
    /// Text extracted from an HTML page: `map` takes a text offset to an offset of `file`, the
    /// page as decoded (whose own encoding then gives the byte of the file as given). An entity
    /// (`&amp;`) is one character of the text standing for the entity's bytes.
    Html { file: Box<Source>, map: OffsetMap },
    /// Text extracted from a document without lines a user can find (docx, PDF): each part (a
    /// paragraph, a table row, a page) says where it is. Offsets are the extracted text's.
    Document { format: Format, parts: Vec<Part> },
}

/// The kind of file a paper was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text or Markdown, in any encoding [`Source::from_bytes`] reads.
    Text,
    Html,
    Docx,
    Pdf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// Where a part of an extracted document starts, and where it is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// Byte offset in the extracted text where the part starts.
    pub start: usize,
    /// The paragraph's number, 1-based, counting the body's paragraphs (a table cell's too) in
    /// order; `None` where the format has no paragraphs a user can count (PDF).
    pub paragraph: Option<u32>,
    /// The page, 1-based, when the document says (PDF pages; a docx's explicit page breaks).
    pub page: Option<u32>,
    /// A docx's footnote or endnote, by the number its reference got (`[3]` in the text).
    pub note: Option<u32>,
}

/// Where a place in a paper's text is in its file, as the user finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Place {
    /// 1-based line and column (in characters) of the file: text, Markdown, HTML.
    Line { line: usize, column: usize },
    /// A paragraph and page of a word-processor document or a PDF.
    Part { paragraph: Option<u32>, page: Option<u32>, note: Option<u32> },
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Place::Line { line, column } => write!(f, "{line}:{column}"),
            Place::Part { note: Some(n), .. } => write!(f, "note {n}"),
            Place::Part { paragraph: Some(p), page: Some(g), .. } => write!(f, "paragraph {p}, page {g}"),
            Place::Part { paragraph: Some(p), page: None, .. } => write!(f, "paragraph {p}"),
            Place::Part { paragraph: None, page: Some(g), .. } => write!(f, "page {g}"),
            Place::Part { paragraph: None, page: None, .. } => write!(f, "the start"),
        }
    }
}

/// The legacy encodings a paper without a byte-order mark is tried in when it is not UTF-8:
/// the ones Hong Kong, Taiwan, mainland, Japanese and Korean archives are written in. A
/// guess outside these (windows-1252 for a damaged UTF-8 file) is no reading.
const DETECTED: [&encoding_rs::Encoding; 5] =
    [encoding_rs::BIG5, encoding_rs::GB18030, encoding_rs::GBK, encoding_rs::SHIFT_JIS, encoding_rs::EUC_KR];

const CHECKPOINT: usize = 4096;

/// One paper: its name, its decoded text and a line index.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name as given, undecodable bytes shown as U+FFFD.
    name: String,
    /// The exact bytes of the name, kept only when they are not UTF-8 (and so not `name`).
    name_bytes: Option<Box<[u8]>>,
    /// Shared with the [`crate::document::Document`] built from it, so rules can read the
    /// original characters without a copy.
    text: Arc<str>,
    encoding: Encoding,
    lines: LineIndex,
}

impl Source {
    /// Decode a file's bytes. Never panics; every failure is a [`DecodeError`].
    pub fn from_bytes(name: impl Into<String>, bytes: &[u8]) -> Result<Source, DecodeError> {
        Source::from_bytes_in(name, bytes, None)
    }

    /// Decode a file's bytes in the encoding given (`--encoding`), or as [`Source::from_bytes`]
    /// does when none is: a byte-order mark, else UTF-8, else the CJK encoding detected.
    pub fn from_bytes_in(
        name: impl Into<String>,
        bytes: &[u8],
        given: Option<&'static encoding_rs::Encoding>,
    ) -> Result<Source, DecodeError> {
        let name = name.into();
        if bytes.len() > MAX_FILE_BYTES {
            return Err(DecodeError::TooLarge { size: bytes.len() });
        }
        let legacy = |enc: &'static encoding_rs::Encoding| -> Result<Source, DecodeError> {
            let (text, checkpoints) = decode_legacy(bytes, enc)?;
            let text: Arc<str> = Arc::from(text);
            let lines = LineIndex::new(&text);
            let encoding = Encoding::Legacy { encoding: enc, bytes: Arc::from(bytes), checkpoints };
            Ok(Source { name: name.clone(), name_bytes: None, text, encoding, lines })
        };
        match given {
            Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => {
                let has_bom = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
                if !has_bom {
                    let (text, checkpoints) = decode_utf16_from(bytes, enc == encoding_rs::UTF_16LE, 0)?;
                    let text: Arc<str> = Arc::from(text);
                    let lines = LineIndex::new(&text);
                    return Ok(Source {
                        name,
                        name_bytes: None,
                        text,
                        encoding: Encoding::Utf16 { checkpoints },
                        lines,
                    });
                }
            }
            Some(enc) if enc != encoding_rs::UTF_8 => return legacy(enc),
            _ => {}
        }
        // UTF-8 is copied once, straight into the shared text.
        let (text, encoding): (Arc<str>, _) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            (Arc::from(decode_utf8(rest, 3)?), Encoding::Utf8 { bom: 3 })
        } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            let le = bytes[0] == 0xFF;
            let (text, checkpoints) = decode_utf16(&bytes[2..], le)?;
            (Arc::from(text), Encoding::Utf16 { checkpoints })
        } else {
            match decode_utf8(bytes, 0) {
                Ok(text) => (Arc::from(text), Encoding::Utf8 { bom: 0 }),
                // Not UTF-8, and not named: the CJK encoding it reads cleanly in, if any.
                Err(DecodeError::InvalidUtf8 { offset }) if given.is_none() => {
                    return detect(bytes).and_then(|enc| legacy(enc).ok()).ok_or(DecodeError::InvalidUtf8 { offset });
                }
                Err(e) => return Err(e),
            }
        };
        let lines = LineIndex::new(&text);
        Ok(Source { name, name_bytes: None, text, encoding, lines })
    }

    /// A source from text already in memory (tests, stdin after decoding).
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Source {
        let text = text.into();
        let lines = LineIndex::new(&text);
        Source {
            name: name.into(),
            name_bytes: None,
            text: Arc::from(text),
            encoding: Encoding::Utf8 { bom: 0 },
            lines,
        }
    }

    /// Name the source after a path, keeping the path's exact bytes when they are not UTF-8.
    pub fn with_path_name(mut self, path: &Path) -> Source {
        let bytes = path_bytes(path);
        self.name = String::from_utf8_lossy(&bytes).into_owned();
        self.name_bytes = std::str::from_utf8(&bytes).is_err().then(|| bytes.into_owned().into_boxed_slice());
        self
    }

    /// The name as given; a byte that is not UTF-8 shows as U+FFFD (see [`Source::name_bytes`]).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The exact bytes of the name as given.
    pub fn name_bytes(&self) -> &[u8] {
        self.name_bytes.as_deref().unwrap_or(self.name.as_bytes())
    }
    /// Is [`Source::name`] the name exactly (no byte replaced)?
    pub fn name_is_exact(&self) -> bool {
        self.name_bytes.is_none()
    }
    /// The name for a line of text: control characters and undecodable bytes escaped, so a name
    /// is always one line and never drives the terminal ([`escape_name`]).
    pub fn display_name(&self) -> String {
        escape_name(self.name_bytes())
    }
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The decoded text, shared.
    pub fn shared_text(&self) -> Arc<str> {
        Arc::clone(&self.text)
    }
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }
    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// A paper extracted from an HTML page: `text` as the parser reads it, `map` from its offsets
    /// to offsets of `file`, the page's markup as decoded.
    pub fn from_html(file: Source, text: String, map: OffsetMap) -> Source {
        let lines = LineIndex::new(&text);
        Source {
            name: file.name.clone(),
            name_bytes: file.name_bytes.clone(),
            text: Arc::from(text),
            encoding: Encoding::Html { file: Box::new(file), map },
            lines,
        }
    }

    /// A paper extracted from a docx or PDF file: its text and where each part of it is.
    /// `parts` must be sorted by `start`.
    pub fn from_document(name: impl Into<String>, text: String, format: Format, parts: Vec<Part>) -> Source {
        let lines = LineIndex::new(&text);
        Source {
            name: name.into(),
            name_bytes: None,
            text: Arc::from(text),
            encoding: Encoding::Document { format, parts },
            lines,
        }
    }

    /// The kind of file the paper was read from.
    pub fn format(&self) -> Format {
        match &self.encoding {
            Encoding::Html { .. } => Format::Html,
            Encoding::Document { format, .. } => *format,
            _ => Format::Text,
        }
    }

    /// Does a finding's place name a line and column of the file (text, Markdown, HTML), or a
    /// paragraph and page of a document that has no lines a user can find (docx, PDF)?
    pub fn has_lines(&self) -> bool {
        !matches!(self.encoding, Encoding::Document { .. })
    }

    /// Where a byte offset of the text is in the file, as the user finds it: line and column
    /// of the file (for HTML, of the page's markup), or paragraph and page (docx, PDF).
    pub fn place(&self, offset: usize) -> Place {
        match &self.encoding {
            Encoding::Document { parts, .. } => {
                let i = parts.partition_point(|p| p.start <= offset).saturating_sub(1);
                let part = parts.get(i).copied();
                Place::Part {
                    paragraph: part.and_then(|p| p.paragraph),
                    page: part.and_then(|p| p.page),
                    note: part.and_then(|p| p.note),
                }
            }
            _ => {
                let (line, column) = self.line_col(offset);
                Place::Line { line, column }
            }
        }
    }

    /// The text a human report shows a finding in, and a span of this text moved into it: an
    /// HTML page's own markup (so the lines shown are the page's), else this text.
    pub fn shown(&self) -> &Source {
        match &self.encoding {
            Encoding::Html { file, .. } => file,
            _ => self,
        }
    }

    /// A span of the text as a span of [`Source::shown`].
    pub fn shown_span(&self, span: Span) -> Span {
        match &self.encoding {
            Encoding::Html { file, map } => html_span(file.text(), map, &self.text, span),
            _ => span,
        }
    }

    /// The byte offset in the file as given of a byte offset of the decoded text.
    pub fn file_offset(&self, offset: usize) -> usize {
        match &self.encoding {
            Encoding::Html { file, map } => file.file_offset(map.to_original(offset.min(self.text.len()))),
            Encoding::Document { .. } => offset,
            Encoding::Utf8 { bom } => offset + bom,
            Encoding::Utf16 { checkpoints } => {
                let i = checkpoints.partition_point(|&(t, _)| t <= offset).saturating_sub(1);
                let (mut t, mut f) = checkpoints.get(i).copied().unwrap_or((0, 2));
                for c in self.text.get(t..).unwrap_or("").chars() {
                    if t >= offset {
                        break;
                    }
                    t += c.len_utf8();
                    f += c.len_utf16() * 2;
                }
                f
            }
            Encoding::Legacy { encoding, bytes, checkpoints } => {
                let i = checkpoints.partition_point(|&(t, _)| t <= offset).saturating_sub(1);
                let (mut t, mut f) = checkpoints.get(i).copied().unwrap_or((0, 0));
                // Decode again, a byte at a time, until the text reaches the offset.
                let mut decoder = encoding.new_decoder_without_bom_handling();
                let mut out = [0u8; 16];
                while t < offset && f < bytes.len() {
                    let (_, _, written) =
                        decoder.decode_to_utf8_without_replacement(&bytes[f..f + 1], &mut out, f + 1 == bytes.len());
                    t += written;
                    f += 1;
                }
                f
            }
        }
    }

    /// The file's bytes for a text, when the file was UTF-8: its byte-order mark, if it had one,
    /// then the text. `None` for UTF-16 and the legacy encodings, which `--fix` does not write.
    pub fn utf8_file_bytes(&self, text: &str) -> Option<Vec<u8>> {
        match self.encoding {
            Encoding::Utf8 { bom } => {
                let mut bytes = Vec::with_capacity(bom + text.len());
                if bom > 0 {
                    bytes.extend_from_slice(b"\xEF\xBB\xBF");
                }
                bytes.extend_from_slice(text.as_bytes());
                Some(bytes)
            }
            _ => None,
        }
    }

    /// The encoding the file was read in, when it was not UTF-8 or UTF-16.
    pub fn legacy_encoding(&self) -> Option<&'static str> {
        match &self.encoding {
            Encoding::Legacy { encoding, .. } => Some(encoding.name()),
            Encoding::Html { file, .. } => file.legacy_encoding(),
            _ => None,
        }
    }

    /// A span's offset and length in bytes of the file as given.
    pub fn file_span(&self, span: Span) -> Span {
        if let Encoding::Html { file, .. } = &self.encoding {
            return file.file_span(self.shown_span(span));
        }
        let start = self.file_offset(span.offset);
        let end = self.file_offset(span.end());
        Span::new(start..end)
    }

    /// 1-based line and 1-based column (in characters) of a byte offset: of the file (an HTML
    /// page's markup), or of the extracted text for a docx or PDF ([`Source::place`] says where
    /// in the document that is).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        match &self.encoding {
            Encoding::Html { file, map } => {
                let at = floor_char_boundary(&self.text, offset);
                file.line_col(map.to_original(at))
            }
            _ => self.lines.line_col(&self.text, offset),
        }
    }
}

/// A span of text extracted from an HTML page as a span of the page's markup: from its first
/// character's original to the end of its last one's (an entity ends at its `;`).
fn html_span(html: &str, map: &OffsetMap, text: &str, span: Span) -> Span {
    let start = floor_char_boundary(text, span.offset);
    let from = map.to_original(start).min(html.len());
    if span.length == 0 {
        return Span::new(from..from);
    }
    let end = floor_char_boundary(text, span.end());
    let last = text.get(..end).and_then(|t| t.char_indices().next_back()).map_or(start, |(i, _)| i.max(start));
    let at = map.to_original(last).min(html.len());
    let rest = html.get(at..).unwrap_or("");
    // An entity, up to its `;` (or its name's end when it has none); else the character.
    let name_end = rest.char_indices().skip(1).find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'));
    let c = text.get(last..).and_then(|t| t.chars().next());
    let len = match name_end {
        Some((i, ';')) if rest.starts_with('&') && i > 1 => i + 1,
        _ if c.is_some_and(|c| rest.starts_with(c)) => c.map_or(0, char::len_utf8),
        Some((i, _)) if rest.starts_with('&') => i,
        _ => rest.chars().next().map_or(0, char::len_utf8),
    };
    Span::new(from..(at + len).max(from))
}

fn decode_utf8(bytes: &[u8], base: usize) -> Result<&str, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if let Some(offset) = memchr_nul(bytes) {
                return Err(DecodeError::Binary { offset: offset + base });
            }
            Ok(s)
        }
        Err(e) => {
            let valid = e.valid_up_to();
            // A NUL before the bad byte means a binary file rather than a mis-encoded paper.
            if let Some(offset) = memchr_nul(&bytes[..valid]) {
                return Err(DecodeError::Binary { offset: offset + base });
            }
            Err(DecodeError::InvalidUtf8 { offset: valid + base })
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    // `contains` on bytes is the standard library's fast search; most files have no NUL.
    if !bytes.contains(&0) {
        return None;
    }
    bytes.iter().position(|&b| b == 0)
}

type Checkpoints = Vec<(usize, usize)>;

/// The encoding a paper that is not UTF-8 is most likely written in, when it is a CJK one.
fn detect(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    // The first 256 KB say which encoding a paper is in; the whole file is then decoded
    // without replacement, so a wrong guess is an error, not damaged text.
    const SAMPLE: usize = 256 * 1024;
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    detector.feed(sample, sample.len() == bytes.len());
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    DETECTED.contains(&guess).then_some(guess)
}

/// Decode a legacy encoding without replacement: a malformed sequence is an error with its
/// offset, never a U+FFFD in the text.
fn decode_legacy(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> Result<(String, Checkpoints), DecodeError> {
    if let Some(offset) = memchr_nul(bytes) {
        return Err(DecodeError::Binary { offset });
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut checkpoints = vec![(0usize, 0usize)];
    let mut out = [0u8; 16];
    // A byte at a time: a checkpoint is only ever taken where a character has just ended.
    for (i, b) in bytes.iter().enumerate() {
        let (result, _, written) =
            decoder.decode_to_utf8_without_replacement(std::slice::from_ref(b), &mut out, i + 1 == bytes.len());
        if let encoding_rs::DecoderResult::Malformed(..) = result {
            return Err(DecodeError::InvalidLegacy { encoding: enc.name(), offset: i });
        }
        if written > 0 {
            let before = text.len();
            // The decoder writes whole characters of valid UTF-8.
            text.push_str(
                std::str::from_utf8(&out[..written])
                    .map_err(|_| DecodeError::InvalidLegacy { encoding: enc.name(), offset: i })?,
            );
            if before / CHECKPOINT != text.len() / CHECKPOINT {
                checkpoints.push((text.len(), i + 1));
            }
        }
    }
    Ok((text, checkpoints))
}

fn decode_utf16(bytes: &[u8], le: bool) -> Result<(String, Checkpoints), DecodeError> {
    decode_utf16_from(bytes, le, 2)
}

/// UTF-16 text that starts `base` bytes into the file (after its byte-order mark, if any).
fn decode_utf16_from(bytes: &[u8], le: bool, base: usize) -> Result<(String, Checkpoints), DecodeError> {
    if bytes.len() % 2 == 1 {
        return Err(DecodeError::InvalidUtf16 { offset: bytes.len() + base - 1 });
    }
    let units = bytes.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if le { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
    });
    let mut text = String::with_capacity(bytes.len());
    let mut checkpoints = vec![(0usize, base)];
    let mut file = base;
    for r in char::decode_utf16(units) {
        let c = r.map_err(|_| DecodeError::InvalidUtf16 { offset: file })?;
        if c == '\0' {
            return Err(DecodeError::Binary { offset: file });
        }
        if text.len() / CHECKPOINT != (text.len() + c.len_utf8()) / CHECKPOINT {
            checkpoints.push((text.len(), file));
        }
        text.push(c);
        file += c.len_utf16() * 2;
    }
    Ok((text, checkpoints))
}

/// Byte offsets of line starts. `\n`, `\r\n` and a lone `\r` each end a line.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `chars[k]`: how many characters start before byte `k × CHAR_BLOCK` — so that a column
    /// far into a long line (a PDF extraction on one line) is counted from the nearest block,
    /// not from the line's start, and a report with a finding every few bytes of a 50 MB line
    /// stays linear.
    chars: Vec<u32>,
}

/// Bytes between two entries of [`LineIndex`]'s character counts.
const CHAR_BLOCK: usize = 4096;

/// Characters starting in `bytes` (of valid UTF-8, cut anywhere): the bytes that do not continue
/// a character.
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        let mut chars = Vec::with_capacity(bytes.len() / CHAR_BLOCK + 1);
        let mut n = 0usize;
        for block in bytes.chunks(CHAR_BLOCK) {
            // Fits: texts over MAX_FILE_BYTES are refused, and a character is at least a byte.
            chars.push(n as u32);
            n += char_starts(block);
        }
        LineIndex { starts, chars }
    }

    /// Characters starting before byte `offset`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let k = (offset / CHAR_BLOCK).min(self.chars.len().saturating_sub(1));
        let from = k * CHAR_BLOCK;
        self.chars.get(k).map_or(0, |&c| c as usize) + char_starts(text.as_bytes().get(from..offset).unwrap_or(&[]))
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Byte range of line `i` (0-based), line ending excluded.
    pub fn line_range(&self, text: &str, i: usize) -> Range<usize> {
        let start = self.starts[i.min(self.starts.len() - 1)];
        let mut end = self.starts.get(i + 1).copied().unwrap_or(text.len());
        let b = text.as_bytes();
        while end > start && matches!(b[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    /// Byte offset where line `i` (0-based) starts; the end of the last line past the end.
    pub fn start(&self, i: usize) -> usize {
        self.starts.get(i).or(self.starts.last()).copied().unwrap_or(0)
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// 1-based line and column; the column counts characters from the line start.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let offset = floor_char_boundary(text, offset.min(text.len())).max(start);
        let col = if offset - start <= 2 * CHAR_BLOCK || self.chars.is_empty() {
            text.get(start..offset).map_or(0, |s| s.chars().count())
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        };
        (line + 1, col + 1)
    }
}

/// The largest char boundary at or before `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Maps byte offsets of a normalised text back to the original.
///
/// Stored as segments: from `norm` onwards, normalised bytes correspond one to one with original
/// bytes starting at `orig`, until the next segment. A replaced character (a full-width digit
/// turned ASCII) starts its own segment, so only character starts are ever looked up.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    segments: Vec<(u32, u32)>,
}

impl OffsetMap {
    /// Original offset of the character starting at normalised offset `norm`.
    pub fn to_original(&self, norm: usize) -> usize {
        let i = self.segments.partition_point(|&(n, _)| n as usize <= norm);
        match i.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some(&(n, o)) => o as usize + (norm - n as usize),
            None => norm,
        }
    }
}

/// The cleaned text the parser reads, with its way back to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
}

/// A jump larger than this between two adjacent normalised characters is a gap in the original
/// (a page's footnotes between `港` and `元`): a span stops before it.
const MAX_GAP: usize = 48;

impl OffsetMap {
    /// The first segment boundary inside `range` where the original jumps by more than
    /// [`MAX_GAP`] bytes, as a normalised offset.
    fn first_gap(&self, range: Range<usize>) -> Option<usize> {
        let i = self.segments.partition_point(|&(n, _)| (n as usize) <= range.start);
        let mut prev = i.checked_sub(1).and_then(|k| self.segments.get(k)).copied();
        for &(n, o) in self.segments.get(i..).unwrap_or(&[]) {
            if n as usize >= range.end {
                break;
            }
            if let Some((pn, po)) = prev {
                let expected = po as usize + (n - pn) as usize;
                if (o as usize).saturating_sub(expected) > MAX_GAP {
                    return Some(n as usize);
                }
            }
            prev = Some((n, o));
        }
        None
    }
}

impl Normalized {
    /// The original span of a normalised byte range. `original` is the text the map points into.
    /// A range that spans a gap in the original (text moved in between by the page layout) is
    /// cut at the gap, so a label never covers a page's footnotes.
    pub fn span(&self, original: &str, range: Range<usize>) -> Span {
        if range.is_empty() {
            let o = self.map.to_original(range.start);
            return Span::new(o..o);
        }
        let start = self.map.to_original(range.start);
        let range_end = self.map.first_gap(range.clone()).unwrap_or(range.end);
        let end = floor_char_boundary(&self.text, range_end.min(self.text.len()));
        let last = self.text[..end].char_indices().next_back().map_or(range.start, |(i, _)| i);
        let last_orig = self.map.to_original(last.max(range.start));
        let len = original.get(last_orig..).and_then(|s| s.chars().next()).map_or(0, char::len_utf8);
        Span::new(start..(last_orig + len).max(start))
    }
}

/// Builds a [`Normalized`] text one character at a time.
#[derive(Debug, Default)]
pub struct NormBuilder {
    out: Normalized,
    /// Original offset the next verbatim byte would have under the current segment.
    expected: usize,
}

impl NormBuilder {
    pub fn new() -> Self {
        Self::default()
    }
    /// A builder with room for `bytes` of normalised text.
    pub fn with_capacity(bytes: usize) -> Self {
        let mut b = Self::default();
        b.out.text.reserve_exact(bytes);
        b
    }
    pub fn len(&self) -> usize {
        self.out.text.len()
    }
    pub fn is_empty(&self) -> bool {
        self.out.text.is_empty()
    }
    pub fn text(&self) -> &str {
        &self.out.text
    }
    /// Append `c` standing for the original character(s) starting at `orig`, `orig_len` bytes.
    /// Inlined: normalising calls it for every character of a paper.
    #[inline(always)]
    pub fn push(&mut self, c: char, orig: usize, orig_len: usize) {
        let verbatim = orig_len == c.len_utf8();
        if orig != self.expected || !verbatim || self.out.map.segments.is_empty() {
            // Offsets fit in u32: files over MAX_FILE_BYTES are refused at decode time.
            self.out.map.segments.push((self.out.text.len() as u32, orig as u32));
        }
        self.out.text.push(c);
        self.expected = if verbatim { orig + orig_len } else { usize::MAX };
    }
    pub fn finish(mut self) -> Normalized {
        self.out.map.segments.shrink_to_fit();
        self.out
    }
}

/// A path's bytes: exact on Unix; elsewhere the path as Unicode, which is what it is there
/// (an unpaired UTF-16 surrogate on Windows becomes U+FFFD).
pub fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        match path.to_string_lossy() {
            std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
            std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.into_bytes()),
        }
    }
}

/// A file name made safe for one line of text: `\n`, `\r`, `\t`, other control characters and
/// the bidirectional controls that reorder what a terminal shows as `\u{…}`, a byte that is not
/// UTF-8 as `\xE9`. Everything else, backslashes included, is kept.
pub fn escape_name(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') => {
                    let _ = write!(out, "\\u{{{:x}}}", c as u32);
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

/// Reads a path into a [`Source`] named `shown`, in the reader its content and extension call
/// for ([`crate::read`]) (the path as the user gave or the walk found it).
/// Errors are I/O or decode errors, already worded for the user.
pub fn read_path(
    path: &Path,
    shown: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Source, crate::error::FileError> {
    let display = escape_name(&path_bytes(shown));
    let bytes = std::fs::read(path).map_err(|e| crate::error::FileError::io(&display, e))?;
    crate::read::read_bytes(&display, &bytes, encoding)
        .map(|s| s.with_path_name(shown))
        .map_err(|e| crate::error::FileError::read(&display, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_not_in_text_but_counts_in_file_offsets() {
        let s = Source::from_bytes("x", "\u{feff}ab".as_bytes()).unwrap();
        assert_eq!(s.text(), "ab");
        assert_eq!(s.file_offset(1), 4);
    }

    #[test]
    fn invalid_utf8_reports_offset() {
        let e = Source::from_bytes("x", b"abc\xffdef").unwrap_err();
        assert_eq!(e, DecodeError::InvalidUtf8 { offset: 3 });
    }

    #[test]
    fn nul_means_binary() {
        let e = Source::from_bytes("x", b"ab\0cd").unwrap_err();
        assert_eq!(e, DecodeError::Binary { offset: 2 });
    }

    #[test]
    fn empty_and_blank_files_are_papers_with_nothing_to_say() {
        // As ruff and Vale treat them: clean, not unreadable.
        assert_eq!(Source::from_bytes("x", b"").unwrap().text(), "");
        assert_eq!(Source::from_bytes("x", b" \n\t\n").unwrap().text(), " \n\t\n");
    }

    #[test]
    fn big5_and_gb18030_are_detected_and_spans_point_at_the_files_bytes() {
        let text = "財經事務及庫務局\n\n由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%。\n".repeat(300);
        for enc in [encoding_rs::BIG5, encoding_rs::GB18030] {
            let (bytes, _, unmappable) = enc.encode(&text);
            assert!(!unmappable);
            let s = Source::from_bytes("x", &bytes).unwrap();
            assert_eq!(s.text(), text);
            // GB18030 text in the GBK range is detected as GBK, which encoding_rs decodes as GB18030.
            assert!(matches!(s.legacy_encoding(), Some("Big5" | "GBK" | "gb18030")), "{:?}", s.legacy_encoding());
            // Every `60%` maps to the bytes of `60%` in the file, past many checkpoints.
            for (at, _) in text.match_indices("60%") {
                let f = s.file_span(Span::new(at..at + 3));
                assert_eq!(&bytes[f.range()], b"60%", "{}", enc.name());
            }
        }
        // Named explicitly, a file that is also valid UTF-8 is read as named.
        let (bytes, _, _) = encoding_rs::BIG5.encode("香港");
        assert_eq!(Source::from_bytes_in("x", &bytes, Some(encoding_rs::BIG5)).unwrap().text(), "香港");
        // Bytes no CJK encoding reads: an error with the UTF-8 offset, no U+FFFD guessed.
        assert_eq!(Source::from_bytes("x", b"abc\xff\xfedef").unwrap_err(), DecodeError::InvalidUtf8 { offset: 3 });
        // A sequence malformed in the named encoding.
        let e = Source::from_bytes_in("x", b"ab\x81", Some(encoding_rs::BIG5)).unwrap_err();
        assert_eq!(e, DecodeError::InvalidLegacy { encoding: "Big5", offset: 2 });
    }

    #[test]
    fn utf16_le_with_bom_decodes_and_maps_offsets() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "a年b".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let s = Source::from_bytes("x", &bytes).unwrap();
        assert_eq!(s.text(), "a年b");
        // 'b' is at text offset 4 (1 + 3), file offset 2 + 2 + 2 = 6.
        assert_eq!(s.file_offset(4), 6);
    }

    #[test]
    fn columns_count_characters() {
        let s = Source::from_text("x", "第一行\n二零二零年六月");
        let off = "第一行\n二零".len();
        assert_eq!(s.line_col(off), (2, 3));
    }

    #[test]
    fn columns_far_into_a_long_line_count_characters() {
        let line = "年a".repeat(20_000);
        let text = format!("x\n{line}");
        let s = Source::from_text("x", text.clone());
        for chars in [0, 1, 2, 8191, 8192, 8193, 12_345, 39_999, 40_000] {
            let offset = 2 + line.char_indices().nth(chars).map_or(line.len(), |(i, _)| i);
            assert_eq!(s.line_col(offset), (2, chars + 1), "{chars}");
        }
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let s = Source::from_text("x", "a\r\nb\rc\nd");
        assert_eq!(s.lines().len(), 4);
        assert_eq!(s.line_col(5), (3, 1));
    }

    #[test]
    fn names_are_escaped_for_one_line() {
        assert_eq!(escape_name(b"a\nb\tc\x1b[31m.txt"), "a\\nb\\tc\\u{1b}[31m.txt");
        assert_eq!(escape_name(b"caf\xE9 \xE6\x96\x87.txt"), "caf\\xE9 \u{6587}.txt");
        assert_eq!(escape_name("papers\\\u{202e}txt.exe".as_bytes()), "papers\\\\u{202e}txt.exe");
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_its_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"dir/caf\xE9.txt"));
        let s = Source::from_text("", "x").with_path_name(p);
        assert_eq!(s.name(), "dir/caf\u{fffd}.txt");
        assert_eq!(s.name_bytes(), b"dir/caf\xE9.txt");
        assert!(!s.name_is_exact());
        assert_eq!(s.display_name(), "dir/caf\\xE9.txt");
        let s = Source::from_text("", "x").with_path_name(Path::new("a\nb.txt"));
        assert!(s.name_is_exact());
        assert_eq!(s.display_name(), "a\\nb.txt");
    }

    #[test]
    fn map_survives_dropped_and_replaced_chars() {
        let orig = "2 0１9 年";
        let mut b = NormBuilder::new();
        for (i, c) in orig.char_indices() {
            match c {
                ' ' => {}
                '１' => b.push('1', i, c.len_utf8()),
                _ => b.push(c, i, c.len_utf8()),
            }
        }
        let n = b.finish();
        assert_eq!(n.text, "2019年");
        let span = n.span(orig, 0..4);
        assert_eq!(&orig[span.range()], "2 0１9");
        let span = n.span(orig, 4..7);
        assert_eq!(&orig[span.range()], "年");
    }
}
