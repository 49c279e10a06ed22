//! Tests of the HTML front end: the body root, page chrome, blocks, links, head signals,
//! directives, parity with the Markdown front end, and robustness.

use super::parse;
use crate::document::{
    BlockKind, DirectiveAction, Document, Inactive, LinkKind, OffsetMap, ReadOptions, markdown,
};

fn read(src: &str) -> Document {
    parse(
        src.to_owned(),
        OffsetMap::default(),
        &ReadOptions::default(),
    )
}

fn first_paragraph(doc: &Document) -> &str {
    doc.first_paragraph().map_or("", |b| b.text.as_str())
}

fn hrefs(doc: &Document) -> Vec<&str> {
    doc.links.iter().map(|l| l.href.as_str()).collect()
}

fn link<'a>(doc: &'a Document, href: &str) -> &'a crate::document::Link {
    doc.links
        .iter()
        .find(|l| l.href == href)
        .unwrap_or_else(|| panic!("no link {href}"))
}

const U: &str = "https://www.ukrinform.net/rubric-ato/1.html";

#[test]
fn body_root_prefers_article_body_over_article_main_and_body() {
    let src = format!(
        "<body><p>Body text <a href=\"/b\">b</a></p><main><article><h1>T</h1>\
         <div itemprop=\"articleBody\"><p>Real text <a href=\"{U}\">U</a></p></div></article></main></body>"
    );
    let doc = read(&src);
    assert_eq!(first_paragraph(&doc), "Real text U");
    assert_eq!(hrefs(&doc), [U], "nothing outside the body root counts");
    assert_eq!(
        doc.blocks.len(),
        1,
        "the title is outside the articleBody root"
    );
}

#[test]
fn fragment_without_html_or_body_parses_as_a_document() {
    let doc = read("<h2>Title</h2>\n<p>First paragraph.</p>\n<p>Second.</p>");
    assert_eq!(doc.format, crate::document::Format::Html);
    assert_eq!(doc.blocks[0].kind, BlockKind::Heading(2));
    assert_eq!(first_paragraph(&doc), "First paragraph.");
    assert_eq!(doc.first_paragraph, Some(1));
}

#[test]
fn invalid_selector_is_skipped() {
    let options = ReadOptions {
        html_body: vec!["[[nope".into(), ".story".into(), "body".into()],
        ..ReadOptions::default()
    };
    let src = "<p>Outside</p><div class=\"story\"><p>Inside</p></div>";
    let doc = parse(src.to_owned(), OffsetMap::default(), &options);
    assert_eq!(first_paragraph(&doc), "Inside");
}

#[test]
fn configured_selectors_that_match_nothing_fall_back_to_body() {
    for body in [vec![".post-content".to_owned()], Vec::new()] {
        let options = ReadOptions {
            html_body: body.clone(),
            ..ReadOptions::default()
        };
        let src = "<body><div class=\"other\"><p>The talks went well.</p></div></body>";
        let doc = parse(src.to_owned(), OffsetMap::default(), &options);
        assert_eq!(first_paragraph(&doc), "The talks went well.", "{body:?}");
    }
    let options = ReadOptions {
        html_body: vec![".post-content".into()],
        ..ReadOptions::default()
    };
    let src = "<p>Outside</p><div class=\"post-content\"><p>Inside</p></div>";
    let doc = parse(src.to_owned(), OffsetMap::default(), &options);
    assert_eq!(first_paragraph(&doc), "Inside", "a match still wins");
}

#[test]
fn teaser_article_in_an_aside_is_not_the_body_root() {
    let src = "<body><aside><article><p>Teaser</p></article></aside>\
               <main><article><p>Real</p></article></main></body>";
    assert_eq!(first_paragraph(&read(src)), "Real");
}

#[test]
fn hidden_article_is_not_the_body_root() {
    let src = "<article hidden><p>Draft</p></article><main><p>Shown</p></main>";
    assert_eq!(first_paragraph(&read(src)), "Shown");
}

#[test]
fn link_in_footer_is_chrome_not_body() {
    let src = format!(
        "<article><p>Text without the link.</p><footer>Source: <a href=\"{U}\">Ukrinform</a></footer></article>"
    );
    let doc = read(&src);
    assert!(doc.links.is_empty(), "{:?}", doc.links);
    assert_eq!(doc.blocks.len(), 1);
}

