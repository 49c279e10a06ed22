//! Word alignment of a protected text against a document's text: finds where the text is
//! quoted, whole or in part, and where the quote departs from it.
//!
//! Words are compared after folding: lower case, quotes and punctuation dropped, and the
//! equivalences a pack lists (`No.` = `№`, `VR` = `ВР`). A local alignment (Smith–Waterman)
//! finds the best-matching run; its path says which words were changed, left out or cut.

use std::ops::Range;

/// A word of a text: its folded form and its byte range in the text.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub folded: String,
    pub range: Range<usize>,
}

/// Splits `text` into words, folding each with `fold`.
pub(crate) fn words(text: &str, fold: &dyn Fn(&str) -> String) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let push = |out: &mut Vec<Word>, range: Range<usize>| {
        let folded = fold(&text[range.clone()].to_lowercase());
        out.push(Word { folded, range });
    };
    for (i, c) in text.char_indices() {
        if c == '№' {
            if let Some(s) = start.take() {
                push(&mut out, s..i);
            }
            push(&mut out, i..i + c.len_utf8());
        } else if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push(&mut out, s..i);
        }
    }
    if let Some(s) = start {
        push(&mut out, s..text.len());
    }
    out
}

/// One step of an alignment path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Protected word `.0` matches document word `.1`.
    Same(usize, usize),
    /// Protected word `.0` was replaced by document word `.1`.
    Changed(usize, usize),
    /// Protected word `.0` is missing before document word `.1`.
    Missing(usize, usize),
    /// Document word `.1` was inserted before protected word `.0`.
    Added(usize, usize),
}

/// The best local alignment of `protected` inside `doc`.
#[derive(Debug)]
pub(crate) struct Alignment {
    pub steps: Vec<Step>,
    /// How many words match.
    pub same: usize,
}

impl Alignment {
    /// The first protected word in the alignment.
    pub(crate) fn first_protected(&self) -> usize {
        self.steps.first().map_or(0, |s| match *s {
            Step::Same(p, _) | Step::Changed(p, _) | Step::Missing(p, _) | Step::Added(p, _) => p,
        })
    }

    /// One past the last protected word in the alignment.
    pub(crate) fn end_protected(&self) -> usize {
        self.steps.iter().rev().find_map(|s| match *s {
            Step::Same(p, _) | Step::Changed(p, _) | Step::Missing(p, _) => Some(p + 1),
            Step::Added(..) => None,
        }).unwrap_or(0)
    }
}

const SAME: i32 = 2;
const CHANGED: i32 = -1;
const GAP: i32 = -1;

/// Aligns `protected` inside `doc` (local alignment), or `None` when nothing matches.
#[allow(clippy::many_single_char_names)] // i, j, m, n are the textbook names of the DP indices.
pub(crate) fn align(protected: &[Word], doc: &[Word]) -> Option<Alignment> {
    let (m, n) = (protected.len(), doc.len());
    if m == 0 || n == 0 {
        return None;
    }
    let width = n + 1;
    let mut score = vec![0i32; (m + 1) * width];
    let mut best = (0, 0, 0);
    for i in 1..=m {
        for j in 1..=n {
            let same = protected[i - 1].folded == doc[j - 1].folded;
            let diagonal = score[(i - 1) * width + j - 1] + if same { SAME } else { CHANGED };
            let up = score[(i - 1) * width + j] + GAP;
            let left = score[i * width + j - 1] + GAP;
            let value = diagonal.max(up).max(left).max(0);
            score[i * width + j] = value;
            if value > best.0 {
                best = (value, i, j);
            }
        }
    }
    if best.0 == 0 {
        return None;
    }
    let (mut i, mut j) = (best.1, best.2);
    let mut steps = Vec::new();
    while i > 0 && j > 0 && score[i * width + j] > 0 {
        let here = score[i * width + j];
        let same = protected[i - 1].folded == doc[j - 1].folded;
        if here == score[(i - 1) * width + j - 1] + if same { SAME } else { CHANGED } {
            steps.push(if same { Step::Same(i - 1, j - 1) } else { Step::Changed(i - 1, j - 1) });
            i -= 1;
            j -= 1;
        } else if here == score[(i - 1) * width + j] + GAP {
            steps.push(Step::Missing(i - 1, j - 1));
            i -= 1;
        } else {
            steps.push(Step::Added(i - 1, j - 1));
            j -= 1;
        }
    }
    steps.reverse();
    // A local alignment never starts or ends on a mismatch; trim any that slipped in.
    while matches!(steps.first(), Some(s) if !matches!(s, Step::Same(..))) {
        steps.remove(0);
    }
    let same = steps.iter().filter(|s| matches!(s, Step::Same(..))).count();
    Some(Alignment { steps, same })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        s.to_owned()
    }

    #[test]
    fn words_split_at_punctuation_and_keep_numero_apart() {
        let w = words("No. 270/96-VR, №2849", &plain);
        let folded: Vec<&str> = w.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(folded, ["no", "270", "96", "vr", "№", "2849"]);
    }

    #[test]
    fn an_exact_quote_aligns_completely() {
        let p = words("the material has been posted", &plain);
        let d = words("Intro. The material has been posted. End", &plain);
        let a = align(&p, &d).unwrap();
        assert_eq!(a.same, 5);
        assert_eq!((a.first_protected(), a.end_protected()), (0, 5));
    }

    #[test]
    fn a_changed_word_is_found() {
        let p = words("posted in accordance with part 3 of article 9 of the law", &plain);
        let d = words("posted in accordance with part 4 of article 9 of the law", &plain);
        let a = align(&p, &d).unwrap();
        assert!(a.steps.iter().any(|s| matches!(s, Step::Changed(5, 5))), "{:?}", a.steps);
    }

    #[test]
    fn a_cut_quote_ends_early() {
        let p = words("one two three four five six seven eight", &plain);
        let d = words("one two three four five", &plain);
        let a = align(&p, &d).unwrap();
        assert_eq!(a.end_protected(), 5);
    }
}
