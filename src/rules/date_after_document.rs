use crate::claims::Claims;
use crate::claims::dates::{Around, around, own_year, paper_label, show_mention, show_paper, show_period};
use crate::claims::support::WordList;
use crate::diagnostic::{Finding, Label};
use crate::document::{DateMention, Document, PaperDate};
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, required, rule_config};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a status date or a past event that is later than the paper's own date: `截至 2021 年
    /// 3 月底` or `as at end-March 2021` in a paper dated January 2021, `已於 2021 年 3 月舉行` or
    /// `was launched in April 2021` in a paper dated before then.
    ///
    /// ## Why is this bad?
    /// A paper cannot report how things stood on a day that had not yet come, nor an event that
    /// had not yet happened. Usually the paper was updated and its date was not, or a figure was
    /// copied from a later paper, or a year was mistyped.
    ///
    /// ## Example
    /// ```text
    /// 二零二一年一月十五日
    /// …截至 2021 年 3 月底，已有 120 家公司參與…     (the paper is dated 2021-01-15)
    /// ```
    ///
    /// Plans and forecasts are fine: `預期於 2021 年啓用`, `will be launched in 2022`, `計劃於`,
    /// `目標是在`. A sentence with a planning word (`預計`, `will`, `expected`, `estimated`) is left
    /// alone even when it also has a status word.
    ///
    /// ## What it does not check
    /// Only dates whose year is written (`2021 年`, `April 2021`) or relative to the paper's
    /// (`今年 4 月底`) take part: a date whose year comes from the paragraph or from the paper's own
    /// date (`於 12 月`) proves nothing. A paper whose date is unknown, or known without its year
    /// (a press release's `today (December 24)`), is not checked: set `--date` or `[document]
    /// date`. A date is reported only when all of it is after the last day the paper's date
    /// allows (`2020 年 6 月` is not after a paper dated 1 June 2020).
    ///
    /// ## Options
    /// - `status`: words right before a date that make it a status date (`截至`, `as at`).
    /// - `past-before`: words right before a date that make it a past event (`已於`, `since`).
    /// - `past-after`: words just after a date that make it a past event (`已`, `以來`).
    /// - `past-particles`, `not-particles`: aspect particles after a date in its clause that mark a
    ///   completed event (`了`), and words that contain one without being one (`了解`, `為了`).
    /// - `before-words`: words after a date that turn it into a deadline (`前`, `之前`): skipped.
    /// - `periods`: after `截至 … 止`, words that make it the name of a period ending then
    ///   (`截至 2021 年 3 月 31 日止年度`): skipped.
    /// - `en-auxiliaries`, `en-past-verbs`, `en-not-past`, `en-prepositions`: English past events
    ///   (`was launched in`, `took place on`), and participles that are plans (`scheduled`).
    /// - `en-agents`: words that open a short agent or party phrase between an English past verb
    ///   and its date (`announced by the Financial Secretary on`).
    /// - `records-before`, `records`: a sentence that opens by citing records (`根據稅務局的資料，
    ///   在 2012 年首 9 個月內…`, `According to the department's figures, in …`): a date after
    ///   them is one the records already cover, a status.
    /// - `as-reported`, `reported-verbs`: a clause that recalls what was said on the date (`正如我們
    ///   在 2013 年 4 月 16 日的…會議上所匯報`): an event told as past.
    /// - `plans`: planning and forecasting words; a sentence with one is skipped.
    /// - `zh-at`, `zh-past-verbs`: a Chinese event told as done, `於/在 DATE VERB` (`本港於 2012 年
    ///   4 月制定`, `在 2008 年 7 月發表的報告`); `zh-uncertain`: words that make the sentence a
    ///   question or a condition (`會否`, `如`), where that reading is not made.
    ///
    /// Every date with its own year is compared with the paper's date, and `policy-lint figures`
    /// lists each comparison: before it, after it and told as past (reported), or after it and
    /// skipped with the reason (a plan, or nothing that says it is past).
    pub struct DateAfterDocument {
        status: WordList,
        past_before: WordList,
        past_after: WordList,
        past_particles: WordList,
        not_particles: WordList,
        before_words: WordList,
        periods: WordList,
        en_auxiliaries: WordList,
        en_past_verbs: WordList,
        en_not_past: WordList,
        en_prepositions: WordList,
        plans: WordList,
        zh_at: WordList,
        zh_past_verbs: WordList,
        zh_uncertain: WordList,
        en_agents: WordList,
        records_before: WordList,
        records: WordList,
        as_reported: WordList,
        reported_verbs: WordList,
        modals: WordList,
    }
}