#[test]
fn nav_aside_and_landmark_roles_are_chrome() {
    let src = format!(
        "<body><nav><a href=\"{U}\">n</a></nav><aside><a href=\"{U}\">a</a></aside>\
         <div role=\"navigation\"><a href=\"{U}\">r1</a></div><div role=\"contentinfo\"><a href=\"{U}\">r2</a></div>\
         <div role=\"complementary banner\"><a href=\"{U}\">r3</a></div><p>Text</p></body>"
    );
    let doc = read(&src);
    assert!(doc.links.is_empty(), "{:?}", doc.links);
    assert_eq!(first_paragraph(&doc), "Text");
}

#[test]
fn site_header_is_chrome_but_article_header_counts_above_the_first_paragraph() {
    let src = format!(
        "<body><header><a href=\"{U}\">Site logo</a></header>\
         <div class=\"content\"><article><header><h1>Title</h1>\
         <p class=\"byline\"></p><div class=\"byline\">By <a href=\"{U}?byline\">Ukrinform</a></div></header>\
         <p>First paragraph.</p><p>Second.</p></article></div></body>"
    );
    let doc = read(&src);
    assert_eq!(hrefs(&doc), [format!("{U}?byline")]);
    assert_eq!(first_paragraph(&doc), "First paragraph.");
    assert!(doc.link_in_or_above_first_paragraph(&doc.links[0]));
    // A header scoped to body is the site banner even when body is the root.
    let doc = read(&format!(
        "<header><h1>Site</h1><a href=\"{U}\">x</a></header><p>Text</p>"
    ));
    assert!(doc.links.is_empty());
    assert_eq!(doc.blocks.len(), 1);
}

#[test]
fn byline_link_in_a_div_before_the_first_paragraph_counts_above_it() {
    let src = format!(
        "<article><div class=\"meta\"><span>12.03.2024</span> <a href=\"{U}\">Ukrinform</a></div>\
         <p>Kyiv, March 12. The text.</p><p>More <a href=\"https://example.com/\">e</a>.</p></article>"
    );
    let doc = read(&src);
    assert_eq!(doc.blocks[0].kind, BlockKind::Other);
    assert!(doc.link_in_or_above_first_paragraph(link(&doc, U)));
    assert!(!doc.link_in_or_above_first_paragraph(link(&doc, "https://example.com/")));
}

#[test]
fn logo_link_wrapping_only_an_image_is_an_image_link_above_the_text() {
    let src = format!(
        "<article><a href=\"{U}\"><img src=\"logo.png\" alt=\"Ukrinform\"></a><p>Text.</p></article>"
    );
    let doc = read(&src);
    let logo = link(&doc, U);
    assert_eq!(logo.kind, LinkKind::Image);
    assert!(logo.is_active());
    assert!(doc.link_in_or_above_first_paragraph(logo));
    assert_eq!(first_paragraph(&doc), "Text.");
}

#[test]
fn empty_link_between_paragraphs_is_placed_before_the_next_block() {
    let src = format!("<p>One.</p><a href=\"{U}\"></a><p>Two.</p><a href=\"{U}?end\"></a>");
    let doc = read(&src);
    assert_eq!(doc.links[0].block, Some(1));
    assert!(!doc.link_in_or_above_first_paragraph(&doc.links[0]));
    assert_eq!(doc.links[1].block, None);
    assert!(!doc.link_in_or_above_first_paragraph(&doc.links[1]));
}

#[test]
fn first_paragraph_skips_whitespace_nbsp_and_image_only_paragraphs() {
    let src = "<h1>T</h1><p> </p><p>&nbsp;</p><p><img src=a.jpg></p><div><section><p>Deep text.</p></section></div>";
    let doc = read(src);
    assert_eq!(first_paragraph(&doc), "Deep text.");
    assert_eq!(
        doc.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count(),
        4
    );
}

