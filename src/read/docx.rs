//! Word documents (`.docx`): the zip is opened with `zip` and its XML parts read with
//! `quick-xml`, event by event (no tree is built, so nesting depth costs nothing).
//!
//! - `word/document.xml`: every paragraph (`w:p`) a block; a table (`w:tbl`) row by row, the
//!   cells' text two spaces apart, which is how the table parser reads cells.
//! - Automatic numbering (`w:numPr`, on the paragraph or its style in `word/styles.xml`) is
//!   resolved through `word/numbering.xml` and written at the paragraph's start as the reader
//!   sees it: `1.`, `(a)`, `iv.`, `一、`, `（二）`.
//! - Footnote and endnote references become `[1]`, `[2]` … in reading order, and the notes'
//!   text (`word/footnotes.xml`, `word/endnotes.xml`) follows the body as `[1] text`.
//! - Page numbers come from the page breaks Word recorded when it last laid the document out
//!   (`w:lastRenderedPageBreak`) or, where it recorded none, from explicit ones (a page break,
//!   `w:pageBreakBefore`). A document with neither has no page numbers.
//!
//! The parts read are at most [`MAX_UNPACKED`] bytes unpacked, together: a zip bomb is refused.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};

use super::{DocBuilder, ReadError};
use crate::source::{Format, Source};

/// The most bytes the XML parts of one document may unpack to, together.
pub const MAX_UNPACKED: u64 = 200 * 1024 * 1024;

/// Read a Word document.
pub fn read(name: &str, bytes: &[u8]) -> Result<Source, ReadError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ReadError::Docx(format!("not a zip archive ({e})")))?;
    let mut budget = MAX_UNPACKED;
    let document = part(&mut zip, "word/document.xml", &mut budget)?
        .ok_or_else(|| ReadError::Docx("it has no word/document.xml".into()))?;
    let numbering = match part(&mut zip, "word/numbering.xml", &mut budget)? {
        Some(xml) => Numbering::parse(&xml)?,
        None => Numbering::default(),
    };
    let styles = match part(&mut zip, "word/styles.xml", &mut budget)? {
        Some(xml) => styles(&xml)?,
        None => HashMap::new(),
    };
    let footnotes = match part(&mut zip, "word/footnotes.xml", &mut budget)? {
        Some(xml) => notes(&xml, "footnote")?,
        None => HashMap::new(),
    };
    let endnotes = match part(&mut zip, "word/endnotes.xml", &mut budget)? {
        Some(xml) => notes(&xml, "endnote")?,
        None => HashMap::new(),
    };
    let mut body = Body { numbering, styles, counters: HashMap::new(), notes: Vec::new() };
    let mut out = body.read(&document)?;
    for (i, (kind, id)) in body.notes.iter().enumerate() {
        let text = match kind {
            NoteKind::Foot => footnotes.get(id),
            NoteKind::End => endnotes.get(id),
        };
        // At most as many notes as references in a document under the unpacking limit.
        out.note(u32::try_from(i + 1).unwrap_or(u32::MAX), text.map_or("", |t| t.trim()));
    }
    Ok(out.finish(name, Format::Docx))
}

/// One part of the zip as text, or `None` when the document has no such part. Unpacking stops
/// past the budget left, which the part's size is taken from.
fn part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    path: &str,
    budget: &mut u64,
) -> Result<Option<String>, ReadError> {
    let file = match zip.by_name(path) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ReadError::Docx(format!("cannot open {path} ({e})"))),
    };
    if file.size() > *budget {
        return Err(ReadError::ZipBomb { mb: MAX_UNPACKED >> 20 });
    }
    let mut bytes = Vec::new();
    // The size in the header may lie: read one byte past the budget to know.
    file.take(*budget + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Docx(format!("cannot unpack {path} ({e})")))?;
    if bytes.len() as u64 > *budget {
        return Err(ReadError::ZipBomb { mb: MAX_UNPACKED >> 20 });
    }
    *budget -= bytes.len() as u64;
    String::from_utf8(bytes).map(Some).map_err(|e| {
        ReadError::Docx(format!("{path} is not UTF-8 XML (invalid byte at offset {})", e.utf8_error().valid_up_to()))
    })
}

fn xml_error(part: &str, reader: &quick_xml::Reader<&[u8]>, e: impl std::fmt::Display) -> ReadError {
    ReadError::Docx(format!("malformed XML in {part} at byte {} ({e})", reader.buffer_position()))
}

