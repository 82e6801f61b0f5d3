use std::collections::{BTreeSet, HashMap};

use crate::claims::Claims;
use crate::claims::dates::{show_paper, show_period};
use crate::claims::parts::{han_after, operands, word_list};
use crate::claims::quantity::{measure_before, own_period, period, same_period};
use crate::claims::support::WordList;
use crate::diagnostic::{Finding, Label};
use crate::document::{BlockKind, Document, Figure, FigureKind};
use crate::parse::chars::is_han;
use crate::parse::vocab::vocabulary;
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, required, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags the same count of the same thing stated with different values in two places:
    /// `向八家虛擬銀行發出首批牌照` in one paragraph and `向七家虛擬銀行發出銀行牌照` in another;
    /// `the appointment of five new members` and then `The six new members are …`.
    ///
    /// ## Why is this bad?
    /// A figure revised in one paragraph and not in the other leaves the reader with two answers
    /// and no way to choose.
    ///
    /// ## Example
    /// ```text
    /// (a) 銀行業：向八家虛擬銀行發出首批牌照 …
    /// 11. 自在 2019 年上半年向七家虛擬銀行發出銀行牌照後 …        (eight, then seven)
    /// ```
    ///
    /// Two Chinese counts are the same quantity when they share their classifier, the first
    /// `noun-chars` characters of the noun after it, and the word before it (`向八家虛擬銀行`):
    /// the context, not the number alone. `一家虛擬銀行已正式開業` is a part of the eight (it is
    /// a part of a breakdown `sum-of-parts` reads) and is never compared with them. An English
    /// count is compared when it is a definite restatement (`the five new members`, `these five
    /// activities`) of an earlier count of the same noun with the same adjectives; an English
    /// amount when a definite restatement names it (`The recurrent subvention at $75.0 billion`)
    /// by the words that followed it earlier (`$75.0 billion recurrent subvention`). Counts are
    /// indexed by their key, so a paper is read in one pass, not pair by pair.
    ///
    /// A press release's headline and its body: an amount, percentage or count in the headline
    /// (`$42 700 GRANTS FOR MIGRANT PROJECTS`) is compared with the body figure that states it
    /// again — one of the same value, else the one whose sentence shares the most words with the
    /// headline (see `crate::claims::headlines`); where several body figures are equally close,
    /// nothing is judged.
    ///
    /// The paper's own date, read from its header, against the paper stating it again: its
    /// front matter's `date:` and its running page header — the day most pages print, and a day
    /// one page alone prints in the same header (a volume of two sittings prints each day on many
    /// pages).
    ///
    /// ## What it does not check
    /// Rates and averages (`平均每天`, `per year`) are not levels and are not compared. Counts in
    /// sentences that name different dates (`截至 2019 年底…15 家`, `截至 2020 年底…16
    /// 家`) may differ legitimately and are not compared. Changes (`增加了 10 家`), Chinese parts
    /// of a stated total, and Chinese amounts and percentages without a plain name straight before
    /// them (`8月出超`, `進口按年升`) and a period the paper places, are not compared. A
    /// compilation is judged part by part, a reply with its question.
    ///
    /// ## Options
    /// - `noun-chars`: how many characters of a Chinese noun must agree (default 4).
    /// - `change-words`: words before a count that make it a change.
    /// - `rate-words`: words shortly before a count that make it a rate (`平均每天`).
    /// - `skip-before`: words passed over to find the word before a Chinese count (`共`).
    /// - `generic-before`: characters before a Chinese count too common to key it on (`有`).
    /// - `definite`: words that make an English count a restatement (`the`, `these`).
    /// - `money-links`: words between a name and an amount in an English restatement (`at`).
    /// - `period-nouns`: what a count of time is counted in (`過去 3 個財政年度` is a span, not
    ///   a measure).
    /// - `verbs`: verbs that end the noun phrase after a Chinese count (`八家虛擬銀行發出…`).
    /// - `not-in-name`: characters that keep the words before a Chinese percentage or amount
    ///   from being its name (`比`, `佔`, `至`).
    /// - `neutral-prefixes`: words before a Chinese measure's name that do not narrow it
    ///   (`本港`, `整體`: `本港整體出口` is the paper's `出口`).
    /// - `zh-links`: words between a Chinese name and its value that only link them (`為`,
    ///   `達`: `政府收入達 5,450 億元` is named `政府收入`).
    /// - `measure-suffixes`: words after a name that say it is a value (`貨值`, `金額`:
    ///   `出口貨值` is `出口`).
    /// - `forecast-words`: words before a Chinese percentage or amount that make it a forecast
    ///   or a target, not the value (`本預計8月出口值為510億美元`).
    /// - `en-links`, `en-attributive`: the words between an English measure's name and its
    ///   value: a verb after the subject (`The unemployment rate was 3.4%`), or a preposition
    ///   after any noun phrase (`with an unemployment rate of 3.7%`).
    /// - `en-determiners`, `en-boundaries`: the words that start an English name (`the`, `an`)
    ///   and the words that end it looking back (`in`, `we`, `will`).
    /// - `en-prepositions`: of those, the words after which a name before `of` still names
    ///   its value (`within total government expenditure of $24,130 million`).
    /// - `en-generic`, `en-modifiers`: words that say too little to name one measure alone
    ///   (`spending`, `annual`): a name of only such words is none.
    /// - `en-change-heads`: nouns that make a name a change, whose subject is elsewhere (`a
    ///   year-on-year increase of 6%`).
    /// - `en-estimate-words`: words that make a value an estimate, a forecast or a revision:
    ///   two values are compared only when their sentences use the same ones.
    pub struct RepeatedFigure {
        noun_chars: usize,
        period_nouns: WordList,
        verbs: WordList,
        not_name: Vec<char>,
        neutral_prefixes: WordList,
        measure_suffixes: WordList,
        zh_links: WordList,
        forecast: WordList,
        change: WordList,
        rate: WordList,
        skip: WordList,
        generic: Vec<char>,
        money_links: WordList,
        definite: WordList,
        en_links: WordList,
        en_attributive: WordList,
        en_determiners: BTreeSet<String>,
        en_boundaries: BTreeSet<String>,
        en_prepositions: BTreeSet<String>,
        en_generic: BTreeSet<String>,
        en_modifiers: BTreeSet<String>,
        en_change_heads: BTreeSet<String>,
        en_estimates: BTreeSet<String>,
    }
}

