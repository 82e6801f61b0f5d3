//! The run as CI sees it: exit codes, `--fail-on`, `--exit-zero`, directories, baselines,
//! suppressions, `init` and `--print-config`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const PAPER: &str = "samples/legco-fintech-2020.zh.txt";
/// One percent-change error.
const BAD: &str = "由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%。\n";
/// One numbering warning (paragraph 2 is missing), no error.
const WARN: &str = "1.\t政府一直推動有關工作。\n\n3.\t政府會繼續推動有關工作。\n";
const GOOD: &str = "政府一直推動有關工作。\n";

fn bin() -> Command {
    Command::cargo_bin("policy-lint").unwrap()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str]) -> Out {
    let out = bin().current_dir(dir).args(args).output().unwrap();
    Out {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

// ---------------------------------------------------------------- exit policy

#[test]
fn exit_codes_and_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "bad.txt", BAD);
    write(d, "warn.txt", WARN);
    write(d, "good.txt", GOOD);
    let code = |args: &[&str]| run_in(d, args).code;
    assert_eq!(code(&["good.txt"]), Some(0));
    assert_eq!(code(&["bad.txt"]), Some(1));
    // Default fail-on is warning.
    assert_eq!(code(&["warn.txt"]), Some(1));
    assert_eq!(code(&["--fail-on", "error", "warn.txt"]), Some(0));
    assert_eq!(code(&["--fail-on", "error", "bad.txt"]), Some(1));
    assert_eq!(code(&["--fail-on", "info", "warn.txt"]), Some(1));
    // --exit-zero never fails on findings, but still on failures.
    assert_eq!(code(&["--exit-zero", "bad.txt", "warn.txt"]), Some(0));
    assert_eq!(code(&["--exit-zero", "bad.txt", "missing.txt"]), Some(2));
    assert_eq!(code(&["bad.txt", "missing.txt"]), Some(2));
    // A usage error is a failure too.
    assert_eq!(code(&["--fail-on", "fatal", "bad.txt"]), Some(2));
    assert_eq!(code(&["--format", "xml", "bad.txt"]), Some(2));
    // The findings are still reported under --exit-zero and below the threshold.
    let out = run_in(d, &["--fail-on", "error", "--format", "concise", "warn.txt"]);
    assert!(out.stdout.contains("warning[numbering] paragraph 2 is missing"), "{}", out.stdout);
}

#[test]
fn info_findings_fail_only_at_fail_on_info() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "policy-lint.toml", "[numbering]\nlevel = \"info\"\n");
    write(d, "warn.txt", WARN);
    assert_eq!(run_in(d, &["warn.txt"]).code, Some(0));
    assert_eq!(run_in(d, &["--fail-on", "info", "warn.txt"]).code, Some(1));
}

#[test]
fn fail_on_and_exit_zero_in_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "warn.txt", WARN);
    write(d, "bad.txt", BAD);
    write(d, "policy-lint.toml", "[lint]\nfail-on = \"error\"\n");
    assert_eq!(run_in(d, &["warn.txt"]).code, Some(0));
    assert_eq!(run_in(d, &["bad.txt"]).code, Some(1));
    // The command line wins.
    assert_eq!(run_in(d, &["--fail-on", "warning", "warn.txt"]).code, Some(1));
    write(d, "policy-lint.toml", "[lint]\nexit-zero = true\n");
    assert_eq!(run_in(d, &["bad.txt"]).code, Some(0));
    write(d, "policy-lint.toml", "[lint]\nfail-on = \"critical\"\n");
    let out = run_in(d, &["bad.txt"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("policy-lint.toml") && out.stderr.contains("critical"), "{}", out.stderr);
}

// ---------------------------------------------------------------- directories

