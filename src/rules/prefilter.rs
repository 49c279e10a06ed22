//! The document prefilter: one pass over a document's text, before it is parsed, that
//! proves no rule of the loaded packs can fire, so that the document is reported clean
//! without building its model. Most documents of a content repository never cite the
//! source, and this is where their time goes.
//!
//! It is conservative: anything that could change what the model holds sends the document
//! to the full check. A document is parsed when its text holds
//! - a name form or domain brand of any pack's source (any case, as the cue patterns match
//!   it), or the word `citelint` (suppressions, front-matter settings);
//! - a character the matchers skip (soft hyphen, zero-width characters), a numeric or
//!   uncommon named character reference, or a backslash escape that could spell a character
//!   or keep one from being read as markup (`\u0055`, `\x55`, `\t`, `\.`, a line
//!   continuation), any of which could spell a name or a host the raw text does not show;
//! - a word split by markup that renders as nothing between its letters (`Ukrin<wbr>form`,
//!   `<b>Ukr</b>inform`, `Ukrin*form*`), which the model reads as one word;
//! - markup (`<`, `[`, `]`, `!`, `*`, `` ` ``, `~`) or a tab right after the start of a name
//!   form or brand (`Ukrin<span hidden>…</span>form`, `Ukr[in][label]form`, `Ukrin<?x?>form`):
//!   what the markup hides or shows cannot be told without the parser, so whatever follows
//!   could complete the name;
//! - a URL host, read as a URL parser reads it (without tabs and line breaks, through
//!   quotes, brackets and braces), that is not plain ASCII, is percent-encoded or holds a
//!   character reference, carries user information, names a source where it is not the
//!   source's own, or that the look-alike test itself flags (the look-alike rule needs no
//!   citation); and a tab or line break that could stand inside a URL's scheme or slashes;
//! - front matter that fails to parse.

use regex::Regex;

use super::citation::SourceMatcher;
use super::host;
use super::registry::is_word_char;

/// Named character references that can never spell a name or a URL.
const PLAIN_ENTITIES: &[&str] = &[
    "amp", "nbsp", "quot", "lt", "gt", "apos", "mdash", "ndash", "laquo", "raquo", "hellip",
    "copy", "reg", "trade", "rsquo", "lsquo", "rdquo", "ldquo", "bdquo", "sbquo", "middot", "bull",
    "deg", "times", "euro", "pound", "thinsp", "ensp", "emsp", "numero", "prime",
];

/// How many letters and digits before markup [`Prefilter::follows_a_name_start`] reads.
const RUN_READ: usize = 24;

/// The id of the next prefilter built.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The longest authority (host and port) whose verdict is cached.
const MAX_CACHED_AUTHORITY: usize = 260;

/// How many host verdicts each thread remembers before it starts over.
const HOST_CACHE: usize = 4096;

thread_local! {
    /// Verdicts of [`Prefilter::suspicious_authority`] per thread, by the prefilter's id
    /// (engines with other packs judge hosts differently), then by the authority.
    static HOSTS: std::cell::RefCell<HostVerdicts> = std::cell::RefCell::default();
}

/// Where each `http:`, `https:` and `www.` (any case) ends in `bytes`: what can start a URL
/// without `//`. Read off the colons and full stops, fewer than the letters a search for
/// the words in any case stops at.
fn scheme_ends(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let ends_with = |at: usize, word: &[u8]| {
        at >= word.len() && bytes[at - word.len()..at].eq_ignore_ascii_case(word)
    };
    memchr::memchr2_iter(b':', b'.', bytes)
        .filter(move |&at| {
            if bytes[at] == b':' {
                ends_with(at, b"http") || ends_with(at, b"https")
            } else {
                ends_with(at, b"www")
            }
        })
        .map(|at| at + 1)
}

/// Remembered host verdicts: by prefilter, by authority.
type HostVerdicts = std::collections::HashMap<u64, std::collections::HashMap<String, bool>>;

/// Whether `c` is among `forms`, a character of a name as the ranges it matches in any case.
fn matches(c: char, forms: &[(char, char)]) -> bool {
    forms.iter().any(|&(a, b)| a <= c && c <= b)
}

/// Whether the `&` before `rest` starts nothing that could spell a name: no character
/// reference, or a named one from [`PLAIN_ENTITIES`]. A numeric reference (`&#…`) could.
fn plain_reference(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return !rest.starts_with('#');
    }
    let len = bytes
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(bytes.len());
    let name = &rest[..len];
    PLAIN_ENTITIES.iter().any(|p| p.eq_ignore_ascii_case(name))
}

