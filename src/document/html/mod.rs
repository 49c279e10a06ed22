//! The HTML front end: a page or fragment turned into the document model, with exact spans.
//!
//! The tree is scraper's (html5ever's tree builder, so malformed markup is repaired as a
//! browser repairs it), built from html5gum tokens so that every element knows its start and
//! end tags and every piece of text its source bytes (module `tree`). Then:
//!
//! 1. one pass over the whole tree picks the article body root — the first element, in
//!    document order, matching the earliest selector of [`ReadOptions::html_body`] that
//!    matches anything, skipping elements that are hidden, never rendered, page chrome or
//!    inside it (a teaser `<article>` in an `<aside>`, an `<article class="sidebar">`, is not
//!    the article) and, where a later match holds text, those without any — and reads the page
//!    signals (module `head`): `<base href>`, canonical and `og:url`, author and source meta tags,
//!    JSON-LD;
//! 2. one pass over the root's subtree collects blocks and links in reading order
//!    (module `walk`), skipping page chrome (`<nav>`, `<aside>`, `<footer>`, the site `<header>`,
//!    ARIA navigation/banner/contentinfo/complementary landmarks).
//!
//! Comments anywhere in the page are read for suppression directives.

mod classify;
mod head;
mod tree;
mod walk;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_spans;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Selector};

use self::classify::Traits;
use self::head::Head;
use self::tree::Parsed;
use super::{Directive, Document, Format, OffsetMap, ReadOptions};

/// Reads an HTML document: a full page or a fragment (which parses as a page whose
/// `<html>`, `<head>` and `<body>` are implied). Spans are byte ranges into `text`.
#[must_use]
pub fn parse(text: String, offsets: OffsetMap, options: &ReadOptions) -> Document {
    let mut doc = Document::new(Format::Html, text, offsets);
    let parsed = tree::build(&doc.text);
    let mut selectors: Vec<Selector> = options
        .html_body
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .collect();
    // A configured list that matches nothing on a page falls back to `<body>`, the last
    // resort of the default list: a page is never left unchecked.
    if !options.html_body.iter().any(|s| s.trim() == "body") {
        static BODY: std::sync::LazyLock<Option<Selector>> =
            std::sync::LazyLock::new(|| Selector::parse("body").ok());
        selectors.extend(BODY.clone());
    }
    let survey = survey(&parsed, &selectors);
    if let Some(root) = survey.root {
        let mut walker = walk::Walker::new(
            &parsed,
            &doc.text,
            survey.head.base.as_ref(),
            survey.in_section,
        );
        walker.run(root);
        let walk::Walker { blocks, links, .. } = walker;
        doc.blocks = blocks;
        doc.links = links;
    }
    doc.meta = survey.head.meta;
    doc.directives = parsed
        .origins
        .comments
        .iter()
        .filter_map(|(text, span)| Directive::parse(text, span.clone()))
        .collect();
    doc.settle();
    doc
}

/// What the first pass finds.
struct Survey {
    /// The article body root.
    root: Option<NodeId>,
    /// Whether a sectioning element encloses the root.
    in_section: bool,
    head: Head,
}

/// Picks the body root and reads the page signals, in one pass over the whole tree (and,
/// where every match of the earliest selector that matches is empty, more passes for the
/// selectors after it).
fn survey(parsed: &Parsed, selectors: &[Selector]) -> Survey {
    let mut head = Head::default();
    let (mut best, candidates) = scan(parsed, selectors, 0, Some(&mut head));
    head.finish();
    // The first match with text: an empty `<article>` a template leaves before the real one
    // (or before a `<main>` or `<body>` that holds the story) is not the article.
    let mut root = candidates
        .iter()
        .find(|(id, _)| has_text(parsed, *id))
        .copied();
    while root.is_none() && best + 1 < selectors.len() {
        let (next, later) = scan(parsed, selectors, best + 1, None);
        best = next;
        root = later.iter().find(|(id, _)| has_text(parsed, *id)).copied();
    }
    let root = root.or(candidates.first().copied());
    Survey {
        root: root.map(|(id, _)| id),
        in_section: root.is_some_and(|(_, s)| s),
        head,
    }
}

