//! The one document model every rule reads, whatever the input format.
//!
//! A [`Document`] is built by a front end ([`markdown`] or [`html`]) and holds the decoded
//! source text, the rendered blocks in reading order, the hyperlinks with their resolved URLs,
//! and metadata (front matter, `<head>` signals). Every span is a byte range into
//! [`Document::text`]; [`Document::original_offset`] maps it back to the bytes of the file.
//! No parser type escapes this module.

mod decode;
mod front_matter;
pub mod html;
mod lines;
pub mod markdown;
pub mod tags;
pub mod templates;
mod text;

use std::ops::Range;

pub use decode::{DecodeError, decode};
pub use lines::LineIndex;
pub use tags::{NamedChrome, is_never_rendered, named_chrome, names_a_callout_title};
pub use text::{TextBuf, is_invisible};

/// A byte range into [`Document::text`].
pub type Span = Range<usize>;

/// The input format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `CommonMark` with the usual extensions (`.md`, `.markdown`, `.mdx`).
    Markdown,
    /// An HTML page or fragment (`.html`, `.htm`).
    Html,
}

impl Format {
    /// The format a file name implies, if citelint checks files of that kind.
    #[must_use]
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdx" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            _ => None,
        }
    }
}

/// What a block renders as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of the given level (1–6); a title above the text.
    Heading(u8),
    /// Renders as a `<p>` element; in a body without any, a block of direct text (a `<div>`
    /// or a table cell of text, or text between two `<br>`s) that ends a sentence.
    Paragraph,
    /// Text of a list item that renders without its own `<p>` (a tight list).
    ListItem,
    /// A table cell.
    TableCell,
    /// Text that renders in a block of its own without a `<p>`: a `<div>` with text, a
    /// caption, a definition term.
    Other,
}

/// A rendered block of the article body, in reading order.
#[derive(Debug, Clone)]
pub struct Block {
    /// What the block renders as.
    pub kind: BlockKind,
    /// Where the block stands in the source.
    pub span: Span,
    /// The visible text of the block, mapped back to the source.
    pub text: TextBuf,
    /// Whether the block renders below the text whatever its position in the source
    /// (footnote definitions).
    pub below: bool,
    /// Whether the block is a caption's or an embedded post's ([`tags::holds_a_caption`]):
    /// never a paragraph of the text, even in a body without a `<p>`.
    pub caption: bool,
}

impl Block {
    /// Whether this block renders as a `<p>` with visible text: a candidate for the first
    /// paragraph (SPEC §4.4).
    #[must_use]
    pub fn is_visible_paragraph(&self) -> bool {
        self.kind == BlockKind::Paragraph && !self.below && self.text.has_visible_text()
    }
}

/// Whether `text` ends a sentence: an end mark, maybe inside closing quotes or brackets.
fn ends_a_sentence(text: &str) -> bool {
    trim_closing(text).ends_with(['.', '!', '?', '…'])
}

/// Whether `text` ends with a full stop, maybe inside closing quotes or brackets.
fn ends_a_statement(text: &str) -> bool {
    let text = trim_closing(text);
    text.ends_with('.') && !text.ends_with("..")
}

/// `text` without the white space, invisible characters, closing quotes and brackets at its
/// end.
fn trim_closing(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_whitespace()
            || is_invisible(c)
            || matches!(c, '"' | '»' | '”' | '’' | '\'' | ')' | ']')
    })
}

/// A hyperlink, or something that looks like one, found in the body.
#[derive(Debug, Clone)]
pub struct Link {
    /// The destination as written (`href`, Markdown destination, bare URL text).
    pub href: String,
    /// The destination resolved to an absolute URL, when it parses as one.
    pub url: Option<url::Url>,
    /// Where the link stands in the source: the whole Markdown link, the `<a>` start tag.
    pub span: Span,
    /// The link's visible text.
    pub text: String,
    /// The block the link stands in, if any (index into [`Document::blocks`]).
    pub block: Option<usize>,
    /// How the link was written.
    pub kind: LinkKind,
    /// Why a reader could not follow it, if they could not.
    pub inactive: Option<Inactive>,
}

