//! Visible text of a block, mapped back to source spans for phrase matching.
//!
//! Rendered text differs from its source (entities, escapes, markup between words, soft
//! hyphens), so a block's text is kept as a string plus segments that say where each piece
//! came from. A match in the text maps back to the smallest source span that holds it.

use super::Span;

/// Characters a reader does not see and that must not split a word when matching:
/// soft hyphen, zero-width space/joiners, word joiner, byte order mark.
#[must_use]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Whether `text` shows anything: a character that is neither white space (a no-break space
/// included) nor [`is_invisible`].
#[must_use]
pub(crate) fn shows(text: &str) -> bool {
    text.chars().any(|c| !c.is_whitespace() && !is_invisible(c))
}

/// Whether `text` holds an [`is_invisible`] character. They all start with one of three
/// bytes, so most text is ruled out by a vectorised byte search.
#[must_use]
pub(crate) fn has_invisible(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3(0xC2, 0xE2, 0xEF, bytes).is_some() && text.chars().any(is_invisible)
}

/// Whether `text` holds white space a browser renders as one space other than a single
/// space (a line break, a tab, spaces in a row, a no-break or other general-punctuation
/// space), or an invisible character. Three vectorised byte searches rule out most text;
/// characters beyond ASCII are looked at only where a byte that starts one of them stands.
/// (A form feed, the Ogham space mark and the ideographic space are left as they are: they
/// do not stand between the words of names.)
fn needs_collapsing(text: &str) -> bool {
    static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    let bytes = text.as_bytes();
    memchr::memchr3(b'\n', b'\t', b'\r', bytes).is_some()
        || DOUBLE_SPACE.find(bytes).is_some()
        || (memchr::memchr3(0xC2, 0xE2, 0xEF, bytes).is_some()
            && text
                .chars()
                .any(|c| is_invisible(c) || (c != ' ' && renders_as_space(c))))
}

/// Whether `c` is white space that [`TextBuf::push_rendered`] reads as a space (see
/// [`needs_collapsing`] for what is left as it is).
fn renders_as_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{000C}' | '\u{1680}' | '\u{3000}')
}

/// The pieces of character data `raw` (as in the source) and `decoded` (as HTML reads it)
/// that stand for each other, in order: the runs of `raw` without `&` or `\r`, found as they
/// are in `decoded`, and what stands between them. `None` if the runs are not found so.
fn align_decoded(raw: &str, decoded: &str) -> Option<Vec<(Span, Span)>> {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    // Where the stretch after the last run starts in `raw`, and where that run ends in
    // `decoded`.
    let (mut gap_start, mut at_decoded) = (0, 0);
    while gap_start < bytes.len() {
        // The stretch before a run: carriage returns, and character references, each a `&`,
        // a `#` maybe, letters and digits, and a `;` maybe (`&amp;`, `&#1059;`, `&nbsp`).
        let mut run_start = gap_start;
        loop {
            match bytes.get(run_start) {
                Some(b'\r') => run_start += 1,
                Some(b'&') => {
                    run_start += 1;
                    run_start += usize::from(bytes.get(run_start) == Some(&b'#'));
                    while bytes.get(run_start).is_some_and(u8::is_ascii_alphanumeric) {
                        run_start += 1;
                    }
                    run_start += usize::from(bytes.get(run_start) == Some(&b';'));
                }
                _ => break,
            }
        }
        let run_end = raw[run_start..]
            .find(['&', '\r'])
            .map_or(raw.len(), |i| run_start + i);
        if run_start == run_end {
            break;
        }
        let run = &raw[run_start..run_end];
        let found = at_decoded + decoded.get(at_decoded..)?.find(run)?;
        if gap_start < run_start {
            out.push((gap_start..run_start, at_decoded..found));
        } else if found > at_decoded {
            return None;
        }
        out.push((run_start..run_end, found..found + run.len()));
        gap_start = run_end;
        at_decoded = found + run.len();
    }
    if gap_start < raw.len() {
        out.push((gap_start..raw.len(), at_decoded..decoded.len()));
    } else if at_decoded < decoded.len() {
        return None;
    }
    Some(out)
}

