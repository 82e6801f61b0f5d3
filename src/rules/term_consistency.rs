use std::collections::BTreeMap;

// Hash maps keyed by every Latin word run of a paper: foldhash, not SipHash, whose DoS
// resistance a linter reading its user's own file does not need.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::ops::Range;

use crate::claims::Claims;
use crate::claims::terms::{
    find_terms, find_terms_each, han_neighbours, has_inner_capital, inside, latin_words, merge, quoted,
};
use crate::diagnostic::{Applicability, Finding, Fix, Label};
use crate::document::Document;
use crate::parse::chars::CharSet;
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, required, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a term written two ways in one paper: variant characters (`防衛`/`防衞`,
    /// `啟用`/`啓用`), variant words (`持份者`/`持分者`), the spacing, hyphenation or case of a
    /// Latin name (`Fintech@Gloucester`/`Fintech @Gloucester`, `FinTech`/`Fintech`), and any
    /// form the configuration says not to use. The form used less often is reported, with a
    /// label on the first use of the other.
    ///
    /// ## Why is this bad?
    /// Two drafters, two spellings: the reader cannot tell whether `持分者` and `持份者` are the
    /// same people, and a search for one misses the other. It is also the mark of a paper
    /// assembled from pieces nobody read together.
    ///
    /// ## Example
    /// ```text
    /// 讓金融科技持份者聯繫交流 …… 與所有相關持分者合作      (持份者 3 times, 持分者 twice)
    /// 「網絡防衛計劃」…… 「網絡防衞評估框架」                (防衛 3 times, 防衞 once)
    /// “Fintech@Gloucester” …… 「Fintech @Gloucester」
    /// ```
    ///
    /// Terms are compared on the repaired text, so `持 分 ⏎者` is `持分者`. A variant character
    /// counts as one term with the Han character beside it (`防衛` against `防衞`), so `業羣`
    /// and `社群` are two different words. When both forms are used equally often, the one used
    /// first is taken as the paper's.
    ///
    /// ## What it does not check
    /// Simplified against Traditional characters: they are two scripts, not two spellings, and
    /// the variant tables hold neither such pair. Titles of publications and laws (`《…》`) and
    /// quoted passages may spell a term their own way and are skipped, and so may the proper
    /// names listed in `names` (`衞生署` is the department's name in a paper that writes
    /// `公共衛生`).
    ///
    /// Latin spacing is compared only where one form is a coined name (an `@`, or a capital
    /// inside a word): `health care`/`healthcare` and `set up`/`setup` are left alone. A hyphen
    /// against none in one ordinary word (`semi-conductor`/`semiconductor`) is compared where
    /// both are written in lower case, since a capital makes a proper name (`Startup SG`,
    /// `Organisation for Economic Co-operation`); `re-cover` and `recover` are two words. An
    /// acronym against an ordinary word (`US`/`us`), sentence case and title case are not
    /// spellings.
    ///
    /// In a compilation (a council sitting's record) each speech, question and reply is its
    /// own paper, written by its own drafter: a term is compared within one part only.
    ///
    /// A term broken across two blocks of the text (a page break the parser could not join) is
    /// not seen. Synonyms (`網絡`/`網路`) are not variants.
    ///
    /// ## Options
    /// - `variant-characters`: sets of characters that are one character written differently
    ///   (`["衛", "衞"]`).
    /// - `variant-words`: sets of words that are one word written differently
    ///   (`["持份者", "持分者"]`).
    /// - `latin`: compare the spacing and case of Latin names (default true).
    /// - `hyphen-prefixes`: prefixes joined with a hyphen (`semi-conductor`); a hyphen inside a
    ///   word whose pieces are neither these nor words the paper writes alone (`de-veloping`) is
    ///   taken as the typesetter's, not as a second spelling.
    /// - `names`: proper names that keep their own spelling (`衞生署`, `滙豐`); a term inside one
    ///   is not compared.
    /// - `prefer`: the house style, a map from the form to use to the forms not to use
    ///   (`[term-consistency.prefer] "持份者" = ["持分者"]`); every use of a form not to use is
    ///   reported, however often the paper uses it.
    pub struct TermConsistency {
        /// Each variant character with the index of its set.
        chars: HashMap<char, usize>,
        /// The same characters, for a quick test of every character of a paper.
        char_set: CharSet,
        words: Vec<Vec<String>>,
        latin: bool,
        hyphen_prefixes: Vec<String>,
        prefer: Vec<(String, Vec<String>)>,
        names: Vec<String>,
    }
}

