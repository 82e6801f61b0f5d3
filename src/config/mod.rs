//! `policy-lint.toml`: the schema, where it is found, and how layers combine.
//!
//! Layers, lowest first: the built-in defaults (`rules/*.toml`, compiled in) → the nearest
//! `policy-lint.toml` upward from the paper → `--config FILE` → command-line flags. Every layer
//! is a [`ConfigFile`] whose fields are all optional; a later layer's value wins where it sets
//! one. *Which* rules run (`[lint] select`/`ignore`, a rule's `level`) is kept apart from *how* a
//! rule behaves (its other options).
//!
//! Unknown keys, unknown rule names and values of the wrong type are errors that point at the
//! offending TOML.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use miette::{NamedSource, SourceSpan};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::rules::{self, Group, Level, Rule, RuleConfig, RuleDef, Selector, for_each_rule};

/// The file name searched for, from the paper's directory upward.
pub const FILE_NAME: &str = "policy-lint.toml";

/// `[document]`: facts about the paper the text may not state.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DocumentSection {
    /// The paper's own date, `YYYY-MM-DD`, overriding the one in its header.
    pub date: Option<Spanned<String>>,
    pub title: Option<String>,
}

/// `[lint]`: which rules run, which files are linted, and when the run fails.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintSection {
    /// Run only these rules or groups, or `ALL` (a rule whose level is `off` runs at `warning`
    /// when selected).
    pub select: Option<Vec<Spanned<String>>>,
    /// Run these rules or groups as well as the selected ones. Each layer's list adds to the
    /// lists of the layers below, until a layer sets `select`.
    pub extend_select: Option<Vec<Spanned<String>>>,
    /// Never run these rules or groups (a narrower `select` wins: see [`Selector::specificity`]).
    pub ignore: Option<Vec<Spanned<String>>>,
    /// Exit 1 when a finding at or above this severity is reported.
    pub fail_on: Option<Severity>,
    /// Never exit 1 because of findings (2 still means the tool failed).
    pub exit_zero: Option<bool>,
    /// Globs of the files a directory walk lints (a glob without `/` matches the file name).
    pub include: Option<Vec<Spanned<String>>>,
    /// Globs of files and directories a directory walk skips.
    pub exclude: Option<Vec<Spanned<String>>>,
}

/// `[[ignore]]`: one accepted finding, named by its rule and the text it is about.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    pub rule: Spanned<String>,
    /// The text the finding underlines (whitespace is ignored), or a longer piece of the same
    /// line that contains it.
    pub text: Spanned<String>,
    /// Only in files matching this glob, relative to the configuration file's directory.
    pub file: Option<Spanned<String>>,
    /// Why the finding is accepted; for the reader.
    pub reason: Option<String>,
    /// Which file this entry came from and where in its `[[ignore]]` list (set after parsing).
    #[serde(skip)]
    pub at: Option<IgnoreAt>,
}

/// Where an `[[ignore]]` entry was written: its configuration file, that file's text, and its
/// index there. Identifies the entry across the papers of a run.
#[derive(Debug, Clone)]
pub struct IgnoreAt {
    pub path: PathBuf,
    pub text: Arc<String>,
    pub index: usize,
}

impl IgnoreEntry {
    /// A key that is the same for this entry whichever paper's configuration it reached.
    pub fn key(&self) -> (PathBuf, usize) {
        self.at.as_ref().map_or((PathBuf::new(), 0), |a| (a.path.clone(), a.index))
    }
}

/// The `[lint]` values every run starts from.
pub const BUILTIN_LINT: &str = r#"fail-on = "warning"
exit-zero = false
include = ["*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.docx", "*.pdf"]
exclude = []
"#;

pub use crate::rules::UNUSED_SUPPRESSION;

