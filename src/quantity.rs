//! Exact numbers and the intervals they stand for.
//!
//! A figure in a paper is never a point: `12.5%` stands for any value in [12.45, 12.55], `約 28%`
//! for a wider range, `超過 83 萬` for [830,000, ∞). Every consistency check compares such
//! [`Interval`]s with exact rational arithmetic and calls a claim inconsistent only when *no*
//! values inside the stated intervals satisfy it. No `f64` is ever compared.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};
use std::sync::LazyLock;

use num_bigint::BigInt;
use num_rational::{BigRational, Ratio};
use num_traits::{One, Signed, ToPrimitive};

/// An exact rational number.
///
/// Nearly every figure in a paper is a ratio of two machine words (`264000`, `14.7`, `1/2000`),
/// so that is how it is kept: inline, without allocating, with `i128` intermediates in the
/// arithmetic. A value that does not fit (a numeral of 100,000 digits, a product of many
/// tolerances) is kept as a [`BigRational`]. The form is canonical — small whenever the value fits,
/// always in lowest terms with a positive denominator — so the derived equality and hash are exact.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Q(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// `n / d` with `d > 0` and `gcd(|n|, d) = 1`; zero is `0 / 1`.
    Small { n: i64, d: u64 },
    /// A value whose numerator does not fit an `i64` or whose denominator does not fit a `u64`;
    /// never one that does.
    Big(Box<BigRational>),
}

/// Greatest common divisor, `gcd(0, b) = b` (num-integer's binary algorithm).
fn gcd_u64(a: u64, b: u64) -> u64 {
    num_integer::Integer::gcd(&a, &b)
}

/// [`gcd_u64`] for the 128-bit intermediates of products and sums; on 64-bit operands it is
/// [`gcd_u64`]'s cheaper arithmetic.
fn gcd_u128(a: u128, b: u128) -> u128 {
    match (u64::try_from(a), u64::try_from(b)) {
        (Ok(a), Ok(b)) => u128::from(gcd_u64(a, b)),
        _ => num_integer::Integer::gcd(&a, &b),
    }
}

/// `n / d` for `d > 0`, exact when the quotient divides evenly.
fn div_signed(n: i128, d: u128) -> i128 {
    let m = n.unsigned_abs() / d;
    // m ≤ 2^127, and m = 2^127 only for n = i128::MIN, d = 1, whose quotient the wrapping
    // negation gives exactly; otherwise m fits an i128 and neither operation wraps.
    if n < 0 { (m as i128).wrapping_neg() } else { m as i128 }
}

impl Q {
    /// A small value already in canonical form.
    const fn small(n: i64, d: u64) -> Q {
        Q(Repr::Small { n, d })
    }

    /// `n / d` already in lowest terms with `d > 0`.
    fn from_reduced(n: i128, d: u128) -> Q {
        match (i64::try_from(n), u64::try_from(d)) {
            (Ok(n), Ok(d)) => Q::small(n, d),
            _ => Q(Repr::Big(Box::new(BigRational::new_raw(BigInt::from(n), BigInt::from(d))))),
        }
    }

    /// `n / d` for `d > 0`, reduced.
    fn reduce(n: i128, d: u128) -> Q {
        if n == 0 {
            return Q::zero();
        }
        let g = gcd_u128(n.unsigned_abs(), d);
        if g == 1 { Q::from_reduced(n, d) } else { Q::from_reduced(div_signed(n, g), d / g) }
    }

    /// A reduced `BigRational` (as every `BigRational` operation returns), in canonical form.
    fn from_big(r: BigRational) -> Q {
        match (r.numer().to_i64(), r.denom().to_u64()) {
            (Some(n), Some(d)) => Q::small(n, d),
            _ => Q(Repr::Big(Box::new(r))),
        }
    }

