use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::claims::Claims;
use crate::claims::terms::{in_heading, inside, merge, quoted};
use crate::diagnostic::{Finding, Label};
use crate::document::{BlockKind, Document};
use crate::parse::chars::is_han;
use crate::quantity::Q;
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, q_from_f64, required, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags an abbreviation used before the paper defines it, defined twice (or for two
    /// different things), or defined and then never used.
    ///
    /// ## Why is this bad?
    /// A reader meets `金管局` before being told it is the 香港金融管理局; a definition repeated
    /// halfway through, or never used, shows where a paper was cut and pasted. An abbreviation
    /// defined twice for two different bodies leaves the reader guessing which one is meant.
    ///
    /// ## Example
    /// ```text
    /// 金管局推出…… 香港金融管理局(“金管局”)            (used before it is defined)
    /// the Hong Kong Monetary Authority ("HKMA") … the HKMA … Hong Kong Monetary Authority (HKMA)
    ///                                                   (defined twice)
    /// 金融發展局(“金發局”)，…  (and 金發局 never again)  (defined and never used)
    /// ```
    ///
    /// Definitions recognised: a name followed by its short form in brackets, quoted or not
    /// (`香港金融管理局(“金管局”)`, `（以下簡稱「金管局」）`, `Hong Kong Monetary Authority
    /// ("HKMA")`, `gross domestic product (GDP)`), or after `or` (`the Future Economy Council,
    /// or FEC,`). The short form must be made from the name: Chinese characters taken from it in
    /// order, Latin letters matched from the end with the first at the start of a word (the
    /// Schwartz–Hearst rule).
    ///
    /// ## What it does not check
    /// A bracketed alias that is not made from the name (`「填表易」（“e-ME”）`,
    /// `("721事件")`) and defined terms such as `("the Ordinance")` are not abbreviations. Uses
    /// in headings and titles do not count as uses before the definition, and a short form that
    /// is the end of its name (`科技園` for `香港科技園`) does not count where another character
    /// runs into it (`其他條例` is not a use of `條例`). The full name written again after its
    /// abbreviation is defined is not reported.
    ///
    /// A compilation (a council sitting's record) is judged part by part: each speech, question
    /// and reply defines its own short forms, so `房委會` defined in a question and again in its
    /// reply is not defined twice. A definition inside a quotation (a motion's wording read
    /// out) is the quoted text's, and a use inside one does not count as a use before the
    /// definition. Nor does a use that carries its expansion in brackets (`強積金 (強制性公積金)`),
    /// one whose neighbouring characters run on into the name (`港企` in `本港企業`), a common
    /// word (`計劃`, `委員會`: see `common-words`) or the head noun of its own name (`學券計劃
    /// (“計劃”)`), which is an ordinary word until the paper narrows it. A definition repeated
    /// in a heading (the section on the scheme) is not a second definition.
    ///
    /// A paper that names bodies in passing with their abbreviations (`the Ministry of Education
    /// (MOE)`) and never uses many of them is following a style of its own: a definition never
    /// used is reported only where the paper otherwise uses what it defines (at least
    /// `min-used` abbreviations used, and a single one or at most `max-unused-share` of them
    /// unused).
    ///
    /// ## Options
    /// - `prefixes`: words that may open the brackets before the short form (`以下簡稱`,
    ///   `hereinafter`).
    /// - `max-unused-share`: more than one definition never used is reported only when they are
    ///   at most this share of the paper's abbreviations (default 0.1).
    /// - `min-used`: definitions never used are reported only in a paper that uses at least this
    ///   many of its abbreviations (default 3).
    /// - `common-words`: short forms that are ordinary words before their definition (`計劃`,
    ///   `委員會`); a use of one before the definition is not reported.
    pub struct Abbreviation {
        prefixes: Vec<String>,
        max_unused_share: Q,
        min_used: usize,
        common_words: Vec<String>,
    }
}

rule_config! {
    pub struct Config {
        pub prefixes: Option<Vec<String>>,
        pub max_unused_share: Option<f64>,
        pub min_used: Option<usize>,
        pub common_words: Option<Vec<String>>,
    }
}

impl RuleDef for Abbreviation {
    type Config = Config;
    const GROUP: Group = Group::Wording;
    fn build(c: &Config) -> Result<Self, String> {
        let mut prefixes = required(&c.prefixes, "prefixes")?;
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let max_unused_share = q_from_f64(required(&c.max_unused_share, "max-unused-share")?)?;
        if max_unused_share < Q::from_integer(0.into()) || max_unused_share > Q::from_integer(1.into()) {
            return Err("`max-unused-share` must be between 0 and 1".into());
        }
        Ok(Abbreviation {
            prefixes,
            max_unused_share,
            min_used: required(&c.min_used, "min-used")?,
            common_words: required(&c.common_words, "common-words")?,
        })
    }
}

