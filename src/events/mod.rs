//! The graph as event data: one row per relation instance, in the shapes
//! the event-data world reads, PLOVER/POLECAT JSON Lines ([`plover`]) and
//! GDELT 2.0 event-table columns ([`gdelt`]).
//!
//! It reads the store with one SPARQL query whose solutions are written as
//! they come (no sorting, so a big store is never held in memory: rows come
//! in the store's index order, the same for the same store); the CAMEO
//! event code of each instance is [`CameoEvent::of`]'s, from the pure
//! [`crate::cameo`]. It
//! writes to the `Write` it is given and prints nothing; the sentence comes
//! from the instance's evidence `nif:Sentence`, never from a copy on the
//! instance.

pub mod gdelt;
pub mod plover;

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use oxigraph::model::Term;
use oxigraph::sparql::{CancellationToken, QueryResults, QuerySolution};
use sha2::{Digest, Sha256};

pub use crate::cameo::CameoEvent;
use crate::query::QueryError;
use crate::rules::Predicate;
use crate::store::GraphStore;
use crate::vocab::{DBPEDIA, NG, WIKIDATA};

/// Which community's field names the rows use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Schema {
    /// PLOVER/POLECAT: nested JSON objects, one per line.
    Plover,
    /// GDELT 2.0 event-table columns, flat.
    Gdelt,
}

impl Schema {
    pub const ALL: [Schema; 2] = [Schema::Plover, Schema::Gdelt];

    pub fn name(self) -> &'static str {
        match self {
            Schema::Plover => "plover",
            Schema::Gdelt => "gdelt",
        }
    }

    /// The format written when none is asked for: JSON Lines for PLOVER,
    /// tab-separated for GDELT (its own files are).
    pub fn default_format(self) -> TableFormat {
        match self {
            Schema::Plover => TableFormat::Jsonl,
            Schema::Gdelt => TableFormat::Tsv,
        }
    }
}

impl FromStr for Schema {
    type Err = EventsError;

    fn from_str(name: &str) -> Result<Schema, EventsError> {
        Schema::ALL
            .into_iter()
            .find(|schema| schema.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| EventsError::UnknownSchema(name.to_owned()))
    }
}

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How the rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TableFormat {
    /// Comma-separated, RFC 4180 quoting, a header line.
    Csv,
    /// Tab-separated, a header line; tabs and line breaks inside a value
    /// become spaces (GDELT's files have no quoting).
    Tsv,
    /// One JSON object per line.
    Jsonl,
}

impl TableFormat {
    pub const ALL: [TableFormat; 3] = [TableFormat::Csv, TableFormat::Tsv, TableFormat::Jsonl];

    pub fn name(self) -> &'static str {
        match self {
            TableFormat::Csv => "csv",
            TableFormat::Tsv => "tsv",
            TableFormat::Jsonl => "jsonl",
        }
    }
}

impl FromStr for TableFormat {
    type Err = EventsError;

    fn from_str(name: &str) -> Result<TableFormat, EventsError> {
        TableFormat::ALL
            .into_iter()
            .find(|format| format.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| EventsError::UnknownFormat(name.to_owned()))
    }
}

impl fmt::Display for TableFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What `events` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventsOptions {
    pub schema: Schema,
    pub format: TableFormat,
    /// Negated and hypothetical instances too, with their modality.
    pub all: bool,
}

