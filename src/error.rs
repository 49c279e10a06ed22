//! Errors about the run itself: a rule pack or configuration file that cannot be used.

use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};

/// A TOML file (rule pack or configuration) that cannot be used, with the span it is about,
/// or without one when the file cannot be read at all.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
pub struct TomlError {
    message: String,
    #[source_code]
    source_code: Option<NamedSource<Arc<str>>>,
    #[label("{label}")]
    span: Option<SourceSpan>,
    label: String,
    #[help]
    help: Option<String>,
}

impl TomlError {
    /// An error at `span` of the file `name` whose text is `text`.
    pub(crate) fn new(
        name: &str,
        text: &Arc<str>,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        let start = span.start.min(text.len());
        let end = span.end.clamp(start, text.len());
        Self {
            message: message.into(),
            source_code: Some(NamedSource::new(name, Arc::clone(text))),
            span: Some((start..end).into()),
            label: label.into(),
            help: None,
        }
    }

    /// An error about a file that has no text to show: it cannot be read. The message
    /// names the file.
    pub(crate) fn unreadable(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source_code: None,
            span: None,
            label: String::new(),
            help: None,
        }
    }

    /// Adds a help line.
    #[must_use]
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The error message.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The help line, if any.
    #[must_use]
    pub fn help_text(&self) -> Option<&str> {
        self.help.as_deref()
    }
}
