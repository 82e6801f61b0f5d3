//! The command line: clap types, turned into [`Settings`] here and nowhere else, and the run.

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};

use rayon::prelude::*;

use crate::baseline::{self, Baseline};
use crate::config::{self, ConfigError, Layer, Origin, Resolved, UNUSED_SUPPRESSION};
use crate::diagnostic::Diagnostic;
use crate::error::FileError;
use crate::lint::{self, LintOptions, Outcome};
use crate::output::{self, FileReport, Summary, human};
use crate::rules;
use crate::source::{self, Source};
use crate::suppress;

/// Finds what does not add up inside a policy paper: percentages that do not match their
/// totals, changes the figures cannot produce, numbering gaps, dates after the paper's own.
#[derive(Debug, Parser)]
#[command(name = "policy-lint", version, args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint papers (the default when no command is given).
    Check(CheckArgs),
    /// Show everything the parser understood in one paper: paragraphs, footnotes, figures with
    /// their values and intervals, dates, and the relations the rules checked.
    Figures(FiguresArgs),
    /// List every rule with its group, default level and summary.
    Rules {
        /// Output format: a table, or JSON for tools (`version`, `groups`, `rules`).
        #[arg(long, value_enum, default_value_t)]
        format: RulesFormat,
    },
    /// Print a rule's documentation, or list a group's rules.
    Explain {
        /// A rule's name, e.g. `percent-change`, or a group's, e.g. `dates`.
        rule: String,
    },
    /// Write a commented `policy-lint.toml` (never over an existing one).
    Init {
        /// The directory to write it in.
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
    },
    /// Print a shell completion script: `policy-lint completions bash > /etc/bash_completion.d/policy-lint`.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `policy-lint man | man -l -`.
    Man,
    /// Run as a language server on standard input and output: diagnostics as you type, a hover
    /// on each figure, the fixes as code actions. Each document is linted with the configuration
    /// of its directory.
    Server(ServerArgs),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Annotated snippets for people (miette).
    #[default]
    Human,
    /// `path:line:col: severity[rule] message`, one per line.
    Concise,
    /// Version-1 JSON for tools.
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// One self-contained HTML page: each paper's text with every figure marked (disagreeing,
    /// checked and agreeing, or unchecked), the findings beside it, and how much was checked.
    Html,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum FiguresFormat {
    #[default]
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    #[default]
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

/// Options shared by every command that reads papers.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// Use this configuration file on top of any `policy-lint.toml` found upward from the paper.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The paper's own date (YYYY-MM-DD), overriding its header and the configuration.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Run only these rules or groups (comma-separated; `ALL` is every rule).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Run these rules or groups as well as the selected ones (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Option<Vec<String>>,
    /// Do not run these rules or groups (comma-separated; a narrower `--select` wins).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Option<Vec<String>>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Read papers without a byte-order mark in this encoding (`big5`, `gb18030`, `shift_jis`,
    /// `utf-8`, any WHATWG label) instead of UTF-8 with a CJK encoding detected as fallback.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files or directories to lint; `-` reads standard input.
    #[arg(value_name = "PATH", required_unless_present = "print_config")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Exit 1 when a finding at or above this severity is reported [default: warning].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// Exit 0 even when there are findings (2 still means policy-lint could not do its job).
    #[arg(long)]
    pub exit_zero: bool,
    /// Lint only files matching these globs in directories (comma-separated; replaces
    /// `[lint] include`).
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub include: Option<Vec<String>>,
    /// Skip files and directories matching these globs (comma-separated; replaces `[lint]
    /// exclude`).
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub exclude: Option<Vec<String>>,
    /// Follow symbolic links when walking directories (loops are reported).
    #[arg(long)]
    pub follow_links: bool,
    /// Print the files that would be linted, one per line, and exit.
    #[arg(long)]
    pub show_files: bool,
    /// The name of the paper read from standard input (`-`): how reports name it, which
    /// configuration applies and whether it is Markdown.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Report only findings this baseline file does not already record.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in this baseline file and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Lint with this many threads (default: one per core; 1 is a serial run).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Print the configuration that applies to the first PATH (or the current directory) and
    /// where each value came from, then exit.
    #[arg(long)]
    pub print_config: bool,
    /// Print how many findings each rule made, most first, instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Print only the findings and errors: no summary line, no progress.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Apply the safe fixes (half-width punctuation in Chinese text, a term written the way the
    /// configuration prefers) to the papers, then report what is left. Only .txt and Markdown
    /// papers read as UTF-8 are written.
    #[arg(long)]
    pub fix: bool,
    /// With `--fix` or `--diff`, apply the unsafe fixes too (a stated percentage replaced by the
    /// one the figures give).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of applying them (nothing is written).
    #[arg(long)]
    pub diff: bool,
    /// Lint again whenever a named file, or a file below a named directory, changes.
    #[arg(long, conflicts_with_all = ["write_baseline", "show_files", "print_config"])]
    pub watch: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Clone, Args)]