rule_config! {
    pub struct Config {
        pub status: Option<Vec<String>>,
        pub past_before: Option<Vec<String>>,
        pub past_after: Option<Vec<String>>,
        pub past_particles: Option<Vec<String>>,
        pub not_particles: Option<Vec<String>>,
        pub before_words: Option<Vec<String>>,
        pub periods: Option<Vec<String>>,
        pub en_auxiliaries: Option<Vec<String>>,
        pub en_past_verbs: Option<Vec<String>>,
        pub en_not_past: Option<Vec<String>>,
        pub en_prepositions: Option<Vec<String>>,
        pub plans: Option<Vec<String>>,
        pub zh_at: Option<Vec<String>>,
        pub zh_past_verbs: Option<Vec<String>>,
        pub zh_uncertain: Option<Vec<String>>,
        pub en_agents: Option<Vec<String>>,
        pub records_before: Option<Vec<String>>,
        pub records: Option<Vec<String>>,
        pub as_reported: Option<Vec<String>>,
        pub reported_verbs: Option<Vec<String>>,
    }
}

impl RuleDef for DateAfterDocument {
    type Config = Config;
    const GROUP: Group = Group::Dates;
    fn build(c: &Config) -> Result<Self, String> {
        let list = |v: &Option<Vec<String>>, name: &str| required(v, name).map(WordList::new);
        Ok(DateAfterDocument {
            status: list(&c.status, "status")?,
            past_before: list(&c.past_before, "past-before")?,
            past_after: list(&c.past_after, "past-after")?,
            past_particles: list(&c.past_particles, "past-particles")?,
            not_particles: list(&c.not_particles, "not-particles")?,
            before_words: list(&c.before_words, "before-words")?,
            periods: list(&c.periods, "periods")?,
            en_auxiliaries: list(&c.en_auxiliaries, "en-auxiliaries")?,
            en_past_verbs: list(&c.en_past_verbs, "en-past-verbs")?,
            en_not_past: list(&c.en_not_past, "en-not-past")?,
            en_prepositions: list(&c.en_prepositions, "en-prepositions")?,
            plans: list(&c.plans, "plans")?,
            zh_at: list(&c.zh_at, "zh-at")?,
            zh_past_verbs: list(&c.zh_past_verbs, "zh-past-verbs")?,
            zh_uncertain: list(&c.zh_uncertain, "zh-uncertain")?,
            en_agents: list(&c.en_agents, "en-agents")?,
            records_before: list(&c.records_before, "records-before")?,
            records: list(&c.records, "records")?,
            as_reported: list(&c.as_reported, "as-reported")?,
            reported_verbs: list(&c.reported_verbs, "reported-verbs")?,
            modals: WordList::new(MODALS.iter().map(|w| (*w).to_owned()).collect()),
        })
    }
}

/// How far (in bytes) after a recalled date its reporting verb may stand (`在 2013 年 4 月 16 日的
/// 立法會福利事務委員會會議上所匯報`).
const REPORTED_REACH: usize = 96;

/// How many words an agent phrase between a past verb and its date may have
/// (`between Australia and Papua New Guinea`).
const AGENT_WORDS: usize = 6;

/// How far back (in bytes) from the date's preposition an agent phrase is looked for.
const AGENT_REACH: usize = 96;