#[cfg(unix)]
#[test]
fn a_directory_of_good_bad_unreadable_and_binary_papers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("papers");
    write(&d, "a-good.txt", GOOD);
    write(&d, "b-bad.md", BAD);
    write(&d, "sub/c-warn.txt", WARN);
    std::fs::write(d.join("d-binary.txt"), b"PK\x03\x04\x00\x00binary").unwrap();
    // Unreadable even for root: a link to nothing, followed because --follow-links asks for it.
    std::os::unix::fs::symlink(d.join("nowhere.txt"), d.join("e-unreadable.txt")).unwrap();
    write(&d, ".hidden/f-bad.txt", BAD);
    // Not in the include globs (a .pdf is, since issue 12).
    write(&d, "notes.rtf", BAD);
    let out = run_in(dir.path(), &["--follow-links", "--format", "concise", "papers"]);
    assert_eq!(out.code, Some(2), "{}{}", out.stdout, out.stderr);
    let col = BAD[..BAD.find("60%").unwrap()].chars().count() + 1;
    assert_eq!(
        out.stdout,
        format!(
            "papers/b-bad.md:1:{col}: error[percent-change] stated rise of 60% does not match the figures (+50.0%)\n\
             papers/sub/c-warn.txt:3:1: warning[numbering] paragraph 2 is missing: 1 is followed by 3\n\
             papers/d-binary.txt: error[unreadable-file] the file looks binary (NUL byte at offset 4); skipped\n\
             papers/e-unreadable.txt: error[unreadable-file] no such file or directory\n"
        )
    );
    assert!(out.stderr.contains("papers/d-binary.txt") && out.stderr.contains("binary"), "{}", out.stderr);
    assert!(out.stderr.contains("papers/e-unreadable.txt") && out.stderr.contains("no such file"), "{}", out.stderr);
    assert!(!out.stderr.contains("f-bad") && !out.stderr.contains("notes.rtf"));
    let human = run_in(dir.path(), &["--follow-links", "papers"]);
    assert!(
        human.stdout.contains("Found 1 error, 1 warning in 3 files; 2 files could not be read."),
        "{}",
        human.stdout
    );
    // Without --follow-links the link is not followed, so not read.
    let out = run_in(dir.path(), &["--format", "concise", "papers"]);
    assert!(!out.stderr.contains("e-unreadable"), "{}", out.stderr);
    assert_eq!(out.code, Some(2), "the binary file still fails the run");
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("papers");
    write(&d, "sub/paper.txt", GOOD);
    std::os::unix::fs::symlink(&d, d.join("sub/back")).unwrap();
    let out = run_in(dir.path(), &["--follow-links", "papers"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("symbolic link loop"), "{}", out.stderr);
    assert!(out.stdout.contains("No problems found in 1 file; 1 could not be read."), "{}", out.stdout);
    let out = run_in(dir.path(), &["papers"]);
    assert_eq!(out.code, Some(0), "not followed, no loop: {}", out.stderr);
}

