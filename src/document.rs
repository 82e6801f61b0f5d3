//! The document model: plain data, every node with a [`Span`] into the original text.
//!
//! Built by [`crate::parse::parse`], read by the rules. Nodes that rules compare by position also
//! carry `norm`, their byte range in the normalised text ([`Document::norm`]), so a rule can look
//! at the cleaned words around a figure and still report on the original bytes.

use std::ops::Range;

use jiff::civil::{Date, Weekday};
use serde::Serialize;

use crate::quantity::{Interval, Q};
use crate::source::{Normalized, Span};

/// Everything the parser understood about one paper.
#[derive(Debug, Default)]
pub struct Document {
    /// The paper's own date, if known, and where it came from.
    pub date: Option<PaperDate>,
    /// The paper's date where the paper states it again, elsewhere than where `date` was read:
    /// a running page header (`立法會 ─ 2013年 5月 2日`) or a front matter's `date:` beside a
    /// dated header. `repeated-figure` compares them with `date`.
    pub date_restated: Vec<PaperDate>,
    pub title: Option<Title>,
    /// Headings, paragraphs, list items and footnote bodies, in reading order.
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    /// When a run-in too long for one sentence was cut ([`crate::parse::LONG_SENTENCE`]): the
    /// same text cut half-way between, so that each relation is read whole by one of the two.
    pub cut: Option<Box<Recut>>,
    pub footnotes: Vec<FootnoteDef>,
    pub footnote_refs: Vec<FootnoteRef>,
    /// `第 5 段`, `paragraphs 3 to 5`, `Annex B`: references to the paper's own parts.
    pub cross_refs: Vec<CrossRef>,
    pub figures: Vec<Figure>,
    pub dates: Vec<DateMention>,
    /// Every time expression, in reading order: the dates above, and those whose year the paper
    /// does not give (read against a stand-in year), for telling which period a figure is for.
    pub periods: Vec<Period>,
    /// Pairs of dates written as the start and end of one period, in reading order.
    pub date_ranges: Vec<DateRange>,
    /// A dateline that names the paper's day but not its year (`today (December 24)`): the
    /// paper's date then stays unknown, and no year is assumed for it.
    pub date_without_year: Option<Span>,
    /// Numbers the parser saw but could not interpret; reported, never guessed.
    pub unparsed: Vec<Unparsed>,
    /// The parts a compilation is made of (a council sitting's speeches, each question and its
    /// reply), in reading order, covering the whole text; a paper that is not a compilation is
    /// one scope. Numbering, abbreviations and repeated figures are judged within a scope.
    pub scopes: Vec<Scope>,
    /// Page furniture the structure steps over (running headers and footers, page numbers,
    /// print stamps), one span per line: not part of any block, figure, date or label.
    pub furniture: Vec<Span>,
    /// Tables whose rows and columns the layout makes plain: a label, then the same number of
    /// figures in every row (see [`crate::parse::table`]).
    pub tables: Vec<Table>,
    /// The cleaned text all `norm` ranges point into.
    pub norm: Normalized,
    /// Whether the text showed PDF-extraction damage (spaced CJK) and was repaired as such.
    pub damaged: bool,
    pub language: Language,
    /// Where a YAML front matter an archive put at the top ends (a byte offset of the original
    /// text; 0 when there is none). Its lines are metadata, not the paper's text.
    pub front_matter: usize,
    /// The original text every [`Span`] points into (shared with the `Source`).
    pub text: std::sync::Arc<str>,
}

