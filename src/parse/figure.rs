//! Figures: a numeral with what makes it a quantity — its unit, currency, classifier or noun,
//! the qualifier that widens or bounds it, and the interval it therefore stands for.
//!
//! Grammar (on the normalised text), Chinese and English alike:
//!
//! ```text
//! figure   = [qualifier] [currency] (百分之 numeral | numeral) [多|餘] [scale] unit [postfix]
//! unit     = % | 個百分點 | percentage points | 倍 | times | 成 | 分之 numeral | ：numeral
//!          | currency | duration | classifier | English noun | (nothing: a bare number)
//! ```
//!
//! A Chinese numeral with no unit is not a figure (`一直`, `統一`); an Arabic one is a bare
//! number. Numbers glued to Latin letters (`8G`, `COVID-19`, `Money20/20`), ordinals (`第 3`)
//! and references (`paragraph 53`) are not figures.

use std::ops::Range;

use super::chars::{is_cjk, is_han};
use super::number::{self, Numeral, digit_run, is_cn_numeral_char};
use super::vocab::{Vocabulary, vocabulary};
use crate::document::{FigureKind, Qualifier};
use crate::quantity::{Interval, Q, half, int, times_pow10};

/// A figure found in the normalised text, before it is placed in the document.
#[derive(Debug, Clone)]
pub struct FigureMatch {
    /// Range in the normalised text: currency prefix to postfix qualifier; the qualifier before
    /// the figure is not included.
    pub range: Range<usize>,
    pub value: Q,
    pub interval: Interval,
    pub rounding: Q,
    pub kind: FigureKind,
    pub qualifier: Option<Qualifier>,
    pub qualifier_range: Option<Range<usize>>,
}

/// What the scanner found at a position.
#[derive(Debug)]
pub enum Scan {
    Figure(Box<FigureMatch>),
    /// Not a figure; skip to this offset (an identifier, an ordinal, a reference).
    Skip(usize),
    /// A number that cannot be interpreted, and why.
    Unparsed(usize, String),
    Nothing,
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Characters that can begin a figure.
pub fn could_start(c: char) -> bool {
    c.is_ascii_digit()
        || is_cn_numeral_char(c)
        || matches!(c, '$' | '£' | '€' | '¥' | 'H' | 'U' | 'S' | 'A' | 'N' | 'R' | '港' | '人' | '美')
        || c.is_ascii_alphabetic()
}

/// The characters of three UTF-8 bytes that [`could_start`] a figure: the Chinese numerals
/// ([`crate::parse::number::is_cn_numeral_char`]), `港`, `人`, `美` and `€`.
pub const STARTS_3: &str = "零〇○一壹二貳贰兩两三參叁四肆五伍六陸陆七柒八捌九玖十拾百佰千仟萬万億亿廿卅港人美€";

/// Try to read a figure starting exactly at `i`.
pub fn scan(text: &str, i: usize) -> Scan {
    let v = vocabulary();
    let Some(rest) = text.get(i..) else {
        return Scan::Nothing;
    };
    let Some(c) = rest.chars().next() else {
        return Scan::Nothing;
    };
    let prev = prev_char(text, i);

    // A number glued to Latin letters is part of a name or code: skip the whole token.
    if prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '_') {
        return Scan::Skip(skip_token(text, i));
    }

    // Currency written before the number.
    let mut j = i;
    let mut currency: Option<String> = None;
    if let Some((w, code)) = v.currency_prefix.prefix_of(rest) {
        let after = &rest[w.len()..];
        let after_t = after.trim_start_matches(' ');
        if after_t.starts_with(|c: char| c.is_ascii_digit()) && after.len() - after_t.len() <= 1 {
            currency = Some(code);
            j = i + w.len() + (after.len() - after_t.len());
        } else if c.is_ascii_alphabetic() || !c.is_ascii_digit() && !is_cn_numeral_char(c) {
            return if c.is_ascii_alphabetic() { english_at(text, i, v) } else { Scan::Nothing };
        }
    }
    let rest_j = &text[j..];
    let first = rest_j.chars().next().unwrap_or(' ');

    if first.is_ascii_alphabetic() && currency.is_none() {
        return english_at(text, i, v);
    }

