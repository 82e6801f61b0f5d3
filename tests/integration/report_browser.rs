//! `--format html` in a real browser: headless Chromium loads the report, and the tests read the
//! DOM it rendered (`--dump-dom`), so what is checked is what an author sees, script included.
//!
//! Without Chromium (`apt-get install -y chromium`) each test says so and passes; `.ci/run`
//! installs it. `UPDATE_SCREENSHOT=1 cargo test --test integration report_browser::` redraws the README's
//! `docs/report.png`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use html5gum::{Token, Tokenizer};
use serde_json::Value;

const PAPER: &str = "samples/legco-fintech-2020.zh.txt";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn chromium() -> Option<PathBuf> {
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n))).find(|p| p.is_file())
}

fn skip_without_chromium() -> Option<PathBuf> {
    let c = chromium();
    if c.is_none() {
        eprintln!("skipping: chromium not installed (apt-get install -y chromium)");
    }
    c
}

fn policy_lint(args: &[&str]) -> (Option<i32>, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_policy-lint")).current_dir(root()).args(args).output().unwrap();
    (out.status.code(), out.stdout)
}

/// Headless Chromium, isolated from the network and from any profile.
fn headless(chromium: &Path, profile: &Path, args: &[&str], page: &Path) -> std::process::Output {
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The report of `args`, written to a file, as Chromium rendered it.
fn rendered(chromium: &Path, args: &[&str], expect_code: i32) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let (code, html) = policy_lint(&[&["--format", "html"], args].concat());
    assert_eq!(code, Some(expect_code));
    std::fs::write(&page, &html).unwrap();
    let out = headless(chromium, &dir.path().join("profile"), &["--dump-dom"], &page);
    let dom = String::from_utf8(out.stdout).unwrap();
    assert!(dom.contains("</html>"), "no DOM dumped:\n{dom}");
    (dir, page, dom)
}

/// An element of the rendered DOM: its tag, its attributes and the text directly inside it.
#[derive(Debug)]
struct El {
    tag: String,
    attrs: BTreeMap<String, String>,
    text: String,
}

impl El {
    fn attr(&self, k: &str) -> &str {
        self.attrs.get(k).map_or("", String::as_str)
    }
    fn has_class(&self, c: &str) -> bool {
        self.attr("class").split_whitespace().any(|x| x == c)
    }
}

fn elements(dom: &str) -> Vec<El> {
    let mut out: Vec<El> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for token in Tokenizer::new(dom) {
        let Ok(token) = token;
        match token {
            Token::StartTag(t) => {
                let tag = String::from_utf8_lossy(&t.name).into_owned();
                let attrs = t
                    .attributes
                    .iter()
                    .map(|(k, v)| (String::from_utf8_lossy(k).into_owned(), String::from_utf8_lossy(v).into_owned()))
                    .collect();
                out.push(El { tag: tag.clone(), attrs, text: String::new() });
                if !t.self_closing && !matches!(tag.as_str(), "meta" | "br" | "link" | "img" | "input") {
                    open.push(out.len() - 1);
                }
            }
            Token::EndTag(_) => {
                open.pop();
            }
            Token::String(s) => {
                if let Some(&i) = open.last() {
                    out[i].text.push_str(&String::from_utf8_lossy(&s));
                }
            }
            _ => {}
        }
    }
    out
}

fn number(e: &El, k: &str) -> usize {
    e.attr(k).parse().unwrap_or_else(|_| panic!("{k} of {e:?} is not a number"))
}

