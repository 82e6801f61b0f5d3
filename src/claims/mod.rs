//! The claims stage: what a paper states about its own figures, read once and queried by every
//! rule.
//!
//! The document model says *what is written* (blocks, figures with their exact values and
//! intervals, dates); this stage says *what is claimed*: which figures are a total and its parts,
//! which state a change between two others, which list a stated count announces. Rules judge
//! claims; they do not search the text for their own phrasings. Like ruff's semantic model, each
//! kind of claim is read on first use and then shared: [`Claims::breakdowns`] is read once
//! whether one rule asks for it or four.
//!
//! The words each reader recognises are data, per language, in `rules/parts.toml` (its `[lists]`
//! tables for lists), `rules/changes.toml`, `rules/balances.toml`, `rules/orders.toml`, `rules/marks.toml`,
//! `rules/tallies.toml`, `rules/partitions.toml`, `rules/events.toml`, `rules/days.toml`, `rules/streaks.toml`, `rules/lengths.toml`
//! and `rules/averages.toml`.

pub mod averages;
pub mod changes;
pub mod dates;
pub mod days;
pub mod differences;
pub mod events;
pub mod headlines;
pub mod inline_items;
pub mod lengths;
pub mod lists;
pub mod marks;
pub mod orders;
pub mod partitions;
pub mod parts;
pub mod quantity;
pub mod rates;
pub mod shares;
pub mod streaks;
pub mod support;
pub mod tables;
pub mod tallies;
pub mod terms;

use std::sync::OnceLock;

use crate::document::Document;

/// The claims of one document, each kind read on first use.
#[derive(Debug)]
pub struct Claims<'d> {
    pub doc: &'d Document,
    averages: OnceLock<Vec<averages::Average>>,
    breakdowns: OnceLock<Vec<parts::Breakdown>>,
    changes: OnceLock<Vec<changes::Change>>,
    differences: OnceLock<Vec<differences::Difference>>,
    events: OnceLock<Vec<events::Event>>,
    days: OnceLock<days::Days>,
    restatements: OnceLock<Vec<headlines::Restatement>>,
    rates: OnceLock<Vec<rates::RateBreakdown>>,
    items: OnceLock<Vec<parts::Item>>,
    lists: OnceLock<Vec<lists::ListClaim>>,
    orders: OnceLock<Vec<orders::Order>>,
    digit_classes: OnceLock<Vec<orders::DigitClass>>,
    marks: OnceLock<Vec<marks::MarkedRange>>,
    tallies: OnceLock<Vec<tallies::Tally>>,
    shares: OnceLock<(Vec<shares::Share>, Vec<shares::Implied>)>,
    streaks: OnceLock<Vec<streaks::Streak>>,
    lengths: OnceLock<Vec<lengths::Length>>,
    inline_runs: OnceLock<Vec<inline_items::InlineRun>>,
}

