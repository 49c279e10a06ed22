//! A set of cue patterns, matched as one regex of all of them would match, but compiled in
//! parts by the writing system their matches need.
//!
//! Most of the cue patterns can only match text in one script: a Ukrainian verb needs
//! Cyrillic letters, an English or German one Latin letters, a Japanese particle kana. A
//! window of English text cannot hold a match of a Ukrainian pattern, and matching it
//! anyway costs the lazy DFA states for every pattern at every step. So each script gets a
//! regex of its own patterns, and the patterns that need no script in particular (a
//! parenthesised credit, a dash before the name) one more. A window is matched with that
//! regex and the regexes of the scripts it holds letters of, which find exactly what the
//! whole set would, as the patterns left out cannot match there: at every step the leftmost
//! match of any of them and, at one start, the pattern listed first in the set, as one
//! regex of every pattern would choose.
//!
//! Which script a pattern needs is read off its syntax tree, after case folding: a literal
//! with a character of the script, a class of only such characters, or a sequence with
//! one of them in a part every match goes through.
//!
//! Each part is a forward lazy DFA searched anchored, once at each place a cue may start
//! (not between two letters of a script written with spaces), left to right: the first
//! place where a part matches, and there the part whose pattern is listed first, is the
//! leftmost-first match of the whole set. Searched from a window's start instead, the DFA
//! would be in every pattern's start at every step, and build a state for every new set of
//! partial matches the text put it in; anchored, it is only ever in a few patterns' first
//! words, states that recur from document to document.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid::dfa;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::util::start;
use regex_automata::{Anchored, Input, meta};
use regex_syntax::ast::{Ast, ClassSet, ClassSetItem, RepetitionKind, RepetitionRange};

type Span = Range<usize>;

/// Latin letters (with the Kelvin and Ångström signs, which fold to `k` and `å`).
pub(crate) const LATIN: u8 = 1;
/// Cyrillic letters, with the old narrow forms that fold to them (`ᲂ`).
pub(crate) const CYRILLIC: u8 = 2;
/// Kana and CJK ideographs.
pub(crate) const JAPANESE: u8 = 4;

const SCRIPTS: [u8; 3] = [LATIN, CYRILLIC, JAPANESE];

/// The ranges of characters of each script, sorted.
const LATIN_RANGES: &[(char, char)] = &[
    ('A', 'Z'),
    ('a', 'z'),
    ('\u{C0}', '\u{24F}'),
    ('\u{1E00}', '\u{1EFF}'),
    ('\u{212A}', '\u{212B}'),
];
const CYRILLIC_RANGES: &[(char, char)] = &[
    ('\u{400}', '\u{52F}'),
    ('\u{1C80}', '\u{1C8F}'),
    ('\u{2DE0}', '\u{2DFF}'),
    ('\u{A640}', '\u{A69F}'),
];
const JAPANESE_RANGES: &[(char, char)] = &[
    ('\u{3040}', '\u{30FF}'),
    ('\u{31F0}', '\u{31FF}'),
    ('\u{3400}', '\u{4DBF}'),
    ('\u{4E00}', '\u{9FFF}'),
    ('\u{F900}', '\u{FAFF}'),
    ('\u{FF66}', '\u{FF9F}'),
    ('\u{20000}', '\u{2FFFF}'),
];

fn ranges(script: u8) -> &'static [(char, char)] {
    match script {
        LATIN => LATIN_RANGES,
        CYRILLIC => CYRILLIC_RANGES,
        _ => JAPANESE_RANGES,
    }
}

pub(crate) fn in_script(c: char, script: u8) -> bool {
    ranges(script).iter().any(|&(a, b)| a <= c && c <= b)
}

/// Whether `c` belongs to a script written without spaces between words: kana, the CJK
/// ideographs (the Japanese script).
pub(crate) fn is_unspaced(c: char) -> bool {
    in_script(c, JAPANESE)
}

/// The scripts `text` has characters of.
pub(crate) fn scripts_of(text: &str) -> u8 {
    let mut found = 0;
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                found |= LATIN;
            }
            continue;
        }
        for script in SCRIPTS {
            if found & script == 0 && in_script(c, script) {
                found |= script;
            }
        }
        if found == LATIN | CYRILLIC | JAPANESE {
            break;
        }
    }
    found
}

