//! What several rules need: finding vocabulary in a sentence, describing figures, and the
//! interval arithmetic of a stated change.
//!
//! ## What it does
//!
//! Not a rule itself: word lists with longest-match lookup, how a figure is shown in a message,
//! and the interval test every arithmetic rule uses to decide that no stated value can satisfy a claim.

use std::ops::Range;

use crate::document::{Document, Figure, FigureKind};
use crate::parse::vocab::Words;
use crate::quantity::{Interval, Q, fmt_grouped, fmt_q, int};

/// A word list for rules: longest first; ASCII words match case-insensitively at word
/// boundaries. Built on the parser's indexed [`Words`].
#[derive(Debug, Clone, Default)]
pub struct WordList {
    words: Words<()>,
    /// Characters that, straight before a word, make it no match (`負` before `增長`: negative
    /// growth is no rise).
    not_after: Vec<char>,
}

impl WordList {
    pub fn new(words: Vec<String>) -> Self {
        WordList { words: Words::new(words.into_iter().map(|w| (w, ())).collect()), not_after: Vec::new() }
    }
    /// The same list, matching no word straight after one of `chars`.
    pub fn not_after(mut self, chars: impl IntoIterator<Item = char>) -> Self {
        self.not_after = chars.into_iter().collect();
        self
    }
    fn negated(&self, before: &str) -> bool {
        !self.not_after.is_empty() && before.chars().next_back().is_some_and(|c| self.not_after.contains(&c))
    }
    /// Every occurrence in `text` (non-overlapping, leftmost-longest), as byte ranges.
    ///
    /// Every character where a word could start is tried: the scan reads the UTF-8 bytes itself,
    /// since it runs over whole papers once per word list and most characters start no word.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        if self.words.is_empty() {
            return out;
        }
        let b = text.as_bytes();
        // `text` is valid UTF-8, so a lead byte is followed by its continuation bytes; a byte
        // past the end reads as 0 and only ever makes a character no word starts with.
        let cont = |k: usize| u32::from(b.get(k).copied().unwrap_or(0) & 0x3f);
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            if x < 0x80 {
                // A word that begins with a Latin letter begins no match straight after a Latin
                // letter or digit (see `at`), which spares most of an English text.
                let glued = x.is_ascii_alphabetic() && i > 0 && b[i - 1].is_ascii_alphanumeric();
                if !glued
                    && self.words.could_start_code(u32::from(x))
                    && let Some(w) = self.at(text, i)
                {
                    out.push(i..i + w);
                    i += w;
                    continue;
                }
                i += 1;
                // So the rest of a word's letters are passed over at once.
                if x.is_ascii_alphanumeric() {
                    while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
                        i += 1;
                    }
                }
                continue;
            }
            // Most characters of a Chinese text take three bytes and lie in no block of 64 that
            // a word of the list starts in: passed over in a run, from their first two bytes.
            if x & 0xf0 == 0xe0 && !self.words.could_start_3(x, b.get(i + 1).copied().unwrap_or(0)) {
                i += 3;
                while let Some(&[lead, second]) = b.get(i..i + 2)
                    && lead & 0xf0 == 0xe0
                    && !self.words.could_start_3(lead, second)
                {
                    i += 3;
                }
                continue;
            }
            let (code, len) = match x {
                0xc0..0xe0 => (u32::from(x & 0x1f) << 6 | cont(i + 1), 2),
                0xe0..0xf0 => (u32::from(x & 0x0f) << 12 | cont(i + 1) << 6 | cont(i + 2), 3),
                _ => (u32::from(x & 0x07) << 18 | cont(i + 1) << 12 | cont(i + 2) << 6 | cont(i + 3), 4),
            };
            if self.words.could_start_code(code)
                && let Some(w) = self.at(text, i)
            {
                out.push(i..i + w);
                // Matches do not overlap.
                i += w;
            } else {
                i += len;
            }
        }
        out
    }
    /// [`WordList::find_all`] for several lists over one text, in one pass: each list's
    /// occurrences, as its own `find_all` gives them. A clause is searched for the words of
    /// several lists at once; a character that starts a word of none of them (most of a
    /// Chinese text) is passed over once, not once per list.
    pub fn find_all_each<const N: usize>(lists: [&WordList; N], text: &str) -> [Vec<Range<usize>>; N] {
        let mut out: [Vec<Range<usize>>; N] = std::array::from_fn(|_| Vec::new());
        // Where each list's last match ended: a list's matches do not overlap.
        let mut next = [0usize; N];
        let mut blocks3 = [0u64; 16];
        for l in lists {
            for (b, l) in blocks3.iter_mut().zip(l.words.blocks3()) {
                *b |= l;
            }
        }
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(&x) = b.get(i) {
            // `text` is valid UTF-8: a lead byte `1110xxxx` has two continuation bytes.
            if x & 0xf0 == 0xe0 && blocks3[usize::from(x & 0x0f)] >> (b[i + 1] & 0x3f) & 1 == 0 {
                i += 3;
                continue;
            }
            let Some(c) = text[i..].chars().next() else { break };
            // A word that begins with a Latin letter begins no match straight after a Latin
            // letter or digit (see `at`).
            let glued = c.is_ascii_alphabetic() && i > 0 && b[i - 1].is_ascii_alphanumeric();
            if !glued {
                for (k, l) in lists.iter().enumerate() {
                    if i >= next[k]
                        && l.words.could_start(c)
                        && let Some(w) = l.at(text, i)
                    {
                        out[k].push(i..i + w);
                        next[k] = i + w;
                    }
                }
            }
            i += c.len_utf8();
        }
        out
    }
    /// [`WordList::find_all`] the plain way, over `char_indices`: what the fast scan must match.
    #[cfg(test)]
    fn find_all_by_char(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut next = 0;
        let mut glued = false;
        for (i, c) in text.char_indices() {
            let after_alnum = std::mem::replace(&mut glued, c.is_ascii_alphanumeric());
            if i < next || (after_alnum && c.is_ascii_alphabetic()) || !self.words.could_start(c) {
                continue;
            }
            if let Some(w) = self.at(text, i) {
                out.push(i..i + w);
                next = i + w;
            }
        }
        out
    }
    /// Length of the longest word starting at `i`, if any.
    pub fn at(&self, text: &str, i: usize) -> Option<usize> {
        let rest = text.get(i..)?;
        let (w, ()) = self.words.prefix_of(rest)?;
        let ascii = w.bytes().any(|b| b.is_ascii_alphabetic());
        if ascii && text[..i].ends_with(|c: char| c.is_ascii_alphanumeric()) || self.negated(&text[..i]) {
            return None;
        }
        Some(w.len())
    }
    /// Does `text` end with one of the words (ignoring trailing spaces)? Returns where it starts.
    pub fn ends(&self, text: &str) -> Option<usize> {
        let t = text.trim_end();
        let (w, ()) = self.words.suffix_of(t)?;
        let at = t.len() - w.len();
        (!self.negated(&t[..at])).then_some(at)
    }
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
    /// The length in bytes of the longest word.
    pub fn longest(&self) -> usize {
        self.words.longest()
    }
}