/// One definition: the short form and the name it stands for, in the normalised text.
#[derive(Debug, Clone)]
struct Definition {
    short: String,
    /// The short form as written in the definition.
    short_at: Range<usize>,
    /// The name.
    long_at: Range<usize>,
    /// Everything the definition covers, name and brackets included.
    whole: Range<usize>,
}

impl Rule for Abbreviation {
    fn check(&self, doc: &Document, _claims: &Claims, cx: &mut Context) {
        // A definition inside a quotation (a motion's wording read out, `“…綜合社會保障援助
        // (‘綜援’)制度…”`) is the quoted text's, not the paper's; nor is a use inside one.
        let quoted = quoted(doc);
        let mut defs = self.definitions(doc);
        defs.retain(|d| !inside(&quoted, d.whole.start));
        let mut shorts: Vec<&str> = defs.iter().map(|d| d.short.as_str()).collect();
        shorts.sort_unstable();
        shorts.dedup();
        // Every short form and name is found once, for the whole paper.
        let found = Occurrences::of(doc, &shorts, &defs);
        // Each part of a compilation (a speech, a question, its reply) defines its own short
        // forms: each is judged as a paper of its own.
        let parts: Vec<Range<usize>> = if doc.scopes.is_empty() {
            std::iter::once(0..doc.norm.text.len()).collect()
        } else {
            doc.scopes.iter().map(|s| s.norm.clone()).collect()
        };
        for part in parts {
            let mine: Vec<Definition> = defs.iter().filter(|d| part.contains(&d.whole.start)).cloned().collect();
            if !mine.is_empty() {
                self.judge(doc, &mine, &found, &part, &quoted, cx);
            }
        }
    }
}

impl Abbreviation {
    /// Judge the definitions of one paper (or one part of a compilation, `part`) against the
    /// uses of their short forms in it.
    fn judge<'d>(
        &self,
        doc: &'d Document,
        defs: &[Definition],
        found: &Occurrences,
        part: &Range<usize>,
        quoted: &[Range<usize>],
        cx: &mut Context,
    ) {
        let mut shorts: Vec<&str> = defs.iter().map(|d| d.short.as_str()).collect();
        shorts.sort_unstable();
        shorts.dedup();
        let mut by_short: HashMap<&str, Vec<&Definition>> = HashMap::new();
        for d in defs {
            by_short.entry(d.short.as_str()).or_default().push(d);
        }
        // A paper that repeats itself defines the same names again: each is expanded once.
        let mut expanded: HashMap<&str, String> = HashMap::new();
        let mut expand_once =
            |name: &'d str| -> String { expanded.entry(name).or_insert_with(|| expand(doc, name, defs)).clone() };
        let mut unused = Vec::new();
        for &short in &shorts {
            let Some(these) = by_short.get(short) else { continue };
            let uses: Vec<Range<usize>> =
                uses_among(doc, short, defs, found).into_iter().filter(|u| part.contains(&u.start)).collect();
            let first = these[0];
            // A common word (`計劃`, `委員會`), or the head noun of its name (`學券計劃` →
            // `計劃`), is an ordinary word before the paper narrows it to one thing.
            let ordinary = self.common_words.iter().any(|w| w == short)
                || !short.is_ascii() && these.iter().all(|d| doc.norm_text(&d.long_at).ends_with(short));
            let before: Vec<&Range<usize>> = uses
                .iter()
                .filter(|u| u.start < first.whole.start && !in_heading(doc, u.start) && !inside(quoted, u.start))
                .filter(|u| !ordinary && !explained(doc, short, u))
                .collect();
            if let Some(u) = before.first() {
                let count = match before.len() {
                    1 => String::new(),
                    n => format!(" (used {n} times before it)"),
                };
                cx.report(
                    Finding::new(
                        format!("`{short}` is used before it is defined"),
                        Label::new(doc.span((*u).clone()), "used here"),
                    )
                    .label(Label::new(doc.span(first.short_at.clone()), "defined here"))
                    .help(format!(
                        "`{short}` is defined later as `{}`{count}; define it at its first use",
                        doc.norm_text(&first.long_at)
                    )),
                );
            }
            for again in &these[1..] {
                // A heading that names a section after the scheme (`Extension of Operational
                // Headquarters (OHQ) Incentive`) restates the definition, as a title does.
                if is_title(doc, again.whole.start) || is_title(doc, first.whole.start) {
                    continue;
                }
                let (a, b) = (doc.norm_text(&first.long_at), doc.norm_text(&again.long_at));
                let finding = if same_name(&expand_once(a), &expand_once(b)) {
                    Finding::new(
                        format!("`{short}` is defined twice"),
                        Label::new(doc.span(again.short_at.clone()), "defined again"),
                    )
                    .help(format!("`{short}` was already defined as `{a}`; drop the second definition"))
                } else {
                    Finding::new(
                        format!("`{short}` is defined twice, for two different names"),
                        Label::new(doc.span(again.short_at.clone()), format!("`{short}` for `{b}`")),
                    )
                    .help(format!("`{short}` stands for `{a}` and for `{b}`; give one of them another abbreviation"))
                };
                cx.report(finding.label(Label::new(doc.span(first.short_at.clone()), "first defined here")));
            }
            if uses.is_empty() {
                unused.push(first);
            }
        }
        // A paper that leaves many of its abbreviations unused does so by style: one unused is
        // a slip only where the paper otherwise uses what it defines.
        let used = shorts.len() - unused.len();
        let share = Q::new((unused.len() as i64).into(), (shorts.len().max(1) as i64).into());
        if used < self.min_used || unused.len() > 1 && share > self.max_unused_share {
            return;
        }
        for d in unused {
            cx.report(
                Finding::new(
                    format!("`{}` is defined but never used", d.short),
                    Label::new(doc.span(d.short_at.clone()), "defined here"),
                )
                .help(format!(
                    "the paper never writes `{}` again, though it uses {used} of its {} abbreviations; drop the definition",
                    d.short,
                    shorts.len()
                )),
            );
        }
    }
}