macro_rules! config_file {
    ($($module:ident :: $ty:ident = $name:literal),* $(,)?) => {
        /// One layer of configuration: a `policy-lint.toml`, the built-in defaults, or the
        /// command line.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct ConfigFile {
            pub document: Option<DocumentSection>,
            pub lint: Option<LintSection>,
            /// `[[ignore]]` entries; every layer's are kept.
            pub ignore: Option<Vec<IgnoreEntry>>,
            $(
                #[serde(rename = $name)]
                pub $module: Option<<rules::$module::$ty as RuleDef>::Config>,
            )*
        }

        impl ConfigFile {
            /// `over`'s values win where set.
            pub fn merge(self, over: ConfigFile) -> ConfigFile {
                let document = match (self.document, over.document) {
                    (Some(a), Some(b)) => Some(DocumentSection { date: b.date.or(a.date), title: b.title.or(a.title) }),
                    (a, b) => b.or(a),
                };
                let lint = match (self.lint, over.lint) {
                    (Some(a), Some(b)) => Some(LintSection {
                        select: b.select.clone().or(a.select),
                        // `extend-select` adds to the layers below, unless this layer starts
                        // over with its own `select`.
                        extend_select: match (b.select.is_some(), a.extend_select, b.extend_select) {
                            (true, _, b) => b,
                            (false, Some(mut a), Some(b)) => {
                                a.extend(b);
                                Some(a)
                            }
                            (false, a, b) => b.or(a),
                        },
                        ignore: b.ignore.or(a.ignore),
                        fail_on: b.fail_on.or(a.fail_on),
                        exit_zero: b.exit_zero.or(a.exit_zero),
                        include: b.include.or(a.include),
                        exclude: b.exclude.or(a.exclude),
                    }),
                    (a, b) => b.or(a),
                };
                let ignore = match (self.ignore, over.ignore) {
                    (Some(mut a), Some(b)) => {
                        a.extend(b);
                        Some(a)
                    }
                    (a, b) => b.or(a),
                };
                ConfigFile {
                    document,
                    lint,
                    ignore,
                    $($module: match (self.$module, over.$module) {
                        (Some(a), Some(b)) => Some(a.merge(b)),
                        (a, b) => b.or(a),
                    },)*
                }
            }

            /// The built-in layer: every rule's `rules/<name>.toml`.
            pub fn builtin() -> Result<ConfigFile, ConfigError> {
                Ok(ConfigFile {
                    document: None,
                    lint: Some(parse_builtin::<LintSection>("lint", BUILTIN_LINT)?),
                    ignore: None,
                    $($module: Some(parse_builtin::<<rules::$module::$ty as RuleDef>::Config>(
                        $name,
                        include_str!(concat!("../../rules/", $name, ".toml")),
                    )?),)*
                })
            }

            /// Each rule's level after merging, by name.
            pub fn levels(&self) -> Vec<(&'static str, Level)> {
                vec![$(($name, self.$module.as_ref().and_then(|c| c.level()).unwrap_or(Level::Warning)),)*]
            }

            /// The built-in layer as TOML tables, for `--print-config`.
            fn builtin_table() -> toml::Table {
                let mut t = toml::Table::new();
                t.insert("lint".into(), toml::Value::Table(BUILTIN_LINT.parse().unwrap_or_default()));
                $(t.insert($name.into(), toml::Value::Table(
                    include_str!(concat!("../../rules/", $name, ".toml")).parse().unwrap_or_default(),
                ));)*
                t
            }

            /// Build the rules named in `names`, each with its severity.
            fn build(&self, names: &[(&'static str, Severity)]) -> Result<Vec<ActiveRule>, ConfigError> {
                let mut out = Vec::new();
                for &(name, severity) in names {
                    $(
                        if name == $name {
                            let c = self.$module.clone().unwrap_or_default();
                            let rule = rules::$module::$ty::build(&c).map_err(|message| ConfigError::Invalid {
                                path: format!("[{}]", $name),
                                message,
                                src: None,
                                span: None,
                                label: String::new(),
                            })?;
                            out.push(ActiveRule { name: $name, severity, rule: Box::new(rule) });
                        }
                    )*
                }
                Ok(out)
            }
        }
    };
}
for_each_rule!(config_file);

fn parse_builtin<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Result<T, ConfigError> {
    toml::from_str(text).map_err(|e| ConfigError::Invalid {
        path: format!("built-in rules/{name}.toml"),
        message: e.message().to_owned(),
        src: None,
        span: None,
        label: String::new(),
    })
}

/// A configuration problem. Every variant names the file; those from a TOML file point at it.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    #[error("cannot read {path}: {message}")]
    #[diagnostic(code(policy_lint::config::io))]
    Io { path: String, message: String },
    #[error("invalid configuration in {path}: {message}")]
    #[diagnostic(code(policy_lint::config::invalid))]
    Invalid {
        path: String,
        message: String,
        #[source_code]
        src: Option<Arc<NamedSource<String>>>,
        #[label("{label}")]
        span: Option<SourceSpan>,
        label: String,
    },
    #[error("unknown {kind} `{name}` in {path}")]
    #[diagnostic(code(policy_lint::config::unknown_key), help("{help}"))]
    UnknownKey {
        /// `section` or `key`.
        kind: &'static str,
        name: String,
        path: String,
        help: String,
        #[source_code]
        src: Option<Arc<NamedSource<String>>>,
        #[label("not a {kind} of policy-lint.toml")]
        span: Option<SourceSpan>,
    },
    #[error("unknown {kind} `{name}` in {path}")]
    #[diagnostic(code(policy_lint::config::unknown_rule), help("{help}"))]
    UnknownRule {
        name: String,
        /// `rule`, or `rule or group` where a group may stand for its rules.
        kind: &'static str,
        path: String,
        help: String,
        #[source_code]
        src: Option<Arc<NamedSource<String>>>,
        #[label("not a {kind}")]
        span: Option<SourceSpan>,
    },
}