/// How far into a citation (in bytes) the name of the records is looked for.
const RECORDS_REACH: usize = 96;

/// Words before a past participle that make it no past event: grammar, not vocabulary.
const MODALS: &[&str] = &["be", "to", "will", "would", "shall", "may", "might", "can", "could", "should", "must"];

/// What a date is said to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    /// `截至 …`, `as at …`: how things stood then.
    Status,
    /// `已於 …`, `was launched in …`: something that happened then.
    Past,
}

/// A claim about a date, and the words that make it.
struct Trigger {
    claim: Claim,
    /// Normalised range of the trigger words.
    norm: std::ops::Range<usize>,
}

impl Rule for DateAfterDocument {
    fn check(&self, doc: &Document, _claims: &Claims, cx: &mut Context) {
        let Some(paper) = &doc.date else {
            if let Some(s) = doc.date_without_year {
                cx.skipped_at(
                    format!(
                        "the paper is dated `{}` without a year: no date is compared with it (set --date or [document] date)",
                        doc.original(s)
                    ),
                    s,
                );
            }
            return;
        };
        let mut memo: Option<(usize, bool, bool)> = None;
        for m in &doc.dates {
            if paper.span.is_some_and(|s| s == m.span) {
                continue;
            }
            let spans = || std::iter::once(m.span).chain(paper.span).collect::<Vec<_>>();
            let shown = || format!("`{}` ({})", m.text, show_period(m.start, m.end));
            let against = || show_paper(paper);
            if m.end <= paper.last {
                // Before the paper's date (or within what it allows): nothing to report. A year
                // taken from the paragraph or the paper's date is said so.
                let how = if own_year(m) { "" } else { ", its year not written" };
                if cx.records() {
                    cx.checked_spans(
                        format!("{} is not after the paper's date, {}{how}", shown(), against()),
                        true,
                        spans(),
                    );
                }
                continue;
            }
            if !own_year(m) {
                if cx.records() {
                    cx.skipped_spans(
                        format!(
                            "{} would be after the paper's date, {}, but its year is not written",
                            shown(),
                            against()
                        ),
                        spans(),
                    );
                }
                continue;
            }
            if m.start <= paper.last {
                if cx.records() {
                    cx.skipped_spans(
                        format!("{} runs past the paper's date, {}: only part of it is after", shown(), against()),
                        spans(),
                    );
                }
                continue;
            }
            let Some(a) = around(doc, &m.norm) else {
                continue;
            };
            // Whether the sentence is about plans, and whether it asks or supposes: read once per
            // sentence, not once per date (a sentence may hold thousands).
            let (plans, uncertain) = match memo {
                Some((at, p, u)) if at == a.sentence_start => (p, u),
                _ => {
                    let p = !self.plans.find_all(a.sentence).is_empty();
                    let u = !self.zh_uncertain.find_all(a.sentence).is_empty();
                    memo = Some((a.sentence_start, p, u));
                    (p, u)
                }
            };
            let Some(t) = self.trigger(m, &a, uncertain) else {
                cx.skipped_spans(
                    format!(
                        "{} is after the paper's date, {}, and not told as past or as a status",
                        shown(),
                        against()
                    ),
                    spans(),
                );
                continue;
            };
            if plans {
                cx.skipped_spans(
                    format!("{} is after the paper's date, {}, in a sentence about plans", shown(), against()),
                    spans(),
                );
                continue;
            }
            cx.checked_spans(
                format!("{} is told as {}, after the paper's date, {}", shown(), t.claim.word(), against()),
                false,
                spans(),
            );
            cx.report(finding(m, paper, t.claim, doc.span(t.norm)));
        }
    }
}

impl Claim {
    fn word(self) -> &'static str {
        match self {
            Claim::Status => "a status",
            Claim::Past => "past",
        }
    }
}