/// Whether every match of `ast` holds a character of `script`. Read on the pattern as
/// written, before case folding: each script's ranges hold every character that folds to
/// one of theirs (the Kelvin sign, the narrow Cyrillic `ᲂ`), so a literal of the script
/// matches only characters of it in any case. Anything else than literals, plain bracketed
/// classes, groups, repetitions, sequences and choices needs nothing, as far as this reads.
fn needs(ast: &Ast, script: u8) -> bool {
    match ast {
        Ast::Literal(literal) => in_script(literal.c, script),
        Ast::ClassBracketed(class) => !class.negated && set_in_script(&class.kind, script),
        Ast::Repetition(repetition) => {
            let at_least_one = match &repetition.op.kind {
                RepetitionKind::ZeroOrOne | RepetitionKind::ZeroOrMore => false,
                RepetitionKind::OneOrMore => true,
                RepetitionKind::Range(
                    RepetitionRange::Exactly(n)
                    | RepetitionRange::AtLeast(n)
                    | RepetitionRange::Bounded(n, _),
                ) => *n > 0,
            };
            at_least_one && needs(&repetition.ast, script)
        }
        Ast::Group(group) => needs(&group.ast, script),
        Ast::Concat(concat) => concat.asts.iter().any(|a| needs(a, script)),
        Ast::Alternation(alternation) => {
            !alternation.asts.is_empty() && alternation.asts.iter().all(|a| needs(a, script))
        }
        _ => false,
    }
}

/// Whether every character of a bracketed class is of `script`.
fn set_in_script(set: &ClassSet, script: u8) -> bool {
    match set {
        ClassSet::Item(item) => item_in_script(item, script),
        ClassSet::BinaryOp(_) => false,
    }
}

fn item_in_script(item: &ClassSetItem, script: u8) -> bool {
    match item {
        ClassSetItem::Literal(literal) => in_script(literal.c, script),
        ClassSetItem::Range(range) => ranges(script)
            .iter()
            .any(|&(a, b)| a <= range.start.c && range.end.c <= b),
        ClassSetItem::Union(union) => {
            !union.items.is_empty() && union.items.iter().all(|i| item_in_script(i, script))
        }
        ClassSetItem::Bracketed(inner) => !inner.negated && set_in_script(&inner.kind, script),
        _ => false,
    }
}

/// The script every match of `pattern` needs, or 0 (none, or a pattern that does not parse,
/// which the set's own compile reports).
fn script_needed(pattern: &str) -> u8 {
    let Ok(ast) = regex_syntax::ast::parse::Parser::new().parse(pattern) else {
        return 0;
    };
    SCRIPTS.into_iter().find(|&s| needs(&ast, s)).unwrap_or(0)
}

/// Some of a set's patterns, each one's place in the whole set, and once compiled their
/// matcher (`None` if they do not compile).
#[derive(Debug)]
struct LazyPart {
    patterns: Vec<String>,
    order: Vec<usize>,
    matcher: OnceLock<Option<Matcher>>,
    /// The meta regex of the patterns, where a lazy DFA search fails.
    fallback: OnceLock<Option<meta::Regex>>,
}

/// Makes a cache for a lazy DFA.
type CreateCache = Box<dyn Fn() -> dfa::Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// The caches of a lazy DFA, one per thread searching it.
type Caches = Pool<dfa::Cache, CreateCache>;

/// A part's patterns, compiled for searches anchored where a match would start.
///
/// Searched from a window's start, a lazy DFA of every pattern builds a state for each set
/// of partial matches it is in at once, which the text it reads makes ever new: most of the
/// search's time went into building states. Anchored at each place a cue may start, it is
/// only ever in a few patterns' first words, which recur: the states are built once per
/// thread, and each search dies a few bytes on.
enum Matcher {
    /// The lazy DFA, with the caches of the threads that search it.
    Lazy { dfa: Box<dfa::DFA>, caches: Caches },
    /// Patterns the lazy DFA cannot take (a Unicode word boundary): the meta regex.
    Meta(meta::Regex),
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Lazy { dfa, .. } => f.debug_tuple("Lazy").field(dfa).finish(),
            Self::Meta(regex) => f.debug_tuple("Meta").field(regex).finish(),
        }
    }
}