/// How many bytes of markup start at `rest` that the reader does not see and that may join
/// the letters on either side of it into one word: a tag, a comment, an emphasis or code
/// mark, a link's brackets and address.
/// `None` where no such markup starts.
fn invisible_markup(rest: &str) -> Option<usize> {
    match rest.as_bytes().first()? {
        b'*' | b'`' | b'~' | b'[' => Some(1),
        b']' => Some(
            rest[1..]
                .strip_prefix('(')
                .and_then(|link| link.find(')'))
                .map_or(1, |end| end + 3),
        ),
        b'<' if rest.starts_with("<!--") => rest.find("-->").map(|end| end + 3),
        // A bogus comment, a processing instruction, CDATA, an end tag without a name
        // (`<!x>`, `<?x?>`, `<![CDATA[x]]>`, `</ x>`): nothing shows, up to the next `>`.
        b'<' if rest[1..].starts_with(['!', '?'])
            || (rest[1..].starts_with('/')
                && !rest[2..].starts_with(|c: char| c.is_ascii_alphabetic())) =>
        {
            memchr::memchr(b'>', rest.as_bytes()).map(|end| end + 1)
        }
        b'<' => {
            let body = &rest[1..];
            let body = body.strip_prefix('/').unwrap_or(body);
            let len = body
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
                .count();
            // A block-level tag may end the block, or be ignored where it cannot stand
            // (`<body>` inside a paragraph): it is read through, as the parser may.
            if len == 0 {
                return None;
            }
            memchr::memchr(b'>', rest.as_bytes()).map(|end| end + 1)
        }
        _ => None,
    }
}

