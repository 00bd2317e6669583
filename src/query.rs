//! SPARQL over the store: the default graph is the union of all graphs,
//! results go out as an aligned table or any SPARQL results or RDF format,
//! and presets answer the questions every user asks first.
//!
//! It owns query evaluation and result formatting; it reads no files.

use std::io::Write;
use std::time::Duration;

use oxigraph::io::RdfFormat;
use oxigraph::model::{Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryEvaluationError, QueryResults, QuerySolutionIter,
    SparqlEvaluator, SparqlSyntaxError,
};

use crate::store::GraphStore;
use crate::vocab::PREFIXES;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    #[error("SPARQL syntax error")]
    Syntax(#[from] SparqlSyntaxError),
    #[error("query failed")]
    Evaluation(#[from] QueryEvaluationError),
    #[error("query timed out after {0:?}")]
    Timeout(Duration),
    #[error("format `{format}` does not fit a {kind} result (use {expected})")]
    FormatMismatch {
        format: String,
        kind: &'static str,
        expected: &'static str,
    },
    #[error(
        "unknown result format `{0}` (expected table, csv, tsv, json, xml, or an RDF format for CONSTRUCT/DESCRIBE)"
    )]
    UnknownFormat(String),
    #[error("unknown preset `{0}`; `newsgraph query --list-presets` shows them")]
    UnknownPreset(String),
    #[error("writing results")]
    Write(#[from] std::io::Error),
}

