//! Builds scraper's tree from html5gum tokens and records where every node came from.
//!
//! scraper keeps no source positions, so the page is tokenized once by html5gum (which reports
//! byte spans) and each token is handed straight to html5ever's tree builder, the one scraper
//! itself uses. The builder decides the tokenizer state (raw text after `<script>`, CDATA in
//! SVG…) exactly as html5ever's own tokenizer would. A thin `TreeSink` wrapper around
//! scraper's `HtmlTreeSink` sees every node the builder creates while one known token is being
//! processed, so:
//!
//! - an element owns the start tag of the token that created it when the names agree; implied
//!   elements (`<tbody>`, `<body>`) own none, and clones made by the adoption agency for
//!   misnested `<a>` point back at the start tag they copy;
//! - an element owns an end tag when that end tag is what took it off the stack of open
//!   elements (seen through the builder's `pop` notifications and, after every token, the new
//!   current node compared with a mirror of the stack);
//! - text appended to a text node is located in the decoded text of the character tokens, and
//!   html5gum's per-piece positions map it back to source bytes (character references and CRLF
//!   map to their whole source, everything else one to one).

mod origins;
mod sink;

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::convert::Infallible;

use ego_tree::NodeId;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{Attribute, LocalName, Namespace, QualName};
use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, State, Tokenizer};
use scraper::{Html, HtmlTreeSink};

use self::origins::Piece;
pub(super) use self::origins::{FastMap, Origins};
use self::sink::{Kind, Log, SpanSink, Tok};
use crate::document::Span;

/// The parsed page and the origin of its nodes.
pub(super) struct Parsed {
    /// The tree, as scraper builds it.
    pub html: Html,
    /// Where its nodes came from.
    pub origins: Origins,
}

type Builder = TreeBuilder<NodeId, SpanSink>;

/// Receives html5gum's events and feeds the tree builder one token at a time.
struct Feeder<'a> {
    builder: &'a Builder,
    tag: Option<Tag>,
    tag_start: usize,
    duplicate_attr: bool,
    /// The attribute names of a tag with many, for the duplicate check: a look through the
    /// list took time with the square of the attributes.
    attr_names: std::collections::HashSet<LocalName>,
    next_state: Option<State>,
    /// Pieces of the character data being collected: decoded length, source, verbatim.
    pending: Vec<(usize, Span, bool)>,
    /// How deep the [`NESTABLE`] elements open now are nested, as their tags say.
    depth: usize,
    /// Names of start tags left out for being nested deeper than [`MAX_DEPTH`], innermost
    /// last: their end tags are left out too.
    flattened: Vec<LocalName>,
}

/// How deep elements may nest, as in browsers (Blink's parser stops nesting at 512): deeper
/// ones are read as if their tags were not there. The tree builder looks through every open
/// element for some start tags, so a page of 40,000 nested `<div>`s took it seconds.
const MAX_DEPTH: usize = 512;

/// Whether `name` is one of [`NESTABLE`]: a set lookup of interned names, as this runs for
/// every tag of every page.
fn is_nestable(name: &LocalName) -> bool {
    static SET: std::sync::LazyLock<std::collections::HashSet<LocalName>> =
        std::sync::LazyLock::new(|| NESTABLE.iter().map(|&n| LocalName::from(n)).collect());
    SET.contains(name)
}

/// Elements that no other tag closes implicitly, so their tags tell the nesting depth, and
/// leaving out a pair of their tags leaves the rest of the tree as it was.
const NESTABLE: &[&str] = &[
    "address",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "center",
    "cite",
    "code",
    "data",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "em",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "header",
    "hgroup",
    "i",
    "kbd",
    "label",
    "listing",
    "main",
    "mark",
    "menu",
    "nav",
    "ol",
    "pre",
    "q",
    "s",
    "search",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "time",
    "u",
    "ul",
    "var",
];