/// Whether the markup at `at` stands between two letters or digits, with nothing the reader
/// sees in between: the model reads them as one word (`Ukrin<wbr>form`, `Ukrin*form*`).
fn splits_a_word(text: &str, at: usize) -> bool {
    let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // Most markup follows a space or punctuation: one byte says so.
    let before = at.checked_sub(1).map(|i| text.as_bytes()[i]);
    if before.is_none_or(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
        || !alphanumeric(text[..at].chars().next_back())
    {
        return false;
    }
    let mut i = at;
    while let Some(skip) = invisible_markup(&text[i..]) {
        i += skip;
    }
    i > at && alphanumeric(text[i..].chars().next())
}

/// The word of `text` that markup splits at `at`, as the reader sees it (letters and digits
/// from `from` on, invisible markup left out), and where it ends.
fn joined_word(text: &str, from: usize, at: usize) -> (String, usize) {
    let start = text[from..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(at, |(i, _)| from + i);
    visible_run(text, start, char::is_alphanumeric)
}

/// The line of `text` that starts at `start` as the reader sees it, invisible markup left
/// out (a tag may run over line ends), and where it ends.
fn visible_line(text: &str, start: usize) -> (String, usize) {
    visible_run(text, start, |c| c != '\n')
}

/// The characters from `start` on that `keep` accepts, invisible markup left out, and where
/// the first it does not accept stands.
fn visible_run(text: &str, start: usize, keep: impl Fn(char) -> bool) -> (String, usize) {
    let mut run = String::new();
    let mut i = start;
    while let Some(c) = text[i..].chars().next() {
        if let Some(skip) = invisible_markup(&text[i..]) {
            i += skip;
        } else if keep(c) {
            run.push(c);
            i += c.len_utf8();
        } else {
            break;
        }
    }
    (run, i)
}

/// The characters that `c` matches in a case-insensitive regex: its simple case folding
/// (`о` also matches `О` and the narrow `ᲂ`), as ranges.
fn case_forms(c: char) -> Vec<(char, char)> {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    class
        .ranges()
        .iter()
        .map(|r| (r.start(), r.end()))
        .collect()
}

/// Whether an `@` could end user information in the URL authority that `rest` starts:
/// one before the next `/`, `\`, `?`, `#` or line break, within 64 bytes. The value an
/// authority stands in may hold spaces, brackets and the other quote (`href="https://a b@…"`,
/// `href="https://a'b@…"`), so only the second of the first quote seen ends it
/// (`"https://schema.org","@type"` holds no `@` in its URL).
fn userinfo_ahead(rest: &str) -> bool {
    let mut quote = None;
    for &b in rest.as_bytes().iter().take(64) {
        match b {
            b'@' => return true,
            b'/' | b'\\' | b'?' | b'#' | b'\n' | b'\r' => return false,
            b'"' | b'\'' => match quote {
                None => quote = Some(b),
                Some(q) if q == b => return false,
                Some(_) => {}
            },
            _ => {}
        }
    }
    false
}

/// Whether the tab or line break at `at` could stand inside a URL, which URL parsers read
/// without it: a tab between two visible characters (`ht\ttps:`, `/\t/host`), or a line
/// break next to a `/` or `\`, after `http:` or `https:`, or inside `https:`.
fn breaks_a_url(bytes: &[u8], at: usize) -> bool {
    let tab = bytes[at] == b'\t';
    // Around a tab, other tabs; around a line break, tabs and line breaks too.
    let gap = |b: &&u8| {
        if tab {
            **b != b'\t'
        } else {
            !matches!(b, b'\t' | b'\n' | b'\r')
        }
    };
    let before = bytes[..at].iter().rev().find(gap).copied();
    let after = bytes[at + 1..].iter().find(gap).copied();
    let (Some(before), Some(after)) = (before, after) else {
        return false;
    };
    if before.is_ascii_whitespace() || after.is_ascii_whitespace() {
        return false;
    }
    if tab || matches!(before, b'/' | b'\\') || matches!(after, b'/' | b'\\') {
        return true;
    }
    // The letters before the break (and before a `:` ending it): a scheme, or its start.
    let end = bytes[..at]
        .iter()
        .rposition(|b| !matches!(b, b'\t' | b'\n' | b'\r'))
        .map_or(0, |i| i + 1);
    let colon = before == b':';
    let letters_end = if colon { end - 1 } else { end };
    let letters = bytes[..letters_end]
        .iter()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    let head = &bytes[letters.max(letters_end.saturating_sub(6))..letters_end];
    if colon {
        head.eq_ignore_ascii_case(b"http") || head.eq_ignore_ascii_case(b"https")
    } else {
        !head.is_empty() && head.len() <= 5 && head.eq_ignore_ascii_case(&b"https"[..head.len()])
    }
}

/// Quotes, brackets and braces: where the host reading stops, though a URL parser may read
/// on (they may stand in user information, and some in a host).
const QUOTES_AND_BRACKETS: [char; 10] = ['"', '\'', '(', ')', '[', ']', '`', '|', '{', '}'];

/// What a pack contributes to the prefilter.
#[derive(Debug)]
pub(crate) struct SourceHosts {
    pub domains: Vec<String>,
    pub related: Vec<String>,
    pub brands: Vec<String>,
}

/// The compiled prefilter of an engine's packs.
#[derive(Debug)]
pub(crate) struct Prefilter {
    /// Each source's name forms and brands, case-insensitive.
    names: Vec<Regex>,
    /// The words of the name forms of more than one word, case-insensitive: white space
    /// between them can be written many ways (a line break, a tab, `&nbsp;`, a no-break
    /// space) that the model reads as one space, and any of them holds each word whole.
    name_words: Option<Regex>,
    /// Unique per prefilter built in this process: the key of its cached host verdicts.
    id: u64,
    /// What could spell a name the raw text does not show: a character reference, a `\\u`
    /// escape, a character the matchers skip.
    triggers: Regex,
    /// `citelint` (suppressions, front-matter settings).
    directives: Regex,
    /// `//`, the start of most URLs: a plain substring search. Either slash may be written
    /// as a backslash (a URL parser reads `\/host` as `//host`); backslashes are rare, and
    /// are looked at one by one.
    slashes: Regex,
    sources: Vec<SourceHosts>,
    /// Whether every source's name forms and brands are single words.
    single_words: bool,
    /// Every name form and brand, each character as the ranges it matches in any case (as
    /// the case-insensitive regexes fold it): markup right after the start of one could hide
    /// what joins it to the rest of the name.
    names_folded: Vec<Vec<Vec<(char, char)>>>,
    /// The ASCII characters of [`Self::names_folded`]: markup right after any other ASCII
    /// character is no part of a name.
    name_ascii: [bool; 128],
    /// Whether a name form or brand is longer than [`Prefilter::follows_a_name_start`]
    /// reads back, so that more of it than that can stand before markup that splits it.
    long_names: bool,
}

impl Prefilter {
    /// Builds the prefilter of the given sources.
    pub(crate) fn new(sources: &[&SourceMatcher]) -> Self {
        let names = sources.iter().map(|s| s.literals().clone()).collect();
        // One class, so the search is a vectorised byte scan; each hit is judged by hand.
        let triggers = Regex::new("[&\\\\\u{00AD}\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}]")
            .expect("prefilter pattern is valid");
        let directives = Regex::new("(?i)citelint").expect("a literal pattern");
        let slashes = Regex::new("//").expect("a literal pattern");
        let single_words = sources.iter().all(|s| s.single_words());
        let mut words: Vec<String> = sources
            .iter()
            .flat_map(|s| s.name_forms())
            .filter(|form| form.contains(char::is_whitespace))
            .flat_map(|form| form.split_whitespace().map(regex::escape))
            .collect();
        words.sort();
        words.dedup();
        let name_words = (!words.is_empty()).then(|| {
            Regex::new(&format!("(?i){}", words.join("|"))).expect("escaped words are valid")
        });
        let mut names_folded: Vec<Vec<Vec<(char, char)>>> = sources
            .iter()
            .flat_map(|s| s.name_forms().iter().chain(&s.brands))
            .map(|n| n.chars().map(case_forms).collect())
            .collect();
        names_folded.sort();
        names_folded.dedup();
        let long_names = names_folded.iter().any(|n| n.len() > RUN_READ);
        let mut name_ascii = [false; 128];
        for &(a, b) in names_folded.iter().flatten().flatten() {
            for c in a..=b.min('\u{7F}') {
                name_ascii[usize::from(c as u8)] = true;
            }
        }
        let sources = sources
            .iter()
            .map(|s| SourceHosts {
                domains: s.domains.clone(),
                related: s.related.clone(),
                brands: s.brands.clone(),
            })
            .collect();
        Self {
            single_words,
            names_folded,
            name_ascii,
            long_names,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            names,
            name_words,
            triggers,
            directives,
            slashes,
            sources,
        }
    }

    /// Whether some rule might fire on `text`; `false` is a proof that none can.
    pub(crate) fn may_fire(&self, text: &str) -> bool {
        if self.names.iter().any(|n| n.is_match(text))
            || self.name_words.as_ref().is_some_and(|w| w.is_match(text))
        {
            return true;
        }
        if self.directives.is_match(text) {
            return true;
        }
        for m in self.triggers.find_iter(text) {
            let rest = &text[m.end()..];
            let spells = match m.as_str() {
                "&" => !plain_reference(rest),
                // Escapes that spell a character (`\u`, `\x`, `\t` in JSON, YAML and TOML),
                // join lines (before a line end or a space), or keep punctuation from being
                // read as such (`\.` and `\@` in a Markdown link address).
                "\\" => rest
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_ascii_alphanumeric() || "0abtnvfreNLPxuU".contains(c)),
                _ => true,
            };
            if spells {
                return true;
            }
        }
        // A name split by markup (`Ukrin<wbr>form`): a word that markup splits is read again
        // without it, or its whole line where a name form has more than one word.
        let bytes = text.as_bytes();
        // A URL parser leaves tabs and line breaks out of a URL (a line break elsewhere is
        // a space, which splits a name; a tab inside a name is looked at all the same).
        if memchr::memchr3_iter(b'\t', b'\n', b'\r', bytes).any(|i| breaks_a_url(bytes, i))
            || memchr::memchr_iter(b'\t', bytes).any(|i| self.follows_a_name_start(text, i))
        {
            return true;
        }
        if self.markup_splits_a_name(text, memchr::memchr_iter(b'<', bytes))
            || self.markup_splits_a_name(text, memchr::memchr3_iter(b'*', b'`', b'~', bytes))
            || self.markup_splits_a_name(text, memchr::memchr3_iter(b'[', b']', b'!', bytes))
        {
            return true;
        }
        let trimmed = text.trim_start_matches('\u{feff}');
        if (trimmed.starts_with("---") || trimmed.starts_with("+++") || trimmed.starts_with('{'))
            && crate::document::front_matter_problem(trimmed)
        {
            return true;
        }
        self.slashes
            .find_iter(text)
            .any(|m| self.suspicious_host(&text[m.end()..]))
            || memchr::memchr_iter(b'\\', bytes).any(|i| {
                let slash = |b: Option<&u8>| b.is_some_and(|b| matches!(b, b'/' | b'\\'));
                (slash(bytes.get(i + 1)) || slash(i.checked_sub(1).and_then(|j| bytes.get(j))))
                    && self.suspicious_host(&text[i + 1..])
            })
            || scheme_ends(bytes).any(|end| {
                let rest = &text[end..];
                // After `https://` the `//` search has seen the host.
                !rest.starts_with("//") && self.suspicious_host(rest)
            })
    }

    /// Whether markup at one of `hits` (in order) splits a word that holds a name form or
    /// brand; each word is read once.
    fn markup_splits_a_name(&self, text: &str, hits: impl Iterator<Item = usize>) -> bool {
        let mut read_up_to = 0;
        let bytes = text.as_bytes();
        for at in hits {
            // Markup right after an ASCII character that no name holds neither follows the
            // start of a name nor splits one of single words (most markup: `2024</time>`).
            if self.single_words
                && at
                    .checked_sub(1)
                    .is_none_or(|i| bytes[i].is_ascii() && !self.name_ascii[usize::from(bytes[i])])
            {
                continue;
            }
            if self.follows_a_name_start(text, at) {
                return true;
            }
            if at < read_up_to
                || self.single_words && !self.may_start_a_name(text, at)
                || !splits_a_word(text, at)
            {
                continue;
            }
            let (word, end) = if self.single_words {
                joined_word(text, read_up_to, at)
            } else {
                let start = memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1);
                visible_line(text, start.max(read_up_to))
            };
            if self.names.iter().any(|n| n.is_match(&word)) {
                return true;
            }
            read_up_to = end;
        }
        false
    }

    /// Whether a one-word name can stand across the markup at `at` with one or two of its
    /// characters before it: those are the last one or two before `at`. A name with three
    /// or more before it, or that starts a word, is [`Self::follows_a_name_start`]'s; one
    /// that does not cross `at` is in the raw text or crosses other markup, which is
    /// looked at on its own. Reading the word joined costs more than this look, and most
    /// markup inside a text's words (minified page chrome: `2024</time></li><li>`) splits
    /// none.
    fn may_start_a_name(&self, text: &str, at: usize) -> bool {
        if self.long_names {
            return true;
        }
        let mut before = text[..at].chars().rev();
        let (Some(last), second) = (before.next(), before.next()) else {
            return false;
        };
        self.names_folded.iter().any(|name| {
            (name.len() >= 2 && matches(last, &name[0]))
                || (name.len() >= 3
                    && second.is_some_and(|c| matches(c, &name[0]))
                    && matches(last, &name[1]))
        })
    }

    /// Whether the letters and digits right before `at` end with the start of a name form or
    /// brand (any case): the whole run of them, or its last three characters or more. The
    /// last one or two inside a word are too common to count: Ukrainian words end in `у`,
    /// and surnames in `-uk` and `-чук`, the starts of `Ukrinform` and `Укрінформ`.
    fn follows_a_name_start(&self, text: &str, at: usize) -> bool {
        // Most markup follows a space or punctuation: one byte says so.
        if text.as_bytes()[..at]
            .last()
            .is_none_or(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
        {
            return false;
        }
        // The run's last characters, last first; whether it is longer.
        let mut run = ['\0'; RUN_READ];
        let mut len = 0;
        let mut longer = false;
        for c in text[..at].chars().rev() {
            if !is_word_char(c) {
                break;
            }
            if len == run.len() {
                longer = true;
                break;
            }
            run[len] = c;
            len += 1;
        }
        self.names_folded.iter().any(|name| {
            (1..name.len().min(len + 1)).any(|start| {
                (start >= 3 || (start == len && !longer))
                    && (0..start).all(|j| matches(run[start - 1 - j], &name[j]))
            })
        })
    }

    /// Whether the host that `rest` starts with (after a URL start) could be a look-alike,
    /// or is written in a way only the full check can judge.
    fn suspicious_host(&self, rest: &str) -> bool {
        let rest = rest.trim_start_matches(['/', '\\', '\t', '\n', '\r']);
        // Whether a tab or line break was left out, as URL parsers leave them out; the
        // authority is copied only then.
        let mut joined = false;
        let mut end = rest.len();
        let mut i = 0;
        while let Some(&byte) = rest.as_bytes().get(i) {
            // Plain ASCII letters, digits and the punctuation of hosts are most of it.
            if byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b':' | b'_') {
                i += 1;
                continue;
            }
            let c = rest[i..].chars().next().unwrap_or_default();
            match c {
                '\t' | '\n' | '\r' => joined = true,
                c if matches!(c, '/' | '\\' | '?' | '#' | '<' | '>')
                    || QUOTES_AND_BRACKETS.contains(&c)
                    || c.is_whitespace()
                    || c.is_control() =>
                {
                    end = i;
                    break;
                }
                _ => {}
            }
            i += c.len_utf8();
        }
        let authority: std::borrow::Cow<'_, str> = if joined {
            rest[..end].replace(['\t', '\n', '\r'], "").into()
        } else {
            rest[..end].into()
        };
        if authority.is_empty() {
            return false;
        }
        // A URL parser reads on where this reading stopped at a quote, bracket or brace:
        // user information may hold them before an `@`. It reads up to the end of the
        // authority, or to the next of the same character (the closing quote of an
        // attribute or a JSON string: `"https://schema.org","@type"` holds no `@`).
        let after = &rest[end..];
        let stop = after.chars().next();
        let after = if stop.is_some_and(|c| QUOTES_AND_BRACKETS.contains(&c)) {
            &after[..after
                .char_indices()
                .skip(1)
                .find(|&(_, c)| {
                    c.is_whitespace()
                        || matches!(c, '/' | '\\' | '?' | '#' | '<' | '>')
                        || Some(c) == stop
                })
                .map_or(after.len(), |(i, _)| i)]
        } else {
            ""
        };
        if !authority.is_ascii()
            || authority.contains(['%', '@', '&'])
            || after.contains(['@', '&', '%'])
            || userinfo_ahead(rest)
            || (joined && self.names.iter().any(|n| n.is_match(&authority)))
        {
            return true;
        }
        // Quotes, parentheses and braces may stand inside a host too (`ukr'inform.net`):
        // the host is judged with what follows them as well, without them; one that then
        // names a source is not the source's own.
        if after.len() > 1 {
            let whole: String = authority
                .chars()
                .chain(after.chars())
                .filter(|c| !QUOTES_AND_BRACKETS.contains(c))
                .collect();
            if whole != authority
                && (!whole.is_ascii()
                    || self.names.iter().any(|n| n.is_match(&whole))
                    || self.suspicious_authority(&whole))
            {
                return true;
            }
        }
        // A repository links to the same few hosts over and over: remember the verdicts of
        // those that can be hosts at all (a DNS name has at most 253 bytes), so the cache
        // stays small whatever the documents hold.
        if authority.len() > MAX_CACHED_AUTHORITY {
            return self.suspicious_authority(&authority);
        }
        HOSTS.with_borrow_mut(|seen| {
            let seen = seen.entry(self.id).or_default();
            if let Some(&verdict) = seen.get(authority.as_ref()) {
                return verdict;
            }
            let verdict = self.suspicious_authority(&authority);
            if seen.len() >= HOST_CACHE {
                seen.clear();
            }
            seen.insert(authority.into_owned(), verdict);
            verdict
        })
    }

    /// Whether a plain ASCII authority could be a look-alike of a source's domains.
    fn suspicious_authority(&self, authority: &str) -> bool {
        let host = authority.rsplit_once(':').map_or(authority, |(h, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                h
            } else {
                authority
            }
        });
        let host = host.trim_end_matches(['.', ',', ';', '!', '*', '_', '~']);
        // A single label may still be judged against the brands (`ukrinfrom'.net` is read
        // up to the quote, `ukrinfrom.!` loses its last label).
        if !host.is_empty() && !host.contains('.') {
            return self.suspicious_authority(&format!("{host}.com"));
        }
        let Ok(url) = url::Url::parse(&format!("https://{host}/")) else {
            return false;
        };
        self.sources.iter().any(|s| {
            let genuine = |h: &str| host::is_under(h, &s.domains) || host::is_under(h, &s.related);
            host::imitation(
                &url,
                &format!("https://{host}/"),
                &s.domains,
                &s.brands,
                host::MAX_EDITS_BOUND,
                &genuine,
            )
            .is_some()
        })
    }
}

