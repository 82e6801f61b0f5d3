use std::collections::{BTreeSet, HashMap, HashSet};

use crate::claims::Claims;
use crate::claims::parts::in_magnitude;
use crate::claims::parts::{Breakdown, eligible, en_head, han_after, opened_share, operands, word_list, words};
use crate::claims::shares::{Implied, Share};
use crate::claims::support::{WordList, midpoint, short};
use crate::diagnostic::{Finding, Label};
use crate::document::{Document, Figure, FigureKind};
use crate::parse::chars::is_han;
use crate::quantity::{Interval, Q, fmt_q, int};
use crate::rules::sum_of_parts::exceeds;
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, q_from_f64, required, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags a stated share that the part and the total it relates cannot produce, within the
    /// rounding of every figure: `其中 95 個，佔約 35%` of 338, `$99.6 billion, accounting for
    /// 25.5% of total estimated recurrent government expenditure` when that total is stated as
    /// $486.6 billion, `1,236 of the 1,512 students (91.7%)`.
    ///
    /// ## Why is this bad?
    /// A share is the easiest figure to recompute, and the one a revision most often leaves
    /// behind: the part or the total changes and the percentage does not.
    ///
    /// ## Example
    /// ```text
    /// 這項計劃下發出的 338 個配額中，當中 95 個與金融科技有關，佔約 28%     (95 / 338 = 28.1%: fine)
    /// $99.6 billion in 2020-21, accounting for 20.5% of total estimated recurrent government
    /// expenditure … Recurrent government expenditure in 2020-21 is $486.6 billion
    ///                                                                   (99.6 / 486.6 = 20.47%: fine)
    /// ```
    ///
    /// Recognised: a share right after a part whose whole the sentence stated before it with
    /// `有` (`低產田有 7 億多畝，初步改良了 4.5 億畝，佔 60%`), the one figure of its kind there;
    /// a share right after a part of a stated total (`當中 X 個…佔 P%`, `X (P%)`,
    /// the parts `sum-of-parts` reads); a share right after `其中`, `of which` with its part in
    /// brackets (`其中約七成（309 個）`); `X of Y (P%)`; `X, accounting for P% of total NP`,
    /// where NP names a total stated elsewhere in the paper by exactly the same words; and
    /// `A 和 B 分別約占 P% 和 Q%`, where A and B name parts of a stated total; and `including
    /// Indonesia (27%), Pakistan (19%)`, where the name is a row of a table whose total row and
    /// total column are known: the row's cell in the total column over the total row's. When two
    /// tables have the row, the one holding a figure the share's paragraph states is meant; if
    /// none or both do, the share is not read.
    ///
    /// ## What it does not check
    /// Shares of a total the paper names but never states agree with each other: `$1.3 billion
    /// or 0.4% of GDP` and, for the same year, `$3.9 billion or 2.1% of GDP` imply GDPs of 325
    /// and 186 billion (see `crate::claims::shares::Implied` for when two shares name one
    /// total). Where several disagree, the one at odds with most of the others is reported.
    ///
    /// A share with no part stated (`442 個使用個案…其中約七成由科技公司提出`) is recorded and
    /// left alone: there is nothing to recompute. A share of a total the paper never states, or
    /// states under other words, is not guessed. A per-item average over a subset of the items
    /// is not a share. Shares of several parts added together (`A, B and C account for nearly
    /// 60%`) are not checked.
    ///
    /// ## Options
    /// - `tolerance`: extra slack in percentage points beyond the stated rounding (default 0).
    /// - `implied-slack`: how far, as a fraction, two totals implied by shares of one unstated
    ///   total may differ beyond their rounding (default 0.05).
    /// - `share-words`: words between a part and its share (`佔`, `accounting for`).
    /// - `of-total`: words after a share that name its total (`of total`).
    /// - `respectively`: words that pair shares with subjects in order (`分別`).
    /// - `part-of`: words between a part and its total (`of the`, `out of`).
    /// - `filler`: words ignored when a total is matched to its description.
    /// - `copulas`: words passed over between a Chinese total's name and its figure (`為`).
    /// - `whole-intros`: words before a Chinese figure that state it as a whole (`有`), whose
    ///   part's share follows with no whole named (`…有 7 億多畝，初步改良了 4.5 億畝，佔 60%`).
    pub struct PercentOfTotal {
        tolerance: Q,
        implied_slack: Q,
        share_words: WordList,
        of_total: WordList,
        respectively: WordList,
        part_of: WordList,
        filler: BTreeSet<String>,
        copulas: WordList,
        whole_intros: WordList,
    }
}

