//! The Markdown front end: pulldown-cmark events with byte offsets, turned into the model.
//!
//! The only module that imports `pulldown_cmark`. Raw HTML inside Markdown (inline tags and
//! HTML blocks) is tokenized and tracked as a browser would render it: `<a href>` is a link,
//! `<p>` a paragraph, and content under a hiding element is not rendered.

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag as MdTag, TagEnd};

use super::tags::{self, Tag};
use super::{
    Block, BlockKind, Directive, DirectiveAction, Document, Format, Inactive, Link, LinkKind,
    OffsetMap, ReadOptions, Span, TextBuf, front_matter,
};

/// The parser options citelint reads Markdown with, the `CommonMark` core plus the extensions
/// GitHub, Hugo and Jekyll render: tables, footnotes, strikethrough, task lists, alerts.
#[must_use]
pub fn options() -> Options {
    // `ENABLE_GFM`: GitHub's alerts (`> [!NOTE]`), whose marker renders as the alert's title,
    // not as a paragraph of the text.
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// Reads a Markdown document.
#[must_use]
pub fn parse(text: String, offsets: OffsetMap, options: &ReadOptions) -> Document {
    let mut doc = Document::new(Format::Markdown, text, offsets);
    let mut body_start = 0;
    if let Some(fm) = front_matter::split(&doc.text) {
        body_start = fm.body_start;
        if fm.body_start > 0 {
            doc.front_matter = Some(fm.span.clone());
        }
        for entry in &fm.entries {
            if entry.key == "citelint.disable" {
                doc.directives.push(Directive {
                    action: DirectiveAction::DisableFile,
                    rules: vec![entry.value.clone()],
                    span: entry.span.clone(),
                });
            }
        }
        doc.meta = fm.entries;
        doc.problems.extend(fm.problem);
    }
    let text = std::mem::take(&mut doc.text);
    // Template comments and tag lines render nothing: the parser reads a copy without them.
    let blanked = super::templates::blank(&text, body_start, options.mdx);
    let source = blanked.as_deref().unwrap_or(&text);
    let mut walker = Walker::new(source, body_start, options.autolink);
    walker.run(&source[body_start..]);
    // A container's fence lines written tight against its text (`::: {.label}`, `Реклама`,
    // `:::`) make one paragraph with it for CommonMark, where the site renders a frame around
    // a paragraph: read again with those lines blank.
    let unfenced = without_tight_fences(
        source,
        (walker.blocks.iter())
            .filter(|b| b.kind == BlockKind::Paragraph)
            .map(|b| b.span.clone()),
    );
    if let Some(copy) = unfenced.as_deref() {
        walker = Walker::new(copy, body_start, options.autolink);
        walker.run(&copy[body_start..]);
    }
    let source = unfenced.as_deref().unwrap_or(source);
    let Walker {
        mut blocks,
        mut links,
        directives,
        ..
    } = walker;
    if options.mdx {
        drop_esm(&text, &mut blocks, &mut links);
    }
    let mut tag_lines = Vec::new();
    for (index, block) in blocks.iter_mut().enumerate() {
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        if only_template_tags(block.text.as_str()) {
            block.kind = BlockKind::Other;
            tag_lines.push(index);
        } else if source.get(block.span.clone()).is_some_and(named_fence) {
            // The frame and title of a container: a link in the title is still a link. A
            // title written out (`!!! note "Реклама"`, `:::tip Реклама`) is the text the
            // site shows, as the HTML it renders to reads (`<p class="admonition-title">`).
            block.kind = BlockKind::Other;
            if let Some(title) = fence_title(&source[block.span.clone()]) {
                let title = block.span.start + title.start..block.span.start + title.end;
                let mut text = TextBuf::new();
                text.push(&source[title.clone()], title, source);
                block.text = text;
            }
        }
    }
    // In a line of tags, a URL renders as a link only as a tag's link parameter (a figure's
    // `link="…"`); an image's `src`, a `title` or a `javascript:` string is no link.
    if !tag_lines.is_empty() {
        links.retain(|link| {
            link.block
                .is_none_or(|b| tag_lines.binary_search(&b).is_err())
                || link_parameter(&source[..link.span.start])
        });
    }
    doc.blocks = blocks;
    doc.links = links;
    doc.directives.extend(directives);
    doc.text = text;
    doc.settle();
    doc
}

/// Whether `text` holds nothing but site-generator tags: Hugo shortcodes (`{{< figure … >}}`,
/// `{{% notice %}}`) and Liquid tags (`{% include … %}`). The generator renders them as
/// figures, embeds or nothing, never as a paragraph, so such a line is no first paragraph.
/// Liquid output (`{{ page.title }}`, `{% echo page.lead %}`) renders text and stays a
/// paragraph.
#[must_use]
pub fn only_template_tags(text: &str) -> bool {
    let mut rest = text.trim_start();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let close = if rest.starts_with("{{<") || rest.starts_with("{{%") {
            "}}"
        } else if let Some(inside) = rest.strip_prefix("{%") {
            // Liquid tags that print text (`{% echo page.lead %}`) make a paragraph.
            if super::templates::prints_text(inside.as_bytes()) {
                return false;
            }
            "%}"
        } else {
            return false;
        };
        let Some(end) = rest[2..].find(close) else {
            return false;
        };
        rest = rest[2 + end + close.len()..].trim_start();
    }
    true
}

/// `source` with the container fence lines inside its `paragraphs` (spans of `source`)
/// blanked, if any: lines that [`directive_fence`] takes for a frame (a bare `:::` only while
/// a container is open), and that hold no link (a title's link stays read, with its
/// paragraph, which [`named_fence`] tells). `CommonMark` reads a fence written tight against
/// its text (`::: {.label}`, `Реклама`, `:::`) into one paragraph with it, where the site
/// renders a frame around a paragraph; blank, the lines end the paragraph there. Each byte
/// becomes a space, so every offset stays.
pub fn without_tight_fences(
    source: &str,
    paragraphs: impl Iterator<Item = std::ops::Range<usize>>,
) -> Option<String> {
    memchr::memmem::find(source.as_bytes(), b":::")?;
    let mut fences = Vec::new();
    // Containers open at this point of the paragraphs read so far: a bare `:::` closes one
    // only while one is open (Pandoc, remark); otherwise it is text.
    let mut open = 0usize;
    for span in paragraphs {
        let Some(raw) = source.get(span.clone()) else {
            continue;
        };
        if !raw.contains(":::") {
            continue;
        }
        let mut at = span.start;
        for line in raw.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            let fence = directive_fence(content);
            let bare = bare_fence(content);
            let frames = fence && (!bare || open > 0);
            if frames {
                if bare {
                    open -= 1;
                } else {
                    open += 1;
                }
            }
            // A title's link stays read, with its paragraph; the attributes of a fence
            // (`{data-src="https://…"}`) render as none.
            let without_attributes = content.split_once('{').map_or(content, |(f, _)| f);
            let linked = without_attributes.contains("](")
                || without_attributes.contains('<')
                || without_attributes.contains("://");
            if frames && !linked {
                fences.push(at..at + content.len());
            }
            at += line.len();
        }
    }
    if fences.is_empty() {
        return None;
    }
    let mut copy = source.as_bytes().to_vec();
    for fence in fences {
        copy[fence].fill(b' ');
    }
    String::from_utf8(copy).ok()
}

/// [`without_tight_fences`] for a reader that does not walk the whole of `body` (the
/// floor, the tests' renderer): its paragraphs found with a parse of their own, when it has
/// a container fence at all.
#[must_use]
pub fn unfenced(body: &str) -> Option<String> {
    memchr::memmem::find(body.as_bytes(), b":::")?;
    let paragraphs = Parser::new_ext(body, options())
        .into_offset_iter()
        .filter_map(|(event, range)| {
            matches!(event, Event::Start(MdTag::Paragraph)).then_some(range)
        });
    without_tight_fences(body, paragraphs)
}