/// The text between two normalised offsets, or "" if out of range.
pub fn between(doc: &Document, a: usize, b: usize) -> &str {
    if a <= b { doc.norm.text.get(a..b).unwrap_or("") } else { "" }
}

/// A figure's value in plain digits (`264,000`, `14.7億` → `1,470,000,000`).
pub fn plain(f: &Figure) -> String {
    match f.kind {
        FigureKind::Percent | FigureKind::PercentagePoints => format!("{}%", fmt_q(&f.value, 4)),
        _ => fmt_grouped(&f.value, 4),
    }
}

/// The digits of a figure and its scale word, when that is all its numeral is:
/// `$486.6 billion` → (`486.6`, `billion`), `486萬個` → (`486`, `萬`), `264,000宗` → (`264,000`, ``).
/// `None` for forms such as `8億6千萬` whose digits alone mean nothing.
fn digits_and_scale(doc: &Document, f: &Figure) -> Option<(String, String)> {
    let t = f.text(doc);
    let Some(start) = t.find(|c: char| c.is_ascii_digit()) else { return cn_digits_and_scale(t, &f.value) };
    let digits: String = t[start..].chars().take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.')).collect();
    let rest = t[start + digits.len()..].trim_start();
    const SCALES: [&str; 13] =
        ["萬億", "万亿", "萬", "万", "億", "亿", "千", "trillion", "billion", "million", "thousand", "bn", "mn"];
    let scale = SCALES.iter().find(|s| rest.starts_with(**s)).map_or("", |s| *s);
    let after = &rest[scale.len()..];
    let clean = !after.chars().any(|c| c.is_ascii_digit() || crate::parse::number::is_cn_numeral_char(c));
    clean.then(|| (digits, scale.to_owned()))
}

