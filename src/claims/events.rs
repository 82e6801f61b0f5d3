//! Dated events: a body or a scheme founded at a time the paper states, perhaps more than once
//! (`the Child Development Fund (CDF) was set up in 2008`, `The CDF was set up in April 2008`,
//! `英基於1967年根據《英基條例》成立`, `自英基於 1967年成立以來`), and times the paper places before
//! or after that founding (`In early 2008 before CDF was set up`, `在 2008年年初基金尚未設立時`).
//!
//! A founding happens once, so each statement of it is a claim about one date. An event is read
//! only where the founded thing is named plainly: in English an abbreviation or a capitalised
//! name (`a task force was set up` names nothing to compare), in Chinese the words before `於`
//! and its date, between the date and the verb, or the object after it (`當局於2008年設立了兒童
//! 發展基金`). The words are `rules/events.toml`; the `event-date` rule judges the claims.

use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::claims::support::WordList;
use crate::document::Document;
use crate::parse::chars::is_han;

const EVENTS_TOML: &str = include_str!("../../rules/events.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWords {
    verbs: Vec<String>,
    passive: Vec<String>,
    clause_openers: Vec<String>,
    determiners: Vec<String>,
    main_verbs: Vec<String>,
    name_joiners: Vec<String>,
    before: Vec<String>,
    after: Vec<String>,
    before_tails: Vec<String>,
    after_tails: Vec<String>,
    verb_tails: Vec<String>,
    at_words: Vec<String>,
    name_openers: Vec<String>,
    not_names: Vec<String>,
    adverbials: Vec<String>,
    agents: Vec<String>,
}

struct Words {
    verbs: WordList,
    passive: WordList,
    clause_openers: WordList,
    determiners: Vec<String>,
    main_verbs: Vec<String>,
    name_joiners: Vec<String>,
    before: WordList,
    after: WordList,
    before_tails: WordList,
    after_tails: WordList,
    verb_tails: WordList,
    at_words: WordList,
    name_openers: WordList,
    not_names: WordList,
    adverbials: WordList,
    agents: Vec<String>,
}

fn words() -> &'static Words {
    static W: LazyLock<Words> = LazyLock::new(|| {
        // Compiled in and checked by `tests::embedded_words_parse`: a failure is a build defect.
        let r: RawWords = toml::from_str(EVENTS_TOML).expect("embedded rules/events.toml is valid");
        Words {
            verbs: WordList::new(r.verbs),
            passive: WordList::new(r.passive),
            clause_openers: WordList::new(r.clause_openers),
            determiners: r.determiners,
            main_verbs: r.main_verbs,
            name_joiners: r.name_joiners,
            before: WordList::new(r.before),
            after: WordList::new(r.after),
            before_tails: WordList::new(r.before_tails),
            after_tails: WordList::new(r.after_tails),
            verb_tails: WordList::new(r.verb_tails),
            at_words: WordList::new(r.at_words),
            name_openers: WordList::new(r.name_openers),
            not_names: WordList::new(r.not_names),
            adverbials: WordList::new(r.adverbials),
            agents: r.agents,
        }
    });
    &W
}

/// When the stated time is, against the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// The event's own date: `was set up in April 2008`.
    At,
    /// A time before it: `In early 2008 before CDF was set up`.
    Before,
    /// A time after it: `基金已經設立時`.
    After,
}

/// One statement of a founding and its time.
#[derive(Debug, Clone)]
pub struct Event {
    /// What is founded, as compared: an abbreviation (`CDF`), a name in lower case (`child
    /// development fund`), or Chinese words without spaces (`兒童發展基金`).
    pub key: String,
    /// Where the paper names it, as a normalised range.
    pub name: Range<usize>,
    /// The verb, as a normalised range.
    pub verb: Range<usize>,
    /// The date, by index into [`Document::dates`].
    pub date: usize,
    pub when: When,
    /// The part of the paper it is judged in ([`Document::judged_scope`]).
    pub scope: usize,
}