    // 百分之 N: a percentage written out.
    if let Some(after) = rest_j.strip_prefix("百分之") {
        if let Ok((_, n)) = number::numeral(after) {
            let end = j + "百分之".len() + n.len;
            return finish(text, i, end, n, FigureKind::Percent, false, v);
        }
        return Scan::Nothing;
    }

    if is_cn_numeral_char(first) && !first.is_ascii_digit() {
        if prev == Some('第') {
            return Scan::Skip(skip_numeral(text, j));
        }
        // Cheap test before the exact fold: a Chinese numeral must be followed by a unit.
        let run_end = j + rest_j
            .char_indices()
            .find(|(_, c)| !(is_cn_numeral_char(*c) || c.is_ascii_digit() || matches!(c, ',' | '.')))
            .map_or(rest_j.len(), |(k, _)| k);
        let next = text[run_end..].chars().next();
        if !next.is_some_and(|n| is_han(n) || matches!(n, '%' | '：' | ':')) {
            return Scan::Nothing;
        }
        // `零件`, `零售`: a lone 零 that starts a word is no zero. A lone formal digit is a word
        // of its own far more often than a numeral (`大陸方面`, `隊伍`, `參與`): formal numerals
        // are written in full (`陸拾`, `壹萬`).
        let run = &text[j..run_end];
        if run == "零" && v.zero_not_before.prefix_of(&text[run_end..]).is_some()
            || run.chars().count() == 1 && run.chars().all(|c| "壹貳贰參叁肆伍陸陆柒捌玖".contains(c))
        {
            return Scan::Skip(run_end);
        }
    }

    let (len, digits) = digit_run(rest_j);
    if digits > number::MAX_DIGITS {
        return Scan::Unparsed(j + len, format!("a number with {digits} digits is too long to check"));
    }
    let n = match number::numeral(rest_j) {
        Ok((_, n)) => n,
        Err(nom::Err::Failure(_)) => {
            return Scan::Unparsed(j + len.max(1), "the number is too long to check".to_owned());
        }
        Err(_) => return Scan::Nothing,
    };
    let num_end = j + n.len;

    if prev == Some('第') {
        return Scan::Skip(num_end);
    }
    // COVID-19, 2019-nCoV and friends.
    if matches!(prev, Some('-')) && prev_char(text, i - 1).is_some_and(|p| p.is_ascii_alphabetic()) {
        return Scan::Skip(num_end);
    }

    let negative = !n.chinese
        && currency.is_none()
        && matches!(prev, Some('-' | '−'))
        && !prev_char(text, i.saturating_sub(1)).is_some_and(|p| p.is_ascii_alphanumeric());

    let (kind, end, plus, n) = match unit_after(text, num_end, &n, currency.clone(), v) {
        Some(x) => x,
        None => {
            // A Chinese numeral needs its unit (`一直`, `統一`); Arabic digits with a Chinese
            // multiplier (`1 600萬訪港旅客`) are a number like any other.
            if n.chinese && !first.is_ascii_digit() {
                return Scan::Nothing;
            }
            // Codes and identifiers: 8G, 101/20-21, 3.2.1.
            let after = &text[num_end..];
            if after.starts_with(|c: char| c.is_ascii_alphabetic())
                || after.starts_with('/') && after[1..].starts_with(|c: char| c.is_ascii_digit())
                || after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit())
            {
                return Scan::Skip(skip_token(text, num_end));
            }
            let kind = match currency {
                Some(cur) => FigureKind::Money { currency: cur },
                None => FigureKind::Number,
            };
            (kind, num_end, false, n)
        }
    };
    let mut n = n;
    if negative {
        n.value = -n.value;
    }
    let start = if negative { i - prev.map_or(0, char::len_utf8) } else { i };
    finish(text, start, end, n, kind, plus, v)
}

/// The end of a numeral that is not a figure (an ordinal), so the scanner skips all of it.
fn skip_numeral(text: &str, j: usize) -> usize {
    match number::numeral(&text[j..]) {
        Ok((_, n)) => j + n.len,
        Err(_) => j + text[j..].chars().next().map_or(1, char::len_utf8),
    }
}

fn skip_token(text: &str, from: usize) -> usize {
    from + text[from..]
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.' | '_')))
        .map_or(text.len() - from, |(k, _)| k)
}

