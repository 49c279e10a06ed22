//! citelint checks documents that republish a news agency's material against that agency's
//! citation terms, and reports violations as precise diagnostics.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod config;
pub mod document;
pub mod error;
pub mod fs;
pub mod hash;
pub mod report;
pub mod rules;
