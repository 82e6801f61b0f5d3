//! The command line: clap types, turned into [`Settings`] here and nowhere else, and the run.

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use toml::Spanned;

use crate::config::{self, ConfigError, ConfigFile, Layer, LintSection, Origin, Resolved};
use crate::error::FileError;
use crate::lint::{self, LintOptions, Outcome};
use crate::output::{self, FileReport, Summary, human};
use crate::rules;
use crate::source::{self, Source};

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
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// The rule's name, e.g. `percent-change`.
        rule: String,
    },
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Annotated snippets for people (miette).
    #[default]
    Human,
    /// Version-1 JSON for tools.
    Json,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum FiguresFormat {
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

/// Options shared by every command that reads papers.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// Use this configuration file on top of any `policy-lint.toml` found upward from the paper.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The paper's own date (YYYY-MM-DD), overriding its header and the configuration.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Run only these rules (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Do not run these rules (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Option<Vec<String>>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files or directories to lint; `-` reads standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
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

/// Validated settings: nothing past this point sees clap.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config: Option<PathBuf>,
    pub date: Option<jiff::civil::Date>,
    /// The command-line layer (rule selection).
    pub cli_layer: ConfigFile,
    pub color: bool,
}

impl CommonArgs {
    fn settings(&self) -> Result<Settings, ConfigError> {
        let date = self.date.as_deref().map(config::parse_date).transpose().map_err(|message| {
            ConfigError::Invalid { path: "--date".into(), message, src: None, span: None, label: String::new() }
        })?;
        let names = |v: &Option<Vec<String>>| -> Result<Option<Vec<Spanned<String>>>, ConfigError> {
            let Some(v) = v else { return Ok(None) };
            let mut out = Vec::new();
            for n in v {
                let n = n.trim();
                config::check_rule_name(n, &Origin::CommandLine, None, None)?;
                out.push(Spanned::new(0..0, n.to_owned()));
            }
            Ok(Some(out))
        };
        let lint = LintSection { select: names(&self.select)?, extend_select: None, ignore: names(&self.ignore)? };
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Ok(Settings {
            config: self.config.clone(),
            date,
            cli_layer: ConfigFile { lint: Some(lint), ..Default::default() },
            color,
        })
    }
}

/// One file to lint, or one that could not even be listed.
enum Input {
    Path { path: PathBuf, display: String },
    Stdin,
    Error(FileError),
}

/// Expand the given paths: files as given, directories walked (sorted; `.txt` and `.md`;
/// hidden entries skipped; symlinks not followed).
fn collect(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let display = p.display().to_string();
        match std::fs::metadata(p) {
            Err(e) => out.push(Input::Error(FileError::io(&display, e))),
            Ok(m) if m.is_dir() => {
                let walker = walkdir::WalkDir::new(p)
                    .follow_links(false)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_file() && has_paper_extension(e.path()) => {
                            out.push(Input::Path {
                                path: e.path().to_owned(),
                                display: e.path().display().to_string(),
                            });
                        }
                        Ok(_) => {}
                        Err(e) => {
                            let at = e.path().map_or(display.clone(), |p| p.display().to_string());
                            let message = e.io_error().map_or_else(
                                || e.to_string(),
                                |io| FileError::io(&at, std::io::Error::new(io.kind(), io.to_string())).to_string(),
                            );
                            out.push(Input::Error(FileError::other(
                                &at,
                                message.trim_start_matches(&format!("{at}: ")).to_owned(),
                            )));
                        }
                    }
                }
            }
            Ok(_) => out.push(Input::Path { path: p.clone(), display }),
        }
    }
    out
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.') && s != "." && s != "..")
}

fn has_paper_extension(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
        Some("txt" | "md" | "markdown")
    )
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

    /// The resolved configuration for a paper in `dir`. A broken `policy-lint.toml` is reported
    /// once (its rendered error is returned on first use, an empty string after).
    fn for_dir(&mut self, dir: &Path, errors: &mut Vec<String>) -> Option<Arc<Resolved>> {
        let found = if self.explicit.is_some() { None } else { config::discover(dir) };
        if !self.cache.contains_key(&found) {
            let resolved = self.resolve(found.as_deref());
            if let Err(e) = &resolved {
                errors.push(e.clone());
            }
            self.cache.insert(found.clone(), resolved);
        }
        self.cache.get(&found).and_then(|r| r.as_ref().ok()).cloned()
    }

    fn resolve(&self, found: Option<&Path>) -> Result<Arc<Resolved>, String> {
        let render = |e: ConfigError| human::render_error(&e, human::Style { color: self.settings.color, width: 100 });
        let mut layers = vec![self.builtin.clone()];
        if let Some(p) = found {
            layers.push(Layer::load(p).map_err(render)?);
        }
        if let Some(l) = &self.explicit {
            layers.push(l.clone());
        }
        layers.push(Layer { origin: Origin::CommandLine, text: None, file: self.settings.cli_layer.clone() });
        config::resolve(&layers).map(Arc::new).map_err(render)
    }
}

