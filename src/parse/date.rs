//! Dates and periods, Chinese and English, read from the normalised text.
//!
//! The parsers return [`DateParts`]: what was written, with relative parts (`去年`, `上月`,
//! `last year`) and missing years left open. [`DateParts::resolve`] turns them into a concrete
//! range once the paper's date and the paragraph's context year are known.

use std::sync::LazyLock;

use jiff::civil::{Date, Weekday};
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while_m_n};
use nom::character::complete::{char, satisfy};
use nom::combinator::{map, map_opt, opt, recognize, value, verify};
use nom::{IResult, Parser};

use super::chars::{CharSet, is_han};
use super::vocab::vocabulary;
use crate::document::{Granularity, YearSource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRef {
    Abs(i32),
    /// Offset from the paper's year.
    Rel(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Start,
    Mid,
    End,
    Within,
    FirstHalf,
    SecondHalf,
    /// 首 4 個月: the first n months.
    FirstMonths(u8),
    /// 上旬 / 中旬 / 下旬
    Dekad(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearKind {
    /// `2019-20`: April to March.
    Fiscal,
    /// `2020/21 school year`: September to August.
    School,
    /// `FY2020`: any fiscal year that could bear the name, October 2019 to March 2021.
    Named,
}

/// What a date mention says, before it is resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateParts {
    pub year: Option<YearRef>,
    /// The end year of a range (`2014 至 2019 年`).
    pub year_end: Option<i32>,
    pub year_kind: Option<YearKind>,
    /// The kind was not written (`2019-20` alone reads as a fiscal year); the other end of a
    /// range may say otherwise (`2019/20 至 2021/22 學年`).
    pub kind_implied: bool,
    pub month: Option<u8>,
    /// Months relative to the paper's month (`上月`).
    pub month_rel: Option<i32>,
    pub month_end: Option<u8>,
    pub day: Option<u8>,
    pub day_end: Option<u8>,
    pub quarter: Option<u8>,
    pub part: Option<Part>,
    pub weekday: Option<Weekday>,
    /// Where the weekday is written, as byte offsets from the mention's start.
    pub weekday_at: Option<(usize, usize)>,
    /// For a range written as one mention (`2014 至 2019 年`): where its connector is, as byte
    /// offsets from the mention's start, so each end can be read on its own.
    pub split: Option<(usize, usize)>,
    /// A numeric date whose day and month could be read either way (`08/04/2010`): `day` and
    /// `month` hold the day-first reading.
    pub swappable: bool,
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

fn fail<T>(i: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)))
}

fn ascii_num(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    move |i: &str| {
        let (rest, d) = take_while_m_n(min, max, |c: char| c.is_ascii_digit()).parse(i)?;
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return fail(i);
        }
        match d.parse() {
            Ok(v) => Ok((rest, v)),
            Err(_) => fail(i),
        }
    }
}

