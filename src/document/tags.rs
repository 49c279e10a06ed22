//! HTML tokens with byte spans (html5gum), for raw HTML inside Markdown and for locating
//! the elements of an HTML page in its source.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::Span;

/// One HTML token with its span in the tokenized text.
#[derive(Debug, Clone)]
pub(crate) enum Tag {
    /// `<name attr=…>`.
    Start {
        /// Lower-case tag name.
        name: String,
        /// Attributes, names lower-case, values with character references decoded.
        attrs: Vec<(String, String)>,
        /// The start tag.
        span: Span,
        /// `<br/>`-style self-closing syntax.
        self_closing: bool,
    },
    /// `</name>`.
    End {
        /// Lower-case tag name.
        name: String,
        /// The end tag.
        span: Span,
    },
    /// `<!-- text -->`.
    Comment {
        /// The comment's text.
        text: String,
        /// The whole comment.
        span: Span,
    },
    /// Character data, references decoded.
    Text {
        /// The decoded text.
        text: String,
        /// Its source.
        span: Span,
    },
}

impl Tag {
    /// The value of attribute `name` of a start tag.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        match self {
            Self::Start { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
}

/// The double-quoted attribute values one tag may hold for the tokenizer to read it on a
/// thread's usual stack. html5gum reads such a value and the next attribute by calling the
/// next state of its tokenizer from the last, so each one takes a stack frame until the tag
/// ends: tens of thousands in one tag overflow a thread's stack, which aborts the process.
pub const QUOTED_VALUES_ON_A_STACK: usize = 2_000;

/// The most double-quoted attribute values a tag may hold at all: a document with more in one
/// is not read (its stack would take hundreds of megabytes). No page holds a tag with this many.
pub const MAX_QUOTED_VALUES: usize = 100_000;

/// The tag (start or end) of `text` with the most double-quoted attribute values, where and
/// how many, if it has more than [`QUOTED_VALUES_ON_A_STACK`]: the tokenizer needs a larger
/// stack for it. Looks as the tokenizer reads a tag, wherever one may open (in comments and
/// script text too, which is only ever safe).
#[must_use]
pub fn most_quoted_values(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    // A value takes five bytes at least (`a=""` and white space: without it the tokenizer
    // returns to its loop), and two quotes: a text with fewer has no such tag. Both are
    // counted at SIMD speed, where the walk below is not.
    if bytes.len() <= 5 * QUOTED_VALUES_ON_A_STACK
        || bytecount::count(bytes, b'"') <= 2 * QUOTED_VALUES_ON_A_STACK
    {
        return None;
    }
    let mut most: Option<(usize, usize)> = None;
    let mut at = 0;
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        at = open + 1;
        let name = at + usize::from(bytes.get(at) == Some(&b'/'));
        if !bytes.get(name).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        // The tag runs to the first `>` outside a quoted value.
        let mut values = 0;
        let ended = loop {
            let Some(i) = memchr::memchr3(b'>', b'"', b'\'', &bytes[at..]) else {
                break false;
            };
            let found = at + i;
            let quote = bytes[found];
            if quote == b'>' {
                at = found + 1;
                break true;
            }
            // A quote opens a value only right after `=` (white space aside).
            let before = bytes[..found]
                .iter()
                .rev()
                .find(|b| !b.is_ascii_whitespace());
            if before != Some(&b'=') {
                at = found + 1;
                continue;
            }
            // An unclosed value runs to the end, as the tokenizer reads it.
            let close = memchr::memchr(quote, &bytes[found + 1..]);
            if quote == b'"' {
                values += 1;
            }
            match close {
                Some(close) => at = found + 1 + close + 1,
                None => break false,
            }
        };
        if values > QUOTED_VALUES_ON_A_STACK && most.is_none_or(|(_, n)| values > n) {
            most = Some((open, values));
        }
        if !ended {
            break;
        }
    }
    most
}

