//! `required-label`: material marked as advertising (by a front-matter flag, a label line or
//! its protected disclaimer) keeps a label in or above the first paragraph, and the
//! disclaimer it carries stays word for word.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};

use serde::Deserialize;

use super::{Bylines, Context, ParamError, SponsorLines};
use crate::document::{Block, BlockKind, Format, Span, TextBuf};
use crate::rules::align::{self, Alignment, Step, Word};
use crate::rules::pack::PackError;
use crate::rules::{Finding, Label, Rule, fill};

/// Parameters of a `required-label` rule as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Params {
    /// Front-matter keys that mark the material when true.
    #[serde(default)]
    flags: Vec<String>,
    /// Label words and phrases.
    labels: Vec<String>,
    /// Phrases of a block that quotes the terms rather than carrying a disclaimer.
    #[serde(default)]
    quoted_in: Vec<String>,
    /// Groups of words that count as the same word in protected text.
    #[serde(default)]
    equivalents: Vec<Vec<String>>,
    /// How many words of a protected text must match for it to count as quoted.
    #[serde(default = "six")]
    min_words: usize,
    /// Texts that must be kept word for word where they are carried.
    #[serde(default)]
    protected: Vec<Protected>,
    /// Message when a protected text is altered (`{source}`, `{lang}`).
    #[serde(default = "altered_message")]
    altered_message: String,
    /// Help when a protected text is altered (`{expected}`).
    #[serde(default = "altered_help")]
    altered_help: String,
    /// Patterns of bylines and datelines, which stand above the first paragraph (as in
    /// `link-position`): a label below one still stands above the first paragraph.
    #[serde(default)]
    byline_patterns: Vec<String>,
    /// Words that join a label to the name of whom the material is for on a label line
    /// (`Sponsored by Lviv Bank`), as in `link-position`.
    #[serde(default)]
    label_joiners: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Protected {
    lang: String,
    terms_url: String,
    text: String,
}

fn six() -> usize {
    6
}

fn altered_message() -> String {
    "the disclaimer of {source}'s advertising material is altered or cut".into()
}

fn altered_help() -> String {
    "restore the disclaimer word for word: “{expected}”".into()
}

/// Compiled parameters.
#[derive(Debug)]
pub(crate) struct Compiled {
    flags: Vec<String>,
    labels: Vec<String>,
    /// The first two characters of each label, and its last two (last first), sorted.
    label_ends: (LabelEnds, LabelEnds),
    /// The labels in lexical order, to look a whole text up.
    sorted: Vec<String>,
    /// For each byte, the indices (into `labels`, in order) of the labels that start with
    /// it, and of those that end with it.
    by_end: [Vec<Vec<usize>>; 2],
    /// Whether a label is a single character, which `label_ends` cannot hold.
    short_label: bool,
    quoted_in: Vec<String>,
    fold: HashMap<String, String>,
    min_words: usize,
    protected: Vec<(Protected, Vec<Word>)>,
    /// Every word of the protected texts, folded: a quote's own words mostly outside it are
    /// another language's.
    vocabulary: HashSet<String>,
    /// The distinctive words of the protected texts (long, or with digits), in their case
    /// forms: a block with fewer than `ANCHORS` of them cannot quote a protected text.
    anchors: LazyAnchors,
    /// For each anchor pattern, the word it stands for and whether that word is distinctive.
    anchor_words: Vec<(usize, bool)>,
    /// The vectorised gate in front of `anchors`.
    gate: Gate,
    altered_message: String,
    altered_help: String,
    bylines: Bylines,
    /// Label lines that name whom the material is for.
    sponsor_lines: SponsorLines,
}

pub(crate) fn compile(
    params: Params,
    trusted: bool,
    err: &ParamError<'_>,
) -> Result<Compiled, Box<PackError>> {
    if params.labels.iter().any(|l| l.trim().is_empty()) {
        return Err(err("a label cannot be empty".into(), None));
    }
    let mut fold = HashMap::new();
    for group in &params.equivalents {
        let Some(first) = group.first() else { continue };
        for word in group {
            fold.insert(word.to_lowercase(), first.to_lowercase());
        }
    }
    let folder = |w: &str| fold.get(w).cloned().unwrap_or_else(|| w.to_owned());
    let mut protected = Vec::new();
    for p in params.protected {
        let words = align::words(&p.text, &folder);
        if words.len() < params.min_words {
            return Err(err(
                format!(
                    "protected text `{}` is shorter than min-words ({})",
                    p.text, params.min_words
                ),
                None,
            ));
        }
        protected.push((p, words));
    }
    let words = anchor_words(&protected);
    let (anchors, anchor_words) = anchors(&words);
    if !trusted {
        // Another pack's texts are built here, so that one that cannot be is reported at
        // load; the embedded pack's when first needed (most runs never quote a disclaimer).
        anchors
            .get()
            .map_err(|e| err(format!("protected texts do not build a matcher: {e}"), None))?;
    }
    let gate = Gate::new(&words);
    let mut labels: Vec<String> = params
        .labels
        .iter()
        .map(|l| l.trim().to_lowercase())
        .collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let mut label_ends: (LabelEnds, LabelEnds) = labels
        .iter()
        .filter_map(|l| Some((pair(l.chars())?, pair(l.chars().rev())?)))
        .unzip();
    for ends in [&mut label_ends.0, &mut label_ends.1] {
        ends.sort_unstable();
        ends.dedup();
    }
    let mut sorted = labels.clone();
    sorted.sort();
    let mut by_end: [Vec<Vec<usize>>; 2] = [vec![Vec::new(); 256], vec![Vec::new(); 256]];
    for (i, label) in labels.iter().enumerate() {
        let bytes = label.as_bytes();
        if let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) {
            by_end[0][usize::from(first)].push(i);
            by_end[1][usize::from(last)].push(i);
        }
    }
    Ok(Compiled {
        sorted,
        by_end,
        short_label: labels.iter().any(|l| l.chars().nth(1).is_none()),
        label_ends,
        flags: params.flags.iter().map(|f| f.to_lowercase()).collect(),
        labels,
        quoted_in: params.quoted_in.iter().map(|q| q.to_lowercase()).collect(),
        min_words: params.min_words,
        vocabulary: (protected.iter())
            .flat_map(|(_, words)| words.iter().map(|w| w.folded.clone()))
            .collect(),
        protected,
        anchors,
        anchor_words,
        gate,
        fold,
        altered_message: params.altered_message,
        altered_help: params.altered_help,
        bylines: Bylines::compile(&params.byline_patterns, trusted).map_err(|m| err(m, None))?,
        sponsor_lines: SponsorLines::new(&params.labels, &params.label_joiners),
    })
}

