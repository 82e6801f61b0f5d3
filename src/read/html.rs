//! HTML pages, read with `html5gum`: a WHATWG tokenizer that gives every token its byte span in
//! the page, so each character of the text maps back to the bytes it came from. It builds no
//! tree — block structure is read from the tags as they come — so a page nested 10,000 elements
//! deep costs no stack.
//!
//! What a browser shows is read, what it does not is dropped: `<script>`, `<style>`,
//! `<noscript>`, `<template>`, `<title>`, SVG and MathML, comments and attributes (a CSS
//! `width:100%` is never a figure). Entities are decoded, each character standing for the
//! entity's bytes. Whitespace collapses as a browser collapses it, except in `<pre>`. A block
//! element starts a paragraph; `<br>` a line. A table is read row by row, one row a line, its
//! cells two spaces apart as the table parser reads them; an `<ol>`'s items get the number a
//! browser shows (`1.`, `b.`, `iv.`), a `<ul>`'s a bullet.

use html5gum::{DefaultEmitter, Span as TokenSpan, Token, Tokenizer};

use super::ReadError;
use crate::source::{NormBuilder, Source};

/// Read an HTML page that has been decoded as text.
pub fn read(file: Source) -> Result<Source, ReadError> {
    let html = file.shared_text();
    let mut w = Writer::default();
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(&*html, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(t) => {
                let name = String::from_utf8_lossy(&t.name).to_ascii_lowercase();
                let attr =
                    |k: &str| t.attributes.get(k.as_bytes()).map(|v| String::from_utf8_lossy(&v.value).into_owned());
                w.start(&name, t.self_closing, t.span.start, &attr);
            }
            Token::EndTag(t) => w.end(&String::from_utf8_lossy(&t.name).to_ascii_lowercase(), t.span.start),
            Token::String(s) => w.text(&html, s.span, &String::from_utf8_lossy(&s.value)),
            _ => {}
        }
    }
    let n = w.out.finish();
    Ok(Source::from_html(file, n.text, n.map))
}

/// What separates the next text from the text before, the strongest asked for winning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
enum Sep {
    #[default]
    None,
    Space,
    Cell,
    Line,
    Paragraph,
}

/// Elements whose content is not shown.
const HIDDEN: &[&str] =
    &["script", "style", "noscript", "template", "title", "svg", "math", "iframe", "object", "textarea", "select"];

/// Elements that start and end a block.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// A list being read: `None` for `<ul>`, the next number and its type for `<ol>`.
type List = Option<(u32, char)>;

#[derive(Default)]
struct Writer {
    out: NormBuilder,
    sep: Sep,
    /// Where the separator stands in the page (the tag that asked for it).
    sep_at: usize,
    /// Names of the hidden elements open, innermost last.
    hidden: Vec<String>,
    pre: u32,
    tables: u32,
    lists: Vec<List>,
}

impl Writer {
    fn ask(&mut self, sep: Sep, at: usize) {
        if sep > self.sep {
            self.sep = sep;
            self.sep_at = at;
        }
    }

    fn start(&mut self, name: &str, self_closing: bool, at: usize, attr: &dyn Fn(&str) -> Option<String>) {
        if !self.hidden.is_empty() || HIDDEN.contains(&name) {
            if !self_closing {
                self.hidden.push(name.to_owned());
            }
            return;
        }
        match name {
            "br" => self.ask(Sep::Line, at),
            "tr" if self.tables > 0 => self.ask(Sep::Line, at),
            "td" | "th" if self.tables > 0 => self.ask(Sep::Cell, at),
            "table" => {
                self.ask(Sep::Paragraph, at);
                self.tables += 1;
            }
            "pre" => {
                self.ask(Sep::Paragraph, at);
                self.pre += 1;
            }
            "ul" | "ol" => {
                self.ask(Sep::Paragraph, at);
                let list = (name == "ol").then(|| {
                    let start = attr("start").and_then(|s| s.trim().parse::<u32>().ok()).unwrap_or(1);
                    let kind = attr("type").and_then(|t| t.chars().next()).unwrap_or('1');
                    (start, kind)
                });
                self.lists.push(list);
            }
            "li" => {
                self.block(at);
                let label = match self.lists.last_mut() {
                    Some(Some((n, kind))) => {
                        if let Some(v) = attr("value").and_then(|s| s.trim().parse::<u32>().ok()) {
                            *n = v;
                        }
                        let label = format!("{}.", list_number(*n, *kind));
                        *n = n.saturating_add(1);
                        label
                    }
                    _ => "•".to_owned(),
                };
                if self.tables == 0 {
                    for c in label.chars().chain([' ']) {
                        self.push(c, at, 0);
                    }
                }
            }
            _ if BLOCKS.contains(&name) => self.block(at),
            _ => {}
        }
    }

