//! The article body in reading order: blocks of text and the links standing in them.
//!
//! The body root's subtree is walked once, in document order, without recursion. Inline
//! content (text, images, links, phrasing elements) that stands directly in a block element
//! forms a block; a block element inside it ends that block and starts its own, as a browser
//! lays them out. A `<p>` is a paragraph, `<h1>`–`<h6>` a heading, an `<li>` or cell with
//! direct text a list item or table cell; direct text of other blocks (`<div>`, captions,
//! definition terms, a byline straight in `<body>`) makes an [`BlockKind::Other`] block.

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::Node;
use scraper::node::Element;

use super::classify::{self, Traits};
use super::tree::{FastMap, Parsed};
use crate::document::markdown::{browser_href, make_link, resolve, walk_html};
use crate::document::tags::{self, Tag};
use crate::document::{Block, BlockKind, Inactive, Link, LinkKind, Span, TextBuf, text};

/// A block element whose direct inline content is being collected.
struct Container {
    kind: BlockKind,
    /// Whether a block of its direct text spans from its start tag and to its end tag.
    textual: bool,
    start_tag: Option<Span>,
    /// The block receiving inline content, if one is open.
    run: Option<usize>,
    /// Whether the open block starts at the start tag (else its start is trimmed).
    anchored: bool,
    /// Whether a block element came before in it, or a block was made from it.
    broken: bool,
    /// Start of the first inline element since the last block ended.
    pending: Option<usize>,
    /// `<br>`s since the open block's last visible content: two end a block of direct text
    /// (a CMS that writes no `<p>` separates paragraphs so).
    breaks: u8,
    /// Where the open block's content ended before those `<br>`s.
    before_breaks: usize,
}

/// An `<a href>` whose text is being collected.
struct OpenLink {
    index: usize,
    /// Hiding depth at the link: text hidden inside it is not its text.
    hidden: usize,
    image: bool,
    /// Whether any element opened inside it (an image, an icon).
    content: bool,
    /// Whether it was already recorded (a clone made by the adoption agency).
    merged: bool,
}

/// What an element did on the way in, undone on the way out.
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent flags, one per counter"
)]
struct Frame {
    id: NodeId,
    hides: bool,
    footnotes: bool,
    section: bool,
    /// A `<figcaption>` or an embedded post ([`tags::holds_a_caption`]): a paragraph in it
    /// is the caption's, not one of the text.
    caption: bool,
    code: bool,
    /// The code depth this element suspended: a `<p>` inside a `<pre>` renders as a
    /// paragraph again.
    suspended_code: usize,
    container: bool,
    link: bool,
    visible_inline: bool,
}

/// Collects the blocks and links of the body root's subtree.
pub(super) struct Walker<'a> {
    parsed: &'a Parsed,
    source: &'a str,
    base: Option<&'a url::Url>,
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
    /// The links, in document order.
    pub links: Vec<Link>,
    by_tag: FastMap<usize, usize>,
    /// Reused buffer for the pieces of a text node.
    segments: Vec<(&'a str, Span)>,
    /// For links placed in no block: the index the next block will get.
    unplaced: Vec<(usize, usize)>,
    frames: Vec<Frame>,
    containers: Vec<Container>,
    open_links: Vec<OpenLink>,
    hidden: usize,
    footnotes: usize,
    section: usize,
    /// How many `<figcaption>`s are open.
    caption: usize,
    code: usize,
    /// A chrome subtree being skipped.
    skip: Option<NodeId>,
    /// The furthest source offset seen, for elements with no tag of their own.
    seen: usize,
}

impl<'a> Walker<'a> {
    /// A walker over `parsed`, whose source is `source`; relative links resolve against
    /// `base`; `in_section` says whether a sectioning element encloses the root.
    pub(super) fn new(
        parsed: &'a Parsed,
        source: &'a str,
        base: Option<&'a url::Url>,
        in_section: bool,
    ) -> Self {
        Self {
            parsed,
            source,
            base,
            blocks: Vec::new(),
            links: Vec::new(),
            by_tag: FastMap::default(),
            segments: Vec::new(),
            unplaced: Vec::new(),
            frames: Vec::new(),
            // A structural container under the root, should the root be inline.
            containers: vec![Container {
                kind: BlockKind::Other,
                textual: false,
                start_tag: None,
                run: None,
                anchored: false,
                broken: false,
                pending: None,
                breaks: 0,
                before_breaks: 0,
            }],
            open_links: Vec::new(),
            hidden: 0,
            footnotes: 0,
            section: usize::from(in_section),
            caption: 0,
            code: 0,
            skip: None,
            seen: 0,
        }
    }