    fn to_big(&self) -> Cow<'_, BigRational> {
        match &self.0 {
            Repr::Small { n, d } => Cow::Owned(BigRational::new_raw(BigInt::from(*n), BigInt::from(*d))),
            Repr::Big(r) => Cow::Borrowed(r),
        }
    }

    pub const fn zero() -> Q {
        Q::small(0, 1)
    }

    pub const fn one() -> Q {
        Q::small(1, 1)
    }

    pub fn from_integer(n: BigInt) -> Q {
        match n.to_i64() {
            Some(n) => Q::small(n, 1),
            None => Q(Repr::Big(Box::new(BigRational::from_integer(n)))),
        }
    }

    /// `numer / denom`, reduced. Panics on a zero denominator, as [`BigRational::new`] does.
    pub fn new(numer: BigInt, denom: BigInt) -> Q {
        if let (Some(n), Some(d)) = (numer.to_i64(), denom.to_i64())
            && d != 0
        {
            // In i128, so that negating i64::MIN cannot overflow.
            let (n, d) = (i128::from(n), i128::from(d));
            return if d < 0 { Q::reduce(-n, d.unsigned_abs()) } else { Q::reduce(n, d.unsigned_abs()) };
        }
        Q::from_big(BigRational::new(numer, denom))
    }

    /// `numer / denom` already in lowest terms with a positive denominator (not checked in
    /// release builds, as with [`BigRational::new_raw`]).
    pub fn new_raw(numer: BigInt, denom: BigInt) -> Q {
        debug_assert!(denom.is_positive() && BigRational::new(numer.clone(), denom.clone()).numer() == &numer);
        Q::from_big(BigRational::new_raw(numer, denom))
    }

    /// A floating-point value exactly, as [`BigRational::from_float`]; `None` for NaN and ±∞.
    pub fn from_float(f: f64) -> Option<Q> {
        BigRational::from_float(f).map(Q::from_big)
    }

    pub fn numer(&self) -> BigInt {
        match &self.0 {
            Repr::Small { n, .. } => BigInt::from(*n),
            Repr::Big(r) => r.numer().clone(),
        }
    }

    /// Always positive.
    pub fn denom(&self) -> BigInt {
        match &self.0 {
            Repr::Small { d, .. } => BigInt::from(*d),
            Repr::Big(r) => r.denom().clone(),
        }
    }

    pub fn is_integer(&self) -> bool {
        match &self.0 {
            Repr::Small { d, .. } => *d == 1,
            Repr::Big(r) => r.is_integer(),
        }
    }

    pub fn is_zero(&self) -> bool {
        matches!(self.0, Repr::Small { n: 0, .. })
    }

    pub fn is_positive(&self) -> bool {
        match &self.0 {
            Repr::Small { n, .. } => *n > 0,
            Repr::Big(r) => r.is_positive(),
        }
    }

    pub fn is_negative(&self) -> bool {
        match &self.0 {
            Repr::Small { n, .. } => *n < 0,
            Repr::Big(r) => r.is_negative(),
        }
    }

    pub fn abs(&self) -> Q {
        match &self.0 {
            Repr::Small { n, d } => match n.checked_abs() {
                Some(a) => Q::small(a, *d),
                None => Q::from_reduced(i128::from(*n).abs(), u128::from(*d)),
            },
            Repr::Big(r) => Q::from_big(r.abs()),
        }
    }

    /// The largest integer not above the value.
    pub fn floor(&self) -> Q {
        match &self.0 {
            Repr::Small { n, d } => Q::from_reduced(i128::from(*n).div_euclid(i128::from(*d)), 1),
            Repr::Big(r) => Q::from_big(r.floor()),
        }
    }

    /// The smallest integer not below the value.
    pub fn ceil(&self) -> Q {
        match &self.0 {
            Repr::Small { n, d } => Q::from_reduced(-(-i128::from(*n)).div_euclid(i128::from(*d)), 1),
            Repr::Big(r) => Q::from_big(r.ceil()),
        }
    }

    /// The integer part, rounded towards zero.
    pub fn trunc(&self) -> Q {
        match &self.0 {
            Repr::Small { n, d } => Q::from_reduced(i128::from(*n) / i128::from(*d), 1),
            Repr::Big(r) => Q::from_big(r.trunc()),
        }
    }

    /// The value minus its integer part (with the value's sign).
    pub fn fract(&self) -> Q {
        match &self.0 {
            // gcd(n mod d, d) = gcd(n, d) = 1: still in lowest terms.
            Repr::Small { n, d } => Q::reduce(i128::from(*n) % i128::from(*d), u128::from(*d)),
            Repr::Big(r) => Q::from_big(r.fract()),
        }
    }

    /// The integer part, rounded towards zero.
    pub fn to_integer(&self) -> BigInt {
        match &self.0 {
            Repr::Small { n, d } => BigInt::from(i128::from(*n) / i128::from(*d)),
            Repr::Big(r) => r.to_integer(),
        }
    }

    /// The nearest `f64`, as [`BigRational`]'s `to_f64` gives it.
    pub fn to_f64(&self) -> Option<f64> {
        match &self.0 {
            // The same conversion BigRational makes when both parts fit an i64.
            Repr::Small { n, d } if i64::try_from(*d).is_ok() => {
                Ratio::new_raw(i128::from(*n), i128::from(*d)).to_f64()
            }
            _ => self.to_big().to_f64(),
        }
    }
}

