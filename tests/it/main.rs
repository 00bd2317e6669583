//! The one integration test binary: the library end to end, the CLI as a
//! user runs it (and as a shell, `man` and a terminal see it), golden
//! graphs, phenomena of news language, and the inputs the fuzzers found.

mod browser;
mod cli;
mod events;
mod evidence;
mod fuzz_regressions;
mod golden;
mod hay;
mod identifiers;
mod inputs;
mod inspect;
mod layers;
mod linked;
mod phenomena;
mod push;
mod quality;
mod reliability;
mod serve;
mod serve_limits;
mod suggest;
mod summary;
mod usage;