fn year4(i: &str) -> IResult<&str, i32> {
    let (rest, y) = ascii_num(4, 4)(i)?;
    if !(1900..=2100).contains(&y)
        || rest.starts_with([',', '.']) && rest[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return fail(i);
    }
    Ok((rest, y as i32))
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' | 'Ｏ' | 'O' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// 二零二零, 二○一九: a year written digit by digit.
fn cn_year(i: &str) -> IResult<&str, i32> {
    let mut v = 0i32;
    let mut rest = i;
    for _ in 0..4 {
        let (r, c) = satisfy(|c| cn_digit(c).is_some()).parse(rest)?;
        v = v * 10 + cn_digit(c).unwrap_or(0) as i32;
        rest = r;
    }
    if !(1900..=2100).contains(&v) {
        return fail(i);
    }
    Ok((rest, v))
}

/// 1–31 in Chinese: 一, 十, 十二, 二十, 二十一, 三十一.
fn cn_small(i: &str) -> IResult<&str, u32> {
    let (rest, tens) = opt((opt(satisfy(|c| matches!(cn_digit(c), Some(1..=3)))), char('十'))).parse(i)?;
    let (rest, unit) = opt(satisfy(|c| matches!(cn_digit(c), Some(1..=9)))).parse(rest)?;
    let t = match tens {
        Some((Some(d), _)) => cn_digit(d).unwrap_or(0) * 10,
        Some((None, _)) => 10,
        None => 0,
    };
    let u = unit.and_then(cn_digit).unwrap_or(0);
    if tens.is_none() && unit.is_none() {
        return fail(i);
    }
    Ok((rest, t + u))
}

fn small_num(i: &str) -> IResult<&str, u32> {
    alt((ascii_num(1, 2), cn_small)).parse(i)
}

fn month_num(i: &str) -> IResult<&str, u8> {
    map(verify(small_num, |m| (1..=12).contains(m)), |m| m as u8).parse(i)
}

fn day_num(i: &str) -> IResult<&str, u8> {
    map(verify(small_num, |d| (1..=31).contains(d)), |d| d as u8).parse(i)
}

/// `底`, `初`, `中`, `末`, `內`, after a month or a year — unless it starts another word
/// (`初步`, `中國`, `內地`, `底線`).
fn zh_part(i: &str) -> IResult<&str, Part> {
    let (rest, c) = satisfy(|c| matches!(c, '底' | '初' | '中' | '末' | '內' | '内')).parse(i)?;
    let (rest, dekad) = if c == '中' { opt(char('旬')).parse(rest)? } else { (rest, None) };
    if dekad.is_some() {
        return Ok((rest, Part::Dekad(2)));
    }
    let bad_next: &[char] = match c {
        '初' => &['步', '期', '始', '次', '衷', '中', '級', '级', '稿', '審', '审', '選', '选', '心', '創', '创'],
        '底' => &['線', '线', '層', '层', '蘊', '蕴', '部', '下', '子', '氣', '气', '價', '价', '薪'],
        '末' => &['端', '梢', '日', '期'],
        '內' | '内' => &['地', '部', '容', '在', '涵', '外', '閣', '阁', '需', '銷', '销', '河'],
        '中' => &[],
        _ => &[],
    };
    let next = rest.chars().next();
    if next.is_some_and(|n| bad_next.contains(&n)) || c == '中' && next.is_some_and(is_han) {
        return fail(i);
    }
    let part = match c {
        '底' | '末' => Part::End,
        '初' => Part::Start,
        '中' => Part::Mid,
        _ => Part::Within,
    };
    Ok((rest, part))
}

fn dekad(i: &str) -> IResult<&str, Part> {
    alt((value(Part::Dekad(1), tag("上旬")), value(Part::Dekad(2), tag("中旬")), value(Part::Dekad(3), tag("下旬"))))
        .parse(i)
}

// ---------------------------------------------------------------------------------------------
// Chinese

/// `4 月`, `12 月 4 至 8 日`, `4 月底`, `1 月 30 日`.
fn zh_month_day(i: &str) -> IResult<&str, DateParts> {
    // `1 至 4 月`
    if let Ok((rest, (m, _, e, _))) =
        (month_num, alt((tag("至"), tag("到"), tag("-"), tag("–"))), month_num, alt((tag("月份"), tag("月")))).parse(i)
        && e > m
    {
        return Ok((rest, DateParts { month: Some(m), month_end: Some(e), ..Default::default() }));
    }
    let (rest, m) = month_num(i)?;
    let (rest, _) = alt((tag("月份"), tag("月"))).parse(rest)?;
    let mut p = DateParts { month: Some(m), ..Default::default() };
    let day = (
        day_num,
        opt((alt((tag("至"), tag("到"), tag("-"), tag("–"), tag("及"), tag("和"))), day_num)),
        alt((tag("日"), tag("號"), tag("号"))),
    );
    let (rest, d) = opt(day).parse(rest)?;
    if let Some((d, end, _)) = d {
        p.day = Some(d);
        p.day_end = end.map(|(_, e)| e).filter(|e| *e > d);
        return Ok((rest, p));
    }
    let (rest, part) = opt(alt((dekad, zh_part))).parse(rest)?;
    p.part = part;
    Ok((rest, p))
}

fn zh_quarter(i: &str) -> IResult<&str, DateParts> {
    let (rest, (_, q, _, _, part)) = (
        char('第'),
        verify(small_num, |q| (1..=4).contains(q)),
        char('季'),
        opt(char('度')),
        opt(alt((value(Part::End, char('末')), value(Part::Start, char('初'))))),
    )
        .parse(i)?;
    Ok((rest, DateParts { quarter: Some(q as u8), part, ..Default::default() }))
}

/// `一季度`, `二季度`: a quarter without `第` (the mainland's usual form; `四季` alone is the
/// four seasons, so `度` is required).
fn zh_quarter_bare(i: &str) -> IResult<&str, DateParts> {
    let (rest, (q, _)) =
        (alt((value(1u8, char('一')), value(2, char('二')), value(3, char('三')), value(4, char('四')))), tag("季度"))
            .parse(i)?;
    Ok((rest, DateParts { quarter: Some(q), ..Default::default() }))
}

fn zh_half(i: &str) -> IResult<&str, DateParts> {
    let (rest, part) = alt((value(Part::FirstHalf, tag("上半年")), value(Part::SecondHalf, tag("下半年")))).parse(i)?;
    Ok((rest, DateParts { part: Some(part), ..Default::default() }))
}

/// 首 4 個月, 前八月: the first months of a year.
fn zh_first_months(i: &str) -> IResult<&str, DateParts> {
    let (rest, (_, n, _)) = (
        alt((char('首'), char('前'))),
        verify(small_num, |n| (1..=12).contains(n)),
        alt((tag("個月"), tag("个月"), tag("月"))),
    )
        .parse(i)?;
    Ok((rest, DateParts { part: Some(Part::FirstMonths(n as u8)), ..Default::default() }))
}

/// What may follow a year: a quarter, a half, the first months, a month, or a part.
fn zh_after_year(i: &str) -> IResult<&str, DateParts> {
    alt((
        zh_quarter,
        zh_quarter_bare,
        map(alt((tag("上半年"), tag("下半年"))), |s| DateParts {
            part: Some(if s == "上半年" { Part::FirstHalf } else { Part::SecondHalf }),
            ..Default::default()
        }),
        map((alt((tag("上半"), tag("下半"))), opt(char('年'))), |(s, _)| DateParts {
            part: Some(if s == "上半" { Part::FirstHalf } else { Part::SecondHalf }),
            ..Default::default()
        }),
        zh_first_months,
        zh_month_day,
        // `2008年年初`, `2020年年底`: the year said again before its part.
        map((opt(char('年')), zh_part), |(_, p)| DateParts { part: Some(p), ..Default::default() }),
    ))
    .parse(i)
}

fn merge(base: DateParts, tail: Option<DateParts>) -> DateParts {
    match tail {
        None => base,
        Some(t) => DateParts {
            year: base.year,
            year_end: base.year_end,
            year_kind: base.year_kind,
            kind_implied: base.kind_implied,
            month: t.month,
            month_rel: t.month_rel,
            month_end: t.month_end,
            day: t.day,
            day_end: t.day_end,
            quarter: t.quarter,
            part: t.part,
            weekday: base.weekday,
            weekday_at: base.weekday_at,
            split: base.split,
            swappable: base.swappable,
        },
    }
}

fn zh_year_num(i: &str) -> IResult<&str, i32> {
    alt((year4, cn_year)).parse(i)
}

/// `2014 至 2019 年`, `二○一二至二○一三年`. A range that runs backwards (`2019 至 2014 年`) is
/// kept as written: the date-range rule reports it.
fn zh_year_range(i: &str) -> IResult<&str, DateParts> {
    let (r1, a) = zh_year_num(i)?;
    let (r2, _) = alt((tag("至"), tag("到"), tag("-"), tag("–"), tag("—"))).parse(r1)?;
    let (rest, (b, _, du)) = (zh_year_num, char('年'), opt(char('度'))).parse(r2)?;
    if du.is_some() && b == a + 1 {
        return Ok((
            rest,
            DateParts { year: Some(YearRef::Abs(a)), year_kind: Some(YearKind::Fiscal), ..Default::default() },
        ));
    }
    let split = (i.len() - r1.len(), i.len() - r2.len());
    Ok((rest, DateParts { year: Some(YearRef::Abs(a)), year_end: Some(b), split: Some(split), ..Default::default() }))
}

/// Two Chinese digits: the `一九` of `二○一八至一九年度`.
fn cn_two_digits(i: &str) -> IResult<&str, u32> {
    let (rest, (a, b)) = (satisfy(|c| cn_digit(c).is_some()), satisfy(|c| cn_digit(c).is_some())).parse(i)?;
    Ok((rest, cn_digit(a).unwrap_or(0) * 10 + cn_digit(b).unwrap_or(0)))
}

/// The second year of a fiscal or school year, written in full (`2020`) or by its last two
/// digits (`20`, `二零`); `None` unless it is the year after `first`.
fn second_year(first: i32) -> impl Fn(&str) -> IResult<&str, ()> {
    move |i: &str| {
        if let Ok((rest, y)) = zh_year_num(i)
            && y == first + 1
        {
            return Ok((rest, ()));
        }
        let (rest, yy) = alt((ascii_num(2, 2), cn_two_digits)).parse(i)?;
        if (first + 1) % 100 != yy as i32 {
            return fail(i);
        }
        Ok((rest, ()))
    }
}

/// `2019/20 年度`, `2018/19 學年`, `2019-2020學年度`, `二○一八至一九年度`
fn zh_fiscal(i: &str) -> IResult<&str, DateParts> {
    let (rest, y) = zh_year_num(i)?;
    let (rest, sep) = alt((char('/'), char('-'), char('–'), char('至'))).parse(rest)?;
    let (rest, ()) = second_year(y)(rest)?;
    let (rest, kind) = alt((
        value(YearKind::School, alt((tag("學年度"), tag("学年度"), tag("學年"), tag("学年")))),
        value(YearKind::Fiscal, alt((tag("財政年度"), tag("财政年度"), tag("年度")))),
        // `2019/20 年` is a fiscal year; `2019 至 20 年` is not said.
        value(YearKind::Fiscal, verify(tag("年"), |_: &str| sep != '至')),
    ))
    .parse(rest)?;
    Ok((rest, DateParts { year: Some(YearRef::Abs(y)), year_kind: Some(kind), ..Default::default() }))
}

/// What follows a year number: `年`, then `度` or a month, quarter, half or part.
fn zh_year_tail(rest: &str, y: i32) -> IResult<&str, DateParts> {
    let (rest, (_, du)) = (char('年'), opt(char('度'))).parse(rest)?;
    let base = DateParts { year: Some(YearRef::Abs(y)), ..Default::default() };
    if du.is_some() {
        return Ok((rest, base));
    }
    let (rest, tail) = opt(zh_after_year).parse(rest)?;
    Ok((rest, merge(base, tail)))
}

fn zh_year_then(i: &str) -> IResult<&str, DateParts> {
    let (rest, y) = zh_year_num(i)?;
    zh_year_tail(rest, y)
}

/// A year of the Republic of China calendar (`民國109年` = 2020): year 1 is 1912.
const ROC_EPOCH: i32 = 1911;

/// `民國109年`, `中華民國108年12月31日`, `民國一○九年`: unambiguous anywhere.
fn zh_roc_prefixed(i: &str) -> IResult<&str, DateParts> {
    let (rest, _) = alt((tag("中華民國"), tag("中华民国"), tag("民國"), tag("民国"))).parse(i)?;
    let cn_digits = |i| {
        let (rest, ds) = nom::multi::many_m_n(1, 3, satisfy(|c| cn_digit(c).is_some())).parse(i)?;
        Ok((rest, ds.iter().fold(0, |v, &c| v * 10 + cn_digit(c).unwrap_or(0))))
    };
    let (rest, n) = alt((ascii_num(1, 3), cn_digits)).parse(rest)?;
    if !(1..=200).contains(&n) {
        return fail(i);
    }
    zh_year_tail(rest, ROC_EPOCH + n as i32)
}

/// `109年`, `108年12月31日`, `99年度` without `民國`: read only in a paper whose years are ROC
/// years (see [`roc_context`]), since elsewhere `109年` is a length of time. A two-digit year needs
/// a month or `度` after it; a three-digit one is 100 to 130 (2011–2041); neither may be followed
/// by a word that makes it a duration (`年來`, `年前`).
fn zh_roc_bare(i: &str) -> IResult<&str, DateParts> {
    let (rest, n) = ascii_num(2, 3)(i)?;
    let digits = i.len() - rest.len();
    if !(digits == 2 && (38..=99).contains(&n) || digits == 3 && (100..=130).contains(&n)) {
        return fail(i);
    }
    let after = rest.strip_prefix('年').unwrap_or("");
    if after.starts_with(['來', '来', '間', '间', '前', '後', '后', '多', '半', '以']) {
        return fail(i);
    }
    let (end, p) = zh_year_tail(rest, ROC_EPOCH + n as i32)?;
    let dated = p.month.is_some() || p.quarter.is_some() || rest.starts_with("年度");
    if digits == 2 && !dated {
        return fail(i);
    }
    Ok((end, p))
}

/// Does this text count its years from 1912 (Taiwan)? Yes when it says `民國`, or when it writes at
/// least two dates like `108年12月` (a three-digit year followed by a month) and more of them than
/// four-digit `2019年` years.
pub fn roc_context(text: &str) -> bool {
    if text.contains("民國") || text.contains("民国") {
        return true;
    }
    let (mut roc, mut western) = (0usize, 0usize);
    for (k, _) in text.match_indices('年') {
        let before = &text[..k];
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let after = &text[k + '年'.len_utf8()..];
        let month = after.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with('月')
            && after.starts_with(|c: char| c.is_ascii_digit());
        match digits {
            3 if month => roc += 1,
            4 => western += 1,
            _ => {}
        }
    }
    roc >= 2 && roc > western
}

fn zh_rel_year_then(i: &str) -> IResult<&str, DateParts> {
    let Some((w, off)) = vocabulary().zh_relative_years.prefix_of(i) else {
        return fail(i);
    };
    let rest = &i[w.len()..];
    let base = DateParts { year: Some(YearRef::Rel(off)), ..Default::default() };
    // 今年度 is the same year.
    let rest = rest.strip_prefix('度').unwrap_or(rest);
    let (rest, tail) = opt(zh_after_year).parse(rest)?;
    Ok((rest, merge(base, tail)))
}

fn zh_rel_month(i: &str) -> IResult<&str, DateParts> {
    let Some((w, off)) = vocabulary().zh_relative_months.prefix_of(i) else {
        return fail(i);
    };
    let rest = &i[w.len()..];
    let (rest, part) = opt(zh_part).parse(rest)?;
    Ok((rest, DateParts { month_rel: Some(off), part, ..Default::default() }))
}

/// A bare year with no 年: `香港金融科技周 2019`. Only before punctuation, space or Latin text.
fn bare_year(i: &str) -> IResult<&str, DateParts> {
    let (rest, y) = year4(i)?;
    let next = rest.chars().next();
    let ok = match next {
        None => true,
        Some(c) => !is_han(c) && !c.is_ascii_digit() && !matches!(c, '%' | '.' | ',' | '：' | ':' | '/' | '-' | '–'),
    } || rest.starts_with(", ")
        || rest.starts_with(". ")
        || rest.starts_with(".\n")
        || rest == "."
        || rest.starts_with(',') && !rest[1..].starts_with(|c: char| c.is_ascii_digit());
    if !ok {
        return fail(i);
    }
    Ok((rest, DateParts { year: Some(YearRef::Abs(y)), ..Default::default() }))
}

fn zh_date(i: &str) -> IResult<&str, DateParts> {
    alt((
        zh_roc_prefixed,
        zh_year_range,
        zh_fiscal,
        zh_year_then,
        zh_rel_year_then,
        zh_rel_month,
        zh_month_day,
        zh_quarter,
        zh_quarter_bare,
        zh_half,
        zh_first_months,
    ))
    .parse(i)
}

/// `2025-11-25`
fn iso_date(i: &str) -> IResult<&str, DateParts> {
    let (rest, (y, _, m, _, d)) = (year4, char('-'), ascii_num(2, 2), char('-'), ascii_num(2, 2)).parse(i)?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return fail(i);
    }
    Ok((
        rest,
        DateParts { year: Some(YearRef::Abs(y)), month: Some(m as u8), day: Some(d as u8), ..Default::default() },
    ))
}