rule_config! {
    pub struct Config {
        pub noun_chars: Option<usize>,
        pub change_words: Option<Vec<String>>,
        pub rate_words: Option<Vec<String>>,
        pub skip_before: Option<Vec<String>>,
        pub generic_before: Option<Vec<String>>,
        pub definite: Option<Vec<String>>,
        pub money_links: Option<Vec<String>>,
        pub period_nouns: Option<Vec<String>>,
        pub verbs: Option<Vec<String>>,
        pub not_in_name: Option<Vec<String>>,
        pub neutral_prefixes: Option<Vec<String>>,
        pub measure_suffixes: Option<Vec<String>>,
        pub zh_links: Option<Vec<String>>,
        pub forecast_words: Option<Vec<String>>,
        pub en_links: Option<Vec<String>>,
        pub en_attributive: Option<Vec<String>>,
        pub en_determiners: Option<Vec<String>>,
        pub en_boundaries: Option<Vec<String>>,
        pub en_prepositions: Option<Vec<String>>,
        pub en_generic: Option<Vec<String>>,
        pub en_modifiers: Option<Vec<String>>,
        pub en_change_heads: Option<Vec<String>>,
        pub en_estimate_words: Option<Vec<String>>,
    }
}

impl RuleDef for RepeatedFigure {
    type Config = Config;
    const GROUP: Group = Group::Wording;
    fn build(c: &Config) -> Result<Self, String> {
        let noun_chars = required(&c.noun_chars, "noun-chars")?;
        if noun_chars < 2 {
            return Err("`noun-chars` must be at least 2".into());
        }
        Ok(RepeatedFigure {
            noun_chars,
            change: word_list(required(&c.change_words, "change-words")?, "change-words")?,
            rate: word_list(required(&c.rate_words, "rate-words")?, "rate-words")?,
            skip: word_list(required(&c.skip_before, "skip-before")?, "skip-before")?,
            generic: required(&c.generic_before, "generic-before")?.iter().filter_map(|w| w.chars().next()).collect(),
            definite: word_list(required(&c.definite, "definite")?, "definite")?,
            money_links: word_list(required(&c.money_links, "money-links")?, "money-links")?,
            period_nouns: word_list(required(&c.period_nouns, "period-nouns")?, "period-nouns")?,
            verbs: word_list(required(&c.verbs, "verbs")?, "verbs")?,
            not_name: required(&c.not_in_name, "not-in-name")?.iter().filter_map(|w| w.chars().next()).collect(),
            neutral_prefixes: word_list(required(&c.neutral_prefixes, "neutral-prefixes")?, "neutral-prefixes")?,
            measure_suffixes: word_list(required(&c.measure_suffixes, "measure-suffixes")?, "measure-suffixes")?,
            zh_links: word_list(required(&c.zh_links, "zh-links")?, "zh-links")?,
            forecast: word_list(required(&c.forecast_words, "forecast-words")?, "forecast-words")?,
            en_links: word_list(required(&c.en_links, "en-links")?, "en-links")?,
            en_attributive: word_list(required(&c.en_attributive, "en-attributive")?, "en-attributive")?,
            en_determiners: lower_set(required(&c.en_determiners, "en-determiners")?),
            en_boundaries: lower_set(required(&c.en_boundaries, "en-boundaries")?),
            en_prepositions: lower_set(required(&c.en_prepositions, "en-prepositions")?),
            en_generic: lower_set(required(&c.en_generic, "en-generic")?),
            en_modifiers: lower_set(required(&c.en_modifiers, "en-modifiers")?),
            en_change_heads: lower_set(required(&c.en_change_heads, "en-change-heads")?),
            en_estimates: lower_set(required(&c.en_estimate_words, "en-estimate-words")?),
        })
    }
}

/// What makes two Chinese counts one quantity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ZhKey {
    before: char,
    classifier: String,
    noun: String,
}

