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
use crate::rules::{self, Level, Rule, RuleConfig, RuleDef, for_each_rule};

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

/// `[lint]`: which rules run.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintSection {
    /// Run only these rules (a rule whose level is `off` runs at `warning` when selected).
    pub select: Option<Vec<Spanned<String>>>,
    /// Run these as well as the default set.
    pub extend_select: Option<Vec<Spanned<String>>>,
    /// Never run these.
    pub ignore: Option<Vec<Spanned<String>>>,
}

macro_rules! config_file {
    ($($module:ident :: $ty:ident = $name:literal),* $(,)?) => {
        /// One layer of configuration: a `policy-lint.toml`, the built-in defaults, or the
        /// command line.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct ConfigFile {
            pub document: Option<DocumentSection>,
            pub lint: Option<LintSection>,
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
                        select: b.select.or(a.select),
                        extend_select: b.extend_select.or(a.extend_select),
                        ignore: b.ignore.or(a.ignore),
                    }),
                    (a, b) => b.or(a),
                };
                ConfigFile {
                    document,
                    lint,
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
                    lint: None,
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
    #[error("unknown rule `{name}` in {path}")]
    #[diagnostic(code(policy_lint::config::unknown_rule), help("{help}"))]
    UnknownRule {
        name: String,
        path: String,
        help: String,
        #[source_code]
        src: Option<Arc<NamedSource<String>>>,
        #[label("not a rule")]
        span: Option<SourceSpan>,
    },
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
        let file: ConfigFile = toml::from_str(&text).map_err(|e| ConfigError::Invalid {
            path: origin.describe(),
            message: e.message().trim().to_owned(),
            span: e.span().map(|r| (r.start, r.len().max(1)).into()),
            label: "here".to_owned(),
            src: Some(Arc::new(NamedSource::new(origin.describe(), text.clone()))),
        })?;
        let layer = Layer { origin, text: Some(Arc::new(text)), file };
        layer.validate()?;
        Ok(layer)
    }

    fn src(&self) -> Option<Arc<NamedSource<String>>> {
        self.text.as_ref().map(|t| Arc::new(NamedSource::new(self.origin.describe(), t.as_str().to_owned())))
    }

    /// Rule names in `[lint]` must exist; `[document] date` must be a date.
    fn validate(&self) -> Result<(), ConfigError> {
        if let Some(lint) = &self.file.lint {
            for list in [&lint.select, &lint.extend_select, &lint.ignore].into_iter().flatten() {
                for name in list {
                    check_rule_name(name.get_ref(), &self.origin, self.src(), Some(name.span()))?;
                }
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

/// A paper date as the user writes it: `2020-06-01`.
pub fn parse_date(s: &str) -> Result<Date, String> {
    s.trim().parse::<Date>().map_err(|_| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}

/// Is `name` a rule? If not, an error that suggests the closest one.
pub fn check_rule_name(
    name: &str,
    origin: &Origin,
    src: Option<Arc<NamedSource<String>>>,
    span: Option<std::ops::Range<usize>>,
) -> Result<(), ConfigError> {
    if rules::find(name).is_some() {
        return Ok(());
    }
    let closest = rules::registry()
        .iter()
        .map(|r| (strsim::levenshtein(name, r.name), r.name))
        .min()
        .filter(|(d, _)| *d <= 3)
        .map(|(_, n)| n);
    let help = match closest {
        Some(n) => format!("did you mean `{n}`? `policy-lint rules` lists every rule"),
        None => "`policy-lint rules` lists every rule".to_owned(),
    };
    Err(ConfigError::UnknownRule {
        name: name.to_owned(),
        path: origin.describe(),
        help,
        src,
        span: span.map(|r| (r.start, r.len()).into()),
    })
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
    /// The merged configuration, for `--print-config`.
    pub merged: ConfigFile,
}

/// Merge the layers (lowest first) and build the rules that run.
pub fn resolve(layers: &[Layer]) -> Result<Resolved, ConfigError> {
    let merged = layers.iter().fold(ConfigFile::default(), |acc, l| acc.merge(l.file.clone()));
    let levels = merged.levels();
    let lint = merged.lint.clone().unwrap_or_default();
    let names = |v: &Option<Vec<Spanned<String>>>| {
        v.as_ref().map(|v| v.iter().map(|s| s.get_ref().clone()).collect::<Vec<_>>())
    };
    let select = names(&lint.select);
    let extend = names(&lint.extend_select).unwrap_or_default();
    let ignore = names(&lint.ignore).unwrap_or_default();

    let mut run = Vec::new();
    for (name, level) in levels {
        let explicitly =
            select.as_ref().is_some_and(|s| s.iter().any(|n| n == name)) || extend.iter().any(|n| n == name);
        let chosen = match &select {
            Some(s) => s.iter().any(|n| n == name) || extend.iter().any(|n| n == name),
            None => level != Level::Off || explicitly,
        };
        if !chosen || ignore.iter().any(|n| n == name) {
            continue;
        }
        let severity = level.severity().unwrap_or(Severity::Warning);
        run.push((name, severity));
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
    Ok(Resolved { rules, date, title, merged })
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
    fn unknown_rule_table_is_an_error_with_a_span() {
        let e = Layer::parse(Origin::CommandLine, "[percnt-change]\nlevel = \"off\"\n".into()).unwrap_err();
        match e {
            ConfigError::Invalid { message, span, .. } => {
                assert!(message.contains("percnt-change"), "{message}");
                assert!(span.is_some());
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