impl Default for Q {
    fn default() -> Q {
        Q::zero()
    }
}

impl From<BigRational> for Q {
    fn from(r: BigRational) -> Q {
        // Reduced again, in case the caller built it with `new_raw`.
        let (n, d) = r.into_raw();
        Q::new(n, d)
    }
}

impl From<&Q> for BigRational {
    fn from(q: &Q) -> BigRational {
        q.to_big().into_owned()
    }
}

fn add_q(a: &Q, b: &Q) -> Q {
    add_sub(a, b, false)
}

fn sub_q(a: &Q, b: &Q) -> Q {
    add_sub(a, b, true)
}

/// `a ± b`: for two small values, the sum over the least common denominator (Knuth, TAOCP 4.5.1),
/// which needs only one reduction by the denominators' common factor.
fn add_sub(a: &Q, b: &Q, sub: bool) -> Q {
    if let (&Repr::Small { n: an, d: ad }, &Repr::Small { n: bn, d: bd }) = (&a.0, &b.0) {
        let (an, bn) = (i128::from(an), i128::from(bn));
        if ad == 1 && bd == 1 {
            return Q::from_reduced(if sub { an - bn } else { an + bn }, 1);
        }
        let g = gcd_u64(ad, bd);
        let (ad_g, bd_g) = (i128::from(ad / g), i128::from(bd / g));
        // Each product is below 2^127 in magnitude; only the sum can overflow.
        let (x, y) = (an * bd_g, bn * ad_g);
        if let Some(t) = if sub { x.checked_sub(y) } else { x.checked_add(y) } {
            if t == 0 {
                return Q::zero();
            }
            if g == 1 {
                return Q::from_reduced(t, u128::from(ad) * u128::from(bd));
            }
            let g2 = gcd_u128(t.unsigned_abs() % u128::from(g), u128::from(g));
            return Q::from_reduced(div_signed(t, g2), (ad_g as u128) * (u128::from(bd) / g2));
        }
    }
    let (a, b) = (a.to_big(), b.to_big());
    Q::from_big(if sub { &*a - &*b } else { &*a + &*b })
}

/// `a × b`: for two small values, cross-cancelled first, so the product is already reduced.
fn mul_q(a: &Q, b: &Q) -> Q {
    if let (&Repr::Small { n: an, d: ad }, &Repr::Small { n: bn, d: bd }) = (&a.0, &b.0) {
        if an == 0 || bn == 0 {
            return Q::zero();
        }
        let g1 = u128::from(gcd_u64(an.unsigned_abs(), bd));
        let g2 = u128::from(gcd_u64(bn.unsigned_abs(), ad));
        let n = div_signed(i128::from(an), g1) * div_signed(i128::from(bn), g2);
        return Q::from_reduced(n, (u128::from(ad) / g2) * (u128::from(bd) / g1));
    }
    Q::from_big(&*a.to_big() * &*b.to_big())
}