#[test]
fn a_captions_paragraph_and_a_callout_title_are_no_first_paragraph() {
    // Hugo's `figure` renders its caption in a `<p>`; GitHub renders `> [!NOTE]` with its
    // title in a `<p>` of its own, MkDocs an admonition's likewise.
    for src in [
        "<article><figure><img src=a.jpg><figcaption><p>The Cabinet met.</p></figcaption></figure><p>Deep text.</p></article>",
        "<article><div class=\"markdown-alert markdown-alert-note\"><p class=\"markdown-alert-title\">Note</p><p>Deep text.</p></div></article>",
        "<article><div class=\"admonition note\"><p class=\"admonition-title\">Note</p><p>Deep text.</p></div></article>",
    ] {
        let doc = read(src);
        assert_eq!(first_paragraph(&doc), "Deep text.", "{src}");
        // The same raw HTML in Markdown reads the same.
        let md = markdown::parse(
            src.to_owned(),
            OffsetMap::default(),
            &ReadOptions::default(),
        );
        assert_eq!(first_paragraph(&md), "Deep text.", "{src}");
    }
    // A paragraph after the caption, in the figure, is one of the text.
    let doc = read("<figure><figcaption>Caption</figcaption><p>Deep text.</p></figure>");
    assert_eq!(first_paragraph(&doc), "Deep text.");
}

#[test]
fn list_items_tight_and_loose() {
    let src = "<ul><li>Key point <a href=\"https://a.example/\">a</a></li><li><p>Loose para</p></li>\
               <li>Lead<ul><li>sub</li></ul>tail</li></ul><p>Text.</p>";
    let doc = read(src);
    let kinds: Vec<_> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::ListItem, "Key point a"),
            (BlockKind::Paragraph, "Loose para"),
            (BlockKind::ListItem, "Lead"),
            (BlockKind::ListItem, "sub"),
            (BlockKind::ListItem, "tail"),
            (BlockKind::Paragraph, "Text."),
        ]
    );
    assert_eq!(first_paragraph(&doc), "Loose para");
    assert_eq!(doc.links[0].block, Some(0));
}

#[test]
fn table_cells_captions_and_definition_lists() {
    let src = "<table><caption>Cap</caption><tr><th>H</th><td><p>P</p></td></tr></table><dl><dt>T</dt><dd>D</dd></dl>";
    let doc = read(src);
    let kinds: Vec<_> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Other, "Cap"),
            (BlockKind::TableCell, "H"),
            (BlockKind::Paragraph, "P"),
            (BlockKind::Other, "T"),
            (BlockKind::Other, "D"),
        ]
    );
}

#[test]
fn hidden_content_links_are_recorded_as_hidden() {
    let src = format!(
        "<p hidden>H1 <a href=\"{U}?1\">1</a></p>\
         <div style=\"color:red; display: none\"><a href=\"{U}?2\">2</a></div>\
         <span style=\"visibility:hidden\"><a href=\"{U}?3\">3</a></span>\
         <div aria-hidden=\"true\"><a href=\"{U}?4\">4</a></div>\
         <template><p><a href=\"{U}?5\">5</a></p></template>\
         <noscript><a href=\"{U}?6\">6 <b>six</b></a></noscript>\
         <script>document.write('<a href=\"{U}?7\">7</a>')</script>\
         <style>a[href=\"{U}?8\"] {{}}</style>\
         <p>Visible text.</p>"
    );
    let doc = read(&src);
    let found: Vec<_> = doc
        .links
        .iter()
        .map(|l| (l.href.rsplit('?').next().unwrap(), l.inactive))
        .collect();
    let hidden = Some(Inactive::Hidden);
    assert_eq!(
        found,
        [
            ("1", hidden),
            ("2", hidden),
            ("3", hidden),
            ("4", None),
            ("5", hidden),
            ("6", hidden)
        ]
    );
    // `aria-hidden` content is on the page (SPEC §4.3 does not list it): its link counts,
    // and its text is a block; hidden content makes none.
    assert_eq!(
        doc.blocks.len(),
        2,
        "the aria-hidden text and the paragraph"
    );
    assert_eq!(first_paragraph(&doc), "Visible text.");
    let noscript = &doc.links[5];
    assert_eq!(&src[noscript.span.clone()], format!("<a href=\"{U}?6\">"));
    assert_eq!(noscript.text, "6 six");
}

#[test]
fn hidden_span_inside_a_visible_paragraph_is_not_text() {
    let doc = read("<p>Visible <span hidden>secret Ukrinform reports</span>text.</p>");
    assert_eq!(first_paragraph(&doc), "Visible text.");
}