rule_config! {
    pub struct Config {
        pub tolerance: Option<f64>,
        pub implied_slack: Option<f64>,
        pub share_words: Option<Vec<String>>,
        pub of_total: Option<Vec<String>>,
        pub respectively: Option<Vec<String>>,
        pub part_of: Option<Vec<String>>,
        pub filler: Option<Vec<String>>,
        pub copulas: Option<Vec<String>>,
        pub whole_intros: Option<Vec<String>>,
    }
}

impl RuleDef for PercentOfTotal {
    type Config = Config;
    const GROUP: Group = Group::Arithmetic;
    fn build(c: &Config) -> Result<Self, String> {
        let tolerance = q_from_f64(required(&c.tolerance, "tolerance")?)?;
        if tolerance < Q::from_integer(0.into()) {
            return Err("`tolerance` must not be negative".into());
        }
        let implied_slack = q_from_f64(required(&c.implied_slack, "implied-slack")?)?;
        if implied_slack < Q::zero() || implied_slack >= Q::one() {
            return Err("`implied-slack` must be at least 0 and less than 1".into());
        }
        Ok(PercentOfTotal {
            tolerance,
            implied_slack,
            share_words: word_list(required(&c.share_words, "share-words")?, "share-words")?,
            of_total: word_list(required(&c.of_total, "of-total")?, "of-total")?,
            respectively: word_list(required(&c.respectively, "respectively")?, "respectively")?,
            part_of: word_list(required(&c.part_of, "part-of")?, "part-of")?,
            filler: required(&c.filler, "filler")?.into_iter().map(|w| w.to_lowercase()).collect(),
            copulas: word_list(required(&c.copulas, "copulas")?, "copulas")?,
            whole_intros: word_list(required(&c.whole_intros, "whole-intros")?, "whole-intros")?,
        })
    }
}

/// A named total's index key: the words before it and the unit it can be compared in.
type TotalKey<'a> = (BTreeSet<String>, (&'a str, &'a str));

/// A stated share of a part in a total, by index into `doc.figures`.
#[derive(Debug, Clone)]
struct Claim {
    share: usize,
    part: usize,
    total: usize,
    /// Other figures the words may name as the total; the share holds if any gives it.
    others: Vec<usize>,
    /// How the three were tied together, in words.
    how: String,
}

fn is_share(f: &Figure) -> bool {
    matches!(f.kind, FigureKind::Percent | FigureKind::Fraction)
}

/// A share's interval in percent (`七成` → [65, 75]).
fn share_interval(f: &Figure) -> Interval {
    match f.kind {
        FigureKind::Percent => f.interval.clone(),
        _ => f.interval.scale(&int(100)),
    }
}

fn sentence(doc: &Document, f: &Figure) -> Option<usize> {
    doc.sentence_at(f.norm.start)
}

/// The next figure after `i` in the same sentence.
fn next_in_sentence(doc: &Document, i: usize) -> Option<usize> {
    let s = sentence(doc, &doc.figures[i])?;
    let j = i + 1;
    (j < doc.figures.len() && sentence(doc, &doc.figures[j]) == Some(s)).then_some(j)
}

/// Text Chinese or English that only names things (no digits, no clause break).
fn short_name(s: &str, max_han: usize, max_words: usize) -> bool {
    let han = s.chars().filter(|c| is_han(*c)).count();
    let words = s.split_whitespace().count();
    han <= max_han && words <= max_words && !s.contains(|c: char| c.is_ascii_digit() || "。；;".contains(c))
}

impl PercentOfTotal {
    /// `X (P%)`, `X，佔 P%`, `X, accounting for P%`, `X 個…，佔總數的 P%`: the share that follows a part.
    fn share_after(&self, doc: &Document, p: usize, total: usize) -> Option<usize> {
        let s = next_in_sentence(doc, p)?;
        let (pf, sf) = (&doc.figures[p], &doc.figures[s]);
        if !is_share(sf) {
            return None;
        }
        let gap = doc.norm.text.get(pf.norm.end..sf.norm.start)?;
        let t = strip_qualifier(gap);
        // A share outside the bracket its part is in, or one of a change, is not this part's.
        let shares = self.share_words.find_all(t);
        let change = words()
            .relation_words
            .find_all(t)
            .into_iter()
            .any(|r| !shares.iter().any(|w| w.start <= r.start && r.start < w.end));
        if t.contains([')', '）']) || change || !self.base_is_total(doc, s, total) {
            return None;
        }
        if t.trim().ends_with(['(', '（']) && short_name(t, 12, 4) {
            return Some(s);
        }
        let r = self.share_words.find_all(t).into_iter().last()?;
        let before_ok = short_name(&t[..r.start], 16, 8);
        // Nothing after the share word but the name of the total: `佔總數的`, `佔學校的`.
        let after = t[r.end..].trim();
        let after_ok = after.is_empty()
            || after.strip_suffix('的').is_some_and(|base| self.names_total(doc, base, total))
            || self.of_total.find_all(after).first().is_some_and(|o| o.start == 0 && o.end == after.len());
        (before_ok && after_ok).then_some(s)
    }