fn reader(xml: &str) -> quick_xml::Reader<&[u8]> {
    let mut r = quick_xml::Reader::from_reader(xml.as_bytes());
    r.config_mut().check_end_names = true;
    r
}

/// A `w:`-attribute's value by its local name (`val` for `w:val`).
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

/// The character an XML reference (`amp`, `#x41`) stands for.
fn resolve(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let v = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(v)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Numbering

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    /// `%1.`, `(%2)`, `第%1條`: where each level's number goes.
    text: String,
    /// `w:suff`: what follows the label (a tab unless said otherwise).
    suffix: String,
    /// `w:isLgl`: every level's number in decimal.
    legal: bool,
}

#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → its levels by `w:ilvl`.
    abstracts: HashMap<String, HashMap<u32, Level>>,
    /// numId → (abstractNumId, level → start override).
    nums: HashMap<String, (String, HashMap<u32, u32>)>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, ReadError> {
        let mut n = Numbering::default();
        let mut r = reader(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(u32, Level)> = None;
        let mut num: Option<String> = None;
        let mut override_level: Option<u32> = None;
        loop {
            let event = r.read_event().map_err(|e| xml_error("word/numbering.xml", &r, e))?;
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let val = || attr(e, "val");
                    match e.local_name().as_ref() {
                        "abstractNum" => abstract_id = attr(e, "abstractNumId"),
                        "lvl" if abstract_id.is_some() => {
                            let ilvl = attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                            level = Some((ilvl, Level { start: 1, format: "decimal".into(), ..Level::default() }));
                        }
                        "start" => {
                            if let Some((_, l)) = &mut level {
                                l.start = val().and_then(|v| v.parse().ok()).unwrap_or(1);
                            }
                        }
                        "numFmt" => {
                            if let Some((_, l)) = &mut level {
                                l.format = val().unwrap_or_default();
                            }
                        }
                        "lvlText" => {
                            if let Some((_, l)) = &mut level {
                                l.text = val().unwrap_or_default();
                            }
                        }
                        "suff" => {
                            if let Some((_, l)) = &mut level {
                                l.suffix = val().unwrap_or_default();
                            }
                        }
                        "isLgl" => {
                            if let Some((_, l)) = &mut level {
                                l.legal = val().is_none_or(|v| v != "0" && v != "false");
                            }
                        }
                        "num" => {
                            num = attr(e, "numId");
                            if let Some(id) = &num {
                                n.nums.entry(id.clone()).or_default();
                            }
                        }
                        "abstractNumId" => {
                            if let (Some(id), Some(a)) = (&num, val()) {
                                n.nums.entry(id.clone()).or_default().0 = a;
                            }
                        }
                        "lvlOverride" => override_level = attr(e, "ilvl").and_then(|v| v.parse().ok()),
                        "startOverride" => {
                            if let (Some(id), Some(l), Some(v)) =
                                (&num, override_level, val().and_then(|v| v.parse().ok()))
                            {
                                n.nums.entry(id.clone()).or_default().1.insert(l, v);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(a), Some((ilvl, l))) = (&abstract_id, level.take()) {
                            n.abstracts.entry(a.clone()).or_default().insert(ilvl, l);
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => num = None,
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(n)
    }
}

/// A number written in a list format.
fn format_number(n: u32, format: &str) -> String {
    const HEAVENLY: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
    match format {
        "lowerLetter" => letters(n, false),
        "upperLetter" => letters(n, true),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting"
        | "koreanCounting" => chinese(n),
        "ideographTraditional" if (1..=10).contains(&n) => HEAVENLY[n as usize - 1].to_owned(),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|c| ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"][c as usize - '0' as usize])
            .collect(),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32)).collect()
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "bullet" => "•".to_owned(),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// `a` … `z`, then `aa` … `zz`, as Word counts.
fn letters(n: u32, upper: bool) -> String {
    if n == 0 {
        return "0".into();
    }
    let c = char::from(b'a' + ((n - 1) % 26) as u8);
    let s = c.to_string().repeat(((n - 1) / 26 + 1) as usize);
    if upper { s.to_uppercase() } else { s }
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// `一`, `十`, `十一`, `二十`, `一百零五`: Chinese counting, as Word writes it.
fn chinese(n: u32) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 || n >= 10_000 {
        return n.to_string();
    }
    let (q, b, s, g) = (n / 1000, n / 100 % 10, n / 10 % 10, n % 10);
    let mut out = String::new();
    for (d, unit) in [(q, "千"), (b, "百")] {
        if d > 0 {
            out.push_str(DIGITS[d as usize]);
            out.push_str(unit);
        } else if !out.is_empty() && (b + s + g) > 0 && !out.ends_with('〇') {
            out.push('〇');
        }
    }
    if s > 0 {
        // `十一`, not `一十一`, below twenty.
        if !(s == 1 && out.is_empty()) {
            out.push_str(DIGITS[s as usize]);
        }
        out.push('十');
    } else if !out.is_empty() && g > 0 && !out.ends_with('〇') {
        out.push('〇');
    }
    if g > 0 {
        out.push_str(DIGITS[g as usize]);
    }
    out.replace("〇", "零")
}

/// Each paragraph style's numbering (numId, level), through its `basedOn` chain.
fn styles(xml: &str) -> Result<HashMap<String, (String, u32)>, ReadError> {
    let mut r = reader(xml);
    let mut based: HashMap<String, String> = HashMap::new();
    let mut own: HashMap<String, (Option<String>, Option<u32>)> = HashMap::new();
    let mut style: Option<String> = None;
    loop {
        let event = r.read_event().map_err(|e| xml_error("word/styles.xml", &r, e))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" => style = attr(e, "styleId"),
                "basedOn" => {
                    if let (Some(s), Some(v)) = (&style, attr(e, "val")) {
                        based.insert(s.clone(), v);
                    }
                }
                "numId" => {
                    if let Some(s) = &style {
                        own.entry(s.clone()).or_default().0 = attr(e, "val");
                    }
                }
                "ilvl" => {
                    if let Some(s) = &style {
                        own.entry(s.clone()).or_default().1 = attr(e, "val").and_then(|v| v.parse().ok());
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "style" => style = None,
            Event::Eof => break,
            _ => {}
        }
    }
    let mut out = HashMap::new();
    for id in own.keys().chain(based.keys()) {
        let (mut num, mut lvl) = (None, None);
        let mut at = Some(id.clone());
        // A chain longer than this is a loop.
        for _ in 0..16 {
            let Some(s) = at else { break };
            if let Some((n, l)) = own.get(&s) {
                num = num.or(n.clone());
                lvl = lvl.or(*l);
            }
            at = based.get(&s).cloned();
        }
        if let Some(n) = num {
            out.insert(id.clone(), (n, lvl.unwrap_or(0)));
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Notes

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoteKind {
    Foot,
    End,
}

/// Each note's text by its `w:id` (separators left out).
fn notes(xml: &str, element: &str) -> Result<HashMap<String, String>, ReadError> {
    let part = if element == "footnote" { "word/footnotes.xml" } else { "word/endnotes.xml" };
    let mut r = reader(xml);
    let mut out = HashMap::new();
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    loop {
        let event = r.read_event().map_err(|e| xml_error(part, &r, e))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name();
                let empty = matches!(event, Event::Empty(_));
                match local.as_ref() {
                    n if n == element && !empty => {
                        let normal = attr(e, "type").is_none_or(|t| t == "normal");
                        current = normal.then(|| (attr(e, "id").unwrap_or_default(), String::new()));
                    }
                    "t" if !empty => in_text = true,
                    "tab" => push(&mut current, " "),
                    "p" if !empty => push(&mut current, " "),
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                n if n == element => {
                    if let Some((id, text)) = current.take() {
                        out.insert(id, text.split_whitespace().collect::<Vec<_>>().join(" "));
                    }
                }
                "t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => push(&mut current, &t.xml10_content()),
            Event::GeneralRef(g) if in_text => {
                if let Some(c) = resolve(&g.xml10_content()) {
                    push(&mut current, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::CData(c) if in_text => push(&mut current, &c.xml10_content()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn push(current: &mut Option<(String, String)>, s: &str) {
    if let Some((_, text)) = current {
        text.push_str(s);
    }
}

// ---------------------------------------------------------------------------------------------
// The body

struct Body {
    numbering: Numbering,
    styles: HashMap<String, (String, u32)>,
    /// abstractNumId → the current number at each level (`None`: not started, or restarted).
    counters: HashMap<String, [Option<u32>; 9]>,
    /// The notes referred to, in order: `[i + 1]` is `notes[i]`.
    notes: Vec<(NoteKind, String)>,
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    num: Option<String>,
    ilvl: Option<u32>,
    style: Option<String>,
    /// A page starts at this paragraph (`w:pageBreakBefore`, or a break inside it before any text).
    breaks_before: u32,
    /// Page breaks inside it after some text.
    breaks_after: u32,
}

/// A table being read: its rows so far and the row and cell being read.
#[derive(Default)]
struct TableState {
    row: Vec<String>,
    cell: String,
    /// The paragraph number of the row's first paragraph.
    first: Option<u32>,
}

impl Body {
    fn read(&mut self, xml: &str) -> Result<DocBuilder, ReadError> {
        let rendered = xml.contains("lastRenderedPageBreak");
        let explicit = xml.contains("w:type=\"page\"") || xml.contains("pageBreakBefore");
        let paged = rendered || explicit;
        let mut out = DocBuilder::default();
        let mut r = reader(xml);
        let mut para: Option<Para> = None;
        // Nested tables are read as part of the outer one's cells.
        let mut tables: Vec<TableState> = Vec::new();
        let mut in_text = false;
        // Inside content not shown (deleted text, a field's instructions, a fallback copy).
        let mut hidden = 0u32;
        let mut in_ppr = false;
        let mut count = 0u32;
        let mut page = 1u32;
        loop {
            let event = r.read_event().map_err(|e| xml_error("word/document.xml", &r, e))?;
            let empty = matches!(event, Event::Empty(_));
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let local = e.local_name();
                    match local.as_ref() {
                        "Fallback" | "del" | "instrText" | "delInstrText" | "txbxContent" if !empty => hidden += 1,
                        _ if hidden > 0 => {}
                        "p" if !empty => para = Some(Para::default()),
                        "pPr" if !empty => in_ppr = true,
                        "pStyle" if in_ppr => {
                            if let Some(p) = &mut para {
                                p.style = attr(e, "val");
                            }
                        }
                        "numId" if in_ppr => {
                            if let Some(p) = &mut para {
                                p.num = attr(e, "val");
                            }
                        }
                        "ilvl" if in_ppr => {
                            if let Some(p) = &mut para {
                                p.ilvl = attr(e, "val").and_then(|v| v.parse().ok());
                            }
                        }
                        "pageBreakBefore" if in_ppr && !rendered => {
                            if let Some(p) = &mut para
                                && attr(e, "val").is_none_or(|v| v != "0" && v != "false")
                            {
                                p.breaks_before += 1;
                            }
                        }
                        "lastRenderedPageBreak" if rendered => page_break(&mut para),
                        "br" if !rendered && attr(e, "type").as_deref() == Some("page") => page_break(&mut para),
                        "br" | "cr" => push_para(&mut para, "\n"),
                        "tab" if !in_ppr => push_para(&mut para, "\t"),
                        "noBreakHyphen" => push_para(&mut para, "-"),
                        "t" if !empty => in_text = true,
                        "footnoteReference" | "endnoteReference" => {
                            let kind =
                                if local.as_ref() == "footnoteReference" { NoteKind::Foot } else { NoteKind::End };
                            let id = attr(e, "id").unwrap_or_default();
                            self.notes.push((kind, id));
                            let mark = format!("[{}]", self.notes.len());
                            push_para(&mut para, &mark);
                        }
                        "tbl" if !empty => tables.push(TableState::default()),
                        "tc" if !empty => {
                            if let Some(t) = tables.last_mut() {
                                t.cell.clear();
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => {
                    let local = e.local_name();
                    match local.as_ref() {
                        "Fallback" | "del" | "instrText" | "delInstrText" | "txbxContent" => {
                            hidden = hidden.saturating_sub(1)
                        }
                        _ if hidden > 0 => {}
                        "pPr" => in_ppr = false,
                        "t" => in_text = false,
                        "p" => {
                            let Some(p) = para.take() else { continue };
                            page += p.breaks_before;
                            let label = self.label(&p);
                            let mut text = p.text.trim().to_owned();
                            if let Some(l) = label.filter(|l| !l.trim().is_empty()) {
                                text = format!("{l}{text}").trim().to_owned();
                            }
                            if !text.is_empty() {
                                count += 1;
                                let pg = paged.then_some(page);
                                match tables.last_mut() {
                                    Some(t) => {
                                        if !t.cell.is_empty() {
                                            t.cell.push(' ');
                                        }
                                        t.cell.push_str(&text.replace(['\n', '\t'], " "));
                                        t.first.get_or_insert(count);
                                    }
                                    None => out.paragraph(&text, Some(count), pg),
                                }
                            }
                            page += p.breaks_after;
                        }
                        "tc" => {
                            if let Some(t) = tables.last_mut() {
                                let cell = std::mem::take(&mut t.cell);
                                t.row.push(cell.trim().to_owned());
                            }
                        }
                        "tr" => {
                            if let Some(t) = tables.last_mut() {
                                let row = std::mem::take(&mut t.row);
                                let first = t.first.take();
                                let line = row.join("  ");
                                if tables.len() == 1 {
                                    out.row(&line, first, paged.then_some(page));
                                } else if let Some(outer) = tables.iter_mut().rev().nth(1) {
                                    // A nested table: its rows are text of the outer cell.
                                    if !outer.cell.is_empty() {
                                        outer.cell.push(' ');
                                    }
                                    outer.cell.push_str(&line);
                                    if outer.first.is_none() {
                                        outer.first = first;
                                    }
                                }
                            }
                        }
                        "tbl" => {
                            tables.pop();
                            if tables.is_empty() {
                                out.gap();
                            }
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if in_text && hidden == 0 => push_para(&mut para, &t.xml10_content()),
                Event::GeneralRef(g) if in_text && hidden == 0 => {
                    if let Some(c) = resolve(&g.xml10_content()) {
                        push_para(&mut para, c.encode_utf8(&mut [0; 4]));
                    }
                }
                Event::CData(c) if in_text && hidden == 0 => push_para(&mut para, &c.xml10_content()),
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(out)
    }

    /// The number Word shows before a paragraph, counting it.
    fn label(&mut self, p: &Para) -> Option<String> {
        let from_style = p.style.as_ref().and_then(|s| self.styles.get(s)).cloned();
        let num = p.num.clone().or_else(|| from_style.as_ref().map(|(n, _)| n.clone()))?;
        if num == "0" {
            return None;
        }
        let ilvl = p.ilvl.or(from_style.map(|(_, l)| l)).unwrap_or(0).min(8);
        let (abstract_id, overrides) = self.numbering.nums.get(&num)?;
        let levels = self.numbering.abstracts.get(abstract_id)?;
        let level = levels.get(&ilvl)?;
        let counters = self.counters.entry(abstract_id.clone()).or_insert_with(|| {
            // A list instance that restarts a level starts there.
            let mut c = [None; 9];
            for (&l, &v) in overrides {
                if let Some(slot) = c.get_mut(l as usize) {
                    *slot = Some(v.saturating_sub(1));
                }
            }
            c
        });
        let i = ilvl as usize;
        let start = level.start;
        counters[i] = Some(counters[i].map_or(start, |v| v.saturating_add(1)));
        for c in counters.iter_mut().skip(i + 1) {
            *c = None;
        }
        if level.format == "bullet" {
            return Some("• ".to_owned());
        }
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let k = d as usize - 1;
                    let lv = levels.get(&(k as u32));
                    let v = counters[k].unwrap_or_else(|| lv.map_or(1, |l| l.start));
                    let fmt = match lv {
                        Some(l) if !(level.legal && k < i) => l.format.as_str(),
                        _ => "decimal",
                    };
                    label.push_str(&format_number(v, fmt));
                }
                _ => label.push(c),
            }
        }
        // Word puts a tab after the label unless told otherwise; a space reads the same.
        if level.suffix != "nothing" && !label.is_empty() {
            label.push(' ');
        }
        Some(label.trim_start().to_owned())
    }
}

fn push_para(para: &mut Option<Para>, s: &str) {
    if let Some(p) = para {
        p.text.push_str(s);
    }
}

/// A page break inside a paragraph: before its text when none has come yet.
fn page_break(para: &mut Option<Para>) {
    if let Some(p) = para {
        if p.text.trim().is_empty() {
            p.breaks_before += 1;
        } else {
            p.breaks_after += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_every_list_format() {
        assert_eq!(format_number(3, "lowerLetter"), "c");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(1, "chineseCounting"), "一");
        assert_eq!(format_number(10, "chineseCounting"), "十");
        assert_eq!(format_number(11, "taiwaneseCounting"), "十一");
        assert_eq!(format_number(20, "chineseCountingThousand"), "二十");
        assert_eq!(format_number(105, "chineseCounting"), "一百零五");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(12, "decimal"), "12");
    }
}
