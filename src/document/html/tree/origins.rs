//! Source positions of the nodes of a parsed page, as the tree sink recorded them.

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use ego_tree::{NodeId, Tree};
use scraper::Node;

use super::sink::Elem;
use crate::document::Span;

/// Hashes node ids and offsets (small distinct integers) with one multiplication.
#[derive(Default)]
pub(in crate::document::html) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A hash map keyed by node ids or offsets.
pub(in crate::document::html) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Source positions of the nodes of a [`Parsed`](super::Parsed) tree.
pub(in crate::document::html) struct Origins {
    pub(super) decoded: String,
    pub(super) pieces: Vec<Piece>,
    pub(super) elems: Vec<Elem>,
    pub(super) elem_index: FastMap<NodeId, usize>,
    pub(super) frags: Vec<(NodeId, Frag)>,
    /// For each text node, its range of `frags`.
    pub(super) frag_index: FastMap<NodeId, Range<usize>>,
    /// The piece the last lookup ended in: text is mostly read in source order.
    pub(super) hint: Cell<usize>,
    /// Every comment of the page, with its text and span, in source order.
    pub(in crate::document::html) comments: Vec<(String, Span)>,
}

/// A run of decoded character data and the source bytes it came from.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    /// Offset in `decoded`.
    pub(super) at: usize,
    /// Length in `decoded`.
    pub(super) len: usize,
    pub(super) src: Span,
    /// The decoded text is byte for byte the source.
    pub(super) verbatim: bool,
}

/// Text appended to a text node.
#[derive(Debug, Clone)]
pub(super) enum Frag {
    /// A range of `decoded`.
    Source(Range<usize>),
    /// Text the builder made up (U+FFFD for NUL in SVG), standing for a span.
    Made(String, Span),
}

impl Origins {
    fn elem(&self, id: NodeId) -> Option<&Elem> {
        self.elems.get(*self.elem_index.get(&id)?)
    }

    /// The element's own start tag, if the source has one.
    pub(in crate::document::html) fn start_tag(&self, id: NodeId) -> Option<Span> {
        self.elem(id)?.start.clone()
    }

    /// The start tag a link element stands for: its own, or for a clone made by the adoption
    /// agency, the start tag of the element it copies.
    pub(in crate::document::html) fn link_tag(&self, id: NodeId) -> Option<Span> {
        let elem = self.elem(id)?;
        elem.start.clone().or_else(|| elem.origin.clone())
    }

    /// The end tag that closed the element, if the source has one.
    pub(in crate::document::html) fn end_tag(&self, id: NodeId) -> Option<Span> {
        self.elem(id)?.end.clone()
    }

    /// The pieces of a text node with their source spans, in order. Pieces whose text is the
    /// source byte for byte carry their exact span; others (character references, CRLF) the
    /// span of the source they were decoded from.
    /// `out` is cleared first.
    pub(in crate::document::html) fn text_segments<'s>(
        &'s self,
        id: NodeId,
        out: &mut Vec<(&'s str, Span)>,
    ) {
        out.clear();
        let Some(range) = self.frag_index.get(&id) else {
            return;
        };
        for (_, frag) in &self.frags[range.clone()] {
            match frag {
                Frag::Made(text, span) => out.push((text.as_str(), span.clone())),
                Frag::Source(range) => self.source_segments(range.clone(), out),
            }
        }
    }

    fn source_segments<'a>(&'a self, range: Range<usize>, out: &mut Vec<(&'a str, Span)>) {
        let holds = |i: usize| {
            self.pieces
                .get(i)
                .is_some_and(|p| p.at <= range.start && range.start < p.at + p.len)
        };
        let hint = self.hint.get();
        let mut i = if holds(hint) {
            hint
        } else if holds(hint + 1) {
            hint + 1
        } else {
            self.pieces
                .partition_point(|p| p.at <= range.start)
                .saturating_sub(1)
        };
        while let Some(piece) = self.pieces.get(i) {
            if piece.at >= range.end {
                break;
            }
            let from = range.start.max(piece.at);
            let to = range.end.min(piece.at + piece.len);
            if from < to {
                let text = &self.decoded[from..to];
                let src = if piece.verbatim {
                    piece.src.start + (from - piece.at)..piece.src.start + (to - piece.at)
                } else {
                    piece.src.clone()
                };
                out.push((text, src));
                self.hint.set(i);
            }
            i += 1;
        }
    }

    /// The source span of the element: from its start tag (or first content) to its end tag
    /// (or last content), as far as the source says.
    pub(in crate::document::html) fn element_span(
        &self,
        tree: &Tree<Node>,
        id: NodeId,
    ) -> Option<Span> {
        let start = self.start_tag(id);
        let end = self.end_tag(id);
        let content = || {
            let node = tree.get(id)?;
            let mut span: Option<Span> = None;
            for d in node.descendants().skip(1) {
                let own = match d.value() {
                    Node::Text(_) => {
                        let mut segments = Vec::new();
                        self.text_segments(d.id(), &mut segments);
                        segments
                            .into_iter()
                            .map(|(_, s)| s)
                            .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))
                    }
                    Node::Element(_) => self.start_tag(d.id()).or_else(|| self.end_tag(d.id())),
                    _ => None,
                };
                if let Some(own) = own {
                    span = Some(match span {
                        Some(s) => s.start.min(own.start)..s.end.max(own.end),
                        None => own,
                    });
                }
            }
            span
        };
        match (start, end) {
            (Some(s), Some(e)) => Some(s.start..e.end.max(s.end)),
            (Some(s), None) => Some(s.start..content().map_or(s.end, |c| c.end.max(s.end))),
            (None, Some(e)) => Some(content().map_or(e.start, |c| c.start.min(e.start))..e.end),
            (None, None) => content(),
        }
    }
}