    /// Does a base named in Chinese (`總數`, `學校`) name the total, not another set (`全港小學`)?
    fn names_total(&self, doc: &Document, base: &str, total: usize) -> bool {
        let base = base.trim();
        if base.chars().count() > 6 || !base.chars().all(is_han) {
            return false;
        }
        let generic = ["總數", "总数", "總額", "总额", "整體", "整体", "全部", "所有", "當中", "当中", "其中"];
        let noun = han_after(doc, &doc.figures[total], 6);
        generic.contains(&base) || base.chars().count() >= 2 && noun.starts_with(base)
    }

    /// A base named after an English share (`10% of GDP`) must be the total's noun (`of the
    /// 500 applications`) or the total itself (`of the total`, `of them`).
    fn base_is_total(&self, doc: &Document, s: usize, total: usize) -> bool {
        let sf = &doc.figures[s];
        let Some(sent) = sentence(doc, sf) else { return true };
        let after = doc.norm.text.get(sf.norm.end..doc.sentences[sent].norm.end).unwrap_or("");
        let Some(rest) = after.trim_start().strip_prefix("of ") else { return true };
        let rest = rest.trim_start().to_lowercase();
        let generic = ["the total", "total", "them", "these", "those", "all", "the whole", "which"];
        if generic.iter().any(|g| rest.starts_with(g)) {
            return true;
        }
        en_head(doc, &doc.figures[total]).is_some_and(|h| rest.split_whitespace().take(4).any(|w| w.starts_with(&h)))
    }

    /// Every share stated with its part and total.
    fn claims(&self, doc: &Document, bds: &[Breakdown], shares: &[Share], cx: &mut Context) -> Vec<Claim> {
        let mut out = Vec::new();
        // A share after a part of a stated total.
        for b in bds {
            for &p in &b.parts {
                if let Some(s) = self.share_after(doc, p, b.total) {
                    out.push(Claim {
                        share: s,
                        part: p,
                        total: b.total,
                        others: Vec::new(),
                        how: format!("a part of the total ({})", b.how()),
                    });
                }
            }
        }
        let claimed = shares_of(&out);
        for (i, f) in doc.figures.iter().enumerate() {
            if !is_share(f) || claimed.contains(&i) {
                continue;
            }
            if let Some(c) = self.opened(doc, i, cx) {
                out.push(c);
            } else if let Some(c) = self.x_of_y(doc, i) {
                out.push(c);
            } else if let Some(c) = self.whole_before(doc, i) {
                out.push(c);
            }
        }
        out.extend(self.named_totals(doc, &out));
        out.extend(self.named_totals_zh(doc, &out));
        out.extend(self.respective(doc, bds, &out));
        // Shares of a total the claims stage tied by its name.
        let claimed = shares_of(&out);
        for sh in shares {
            if claimed.contains(&sh.share) {
                continue;
            }
            let Some((&total, others)) = sh.totals.split_first() else { continue };
            out.push(Claim {
                share: sh.share,
                part: sh.part,
                total,
                others: others.to_vec(),
                how: sh.how.clone().unwrap_or_else(|| format!("`{}` names this total", doc.norm_text(&sh.name).trim())),
            });
        }
        out
    }

    /// Shares of one total whose parts differ and whose stated shares add up to more than the
    /// whole: the name does not denote one total (`各項支出…占預算數的 96.99%`, each item's own
    /// budget). They are recorded, not judged.
    fn overfull(&self, doc: &Document, claims: &[Claim]) -> HashSet<usize> {
        let mut by_total: HashMap<usize, Vec<&Claim>> = HashMap::new();
        for c in claims {
            by_total.entry(c.total).or_default().push(c);
        }
        let mut out = HashSet::new();
        for group in by_total.values() {
            let parts: HashSet<usize> = group.iter().map(|c| c.part).collect();
            if parts.len() < 2 {
                continue;
            }
            let mut seen = HashSet::new();
            let mut sum = Q::zero();
            for c in group {
                if seen.insert(c.part)
                    && let Some(lo) = share_interval(&doc.figures[c.share]).lo
                {
                    sum += lo;
                }
            }
            if sum > int(100) + &self.tolerance {
                out.extend(group.iter().map(|c| c.share));
            }
        }
        out
    }

