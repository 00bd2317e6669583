//! The build: articles in, graphs out, to a store or to an N-Quads stream.
//!
//! This module owns the order of work and the replace semantics: the
//! ontology and entities graphs are replaced first, then each article's
//! graph in its own transaction, so a build that stops half-way leaves
//! whole articles only, and re-running it converges on the same graph. It
//! reads inputs through [`crate::input`] and reports warnings through a
//! callback; it never prints.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::time::{Duration, Instant};

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{BlankNode, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::extract::{Extractor, Modality};
use crate::graph::{self, Iris, ONTOLOGY_TURTLE};
use crate::input::{self, InputError, Source};
use crate::rules::Predicate;
use crate::store::{GraphStore, StoreError};
use crate::text::Article;
use crate::vocab;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("writing N-Quads: {0}")]
    Write(#[source] std::io::Error),
    #[error("the bundled ontology does not parse: {0}")]
    Ontology(String),
}

/// Where the graphs go.
pub enum Sink<'a> {
    Store(&'a GraphStore),
    NQuads(Box<dyn Write + 'a>),
}

/// Counts for the one-screen summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BuildSummary {
    pub articles: usize,
    pub skipped: usize,
    pub bytes: usize,
    pub sentences: usize,
    pub mentions: usize,
    /// Per predicate: (asserted instances, negated or hypothetical instances).
    pub relations: BTreeMap<Predicate, (usize, usize)>,
    pub quads: usize,
    pub elapsed: Duration,
}

/// The ontology as quads in its own graph. Blank nodes (OWL lists and
/// restrictions) are skolemised to IRIs numbered in parse order, so the
/// ontology graph is the same, byte for byte, on every build.
pub fn ontology_quads(iris: &Iris) -> Result<Vec<Quad>, BuildError> {
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
        let mut quad = quad.map_err(|error| BuildError::Ontology(error.to_string()))?;
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

struct Writer<'a> {
    sink: Sink<'a>,
    serializer: Option<oxigraph::io::WriterQuadSerializer<Vec<u8>>>,
}

impl Writer<'_> {
    fn write_graph(
        &mut self,
        graph: &oxigraph::model::NamedNode,
        quads: &[Quad],
    ) -> Result<(), BuildError> {
        match &mut self.sink {
            Sink::Store(store) => store.replace_graph(graph.as_ref(), quads)?,
            Sink::NQuads(out) => {
                let mut serializer = self.serializer.take().unwrap_or_else(|| {
                    RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new())
                });
                for quad in quads {
                    serializer.serialize_quad(quad).map_err(BuildError::Write)?;
                }
                let buffer = serializer.finish().map_err(BuildError::Write)?;
                out.write_all(&buffer).map_err(BuildError::Write)?;
                let mut reused = buffer;
                reused.clear();
                self.serializer =
                    Some(RdfSerializer::from_format(RdfFormat::NQuads).for_writer(reused));
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<(), BuildError> {
        match self.sink {
            Sink::Store(store) => store.flush()?,
            Sink::NQuads(mut out) => out.flush().map_err(BuildError::Write)?,
        }
        Ok(())
    }
}

/// Extracts one article into its graph's quads and adds its counts.
pub fn article_graph(
    extractor: &Extractor,
    iris: &Iris,
    article: &Article,
    summary: &mut BuildSummary,
) -> Vec<Quad> {
    let extraction = extractor.extract(article);
    summary.articles += 1;
    summary.bytes += article.text.len();
    summary.sentences += extraction.sentences.len();
    summary.mentions += extraction.mentions.len();
    for relation in &extraction.relations {
        let counts = summary.relations.entry(relation.predicate).or_default();
        if relation.modality == Modality::Asserted {
            counts.0 += 1;
        } else {
            counts.1 += 1;
        }
    }
    graph::article_quads(iris, extractor.rules(), article, &extraction)
}

/// Builds the graph of `sources` into `sink`. `warn` receives every
/// warning (bad bytes, empty files) as it happens.
pub fn build(
    extractor: &Extractor,
    iris: &Iris,
    sources: &[Source],
    sink: Sink,
    mut warn: impl FnMut(&str),
) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let mut summary = BuildSummary::default();
    let mut writer = Writer {
        sink,
        serializer: None,
    };

    let ontology = ontology_quads(iris)?;
    writer.write_graph(&iris.ontology_graph(), &ontology)?;
    summary.quads += ontology.len();
    let entities = graph::entity_quads(iris, extractor.rules());
    writer.write_graph(&iris.entities_graph(), &entities)?;
    summary.quads += entities.len();

    for source in sources {
        let loaded = input::load(source)?;
        for warning in &loaded.warnings {
            warn(warning);
        }
        let Some(article) = loaded.article else {
            summary.skipped += 1;
            continue;
        };
        let quads = article_graph(extractor, iris, &article, &mut summary);
        summary.quads += quads.len();
        writer.write_graph(&iris.article(&article.id), &quads)?;
    }
    writer.finish()?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}