impl Document {
    /// The original span of a normalised range.
    pub fn span(&self, norm: Range<usize>) -> Span {
        self.norm.span(&self.text, norm)
    }
    /// The original text of a span.
    pub fn original(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
    /// The normalised text of a `norm` range.
    pub fn norm_text(&self, r: &Range<usize>) -> &str {
        self.norm.text.get(r.clone()).unwrap_or("")
    }
    /// The block containing normalised offset `n`.
    pub fn block_at(&self, n: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.norm.start <= n);
        i.checked_sub(1).filter(|&i| n <= self.blocks[i].norm.end)
    }
    /// The sentence containing normalised offset `n`.
    pub fn sentence_at(&self, n: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.norm.start <= n);
        i.checked_sub(1).filter(|&i| n < self.sentences[i].norm.end.max(self.sentences[i].norm.start + 1))
    }
    /// Figures whose normalised range lies inside `r`, in order.
    pub fn figures_in(&self, r: &Range<usize>) -> &[Figure] {
        let a = self.figures.partition_point(|f| f.norm.start < r.start);
        let b = self.figures.partition_point(|f| f.norm.start < r.end);
        &self.figures[a..b.max(a)]
    }
    /// Dates whose normalised range starts inside `r`, in order.
    pub fn dates_in(&self, r: &Range<usize>) -> &[DateMention] {
        let a = self.dates.partition_point(|f| f.norm.start < r.start);
        let b = self.dates.partition_point(|f| f.norm.start < r.end);
        &self.dates[a..b.max(a)]
    }
    /// The numbered paragraph a block belongs to (itself, or the paragraph a list item follows).
    pub fn paragraph_of(&self, block: usize) -> Option<u32> {
        self.blocks.get(block).and_then(|b| b.paragraph)
    }
    /// Is the paper a compilation of several (speeches, questions and replies)?
    pub fn is_compilation(&self) -> bool {
        self.scopes.len() > 1
    }
    /// The scope holding normalised offset `n` (0 for a paper of one scope).
    pub fn scope_at(&self, n: usize) -> usize {
        self.scopes.partition_point(|s| s.norm.start <= n).saturating_sub(1)
    }
    /// The scope holding block `b`.
    pub fn scope_of_block(&self, b: usize) -> usize {
        self.scopes.partition_point(|s| s.blocks.start <= b).saturating_sub(1)
    }
    /// The part of the paper what is at normalised offset `n` is judged in: its scope, with a
    /// reply joined to the question it answers (what the question states, the reply restates).
    pub fn judged_scope(&self, n: usize) -> usize {
        if self.scopes.is_empty() {
            return 0;
        }
        let s = self.scope_at(n);
        let answers =
            s > 0 && self.scopes[s].kind == ScopeKind::Reply && self.scopes[s - 1].kind == ScopeKind::Question;
        if answers { s - 1 } else { s }
    }
    /// Each scope's blocks, in order; the whole paper once when it has no scopes recorded.
    pub fn scope_blocks(&self) -> Vec<Range<usize>> {
        if self.scopes.is_empty() {
            std::iter::once(0..self.blocks.len()).collect()
        } else {
            self.scopes.iter().map(|s| s.blocks.clone()).collect()
        }
    }
}

/// One part of a compilation: a speaker's turn, a question, its reply, or what comes before the
/// first of them; or the whole of a paper that is not a compilation.
#[derive(Debug, Clone, Serialize)]
pub struct Scope {
    pub kind: ScopeKind,
    /// Indices into [`Document::blocks`].
    pub blocks: Range<usize>,
    /// The scope's part of the normalised text: scopes follow one another with no gap.
    #[serde(skip)]
    pub norm: Range<usize>,
    pub span: Span,
    /// The block that opens the scope (`14. 郭榮鏗議員：…`, `SECRETARY FOR SECURITY`), if any:
    /// its label numbers the compilation's questions, not the scope's own paragraphs.
    pub opener: Option<usize>,
    /// Who speaks, as written (`郭榮鏗議員`, `SECRETARY FOR SECURITY`), for a speaker's turn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScopeKind {
    /// A paper that is not a compilation.
    Paper,
    /// What comes before the first turn: a sitting's title page, its attendance.
    Front,
    /// A numbered question (`14. 郭榮鏗議員：`), or one opened by `Question:`.
    Question,
    /// A reply: the turn after a question, or one opened by `答覆：`/`Reply:`.
    Reply,
    /// Any other speaker's turn.
    Speech,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    #[default]
    Unknown,
    Chinese,
    English,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaperDate {
    #[serde(serialize_with = "ser_date")]
    pub date: Date,
    pub origin: DateOrigin,
    /// Where the date is written in the paper, if it came from the paper.
    pub span: Option<Span>,
    /// The last day the date allows: `date` itself, or the month's last day for a paper dated
    /// only by its month (`二零二零年五月`).
    #[serde(serialize_with = "ser_date")]
    pub last: Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrigin {
    /// The first date in the paper's header.
    Header,
    /// A date in the closing lines (signature block), used when the header has none.
    Trailer,
    /// A press release's `today (July 26, 2023)`, or a dateline that opens the text (`CANBERRA,
    /// 14 May 2002 –`, `新華社北京2月22日電`).
    Dateline,
    /// A line with the date repeated at the top of every page (`立法會 ─ 2013年2月20日`).
    RunningHeader,
    /// The `date:` of a YAML front matter that an archive put before the paper.
    FrontMatter,
    /// `date` in `policy-lint.toml`.
    Config,
    /// `--date` on the command line.
    CommandLine,
}

#[derive(Debug, Clone, Serialize)]
pub struct Title {
    pub text: String,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    Footnote,
    TableRow,
}

/// The label that opens a numbered paragraph or list item, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub style: LabelStyle,
    /// The ordinal value: 18 for `1 8 .`, 2 for `(b)`.
    pub value: u32,
    /// The label's own text, normalised (`18.`, `(b)`).
    pub text: String,
    pub span: Span,
    /// The outer levels of a decimal label: `[2]` for `2.3`, `[2, 3]` for `2.3.1`; empty for
    /// every other style.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prefix: Vec<u32>,
    /// The other values of a group of labels answered together (`(一)、(三)及(四)` → 3, 4);
    /// empty for a single label.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabelStyle {
    /// `1.` `2.` …
    Arabic,
    /// `(a)` `(b)` …
    LetterParen,
    /// `1.1` `1.2` `2.1.3` …: the value is the last part, the rest is [`Label::prefix`].
    Decimal,
    /// `(i)` `(ii)` … (an `(i)` right after `(h)` is a letter).
    RomanParen,
    /// `I.` `II.` …, as agendas number their sections.
    RomanUpper,
    /// `一、` `二、` …
    ChineseComma,
    /// `（一）` `(二)` …
    ChineseParen,
    /// `①` `②` …
    Circled,
    /// `§ 53.`: Hansard question numbers, which need not start at 1.
    Section,
    /// `Annex A`, `Appendix 2`, `附件 B`, `附錄1`: a heading that opens an annex.
    Annex(AnnexKind),
}

/// The word a paper names its annexes with; `Annex B` and `Appendix B` are different things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnnexKind {
    /// `Annex`, `附件`.
    Annex,
    /// `Appendix`, `附錄` / `附录`.
    Appendix,
    /// `Enclosure`.
    Enclosure,
}

