//! The human report: miette's graphical handler with source snippets, one diagnostic per
//! finding, then a summary line.

use std::fmt;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use super::{FileReport, Reporter, Summary};
use crate::rules::{Finding, Severity};

/// How the human report looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Wrap width.
    pub width: usize,
}

/// Renders findings as miette reports.
#[derive(Debug)]
pub struct Human {
    style: Style,
    quiet: bool,
}

impl Human {
    /// A renderer with the given style.
    #[must_use]
    pub fn new(style: Style) -> Self {
        Self { style, quiet: false }
    }

    /// Leaves out the summary line.
    #[must_use]
    pub fn quiet(mut self, quiet: bool) -> Self {
        self.quiet = quiet;
        self
    }

    fn handler(&self) -> GraphicalReportHandler {
        let theme = if self.style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        GraphicalReportHandler::new_themed(theme)
            .with_width(self.style.width)
            .with_links(false)
            .with_context_lines(1)
    }
}

/// A finding with its file attached, as miette wants it.
struct Rendered<'a> {
    finding: &'a Finding,
    source: NamedSource<std::sync::Arc<str>>,
    help: Option<String>,
    /// The primary label as shown: a span of many lines is cut to its first line.
    primary: LabeledSpan,
    /// Whether there is source text to show at all.
    has_source: bool,
}

/// Spans longer than this many lines show only their first line in the human report.
const MAX_SPAN_LINES: usize = 4;

fn shown_primary(finding: &Finding, text: &str) -> LabeledSpan {
    let span = finding.primary.span.clone();
    let body = text.get(span.clone()).unwrap_or("");
    let lines = body.lines().count();
    if lines <= MAX_SPAN_LINES {
        return LabeledSpan::new_primary_with_span(Some(finding.primary.message.clone()), span);
    }
    let first_line = body.find(['\r', '\n']).unwrap_or(body.len());
    let message = format!("{} ({lines} lines from here)", finding.primary.message);
    LabeledSpan::new_primary_with_span(Some(message), span.start..span.start + first_line)
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rendered").field("rule", &self.finding.rule).finish()
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl Diagnostic for Rendered<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&*self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.has_source.then_some(&self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if !self.has_source {
            return None;
        }
        let rest = self.finding.labels.iter().map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), l.span.clone()));
        Some(Box::new(std::iter::once(self.primary.clone()).chain(rest)))
    }
}

impl Reporter for Human {
    fn report(&self, files: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let handler = self.handler();
        for file in files {
            for finding in &file.findings {
                let help = match (&finding.help, &finding.url) {
                    (Some(help), Some(url)) => Some(format!("{help}\nterms: {url}")),
                    (Some(help), None) => Some(help.clone()),
                    (None, Some(url)) => Some(format!("terms: {url}")),
                    (None, None) => None,
                };
                let rendered = Rendered {
                    finding,
                    source: NamedSource::new(&file.path, std::sync::Arc::clone(&file.text)),
                    help,
                    primary: shown_primary(finding, &file.text),
                    has_source: !file.text.is_empty(),
                };
                let mut text = String::new();
                handler.render_report(&mut text, &rendered).map_err(std::io::Error::other)?;
                writeln!(out, "{}", text.trim_end())?;
                writeln!(out)?;
            }
        }
        if self.quiet {
            return Ok(());
        }
        writeln!(out, "{}", summary_line(&Summary::of(files)))
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// The closing line of a human report.
#[must_use]
pub(crate) fn summary_line(summary: &Summary) -> String {
    let files = plural(summary.files, "file");
    if summary.errors + summary.warnings + summary.notes == 0 {
        return format!("{files} checked: no problems found");
    }
    let mut parts = Vec::new();
    for (n, word) in [(summary.errors, "error"), (summary.warnings, "warning"), (summary.notes, "note")] {
        if n > 0 {
            parts.push(plural(n, word));
        }
    }
    format!("{files} checked: {}", parts.join(", "))
}