pub struct FiguresArgs {
    /// The paper to read; `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: FiguresFormat,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Clone, Args)]
pub struct ServerArgs {
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Validated settings: nothing past this point sees clap.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config: Option<PathBuf>,
    pub date: Option<jiff::civil::Date>,
    /// The command-line layer: what the flags set, in the configuration's own schema.
    pub cli_layer: Layer,
    pub color: bool,
    /// `--encoding`.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

impl CommonArgs {
    /// `lint` holds the `[lint]` values of flags beyond the common ones.
    fn settings(&self, mut lint: toml::Table) -> Result<Settings, ConfigError> {
        let date = self.date.as_deref().map(config::parse_date).transpose().map_err(|message| {
            ConfigError::Invalid { path: "--date".into(), message, src: None, span: None, label: String::new() }
        })?;
        let encoding = self
            .encoding
            .as_deref()
            .map(|label| {
                encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| ConfigError::Invalid {
                    path: "--encoding".into(),
                    message: format!("unknown encoding `{label}` (try utf-8, big5, gb18030, shift_jis)"),
                    src: None,
                    span: None,
                    label: String::new(),
                })
            })
            .transpose()?;
        for (key, v) in [("select", &self.select), ("extend-select", &self.extend_select), ("ignore", &self.ignore)] {
            let Some(v) = v else { continue };
            let mut names = Vec::new();
            for n in v {
                let n = n.trim();
                config::check_selector(n, &Origin::CommandLine, None, None)?;
                names.push(toml::Value::String(n.to_owned()));
            }
            lint.insert(key.into(), toml::Value::Array(names));
        }
        let mut table = toml::Table::new();
        if !lint.is_empty() {
            table.insert("lint".into(), toml::Value::Table(lint));
        }
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Ok(Settings { config: self.config.clone(), date, cli_layer: Layer::command_line(table)?, color, encoding })
    }
}

impl CheckArgs {
    /// The `[lint]` values this command's flags set.
    fn lint_table(&self) -> toml::Table {
        let mut t = toml::Table::new();
        if let Some(f) = self.fail_on {
            let s = match f {
                FailOn::Error => "error",
                FailOn::Warning => "warning",
                FailOn::Info => "info",
            };
            t.insert("fail-on".into(), toml::Value::String(s.into()));
        }
        if self.exit_zero {
            t.insert("exit-zero".into(), toml::Value::Boolean(true));
        }
        for (key, v) in [("include", &self.include), ("exclude", &self.exclude)] {
            if let Some(v) = v {
                let globs = v.iter().map(|g| toml::Value::String(g.trim().to_owned())).collect();
                t.insert(key.into(), toml::Value::Array(globs));
            }
        }
        t
    }
}

/// One file to lint, or one that could not even be listed. `key` orders the run.
struct Input {
    key: PathBuf,
    kind: InputKind,
}

enum InputKind {
    /// `shown` is the path as the user gave it or the walk found it (the report's name for the
    /// file); `display` is that, escaped for a message ([`source::escape_name`]).
    Path {
        path: PathBuf,
        shown: PathBuf,
        display: String,
    },
    /// Standard input, under the name `--stdin-filename` gives it.
    Stdin {
        name: Option<PathBuf>,
    },
    Error(FileError),
}

/// What the walk needs from the configuration.
struct WalkOptions {
    include: config::Globs,
    exclude: config::Globs,
    follow_links: bool,
}

/// Expand the given paths: files as given (always linted), directories walked (include and
/// exclude globs, hidden entries skipped, symlinks followed only when asked, loops reported);
/// then everything sorted by path, so the run's order never depends on the walk or the threads.
fn collect(paths: &[PathBuf], walk: &WalkOptions, stdin_name: Option<&Path>) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input { key: p.clone(), kind: InputKind::Stdin { name: stdin_name.map(Path::to_owned) } });
            continue;
        }
        let display = shown(p);
        match std::fs::metadata(p) {
            Err(e) => {
                let mut error = FileError::io(&display, e);
                // `policy-lint explian x`: a mistyped command reads as a path that does not exist.
                if let (FileError::Io { message, .. }, Some(command)) = (&mut error, command_like(p, paths)) {
                    message.push_str(&format!("; did you mean the command `policy-lint {command}`?"));
                }
                out.push(Input { key: p.clone(), kind: InputKind::Error(error) });
            }
            Ok(m) if m.is_dir() => walk_dir(p, &display, walk, &mut out),
            Ok(_) => {
                out.push(Input { key: p.clone(), kind: InputKind::Path { path: p.clone(), shown: p.clone(), display } })
            }
        }
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out.dedup_by(|a, b| a.key == b.key);
    out
}

fn walk_dir(root: &Path, display: &str, walk: &WalkOptions, out: &mut Vec<Input>) {
    let relative = |p: &Path| p.strip_prefix(root).map(Path::to_owned).unwrap_or_else(|_| p.to_owned());
    let (base, exclude) = (root.to_owned(), walk.exclude.clone());
    // The `ignore` walker (walkdir underneath) honours `.gitignore`, `.ignore` and
    // `.git/info/exclude` as ripgrep and ruff do, in a repository or not; hidden entries are
    // skipped and the configuration's `exclude` prunes whole directories.
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(walk.follow_links)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .ignore(true)
        .parents(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |e| e.depth() == 0 || !exclude.matches(e.path().strip_prefix(&base).unwrap_or(e.path())))
        .build();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                if walk.include.matches(&relative(e.path())) {
                    // `policy-lint .` names `paper.txt`, not `./paper.txt`: CI tools match paths
                    // against the repository's.
                    let shown = e.path().strip_prefix(".").unwrap_or(e.path());
                    out.push(Input {
                        key: shown.to_owned(),
                        kind: InputKind::Path {
                            path: e.path().to_owned(),
                            shown: shown.to_owned(),
                            display: self::shown(shown),
                        },
                    });
                }
            }
            Ok(_) => {}
            Err(e) => {
                let (at, message) = walk_error(&e);
                let at = at.unwrap_or_else(|| root.to_owned());
                let at_display = if at == root { display.to_owned() } else { self::shown(&at) };
                out.push(Input { key: at, kind: InputKind::Error(FileError::other(&at_display, message)) });
            }
        }
    }
}

/// Where a walk failed, and why in words: a loop names the directory it leads back to.
fn walk_error(e: &ignore::Error) -> (Option<PathBuf>, String) {
    match e {
        ignore::Error::WithPath { path, err } => (Some(path.clone()), walk_error(err).1),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error(err),
        ignore::Error::Loop { ancestor, child } => {
            (Some(child.clone()), format!("symbolic link loop (back to {}); not followed", self::shown(ancestor)))
        }
        ignore::Error::Io(io) => {
            let message = FileError::io("", std::io::Error::new(io.kind(), io.to_string())).reason();
            (None, message)
        }
        ignore::Error::Partial(errs) => errs.first().map_or((None, e.to_string()), walk_error),
        other => (None, other.to_string()),
    }
}