impl AnnexKind {
    pub fn noun(self) -> &'static str {
        match self {
            AnnexKind::Annex => "annex",
            AnnexKind::Appendix => "appendix",
            AnnexKind::Enclosure => "enclosure",
        }
    }
}

/// A reference to a part of the paper itself.
#[derive(Debug, Clone, Serialize)]
pub struct CrossRef {
    pub kind: CrossRefKind,
    /// The number referred to (`B` is 2).
    pub target: u32,
    /// The target as written, normalised (`12`, `B`).
    pub text: String,
    /// The target's own span (the `12` of `第 12 段`).
    pub span: Span,
    #[serde(skip)]
    pub norm: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CrossRefKind {
    /// `第 12 段`, `paragraph 12`.
    Paragraph,
    /// `附件 B`, `Annex B`.
    Annex(AnnexKind),
}

#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Boxed: most blocks of a long paper have none, and a label is 72 bytes.
    pub label: Option<Box<Label>>,
    /// The numbered paragraph this block is or belongs to.
    pub paragraph: Option<u32>,
    /// Byte range from the start of the first line to the end of the last (labels included).
    pub span: Span,
    /// The block's content in the normalised text.
    #[serde(skip)]
    pub norm: Range<usize>,
    /// Original line ranges of the content, in order. A paragraph interrupted by a page's
    /// footnotes has a gap.
    #[serde(skip)]
    pub lines: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    pub block: usize,
    pub span: Span,
    #[serde(skip)]
    pub norm: Range<usize>,
}

/// The second reading of a paper whose run-ins were cut ([`Document::cut`]).
#[derive(Debug, Clone, Default)]
pub struct Recut {
    /// The sentences cut half-way between [`Document::sentences`]' cuts.
    pub sentences: Vec<Sentence>,
    /// Where [`Document::sentences`] cut run-ins, in order.
    pub cuts: Vec<usize>,
    /// Where [`Recut::sentences`] cut them, in order.
    pub recuts: Vec<usize>,
}

