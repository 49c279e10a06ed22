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

impl Step {
    /// The document word of a matching step.
    pub(crate) fn same_doc_word(&self) -> Option<usize> {
        match *self {
            Self::Same(_, j) => Some(j),
            _ => None,
        }
    }
}

/// The best alignment of all of `protected` against a stretch of `doc`.
#[derive(Debug)]
pub(crate) struct Alignment {
    pub steps: Vec<Step>,
    /// How many words match.
    pub same: usize,
}

impl Alignment {
    /// The protected index of the first matching word.
    pub(crate) fn first_same(&self) -> Option<usize> {
        self.steps.iter().find_map(|s| {
            if let Step::Same(p, _) = s {
                Some(*p)
            } else {
                None
            }
        })
    }

    /// The first and the last document words matched.
    pub(crate) fn same_doc_words(&self) -> Option<(usize, usize)> {
        let first = self.steps.iter().find_map(Step::same_doc_word)?;
        let last = self.steps.iter().rev().find_map(Step::same_doc_word)?;
        Some((first, last))
    }

    /// The last protected word matched.
    pub(crate) fn last_same(&self) -> Option<usize> {
        self.steps.iter().rev().find_map(|s| {
            if let Step::Same(p, _) = s {
                Some(*p)
            } else {
                None
            }
        })
    }
}

const SAME: i32 = 2;
const CHANGED: i32 = -1;
const GAP: i32 = -1;

/// Aligns every word of `protected` against `doc`, where the quote may start and end
/// anywhere in `doc` (semi-global alignment): a clause left out is one run of missing
/// words, a cut ending a run of missing words at the end. `None` when nothing matches.
#[allow(clippy::many_single_char_names)] // i, j, m, n are the textbook names of the DP indices.
pub(crate) fn align(protected: &[Word], doc: &[Word]) -> Option<Alignment> {
    let (m, n) = (protected.len(), doc.len());
    if m == 0 || n == 0 {
        return None;
    }
    let width = n + 1;
    let mut score = vec![0i32; (m + 1) * width];
    for i in 1..=m {
        score[i * width] = score[(i - 1) * width] + GAP;
        for j in 1..=n {
            let same = protected[i - 1].folded == doc[j - 1].folded;
            let diagonal = score[(i - 1) * width + j - 1] + if same { SAME } else { CHANGED };
            let up = score[(i - 1) * width + j] + GAP;
            let left = score[i * width + j - 1] + GAP;
            score[i * width + j] = diagonal.max(up).max(left);
        }
    }
    let best_j = (0..=n).max_by_key(|&j| (score[m * width + j], std::cmp::Reverse(j)))?;
    let (mut i, mut j) = (m, best_j);
    let mut steps = Vec::new();
    // Until the path first matches, a protected word that the quote's last word matches
    // is left out where an earlier occurrence of it matches as well: the quote is cut after
    // that one (`… 1996 року.` stops at the first `року` of the disclaimer, not at its
    // second with the words between left out).
    let mut trailing = true;
    while i > 0 {
        let here = score[i * width + j];
        if j > 0 {
            let same = protected[i - 1].folded == doc[j - 1].folded;
            let up = here == score[(i - 1) * width + j] + GAP;
            if here == score[(i - 1) * width + j - 1] + if same { SAME } else { CHANGED }
                && !(trailing && same && up)
            {
                trailing = false;
                steps.push(if same {
                    Step::Same(i - 1, j - 1)
                } else {
                    Step::Changed(i - 1, j - 1)
                });
                i -= 1;
                j -= 1;
                continue;
            }
            if here == score[i * width + j - 1] + GAP && !up {
                trailing = false;
                steps.push(Step::Added(i - 1, j - 1));
                j -= 1;
                continue;
            }
        }
        steps.push(Step::Missing(i - 1, j));
        i -= 1;
    }
    steps.reverse();
    let same = steps.iter().filter(|s| matches!(s, Step::Same(..))).count();
    (same > 0).then_some(Alignment { steps, same })
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
        assert_eq!(a.steps.len(), 5);
        assert_eq!(a.first_same(), Some(0));
    }

    #[test]
    fn a_quote_ending_on_a_repeated_word_is_cut_after_its_first_occurrence() {
        let p = words(
            "of july 3 1996 year and of march 31 2023 year and on the basis",
            &plain,
        );
        let d = words("of july 3 1996 year", &plain);
        let a = align(&p, &d).unwrap();
        assert_eq!(a.same, 5);
        assert_eq!(a.last_same(), Some(4), "{:?}", a.steps);
        // What follows the first `year` is left out at the end, in one run: a cut.
        let missing: Vec<usize> = a
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::Missing(p, _) => Some(*p),
                _ => None,
            })
            .collect();
        assert_eq!(missing, (5..p.len()).collect::<Vec<_>>());
    }

    #[test]
    fn a_removed_clause_is_one_run_of_missing_words() {
        let p = words(
            "of july 3 1996 and the law of ukraine on the media no 2849 ix of march 31 2023 and on the basis of an agreement",
            &plain,
        );
        let d = words("of july 3 1996 and on the basis of an agreement", &plain);
        let a = align(&p, &d).unwrap();
        let missing: Vec<usize> = a
            .steps
            .iter()
            .filter_map(|s| {
                if let Step::Missing(p, _) = s {
                    Some(*p)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(missing.len(), 15, "{:?}", a.steps);
        assert!(
            !a.steps
                .iter()
                .any(|s| matches!(s, Step::Added(..) | Step::Changed(..))),
            "{:?}",
            a.steps
        );
    }

    #[test]
    fn a_changed_word_is_found() {
        let p = words(
            "posted in accordance with part 3 of article 9 of the law",
            &plain,
        );
        let d = words(
            "posted in accordance with part 4 of article 9 of the law",
            &plain,
        );
        let a = align(&p, &d).unwrap();
        assert!(
            a.steps.iter().any(|s| matches!(s, Step::Changed(5, 5))),
            "{:?}",
            a.steps
        );
    }

    #[test]
    fn a_cut_quote_ends_early() {
        let p = words("one two three four five six seven eight", &plain);
        let d = words("one two three four five", &plain);
        let a = align(&p, &d).unwrap();
        assert!(
            matches!(a.steps.last(), Some(Step::Missing(7, _))),
            "{:?}",
            a.steps
        );
        assert_eq!(a.same, 5);
    }
}
