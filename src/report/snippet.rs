//! The piece of a file shown under a finding in the human report, with long lines cut.
//!
//! A Markdown paragraph is one line, often of a thousand characters; drawn whole, with an
//! underline as long beneath it, it wraps a terminal into noise. Like rustc, the report
//! keeps of such a line the text around where each label starts and ends and puts `…` for
//! the rest. Line numbers never change (no line ending is dropped), and the header still
//! gives the line and column of the original text.

use std::collections::VecDeque;
use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::document::LineIndex;

/// Context lines miette shows above and below a label.
pub(super) const CONTEXT_LINES: usize = 1;

/// Characters shown from each end of a label too long to show whole.
const EDGE: usize = 24;
/// Characters shown around a label, outside it.
const AROUND: usize = 16;
/// How far a cut moves inwards to fall between words (less than [`AROUND`], so that a
/// label's end stays shown).
const WORD: usize = 12;
/// Characters a cut must save to be worth an ellipsis.
const MIN_GAP: usize = 8;
/// What stands for the characters left out.
const ELLIPSIS: &str = "…";

/// A kept piece: `len` bytes of the original from `orig`, at `view` in the cut text.
#[derive(Debug, Clone, Copy)]
struct Piece {
    orig: usize,
    view: usize,
    len: usize,
}

/// The lines a finding shows, long lines cut, as miette reads them.
pub(super) struct Snippet<'a> {
    name: String,
    text: &'a str,
    lines: &'a LineIndex,
    /// The 0-based line of the original that the cut text starts with.
    first_line: usize,
    cut: String,
    pieces: Vec<Piece>,
    /// Where each line of `cut` after the first starts.
    line_starts: Vec<usize>,
}

impl<'a> Snippet<'a> {
    /// The lines of `text` that miette shows for `labels` (byte spans of `text`), each
    /// longer than `budget` characters cut to what stands around the labels.
    pub(super) fn new(
        name: String,
        text: &'a str,
        lines: &'a LineIndex,
        labels: &[Range<usize>],
        budget: usize,
    ) -> Self {
        let first = labels
            .iter()
            .map(|l| lines.line_of(l.start))
            .min()
            .unwrap_or(0);
        let last = labels
            .iter()
            .map(|l| lines.line_of(l.end.saturating_sub(1).max(l.start)))
            .max()
            .unwrap_or(0);
        // One line more than the context above, so that a label at the start of a line is
        // not a label at the start of the text (miette reads the two differently).
        let first_line = first.saturating_sub(CONTEXT_LINES + 1);
        let mut snippet = Self {
            name,
            text,
            lines,
            first_line,
            cut: String::new(),
            pieces: Vec::new(),
            line_starts: Vec::new(),
        };
        for line in first_line..=last + CONTEXT_LINES {
            let range = lines.line_range(text, line);
            let next = lines.line_range(text, line + 1).start.max(range.end);
            if range.start >= text.len() && line > last {
                break;
            }
            snippet.push_line(range.clone(), labels, budget);
            snippet.push_piece(range.end..next);
        }
        snippet.line_starts = memchr::memchr_iter(b'\n', snippet.cut.as_bytes())
            .map(|i| i + 1)
            .collect();
        snippet
    }

    /// Where miette can start reading the cut text for a span at `offset` with `before`
    /// lines of context, and how many lines stand before that place. miette reads from the
    /// start of what it is given, a byte at a time, for every label: started a line above
    /// the context instead, it finds the same lines (a span at the start of what it reads
    /// would read differently), and the report no longer grows with the square of the lines
    /// between the first label and the last.
    fn read_from(&self, offset: usize, before: usize) -> (usize, usize) {
        let starts = &self.line_starts;
        let line = starts.partition_point(|&s| s <= offset);
        match line.checked_sub(before + 1) {
            Some(from) if from > 0 => (starts[from - 1], from),
            _ => (0, 0),
        }
    }