/// Tokenizes `source`; spans are offset by `base`. Script, style and other raw-text
/// elements switch the tokenizer state as a browser would.
pub(crate) fn tokenize(source: &str, base: usize) -> Vec<Tag> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut out = Vec::new();
    for token in Tokenizer::new_with_emitter(source, emitter).flatten() {
        match token {
            Token::StartTag(tag) => out.push(Tag::Start {
                name: lossy(&tag.name).to_ascii_lowercase(),
                attrs: tag
                    .attributes
                    .iter()
                    .map(|(k, v)| (lossy(k).to_ascii_lowercase(), lossy(&v.value)))
                    .collect(),
                span: base + tag.span.start..base + tag.span.end,
                self_closing: tag.self_closing,
            }),
            Token::EndTag(tag) => out.push(Tag::End {
                name: lossy(&tag.name).to_ascii_lowercase(),
                span: base + tag.span.start..base + tag.span.end,
            }),
            Token::Comment(comment) => out.push(Tag::Comment {
                text: lossy(&comment.value),
                span: base + comment.span.start..base + comment.span.end,
            }),
            Token::String(text) => {
                let span = base + text.span.start..base + text.span.end;
                let text = lossy(&text.value);
                // The tokenizer may split character data; join adjacent runs.
                if let Some(Tag::Text {
                    text: prev,
                    span: prev_span,
                }) = out.last_mut()
                    && prev_span.end == span.start
                {
                    prev.push_str(&text);
                    prev_span.end = span.end;
                } else {
                    out.push(Tag::Text { text, span });
                }
            }
            Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    out
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Elements that render as blocks: inline content on either side of them forms separate
/// blocks.
pub(crate) fn is_block_level(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "plaintext"
            | "pre"
            | "search"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "xmp"
    )
}

/// Whether an element is closed and so not rendered: a `<dialog>` without `open` (browsers'
/// own stylesheet gives it `display: none` until it is shown).
pub(crate) fn is_closed(name: &str, open: bool) -> bool {
    name == "dialog" && !open
}

/// Whether a start tag hides its content from readers: the `hidden` attribute, or an inline
/// `display:none` or `visibility:hidden` (SPEC §4.3). `aria-hidden="true"` hides nothing from
/// the eye: its content stays on the page, and a link there can be followed.
pub(crate) fn hides(tag: &Tag) -> bool {
    if tag.attr("hidden").is_some() {
        return true;
    }
    tag.attr("style").is_some_and(style_hides)
}

/// Whether an inline style hides the element. As in CSS, the last declaration of a
/// property wins, unless an earlier one is `!important` and the later one is not.
pub(crate) fn style_hides(style: &str) -> bool {
    let mut display: Option<(String, bool)> = None;
    let mut visibility: Option<(String, bool)> = None;
    for decl in style.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let prop = prop.trim().to_ascii_lowercase();
        let value = value.trim().to_ascii_lowercase();
        let important = value.ends_with("!important");
        let value = value.trim_end_matches("!important").trim().to_owned();
        let slot = match prop.as_str() {
            "display" => &mut display,
            "visibility" => &mut visibility,
            _ => continue,
        };
        if slot
            .as_ref()
            .is_none_or(|(_, was_important)| important || !was_important)
        {
            *slot = Some((value, important));
        }
    }
    display.is_some_and(|(v, _)| v == "none")
        || visibility.is_some_and(|(v, _)| v == "hidden" || v == "collapse")
}

/// Elements whose content never renders as part of the text (the fallback of `<iframe>`,
/// `<object>`, `<audio>`, `<video>` and `<canvas>` shows only where they are unsupported).
#[must_use]
pub fn is_never_rendered(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "template"
            | "noscript"
            | "head"
            | "title"
            | "iframe"
            | "object"
            | "audio"
            | "video"
            | "canvas"
            | "svg"
            | "math"
    )
}

/// Page chrome whatever encloses it: `<nav>`, `<aside>`, `<footer>`. (A `<header>` is the
/// site's header only outside any [sectioning](is_sectioning) element.)
pub(crate) fn is_chrome(name: &str) -> bool {
    matches!(name, "nav" | "aside" | "footer")
}

/// Page chrome by an ARIA landmark role (one token of a `role` attribute): navigation,
/// banner, contentinfo, complementary.
pub(crate) fn is_chrome_role(role: &str) -> bool {
    ["navigation", "banner", "contentinfo", "complementary"]
        .iter()
        .any(|r| role.eq_ignore_ascii_case(r))
}

/// What an element's `id` and `class` name it, as templates older than `<nav>`, `<aside>`,
/// `<footer>` and `<header>` name the same parts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NamedChrome {
    /// Page chrome wherever it stands: a sidebar, a navigation bar or menu, breadcrumbs, the
    /// site footer.
    pub chrome: bool,
    /// The site header: page chrome where a `<header>` would be, outside any sectioning
    /// element.
    pub site_header: bool,
}

