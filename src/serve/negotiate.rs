//! Content negotiation: the results or RDF format of a response, from the
//! `format` parameter if given, else the `Accept` header (q values
//! honoured), else JSON for results and Turtle for RDF.

use oxhttp::model::header::ACCEPT;
use oxhttp::model::{Body, Request};
use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

use super::http::param;

/// Accept header media types in order of preference (q values honoured).
fn accepted(request: &Request<Body>) -> Vec<String> {
    let header = request
        .headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut types: Vec<(f32, usize, String)> = header
        .split(',')
        .enumerate()
        .filter_map(|(index, part)| {
            let mut pieces = part.split(';');
            let media = pieces.next()?.trim().to_ascii_lowercase();
            let quality = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (!media.is_empty()).then_some((quality, index, media))
        })
        .collect();
    types.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    types.into_iter().map(|(_, _, media)| media).collect()
}

/// The format of SELECT and ASK results; `None` when `format` names none.
pub(super) fn results_format(
    pairs: &[(String, String)],
    request: &Request<Body>,
) -> Option<QueryResultsFormat> {
    if let Some(name) = param(pairs, "format") {
        return match name.to_ascii_lowercase().as_str() {
            "json" => Some(QueryResultsFormat::Json),
            "xml" => Some(QueryResultsFormat::Xml),
            "csv" => Some(QueryResultsFormat::Csv),
            "tsv" => Some(QueryResultsFormat::Tsv),
            other => QueryResultsFormat::from_media_type(other),
        };
    }
    Some(from_accept(
        request,
        &["*/*", "application/*"],
        QueryResultsFormat::Json,
        QueryResultsFormat::from_media_type,
    ))
}

/// The format of CONSTRUCT and DESCRIBE results and of Graph Store reads;
/// `None` when `format` names none.
pub(super) fn rdf_format(pairs: &[(String, String)], request: &Request<Body>) -> Option<RdfFormat> {
    if let Some(name) = param(pairs, "format") {
        return crate::export::parse_format(name).ok();
    }
    Some(from_accept(
        request,
        &["*/*", "text/*"],
        RdfFormat::Turtle,
        RdfFormat::from_media_type,
    ))
}

/// The first accepted media type `parse` knows, in the client's order; a
/// wildcard, or no match, gives `default`.
fn from_accept<F>(
    request: &Request<Body>,
    wildcards: &[&str],
    default: F,
    parse: impl Fn(&str) -> Option<F>,
) -> F {
    for media in accepted(request) {
        if wildcards.contains(&media.as_str()) {
            return default;
        }
        if let Some(format) = parse(&media) {
            return format;
        }
    }
    default
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(header: &str) -> Request<Body> {
        Request::builder()
            .header(ACCEPT, header)
            .body(Body::empty())
            .unwrap()
    }

    #[test]
    fn accept_is_ordered_by_quality_then_position() {
        let request = accepting(
            "text/csv;q=0.5, application/sparql-results+xml, text/tab-separated-values;q=0.5",
        );
        assert_eq!(
            accepted(&request),
            [
                "application/sparql-results+xml",
                "text/csv",
                "text/tab-separated-values"
            ]
        );
        assert_eq!(results_format(&[], &request), Some(QueryResultsFormat::Xml));
    }

    #[test]
    fn the_format_parameter_wins_over_accept() {
        let request = accepting("application/sparql-results+xml");
        let pairs = vec![("format".to_owned(), "CSV".to_owned())];
        assert_eq!(
            results_format(&pairs, &request),
            Some(QueryResultsFormat::Csv)
        );
        let pairs = vec![("format".to_owned(), "pdf".to_owned())];
        assert_eq!(results_format(&pairs, &request), None);
        assert_eq!(rdf_format(&pairs, &request), None);
    }

    #[test]
    fn wildcards_and_nothing_fall_back_to_json_and_turtle() {
        assert_eq!(
            results_format(&[], &accepting("*/*")),
            Some(QueryResultsFormat::Json)
        );
        assert_eq!(
            rdf_format(&[], &accepting("text/*")),
            Some(RdfFormat::Turtle)
        );
        assert_eq!(
            rdf_format(&[], &accepting("image/png")),
            Some(RdfFormat::Turtle)
        );
        assert_eq!(
            rdf_format(&[], &accepting("application/n-triples")),
            Some(RdfFormat::NTriples)
        );
    }
}