/// serde's "unknown field `x`, expected one of `a`, `b`" read back: whether `x` is a section
/// (`[percent-chnage]`) or a key, its name, and a help that names the closest of the expected
/// names, or lists them when none is close.
fn unknown_field(
    message: &str,
    text: &str,
    span: Option<std::ops::Range<usize>>,
) -> Option<(&'static str, String, String)> {
    let rest = message.trim().strip_prefix("unknown field `")?;
    let (name, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    // A section's name follows its `[` (or `[[`, or a dotted prefix: `[rules.x]` is a key `x` of
    // `rules`); a key starts its line.
    let before = span.as_ref().and_then(|r| text.get(..r.start)).unwrap_or("");
    let line = before.rsplit('\n').next().unwrap_or("").trim_start();
    let kind = if line.starts_with('[') { "section" } else { "key" };
    // `[rules.percent-chnage]` (ruff and clippy nest their rules): a rule's section is its name.
    if kind == "section" && matches!(name, "rules" | "rule" | "tool") {
        let after = span.and_then(|r| text.get(r.end..)).unwrap_or("");
        let inner = after.split([']', '\n']).next().unwrap_or("").trim_start_matches('.').trim();
        let inner = inner.split('.').next().unwrap_or("").trim_matches('"');
        if let Some(rule) = closest(inner, expected.iter().copied()) {
            let help = format!("a rule's section is named by the rule alone: did you mean `[{rule}]`?");
            return Some((kind, name.to_owned(), help));
        }
    }
    let help = match closest(name, expected.iter().copied()) {
        Some(n) => format!("did you mean `{n}`?"),
        None if expected.is_empty() => "`policy-lint init` writes a configuration with every setting".to_owned(),
        None => format!("expected one of {}", expected.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")),
    };
    Some((kind, name.to_owned(), help))
}

/// Where a layer came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    File(PathBuf),
    CommandLine,
}

impl Origin {
    pub fn describe(&self) -> String {
        match self {
            Origin::Builtin => "built-in defaults".to_owned(),
            Origin::File(p) => p.display().to_string(),
            Origin::CommandLine => "the command line".to_owned(),
        }
    }
}

/// One layer with its origin and, for a file, its text (for error labels).
#[derive(Debug, Clone)]
pub struct Layer {
    pub origin: Origin,
    pub text: Option<Arc<String>>,
    pub file: ConfigFile,
}

impl Layer {
    pub fn builtin() -> Result<Layer, ConfigError> {
        Ok(Layer { origin: Origin::Builtin, text: None, file: ConfigFile::builtin()? })
    }

    /// Read and parse a `policy-lint.toml`.
    pub fn load(path: &Path) -> Result<Layer, ConfigError> {
        let display = path.display().to_string();
        let bytes =
            std::fs::read(path).map_err(|e| ConfigError::Io { path: display.clone(), message: e.to_string() })?;
        let text = String::from_utf8(bytes).map_err(|e| ConfigError::Invalid {
            path: display.clone(),
            message: format!("not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()),
            src: None,
            span: None,
            label: String::new(),
        })?;
        Layer::parse(Origin::File(path.to_owned()), text)
    }

    pub fn parse(origin: Origin, text: String) -> Result<Layer, ConfigError> {
        let mut file: ConfigFile = toml::from_str(&text).map_err(|e| {
            let src = Some(Arc::new(NamedSource::new(origin.describe(), text.clone())));
            let span = e.span();
            match unknown_field(e.message(), &text, span.clone()) {
                Some((kind, name, help)) => ConfigError::UnknownKey {
                    kind,
                    name,
                    path: origin.describe(),
                    help,
                    src,
                    span: span.map(|r| (r.start, r.len().max(1)).into()),
                },
                None => ConfigError::Invalid {
                    path: origin.describe(),
                    message: e.message().trim().to_owned(),
                    span: span.map(|r| (r.start, r.len().max(1)).into()),
                    label: "here".to_owned(),
                    src,
                },
            }
        })?;
        let text = Arc::new(text);
        let path = match &origin {
            Origin::File(p) => p.clone(),
            other => PathBuf::from(other.describe()),
        };
        for (index, entry) in file.ignore.iter_mut().flatten().enumerate() {
            entry.at = Some(IgnoreAt { path: path.clone(), text: text.clone(), index });
        }
        let layer = Layer { origin, text: Some(text), file };
        layer.validate()?;
        Ok(layer)
    }

    /// The command-line layer, from the values the flags set (as a TOML table, so that it goes
    /// through the same schema and `--print-config` can show it like any other layer).
    pub fn command_line(table: toml::Table) -> Result<Layer, ConfigError> {
        let text = toml::to_string(&table).map_err(|e| ConfigError::Invalid {
            path: Origin::CommandLine.describe(),
            message: e.to_string(),
            src: None,
            span: None,
            label: String::new(),
        })?;
        Layer::parse(Origin::CommandLine, text)
    }

    /// This layer as a TOML table, for `--print-config`.
    fn table(&self) -> toml::Table {
        match (&self.origin, &self.text) {
            (Origin::Builtin, _) => ConfigFile::builtin_table(),
            (_, Some(t)) => t.parse().unwrap_or_default(),
            (_, None) => toml::Table::new(),
        }
    }

    fn src(&self) -> Option<Arc<NamedSource<String>>> {
        self.text.as_ref().map(|t| Arc::new(NamedSource::new(self.origin.describe(), t.as_str().to_owned())))
    }

    /// Rule names in `[lint]` and `[[ignore]]` must exist, globs must compile, `[document] date`
    /// must be a date.
    fn validate(&self) -> Result<(), ConfigError> {
        if let Some(lint) = &self.file.lint {
            for list in [&lint.select, &lint.extend_select, &lint.ignore].into_iter().flatten() {
                for name in list {
                    check_selector(name.get_ref(), &self.origin, self.src(), Some(name.span()))?;
                }
            }
            for list in [&lint.include, &lint.exclude].into_iter().flatten() {
                for g in list {
                    self.check_glob(g)?;
                }
            }
        }
        for entry in self.file.ignore.iter().flatten() {
            let name = &entry.rule;
            if rules::find(name.get_ref()).is_none() {
                check_rule_name(name.get_ref(), &self.origin, self.src(), Some(name.span()))?;
                // `unused-suppression` is a name, not a rule: it cannot be ignored.
                return Err(ConfigError::Invalid {
                    path: self.origin.describe(),
                    message: format!("`{}` cannot be ignored: remove the unused suppression instead", name.get_ref()),
                    src: self.src(),
                    span: Some((name.span().start, name.span().len()).into()),
                    label: "not a rule of the paper".to_owned(),
                });
            }
            if entry.text.get_ref().trim().is_empty() {
                return Err(ConfigError::Invalid {
                    path: self.origin.describe(),
                    message: "an `[[ignore]]` entry needs the text of the finding it accepts".to_owned(),
                    src: self.src(),
                    span: Some((entry.text.span().start, entry.text.span().len().max(1)).into()),
                    label: "empty".to_owned(),
                });
            }
            if let Some(g) = &entry.file {
                self.check_glob(g)?;
            }
        }
        if let Some(date) = self.file.document.as_ref().and_then(|d| d.date.as_ref()) {
            parse_date(date.get_ref()).map_err(|message| ConfigError::Invalid {
                path: self.origin.describe(),
                message,
                src: self.src(),
                span: Some((date.span().start, date.span().len()).into()),
                label: "expected YYYY-MM-DD".to_owned(),
            })?;
        }
        Ok(())
    }
}

impl Layer {
    fn check_glob(&self, g: &Spanned<String>) -> Result<(), ConfigError> {
        compile_glob(g.get_ref()).map(|_| ()).map_err(|message| ConfigError::Invalid {
            path: self.origin.describe(),
            message,
            src: self.src(),
            span: Some((g.span().start, g.span().len().max(1)).into()),
            label: "not a glob".to_owned(),
        })
    }
}

/// A path glob: `*` stays within one path component, `**` crosses them.
pub fn compile_glob(pattern: &str) -> Result<globset::GlobMatcher, String> {
    compile_glob_case(pattern, false)
}

fn compile_glob_case(pattern: &str, any_case: bool) -> Result<globset::GlobMatcher, String> {
    globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .case_insensitive(any_case)
        .build()
        .map(|g| g.compile_matcher())
        .map_err(|e| format!("invalid glob `{pattern}`: {}", e.kind()))
}

/// A set of globs. One without `/` matches a file or directory name anywhere; one with `/`
/// matches the path relative to the base (the walked directory, or the configuration's).
#[derive(Debug, Clone, Default)]
pub struct Globs {
    names: Vec<globset::GlobMatcher>,
    paths: Vec<globset::GlobMatcher>,
}

impl Globs {
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<Globs, String> {
        Globs::build(patterns, false)
    }
    /// Globs that match without regard to case: `*.txt` takes `NOTES.TXT`, as a file's
    /// extension is written either way on the systems papers come from.
    pub fn any_case<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<Globs, String> {
        Globs::build(patterns, true)
    }
    fn build<'a>(patterns: impl IntoIterator<Item = &'a str>, any_case: bool) -> Result<Globs, String> {
        let mut g = Globs::default();
        for p in patterns {
            let p = p.strip_prefix("./").unwrap_or(p);
            if p.contains('/') {
                g.paths.push(compile_glob_case(p.trim_start_matches('/'), any_case)?);
            } else {
                g.names.push(compile_glob_case(p, any_case)?);
            }
        }
        Ok(g)
    }
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.paths.is_empty()
    }
    /// Does `relative` (a path below the base) match?
    pub fn matches(&self, relative: &Path) -> bool {
        let name_match = relative.file_name().is_some_and(|n| self.names.iter().any(|g| g.is_match(n)));
        let rel = relative.to_string_lossy().replace('\\', "/");
        name_match || self.paths.iter().any(|g| g.is_match(&rel))
    }
}