/// `16/06/2008`, `19/08/2004`: a numeric date with a four-digit year. Day first unless only the
/// other order makes a date (`06/16/2008`); when both orders do (`08/04/2010`) it is marked
/// [`DateParts::swappable`], and nothing is concluded from its day.
fn numeric_date(i: &str) -> IResult<&str, DateParts> {
    let (rest, (a, _, b, _, y)) = (ascii_num(1, 2), char('/'), ascii_num(1, 2), char('/'), year4).parse(i)?;
    if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '/') {
        return fail(i);
    }
    let (day, month) = match (a, b) {
        (1..=31, 1..=12) => (a, b),
        (1..=12, 13..=31) => (b, a),
        _ => return fail(i),
    };
    let swappable = a != b && a <= 12 && b <= 12;
    Ok((
        rest,
        DateParts {
            year: Some(YearRef::Abs(y)),
            month: Some(month as u8),
            day: Some(day as u8),
            swappable,
            ..Default::default()
        },
    ))
}

/// A weekday written after a date: `（星期一）`, `(週一)`, `(一)`, `星期日`, ` (Monday)`. Returns the
/// day and where its word is, relative to `i`.
fn trailing_weekday(i: &str) -> IResult<&str, (Weekday, usize, usize)> {
    let (r, _) = nom::character::complete::space0(i)?;
    let (r, open) = opt(alt((char('('), char('（')))).parse(r)?;
    let start = i.len() - r.len();
    let zh_day = |c: char| {
        Some(match c {
            '一' => Weekday::Monday,
            '二' => Weekday::Tuesday,
            '三' => Weekday::Wednesday,
            '四' => Weekday::Thursday,
            '五' => Weekday::Friday,
            '六' => Weekday::Saturday,
            '日' | '天' => Weekday::Sunday,
            _ => return None,
        })
    };
    let mut zh_prefixed = map_opt(
        (alt((tag("星期"), tag("禮拜"), tag("礼拜"), tag("週"), tag("周"))), satisfy(|c| zh_day(c).is_some())),
        |(_, c)| zh_day(c),
    );
    let (r, day) = if open.is_some() {
        let zh_bare = map_opt(satisfy(|c| zh_day(c).is_some()), zh_day);
        let en = |i| {
            let (rest, w) = word(i)?;
            match en_weekday_word(w) {
                Some(d) if w.starts_with(|c: char| c.is_ascii_uppercase()) => Ok((rest, d)),
                _ => fail(i),
            }
        };
        alt((zh_prefixed, zh_bare, en)).parse(r)?
    } else {
        // Unbracketed, only the Chinese words, written straight after the date.
        if start != 0 {
            return fail(i);
        }
        zh_prefixed.parse(r)?
    };
    let end = i.len() - r.len();
    let (r, _) = if open.is_some() { alt((char(')'), char('）'))).parse(r)? } else { (r, ' ') };
    Ok((r, (day, start, end)))
}