impl RepeatedFigure {
    /// The text before a figure without its qualifier, trimmed.
    fn before<'d>(&self, doc: &'d Document, f: &Figure) -> &'d str {
        let t = doc.norm.text.get(..f.norm.start).unwrap_or("").trim_end();
        match vocabulary().qualifiers.suffix_of(t) {
            Some((q, _)) => t[..t.len() - q.len()].trim_end(),
            None => t,
        }
    }

    /// Is the count after a comparison (`比改建多提供約百多個`, `較去年多 5 間`), so a difference?
    fn compared(&self, before: &str) -> bool {
        let lo = crate::source::floor_char_boundary(before, before.len().saturating_sub(36));
        let tail = &before[lo..];
        let tail = tail.rsplit(['，', '。', '；', ',', ';']).next().unwrap_or(tail);
        let w = crate::claims::changes::words();
        w.compare.find_all(tail).last().is_some_and(|c| {
            let after = &tail[c.end..];
            !w.comparative_up.find_all(after).is_empty() || !w.comparative_down.find_all(after).is_empty()
        })
    }

    /// Is the count a rate or an average (`平均每天處理 264,000 宗`)?
    fn rate(&self, doc: &Document, f: &Figure) -> bool {
        let t = self.before(doc, f);
        let lo = crate::source::floor_char_boundary(t, t.len().saturating_sub(24));
        !self.rate.find_all(&t[lo..]).is_empty()
    }

    fn zh_key(&self, doc: &Document, f: &Figure) -> Option<ZhKey> {
        let FigureKind::Count { classifier } = &f.kind else { return None };
        if self.rate(doc, f) {
            return None;
        }
        // A table's rows each state their own row's figure under one column's words.
        if doc.block_at(f.norm.start).is_some_and(|b| doc.blocks[b].kind == BlockKind::TableRow) {
            return None;
        }
        // A count of time is a span (`過去 3 個財政年度`), not a measure stated twice.
        if self.period_nouns.at(classifier, 0).is_some() || self.period_nouns.at(han_after(doc, f, 4), 0).is_some() {
            return None;
        }
        let mut t = self.before(doc, f);
        if self.change.ends(t).is_some() {
            return None;
        }
        while let Some(k) = self.skip.ends(t) {
            t = &t[..k];
        }
        if self.change.ends(t).is_some() || self.compared(t) {
            return None;
        }
        let before = t.chars().next_back().filter(|c| is_han(*c) && !self.generic.contains(c))?;
        let noun = han_after(doc, f, self.noun_chars);
        // `長 15 公里的新單車徑` describes one track among others: a figure before `的` is an
        // attribute of the thing named after it, not a count of it.
        if noun.starts_with('的') {
            return None;
        }
        (noun.chars().count() == self.noun_chars).then(|| ZhKey {
            before,
            classifier: classifier.clone(),
            noun: noun.to_owned(),
        })
    }

    /// An English count's head noun and the adjectives before it (`five new members`).
    fn en_phrase(&self, doc: &Document, f: &Figure) -> Option<(String, BTreeSet<String>)> {
        let FigureKind::Count { classifier } = &f.kind else { return None };
        if !classifier.is_ascii() {
            return None;
        }
        let v = vocabulary();
        let adjs =
            f.text(doc).split_whitespace().filter(|w| v.en_adjectives.contains(w)).map(str::to_lowercase).collect();
        Some((classifier.clone(), adjs))
    }

    /// `$75.0 billion recurrent subvention and …`: the lowercase words that name an English
    /// amount after it, up to a word that is not part of a name.
    fn money_after(&self, doc: &Document, f: &Figure) -> Option<String> {
        let rest = doc.norm.text.get(f.norm.end..)?.strip_prefix(' ')?;
        let stop = &vocabulary().en_stopwords;
        let words: Vec<&str> = rest
            .split(' ')
            .take(3)
            .take_while(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !stop.contains(w))
            .collect();
        (!words.is_empty()).then(|| words.join(" "))
    }

    /// `The recurrent subvention at $75.0 billion`: a definite name before an English amount,
    /// joined to it by a linking word.
    fn money_before(&self, doc: &Document, f: &Figure) -> Option<String> {
        // `before` is a prefix of the normalised text, so offsets into it are offsets into that.
        let t = self.before(doc, f);
        let k = self.money_links.ends(t)?;
        let sentence_start = doc.sentence_at(f.norm.start).map_or(0, |s| doc.sentences[s].norm.start);
        // The name is all there is before it in its sentence: `The recurrent subvention at`.
        let words: Vec<&str> = t.get(sentence_start..k)?.split_whitespace().collect();
        let (first, rest) = words.split_first()?;
        let ok = first.eq_ignore_ascii_case("the")
            && (1..=3).contains(&rest.len())
            && rest.iter().all(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        ok.then(|| rest.join(" "))
    }

    /// Do the two figures' sentences name dates that do not overlap?
    fn different_dates(&self, doc: &Document, a: &Figure, b: &Figure) -> bool {
        let dates = |f: &Figure| {
            doc.sentence_at(f.norm.start).map(|s| doc.dates_in(&doc.sentences[s].norm).to_vec()).unwrap_or_default()
        };
        let (da, db) = (dates(a), dates(b));
        !da.is_empty() && !db.is_empty() && !da.iter().any(|x| db.iter().any(|y| x.start <= y.end && y.start <= x.end))
    }

    fn compare(&self, doc: &Document, first: usize, later: usize, how: &str, cx: &mut Context) {
        let (a, b) = (&doc.figures[first], &doc.figures[later]);
        let relation = format!("{} and {} ({how})", a.text(doc), b.text(doc));
        if self.different_dates(doc, a, b) {
            cx.skipped(format!("{relation}: stated for different dates"), vec![first, later]);
            return;
        }
        let same = a.restated_by(b);
        cx.checked(relation, same, vec![first, later]);
        if !same {
            let shown = operands(doc, &[a, b]);
            cx.report(
                Finding::new(
                    format!("{} here, but {} earlier for the same thing", b.text(doc), a.text(doc)),
                    Label::new(b.span, "restated as"),
                )
                .help(format!("both state {how}: {} earlier, {} here; one of the two is stale", shown[0], shown[1]))
                .label(Label::new(a.span, "first stated")),
            );
        }
    }
}