    fn end(&mut self, name: &str, at: usize) {
        if let Some(open) = self.hidden.last() {
            if open == name {
                self.hidden.pop();
            }
            return;
        }
        match name {
            "table" => {
                self.tables = self.tables.saturating_sub(1);
                self.ask(Sep::Paragraph, at);
            }
            "tr" if self.tables > 0 => self.ask(Sep::Line, at),
            "pre" => {
                self.pre = self.pre.saturating_sub(1);
                self.ask(Sep::Paragraph, at);
            }
            "ul" | "ol" => {
                self.lists.pop();
                self.ask(Sep::Paragraph, at);
            }
            _ if BLOCKS.contains(&name) => self.block(at),
            _ => {}
        }
    }

    /// A block starts or ends: a paragraph break, or a space inside a table's cell.
    fn block(&mut self, at: usize) {
        self.ask(if self.tables > 0 { Sep::Space } else { Sep::Paragraph }, at);
    }

    /// A text token: its characters, each with the bytes of the page it came from.
    fn text(&mut self, html: &str, span: TokenSpan<usize>, value: &str) {
        if !self.hidden.is_empty() {
            return;
        }
        for (c, at, len) in align(html.get(span.start..span.end).unwrap_or(""), span.start, value) {
            self.char(c, at, len);
        }
    }

    fn char(&mut self, c: char, at: usize, len: usize) {
        if self.pre == 0 && matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
            self.ask(Sep::Space, at);
            return;
        }
        self.push(c, at, len);
    }

    /// Write a character, after the separator asked for since the last one.
    fn push(&mut self, c: char, at: usize, len: usize) {
        let sep = std::mem::take(&mut self.sep);
        if !self.out.is_empty() {
            let s = match sep {
                Sep::None => "",
                Sep::Space => " ",
                Sep::Cell => "  ",
                Sep::Line => "\n",
                Sep::Paragraph => "\n\n",
            };
            // A separator stands for the markup that asked for it, and no byte of it.
            let at = if sep == Sep::Space { self.sep_at } else { at };
            for s in s.chars() {
                self.out.push(s, at, 0);
            }
        }
        self.out.push(c, at, len);
    }
}

/// `n` as an `<ol type>` writes it.
fn list_number(n: u32, kind: char) -> String {
    let letters = |upper: bool| {
        if n == 0 || n > 26 * 26 {
            return n.to_string();
        }
        let c = char::from(b'a' + ((n - 1) % 26) as u8);
        let s = if n > 26 { format!("{}{c}", char::from(b'a' + ((n - 1) / 26 - 1) as u8)) } else { c.to_string() };
        if upper { s.to_uppercase() } else { s }
    };
    match kind {
        'a' => letters(false),
        'A' => letters(true),
        'i' | 'I' if (1..4000).contains(&n) => {
            let mut v = n;
            let mut s = String::new();
            for (k, r) in [
                (1000, "m"),
                (900, "cm"),
                (500, "d"),
                (400, "cd"),
                (100, "c"),
                (90, "xc"),
                (50, "l"),
                (40, "xl"),
                (10, "x"),
                (9, "ix"),
                (5, "v"),
                (4, "iv"),
                (1, "i"),
            ] {
                while v >= k {
                    s.push_str(r);
                    v -= k;
                }
            }
            if kind == 'I' { s.to_uppercase() } else { s }
        }
        _ => n.to_string(),
    }
}

