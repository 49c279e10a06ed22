//! The human report: miette's graphical handler with source snippets, one diagnostic per
//! finding, then a summary line.

use std::fmt;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::snippet::{CONTEXT_LINES, Snippet};
use super::{FileReport, Reporter, Summary};
use crate::document::LineIndex;
use crate::rules::{Finding, Severity};

/// How the human report looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// How wide the report is: longer source lines are cut around the labels.
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
        Self {
            style,
            quiet: false,
        }
    }

    /// Leaves out the summary line.
    #[must_use]
    pub fn quiet(mut self, quiet: bool) -> Self {
        self.quiet = quiet;
        self
    }

    fn handler(&self) -> GraphicalReportHandler {
        let theme = if self.style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        GraphicalReportHandler::new_themed(theme)
            .with_width(self.style.width)
            .with_links(false)
            // A help line holds a snippet to paste (a link with its whole URL): wrapped, it
            // would break inside the URL. Terminals wrap long lines on their own.
            .with_wrap_lines(false)
            .with_context_lines(CONTEXT_LINES)
    }

    /// Characters of a source line shown whole; longer lines are cut around the labels.
    fn line_budget(&self) -> usize {
        // The gutter takes about eight columns.
        self.style.width.saturating_sub(8).max(40)
    }
}

/// A finding with its file attached, as miette wants it.
struct Rendered<'a> {
    finding: &'a Finding,
    /// The lines shown, if there is source text to show at all.
    source: Option<Snippet<'a>>,
    help: Option<String>,
    /// The primary label as shown: a span of many lines is cut to its first line.
    primary: LabeledSpan,
    /// The other labels as shown (see [`shown_labels`]).
    labels: Vec<(String, std::ops::Range<usize>)>,
}

/// Spans longer than this many lines show only their first line in the human report.
const MAX_SPAN_LINES: usize = 4;

/// A finding whose labels or context lines are longer than this many bytes is shown without
/// its source: miette cannot draw a label past column 65535 (it panics), and printing a
/// megabyte-long line again for every finding on it would flood the report.
const MAX_SHOWN_LINE: usize = 64 * 1024;

/// Whether the source miette would show for `labels` is too long to show: a label longer
/// than [`MAX_SHOWN_LINE`], or a line of a label or next to one that is.
fn too_long_to_show(lines: &LineIndex, text: &str, labels: &[LabeledSpan]) -> bool {
    labels.iter().any(|label| {
        if label.len() > MAX_SHOWN_LINE {
            return true;
        }
        let first = lines.line_of(label.offset()).saturating_sub(1);
        let last = lines.line_of(label.offset() + label.len()) + 1;
        (first..=last).any(|line| lines.line_range(text, line).len() > MAX_SHOWN_LINE)
    })
}

fn shown_primary(finding: &Finding, text: &str) -> LabeledSpan {
    let span = finding.primary.span.clone();
    let body = text.get(span.clone()).unwrap_or("");
    let lines = body.lines().count();
    let mut message = finding.primary.message.clone();
    let mut shown = span.clone();
    if lines > MAX_SPAN_LINES {
        shown.end = span.start + body.find(['\r', '\n']).unwrap_or(body.len());
        message = format!("{message} ({lines} lines from here)");
    }
    // miette draws a label nested inside another on the same line at the line's end, far
    // from its text: stop the primary underline where the first nested label begins.
    let single_line = !text.get(shown.clone()).unwrap_or("").contains(['\r', '\n']);
    if single_line
        && let Some(nested) = finding
            .labels
            .iter()
            .map(|l| l.span.start)
            .filter(|&s| s >= shown.start && s < shown.end)
            .min()
    {
        let head = text.get(shown.start..nested).unwrap_or("").trim_end();
        shown.end = shown.start + head.len();
    }
    LabeledSpan::new_primary_with_span(Some(message), shown)
}