    /// `其中約七成（309 個）`: a share straight after an opening word, its part in brackets.
    fn opened(&self, doc: &Document, i: usize, cx: &mut Context) -> Option<Claim> {
        let (word, total) = opened_share(doc, i)?;
        let sf = &doc.figures[i];
        let part = next_in_sentence(doc, i).filter(|&p| {
            let gap = doc.norm.text.get(sf.norm.end..doc.figures[p].norm.start).unwrap_or("x");
            gap.trim().ends_with(['(', '（'])
                && gap.trim().len() <= 3
                && doc.figures[p].kind.comparable(&doc.figures[total].kind)
        });
        match part {
            Some(part) => Some(Claim {
                share: i,
                part,
                total,
                others: Vec::new(),
                how: format!("after `{word}`, the part in brackets"),
            }),
            None => {
                cx.skipped(
                    format!(
                        "{} of {} (after `{word}`): no part stated, nothing to recompute",
                        sf.text(doc),
                        doc.figures[total].text(doc)
                    ),
                    vec![i, total],
                );
                None
            }
        }
    }

    /// `全國低產田有七億多畝，初步改良了四億五千萬畝，佔百分之六十`: a share straight after a part,
    /// naming no whole, of the figure the sentence stated before the part as a whole (`有`) —
    /// the one figure of the part's kind there, and no smaller than the part.
    fn whole_before(&self, doc: &Document, s: usize) -> Option<Claim> {
        let p = s.checked_sub(1)?;
        let sent = sentence(doc, &doc.figures[s])?;
        if sentence(doc, &doc.figures[p]) != Some(sent) || !eligible(&doc.figures[p]) {
            return None;
        }
        let pf = &doc.figures[p];
        // A sentence's worth of figures back, at most: a table flattened into one sentence
        // would make this quadratic.
        let same: Vec<usize> = (p.saturating_sub(64)..p)
            .rev()
            .take_while(|&i| sentence(doc, &doc.figures[i]) == Some(sent))
            .filter(|&i| doc.figures[i].kind.comparable(&pf.kind))
            .collect();
        let [total] = same[..] else { return None };
        let tf = &doc.figures[total];
        let before = doc.norm.text.get(..tf.norm.start)?;
        let lo = crate::source::floor_char_boundary(before, before.len().saturating_sub(9));
        let smaller = matches!((&tf.interval.hi, &pf.interval.lo), (Some(h), Some(l)) if h < l);
        if self.whole_intros.ends(before[lo..].trim_end()).is_none() || smaller {
            return None;
        }
        // Nothing after the share that names another whole (`佔出口的`).
        let after = doc.norm.text.get(doc.figures[s].norm.end..)?.trim_start();
        if !after.is_empty() && !after.starts_with(['。', '；', '，', ';', ',']) {
            return None;
        }
        let share = self.share_after(doc, p, total)?;
        (share == s).then(|| Claim {
            share: s,
            part: p,
            total,
            others: Vec::new(),
            how: format!("of {}, the whole the sentence states before it", tf.text(doc)),
        })
    }

    /// `1,236 of the 1,512 students (81.7%)`.
    fn x_of_y(&self, doc: &Document, s: usize) -> Option<Claim> {
        let y = s.checked_sub(1)?;
        let x = y.checked_sub(1)?;
        let (fx, fy, fs) = (&doc.figures[x], &doc.figures[y], &doc.figures[s]);
        if sentence(doc, fx) != sentence(doc, fs) || sentence(doc, fy) != sentence(doc, fs) {
            return None;
        }
        let kinds_ok = fx.kind.comparable(&fy.kind)
            || fx.kind == FigureKind::Number && matches!(fy.kind, FigureKind::Count { .. });
        if !kinds_ok || !(eligible(fy) || fy.kind == FigureKind::Number) {
            return None;
        }
        let between = doc.norm.text.get(fx.norm.end..fy.norm.start)?.trim();
        if !self.part_of.find_all(between).first().is_some_and(|r| r.start == 0 && r.end == between.len()) {
            return None;
        }
        let gap = strip_qualifier(doc.norm.text.get(fy.norm.end..fs.norm.start)?);
        let t = gap.trim();
        let paren = t.ends_with(['(', '（']) && short_name(t, 0, 3);
        let worded =
            self.share_words.find_all(t).last().is_some_and(|r| t[r.end..].trim().is_empty()) && short_name(t, 0, 6);
        (paren || worded).then(|| Claim {
            share: s,
            part: x,
            total: y,
            others: Vec::new(),
            how: format!("`{} {between} {}`", fx.text(doc), fy.text(doc)),
        })
    }

