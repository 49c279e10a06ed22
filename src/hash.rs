//! FNV-1a, 64 bits: fixed by its definition, so baselines, SARIF fingerprints and shard
//! assignments survive compiler and platform changes (std's hasher promises no such thing).

/// Hashes `parts`, separated by a 0xff byte (which never occurs in UTF-8).
#[must_use]
pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    fnv1a_bytes(parts.iter().enumerate().flat_map(|(i, part)| {
        let separator: &[u8] = if i == 0 { &[] } else { &[0xff] };
        separator.iter().chain(part.iter()).copied()
    }))
}

/// Hashes a sequence of bytes, for callers that map them on the way (without a copy).
#[must_use]
pub fn fnv1a_bytes(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_test_vectors() {
        assert_eq!(fnv1a(&[b""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&[b"a"]), 0xaf63_dc4c_8601_ec8c);
    }
}