impl Recut {
    /// Does a finding at `offset` belong to the first reading (the one whose nearest cut is
    /// farther from it; on a tie, the first)?
    pub fn first_reads(&self, offset: usize) -> bool {
        fn distance(cuts: &[usize], at: usize) -> usize {
            let i = cuts.partition_point(|&c| c < at);
            let after = cuts.get(i).map_or(usize::MAX, |&c| c - at);
            let before = i.checked_sub(1).and_then(|i| cuts.get(i)).map_or(usize::MAX, |&c| at - c);
            after.min(before)
        }
        distance(&self.cuts, offset) >= distance(&self.recuts, offset)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FootnoteDef {
    pub number: u32,
    /// The marker at the start of the definition.
    pub label_span: Span,
    pub span: Span,
    /// Index into [`Document::blocks`].
    pub block: usize,
    /// A note numbered in brackets in the text (`(1) …` under a table, `[1] …` at the end of a
    /// release) rather than in a footnote area: notes after the last one a marker names are the
    /// table's general notes, and markers past the last note are column numbers.
    #[serde(skip)]
    pub inline: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FootnoteRef {
    pub number: u32,
    pub span: Span,
    #[serde(skip)]
    pub norm: Range<usize>,
}

/// A table read from its layout: rows of a label and then as many figures as the table has
/// columns, one row after another (a row a line, or rows run together on one line as PDF
/// extraction leaves them).
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub span: Span,
    /// How many figure columns every row has.
    pub columns: usize,
    /// The line before the first row ends with a figure: a row the layout could not read (a
    /// word in a figure's place) may belong to the table, so a total of the rows from the top
    /// is read with doubt.
    pub ragged_start: bool,
    /// The text before the first row that heads the table (its title, column names, units).
    pub header: Span,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableRow {
    pub span: Span,
    /// The row's label, as written (`Indonesia`, `小計`).
    pub label: Span,
    /// Each column's figure, by index into [`Document::figures`].
    pub cells: Vec<usize>,
    /// Some figures were read as one number written in groups of three (`1 197`): the split
    /// into cells was chosen by the reader, not given by the layout.
    pub grouped: bool,
}

/// A stated quantity.
#[derive(Debug, Clone)]
pub struct Figure {
    pub span: Span,
    pub norm: Range<usize>,
    /// The stated value, in the unit of its kind (60 for `60%`, 860000000 for `8億6千萬港元`,
    /// 2/3 for `三分之二`, 0.7 for `七成`).
    pub value: Q,
    /// The values the statement allows: its rounding, widened or bounded by its qualifier.
    pub interval: Interval,
    /// Half the unit of the last significant digit (0 for an exact count).
    pub rounding: Q,
    pub kind: FigureKind,
    pub qualifier: Option<Qualifier>,
    /// Span of the qualifier word(s), when there is one.
    pub qualifier_span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FigureKind {
    /// `12%`, `百分之十二`, and `一成二` (tenths: `七成` is 70%).
    Percent,
    PercentagePoints,
    /// A count with its classifier (`家`, `個`) or, in English, its noun (`members`).
    Count {
        classifier: String,
    },
    Money {
        currency: String,
    },
    /// `三分之二`: the value is the proportion.
    Fraction,
    /// `4 倍`, `3 times`.
    Multiple,
    /// `1：2`: the value is left / right.
    Ratio {
        left: String,
        right: String,
    },
    /// `兩年`, `4 個月`.
    Duration {
        unit: String,
    },
    /// A number with no unit the parser knows.
    Number,
}

impl Figure {
    /// The figure as written, normalised (`264,000宗`, `$486.6 billion`): read from the
    /// document's text rather than kept, since a long paper has hundreds of thousands of figures.
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        doc.norm_text(&self.norm)
    }

    /// Does `other` state this figure again? One's value is one the other's statement allows
    /// (`2.65%` restates `2.7%`, `over 4 000` restates `4 000`). Two figures whose roundings only
    /// touch — `2.7%` and `2.6%`, both allowing 2.65 — state two values.
    pub fn restated_by(&self, other: &Figure) -> bool {
        // `more than $15m` and `more than $15 million` state one number with one bound; `more
        // than $25m` states another, though each bound allows the other's value. With the same
        // qualifier, the numbers as written must agree within their rounding.
        if let (Some(a), Some(b)) = (self.qualifier, other.qualifier)
            && a == b
        {
            let gap = (&self.value - &other.value).abs();
            return gap <= &self.rounding + &other.rounding;
        }
        self.interval.contains(&other.value) || other.interval.contains(&self.value)
    }
}

impl FigureKind {
    pub fn name(&self) -> &'static str {
        match self {
            FigureKind::Percent => "percent",
            FigureKind::PercentagePoints => "percentage-points",
            FigureKind::Count { .. } => "count",
            FigureKind::Money { .. } => "money",
            FigureKind::Fraction => "fraction",
            FigureKind::Multiple => "multiple",
            FigureKind::Ratio { .. } => "ratio",
            FigureKind::Duration { .. } => "duration",
            FigureKind::Number => "number",
        }
    }
    /// What [`FigureKind::comparable`] compares: two kinds are comparable exactly when their
    /// keys are equal, so figures can be indexed by it.
    pub fn comparable_key(&self) -> (&'static str, &str) {
        match self {
            FigureKind::Count { classifier: s }
            | FigureKind::Money { currency: s }
            | FigureKind::Duration { unit: s } => (self.name(), s),
            _ => (self.name(), ""),
        }
    }
    /// Could two figures of these kinds measure the same thing?
    pub fn comparable(&self, other: &FigureKind) -> bool {
        match (self, other) {
            (FigureKind::Count { classifier: a }, FigureKind::Count { classifier: b }) => a == b,
            (FigureKind::Money { currency: a }, FigureKind::Money { currency: b }) => a == b,
            (FigureKind::Duration { unit: a }, FigureKind::Duration { unit: b }) => a == b,
            (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
        }
    }
}

/// A word that widens or bounds a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// 約, about, around, some: a band around the value.
    About,
    /// 超過, 逾, over, more than: above the value.
    Over,
    /// 至少, 以上, at least: the value or above.
    AtLeast,
    /// 多, 餘 after the digits (`600 多`): from the value up to the next unit of its last digit.
    Plus,
    /// 近, nearly, almost: a little below the value, up to it.
    Nearly,
    /// 不足, less than, under: below the value.
    Under,
    /// 不超過, up to, at most: the value or below.
    AtMost,
}

/// A date or period mentioned in the paper.
#[derive(Debug, Clone, Serialize)]
pub struct DateMention {
    pub span: Span,
    #[serde(skip)]
    pub norm: Range<usize>,
    pub text: String,
    #[serde(serialize_with = "ser_date")]
    pub start: Date,
    #[serde(serialize_with = "ser_date")]
    pub end: Date,
    pub granularity: Granularity,
    /// Where the year came from.
    pub year: YearSource,
    /// A weekday written with the date (`Monday, 4 November 2019`, `2019年11月4日（星期一）`),
    /// and where.
    #[serde(skip)]
    pub weekday: Option<(Weekday, Span)>,
}

/// A time expression as a period, for comparing the periods figures are stated for.
#[derive(Debug, Clone)]
pub struct Period {
    pub norm: Range<usize>,
    pub start: Date,
    pub end: Date,
    /// The year is not known: `start` and `end` are read against a stand-in year, so only
    /// their months and days mean anything.
    pub floating: bool,
}

impl Period {
    /// Can two time expressions name the same period? Floating ones are compared by month and
    /// day only.
    pub fn same(&self, other: &Period) -> bool {
        if self.floating || other.floating {
            let md = |d: Date| (d.month(), d.day());
            let span = |p: &Period| p.start.until(p.end).ok().map(|s| s.get_days());
            md(self.start) == md(other.start) && md(self.end) == md(other.end) && span(self) == span(other)
        } else {
            self.start == other.start && self.end == other.end
        }
    }
}

/// Two dates written as the start and the end of one period: `2018 年 7 月至 2017 年 3 月`,
/// `from 2025-26 to 2020-21`, `2014 至 2019 年`. Each end is resolved on its own, in the order
/// written; for a range written as one mention the ends are its two halves.
#[derive(Debug, Clone, Serialize)]
pub struct DateRange {
    pub from: DateMention,
    pub to: DateMention,
    /// The word or dash between them (`至`, `to`, `–`).
    pub connector: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Granularity {
    Day,
    Month,
    Quarter,
    Half,
    Year,
    FiscalYear,
    SchoolYear,
    /// A span between two dates (`2014 至 2019 年`, `4 至 8 日`).
    Range,
    /// Part of a month or year: `月底`, `end-March`, `首 4 個月`.
    Part,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum YearSource {
    /// Written out (`2019 年`, `April 2019`).
    Explicit,
    /// Relative to the paper's date (`去年`, `last year`).
    Relative,
    /// Taken from an explicit year earlier in the same paragraph (`於 12 月`).
    Context,
    /// Assumed to be the paper's year; rules treat such dates with care.
    Assumed,
}

/// A number the parser could not interpret.
#[derive(Debug, Clone, Serialize)]
pub struct Unparsed {
    pub span: Span,
    pub text: String,
    pub reason: String,
}

fn ser_date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}
