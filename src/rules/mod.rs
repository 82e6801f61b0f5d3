//! The rule trait, the registry, and what rules share.
//!
//! A rule is one file: a documented struct (see [`declare_rule!`]), its typed configuration
//! (see [`rule_config!`]), and a `check` that reads a [`Document`] and pushes [`Finding`]s. Rules
//! never print, exit or read files. Each rule's defaults and vocabulary live in
//! `rules/<name>.toml`, compiled in.
//!
//! To add a rule: write `src/rules/<module>.rs`, add `rules/<name>.toml` and
//! `tests/fixtures/<name>/`, and list it in [`for_each_rule!`].

use serde::Deserialize;

use crate::claims::Claims;
use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::quantity::Q;

pub mod abbreviation;
pub mod average;
pub mod change_direction;
pub mod comparison;
pub mod date_after_document;
pub mod date_order;
pub mod date_range_order;
pub mod difference;
pub mod event_date;
pub mod footnotes;
pub mod list_count;
pub mod numbering;
pub mod percent_change;
pub mod percent_of_total;
pub mod period_length;
pub mod punctuation_width;
pub mod relative_date;
pub mod repeated_figure;
pub mod subset_exceeds_total;
pub mod sum_of_parts;
pub mod term_consistency;
pub mod unparsed_figure;
pub mod weekday;

/// Every rule, as `module::Type = "name"`. The config schema and the registry are generated
/// from this one list.
macro_rules! for_each_rule {
    ($m:ident) => {
        $m! {
            abbreviation::Abbreviation = "abbreviation",
            average::AverageRule = "average",
            change_direction::ChangeDirection = "change-direction",
            comparison::Comparison = "comparison",
            date_after_document::DateAfterDocument = "date-after-document",
            date_order::DateOrder = "date-order",
            date_range_order::DateRangeOrder = "date-range-order",
            difference::DifferenceRule = "difference",
            event_date::EventDate = "event-date",
            footnotes::Footnotes = "footnotes",
            list_count::ListCount = "list-count",
            numbering::Numbering = "numbering",
            percent_change::PercentChange = "percent-change",
            percent_of_total::PercentOfTotal = "percent-of-total",
            period_length::PeriodLength = "period-length",
            punctuation_width::PunctuationWidth = "punctuation-width",
            relative_date::RelativeDate = "relative-date",
            repeated_figure::RepeatedFigure = "repeated-figure",
            subset_exceeds_total::SubsetExceedsTotal = "subset-exceeds-total",
            sum_of_parts::SumOfParts = "sum-of-parts",
            term_consistency::TermConsistency = "term-consistency",
            unparsed_figure::UnparsedFigure = "unparsed-figure",
            weekday::WeekdayMismatch = "weekday",
        }
    };
}
pub(crate) use for_each_rule;

/// Declares a rule struct and keeps its doc comment as `DOC`, so `policy-lint explain` prints
/// exactly what rustdoc shows.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* $vis:vis struct $name:ident $body:tt) => {
        $(#[doc = $doc])*
        $vis struct $name $body
        impl $name {
            pub const DOC: &'static str = concat!($($doc, "\n"),*);
        }
    };
}
pub(crate) use declare_rule;