/// Reads [`NamedChrome`] off an element's `id` and `class` attributes, by whole tokens in
/// any case (`article-footer` or `menu-item-text` names nothing): sidebars, navigation, the
/// site footer, readers' comments, cookie banners and advertising slots. `site-header` and
/// `masthead` name the site header in a class too; `header` and `topbar` only as the page's
/// one `id` (`<div id="header">`), since a `class="header"` in a page of `<div>`s as often
/// holds the article's own title and lead.
#[must_use]
pub fn named_chrome(id: Option<&str>, class: Option<&str>) -> NamedChrome {
    const CHROME: &[&str] = &[
        // Sidebars (not `leftcol`/`rightcol`: old templates as often hold the article in one).
        "sidebar",
        "side-bar",
        "left-sidebar",
        "right-sidebar",
        "sidebar-left",
        "sidebar-right",
        "widget-area",
        // Navigation.
        "navbar",
        "nav",
        "navigation",
        "main-nav",
        "main-navigation",
        "site-nav",
        "site-navigation",
        "menu",
        "main-menu",
        "top-menu",
        "breadcrumb",
        "breadcrumbs",
        // Readers' comments, WordPress's and Disqus's (a comment is an `<article>` too).
        "comments",
        "comments-area",
        "comment-list",
        "commentlist",
        "comment-respond",
        "disqus_thread",
        // The site footer.
        "footer",
        "site-footer",
        "page-footer",
        // Cookie and consent banners.
        "cookie-bar",
        "cookie-banner",
        "cookies-banner",
        "cookie-notice",
        "cookie-consent",
        "cookie-law-info-bar",
        "cc-window",
        "gdpr-banner",
        "consent-banner",
        "onetrust-banner-sdk",
        "CybotCookiebotDialog",
        // Advertising slots, beside those of `is_ad_slot` (the label of an ad there is the
        // slot's, not the article's; not `adv`, `advert` or `ads`, which sites also wrap
        // sponsored posts in).
        "ad-slot",
        "ad-container",
        "ad-wrapper",
        "ad-unit",
        "ad-block",
        "ad-banner",
        "banner-ad",
    ];
    // WordPress names its widget column `#secondary`; a `class="secondary"` is as often a
    // button's.
    const CHROME_ID: [&str; 1] = ["secondary"];
    const SITE_HEADER: [&str; 2] = ["site-header", "masthead"];
    const HEADER_ID: [&str; 4] = ["header", "top-header", "topbar", "top-bar"];
    let any = |token: &str, names: &[&str]| names.iter().any(|n| token.eq_ignore_ascii_case(n));
    let id = id.map(str::trim).filter(|id| !id.is_empty());
    let classes = || class.into_iter().flat_map(str::split_ascii_whitespace);
    NamedChrome {
        chrome: id.is_some_and(|id| any(id, CHROME) || any(id, &CHROME_ID))
            || classes().any(|c| any(c, CHROME))
            || is_ad_slot(id, class),
        site_header: id.is_some_and(|id| any(id, &SITE_HEADER) || any(id, &HEADER_ID))
            || classes().any(|c| any(c, &SITE_HEADER)),
    }
}

/// Whether an element (an `<ins>` or a `<div>`) is an advertising slot itself, what an ad
/// network fills (`<ins class="adsbygoogle">`, Google Publisher Tags' `div-gpt-ad-…`): the element that
/// holds one wraps the ad, and the label beside it is the ad's (`WordPress`'s Ad Inserter writes
/// `<div class="code-block code-block-2"><span>Advertisement</span><ins class="adsbygoogle">`).
pub(crate) fn is_ad_slot(id: Option<&str>, class: Option<&str>) -> bool {
    const SLOTS: [&str; 3] = ["adsbygoogle", "adthrive-ad", "ezoic-ad"];
    let id = id.map(str::trim);
    id.is_some_and(is_gpt_slot)
        || class
            .into_iter()
            .flat_map(str::split_ascii_whitespace)
            .any(|c| SLOTS.iter().any(|s| c.eq_ignore_ascii_case(s)))
}

