//! Exact numbers and the intervals they stand for.
//!
//! A figure in a paper is never a point: `12.5%` stands for any value in [12.45, 12.55], `約 28%`
//! for a wider range, `超過 83 萬` for [830,000, ∞). Every consistency check compares such
//! [`Interval`]s with exact rational arithmetic and calls a claim inconsistent only when *no*
//! values inside the stated intervals satisfy it. No `f64` is ever compared.

use std::cmp::Ordering;
use std::fmt;
use std::sync::LazyLock;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// An exact rational number.
pub type Q = BigRational;

pub fn int(n: i64) -> Q {
    Q::from_integer(BigInt::from(n))
}

/// `10^exp` as an integer, from a table for the exponents figures use.
fn pow10_int(exp: u32) -> BigInt {
    static TABLE: LazyLock<Vec<BigInt>> =
        LazyLock::new(|| (0..=POW10_TABLE).map(|e| num_traits::pow(BigInt::from(10), e as usize)).collect());
    match TABLE.get(exp as usize) {
        Some(p) => p.clone(),
        None => num_traits::pow(BigInt::from(10), exp as usize),
    }
}
const POW10_TABLE: u32 = 64;

pub fn pow10(exp: i32) -> Q {
    if exp >= 0 {
        Q::from_integer(pow10_int(exp.unsigned_abs()))
    } else {
        // 1 / 10^k is already in lowest terms, with a positive denominator.
        Q::new_raw(BigInt::one(), pow10_int(exp.unsigned_abs()))
    }
}

/// `q × 10^exp`: for a whole number and `exp ≥ 0` one integer product, otherwise one reduction,
/// instead of a general multiplication (three greatest common divisors).
pub fn times_pow10(q: &Q, exp: i32) -> Q {
    let p = pow10_int(exp.unsigned_abs());
    if exp < 0 {
        Q::new(q.numer().clone(), q.denom() * p)
    } else if q.is_integer() {
        Q::from_integer(q.numer() * p)
    } else {
        Q::new(q.numer() * p, q.denom().clone())
    }
}

/// `q / 2`, with one reduction instead of a general division.
pub fn half(q: &Q) -> Q {
    Q::new(q.numer().clone(), q.denom() * BigInt::from(2))
}