impl Feeder<'_> {
    fn process(&mut self, kind: Kind, span: Span, tokens: impl IntoIterator<Item = Token>) {
        {
            let mut log = self.builder.sink.log.borrow_mut();
            if matches!(kind, Kind::Text { .. }) {
                let index = log.tokens.len();
                log.text_tokens.push(index);
            }
            log.tokens.push(Tok { kind, span });
            log.current = log.tokens.len() - 1;
        }
        for token in tokens {
            let state = match self.builder.process_token(token, 1) {
                TokenSinkResult::RawData(RawKind::Rcdata) => Some(State::RcData),
                TokenSinkResult::RawData(RawKind::Rawtext) => Some(State::RawText),
                TokenSinkResult::RawData(RawKind::ScriptData) => Some(State::ScriptData),
                TokenSinkResult::Plaintext => Some(State::PlainText),
                TokenSinkResult::Script(_) => Some(State::Data),
                _ => None,
            };
            if state.is_some() {
                self.next_state = state;
            }
        }
        self.settle();
    }

    fn settle(&self) {
        let sink = &self.builder.sink;
        sink.probed.set(None);
        sink.probing.set(true);
        let _ = self
            .builder
            .adjusted_current_node_present_but_not_in_html_namespace();
        sink.probing.set(false);
        let html = sink.inner.0.borrow();
        sink.log.borrow_mut().settle(sink.probed.get(), &html.tree);
    }

    fn characters(&mut self, value: &[u8], span: &html5gum::Span<usize>) {
        let text = lossy(value);
        let mut pending = std::mem::take(&mut self.pending);
        // Each piece must be whole characters of the decoded text for offsets to be usable.
        let mut at = 0;
        let exact = matches!(text, Cow::Borrowed(_))
            && pending.iter().all(|p| {
                at += p.0;
                text.is_char_boundary(at)
            })
            && at == value.len();
        if !exact || pending.is_empty() {
            pending = vec![(text.len(), span.start..span.end.max(span.start), false)];
        }
        let start = pending
            .iter()
            .map(|p| p.1.start)
            .min()
            .unwrap_or(span.start);
        let end = pending.iter().map(|p| p.1.end).max().unwrap_or(span.end);
        let decoded = {
            let mut log = self.builder.sink.log.borrow_mut();
            let base = log.decoded.len();
            log.decoded.push_str(&text);
            let mut at = base;
            for (len, src, verbatim) in pending {
                log.pieces.push(Piece {
                    at,
                    len,
                    src,
                    verbatim,
                });
                at += len;
            }
            base..log.decoded.len()
        };
        if text.contains('\0') {
            let mut tokens = Vec::new();
            for (i, part) in text.split('\0').enumerate() {
                if i > 0 {
                    tokens.push(Token::NullCharacterToken);
                }
                if !part.is_empty() {
                    tokens.push(Token::CharacterTokens(StrTendril::from_slice(part)));
                }
            }
            self.process(Kind::Text { decoded }, start..end, tokens);
        } else {
            let token = Token::CharacterTokens(StrTendril::from_slice(&text));
            self.process(Kind::Text { decoded }, start..end, [token]);
        }
    }
}

/// A tag or attribute name, ASCII lower-cased (html5gum already lower-cases; this is a guard).
fn local(bytes: &[u8]) -> LocalName {
    match std::str::from_utf8(bytes) {
        Ok(name) if !name.bytes().any(|b| b.is_ascii_uppercase()) => LocalName::from(name),
        _ => LocalName::from(lossy(bytes).to_ascii_lowercase()),
    }
}

/// `bytes` as text, replacing invalid sequences; the validation of valid text (nearly all of
/// it: the bytes come from decoded text) is vectorised, unlike the lossy conversion's.
fn lossy(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

fn tendril(bytes: &[u8]) -> StrTendril {
    StrTendril::from_slice(&lossy(bytes))
}

/// The attributes of a tag looked through for a duplicate; past them, a set keeps the names.
const ATTRS_LISTED: usize = 16;

impl Callback<Infallible, usize> for Feeder<'_> {
    fn handle_event(
        &mut self,
        event: CallbackEvent<'_>,
        span: html5gum::Span<usize>,
    ) -> Option<Infallible> {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag = Some(Tag {
                    kind: TagKind::StartTag,
                    name: local(name),
                    self_closing: false,
                    attrs: Vec::new(),
                    had_duplicate_attributes: false,
                });
                self.tag_start = span.start;
            }
            CallbackEvent::AttributeName { name } => {
                if let Some(tag) = &mut self.tag {
                    let local = local(name);
                    // Few attributes are looked through; past that, a set keeps their names.
                    self.duplicate_attr = if tag.attrs.len() < ATTRS_LISTED {
                        tag.attrs.iter().any(|a| a.name.local == local)
                    } else {
                        if tag.attrs.len() == ATTRS_LISTED {
                            self.attr_names.clear();
                            self.attr_names
                                .extend(tag.attrs.iter().map(|a| a.name.local.clone()));
                        }
                        !self.attr_names.insert(local.clone())
                    };
                    tag.had_duplicate_attributes |= self.duplicate_attr;
                    if !self.duplicate_attr {
                        let name = QualName::new(None, Namespace::from(""), local);
                        tag.attrs.push(Attribute {
                            name,
                            value: StrTendril::new(),
                        });
                    }
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(tag) = &mut self.tag
                    && !self.duplicate_attr
                    && let Some(attr) = tag.attrs.last_mut()
                {
                    attr.value.push_slice(&lossy(value));
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                if let Some(mut tag) = self.tag.take() {
                    if !self_closing && is_nestable(&tag.name) {
                        if self.depth >= MAX_DEPTH {
                            self.flattened.push(tag.name);
                            return None;
                        }
                        self.depth += 1;
                    }
                    tag.self_closing = self_closing;
                    let kind = Kind::Start {
                        name: tag.name.clone(),
                        claimed: false,
                    };
                    self.process(kind, self.tag_start..span.end, [Token::TagToken(tag)]);
                }
            }
            CallbackEvent::EndTag { name } => {
                let name = local(name);
                if self.flattened.last() == Some(&name) {
                    self.flattened.pop();
                    return None;
                }
                if is_nestable(&name) {
                    self.depth = self.depth.saturating_sub(1);
                }
                let tag = Tag {
                    kind: TagKind::EndTag,
                    name: name.clone(),
                    self_closing: false,
                    attrs: Vec::new(),
                    had_duplicate_attributes: false,
                };
                let kind = Kind::End { name, used: false };
                self.process(kind, span.start..span.end, [Token::TagToken(tag)]);
            }
            CallbackEvent::String { value } => self.characters(value, &span),
            CallbackEvent::Comment { value } => {
                let text = lossy(value).into_owned();
                let token = Token::CommentToken(StrTendril::from_slice(&text));
                self.builder
                    .sink
                    .log
                    .borrow_mut()
                    .comments
                    .push((text, span.start..span.end));
                self.process(Kind::Other, span.start..span.end, [token]);
            }
            CallbackEvent::Doctype {
                name,
                public_identifier,
                system_identifier,
                force_quirks,
            } => {
                let token = Token::DoctypeToken(Doctype {
                    name: Some(name).filter(|n| !n.is_empty()).map(tendril),
                    public_id: public_identifier.map(tendril),
                    system_id: system_identifier.map(tendril),
                    force_quirks,
                });
                self.process(Kind::Other, span.start..span.end, [token]);
            }
            CallbackEvent::Error(_) => {}
        }
        None
    }
}