/// Read what follows a numeral: 多, a scale, the unit. Returns the kind, the end, whether 多 was
/// written, and the numeral scaled by any scale word.
fn unit_after(
    text: &str,
    k: usize,
    n: &Numeral,
    currency: Option<String>,
    v: &Vocabulary,
) -> Option<(FigureKind, usize, bool, Numeral)> {
    let mut n = n.clone();
    let mut k = k;
    let mut rest = &text[k..];
    let mut plus = false;

    // 600 多家, 20 餘個, 20 多萬
    if let Some(r) = rest.strip_prefix(['多', '餘', '余']) {
        let big = match r.chars().next() {
            Some('萬' | '万') => Some(4),
            Some('億' | '亿') => Some(8),
            _ => None,
        };
        let r2 = if big.is_some() { &r['萬'.len_utf8()..] } else { r };
        if let Some((kind, len)) = zh_unit(r2, &n, currency.as_ref(), v) {
            plus = true;
            if let Some(p) = big {
                n.value = times_pow10(&n.value, p);
                n.unit = times_pow10(&n.unit, p);
                n.sig_unit = times_pow10(&n.sig_unit, p);
                n.plain_integer = false;
            }
            let end = text.len() - r2.len() + len;
            return Some((kind, end, plus, n));
        }
    }

    // English scale word: $486.6 billion, 5 million people, $5m.
    let mut scaled = false;
    if !n.chinese {
        let (sp, after) = match rest.strip_prefix(' ') {
            Some(a) => (1, a),
            None => (0, rest),
        };
        if let Some((w, exp)) = v.en_scales.prefix_of(after) {
            let short = w.len() <= 2;
            if !short || currency.is_some() {
                n.value = times_pow10(&n.value, exp);
                n.unit = times_pow10(&n.unit, exp);
                n.sig_unit = times_pow10(&n.sig_unit, exp);
                n.plain_integer = false;
                k += sp + w.len();
                rest = &text[k..];
                scaled = true;
            }
        }
    }

    if let Some((kind, len)) = zh_unit(rest, &n, currency.as_ref(), v) {
        return Some((kind, k + len, plus, n));
    }
    if let Some(cur) = currency {
        return Some((FigureKind::Money { currency: cur }, k, plus, n));
    }
    if n.chinese {
        return None;
    }
    match en_unit(text, k, &n, scaled, v) {
        Some((kind, end)) => Some((kind, end, plus, n)),
        // `It reached 2.5 million.`: a number in millions, not 2.5.
        None if scaled => Some((FigureKind::Number, k, plus, n)),
        None => None,
    }
}

/// Units written straight after the digits: `%`, `個百分點`, `倍`, `成`, `分之`, `：`, a
/// currency, a duration, a classifier.
fn zh_unit(rest: &str, n: &Numeral, currency: Option<&String>, v: &Vocabulary) -> Option<(FigureKind, usize)> {
    let c = rest.chars().next()?;
    if c == '%' {
        return Some((FigureKind::Percent, 1));
    }
    if let Some((w, _)) = v.zh_points.prefix_of(rest) {
        return Some((FigureKind::PercentagePoints, w.len()));
    }
    if c == '倍' {
        return Some((FigureKind::Multiple, c.len_utf8()));
    }
    if c == '成' && n.plain_integer && n.value > Q::zero() && n.value <= int(10) {
        let after = &rest[c.len_utf8()..];
        if v.cheng_not_before.prefix_of(after).is_none() {
            // `七成` is 70%, read as a percentage (see `finish`).
            return Some((FigureKind::Percent, c.len_utf8()));
        }
        return None;
    }
    if let Some(after) = rest.strip_prefix("分之")
        && let Ok((_, num)) = number::numeral(after)
    {
        return Some((FigureKind::Fraction, "分之".len() + num.len));
    }
    if matches!(c, '：' | ':' | '比') && !n.chinese {
        let after = &rest[c.len_utf8()..];
        if let Ok((_, (right, _, _))) = number::arabic(after) {
            let right_len = number::digit_run(after).0;
            let timeish = c == ':' && right_len == 2;
            if !timeish && right > Q::zero() {
                return Some((
                    FigureKind::Ratio { left: String::new(), right: after[..right_len].to_owned() },
                    c.len_utf8() + right_len,
                ));
            }
        }
        return None;
    }
    if let Some((w, code)) = v.currency_suffix.prefix_of(rest) {
        let code = match currency {
            Some(pre) if pre != "$" => pre.clone(),
            _ => code,
        };
        return Some((FigureKind::Money { currency: code }, w.len()));
    }
    if let Some((w, _)) = v.zh_durations.prefix_of(rest) {
        return Some((FigureKind::Duration { unit: w.to_owned() }, w.len()));
    }
    if let Some((w, _)) = v.classifiers.prefix_of(rest) {
        return Some((FigureKind::Count { classifier: w.to_owned() }, w.len()));
    }
    None
}

