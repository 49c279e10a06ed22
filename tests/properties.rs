//! Property tests: whatever the input, checking it yields a report without panicking, every
//! span lies inside the text on character boundaries, and the report does not depend on the
//! number of threads.

use std::sync::OnceLock;

use citelint::cli::check_bytes;
use citelint::document::{Format, ReadOptions, read};
use citelint::report::{FileReport, Json, Reporter};
use citelint::rules::{Engine, Finding};
use proptest::prelude::*;
use rayon::prelude::*;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::with_embedded().expect("the embedded packs load"))
}

/// Pieces of documents that exercise the front ends and the rules: links of every kind,
/// look-alikes, citations, headings, comments and suppressions, entities, hidden elements,
/// CRLF, multibyte and zero-width characters, and broken syntax.
const SNIPPETS: &[&str] = &[
    "[Ukrinform](https://www.ukrinform.net/rubric-x/1.html)",
    "[Укрінформ](https://www.ukrinform.ua/)",
    "[x][ref]",
    "[ref]: https://www.ukrinform.net/\n",
    "<https://ukrinform.de/>",
    "https://www.ukrinform.net/a.html ",
    "www.ukrinform.pl",
    "[Ukrinform](https://ukrinform.net.evil.example/)",
    "[Ukrinform](https://www.ukrinform.net@evil.example/)",
    "[u](https://xn--krinform-9zb.net/)",
    "[u](//ukrinform.es)",
    "[u](javascript:alert(1))",
    "![img](https://static.ukrinform.com/p.jpg)",
    "[![img](a.png)](https://ukrinform.jp/)",
    "Ukrinform reports",
    "according to Ukrinform",
    "(Ukrinform)",
    "Source: Ukrinform",
    "повідомляє Укрінформ",
    "передає кореспондент Укрінформу",
    "сообщает Укринформ",
    "Ukrinform, citing The Guardian",
    "Укрінформ з посиланням на Reuters",
    "[The Guardian](https://www.theguardian.com/)",
    "© Ukrinform",
    "Advertisement",
    "Реклама",
    "The material has been posted in accordance with Part 3 of Article 9 of the Law of Ukraine \"On Advertising\" No. 270/96-VR",
    "# Title\n",
    "## Sub\n",
    "Title\n=====\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\n",
    "> ",
    "- ",
    "1. ",
    "    code ",
    "```\n",
    "`",
    "*",
    "_",
    "|a|b|\n|-|-|\n",
    "[^1]",
    "[^1]: https://www.ukrinform.net/ ",
    "<!-- citelint-disable ukrinform/first-paragraph-link -->",
    "<!-- citelint-enable -->",
    "<!-- citelint-disable-next-line -->\n",
    "<!--",
    "-->",
    "<a href=\"https://www.ukrinform.net/\">",
    "</a>",
    "<a href='//ukrinform.ua' hidden>",
    "<span style=\"display: none\">",
    "</span>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<article>",
    "</article>",
    "<nav>",
    "<main>",
    "<script>",
    "</script>",
    "<template>",
    "<noscript>",
    "<meta charset=\"windows-1251\">",
    "<link rel=\"canonical\" href=\"https://www.ukrinform.net/x\">",
    "<meta property=\"og:url\" content=\"https://ukrinform.ua/\">",
    "&nbsp;",
    "&amp;",
    "&#x200B;",
    "&#0;",
    "&",
    "\u{200B}",
    "\u{AD}",
    "\u{2060}",
    "\u{FEFF}",
    "ї",
    "ウクルインフォルム",
    "🇺🇦",
    "e\u{301}",
    "<",
    ">",
    "]",
    "(",
    ")",
    "\"",
    "'",
    "\\",
];

/// Front matter, valid and broken, which only counts at the very start of a document.
const FRONT_MATTER: &[&str] = &[
    "---\nsource: Ukrinform\n---\n",
    "---\nsource_url: https://www.ukrinform.net/x\nadvertisement: true\n---\n",
    "---\ncitelint: {disable: [ukrinform/first-paragraph-link]}\n---\n",
    "---\ntitle: [unclosed\n---\n",
    "---\ntitle: x\n",
    "+++\nsource = \"Ukrinform\"\n+++\n",
    "+++\nsource = \n+++\n",
    "---\r\nvia: Укрінформ\r\n---\r\n",
    "\u{FEFF}---\nsource: Ukrinform\n---\n",
];

