//! Stated changes: which figures a "rise of 60%", a "由 A 增加至 B" or a "4 倍" relates.
//!
//! Shared by `percent-change` (is the stated size right?) and `change-direction` (is the stated
//! direction right?). The extraction works clause by clause (a sentence split at `；`), on the
//! normalised text, and only ever pairs figures of the same kind and unit. Its vocabulary is
//! `rules/changes.toml`.
//!
//! ## What it does
//!
//! Not a rule itself: it reads every stated change of a paper once (cached on the document), each
//! clause's vocabulary and brackets indexed so that no figure rescans its clause.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::claims::support::{Direction, WordList};
use crate::document::{Document, Figure, FigureKind};

const CHANGES_TOML: &str = include_str!("../../rules/changes.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWords {
    increase: Vec<String>,
    decrease: Vec<String>,
    compare: Vec<String>,
    not_compare: Vec<String>,
    from: Vec<String>,
    to: Vec<String>,
    average: Vec<String>,
    copula: Vec<String>,
    level_markers: Vec<String>,
    added: Vec<String>,
    comparative_up: Vec<String>,
    comparative_down: Vec<String>,
    comparative_after: Vec<String>,
    after_stated: Vec<String>,
    change_nouns: Vec<String>,
    yearly: Vec<String>,
    compare_open: Vec<String>,
    compare_close: Vec<String>,
    base_after: Vec<String>,
    negations: Vec<String>,
}

/// The vocabulary of stated changes.
#[derive(Debug)]
pub struct Words {
    pub increase: WordList,
    pub decrease: WordList,
    pub compare: WordList,
    pub not_compare: WordList,
    pub from: WordList,
    pub to: WordList,
    pub average: WordList,
    pub copula: WordList,
    pub level_markers: WordList,
    pub added: WordList,
    pub comparative_up: WordList,
    pub comparative_down: WordList,
    pub comparative_after: WordList,
    pub after_stated: WordList,
    pub change_nouns: WordList,
    pub yearly: WordList,
    pub compare_open: WordList,
    pub compare_close: WordList,
    pub base_after: WordList,
}

impl Words {
    pub fn from_toml(s: &str) -> Result<Words, String> {
        let r: RawWords = toml::from_str(s).map_err(|e| e.to_string())?;
        Ok(Words {
            // `負增長`, `負成長`: negative growth is a fall (the fall words list them).
            increase: WordList::new(r.increase).not_after(r.negations.iter().filter_map(|n| n.chars().next())),
            decrease: WordList::new(r.decrease),
            compare: WordList::new(r.compare),
            not_compare: WordList::new(r.not_compare),
            from: WordList::new(r.from),
            to: WordList::new(r.to),
            average: WordList::new(r.average),
            copula: WordList::new(r.copula),
            level_markers: WordList::new(r.level_markers),
            added: WordList::new(r.added),
            comparative_up: WordList::new(r.comparative_up),
            comparative_down: WordList::new(r.comparative_down),
            comparative_after: WordList::new(r.comparative_after),
            after_stated: WordList::new(r.after_stated),
            change_nouns: WordList::new(r.change_nouns),
            yearly: WordList::new(r.yearly),
            compare_open: WordList::new(r.compare_open),
            compare_close: WordList::new(r.compare_close),
            base_after: WordList::new(r.base_after),
        })
    }
}

pub fn words() -> &'static Words {
    static W: LazyLock<Words> = LazyLock::new(|| {
        // Compiled in and checked by `tests::embedded_words_parse`: a failure is a build defect.
        Words::from_toml(CHANGES_TOML).expect("embedded rules/changes.toml is valid")
    });
    &W
}

/// How the change was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `由 A 增加至 B`, `from A to B`.
    FromTo,
    /// `B，較 … A … 上升 P%`, `B … an increase of P% over … (A)`.
    Compared,
    /// `B … P% or $D higher`.
    OrDifference,
    /// `B 是 A 的 N 倍`, `N times as large as A`: the ratio itself.
    TimesOf,
    /// `B` stated earlier as a level, `D` added over the period: the base is `B − D`.
    Derived,
}

/// A change the paper states, by index into `doc.figures`.
#[derive(Debug, Clone)]
pub struct Change {
    /// The percentage, points or multiple stated as the size of the change.
    pub stated: Option<usize>,
    /// The direction the verb states.
    pub dir: Option<Direction>,
    pub base: Option<usize>,
    pub new: Option<usize>,
    pub delta: Option<usize>,
    /// The direction word, as a normalised range.
    pub verb: Option<Range<usize>>,
    pub form: Form,
    /// A second word stating the direction of the same change (`fell to $321.5 billion, down
    /// 2.6%`: `fell` beside `down`), if the paper gives one.
    pub also: Option<(Direction, Range<usize>)>,
}

impl Change {
    /// Every figure that takes part.
    pub fn figures(&self) -> Vec<usize> {
        [self.stated, self.base, self.new, self.delta].into_iter().flatten().collect()
    }
}

/// A clause with its figures and offsets relative to its start.
///
/// The words and brackets of a clause are found once, when first asked for, so that reading a
/// figure's surroundings is a binary search, not a scan of the clause: a hostile clause may hold
/// thousands of figures.
pub struct Clause<'d> {
    pub doc: &'d Document,
    pub text: &'d str,
    pub start: usize,
    /// Global figure indices, in order.
    pub figs: Range<usize>,
    marks: OnceCell<Marks>,
    parens: OnceCell<Vec<Range<usize>>>,
}

/// Where the change vocabulary occurs in a clause, each list in order.
struct Marks {
    increase: Vec<Range<usize>>,
    decrease: Vec<Range<usize>>,
    from: Vec<Range<usize>>,
    to: Vec<Range<usize>>,
    /// Comparison words without look-alikes (`比例`).
    compare: Vec<Range<usize>>,
    /// Clause and sentence marks: `，。；,;`.
    stops: Vec<usize>,
}

impl<'d> Clause<'d> {
    pub fn fig(&self, i: usize) -> &'d Figure {
        &self.doc.figures[i]
    }
    /// A figure's range relative to the clause.
    pub fn local(&self, i: usize) -> Range<usize> {
        let f = self.fig(i);
        f.norm.start.saturating_sub(self.start)..f.norm.end.saturating_sub(self.start)
    }
    fn global(&self, r: Range<usize>) -> Range<usize> {
        self.start + r.start..self.start + r.end
    }
    /// The first figure (global index) starting at or after local offset `pos`.
    pub fn first_fig_from(&self, pos: usize) -> usize {
        let figs = &self.doc.figures[self.figs.clone()];
        self.figs.start + figs.partition_point(|f| f.norm.start < self.start + pos)
    }
    /// The first figure (global index) ending after local offset `pos`: figures before it end
    /// at or before `pos`.
    pub fn figs_ending_by(&self, pos: usize) -> usize {
        let figs = &self.doc.figures[self.figs.clone()];
        self.figs.start + figs.partition_point(|f| f.norm.end <= self.start + pos)
    }
    /// Is local offset `pos` inside brackets opened earlier in the clause?
    pub fn in_parens(&self, pos: usize) -> bool {
        let inside = self.parens.get_or_init(|| {
            let mut out = Vec::new();
            let (mut depth, mut open) = (0u32, 0);
            for (i, c) in self.text.char_indices() {
                match c {
                    '(' | '（' => {
                        if depth == 0 {
                            open = i + c.len_utf8();
                        }
                        depth += 1;
                    }
                    ')' | '）' if depth > 0 => {
                        depth -= 1;
                        if depth == 0 {
                            out.push(open..i);
                        }
                    }
                    _ => {}
                }
            }
            if depth > 0 {
                out.push(open..self.text.len());
            }
            out
        });
        let k = inside.partition_point(|r| r.end < pos);
        inside.get(k).is_some_and(|r| r.start <= pos && pos <= r.end)
    }
    fn marks(&self) -> &Marks {
        self.marks.get_or_init(|| {
            let w = words();
            let bytes = self.text.as_bytes();
            // `，` (EF BC 8C), `。` (E3 80 82), `；` (EF BC 9B), `,` and `;`, found by their bytes
            // rather than by decoding every character of the clause.
            let stops = (0..bytes.len())
                .filter(|&i| match bytes[i] {
                    b',' | b';' => true,
                    0xef => matches!(bytes.get(i + 1..i + 3), Some([0xbc, 0x8c | 0x9b])),
                    0xe3 => bytes.get(i + 1..i + 3) == Some(&[0x80, 0x82]),
                    _ => false,
                })
                // A comma between digits groups thousands (`264,000`); it ends nothing.
                .filter(|&i| {
                    !(bytes[i] == b','
                        && i > 0
                        && bytes[i - 1].is_ascii_digit()
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
                })
                .collect();
            let [increase, decrease, from, to, compare] =
                WordList::find_all_each([&w.increase, &w.decrease, &w.from, &w.to, &w.compare], self.text);
            Marks { increase, decrease, from, to, compare: compares(w, self.text, compare), stops }
        })
    }
    /// The first clause or sentence mark at or after `pos`, or the clause's end.
    fn next_stop(&self, pos: usize) -> usize {
        let stops = &self.marks().stops;
        stops.get(stops.partition_point(|&i| i < pos)).copied().unwrap_or(self.text.len())
    }
    /// Are local offsets `a` and `b` in the same comma-delimited segment?
    fn same_segment(&self, a: usize, b: usize) -> bool {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        self.next_stop(a) >= b
    }
}

