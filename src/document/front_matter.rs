//! YAML (`---`) and TOML (`+++`) front matter, flattened to dotted keys with spans.

use super::{LineIndex, Meta, Problem, Span};

/// Front matter found at the start of a Markdown document.
#[derive(Debug)]
pub(crate) struct FrontMatter {
    /// The whole block, fences included.
    pub span: Span,
    /// Where the body starts.
    pub body_start: usize,
    /// Flattened entries.
    pub entries: Vec<Meta>,
    /// A parse error, reported as a warning; the body is still checked.
    pub problem: Option<Problem>,
}

/// Splits front matter off the start of `text`, if there is any.
pub(crate) fn split(text: &str) -> Option<FrontMatter> {
    split_as(text, true)
}

/// Whether `text` starts with front matter that fails to parse; its entries are not built.
pub(crate) fn has_problem(text: &str) -> bool {
    split_as(text, false).is_some_and(|fm| fm.problem.is_some())
}

fn split_as(text: &str, flatten: bool) -> Option<FrontMatter> {
    if text.starts_with('{') {
        return split_json(text, flatten);
    }
    let fence = if text.starts_with("---") {
        "---"
    } else if text.starts_with("+++") {
        "+++"
    } else {
        return None;
    };
    let first_end = line_end(text, 0);
    if text[..first_end].trim_end() != fence {
        return None;
    }
    let content_start = next_line(text, first_end);
    let mut at = content_start;
    while at < text.len() {
        let end = line_end(text, at);
        let line = text[at..end].trim_end();
        if line == fence || (fence == "---" && line == "...") {
            let body_start = next_line(text, end);
            let content = content_start..at;
            let (entries, problem) = if fence == "---" {
                parse_yaml(text, content, flatten)
            } else {
                parse_toml(text, content, flatten)
            };
            return Some(FrontMatter {
                span: 0..end,
                body_start,
                entries,
                problem,
            });
        }
        at = next_line(text, end);
    }
    Some(never_closed(
        text,
        fence,
        format!("close the front matter with a line holding only `{fence}`"),
    ))
}

/// Front matter opened with `open` on the first line of `text` and never closed: as a
/// renderer would, the whole file is read as body.
fn never_closed(text: &str, open: &str, help: String) -> FrontMatter {
    let first_end = line_end(text, 0);
    FrontMatter {
        span: 0..first_end,
        body_start: 0,
        entries: Vec::new(),
        problem: Some(Problem {
            id: "citelint/front-matter",
            message: format!("front matter opened with `{open}` is never closed"),
            span: 0..first_end,
            help,
        }),
    }
}

/// JSON front matter, as Hugo reads it: one JSON object at the start of the file, the rest of
/// its last line blank. Anything else starting with `{` (a shortcode, `{{< figure >}}`, or
/// text) is body, with no problem to report: nothing marks it as front matter.
fn split_json(text: &str, flatten: bool) -> Option<FrontMatter> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    let object = match values.next() {
        Some(Ok(object @ serde_json::Value::Object(_))) => object,
        Some(Err(error)) if is_meant_as_json(text) => return Some(broken_json(text, &error)),
        _ => return None,
    };
    let end = values.byte_offset();
    let last_line_end = line_end(text, end);
    if !text[end..last_line_end].trim().is_empty() {
        return None;
    }
    let content = 0..end;
    let mut entries = Vec::new();
    if flatten {
        flatten_json(&object, "", &Place::new(text, &content), &mut entries);
    }
    Some(FrontMatter {
        span: 0..end,
        body_start: next_line(text, last_line_end),
        entries,
        problem: None,
    })
}

/// Whether `text` opens as JSON front matter does, though it may not parse: `{` alone on
/// its first line, then a quoted key (`"title": …`). A shortcode or text opens otherwise.
fn is_meant_as_json(text: &str) -> bool {
    let first_end = line_end(text, 0);
    text[..first_end].trim_end() == "{"
        && text[first_end..]
            .trim_start()
            .strip_prefix('"')
            .and_then(|rest| rest.find('"').map(|end| &rest[end + 1..]))
            .is_some_and(|after| after.trim_start().starts_with(':'))
}

