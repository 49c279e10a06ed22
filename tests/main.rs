//! The one integration-test binary: fixtures, CLI, packs.

mod agreement;
mod cli;
mod fixtures;
mod packs;
mod repo;