/// The subcommand a missing first path was probably meant to be (`explian` → `explain`): a bare
/// word, first on the command line, within two edits of a command's name.
fn command_like(p: &Path, paths: &[PathBuf]) -> Option<&'static str> {
    const COMMANDS: [&str; 8] = ["check", "figures", "rules", "explain", "init", "completions", "man", "server"];
    let word =
        p.to_str().filter(|w| paths.first().is_some_and(|f| f == p) && w.chars().all(|c| c.is_ascii_alphabetic()))?;
    COMMANDS
        .iter()
        .map(|c| (strsim::levenshtein(&word.to_ascii_lowercase(), c), *c))
        .min()
        .filter(|&(d, _)| d <= 2)
        .map(|(_, c)| c)
}

/// A path for a message: control characters and undecodable bytes escaped.
fn shown(p: &Path) -> String {
    source::escape_name(&source::path_bytes(p))
}

/// Configuration per directory, resolved once.
struct Configs {
    settings: Settings,
    builtin: Layer,
    explicit: Option<Layer>,
    cache: HashMap<Option<PathBuf>, Result<Arc<Resolved>, String>>,
}

impl Configs {
    fn new(settings: &Settings) -> Result<Configs, ConfigError> {
        let builtin = Layer::builtin()?;
        let explicit = settings.config.as_deref().map(Layer::load).transpose()?;
        Ok(Configs { settings: settings.clone(), builtin, explicit, cache: HashMap::new() })
    }

    /// The layers that apply in `dir`, lowest first.
    fn layers(&self, dir: &Path) -> Result<Vec<Layer>, ConfigError> {
        let found = if self.explicit.is_some() { None } else { config::discover(dir) };
        let mut layers = vec![self.builtin.clone()];
        if let Some(p) = found {
            layers.push(Layer::load(&p)?);
        }
        layers.extend(self.explicit.clone());
        layers.push(self.settings.cli_layer.clone());
        Ok(layers)
    }

    /// The resolved configuration for a paper in `dir`. A broken `policy-lint.toml` is reported
    /// once (its rendered error is pushed on first use).
    fn for_dir(&mut self, dir: &Path, errors: &mut Vec<String>) -> Option<Arc<Resolved>> {
        let found = if self.explicit.is_some() { None } else { config::discover(dir) };
        if !self.cache.contains_key(&found) {
            let render =
                |e: ConfigError| human::render_error(&e, human::Style { color: self.settings.color, width: 100 });
            let resolved = self.layers(dir).and_then(|layers| config::resolve(&layers)).map(Arc::new).map_err(render);
            if let Err(e) = &resolved {
                errors.push(e.clone());
            }
            self.cache.insert(found.clone(), resolved);
        }
        self.cache.get(&found).and_then(|r| r.as_ref().ok()).cloned()
    }
}

fn read_input(
    input: &InputKind,
    stdin: Option<&Result<Vec<u8>, String>>,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Source, FileError> {
    match input {
        InputKind::Stdin { name } => {
            let display = name.as_deref().map_or_else(|| "<stdin>".to_owned(), shown);
            match stdin {
                Some(Ok(bytes)) => match name {
                    Some(n) => crate::read::read_bytes(&display, bytes, encoding).map(|s| s.with_path_name(n)),
                    None => crate::read::read_bytes("<stdin>", bytes, encoding),
                }
                .map_err(|e| FileError::read(&display, e)),
                Some(Err(e)) => Err(FileError::other(&display, e.clone())),
                None => Err(FileError::other(&display, "standard input was not read")),
            }
        }
        InputKind::Path { path, shown, display } => {
            let meta = std::fs::metadata(path).map_err(|e| FileError::io(display, e))?;
            if !meta.is_file() {
                return Err(FileError::other(display, "not a regular file"));
            }
            source::read_path(path, shown, encoding)
        }
        InputKind::Error(e) => Err(FileError::other(e.path(), e.to_string())),
    }
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).map_err(|e| FileError::io("<stdin>", e).to_string())?;
    Ok(bytes)
}

fn cwd() -> PathBuf {
    std::env::current_dir().unwrap_or_default()
}

fn dir_of(input: &InputKind) -> PathBuf {
    match input {
        InputKind::Path { path, .. } | InputKind::Stdin { name: Some(path) } => {
            let abs = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            abs.parent().map(Path::to_owned).unwrap_or_default()
        }
        _ => cwd(),
    }
}

/// Write to standard output. A closed pipe is quiet (whoever read the report stopped reading);
/// any other failure loses the report, so it is said on standard error and the run exits 2.
fn emit(s: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprint_message(&format!("cannot write the report to standard output: {e}"));
            Err(ExitCode::from(2))
        }
    }
}

/// [`emit`], then exit with `code` unless the writing failed.
fn emit_then(s: &str, code: ExitCode) -> ExitCode {
    emit(s).err().unwrap_or(code)
}

fn eprint_error(e: &dyn miette::Diagnostic, color: bool) {
    let s = human::render_error(e, human::Style { color, width: 100 });
    let _ = std::io::stderr().write_all(s.as_bytes());
}

fn eprint_message(message: &str) {
    let _ = writeln!(std::io::stderr(), "error: {message}");
}

/// Parse arguments and run. The whole exit policy is here: 0 clean, 1 findings at or above
/// `fail-on` (unless `exit-zero`), 2 whenever policy-lint could not do its whole job.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(args)) => check_or_watch(&args),
        None => check_or_watch(&cli.check),
        Some(Command::Figures(args)) => figures(&args),
        Some(Command::Rules { format }) => list_rules(format),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Init { dir }) => init(&dir),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Man) => man(),
        Some(Command::Server(args)) => server(&args),
    }
}