impl Link {
    /// Whether a reader can follow the link (SPEC §4.3), leaving the host aside.
    #[must_use]
    pub fn is_active(&self) -> bool {
        self.inactive.is_none()
    }
}

/// How a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](url)`, `[text][ref]`, `<a href>`.
    Inline,
    /// `<https://…>`.
    Autolink,
    /// Bare URL text turned into a link by autolinking.
    BareUrl,
    /// `<a href>` around (or `[![…](…)](…)`) an image: still a link.
    Image,
}

/// Why a link found in the source cannot be followed by a reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inactive {
    /// Hidden: the `hidden` attribute, `display:none`, `visibility:hidden`, `<template>`,
    /// `<noscript>`.
    Hidden,
    /// Stands in a footnote definition, which renders below the text.
    Footnote,
    /// Not an `http`/`https` URL (`javascript:`, `mailto:`, relative with no base…).
    Scheme,
    /// Carries user information (`https://name@host/`), a classic spoof.
    UserInfo,
    /// Has nothing in it to see or click: no text and no image (`[](…)`, `<a href></a>`).
    Empty,
}

/// One piece of metadata: a front-matter value or a `<head>` signal.
#[derive(Debug, Clone)]
pub struct Meta {
    /// The key, as a dotted path for nested front matter (`source.url`), or the HTML signal's
    /// name (`canonical`, `og:url`, `author`, `source`, `isBasedOn`, …).
    pub key: String,
    /// The value as text (booleans and numbers as written).
    pub value: String,
    /// Where the value (or its element) stands in the source.
    pub span: Span,
}

/// A problem found while building the model that does not stop the check (malformed front
/// matter, say). Reported as a `citelint/…` warning.
#[derive(Debug, Clone)]
pub struct Problem {
    /// A stable id (`citelint/front-matter`).
    pub id: &'static str,
    /// What is wrong.
    pub message: String,
    /// Where.
    pub span: Span,
    /// How to fix it.
    pub help: String,
}

/// A checked document: the model every rule reads.
#[derive(Debug, Clone)]
pub struct Document {
    /// The input format.
    pub format: Format,
    /// The decoded text; every span indexes into it.
    pub text: String,
    /// Maps offsets in `text` back to bytes of the original file.
    pub offsets: OffsetMap,
    /// The rendered blocks of the article body, in reading order.
    pub blocks: Vec<Block>,
    /// Index into `blocks` of the first paragraph (SPEC §4.4), if the body has one.
    pub first_paragraph: Option<usize>,
    /// Hyperlinks of the article body, in source order.
    pub links: Vec<Link>,
    /// Front matter and `<head>` signals.
    pub meta: Vec<Meta>,
    /// The span of the front matter block, if any.
    pub front_matter: Option<Span>,
    /// Problems met while building the model.
    pub problems: Vec<Problem>,
    /// Inline suppression comments found in the source, in source order.
    pub directives: Vec<Directive>,
}

impl Document {
    /// An empty document of the given format over `text`.
    #[must_use]
    pub fn new(format: Format, text: String, offsets: OffsetMap) -> Self {
        Self {
            format,
            text,
            offsets,
            blocks: Vec::new(),
            first_paragraph: None,
            links: Vec::new(),
            meta: Vec::new(),
            front_matter: None,
            problems: Vec::new(),
            directives: Vec::new(),
        }
    }