/// How many distinct distinctive words a block needs before it is aligned.
const ANCHORS: usize = 4;

/// The anchor automaton, and for each of its patterns the word it stands for and whether that
/// word is distinctive.
type Anchors = (LazyAnchors, Vec<(usize, bool)>);

/// The anchor words of the protected texts, lower-cased, sorted and distinct: four letters or
/// more, or with a digit.
fn anchor_words(protected: &[(Protected, Vec<Word>)]) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for (p, ws) in protected {
        for w in ws {
            let original = &p.text[w.range.clone()];
            if original.chars().count() >= 4 || original.chars().any(|c| c.is_ascii_digit()) {
                words.push(original.to_lowercase());
            }
        }
    }
    words.sort();
    words.dedup();
    words
}

/// The case forms of a lower-case anchor word that the anchor automaton looks for: as it is,
/// capitalised, and in capitals.
fn case_forms(word: &str) -> [String; 3] {
    let mut chars = word.chars();
    let capital: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    [word.to_owned(), capital, word.to_uppercase()]
}

/// The automaton for the anchor `words`, in their case forms, built when first used.
fn anchors(words: &[String]) -> Anchors {
    let mut patterns = Vec::new();
    let mut owners = Vec::new();
    for (i, word) in words.iter().enumerate() {
        for form in case_forms(word) {
            patterns.push(form);
            owners.push((i, is_distinctive(word)));
        }
    }
    (
        LazyAnchors {
            patterns,
            automaton: std::sync::OnceLock::new(),
        },
        owners,
    )
}

/// The anchor automaton: a DFA, fast to search and slow to build (a millisecond, a fifth of
/// a single file's run), so built when a block first passes the gate.
#[derive(Debug)]
struct LazyAnchors {
    patterns: Vec<String>,
    automaton: std::sync::OnceLock<Result<AhoCorasick, aho_corasick::BuildError>>,
}

impl LazyAnchors {
    fn get(&self) -> Result<&AhoCorasick, &aho_corasick::BuildError> {
        self.automaton
            .get_or_init(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                    .build(&self.patterns)
            })
            .as_ref()
    }
}

/// A vectorised gate in front of the anchor automaton, which reads about 700 MB/s and ran
/// over every block of every citing document.
///
/// A block holds the anchors only if it holds [`DISTINCTIVE`] distinct distinctive words
/// among them, which are rare in prose. Where no word with letters beyond ASCII can stand (the
/// block holds none of their leading bytes), those words are ASCII, and one SIMD search
/// (Teddy, several GB/s) for them settles the block: in an ASCII-lower-cased copy, which holds
/// the lower-cased bytes of anything the automaton (ASCII case-insensitive) matches. Every
/// start where a word is found is looked at for all of them, and the search goes on from the
/// next byte, so the gate sees every occurrence the automaton can report and says no only
/// when the automaton would. Other blocks go straight to the automaton.
#[derive(Debug)]
struct Gate {
    /// The search for the distinctive ASCII words; `None` when there are none or they do not
    /// make a packed searcher, and then every block goes to the automaton.
    searcher: Option<Box<aho_corasick::packed::Searcher>>,
    /// The distinctive ASCII words, each with its index among the anchor words.
    words: Vec<(String, usize)>,
    /// The leading bytes of the distinctive words with other letters, in their case forms.
    leads: Vec<u8>,
}

impl Gate {
    fn new(words: &[String]) -> Self {
        let mut ascii = Vec::new();
        let mut leads = Vec::new();
        for (i, word) in words.iter().enumerate().filter(|(_, w)| is_distinctive(w)) {
            if word.is_ascii() {
                ascii.push((word.clone(), i));
            } else {
                for form in case_forms(word) {
                    leads.extend(form.bytes().filter(|&b| b >= 0xC0));
                }
            }
        }
        leads.sort_unstable();
        leads.dedup();
        let searcher = if ascii.is_empty() {
            None
        } else {
            aho_corasick::packed::Config::new()
                .builder()
                .extend(ascii.iter().map(|(w, _)| w))
                .build()
                .map(Box::new)
        };
        Self {
            searcher,
            words: ascii,
            leads,
        }
    }

    /// Whether `text` may hold [`DISTINCTIVE`] distinct distinctive anchor words; `copy` is
    /// scratch space.
    fn may_pass(&self, text: &str, copy: &mut Vec<u8>) -> bool {
        let Some(searcher) = &self.searcher else {
            return true;
        };
        let bytes = text.as_bytes();
        let other_letters = match *self.leads.as_slice() {
            [] => false,
            [a] => memchr::memchr(a, bytes).is_some(),
            [a, b] => memchr::memchr2(a, b, bytes).is_some(),
            [a, b, c] => memchr::memchr3(a, b, c, bytes).is_some(),
            _ => bytes.iter().any(|b| self.leads.binary_search(b).is_ok()),
        };
        if other_letters {
            return true;
        }
        copy.clear();
        copy.extend(bytes.iter().map(u8::to_ascii_lowercase));
        let mut seen: Vec<usize> = Vec::with_capacity(DISTINCTIVE);
        let mut at = 0;
        while let Some(m) =
            searcher.find_in(copy.as_slice(), aho_corasick::Span::from(at..copy.len()))
        {
            let here = &copy[m.start()..];
            for (word, index) in &self.words {
                if here.starts_with(word.as_bytes()) && !seen.contains(index) {
                    seen.push(*index);
                    if seen.len() >= DISTINCTIVE {
                        return true;
                    }
                }
            }
            at = m.start() + 1;
        }
        false
    }
}

