//! The GitHub Actions report: one workflow command per finding, which the runner turns into
//! an annotation on the file.

use super::{FileReport, Reporter};
use crate::document::LineIndex;
use crate::rules::{Finding, Severity};

/// Renders `::error file=…,line=…::message` workflow commands, one line per finding and no
/// summary. Columns count Unicode scalar values, as in the JSON report; `endColumn` is the
/// column after the last character.
#[derive(Debug, Default)]
pub struct Github;

/// Escapes the message of a workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A workflow command for an error that stops the run (an invalid configuration or rule pack),
/// so that a pull request shows it on the file at fault as it shows findings.
pub fn run_error(diagnostic: &dyn miette::Diagnostic) -> String {
    let mut properties = Vec::new();
    let label = diagnostic.labels().and_then(|mut labels| labels.next());
    if let (Some(source), Some(label)) = (diagnostic.source_code(), label)
        && let Ok(contents) = source.read_span(label.inner(), 0, 0)
    {
        if let Some(name) = contents.name() {
            // Configuration files are found as absolute paths; an annotation names a file
            // from the workspace, where the run starts.
            let cwd = std::env::current_dir().unwrap_or_default();
            let name = std::path::Path::new(name);
            let name = name
                .strip_prefix(&cwd)
                .unwrap_or(name)
                .display()
                .to_string();
            properties.push(format!(
                "file={}",
                property(&super::sarif::artifact_path(&name))
            ));
        }
        properties.push(format!("line={}", contents.line() + 1));
        properties.push(format!("col={}", contents.column() + 1));
    }
    properties.push("title=citelint".to_owned());
    let mut message = diagnostic.to_string();
    if let Some(help) = diagnostic.help() {
        message = format!("{message}\nhelp: {help}");
    }
    format!("::error {}::{}", properties.join(","), data(&message))
}

fn command(file: &FileReport, lines: &LineIndex, finding: &Finding) -> String {
    let kind = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut properties = vec![format!(
        "file={}",
        property(&super::sarif::artifact_path(&file.path))
    )];
    if !file.text.is_empty() {
        let span = &finding.primary.span;
        // An annotation ends on its last line, not at the start of the line after it.
        let trimmed = file
            .text
            .get(span.clone())
            .map_or(0, |t| t.len() - t.trim_end_matches(['\r', '\n']).len());
        let end = if trimmed < span.len() {
            span.end - trimmed
        } else {
            span.end
        };
        let (line, column) = file.line_col(lines, span.start);
        let (end_line, end_column) = file.line_col(lines, end);
        properties.push(format!("line={line}"));
        // GitHub takes columns only for an annotation on one line.
        if line == end_line {
            properties.push(format!("col={column}"));
        }
        properties.push(format!("endLine={end_line}"));
        if line == end_line {
            properties.push(format!("endColumn={end_column}"));
        }
    }
    properties.push(format!("title={}", property(&finding.rule)));
    let mut message = data(&finding.message);
    if let Some(help) = &finding.help {
        message.push_str("%0A");
        message.push_str(&data(help));
    }
    format!("::{kind} {}::{message}", properties.join(","))
}

impl Reporter for Github {
    fn report(&self, files: &[FileReport], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        for file in files {
            out.write_all(self.piece(file)?.as_bytes())?;
        }
        Ok(())
    }

    fn streams(&self) -> bool {
        true
    }