impl Event {
    /// The whole statement, from the first of name, verb and date to the last.
    pub fn extent(&self, doc: &Document) -> Range<usize> {
        let d = &doc.dates[self.date].norm;
        self.name.start.min(self.verb.start).min(d.start)..self.name.end.max(self.verb.end).max(d.end)
    }
}

/// How far (in bytes) a Chinese date may stand before its verb (`英基於1967年根據《英基條例》
/// (第1117章)成立`).
const ZH_DATE_REACH: usize = 72;
/// The longest Chinese name read, in characters.
const ZH_NAME_CHARS: usize = 12;
/// How long (in bytes) the words before an English participle opening a sentence may be
/// (`President,`).
const LEAD_BYTES: usize = 40;
/// How far (in bytes) after its date the phrase a participle opens may run before its comma.
const PHRASE_BYTES: usize = 160;
/// The most words of an English name.
const EN_NAME_WORDS: usize = 8;

/// Every dated founding the paper states.
pub(crate) fn read_events(doc: &Document) -> Vec<Event> {
    let w = words();
    let text = &doc.norm.text;
    let mut out = Vec::new();
    for v in w.verbs.find_all(text) {
        let latin = text[v.clone()].is_ascii();
        // A Latin verb ends at a word boundary (`established`, not `establishment`).
        if latin && text[v.end..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
            continue;
        }
        let Some(s) = doc.sentence_at(v.start) else { continue };
        let sent = doc.sentences[s].norm.clone();
        let read = if latin { read_en(doc, w, &sent, v.clone()) } else { read_zh(doc, w, &sent, v.clone()) };
        if let Some((key, name, date, when)) = read {
            out.push(Event { key, name, verb: v.clone(), date, when, scope: doc.judged_scope(v.start) });
        }
    }
    abbreviate(doc, &mut out);
    out
}

/// How many distinct English names are looked up for the abbreviation the paper defines for
/// them (each look-up reads the paper once).
const DEFINED_NAMES: usize = 16;

