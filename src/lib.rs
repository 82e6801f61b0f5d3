//! policy-lint: finds what does not add up inside a policy paper.
//!
//! The pipeline, in module order: [`source`] (bytes, normalised view, offset map, line index) →
//! [`parse`] (nom parsers) → [`document`] (the spanned model) → [`claims`] (what the paper states
//! about its figures, read once) → [`rules`] (judging claims) → [`diagnostic`] → [`output`]. [`config`] layers the built-in rule defaults under the project's
//! `policy-lint.toml`; [`lint`] runs the pipeline on one file and applies the [`suppress`]ions;
//! [`baseline`] recognises findings again; [`cli`] is the command line and [`server`] the language
//! server, two front ends over the same pipeline.

pub mod baseline;
pub mod claims;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod fix;
pub mod lint;
pub mod output;
pub mod parse;
pub mod quantity;
pub mod read;
pub mod rules;
pub mod server;
pub mod source;
pub mod suppress;
pub mod watch;