/// The paper's date read from its header against the same date stated again by the paper: its
/// running page header, its front matter's `date:`. A paper dated two ways has no date.
fn restated_date(doc: &Document, cx: &mut Context) {
    let Some(paper) = &doc.date else { return };
    for r in &doc.date_restated {
        let (Some(at), Some(again)) = (paper.span, r.span) else { continue };
        let same = r.date <= paper.last && paper.date <= r.last;
        let relation = format!("the paper's date: {} and {}", show_paper(paper), show_paper(r));
        cx.checked_spans(relation, same, vec![at, again]);
        if !same {
            cx.report(
                Finding::new(
                    format!(
                        "the paper is dated {} in {} and {} in {}",
                        show_period(paper.date, paper.last),
                        where_from(paper),
                        show_period(r.date, r.last),
                        where_from(r)
                    ),
                    Label::new(again, "dated again"),
                )
                .label(Label::new(at, "the paper's date"))
                .help(format!(
                    "a paper has one date, so one of these is a slip; the other date checks use the one in {}",
                    where_from(paper)
                )),
            );
        }
    }
}

fn where_from(p: &crate::document::PaperDate) -> &'static str {
    match p.origin {
        crate::document::DateOrigin::RunningHeader => "its running page header",
        crate::document::DateOrigin::FrontMatter => "its front matter",
        crate::document::DateOrigin::Dateline => "its dateline",
        _ => "its header",
    }
}

/// A headline figure against the body figure that states it again
/// ([`crate::claims::headlines`]).
fn headlines(doc: &Document, claims: &Claims, cx: &mut Context) {
    for r in claims.restatements() {
        let (h, b) = (&doc.figures[r.headline], &doc.figures[r.body]);
        let relation = format!("{} in the headline and {} in the body", h.text(doc), b.text(doc));
        if let Some(why) = &r.doubt {
            cx.skipped(format!("{relation}: {why}"), vec![r.headline, r.body]);
            continue;
        }
        cx.checked(relation, r.same, vec![r.headline, r.body]);
        if !r.same {
            let shown = operands(doc, &[h, b]);
            cx.report(
                Finding::new(
                    format!("the headline says {}, the body {}", h.text(doc), b.text(doc)),
                    Label::new(h.span, "headline"),
                )
                .help(format!(
                    "the body's sentence names what the headline does, at {} against the headline's {}; \
                     one of the two is stale",
                    shown[1], shown[0]
                ))
                .label(Label::new(b.span, "body")),
            );
        }
    }
}

impl Rule for RepeatedFigure {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        // Parts of a stated total are part of it, not restatements of it.
        let parts: BTreeSet<usize> = claims.breakdowns().iter().flat_map(|b| b.parts.iter().copied()).collect();
        // Chinese counts by part of the paper and key, all of them: compared once all are known.
        let mut zh: HashMap<(usize, ZhKey), Vec<usize>> = HashMap::new();
        // English counts by head noun: each set of adjectives with the latest count that had it.
        // A restatement takes the latest earlier count whose adjectives fit, which is the latest
        // of the fitting sets, so a paper that repeats itself does not lengthen the search.
        let mut en: HashMap<String, Vec<(BTreeSet<String>, usize)>> = HashMap::new();
        let mut money: HashMap<(String, String), usize> = HashMap::new();
        let mut restated = BTreeSet::new();
        for (i, f) in doc.figures.iter().enumerate() {
            if let FigureKind::Money { currency } = &f.kind {
                if let Some(name) = self.money_before(doc, f)
                    && let Some(&first) = money.get(&(currency.clone(), name.clone()))
                {
                    self.compare(doc, first, i, &format!("`{name}`"), cx);
                    restated.insert(i);
                }
                if let Some(name) = self.money_after(doc, f) {
                    money.entry((currency.clone(), name)).or_insert(i);
                }
                continue;
            }
            if parts.contains(&i) || !f.value.is_integer() {
                continue;
            }
            if let Some(key) = self.zh_key(doc, f) {
                zh.entry((doc.judged_scope(f.norm.start), key)).or_default().push(i);
                continue;
            }
            let Some((noun, adjs)) = self.en_phrase(doc, f) else { continue };
            if self.rate(doc, f) {
                continue;
            }
            let before = lower_tail(self.before(doc, f), 4 * self.definite.longest() + 64);
            let definite = self.definite.ends(&before);
            if let Some(d) = definite {
                let demonstrative = matches!(before[d..].trim(), "these" | "those" | "each of these" | "all of these");
                // `these three programmes` points at what was just named, in its paragraph or
                // the one before — the items a paragraph lists (`(a)`…`(e)`) being part of it: a
                // count of the noun further back (`the two programmes`) is another set.
                let block = |k: usize| doc.block_at(doc.figures[k].norm.start).unwrap_or(0);
                let near = |k: usize| {
                    let (a, b) = (block(k), block(i));
                    let between = doc.blocks.get(a + 1..b).unwrap_or(&[]);
                    between.iter().filter(|x| x.label.is_none()).count() == 0
                };
                let earlier = en.get(&noun).and_then(|v| {
                    v.iter()
                        .filter(|(a, first)| {
                            if adjs.is_empty() {
                                demonstrative && near(*first)
                            } else {
                                adjs.is_subset(a) || a.is_subset(&adjs) && !a.is_empty()
                            }
                        })
                        .max_by_key(|(_, first)| *first)
                });
                if let Some(&(ref a, first)) = earlier {
                    let words: Vec<&str> = adjs.union(a).map(String::as_str).collect();
                    let how = format!("`N {} {noun}`", words.join(" ")).replace("  ", " ");
                    self.compare(doc, first, i, &how, cx);
                }
            }
            let seen = en.entry(noun).or_default();
            match seen.iter_mut().find(|(a, _)| *a == adjs) {
                Some(latest) => latest.1 = i,
                None => seen.push((adjs, i)),
            }
        }
        self.zh_measures(doc, cx);
        self.en_measures(doc, &restated, cx);
        headlines(doc, claims, cx);
        restated_date(doc, cx);
        let mut groups: Vec<((usize, ZhKey), Vec<usize>)> = zh.into_iter().collect();
        groups.sort_by_key(|(_, v)| v[0]);
        for ((_, key), counts) in groups {
            self.compare_zh(doc, &key, &counts, cx);
        }
    }
}

