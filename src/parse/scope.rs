//! Compilations: a document made of many papers, each judged on its own.
//!
//! A council sitting's record is a compilation: each oral and written question, each reply and
//! each speech numbers its own items `(一)(二)…` or `(a)(b)…`, defines its own short forms and
//! has its own annexes, and one speaker quotes figures another contradicts. Read as one paper,
//! every reply's `(一)` "repeats" the question's, and every reply's `(“房委會”)` "defines it
//! twice".
//!
//! A scope opens where a speaker's turn does — a name ending in a title before a colon
//! (`張華峰議員：`, `財經事務及庫務局局長 (譯文 )：`, `主席：`), or a name in capitals that holds a
//! title (`MR DENNIS KWOK`, `THE PRESIDENT:`, `SECRETARY FOR SECURITY`) — or where a line
//! opens a question or a reply with a colon (`Question:`, `答覆：`). The headings just before an opener (a
//! question's title) belong to its scope. A paper with fewer than two openers is not a
//! compilation and is one scope, so nothing changes for it.
//!
//! The words are data: `[speakers]` in `rules/vocabulary.toml`.

use super::chars::{is_han, is_hspace};
use super::vocab::vocabulary;
use crate::document::{Block, BlockKind, Document, LabelStyle, Scope, ScopeKind};
use crate::source::Span;

/// What opens a scope.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Opener {
    /// A speaker's turn, with the speaker's name.
    Turn(String),
    Question,
    Reply,
}

/// The longest a speaker's name may be before its colon, in characters.
const NAME_CHARS: usize = 40;

/// `張華峰議員：…`, `郭榮鏗議員 (譯文 )：…`: the speaker, if the text opens with a Chinese turn.
fn zh_turn(text: &str) -> Option<String> {
    let name = &text[..colon_within(text, NAME_CHARS, &['：', ':'])?];
    let name = without_note(name);
    let n = name.chars().count();
    let titled = vocabulary().speakers.zh_titles.suffix_of(name).is_some();
    let plain = name.chars().all(|c| is_han(c) || matches!(c, '·' | '・'));
    (titled && plain && (2..=20).contains(&n)).then(|| name.to_owned())
}

/// The name with a bracketed note after it taken off (`(譯文)`, `(in Cantonese)`).
fn without_note(name: &str) -> &str {
    let name = name.trim_matches(|c: char| is_hspace(c) || c.is_whitespace());
    if let Some(open) = name.rfind(['(', '（'])
        && name.ends_with([')', '）'])
    {
        let inner = name[open..].trim_matches(|c: char| matches!(c, '(' | '（' | ')' | '）') || c.is_whitespace());
        if vocabulary().speakers.notes.iter().any(|n| inner.eq_ignore_ascii_case(n)) {
            return name[..open].trim_end();
        }
    }
    name
}

/// `MR DENNIS KWOK`, `THE PRESIDENT: …`, `SECRETARY FOR SECURITY (in Cantonese):`: the speaker,
/// if the text opens with an English turn. Without a colon the name must be the whole text.
#[cfg(test)]
fn en_turn(text: &str, alone: bool) -> Option<String> {
    en_turn_if(text, || alone)
}

/// [`en_turn`], with `alone` asked only when the text has no colon near its start.
fn en_turn_if(text: &str, alone: impl FnOnce() -> bool) -> Option<String> {
    // The name is the start of the text, and in capitals (see below): text that opens with any
    // other character (all Chinese text) is none, whatever follows.
    let opens = text.trim_start_matches(|c: char| is_hspace(c) || c.is_whitespace()).chars().next();
    if !opens.is_some_and(|c| c.is_ascii_uppercase() || matches!(c, '.' | '-' | '\'' | '’')) {
        return None;
    }
    let name = match colon_within(text, NAME_CHARS + 20, &[':']) {
        Some(colon) => &text[..colon],
        None if alone() => text,
        None => return None,
    };
    let name = without_note(name);
    // The cheap tests first: a line of running text fails at its first small letter.
    let capitals =
        name.chars().all(|c| c.is_ascii_uppercase() || c.is_whitespace() || matches!(c, '.' | '-' | '\'' | '’'))
            && name.chars().any(|c| c.is_ascii_uppercase());
    if !capitals {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=8).contains(&words.len()) {
        return None;
    }
    let titles = &vocabulary().speakers.en_titles;
    let titled = titles.iter().any(|t| {
        let tw: Vec<&str> = t.split_whitespace().collect();
        words.windows(tw.len()).any(|w| w.iter().zip(&tw).all(|(a, b)| a.trim_end_matches('.') == *b))
    });
    titled.then(|| name.to_owned())
}

/// Where the first of `colons` is in `text`, if at most `chars` characters come before it.
fn colon_within(text: &str, chars: usize, colons: &[char]) -> Option<usize> {
    text.char_indices().take(chars + 1).find(|(_, c)| colons.contains(c)).map(|(i, _)| i)
}