/// JSON front matter that does not parse: a problem on the line where the parser stopped,
/// and the body after the block's closing line (or, with none, the whole file, as for an
/// unclosed fence).
fn broken_json(text: &str, error: &serde_json::Error) -> FrontMatter {
    let help = || "fix the JSON object: a front matter opening with `{` is read as JSON".into();
    // The block ends at a line holding only `}` with a blank line or nothing after it (a
    // nested object may close at the line's start too), or else at the first such line.
    let mut close = None;
    let mut first_close = None;
    let mut line = next_line(text, line_end(text, 0));
    while line < text.len() {
        let end = line_end(text, line);
        if text[line..end].trim_end() == "}" {
            first_close.get_or_insert(end);
            let next = next_line(text, end);
            if text[next..line_end(text, next)].trim().is_empty() {
                close = Some(end);
                break;
            }
        }
        line = next_line(text, end);
    }
    let Some(end) = close.or(first_close) else {
        return never_closed(text, "{", help());
    };
    let line = LineIndex::new(text).line_range(text, error.line().saturating_sub(1));
    FrontMatter {
        span: 0..end,
        body_start: next_line(text, end),
        entries: Vec::new(),
        problem: Some(Problem {
            id: "citelint/front-matter",
            message: format!("front matter is not valid JSON: {error}"),
            span: line,
            help: help(),
        }),
    }
}

fn flatten_json(node: &serde_json::Value, prefix: &str, place: &Place<'_>, out: &mut Vec<Meta>) {
    use serde_json::Value;
    match node {
        Value::Object(map) => {
            for (key, value) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten_json(value, &path, place, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                flatten_json(item, prefix, place, out);
            }
        }
        Value::Null => {}
        Value::String(s) => push(out, prefix, s.clone(), place),
        other => push(out, prefix, other.to_string(), place),
    }
}

fn line_end(text: &str, from: usize) -> usize {
    memchr::memchr2(b'\n', b'\r', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i)
}

fn next_line(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    match bytes.get(end) {
        Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
        None => end,
    }
}

fn parse_yaml(text: &str, content: Span, flatten: bool) -> (Vec<Meta>, Option<Problem>) {
    match simple_yaml(text, &content, flatten) {
        Some(entries) => (entries, None),
        None => parse_yaml_fully(text, content, flatten),
    }
}

/// Front matter read by the YAML parser.
fn parse_yaml_fully(text: &str, content: Span, flatten: bool) -> (Vec<Meta>, Option<Problem>) {
    use yaml_rust2::YamlLoader;
    let source = &text[content.clone()];
    match YamlLoader::load_from_str(source) {
        Ok(docs) => {
            let mut entries = Vec::new();
            if let Some(doc) = docs.first().filter(|_| flatten) {
                flatten_yaml(doc, "", &Place::new(text, &content), &mut entries);
            }
            (entries, None)
        }
        Err(error) => {
            let index = LineIndex::new(source);
            let marker = error.marker();
            let line = index.line_range(source, marker.line().saturating_sub(1));
            let column_offset: usize = source[line.clone()]
                .chars()
                .take(marker.col())
                .map(char::len_utf8)
                .sum();
            let at = content.start + line.start + column_offset;
            let problem = Problem {
                id: "citelint/front-matter",
                message: format!("front matter is not valid YAML: {}", error.info()),
                span: at..(at + 1).min(content.end.max(at)),
                help: "fix the YAML; the body is still checked, the front matter is not".into(),
            };
            (Vec::new(), Some(problem))
        }
    }
}