/// One piece of a block's text and where it stands in the source.
#[derive(Debug, Clone)]
struct Segment {
    /// Byte offset of the piece in [`TextBuf::as_str`].
    at: usize,
    /// Its source span.
    source: Span,
    /// Whether the piece is byte-for-byte the source (so offsets inside it map exactly).
    verbatim: bool,
}

/// Text with a map back to the source.
#[derive(Debug, Clone, Default)]
pub struct TextBuf {
    text: String,
    segments: Vec<Segment>,
}

impl TextBuf {
    /// An empty buffer.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The text, invisible characters removed.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the text has anything but whitespace (`&nbsp;` included).
    #[must_use]
    pub fn has_visible_text(&self) -> bool {
        self.text.chars().any(|c| !c.is_whitespace())
    }

    /// Appends `piece`, which renders from `source`. When `piece` is exactly the source text,
    /// offsets inside it map one to one; otherwise any offset inside maps to the whole span.
    pub fn push(&mut self, piece: &str, source: Span, source_text: &str) {
        if piece.is_empty() {
            return;
        }
        // A piece borrowed from the source is verbatim without comparing its bytes.
        let verbatim = source_text.get(source.clone()).is_some_and(|s| {
            (s.as_ptr() == piece.as_ptr() && s.len() == piece.len()) || s == piece
        });
        if verbatim && has_invisible(piece) {
            // Drop invisible characters but keep exact offsets: one segment per visible run.
            let mut run_start = None;
            for (i, c) in piece.char_indices() {
                if is_invisible(c) {
                    if let Some(s) = run_start.take() {
                        self.push_segment(&piece[s..i], source.start + s..source.start + i, true);
                    }
                } else if run_start.is_none() {
                    run_start = Some(i);
                }
            }
            if let Some(s) = run_start {
                self.push_segment(&piece[s..], source.start + s..source.end, true);
            }
            return;
        }
        if verbatim {
            self.push_segment(piece, source, true);
        } else if has_invisible(piece) {
            let cleaned: String = piece.chars().filter(|&c| !is_invisible(c)).collect();
            self.push_segment(&cleaned, source, false);
        } else {
            self.push_segment(piece, source, false);
        }
    }