    /// The words that describe a figure: its sentence up to it, without filler and years.
    fn description(&self, text: &str) -> BTreeSet<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .map(str::to_lowercase)
            .filter(|w| !w.is_empty() && !w.chars().any(|c| c.is_ascii_digit()) && !self.filler.contains(w))
            .collect()
    }

    /// `X, accounting for P% of total NP`, with NP the exact description of a total stated
    /// elsewhere: `Recurrent government expenditure in 2020-21 is $486.6 billion`.
    fn named_totals(&self, doc: &Document, already: &[Claim]) -> Vec<Claim> {
        // Index every figure that opens its sentence's figures by the words before it and by
        // what it can be compared with, in order. Built when a share first names a total: most
        // papers (every Chinese one) have none, and describing every sentence is not cheap.
        let build_index = || {
            let mut index: HashMap<TotalKey, Vec<usize>> = HashMap::new();
            for s in &doc.sentences {
                let a = doc.figures.partition_point(|f| f.norm.start < s.norm.start);
                let Some(f) = doc.figures.get(a).filter(|f| f.norm.start < s.norm.end && eligible(f)) else {
                    continue;
                };
                let desc = self.description(doc.norm.text.get(s.norm.start..f.norm.start).unwrap_or(""));
                if (1..=6).contains(&desc.len()) {
                    index.entry((desc, f.kind.comparable_key())).or_default().push(a);
                }
            }
            index
        };
        let mut index: Option<HashMap<TotalKey, Vec<usize>>> = None;
        let claimed = shares_of(already);
        let mut out = Vec::new();
        for (s, sf) in doc.figures.iter().enumerate() {
            if sf.kind != FigureKind::Percent || claimed.contains(&s) {
                continue;
            }
            let Some(sent) = sentence(doc, sf) else { continue };
            let end = doc.sentences[sent].norm.end;
            let after = doc.norm.text.get(sf.norm.end..end).unwrap_or("");
            let lead = after.len() - after.trim_start().len();
            let Some(len) = self.of_total.at(after, lead) else { continue };
            let np: String =
                after[lead + len..].chars().take_while(|c| c.is_alphabetic() || *c == ' ' || *c == '-').collect();
            let np = [" and ", " or ", " is ", " which ", " that "].iter().fold(np, |np, cut| match np.find(cut) {
                Some(k) => np[..k].to_owned(),
                None => np,
            });
            let np_words = self.description(&np);
            // The part: the figure the share is said of, before a share word.
            let Some(p) = s.checked_sub(1).filter(|&p| sentence(doc, &doc.figures[p]) == Some(sent)) else { continue };
            let pf = &doc.figures[p];
            let index = index.get_or_insert_with(build_index);
            let Some(cands) = index.get(&(np_words, pf.kind.comparable_key())) else { continue };
            let gap = doc.norm.text.get(pf.norm.end..sf.norm.start).unwrap_or("");
            let worded = self.share_words.find_all(gap).last().is_some_and(|w| gap[w.end..].trim().is_empty());
            if !eligible(pf) || !worded || gap.len() > 80 {
                continue;
            }
            // The nearest earlier statement, else the nearest later one.
            if let Some(total) = nearest(cands, p) {
                out.push(Claim {
                    share: s,
                    part: p,
                    total,
                    others: Vec::new(),
                    how: format!("`{}` names this total", np.trim()),
                });
            }
        }
        out
    }

    /// The Chinese words that name a figure: the Han characters right before it, without the
    /// copula (`政府總開支預計為 7,000 億元` → `政府總開支`), at most twelve.
    fn han_before(&self, doc: &Document, f: &Figure) -> String {
        let mut t = strip_qualifier(doc.norm.text.get(..f.norm.start).unwrap_or(""));
        if let Some(k) = self.copulas.ends(t) {
            t = &t[..k];
        }
        let run: Vec<char> = t.chars().rev().take_while(|c| is_han(*c)).take(12).collect();
        run.into_iter().rev().collect()
    }

    /// `教育開支為 X 億元，佔政府總開支的 P%`, with `政府總開支為 Y 億元` stated elsewhere.
    fn named_totals_zh(&self, doc: &Document, already: &[Claim]) -> Vec<Claim> {
        // Every figure by its name and what it can be compared with, in order; the names by
        // their last two characters. Read when a share first names a total.
        type ByName<'a> = HashMap<(String, (&'a str, &'a str)), Vec<usize>>;
        let build_index = || {
            let mut by_name: ByName = HashMap::new();
            let mut names: HashMap<String, Vec<String>> = HashMap::new();
            for (i, f) in doc.figures.iter().enumerate() {
                if !eligible(f) {
                    continue;
                }
                let name = self.han_before(doc, f);
                let n = name.chars().count();
                if n >= 3 {
                    let key: String = name.chars().skip(n - 2).collect();
                    let same_name = names.entry(key).or_default();
                    if !same_name.contains(&name) {
                        same_name.push(name.clone());
                    }
                    by_name.entry((name, f.kind.comparable_key())).or_default().push(i);
                }
            }
            (by_name, names)
        };
        let mut index: Option<(ByName, HashMap<String, Vec<String>>)> = None;
        let claimed = shares_of(already);
        let mut out = Vec::new();
        for (s, sf) in doc.figures.iter().enumerate() {
            if sf.kind != FigureKind::Percent || claimed.contains(&s) {
                continue;
            }
            let Some(p) = s.checked_sub(1).filter(|&p| sentence(doc, &doc.figures[p]) == sentence(doc, sf)) else {
                continue;
            };
            let pf = &doc.figures[p];
            let gap = strip_qualifier(doc.norm.text.get(pf.norm.end..sf.norm.start).unwrap_or(""));
            // `，佔政府總開支的`: the share word, the total's name, `的`.
            let Some(named) = gap.strip_suffix('的') else { continue };
            let Some(at) = named.rfind(['佔', '占']) else { continue };
            let np = &named[at + '佔'.len_utf8()..];
            let n = np.chars().count();
            if !eligible(pf) || gap.chars().count() > 30 || !(3..=12).contains(&n) || !np.chars().all(is_han) {
                continue;
            }
            let key: String = np.chars().skip(n - 2).collect();
            let comparable = pf.kind.comparable_key();
            let (by_name, names) = index.get_or_insert_with(build_index);
            // The nearest earlier statement, else the nearest later one.
            let total = names
                .get(&key)
                .into_iter()
                .flatten()
                .filter(|name| name.ends_with(np))
                .filter_map(|name| by_name.get(&(name.clone(), comparable)).and_then(|figs| nearest(figs, p)))
                .min_by_key(|&t| if t < p { (0, p - t) } else { (1, t - p) });
            if let Some(total) = total {
                out.push(Claim {
                    share: s,
                    part: p,
                    total,
                    others: Vec::new(),
                    how: format!("`{np}` names this total"),
                });
            }
        }
        out
    }

    /// `人事編制和工務工程的建議分別約占百分之29和百分之47`: subjects paired in order with
    /// shares, each subject naming a part of a stated total.
    fn respective(&self, doc: &Document, bds: &[Breakdown], already: &[Claim]) -> Vec<Claim> {
        let claimed = shares_of(already);
        // Every part of a stated total, by the Han characters after it (sorted, so the parts
        // whose noun starts with a subject are one run of them); read when first needed.
        let mut parts: Option<Vec<(&str, usize, usize)>> = None;
        let mut out = Vec::new();
        for s in &doc.sentences {
            // Only a sentence with two shares or more can pair them with subjects.
            if doc.figures_in(&s.norm).iter().filter(|f| is_share(f)).count() < 2 {
                continue;
            }
            let text = doc.norm_text(&s.norm);
            for r in self.respectively.find_all(text) {
                let at = s.norm.start + r.end;
                let first = doc.figures.partition_point(|f| f.norm.start < at);
                // The shares: consecutive share figures, the first a few characters on.
                let mut shares = Vec::new();
                let mut k = first;
                while k < doc.figures.len() && doc.figures[k].norm.start < s.norm.end && is_share(&doc.figures[k]) {
                    let from = if shares.is_empty() { at } else { doc.figures[k - 1].norm.end };
                    let gap = doc.norm.text.get(from..doc.figures[k].norm.start).unwrap_or("x");
                    if gap.chars().count() > 4 || gap.contains(['，', ',', '。']) {
                        break;
                    }
                    shares.push(k);
                    k += 1;
                }
                if shares.len() < 2 || shares.iter().any(|s| claimed.contains(s)) {
                    continue;
                }
                // The subjects: the clause before the word, split at 和/及/、, each cut at `的`.
                let before = &text[..r.start];
                let clause = before.rsplit(['，', ',', '。', '；', ';', '：', ':']).next().unwrap_or("");
                let subjects: Vec<&str> = clause
                    .split(['和', '及', '、', '与', '與'])
                    .map(|x| x.split('的').next().unwrap_or("").trim())
                    .collect();
                if subjects.len() != shares.len() || subjects.iter().any(|x| x.chars().count() < 2) {
                    continue;
                }
                for (subject, &share) in subjects.iter().zip(&shares) {
                    // Exactly one part anywhere in the paper whose noun starts with the subject.
                    let parts = parts.get_or_insert_with(|| {
                        let mut v: Vec<(&str, usize, usize)> = bds
                            .iter()
                            .flat_map(|b| {
                                b.parts.iter().map(move |&p| (han_after(doc, &doc.figures[p], 12), p, b.total))
                            })
                            .collect();
                        v.sort_unstable();
                        v
                    });
                    let from = parts.partition_point(|(noun, _, _)| *noun < *subject);
                    let found = &parts[from..];
                    let found = &found[..found.partition_point(|(noun, _, _)| noun.starts_with(subject))];
                    if let [(_, part, total)] = found {
                        out.push(Claim {
                            share,
                            part: *part,
                            total: *total,
                            others: Vec::new(),
                            how: format!("`{subject}` names this part"),
                        });
                    }
                }
            }
        }
        out
    }

    fn evaluate(&self, doc: &Document, c: &Claim, cx: &mut Context) {
        let (s, p, t) = (&doc.figures[c.share], &doc.figures[c.part], &doc.figures[c.total]);
        let shown = operands(doc, &[p, t]);
        let figs = vec![c.share, c.part, c.total];
        let mid = if t.value > Q::from_integer(0.into()) { Some(&p.value / &t.value * int(100)) } else { None };
        let mid_shown = mid.as_ref().map_or("?".to_owned(), |m| format!("{}%", fmt_q(m, 2)));
        let relation = format!("{} / {} = {mid_shown}; stated {} ({})", shown[0], shown[1], s.text(doc), c.how);
        if exceeds(&p.interval, &t.interval) {
            cx.skipped(format!("{relation}: the part exceeds the total, left to subset-exceeds-total"), figs);
            return;
        }
        let Some(computed) = p.interval.div(&t.interval).map(|q| q.scale(&int(100))) else {
            cx.skipped(format!("{relation}: the total is not positive"), figs);
            return;
        };
        let stated = share_interval(s).widen(&self.tolerance);
        let another = c.others.iter().any(|&o| {
            let t = &doc.figures[o];
            p.interval.div(&t.interval).is_some_and(|q| q.scale(&int(100)).intersects(&stated))
        });
        let consistent = computed.intersects(&stated) || another;
        cx.checked(relation, consistent, figs);
        if consistent {
            return;
        }
        let mut help = format!("{} / {} = {mid_shown}; stated {}", shown[0], shown[1], s.text(doc));
        if let (Some(lo), Some(hi)) = (&computed.lo, &computed.hi)
            && !computed.is_point()
        {
            help.push_str(&format!(
                ". Within the rounding of the figures the share is between {}% and {}%",
                fmt_q(lo, 2),
                fmt_q(hi, 2)
            ));
        }
        help.push_str(&format!(". Read as {}", c.how));
        let shown_mid =
            midpoint(&computed).map_or(mid_shown.clone(), |m| format!("{}%", fixed(&m, decimals(s.text(doc)) + 1)));
        cx.report(
            Finding::new(
                format!("stated share of {} does not match its part and total ({shown_mid})", s.text(doc)),
                Label::new(s.span, "stated share"),
            )
            .help(help)
            .label(Label::new(p.span, "part"))
            .label(Label::new(t.span, "total")),
        );
    }
}

