//! A headline and the body under it: a press release states its news twice, and the two must
//! agree (`$42 700 GRANTS FOR MIGRANT PROJECTS` / `project grants, totalling $42 700`;
//! `CHRISTMAS ISLAND BUDGET BLOWS OUT BY $132 MILLION` / `a $132 million blow out`).
//!
//! The headline is the paper's title (an archive's front matter `title:` included) and the
//! heading lines above its first paragraph. Each amount, percentage or count in it is looked for
//! in the body: a body figure of the same kind whose value it allows restates it. Failing that,
//! the body figure of the same kind whose sentence shares the most words with the headline
//! (two at least, and no other as many, or the only one of them in the lede, the body's first
//! paragraph) is what the headline restates, and the two differ. A
//! headline figure the body does not name is no claim; one that several body figures name
//! equally is read with doubt and never judged.

use std::collections::HashSet;
use std::ops::Range;

use crate::claims::parts::same_kind;
use crate::claims::quantity::period;
use crate::document::{BlockKind, Document, Figure, FigureKind};
use crate::parse::chars::is_han;
use crate::parse::vocab::vocabulary;

/// A headline figure and the body figure that states it again.
#[derive(Debug, Clone)]
pub struct Restatement {
    pub headline: usize,
    pub body: usize,
    /// The body figure's value is one the headline's allows.
    pub same: bool,
    /// Why the pair is not judged, when it is read with doubt.
    pub doubt: Option<String>,
}

/// Every headline figure the body states again, in order.
pub(crate) fn read_restatements(claims: &crate::claims::Claims) -> Vec<Restatement> {
    let doc = claims.doc;
    let Some((headline, body_start)) = headline(doc) else { return Vec::new() };
    // A part of a total the headline breaks down (`22項質詢(6項口頭質詢及16項書面質詢)`) is not
    // what it announces.
    let parts: HashSet<usize> = claims.breakdowns().iter().flat_map(|b| b.parts.iter().copied()).collect();
    let head_keys: HashSet<String> =
        headline.iter().flat_map(|r| keys(doc.norm.text.get(r.clone()).unwrap_or(""))).collect();
    let in_headline = |f: &Figure| headline.iter().any(|r| r.contains(&f.norm.start));
    let body: Vec<usize> = (0..doc.figures.len()).filter(|&i| doc.figures[i].norm.start >= body_start).collect();
    let mut out = Vec::new();
    for (h, hf) in doc.figures.iter().enumerate() {
        if !in_headline(hf) || !eligible(hf) || parts.contains(&h) {
            continue;
        }
        let same_class: Vec<usize> = body.iter().copied().filter(|&b| comparable(doc, hf, &doc.figures[b])).collect();
        if let Some(&b) = same_class.iter().find(|&&b| hf.restated_by(&doc.figures[b])) {
            out.push(Restatement { headline: h, body: b, same: true, doubt: None });
            continue;
        }
        // A headline that names its period (`港七月出口跌3.5%`) restates a body figure of that
        // period, not June's beside it (`繼六月…跌4.8%後，七月再錄得按年跌幅3.5%`).
        let own = period(doc, hf);
        let same_class: Vec<usize> = same_class
            .into_iter()
            .filter(|&b| own.is_none_or(|p| period(doc, &doc.figures[b]).is_none_or(|q| q.same(p))))
            .collect();
        // A headline of several figures (`CPI上涨1.1%,粮食上涨1.7%,猪肉下降41.8%`) names each in
        // its own segment: the body segment that shares most of it comes first, then the
        // sentence that shares most of the whole headline. A headline of one figure is matched
        // by the sentence first.
        let own_keys = keys(doc.norm_text(&segment(doc, hf.norm.clone())));
        let line = headline.iter().find(|r| r.contains(&hf.norm.start));
        let several =
            doc.figures.iter().filter(|f| line.is_some_and(|r| r.contains(&f.norm.start)) && eligible(f)).count() > 1;
        let scored: Vec<(usize, (usize, usize))> = same_class
            .iter()
            .filter_map(|&b| {
                let f = &doc.figures[b];
                let sentence = doc.sentence_at(f.norm.start).map_or(f.norm.clone(), |s| doc.sentences[s].norm.clone());
                let shared = keys(doc.norm.text.get(sentence).unwrap_or("")).intersection(&head_keys).count();
                if shared < 2 {
                    return None;
                }
                if !several {
                    // Of a sentence of several clauses (`…出口…跌幅3.5%…；進口…跌1.8%…`), the
                    // figure whose own clause, up to it, shares most comes first.
                    let clause = clause_of(doc, f.norm.clone());
                    let own = keys(doc.norm_text(&clause)).intersection(&head_keys).count();
                    return Some((b, (own, shared)));
                }
                let own = keys(doc.norm_text(&segment(doc, f.norm.clone()))).intersection(&own_keys).count();
                Some((b, (own, shared)))
            })
            .collect();
        let Some(best) = scored.iter().map(|&(_, s)| s).max() else { continue };
        let mut top: Vec<usize> = scored.iter().filter(|&&(_, s)| s == best).map(|&(b, _)| b).collect();
        // The lede restates the headline: of equal candidates, one in the body's first
        // paragraph, alone there, is the one.
        let lede = doc.block_at(body_start);
        let in_lede: Vec<usize> =
            top.iter().copied().filter(|&b| doc.block_at(doc.figures[b].norm.start) == lede).collect();
        if in_lede.len() == 1 {
            top = in_lede;
        }
        let b = top[0];
        let doubt = if top.len() > 1 {
            Some(format!("{} figures of the body name what the headline does", top.len()))
        } else if !same_magnitude(hf, &doc.figures[b]) {
            Some("the body's figure is of another magnitude: likely another quantity".to_owned())
        } else {
            None
        };
        out.push(Restatement { headline: h, body: b, same: false, doubt });
    }
    out
}