    /// Finds the first paragraph and records it. Front ends call this once the blocks are in.
    ///
    /// A body without a single `<p>` of visible text (a CMS that writes text straight into
    /// `<div>`s, or an old page laid out in table cells, paragraphs parted by `<br><br>`)
    /// renders its paragraphs all the same: there the blocks of direct text that end a
    /// sentence are its paragraphs. A title, a dateline or a credit set in a block of its
    /// own ends no sentence, and stays above them. List items stay list items: a list of
    /// key points is above the text, with or without a `<p>` under it.
    pub(crate) fn settle(&mut self) {
        if !self.blocks.iter().any(Block::is_visible_paragraph) {
            for block in &mut self.blocks {
                let text = block.text.as_str();
                let paragraph = match block.kind {
                    BlockKind::Other => ends_a_sentence(text),
                    // A layout table's cells hold the site's furniture too, which ends in a `!`,
                    // a `?` or an ellipsis (`Welcome to Kyiv Daily!`, `Forgot your password?`,
                    // a teaser), or is a short caption (`Opening of the forum.`): a cell of text
                    // is a statement of some length.
                    BlockKind::TableCell => {
                        ends_a_statement(text) && text.split_whitespace().nth(4).is_some()
                    }
                    _ => false,
                };
                if paragraph && !block.below && !block.caption {
                    block.kind = BlockKind::Paragraph;
                }
            }
        }
        self.first_paragraph = self.blocks.iter().position(Block::is_visible_paragraph);
    }

    /// The first paragraph, if the body has one.
    #[must_use]
    pub fn first_paragraph(&self) -> Option<&Block> {
        self.first_paragraph.map(|i| &self.blocks[i])
    }

    /// Whether block `index` renders in or above the first paragraph. With no first paragraph
    /// at all, nothing is below it.
    #[must_use]
    pub fn is_in_or_above_first_paragraph(&self, index: usize) -> bool {
        let block = &self.blocks[index];
        if block.below {
            return false;
        }
        self.first_paragraph.is_none_or(|first| index <= first)
    }

    /// Whether a link renders in or above the first paragraph.
    #[must_use]
    pub fn link_in_or_above_first_paragraph(&self, link: &Link) -> bool {
        match link.block {
            Some(index) => self.is_in_or_above_first_paragraph(index),
            None => self.first_paragraph.is_none(),
        }
    }

    /// Maps a span of `text` to a byte offset and length in the original file.
    #[must_use]
    pub fn original_offset(&self, span: &Span) -> (usize, usize) {
        let start = self.offsets.map(span.start);
        let end = self.offsets.map(span.end);
        (start, end.saturating_sub(start))
    }
}

/// Maps offsets of the decoded text back to bytes of the original file: a BOM that was
/// stripped, or a legacy encoding whose bytes differ from UTF-8.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// Bytes before the decoded text starts (a byte order mark).
    pub base: usize,
    /// For re-encoded text: sorted `(decoded offset, original offset)` checkpoints, one per
    /// character whose length differs; empty when the text is the original UTF-8.
    pub points: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The original byte offset of decoded offset `at`.
    #[must_use]
    pub fn map(&self, at: usize) -> usize {
        if self.points.is_empty() {
            return self.base + at;
        }
        let i = self.points.partition_point(|&(decoded, _)| decoded <= at);
        if i == 0 {
            return self.base + at;
        }
        let (decoded, original) = self.points[i - 1];
        original + (at - decoded)
    }
}

/// An inline suppression comment (`<!-- citelint-disable RULE -->` and friends).
#[derive(Debug, Clone)]
pub struct Directive {
    /// What the comment asks for.
    pub action: DirectiveAction,
    /// The rule ids named; empty means every rule.
    pub rules: Vec<String>,
    /// Where the comment stands.
    pub span: Span,
}

/// What a suppression comment asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveAction {
    /// `citelint-disable`: from here on.
    Disable,
    /// `citelint-enable`: from here on, again.
    Enable,
    /// `citelint-disable-next-line`.
    DisableNextLine,
    /// `citelint-disable-file`, or front matter `citelint: {disable: [...]}`.
    DisableFile,
}

impl Directive {
    /// Parses the body of an HTML comment as a directive, if it is one.
    #[must_use]
    pub fn parse(comment: &str, span: Span) -> Option<Self> {
        let body = comment.trim();
        let body = body
            .split_once("--")
            .map_or(body, |(directive, _reason)| directive);
        let mut words = body.split_whitespace();
        let action = match words.next()? {
            "citelint-disable" => DirectiveAction::Disable,
            "citelint-enable" => DirectiveAction::Enable,
            "citelint-disable-next-line" => DirectiveAction::DisableNextLine,
            "citelint-disable-file" => DirectiveAction::DisableFile,
            _ => return None,
        };
        let rules = words
            .flat_map(|w| w.split(','))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        Some(Self {
            action,
            rules,
            span,
        })
    }
}