/// A paper date as the user writes it: `2020-06-01`.
pub fn parse_date(s: &str) -> Result<Date, String> {
    s.trim().parse::<Date>().map_err(|_| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}

/// Is `name` a rule? If not, an error that suggests the closest one. (Where a group may stand
/// for its rules, [`check_selector`].)
pub fn check_rule_name(
    name: &str,
    origin: &Origin,
    src: Option<Arc<NamedSource<String>>>,
    span: Option<std::ops::Range<usize>>,
) -> Result<(), ConfigError> {
    if rules::find(name).is_some() || name == UNUSED_SUPPRESSION {
        return Ok(());
    }
    let help = match Selector::parse(name) {
        Some(_) => format!("`{name}` is a group of rules: name one rule here (`policy-lint rules` lists them)"),
        None => unknown_rule_help(name),
    };
    Err(ConfigError::UnknownRule {
        name: name.to_owned(),
        kind: "rule",
        path: origin.describe(),
        help,
        src,
        span: span.map(|r| (r.start, r.len()).into()),
    })
}

/// Is `name` a rule, a group or `ALL` (what `select`, `extend-select` and `ignore` take)? If
/// not, an error that suggests the closest.
pub fn check_selector(
    name: &str,
    origin: &Origin,
    src: Option<Arc<NamedSource<String>>>,
    span: Option<std::ops::Range<usize>>,
) -> Result<(), ConfigError> {
    if Selector::parse(name).is_some() {
        return Ok(());
    }
    Err(ConfigError::UnknownRule {
        name: name.to_owned(),
        kind: "rule or group",
        path: origin.describe(),
        help: unknown_selector_help(name),
        src,
        span: span.map(|r| (r.start, r.len()).into()),
    })
}

/// The candidate closest to `name` (two edits, three for a name of nine characters or more; two
/// letters swapped are one edit), if any. Case is ignored: `Dates` is close to `dates`.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let limit = (name.chars().count() / 3).clamp(2, 3);
    candidates
        .into_iter()
        .map(|n| (strsim::osa_distance(&lower, &n.to_lowercase()), n))
        .min()
        .filter(|(d, _)| *d <= limit)
        .map(|(_, n)| n)
}