/// Parse plain ASCII digits with an optional fractional part (`"14.7"`, `"264000"`).
/// Separators must already be removed. Returns the value and the place of the last digit.
pub fn parse_decimal(s: &str) -> Option<(Q, Q)> {
    let (int_part, frac_part) = match s.split_once('.') {
        Some((a, b)) => (a, b),
        None => (s, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    if !int_part.bytes().chain(frac_part.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mantissa: BigInt =
        if frac_part.is_empty() { int_part.parse().ok()? } else { format!("{int_part}{frac_part}").parse().ok()? };
    if frac_part.is_empty() {
        return Some((Q::from_integer(mantissa), Q::one()));
    }
    let places = frac_part.len() as u32;
    Some((Q::new(mantissa, pow10_int(places)), pow10(-(places as i32))))
}

/// One end of an interval: `None` is unbounded.
pub type Bound = Option<Q>;

/// A closed interval of exact values; either end may be unbounded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interval {
    pub lo: Bound,
    pub hi: Bound,
}

impl Interval {
    pub fn point(v: Q) -> Self {
        Interval { lo: Some(v.clone()), hi: Some(v) }
    }
    pub fn new(lo: Q, hi: Q) -> Self {
        if lo <= hi { Interval { lo: Some(lo), hi: Some(hi) } } else { Interval { lo: Some(hi), hi: Some(lo) } }
    }
    /// `v ± half`.
    pub fn around(v: &Q, half: &Q) -> Self {
        if half.is_zero() {
            return Interval::point(v.clone());
        }
        Interval::new(v - half, v + half)
    }
    pub fn at_least(v: Q) -> Self {
        Interval { lo: Some(v), hi: None }
    }
    pub fn at_most(v: Q) -> Self {
        Interval { lo: None, hi: Some(v) }
    }
    pub fn everything() -> Self {
        Interval { lo: None, hi: None }
    }
    pub fn is_point(&self) -> bool {
        matches!((&self.lo, &self.hi), (Some(a), Some(b)) if a == b)
    }
    pub fn is_bounded(&self) -> bool {
        self.lo.is_some() && self.hi.is_some()
    }
    pub fn contains(&self, v: &Q) -> bool {
        self.lo.as_ref().is_none_or(|lo| lo <= v) && self.hi.as_ref().is_none_or(|hi| v <= hi)
    }
    /// Do the two intervals share at least one value?
    pub fn intersects(&self, other: &Interval) -> bool {
        let lo_ok = match (&self.lo, &other.hi) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        let hi_ok = match (&self.hi, &other.lo) {
            (Some(a), Some(b)) => a >= b,
            _ => true,
        };
        lo_ok && hi_ok
    }
    /// Widen both ends by `d` (a tolerance).
    pub fn widen(&self, d: &Q) -> Interval {
        Interval { lo: self.lo.as_ref().map(|v| v - d), hi: self.hi.as_ref().map(|v| v + d) }
    }
    pub fn add(&self, o: &Interval) -> Interval {
        Interval { lo: add_b(&self.lo, &o.lo), hi: add_b(&self.hi, &o.hi) }
    }
    pub fn neg(&self) -> Interval {
        Interval { lo: self.hi.as_ref().map(|v| -v), hi: self.lo.as_ref().map(|v| -v) }
    }
    pub fn sub(&self, o: &Interval) -> Interval {
        self.add(&o.neg())
    }
    pub fn scale(&self, k: &Q) -> Interval {
        let lo = self.lo.as_ref().map(|v| v * k);
        let hi = self.hi.as_ref().map(|v| v * k);
        if k.is_negative() { Interval { lo: hi, hi: lo } } else { Interval { lo, hi } }
    }
    /// Is every value strictly positive?
    pub fn is_positive(&self) -> bool {
        self.lo.as_ref().is_some_and(|v| v.is_positive())
    }
    pub fn is_nonnegative(&self) -> bool {
        self.lo.as_ref().is_some_and(|v| !v.is_negative())
    }
    /// `self / o` for a strictly positive divisor and a nonnegative dividend; `None` otherwise
    /// (no rule needs the general case, and guessing would hide a real sign problem).
    pub fn div(&self, o: &Interval) -> Option<Interval> {
        if !o.is_positive() || !self.is_nonnegative() {
            return None;
        }
        // Dividend ≥ 0, divisor > 0: the quotient is smallest at lo/hi and largest at hi/lo.
        let lo = match (&self.lo, &o.hi) {
            (Some(a), Some(b)) => Some(a / b),
            (Some(_), None) => Some(Q::zero()),
            _ => None,
        };
        let hi = match (&self.hi, &o.lo) {
            (Some(a), Some(b)) => Some(a / b),
            _ => None,
        };
        Some(Interval { lo, hi })
    }
    /// `self × o` for nonnegative intervals; `None` otherwise.
    pub fn mul(&self, o: &Interval) -> Option<Interval> {
        if !self.is_nonnegative() || !o.is_nonnegative() {
            return None;
        }
        let lo = match (&self.lo, &o.lo) {
            (Some(a), Some(b)) => Some(a * b),
            _ => None,
        };
        let hi = match (&self.hi, &o.hi) {
            (Some(a), Some(b)) => Some(a * b),
            _ => None,
        };
        Some(Interval { lo, hi })
    }
    pub fn intersect(&self, o: &Interval) -> Option<Interval> {
        if !self.intersects(o) {
            return None;
        }
        let lo = max_b(&self.lo, &o.lo);
        let hi = min_b(&self.hi, &o.hi);
        Some(Interval { lo, hi })
    }
}

fn add_b(a: &Bound, b: &Bound) -> Bound {
    match (a, b) {
        (Some(a), Some(b)) => Some(a + b),
        _ => None,
    }
}
fn max_b(a: &Bound, b: &Bound) -> Bound {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b).clone()),
        (Some(a), None) | (None, Some(a)) => Some(a.clone()),
        (None, None) => None,
    }
}
fn min_b(a: &Bound, b: &Bound) -> Bound {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b).clone()),
        (Some(a), None) | (None, Some(a)) => Some(a.clone()),
        (None, None) => None,
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lo = self.lo.as_ref().map_or("−∞".to_owned(), |v| fmt_q(v, 6));
        let hi = self.hi.as_ref().map_or("∞".to_owned(), |v| fmt_q(v, 6));
        write!(f, "[{lo}, {hi}]")
    }
}

/// Round half away from zero to `digits` decimal places.
pub fn round_to(q: &Q, digits: u32) -> Q {
    let scale = pow10(digits as i32);
    let scaled = q * &scale;
    let half = Q::new(BigInt::one(), BigInt::from(2));
    let r = if scaled.is_negative() { (scaled - half).ceil() } else { (scaled + half).floor() };
    r / scale
}

