//! The ontology graph: `ontology/newsgraph.ttl` as quads.

use std::collections::HashMap;

use oxrdf::{BlankNode, NamedNode, NamedOrBlankNode, Quad, Term};
use oxrdfio::{RdfFormat, RdfParser, RdfSyntaxError};

use super::{Iris, ONTOLOGY_TURTLE};
use crate::vocab;

/// The ontology as quads in its own graph. Blank nodes (OWL lists and
/// restrictions) are skolemised to IRIs numbered in parse order, so the
/// ontology graph is the same, byte for byte, on every build.
pub fn ontology_quads(iris: &Iris) -> Result<Vec<Quad>, RdfSyntaxError> {
    let graph = iris.ontology_graph();
    let mut skolem: HashMap<BlankNode, NamedNode> = HashMap::new();
    let mut skolemise = |blank: BlankNode| -> NamedNode {
        let next = skolem.len();
        skolem
            .entry(blank)
            .or_insert_with(|| {
                NamedNode::new_unchecked(format!("{}/.well-known/genid/{next}", vocab::ONTOLOGY))
            })
            .clone()
    };
    let mut quads = Vec::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle)
        .with_default_graph(graph)
        .for_slice(ONTOLOGY_TURTLE.as_bytes())
    {
        let mut quad = quad?;
        if let NamedOrBlankNode::BlankNode(blank) = quad.subject {
            quad.subject = skolemise(blank).into();
        }
        if let Term::BlankNode(blank) = quad.object {
            quad.object = skolemise(blank).into();
        }
        quads.push(quad);
    }
    Ok(quads)
}
