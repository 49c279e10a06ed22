//! Fixture snapshots: every document under `fixtures/<rule-id>/` is checked with only that
//! rule enabled, and its rendered report (human, no colour, width 100) and JSON report are
//! compared with `<case>.expected.txt` and `<case>.expected.json`.
//!
//! A case named `pass-*` must not fire the rule, one named `fail-*` must. Accept changed
//! snapshots with `SNAPSHOTS=overwrite cargo test`, then review the diff like code.

use std::path::{Path, PathBuf};

use citelint::cli::check_bytes;
use citelint::document::{Format, ReadOptions};
use citelint::report::{FileReport, Human, Json, Reporter, Style};
use citelint::rules::Engine;
use snapbox::{Data, assert_data_eq};

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            cases(&path, out);
        } else if Format::from_path(&path).is_some() {
            out.push(path);
        }
    }
}

fn engine_for(rule: &str) -> Engine {
    let mut engine = Engine::with_embedded().unwrap();
    let ids: Vec<String> = engine.rules().map(|(_, r, _)| r.id.to_string()).collect();
    for id in ids.iter().filter(|id| *id != rule) {
        engine.set_level(id, None);
    }
    if !rule.starts_with("citelint/") {
        engine.set_level("citelint/front-matter", None);
        engine.set_level("citelint/unused-suppression", None);
    }
    engine
}

fn render(reporter: &dyn Reporter, report: &FileReport) -> String {
    let mut out = Vec::new();
    reporter
        .report(std::slice::from_ref(report), &mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// The fixture's own path, relative to the crate, with `/` separators.
fn display(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn every_fixture_matches_its_expected_reports() {
    let root = Path::new("fixtures");
    let mut all = Vec::new();
    cases(root, &mut all);
    let mut wrong = Vec::new();
    // Packs compile slowly in debug builds: one engine per rule, not per fixture.
    let mut engines: std::collections::HashMap<String, Engine> = std::collections::HashMap::new();
    for path in &all {
        let rule = display(path.parent().unwrap().strip_prefix(root).unwrap());
        let engine = engines
            .entry(rule.clone())
            .or_insert_with(|| engine_for(&rule));
        let options = ReadOptions::default();
        let format = Format::from_path(path).unwrap();
        let bytes = std::fs::read(path).unwrap();
        let report = check_bytes(engine, &options, display(path), format, &bytes);

        let name = path.file_name().unwrap().to_string_lossy();
        let fired = report.findings.iter().any(|f| *f.rule == *rule);
        if name.starts_with("pass-") && fired {
            wrong.push(format!("{}: expected no {rule}", path.display()));
        }
        if name.starts_with("fail-") && !fired {
            wrong.push(format!("{}: expected {rule}", path.display()));
        }
        if !name.starts_with("pass-") && !name.starts_with("fail-") {
            wrong.push(format!(
                "{}: name a fixture pass-… or fail-…",
                path.display()
            ));
        }

        let human = render(
            &Human::new(Style {
                color: false,
                width: 100,
            }),
            &report,
        );
        assert_data_eq!(
            human,
            Data::read_from(
                &path.with_extension(format!("{}.expected.txt", ext(path))),
                None
            )
            .raw()
        );
        let json = render(&Json, &report);
        assert_data_eq!(
            json,
            Data::read_from(
                &path.with_extension(format!("{}.expected.json", ext(path))),
                None
            )
            .raw()
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn ext(path: &Path) -> String {
    path.extension().unwrap().to_string_lossy().into_owned()
}

#[test]
fn fixture_suite_covers_at_least_eighty_documents() {
    let mut all = Vec::new();
    cases(Path::new("fixtures"), &mut all);
    assert!(all.len() >= 80, "only {} fixtures", all.len());
}

/// Replaces every way the fixtures name the source, so the prefilter gets documents it
/// may skip.
fn without_the_source(text: &str) -> String {
    let mut out = text.to_owned();
    for (from, to) in [
        ("Ukrinform", "Agency"),
        ("ukrinform", "agency"),
        ("UKRINFORM", "AGENCY"),
        ("Укрінформ", "Агенція"),
        ("Укринформ", "Агентство"),
        ("ウクルインフォルム", "通信社"),
    ] {
        out = out.replace(from, to);
    }
    out
}

#[test]
fn the_prefilter_never_skips_a_document_the_full_check_faults() {
    let mut all = Vec::new();
    cases(Path::new("fixtures"), &mut all);
    let engine = Engine::with_embedded().unwrap();
    let full = ReadOptions {
        prefilter: false,
        ..ReadOptions::default()
    };
    let mut skipped = 0;
    let mut unsound = Vec::new();
    for path in &all {
        let bytes = std::fs::read(path).unwrap();
        let format = Format::from_path(path).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        for variant in [bytes.clone(), without_the_source(&text).into_bytes()] {
            let Ok((decoded, _)) = citelint::document::decode_as(&variant, format) else {
                continue;
            };
            if engine.may_fire(&decoded) {
                continue;
            }
            skipped += 1;
            let report = check_bytes(&engine, &full, display(path), format, &variant);
            if !report.findings.is_empty() {
                unsound.push(format!(
                    "{}: {:?}",
                    path.display(),
                    report.findings.iter().map(|f| &f.rule).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(
        unsound.is_empty(),
        "the prefilter skipped documents with findings:\n{}",
        unsound.join("\n")
    );
    assert!(
        skipped > 20,
        "only {skipped} documents were skipped: the test proves little"
    );
}