/// One pass over the tree: the earliest selector of `selectors[from..]` that matches an
/// element that is neither hidden nor page chrome nor inside either, and its matches in
/// document order, each with whether a sectioning element encloses it (the index is
/// `selectors.len()` when none matches). Reads the page signals into `head` if given.
fn scan(
    parsed: &Parsed,
    selectors: &[Selector],
    from: usize,
    mut head: Option<&mut Head>,
) -> (usize, Vec<(NodeId, bool)>) {
    let mut best = selectors.len();
    let mut candidates: Vec<(NodeId, bool)> = Vec::new();
    // Per open element: (hides, chrome, sectioning, template).
    let mut stack: Vec<(bool, bool, bool, bool)> = Vec::new();
    let (mut hidden, mut chrome, mut section, mut template) = (0usize, 0usize, 0usize, 0usize);
    let mut headline_seen = false;
    for edge in parsed.html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let Some(element) = node.value().as_element() else {
                    continue;
                };
                let traits = Traits::of(element);
                let flags = (
                    traits.hides,
                    traits.is_chrome(section > 0),
                    traits.section,
                    element.name() == "template",
                );
                // Rendered and no page chrome, nor inside either.
                let shown = hidden == 0 && chrome == 0 && !flags.0;
                if let Some(head) = head.as_deref_mut() {
                    if template == 0 {
                        head.element(parsed, node.id(), element);
                    }
                    // The article's headline, inside the body or beside it (`<h1
                    // itemprop="headline">` next to `[itemprop="articleBody"]`): its title.
                    if !headline_seen
                        && shown
                        && !flags.1
                        && (element.name() == "h1"
                            || element.attr("itemprop").is_some_and(|p| {
                                p.split_ascii_whitespace().any(|p| p == "headline")
                            }))
                    {
                        headline_seen = true;
                        head.headline(parsed, node.id());
                    }
                }
                // An element that is chrome itself (`<article class="sidebar">`) is no
                // candidate either, though `<body>` always is (themes tag it with their
                // layout: `<body class="right-sidebar">`).
                let limit = (best + 1).min(selectors.len());
                if limit > from
                    && shown
                    && (!flags.1 || matches!(element.name(), "body" | "html"))
                    && let Some(element_ref) = ElementRef::wrap(node)
                    && let Some(j) = selectors[from..limit]
                        .iter()
                        .position(|s| s.matches(&element_ref))
                        .map(|j| from + j)
                {
                    if j < best {
                        best = j;
                        candidates.clear();
                    }
                    candidates.push((node.id(), section > 0));
                }
                hidden += usize::from(flags.0);
                chrome += usize::from(flags.1);
                section += usize::from(flags.2);
                template += usize::from(flags.3);
                stack.push(flags);
            }
            Edge::Close(node) => {
                if node.value().is_element()
                    && let Some(flags) = stack.pop()
                {
                    hidden -= usize::from(flags.0);
                    chrome -= usize::from(flags.1);
                    section -= usize::from(flags.2);
                    template -= usize::from(flags.3);
                }
            }
        }
    }
    (best, candidates)
}

/// Whether the subtree of `id` holds text other than white space outside elements that are
/// never rendered.
fn has_text(parsed: &Parsed, id: NodeId) -> bool {
    parsed
        .html
        .tree
        .get(id)
        .is_some_and(|node| rendered_text(node).any(|t| !t.trim().is_empty()))
}

/// The text pieces of `node`'s subtree, in order, outside elements that are hidden or never
/// rendered (`<span hidden>`, `display:none`, `<script>`, `<template>`).
pub(super) fn rendered_text(
    node: ego_tree::NodeRef<'_, scraper::Node>,
) -> impl Iterator<Item = &str> + '_ {
    let mut unrendered = 0usize;
    node.traverse().filter_map(move |edge| match edge {
        Edge::Open(n) => match n.value() {
            scraper::Node::Element(e) => {
                unrendered += usize::from(Traits::of(e).hides);
                None
            }
            scraper::Node::Text(t) if unrendered == 0 => Some(&**t),
            _ => None,
        },
        Edge::Close(n) => {
            if let scraper::Node::Element(e) = n.value() {
                unrendered -= usize::from(Traits::of(e).hides);
            }
            None
        }
    })
}