fn snippet() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(SNIPPETS).prop_map(str::to_owned),
        2 => "[a-zA-Z .,]{0,12}",
        1 => "\\PC{0,4}",
        1 => any::<char>().prop_map(String::from),
    ]
}

/// A document: optional front matter, then snippets.
fn document() -> impl Strategy<Value = String> {
    (
        proptest::option::of(proptest::sample::select(FRONT_MATTER)),
        proptest::collection::vec(snippet(), 0..40),
    )
        .prop_map(|(front, body)| front.unwrap_or_default().to_owned() + &body.concat())
}

/// Every label of every finding lies inside `text` and on character boundaries.
fn assert_spans(text: &str, findings: &[Finding]) -> Result<(), TestCaseError> {
    for finding in findings {
        for label in std::iter::once(&finding.primary).chain(&finding.labels) {
            let span = &label.span;
            prop_assert!(
                span.start <= span.end && span.end <= text.len(),
                "{} span {span:?} outside {} bytes",
                finding.rule,
                text.len()
            );
            prop_assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{} span {span:?} splits a character",
                finding.rule
            );
        }
    }
    Ok(())
}

fn check(bytes: &[u8], format: Format) -> FileReport {
    let name = match format {
        Format::Markdown => "doc.md",
        Format::Html => "doc.html",
    };
    check_bytes(
        engine(),
        &ReadOptions::default(),
        name.to_owned(),
        format,
        bytes,
    )
}

fn json(reports: &[FileReport]) -> Vec<u8> {
    let mut out = Vec::new();
    Json.report(reports, &mut out)
        .expect("writing to memory cannot fail");
    out
}

/// Reads `text` as `format`, checks it and renders the JSON report.
fn read_check_render(text: &str, format: Format) -> Result<(), TestCaseError> {
    match read(text.as_bytes(), format, &ReadOptions::default()) {
        Ok(doc) => assert_spans(&doc.text, &engine().check(&doc))?,
        // A generated `\0` makes the document look binary; nothing else may fail to read.
        Err(error) => prop_assert!(text.contains('\0'), "{error}"),
    }
    let report = check(text.as_bytes(), format);
    assert_spans(&report.text, &report.findings)?;
    prop_assert!(serde_json::from_slice::<serde_json::Value>(&json(&[report])).is_ok());
    Ok(())
}

fn pool(threads: usize) -> &'static rayon::ThreadPool {
    static ONE: OnceLock<rayon::ThreadPool> = OnceLock::new();
    static FOUR: OnceLock<rayon::ThreadPool> = OnceLock::new();
    let cell = if threads == 1 { &ONE } else { &FOUR };
    cell.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool")
    })
}

/// `cases` per property, few enough for a quick `cargo test`; `PROPTEST_CASES=N` asks for a
/// deeper run.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn any_markdown_like_document_is_checked_with_well_formed_spans(text in document()) {
        read_check_render(&text, Format::Markdown)?;
    }

    #[test]
    fn any_html_like_document_is_checked_with_well_formed_spans(text in document()) {
        read_check_render(&text, Format::Html)?;
    }

    #[test]
    fn arbitrary_bytes_yield_a_report_with_well_formed_spans_in_either_format(
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
    ) {
        for format in [Format::Markdown, Format::Html] {
            let report = check(&bytes, format);
            assert_spans(&report.text, &report.findings)?;
            prop_assert!(serde_json::from_slice::<serde_json::Value>(&json(&[report])).is_ok());
        }
    }

    #[test]
    fn arbitrary_bytes_after_a_document_prefix_yield_a_report(
        text in document(),
        bytes in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let mut input = text.into_bytes();
        input.extend(bytes);
        for format in [Format::Markdown, Format::Html] {
            let report = check(&input, format);
            assert_spans(&report.text, &report.findings)?;
        }
    }
}

proptest! {
    #![proptest_config(config(16))]

    #[test]
    fn the_json_report_is_the_same_on_one_thread_and_on_four(docs in proptest::collection::vec(document(), 1..16)) {
        let run = |threads: usize| {
            let reports: Vec<FileReport> = pool(threads).install(|| {
                docs.par_iter()
                    .enumerate()
                    .map(|(i, text)| {
                        let format = if i % 2 == 0 { Format::Markdown } else { Format::Html };
                        let mut report = check(text.as_bytes(), format);
                        report.path = format!("{i:02}-{}", report.path);
                        report
                    })
                    .collect()
            });
            json(&reports)
        };
        let (one, four) = (run(1), run(4));
        prop_assert_eq!(String::from_utf8_lossy(&one), String::from_utf8_lossy(&four));
    }
}