    /// Copies `range` of the text, with what a terminal must not be given shown instead
    /// (see [`shown_instead`]).
    fn push_piece(&mut self, range: Range<usize>) {
        let piece = &self.text[range.clone()];
        // Every character that is shown instead starts with one of these bytes.
        if !piece.bytes().any(|b| {
            (b < 0x20 && b != b'\t' && b != b'\n') || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2)
        }) {
            self.push_kept(range);
            return;
        }
        let mut from = range.start;
        for (i, c) in piece.char_indices() {
            let at = range.start + i;
            if c == '\r' && !self.text[at + 1..].starts_with('\n') {
                // A line ending for the line index (CommonMark's too); miette takes only
                // `\n` and `\r\n` for one.
                self.push_kept(from..at + 1);
                let end = self.cut.len();
                self.cut.replace_range(end - 1..end, "\n");
                from = at + 1;
            } else if let Some(shown) = shown_instead(c) {
                self.push_kept(from..at);
                // Between two empty pieces that anchor the character's place: a span that
                // starts at it starts at the sign, one that ends after it ends after the sign.
                self.pieces.push(Piece {
                    orig: at,
                    view: self.cut.len(),
                    len: 0,
                });
                self.cut.push(shown);
                from = at + c.len_utf8();
                // And one after the sign, which the text after it continues.
                self.pieces.push(Piece {
                    orig: from,
                    view: self.cut.len(),
                    len: 0,
                });
            }
        }
        self.push_kept(from..range.end);
    }

    fn push_kept(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let view = self.cut.len();
        self.cut.push_str(&self.text[range.clone()]);
        match self.pieces.last_mut() {
            Some(last) if last.orig + last.len == range.start && last.view + last.len == view => {
                last.len += range.len();
            }
            _ => self.pieces.push(Piece {
                orig: range.start,
                view,
                len: range.len(),
            }),
        }
    }

    /// Copies the line at `range` (no line ending), cut if it is longer than `budget`.
    fn push_line(&mut self, range: Range<usize>, labels: &[Range<usize>], budget: usize) {
        let line = &self.text[range.clone()];
        // Byte offsets of the characters, and the line's end (none needed for ASCII, where
        // a character is a byte).
        let ascii = line.is_ascii();
        let mut at: Vec<usize> = Vec::new();
        if !ascii {
            at.extend(line.char_indices().map(|(i, _)| i));
            at.push(line.len());
        }
        let chars = if ascii { line.len() } else { at.len() - 1 };
        if chars <= budget {
            self.push_piece(range);
            return;
        }
        let byte_at = |i: usize| if ascii { i } else { at[i] };
        let char_of = |offset: usize| {
            let offset = offset - range.start;
            if ascii {
                offset
            } else {
                at.partition_point(|&b| b < offset)
            }
        };
        let mut keep: Vec<(usize, usize)> = Vec::new();
        for label in labels {
            let starts = (range.start..=range.end).contains(&label.start);
            let ends = (range.start..=range.end).contains(&label.end) && label.end > range.start
                || starts && label.is_empty();
            let s = starts.then(|| char_of(label.start));
            let e = ends.then(|| char_of(label.end));
            match (s, e) {
                (Some(s), Some(e)) if e - s <= 2 * EDGE + MIN_GAP => {
                    keep.push((s.saturating_sub(AROUND), e + AROUND));
                }
                (s, e) => {
                    if let Some(s) = s {
                        keep.push((s.saturating_sub(AROUND), s + EDGE));
                    }
                    if let Some(e) = e {
                        keep.push((e.saturating_sub(EDGE), e + AROUND));
                    }
                }
            }
        }
        let is_space = |i: usize| line[byte_at(i)..].starts_with(char::is_whitespace);
        let merged = windows(keep, chars, budget, is_space);
        let mut shown = 0;
        for (a, b) in merged {
            if a > shown {
                self.cut.push_str(ELLIPSIS);
            }
            self.push_piece(range.start + byte_at(a)..range.start + byte_at(b));
            shown = b;
        }
        if shown < chars {
            self.cut.push_str(ELLIPSIS);
        }
    }

    /// Where byte `offset` of the original stands in the cut text. An offset left out maps
    /// to the ellipsis that replaces it: to its start, or past it for the end of a span.
    fn to_cut(&self, offset: usize, is_end: bool) -> usize {
        let next = self.pieces.partition_point(|p| p.orig <= offset);
        if let Some(p) = next.checked_sub(1).map(|i| self.pieces[i])
            && offset <= p.orig + p.len
        {
            return p.view + offset - p.orig;
        }
        // The ellipsis or sign (as long as an ellipsis) before the next piece, or after the
        // last one.
        let gap = match self.pieces.get(next) {
            Some(p) => p.view.saturating_sub(ELLIPSIS.len()),
            None => self.pieces.last().map_or(0, |p| p.view + p.len),
        };
        if is_end {
            (gap + ELLIPSIS.len()).min(self.cut.len())
        } else {
            gap
        }
    }

    /// Where byte `offset` of the cut text comes from in the original.
    fn to_orig(&self, offset: usize) -> usize {
        let next = self.pieces.partition_point(|p| p.view <= offset);
        match next.checked_sub(1).map(|i| self.pieces[i]) {
            Some(p) => p.orig + (offset - p.view).min(p.len),
            None => self.pieces.first().map_or(0, |p| p.orig),
        }
    }

    /// A span of the original as a span of the cut text.
    pub(super) fn span(&self, span: &Range<usize>) -> SourceSpan {
        let start = self.to_cut(span.start, false);
        let end = self.to_cut(span.end, true).max(start);
        SourceSpan::new(start.into(), end - start)
    }
}