/// English units after an Arabic or word numeral: `%`, `per cent`, `percentage points`,
/// `times`, `-fold`, a duration, a counted noun (`14 incumbent members` → `members`).
/// `scaled`: a scale word was read after the digits (`7.4 million people` counts people).
fn en_unit(text: &str, k: usize, n: &Numeral, scaled: bool, v: &Vocabulary) -> Option<(FigureKind, usize)> {
    let rest = &text[k..];
    if let Some(r) = rest.strip_prefix("-fold") {
        let _ = r;
        return Some((FigureKind::Multiple, k + 5));
    }
    let after = rest.strip_prefix(' ')?;
    let base = k + 1;
    if let Some((w, _)) = v.en_points.prefix_of(after) {
        return Some((FigureKind::PercentagePoints, base + w.len()));
    }
    if let Some((w, _)) = v.en_percent.prefix_of(after) {
        return Some((FigureKind::Percent, base + w.len()));
    }
    let word = |s: &str| -> usize {
        s.char_indices().find(|(_, c)| !(c.is_ascii_alphabetic() || *c == '-')).map_or(s.len(), |(i, _)| i)
    };
    let w1 = word(after);
    if w1 == 0 {
        return None;
    }
    let first = &after[..w1];
    // `2.5 times the …` as well as `five times`.
    if first.eq_ignore_ascii_case("times") {
        let next = after[w1..].trim_start();
        let freq = ["a ", "per ", "each ", "every ", "a year", "annually"].iter().any(|p| next.starts_with(p));
        return (!freq).then_some((FigureKind::Multiple, base + w1));
    }
    if !(n.plain_integer || scaled && n.value.is_integer()) {
        return None;
    }
    if let Some((w, _)) = v.en_durations.prefix_of(after) {
        return Some((FigureKind::Duration { unit: w.to_ascii_lowercase() }, base + w.len()));
    }
    // Skip up to two adjectives to the head noun.
    let mut pos = 0;
    for _ in 0..3 {
        let len = word(&after[pos..]);
        if len == 0 {
            return None;
        }
        let w = &after[pos..pos + len];
        // (`US$60 million h s year`: one letter is OCR debris, not a noun.)
        if len < 2
            || !w.starts_with(|c: char| c.is_ascii_lowercase())
            || v.en_stopwords.contains(w)
            || v.en_not_counted.contains(w)
        {
            return None;
        }
        if v.en_adjectives.contains(w) && after[pos + len..].starts_with(' ') {
            pos += len + 1;
            continue;
        }
        // `721 completed the programme`, `1 441 registered in 2012`: a past form is a verb, not
        // what the number counts, unless a noun follows it (`721 registered voters`).
        if w.len() > 4 && w.ends_with("ed") {
            let next = after[pos + len..].strip_prefix(' ').unwrap_or("");
            let nl = word(next);
            let noun = nl > 0
                && next.starts_with(|c: char| c.is_ascii_lowercase())
                && !v.en_stopwords.contains(&next[..nl])
                && !next[..nl].ends_with("ed");
            if !noun {
                return None;
            }
            pos += len + 1;
            continue;
        }
        return Some((FigureKind::Count { classifier: w.to_ascii_lowercase() }, base + pos + len));
    }
    None
}

/// English number words (`five new members`) and currency-prefixed numbers after letters.
fn english_at(text: &str, i: usize, v: &Vocabulary) -> Scan {
    let prev = prev_char(text, i);
    if prev.is_some_and(|p| p.is_ascii_alphabetic() || p == '-') {
        return Scan::Nothing;
    }
    let rest = &text[i..];
    if let Some(scan) = multiple_word(text, i, v) {
        return scan;
    }
    let Ok((_, n)) = number::english(rest) else {
        return Scan::Nothing;
    };
    let k = i + n.len;
    match unit_after(text, k, &n, None, v) {
        Some((
            kind @ (FigureKind::Count { .. }
            | FigureKind::Duration { .. }
            | FigureKind::Multiple
            | FigureKind::Percent
            | FigureKind::PercentagePoints),
            end,
            plus,
            n,
        )) => finish(text, i, end, n, kind, plus, v),
        _ => Scan::Skip(k),
    }
}