/// A paper that was read and linted.
struct Linted {
    source: Source,
    outcome: Outcome,
    resolved: Arc<Resolved>,
    /// The absolute path it is known by (`--stdin-filename`'s for standard input).
    path: Option<PathBuf>,
    /// The file it was read from, as given: `None` for standard input (never written by `--fix`).
    file: Option<PathBuf>,
}

/// One paper's result, in the run's order.
enum FileResult {
    Linted(Box<Linted>),
    /// The message for standard error, and the file as machine formats account for it.
    Failed(String, output::Unread),
    /// Its configuration could not be read (already reported once).
    NoConfig,
}

fn lint_one(
    input: &Input,
    resolved: Option<Arc<Resolved>>,
    stdin: Option<&Result<Vec<u8>, String>>,
    date: Option<jiff::civil::Date>,
    color: bool,
    encoding: Option<&'static encoding_rs::Encoding>,
    checks: bool,
) -> FileResult {
    let failed = |e: &FileError| {
        let path_bytes = match &input.kind {
            InputKind::Path { shown, .. } | InputKind::Stdin { name: Some(shown) } => {
                source::path_bytes(shown).into_owned()
            }
            _ => e.path().as_bytes().to_vec(),
        };
        let unread = output::Unread {
            path: String::from_utf8_lossy(&path_bytes).into_owned(),
            path_bytes,
            display: e.path().to_owned(),
            reason: e.reason(),
        };
        FileResult::Failed(human::render_error(e, human::Style { color, width: 100 }), unread)
    };
    if let InputKind::Error(e) = &input.kind {
        return failed(e);
    }
    let Some(resolved) = resolved else { return FileResult::NoConfig };
    match read_input(&input.kind, stdin, encoding) {
        Ok(source) => {
            let path = match &input.kind {
                InputKind::Path { path, .. } | InputKind::Stdin { name: Some(path) } => {
                    Some(std::path::absolute(path).unwrap_or_else(|_| path.clone()))
                }
                _ => None,
            };
            let opts = LintOptions { date, markdown: lint::is_markdown(source.name()), checks };
            let outcome = lint::lint_at(&source, &resolved, &opts, path.as_deref());
            let file = match &input.kind {
                InputKind::Path { path, .. } => Some(path.clone()),
                _ => None,
            };
            FileResult::Linted(Box::new(Linted { source, outcome, resolved, path, file }))
        }
        Err(e) => failed(&e),
    }
}

fn progress(n: usize) -> indicatif::ProgressBar {
    if n >= 20 && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::with_draw_target(Some(n as u64), indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} papers {wide_msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    }
}

/// A run, or with `--watch` a run after every change until the process is stopped.
fn check_or_watch(args: &CheckArgs) -> ExitCode {
    if !args.watch {
        return check(args);
    }
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        eprint_message("--watch needs files or directories to watch, not standard input");
        return ExitCode::from(2);
    }
    let skip: Vec<PathBuf> = args.output_file.iter().cloned().collect();
    let why = crate::watch::watch(&args.paths, &skip, || {
        let _ = check(args);
    });
    eprint_message(&why);
    ExitCode::from(2)
}

