use std::ops::Range;

use num_traits::ToPrimitive;

use crate::claims::Claims;
use crate::claims::parts::{Item, norm_span, word_list, words};
use crate::claims::support::WordList;
use crate::diagnostic::{Finding, Label};
use crate::document::{BlockKind, Document, Figure, FigureKind};
use crate::parse::chars::is_han;
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, required, rule_config};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a stated number of items that does not match the items listed with it: the list
    /// that follows (`三大支柱…分別是「…」、「…」和「…」`, `在 6 個城市 (即倫敦、…及香港)`,
    /// `five new members: A, B, C, D and E`), the Chinese list that precedes it (`推廣、規管、支援
    /// 措施、人才及資金五方面`), or the enumerated items or sections that follow it (`五方面。`
    /// then sections `(a)` … `(e)`; `以下三項措施：` then `(一)` … `(三)`).
    ///
    /// ## Why is this bad?
    /// "Three pillars" followed by four is the mark of a list edited after its sentence was
    /// written. The reader cannot tell whether an item is missing or the count is stale.
    ///
    /// ## Example
    /// ```text
    /// 計劃由三大支柱組成，分別是「網絡防衞評估框架」、「專業培訓計劃」和「網絡風險資訊共享平台」   (3: fine)
    /// 可分為推廣、規管、支援措施、人才及資金四方面                                              (5 listed)
    /// The five new members are Mr A, Mr B, Mr C and Ms D.                                        (4 named)
    /// ```
    ///
    /// Items are separated by `、` (and counted outside quotes and brackets), by commas, or by
    /// semicolons when the list uses them; the last is joined by `和`, `及`, `and`, `as well as`.
    /// Where a joining word could also sit inside an item (`technology and innovation, …, as
    /// well as …`), every reading is allowed and only a count that fits none is reported. A
    /// count read against two lists (a list before it and sections after it) must fit both.
    /// `policy-lint figures` says why a list after an intro word was not read.
    ///
    /// ## What it does not check
    /// A list that runs off the end of the text (an excerpt that stops mid-list) is never
    /// reported as listing fewer items. A list introduced by `包括`, `including` or ending in
    /// `等`, `etc.` may name only some items: only naming more than the count is reported. Lists
    /// of sentences or paragraphs (`First, … Second, …`), items in separate lines without a
    /// label, lists holding figures, and counts above `max-count` are not read. Counts with a qualifier (`約十項`,
    /// `over 30 measures`) are not lists.
    ///
    /// ## Options
    /// - `max-count`: the largest count checked (default 30).
    /// - `complete-intros`, `partial-intros`, `name-intros`: words between a count and its list.
    /// - `titles`: titles that start a name (`Mr`, `Dr`) in English lists of people.
    /// - `final-connectors`: words that join the last item (`和`, `及`, `and`).
    /// - `etc`: words that mark a list as incomplete (`等`, `etc.`).
    pub struct ListCount {
        max_count: u32,
        complete: WordList,
        partial: WordList,
        names: WordList,
        titles: Vec<String>,
        connectors: WordList,
        etc: WordList,
    }
}

rule_config! {
    pub struct Config {
        pub max_count: Option<u32>,
        pub complete_intros: Option<Vec<String>>,
        pub partial_intros: Option<Vec<String>>,
        pub name_intros: Option<Vec<String>>,
        pub titles: Option<Vec<String>>,
        pub final_connectors: Option<Vec<String>>,
        pub etc: Option<Vec<String>>,
    }
}

impl RuleDef for ListCount {
    type Config = Config;
    const GROUP: Group = Group::Structure;
    fn build(c: &Config) -> Result<Self, String> {
        Ok(ListCount {
            max_count: required(&c.max_count, "max-count")?,
            complete: word_list(required(&c.complete_intros, "complete-intros")?, "complete-intros")?,
            partial: word_list(required(&c.partial_intros, "partial-intros")?, "partial-intros")?,
            names: word_list(required(&c.name_intros, "name-intros")?, "name-intros")?,
            titles: required(&c.titles, "titles")?,
            connectors: word_list(required(&c.final_connectors, "final-connectors")?, "final-connectors")?,
            etc: word_list(required(&c.etc, "etc")?, "etc")?,
        })
    }
}

