//! The command line beyond linting: rule groups, `--statistics`, `--quiet`, `rules --format
//! json`, `explain GROUP`, `--watch`, shell completions and the manual page.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::{bin, root, run};

const SAMPLE: &str = "samples/legco-fintech-2020.zh.txt";

/// The rules a run reported, from its concise output.
fn rules_reported(concise: &str) -> Vec<String> {
    let mut rules: Vec<String> = concise
        .lines()
        .filter_map(|l| l.split_once('[').and_then(|(_, r)| r.split_once(']')).map(|(r, _)| r.to_owned()))
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

#[test]
fn a_group_selects_and_ignores_its_rules() {
    let (code, out, _) = run(&["--format", "concise", "--select", "arithmetic", SAMPLE]);
    assert_eq!(code, Some(1));
    assert_eq!(rules_reported(&out), ["percent-change"]);
    let (_, out, _) = run(&["--format", "concise", "--ignore", "wording", SAMPLE]);
    assert_eq!(rules_reported(&out), ["percent-change"]);
    let (_, out, _) = run(&["--format", "concise", "--select", "wording", "--ignore", "term-consistency", SAMPLE]);
    assert_eq!(rules_reported(&out), ["punctuation-width"], "the narrower ignore wins");
    let (_, out, _) =
        run(&["--format", "concise", "--ignore", "wording", "--extend-select", "punctuation-width", SAMPLE]);
    assert_eq!(rules_reported(&out), ["percent-change", "punctuation-width"], "the narrower extend-select wins");
    let (_, out, _) = run(&["--format", "concise", "--select", "ALL", SAMPLE]);
    assert_eq!(rules_reported(&out), ["percent-change", "punctuation-width", "term-consistency"]);
}

#[test]
fn a_group_in_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy-lint.toml"), "[lint]\nignore = [\"wording\"]\n").unwrap();
    std::fs::copy(root().join(SAMPLE), dir.path().join("paper.txt")).unwrap();
    let out = bin().args(["--format", "concise"]).arg(dir.path().join("paper.txt")).output().unwrap();
    assert_eq!(rules_reported(&String::from_utf8_lossy(&out.stdout)), ["percent-change"]);
}

#[test]
fn a_mistyped_group_gets_a_did_you_mean() {
    let (code, _, err) = run(&["--select", "arithmetc", SAMPLE]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown rule or group `arithmetc`"), "{err}");
    assert!(err.contains("did you mean `arithmetic`?"), "{err}");
    let (code, _, err) = run(&["explain", "dtaes"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("did you mean `dates`?"), "{err}");
}

#[test]
fn a_mistyped_section_in_the_configuration_gets_a_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("policy-lint.toml"), "[percent-chnage]\nlevel = \"off\"\n").unwrap();
    std::fs::write(dir.path().join("paper.txt"), "政府一直推動有關工作。\n").unwrap();
    let out = bin().arg(dir.path().join("paper.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown section `percent-chnage`"), "{err}");
    assert!(err.contains("did you mean `percent-change`?"), "{err}");
    assert!(err.contains("policy-lint.toml:1:2"), "it points at the name: {err}");
}

#[test]
fn explain_a_group_lists_its_rules() {
    let (code, out, _) = run(&["explain", "dates"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("# dates (group)\n"), "{out}");
    for rule in ["date-after-document", "date-range-order", "relative-date", "date-order", "weekday"] {
        assert!(out.contains(&format!("- `{rule}` (warning): ")), "{rule}: {out}");
    }
    assert!(!out.contains("percent-change"), "{out}");
}

#[test]
fn statistics_count_each_rule_most_first() {
    let (code, out, _) = run(&["--statistics", SAMPLE]);
    assert_eq!(code, Some(1), "findings still fail the run");
    assert_eq!(out, "5  term-consistency   warning\n1  percent-change     error\n1  punctuation-width  warning\n");
    let (_, out, _) = run(&["--statistics", "--format", "json", SAMPLE]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["rule"], "term-consistency");
    assert_eq!(v[0]["count"], 5);
    assert_eq!(v[1]["severity"], "error");
    assert_eq!(v.as_array().unwrap().len(), 3);
}

#[test]
fn quiet_leaves_out_the_summary() {
    let (code, out, _) = run(&["-q", SAMPLE]);
    assert_eq!(code, Some(1));
    assert!(out.contains("stated rise of 60%"), "{out}");
    assert!(!out.contains("Found "), "{out}");
    let (code, out, _) = run(&["--quiet", "tests/fixtures/percent-change/good.en.txt"]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
}

#[test]
fn rules_as_json_has_a_stable_shape() {
    let (code, out, _) = run(&["rules", "--format", "json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules.len(), policy_lint::rules::registry().len() + 1, "every rule and unused-suppression");
    let pc = rules.iter().find(|r| r["name"] == "percent-change").unwrap();
    let keys: Vec<&str> = pc.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["default_level", "documentation", "fix", "group", "name", "summary"]);
    assert_eq!(pc["fix"], "unsafe");
    let fixes =
        |kind: &str| rules.iter().filter(|r| r["fix"] == kind).map(|r| r["name"].as_str().unwrap()).collect::<Vec<_>>();
    assert_eq!(fixes("safe"), ["punctuation-width", "term-consistency"]);
    assert_eq!(pc["group"], "arithmetic");
    assert_eq!(pc["default_level"], "error");
    assert!(pc["documentation"].as_str().unwrap().starts_with("## What it does"));
    let groups = v["groups"].as_array().unwrap();
    let dates = groups.iter().find(|g| g["name"] == "dates").unwrap();
    assert!(dates["rules"].as_array().unwrap().iter().any(|r| r == "weekday"));
    let (_, table, _) = run(&["rules"]);
    assert!(table.contains("\nGROUPS "), "{table}");
}

#[test]
fn completions_mention_the_subcommands_and_flags() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, _) = run(&["completions", shell]);
        assert_eq!(code, Some(0), "{shell}");
        // fish writes a long option as `-l statistics`, the others as `--statistics`.
        for word in ["explain", "figures", "completions", "statistics", "extend-select"] {
            assert!(out.contains(word), "{shell} completion lacks {word}");
        }
    }
    let (_, bash, _) = run(&["completions", "bash"]);
    assert!(bash.contains("complete -F _policy-lint") || bash.contains("_policy__lint"), "{bash}");
}

