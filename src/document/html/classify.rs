//! What an element is for the reader: block or inline, hidden, page chrome, a footnote section.

use scraper::node::Element;

use crate::document::BlockKind;
use crate::document::tags;

/// Block elements that hold text themselves (as opposed to sectioning and list or table
/// structure): a block made of their direct text spans from their start tag to their end tag.
pub(super) fn is_textual(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "blockquote"
            | "caption"
            | "center"
            | "dd"
            | "div"
            | "dt"
            | "figcaption"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "legend"
            | "li"
            | "listing"
            | "p"
            | "plaintext"
            | "pre"
            | "summary"
            | "td"
            | "th"
            | "xmp"
    )
}

/// Elements whose text is code, never prose (Markdown code blocks render as `<pre>`).
pub(super) fn is_code_block(name: &str) -> bool {
    matches!(name, "pre" | "listing" | "xmp" | "plaintext")
}

/// The kind of block the direct text of an element makes.
pub(super) fn block_kind(name: &str, class: Option<&str>) -> BlockKind {
    match name {
        "p" => BlockKind::Paragraph,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading(name.as_bytes()[1] - b'0'),
        "li" => BlockKind::ListItem,
        "td" | "th" => BlockKind::TableCell,
        // A `<div>` that templates of `<div>`s name a title (`title`, `entry-title`,
        // `t-title`, `headline`) is one, though it ends with a full stop.
        "div" if class.is_some_and(tags::names_a_title) => BlockKind::Heading(1),
        _ => BlockKind::Other,
    }
}

/// What an element's name and attributes say about it, read in one pass over its attributes
/// (scraper's `attr` interns the name it looks up; this runs for every element of the page).
#[derive(Debug, Clone, Copy, Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent facts about one element"
)]
pub(super) struct Traits {
    /// Not rendered, with everything in it: `<script>`, `<style>`, `<template>`,
    /// `<noscript>`…, a closed `<dialog>`, the `hidden` attribute, an inline `display:none` or
    /// `visibility:hidden` (not `aria-hidden`, which hides nothing from the eye).
    pub hides: bool,
    /// Page chrome whatever encloses it: `<nav>`, `<aside>`, `<footer>`, and the ARIA
    /// navigation, banner, contentinfo and complementary landmarks.
    chrome: bool,
    /// A `<header>`: chrome when no sectioning element encloses it (see [`Traits::is_chrome`]).
    header: bool,
    /// Starts a sectioning context: `<article>`, `<aside>`, `<main>`, `<nav>`, `<section>`, or
    /// an article, main, region, complementary or navigation role.
    pub section: bool,
    /// Holds footnotes as Markdown processors render them: pulldown-cmark's
    /// `.footnote-definition`, the `.footnotes` section of GitHub, markdown-it and Goldmark
    /// (Hugo), `[data-footnotes]`, `role=doc-endnotes|doc-footnote`.
    pub footnotes: bool,
    /// A footnote reference mark (`.footnote-reference` of pulldown-cmark, `.footnote-ref` of
    /// markdown-it and Goldmark, GitHub's `data-footnote-ref`, `role=doc-noteref`): the
    /// Markdown front end reads a reference as nothing, and so does this one.
    pub footnote_ref: bool,
}

impl Traits {
    /// Reads the traits of `element`.
    pub(super) fn of(element: &Element) -> Self {
        let name = element.name();
        let mut traits = Self {
            hides: tags::is_never_rendered(name)
                || tags::is_closed(name, element.attr("open").is_some()),
            chrome: tags::is_chrome(name),
            header: name == "header",
            section: tags::is_sectioning(name),
            ..Self::default()
        };
        for (attr, value) in element.attrs() {
            match attr {
                "hidden" => traits.hides = true,
                "style" => traits.hides |= tags::style_hides(value),
                "data-footnotes" => traits.footnotes = true,
                "data-footnote-ref" => traits.footnote_ref = true,
                "role" => {
                    for role in value.split_ascii_whitespace() {
                        let is = |r: &str| role.eq_ignore_ascii_case(r);
                        traits.chrome |= tags::is_chrome_role(role);
                        traits.section |= is("article")
                            || is("main")
                            || is("region")
                            || is("complementary")
                            || is("navigation");
                        traits.footnotes |= is("doc-endnotes") || is("doc-footnote");
                        traits.footnote_ref |= is("doc-noteref");
                    }
                }
                "class" => {
                    for class in value.split_ascii_whitespace() {
                        let is = |c: &str| class.eq_ignore_ascii_case(c);
                        traits.footnotes |= is("footnote-definition") || is("footnotes");
                        traits.footnote_ref |= is("footnote-reference") || is("footnote-ref");
                    }
                }
                _ => {}
            }
        }
        let named = tags::named_chrome(element.attr("id"), element.attr("class"));
        traits.chrome |= named.chrome;
        traits.header |= named.site_header;
        traits
    }

    /// Whether the element is page chrome: `<nav>`, `<aside>`, `<footer>`, the landmark roles,
    /// and the site header — a `<header>` outside any sectioning element (the one the HTML
    /// accessibility mapping turns into the banner landmark; a `<header>` in an `<article>`
    /// holds its title and byline). `in_section` says whether a sectioning element encloses
    /// this one.
    pub(super) fn is_chrome(self, in_section: bool) -> bool {
        self.chrome || (self.header && !in_section)
    }
}
