//! The JSON report, version 1 (SPEC §3): stable keys other programs rely on.

use serde::Serialize;

use super::{FileReport, Reporter, Summary};
use crate::document::LineIndex;
use crate::rules::Label;

/// Renders SPEC §3 JSON.
#[derive(Debug, Default)]
pub struct Json;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    files: Vec<File<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    format: crate::document::Format,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    length: usize,
    labels: Vec<JsonLabel<'a>>,
    /// Empty where there is no help: SPEC §3 gives every field a string.
    help: &'a str,
    /// Empty for the built-in `citelint/*` rules, which encode no terms.
    url: &'a str,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    line: usize,
    column: usize,
    offset: usize,
    length: usize,
}

fn label<'a>(file: &FileReport, lines: &LineIndex, label: &'a Label) -> JsonLabel<'a> {
    let (line, column) = file.line_col(lines, label.span.start);
    let (offset, length) = original(file, &label.span);
    JsonLabel {
        message: &label.message,
        line,
        column,
        offset,
        length,
    }
}

fn original(file: &FileReport, span: &std::ops::Range<usize>) -> (usize, usize) {
    let start = file.offsets.map(span.start);
    let end = file.offsets.map(span.end);
    (start, end.saturating_sub(start))
}

impl Reporter for Json {
    fn report(&self, files: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut rendered = Vec::with_capacity(files.len());
        for file in files {
            if file.findings.is_empty() {
                rendered.push(File {
                    path: &file.path,
                    format: file.format,
                    diagnostics: Vec::new(),
                });
                continue;
            }
            let lines = LineIndex::new(&file.text);
            let diagnostics = file
                .findings
                .iter()
                .map(|f| {
                    let (line, column) = file.line_col(&lines, f.primary.span.start);
                    let (end_line, end_column) = file.line_col(&lines, f.primary.span.end);
                    let (offset, length) = original(file, &f.primary.span);
                    Diagnostic {
                        rule: &f.rule,
                        severity: f.severity.as_str(),
                        message: &f.message,
                        line,
                        column,
                        end_line,
                        end_column,
                        offset,
                        length,
                        labels: f.labels.iter().map(|l| label(file, &lines, l)).collect(),
                        help: f.help.as_deref().unwrap_or_default(),
                        url: f.url.as_deref().unwrap_or_default(),
                    }
                })
                .collect();
            rendered.push(File {
                path: &file.path,
                format: file.format,
                diagnostics,
            });
        }
        let report = Report {
            version: 1,
            tool: Tool {
                name: "citelint",
                version: env!("CARGO_PKG_VERSION"),
            },
            files: rendered,
            summary: Summary::of(files),
        };
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)
    }
}
