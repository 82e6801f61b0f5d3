//! The whole process: exit codes, stdin, formats, and bad input that must be reported, not
//! crash the run.

use std::path::Path;

use assert_cmd::Command;

fn bin() -> Command {
    Command::cargo_bin("policy-lint").unwrap()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn commissioning_paper_exits_1_with_one_error() {
    let out = bin().current_dir(root()).arg("samples/legco-fintech-2020.zh.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = stdout(&out);
    assert!(s.contains("stated rise of 60% does not match the figures (+57.1%)"), "{s}");
    assert!(s.contains("samples/legco-fintech-2020.zh.txt:475:30"), "{s}");
    // The six warnings are the wording findings of issue 6 (term-consistency, punctuation-width).
    assert!(s.contains("Found 1 error, 6 warnings in 1 file."), "{s}");
    assert!(!s.contains('\u{1b}'), "no colour when not a terminal");
}

#[test]
fn clean_file_exits_0() {
    let out = bin().current_dir(root()).arg("tests/fixtures/percent-change/good.en.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("No problems found in 1 file."));
}

#[test]
fn json_is_version_1_with_file_offsets_and_char_columns() {
    let out =
        bin().current_dir(root()).args(["--format", "json", "samples/legco-fintech-2020.zh.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["warnings"], 6);
    let diagnostics = v["files"][0]["diagnostics"].as_array().unwrap();
    let d = diagnostics.iter().find(|d| d["rule"] == "percent-change").unwrap();
    assert_eq!(d["rule"], "percent-change");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 475);
    assert_eq!(d["column"], 30);
    let text = std::fs::read(root().join("samples/legco-fintech-2020.zh.txt")).unwrap();
    let (off, len) = (d["span"]["offset"].as_u64().unwrap() as usize, d["span"]["length"].as_u64().unwrap() as usize);
    assert_eq!(&text[off..off + len], "60 %".as_bytes());
    assert_eq!(d["labels"].as_array().unwrap().len(), 2);
}

#[test]
fn json_offsets_count_the_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bom.txt");
    let body = "由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%。\n";
    std::fs::write(&p, format!("\u{feff}{body}")).unwrap();
    let out = bin().args(["--format", "json"]).arg(&p).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["files"][0]["diagnostics"][0];
    let off = d["span"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(off, 3 + body.find("60%").unwrap());
    assert_eq!(d["column"], body[..body.find("60%").unwrap()].chars().count() + 1);
}

#[test]
fn stdin_is_read_with_a_dash() {
    let out =
        bin().arg("-").write_stdin("2.\t由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%。\n").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("<stdin>:1:"), "{}", stdout(&out));
}

#[test]
fn bad_files_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("b-invalid.txt"), b"abc\xff\xfedef").unwrap();
    std::fs::write(dir.path().join("c-binary.txt"), b"PK\x03\x04\x00\x00binary").unwrap();
    std::fs::write(dir.path().join("d-good.txt"), "政府一直推動有關工作。\n").unwrap();
    std::fs::write(dir.path().join("e-bad.txt"), "由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%。\n").unwrap();
    // Not in the walk's include globs (a .pdf is, since issue 12).
    std::fs::write(dir.path().join("ignored.odt"), "not a paper").unwrap();
    let out = bin().arg(dir.path()).arg(dir.path().join("missing.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains("a-empty.txt"), "an empty file is clean, as in ruff and Vale: {err}");
    assert!(err.contains("b-invalid.txt") && err.contains("invalid UTF-8 at byte offset 3"), "{err}");
    assert!(err.contains("c-binary.txt") && err.contains("binary"), "{err}");
    assert!(err.contains("missing.txt") && err.contains("no such file"), "{err}");
    assert!(!err.contains("ignored.odt"));
    let s = stdout(&out);
    assert!(s.contains("e-bad.txt"), "the good and bad papers are still linted: {s}");
    assert!(s.contains("Found 1 error, 0 warnings in 3 files; 3 files could not be read"), "{s}");
}

#[cfg(unix)]
#[test]
fn unreadable_file_in_a_directory() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("secret.txt");
    std::fs::write(&p, "政府一直推動有關工作。\n").unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::write(dir.path().join("open.txt"), "政府一直推動有關工作。\n").unwrap();
    // Root reads anything; the test only means something for other users.
    if std::fs::read(&p).is_ok() {
        return;
    }
    let out = bin().arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("secret.txt") && stderr(&out).contains("permission denied"), "{}", stderr(&out));
    assert!(stdout(&out).contains("No problems found in 1 file."));
}

#[test]
fn malformed_config_names_the_file_and_other_papers_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(broken.join("policy-lint.toml"), "[percent-change\nlevel = \"warning\"\n").unwrap();
    std::fs::write(broken.join("paper.txt"), "政府一直推動有關工作。\n").unwrap();
    let fine = dir.path().join("fine");
    std::fs::create_dir(&fine).unwrap();
    std::fs::write(fine.join("paper.txt"), "由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%。\n").unwrap();
    let out = bin().arg(&broken).arg(&fine).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("policy-lint.toml"), "{err}");
    assert!(stdout(&out).contains("fine/paper.txt") || stdout(&out).contains("fine\\paper.txt"), "{}", stdout(&out));
}