/// "did you mean …": the closest rule name, if one is close.
pub fn unknown_rule_help(name: &str) -> String {
    match closest(name, rules::registry().iter().map(|r| r.name).chain([UNUSED_SUPPRESSION])) {
        Some(n) => format!("did you mean `{n}`? `policy-lint rules` lists every rule"),
        None => "`policy-lint rules` lists every rule".to_owned(),
    }
}

/// "did you mean …": the closest rule, group or `ALL`, if one is close.
pub fn unknown_selector_help(name: &str) -> String {
    let candidates = rules::registry()
        .iter()
        .map(|r| r.name)
        .chain([UNUSED_SUPPRESSION, rules::ALL])
        .chain(Group::EVERY.iter().map(|g| g.as_str()));
    let groups = Group::EVERY.iter().map(|g| format!("`{}`", g.as_str())).collect::<Vec<_>>().join(", ");
    match closest(name, candidates) {
        Some(n) => {
            format!("did you mean `{n}`? `policy-lint rules` lists every rule; the groups are {groups}, and `ALL`")
        }
        None => format!("`policy-lint rules` lists every rule; the groups are {groups}, and `ALL`"),
    }
}

/// A rule ready to run, at the severity the configuration gives it.
pub struct ActiveRule {
    pub name: &'static str,
    pub severity: Severity,
    pub rule: Box<dyn Rule>,
}