/// Declares a rule's configuration: every field optional (so layers can be merged), unknown
/// keys rejected, kebab-case names, plus the common `level`.
macro_rules! rule_config {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* pub $field:ident : Option<$ty:ty>,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, serde::Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        pub struct $name {
            /// `error`, `warning`, `info` or `off`.
            pub level: Option<$crate::rules::Level>,
            $($(#[$fmeta])* pub $field: Option<$ty>,)*
        }
        impl $crate::rules::RuleConfig for $name {
            fn level(&self) -> Option<$crate::rules::Level> {
                self.level
            }
            fn merge(self, over: Self) -> Self {
                $name {
                    level: over.level.or(self.level),
                    $($field: over.$field.or(self.$field),)*
                }
            }
        }
    };
}
pub(crate) use rule_config;

/// How a rule is configured to report: a severity, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// What a rule's configuration struct can do; implemented by [`rule_config!`].
pub trait RuleConfig: Clone + Default + std::fmt::Debug + for<'de> Deserialize<'de> {
    fn level(&self) -> Option<Level>;
    /// `over`'s values win where set.
    fn merge(self, over: Self) -> Self;
}

/// Rule families, as `policy-lint rules` lists them. A group's name selects or ignores all of its
/// rules at once (`--select dates`, `ignore = ["wording"]`); each rule names its group in its
/// [`RuleDef::GROUP`], so the groups are the rules' own data, not a second list to keep in step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// Figures that do not add up: changes, shares, differences, sums, comparisons.
    Arithmetic,
    /// Numbering, footnotes, cross-references and the counts of lists.
    Structure,
    /// Dates against each other and the paper's date.
    Dates,
    /// One thing written two ways: terms, abbreviations, punctuation width, repeated counts.
    Wording,
    /// What the parser could not read.
    Parser,
    /// Suppressions that hide nothing (`unused-suppression`, which judges the suppressions, not the
    /// paper).
    Suppressions,
}

/// The name under which unused suppressions are reported. It is not a rule in the registry: it
/// judges the suppressions, not the paper, so it has no `check` and no paper fixtures; see
/// [`crate::suppress`]. It belongs to [`Group::Suppressions`].
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// The selector that names every rule: `--select ALL`, as in ruff.
pub const ALL: &str = "ALL";

impl Group {
    /// Every group, in the order `policy-lint rules` describes them.
    pub const EVERY: [Group; 6] =
        [Group::Arithmetic, Group::Structure, Group::Dates, Group::Wording, Group::Parser, Group::Suppressions];

    pub fn as_str(self) -> &'static str {
        match self {
            Group::Arithmetic => "arithmetic",
            Group::Structure => "structure",
            Group::Dates => "dates",
            Group::Wording => "wording",
            Group::Parser => "parser",
            Group::Suppressions => "suppressions",
        }
    }

    /// What the group's rules look for, in a few words.
    pub fn description(self) -> &'static str {
        match self {
            Group::Arithmetic => "figures that do not add up: changes, shares, differences, sums, comparisons",
            Group::Structure => "numbering, footnotes, cross-references and the counts of lists",
            Group::Dates => "dates against each other and the paper's own date",
            Group::Wording => "one thing written two ways: terms, abbreviations, punctuation width, repeated counts",
            Group::Parser => "numbers the parser could not read",
            Group::Suppressions => "suppression comments and `[[ignore]]` entries that hide nothing",
        }
    }

    pub fn from_name(name: &str) -> Option<Group> {
        Group::EVERY.into_iter().find(|g| g.as_str() == name)
    }
}

/// The group of a rule name, `unused-suppression` included.
pub fn group_of(rule: &str) -> Option<Group> {
    if rule == UNUSED_SUPPRESSION {
        return Some(Group::Suppressions);
    }
    find(rule).map(|r| r.group)
}

/// What a name in `select`, `extend-select` or `ignore` picks: every rule, a group, or one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selector {
    All,
    Group(Group),
    Rule(&'static str),
}

impl Selector {
    /// `ALL`, a group's name or a rule's name (`unused-suppression` included).
    pub fn parse(name: &str) -> Option<Selector> {
        if name == ALL {
            return Some(Selector::All);
        }
        if let Some(g) = Group::from_name(name) {
            return Some(Selector::Group(g));
        }
        if name == UNUSED_SUPPRESSION {
            return Some(Selector::Rule(UNUSED_SUPPRESSION));
        }
        find(name).map(|r| Selector::Rule(r.name))
    }

    pub fn matches(self, rule: &str) -> bool {
        match self {
            Selector::All => true,
            Selector::Group(g) => group_of(rule) == Some(g),
            Selector::Rule(r) => r == rule,
        }
    }