/// The shares already claimed.
fn shares_of(claims: &[Claim]) -> HashSet<usize> {
    claims.iter().map(|c| c.share).collect()
}

/// Of figures in order, the nearest before `p`, else the nearest after it.
fn nearest(figs: &[usize], p: usize) -> Option<usize> {
    let before = figs.partition_point(|&t| t < p);
    match before.checked_sub(1) {
        Some(k) => figs.get(k).copied(),
        None => figs.get(figs.partition_point(|&t| t <= p)).copied(),
    }
}

/// Decimal places a figure is written with (`12.5%` → 1).
fn decimals(text: &str) -> u32 {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    digits.split_once('.').map_or(0, |(_, f)| f.len() as u32)
}

/// A number with exactly `digits` decimals: `14.0`.
fn fixed(q: &Q, digits: u32) -> String {
    let s = fmt_q(q, digits);
    let have = s.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    let mut s = if have == 0 && digits > 0 { format!("{s}.") } else { s };
    for _ in have..digits {
        s.push('0');
    }
    s
}

/// The gap text without a qualifier that belongs to the next figure.
fn strip_qualifier(gap: &str) -> &str {
    let t = gap.trim_end();
    match crate::parse::vocab::vocabulary().qualifiers.suffix_of(t) {
        Some((q, _)) => t[..t.len() - q.len()].trim_end(),
        None => t,
    }
}

