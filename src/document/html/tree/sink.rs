//! The tree sink: scraper's `HtmlTreeSink` plus a log of which token created each node, which
//! end tag closed each element, and where appended text stands in the decoded character data.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;
use std::ops::Range;

use ego_tree::{NodeId, Tree};
use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, QualName};
use scraper::{HtmlTreeSink, Node};

use super::origins::{FastMap, Frag, Piece};
use crate::document::Span;

/// How far the current node may be from the nearest element known to be open before the
/// stack mirror gives up for that token (a guard against pathological trees).
const MAX_PATH: usize = 4096;
/// How many character tokens ahead appended text is looked for.
const MAX_TEXT_LOOKAHEAD: usize = 64;

/// Where an element stands with respect to the stack of open elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ElemState {
    /// Created during the token being processed.
    New,
    /// On the mirror of the stack of open elements, at this position.
    Open(usize),
    /// Closed, as inferred from the current node.
    Closed,
    /// Popped, as the builder said.
    Popped,
}

/// An element of the tree and the tags it owns in the source.
#[derive(Debug, Clone)]
pub(super) struct Elem {
    pub(super) id: NodeId,
    pub(super) name: LocalName,
    /// Index of the token being processed when the element was created.
    pub(super) token: usize,
    /// The element's own start tag.
    pub(super) start: Option<Span>,
    /// For a clone made by the adoption agency: the start tag of the element it copies.
    pub(super) origin: Option<Span>,
    /// The end tag that closed the element.
    pub(super) end: Option<Span>,
    /// For `<a>`: its attributes, to find the original of a clone.
    pub(super) key: Option<String>,
    pub(super) state: ElemState,
}

/// What a token was.
#[derive(Debug, Clone)]
pub(super) enum Kind {
    /// A start tag; `claimed` once an element owns it.
    Start { name: LocalName, claimed: bool },
    /// An end tag; `used` once an element owns it.
    End { name: LocalName, used: bool },
    /// Character data: its range of the decoded text.
    Text { decoded: Range<usize> },
    /// A comment, a doctype, the end of the input.
    Other,
}

/// A token fed to the tree builder and its source span.
#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub(super) kind: Kind,
    pub(super) span: Span,
}

/// What the sink learns while the page is built.
pub(super) struct Log {
    pub(super) tokens: Vec<Tok>,
    /// The token being processed.
    pub(super) current: usize,
    pub(super) decoded: String,
    pub(super) pieces: Vec<Piece>,
    /// Indices into `tokens` of the character tokens.
    pub(super) text_tokens: Vec<usize>,
    /// Where appended text is looked for next: index into `text_tokens`, offset in `decoded`.
    pub(super) cursor: (usize, usize),
    pub(super) elems: Vec<Elem>,
    pub(super) elem_index: FastMap<NodeId, usize>,
    pub(super) frags: Vec<(NodeId, Frag)>,
    /// Mirror of the stack of open elements, as indices into `elems` (`None`: removed from
    /// the middle). The last entry, if any, is never `None`.
    pub(super) mirror: Vec<Option<usize>>,
    /// Elements created during the current token, as indices into `elems`.
    pub(super) created: Vec<usize>,
    /// Start tags of `<a>` elements by their attributes.
    pub(super) anchors: HashMap<String, Span>,
    pub(super) comments: Vec<(String, Span)>,
}

impl Log {
    /// An empty log.
    pub(super) fn new() -> Self {
        Self {
            tokens: Vec::new(),
            current: 0,
            decoded: String::new(),
            pieces: Vec::new(),
            text_tokens: Vec::new(),
            cursor: (0, 0),
            elems: Vec::new(),
            elem_index: FastMap::default(),
            frags: Vec::new(),
            mirror: Vec::new(),
            created: Vec::new(),
            anchors: HashMap::new(),
            comments: Vec::new(),
        }
    }

    fn elem(&self, id: NodeId) -> Option<usize> {
        self.elem_index.get(&id).copied()
    }