#[inline]
fn is_decoration(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            ' ' | '\t'
                | '\n'
                | '\r'
                | '\x0B'
                | '\x0C'
                | '['
                | ']'
                | '('
                | ')'
                | '{'
                | '}'
                | '|'
                | ':'
                | '-'
                | '*'
                | '.'
                | '!'
                | '"'
                | '\''
                | '#'
                | '_'
                | '~'
                | '/'
        );
    }
    c.is_whitespace()
        || matches!(
            c,
            '—' | '–'
                | '•'
                | '·'
                | '«'
                | '»'
                | '“'
                | '”'
                | '„'
                | '【'
                | '】'
                | '［'
                | '］'
                | '（'
                | '）'
                | '：'
        )
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        ':' | '|' | '/' | '—' | '–' | '-' | ']' | ')' | '·' | '•' | '】' | '］' | '）' | '：'
    )
}

/// Pairs of characters at one end of the labels, sorted.
type LabelEnds = Vec<(char, char)>;

/// The first two of `chars`.
fn pair(mut chars: impl Iterator<Item = char>) -> Option<(char, char)> {
    Some((chars.next()?, chars.next()?))
}

impl Compiled {
    /// The label in `text`: the whole text, or a prefix or suffix set off by a separator
    /// (`Реклама: …`, `… (PR)`); `whole_only` asks for a label line.
    fn label_in(&self, text: &str, whole_only: bool) -> Option<Span> {
        self.find_label(text, whole_only, true)
    }

    /// [`Self::label_in`], with or without the quick look at the ends of the text first.
    fn find_label(&self, text: &str, whole_only: bool, gated: bool) -> Option<Span> {
        let core = text.trim_matches(is_decoration);
        if core.is_empty() {
            return None;
        }
        let offset = core.as_ptr() as usize - text.as_ptr() as usize;
        // Case folding changes a character's length by a factor of three at most (the Kelvin
        // sign folds to `k`), so a longer text cannot be a label, and a label set off by a
        // separator stands within `reach` bytes of one end: only the ends need folding.
        let longest = self.labels.first().map_or(0, String::len);
        let reach = 3 * longest + 8;
        let long = core.len() > 2 * reach;
        if whole_only && core.len() > 3 * longest || gated && !self.may_hold_label(core) {
            return None;
        }
        // The folded start and end of `core`, each usable only if folding kept its length.
        let (folded_head, folded_tail, lower);
        let (head, head_ok, tail, tail_ok): (&str, bool, &str, bool) = if long {
            let mut head_end = reach;
            while !core.is_char_boundary(head_end) {
                head_end -= 1;
            }
            let mut tail_start = core.len() - reach;
            while !core.is_char_boundary(tail_start) {
                tail_start += 1;
            }
            folded_head = core[..head_end].to_lowercase();
            folded_tail = core[tail_start..].to_lowercase();
            (
                &folded_head,
                folded_head.len() == head_end,
                &folded_tail,
                folded_tail.len() == core.len() - tail_start,
            )
        } else {
            lower = core.to_lowercase();
            if lower.len() != core.len() {
                // Case folding changed byte lengths; compare whole texts only.
                return self
                    .labels
                    .contains(&lower)
                    .then(|| offset..offset + core.len());
            }
            (&lower, true, &lower, true)
        };
        // The whole text is a label, or none is: labels are distinct.
        if !long
            && self
                .sorted
                .binary_search_by(|l| l.as_str().cmp(head))
                .is_ok()
        {
            return Some(offset..offset + core.len());
        }
        if whole_only {
            return None;
        }
        for index in self.candidates(head, tail) {
            let label = &self.labels[index];
            let prefix = head_ok.then(|| prefix_label(core, head, label, offset));
            let suffix = || tail_ok.then(|| suffix_label(text, core, tail, label, offset));
            if let Some(span) = prefix.flatten().or_else(|| suffix().flatten()) {
                return Some(span);
            }
        }
        None
    }

    /// The labels (indices into `labels`, in order) that can stand at the start of a text
    /// whose folded start is `head` or at the end of one whose folded end is `tail`: one byte
    /// says whether a label can stand there at all.
    fn candidates(&self, head: &str, tail: &str) -> Vec<usize> {
        let of = |end: usize, byte: Option<&u8>| {
            byte.map_or(&[][..], |&b| self.by_end[end][usize::from(b)].as_slice())
        };
        let mut indices: Vec<usize> = of(0, head.as_bytes().first())
            .iter()
            .chain(of(1, tail.as_bytes().last()))
            .copied()
            .collect();
        indices.sort_unstable();
        indices.dedup();
        indices
    }

    /// Whether a label can stand at the start or the end of `core`, by its first and last
    /// two characters folded: folding a paragraph's ends in full cost more than the rest of
    /// the rule.
    fn may_hold_label(&self, core: &str) -> bool {
        let head = core.chars().take(2);
        let tail = core.chars().rev().take(2);
        // A capital sigma folds by what surrounds it, which the ends alone do not show; a text
        // of one character is left to the full comparison too.
        // A label of one character has no pair to compare, so every text may hold it.
        if self.short_label
            || head.clone().chain(tail.clone()).any(|c| c == 'Σ')
            || core.chars().nth(1).is_none()
        {
            return true;
        }
        let head = pair(head.flat_map(char::to_lowercase));
        let tail = pair(tail.flat_map(|c| c.to_lowercase().rev()));
        head.is_some_and(|h| self.label_ends.0.binary_search(&h).is_ok())
            || tail.is_some_and(|t| self.label_ends.1.binary_search(&t).is_ok())
    }