/// A named query a user can run with `--preset NAME`.
#[derive(Debug)]
pub struct Preset {
    pub name: &'static str,
    pub description: &'static str,
    pub sparql: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        name: "accusations",
        description: "who accuses whom, in how many articles",
        sparql: "SELECT ?accuser ?accused ?articles WHERE {
  ?edge ng:relation ng:accuses ; ng:source ?a ; ng:target ?b ; ng:articleCount ?articles .
  ?a rdfs:label ?accuser . ?b rdfs:label ?accused .
} ORDER BY DESC(?articles) ?accuser ?accused",
    },
    Preset {
        name: "mediators",
        description: "who mediates between whom, in how many articles",
        sparql: "SELECT ?mediator ?party ?articles WHERE {
  ?edge ng:relation ng:mediates ; ng:source ?m ; ng:target ?p ; ng:articleCount ?articles .
  ?m rdfs:label ?mediator . ?p rdfs:label ?party .
} ORDER BY DESC(?articles) ?mediator ?party",
    },
    Preset {
        name: "demands",
        description: "what each actor demands, of whom, with the sentence: 100 of them (raise the LIMIT for more) and ?total, how many there are",
        sparql: "SELECT ?actor ?of ?article ?sentence ?total WHERE {
  { SELECT ?r WHERE { ?r rdf:predicate ng:demands ; ng:modality ng:Asserted } LIMIT 100 }
  ?r rdf:subject ?a ; rdf:object ?b ; prov:wasDerivedFrom ?doc ; ng:evidence ?s .
  ?s nif:anchorOf ?sentence . ?doc dcterms:identifier ?article .
  ?a rdfs:label ?actor . ?b rdfs:label ?of .
  { SELECT (SUM(?i) AS ?total) WHERE { ?e ng:relation ng:demands ; ng:instanceCount ?i } }
} ORDER BY ?article ?actor ?of ?sentence",
    },
    Preset {
        name: "rejections",
        description: "who rejects whom, in how many articles",
        sparql: "SELECT ?actor ?rejected ?articles WHERE {
  ?edge ng:relation ng:rejects ; ng:source ?a ; ng:target ?b ; ng:articleCount ?articles .
  ?a rdfs:label ?actor . ?b rdfs:label ?rejected .
} ORDER BY DESC(?articles) ?actor ?rejected",
    },
    Preset {
        name: "relations",
        description: "every asserted edge with its number of articles",
        sparql: "SELECT ?source ?relation ?target ?articles WHERE {
  ?edge ng:relation ?p ; ng:source ?a ; ng:target ?b ; ng:articleCount ?articles .
  ?a rdfs:label ?source . ?b rdfs:label ?target .
  BIND(STRAFTER(STR(?p), \"#\") AS ?relation)
} ORDER BY ?relation DESC(?articles) ?source ?target",
    },
    Preset {
        name: "timeline",
        description: "every asserted edge with its articles, sentences, and first and last article date",
        sparql: "SELECT ?source ?relation ?target ?articles ?instances ?first ?last WHERE {
  ?edge ng:relation ?p ; ng:source ?a ; ng:target ?b ;
        ng:articleCount ?articles ; ng:instanceCount ?instances .
  OPTIONAL { ?edge ng:firstDate ?first ; ng:lastDate ?last }
  ?a rdfs:label ?source . ?b rdfs:label ?target .
  BIND(STRAFTER(STR(?p), \"#\") AS ?relation)
} ORDER BY ?relation DESC(?articles) ?source ?target",
    },
    Preset {
        name: "evidence",
        description: "relation instances with their article, offsets, rule and sentence: 100 of them (raise the LIMIT for more) and ?asserted, how many asserted ones there are",
        sparql:
            "SELECT ?source ?relation ?target ?article ?start ?end ?rule ?modality ?sentence ?asserted WHERE {
  { SELECT ?r WHERE { ?r ng:rule ?any } LIMIT 100 }
  ?r rdf:subject ?a ; rdf:predicate ?p ; rdf:object ?b ; prov:wasDerivedFrom ?doc ;
     ng:rule ?rule ; ng:modality ?m ; ng:evidence ?s .
  ?doc dcterms:identifier ?article .
  ?s nif:beginIndex ?start ; nif:endIndex ?end ; nif:anchorOf ?sentence .
  ?a rdfs:label ?source . ?b rdfs:label ?target .
  BIND(STRAFTER(STR(?p), \"#\") AS ?relation)
  BIND(STRAFTER(STR(?m), \"#\") AS ?modality)
  { SELECT (SUM(?i) AS ?asserted) WHERE { ?e ng:relation ?any ; ng:instanceCount ?i } }
} ORDER BY ?article ?start ?source ?relation ?target",
    },
    Preset {
        name: "roles",
        description: "who speaks or acts for whom",
        sparql: "SELECT ?person ?actor ?role WHERE {
  ?p ng:represents ?x ; rdfs:label ?person . ?x rdfs:label ?actor .
  OPTIONAL { ?p ng:role ?role }
} ORDER BY ?actor ?person",
    },
];

pub fn preset(name: &str) -> Result<&'static Preset, QueryError> {
    PRESETS
        .iter()
        .find(|preset| preset.name == name)
        .ok_or_else(|| QueryError::UnknownPreset(name.to_owned()))
}

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// An aligned text table (solutions) or `true`/`false` (ASK).
    Table,
    Results(QueryResultsFormat),
    Rdf(RdfFormat),
}

/// Parses a result format given by name (`table`, `csv`, `tsv`, `json`,
/// `xml`), by file extension (`srj`, `srx`) or by media type (`text/csv`,
/// `application/sparql-results+json`), or else an RDF format as `export`
/// takes it (for CONSTRUCT and DESCRIBE).
pub fn parse_output_format(name: &str) -> Result<OutputFormat, QueryError> {
    let lowered = name.to_ascii_lowercase();
    let results = match lowered.as_str() {
        "table" => return Ok(OutputFormat::Table),
        "csv" => Some(QueryResultsFormat::Csv),
        "tsv" => Some(QueryResultsFormat::Tsv),
        "json" => Some(QueryResultsFormat::Json),
        "xml" => Some(QueryResultsFormat::Xml),
        other => QueryResultsFormat::from_extension(other)
            .or_else(|| QueryResultsFormat::from_media_type(other)),
    };
    if let Some(format) = results {
        return Ok(OutputFormat::Results(format));
    }
    crate::export::parse_format(&lowered)
        .map(OutputFormat::Rdf)
        .map_err(|_| QueryError::UnknownFormat(name.to_owned()))
}

/// The format an output file's extension names (`results.csv`,
/// `graph.ttl`, `graph.ttl.gz`); `None` when it names none.
pub fn output_format_of(path: &std::path::Path) -> Option<OutputFormat> {
    let extension = crate::export::extension_of(path)?;
    parse_output_format(&extension)
        .ok()
        .filter(|format| *format != OutputFormat::Table)
}

/// A format's name for messages: `csv`, `turtle`, `table`.
fn format_name(format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => "table".to_owned(),
        OutputFormat::Results(format) => format
            .file_extension()
            .replace("srj", "json")
            .replace("srx", "xml"),
        OutputFormat::Rdf(format) => format.name().to_ascii_lowercase(),
    }
}