/// Does the use carry its own expansion in brackets (`強積金 (強制性公積金)`, `MPF (Mandatory
/// Provident Fund)`)? A reader is told what it stands for there and then.
fn explained(doc: &Document, short: &str, u: &Range<usize>) -> bool {
    let after = doc.norm.text.get(u.end..).unwrap_or("").trim_start();
    let Some(inner) = after.strip_prefix(['(', '（']) else { return false };
    let Some(close) = inner.find([')', '）']) else { return false };
    let content = inner[..close].trim();
    if is_latin_short(short) {
        latin_name(content, short).is_some_and(|r| r.start == 0)
    } else {
        han_name(content, short).is_some_and(|r| r.start == 0 && r.end == content.len())
    }
}

/// Is normalised offset `n` in a title: a short heading, with no sentence in it?
fn is_title(doc: &Document, n: usize) -> bool {
    doc.block_at(n).is_some_and(|b| {
        let block = &doc.blocks[b];
        let text = doc.norm_text(&block.norm).trim();
        block.kind == BlockKind::Heading
            && text.chars().count() <= 80
            && !text.contains(['。', '，', ','])
            && !text.contains(". ")
    })
}

/// Are two names the same, one perhaps with more words in front (`香港金融管理局`,
/// `金融管理局`)?
fn same_name(a: &str, b: &str) -> bool {
    let fold = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let (a, b) = (fold(a), fold(b));
    a.ends_with(&b) || b.ends_with(&a)
}

/// A name with the abbreviations in it written out (`Additional SEC` → `Additional Special
/// Employment Credit`), so that two names can be compared.
fn expand(doc: &Document, name: &str, defs: &[Definition]) -> String {
    let mut out = name.to_owned();
    for d in defs {
        let latin = d.short.bytes().all(|b| b.is_ascii());
        let words: Vec<&str> = out.split(' ').collect();
        if latin && words.contains(&d.short.as_str()) {
            let long = doc.norm_text(&d.long_at);
            out = words.iter().map(|w| if *w == d.short { long } else { w }).collect::<Vec<_>>().join(" ");
        }
    }
    out
}

/// Every use of a short form outside definitions and outside the names defined (`科技園` in
/// `香港科技園公司` is the name written out, not the abbreviation). The rule finds those of every
/// short form at once ([`uses_among`]); this is one short form's, for tests.
#[cfg(test)]
fn uses(doc: &Document, short: &str, defs: &[Definition]) -> Vec<Range<usize>> {
    uses_among(doc, short, defs, &Occurrences::of(doc, &[short], defs))
}

