//! The benchmark floor (`examples/floor.rs`) must measure the same work the real check
//! does: on the fixtures it finds the same first paragraph as citelint's model. The floor
//! models plain articles, as the benchmark corpus holds them; fixtures built around hiding
//! tricks (hidden elements, scripts, templates, teasers in sidebars, embedded posts), pages without a
//! single `<p>` (whose paragraphs the check reads off their `<div>`s of text; every page of
//! the corpus has `<p>`s), and Markdown whose text stands in blocks of raw HTML (a line
//! opening with `<p>` or `<div>`, which the check reads as HTML; the corpus has none), are
//! the check's business alone and are left out of the comparison.

#[allow(dead_code, unreachable_pub, clippy::all, clippy::pedantic)]
#[path = "../examples/floor.rs"]
mod floor;

use std::path::{Path, PathBuf};

use citelint::document::{Format, ReadOptions, read};

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn documents(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            documents(&path, out);
        } else if Format::from_path(&path).is_some() {
            out.push(path);
        }
    }
}

#[test]
fn the_floor_finds_the_same_first_paragraphs_as_the_check() {
    let mut paths = Vec::new();
    documents(Path::new("fixtures"), &mut paths);
    paths.sort();
    let mut compared = 0;
    let mut differ = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        // The floor reads UTF-8 only, as the benchmark corpus is.
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if text.starts_with('\u{feff}') {
            continue;
        }
        let lower = text.to_ascii_lowercase();
        // Embedded posts (`<blockquote class="twitter-tweet">`), whose markup their
        // platform's script replaces with a frame, are among them.
        let tricks = [
            "twitter-tweet",
            "instagram-media",
            "hidden",
            "display",
            "visibility",
            "<noscript",
            "<template",
            "<script",
            "<style",
            "<textarea",
            "<aside",
        ];
        if tricks.iter().any(|t| lower.contains(t)) {
            continue;
        }
        let format = Format::from_path(path).unwrap();
        if format == Format::Html && !["<p>", "<p ", "<p\n"].iter().any(|p| lower.contains(p)) {
            continue;
        }
        let raw_html_block = |line: &str| {
            ["<p>", "<p ", "<div>", "<div ", "<div\t"]
                .iter()
                .any(|p| line.starts_with(p))
        };
        if format == Format::Markdown && lower.lines().any(raw_html_block) {
            continue;
        }
        let Ok(doc) = read(&bytes, format, &ReadOptions::default()) else {
            continue;
        };
        if format == Format::Html
            && text.contains("charset=")
            && !text.to_ascii_lowercase().contains("charset=\"utf-8\"")
            && !text.to_ascii_lowercase().contains("charset=utf-8")
        {
            continue;
        }
        let (floor_first, _) = floor::first_paragraph_links(text, format == Format::Html);
        let check_first = doc.first_paragraph().map(|b| fold(b.text.as_str()));
        compared += 1;
        if floor_first.as_deref().map(fold) != check_first {
            differ.push(format!(
                "{}:\n  floor: {floor_first:?}\n  check: {check_first:?}",
                path.display()
            ));
        }
    }
    assert!(compared > 200, "only {compared} fixtures compared");
    assert!(
        differ.is_empty(),
        "{} of {compared} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}
