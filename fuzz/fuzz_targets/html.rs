//! Arbitrary bytes as an HTML page (any declared encoding), checked with the embedded packs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    citelint_fuzz::check(
        citelint_fuzz::embedded(),
        data,
        citelint::document::Format::Html,
    );
});
