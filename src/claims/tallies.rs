//! Tallies of rises and falls: `八大类商品四涨四落：食品上涨5.1%，…；衣着下降0.9%，…`,
//! `其他七大类价格环比六涨一降。其中，…分别上涨0.8%、0.5%和0.4%，…下降…`.
//!
//! A tally states how many items rose and how many fell (`N涨M降`), sometimes after how many
//! items there are (`八大类`). The items follow: the rest of the tally's sentence, or the next
//! sentence when it opens with `其中`. Each rate there is counted as a rise or a fall by the
//! direction word before it in its clause (`分别上涨0.8%、0.5%和0.4%` is three rises). The words
//! are `rules/tallies.toml`; the `list-count` rule judges each tally.

use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::claims::support::WordList;
use crate::document::{Document, FigureKind};
use crate::parse::chars::CharSet;
use crate::parse::number::cn_digit_value;

const TALLIES_TOML: &str = include_str!("../../rules/tallies.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWords {
    up: Vec<String>,
    down: Vec<String>,
    flat: Vec<String>,
    kinds: Vec<String>,
    items: Vec<String>,
}

struct Words {
    up: Vec<String>,
    down: Vec<String>,
    flat: Vec<String>,
    kinds: Vec<String>,
    items: WordList,
}

fn words() -> &'static Words {
    static W: LazyLock<Words> = LazyLock::new(|| {
        // Compiled in and checked by `tests::embedded_words_parse`: a failure is a build defect.
        let r: RawWords = toml::from_str(TALLIES_TOML).expect("embedded rules/tallies.toml is valid");
        Words { up: r.up, down: r.down, flat: r.flat, kinds: r.kinds, items: WordList::new(r.items) }
    });
    &W
}

/// A stated tally and the rates listed after it.
#[derive(Debug, Clone)]
pub struct Tally {
    /// `四涨四落`, as a normalised range.
    pub word: Range<usize>,
    /// How many items the paper says there are (`八大类`), and where that is.
    pub kinds: Option<(u32, Range<usize>)>,
    pub up: u32,
    pub down: u32,
    /// Items unchanged (`四涨三降一平`).
    pub flat: u32,
    /// The rates listed as rises and as falls, by index into [`Document::figures`].
    pub rises: Vec<usize>,
    pub falls: Vec<usize>,
    /// Why the listed rates cannot be counted, if they cannot (a rate with no direction word).
    pub doubt: Option<String>,
}

/// A one-character Chinese numeral (`一` to `十`, `两`).
fn digit(c: char) -> Option<u32> {
    match c {
        '十' => Some(10),
        _ => cn_digit_value(c).filter(|&d| d > 0),
    }
}

/// Every tally in the paper.
pub(crate) fn read_tallies(doc: &Document) -> Vec<Tally> {
    let w = words();
    let text = &doc.norm.text;
    let mut out = Vec::new();
    // Each rise word with a numeral on either side and a fall word after: `四涨四落`. Read in
    // one pass, looking only at the characters around each candidate.
    let firsts = CharSet::new(w.up.iter().filter_map(|x| x.chars().next()));
    for (i1, _) in firsts.find_in(text) {
        let Some(c1) = text[i1..].chars().next() else { continue };
        let Some(c) = text[..i1].chars().next_back() else { continue };
        let at = i1 - c.len_utf8();
        let mut next = text[i1 + c1.len_utf8()..].char_indices();
        let (Some(up), Some((_, c2))) = (digit(c), next.next()) else { continue };
        let Some(down) = digit(c2) else { continue };
        let Some((o3, c3)) = next.next() else { continue };
        let i3 = i1 + c1.len_utf8() + o3;
        let is = |list: &[String], c: char, i: usize| {
            list.iter().any(|x| text[i..].starts_with(x.as_str()) && x.starts_with(c))
        };
        if !is(&w.up, c1, i1) || !is(&w.down, c3, i3) {
            continue;
        }
        let end = i3 + c3.len_utf8();
        // `六涨一降` inside a longer numeral (`十六涨`) is not a tally.
        if text[..at].chars().next_back().and_then(digit).is_some() {
            continue;
        }
        // `四涨三降一平`: items unchanged.
        let rest = &text[end..];
        let flat = rest.chars().next().and_then(digit).filter(|_| {
            let after = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
            w.flat.iter().any(|f| after.starts_with(f.as_str()))
        });
        let end = match flat {
            Some(_) => {
                let d = rest.chars().next().map_or(0, char::len_utf8);
                let f = w.flat.iter().filter(|f| rest[d..].starts_with(f.as_str())).map(|f| f.len()).max().unwrap_or(0);
                end + d + f
            }
            None => end,
        };
        let mut t = tally(doc, w, at..end, up, down);
        t.flat = flat.unwrap_or(0);
        out.push(t);
    }
    out
}