fn check(args: &CheckArgs) -> ExitCode {
    let settings = match args.common.settings(args.lint_table()) {
        Ok(s) => s,
        Err(e) => {
            eprint_error(&e, false);
            return ExitCode::from(2);
        }
    };
    let mut configs = match Configs::new(&settings) {
        Ok(c) => c,
        Err(e) => {
            eprint_error(&e, settings.color);
            return ExitCode::from(2);
        }
    };
    if args.print_config {
        let dir = args.paths.first().filter(|p| p.as_os_str() != "-").map_or_else(cwd, |p| {
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            if abs.is_dir() { abs } else { abs.parent().map(Path::to_owned).unwrap_or_else(cwd) }
        });
        return match configs.layers(&dir).and_then(|l| config::resolve(&l).map(|_| l)) {
            Ok(layers) => emit_then(&config::print_config(&layers), ExitCode::SUCCESS),
            Err(e) => {
                eprint_error(&e, settings.color);
                ExitCode::from(2)
            }
        };
    }

    // Run-wide settings come from the configuration of the current directory.
    let mut config_errors = Vec::new();
    let Some(run) = configs.for_dir(&cwd(), &mut config_errors) else {
        for e in &config_errors {
            let _ = std::io::stderr().write_all(e.as_bytes());
        }
        return ExitCode::from(2);
    };
    let walk = match (
        config::Globs::any_case(run.include.iter().map(String::as_str)),
        config::Globs::new(run.exclude.iter().map(String::as_str)),
    ) {
        (Ok(include), Ok(exclude)) => WalkOptions { include, exclude, follow_links: args.follow_links },
        (Err(e), _) | (_, Err(e)) => {
            eprint_message(&e);
            return ExitCode::from(2);
        }
    };
    let baseline = match &args.baseline {
        Some(p) => match Baseline::load(p) {
            Ok(b) => Some(baseline::Matcher::new(p, &b)),
            Err(e) => {
                eprint_message(&e);
                return ExitCode::from(2);
            }
        },
        None => None,
    };

    let inputs = collect(&args.paths, &walk, args.stdin_filename.as_deref());
    if args.show_files {
        let mut list = String::new();
        let mut unlisted = false;
        for i in &inputs {
            match &i.kind {
                InputKind::Path { display, .. } => list.push_str(&format!("{display}\n")),
                InputKind::Stdin { name } => {
                    list.push_str(&format!("{}\n", name.as_deref().map_or_else(|| "-".to_owned(), shown)));
                }
                InputKind::Error(e) => {
                    eprint_error(e, settings.color);
                    unlisted = true;
                }
            }
        }
        return emit_then(&list, if unlisted { ExitCode::from(2) } else { ExitCode::SUCCESS });
    }
    let stdin = inputs.iter().any(|i| matches!(i.kind, InputKind::Stdin { .. })).then(read_stdin);
    let jobs: Vec<(&Input, Option<Arc<Resolved>>)> = inputs
        .iter()
        .map(|i| {
            let r = match i.kind {
                InputKind::Error(_) => None,
                _ => configs.for_dir(&dir_of(&i.kind), &mut config_errors),
            };
            (i, r)
        })
        .collect();
    // The HTML page marks every figure by how the checks judged it, so it needs them all kept.
    let html = args.format == Format::Html && !args.statistics && !args.diff;
    let one = |input: &Input, resolved: &Option<Arc<Resolved>>| {
        lint_one(input, resolved.clone(), stdin.as_ref(), settings.date, settings.color, settings.encoding, html)
    };
    let bar = if args.quiet { indicatif::ProgressBar::hidden() } else { progress(jobs.len()) };
    let work = || -> Vec<FileResult> {
        jobs.par_iter()
            .map(|(input, resolved)| {
                let r = one(input, resolved);
                bar.inc(1);
                r
            })
            .collect()
    };
    // One paper is one unit of work: starting a thread pool for it would cost more than it saves.
    let results = if jobs.len() <= 1 {
        jobs.iter().map(|(input, resolved)| one(input, resolved)).collect()
    } else {
        match rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build() {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        }
    };
    bar.finish_and_clear();

    // Everything from here is serial, in the run's order.
    for e in &config_errors {
        let _ = std::io::stderr().write_all(e.as_bytes());
    }
    let mut unread: Vec<output::Unread> = Vec::new();
    let mut no_config = 0usize;
    let mut broken_suppressions = 0usize;
    let mut suppressed = 0usize;
    let mut papers: Vec<(Source, Vec<Diagnostic>)> = Vec::new();
    // What the parser read of each linted paper and the relations compared, by index in
    // `papers`: kept only for the HTML page.
    let mut readings: Vec<(crate::document::Document, Vec<crate::rules::Check>)> = Vec::new();
    // The path each linted paper was read from (`None` for standard input), by index in `papers`.
    let mut paths: Vec<Option<PathBuf>> = Vec::new();
    // Every [[ignore]] entry seen: (entry, judged somewhere, used somewhere).
    let mut ignores: Vec<(config::IgnoreEntry, bool, bool)> = Vec::new();
    let mut unused_severity = None;
    for r in results {
        match r {
            FileResult::Failed(e, u) => {
                let _ = std::io::stderr().write_all(e.as_bytes());
                unread.push(u);
            }
            FileResult::NoConfig => no_config += 1,
            FileResult::Linted(linted) => {
                let Linted { source, outcome, resolved, path, file } = *linted;
                for e in &outcome.errors {
                    eprint_error(e, settings.color);
                }
                // The file was read and linted; a comment it holds could not be: still exit 2.
                broken_suppressions += outcome.errors.len();
                suppressed += outcome.suppressed;
                unused_severity = unused_severity.or(resolved.unused_suppression);
                for e in &resolved.ignores {
                    let key = e.key();
                    let judged = resolved.runs(e.rule.get_ref()) && suppress::entry_applies(e, path.as_deref());
                    let used = outcome.used_ignores.contains(&key);
                    match ignores.iter_mut().find(|(x, _, _)| x.key() == key) {
                        Some(slot) => {
                            slot.1 |= judged;
                            slot.2 |= used;
                        }
                        None => ignores.push((e.clone(), judged, used)),
                    }
                }
                paths.push(file);
                if html {
                    readings.push((outcome.document, outcome.checks));
                }
                papers.push((source, outcome.diagnostics));
            }
        }
    }
    let failed = unread.len() + no_config;
    let linted = papers.len();
    papers.extend(suppress::unused_ignores(&ignores, unused_severity));

    if let Some(path) = &args.write_baseline {
        let reports: Vec<FileReport> = papers.iter().map(|(s, d)| FileReport { source: s, diagnostics: d }).collect();
        let b = Baseline::record(path, &reports);
        let n: usize = b.findings.iter().map(|e| e.count).sum();
        if let Err(e) = std::fs::write(path, b.to_json()) {
            eprint_message(&format!("cannot write the baseline {}: {e}", path.display()));
            return ExitCode::from(2);
        }
        if !args.quiet {
            let plural = if n == 1 { "" } else { "s" };
            let _ = writeln!(std::io::stderr(), "Recorded {n} finding{plural} in {}.", path.display());
        }
        return if failed + broken_suppressions > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS };
    }
    let mut baselined = 0usize;
    if let Some(mut m) = baseline {
        for (source, diags) in &mut papers {
            let before = diags.len();
            diags.retain(|d| m.is_new(source, d));
            baselined += before - diags.len();
        }
    }

    // Fixes: after the baseline, so that an accepted finding is never fixed.
    let mut fix_failures = 0usize;
    let mut diffs = String::new();
    if args.fix || args.diff {
        let (fixed, files, failures) = apply_fixes(&mut papers[..linted], &paths, args, &mut diffs);
        fix_failures = failures;
        if !args.quiet && fixed > 0 {
            let (n, f) = (fixed, files);
            let verb = if args.diff { "Would fix" } else { "Fixed" };
            let findings = if n == 1 { "finding" } else { "findings" };
            let papers = if f == 1 { "paper" } else { "papers" };
            let _ = writeln!(std::io::stderr(), "{verb} {n} {findings} in {f} {papers}.");
        }
    }
    let failed = failed + fix_failures;

    let mut summary = Summary { failed, ..Summary::default() };
    for (i, (_, d)) in papers.iter().enumerate() {
        if i < linted {
            summary.add(d);
        } else {
            // A configuration file's findings count, the file does not.
            summary.add(d);
            summary.files -= 1;
        }
    }
    let reports: Vec<FileReport> = papers.iter().map(|(s, d)| FileReport { source: s, diagnostics: d }).collect();
    let color = settings.color && args.output_file.is_none();
    let text = match args.format {
        _ if args.diff => diffs.clone(),
        _ if args.statistics => match args.format {
            Format::Json => output::statistics::render_json(&reports) + "\n",
            _ => output::statistics::render_text(&reports),
        },
        Format::Json => output::json::render(&reports, &unread, &summary) + "\n",
        Format::Concise => output::concise::render(&reports, &unread),
        Format::Sarif => output::sarif::render(&reports, &unread) + "\n",
        Format::Github => output::github::render(&reports, &unread),
        Format::Junit => output::junit::render(&reports, &unread, &summary),
        Format::Gitlab => output::gitlab::render(&reports, &unread) + "\n",
        Format::Html => {
            let pages: Vec<output::html::Paper> = papers
                .iter()
                .enumerate()
                .map(|(i, (s, d))| output::html::Paper {
                    source: s,
                    diagnostics: d,
                    reading: readings.get(i).map(|(doc, checks)| (doc, checks.as_slice())),
                })
                .collect();
            output::html::render(&pages, &unread, &summary)
        }
        Format::Human if args.quiet => human_findings(&reports, color),
        Format::Human => human_report(&reports, &summary, color, suppressed, baselined),
    };
    match &args.output_file {
        Some(p) => {
            if let Err(e) = std::fs::write(p, &text) {
                eprint_message(&format!("cannot write the report to {}: {e}", shown(p)));
                return ExitCode::from(2);
            }
        }
        None => {
            if let Err(code) = emit(&text) {
                return code;
            }
        }
    }
    let failing = papers.iter().flat_map(|(_, d)| d).filter(|d| d.severity >= run.fail_on).count();
    if args.diff {
        // As `ruff --diff`: 1 when there is something to fix, whatever else was found.
        return if failed + broken_suppressions > 0 {
            ExitCode::from(2)
        } else if diffs.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
    }
    if failed + broken_suppressions > 0 {
        ExitCode::from(2)
    } else if failing > 0 && !run.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Every finding drawn, without the closing summary (all of `--quiet`'s human report).
fn human_findings(reports: &[FileReport], color: bool) -> String {
    let style = human::Style { color, width: 100 };
    // Rendering is most of the work for a directory of short papers: each file's report is drawn
    // on its own thread, then joined in order.
    let one = |r: &FileReport| {
        let mut one = String::new();
        human::render_file(r, style, &mut one);
        one
    };
    if reports.len() <= 1 {
        reports.iter().map(one).collect()
    } else {
        reports.par_iter().map(one).collect::<Vec<_>>().concat()
    }
}

/// Apply the fixes of each paper's findings: write the papers (`--fix`) or add their diffs to
/// `diffs` (`--diff`). A fixed finding leaves the report; the others are reported as read.
/// Returns (findings fixed, papers fixed, papers that could not be written).
fn apply_fixes(
    papers: &mut [(Source, Vec<Diagnostic>)],
    paths: &[Option<PathBuf>],
    args: &CheckArgs,
    diffs: &mut String,
) -> (usize, usize, usize) {
    let (mut fixed, mut files, mut failures) = (0, 0, 0);
    for ((source, diags), path) in papers.iter_mut().zip(paths) {
        let (new, done) = crate::fix::apply(source.text(), diags, args.unsafe_fixes);
        if done.is_empty() {
            continue;
        }
        if args.diff {
            diffs.push_str(&crate::fix::diff(&source.display_name(), source.text(), &new));
        } else {
            let written = match path {
                Some(p) => crate::fix::write(source, p, &new),
                None => Err(crate::fix::refusal(source, None).unwrap_or_default()),
            };
            if let Err(why) = written {
                eprint_message(&format!("cannot fix {}: {why}", source.display_name()));
                failures += 1;
                continue;
            }
        }
        fixed += done.len();
        files += 1;
        let mut i = 0;
        diags.retain(|_| {
            i += 1;
            done.binary_search(&(i - 1)).is_err()
        });
    }
    (fixed, files, failures)
}

fn human_report(reports: &[FileReport], summary: &Summary, color: bool, suppressed: usize, baselined: usize) -> String {
    let mut s = human_findings(reports, color);
    if summary.findings() == 0 {
        let files = if summary.files == 1 { "1 file".to_owned() } else { format!("{} files", summary.files) };
        let unread = match summary.failed {
            0 => String::new(),
            1 => "; 1 could not be read".to_owned(),
            n => format!("; {n} could not be read"),
        };
        s.push_str(&format!("No problems found in {files}{unread}"));
    } else {
        s.push_str(&format!("Found {summary}"));
    }
    let mut hidden = Vec::new();
    if suppressed > 0 {
        hidden.push(format!("{suppressed} suppressed"));
    }
    if baselined > 0 {
        hidden.push(format!("{baselined} in the baseline"));
    }
    if !hidden.is_empty() {
        s.push_str(&format!(" ({} not shown)", hidden.join(", ")));
    }
    s.push_str(".\n");
    s.push_str(&fixable_line(reports));
    s
}

/// `[*] 1 fixable with --fix (1 more with --unsafe-fixes).`, as ruff closes its report; empty
/// when nothing is.
fn fixable_line(reports: &[FileReport]) -> String {
    use crate::diagnostic::Applicability;
    let count = |a: Applicability| {
        reports
            .iter()
            .flat_map(|r| r.diagnostics)
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == a))
            .count()
    };
    match (count(Applicability::Safe), count(Applicability::Unsafe)) {
        (0, 0) => String::new(),
        (0, u) => format!("[*] {u} fixable with `--fix --unsafe-fixes`.\n"),
        (n, 0) => format!("[*] {n} fixable with `--fix`.\n"),
        (n, u) => format!("[*] {n} fixable with `--fix` ({u} more with `--unsafe-fixes`).\n"),
    }
}