/// Whether the paragraph written as `raw` is a container's opening fence, which renders as
/// its frame and title: a [`directive_fence`] other than a bare `:::`, which closes a
/// container only while one is open (and is blanked then) and is text otherwise.
#[must_use]
pub fn named_fence(raw: &str) -> bool {
    directive_fence(raw) && !bare_fence(raw)
}

/// Whether `line` is nothing but colons (`:::`, `::::`): a container's closing fence.
fn bare_fence(line: &str) -> bool {
    line.trim().trim_start_matches(':').is_empty()
}

/// Whether the paragraph written as `raw` is one line that opens or closes a container:
/// a Docusaurus or `VitePress` admonition (`:::note`, `:::tip Title`, `:::info[Title]`), a
/// Pandoc fenced div (`::: {.lead}`, `::: lead`, `::: lead :::`), a remark directive
/// (`:::name[label]{attrs}`), or a closing `:::`. The site renders it as the container's
/// frame and title, never as a paragraph. Other text after the colons (`::: The minister
/// said…`) is no fence, and stays a paragraph.
#[must_use]
pub fn directive_fence(raw: &str) -> bool {
    /// Container kinds that take a title after them.
    const TITLED: [&str; 14] = [
        "note",
        "tip",
        "info",
        "warning",
        "danger",
        "caution",
        "important",
        "success",
        "secondary",
        "details",
        "abstract",
        "question",
        "example",
        "quote",
    ];
    let line = raw.trim_start();
    if let Some(rest) = ["!!!", "???+", "???"]
        .iter()
        .find_map(|m| line.strip_prefix(m))
    {
        return admonition_line(rest);
    }
    let Some(rest) = line.strip_prefix(":::") else {
        return false;
    };
    let rest = rest.trim_end();
    if rest.contains(['\n', '\r']) {
        return false;
    }
    let rest = rest.trim_start_matches(':').trim_start();
    // Attributes, which Pandoc lets trailing colons follow (`::: {.lead} :::`).
    let attributes = rest.trim_end_matches(':').trim_end();
    if rest.is_empty() || (attributes.starts_with('{') && attributes.ends_with('}')) {
        return true;
    }
    let name_len = directive_name_len(rest);
    if name_len == 0 {
        return false;
    }
    let (name, after) = rest.split_at(name_len);
    if TITLED.iter().any(|t| name.eq_ignore_ascii_case(t)) {
        return true;
    }
    // One name, then at most a label, attributes and closing colons.
    let after = after.trim_start();
    after.is_empty()
        || after.starts_with(['[', '{'])
        || after.trim_end_matches(':').trim().is_empty()
}

/// The length of the container name that opens `rest` (`note`, `tip`, `custom-box`).
fn directive_name_len(rest: &str) -> usize {
    rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len())
}

/// Whether `rest`, what follows `!!!` (or `???`, `???+`) on a line, makes the line a
/// Python-Markdown or `MkDocs` admonition's opening: a type, maybe more classes, and maybe
/// a title in double quotes (`!!! note "Update"`), which renders as the admonition's title.
fn admonition_line(rest: &str) -> bool {
    let rest = rest.trim_end();
    if !rest.starts_with([' ', '\t']) || rest.contains(['\n', '\r']) {
        return false;
    }
    let (classes, title) = match rest.find('"') {
        Some(at) => (&rest[..at], Some(&rest[at..])),
        None => (rest, None),
    };
    // Types and classes are written in lower case (`note`, `warning inline end`).
    let class = |w: &str| {
        w.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    };
    let mut words = classes.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(class)
        && title.is_none_or(|t| t.len() >= 2 && t.ends_with('"'))
}

/// The title of a container's opening fence (a [`named_fence`]) written out after its kind,
/// as a range of `raw`: in double quotes after an admonition's (`!!! note "Update"`), the
/// rest of the line or a label in brackets after a directive's (`:::tip Update`,
/// `:::info[Update]`). `None` for a fence without one, whose title the site makes of its
/// kind.
fn fence_title(raw: &str) -> Option<std::ops::Range<usize>> {
    let line_end = raw.find(['\n', '\r']).unwrap_or(raw.len());
    let line = &raw[..line_end];
    let lead = line.len() - line.trim_start().len();
    let line = line.trim_start();
    let title = if ["!!!", "???"].iter().any(|m| line.starts_with(m)) {
        let open = line.find('"')? + 1;
        let close = open + line[open..].find('"')?;
        open..close
    } else {
        let rest_at = line.len() - line.trim_start_matches(':').len();
        let rest = &line[rest_at..];
        let name_at = rest_at + (rest.len() - rest.trim_start().len());
        let after = name_at + directive_name_len(&line[name_at..]);
        if line[after..].starts_with('[') {
            let close = after + line[after..].find(']')?;
            after + 1..close
        } else if line[after..].starts_with([' ', '\t']) {
            let text = line[after..].trim().trim_end_matches(':').trim_end();
            let start = after + (line[after..].len() - line[after..].trim_start().len());
            start..start + text.len()
        } else {
            return None;
        }
    };
    let text = line.get(title.clone())?;
    (!text.trim().is_empty() && !text.starts_with('{'))
        .then(|| lead + title.start..lead + title.end)
}

/// Whether `before` ends with a template tag's link parameter opening (`link="`, `href=`,
/// `url='`, Hugo's `figure` credit `attrlink="`), so that the URL after it is the address
/// the tag renders a link to.
fn link_parameter(before: &str) -> bool {
    let before = before.trim_end_matches(['"', '\'']).trim_end();
    let Some(name) = before.strip_suffix('=') else {
        return false;
    };
    let name = name.trim_end();
    let start = name
        .rfind(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '-')
        .map_or(0, |i| i + 1);
    ["link", "href", "url", "attrlink"]
        .iter()
        .any(|p| name[start..].eq_ignore_ascii_case(p))
}

/// Empties the paragraphs of MDX that are ES module statements (`import X from "./x"`,
/// `export const meta = …` at the start of a line): MDX runs them, nothing renders them.
fn drop_esm(text: &str, blocks: &mut [Block], links: &mut Vec<Link>) {
    let mut dropped = Vec::new();
    for (index, block) in blocks.iter_mut().enumerate() {
        let at_line_start = text[..block.span.start].ends_with('\n') || block.span.start == 0;
        let rest = &text[block.span.start..];
        let esm = ["import", "export"].iter().any(|keyword| {
            rest.strip_prefix(keyword)
                .and_then(|r| r.chars().next())
                .is_some_and(|c| c == ' ' || c == '\t' || c == '{' || c == '*')
        });
        if block.kind == BlockKind::Paragraph && at_line_start && esm {
            block.text = TextBuf::new();
            dropped.push(index);
        }
    }
    if !dropped.is_empty() {
        links.retain(|l| l.block.is_none_or(|b| dropped.binary_search(&b).is_err()));
    }
}

/// Walks raw HTML as a Markdown HTML block would be walked: the fallback reading of an HTML
/// fragment, without article-body detection.
pub(crate) fn walk_html(source: &str) -> (Vec<Block>, Vec<Link>, Vec<Directive>) {
    let mut walker = Walker::new(source, 0, false);
    for tag in tags::tokenize(source, 0) {
        walker.html_tag(&tag, false);
    }
    walker.close_lazy_item();
    (walker.blocks, walker.links, walker.directives)
}