#[test]
fn the_manual_page_is_roff_with_every_option() {
    let (code, out, _) = run(&["man"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with(".ie") || out.starts_with(".TH"), "{}", &out[..80.min(out.len())]);
    assert!(out.contains(".TH policy-lint 1"), "{out}");
    for option in
        ["\\-\\-select", "\\-\\-extend\\-select", "\\-\\-statistics", "\\-\\-watch", "\\-\\-quiet", "\\-\\-format"]
    {
        assert!(out.contains(option), "the manual lacks {option}");
    }
    assert!(out.contains("completions"), "subcommands are listed");
}

/// A child process that is killed and reaped however the test ends.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `--watch` lints, waits, and lints again when the file changes: a real file in a temporary
/// directory, changed while the process runs.
#[test]
fn watch_lints_again_when_the_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("paper.txt");
    std::fs::write(&paper, "政府一直推動有關工作。\n").unwrap();
    let mut child = Killed(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("policy-lint"))
            .args(["--watch", "--color", "never"])
            .arg(&paper)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let (tx, rx) = mpsc::channel::<(bool, String)>();
    let out = child.0.stdout.take().unwrap();
    let err = child.0.stderr.take().unwrap();
    let tx2 = tx.clone();
    std::thread::spawn(move || {
        BufReader::new(out).lines().map_while(Result::ok).for_each(|l| drop(tx.send((true, l))))
    });
    std::thread::spawn(move || {
        BufReader::new(err).lines().map_while(Result::ok).for_each(|l| drop(tx2.send((false, l))))
    });
    // Lines until one satisfies `done`, or the deadline.
    let wait = |done: &dyn Fn(bool, &str) -> bool, seen: &mut Vec<String>| -> bool {
        let deadline = Instant::now() + Duration::from_secs(30);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match rx.recv_timeout(left) {
                Ok((is_out, line)) => {
                    let hit = done(is_out, &line);
                    seen.push(line);
                    if hit {
                        return true;
                    }
                }
                Err(_) => return false,
            }
        }
        false
    };
    let mut seen = Vec::new();
    let watching = wait(&|is_out, l| !is_out && (l.starts_with("Watching") || l.contains("cannot watch")), &mut seen);
    if seen.iter().any(|l| l.contains("cannot watch")) {
        eprintln!("skipped: this platform cannot watch files: {seen:?}");
        return;
    }
    assert!(watching, "no first run: {seen:?}");
    // The report is on standard output, the notice on standard error: two pipes, two reader
    // threads, so the notice can arrive first on a busy machine.
    let first = |is_out: bool, l: &str| is_out && l == "No problems found in 1 file.";
    let reported = seen.iter().any(|l| l == "No problems found in 1 file.") || wait(&first, &mut seen);
    assert!(reported, "{seen:?}");
    std::fs::write(&paper, "由 2019 年的 100 宗增加至 2020 年的 150 宗，升幅為 60%。\n").unwrap();
    let linted_again = wait(&|is_out, l| is_out && l.starts_with("Found 1 error"), &mut seen);
    drop(child);
    assert!(linted_again, "no second report after the change: {seen:?}");
    assert!(seen.iter().any(|l| l.contains("stated rise of 60%")), "{seen:?}");
}