impl RepeatedFigure {
    /// A Chinese percentage or amount named by the words straight before it (`8月出超168.3億
    /// 美元`, `進口按年升16.5%`): its measure without its period, its year-on-year marker and
    /// its verb, and the direction that verb states. Only an exact, whole name is kept: `對美國
    /// 出口` is not `出口`. A period inside the words ends what comes before it (`公布9月出口金額`
    /// names 出口金額); a percentage named by its verb alone right after an amount is that
    /// amount's change (`出口貨值為3591億元，按年上升10%`).
    fn zh_measure(&self, doc: &Document, i: usize) -> Option<(String, i8)> {
        let f = &doc.figures[i];
        if !matches!(f.kind, FigureKind::Percent | FigureKind::Money { .. }) {
            return None;
        }
        let r = measure_before(doc, i);
        // A forecast or a target (`本預計8月出口值為510億美元`) is not the measure's value.
        if !self.forecast.find_all(doc.norm_text(&r)).is_empty() {
            return None;
        }
        let periods = crate::claims::quantity::periods_starting_in(doc, r.clone());
        let mut t = doc.norm_text(&r).to_owned();
        // Its periods are what `period` reads; the name is what follows the last of them. A
        // comparison before it makes that period the base (`比去年同期增長`): no name.
        if let Some(p) = periods.iter().rfind(|p| p.norm.end <= r.end) {
            let head = &t[..p.norm.start.saturating_sub(r.start)];
            if head.contains(|c: char| self.not_name.contains(&c)) {
                return self.based_change(doc, i, &r, &t);
            }
            t.replace_range(..p.norm.end - r.start, "");
            // `2024年的失業率為`: the particle ties the period to the name, and is neither.
            if let Some(rest) = t.trim_start().strip_prefix('的') {
                t = rest.to_owned();
            }
        }
        let w = crate::claims::changes::words();
        let mut dir = 0;
        let mut t = t.trim_end();
        if let Some(k) = w.increase.ends(t) {
            (t, dir) = (&t[..k], 1);
        } else if let Some(k) = w.decrease.ends(t) {
            (t, dir) = (&t[..k], -1);
        }
        let mut t = t.trim_end();
        loop {
            let q = match self.zh_links.ends(t) {
                Some(k) => &t[..k],
                None => match ["按年", "同比", "年"].iter().find_map(|q| t.strip_suffix(q)) {
                    Some(q) => q,
                    None => break,
                },
            };
            t = q.trim_end();
        }
        let name: String = t.chars().rev().take_while(|c| is_han(*c)).collect::<Vec<_>>().into_iter().rev().collect();
        if name.is_empty() && dir != 0 && matches!(f.kind, FigureKind::Percent) {
            return self.change_of_amount(doc, i, &r).map(|name| (name, dir));
        }
        if dir != 0 && crate::claims::changes::words().compare.at(&name, 0).is_some() {
            return self.based_change(doc, i, &r, doc.norm_text(&r));
        }
        // `旅客約為 38 000人，花費約為 800萬元`: a name after another amount or count of its
        // sentence (up to a semicolon), with no period of its own, leaves its subject to the
        // clause before (whose spending?). `8月出超168.3億美元` names its own.
        if periods.is_empty() {
            let sent = doc.sentence_at(f.norm.start).map_or(r.start, |s| doc.sentences[s].norm.start);
            let head = doc.norm.text.get(sent..r.start).unwrap_or("");
            let from = head.rfind(['；', ';']).map_or(sent, |k| sent + k);
            let first = doc.figures.partition_point(|g| g.norm.start < from);
            if doc.figures[first..i]
                .iter()
                .any(|g| matches!(g.kind, FigureKind::Money { .. } | FigureKind::Count { .. }))
            {
                return None;
            }
        }
        let name = self.core_name(&name);
        // A name holds no word of comparison, direction, share or sequence (`比上年`, `佔總數`,
        // `提高到`, `跌幅`, `繼…錄得`): those make the figure a change, a share or a base.
        let plain = !name.contains(|c: char| self.not_name.contains(&c));
        (plain && (2..=8).contains(&name.chars().count())).then_some((name, dir))
    }