#[test]
fn include_and_exclude_globs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "papers/a.txt", BAD);
    write(d, "papers/drafts/b.txt", BAD);
    write(d, "papers/c.rst", BAD);
    let lint = |args: &[&str]| {
        let mut a = vec!["--format", "concise"];
        a.extend_from_slice(args);
        a.push("papers");
        let out = run_in(d, &a);
        out.stdout.lines().map(|l| l.split(':').next().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(lint(&[]), ["papers/a.txt", "papers/drafts/b.txt"]);
    assert_eq!(lint(&["--exclude", "drafts"]), ["papers/a.txt"]);
    assert_eq!(lint(&["--exclude", "drafts/*.txt"]), ["papers/a.txt"]);
    assert_eq!(lint(&["--include", "*.rst,*.txt", "--exclude", "a.txt"]), ["papers/c.rst", "papers/drafts/b.txt"]);
    // `.` is not repeated in the paths shown.
    let out = run_in(&d.join("papers"), &["--format", "concise", "--exclude", "drafts", "."]);
    assert!(out.stdout.starts_with("a.txt:1:"), "{}", out.stdout);
    write(d, "policy-lint.toml", "[lint]\ninclude = [\"*.rst\"]\nexclude = [\"drafts/**\"]\n");
    assert_eq!(lint(&[]), ["papers/c.rst"]);
    // A file named on the command line is linted whatever the globs say.
    let out = run_in(d, &["--format", "concise", "papers/a.txt"]);
    assert_eq!(out.stdout.lines().count(), 1);
    write(d, "policy-lint.toml", "[lint]\nexclude = [\"[oops\"]\n");
    let out = run_in(d, &["papers"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("invalid glob `[oops`"), "{}", out.stderr);
}

#[test]
fn parallel_and_serial_runs_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("papers");
    let samples: Vec<PathBuf> = ["samples", "tests/fixtures/percent-change", "tests/fixtures/numbering"]
        .iter()
        .flat_map(|s| std::fs::read_dir(root().join(s)).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    for i in 0..60 {
        let src = &samples[i % samples.len()];
        let name = format!("{}/{:02}-{}", ["x", "y/z", "y"][i % 3], 60 - i, src.file_name().unwrap().to_string_lossy());
        write(&d, &name, &std::fs::read_to_string(src).unwrap());
    }
    for format in ["human", "json", "sarif", "concise"] {
        let serial = run_in(dir.path(), &["--threads", "1", "--format", format, "papers"]);
        let parallel = run_in(dir.path(), &["--threads", "4", "--format", format, "papers"]);
        assert_eq!(serial.code, Some(1));
        assert!(serial.stdout.len() > 1000);
        assert_eq!(serial.stdout, parallel.stdout, "{format}");
        assert_eq!(serial.stderr, parallel.stderr, "{format}");
    }
    // Sorted by path, then position.
    let out = run_in(dir.path(), &["--format", "concise", "papers"]);
    let keys: Vec<(String, usize, usize)> = out
        .stdout
        .lines()
        .map(|l| {
            let mut it = l.splitn(4, ':');
            let p = it.next().unwrap().to_owned();
            (p, it.next().unwrap().parse().unwrap(), it.next().unwrap().parse().unwrap())
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| Path::new(&a.0).cmp(Path::new(&b.0)).then((a.1, a.2).cmp(&(b.1, b.2))));
    assert_eq!(keys, sorted);
}

// ---------------------------------------------------------------- baseline

#[test]
fn baseline_hides_old_findings_by_text_not_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = std::fs::read_to_string(root().join(PAPER)).unwrap();
    write(d, "papers/fintech.txt", &text);
    let out = run_in(d, &["--select", "percent-change", "--write-baseline", "baseline.json", "papers"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.contains("Recorded 1 finding in baseline.json."), "{}", out.stderr);
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("baseline.json")).unwrap()).unwrap();
    assert_eq!(b["version"], 1);
    assert_eq!(b["findings"][0]["path"], "papers/fintech.txt");
    assert_eq!(b["findings"][0]["rule"], "percent-change");
    assert_eq!(b["findings"][0]["text"], "60% | 168,000宗 | 264,000宗");

    let out = run_in(d, &["--select", "percent-change", "--baseline", "baseline.json", "papers"]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert!(out.stdout.contains("No problems found in 1 file (1 in the baseline not shown)."), "{}", out.stdout);

    // Two paragraphs inserted at the top: the finding moves four lines down and stays hidden.
    let moved = format!("新增的第一段。\n\n新增的第二段。\n\n{text}");
    write(d, "papers/fintech.txt", &moved);
    let out = run_in(d, &["--select", "percent-change", "--format", "concise", "papers"]);
    assert!(out.stdout.contains("fintech.txt:479:30:"), "the finding did move: {}", out.stdout);
    let out =
        run_in(d, &["--select", "percent-change", "--baseline", "baseline.json", "--format", "concise", "papers"]);
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), ""));
    // From another directory, the baseline still names the same file.
    let out = run_in(
        &d.join("papers"),
        &["--select", "percent-change", "--baseline", "../baseline.json", "--format", "concise", "fintech.txt"],
    );
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), ""), "{}", out.stderr);

    // The figure edited: 60% → 70% is a different claim, reported again.
    write(d, "papers/fintech.txt", &moved.replace("大幅上升 60 %", "大幅上升 70 %"));
    let out =
        run_in(d, &["--select", "percent-change", "--baseline", "baseline.json", "--format", "concise", "papers"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stdout.contains("error[percent-change] stated rise of 70% does not match"), "{}", out.stdout);

    // A new finding elsewhere is reported, the old one stays hidden.
    write(d, "papers/fintech.txt", &moved);
    write(d, "papers/new.txt", BAD);
    let out =
        run_in(d, &["--select", "percent-change", "--baseline", "baseline.json", "--format", "concise", "papers"]);
    assert_eq!(out.code, Some(1));
    assert_eq!(out.stdout.lines().count(), 1);
    assert!(out.stdout.starts_with("papers/new.txt:"), "{}", out.stdout);

    let out = run_in(d, &["--select", "percent-change", "--baseline", "missing.json", "papers"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("cannot read the baseline missing.json"), "{}", out.stderr);
}

// ---------------------------------------------------------------- suppressions

#[test]
fn comment_suppressions_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let paper = format!(
        "# Paper\n\n<!-- policy-lint-disable-next-line percent-change -- the paper's own rounding -->\n\n{BAD}\n\
         {BAD}\n<!-- policy-lint-disable percent-change -->\n\n{BAD}\n<!-- policy-lint-enable percent-change -->\n\n{BAD}"
    );
    write(d, "p.md", &paper);
    let out = run_in(d, &["--format", "concise", "p.md"]);
    assert_eq!(out.code, Some(1));
    // Lines: 5 hidden (next line), 7 reported, 11 hidden (block), 15 reported.
    let lines: Vec<&str> = out.stdout.lines().map(|l| l.split(':').nth(1).unwrap()).collect();
    assert_eq!(lines, ["7", "15"], "{}", out.stdout);
    let human = run_in(d, &["p.md"]);
    assert!(
        human.stdout.contains("Found 2 errors, 0 warnings in 1 file (2 suppressed not shown)."),
        "{}",
        human.stdout
    );

    // A whole-file suppression hides them all; the comment's own words are not read as text.
    write(d, "q.md", &format!("<!-- policy-lint-disable-file -- 2019 figures rose 60% from 100 -->\n\n{paper}"));
    let out = run_in(d, &["--format", "concise", "q.md"]);
    assert_eq!((out.code, out.stdout.as_str()), (Some(0), ""), "{}", out.stderr);
}

