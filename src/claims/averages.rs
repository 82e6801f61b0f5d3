//! Averages: a figure stated per something, with the total and the count it divides
//! (`資助360萬元，只有9個項目可獲資助，平均每個項目也只得40萬元`; `年底存栏一亿八千万头；全国一亿二千万
//! 农户，按年底存栏数平均每户一头半`; `$2.4 million to 12 projects, an average of $200,000 per
//! project`).
//!
//! An average is read where the paper marks it as one (`平均每`, `人均`, `an average of … per`)
//! and names what it is per. Its total is a figure of the same unit stated before it in its
//! sentence; its count is a count of the thing it is per (`每個項目` → `9個項目`, `每户` →
//! `一亿二千万农户`) or, for an average per year or month, a length of time with a total stated
//! over it (`五年累計投入500億元`). Several totals of the unit are told apart by the words the
//! average names its basis with (`按年底存栏数` → `年底存栏`); when the words do not decide, or
//! several counts of different values fit, the average is read with doubt. The words are
//! `rules/averages.toml`; `average` judges each.

use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::claims::parts::{en_head, han_after};
use crate::claims::quantity::measure_before;
use crate::claims::support::WordList;
use crate::document::{Document, Figure, FigureKind};
use crate::parse::chars::is_han;

const AVERAGES_TOML: &str = include_str!("../../rules/averages.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWords {
    zh_per: Vec<String>,
    zh_per_person: Vec<String>,
    zh_per_time: Vec<String>,
    zh_generic: Vec<String>,
    en_average: Vec<String>,
    en_per: Vec<String>,
    en_person: Vec<String>,
    en_people: Vec<String>,
    zh_people: Vec<String>,
    population: Vec<String>,
    totals: Vec<String>,
}

struct Words {
    zh_per: WordList,
    zh_per_person: WordList,
    zh_per_time: WordList,
    zh_generic: WordList,
    en_average: WordList,
    en_per: WordList,
    en_person: Vec<String>,
    en_people: Vec<String>,
    zh_people: Vec<String>,
    population: WordList,
    totals: WordList,
}

fn words() -> &'static Words {
    static W: LazyLock<Words> = LazyLock::new(|| {
        // Compiled in and checked by `tests::embedded_words_parse`: a failure is a build defect.
        let r: RawWords = toml::from_str(AVERAGES_TOML).expect("embedded rules/averages.toml is valid");
        Words {
            zh_per: WordList::new(r.zh_per),
            zh_per_person: WordList::new(r.zh_per_person),
            zh_per_time: WordList::new(r.zh_per_time),
            zh_generic: WordList::new(r.zh_generic),
            en_average: WordList::new(r.en_average),
            en_per: WordList::new(r.en_per),
            en_person: r.en_person,
            en_people: r.en_people,
            zh_people: r.zh_people,
            population: WordList::new(r.population),
            totals: WordList::new(r.totals),
        }
    });
    &W
}

/// A stated average with the total and the count it is the quotient of.
#[derive(Debug, Clone)]
pub struct Average {
    /// The average, the total and the count, by index into [`Document::figures`].
    pub average: usize,
    pub total: usize,
    pub count: usize,
    /// The words that make it an average, as a normalised range (`平均每個項目`, `an average of`).
    pub word: Range<usize>,
    /// What it is per, as written (`項目`, `project`).
    pub per: String,
    /// Why it cannot be judged, if it cannot.
    pub doubt: Option<String>,
}

/// How many figures before and after an average are read for its total and count.
const REACH: usize = 24;

/// How many characters may stand between `平均每` and the average (`平均每个公社有农业中学一点二所`).
const ZH_GAP_CHARS: usize = 16;

/// What an average is per: a noun, a person, or a unit of time.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Per {
    /// The noun's first characters (`項目`, `户`), or an English head noun (`project`).
    Noun(String),
    Person,
    /// `年`, `月`, `天`; `year`, `month`, `day`.
    Time(String),
    /// `averaging $50,000 each`: each of the things the sentence counts.
    Each,
}