/// Options that change how a document is read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Whether bare URLs in Markdown text count as links (GitHub and Hugo autolink them).
    pub autolink: bool,
    /// CSS selectors tried in order to find the article body of an HTML page.
    pub html_body: Vec<String>,
    /// Whether a checker may skip documents its prefilter proves clean.
    pub prefilter: bool,
    /// Whether the Markdown is MDX (`.mdx`), whose `import`/`export` statements do not render.
    pub mdx: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            autolink: true,
            html_body: [
                "[itemprop~=\"articleBody\"]",
                "article",
                "main",
                "[role=\"main\"]",
                "body",
            ]
            .map(str::to_owned)
            .to_vec(),
            prefilter: true,
            mdx: false,
        }
    }
}

/// Reads a document from the bytes of a file.
pub fn read(bytes: &[u8], format: Format, options: &ReadOptions) -> Result<Document, DecodeError> {
    let (text, offsets) = decode_as(bytes, format)?;
    Ok(parse(text, offsets, format, options))
}

/// Decodes the bytes of a file of `format`: Markdown is UTF-8, or UTF-16 behind a byte
/// order mark; HTML may declare another encoding.
pub fn decode_as(bytes: &[u8], format: Format) -> Result<(String, OffsetMap), DecodeError> {
    match format {
        Format::Markdown => decode::decode_markdown(bytes),
        Format::Html => decode(bytes),
    }
}

/// The bytes of a file of `format` as text without a copy, when [`decode_as`] would take
/// them as they are (UTF-8, no byte-order mark, no NUL byte, no `<meta>` naming another
/// encoding); otherwise the bytes back, for [`decode_as`].
pub fn plain_utf8(bytes: Vec<u8>, format: Format) -> Result<String, Vec<u8>> {
    decode::plain_utf8(bytes, format == Format::Html)
}

/// Builds the model of decoded text.
#[must_use]
pub fn parse(text: String, offsets: OffsetMap, format: Format, options: &ReadOptions) -> Document {
    match format {
        Format::Markdown => markdown::parse(text, offsets, options),
        Format::Html => html::parse(text, offsets, options),
    }
}

/// Whether `text` starts with front matter that fails to parse (a `citelint/front-matter`
/// warning), without reading the rest of the document.
#[must_use]
pub fn front_matter_problem(text: &str) -> bool {
    front_matter::has_problem(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_map_adds_the_bom() {
        let map = OffsetMap {
            base: 3,
            points: Vec::new(),
        };
        assert_eq!(map.map(0), 3);
        assert_eq!(map.map(10), 13);
    }

    #[test]
    fn offset_map_follows_checkpoints_of_a_legacy_encoding() {
        // "aб" in windows-1251 is two bytes; in UTF-8 three.
        let map = OffsetMap {
            base: 0,
            points: vec![(0, 0), (1, 1), (3, 2)],
        };
        assert_eq!(map.map(1), 1);
        assert_eq!(map.map(3), 2);
    }

    #[test]
    fn directive_parses_rules_and_drops_the_reason() {
        let d = Directive::parse(
            " citelint-disable-next-line a/b, c/d -- quoted on purpose ",
            0..1,
        )
        .unwrap();
        assert_eq!(d.action, DirectiveAction::DisableNextLine);
        assert_eq!(d.rules, ["a/b", "c/d"]);
        assert!(Directive::parse("just a comment", 0..1).is_none());
    }

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(Format::from_path("a/B.MD".as_ref()), Some(Format::Markdown));
        assert_eq!(Format::from_path("x.htm".as_ref()), Some(Format::Html));
        assert_eq!(Format::from_path("x.txt".as_ref()), None);
    }
}