impl LazyPart {
    /// The part, compiled: `None` if its patterns do not compile.
    fn get(&self) -> Option<(&Self, &Matcher)> {
        self.matcher
            .get_or_init(|| {
                let limit = super::citation::REGEX_SIZE_LIMIT;
                let lazy = dfa::Builder::new()
                    .configure(dfa::Config::new().cache_capacity(limit))
                    .thompson(thompson::Config::new().nfa_size_limit(Some(limit)))
                    .build_many(&self.with_flags());
                match lazy {
                    Ok(dfa) => {
                        let for_caches = dfa.clone();
                        let create: CreateCache = Box::new(move || for_caches.create_cache());
                        Some(Matcher::Lazy {
                            dfa: Box::new(dfa),
                            caches: Pool::new(create),
                        })
                    }
                    Err(_) => self.meta().map(Matcher::Meta),
                }
            })
            .as_ref()
            .map(|matcher| (self, matcher))
    }

    /// The patterns with the flags every search of them takes.
    fn with_flags(&self) -> Vec<String> {
        self.patterns.iter().map(|p| format!("(?im){p}")).collect()
    }

    /// The meta regex of the patterns (`None` if they do not compile).
    fn meta(&self) -> Option<meta::Regex> {
        let limit = super::citation::REGEX_SIZE_LIMIT;
        meta::Builder::new()
            .configure(
                meta::Config::new()
                    .nfa_size_limit(Some(limit))
                    .hybrid_cache_capacity(limit)
                    .auto_prefilter(false),
            )
            .build_many(&self.with_flags())
            .ok()
    }

    /// The meta regex, compiled the first time a lazy DFA search fails.
    fn fallback(&self) -> Option<&meta::Regex> {
        self.fallback.get_or_init(|| self.meta()).as_ref()
    }
}

/// Cue patterns (with `{source}` expanded), compiled by script when first used.
///
/// Sets of the same patterns share their parts, compiled or not, across the process: the
/// thread that [`prepare`](super::citation::prepare)s the embedded packs' patterns compiles
/// the very parts the checking threads' engines use. A set finds its shared parts when first
/// used (most runs never search for cues).
#[derive(Debug, Default)]
pub(crate) struct CueSet {
    patterns: Vec<String>,
    shared: OnceLock<Arc<SharedParts>>,
}

/// The patterns that need no script in particular, then those that need each script of
/// [`SCRIPTS`] (`None` for a part without patterns), sorted out when first used.
#[derive(Debug, Default)]
struct SharedParts(OnceLock<Parts>);

type Parts = [Option<Arc<LazyPart>>; 4];

/// Every set's parts in the process, by the set's patterns.
static SETS: LazyLock<Mutex<HashMap<Vec<String>, Arc<SharedParts>>>> =
    LazyLock::new(Mutex::default);

impl CueSet {
    /// The set of `patterns`, in their order of preference.
    pub(crate) fn new(patterns: &[String]) -> Self {
        Self {
            patterns: patterns.to_vec(),
            shared: OnceLock::new(),
        }
    }

    fn parts(&self) -> &Parts {
        let shared = self.shared.get_or_init(|| {
            let mut all = SETS
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            Arc::clone(all.entry(self.patterns.clone()).or_default())
        });
        shared.0.get_or_init(|| Self::split(&self.patterns))
    }

    /// Compiles every part of the set now (or waits for the thread compiling it).
    pub(crate) fn prepare(&self) {
        for part in self.parts().iter().flatten() {
            part.get();
        }
    }

