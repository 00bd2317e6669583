//! News-language phenomena, each on sentences written for the test (not
//! taken from the bundled corpus): voice, nominal forms, participles,
//! coordination, mediation, reciprocity, speakers, pronouns, metonymy,
//! default counterparts and acts that are not facts.

use crate::hay::check;

#[test]
fn active_voice() {
    check(
        "Islamabad accused Kabul of sheltering fighters.",
        &["Pakistan accuses Taliban"],
    );
}