#[test]
fn comments_are_never_links_and_hold_directives() {
    let src = format!(
        "<!-- citelint-disable-next-line ukrinform/first-paragraph-link -->\n<p>Text <!-- <a href=\"{U}\">x</a> --></p>\
         <!-- citelint-disable-file -->"
    );
    let doc = read(&src);
    assert!(doc.links.is_empty());
    assert_eq!(doc.directives.len(), 2);
    assert_eq!(doc.directives[0].action, DirectiveAction::DisableNextLine);
    assert_eq!(doc.directives[0].rules, ["ukrinform/first-paragraph-link"]);
    assert!(src[doc.directives[0].span.clone()].starts_with("<!-- citelint-disable-next-line"));
    assert_eq!(doc.directives[1].action, DirectiveAction::DisableFile);
}

#[test]
fn base_href_resolves_relative_links_and_protocol_relative_counts_as_https() {
    let src = "<head><base href=\"https://www.ukrinform.net/rubric/\"></head>\
               <p><a href=\"news-1.html\">rel</a> <a href=\"//ukrinform.ua/x\">proto</a> <a href=\"#fn1\">frag</a></p>";
    let doc = read(src);
    let rel = link(&doc, "news-1.html");
    assert_eq!(
        rel.url.as_ref().unwrap().as_str(),
        "https://www.ukrinform.net/rubric/news-1.html"
    );
    assert!(rel.is_active());
    let proto = link(&doc, "//ukrinform.ua/x");
    assert_eq!(
        proto.url.as_ref().unwrap().as_str(),
        "https://ukrinform.ua/x"
    );
    // Without a base, a relative link cannot be resolved; protocol-relative still counts.
    let doc = read("<p><a href=\"news-1.html\">rel</a> <a href=\"//ukrinform.ua/x\">p</a></p>");
    assert_eq!(doc.links[0].inactive, Some(Inactive::Scheme));
    assert_eq!(doc.links[1].url.as_ref().unwrap().scheme(), "https");
    assert!(doc.links[1].is_active());
}

#[test]
fn javascript_and_userinfo_links_are_inactive() {
    let src = "<p><a href=\"javascript:alert(1)\">j</a> <a href=\"https://www.ukrinform.net@evil.example/\">u</a> <a name=x>anchor</a></p>";
    let doc = read(src);
    assert_eq!(doc.links.len(), 2, "an <a> without href is no link");
    assert_eq!(doc.links[0].inactive, Some(Inactive::Scheme));
    assert_eq!(doc.links[1].inactive, Some(Inactive::UserInfo));
}

#[test]
fn footnote_sections_render_below_with_footnote_links() {
    let src = format!(
        "<p>Text<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>.</p>\
         <div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup>\
         <p>See <a href=\"{U}\">Ukrinform</a>.</p></div>\
         <section data-footnotes class=\"footnotes\"><ol><li><p><a href=\"{U}?gh\">gh</a></p></li></ol></section>"
    );
    let doc = read(&src);
    assert_eq!(
        first_paragraph(&doc),
        "Text.",
        "footnote references are not text"
    );
    for href in [U.to_owned(), format!("{U}?gh")] {
        let l = link(&doc, &href);
        assert_eq!(l.inactive, Some(Inactive::Footnote));
        assert!(!doc.link_in_or_above_first_paragraph(l));
    }
    assert!(doc.blocks.iter().filter(|b| b.below).count() >= 2);
}

#[test]
fn code_blocks_are_not_prose() {
    let doc =
        read("<pre><code>Ukrinform reports\n</code></pre><p>Text <code>inline code</code>.</p>");
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(first_paragraph(&doc), "Text inline code.");
}

