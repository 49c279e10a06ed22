//! A Markdown document and the HTML it renders to must get the same verdict (SPEC §4.4).
//!
//! Every `CommonMark` spec example and every Markdown fixture is read as Markdown, and also
//! rendered to HTML by pulldown-cmark (with citelint's own options), wrapped in
//! `<article>` and read as HTML. Both readings must find the same first paragraph, the same
//! qualifying links on the same side of it, and the Ukrinform rules must give the same
//! verdict.

use std::path::{Path, PathBuf};

use citelint::document::{self, Document, Format, ReadOptions};
use citelint::rules::Engine;

#[derive(serde::Deserialize)]
struct Example {
    number: u32,
    section: String,
    markdown: String,
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What both readings must agree on.
#[derive(Debug, PartialEq, Eq)]
struct Reading {
    first_paragraph: Option<String>,
    links: Vec<(String, bool)>,
    verdict: Vec<String>,
}

fn reading(doc: &Document, engine: &Engine, with_verdict: bool) -> Reading {
    // Hosts, not whole URLs: the renderer percent-encodes paths and queries, which changes
    // nothing a rule looks at.
    let mut links: Vec<(String, bool)> = doc
        .links
        .iter()
        .filter(|l| l.is_active())
        .filter_map(|l| {
            l.url
                .as_ref()
                .and_then(|u| u.host_str())
                .map(|h| (h.to_owned(), doc.link_in_or_above_first_paragraph(l)))
        })
        .collect();
    links.sort();
    let mut verdict: Vec<String> = if with_verdict {
        engine
            .check(doc)
            .into_iter()
            .map(|f| f.rule.to_string())
            .filter(|r| !r.starts_with("citelint/"))
            .collect()
    } else {
        Vec::new()
    };
    verdict.sort();
    Reading {
        first_paragraph: doc.first_paragraph().map(|b| fold(b.text.as_str())),
        links,
        verdict,
    }
}

/// The events as a site generator renders them: a paragraph of nothing but shortcodes or
/// Liquid tags (`{{< figure … >}}`) becomes the figure or embed it stands for, here an empty
/// `<figure>`, and a container's fence line (`:::note`) its frame, not a paragraph.
fn as_generated<'a>(events: &[pulldown_cmark::Event<'a>]) -> Vec<pulldown_cmark::Event<'a>> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if matches!(events[i], Event::Start(Tag::Paragraph))
            && let Some(len) = events[i..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
        {
            let mut text = String::new();
            let plain = events[i + 1..i + len].iter().all(|e| match e {
                Event::Text(t) => {
                    text.push_str(t);
                    true
                }
                Event::SoftBreak => {
                    text.push('\n');
                    true
                }
                _ => false,
            });
            if plain && citelint::document::markdown::only_template_tags(&text) {
                out.push(Event::Html("<figure></figure>\n".into()));
                i += len + 1;
                continue;
            }
            // A container's fence line (`:::note Source`) renders as its frame and title.
            if plain && citelint::document::markdown::named_fence(&text) {
                out.push(Event::Html("<div class=\"admonition\"></div>\n".into()));
                i += len + 1;
                continue;
            }
        }
        out.push(events[i].clone());
        i += 1;
    }
    out
}

/// Compares the two readings of `markdown`; `None` when they agree.
fn disagreement(markdown: &str, engine: &Engine) -> Option<String> {
    let options = ReadOptions {
        autolink: false,
        ..ReadOptions::default()
    };
    let md = document::read(markdown.as_bytes(), Format::Markdown, &options).ok()?;
    // As GitHub and Hugo do, the renderer sees neither the byte order mark nor the front
    // matter.
    let markdown = markdown.trim_start_matches('\u{feff}');
    let body = match &md.front_matter {
        Some(span) => markdown[span.end..].trim_start_matches(['\r', '\n']),
        None => markdown,
    };
    // The generator drops template comments and tags that output nothing, and reads a tag
    // written over several lines as one.
    let generated = citelint::document::templates::blank(body, 0, false);
    let body = generated.as_deref().unwrap_or(body);
    // The generator renders a container's fence lines as its frame, around the paragraph
    // they are written tight against.
    let unfenced = citelint::document::markdown::unfenced(body);
    let body = unfenced.as_deref().unwrap_or(body);
    let mut html = String::from("<!DOCTYPE html><html><body><article>\n");
    let events: Vec<_> =
        pulldown_cmark::Parser::new_ext(body, citelint::document::markdown::options()).collect();
    pulldown_cmark::html::push_html(&mut html, as_generated(&events).into_iter());
    html.push_str("</article></body></html>\n");
    let from_html = document::read(html.as_bytes(), Format::Html, &options).ok()?;
    // Front matter has no HTML rendering here, so only documents without it are compared
    // on their verdict.
    let with_verdict = md.front_matter.is_none();
    let a = reading(&md, engine, with_verdict);
    let b = reading(&from_html, engine, with_verdict);
    (a != b).then(|| {
        format!(
            "markdown:\n{markdown}\nhtml:\n{html}\nmarkdown reading: {a:?}\nhtml reading:     {b:?}"
        )
    })
}

fn markdown_fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            markdown_fixtures(&path, out);
        } else if Format::from_path(&path) == Some(Format::Markdown) {
            out.push(path);
        }
    }
}

#[test]
fn every_commonmark_example_reads_the_same_as_markdown_and_as_html() {
    let engine = Engine::with_embedded().unwrap();
    let examples: Vec<Example> =
        serde_json::from_str(include_str!("data/commonmark/spec-0.31.2.json")).unwrap();
    assert_eq!(examples.len(), 652);
    let mut failures = Vec::new();
    for example in &examples {
        if let Some(why) = disagreement(&example.markdown, &engine) {
            failures.push(format!(
                "example {} ({}):\n{why}",
                example.number, example.section
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} disagreements:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_markdown_fixture_reads_the_same_as_markdown_and_as_html() {
    let engine = Engine::with_embedded().unwrap();
    let mut paths = Vec::new();
    markdown_fixtures(Path::new("fixtures"), &mut paths);
    paths.sort();
    assert!(paths.len() >= 80);
    let mut failures = Vec::new();
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if let Some(why) = disagreement(&text, &engine) {
            failures.push(format!("{}:\n{why}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} disagreements:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