rule_config! {
    pub struct Config {
        pub variant_characters: Option<Vec<Vec<String>>>,
        pub variant_words: Option<Vec<Vec<String>>>,
        pub latin: Option<bool>,
        pub hyphen_prefixes: Option<Vec<String>>,
        pub prefer: Option<BTreeMap<String, Vec<String>>>,
        pub names: Option<Vec<String>>,
    }
}

impl RuleDef for TermConsistency {
    type Config = Config;
    const GROUP: Group = Group::Wording;
    const FIX: Option<Applicability> = Some(Applicability::Safe);
    fn build(c: &Config) -> Result<Self, String> {
        let mut chars = HashMap::new();
        for (class, set) in required(&c.variant_characters, "variant-characters")?.into_iter().enumerate() {
            for s in &set {
                let mut it = s.chars();
                let (Some(ch), None) = (it.next(), it.next()) else {
                    return Err(format!("`variant-characters`: `{s}` is not one character"));
                };
                if chars.insert(ch, class).is_some() {
                    return Err(format!("`variant-characters`: `{s}` is in two sets"));
                }
            }
            if set.len() < 2 {
                return Err(format!("`variant-characters`: {set:?} needs two characters or more"));
            }
        }
        let words = required(&c.variant_words, "variant-words")?;
        if let Some(w) = words.iter().find(|w| w.len() < 2 || w.iter().any(String::is_empty)) {
            return Err(format!("`variant-words`: {w:?} needs two words or more"));
        }
        let prefer: Vec<(String, Vec<String>)> = c.prefer.clone().unwrap_or_default().into_iter().collect();
        if let Some((p, _)) =
            prefer.iter().find(|(p, avoid)| p.is_empty() || avoid.iter().any(|a| a.is_empty() || a == p))
        {
            return Err(format!("`prefer`: `{p}` needs forms to avoid other than itself"));
        }
        Ok(TermConsistency {
            char_set: CharSet::new(chars.keys().copied()),
            chars,
            words,
            latin: required(&c.latin, "latin")?,
            hyphen_prefixes: required(&c.hyphen_prefixes, "hyphen-prefixes")?,
            prefer,
            names: required(&c.names, "names")?,
        })
    }
}

/// One use of one form of a term.
#[derive(Debug, Clone)]
struct Use {
    norm: Range<usize>,
    form: String,
    /// What makes two uses the same occurrence: a variant character is found twice, with the
    /// character before it and with the one after.
    anchor: Range<usize>,
}

/// The uses of one term, in order of position, whatever their spelling.
#[derive(Debug)]
struct Term {
    uses: Vec<Use>,
}

impl Term {
    /// Each form with its count and first use, the paper's own form (most used, then first
    /// used) first.
    fn forms(&self) -> Vec<(&str, usize, &Use)> {
        let mut forms: Vec<(&str, usize, &Use)> = Vec::new();
        for u in &self.uses {
            match forms.iter_mut().find(|f| f.0 == u.form) {
                Some(f) => f.1 += 1,
                None => forms.push((&u.form, 1, u)),
            }
        }
        forms.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.norm.start.cmp(&b.2.norm.start)));
        forms
    }
}

impl Rule for TermConsistency {
    fn check(&self, doc: &Document, _claims: &Claims, cx: &mut Context) {
        // Quotations, titles and proper names may spell a term their own way.
        let mut skip = quoted(doc);
        // The names and the variant words, found in one pass over the paper.
        let all: Vec<String> = self.words.iter().flatten().cloned().collect();
        let [names, words] = find_terms_each(&doc.norm.text, [&self.names, &all]);
        skip.extend(names.into_iter().map(|(r, _)| r));
        skip.sort_by_key(|r| r.start);
        let skip = merge(skip);
        let mut reported: HashSet<Range<usize>> = HashSet::new();
        // Forms the configuration rules on are decided by it, not by counting.
        let configured: HashSet<&str> = self
            .prefer
            .iter()
            .flat_map(|(p, a)| std::iter::once(p.as_str()).chain(a.iter().map(String::as_str)))
            .collect();
        for (preferred, avoid) in &self.prefer {
            self.preferred(doc, &skip, preferred, avoid, &mut reported, cx);
        }
        let mut terms = self.variant_words(&skip, &configured, &all, words);
        terms.extend(self.variant_chars(doc, &skip, &configured));
        if self.latin {
            terms.extend(
                latin_terms(doc, &skip, &self.hyphen_prefixes)
                    .into_iter()
                    .filter(|t| !t.uses.iter().any(|u| configured.contains(doc.norm_text(&u.norm)))),
            );
        }
        // Each part of a compilation is its own paper: one speaker's `路綫` is not another's
        // slip for `路線`.
        if doc.is_compilation() {
            terms = terms.into_iter().flat_map(|t| by_scope(doc, t)).collect();
        }
        terms.sort_by_key(|t| t.uses.first().map_or(0, |u| u.norm.start));
        for t in &terms {
            report(doc, t, &mut reported, cx);
        }
    }
}

