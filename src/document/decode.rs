//! Bytes to text: byte order marks, declared HTML encodings, and a map back to the bytes.

use std::sync::LazyLock;

use encoding_rs::Encoding;
use regex::bytes::Regex;

use super::OffsetMap;

/// Input that cannot be read as text.
#[derive(Debug, Clone, thiserror::Error)]
pub enum DecodeError {
    /// The bytes are not valid in the encoding the file declares or is required to use.
    #[error("not valid {encoding}: the byte at offset {offset} cannot be decoded")]
    Malformed {
        /// The encoding that was expected.
        encoding: &'static str,
        /// The offset of the first bad byte.
        offset: usize,
    },
    /// The file looks binary (it has NUL bytes).
    #[error("looks like a binary file (it contains NUL bytes), not a text document")]
    Binary {
        /// The offset of the first NUL byte.
        offset: usize,
    },
}

impl DecodeError {
    /// The byte offset the error points at.
    #[must_use]
    pub fn offset(&self) -> usize {
        match self {
            Self::Malformed { offset, .. } | Self::Binary { offset } => *offset,
        }
    }
}

/// Decodes Markdown: UTF-8 (a UTF-8 BOM is allowed and stripped), or UTF-16 that a byte
/// order mark announces, as editors on Windows save it.
pub(crate) fn decode_markdown(bytes: &[u8]) -> Result<(String, OffsetMap), DecodeError> {
    match Encoding::for_bom(bytes) {
        Some((encoding, bom)) if encoding != encoding_rs::UTF_8 => {
            decode_with(encoding, bytes, bom)
        }
        _ => decode_utf8(bytes),
    }
}

/// Decodes UTF-8 (a UTF-8 BOM is allowed and stripped).
pub(crate) fn decode_utf8(bytes: &[u8]) -> Result<(String, OffsetMap), DecodeError> {
    check_binary(bytes)?;
    let (body, base) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok((
            text.to_owned(),
            OffsetMap {
                base,
                points: Vec::new(),
            },
        )),
        Err(error) => Err(DecodeError::Malformed {
            encoding: "UTF-8",
            offset: base + error.valid_up_to(),
        }),
    }
}

/// Decodes an HTML document: a BOM wins, then a `<meta charset>` or `http-equiv`
/// content type in the first 1024 bytes, then UTF-8.
pub fn decode(bytes: &[u8]) -> Result<(String, OffsetMap), DecodeError> {
    let (encoding, bom) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, bom),
        None => (sniff_meta_charset(bytes).unwrap_or(encoding_rs::UTF_8), 0),
    };
    if encoding == encoding_rs::UTF_8 {
        return decode_utf8(bytes).or_else(|error| {
            // Not UTF-8, and no declaration in the first 1024 bytes: a browser that meets a
            // `<meta charset>` further down its head switches to it and reads the page again.
            let head = &bytes[..bytes.len().min(HEAD_LIMIT)];
            let head = &head[..find(head, b"</head").unwrap_or(head.len())];
            match sniff_meta_charset_in(head) {
                Some(late) if late != encoding_rs::UTF_8 && bom == 0 => decode_with(late, bytes, 0),
                _ => Err(error),
            }
        });
    }
    decode_with(encoding, bytes, bom)
}

/// How far into a page whose first 1024 bytes declare no encoding a late declaration is
/// looked for, when the page is not UTF-8.
const HEAD_LIMIT: usize = 64 * 1024;

/// Decodes `bytes` in `encoding` after a byte order mark of `bom` bytes.
fn decode_with(
    encoding: &'static Encoding,
    bytes: &[u8],
    bom: usize,
) -> Result<(String, OffsetMap), DecodeError> {
    let body = &bytes[bom..];
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        return Err(DecodeError::Malformed {
            encoding: encoding.name(),
            offset: bom + first_error(encoding, body),
        });
    }
    let text = text.into_owned();
    let points = checkpoints(encoding, &text, bom);
    Ok((text, OffsetMap { base: bom, points }))
}

/// The bytes of a document as text without a copy, when [`decode_utf8`] or [`decode`] would
/// take them as they stand: no byte-order mark, no NUL byte, and for HTML no `<meta>` naming
/// another encoding. Otherwise the bytes back, for those to decode.
pub(crate) fn plain_utf8(bytes: Vec<u8>, html: bool) -> Result<String, Vec<u8>> {
    let plain = Encoding::for_bom(&bytes).is_none()
        && (!html || sniff_meta_charset(&bytes).is_none_or(|e| e == encoding_rs::UTF_8))
        && check_binary(&bytes).is_ok();
    if !plain {
        return Err(bytes);
    }
    String::from_utf8(bytes).map_err(std::string::FromUtf8Error::into_bytes)
}

fn check_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    // UTF-16 text has NUL bytes by nature; it is detected by its BOM before this runs.
    match memchr::memchr(0, bytes) {
        Some(offset) => Err(DecodeError::Binary { offset }),
        None => Ok(()),
    }
}

/// The encoding a `<meta>` element declares, per the HTML prescan (simplified: the first
/// 1024 bytes, `charset=` in a meta tag).
fn sniff_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    sniff_meta_charset_in(&bytes[..bytes.len().min(1024)])
}