/// The first range in `list` starting at or after `pos`.
fn first_from(list: &[Range<usize>], pos: usize) -> Option<&Range<usize>> {
    list.get(list.partition_point(|r| r.start < pos))
}

/// The ranges of `list` that end at or before `pos`.
fn ending_by(list: &[Range<usize>], pos: usize) -> &[Range<usize>] {
    &list[..list.partition_point(|r| r.end <= pos)]
}

/// Every clause of the document: sentences split at semicolons, made one at a time (a paper of
/// 100 MB has millions; only the one being read is kept).
pub fn clauses(doc: &Document) -> impl Iterator<Item = Clause<'_>> {
    // Clauses come in reading order, so their figures are found by walking the figures once.
    let mut first = 0;
    let figures_before = move |from: usize, n: usize| {
        from + doc.figures.get(from..).unwrap_or(&[]).iter().take_while(|f| f.norm.start < n).count()
    };
    doc.sentences
        .iter()
        .flat_map(move |sent| {
            let text = doc.norm_text(&sent.norm);
            let base = sent.norm.start;
            let mut start = 0;
            let mut done = false;
            // `；` (EF BC 9B) is found by its last byte, `;` by its own, rather than by decoding
            // every character of the sentence.
            let bytes = text.as_bytes();
            let mut cuts = memchr::memchr2_iter(b';', 0x9b, bytes).filter_map(move |k| match bytes[k] {
                b';' => Some((k, ';')),
                _ if k >= 2 && bytes[k - 2..k] == [0xef, 0xbc] => Some((k - 2, '；')),
                _ => None,
            });
            std::iter::from_fn(move || {
                if done {
                    return None;
                }
                let (a, b) = match cuts.next() {
                    Some((i, c)) => {
                        let a = start;
                        start = i + c.len_utf8();
                        (a, i)
                    }
                    None => {
                        done = true;
                        (start, text.len())
                    }
                };
                Some((base + a, base + b))
            })
        })
        .map(move |(ga, gb)| {
            let f0 = figures_before(first, ga);
            let f1 = figures_before(f0, gb);
            first = f0;
            Clause {
                doc,
                text: doc.norm.text.get(ga..gb).unwrap_or(""),
                start: ga,
                figs: f0..f1,
                marks: OnceCell::new(),
                parens: OnceCell::new(),
            }
        })
}

/// Could these two figures be the same quantity at two times?
pub fn comparable(a: &Figure, b: &Figure) -> bool {
    a.kind.comparable(&b.kind)
        && !matches!(a.kind, FigureKind::Number | FigureKind::Multiple | FigureKind::Ratio { .. })
}

/// Could these two figures be the same quantity at two times, once the words around them tie
/// them (`from 1,200 to 1,500`, `264,000, up 60% from 168,000`)? Bare numbers pair with bare
/// numbers.
pub fn pairable(a: &Figure, b: &Figure) -> bool {
    comparable(a, b) || a.kind == FigureKind::Number && b.kind == FigureKind::Number
}

/// A level or a bare number: what can be an operand once the words tie it.
fn is_operand(f: &Figure) -> bool {
    is_level(f) || f.kind == FigureKind::Number
}

/// A level, as opposed to a change (points, multiples) or a bare number.
pub fn is_level(f: &Figure) -> bool {
    !matches!(
        f.kind,
        FigureKind::Number | FigureKind::Multiple | FigureKind::Ratio { .. } | FigureKind::PercentagePoints
    )
}

/// Is this multiple a word (`doubled`, `more than double`) rather than a numeral and `times`?
fn multiple_word(text: &str) -> bool {
    let v = crate::parse::vocab::vocabulary();
    v.en_multiples.suffix_of(text).is_some() || v.en_bare_multiples.suffix_of(text).is_some()
}

fn floor(s: &str, i: usize) -> usize {
    crate::source::floor_char_boundary(s, i)
}

fn direction_at(w: &Words, text: &str, i: usize) -> Option<Direction> {
    if w.increase.at(text, i).is_some() {
        Some(Direction::Up)
    } else if w.decrease.at(text, i).is_some() {
        Some(Direction::Down)
    } else {
        None
    }
}

/// The comparison words found in a clause, without look-alikes (`比例`).
fn compares(w: &Words, text: &str, found: Vec<Range<usize>>) -> Vec<Range<usize>> {
    found.into_iter().filter(|c| w.not_compare.at(text, c.start).is_none()).collect()
}

struct Extractor<'w> {
    w: &'w Words,
}