fn tally(doc: &Document, w: &Words, word: Range<usize>, up: u32, down: u32) -> Tally {
    let text = &doc.norm.text;
    // `八大类商品四涨四落`: the number of kinds, a few characters before.
    let lo = crate::source::floor_char_boundary(text, word.start.saturating_sub(24));
    let before = &text[lo..word.start];
    let kinds =
        w.kinds.iter().filter_map(|k| before.rfind(k.as_str()).map(|p| (p, k))).max_by_key(|(p, _)| *p).and_then(
            |(p, k)| {
                let head = &before[..p];
                let c = head.chars().next_back()?;
                let n = digit(c)?;
                let start = lo + p - c.len_utf8();
                Some((n, start..lo + p + k.len()))
            },
        );
    // The items: the rest of the sentence, or the next one when it opens with `其中`.
    let (mut rises, mut falls, mut doubt) = (Vec::new(), Vec::new(), None);
    let mut scope = word.end..word.end;
    if let Some(s) = doc.sentence_at(word.start) {
        scope.end = doc.sentences[s].norm.end;
        let rest = text.get(word.end..scope.end).unwrap_or("").trim_matches(|c: char| c == '。' || c.is_whitespace());
        if rest.is_empty()
            && let Some(next) = doc.sentences.get(s + 1)
        {
            let t = doc.norm_text(&next.norm).trim_start();
            if w.items.at(t, 0).is_some() {
                scope = next.norm.clone();
            }
        }
    }
    let cw = crate::claims::changes::words();
    for (i, f) in doc.figures.iter().enumerate() {
        if f.norm.start < scope.start || f.norm.end > scope.end || f.kind != FigureKind::Percent {
            continue;
        }
        // The direction word before the rate in its clause (`分别上涨0.8%、0.5%`).
        let head = &text[scope.start..f.norm.start];
        let clause = head.rfind([',', '，', ';', '；', ':', '：']).map_or(head, |p| &head[p..]);
        let last = |list: &WordList| list.find_all(clause).last().map(|r| r.end);
        match (last(&cw.increase), last(&cw.decrease)) {
            (Some(a), Some(b)) if a > b => rises.push(i),
            (Some(_), None) => rises.push(i),
            (_, Some(_)) => falls.push(i),
            (None, None) => doubt = Some(format!("`{}` has no word for its direction", f.text(doc))),
        }
    }
    Tally { word, kinds, up, down, flat: 0, rises, falls, doubt }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Claims;
    use crate::parse::{ParseOptions, parse};
    use crate::source::Source;

    #[test]
    fn embedded_words_parse() {
        toml::from_str::<RawWords>(TALLIES_TOML).unwrap();
    }

    fn read(text: &str) -> Vec<(u32, u32, Option<u32>, usize, usize)> {
        let doc = parse(&Source::from_text("t.txt", text), &ParseOptions::default());
        let claims = Claims::new(&doc);
        claims
            .tallies()
            .iter()
            .map(|t| (t.up, t.down, t.kinds.as_ref().map(|k| k.0), t.rises.len(), t.falls.len()))
            .collect()
    }

    #[test]
    fn items_unchanged_count_too() {
        let doc = parse(&Source::from_text("t.txt", "八大类价格四涨三降一平。"), &ParseOptions::default());
        let claims = Claims::new(&doc);
        let t = &claims.tallies()[0];
        assert_eq!((t.up, t.down, t.flat, t.kinds.as_ref().map(|k| k.0)), (4, 3, 1, Some(8)));
    }

    #[test]
    fn rises_and_falls_after_the_tally() {
        assert_eq!(
            read("八大类商品三涨一降:食品上涨5.1%,居住上涨2.9%,医疗保健上涨2.4%;衣着下降0.9%。"),
            [(3, 1, Some(8), 3, 1)]
        );
        // The items in the next sentence, after `其中`; one direction word for several rates.
        assert_eq!(
            read(
                "七大类价格环比四涨一降。其中,交通、教育和居住价格分别上涨0.8%、0.5%和0.4%,衣着上涨0.1%,医疗保健下降0.2%。"
            ),
            [(4, 1, Some(7), 4, 1)]
        );
    }
}