/// Whether an element's `id` or `class` names an advertisement: a token, or a part of one
/// between hyphens or underscores, that is `ad`, `ads`, `adv`, `advert`, `advertisement`,
/// `advertising`, `banner` or `reklama` (`advertisement`, `ad-box`, `banner_top`). Sites
/// wrap sponsored posts in such names too: only [`AD_BOX_TEXT`] characters of text and an
/// ad's media in it make one an advertising box ([`fragment_is_ad_box`], and the HTML
/// walker's own look at the element's content).
pub(crate) fn names_an_ad(id: Option<&str>, class: Option<&str>) -> bool {
    const PARTS: [&str; 8] = [
        "ad",
        "ads",
        "adv",
        "advert",
        "advertisement",
        "advertising",
        "banner",
        "reklama",
    ];
    id.into_iter()
        .chain(class)
        .flat_map(str::split_ascii_whitespace)
        .flat_map(|token| token.split(['-', '_']))
        .any(|part| PARTS.iter().any(|p| part.eq_ignore_ascii_case(p)))
}

/// The most characters of text an advertising box holds beside its media: a label's worth
/// (`Advertisement`, `Реклама`, `Sponsored content`).
pub(crate) const AD_BOX_TEXT: usize = 40;

/// Whether an element may be an advertising box by its name and attributes: a block or a
/// span of the page, not a figure (a `<figure class="banner">` is a picture with its
/// caption), whose `id` or `class` [`names_an_ad`]. Its content decides the rest.
pub(crate) fn may_be_ad_box(name: &str, id: Option<&str>, class: Option<&str>) -> bool {
    matches!(
        name,
        "div" | "section" | "aside" | "span" | "ins" | "p" | "center" | "table"
    ) && names_an_ad(id, class)
}

/// Whether an element named so is an ad's medium or the code that fills a slot: an image,
/// a frame, a video, an ad network's slot or script.
pub(crate) fn is_ad_medium(name: &str) -> bool {
    matches!(
        name,
        "img"
            | "picture"
            | "iframe"
            | "ins"
            | "video"
            | "object"
            | "embed"
            | "canvas"
            | "script"
            | "amp-ad"
            | "amp-img"
            | "amp-iframe"
            | "amp-embed"
    )
}

/// Whether `fragment`, raw HTML from an element's start tag that [`names_an_ad`] to the end
/// of its block, is an advertising box: an ad's medium in it, no paragraph, and no more
/// than a label's worth of text outside tags, scripts and styles
/// (`<div class="advertisement"><small>Advertisement</small><img src="…"></div>`). The
/// label there is the ad's, not the article's.
pub(crate) fn fragment_is_ad_box(fragment: &str, name: &str) -> bool {
    // The element closes within the fragment: a blank line inside makes its text a
    // paragraph of the Markdown, which renders as a `<p>` in it.
    let closing = format!("</{name}");
    if !fragment.to_ascii_lowercase().contains(&closing) {
        return false;
    }
    let mut media = false;
    let mut chars = 0usize;
    let mut rest = fragment;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            chars += rest.trim().chars().count();
            break;
        };
        chars += rest[..open].trim().chars().count();
        if chars > AD_BOX_TEXT {
            return false;
        }
        let tag = &rest[open + 1..];
        let name_len = tag
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(tag.len());
        let name = tag[..name_len].to_ascii_lowercase();
        if name == "p" {
            return false;
        }
        media |= is_ad_medium(&name);
        let Some(close) = tag.find('>') else {
            break;
        };
        rest = &tag[close + 1..];
        // A script's or a style's text is code, not text.
        if matches!(name.as_str(), "script" | "style") {
            let end = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&end).map_or("", |at| &rest[at..]);
        }
    }
    media && chars <= AD_BOX_TEXT
}

/// Whether an id is a slot of Google Publisher Tags (`div-gpt-ad-1234567-0`).
fn is_gpt_slot(id: &str) -> bool {
    id.as_bytes()
        .get(..10)
        .is_some_and(|head| head.eq_ignore_ascii_case(b"div-gpt-ad"))
}

/// Whether a `class` attribute has a token that names a title: `title` or `headline`, alone
/// or ending a token (`entry-title`, `news_title`, `article-headline`).
pub(crate) fn names_a_title(class: &str) -> bool {
    class.split_ascii_whitespace().any(|token| {
        let token = token.as_bytes();
        [&b"title"[..], b"headline"].iter().any(|t| {
            let Some(at) = token.len().checked_sub(t.len()) else {
                return false;
            };
            token[at..].eq_ignore_ascii_case(t) && (at == 0 || matches!(token[at - 1], b'-' | b'_'))
        })
    })
}