/// The settings and configurations of a command that reads papers one at a time; an error is
/// reported, and the command exits 2.
fn one_paper_settings(common: &CommonArgs) -> Result<(Settings, Configs), ExitCode> {
    let settings = common.settings(toml::Table::new()).map_err(|e| {
        eprint_error(&e, false);
        ExitCode::from(2)
    })?;
    let configs = Configs::new(&settings).map_err(|e| {
        eprint_error(&e, settings.color);
        ExitCode::from(2)
    })?;
    Ok((settings, configs))
}

fn figures(args: &FiguresArgs) -> ExitCode {
    let (settings, mut configs) = match one_paper_settings(&args.common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let input = if args.path.as_os_str() == "-" {
        InputKind::Stdin { name: None }
    } else {
        let display = shown(&args.path);
        match std::fs::metadata(&args.path) {
            Err(e) => InputKind::Error(FileError::io(&display, e)),
            Ok(_) => InputKind::Path { path: args.path.clone(), shown: args.path.clone(), display },
        }
    };
    if let InputKind::Error(e) = &input {
        eprint_error(e, settings.color);
        return ExitCode::from(2);
    }
    let mut errors = Vec::new();
    let Some(resolved) = configs.for_dir(&dir_of(&input), &mut errors) else {
        for e in &errors {
            let _ = std::io::stderr().write_all(e.as_bytes());
        }
        return ExitCode::from(2);
    };
    let stdin = matches!(input, InputKind::Stdin { .. }).then(read_stdin);
    let src = match read_input(&input, stdin.as_ref(), settings.encoding) {
        Ok(s) => s,
        Err(e) => {
            eprint_error(&e, settings.color);
            return ExitCode::from(2);
        }
    };
    let opts = LintOptions { date: settings.date, markdown: lint::is_markdown(src.name()), checks: true };
    let o = lint::lint(&src, &resolved, &opts);
    let text = match args.format {
        FiguresFormat::Table => output::figures::render_table(&src, &o.document, &o.checks),
        FiguresFormat::Json => output::figures::render_json(&src, &o.document, &o.checks) + "\n",
    };
    emit_then(&text, ExitCode::SUCCESS)
}

/// `policy-lint server`: exits 0 after the client's `shutdown` and `exit`, 1 on an `exit`
/// without `shutdown` (as the protocol asks), 2 when the connection failed.
fn server(args: &ServerArgs) -> ExitCode {
    let (settings, mut configs) = match one_paper_settings(&args.common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut resolve = |dir: &Path| {
        let mut errors = Vec::new();
        configs.for_dir(dir, &mut errors).ok_or_else(|| errors.concat())
    };
    match crate::server::run_stdio(&mut resolve, &crate::server::Options { date: settings.date }) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprint_message(&format!("language server: {e}"));
            ExitCode::from(2)
        }
    }
}

