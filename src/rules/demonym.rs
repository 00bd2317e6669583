//! An entity's `demonym` ("Congolese") and the organ phrases it stands for
//! ("Congolese government", "Congolese troops", ...), which the rules add to
//! the entity's aliases as if a user had typed them.
//!
//! This module owns the list of organs and the shape of a demonym. It does
//! not match anything: the phrases become ordinary aliases, so the matcher
//! and the relation frames read them exactly as hand-written ones. Adjectives
//! such as "Congolese-mediated" need no alias: the bare demonym finds the
//! mention inside the word, and the relation frames read the participle
//! after the hyphen ("a Qatari-mediated truce", the compound frame).

/// The organs of a state a reader expects after its demonym, in the order
/// they are generated. "Foreign Ministry" is there in both cases because
/// aliases match case-sensitively and news writes both.
pub const ORGANS: &[&str] = &[
    "government",
    "army",
    "armed forces",
    "military",
    "officials",
    "delegation",
    "side",
    "authorities",
    "foreign ministry",
    "Foreign Ministry",
    "forces",
    "troops",
    "negotiators",
    "leadership",
];

/// Whether `demonym` has the shape of one: capitalised words of letters,
/// joined by single spaces or hyphens ("Congolese", "South Sudanese",
/// "Guinea-Bissauan").
pub fn is_demonym(demonym: &str) -> bool {
    !demonym.is_empty()
        && demonym.split([' ', '-']).all(|word| {
            word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().all(char::is_alphabetic)
        })
}

/// The organ phrases of a demonym, one per entry of [`ORGANS`].
pub fn organ_phrases(demonym: &str) -> impl Iterator<Item = String> + '_ {
    ORGANS.iter().map(move |organ| format!("{demonym} {organ}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_demonym_yields_every_organ_in_order() {
        let phrases: Vec<String> = organ_phrases("Congolese").collect();
        assert_eq!(
            phrases,
            [
                "Congolese government",
                "Congolese army",
                "Congolese armed forces",
                "Congolese military",
                "Congolese officials",
                "Congolese delegation",
                "Congolese side",
                "Congolese authorities",
                "Congolese foreign ministry",
                "Congolese Foreign Ministry",
                "Congolese forces",
                "Congolese troops",
                "Congolese negotiators",
                "Congolese leadership",
            ]
        );
    }

    #[test]
    fn a_demonym_is_capitalised_words() {
        for good in ["Congolese", "South Sudanese", "Guinea-Bissauan", "Thai"] {
            assert!(is_demonym(good), "{good} refused");
        }
        for bad in [
            "",
            "congolese",
            "Congolese ",
            "Congo lese",
            "M23",
            "Thai  x",
            "Côte-",
        ] {
            assert!(!is_demonym(bad), "{bad:?} passed");
        }
    }
}