/// Whether a `class` attribute names a paragraph that titles a callout, not a paragraph of
/// the text: GitHub's alert title (`markdown-alert-title`, the `Note` of `> [!NOTE]`), the
/// admonition titles of Python-Markdown and `MkDocs` (`admonition-title`), Obsidian’s and
/// Quarto's callout titles (`callout-title`), Bootstrap's `alert-heading`.
#[must_use]
pub fn names_a_callout_title(class: &str) -> bool {
    class.split_ascii_whitespace().any(|token| {
        [
            "markdown-alert-title",
            "admonition-title",
            "callout-title",
            "alert-heading",
        ]
        .iter()
        .any(|t| token.eq_ignore_ascii_case(t))
    })
}

/// Whether an element holds its paragraphs apart from the text, as a caption does: a
/// `<figcaption>`, or the markup of an embedded post that its platform's script replaces
/// with a frame (`<blockquote class="twitter-tweet"><p>…</p>— Ukrinform (@UkrinformNews)…`).
#[must_use]
pub fn holds_a_caption(name: &str, class: Option<&str>) -> bool {
    name == "figcaption"
        || (name == "blockquote"
            && class.is_some_and(|class| {
                class.split_ascii_whitespace().any(|token| {
                    [
                        "twitter-tweet",
                        "twitter-video",
                        "instagram-media",
                        "tiktok-embed",
                        "reddit-embed-bq",
                        "bluesky-embed",
                        "text-post-media",
                        "fb-xfbml-parse-ignore",
                    ]
                    .iter()
                    .any(|t| token.eq_ignore_ascii_case(t))
                })
            }))
}

/// Elements that start a sectioning context: a `<header>` in one holds its title.
pub(crate) fn is_sectioning(name: &str) -> bool {
    matches!(name, "article" | "aside" | "main" | "nav" | "section")
}