    /// A name without the words that do not tell two measures apart: the paper's own place and
    /// `整體` before it (`本港整體出口` is the `出口` of the paper), `貨值` after it (`出口貨值`).
    fn core_name(&self, name: &str) -> String {
        let mut n = name;
        while let Some(k) = self.neutral_prefixes.at(n, 0) {
            n = &n[k..];
        }
        if let Some(k) = self.measure_suffixes.ends(n)
            && n[..k].chars().count() >= 2
        {
            n = &n[..k];
        }
        n.to_owned()
    }

    /// `出口二百九十億美元，比去年同月小幅成長2.6%`: a percentage whose words only compare with a
    /// base period and state a direction, right after an amount, is that amount's change.
    fn based_change(&self, doc: &Document, i: usize, r: &std::ops::Range<usize>, words: &str) -> Option<(String, i8)> {
        let w = crate::claims::changes::words();
        let t = words.trim();
        if !matches!(doc.figures[i].kind, FigureKind::Percent) || w.compare.at(t, 0).is_none() {
            return None;
        }
        let dir = if w.increase.ends(t).is_some() {
            1
        } else if w.decrease.ends(t).is_some() {
            -1
        } else {
            return None;
        };
        self.change_of_amount(doc, i, r).map(|name| (name, dir))
    }

    /// The name of the amount a percentage follows with nothing but a comma between
    /// (`出口金額375.3億美元、年減5.3%`), when the percentage's own words are only its verb.
    fn change_of_amount(&self, doc: &Document, i: usize, own: &std::ops::Range<usize>) -> Option<String> {
        let prev = doc.figures.get(i.checked_sub(1)?)?;
        if !matches!(prev.kind, FigureKind::Money { .. }) || prev.norm.end > own.start {
            return None;
        }
        let between = doc.norm.text.get(prev.norm.end..own.start)?;
        if !between.chars().all(|c| c.is_whitespace() || matches!(c, ',' | '，' | '、')) {
            return None;
        }
        let (name, dir) = self.zh_measure(doc, i - 1)?;
        (dir == 0).then_some(name)
    }

    /// Chinese percentages and amounts with one name, direction, unit and period in one part of
    /// the paper: stated twice, they must agree.
    fn zh_measures(&self, doc: &Document, cx: &mut Context) {
        type Key = (usize, String, i8, String, String);
        let mut seen: HashMap<Key, Vec<usize>> = HashMap::new();
        let named: Vec<(usize, String, i8)> =
            (0..doc.figures.len()).filter_map(|i| self.zh_measure(doc, i).map(|(n, d)| (i, n, d))).collect();
        // A paper about one economy names it before some of its measures and not others
        // (`臺灣出口值` and `出口`): when every name that opens with a place opens with the same
        // one, the place does not tell two measures apart. A paper that names two (`臺灣出口`,
        // `南韓出口`) compares them, and keeps them apart.
        let openers: BTreeSet<&str> =
            named.iter().filter_map(|(_, n, _)| Some(&n[..crate::claims::lists::place_opening(n)?])).collect();
        let own = (openers.len() == 1).then(|| openers.first().map(|p| p.to_string())).flatten();
        for (i, name, dir) in named.iter().cloned() {
            let f = &doc.figures[i];
            let name = match own.as_deref().and_then(|p| name.strip_prefix(p)) {
                Some(rest) if rest.chars().count() >= 2 => self.core_name(rest),
                _ => name,
            };
            // The period must be stated in the measure's sentence (`2024年失業率為`, `7月份本港
            // 整體出口貨值…按年上升10%`). One from an earlier sentence may be another statement's
            // (a speech's `流失率達 16.7%` and, of another grade, `流失率為 7.7%`).
            let sentence = doc.sentence_at(f.norm.start).map(|s| doc.sentences[s].norm.clone());
            let Some(p) = period(doc, f).filter(|p| sentence.as_ref().is_some_and(|s| s.start <= p.norm.start)) else {
                continue;
            };
            let unit = match &f.kind {
                FigureKind::Money { currency } => currency.clone(),
                _ => "%".to_owned(),
            };
            let when = format!("{:?}", (p.start, p.end, p.floating));
            seen.entry((doc.judged_scope(f.norm.start), name, dir, unit, when)).or_default().push(i);
        }
        let mut groups: Vec<(Key, Vec<usize>)> = seen.into_iter().collect();
        groups.sort_by_key(|(_, v)| v[0]);
        for ((_, name, _, _, _), v) in groups {
            let values: BTreeSet<_> = v.iter().map(|&i| doc.figures[i].value.clone()).collect();
            if v.len() < 2 || values.len() > 2 {
                continue;
            }
            for &later in &v[1..] {
                self.compare(doc, v[0], later, &format!("`{name}` for the same period"), cx);
            }
        }
    }