impl TermConsistency {
    fn preferred(
        &self,
        doc: &Document,
        skip: &[Range<usize>],
        preferred: &str,
        avoid: &[String],
        reported: &mut HashSet<Range<usize>>,
        cx: &mut Context,
    ) {
        let mut terms = vec![preferred.to_owned()];
        terms.extend(avoid.iter().cloned());
        let hits: Vec<(Range<usize>, usize)> =
            find_terms(&doc.norm.text, &terms).into_iter().filter(|(r, _)| !inside(skip, r.start)).collect();
        let first_preferred = hits.iter().find(|(_, k)| *k == 0).map(|(r, _)| r.clone());
        for (r, k) in hits.iter().filter(|(_, k)| *k > 0) {
            reported.insert(r.clone());
            let form = &terms[*k];
            let at = doc.span(r.clone());
            let mut f = Finding::new(
                format!("`{form}` where the house style writes `{preferred}`"),
                Label::new(at, format!("write `{preferred}`")),
            )
            .help(format!(
                "policy-lint.toml prefers `{preferred}` to {}",
                avoid.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
            ));
            if let Some(p) = &first_preferred {
                f = f.label(Label::new(doc.span(p.clone()), format!("`{preferred}` used here")));
            }
            // Only a form the file writes exactly as configured is replaced: `持 分 ⏎者` from a
            // PDF would lose its line break, so it is left for a person.
            if doc.original(at) == form.as_str() {
                f = f.fix(Fix::replace(Applicability::Safe, at, preferred));
            }
            cx.report(f);
        }
    }

    /// The variant words' uses, from where the words of every set (`all`, in order) were found.
    fn variant_words(
        &self,
        skip: &[Range<usize>],
        configured: &HashSet<&str>,
        all: &[String],
        found: Vec<(Range<usize>, usize)>,
    ) -> Vec<Term> {
        let class_of: Vec<usize> = self.words.iter().enumerate().flat_map(|(i, w)| w.iter().map(move |_| i)).collect();
        let mut terms: Vec<Term> = self.words.iter().map(|_| Term { uses: Vec::new() }).collect();
        for (r, k) in found {
            if inside(skip, r.start) || configured.contains(all[k].as_str()) {
                continue;
            }
            terms[class_of[k]].uses.push(Use { anchor: r.clone(), norm: r, form: all[k].clone() });
        }
        terms
    }

    /// A variant character is compared as a two-character term with the Han character on
    /// either side: `防衞` (in `防衞評估`) against `防衛` (in `防衛計劃`).
    fn variant_chars(&self, doc: &Document, skip: &[Range<usize>], configured: &HashSet<&str>) -> Vec<Term> {
        #[derive(PartialEq, Eq, Hash)]
        enum Key {
            Left(char, usize),
            Right(usize, char),
        }
        let mut by_key: HashMap<Key, Term> = HashMap::new();
        for (i, c) in self.char_set.find_in(&doc.norm.text) {
            let Some(&class) = self.chars.get(&c) else { continue };
            let r = i..i + c.len_utf8();
            if inside(skip, i) {
                continue;
            }
            let (before, after) = han_neighbours(doc, &r);
            if let Some(b) = before {
                let form = format!("{b}{c}");
                let norm = i - b.len_utf8()..r.end;
                if !configured.contains(form.as_str()) {
                    by_key.entry(Key::Left(b, class)).or_insert(Term { uses: Vec::new() }).uses.push(Use {
                        norm,
                        form,
                        anchor: r.clone(),
                    });
                }
            }
            if let Some(a) = after {
                let form = format!("{c}{a}");
                let norm = i..r.end + a.len_utf8();
                if !configured.contains(form.as_str()) {
                    by_key.entry(Key::Right(class, a)).or_insert(Term { uses: Vec::new() }).uses.push(Use {
                        norm,
                        form,
                        anchor: r.clone(),
                    });
                }
            }
        }
        by_key.into_values().collect()
    }
}

/// One run of one to three Latin words (see [`latin_runs`]).
struct Run<'d> {
    surface: &'d str,
    norm: Range<usize>,
    /// How many words it has.
    words: usize,
    /// Is it [`name_like`]? Known only to a pass that asked for names.
    name: bool,
}

