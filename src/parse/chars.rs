//! Character classes shared by the normaliser and the parsers.

/// A Han ideograph (CJK Unified Ideographs, extensions, compatibility ideographs) or `〇`.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// CJK punctuation and full-width forms: `。，、；：「」『』（）《》〈〉【】！？…` and friends.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32,
        0x3001..=0x3006 | 0x3008..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65 | 0xFE30..=0xFE4F | 0x2026)
        || matches!(c, '“' | '”' | '‘' | '’' | '·' | '—' | '•')
}

/// Anything after which or before which a space in CJK text carries no meaning.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c) || matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

/// Horizontal whitespace, including the ideographic space, NBSP and zero-width characters.
pub fn is_hspace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\u{2000}'
            ..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{feff}' | '\u{ad}' | '\u{0c}' | '\u{0b}'
    )
}

pub fn is_newline(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

pub fn is_space(c: char) -> bool {
    is_hspace(c) || is_newline(c)
}

/// The half-width form of a full-width ASCII character (`１` → `1`, `％` → `%`), if any.
/// CJK punctuation with its own meaning (`，` `：` `（`) is kept.
pub fn halfwidth(c: char) -> Option<char> {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' | '＄' | '．' | '＋' | '－' | '／' => {
            char::from_u32(c as u32 - 0xFEE0)
        }
        _ => None,
    }
}

/// Sentence-final punctuation, in either script.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '．')
}

/// Punctuation that ends a line in a way that forbids joining the next line onto it.
pub fn ends_block(c: char) -> bool {
    is_sentence_end(c) || matches!(c, '；' | '：' | ':' | ';' | '.')
}

/// Closing quotes and brackets that may follow sentence-final punctuation.
pub fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '"' | '\'' | '》' | '】' | ']')
}