#[test]
fn head_signals_become_meta_entries() {
    let src = format!(
        "<html><head>\
         <link rel=\"Canonical\" href=\"{U}\">\
         <meta property=\"og:url\" content=\"{U}?og\">\
         <meta name=\"author\" content=\"Ukrinform\">\
         <meta name=\"source\" content=\" https://ukrinform.ua/ \">\
         <script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@graph\":[\
           {{\"@type\":\"NewsArticle\",\"isBasedOn\":\"{U}?ld\",\
             \"author\":[{{\"@type\":\"Organization\",\"name\":\"Укрінформ\",\"url\":\"https://www.ukrinform.ua/\"}}],\
             \"publisher\":{{\"name\":\"Daily\",\"@id\":\"https://daily.example/#org\"}}}}]}}</script>\
         <script type=\"application/ld+json\">not json</script>\
         </head><body><p>Text</p></body></html>"
    );
    let doc = read(&src);
    let meta: Vec<_> = doc
        .meta
        .iter()
        .map(|m| (m.key.as_str(), m.value.as_str()))
        .collect();
    let ld = format!("{U}?ld");
    let og = format!("{U}?og");
    for expected in [
        ("canonical", U),
        ("og:url", og.as_str()),
        ("author", "Ukrinform"),
        ("source", "https://ukrinform.ua/"),
        ("isBasedOn", ld.as_str()),
        ("author", "Укрінформ"),
        ("author", "https://www.ukrinform.ua/"),
        ("publisher", "Daily"),
        ("publisher", "https://daily.example/#org"),
    ] {
        assert!(
            meta.contains(&expected),
            "{expected:?} missing from {meta:?}"
        );
    }
    let canonical = &doc.meta[0];
    assert!(src[canonical.span.clone()].starts_with("<link rel=\"Canonical\""));
    let script = doc.meta.iter().find(|m| m.key == "isBasedOn").unwrap();
    let script_src = &src[script.span.clone()];
    assert!(
        script_src.starts_with("<script type=\"application/ld+json\">"),
        "{script_src}"
    );
    assert!(script_src.ends_with("</script>"), "{script_src}");
    assert!(doc.links.is_empty(), "head links are not body links");
}

#[test]
fn link_text_is_visible_text_with_entities_decoded() {
    let doc = read(&format!(
        "<p><a href=\"{U}\"> Ukr&shy;inform <img alt=x> &amp; co </a></p>"
    ));
    assert_eq!(doc.links[0].text, "Ukr\u{ad}inform  & co");
    assert_eq!(doc.links[0].kind, LinkKind::Inline);
}

/// The same Markdown read directly and read as the HTML it renders to gets the same verdict.
#[test]
fn markdown_and_the_html_it_renders_to_agree() {
    let cases = [
        "# Title\n\n- key point [U](https://www.ukrinform.net/)\n\nFirst paragraph.\n",
        "# Title\n\n![photo](a.jpg)\n\n&nbsp;\n\nThe text.\n\nSee [U](https://www.ukrinform.net/).\n",
        "Text[^1].\n\n[^1]: See <https://www.ukrinform.net/>.\n",
        "> Quote [U](https://www.ukrinform.net/)\n\nText.\n",
        "| a | b |\n|---|---|\n| [U](https://www.ukrinform.net/) | x |\n\nText.\n",
        "Text <span hidden><a href=\"https://www.ukrinform.net/\">U</a></span>.\n",
        "Text <a href=\"https://www.ukrinform.net/\" hidden>U</a>.\n",
        "```\n[U](https://www.ukrinform.net/)\n```\n\nText.\n",
    ];
    for md in cases {
        let mut html = String::new();
        pulldown_cmark::html::push_html(
            &mut html,
            pulldown_cmark::Parser::new_ext(md, markdown::options()),
        );
        let from_md = markdown::parse(md.to_owned(), OffsetMap::default(), &ReadOptions::default());
        let from_html = read(&html);
        assert_eq!(
            first_paragraph(&from_md),
            first_paragraph(&from_html),
            "{md}\n{html}"
        );
        let verdict = |doc: &Document| -> Vec<(bool, bool)> {
            doc.links
                .iter()
                .map(|l| (l.is_active(), doc.link_in_or_above_first_paragraph(l)))
                .collect()
        };
        assert_eq!(verdict(&from_md), verdict(&from_html), "{md}\n{html}");
    }
}