    /// How narrowly it names a rule: when a rule is both selected and ignored, the narrower
    /// selector wins (`--select dates --ignore weekday` runs every date rule but `weekday`;
    /// `--ignore dates --extend-select weekday` runs `weekday` alone of them), and at equal
    /// width `ignore` wins, as in ruff.
    pub fn specificity(self) -> u8 {
        match self {
            Selector::All => 0,
            Selector::Group(_) => 1,
            Selector::Rule(_) => 2,
        }
    }
}

/// A rule's type-level description.
pub trait RuleDef: Rule + Sized + 'static {
    type Config: RuleConfig;
    const GROUP: Group;
    /// The kind of fix the rule's findings may carry, if any (`rules` and `explain` show it).
    const FIX: Option<crate::diagnostic::Applicability> = None;
    /// Build from a fully merged configuration (the built-in layer sets every field).
    fn build(config: &Self::Config) -> Result<Self, String>;
}

/// A lint rule: judges the claims of a document (and, for wording and structure, the document
/// itself), and reports what does not add up.
pub trait Rule: Send + Sync {
    fn check(&self, doc: &Document, claims: &Claims, cx: &mut Context);
}

/// One relation a rule compared, for `policy-lint figures`: what, and how it came out.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Check {
    pub rule: &'static str,
    /// What was compared, in words: `168,000 → 264,000 against +60%`.
    pub relation: String,
    pub verdict: Verdict,
    /// Indices into [`Document::figures`] of every figure that took part.
    pub figures: Vec<usize>,
    /// Where the relation's other terms are written, when they are not figures: a date rule's
    /// dates, and the paper's own date it compared them with.
    #[serde(skip)]
    pub spans: Vec<crate::source::Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Consistent,
    Inconsistent,
    /// Recognised but not judged, with the reason in the relation text.
    Skipped,
}

/// Where a rule puts its findings and the relations it checked.
#[derive(Debug, Default)]
pub struct Context {
    pub rule: &'static str,
    pub findings: Vec<Finding>,
    /// The relations compared, unless made by [`Context::findings_only`]: a lint needs only the
    /// findings.
    pub checks: Vec<Check>,
    record: bool,
}

impl Context {
    /// A context that keeps the relations checked as well as the findings.
    pub fn new(rule: &'static str) -> Self {
        Context { rule, record: true, ..Default::default() }
    }
    /// A context that keeps only the findings: a paper of 100 MB compares hundreds of thousands
    /// of relations, and only `policy-lint figures` shows them.
    pub fn findings_only(rule: &'static str) -> Self {
        Context { rule, record: false, ..Default::default() }
    }
    /// Are the relations checked kept? When not, a rule need not word them.
    pub fn records(&self) -> bool {
        self.record
    }
    fn push(&mut self, check: Check) {
        if self.record {
            self.checks.push(check);
        }
    }
    pub fn report(&mut self, f: Finding) {
        self.findings.push(f);
    }
    pub fn checked(&mut self, relation: impl Into<String>, consistent: bool, figures: Vec<usize>) {
        let verdict = if consistent { Verdict::Consistent } else { Verdict::Inconsistent };
        self.push(Check { rule: self.rule, relation: relation.into(), verdict, figures, spans: Vec::new() });
    }
    pub fn skipped(&mut self, relation: impl Into<String>, figures: Vec<usize>) {
        self.push(Check {
            rule: self.rule,
            relation: relation.into(),
            verdict: Verdict::Skipped,
            figures,
            spans: Vec::new(),
        });
    }
    /// A relation between things other than figures (dates), located by `span`.
    pub fn checked_at(&mut self, relation: impl Into<String>, consistent: bool, span: crate::source::Span) {
        self.checked_spans(relation, consistent, vec![span]);
    }
    /// A relation recognised but not judged, located by `span`.
    pub fn skipped_at(&mut self, relation: impl Into<String>, span: crate::source::Span) {
        self.skipped_spans(relation, vec![span]);
    }
    /// A relation between things other than figures, located by every term it compared (a date
    /// and the paper's own date; the two ends of a period).
    pub fn checked_spans(&mut self, relation: impl Into<String>, consistent: bool, spans: Vec<crate::source::Span>) {
        let verdict = if consistent { Verdict::Consistent } else { Verdict::Inconsistent };
        self.push(Check { rule: self.rule, relation: relation.into(), verdict, figures: Vec::new(), spans });
    }
    /// A relation recognised but not judged, located by every term it would have compared.
    pub fn skipped_spans(&mut self, relation: impl Into<String>, spans: Vec<crate::source::Span>) {
        let verdict = Verdict::Skipped;
        self.push(Check { rule: self.rule, relation: relation.into(), verdict, figures: Vec::new(), spans });
    }
}