/// An English name the paper defines an abbreviation for (`Child Development Fund (CDF)`, once,
/// anywhere) is keyed by the abbreviation, so `the Child Development Fund was set up in 2009`
/// and `The CDF was set up in April 2008` are one founding.
fn abbreviate(doc: &Document, events: &mut [Event]) {
    let text = &doc.norm.text;
    let mut names: Vec<(String, Option<String>)> = Vec::new();
    for e in events.iter_mut().filter(|e| e.key.is_ascii() && !abbreviation(&e.key)) {
        let written = text[e.name.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
        let known = names.iter().position(|(n, _)| *n == written);
        if known.is_none() && names.len() >= DEFINED_NAMES {
            continue;
        }
        let k = known.unwrap_or_else(|| {
            let defined = text.match_indices(written.as_str()).find_map(|(at, m)| {
                let inner = text[at + m.len()..].trim_start().strip_prefix('(')?;
                // An abbreviation is short: the bracket closes within a dozen characters.
                let close = inner.char_indices().take(12).find(|&(_, c)| c == ')')?.0;
                let abbr = &inner[..close];
                abbreviation(abbr).then(|| abbr.to_owned())
            });
            names.push((written.clone(), defined));
            names.len() - 1
        });
        if let Some(abbr) = &names[k].1 {
            e.key.clone_from(abbr);
        }
    }
}

/// The index of the date that starts at `at` (give or take spaces), if one does.
fn date_starting(doc: &Document, at: usize, reach: usize) -> Option<usize> {
    let k = doc.dates.partition_point(|d| d.norm.start < at);
    let d = doc.dates.get(k)?;
    let gap = doc.norm.text.get(at..d.norm.start)?;
    (gap.len() <= reach && gap.trim().is_empty()).then_some(k)
}

/// The last date that ends in `r`, if any.
fn last_date_in(doc: &Document, r: Range<usize>) -> Option<usize> {
    let k = doc.dates.partition_point(|d| d.norm.start < r.end);
    (0..k).rev().take_while(|&i| doc.dates[i].norm.start >= r.start).find(|&i| doc.dates[i].norm.end <= r.end)
}

// ---------------------------------------------------------------------------------------------
// English

/// A word of a name: capitalised, an abbreviation, or an abbreviation in brackets.
fn name_word(word: &str) -> bool {
    let core = word.trim_start_matches('(').trim_end_matches(')');
    core.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && core.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.'))
}

/// An abbreviation: two to ten capitals or digits, at least two capitals (`CDF`, `SCCDF`).
fn abbreviation(word: &str) -> bool {
    (2..=10).contains(&word.len())
        && word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && word.chars().filter(char::is_ascii_uppercase).count() >= 2
}

/// The key of a name read as words (`the Child Development Fund (CDF)` is `CDF`; `Commission on
/// Poverty` is `commission on poverty`), or `None` when it is no name.
fn en_key(words: &[&str]) -> Option<String> {
    if let Some(abbr) =
        words.iter().rev().find_map(|w| w.strip_prefix('(')?.strip_suffix(')')).filter(|a| abbreviation(a))
    {
        return Some(abbr.to_owned());
    }
    let first = words.first()?;
    if !name_word(first) || words.iter().any(|w| w.starts_with('(')) {
        return None;
    }
    if words.len() == 1 && abbreviation(first) {
        return Some((*first).to_owned());
    }
    if words.len() == 1 && first.len() < 4 {
        return None;
    }
    Some(words.iter().map(|w| w.to_ascii_lowercase()).collect::<Vec<_>>().join(" "))
}

/// The name that ends at byte `end` of `text`, read backwards over its words; `None` unless the
/// words before it end it plainly (a determiner, a clause opener, punctuation or the start), so
/// that `the programme for Youth` gives no name `Youth`. Returns the key, its range, and the
/// opener before it if there is one.
fn en_name_before(w: &Words, text: &str, end: usize) -> Option<(String, Range<usize>, Option<Range<usize>>)> {
    let head = &text[..end];
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut pos = head.trim_end().len();
    let mut opener = None;
    loop {
        let before = &head[..pos];
        let trimmed = before.trim_end();
        if trimmed.is_empty() || trimmed.ends_with([',', ';', ':', '.', '—', '–']) {
            break;
        }
        let start = trimmed.rfind(' ').map_or(0, |k| k + 1);
        let word = &trimmed[start..];
        let lower = word.to_ascii_lowercase();
        // The opener may stand before a determiner: `after the Community … Fund was`.
        let (det, rest) =
            if w.determiners.contains(&lower) { (true, trimmed[..start].trim_end()) } else { (false, trimmed) };
        let at_word = |k: usize| k == 0 || rest[..k].ends_with(' ');
        if let Some(k) = w.clause_openers.ends(rest).filter(|&k| at_word(k)) {
            opener = Some(k..rest.len());
            break;
        }
        if det {
            break;
        }
        let joiner = w.name_joiners.contains(&lower);
        if !(name_word(word) || joiner) || words.len() >= EN_NAME_WORDS {
            // `… consulted and CDF was set up`: `and` joins clauses as well as names.
            if words.last().is_some_and(|(_, wd)| wd.eq_ignore_ascii_case("and")) {
                words.pop();
                break;
            }
            return None;
        }
        words.push((start, word));
        pos = start;
    }
    while words.last().is_some_and(|(_, wd)| w.name_joiners.contains(&wd.to_ascii_lowercase())) {
        words.pop();
    }
    words.reverse();
    let list: Vec<&str> = words.iter().map(|(_, wd)| *wd).collect();
    let key = en_key(&list)?;
    let (first, _) = words.first()?;
    let (last, lw) = words.last()?;
    Some((key, *first..last + lw.len(), opener))
}

/// The name that opens `text` from byte `start` (`the ESF is now …`): up to a main verb.
fn en_name_after(w: &Words, text: &str, start: usize) -> Option<(String, Range<usize>)> {
    let rest = &text[start..];
    let mut words = Vec::new();
    let mut pos = start;
    for word in rest.split(' ') {
        let len = word.len();
        let lower = word.to_ascii_lowercase();
        if word.is_empty() {
            pos += 1;
            continue;
        }
        if w.main_verbs.contains(&lower) {
            break;
        }
        if words.is_empty() && w.determiners.contains(&lower) {
            pos += len + 1;
            continue;
        }
        if !(name_word(word) || w.name_joiners.contains(&lower)) || words.len() >= EN_NAME_WORDS {
            return None;
        }
        words.push((pos, word));
        pos += len + 1;
    }
    let list: Vec<&str> = words.iter().map(|(_, wd)| *wd).collect();
    let key = en_key(&list)?;
    let (first, _) = words.first()?;
    let (last, lw) = words.last()?;
    Some((key, *first..last + lw.len()))
}

/// `The CDF was set up in April 2008`; `since the ESF was established in 1967`; `In early 2008
/// before CDF was set up`; `established in 1967 under …, the ESF is now`.
fn read_en(
    doc: &Document,
    w: &Words,
    sent: &Range<usize>,
    v: Range<usize>,
) -> Option<(String, Range<usize>, usize, When)> {
    let text = &doc.norm.text;
    let before = &text[sent.start..v.start];
    // The date the verb is stated with: `in`/`on` and a date straight after it.
    let after = &text[v.end..sent.end];
    let dated = ["in ", "on "].iter().find_map(|p| {
        let lead = after.len() - after.trim_start().len();
        after.trim_start().strip_prefix(p).map(|_| v.end + lead + p.len())
    });
    let date = dated.and_then(|at| date_starting(doc, at, 2));
    if let Some(aux) = w.passive.ends(before) {
        let aux = sent.start + aux;
        let (key, name, opener) = en_name_before(w, text.get(sent.start..aux)?, aux - sent.start)?;
        let name = sent.start + name.start..sent.start + name.end;
        if let Some(d) = date {
            return Some((key, name, d, When::At));
        }
        // `In early 2008 before CDF was set up`: the time is the clause's date before the opener.
        let opener = opener.map(|o| sent.start + o.start..sent.start + o.end)?;
        let word = &text[opener.clone()];
        let when = if w.before.at(word, 0) == Some(word.len()) {
            When::Before
        } else if w.after.at(word, 0) == Some(word.len()) {
            When::After
        } else {
            return None;
        };
        let clause = text[sent.start..opener.start].rfind([',', ';']).map_or(sent.start, |k| sent.start + k + 1);
        let d = last_date_in(doc, clause..opener.start)?;
        return Some((key, name, d, when));
    }
    // `established in 1967 under The ESF Ordinance (Cap. 1117), the ESF is now …`: a participle
    // opening the sentence or after a comma, and the name after the phrase it opens.
    let d = date?;
    let lead = before.trim_end();
    // The sentence opens with the participle, or with one short word and a comma (`President,`).
    let opens =
        lead.is_empty() || lead.ends_with(',') && lead.len() <= LEAD_BYTES && !lead[..lead.len() - 1].contains(',');
    if !opens {
        return None;
    }
    let from = doc.dates[d].norm.end;
    let to = crate::source::floor_char_boundary(text, sent.end.min(from + PHRASE_BYTES));
    let mut depth = 0i32;
    let comma = text[from..to].char_indices().find_map(|(k, c)| {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => return Some(from + k),
            _ => {}
        }
        None
    })?;
    let (key, name) = en_name_after(w, &text[..sent.end], comma + 1)?;
    Some((key, name, d, When::At))
}