#[cfg(test)]
mod tests {

    use crate::rules::Engine;

    fn may_fire(text: &str) -> bool {
        Engine::with_embedded().unwrap().may_fire(text)
    }

    #[test]
    fn documents_without_any_trigger_are_skipped() {
        assert!(!may_fire(
            "---\ntitle: Weather\n---\n\nRain in [Lviv](https://weather.example.com/lviv) &amp; snow.\n"
        ));
        assert!(!may_fire(
            "<p>See <a href=\"https://www.bbc.com/news\">BBC</a>.</p>"
        ));
    }

    #[test]
    fn a_name_of_two_words_split_by_markup_is_a_trigger() {
        let text = Engine::embedded("ukrinform")
            .unwrap()
            .replace(
                "[\"Ukrinform\", \"Укрінформ\", \"Укринформ\", \"Укрiнформ\", \"ウクルインフォルム\"]",
                "[\"Demo Agency\"]",
            )
            .replace("\"ukrinform.", "\"demo-agency.");
        let mut engine = Engine::default();
        engine.add(crate::rules::pack::load("demo", &text).unwrap());
        // The name's words are not single words of the pack: the whole line is read again.
        assert!(engine.may_fire("Talks resumed, Demo Age<wbr>ncy reports."));
        assert!(!engine.may_fire("Talks resumed, the Age<wbr>nts report."));
        // A word of the name on its own is enough: the white space between the words can be
        // written in too many ways to be read here.
        assert!(engine.may_fire("Talks resumed, Demo Age<wbr>nts report."));
        // White space between the words, as the model reads it: one space.
        for space in ["\n", "\r\n  ", "\t", "\u{a0}", "&nbsp;", "&#160;", "  "] {
            let text = format!("<p>Talks resumed, Demo{space}Agency reports.</p>");
            assert!(engine.may_fire(&text), "{text:?}");
        }
    }

