//! Character classes shared by the normaliser and the parsers.

/// A Han ideograph (CJK Unified Ideographs, extensions, compatibility ideographs) or `〇`.
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// CJK punctuation and full-width forms: `。，、；：「」『』（）《》〈〉【】！？…` and friends.
#[inline]
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32,
        0x3001..=0x3006 | 0x3008..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65 | 0xFE30..=0xFE4F | 0x2026)
        || matches!(c, '“' | '”' | '‘' | '’' | '·' | '—' | '•')
}

/// The length in bytes of the UTF-8 character that starts with byte `lead`, for scans that pass
/// over characters without decoding them.
#[inline]
pub fn utf8_len(lead: u8) -> usize {
    match lead {
        0..0x80 => 1,
        0xc0..0xe0 => 2,
        0xe0..0xf0 => 3,
        _ => 4,
    }
}

/// Anything after which or before which a space in CJK text carries no meaning.
#[inline]
pub fn is_cjk(c: char) -> bool {
    // Every class below lies above ASCII, and most characters of an English paper are ASCII.
    !c.is_ascii() && (is_han(c) || is_cjk_punct(c) || matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF))
}

/// Horizontal whitespace, including the ideographic space, NBSP and zero-width characters.
#[inline]
pub fn is_hspace(c: char) -> bool {
    // Printable ASCII and everything above U+3000 but U+FEFF (Han, CJK punctuation) are no
    // space: most characters are turned away with a test or two.
    match c {
        '!'..='\u{9f}' => return false,
        '\u{3001}'.. => return c == '\u{feff}',
        _ => {}
    }
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\u{2000}'
            ..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{feff}' | '\u{ad}' | '\u{0c}' | '\u{0b}'
    )
}

#[inline]
pub fn is_newline(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

#[inline]
pub fn is_space(c: char) -> bool {
    // As in `is_hspace`: no line break is printable ASCII or above U+3000 either.
    match c {
        '!'..='\u{84}' => false,
        '\u{3001}'.. => c == '\u{feff}',
        _ => is_hspace(c) || is_newline(c),
    }
}

/// The half-width form of a full-width ASCII character (`１` → `1`, `％` → `%`), if any.
/// CJK punctuation with its own meaning (`，` `：` `（`) is kept.
#[inline]
pub fn halfwidth(c: char) -> Option<char> {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' | '＄' | '．' | '＋' | '－' | '／' => {
            char::from_u32(c as u32 - 0xFEE0)
        }
        _ => None,
    }
}

/// The unified ideograph a CJK compatibility ideograph stands for (`U+F98E` → `年`): PDF text
/// from some fonts writes common characters this way. Only these code points are folded (see
/// `scripts/gen-char-folds.py`), never the rest of the text.
#[inline]
pub fn unified_ideograph(c: char) -> Option<char> {
    if !matches!(c as u32, 0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F) {
        return None;
    }
    lookup(&super::char_folds::COMPAT_IDEOGRAPHS, c)
}

/// A private-use code point (U+E000–U+F8FF), as PDF text from CJK and symbol fonts leaves them.
#[inline]
pub fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF)
}

/// The character a Hong Kong font put in the private-use area (`U+E2E5` → `着`, `U+E473` → `邨`),
/// by its Big5-HKSCS code. Only meaningful inside Chinese text: the caller decides that.
#[inline]
pub fn hkscs_private_use(c: char) -> Option<char> {
    if !matches!(c as u32, 0xE000..=0xF848) {
        return None;
    }
    lookup(&super::char_folds::HKSCS_PUA, c)
}

fn lookup(table: &[(u32, u32)], c: char) -> Option<char> {
    let k = table.binary_search_by_key(&(c as u32), |&(a, _)| a).ok()?;
    table.get(k).and_then(|&(_, b)| char::from_u32(b))
}