    /// The label of a label line: the whole text a label, or a label and whom the material
    /// is for (`Sponsored by Lviv Bank`, `Реклама: ТОВ «Банк»`; see [`SponsorLines`]).
    fn label_line(&self, text: &str) -> Option<Span> {
        self.label_in(text, true)
            .or_else(|| self.sponsor_line(text))
    }

    /// The label of a label line that names whom the material is for.
    fn sponsor_line(&self, text: &str) -> Option<Span> {
        let core = text.trim_matches(is_decoration);
        let offset = core.as_ptr() as usize - text.as_ptr() as usize;
        (self.sponsor_lines.label_of(core, text)).map(|len| offset..offset + len)
    }

    fn label_span(&self, text: &TextBuf, whole_only: bool) -> Option<Span> {
        self.label_in(text.as_str(), whole_only)
            .map(|r| text.source_span(r))
    }

    fn fold(&self, word: &str) -> String {
        self.fold
            .get(word)
            .cloned()
            .unwrap_or_else(|| word.to_owned())
    }
}

/// `label` at the start of `core` (whose folded start is `head`, of the same length) set off
/// by a separator (`Реклама: …`).
fn prefix_label(core: &str, head: &str, label: &str, offset: usize) -> Option<Span> {
    // `get`: folding may keep the length yet move character boundaries. A full stop sets a
    // label off at the start too (`Реклама. Банк відкрився…`).
    // So does a capitalised word after a space, in a title or lead that a badge opens
    // (`<span class="badge">Реклама</span> Новий банк`, `… «АгроКредит» запустив`, the name
    // in quotes): a sentence would go on in lower case.
    let rest = core.get(label.len()..);
    let spaced = rest.is_some_and(|r| r.starts_with(char::is_whitespace));
    // A hyphen with a letter right after it joins a compound word (`PR-відділ`,
    // `Промо-акція`), which is no label.
    if rest.is_some_and(|r| {
        r.strip_prefix(['-', '‑'])
            .is_some_and(|r| r.starts_with(char::is_alphanumeric))
    }) {
        return None;
    }
    let capitalised = |rest: &str| {
        rest.trim_start_matches(['«', '“', '„', '"', '\'', '‘', '‹'])
            .starts_with(char::is_uppercase)
    };
    // A dash and a word in lower case make a sentence that uses the word (`Реклама — двигун
    // торгівлі`, `Реклама – це…`): the dash stands for "is". After a colon a title may go on
    // in lower case (`Реклама: новий банк`).
    // A label of several words (`На правах реклами — новий банк`) is no noun a dash could
    // make a subject of, nor is a name written in lower case with capitals or digits in it
    // (`Реклама — iPhone 16`, `eBay`).
    // Nor is a name after a word that joins it (`Sponsored — by Lviv Bank`, `Реклама — від
    // Полтавабанку`).
    let copula = |c: char, after: &str| {
        let mut words = after
            .split(|c: char| !c.is_alphanumeric() && c != '«' && c != '"' && c != '“')
            .filter(|w| !w.is_empty());
        let next = words.next().unwrap_or_default();
        let named = words.next().is_some_and(|w| {
            w.trim_start_matches(['«', '"', '“'])
                .starts_with(char::is_uppercase)
        });
        matches!(c, '—' | '–' | '-')
            && !label.contains(char::is_whitespace)
            && next.starts_with(char::is_lowercase)
            && next.chars().all(|c| c.is_alphabetic() && !c.is_uppercase())
            && !named
    };
    (head.starts_with(label)
        && rest.is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.chars().next().is_some_and(|c| {
                ((is_separator(c) || c == '.') && !copula(c, &rest[c.len_utf8()..]))
                    || (spaced && capitalised(rest))
            })
        }))
    .then(|| offset..offset + label.len())
}

/// `label` at the end of `core` (whose folded end is `tail`, of the same length) set off by a
/// separator or brackets (`… (PR)`); `core` stands at `offset` in `text`.
fn suffix_label(text: &str, core: &str, tail: &str, label: &str, offset: usize) -> Option<Span> {
    if !tail.ends_with(label) {
        return None;
    }
    let before = core.get(..core.len() - label.len())?;
    // A hyphen with a letter right before it joins a compound word (`бізнес-PR`).
    if before
        .strip_suffix(['-', '‑'])
        .is_some_and(|b| b.ends_with(char::is_alphanumeric))
    {
        return None;
    }
    // A capitalised label after a space closes a title as a badge does (`Новий банк Реклама`).
    let badge = before.ends_with(char::is_whitespace)
        && core[before.len()..].starts_with(char::is_uppercase);
    let before = before.trim_end();
    let bracketed = text[offset + core.len()..]
        .trim_start()
        .starts_with([')', ']', '】', '］', '）']);
    (before
        .chars()
        .next_back()
        .is_some_and(|c| is_separator(c) || matches!(c, '(' | '[' | '【' | '［' | '（'))
        || bracketed
        || badge)
        .then(|| offset + core.len() - label.len()..offset + core.len())
}

/// A protected text found in a block, and how it departs from the original.
struct Quote<'p> {
    protected: &'p (Protected, Vec<Word>),
    words: Vec<Word>,
    alignment: Alignment,
    text: &'p TextBuf,
}