/// The characters the tokenizer decoded from `raw` (the page's bytes at `base`), each with the
/// offset and length of the bytes it stands for. Text outside character references is the
/// page's own, one character for one (a CR LF the tokenizer made one LF stands for both); a
/// reference (`&amp;`, `&#8364;`, `&nbsp;`) stands for its bytes. Should the two ever fail to
/// line up, the rest of the token stands for its last aligned position.
fn align(raw: &str, base: usize, value: &str) -> Vec<(char, usize, usize)> {
    let v: Vec<char> = value.chars().collect();
    let mut out = Vec::with_capacity(v.len());
    let (mut i, mut j) = (0usize, 0usize);
    let rb = raw.as_bytes();
    while j < v.len() {
        let Some(rc) = raw.get(i..).and_then(|r| r.chars().next()) else { break };
        if rc == '&' {
            // The reference's extent: `&#x20AC;`, `&#8364;`, `&nbsp;`, or an unterminated name.
            let mut e = i + 1;
            if rb.get(e) == Some(&b'#') {
                e += 1;
                if matches!(rb.get(e), Some(b'x' | b'X')) {
                    e += 1;
                }
            }
            while rb.get(e).is_some_and(u8::is_ascii_alphanumeric) {
                e += 1;
            }
            if rb.get(e) == Some(&b';') {
                e += 1;
            }
            let written = &raw[i..e];
            let n = written.chars().count();
            // Left as written (`AT&T`, an unknown name): the characters are the page's own.
            let literal = v.get(j..j + n).is_some_and(|d| d.iter().copied().eq(written.chars()));
            let rest = raw.get(e..).unwrap_or("");
            // What follows the reference in the page follows its characters in the text (up to
            // the next reference or line end, which may read differently).
            let fits = |k: usize| {
                j + k <= v.len()
                    && rest
                        .chars()
                        .take_while(|&c| c != '&' && c != '\r')
                        .take(4)
                        .zip(&v[j + k..])
                        .all(|(a, &b)| a == b)
                    && (rest.is_empty() || j + k < v.len())
            };
            if !literal && let Some(k) = [1, 2].into_iter().find(|&k| e > i + 1 && fits(k)) {
                for &c in &v[j..j + k] {
                    out.push((c, base + i, e - i));
                }
                i = e;
                j += k;
                continue;
            }
            // …or left as written (`AT&T`, an unknown name).
        }
        if rc == '\r' && v[j] == '\n' && rb.get(i + 1) == Some(&b'\n') {
            out.push(('\n', base + i, 2));
            i += 2;
            j += 1;
            continue;
        }
        out.push((v[j], base + i, rc.len_utf8()));
        i += rc.len_utf8();
        j += 1;
    }
    // Whatever did not line up stands at the last position reached.
    let at = base + i.min(raw.len());
    out.extend(v.get(j..).unwrap_or(&[]).iter().map(|&c| (c, at, 0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(html: &str) -> Source {
        read(Source::from_text("p.html", html)).unwrap()
    }

    #[test]
    fn blocks_tables_lists_and_what_is_not_shown() {
        let html = "<!DOCTYPE html><html><head><title>T 99%</title><style>p{width:100%}</style>\
            <script>var x = 60;</script></head><body><h1>Release</h1><p>Rose   from\n100 to 150,\
            <b> up</b> 60%.</p><!-- 70% --><table><tr><th>Item</th><th>2023</th></tr>\
            <tr><td>A</td><td>1,000</td></tr><tr><td>Total</td><td>1,500</td></tr></table>\
            <ol start=\"3\"><li>three</li><li>four</li></ol><ul><li>dot</li></ul><p>a<br>b</p></body></html>";
        let s = read_str(html);
        assert_eq!(
            s.text(),
            "Release\n\nRose from 100 to 150, up 60%.\n\nItem  2023\nA  1,000\nTotal  1,500\n\n3. three\n\n4. four\n\n• dot\n\na\nb"
        );
        // A finding's place is the page's line and column.
        let at = s.text().find("60%").unwrap();
        let f = s.file_span(crate::source::Span::new(at..at + 3));
        assert_eq!(&html[f.range()], "60%");
        assert_eq!(s.line_col(at), (2, html.lines().nth(1).unwrap().find("60%").unwrap() + 1));
    }

    #[test]
    fn entities_are_decoded_and_stand_for_their_bytes() {
        let html = "<p>A&amp;B rose 5&#x25; to &euro;3&nbsp;m, AT&T &lt;x&gt;</p>";
        let s = read_str(html);
        assert_eq!(s.text(), "A&B rose 5% to €3\u{a0}m, AT&T <x>");
        let pct = s.text().find("5%").unwrap();
        let f = s.file_span(crate::source::Span::new(pct..pct + 2));
        assert_eq!(&html[f.range()], "5&#x25;");
        let amp = s.text().find('&').unwrap();
        assert_eq!(&html[s.file_span(crate::source::Span::new(amp..amp + 1)).range()], "&amp;");
        let euro = s.text().find('€').unwrap();
        assert_eq!(&html[s.file_span(crate::source::Span::new(euro..euro + 4)).range()], "&euro;3");
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        let html = format!("{}<p>Rose 60%.</p>{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        assert_eq!(read_str(&html).text(), "Rose 60%.");
        let html = format!("{}x", "<span><b>".repeat(10_000));
        assert_eq!(read_str(&html).text(), "x");
    }

    #[test]
    fn list_numbers() {
        assert_eq!(list_number(2, 'a'), "b");
        assert_eq!(list_number(28, 'A'), "AB");
        assert_eq!(list_number(4, 'i'), "iv");
        assert_eq!(list_number(9, '1'), "9");
    }
}