fn read_input(input: &Input) -> Result<Source, FileError> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| FileError::io("<stdin>", e))?;
            Source::from_bytes("<stdin>", &bytes).map_err(|e| FileError::decode("<stdin>", e))
        }
        Input::Path { path, display } => {
            let meta = std::fs::metadata(path).map_err(|e| FileError::io(display, e))?;
            if !meta.is_file() {
                return Err(FileError::other(display, "not a regular file"));
            }
            source::read_path(path, display)
        }
        Input::Error(_) => Err(FileError::other("", "unreachable")),
    }
}

fn dir_of(input: &Input) -> PathBuf {
    match input {
        Input::Path { path, .. } => {
            let abs = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            abs.parent().map(Path::to_owned).unwrap_or_default()
        }
        _ => std::env::current_dir().unwrap_or_default(),
    }
}

/// Write to stdout; a closed pipe ends the run quietly.
fn emit(s: &str) -> bool {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => false,
        Err(_) => false,
    }
}

fn eprint_error(e: &dyn miette::Diagnostic, color: bool) {
    let s = human::render_error(e, human::Style { color, width: 100 });
    let _ = std::io::stderr().write_all(s.as_bytes());
}

/// Parse arguments and run. The whole exit policy is here: 0 clean, 1 findings, 2 failure.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(args)) => check(&args),
        None => check(&cli.check),
        Some(Command::Figures(args)) => figures(&args),
        Some(Command::Rules) => list_rules(),
        Some(Command::Explain { rule }) => explain(&rule),
    }
}

fn check(args: &CheckArgs) -> ExitCode {
    let settings = match args.common.settings() {
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
    let mut failed = 0usize;
    let mut config_errors = Vec::new();
    let mut results: Vec<(Source, Outcome)> = Vec::new();
    for input in collect(&args.paths) {
        if let Input::Error(e) = &input {
            eprint_error(e, settings.color);
            failed += 1;
            continue;
        }
        let Some(resolved) = configs.for_dir(&dir_of(&input), &mut config_errors) else {
            failed += 1;
            continue;
        };
        match read_input(&input) {
            Ok(src) => {
                let opts = LintOptions { date: settings.date, markdown: lint::is_markdown(src.name()) };
                let outcome = lint::lint(&src, &resolved, &opts);
                results.push((src, outcome));
            }
            Err(e) => {
                eprint_error(&e, settings.color);
                failed += 1;
            }
        }
    }
    for e in &config_errors {
        let _ = std::io::stderr().write_all(e.as_bytes());
    }
    let mut summary = Summary { failed, ..Summary::default() };
    for (_, o) in &results {
        summary.add(&o.diagnostics);
    }
    let reports: Vec<FileReport> =
        results.iter().map(|(s, o)| FileReport { source: s, diagnostics: &o.diagnostics }).collect();
    let text = match args.format {
        Format::Json => output::json::render(&reports, &summary) + "\n",
        Format::Human => {
            let mut s = String::new();
            let style = human::Style { color: settings.color, width: 100 };
            for r in &reports {
                let _ = human::render_file(r, style, &mut s);
            }
            if summary.findings() == 0 {
                let files = if summary.files == 1 { "1 file".to_owned() } else { format!("{} files", summary.files) };
                let unread = match summary.failed {
                    0 => String::new(),
                    1 => "; 1 could not be read".to_owned(),
                    n => format!("; {n} could not be read"),
                };
                s.push_str(&format!("No problems found in {files}{unread}.\n"));
            } else {
                s.push_str(&format!("Found {summary}.\n"));
            }
            s
        }
    };
    emit(&text);
    if failed > 0 {
        ExitCode::from(2)
    } else if summary.findings() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn figures(args: &FiguresArgs) -> ExitCode {
    let settings = match args.common.settings() {
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
    let input = collect(std::slice::from_ref(&args.path)).into_iter().next().unwrap_or(Input::Stdin);
    if let Input::Error(e) = &input {
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
    let src = match read_input(&input) {
        Ok(s) => s,
        Err(e) => {
            eprint_error(&e, settings.color);
            return ExitCode::from(2);
        }
    };
    let opts = LintOptions { date: settings.date, markdown: lint::is_markdown(src.name()) };
    let o = lint::lint(&src, &resolved, &opts);
    let text = match args.format {
        FiguresFormat::Table => output::figures::render_table(&src, &o.document, &o.checks),
        FiguresFormat::Json => output::figures::render_json(&src, &o.document, &o.checks) + "\n",
    };
    emit(&text);
    ExitCode::SUCCESS
}

fn list_rules() -> ExitCode {
    let mut s = String::new();
    for r in rules::registry() {
        s.push_str(&format!(
            "{:<18} {:<11} {:<8} {}\n",
            r.name,
            r.group.as_str(),
            r.default_level().as_str(),
            r.summary()
        ));
    }
    emit(&s);
    ExitCode::SUCCESS
}

fn explain(name: &str) -> ExitCode {
    match rules::find(name) {
        Some(r) => {
            emit(&format!(
                "# {}\n\ngroup: {}, default level: {}\n\n{}",
                r.name,
                r.group.as_str(),
                r.default_level().as_str(),
                r.doc
            ));
            ExitCode::SUCCESS
        }
        None => {
            if let Err(e) = config::check_rule_name(name, &Origin::CommandLine, None, None) {
                eprint_error(&e, false);
            }
            ExitCode::from(2)
        }
    }
}