/// A multiple stated in one word: `doubled`, `tripled`, or `double` as a verb (`will more than
/// double from …`). Read as `two times` would be, rounding included.
fn multiple_word(text: &str, i: usize, v: &Vocabulary) -> Option<Scan> {
    let rest = &text[i..];
    let (w, times) = v.en_multiples.prefix_of(rest).or_else(|| {
        let (w, times) = v.en_bare_multiples.prefix_of(rest)?;
        let after = rest[w.len()..].strip_prefix(' ')?;
        v.en_bare_multiples_before.prefix_of(after).map(|_| (w, times))
    })?;
    // A writer says `doubled` for a ratio within a tenth or so of 2, not for 1.6: the word is
    // read as 2 ± 10%, not with the ± 0.5 of a whole numeral.
    let unit = &int(i64::from(times)) / &int(5);
    let n = Numeral {
        value: int(i64::from(times)),
        unit: unit.clone(),
        sig_unit: unit,
        plain_integer: true,
        chinese: false,
        len: w.len(),
    };
    Some(finish(text, i, i + w.len(), n, FigureKind::Multiple, false, v))
}

/// Attach qualifiers and compute the interval.
fn finish(text: &str, start: usize, mut end: usize, n: Numeral, kind: FigureKind, plus: bool, v: &Vocabulary) -> Scan {
    // A reference, not a quantity: `paragraph 53`, `Table 3`, `No. 5`.
    if matches!(kind, FigureKind::Number) {
        let before = text[..start].trim_end_matches(' ').trim_end_matches('.');
        if v.en_references.suffix_of(before).is_some() {
            return Scan::Skip(end);
        }
    }

    let mut value = n.value.clone();
    let mut unit = n.unit.clone();
    let mut sig = n.sig_unit.clone();
    let mut kind = kind;
    // `兩年半`, `一头半`: a half after the unit; `一個半月` is a month and a half. After a
    // count's classifier a `半` before a noun makes the noun "semi-" (`一間半公營機構`), so
    // there it is a half only at the end of the phrase.
    if let FigureKind::Count { classifier: u } | FigureKind::Duration { unit: u } = &kind
        && !u.is_ascii()
        && let Some(after) = text[end..].strip_prefix('半')
    {
        let month = matches!(u.as_str(), "個" | "个") && after.starts_with('月');
        let count = matches!(kind, FigureKind::Count { .. });
        let word_after = if count {
            after.starts_with(crate::parse::chars::is_han)
        } else {
            v.half_not_before.prefix_of(after).is_some()
        };
        if month || !word_after {
            value += half(&Q::one());
            end += '半'.len_utf8();
            if month {
                kind = FigureKind::Duration { unit: format!("{u}月") };
                end += '月'.len_utf8();
            }
        }
    }
    match &mut kind {
        FigureKind::Fraction => {
            // 三分之二: the numeral read so far is the denominator; the numerator follows 分之.
            let after = text[start..end].split_once("分之").map(|x| x.1).unwrap_or("");
            if let Ok((_, num)) = number::numeral(after)
                && !value.is_zero()
            {
                value = &num.value / &n.value;
                unit = Q::zero();
                sig = Q::zero();
            }
        }
        FigureKind::Percent if text[start..end].ends_with('成') => {
            // `七成` is seven tenths, 70%; `一成二` is 12%: a digit straight after 成 is the next
            // place, unless it starts a word (`七成二手樓`).
            let rest = &text[end..];
            if let Some(c) = rest.chars().next()
                && let Some(d) = number::cn_digit_value(c).filter(|d| *d > 0)
                && !rest[c.len_utf8()..]
                    .starts_with(|x: char| crate::parse::chars::is_han(x) || x.is_ascii_alphanumeric())
            {
                value += times_pow10(&int(i64::from(d)), -1);
                unit = times_pow10(&Q::one(), -1);
                end += c.len_utf8();
            }
            value = times_pow10(&value, 1);
            unit = times_pow10(&unit, 1);
            sig = unit.clone();
        }
        FigureKind::Ratio { left, right } => {
            *left = text[start..end].split([':', '：', '比']).next().unwrap_or("").to_owned();
            if let Ok((_, (r, _, _))) = number::arabic(right)
                && !r.is_zero()
            {
                value = &value / &r;
            }
            unit = Q::zero();
            sig = Q::zero();
        }
        _ => {}
    }

    // Exact when it is a small whole count; otherwise the last digit is a rounding.
    let exact = n.plain_integer
        && !plus
        && matches!(kind, FigureKind::Count { .. } | FigureKind::Duration { .. })
        && value.abs() < int(1000);
    // Trailing zeros of a large plain integer (`264,000`) may be rounding; a percentage's may
    // not (`60%` is 60 ± 0.5), nor a figure written with a scale word (`40 萬`, `$800 million`),
    // whose scale already says how it was rounded.
    let uses_written =
        !n.plain_integer || matches!(kind, FigureKind::Percent | FigureKind::PercentagePoints | FigureKind::Multiple);
    let rounding = if exact || matches!(kind, FigureKind::Fraction | FigureKind::Ratio { .. }) {
        Q::zero()
    } else if uses_written {
        half(&unit)
    } else {
        half(&sig)
    };

    // Qualifier before the figure.
    let before = &text[..start];
    let trimmed = before.trim_end_matches(' ');
    let mut qualifier = None;
    let mut qualifier_range = None;
    if let Some((w, q)) = v.qualifiers.suffix_of(trimmed) {
        let ok = !w.is_ascii() || !trimmed[..trimmed.len() - w.len()].ends_with(|c: char| c.is_ascii_alphabetic());
        // `近` only qualifies when it is not the end of a longer word (`最近`, `附近`).
        let glued_word = w == "近"
            && trimmed[..trimmed.len() - w.len()]
                .ends_with(['最', '附', '鄰', '邻', '靠', '接', '將', '将', '親', '亲']);
        if ok && !glued_word {
            qualifier = Some(q);
            qualifier_range = Some(trimmed.len() - w.len()..trimmed.len());
        }
    }
    // Postfix: 以上, 左右.
    let mut end = end;
    if let Some((w, q)) = v.postfix.prefix_of(&text[end..]) {
        if qualifier.is_none() {
            qualifier = Some(q);
            qualifier_range = Some(end..end + w.len());
        }
        end += w.len();
    }
    if plus && qualifier.is_none() {
        qualifier = Some(Qualifier::Plus);
    }

    let interval = interval(&value, &rounding, &sig, qualifier, v);
    Scan::Figure(Box::new(FigureMatch {
        range: start..end,
        value,
        interval,
        rounding,
        kind,
        qualifier,
        qualifier_range,
    }))
}

