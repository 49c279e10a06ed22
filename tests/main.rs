//! The one integration-test binary: fixtures, CLI, packs.

mod fixtures;
mod packs;