    #[test]
    fn markup_between_words_or_blocks_is_no_trigger() {
        assert!(!may_fire(
            "<ul><li><a href=\"/news\">News</a></li><li><a href=\"/sport\">Sport</a></li></ul>\
             <p>Rain in <b>Lviv</b> today, *heavy* at times_</p><p>Snow</p>\
             <a href=\"/tag/ukraine\">Ukraine</a><a href=\"/tag/form\">form</a>"
        ));
    }

    #[test]
    fn names_domains_and_directives_in_any_case_are_triggers() {
        for text in [
            "ukrinform",
            "УКРІНФОРМ said",
            "УкрІнформ",
            "see ukrinform.net",
            "<!-- citelint-disable -->",
        ] {
            assert!(may_fire(text), "{text}");
        }
    }

    #[test]
    fn hidden_spellings_are_triggers() {
        for text in [
            "Ukr\u{00AD}inform",
            "Ukr&#105;nform",
            "Ukr&shy;inform",
            "{\"a\": \"\\u0055krinform\"}",
            "Talks resumed, Ukrin<wbr>form reports.",
            "<p>Talks resumed, <span>Ukrin</span>form reports.</p>",
            "<b>U</b><i>krin</i><!-- x -->form",
            "Talks resumed, Ukrin*form* reports.",
            "<p>Ukrin<a href=\"/x\">form</a>\n</p>",
            "<p>Ukr<b\n>in</b\nclass=x>form</p>",
            "Talks resumed, Ukr[inform](https://example.com/) reports.",
            // Markup the joined word cannot be read through: a reference label, a link
            // address with parentheses, `>` in an attribute, hidden content, processing
            // instructions, bogus comments, CDATA, an empty image.
            "Talks resumed, Ukr[in][r]form reports.\n\n[r]: https://example.com/\n",
            "Talks resumed, Ukr[in](https://example.com/a_(b))form reports.",
            "Talks resumed, Ukrin<span title=\"a>b\">form</span> reports.",
            "<p>Talks resumed, Ukrin<span hidden>xx</span>form reports.</p>",
            "<p>Talks resumed, Ukrin<noscript>zz</noscript>form reports.</p>",
            "<p>Talks resumed, Ukrin<?x?>form reports.</p>",
            "Talks resumed, Ukrin<!x>form reports.",
            "<p>Talks resumed, Ukrin<![CDATA[x]]>form reports.</p>",
            "Talks resumed, Ukrin![](x.png)form reports.",
            "<p>Talks resumed, У<span hidden>x</span>крінформ повідомляє.</p>",
            // Markup the word reading skips, after a name start inside a word; a name start
            // in another case form (`ᲂ` folds to `о`).
            "[xUk<!x>rinform](https://example.com/)",
            "<a href=\"https://example.com/\">xUk<?x?>rinform</a>",
            "[xУк<body>рінформ](https://example.com/)",
            "Talks resumed, Укрінфᲂ<!x>рм повідомляє.",
            "<p>Talks resumed, Укрінфᲂ</ x>рм повідомляє.</p>",
            // A tab inside the source's own host, in a link, front matter or JSON-LD.
            "First paragraph.\n\nSecond [x](<https://ukrin\tform.net/>).\n",
            "---\nsource: \"https://ukrin\\tform.net/\"\n---\n\nTalks resumed.\n",
            "<meta name=\"source\" content=\"https://ukrin\tform.net/\"><p>Talks.</p>",
            // Escapes in front matter.
            "---\nsource: \"\\x55krinform\"\n---\n\nTalks resumed.\n",
            "---\nsource: \"Ukrin\\\n  form\"\n---\n\nTalks resumed.\n",
            "+++\nsource = \"\"\"Ukrin\\  \n  form\"\"\"\n+++\n\nTalks resumed.\n",
        ] {
            assert!(may_fire(text), "{text}");
        }
    }

