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
    // Every class below lies above ASCII, and most characters of an English paper are ASCII.
    !c.is_ascii() && (is_han(c) || is_cjk_punct(c) || matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF))
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

/// A set of characters, tested in constant time: a bit for every character of the Basic
/// Multilingual Plane, a sorted list for the rest. For scans that test every character of a
/// paper against a word list's first characters.
#[derive(Debug, Clone, Default)]
pub struct CharSet {
    /// Bit `c % 64` of word `c / 64`, for `c` below U+10000.
    bmp: Vec<u64>,
    other: Vec<char>,
}

impl CharSet {
    pub fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut set = CharSet { bmp: vec![0; 0x10000 / 64], other: Vec::new() };
        for c in chars {
            let n = c as usize;
            match set.bmp.get_mut(n / 64) {
                Some(word) => *word |= 1 << (n % 64),
                None => set.other.push(c),
            }
        }
        set.other.sort_unstable();
        set.other.dedup();
        set
    }

    pub fn contains(&self, c: char) -> bool {
        let n = c as usize;
        if n < 0x10000 {
            self.bmp.get(n / 64).is_some_and(|word| word >> (n % 64) & 1 == 1)
        } else {
            self.other.binary_search(&c).is_ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_sets_hold_what_they_were_given() {
        let set = CharSet::new(['a', '港', '𠀀', '\u{ffff}']);
        assert!(set.contains('a') && set.contains('港') && set.contains('𠀀') && set.contains('\u{ffff}'));
        assert!(!set.contains('b') && !set.contains('澳') && !set.contains('𠀁'));
        assert!(!CharSet::default().contains('a'));
    }
}
