//! Page-level signals: `<base href>`, canonical and Open Graph URLs, author and source meta
//! tags, and the source and publisher named in JSON-LD.

use scraper::node::Element;
use serde_json::Value;

use super::tree::{Origins, Parsed};
use crate::document::markdown::resolve;
use crate::document::{Meta, Span};

/// JSON-LD properties that name where a page's material comes from.
const LD_KEYS: [&str; 4] = ["isBasedOn", "sourceOrganization", "publisher", "author"];

/// What the page says about itself.
#[derive(Default)]
pub(super) struct Head {
    /// The document base URL (`<base href>`), when it is absolute.
    pub base: Option<url::Url>,
    /// Signals found, in document order.
    pub meta: Vec<Meta>,
    base_seen: bool,
}

impl Head {
    /// Reads one element (outside `<template>` content).
    pub(super) fn element(&mut self, parsed: &Parsed, id: ego_tree::NodeId, element: &Element) {
        let origins = &parsed.origins;
        let tag = || origins.start_tag(id).unwrap_or(0..0);
        match element.name() {
            // The language the page declares, for the edition a suggested link names.
            "html" => {
                if let Some(lang) = element.attr("lang").filter(|l| !l.trim().is_empty()) {
                    self.push("lang", lang, tag());
                }
            }
            "base" => {
                if !self.base_seen
                    && let Some(href) = element.attr("href")
                {
                    // The first <base href> wins, whether or not it is usable.
                    self.base_seen = true;
                    self.base = resolve(href, None);
                }
            }
            "link" => {
                let canonical = element.attr("rel").is_some_and(|rel| {
                    rel.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                });
                if canonical && let Some(href) = element.attr("href") {
                    self.push("canonical", href, tag());
                }
            }
            "meta" => {
                let Some(content) = element.attr("content") else {
                    return;
                };
                let property = element.attr("property").or_else(|| element.attr("name"));
                let Some(property) = property.map(str::trim) else {
                    return;
                };
                for key in ["og:url", "author", "source"] {
                    if property.eq_ignore_ascii_case(key) {
                        self.push(key, content, tag());
                    }
                }
                if property.eq_ignore_ascii_case("og:locale") {
                    self.push("og:locale", content, tag());
                }
                if property.eq_ignore_ascii_case("og:title") {
                    self.push("title", content, tag());
                }
            }
            // The page title renders above the article: a label there counts as one "in the
            // title". An SVG's `<title>` (an icon's tooltip, `<svg><title>Advertisement`) is
            // no page title.
            "title" if &*element.name.ns == "http://www.w3.org/1999/xhtml" => {
                if let Some(node) = parsed.html.tree.get(id) {
                    let text: String = node
                        .children()
                        .filter_map(|c| c.value().as_text().map(|t| &**t))
                        .collect();
                    let span = origins.element_span(&parsed.html.tree, id).unwrap_or(0..0);
                    self.push("title", text.trim(), span);
                }
            }
            "script" => {
                let is_ld = element.attr("type").is_some_and(|t| {
                    let t = t.split(';').next().unwrap_or("").trim();
                    t.eq_ignore_ascii_case("application/ld+json")
                });
                if is_ld {
                    self.json_ld(parsed, origins, id);
                }
            }
            _ => {}
        }
    }

    /// Reads the article's headline (the first `<h1>` or `itemprop="headline"` element that
    /// is neither hidden nor page chrome) as a title: a label in it is one "in the title",
    /// wherever the body root is.
    pub(super) fn headline(&mut self, parsed: &Parsed, id: ego_tree::NodeId) {
        let Some(node) = parsed.html.tree.get(id) else {
            return;
        };
        // The text as it renders: nothing of a hidden element or of one never rendered
        // (`<span hidden>Реклама</span>`, `<script>`, `<template>`).
        let text: String = super::rendered_text(node).collect();
        let text: Vec<&str> = text.split_whitespace().collect();
        let span = parsed
            .origins
            .element_span(&parsed.html.tree, id)
            .unwrap_or(0..0);
        self.push("headline", &text.join(" "), span);
    }

    /// Resolves relative canonical and `og:url` addresses against the document base URL,
    /// wherever its `<base href>` stands (`<link rel="canonical" href="/rubric-x/1.html">`
    /// under `<base href="https://www.ukrinform.ua/">` is an address of that host). Without a
    /// base they stay as written: the page's own address is unknown.
    pub(super) fn finish(&mut self) {
        let Some(base) = &self.base else {
            return;
        };
        for meta in &mut self.meta {
            if matches!(meta.key.as_str(), "canonical" | "og:url")
                && matches!(
                    url::Url::parse(&meta.value),
                    Err(url::ParseError::RelativeUrlWithoutBase)
                )
                && let Ok(url) = base.join(&meta.value)
            {
                meta.value = url.into();
            }
        }
    }

    fn push(&mut self, key: &str, value: &str, span: Span) {
        let value = value.trim();
        if !value.is_empty() {
            self.meta.push(Meta {
                key: key.to_owned(),
                value: value.to_owned(),
                span,
            });
        }
    }

    fn json_ld(&mut self, parsed: &Parsed, origins: &Origins, id: ego_tree::NodeId) {
        let Some(node) = parsed.html.tree.get(id) else {
            return;
        };
        let text: String = node
            .children()
            .filter_map(|child| child.value().as_text().map(|t| &**t))
            .collect();
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            return;
        };
        let span = origins.element_span(&parsed.html.tree, id).unwrap_or(0..0);
        // Walk every object, @graph and nested values included, without recursion.
        let mut stack = vec![&value];
        while let Some(value) = stack.pop() {
            match value {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    for key in LD_KEYS {
                        if let Some(found) = map.get(key) {
                            self.ld_value(key, found, &span);
                        }
                    }
                    stack.extend(map.values().rev());
                }
                _ => {}
            }
        }
    }

    /// One JSON-LD value: a string, an object (its `name` and its `url` or `@id`, each an
    /// entry of its own), or an array of those.
    fn ld_value(&mut self, key: &str, value: &Value, span: &Span) {
        let items: &[Value] = match value {
            Value::Array(items) => items,
            other => std::slice::from_ref(other),
        };
        for item in items {
            match item {
                Value::String(s) => self.push(key, s, span.clone()),
                Value::Object(map) => {
                    let text = |field: &str| match map.get(field) {
                        Some(Value::String(s)) => Some(s.as_str()),
                        _ => None,
                    };
                    let url = text("url");
                    let id = text("@id").filter(|id| Some(*id) != url);
                    for value in [text("name"), url, id].into_iter().flatten() {
                        self.push(key, value, span.clone());
                    }
                }
                _ => {}
            }
        }
    }
}