/// Every run of one to three Latin words joined by single spaces, outside `skip`, with its key
/// (its letters alone, lower-cased), its surface and its normalised range.
///
/// `want(words, name_like)` is asked first, with the number of words and (when `names`) whether
/// the run is [`name_like`]; a run it turns away costs no key. A pass of a long paper wants few
/// of its runs.
/// The length and first byte of the keys a pass looks for: a run whose key could be none of
/// them is turned away before its key is built.
struct KeyFilter {
    /// Bit `n` for a key of `n` bytes (127 for any longer).
    lens: u128,
    firsts: [bool; 256],
}

impl KeyFilter {
    fn new<'k>(keys: impl IntoIterator<Item = &'k str>) -> Self {
        let mut f = KeyFilter { lens: 0, firsts: [false; 256] };
        for k in keys {
            f.lens |= 1 << k.len().min(127);
            if let Some(&b) = k.as_bytes().first() {
                f.firsts[usize::from(b)] = true;
            }
        }
        f
    }
    /// Could a run whose key has `len` bytes and starts with `first` be one of the keys?
    fn may_hold(&self, len: usize, first: u8) -> bool {
        self.lens >> len.min(127) & 1 == 1 && self.firsts[usize::from(first)]
    }
}

fn latin_runs<'d>(
    doc: &'d Document,
    skip: &[Range<usize>],
    names: bool,
    keys: Option<&KeyFilter>,
    want: impl Fn(usize, bool) -> bool,
    mut each: impl FnMut(&str, Run<'d>),
) {
    let bytes = doc.norm.text.as_bytes();
    // Latin words are ASCII (see `latin_words`), so a run's key is built byte by byte.
    let mut key = String::new();
    // Whether each word of the block makes a run holding it name-like (see `name_like`: the
    // test is word by word, and the `'s` a run's surface sheds changes no word's answer).
    let mut coined: Vec<bool> = Vec::new();
    for b in &doc.blocks {
        let text = doc.norm_text(&b.norm);
        let words = latin_words(text, b.norm.start);
        if names {
            coined.clear();
            coined.extend(words.iter().map(|w| {
                let s = doc.norm_text(w);
                s.contains(['@', '#']) || is_coined(s)
            }));
        }
        for i in 0..words.len() {
            // The three runs from this word start at the same place: skipped text is tested once.
            if inside(skip, words[i].start) {
                continue;
            }
            let mut name = false;
            // The key's length so far, without the words' hyphens (see the key below).
            let mut key_len = 0;
            for n in 1..=3 {
                let Some(last) = words.get(i + n - 1) else { break };
                // Words joined by one space each, nothing else between them.
                if n > 1 {
                    let prev = &words[i + n - 2];
                    if !(last.start == prev.end + 1 && bytes.get(prev.end) == Some(&b' ')) {
                        break;
                    }
                }
                name |= names && coined[i + n - 1];
                let word = doc.norm_text(last).as_bytes();
                if keys.is_some() {
                    key_len += word.iter().filter(|&&c| c != b'-').count();
                }
                if !want(n, name) {
                    continue;
                }
                if let Some(keys) = keys {
                    // The key is the run's bytes without spaces and hyphens, its `'s` shed.
                    let len = key_len - if word.ends_with(b"'s") { 2 } else { 0 };
                    if !keys.may_hold(len, bytes[words[i].start].to_ascii_lowercase()) {
                        continue;
                    }
                }
                let surface = doc.norm_text(&(words[i].start..last.end));
                let surface = surface.strip_suffix("'s").unwrap_or(surface);
                key.clear();
                let (mut letters, mut hyphen) = (0, false);
                for &c in surface.as_bytes() {
                    match c {
                        b' ' => {}
                        b'-' => hyphen = true,
                        _ => {
                            letters += usize::from(c.is_ascii_alphabetic());
                            key.push(char::from(c.to_ascii_lowercase()));
                        }
                    }
                }
                if letters < 3 {
                    continue;
                }
                let norm = words[i].start..words[i].start + surface.len();
                // A hyphen at the end of a line may be the typesetter's, not the writer's.
                if hyphen && doc.original(doc.span(norm.clone())).contains(['\n', '\r']) {
                    continue;
                }
                each(&key, Run { surface, norm, words: n, name });
            }
        }
    }
}