impl std::fmt::Debug for ActiveRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.name, self.severity)
    }
}

/// Everything the layers decide for one paper.
#[derive(Debug)]
pub struct Resolved {
    pub rules: Vec<ActiveRule>,
    pub date: Option<Date>,
    pub title: Option<String>,
    /// The severity unused suppressions are reported at; `None` when not selected.
    pub unused_suppression: Option<Severity>,
    /// `[[ignore]]` entries from every layer.
    pub ignores: Vec<IgnoreEntry>,
    /// `[lint]` settings for the whole run.
    pub fail_on: Severity,
    pub exit_zero: bool,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// The merged configuration.
    pub merged: ConfigFile,
}

impl Resolved {
    /// Does the rule `name` run?
    pub fn runs(&self, name: &str) -> bool {
        self.rules.iter().any(|r| r.name == name)
    }
}

/// Merge the layers (lowest first) and build the rules that run.
pub fn resolve(layers: &[Layer]) -> Result<Resolved, ConfigError> {
    let merged = layers.iter().fold(ConfigFile::default(), |acc, l| acc.merge(l.file.clone()));
    let levels = merged.levels();
    let lint = merged.lint.clone().unwrap_or_default();
    // Every layer's names were checked when it was read; one that is not a selector cannot
    // reach here, and would select nothing.
    let selectors = |v: &Option<Vec<Spanned<String>>>| {
        v.as_ref().map(|v| v.iter().filter_map(|s| Selector::parse(s.get_ref())).collect::<Vec<_>>())
    };
    let select = selectors(&lint.select);
    let extend = selectors(&lint.extend_select).unwrap_or_default();
    let ignore = selectors(&lint.ignore).unwrap_or_default();
    // The narrowest selector of `list` that names `rule`.
    let narrowest =
        |list: &[Selector], rule: &str| list.iter().filter(|s| s.matches(rule)).map(|s| s.specificity()).max();

    let mut run = Vec::new();
    let mut unused_suppression = None;
    for (name, level) in levels.into_iter().chain([(UNUSED_SUPPRESSION, Level::Warning)]) {
        let selected = narrowest(select.as_deref().unwrap_or_default(), name).max(narrowest(&extend, name));
        // A rule whose level is `off` runs only when named itself: a group or `ALL` takes the
        // rules that are on.
        let chosen = match (&select, level) {
            (_, Level::Off) => selected == Some(Selector::Rule(name).specificity()),
            (Some(_), _) => selected.is_some(),
            (None, _) => true,
        };
        // Ignored unless a narrower selector chose it (`--ignore dates --extend-select weekday`).
        let ignored = narrowest(&ignore, name).is_some_and(|i| selected.is_none_or(|s| i >= s));
        if !chosen || ignored {
            continue;
        }
        let severity = level.severity().unwrap_or(Severity::Warning);
        if name == UNUSED_SUPPRESSION {
            unused_suppression = Some(severity);
        } else {
            run.push((name, severity));
        }
    }
    let rules = merged.build(&run)?;
    let date =
        merged.document.as_ref().and_then(|d| d.date.as_ref()).map(|d| parse_date(d.get_ref())).transpose().map_err(
            |message| ConfigError::Invalid {
                path: "[document] date".into(),
                message,
                src: None,
                span: None,
                label: String::new(),
            },
        )?;
    let title = merged.document.as_ref().and_then(|d| d.title.clone());
    let globs = |v: &Option<Vec<Spanned<String>>>| v.iter().flatten().map(|g| g.get_ref().clone()).collect::<Vec<_>>();
    Ok(Resolved {
        rules,
        date,
        title,
        unused_suppression,
        ignores: merged.ignore.clone().unwrap_or_default(),
        fail_on: lint.fail_on.unwrap_or(Severity::Warning),
        exit_zero: lint.exit_zero.unwrap_or(false),
        include: globs(&lint.include),
        exclude: globs(&lint.exclude),
        merged,
    })
}