    /// The name of an English percentage or amount (see the rule's doc), lower-cased and with
    /// plural `s` dropped, and the estimate words of its sentence before it.
    fn en_measure(&self, doc: &Document, f: &Figure) -> Option<(String, String, BTreeSet<String>)> {
        if !matches!(f.kind, FigureKind::Percent | FigureKind::Money { .. }) {
            return None;
        }
        if doc.block_at(f.norm.start).is_some_and(|b| doc.blocks[b].kind == BlockKind::TableRow) {
            return None;
        }
        let t = self.before(doc, f);
        let start = doc.sentence_at(f.norm.start).map_or(0, |s| doc.sentences[s].norm.start);
        let sentence = t.get(start..)?;
        let tail = lower_tail(sentence, 160);
        let (k, attributive) = match self.en_links.ends(&tail) {
            Some(k) => (k, false),
            None => (self.en_attributive.ends(&tail)?, true),
        };
        let head = tail.get(..k)?;
        if !head.ends_with(' ') {
            return None;
        }
        let mut name: Vec<&str> = Vec::new();
        let mut boundary = None;
        let mut words: Vec<&str> = head.trim_end().rsplit(' ').collect();
        // A period between the name and its link (`expenditure in 2024 is`, `the rate in May
        // 2024 was`) is the period, not the name.
        let dated = words
            .iter()
            .take_while(|w| w.contains(|c: char| c.is_ascii_digit()) || crate::parse::date::is_month_name(w))
            .count();
        if dated > 0 && words.get(dated).is_some_and(|w| matches!(*w, "in" | "for" | "during")) {
            words.drain(..=dated);
        }
        let mut joins = words.into_iter().peekable();
        while let Some(word) = joins.next() {
            let w = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
            if word.is_empty() || word.ends_with([',', ';', ':', '(', ')']) {
                boundary = Some("");
                break;
            }
            // `exports of goods`, `the value of imports`: `of` between two nouns is inside the name.
            if w == "of" && !name.is_empty() && joins.peek().is_some_and(|next| self.en_noun(next)) {
                name.push(w);
                continue;
            }
            if self.en_determiners.contains(w) || self.en_boundaries.contains(w) {
                boundary = Some(word);
                break;
            }
            if !w.chars().all(|c| c.is_ascii_alphabetic() || c == '-') || name.len() == MAX_NAME_WORDS {
                boundary = Some("");
                break;
            }
            name.push(w);
        }
        // The sentence's start ends a name too, unless it was cut at `tail`'s length.
        let boundary = boundary.or((tail.len() == sentence.len()).then_some(""))?;
        let subject = boundary.is_empty() || self.en_determiners.contains(boundary);
        if name.is_empty() || !(subject || attributive && self.en_prepositions.contains(boundary)) {
            return None;
        }
        name.reverse();
        let head = name[name.len() - 1];
        // `an additional commitment of $500 million`, `a year-on-year increase of 6%`: a change
        // or an increment, not a level; its subject is elsewhere.
        let vague = |w: &&str| self.en_generic.contains(*w) || self.en_modifiers.contains(*w);
        if name.iter().any(|w| self.change.at(w, 0) == Some(w.len()))
            || self.en_change_heads.contains(head)
            || name.iter().all(vague)
        {
            return None;
        }
        let stem = |w: &str| match w.strip_suffix('s') {
            Some(st) if w.len() > 3 && !st.ends_with(['s', 'u', 'i']) => st.to_owned(),
            _ => w.to_owned(),
        };
        // `The estimated total expenditure` is the `total expenditure` of an estimate: the
        // estimate words are compared on their own.
        let key: Vec<String> = name.iter().filter(|w| !self.en_estimates.contains(**w)).map(|w| stem(w)).collect();
        let estimates = tail
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| self.en_estimates.contains(*w))
            .map(str::to_owned)
            .collect();
        Some((key.join(" "), name.join(" "), estimates))
    }

    /// Can an English word be a noun of a name: letters only, and no determiner or word that
    /// ends a name?
    fn en_noun(&self, word: &str) -> bool {
        !word.is_empty()
            && word.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
            && !self.en_determiners.contains(word)
            && !self.en_boundaries.contains(word)
    }

    /// The period an English value is stated for, where the sentence ties it to the value: right
    /// after it (`3.4% in 2024`), between its name and its link (`expenditure in 2024 is`), or
    /// opening the sentence (`In 2024, exports of $621 billion`). A period elsewhere in the
    /// sentence may be another figure's (`increased from $10 in 1984`).
    fn en_period<'d>(&self, doc: &'d Document, f: &Figure) -> Option<&'d crate::document::Period> {
        if let Some(p) = own_period(doc, f) {
            return Some(p);
        }
        let start = doc.sentence_at(f.norm.start).map_or(0, |s| doc.sentences[s].norm.start);
        let periods = crate::claims::quantity::periods_starting_in(doc, start..f.norm.start);
        let text = &doc.norm.text;
        let last = periods.last().filter(|p| {
            let gap = lower_tail(text.get(p.norm.end..f.norm.start).unwrap_or(""), 64);
            self.en_links.at(gap.trim(), 0) == Some(gap.trim().len())
        });
        let opening = periods.first().filter(|p| {
            let lead = text.get(start..p.norm.start).unwrap_or("").trim().to_ascii_lowercase();
            let lead = lead.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
            matches!(lead, "" | "in" | "for" | "during" | "as at" | "as of" | "at the end of")
                && text.get(p.norm.end..).is_some_and(|r| r.trim_start().starts_with(','))
        });
        // The sentence's one period, when the value is its one figure besides the period's own.
        let only = || {
            let end = doc.sentence_at(f.norm.start).map_or(start, |s| doc.sentences[s].norm.end);
            let all = crate::claims::quantity::periods_starting_in(doc, start..end);
            // The sentence's figures, found by binary search: the figures are in text order.
            let a = doc.figures.partition_point(|g| g.norm.start < start);
            let b = doc.figures.partition_point(|g| g.norm.start < end);
            let figures = doc.figures[a..b]
                .iter()
                .filter(|g| g.norm.end <= end)
                .filter(|g| !all.iter().any(|p| p.norm.start <= g.norm.start && g.norm.end <= p.norm.end))
                .count();
            match all {
                [p] if figures == 1 => Some(p),
                _ => None,
            }
        };
        last.or(opening).or_else(only).filter(|p| !p.floating)
    }

    /// English percentages and amounts with one name, estimate words, unit and period in one
    /// part of the paper: stated twice, they must agree. `skip`: figures already compared as
    /// restatements of an amount named after it.
    fn en_measures(&self, doc: &Document, skip: &BTreeSet<usize>, cx: &mut Context) {
        type Key = (usize, String, BTreeSet<String>, String, String);
        let mut seen: HashMap<Key, Vec<usize>> = HashMap::new();
        let mut names: HashMap<String, String> = HashMap::new();
        for (i, f) in doc.figures.iter().enumerate() {
            if skip.contains(&i) {
                continue;
            }
            let Some((key, name, estimates)) = self.en_measure(doc, f) else { continue };
            names.entry(key.clone()).or_insert(name);
            let Some(p) = self.en_period(doc, f) else { continue };
            let unit = match &f.kind {
                FigureKind::Money { currency } => currency.clone(),
                _ => "%".to_owned(),
            };
            let when = format!("{:?}", (p.start, p.end, p.floating));
            seen.entry((doc.judged_scope(f.norm.start), key, estimates, unit, when)).or_default().push(i);
        }
        let mut groups: Vec<(Key, Vec<usize>)> = seen.into_iter().collect();
        groups.sort_by_key(|(_, v)| v[0]);
        let block = |i: usize| doc.block_at(doc.figures[i].norm.start);
        for ((_, key, _, _, _), v) in groups {
            let values: BTreeSet<_> = v.iter().map(|&i| doc.figures[i].value.clone()).collect();
            if v.len() < 2 || values.len() > 2 {
                continue;
            }
            let name = names.get(&key).map_or(key.as_str(), String::as_str);
            // Two values of one name in one paragraph are set side by side on purpose (`an
            // incidentals allowance of $100 if attending a university; … $30 if …`).
            for &later in v[1..].iter().filter(|&&k| block(k) != block(v[0])) {
                self.compare(doc, v[0], later, &format!("`{name}` for the same period"), cx);
            }
        }
    }

    /// The counts of one Chinese key in one part of the paper. Each is compared with the first
    /// earlier one whose whole noun agrees (`作會議用途的申請` is not `作展覽用途的申請`) and
    /// that is for the same period. Three different values under one key name a kind of thing
    /// (each site's parking spaces), not one quantity stated twice.
    fn compare_zh(&self, doc: &Document, key: &ZhKey, counts: &[usize], cx: &mut Context) {
        let values: BTreeSet<_> = counts.iter().map(|&i| doc.figures[i].value.clone()).collect();
        if values.len() > 2 {
            return;
        }
        let noun = |i: usize| {
            let n = noun_phrase(doc, &doc.figures[i]);
            let n = n.as_str();
            // The phrase ends at its verb: `虛擬銀行發出首批牌照` counts 虛擬銀行.
            let end =
                n.char_indices().skip(1).find(|&(k, _)| self.verbs.at(n, k).is_some()).map_or(n.len(), |(k, _)| k);
            n[..end].to_owned()
        };
        for (k, &i) in counts.iter().enumerate() {
            let (fi, ni) = (&doc.figures[i], noun(i));
            let first = counts[..k].iter().copied().find(|&j| {
                let nj = noun(j);
                (ni.starts_with(&nj) || nj.starts_with(&ni)) && same_period(doc, &doc.figures[j], fi)
            });
            if let Some(first) = first {
                let how = format!("`{} N {}{}`", key.before, key.classifier, key.noun);
                self.compare(doc, first, i, &how, cx);
            }
        }
    }
}

