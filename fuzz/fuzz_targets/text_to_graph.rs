//! Any bytes, read as the command line reads an article, through extraction
//! with the default rules to the article's graph; see `checks::text_to_graph`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsgraph_fuzz::text_to_graph(data));
