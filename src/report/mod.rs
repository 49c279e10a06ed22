//! Renderers: a checked run's results as a human report, JSON (SPEC §3), SARIF 2.1.0 or
//! GitHub Actions workflow commands.

mod github;
mod human;
mod json;
mod sarif;

use std::sync::Arc;

use crate::document::{Format, LineIndex};
use crate::rules::{Finding, Severity};

pub use github::Github;
pub use human::{Human, Style};
pub use json::Json;
pub use sarif::Sarif;

/// One checked file and what was found in it.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as given or walked.
    pub path: String,
    /// The format the file was read as.
    pub format: Format,
    /// The decoded text the spans index into (empty when the file could not be read).
    pub text: Arc<str>,
    /// Maps spans of `text` back to bytes of the file.
    pub offsets: crate::document::OffsetMap,
    /// Findings, sorted by position.
    pub findings: Vec<Finding>,
}

impl FileReport {
    /// Line and column (1-based, in characters) of a text offset.
    #[must_use]
    pub fn line_col(&self, lines: &LineIndex, offset: usize) -> (usize, usize) {
        lines.line_col(&self.text, offset)
    }
}

/// A rule's metadata, for reports that describe the rules as well as the findings (SARIF).
#[derive(Debug, Clone)]
pub struct RuleInfo {
    /// The rule id (`ukrinform/first-paragraph-link`).
    pub id: String,
    /// One line saying what the rule finds.
    pub summary: String,
    /// How to fix a finding of the rule (may hold `{placeholders}` filled per finding).
    pub help: String,
    /// Where the rule's terms come from; empty when there is no such page.
    pub url: String,
    /// The severity the run gives the rule.
    pub severity: crate::rules::Severity,
}

/// Counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Note findings.
    pub notes: usize,
}

impl Summary {
    /// Counts the findings of `files`.
    #[must_use]
    pub fn of(files: &[FileReport]) -> Self {
        let mut summary = Self {
            files: files.len(),
            ..Self::default()
        };
        for finding in files.iter().flat_map(|f| &f.findings) {
            match finding.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Note => summary.notes += 1,
            }
        }
        summary
    }
}

impl Summary {
    /// Adds the counts of one more file.
    pub fn add(&mut self, file: &FileReport) {
        let one = Self::of(std::slice::from_ref(file));
        self.files += one.files;
        self.errors += one.errors;
        self.warnings += one.warnings;
        self.notes += one.notes;
    }
}

/// Renders a whole run.
pub trait Reporter: Sync {
    /// Writes the report of `files` (sorted by path) to `out`.
    fn report(&self, files: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()>;

    /// Whether the report is made of pieces ([`Reporter::piece`]).
    fn streams(&self) -> bool {
        false
    }

    /// For a report made of one independent piece per file, then a closing part: the piece of
    /// `file`, rendered on any thread as soon as the file is checked, so a run need not keep
    /// every file's text to the end. `None` for reports that are one structure (JSON, SARIF).
    fn piece(&self, _file: &FileReport) -> Option<std::io::Result<String>> {
        None
    }

    /// The closing part of a report made of pieces, written after the last piece.
    fn closing(&self, _summary: &Summary, _out: &mut dyn std::io::Write) -> std::io::Result<()> {
        Ok(())
    }
}
