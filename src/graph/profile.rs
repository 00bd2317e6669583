//! How much evidence an article graph carries: the `build --evidence`
//! profiles, their names on the command line and in the graph, and which
//! one a build into a store that already records one must use. Pure.
//!
//! What each profile keeps is defined in the README ("The graph it
//! writes"); [`super::GraphWriter`] writes it. Every article node records
//! its profile (`ng:evidenceProfile`), so a later build into the same store
//! and the server know what the store can answer.

use std::collections::BTreeSet;

use crate::vocab;

/// The evidence an article graph keeps for its relation instances.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EvidenceProfile {
    /// Each instance with its sentence (text and offsets), its trigger and
    /// the trigger's offsets, the rule and the modality.
    #[default]
    Full,
    /// Each instance with its sentence, rule and modality, without the
    /// trigger and its offsets.
    Sentence,
    /// No instances and no sentences: the direct edges, and per edge the
    /// number of asserted instances the article states it with (an
    /// `ng:EdgeCount`), so that the summary stays exact.
    None,
}

impl EvidenceProfile {
    pub const ALL: [EvidenceProfile; 3] = [
        EvidenceProfile::Full,
        EvidenceProfile::Sentence,
        EvidenceProfile::None,
    ];

    /// The name `--evidence` takes.
    pub fn name(self) -> &'static str {
        match self {
            EvidenceProfile::Full => "full",
            EvidenceProfile::Sentence => "sentence",
            EvidenceProfile::None => "none",
        }
    }

    pub fn from_name(name: &str) -> Option<EvidenceProfile> {
        EvidenceProfile::ALL
            .into_iter()
            .find(|profile| profile.name() == name)
    }

    /// The `ng:` local name of the individual that `ng:evidenceProfile`
    /// points at.
    pub fn term(self) -> &'static str {
        match self {
            EvidenceProfile::Full => vocab::ng::FULL_EVIDENCE,
            EvidenceProfile::Sentence => vocab::ng::SENTENCE_EVIDENCE,
            EvidenceProfile::None => vocab::ng::NO_EVIDENCE,
        }
    }

    /// The profile whose individual is the IRI `iri`.
    pub fn from_iri(iri: &str) -> Option<EvidenceProfile> {
        let local = iri.strip_prefix(vocab::NG)?;
        EvidenceProfile::ALL
            .into_iter()
            .find(|profile| profile.term() == local)
    }

    /// Whether relation instances and their sentences are written.
    pub fn writes_instances(self) -> bool {
        self != EvidenceProfile::None
    }

    /// Whether an instance carries its trigger and the trigger's offsets.
    pub fn writes_triggers(self) -> bool {
        self == EvidenceProfile::Full
    }

    /// The profile a build into a store uses: the one asked for, else the
    /// one the store's articles record, else full. A store whose articles
    /// record another profile than the one asked for (or several) is
    /// refused: rebuilding some of its articles would leave it answering
    /// some questions for part of the corpus only.
    pub fn for_store(
        asked: Option<EvidenceProfile>,
        recorded: &BTreeSet<EvidenceProfile>,
    ) -> Result<EvidenceProfile, ProfileConflict> {
        let mut recorded_ones = recorded.iter().copied();
        match (asked, recorded_ones.next(), recorded_ones.next()) {
            (asked, None, _) => Ok(asked.unwrap_or_default()),
            (None, Some(only), None) => Ok(only),
            (Some(asked), Some(only), None) if asked == only => Ok(asked),
            (asked, _, _) => Err(ProfileConflict {
                asked,
                recorded: recorded.iter().copied().collect(),
            }),
        }
    }
}

impl std::fmt::Display for EvidenceProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A build into a store whose articles record other evidence profiles
/// than the one asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", describe_conflict(.asked, .recorded))]
pub struct ProfileConflict {
    /// What `--evidence` asked for, if given.
    pub asked: Option<EvidenceProfile>,
    /// What the store's articles record, in profile order.
    pub recorded: Vec<EvidenceProfile>,
}

fn describe_conflict(asked: &Option<EvidenceProfile>, recorded: &[EvidenceProfile]) -> String {
    let names: Vec<&str> = recorded.iter().map(|profile| profile.name()).collect();
    let held = format!(
        "the store's articles were built with --evidence {}",
        names.join(" and --evidence ")
    );
    match (asked, recorded) {
        (Some(asked), [only]) => format!(
            "{held}; rebuilding articles with --evidence {asked} would mix the two: \
             build with --evidence {only}, or into a new store"
        ),
        _ => format!("{held}, and a store should hold one: build into a new store"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_terms_go_both_ways() {
        for profile in EvidenceProfile::ALL {
            assert_eq!(EvidenceProfile::from_name(profile.name()), Some(profile));
            let iri = format!("{}{}", vocab::NG, profile.term());
            assert_eq!(EvidenceProfile::from_iri(&iri), Some(profile));
        }
        assert_eq!(EvidenceProfile::from_name("Full"), None);
        assert_eq!(EvidenceProfile::from_iri("FullEvidence"), None);
    }

    #[test]
    fn a_store_keeps_the_profile_it_records() {
        let recorded = |profiles: &[EvidenceProfile]| profiles.iter().copied().collect();
        use EvidenceProfile as P;
        assert_eq!(
            EvidenceProfile::for_store(None, &recorded(&[])),
            Ok(P::Full)
        );
        assert_eq!(
            EvidenceProfile::for_store(Some(P::None), &recorded(&[])),
            Ok(P::None)
        );
        assert_eq!(
            EvidenceProfile::for_store(None, &recorded(&[P::Sentence])),
            Ok(P::Sentence)
        );
        assert_eq!(
            EvidenceProfile::for_store(Some(P::Sentence), &recorded(&[P::Sentence])),
            Ok(P::Sentence)
        );
        let conflict =
            EvidenceProfile::for_store(Some(P::None), &recorded(&[P::Full])).unwrap_err();
        assert_eq!(
            conflict.to_string(),
            "the store's articles were built with --evidence full; rebuilding articles with \
             --evidence none would mix the two: build with --evidence full, or into a new store"
        );
        let mixed = EvidenceProfile::for_store(None, &recorded(&[P::Full, P::None])).unwrap_err();
        assert_eq!(
            mixed.to_string(),
            "the store's articles were built with --evidence full and --evidence none, \
             and a store should hold one: build into a new store"
        );
        // Asking for one of a mixed store's profiles is still a conflict:
        // the others stay.
        assert!(EvidenceProfile::for_store(Some(P::Full), &recorded(&[P::Full, P::None])).is_err());
    }
}