/// What every report must hold: the script ran, each link goes somewhere on the page, and
/// nothing is fetched from anywhere.
fn assert_whole_page(html: &str, els: &[El]) {
    // A paper's text may name URLs; the page's markup must not.
    assert!(!html.contains("href=\"http") && !html.contains(" src="), "the report links out");
    for e in els {
        for k in ["src", "href"] {
            let v = e.attr(k);
            assert!(v.is_empty() || v.starts_with('#'), "{} {k}={v} leaves the page", e.tag);
        }
    }
    let html_el = els.iter().find(|e| e.tag == "html").unwrap();
    assert!(html_el.has_class("js"), "the inline script did not run");
    let ids: BTreeSet<&str> = els.iter().map(|e| e.attr("id")).filter(|i| !i.is_empty()).collect();
    for e in els.iter().filter(|e| e.tag == "a") {
        let target = e.attr("href").trim_start_matches('#');
        assert!(ids.contains(target), "link to #{target}, which is nowhere");
    }
}

/// The elements of one paper's section, by its `data-path`.
fn section<'e>(els: &'e [El], path: &str) -> &'e [El] {
    let start = els
        .iter()
        .position(|e| e.tag == "section" && e.attr("data-path") == path)
        .unwrap_or_else(|| panic!("no section for {path}"));
    let end = els[start + 1..].iter().position(|e| e.tag == "section").map_or(els.len(), |i| start + 1 + i);
    &els[start..end]
}

/// Every figure `policy-lint figures` reads in `path` is one element of its section, with the
/// value read; the section's coverage counts are the marks' counts.
fn assert_every_figure_marked(sec: &[El], path: &str) {
    let (_, json) = policy_lint(&["figures", "--format", "json", path]);
    let figures: Value = serde_json::from_slice(&json).unwrap();
    let figures = figures["figures"].as_array().unwrap();
    let marks: Vec<&El> = sec.iter().filter(|e| e.has_class("fig")).collect();
    assert_eq!(marks.len(), figures.len(), "{path}: figure elements");
    for (i, (m, f)) in marks.iter().zip(figures).enumerate() {
        assert_eq!(number(m, "data-index"), i, "{path}: figures out of order");
        assert_eq!(m.attr("data-value"), f["value"].as_str().unwrap(), "{path}: figure {i}");
        assert_eq!(m.attr("data-measure"), f["measure"].as_str().unwrap(), "{path}: figure {i}");
        let n = ["fig-bad", "fig-ok", "fig-unchecked"].iter().filter(|c| m.has_class(c)).count();
        assert_eq!(n, 1, "{path}: figure {i} has no one mark: {m:?}");
        assert!(!m.text.is_empty(), "{path}: figure {i} shows no text");
        assert!(!m.attr("title").is_empty(), "{path}: figure {i} has no title");
    }
    let cov = sec.iter().find(|e| e.has_class("coverage")).unwrap();
    let count = |c: &str| marks.iter().filter(|m| m.has_class(c)).count();
    assert_eq!(number(cov, "data-figures"), marks.len(), "{path}");
    assert_eq!(number(cov, "data-disagreeing"), count("fig-bad"), "{path}");
    assert_eq!(number(cov, "data-checked"), count("fig-bad") + count("fig-ok"), "{path}");
    assert_eq!(number(cov, "data-unchecked"), count("fig-unchecked"), "{path}");
}