// ---------------------------------------------------------------------------------------------
// Chinese

/// The Chinese characters of `s` without spaces or line breaks (PDF text breaks names:
/// `兒童發\n展基金`), if it is all Chinese characters.
fn han_only(s: &str) -> Option<String> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (!t.is_empty() && t.chars().all(is_han)).then_some(t)
}

/// A Chinese name as compared: without the words that open it (`自`, `該`).
fn zh_key(w: &Words, name: &str) -> Option<String> {
    let mut n = name;
    while let Some(k) = w.name_openers.at(n, 0) {
        n = &n[k..];
    }
    let chars = n.chars().count();
    let named = w.not_names.at(n, 0).is_none() && !w.agents.iter().any(|a| a == n);
    ((2..=ZH_NAME_CHARS).contains(&chars) && named).then(|| n.to_owned())
}

/// `英基於1967年根據《英基條例》成立`, `基金在 2008年 4月設立`, `當局於2008年設立了兒童發展基金`,
/// `在 2008年年初基金尚未設立時`, `2008年基金成立前`.
fn read_zh(
    doc: &Document,
    w: &Words,
    sent: &Range<usize>,
    v: Range<usize>,
) -> Option<(String, Range<usize>, usize, When)> {
    let text = &doc.norm.text;
    let head = &text[sent.start..v.start];
    let clause = head
        .rfind(['，', '。', '；', '：', '！', '？', ',', ';'])
        .map_or(sent.start, |k| sent.start + k + head[k..].chars().next().map_or(1, char::len_utf8));
    let lo = crate::source::floor_char_boundary(text, v.start.saturating_sub(ZH_DATE_REACH)).max(clause);
    let d = last_date_in(doc, lo..v.start)?;
    let date = &doc.dates[d];
    // Between the date and the verb: a name (`基金`), a marker (`尚未`), or an adverbial.
    let mut between = text[date.norm.end..v.start].trim();
    let mut when = When::At;
    if let Some(k) = w.before.ends(between) {
        when = When::Before;
        between = between[..k].trim_end();
    } else if let Some(k) = w.after.ends(between) {
        when = When::After;
        between = between[..k].trim_end();
    }
    let between_start =
        date.norm.end + (text[date.norm.end..v.start].len() - text[date.norm.end..v.start].trim_start().len());
    let adverbial = w.adverbials.at(between, 0).is_some() || between.contains(['《', '(', '（', '「', '“']);
    let frame_name = if adverbial { None } else { han_only(between).and_then(|n| zh_key(w, &n)) };
    // After the verb: `了` and an object (`設立了兒童發展基金`: the object is what is founded,
    // whoever stands before it), or a tail that ends the event (`以來`, `前`, `時`).
    let tail_from = v.end + text[v.end..].find(|c: char| !c.is_whitespace()).unwrap_or(0);
    let tail = &text[tail_from..sent.end];
    let tail = tail.strip_prefix('了').unwrap_or(tail);
    let object_start = sent.end - tail.len();
    if w.verb_tails.at(tail, 0).is_none() {
        let end = tail.find(|c: char| !(is_han(c) || c.is_whitespace())).unwrap_or(tail.len());
        let object = &tail[..end];
        let object = object.find('的').map_or(object, |k| &object[..k]);
        if !object.trim().is_empty() {
            let key = han_only(object).and_then(|n| zh_key(w, &n))?;
            return Some((key, object_start..object_start + object.trim_end().len(), d, when));
        }
    }
    if let Some(name) = frame_name {
        if when == When::At {
            if w.before_tails.at(tail, 0).is_some() {
                when = When::Before;
            } else if w.after_tails.at(tail, 0).is_some() {
                when = When::After;
            }
        }
        return Some((name, between_start..between_start + between.len(), d, when));
    }
    if !between.is_empty() && !adverbial {
        return None;
    }
    // `英基於1967年…成立`: the name before the date and its `於`.
    let lead = text[clause..date.norm.start].trim_end();
    let k = w.at_words.ends(lead)?;
    let lead = lead[..k].trim_end();
    let start = lead.char_indices().rev().take_while(|(_, c)| is_han(*c)).last().map(|(k, _)| k)?;
    let key = zh_key(w, &lead[start..])?;
    let name_start = clause + start;
    let mut name = name_start..clause + lead.len();
    // The words that open it are not its name.
    let mut n = &text[name.clone()];
    while let Some(k) = w.name_openers.at(n, 0) {
        n = &n[k..];
        name.start += k;
    }
    Some((key, name, d, when))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(t: &str) -> Vec<(String, String, &'static str)> {
        let doc =
            crate::parse::parse(&crate::source::Source::from_text("t.txt", t), &crate::parse::ParseOptions::default());
        read_events(&doc)
            .iter()
            .map(|e| {
                let when = match e.when {
                    When::At => "at",
                    When::Before => "before",
                    When::After => "after",
                };
                (e.key.clone(), doc.dates[e.date].text.clone(), when)
            })
            .collect()
    }

    #[test]
    fn embedded_words_parse() {
        let _ = words();
    }

    #[test]
    fn english_foundings_by_name_and_abbreviation() {
        let t = "To reduce poverty, the Child Development Fund (CDF) was set up in 2008 which aims at it.\n\nThe CDF was set up in April 2008.\n\nIn early 2008 before CDF was set up, we consulted the Panel.\n";
        assert_eq!(
            read(t),
            [
                ("CDF".into(), "2008".into(), "at"),
                ("CDF".into(), "April 2008".into(), "at"),
                ("CDF".into(), "early 2008".into(), "before")
            ]
        );
        let t = "President, established in 1967 under The ESF Ordinance (Cap. 1117), the ESF is now a body.\n\nThe sector has changed since the ESF was established in 1967.\n";
        assert_eq!(read(t), [("ESF".into(), "1967".into(), "at"), ("ESF".into(), "1967".into(), "at")]);
        // The opener before a determiner; `and` between a clause and a name.
        let t = "In early 2008 after the Community Investment and Inclusion Fund was established, we met.\n";
        assert_eq!(read(t), [("community investment and inclusion fund".into(), "early 2008".into(), "after")]);
        let t = "We consulted them and CDF was set up in 2008.\n";
        assert_eq!(read(t), [("CDF".into(), "2008".into(), "at")]);
        // A name the paper defines an abbreviation for, anywhere, is keyed by it.
        let t = "Will the Government say how the Child Development Fund (CDF) works?\n\nThe Child Development Fund was set up in 2008.\n\nThe CDF was set up in April 2008.\n";
        assert_eq!(read(t), [("CDF".into(), "2008".into(), "at"), ("CDF".into(), "April 2008".into(), "at")]);
    }

    #[test]
    fn english_common_nouns_and_undated_verbs_are_no_events() {
        let t = "A task force was set up in 2013. SCCDF has also set up a task force. It will be sought through the established mechanism in 2014. The programme for Youth was set up in 2012.\n";
        assert!(read(t).is_empty(), "{:?}", read(t));
    }

    #[test]
    fn chinese_foundings_before_between_and_after_the_date() {
        let t = "主席，香港教育學院於 2013年 1月發表的研究報告指出，來自收入最高的家庭的兒\n童接受大學教育的機會比來自收入為家庭入息中位數一半或更低的家\n庭的兒童為高 (3.7倍 )。為減少跨代貧窮，當局於2008年設立了兒童發\n展基金 (“基金”)，該基金旨在透過家庭、私人機構、社區及政府四方\n面的合作，促進弱勢社羣兒童的較長遠發展。\n\n基金在 2008年 4月設立。在 2008年年初基金尚未設立時，我們已諮詢委員會。\n";
        assert_eq!(
            read(t),
            [
                ("兒童發展基金".into(), "2008年".into(), "at"),
                ("基金".into(), "2008年4月".into(), "at"),
                ("基金".into(), "2008年年初".into(), "before")
            ]
        );
        let t = "英基於1967年根據《英基條例》(第1117章)成立。自英基於 1967年成立以來，國際學校體系轉變很大。\n";
        assert_eq!(read(t), [("英基".into(), "1967年".into(), "at"), ("英基".into(), "1967年".into(), "at")]);
    }

    #[test]
    fn chinese_agents_and_undated_verbs_are_no_events() {
        let t = "政府於2010年成立。英基已成立管理局和多個委員會。另一工作小組於2012年成立。委員會於2013年成立了兩個專責小組。\n";
        assert!(read(t).is_empty(), "{:?}", read(t));
    }
}