#[test]
fn unused_and_unknown_comment_suppressions_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "p.md", &format!("<!-- policy-lint-disable-next-line numbering -->\n{GOOD}\n{GOOD}"));
    let out = run_in(d, &["--format", "concise", "p.md"]);
    assert_eq!(out.code, Some(1));
    assert_eq!(out.stdout, "p.md:1:36: warning[unused-suppression] this suppression of `numbering` hides no finding\n");
    // Not judged when the rule did not run; silenced by ignoring unused-suppression.
    assert_eq!(run_in(d, &["--select", "percent-change", "p.md"]).code, Some(0));
    assert_eq!(run_in(d, &["--ignore", "unused-suppression", "p.md"]).code, Some(0));

    write(d, "q.md", &format!("<!-- policy-lint-disable-next-line percent-chnage -->\n{BAD}"));
    let out = run_in(d, &["--format", "concise", "q.md"]);
    assert_eq!(out.code, Some(2), "an unknown rule is an error, never ignored");
    assert!(out.stderr.contains("q.md:1:36: unknown rule `percent-chnage` in a suppression"), "{}", out.stderr);
    assert!(out.stderr.contains("did you mean `percent-change`"), "{}", out.stderr);
    assert!(out.stdout.contains("error[percent-change]"), "the finding is not hidden: {}", out.stdout);
}

#[test]
fn ignore_entries_in_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = std::fs::read_to_string(root().join(PAPER)).unwrap();
    write(d, "papers/fintech.txt", &text);
    write(d, "papers/other.txt", BAD);
    write(
        d,
        "policy-lint.toml",
        "[[ignore]]\nrule = \"percent-change\"\ntext = \"大幅上升 60%\"\nfile = \"papers/fintech.txt\"\n\
         reason = \"the paper's rounding\"\n",
    );
    let out = run_in(d, &["--select", "percent-change", "--format", "concise", "papers"]);
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    assert!(out.stdout.starts_with("papers/other.txt:"), "{}", out.stdout);

    // An entry that matches nothing is reported on the configuration file.
    write(
        d,
        "policy-lint.toml",
        "[[ignore]]\nrule = \"percent-change\"\ntext = \"60 %\"\n\n[[ignore]]\nrule = \"numbering\"\ntext = \"3.\"\n",
    );
    let out = run_in(
        d,
        &["--select", "percent-change,numbering,unused-suppression", "--format", "concise", "papers/fintech.txt"],
    );
    assert_eq!(out.code, Some(1));
    assert_eq!(
        out.stdout,
        "policy-lint.toml:7:8: warning[unused-suppression] this `[[ignore]]` of `numbering` hides no finding\n"
    );

    // An unknown rule is an error pointing into the TOML.
    write(d, "policy-lint.toml", "[[ignore]]\nrule = \"percent-chang\"\ntext = \"60 %\"\n");
    let out = run_in(d, &["--select", "percent-change", "papers/fintech.txt"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("unknown rule `percent-chang`"), "{}", out.stderr);
    assert!(out.stderr.contains("policy-lint.toml:2"), "{}", out.stderr);
}

