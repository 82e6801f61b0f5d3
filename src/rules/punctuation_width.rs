use std::ops::Range;

use crate::claims::Claims;
use crate::diagnostic::{Applicability, Finding, Fix, Label};
use crate::document::Document;
use crate::parse::chars::{is_han, utf8_len};
use crate::quantity::Q;
use crate::rules::{Context, Group, Rule, RuleDef, declare_rule, q_from_f64, required, rule_config};

declare_rule! {
    /// ## What it does
    /// Flags half-width punctuation between Chinese characters (`在未來一年,我們`) and
    /// full-width punctuation between English words (`Hong Kong，Singapore`), in a paper that
    /// otherwise writes that mark the conventional way.
    ///
    /// ## Why is this bad?
    /// A half-width comma in a Chinese sentence is a slip of the input method that a reader
    /// notices at once, and it often marks a sentence pasted in from elsewhere. Full-width marks
    /// in English break spacing and searching.
    ///
    /// ## Example
    /// ```text
    /// 在 未 來 一 年 ,我 們 將 繼 續 加 強 …     (the paper writes `，` 300 times)
    /// …in Hong Kong，Singapore and London.      (the paper writes `,` everywhere else)
    /// ```
    ///
    /// Marks checked: comma, semicolon, colon, question and exclamation marks, and brackets. A
    /// mark counts as Chinese when it stands between Chinese characters (or a Chinese character
    /// and a number: `增加 21%,較去年`), as English when it stands between Latin letters or
    /// digits, one of them a letter (spaces skipped).
    ///
    /// ## What it does not check
    /// A paper that writes a mark half-width throughout, as text copied through a system that
    /// turned `，` into `,` does, is following its own convention: a mark is reported only where
    /// at least `min-convention` of its uses in that script are conventional. Full stops
    /// (`。`/`.`), slashes and dashes are not checked; marks between a Chinese character and a
    /// Latin word, or between two numbers, belong to neither script. A line that writes a mark
    /// half-width beside a Latin word and never full-width is one series written the Latin way
    /// (`陳大文議員 , 大紫荊勳賢 , G.B.S., J.P.`): its marks between Chinese words follow it.
    ///
    /// ## Options
    /// - `min-convention`: the share of a mark's uses that must be conventional before the
    ///   others are reported (default 0.8).
    /// - `min-uses`: how many conventional uses a paper needs before it has a convention
    ///   (default 5).
    pub struct PunctuationWidth {
        min_convention: Q,
        min_uses: usize,
    }
}

rule_config! {
    pub struct Config {
        pub min_convention: Option<f64>,
        pub min_uses: Option<usize>,
    }
}

impl RuleDef for PunctuationWidth {
    type Config = Config;
    const GROUP: Group = Group::Wording;
    const FIX: Option<Applicability> = Some(Applicability::Safe);
    fn build(c: &Config) -> Result<Self, String> {
        let min_convention = q_from_f64(required(&c.min_convention, "min-convention")?)?;
        if min_convention < Q::from_integer(0.into()) || min_convention > Q::from_integer(1.into()) {
            return Err("`min-convention` must be between 0 and 1".into());
        }
        Ok(PunctuationWidth { min_convention, min_uses: required(&c.min_uses, "min-uses")? })
    }
}

/// The marks checked: (half-width, full-width, name).
const MARKS: &[(char, char, &str)] = &[
    (',', '，', "comma"),
    (';', '；', "semicolon"),
    (':', '：', "colon"),
    ('?', '？', "question mark"),
    ('!', '！', "exclamation mark"),
    ('(', '（', "bracket"),
    (')', '）', "bracket"),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Chinese,
    English,
}

/// One use of a mark between two characters of one script.
struct Mark {
    at: Range<usize>,
    /// Index into [`MARKS`]; the two brackets share one convention.
    kind: usize,
    full: bool,
    script: Script,
}

impl Rule for PunctuationWidth {
    fn check(&self, doc: &Document, _claims: &Claims, cx: &mut Context) {
        // Chinese first, then English; within a script, mark by mark; within a mark, in reading
        // order.
        for t in tally(doc).iter().flatten() {
            if t.bad.is_empty() || t.good < self.min_uses {
                continue;
            }
            let share = Q::new((t.good as i64).into(), (t.total() as i64).into());
            if share < self.min_convention {
                continue;
            }
            for (m, near) in &t.bad {
                cx.report(self.finding(doc, m, near.clone().or_else(|| t.first_good.clone()), t));
            }
        }
    }
}