/// The labels other than the primary as drawn: miette draws a label that holds another on the
/// same line past its end, far from its text. A label on one line that begins where another
/// it holds begins is drawn from after that one (`[Ukrinform][uk]` the link, `reports` the
/// citation); one that holds another further in ends before it.
fn shown_labels(finding: &Finding, text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let spans: Vec<_> = finding.labels.iter().map(|l| l.span.clone()).collect();
    finding
        .labels
        .iter()
        .map(|label| {
            let mut shown = label.span.clone();
            let one_line = !text.get(shown.clone()).unwrap_or("").contains(['\r', '\n']);
            let outer = label.span.clone();
            let held: Vec<_> = spans
                .iter()
                .filter(|s| **s != outer && s.start >= outer.start && s.end <= outer.end)
                .collect();
            if one_line {
                for inner in held {
                    if inner.start == shown.start {
                        let tail = text.get(inner.end..shown.end).unwrap_or("");
                        let trimmed = tail.trim_start_matches(|c: char| {
                            c.is_whitespace() || matches!(c, ',' | ';' | ':')
                        });
                        if !trimmed.trim().is_empty() {
                            shown.start = shown.end - trimmed.len();
                        }
                    } else {
                        let before = text.get(shown.start..inner.start).unwrap_or("").trim_end();
                        if !before.is_empty() {
                            shown.end = shown.start + before.len();
                        }
                    }
                }
            }
            (label.message.clone(), shown)
        })
        .collect()
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rendered")
            .field("rule", &self.finding.rule)
            .finish()
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
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let source = self.source.as_ref()?;
        let primary = self.primary.offset()..self.primary.offset() + self.primary.len();
        let primary = LabeledSpan::new_primary_with_span(
            self.primary.label().map(str::to_owned),
            source.span(&primary),
        );
        let rest = self.labels.iter().map(|(message, span)| {
            LabeledSpan::new_with_span(Some(message.clone()), source.span(span))
        });
        Some(Box::new(std::iter::once(primary).chain(rest)))
    }
}

impl Reporter for Human {
    fn report(&self, files: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        for file in files {
            out.write_all(self.piece(file)?.as_bytes())?;
        }
        self.closing(&Summary::of(files), out)
    }

    fn streams(&self) -> bool {
        true
    }

    fn piece(&self, file: &FileReport) -> std::io::Result<String> {
        let mut piece = String::new();
        if file.findings.is_empty() {
            return Ok(piece);
        }
        let handler = self.handler();
        let lines = LineIndex::new(&file.text);
        for finding in &file.findings {
            let mut help = match (&finding.help, &finding.url) {
                (Some(help), Some(url)) => Some(format!("{help}\nterms: {url}")),
                (Some(help), None) => Some(help.clone()),
                (None, Some(url)) => Some(format!("terms: {url}")),
                (None, None) => None,
            };
            let primary = shown_primary(finding, &file.text);
            let shown = shown_labels(finding, &file.text);
            let mut labels = vec![primary.clone()];
            labels.extend(
                shown
                    .iter()
                    .map(|(_, span)| LabeledSpan::new_with_span(None, span.clone())),
            );
            let too_long = too_long_to_show(&lines, &file.text, &labels);
            if too_long {
                let (line, column) = file.line_col(&lines, primary.offset());
                let at = format!(
                    "at {}:{line}:{column} (the line is too long to show)",
                    file.path
                );
                help = Some(help.map_or_else(|| at.clone(), |h| format!("{at}\n{h}")));
            }
            // No snippet for a line too long to show: cutting it would read it whole again
            // for every finding on it.
            let source = (!file.text.is_empty() && !too_long).then(|| {
                let spans: Vec<_> = labels
                    .iter()
                    .map(|l| l.offset()..l.offset() + l.len())
                    .collect();
                Snippet::new(
                    file.path.clone(),
                    &file.text,
                    &lines,
                    &spans,
                    self.line_budget(),
                )
            });
            let rendered = Rendered {
                finding,
                source,
                help,
                primary,
                labels: shown,
            };
            let mut text = String::new();
            if let Err(error) = handler.render_report(&mut text, &rendered) {
                return Err(std::io::Error::other(error));
            }
            piece.push_str(text.trim_end());
            piece.push_str("\n\n");
        }
        Ok(piece)
    }

    fn closing(&self, summary: &Summary, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        writeln!(out, "{}", summary_line(summary))
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The closing line of a human report.
#[must_use]
pub(crate) fn summary_line(summary: &Summary) -> String {
    let files = plural(summary.files, "file");
    if summary.errors + summary.warnings + summary.notes == 0 {
        return format!("{files} checked: no problems found");
    }
    let mut parts = Vec::new();
    for (n, word) in [
        (summary.errors, "error"),
        (summary.warnings, "warning"),
        (summary.notes, "note"),
    ] {
        if n > 0 {
            parts.push(plural(n, word));
        }
    }
    format!("{files} checked: {}", parts.join(", "))
}
