//! Micro-benchmarks: one document through the model and the rules, so that a regression in
//! any stage shows up in `cargo bench` before it shows up in `scripts/bench.sh`.
//!
//! The documents under `benches/data/` come from `scripts/gen_corpus.py` (seed 2026): a
//! 3 KB Markdown article that cites the source in its first paragraph, the 6.5 KB HTML page
//! of the same kind, and a Markdown article that cites nothing (the prefilter's case).
//!
//! ```text
//! cargo bench --bench check            # all
//! cargo bench --bench check -- html    # those whose name holds `html`
//! ```

// Benchmarks panic on a broken setup; that is their way to fail.
#![allow(clippy::expect_used, clippy::unwrap_used, missing_docs)]

use citelint::cli::check_bytes;
use citelint::document::{self, Format, OffsetMap, ReadOptions};
use citelint::rules::Engine;
use divan::{Bencher, black_box};

const MARKDOWN: &str = include_str!("data/article.md");
const HTML: &str = include_str!("data/article.html");
const PLAIN: &str = include_str!("data/plain.md");

fn main() {
    divan::main();
}

fn engine() -> Engine {
    Engine::with_embedded().expect("the embedded packs load")
}

/// Loading and compiling the embedded rule packs: the start-up cost of every run.
#[divan::bench]
fn load_embedded_packs() -> Engine {
    engine()
}

/// Building the document model, no rules.
#[divan::bench(args = [Format::Markdown, Format::Html])]
fn model(bencher: Bencher<'_, '_>, format: Format) {
    let text = source(format);
    let options = ReadOptions::default();
    bencher.bench(|| {
        document::parse(
            black_box(text).to_owned(),
            OffsetMap::default(),
            format,
            &options,
        )
    });
}

/// Every rule over a model built beforehand.
#[divan::bench(args = [Format::Markdown, Format::Html])]
fn rules(bencher: Bencher<'_, '_>, format: Format) {
    let engine = engine();
    let doc = document::parse(
        source(format).to_owned(),
        OffsetMap::default(),
        format,
        &ReadOptions::default(),
    );
    bencher.bench(|| engine.check(black_box(&doc)));
}

/// One file's whole check from its bytes: decoding, prefilter, model, rules.
#[divan::bench(args = [Format::Markdown, Format::Html])]
fn check(bencher: Bencher<'_, '_>, format: Format) {
    let engine = engine();
    let options = ReadOptions::default();
    let bytes = source(format).as_bytes();
    bencher.bench(|| {
        check_bytes(
            &engine,
            &options,
            "article".to_owned(),
            format,
            black_box(bytes),
        )
    });
}

/// A document that cites nothing: the prefilter proves it clean without a model.
#[divan::bench]
fn check_uncited_markdown(bencher: Bencher<'_, '_>) {
    let engine = engine();
    let options = ReadOptions::default();
    bencher.bench(|| {
        check_bytes(
            &engine,
            &options,
            "plain.md".to_owned(),
            Format::Markdown,
            black_box(PLAIN.as_bytes()),
        )
    });
}

fn source(format: Format) -> &'static str {
    match format {
        Format::Markdown => MARKDOWN,
        Format::Html => HTML,
    }
}