// ---------------------------------------------------------------------------------------------
// English

const MONTHS: [(&str, u8); 23] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
];

fn word(i: &str) -> IResult<&str, &str> {
    nom::bytes::complete::take_while1(|c: char| c.is_ascii_alphabetic()).parse(i)
}

/// Is `w` an English month's name or its abbreviation, in any case (`may`, `Sept`)?
pub fn is_month_name(w: &str) -> bool {
    w.eq_ignore_ascii_case("dec") || MONTHS.iter().any(|(n, _)| n.eq_ignore_ascii_case(w))
}

fn month_name(i: &str) -> IResult<&str, u8> {
    let (rest, w) = word(i)?;
    // "Dec" and the like, but never "may" in lower case (the verb) or "mar"/"march" lowercase.
    let capital = w.starts_with(|c: char| c.is_ascii_uppercase());
    if !capital || w.len() > 9 {
        return fail(i);
    }
    let dec = if w.eq_ignore_ascii_case("dec") { Some(12) } else { None };
    let m = dec.or_else(|| MONTHS.iter().find(|(n, _)| n.eq_ignore_ascii_case(w)).map(|(_, m)| *m));
    match m {
        Some(m) if capital => {
            // `Jan.`, but not the full stop after `June.`
            let abbreviated = MONTHS[..12].iter().all(|(n, _)| !n.eq_ignore_ascii_case(w));
            let rest = if abbreviated { rest.strip_prefix('.').unwrap_or(rest) } else { rest };
            Ok((rest, m))
        }
        _ => fail(i),
    }
}

fn ordinal_suffix(i: &str) -> IResult<&str, Option<&str>> {
    opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))).parse(i)
}

fn en_day(i: &str) -> IResult<&str, u8> {
    let (rest, d) = verify(ascii_num(1, 2), |d| (1..=31).contains(d)).parse(i)?;
    let (rest, _) = ordinal_suffix(rest)?;
    Ok((rest, d as u8))
}

fn comma_space(i: &str) -> IResult<&str, &str> {
    recognize((opt(char(',')), char(' '))).parse(i)
}

fn en_year_after(i: &str) -> IResult<&str, i32> {
    let (rest, (_, y)) = (comma_space, year4).parse(i)?;
    Ok((rest, y))
}

fn en_weekday_word(w: &str) -> Option<Weekday> {
    Some(match w.to_ascii_lowercase().as_str() {
        "monday" | "mon" => Weekday::Monday,
        "tuesday" | "tue" | "tues" => Weekday::Tuesday,
        "wednesday" | "wed" => Weekday::Wednesday,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thursday,
        "friday" | "fri" => Weekday::Friday,
        "saturday" | "sat" => Weekday::Saturday,
        "sunday" | "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// `Monday, ` before a date.
fn weekday(i: &str) -> IResult<&str, Weekday> {
    let (rest, w) = word(i)?;
    let Some(d) = en_weekday_word(w) else {
        return fail(i);
    };
    if !w.starts_with(|c: char| c.is_ascii_uppercase()) {
        return fail(i);
    }
    let (rest, _) = comma_space(rest)?;
    Ok((rest, d))
}

/// `30 January 2020`, `1st April, 1960`, `31st May`
fn en_day_month(i: &str) -> IResult<&str, DateParts> {
    let (rest, d) = en_day(i)?;
    let (rest, (day_end, split)) = en_day_range(i, rest, d)?;
    let (rest, (_, m, y)) = (char(' '), month_name, opt(en_year_after)).parse(rest)?;
    Ok((
        rest,
        DateParts { year: y.map(YearRef::Abs), month: Some(m), day: Some(d), day_end, split, ..Default::default() },
    ))
}

/// `January 30, 2020`, `July 26`
fn en_month_day(i: &str) -> IResult<&str, DateParts> {
    let (rest, (m, _, d)) = (month_name, char(' '), en_day).parse(i)?;
    let (rest, (day_end, split)) = en_day_range(i, rest, d)?;
    if rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return fail(i);
    }
    let (rest, y) = opt(en_year_after).parse(rest)?;
    Ok((
        rest,
        DateParts { year: y.map(YearRef::Abs), month: Some(m), day: Some(d), day_end, split, ..Default::default() },
    ))
}

/// `-28` after the day of `June 26-28`: the last day of a range of days, with where its dash is
/// (byte offsets from `start`, the mention's start).
#[allow(clippy::type_complexity)]
fn en_day_range<'a>(start: &str, rest: &'a str, d: u8) -> IResult<&'a str, (Option<u8>, Option<(usize, usize)>)> {
    let Ok((after, (_, e))) = (alt((char('-'), char('–'))), en_day).parse(rest) else {
        return Ok((rest, (None, None)));
    };
    if e <= d {
        return Ok((rest, (None, None)));
    }
    let dash = start.len() - rest.len();
    Ok((after, (Some(e), Some((dash, dash + rest.chars().next().map_or(1, char::len_utf8))))))
}

fn en_part_prefix(i: &str) -> IResult<&str, Part> {
    alt((
        value(
            Part::End,
            alt((tag_no_case("end-"), tag_no_case("end of "), tag_no_case("the end of "), tag_no_case("end "))),
        ),
        value(Part::Mid, alt((tag_no_case("mid-"), tag_no_case("mid "), tag_no_case("the middle of ")))),
        value(
            Part::Start,
            alt((
                tag_no_case("early "),
                tag_no_case("early-"),
                tag_no_case("beginning of "),
                tag_no_case("the beginning of "),
                tag_no_case("start of "),
            )),
        ),
        value(Part::End, alt((tag_no_case("late "), tag_no_case("late-")))),
    ))
    .parse(i)
}

/// `April 2019`, `end-March 2020`, `April—June, 1956`, `mid-2020`
fn en_month_year(i: &str) -> IResult<&str, DateParts> {
    let (rest, part) = opt(en_part_prefix).parse(i)?;
    if let Ok((rest, y)) = year4(rest)
        && part.is_some()
    {
        return Ok((rest, DateParts { year: Some(YearRef::Abs(y)), part, ..Default::default() }));
    }
    // `the end of last year`
    if let Ok((rest, p)) = en_relative(rest)
        && part.is_some()
    {
        return Ok((rest, DateParts { part, ..p }));
    }
    let (rest, m) = month_name(rest)?;
    // `December last year`, `in November this year`
    if let Ok((rest, (_, p))) = (char(' '), en_relative).parse(rest) {
        return Ok((rest, DateParts { month: Some(m), part, ..p }));
    }
    let (rest, m2) =
        opt(map_opt((alt((tag("—"), tag("–"), tag("-"), tag(" to "), tag(" - "))), month_name), |(_, m2)| {
            Some(m2)
        }))
        .parse(rest)?;
    let (rest, y) = en_year_after(rest)?;
    Ok((
        rest,
        DateParts {
            year: Some(YearRef::Abs(y)),
            month: Some(m),
            // `November–February 2020` runs from November 2019: see `resolve`.
            month_end: m2.filter(|e| *e != m),
            part,
            ..Default::default()
        },
    ))
}