/// The triples of a CONSTRUCT or DESCRIBE result, each once: over the union
/// of the article graphs the same triple comes once per graph that holds it.
pub fn distinct_triples<E>(
    triples: impl Iterator<Item = Result<Triple, E>>,
) -> impl Iterator<Item = Result<Triple, E>> {
    let mut seen = rustc_hash::FxHashSet::default();
    triples.filter(move |triple| match triple {
        Ok(triple) => seen.insert(triple.clone()),
        Err(_) => true,
    })
}

/// An evaluator with the built-in prefixes declared, cancelled by `token`.
pub fn evaluator(token: &CancellationToken) -> SparqlEvaluator {
    let mut evaluator = SparqlEvaluator::new().with_cancellation_token(token.clone());
    for (prefix, iri) in PREFIXES {
        evaluator = evaluator
            .with_prefix(*prefix, *iri)
            .expect("the built-in prefixes are valid IRIs");
    }
    evaluator
}

/// Runs `work` (which evaluates with `token`) and cancels `token` when it
/// takes longer than `timeout`: the one watchdog of the command line and the
/// server. No timeout, no watchdog thread.
pub fn with_deadline<T>(
    token: &CancellationToken,
    timeout: Option<Duration>,
    work: impl FnOnce() -> T,
) -> T {
    let Some(timeout) = timeout else {
        return work();
    };
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let watchdog_token = token.clone();
    let watchdog = std::thread::spawn(move || {
        if wait.recv_timeout(timeout).is_err() {
            watchdog_token.cancel();
        }
    });
    let result = work();
    let _ = done.send(());
    let _ = watchdog.join();
    result
}

/// Parses a query with the built-in prefixes, over the union of all graphs
/// as the default graph.
pub fn prepare(
    query: &str,
    token: &CancellationToken,
) -> Result<PreparedSparqlQuery, SparqlSyntaxError> {
    let mut prepared = evaluator(token).parse_query(query)?;
    prepared.dataset_mut().set_default_graph_as_union();
    Ok(prepared)
}

/// Runs `query` on the store (union default graph) and writes the results.
pub fn run(
    store: &GraphStore,
    query: &str,
    format: OutputFormat,
    timeout: Option<Duration>,
    mut out: impl Write,
) -> Result<(), QueryError> {
    let token = CancellationToken::new();
    let prepared = prepare(query, &token)?;
    let result = with_deadline(&token, timeout, || {
        write_results(store.query(prepared), format, &mut out)
    });
    match result {
        Err(QueryError::Evaluation(QueryEvaluationError::Cancelled)) => {
            Err(QueryError::Timeout(timeout.unwrap_or_default()))
        }
        other => other,
    }
}