/// The merged configuration as TOML, each value followed by the layer it came from.
pub fn print_config(layers: &[Layer]) -> String {
    // (value, origin) per key of each section, in first-seen order.
    type Section = Vec<(String, toml::Value, String)>;
    let mut sections: Vec<(String, Section)> = Vec::new();
    let mut ignores: Vec<(toml::Value, String)> = Vec::new();
    for layer in layers {
        let origin = match &layer.origin {
            Origin::Builtin => "built-in default".to_owned(),
            o => o.describe(),
        };
        for (name, value) in layer.table() {
            match value {
                toml::Value::Table(t) => {
                    let at = match sections.iter().position(|(n, _)| *n == name) {
                        Some(i) => i,
                        None => {
                            sections.push((name.clone(), Vec::new()));
                            sections.len() - 1
                        }
                    };
                    let section = &mut sections[at].1;
                    for (k, v) in t {
                        match section.iter_mut().find(|(key, _, _)| *key == k) {
                            Some(slot) => *slot = (k, v, origin.clone()),
                            None => section.push((k, v, origin.clone())),
                        }
                    }
                }
                toml::Value::Array(entries) if name == "ignore" => {
                    ignores.extend(entries.into_iter().map(|e| (e, origin.clone())));
                }
                _ => {}
            }
        }
    }
    // [document] and [lint] first, then the rules in registry order.
    let rank = |n: &str| match n {
        "document" => 0,
        "lint" => 1,
        _ => 2 + rules::registry().iter().position(|r| r.name == n).unwrap_or(usize::MAX - 2),
    };
    sections.sort_by_key(|(n, _)| rank(n));
    let mut out = String::from("# Layers, lowest first: ");
    out.push_str(&layers.iter().map(|l| l.origin.describe()).collect::<Vec<_>>().join(", "));
    out.push_str(".\n");
    for (name, keys) in &sections {
        out.push_str(&format!("\n[{name}]\n"));
        let lines: Vec<(String, &String)> = keys.iter().map(|(k, v, o)| (format!("{k} = {v}"), o)).collect();
        let width = lines.iter().map(|(l, _)| l.chars().count()).filter(|&w| w <= 60).max().unwrap_or(0);
        for (line, origin) in lines {
            let pad = width.saturating_sub(line.chars().count());
            out.push_str(&format!("{line}{}  # {origin}\n", " ".repeat(pad)));
        }
    }
    for (entry, origin) in ignores {
        out.push_str(&format!("\n[[ignore]]  # {origin}\n"));
        if let toml::Value::Table(t) = entry {
            for (k, v) in t {
                out.push_str(&format!("{k} = {v}\n"));
            }
        }
    }
    out
}