fn list_rules(format: RulesFormat) -> ExitCode {
    let text = match format {
        RulesFormat::Table => output::rules::render_table(),
        RulesFormat::Json => output::rules::render_json() + "\n",
    };
    emit_then(&text, ExitCode::SUCCESS)
}

fn explain(name: &str) -> ExitCode {
    if name == UNUSED_SUPPRESSION {
        let group = rules::Group::Suppressions.as_str();
        return emit_then(
            &format!("# {name}\n\ngroup: {group}, default level: warning\n\n{}", suppress::DOC),
            ExitCode::SUCCESS,
        );
    }
    if let Some(group) = rules::Group::from_name(name) {
        return emit_then(&output::rules::render_group(group), ExitCode::SUCCESS);
    }
    match rules::find(name) {
        Some(r) => {
            let fix = match r.fix {
                Some(crate::diagnostic::Applicability::Safe) => ", fix: safe (`--fix`)",
                Some(crate::diagnostic::Applicability::Unsafe) => ", fix: unsafe (`--fix --unsafe-fixes`)",
                None => "",
            };
            let doc = format!(
                "# {}\n\ngroup: {}, default level: {}{fix}\n\n{}",
                r.name,
                r.group.as_str(),
                r.default_level().as_str(),
                r.markdown()
            );
            emit_then(&doc, ExitCode::SUCCESS)
        }
        None => {
            if let Err(e) = config::check_selector(name, &Origin::CommandLine, None, None) {
                eprint_error(&e, false);
            }
            ExitCode::from(2)
        }
    }
}

/// `policy-lint completions SHELL`: the script clap_complete generates from these very types.
fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "policy-lint", &mut out);
    emit_then(&String::from_utf8_lossy(&out), ExitCode::SUCCESS)
}

/// `policy-lint man`: the manual page clap_mangen generates from these very types.
fn man() -> ExitCode {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out) {
        eprint_message(&format!("cannot render the manual page: {e}"));
        return ExitCode::from(2);
    }
    emit_then(&String::from_utf8_lossy(&out), ExitCode::SUCCESS)
}