    /// Appends HTML text as a browser renders it: a run of white space (a line break, a tab,
    /// a no-break or other Unicode space, spaces in a row) reads as one space, or none after
    /// white space, so that `citing\n  The Washington\n  Post` reads as it renders. Offsets
    /// stay exact: one segment per visible run. Invisible characters are dropped.
    pub fn push_rendered(&mut self, piece: &str, source: Span, source_text: &str) {
        if !needs_collapsing(piece) {
            self.push(piece, source, source_text);
            return;
        }
        let verbatim = source_text.get(source.clone()).is_some_and(|s| {
            (s.as_ptr() == piece.as_ptr() && s.len() == piece.len()) || s == piece
        });
        if !verbatim {
            let mut cleaned = String::with_capacity(piece.len());
            for c in piece.chars().filter(|&c| !is_invisible(c)) {
                if !renders_as_space(c) {
                    cleaned.push(c);
                } else if !(cleaned.ends_with(' ')
                    || cleaned.is_empty() && self.text.ends_with(char::is_whitespace))
                {
                    cleaned.push(' ');
                }
            }
            self.push_segment(&cleaned, source, false);
            return;
        }
        // Runs of visible text are kept whole; only the bytes around them are looked at
        // closely (ASCII by its byte, anything else as a character).
        let bytes = piece.as_bytes();
        let mut run_start = None;
        let mut space_start = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (width, space, invisible) = if b < 0x80 {
                (1, matches!(b, b' ' | b'\t' | b'\n' | b'\r'), false)
            } else {
                let c = piece[i..].chars().next().unwrap_or(' ');
                (c.len_utf8(), renders_as_space(c), is_invisible(c))
            };
            if space || invisible {
                if let Some(s) = run_start.take() {
                    self.push_segment(&piece[s..i], source.start + s..source.start + i, true);
                }
                if space {
                    space_start.get_or_insert(i);
                }
            } else {
                if let Some(s) = space_start.take() {
                    self.push_space(&piece[s..i], source.start + s..source.start + i);
                }
                run_start.get_or_insert(i);
            }
            i += width;
        }
        if let Some(s) = run_start {
            self.push_segment(&piece[s..], source.start + s..source.end, true);
        }
        if let Some(s) = space_start {
            self.push_space(&piece[s..], source.start + s..source.end);
        }
    }

    /// Appends HTML character data `decoded` (references decoded, line breaks normalised)
    /// whose source is `source`, as [`Self::push_rendered`] does, keeping offsets exact
    /// between the character references and carriage returns of the source: each run of the
    /// source without `&` or `\r` is a run of `decoded` too, and what stands between two
    /// such runs in `decoded` renders from what stands between them in the source. Data that
    /// does not line up so maps to its whole source, as before.
    pub fn push_decoded(&mut self, decoded: &str, source: Span, source_text: &str) {
        let Some(raw) = source_text.get(source.clone()) else {
            self.push_rendered(decoded, source, source_text);
            return;
        };
        if raw == decoded || !raw.contains(['&', '\r']) {
            self.push_rendered(decoded, source, source_text);
            return;
        }
        let Some(pieces) = align_decoded(raw, decoded) else {
            self.push_rendered(decoded, source, source_text);
            return;
        };
        for (raw_range, decoded_range) in pieces {
            let span = source.start + raw_range.start..source.start + raw_range.end;
            if raw.get(raw_range.clone()) == decoded.get(decoded_range.clone()) {
                // Verbatim: hand over the source's own bytes, so offsets inside map exactly.
                self.push_rendered(&source_text[span.clone()], span, source_text);
            } else {
                self.push_rendered(&decoded[decoded_range], span, source_text);
            }
        }
    }

    /// Appends the white space `run` (standing at `source`) as one space, or as nothing after
    /// white space; a single space stays the source's own byte.
    fn push_space(&mut self, run: &str, source: Span) {
        if self.text.ends_with(char::is_whitespace) {
            return;
        }
        self.push_segment(" ", source, run == " ");
    }

    /// Appends a separator (a space for a soft break or between inline blocks) that stands
    /// for `source`.
    pub fn push_break(&mut self, source: Span) {
        if !self.text.is_empty() && !self.text.ends_with(char::is_whitespace) {
            self.push_segment(" ", source, false);
        }
    }

    fn push_segment(&mut self, piece: &str, source: Span, verbatim: bool) {
        if piece.is_empty() {
            return;
        }
        self.segments.push(Segment {
            at: self.text.len(),
            source,
            verbatim,
        });
        self.text.push_str(piece);
    }

    /// The source span of the text range `range` (byte offsets into [`Self::as_str`]).
    #[must_use]
    pub fn source_span(&self, range: Span) -> Span {
        if self.segments.is_empty() {
            return 0..0;
        }
        let first = self.segment_at(range.start);
        let start = if first.verbatim {
            (first.source.start + (range.start - first.at)).min(first.source.end)
        } else {
            first.source.start
        };
        let last = self.segment_at(range.end.max(range.start + 1) - 1);
        let end = if last.verbatim {
            (last.source.start + (range.end - last.at)).min(last.source.end)
        } else {
            last.source.end
        };
        start..end.max(start)
    }

    fn segment_at(&self, at: usize) -> &Segment {
        let i = self
            .segments
            .partition_point(|s| s.at <= at)
            .saturating_sub(1);
        &self.segments[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_text_maps_one_to_one() {
        let src = "Hello Укрінформ world";
        let mut buf = TextBuf::new();
        buf.push(src, 0..src.len(), src);
        let at = buf.as_str().find("Укрінформ").unwrap();
        let span = buf.source_span(at..at + "Укрінформ".len());
        assert_eq!(&src[span], "Укрінформ");
    }

    #[test]
    fn invisible_characters_are_dropped_but_spans_stay_exact() {
        let src = "as Ukr\u{00AD}in\u{200B}form reports";
        let mut buf = TextBuf::new();
        buf.push(src, 0..src.len(), src);
        assert_eq!(buf.as_str(), "as Ukrinform reports");
        let at = buf.as_str().find("Ukrinform").unwrap();
        let span = buf.source_span(at..at + "Ukrinform".len());
        assert_eq!(&src[span], "Ukr\u{00AD}in\u{200B}form");
    }

    #[test]
    fn rewritten_text_maps_to_its_whole_source() {
        let src = "a &amp; b";
        let mut buf = TextBuf::new();
        buf.push("a ", 0..2, src);
        buf.push("&", 2..7, src);
        buf.push(" b", 7..9, src);
        assert_eq!(buf.as_str(), "a & b");
        assert_eq!(buf.source_span(2..3), 2..7);
        assert_eq!(buf.source_span(0..5), 0..9);
    }

    /// The source span of the first `needle` in `buf`'s text.
    fn span_of(buf: &TextBuf, needle: &str) -> Span {
        let at = buf.as_str().find(needle).unwrap();
        buf.source_span(at..at + needle.len())
    }

    #[test]
    fn decoded_character_data_maps_exactly_between_references_and_carriage_returns() {
        // As the HTML tokenizer hands them over: references decoded, `\r\n` read as `\n`.
        for (raw, decoded) in [
            (
                "&amp; Kyiv hosted the talks, Ukrinform reports.",
                "& Kyiv hosted the talks, Ukrinform reports.",
            ),
            (
                "&#1059; Kyiv, Ukrinform reports.",
                "У Kyiv, Ukrinform reports.",
            ),
            (
                "Kyiv\r\nhosted the talks, Ukrinform reports.",
                "Kyiv\nhosted the talks, Ukrinform reports.",
            ),
            (
                "AT&T said &nbsp;Ukrinform reports&#x2e;",
                "AT&T said \u{a0}Ukrinform reports.",
            ),
        ] {
            let src = format!("<p>{raw}</p>");
            let mut buf = TextBuf::new();
            buf.push_decoded(decoded, 3..3 + raw.len(), &src);
            assert_eq!(
                &src[span_of(&buf, "Ukrinform reports")],
                "Ukrinform reports",
                "{raw}"
            );
            assert_eq!(
                buf.source_span(0..buf.as_str().len()),
                3..3 + raw.len(),
                "{raw}"
            );
        }
        // A reference stands for its whole source.
        let src = "a &amp; b";
        let mut buf = TextBuf::new();
        buf.push_decoded("a & b", 0..src.len(), src);
        assert_eq!(span_of(&buf, "&"), 2..7);
    }

    #[test]
    fn data_that_does_not_line_up_maps_to_its_whole_source() {
        let src = "x\0y";
        let mut buf = TextBuf::new();
        buf.push_decoded("x\u{fffd}y", 0..src.len(), src);
        assert_eq!(span_of(&buf, "y"), 0..3);
        assert_eq!(align_decoded("a&amp;b", "a&c"), None);
    }

    #[test]
    fn whitespace_only_text_is_not_visible() {
        let src = "\u{a0} \n";
        let mut buf = TextBuf::new();
        buf.push(src, 0..src.len(), src);
        assert!(!buf.has_visible_text());
    }
}