impl DateAfterDocument {
    /// Is the date a status date or a past event, and by which words?
    fn trigger(&self, m: &DateMention, a: &Around, uncertain: bool) -> Option<Trigger> {
        let start = a.sentence_start;
        // `since the 2017/18 school year`: the article belongs to the date.
        let trimmed = a.clause_before.trim_end();
        let before = ["the", "The"]
            .iter()
            .find_map(|w| trimmed.strip_suffix(w))
            .filter(|b| b.ends_with(' '))
            .map_or(trimmed, str::trim_end);
        let before_at = start + (a.before.len() - a.clause_before.len());
        // `2021 年 3 月底前`, `before March 2021`: a deadline, not an event on the date.
        if self.before_words.at(a.clause_after.trim_start(), 0).is_some() {
            return None;
        }
        if let Some(k) = self.status.ends(before) {
            // `截至 2021 年 3 月 31 日止年度`: the name of a period that ends then, not a status.
            let tail = a.clause_after.trim_start();
            let ending =
                tail.strip_prefix("為止").or_else(|| tail.strip_prefix("为止")).or_else(|| tail.strip_prefix('止'));
            if ending.is_some_and(|rest| !self.periods.find_all(&rest.chars().take(8).collect::<String>()).is_empty()) {
                return None;
            }
            return Some(Trigger { claim: Claim::Status, norm: before_at + k..before_at + before.len() });
        }
        if let Some(r) = self.cited_records(a.before) {
            return Some(Trigger { claim: Claim::Status, norm: start + r.start..start + r.end });
        }
        if let Some(k) = self.past_before.ends(before) {
            return Some(Trigger { claim: Claim::Past, norm: before_at + k..before_at + before.len() });
        }
        if let Some(r) = self.en_past(before) {
            return Some(Trigger { claim: Claim::Past, norm: before_at + r.start..before_at + r.end });
        }
        let after_at = m.norm.end;
        let after = a.clause_after;
        // `正如我們在 2013 年 4 月 16 日的…會議上所匯報`: what was said then, recalled.
        if !self.as_reported.find_all(a.clause_before).is_empty() {
            let near = &after[..crate::source::floor_char_boundary(after, REPORTED_REACH.min(after.len()))];
            if let Some(r) = self.reported_verbs.find_all(near).first() {
                return Some(Trigger { claim: Claim::Past, norm: after_at + r.start..after_at + r.end });
            }
        }
        // `2021 年 3 月已完成`, `2021 年 3 月以來`, allowing `起`/`底` between.
        let head: String = after.chars().take(4).collect();
        if let Some(r) = self.past_after.find_all(&head).first() {
            return Some(Trigger { claim: Claim::Past, norm: after_at + r.start..after_at + r.end });
        }
        // `本港於 2012 年 4 月制定`, `在 2008 年 7 月發表的報告`: an event told as done, unless the
        // sentence asks or supposes (`會否在`, `如在`), or the date starts something (`起實施`).
        if self.zh_at.ends(before).is_some()
            && let Some(len) = self.zh_past_verbs.at(after, 0)
            && !uncertain
            // `於 2016-2017 年度落成之前`: before the event, which is still to come.
            && self.before_words.at(&after[len..], 0).is_none()
        {
            return Some(Trigger { claim: Claim::Past, norm: after_at..after_at + len });
        }
        // `2021 年 3 月舉行了`: a completed event, within a few characters of the date.
        let near: String = after.chars().take(10).collect();
        for r in self.past_particles.find_all(&near) {
            let inside_word = self.not_particles.find_all(&near).iter().any(|w| w.start <= r.start && r.end <= w.end);
            if !inside_word {
                return Some(Trigger { claim: Claim::Past, norm: after_at + r.start..after_at + r.end });
            }
        }
        None
    }