/// A decimal rendering with at most `max_frac` fractional digits (trailing zeros dropped) and no
/// grouping: `fmt_q(264000) = "264000"`, `fmt_q(1/3, 3) = "0.333"`.
pub fn fmt_q(q: &Q, max_frac: u32) -> String {
    let r = round_to(q, max_frac);
    let neg = r.is_negative();
    let abs = r.abs();
    let int_part = abs.trunc().to_integer();
    let mut frac = abs.fract();
    let mut s = int_part.to_string();
    if !frac.is_zero() {
        s.push('.');
        let ten = int(10);
        for _ in 0..max_frac {
            frac *= &ten;
            let d = frac.trunc().to_integer();
            s.push_str(&d.to_string());
            frac = frac.fract();
            if frac.is_zero() {
                break;
            }
        }
    }
    if neg { format!("-{s}") } else { s }
}

/// Like [`fmt_q`] with thousands separators in the integer part: `264,000`, `1,480.5`.
pub fn fmt_grouped(q: &Q, max_frac: u32) -> String {
    let s = fmt_q(q, max_frac);
    let (sign, rest) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int_part, frac) = rest.split_once('.').map_or((rest, None), |(a, b)| (a, Some(b)));
    let mut grouped = String::new();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A percentage with a sign and one decimal, as help texts show it: `+57.1%`.
pub fn fmt_pct_signed(q: &Q) -> String {
    fmt_pct_signed_prec(q, 1)
}

/// A percentage with a sign and exactly `digits` decimals: `+9.99%`, `−10.80%`.
pub fn fmt_pct_signed_prec(q: &Q, digits: u32) -> String {
    let mut s = fmt_q(q, digits);
    if digits > 0 {
        let have = s.split_once('.').map_or(0, |(_, f)| f.len());
        if have == 0 {
            s.push('.');
        }
        for _ in have..digits as usize {
            s.push('0');
        }
    }
    if let Some(rest) = s.strip_prefix('-') {
        format!("−{rest}%")
    } else if round_to(q, digits).is_zero() {
        format!("{s}%")
    } else {
        format!("+{s}%")
    }
}

/// An approximate `f64`, for display and JSON only — never for comparisons.
pub fn approx(q: &Q) -> f64 {
    q.to_f64().unwrap_or(f64::NAN)
}

pub fn cmp_q(a: &Q, b: &Q) -> Ordering {
    a.cmp(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Q {
        parse_decimal(s).unwrap().0
    }

    #[test]
    fn decimal_parse_keeps_place() {
        let (v, unit) = parse_decimal("14.7").unwrap();
        assert_eq!(v, Q::new(147.into(), 10.into()));
        assert_eq!(unit, Q::new(1.into(), 10.into()));
    }

    #[test]
    fn rounding_intervals_decide_consistency() {
        // $93.9 billion, 14.2% or $11.6 billion higher: consistent only through rounding.
        let b = Interval::around(&q("93.9"), &q("0.05"));
        let d = Interval::around(&q("11.6"), &q("0.05"));
        let a = b.sub(&d);
        let pct = d.div(&a).unwrap().scale(&int(100));
        assert!(pct.intersects(&Interval::around(&q("14.2"), &q("0.05"))));
        assert!(!pct.intersects(&Interval::around(&q("14.5"), &q("0.05"))));
    }

    #[test]
    fn unbounded_ends() {
        let over = Interval::at_least(q("83"));
        assert!(over.intersects(&Interval::point(q("1000"))));
        assert!(!over.intersects(&Interval::point(q("82"))));
    }

    #[test]
    fn formatting() {
        assert_eq!(fmt_grouped(&q("264000"), 1), "264,000");
        assert_eq!(fmt_q(&((q("264000") / q("168000") - int(1)) * int(100)), 1), "57.1");
        assert_eq!(fmt_pct_signed(&-q("3.25")), "−3.3%");
        assert_eq!(fmt_pct_signed_prec(&q("9.9909"), 2), "+9.99%");
        assert_eq!(fmt_pct_signed_prec(&q("10"), 1), "+10.0%");
        assert_eq!(fmt_pct_signed_prec(&q("9.9909"), 2), "+9.99%");
        assert_eq!(fmt_pct_signed_prec(&q("10"), 1), "+10.0%");
        assert_eq!(fmt_grouped(&q("1480.5"), 2), "1,480.5");
    }
}
