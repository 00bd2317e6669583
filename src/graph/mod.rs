//! From extractions to RDF: IRIs, triples and provenance.
//!
//! This module owns the shape of the graph (DESIGN.md, "The graph it
//! writes"): one named graph per article with its direct relation triples
//! and one reifying node per relation instance carrying the evidence; the
//! entities in their own graph; the ontology in another. Every IRI goes
//! through [`Iris`], which escapes and is deterministic. Pure: no I/O.
//!
//! `iris` mints the IRIs; `article` writes an article's graph; `entities`
//! the entities graph; `ontology` the ontology graph (its blank nodes
//! skolemised).

mod article;
mod entities;
mod iris;
mod ontology;
mod profile;

pub use article::{ArticleGraph, GraphWriter, article_quads};
pub use entities::entity_quads;
pub use iris::{GraphError, Iris, escape_segment};
pub use ontology::ontology_quads;
pub use profile::{EvidenceProfile, ProfileConflict};

/// The ontology shipped with newsgraph, loaded into every store.
pub const ONTOLOGY_TURTLE: &str = include_str!("../../ontology/newsgraph.ttl");

#[cfg(test)]
mod tests {
    use oxrdf::NamedNode;

    use super::*;

    #[test]
    fn escapes_any_id_into_a_valid_iri() {
        let iris = Iris::default();
        for id in [
            "plain",
            "with space",
            "ünïcödé",
            "a/b?c#d",
            "<script>",
            "",
            "\"quoted\"\n",
        ] {
            let article = iris.article(id);
            assert!(
                NamedNode::new(article.as_str()).is_ok(),
                "{id:?} gave {article}"
            );
        }
        assert_eq!(
            iris.article("a b").as_str(),
            "https://w3id.org/newsgraph/doc/a%20b"
        );
    }

    #[test]
    fn rejects_a_base_without_separator() {
        assert!(Iris::new("https://example.org/x").is_err());
        assert!(Iris::new("not an iri/").is_err());
        assert!(Iris::new("https://example.org/kg/").is_ok());
    }
}
