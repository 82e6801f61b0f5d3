//! The document readers (issue 12), from the process: a Word document, a PDF and an HTML page
//! give the findings their text gives, each pointing back into the file — paragraph and page
//! for a docx or PDF, line and column of the page for HTML — and nothing from markup, scripts,
//! styles or page furniture. Hostile files are an error for that file alone.
//!
//! The fixtures under `tests/fixtures/readers/` are made by `scripts/make-reader-fixtures.py`
//! (LibreOffice); the tests read only the committed files. Hostile files are made here.

use std::io::Write;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("policy-lint").unwrap().current_dir(root()).args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `--format json` on the paths: every finding as (rule, paragraph, page, line, column, the text
/// the primary label covers in the extracted text).
fn json(args: &[&str]) -> (Option<i32>, Value, String) {
    let mut all = vec!["--format", "json"];
    all.extend(args);
    let (code, out, err) = run(&all);
    (code, serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}")), err)
}

fn diagnostics(v: &Value, file: usize) -> Vec<Value> {
    v["files"][file]["diagnostics"].as_array().cloned().unwrap_or_default()
}

const DOCX_EN: &str = "tests/fixtures/readers/paper.en.docx";
const DOCX_ZH: &str = "tests/fixtures/readers/paper.zh.docx";
const HTML: &str = "tests/fixtures/readers/release.en.html";
const LEGCO_DOCX: &str = "tests/fixtures/readers/legco-fintech-2020.zh.docx";

#[test]
fn word_documents_give_the_planted_error_at_its_paragraph_and_page() {
    // Paragraph 3 in English (title, paragraph 1, paragraph 2), 5 in Chinese (title, 一、,
    // paragraph 1, 二、, paragraph 2); an explicit page break before it.
    for (path, paragraph) in [(DOCX_EN, 3), (DOCX_ZH, 5)] {
        let (code, v, err) = json(&[path]);
        assert_eq!(code, Some(1), "{err}");
        assert_eq!(v["files"][0]["format"], "docx");
        let d = diagnostics(&v, 0);
        assert_eq!(d.len(), 1, "{path}: only the planted error: {d:#?}");
        assert_eq!(d[0]["rule"], "percent-change");
        assert_eq!(d[0]["paragraph"], paragraph, "{path}");
        assert_eq!(d[0]["page"], 2, "{path}");
        let (_, concise, _) = run(&["--format", "concise", path]);
        assert_eq!(
            concise,
            format!(
                "{path}: paragraph {paragraph}, page 2: error[percent-change] stated rise of 60% does not match the \
                 figures (+50.0%)\n"
            )
        );
    }
}

#[test]
fn a_word_documents_numbering_footnotes_and_table_are_read_as_the_parser_reads_text() {
    let (code, out, err) = run(&["figures", DOCX_ZH]);
    assert_eq!(code, Some(0), "{err}");
    // Word's automatic numbering, continued across the lists: 1–4, then 一、 二、 and (a) (b).
    assert!(out.contains("paragraphs  1–4"), "{out}");
    assert!(out.contains("numbered    一、 二、"), "{out}");
    assert!(out.contains("list items  (a) (b)"), "{out}");
    // The footnote reference and the note at the end.
    assert!(out.contains("footnotes   1 ("), "{out}");
    // The table's TOTAL row is read and closes.
    assert!(out.contains("ok   ") && out.contains("4,200 + 1,800 = 6,000 against the total 6,000"), "{out}");
    let (_, out, _) = run(&["figures", DOCX_EN]);
    assert!(out.contains("paragraphs  1–4") && out.contains("list items  (a) (b)"), "{out}");
    assert!(out.contains("5,100 + 2,400 = 7,500 against the total 7,500 (all of, the `Total` row)"), "{out}");
}

#[test]
fn the_human_report_names_the_paragraph_and_page() {
    let (_, out, _) = run(&["--color", "never", DOCX_EN]);
    assert!(out.contains("─[tests/fixtures/readers/paper.en.docx: paragraph 3, page 2]"), "{out}");
    assert!(out.contains("2. Daily real-time transactions rose from 125,400"), "{out}");
}

#[test]
fn the_commissioning_paper_as_a_word_document_finds_what_its_text_finds() {
    let (_, txt, _) = json(&["samples/legco-fintech-2020.zh.txt"]);
    let (code, docx, err) = json(&[LEGCO_DOCX]);
    assert_eq!(code, Some(1), "{err}");
    let key = |d: &Value| (d["rule"].as_str().unwrap_or("").to_owned(), d["message"].as_str().unwrap_or("").to_owned());
    let from_txt: Vec<_> = diagnostics(&txt, 0).iter().map(key).collect();
    let from_docx: Vec<_> = diagnostics(&docx, 0).iter().map(key).collect();
    assert_eq!(from_docx, from_txt);
    let sixty = diagnostics(&docx, 0).into_iter().find(|d| d["rule"] == "percent-change").unwrap();
    assert!(sixty["message"].as_str().unwrap().contains("60%"));
    // One paragraph per line of the text, a page break every 60: the line the 60% is on.
    assert!(sixty["paragraph"].as_u64().is_some_and(|p| p > 200), "{sixty}");
    assert!(sixty["page"].as_u64().is_some_and(|p| p >= 4), "{sixty}");
}

#[test]
fn an_html_page_gives_the_planted_error_at_its_line_and_column_and_nothing_from_markup() {
    let (code, v, err) = json(&[HTML]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(v["files"][0]["format"], "html");
    let d = diagnostics(&v, 0);
    // Not the script's 75%, the comment's 40%, the style's 100% nor the noscript's 90%.
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0]["rule"], "percent-change");
    let html = std::fs::read_to_string(root().join(HTML)).unwrap();
    let span = &d[0]["span"];
    let (at, len) = (span["offset"].as_u64().unwrap() as usize, span["length"].as_u64().unwrap() as usize);
    assert_eq!(&html[at..at + len], "60%");
    let line = html[..at].matches('\n').count() + 1;
    let column = html[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    assert_eq!((d[0]["line"].as_u64(), d[0]["column"].as_u64()), (Some(line as u64), Some(column as u64)));
    // The labels on the two figures point at them in the page.
    for l in d[0]["labels"].as_array().unwrap() {
        let (a, n) = (l["span"]["offset"].as_u64().unwrap() as usize, l["span"]["length"].as_u64().unwrap() as usize);
        assert!(["125,400", "188,100"].contains(&&html[a..a + n]), "{l}");
    }
    // The human report shows the page's own lines.
    let (_, out, _) = run(&["--color", "never", HTML]);
    assert!(out.contains(&format!("─[{HTML}:{line}:{column}]")), "{out}");
    assert!(out.contains("an increase of&nbsp;60%.</p>"), "{out}");
    // The table's TOTAL row was read; the entity in its label decoded.
    let (_, out, _) = run(&["figures", HTML]);
    assert!(out.contains("4,200 + 1,800 = 6,000 against the total 6,000 (all of, the `Total` row)"), "{out}");
}

#[test]
fn ten_thousand_nested_elements_are_read_without_overflowing_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "<!DOCTYPE html><html><body>{}<p>Sales rose from 125,400 to 188,100, an increase of 60%.</p>{}</body></html>",
        "<div><span>".repeat(10_000),
        "</span></div>".repeat(10_000)
    );
    std::fs::write(dir.path().join("deep.html"), deep).unwrap();
    let (code, out, err) = run(&["--format", "concise", dir.path().to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(out.contains("deep.html:1:") && out.contains("percent-change"), "{out}");
}

#[test]
fn the_walk_takes_documents_by_extension_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    for (from, to) in [(DOCX_EN, "A.DOCX"), (HTML, "b.Htm"), (HTML, "c.html")] {
        std::fs::copy(root().join(from), dir.path().join(to)).unwrap();
    }
    std::fs::write(dir.path().join("d.xml"), "<p>not a paper</p>").unwrap();
    let (code, out, err) = run(&["--show-files", dir.path().to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let names: Vec<&str> = out.lines().map(|l| l.rsplit('/').next().unwrap_or(l)).collect();
    assert_eq!(names, ["A.DOCX", "b.Htm", "c.html"], "{out}");
}

/// A docx whose document part unpacks to more than the reader's limit: generated, not committed
/// (it packs to a few hundred kilobytes).
fn zip_bomb() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    zip.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..210 {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn hostile_documents_are_errors_for_their_file_and_the_others_are_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("bomb.docx"), zip_bomb()).unwrap();
    std::fs::write(p.join("broken.docx"), b"PK\x03\x04 this is no zip at all").unwrap();
    let mut xml = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    xml.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    xml.write_all(b"<w:document><w:body><w:p></w:body>").unwrap();
    std::fs::write(p.join("malformed.docx"), xml.finish().unwrap().into_inner()).unwrap();
    std::fs::write(p.join("good.txt"), "Sales rose from 125,400 to 188,100, an increase of 60%.\n").unwrap();
    let (code, out, err) = run(&["--format", "concise", p.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(out.contains("good.txt:1:") && out.contains("percent-change"), "{out}");
    // Said on standard error, and in every machine format (here concise's one line each).
    assert!(err.contains("bomb.docx: the Word document unpacks to more than 200 MB"), "{err}");
    assert!(out.contains("bomb.docx: error[unreadable-file] the Word document unpacks to more than 200 MB"), "{out}");
    assert!(
        out.contains("broken.docx: error[unreadable-file] not a readable Word document: not a zip archive"),
        "{out}"
    );
    assert!(
        out.contains(
            "malformed.docx: error[unreadable-file] not a readable Word document: malformed XML in word/document.xml"
        ),
        "{out}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let (_, v, _) = json(&[p.to_str().unwrap()]);
    assert_eq!(v["summary"]["unread"], 3, "{v}");
}

const PDF_EN: &str = "tests/fixtures/readers/paper.en.pdf";
const PDF_ZH: &str = "tests/fixtures/readers/paper.zh.pdf";
const LEGCO_PDF: &str = "tests/fixtures/readers/legco-fintech-2020.zh.pdf";

#[test]
fn pdfs_give_the_planted_error_on_its_page() {
    for path in [PDF_EN, PDF_ZH] {
        let (code, v, err) = json(&[path]);
        assert_eq!(code, Some(1), "{err}");
        assert_eq!(v["files"][0]["format"], "pdf");
        let d = diagnostics(&v, 0);
        assert_eq!(d.len(), 1, "{path}: only the planted error: {d:#?}");
        assert_eq!(d[0]["rule"], "percent-change");
        assert_eq!(d[0]["page"], 2, "{path}");
        assert!(d[0].get("paragraph").is_none(), "{path}: a PDF has no paragraph numbers");
        let (_, concise, _) = run(&["--format", "concise", path]);
        assert!(concise.starts_with(&format!("{path}: page 2: error[percent-change]")), "{concise}");
    }
    // The table's TOTAL row is read from the PDF too.
    let (_, out, _) = run(&["figures", PDF_EN]);
    assert!(out.contains("4,200 + 1,800 = 6,000 against the total 6,000 (all of, the `Total` row)"), "{out}");
}

#[test]
fn the_commissioning_paper_as_a_pdf_finds_what_its_text_finds() {
    let (_, txt, _) = json(&["samples/legco-fintech-2020.zh.txt"]);
    let (code, pdf, err) = json(&[LEGCO_PDF]);
    assert_eq!(code, Some(1), "{err}");
    let key = |d: &Value| (d["rule"].as_str().unwrap_or("").to_owned(), d["message"].as_str().unwrap_or("").to_owned());
    let from_txt: Vec<_> = diagnostics(&txt, 0).iter().map(key).collect();
    let from_pdf: Vec<_> = diagnostics(&pdf, 0).iter().map(key).collect();
    assert_eq!(from_pdf, from_txt);
    let sixty = diagnostics(&pdf, 0).into_iter().find(|d| d["rule"] == "percent-change").unwrap();
    assert!(sixty["message"].as_str().unwrap().contains("60%"));
    assert_eq!(sixty["page"], 9, "{sixty}");
}

/// A one-page PDF whose page draws a rectangle and no text: what a scan without OCR looks like
/// to a text extractor.
fn pdf_without_text() -> Vec<u8> {
    let content = "0 0 1 rg 100 100 200 200 re f\n";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes());
    pdf
}

#[test]
fn hostile_pdfs_are_errors_for_their_file_and_the_others_are_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let whole = std::fs::read(root().join(PDF_EN)).unwrap();
    std::fs::write(p.join("truncated.pdf"), &whole[..whole.len() / 3]).unwrap();
    std::fs::copy(root().join("tests/fixtures/readers/encrypted-pdf.bin"), p.join("encrypted.pdf")).unwrap();
    std::fs::write(p.join("scanned.pdf"), pdf_without_text()).unwrap();
    std::fs::write(p.join("garbage.pdf"), b"%PDF-1.7\n\x00\x01\x02 not a pdf body").unwrap();
    std::fs::write(p.join("good.txt"), "Sales rose from 125,400 to 188,100, an increase of 60%.\n").unwrap();
    let (code, out, err) = run(&["--format", "concise", p.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(out.contains("good.txt:1:") && out.contains("percent-change"), "{out}");
    assert!(
        out.contains("encrypted.pdf: error[unreadable-file] the PDF is encrypted; policy-lint cannot read it"),
        "{out}"
    );
    assert!(
        out.contains(
            "scanned.pdf: error[unreadable-file] the PDF has no text layer (scanned?); policy-lint does no OCR"
        ),
        "{out}"
    );
    for name in ["truncated.pdf", "garbage.pdf"] {
        assert!(
            out.contains(&format!("{name}: error[unreadable-file] not a readable PDF"))
                || out.contains(&format!("{name}: error[unreadable-file] the PDF reader failed on this file")),
            "{name}: {out}"
        );
    }
    assert!(!err.contains("panicked at"), "{err}");
    let (_, v, _) = json(&[p.to_str().unwrap()]);
    assert_eq!(v["summary"]["unread"], 4, "{v}");
}

#[test]
fn a_finding_in_an_extracted_text_offers_no_fix() {
    // The percent-change finding has an unsafe fix in a text file; in a Word document the text
    // was extracted, so an edit has nowhere to go and none is offered.
    let (_, out, _) = run(&["--format", "json", DOCX_EN]);
    assert!(out.contains("\"percent-change\"") && !out.contains("\"fix\""), "{out}");
    let (_, out, _) = run(&["--color", "never", DOCX_EN]);
    assert!(!out.contains("fixable"), "{out}");
}

#[test]
fn big5_and_gb18030_papers_give_their_planted_error_at_the_bytes_of_the_file() {
    for (path, stated, encoding) in [
        ("tests/fixtures/encodings/paper.big5.txt", "60%", "Big5"),
        ("tests/fixtures/encodings/paper.gb18030.txt", "30%", "GB18030"),
    ] {
        let (code, v, _) = json(&[path]);
        assert_eq!(code, Some(1), "{path}");
        let d = diagnostics(&v, 0);
        assert_eq!(d.len(), 1, "{path}: {d:?}");
        assert_eq!(d[0]["rule"], "percent-change");
        // The span counts bytes of the file as given, in its own encoding.
        let bytes = std::fs::read(root().join(path)).unwrap();
        let at = d[0]["span"]["offset"].as_u64().unwrap() as usize;
        let len = d[0]["span"]["length"].as_u64().unwrap() as usize;
        assert_eq!(&bytes[at..at + len], stated.as_bytes(), "{path} ({encoding})");
    }
}

#[test]
fn a_wrongly_named_encoding_is_an_error_for_its_file() {
    for enc in ["utf-8", "shift_jis"] {
        let (code, _, err) = run(&["--encoding", enc, "tests/fixtures/encodings/paper.big5.txt"]);
        assert_eq!(code, Some(2), "{enc}: {err}");
        assert!(
            err.contains("paper.big5.txt") && (err.contains("invalid UTF-8") || err.contains("not valid")),
            "{err}"
        );
    }
}

#[test]
fn a_markdown_paper_s_bold_total_row_is_read_and_its_code_is_not() {
    let (code, v, _) = json(&["tests/fixtures/readers/paper.md"]);
    assert_eq!(code, Some(1));
    let d = diagnostics(&v, 0);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!((d[0]["rule"].as_str(), d[0]["line"].as_u64()), (Some("sum-of-parts"), Some(9)));
    assert!(d[0]["message"].as_str().unwrap().contains("205"), "{d:?}");
}