/// What the report shows for a character of the text that a terminal must not be given: a
/// control character (an escape sequence in a file could clear the screen or retitle the
/// window) as its control picture (`␛`), the line and paragraph separators and the
/// characters that reorder text written left to right or right to left (which could make
/// the line shown differ from the line read) as `�`. Tabs and line endings stay.
fn shown_instead(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + u32::from(c)),
        '\u{7F}' => Some('\u{2421}'),
        '\u{80}'..='\u{9F}'
        | '\u{61C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => Some('\u{FFFD}'),
        _ => None,
    }
}

/// The character ranges of a line of `chars` characters to show, sorted and apart: `keep`
/// (around label ends) grown evenly to fill `budget`, with cuts moved to fall between words
/// (`is_space` says which characters are spaces) and the spaces beside a cut kept.
fn windows(
    mut keep: Vec<(usize, usize)>,
    chars: usize,
    budget: usize,
    is_space: impl Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    if keep.is_empty() {
        // A line a label covers whole, or a context line: its start.
        keep.push((0, 0));
    }
    for window in &mut keep {
        window.1 = window.1.min(chars);
    }
    let merge = |mut keep: Vec<(usize, usize)>| {
        keep.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(keep.len());
        for (a, b) in keep {
            match merged.last_mut() {
                Some(last) if a <= last.1 + MIN_GAP => last.1 = last.1.max(b),
                _ => merged.push((if a < MIN_GAP { 0 } else { a }, b)),
            }
        }
        if let Some(last) = merged.last_mut()
            && last.1 + MIN_GAP > chars
        {
            last.1 = chars;
        }
        merged
    };
    let shown =
        |windows: &[(usize, usize)]| -> usize { windows.iter().map(|(a, b)| b - a + 2).sum() };
    let mut merged = merge(keep);
    for _ in 0..4 {
        let slack = budget.saturating_sub(shown(&merged));
        if slack < 2 * merged.len() {
            break;
        }
        let grow = slack / (2 * merged.len());
        merged = merge(
            merged
                .into_iter()
                .map(|(a, b)| (a.saturating_sub(grow), (b + grow).min(chars)))
                .collect(),
        );
    }
    for (a, b) in &mut merged {
        // A cut moves inwards to a word boundary (less than `AROUND`, so that a label's
        // end stays in), and keeps the space beside it.
        if *a > 0 {
            let mut start = *a;
            while start < *a + WORD && start < *b && !is_space(start - 1) {
                start += 1;
            }
            if is_space(start - 1) {
                *a = start - 1;
            }
        }
        if *b < chars {
            let mut end = *b;
            while end + WORD > *b && end > *a && !is_space(end) {
                end -= 1;
            }
            if is_space(end) {
                *b = end + 1;
            }
        }
    }
    merged
}

impl SourceCode for Snippet<'_> {
    fn read_span<'s>(
        &'s self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'s> + 's>, MietteError> {
        let (base, lines_above) = self.read_from(span.offset(), context_lines_before);
        let inner = context(
            &self.cut.as_bytes()[base..],
            &SourceSpan::new((span.offset() - base).into(), span.len()),
            context_lines_before,
            context_lines_after,
        )?;
        let inner_span = SourceSpan::new((inner.span().offset() + base).into(), inner.span().len());
        // Columns count characters of the original line (miette counts bytes of what it
        // is given).
        let mut start = self.to_orig(inner_span.offset()).min(self.text.len());
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let (_, column) = self.lines.line_col(self.text, start);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            inner_span,
            inner.line() + lines_above + self.first_line,
            column - 1,
            inner.line_count() + lines_above + self.first_line,
        )))
    }
}