// ---------------------------------------------------------------- discoverability

#[test]
fn init_writes_a_working_commented_config_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = run_in(d, &["init"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let text = std::fs::read_to_string(d.join("policy-lint.toml")).unwrap();
    assert!(text.contains("# fail-on = \"warning\"") && text.contains("# [percent-change]"), "{text}");
    assert!(text.contains("# [[ignore]]"));
    // It is a valid configuration as written, and with every commented table and value enabled.
    write(d, "paper.txt", BAD);
    assert_eq!(run_in(d, &["paper.txt"]).code, Some(1));
    let enabled: String = text
        .lines()
        .map(|l| l.strip_prefix("# ").filter(|r| r.starts_with(['[', ']', '#', ' ']) || r.contains(" = ")).unwrap_or(l))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(d.join("enabled.toml"), enabled).unwrap();
    let out = run_in(d, &["--config", "enabled.toml", "--print-config"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);

    let out = run_in(d, &["init"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("already exists"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(d.join("policy-lint.toml")).unwrap(), text);
}

#[test]
fn print_config_says_where_each_value_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "policy-lint.toml",
        "[percent-change]\ntolerance = 0.5\n\n[[ignore]]\nrule = \"numbering\"\ntext = \"3.\"\n",
    );
    write(d, "sub/paper.txt", GOOD);
    let out = run_in(d, &["--print-config", "--fail-on", "error", "sub/paper.txt"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let s = out.stdout;
    let line = |key: &str| s.lines().find(|l| l.starts_with(key)).unwrap_or_else(|| panic!("{key}: {s}")).to_owned();
    assert!(line("fail-on = \"error\"").ends_with("# the command line"), "{s}");
    assert!(line("tolerance = 0.5").ends_with(&format!("# {}", d.join("policy-lint.toml").display())), "{s}");
    assert!(line("level = \"error\"").ends_with("# built-in default"), "{s}");
    assert!(s.contains(&format!("[[ignore]]  # {}", d.join("policy-lint.toml").display())), "{s}");
}

#[test]
fn rules_and_explain_cover_unused_suppression() {
    let out = run_in(root(), &["rules"]);
    assert_eq!(out.code, Some(0));
    let header = out.stdout.lines().next().unwrap();
    assert!(header.starts_with("RULE") && header.contains("GROUP") && header.contains("LEVEL"));
    let row = out.stdout.lines().find(|l| l.starts_with("percent-change")).unwrap();
    assert!(row.contains("arithmetic") && row.contains("error"), "{row}");
    assert!(out.stdout.lines().any(|l| l.starts_with("unused-suppression") && l.contains("warning")));
    let out = run_in(root(), &["explain", "unused-suppression"]);
    assert_eq!(out.code, Some(0));
    for h in ["## What it does", "## Why is this bad?", "## Example", "## What it does not check"] {
        assert!(out.stdout.contains(h));
    }
}

/// The shared corpus of real papers, linted with one thread and with four: the same bytes. Needs
/// `../shared/corpus` (or `POLICY_LINT_CORPUS`); `.ci/run` runs it when the corpus is there.
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run when present"]
fn corpus_parallel_and_serial_runs_are_byte_identical() {
    let corpus = crate::common::shared("POLICY_LINT_CORPUS", "corpus");
    assert!(corpus.is_dir(), "corpus not found at {}", corpus.display());
    let corpus = corpus.to_str().unwrap();
    for format in ["human", "json", "sarif", "concise", "github"] {
        let serial = run_in(root(), &["--threads", "1", "--exit-zero", "--format", format, corpus]);
        let parallel = run_in(root(), &["--threads", "4", "--exit-zero", "--format", format, corpus]);
        assert_eq!(serial.code, parallel.code, "{format}");
        assert!(!serial.stdout.is_empty(), "{format}");
        assert_eq!(serial.stdout, parallel.stdout, "{format}");
        assert_eq!(serial.stderr, parallel.stderr, "{format}");
    }
}

/// The action, the pre-commit hook and the README's CI section only use flags that exist.
#[test]
fn distribution_files_use_real_flags() {
    let help = run_in(root(), &["--help"]).stdout;
    for file in ["action.yml", ".pre-commit-hooks.yaml", "README.md"] {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        // The project's own scripts have flags of their own.
        let text: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("scripts/") && !l.trim_start().starts_with("python3 scripts/"))
            .map(|l| format!("{l}\n"))
            .collect();
        for (i, _) in text.match_indices(" --") {
            let flag: String = text[i + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            if flag.len() <= 2
                || [
                    "--locked",
                    "--path",
                    "--git",
                    "--tag",
                    "--root",
                    "--check",
                    "--all-targets",
                    "--ignored",
                    "--release",
                    "--quiet",
                    "--test",
                    "--bench",
                ]
                .contains(&flag.as_str())
            {
                continue;
            }
            assert!(
                help.contains(&format!("{flag} "))
                    || help.contains(&format!("{flag}\n"))
                    || help.contains(&format!("{flag}="))
                    || help.contains(&format!("{flag} <")),
                "{file} uses {flag}, which `policy-lint --help` does not list"
            );
        }
    }
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("- id: policy-lint") && hooks.contains("language: rust"));
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    assert!(action.contains("using: composite") && action.contains("cargo install --locked --path"));
}

/// The walk honours `.gitignore` and `.ignore` (in a repository or not), skips hidden entries,
/// matches extensions in either case, and `--show-files` lists what would be linted.
#[test]
fn the_walk_honours_ignore_files_and_extensions_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, ".gitignore", "build/\nskipped.txt\n");
    write(d, "drafts/.ignore", "old-*.md\n");
    for name in [
        "a.txt",
        "NOTES.MD",
        "B.TXT",
        "skipped.txt",
        "build/c.txt",
        ".hidden/d.txt",
        "drafts/old-1.md",
        "drafts/new.md",
    ] {
        write(d, name, BAD);
    }
    let out = run_in(d, &["--show-files", "."]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, "B.TXT\nNOTES.MD\na.txt\ndrafts/new.md\n");
    // The same files are linted.
    let out = run_in(d, &["--format", "concise", "."]);
    assert_eq!(out.code, Some(1));
    let files: Vec<&str> = out.stdout.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(files, ["B.TXT", "NOTES.MD", "a.txt", "drafts/new.md"]);
    // A file named on the command line is linted even when an ignore file lists it.
    assert_eq!(run_in(d, &["--show-files", "skipped.txt"]).stdout, "skipped.txt\n");
}

/// `--stdin-filename` names the paper read from standard input: in the report and for the
/// configuration that applies.
#[test]
fn stdin_takes_the_name_it_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "sub/policy-lint.toml", "[percent-change]\nlevel = \"warning\"\n");
    let mut cmd = bin();
    cmd.current_dir(d).args(["--format", "concise", "--stdin-filename", "sub/x.md", "-"]);
    let out = cmd.write_stdin(format!("# Title\n\n{BAD}")).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{s}");
    assert_eq!(s.lines().count(), 1, "{s}");
    assert!(s.starts_with("sub/x.md:3:") && s.contains("warning[percent-change]"), "{s}");
}

/// Code in a Markdown paper (fenced, indented, inline) is a sample, not the paper: its figures
/// are not read and a directive shown in it suppresses nothing.
#[test]
fn markdown_code_is_not_linted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let md = format!(
        "# Paper\n\n```text\n{BAD}<!-- policy-lint-disable-file -->\n```\n\n    {BAD}\nInline: `{}`.\n\n{BAD}",
        BAD.trim_end()
    );
    write(d, "paper.md", &md);
    let out = run_in(d, &["--format", "concise", "paper.md"]);
    assert_eq!(out.code, Some(1), "{}{}", out.stdout, out.stderr);
    assert_eq!(out.stdout.lines().count(), 1, "only the prose copy: {}", out.stdout);
    assert!(out.stdout.starts_with("paper.md:12:"), "{}", out.stdout);
    // The same text as plain text (where a comment is a directive anywhere) is read whole.
    write(d, "paper.txt", &md.replace("<!-- policy-lint-disable-file -->", ""));
    assert!(run_in(d, &["--format", "concise", "paper.txt"]).stdout.lines().count() > 1);
}