/// [`digits_and_scale`] for a Chinese numeral: `五七八四.九億美元` → (`5,784.9`, `億`), `六千億` →
/// (`6,000`, `億`), `九百三十八點八億` → (`938.8`, `億`). The numeral's value in its last scale word, with the decimals it was written
/// with; `None` when a scale word stands inside it (`八億六千萬`) or it has none and no value.
fn cn_digits_and_scale(t: &str, value: &Q) -> Option<(String, String)> {
    use crate::parse::number::{cn_big_power, is_cn_numeral_char};
    let start = t.find(is_cn_numeral_char)?;
    // `.` or `點` is the decimal point (`九百三十八點八億`).
    let run: String =
        t[start..].chars().take_while(|&c| is_cn_numeral_char(c) || matches!(c, '.' | '點' | '点')).collect();
    let scale: String =
        run.chars().rev().take_while(|&c| cn_big_power(c).is_some()).collect::<Vec<_>>().into_iter().rev().collect();
    let body = &run[..run.len() - scale.len()];
    if body.is_empty() || body.chars().any(|c| cn_big_power(c).is_some()) {
        return None;
    }
    // The numeral must be the whole figure: not `三` of `三分之二`, nor `兩` of `兩成`.
    let after = &t[start + run.len()..];
    let whole = crate::parse::number::numeral(&run).is_ok_and(|(rest, n)| rest.is_empty() && n.value == *value);
    if !whole || after.chars().any(|c| c.is_ascii_digit() || is_cn_numeral_char(c)) {
        return None;
    }
    let power: u32 = scale.chars().filter_map(cn_big_power).sum();
    let decimals = body.split_once(['.', '點', '点']).map_or(0, |(_, d)| d.chars().count() as u32);
    let digits = fmt_grouped(&crate::quantity::times_pow10(value, -(power as i32)), decimals);
    Some((digits, scale))
}

/// How figures are shown side by side in arithmetic: the digits as written when they share a
/// scale (`264,000 / 168,000`, `44.2 / (486.6 − 44.2)` for billions), otherwise their full values
/// (`160,000,000 → 1,200,000,000`), so no expression mixes scales.
pub fn shown(doc: &Document, figs: &[&Figure]) -> Vec<String> {
    let parts: Vec<Option<(String, String)>> = figs.iter().map(|f| digits_and_scale(doc, f)).collect();
    let same_scale = parts.iter().all(Option::is_some)
        && parts.windows(2).all(|w| matches!((&w[0], &w[1]), (Some(a), Some(b)) if a.1 == b.1));
    if same_scale {
        parts.into_iter().map(|p| p.map(|p| p.0).unwrap_or_default()).collect()
    } else {
        figs.iter().map(|f| plain(f)).collect()
    }
}

/// `b − a` on the scale [`shown`] displays them, with as many decimals as the figures have.
pub fn shown_difference(doc: &Document, a: &Figure, b: &Figure) -> (String, String, String) {
    let names = shown(doc, &[a, b]);
    let parse = |s: &str| crate::quantity::parse_decimal(&s.replace(',', ""));
    let decimals = names.iter().map(|n| n.split_once('.').map_or(0, |(_, f)| f.len())).max().unwrap_or(0) as u32;
    let diff = match (parse(&names[0]), parse(&names[1])) {
        (Some((qa, _)), Some((qb, _))) => qb - qa,
        _ => &b.value - &a.value,
    };
    let sign = if diff.is_negative() { "−" } else { "+" };
    let d = format!("{sign}{}", crate::quantity::fmt_grouped(&diff.abs(), decimals));
    let [na, nb]: [String; 2] = names.try_into().unwrap_or_default();
    (na, nb, d)
}

/// One figure shown on its own (its digits as written, or its full value).
pub fn short(doc: &Document, f: &Figure) -> String {
    shown(doc, &[f]).pop().unwrap_or_default()
}

/// Direction of a stated change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn sign(self) -> Q {
        match self {
            Direction::Up => int(1),
            Direction::Down => int(-1),
        }
    }
    pub fn word(self) -> &'static str {
        match self {
            Direction::Up => "rise",
            Direction::Down => "fall",
        }
    }
}

/// `new / base − 1`, in percent, over the stated intervals; `None` unless the base is positive.
pub fn relative_change(base: &Interval, new: &Interval) -> Option<Interval> {
    let ratio = new.div(base)?;
    Some(ratio.sub(&Interval::point(int(1))).scale(&int(100)))
}

/// The change implied by a new value and the difference: `delta / (new − delta)` for a rise,
/// `−delta / (new + delta)` for a fall, in percent.
///
/// Computed from the monotonicity of the expression (it grows with the difference and shrinks
/// with the new value) rather than by interval division, so an open-ended difference
/// (`超過 83 萬`) gives an open-ended change instead of none.
pub fn change_from_delta(new: &Interval, delta: &Interval, dir: Direction) -> Option<Interval> {
    let (b_lo, b_hi) = (new.lo.as_ref()?, new.hi.as_ref());
    let d_lo = delta.lo.as_ref()?;
    if d_lo.is_negative() {
        return None;
    }
    let hundred = int(100);
    let ratio = |d: &Q, b: &Q| -> Option<Q> {
        let base = match dir {
            Direction::Up => b - d,
            Direction::Down => b + d,
        };
        base.is_positive().then(|| d / base * &hundred)
    };
    // Smallest change: the smallest difference on the largest new value.
    let lo = match b_hi {
        Some(bh) => Some(ratio(d_lo, bh)?),
        None => Some(Q::zero()),
    };
    // Largest change: the largest difference on the smallest new value (unbounded if the
    // difference may reach the new value).
    let hi = match &delta.hi {
        Some(dh) => ratio(dh, b_lo),
        None if dir == Direction::Down => Some(hundred.clone()),
        None => None,
    };
    let r = Interval { lo, hi };
    Some(match dir {
        Direction::Up => r,
        Direction::Down => r.neg(),
    })
}

