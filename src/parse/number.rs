//! Numerals: Arabic with separators and decimals, Chinese (`八`, `三百五十`, `二零二零`), mixed
//! (`8億6千萬`, `1,480萬`, `1.37万亿`) and English number words (`fourteen`, `twenty-one`).
//!
//! Every numeral keeps its exact value and the place of its last significant digit, which is what
//! the figure layer turns into a rounding interval: `14.7` → 0.1, `600` → 100, `8億6千萬` → 10⁷.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n, take_while1};
use nom::character::complete::{char, satisfy};
use nom::combinator::{map, opt, recognize};
use nom::multi::many1;
use nom::{IResult, Parser};

use crate::quantity::{Q, int, parse_decimal, pow10, times_pow10};

/// The most digits a figure may have and still be checked. Longer runs are reported as unparsed.
pub const MAX_DIGITS: usize = 40;

/// A parsed numeral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numeral {
    pub value: Q,
    /// Place value of the last written digit: 1 for `600`, 0.1 for `14.7`, 10⁷ for `8億6千萬`.
    pub unit: Q,
    /// Place value of the last non-zero digit: 100 for `600`, 1000 for `264,000`. Trailing zeros
    /// of a large integer may be rounding; a count of 600 items may be exact.
    pub sig_unit: Q,
    /// Written as a plain integer (no decimal point, no 萬/億): a candidate for an exact count.
    pub plain_integer: bool,
    /// Contains Chinese numeral characters.
    pub chinese: bool,
    /// Bytes consumed.
    pub len: usize,
}

fn err<T>(i: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit)))
}

/// Length in bytes of the digit run (with `,` and `.` separators) starting at `i`, and its digit count.
pub fn digit_run(i: &str) -> (usize, usize) {
    let mut len = 0;
    let mut digits = 0;
    for c in i.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if !matches!(c, ',' | '.') {
            break;
        }
        len += c.len_utf8();
    }
    (len, digits)
}

fn ascii_digits(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_digit()).parse(i)
}

/// `1,234,567` — a first group of 1–3 digits, then groups of exactly 3, not followed by a digit.
fn grouped(i: &str) -> IResult<&str, &str> {
    let (rest, s) = recognize((
        take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
        many1((char(','), take_while_m_n(3, 3, |c: char| c.is_ascii_digit()))),
    ))
    .parse(i)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return err(i);
    }
    Ok((rest, s))
}

/// An Arabic numeral: value, place of its last written digit, place of its last non-zero digit,
/// whether it has a decimal point.
pub fn arabic(i: &str) -> IResult<&str, (Q, Place, bool)> {
    let (rest, int_part) = alt((grouped, ascii_digits)).parse(i)?;
    let (rest, frac) = opt((char('.'), ascii_digits)).parse(rest)?;
    let digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    if digits.len() + frac.map_or(0, |(_, f)| f.len()) > MAX_DIGITS {
        return Err(nom::Err::Failure(nom::error::Error::new(i, nom::error::ErrorKind::TooLarge)));
    }
    let text = match frac {
        Some((_, f)) => format!("{digits}.{f}"),
        None => digits.clone(),
    };
    let Some((value, written_unit)) = parse_decimal(&text) else {
        return err(i);
    };
    let sig = if frac.is_some() {
        written_unit.clone()
    } else {
        let zeros = digits.len() - digits.trim_end_matches('0').len();
        if zeros == digits.len() { Q::one() } else { pow10(zeros as i32) }
    };
    Ok((rest, (value, Place { written: written_unit, sig }, frac.is_some())))
}

/// The value of a Chinese digit (`三` → 3, `兩` → 2, `〇` → 0).
pub fn cn_digit_value(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '貳' | '贰' | '兩' | '两' => 2,
        '三' | '參' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陸' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn cn_small_power(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 1,
        '百' | '佰' => 2,
        '千' | '仟' => 3,
        _ => return None,
    })
}

pub fn cn_big_power(c: char) -> Option<u32> {
    Some(match c {
        '萬' | '万' => 4,
        '億' | '亿' => 8,
        _ => return None,
    })
}

pub fn is_cn_numeral_char(c: char) -> bool {
    cn_digit_value(c).is_some() || cn_small_power(c).is_some() || cn_big_power(c).is_some() || matches!(c, '廿' | '卅')
}

/// Where a numeral's last digit stands: the written place and the last non-zero place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub written: Q,
    pub sig: Q,
}

