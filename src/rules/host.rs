//! Hosts: domain lists, and the tricks by which a host imitates a domain.

use std::cell::RefCell;
use std::collections::HashMap;

/// How a link's address imitates a source's domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trick {
    /// `https://www.ukrinform.net@evil.example/`: the real host comes after the `@`.
    UserInfo,
    /// `ukrinform.net.evil.example`: the domain followed by more labels.
    Suffix,
    /// `evil-ukrinform.net`, `ukrinform.info`: the name inside another host.
    Embedded,
    /// Look-alike letters from other scripts, or their punycode form.
    Homoglyph,
    /// A misspelling: `ukrinfrom.net`, `ukrlnform.net`.
    Typo,
    /// A percent-encoded host, which hides what it is from a reader.
    PercentEncoded,
    /// The name spelt in another script: `укрінформ.net`.
    Transliterated,
}

impl Trick {
    /// A short phrase describing the trick, for labels.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::UserInfo => "the real host comes after the `@`",
            Self::Suffix => "the domain is followed by another host",
            Self::Embedded => "the name is part of another host",
            Self::Homoglyph => "look-alike letters from another script",
            Self::Typo => "a misspelling of the name",
            Self::PercentEncoded => "a percent-encoded host",
            Self::Transliterated => "the name spelt in another script",
        }
    }
}

/// The most edits any pack may allow for a misspelt host; the prefilter tests with it.
pub(crate) const MAX_EDITS_BOUND: usize = 3;

/// Validates and normalises a domain from a pack: lower-case ASCII (punycode), no trailing dot.
pub(crate) fn parse_domain(text: &str) -> Result<String, String> {
    let trimmed = text.trim().trim_end_matches('.');
    if trimmed.is_empty() || trimmed.contains(['/', ':', ' ', '@']) || !trimmed.contains('.') {
        return Err(format!(
            "`{text}` is not a domain name (expected something like `example.org`)"
        ));
    }
    match url::Host::parse(trimmed) {
        Ok(url::Host::Domain(domain)) => Ok(domain),
        Ok(_) => Err(format!("`{text}` is an IP address, not a domain name")),
        Err(e) => Err(format!("`{text}` is not a valid domain name: {e}")),
    }
}

/// Whether `host` is one of `domains` or a subdomain of one (case and a trailing dot ignored:
/// one dot, as DNS allows; `ukrinform.net..` is no host of it).
pub(crate) fn is_under(host: &str, domains: &[String]) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    domains.iter().any(|d| {
        host.len() >= d.len()
            && host[host.len() - d.len()..].eq_ignore_ascii_case(d)
            && (host.len() == d.len() || host.as_bytes()[host.len() - d.len() - 1] == b'.')
    })
}

/// The source domain a host most likely imitates: the one with the host's top-level
/// domain, if any.
pub(crate) fn imitated<'d>(host: &str, domains: &'d [String]) -> Option<&'d str> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if let Some(d) = domains.iter().find(|d| host.contains(&format!("{d}."))) {
        return Some(d);
    }
    let tld = host.rsplit('.').next()?;
    domains
        .iter()
        .find(|d| d.rsplit('.').next() == Some(tld))
        .map(String::as_str)
}

