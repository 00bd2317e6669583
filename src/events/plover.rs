//! PLOVER/POLECAT records: the field names of the PLOVER manual's "Data
//! Fields" chapter (openeventdata/PLOVER, PLOVER_MANUAL.tex: the PLOVER
//! JSON table and the information objects for entities, text and
//! citations), with POLECAT's `event_type` beside the manual's `event` for
//! the event category, and
//! newsgraph's own fields (`cameo_code`, `iri`, …) where the manual has
//! none, as it invites.

use serde::Serialize;

use super::{Actor, Event};

/// The coder, as PLOVER's `coder` field names it.
pub const CODER: &str = concat!("newsgraph ", env!("CARGO_PKG_VERSION"));

#[derive(Debug, Serialize)]
pub struct Record<'e> {
    pub id: String,
    /// The article's date (`yyyy-mm-dd`); null for an undated article.
    pub date: Option<&'e str>,
    /// The manual's required `event`, a list of event categories: the one
    /// category of `event_type`.
    pub event: [&'static str; 1],
    /// POLECAT's name for the category.
    pub event_type: &'static str,
    pub mode: Vec<&'static str>,
    pub context: Vec<&'static str>,
    pub quad_code: u8,
    /// The CAMEO event code the PLOVER type was chosen from.
    pub cameo_code: &'static str,
    pub actor: Vec<Entity<'e>>,
    pub recipient: Vec<Entity<'e>>,
    /// The sentence that states the event.
    pub event_text: &'e str,
    pub text_info: TextInfo<'e>,
    pub cite_info: CiteInfo<'e>,
    pub coder: &'static str,
    /// The relation instance in the graph.
    pub iri: &'e str,
    /// `Asserted`, `Negated` or `Hypothetical`; only with `--all`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modality: Option<&'e str>,
}

/// The manual's information object for entities.
#[derive(Debug, Serialize)]
pub struct Entity<'e> {
    /// The first three letters of the CAMEO code: the country, or IGO, IMG…
    pub code: Option<&'e str>,
    /// The role after the country (GOV, REB…), when the code has one.
    pub sector: Option<&'e str>,
    /// The whole CAMEO actor code (`PAKREB`, `IGOUNO`).
    pub cameo: Option<&'e str>,
    pub name: &'e str,
    /// The Wikidata item (`Q843`), the manual's identifier.
    pub identifier_id: Option<&'e str>,
    pub identifier_text: &'e str,
    /// The English Wikipedia title, DBpedia's resource name.
    pub wikipedia: Option<&'e str>,
    pub iri: &'e str,
}

/// The manual's information object for text, in Unicode characters of the
/// article.
#[derive(Debug, Serialize)]
pub struct TextInfo<'e> {
    pub start: u64,
    pub end: u64,
    pub trigger: &'e str,
    pub trigger_start: Option<u64>,
    pub trigger_end: Option<u64>,
}

/// The manual's information object for citations.
#[derive(Debug, Serialize)]
pub struct CiteInfo<'e> {
    pub url: Option<&'e str>,
    pub title: Option<&'e str>,
    /// The publisher (the `source` of a JSON Lines article).
    pub publication: Option<&'e str>,
    pub publication_date: Option<&'e str>,
    /// The article's id (its file stem) and IRI.
    pub citation: &'e str,
    pub article: &'e str,
    pub coder: &'static str,
    /// The rule that matched (`accuses/active`).
    pub rule: &'e str,
    /// The version of the rules (`sha256:…`, the store's
    /// `ng:rulesVersion`); null for a store that records none.
    pub rules_version: Option<&'e str>,
}

fn entity(actor: &Actor) -> Entity<'_> {
    Entity {
        code: actor.cameo_country(),
        sector: actor.cameo_role(),
        cameo: actor.cameo.as_deref(),
        name: &actor.name,
        identifier_id: actor.wikidata.as_deref(),
        identifier_text: &actor.name,
        wikipedia: actor.wikipedia.as_deref(),
        iri: &actor.iri,
    }
}

/// The record of one event; `all` adds its modality.
pub fn record<'e>(event: &'e Event, all: bool, rules_version: Option<&'e str>) -> Record<'e> {
    let cameo = event.cameo();
    Record {
        id: format!("newsgraph-{:016x}", event.id()),
        date: event.date.as_deref(),
        event: [cameo.plover_type],
        event_type: cameo.plover_type,
        mode: cameo.plover_mode.into_iter().collect(),
        context: cameo.plover_context.into_iter().collect(),
        quad_code: cameo.quad_class,
        cameo_code: cameo.code,
        actor: vec![entity(&event.source)],
        recipient: vec![entity(&event.target)],
        event_text: &event.sentence,
        text_info: TextInfo {
            start: event.sentence_start,
            end: event.sentence_end,
            trigger: &event.trigger,
            trigger_start: event.trigger_start,
            trigger_end: event.trigger_end,
        },
        cite_info: CiteInfo {
            url: event.url.as_deref(),
            title: event.title.as_deref(),
            publication: event.publisher.as_deref(),
            publication_date: event.date.as_deref(),
            citation: &event.article,
            article: &event.article_iri,
            coder: CODER,
            rule: &event.rule,
            rules_version,
        },
        coder: CODER,
        iri: &event.iri,
        modality: all.then_some(event.modality.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn a_record_carries_the_plover_fields() {
        let event = sample();
        let value =
            serde_json::to_value(record(&event, false, Some("sha256:0123456789abcdef"))).unwrap();
        assert_eq!(value["event_type"], "ACCUSE");
        assert_eq!(value["event"], serde_json::json!(["ACCUSE"]));
        assert_eq!(value["mode"], serde_json::json!(["disapprove"]));
        assert_eq!(value["date"], "2025-11-07");
        assert_eq!(value["actor"][0]["code"], "PAK");
        assert_eq!(value["actor"][0]["identifier_id"], "Q843");
        assert_eq!(value["recipient"][0]["sector"], "REB");
        assert_eq!(
            value["recipient"][0]["identifier_id"],
            serde_json::Value::Null
        );
        assert_eq!(value["text_info"]["end"], 64);
        assert_eq!(value["cite_info"]["publication"], "Geo News");
        assert_eq!(
            value["cite_info"]["rules_version"],
            "sha256:0123456789abcdef"
        );
        assert!(value["coder"].as_str().unwrap().starts_with("newsgraph "));
        assert!(value.get("modality").is_none());
        let all = serde_json::to_value(record(&event, true, None)).unwrap();
        assert_eq!(all["modality"], "Asserted");
    }
}
