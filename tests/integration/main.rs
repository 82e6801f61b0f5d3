//! The integration tests, as one test binary. Each `tests/*.rs` file used to be a binary of its
//! own, and each linked the whole crate and its dependencies again: the link steps alone were
//! minutes of a clean `cargo test` on two cores. A new test file goes here as a module (it
//! could go straight into `tests/`, but it would then be a binary of its own again).
//!
//! Paths inside these modules (`insta::glob!`, `include_str!`) are relative to this directory;
//! snapshots are in `snapshots/` beside it, named `integration__<module>__<test>`. Run one
//! module with a filter: `cargo test --test integration readme::`.

#[path = "../common/mod.rs"]
mod common;

mod action;
mod cli;
mod cli_commands;
mod cli_fix;
mod cli_formats;
mod cli_policy;
mod commissioning_paper;
mod commissioning_wording;
mod corpus;
mod date_rules;
mod edits;
mod fixtures;
mod hostile;
mod properties;
mod readers;
mod readme;
mod registry;
mod regressions;
mod report_browser;
mod samples;
mod server;