impl Place {
    fn one() -> Self {
        Place { written: Q::one(), sig: Q::one() }
    }
    /// The place `exp` places up.
    fn times(&self, exp: i32) -> Place {
        Place { written: times_pow10(&self.written, exp), sig: times_pow10(&self.sig, exp) }
    }
}

#[derive(Debug, Clone)]
enum Tok {
    Arabic(Q, Place, bool),
    Digit(u32, char),
    Small(u32),
    Big(u32),
    /// `廿` (twenty), `卅` (thirty): a digit and 十 in one character.
    Tens(u32),
    /// `點` / `点`, or `.` between Chinese digits: what follows are decimals (`十四點六`,
    /// `五七八四.九億`).
    Point,
}

/// A decimal point in a Chinese numeral: `點`/`点`/`.` followed by a Chinese digit.
fn point(i: &str) -> IResult<&str, Tok> {
    let (rest, _) = satisfy(|c| matches!(c, '點' | '点' | '.')).parse(i)?;
    match rest.chars().next() {
        Some(c) if cn_digit_value(c).is_some() => Ok((rest, Tok::Point)),
        _ => err(i),
    }
}

/// `兆` after a number is a trillion (`10.6兆元`, as Taiwan and Hong Kong write 萬億), except
/// in a unit that it prefixes as mega (`兆瓦`, `兆赫`, `兆位`).
fn trillion(i: &str) -> IResult<&str, Tok> {
    let (rest, _) = satisfy(|c| c == '兆').parse(i)?;
    match rest.chars().next() {
        Some('瓦' | '赫' | '帕' | '位' | '字' | '焦' | '歐' | '欧' | '伏' | '比') => err(i),
        _ => Ok((rest, Tok::Big(12))),
    }
}

fn token(i: &str) -> IResult<&str, Tok> {
    alt((
        map(arabic, |(v, u, d)| Tok::Arabic(v, u, d)),
        map(satisfy(|c| cn_digit_value(c).is_some()), |c| Tok::Digit(cn_digit_value(c).unwrap_or(0), c)),
        map(satisfy(|c| cn_small_power(c).is_some()), |c| Tok::Small(cn_small_power(c).unwrap_or(1))),
        map(satisfy(|c| cn_big_power(c).is_some()), |c| Tok::Big(cn_big_power(c).unwrap_or(4))),
        map(satisfy(|c| matches!(c, '廿' | '卅')), |c| Tok::Tens(if c == '廿' { 2 } else { 3 })),
        trillion,
        point,
    ))
    .parse(i)
}

/// Folds numeral tokens left to right, the way a reader does: `8億6千萬` is 8×10⁸ + 6×10³×10⁴.
#[derive(Debug, Clone)]
struct Fold {
    total: Q,
    section: Q,
    /// The pending digit: value, unit of its last digit, came from a Chinese digit.
    current: Option<(Q, Place)>,
    /// Place of the last digit so far, per scope.
    total_place: Option<Place>,
    section_place: Option<Place>,
    last_small: Option<u32>,
    last_big: Option<u32>,
    after_zero: bool,
    /// Chinese digits only, no units yet (`二零二零`).
    digit_string: Option<String>,
    /// Decimals written so far after a Chinese decimal point (`點`).
    decimals: Option<i32>,
    tokens: usize,
    arabic: bool,
    decimal: bool,
    chinese: bool,
    any_unit: bool,
}

impl Fold {
    fn new() -> Self {
        Fold {
            total: Q::zero(),
            section: Q::zero(),
            current: None,
            total_place: None,
            section_place: None,
            last_small: None,
            last_big: None,
            after_zero: false,
            digit_string: Some(String::new()),
            decimals: None,
            tokens: 0,
            arabic: false,
            decimal: false,
            chinese: false,
            any_unit: false,
        }
    }

    /// A run of Chinese digits (`五七八四`) read as one integer, before a decimal point or a
    /// scale (`五七八四.九億`, `一三七九億`).
    fn settle_digit_string(&mut self) -> bool {
        if let Some(s) = self.digit_string.take()
            && s.len() > 1
        {
            let Some((v, _)) = parse_decimal(&s) else { return false };
            self.current = Some((v, Place::one()));
            self.after_zero = false;
        }
        true
    }