/// The values a figure allows, given its rounding and qualifier.
pub fn interval(value: &Q, rounding: &Q, sig: &Q, qualifier: Option<Qualifier>, v: &Vocabulary) -> Interval {
    let abs = value.abs();
    match qualifier {
        None => Interval::around(value, rounding),
        Some(Qualifier::About) => {
            let band = (&abs * &v.about_tolerance).max(rounding.clone());
            Interval::around(value, &band)
        }
        Some(Qualifier::Over) | Some(Qualifier::AtLeast) => Interval::at_least(value - rounding),
        Some(Qualifier::Plus) => Interval::new(value.clone(), value + sig.max(&Q::one())),
        Some(Qualifier::Nearly) => {
            // `nearly 30%`, `almost five times`: below the figure, never above it. The operands'
            // own rounding gives a computed value its slack; the figure's rounding only widens
            // the band downwards.
            let band = &abs * &v.nearly_tolerance;
            Interval::new(value - band - rounding, value.clone())
        }
        Some(Qualifier::Under) | Some(Qualifier::AtMost) => Interval::at_most(value + rounding),
    }
}

/// Is this figure a bare integer glued to CJK text: a candidate footnote marker (`登記4數目`)?
pub fn footnote_candidate(text: &str, m: &FigureMatch) -> Option<u32> {
    if !matches!(m.kind, FigureKind::Number) || m.qualifier.is_some() || m.value.is_negative() || !m.value.is_integer()
    {
        return None;
    }
    let digits = &text[m.range.clone()];
    if digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let prev = prev_char(text, m.range.start)?;
    let next = text[m.range.end..].chars().next();
    let left_ok = is_han(prev) || matches!(prev, '」' | '”' | '）' | ')' | '』' | '》');
    let right_ok = next.is_none_or(|c| is_cjk(c) || c == '\n');
    if left_ok && right_ok { digits.parse().ok().filter(|n: &u32| (1..=999).contains(n)) } else { None }
}