    fn piece(&self, file: &FileReport) -> std::io::Result<String> {
        let mut piece = String::new();
        if !file.findings.is_empty() {
            let lines = LineIndex::new(&file.text);
            for finding in &file.findings {
                piece.push_str(&command(file, &lines, finding));
                piece.push('\n');
            }
        }
        Ok(piece)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::document::{Format, OffsetMap};
    use crate::rules::Label;

    fn finding(rule: &str, severity: Severity, span: std::ops::Range<usize>) -> Finding {
        let rule: Arc<str> = Arc::from(rule);
        Finding::new(
            &rule,
            severity,
            "no link to Ukrinform".into(),
            Label::new(span, "here"),
        )
    }

    fn render(path: &str, text: &str, findings: Vec<Finding>) -> String {
        let file = FileReport {
            path: path.into(),
            format: Format::Markdown,
            text: Arc::from(text),
            offsets: OffsetMap::default(),
            findings,
        };
        let mut out = Vec::new();
        Github
            .report(&[file], &mut out)
            .expect("rendering succeeds");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(data("100% a,b: c\r\nd\re"), "100%25 a,b: c%0D%0Ad%0De");
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
    }

    #[test]
    fn severities_map_to_error_warning_and_notice() {
        let text = "Kyiv, Ukrinform reports.";
        let findings = vec![
            finding("r/error", Severity::Error, 0..4),
            finding("r/warning", Severity::Warning, 0..4),
            finding("r/note", Severity::Note, 0..4),
        ];
        let out = render("a.md", text, findings);
        let kinds: Vec<&str> = out
            .lines()
            .map(|l| l.split_once(' ').map_or("", |p| p.0))
            .collect();
        assert_eq!(kinds, ["::error", "::warning", "::notice"]);
    }

    #[test]
    fn a_finding_is_one_line_with_position_title_and_help() {
        let text = "# Title\n\nKyiv, Ukrinform reports.\n";
        let start = text.find("Ukrinform").expect("in text");
        let finding = finding(
            "ukrinform/first-paragraph-link",
            Severity::Error,
            start..start + 9,
        )
        .with_help("add a link: [Ukrinform](https://www.ukrinform.net/)");
        assert_eq!(
            render("./content/a,b.md", text, vec![finding]),
            "::error file=content/a%2Cb.md,line=3,col=7,endLine=3,endColumn=16,\
             title=ukrinform/first-paragraph-link::no link to Ukrinform%0A\
             add a link: [Ukrinform](https://www.ukrinform.net/)\n"
        );
    }

    #[test]
    fn columns_count_characters_in_multibyte_text() {
        let text = "Заголовок\r\n\r\nКиїв — Укрінформ повідомляє.\r\n";
        let start = text.find("Укрінформ").expect("in text");
        let out = render(
            "uk.md",
            text,
            vec![finding(
                "r/x",
                Severity::Warning,
                start..start + "Укрінформ".len(),
            )],
        );
        assert!(
            out.starts_with("::warning file=uk.md,line=3,col=8,endLine=3,endColumn=17,title=r/x::"),
            "{out}"
        );
    }

    #[test]
    fn a_span_over_several_lines_has_no_columns_and_ends_on_its_last_line() {
        let text = "first\r\nsecond\r\nthird";
        let end = text.find("third").expect("in text");
        let out = render("a.md", text, vec![finding("r/x", Severity::Error, 0..end)]);
        assert!(
            out.starts_with("::error file=a.md,line=1,endLine=2,title=r/x::"),
            "{out}"
        );
        let out = render("a.md", text, vec![finding("r/x", Severity::Error, 0..7)]);
        assert!(
            out.starts_with("::error file=a.md,line=1,col=1,endLine=1,endColumn=6,title=r/x::"),
            "{out}"
        );
    }

    #[test]
    fn a_finding_without_text_has_no_position() {
        let finding =
            finding("citelint/io-error", Severity::Error, 0..0).with_help("check the file");
        assert_eq!(
            render(r"drafts\gone.md", "", vec![finding]),
            "::error file=drafts/gone.md,title=citelint/io-error::no link to Ukrinform%0Acheck the file\n"
        );
    }

    #[test]
    fn messages_cannot_break_out_of_their_line() {
        let finding = Finding::new(
            &Arc::from("r/x"),
            Severity::Note,
            "line one\n::error::forged".into(),
            Label::new(0..1, "here"),
        );
        let out = render("a.md", "x", vec![finding]);
        assert_eq!(out.lines().count(), 1, "{out}");
        assert!(out.ends_with("::line one%0A::error::forged\n"), "{out}");
    }
}