impl PunctuationWidth {
    fn finding(&self, doc: &Document, m: &Mark, near: Option<Range<usize>>, t: &Tally) -> Finding {
        let (half, full, name) = MARKS[m.kind];
        let (other, width, script, other_width) = match m.script {
            Script::Chinese => (full, "half-width", "Chinese", "full-width"),
            Script::English => (half, "full-width", "English", "half-width"),
        };
        let at = doc.span(m.at.clone());
        let (wrong, right) = if m.full { (full, half) } else { (half, full) };
        let mut f = Finding::new(
            format!("{width} {name} in {script} text (`{other}` {} times elsewhere)", t.good),
            Label::new(at, format!("write `{right}`")),
        )
        .help(format!(
            "the paper writes the {name} {other_width} {} times out of {} in {script} text; write `{other}` here too",
            t.good,
            t.total(),
        ));
        if let Some(g) = near {
            f = f.label(Label::new(doc.span(g), "as here"));
        }
        // The mark as the file writes it, and nothing else, is what the fix replaces: the width
        // of one character changes, never a word or a figure.
        let mut buf = [0u8; 4];
        if doc.original(at) == wrong.encode_utf8(&mut buf) {
            f = f.fix(Fix::replace(Applicability::Safe, at, right.to_string()));
        }
        f
    }
}

/// The uses of one mark (the two brackets count as one) in one script.
#[derive(Default)]
struct Tally {
    /// Conventional uses.
    good: usize,
    first_good: Option<Range<usize>>,
    /// Unconventional uses, in reading order, each with the conventional use nearest before it:
    /// the label that shows the convention (the first conventional use when none comes before).
    bad: Vec<(Mark, Option<Range<usize>>)>,
}

impl Tally {
    fn total(&self) -> usize {
        self.good + self.bad.len()
    }
}

/// The group of a mark: its index among the distinct names of [`MARKS`] (marks that share a name
/// stand next to each other there).
fn group(kind: usize) -> usize {
    MARKS.get(..=kind).unwrap_or(MARKS).windows(2).filter(|w| w[0].2 != w[1].2).count()
}

/// Count every checked mark by script and group, keeping only the unconventional ones: a paper
/// has a comma every few dozen bytes, and only the slips are reported.
fn tally(doc: &Document) -> [Vec<Tally>; 2] {
    let groups = group(MARKS.len() - 1) + 1;
    let mut out: [Vec<Tally>; 2] =
        [(0..groups).map(|_| Tally::default()).collect(), (0..groups).map(|_| Tally::default()).collect()];
    let mut last_good: [Vec<Option<Range<usize>>>; 2] = [vec![None; groups], vec![None; groups]];
    for_each_mark(doc, |m| {
        let s = usize::from(m.script == Script::English);
        let g = group(m.kind);
        let conventional = m.full == (m.script == Script::Chinese);
        let t = &mut out[s][g];
        if conventional {
            t.good += 1;
            if t.first_good.is_none() {
                t.first_good = Some(m.at.clone());
            }
            last_good[s][g] = Some(m.at);
        } else {
            t.bad.push((m, last_good[s][g].clone()));
        }
    });
    out
}

/// Every checked mark with a character of one script on each side, spaces skipped, within a
/// block, in reading order.
fn for_each_mark(doc: &Document, mut visit: impl FnMut(Mark)) {
    for b in &doc.blocks {
        let text = doc.norm_text(&b.norm);
        let mut line_start = 0;
        let bytes = text.as_bytes();
        let mut next = 0;
        while let Some(&x) = bytes.get(next) {
            let i = next;
            // The line break and every mark checked are ASCII or full-width forms (lead byte
            // 0xEF): other characters are passed over from their first byte, undecoded.
            if x >= 0x80 && x != 0xef {
                next += utf8_len(x);
                continue;
            }
            let Some(c) = text[i..].chars().next() else { break };
            next += c.len_utf8();
            if c == '\n' {
                line_start = i + 1;
            }
            if !matches!(c, ',' | '，' | ';' | '；' | ':' | '：' | '?' | '？' | '!' | '！' | '(' | '（' | ')' | '）')
            {
                continue;
            }
            let Some((kind, full)) = MARKS.iter().enumerate().find_map(|(k, &(h, f, _))| {
                if c == h {
                    Some((k, false))
                } else if c == f {
                    Some((k, true))
                } else {
                    None
                }
            }) else {
                continue;
            };
            let before = text[..i].trim_end_matches(' ').chars().next_back();
            let after = text[i + c.len_utf8()..].trim_start_matches(' ').chars().next();
            let (Some(p), Some(n)) = (before, after) else { continue };
            let script = if chinese_side(p) && chinese_side(n) && (is_chinese(p) || is_chinese(n)) {
                if !full && latin_series(text, line_start, c) {
                    continue;
                }
                Script::Chinese
            } else if p.is_ascii_alphanumeric()
                && n.is_ascii_alphanumeric()
                && (p.is_ascii_alphabetic() || n.is_ascii_alphabetic())
            {
                // Digits on both sides make a thousands separator or a ratio, not punctuation.
                Script::English
            } else {
                continue;
            };
            let at = b.norm.start + i;
            visit(Mark { at: at..at + c.len_utf8(), kind, full, script });
        }
    }
}