/// How many shares of one unstated total are judged together, at most.
const MAX_IMPLIED: usize = 32;

impl PercentOfTotal {
    /// The total one share of an unstated total implies: part ÷ share, widened by the slack.
    fn implied(&self, doc: &Document, (share, part): (usize, usize)) -> Option<Interval> {
        let s = share_interval(&doc.figures[share]).widen(&self.tolerance).scale(&(Q::one() / int(100)));
        let p = &doc.figures[part].interval;
        if !p.is_positive() {
            return None;
        }
        let t = p.div(&s)?;
        let lo = t.lo.map(|lo| &lo * &(Q::one() - &self.implied_slack));
        let hi = t.hi.map(|hi| &hi * &(Q::one() + &self.implied_slack));
        Some(Interval { lo, hi })
    }

    /// Judge the shares of one unstated total: the totals they imply must meet.
    fn evaluate_implied(&self, doc: &Document, g: &Implied, claimed: &HashSet<usize>, cx: &mut Context) {
        let members: Vec<((usize, usize), Interval)> = g
            .members
            .iter()
            .filter(|(s, _)| !claimed.contains(s))
            .filter_map(|&m| self.implied(doc, m).map(|t| (m, t)))
            .collect();
        if members.len() < 2 {
            return;
        }
        let name = doc.norm_text(&g.name).trim().to_owned();
        // Finding the share at odds with most others compares every pair, again after each one
        // found: a name shared by very many shares (a run-together table) is not judged.
        if members.len() > MAX_IMPLIED {
            let figs = members.iter().flat_map(|((s, p), _)| [*s, *p]).collect();
            cx.skipped(format!("`{name}` implied by {} shares: too many to tell one out", members.len()), figs);
            return;
        }
        let first = &doc.figures[members[0].0.1];
        // A total in the first part's magnitude and units: `$354.55 billion`, `35,454.55億元`.
        let total = |(s, p): (usize, usize)| {
            let t = in_magnitude(doc, &(&doc.figures[p].value / &doc.figures[s].value * int(100)), first);
            let digits = short(doc, first);
            let written = first.text(doc);
            if digits.is_empty() || !written.contains(&digits) { t } else { written.replacen(&digits, &t, 1) }
        };
        let arithmetic = |(s, p): (usize, usize)| {
            let (sf, pf) = (&doc.figures[s], &doc.figures[p]);
            format!("{} ÷ {} = {}", short(doc, pf), sf.text(doc), total((s, p)))
        };
        let figs = |ms: &[(usize, usize)]| ms.iter().flat_map(|&(s, p)| [s, p]).collect::<Vec<_>>();
        let mut left: Vec<usize> = (0..members.len()).collect();
        loop {
            let conflicts =
                |i: usize| left.iter().filter(|&&j| j != i && !members[i].1.intersects(&members[j].1)).count();
            // The share at odds with most of the others, the later one of a tie.
            let worst = left.iter().copied().max_by_key(|&i| (conflicts(i), i)).filter(|&i| conflicts(i) > 0);
            let Some(w) = worst else { break };
            let other = left
                .iter()
                .copied()
                .filter(|&j| j != w && !members[w].1.intersects(&members[j].1))
                .min_by_key(|&j| j.abs_diff(w))
                .unwrap_or(w);
            let (a, b) = if other < w { (members[other].0, members[w].0) } else { (members[w].0, members[other].0) };
            let relation = format!("`{name}` implied as {} and as {}", arithmetic(a), arithmetic(b));
            cx.checked(relation.clone(), false, figs(&[a, b]));
            let blame = members[w].0;
            let peer = members[other].0;
            cx.report(
                Finding::new(
                    format!("shares of `{name}` imply different totals: {} and {}", total(a), total(b)),
                    Label::new(doc.figures[blame.0].span, "stated share"),
                )
                .help(format!(
                    "{relation}; the paper does not state `{name}`, but both shares are of it for the same period, so they should imply one total (within {}% of each other beyond rounding)",
                    fmt_q(&(&self.implied_slack * int(100)), 1)
                ))
                .label(Label::new(doc.figures[blame.1].span, "its part"))
                .label(Label::new(doc.figures[peer.0].span, "share of the same total"))
                .label(Label::new(doc.figures[peer.1].span, "its part")),
            );
            left.retain(|&i| i != w);
        }
        let kept: Vec<(usize, usize)> = left.iter().map(|&i| members[i].0).collect();
        if kept.len() >= 2 {
            let relation =
                format!("`{name}` implied as {}", kept.iter().map(|&m| arithmetic(m)).collect::<Vec<_>>().join(", "));
            cx.checked(relation, true, figs(&kept));
        }
    }
}

impl Rule for PercentOfTotal {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        let bds = claims.breakdowns();
        let found = self.claims(doc, bds, claims.shares(), cx);
        let claimed = shares_of(&found);
        for g in claims.implied_totals() {
            self.evaluate_implied(doc, g, &claimed, cx);
        }
        let overfull = self.overfull(doc, &found);
        for c in &found {
            if overfull.contains(&c.share) {
                let figs = vec![c.share, c.part, c.total];
                cx.skipped(
                    format!(
                        "{} of {}: shares of this total by several parts add up to more than 100%, so the words name a different total for each",
                        doc.figures[c.share].text(doc),
                        doc.figures[c.part].text(doc)
                    ),
                    figs,
                );
                continue;
            }
            self.evaluate(doc, c, cx);
        }
    }
}