/// `Q3 2019`, `2019 Q3`, `the third quarter of 2019`
fn en_quarter(i: &str) -> IResult<&str, DateParts> {
    let q_first = map((char('Q'), satisfy(|c| ('1'..='4').contains(&c)), char(' '), year4), |(_, q, _, y)| (q, y));
    let y_first = map((year4, char(' '), char('Q'), satisfy(|c| ('1'..='4').contains(&c))), |(y, _, _, q)| (q, y));
    let words = map(
        (
            opt(tag_no_case("the ")),
            alt((
                value('1', tag_no_case("first")),
                value('2', tag_no_case("second")),
                value('3', tag_no_case("third")),
                value('4', tag_no_case("fourth")),
            )),
            tag_no_case(" quarter of "),
            year4,
        ),
        |(_, q, _, y)| (q, y),
    );
    let (rest, (q, y)) = alt((q_first, y_first, words)).parse(i)?;
    Ok((rest, DateParts { year: Some(YearRef::Abs(y)), quarter: Some(q as u8 - b'0'), ..Default::default() }))
}

/// ` school year`, ` academic years`, ` financial year` after a year pair.
fn en_year_kind(i: &str) -> IResult<&str, YearKind> {
    let (rest, (_, kind, _, _)) = (
        char(' '),
        alt((
            value(YearKind::School, alt((tag_no_case("school"), tag_no_case("academic")))),
            value(YearKind::Fiscal, alt((tag_no_case("financial"), tag_no_case("fiscal")))),
        )),
        tag_no_case(" year"),
        opt(tag("s")),
    )
        .parse(i)?;
    if rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return fail(i);
    }
    Ok((rest, kind))
}

/// `2019-20`, `2020/21 school year`, `1955–56`, `2019/2020 academic year`; `2014-2019` is a
/// range of years.
fn en_fiscal(i: &str) -> IResult<&str, DateParts> {
    let (r1, y) = year4(i)?;
    let (r2, _) = alt((char('-'), char('–'), char('/'))).parse(r1)?;
    if let Ok((rest, y2)) = year4(r2) {
        let (rest, kind) = opt(en_year_kind).parse(rest)?;
        return match kind {
            Some(kind) if y2 == y + 1 => {
                Ok((rest, DateParts { year: Some(YearRef::Abs(y)), year_kind: Some(kind), ..Default::default() }))
            }
            Some(_) => fail(i),
            None => {
                let split = (i.len() - r1.len(), i.len() - r2.len());
                Ok((
                    rest,
                    DateParts {
                        year: Some(YearRef::Abs(y)),
                        year_end: Some(y2),
                        split: Some(split),
                        ..Default::default()
                    },
                ))
            }
        };
    }
    let (rest, yy) = ascii_num(2, 2)(r2)?;
    if (y + 1) % 100 != yy as i32 {
        return fail(i);
    }
    let (rest, kind) = opt(en_year_kind).parse(rest)?;
    Ok((
        rest,
        DateParts {
            year: Some(YearRef::Abs(y)),
            year_kind: Some(kind.unwrap_or(YearKind::Fiscal)),
            kind_implied: kind.is_none(),
            ..Default::default()
        },
    ))
}

/// `FY2020`, `FY 2019-20`, `Financial Year 2020`. A fiscal year named by one calendar year starts
/// in different months in different places (April in Singapore, October in the United States), so
/// it stands for every month it could cover.
fn en_named_fiscal(i: &str) -> IResult<&str, DateParts> {
    let (rest, _) =
        alt((recognize((tag("FY"), opt(char(' ')))), tag_no_case("financial year "), tag_no_case("fiscal year ")))
            .parse(i)?;
    if let Ok((rest, p)) = en_fiscal(rest)
        && p.year_kind.is_some()
    {
        return Ok((rest, p));
    }
    let (rest, y) = year4(rest)?;
    Ok((rest, DateParts { year: Some(YearRef::Abs(y)), year_kind: Some(YearKind::Named), ..Default::default() }))
}

fn en_relative(i: &str) -> IResult<&str, DateParts> {
    let Some((w, off)) = vocabulary().en_relative.prefix_of(i) else {
        return fail(i);
    };
    Ok((&i[w.len()..], DateParts { year: Some(YearRef::Rel(off)), ..Default::default() }))
}

fn en_date(i: &str) -> IResult<&str, DateParts> {
    let (rest, wd) = opt(weekday).parse(i)?;
    let at = wd.map(|_| (0, i.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(i.len())));
    let (rest, mut p) =
        alt((en_day_month, en_month_day, en_month_year, en_quarter, en_named_fiscal, en_fiscal, en_relative))
            .parse(rest)?;
    p.weekday = wd;
    p.weekday_at = at;
    Ok((rest, p))
}

/// `March` alone, after a preposition (`in March`, `since June`): a month whose year the
/// paragraph or the paper supplies.
fn en_bare_month(i: &str) -> IResult<&str, DateParts> {
    let (rest, m) = month_name(i)?;
    if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-') {
        return fail(i);
    }
    Ok((rest, DateParts { month: Some(m), ..Default::default() }))
}

/// Does the text end with a preposition that takes a month (`in `, `since `)?
fn after_preposition(before: &str) -> bool {
    const WORDS: [&str; 10] = ["in", "since", "by", "from", "until", "till", "before", "after", "during", "of"];
    let Some(b) = before.strip_suffix(' ') else {
        return false;
    };
    let word: String =
        b.chars().rev().take_while(char::is_ascii_alphabetic).collect::<Vec<_>>().into_iter().rev().collect();
    let boundary = !b[..b.len() - word.len()].ends_with(|c: char| c.is_ascii_alphanumeric());
    boundary && WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// What the text around a mention tells the scanner.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The paper counts its years from 1912 (see [`roc_context`]): `109年` is 2020.
    pub roc: bool,
}

/// Try to read a date starting at `i`; returns its end and parts.
pub fn scan(text: &str, i: usize) -> Option<(usize, DateParts)> {
    scan_with(text, i, Options::default())
}

/// First words an English date can start with (lower case): the parsers are only tried on
/// these, which keeps the scan of an English paper from trying a dozen parsers on every word.
const EN_STARTS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "q",
    "fy",
    "end",
    "mid",
    "early",
    "late",
    "beginning",
    "start",
    "the",
    "first",
    "second",
    "third",
    "fourth",
    "financial",
    "fiscal",
    "this",
    "last",
];

/// Characters a Chinese date can start with: numerals, 民國, 第 N 季, 上/下半年, 首, 前, and the first
/// characters of the relative words in the vocabulary (今年, 去年, 本月 …).
static HAN_STARTS: LazyLock<CharSet> = LazyLock::new(|| {
    let v = vocabulary();
    CharSet::new(
        "零〇○一二三四五六七八九十兩两民中第上下首前"
            .chars()
            .chain(v.zh_relative_years.first_chars())
            .chain(v.zh_relative_months.first_chars()),
    )
});

