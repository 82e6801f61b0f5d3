//! Every output format, from the process: what CI and editors read.

use crate::common::{bin, root, run};
use serde_json::Value;

const PAPER: &str = "samples/legco-fintech-2020.zh.txt";
const BAD: &str = "由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%。\n";

/// The official SARIF 2.1.0 schema (`tests/sarif-2.1.0-rtm.5.json`, as shipped in the npm package
/// `@microsoft/jest-sarif`), compiled with format checks on.
///
/// One pattern in it (`language`, in `run` and in `toolComponent`), `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, has a stray `]`
/// that ECMA-262 reads as a literal but the validator's `regex` format check rejects, so the
/// schema would not compile; that `]` is escaped here, in memory, to the same meaning. The file
/// stays byte for byte the published one.
fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("tests/sarif-2.1.0-rtm.5.json")).unwrap();
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(text.matches(stray).count(), 2, "the published schema changed");
    let text = text.replace(stray, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options().should_validate_formats(true).build(&schema).unwrap()
}

fn assert_valid_sarif(v: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator.iter_errors(v).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF does not validate:\n{}", errors.join("\n"));
}

#[test]
fn sarif_of_the_commissioning_paper_validates_with_columns_and_fingerprints() {
    let (code, out, _) = run(&["--format", "sarif", "--select", "percent-change", PAPER]);
    assert_eq!(code, Some(1));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_valid_sarif(&v);
    let sarif_run = &v["runs"][0];
    assert_eq!(sarif_run["columnKind"], "unicodeCodePoints");
    let rules = sarif_run["tool"]["driver"]["rules"].as_array().unwrap();
    let pc = rules.iter().position(|r| r["id"] == "percent-change").unwrap();
    assert_eq!(rules[pc]["defaultConfiguration"]["level"], "error");
    assert!(rules[pc]["fullDescription"]["text"].as_str().unwrap().contains("## Why is this bad?"));
    assert!(!rules[pc]["shortDescription"]["text"].as_str().unwrap().is_empty());
    assert!(rules.iter().any(|r| r["id"] == "unused-suppression"));

    let results = sarif_run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["ruleId"], "percent-change");
    assert_eq!(r["ruleIndex"], pc);
    assert_eq!(r["level"], "error");
    let region = &r["locations"][0]["physicalLocation"]["region"];
    assert_eq!(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], PAPER);
    // Line 475 is `1 2 月的 16 8 , 00 0 宗實時交易大幅上升 60 %，…`: `60 %` starts at code point 30.
    let text = std::fs::read_to_string(root().join(PAPER)).unwrap();
    let line = text.lines().nth(474).unwrap();
    let col = line[..line.find("60 %").unwrap()].chars().count() + 1;
    assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(475), Some(col as u64)));
    assert_eq!(col, 30);
    assert_eq!((region["endLine"].as_u64(), region["endColumn"].as_u64()), (Some(475), Some(col as u64 + 4)));
    assert_eq!(region["snippet"]["text"], "60 %");
    let off = region["byteOffset"].as_u64().unwrap() as usize;
    assert_eq!(&text.as_bytes()[off..off + region["byteLength"].as_u64().unwrap() as usize], "60 %".as_bytes());
    // The byte column miette would print is not the one declared.
    assert_ne!(line.find("60 %").unwrap() + 1, col);

    let related = r["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    assert!(related.iter().any(|l| l["message"]["text"] == "from"));
    assert!(related.iter().all(|l| l["physicalLocation"]["region"]["startLine"].as_u64().is_some()));

    let fp = r["partialFingerprints"]["policyLint/v1"].as_str().unwrap();
    assert_eq!(fp.len(), 32);
    // Lines moving keep the fingerprint; editing the figure changes it.
    let dir = tempfile::tempdir().unwrap();
    let moved = dir.path().join("moved.txt");
    std::fs::write(&moved, format!("新增的段落。\n\n另一段。\n\n{text}")).unwrap();
    let (_, out, _) = run(&["--format", "sarif", "--select", "percent-change", moved.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let r2 = &v["runs"][0]["results"][0];
    assert_eq!(r2["locations"][0]["physicalLocation"]["region"]["startLine"], 479);
    assert_eq!(r2["partialFingerprints"]["policyLint/v1"], fp);
    std::fs::write(&moved, text.replace("大幅上升 60 %", "大幅上升 70 %")).unwrap();
    let (_, out, _) = run(&["--format", "sarif", "--select", "percent-change", moved.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_ne!(v["runs"][0]["results"][0]["partialFingerprints"]["policyLint/v1"], fp);
}

#[test]
fn sarif_of_a_directory_validates() {
    let (code, out, _) = run(&["--format", "sarif", "samples", "tests/fixtures"]);
    assert_eq!(code, Some(1));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_valid_sarif(&v);
    // The validator does reject what the schema forbids.
    let mut broken = v.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(sarif_validator().iter_errors(&broken).next().is_some());
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 10, "{}", results.len());
    let uris: Vec<&str> = results
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    let mut sorted = uris.clone();
    sorted.sort();
    assert_eq!(uris, sorted, "results are in path order");
    // Fingerprints are unique within a file.
    let mut keys: Vec<(String, String)> = results
        .iter()
        .map(|r| {
            (
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().to_owned(),
                r["partialFingerprints"]["policyLint/v1"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n);
}

#[test]
fn sarif_with_no_findings_and_odd_paths_validates() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("文件 one#2.md");
    std::fs::write(&p, BAD).unwrap();
    let (_, out, _) = run(&["--format", "sarif", p.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_valid_sarif(&v);
    let uri =
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
    assert!(uri.starts_with("file:///") && uri.ends_with("%E6%96%87%E4%BB%B6%20one%232.md"), "{uri}");
    let (code, out, _) = run(&["--format", "sarif", "tests/fixtures/percent-change/good.en.txt"]);
    assert_eq!(code, Some(0));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_valid_sarif(&v);
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 0);
}

#[test]
fn concise_is_one_line_per_finding_with_a_character_column() {
    let (code, out, _) = run(&["--format", "concise", "--select", "percent-change", PAPER]);
    assert_eq!(code, Some(1));
    assert_eq!(
        out,
        "samples/legco-fintech-2020.zh.txt:475:30: error[percent-change] stated rise of 60% does not match the figures (+57.1%)\n"
    );
    let (code, out, _) = run(&["--format", "concise", "tests/fixtures/percent-change/good.en.txt"]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
}

#[test]
fn json_keeps_the_version_1_contract() {
    let (_, out, _) = run(&["--format", "json", PAPER]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&v), ["files", "summary", "version"]);
    assert_eq!(keys(&v["summary"]), ["errors", "files", "unread", "warnings"]);
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(keys(d), ["column", "help", "labels", "line", "message", "rule", "severity", "span"]);
    assert!(out.starts_with("{\n  \"version\": 1,\n  \"files\": [\n"), "{out}");
}

#[test]
fn github_annotations() {
    let (code, out, _) = run(&["--format", "github", "--select", "percent-change", PAPER]);
    assert_eq!(code, Some(1));
    assert_eq!(out.lines().count(), 1);
    assert!(
        out.starts_with(
            "::error file=samples/legco-fintech-2020.zh.txt,line=475,col=30,endLine=475,endColumn=34,\
             title=policy-lint percent-change::stated rise of 60%25 does not match the figures (+57.1%25)%0A264,000"
        ),
        "{out}"
    );
    // Warnings and notes.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy-lint.toml"), "[percent-change]\nlevel = \"info\"\n").unwrap();
    std::fs::write(dir.path().join("p.txt"), BAD).unwrap();
    let out = bin().args(["--format", "github"]).arg(dir.path().join("p.txt")).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("::notice file="));
    assert_eq!(out.status.code(), Some(0), "an info finding does not fail at the default fail-on");
}

#[test]
fn junit_and_gitlab() {
    let (code, out, _) =
        run(&["--format", "junit", "--select", "percent-change", PAPER, "tests/fixtures/percent-change/good.en.txt"]);
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"policy-lint\" tests=\"2\" failures=\"1\""
        ),
        "{out}"
    );
    assert!(out.contains("<testsuite name=\"samples/legco-fintech-2020.zh.txt\" tests=\"1\" failures=\"1\""), "{out}");
    assert!(
        out.contains("<failure message=\"stated rise of 60% does not match the figures (+57.1%)\" type=\"error\">"),
        "{out}"
    );
    assert!(
        out.contains("<testcase name=\"no findings\" classname=\"tests/fixtures/percent-change/good.en.txt\"/>"),
        "{out}"
    );
    assert_eq!(out.matches("<testsuite ").count(), out.matches("</testsuite>").count());

    let (code, out, _) = run(&["--format", "gitlab", "--select", "percent-change,numbering,footnotes", "samples"]);
    assert_eq!(code, Some(1));
    let v: Value = serde_json::from_str(&out).unwrap();
    let issues = v.as_array().unwrap();
    assert!(issues.len() >= 5);
    let first = &issues[0];
    assert_eq!(first["check_name"], "percent-change");
    assert_eq!(first["severity"], "major");
    assert_eq!(first["location"]["path"], PAPER);
    assert_eq!(first["location"]["lines"]["begin"], 475);
    let mut fps: Vec<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    fps.sort();
    fps.dedup();
    assert_eq!(fps.len(), issues.len(), "fingerprints are unique in the report");
    assert!(issues.iter().any(|i| i["severity"] == "minor"));
}

#[test]
fn every_format_reads_stdin_and_writes_an_output_file() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["human", "concise", "json", "sarif", "github", "junit", "gitlab", "html"] {
        let path = dir.path().join(format!("report.{format}"));
        let out = bin()
            .args(["--format", format, "--output-file"])
            .arg(&path)
            .arg("-")
            .write_stdin(format!("2.\t{BAD}"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(out.stdout.is_empty(), "{format}: the report goes to the file");
        let report = std::fs::read_to_string(&path).unwrap();
        assert!(report.contains("stdin"), "{format}: {report}");
        assert!(report.contains("60%") || report.contains("60%25"), "{format}: {report}");
        if format == "sarif" {
            assert_valid_sarif(&serde_json::from_str(&report).unwrap());
        }
    }
    let out = bin().args(["--output-file", "/no/such/dir/report.txt", PAPER]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the report to /no/such/dir/report.txt"));
}

/// A file that could not be read is in every format's report, so CI never shows a clean report
/// for a run that exited 2; an empty file is clean.
#[test]
fn every_format_accounts_for_a_file_it_could_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("b-binary.txt");
    std::fs::write(&binary, b"PK\x03\x04\x00\x00binary").unwrap();
    let empty = dir.path().join("a-empty.txt");
    std::fs::write(&empty, "").unwrap();
    let (b, e) = (binary.to_str().unwrap(), empty.to_str().unwrap());
    let why = "the file looks binary (NUL byte at offset 4)";

    let (code, out, err) = run(&["--format", "json", b, e]);
    assert_eq!(code, Some(2));
    assert_eq!(err.matches(why).count(), 1, "the reason is said once: {err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "{out}");
    assert!(files.iter().any(|f| f["path"] == e && f["error"].is_null()));
    let bad = files.iter().find(|f| f["path"] == b).unwrap();
    assert!(bad["error"].as_str().unwrap().contains(why));
    assert_eq!(v["summary"]["unread"], 1);
    assert_eq!(v["summary"]["files"], 1);

    let (code, out, _) = run(&["--format", "sarif", b, e]);
    assert_eq!(code, Some(2));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_valid_sarif(&v);
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "error");
    assert!(n["message"]["text"].as_str().unwrap().contains(why));
    assert!(
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().ends_with("b-binary.txt")
    );

    let (_, out, _) = run(&["--format", "junit", b, e]);
    assert!(out.contains("errors=\"1\"") && out.contains("<error message=\"the file looks binary"), "{out}");
    let (_, out, _) = run(&["--format", "github", b, e]);
    assert!(out.starts_with("::error file=") && out.contains(why), "{out}");
    let (_, out, _) = run(&["--format", "gitlab", b, e]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["check_name"], "unreadable-file");
    assert_eq!(v[0]["severity"], "blocker");
    let (code, out, _) = run(&["--format", "html", b, e]);
    assert_eq!(code, Some(2));
    assert!(out.contains(&format!("<tr class=\"unread\" data-path=\"{b}\">")) && out.contains(why), "{out}");
    assert_eq!(out.matches("<section class=\"paper\"").count(), 1, "the empty file is a paper too");
    let (_, out, _) = run(&["--format", "concise", b, e]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("error[unreadable-file]") && out.contains(why), "{out}");

    // An empty file alone is clean, as in ruff and Vale.
    let (code, out, _) = run(&[e]);
    assert_eq!(code, Some(0), "{out}");
}

/// The HTML report of a tiny paper, without a browser (`tests/integration/report_browser.rs` renders one):
/// each figure marked by how it was judged, the finding linked to the figure it is on, the
/// paper's `<` and `&` escaped, and nothing fetched.
#[test]
fn html_marks_each_figure_and_links_the_finding_to_it() {
    let paper = format!("2.\t{BAD}3.\t<b>R&D</b> 開支為 3 億元。\n");
    let out =
        bin().args(["--format", "html", "--stdin-filename", "tiny.txt", "-"]).write_stdin(paper).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains(" src="), "{html}");
    assert!(html.contains("&lt;b&gt;R&amp;D&lt;/b&gt;") && !html.contains("<b>"), "the paper's text is not escaped");
    let main = &html[html.find("<main>").unwrap()..html.find("</main>").unwrap() + 7];
    // One element per block, so that the snapshot reads.
    let mut shown = main.to_owned();
    for tag in ["<section", "<div", "<p", "<details", "<tr", "<span class=\"fig", "<aside", "<li", "<pre", "<h2", "<h3"]
    {
        shown = shown.replace(tag, &format!("\n{tag}"));
    }
    insta::assert_snapshot!(shown);
}
