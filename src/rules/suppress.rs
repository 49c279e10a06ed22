//! Inline suppressions: `<!-- citelint-disable RULE -->` … `<!-- citelint-enable RULE -->`,
//! `<!-- citelint-disable-next-line RULE -->`, and front matter `citelint: {disable: [...]}`.
//! A suppression that suppresses nothing is reported, so stale ones do not pile up.

use std::sync::Arc;

use crate::document::{Directive, DirectiveAction, Document, LineIndex, Span};
use crate::rules::{Finding, Label, Severity};

/// The id of the warning for a suppression that suppresses nothing.
pub(crate) const UNUSED: &str = "citelint/unused-suppression";

fn names(directive: &Directive, rule: &str) -> bool {
    directive.rules.is_empty() || directive.rules.iter().any(|r| r == rule)
}

/// Whether `directive` covers a finding at `span` of `rule`.
fn covers(
    doc: &Document,
    lines: &LineIndex,
    directives: &[Directive],
    at: usize,
    span: &Span,
    rule: &str,
) -> bool {
    let directive = &directives[at];
    if !names(directive, rule) {
        return false;
    }
    match directive.action {
        DirectiveAction::DisableFile => true,
        DirectiveAction::DisableNextLine => {
            let next = lines.line_of(directive.span.end) + 1;
            let range = lines.line_range(&doc.text, next);
            span.start <= range.end && span.end >= range.start
        }
        DirectiveAction::Disable => {
            if span.start < directive.span.end {
                return false;
            }
            let reenabled = directives[at + 1..].iter().any(|d| {
                d.action == DirectiveAction::Enable && names(d, rule) && d.span.start <= span.start
            });
            !reenabled
        }
        DirectiveAction::Enable => false,
    }
}

/// Drops suppressed findings and reports suppressions that suppressed nothing.
/// `suggest` gives, for a rule id no rule has, the known id it likely misspells.
pub(crate) fn apply<'e>(
    doc: &Document,
    findings: Vec<Finding>,
    report_unused: Option<Severity>,
    suggest: &dyn Fn(&str) -> Option<&'e str>,
) -> Vec<Finding> {
    if doc.directives.is_empty() {
        return findings;
    }
    let lines = LineIndex::new(&doc.text);
    let mut used = vec![false; doc.directives.len()];
    let mut kept = Vec::new();
    for finding in findings {
        let mut suppressed = false;
        for (at, used) in used.iter_mut().enumerate() {
            if covers(
                doc,
                &lines,
                &doc.directives,
                at,
                &finding.primary.span,
                &finding.rule,
            ) {
                *used = true;
                suppressed = true;
            }
        }
        if !suppressed {
            kept.push(finding);
        }
    }
    if let Some(severity) = report_unused {
        let rule: Arc<str> = Arc::from(UNUSED);
        for (directive, used) in doc.directives.iter().zip(used) {
            if used || directive.action == DirectiveAction::Enable {
                continue;
            }
            let what = if directive.rules.is_empty() {
                "any rule".to_owned()
            } else {
                directive.rules.join(", ")
            };
            // A front matter entry (`citelint: {disable: […]}`) is no comment.
            let in_front_matter = doc
                .front_matter
                .as_ref()
                .is_some_and(|f| f.start <= directive.span.start && directive.span.end <= f.end);
            let mut help = if in_front_matter {
                "remove the rule id from the front matter's `citelint.disable` list, or fix it"
            } else {
                "remove the comment, or fix the rule id it names"
            }
            .to_owned();
            let guesses: Vec<String> = directive
                .rules
                .iter()
                .filter_map(|id| suggest(id).map(|known| format!("`{known}` for `{id}`")))
                .collect();
            if !guesses.is_empty() {
                help = format!("{help}; did you mean {}?", guesses.join(", "));
            }
            kept.push(
                Finding::new(
                    &rule,
                    severity,
                    format!("this suppression of {what} suppresses nothing"),
                    Label::new(directive.span.clone(), "nothing to suppress"),
                )
                .with_help(help),
            );
        }
    }
    kept
}