const ZH_TIME: [&str; 7] = ["年", "月", "天", "日", "周", "週", "星期"];
const EN_TIME: [&str; 4] = ["year", "month", "week", "day"];

/// Every average the paper states with its total and count in its sentence.
pub(crate) fn read_averages(doc: &Document) -> Vec<Average> {
    let w = words();
    let text = &doc.norm.text;
    let zh = around_anchor(text, &w.zh_per, ZH_ANCHOR);
    let mut en = around_anchor(text, &w.en_average, EN_ANCHOR);
    en.extend(around_anchor(text, &w.en_average, EN_ANCHOR_CAPITAL));
    let mut found: Vec<(usize, Range<usize>, Per)> = Vec::new();
    for m in zh {
        if let Some((i, per)) = zh_average(doc, w, &m) {
            found.push((i, m, per));
        }
    }
    for m in en {
        if let Some((i, per)) = en_average(doc, w, &m) {
            found.push((i, m, per));
        }
    }
    found.sort_by_key(|f| f.0);
    found.dedup_by_key(|f| f.0);
    let averages: Vec<usize> = found.iter().map(|f| f.0).collect();
    found.into_iter().filter_map(|(i, word, per)| resolve(doc, w, &averages, i, word, per)).collect()
}

/// Every word of `zh-per` holds `均`, and every word of `en-average` holds `averag` (checked by
/// `tests::embedded_words_parse`): the text is searched for these with `memchr`, and the words
/// only where they occur, since most sentences state no average.
const ZH_ANCHOR: &str = "均";
const EN_ANCHOR: &str = "averag";
const EN_ANCHOR_CAPITAL: &str = "Averag";

/// The words of `list` that cover an occurrence of `anchor`, leftmost first, as byte ranges.
fn around_anchor(text: &str, list: &WordList, anchor: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for p in memchr::memmem::find_iter(text.as_bytes(), anchor.as_bytes()) {
        if out.last().is_some_and(|r| r.end > p) {
            continue;
        }
        let from = p.saturating_sub(list.longest());
        let hit = (from..=p).filter(|&s| text.is_char_boundary(s)).find_map(|s| {
            let n = list.at(text, s)?;
            (s + n >= p + anchor.len()).then_some(s..s + n)
        });
        out.extend(hit);
    }
    out
}

/// `平均每個項目也只得40萬元`: the average after the opener, in its clause, and what it is per.
fn zh_average(doc: &Document, w: &Words, m: &Range<usize>) -> Option<(usize, Per)> {
    let text = &doc.norm.text;
    let k = doc.figures.partition_point(|f| f.norm.start < m.end);
    let f = doc.figures.get(k)?;
    let gap = text.get(m.end..f.norm.start)?;
    if gap.chars().count() > ZH_GAP_CHARS || gap.contains(['，', '。', '；', '：', ',', ';', ':', '\n']) {
        return None;
    }
    if !matches!(f.kind, FigureKind::Money { .. } | FigureKind::Count { .. }) {
        return None;
    }
    let word = &text[m.clone()];
    if w.zh_per_person.at(word, 0) == Some(word.len()) {
        return Some((k, Per::Person));
    }
    // `年均投入120億元`: the opener is per year itself.
    if w.zh_per_time.at(word, 0) == Some(word.len()) {
        let t = ZH_TIME.iter().find(|t| word.starts_with(**t))?;
        return Some((k, Per::Time((*t).to_owned())));
    }
    // `每個項目` → `項目`; `每户` → `户`; `每一名` → `名`.
    let mut rest = gap.trim_start();
    rest = rest.strip_prefix('一').unwrap_or(rest);
    // One classifier only: `項` of `項目` is a noun's first character after `個`.
    if let Some(n) = w.zh_generic.at(rest, 0).filter(|&n| n < rest.len()) {
        rest = &rest[n..];
    }
    let noun: String = rest.chars().take_while(|&c| is_han(c)).take(2).collect();
    if let Some(t) = ZH_TIME.iter().find(|t| noun.starts_with(**t)) {
        return Some((k, Per::Time((*t).to_owned())));
    }
    if noun.is_empty() {
        return None;
    }
    Some((k, Per::Noun(noun)))
}