/// The uses of a term split by the scope of the compilation they are in.
fn by_scope(doc: &Document, t: Term) -> Vec<Term> {
    let mut out: Vec<(usize, Term)> = Vec::new();
    for u in t.uses {
        let s = doc.scope_at(u.norm.start);
        match out.iter_mut().find(|(k, _)| *k == s) {
            Some((_, t)) => t.uses.push(u),
            None => out.push((s, Term { uses: vec![u] })),
        }
    }
    out.into_iter().map(|(_, t)| t).collect()
}

/// Latin names written with different spacing, hyphenation or case: every run of up to three
/// words joined by single spaces, keyed by its letters alone.
///
/// Read in two passes: first the forms each key is written in, then the uses of the keys whose
/// forms conflict, so a long paper never holds a use of every word it contains.
fn latin_terms(doc: &Document, skip: &[Range<usize>], prefixes: &[String]) -> Vec<Term> {
    // A form of two or three words conflicts with another only where one of the key's forms is
    // a coined name (see `latin_conflict`): such runs are collected only under the keys written
    // somewhere as a coined name, which spares a lookup for most runs of a long paper.
    let mut named: HashSet<String> = HashSet::new();
    let mut forms_of: HashMap<String, Vec<&str>> = HashMap::new();
    fn add_form<'d>(forms_of: &mut HashMap<String, Vec<&'d str>>, key: &str, surface: &'d str) {
        match forms_of.get_mut(key) {
            Some(forms) => {
                if !forms.contains(&surface) {
                    forms.push(surface);
                }
            }
            None => {
                forms_of.insert(key.to_owned(), vec![surface]);
            }
        }
    }
    // One word: every run. Two or three: those that are a coined name, and then (once every
    // coined key is known) the other runs under those keys.
    latin_runs(
        doc,
        skip,
        true,
        None,
        |n, name| n == 1 || name,
        |key, run| {
            if run.name && !named.contains(key) {
                named.insert(key.to_owned());
            }
            if run.words == 1 || named.contains(key) {
                add_form(&mut forms_of, key, run.surface);
            }
        },
    );
    if !named.is_empty() {
        let filter = KeyFilter::new(named.iter().map(String::as_str));
        latin_runs(
            doc,
            skip,
            false,
            Some(&filter),
            |n, _| n > 1,
            |key, run| {
                if named.contains(key) {
                    add_form(&mut forms_of, key, run.surface);
                }
            },
        );
    }
    // The words a hyphen test may ask about: those of the forms that could conflict.
    let mut words = Words { text: &doc.norm.text, asked: HashSet::new(), found: None, prefixes };
    for f in forms_of.values().filter(|forms| forms.len() > 1).flatten() {
        if let Some((a, b)) = hyphen_pieces(f, prefixes) {
            words.ask(a);
            words.ask(b);
        }
    }
    // Each key whose forms conflict, with the forms to keep.
    let mut kept: BTreeMap<String, (Vec<&str>, Vec<Use>)> = BTreeMap::new();
    for (key, mut forms) in forms_of {
        // Ordinary words (no coined name among the forms) are compared as written in lower
        // case: a capital mid-sentence makes a proper name (`Startup SG`, `Organisation for
        // Economic Co-operation`), and a capital at a sentence start is ambiguous.
        if !forms.iter().any(|f| name_like(f)) {
            forms.retain(|f| f.starts_with(|c: char| !c.is_ascii_uppercase()));
        }
        forms.sort_unstable();
        if forms.len() < 2 {
            continue;
        }
        // Keep the forms that conflict with another; sentence case is not a second form. A
        // hyphen that splits a word into two pieces the paper never writes alone (`de-veloping`)
        // is the typesetter's, left in the text by extraction: not a second spelling.
        forms.retain(|f| !typeset_break(f, &mut words));
        let keep: Vec<&str> =
            forms.iter().copied().filter(|a| forms.iter().any(|b| a != b && latin_conflict(a, b))).collect();
        if keep.len() < 2 {
            continue;
        }
        // `ex-NSmen and` / `ex-NS men and`: runs that share a first or last word differ where a
        // shorter run does, which is the term reported.
        let edge =
            |f: &str, last: bool| if last { f.rsplit(' ').next() } else { f.split(' ').next() }.map(str::to_owned);
        let shared = |last: bool| keep.iter().all(|f| f.contains(' ') && edge(f, last) == edge(keep[0], last));
        if shared(true) || shared(false) {
            continue;
        }
        kept.insert(key, (keep, Vec::new()));
    }
    if kept.is_empty() {
        return Vec::new();
    }
    // The uses of the kept keys, each key's in the order of the map.
    let (keys, mut kept): (Vec<String>, Vec<_>) = kept.into_iter().unzip();
    let index: HashMap<&str, usize> = keys.iter().enumerate().map(|(k, key)| (key.as_str(), k)).collect();
    let filter = KeyFilter::new(keys.iter().map(String::as_str));
    latin_runs(
        doc,
        skip,
        false,
        Some(&filter),
        |_, _| true,
        |key, run| {
            if let Some(&k) = index.get(key) {
                let (keep, uses) = &mut kept[k];
                if keep.contains(&run.surface) {
                    uses.push(Use { anchor: run.norm.clone(), norm: run.norm, form: sentence_fold(run.surface) });
                }
            }
        },
    );
    kept.into_iter().map(|(_, uses)| Term { uses }).collect()
}