/// `Question:`, `質詢：`, `Reply:`, `答覆：`: the word and its colon open the line. A bare
/// `質詢` is a section's title (an agenda lists its questions under one), not a question.
fn heading_word(text: &str, words: &[String]) -> bool {
    let space = |c: char| is_hspace(c) || c.is_whitespace();
    // A head with more characters than the longest word (spaces aside) is none of them: the
    // search for the colon stops there, not at the end of a long line.
    let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    let mut solid = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '：' | ':') {
            let head = text[..i].trim_matches(space);
            return words.iter().any(|w| head == w.as_str());
        }
        if !space(c) {
            solid += 1;
            if solid > longest {
                return false;
            }
        }
    }
    false
}

fn opener(doc: &Document, b: &Block) -> Option<Opener> {
    if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading) {
        return None;
    }
    let text = doc.norm_text(&b.norm).trim_start_matches(|c: char| is_hspace(c) || c.is_whitespace());
    let first_line = text.lines().next().unwrap_or("");
    let sp = &vocabulary().speakers;
    if let Some(name) = zh_turn(text) {
        return Some(Opener::Turn(name));
    }
    // The first line as long as the whole text means there is no other line: that cheap test
    // first, so that a long paragraph is not counted through line by line.
    let alone = || {
        first_line.len() == text.trim_end().len()
            && (text.trim_end().lines().count() <= 1 || b.kind == BlockKind::Heading)
    };
    if let Some(name) = en_turn_if(first_line.trim_end(), alone) {
        return Some(Opener::Turn(name));
    }
    if heading_word(first_line, &sp.questions) {
        return Some(Opener::Question);
    }
    if heading_word(first_line, &sp.replies) {
        return Some(Opener::Reply);
    }
    None
}

