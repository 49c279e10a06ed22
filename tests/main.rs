//! The one integration-test binary: fixtures, CLI, packs.

mod agreement;
mod cli;
mod fixtures;
mod floor;
mod packs;
mod repo;