    /// The parts of `patterns`, by the script each needs.
    fn split(patterns: &[String]) -> Parts {
        let needed: Vec<u8> = patterns.iter().map(|p| script_needed(p)).collect();
        let part = |script: u8| {
            let (order, patterns): (Vec<usize>, Vec<String>) = patterns
                .iter()
                .enumerate()
                .filter(|(i, _)| needed[*i] == script)
                .map(|(i, p)| (i, p.clone()))
                .unzip();
            (!patterns.is_empty()).then(|| {
                Arc::new(LazyPart {
                    patterns,
                    order,
                    matcher: OnceLock::new(),
                    fallback: OnceLock::new(),
                })
            })
        };
        [part(0), part(LATIN), part(CYRILLIC), part(JAPANESE)]
    }

    /// Whether the set has patterns that compile (compiling them if need be).
    #[cfg(test)]
    pub(crate) fn is_usable(&self) -> bool {
        self.parts().iter().any(Option::is_some)
            && self.parts().iter().flatten().all(|p| p.get().is_some())
    }

    /// The matches in `haystack`, whose scripts are `scripts` (see [`scripts_of`]), that do
    /// not start inside a word, left to right and not overlapping: as one regex of every
    /// pattern finds them, passing over a match that starts inside a word and going on from
    /// its next character.
    ///
    /// `inside_word(i)` says whether a match at `i` starts inside a word. It must say so
    /// wherever a letter or digit of a script written with spaces stands on both sides of
    /// `i` in `haystack`: no match is looked for there.
    pub(crate) fn matches<'h>(
        &'h self,
        haystack: &'h str,
        scripts: u8,
        inside_word: impl Fn(usize) -> bool + 'h,
    ) -> impl Iterator<Item = Span> + 'h {
        let mut used = self.used(scripts);
        // One regex of every pattern finds the leftmost start where any matches, and there
        // the pattern listed first: each part is tried anchored at each start in turn.
        let find = move |at: usize| -> Option<Span> {
            let mut before = haystack[..at]
                .chars()
                .next_back()
                .is_some_and(spaced_letter);
            let mut start = at;
            loop {
                let here = haystack[start..].chars().next();
                let letter = here.is_some_and(spaced_letter);
                if !(before && letter) {
                    let mut best: Option<(usize, usize)> = None;
                    for search in &mut used {
                        if let Some((order, end)) = search.at(haystack, start) {
                            if best.is_none_or(|(o, _)| order < o) {
                                best = Some((order, end));
                            }
                        }
                    }
                    if let Some((_, end)) = best {
                        return Some(start..end);
                    }
                }
                start += here?.len_utf8();
                before = letter;
            }
        };
        super::citation::word_start_matches(find, haystack, inside_word)
    }

    /// The match that starts `haystack`, if any: as one regex of every pattern, anchored at
    /// its start, finds it.
    pub(crate) fn match_at_start(&self, haystack: &str, scripts: u8) -> Option<Span> {
        self.used(scripts)
            .iter_mut()
            .filter_map(|search| search.at(haystack, 0))
            .min_by_key(|&(order, _)| order)
            .map(|(_, end)| 0..end)
    }

    /// The parts a text of `scripts` needs, compiled, each with a cache to search it.
    fn used(&self, scripts: u8) -> Vec<PartSearch<'_>> {
        let wanted = [
            true,
            scripts & LATIN != 0,
            scripts & CYRILLIC != 0,
            scripts & JAPANESE != 0,
        ];
        self.parts()
            .iter()
            .zip(wanted)
            .filter_map(|(part, wanted)| part.as_deref().filter(|_| wanted)?.get())
            .map(|(part, matcher)| PartSearch {
                part,
                cache: match matcher {
                    Matcher::Lazy { dfa, caches } => Some((dfa, caches.get())),
                    Matcher::Meta(_) => None,
                },
                matcher,
            })
            .collect()
    }
}

/// Whether `c` is a letter or digit of a script written with spaces: a match that starts
/// between two of them starts inside a word.
pub(crate) fn spaced_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() && !is_unspaced(c)
    }
}

/// A compiled part, with the cache of its lazy DFA that this search holds.
struct PartSearch<'a> {
    part: &'a LazyPart,
    matcher: &'a Matcher,
    cache: Option<(&'a dfa::DFA, CacheGuard<'a>)>,
}