#[test]
fn ten_thousand_nested_divs_do_not_overflow_the_stack() {
    let depth = 10_000;
    let src = format!(
        "{}<p>Deep <a href=\"{U}\">U</a></p>{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let doc = read(&src);
    assert_eq!(first_paragraph(&doc), "Deep U");
    assert_eq!(&src[doc.links[0].span.clone()], format!("<a href=\"{U}\">"));
    // Unclosed, and nested inline elements too. (html5ever's scope checks walk the stack of
    // open elements, so deep nesting costs it quadratic time; keep this one smaller.)
    let src = format!(
        "{}{}text",
        "<div>".repeat(depth / 4),
        "<span><b>".repeat(depth / 4)
    );
    let doc = read(&src);
    assert_eq!(doc.blocks.len(), 1);
}

#[test]
fn five_megabyte_single_line_page_is_read() {
    let paragraph = format!("<p>Word word word <a href=\"{U}\">Ukrinform</a> word &amp; more.</p>");
    let src = paragraph.repeat(5_000_000 / paragraph.len() + 1);
    assert!(src.len() > 5_000_000 && !src.contains('\n'));
    let started = std::time::Instant::now();
    let doc = read(&src);
    assert_eq!(doc.blocks.len(), src.len() / paragraph.len());
    assert_eq!(doc.links.len(), doc.blocks.len());
    let last = doc.blocks.last().unwrap();
    assert_eq!(&src[last.span.clone()], paragraph);
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn page_of_only_comments_and_empty_input() {
    let doc = read(&"<!-- a comment -->\n".repeat(1000));
    assert!(doc.blocks.is_empty() && doc.links.is_empty() && doc.first_paragraph.is_none());
    assert!(doc.directives.is_empty());
    let doc = read("");
    assert!(doc.blocks.is_empty());
}

#[test]
fn binary_ish_garbage_does_not_panic() {
    let mut seed: u32 = 0x1234_5678;
    let alphabet: Vec<char> =
        "<>/=\"'&;#!-[]ab p a href div table tr td svg math \u{0}\r\n\t\u{FFFD}é€😀"
            .chars()
            .collect();
    for round in 0..200 {
        let len = 50 + round * 20;
        let src: String = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                alphabet[seed as usize % alphabet.len()]
            })
            .collect();
        let doc = read(&src);
        for block in &doc.blocks {
            assert!(
                src.get(block.span.clone()).is_some(),
                "{src:?} {:?}",
                block.span
            );
        }
        for link in &doc.links {
            assert!(
                src.get(link.span.clone()).is_some(),
                "{src:?} {:?}",
                link.span
            );
        }
    }
    let tricky = [
        "<svg><p>x</svg>\u{0}<math><mi>\u{0}</mi></math><![CDATA[ x ]]>",
        "<table><td>a<table><td>b</table>c<a href=x>d<p>e</a>",
        "<select><option>a<p>b</select><frameset><frame></frameset>",
        "<b><i><a href=x><p>1</b>2</i>3</a>4",
        "<plaintext><a href=x>y",
        "<textarea>\n<a href=x></textarea><pre>\n\nx</pre>",
        "<image src=x><isindex><nobr><nobr>a",
    ];
    for src in tricky {
        let doc = read(src);
        for link in &doc.links {
            assert!(src.get(link.span.clone()).is_some());
        }
    }
}

#[test]
fn a_paragraph_nested_in_pre_is_a_paragraph_again() {
    // CommonMark example 148 renders `<pre>` text followed by a `<p>` inside it.
    let doc = read("<article><pre>**Hello**,\n<p><em>world</em>.\n</pre></p></article>");
    assert_eq!(first_paragraph(&doc).trim(), "world.");
}

#[test]
fn the_page_title_is_recorded_as_title_metadata() {
    let doc = read(
        "<html><head><title>Реклама: новий банк</title><meta property=\"og:title\" content=\"PR | Bank\"></head><body><article><p>x</p></article></body></html>",
    );
    assert_eq!(titles(&doc), ["Реклама: новий банк", "PR | Bank"]);
    // An icon's tooltip is no page title.
    let doc = read(
        "<html><head><title>Lviv Bank</title></head><body><article><p>x</p></article>\
         <footer><svg><title>Advertisement</title><path d=\"M0 0\"/></svg></footer></body></html>",
    );
    assert_eq!(titles(&doc), ["Lviv Bank"]);
}

/// The values of a document's `title` metadata, in order.
fn titles(doc: &crate::document::Document) -> Vec<&str> {
    doc.meta
        .iter()
        .filter(|m| m.key == "title")
        .map(|m| m.value.as_str())
        .collect()
}

#[test]
fn a_header_in_a_body_root_chosen_by_selector_holds_the_title() {
    let doc = read(&format!(
        "<body><header><a href=\"/\">Site</a></header><div itemprop=\"articleBody\">\
         <header><h1>Talks — <a href=\"{U}\">Ukrinform</a></h1></header>\
         <p>The talks went well.</p></div></body>"
    ));
    assert_eq!(hrefs(&doc), vec![U]);
    let site = read(&format!(
        "<body><header><a href=\"{U}\">Ukrinform</a></header><p>The talks went well.</p></body>"
    ));
    assert!(
        site.links.is_empty(),
        "the site header of a body root is chrome"
    );
}