/// Front matter in the flat subset of YAML most sites write (one `key: value` per line; a
/// value plain, quoted without escapes, or a one-line list of such), read without the YAML
/// parser, which costs more than the rest of a document's model. `None` for anything else,
/// which the parser reads. What is accepted here is valid YAML that the parser reads to the
/// same entries and spans: a property test holds the two to that.
fn simple_yaml(text: &str, content: &Span, flatten: bool) -> Option<Vec<Meta>> {
    use yaml_rust2::Yaml;
    let source = &text[content.clone()];
    let mut keys = Keys::default();
    let mut entries: Vec<FlatEntry<'_>> = Vec::new();
    let mut next_line = 0;
    // The lines, as `split('\n')` gives them (a last one without its line end too).
    let ends = memchr::memchr_iter(b'\n', source.as_bytes()).chain(std::iter::once(source.len()));
    for end in ends {
        let line_start = next_line;
        let line = &source[line_start..end];
        next_line = end + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim_start_matches(' ').is_empty() || line.starts_with('#') {
            continue;
        }
        // Only C0 controls and DEL are single bytes below 0x20 or 0x7F; C1 controls start
        // with 0xC2, and U+FEFF, U+FFFE and U+FFFF with 0xEF: lines without those bytes need
        // no decoding.
        if line
            .bytes()
            .any(|b| b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xEF)
            && line
                .chars()
                .any(|c| c.is_control() || matches!(c, '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'))
        {
            return None;
        }
        let colon = memchr::memchr(b':', line.as_bytes())?;
        let (key, rest) = (&line[..colon], &line[colon + 1..]);
        let simple_key = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !simple_key || !key_reads_as_string(key) || !keys.insert(key) {
            return None;
        }
        let value = rest.strip_prefix(' ')?.trim_matches(' ');
        if value.is_empty() {
            return None;
        }
        match value.strip_prefix('[') {
            Some(list) => {
                let list = list.strip_suffix(']')?.trim_matches(' ');
                if !list.is_empty() {
                    for item in list.split(',') {
                        let item = item.trim_matches(' ');
                        entries.push((key, simple_scalar(item, true)?, item, line_start));
                    }
                }
            }
            None => entries.push((key, simple_scalar(value, false)?, value, line_start)),
        }
    }
    let mut out = Vec::new();
    if flatten {
        // Each key names its own line (keys are simple and unique): no need to look for it.
        for (key, scalar, raw, line) in entries {
            let value = match scalar {
                Yaml::String(s) | Yaml::Real(s) => s,
                Yaml::Integer(i) => i.to_string(),
                Yaml::Boolean(b) => b.to_string(),
                _ => continue,
            };
            // Where the value stands as written, if it is written as it reads (a plain or
            // quoted string): the first match from the key's line is there or before.
            let raw_at = raw.as_ptr() as usize - source.as_ptr() as usize;
            let known = if raw == value {
                Some(raw_at)
            } else {
                (raw.len() == value.len() + 2 && raw[1..raw.len() - 1] == value)
                    .then_some(raw_at + 1)
            };
            let span = match known {
                Some(at) => first_match_by(source, line, at, &value),
                None => locate_from(source, line, &value),
            };
            out.push(meta(key, value, Some(span), content));
        }
    }
    Some(out)
}

/// The keys of flat front matter seen so far: a list while there are few (most front
/// matter has a dozen), a set beyond, so that thousands of keys take linear time.
#[derive(Default)]
struct Keys<'t> {
    list: Vec<&'t str>,
    set: std::collections::HashSet<&'t str>,
}

impl<'t> Keys<'t> {
    const LISTED: usize = 32;

    /// Adds `key`; whether it was new.
    fn insert(&mut self, key: &'t str) -> bool {
        if self.list.len() < Self::LISTED {
            if self.list.contains(&key) {
                return false;
            }
            self.list.push(key);
            if self.list.len() == Self::LISTED {
                self.set.extend(self.list.iter().copied());
            }
            return true;
        }
        self.set.insert(key)
    }
}

/// Whether the YAML parser reads a simple key (a letter or `_`, then letters, digits, `_` and
/// `-`) as a string, as [`yaml_rust2::Yaml::from_str`] resolves it without making one: such
/// a key is no number, so only the null and boolean words are not strings.
fn key_reads_as_string(key: &str) -> bool {
    !matches!(
        key,
        "null" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    )
}

/// A scalar of [`simple_yaml`]: its key, its value as resolved, the text it was read from,
/// and where its key's line starts.
type FlatEntry<'a> = (&'a str, yaml_rust2::Yaml, &'a str, usize);

