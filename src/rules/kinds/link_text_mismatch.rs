//! `link-text-mismatch`: a link whose text names the source must lead to the source.

use super::Context;
use crate::rules::host;
use crate::rules::{Finding, Label, Rule, fill};

/// Parameters of a `link-text-mismatch` rule.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Params {
    /// Sites of accounts and reference pages (`t.me`, `x.com`, `wikipedia.org`): a link to
    /// one of them a segment of whose path begins with the source's name
    /// (`t.me/ukrinform_news`, `en.wikipedia.org/wiki/Ukrinform`) leads to the source's own
    /// account or to a page about it, which its name describes truly.
    #[serde(default)]
    profile_hosts: Vec<String>,
}

/// Whether `url` is on one of `hosts` and a segment of its path, decoded, begins with one of
/// the source's name forms or brands, compared in lower case (`ukrinform_news`,
/// `@ukrinformTV`, `wiki/Ukrinform`): an account or a page named after the source.
fn names_the_source_on_profile_host(url: &url::Url, hosts: &[String], ctx: &Context<'_>) -> bool {
    let Some(link_host) = url.host_str() else {
        return false;
    };
    if !host::is_under(link_host, hosts) {
        return false;
    }
    let path = percent_encoding::percent_decode_str(url.path())
        .decode_utf8_lossy()
        .to_lowercase();
    let source = ctx.source;
    let names: Vec<String> = (source.name_forms().iter().chain(&source.brands))
        .filter(|name| !name.is_empty())
        .map(|name| name.to_lowercase())
        .collect();
    path.split('/')
        .map(|segment| segment.trim_start_matches('@'))
        .any(|segment| names.iter().any(|name| segment.starts_with(name.as_str())))
}

fn misleading_text(
    rule: &Rule,
    ctx: &Context<'_>,
    span: std::ops::Range<usize>,
    host: &str,
) -> Finding {
    let domain = ctx.domain();
    let vars = [
        ("source", ctx.source.name.as_str()),
        ("domain", domain),
        ("host", host),
    ];
    let label = format!("reads as {} but leads to {host}", ctx.source.name);
    Finding::new(
        &rule.id,
        rule.severity,
        fill(&rule.message, &vars),
        Label::new(span, label),
    )
    .with_help(fill(&rule.help, &vars))
    .with_url(&rule.terms_url)
}

pub(crate) fn check(rule: &Rule, params: &Params, ctx: &Context<'_>) -> Vec<Finding> {
    let source = ctx.source;
    let genuine = |h: &str| source.is_source_host(h) || source.is_related_host(h);
    let mut out = Vec::new();
    for link in &ctx.doc.links {
        let Some(url) = &link.url else { continue };
        let Some(link_host) = url.host_str() else {
            continue;
        };
        if genuine(link_host)
            || !source.names_source(&link.text)
            || shows_its_address(&link.text, link_host)
            || names_the_source_on_profile_host(url, &params.profile_hosts, ctx)
        {
            continue;
        }
        // A look-alike host has a rule of its own.
        if host::imitation(
            url,
            &link.href,
            &source.domains,
            &source.brands,
            2,
            &genuine,
        )
        .is_some()
        {
            continue;
        }
        out.push(misleading_text(rule, ctx, link.span.clone(), link_host));
    }
    out
}

/// Whether a link's `text` is its own address written out (an autolink, a bare URL, or
/// `<a href="https://x.com/y">x.com/y</a>`): it reads as where it leads, whatever name its
/// path holds (`youtube.com/@ukrinformTV`).
fn shows_its_address(text: &str, host: &str) -> bool {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let rest = ["https://", "http://", "//"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))
        .unwrap_or(&lower);
    rest.strip_prefix(&host.to_ascii_lowercase())
        .is_some_and(|after| after.is_empty() || after.starts_with(['/', ':', '?', '#']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_showing_its_own_address_reads_as_where_it_leads() {
        let host = "www.youtube.com";
        assert!(shows_its_address(
            "https://www.youtube.com/@ukrinformTV",
            host
        ));
        assert!(shows_its_address(" WWW.YouTube.com/@ukrinformTV ", host));
        assert!(shows_its_address("www.youtube.com", host));
        assert!(!shows_its_address("Ukrinform on YouTube", host));
        assert!(!shows_its_address("www.youtube.com.ukrinform.net", host));
        assert!(!shows_its_address("ukrinform.net", host));
    }
}
