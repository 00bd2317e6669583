//! The terms newsgraph writes, as IRI constants.
//!
//! `ng:` terms are declared in `ontology/newsgraph.ttl` (a test checks each
//! one is); the others come from standard vocabularies. Nothing here mints
//! IRIs for articles or entities: that is [`crate::graph::Iris`].

/// The newsgraph ontology namespace.
pub const NG: &str = "https://w3id.org/newsgraph/ontology#";
/// The ontology document itself.
pub const ONTOLOGY: &str = "https://w3id.org/newsgraph/ontology";
/// The default base under which articles, entities and graphs are named.
pub const DEFAULT_BASE: &str = "https://w3id.org/newsgraph/";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const SCHEMA: &str = "http://schema.org/";
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";
pub const DBPEDIA: &str = "http://dbpedia.org/resource/";
pub const GEONAMES: &str = "https://sws.geonames.org/";

/// Prefixes used by Turtle and TriG exports and by query presets.
pub const PREFIXES: &[(&str, &str)] = &[
    ("ng", NG),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("skos", SKOS),
    ("dcterms", DCTERMS),
    ("prov", PROV),
    ("schema", SCHEMA),
    ("nif", NIF),
    ("wd", WIKIDATA),
    ("dbr", DBPEDIA),
];

/// `ng:` local names the graph uses; each must be declared in the ontology.
pub mod ng {
    pub const NEWS_ARTICLE: &str = "NewsArticle";
    pub const RELATION_INSTANCE: &str = "RelationInstance";
    pub const REPRESENTS: &str = "represents";
    pub const STANDS_FOR: &str = "standsFor";
    pub const PERIOD: &str = "period";
    pub const ACTOR: &str = "actor";
    pub const STANDS_FOR_PERIOD: &str = "StandsForPeriod";
    pub const VALID_FROM: &str = "validFrom";
    pub const VALID_UNTIL: &str = "validUntil";
    pub const EVIDENCE: &str = "evidence";
    pub const MODALITY: &str = "modality";
    pub const TRIGGER: &str = "trigger";
    pub const TRIGGER_START: &str = "triggerStart";
    pub const TRIGGER_END: &str = "triggerEnd";
    pub const RULE: &str = "rule";
    pub const CAMEO_ACTOR_CODE: &str = "cameoActorCode";
    pub const CAMEO_CODE: &str = "cameoCode";
    pub const RULES_VERSION: &str = "rulesVersion";
    pub const ROLE: &str = "role";
    pub const SUMMARY: &str = "Summary";
    pub const EDGE_SUMMARY: &str = "EdgeSummary";
    pub const SOURCE: &str = "source";
    pub const RELATION: &str = "relation";
    pub const TARGET: &str = "target";
    pub const ARTICLE_COUNT: &str = "articleCount";
    pub const INSTANCE_COUNT: &str = "instanceCount";
    pub const FIRST_DATE: &str = "firstDate";
    pub const LAST_DATE: &str = "lastDate";
    pub const EVIDENCE_PROFILE: &str = "evidenceProfile";
    pub const EVIDENCE_PROFILE_CLASS: &str = "EvidenceProfile";
    pub const FULL_EVIDENCE: &str = "FullEvidence";
    pub const SENTENCE_EVIDENCE: &str = "SentenceEvidence";
    pub const NO_EVIDENCE: &str = "NoEvidence";
    pub const EDGE_COUNT: &str = "EdgeCount";

    /// Every local name above plus those built from rules (kinds, predicates,
    /// event classes, modalities), for the declaration test.
    pub const ALL: &[&str] = &[
        NEWS_ARTICLE,
        RELATION_INSTANCE,
        REPRESENTS,
        STANDS_FOR,
        PERIOD,
        ACTOR,
        STANDS_FOR_PERIOD,
        VALID_FROM,
        VALID_UNTIL,
        EVIDENCE,
        MODALITY,
        TRIGGER,
        TRIGGER_START,
        TRIGGER_END,
        RULE,
        CAMEO_ACTOR_CODE,
        CAMEO_CODE,
        RULES_VERSION,
        ROLE,
        SUMMARY,
        EDGE_SUMMARY,
        SOURCE,
        RELATION,
        TARGET,
        ARTICLE_COUNT,
        INSTANCE_COUNT,
        FIRST_DATE,
        LAST_DATE,
        EVIDENCE_PROFILE,
        EVIDENCE_PROFILE_CLASS,
        FULL_EVIDENCE,
        SENTENCE_EVIDENCE,
        NO_EVIDENCE,
        EDGE_COUNT,
        "Country",
        "Government",
        "ArmedGroup",
        "Person",
        "Organization",
        "Place",
        "mediates",
        "accuses",
        "demands",
        "rejects",
        "Mediation",
        "Accusation",
        "Demand",
        "Rejection",
        "Asserted",
        "Negated",
        "Hypothetical",
    ];
}

#[cfg(test)]
mod tests {
    use oxrdf::{NamedOrBlankNode, Term};
    use oxrdfio::{RdfFormat, RdfParser};

    #[test]
    fn every_ng_term_is_declared_in_the_ontology() {
        let ttl = include_str!("../ontology/newsgraph.ttl");
        let mut typed = std::collections::HashSet::new();
        for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()) {
            let quad = quad.expect("the ontology parses");
            if quad.predicate.as_str() == format!("{}type", super::RDF) {
                if let NamedOrBlankNode::NamedNode(node) = &quad.subject {
                    typed.insert(node.as_str().to_owned());
                }
            }
            assert!(
                !matches!(quad.object, Term::Literal(ref l) if l.value().is_empty()),
                "empty literal in the ontology: {quad}"
            );
        }
        let missing: Vec<&str> = super::ng::ALL
            .iter()
            .copied()
            .filter(|local| !typed.contains(&format!("{}{local}", super::NG)))
            .collect();
        assert!(
            missing.is_empty(),
            "ng: terms used by the code but not declared in ontology/newsgraph.ttl: {missing:?}"
        );
    }
}
