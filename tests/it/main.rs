//! The one integration test binary: the library end to end, the CLI as a
//! user runs it, golden graphs, and phenomena of news language.

mod browser;
mod cli;
mod golden;
mod hay;
mod linked;
mod phenomena;
mod push;
mod reliability;
mod serve;
