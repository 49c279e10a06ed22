//! The HTML front end.

use super::{Document, Format, OffsetMap, ReadOptions};

/// Reads an HTML document.
#[must_use]
pub fn parse(text: String, offsets: OffsetMap, _options: &ReadOptions) -> Document {
    let mut doc = Document::new(Format::Html, text, offsets);
    let (blocks, links, directives) = super::markdown::walk_html(&doc.text);
    doc.blocks = blocks;
    doc.links = links;
    doc.directives = directives;
    doc.settle();
    doc
}