/// An open link whose text is being collected.
struct OpenLink {
    href: String,
    span: Span,
    text: String,
    kind: LinkKind,
    /// Depth of the raw-HTML stack when an `<a>` opened; `None` for Markdown links.
    html_depth: Option<usize>,
    /// Whether the link is hidden where it opens (by an ancestor or by its own attributes).
    hidden: bool,
    /// Whether the link is not one once rendered: written inside an image's alt text, or
    /// inside page chrome, which the HTML front end leaves out of the body.
    dropped: bool,
}

/// An element of raw HTML that is still open.
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent facts about one open element, each read on its own"
)]
struct OpenElement {
    name: String,
    hidden: bool,
    /// Page chrome (`<nav>`, `<aside>`, `<footer>`): what the HTML this renders to would
    /// leave out of the article body. A `<header>` is not: a site renders Markdown inside
    /// its article, where a header is the article's own.
    chrome: bool,
    /// The block this element opened, if it is a `<p>`, heading, `<li>` or cell.
    opened_block: bool,
    /// A caption or an embedded post ([`tags::holds_a_caption`]): its paragraphs are not the
    /// text's.
    caption: bool,
}

struct Walker<'a> {
    source: &'a str,
    base: usize,
    autolink: bool,
    blocks: Vec<Block>,
    links: Vec<Link>,
    directives: Vec<Directive>,
    /// Index of the block receiving text, if one is open.
    current: Option<usize>,
    /// Whether the current block was opened lazily for a tight list item.
    lazy_item: bool,
    /// Open Markdown list items.
    items: usize,
    footnote: usize,
    code_block: usize,
    image: usize,
    link_stack: Vec<OpenLink>,
    html: Vec<OpenElement>,
    html_block: Option<(Span, String)>,
    /// Whether the raw HTML start tag being applied opens an advertising box
    /// ([`tags::fragment_is_ad_box`]).
    ad_box: bool,
    /// Raw HTML `<br>`s in a row since the last visible text: two end a block of loose text,
    /// as the HTML front end reads them (`<div>Lead.<br><br>Next.</div>`).
    breaks: usize,
}

impl<'a> Walker<'a> {
    fn new(source: &'a str, base: usize, autolink: bool) -> Self {
        Self {
            source,
            base,
            autolink,
            blocks: Vec::new(),
            links: Vec::new(),
            directives: Vec::new(),
            current: None,
            lazy_item: false,
            items: 0,
            footnote: 0,
            code_block: 0,
            image: 0,
            link_stack: Vec::new(),
            html: Vec::new(),
            html_block: None,
            ad_box: false,
            breaks: 0,
        }
    }

    /// Whether raw HTML around this point hides it, or makes it page chrome.
    fn hidden(&self) -> bool {
        self.html.iter().any(|e| e.hidden || e.chrome)
    }

    /// Whether raw HTML around this point is a figure's caption, whose paragraphs are not
    /// the text's (as the HTML front end reads them).
    fn in_caption(&self) -> bool {
        self.html.iter().any(|e| e.caption)
    }

    /// Whether raw HTML around this point is page chrome.
    fn in_chrome(&self) -> bool {
        self.html.iter().any(|e| e.chrome)
    }

    fn run(&mut self, body: &str) {
        let parser = Parser::new_ext(body, options()).into_offset_iter();
        for (event, range) in parser {
            let span = self.base + range.start..self.base + range.end;
            self.event(event, span);
        }
        self.close_lazy_item();
    }

    fn open_block(&mut self, kind: BlockKind, mut span: Span) {
        self.close_lazy_item();
        self.breaks = 0;
        let trimmed = self.source[span.clone()]
            .trim_end_matches(['\r', '\n', ' ', '\t'])
            .len();
        span.end = span.start + trimmed;
        self.blocks.push(Block {
            kind,
            span,
            text: TextBuf::new(),
            below: self.footnote > 0,
            caption: self.in_caption(),
        });
        self.current = Some(self.blocks.len() - 1);
    }

    fn close_block(&mut self) {
        self.current = None;
        self.lazy_item = false;
    }

    /// Ends the `<a href>`s of raw HTML still open at the end of the current block (`…, <a
    /// href="…">Ukrinform reports.` with no `</a>`, or one around a paragraph of an HTML
    /// block): a link to the end of the block, as a browser builds it. The browser would carry
    /// it on into the next block too, but the link already stands where it starts.
    fn finish_open_anchors(&mut self) {
        let Some(index) = self.current else {
            return;
        };
        let end = self.blocks[index].span.end;
        while self
            .link_stack
            .last()
            .is_some_and(|open| open.html_depth.is_some())
        {
            let open = self.link_stack.pop().expect("checked above");
            self.finish_link(open, end);
        }
    }

    fn close_lazy_item(&mut self) {
        if self.lazy_item {
            self.close_block();
        }
    }