    /// `根據稅務局的資料，在…`, `According to the department's figures, in …`: the sentence,
    /// before the date, opens by citing records; the range of the citation.
    fn cited_records(&self, before: &str) -> Option<std::ops::Range<usize>> {
        let lead = before.len() - before.trim_start().len();
        let opener = self.records_before.at(before, lead)?;
        // The records are named in the citation's first words (`根據稅務局的資料`).
        let rest = &before[lead + opener..];
        let rest = &rest[..crate::source::floor_char_boundary(rest, RECORDS_REACH.min(rest.len()))];
        let r = self.records.find_all(rest).into_iter().next()?;
        Some(lead..lead + opener + r.end)
    }

    /// `was launched in`, `were held on`, `took place in`, `launched in`: the range of the verb
    /// phrase at the end of `before`.
    fn en_past(&self, before: &str) -> Option<std::ops::Range<usize>> {
        let prep = self.en_prepositions.ends(before)?;
        let head = before[..prep].trim_end();
        // `announced by the Financial Secretary on`, `agreed between Australia and Papua New
        // Guinea in`: the verb's agent or parties may stand between it and its date.
        self.en_past_verb(head).or_else(|| self.en_past_verb(self.without_agent(head)?)).map(|from| from..before.len())
    }

    /// `head` without a short agent or party phrase at its end (`by the Minister`, `between A
    /// and B`): a few words of a name, no comma, no verb of its own.
    fn without_agent<'t>(&self, head: &'t str) -> Option<&'t str> {
        // The phrase is a few words: only the end of the clause is read.
        let near = crate::source::floor_char_boundary(head, head.len().saturating_sub(AGENT_REACH));
        let (k, w) = self
            .en_agents
            .find_all(&head[near..])
            .last()
            .map(|r| (near + r.start, &head[near + r.start..near + r.end]))?;
        let phrase = &head[k + w.len()..];
        let words = phrase.split_whitespace().count();
        let plain = phrase.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '\'' || c == '-' || c == '.');
        // The agent word stands alone, after the verb (`announced by`), not inside one (`nearby`).
        let alone = k > 0 && head[..k].ends_with(' ') && phrase.starts_with(' ');
        (alone && plain && (1..=AGENT_WORDS).contains(&words)).then(|| head[..k].trim_end())
    }

    /// The start of a past verb phrase at the end of `head`: `was launched`, `took place`,
    /// `was distributed`.
    fn en_past_verb(&self, head: &str) -> Option<usize> {
        // A listed past verb: `launched`, `took place`, optionally after an auxiliary.
        if let Some(v) = self.en_past_verbs.ends(head) {
            let lead = head[..v].trim_end();
            // `to be launched in`, `will be held on`: not a past event.
            if self.modals.ends(lead).is_some() {
                return None;
            }
            return Some(self.en_auxiliaries.ends(lead).unwrap_or(v));
        }
        // An auxiliary and a participle: `was distributed in`, `were held on`.
        let word_start = head.len() - head.chars().rev().take_while(char::is_ascii_alphabetic).count();
        let participle = &head[word_start..];
        let looks_past =
            participle.len() > 3 && participle.ends_with("ed") && self.en_not_past.at(participle, 0).is_none();
        let aux = self.en_auxiliaries.ends(head[..word_start].trim_end())?;
        looks_past.then_some(aux)
    }
}

fn finding(m: &DateMention, paper: &PaperDate, claim: Claim, trigger: Span) -> Finding {
    let (message, what) = match claim {
        Claim::Status => ("status date is after the paper's own date", "the status is as at"),
        Claim::Past => ("past event is dated after the paper's own date", "the event, told as past, is dated"),
    };
    let mut f = Finding::new(message, Label::new(m.span, "after the paper's date"))
        .label(Label::new(trigger, if claim == Claim::Status { "status" } else { "past" }))
        .help(format!(
            "{what} {}, after the paper's date, {}; a plan or forecast would say so (`預計`, `will`)",
            show_mention(m),
            show_paper(paper)
        ));
    if let Some(l) = paper_label(paper) {
        f = f.label(l);
    }
    f
}