    /// Apply a token; false if the token cannot continue this numeral.
    fn apply(&mut self, t: &Tok) -> bool {
        if let Some(k) = self.decimals {
            // After a decimal point only digits, then a scale, may follow.
            match t {
                Tok::Digit(d, _) => {
                    let k = k + 1;
                    self.decimals = Some(k);
                    let Some((v, _)) = self.current.take() else { return false };
                    let place = times_pow10(&Q::one(), -k);
                    let v = v + &place * int(i64::from(*d));
                    self.current = Some((v, Place { written: place.clone(), sig: place }));
                    self.tokens += 1;
                    return true;
                }
                Tok::Big(_) if k > 0 => self.decimals = None,
                _ => return false,
            }
        }
        match t {
            Tok::Point => {
                if !self.settle_digit_string() || self.decimal || self.current.is_none() && self.section.is_zero() {
                    return false;
                }
                // `十四點六`: the section so far is the integer part.
                let (v, _) = self.current.take().unwrap_or((Q::zero(), Place::one()));
                self.current = Some((&self.section + v, Place::one()));
                self.section = Q::zero();
                self.section_place = None;
                self.last_small = None;
                self.decimals = Some(0);
                self.decimal = true;
                self.chinese = true;
                self.tokens += 1;
                return true;
            }
            Tok::Tens(d) => {
                // `廿六` is 二十六.
                return self.apply(&Tok::Digit(*d, '二')) && self.apply(&Tok::Small(1));
            }
            _ => {}
        }
        match t {
            Tok::Arabic(v, u, d) => {
                if self.current.is_some() || self.tokens > 0 && !self.any_unit {
                    return false;
                }
                self.current = Some((v.clone(), u.clone()));
                self.arabic = true;
                self.decimal |= *d;
                self.digit_string = None;
            }
            Tok::Digit(d, c) => {
                self.chinese = true;
                if let Some(s) = &mut self.digit_string {
                    if self.tokens > 0 && matches!(c, '兩' | '两') {
                        return false;
                    }
                    s.push(char::from_digit(*d, 10).unwrap_or('0'));
                }
                match &self.current {
                    Some(_) if self.digit_string.is_some() => {}
                    Some(_) if self.after_zero => {}
                    Some(_) => return false,
                    None => {}
                }
                if *d == 0 {
                    self.after_zero = true;
                    if self.digit_string.is_none() {
                        self.tokens += 1;
                        return true;
                    }
                } else {
                    self.after_zero = false;
                }
                self.current = Some((int(*d as i64), Place::one()));
            }
            Tok::Tens(_) | Tok::Point => return false,
            Tok::Small(p) => {
                if self.last_small.is_some_and(|ls| ls <= *p) || self.digit_string.as_ref().is_some_and(|s| s.len() > 1)
                {
                    return false;
                }
                let (v, u) = self.current.take().unwrap_or((Q::one(), Place::one()));
                let m = *p as i32;
                if !v.is_zero() {
                    self.section_place = Some(u.times(m));
                }
                self.section += times_pow10(&v, m);
                self.last_small = Some(*p);
                self.after_zero = false;
                self.digit_string = None;
                self.any_unit = true;
                self.chinese = true;
            }
            Tok::Big(p) => {
                if !self.settle_digit_string() {
                    return false;
                }
                if let Some((v, u)) = self.current.take() {
                    if !v.is_zero() {
                        self.section_place = Some(u);
                    }
                    self.section += v;
                }
                if self.section.is_zero() && self.total.is_zero() {
                    return false;
                }
                let m = *p as i32;
                if self.last_big.is_some_and(|lb| *p > lb) {
                    // 萬億: the whole number so far is scaled again.
                    self.total = times_pow10(&(&self.total + &self.section), m);
                    self.total_place = self.section_place.take().or(self.total_place.take()).map(|pl| pl.times(m));
                } else {
                    self.total += times_pow10(&self.section, m);
                    if let Some(pl) = self.section_place.take() {
                        self.total_place = Some(pl.times(m));
                    }
                }
                self.section = Q::zero();
                self.last_small = None;
                self.last_big = Some(*p);
                self.after_zero = false;
                self.digit_string = None;
                self.any_unit = true;
                self.chinese = true;
            }
        }
        self.tokens += 1;
        true
    }