/// The characters other than ASCII a date can start with ([`could_start`]).
pub fn han_starts() -> &'static CharSet {
    &HAN_STARTS
}

/// Could a date start at `i`? A cheap look at the first character or word.
fn could_start(text: &str, c: char) -> bool {
    if c.is_ascii_digit() {
        return true;
    }
    if c.is_ascii_alphabetic() {
        let word = &text[..text.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(text.len())];
        return word.len() <= 9 && (EN_STARTS.iter().any(|w| w.eq_ignore_ascii_case(word)) || word == "next");
    }
    HAN_STARTS.contains(c)
}

/// Could [`zh_date`] read anything at `rest` (which starts with `c`)? Its second character
/// decides most false starts (`中國`, `上升`, `前者`, `一些`) before the dozen parsers are tried.
fn zh_may_start(rest: &str, c: char) -> bool {
    let v = vocabulary();
    if v.zh_relative_years.prefix_of(rest).is_some() || v.zh_relative_months.prefix_of(rest).is_some() {
        return true;
    }
    let Some(n) = rest[c.len_utf8()..].chars().next() else {
        return false;
    };
    // What a number (`small_num`, `cn_year`) can go on with.
    let numeral = |n: char| n.is_ascii_digit() || n == '十' || cn_digit(n).is_some();
    match c {
        '中' => matches!(n, '華' | '华'),
        '民' => matches!(n, '國' | '国'),
        '第' | '首' | '前' => numeral(n),
        '上' | '下' => n == '半',
        _ if c == '十' || cn_digit(c).is_some() => numeral(n) || matches!(n, '月' | '季' | '至' | '到' | '-' | '–'),
        _ => true,
    }
}

/// Could a date start at `rest`, which starts with an ASCII digit? Every parser tried there reads a
/// four-digit year of 1900–2100, or one or two digits followed by what makes them a day or a month
/// (`/`, `月`, `至`, a dash, ` January`, `1st`), or, in a Taiwanese paper, a year of two or three
/// digits and `年`. A figure (`12.5%`, `3,000`, `45 宗`) is passed over without trying them.
fn digits_may_start(rest: &str, roc: bool) -> bool {
    let k = rest.bytes().take(5).take_while(u8::is_ascii_digit).count();
    match k {
        1 | 2 => {
            let next = rest[k..].chars().next();
            matches!(next, Some('/' | '月' | '至' | '到' | '-' | '–' | ' ' | 's' | 'n' | 'r' | 't'))
                || roc && k == 2 && next == Some('年')
        }
        3 => roc,
        4 => rest[..4].parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y)),
        _ => false,
    }
}

/// [`scan`], knowing more about the paper.
pub fn scan_with(text: &str, i: usize, opts: Options) -> Option<(usize, DateParts)> {
    let rest = text.get(i..)?;
    let c = rest.chars().next()?;
    if !could_start(rest, c) {
        return None;
    }
    let prev = text[..i].chars().next_back();
    if prev.is_some_and(|p| p.is_ascii_alphanumeric()) {
        return None;
    }
    let r = if c.is_ascii_alphabetic() {
        en_date(rest).or_else(|_| if after_preposition(&text[..i]) { en_bare_month(rest) } else { fail(rest) })
    } else if c.is_ascii_digit() {
        if !digits_may_start(rest, opts.roc) {
            return None;
        }
        // 2025-11-25 / 4 月 / 2019 年 / 2019-20 / 30 January 2020 / a bare year / 109年 (ROC).
        let roc = |i| if opts.roc { zh_roc_bare(i) } else { fail(i) };
        alt((iso_date, numeric_date, roc, zh_date, en_date, bare_year)).parse(rest)
    } else if is_han(c) {
        if !zh_may_start(rest, c) {
            return None;
        }
        // 第 after another numeral is an ordinal list (第 3 項), not a quarter: zh_quarter
        // requires 季 so that is safe.
        zh_date(rest)
    } else {
        return None;
    };
    let (mut after, mut p) = r.ok()?;
    if p.day.is_some()
        && p.weekday.is_none()
        && let Ok((a, (w, s, e))) = trailing_weekday(after)
    {
        let len = rest.len() - after.len();
        p.weekday = Some(w);
        p.weekday_at = Some((len + s, len + e));
        after = a;
    }
    let end = text.len() - after.len();
    Some((end, p))
}

// ---------------------------------------------------------------------------------------------
// Resolution

/// Context for resolving a mention: the paper's date and the year last written in the paragraph.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    pub paper: Option<Date>,
    pub year: Option<i32>,
}

fn last_day(y: i32, m: u8) -> Option<Date> {
    Date::new(y as i16, m as i8, 1).ok().map(|d| d.last_of_month())
}

fn ymd(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::new(y.try_into().ok()?, m as i8, d as i8).ok()
}

impl DateParts {
    /// A concrete range, or `None` when the parts do not make a real date (31 April, a relative
    /// date with no paper date to anchor it).
    pub fn resolve(&self, ctx: Context) -> Option<(Date, Date, Granularity, YearSource)> {
        let (year, source) = match self.year {
            Some(YearRef::Abs(y)) => (y, YearSource::Explicit),
            Some(YearRef::Rel(off)) => (ctx.paper?.year() as i32 + off, YearSource::Relative),
            None if self.month_rel.is_some() => (ctx.paper?.year() as i32, YearSource::Relative),
            None => match (ctx.year, ctx.paper) {
                (Some(y), _) => (y, YearSource::Context),
                (None, Some(p)) => (p.year() as i32, YearSource::Assumed),
                (None, None) => return None,
            },
        };
        if let Some(end) = self.year_end {
            // Backwards (`2019 至 2014 年`) it still covers the same years.
            return Some((ymd(year.min(end), 1, 1)?, ymd(year.max(end), 12, 31)?, Granularity::Range, source));
        }
        if let Some(kind) = self.year_kind {
            let (sm, g) = match kind {
                YearKind::Fiscal => (4, Granularity::FiscalYear),
                YearKind::School => (9, Granularity::SchoolYear),
                YearKind::Named => {
                    return Some((ymd(year - 1, 10, 1)?, ymd(year + 1, 3, 31)?, Granularity::FiscalYear, source));
                }
            };
            let start = ymd(year, sm, 1)?;
            let end = ymd(year + 1, sm, 1)?.yesterday().ok()?;
            return Some((start, end, g, source));
        }
        let month = match (self.month, self.month_rel) {
            (Some(m), _) => Some((year, m)),
            (None, Some(off)) => {
                let p = ctx.paper?;
                let first = Date::new(p.year(), p.month(), 1).ok()?;
                let d = first.checked_add(jiff::Span::new().months(off)).ok()?;
                Some((d.year() as i32, d.month() as u8))
            }
            _ => None,
        };
        if let Some((y, m)) = month {
            if let Some(d) = self.day {
                let start = ymd(y, m, d)?;
                let end = match self.day_end {
                    Some(e) => ymd(y, m, e)?,
                    None => start,
                };
                let g = if self.day_end.is_some() { Granularity::Range } else { Granularity::Day };
                return Some((start, end, g, source));
            }
            let first = ymd(y, m, 1)?;
            if let Some(me) = self.month_end {
                // `November–February 2020`: the year belongs to the end.
                let first = if me < m { ymd(y - 1, m, 1)? } else { first };
                return Some((first, last_day(y, me)?, Granularity::Range, source));
            }
            let last = last_day(y, m)?;
            let (s, e) = match self.part {
                Some(Part::Start) | Some(Part::Dekad(1)) => (first, ymd(y, m, 10)?),
                Some(Part::Mid) | Some(Part::Dekad(2)) => (ymd(y, m, 11)?, ymd(y, m, 20)?),
                Some(Part::End) | Some(Part::Dekad(3)) => (ymd(y, m, 21)?, last),
                _ => (first, last),
            };
            let g = if self.part.is_some_and(|p| p != Part::Within) { Granularity::Part } else { Granularity::Month };
            return Some((s, e, g, source));
        }
        if let Some(q) = self.quarter {
            let sm = (q - 1) * 3 + 1;
            let first = ymd(year, sm, 1)?;
            let last = last_day(year, sm + 2)?;
            return match self.part {
                Some(Part::End) => Some((last_day(year, sm + 2)?.first_of_month(), last, Granularity::Part, source)),
                Some(Part::Start) => Some((first, last_day(year, sm)?, Granularity::Part, source)),
                _ => Some((first, last, Granularity::Quarter, source)),
            };
        }
        let (s, e, g) = match self.part {
            Some(Part::FirstHalf) => (ymd(year, 1, 1)?, ymd(year, 6, 30)?, Granularity::Half),
            Some(Part::SecondHalf) => (ymd(year, 7, 1)?, ymd(year, 12, 31)?, Granularity::Half),
            Some(Part::FirstMonths(n)) => (ymd(year, 1, 1)?, last_day(year, n)?, Granularity::Part),
            Some(Part::Start) => (ymd(year, 1, 1)?, ymd(year, 3, 31)?, Granularity::Part),
            Some(Part::Mid) => (ymd(year, 5, 1)?, ymd(year, 8, 31)?, Granularity::Part),
            Some(Part::End) => (ymd(year, 10, 1)?, ymd(year, 12, 31)?, Granularity::Part),
            _ => (ymd(year, 1, 1)?, ymd(year, 12, 31)?, Granularity::Year),
        };
        Some((s, e, g, source))
    }
}

