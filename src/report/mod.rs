//! Renderers: a checked run's results as a human report, JSON (SPEC §3), SARIF 2.1.0 or
//! GitHub Actions workflow commands.

mod github;
mod human;
mod json;
mod sarif;
mod snippet;

use std::sync::Arc;

use crate::document::{Format, LineIndex};
use crate::rules::{Finding, Severity};

pub use github::{Github, run_error as github_run_error};
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
        let mut summary = Self::default();
        for file in files {
            summary.add(file);
        }
        summary
    }

    /// Adds the counts of one more file.
    pub fn add(&mut self, file: &FileReport) {
        self.files += 1;
        for finding in &file.findings {
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Note => self.notes += 1,
            }
        }
    }
}

/// Renders a whole run.
pub trait Reporter: Sync {
    /// Writes the report of `files` (sorted by path) to `out`.
    fn report(&self, files: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()>;

    /// Whether the report is made of pieces ([`Reporter::piece`]) and a closing part; not
    /// for reports that are one structure (JSON, SARIF).
    fn streams(&self) -> bool {
        false
    }

    /// The piece of `file` in a report that [streams](Reporter::streams), rendered on any
    /// thread as soon as the file is checked, so a run need not keep every file's text to
    /// the end. Empty for other reports.
    fn piece(&self, _file: &FileReport) -> std::io::Result<String> {
        Ok(String::new())
    }

    /// The closing part of a report made of pieces, written after the last piece.
    fn closing(&self, _summary: &Summary, _out: &mut dyn std::io::Write) -> std::io::Result<()> {
        Ok(())
    }
}