    #[test]
    fn json_ld_and_attributes_after_a_host_are_no_user_information() {
        assert!(!may_fire(
            "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\
             \"@type\":\"NewsArticle\"}</script>\
             <p><a href=\"https://example.com\" data-mail=\"a@example.com\">x</a></p>"
        ));
    }

    #[test]
    fn a_name_split_after_its_first_one_or_two_letters_inside_a_word_is_a_trigger() {
        for text in [
            "xU<b>k</b>rinform reports.",
            "xyUk<wbr>rinform reports.",
            "мУ<i>к</i>рінформ повідомляє.",
            "2024</time></li><li>U<b>krinform</b> reports.",
            "2024</time></li><li>xU</a>krinform reports.",
        ] {
            assert!(may_fire(text), "{text:?}");
        }
        // Minified chrome splits words that start no name.
        assert!(!may_fire(
            "<li><time>2024</time></li><li><a href=\"/a\">News</a></li><li>Sport</li>"
        ));
    }

    #[test]
    fn markup_after_words_that_start_no_name_is_no_trigger() {
        // Ukrainian words ending in `у`, and surnames in `-uk` and `-чук`, end with the start
        // of a name.
        assert!(!may_fire(
            "<p><b>Києву</b> і <a href=\"/x\">Україну</a> **Львову**, \
             <span>Oksana Marchuk</span> · [Марчук](https://example.com/).</p>"
        ));
    }