/// A scalar of [`simple_yaml`]: quoted without escapes or its own quote inside, or plain without
/// anything YAML could read as structure; resolved as the YAML parser resolves it.
fn simple_scalar(value: &str, in_list: bool) -> Option<yaml_rust2::Yaml> {
    use yaml_rust2::Yaml;
    let bytes = value.as_bytes();
    // In double quotes only `"` and `\` are special (an apostrophe, as in `перемир'я`, is
    // text); in single quotes only `'` (doubled), and a backslash is text.
    match bytes.first()? {
        b'"' => {
            let inner = value[1..].strip_suffix('"')?;
            return memchr::memchr2(b'"', b'\\', inner.as_bytes())
                .is_none()
                .then(|| Yaml::String(inner.to_owned()));
        }
        b'\'' => {
            let inner = value[1..].strip_suffix('\'')?;
            return memchr::memchr(b'\'', inner.as_bytes())
                .is_none()
                .then(|| Yaml::String(inner.to_owned()));
        }
        first if b"-?:,[]{}#&*!|>%@`".contains(first) => return None,
        _ => {}
    }
    // Nothing that opens a flow collection, ends a key (`: ` or a final `:`), starts a
    // comment (` #`), or, in a list, ends an item.
    for (i, &b) in bytes.iter().enumerate() {
        let structure = match b {
            b'[' | b']' | b'{' | b'}' => true,
            b':' => in_list || bytes.get(i + 1).is_none_or(|&next| next == b' '),
            b',' => in_list,
            b'#' => i > 0 && bytes[i - 1] == b' ',
            _ => false,
        };
        if structure {
            return None;
        }
    }
    Some(resolve_plain(value))
}

/// A plain scalar resolved as [`yaml_rust2::Yaml::from_str`] resolves it. One that starts
/// with an ASCII letter is no number (an integer or float starts with a digit, a sign or a
/// dot), so only the null and boolean words are not strings: most values are settled
/// without the number parsers, which cost more than the rest of reading a line.
fn resolve_plain(value: &str) -> yaml_rust2::Yaml {
    use yaml_rust2::Yaml;
    // As for a simple key: only the null and boolean words are not strings.
    if value.starts_with(|c: char| c.is_ascii_alphabetic()) && key_reads_as_string(value) {
        return Yaml::String(value.to_owned());
    }
    Yaml::from_str(value)
}

fn flatten_yaml(node: &yaml_rust2::Yaml, prefix: &str, place: &Place<'_>, out: &mut Vec<Meta>) {
    use yaml_rust2::Yaml;
    match node {
        Yaml::Hash(map) => {
            for (key, value) in map {
                let key = match key {
                    Yaml::String(s) => s.clone(),
                    Yaml::Integer(i) => i.to_string(),
                    Yaml::Boolean(b) => b.to_string(),
                    _ => continue,
                };
                let path = if prefix.is_empty() {
                    key
                } else {
                    format!("{prefix}.{key}")
                };
                flatten_yaml(value, &path, place, out);
            }
        }
        Yaml::Array(items) => {
            for item in items {
                flatten_yaml(item, prefix, place, out);
            }
        }
        Yaml::String(s) | Yaml::Real(s) => push(out, prefix, s.clone(), place),
        Yaml::Integer(i) => push(out, prefix, i.to_string(), place),
        Yaml::Boolean(b) => push(out, prefix, b.to_string(), place),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => {}
    }
}

fn parse_toml(text: &str, content: Span, flatten: bool) -> (Vec<Meta>, Option<Problem>) {
    let source = &text[content.clone()];
    match source.parse::<toml::Table>() {
        Ok(_) if !flatten => (Vec::new(), None),
        Ok(table) => {
            let mut entries = Vec::new();
            flatten_toml(
                &toml::Value::Table(table),
                "",
                &Place::new(text, &content),
                &mut entries,
            );
            (entries, None)
        }
        Err(error) => {
            let span = error.span().map_or(content.start..content.start, |s| {
                content.start + s.start..content.start + s.end.max(s.start)
            });
            let problem = Problem {
                id: "citelint/front-matter",
                message: format!("front matter is not valid TOML: {}", error.message()),
                span,
                help: "fix the TOML; the body is still checked, the front matter is not".into(),
            };
            (Vec::new(), Some(problem))
        }
    }
}