/// The character as the parser compares it: half-width for full-width ASCII, unified for a
/// compatibility ideograph or Kangxi radical.
#[inline]
pub fn fold(c: char) -> char {
    // Nothing below U+2E80 or from U+3000 to U+F8FF is folded (most text): two tests.
    if c < '\u{2e80}' || ('\u{3000}'..'\u{f900}').contains(&c) {
        return c;
    }
    halfwidth(c).or_else(|| unified_ideograph(c)).unwrap_or(c)
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

/// A set of characters, tested in constant time: a bitmap for each block of 256 characters of the
/// Basic Multilingual Plane that holds any, a sorted list for the rest. For scans that test every
/// character of a paper against a word list's first characters. Sparse, because there are dozens
/// of word lists and each is built at start-up: a full BMP bitmap is 8 KB to zero per set.
#[derive(Debug, Clone, Default)]
pub struct CharSet {
    /// For each block `c >> 8`: 0 when empty, else 1 + its index in `bits`. Empty for an empty set.
    pages: Vec<u16>,
    /// Bit `c % 64` of word `(c & 0xff) / 64`, per block.
    bits: Vec<[u64; 4]>,
    other: Vec<char>,
    /// The blocks of 64 that hold a three-byte character of the set (U+0800–U+FFFF): bit
    /// `second & 0x3f` of word `lead & 0x0f`, from the first two bytes of its UTF-8.
    blocks3: [u64; 16],
}

impl CharSet {
    pub fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut set = CharSet::default();
        for c in chars {
            let n = c as usize;
            if n >= 0x10000 {
                set.other.push(c);
                continue;
            }
            if n >= 0x800 {
                set.blocks3[n >> 12] |= 1 << ((n >> 6) & 0x3f);
            }
            if set.pages.is_empty() {
                set.pages = vec![0; 256];
            }
            let page = &mut set.pages[n >> 8];
            if *page == 0 {
                set.bits.push([0; 4]);
                // At most 256 blocks, so the index always fits.
                *page = set.bits.len() as u16;
            }
            set.bits[usize::from(*page) - 1][(n & 0xff) >> 6] |= 1 << (n & 63);
        }
        set.other.sort_unstable();
        set.other.dedup();
        set
    }

    pub fn contains(&self, c: char) -> bool {
        self.contains_code(c as u32)
    }

    /// The blocks of 64 that hold a three-byte character of the set: bit `second & 0x3f` of word
    /// `lead & 0x0f`, from the first two bytes of its UTF-8.
    pub fn blocks3(&self) -> &[u64; 16] {
        &self.blocks3
    }

    /// The characters of `text` in the set, with their offsets: `text.char_indices()` filtered
    /// by [`CharSet::contains`]. A three-byte character in a block of 64 that holds none of the
    /// set (in a Chinese paper, most characters) is passed over from its first two bytes,
    /// without being decoded.
    pub fn find_in<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, char)> + 't {
        let b = text.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            while let Some(&x) = b.get(i) {
                // `text` is valid UTF-8: a lead byte `1110xxxx` has two continuation bytes.
                if x & 0xf0 == 0xe0 && self.blocks3[usize::from(x & 0x0f)] >> (b[i + 1] & 0x3f) & 1 == 0 {
                    i += 3;
                    continue;
                }
                let c = text[i..].chars().next()?;
                let at = i;
                i += c.len_utf8();
                if self.contains(c) {
                    return Some((at, c));
                }
            }
            None
        })
    }

    /// [`CharSet::contains`] for a code point as a number, as a scan that decodes UTF-8 itself
    /// has it (`false` for a number no character has).
    pub fn contains_code(&self, n: u32) -> bool {
        let n = n as usize;
        if n < 0x10000 {
            match self.pages.get(n >> 8) {
                Some(&page) if page > 0 => self.bits[usize::from(page) - 1][(n & 0xff) >> 6] >> (n & 63) & 1 == 1,
                _ => false,
            }
        } else {
            char::from_u32(n as u32).is_some_and(|c| self.other.binary_search(&c).is_ok())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_in_reads_utf8_as_char_indices_would() {
        let sets = [
            CharSet::new("持份者和及、(1aZ\u{7ff}\u{800}\u{ffff}\u{10000}𠀀".chars()),
            CharSet::new("防衞綫".chars()),
            CharSet::new([]),
        ];
        let text = "主要持份者與HKMA及HKMAX、防衛(1)\u{7ff}\u{800}\u{ffff}\u{10000}𠀀字 z é";
        for set in &sets {
            for (i, _) in text.char_indices() {
                let t = &text[i..];
                let plain: Vec<(usize, char)> = t.char_indices().filter(|&(_, c)| set.contains(c)).collect();
                assert_eq!(set.find_in(t).collect::<Vec<_>>(), plain, "{t:?}");
            }
        }
    }

    /// The fast paths of `is_hspace`, `is_space` and `fold` answer as their full tests do, for
    /// every character.
    #[test]
    fn fast_paths_agree_with_the_full_tests() {
        let hspace = |c: char| {
            matches!(
                c,
                ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\u{2000}'
                    ..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{feff}' | '\u{ad}' | '\u{0c}' | '\u{0b}'
            )
        };
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_hspace(c), hspace(c), "{c:?}");
            assert_eq!(is_space(c), hspace(c) || is_newline(c), "{c:?}");
            assert_eq!(fold(c), halfwidth(c).or_else(|| unified_ideograph(c)).unwrap_or(c), "{c:?}");
        }
    }

    #[test]
    fn compatibility_ideographs_and_hkscs_glyphs_fold() {
        assert_eq!(unified_ideograph('\u{F98E}'), Some('年'));
        assert_eq!(unified_ideograph('\u{F969}'), Some('數'));
        assert_eq!(unified_ideograph('\u{FA08}'), Some('行'));
        // Not a compatibility ideograph: nothing to fold.
        assert_eq!(unified_ideograph('年'), None);
        assert_eq!(unified_ideograph('①'), None);
        assert_eq!(hkscs_private_use('\u{E2E5}'), Some('着'));
        assert_eq!(hkscs_private_use('\u{E473}'), Some('邨'));
        assert_eq!(hkscs_private_use('\u{E40C}'), Some('衞'));
        // Symbol-font glyphs (a tick, a rule) stand for no character.
        assert_eq!(hkscs_private_use('\u{F0FC}'), None);
        assert_eq!(hkscs_private_use('\u{F8E7}'), None);
    }

    #[test]
    fn char_sets_hold_what_they_were_given() {
        let set = CharSet::new(['a', '港', '𠀀', '\u{ffff}']);
        assert!(set.contains('a') && set.contains('港') && set.contains('𠀀') && set.contains('\u{ffff}'));
        assert!(!set.contains('b') && !set.contains('澳') && !set.contains('𠀁'));
        assert!(!CharSet::default().contains('a'));
        // Neighbours in the same block and in the next one stay out.
        let set = CharSet::new(['\u{00ff}', '\u{4e00}']);
        assert!(set.contains('\u{00ff}') && set.contains('\u{4e00}'));
        assert!(!set.contains('\u{00fe}') && !set.contains('\u{0100}') && !set.contains('\u{4e01}'));
    }

    #[test]
    fn compatibility_ideographs_fold_to_the_characters_they_stand_for() {
        assert_eq!(fold('\u{F98E}'), '年');
        assert_eq!(fold('\u{F9D1}'), '六');
        assert_eq!(fold('\u{F969}'), '數');
        assert_eq!(fold('\u{2F49}'), '月');
        assert_eq!(fold('１'), '1');
        assert_eq!(fold('年'), '年');
    }
}