    /// The block that receives inline content, opening a list-item block for a tight item.
    fn block_for_inline(&mut self, span: &Span) -> Option<usize> {
        if self.current.is_none() {
            let kind = if self.items > 0 {
                BlockKind::ListItem
            } else {
                BlockKind::Other
            };
            self.open_block(kind, span.clone());
            self.lazy_item = true;
        }
        let index = self.current?;
        let block = &mut self.blocks[index];
        block.span.start = block.span.start.min(span.start);
        block.span.end = block.span.end.max(span.end);
        Some(index)
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(tag) => self.end(tag, &span),
            Event::Text(text) => self.text(&text, span),
            Event::Code(code) => {
                if self.code_block == 0 && self.image == 0 && !self.hidden() {
                    if let Some(index) = self.block_for_inline(&span) {
                        self.blocks[index].text.push(&code, span, self.source);
                    }
                    if let Some(link) = self.link_stack.last_mut() {
                        link.text.push_str(&code);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(index) = self.current {
                    self.blocks[index].text.push_break(span);
                }
            }
            Event::Html(html) => {
                if let Some((block_span, raw)) = &mut self.html_block {
                    block_span.end = span.end;
                    raw.push_str(&html);
                }
            }
            Event::InlineHtml(html) => {
                let tags = tags::tokenize(&html, span.start);
                let verbatim = self.source.get(span.clone()) == Some(&*html);
                for tag in tags {
                    let tag = if verbatim {
                        tag
                    } else {
                        with_span(tag, span.clone())
                    };
                    self.html_tag(&tag, true);
                }
            }
            Event::Rule => self.close_lazy_item(),
            Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: MdTag<'_>, span: Span) {
        match tag {
            MdTag::Paragraph if self.in_caption() => {
                self.open_block(BlockKind::Other, span);
            }
            MdTag::Paragraph => self.open_block(BlockKind::Paragraph, span),
            MdTag::Heading { level, .. } => self.open_block(BlockKind::Heading(level as u8), span),
            MdTag::TableCell => self.open_block(BlockKind::TableCell, span),
            MdTag::Item => {
                self.close_lazy_item();
                self.items += 1;
            }
            MdTag::List(_) | MdTag::BlockQuote(_) | MdTag::Table(_) => self.close_lazy_item(),
            MdTag::FootnoteDefinition(_) => {
                self.close_lazy_item();
                self.footnote += 1;
            }
            MdTag::CodeBlock(_) => {
                self.close_lazy_item();
                self.code_block += 1;
            }
            MdTag::HtmlBlock => {
                self.close_lazy_item();
                self.html_block = Some((span.start..span.start, String::new()));
            }
            MdTag::Link {
                link_type,
                dest_url,
                ..
            } => self.open_link(link_type, &dest_url, span),
            MdTag::Image { .. } => {
                self.image += 1;
                if let Some(link) = self.link_stack.last_mut() {
                    link.kind = LinkKind::Image;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, span: &Span) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => {
                self.finish_open_anchors();
                self.close_block();
            }
            TagEnd::Item => {
                if self.lazy_item {
                    self.finish_open_anchors();
                }
                self.close_lazy_item();
                self.items = self.items.saturating_sub(1);
            }
            TagEnd::FootnoteDefinition => {
                self.close_lazy_item();
                self.footnote = self.footnote.saturating_sub(1);
            }
            TagEnd::CodeBlock => self.code_block = self.code_block.saturating_sub(1),
            TagEnd::HtmlBlock => {
                if let Some((block_span, mut raw)) = self.html_block.take() {
                    let base = block_span.start;
                    let source = self.source.get(block_span.clone()).unwrap_or_default();
                    // The parser hands over CRLF line ends as LF; the source is what counts.
                    if source != raw && source.contains('\r') && source.replace("\r\n", "\n") == raw
                    {
                        source.clone_into(&mut raw);
                    }
                    let verbatim = source == raw;
                    for tag in tags::tokenize(&raw, base) {
                        // An advertising box, read from its start tag to the block's end as
                        // the HTML front end reads the element.
                        self.ad_box = match &tag {
                            Tag::Start { span, name, .. }
                                if tags::may_be_ad_box(name, tag.attr("id"), tag.attr("class"))
                                    && self.blocks.iter().any(Block::is_visible_paragraph) =>
                            {
                                let from = if verbatim { span.start - base } else { 0 };
                                raw.get(from..)
                                    .is_some_and(|f| tags::fragment_is_ad_box(f, name))
                            }
                            _ => false,
                        };
                        let tag = if verbatim {
                            tag
                        } else {
                            with_span(tag, block_span.clone())
                        };
                        self.html_tag(&tag, false);
                    }
                    self.ad_box = false;
                    self.close_lazy_item();
                }
            }
            TagEnd::Link => {
                if let Some(open) = self.link_stack.pop()
                    && open.html_depth.is_none()
                {
                    self.finish_link(open, span.end);
                }
            }
            TagEnd::Image => self.image = self.image.saturating_sub(1),
            _ => {}
        }
    }

    fn text(&mut self, text: &CowStr<'_>, span: Span) {
        if self.code_block > 0 || self.image > 0 || self.hidden() {
            return;
        }
        if let Some(link) = self.link_stack.last_mut() {
            link.text.push_str(text);
        }
        let Some(index) = self.block_for_inline(&span) else {
            return;
        };
        self.blocks[index]
            .text
            .push_rendered(text, span.clone(), self.source);
        if self.autolink && self.link_stack.is_empty() {
            self.bare_urls(text, &span, index);
        }
    }

    /// Bare URLs in text, as GitHub's autolink extension finds them (`https://…`, `www.…`).
    fn bare_urls(&mut self, text: &str, span: &Span, block: usize) {
        // Only a URL with a scheme or a `www.` start is kept: text with neither is not
        // searched (the finder looks at every full stop for a domain).
        if !may_hold_bare_url(text) {
            return;
        }
        let verbatim = self.source.get(span.clone()) == Some(text);
        for found in url_finder().links(text) {
            let end = autolink_end(text, found.start()).max(found.end());
            let raw = &text[found.start()..end];
            let Some(href) = bare_url_href(raw) else {
                continue;
            };
            // GitHub links a `www.` address only at the start of a line or a table cell,
            // after white space or after one of `*_~(` (`"www.…"` and `<www.…>` stay
            // text); one with a scheme anywhere.
            if raw.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("www.")) {
                let before = match text[..found.start()].chars().next_back() {
                    Some(c) => Some(c),
                    // The start of a table cell is the start of what GitHub reads.
                    None if verbatim => self.source[..span.start]
                        .chars()
                        .next_back()
                        .filter(|&c| c != '|'),
                    None => None,
                };
                if before.is_some_and(|c| !c.is_whitespace() && !matches!(c, '*' | '_' | '~' | '('))
                {
                    continue;
                }
            }
            let link_span = if verbatim {
                span.start + found.start()..span.start + end
            } else {
                span.clone()
            };
            let mut link = make_link(href, link_span, raw.to_owned(), LinkKind::BareUrl);
            link.block = Some(block);
            self.push_link(link);
        }
    }

    fn open_link(&mut self, link_type: LinkType, dest: &str, span: Span) {
        let kind = match link_type {
            LinkType::Autolink | LinkType::Email => LinkKind::Autolink,
            _ => LinkKind::Inline,
        };
        let href = if link_type == LinkType::Email && !dest.starts_with("mailto:") {
            format!("mailto:{dest}")
        } else {
            dest.to_owned()
        };
        self.block_for_inline(&span);
        let hidden = self.hidden();
        let dropped = self.image > 0 || self.in_chrome();
        // pulldown-cmark ends a collapsed reference (`[text][]`) before its `[]`.
        let mut span = span;
        if matches!(link_type, LinkType::Collapsed | LinkType::CollapsedUnknown)
            && self
                .source
                .get(span.end..)
                .is_some_and(|rest| rest.starts_with("[]"))
        {
            span.end += 2;
        }
        self.link_stack.push(OpenLink {
            href,
            span,
            text: String::new(),
            kind,
            html_depth: None,
            hidden,
            dropped,
        });
    }

    fn finish_link(&mut self, open: OpenLink, end: usize) {
        if open.dropped {
            return;
        }
        let mut span = open.span;
        span.end = span.end.max(end);
        let mut link = if open.html_depth.is_some() {
            // Raw HTML reaches the browser as written.
            let followed = browser_href(&open.href).into_owned();
            let mut link = make_link(followed, span, open.text.trim().to_owned(), open.kind);
            link.href = open.href;
            link
        } else {
            make_link(open.href, span, open.text.trim().to_owned(), open.kind)
        };
        link.block = self.current;
        if open.hidden && link.inactive.is_none() {
            link.inactive = Some(Inactive::Hidden);
        }
        if link.inactive.is_none() && link.text.is_empty() && link.kind == LinkKind::Inline {
            // `[](…)` renders as an anchor with nothing in it: nothing to see or click.
            link.inactive = Some(Inactive::Empty);
        }
        self.push_link(link);
    }

    fn push_link(&mut self, mut link: Link) {
        if link.inactive.is_none() {
            if self.hidden() {
                link.inactive = Some(Inactive::Hidden);
            } else if self.footnote > 0 {
                link.inactive = Some(Inactive::Footnote);
            }
        }
        self.links.push(link);
    }

    /// Applies one raw HTML token; `inline` says it came from inside a Markdown block.
    fn html_tag(&mut self, tag: &Tag, inline: bool) {
        match tag {
            Tag::Comment { text, span } => {
                if let Some(directive) = Directive::parse(text, span.clone()) {
                    self.directives.push(directive);
                }
            }
            Tag::Text { text, span } => {
                if self.hidden() {
                    return;
                }
                let visible = text.chars().any(|c| !c.is_whitespace());
                if !inline && !visible && self.current.is_none() {
                    return;
                }
                if let Some(link) = self.link_stack.last_mut() {
                    link.text.push_str(text);
                }
                // Text that shows ends a row of `<br>`s; a no-break or zero-width space
                // between two does not, as the HTML front end reads it.
                let shows = super::text::shows(text);
                if shows {
                    self.breaks = 0;
                }
                // The block stands where its visible text does: the line break after `<div>`
                // or before `</div>` is none of it.
                let index = match visible_part(self.source, span).filter(|_| shows) {
                    Some(visible) => self.block_for_inline(&visible),
                    None => self.current.or_else(|| self.block_for_inline(span)),
                };
                if let Some(index) = index {
                    self.blocks[index]
                        .text
                        .push_decoded(text, span.clone(), self.source);
                }
            }
            Tag::Start {
                name,
                span,
                self_closing,
                ..
            } => {
                let name = name.clone();
                let span = span.clone();
                if name == "img"
                    && let Some(link) = self.link_stack.last_mut()
                {
                    link.kind = LinkKind::Image;
                }
                if name == "br" {
                    if let Some(index) = self.current {
                        self.breaks += 1;
                        let loose = matches!(
                            self.blocks[index].kind,
                            BlockKind::Other | BlockKind::TableCell
                        );
                        if self.breaks >= 2 && loose && !inline {
                            self.close_block();
                        } else {
                            self.blocks[index].text.push_break(span);
                        }
                    }
                    return;
                }
                if name == "img" {
                    self.breaks = 0;
                }
                if tags::is_void(&name) || *self_closing {
                    return;
                }
                let hidden = tags::hides(tag)
                    || tags::is_never_rendered(&name)
                    || tags::is_closed(&name, tag.attr("open").is_some());
                // As the HTML front end reads it inside an article (`Traits::is_chrome`):
                // by name, or by a landmark role (`<header role="banner">` is the site's).
                let chrome = tags::is_chrome(&name)
                    || tag.attr("role").is_some_and(|roles| {
                        roles.split_ascii_whitespace().any(tags::is_chrome_role)
                    })
                    || tags::named_chrome(tag.attr("id"), tag.attr("class")).chrome
                    || self.ad_box;
                let mut opened_block = false;
                if !inline && !self.hidden() && !hidden && !chrome {
                    let kind = match name.as_str() {
                        // A caption's paragraph, or the title of a callout, is no paragraph
                        // of the text (as the HTML front end reads it).
                        "p" if self.in_caption()
                            || tag.attr("class").is_some_and(tags::names_a_callout_title) =>
                        {
                            Some(BlockKind::Other)
                        }
                        "p" => Some(BlockKind::Paragraph),
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            Some(BlockKind::Heading(name.as_bytes()[1] - b'0'))
                        }
                        "li" => Some(BlockKind::ListItem),
                        "td" | "th" => Some(BlockKind::TableCell),
                        "div" if tag.attr("class").is_some_and(tags::names_a_title) => {
                            self.close_block();
                            Some(BlockKind::Heading(1))
                        }
                        "div" | "section" | "blockquote" | "figure" | "figcaption" | "ul"
                        | "ol" | "table" | "tr" | "header" | "footer" | "article" | "aside"
                        | "nav" | "dl" | "dt" | "dd" => {
                            self.close_block();
                            None
                        }
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        self.open_block(kind, span.clone());
                        opened_block = true;
                    }
                }
                if name == "a"
                    && let Some(href) = tag.attr("href")
                {
                    self.block_for_inline(&span);
                    self.link_stack.push(OpenLink {
                        href: href.to_owned(),
                        span: span.clone(),
                        text: String::new(),
                        kind: LinkKind::Inline,
                        html_depth: Some(self.html.len()),
                        hidden: hidden || self.hidden(),
                        dropped: self.image > 0 || chrome || self.in_chrome(),
                    });
                }
                self.html.push(OpenElement {
                    caption: tags::holds_a_caption(&name, tag.attr("class")),
                    name,
                    hidden,
                    chrome,
                    opened_block,
                });
            }
            Tag::End { name, span } => {
                let Some(pos) = self.html.iter().rposition(|e| &e.name == name) else {
                    return;
                };
                let closing: Vec<OpenElement> = self.html.drain(pos..).collect();
                for element in closing.iter().rev() {
                    if element.name == "a"
                        && let Some(open) = self.link_stack.last()
                        && open.html_depth.is_some()
                    {
                        let open = self.link_stack.pop().expect("checked above");
                        self.finish_link(open, span.end);
                    }
                    if element.opened_block {
                        if let Some(index) = self.current {
                            self.blocks[index].span.end = span.end;
                        }
                        self.finish_open_anchors();
                        self.close_block();
                    }
                }
            }
        }
    }
}

/// The part of `span` in `source` between its first and last bytes that are not ASCII white
/// space; `None` if it is all white space (or not in `source`).
fn visible_part(source: &str, span: &Span) -> Option<Span> {
    let text = source.get(span.clone())?.as_bytes();
    let first = text.iter().position(|b| !b.is_ascii_whitespace())?;
    let last = text.iter().rposition(|b| !b.is_ascii_whitespace())?;
    Some(span.start + first..span.start + last + 1)
}

/// A token from text that is not verbatim in the source: every span becomes `span`.
fn with_span(tag: Tag, span: Span) -> Tag {
    match tag {
        Tag::Start {
            name,
            attrs,
            self_closing,
            ..
        } => Tag::Start {
            name,
            attrs,
            span,
            self_closing,
        },
        Tag::End { name, .. } => Tag::End { name, span },
        Tag::Comment { text, .. } => Tag::Comment { text, span },
        Tag::Text { text, .. } => Tag::Text { text, span },
    }
}

/// The address a browser follows for an `href` written in HTML: it reads a backslash as a
/// slash in an http(s) address, so `\\host/…` is protocol-relative, as `//host/…` is.
/// Markdown destinations are not read so: the renderers percent-encode their backslashes.
pub(crate) fn browser_href(href: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = href.trim();
    let slashes = trimmed
        .bytes()
        .take_while(|b| matches!(b, b'/' | b'\\'))
        .count();
    if slashes >= 2 && trimmed[..slashes].contains('\\') {
        std::borrow::Cow::Owned(format!("//{}", &trimmed[slashes..]))
    } else {
        std::borrow::Cow::Borrowed(href)
    }
}

/// Builds a link, resolving its URL and deciding whether a reader could follow it.
pub(crate) fn make_link(href: String, span: Span, text: String, kind: LinkKind) -> Link {
    let url = resolve(&href, None);
    let inactive = match &url {
        Some(url) if !matches!(url.scheme(), "http" | "https") => Some(Inactive::Scheme),
        Some(url) if !url.username().is_empty() || url.password().is_some() => {
            Some(Inactive::UserInfo)
        }
        Some(_) => None,
        None => Some(Inactive::Scheme),
    };
    Link {
        href,
        url,
        span,
        text,
        block: None,
        kind,
        inactive,
    }
}

/// Whether an authority percent-encodes characters a host never needs encoded (letters,
/// digits, `.`, `-`): obfuscation. Encoded non-ASCII bytes are how renderers write
/// internationalised hosts, and are fine.
pub(crate) fn hides_host(authority: &str) -> bool {
    let bytes = authority.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'%'
            && bytes.get(i + 1..i + 3).is_some_and(|hex| {
                std::str::from_utf8(hex)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-')
            })
    })
}

