//! Explaining the graph: every sentence behind an edge, or every edge an
//! entity takes part in, with article and character offsets.
//!
//! It queries the store with SPARQL and returns plain rows; the CLI prints.
//! The text and offsets are read from the instance's sentence
//! (`ng:evidence`), the trigger only where the evidence profile wrote it.

use oxigraph::sparql::QueryResults;

use crate::query::QueryError;
use crate::rules::{EntityKind, Predicate};
use crate::store::GraphStore;
use crate::vocab::NG;

/// One relation instance behind an edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub source: String,
    pub predicate: String,
    pub target: String,
    pub article: String,
    pub begin: String,
    pub end: String,
    /// The words that matched (`None` in a store built with `--evidence
    /// sentence`).
    pub trigger: Option<String>,
    pub rule: String,
    pub modality: String,
    pub sentence: String,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExplainError {
    #[error(
        "no entity `{0}` in the store (give an entity's id such as Pakistan, its label such as \"Attaullah Tarar\", or an alias such as Tarar)"
    )]
    UnknownEntity(String),
    #[error("`{name}` names several entities ({}): give one's id", entities.join(", "))]
    Ambiguous { name: String, entities: Vec<String> },
    #[error(transparent)]
    UnknownRelation(#[from] crate::rules::UnknownPredicate),
    #[error(transparent)]
    Query(#[from] QueryError),
}

fn select(store: &GraphStore, query: &str) -> Result<Vec<Vec<String>>, QueryError> {
    let prepared = crate::query::prepare(query, &oxigraph::sparql::CancellationToken::new())?;
    let mut rows = Vec::new();
    if let QueryResults::Solutions(solutions) = store.query(prepared)? {
        let variables: Vec<String> = solutions
            .variables()
            .iter()
            .map(|v| v.as_str().to_owned())
            .collect();
        for solution in solutions {
            let solution = solution?;
            rows.push(
                variables
                    .iter()
                    .map(|v| crate::query::term_text(solution.get(v.as_str())))
                    .collect(),
            );
        }
    }
    Ok(rows)
}

fn quote(text: &str) -> String {
    let escaped: String = text
        .chars()
        .flat_map(|c| {
            if matches!(c, '"' | '\\') {
                vec!['\\', c]
            } else {
                vec![c]
            }
        })
        .filter(|c| !c.is_control())
        .collect();
    format!("\"{escaped}\"")
}

/// The IRI of the entity a name stands for: the entity (of one of the
/// rules' kinds, as `build` writes them) whose id, label or alias it is,
/// case-insensitively, in that order of preference. Labels of other data
/// loaded beside (a DBpedia resource labelled "Pakistan") are not entities
/// and never match; a name two entities share is refused with both.
pub fn resolve_entity(store: &GraphStore, name: &str) -> Result<String, ExplainError> {
    let lowered = quote(&name.to_lowercase());
    let kinds: Vec<String> = EntityKind::ALL
        .iter()
        .map(|kind| format!("ng:{}", kind.name()))
        .collect();
    let query = format!(
        "SELECT ?e (MIN(?rank) AS ?best) WHERE {{ VALUES ?kind {{ {} }} ?e a ?kind . \
         {{ BIND(0 AS ?rank) FILTER(LCASE(REPLACE(STR(?e), \"^.*/\", \"\")) = {lowered}) }} \
         UNION {{ ?e rdfs:label ?name BIND(1 AS ?rank) FILTER(LCASE(STR(?name)) = {lowered}) }} \
         UNION {{ ?e skos:altLabel ?name BIND(2 AS ?rank) FILTER(LCASE(STR(?name)) = {lowered}) }} \
         }} GROUP BY ?e ORDER BY ?best ?e",
        kinds.join(" ")
    );
    let rows = select(store, &query)?;
    let Some(best) = rows.first().map(|row| row[1].clone()) else {
        return Err(ExplainError::UnknownEntity(name.to_owned()));
    };
    let mut tied = rows
        .into_iter()
        .filter(|row| row[1] == best)
        .map(|row| row[0].clone());
    let first = tied.next().expect("the first row ties with itself");
    let others: Vec<String> = tied.collect();
    if others.is_empty() {
        Ok(first)
    } else {
        Err(ExplainError::Ambiguous {
            name: name.to_owned(),
            entities: std::iter::once(first).chain(others).collect(),
        })
    }
}

const EVIDENCE_PATTERN: &str =
    "?r rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ng:rule ?rule ; ng:modality ?m ;
       ng:evidence ?sentence ; prov:wasDerivedFrom ?doc .
    OPTIONAL { ?r ng:trigger ?trigger }
    ?sentence nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?text .
    ?doc dcterms:identifier ?article .
    ?s rdfs:label ?source . ?o rdfs:label ?target .";

fn evidence_rows(store: &GraphStore, filter: &str) -> Result<Vec<Evidence>, ExplainError> {
    let query = format!(
        "SELECT ?source ?p ?target ?article ?begin ?end ?trigger ?rule ?m ?text WHERE {{ {EVIDENCE_PATTERN} {filter} }} \
         ORDER BY ?source ?p ?target ?article ?begin ?trigger"
    );
    Ok(select(store, &query)?
        .into_iter()
        .map(|row| {
            let short = |iri: &str| iri.rsplit('#').next().unwrap_or(iri).to_owned();
            Evidence {
                source: row[0].clone(),
                predicate: short(&row[1]),
                target: row[2].clone(),
                article: row[3].clone(),
                begin: row[4].clone(),
                end: row[5].clone(),
                trigger: Some(row[6].clone()).filter(|trigger| !trigger.is_empty()),
                rule: row[7].clone(),
                modality: short(&row[8]),
                sentence: row[9].clone(),
            }
        })
        .collect())
}

/// Every instance of `source predicate target`.
pub fn edge(
    store: &GraphStore,
    source: &str,
    predicate: Predicate,
    target: &str,
) -> Result<Vec<Evidence>, ExplainError> {
    let source = resolve_entity(store, source)?;
    let target = resolve_entity(store, target)?;
    evidence_rows(
        store,
        &format!(
            "FILTER(?s = <{source}> && ?o = <{target}> && ?p = <{NG}{}>)",
            predicate.name()
        ),
    )
}

/// Every instance an entity takes part in, as source or target.
pub fn entity(store: &GraphStore, name: &str) -> Result<Vec<Evidence>, ExplainError> {
    let iri = resolve_entity(store, name)?;
    evidence_rows(store, &format!("FILTER(?s = <{iri}> || ?o = <{iri}>)"))
}
