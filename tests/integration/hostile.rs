//! Hostile inputs: what a CI job meets in a repository. Each must give a clear message or a
//! clean run — never a panic, never a hang. Large inputs are generated here, not committed.
//! (How fast they run is measured by `scripts/bench-corpus.sh`, not timed here.)
//!
//! The five largest (the 50 MB inputs, a million paragraphs, 10,000 nested brackets) took 2.5
//! minutes of CPU between them with the crate optimised, the other sixteen 4 s; unoptimised, as
//! `cargo test` compiles it, one 50 MB line alone takes ten minutes. So `cargo test` leaves the
//! five out (`#[ignore]`) and `.ci/run` runs them optimised:
//! `CARGO_PROFILE_TEST_OPT_LEVEL=2 cargo test --test integration -- --ignored hostile::`.

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use policy_lint::lint::{self, LintOptions};
use policy_lint::source::{DecodeError, Source};

fn bin() -> Command {
    Command::cargo_bin("policy-lint").unwrap()
}

/// The binary as a plain process, for tests that choose where its standard output goes.
fn process() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_policy-lint"))
}

fn lint_text(text: String) -> lint::Outcome {
    let src = Source::from_text("hostile.txt", text);
    lint::lint(&src, &common::resolved(None), &LintOptions::default())
}

/// Repeat `unit` until the result reaches `bytes`.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

#[test]
#[ignore = "slow; .ci/run runs it optimised (see the top of this file)"]
fn a_single_50_mb_line() {
    // One paragraph, one sentence, no line break: nothing may be quadratic in its length.
    let text = repeat_to("收入由 2019 年的 120 億元增加至 2020 年的 150 億元，", 50_000_000);
    let out = lint_text(text);
    assert!(!out.document.figures.is_empty());
}

#[test]
#[ignore = "slow; .ci/run runs it optimised (see the top of this file)"]
fn a_single_50_mb_english_line() {
    let text = repeat_to("spending rose from $12.0 billion to $15.0 billion, an increase of 25.0%, and ", 50_000_000);
    let out = lint_text(text);
    assert!(!out.document.figures.is_empty());
}