/// The short form as it is searched for: `SMEs` is used as `SME` too (and `SME` as `SMEs`, by
/// the plural allowed in [`uses_among`]).
fn stem(short: &str) -> &str {
    let latin = short.bytes().any(|b| b.is_ascii_alphanumeric());
    match short.strip_suffix('s') {
        Some(stem) if latin && stem.ends_with(|c: char| c.is_ascii_uppercase()) => stem,
        _ => short,
    }
}

/// The names that contain a short form (`科技園` in `香港科技園`): where the name is written, the
/// short form inside it is not a use.
fn longs_of<'d>(doc: &'d Document, short: &str, defs: &[Definition]) -> Vec<&'d str> {
    // Each name once: a paper that repeats itself defines the same names again.
    let mut longs: Vec<&str> = defs
        .iter()
        .map(|d| doc.norm_text(&d.long_at))
        .filter(|long| !long.is_empty() && long.contains(short))
        .collect();
    longs.sort_unstable();
    longs.dedup();
    longs
}

/// Where each short form's stem and each name containing a short form occur in the paper, found
/// in one pass for all of them: a paper with hundreds of abbreviations was read once per
/// abbreviation and once per name. Each pattern's occurrences are as `str::match_indices` gives
/// them: left to right, never overlapping one another.
struct Occurrences<'d> {
    patterns: Vec<&'d str>,
    starts: Vec<Vec<usize>>,
}

impl<'d> Occurrences<'d> {
    fn of(doc: &'d Document, shorts: &[&'d str], defs: &[Definition]) -> Self {
        let mut patterns: Vec<&str> = Vec::new();
        for &short in shorts {
            patterns.push(stem(short));
            patterns.extend(longs_of(doc, short, defs));
        }
        patterns.retain(|p| !p.is_empty());
        patterns.sort_unstable();
        patterns.dedup();
        let text = doc.norm.text.as_str();
        // A DFA: the overlapping pass reads the whole paper, and a few hundred patterns make a
        // small one.
        let ac = AhoCorasick::builder().kind(Some(AhoCorasickKind::DFA)).build(&patterns);
        let starts = match ac {
            Ok(ac) => {
                let mut starts = vec![Vec::new(); patterns.len()];
                for m in ac.find_overlapping_iter(text) {
                    let k = m.pattern().as_usize();
                    let list: &mut Vec<usize> = &mut starts[k];
                    if list.last().is_none_or(|&prev| m.start() >= prev + patterns[k].len()) {
                        list.push(m.start());
                    }
                }
                starts
            }
            // Too many patterns for an automaton: one search each.
            Err(_) => patterns.iter().map(|p| text.match_indices(p).map(|(i, _)| i).collect()).collect(),
        };
        Occurrences { patterns, starts }
    }

    fn starts(&self, pattern: &str) -> &[usize] {
        match self.patterns.binary_search(&pattern) {
            Ok(k) => &self.starts[k],
            Err(_) => &[],
        }
    }
}

/// The uses of `short`, from the occurrences found for every short form at once.
fn uses_among(doc: &Document, short: &str, defs: &[Definition], found: &Occurrences) -> Vec<Range<usize>> {
    let text = &doc.norm.text;
    let latin = short.bytes().any(|b| b.is_ascii_alphanumeric());
    let mut masked: Vec<Range<usize>> = defs.iter().map(|d| d.whole.clone()).collect();
    for long in longs_of(doc, short, defs) {
        masked.extend(found.starts(long).iter().map(|&i| i..i + long.len()));
    }
    masked.sort_by_key(|r| r.start);
    let masked = merge(masked);
    // A short form that is the end of its name (`條例` for `《某某條例》`, `科技園` for
    // `香港科技園`) is a head noun: written after another character it names something else
    // (`其他條例`), so it is a use only after a bracket, a quote or a function character.
    let head_noun = !latin && defs.iter().any(|d| d.short == short && doc.norm_text(&d.long_at).ends_with(short));
    let stem = stem(short);
    let names: Vec<&str> = defs.iter().filter(|d| d.short == short).map(|d| doc.norm_text(&d.long_at)).collect();
    let mut out = Vec::new();
    for &i in found.starts(stem) {
        let r = i..i + stem.len();
        let named_else = |c: char| is_han(c) && !HAN_FUNCTION.contains(c) && c != '本';
        if head_noun && text[..i].chars().next_back().is_some_and(named_else) {
            continue;
        }
        // `港企` in `本港企業`, `中小企` in `中小企業`: the characters around run on into the
        // name's own wording, so this is the name written out, not its short form.
        if !latin {
            let (prev, next) = (text[..i].chars().next_back(), text[r.end..].chars().next());
            let (first, last) = (short.chars().next(), short.chars().next_back());
            let in_name = |a: Option<char>, b: Option<char>| match (a, b) {
                (Some(a), Some(b)) if is_han(a) && is_han(b) => {
                    let pair: String = [a, b].iter().collect();
                    names.iter().any(|n| n.contains(&pair))
                }
                _ => false,
            };
            if in_name(last, next) || in_name(prev, first) {
                continue;
            }
        }
        if latin {
            let before = text[..i].chars().next_back();
            let after = &text[r.end..];
            let after = after
                .strip_prefix("'s")
                .or_else(|| after.strip_prefix("’s"))
                .or_else(|| after.strip_prefix('s'))
                .unwrap_or(after);
            if before.is_some_and(|c| c.is_ascii_alphanumeric())
                || after.starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                continue;
            }
        }
        if inside(&masked, r.start) {
            continue;
        }
        out.push(r);
    }
    out
}