#[test]
fn unknown_rule_in_config_is_an_error_pointing_at_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy-lint.toml"), "[lint]\nignore = [\"percent-chnage\"]\n").unwrap();
    std::fs::write(dir.path().join("paper.txt"), "政府一直推動有關工作。\n").unwrap();
    let out = bin().arg(dir.path().join("paper.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unknown rule or group `percent-chnage`"), "{err}");
    assert!(err.contains("did you mean `percent-change`"), "{err}");
    assert!(err.contains("policy-lint.toml:2"), "the error points into the TOML: {err}");
}

#[test]
fn unknown_rule_on_the_command_line() {
    let out =
        bin().args(["--select", "nope", "samples/legco-fintech-2020.zh.txt"]).current_dir(root()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown rule or group `nope`"), "{}", stderr(&out));
}

#[test]
fn config_relevels_and_sets_the_date() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("policy-lint.toml"),
        "[document]\ndate = \"2021-01-31\"\n[percent-change]\nlevel = \"warning\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("paper.txt"), "由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%。\n").unwrap();
    let out = bin().args(["--format", "json"]).arg(dir.path().join("paper.txt")).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["diagnostics"][0]["severity"], "warning");
    let out = bin().arg("figures").arg(dir.path().join("paper.txt")).output().unwrap();
    assert!(stdout(&out).contains("2021-01-31 (from config)"), "{}", stdout(&out));
    let out = bin().args(["figures", "--date", "2022-02-02"]).arg(dir.path().join("paper.txt")).output().unwrap();
    assert!(stdout(&out).contains("2022-02-02 (from command-line)"), "{}", stdout(&out));
}

#[test]
fn missing_path_is_exit_2() {
    let out = bin().arg("/no/such/paper.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/no/such/paper.txt"));
}

#[test]
fn figures_json_lists_the_parse() {
    let out = bin()
        .current_dir(root())
        .args(["figures", "--format", "json", "samples/legco-fintech-2020.zh.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["date"]["date"], "2020-06-01");
    assert_eq!(v["paragraphs"].as_array().unwrap().len(), 41);
    let fig = v["figures"].as_array().unwrap().iter().find(|f| f["text"] == "8億6千萬港元").unwrap();
    assert_eq!(fig["value"], "860000000");
    assert_eq!(fig["kind"], "money");
    assert_eq!(fig["unit"], "HKD");
}

#[test]
fn rules_and_explain() {
    let out = bin().arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("percent-change"));
    let out = bin().args(["explain", "percent-change"]).output().unwrap();
    let doc = stdout(&out);
    assert!(doc.contains("\n## What it does\nFlags "), "Markdown as written, not indented: {doc}");
    assert!(!doc.lines().any(|l| l.starts_with(" ## ")), "{doc}");
    let out = bin().args(["explain", "percent-chang"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn a_file_that_vanished_is_reported_even_for_root() {
    // A dangling symlink: listed by the walk, unreadable when opened (permissions mean nothing
    // to root, this does).
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), dir.path().join("gone.txt")).unwrap();
    std::fs::write(dir.path().join("open.txt"), "政府一直推動有關工作。\n").unwrap();
    let out = bin().arg(dir.path().join("gone.txt")).arg(dir.path().join("open.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("gone.txt"), "{}", stderr(&out));
    assert!(stdout(&out).contains("No problems found in 1 file; 1 could not be read."), "{}", stdout(&out));
}

/// A mistyped command is a path that does not exist; the message says which command was meant.
#[test]
fn a_mistyped_command_gets_a_did_you_mean() {
    let out = bin().args(["explian", "percent-change"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("explian: no such file or directory; did you mean the command `policy-lint explain`?"),
        "{err}"
    );
    // Only the first word, and only a near miss.
    assert!(!err.contains("percent-change: no such file or directory;"), "{err}");
    let out = bin().arg("zzzzzz").output().unwrap();
    assert!(!stderr(&out).contains("did you mean"));
}
