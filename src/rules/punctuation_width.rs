use std::ops::Range;

use crate::diagnostic::{Finding, Label};
use crate::document::Document;
use crate::parse::chars::is_han;
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
    /// Latin word, or between two numbers, belong to neither script.
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
    fn check(&self, doc: &Document, cx: &mut Context) {
        let marks = marks(doc);
        for script in [Script::Chinese, Script::English] {
            let mut names: Vec<&str> = MARKS.iter().map(|m| m.2).collect();
            names.dedup();
            // Brackets are one convention: `(` and `)` are counted together.
            for name in names {
                let of_kind: Vec<&Mark> =
                    marks.iter().filter(|m| m.script == script && MARKS[m.kind].2 == name).collect();
                let conventional_full = script == Script::Chinese;
                let (good, bad): (Vec<&Mark>, Vec<&Mark>) = of_kind.iter().partition(|m| m.full == conventional_full);
                if bad.is_empty() || good.len() < self.min_uses {
                    continue;
                }
                let share = Q::new((good.len() as i64).into(), (of_kind.len() as i64).into());
                if share < self.min_convention {
                    continue;
                }
                for m in bad {
                    cx.report(self.finding(doc, m, &good, of_kind.len()));
                }
            }
        }
    }
}

impl PunctuationWidth {
    fn finding(&self, doc: &Document, m: &Mark, good: &[&Mark], total: usize) -> Finding {
        let (half, full, name) = MARKS[m.kind];
        let (other, width, script, other_width) = match m.script {
            Script::Chinese => (full, "half-width", "Chinese", "full-width"),
            Script::English => (half, "full-width", "English", "half-width"),
        };
        // The conventional use nearest before it (or the first after) shows the convention.
        // `good` is in reading order.
        let before = good.partition_point(|g| g.at.start < m.at.start);
        let near = before.checked_sub(1).and_then(|k| good.get(k)).or_else(|| good.first());
        let mut f = Finding::new(
            format!("{width} {name} in {script} text (`{other}` {} times elsewhere)", good.len()),
            Label::new(doc.span(m.at.clone()), format!("write `{}`", if m.full { half } else { full })),
        )
        .help(format!(
            "the paper writes the {name} {other_width} {} times out of {total} in {script} text; write `{other}` here too",
            good.len(),
        ));
        if let Some(g) = near {
            f = f.label(Label::new(doc.span(g.at.clone()), "as here"));
        }
        f
    }
}

/// A Chinese character, or Chinese punctuation that a mark may stand next to (`」,「`).
fn is_chinese(c: char) -> bool {
    is_han(c) || matches!(c, '」' | '』' | '）' | '》' | '「' | '『' | '（' | '《' | '、')
}

/// What may stand on one side of a mark in Chinese text: Chinese, or a number (`增加 21%,較`).
fn chinese_side(c: char) -> bool {
    is_chinese(c) || c.is_ascii_digit() || c == '%'
}

/// Every checked mark with a character of one script on each side, spaces skipped, within a block.
fn marks(doc: &Document) -> Vec<Mark> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        let text = doc.norm_text(&b.norm);
        for (i, c) in text.char_indices() {
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
            out.push(Mark { at: at..at + c.len_utf8(), kind, full, script });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        let src = crate::source::Source::from_text("t.txt", text);
        let doc = crate::parse::parse(&src, &Default::default());
        let rule = PunctuationWidth { min_convention: Q::new(4.into(), 5.into()), min_uses: 5 };
        let mut cx = Context::new("punctuation-width");
        rule.check(&doc, &mut cx);
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
    fn marks_between_scripts_or_digits_belong_to_neither() {
        assert!(run("1. 甲乙，丙丁，戊己，庚辛，壬癸，子丑 (HKMA) 2,000,000 人。\n").is_empty());
    }
}
