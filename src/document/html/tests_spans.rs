//! Tests of exact spans on malformed HTML: blocks start at their start tag and end at their
//! end tag (or their last content when the end tag is implied); links are their start tag.

use super::parse;
use crate::document::{BlockKind, Document, OffsetMap, ReadOptions, Span};

fn read(src: &str) -> Document {
    parse(
        src.to_owned(),
        OffsetMap::default(),
        &ReadOptions::default(),
    )
}

fn at(src: &str, span: &Span) -> String {
    src[span.clone()].to_owned()
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, src[line_start..offset].chars().count() + 1)
}

fn blocks(doc: &Document, src: &str) -> Vec<(BlockKind, String)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, at(src, &b.span)))
        .collect()
}

#[test]
fn first_paragraph_span_starts_at_the_p_tag_on_malformed_html() {
    let src = "<p>one<p>two";
    let doc = read(src);
    assert_eq!(
        blocks(&doc, src),
        [
            (BlockKind::Paragraph, "<p>one".into()),
            (BlockKind::Paragraph, "<p>two".into())
        ]
    );
    assert_eq!(doc.first_paragraph, Some(0));
    assert_eq!(doc.blocks[0].span, 0..6);
}

#[test]
fn implied_end_tag_ends_at_the_last_content_not_at_trailing_whitespace() {
    let src = "<ul>\n<li>one <b>bold</b>\n<li>two\n</ul>\n<p>text</p>";
    let doc = read(src);
    assert_eq!(
        blocks(&doc, src),
        [
            (BlockKind::ListItem, "<li>one <b>bold</b>".into()),
            (BlockKind::ListItem, "<li>two".into()),
            (BlockKind::Paragraph, "<p>text</p>".into()),
        ]
    );
}

#[test]
fn cell_of_an_implied_tbody_spans_its_tags() {
    let src = "<table>\n  <tr><td>cell <a href=\"https://www.ukrinform.net/\">U</a></td><td>x</tr>\n</table>";
    let doc = read(src);
    let cells = blocks(&doc, src);
    assert_eq!(
        cells[0],
        (
            BlockKind::TableCell,
            "<td>cell <a href=\"https://www.ukrinform.net/\">U</a></td>".into()
        )
    );
    assert_eq!(cells[1], (BlockKind::TableCell, "<td>x".into()));
    assert_eq!(line_col(src, doc.blocks[0].span.start), (2, 7));
    assert_eq!(
        at(src, &doc.links[0].span),
        "<a href=\"https://www.ukrinform.net/\">"
    );
    assert_eq!(doc.links[0].block, Some(0));
}

#[test]
fn misnested_anchor_is_one_link_spanning_its_start_tag() {
    let src = "<a href=x><p>t</a> after";
    let doc = read(src);
    assert_eq!(doc.links.len(), 1, "{:?}", doc.links);
    assert_eq!(at(src, &doc.links[0].span), "<a href=x>");
    assert_eq!(doc.links[0].text, "t");
    let p = doc.first_paragraph().expect("a paragraph");
    assert!(
        at(src, &p.span).starts_with("<p>t"),
        "{:?}",
        at(src, &p.span)
    );
    assert_eq!(doc.links[0].block, doc.first_paragraph);
}

#[test]
fn misnested_anchor_around_a_paragraph_with_a_real_href() {
    let src = "<div><a href=\"https://www.ukrinform.net/\">Ukrinform<p>Text.</a></p></div>";
    let doc = read(src);
    assert_eq!(doc.links.len(), 1, "{:?}", doc.links);
    assert_eq!(
        at(src, &doc.links[0].span),
        "<a href=\"https://www.ukrinform.net/\">"
    );
    assert_eq!(doc.links[0].text, "UkrinformText.");
    assert!(doc.link_in_or_above_first_paragraph(&doc.links[0]));
}

#[test]
fn stray_end_tags_do_not_end_the_paragraph() {
    let src = "<p>one</div></span> two</p><p>three";
    let doc = read(src);
    assert_eq!(at(src, &doc.blocks[0].span), "<p>one</div></span> two</p>");
    assert_eq!(doc.blocks[0].text.as_str(), "one two");
    assert_eq!(at(src, &doc.blocks[1].span), "<p>three");
}

#[test]
fn end_tag_of_an_enclosing_div_ends_the_paragraph_implicitly() {
    let src = "<div><p>one</div></p><p>two</p>";
    let doc = read(src);
    let spans = blocks(&doc, src);
    assert_eq!(spans[0], (BlockKind::Paragraph, "<p>one".into()));
    assert_eq!(doc.first_paragraph().map(|b| b.text.as_str()), Some("one"));
    assert!(
        spans.contains(&(BlockKind::Paragraph, "<p>two</p>".into())),
        "{spans:?}"
    );
}

#[test]
fn attributes_containing_gt_stay_in_the_start_tag() {
    let src = "<p title=\"a > b\" data-x='<p>'>Text <a title=\"1>0\" href=\"https://www.ukrinform.net/?a=1&amp;b=2\">U</a></p>";
    let doc = read(src);
    assert_eq!(at(src, &doc.blocks[0].span), src);
    assert_eq!(
        at(src, &doc.links[0].span),
        "<a title=\"1>0\" href=\"https://www.ukrinform.net/?a=1&amp;b=2\">"
    );
    assert_eq!(doc.links[0].href, "https://www.ukrinform.net/?a=1&b=2");
    assert_eq!(doc.blocks[0].text.as_str(), "Text U");
}