/// The first sentence under "## What it does", joined across its lines: what `policy-lint rules`
/// and SARIF's `shortDescription` show.
pub fn summary_of(doc: &str) -> String {
    let body = doc.split("## What it does").nth(1).unwrap_or(doc);
    let para: Vec<&str> = body
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let para = para.join(" ");
    let end = para.find(". ").map_or(para.len(), |i| i + 1);
    para[..end].trim_end_matches(':').to_owned()
}

/// Doc-comment text without the one space after `///` on every line (the rustdoc convention),
/// trimmed: what `explain` prints and SARIF carries.
pub fn unindent(doc: &str) -> String {
    doc.trim().lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n")
}

/// What `policy-lint rules` and `explain` show about a rule.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub name: &'static str,
    pub group: Group,
    /// The doc comment, Markdown.
    pub doc: &'static str,
    /// The built-in `rules/<name>.toml`.
    pub defaults: &'static str,
    /// The kind of fix its findings may carry.
    pub fix: Option<crate::diagnostic::Applicability>,
}

impl RuleInfo {
    /// The first sentence of "What it does".
    pub fn summary(&self) -> String {
        summary_of(self.doc)
    }
    /// The doc comment as Markdown, without the space each `///` line starts with.
    pub fn markdown(&self) -> String {
        unindent(self.doc)
    }
    /// The default level, read from the built-in TOML.
    pub fn default_level(&self) -> Level {
        #[derive(Deserialize)]
        struct L {
            level: Option<Level>,
        }
        let table: Result<toml::Table, _> = toml::from_str(self.defaults);
        table
            .ok()
            .and_then(|t| t.get("level").cloned())
            .and_then(|v| L::deserialize(toml::Table::from_iter([("level".to_owned(), v)])).ok())
            .and_then(|l| l.level)
            .unwrap_or(Level::Warning)
    }
}

macro_rules! registry_impl {
    ($($module:ident :: $ty:ident = $name:literal),* $(,)?) => {
        /// Every built-in rule, in name order.
        pub fn registry() -> &'static [RuleInfo] {
            static RULES: &[RuleInfo] = &[$(
                RuleInfo {
                    name: $name,
                    group: <$module::$ty as RuleDef>::GROUP,
                    doc: $module::$ty::DOC,
                    defaults: include_str!(concat!("../../rules/", $name, ".toml")),
                    fix: <$module::$ty as RuleDef>::FIX,
                },
            )*];
            RULES
        }
    };
}
for_each_rule!(registry_impl);

pub fn find(name: &str) -> Option<&'static RuleInfo> {
    registry().iter().find(|r| r.name == name)
}

/// A configured option that must be present once the built-in layer is merged in.
pub fn required<T: Clone>(v: &Option<T>, name: &str) -> Result<T, String> {
    v.clone().ok_or_else(|| format!("option `{name}` has no value"))
}

/// A tolerance from TOML (a float) as an exact rational, via its shortest decimal form.
pub fn q_from_f64(f: f64) -> Result<Q, String> {
    crate::quantity::from_f64_decimal(f).ok_or_else(|| format!("{f} is not a finite number"))
}