impl DateParts {
    /// For a range written as one mention (`2014 至 2019 年`, `2014-2019`): its two ends, each with
    /// where it is written (byte offsets from the mention's start), in the order written.
    pub fn halves(&self, len: usize) -> Option<[(DateParts, (usize, usize)); 2]> {
        let (a, b) = self.split?;
        // `June 26-28`, `26-28 June 2008`: a range of days.
        if let Some(e) = self.day_end {
            let from = DateParts { day_end: None, split: None, ..self.clone() };
            let to = DateParts { day: Some(e), day_end: None, split: None, ..self.clone() };
            return Some([(from, (0, a)), (to, (b, len))]);
        }
        let end = self.year_end?;
        let from = DateParts { year: self.year, ..Default::default() };
        let to = DateParts { year: Some(YearRef::Abs(end)), ..Default::default() };
        Some([(from, (0, a)), (to, (b, len))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str, paper: Option<&str>) -> Option<(String, String, usize)> {
        let (end, p) = scan(s, 0)?;
        let ctx = Context { paper: paper.map(|p| p.parse().unwrap()), year: None };
        let (a, b, _, _) = p.resolve(ctx)?;
        Some((a.to_string(), b.to_string(), end))
    }

    #[test]
    fn chinese_dates() {
        assert_eq!(d("2019年4月向", None).unwrap().0, "2019-04-01");
        assert_eq!(d("2020年1月30日起", None), Some(("2020-01-30".into(), "2020-01-30".into(), 16)));
        assert_eq!(d("二零二零年六月一日", None).unwrap().0, "2020-06-01");
        assert_eq!(d("2019年第3季向", None).unwrap(), ("2019-07-01".into(), "2019-09-30".into(), "2019年第3季".len()));
        assert_eq!(d("2019/20年度，共有", None).unwrap().0, "2019-04-01");
        assert_eq!(d("2018/19學年起", None).unwrap().0, "2018-09-01");
        assert_eq!(
            d("2014至2019年投資", None).unwrap(),
            ("2014-01-01".into(), "2019-12-31".into(), "2014至2019年".len())
        );
        assert_eq!(
            d("2020年四月底，", None).unwrap(),
            ("2020-04-21".into(), "2020-04-30".into(), "2020年四月底".len())
        );
        assert_eq!(d("2019年上半年向", None).unwrap().1, "2019-06-30");
        assert_eq!(
            d("2019年1至4月，", None).unwrap(),
            ("2019-01-01".into(), "2019-04-30".into(), "2019年1至4月".len())
        );
        assert_eq!(
            d("去年11月4至8日成功", Some("2020-06-01")).unwrap(),
            ("2019-11-04".into(), "2019-11-08".into(), "去年11月4至8日".len())
        );
        assert_eq!(d("今年首4個月共", Some("2020-06-01")).unwrap().1, "2020-04-30");
        assert_eq!(
            d("今年前十一月進口", Some("2025-12-10")).unwrap(),
            ("2025-01-01".into(), "2025-11-30".into(), "今年前十一月".len())
        );
        assert_eq!(d("2020年內公布", None).unwrap().1, "2020-12-31");
        assert_eq!(d("二○一二至二○一三年立法", None).unwrap().0, "2012-01-01");
        assert!(d("2020年內地", None).unwrap().2 == "2020年".len());
        // The year said again before its part.
        assert_eq!(d("2008年年初基金", None).unwrap(), ("2008-01-01".into(), "2008-03-31".into(), "2008年年初".len()));
        assert_eq!(d("2020年年底，", None).unwrap().0, "2020-10-01");
        assert_eq!(d("2019年年均增長", None).unwrap().2, "2019年".len());
        assert!(d("去年", None).is_none(), "a relative date needs the paper's date");
    }

    #[test]
    fn english_dates() {
        assert_eq!(d("30 January 2020 was", None).unwrap().0, "2020-01-30");
        assert_eq!(d("1st April, 1960, taking", None).unwrap().0, "1960-04-01");
        assert_eq!(d("January 30, 2020.", None).unwrap().0, "2020-01-30");
        assert_eq!(d("April 2019 and", None).unwrap().1, "2019-04-30");
        assert_eq!(d("Q3 2019 and", None).unwrap().0, "2019-07-01");
        assert_eq!(d("2019-20 RE", None).unwrap(), ("2019-04-01".into(), "2020-03-31".into(), 7));
        assert_eq!(d("2020/21 school year", None).unwrap().0, "2020-09-01");
        assert_eq!(d("end-March 2020", None).unwrap().0, "2020-03-21");
        assert_eq!(d("July 26 announced", Some("2023-07-26")).unwrap().0, "2023-07-26");
        assert_eq!(d("Monday, 26 February 2024", None).unwrap().0, "2024-02-26");
        assert!(d("may 2019", None).is_none());
        let bare = |s: &'static str, i: usize| scan(s, i).map(|(end, p)| (p.month, &s[i..end]));
        assert_eq!(bare("launched in March, two", 12), Some((Some(3), "March")));
        assert_eq!(bare("approval in June.", 12), Some((Some(6), "June")));
        assert_eq!(bare("The March figures", 4), None);
        assert_eq!(bare("May I add", 0), None);
        assert_eq!(
            d("December last year, the", Some("2023-02-14")).unwrap(),
            ("2022-12-01".into(), "2022-12-31".into(), 18)
        );
        assert_eq!(d("the end of last year", Some("2023-02-14")).unwrap().0, "2022-10-01");
    }

    #[test]
    fn fiscal_and_school_years_in_every_form() {
        let fy = |s: &str| d(s, None).map(|(a, b, end)| (a, b, s[..end].to_owned()));
        let apr = |y: i32| (format!("{y}-04-01"), format!("{}-03-31", y + 1));
        assert_eq!(fy("2019-20 RE").map(|x| (x.0, x.1)), Some(apr(2019)));
        assert_eq!(fy("w.e.f. 2021-22".get(7..).unwrap()).map(|x| (x.0, x.1)), Some(apr(2021)));
        assert_eq!(fy("2020/21 school year.").unwrap().2, "2020/21 school year");
        assert_eq!(fy("2021/22 academic years with").unwrap().2, "2021/22 academic years");
        assert_eq!(fy("2019/2020 academic year").unwrap().0, "2019-09-01");
        assert_eq!(fy("二○一八至二○一九财政年度的").map(|x| (x.0, x.1)), Some(apr(2018)));
        assert_eq!(fy("二零一九至二零年度").map(|x| (x.0, x.1)), Some(apr(2019)));
        assert_eq!(fy("2019-2020學年度").unwrap().0, "2019-09-01");
        assert_eq!(fy("2019至2020年度").map(|x| (x.0, x.1)), Some(apr(2019)));
        // A fiscal year named by one year could start in October (US) or April (Singapore).
        assert_eq!(fy("FY2020 and").map(|x| (x.0, x.1)), Some(("2019-10-01".into(), "2021-03-31".into())));
        assert_eq!(fy("FY2019/20").map(|x| (x.0, x.1)), Some(apr(2019)));
        // Four digits on both sides without a kind is a range of years.
        assert_eq!(fy("2014-2019 and").unwrap(), ("2014-01-01".into(), "2019-12-31".into(), "2014-2019".into()));
        assert!(fy("2019-21").is_none(), "not a fiscal year");
    }

    #[test]
    fn ranges_keep_their_halves_in_the_order_written() {
        let (end, p) = scan("2019至2014年", 0).unwrap();
        assert_eq!(end, "2019至2014年".len());
        let [(a, ra), (b, rb)] = p.halves(end).unwrap();
        assert_eq!((a.year, b.year), (Some(YearRef::Abs(2019)), Some(YearRef::Abs(2014))));
        assert_eq!((ra, rb), ((0, 4), (7, end)));
        // Still covering the years it names.
        assert_eq!(d("2019至2014年", None).unwrap().0, "2014-01-01");
        // `November–February 2020` runs across the new year.
        assert_eq!(d("November–February 2020", None).unwrap().0, "2019-11-01");
    }

    #[test]
    fn numeric_dates_and_ranges_of_days() {
        let (_, p) = scan("16/06/2008 ", 0).unwrap();
        assert_eq!((p.day, p.month, p.swappable), (Some(16), Some(6), false));
        let (_, p) = scan("08/04/2010", 0).unwrap();
        assert_eq!((p.day, p.month, p.swappable), (Some(8), Some(4), true));
        assert!(scan("9/10/90", 0).is_none_or(|(_, p)| p.day.is_none()), "a two-digit year is not read");
        assert_eq!(d("June 26-28 in", Some("2008-06-16")).unwrap(), ("2008-06-26".into(), "2008-06-28".into(), 10));
        assert_eq!(d("26-28 June 2008", None).unwrap().1, "2008-06-28");
        let (end, p) = scan("June 26-28", 0).unwrap();
        let [(_, a), (to, b)] = p.halves(end).unwrap();
        assert_eq!((a, b, to.day), ((0, 7), (8, 10), Some(28)));
    }

    #[test]
    fn roc_years_need_a_taiwanese_context() {
        let roc = Options { roc: true };
        let at = |s: &str, o: Options| {
            let (end, p) = scan_with(s, 0, o)?;
            let (a, b, _, _) = p.resolve(Context::default())?;
            Some((a.to_string(), b.to_string(), s[..end].to_owned()))
        };
        assert_eq!(at("民國109年", Options::default()).unwrap().0, "2020-01-01");
        assert_eq!(at("中華民國108年12月31日", Options::default()).unwrap().0, "2019-12-31");
        assert_eq!(at("民國一○九年", Options::default()).unwrap().0, "2020-01-01");
        // Without 民國, 109年 is a year only in a paper that counts from 1912.
        assert!(at("109年", Options::default()).is_none());
        assert_eq!(at("109年", roc).unwrap().0, "2020-01-01");
        assert_eq!(at("108年12月31日", roc).unwrap().0, "2019-12-31");
        assert_eq!(at("99年度", roc).unwrap().0, "2010-01-01");
        assert!(at("10年來", roc).is_none());
        assert!(at("99年", roc).is_none(), "a two-digit year needs a month");
        assert!(at("120年來", roc).is_none());
        assert!(roc_context("本案於108年12月31日及109年1月15日完成"));
        assert!(roc_context("民國109年"));
        assert!(!roc_context("本港經濟在過去109年發展"));
        assert!(!roc_context("2019年12月及2020年1月，108年12月"));
    }

    #[test]
    fn circles_iso_dates_and_weekdays() {
        assert_eq!(d("二○一九年四月一日", None).unwrap().0, "2019-04-01");
        assert_eq!(d("二〇一九年四月一日", None).unwrap().0, "2019-04-01");
        assert_eq!(d("2025-11-25 政府", None).unwrap(), ("2025-11-25".into(), "2025-11-25".into(), 10));
        fn wd(s: &str) -> Option<(Weekday, &str, &str)> {
            let (end, p) = scan(s, 0)?;
            let (a, b) = p.weekday_at?;
            Some((p.weekday?, &s[a..b], &s[..end]))
        }
        assert_eq!(wd("2019年11月4日（星期一）舉行"), Some((Weekday::Monday, "星期一", "2019年11月4日（星期一）")));
        assert_eq!(wd("2019年11月4日(週一)"), Some((Weekday::Monday, "週一", "2019年11月4日(週一)")));
        assert_eq!(wd("2019年11月10日(日)"), Some((Weekday::Sunday, "日", "2019年11月10日(日)")));
        assert_eq!(wd("2020年11月11日星期三"), Some((Weekday::Wednesday, "星期三", "2020年11月11日星期三")));
        assert_eq!(wd("Monday, 4 November 2019"), Some((Weekday::Monday, "Monday", "Monday, 4 November 2019")));
        assert_eq!(wd("Thu, 4th February 2010"), Some((Weekday::Thursday, "Thu", "Thu, 4th February 2010")));
        assert_eq!(wd("Monday 25th March 2013"), Some((Weekday::Monday, "Monday", "Monday 25th March 2013")));
        assert_eq!(wd("4 November 2019 (Monday)"), Some((Weekday::Monday, "Monday", "4 November 2019 (Monday)")));
        // Not a weekday: a list label on its own, 周年.
        assert!(wd("2019年11月4日周年").is_none());
        assert!(wd("4 November 2019 (see").is_none());
    }

    #[test]
    fn quarters_without_di() {
        assert_eq!(d("2010年一季度", None).unwrap().0, "2010-01-01");
        assert_eq!(d("2010年三季度", None).unwrap().1, "2010-09-30");
        let (_, p) = scan("一季度,工业品", 0).unwrap();
        assert_eq!(p.quarter, Some(1));
        // The four seasons are no quarter.
        assert!(scan("四季紅火", 0).is_none_or(|(_, p)| p.quarter.is_none()));
    }
}