#[test]
#[ignore = "slow; .ci/run runs it optimised (see the top of this file)"]
fn a_markdown_paper_of_one_50_mb_code_block() {
    // Blanked out, the code block is a million lines of spaces: each looked like a footnote
    // separator and looked ahead over all the others (minutes; now about a second).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("code.md");
    let body = repeat_to("spending rose from 100 to 150, an increase of 60%\n", 50_000_000);
    std::fs::write(&path, format!("```text\n{body}```\n")).unwrap();
    let out = process().args(["--format", "concise"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
#[ignore = "slow; .ci/run runs it optimised (see the top of this file)"]
fn one_million_paragraphs() {
    // Paragraph labels stop at 999 (a line opening `2020.` is a year, not paragraph 2020), so the
    // million paragraphs are 999 numbered ones, each followed by unnumbered ones.
    let mut text = String::with_capacity(16_000_000);
    let mut paragraphs = 0;
    for i in 1..=999u32 {
        text.push_str(&format!("{i}. 段落。\n\n"));
        paragraphs += 1;
        let rest = if i == 999 { 1_000_000 - paragraphs } else { 1_000 };
        for _ in 0..rest {
            text.push_str("政府一直推動有關工作。\n\n");
            paragraphs += 1;
        }
    }
    assert_eq!(paragraphs, 1_000_000);
    let out = lint_text(text);
    assert_eq!(out.document.blocks.len(), 1_000_000);
    let numbered = out.document.blocks.iter().filter(|b| b.label.is_some()).count();
    assert_eq!(numbered, 999);
    assert!(out.diagnostics.iter().all(|d| d.rule != "numbering"), "1 to 999 has no gap");
}

#[test]
fn a_number_with_100000_digits() {
    let text = format!("共處理 {} 宗申請。\n", "7".repeat(100_000));
    let out = lint_text(text);
    assert_eq!(out.document.unparsed.len(), 1);
    let d = out.diagnostics.iter().find(|d| d.rule == "unparsed-figure").expect("reported, not guessed");
    assert!(d.message.contains("100000 digits"), "{}", d.message);
}

#[test]
#[ignore = "slow; .ci/run runs it optimised (see the top of this file)"]
fn ten_thousand_nested_brackets() {
    let text = format!("{}共 8 家銀行，其中 3 家{}。\n", "(（「“".repeat(10_000), "”」）)".repeat(10_000));
    let out = lint_text(text);
    assert!(out.document.figures.len() >= 2);
}

/// Brackets that open and never close, then a short list: every reader that looks for a closing
/// bracket looks a short way only (a short form's, a label's), or this is quadratic — 300,000
/// of them once took three minutes.
#[test]
fn a_paragraph_of_brackets_that_never_close() {
    let text = format!("{}x (1) a, (2) b and (4) c; 共 8 家銀行，其中 3 家。\n", "(".repeat(300_000));
    let out = lint_text(text);
    assert!(out.diagnostics.iter().any(|d| d.rule == "numbering"));
    // The same after a word, and in Chinese, which has no spaces to stop a look back.
    let text =
        format!("x{} (1) a, (2) b and (4) c.\n本會{}，(1) 甲 (3) 乙。\n", "(".repeat(100_000), "（甲）".repeat(30_000));
    let out = lint_text(text);
    assert!(out.diagnostics.iter().any(|d| d.rule == "numbering"));
}

/// One sentence of thousands of this session's phrasings (digit classes, cited records, past
/// events with an agent, a frame of several wholes, compared figures that describe): each reader
/// reads a bounded way around each, so this stays linear — one scan of the whole sentence per
/// date or class word made it minutes at the sizes `.ci/run` tries.
#[test]
fn a_sentence_of_thousands_of_claims() {
    let n = 5_000;
    let text = format!(
        "1 January 2012\n\n出口增長12%，{}。\n\n根據稅務局的資料，{}。\n\n{}.\n\n在 728名和 1 464名兒童中{}有 721名及 1 441名。\n\n較 1萬宗{}多了 4 000宗，上升了四成。\n",
        "其中雙位數增長、".repeat(n),
        "在2099年、".repeat(n),
        "As announced by the Minister on 1 May 2030 and ".repeat(n),
        "分別".repeat(n),
        "的 9年的售價".repeat(n),
    );
    let out = lint_text(text);
    assert!(out.diagnostics.iter().any(|d| d.rule == "date-after-document"));
}

/// One sentence of thousands of counts, totals and averages, with no full stop: the list reader
/// looks for each count's list words near it, so this stays linear (searching the rest of the
/// sentence for each count took 252 s on 2.5 MB of it).
#[test]
fn a_sentence_of_thousands_of_counts_and_averages() {
    let text = format!(
        "{}\n\n{}\n",
        "共資助360萬元，9個項目，平均每個項目50萬元，".repeat(2_000),
        "The fund gave $2.4 million to 12 projects, an average of $300,000 per project and ".repeat(1_000),
    );
    let out = lint_text(text);
    // The first average of each run has one total before it (360 ÷ 9 is not 50); every later
    // one has several in the one sentence, which its words cannot tell apart: it is read with
    // doubt and not reported.
    assert_eq!(out.diagnostics.iter().filter(|d| d.rule == "average").count(), 2);
}

#[test]
fn nul_bytes_mean_a_binary_file() {
    assert_eq!(Source::from_bytes("x", b"%PDF-1.7\n\0\0\x01binary").unwrap_err(), DecodeError::Binary { offset: 9 });
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.txt"), b"PK\x03\x04\0\0binary zip").unwrap();
    std::fs::write(dir.path().join("paper.txt"), "政府一直推動有關工作。\n").unwrap();
    let out = bin().arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("report.txt") && err.contains("binary"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("No problems found in 1 file; 1 could not be read."));
}

#[test]
fn utf16_with_a_bom_is_decoded_and_offsets_are_file_bytes() {
    let text = "由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%。\n";
    for le in [true, false] {
        let mut bytes = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
        for u in text.encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("utf16.txt");
        std::fs::write(&p, &bytes).unwrap();
        let out = bin().args(["--format", "json", "--select", "percent-change"]).arg(&p).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let d = &v["files"][0]["diagnostics"][0];
        let at = text.find("60%").unwrap();
        let chars_before = text[..at].encode_utf16().count();
        assert_eq!(d["span"]["offset"].as_u64().unwrap() as usize, 2 + 2 * chars_before, "file bytes, BOM counted");
        assert_eq!(d["span"]["length"], 6, "three UTF-16 code units");
        assert_eq!(d["column"].as_u64().unwrap() as usize, text[..at].chars().count() + 1);
    }
}

#[test]
fn invalid_utf8_in_the_middle_is_reported_with_its_offset() {
    let mut bytes = "第一段。\n".repeat(1000).into_bytes();
    let at = bytes.len();
    bytes.extend(b"\xC3\x28 broken");
    bytes.extend("第二段。\n".as_bytes());
    assert_eq!(Source::from_bytes("x", &bytes).unwrap_err(), DecodeError::InvalidUtf8 { offset: at });
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), &bytes).unwrap();
    let out = bin().arg(dir.path().join("bad.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("invalid UTF-8 at byte offset {at}")));
}

#[test]
fn carriage_returns_alone_end_lines() {
    let paper =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/legco-fintech-2020.zh.txt"))
            .unwrap();
    let lf = lint_text(paper.clone());
    let cr = lint_text(paper.replace('\n', "\r"));
    let crlf = lint_text(paper.replace('\n', "\r\n"));
    let summary = |o: &lint::Outcome| o.diagnostics.iter().map(|d| (d.rule, d.message.clone())).collect::<Vec<_>>();
    assert_eq!(summary(&lf), summary(&cr), "CR-only line ends read like LF");
    assert_eq!(summary(&lf), summary(&crlf));
    // And the reported line is the same.
    let src = Source::from_text("cr.txt", paper.replace('\n', "\r"));
    let d = cr.diagnostics.iter().find(|d| d.rule == "percent-change").unwrap();
    assert_eq!(src.line_col(d.primary.span.offset), (475, 30));
}

#[test]
fn a_directory_of_10000_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        let body = if i == 7_777 {
            "由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%。\n"
        } else {
            "政府一直推動有關工作。\n"
        };
        std::fs::write(dir.path().join(format!("p{i:05}.txt")), body).unwrap();
    }
    let out = bin().args(["--format", "concise"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(s.lines().count(), 1, "{s}");
    assert!(s.contains("p07777.txt:1:"), "{s}");
    // The same bytes on one thread and on all.
    let serial = bin().args(["--format", "concise", "--threads", "1"]).arg(dir.path()).output().unwrap();
    assert_eq!(serial.stdout, out.stdout);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_not_followed_forever() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("papers");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("ok.txt"), "政府一直推動有關工作。\n").unwrap();
    std::os::unix::fs::symlink("..", d.join("loop")).unwrap();
    // Not followed by default: one paper, clean.
    let out = bin().arg(&d).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    // Followed on request: the loop is named, the run ends.
    let out = bin().arg("--follow-links").arg(&d).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("symbolic link loop"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        // mkfifo is part of coreutils; without it there is nothing to test.
        return;
    }
    // Named on the command line: an error, not a hang waiting for a writer.
    let out = bin().arg(&fifo).timeout(std::time::Duration::from_secs(20)).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    // Met in a directory walk: skipped, like every file that is not a regular file.
    std::fs::write(dir.path().join("paper.txt"), "政府一直推動有關工作。\n").unwrap();
    let out = bin().arg(dir.path()).timeout(std::time::Duration::from_secs(20)).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn configuration_that_is_not_toml_or_has_wrong_types() {
    for (toml, expect) in [
        ("this is = not [toml", "invalid configuration"),
        ("[percent-change]\ntolerance = \"wide\"\n", "invalid type"),
        ("[lint]\nselect = \"percent-change\"\n", "invalid type"),
        ("[document]\ndate = 2020-06-01T00:00:00Z\n", "invalid"),
        ("\u{0}\u{1}binary", "invalid configuration"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("policy-lint.toml"), toml).unwrap();
        std::fs::write(dir.path().join("paper.txt"), "政府一直推動有關工作。\n").unwrap();
        let out = bin().arg(dir.path().join("paper.txt")).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{toml:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("policy-lint.toml") && err.contains(expect), "{toml:?}: {err}");
    }
}

/// Every output format, for the tests that render one input in all of them.
const FORMATS: [&str; 7] = ["human", "concise", "json", "sarif", "github", "junit", "gitlab"];

/// Run policy-lint on `path` in every format: exit 1 (findings), no panic, nothing on standard
/// error. Returns each format's output.
fn every_format(path: &Path, extra: &[&str]) -> Vec<(&'static str, String)> {
    FORMATS
        .iter()
        .map(|&format| {
            let out = bin().args(["--format", format]).args(extra).arg(path).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{format}: {err}");
            assert!(err.is_empty(), "{format}: {err}");
            (format, String::from_utf8(out.stdout).unwrap())
        })
        .collect()
}

fn commissioning_paper() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/legco-fintech-2020.zh.txt")).unwrap()
}

#[test]
fn the_commissioning_paper_on_one_line_four_times_over_in_every_format() {
    // What a PDF extraction without line breaks gives: 130 KB on one line. Its findings lie past
    // display column 65,535, where miette's renderer used to panic and lose the whole report.
    let text = commissioning_paper().replace('\n', " ").repeat(4);
    assert!(text.len() > 130_000 && !text.contains('\n'));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("paper.txt");
    std::fs::write(&p, &text).unwrap();
    for (format, out) in every_format(&p, &[]) {
        // JUnit gives each message twice: the failure's attribute and its text.
        let each = if format == "junit" { 2 } else { 1 };
        assert_eq!(out.matches("stated rise of 60%").count(), 4 * each, "{format}: the 60% of each copy");
        if format == "human" {
            let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
            assert!(widest < 400, "a snippet line of {widest} characters");
            assert!(out.contains("…"), "the long line is shown as excerpts");
            let last = text.rfind("60 %").unwrap();
            let col = text[..last].chars().count() + 1;
            assert!(out.contains(&format!("paper.txt:1:{col}]")), "the last copy's 60% at column {col}");
            // The summary line, then the count of fixable findings.
            let closing: Vec<&str> = out.lines().rev().take(2).collect();
            assert!(
                closing[1].starts_with("Found ") && closing[1].ends_with(" in 1 file."),
                "the summary line is printed"
            );
            assert!(closing[0].starts_with("[*] ") && closing[0].contains("fixable"), "{}", closing[0]);
        }
    }
}

#[test]
fn a_finding_at_column_70000_in_every_format() {
    let run_in = "x".repeat(69_990);
    let claim = "由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%。";
    let text = format!("第一行。\n{run_in} {claim}\n最後一行。\n");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("wide.txt");
    std::fs::write(&p, &text).unwrap();
    let col = run_in.len() + 1 + claim[..claim.find("60%").unwrap()].chars().count() + 1;
    assert!(col > 70_000);
    for (format, out) in every_format(&p, &["--select", "percent-change"]) {
        match format {
            "human" => {
                assert!(out.contains(&format!("wide.txt:2:{col}]")), "{out}");
                assert!(out.contains(" 2 │ …xxx"), "the line is cut before the claim:\n{out}");
                assert!(out.contains(" 1 │ 第一行。") && out.contains(" 3 │ 最後一行。"), "{out}");
                assert!(out.contains("╰── stated rise"), "{out}");
            }
            "concise" => assert!(out.contains(&format!("wide.txt:2:{col}: error[percent-change]")), "{out}"),
            "json" => {
                let v: serde_json::Value = serde_json::from_str(&out).unwrap();
                assert_eq!(v["files"][0]["diagnostics"][0]["column"], col);
            }
            "github" => assert!(out.contains(&format!(",line=2,col={col},")), "{out}"),
            _ => assert!(out.contains("60%"), "{format}: {out}"),
        }
    }
}

#[test]
fn carriage_returns_alone_are_drawn_as_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cr.txt");
    std::fs::write(&p, commissioning_paper().replace('\n', "\r")).unwrap();
    let out = bin().args(["--select", "percent-change"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("cr.txt:475:30]"), "{s}");
    assert!(s.contains(" 475 │ 1 2 月的 16 8 , 00 0 宗實時交易大幅上升 60 %，"), "line 475 on its own:\n{s}");
    assert!(s.contains(" 473 │ 底大幅上升。"), "{s}");
    assert!(!s.contains(" 0 │"), "{s}");
    // The same drawing as with LF line ends, but for the name.
    let lf = bin().args(["--select", "percent-change", "samples/legco-fintech-2020.zh.txt"]).output().unwrap();
    let lf = String::from_utf8(lf.stdout).unwrap();
    assert_eq!(lf.replace("samples/legco-fintech-2020.zh.txt", &p.display().to_string()), s);
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_not_a_lost_report() {
    let paper = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/legco-fintech-2020.zh.txt");
    for format in FORMATS {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let out = process().args(["--format", format]).arg(&paper).stdout(full).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot write the report to standard output") && err.contains("No space left"), "{err}");
    }
    let out = bin().args(["-o", "/dev/full"]).arg(&paper).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the report to /dev/full"));
    for args in [&["rules"][..], &["explain", "percent-change"], &["figures", "samples/planted-budget-sheet.en.txt"]] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let out = process().args(args).stdout(full).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_is_quiet() {
    use std::process::Stdio;
    // A report larger than a pipe's buffer, and a reader that has gone: the write fails with
    // EPIPE, which is not worth a message.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("paper.txt");
    std::fs::write(&p, commissioning_paper().repeat(20)).unwrap();
    let mut child = process().arg(&p).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the findings decide, as if the report had been read");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[cfg(unix)]
#[test]
fn file_names_with_a_line_break_or_bytes_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let claim = "由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%。\n";
    let newline = dir.path().join("two\nlines.txt");
    let latin1 = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xE9.txt"));
    for p in [&newline, &latin1] {
        std::fs::write(p, claim).unwrap();
    }
    let run = |format: &str| {
        let out = bin()
            .current_dir(dir.path())
            .args(["--format", format, "--select", "percent-change"])
            .arg(newline.file_name().unwrap())
            .arg(latin1.file_name().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    // Line formats: one line per finding, the name escaped.
    let concise = run("concise");
    assert_eq!(concise.lines().count(), 2, "{concise}");
    assert!(concise.contains("caf\\xE9.txt:1:"), "{concise}");
    assert!(concise.contains("two\\nlines.txt:1:"), "{concise}");
    let human = run("human");
    assert!(human.contains("[caf\\xE9.txt:1:") && human.contains("[two\\nlines.txt:1:"), "{human}");
    let github = run("github");
    assert_eq!(github.lines().count(), 2, "{github}");
    assert!(github.contains("file=two%0Alines.txt,"), "{github}");
    // JSON: the path as given; its exact bytes percent-encoded when it is not UTF-8.
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files[0]["path"], "caf\u{fffd}.txt");
    assert_eq!(files[0]["path_encoded"], "caf%E9.txt");
    assert_eq!(files[1]["path"], "two\nlines.txt");
    assert!(files[1].get("path_encoded").is_none());
    // SARIF: URIs, percent-encoded from the exact bytes.
    let sarif = run("sarif");
    assert!(sarif.contains("\"uri\": \"caf%E9.txt\"") && sarif.contains("\"uri\": \"two%0Alines.txt\""), "{sarif}");
    // JUnit: a line break in an attribute as a character reference, which a parser keeps.
    let junit = run("junit");
    assert!(junit.contains("file=\"two&#10;lines.txt\""), "{junit}");
    // Messages about a file escape its name too.
    std::fs::write(&newline, b"\0binary").unwrap();
    let out = bin().current_dir(dir.path()).arg(newline.file_name().unwrap()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("two\\nlines.txt"));
}

#[test]
fn a_long_run_in_never_decides_what_is_found() {
    // Clauses without a sentence end, then a wrong percentage over a clause mark: found the same,
    // once, whatever the run-in's length and so wherever it was cut.
    let clause = "政府一直推動有關工作，";
    let claim = "申請由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%，較預期為高。";
    let findings = |n: usize, k: usize| {
        let out = lint_text(format!("{}{}{claim}\n", clause.repeat(n), "甲".repeat(k)));
        let mut v: Vec<_> = out.diagnostics.iter().map(|d| (d.rule, d.message.clone())).collect();
        v.sort();
        v
    };
    let expected = findings(0, 0);
    assert_eq!(expected.iter().filter(|(r, _)| *r == "percent-change").count(), 1, "{expected:?}");
    // 33 bytes a clause, 3 a padding character: the claim at every place a cut can fall near
    // 8 KB, 16 KB and 24 KB into the run-in (a cut at 8 KB used to miss n = 240, k = 75).
    for n in [240, 488, 736] {
        for k in 0..90 {
            assert_eq!(findings(n, k), expected, "after a run-in of {} bytes", n * clause.len() + 3 * k);
        }
    }
}