fn flatten_toml(node: &toml::Value, prefix: &str, place: &Place<'_>, out: &mut Vec<Meta>) {
    match node {
        toml::Value::Table(table) => {
            for (key, value) in table {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten_toml(value, &path, place, out);
            }
        }
        toml::Value::Array(items) => {
            for item in items {
                flatten_toml(item, prefix, place, out);
            }
        }
        toml::Value::String(s) => push(out, prefix, s.clone(), place),
        other => push(out, prefix, other.to_string(), place),
    }
}

/// The front matter's content, and the line where each key is first named, indexed when
/// first asked for: looking each key up line by line took time with the square of the keys.
struct Place<'t> {
    block: &'t str,
    content: &'t Span,
    keys: std::cell::OnceCell<std::collections::HashMap<&'t str, usize>>,
}

impl<'t> Place<'t> {
    fn new(text: &'t str, content: &'t Span) -> Self {
        Self {
            block: &text[content.clone()],
            content,
            keys: std::cell::OnceCell::new(),
        }
    }

    /// Where the first line that names `key` starts, as [`key_line`] finds it.
    fn key_line(&self, key: &str) -> Option<usize> {
        // A key holding what ends a key's name on its line is looked for line by line.
        if key.is_empty() || key.contains([':', '=', '"']) || key.trim() != key {
            return key_line(self.block, key);
        }
        let keys = self.keys.get_or_init(|| {
            let mut keys = std::collections::HashMap::new();
            let mut at = 0;
            for line in self.block.split_inclusive('\n') {
                if let Some(name) = named_key(line) {
                    keys.entry(name).or_insert(at);
                }
                at += line.len();
            }
            keys
        });
        keys.get(key).copied()
    }
}

/// The key a line names, as [`key_line`] reads it: the words before its first `:` or `=`, or
/// a quoted key before one.
fn named_key(line: &str) -> Option<&str> {
    let trimmed = line.trim_start().trim_start_matches("- ");
    if let Some(quoted) = trimmed.strip_prefix('"')
        && let Some(end) = quoted.find('"')
        && quoted[end + 1..].trim_start().starts_with([':', '='])
    {
        return Some(&quoted[..end]);
    }
    let end = trimmed.find([':', '='])?;
    Some(trimmed[..end].trim_end())
}

/// Records an entry, its span found by looking for the value (or the key) in the block.
fn push(out: &mut Vec<Meta>, key: &str, value: String, place: &Place<'_>) {
    // The value is looked for from the line of its own key, or else from the line of the
    // closest enclosing key: in a flow map (`citelint: {disable: [a/b]}`) the inner key
    // starts no line.
    // A dotted key written so (`params.source = …` in TOML) names its own line.
    let span = std::iter::once(key)
        .filter(|k| k.contains('.'))
        .chain(key.rsplit('.'))
        .find_map(|k| place.key_line(k))
        .map(|line| locate_from(place.block, line, &value));
    out.push(meta(key, value, span, place.content));
}

/// An entry whose span, if found, is a range of the front matter's content.
fn meta(key: &str, value: String, span: Option<Span>, content: &Span) -> Meta {
    let span = span.map_or(content.start..content.start, |r| {
        content.start + r.start..content.start + r.end
    });
    Meta {
        key: key.to_owned(),
        value,
        span,
    }
}