/// The scopes of a parsed document: one per opener (with the headings just before it), and
/// what comes before the first; a single scope when there are fewer than two openers.
pub fn scopes(doc: &Document) -> Vec<Scope> {
    let whole = |kind| Scope {
        kind,
        blocks: 0..doc.blocks.len(),
        norm: 0..doc.norm.text.len(),
        span: Span::new(0..doc.text.len()),
        opener: None,
        speaker: None,
    };
    let openers: Vec<(usize, Opener)> =
        doc.blocks.iter().enumerate().filter_map(|(i, b)| opener(doc, b).map(|o| (i, o))).collect();
    if openers.len() < 2 {
        return vec![whole(ScopeKind::Paper)];
    }
    // Where each scope starts: its opener, or the headings straight before it.
    let mut starts: Vec<(usize, Option<usize>, Option<&Opener>)> = Vec::new();
    for (i, o) in &openers {
        let mut s = *i;
        while s > 0
            && doc.blocks[s - 1].kind == BlockKind::Heading
            && doc.blocks[s - 1].label.is_none()
            && opener(doc, &doc.blocks[s - 1]).is_none()
            && starts.last().is_none_or(|&(last, _, _)| last < s - 1)
        {
            s -= 1;
        }
        starts.push((s, Some(*i), Some(o)));
    }
    if starts[0].0 > 0 {
        starts.insert(0, (0, None, None));
    }
    let mut out: Vec<Scope> = Vec::new();
    let mut after_question = false;
    let officials = &vocabulary().speakers.officials;
    for (k, &(start, opener_block, o)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(doc.blocks.len(), |s| s.0);
        // A turn that ends by asking, followed by an official's turn, is a question and that
        // turn its reply (a written question printed without its number: `MR ABRAHAM SHEK`).
        let asks = || {
            let answered = matches!(starts.get(k + 1), Some((_, _, Some(Opener::Turn(name))))
                if officials.iter().any(|w| name.contains(w.as_str())));
            let last = (start..end).rev().find(|&b| !doc.norm_text(&doc.blocks[b].norm).trim().is_empty());
            answered && last.is_some_and(|b| doc.norm_text(&doc.blocks[b].norm).trim_end().ends_with(['?', '？']))
        };
        let numbered = opener_block
            .and_then(|i| doc.blocks[i].label.as_ref())
            .is_some_and(|l| matches!(l.style, LabelStyle::Arabic | LabelStyle::Section));
        let kind = match o {
            None => ScopeKind::Front,
            Some(Opener::Question) => ScopeKind::Question,
            Some(Opener::Reply) => ScopeKind::Reply,
            Some(Opener::Turn(_)) if numbered || !after_question && asks() => ScopeKind::Question,
            // The turn after a question answers it.
            Some(Opener::Turn(_)) if after_question => ScopeKind::Reply,
            Some(Opener::Turn(_)) => ScopeKind::Speech,
        };
        after_question = kind == ScopeKind::Question;
        let norm_start = if k == 0 { 0 } else { doc.blocks[start].norm.start };
        let norm_end = starts.get(k + 1).map_or(doc.norm.text.len(), |s| doc.blocks[s.0].norm.start);
        let span_start = if k == 0 { 0 } else { doc.blocks[start].span.offset };
        let span_end = starts.get(k + 1).map_or(doc.text.len(), |s| doc.blocks[s.0].span.offset);
        out.push(Scope {
            kind,
            blocks: start..end,
            norm: norm_start..norm_end.max(norm_start),
            span: Span::new(span_start..span_end.max(span_start)),
            opener: opener_block,
            speaker: match o {
                Some(Opener::Turn(name)) => Some(name.clone()),
                _ => None,
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse};
    use crate::source::Source;

    fn doc(text: &str) -> Document {
        parse(&Source::from_text("t.txt", text), &ParseOptions::default())
    }

    #[test]
    fn speakers_in_every_form() {
        assert_eq!(zh_turn("張華峰議員：主席，有市民向本人反映"), Some("張華峰議員".into()));
        assert_eq!(zh_turn("郭榮鏗議員(譯文)：主席，自2009年"), Some("郭榮鏗議員".into()));
        assert_eq!(zh_turn("財經事務及庫務局局長：主席，"), Some("財經事務及庫務局局長".into()));
        assert_eq!(zh_turn("主席：第 2 項質詢。"), Some("主席".into()));
        assert_eq!(zh_turn("政府的主要措施包括："), None);
        assert_eq!(zh_turn("就此，政府可否告知本會："), None);
        assert_eq!(zh_turn("專責委員會：研究"), None);
        assert_eq!(en_turn("MR DENNIS KWOK", true), Some("MR DENNIS KWOK".into()));
        assert_eq!(en_turn("SECRETARY FOR SECURITY", true), Some("SECRETARY FOR SECURITY".into()));
        assert_eq!(en_turn("THE PRESIDENT: Second question.", false), Some("THE PRESIDENT".into()));
        assert_eq!(en_turn("MR JAMES TO (in Cantonese): President,", false), Some("MR JAMES TO".into()));
        assert_eq!(en_turn("MR DENNIS KWOK", false), None);
        assert_eq!(en_turn("ANNEX A", true), None);
        assert_eq!(en_turn("PURPOSE", true), None);
        assert_eq!(en_turn("Mr Smith: yes", false), None);
        assert!(heading_word("Reply:", &vocabulary().speakers.replies));
        assert!(heading_word("答覆：", &vocabulary().speakers.replies));
        assert!(!heading_word("質詢", &vocabulary().speakers.questions));
        assert!(!heading_word("Replying to the question, the Minister said", &vocabulary().speakers.replies));
    }

    #[test]
    fn a_question_and_its_reply_are_two_scopes() {
        let d = doc("酷刑聲請的統計數字\n\n14. 郭榮鏗議員 (譯文 )：主席，政府可否告知本會：\n\n\
                     (一 ) 在過去 3年接獲的聲請數目；及\n\n(二 ) 已撤回的聲請數目？\n\n\
                     保安局局長 (譯文 )：主席，現答覆如下：\n\n(一 ) 入境處接獲 1 809宗。\n\n\
                     (二 ) 已撤回 27宗。\n");
        let kinds: Vec<ScopeKind> = d.scopes.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [ScopeKind::Question, ScopeKind::Reply]);
        // The question's title heading belongs to it.
        assert_eq!(d.scopes[0].blocks.start, 0);
        assert_eq!(d.scopes[1].speaker.as_deref(), Some("保安局局長"));
        assert_eq!(d.scopes[0].norm.end, d.scopes[1].norm.start);
        assert_eq!(d.scopes[1].norm.end, d.norm.text.len());
        let (a, b) = (&d.scopes[0].opener, &d.scopes[1].opener);
        assert!(a.is_some() && b.is_some());
        assert_eq!(d.scope_at(d.norm.text.len() - 1), 1);
    }

    #[test]
    fn an_english_sitting_and_a_paper_that_is_none() {
        let d = doc(
            "Attendance\n\nMR DENNIS KWOK\n\nPresident, will the Government inform this Council of the numbers?\n\n\
                     SECRETARY FOR SECURITY\n\nPresident, my reply is as follows.\n",
        );
        let kinds: Vec<ScopeKind> = d.scopes.iter().map(|s| s.kind).collect();
        // The heading before the first turn is the turn's. A member's turn that asks, and an
        // official's after it, are a question and its reply, numbered or not.
        assert_eq!(kinds, [ScopeKind::Question, ScopeKind::Reply]);
        let d = doc(
            "Attendance\n\nMR DENNIS KWOK\n\nPresident, will the Government inform this Council of the numbers?\n\n\
                     MR JAMES TO\n\nPresident, I have a view.\n",
        );
        let kinds: Vec<ScopeKind> = d.scopes.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [ScopeKind::Speech, ScopeKind::Speech], "no official answers");
        // One speaker named once is not a compilation.
        let d = doc("主席：本會現在開始。\n\n1. 政府的措施包括：\n\n(a) 推廣；及\n\n(b) 規管。\n");
        assert_eq!(d.scopes.len(), 1);
        assert_eq!(d.scopes[0].kind, ScopeKind::Paper);
        assert_eq!(d.scope_blocks(), std::iter::once(0..d.blocks.len()).collect::<Vec<_>>());
    }
}