#[test]
fn crlf_and_multibyte_text_keep_exact_offsets() {
    let src = "<!doctype html>\r\n<html><head><title>Заголовок</title></head>\r\n<body>\r\n<h1>Україна — «новини»</h1>\r\n<p>Перший\r\nабзац, повідомляє Укрінформ.</p>\r\n</body></html>\r\n";
    let doc = read(src);
    let h1 = &doc.blocks[0];
    assert_eq!(h1.kind, BlockKind::Heading(1));
    assert_eq!(at(src, &h1.span), "<h1>Україна — «новини»</h1>");
    assert_eq!(line_col(src, h1.span.start), (4, 1));
    let p = doc.first_paragraph().unwrap();
    assert_eq!(
        at(src, &p.span),
        "<p>Перший\r\nабзац, повідомляє Укрінформ.</p>"
    );
    assert_eq!(line_col(src, p.span.start), (5, 1));
    assert_eq!(line_col(src, p.span.end), (6, 33));
    // Phrase matches map back to the exact source bytes, on either side of the CRLF.
    let text = p.text.as_str();
    // The line break renders as a space, and reads as one.
    assert_eq!(text, "Перший абзац, повідомляє Укрінформ.");
    let i = text.find("Укрінформ").unwrap();
    let span = p.text.source_span(i..i + "Укрінформ".len());
    assert_eq!(&src[span.clone()], "Укрінформ");
    assert_eq!(line_col(src, span.start), (6, 19));
    let j = text.find("Перший").unwrap();
    assert_eq!(&src[p.text.source_span(j..j + "Перший".len())], "Перший");
}

#[test]
fn character_references_map_to_their_whole_source() {
    let src = "<p>Tom &amp; Jerry&nbsp;told&#x20;Ukrinform</p>";
    let doc = read(src);
    let text = doc.blocks[0].text.as_str();
    // A no-break space reads as a space.
    assert_eq!(text, "Tom & Jerry told Ukrinform");
    let buf = &doc.blocks[0].text;
    let amp = text.find('&').unwrap();
    assert_eq!(&src[buf.source_span(amp..amp + 1)], "&amp;");
    let u = text.find("Ukrinform").unwrap();
    assert_eq!(&src[buf.source_span(u..u + 9)], "Ukrinform");
    let told = text.find("told").unwrap();
    assert_eq!(&src[buf.source_span(told - 1..told + 4)], "&nbsp;told");
}

#[test]
fn heading_closed_by_another_heading_end_tag_owns_it() {
    let src = "<h1>Title</h2><p>Text</p>";
    let doc = read(src);
    assert_eq!(at(src, &doc.blocks[0].span), "<h1>Title</h2>");
}

#[test]
fn byline_span_covers_the_div() {
    let src = "<body>\n<div class=\"byline\">By <a href=\"https://www.ukrinform.net/\">Ukrinform</a></div>\n<p>Text</p>";
    let doc = read(src);
    assert_eq!(doc.blocks[0].kind, BlockKind::Other);
    assert_eq!(
        at(src, &doc.blocks[0].span),
        "<div class=\"byline\">By <a href=\"https://www.ukrinform.net/\">Ukrinform</a></div>"
    );
    assert_eq!(doc.links[0].block, Some(0));
}

#[test]
fn loose_text_in_the_body_spans_its_content_only() {
    let src = "<body>\n  Lead <span>text</span>  \n<p>Text</p>";
    let doc = read(src);
    assert_eq!(at(src, &doc.blocks[0].span), "Lead <span>text</span>");
}

#[test]
fn script_content_is_not_markup_and_spans_stay_right() {
    let src =
        "<script>var s = '<p>x</p><a href=\"https://www.ukrinform.net/\">';</script><p>After</p>";
    let doc = read(src);
    assert!(doc.links.is_empty());
    assert_eq!(
        blocks(&doc, src),
        [(BlockKind::Paragraph, "<p>After</p>".into())]
    );
}

#[test]
fn text_foster_parented_out_of_a_table_keeps_its_spans() {
    let src = "<table>stray <a href=\"https://www.ukrinform.net/\">U</a><tr><td>cell</td></tr></table><p>Text</p>";
    let doc = read(src);
    let stray = doc
        .blocks
        .iter()
        .find(|b| b.text.as_str().starts_with("stray"))
        .unwrap();
    let i = stray.text.as_str().find("stray").unwrap();
    assert_eq!(&src[stray.text.source_span(i..i + 5)], "stray");
    assert_eq!(
        at(src, &doc.links[0].span),
        "<a href=\"https://www.ukrinform.net/\">"
    );
    let cell = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::TableCell)
        .unwrap();
    assert_eq!(at(src, &cell.span), "<td>cell</td>");
}

#[test]
fn uppercase_tags_and_unquoted_attributes() {
    let src = "<P CLASS=lead>Text <A HREF=https://www.ukrinform.net/>U</A></P>";
    let doc = read(src);
    assert_eq!(at(src, &doc.blocks[0].span), src);
    assert_eq!(
        at(src, &doc.links[0].span),
        "<A HREF=https://www.ukrinform.net/>"
    );
    assert!(doc.links[0].is_active());
}