/// The headline's ranges in the normalised text, and where the body starts.
fn headline(doc: &Document) -> Option<(Vec<Range<usize>>, usize)> {
    let mut ranges = Vec::new();
    if let Some(span) = doc.title.as_ref().and_then(|t| t.span)
        && span.offset < doc.front_matter
    {
        // The front matter is not in any block: its title line is found by its figures.
        let figs = doc.figures.iter().filter(|f| f.span.offset >= span.offset && f.span.end() <= span.end());
        ranges.extend(figs.map(|f| f.norm.clone()));
    }
    // The top of the paper runs to its first paragraph of some length: above it stand the
    // headline, the minister's name, a release number, a dateline.
    let mut body_start = None;
    // Failing a paragraph of some length, the first one after a headline line.
    let mut short_after_headline = None;
    for b in doc.blocks.iter().filter(|b| b.span.offset >= doc.front_matter).take(16) {
        let text = doc.norm.text.get(b.norm.clone()).unwrap_or("");
        let words = text.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
        let han = text.chars().filter(|&c| is_han(c)).count();
        let paragraph = matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) && (words >= 15 || han >= 40);
        if paragraph {
            body_start = Some(b.norm.start);
            break;
        }
        let letters = text.chars().filter(|c| c.is_alphabetic() && !is_han(*c)).count();
        let capitals = letters >= 3 && text.chars().filter(|c| c.is_alphabetic()).all(|c| !c.is_lowercase());
        if b.kind == BlockKind::Heading || capitals {
            ranges.push(b.norm.clone());
        } else if !ranges.is_empty() && matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            short_after_headline.get_or_insert(b.norm.start);
        }
    }
    let body_start = body_start.or(short_after_headline)?;
    ranges.retain(|r| r.start < body_start);
    (!ranges.is_empty()).then_some((ranges, body_start))
}