#[test]
fn commissioning_paper_report_marks_the_wrong_percentage() {
    let Some(chromium) = skip_without_chromium() else { return };
    let (dir, page, dom) = rendered(&chromium, &[PAPER], 1);
    let html = std::fs::read_to_string(&page).unwrap();
    let els = elements(&dom);
    assert_whole_page(&html, &els);
    let sec = section(&els, PAPER);
    assert_every_figure_marked(sec, PAPER);

    // The paper's one real error: +60% where 168,000 → 264,000 is +57.1%.
    let (_, json) = policy_lint(&["--format", "json", "--select", "percent-change", PAPER]);
    let findings: Value = serde_json::from_slice(&json).unwrap();
    let at = findings["files"][0]["diagnostics"][0]["span"]["offset"].as_u64().unwrap();
    let (_, json) = policy_lint(&["figures", "--format", "json", PAPER]);
    let figures: Value = serde_json::from_slice(&json).unwrap();
    let i = figures["figures"].as_array().unwrap().iter().position(|f| f["span"]["offset"] == at).unwrap();
    let sixty = sec.iter().find(|e| e.attr("id") == format!("p0-f{i}")).unwrap();
    assert!(sixty.has_class("fig-bad"), "{sixty:?}");
    assert_eq!(sixty.text.replace(' ', ""), "60%");
    assert_eq!(sixty.attr("data-value"), "60");
    assert!(sixty.attr("title").contains("+57.1%"), "the hover shows no arithmetic: {}", sixty.attr("title"));
    let link = sec
        .iter()
        .find(|e| e.tag == "a" && e.attr("href") == format!("#p0-f{i}"))
        .expect("no finding links to the 60%");
    assert!(sec.iter().any(|e| e.has_class("finding") && e.has_class("error")));
    assert!(link.text.contains("475:30"), "{link:?}");
    assert!(sec.iter().any(|e| e.has_class("help") && e.text.contains("264,000 / 168,000 − 1 = +57.1%")));

    // The run's summary is the paper's.
    let top = els.iter().find(|e| e.has_class("summary")).unwrap();
    let cov = sec.iter().find(|e| e.has_class("coverage")).unwrap();
    for k in ["data-figures", "data-checked", "data-disagreeing", "data-unchecked"] {
        assert_eq!(top.attr(k), cov.attr(k), "{k}");
    }

    // The README's picture: the finding's place in the text, beside the findings.
    let shot = if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        root().join("docs/report.png")
    } else {
        dir.path().join("report.png")
    };
    // Headless Chromium paints a page scrolled far down as blank, so the report, scrolled to
    // the finding, is shown in a frame of a page that is not scrolled.
    let frame = dir.path().join("frame.html");
    let style = "margin:0;overflow:hidden";
    let iframe = format!(r#"<iframe src="report.html#p0-f{i}" style="border:0;width:100vw;height:100vh"></iframe>"#);
    std::fs::write(&frame, format!("<!DOCTYPE html><html><body style=\"{style}\">{iframe}</body></html>")).unwrap();
    headless(
        &chromium,
        &dir.path().join("profile-shot"),
        &[&format!("--screenshot={}", shot.display()), "--window-size=1400,1000"],
        &frame,
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "no screenshot");
    assert!(png.len() < 300_000, "screenshot of {} bytes", png.len());
}

#[test]
fn corpus_directory_report_marks_every_figure_of_every_paper() {
    let Some(chromium) = skip_without_chromium() else { return };
    let corpus = "../shared/corpus";
    if !root().join(corpus).is_dir() {
        eprintln!("skipping: {corpus} not found beside the checkout");
        return;
    }
    let (code, listed) = policy_lint(&["--show-files", corpus]);
    assert_eq!(code, Some(0));
    let listed = String::from_utf8(listed).unwrap();
    let papers: Vec<&str> = listed.lines().collect();
    assert!(papers.len() >= 20, "expected the whole corpus, found {}", papers.len());

    let (_dir, page, dom) = rendered(&chromium, &[corpus], 1);
    let html = std::fs::read_to_string(&page).unwrap();
    let els = elements(&dom);
    assert_whole_page(&html, &els);
    let index: Vec<&El> = els.iter().filter(|e| e.tag == "tr" && e.has_class("paper")).collect();
    assert_eq!(index.len(), papers.len(), "index rows");
    let mut total = 0;
    for (n, path) in papers.iter().enumerate() {
        let sec = section(&els, path);
        assert_eq!(sec[0].attr("id"), format!("p{n}"));
        assert!(els.iter().any(|e| e.tag == "a" && e.attr("href") == format!("#p{n}") && e.text == *path));
        assert_every_figure_marked(sec, path);
        total += sec.iter().filter(|e| e.has_class("fig")).count();
    }
    let top = els.iter().find(|e| e.has_class("summary")).unwrap();
    assert_eq!(number(top, "data-figures"), total);
}