/// How `url` imitates one of `domains` (whose first labels are `brands`), if it does.
/// `href` is the address as written; `genuine` says whether a host belongs to the source.
pub(crate) fn imitation(
    url: &url::Url,
    href: &str,
    domains: &[String],
    brands: &[String],
    max_edits: usize,
    genuine: &dyn Fn(&str) -> bool,
) -> Option<Trick> {
    let authority = crate::document::markdown::authority(href);
    let names_brand = |s: &str| {
        let lower = s.to_lowercase();
        brands.iter().any(|b| skeleton(&lower).contains(b.as_str()))
    };
    if let Some((userinfo, _)) = authority.rsplit_once('@')
        && (names_brand(userinfo)
            || domains
                .iter()
                .any(|d| userinfo.to_lowercase().contains(d.as_str())))
    {
        return Some(Trick::UserInfo);
    }
    let host = url.host_str()?;
    let host = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    // After WHATWG parsing a percent-encoded genuine host is the genuine host: browsers go
    // there. Encoding only hides a host that is not.
    if genuine(&host) {
        return None;
    }
    if crate::document::markdown::hides_host(authority) && names_brand(&host) {
        return Some(Trick::PercentEncoded);
    }
    let labels: Vec<&str> = host.split('.').collect();
    for domain in domains {
        let parts: Vec<&str> = domain.split('.').collect();
        if labels
            .windows(parts.len())
            .take(labels.len().saturating_sub(parts.len()))
            .any(|w| w == parts.as_slice())
        {
            return Some(Trick::Suffix);
        }
    }
    name_imitation(&host, &labels, brands, max_edits)
}

/// How the name labels of `host` (split into `labels`) imitate one of `brands`, if they
/// do. A host is linked again and again across documents, and this (IDNA decoding and edit
/// distances) is the costly part of [`imitation`]: the verdicts are kept per thread.
fn name_imitation(
    host: &str,
    labels: &[&str],
    brands: &[String],
    max_edits: usize,
) -> Option<Trick> {
    // Most hosts are plainly something else: no punycode label, and no label near a brand
    // in length. Those need neither IDNA decoding nor edit distances.
    let longest = brands.iter().map(String::len).max().unwrap_or(0);
    let shortest = brands.iter().map(String::len).min().unwrap_or(0);
    let could_imitate = labels.iter().any(|l| {
        l.starts_with("xn--")
            || brands.iter().any(|b| l.contains(b.as_str()))
            || (l.len() + max_edits >= shortest && l.len() <= longest + max_edits + 1)
    });
    if !could_imitate {
        return None;
    }
    if host.len() > MAX_CACHED_HOST {
        return decoded_imitation(host, brands, max_edits);
    }
    VERDICTS.with_borrow_mut(|cache| {
        let at = cache
            .iter()
            .position(|(b, e, _)| *e == max_edits && b.as_slice() == brands)
            .unwrap_or_else(|| {
                if cache.len() >= MAX_CACHED_PARAMS {
                    cache.clear();
                }
                cache.push((brands.to_vec(), max_edits, HashMap::new()));
                cache.len() - 1
            });
        let verdicts = &mut cache[at].2;
        if let Some(&verdict) = verdicts.get(host) {
            return verdict;
        }
        let verdict = decoded_imitation(host, brands, max_edits);
        if verdicts.len() >= MAX_CACHED_HOSTS {
            verdicts.clear();
        }
        verdicts.insert(host.to_owned(), verdict);
        verdict
    })
}

/// Hosts longer than this (no DNS name is) are not kept in the verdict cache.
const MAX_CACHED_HOST: usize = 253;
/// How many verdicts a thread keeps per set of brands before it starts over.
const MAX_CACHED_HOSTS: usize = 4096;
/// How many sets of brands (and edit bounds) a thread keeps verdicts for.
const MAX_CACHED_PARAMS: usize = 16;

/// Verdicts of [`decoded_imitation`] per thread: for each set of brands and edit bound, by
/// host.
type Verdicts = Vec<(Vec<String>, usize, HashMap<String, Option<Trick>>)>;

thread_local! {
    static VERDICTS: RefCell<Verdicts> = const { RefCell::new(Vec::new()) };
}

