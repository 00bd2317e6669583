//! Any bytes as a rules file; when they load, extraction with them on a
//! fixed article; see `checks::rules_parse`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsgraph_fuzz::rules_parse(data));
