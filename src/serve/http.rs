//! HTTP helpers: plain-text and byte responses, the query string, the
//! request's content type and body. No routing and no SPARQL.

use std::io::Read;

use oxhttp::model::header::{CONTENT_LENGTH, CONTENT_TYPE};
use oxhttp::model::{Body, Request, Response, StatusCode};

/// An error and its causes, "what: why: ...", as the command line prints them.
pub(super) fn with_causes(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(source) = cause {
        message.push_str(": ");
        message.push_str(&source.to_string());
        cause = source.source();
    }
    message
}

/// A plain-text response, the message ended with a newline.
pub(super) fn text(status: StatusCode, message: impl Into<String>) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(message.into() + "\n"))
        .expect("a plain response is valid")
}

pub(super) fn ok(content_type: &str, bytes: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(StatusCode::OK)
        .header(CONTENT_TYPE, content_type)
        .body(Body::from(bytes))
        .expect("a response is valid")
}

/// A response with a status and no body (204 No Content, 201 Created).
pub(super) fn empty(status: StatusCode) -> Response<Body> {
    Response::builder()
        .status(status)
        .body(Body::empty())
        .expect("a response is valid")
}

/// Key-value pairs of a query string or an `application/x-www-form-urlencoded` body.
pub(super) fn form_pairs(text: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(text.as_bytes())
        .into_owned()
        .collect()
}

/// The query string as pairs.
pub(super) fn query_pairs(request: &Request<Body>) -> Vec<(String, String)> {
    request.uri().query().map(form_pairs).unwrap_or_default()
}

/// The first value of `name`.
pub(super) fn param<'p>(pairs: &'p [(String, String)], name: &str) -> Option<&'p str> {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// The media type of the request's body, lowercase, without parameters.
pub(super) fn content_type(request: &Request<Body>) -> String {
    request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The body as text: 413 when it is longer than `max` bytes (said by its
/// `Content-Length` or found reading it; never cut short), 400 when it is
/// not UTF-8.
pub(super) fn read_body(
    request: &mut Request<Body>,
    max: u64,
) -> Result<String, Box<Response<Body>>> {
    let too_large = || {
        Box::new(text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is over {max} bytes, the server's --max-body"),
        ))
    };
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > max) {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    request
        .body_mut()
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| {
            Box::new(text(
                StatusCode::BAD_REQUEST,
                format!("unreadable body: {error}"),
            ))
        })?;
    if bytes.len() as u64 > max {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|error| {
        Box::new(text(
            StatusCode::BAD_REQUEST,
            format!("the body is not UTF-8: {error}"),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_value_of_a_parameter_counts() {
        let pairs = form_pairs("query=ASK%20%7B%7D&format=json&format=xml&default");
        assert_eq!(param(&pairs, "query"), Some("ASK {}"));
        assert_eq!(param(&pairs, "format"), Some("json"));
        assert_eq!(param(&pairs, "default"), Some(""));
        assert_eq!(param(&pairs, "graph"), None);
    }

    #[test]
    fn a_content_type_loses_its_parameters_and_case() {
        let request = Request::builder()
            .header(CONTENT_TYPE, "Application/SPARQL-Query; charset=utf-8")
            .body(Body::empty())
            .unwrap();
        assert_eq!(content_type(&request), "application/sparql-query");
    }

    #[test]
    fn a_body_over_the_limit_is_refused_not_cut() {
        let status = |body: &str, declared: Option<&str>| {
            let mut builder = Request::builder();
            if let Some(length) = declared {
                builder = builder.header(CONTENT_LENGTH, length);
            }
            let mut request = builder.body(Body::from(body.to_owned())).unwrap();
            match read_body(&mut request, 8) {
                Ok(text) => format!("ok {text}"),
                Err(response) => response.status().as_u16().to_string(),
            }
        };
        assert_eq!(status("12345678", None), "ok 12345678");
        assert_eq!(status("123456789", None), "413");
        assert_eq!(status("1", Some("9")), "413", "its Content-Length suffices");
        assert_eq!(status("\u{fffd}", None), "ok \u{fffd}");
        let mut request = Request::builder().body(Body::from(vec![0xffu8])).unwrap();
        let refused = read_body(&mut request, 8).unwrap_err();
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn causes_are_joined_as_the_command_line_prints_them() {
        let error = std::io::Error::other("disk full");
        assert_eq!(with_causes(&error), "disk full");
    }
}
