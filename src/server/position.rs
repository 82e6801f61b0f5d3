//! Byte offsets of a document's text to LSP positions and back.
//!
//! An LSP position is a 0-based line and a column counted in the code units of the negotiated
//! position encoding: UTF-16 unless the client offers UTF-8. A CJK character is three UTF-8
//! bytes but one UTF-16 unit, so the column of `60%` after Chinese text differs by encoding.
//! Lines end at `\n`, `\r\n` or a lone `\r`, as they do in [`LineIndex`] and in the protocol.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::source::{LineIndex, Span, floor_char_boundary};

/// What a position's `character` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it among its `general.positionEncodings`, else UTF-16, which
    /// every client understands.
    pub fn negotiate(offered: &[PositionEncodingKind]) -> Encoding {
        if offered.contains(&PositionEncodingKind::UTF8) { Encoding::Utf8 } else { Encoding::Utf16 }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn units(self, s: &str) -> usize {
        match self {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
        }
    }
}

/// One document's text with its line index, for converting positions.
pub struct Text<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub encoding: Encoding,
}

impl Text<'_> {
    /// The position of a byte offset (clamped to the text, moved back to a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset);
        let line = self.lines.line_of(offset);
        let start = self.lines.start(line).min(offset);
        let character = self.encoding.units(self.text.get(start..offset).unwrap_or(""));
        Position { line: to_u32(line), character: to_u32(character) }
    }

    pub fn range(&self, span: Span) -> Range {
        Range { start: self.position(span.offset), end: self.position(span.end()) }
    }

    /// The byte offset of a position. A line past the last is the end of the text; a column past
    /// the end of its line is the end of the line; a column inside a character (half of a
    /// surrogate pair) is that character's start. Never panics.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.lines.len() {
            return self.text.len();
        }
        let range = self.lines.line_range(self.text, line);
        let Some(content) = self.text.get(range.clone()) else { return self.text.len() };
        let want = position.character as usize;
        let mut units = 0;
        for (i, c) in content.char_indices() {
            let width = match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units + width > want {
                return range.start + i;
            }
            units += width;
        }
        range.end
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str, encoding: Encoding) -> (String, LineIndex, Encoding) {
        (s.to_owned(), LineIndex::new(s), encoding)
    }

    #[test]
    fn cjk_columns_count_code_units_of_the_encoding() {
        let s = "第一行\r\n升幅 60%，😀x\n";
        let at = s.find("60%").unwrap_or(0);
        let x = s.find('x').unwrap_or(0);
        for (enc, col60, colx) in [(Encoding::Utf16, 3, 9), (Encoding::Utf8, 7, 17)] {
            let (t, l, e) = text(s, enc);
            let t = Text { text: &t, lines: &l, encoding: e };
            assert_eq!(t.position(at), Position { line: 1, character: col60 });
            assert_eq!(t.offset(Position { line: 1, character: col60 }), at);
            assert_eq!(t.position(x), Position { line: 1, character: colx });
            assert_eq!(t.offset(Position { line: 1, character: colx }), x);
        }
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let (s, l, e) = text("ab\n😀c", Encoding::Utf16);
        let t = Text { text: &s, lines: &l, encoding: e };
        assert_eq!(t.offset(Position { line: 0, character: 99 }), 2);
        assert_eq!(t.offset(Position { line: 9, character: 0 }), s.len());
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(t.offset(Position { line: 1, character: 1 }), 3);
        assert_eq!(t.offset(Position { line: 1, character: 2 }), 7);
        assert_eq!(t.position(999), Position { line: 1, character: 3 });
        // Inside a UTF-8 sequence: back to the character's start.
        assert_eq!(t.position(4), Position { line: 1, character: 0 });
    }
}