/// What miette's own `SourceCode for [u8]` reads for `span` with that many context lines,
/// found a line at a time with `memchr` instead of a byte at a time. miette walks every
/// byte from the start of the text for each label and each context it draws; this takes
/// the same steps at each line ending and jumps over the bytes between, so the lines,
/// columns and counts it gives are miette's own, quirks included (a test holds the two
/// equal on random texts and spans).
fn context<'a>(
    input: &'a [u8],
    span: &SourceSpan,
    before: usize,
    after: usize,
) -> Result<MietteSpanContents<'a>, MietteError> {
    let start = span.offset();
    // The byte from which on the span is behind (for a line ending, one byte later when
    // the span is empty), and miette reads on only for the context after it.
    let past = (start + span.len()).saturating_sub(1);
    let past_at_newline = start + span.len().saturating_sub(1);
    let mut offset = 0;
    let mut line_count = 0;
    let mut start_line = 0;
    let mut start_column = 0;
    let mut before_starts: VecDeque<usize> = VecDeque::new();
    let mut line_start = 0;
    let mut end_lines = 0;
    let mut post_span = false;
    let mut post_newline = false;
    let stop = 'walk: loop {
        // The bytes up to the next line ending, all at once.
        let run_end =
            memchr::memchr2(b'\r', b'\n', &input[offset..]).map_or(input.len(), |i| offset + i);
        if offset < run_end {
            let first_past = past.max(offset);
            if first_past < run_end {
                post_span = true;
                if end_lines >= after {
                    start_column += start.min(first_past + 1).saturating_sub(offset);
                    break 'walk first_past + 1;
                }
            }
            start_column += start.min(run_end).saturating_sub(offset);
        }
        let Some(&byte) = input.get(run_end) else {
            break run_end;
        };
        // The line ending.
        line_count += 1;
        let at = if byte == b'\r' && input.get(run_end + 1) == Some(&b'\n') {
            run_end + 1
        } else {
            run_end
        };
        if at < start {
            start_column = 0;
            before_starts.push_back(line_start);
            if before_starts.len() > before {
                start_line += 1;
                before_starts.pop_front();
            }
        } else if at >= past_at_newline && post_span {
            start_column = 0;
            if post_newline {
                end_lines += 1;
            } else {
                post_newline = true;
            }
            if end_lines >= after {
                break at + 1;
            }
        }
        line_start = at + 1;
        if at >= past {
            post_span = true;
            if end_lines >= after {
                break at + 1;
            }
        }
        offset = at + 1;
    };
    if stop < past {
        return Err(MietteError::OutOfBounds);
    }
    let from = before_starts
        .front()
        .copied()
        .unwrap_or(if before == 0 { start } else { 0 });
    Ok(MietteSpanContents::new(
        &input[from..stop],
        (from, stop - from).into(),
        start_line,
        if before == 0 { start_column } else { 0 },
        line_count,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet<'a>(text: &'a str, lines: &'a LineIndex, labels: &[Range<usize>]) -> Snippet<'a> {
        Snippet::new("t.md".into(), text, lines, labels, 40)
    }

    #[test]
    fn short_lines_are_shown_as_they_are() {
        let text = "one\n\ntwo three\n\nfour\n";
        let lines = LineIndex::new(text);
        let s = snippet(text, &lines, std::slice::from_ref(&(5..8)));
        // The line of the label and one line of context each side.
        assert_eq!(s.cut, "one\n\ntwo three\n\n");
        assert_eq!(s.span(&(5..8)), SourceSpan::new(5.into(), 3));
    }

    #[test]
    fn a_long_line_keeps_the_text_around_each_end_of_a_label() {
        let words: Vec<String> = (0..60).map(|i| format!("w{i:02}")).collect();
        let line = words.join(" ");
        let text = format!("# T\n\n{line}\n");
        let lines = LineIndex::new(&text);
        let cited = text.find("w40").unwrap()..text.find("w41").unwrap() + 3;
        let paragraph = 5..5 + line.len();
        let s = snippet(&text, &lines, &[paragraph.clone(), cited.clone()]);
        let shown = s.cut.lines().nth(2).unwrap();
        assert!(shown.starts_with("w00 w01"), "{shown}");
        assert!(shown.contains("w40 w41"), "{shown}");
        assert!(shown.ends_with("w59"), "{shown}");
        assert!(shown.contains(ELLIPSIS), "{shown}");
        assert!(shown.chars().count() < line.len() / 2, "{shown}");
        // The labels point at the same words in the cut text.
        let span = s.span(&cited);
        assert_eq!(&s.cut[span.offset()..span.offset() + span.len()], "w40 w41");
        let whole = s.span(&paragraph);
        let under = &s.cut[whole.offset()..whole.offset() + whole.len()];
        assert!(
            under.starts_with("w00") && under.ends_with("w59"),
            "{under}"
        );
    }

    #[test]
    fn the_header_gives_the_line_and_character_column_of_the_original() {
        let line = format!("{} Укрінформ {}", "слово ".repeat(20), "кінець ".repeat(20));
        let text = format!("a\n\n{line}\n");
        let lines = LineIndex::new(&text);
        let at = text.find("Укрінформ").unwrap();
        let s = snippet(
            &text,
            &lines,
            std::slice::from_ref(&(at..at + "Укрінформ".len())),
        );
        let contents = s.read_span(&s.span(&(at..at + 18)), 0, 0).unwrap();
        assert_eq!(contents.line(), 2);
        // 20 words of six characters and a space.
        assert_eq!(contents.column(), 121);
        assert_eq!(
            std::str::from_utf8(contents.data()).unwrap(),
            "Укрінформ",
            "{}",
            s.cut
        );
    }

    proptest::proptest! {
        #[test]
        fn context_reads_what_miettes_own_reading_of_bytes_does(
            text in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'b', b' ', b'\n', b'\r']),
                0..80,
            ),
            at in 0..=1000usize,
            len in 0..=1000usize,
            before in 0..4usize,
            after in 0..4usize,
        ) {
            let start = at * text.len() / 1000;
            let len = len * (text.len() - start) / 1000;
            let span = SourceSpan::new(start.into(), len);
            let ours = context(&text, &span, before, after);
            let theirs = text.as_slice().read_span(&span, before, after);
            match (ours, theirs) {
                (Ok(ours), Ok(theirs)) => {
                    proptest::prop_assert_eq!(ours.data(), theirs.data());
                    proptest::prop_assert_eq!(ours.span(), theirs.span());
                    proptest::prop_assert_eq!(
                        (ours.line(), ours.column(), ours.line_count()),
                        (theirs.line(), theirs.column(), theirs.line_count())
                    );
                }
                (ours, theirs) => proptest::prop_assert!(
                    ours.is_err() && theirs.is_err(),
                    "ours {:?}, miette's {:?}",
                    ours.map(|c| *c.span()),
                    theirs.map(|c| *c.span())
                ),
            }
        }

        #[test]
        fn labels_land_on_their_own_text_and_every_line_stays(
            words in proptest::collection::vec(
                proptest::sample::select(vec!["слово", "word", " ", "  ", "\n", "\r\n", "\r", "\u{1b}", "", "é", "x"]),
                0..400,
            ),
            picks in proptest::collection::vec((0..=1000usize, 0..=200usize), 1..4),
        ) {
            let text: String = words.concat();
            let lines = LineIndex::new(&text);
            // `per_mille` thousandths of the way through the text.
            let boundary = |per_mille: usize| {
                let mut at = per_mille.min(1000) * text.len() / 1000;
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                at
            };
            let labels: Vec<Range<usize>> = picks
                .iter()
                .map(|&(s, l)| boundary(s)..boundary(s + l))
                .map(|r| r.start..r.end.max(r.start))
                .collect();
            let s = Snippet::new("t.md".into(), &text, &lines, &labels, 30);
            let endings = |t: &str| t.matches('\n').count() + t.matches('\r').count();
            let from = lines.line_range(&text, s.first_line).start;
            let to = labels.iter().map(|l| l.end).max().unwrap_or(0);
            proptest::prop_assert!(endings(&s.cut) >= endings(&text[from..to]));
            for label in &labels {
                let span = s.span(label);
                let shown = s.cut.get(span.offset()..span.offset() + span.len());
                proptest::prop_assert!(shown.is_some(), "{label:?} -> {span:?} in {:?}", s.cut);
                // A label is cut only where text was left out for an ellipsis.
                let shown = shown.unwrap_or_default();
                if !shown.contains(ELLIPSIS) {
                    let expected: String = text[label.clone()]
                        .char_indices()
                        .map(|(i, c)| {
                            let lone_cr = c == '\r' && !text[label.start + i + 1..].starts_with('\n');
                            if lone_cr { '\n' } else { shown_instead(c).unwrap_or(c) }
                        })
                        .collect();
                    proptest::prop_assert_eq!(shown, expected);
                }
                let contents = s.read_span(&span, 0, 0);
                proptest::prop_assert!(contents.is_ok());
                let contents = contents.unwrap();
                let (line, column) = lines.line_col(&text, label.start);
                proptest::prop_assert_eq!((contents.line() + 1, contents.column() + 1), (line, column));
            }
        }
    }

    #[test]
    fn reading_from_a_line_above_the_context_reads_what_reading_the_whole_cut_does() {
        for text in [
            "one\r\n\r\ntwo\r\nthree\r\n",
            "one\n\ntwo three\n\nfour\nfive\n",
            "\n\n\nслово\n\n x\ny\n\n",
            "a\nb\nc\nd\ne\nf\ng",
        ] {
            let lines = LineIndex::new(text);
            let whole = 0..text.len();
            let windowed = snippet(text, &lines, std::slice::from_ref(&whole));
            let mut plain = snippet(text, &lines, std::slice::from_ref(&whole));
            // With no line starts known, miette reads the whole cut.
            plain.line_starts.clear();
            let read = |s: &Snippet<'_>, span, before, after| {
                s.read_span(&span, before, after).ok().map(|c| {
                    (
                        c.data().to_vec(),
                        *c.span(),
                        c.line(),
                        c.column(),
                        c.line_count(),
                    )
                })
            };
            let cut = windowed.cut.len();
            for offset in 0..=cut {
                for len in 0..=(cut - offset).min(6) {
                    for (before, after) in [(0, 0), (1, 1), (2, 0), (0, 2)] {
                        let span = SourceSpan::new(offset.into(), len);
                        assert_eq!(
                            read(&windowed, span, before, after),
                            read(&plain, span, before, after),
                            "{text:?} {span:?} {before} {after}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn control_characters_are_shown_as_signs_and_a_lone_carriage_return_ends_a_line() {
        let text = "a\u{1b}[2Jb \u{202E}x\rnext, label\n";
        let lines = LineIndex::new(text);
        let label = text.find("label").unwrap();
        let s = snippet(text, &lines, &[0..1, label..label + 5]);
        assert_eq!(s.cut, "a\u{241B}[2Jb \u{FFFD}x\nnext, label\n");
        let span = s.span(&(label..label + 5));
        assert_eq!(&s.cut[span.offset()..span.offset() + span.len()], "label");
        let contents = s.read_span(&span, 0, 0).unwrap();
        assert_eq!(
            (contents.line() + 1, contents.column() + 1),
            lines.line_col(text, label)
        );
        // Every sign is as long as an ellipsis, which the mapping of cut spans relies on.
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            if let Some(sign) = shown_instead(c) {
                assert_eq!(sign.len_utf8(), ELLIPSIS.len(), "{c:?}");
            }
        }
        // A span of the escape character itself covers its sign.
        let escape = s.span(&(1..2));
        assert_eq!(
            &s.cut[escape.offset()..escape.offset() + escape.len()],
            "\u{241B}"
        );
    }

    #[test]
    fn line_endings_are_kept_so_line_numbers_do_not_move() {
        let long = "x ".repeat(100);
        let text = format!("a\r\n{long}\r\nb\r\nc\r\n");
        let lines = LineIndex::new(&text);
        let b = text.find("\r\nb").unwrap() + 2;
        let s = snippet(&text, &lines, std::slice::from_ref(&(b..b + 1)));
        assert_eq!(s.cut.matches("\r\n").count(), text.matches("\r\n").count());
        let contents = s.read_span(&s.span(&(b..b + 1)), 0, 0).unwrap();
        assert_eq!((contents.line(), contents.column()), (2, 0));
    }
}