/// html5gum's callback emitter, plus the byte position of every piece of character data and
/// the tokenizer states the tree builder asks for.
struct Glue<'a> {
    inner: CallbackEmitter<Feeder<'a>, Infallible, usize>,
    source: &'a [u8],
    position: usize,
    string_start: usize,
}

impl ForwardingEmitter for Glue<'_> {
    type Token = Infallible;

    fn inner(&mut self) -> &mut impl Emitter<Token = Infallible> {
        &mut self.inner
    }

    /// Parse errors are of no use here; saying so spares the tokenizer a check of every byte.
    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn move_position(&mut self, offset: isize) {
        self.position = self.position.saturating_add_signed(offset);
        self.inner.move_position(offset);
    }

    fn init_string(&mut self) {
        if self.inner.callback_mut().pending.is_empty() {
            self.string_start = self.position;
        }
        self.inner.init_string();
    }

    fn emit_string(&mut self, s: &[u8]) {
        if !s.is_empty() {
            let end = self.position.min(self.source.len());
            let pending = &mut self.inner.callback_mut().pending;
            let verbatim = end >= s.len() && self.source.get(end - s.len()..end) == Some(s);
            let src = if verbatim {
                end - s.len()..end
            } else {
                let start = pending.last().map_or(self.string_start, |p| p.1.end);
                start.min(end)..end
            };
            match pending.last_mut() {
                Some((len, last, true)) if verbatim && last.end == src.start => {
                    *len += s.len();
                    last.end = src.end;
                }
                _ => pending.push((s.len(), src, verbatim)),
            }
        }
        self.inner.emit_string(s);
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        let naive = self.inner.emit_current_tag();
        self.inner.callback_mut().next_state.take().or(naive)
    }

    fn emit_eof(&mut self) {
        self.inner.emit_eof();
        let feeder = self.inner.callback_mut();
        let end = self.source.len();
        feeder.process(Kind::Other, end..end, [Token::EOFToken]);
        feeder.builder.end();
        feeder.settle();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        self.inner
            .callback_mut()
            .builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Parses `source` as an HTML document (a fragment gets its `<html>`, `<head>` and `<body>`
/// implied) and records the origin of every node.
pub(super) fn build(source: &str) -> Parsed {
    let sink = SpanSink {
        inner: HtmlTreeSink::new(Html::new_document()),
        log: RefCell::new(Log::new()),
        probing: Cell::new(false),
        probed: Cell::new(None),
    };
    let builder = TreeBuilder::new(sink, TreeBuilderOpts::default());
    {
        let feeder = Feeder {
            builder: &builder,
            tag: None,
            tag_start: 0,
            duplicate_attr: false,
            attr_names: std::collections::HashSet::new(),
            next_state: None,
            pending: Vec::new(),
            depth: 0,
            flattened: Vec::new(),
        };
        let glue = Glue {
            inner: CallbackEmitter::new(feeder),
            source: source.as_bytes(),
            position: 0,
            string_start: 0,
        };
        let Ok(()) = Tokenizer::new_with_emitter(source, glue).finish();
    }
    let sink = builder.sink;
    let html = sink.inner.0.into_inner();
    let log = sink.log.into_inner();
    let mut frags = log.frags;
    frags.sort_by_key(|(id, _)| *id);
    let mut frag_index = FastMap::default();
    let mut i = 0;
    while i < frags.len() {
        let id = frags[i].0;
        let end = i + frags[i..]
            .iter()
            .take_while(|(node, _)| *node == id)
            .count();
        frag_index.insert(id, i..end);
        i = end;
    }
    let origins = Origins {
        decoded: log.decoded,
        pieces: log.pieces,
        elems: log.elems,
        elem_index: log.elem_index,
        frags,
        frag_index,
        hint: Cell::new(0),
        comments: log.comments,
    };
    Parsed { html, origins }
}
