//! GDELT 2.0 event-table rows: the columns of GDELT's event codebook that
//! a relation instance fills (`GLOBALEVENTID`, `SQLDATE`, the two actors'
//! codes and names, `EventCode`, `EventBaseCode`, `EventRootCode`,
//! `QuadClass`, `SOURCEURL`), `ActionCharOffset` of GDELT's mentions table,
//! and newsgraph's own columns after them (the sentence's offsets, the
//! article, the instance IRI), so that each row leads back to the graph.
//! Codes are written as strings ("045", not 45).

use std::borrow::Cow;

use super::{Actor, Event};

/// GDELT's columns, in its order, then newsgraph's.
const COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "SOURCEURL",
    "ActionCharOffset",
    "SentenceCharStart",
    "SentenceCharEnd",
    "ArticleID",
    "InstanceIRI",
];

/// The header: the columns, and `Modality` with `all`.
pub fn columns(all: bool) -> Vec<Cow<'static, str>> {
    let mut columns: Vec<Cow<'static, str>> = COLUMNS.iter().map(|c| Cow::Borrowed(*c)).collect();
    if all {
        columns.push(Cow::Borrowed("Modality"));
    }
    columns
}

/// GDELT's `ActorXCountryCode` is the country of a state actor: the first
/// three letters of a code that does not open with an international or
/// non-state prefix (the PLOVER manual's table of international non-state
/// actor names).
const NON_STATE: &[&str] = &["IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"];

fn actor_columns(actor: &Actor) -> [String; 4] {
    let country = actor
        .cameo_country()
        .filter(|country| !NON_STATE.contains(country));
    [
        actor.cameo.clone().unwrap_or_default(),
        actor.name.to_uppercase(),
        country.unwrap_or_default().to_owned(),
        country
            .and(actor.cameo_role())
            .unwrap_or_default()
            .to_owned(),
    ]
}

/// One row, in the order of [`columns`].
pub fn row(event: &Event, all: bool) -> Vec<String> {
    let cameo = event.cameo();
    let day = event.day_number().unwrap_or_default();
    let month = day.get(..6).unwrap_or_default().to_owned();
    let year = day.get(..4).unwrap_or_default().to_owned();
    // GDELT's ids are positive 63-bit integers (BIGINT).
    let id = event.id() >> 1;
    let mut row = vec![id.to_string(), day, month, year];
    row.extend(actor_columns(&event.source));
    row.extend(actor_columns(&event.target));
    row.extend([
        "1".to_owned(),
        cameo.code.to_owned(),
        cameo.code.to_owned(),
        cameo.root.to_owned(),
        cameo.quad_class.to_string(),
        event.url.clone().unwrap_or_default(),
        event
            .trigger_start
            .map(|start| start.to_string())
            .unwrap_or_default(),
        event.sentence_start.to_string(),
        event.sentence_end.to_string(),
        event.article.clone(),
        event.iri.clone(),
    ]);
    if all {
        row.push(event.modality.clone());
    }
    debug_assert_eq!(row.len(), columns(all).len(), "a row has every column");
    row
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn a_row_fills_gdelt_columns_as_strings() {
        let event = sample();
        let header = columns(false);
        let row = row(&event, false);
        let get = |name: &str| &row[header.iter().position(|c| c == name).unwrap()];
        assert_eq!(get("SQLDATE"), "20251107");
        assert_eq!(get("MonthYear"), "202511");
        assert_eq!(get("Actor1Code"), "PAK");
        assert_eq!(get("Actor1Name"), "PAKISTAN");
        assert_eq!(get("Actor2Code"), "PAKREB");
        assert_eq!(get("Actor2CountryCode"), "PAK");
        assert_eq!(get("Actor2Type1Code"), "REB");
        assert_eq!(get("EventCode"), "112");
        assert_eq!(get("EventRootCode"), "11");
        assert_eq!(get("QuadClass"), "3");
        assert_eq!(get("ActionCharOffset"), "9");
        assert_eq!(get("InstanceIRI"), &event.iri);
        assert_eq!(columns(true).last().unwrap(), "Modality");
    }

    #[test]
    fn an_igo_has_no_country() {
        let actor = Actor {
            iri: String::new(),
            name: "United Nations".into(),
            cameo: Some("IGOUNO".into()),
            wikidata: None,
            wikipedia: None,
        };
        let [code, _, country, role] = actor_columns(&actor);
        assert_eq!(
            (code.as_str(), country.as_str(), role.as_str()),
            ("IGOUNO", "", "")
        );
    }
}