fn find_quotes<'a>(params: &'a Compiled, ctx: &'a Context<'_>) -> Vec<Quote<'a>> {
    let mut out = Vec::new();
    let mut copy = Vec::new();
    for block in &ctx.doc.blocks {
        if params.protected.is_empty()
            || !params.gate.may_pass(block.text.as_str(), &mut copy)
            || !has_anchors(params, block.text.as_str())
        {
            continue;
        }
        let lower = block.text.as_str().to_lowercase();
        if params.quoted_in.iter().any(|q| lower.contains(q.as_str())) {
            continue;
        }
        let words = align::words(block.text.as_str(), &|w| params.fold(w));
        let best = params
            .protected
            .iter()
            .filter_map(|p| align::align(&p.1, &words).map(|a| (p, a)))
            .max_by_key(|(_, a)| a.same);
        let Some((protected, alignment)) = best else {
            continue;
        };
        let total = protected.1.len();
        // A cut disclaimer keeps its opening or its close (`The material has been posted…`,
        // `…on the basis of an agreement/invoice`, a word lost at most), or three quarters of
        // its words: the law it cites, quoted on its own (`Відповідно до частини 3 статті 9…`
        // in a story about advertising rules, half the Ukrainian disclaimer), does not make one.
        // A quote opens as the text does with three of its first words, or with a
        // distinctive one (`Posted…`): `The fine was imposed in accordance with…` shares only
        // `The` with `The material has been posted in accordance with…`.
        let head_same = (alignment.steps.iter())
            .filter(|s| matches!(s, Step::Same(p, _) if *p <= ALONE_OPENING))
            .count();
        let opens = head_same >= 3
            || alignment
                .first_same()
                .and_then(|p| protected.1.get(p))
                .is_some_and(|w| is_distinctive(&w.folded));
        let opening = opens && alignment.first_same().is_some_and(|p| p <= OPENING);
        let closing = alignment
            .last_same()
            .is_some_and(|p| p + OPENING + 1 >= total);
        // Or it stands alone, a block of its own that opens as the text does, a word at most
        // around it (`Posted in accordance with Part 3 of Article 9…` for `The material has
        // been posted in accordance…`); the law a story names (`Part 3 of Article 9 of the
        // Law…` in a list of the grounds for a fine) opens further in.
        let doc_words = alignment.same_doc_words();
        let alone = opens
            && alignment.first_same().is_some_and(|p| p <= ALONE_OPENING)
            && doc_words.is_some_and(|(first, last)| first + (words.len() - 1 - last) <= 1);
        let own = doc_words.and_then(|(first, last)| words.get(first..=last));
        if alignment.same >= params.min_words
            && (opening || closing || alone || alignment.same * 4 >= total * 3)
            && distinctive_matches(&protected.1, &alignment) >= DISTINCTIVE
            && !own.is_some_and(|own| {
                is_translation(&protected.1, own, &alignment, &params.vocabulary)
            })
        {
            out.push(Quote {
                protected,
                words,
                alignment,
                text: &block.text,
            });
        }
    }
    out
}

/// The index of the last protected word a quote shorter than half the text may open with.
const OPENING: usize = 1;

/// The index of the last of a protected text's first words: a quote opens as the text does
/// with three of them or a distinctive one, and a quote standing alone in its block may open
/// no further in.
const ALONE_OPENING: usize = 4;

/// How many distinct distinctive words of a protected text a quote must share with it: common
/// words alone (“The report has been in line with Part 3 of…”) do not make a disclaimer.
const DISTINCTIVE: usize = 2;

/// A word that identifies a protected text rather than any prose: five letters or more, or
/// a number of three digits or more.
fn is_distinctive(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let digits = word.chars().filter(char::is_ascii_digit).count();
    letters >= 5 || digits >= 3
}

/// The distinct distinctive words of `protected` that `alignment` matches.
fn distinctive_matches(protected: &[Word], alignment: &Alignment) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for step in &alignment.steps {
        if let Step::Same(p, _) = step
            && let Some(word) = protected.get(*p)
            && is_distinctive(&word.folded)
            && !seen.contains(&word.folded.as_str())
        {
            seen.push(&word.folded);
        }
    }
    seen.len()
}

/// Whether a quote of `protected` whose words are `own` (from the first to the last it
/// matches) is a translation of it into another language
/// (`Das Material wurde gemäß Teil 3 des Artikels 9…` for `The material has been posted in
/// accordance with Part 3 of Article 9…`): it keeps less than a third of the text's words of
/// letters between the first and the last it keeps, the law's numbers and a name or two, and
/// three quarters of its own words of letters there are words of no protected text
/// (`vocabulary`). A cut to the law's numbers in the text's own words (`Posted under Law
/// No. 270/96-VR…`) is no translation.
fn is_translation(
    protected: &[Word],
    own: &[Word],
    alignment: &Alignment,
    vocabulary: &HashSet<String>,
) -> bool {
    let of_letters = |w: &&Word| {
        w.folded.chars().any(char::is_alphabetic) && !w.folded.chars().any(|c| c.is_ascii_digit())
    };
    let (Some(first), Some(last)) = (alignment.first_same(), alignment.last_same()) else {
        return false;
    };
    let in_range = protected[first..=last].iter().filter(of_letters).count();
    let kept = (alignment.steps.iter())
        .filter(
            |s| matches!(s, Step::Same(p, _) if protected.get(*p).is_some_and(|w| of_letters(&w))),
        )
        .count();
    if kept * 3 >= in_range {
        return false;
    }
    let own: Vec<&Word> = own.iter().filter(of_letters).collect();
    let foreign = own
        .iter()
        .filter(|w| !vocabulary.contains(&w.folded))
        .count();
    foreign * 4 >= own.len() * 3
}

/// Whether `text` holds at least [`ANCHORS`] distinct anchor words of the protected texts,
/// [`DISTINCTIVE`] of them distinctive: what a quote needs before it is worth aligning.
fn has_anchors(params: &Compiled, text: &str) -> bool {
    let mut seen: Vec<usize> = Vec::with_capacity(ANCHORS);
    let mut distinctive = 0;
    // An embedded pack's automaton builds (a test holds it to that).
    let Ok(anchors) = params.anchors.get() else {
        return false;
    };
    for m in anchors.find_iter(text) {
        let (word, is_distinctive) = params.anchor_words[m.pattern().as_usize()];
        if !seen.contains(&word) {
            seen.push(word);
            distinctive += usize::from(is_distinctive);
            if seen.len() >= ANCHORS && distinctive >= DISTINCTIVE {
                return true;
            }
        }
    }
    false
}