/// One way the paper lists the items of a count.
#[derive(Debug, Clone)]
struct Reading {
    /// How the list was found, for the help text: "after `分別是`".
    how: String,
    /// The fewest and most items the list can be read as; `None`: no upper bound.
    min: u32,
    max: Option<u32>,
    /// The items as read, for the help text.
    items: Vec<String>,
    /// What to underline: the list's text, or each lettered label.
    spans: Vec<Span>,
}

impl Reading {
    fn allows(&self, n: u32) -> bool {
        self.min <= n && self.max.is_none_or(|m| n <= m)
    }
    fn listed(&self) -> String {
        match self.max {
            Some(m) if m == self.min => format!("{m}"),
            Some(m) => format!("{} to {m}", self.min),
            None => format!("at least {}", self.min),
        }
    }
}

/// Brackets and quotes whose content is one item.
fn depth_change(c: char) -> i32 {
    match c {
        '「' | '『' | '“' | '(' | '（' | '《' | '〈' | '[' => 1,
        '」' | '』' | '”' | ')' | '）' | '》' | '〉' | ']' => -1,
        _ => 0,
    }
}

/// Is byte `at` of `text` outside brackets and quotes?
fn depth_zero(text: &str, at: usize) -> bool {
    let mut depth = 0i32;
    for c in text.get(..at).unwrap_or("").chars() {
        depth = (depth + depth_change(c)).max(0);
    }
    depth == 0
}

/// Split at separators outside brackets and quotes.
fn split_top<'a>(text: &'a str, seps: &[char]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in text.char_indices() {
        depth = (depth + depth_change(c)).max(0);
        if depth == 0 && seps.contains(&c) {
            out.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&text[start..]);
    out
}

/// The first separator from `ends` outside brackets and quotes, or a closing bracket that
/// closes one opened before the text.
fn end_top(text: &str, ends: &[char], in_paren: bool) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        let d = depth_change(c);
        if d < 0 && depth == 0 && in_paren {
            return Some(i);
        }
        depth = (depth + d).max(0);
        if depth == 0 && ends.contains(&c) {
            return Some(i);
        }
    }
    None
}

impl ListCount {
    /// Joining words outside brackets and quotes, skipping words that only look like one.
    fn connectors_in(&self, seg: &str) -> usize {
        let masked = words().not_connectors.find_all(seg);
        let mut depth = 0i32;
        let mut depth_at = Vec::with_capacity(seg.len());
        for c in seg.chars() {
            for _ in 0..c.len_utf8() {
                depth_at.push(depth);
            }
            depth = (depth + depth_change(c)).max(0);
        }
        self.connectors
            .find_all(seg)
            .into_iter()
            .filter(|r| depth_at.get(r.start).copied().unwrap_or(0) == 0)
            .filter(|r| !masked.iter().any(|m| m.start <= r.start && r.start < m.end))
            .filter(|r| r.start > 0 || !seg.is_ascii())
            .count()
    }

    /// Items for the help text: the last segment split at its last joining word, a leading
    /// joining word dropped.
    fn shown(&self, segs: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (k, seg) in segs.iter().enumerate() {
            let t = seg.trim();
            let t = self.starts_with_connector(t).map_or(t, |l| t[l..].trim());
            let split = (k + 1 == segs.len())
                .then(|| self.connectors.find_all(t).into_iter().rev().find(|r| r.start > 0 && depth_zero(t, r.start)))
                .flatten();
            match split {
                Some(r) if !t[r.end..].trim().is_empty() => {
                    out.push(t[..r.start].trim().to_owned());
                    out.push(t[r.end..].trim().to_owned());
                }
                _ => out.push(t.to_owned()),
            }
        }
        out
    }

    fn starts_with_connector(&self, seg: &str) -> Option<usize> {
        self.connectors.at(seg.trim_start(), 0).map(|l| l + seg.len() - seg.trim_start().len())
    }

