//! The GitHub Action's run step, run by bash as a runner runs it (`bash -eo pipefail`), with a
//! stand-in `policy-lint` that prints the arguments it was given: each line of `paths` and `args`
//! must arrive as one argument, exactly as written.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

/// The `run: |` script of the step with `id: run` in action.yml.
fn run_script() -> String {
    let yml = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).unwrap();
    let step = yml.split("\n    - name: ").find(|s| s.contains("\n      id: run\n")).expect("a step with id: run");
    let (_, body) = step.split_once("\n      run: |\n").expect("a run: | block");
    body.lines()
        .take_while(|l| l.is_empty() || l.starts_with("        "))
        .map(|l| l.strip_prefix("        ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn each_line_of_paths_and_args_is_one_argument() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("policy-lint");
    std::fs::write(&fake, "#!/bin/sh\nfor a in \"$@\"; do printf '<%s>\\n' \"$a\"; done\nexit 1\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let output = dir.path().join("github_output");
    let path = format!("{}:{}", dir.path().display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &run_script()])
        .env("PATH", path)
        .env("GITHUB_OUTPUT", &output)
        .env("PL_PATHS", "papers\nannual reports/2020 *.txt\n")
        .env("PL_OUTPUT", "annotations")
        .env("PL_FAIL_ON", "error")
        .env("PL_BASELINE", "")
        .env("PL_ARGS", "--config\nci/policy lint.toml\n\n--ignore\nwording,dates\n")
        .env("PL_SARIF", "policy-lint.sarif")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let args = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        args,
        "<--fail-on>\n<error>\n<--format>\n<github>\n<--config>\n<ci/policy lint.toml>\n<--ignore>\n<wording,dates>\n\
         <-->\n<papers>\n<annual reports/2020 *.txt>\n"
    );
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "exit-code=1\n", "the status is passed on");
}
