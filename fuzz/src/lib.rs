//! What every fuzz target asserts about citelint, beyond "no panic": findings point inside
//! the text on character boundaries, and every renderer copes with them.

use std::sync::OnceLock;

use citelint::document::{Document, Format, ReadOptions, read};
use citelint::report::{FileReport, Github, Human, Json, Reporter, Sarif, Style};
use citelint::rules::{Engine, Finding};

/// The engine with the embedded packs, built once per fuzzing process.
///
/// # Panics
///
/// If the embedded packs do not load, which their own tests rule out.
pub fn embedded() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::with_embedded().expect("the embedded packs load"))
}

/// Reads `data` as `format`, checks it with `engine`, asserts the findings' spans and renders
/// the report in every format. Undecodable input is fine: it is a diagnostic, not a crash.
///
/// # Panics
///
/// When citelint panics, or a span is out of place ([`assert_spans`]).
pub fn check(engine: &Engine, data: &[u8], format: Format) {
    // One bit of the input decides autolinking, so both readings of bare URLs are explored.
    let options = ReadOptions {
        autolink: data.first().is_none_or(|b| b & 1 == 0),
        ..ReadOptions::default()
    };
    let Ok(doc) = read(data, format, &options) else {
        return;
    };
    let findings = engine.check(&doc);
    assert_spans(&doc, &findings);
    render(&doc, findings);
}

/// Every span of every finding lies inside the text and on character boundaries.
///
/// # Panics
///
/// When one does not: that is the bug the fuzzer reports.
pub fn assert_spans(doc: &Document, findings: &[Finding]) {
    for finding in findings {
        for label in std::iter::once(&finding.primary).chain(&finding.labels) {
            let span = &label.span;
            assert!(
                span.start <= span.end && span.end <= doc.text.len(),
                "{} span {span:?} outside {} bytes",
                finding.rule,
                doc.text.len()
            );
            assert!(
                doc.text.is_char_boundary(span.start) && doc.text.is_char_boundary(span.end),
                "{} span {span:?} splits a character",
                finding.rule
            );
        }
    }
}

fn render(doc: &Document, findings: Vec<Finding>) {
    let report = FileReport {
        path: "fuzz".to_owned(),
        format: doc.format,
        text: doc.text.as_str().into(),
        offsets: doc.offsets.clone(),
        findings,
    };
    let reports = [report];
    let reporters: [Box<dyn Reporter>; 4] = [
        Box::new(Json),
        Box::new(Sarif::new(Vec::new())),
        Box::new(Github),
        Box::new(Human::new(Style {
            color: false,
            width: 80,
        })),
    ];
    for reporter in reporters {
        reporter
            .report(&reports, &mut std::io::sink())
            .expect("writing to a sink cannot fail");
    }
}