type CacheGuard<'a> = PoolGuard<'a, dfa::Cache, CreateCache>;

impl PartSearch<'_> {
    /// The place in the whole set of the pattern that matches at `start` of `haystack` (the
    /// one listed first, if several do) and where its match ends.
    fn at(&mut self, haystack: &str, start: usize) -> Option<(usize, usize)> {
        let found = match &mut self.cache {
            Some((dfa, cache)) => match anchored(dfa, cache, haystack.as_bytes(), start) {
                Ok(found) => found,
                // Only a quit byte or a cache given up on fails a lazy DFA, and neither is
                // configured; the meta regex would answer all the same.
                Err(_) => self
                    .part
                    .fallback()
                    .and_then(|r| meta_anchored(r, haystack, start)),
            },
            None => match self.matcher {
                Matcher::Meta(regex) => meta_anchored(regex, haystack, start),
                Matcher::Lazy { .. } => None,
            },
        };
        found.map(|(pattern, end)| (self.part.order[pattern], end))
    }
}

/// The leftmost-first match of `dfa` anchored at `start` of `haystack`: its pattern and end.
fn anchored(
    dfa: &dfa::DFA,
    cache: &mut dfa::Cache,
    haystack: &[u8],
    start: usize,
) -> Result<Option<(usize, usize)>, Box<dyn std::error::Error>> {
    let config = start::Config::new()
        .anchored(Anchored::Yes)
        .look_behind(start.checked_sub(1).map(|i| haystack[i]));
    let mut state = dfa.start_state(cache, &config)?;
    let mut found = None;
    // A lazy DFA reports a match one byte late: a match state reached on the byte at `i`
    // is a match that ends at `i`.
    for (i, &byte) in haystack.iter().enumerate().skip(start) {
        state = dfa.next_state(cache, state, byte)?;
        if state.is_tagged() {
            if state.is_match() {
                found = Some((dfa.match_pattern(cache, state, 0).as_usize(), i));
            } else if state.is_dead() {
                return Ok(found);
            } else if state.is_quit() {
                return Err("a quit byte".into());
            }
        }
    }
    state = dfa.next_eoi_state(cache, state)?;
    if state.is_match() {
        found = Some((
            dfa.match_pattern(cache, state, 0).as_usize(),
            haystack.len(),
        ));
    }
    Ok(found)
}