const OPEN_QUOTES: &[char] = &['“', '"', '「', '『', '‘', '\''];
const CLOSE_QUOTES: &[char] = &['”', '"', '」', '』', '’', '\''];

impl Abbreviation {
    fn definitions(&self, doc: &Document) -> Vec<Definition> {
        let mut out = Vec::new();
        for b in &doc.blocks {
            let text = doc.norm_text(&b.norm);
            for (i, c) in text.char_indices() {
                let at = b.norm.start + i;
                let found = match c {
                    '(' | '（' => self.bracketed(b.norm.start, text, i),
                    ' ' => or_form(b.norm.start, text, i),
                    _ => None,
                };
                if let Some(d) = found {
                    debug_assert!(d.whole.start <= at);
                    out.push(d);
                }
            }
        }
        out
    }

    /// `NAME(“X”)`, `NAME（以下簡稱「X」）`, `NAME (X)`.
    fn bracketed(&self, base: usize, text: &str, open: usize) -> Option<Definition> {
        let inner_start = open + text[open..].chars().next()?.len_utf8();
        // A short form and its lead-in (`以下簡稱「…」`) fit in a few dozen bytes: the closing
        // bracket is looked for that far only, so a text of opening brackets is read in linear
        // time.
        let window = &text[inner_start..crate::source::floor_char_boundary(text, (inner_start + 96).min(text.len()))];
        let close = window.find([')', '）']).map(|k| inner_start + k)?;
        let inner = &text[inner_start..close];
        let mut s = inner.trim();
        let mut lead = inner.len() - inner.trim_start().len();
        if let Some(p) = self.prefixes.iter().find(|p| s.starts_with(p.as_str())) {
            lead += p.len();
            s = &s[p.len()..];
            let t = s.trim_start();
            lead += s.len() - t.len();
            s = t;
        }
        let quoted = s.starts_with(OPEN_QUOTES) && s.ends_with(CLOSE_QUOTES) && s.chars().count() >= 3;
        if quoted {
            let q = s.chars().next()?.len_utf8();
            lead += q;
            s = &s[q..s.len() - s.chars().next_back()?.len_utf8()];
            let t = s.trim();
            lead += s.len() - s.trim_start().len();
            s = t;
        }
        let short_at = base + inner_start + lead..base + inner_start + lead + s.len();
        let before = text[..open].trim_end();
        // The name ends at the bracket, or is itself quoted just before it: `「預防保險詐騙偵測系統」（偵測系統）`.
        let long_text = match before.chars().next_back() {
            Some(c) if CLOSE_QUOTES.contains(&c) || c == '》' => &before[..before.len() - c.len_utf8()],
            _ => before,
        };
        let long = if is_latin_short(s) {
            latin_name(long_text, s).or_else(|| (quoted && ends_in_han(long_text)).then(|| han_run(long_text)))?
        } else if is_han_short(s) {
            han_name(long_text, s)?
        } else {
            return None;
        };
        // A bare (unquoted) Han short form is a definition only when the name ends as it does.
        if !quoted && is_han_short(s) && long_text[long.clone()].chars().next_back() != s.chars().next_back() {
            return None;
        }
        Some(Definition {
            short: s.to_owned(),
            short_at,
            long_at: base + long.start..base + long.end,
            whole: base + long.start..base + close + text[close..].chars().next()?.len_utf8(),
        })
    }
}