    fn result(&self, len: usize) -> Option<Numeral> {
        if self.tokens == 0 {
            return None;
        }
        if let Some(s) = &self.digit_string
            && s.len() > 1
        {
            let (value, _) = parse_decimal(s)?;
            return Some(Numeral {
                value,
                unit: Q::one(),
                sig_unit: Q::one(),
                plain_integer: true,
                chinese: true,
                len,
            });
        }
        let mut value = &self.total + &self.section;
        let mut unit = self.total_place.clone();
        if let Some(pl) = &self.section_place {
            unit = Some(pl.clone());
        }
        if let Some((v, u)) = &self.current {
            value += v;
            if !v.is_zero() || unit.is_none() {
                unit = Some(u.clone());
            }
        }
        let plain_integer = !self.decimal && self.last_big.is_none();
        let place = unit.unwrap_or_else(Place::one);
        Some(Numeral { value, unit: place.written, sig_unit: place.sig, plain_integer, chinese: self.chinese, len })
    }
}

/// A numeral in any of the Chinese or Arabic forms. Fails with `TooLarge` (as a `Failure`) on a
/// digit run longer than [`MAX_DIGITS`].
pub fn numeral(i: &str) -> IResult<&str, Numeral> {
    let mut fold = Fold::new();
    let mut rest = i;
    let mut best: Option<(&str, Numeral)> = None;
    loop {
        let (r, t) = match token(rest) {
            Ok(x) => x,
            Err(nom::Err::Failure(e)) => return Err(nom::Err::Failure(e)),
            Err(_) => break,
        };
        if !fold.apply(&t) {
            break;
        }
        rest = r;
        if let Some(n) = fold.result(i.len() - rest.len()) {
            best = Some((rest, n));
        }
    }
    match best {
        Some(b) => Ok(b),
        None => err(i),
    }
}

const EN_UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

fn en_word(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_alphabetic()).parse(i)
}

fn en_small(i: &str) -> IResult<&str, u64> {
    let (rest, w) = en_word(i)?;
    if w.len() > 9 {
        return err(i);
    }
    if let Some(t) = EN_TENS.iter().position(|x| !x.is_empty() && x.eq_ignore_ascii_case(w)) {
        let (rest2, unit) = opt((char('-'), en_word)).parse(rest)?;
        if let Some((_, u)) = unit
            && let Some(k) = EN_UNITS.iter().position(|x| x.eq_ignore_ascii_case(u))
            && (1..10).contains(&k)
        {
            return Ok((rest2, (t * 10 + k) as u64));
        }
        return Ok((rest, (t * 10) as u64));
    }
    if let Some(k) = EN_UNITS.iter().position(|x| x.eq_ignore_ascii_case(w)) {
        return Ok((rest, k as u64));
    }
    err(i)
}