/// `a ÷ b`. Division by zero panics, exactly as [`BigRational`]'s does: callers check first.
fn div_q(a: &Q, b: &Q) -> Q {
    if let (&Repr::Small { n: an, d: ad }, &Repr::Small { n: bn, d: bd }) = (&a.0, &b.0)
        && bn != 0
    {
        if an == 0 {
            return Q::zero();
        }
        // (an / ad) / (bn / bd) = (an × bd) / (ad × bn), cross-cancelled.
        let g1 = u128::from(gcd_u64(an.unsigned_abs(), bn.unsigned_abs()));
        let g2 = u128::from(gcd_u64(ad, bd));
        let n = div_signed(i128::from(an), g1) * div_signed(i128::from(bd), g2);
        let d = (u128::from(ad) / g2) * (u128::from(bn.unsigned_abs()) / g1);
        return Q::from_reduced(if bn < 0 { -n } else { n }, d);
    }
    Q::from_big(&*a.to_big() / &*b.to_big())
}

fn neg_q(a: &Q) -> Q {
    match &a.0 {
        Repr::Small { n, d } => match n.checked_neg() {
            Some(m) => Q::small(m, *d),
            None => Q::from_reduced(-i128::from(*n), u128::from(*d)),
        },
        Repr::Big(r) => Q::from_big(-&**r),
    }
}

macro_rules! binop {
    ($Op:ident, $op:ident, $OpAssign:ident, $op_assign:ident, $f:ident) => {
        impl $Op<&Q> for &Q {
            type Output = Q;
            fn $op(self, o: &Q) -> Q {
                $f(self, o)
            }
        }
        impl $Op<Q> for &Q {
            type Output = Q;
            fn $op(self, o: Q) -> Q {
                $f(self, &o)
            }
        }
        impl $Op<&Q> for Q {
            type Output = Q;
            fn $op(self, o: &Q) -> Q {
                $f(&self, o)
            }
        }
        impl $Op<Q> for Q {
            type Output = Q;
            fn $op(self, o: Q) -> Q {
                $f(&self, &o)
            }
        }
        impl $OpAssign<&Q> for Q {
            fn $op_assign(&mut self, o: &Q) {
                *self = $f(self, o);
            }
        }
        impl $OpAssign<Q> for Q {
            fn $op_assign(&mut self, o: Q) {
                *self = $f(self, &o);
            }
        }
    };
}
binop!(Add, add, AddAssign, add_assign, add_q);
binop!(Sub, sub, SubAssign, sub_assign, sub_q);
binop!(Mul, mul, MulAssign, mul_assign, mul_q);
binop!(Div, div, DivAssign, div_assign, div_q);

impl Neg for Q {
    type Output = Q;
    fn neg(self) -> Q {
        neg_q(&self)
    }
}

impl Neg for &Q {
    type Output = Q;
    fn neg(self) -> Q {
        neg_q(self)
    }
}

impl Ord for Q {
    fn cmp(&self, o: &Q) -> Ordering {
        match (&self.0, &o.0) {
            (&Repr::Small { n: an, d: ad }, &Repr::Small { n: bn, d: bd }) => {
                if ad == bd {
                    an.cmp(&bn)
                } else {
                    // Denominators are positive: compare the cross products, each below 2^127.
                    (i128::from(an) * i128::from(bd)).cmp(&(i128::from(bn) * i128::from(ad)))
                }
            }
            _ => self.to_big().cmp(&o.to_big()),
        }
    }
}

impl PartialOrd for Q {
    fn partial_cmp(&self, o: &Q) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// As [`BigRational`] shows it: `Ratio { numer: 1, denom: 2 }`.
impl fmt::Debug for Q {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Small { n, d } => f.debug_struct("Ratio").field("numer", n).field("denom", d).finish(),
            Repr::Big(r) => fmt::Debug::fmt(r, f),
        }
    }
}

/// As [`BigRational`] shows it: `264000`, `-2/3`.
impl fmt::Display for Q {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Small { n, d } => {
                let s = if *d == 1 { n.to_string() } else { format!("{n}/{d}") };
                match s.strip_prefix('-') {
                    Some(rest) => f.pad_integral(false, "", rest),
                    None => f.pad_integral(true, "", &s),
                }
            }
            Repr::Big(r) => fmt::Display::fmt(r, f),
        }
    }
}

