//! Arbitrary text as a rule pack: loading never panics, and a pack that loads checks a
//! fixed set of documents without panicking.
#![no_main]

use citelint::document::Format;
use citelint::rules::Engine;
use libfuzzer_sys::fuzz_target;

/// Documents that exercise every rule kind: citations, links high and low, a look-alike, a
/// translation, advertising, suppressions.
const DOCUMENTS: &[(&str, Format)] = &[
    (
        "The talks went well, Ukrinform reports.\n\nSee [Ukrinform](https://www.ukrinform.net/).\n",
        Format::Markdown,
    ),
    (
        "---\nsource: Ukrinform\nadvertisement: true\n---\n# Реклама\n\nУкрінформ з посиланням на The Guardian. [x](https://ukrinform.net.evil.example/)\n",
        Format::Markdown,
    ),
    (
        "<article><p>Advertisement</p><p>According to <a href=\"//www.ukrinform.net\">Ukrinform</a>, citing Reuters.</p></article>",
        Format::Html,
    ),
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(pack) = citelint::rules::pack::load("fuzz.toml", text) else {
        return;
    };
    let mut engine = Engine::default();
    engine.add(pack);
    for (document, format) in DOCUMENTS {
        citelint_fuzz::check(&engine, document.as_bytes(), *format);
    }
});