/// [`name_imitation`] past its quick test: decodes the host and compares each name label
/// with each brand.
fn decoded_imitation(host: &str, brands: &[String], max_edits: usize) -> Option<Trick> {
    let (unicode, _) = idna::domain_to_unicode(host);
    let unicode_labels: Vec<&str> = unicode.split('.').collect();
    let name_labels = &unicode_labels[..unicode_labels.len().saturating_sub(1)];
    for label in name_labels {
        let plain = label.to_lowercase();
        let folded = skeleton(&plain);
        for brand in brands {
            if folded.contains(brand.as_str()) {
                let ascii =
                    plain.is_ascii() && !plain.contains(brand.as_str()) || !plain.is_ascii();
                return Some(if ascii {
                    Trick::Homoglyph
                } else {
                    Trick::Embedded
                });
            }
            if !plain.is_ascii() && transliterated(&plain).contains(brand.as_str()) {
                return Some(Trick::Transliterated);
            }
            let allowed = if brand.chars().count() >= 7 {
                max_edits
            } else {
                max_edits.min(1)
            };
            // The label as written and as it looks: folding `rn` into `m` takes a typo
            // that drops a letter (`ukrnform`) further from the name, not nearer.
            if allowed > 0
                && (distance(&folded, brand) <= allowed || distance(&plain, brand) <= allowed)
            {
                return Some(Trick::Typo);
            }
        }
    }
    None
}

/// `text` (lower case) with its Cyrillic letters written in Latin ones as they sound, so
/// that a name spelt in Cyrillic (`укрінформ`, `укринформ`) reads as the Latin brand.
fn transliterated(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let latin = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'ґ' => "g",
            'д' => "d",
            'е' | 'э' => "e",
            'є' => "ye",
            'ё' => "yo",
            'ж' => "zh",
            'з' => "z",
            'и' | 'і' => "i",
            'ї' => "yi",
            'й' | 'ы' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ь' | 'ъ' | '\'' | '’' => "",
            'ю' => "yu",
            'я' => "ya",
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str(latin);
    }
    out
}

/// Folds look-alike characters to the ASCII letters they imitate.
pub(crate) fn skeleton(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let folded = match c {
            'а' | 'α' | 'ɑ' => 'a',
            'Ь' | 'ь' | 'Ƅ' => 'b',
            'с' | 'ϲ' | 'ⅽ' => 'c',
            'ԁ' | 'ⅾ' => 'd',
            'е' | 'є' | 'ε' | 'ҽ' | '3' => 'e',
            'ɡ' | 'ց' => 'g',
            'һ' | 'н' => 'h',
            'і' | 'ї' | 'ι' | 'ı' | 'ɩ' | 'í' | 'ì' | 'ἰ' | 'ӏ' | '1' | '!' | '|' => 'i',
            'ј' | 'ϳ' => 'j',
            'к' | 'κ' => 'k',
            'ł' | 'ⅼ' => 'l',
            'м' | 'ṃ' => 'm',
            'п' | 'ո' | 'η' => 'n',
            'о' | 'ο' | 'օ' | 'ө' | '0' | 'ø' | 'ó' | 'ò' | 'ö' => 'o',
            'р' | 'ρ' => 'p',
            'ԛ' => 'q',
            'г' | 'ᴦ' => 'r',
            'ѕ' | 'ꜱ' | '5' => 's',
            'т' | 'τ' => 't',
            'υ' | 'ս' | 'ü' | 'ú' => 'u',
            'ν' | 'ѵ' => 'v',
            'ԝ' | 'ѡ' => 'w',
            'х' | 'χ' => 'x',
            'у' | 'ү' | 'γ' => 'y',
            other => other,
        };
        out.push(folded);
    }
    // Letter pairs that read as one letter.
    out.replace("rn", "m").replace("vv", "w")
}

