//! newsgraph turns news articles into a linked-data knowledge graph of who
//! mediates, accuses, demands of and rejects whom, with every edge traced
//! to the sentence that states it.
//!
//! The pipeline is the architecture (`ARCHITECTURE.md` has the code map):
//!
//! ```text
//! text files ─▶ input ─▶ text (sentences, offsets) ─▶ extract (mentions)
//! ─▶ syntax (tags, a dependency tree) ─▶ extract (relations over the tree,
//! coreference) ─▶ graph (IRIs, quads, provenance) ─▶ pipeline ─▶ store
//! (oxigraph) ─▶ query / export / events / explain / network / serve / push
//! ```
//!
//! The pure core, [`text`], [`rules`], [`syntax`], [`extract`], [`suggest`], [`graph`],
//! [`nquads`], [`vocab`], [`cameo`] and [`date`], does no I/O and never prints (a
//! syntax model is bytes handed in: [`syntax::Model::from_bytes`], then
//! [`extract::Extractor::with_syntax`]). [`input`] and [`eval`] read files
//! (their decoding and scoring halves are pure); the rest own the store, the
//! files a build writes and the network.
//!
//! The modules that need the Oxigraph store (RocksDB), and the command
//! line, sit behind the default feature `cli`. Without it
//! (`--no-default-features`) the library is the pure core with [`input`]
//! and [`eval`], on `oxrdf` and `oxrdfio`, the crates Oxigraph re-exports
//! as `oxigraph::model` and `oxigraph::io`. The fuzz targets in `fuzz/`
//! build that way, so they never compile RocksDB.
//!
//! End to end, in memory:
//!
//! ```
//! use newsgraph::{extract::Extractor, graph, rules::RuleSet, text::Article};
//!
//! let rules = RuleSet::from_toml("rules.toml", r#"
//! [[entity]]
//! id = "Pakistan"
//! kind = "Country"
//! label = "Pakistan"
//! aliases = ["Pakistan", "Islamabad"]
//!
//! [[entity]]
//! id = "Taliban"
//! kind = "Government"
//! label = "Taliban"
//! aliases = ["Taliban"]
//!
//! [[relation]]
//! id = "accuses"
//! predicate = "accuses"
//! verbs = ["accuse"]
//! "#)?;
//! let extractor = Extractor::new(rules);
//! let article = Article::from_text("a1", "Talks fail\nIslamabad accuses the Taliban of sheltering militants.");
//! let extraction = extractor.extract(&article);
//! assert_eq!(extraction.relations.len(), 1);
//! let quads = graph::article_quads(&graph::Iris::default(), extractor.rules(), &article, &extraction);
//! assert!(quads.iter().any(|q| q.to_string().contains("ontology#accuses")));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

pub mod cameo;
pub mod date;
pub mod eval;
#[cfg(feature = "cli")]
pub mod events;
#[cfg(feature = "cli")]
pub mod explain;
#[cfg(feature = "cli")]
pub mod export;
pub mod extract;
pub mod graph;
pub mod input;
#[cfg(feature = "cli")]
pub mod network;
pub mod nquads;
#[cfg(feature = "cli")]
pub mod output;
#[cfg(feature = "cli")]
pub mod pipeline;
#[cfg(feature = "cli")]
pub mod push;
#[cfg(feature = "cli")]
pub mod query;
pub mod rules;
#[cfg(feature = "cli")]
pub mod serve;
#[cfg(feature = "cli")]
pub mod store;
pub mod suggest;
pub mod syntax;
pub mod text;
pub mod vocab;