/// The nearest `policy-lint.toml` in `dir` or above.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let mut d = Some(dir);
    while let Some(p) = d {
        let candidate = p.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        d = p.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_layer_builds_every_rule() {
        let layer = Layer::builtin().unwrap();
        let r = resolve(&[layer]).unwrap();
        let names: Vec<_> = r.rules.iter().map(|r| r.name).collect();
        for info in rules::registry() {
            if info.default_level() != Level::Off {
                assert!(names.contains(&info.name), "{} is not built from its defaults", info.name);
            }
        }
    }

    #[test]
    fn unknown_rule_section_suggests_the_closest_with_a_span() {
        let text = "[lint]\nfail-on = \"error\"\n\n[percent-chnage]\nlevel = \"off\"\n";
        let e = Layer::parse(Origin::CommandLine, text.into()).unwrap_err();
        match e {
            ConfigError::UnknownKey { kind, name, help, span, .. } => {
                assert_eq!((kind, name.as_str()), ("section", "percent-chnage"));
                assert_eq!(help, "did you mean `percent-change`?");
                let span = span.unwrap();
                assert_eq!(&text[span.offset()..span.offset() + span.len()], "percent-chnage");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_rule_nested_under_rules_is_told_its_section_is_its_name() {
        let e = Layer::parse(Origin::CommandLine, "[rules.percent-chnage]\nlevel = \"off\"\n".into()).unwrap_err();
        match e {
            ConfigError::UnknownKey { kind, name, help, .. } => {
                assert_eq!((kind, name.as_str()), ("section", "rules"));
                assert_eq!(help, "a rule's section is named by the rule alone: did you mean `[percent-change]`?");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_key_in_a_rule_suggests_the_closest() {
        let e = Layer::parse(Origin::CommandLine, "[percent-change]\ntolerence = 0.1\n".into()).unwrap_err();
        match e {
            ConfigError::UnknownKey { kind, name, help, .. } => {
                assert_eq!((kind, name.as_str(), help.as_str()), ("key", "tolerence", "did you mean `tolerance`?"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_name_far_from_every_section_lists_them() {
        let e = Layer::parse(Origin::CommandLine, "[spelling]\n".into()).unwrap_err();
        match e {
            ConfigError::UnknownKey { help, .. } => assert!(help.starts_with("expected one of `document`"), "{help}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn groups_select_their_rules_and_the_narrower_selector_wins() {
        let runs = |lint: &str| {
            let layer = Layer::parse(Origin::CommandLine, format!("[lint]\n{lint}\n")).unwrap();
            let r = resolve(&[Layer::builtin().unwrap(), layer]).unwrap();
            r.rules.iter().map(|r| r.name).collect::<Vec<_>>()
        };
        let dates: Vec<_> = rules::registry().iter().filter(|r| r.group == Group::Dates).map(|r| r.name).collect();
        assert!(dates.len() >= 3);
        assert_eq!(runs("select = [\"dates\"]"), dates);
        let all = runs("select = [\"ALL\"]");
        assert_eq!(all.len(), rules::registry().len());
        assert_eq!(
            runs("select = [\"dates\"]\nignore = [\"weekday\"]"),
            dates.iter().copied().filter(|n| *n != "weekday").collect::<Vec<_>>()
        );
        assert_eq!(
            runs("ignore = [\"dates\"]\nextend-select = [\"weekday\"]")
                .iter()
                .filter(|n| dates.contains(n))
                .collect::<Vec<_>>(),
            [&"weekday"]
        );
        assert!(runs("select = [\"weekday\"]\nignore = [\"weekday\"]").is_empty(), "at equal width, ignore wins");
        assert!(!runs("ignore = [\"ALL\"]").iter().any(|_| true));
    }

    #[test]
    fn extend_select_adds_across_layers_until_a_layer_selects() {
        let layer = |t: &str| Layer::parse(Origin::CommandLine, format!("[lint]\n{t}\n")).unwrap();
        let names = |layers: &[Layer]| {
            let r = resolve(layers).unwrap();
            r.rules.iter().map(|r| r.name).collect::<Vec<_>>()
        };
        let base = Layer::builtin().unwrap();
        let both = names(&[
            base.clone(),
            layer("select = [\"numbering\"]\nextend-select = [\"weekday\"]"),
            layer("extend-select = [\"footnotes\"]"),
        ]);
        assert_eq!(both, ["footnotes", "numbering", "weekday"]);
        let reset = names(&[base, layer("extend-select = [\"weekday\"]"), layer("select = [\"numbering\"]")]);
        assert_eq!(reset, ["numbering"]);
    }

    #[test]
    fn a_mistyped_group_gets_a_did_you_mean() {
        let e = Layer::parse(Origin::CommandLine, "[lint]\nignore = [\"dtaes\"]\n".into()).unwrap_err();
        match e {
            ConfigError::UnknownRule { kind, help, .. } => {
                assert_eq!(kind, "rule or group");
                assert!(help.starts_with("did you mean `dates`?"), "{help}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_rule_in_select_suggests_the_closest() {
        let e = Layer::parse(Origin::CommandLine, "[lint]\nselect = [\"numberng\"]\n".into()).unwrap_err();
        match e {
            ConfigError::UnknownRule { name, help, span, .. } => {
                assert_eq!(name, "numberng");
                assert!(help.contains("`numbering`"));
                assert_eq!(span.map(|s| s.offset()), Some(17), "on the quoted name");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn wrong_type_is_an_error() {
        let e = Layer::parse(Origin::CommandLine, "[percent-change]\ntolerance = \"a lot\"\n".into()).unwrap_err();
        assert!(matches!(e, ConfigError::Invalid { span: Some(_), .. }), "{e:?}");
    }

    #[test]
    fn later_layers_win_and_levels_apply() {
        let base = Layer::builtin().unwrap();
        let project = Layer::parse(
            Origin::CommandLine,
            "[percent-change]\nlevel = \"warning\"\n[numbering]\nlevel = \"off\"\n".into(),
        )
        .unwrap();
        let r = resolve(&[base, project]).unwrap();
        let pc = r.rules.iter().find(|r| r.name == "percent-change").unwrap();
        assert_eq!(pc.severity, Severity::Warning);
        assert!(!r.rules.iter().any(|r| r.name == "numbering"));
    }

    #[test]
    fn bad_date_points_at_it() {
        let e = Layer::parse(Origin::CommandLine, "[document]\ndate = \"2020-13-01\"\n".into()).unwrap_err();
        assert!(matches!(e, ConfigError::Invalid { span: Some(_), .. }), "{e:?}");
    }
}
