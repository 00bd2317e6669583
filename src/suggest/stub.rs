//! A suggested actor as a rules file spells it: an id from its name, a kind
//! guessed from what the sightings say, and the `[[entity]]` table.
//!
//! The TOML is written by hand, each value quoted by the `toml` crate, so
//! the layer reads back as the same entities (tested).

use crate::rules::EntityKind;

use super::words;

/// What the sightings of one name said of it, counted over the corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Evidence {
    pub sightings: usize,
    /// Sightings outside a headline in title case.
    pub in_prose: usize,
    /// A title or an office introduced it.
    pub person: usize,
    pub armed: usize,
    /// Another name it is known as, not an acronym ("known as Hemedti").
    pub nicknamed: usize,
    pub locative: usize,
    /// Sightings by its demonym ("Eritrean troops").
    pub demonym: usize,
}

/// The kind the evidence and the name suggest: a title before a name is a
/// Person; "rebels", "militants", "the paramilitary", a "Front" an
/// ArmedGroup; a name "known as" another a Person; a state of the list a
/// Country; "Union", "Authority" and an
/// acronym an Organization; a name used mostly after "in" or "at" a Place;
/// an Organization otherwise.
pub(super) fn guess_kind(label: &str, evidence: &Evidence, acronym: bool) -> EntityKind {
    let name_words: Vec<String> = label
        .split([' ', '-'])
        .map(|word| word.to_lowercase())
        .collect();
    if words::is_country(label) {
        EntityKind::Country
    } else if evidence.person > 0 {
        EntityKind::Person
    } else if evidence.armed > 0 {
        EntityKind::ArmedGroup
    } else if evidence.nicknamed > 0 {
        EntityKind::Person
    } else if name_words
        .iter()
        .any(|word| words::is_organization_name_word(word))
        || acronym
    {
        EntityKind::Organization
    } else if evidence.locative * 2 >= evidence.sightings && evidence.sightings > 0 {
        EntityKind::Place
    } else {
        EntityKind::Organization
    }
}

/// An id from a name: its words, capitalised and joined, letters and digits
/// only ("Tigray People's Liberation Front": "TigrayPeoplesLiberationFront";
/// "Mlambo-Ngcuka": "MlamboNgcuka"). Letters with diacritics lose them.
pub(super) fn id_from(name: &str) -> String {
    let mut id = String::new();
    for word in name.split(|c: char| c.is_whitespace() || c == '-' || c == '–') {
        let mut letters = word
            .chars()
            .flat_map(fold)
            .filter(|c| c.is_ascii_alphanumeric());
        if let Some(first) = letters.next() {
            id.push(first.to_ascii_uppercase());
            id.extend(letters);
        }
    }
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert_str(0, "Actor");
    }
    id
}

/// A letter without its diacritics, for ids ("é": "e").
fn fold(c: char) -> impl Iterator<Item = char> {
    let mut base = None;
    unicode_normalization::char::decompose_canonical(c, |part| {
        if base.is_none() {
            base = Some(part);
        }
    });
    base.into_iter()
}

/// A TOML basic string.
pub(super) fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// A TOML array of strings.
pub(super) fn quoted_list<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    let items: Vec<String> = items.into_iter().map(|item| quoted(item)).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_names_words_joined() {
        assert_eq!(
            id_from("Tigray People's Liberation Front"),
            "TigrayPeoplesLiberationFront"
        );
        assert_eq!(id_from("Phumzile Mlambo-Ngcuka"), "PhumzileMlamboNgcuka");
        assert_eq!(id_from("Félix Tshisekedi"), "FelixTshisekedi");
        assert_eq!(id_from("M23"), "M23");
        assert_eq!(id_from("23 March"), "Actor23March");
    }

    #[test]
    fn the_kind_follows_the_evidence() {
        let seen = |person, armed, locative| Evidence {
            sightings: 4,
            in_prose: 4,
            person,
            armed,
            nicknamed: 0,
            locative,
            demonym: 0,
        };
        assert_eq!(
            guess_kind("Eritrea", &seen(0, 0, 3), false),
            EntityKind::Country
        );
        assert_eq!(
            guess_kind("Mike Hammer", &seen(2, 0, 0), false),
            EntityKind::Person
        );
        assert_eq!(
            guess_kind("Tigray People's Liberation Front", &seen(0, 1, 0), false),
            EntityKind::ArmedGroup
        );
        assert_eq!(
            guess_kind("African Union", &seen(0, 0, 0), false),
            EntityKind::Organization
        );
        assert_eq!(
            guess_kind("IGAD", &seen(0, 0, 0), true),
            EntityKind::Organization
        );
        let nicknamed = Evidence {
            nicknamed: 1,
            ..seen(0, 0, 0)
        };
        assert_eq!(
            guess_kind("Mohamed Hamdan Dagalo", &nicknamed, false),
            EntityKind::Person
        );
        assert_eq!(
            guess_kind("Mekelle", &seen(0, 0, 2), false),
            EntityKind::Place
        );
        assert_eq!(
            guess_kind("Mekelle", &seen(0, 0, 1), false),
            EntityKind::Organization
        );
    }

    #[test]
    fn strings_are_quoted_for_toml() {
        for text in ["Tigray People's", "a \"b\" 'c'", "Mlambo\\Ngcuka", "Ruto\n"] {
            let line = format!("key = {}", quoted(text));
            let table: toml::Table = line.parse().unwrap_or_else(|e| panic!("{line}: {e}"));
            assert_eq!(table["key"].as_str(), Some(text), "{line}");
        }
        let list = quoted_list(&["A".to_owned(), "B's".to_owned()]);
        assert_eq!(list, "[\"A\", \"B's\"]");
    }
}