    fn titled(&self, seg: &str) -> bool {
        let s = seg.trim_start();
        let s = self.starts_with_connector(s).map_or(s, |l| s[l..].trim_start());
        self.titles.iter().any(|t| {
            s.strip_prefix(t.as_str())
                .and_then(|r| r.strip_prefix(['.', ' ']))
                .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_uppercase()))
        })
    }

    /// The items of a list written after its intro.
    fn count_following(&self, list: &str, open: bool, names_only: bool) -> Option<(u32, Option<u32>, Vec<String>)> {
        let chinese = list.chars().find(|c| !c.is_whitespace()).is_some_and(|c| is_han(c) || "「『“《".contains(c));
        let etc = self.etc.ends(list.trim_end_matches(['。', '.', ' '])).is_some();
        let open_max = |n: u32| if open || etc { None } else { Some(n) };
        if chinese {
            let segs = split_top(list, &['、']);
            let quoted =
                segs.iter().all(|s| s.trim().starts_with(['「', '『', '“']) && s.trim().ends_with(['」', '』', '”']));
            let c_last = segs.last().map_or(0, |s| self.connectors_in(s));
            let c_all: usize = segs.iter().map(|s| self.connectors_in(s)).sum();
            let n = segs.len() as u32;
            let items = self.shown(&segs);
            return if c_last > 0 {
                Some((n + 1, open_max(n + c_all as u32), items))
            } else if quoted && n >= 2 {
                Some((n, open_max(n), items))
            } else {
                None
            };
        }
        // English: semicolons separate items when the list uses them, commas otherwise.
        let semi = split_top(list, &[';']).len() > 1;
        let segs = split_top(list, if semi { &[';'] } else { &[','] });
        if self.titled(segs[0]) {
            let mut n = 0u32;
            let mut items = Vec::new();
            for s in &segs {
                if !self.titled(s) {
                    break;
                }
                let body = s.trim_start();
                let body = self.starts_with_connector(body).map_or(body, |l| &body[l..]);
                let inner =
                    self.titles.iter().map(|t| body.matches(&format!(" and {t} ")).count()).sum::<usize>() as u32;
                n += 1 + inner;
                items.extend(self.shown(&[s]));
            }
            return (n >= 2).then_some((n, open_max(n), items));
        }
        if names_only {
            return None;
        }
        // The last item starts with a joining word (`, and C`), or shares a segment with the one
        // before it (`B and C`); joining words inside earlier segments may be inside an item.
        let last = segs.iter().position(|s| self.starts_with_connector(s).is_some() && !s.trim().is_empty());
        let (n, last_idx) = match last {
            Some(k) if k > 0 => (k as u32 + 1, k),
            _ => {
                let k = segs.iter().position(|s| self.connectors_in(s) > 0)?;
                (k as u32 + 2, k)
            }
        };
        let inner: usize = segs[..last_idx].iter().map(|s| self.connectors_in(s)).sum::<usize>()
            + self.connectors_in(segs[last_idx]).saturating_sub(1);
        let items = self.shown(&segs[..=last_idx]);
        Some((n, open_max(n + inner as u32), items))
    }

    /// `三大支柱…分別是「…」、「…」和「…」`, `6個城市(即倫敦、…及香港)`, `five sectors are: …`.
    fn following(&self, doc: &Document, i: usize, notes: &mut Vec<String>) -> Option<Reading> {
        let f = &doc.figures[i];
        let s = &doc.sentences[doc.sentence_at(f.norm.start)?];
        let rest = doc.norm.text.get(f.norm.end..s.norm.end)?;
        let mut best: Option<(Range<usize>, u8)> = None;
        for (list, kind) in [(&self.complete, 0u8), (&self.partial, 1), (&self.names, 2)] {
            if let Some(r) = list.find_all(rest).into_iter().next()
                && best.as_ref().is_none_or(|(b, _)| r.start < b.start)
            {
                best = Some((r, kind));
            }
        }
        let (intro, kind) = best?;
        let gap = &rest[..intro.start];
        let han = gap.chars().filter(|c| is_han(*c)).count();
        let words = gap.split_whitespace().count();
        let commas = gap.matches(['，', ',']).count();
        if han > 12 || words > 7 || commas > 1 || gap.contains(|c: char| c.is_ascii_digit() || "。；;:：".contains(c))
        {
            return None;
        }
        let in_paren = gap.contains(['(', '（']);
        let after = &rest[intro.end..];
        let body_start = after.len() - after.trim_start_matches([' ', ':', '：']).len();
        let body = &after[body_start..];
        if body.trim().is_empty() {
            return None;
        }
        let chinese = body.chars().next().is_some_and(|c| is_han(c) || "「『“《".contains(c));
        let ends: &[char] = if chinese { &['。', '；', '，', ';', ','] } else { &['.', ';', ':'] };
        let semi = !chinese && split_top(body, &[';']).len() > 1;
        let end = end_top(body, if semi { &['.'] } else { ends }, in_paren);
        let runs_off = end.is_none() && self.at_end(doc, s.norm.end);
        let list = &body[..end.unwrap_or(body.len())];
        // Figures, or a second dash (an aside: `six persons – a larger family – including …`),
        // mean this is not a list of names.
        let word = rest[intro.clone()].trim();
        if list.contains(|c: char| c.is_ascii_digit()) || list.contains(['–', '—']) {
            notes.push(format!("the words after `{word}` hold figures or an aside, so they are not read as its list"));
            return None;
        }
        let Some((min, max, items)) = self.count_following(list, kind == 1, kind == 2) else {
            if kind != 2 {
                notes.push(format!("the words after `{word}` have no last item joined by `和`, `及` or `and`"));
            }
            return None;
        };
        let start = f.norm.end + intro.end + body_start;
        Some(Reading {
            how: format!("after `{word}`"),
            min,
            max: if runs_off { None } else { max },
            items,
            spans: vec![norm_span(doc, start..start + list.trim_end().len())],
        })
    }

    /// Does the text end at `n` with no closing punctuation (an excerpt cut mid-list)?
    fn at_end(&self, doc: &Document, n: usize) -> bool {
        let tail = doc.norm.text.get(n..).unwrap_or("");
        let before = doc.norm.text.get(..n).unwrap_or("").trim_end();
        tail.trim().is_empty() && !before.ends_with(['。', '.', '！', '？', '!', '?', ')', '）', '」'])
    }

    /// `推廣、規管、支援措施、人才及資金五方面`: a Chinese list straight before the count.
    fn preceding(&self, doc: &Document, i: usize) -> Option<Reading> {
        let f = &doc.figures[i];
        let block = &doc.blocks[doc.block_at(f.norm.start)?];
        let before = doc.norm.text.get(block.norm.start..f.norm.start)?;
        if !before.ends_with(is_han) || starts_line(doc, block, f) {
            return None;
        }
        let cut = before
            .rfind(['，', '。', '；', '：', ',', ';', ':', '(', '（'])
            .map_or(0, |p| p + before[p..].chars().next().map_or(1, char::len_utf8));
        let text = &before[cut..];
        let segs = split_top(text, &['、']);
        if segs.len() < 2 {
            return None;
        }
        let last = segs[segs.len() - 1];
        let c_last = self.connectors_in(last);
        // The last item follows the joining word (`人才及資金五方面`); a joining word straight
        // before the count makes the count itself the last item (`8項…及22項…`).
        if c_last == 0 || self.connectors.ends(last).is_some() || text.contains(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let c_mid: usize = segs[1..segs.len() - 1].iter().map(|s| self.connectors_in(s)).sum();
        let n = segs.len() as u32;
        let etc = self.etc.ends(text).is_some();
        let start = block.norm.start + cut;
        Some(Reading {
            how: "before it".to_owned(),
            min: n + 1,
            max: (!etc).then_some(n + (c_mid + c_last) as u32),
            items: self.shown(&segs),
            spans: vec![norm_span(doc, start..f.norm.start)],
        })
    }

    /// `…五方面。` followed by sections `(a)` … `(e)`; `five key activities:` followed by items.
    fn lettered(&self, doc: &Document, all: &[Item], i: usize) -> Option<Reading> {
        let f = &doc.figures[i];
        let bi = doc.block_at(f.norm.start)?;
        let s = &doc.sentences[doc.sentence_at(f.norm.start)?];
        if s.block != bi
            || doc.norm_text(&doc.blocks[bi].norm).trim_end().len() + doc.blocks[bi].norm.start > s.norm.end
        {
            return None;
        }
        let tail = doc.norm.text.get(f.norm.end..s.norm.end)?.trim();
        let colon = tail.ends_with(['：', ':']);
        let stop = tail.ends_with(['。', '.']);
        let inner = tail.trim_end_matches(['：', ':', '。', '.']);
        let han = inner.chars().filter(|c| is_han(*c)).count();
        let words = inner.split_whitespace().count();
        let short = if colon { han <= 12 && words <= 8 } else { stop && han <= 2 && words <= 1 };
        if !short || inner.contains(|c: char| c.is_ascii_digit() || "，,；;".contains(c)) {
            return None;
        }
        // The items: a run (a), (b), … or (一), (二), … starting straight after the sentence.
        let k = all.partition_point(|it| it.at < s.norm.end);
        let first = all.get(k)?;
        let between = doc.norm.text.get(s.norm.end..first.at)?;
        if first.value != 1 || !between.trim().is_empty() {
            return None;
        }
        let block_of = |it: &Item| doc.block_at(it.at).unwrap_or(usize::MAX);
        // Sections (a heading each) have paragraphs between them; list items follow one another.
        let sections = doc.blocks.get(block_of(first)).is_some_and(|b| b.kind == BlockKind::Heading);
        let mut run: Vec<&Item> = vec![first];
        for it in &all[k + 1..] {
            let prev = run[run.len() - 1];
            let adjacent = if sections {
                doc.blocks.get(block_of(it)).is_some_and(|b| b.kind == BlockKind::Heading)
            } else {
                block_of(it) <= block_of(prev) + 1
            };
            if !adjacent {
                break;
            }
            if it.value != prev.value + 1 {
                // `(a) (b) (d)`: the list goes on but its lettering is broken, which is
                // numbering's finding; how many items it has is not known.
                if it.value > 1 {
                    return None;
                }
                break;
            }
            run.push(it);
        }
        let n = run.len() as u32;
        let last_block = run.last().map_or(bi, |it| block_of(it));
        let runs_off = last_block.saturating_add(3) >= doc.blocks.len();
        let items = run
            .iter()
            .map(|it| {
                let text = doc.norm_text(&it.content).trim();
                let head: String = if text.is_ascii() {
                    text.split_whitespace().take(4).collect::<Vec<_>>().join(" ")
                } else {
                    text.chars().take(16).collect()
                };
                format!("{} {head}", it.label)
            })
            .collect();
        Some(Reading {
            how: if sections {
                "in the sections that follow".to_owned()
            } else {
                "in the items that follow".to_owned()
            },
            min: n,
            max: (!runs_off).then_some(n),
            items,
            spans: run.iter().map(|it| it.span).collect(),
        })
    }

    fn stated(&self, f: &Figure) -> Option<u32> {
        let FigureKind::Count { .. } = f.kind else { return None };
        if f.qualifier.is_some() || !f.value.is_integer() {
            return None;
        }
        f.value.to_integer().to_u32().filter(|n| (2..=self.max_count).contains(n))
    }
}