impl EventsOptions {
    /// The options, refused when the format cannot hold the schema: a
    /// PLOVER record nests its actors and citation, which no flat table
    /// holds.
    pub fn new(
        schema: Schema,
        format: Option<TableFormat>,
        all: bool,
    ) -> Result<EventsOptions, EventsError> {
        let format = format.unwrap_or(schema.default_format());
        if schema == Schema::Plover && format != TableFormat::Jsonl {
            return Err(EventsError::FlatPlover(format));
        }
        Ok(EventsOptions {
            schema,
            format,
            all,
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EventsError {
    #[error("unknown schema `{0}` (expected plover or gdelt)")]
    UnknownSchema(String),
    #[error("unknown format `{0}` (expected csv, tsv or jsonl)")]
    UnknownFormat(String),
    #[error(
        "a PLOVER record nests its actors and citation, which {0} cannot hold: use --format jsonl, or --schema gdelt for a flat table"
    )]
    FlatPlover(TableFormat),
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("writing the events")]
    Write(#[from] io::Error),
}

/// An actor of an instance, as the entities graph describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub iri: String,
    pub name: String,
    /// The CAMEO actor code (`PAK`, `PAKREB`, `IGOUNO`), when the rules
    /// give one.
    pub cameo: Option<String>,
    /// The Wikidata item id (`Q843`).
    pub wikidata: Option<String>,
    /// The English Wikipedia title, DBpedia's resource name (`Pakistan`).
    pub wikipedia: Option<String>,
}

impl Actor {
    /// The country (or IGO/IMG/NGO…) part of the CAMEO code: its first
    /// three letters.
    pub fn cameo_country(&self) -> Option<&str> {
        self.cameo.as_deref().and_then(|code| code.get(..3))
    }

    /// The role part of the CAMEO code (`GOV`, `REB`; `UNO` for IGOUNO):
    /// the three letters after the country, if any.
    pub fn cameo_role(&self) -> Option<&str> {
        self.cameo
            .as_deref()
            .and_then(|code| code.get(3..6))
            .filter(|role| !role.is_empty())
    }
}

/// One relation instance with everything a row needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The instance's IRI, which leads back to the graph.
    pub iri: String,
    pub predicate: Predicate,
    /// `Asserted`, `Negated` or `Hypothetical`.
    pub modality: String,
    pub source: Actor,
    pub target: Actor,
    pub trigger: String,
    /// The instance's `ng:cameoCode`, when the graph has one.
    pub cameo_code: Option<String>,
    /// The trigger's offsets in the article, in Unicode characters.
    pub trigger_start: Option<u64>,
    pub trigger_end: Option<u64>,
    pub rule: String,
    /// The sentence (`nif:anchorOf` of the evidence) and its offsets in the
    /// article, in Unicode characters.
    pub sentence: String,
    pub sentence_start: u64,
    pub sentence_end: u64,
    pub article: String,
    pub article_iri: String,
    /// `yyyy-mm-dd`, when the article is dated.
    pub date: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub title: Option<String>,
}

impl Event {
    /// The code the graph wrote on the instance (which a graph built with
    /// `--evidence sentence`, without triggers, keeps), else the one its
    /// trigger gives.
    pub fn cameo(&self) -> CameoEvent {
        self.cameo_code
            .as_deref()
            .and_then(|code| CameoEvent::with_code(self.predicate, code))
            .unwrap_or_else(|| CameoEvent::of(self.predicate, &self.trigger))
    }

    /// The id both schemas use: the first 64 bits of the SHA-256 of the
    /// instance's IRI, so it is the same on every run and machine.
    pub fn id(&self) -> u64 {
        let digest = Sha256::digest(self.iri.as_bytes());
        u64::from_be_bytes(digest[..8].try_into().expect("a SHA-256 has 8 bytes"))
    }