/// The semicolon-delimited clause of its sentence up to `r`: the words that say what a figure is
/// (`進口貨值繼六月跌2.9%後,按年亦跌1.8%`, not the `進出口` after it).
fn clause_of(doc: &Document, r: Range<usize>) -> Range<usize> {
    let Some(s) = doc.sentence_at(r.start) else { return r };
    let sent = doc.sentences[s].norm.clone();
    let text = doc.norm.text.as_str();
    let start = text[sent.start..r.start].rfind(['；', ';']).map_or(sent.start, |k| sent.start + k);
    start..r.end
}

/// The comma- or semicolon-delimited segment of its paragraph around `r` (a thousands comma
/// between digits does not delimit).
fn segment(doc: &Document, r: Range<usize>) -> Range<usize> {
    let text = doc.norm.text.as_str();
    let bytes = text.as_bytes();
    let stop = |i: usize, c: char| {
        matches!(c, '，' | '。' | '；' | ';' | '！' | '？')
            || c == ',' && !(i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    };
    let block = doc.block_at(r.start).map_or(r.clone(), |b| doc.blocks[b].norm.clone());
    let lo = crate::source::floor_char_boundary(text, r.start.saturating_sub(240).max(block.start));
    let hi = crate::source::floor_char_boundary(text, (r.end + 240).min(block.end).max(r.end));
    let before = text[lo..r.start].char_indices().rfind(|&(i, c)| stop(lo + i, c));
    let start = before.map_or(lo, |(i, c)| lo + i + c.len_utf8());
    let end = text[r.end..hi].char_indices().find(|&(i, c)| stop(r.end + i, c)).map_or(hi, |(i, _)| r.end + i);
    start..end
}

/// Amounts, percentages and counts: the figures a headline announces.
fn eligible(f: &Figure) -> bool {
    matches!(f.kind, FigureKind::Money { .. } | FigureKind::Percent | FigureKind::Count { .. }) && !f.value.is_zero()
}

fn comparable(doc: &Document, a: &Figure, b: &Figure) -> bool {
    match (&a.kind, &b.kind) {
        (FigureKind::Money { currency: x }, FigureKind::Money { currency: y }) => x == y,
        (FigureKind::Percent, FigureKind::Percent) => true,
        (FigureKind::Count { .. }, FigureKind::Count { .. }) => same_kind(doc, a, b),
        _ => false,
    }
}

/// Within a factor of ten: a mistyped digit keeps the magnitude, another quantity seldom does.
fn same_magnitude(a: &Figure, b: &Figure) -> bool {
    let (Some(x), Some(y)) = (a.value.to_f64(), b.value.to_f64()) else { return false };
    let (x, y) = (x.abs(), y.abs());
    x > 0.0 && y > 0.0 && x.max(y) / x.min(y) < 10.0
}

/// What a text is about, for matching a headline to a sentence: English words of four letters
/// or more that are not stop words (lower-cased, a plural `s` dropped), and pairs of adjacent
/// Han characters.
fn keys(text: &str) -> HashSet<String> {
    let v = vocabulary();
    let mut out = HashSet::new();
    for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
        if w.len() >= 4 && !v.en_stopwords.contains(w) {
            let w = w.to_ascii_lowercase();
            out.insert(w.strip_suffix('s').map(str::to_owned).unwrap_or(w));
        }
    }
    let han: Vec<char> = text.chars().collect();
    for pair in han.windows(2) {
        if is_han(pair[0]) && is_han(pair[1]) {
            out.insert(pair.iter().collect());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse};
    use crate::source::Source;

    fn read(text: &str) -> Vec<(String, String, bool, bool)> {
        let doc = parse(&Source::from_text("t.txt", text), &ParseOptions::default());
        read_restatements(&crate::claims::Claims::new(&doc))
            .iter()
            .map(|r| {
                let t = |i: usize| doc.figures[i].text(&doc).to_owned();
                (t(r.headline), t(r.body), r.same, r.doubt.is_some())
            })
            .collect()
    }

    #[test]
    fn a_headline_figure_is_found_again_in_the_body() {
        let t = "---\ntitle: \"$42,700 grants for migrants projects\"\ndate: \"1980-05-30\"\n---\n\n$42 700 GRANTS FOR MIGRANT PROJECTS\n\nThe Minister today announced project grants, totalling $42 700 to 12 ethnic groups.\n";
        assert_eq!(
            read(t),
            [("$42,700".into(), "$42700".into(), true, false), ("$42700".into(), "$42700".into(), true, false)]
        );
    }

    #[test]
    fn a_headline_figure_the_body_states_otherwise_is_read_as_the_same() {
        let t = "$52 700 GRANTS FOR MIGRANT PROJECTS\n\nThe Minister today announced migrant project grants, totalling $42 700 to 12 groups. A further $9 000 goes to the council.\n";
        assert_eq!(read(t), [("$52700".into(), "$42700".into(), false, false)]);
    }

    #[test]
    fn a_body_that_names_the_headline_twice_is_doubt_and_an_unnamed_figure_no_claim() {
        let t = "$52 700 GRANTS FOR MIGRANT PROJECTS\n\nMigrant project grants of $42 700 went to groups. Migrant project grants of $10 000 went to unions.\n";
        assert_eq!(read(t), [("$52700".into(), "$42700".into(), false, true)]);
        let t = "$52 700 GRANTS FOR MIGRANT PROJECTS\n\nThe council received $9 000 last year.\n";
        assert!(read(t).is_empty());
    }

    #[test]
    fn the_parts_a_headline_breaks_down_are_not_what_it_announces() {
        let t = "議員提出22項質詢(6項口頭質詢及16項書面質詢)\n\n提出口頭質詢的議員\n\n22項質詢的內容、提出質詢的議員及負責答覆的官員載於附錄2。\n";
        assert!(read(t).iter().all(|r| r.2), "{:?}", read(t));
    }

    #[test]
    fn a_headline_that_names_its_period_restates_the_body_figure_of_that_period() {
        let t = "港七月出口跌4.5%\n\n政府統計處公布，繼六月本港整體出口貨值按年跌4.8%後，七月再錄得按年跌幅3.5%，至2,762億元。\n";
        assert_eq!(read(t), [("4.5%".into(), "3.5%".into(), false, false)]);
        // A clause of imports after it, of the same month, names no word of the headline before
        // its figure.
        let t = "港七月出口跌4.5%\n\n政府統計處公布,繼六月本港整體出口貨值按年跌4.8%後,七月再錄得按年跌幅3.5%,至2,762億元;進口貨值繼六月跌2.9%後,按年亦跌1.8%,至3,163億元,令本港進出口連續兩個月出現負增長。\n";
        assert_eq!(read(t), [("4.5%".into(), "3.5%".into(), false, false)]);
        // Without its period the headline could restate either.
        let t = "港出口跌4.5%\n\n政府統計處公布，繼六月本港整體出口貨值按年跌4.8%後，七月再錄得按年跌幅3.5%，至2,762億元。\n";
        assert!(read(t).iter().all(|r| r.3), "{:?}", read(t));
    }

    #[test]
    fn a_period_in_the_next_item_of_a_headline_is_not_its_figures() {
        // `今年` belongs to `今年第3度超車南韓`, not to `年增66%`, which restates November's rise.
        let t = "台灣出口統計\n\n年增66%、連25紅 今年第3度超車南韓\n\n〔記者台北報導〕財政部昨公布十一月出口六四〇．五億美元、改寫史上新高，年增五十六%、連續二十五個月成長。\n";
        assert_eq!(read(t), [("66%".into(), "五十六%".into(), false, false)]);
    }

    #[test]
    fn of_equal_candidates_the_one_in_the_lede_is_restated() {
        let t = "From the Minister.\n\n$52 700 GRANTS FOR MIGRANT PROJECTS\n\nThe Minister announced migrant project grants, totalling $42 700 to 12 ethnic groups and unions.\n\nEarlier migrant project grants came to $30 000 in all, the Minister said today.\n";
        assert_eq!(read(t), [("$52700".into(), "$42700".into(), false, false)]);
    }
}