/// `an average of $200,000 per project`, `$75 million per year on average`: the average next to
/// the marker and the noun after `per`.
fn en_average(doc: &Document, w: &Words, m: &Range<usize>) -> Option<(usize, Per)> {
    let text = &doc.norm.text;
    let after = doc.figures.partition_point(|f| f.norm.start < m.end);
    // The figure straight after the marker (its qualifier between: `an average of over $1
    // billion`), or, for `on average`, the last one before it.
    let straight = |f: &Figure| {
        text.get(m.end..f.norm.start).is_some_and(|g| {
            g.trim().is_empty()
                || f.qualifier.is_some() && g.trim().split(' ').count() <= 3 && !g.contains([',', ';', '.', ':', '\n'])
        })
    };
    let marker = &text[m.clone()];
    let k = match doc.figures.get(after) {
        Some(f) if straight(f) => after,
        _ if !marker.to_ascii_lowercase().ends_with("average") => return None,
        _ => {
            let k = doc.figures.partition_point(|f| f.norm.end <= m.start).checked_sub(1)?;
            let gap = text.get(doc.figures[k].norm.end..m.start)?;
            if gap.len() > 24 || gap.contains([',', ';', '.', ':', '\n']) {
                return None;
            }
            k
        }
    };
    let f = &doc.figures[k];
    if !matches!(f.kind, FigureKind::Money { .. } | FigureKind::Count { .. }) {
        return None;
    }
    let rest = text.get(f.norm.end..)?.trim_start();
    let n = w.en_per.at(rest, 0)?;
    // `averaging $50,000 each.`: each of what the sentence counts.
    if rest[..n].eq_ignore_ascii_case("each") && !rest[n..].starts_with(|c: char| c == ' ' || c.is_alphabetic()) {
        return Some((k, Per::Each));
    }
    let rest = rest[n..].trim_start();
    let rest = rest.strip_prefix("a ").unwrap_or(rest);
    let noun: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect::<String>().to_lowercase();
    if noun.is_empty() {
        return None;
    }
    if w.en_person.contains(&noun) {
        return Some((k, Per::Person));
    }
    let single = noun.strip_suffix('s').unwrap_or(&noun).to_owned();
    if EN_TIME.contains(&single.as_str()) {
        return Some((k, Per::Time(single)));
    }
    Some((k, Per::Noun(single)))
}