/// English number words up to the billions: `fourteen`, `twenty-one`, `three hundred and five`.
/// A lone `one` or `zero` is not taken (`one of the`, `zero-based`).
pub fn english(i: &str) -> IResult<&str, Numeral> {
    let (mut rest, first) = en_small(i)?;
    let mut total: u64 = 0;
    let mut group: u64 = first;
    let mut words = 1;
    loop {
        let sp = rest.strip_prefix(' ');
        let Some(after) = sp else { break };
        let (after, _) = opt(tag("and ")).parse(after)?;
        let Ok((r, w)) = en_word(after) else { break };
        let lw = w.to_ascii_lowercase();
        let mult = match lw.as_str() {
            "hundred" => 100,
            "thousand" => 1_000,
            "million" => 1_000_000,
            "billion" => 1_000_000_000,
            _ => {
                if lw == "and" {
                    break;
                }
                match en_small(after) {
                    Ok((r2, v)) if group.is_multiple_of(100) && group > 0 && v < 100 => {
                        group += v;
                        rest = r2;
                        words += 1;
                        continue;
                    }
                    _ => break,
                }
            }
        };
        // `hundred` multiplies a group below a hundred (`nineteen hundred`); a phrase that would
        // overflow (`ninety hundred hundred …`) ends before the word, never wraps or panics.
        if mult == 100 {
            if !(1..100).contains(&group) {
                break;
            }
            group *= 100;
        } else {
            let Some(t) = group.checked_mul(mult).and_then(|g| total.checked_add(g)) else { break };
            total = t;
            group = 0;
        }
        rest = r;
        words += 1;
    }
    let value = total.saturating_add(group);
    if words == 1 && first <= 1 {
        return err(i);
    }
    let n = Numeral {
        value: i64::try_from(value).map_or_else(|_| Q::from_integer(value.into()), int),
        unit: Q::one(),
        sig_unit: Q::one(),
        plain_integer: true,
        chinese: false,
        len: i.len() - rest.len(),
    };
    Ok((rest, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> (String, String, usize) {
        let (_, n) = numeral(s).unwrap();
        (crate::quantity::fmt_q(&n.value, 6), crate::quantity::fmt_q(&n.sig_unit, 6), n.len)
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(v("264,000宗"), ("264000".into(), "1000".into(), 7));
        assert_eq!(v("14.7億"), ("1470000000".into(), "10000000".into(), 7));
        assert_eq!(v("1,480萬"), ("14800000".into(), "100000".into(), 8));
        assert_eq!(v("12.5%"), ("12.5".into(), "0.1".into(), 4));
        assert_eq!(v("2019,2020"), ("2019".into(), "1".into(), 4));
    }

    #[test]
    fn chinese_and_mixed_forms() {
        assert_eq!(v("八家").0, "8");
        assert_eq!(v("二十").0, "20");
        assert_eq!(v("十二").0, "12");
        assert_eq!(v("三百五十").0, "350");
        assert_eq!(v("一百零五").0, "105");
        assert_eq!(v("兩項").0, "2");
        assert_eq!(v("二零二零年"), ("2020".into(), "1".into(), 12));
        assert_eq!(v("二○一九年").0, "2019");
        assert_eq!(v("8億6千萬港元"), ("860000000".into(), "10000000".into(), "8億6千萬".len()));
        assert_eq!(v("1.37万亿元"), ("1370000000000".into(), "10000000000".into(), 10));
        assert_eq!(v("1万6千多户").0, "16000");
        assert_eq!(v("10,000億").0, "1000000000000");
        assert_eq!(v("6600万人").0, "66000000");
    }

    #[test]
    fn chinese_decimals_and_digit_strings() {
        // Taiwan and Macao news write amounts with 點 and digit by digit.
        assert_eq!(v("一百四十四點六億美元"), ("14460000000".into(), "10000000".into(), "一百四十四點六億".len()));
        assert_eq!(v("二十二點九").0, "22.9");
        assert_eq!(v("十四点六").0, "14.6");
        assert_eq!(v("九百三十八點八億").0, "93880000000");
        assert_eq!(v("五七八四.九億美元").0, "578490000000");
        // 兆 is a trillion after a number, mega inside a unit.
        assert_eq!(v("10.6兆元").0, "10600000000000");
        assert_eq!(v("3兆瓦").0, "3");
        assert_eq!(v("一三七九億").0, "137900000000");
        assert_eq!(v("四四〇六億").0, "440600000000");
        assert_eq!(v("廿六點九億").0, "2690000000");
        assert_eq!(v("卅").0, "30");
        // A point not followed by a digit ends the numeral: `三點鐘` is 3.
        assert_eq!(v("三點鐘").0, "3");
        // Years stay digit strings.
        assert_eq!(v("二零二零年").0, "2020");
    }

    #[test]
    fn two_chinese_numbers_do_not_run_together() {
        // 一兩年: "one or two years" — the numeral is 一 alone.
        assert_eq!(v("一兩年").0, "1");
    }

    #[test]
    fn too_many_digits_is_a_failure_not_a_guess() {
        let s = "9".repeat(100_000);
        assert!(matches!(numeral(&s), Err(nom::Err::Failure(_))));
    }

    #[test]
    fn english_words() {
        let w = |s: &str| crate::quantity::fmt_q(&english(s).unwrap().1.value, 0);
        assert_eq!(w("five new members"), "5");
        assert_eq!(w("Fourteen"), "14");
        assert_eq!(w("twenty-one days"), "21");
        assert_eq!(w("three hundred and five"), "305");
        assert_eq!(w("two million people"), "2000000");
        assert!(english("one of the").is_err());
        assert!(english("onerous").is_err());
    }

    #[test]
    fn english_words_that_would_overflow_end_the_numeral() {
        let w = |s: &str| crate::quantity::fmt_q(&english(s).unwrap().1.value, 0);
        // Found in review: `group *= 100` overflowed u64 (a panic with overflow checks on).
        let hundreds = format!("ninety{}", " hundred".repeat(12));
        assert_eq!(w(&hundreds), "9000");
        let billions = format!("nineteen{}", " billion".repeat(4));
        assert_eq!(w(&billions), "19000000000");
        assert_eq!(w("nineteen hundred"), "1900");
    }
}