impl Extractor<'_> {
    /// The direction word governing the figure starting at `p`, if close: `大幅上升 60%`,
    /// `增加了 21%`, `an increase of 5.6%`. Returns the direction and the word's range.
    fn direction_before(&self, s: &Clause, p: usize) -> Option<(Direction, Range<usize>)> {
        let lo = floor(s.text, p.saturating_sub(27));
        let window = &s.text[lo..p];
        let mut best: Option<(Direction, Range<usize>)> = None;
        // `比 A 多 60%`: 多 and 高 state a direction only after a comparison word in the segment.
        let compared = ending_by(&s.marks().compare, p).last().is_some_and(|c| s.same_segment(c.start, p));
        let comparatives: &[(&WordList, Direction)] = if compared {
            &[(&self.w.comparative_up, Direction::Up), (&self.w.comparative_down, Direction::Down)]
        } else {
            &[]
        };
        let lists = [(&self.w.increase, Direction::Up), (&self.w.decrease, Direction::Down)];
        for &(list, dir) in lists.iter().chain(comparatives) {
            for r in list.find_all(window) {
                if best.as_ref().is_none_or(|b| lo + r.end > b.1.end) {
                    best = Some((dir, lo + r.start..lo + r.end));
                }
            }
        }
        let (dir, word) = best?;
        // `increased by no less than 25.1 per cent`: `less than` qualifies the figure.
        if s.text[word.end..p].trim_start().starts_with("than") {
            return None;
        }
        let gap = &s.text[word.end..p];
        let cjk_gap = gap.chars().filter(|c| !c.is_ascii()).count();
        let words = gap.split_whitespace().count();
        let clean = !gap.contains(['，', '。', '；', ',', ';', '：', ':']) && !gap.chars().any(|c| c.is_ascii_digit());
        let via_from_to = !self.w.from.find_all(gap).is_empty() || !self.w.to.find_all(gap).is_empty();
        (clean && !via_from_to && cjk_gap <= 4 && words <= 3).then_some((dir, word))
    }

    /// A direction word straight after the figure ending at `end`: `60% higher than`,
    /// `$2.1 billion more than`, `a 5% rise`.
    fn direction_after(&self, s: &Clause, end: usize) -> Option<(Direction, Range<usize>)> {
        let rest = &s.text[end..];
        let at = end + (rest.len() - rest.trim_start_matches(' ').len());
        self.w.after_stated.at(s.text, at)?;
        if let Some(n) = self.w.increase.at(s.text, at) {
            return Some((Direction::Up, at..at + n));
        }
        let n = self.w.decrease.at(s.text, at)?;
        Some((Direction::Down, at..at + n))
    }

    /// Is the change an average rate (`年均增長`, `average annual growth`)?
    fn averaged(&self, s: &Clause, word_start: usize) -> bool {
        let lo = floor(s.text, word_start.saturating_sub(24));
        !self.w.average.find_all(&s.text[lo..word_start]).is_empty()
    }

    /// The nearest direction word anywhere before `p` in the clause (`higher than … by P%`).
    fn direction_anywhere_before(&self, s: &Clause, p: usize) -> Option<(Direction, Range<usize>)> {
        let m = s.marks();
        let up = ending_by(&m.increase, p).last().map(|r| (Direction::Up, r.clone()));
        let down = ending_by(&m.decrease, p).last().map(|r| (Direction::Down, r.clone()));
        match (up, down) {
            (Some(u), Some(d)) => Some(if d.1.start > u.1.start { d } else { u }),
            (u, d) => u.or(d),
        }
    }

    /// A figure written as a difference (`增加 303 億元`, `新增 83 萬`), not a level.
    fn is_delta(&self, s: &Clause, i: usize) -> bool {
        let start = s.local(i).start;
        let lo = floor(s.text, start.saturating_sub(9));
        let before = s.text[lo..start].trim_end_matches(['了', ' ']);
        let before = ["超過", "超过", "逾", "約", "约", "共", " by", " of"]
            .iter()
            .fold(before, |b, q| b.strip_suffix(q).unwrap_or(b));
        let before = before.trim_end_matches(['了', ' ']);
        // `較 … 1萬宗多了 4 000宗`: more or fewer by so much, after a comparison.
        let raw = s.text[lo..start].trim_end();
        ["多了", "少了", "多出", "多出了"].iter().any(|w| raw.ends_with(w))
            || self.w.increase.ends(before).is_some()
            || self.w.decrease.ends(before).is_some()
            || self.w.added.ends(before).is_some()
    }

    /// The subject figure before `before`: the nearest comparable one outside brackets that is
    /// not a difference.
    fn subject(&self, s: &Clause, like: usize, before: usize, not: &[usize]) -> Option<usize> {
        (s.figs.start..s.figs_ending_by(before))
            .rev()
            .filter(|&i| !not.contains(&i))
            .filter(|&i| pairable(s.fig(i), s.fig(like)) && !s.in_parens(s.local(i).start))
            .find(|&i| !self.is_delta(s, i))
    }

    /// `P% or $D (higher|lower) [than … (A)]`.
    fn or_difference(&self, s: &Clause, stated: usize) -> Option<Change> {
        let p = s.local(stated);
        let after = &s.text[p.end..];
        let rest = after.strip_prefix(" or ").or_else(|| after.strip_prefix("或"))?;
        let d_start = p.end + (after.len() - rest.len());
        let d = Some(s.first_fig_from(d_start)).filter(|&i| i < s.figs.end && s.local(i).start == d_start)?;
        if !matches!(s.fig(d).kind, FigureKind::Money { .. } | FigureKind::Count { .. }) {
            return None;
        }
        let d_end = s.local(d).end;
        let tail = &s.text[d_end..];
        let lead = tail.len() - tail.trim_start().len();
        let (dir, verb) = match direction_at(self.w, s.text, d_end + lead) {
            Some(dir) => {
                let len =
                    self.w.increase.at(s.text, d_end + lead).or(self.w.decrease.at(s.text, d_end + lead)).unwrap_or(0);
                (dir, d_end + lead..d_end + lead + len)
            }
            None => self.direction_before(s, p.start).or_else(|| self.direction_anywhere_before(s, p.start))?,
        };
        let new = self.subject(s, d, p.start, &[d, stated])?;
        // A base stated after `than`: `lower than the 2019-20 RE ($125.9 billion)`.
        let base = first_from(&s.marks().compare, d_end)
            .and_then(|c| (s.first_fig_from(c.end).max(d + 1)..s.figs.end).find(|&i| comparable(s.fig(i), s.fig(d))));
        Some(Change {
            stated: Some(stated),
            dir: Some(dir),
            base,
            new: Some(new),
            delta: Some(d),
            verb: Some(s.global(verb)),
            form: Form::OrDifference,
            also: None,
        })
    }

    /// `由 A … 至 B` / `from A to B` starting at the from-word `f`.
    fn pair_at(&self, s: &Clause, f: &Range<usize>, not: Option<usize>) -> Option<(usize, usize, Range<usize>)> {
        // The pair is explicit, so bare numbers (`from 1,200 to 1,500`) may take part.
        let operand = |i: usize| is_level(s.fig(i)) || s.fig(i).kind == FigureKind::Number;
        // Only a date or a few words between the from-word and A, and between the to-word and B
        // (16 characters, 4 bytes at most each).
        let near = |from: usize, to: usize| {
            let gap = &s.text[from..to];
            gap.len() <= 64 && !gap.contains(['，', '。', ',']) && gap.chars().count() <= 16
        };
        let a = (s.first_fig_from(f.end)..s.figs.end)
            .take_while(|&i| s.local(i).start <= f.end + 64)
            .find(|&i| Some(i) != not && operand(i))?;
        // `from the 2003-04 Budget ($176 million to $383 million)`: the from-word names a period
        // and the pair follows it in brackets.
        let named = |gap: &str| {
            let g = gap.trim_end();
            g.ends_with(['(', '（'])
                && g.len() <= 64
                && !g.contains(['，', '。', ','])
                && g.split_whitespace().count() <= 5
        };
        if !near(f.end, s.local(a).start) && !named(&s.text[f.end..s.local(a).start]) {
            return None;
        }
        let a_end = s.local(a).end;
        // The to-word in the same clause as A, or opening the next one when A ends its clause
        // (`即從 1955 年的 3,496 億斤，增加到了 1959 年的 5,401 億斤`, `from 3.5 in 2019, to 5.4`):
        // a comma for breath, not the end of the pair.
        let stop = s.next_stop(a_end);
        let to = first_from(&s.marks().to, a_end)
            .filter(|t| {
                t.start <= stop
                    || self.only_period(s, a_end, stop)
                        && matches!(s.text[stop..].chars().next(), Some('，' | ','))
                        && s.text[stop..t.start].trim_start_matches(['，', ',']).trim().is_empty()
            })?
            .clone();
        let both_bare = |i: usize| s.fig(i).kind == FigureKind::Number && s.fig(a).kind == FigureKind::Number;
        let b = (s.first_fig_from(to.end)..s.figs.end)
            .take_while(|&i| s.local(i).start <= to.end + 64)
            .find(|&i| Some(i) != not && (comparable(s.fig(i), s.fig(a)) || both_bare(i)))?;
        if !near(to.end, s.local(b).start) {
            return None;
        }
        Some((a, b, to))
    }

    /// `to B from A`, the English order that names the new level first (`an increase in the
    /// intake to 20,000 from 13,750`), starting at the to-word `t`: A, B and the from-word.
    /// Only spaces may stand between B and the from-word, so `to 20,000 households from the
    /// fund` is no pair.
    fn reversed_pair_at(
        &self,
        s: &Clause,
        t: &Range<usize>,
        not: Option<usize>,
    ) -> Option<(usize, usize, Range<usize>)> {
        let operand = |i: usize| is_level(s.fig(i)) || s.fig(i).kind == FigureKind::Number;
        let b = s.first_fig_from(t.end);
        if b >= s.figs.end || Some(b) == not || !operand(b) {
            return None;
        }
        if !s.text[t.end..s.local(b).start].trim().is_empty() {
            return None;
        }
        let b_end = s.local(b).end;
        let f = first_from(&s.marks().from, b_end)?.clone();
        // `to $11.8 billion, from $9.8 billion last year`: a comma for breath.
        if !s.text[b_end..f.start].trim().trim_start_matches(',').trim().is_empty() {
            return None;
        }
        let a = s.first_fig_from(f.end);
        if a >= s.figs.end || Some(a) == not || !s.text[f.end..s.local(a).start].trim().is_empty() {
            return None;
        }
        // A count's unit is often written once, on the last figure (`to 20,000 from 13,750 places`).
        let bare_or_count = |i: usize| matches!(s.fig(i).kind, FigureKind::Number | FigureKind::Count { .. });
        let bare = s.fig(a).kind == FigureKind::Number || s.fig(b).kind == FigureKind::Number;
        (comparable(s.fig(a), s.fig(b)) || bare && bare_or_count(a) && bare_or_count(b)).then_some((a, b, f))
    }

    /// The direction of a `to B from A` pair: a direction word shortly before the to-word, in
    /// its segment (`rose to`, `an increase in the refugee intake to`). `up to` bounds a figure;
    /// it states no rise.
    fn reversed_direction(&self, s: &Clause, t: &Range<usize>) -> Option<(Direction, Range<usize>)> {
        let m = s.marks();
        let last = |list: &[Range<usize>]| ending_by(list, t.start).last().cloned();
        let (dir, word) = match (last(&m.increase), last(&m.decrease)) {
            (Some(u), Some(d)) if d.end > u.end => (Direction::Down, d),
            (Some(u), _) => (Direction::Up, u),
            (None, Some(d)) => (Direction::Down, d),
            (None, None) => return None,
        };
        if let Some(d) = self.delta_before(s, t.start) {
            return self.delta_direction(s, d);
        }
        let gap = &s.text[word.end..t.start];
        let clean = !gap.contains(['，', '。', '；', ',', ';', '：', ':', '(', ')'])
            && !gap.chars().any(|c| c.is_ascii_digit());
        let bound = gap.trim().is_empty() && s.text[word.clone()].eq_ignore_ascii_case("up");
        (clean && !bound && gap.split_whitespace().count() <= 4 && gap.chars().count() <= 32).then_some((dir, word))
    }

    /// Is the clause text between local offsets `a` and `b` nothing, or only the period A is
    /// for (` in 2019`, `1955年`)?
    fn only_period(&self, s: &Clause, a: usize, b: usize) -> bool {
        let g = s.start + a..s.start + b;
        let inside: Vec<Range<usize>> = s
            .doc
            .periods
            .iter()
            .filter(|p| p.norm.start >= g.start && p.norm.end <= g.end)
            .map(|p| p.norm.start - s.start..p.norm.end - s.start)
            .collect();
        let rest: String = s.text[a..b]
            .char_indices()
            .map(|(i, c)| if inside.iter().any(|r| r.contains(&(a + i))) { ' ' } else { c })
            .collect();
        let words: Vec<&str> = rest.split_whitespace().collect();
        match words[..] {
            [] => true,
            [w] => matches!(w, "in" | "for" | "at" | "of"),
            _ => false,
        }
    }

    /// The direction stated for a from–to pair: a verb between A and the to-word (`由 A 增加至
    /// B`), in the to-word (`增至`), or just before the from-word (`rose from A to B`).
    fn pair_direction(
        &self,
        s: &Clause,
        f: &Range<usize>,
        a: usize,
        to: &Range<usize>,
    ) -> Option<(Direction, Range<usize>)> {
        let a_end = s.local(a).end;
        let m = s.marks();
        // `from the heady 31% growth last year to …`: a noun straight after A names A, it is not
        // the verb of the pair.
        let names_a = |r: &Range<usize>| {
            s.text[a_end..r.start].trim().is_empty() && self.w.after_stated.at(s.text, r.start) == Some(r.len())
        };
        let up = first_from(&m.increase, a_end)
            .filter(|r| r.start < to.end && !names_a(r))
            .map(|r| (Direction::Up, r.clone()));
        let down = first_from(&m.decrease, a_end)
            .filter(|r| r.start < to.end && !names_a(r))
            .map(|r| (Direction::Down, r.clone()));
        match (up, down) {
            (Some(u), Some(d)) => return Some(if d.1.start < u.1.start { d } else { u }),
            (Some(x), None) | (None, Some(x)) => return Some(x),
            (None, None) => {}
        }
        if let Some(d) = self.delta_before(s, f.start) {
            return self.delta_direction(s, d);
        }
        let lo = floor(s.text, f.start.saturating_sub(15));
        let before = s.text[lo..f.start].trim_end();
        let at = self.w.increase.ends(before).or(self.w.decrease.ends(before))?;
        let d = direction_at(self.w, before, at)?;
        let len = before.len() - at;
        Some((d, lo + at..lo + at + len))
    }

    /// `rose by $2.6 billion from A to B`, `增加 26 億元至 B`: the difference straight before
    /// local offset `pos` (a from- or to-word), with its own direction word.
    fn delta_before(&self, s: &Clause, pos: usize) -> Option<usize> {
        let d = s.figs_ending_by(pos).checked_sub(1).filter(|&d| d >= s.figs.start)?;
        let gap = &s.text[s.local(d).end..pos];
        let money_or_count = matches!(s.fig(d).kind, FigureKind::Money { .. } | FigureKind::Count { .. });
        (money_or_count && gap.trim().is_empty() && self.delta_direction(s, d).is_some()).then_some(d)
    }

    /// `B 是 A 的 N 倍`, `N times as large as A`.
    fn times_of(&self, s: &Clause, m: usize) -> Option<Change> {
        let p = s.local(m);
        let before = &s.text[..p.start];
        let before_t = before.trim_end();
        let de = ["的約", "的约", "的逾", "的超過", "的近", "的"].iter().find(|w| before_t.ends_with(*w))?;
        let de_start = before_t.len() - de.len();
        // A ends right before 的.
        let a = (s.figs.start..m).rev().find(|&i| s.local(i).end <= de_start && is_level(s.fig(i)))?;
        if s.text[s.local(a).end..de_start].chars().count() > 2 {
            return None;
        }
        let b = self.subject(s, a, s.local(a).start, &[a, m])?;
        let between = &s.text[s.local(b).end..s.local(a).start];
        if self.w.copula.find_all(between).is_empty() || between.contains(['。', '；']) {
            return None;
        }
        Some(Change {
            stated: Some(m),
            dir: None,
            base: Some(a),
            new: Some(b),
            delta: None,
            verb: None,
            form: Form::TimesOf,
            also: None,
        })
    }

    /// `A, almost five times the global average of B`, `A is 2.5 times that of B`: the ratio of
    /// the level before the multiple to the level after it, in one segment.
    fn en_times_of(&self, s: &Clause, m: usize) -> Option<Change> {
        let p = s.local(m);
        let after = s.text[p.end..].strip_prefix(' ')?;
        let lead = ["the ", "that of ", "those of ", "as much as ", "as many as ", "as large as ", "as high as "];
        let l = lead.iter().find(|w| after.get(..w.len()).is_some_and(|a| a.eq_ignore_ascii_case(w)))?;
        let from = p.end + 1 + l.len();
        let b = s.first_fig_from(from);
        let gap_b = s.text.get(from..s.local(b).start.max(from))?;
        if b >= s.figs.end || !is_level(s.fig(b)) || gap_b.len() > 64 || gap_b.contains([',', ';', '.', '，', '；']) {
            return None;
        }
        // The level the multiple describes ends just before it: a few words, one comma at most.
        let a = s.figs_ending_by(p.start).checked_sub(1).filter(|&a| a >= s.figs.start)?;
        let gap_a = &s.text[s.local(a).end..p.start];
        let words = gap_a.split_whitespace().count();
        if !comparable(s.fig(a), s.fig(b)) || words > 3 || gap_a.contains([';', '.']) || gap_a.matches(',').count() > 1
        {
            return None;
        }
        Some(Change {
            stated: Some(m),
            dir: None,
            base: Some(b),
            new: Some(a),
            delta: None,
            verb: None,
            form: Form::TimesOf,
            also: None,
        })
    }

    /// `doubled from A to B`, `will more than double from …`: a multiple written as a verb is its
    /// own direction word, and states the ratio of its pair (not the ratio less one, as `增加了
    /// N 倍` may).
    fn multiple_verb(&self, s: &Clause, m: usize) -> Option<Change> {
        let mut c = self.operands(s, m, Direction::Up, s.local(m))?;
        c.form = Form::TimesOf;
        Some(c)
    }

    /// The base and new value of a change stated as `stated` (a percentage, points or a multiple)
    /// with its verb at `word`.
    fn operands(&self, s: &Clause, stated: usize, dir: Direction, word: Range<usize>) -> Option<Change> {
        let p = s.local(stated);
        let verb = Some(s.global(word.clone()));
        let change = |base, new, delta, form| Change {
            stated: Some(stated),
            dir: Some(dir),
            base,
            new,
            delta,
            verb: verb.clone(),
            form,
            also: None,
        };
        // The change phrase: its verb and its size, in either order.
        let first = word.start.min(p.start);
        let last = word.end.max(p.end);

        // `由 A 增加至 B，升幅 P%`, `rose from A to B, an increase of P%`: a pair in the phrase's
        // segment or the one before.
        for f in ending_by(&s.marks().from, last).iter().rev().filter(|f| self.near_segment(s, f.start, first)) {
            if let Some((a, b, _)) = self.pair_at(s, f, Some(stated)) {
                return Some(change(Some(a), Some(b), None, Form::FromTo));
            }
        }
        // `rose 18.1% to B from A`: a reversed pair straight after the phrase; `rose to B from
        // A, an increase of P%`: one in the phrase's segment or the one before.
        let seg_end = s.next_stop(last);
        let straight_after = first_from(&s.marks().to, last)
            .filter(|t| t.start < seg_end && s.text[last..t.start].trim().is_empty())
            .into_iter();
        let before = ending_by(&s.marks().to, first).iter().rev().take_while(|t| self.near_segment(s, t.start, first));
        for t in straight_after.chain(before) {
            if let Some((a, b, _)) = self.reversed_pair_at(s, t, Some(stated)) {
                return Some(change(Some(a), Some(b), None, Form::FromTo));
            }
        }
        // `increased by P% from A to B`; `B, up P% from A`: a from-word after the phrase, in its
        // segment.
        let after: Vec<Range<usize>> =
            s.marks().from.iter().filter(|f| f.start >= last && f.start < seg_end).cloned().collect();
        for f in &after {
            if let Some((a, b, _)) = self.pair_at(s, f, Some(stated)) {
                return Some(change(Some(a), Some(b), None, Form::FromTo));
            }
            if let Some(a) = self.operand_after(s, f.end, stated)
                && let Some(b) = self.subject(s, a, first, &[a, stated])
            {
                return Some(change(Some(a), Some(b), None, Form::Compared));
            }
        }
        // `與 A 相比，B 增長 P%`: the base is inside the two words.
        if let Some((a, close)) = self.circumfix(s, first, stated) {
            let between: Vec<usize> = (s.first_fig_from(close)..s.figs_ending_by(first))
                .filter(|&i| i != stated)
                .filter(|&i| comparable(s.fig(i), s.fig(a)) && !self.is_delta(s, i))
                .collect();
            // `與 A 相比，今年 B，增長 P%`: the new value in a segment of its own between the two,
            // when it is the one level there.
            let far = !self.near_segment(s, close, first);
            let b = match (&between[..], far) {
                ([b, ..], false) | ([b], true) => Some(*b),
                ([], false) => self.subject(s, a, s.local(a).start, &[a, stated]),
                _ => None,
            };
            return b.map(|b| change(Some(a), Some(b), None, Form::Compared));
        }
        let cmp = &s.marks().compare;
        // A comparison word before the verb, in its segment or the one before: `B，較 A 上升 P%`.
        if let Some(c) = ending_by(cmp, word.start).last().filter(|c| self.near_segment(s, c.start, word.start)) {
            // The base sits between the comparison word and the change; a figure that only
            // describes what is compared (`比 … 樓齡只有 9年的私人屋苑單位的售價高出`) is none.
            let a = (s.first_fig_from(c.end)..s.figs_ending_by(word.start))
                .rev()
                .filter(|&i| i != stated)
                .find(|&i| is_level(s.fig(i)) && !self.is_delta(s, i) && !Self::attribute(s, i, word.start));
            if let Some(a) = a
                && let Some(b) = self.subject(s, a, c.start, &[a, stated])
                && !Self::attribute(s, b, c.start)
            {
                return Some(change(Some(a), Some(b), None, Form::Compared));
            }
            // `較去年增加 303 億元，升幅 7%`: a difference instead of a base.
            let d = (s.first_fig_from(c.end)..s.figs_ending_by(p.start)).find(|&i| i != stated && self.is_delta(s, i));
            if let Some(d) = d
                && let Some(b) = self.subject(s, d, c.start, &[d, stated])
            {
                return Some(change(None, Some(b), Some(d), Form::Compared));
            }
            // `同比增長 50%`: the comparison names no figure; the base may still follow.
            if a.is_none()
                && let Some(c) = self.derived(s, stated, dir, verb.clone(), c.start)
            {
                return Some(c);
            }
        }
        // A comparison word after the phrase, in its segment: `B, 60% higher than A`,
        // `an increase of P% over December (A)`.
        if let Some(c) = first_from(cmp, last).filter(|c| s.same_segment(last, c.start)) {
            let stop = s.next_stop(c.end).max(c.end);
            let a = (s.first_fig_from(c.end)..s.figs.end)
                .take_while(|&i| s.local(i).start <= stop || s.in_parens(s.local(i).start))
                .find(|&i| is_operand(s.fig(i)));
            if let Some(a) = a
                && let Some(b) = self.subject(s, a, first, &[a, stated])
            {
                return Some(change(Some(a), Some(b), None, Form::Compared));
            }
        }
        // `B were up from A last year, a rise of P%`: the from-word in the segment before the
        // phrase, with no to-word, and the subject before it.
        // English only: `由 A，增加了 80% 至 B` names the new value after the phrase, and the
        // figure before `由` is another quantity.
        for f in ending_by(&s.marks().from, first).iter().rev().take_while(|f| self.near_segment(s, f.start, first)) {
            if s.same_segment(f.start, first) || !s.text[f.clone()].is_ascii() {
                continue;
            }
            if let Some(a) = self.operand_after(s, f.end, stated)
                && s.same_segment(f.start, s.local(a).start)
                && let Some(b) = self.subject(s, a, f.start, &[a, stated])
            {
                return Some(change(Some(a), Some(b), None, Form::Compared));
            }
        }
        self.base_after(s, stated, first, last).map(|(a, b)| change(Some(a), Some(b), None, Form::Compared))
    }

    /// The base in the segment after the phrase, opened by a word that names it as the base:
    /// `實時交易 264,000 宗，同比增長 50%，去年同期為 168,000 宗`; `grew 50% year on year to
    /// 264,000, compared with 168,000 a year earlier`. The new value is the level after a
    /// to-word in the phrase's segment, else the subject before the phrase.
    fn base_after(&self, s: &Clause, stated: usize, first: usize, last: usize) -> Option<(usize, usize)> {
        let seg_end = s.next_stop(last);
        if seg_end >= s.text.len() || !matches!(s.text[seg_end..].chars().next(), Some('，' | ',')) {
            return None;
        }
        let open = seg_end + s.text[seg_end..].chars().next().map_or(1, char::len_utf8);
        let lead = s.text[open..].len() - s.text[open..].trim_start().len();
        let n = self.w.base_after.at(s.text, open + lead)?;
        let word_end = open + lead + n;
        let a = s.first_fig_from(word_end);
        if a >= s.figs.end || a == stated || !is_operand(s.fig(a)) || self.is_delta(s, a) {
            return None;
        }
        let gap = &s.text[word_end..s.local(a).start];
        if gap.contains(['，', '。', ',', ';', '；']) || gap.chars().count() > 16 {
            return None;
        }
        let to = first_from(&s.marks().to, last).filter(|t| t.start < seg_end).and_then(|t| {
            let b = s.first_fig_from(t.end);
            (b < s.figs.end && s.local(b).start < seg_end && s.text[t.end..s.local(b).start].trim().is_empty())
                .then_some(b)
        });
        let b = to.or_else(|| self.subject(s, a, first, &[a, stated]))?;
        comparable(s.fig(a), s.fig(b)).then_some((a, b))
    }

    /// Is figure `i` an attribute of the noun that follows it up to local offset `until`
    /// (`9年的私人屋苑單位的售價`), rather than the amount compared there?
    /// A count of one is as often the article (`一個 21年樓齡的居屋單位`) and is no such amount
    /// either.
    fn attribute(s: &Clause, i: usize, until: usize) -> bool {
        let f = s.fig(i);
        if matches!(f.kind, FigureKind::Count { .. }) && f.value == crate::quantity::Q::one() {
            return true;
        }
        let end = s.local(i).end;
        let gap = s.text.get(end..until.max(end)).unwrap_or("").trim_start();
        gap.strip_prefix('的')
            .is_some_and(|rest| rest.chars().take(4).filter(|c| crate::parse::chars::is_han(*c)).count() >= 2)
    }

    /// Are local offsets `a` ≤ `b` in the same segment or in adjacent ones?
    fn near_segment(&self, s: &Clause, a: usize, b: usize) -> bool {
        let stops = &s.marks().stops;
        let from = stops.partition_point(|&i| i < a);
        let to = stops.partition_point(|&i| i < b);
        to.saturating_sub(from) <= 1
    }

    /// The level straight after a from-word with no to-word: `up 60% from 168,000`.
    fn operand_after(&self, s: &Clause, pos: usize, not: usize) -> Option<usize> {
        let a =
            (s.first_fig_from(pos)..s.figs.end).take_while(|&i| s.local(i).start <= pos + 64).find(|&i| i != not)?;
        let gap = &s.text[pos..s.local(a).start];
        let near = !gap.contains(['，', '。', ',', ';', '；']) && gap.chars().count() <= 16;
        (near && is_operand(s.fig(a)) && !self.is_delta(s, a)).then_some(a)
    }

    /// `與 A 相比` before `pos`: the base A and where the closing word ends.
    fn circumfix(&self, s: &Clause, pos: usize, not: usize) -> Option<(usize, usize)> {
        // This segment and the two before it (`與 A 相比，今年 B，增長 P%`).
        let stops = &s.marks().stops;
        let k = stops.partition_point(|&i| i < pos);
        let lo = match k.checked_sub(3).map(|k| stops[k]) {
            Some(i) => i + s.text[i..].chars().next().map_or(1, char::len_utf8),
            None => 0,
        };
        let window = &s.text[lo..pos];
        let close = self.w.compare_close.find_all(window).into_iter().last()?;
        let (cs, ce) = (lo + close.start, lo + close.end);
        let open = self.w.compare_open.find_all(&s.text[lo..cs]).into_iter().last()?;
        let os = lo + open.end;
        if !s.same_segment(os, cs) {
            return None;
        }
        let a = (s.first_fig_from(os)..s.figs_ending_by(cs)).rev().find(|&i| i != not && is_level(s.fig(i)))?;
        Some((a, ce))
    }

    /// `首 4 個月共新增 83 萬個帳戶登記，即 4 月底較去年底增加了 21%`, with the level
    /// (`帳戶登記數目增加至 486 萬個`) stated earlier in the paragraph: the base is the level
    /// less what was added. The added amount and the level must count the same thing: the same
    /// classifier, and the noun after the added amount found just before the level.
    fn derived(
        &self,
        s: &Clause,
        stated: usize,
        dir: Direction,
        verb: Option<Range<usize>>,
        cmp_start: usize,
    ) -> Option<Change> {
        if dir != Direction::Up {
            return None;
        }
        let d = (s.figs.start..s.figs_ending_by(cmp_start).min(stated)).rev().find(|&i| self.is_delta(s, i))?;
        let doc = s.doc;
        let df = s.fig(d);
        let FigureKind::Count { classifier } = &df.kind else { return None };
        let noun: String =
            doc.norm.text[df.norm.end..].chars().take_while(|c| crate::parse::chars::is_han(*c)).take(4).collect();
        if noun.chars().count() < 2 {
            return None;
        }
        // The numbered paragraph, or the block when paragraphs are not numbered.
        let block = doc.block_at(df.norm.start)?;
        let first_block = match doc.paragraph_of(block) {
            Some(para) => doc.blocks.iter().position(|b| b.paragraph == Some(para))?,
            None => block,
        };
        let para_start = doc.blocks[first_block].norm.start;
        let b = (0..d).rev().take_while(|&i| doc.figures[i].norm.start >= para_start).find(|&i| {
            let f = &doc.figures[i];
            let lo = floor(&doc.norm.text, f.norm.start.saturating_sub(48));
            let before = &doc.norm.text[lo..f.norm.start];
            f.kind == FigureKind::Count { classifier: classifier.clone() }
                && self.w.level_markers.ends(before).is_some()
                && before.contains(noun.as_str())
        })?;
        Some(Change {
            stated: Some(stated),
            dir: Some(dir),
            base: None,
            new: Some(b),
            delta: Some(d),
            verb,
            form: Form::Derived,
            also: None,
        })
    }

    fn stated(&self, s: &Clause, stated: usize) -> Option<Change> {
        let kind = &s.fig(stated).kind;
        if *kind == FigureKind::Multiple
            && let Some(c) = self.times_of(s, stated).or_else(|| self.en_times_of(s, stated))
        {
            return Some(c);
        }
        if *kind == FigureKind::Multiple && multiple_word(&s.text[s.local(stated)]) {
            return self.multiple_verb(s, stated);
        }
        if *kind == FigureKind::Percent
            && let Some(c) = self.or_difference(s, stated).or_else(|| self.delta_beside(s, stated))
        {
            return Some(c);
        }
        let p = s.local(stated);
        // `由跌 16.2% 擴大至跌 18%`: a figure right after a from- or to-word is an end of a pair,
        // not the size of a change (its 跌 is its sign).
        if self.pair_end(s, p.start) || self.range_start(s, stated) {
            return None;
        }
        // `電機產品增 0.5億美元(年增9.2%)`: a size in brackets after an item of a list is that
        // item's, whose level the paper does not state.
        if self.item_in_list(s, stated) {
            return None;
        }
        let (dir, word) = self.direction_before(s, p.start).or_else(|| self.direction_after(s, p.end))?;
        if self.averaged(s, word.start) {
            return None;
        }
        let also = self.second_direction(s, &word);
        match self.operands(s, stated, dir, word.clone()) {
            Some(c) if self.yearly_over_years(s, &c, &word) => None,
            Some(mut c) => {
                c.also = also;
                Some(c)
            }
            None => also.map(|also| Change {
                stated: Some(stated),
                dir: Some(dir),
                base: None,
                new: None,
                delta: None,
                verb: Some(s.global(word)),
                form: Form::Compared,
                also: Some(also),
            }),
        }
    }

    /// A second word for the direction of the change whose word is `word`: a verb with its level
    /// in the segment before (`fell to $321.5 billion in April, down 2.6%`) or a noun
    /// (`錄得跌幅，分別下跌 15.6%`, `錄得回升，按年升幅達 3.7%`). Only a short stretch may lie
    /// between — the level after `to`, a time — so that `A rose 5%, while B fell 3%` are two
    /// changes.
    fn second_direction(&self, s: &Clause, word: &Range<usize>) -> Option<(Direction, Range<usize>)> {
        let m = s.marks();
        let up = ending_by(&m.increase, word.start).last().map(|r| (Direction::Up, r.clone()));
        let down = ending_by(&m.decrease, word.start).last().map(|r| (Direction::Down, r.clone()));
        let (dir, w2) = match (up, down) {
            (Some(u), Some(d)) => {
                if d.1.start > u.1.start {
                    d
                } else {
                    u
                }
            }
            (u, d) => u.or(d)?,
        };
        if !self.near_segment(s, w2.end, word.start) || s.same_segment(w2.end, word.start) {
            return None;
        }
        // What lies between, without the level after a to-word and without times.
        let mut between = s.text[w2.end..word.start].to_owned();
        let figs: Vec<usize> = (s.first_fig_from(w2.end)..s.figs_ending_by(word.start)).collect();
        if figs.len() > 1 {
            return None;
        }
        if let Some(&b) = figs.first() {
            let r = s.local(b);
            let before = s.text[w2.end..r.start].trim();
            if !is_level(s.fig(b)) || self.w.to.find_all(before).last().is_none_or(|t| t.end != before.len()) {
                return None;
            }
            between = format!("{}{}", &s.text[r.end..word.start], "");
        }
        // The first word is a verb with its level (`fell to $321.5 billion`), or in Chinese a
        // noun of change (`錄得跌幅`, `錄得回升`): a bare `growth` or `down` elsewhere in the
        // sentence says nothing about this change.
        let noun = self.w.change_nouns.at(s.text, w2.start).is_some_and(|n| n == w2.len());
        if figs.is_empty() && !noun {
            return None;
        }
        let between = between.trim_matches(|c: char| c == ' ' || c == ',' || c == '，');
        let words: Vec<&str> = between.split_whitespace().collect();
        let han = between.chars().filter(|c| crate::parse::chars::is_han(*c)).count();
        let short = if between.is_ascii() { words.len() <= 3 } else { han <= 4 && !between.contains(['；', ';']) };
        let contrast =
            between.contains(['而', '但']) || words.iter().any(|w| matches!(*w, "while" | "but" | "whereas"));
        (short && !contrast).then(|| (dir, s.global(w2)))
    }

    /// `由 2005 年的 952 萬平方米上升至 2012 年的 1,079 萬平方米，按年增長只有 2%`: a rate per year
    /// between figures years apart is an average, not the ratio of the two.
    fn yearly_over_years(&self, s: &Clause, c: &Change, word: &Range<usize>) -> bool {
        let (Some(_), Some(_)) = (c.base, c.new) else { return false };
        let doc = s.doc;
        // The years the sentence names (`由 2005 年的 … 倍增至上年的 …，但同期 … 由 A 上升至 B`).
        let sent = doc.sentence_at(s.start).map(|k| doc.sentences[k].norm.clone()).unwrap_or(s.start..s.start);
        let a = doc.periods.partition_point(|p| p.norm.start < sent.start);
        let z = doc.periods.partition_point(|p| p.norm.start < sent.end);
        let years: Vec<i32> =
            doc.periods[a..z.max(a)].iter().filter(|p| !p.floating).map(|p| i32::from(p.start.year())).collect();
        let apart = matches!((years.iter().min(), years.iter().max()), (Some(x), Some(y)) if y - x >= 2);
        let lo = floor(s.text, word.start.saturating_sub(12));
        apart && !self.w.yearly.find_all(&s.text[lo..word.end]).is_empty()
    }

    /// `a growth rate of 4.5% to 6.5%`, `四十％至四十五％`: the first end of a range.
    fn range_start(&self, s: &Clause, stated: usize) -> bool {
        let end = s.local(stated).end;
        let Some(to) = first_from(&s.marks().to, end) else { return false };
        let next = s.first_fig_from(to.end);
        s.text[end..to.start].trim().is_empty()
            && next < s.figs.end
            && s.fig(next).kind == s.fig(stated).kind
            && s.text[to.end..s.local(next).start].trim().is_empty()
    }

    /// A size in brackets straight after a figure that follows a parts opener (`其中 A 增 X (P%)、
    /// B 增 Y (Q%)`).
    fn item_in_list(&self, s: &Clause, stated: usize) -> bool {
        let p = s.local(stated);
        if !s.in_parens(p.start) {
            return false;
        }
        let before = s.text[..p.start].trim_end();
        let Some(open) = before.rfind(['(', '（']) else { return false };
        let x = s.figs_ending_by(open);
        let Some(x) = x.checked_sub(1).filter(|&x| x >= s.figs.start) else { return false };
        if !s.text[s.local(x).end..open].trim().is_empty() {
            return false;
        }
        let openers = &crate::claims::parts::words().openers;
        !openers.find_all(&s.text[..s.local(x).start]).is_empty()
    }

    /// Does a from- or to-word stand right before local offset `at` (a direction word between
    /// allowed: `由跌`, `至跌`, `to`)?
    fn pair_end(&self, s: &Clause, at: usize) -> bool {
        let m = s.marks();
        let last = ending_by(&m.from, at).last().into_iter().chain(ending_by(&m.to, at).last()).map(|r| r.end).max();
        last.is_some_and(|end| {
            let gap = s.text[end..at].trim();
            let gap = self.w.increase.ends(gap).or(self.w.decrease.ends(gap)).map_or(gap, |k| gap[..k].trim_end());
            gap.is_empty()
        })
    }

    /// A difference written beside the percentage: `增 77.5 億美元或年增 65.2%`, `$143.7 million or
    /// 126% more`, `減少 2.0%（3.89 億美元）`. The new value is the subject before both.
    fn delta_beside(&self, s: &Clause, stated: usize) -> Option<Change> {
        let p = s.local(stated);
        let money_or_count = |i: usize| matches!(s.fig(i).kind, FigureKind::Money { .. } | FigureKind::Count { .. });
        // Before: `D or [a] [direction] P`.
        let lo = floor(s.text, p.start.saturating_sub(24));
        let window = &s.text[lo..p.start];
        let or_at = window.rfind(" or ").map(|k| (lo + k, 4)).or_else(|| window.rfind('或').map(|k| (lo + k, 3)));
        let before = or_at.and_then(|(at, len)| {
            let between = &s.text[at + len..p.start];
            let clean = !between.contains(['，', ',', '。', ';', '；']) && !between.chars().any(|c| c.is_ascii_digit());
            let d = s.figs_ending_by(at).checked_sub(1).filter(|&d| d >= s.figs.start)?;
            let gap = &s.text[s.local(d).end..at];
            (clean && gap.trim().is_empty() && money_or_count(d)).then_some(d)
        });
        // After: `P（D）`.
        let after = || {
            let rest = &s.text[p.end..];
            let open =
                rest.strip_prefix('（').or_else(|| rest.strip_prefix(" (")).or_else(|| rest.strip_prefix('('))?;
            let at = p.end + (rest.len() - open.len());
            let d = s.first_fig_from(at);
            (d < s.figs.end && s.local(d).start == at && money_or_count(d)).then_some(d)
        };
        let d_before = before.is_some();
        let d = before.or_else(after)?;
        // `增加 $D 或 P%`: the word before the percentage governs it when it follows the
        // difference; `較前月減少 P%（D）`: the difference is in brackets after it.
        let (dir, word) = self
            .direction_before(s, p.start)
            .filter(|(_, w)| !d_before || w.start >= s.local(d).end)
            .or_else(|| self.direction_after(s, p.end))
            .or_else(|| self.delta_direction(s, d))?;
        if self.averaged(s, word.start) {
            return None;
        }
        let first = s.local(d).start.min(word.start);
        let new = self.subject(s, d, first, &[d, stated])?;
        if !self.names_subject(s, &word, new) {
            return None;
        }
        Some(Change {
            stated: Some(stated),
            dir: Some(dir),
            base: None,
            new: Some(new),
            delta: Some(d),
            verb: Some(s.global(word)),
            form: Form::OrDifference,
            also: None,
        })
    }

    /// `A car with an OMV of $45,000 will incur $10,000 or 22% more ARF`: an English comparative
    /// followed by a noun names what grew, and the subject must be a figure of it (`$45,000` is
    /// the OMV, not the ARF). True when no noun follows (`22% higher than`), or the noun stands
    /// near the subject.
    fn names_subject(&self, s: &Clause, word: &Range<usize>, new: usize) -> bool {
        let Some(rest) = s.text.get(word.end..) else { return true };
        if !rest.starts_with(' ') {
            return true;
        }
        let noun = rest.trim_start().split(|c: char| !c.is_ascii_alphanumeric() && c != '-').next().unwrap_or("");
        let stop = &crate::parse::vocab::vocabulary().en_stopwords;
        let lower = noun.to_ascii_lowercase();
        if noun.is_empty()
            || !noun.starts_with(|c: char| c.is_ascii_alphabetic())
            || stop.contains(&lower)
            || ["than", "compared", "year-on-year", "yoy"].contains(&lower.as_str())
        {
            return true;
        }
        let nf = s.local(new);
        let lo = floor(s.text, nf.start.saturating_sub(48));
        let hi = floor(s.text, (nf.end + 24).min(s.text.len()));
        s.text[lo..hi].to_ascii_lowercase().contains(&lower)
    }

    /// The direction word governing a difference: just before it (`增加 303 億元`) or just after
    /// it (`$2.1 billion higher`).
    fn delta_direction(&self, s: &Clause, d: usize) -> Option<(Direction, Range<usize>)> {
        let start = s.local(d).start;
        let lo = floor(s.text, start.saturating_sub(15));
        let before = s.text[lo..start].trim_end_matches(['了', ' ']);
        let before = ["超過", "超过", "逾", "約", "约", "共", "by", "of"]
            .iter()
            .fold(before, |b, q| b.strip_suffix(q).unwrap_or(b))
            .trim_end_matches(['了', ' ']);
        for (list, dir) in
            [(&self.w.increase, Direction::Up), (&self.w.decrease, Direction::Down), (&self.w.added, Direction::Up)]
        {
            if let Some(k) = list.ends(before) {
                return Some((dir, lo + k..lo + before.trim_end().len()));
            }
        }
        // After it, only a comparative: `$2.1 billion higher than`.
        let end = s.local(d).end;
        let rest = &s.text[end..];
        let at = end + (rest.len() - rest.trim_start_matches(' ').len());
        let n = self.w.comparative_after.at(s.text, at)?;
        let (dir, _) = self.direction_after(s, end)?;
        Some((dir, at..at + n))
    }

    /// A change stated as a difference only: `比 1957 年的 312 萬噸增加了 190 萬噸`, `$2.1 billion
    /// higher than last year's $9.8 billion`, `an increase of $239 million over the 2003-04 Budget
    /// figure ($1.894 billion)`. The base follows a comparison word in the difference's segment; the
    /// new value is the subject before.
    fn differences(&self, s: &Clause, out: &mut Vec<Change>) {
        let used: HashSet<usize> = out.iter().flat_map(Change::figures).collect();
        for d in s.figs.clone() {
            if used.contains(&d) || !matches!(s.fig(d).kind, FigureKind::Money { .. } | FigureKind::Count { .. }) {
                continue;
            }
            let Some((dir, word)) = self.delta_direction(s, d) else { continue };
            if self.averaged(s, word.start) {
                continue;
            }
            let (ds, de) = (s.local(d).start, s.local(d).end);
            let first = ds.min(word.start);
            let last = de.max(word.end);
            let cmp = &s.marks().compare;
            // `比 A 增加了 D`: the comparison before, in the segment.
            let before = ending_by(cmp, first).last().filter(|c| s.same_segment(c.start, first)).and_then(|c| {
                let a = (s.first_fig_from(c.end)..s.figs_ending_by(first))
                    .rev()
                    .find(|&i| i != d && comparable(s.fig(i), s.fig(d)) && is_level(s.fig(i)))?;
                Some((a, c.start))
            });
            // `D higher than A`, `an increase of D over … (A)`: the comparison after.
            let after = || {
                let c = first_from(cmp, last).filter(|c| s.same_segment(last, c.start))?;
                let stop = s.next_stop(c.end).max(c.end);
                let a = (s.first_fig_from(c.end)..s.figs.end)
                    .take_while(|&i| s.local(i).start <= stop || s.in_parens(s.local(i).start))
                    .find(|&i| comparable(s.fig(i), s.fig(d)) && is_level(s.fig(i)))?;
                Some((a, first))
            };
            let Some((a, subject_before)) = before.or_else(after) else { continue };
            let Some(b) = self.subject(s, a, subject_before, &[a, d]) else { continue };
            out.push(Change {
                stated: None,
                dir: Some(dir),
                base: Some(a),
                new: Some(b),
                delta: Some(d),
                verb: Some(s.global(word)),
                form: Form::Compared,
                also: None,
            });
        }
    }

    /// From–to pairs that state a direction but no size (`由 40 萬港元增加至 60 萬港元`).
    fn plain_pairs(&self, s: &Clause, out: &mut Vec<Change>) {
        let stated: HashSet<(usize, usize)> = out.iter().filter_map(|c| Some((c.base?, c.new?))).collect();
        for f in &s.marks().from {
            let Some((a, b, to)) = self.pair_at(s, f, None) else { continue };
            if stated.contains(&(a, b)) {
                continue;
            }
            let Some((dir, verb)) = self.pair_direction(s, f, a, &to) else { continue };
            if self.averaged(s, verb.start) {
                continue;
            }
            // `共增加了 D，即從 A 增加到 B`, `from A to B, an increase of D`: the difference beside
            // the pair, in its segment or the next one out.
            let (lo, hi) = (f.start, s.local(b).end);
            // `由 A 增加 D 至 B`: the difference inside the pair, straight before its to-word.
            let inside = self.delta_before(s, to.start).filter(|&d| d != a && comparable(s.fig(d), s.fig(a)));
            let delta = inside.or_else(|| {
                (s.figs.clone()).find(|&d| {
                    let r = s.local(d);
                    d != a
                        && d != b
                        && matches!(s.fig(d).kind, FigureKind::Money { .. } | FigureKind::Count { .. })
                        && comparable(s.fig(d), s.fig(a))
                        && (self.near_segment(s, r.end, lo) && r.end <= lo
                            || self.near_segment(s, hi, r.start) && r.start >= hi)
                        && self.delta_direction(s, d).is_some_and(|(_, w)| !self.averaged(s, w.start))
                })
            });
            out.push(Change {
                stated: None,
                dir: Some(dir),
                base: Some(a),
                new: Some(b),
                delta,
                verb: Some(s.global(verb)),
                form: Form::FromTo,
                also: None,
            });
        }
        // `an increase in the intake to 20,000 from 13,750`.
        for t in &s.marks().to {
            let Some((a, b, _)) = self.reversed_pair_at(s, t, None) else { continue };
            if out.iter().any(|c| c.base == Some(a) && c.new == Some(b)) {
                continue;
            }
            let Some((dir, verb)) = self.reversed_direction(s, t) else { continue };
            if self.averaged(s, verb.start) {
                continue;
            }
            let delta = self.delta_before(s, t.start).filter(|&d| comparable(s.fig(d), s.fig(a)));
            out.push(Change {
                stated: None,
                dir: Some(dir),
                base: Some(a),
                new: Some(b),
                delta,
                verb: Some(s.global(verb)),
                form: Form::FromTo,
                also: None,
            });
        }
    }
}

