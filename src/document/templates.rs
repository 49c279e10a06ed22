//! Site-generator template syntax in Markdown, read as the generator renders it. The Markdown
//! parser reads it as text, so before parsing:
//! - template comments (Hugo `{{/* … */}}`, Liquid `{% comment %}…{% endcomment %}`, kramdown
//!   `{::comment}…{:/comment}`, MDX `{/* … */}`, Nunjucks and Jinja `{# … #}`), kramdown's
//!   directives and attribute lists on lines of their own (`{::options … /}`, `{:lead: .lead}`,
//!   `{: .lead}`), and lines of
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
    let index = Index::new(body);
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'{', &body[at..]) {
        let start = at + i;
        let found = comment_end(&index, start, mdx)
            .filter(|&end| blanks_cleanly(&index, start, end))
            .map(|end| (end, true))
            .or_else(|| tag_line_end(&index, start));
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

/// Whether blanking `start..end` leaves the Markdown around it read as before: it crosses
/// no code fence (a comment opener in one fenced block and a close in another are code, not
/// a comment), and no text follows it on its last line after blanks that would indent that
/// text into a code block (`{{/* note */}} Text…` at the start of a line).
fn blanks_cleanly(index: &Index<'_>, start: usize, end: usize) -> bool {
    let body = index.body;
    let within = |needle| index.next(needle, start).is_some_and(|at| at < end);
    if within(Needle::Fence) {
        return false;
    }
    let text_after = trim_start(&body[end..], b" \t")
        .first()
        .is_some_and(|&b| b != b'\n' && b != b'\r');
    !(text_after && (starts_a_line(body, start) || within(Needle::LineBreak)))
}

/// What the scan looks for after an opener.
#[derive(Clone, Copy)]
enum Needle {
    /// The end of a Hugo comment: `*/`, spaces or `-`, then `}}` (listed by where it ends).
    HugoClose,
    /// The end of a Liquid `{% endcomment %}` tag (listed by where it ends).
    LiquidClose,
    /// `{:/comment}` (listed by where it ends, as the rest).
    KramdownClose,
    /// `*/}`.
    MdxClose,
    /// `#}`.
    JinjaClose,
    /// `%}`.
    TagClose,
    /// `>}}`.
    ShortcodeClose,
    /// `%}}`.
    ShortcodePercentClose,
    /// A blank line: `\n\n` or `\n\r\n` (listed by where it starts).
    BlankLine,
    /// A line break before a code fence (```` ``` ```` or `~~~` after up to three spaces).
    Fence,
    /// A line break.
    LineBreak,
}

/// Where each [`Needle`] stands in the body, sorted, each list made with one pass over the
/// body when first asked for: every question after that is a binary search, so a text of
/// many openers and no closes is still read in linear time.
struct Index<'b> {
    body: &'b [u8],
    lists: [std::cell::OnceCell<Vec<usize>>; 11],
}

impl<'b> Index<'b> {
    fn new(body: &'b [u8]) -> Self {
        Self {
            body,
            lists: Default::default(),
        }
    }

    /// The first place of `needle` at or after `from` (an end for the closes, a start for
    /// the blank line).
    fn next(&self, needle: Needle, from: usize) -> Option<usize> {
        let list = self.lists[needle as usize].get_or_init(|| self.list(needle));
        list.get(list.partition_point(|&p| p < from)).copied()
    }

    fn list(&self, needle: Needle) -> Vec<usize> {
        let body = self.body;
        let ends = |close: &[u8]| -> Vec<usize> {
            memmem::find_iter(body, close)
                .map(|i| i + close.len())
                .collect()
        };
        match needle {
            Needle::HugoClose => memmem::find_iter(body, b"*/")
                .filter_map(|i| {
                    let tail = &body[i + 2..];
                    let skipped = tail.len() - trim_start(tail, b" \t-").len();
                    tail[skipped..]
                        .starts_with(b"}}")
                        .then_some(i + 2 + skipped + 2)
                })
                .collect(),
            Needle::LiquidClose => memmem::find_iter(body, b"{%")
                .filter_map(|i| {
                    let (word, len) = liquid_word(&body[i + 2..])?;
                    (word == b"endcomment").then_some(i + 2 + len)
                })
                .filter_map(|after| self.next(Needle::TagClose, after + 2))
                .collect(),
            Needle::KramdownClose => ends(b"{:/comment}"),
            Needle::MdxClose => ends(b"*/}"),
            Needle::JinjaClose => ends(b"#}"),
            Needle::TagClose => ends(b"%}"),
            Needle::ShortcodeClose => ends(b">}}"),
            Needle::ShortcodePercentClose => ends(b"%}}"),
            Needle::Fence => memchr::memchr_iter(b'\n', body)
                .filter(|&i| {
                    let line = &body[i + 1..];
                    let spaces = line.iter().take(3).take_while(|&&b| b == b' ').count();
                    line[spaces..].starts_with(b"```") || line[spaces..].starts_with(b"~~~")
                })
                .collect(),
            Needle::LineBreak => memchr::memchr_iter(b'\n', body).collect(),
            Needle::BlankLine => {
                let mut starts: Vec<usize> = memmem::find_iter(body, b"\n\n")
                    .chain(memmem::find_iter(body, b"\n\r\n"))
                    .collect();
                starts.sort_unstable();
                starts
            }
        }
    }
}