fn expected(words: &[Word], text: &str, range: std::ops::Range<usize>) -> String {
    // Straight quotes open and close alike, so they stand in neither set.
    const OPENING: [char; 4] = ['«', '“', '„', '('];
    const CLOSING: [char; 3] = ['»', '”', ')'];
    let range = range.start.min(words.len())..range.end.min(words.len());
    if range.is_empty() {
        return String::new();
    }
    // With the quotes that open right before the first word and, where they close right
    // after the last, those (`«Про медіа» № 2849-IX`, not `Про медіа» № 2849-IX`).
    let mut start = words[range.start].range.start;
    let opened = text[..start]
        .chars()
        .rev()
        .take_while(|c| OPENING.contains(c) || *c == '"');
    start -= opened.map(char::len_utf8).sum::<usize>();
    let mut end = words[range.end - 1].range.end;
    let excerpt = &text[start..end];
    let count = |set: &[char]| excerpt.chars().filter(|c| set.contains(c)).count();
    // An odd number of straight quotes leaves one open.
    let unclosed =
        count(&OPENING).saturating_sub(count(&CLOSING)) + excerpt.matches('"').count() % 2;
    let closing = text[end..]
        .chars()
        .take_while(|c| CLOSING.contains(c) || *c == '"');
    end += closing.take(unclosed).map(char::len_utf8).sum::<usize>();
    text[start..end].to_owned()
}

/// Where a quote departs from its protected text, each place as a label, in order; none
/// when it is intact.
fn departures(quote: &Quote<'_>) -> Vec<Label> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((label, end)) = departure_from(quote, from) {
        out.push(label);
        from = end;
    }
    out
}

/// The first place at or after step `from` where a quote departs from its protected text,
/// as a label, and the step after it; `None` when it is intact from there.
fn departure_from(quote: &Quote<'_>, from: usize) -> Option<(Label, usize)> {
    let (protected, original) = (&quote.protected.1, quote.protected.0.text.as_str());
    let last_word = quote.words.len() - 1;
    let doc_span = |j: usize| {
        quote
            .text
            .source_span(quote.words[j.min(last_word)].range.clone())
    };
    let steps = &quote.alignment.steps;
    let start = from
        + steps[from..]
            .iter()
            .position(|s| !matches!(s, Step::Same(..)))?;
    let mut end = start;
    while end < steps.len() && !matches!(steps[end], Step::Same(..)) {
        end += 1;
    }
    let run = &steps[start..end];
    let doc_words: Vec<usize> = run
        .iter()
        .filter_map(|s| match *s {
            Step::Changed(_, j) | Step::Added(_, j) => Some(j),
            _ => None,
        })
        .collect();
    let lost: Vec<usize> = run
        .iter()
        .filter_map(|s| match *s {
            Step::Changed(p, _) | Step::Missing(p, _) => Some(p),
            _ => None,
        })
        .collect();
    let want = match (lost.first(), lost.last()) {
        (Some(&from), Some(&to)) => expected(protected, original, from..to + 1),
        _ => String::new(),
    };
    let previous_same = steps[..start].iter().rev().find_map(Step::same_doc_word);
    let next_same = steps[end..].iter().find_map(Step::same_doc_word);
    let label = match (doc_words.first(), doc_words.last()) {
        (Some(&f), Some(&l)) => {
            let span = doc_span(f).start..doc_span(l).end;
            if want.is_empty() {
                Label::new(span, "words added to the disclaimer")
            } else {
                Label::new(span, format!("the original reads “{want}”"))
            }
        }
        _ => match (previous_same, next_same) {
            // The close replaced: as many words as were lost at most go on in the same
            // sentence (`…an agreement/contract.`, `…an agree`).
            (Some(previous), None)
                if (1..=lost.len()).contains(&(quote.words.len() - previous - 1))
                    && !quote.text.as_str()[quote.words[previous].range.end
                        ..quote.words[previous + 1].range.start]
                        .contains(['.', '!', '?', ';']) =>
            {
                Label::new(
                    doc_span(previous + 1).start..doc_span(last_word).end,
                    format!("the original reads “{want}”"),
                )
            }
            (Some(previous), None) => Label::new(
                doc_span(previous),
                format!("the disclaimer stops here; “{want}” is cut"),
            ),
            (_, Some(next)) => {
                Label::new(doc_span(next), format!("“{want}” is missing before this"))
            }
            (None, None) => return None,
        },
    };
    Some((label, end))
}

fn altered(
    rule: &Rule,
    params: &Compiled,
    ctx: &Context<'_>,
    quote: &Quote<'_>,
    label: Label,
) -> Finding {
    let vars = [
        ("source", ctx.source.name.as_str()),
        ("lang", quote.protected.0.lang.as_str()),
        ("expected", quote.protected.0.text.as_str()),
    ];
    // The first place in the help too: the JSON, SARIF and GitHub reports carry no label of
    // the primary span.
    let help = format!("{}; {}", label.message, fill(&params.altered_help, &vars));
    Finding::new(
        &rule.id,
        rule.severity,
        fill(&params.altered_message, &vars),
        label,
    )
    .with_help(help)
    .with_url(&quote.protected.0.terms_url)
}

fn unlabelled(rule: &Rule, ctx: &Context<'_>, primary: Label) -> Finding {
    let vars = [
        ("source", ctx.source.name.as_str()),
        ("domain", ctx.domain()),
    ];
    Finding::new(&rule.id, rule.severity, fill(&rule.message, &vars), primary)
        .with_help(fill(&rule.help, &vars))
        .with_url(&rule.terms_url)
}

/// The label of a block below the first paragraph that labels the material: a paragraph or
/// a block of text that is all a label, or a label and whom the material is for (`Sponsored
/// by Lviv Bank`); a heading so too, unless it is one word (`## PR`, `## Реклама`: what a
/// section is about; `## На правах реклами` labels). An entry of a list or a table is one
/// of the things listed (`- Реклама`, `| Advertising | 7 |`).
fn label_below(params: &Compiled, block: &Block) -> Option<Span> {
    let heading = matches!(block.kind, BlockKind::Heading(_));
    if !heading && !matches!(block.kind, BlockKind::Paragraph | BlockKind::Other) {
        return None;
    }
    (params.label_span(&block.text, true))
        .filter(|_| !heading || block.text.as_str().split_whitespace().nth(1).is_some())
        .or_else(|| (params.sponsor_line(block.text.as_str())).map(|r| block.text.source_span(r)))
}