    #[test]
    fn look_alike_hosts_are_triggers_however_written() {
        for text in [
            "[x](https://ukrinfrom.net/)",
            "<a href=\"//ukrlnform.net\">x</a>",
            "www.ukrinfrom.net",
            "[x](HTTPS:\\\\ukrinfrom.net)",
            "<a href=\"\\/ukrinfrom.net/\">x</a>",
            // Escaped punctuation, a tab or line break inside the scheme or the slashes.
            "[x](https\\:ukrinfrom.net)",
            "[x](https://ukrinfrom\\.net)",
            "<a href=\"ht\ttps:ukrinfrom.net\">x</a>",
            "<a href=\"/\t/ukrinfrom.net/\">x</a>",
            "<a href=\"htt\nps://ukrinfrom.net/\">x</a>",
            // User information with quotes or spaces, quotes and entities in the host, a
            // host that loses its last label to trimming.
            "[x](https://ukr1nform'x@evil.example/)",
            "<a href=\"https://a'b@ukrinfrom.net/\">x</a>",
            "<a href=\"https://a b@ukrinfrom.net/\">x</a>",
            "[x](https://ukrinfrom'.net/)",
            "[x](https://uk\"rinform.net:8080/)",
            "[x](https://ukrinfrom&amp;.net/)",
            "[x](https://ukrinfrom.!/)",
            "[x](https://ukrin\tfrom.net/)",
            "[x](https://user@evil.example/)",
            "[x](https://ukr%69nform.net/)",
            "[x](https://xn--ukrnform-vhh.net/)",
            "<a href=\"https://ｕｋｒｉｎｆｏｒｍ.net\">x</a>",
        ] {
            assert!(may_fire(text), "{text}");
        }
    }