/// Is figure `f` a count of what the average is per?
fn counts(doc: &Document, w: &Words, f: &Figure, per: &Per) -> bool {
    match (&f.kind, per) {
        (FigureKind::Duration { unit }, Per::Time(t)) => {
            // `年` for `年`; `years` for `year`.
            unit.trim_end_matches('s').ends_with(t.as_str())
        }
        (FigureKind::Count { classifier }, Per::Person) => {
            let people = if classifier.is_ascii() {
                en_head(doc, f).is_some_and(|h| w.en_people.contains(&h) || w.en_people.contains(&format!("{h}s")))
            } else {
                w.zh_people.contains(classifier)
            };
            // A population: its words say so, before it or straight after (`六亿五千万人民`).
            let i = doc.figures.partition_point(|g| g.norm.start < f.norm.start);
            let named = |r: Range<usize>| !w.population.find_all(doc.norm_text(&r)).is_empty();
            // (`人民` of `六亿五千万人民中` is the classifier `人` and the `民` after it.)
            let after = han_after(doc, f, 3);
            people
                && (named(measure_before(doc, i))
                    || !w.population.find_all(&format!("{}{after}", f.text(doc))).is_empty())
        }
        (FigureKind::Count { classifier }, Per::Each) => classifier.is_ascii() && !classifier.is_empty(),
        (FigureKind::Count { classifier }, Per::Noun(noun)) => {
            if classifier.is_ascii() {
                return en_head(doc, f).is_some_and(|h| h == *noun);
            }
            let generic = w.zh_generic.at(classifier, 0) == Some(classifier.len());
            if generic {
                // `9個項目` for `每個項目`; `二万四千多个人民公社` for `每个公社`: the noun after
                // the classifier holds the average's, at its start or after a short modifier.
                let after = han_after(doc, f, 6);
                let two = noun.chars().count() >= 2;
                two && after.find(noun.as_str()).is_some_and(|at| after[..at].chars().count() <= 2)
            } else {
                // `一亿二千万农户` for `每户`: the classifier is the noun.
                let first = noun.chars().next().map(String::from).unwrap_or_default();
                classifier.ends_with(&first) || classifier.starts_with(noun.as_str())
            }
        }
        _ => false,
    }
}

/// Can figure `t` be the total the average `a` divides?
fn same_unit(doc: &Document, a: &Figure, t: &Figure) -> bool {
    match (&a.kind, &t.kind) {
        (FigureKind::Money { currency: x }, FigureKind::Money { currency: y }) => x == y,
        (FigureKind::Count { classifier: x }, FigureKind::Count { classifier: y }) => {
            if x.is_ascii() {
                en_head(doc, a).is_some() && en_head(doc, a) == en_head(doc, t)
            } else {
                x == y
            }
        }
        _ => false,
    }
}

/// Is figure `j` itself a rate (`每月 1,700元`, `$10 per hour`)?
fn is_rate(doc: &Document, w: &Words, j: usize) -> bool {
    let text = &doc.norm.text;
    let f = &doc.figures[j];
    let rest = text.get(f.norm.end..).unwrap_or("").trim_start();
    text[measure_before(doc, j)].contains('每') || w.en_per.at(rest, 0).is_some() || rest.starts_with(['每', '/'])
}

/// Two-character runs shared by two texts: how closely the words naming an average's basis
/// (`按年底存栏数`) match a total's measure (`年底存栏`).
fn shared_pairs(a: &str, b: &str) -> usize {
    let pairs = |s: &str| {
        let cs: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        cs.windows(2).map(|p| (p[0], p[1])).collect::<Vec<_>>()
    };
    let (pa, pb) = (pairs(a), pairs(b));
    pa.iter().filter(|p| pb.contains(p)).count()
}