/// The encoding a `<meta>` element in `head` declares, comments aside.
fn sniff_meta_charset_in(head: &[u8]) -> Option<&'static Encoding> {
    static META: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i-u)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
            .expect("meta charset pattern is valid")
    });
    // As the HTML prescan does, a <meta> inside a comment does not count.
    let mut head = head.to_vec();
    let mut from = 0;
    while let Some(start) = find(&head[from..], b"<!--").map(|i| from + i) {
        let end = find(&head[start + 4..], b"-->").map_or(head.len(), |i| start + 4 + i + 3);
        head[start..end].fill(b' ');
        from = end;
    }
    let name = META.captures(&head)?.get(1)?.as_bytes();
    let encoding = Encoding::for_label(name)?;
    // A page that declares UTF-16 in a meta tag but has no BOM is read as UTF-8 (HTML spec).
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Some(encoding_rs::UTF_8);
    }
    Some(encoding)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The offset of the first byte that does not decode.
fn first_error(encoding: &'static Encoding, body: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(body.len() * 3 + 16);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(usize::from(bad)),
        _ => read,
    }
}

/// Checkpoints mapping decoded offsets to original offsets, at every character whose
/// encoded length differs from its UTF-8 length.
fn checkpoints(encoding: &'static Encoding, text: &str, base: usize) -> Vec<(usize, usize)> {
    let mut points = Vec::new();
    let mut original = base;
    let mut encoder = encoding.output_encoding().new_encoder();
    let utf16 = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
    let single_byte = encoding.is_single_byte();
    let mut buf = [0u8; 16];
    let mut drift = false;
    for (at, c) in text.char_indices() {
        let encoded_len = if utf16 {
            c.len_utf16() * 2
        } else if single_byte {
            1
        } else {
            let mut tmp = [0u8; 4];
            let piece = c.encode_utf8(&mut tmp);
            let (_, _, written, _) = encoder.encode_from_utf8(piece, &mut buf, false);
            written.max(1)
        };
        if drift || encoded_len != c.len_utf8() {
            points.push((at, original));
        }
        drift = encoded_len != c.len_utf8();
        original += encoded_len;
    }
    if drift {
        points.push((text.len(), original));
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped_and_offsets_shift() {
        let (text, map) = decode_utf8(b"\xEF\xBB\xBFhi").unwrap();
        assert_eq!(text, "hi");
        assert_eq!(map.map(1), 4);
    }

    #[test]
    fn invalid_utf8_reports_the_offset() {
        let error = decode_utf8(b"ok \xFF no").unwrap_err();
        assert_eq!(error.offset(), 3);
    }

    #[test]
    fn utf16_markdown_behind_a_byte_order_mark_decodes_and_maps_back() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Як передає Укрінформ".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let (text, map) = decode_markdown(&bytes).unwrap();
        assert_eq!(text, "Як передає Укрінформ");
        // `передає` is the fourth character: after the BOM and three UTF-16 units.
        assert_eq!(map.map(text.find("передає").unwrap()), 2 + 3 * 2);
        // Without a byte order mark the NUL bytes still mean binary.
        assert!(matches!(
            decode_markdown(&bytes[2..]),
            Err(DecodeError::Binary { .. })
        ));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(
            decode_utf8(b"PK\x03\x04\x00\x00"),
            Err(DecodeError::Binary { .. })
        ));
    }

    #[test]
    fn a_declaration_after_the_first_kilobyte_is_used_when_the_page_is_not_utf8() {
        let mut bytes = b"<html><head><title>x</title>".to_vec();
        bytes.extend(std::iter::repeat_n(b' ', 2000));
        bytes.extend(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><p>");
        bytes.extend([0xD3, 0xEA, 0xF0]); // "Укр"
        let (text, map) = decode(&bytes).unwrap();
        assert!(text.ends_with("<p>Укр"));
        assert_eq!(map.map(text.len() - "р".len()), bytes.len() - 1);
        // A UTF-8 page keeps UTF-8 whatever it declares late.
        let mut utf8 = b"<html><head>".to_vec();
        utf8.extend(std::iter::repeat_n(b' ', 2000));
        utf8.extend("<meta charset=\"windows-1251\"></head><p>Укр".as_bytes());
        assert!(decode(&utf8).unwrap().0.ends_with("<p>Укр"));
    }

    #[test]
    fn windows_1251_meta_charset_decodes_and_maps_back() {
        let mut bytes = b"<meta charset=\"windows-1251\"><p>".to_vec();
        bytes.extend([0xD3, 0xEA, 0xF0]); // "Укр"
        bytes.extend(b" x");
        let (text, map) = decode(&bytes).unwrap();
        assert!(text.ends_with("Укр x"));
        let x = text.find('x').unwrap();
        assert_eq!(map.map(x), bytes.len() - 1);
    }

    #[test]
    fn a_meta_charset_inside_a_comment_is_ignored() {
        let mut bytes =
            b"<!-- old: <meta charset=\"koi8-r\"> --><meta charset=\"windows-1251\"><p>".to_vec();
        bytes.extend([0xD3, 0xEA, 0xF0]);
        let (text, _) = decode(&bytes).unwrap();
        assert!(text.ends_with("Укр"), "{text}");
    }

    #[test]
    fn utf16_bom_is_honoured() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<p>ї</p>".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let (text, map) = decode(&bytes).unwrap();
        assert_eq!(text, "<p>ї</p>");
        let end = text.find("</p>").unwrap();
        assert_eq!(map.map(end), 2 + 4 * 2);
    }
}