pub fn int(n: i64) -> Q {
    Q::small(n, 1)
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

/// The largest power of ten an `i64` holds (a `u64` holds one more).
const SMALL_POW10: u32 = 18;

pub fn pow10(exp: i32) -> Q {
    let k = exp.unsigned_abs();
    if k <= SMALL_POW10 + 1 {
        let p = 10u64.pow(k);
        if exp < 0 {
            return Q::small(1, p);
        }
        if let Ok(p) = i64::try_from(p) {
            return Q::small(p, 1);
        }
    }
    if exp >= 0 {
        Q::from_integer(pow10_int(k))
    } else {
        // 1 / 10^k is already in lowest terms, with a positive denominator.
        Q::new_raw(BigInt::one(), pow10_int(k))
    }
}

/// `q × 10^exp`: for a small value one small product; otherwise, for a whole number and
/// `exp ≥ 0` one integer product, else one reduction, instead of a general multiplication (three
/// greatest common divisors).
pub fn times_pow10(q: &Q, exp: i32) -> Q {
    if matches!(q.0, Repr::Small { .. }) && exp.unsigned_abs() <= SMALL_POW10 + 1 {
        return q * pow10(exp);
    }
    let p = pow10_int(exp.unsigned_abs());
    if exp < 0 {
        Q::new(q.numer(), q.denom() * p)
    } else if q.is_integer() {
        Q::from_integer(q.numer() * p)
    } else {
        Q::new(q.numer() * p, q.denom())
    }
}

/// `q / 2`, with one reduction instead of a general division.
pub fn half(q: &Q) -> Q {
    match q.0 {
        // An even numerator has an odd denominator, and an odd one stays coprime to 2d.
        Repr::Small { n, d } if n % 2 == 0 => Q::small(n / 2, d),
        Repr::Small { n, d } => Q::from_reduced(i128::from(n), u128::from(d) * 2),
        Repr::Big(_) => Q::new(q.numer(), q.denom() * BigInt::from(2)),
    }
}

/// The decimal a configuration or vocabulary file meant by `f`: `0.05` is 1/20, not the binary
/// fraction nearest to it. `None` for infinities and NaN.
pub fn from_f64_decimal(f: f64) -> Option<Q> {
    if !f.is_finite() {
        return None;
    }
    let s = format!("{}", f.abs());
    let q = parse_decimal(&s).map(|x| x.0).or_else(|| Q::from_float(f.abs()))?;
    Some(if f < 0.0 { -q } else { q })
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
    let places = frac_part.len() as u32;
    // Up to 18 digits fit an i64, and 10^18 a u64: an ordinary figure never needs a BigInt.
    if int_part.len() + frac_part.len() <= SMALL_POW10 as usize {
        let mantissa = int_part.bytes().chain(frac_part.bytes()).fold(0i64, |m, b| m * 10 + i64::from(b - b'0'));
        if places == 0 {
            return Some((int(mantissa), Q::one()));
        }
        let p = 10u64.pow(places);
        return Some((Q::reduce(i128::from(mantissa), u128::from(p)), Q::small(1, p)));
    }
    let mantissa: BigInt =
        if frac_part.is_empty() { int_part.parse().ok()? } else { format!("{int_part}{frac_part}").parse().ok()? };
    if frac_part.is_empty() {
        return Some((Q::from_integer(mantissa), Q::one()));
    }
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
        self.can_be_at_most(other) && other.can_be_at_most(self)
    }
    /// Can some value of this interval be at most some value of `other`?
    pub fn can_be_at_most(&self, other: &Interval) -> bool {
        match (&self.lo, &other.hi) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        }
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
    let half = Q::small(1, 2);
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

/// The small form against [`BigRational`] computed directly, for every operation, on values at
/// and around the edges of the small form.
#[cfg(test)]
mod small_form {
    use std::hash::{BuildHasher, RandomState};

    use num_traits::{ToPrimitive, Zero};
    use proptest::prelude::*;

    use super::*;

    fn big(q: &Q) -> BigRational {
        BigRational::from(q)
    }

    fn is_small(q: &Q) -> bool {
        matches!(q.0, Repr::Small { .. })
    }

    /// Small exactly when the value fits, in lowest terms with a positive denominator.
    fn check_canonical(q: &Q) -> Result<(), TestCaseError> {
        match &q.0 {
            Repr::Small { n, d } => {
                prop_assert!(*d > 0, "{q:?}");
                prop_assert_eq!(gcd_u64(n.unsigned_abs(), *d), 1, "{:?}", q);
            }
            Repr::Big(r) => {
                prop_assert!(r.numer().to_i64().is_none() || r.denom().to_u64().is_none(), "fits: {:?}", q);
                let reduced = BigRational::new(r.numer().clone(), r.denom().clone());
                prop_assert!(reduced.numer() == r.numer() && reduced.denom() == r.denom(), "{:?}", q);
            }
        }
        Ok(())
    }

    /// Check `got` is canonical and equals `want`.
    fn same(got: &Q, want: &BigRational) -> Result<(), TestCaseError> {
        check_canonical(got)?;
        prop_assert_eq!(&big(got), want);
        prop_assert!(big(got).numer() == want.numer() && big(got).denom() == want.denom());
        Ok(())
    }

    fn bigint(digits: Vec<u32>, negative: bool) -> BigInt {
        let sign = if negative { num_bigint::Sign::Minus } else { num_bigint::Sign::Plus };
        BigInt::new(sign, digits)
    }

    /// Numerators: zero, ±1, the edges of i64 and u64 and the values around them, arbitrary
    /// machine words, and big numbers.
    fn numerator() -> impl Strategy<Value = BigInt> {
        let two63 = 1i128 << 63;
        let two64 = 1i128 << 64;
        prop_oneof![
            Just(BigInt::zero()),
            Just(BigInt::from(1)),
            Just(BigInt::from(-1)),
            (-1000i64..1000).prop_map(BigInt::from),
            prop::sample::select(vec![i64::MIN, i64::MIN + 1, i64::MAX, i64::MAX - 1, i64::MIN / 2, i64::MAX / 3])
                .prop_map(BigInt::from),
            ((-3i128..=3), prop::sample::select(vec![two63, -two63, two64, -two64]))
                .prop_map(|(k, e)| BigInt::from(e + k)),
            any::<i64>().prop_map(BigInt::from),
            any::<i128>().prop_map(BigInt::from),
            (prop::collection::vec(any::<u32>(), 3..12), any::<bool>()).prop_map(|(v, n)| bigint(v, n)),
        ]
    }

    /// Denominators (never zero): 1, powers of ten, the edges of u64 and i64, arbitrary words, big
    /// numbers, sometimes negative.
    fn denominator() -> impl Strategy<Value = BigInt> {
        let positive = prop_oneof![
            Just(BigInt::from(1)),
            (1u64..1000).prop_map(BigInt::from),
            (0u32..25).prop_map(|e| num_traits::pow(BigInt::from(10), e as usize)),
            prop::sample::select(vec![
                u64::MAX,
                u64::MAX - 1,
                u64::MAX / 3,
                1 << 63,
                (1 << 63) + 1,
                (1 << 63) - 1,
                1 << 32
            ])
            .prop_map(BigInt::from),
            (1u64..).prop_map(BigInt::from),
            (1u128..).prop_map(BigInt::from),
            prop::collection::vec(any::<u32>(), 3..12)
                .prop_filter("nonzero", |v| v.iter().any(|&x| x != 0))
                .prop_map(|v| bigint(v, false)),
        ];
        (positive, prop::bool::weighted(0.2)).prop_map(|(d, neg)| if neg { -d } else { d })
    }

    fn value() -> impl Strategy<Value = (BigInt, BigInt)> {
        (numerator(), denominator())
    }

    fn hash(q: &Q) -> u64 {
        // One fixed hasher for the whole test.
        static STATE: LazyLock<RandomState> = LazyLock::new(RandomState::new);
        STATE.hash_one(q)
    }

    /// Everything about one value that does not need a second.
    fn check_unary(a: &Q, ba: &BigRational) -> Result<(), TestCaseError> {
        same(a, ba)?;
        same(&-a, &-ba)?;
        same(&-a.clone(), &-ba)?;
        same(&a.abs(), &ba.abs())?;
        same(&a.floor(), &ba.floor())?;
        same(&a.ceil(), &ba.ceil())?;
        same(&a.trunc(), &ba.trunc())?;
        same(&a.fract(), &ba.fract())?;
        same(&half(a), &(ba / BigRational::from_integer(BigInt::from(2))))?;
        for exp in [-25i32, -19, -18, -3, -1, 0, 1, 3, 18, 19, 25] {
            let p = BigRational::from_integer(num_traits::pow(BigInt::from(10), exp.unsigned_abs() as usize));
            let want = if exp < 0 { ba / p } else { ba * p };
            same(&times_pow10(a, exp), &want)?;
        }
        prop_assert_eq!(a.to_integer(), ba.to_integer());
        prop_assert_eq!(a.is_integer(), ba.is_integer());
        prop_assert_eq!(a.is_zero(), ba.is_zero());
        prop_assert_eq!(a.is_positive(), ba.is_positive());
        prop_assert_eq!(a.is_negative(), ba.is_negative());
        prop_assert_eq!(&a.numer(), ba.numer());
        prop_assert_eq!(&a.denom(), ba.denom());
        prop_assert_eq!(a.to_f64().map(f64::to_bits), ba.to_f64().map(f64::to_bits));
        prop_assert_eq!(a.to_string(), ba.to_string());
        prop_assert_eq!(format!("{a:>40}"), format!("{ba:>40}"));
        prop_assert_eq!(format!("{a:?}"), format!("{ba:?}"));
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn matches_big_rational((an, ad) in value(), (bn, bd) in value(), copy in prop::bool::weighted(0.1)) {
            let (bn, bd) = if copy { (an.clone(), ad.clone()) } else { (bn, bd) };
            let (ba, bb) = (BigRational::new(an.clone(), ad.clone()), BigRational::new(bn.clone(), bd.clone()));
            let (a, b) = (Q::new(an, ad), Q::new(bn, bd));
            check_unary(&a, &ba)?;
            check_unary(&b, &bb)?;

            same(&(&a + &b), &(&ba + &bb))?;
            same(&(&a - &b), &(&ba - &bb))?;
            same(&(&a * &b), &(&ba * &bb))?;
            same(&(a.clone() + b.clone()), &(&ba + &bb))?;
            same(&(a.clone() - &b), &(&ba - &bb))?;
            same(&(&a * b.clone()), &(&ba * &bb))?;
            let mut c = a.clone();
            c += &b;
            c -= b.clone();
            c *= &b;
            same(&c, &(&ba * &bb))?;
            if !bb.is_zero() {
                same(&(&a / &b), &(&ba / &bb))?;
                same(&(a.clone() / b.clone()), &(&ba / &bb))?;
                let mut c = a.clone();
                c /= &b;
                same(&c, &(&ba / &bb))?;
            }

            prop_assert_eq!(a.cmp(&b), ba.cmp(&bb));
            prop_assert_eq!(a.partial_cmp(&b), ba.partial_cmp(&bb));
            prop_assert_eq!(a == b, ba == bb);
            prop_assert_eq!(a.clone().max(b.clone()), Q::from(ba.clone().max(bb.clone())));
            prop_assert_eq!(a.clone().min(b.clone()), Q::from(ba.clone().min(bb.clone())));
            if a == b {
                prop_assert_eq!(hash(&a), hash(&b));
            }
        }

        #[test]
        fn decimals_match_big_rational(int_part in "[0-9]{0,30}", frac in prop::option::of("[0-9]{0,30}")) {
            let s = match &frac { Some(f) => format!("{int_part}.{f}"), None => int_part.clone() };
            let got = parse_decimal(&s);
            let digits = format!("{int_part}{}", frac.clone().unwrap_or_default());
            if digits.is_empty() {
                prop_assert!(got.is_none());
            } else {
                let places = frac.map_or(0, |f| f.len());
                let p = num_traits::pow(BigInt::from(10), places);
                let want = BigRational::new(digits.parse().unwrap(), p.clone());
                let (v, unit) = got.unwrap();
                same(&v, &want)?;
                same(&unit, &BigRational::new(BigInt::from(1), p))?;
            }
        }
    }

    #[test]
    fn size() {
        assert!(std::mem::size_of::<Q>() <= 24, "{}", std::mem::size_of::<Q>());
        assert_eq!(std::mem::size_of::<Option<Q>>(), std::mem::size_of::<Q>());
    }

    #[test]
    fn powers_of_ten() {
        for exp in -40i32..=40 {
            let p = BigRational::from_integer(num_traits::pow(BigInt::from(10), exp.unsigned_abs() as usize));
            let want = if exp < 0 { p.recip() } else { p };
            same(&pow10(exp), &want).unwrap();
        }
    }

    #[test]
    fn the_edges_of_i64_go_big_and_come_back() {
        let min = int(i64::MIN);
        assert!(is_small(&min));
        let negated = -&min;
        assert!(!is_small(&negated));
        assert_eq!(negated.to_string(), "9223372036854775808");
        assert!(is_small(&-negated));
        assert!(!is_small(&min.abs()));
        let over = int(i64::MAX) + int(1);
        assert!(!is_small(&over));
        let back = over - int(1);
        assert!(is_small(&back));
        assert_eq!(back, int(i64::MAX));
        let tiny = Q::new(1.into(), u64::MAX.into());
        assert!(is_small(&tiny));
        let tinier = &tiny * &tiny;
        assert!(!is_small(&tinier));
        assert_eq!(&tinier / &tiny, tiny);
        assert!(is_small(&(&tinier / &tiny)));
    }

    #[test]
    fn a_hundred_thousand_digits() {
        let s = "7".repeat(100_000);
        let (v, unit) = parse_decimal(&s).unwrap();
        assert!(!is_small(&v));
        assert_eq!(unit, Q::one());
        assert_eq!(v.to_string(), s);
        assert_eq!((&v - &v), Q::zero());
        assert!(is_small(&(&v - &v)));
        assert_eq!(&v / &v, Q::one());
    }

    #[test]
    fn signed_division_at_the_edges_of_i128() {
        assert_eq!(div_signed(i128::MIN, 1), i128::MIN);
        assert_eq!(div_signed(i128::MIN, 2), i128::MIN / 2);
        assert_eq!(div_signed(i128::MAX, 1), i128::MAX);
        assert_eq!(div_signed(-6, 3), -2);
        assert_eq!(Q::reduce(i128::MIN, 1).to_string(), i128::MIN.to_string());
        assert_eq!(Q::reduce(i128::MIN, 6), Q::from(BigRational::new(i128::MIN.into(), 6.into())));
    }

    #[test]
    fn new_reduces_and_moves_the_sign() {
        assert_eq!(Q::new(6.into(), (-4).into()), Q::small(-3, 2));
        assert_eq!(Q::new(i64::MIN.into(), (-1).into()).to_string(), "9223372036854775808");
        assert_eq!(Q::new(0.into(), (-7).into()), Q::zero());
    }

    #[test]
    #[should_panic(expected = "denominator == 0")]
    fn a_zero_denominator_panics_as_big_rational_does() {
        let _ = Q::new(1.into(), 0.into());
    }

    #[test]
    fn dividing_by_zero_panics_where_big_rational_does() {
        for (a, b) in [(int(1), Q::zero()), (Q::zero(), Q::zero()), (Q::small(-3, 7), Q::zero())] {
            let ours = std::panic::catch_unwind(|| &a / &b).is_err();
            let theirs = std::panic::catch_unwind(|| big(&a) / big(&b)).is_err();
            assert!(ours && theirs);
        }
    }

    #[test]
    fn from_float_is_exact() {
        assert_eq!(Q::from_float(0.05), Some(Q::from(BigRational::from_float(0.05).unwrap())));
        assert_eq!(Q::from_float(0.5), Some(Q::small(1, 2)));
        assert_eq!(Q::from_float(f64::NAN), None);
        assert_eq!(Q::from_float(1e300).map(|q| is_small(&q)), Some(false));
    }
}