    /// Locates text the builder appends in the decoded character data.
    fn locate(&mut self, piece: &str) -> Frag {
        let (mut ti, mut off) = self.cursor;
        let mut looked = 0;
        while ti < self.text_tokens.len() && self.text_tokens[ti] <= self.current {
            let Kind::Text { decoded } = &self.tokens[self.text_tokens[ti]].kind else {
                unreachable!("text_tokens holds character tokens")
            };
            let from = off.max(decoded.start).min(decoded.end);
            let hay = &self.decoded[from..decoded.end];
            let found = if hay.starts_with(piece) {
                Some(0)
            } else {
                memchr::memmem::find(hay.as_bytes(), piece.as_bytes())
            };
            if let Some(i) = found {
                let at = from + i;
                self.cursor = (ti, at + piece.len());
                return Frag::Source(at..at + piece.len());
            }
            looked += 1;
            if looked >= MAX_TEXT_LOOKAHEAD {
                break;
            }
            ti += 1;
            off = 0;
        }
        let span = self
            .tokens
            .get(self.current)
            .map_or(0..0, |t| t.span.clone());
        Frag::Made(piece.to_owned(), span)
    }

    /// Records that element `i` left the stack while the current token was processed.
    fn close(&mut self, i: usize, state: ElemState) {
        let elem = &mut self.elems[i];
        if let ElemState::Open(pos) = elem.state
            && let Some(slot) = self.mirror.get_mut(pos)
        {
            *slot = None;
            while self.mirror.last() == Some(&None) {
                self.mirror.pop();
            }
        }
        elem.state = state;
        if let Some(Tok {
            kind: Kind::End { name, used },
            span,
        }) = self.tokens.get_mut(self.current)
            && !*used
            && ends(name, &elem.name)
        {
            *used = true;
            elem.end = Some(span.clone());
        }
    }

    /// After a token: claims start tags, then brings the mirror of the stack up to date from
    /// the builder's current node.
    pub(super) fn settle(&mut self, current: Option<NodeId>, tree: &Tree<Node>) {
        self.claim();
        let top = self
            .mirror
            .last()
            .copied()
            .flatten()
            .map(|i| self.elems[i].id);
        if self.created.is_empty() && top.is_some() && top == current {
            return;
        }
        let mut path = Vec::new();
        let mut keep = 0;
        let mut node = current;
        let mut steps = 0;
        while let Some(id) = node {
            steps += 1;
            if steps > MAX_PATH {
                keep = self.mirror.len();
                break;
            }
            if let Some(i) = self.elem(id) {
                match self.elems[i].state {
                    ElemState::Open(pos) => {
                        keep = pos + 1;
                        break;
                    }
                    ElemState::New | ElemState::Closed => path.push(i),
                    ElemState::Popped => {}
                }
            }
            node = tree.get(id).and_then(|n| n.parent()).map(|n| n.id());
        }
        for pos in (keep..self.mirror.len()).rev() {
            if let Some(Some(i)) = self.mirror.get(pos).copied() {
                self.close(i, ElemState::Closed);
            }
        }
        self.mirror.truncate(keep);
        for &i in path.iter().rev() {
            let elem = &mut self.elems[i];
            if elem.state == ElemState::Closed {
                // Reopened: the element was open all along (a table whose content was foster
                // parented before it).
                elem.end = None;
            }
            elem.state = ElemState::Open(self.mirror.len());
            self.mirror.push(Some(i));
        }
        for i in std::mem::take(&mut self.created) {
            if self.elems[i].state == ElemState::New {
                self.close(i, ElemState::Closed);
            }
        }
    }