/// Void elements: they have no end tag and no content.
pub(crate) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_with_many_quoted_values_are_found_with_their_count() {
        let over = QUOTED_VALUES_ON_A_STACK + 1;
        let tag = |value: &str, n: usize| format!("<p {}>x</p>", vec![value; n].join(" "));
        let most = |text: &str| most_quoted_values(text);
        assert_eq!(
            most(&format!("ab{}", tag(r#"a="v""#, over))),
            Some((2, over))
        );
        assert_eq!(most(&tag(r#"a = "v""#, over)), Some((0, over)));
        assert_eq!(most(&tag(r#"a="v""#, QUOTED_VALUES_ON_A_STACK)), None);
        // End tags hold attributes too, for the tokenizer.
        let end = format!("<p>x</p {}>", vec![r#"a="v""#; over].join(" "));
        assert_eq!(most(&end), Some((4, over)));
        // The tag with the most, not the first.
        let two = format!("{}{}", tag(r#"a="v""#, over), tag(r#"a="v""#, over + 5));
        assert_eq!(most(&two).map(|(_, n)| n), Some(over + 5));
        // Single-quoted and unquoted values, and quotes in text, take no frame.
        assert_eq!(most(&tag("a='v'", over * 2)), None);
        assert_eq!(most(&tag("a=v", over * 2)), None);
        assert_eq!(most(&format!("<p>{}</p>", "\"x\" ".repeat(over * 2))), None);
        // As many spread over many tags are fine.
        assert_eq!(most(&r#"<b a="v" c="d">x</b>"#.repeat(over)), None);
        // A quote that opens no value (`don"t`) is passed over; an unclosed value ends the
        // text, and the tag, as the tokenizer reads it.
        assert_eq!(most(&tag(r#"t=don"t a="v""#, over)), Some((0, over)));
        let unclosed = format!(
            "<p {} b=\"{}",
            vec![r#"a="v""#; over].join(" "),
            " x".repeat(9000)
        );
        assert_eq!(most(&unclosed), Some((0, over + 1)));
    }

    #[test]
    fn chrome_is_named_by_whole_tokens_in_any_case() {
        let chrome = |id, class| named_chrome(id, class).chrome;
        for class in [
            "sidebar",
            "Sidebar",
            "NAVBAR",
            "x menu y",
            "breadcrumbs",
            "site-footer",
            "cookie-notice",
            "ad-slot x",
            "adsbygoogle",
        ] {
            assert!(chrome(None, Some(class)), "{class}");
        }
        assert!(chrome(Some("div-gpt-ad-1234567-0"), None));
        // Not a character boundary at the prefix's end.
        assert!(!chrome(Some("div-gpt-aö"), None));
        // Ad Inserter's blocks may hold anything; the one that holds an ad slot is the ad's.
        assert!(!chrome(None, Some("code-block code-block-2")));
        assert!(
            is_ad_slot(None, Some("x adsbygoogle")) && is_ad_slot(Some("div-gpt-ad-1-0"), None)
        );
        assert!(!is_ad_slot(None, Some("ad-label")));
        assert!(chrome(Some(" footer "), None));
        // WordPress's widget column, by its id only.
        assert!(chrome(Some("secondary"), None) && !chrome(None, Some("btn secondary")));
        for class in [
            "article-footer",
            "menu-item",
            "sidebar-widget-text",
            "content",
            "ad-label",
            "advertisement",
            "leftcol",
            "adv",
            "ads",
            "",
        ] {
            assert!(!chrome(None, Some(class)), "{class}");
        }
        assert!(!chrome(Some("main-menu-target"), None));
        let header = |id, class| named_chrome(id, class).site_header;
        assert!(header(None, Some("masthead")) && header(Some("Header"), None));
        // A class `header` or Bootstrap's `page-header` holds the article's title as often.
        assert!(!header(None, Some("header")) && !header(Some("page-header"), None));
    }

    #[test]
    fn an_advertising_box_holds_an_ads_media_and_no_more_text_than_a_label() {
        assert!(names_an_ad(None, Some("entry advertisement")));
        assert!(names_an_ad(Some("banner_top"), None));
        assert!(names_an_ad(None, Some("ad-box")));
        assert!(!names_an_ad(None, Some("header-addon loader")));
        assert!(may_be_ad_box("div", None, Some("ad-box")));
        // A figure with an ad's name is a picture and its caption.
        assert!(!may_be_ad_box("figure", None, Some("banner")));
        assert!(fragment_is_ad_box(
            r#"<div class="advertisement"><small>Advertisement</small><img src="b.png"></div>"#,
            "div"
        ));
        // Not closed within the block: a blank line made the rest Markdown.
        assert!(!fragment_is_ad_box(
            "<div class=\"ad\">\n<img src=\"b.png\">",
            "div"
        ));
        assert!(fragment_is_ad_box(
            "<div class=\"ad\"><span>Реклама</span><script>googletag.cmd.push(function() { googletag.display('div-1'); });</script></div>",
            "div"
        ));
        // A badge with no medium labels what follows; a wrapper of paragraphs is the post.
        assert!(!fragment_is_ad_box(
            r#"<div class="advertisement">Реклама</div>"#,
            "div"
        ));
        assert!(!fragment_is_ad_box(
            r#"<div class="advertisement"><img src="logo.png"><p>Lviv Bank opened a branch.</p></div>"#,
            "div"
        ));
        assert!(!fragment_is_ad_box(
            r#"<div class="ad"><img src="x.png">Lviv Bank opened a new branch in Kyiv on Monday, offering loans.</div>"#,
            "div"
        ));
    }

    #[test]
    fn a_class_names_a_title_by_a_whole_token_or_its_end() {
        for class in [
            "title",
            "entry-title",
            "x t-title",
            "news_title",
            "Headline",
        ] {
            assert!(names_a_title(class), "{class}");
        }
        for class in ["subtitles", "titlebar", "entitle", "title-wrap", "content"] {
            assert!(!names_a_title(class), "{class}");
        }
    }

    #[test]
    fn start_tags_carry_spans_and_decoded_attributes() {
        let src = "x <a HREF=\"https://a.example/?q=1&amp;r=2\">t</a>";
        let tags = tokenize(src, 10);
        let Tag::Start { name, span, .. } = &tags[1] else {
            panic!("{tags:?}")
        };
        assert_eq!(name, "a");
        assert_eq!(
            &src[span.start - 10..span.end - 10],
            "<a HREF=\"https://a.example/?q=1&amp;r=2\">"
        );
        assert_eq!(tags[1].attr("href"), Some("https://a.example/?q=1&r=2"));
    }

    #[test]
    fn script_content_is_not_tags() {
        let tags = tokenize("<script>var a = '<a href=x>';</script>", 0);
        assert!(
            !tags
                .iter()
                .any(|t| matches!(t, Tag::Start { name, .. } if name == "a"))
        );
    }

    #[test]
    fn hiding_styles_are_recognised() {
        assert!(style_hides("color: red; display : NONE !important"));
        assert!(style_hides("visibility:hidden"));
        assert!(!style_hides("display:block"));
        assert!(
            !style_hides("display:none; display:inline"),
            "the later declaration wins"
        );
        assert!(
            style_hides("display:none !important; display:inline"),
            "unless the earlier is important"
        );
    }
}