/// Which of the words a hyphen test may ask about the paper writes (hyphenated words whole,
/// ignoring case): the questions are gathered first, then answered by one reading of the text,
/// which keeps none of its other words.
struct Words<'d> {
    text: &'d str,
    /// The words that may be asked about, lower-cased.
    asked: HashSet<String>,
    found: Option<HashSet<String>>,
    prefixes: &'d [String],
}

impl Words<'_> {
    /// Note that `word` may be asked about.
    fn ask(&mut self, word: &str) {
        self.found = None;
        self.asked.insert(word.to_ascii_lowercase());
    }

    fn contains(&mut self, word: &str) -> bool {
        let (text, asked) = (self.text, &self.asked);
        let found = self.found.get_or_insert_with(|| {
            let mut found = HashSet::new();
            let mut lower = String::new();
            let longest = asked.iter().map(String::len).max().unwrap_or(0);
            // Hyphenated words stay whole: `de-veloping` is not a use of `de`. Runs of ASCII
            // letters and hyphens are found byte by byte (every other byte ends one).
            let b = text.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if !(b[i].is_ascii_alphabetic() || b[i] == b'-') {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] == b'-') {
                    i += 1;
                }
                for w in text[start..i].split("--").map(|w| w.trim_matches('-')) {
                    if w.is_empty() || w.len() > longest {
                        continue;
                    }
                    lower.clear();
                    lower.push_str(w);
                    lower.make_ascii_lowercase();
                    if asked.contains(lower.as_str()) && !found.contains(lower.as_str()) {
                        found.insert(lower.clone());
                    }
                }
            }
            found
        });
        let lower = word.to_ascii_lowercase();
        debug_assert!(self.asked.contains(&lower), "`{word}` was not asked about");
        found.contains(&lower)
    }
}

/// The two pieces of a form that is one word broken by a hyphen (`de-veloping`), when the
/// pieces would decide whether the hyphen is the typesetter's (see [`typeset_break`]).
fn hyphen_pieces<'f>(form: &'f str, prefixes: &[String]) -> Option<(&'f str, &'f str)> {
    let (a, b) = form.split_once('-')?;
    let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase());
    let prefix = prefixes.iter().any(|p| p == a);
    (!form.contains(' ') && plain(a) && plain(b) && !b.contains('-') && !prefix).then_some((a, b))
}

/// Is `form` one word broken by a hyphen into pieces the paper never writes as words
/// (`de-veloping`)? `pre-school` (`school`), `five-fold` (`five`) and `semi-conductor` (a
/// prefix) are real hyphenations.
fn typeset_break(form: &str, words: &mut Words) -> bool {
    hyphen_pieces(form, words.prefixes).is_some_and(|(a, b)| !words.contains(a) && !words.contains(b))
}