/// The total and count of the average at figure `i`, from its sentence.
fn resolve(doc: &Document, w: &Words, averages: &[usize], i: usize, word: Range<usize>, per: Per) -> Option<Average> {
    let text = &doc.norm.text;
    let a = &doc.figures[i];
    // Its sentence: a figure of the unit stated a sentence earlier is as often a budget or a
    // stock as the total the average divides.
    let s = doc.sentence_at(a.norm.start)?;
    let block = doc.sentences[s].norm.clone();
    // At most [`REACH`] figures either side: a sentence of thousands of figures (a table run
    // together) is not read whole for each average in it.
    let first = doc.figures.partition_point(|f| f.norm.start < block.start).max(i.saturating_sub(REACH));
    let last = doc.figures.partition_point(|f| f.norm.start < block.end).min(i + REACH);
    let others = || (first..last).filter(|&j| j != i && averages.binary_search(&j).is_err());
    let count_of: Vec<usize> = others().filter(|&j| counts(doc, w, &doc.figures[j], &per)).collect();
    let timed = matches!(per, Per::Time(_));
    let totals: Vec<usize> = others()
        .filter(|&j| j < i && !count_of.contains(&j))
        .filter(|&j| same_unit(doc, a, &doc.figures[j]) && !is_rate(doc, w, j))
        // Over a period, only a figure said to be a total (`累計`, `in total`) is one.
        .filter(|&j| !timed || !w.totals.find_all(&text[measure_before(doc, j)]).is_empty())
        .collect();
    let (&count, &total) = (count_of.first()?, totals.first()?);
    let per_text = match (&per, &doc.figures[count].kind) {
        // `每班人數` against `3班`: what it is per is the classifier, not the words after it.
        (Per::Noun(_), FigureKind::Count { classifier })
            if w.zh_generic.at(classifier, 0).is_none() && !classifier.is_ascii() =>
        {
            classifier.clone()
        }
        (Per::Noun(n) | Per::Time(n), _) => n.clone(),
        (Per::Person, _) => "person".to_owned(),
        (Per::Each, FigureKind::Count { classifier }) => classifier.strip_suffix('s').unwrap_or(classifier).to_owned(),
        (Per::Each, _) => String::new(),
    };
    let mut avg = Average { average: i, total, count, word, per: per_text, doubt: None };
    // Counts of different values: which one the average is over is not known.
    if count_of.iter().any(|&c| doc.figures[c].value != doc.figures[count].value) {
        avg.doubt = Some(format!("{} counts of `{}` in its sentence differ", count_of.len(), avg.per));
        return Some(avg);
    }
    if totals.len() > 1 {
        // The words before the opener name the basis (`按年底存栏数平均每户`).
        let head = text.get(block.start..avg.word.start).unwrap_or("");
        let clause_start = head
            .char_indices()
            .rfind(|(_, c)| matches!(c, '，' | '。' | '；' | ',' | ';' | '.'))
            .map_or(block.start, |(k, c)| block.start + k + c.len_utf8());
        let basis = text.get(clause_start..avg.word.start).unwrap_or("");
        let scores: Vec<usize> = totals.iter().map(|&t| shared_pairs(basis, &text[measure_before(doc, t)])).collect();
        let best = scores.iter().copied().max().unwrap_or(0);
        if best > 0 && scores.iter().filter(|&&s| s == best).count() == 1 {
            avg.total = totals[scores.iter().position(|&s| s == best).unwrap_or(0)];
        } else {
            avg.total = *totals.last().unwrap_or(&total);
            avg.doubt = Some(format!("{} figures of its unit before it could be its total", totals.len()));
        }
    }
    Some(avg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(t: &str) -> Vec<(String, String, String, bool)> {
        let doc =
            crate::parse::parse(&crate::source::Source::from_text("t.txt", t), &crate::parse::ParseOptions::default());
        read_averages(&doc)
            .iter()
            .map(|a| {
                let f = |i: usize| doc.figures[i].text(&doc).to_owned();
                (f(a.average), f(a.total), f(a.count), a.doubt.is_some())
            })
            .collect()
    }

    #[test]
    fn embedded_words_parse() {
        let _ = words();
        let raw: RawWords = toml::from_str(AVERAGES_TOML).unwrap();
        assert!(raw.zh_per.iter().all(|w| w.contains(ZH_ANCHOR)), "every zh-per word holds {ZH_ANCHOR}");
        assert!(raw.en_average.iter().all(|w| w.to_lowercase().contains(EN_ANCHOR)));
    }

    #[test]
    fn averages_with_their_totals_and_counts() {
        assert_eq!(
            read("資助360萬元，只有9個項目可獲資助，平均每個項目也只得40萬元。\n"),
            [("40萬元".into(), "360萬元".into(), "9個".into(), false)]
        );
        assert_eq!(
            read("共巡查310次，涉及31間店鋪，即是平均每間店鋪巡查10次。\n"),
            [("10次".into(), "310次".into(), "31間".into(), false)]
        );
        assert_eq!(
            read("The programme gave $2.4 million to 12 projects, an average of $200,000 per project.\n"),
            [("$200,000".into(), "$2.4 million".into(), "12 projects".into(), false)]
        );
        // Two totals of the unit, told apart by the words the average names its basis with.
        assert_eq!(
            read(
                "全年养猪二亿七千万头，年底存栏一亿八千万头；全国一亿二千万农户，按年底存栏数平均每户一头半，按全年饲养量平均每户两头以上。\n"
            ),
            [
                ("一头半".into(), "一亿八千万头".into(), "一亿二千万农户".into(), false),
                ("两头以上".into(), "二亿七千万头".into(), "一亿二千万农户".into(), false)
            ]
        );
        // Per year: only a total over the period counts.
        assert_eq!(
            read("過去5年累計投入500億元，平均每年100億元。\n"),
            [("100億元".into(), "500億元".into(), "5年".into(), false)]
        );
    }

    #[test]
    fn averages_per_year_and_each() {
        let r = read("過去5年累計投入500億元，年均投入120億元。");
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].1.as_str(), r[0].2.as_str()), ("500億元", "5年"));
        let r = read("Over the past five years, spending totalled $500 million, or an average of $120 million a year.");
        assert_eq!(r.len(), 1);
        let r = read("The 12 groups received $480,000 in total, averaging $50,000 each.");
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].1.as_str(), r[0].2.as_str()), ("$480,000", "12 groups"));
        // A growth rate per year is no average of a total.
        assert!(read("過去5年累計投入500億元，年均增長5%。").is_empty());
    }

    #[test]
    fn no_average_without_its_total_and_count() {
        // A figure of the unit a sentence before is not read as the total.
        assert!(read("今年預算為5,000萬元。共資助10個項目，平均每個項目40萬元。\n").is_empty());
        // A stock at one date is no total over the years.
        assert!(read("2012年土地面積為1,100公頃。過去20年，平均每年增加約54公頃。\n").is_empty());
        // No count of what it is per.
        assert!(read("資助360萬元，平均每個項目40萬元。\n").is_empty());
        // A rate is no total: `每月1,700元`.
        assert!(read("租金每月1,700元，30個車位，平均每個車位57元。\n").is_empty());
        // A growth rate is no average of a total.
        assert!(read("國內生產總值達89404億元，平均每年增長8.3%。\n").is_empty());
    }

    #[test]
    fn english_markers_take_the_figure_they_mark() {
        // `an average of` marks the figure after it, never one before it.
        assert!(
            read("It rose from 12 projects at $600,000 each, to an average of over $1 billion per project.\n")
                .is_empty()
        );
        assert_eq!(
            read("The fund gave $12 million to 10 projects, an average of over $1 million per project.\n"),
            [("$1 million".into(), "$12 million".into(), "10 projects".into(), false)]
        );
        // A rate with no count of what it is per is no average of a stated total.
        assert!(read("We collect about $75 million per year on average from estate duty.\n").is_empty());
    }

    #[test]
    fn per_person_the_count_is_a_population() {
        assert_eq!(
            read("全国粮食产量七千二百亿斤，在六亿五千万人民中，每人平均一千一百斤。\n"),
            [("一千一百斤".into(), "七千二百亿斤".into(), "六亿五千万人".into(), false)]
        );
        assert_eq!(
            read(
                "With a population of 7.4 million people, GDP of $2,800 billion gives an average of $378,000 per person.\n"
            ),
            [("$378,000".into(), "$2,800 billion".into(), "7.4 million people".into(), false)]
        );
        // New jobs counted in people are no population.
        assert!(read("财政收入6.85万亿元；城镇新增就业1102万人；城镇居民人均可支配收入17175元。\n").is_empty());
    }

    #[test]
    fn totals_the_words_do_not_tell_apart_are_doubt() {
        let r = read("甲區撥款300萬元，乙區撥款500萬元，共10個項目，平均每個項目40萬元。\n");
        assert_eq!(r.len(), 1);
        assert!(r[0].3);
    }
}