/// The commented `policy-lint.toml` that `init` writes: every setting, at its default, commented
/// out, generated from the same sources as the built-in layer.
pub fn init_template() -> String {
    let comment = |text: &str| -> String {
        text.lines().map(|l| if l.is_empty() { "#\n".to_owned() } else { format!("# {l}\n") }).collect()
    };
    let mut s = String::from(
        "# policy-lint configuration, found from each paper's directory upward.\n\
         # Every setting is optional; the commented values are the built-in defaults.\n\
         # `policy-lint --print-config` shows the merged configuration and where each value came from,\n\
         # `policy-lint rules` lists the rules, `policy-lint explain RULE` documents one.\n\n\
         [document]\n\
         # The paper's own date, when its header does not state it (YYYY-MM-DD).\n\
         # date = \"2020-06-01\"\n\n\
         [lint]\n\
         # Run only these rules; run these as well as the default set; never run these.\n\
         # select = [\"percent-change\", \"numbering\"]\n\
         # extend-select = []\n\
         # ignore = []\n\
         #\n\
         # These four apply to the whole run, read from the current directory's configuration.\n\
         # Exit 1 when a finding at or above this severity is reported: error, warning or info.\n\
         # fail-on = \"warning\"\n\
         # Never exit 1 because of findings (2 still means policy-lint could not do its job).\n\
         # exit-zero = false\n\
         # Which files a directory walk lints, and which it skips. A glob without `/` matches a file\n\
         # or directory name anywhere; one with `/` matches the path below the directory walked.\n\
         # include = [\"*.txt\", \"*.md\", \"*.markdown\", \"*.html\", \"*.htm\", \"*.docx\", \"*.pdf\"]\n\
         # exclude = []\n",
    );
    for r in rules::registry() {
        s.push('\n');
        s.push_str(&wrap(&format!("{} ({}): {}", r.name, r.group.as_str(), rules::summary_of(r.doc)), "# ", 96));
        s.push_str(&format!("# [{}]\n", r.name));
        // The file's opening comment (`# percent-change: …`, however many lines it runs to) says
        // what the rule is for; the line above, from the rule's doc, says that here.
        let defaults: String = r
            .defaults
            .lines()
            .skip_while(|l| l.starts_with('#'))
            .map(|l| {
                // A sub-table of the rule's defaults (`[prefer]`) lives under the rule's table in a
                // project file (`[term-consistency.prefer]`).
                match l.strip_prefix('[').filter(|rest| !rest.starts_with('[')) {
                    Some(rest) => format!("[{}.{rest}\n", r.name),
                    None => format!("{l}\n"),
                }
            })
            .collect();
        s.push_str(&comment(defaults.trim_end()));
    }
    s.push_str(
        "\n# Accepted findings. `rule` and `text` (what the finding underlines, whitespace ignored, or a\n\
         # longer piece of its line) are required; `file` is a glob relative to this file's directory.\n\
         # An entry that hides nothing is reported as `unused-suppression`. In Markdown papers a\n\
         # comment does the same: <!-- policy-lint-disable-next-line percent-change -- reason -->\n\
         # [[ignore]]\n\
         # rule = \"percent-change\"\n\
         # text = \"60 %\"\n\
         # file = \"papers/fintech-2020.txt\"\n\
         # reason = \"the paper's own rounding; agreed with the author\"\n",
    );
    s
}

/// `text` wrapped at `width` characters, each line starting with `prefix`.
fn wrap(text: &str, prefix: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && prefix.len() + line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&format!("{prefix}{line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(&format!("{prefix}{line}\n"));
    }
    out
}

fn init(dir: &Path) -> ExitCode {
    let path = dir.join(config::FILE_NAME);
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
    match file {
        Ok(mut f) => match f.write_all(init_template().as_bytes()) {
            Ok(()) => {
                let _ = writeln!(std::io::stderr(), "Wrote {}.", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprint_message(&format!("cannot write {}: {e}", path.display()));
                ExitCode::from(2)
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprint_message(&format!("{} already exists; not overwriting it", path.display()));
            ExitCode::from(2)
        }
        Err(e) => {
            eprint_message(&format!("cannot write {}: {e}", path.display()));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_template_shows_every_builtin_lint_default() {
        let t = init_template();
        for line in config::BUILTIN_LINT.lines() {
            assert!(t.contains(&format!("# {line}\n")), "{line} is not in the template");
        }
    }

    /// The template with every setting uncommented: each rule section's body (from its `# [name]`
    /// line to the blank line that ends it) and the `[lint]` and `[document]` values.
    fn uncommented(t: &str) -> String {
        let mut out = String::new();
        let mut in_section = false;
        for line in t.lines() {
            if line.starts_with("# [") {
                in_section = true;
            }
            if line.is_empty() {
                in_section = false;
            }
            let setting = line.starts_with("# ") && line[2..].contains(" = ") && !line.starts_with("# # ");
            if in_section || setting || line.starts_with('[') {
                let l = line.strip_prefix("# ").or_else(|| line.strip_prefix('#')).unwrap_or(line);
                out.push_str(l);
                out.push('\n');
            }
        }
        out
    }

    #[test]
    fn init_template_parses_as_configuration_commented_and_uncommented() {
        let t = init_template();
        Layer::parse(Origin::CommandLine, t.clone()).unwrap();
        let u = uncommented(&t);
        let layer = Layer::parse(Origin::CommandLine, u.clone()).unwrap_or_else(|e| panic!("{e:?}\n{u}"));
        for r in rules::registry() {
            assert!(u.contains(&format!("\n[{}]\n", r.name)), "{} has no section", r.name);
        }
        config::resolve(&[Layer::builtin().unwrap(), layer]).unwrap();
    }

    #[test]
    fn init_template_comments_are_whole() {
        let t = init_template();
        for r in rules::registry() {
            // The heading is the doc's summary, whole.
            let heading = wrap(&format!("{} ({}): {}", r.name, r.group.as_str(), rules::summary_of(r.doc)), "# ", 96);
            assert!(t.contains(&format!("{heading}# [{}]\n", r.name)), "{} has no whole heading", r.name);
        }
        // Every comment paragraph (a run of `# # ` lines) begins a sentence, or quotes code: none
        // is the tail of a comment whose first line was lost, as `# # period is the parser's
        // vocabulary` was.
        let mut previous = "";
        for line in t.lines() {
            if let Some(body) = line.strip_prefix("# # ").filter(|_| !previous.starts_with("# # ")) {
                assert!(!body.starts_with(|c: char| c.is_ascii_lowercase()), "a comment starts mid-sentence: {line:?}");
            }
            previous = line;
        }
    }

    #[test]
    fn wrap_keeps_words_whole() {
        assert_eq!(wrap("aa bb cc", "# ", 7), "# aa bb\n# cc\n");
    }
}