/// The authority (`user@host:port`) of a URL as written, or `""`.
pub(crate) fn authority(href: &str) -> &str {
    let href = href.trim();
    // Two slashes, or backslashes, which a URL parser reads as slashes (`\\host/`).
    let bytes = href.as_bytes();
    let Some(i) = (0..bytes.len().saturating_sub(1))
        .find(|&i| matches!(bytes[i], b'/' | b'\\') && matches!(bytes[i + 1], b'/' | b'\\'))
    else {
        return "";
    };
    let scheme = &href[..i];
    let is_scheme = |s: &str| {
        s.strip_suffix(':').is_some_and(|name| {
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
    };
    if !scheme.is_empty() && !is_scheme(scheme) {
        return "";
    }
    let rest = &href[i + 2..];
    &rest[..rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len())]
}

/// Resolves `href` against `base`; protocol-relative URLs count as `https`.
pub(crate) fn resolve(href: &str, base: Option<&url::Url>) -> Option<url::Url> {
    let href = href.trim();
    match base {
        Some(base) => base.join(href).ok(),
        None => match url::Url::parse(href) {
            Ok(url) => Some(url),
            Err(url::ParseError::RelativeUrlWithoutBase) if href.starts_with("//") => {
                url::Url::parse(&format!("https:{href}")).ok()
            }
            Err(_) => None,
        },
    }
}

/// The finder of bare URLs, with or without a scheme.
fn url_finder() -> linkify::LinkFinder {
    let mut finder = linkify::LinkFinder::new();
    finder
        .kinds(&[linkify::LinkKind::Url])
        .url_must_have_scheme(false);
    finder
}

/// The address of a bare URL the finder found, if autolinking keeps it (as GitHub's
/// extension does): one with an `http(s)://` scheme, or starting with `www.` in lower case
/// (cmark-gfm and Goldmark match those four bytes as they are: `WWW.…` stays text).
/// Where GitHub's extended autolink that starts at `start` of `text` ends: at white space or
/// `<`, less trailing punctuation (`?!.,:*_~`, quotes), closing brackets without an opening
/// one in the link, and an entity-like `&name;` at its end. The URL finder ends a link earlier
/// at characters a host cannot hold (`https://www.ukrinform.net%2F@evil.example/`), where a
/// browser follows the whole address.
fn autolink_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let mut end = start
        + rest
            .find(|c: char| c.is_whitespace() || c == '<')
            .unwrap_or(rest.len());
    loop {
        let link = &text[start..end];
        if let Some(c) = link.chars().next_back()
            && matches!(
                c,
                '?' | '!' | '.' | ',' | ':' | '*' | '_' | '~' | '\'' | '"'
            )
        {
            end -= c.len_utf8();
        } else if link.ends_with(')') && link.matches(')').count() > link.matches('(').count() {
            end -= 1;
        } else if link.ends_with(';')
            && let Some(amp) = link.rfind('&')
            && link[amp + 1..link.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric())
            && amp + 2 < link.len()
        {
            end = start + amp;
        } else {
            return end;
        }
    }
}

