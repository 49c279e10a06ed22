// @ts-check
// A markdownlint custom rule doing what citelint's `ukrinform/first-paragraph-link` does at
// its core, for scripts/bench.sh to time markdownlint-cli2 on the same check: a document that
// names Ukrinform must have a hyperlink to a Ukrinform domain in or above its first paragraph
// (the first paragraph with visible text; headings and tight list items stand above it).
// Simplified on purpose: any mention of the name counts as a citation (no cue patterns).

"use strict";

const NAME = /ukrinform|укрінформ|укринформ/iu;
const DOMAINS = ["ukrinform.ua", "ukrinform.net", "ukrinform.de", "ukrinform.es",
  "ukrinform.fr", "ukrinform.jp", "ukrinform.pl", "ukrinform.ru"];

/** @param {string | null} href */
function isUkrinform(href) {
  if (!href) {
    return false;
  }
  let host;
  try {
    host = new URL(href, "https://invalid.example/").hostname.toLowerCase().replace(/\.$/u, "");
  } catch {
    return false;
  }
  return DOMAINS.some((d) => host === d || host.endsWith(`.${d}`));
}

/** @param {import("markdownlint").MarkdownItToken} inline */
function linksUkrinform(inline) {
  return (inline.children || []).some(
    (t) => t.type === "link_open" && isUkrinform(t.attrGet("href"))
  );
}

/** @param {import("markdownlint").MarkdownItToken} inline */
function hasVisibleText(inline) {
  // Image alt text is a child of the image token, not a text token here: an image-only
  // paragraph has no visible text.
  return (inline.children || []).some(
    (t) => (t.type === "text" || t.type === "code_inline") && t.content.trim() !== ""
  );
}

/** @type {import("markdownlint").Rule} */
module.exports = {
  "names": ["ukrinform-first-paragraph-link", "CITE001"],
  "description": "Ukrinform is cited but no link to it stands in or above the first paragraph",
  "tags": ["citation"],
  "parser": "markdownit",
  "function": (params, onError) => {
    if (!params.lines.some((line) => NAME.test(line))) {
      return;
    }
    const tokens = params.parsers.markdownit.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.type !== "inline") {
        continue;
      }
      const opener = tokens[i - 1];
      const paragraph = opener && opener.type === "paragraph_open" && !opener.hidden;
      if (linksUkrinform(token)) {
        return;
      }
      if (paragraph && hasVisibleText(token)) {
        onError({
          "lineNumber": token.map ? token.map[0] + 1 : 1,
          "detail": "add a hyperlink to ukrinform.net in the first paragraph"
        });
        return;
      }
    }
  }
};