impl Rule for ListCount {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context) {
        for (i, f) in doc.figures.iter().enumerate() {
            let Some(n) = self.stated(f) else { continue };
            let mut notes = Vec::new();
            let readings: Vec<Reading> =
                [self.following(doc, i, &mut notes), self.preceding(doc, i), self.lettered(doc, claims.items(), i)]
                    .into_iter()
                    .flatten()
                    .collect();
            if readings.is_empty() {
                // Say why a count that looked introduced to a list was not checked.
                if let Some(note) = notes.first() {
                    cx.skipped(format!("{} stated; {note}", f.text(doc)), vec![i]);
                }
                continue;
            }
            let relation =
                readings.iter().map(|r| format!("{} listed {}", r.listed(), r.how)).collect::<Vec<_>>().join("; ");
            let relation = format!("{} stated; {relation}", f.text(doc));
            // Each reading is a claim of its own: a list before the count and lettered sections
            // after it must both agree with it.
            let failed = readings.iter().find(|r| !r.allows(n));
            cx.checked(relation, failed.is_none(), vec![i]);
            if let Some(r) = failed {
                cx.report(finding(doc, f, n, r));
            }
        }
    }
}

/// Does the figure start a line of the original (so the text before it is another line, not
/// its list)?
fn starts_line(doc: &Document, block: &crate::document::Block, f: &Figure) -> bool {
    let at = f.span.offset;
    block.lines.iter().any(|l| {
        let prev_content = doc.norm.map.to_original(f.norm.start.saturating_sub(1).max(block.norm.start));
        l.start <= at && at < l.end.max(l.start + 1) && !(l.start <= prev_content && prev_content < at)
    })
}