    /// Walks the subtree of `root`, then places the links that stand in no block.
    pub(super) fn run(&mut self, root: NodeId) {
        let Some(root_ref) = self.parsed.html.tree.get(root) else {
            return;
        };
        for edge in root_ref.traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(element) => self.open(node.id(), element, node.id() == root),
                    Node::Text(text) if self.skip.is_none() => {
                        let in_noscript = node
                            .parent()
                            .and_then(|p| p.value().as_element())
                            .is_some_and(|p| p.name() == "noscript");
                        if in_noscript {
                            self.noscript(node.id());
                        }
                        self.text(node.id(), text);
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    if node.value().is_element() {
                        self.close(node.id());
                    }
                }
            }
        }
        self.finish_run(0, false);
        let count = self.blocks.len();
        for &(link, next) in &self.unplaced {
            let link = &mut self.links[link];
            if link.block.is_none() && next < count {
                link.block = Some(next);
            }
        }
    }

    /// Whether element `id` wraps an advertising slot: a slot among its children, and
    /// beside it no more than a label's worth of text (`Advertisement`, `Реклама`), which is
    /// the ad's, not the article's. An article's container with a slot between its
    /// paragraphs wraps the article.
    fn wraps_an_ad(&self, id: NodeId) -> bool {
        let Some(node) = self.parsed.html.tree.get(id) else {
            return false;
        };
        let is_slot = |node: ego_tree::NodeRef<'_, Node>| {
            node.value().as_element().is_some_and(|e| {
                matches!(e.name(), "ins" | "div") && tags::is_ad_slot(e.attr("id"), e.attr("class"))
            })
        };
        if !node.children().any(is_slot) {
            return false;
        }
        let mut chars = 0;
        for child in node.children().filter(|c| !is_slot(*c)) {
            for n in child.descendants() {
                if let Some(text) = n.value().as_text() {
                    chars += text.trim().chars().count();
                    if chars > tags::AD_BOX_TEXT {
                        return false;
                    }
                }
            }
        }
        true
    }

    /// Whether `element` (node `id`) is an advertising box below the first paragraph: named
    /// so (`class="advertisement"`, `ad-box`), with an ad's medium in it and, beside, no
    /// paragraph and no more than a label's worth of text (see [`tags::fragment_is_ad_box`],
    /// which reads the same in raw HTML in Markdown).
    fn is_ad_box(&self, id: NodeId, element: &Element) -> bool {
        // Above the first paragraph, a box with an ad's name is as likely the label of the
        // article itself (`<div class="ad-label"><img src="icon.svg"> Реклама</div>`).
        if !tags::may_be_ad_box(element.name(), element.attr("id"), element.attr("class"))
            || !self.blocks.iter().any(Block::is_visible_paragraph)
        {
            return false;
        }
        let Some(node) = self.parsed.html.tree.get(id) else {
            return false;
        };
        let mut media = false;
        let mut chars = 0;
        for n in node.descendants().skip(1) {
            match n.value() {
                Node::Element(e) if e.name() == "p" => return false,
                Node::Element(e) => media |= tags::is_ad_medium(e.name()),
                Node::Text(text) => {
                    let code = n
                        .parent()
                        .and_then(|p| p.value().as_element())
                        .is_some_and(|p| matches!(p.name(), "script" | "style"));
                    if !code {
                        chars += text.trim().chars().count();
                        if chars > tags::AD_BOX_TEXT {
                            return false;
                        }
                    }
                }
                _ => {}
            }
        }
        media
    }

    fn open(&mut self, id: NodeId, element: &Element, is_root: bool) {
        if self.skip.is_some() {
            return;
        }
        let mut traits = Traits::of(element);
        // A body root chosen by a selector (`article`, `[itemprop="articleBody"]`) is the
        // article: a `<header>` in it holds the title, not the site's header.
        traits.section |= is_root && element.name() != "body";
        if !is_root
            && (traits.is_chrome(self.section > 0)
                || traits.footnote_ref
                || self.wraps_an_ad(id)
                || self.is_ad_box(id, element))
        {
            self.skip = Some(id);
            return;
        }
        let name = element.name();
        let start_tag = self.parsed.origins.start_tag(id);
        if let Some(tag) = &start_tag {
            self.seen = self.seen.max(tag.end);
        }
        let mut frame = Frame {
            id,
            hides: traits.hides,
            footnotes: traits.footnotes,
            section: traits.section,
            caption: tags::holds_a_caption(name, element.attr("class")),
            code: classify::is_code_block(name),
            suspended_code: 0,
            container: false,
            link: false,
            visible_inline: false,
        };
        self.hidden += usize::from(frame.hides);
        self.footnotes += usize::from(frame.footnotes);
        self.section += usize::from(frame.section);
        self.caption += usize::from(frame.caption);
        if self.code > 0 && !frame.code && tags::is_block_level(name) {
            frame.suspended_code = std::mem::take(&mut self.code);
        }
        self.code += usize::from(frame.code);
        for open in &mut self.open_links {
            open.image |= name == "img";
            open.content = true;
        }
        if self.hidden == 0 {
            if tags::is_block_level(name) {
                self.open_container(name, element.attr("class"), start_tag.clone());
                frame.container = true;
            } else {
                frame.visible_inline = true;
                self.inline_start(name, start_tag.as_ref());
            }
        }
        if name == "a"
            && let Some(href) = element.attr("href")
        {
            self.open_link(id, href);
            frame.link = true;
        }
        self.frames.push(frame);
    }

    fn close(&mut self, id: NodeId) {
        if let Some(skip) = self.skip {
            if skip == id {
                self.skip = None;
            }
            return;
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        debug_assert_eq!(frame.id, id, "frames follow the tree");
        let end_tag = self.parsed.origins.end_tag(id);
        if let Some(tag) = &end_tag {
            self.seen = self.seen.max(tag.end);
        }
        if frame.visible_inline
            && let Some(tag) = &end_tag
            && let Some(run) = self.containers.last().and_then(|c| c.run)
        {
            let span = &mut self.blocks[run].span;
            span.end = span.end.max(tag.end);
        }
        if frame.link {
            self.close_link();
        }
        if frame.container {
            self.close_container(end_tag.as_ref());
        }
        self.hidden -= usize::from(frame.hides);
        self.footnotes -= usize::from(frame.footnotes);
        self.section -= usize::from(frame.section);
        self.caption -= usize::from(frame.caption);
        self.code -= usize::from(frame.code);
        self.code += frame.suspended_code;
    }

    fn open_container(&mut self, name: &str, class: Option<&str>, start_tag: Option<Span>) {
        let depth = self.containers.len() - 1;
        self.finish_run(depth, false);
        let parent = &mut self.containers[depth];
        parent.broken = true;
        parent.pending = None;
        let mut kind = classify::block_kind(name, class);
        // A caption's paragraph, or the title of a callout, is no paragraph of the text.
        if kind == BlockKind::Paragraph
            && (self.caption > 0 || class.is_some_and(tags::names_a_callout_title))
        {
            kind = BlockKind::Other;
        }
        self.containers.push(Container {
            kind,
            textual: classify::is_textual(name),
            start_tag: start_tag.clone(),
            run: None,
            anchored: false,
            broken: false,
            pending: None,
            breaks: 0,
            before_breaks: 0,
        });
        // A paragraph or heading is a block even when empty or holding only an image.
        if matches!(name, "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            && let Some(tag) = start_tag
        {
            self.open_run(tag);
        }
    }

    fn close_container(&mut self, end_tag: Option<&Span>) {
        let depth = self.containers.len() - 1;
        if depth == 0 {
            return;
        }
        let container = &self.containers[depth];
        let anchored = container.textual && end_tag.is_some();
        if let (Some(run), true, Some(tag)) = (container.run, anchored, end_tag) {
            let span = &mut self.blocks[run].span;
            span.end = span.end.max(tag.end);
        }
        self.finish_run(depth, anchored);
        self.containers.pop();
    }

    /// Ends the open block of container `depth`, trimming whitespace off any side that does
    /// not stand at a tag.
    fn finish_run(&mut self, depth: usize, end_anchored: bool) {
        let container = &mut self.containers[depth];
        let Some(run) = container.run.take() else {
            return;
        };
        let anchored = container.anchored;
        container.pending = None;
        let span = &mut self.blocks[run].span;
        let bytes = self.source.as_bytes();
        if !end_anchored {
            while span.end > span.start && bytes[span.end - 1].is_ascii_whitespace() {
                span.end -= 1;
            }
        }
        if !anchored {
            while span.start < span.end && bytes[span.start].is_ascii_whitespace() {
                span.start += 1;
            }
        }
    }

    /// Opens a block in the innermost container for inline content that starts at `item`.
    fn open_run(&mut self, item: Span) -> usize {
        let below = self.footnotes > 0;
        let container = self
            .containers
            .last_mut()
            .expect("the base container stays");
        if let Some(run) = container.run {
            return run;
        }
        let anchored = container.textual && !container.broken && container.start_tag.is_some();
        let start = if anchored {
            container.start_tag.as_ref().map_or(item.start, |t| t.start)
        } else {
            container.pending.map_or(item.start, |p| p.min(item.start))
        };
        let index = self.blocks.len();
        self.blocks.push(Block {
            kind: container.kind,
            span: start..item.end.max(start),
            text: TextBuf::new(),
            below,
            caption: self.caption > 0,
        });
        container.run = Some(index);
        container.anchored = anchored;
        container.broken = true;
        container.pending = None;
        index
    }

    /// Inline content standing at `item` makes (or joins) a block; open links stand in it.
    fn content(&mut self, item: &Span) -> usize {
        let run = self.open_run(item.clone());
        let span = &mut self.blocks[run].span;
        span.end = span.end.max(item.end);
        for open in &self.open_links {
            let link = &mut self.links[open.index];
            if link.block.is_none() {
                link.block = Some(run);
            }
        }
        run
    }

    fn inline_start(&mut self, name: &str, start_tag: Option<&Span>) {
        let Some(tag) = start_tag else { return };
        match name {
            "img" | "picture" | "video" | "canvas" => {
                self.content(tag);
                self.containers
                    .last_mut()
                    .expect("the base container stays")
                    .breaks = 0;
            }
            "br" => {
                let depth = self.containers.len() - 1;
                let container = &mut self.containers[depth];
                if let Some(run) = container.run {
                    if container.breaks == 0 {
                        container.before_breaks = self.blocks[run].span.end;
                    }
                    container.breaks = container.breaks.saturating_add(1);
                    if container.breaks >= 2
                        && matches!(container.kind, BlockKind::Other | BlockKind::TableCell)
                    {
                        // The block ends where its text did.
                        self.blocks[run].span.end = container.before_breaks;
                        self.finish_run(depth, false);
                    } else {
                        self.blocks[run].text.push_break(tag.clone());
                        let span = &mut self.blocks[run].span;
                        span.end = span.end.max(tag.end);
                    }
                }
            }
            _ => {
                let container = self
                    .containers
                    .last_mut()
                    .expect("the base container stays");
                if container.run.is_none() && container.pending.is_none() {
                    container.pending = Some(tag.start);
                }
            }
        }
    }

    fn text(&mut self, id: NodeId, text: &str) {
        for open in &self.open_links {
            if open.hidden == self.hidden {
                self.links[open.index].text.push_str(text);
            }
        }
        if self.hidden > 0 || self.code > 0 {
            return;
        }
        let visible = text::shows(text);
        if visible {
            self.containers
                .last_mut()
                .expect("the base container stays")
                .breaks = 0;
        }
        let open = self.containers.last().is_some_and(|c| c.run.is_some());
        if !visible && !open {
            return;
        }
        let parsed = self.parsed;
        let mut segments = std::mem::take(&mut self.segments);
        parsed.origins.text_segments(id, &mut segments);
        if let Some(first) = segments.first() {
            let start = first.1.start;
            let end = segments.iter().map(|s| s.1.end).max().unwrap_or(start);
            self.seen = self.seen.max(end);
            // The block ends where its visible text does: white space after it is none of
            // it, nor what stands between (the parser puts a line break after `</html>` in
            // the text of the body, `…reports.\n</body></html>\n`).
            let visible_end = (segments.iter())
                .filter(|(piece, _)| text::shows(piece))
                .map(|s| s.1.end)
                .max();
            let run = match (self.containers.last().and_then(|c| c.run), visible_end) {
                (Some(run), None) => run,
                (_, visible_end) => self.content(&(start..visible_end.unwrap_or(end))),
            };
            for (piece, span) in segments.drain(..) {
                self.blocks[run]
                    .text
                    .push_rendered(piece, span, self.source);
            }
        }
        self.segments = segments;
    }

    fn open_link(&mut self, id: NodeId, href: &str) {
        let tag = self.parsed.origins.link_tag(id);
        if let Some(&index) = tag.as_ref().and_then(|t| self.by_tag.get(&t.start)) {
            // A copy of a link the adoption agency split around a block: one link.
            if self.hidden == 0 && self.links[index].inactive == Some(Inactive::Hidden) {
                self.links[index].inactive = self.classify(href, tag.clone().unwrap_or(0..0));
            }
            let run = self.containers.last().and_then(|c| c.run);
            if self.hidden == 0 && run.is_some() && self.links[index].block.is_none() {
                self.links[index].block = run;
            }
            self.open_links.push(OpenLink {
                index,
                hidden: self.hidden,
                image: false,
                content: false,
                merged: true,
            });
            return;
        }
        // Every <a> element comes from an <a> start tag (its own, or the one it copies); should
        // one not, it stands where the walk is.
        let span = tag.clone().unwrap_or(self.seen..self.seen);
        let mut link = link_to(href, span.clone(), self.base);
        if link.inactive.is_none() {
            if self.hidden > 0 {
                link.inactive = Some(Inactive::Hidden);
            } else if self.footnotes > 0 {
                link.inactive = Some(Inactive::Footnote);
            }
        }
        // A link in the middle of a block stands in it; else in the first block its content
        // makes (see `content`), else in the next block (see `run`).
        link.block = self.containers.last().and_then(|c| c.run);
        let index = self.links.len();
        if tag.is_some() {
            self.by_tag.insert(span.start, index);
        }
        self.links.push(link);
        self.open_links.push(OpenLink {
            index,
            hidden: self.hidden,
            image: false,
            content: false,
            merged: false,
        });
    }

    fn classify(&self, href: &str, span: Span) -> Option<Inactive> {
        let inactive = link_to(href, span, self.base).inactive;
        if inactive.is_none() && self.footnotes > 0 {
            Some(Inactive::Footnote)
        } else {
            inactive
        }
    }

    fn close_link(&mut self) {
        let Some(open) = self.open_links.pop() else {
            return;
        };
        let link = &mut self.links[open.index];
        let trimmed = link.text.trim();
        if trimmed.len() != link.text.len() {
            link.text = trimmed.to_owned();
        }
        if open.image && link.text.is_empty() {
            link.kind = LinkKind::Image;
        } else if !link.text.is_empty() {
            link.kind = LinkKind::Inline;
        } else if !open.content && link.inactive.is_none() && !open.merged {
            // `<a href="…"></a>`: nothing to see or click. An element inside (an icon)
            // may show something, so only a link with no content at all is empty.
            link.inactive = Some(Inactive::Empty);
        }
        if link.block.is_none() && !open.merged {
            self.unplaced.push((open.index, self.blocks.len()));
        }
    }

    /// Links in the raw text of a `<noscript>`: never followed by a reader with scripts on,
    /// recorded as hidden.
    fn noscript(&mut self, id: NodeId) {
        let mut segments = Vec::new();
        self.parsed.origins.text_segments(id, &mut segments);
        let (Some(first), Some(last)) = (segments.first(), segments.last()) else {
            return;
        };
        let range = first.1.start..last.1.end;
        let Some(raw) = self.source.get(range.clone()) else {
            return;
        };
        let (_, links, _) = walk_html(raw);
        let block = self.containers.last().and_then(|c| c.run);
        for found in links {
            // The link's span there runs to its end tag; here a link is its start tag.
            let whole = raw.get(found.span.clone()).unwrap_or_default();
            let tag_len = match tags::tokenize(whole, 0).first() {
                Some(Tag::Start { span, .. }) => span.end,
                _ => found.span.len(),
            };
            let start = range.start + found.span.start;
            let span = start..start + tag_len;
            let mut link = link_to(&found.href, span, self.base);
            link.text = found.text;
            link.kind = found.kind;
            link.inactive = Some(Inactive::Hidden);
            link.block = block;
            if block.is_none() {
                self.unplaced.push((self.links.len(), self.blocks.len()));
            }
            self.links.push(link);
        }
    }
}

/// A link to `href` as written, resolved against the document base when there is one.
fn link_to(href: &str, span: Span, base: Option<&url::Url>) -> Link {
    let resolved = base.and_then(|base| resolve(href, Some(base)));
    let mut link = if let Some(url) = resolved {
        make_link(url.to_string(), span, String::new(), LinkKind::Inline)
    } else {
        make_link(
            browser_href(href).into_owned(),
            span,
            String::new(),
            LinkKind::Inline,
        )
    };
    href.clone_into(&mut link.href);
    link
}