/// `the Future Economy Council, or FEC,`, `the Special Employment Credit or SEC`: `or`, the
/// short form, and a comma, full stop or space; `space` is the space before `or`.
fn or_form(base: usize, text: &str, space: usize) -> Option<Definition> {
    let rest = text[space..].strip_prefix(" or ")?;
    let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '&')).unwrap_or(rest.len());
    let short = &rest[..len];
    let after = rest[len..].chars().next();
    if !is_latin_short(short) || !matches!(after, None | Some(',' | '.' | ';' | ' ' | ')')) {
        return None;
    }
    let name = text[..space].strip_suffix(',').unwrap_or(&text[..space]);
    let long = latin_name(name, short)?;
    let start = space + " or ".len();
    Some(Definition {
        short: short.to_owned(),
        short_at: base + start..base + start + len,
        long_at: base + long.start..base + long.end,
        whole: base + long.start..base + start + len,
    })
}

/// A Latin abbreviation: two capitals or more, at most ten letters, maybe a plural `s`
/// (`HKMA`, `R&D`, `SMEs`, `PwDs`).
fn is_latin_short(s: &str) -> bool {
    let letters = s.chars().filter(char::is_ascii_alphabetic).count();
    let caps = s.chars().filter(char::is_ascii_uppercase).count();
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && caps >= 2
        && letters <= 10
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '&' | '-' | '.'))
}

fn is_han_short(s: &str) -> bool {
    let n = s.chars().count();
    (2..=8).contains(&n) && s.chars().all(is_han)
}

fn ends_in_han(s: &str) -> bool {
    s.chars().next_back().is_some_and(is_han)
}

/// The Han characters at the end of `s`, as a range of `s`.
fn han_run(s: &str) -> Range<usize> {
    let start = s.char_indices().rev().take_while(|&(_, c)| is_han(c)).last().map_or(s.len(), |(i, _)| i);
    start..s.len()
}

/// Characters that open a clause rather than a name: a name starts after them.
const HAN_FUNCTION: &str = "和與及或的在由向為是把將對以其該即並而与为对将该并了從从於于至到等之同";

/// The Chinese name a Han short form abbreviates: the run of Han characters before the bracket
/// (at most 16, function characters in front dropped), which must hold the short form's
/// characters in order and be longer than it.
fn han_name(before: &str, short: &str) -> Option<Range<usize>> {
    let run = han_run(before);
    let mut chars: Vec<(usize, char)> = before[run.clone()].char_indices().map(|(i, c)| (run.start + i, c)).collect();
    if chars.len() > 16 {
        chars.drain(..chars.len() - 16);
    }
    // The unit of a date just before it is not part of the name (`25日領匯…`).
    let after_digit = before[..run.start].ends_with(|c: char| c.is_ascii_digit());
    if after_digit && chars.first().is_some_and(|&(i, c)| i == run.start && "年月日號号時时".contains(c)) {
        chars.remove(0);
    }
    while let Some(&(_, c)) = chars.first() {
        if HAN_FUNCTION.contains(c) && chars.len() > short.chars().count() {
            chars.remove(0);
        } else {
            break;
        }
    }
    let holds = |name: &[(usize, char)]| {
        let mut k = 0;
        for c in short.chars() {
            match name[k..].iter().position(|&(_, n)| n == c) {
                Some(p) => k += p + 1,
                None => return false,
            }
        }
        name.len() > short.chars().count()
    };
    // A clause's particle inside the run ends what comes before it: `不同的中小型企業` names
    // `中小型企業`, as long as the rest still holds the short form.
    if let Some(p) = chars.iter().rposition(|&(_, c)| NAME_BREAKS.contains(c))
        && holds(&chars[p + 1..])
    {
        chars.drain(..=p);
    }
    let start = chars.first().map_or(before.len(), |&(i, _)| i);
    holds(&chars).then_some(start..before.len())
}

/// Particles that end a clause and so cannot stand inside a name.
const NAME_BREAKS: &str = "的了是在把將将對对向從从於于為为";

