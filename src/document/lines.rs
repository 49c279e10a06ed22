//! Byte offset to line and column, with the line starts computed once per document.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`; columns count Unicode scalar values and are
//! 1-based, as SPEC §3 requires.

/// Every this many bytes (at the next character boundary), the index records how many
/// characters come before: a column is counted from the nearest checkpoint rather than from
/// the start of its line, so reporting many findings on one megabyte-long line stays linear.
const CHECKPOINT: usize = 1024;

/// Precomputed line starts of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte offset, characters before it)`, sorted, the first at 0; counted when a column
    /// is first asked for far into a line (most texts never need them).
    checkpoints: std::sync::OnceLock<Vec<(usize, usize)>>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        Self {
            starts,
            checkpoints: std::sync::OnceLock::new(),
        }
    }

    /// Checkpoints of `text`: at the first character boundary at least `CHECKPOINT` bytes
    /// after the one before, with the characters before it (the bytes that do not continue
    /// one).
    fn checkpoints(text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut checkpoints = vec![(0, 0)];
        let (mut at, mut chars) = (0, 0);
        loop {
            let mut next = at + CHECKPOINT;
            while next < bytes.len() && bytes[next] & 0xC0 == 0x80 {
                next += 1;
            }
            if next >= bytes.len() {
                break;
            }
            chars += bytes[at..next]
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count();
            checkpoints.push((next, chars));
            at = next;
        }
        checkpoints
    }

    /// The number of characters of `text` before byte `offset`, a character boundary.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let checkpoints = self.checkpoints.get_or_init(|| Self::checkpoints(text));
        let nearest = checkpoints.partition_point(|&(at, _)| at <= offset) - 1;
        let (at, before) = checkpoints[nearest];
        match text.get(at..offset) {
            Some(piece) => before + piece.chars().count(),
            // Not the text the checkpoints were counted in: count from the start.
            None => text[..offset].chars().count(),
        }
    }

    /// The 1-based line and column of byte `offset` in `text`. An offset inside a character
    /// counts as that character; one past the end is the column after the last character.
    #[must_use]
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line].min(offset);
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = if end - start <= CHECKPOINT {
            text[start..end].chars().count() + 1
        } else {
            self.chars_before(text, end) - self.chars_before(text, start) + 1
        };
        (line + 1, column)
    }

    /// The 0-based line of byte `offset`.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte range of 0-based line `line`, without its line ending.
    #[must_use]
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(text.len());
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index as a scan of every byte builds it.
    fn scanned(text: &str) -> (Vec<usize>, Vec<(usize, usize)>) {
        let bytes = text.as_bytes();
        let (mut starts, mut checkpoints, mut chars) = (vec![0], vec![(0, 0)], 0);
        for i in 0..bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            if bytes[i] & 0xC0 != 0x80 {
                if i >= checkpoints[checkpoints.len() - 1].0 + CHECKPOINT {
                    checkpoints.push((i, chars));
                }
                chars += 1;
            }
        }
        (starts, checkpoints)
    }

    proptest::proptest! {
        #[test]
        fn the_index_is_the_one_a_byte_scan_builds(
            pieces in proptest::collection::vec("(a|ї|🙂|\r|\n|\r\n| ){1,40}", 0..120),
        ) {
            let text = pieces.concat();
            let index = LineIndex::new(&text);
            let (starts, checkpoints) = scanned(&text);
            proptest::prop_assert_eq!(index.starts, starts);
            proptest::prop_assert_eq!(LineIndex::checkpoints(&text), checkpoints);
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "абв x\nґ y";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, text.find('x').unwrap()), (1, 5));
        assert_eq!(index.line_col(text, text.find('y').unwrap()), (2, 3));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "a\r\nb\rc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, text.find('b').unwrap()), (2, 1));
        assert_eq!(index.line_col(text, text.find('c').unwrap()), (3, 1));
        assert_eq!(index.line_col(text, text.find('d').unwrap()), (4, 1));
        assert_eq!(index.line_range(text, 0), 0..1);
    }

    #[test]
    fn end_of_text_is_one_past_the_last_column() {
        let text = "ab";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 2), (1, 3));
        assert_eq!(index.line_col(text, 99), (1, 3));
    }

    #[test]
    fn columns_on_a_line_longer_than_a_checkpoint_count_characters() {
        let text = format!("x\n{}z{}", "я€a".repeat(2000), "b".repeat(3000));
        let index = LineIndex::new(&text);
        let z = text.find('z').unwrap();
        assert_eq!(index.line_col(&text, z), (2, 6001));
        assert_eq!(index.line_col(&text, z + 1 + 2500), (2, 8502));
        assert_eq!(index.line_col(&text, text.len()), (2, 9002));
        for offset in (0..text.len()).step_by(97) {
            let (line, column) = index.line_col(&text, offset);
            let mut boundary = offset;
            while !text.is_char_boundary(boundary) {
                boundary -= 1;
            }
            let line_start = text[..boundary].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(
                (line, column),
                (
                    text[..line_start].matches('\n').count() + 1,
                    text[line_start..boundary].chars().count() + 1
                )
            );
        }
    }

    #[test]
    fn offset_inside_a_character_counts_as_that_character() {
        let text = "яz";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1), (1, 1));
    }
}