fn write_results(
    results: Result<QueryResults, QueryEvaluationError>,
    format: OutputFormat,
    out: &mut impl Write,
) -> Result<(), QueryError> {
    match results? {
        QueryResults::Solutions(solutions) => write_solutions(solutions, format, out)?,
        QueryResults::Boolean(value) => match format {
            OutputFormat::Table => writeln!(out, "{value}")?,
            OutputFormat::Results(format) => {
                QueryResultsSerializer::from_format(format)
                    .serialize_boolean_to_writer(&mut *out, value)?;
            }
            OutputFormat::Rdf(_) => {
                return Err(QueryError::FormatMismatch {
                    format: format_name(format),
                    kind: "ASK",
                    expected: "table, csv, tsv, json or xml",
                });
            }
        },
        QueryResults::Graph(triples) => {
            let rdf = match format {
                OutputFormat::Rdf(format) => format,
                OutputFormat::Table => RdfFormat::Turtle,
                OutputFormat::Results(_) => {
                    return Err(QueryError::FormatMismatch {
                        format: format_name(format),
                        kind: "CONSTRUCT/DESCRIBE",
                        expected: "an RDF format such as turtle or ntriples",
                    });
                }
            };
            let mut writer = crate::export::serializer(rdf).for_writer(&mut *out);
            for triple in distinct_triples(triples) {
                writer.serialize_triple(&triple?)?;
            }
            writer.finish()?;
        }
    }
    out.flush()?;
    Ok(())
}

/// A SELECT's solutions in `format`: a table, or a SPARQL results format.
fn write_solutions(
    solutions: QuerySolutionIter<'_>,
    format: OutputFormat,
    out: &mut impl Write,
) -> Result<(), QueryError> {
    match format {
        OutputFormat::Table => {
            let variables: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution?;
                rows.push(
                    variables
                        .iter()
                        .map(|v| {
                            solution
                                .get(v.as_str())
                                .map(display_term)
                                .unwrap_or_default()
                        })
                        .collect::<Vec<_>>(),
                );
            }
            write_table(out, &variables, &rows)?;
        }
        OutputFormat::Results(format) => {
            let mut writer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut *out, solutions.variables().to_vec())?;
            for solution in solutions {
                writer.serialize(&solution?)?;
            }
            writer.finish()?;
        }
        OutputFormat::Rdf(_) => {
            return Err(QueryError::FormatMismatch {
                format: format_name(format),
                kind: "SELECT",
                expected: "table, csv, tsv, json or xml",
            });
        }
    }
    Ok(())
}

/// A term as plain text: a literal's value, an IRI as itself, anything else
/// in its N-Triples form; nothing for an unbound variable. What explain and
/// the network read from solutions.
pub fn term_text(term: Option<&Term>) -> String {
    match term {
        Some(Term::Literal(literal)) => literal.value().to_owned(),
        Some(Term::NamedNode(node)) => node.as_str().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// A term as a person reads it: IRIs shortened by the known prefixes,
/// literals without quotes or datatypes.
pub fn display_term(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => {
            let iri = node.as_str();
            for (prefix, namespace) in PREFIXES {
                if let Some(local) = iri.strip_prefix(namespace) {
                    if !local.is_empty()
                        && local
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                    {
                        return format!("{prefix}:{local}");
                    }
                }
            }
            format!("<{iri}>")
        }
        Term::Literal(literal) => literal.value().to_owned(),
        other => other.to_string(),
    }
}

fn write_table(
    out: &mut impl Write,
    header: &[String],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    const MAX_CELL: usize = 80;
    let cell = |text: &str| -> String {
        let flat = text.replace(['\n', '\t'], " ");
        if flat.chars().count() > MAX_CELL {
            format!("{}…", flat.chars().take(MAX_CELL - 1).collect::<String>())
        } else {
            flat
        }
    };
    let header: Vec<String> = header.iter().map(|h| cell(h)).collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|c| cell(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, value) in widths.iter_mut().zip(row) {
            *width = (*width).max(value.chars().count());
        }
    }
    let line = |out: &mut dyn Write, values: &[String]| -> std::io::Result<()> {
        let padded: Vec<String> = values
            .iter()
            .zip(&widths)
            .map(|(v, w)| format!("{v}{}", " ".repeat(w - v.chars().count())))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(out, &header)?;
    writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  ")
    )?;
    for row in &rows {
        line(out, row)?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}
