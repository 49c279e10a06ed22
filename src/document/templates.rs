//! Site-generator template syntax in Markdown, read as the generator renders it. The Markdown
//! parser reads it as text, so before parsing:
//! - template comments (Hugo `{{/* … */}}`, Liquid `{% comment %}…{% endcomment %}`, kramdown
//!   `{::comment}…{:/comment}`, Nunjucks and Jinja `{# … #}`, MDX `{/* … */}`) and lines of
//!   Liquid tags that output nothing (`{% assign … %}`, `{% if … %}`) are blanked: a link or
//!   a citation in them is nowhere on the page;
//! - a line of other tags written over several lines (a Hugo shortcode `{{< figure … >}}`
//!   with its close on a line of its own) is joined into one line, so that it is read as one
//!   tag line is (not as a paragraph, its `link` still a link), not its `>}}` as a quote.

use memchr::memmem;

/// `text` as the Markdown parser is to read it: every template comment and every line of
/// tags that output nothing blanked (each byte but line breaks turned into a space), and the
/// line breaks inside every other line of tags turned into spaces, so that every offset
/// stays where it was. `None` when there is nothing to change. Only the part from `from` on
/// is looked at (the front matter before it is not Markdown).
#[must_use]
pub fn blank(text: &str, from: usize, mdx: bool) -> Option<String> {
    let body = &text.as_bytes()[from..];
    // Most documents hold no brace at all.
    memchr::memchr(b'{', body)?;
    // Each region with whether it is blanked (else joined).
    let mut regions: Vec<(usize, usize, bool)> = Vec::new();
    let closes = Closes::new(body);
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'{', &body[at..]) {
        let start = at + i;
        let found = comment_end(body, start, mdx, &closes)
            .map(|end| (end, true))
            .or_else(|| tag_line_end(body, start));
        at = match found {
            Some((end, blanked)) => {
                let multiline = memchr::memchr2(b'\n', b'\r', &body[start..end]).is_some();
                if blanked || multiline {
                    regions.push((from + start, from + end, blanked));
                }
                end
            }
            None => start + 1,
        };
    }
    if regions.is_empty() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for (start, end, blanked) in regions {
        for b in &mut bytes[start..end] {
            let line_break = *b == b'\n' || *b == b'\r';
            if blanked != line_break {
                *b = b' ';
            }
        }
    }
    // Only whole characters were replaced, by ASCII, so the bytes are still UTF-8.
    String::from_utf8(bytes).ok()
}

/// Where each way of closing a comment last stands in the body: an opener after it cannot be
/// closed, and is not searched from (a text of many openers and no close stays linear).
struct Closes {
    star: Option<usize>,
    hash: Option<usize>,
    liquid: Option<usize>,
    kramdown: Option<usize>,
}

impl Closes {
    fn new(body: &[u8]) -> Self {
        Self {
            star: memmem::rfind(body, b"*/"),
            hash: memmem::rfind(body, b"#}"),
            liquid: memmem::rfind(body, b"endcomment"),
            kramdown: memmem::rfind(body, b"{:/comment}"),
        }
    }
}

/// Where the template comment opening at `start` ends, if one opens there and is closed.
fn comment_end(body: &[u8], start: usize, mdx: bool, closes: &Closes) -> Option<usize> {
    let rest = &body[start..];
    let after = |open: usize, close: &[u8], last: Option<usize>| {
        (last? >= start + open)
            .then(|| memmem::find(&rest[open..], close).map(|i| start + open + i + close.len()))
            .flatten()
    };
    let closable = |last: Option<usize>| last.is_some_and(|l| l > start);
    if let Some(open) = hugo_comment_open(rest).filter(|_| closable(closes.star)) {
        // `*/}}` or `*/ -}}`.
        let mut at = open;
        loop {
            let i = memmem::find(&rest[at..], b"*/")? + at + 2;
            let tail = &rest[i..];
            let trimmed = tail.len() - trim_start(tail, b" \t-").len();
            if tail[trimmed..].starts_with(b"}}") {
                return Some(start + i + trimmed + 2);
            }
            at = i;
        }
    }
    if rest.starts_with(b"{%")
        && closable(closes.liquid)
        && liquid_word(&rest[2..]).is_some_and(|(w, _)| w == b"comment")
    {
        // Up to the end of the `{% endcomment %}` tag.
        let mut at = 2;
        loop {
            let i = memmem::find(&rest[at..], b"{%")? + at;
            if let Some((word, len)) = liquid_word(&rest[i + 2..])
                && word == b"endcomment"
            {
                let close = memmem::find(&rest[i + 2 + len..], b"%}")?;
                return Some(start + i + 2 + len + close + 2);
            }
            at = i + 2;
        }
    }
    if rest.starts_with(b"{::comment}") {
        return after(11, b"{:/comment}", closes.kramdown);
    }
    if rest.starts_with(b"{#") {
        return after(2, b"#}", closes.hash);
    }
    if mdx && rest.starts_with(b"{/*") {
        return after(3, b"*/}", closes.star);
    }
    None
}

/// After how many bytes a Hugo comment (`{{/*`, `{{- /*`) has opened at the start of `rest`.
fn hugo_comment_open(rest: &[u8]) -> Option<usize> {
    let inner = rest.strip_prefix(b"{{")?;
    let trimmed = trim_start(inner, b" \t-");
    trimmed
        .starts_with(b"/*")
        .then(|| rest.len() - trimmed.len() + 2)
}

/// The first word of a Liquid tag's inside (after `{%`, a `-` and spaces) and how many bytes
/// it took.
fn liquid_word(inside: &[u8]) -> Option<(&[u8], usize)> {
    let trimmed = trim_start(inside, b" \t-");
    let skipped = inside.len() - trimmed.len();
    let len = trimmed
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(trimmed.len());
    (len > 0).then(|| (&trimmed[..len], skipped + len))
}