/// Does the line starting at `line_start` write `mark` half-width beside a Latin letter and
/// never full-width? Then its marks are one series written the Latin way: the honours after a
/// name (`陳大文議員 , 大紫荊勳賢 , G.B.S., J.P.`) are separated by `,` up to the last, and the
/// comma between two Chinese honours follows the series, not the Chinese text around it.
fn latin_series(text: &str, line_start: usize, mark: char) -> bool {
    let line = text[line_start..].split('\n').next().unwrap_or("");
    let full = MARKS.iter().find(|m| m.0 == mark).map(|m| m.1);
    if full.is_some_and(|f| line.contains(f)) {
        return false;
    }
    line.match_indices(mark).any(|(i, m)| {
        let before = line[..i].trim_end_matches(' ').chars().next_back();
        let after = line[i + m.len()..].trim_start_matches(' ').chars().next();
        before.is_some_and(|c| c.is_ascii_alphabetic()) || after.is_some_and(|c| c.is_ascii_alphabetic())
    })
}

/// A Chinese character, or Chinese punctuation that a mark may stand next to (`」,「`).
fn is_chinese(c: char) -> bool {
    is_han(c) || matches!(c, '」' | '』' | '）' | '》' | '「' | '『' | '（' | '《' | '、')
}

/// What may stand on one side of a mark in Chinese text: Chinese, or a number (`增加 21%,較`).
fn chinese_side(c: char) -> bool {
    is_chinese(c) || c.is_ascii_digit() || c == '%'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        let src = crate::source::Source::from_text("t.txt", text);
        let doc = crate::parse::parse(&src, &Default::default());
        let rule = PunctuationWidth { min_convention: Q::new(4.into(), 5.into()), min_uses: 5 };
        let mut cx = Context::new("punctuation-width");
        rule.check(&doc, &crate::claims::Claims::new(&doc), &mut cx);
        cx.findings.iter().map(|f| src.slice(f.primary.span).to_owned()).collect()
    }

    #[test]
    fn a_slip_against_the_papers_convention_is_reported() {
        let t = "1. 甲乙，丙丁，戊己，庚辛，壬癸，子丑,寅卯。\n";
        assert_eq!(run(t), [","]);
    }

    #[test]
    fn a_paper_that_writes_ascii_throughout_follows_its_own_convention() {
        assert!(run("1. 甲乙,丙丁,戊己,庚辛,壬癸,子丑,寅卯。\n").is_empty());
        // Too few uses to make a convention.
        assert!(run("1. 甲乙，丙丁,戊己。\n").is_empty());
    }

    #[test]
    fn a_number_beside_chinese_is_chinese_text() {
        let t = "1. 甲乙，丙丁，戊己，庚辛，壬癸，子丑，寅卯，辰巳，午未，申酉，增加21%,較去年「甲」,「乙」。\n";
        assert_eq!(run(t), [",", ","]);
    }

    #[test]
    fn a_series_that_ends_in_latin_is_written_the_latin_way() {
        let t = "1. 甲乙，丙丁，戊己，庚辛，壬癸，子丑，寅卯。\n\n陳大文議員 , 大紫荊勳賢 , G.B.S., J.P.\n\n\
                 李小明先生 , 金紫荊星章 , J.P.\n\n2. 辰巳，午未,申酉。\n";
        // The honours are one series written with `,`; the slip in the sentence is still one.
        assert_eq!(run(t), [","]);
    }

    #[test]
    fn marks_between_scripts_or_digits_belong_to_neither() {
        assert!(run("1. 甲乙，丙丁，戊己，庚辛，壬癸，子丑 (HKMA) 2,000,000 人。\n").is_empty());
    }
}