    /// The date without dashes (`20251107`), GDELT's `SQLDATE`.
    pub fn day_number(&self) -> Option<String> {
        let date = self.date.as_deref()?;
        let digits: String = date.chars().filter(|c| *c != '-').collect();
        (digits.len() == 8 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
    }
}

/// The query behind every row. `{modality}` keeps only asserted instances
/// unless every modality is asked for.
fn events_query(all: bool) -> String {
    let modality = if all {
        String::new()
    } else {
        format!("FILTER(?m = <{NG}Asserted>)")
    };
    let actor = |var: &str| {
        format!(
            "OPTIONAL {{ ?{var} rdfs:label ?{var}name }}
  OPTIONAL {{ ?{var} ng:cameoActorCode ?{var}cameo }}
  OPTIONAL {{ ?{var} owl:sameAs ?{var}wd FILTER(STRSTARTS(STR(?{var}wd), \"{WIKIDATA}\")) }}
  OPTIONAL {{ ?{var} owl:sameAs ?{var}dbp FILTER(STRSTARTS(STR(?{var}dbp), \"{DBPEDIA}\")) }}"
        )
    };
    format!(
        "SELECT * WHERE {{
  ?r rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ng:modality ?m ;
     ng:evidence ?sentence ; prov:wasDerivedFrom ?doc .
  {modality}
  ?sentence nif:anchorOf ?text ; nif:beginIndex ?begin ; nif:endIndex ?end .
  OPTIONAL {{ ?r ng:trigger ?trigger }}
  OPTIONAL {{ ?r ng:cameoCode ?cameocode }}
  OPTIONAL {{ ?r ng:triggerStart ?tstart }}
  OPTIONAL {{ ?r ng:triggerEnd ?tend }}
  OPTIONAL {{ ?r ng:rule ?rule }}
  OPTIONAL {{ ?doc dcterms:identifier ?article }}
  OPTIONAL {{ ?doc dcterms:date ?date }}
  OPTIONAL {{ ?doc schema:url ?url }}
  OPTIONAL {{ ?doc dcterms:publisher ?publisher }}
  OPTIONAL {{ ?doc dcterms:title ?title }}
  {}
  {}
}}",
        actor("s"),
        actor("o")
    )
}

/// The value of a variable as text: an IRI's string, a literal's lexical
/// form.
fn text(solution: &QuerySolution, variable: &str) -> Option<String> {
    match solution.get(variable)? {
        Term::NamedNode(node) => Some(node.as_str().to_owned()),
        Term::Literal(literal) => Some(literal.value().to_owned()),
        Term::BlankNode(node) => Some(node.as_str().to_owned()),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

fn number(solution: &QuerySolution, variable: &str) -> Option<u64> {
    text(solution, variable)?.parse().ok()
}

fn actor(solution: &QuerySolution, var: &str) -> Actor {
    let iri = text(solution, var).unwrap_or_default();
    Actor {
        name: text(solution, &format!("{var}name"))
            .unwrap_or_else(|| iri.rsplit('/').next().unwrap_or(&iri).to_owned()),
        cameo: text(solution, &format!("{var}cameo")),
        wikidata: text(solution, &format!("{var}wd"))
            .map(|item| item.trim_start_matches(WIKIDATA).to_owned()),
        wikipedia: text(solution, &format!("{var}dbp"))
            .map(|resource| resource.trim_start_matches(DBPEDIA).to_owned()),
        iri,
    }
}

/// The instance of a solution, or `None` for one that is not newsgraph's
/// (a predicate outside the four relations, say, from loaded data).
fn event(solution: &QuerySolution) -> Option<Event> {
    let predicate = text(solution, "p")?;
    let predicate: Predicate = predicate.strip_prefix(NG)?.parse().ok()?;
    let modality = text(solution, "m")?;
    Some(Event {
        iri: text(solution, "r")?,
        predicate,
        modality: modality.strip_prefix(NG).unwrap_or(&modality).to_owned(),
        source: actor(solution, "s"),
        target: actor(solution, "o"),
        trigger: text(solution, "trigger").unwrap_or_default(),
        cameo_code: text(solution, "cameocode"),
        trigger_start: number(solution, "tstart"),
        trigger_end: number(solution, "tend"),
        rule: text(solution, "rule").unwrap_or_default(),
        sentence: text(solution, "text")?,
        sentence_start: number(solution, "begin")?,
        sentence_end: number(solution, "end")?,
        article: text(solution, "article").unwrap_or_default(),
        article_iri: text(solution, "doc")?,
        date: text(solution, "date"),
        url: text(solution, "url"),
        publisher: text(solution, "publisher"),
        title: text(solution, "title"),
    })
}

/// The version of the rules the store's entities graph was written from
/// (`ng:rulesVersion`), if it records one; the least, if several.
fn rules_version(store: &GraphStore) -> Result<Option<String>, EventsError> {
    let query = "SELECT (MIN(STR(?version)) AS ?least) WHERE { ?graph ng:rulesVersion ?version }";
    let prepared =
        crate::query::prepare(query, &CancellationToken::new()).map_err(QueryError::from)?;
    let QueryResults::Solutions(mut solutions) = store.query(prepared).map_err(QueryError::from)?
    else {
        unreachable!("a SELECT query gives solutions");
    };
    Ok(match solutions.next() {
        Some(solution) => text(&solution.map_err(QueryError::from)?, "least"),
        None => None,
    })
}

/// Writes one row per relation instance of the store (asserted ones only
/// unless `options.all`), as each solution comes; returns how many.
pub fn write_events(
    store: &GraphStore,
    options: EventsOptions,
    out: &mut impl Write,
) -> Result<usize, EventsError> {
    let rules_version = rules_version(store)?;
    let prepared = crate::query::prepare(&events_query(options.all), &CancellationToken::new())
        .map_err(QueryError::from)?;
    let QueryResults::Solutions(solutions) = store.query(prepared).map_err(QueryError::from)?
    else {
        unreachable!("a SELECT query gives solutions");
    };
    let mut writer = RowWriter::new(options, rules_version, out)?;
    for solution in solutions {
        let solution = solution.map_err(QueryError::from)?;
        if let Some(event) = event(&solution) {
            writer.write(&event)?;
        }
    }
    Ok(writer.rows)
}

/// Writes events in one schema and format, the header first.
pub struct RowWriter<'w, W: Write> {
    options: EventsOptions,
    /// The store's `ng:rulesVersion`, for PLOVER's citation.
    rules_version: Option<String>,
    out: &'w mut W,
    pub rows: usize,
}

impl<'w, W: Write> RowWriter<'w, W> {
    pub fn new(
        options: EventsOptions,
        rules_version: Option<String>,
        out: &'w mut W,
    ) -> io::Result<RowWriter<'w, W>> {
        if options.format != TableFormat::Jsonl {
            let header = gdelt::columns(options.all);
            write_record(out, options.format, header.iter().map(|name| name.as_ref()))?;
        }
        Ok(RowWriter {
            options,
            rules_version,
            out,
            rows: 0,
        })
    }

    pub fn write(&mut self, event: &Event) -> io::Result<()> {
        match (self.options.schema, self.options.format) {
            (Schema::Plover, _) => {
                let record = plover::record(event, self.options.all, self.rules_version.as_deref());
                serde_json::to_writer(&mut *self.out, &record)?;
                self.out.write_all(b"\n")?;
            }
            (Schema::Gdelt, TableFormat::Jsonl) => {
                let object: serde_json::Map<String, serde_json::Value> =
                    gdelt::columns(self.options.all)
                        .into_iter()
                        .zip(gdelt::row(event, self.options.all))
                        .map(|(name, value)| (name.into_owned(), serde_json::Value::String(value)))
                        .collect();
                serde_json::to_writer(&mut *self.out, &object)?;
                self.out.write_all(b"\n")?;
            }
            (Schema::Gdelt, format) => {
                let row = gdelt::row(event, self.options.all);
                write_record(self.out, format, row.iter().map(String::as_str))?;
            }
        }
        self.rows += 1;
        Ok(())
    }
}

/// One line of a CSV or TSV table.
fn write_record<'v>(
    out: &mut impl Write,
    format: TableFormat,
    values: impl Iterator<Item = &'v str>,
) -> io::Result<()> {
    let separator = if format == TableFormat::Csv {
        ","
    } else {
        "\t"
    };
    let mut line = String::new();
    for (index, value) in values.enumerate() {
        if index > 0 {
            line.push_str(separator);
        }
        match format {
            TableFormat::Csv => push_csv(&mut line, value),
            _ => line.extend(value.chars().map(|c| {
                if matches!(c, '\t' | '\n' | '\r') {
                    ' '
                } else {
                    c
                }
            })),
        }
    }
    line.push('\n');
    out.write_all(line.as_bytes())
}

/// A CSV field, RFC 4180: quoted when it holds a comma, a quote or a line
/// break, quotes doubled.
fn push_csv(line: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&value.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn sample() -> Event {
        Event {
            iri: "https://w3id.org/newsgraph/doc/a/relation/06f46ba9e96a423a".into(),
            predicate: Predicate::Accuses,
            modality: "Asserted".into(),
            source: Actor {
                iri: "https://w3id.org/newsgraph/entity/Pakistan".into(),
                name: "Pakistan".into(),
                cameo: Some("PAK".into()),
                wikidata: Some("Q843".into()),
                wikipedia: Some("Pakistan".into()),
            },
            target: Actor {
                iri: "https://w3id.org/newsgraph/entity/BLA".into(),
                name: "Balochistan Liberation Army".into(),
                cameo: Some("PAKREB".into()),
                wikidata: None,
                wikipedia: Some("Balochistan_Liberation_Army".into()),
            },
            trigger: "accused".into(),
            cameo_code: None,
            trigger_start: Some(9),
            trigger_end: Some(16),
            rule: "accuses/active".into(),
            sentence: "Pakistan accused the BLA of the attack, \"again\", officials said.".into(),
            sentence_start: 0,
            sentence_end: 64,
            article: "a".into(),
            article_iri: "https://w3id.org/newsgraph/doc/a".into(),
            date: Some("2025-11-07".into()),
            url: Some("https://example.org/a".into()),
            publisher: Some("Geo News".into()),
            title: Some("T".into()),
        }
    }

    #[test]
    fn a_cameo_actor_code_splits_into_country_and_role() {
        let event = sample();
        assert_eq!(event.source.cameo_country(), Some("PAK"));
        assert_eq!(event.source.cameo_role(), None);
        assert_eq!(event.target.cameo_country(), Some("PAK"));
        assert_eq!(event.target.cameo_role(), Some("REB"));
    }

    #[test]
    fn the_id_is_a_hash_of_the_instance_iri() {
        let event = sample();
        assert_eq!(event.id(), sample().id());
        let mut other = sample();
        other.iri.push('0');
        assert_ne!(event.id(), other.id());
        assert_eq!(event.day_number().as_deref(), Some("20251107"));
    }

    #[test]
    fn csv_quotes_commas_quotes_and_line_breaks_and_tsv_has_no_quoting() {
        let mut out = Vec::new();
        let values = ["plain", "a,b", "say \"no\"", "two\nlines", "tab\there"];
        write_record(&mut out, TableFormat::Csv, values.into_iter()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "plain,\"a,b\",\"say \"\"no\"\"\",\"two\nlines\",tab\there\n"
        );
        let mut out = Vec::new();
        write_record(&mut out, TableFormat::Tsv, values.into_iter()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "plain\ta,b\tsay \"no\"\ttwo lines\ttab here\n"
        );
    }

    #[test]
    fn plover_takes_only_json_lines() {
        assert!(EventsOptions::new(Schema::Plover, None, false).is_ok());
        let error = EventsOptions::new(Schema::Plover, Some(TableFormat::Csv), false).unwrap_err();
        assert!(error.to_string().contains("use --format jsonl"), "{error}");
        let gdelt = EventsOptions::new(Schema::Gdelt, None, false).unwrap();
        assert_eq!(gdelt.format, TableFormat::Tsv);
        assert!("xml".parse::<TableFormat>().is_err());
        assert_eq!("PLOVER".parse::<Schema>().unwrap(), Schema::Plover);
    }
}