fn finding(doc: &Document, f: &Figure, n: u32, r: &Reading) -> Finding {
    let more = r.min > n;
    let message = if more {
        format!("{} stated, but {} items are listed", f.text(doc), r.listed())
    } else {
        format!("{} stated, but only {} items are listed", f.text(doc), r.listed())
    };
    let shown: Vec<String> = r.items.iter().enumerate().map(|(k, it)| format!("{}. {it}", k + 1)).collect();
    let help = format!("listed {}: {}; stated {n}", r.how, shown.join("  "));
    let mut out = Finding::new(message, Label::new(f.span, "stated count")).help(help);
    for (k, sp) in r.spans.iter().enumerate() {
        out = out
            .label(Label::new(*sp, if r.spans.len() == 1 { "the list".to_owned() } else { format!("item {}", k + 1) }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> ListCount {
        let config: Config = toml::from_str(include_str!("../../rules/list-count.toml")).unwrap();
        ListCount::build(&config).unwrap()
    }

    fn range(r: Option<(u32, Option<u32>, Vec<String>)>) -> Option<(u32, Option<u32>)> {
        r.map(|(a, b, _)| (a, b))
    }

    #[test]
    fn items_are_split_outside_quotes_and_brackets() {
        assert_eq!(split_top("「甲、乙」、丙(丁、戊)、己", &['、']), ["「甲、乙」", "丙(丁、戊)", "己"]);
    }

    #[test]
    fn chinese_lists_after_an_intro() {
        let r = rule();
        assert_eq!(
            range(r.count_following("倫敦、多倫多、三藩市、吉隆坡、深圳及香港", false, false)),
            Some((6, Some(6)))
        );
        assert_eq!(range(r.count_following("「甲」、「乙」和「丙」", false, false)), Some((3, Some(3))));
        // `和平` is not a joining word; with no joining word there is no last item.
        assert_eq!(range(r.count_following("北京峰會、和平共處", false, false)), None);
        // A partial list has no upper bound.
        assert_eq!(range(r.count_following("減稅、派錢及寬免差餉", true, false)), Some((3, None)));
    }

    #[test]
    fn english_lists_allow_every_reading() {
        let r = rule();
        // `technology and innovation` may be one item or two.
        let l = "technology and innovation, our enterprise ecosystem, as well as our infrastructure investments";
        assert_eq!(range(r.count_following(l, false, false)), Some((3, Some(4))));
        let l = "first, enabling partnerships; second, deepening capabilities; and third, developing our people";
        assert_eq!(range(r.count_following(l, false, false)), Some((3, Some(3))));
        let l =
            "Mr Chan Chi-chiu, Mr Alex Koo Pok-sing, Mr Augustus Tang Kin-wing and Mr Wong Man-hang, for their support";
        assert_eq!(range(r.count_following(l, false, true)), Some((4, Some(4))));
        // `are` needs names.
        assert_eq!(range(r.count_following("designed to help workers, firms and families", false, true)), None);
    }
}