pub(crate) fn check(rule: &Rule, params: &Compiled, ctx: &Context<'_>) -> Vec<Finding> {
    if !ctx.cites() {
        return Vec::new();
    }
    let doc = ctx.doc;
    let mut evidence: Vec<Label> = Vec::new();
    for meta in &doc.meta {
        let value = meta.value.trim();
        let truthy = ["true", "yes", "1", "on"]
            .iter()
            .any(|t| value.eq_ignore_ascii_case(t));
        // Hugo and Zola keep a page's own settings under `params` and `extra`.
        let key = meta.key.to_lowercase();
        let key = ["params.", "extra."]
            .iter()
            .find_map(|p| key.strip_prefix(p))
            .unwrap_or(&key);
        if truthy && params.flags.iter().any(|f| f == key) {
            evidence.push(Label::new(meta.span.clone(), "marked as advertising here"));
        }
    }
    let quotes = find_quotes(params, ctx);
    for quote in &quotes {
        let words = &quote.words;
        let (first, last) = quote.alignment.same_doc_words().unwrap_or((0, 0));
        let first = first.min(words.len() - 1);
        let span = quote
            .text
            .source_span(words[first].range.start..words[last].range.end);
        evidence.push(Label::new(span, "the advertising disclaimer"));
    }
    // The first paragraph as `link-position` counts it: label lines, bylines and datelines
    // above it stand above it, whatever the model takes for the first paragraph.
    let first = doc.blocks.iter().position(|b| {
        b.is_visible_paragraph()
            && params.label_line(b.text.as_str()).is_none()
            && !params.bylines.matches(b.text.as_str())
    });
    let first_block = first
        .map(|i| &doc.blocks[i])
        .or_else(|| doc.first_paragraph());
    let first_start = first_block.map(|b| b.span.start);
    // The title: in Markdown the front matter's, which the site renders as the headline; in
    // HTML the article's headline where it stands above the first paragraph, not the
    // browser tab's `<title>` nor `og:title`, which no reader sees on the page (SPEC §4.4).
    let mut label_ok = doc.meta.iter().any(|m| {
        let title = match doc.format {
            Format::Markdown => m.key.eq_ignore_ascii_case("title"),
            Format::Html => m.key == "headline" && first_start.is_none_or(|s| m.span.start <= s),
        };
        title && params.label_in(&m.value, false).is_some()
    });
    let mut lower_label = None;
    for (index, block) in doc.blocks.iter().enumerate() {
        let up_top = doc.is_in_or_above_first_paragraph(index)
            || (!block.below && first.is_some_and(|first| index <= first));
        if up_top
            && (params.label_span(&block.text, false).is_some()
                || params.sponsor_line(block.text.as_str()).is_some())
        {
            label_ok = true;
        } else if let Some(span) = label_below(params, block) {
            lower_label.get_or_insert(span);
        }
    }
    if let Some(span) = &lower_label {
        evidence.push(Label::new(
            span.clone(),
            "an advertising label stands here, below the first paragraph",
        ));
    }

    let mut findings = Vec::new();
    if !label_ok && !evidence.is_empty() {
        let primary = match first_block {
            Some(block) => Label::new(block.span.clone(), "no advertising label here or above"),
            None => evidence.remove(0),
        };
        let mut finding = unlabelled(rule, ctx, primary);
        for label in evidence {
            finding = finding.with_label(label);
        }
        findings.push(finding);
    }
    for quote in &quotes {
        let mut places = departures(quote).into_iter();
        if let Some(first) = places.next() {
            let mut finding = altered(rule, params, ctx, quote, first);
            for label in places {
                finding = finding.with_label(label);
            }
            findings.push(finding);
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::kinds::KindParams;

    /// The compiled parameters of the embedded packs' required-label rules.
    fn embedded() -> Vec<&'static Compiled> {
        static ENGINE: std::sync::OnceLock<crate::rules::Engine> = std::sync::OnceLock::new();
        let engine = ENGINE.get_or_init(|| crate::rules::Engine::with_embedded().unwrap());
        let out: Vec<&Compiled> = engine
            .packs()
            .iter()
            .flat_map(|pack| &pack.rules)
            .filter_map(|rule| match &rule.params {
                KindParams::RequiredLabel(params) => Some(&**params),
                _ => None,
            })
            .collect();
        assert!(!out.is_empty());
        out
    }

    /// The `byline-patterns` of every rule of `kind` in an embedded pack's text.
    fn byline_patterns_of(pack: &str, kind: &str) -> Vec<toml::Value> {
        let table: toml::Table = pack.parse().unwrap();
        let rules = table["rule"].as_array().unwrap();
        rules
            .iter()
            .filter(|rule| rule["kind"].as_str() == Some(kind))
            .map(|rule| rule["params"]["byline-patterns"].clone())
            .collect()
    }

    #[test]
    fn an_embedded_pack_counts_the_first_paragraph_as_its_link_position_rule_does() {
        // The advertising rule's first paragraph is the link rule's: a label below a dateline
        // or a photo credit stands up top for both, or for neither.
        for (name, pack) in crate::rules::registry::PACKS {
            let links = byline_patterns_of(pack, "link-position");
            for labels in byline_patterns_of(pack, "required-label") {
                assert!(
                    links.iter().all(|l| *l == labels),
                    "{name}: the byline patterns of required-label differ from link-position's"
                );
            }
        }
    }

    #[test]
    fn the_labels_looked_at_are_those_whose_first_or_last_byte_is_the_text_s() {
        for params in embedded() {
            for (head, tail) in [
                ("реклама: новий", "банк (pr)"),
                ("advertisement", "advertisement"),
                ("sponsored by", "x"),
                ("", ""),
                ("z", "q"),
            ] {
                let expected: Vec<usize> = (0..params.labels.len())
                    .filter(|&i| {
                        let label = params.labels[i].as_bytes();
                        label.first() == head.as_bytes().first()
                            || label.last() == tail.as_bytes().last()
                    })
                    .collect();
                assert_eq!(params.candidates(head, tail), expected, "{head:?} {tail:?}");
            }
        }
    }

    #[test]
    fn decoration_is_white_space_and_the_listed_marks_ascii_or_not() {
        let marks = "[](){}|:—–-•*·.!«»\"“”„'#_~/【】［］（）：";
        for c in (0..=0x1_0000).filter_map(char::from_u32) {
            assert_eq!(
                is_decoration(c),
                c.is_whitespace() || marks.contains(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn a_dash_makes_a_sentence_of_a_one_word_label_and_a_lower_case_word_only() {
        let params = embedded()[0];
        for sentence in [
            "Реклама — двигун торгівлі, кажуть у банку",
            "Реклама – це двигун",
        ] {
            assert!(params.label_in(sentence, false).is_none(), "{sentence}");
        }
        for label in [
            "Реклама: новий банк відкрився",
            "Реклама — Новий банк відкрився",
            "Реклама — iPhone 16 вже у продажу",
            "Sponsored — by Lviv Bank",
            "Реклама — від Полтавабанку",
            "На правах реклами — новий банк відкрився",
        ] {
            assert!(params.label_in(label, false).is_some(), "{label}");
        }
    }

    #[test]
    fn the_gate_passes_a_disclaimer_and_stops_prose() {
        let mut copy = Vec::new();
        for params in embedded() {
            let disclaimer = "posted in ACCORDANCE with Part 3 of Article 9";
            assert!(params.gate.may_pass(disclaimer, &mut copy));
            assert!(has_anchors(params, disclaimer));
            let prose = "Talks resumed in March with the ministry, which said so.";
            assert!(!params.gate.may_pass(prose, &mut copy));
            // Letters beyond ASCII that a protected word holds send a block to the automaton.
            assert!(params.gate.may_pass("Угоду підписано.", &mut copy));
        }
    }

    const FILLERS: [&str; 12] = [
        "",
        "Банк відкрився",
        "bank",
        "Новий банк",
        "Σ",
        "ΑΣ",
        "İstanbul",
        "\u{212A}elvin",
        "Straße",
        "été",
        "x",
        "广告",
    ];
    const SEPARATORS: [&str; 11] = [
        "", " ", ": ", " | ", " — ", " (", ") ", "[", "]", ". ", " «",
    ];
    const LABELS: [&str; 14] = [
        "Реклама",
        "Advertisement",
        "Ad",
        "PR",
        "Sponsored content",
        "На правах реклами",
        "Партнерський проєкт",
        "Promo",
        "Publicité",
        "広告",
        "Anzeige",
        "Artykuł sponsorowany",
        "Σponsored",
        "İ",
    ];

    proptest::proptest! {
        /// The gate never stops a block the anchor automaton would pass: it only spares the
        /// automaton the blocks it would turn down.
        #[test]
        fn the_gate_stops_no_block_the_automaton_passes(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "material", "MATERIAL", "Material", "mAtErIaL", "posted", "Accordance",
                    "advertising", "ADVERTISING", "agreement/invoice", "basis", "Ukraine",
                    "March", "July", "media", "Article", "1996", "2023", "270/96", "2849",
                    "part", "with", "been", "3", "9", "31", "розміщено", "2849-IX", "№", "x",
                    "é", "“", "”", " ", " ", ", ", ". ", "-", "\n", "ß", "İ", "\u{212A}",
                    "mediaposted",
                ]),
                0..20,
            )
        ) {
            let text: String = pieces.concat();
            let mut copy = Vec::new();
            for params in embedded() {
                if has_anchors(params, &text) {
                    proptest::prop_assert!(params.gate.may_pass(&text, &mut copy), "{text:?}");
                }
            }
        }

        /// The look at a text's ends finds every label the full comparison finds: labels in
        /// any case, at either end, set off or not, beside letters whose folding changes
        /// their length or depends on what surrounds them.
        #[test]
        fn the_look_at_the_ends_misses_no_label(
            before in proptest::sample::select(FILLERS.to_vec()),
            open in proptest::sample::select(SEPARATORS.to_vec()),
            label in proptest::sample::select(LABELS.to_vec()),
            case in 0..3u8,
            close in proptest::sample::select(SEPARATORS.to_vec()),
            after in proptest::sample::select(FILLERS.to_vec()),
            whole_only in proptest::bool::ANY,
        ) {
            let label = match case {
                0 => label.to_lowercase(),
                1 => label.to_uppercase(),
                _ => label.to_owned(),
            };
            for text in [
                format!("{before}{open}{label}{close}{after}"),
                format!("{before}{open}{label}"),
                format!("{label}{close}{after}"),
            ] {
                for params in embedded() {
                    proptest::prop_assert_eq!(
                        params.find_label(&text, whole_only, true),
                        params.find_label(&text, whole_only, false),
                        "{:?}", text
                    );
                }
            }
        }
    }

    #[test]
    fn an_excerpt_of_the_original_keeps_the_quotes_around_its_words() {
        let plain = |w: &str| w.to_owned();
        let ukrainian = "Закону України «Про медіа» № 2849-IX від 31 березня";
        let words = crate::rules::align::words(ukrainian, &plain);
        // From `Про` on: the guillemet before it opens, the one after `медіа` closes.
        assert_eq!(expected(&words, ukrainian, 2..6), "«Про медіа» № 2849");
        assert_eq!(expected(&words, ukrainian, 2..4), "«Про медіа»");
        // Starting inside the quote, no quote is added at either end.
        assert_eq!(expected(&words, ukrainian, 3..5), "медіа» №");
        let english = "the Law of Ukraine \"On the Media\" No. 2849";
        let words = crate::rules::align::words(english, &plain);
        assert_eq!(expected(&words, english, 4..7), "\"On the Media\"");
        assert_eq!(expected(&words, english, 4..6), "\"On the");
    }
}