/// The form with a capital that only starts a sentence taken off (`Fintech` → `fintech`), so
/// sentence case is not counted as another spelling.
fn sentence_fold(s: &str) -> String {
    let first_word: String = s.chars().take_while(char::is_ascii_alphabetic).collect();
    let rest_lower = first_word.chars().skip(1).all(|c| !c.is_ascii_uppercase());
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if rest_lower && c.is_ascii_uppercase() => c.to_ascii_lowercase().to_string() + chars.as_str(),
        _ => s.to_owned(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// `fintech`, `Fintech`: lower case, or sentence case.
    Plain,
    /// `HKMA`, `COVID-19`.
    Upper,
    /// `FinTech`, `eCheck`: a capital inside a word.
    Mixed,
}

fn case_of(s: &str) -> Case {
    let letters: Vec<char> = s.chars().filter(char::is_ascii_alphabetic).collect();
    if letters.len() > 1 && letters.iter().all(char::is_ascii_uppercase) {
        Case::Upper
    } else if is_coined(s) {
        Case::Mixed
    } else {
        Case::Plain
    }
}

/// Are two surfaces with the same letters two spellings of one term?
fn latin_conflict(a: &str, b: &str) -> bool {
    if sentence_fold(a) == sentence_fold(b) {
        return false;
    }
    let squeeze = |s: &str| {
        let mut out: String = s.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if let Some(c) = out.get_mut(0..1) {
            c.make_ascii_lowercase();
        }
        out
    };
    if squeeze(a) == squeeze(b) {
        if a.contains(' ') || b.contains(' ') {
            // `Fintech @Gloucester` against `Fintech@Gloucester`; but `set up` against `setup`
            // is a verb against a noun, so ordinary words are left alone.
            return name_like(a) || name_like(b);
        }
        // A hyphen against none in one word: `semi-conductor`, `semiconductor`. `re-cover`
        // and `recover` are two words.
        let re = |s: &str| s.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("re-"));
        return !re(a) && !re(b);
    }
    // Different case: compared within one word only (title case in a phrase is a style).
    if a.contains(' ') || b.contains(' ') {
        return false;
    }
    let digits = a.chars().any(|c| c.is_ascii_digit());
    match (case_of(a), case_of(b)) {
        (Case::Plain, Case::Plain) => false,
        // An acronym against an ordinary word (`US`/`us`), unless a number makes it a name.
        (Case::Upper, Case::Plain) | (Case::Plain, Case::Upper) => digits,
        _ => true,
    }
}

/// Is a Latin surface a coined name, whose spacing is part of it?
fn name_like(s: &str) -> bool {
    s.contains('@') || s.contains('#') || s.split(' ').any(is_coined)
}

/// A coined name: a capital inside the word (`FintechHK`, `eCheck`), or capitals run into a
/// lower-case word (`USave`).
fn is_coined(word: &str) -> bool {
    if has_inner_capital(word) {
        return true;
    }
    let b = word.as_bytes();
    (0..b.len().saturating_sub(3)).any(|i| {
        b[i].is_ascii_uppercase()
            && b[i + 1].is_ascii_uppercase()
            && b[i + 2].is_ascii_lowercase()
            && b[i + 3].is_ascii_lowercase()
    })
}

/// Report every use of a form other than the paper's own.
fn report(doc: &Document, t: &Term, reported: &mut HashSet<Range<usize>>, cx: &mut Context) {
    let forms = t.forms();
    if forms.len() < 2 {
        return;
    }
    let show = |u: &Use| doc.norm_text(&u.norm).to_owned();
    let (_, main_n, main_first) = forms[0];
    let main = show(main_first);
    let counts = forms.iter().map(|(_, n, first)| format!("`{}` {}", show(first), times(*n))).collect::<Vec<_>>();
    for u in t.uses.iter().filter(|u| u.form != main_first.form) {
        // A use is reported once, whichever term found it first.
        if !reported.insert(u.anchor.clone()) {
            continue;
        }
        let n = forms.iter().find(|f| f.0 == u.form).map_or(1, |f| f.1);
        let this = show(u);
        cx.report(
            Finding::new(
                format!("term written two ways: `{this}` ({n}×) and `{main}` ({main_n}×)"),
                Label::new(doc.span(u.norm.clone()), format!("`{this}`")),
            )
            .label(Label::new(doc.span(main_first.norm.clone()), format!("`{main}` first used here")))
            .help(format!("{} in this paper; write the term one way throughout", counts.join(", "))),
        );
    }
}

