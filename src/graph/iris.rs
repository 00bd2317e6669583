//! Every IRI newsgraph writes, under one base: escaped, and deterministic
//! (the same input and rules give the same IRIs).

use oxrdf::NamedNode;
use sha2::{Digest, Sha256};

use crate::vocab::{self, NG};

/// Mints every IRI newsgraph writes, under one base.
#[derive(Debug, Clone)]
pub struct Iris {
    base: String,
}

impl Default for Iris {
    fn default() -> Self {
        Iris {
            base: vocab::DEFAULT_BASE.to_owned(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    #[error("invalid base IRI `{base}`: {reason}")]
    InvalidBase { base: String, reason: String },
}

/// Percent-escapes everything but unreserved characters, so any file name
/// or id makes a valid IRI segment.
pub fn escape_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    if out.is_empty() { "_".to_owned() } else { out }
}

pub(super) fn node(iri: String) -> NamedNode {
    debug_assert!(
        NamedNode::new(iri.as_str()).is_ok(),
        "minted an invalid IRI: {iri}"
    );
    NamedNode::new_unchecked(iri)
}

pub(super) fn ng(local: &str) -> NamedNode {
    node(format!("{NG}{local}"))
}

impl Iris {
    /// A base IRI ending in `/` or `#`, checked.
    pub fn new(base: &str) -> Result<Iris, GraphError> {
        if !(base.ends_with('/') || base.ends_with('#')) {
            return Err(GraphError::InvalidBase {
                base: base.into(),
                reason: "it must end with `/` or `#`".into(),
            });
        }
        NamedNode::new(base).map_err(|error| GraphError::InvalidBase {
            base: base.into(),
            reason: error.to_string(),
        })?;
        Ok(Iris {
            base: base.to_owned(),
        })
    }

    pub fn article(&self, id: &str) -> NamedNode {
        node(format!("{}doc/{}", self.base, escape_segment(id)))
    }

    pub fn entity(&self, id: &str) -> NamedNode {
        node(format!("{}entity/{}", self.base, escape_segment(id)))
    }

    pub fn entities_graph(&self) -> NamedNode {
        node(format!("{}graph/entities", self.base))
    }

    /// The summary graph of a store (see `store::summary`).
    pub fn summary_graph(&self) -> NamedNode {
        node(format!("{}graph/summary", self.base))
    }

    pub fn ontology_graph(&self) -> NamedNode {
        node(format!("{}graph/ontology", self.base))
    }

    /// A sentence as a NIF string, named by its character offsets (RFC 5147).
    pub(super) fn sentence(&self, article_id: &str, start: usize, end: usize) -> NamedNode {
        node(format!(
            "{}doc/{}#char={start},{end}",
            self.base,
            escape_segment(article_id)
        ))
    }

    /// The count of one direct edge's asserted instances in an article
    /// built without evidence, named by a hash of the article and the edge.
    pub(super) fn edge_count(&self, article_id: &str, key: &[&str]) -> NamedNode {
        self.hashed(article_id, "edge", key)
    }

    /// A relation instance, named by a hash of the article and the parts
    /// that tell instances apart, joined by NUL.
    pub(super) fn relation(&self, article_id: &str, key: &[&str]) -> NamedNode {
        self.hashed(article_id, "relation", key)
    }

    /// `doc/<article>/<kind>/` and the first 8 bytes of a hash of the
    /// article and `key`, joined by NUL, in hex.
    fn hashed(&self, article_id: &str, kind: &str, key: &[&str]) -> NamedNode {
        let mut hasher = Sha256::new();
        hasher.update(article_id);
        for part in key {
            hasher.update("\u{0}");
            hasher.update(part);
        }
        let digest = hasher.finalize();
        let mut iri = format!("{}doc/{}/{kind}/", self.base, escape_segment(article_id));
        for byte in &digest[..8] {
            iri.push(char::from_digit(u32::from(byte >> 4), 16).expect("a nibble"));
            iri.push(char::from_digit(u32::from(byte & 15), 16).expect("a nibble"));
        }
        node(iri)
    }
}