/// How many words an English measure's name may have (`total value of goods export`).
const MAX_NAME_WORDS: usize = 5;

/// Configured words, lower-cased, as a set.
fn lower_set(words: Vec<String>) -> BTreeSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

/// How many characters of a Chinese noun phrase two restatements must agree on, at most.
const NOUN_PHRASE_CHARS: usize = 16;

/// The Han characters after a Chinese count, over the line breaks and spaces of extracted text,
/// up to [`NOUN_PHRASE_CHARS`].
fn noun_phrase(doc: &Document, f: &Figure) -> String {
    let rest = doc.norm.text.get(f.norm.end..).unwrap_or("");
    rest.chars().filter(|c| !c.is_whitespace()).take_while(|c| is_han(*c)).take(NOUN_PHRASE_CHARS).collect()
}

/// The last `keep` bytes or so of `s`, lower-cased: all a word list of words shorter than a
/// quarter of that needs to match at its end, without lower-casing the whole paper before
/// every count.
fn lower_tail(s: &str, keep: usize) -> String {
    let start = crate::source::floor_char_boundary(s, s.len().saturating_sub(keep));
    let tail = &s[start..];
    // `Σ` is the one character whose lower case depends on the text before it.
    if start > 0 && tail.contains('Σ') { s.to_lowercase() } else { tail.to_lowercase() }
}