/// Where the first line that names `key` starts in `block`.
fn key_line(block: &str, key: &str) -> Option<usize> {
    let mut at = 0;
    for line in block.split_inclusive('\n') {
        let trimmed = line.trim_start().trim_start_matches("- ");
        let names_key = trimmed
            .strip_prefix(key)
            .or_else(|| {
                trimmed
                    .strip_prefix('"')
                    .and_then(|t| t.strip_prefix(key))
                    .and_then(|t| t.strip_prefix('"'))
            })
            .is_some_and(|rest| rest.trim_start().starts_with([':', '=']));
        if names_key {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// Finds `value` on or after the key's line at `start` of `block`; falls back to that line.
fn locate_from(block: &str, start: usize, value: &str) -> Span {
    // A value on one line is found as the first match within a line from the key's line on:
    // one search of the rest of the block finds the same (a match cannot cross a line break
    // the value does not hold). A value of several lines is on none of them.
    if !value.is_empty()
        && !value.contains('\n')
        && let Some(i) = memchr::memmem::find(&block.as_bytes()[start..], value.as_bytes())
    {
        return start + i..start + i + value.len();
    }
    let end = block[start..]
        .find(['\r', '\n'])
        .map_or(block.len(), |i| start + i);
    start..end
}

/// What [`locate_from`] finds for a one-line `value` known to stand at `known` (at or after
/// `start`): the first match from `start`, which is at `known` or before it.
fn first_match_by(block: &str, start: usize, known: usize, value: &str) -> Span {
    let bytes = block.as_bytes();
    let needle = value.as_bytes();
    let Some(&first) = needle.first() else {
        return locate_from(block, start, value);
    };
    if value.contains('\n') {
        return locate_from(block, start, value);
    }
    let at = memchr::memchr_iter(first, &bytes[start..=known])
        .map(|i| start + i)
        .find(|&i| bytes[i..].starts_with(needle))
        .unwrap_or(known);
    at..at + needle.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entry of `fm` under `key`.
    fn entry<'a>(fm: &'a FrontMatter, key: &str) -> &'a Meta {
        fm.entries.iter().find(|m| m.key == key).unwrap()
    }

    #[test]
    fn yaml_front_matter_is_flattened_with_value_spans() {
        let text = "---\ntitle: Hi\nsource:\n  url: https://www.ukrinform.net/x\ntags: [a, b]\n---\nBody\n";
        let fm = split(text).unwrap();
        assert!(fm.problem.is_none());
        assert_eq!(&text[fm.body_start..], "Body\n");
        let url = entry(&fm, "source.url");
        assert_eq!(&text[url.span.clone()], "https://www.ukrinform.net/x");
        assert_eq!(fm.entries.iter().filter(|m| m.key == "tags").count(), 2);
    }

    fn line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let key = prop::sample::select(vec![
            "title", "source", "tags", "a-b", "_x", "true", "null", "1a", "via", "x.y", "Key",
            "False", "TRUE", "Null", "e1", "inf", "nan", "yes", "x1",
        ]);
        let value = prop::sample::select(vec![
            "Ukrinform",
            "\"quoted: yes #1\"",
            "'single'",
            "[a, b]",
            "[]",
            "[ \"x\" , y ]",
            "[a, b,]",
            "[a: b]",
            "-x",
            "a: b",
            "a #c",
            "a#b",
            "a:b",
            "123",
            "-5",
            "0x1F",
            "007",
            "1.5e3",
            ".inf",
            "true",
            "True",
            "~",
            "null",
            "",
            "https://www.ukrinform.net/x?a=1#top",
            "it's",
            "\"перемир'я\"",
            "'a\\b'",
            "'it''s'",
            "'say \"hi\"'",
            "\"a\\nb\"",
            "\"x\\\\y\"",
            "\"esc\\\"\"",
            "{a: 1}",
            "|",
            "&a x",
            "*a",
            "x:",
            "  spaced  ",
            "Укрінформ, «лапки»",
            "so",
            "itle",
            "a-b c",
        ]);
        prop_oneof![
            6 => (key, value).prop_map(|(k, v)| format!("{k}: {v}")),
            1 => Just("# comment".to_owned()),
            1 => Just(String::new()),
            1 => Just("  nested: x".to_owned()),
            1 => Just("- item".to_owned()),
            1 => Just("key:value".to_owned()),
            1 => Just("title: a\r".to_owned()),
        ]
    }

    #[test]
    fn typical_front_matter_is_read_without_the_yaml_parser() {
        let text = "---\ntitle: \"Kyiv: talks\"\ndate: 2025-04-01T07:30:00+02:00\ntags: [a, b]\n\
                    draft: false\nsource: https://www.ukrinform.net/x\n---\nBody\n";
        let end = text.find("\n---\n").unwrap() + 1;
        let entries = simple_yaml(text, &(4..end), true).expect("flat front matter");
        let values: Vec<&str> = entries.iter().map(|m| m.value.as_str()).collect();
        assert_eq!(
            values,
            [
                "Kyiv: talks",
                "2025-04-01T07:30:00+02:00",
                "a",
                "b",
                "false",
                "https://www.ukrinform.net/x"
            ]
        );
        assert!(simple_yaml("---\nsource:\n  url: x\n---\n", &(4..21), true).is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn flat_front_matter_is_read_as_the_yaml_parser_reads_it(
            lines in proptest::collection::vec(line(), 0..8)
        ) {
            let body = lines.join("\n");
            let text = format!("---\n{body}\n---\nBody\n");
            let content = 4..4 + body.len() + 1;
            if let Some(simple) = simple_yaml(&text, &content, true) {
                let (full, problem) = parse_yaml_fully(&text, content, true);
                proptest::prop_assert!(problem.is_none(), "{text:?}: {problem:?}");
                let pairs = |m: &[Meta]| -> Vec<(String, String, Span)> {
                    m.iter().map(|m| (m.key.clone(), m.value.clone(), m.span.clone())).collect()
                };
                proptest::prop_assert_eq!(pairs(&simple), pairs(&full), "{:?}", text);
            }
        }

        /// The index of key lines finds the line that looking line by line finds, for any
        /// key, quoted or with the characters that end a key's name.
        #[test]
        fn indexed_key_lines_are_the_lines_a_scan_finds(
            lines in proptest::collection::vec("[ -]{0,3}\"?[ab:= ]{0,4}\"?[ :=]{0,2}[ab]{0,2}", 0..8),
            key in "[ab:=\" ]{0,4}",
        ) {
            let block = lines.join("\n");
            let content = 0..block.len();
            let place = Place::new(&block, &content);
            proptest::prop_assert_eq!(place.key_line(&key), key_line(&block, &key), "{:?} in {:?}", key, block);
        }

        /// A simple key is taken for a string exactly where the YAML parser resolves it to one.
        #[test]
        fn simple_keys_read_as_strings_as_the_parser_resolves_them(
            key in "[a-zA-Z_][a-zA-Z0-9_-]{0,6}|null|true|True|TRUE|false|False|FALSE|Null|NULL|inf|nan|e1|x0"
        ) {
            proptest::prop_assert_eq!(
                key_reads_as_string(&key),
                matches!(yaml_rust2::Yaml::from_str(&key), yaml_rust2::Yaml::String(_)),
                "{}", key
            );
        }

        /// The quick resolution of plain scalars gives what the YAML parser's does, numbers,
        /// infinities and the null and boolean words included.
        #[test]
        fn plain_scalars_resolve_as_the_parser_resolves_them(
            value in "[a-zA-Z][a-zA-Z0-9.+-]{0,8}|[0-9+.-][a-zA-Z0-9.+_-]{0,8}|null|true|True|TRUE|false|False|FALSE|Null|~|inf|Infinity|nan|NaN|e5|E5|x1|o7|\\.inf|\\.nan|0x1F|0o17|\\+12|-1e3|1_000|2024-01-02"
        ) {
            proptest::prop_assert_eq!(resolve_plain(&value), yaml_rust2::Yaml::from_str(&value), "{}", value);
        }
    }

    #[test]
    fn a_value_in_a_flow_map_is_located_from_its_enclosing_key() {
        let text = "---\ntitle: a/b\ncitelint: {disable: [a/b]}\n---\nBody\n";
        let fm = split(text).unwrap();
        let disable = entry(&fm, "citelint.disable");
        assert_eq!(&text[disable.span.clone()], "a/b");
        assert_eq!(disable.span.start, text.find("[a/b]").unwrap() + 1);
    }

    #[test]
    fn a_toml_dotted_key_is_located_on_its_own_line() {
        let text = "+++\ntitle = \"Ukrinform\"\nparams.source = \"Ukrinform\"\n+++\nBody\n";
        let fm = split(text).unwrap();
        let source = entry(&fm, "params.source");
        assert_eq!(source.span.start, text.rfind("Ukrinform").unwrap());
    }

    #[test]
    fn flat_yaml_with_many_keys_still_finds_a_repeated_one() {
        // Past the first keys, the set takes over the list.
        let mut lines: Vec<String> = (0..40).map(|i| format!("key{i}: v")).collect();
        let content = |lines: &[String]| 4..4 + lines.join("\n").len() + 1;
        let text = format!("---\n{}\n---\nBody\n", lines.join("\n"));
        assert_eq!(
            simple_yaml(&text, &content(&lines), true).map(|m| m.len()),
            Some(40)
        );
        lines.push("key3: w".to_owned());
        let text = format!("---\n{}\n---\nBody\n", lines.join("\n"));
        assert!(simple_yaml(&text, &content(&lines), true).is_none());
    }

    #[test]
    fn json_front_matter_is_read_with_value_spans() {
        let text = "{\n  \"title\": \"Drones\",\n  \"source\": \"Укрінформ\",\n  \"params\": {\"draft\": false}\n}\n\nBody\n";
        let fm = split(text).unwrap();
        assert_eq!(&text[fm.body_start..], "\nBody\n");
        let source = entry(&fm, "source");
        assert_eq!(source.value, "Укрінформ");
        assert_eq!(&text[source.span.clone()], "Укрінформ");
        let draft = entry(&fm, "params.draft");
        assert_eq!(draft.value, "false");
        // A shortcode or text that opens with a brace is body.
        assert!(split("{{< figure src=\"a.jpg\" >}}\n\nBody\n").is_none());
        assert!(split("{\"a\": 1} and text\n").is_none());
    }

    #[test]
    fn broken_json_front_matter_is_a_problem_and_its_block_is_no_body() {
        let text = "{\n  \"source_url\": \"https://www.ukrinform.net/x.html\",\n  \"title\": \"Talks\",\n}\n\nBody.\n";
        let fm = split(text).unwrap();
        let problem = fm.problem.unwrap();
        assert_eq!(&text[problem.span.clone()], "}");
        assert_eq!(&text[fm.body_start..], "\nBody.\n");
        // A nested object closing at the line's start ends no block.
        let text = "{\n\"params\": {\n\"a\": 1,\n}\n\"source_url\": \"https://www.ukrinform.net/x.html\"\n}\n\nBody.\n";
        assert_eq!(&text[split(text).unwrap().body_start..], "\nBody.\n");
        // Unclosed: the whole file is body.
        let fm = split("{\n  \"title\": \"Talks\"\n\nBody.\n").unwrap();
        assert!(fm.problem.is_some() && fm.body_start == 0);
        // A shortcode or text opening with `{` is no front matter.
        assert!(split("{{< figure src=\"x.jpg\" >}}\n\nBody.\n").is_none());
        assert!(split("{\nnot json\n}\n").is_none());
    }

    #[test]
    fn toml_front_matter_is_read() {
        let text = "+++\r\nadvertisement = true\r\n+++\r\nBody";
        let fm = split(text).unwrap();
        let ad = &fm.entries[0];
        assert_eq!(
            (ad.key.as_str(), ad.value.as_str()),
            ("advertisement", "true")
        );
        assert_eq!(&text[fm.body_start..], "Body");
    }

    #[test]
    fn invalid_yaml_is_a_problem_pointing_into_the_block() {
        let text = "---\ntitle: [unclosed\n---\nBody";
        let fm = split(text).unwrap();
        let problem = fm.problem.unwrap();
        assert!(
            problem.span.start >= 4 && problem.span.start <= 22,
            "{:?}",
            problem.span
        );
        assert_eq!(&text[fm.body_start..], "Body");
    }

    #[test]
    fn unterminated_front_matter_leaves_the_whole_file_as_body() {
        let fm = split("---\ntitle: x\nno end").unwrap();
        assert_eq!(fm.body_start, 0);
        assert!(fm.problem.unwrap().message.contains("never closed"));
    }

    #[test]
    fn a_thematic_break_with_text_is_not_front_matter() {
        assert!(split("--- not a fence\n").is_none());
        assert!(split("text\n---\n").is_none());
    }
}