/// Where the template comment opening at `start` ends, if one opens there and is closed.
fn comment_end(index: &Index<'_>, start: usize, mdx: bool) -> Option<usize> {
    let rest = &index.body[start..];
    if let Some(open) = hugo_comment_open(rest) {
        // A close after the opener ends at least four bytes on (`*/}}`).
        return index.next(Needle::HugoClose, start + open + 4);
    }
    if rest.starts_with(b"{%") && liquid_word(&rest[2..]).is_some_and(|(w, _)| w == b"comment") {
        // Up to the end of the first `{% endcomment %}` tag after it.
        return index.next(Needle::LiquidClose, start + 2);
    }
    if rest.starts_with(b"{::comment}") {
        return index.next(Needle::KramdownClose, start + 11 + 11);
    }
    if mdx && rest.starts_with(b"{/*") {
        return index.next(Needle::MdxClose, start + 3 + 3);
    }
    // Nunjucks and Jinja (Eleventy): `{# … #}`, a space or `-` after the opener (a heading id
    // `{#id}` has none).
    if rest.starts_with(b"{#") && rest.get(2).is_some_and(|b| b" \t\r\n-".contains(b)) {
        return index.next(Needle::JinjaClose, start + 2 + 2);
    }
    // kramdown's directives and attribute lists, which render nothing: a self-closing
    // extension (`{::options parse_block_html="true" /}`), an attribute list definition
    // (`{:lead: .lead}`) or a block's attribute list (`{: .lead}`) on a line of its own.
    if rest.starts_with(b"{:") && !rest.starts_with(b"{:/") && starts_a_line(index.body, start) {
        let line = &rest[..memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len())];
        let close = memchr::memrchr(b'}', line)?;
        let whole_line = trim_start(&line[close + 1..], b" \t").is_empty();
        let extension = rest.starts_with(b"{::");
        if whole_line && (!extension || line[..close].ends_with(b"/")) {
            return Some(start + close + 1);
        }
    }
    None
}

/// Whether `start` begins its line, after spaces or tabs at most.
fn starts_a_line(body: &[u8], start: usize) -> bool {
    let indent = body[..start]
        .iter()
        .rev()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    start == indent || body[start - indent - 1] == b'\n'
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
fn tag_line_end(index: &Index<'_>, start: usize) -> Option<(usize, bool)> {
    let body = index.body;
    if !starts_a_line(body, start) {
        return None;
    }
    let mut at = start;
    let mut silent = true;
    loop {
        let rest = &body[at..];
        silent &= rest.starts_with(b"{%")
            && liquid_word(&rest[2..]).is_some_and(|(word, _)| SILENT_TAGS.contains(&word));
        let close = if rest.starts_with(b"{{<") {
            Needle::ShortcodeClose
        } else if rest.starts_with(b"{{%") {
            Needle::ShortcodePercentClose
        } else if rest.starts_with(b"{%") {
            Needle::TagClose
        } else {
            return None;
        };
        // The close must come before the next blank line, whole.
        let limit = index.next(Needle::BlankLine, at).unwrap_or(body.len());
        let shortest = match close {
            Needle::TagClose => 2 + 2,
            _ => 3 + 3,
        };
        let end = index
            .next(close, at + shortest)
            .filter(|&end| end <= limit)?;
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

/// Whether the Liquid tag whose inside (after `{%`) is `inside` prints text of its own
/// (`{% echo page.lead %}`, a counter, a cycle), so that a line of it is a paragraph.
pub(crate) fn prints_text(inside: &[u8]) -> bool {
    liquid_word(inside).is_some_and(|(word, _)| PRINTING_TAGS.contains(&word))
}

/// Liquid tags that print text.
const PRINTING_TAGS: [&[u8]; 4] = [b"echo", b"increment", b"decrement", b"cycle"];

/// Liquid tags that output nothing themselves: assignments and control flow.
/// (A comment is blanked whole or not at all: see [`comment_end`].)
const SILENT_TAGS: [&[u8]; 18] = [
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
            ("Before {{/* Z */}} after.\n", "Before"),
            ("{# [Z](https://a.example/) #}\n\nText.\n", "Text."),
            ("{#- source:\n[Z](https://a.example/) -#}\nText.\n", "Text."),
            ("{::options parse_block_html=\"Z\" /}\n\nText.\n", "Text."),
            ("{:Z: .lead}\n\nText.\n", "Text."),
            ("Text.\n{: .Z}\n", "Text."),
        ] {
            let out = blanked(text);
            assert!(!out.contains('Z'), "{text:?} → {out:?}");
            assert!(out.contains(kept), "{text:?} → {out:?}");
        }
    }

    #[test]
    fn heading_ids_and_kramdown_lines_with_text_or_output_stay() {
        for text in [
            "## Heading {#Z}\n\nText #} here.\n",
            "{::toc Z}\n",
            "{: .Z} Text after it.\n",
            "Text {:Z: .lead}\n",
            "{#Z}\n",
        ] {
            let out = blank(text, 0, false).unwrap_or_else(|| text.to_owned());
            assert!(out.contains('Z'), "{text:?} → {out:?}");
        }
    }

    #[test]
    fn a_comment_that_would_indent_text_or_spans_code_fences_stays() {
        for text in [
            // Blanked, the comment would indent the text after it into a code block.
            "{{/* a note */}} Text, [x](https://a.example/).\n",
            "{% comment %}\nnote\n{% endcomment %} Text.\n",
            // The opener is in one code block and the close in another.
            "```go\n{{/* start\n```\n\nText.\n\n```go\nend */}}\n```\n",
            // Hugo heading ids and shell `${#x}` are no comments.
            "# Talks {#talks}\n\nText ${#x} more.\n",
        ] {
            assert_eq!(blanked(text), text, "{text:?}");
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