/// Every change stated in the document (read once per document, by
/// [`crate::claims::Claims::changes`]).
pub(crate) fn read_changes(doc: &Document) -> Vec<Change> {
    let x = Extractor { w: words() };
    let mut out = Vec::new();
    for s in clauses(doc) {
        if s.figs.is_empty() {
            continue;
        }
        let mut here = Vec::new();
        for i in s.figs.clone() {
            if matches!(doc.figures[i].kind, FigureKind::Percent | FigureKind::PercentagePoints | FigureKind::Multiple)
                && let Some(c) = x.stated(&s, i)
            {
                here.push(c);
            }
        }
        // A pair of figures is the operand of one stated size: the one nearest it (`increased by
        // 15% from $1046 to $1202, and … a 10% increase in …`).
        let distance = |c: &Change| {
            let (Some(p), Some(a)) = (c.stated, c.base) else { return usize::MAX };
            doc.figures[p].norm.start.abs_diff(doc.figures[a].norm.start)
        };
        let mut keep = vec![true; here.len()];
        for i in 0..here.len() {
            for j in 0..here.len() {
                let same_pair = i != j
                    && here[i].stated.is_some()
                    && here[j].stated.is_some()
                    && here[i].base.is_some()
                    && (here[i].base, here[i].new) == (here[j].base, here[j].new);
                if same_pair && (distance(&here[j]), j) < (distance(&here[i]), i) {
                    keep[i] = false;
                }
            }
        }
        let mut k = 0;
        here.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        x.plain_pairs(&s, &mut here);
        x.differences(&s, &mut here);
        out.extend(here);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_words_parse() {
        Words::from_toml(CHANGES_TOML).unwrap();
    }

    /// Each change read in `text`, as its stated, base, new and difference figures' texts.
    fn changes(text: &str) -> Vec<[String; 4]> {
        let doc = crate::parse::parse(
            &crate::source::Source::from_text("t.txt", text),
            &crate::parse::ParseOptions::default(),
        );
        let t = |i: Option<usize>| i.map_or(String::new(), |i| doc.figures[i].text(&doc).to_owned());
        read_changes(&doc).iter().map(|c| [t(c.stated), t(c.base), t(c.new), t(c.delta)]).collect()
    }

    /// One expected reading of three figure texts.
    fn one(a: &str, b: &str, c: &str) -> Vec<(String, String, String)> {
        vec![(a.to_owned(), b.to_owned(), c.to_owned())]
    }

    /// Each change read in `text`, as (stated, base, new) figure texts.
    fn read(text: &str) -> Vec<(String, String, String)> {
        changes(text).into_iter().map(|[s, b, n, _]| (s, b, n)).collect()
    }

    #[test]
    fn a_base_named_after_the_change() {
        // The base in a segment of its own after the change.
        assert_eq!(read("实时交易达26.4万宗，同比增长50%，去年同期为16.8万宗。"), one("50%", "16.8万宗", "26.4万宗"));
        assert_eq!(
            read("Spending grew 50% year on year to $264 million, compared with $168 million a year earlier."),
            one("50%", "$168 million", "$264 million")
        );
        // The from-word in the segment before the change, the subject before it.
        assert_eq!(
            read("Transactions of 264,000 were up from 168,000 last year, a rise of 50 per cent."),
            one("50 per cent", "168,000", "264,000")
        );
        // `與 A 相比，B，增長 P%`: the new value in a segment between the two.
        assert_eq!(
            read("與去年的 168,000 宗相比，今年實時交易 264,000 宗，增長 50%。"),
            one("50%", "168,000宗", "264,000宗")
        );
        // `由 A，增加了 P% 至 B`: the figure before `由` is another quantity, never the new value.
        let t = "整體土地面積增加至 1 108平方公里，其中建設土地面積由 146平方公里，大幅增加了超過 80%至 265平方公里。";
        assert!(read(t).iter().all(|(_, _, new)| new != "1 108平方公里"));
    }

    #[test]
    fn a_difference_inside_a_pair() {
        let deltas = |t: &str| changes(t).into_iter().map(|[_, b, n, d]| (b, n, d)).collect::<Vec<_>>();
        assert_eq!(
            deltas("Expenditure rose by $2.6 billion from $9.8 billion to $11.8 billion."),
            one("$9.8 billion", "$11.8 billion", "$2.6 billion")
        );
        assert_eq!(
            deltas("Expenditure rose by $2.6 billion to $11.8 billion, from $9.8 billion last year."),
            one("$9.8 billion", "$11.8 billion", "$2.6 billion")
        );
        assert_eq!(deltas("開支由去年的 98 億元增加 26 億元至 118 億元。"), one("98億元", "118億元", "26億元"));
    }

    #[test]
    fn a_comparative_names_what_grew() {
        // `$45,000` is the car's OMV; `22% more ARF` says the ARF grew.
        assert!(read("A car with an OMV of $45,000 will incur $10,000 or 22% more ARF.").is_empty());
        assert_eq!(
            read("Funding will be $143.7 million, or $43.7 million or 43.7% more funding than last year.").len(),
            1
        );
    }

    #[test]
    fn negative_growth_is_a_fall() {
        let w = words();
        assert!(w.increase.ends("出口錄得負增長").is_none());
        assert!(w.decrease.ends("出口錄得負增長").is_some());
        assert!(w.increase.ends("八月出口比去年同月成長").is_some());
        assert!(w.decrease.ends("出口連續兩個月衰退").is_some());
        assert_eq!(direction_at(w, "負成長3%", 0), Some(Direction::Down));
        assert_eq!(direction_at(w, "負成長3%", "負".len()), None);
    }
}