fn times(n: usize) -> String {
    match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ConfigFile, Layer, Origin, resolve};
    use crate::lint::{LintOptions, lint};
    use crate::source::Source;

    /// The findings of term-consistency on `text`, configured by `toml` over the defaults, as
    /// (primary text, message).
    fn run(text: &str, toml: &str) -> Vec<(String, String)> {
        let user: ConfigFile = toml::from_str(toml).unwrap();
        let layers = [
            Layer::builtin().unwrap(),
            Layer { origin: Origin::File("policy-lint.toml".into()), text: None, file: user },
        ];
        let mut resolved = resolve(&layers).unwrap();
        resolved.rules.retain(|r| r.name == "term-consistency");
        let src = Source::from_text("t.txt", text);
        let out = lint(&src, &resolved, &LintOptions::default());
        out.diagnostics.iter().map(|d| (src.slice(d.primary.span).to_owned(), d.message.clone())).collect()
    }

    #[test]
    fn the_minority_form_is_reported_on_the_original_bytes() {
        let text = "1. 與持份者合作。\n\n2. 主要持份者。\n\n\
                    3. 保險科技促進小組自成立至今，共處理約二百四十宗查詢，並與不同的持 分\n\
                    者舉行約一百二十次會議，亦讓業界就保險科技項目進行交流。\n";
        let found = run(text, "");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "持 分\n者");
        assert_eq!(found[0].1, "term written two ways: `持分者` (1×) and `持份者` (2×)");
    }

    #[test]
    fn the_house_style_decides_over_the_count() {
        let text = "1. 與持分者合作。\n\n2. 主要持分者。\n\n3. 不同的持份者。\n";
        // By count, 持份者 is the odd one out.
        assert_eq!(run(text, "").iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["持份者"]);
        // The house style says 持份者: both uses of 持分者 are reported, and nothing else.
        let found = run(text, "[term-consistency.prefer]\n\"持份者\" = [\"持分者\"]\n");
        assert_eq!(found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["持分者", "持分者"]);
        assert!(found[0].1.contains("house style writes `持份者`"));
    }

    #[test]
    fn a_variant_character_is_one_term_only_with_the_same_neighbour() {
        // 業羣 and 社群 are two words; 防衛/防衞 is one word written two ways.
        assert!(run("1. 活躍的業羣，金融科技社群。\n", "").is_empty());
        assert_eq!(run("1. 網絡防衛計劃及防衛能力。\n\n2. 網絡防衞評估。\n", "")[0].0, "防衞");
    }

    #[test]
    fn a_proper_name_keeps_its_own_spelling() {
        // 衞生署 is the department's name; the paper's own word is 衛生.
        assert!(run("1. 加強公共衛生。\n\n2. 衞生署會跟進，衛生措施亦會加強。\n", "").is_empty());
        assert_eq!(run("1. 加強公共衛生。\n\n2. 衞生措施亦會加強，衛生教育。\n", "")[0].0, "衞生");
    }

    #[test]
    fn simplified_and_traditional_are_two_scripts() {
        assert!(run("1. 网络防卫计划。\n\n2. 網絡防衛計劃。\n", "").is_empty());
    }

    #[test]
    fn titles_and_quoted_passages_may_spell_their_own_way() {
        assert!(run("1. 台灣的做法。\n\n2. 參考《臺灣金融科技報告》。\n\n3. 台灣。\n", "").is_empty());
    }

    #[test]
    fn latin_names_by_spacing_and_case() {
        assert!(latin_conflict("Fintech@Gloucester", "Fintech @Gloucester"));
        assert!(latin_conflict("FintechHK", "Fintech HK"));
        assert!(latin_conflict("FinTech", "Fintech"));
        assert!(latin_conflict("USave", "U-Save"));
        assert!(latin_conflict("semi-conductor", "semiconductor"));
        assert!(latin_conflict("COVID-19", "Covid-19"));
        // Sentence case, acronyms against words, verbs against nouns, two words run together.
        assert!(!latin_conflict("Fintech", "fintech"));
        assert!(!latin_conflict("US", "us"));
        assert!(!latin_conflict("set up", "setup"));
        assert!(!latin_conflict("re-cover", "recover"));
        assert!(!latin_conflict("to Annex", "toAnnex"));
        assert!(!latin_conflict("the 2019-20 Revised", "the 2019-20 revised"));
    }

    #[test]
    fn a_typesetters_hyphen_is_no_second_spelling() {
        let text = "Aid to de-veloping countries. Most developing countries grew. More pre-school and \
                    preschool places; every school. A five-fold rise, a fivefold rise in five years.";
        let f: Vec<String> = run(text, "").into_iter().map(|(_, m)| m).collect();
        assert!(!f.iter().any(|m| m.contains("veloping")), "{f:?}");
        assert!(f.iter().any(|m| m.contains("pre-school")), "{f:?}");
        assert!(f.iter().any(|m| m.contains("five-fold")), "{f:?}");
    }

    #[test]
    fn a_use_inside_a_longer_run_is_reported_once() {
        let f = run("NSmen, ex-NS men and NSFs. NSmen, ex-NSmen and NSFs will get $100.", "");
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn bad_configuration_is_an_error() {
        let c = |t: &str| TermConsistency::build(&toml::from_str::<Config>(t).unwrap()).err();
        assert!(c("variant-characters = [[\"衛\"]]\nvariant-words = []\nlatin = true\nnames = []").is_some());
        assert!(c("variant-characters = [[\"衛衞\", \"x\"]]\nvariant-words = []\nlatin = true\nnames = []").is_some());
        let prefer = "variant-characters = []\nvariant-words = []\nlatin = true\nnames = []\n[prefer]\n\"a\" = [\"a\"]";
        assert!(c(prefer).is_some());
    }
}