fn bare_url_href(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Some(raw.to_owned())
    } else if raw.starts_with("www.") {
        Some(format!("http://{raw}"))
    } else {
        None
    }
}

/// The web address that `value` is as a whole when written without its scheme
/// (`www.theguardian.com/world/…`, `theguardian.com`), as the bare-URL finder reads one;
/// `None` for anything else (`U.S.`, `The Guardian`).
pub(crate) fn address_without_scheme(value: &str) -> Option<url::Url> {
    let value = value.trim();
    let finder = url_finder();
    let mut links = finder.links(value);
    let link = links.next()?;
    let whole = link.start() == 0 && link.end() == value.len() && links.next().is_none();
    (whole && !value.contains(':'))
        .then(|| url::Url::parse(&format!("https://{value}")).ok())
        .flatten()
}

/// Whether `text` holds `://` or `www.` (in any case): a bare URL that autolinking keeps
/// starts with a scheme or with `www.`.
fn may_hold_bare_url(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b':', bytes).any(|i| bytes[i + 1..].starts_with(b"//"))
        || memchr::memchr2_iter(b'w', b'W', bytes).any(|i| {
            bytes
                .get(i..i + 4)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"www."))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autolinks_end_where_github_ends_them() {
        fn end(text: &str) -> &str {
            &text[..autolink_end(text, 0)]
        }
        // The examples of GitHub's autolink extension.
        assert_eq!(end("www.commonmark.org/a.b."), "www.commonmark.org/a.b");
        assert_eq!(
            end("www.google.com/search?q=(business))+ok"),
            "www.google.com/search?q=(business))+ok"
        );
        assert_eq!(
            end("www.google.com/search?q=Markup+(business)))"),
            "www.google.com/search?q=Markup+(business)"
        );
        assert_eq!(
            end("www.google.com/search?q=commonmark&hl=en"),
            "www.google.com/search?q=commonmark&hl=en"
        );
        assert_eq!(
            end("www.google.com/search?q=commonmark&hl;"),
            "www.google.com/search?q=commonmark"
        );
        assert_eq!(end("www.commonmark.org/he<lp"), "www.commonmark.org/he");
        // Characters no host holds do not end the address a browser follows.
        assert_eq!(
            end("https://www.ukrinform.net%2F@evil.example/x, which"),
            "https://www.ukrinform.net%2F@evil.example/x"
        );
    }

    #[test]
    fn an_address_without_its_scheme_is_one_only_as_a_whole() {
        for (value, host) in [
            (
                "www.theguardian.com/world/2025/x",
                Some("www.theguardian.com"),
            ),
            (" theguardian.com ", Some("theguardian.com")),
            ("nzherald.co.nz", Some("nzherald.co.nz")),
            ("U.S.", None),
            ("Reuters.", None),
            ("The Guardian", None),
            ("see theguardian.com", None),
            ("https://theguardian.com", None),
        ] {
            let url = address_without_scheme(value);
            assert_eq!(url.as_ref().and_then(url::Url::host_str), host, "{value:?}");
        }
    }

    #[test]
    fn fence_lines_tight_against_their_text_are_blanked_offsets_kept() {
        let text = "::: {.label}\nРеклама\n:::\n\nThe bank opened.\n";
        let blanked = unfenced(text).unwrap();
        assert_eq!(blanked.len(), text.len());
        assert_eq!(blanked, "            \nРеклама\n   \n\nThe bank opened.\n");
        let doc = read(text);
        let first = doc.first_paragraph().unwrap();
        assert_eq!(first.text.as_str(), "Реклама");
        assert_eq!(&text[first.span.clone()], "Реклама");
        // A title with a link stays read with its paragraph; text after colons is no fence;
        // fences on their own are blanked too.
        assert_eq!(
            unfenced(":::note[[Ukrinform](https://www.ukrinform.net/)]\nText\n:::\n").as_deref(),
            Some(":::note[[Ukrinform](https://www.ukrinform.net/)]\nText\n   \n")
        );
        assert_eq!(unfenced("::: The minister said\nmore\n"), None);
        assert_eq!(
            unfenced(":::note\n\nText\n\n:::\n").as_deref(),
            Some("       \n\nText\n\n   \n")
        );
        // A bare `:::` with no container open is text, in its paragraph or on its own.
        assert_eq!(unfenced("Text, Ukrinform reports.\n:::\nMore.\n"), None);
        assert_eq!(unfenced(":::\n\nText.\n"), None);
        let doc = read(":::\n\nText.\n");
        assert_eq!(doc.first_paragraph().unwrap().text.as_str(), ":::");
    }

    #[test]
    fn fence_attributes_hold_no_link_and_may_end_in_colons() {
        // A URL in the attributes renders as none: the line is blanked with the rest.
        let text =
            "::: {.lead data-src=\"https://www.ukrinform.net/x\"}\nText, Ukrinform reports.\n:::\n";
        assert!(read(text).links.is_empty());
        // Pandoc lets colons follow the attributes of an opening fence.
        assert!(directive_fence("::: {.lead} :::"));

        let doc = read("::: {.lead} :::\nText, Ukrinform reports.\n:::\nMore.\n");
        assert_eq!(
            doc.first_paragraph().unwrap().text.as_str(),
            "Text, Ukrinform reports."
        );
    }

    #[test]
    fn a_fence_s_written_out_title_is_what_it_shows() {
        fn title(raw: &str) -> Option<&str> {
            fence_title(raw).map(|r| &raw[r])
        }
        assert_eq!(title("!!! note \"Реклама\""), Some("Реклама"));
        assert_eq!(title("??? tip"), None);
        assert_eq!(title(":::tip Реклама"), Some("Реклама"));
        assert_eq!(title(":::info[Sponsored] {#x}"), Some("Sponsored"));
        assert_eq!(title("::: {.lead}"), None);
        assert_eq!(title(":::note"), None);
    }

    #[test]
    fn container_fence_lines_are_told_from_text_after_colons() {
        for line in [
            ":::",
            "::::",
            ":::note",
            ":::note Source",
            ":::tip The minister arrived, [Ukrinform](https://www.ukrinform.net/) reports.",
            ":::info[Source: Ukrinform]",
            "::: {.lead}",
            "::: lead",
            "::: lead :::",
            ":::directive{#id .class}",
            "!!! note",
            "!!! note \"Update\"",
            "!!! warning inline end \"Read first\"",
            "??? tip \"More\"",
            "???+ info",
        ] {
            assert!(directive_fence(line), "{line}");
        }
        for line in [
            "::: The minister arrived in London, Ukrinform reports.",
            "::: Read the Ukrinform report.",
            ":::) The minister arrived.",
            ":::note\nThe minister arrived.",
            "The minister arrived :::",
            "!!! The minister arrived, Ukrinform reports.",
            "!!!note",
            "!!! note \"Update",
            "!!! note\nThe minister arrived.",
        ] {
            assert!(!directive_fence(line), "{line}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Text the quick test passes over holds no URL that autolinking would keep.
        #[test]
        fn text_without_a_scheme_or_www_holds_no_kept_bare_url(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "see ", "WWW.", "www", ".", "ukrinform.net", "https", ":", "//", "/x", "Www.",
                "http://", "e.g.", "w", "ww.a.b", " ", "\n", "ftp://h", "мова.укр", "@", "a.b/c",
            ]), 0..10)
        ) {
            let text = pieces.concat();
            let kept = url_finder()
                .links(&text)
                .any(|l| bare_url_href(l.as_str()).is_some());
            proptest::prop_assert!(!kept || may_hold_bare_url(&text), "{:?}", text);
        }
    }

    #[test]
    fn shortcode_and_liquid_tag_lines_are_no_paragraphs() {
        for text in [
            "{{< figure src=\"a.jpg\" caption=\"A > B\" >}}",
            "{{% notice info %}} {{% /notice %}}",
            "{% include image.html src=\"a.jpg\" %}",
        ] {
            assert!(only_template_tags(text), "{text}");
        }
        for text in [
            "{{ page.lead }}",
            "{% echo page.lead %}",
            "{%- increment n -%}",
            "{{< ref \"a\" >}} and text",
            "{{< unclosed",
            "",
        ] {
            assert!(!only_template_tags(text), "{text}");
        }
    }

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

    #[test]
    fn first_paragraph_skips_headings_and_image_only_paragraphs() {
        let doc = read("# Title\n\n![photo](a.jpg)\n\n&nbsp;\n\nThe text.\n\nMore.\n");
        assert_eq!(first_paragraph(&doc), "The text.");
    }

    #[test]
    fn a_raw_html_div_named_a_title_is_no_paragraph_of_a_page_without_p() {
        let doc = read(
            "<div class=\"entry-title\">Bridge opens.</div>\n\n<div>The bridge opened, Ukrinform reports.</div>\n",
        );
        assert_eq!(
            first_paragraph(&doc).trim(),
            "The bridge opened, Ukrinform reports."
        );
    }

    #[test]
    fn tight_list_items_are_above_the_first_paragraph() {
        let doc = read("- key point [link](https://a.example/)\n- another\n\nText.\n");
        assert_eq!(first_paragraph(&doc), "Text.");
        assert!(doc.link_in_or_above_first_paragraph(&doc.links[0]));
    }

    #[test]
    fn reference_links_count_where_used() {
        let src = "Intro.\n\nSee [Ukrinform][u].\n\n[u]: https://www.ukrinform.net/\n";
        let doc = read(src);
        assert_eq!(doc.links.len(), 1);
        assert_eq!(&src[doc.links[0].span.clone()], "[Ukrinform][u]");
        assert!(!doc.link_in_or_above_first_paragraph(&doc.links[0]));
    }

    #[test]
    fn a_collapsed_reference_spans_its_brackets() {
        let text = "See [a][] and [b][x] and [c].\n\n[a]: https://a.example/\n[x]: https://b.example/\n[c]: https://c.example/\n";
        let doc = read(text);
        let spans: Vec<&str> = doc.links.iter().map(|l| &text[l.span.clone()]).collect();
        assert_eq!(spans, ["[a][]", "[b][x]", "[c]"]);
    }

    #[test]
    fn footnote_definitions_render_below() {
        let doc = read("Text[^1].\n\n[^1]: See <https://www.ukrinform.net/>.\n");
        assert_eq!(doc.links[0].inactive, Some(Inactive::Footnote));
        assert!(!doc.link_in_or_above_first_paragraph(&doc.links[0]));
    }

    #[test]
    fn code_is_not_a_link() {
        let doc =
            read("`https://www.ukrinform.net/`\n\n```\n[x](https://www.ukrinform.net/)\n```\n");
        assert!(doc.links.is_empty());
    }

    #[test]
    fn inline_html_anchor_is_a_link_with_the_start_tag_span() {
        let src = "Text <a href=\"https://www.ukrinform.net/\">Ukrinform</a> says.\n";
        let doc = read(src);
        assert_eq!(doc.links.len(), 1);
        assert_eq!(doc.links[0].text, "Ukrinform");
        assert!(src[doc.links[0].span.clone()].starts_with("<a href"));
        assert_eq!(first_paragraph(&doc), "Text Ukrinform says.");
    }

    #[test]
    fn an_anchor_left_open_is_a_link_to_the_end_of_its_block() {
        // No `</a>`: a browser keeps the link open to the end of the paragraph.
        let src = "# Title\n\nThe station reopened, <a href=\"https://www.ukrinform.net/\">Ukrinform reports.\n\nMore.\n";
        let doc = read(src);
        assert_eq!(doc.links.len(), 1);
        assert!(doc.links[0].is_active());
        assert_eq!(doc.links[0].text, "Ukrinform reports.");
        assert_eq!(
            &src[doc.links[0].span.clone()],
            "<a href=\"https://www.ukrinform.net/\">Ukrinform reports."
        );
        assert_eq!(
            doc.links[0].block,
            doc.blocks
                .iter()
                .position(|b| b.text.as_str().starts_with("The station"))
        );
        // Around a paragraph of an HTML block: the link holds the paragraph.
        let src = "<a href=\"https://www.ukrinform.net/\">\n<p>The station reopened.</p>\n</a>\n";
        let doc = read(src);
        assert_eq!(doc.links.len(), 1);
        assert!(doc.links[0].is_active());
        assert_eq!(doc.links[0].text, "The station reopened.");
        assert_eq!(first_paragraph(&doc), "The station reopened.");
    }

    #[test]
    fn html_block_paragraph_and_hidden_links() {
        let src = "<div hidden><a href=\"https://x.example/\">x</a></div>\n\n<p>First <a href=\"https://y.example/\">y</a></p>\n";
        let doc = read(src);
        assert_eq!(first_paragraph(&doc), "First y");
        assert_eq!(doc.links[0].inactive, Some(Inactive::Hidden));
        assert!(doc.links[1].is_active());
    }

    #[test]
    fn a_www_address_is_a_link_only_where_github_links_it() {
        let hosts = |src: &str| -> Vec<String> {
            read(src)
                .links
                .iter()
                .filter_map(|l| l.url.as_ref()?.host_str().map(str::to_owned))
                .collect()
        };
        // At the start, after white space, `*`, `_`, `~` or `(`.
        for src in [
            "www.ukrinform.net/a\n",
            "See www.ukrinform.net/a\n",
            "See (www.ukrinform.net/a)\n",
            "See *www.ukrinform.net/a*\n",
            "See ~~www.ukrinform.net/a~~\n",
        ] {
            assert_eq!(hosts(src), ["www.ukrinform.net"], "{src}");
        }
        // After a quote, `<` or a colon it stays text; an address with a scheme does not.
        for src in [
            "See \"www.ukrinform.net/a\"\n",
            "See <www.ukrinform.net/a>\n",
            "See:www.ukrinform.net/a\n",
        ] {
            assert!(hosts(src).is_empty(), "{src}");
        }
        assert_eq!(
            hosts("See \"https://www.ukrinform.net/a\"\n"),
            ["www.ukrinform.net"]
        );
    }

    #[test]
    fn bare_urls_are_links_only_with_autolink() {
        let src = "See https://www.ukrinform.net/a and www.ukrinform.ua.\n";
        let doc = read(src);
        assert_eq!(doc.links.len(), 2);
        assert_eq!(
            &src[doc.links[0].span.clone()],
            "https://www.ukrinform.net/a"
        );
        let off = ReadOptions {
            autolink: false,
            ..ReadOptions::default()
        };
        let doc = parse(src.to_owned(), OffsetMap::default(), &off);
        assert!(doc.links.is_empty());
    }

    #[test]
    fn linked_image_is_a_link() {
        let doc = read("[![logo](l.png)](https://www.ukrinform.net/)\n\nText.\n");
        assert_eq!(doc.links[0].kind, LinkKind::Image);
        assert_eq!(first_paragraph(&doc), "Text.");
    }

    #[test]
    fn crlf_and_multibyte_spans_are_exact() {
        let src = "---\r\ntitle: Т\r\n---\r\nПерший абзац [Укрінформ](https://ukrinform.ua/).\r\n";
        let doc = read(src);
        let block = doc.first_paragraph().unwrap();
        assert_eq!(
            &src[block.span.clone()],
            "Перший абзац [Укрінформ](https://ukrinform.ua/)."
        );
        assert_eq!(
            &src[doc.links[0].span.clone()],
            "[Укрінформ](https://ukrinform.ua/)"
        );
    }

    #[test]
    fn protocol_relative_and_javascript_links() {
        let doc = read("[a](//www.ukrinform.net/x) [b](javascript:alert(1))\n");
        assert_eq!(doc.links[0].url.as_ref().unwrap().scheme(), "https");
        assert!(doc.links[0].is_active());
        assert_eq!(doc.links[1].inactive, Some(Inactive::Scheme));
    }

    #[test]
    fn hiding_attributes_on_the_anchor_itself_hide_the_link() {
        let doc = read(
            "A <a hidden href=\"https://a.example/\">x</a> and <a style=\"display: none\" href=\"https://b.example/\">y</a>.\n",
        );
        assert!(
            doc.links
                .iter()
                .all(|l| l.inactive == Some(Inactive::Hidden)),
            "{:?}",
            doc.links
        );
    }

    #[test]
    fn mdx_module_statements_do_not_render_but_in_markdown_they_are_a_paragraph() {
        let text = "import X from \"./x\"\nexport const url = \"https://www.ukrinform.net/\"\n\nThe talks went well.\n\n- import this\n";
        let mdx = parse(
            text.to_owned(),
            OffsetMap::default(),
            &ReadOptions {
                mdx: true,
                ..ReadOptions::default()
            },
        );
        assert_eq!(
            mdx.first_paragraph().map(|b| b.text.as_str()),
            Some("The talks went well.")
        );
        assert!(mdx.links.is_empty(), "{:?}", mdx.links);
        let md = read(text);
        assert!(
            md.first_paragraph()
                .unwrap()
                .text
                .as_str()
                .starts_with("import X")
        );
    }

    #[test]
    fn a_link_written_in_an_image_description_is_no_link() {
        let doc =
            read("Text. ![see [Ukrinform](https://www.ukrinform.net/)](https://e.example/i.png)\n");
        assert!(
            doc.links
                .iter()
                .all(|l| l.href != "https://www.ukrinform.net/"),
            "{:?}",
            doc.links
        );
        let wrapped = read("[![logo](https://e.example/i.png)](https://www.ukrinform.net/)\n");
        assert_eq!(wrapped.links.len(), 1);
        assert!(wrapped.links[0].is_active());
    }

    #[test]
    fn a_link_with_nothing_in_it_cannot_be_followed() {
        for text in [
            "[](https://www.ukrinform.net/)\n",
            "[ ](https://www.ukrinform.net/)\n",
            "A <a href=\"https://www.ukrinform.net/\"></a> b\n",
        ] {
            let doc = read(text);
            assert_eq!(doc.links[0].inactive, Some(Inactive::Empty), "{text:?}");
        }
    }

    #[test]
    fn in_a_line_of_tags_only_a_link_parameter_is_a_link() {
        let doc = read(
            "{{< figure src=\"https://a.example/p.jpg\" link=\"https://www.ukrinform.net/x\" title=\"see https://b.example/\" >}}\n\nText.\n",
        );
        let hosts: Vec<_> = doc
            .links
            .iter()
            .filter_map(|l| l.url.as_ref().and_then(url::Url::host_str))
            .collect();
        assert_eq!(hosts, ["www.ukrinform.net"]);
        assert!(link_parameter("{{< figure src=\"a.jpg\" attrlink=\""));
        assert!(link_parameter("{{< figure link = '"));
        assert!(link_parameter("{% include card.html url="));
        assert!(!link_parameter("{{< figure src=\""));
        assert!(!link_parameter("{{< x unlink=\""));
    }

    #[test]
    fn links_in_raw_html_page_chrome_are_left_out_as_in_html() {
        for tag in [
            "aside",
            "nav",
            "footer",
            "div class=\"sidebar\"",
            "div id=\"menu\"",
        ] {
            let name = tag.split(' ').next().unwrap_or(tag);
            let doc = read(&format!(
                "<{tag}>Read also: <a href=\"https://www.ukrinform.net/\">Ukrinform</a></{name}>\n\nThe talks went well.\n"
            ));
            assert!(doc.links.is_empty(), "{tag}: {:?}", doc.links);
            assert_eq!(
                doc.blocks
                    .iter()
                    .filter(|b| !b.text.as_str().trim().is_empty())
                    .count(),
                1,
                "{tag}"
            );
        }
        let banner = read(
            "<header role=\"banner\">\n\n[Ukrinform](https://www.ukrinform.net/)\n\n</header>\n\nText.\n",
        );
        assert!(banner.links.is_empty(), "{:?}", banner.links);
        // Rendered inside the site's article, a header is the article's own.
        for text in [
            "<article><header><h1>Talks — <a href=\"https://www.ukrinform.net/\">Ukrinform</a></h1></header></article>\n",
            "<header>\n\n# Talks\n\n[Ukrinform](https://www.ukrinform.net/)\n\n</header>\n\nThe talks went well.\n",
        ] {
            assert_eq!(read(text).links.len(), 1, "{text:?}");
        }
    }

    #[test]
    fn percent_encoded_hosts_are_read_as_a_browser_decodes_them() {
        let doc = read("[a](https://ukr%69nform.net/x)\n");
        assert!(doc.links[0].is_active());
        assert_eq!(
            doc.links[0].url.as_ref().and_then(url::Url::host_str),
            Some("ukrinform.net")
        );
        let idn = read("[a](https://%D1%83%D0%BA%D1%80.example/)\n");
        assert!(
            idn.links[0].is_active(),
            "encoded non-ASCII bytes are how renderers write IDNs"
        );
        assert_eq!(authority("https://u@h.example:1/p"), "u@h.example:1");
        assert_eq!(authority("/relative//x"), "");
    }

    #[test]
    fn comments_hold_directives() {
        let doc = read("<!-- citelint-disable-next-line x/y -->\nText.\n");
        assert_eq!(doc.directives.len(), 1);
    }
}