#[test]
fn an_anchor_with_nothing_in_it_cannot_be_followed_but_one_with_an_icon_may() {
    let doc = read(&format!(
        "<article><p>Talks, Ukrinform reports.<a href=\"{U}\"></a> \
         <a href=\"{U}#icon\"><span class=\"icon\"></span></a></p></article>"
    ));
    assert_eq!(link(&doc, U).inactive, Some(Inactive::Empty));
    assert!(link(&doc, &format!("{U}#icon")).is_active());
}

#[test]
fn a_body_without_p_has_paragraphs_of_div_text_that_end_a_sentence() {
    let src = format!(
        "<body><div class=\"entry-title\">Exhibition opens.</div><div>12 March 2025</div>\
         <div>The exhibition opened, Ukrinform reports.<br>\n<br>It runs until April.\
         <br><br>Source: <a href=\"{U}\">Ukrinform</a></div></body>"
    );
    let doc = read(&src);
    assert_eq!(
        first_paragraph(&doc).trim(),
        "The exhibition opened, Ukrinform reports."
    );
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str().trim()).collect();
    assert_eq!(
        texts,
        [
            "Exhibition opens.",
            "12 March 2025",
            "The exhibition opened, Ukrinform reports.",
            "It runs until April.",
            "Source: Ukrinform"
        ]
    );
    assert!(!doc.link_in_or_above_first_paragraph(link(&doc, U)));
    // The block ends where its text does, before the `<br>`s.
    let lead = doc.first_paragraph().unwrap();
    assert!(
        src[lead.span.clone()].ends_with("reports."),
        "{:?}",
        &src[lead.span.clone()]
    );
}

#[test]
fn a_single_br_or_a_p_anywhere_keeps_div_text_from_being_paragraphs() {
    let doc = read("<body><div>One line, Ukrinform reports.<br>Next line.</div></body>");
    assert_eq!(doc.blocks.len(), 1);
    let doc = read(&format!(
        "<body><div>Lead, Ukrinform reports.</div><p>Later <a href=\"{U}\">U</a>.</p></body>"
    ));
    assert_eq!(first_paragraph(&doc), "Later U.");
}

#[test]
fn a_body_without_p_laid_out_in_table_cells_has_paragraphs_of_cell_text() {
    let src = format!(
        "<body><table><tr><td class=\"title\">Exhibition opens</td></tr>\
         <tr><td>12.03.2025</td></tr>\
         <tr><td>The exhibition opened, Ukrinform reports.<br><br>It runs until April.\
         <br><br>Source: <a href=\"{U}\">Ukrinform</a></td></tr></table></body>"
    );
    let doc = read(&src);
    assert_eq!(
        first_paragraph(&doc).trim(),
        "The exhibition opened, Ukrinform reports."
    );
    assert!(!doc.link_in_or_above_first_paragraph(link(&doc, U)));
    // A `<p>` anywhere keeps the cells what they are.
    let doc = read(&format!(
        "<body><table><tr><td>Lead, Ukrinform reports.</td></tr></table>\
         <p>Later <a href=\"{U}\">U</a>.</p></body>"
    ));
    assert_eq!(first_paragraph(&doc), "Later U.");
}

#[test]
fn a_repeated_attribute_keeps_its_first_value_in_a_tag_with_many() {
    // Past the first attributes, their names are kept in a set: a repeat is still dropped.
    for many in [3, 40] {
        let filler: Vec<String> = (0..many).map(|i| format!("data-{i}=\"x\"")).collect();
        let doc = read(&format!(
            "<p>See <a {} href=\"https://first.example/\" href=\"https://second.example/\">this</a>.</p>",
            filler.join(" ")
        ));
        assert_eq!(hrefs(&doc), ["https://first.example/"], "{many}");
    }
}

#[test]
fn the_page_language_is_recorded_as_lang_metadata() {
    let doc = read(
        "<html lang=\"de\"><head><meta property=\"og:locale\" content=\"de_DE\"></head><body><p>x</p></body></html>",
    );
    let meta: Vec<(&str, &str)> = doc
        .meta
        .iter()
        .map(|m| (m.key.as_str(), m.value.as_str()))
        .collect();
    assert!(meta.contains(&("lang", "de")), "{meta:?}");
    assert!(meta.contains(&("og:locale", "de_DE")), "{meta:?}");
}