#[cfg(test)]
mod tests {
    use crate::parse::{ParseOptions, parse};
    use crate::quantity::fmt_q;
    use crate::source::Source;

    #[test]
    fn starts_3_holds_every_three_byte_start() {
        for c in ('\u{800}'..='\u{ffff}').filter(|c| super::could_start(*c)) {
            assert!(super::STARTS_3.contains(c), "{c:?}");
        }
        assert!(super::STARTS_3.chars().all(|c| c.len_utf8() == 3 && super::could_start(c)));
    }

    fn figures(text: &str) -> Vec<(String, String)> {
        let doc = parse(&Source::from_text("t.txt", text), &ParseOptions::default());
        doc.figures.iter().map(|f| (f.text(&doc).to_owned(), fmt_q(&f.value, 6))).collect()
    }

    #[test]
    fn words_that_start_with_a_numeral_are_no_figures() {
        // 零件 (parts), 大陸 (the mainland): a lone 零 or formal digit starting a word.
        assert_eq!(figures("自動數據處理設備及其零件9,465.9億元"), [("9,465.9億元".into(), "946590000000".into())]);
        assert!(figures("儘管大陸方面未單獨列出").is_empty());
        assert_eq!(figures("錄得零宗個案"), [("零宗".into(), "0".into())]);
    }

    #[test]
    fn an_english_count_is_of_a_noun_not_a_verb_or_preposition() {
        let texts = |t: &str| figures(t).into_iter().map(|(x, _)| x).collect::<Vec<_>>();
        assert_eq!(texts("Of 728 participants, 721 completed the programme."), ["728 participants", "721"]);
        assert_eq!(texts("It rose from 266,625 to 336,163 between 1959 and 1963."), ["266,625", "336,163"]);
        assert_eq!(texts("There were 721 registered voters."), ["721 registered voters"]);
    }

    #[test]
    fn an_english_scale_word_scales_counts_and_bare_numbers() {
        let f = figures("There were 7.4 million people. It reached 2.5 million. Some 40,000 people left.");
        let values: Vec<(&str, &str)> = f.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
        assert_eq!(values, [("7.4 million people", "7400000"), ("2.5 million", "2500000"), ("40,000 people", "40000")]);
        // No count of a word that names no thing.
        assert_eq!(figures("21 billion worth of trade")[0].0, "21 billion");
    }

    #[test]
    fn tenths_written_after_cheng() {
        assert_eq!(figures("增幅一成二，兩成。"), [("一成二".into(), "12".into()), ("兩成".into(), "20".into())]);
        // `七成二手樓`: 二 starts a word.
        assert_eq!(figures("七成二手樓"), [("七成".into(), "70".into())]);
    }

    #[test]
    fn a_half_after_the_unit() {
        let f = figures("計劃為期兩年半，每人一個半月，平均每户一头半。");
        assert_eq!(
            f,
            [("兩年半".into(), "2.5".into()), ("一個半月".into(), "1.5".into()), ("一头半".into(), "1.5".into())]
        );
        // `半` opening a word is no half: a semi-public body, a peninsula, half price.
        let texts = |t: &str| figures(t).into_iter().map(|(x, _)| x).collect::<Vec<_>>();
        assert_eq!(texts("都是一間半公營機構"), ["一間"]);
        assert_eq!(texts("變成一個半賣半送的散貨場"), ["一個"]);
        assert_eq!(texts("兩年半價優惠"), ["兩年"]);
    }

    #[test]
    fn chinese_decimals_in_amounts() {
        let f = figures("出口一百四十四點六億美元，同比增加廿六點九億美元，增幅達百分之二十二點九。");
        let values: Vec<&str> = f.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(values, ["14460000000", "2690000000", "22.9"]);
    }

    #[test]
    fn areas_in_square_kilometres() {
        // A Chinese numeral needs its unit to be read as a figure at all.
        let f = figures("面积有一百五十万平方公里，其中六十万平方公里已治理。");
        let values: Vec<&str> = f.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(values, ["1500000", "600000"]);
    }
}