/// Optimal string alignment distance (Levenshtein with adjacent transpositions).
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domains() -> Vec<String> {
        vec!["ukrinform.net".into(), "ukrinform.ua".into()]
    }

    #[test]
    fn kept_verdicts_are_kept_apart_by_brands_and_edit_bound() {
        let host = "ukrlnform.net";
        let labels = ["ukrlnform", "net"];
        let ours = ["ukrinform".to_owned()];
        let theirs = ["myagency".to_owned()];
        // Twice: the second round answers from the kept verdicts.
        for _ in 0..2 {
            assert_eq!(name_imitation(host, &labels, &ours, 2), Some(Trick::Typo));
            assert_eq!(name_imitation(host, &labels, &theirs, 2), None);
            // One substitution from the name: no typo when no edit is allowed.
            assert_eq!(name_imitation(host, &labels, &ours, 0), None);
        }
    }

    #[test]
    fn the_name_spelt_in_cyrillic_as_a_host_imitates_it() {
        assert_eq!(
            trick("https://www.укрінформ.net/"),
            Some(Trick::Transliterated)
        );
        assert_eq!(trick("https://укринформ.com/"), Some(Trick::Transliterated));
        // Another Cyrillic host is not the name.
        assert_eq!(trick("https://www.київ.net/"), None);
        assert_eq!(transliterated("укрінформ"), "ukrinform");
    }

    fn trick(href: &str) -> Option<Trick> {
        let url = url::Url::parse(href).unwrap();
        let d = domains();
        let related = vec!["ukrinform.com".to_owned()];
        imitation(&url, href, &d, &["ukrinform".into()], 2, &|h| {
            is_under(h, &d) || is_under(h, &related)
        })
    }

    #[test]
    fn genuine_hosts_are_not_tricks() {
        for href in [
            "https://www.ukrinform.net/x",
            "http://UKRINFORM.UA./amp/a?b#c",
            "https://m.ukrinform.net/",
            "https://static.ukrinform.com/photos/a.jpg",
            "https://www.reuters.com/",
        ] {
            assert_eq!(trick(href), None, "{href}");
        }
    }

    #[test]
    fn every_trick_is_recognised() {
        assert_eq!(
            trick("https://www.ukrinform.net@evil.example/"),
            Some(Trick::UserInfo)
        );
        assert_eq!(
            trick("https://ukrinform.net.evil.example/"),
            Some(Trick::Suffix)
        );
        assert_eq!(trick("https://evil-ukrinform.net/"), Some(Trick::Embedded));
        assert_eq!(trick("https://ukrinform.info/"), Some(Trick::Embedded));
        assert_eq!(trick("https://www.ukrinfrom.net/"), Some(Trick::Typo));
        assert_eq!(trick("https://ukrlnform.net/"), Some(Trick::Typo));
        // `rn` looks like `m`, yet a host that drops a letter before an `n` is a typo all the
        // same (the distance is taken before the look-alike folding too).
        assert_eq!(trick("https://www.ukrnform.net/"), Some(Trick::Typo));
        assert_eq!(trick("https://ukrnform.ua/"), Some(Trick::Typo));
        assert_eq!(trick("https://ukrіnform.net/"), Some(Trick::Homoglyph));
        assert_eq!(
            trick("https://xn--ukrnform-vhh.net/"),
            Some(Trick::Homoglyph)
        );
        assert_eq!(
            trick("https://ukrinform%2Enet.evil.example/"),
            Some(Trick::PercentEncoded)
        );
        assert_eq!(trick("https://www.ukrinform%2Enet/"), None);
    }

    #[test]
    fn subdomain_match_needs_a_label_boundary() {
        assert!(is_under("www.ukrinform.net.", &domains()));
        assert!(
            !is_under("www.ukrinform.net..", &domains()),
            "one trailing dot only"
        );
        assert!(!is_under("evilukrinform.net", &domains()));
    }

    #[test]
    fn distance_counts_transpositions_once() {
        assert_eq!(distance("ukrinfrom", "ukrinform"), 1);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("", "ab"), 2);
    }

    #[test]
    fn domains_from_packs_are_validated() {
        assert_eq!(parse_domain("Ukrinform.NET.").unwrap(), "ukrinform.net");
        assert!(parse_domain("https://x.org").is_err());
        assert!(parse_domain("nodot").is_err());
    }
}