impl<'d> Claims<'d> {
    pub fn new(doc: &'d Document) -> Self {
        Claims {
            doc,
            averages: OnceLock::new(),
            breakdowns: OnceLock::new(),
            changes: OnceLock::new(),
            differences: OnceLock::new(),
            events: OnceLock::new(),
            days: OnceLock::new(),
            restatements: OnceLock::new(),
            rates: OnceLock::new(),
            items: OnceLock::new(),
            lists: OnceLock::new(),
            orders: OnceLock::new(),
            digit_classes: OnceLock::new(),
            marks: OnceLock::new(),
            tallies: OnceLock::new(),
            shares: OnceLock::new(),
            streaks: OnceLock::new(),
            lengths: OnceLock::new(),
            inline_runs: OnceLock::new(),
        }
    }
    /// Every stated average with the total and the count it divides (`平均每個項目40萬元`).
    pub fn averages(&self) -> &[averages::Average] {
        self.averages.get_or_init(|| averages::read_averages(self.doc))
    }
    /// Every stated total with the figures given as its parts, in order of their totals.
    pub fn breakdowns(&self) -> &[parts::Breakdown] {
        self.breakdowns.get_or_init(|| parts::read_breakdowns(self))
    }
    /// Every stated change: a percentage, points or a multiple and the figures it relates, or a
    /// from–to pair with its direction.
    pub fn changes(&self) -> &[changes::Change] {
        self.changes.get_or_init(|| changes::read_changes(self.doc))
    }
    /// Every stated difference: a change in units, or a balance between two flows.
    pub fn differences(&self) -> &[differences::Difference] {
        self.differences.get_or_init(|| differences::read_differences(self))
    }
    /// Every dated founding of a body or scheme, and every time stated before or after one.
    pub fn events(&self) -> &[events::Event] {
        self.events.get_or_init(|| events::read_events(self.doc))
    }
    /// The days named against the paper's date or its dateline (`今（9）日`, `財政部18日公布`).
    pub fn days(&self) -> &days::Days {
        self.days.get_or_init(|| days::read_days(self.doc))
    }
    /// Every whole's rate of change stated with the rates of its parts (`同比上涨2.2%。其中，
    /// 城市上涨2.1%，农村上涨2.4%`), those not known to be all of it with the reason.
    pub fn rates(&self) -> &[rates::RateBreakdown] {
        self.rates.get_or_init(|| rates::read_rates(self.doc))
    }
    /// Every headline figure the body states again, with whether the two agree.
    pub fn restatements(&self) -> &[headlines::Restatement] {
        self.restatements.get_or_init(|| headlines::read_restatements(self))
    }
    /// Every run of rises or falls (`連續兩個月出現負增長`), with the rate stated before it.
    pub fn streaks(&self) -> &[streaks::Streak] {
        self.streaks.get_or_init(|| streaks::read_streaks(self.doc))
    }
    /// Every period stated with its length (`5 years from 2001 to 2005`, `2007年至2011年的5年間`).
    pub fn lengths(&self) -> &[lengths::Length] {
        self.lengths.get_or_init(|| lengths::read_lengths(self.doc))
    }
    /// Every share of a total named in words (`相等於商品進口貨值的 7.1%`).
    pub fn shares(&self) -> &[shares::Share] {
        &self.shares.get_or_init(|| shares::read_shares(self)).0
    }
    /// Shares of one total the paper never states, grouped: the totals they imply
    /// (`$3.9 billion or 1.1% of GDP`).
    pub fn implied_totals(&self) -> &[shares::Implied] {
        &self.shares.get_or_init(|| shares::read_shares(self)).1
    }
    /// Every enumerated item (`(a)`, `(一)`) in reading order.
    pub fn items(&self) -> &[parts::Item] {
        self.items.get_or_init(|| parts::read_enumerated(self.doc))
    }
    /// Every stated count with the lists the paper gives as its items, in order of their
    /// counts.
    pub fn lists(&self) -> &[lists::ListClaim] {
        self.lists.get_or_init(|| lists::read_lists(self.doc))
    }
    /// Every order two figures are stated in without a comparison word: a range's ends, a
    /// level and the threshold it passed.
    pub fn orders(&self) -> &[orders::Order] {
        self.orders.get_or_init(|| orders::read_orders(self.doc))
    }
    /// Every rate described by its number of digits (`双位数衰退`, `double-digit growth`), with
    /// the rate its sentence states.
    pub fn digit_classes(&self) -> &[orders::DigitClass] {
        self.digit_classes.get_or_init(|| orders::read_digit_classes(self.doc))
    }
    /// Every tally of rises and falls (`四涨四落`), with the rates listed after it.
    pub fn tallies(&self) -> &[tallies::Tally] {
        self.tallies.get_or_init(|| tallies::read_tallies(self.doc))
    }
    /// Every run of items a paragraph numbers inside its text (`(1) … (2) …`, `第一，…第二，`).
    pub fn inline_runs(&self) -> &[inline_items::InlineRun] {
        self.inline_runs.get_or_init(|| inline_items::read_inline_runs(self.doc))
    }
    /// Every note that puts the table rows it marks in a stated range, with those rows.
    pub fn marks(&self) -> &[marks::MarkedRange] {
        self.marks.get_or_init(|| marks::read_marks(self.doc, self.orders()))
    }
}