    /// The element created last for a start tag owns it (clones made by the adoption agency
    /// or by reconstructing formatting elements come first).
    fn claim(&mut self) {
        let k = self.current;
        let owner = match self.tokens.get(k) {
            Some(Tok {
                kind:
                    Kind::Start {
                        name,
                        claimed: false,
                    },
                ..
            }) => {
                let name: &str = name;
                self.created.iter().rev().copied().find(|&i| {
                    let local: &str = &self.elems[i].name;
                    self.elems[i].token == k
                        && (name.eq_ignore_ascii_case(local) || (name == "image" && local == "img"))
                })
            }
            _ => None,
        };
        if let Some(i) = owner {
            let span = self.tokens[k].span.clone();
            if let Kind::Start { claimed, .. } = &mut self.tokens[k].kind {
                *claimed = true;
            }
            self.elems[i].start = Some(span);
        }
        for idx in 0..self.created.len() {
            let i = self.created[idx];
            let Some(key) = self.elems[i].key.clone() else {
                continue;
            };
            match self.elems[i].start.clone() {
                Some(start) => {
                    self.anchors.insert(key, start);
                }
                None => self.elems[i].origin = self.anchors.get(&key).cloned(),
            }
        }
    }
}

/// Whether end tag `name` closes an element named `local` (any heading end tag closes any
/// heading).
fn ends(name: &str, local: &str) -> bool {
    let heading = |n: &str| matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    name.eq_ignore_ascii_case(local) || (heading(name) && heading(local))
}

/// scraper's sink plus the log of where nodes came from.
pub(super) struct SpanSink {
    pub(super) inner: HtmlTreeSink,
    pub(super) log: RefCell<Log>,
    pub(super) probing: Cell<bool>,
    pub(super) probed: Cell<Option<NodeId>>,
}

impl SpanSink {
    fn text_recipient(&self, parent: NodeId, before: Option<NodeId>) -> Option<NodeId> {
        let html = self.inner.0.borrow();
        let node = match before {
            Some(sibling) => html.tree.get(sibling)?.prev_sibling()?,
            None => html.tree.get(parent)?.last_child()?,
        };
        node.value().is_text().then(|| node.id())
    }

    fn record_text(&self, recipient: Option<NodeId>, frag: Frag) {
        if let Some(id) = recipient {
            self.log.borrow_mut().frags.push((id, frag));
        }
    }
}

impl TreeSink for SpanSink {
    type Handle = NodeId;
    type Output = Self;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        if self.probing.get() {
            self.probed.set(Some(*target));
        }
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let local = name.local.clone();
        let key = (&*local == "a").then(|| {
            let mut key = String::new();
            for attr in &attrs {
                key.push_str(&attr.name.local);
                key.push('\0');
                key.push_str(&attr.value);
                key.push('\0');
            }
            key
        });
        let id = self.inner.create_element(name, attrs, flags);
        let mut log = self.log.borrow_mut();
        let token = log.current;
        let index = log.elems.len();
        log.elem_index.insert(id, index);
        log.elems.push(Elem {
            id,
            name: local,
            token,
            start: None,
            origin: None,
            end: None,
            key,
            state: ElemState::New,
        });
        log.created.push(index);
        id
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendNode(node) => self.inner.append(parent, NodeOrText::AppendNode(node)),
            NodeOrText::AppendText(text) => {
                let frag = self.log.borrow_mut().locate(&text);
                self.inner.append(parent, NodeOrText::AppendText(text));
                self.record_text(self.text_recipient(*parent, None), frag);
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self
            .inner
            .0
            .borrow()
            .tree
            .get(*element)
            .is_some_and(|n| n.parent().is_some());
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, name: StrTendril, public: StrTendril, system: StrTendril) {
        self.inner.append_doctype_to_document(name, public, system);
    }

    fn pop(&self, node: &NodeId) {
        let mut log = self.log.borrow_mut();
        if let Some(i) = log.elem(*node) {
            log.close(i, ElemState::Popped);
        }
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        match new_node {
            NodeOrText::AppendNode(node) => {
                self.inner
                    .append_before_sibling(sibling, NodeOrText::AppendNode(node));
            }
            NodeOrText::AppendText(text) => {
                let frag = self.log.borrow_mut().locate(&text);
                self.inner
                    .append_before_sibling(sibling, NodeOrText::AppendText(text));
                let attached = self
                    .inner
                    .0
                    .borrow()
                    .tree
                    .get(*sibling)
                    .is_some_and(|n| n.parent().is_some());
                if attached {
                    self.record_text(self.text_recipient(*sibling, Some(*sibling)), frag);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent);
    }
}