/// The English name a Latin abbreviation stands for, found the way Schwartz and Hearst do:
/// the abbreviation's letters matched from the end, right to left, in the words before it,
/// its first letter at the start of a word; at most `min(n + 5, 2n)` words back.
fn latin_name(before: &str, short: &str) -> Option<Range<usize>> {
    let before = before.trim_end();
    let letters: Vec<char> = {
        let mut l: Vec<char> = short.chars().filter(char::is_ascii_alphanumeric).collect();
        // A plural `s` after the capitals is not a letter of the name.
        if l.len() > 2 && l.last() == Some(&'s') && l[l.len() - 2].is_ascii_uppercase() {
            l.pop();
        }
        l.into_iter().map(|c| c.to_ascii_lowercase()).collect()
    };
    let n = letters.len();
    let max_words = (n + 5).min(2 * n);
    // The words before, back to anything that is not a Latin word, space or `&`/`-`/`,`, but no
    // further than one word more than the name may take: the region then starts just after a
    // space or hyphen, so it holds the same last words, at the same word starts.
    let mut start = 0;
    let (mut words_seen, mut in_word) = (0, false);
    for (i, c) in before.char_indices().rev() {
        if !(c.is_ascii_alphanumeric() || matches!(c, ' ' | '&' | '-' | '\'' | '’')) {
            start = i + c.len_utf8();
            break;
        }
        if matches!(c, ' ' | '-') {
            if in_word {
                words_seen += 1;
                if words_seen > max_words {
                    start = i + 1;
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    let region = &before[start..];
    let words: Vec<(usize, &str)> = {
        let mut v = Vec::new();
        let mut i = 0;
        for w in region.split([' ', '-']) {
            if !w.is_empty() {
                v.push((i, w));
            }
            i += w.len() + 1;
        }
        v
    };
    if words.is_empty() {
        return None;
    }
    let first_word = words.len().saturating_sub(max_words);
    let chars: Vec<(usize, char)> = region.char_indices().filter(|&(i, _)| i >= words[first_word].0).collect();
    // Match right to left.
    let mut pos = chars.len();
    for (k, &l) in letters.iter().enumerate().rev() {
        loop {
            pos = pos.checked_sub(1)?;
            let (i, c) = chars[pos];
            if c.to_ascii_lowercase() != l {
                continue;
            }
            let word_start = i == 0 || region[..i].ends_with([' ', '-']);
            if k == 0 && !word_start {
                continue;
            }
            break;
        }
    }
    let long_start = chars[pos].0;
    // The name starts with a capital, or is an ordinary phrase (`gross domestic product`).
    let long = &region[long_start..];
    if long.split(' ').count() < 2 && long.len() <= short.len() {
        return None;
    }
    Some(start + long_start..start + region.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name<'a>(before: &'a str, short: &str) -> Option<&'a str> {
        latin_name(before, short).map(|r| &before[r])
    }

    #[test]
    fn english_names_are_matched_from_the_end() {
        assert_eq!(
            name("supervised by the Hong Kong Monetary Authority", "HKMA"),
            Some("Hong Kong Monetary Authority")
        );
        assert_eq!(name("we expect higher gross domestic product", "GDP"), Some("gross domestic product"));
        assert_eq!(name("the Monetary Authority of Singapore", "MAS"), Some("Monetary Authority of Singapore"));
        assert_eq!(name("support for Small and Medium Enterprises", "SMEs"), Some("Small and Medium Enterprises"));
        assert_eq!(name("the Research and Development", "R&D"), Some("Research and Development"));
        assert_eq!(name("an unrelated phrase", "HKMA"), None);
    }

    /// (short form, name) of every definition in `text`.
    fn defs(text: &str) -> Vec<(String, String)> {
        let src = crate::source::Source::from_text("t.txt", text);
        let doc = crate::parse::parse(&src, &Default::default());
        let rule = Abbreviation {
            prefixes: vec!["以下簡稱".into(), "hereinafter".into()],
            max_unused_share: crate::quantity::int(0),
            min_used: 0,
            common_words: vec![],
        };
        rule.definitions(&doc).iter().map(|d| (d.short.clone(), doc.norm_text(&d.long_at).to_owned())).collect()
    }

    #[test]
    fn definitions_in_every_form() {
        let own = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(defs("1. 香 港 金 融 管 理 局 ( “金 管 局 ” )推出。\n"), [own("金管局", "香港金融管理局")]);
        assert_eq!(
            defs("1. 證券及期貨事務監察委員會（以下簡稱「證監會」）亦設立沙盒。\n"),
            [own("證監會", "證券及期貨事務監察委員會")]
        );
        assert_eq!(
            defs("1. 「預防保險詐騙偵測系統」（偵測系統）及其他。\n"),
            [own("偵測系統", "預防保險詐騙偵測系統")]
        );
        assert_eq!(
            defs("1. The Hong Kong Monetary Authority (\"HKMA\") and the Future Economy Council, or FEC, met.\n"),
            [own("HKMA", "Hong Kong Monetary Authority"), own("FEC", "Future Economy Council")]
        );
        // Aliases that are not made from the name, and defined terms, are not abbreviations.
        assert!(defs("1. 利用「填表易」（“e-ME”）填寫，及襲擊事件(\"721事件\")。\n").is_empty());
        assert!(defs("1. The Banking Ordinance (the \"Ordinance\") and Singapore or US firms.\n").is_empty());
    }

    #[test]
    fn occurrences_found_together_are_what_each_search_finds_alone() {
        // Patterns inside one another and patterns overlapping themselves: each pattern's list
        // must be exactly str::match_indices's.
        let text = "AAAA HKMA HK HKSAR 條例條例 SMEs SME";
        let src = crate::source::Source::from_text("t.txt", text);
        let doc = crate::parse::parse(&src, &Default::default());
        let shorts = ["AA", "HK", "HKMA", "條例", "SMEs"];
        let found = Occurrences::of(&doc, &shorts, &[]);
        for short in shorts {
            let alone: Vec<usize> = doc.norm.text.match_indices(stem(short)).map(|(i, _)| i).collect();
            assert_eq!(found.starts(stem(short)), alone.as_slice(), "{short}");
        }
        assert_eq!(found.starts("AA").len(), 2);
        assert_eq!(stem("SMEs"), "SME");
    }

    #[test]
    fn unfinished_brackets_and_quotes_are_not_definitions() {
        for t in ["(", "（“金”）", "金（", "A (", "(“”) (\"\") 香港(\"香\")", " or AB", "abc, or", "x (\"HKMA\" and"]
        {
            assert!(defs(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn a_head_noun_after_another_word_names_something_else() {
        let src = crate::source::Source::from_text(
            "t.txt",
            "1. 其他條例亦有規定。\n\n2. 《支付系統及儲值支付工具條例》(“條例”)規定，本條例適用於持牌銀行。\n",
        );
        let doc = crate::parse::parse(&src, &Default::default());
        let rule = Abbreviation {
            prefixes: vec![],
            max_unused_share: crate::quantity::int(0),
            min_used: 0,
            common_words: vec![],
        };
        let defs = rule.definitions(&doc);
        assert_eq!(uses(&doc, "條例", &defs).len(), 1);
        let found: Vec<&str> = uses(&doc, "條例", &defs).into_iter().map(|r| &doc.norm.text[r]).collect();
        // 其他條例 is not a use; 本條例 is.
        assert_eq!(found, ["條例"]);
        let before = uses(&doc, "條例", &defs).iter().filter(|u| u.start < defs[0].whole.start).count();
        assert_eq!(before, 0);
    }

    #[test]
    fn a_use_with_its_expansion_in_brackets_is_explained() {
        let src = crate::source::Source::from_text(
            "t.txt",
            "1. 市民可透過強積金 (強制性公積金)儲蓄，而 MPF (Mandatory Provident Fund) 亦然。\n\n\
             2. 強制性公積金 (“強積金 ”)計劃及 Mandatory Provident Fund (MPF) 都是。強積金、MPF。\n",
        );
        let doc = crate::parse::parse(&src, &Default::default());
        let at = |s: &str| doc.norm.text.find(s).unwrap();
        assert!(explained(&doc, "強積金", &(at("強積金")..at("強積金") + "強積金".len())));
        assert!(explained(&doc, "MPF", &(at("MPF")..at("MPF") + 3)));
        let later = doc.norm.text.rfind("強積金").unwrap();
        assert!(!explained(&doc, "強積金", &(later..later + "強積金".len())));
    }

    #[test]
    fn chinese_names_hold_the_short_form_in_order() {
        let n = |before: &'static str, short: &str| han_name(before, short).map(|r| &before[r]);
        assert_eq!(n("。香港金融管理局", "金管局"), Some("香港金融管理局"));
        assert_eq!(n(")和保險業監管局", "保監局"), Some("保險業監管局"));
        assert_eq!(n("分布在數碼港、香港科技園", "科技園"), Some("香港科技園"));
        assert_eq!(n("元朗站發生的襲擊事件", "721事件"), None);
        assert_eq!(n("多次諮詢不同的中小型企業", "中小企"), Some("中小型企業"));
        assert_eq!(n("2005年11月25日領匯房地產投資信託基金", "領匯"), Some("領匯房地產投資信託基金"));
        assert_eq!(n("預算案提到會為香港企業", "港企"), Some("香港企業"));
        assert_eq!(n("填表易", "電子"), None);
    }
}
