//! The parser's vocabulary, read from the embedded `rules/vocabulary.toml`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::chars::CharSet;
use crate::document::Qualifier;
use crate::quantity::Q;

const VOCABULARY_TOML: &str = include_str!("../../rules/vocabulary.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    tolerance: RawTolerance,
    qualifiers: BTreeMap<String, Vec<String>>,
    postfix: BTreeMap<String, Vec<String>>,
    classifiers: RawClassifiers,
    durations: RawLang,
    currencies: RawCurrencies,
    scales: RawScales,
    percent: RawPercent,
    multiples: RawMultiples,
    cheng: RawCheng,
    zero: RawCheng,
    half: RawCheng,
    dates: RawDates,
    pages: RawPages,
    speakers: RawSpeakers,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPages {
    en_page: Vec<String>,
    en_of: Vec<String>,
    zh_before: Vec<String>,
    zh_after: Vec<String>,
    zh_total: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSpeakers {
    zh_titles: Vec<String>,
    notes: Vec<String>,
    en_titles: Vec<String>,
    questions: Vec<String>,
    replies: Vec<String>,
    officials: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTolerance {
    about: f64,
    nearly: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawClassifiers {
    zh: Vec<String>,
    en_adjectives: Vec<String>,
    en_stopwords: Vec<String>,
    en_not_counted: Vec<String>,
    en_references: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLang {
    zh: Vec<String>,
    en: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCurrencies {
    prefix: BTreeMap<String, String>,
    suffix: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScales {
    en: BTreeMap<String, i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPercent {
    zh_points: Vec<String>,
    en_percent: Vec<String>,
    en_points: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawMultiples {
    en: BTreeMap<String, i32>,
    en_bare: BTreeMap<String, i32>,
    en_bare_before: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCheng {
    not_before: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawDates {
    zh_relative_years: BTreeMap<String, i32>,
    zh_relative_months: BTreeMap<String, i32>,
    en_relative: BTreeMap<String, i32>,
    range_connectors: Vec<String>,
    range_pairs: Vec<(String, String)>,
    datelines: Vec<String>,
    dateline_ends: Vec<String>,
    issued: Vec<String>,
}

/// A word list, looked up by its first (or last) character so that a scan over a whole paper
/// costs one search per position, not one comparison per word. Within a character, entries
/// are ordered longest first, so the first match is the longest.
#[derive(Debug, Default, Clone)]
pub struct Words<T> {
    entries: Vec<(String, T)>,
    /// Whether each entry has a Latin letter (and so matches case-insensitively, at a word
    /// boundary).
    ascii: Vec<bool>,
    /// Lower-cased first character → entry indices, longest first; sorted by character.
    first: Vec<(char, Vec<usize>)>,
    last: Vec<(char, Vec<usize>)>,
    /// The characters of `first` and `last`, and their upper-case forms: most positions of a
    /// paper start no word, and are turned away with one test.
    firsts: CharSet,
    lasts: CharSet,
    /// The 64-character blocks of `firsts` among the characters UTF-8 writes in three bytes
    /// (Han, CJK punctuation, full-width forms): bit `second & 0x3f` of word `lead & 0x0f`, from
    /// the first two bytes. A scan over Chinese text turns away most characters with this test
    /// before decoding them.
    blocks3: [u64; 16],
}

fn index_by(entries: &[String], key: impl Fn(&str) -> Option<char>) -> Vec<(char, Vec<usize>)> {
    let mut map: std::collections::BTreeMap<char, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, w) in entries.iter().enumerate() {
        if let Some(c) = key(w) {
            map.entry(c).or_default().push(i);
        }
    }
    map.into_iter().collect()
}

fn lookup(index: &[(char, Vec<usize>)], c: char) -> &[usize] {
    match index.binary_search_by_key(&c, |(k, _)| *k) {
        Ok(i) => &index[i].1,
        Err(_) => &[],
    }
}

impl<T: Clone> Words<T> {
    pub(crate) fn new(mut entries: Vec<(String, T)>) -> Self {
        entries.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        entries.dedup_by(|a, b| a.0 == b.0);
        let words: Vec<String> = entries.iter().map(|e| e.0.clone()).collect();
        let ascii = words.iter().map(|w| is_ascii_word(w)).collect();
        let first = index_by(&words, |w| w.chars().next().map(|c| c.to_ascii_lowercase()));
        let last = index_by(&words, |w| w.chars().next_back().map(|c| c.to_ascii_lowercase()));
        let either_case =
            |index: &[(char, Vec<usize>)]| CharSet::new(index.iter().flat_map(|(c, _)| [*c, c.to_ascii_uppercase()]));
        let (firsts, lasts) = (either_case(&first), either_case(&last));
        let mut blocks3 = [0u64; 16];
        for &(c, _) in &first {
            // Upper-case forms are ASCII: only the lower-cased character can take three bytes.
            if c.len_utf8() == 3 {
                let n = c as u32;
                blocks3[(n >> 12) as usize & 0x0f] |= 1 << (n >> 6 & 0x3f);
            }
        }
        Words { entries, ascii, first, last, firsts, lasts, blocks3 }
    }
    /// The longest entry `s` starts with. ASCII entries match case-insensitively and must end at
    /// a word boundary.
    pub fn prefix_of(&self, s: &str) -> Option<(&str, T)> {
        let c = s.chars().next()?;
        if !self.firsts.contains(c) {
            return None;
        }
        lookup(&self.first, c.to_ascii_lowercase())
            .iter()
            .find(|&&i| starts_with_word(s, &self.entries[i].0, self.ascii[i]))
            .map(|&i| (self.entries[i].0.as_str(), self.entries[i].1.clone()))
    }
    /// The longest entry `s` ends with (ASCII entries at a word boundary).
    pub fn suffix_of(&self, s: &str) -> Option<(&str, T)> {
        let c = s.chars().next_back()?;
        if !self.lasts.contains(c) {
            return None;
        }
        lookup(&self.last, c.to_ascii_lowercase())
            .iter()
            .find(|&&i| ends_with_word(s, &self.entries[i].0, self.ascii[i]))
            .map(|&i| (self.entries[i].0.as_str(), self.entries[i].1.clone()))
    }
    /// Is `s` an entry, ignoring ASCII case?
    pub fn contains(&self, s: &str) -> bool {
        let Some(c) = s.chars().next() else {
            return self.entries.iter().any(|(w, _)| w.is_empty());
        };
        lookup(&self.first, c.to_ascii_lowercase()).iter().any(|&i| self.entries[i].0.eq_ignore_ascii_case(s))
    }
    /// Could an entry start with `c`? A constant-time test for scans that try every character.
    pub fn could_start(&self, c: char) -> bool {
        self.firsts.contains(c)
    }
    /// [`Words::could_start`] for a code point as a number.
    pub fn could_start_code(&self, n: u32) -> bool {
        self.firsts.contains_code(n)
    }
    /// Could an entry start with a three-byte UTF-8 character whose first two bytes are `lead`
    /// and `second`? `false` means [`Words::could_start`] is `false` for every such character;
    /// `true` only that it may be `true`.
    pub fn could_start_3(&self, lead: u8, second: u8) -> bool {
        self.blocks3[usize::from(lead & 0x0f)] >> (second & 0x3f) & 1 == 1
    }
    /// The blocks [`Words::could_start_3`] tests, to be joined with other lists' for a scan
    /// that looks for several at once.
    pub fn blocks3(&self) -> &[u64; 16] {
        &self.blocks3
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// The length in bytes of the longest entry (entries are ordered longest first).
    pub fn longest(&self) -> usize {
        self.entries.first().map_or(0, |(w, _)| w.len())
    }
    /// The first characters of the words, lower-cased.
    pub fn first_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.first.iter().map(|(c, _)| *c)
    }
}

fn is_ascii_word(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_alphabetic())
}

fn starts_with_word(s: &str, w: &str, ascii: bool) -> bool {
    if ascii {
        s.len() >= w.len()
            && s.is_char_boundary(w.len())
            && s[..w.len()].eq_ignore_ascii_case(w)
            && !s[w.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
    } else {
        s.starts_with(w)
    }
}

fn ends_with_word(s: &str, w: &str, ascii: bool) -> bool {
    if ascii {
        let Some(start) = s.len().checked_sub(w.len()) else {
            return false;
        };
        s.is_char_boundary(start)
            && s[start..].eq_ignore_ascii_case(w)
            && !s[..start].ends_with(|c: char| c.is_ascii_alphanumeric())
    } else {
        s.ends_with(w)
    }
}

#[derive(Debug)]
pub struct Vocabulary {
    pub about_tolerance: Q,
    pub nearly_tolerance: Q,
    pub qualifiers: Words<Qualifier>,
    pub postfix: Words<Qualifier>,
    pub classifiers: Words<()>,
    pub en_adjectives: Words<()>,
    pub en_stopwords: Words<()>,
    /// Words after a number that name no counted thing (`worth`, `collectively`).
    pub en_not_counted: Words<()>,
    pub en_references: Words<()>,
    pub zh_durations: Words<()>,
    pub en_durations: Words<()>,
    pub currency_prefix: Words<String>,
    pub currency_suffix: Words<String>,
    pub en_scales: Words<i32>,
    pub zh_points: Words<()>,
    pub en_percent: Words<()>,
    pub en_points: Words<()>,
    /// `doubled`, `tripled`: a multiple stated in one word.
    pub en_multiples: Words<i32>,
    /// `double`, `triple`: a multiple only as a verb, before one of [`Self::en_bare_multiples_before`].
    pub en_bare_multiples: Words<i32>,
    pub en_bare_multiples_before: Words<()>,
    pub cheng_not_before: Words<()>,
    /// Words a lone `零` starts (`零件`, `零售`): there it is no zero.
    pub zero_not_before: Words<()>,
    /// Words a `半` after a unit starts (`半島`, `半數`): there it adds no half.
    pub half_not_before: Words<()>,
    pub zh_relative_years: Words<i32>,
    pub zh_relative_months: Words<i32>,
    pub en_relative: Words<i32>,
    /// Between two dates, a word or dash that makes them one period (`至`, `–`).
    pub range_connectors: Words<()>,
    /// An opener before the first date and the connector between the two (`from` … `to`).
    pub range_pairs: Vec<(String, String)>,
    /// What a press release writes before its own date: `today (`, `今日(`.
    pub datelines: Words<()>,
    /// What a news agency writes right after its dateline's date: `新华社北京2月22日电`.
    pub dateline_ends: Words<()>,
    /// What a paper writes before its own date in a heading: `Issued on`, `delivered on`, `日期：`.
    pub issued: Words<()>,
    /// Words around a printed page's number: `Page 3 of 12`, `第 3 頁`.
    pub pages: Pages,
    /// How a transcript names who speaks: `張華峰議員：`, `SECRETARY FOR SECURITY`.
    pub speakers: Speakers,
}

/// Words around a printed page's number ([`crate::parse::furniture`]).
#[derive(Debug)]
pub struct Pages {
    pub en_page: Vec<String>,
    pub en_of: Vec<String>,
    pub zh_before: Vec<String>,
    pub zh_after: Vec<String>,
    pub zh_total: Vec<String>,
}

/// How a transcript opens a speaker's turn ([`crate::parse::scope`]).
#[derive(Debug)]
pub struct Speakers {
    /// Titles that end a Chinese speaker's name (`議員`, `局長`).
    pub zh_titles: Words<()>,
    /// Notes between the name and the colon (`譯文`, `in Cantonese`).
    pub notes: Vec<String>,
    /// Words of an English speaker's name in capitals (`MR`, `SECRETARY`).
    pub en_titles: Vec<String>,
    /// Headings that open a question (`質詢`, `Question`).
    pub questions: Vec<String>,
    /// Headings that open a reply (`答覆`, `Reply`).
    pub replies: Vec<String>,
    /// Words of a speaker's name that make the speaker an official, whose turn after a
    /// member's question answers it (`SECRETARY`, `局長`).
    pub officials: Vec<String>,
}

fn qualifier_kind(name: &str) -> Result<Qualifier, String> {
    Ok(match name {
        "about" => Qualifier::About,
        "over" => Qualifier::Over,
        "at-least" => Qualifier::AtLeast,
        "nearly" => Qualifier::Nearly,
        "under" => Qualifier::Under,
        "at-most" => Qualifier::AtMost,
        other => return Err(format!("unknown qualifier kind `{other}`")),
    })
}

/// A tolerance as the vocabulary writes it (`0.05` is 1/20).
fn tol(f: f64) -> Q {
    crate::quantity::from_f64_decimal(f).unwrap_or_default()
}

fn list(v: Vec<String>) -> Words<()> {
    Words::new(v.into_iter().map(|w| (w, ())).collect())
}

fn qualifier_words(m: BTreeMap<String, Vec<String>>) -> Result<Words<Qualifier>, String> {
    let mut entries = Vec::new();
    for (k, words) in m {
        let q = qualifier_kind(&k)?;
        entries.extend(words.into_iter().map(|w| (w, q)));
    }
    Ok(Words::new(entries))
}

impl Vocabulary {
    pub fn from_toml(s: &str) -> Result<Vocabulary, String> {
        let raw: Raw = toml::from_str(s).map_err(|e| e.to_string())?;
        Ok(Vocabulary {
            about_tolerance: tol(raw.tolerance.about),
            nearly_tolerance: tol(raw.tolerance.nearly),
            qualifiers: qualifier_words(raw.qualifiers)?,
            postfix: qualifier_words(raw.postfix)?,
            classifiers: list(raw.classifiers.zh),
            en_adjectives: list(raw.classifiers.en_adjectives),
            en_stopwords: list(raw.classifiers.en_stopwords),
            en_not_counted: list(raw.classifiers.en_not_counted),
            en_references: list(raw.classifiers.en_references),
            zh_durations: list(raw.durations.zh),
            en_durations: list(raw.durations.en),
            currency_prefix: Words::new(raw.currencies.prefix.into_iter().collect()),
            currency_suffix: Words::new(raw.currencies.suffix.into_iter().collect()),
            en_scales: Words::new(raw.scales.en.into_iter().collect()),
            zh_points: list(raw.percent.zh_points),
            en_percent: list(raw.percent.en_percent),
            en_points: list(raw.percent.en_points),
            en_multiples: Words::new(raw.multiples.en.into_iter().collect()),
            en_bare_multiples: Words::new(raw.multiples.en_bare.into_iter().collect()),
            en_bare_multiples_before: list(raw.multiples.en_bare_before),
            cheng_not_before: list(raw.cheng.not_before),
            zero_not_before: list(raw.zero.not_before),
            half_not_before: list(raw.half.not_before),
            zh_relative_years: Words::new(raw.dates.zh_relative_years.into_iter().collect()),
            zh_relative_months: Words::new(raw.dates.zh_relative_months.into_iter().collect()),
            en_relative: Words::new(raw.dates.en_relative.into_iter().collect()),
            range_connectors: list(raw.dates.range_connectors),
            range_pairs: raw.dates.range_pairs,
            datelines: list(raw.dates.datelines),
            dateline_ends: list(raw.dates.dateline_ends),
            issued: list(raw.dates.issued),
            pages: Pages {
                en_page: raw.pages.en_page,
                en_of: raw.pages.en_of,
                zh_before: raw.pages.zh_before,
                zh_after: raw.pages.zh_after,
                zh_total: raw.pages.zh_total,
            },
            speakers: Speakers {
                zh_titles: list(raw.speakers.zh_titles),
                notes: raw.speakers.notes,
                en_titles: raw.speakers.en_titles,
                questions: raw.speakers.questions,
                replies: raw.speakers.replies,
                officials: raw.speakers.officials,
            },
        })
    }
}

/// The built-in vocabulary.
pub fn vocabulary() -> &'static Vocabulary {
    static V: LazyLock<Vocabulary> = LazyLock::new(|| {
        // The file is compiled in and `tests::embedded_vocabulary_parses` checks it, so a failure
        // here is a build defect, never something a user's input can cause.
        Vocabulary::from_toml(VOCABULARY_TOML).expect("embedded rules/vocabulary.toml is valid")
    });
    &V
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_vocabulary_parses() {
        Vocabulary::from_toml(VOCABULARY_TOML).unwrap();
    }

    #[test]
    fn longest_match_wins_and_ascii_needs_a_boundary() {
        let v = vocabulary();
        assert_eq!(v.qualifiers.suffix_of("總額約為").map(|x| x.0), Some("約為"));
        assert_eq!(v.qualifiers.suffix_of("for more than ").map(|x| x.0), None);
        assert_eq!(v.qualifiers.suffix_of("for more than").map(|x| x.0), Some("more than"));
        assert_eq!(v.qualifiers.suffix_of("handsome").map(|x| x.0), None);
        assert_eq!(v.currency_suffix.prefix_of("港元的").map(|x| x.1), Some("HKD".to_owned()));
        assert_eq!(v.en_scales.prefix_of("billion,").map(|x| x.1), Some(9));
        assert_eq!(v.en_scales.prefix_of("members").map(|x| x.1), None);
    }
}