/// [`anchored`] with the meta regex.
fn meta_anchored(regex: &meta::Regex, haystack: &str, start: usize) -> Option<(usize, usize)> {
    regex
        .search(&Input::new(haystack).range(start..).anchored(Anchored::Yes))
        .map(|m| (m.pattern().as_usize(), m.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::citation::starts_inside_word as inside_word;

    /// What one regex of every pattern finds, left to right, never overlapping, passing over
    /// the matches that start inside a word.
    fn as_one_regex(patterns: &[&str], text: &str) -> Vec<Span> {
        let whole = regex::Regex::new(&format!("(?im)(?:{})", patterns.join(")|(?:"))).unwrap();
        super::super::citation::word_start_matches(
            |at| whole.find_at(text, at).map(|m| m.range()),
            text,
            |i| inside_word(text, i),
        )
        .collect()
    }

    /// What the set finds.
    fn in_parts(set: &CueSet, text: &str) -> Vec<Span> {
        set.matches(text, scripts_of(text), |i| inside_word(text, i))
            .collect()
    }

    #[test]
    fn text_in_several_scripts_gets_the_whole_sets_leftmost_first_matches() {
        // Both patterns match at the same start, one needing Cyrillic and one Latin: the one
        // listed first wins, whichever part holds it.
        let cyrillic = "(?:a|б)\\s*б+";
        let latin = "(?:a|б)\\s*б+\\s*c";
        let plain = "\\(\\d\\)";
        for patterns in [
            [cyrillic, latin, plain],
            [latin, cyrillic, plain],
            [plain, latin, cyrillic],
        ] {
            let owned: Vec<String> = patterns.iter().map(|p| (*p).to_owned()).collect();
            let set = CueSet::new(&owned);
            for text in [
                "a бб c",
                "б б c (1) a бб",
                "(2) ббб c",
                "(3)",
                "x a бб c y б",
            ] {
                assert_eq!(
                    in_parts(&set, text),
                    as_one_regex(&patterns, text),
                    "{patterns:?} in {text:?}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Anchored at each start, the parts find what one regex searching on finds: the
        /// same starts, the pattern listed first, the same ends, inside words or not, at
        /// line starts and across scripts.
        #[test]
        fn parts_searched_at_each_start_find_what_one_regex_finds(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "б", "бб", "c", " ", "\n", "(", ")", "1", "x", "ю", ", ", "—", "\u{E000}",
                    "の", "Ab", "ББ",
                ]),
                0..24,
            ),
            order in proptest::sample::select(vec![[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3]]),
        ) {
            let all = [
                "(?:a|б)\\s*б+",
                "(?:a|б)\\s*б+\\s*c",
                "\\(\\d\\)",
                "^\\s*x\\s*\u{E000}",
                "\u{E000}(?:\\s*の|,\\s*[a-cб]+)?",
            ];
            let patterns: Vec<&str> = order.iter().map(|&i| all[i]).collect();
            let owned: Vec<String> = patterns.iter().map(|p| (*p).to_owned()).collect();
            let set = CueSet::new(&owned);
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(in_parts(&set, &text), as_one_regex(&patterns, &text));
        }
    }

    #[test]
    fn a_match_at_the_start_is_the_first_listed_pattern_that_matches_there() {
        let patterns = vec!["a\\s+б".to_owned(), "a\\s+б+\\s*c".to_owned()];
        let set = CueSet::new(&patterns);
        assert_eq!(
            set.match_at_start("a бб c", scripts_of("a бб c")),
            Some(0..4)
        );
        assert_eq!(set.match_at_start("x a б", scripts_of("x a б")), None);
    }

    #[test]
    fn sets_of_the_same_patterns_share_their_compiled_parts() {
        // What lets the pattern thread compile the parts the checking threads use.
        let patterns = vec![
            "shared\\s+cue\\s+\u{E000}".to_owned(),
            "спільн\u{E000}".to_owned(),
        ];
        let (prepared, used) = (CueSet::new(&patterns), CueSet::new(&patterns));
        prepared.prepare();
        for (a, b) in prepared.parts().iter().zip(used.parts()) {
            match (a, b) {
                (Some(a), Some(b)) => {
                    assert!(Arc::ptr_eq(a, b));
                    assert!(b.matcher.get().is_some(), "compiled already");
                }
                (None, None) => {}
                _ => panic!("the sets split differently"),
            }
        }
        let other = CueSet::new(&["other\\s+\u{E000}".to_owned()]);
        assert!(!Arc::ptr_eq(
            other.parts()[1].as_ref().unwrap(),
            prepared.parts()[1].as_ref().unwrap()
        ));
    }

    #[test]
    fn a_pattern_needs_the_script_every_match_goes_through() {
        assert_eq!(script_needed("повідомляє\\s+\u{E000}"), CYRILLIC);
        assert_eq!(script_needed("\u{E000}\\s+reports"), LATIN);
        assert_eq!(script_needed("\u{E000}\\s*によると"), JAPANESE);
        // A choice between scripts, an optional word, punctuation: none in particular.
        assert_eq!(script_needed("(?:sources|джерела)\\s*:\\s*\u{E000}"), 0);
        assert_eq!(script_needed("(?:the\\s+)?\u{E000}"), 0);
        assert_eq!(script_needed("\\(\\s*\u{E000}\\s*\\)"), 0);
        // Case folding takes the Kelvin sign into `k`, and the narrow `ᲂ` into `о`.
        assert_eq!(script_needed("k"), LATIN);
        assert_eq!(script_needed("о"), CYRILLIC);
        assert_eq!(scripts_of("\u{212A}"), LATIN);
        assert_eq!(scripts_of("\u{1C82}"), CYRILLIC);
        assert_eq!(scripts_of("(\u{E000}) 2024"), 0);
        assert_eq!(scripts_of("Reuters, Укрінформ"), LATIN | CYRILLIC);
    }
}
