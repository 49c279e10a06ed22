//! Rules: severities, findings, rule packs loaded from data, and the engine that runs them.
//!
//! Nothing here prints, reads files or renders: a rule reads a [`Document`] and returns
//! [`Finding`]s carrying spans; `report/` attaches the source text.
//!
//! [`Document`]: crate::document::Document

mod align;
mod citation;
mod cue_set;
pub mod engine;
mod host;
mod kinds;
pub mod pack;
mod prefilter;
pub mod registry;
mod suppress;

use std::fmt;
use std::sync::Arc;

use crate::document::Span;

pub use citation::prepare as prepare_patterns;
pub use engine::Engine;
pub use pack::{Pack, PackError, Rule, RuleKind};

/// A metadata key as packs name it and documents spell it: `source_url`, `source-url`,
/// `sourceURL` and `SourceUrl` are one key (Hugo and Jekyll themes write either).
pub(crate) fn meta_key_form(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Note,
    /// Should be fixed; fails a run only with `--fail-on warning`.
    Warning,
    /// Breaks the terms; fails the run.
    Error,
}

impl Severity {
    /// The lower-case name used in reports and configuration.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "note" => Ok(Self::Note),
            "warning" => Ok(Self::Warning),
            "error" => Ok(Self::Error),
            other => Err(format!(
                "`{other}` is not a severity (expected note, warning or error)"
            )),
        }
    }
}

/// A labelled span: where a finding points and what it says there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The span in the document text.
    pub span: Span,
    /// A short lower-case phrase about the span.
    pub message: String,
}

impl Label {
    /// A label at `span` saying `message`.
    #[must_use]
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
        }
    }
}

/// One violation found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule id (`ukrinform/first-paragraph-link`, `citelint/io-error`).
    pub rule: Arc<str>,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// The primary label: where it is wrong.
    pub primary: Label,
    /// Secondary labels: context such as the citation that triggered the rule.
    pub labels: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// Where the rule's terms come from.
    pub url: Option<String>,
}

impl Finding {
    /// A finding of `rule` at `primary`.
    #[must_use]
    pub fn new(rule: &Arc<str>, severity: Severity, message: String, primary: Label) -> Self {
        Self {
            rule: Arc::clone(rule),
            severity,
            message,
            primary,
            labels: Vec::new(),
            help: None,
            url: None,
        }
    }

    /// Adds a secondary label, unless one already stands at the same span.
    #[must_use]
    pub fn with_label(mut self, label: Label) -> Self {
        if label.span != self.primary.span && !self.labels.iter().any(|l| l.span == label.span) {
            self.labels.push(label);
        }
        self
    }

    /// Sets the help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the terms URL.
    #[must_use]
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Every label, primary first, sorted by position after it.
    pub fn all_labels(&self) -> impl Iterator<Item = &Label> {
        std::iter::once(&self.primary).chain(self.labels.iter())
    }
}

/// Fills `{name}` placeholders of a message template; unknown ones are kept as written.
#[must_use]
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if let Some(close) = after.find('}') {
            let name = &after[..close];
            if let Some((_, value)) = vars.iter().find(|(k, _)| *k == name) {
                out.push_str(value);
            } else {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
            rest = &after[close + 1..];
        } else {
            out.push_str(&rest[open..]);
            rest = "";
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_placeholders_and_keeps_unknown_ones() {
        assert_eq!(fill("{a} and {b} and {", &[("a", "x")]), "x and {b} and {");
    }

    #[test]
    fn severities_order_from_note_to_error() {
        assert!(Severity::Note < Severity::Warning && Severity::Warning < Severity::Error);
        assert_eq!("warning".parse::<Severity>(), Ok(Severity::Warning));
        assert!("fatal".parse::<Severity>().is_err());
    }
}
