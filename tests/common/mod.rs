//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use policy_lint::config::{self, ConfigFile, Layer, LintSection, Origin, Resolved};
use policy_lint::lint::{self, LintOptions, Outcome};
use policy_lint::output::{FileReport, human};
use policy_lint::source::Source;
use toml::Spanned;

/// The configuration the tests use: built-in defaults, optionally only some rules.
pub fn resolved(select: Option<&[&str]>) -> Resolved {
    let mut layers = vec![Layer::builtin().unwrap()];
    if let Some(sel) = select {
        let lint = LintSection {
            select: Some(sel.iter().map(|s| Spanned::new(0..0, (*s).to_owned())).collect()),
            ..Default::default()
        };
        layers.push(Layer {
            origin: Origin::CommandLine,
            text: None,
            file: ConfigFile { lint: Some(lint), ..Default::default() },
        });
    }
    config::resolve(&layers).unwrap()
}

/// Read a file the way the command line does, naming it by its path relative to the crate.
pub fn source(path: &Path) -> Source {
    let bytes = std::fs::read(path).unwrap();
    let rel = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path);
    Source::from_bytes(rel.display().to_string().replace('\\', "/"), &bytes).unwrap()
}

pub fn lint_file(path: &Path, select: Option<&[&str]>) -> (Source, Outcome) {
    let src = source(path);
    let opts = LintOptions { date: None, markdown: lint::is_markdown(src.name()), checks: true };
    let out = lint::lint(&src, &resolved(select), &opts);
    (src, out)
}

/// Human output without colour at a fixed width, as snapshots need it.
pub fn render(src: &Source, out: &Outcome) -> String {
    let mut s = String::new();
    human::render_file(
        &FileReport { source: src, diagnostics: &out.diagnostics },
        human::Style { color: false, width: 100 },
        &mut s,
    );
    s
}

/// The built `policy-lint`, run from the repository's root.
pub fn bin() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("policy-lint").unwrap();
    c.current_dir(root());
    c
}

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run `policy-lint` with `args`: its exit code, standard output and standard error.
pub fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A folder of `../shared` beside the checkout (`corpus`, `corpus-wide`), or the one the
/// environment variable names.
pub fn shared(var: &str, name: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared").join(name))
}