fn trim_start<'a>(bytes: &'a [u8], set: &[u8]) -> &'a [u8] {
    let n = bytes.iter().take_while(|b| set.contains(b)).count();
    &bytes[n..]
}

/// Where a run of template tags ends that starts a line at `start` and fills it, and the
/// lines it runs over, up to the end of its last line, and whether every tag of it is a
/// Liquid tag that outputs nothing; `None` if text shares those lines. A tag's close is
/// looked for before the next blank line, so a stray opener takes nothing.
fn tag_line_end(body: &[u8], start: usize) -> Option<(usize, bool)> {
    let indent = body[..start]
        .iter()
        .rev()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    if start > indent && body[start - indent - 1] != b'\n' {
        return None;
    }
    let mut at = start;
    let mut silent = true;
    loop {
        let rest = &body[at..];
        silent &= rest.starts_with(b"{%")
            && liquid_word(&rest[2..]).is_some_and(|(word, _)| SILENT_TAGS.contains(&word));
        let close: &[u8] = if rest.starts_with(b"{{<") {
            b">}}"
        } else if rest.starts_with(b"{{%") {
            b"%}}"
        } else if rest.starts_with(b"{%") {
            b"%}"
        } else {
            return None;
        };
        let limit = memmem::find(rest, b"\n\n")
            .or_else(|| memmem::find(rest, b"\n\r\n"))
            .unwrap_or(rest.len());
        let end = at + memmem::find(&rest[2..limit], close)? + 2 + close.len();
        // The rest of the line: nothing, or another tag.
        let after = trim_start(&body[end..], b" \t");
        let next = end + (body.len() - end - after.len());
        match after.first() {
            None | Some(b'\n' | b'\r') => return Some((next, silent)),
            Some(b'{') => at = next,
            Some(_) => return None,
        }
    }
}

/// Liquid tags that output nothing themselves: assignments and control flow.
const SILENT_TAGS: [&[u8]; 20] = [
    b"assign",
    b"capture",
    b"endcapture",
    b"if",
    b"elsif",
    b"else",
    b"endif",
    b"unless",
    b"endunless",
    b"for",
    b"endfor",
    b"case",
    b"when",
    b"endcase",
    b"break",
    b"continue",
    b"comment",
    b"endcomment",
    b"liquid",
    b"doc",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn blanked(text: &str) -> String {
        blank(text, 0, false).unwrap_or_else(|| text.to_owned())
    }

    #[test]
    fn a_shortcode_over_several_lines_is_joined_into_one() {
        let text = "{{< figure\n  src=\"x.jpg\"\n  link=\"https://a.example/\"\n>}}\n\nLead.\n";
        let out = blanked(text);
        assert_eq!(out.len(), text.len());
        assert_eq!(
            out,
            "{{< figure   src=\"x.jpg\"   link=\"https://a.example/\" >}}\n\nLead.\n"
        );
        // On one line it is left as it is.
        assert!(blank("{{< figure src=\"x.jpg\" >}}\n\nLead.\n", 0, false).is_none());
    }

    #[test]
    fn template_comments_are_blanked_wherever_they_stand() {
        for (text, kept) in [
            ("{{/* [Z](https://a.example/) */}}\nText.\n", "Text."),
            ("{{- /* Z */ -}}\nText.\n", "Text."),
            (
                "{% comment %}\n[Z](https://a.example/)\n\nmore Z\n{% endcomment %}\nText.\n",
                "Text.",
            ),
            ("{%- comment -%}Z{%- endcomment -%}\nText.\n", "Text."),
            ("{::comment}\nZ\n{:/comment}\nText.\n", "Text."),
            ("Before {# Z #} after.\n", "Before"),
        ] {
            let out = blanked(text);
            assert!(!out.contains('Z'), "{text:?} → {out:?}");
            assert!(out.contains(kept), "{text:?} → {out:?}");
        }
    }

    #[test]
    fn mdx_comments_are_blanked_only_in_mdx() {
        let text = "{/* [x](https://a.example/) */}\nText.\n";
        assert!(blank(text, 0, false).is_none());
        assert!(!blank(text, 0, true).unwrap().contains("a.example"));
    }

    #[test]
    fn tags_sharing_a_line_with_text_and_unclosed_openers_stay() {
        for text in [
            "See {{< ref \"a.md\" >}} for more.\n",
            "{{< figure src=\"x.jpg\" >}} A caption.\n",
            "{{< figure\n\nText after a blank line >}}\n",
            "{% comment %} never closed\n",
            "Liquid output {{ page.title }} renders.\n",
            "{{ page.title }}\n",
        ] {
            assert_eq!(blanked(text), text);
        }
    }

    #[test]
    fn a_line_of_silent_liquid_tags_is_blanked_and_other_tags_stay() {
        let text = "{% assign a = \"https://a.example/\" %} {% if a %}\nInside.\n{% endif %}\n";
        assert_eq!(blanked(text).trim(), "Inside.");
        for text in [
            "{% assign a = 1 %} {% include x.html %}\n",
            "{{< notice >}}\nInside.\n{{< /notice >}}\n",
        ] {
            assert_eq!(blanked(text), text);
        }
    }

    #[test]
    fn front_matter_before_the_body_is_left_alone() {
        let text = "---\ntitle: \"{% if x %}\"\n---\n{% if y %}\n";
        let from = text.find("{% if y").unwrap();
        let out = blank(text, from, false).unwrap();
        assert!(out.contains("{% if x %}"));
        assert!(!out.contains("{% if y"));
    }
}