/// The change implied by a base and the difference, in percent.
pub fn change_from_base_delta(base: &Interval, delta: &Interval, dir: Direction) -> Option<Interval> {
    let r = delta.div(base)?.scale(&int(100));
    Some(match dir {
        Direction::Up => r,
        Direction::Down => r.neg(),
    })
}

/// A point estimate for showing (never for deciding).
pub fn midpoint(i: &Interval) -> Option<Q> {
    match (&i.lo, &i.hi) {
        (Some(a), Some(b)) => Some((a + b) / int(2)),
        _ => None,
    }
}

/// Is the whole interval on the other side of zero from `dir`?
pub fn against(i: &Interval, dir: Direction) -> bool {
    match dir {
        Direction::Up => i.hi.as_ref().is_some_and(|h| h.is_negative() || h.is_zero()),
        Direction::Down => i.lo.as_ref().is_some_and(|l| l.is_positive() || l.is_zero()),
    }
}

/// A name broken over lines as one line: a break between two Chinese characters (or brackets)
/// goes, any other becomes one space (`香港日本人\n學校(1)` → `香港日本人學校(1)`).
pub fn one_line(s: &str) -> String {
    let cjk = |c: char| crate::parse::chars::is_han(c) || matches!(c, '(' | ')' | '（' | '）');
    let mut out = String::new();
    for word in s.split_whitespace() {
        let join = out.chars().next_back().is_some_and(cjk) && word.starts_with(cjk);
        if !out.is_empty() && !join {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{WordList, cn_digits_and_scale, one_line};

    #[test]
    fn find_all_reads_utf8_as_char_indices_would() {
        let words = |w: &[&str]| WordList::new(w.iter().map(|s| (*s).to_owned()).collect());
        let lists = [
            words(&["增加", "上升", "增長", "increase", "rise", "more than", "à la", "𠀀字", "é"]).not_after(['負']),
            words(&["和", "及", "、", "and", "or", "(", "1", "ü"]),
            words(&["分別", "respectively"]),
        ];
        let mut texts: Vec<String> = ["samples/legco-fintech-2020.zh.txt", "samples/planted-budget-sheet.en.txt"]
            .iter()
            .filter_map(|p| std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_owned() + p).ok())
            .collect();
        texts.push("Rise, RISE and arise: 負增長、增加及上升 à la carte, é, 𠀀字和 x1and (or) über".to_owned());
        texts.push(String::new());
        for t in &texts {
            for (i, _) in t.char_indices().take(200) {
                let each = WordList::find_all_each([&lists[0], &lists[1], &lists[2]], &t[i..]);
                assert_eq!(each, [lists[0].find_all(&t[i..]), lists[1].find_all(&t[i..]), lists[2].find_all(&t[i..])]);
            }
        }
        for list in &lists {
            for t in &texts {
                assert_eq!(list.find_all(t), list.find_all_by_char(t));
                // Every suffix too, so that every kind of character comes first and last.
                for (i, _) in t.char_indices().take(200) {
                    assert_eq!(list.find_all(&t[i..]), list.find_all_by_char(&t[i..]));
                }
            }
        }
    }

    #[test]
    fn chinese_numerals_are_shown_in_their_own_scale() {
        let q = |s: &str| crate::quantity::parse_decimal(s).unwrap().0;
        let pair = |t: &str, v: &str| cn_digits_and_scale(t, &q(v));
        assert_eq!(pair("五七八四.九億美元", "578490000000"), Some(("5,784.9".into(), "億".into())));
        assert_eq!(pair("九百三十八點八億美元", "93880000000"), Some(("938.8".into(), "億".into())));
        assert_eq!(pair("六千億", "600000000000"), Some(("6,000".into(), "億".into())));
        assert_eq!(pair("八億六千萬港元", "860000000"), None);
    }

    #[test]
    fn one_line_joins_chinese_and_spaces_the_rest() {
        assert_eq!(one_line("香港日本人\n學校(1)"), "香港日本人學校(1)");
        assert_eq!(one_line("斯 里 蘭 卡"), "斯里蘭卡");
        assert_eq!(one_line("Sri\n  Lanka (Colombo)"), "Sri Lanka (Colombo)");
    }
}