    proptest::proptest! {
        /// The scheme scan stops wherever a case-insensitive search for `http:`, `https:`
        /// and `www.` ends a match (and only there).
        #[test]
        fn scheme_ends_are_where_a_search_for_the_words_ends(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "http", "HTTPS", "hTtP", "s", "S", ":", "www", "WwW", "w", ".", "x", "/", " ",
                ]),
                0..16,
            ),
        ) {
            let text = pieces.concat();
            let words = regex::Regex::new(r"(?i)https?:|www\.").unwrap();
            let mut wanted: Vec<usize> = Vec::new();
            // Every match, overlapping ones too: each start is searched on its own.
            for start in 0..text.len() {
                if let Some(m) = words.find_at(&text, start).filter(|m| m.start() == start) {
                    wanted.push(m.end());
                }
            }
            wanted.sort_unstable();
            wanted.dedup();
            let found: Vec<usize> = super::scheme_ends(text.as_bytes()).collect();
            proptest::prop_assert_eq!(found, wanted);
        }
    }

    #[test]
    fn host_verdicts_are_the_same_when_remembered() {
        let engine = Engine::with_embedded().unwrap();
        for _ in 0..3 {
            assert!(engine.may_fire("[x](https://ukrinfrom.net/a)"));
            assert!(!engine.may_fire("[x](https://weather.example.com/a)"));
            assert!(engine.may_fire("see https:ukrinfrom.net"));
        }
        // An authority longer than any host is judged, not remembered.
        let long = format!("[x](https://{}.ukrinfrom.net/)", "a".repeat(300));
        assert!(engine.may_fire(&long));
        let plain = format!("[x](https://{}.example.com/)", "a".repeat(300));
        assert!(!engine.may_fire(&plain));
    }

    #[test]
    fn broken_front_matter_is_a_trigger() {
        assert!(may_fire("---\ntitle: [unclosed\n---\nBody\n"));
    }
}
