//! The fixed word lists `rules suggest` reads names by: offices and titles
//! that introduce a person, words that make a name an armed group or an
//! organisation, words that are never actors (months, weekdays), and the
//! states of the world, whose demonyms name them.
//!
//! Lists only, asked through the functions below; what a name is, is
//! decided in `sightings` and `stub`.

/// Words of an office before or after a person's name ("Foreign Minister
/// X", "X, spokesperson for Y", "the TPLF leader X"), lowercased. The
/// modifiers of an office ("foreign", "deputy", "former") are here too, so
/// that the whole title is read off the name.
const OFFICE_WORDS: &[&str] = &[
    "adviser",
    "advisor",
    "ambassador",
    "brigadier",
    "captain",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "chancellor",
    "chief",
    "colonel",
    "commander",
    "commissioner",
    "defence",
    "defense",
    "deputy",
    "diplomat",
    "dr",
    "emir",
    "envoy",
    "field",
    "foreign",
    "former",
    "gen",
    "general",
    "governor",
    "head",
    "information",
    "interior",
    "king",
    "leader",
    "lieutenant",
    "lt",
    "major",
    "marshal",
    "mediator",
    "minister",
    "mr",
    "mrs",
    "ms",
    "national",
    "negotiator",
    "official",
    "premier",
    "president",
    "prime",
    "prince",
    "representative",
    "secretary",
    "secretary-general",
    "security",
    "senator",
    "senior",
    "sheikh",
    "special",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "state",
    "top",
    "vice",
];

/// Office words that name the office itself, not a modifier of one: a
/// title made only of modifiers ("Foreign", "Former") introduces no person.
const OFFICE_HEADS: &[&str] = &[
    "adviser",
    "advisor",
    "ambassador",
    "brigadier",
    "captain",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "chancellor",
    "chief",
    "colonel",
    "commander",
    "commissioner",
    "diplomat",
    "dr",
    "emir",
    "envoy",
    "gen",
    "general",
    "governor",
    "head",
    "king",
    "leader",
    "lt",
    "marshal",
    "mediator",
    "minister",
    "mr",
    "mrs",
    "ms",
    "negotiator",
    "official",
    "premier",
    "president",
    "prince",
    "representative",
    "secretary",
    "secretary-general",
    "senator",
    "sheikh",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// Whether a lowercased word belongs to an office ("minister", "foreign").
pub(super) fn is_office_word(word: &str) -> bool {
    OFFICE_WORDS.binary_search(&word).is_ok()
}

/// Whether a lowercased word names an office itself ("minister").
pub(super) fn is_office_head(word: &str) -> bool {
    OFFICE_HEADS.binary_search(&word).is_ok()
}

/// Nouns after a name that make it an armed group ("M23 rebels", "the
/// Wagner group").
const GROUP_NOUNS: &[&str] = &[
    "fighters",
    "group",
    "guerrillas",
    "insurgents",
    "militants",
    "militia",
    "militias",
    "paramilitaries",
    "rebels",
];

/// Words before a name that make it an armed group ("the paramilitary
/// Rapid Support Forces", "the rebel M23").
const GROUP_DESCRIPTORS: &[&str] = &[
    "armed",
    "insurgent",
    "jihadist",
    "militant",
    "paramilitary",
    "rebel",
    "separatist",
];

/// Words of a name that make it an armed group ("... Liberation Front").
const GROUP_NAME_WORDS: &[&str] = &[
    "army",
    "brigade",
    "brigades",
    "forces",
    "front",
    "liberation",
    "militia",
    "movement",
];

/// Words of a name that make it an organisation ("African Union",
/// "Intergovernmental Authority on Development").
const ORGANIZATION_NAME_WORDS: &[&str] = &[
    "agency",
    "alliance",
    "assembly",
    "association",
    "authority",
    "bank",
    "bloc",
    "commission",
    "committee",
    "community",
    "conference",
    "council",
    "court",
    "federation",
    "fund",
    "institute",
    "league",
    "ministry",
    "nations",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "programme",
    "program",
    "union",
];

pub(super) fn is_group_noun(word: &str) -> bool {
    GROUP_NOUNS.contains(&word)
}

pub(super) fn is_group_descriptor(word: &str) -> bool {
    GROUP_DESCRIPTORS.contains(&word)
}

pub(super) fn is_group_name_word(word: &str) -> bool {
    GROUP_NAME_WORDS.contains(&word)
}

pub(super) fn is_organization_name_word(word: &str) -> bool {
    ORGANIZATION_NAME_WORDS.contains(&word)
}

/// Names whose possessive is part of a longer name ("Tigray People's
/// Liberation Front", "the Workers' Party").
pub(super) fn possessive_inside_name(word: &str) -> bool {
    matches!(
        word,
        "People" | "Peoples" | "Workers" | "Women" | "Citizens"
    )
}

/// A name's article joined to it: "al-Burhan", "el-Sisi", "ash-Shaibani".
pub(super) fn article_before_name(word: &str) -> bool {
    ["al-", "el-", "ad-", "as-", "ash-", "at-", "ul-"]
        .iter()
        .any(|article| {
            word.strip_prefix(article)
                .is_some_and(|rest| rest.starts_with(char::is_uppercase))
        })
}

/// Lowercase particles inside a person's name: "Mohammed bin Salman",
/// "Ursula von der Leyen", "Luiz Inácio Lula da Silva".
pub(super) fn particle_inside_name(word: &str) -> bool {
    matches!(
        word,
        "bin" | "ibn" | "bint" | "van" | "von" | "der" | "de" | "da" | "dos" | "del" | "ould"
    )
}

/// Lowercase words that may join two capitalised parts of one name after
/// an organisation word ("Authority on Development", "League of Arab
/// States", "Republic of the Congo").
pub(super) fn joins_a_name(word: &str) -> bool {
    matches!(word, "of" | "on" | "for" | "the")
}

/// Prepositions before a place used as a place ("talks in Pretoria").
pub(super) fn is_locative(word: &str) -> bool {
    matches!(
        word,
        "in" | "at" | "near" | "around" | "outside" | "inside" | "into" | "across" | "throughout"
    )
}

/// Capitalised words that are never actors: months, weekdays, and a few
/// words of time and address news capitalises.
pub(super) fn never_an_actor(word: &str) -> bool {
    matches!(
        word,
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "Mon"
            | "Tue"
            | "Wed"
            | "Thu"
            | "Fri"
            | "Sat"
            | "Sun"
            | "GMT"
            | "UTC"
            | "AM"
            | "PM"
            | "Ramadan"
            | "Eid"
            | "Christmas"
            | "God"
            | "I"
            | "Q"
            | "A"
    )
}

/// The states of the world by their common English names: a name here is a
/// Country, and its demonym ("Kenyan", as the mention matcher forms it)
/// names it.
pub(super) const COUNTRIES: &[&str] = &[
    "Afghanistan",
    "Albania",
    "Algeria",
    "Andorra",
    "Angola",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahrain",
    "Bangladesh",
    "Belarus",
    "Belgium",
    "Belize",
    "Benin",
    "Bhutan",
    "Bolivia",
    "Bosnia",
    "Botswana",
    "Brazil",
    "Britain",
    "Brunei",
    "Bulgaria",
    "Burkina Faso",
    "Burundi",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Central African Republic",
    "Chad",
    "Chile",
    "China",
    "Colombia",
    "Comoros",
    "Congo",
    "Costa Rica",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czechia",
    "Denmark",
    "Djibouti",
    "Dominican Republic",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "Equatorial Guinea",
    "Eritrea",
    "Estonia",
    "Eswatini",
    "Ethiopia",
    "Fiji",
    "Finland",
    "France",
    "Gabon",
    "Gambia",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Guatemala",
    "Guinea",
    "Guinea-Bissau",
    "Guyana",
    "Haiti",
    "Honduras",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Ivory Coast",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kosovo",
    "Kuwait",
    "Kyrgyzstan",
    "Laos",
    "Latvia",
    "Lebanon",
    "Lesotho",
    "Liberia",
    "Libya",
    "Lithuania",
    "Luxembourg",
    "Madagascar",
    "Malawi",
    "Malaysia",
    "Maldives",
    "Mali",
    "Malta",
    "Mauritania",
    "Mauritius",
    "Mexico",
    "Moldova",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Namibia",
    "Nepal",
    "Netherlands",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "North Korea",
    "North Macedonia",
    "Norway",
    "Oman",
    "Pakistan",
    "Palestine",
    "Panama",
    "Papua New Guinea",
    "Paraguay",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Romania",
    "Russia",
    "Rwanda",
    "Saudi Arabia",
    "Senegal",
    "Serbia",
    "Sierra Leone",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Somalia",
    "South Africa",
    "South Korea",
    "South Sudan",
    "Spain",
    "Sri Lanka",
    "Sudan",
    "Suriname",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tajikistan",
    "Tanzania",
    "Thailand",
    "Togo",
    "Tunisia",
    "Turkey",
    "Turkmenistan",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom",
    "United States",
    "Uruguay",
    "Uzbekistan",
    "Venezuela",
    "Vietnam",
    "Yemen",
    "Zambia",
    "Zimbabwe",
];

pub(super) fn is_country(name: &str) -> bool {
    COUNTRIES.contains(&name)
}

/// The seats of government of the states of [`COUNTRIES`], by the capital,
/// sorted: a capital that acts ("Kigali rejected") stands for its state.
const CAPITALS: &[(&str, &str)] = &[
    ("Abu Dhabi", "United Arab Emirates"),
    ("Abuja", "Nigeria"),
    ("Accra", "Ghana"),
    ("Addis Ababa", "Ethiopia"),
    ("Algiers", "Algeria"),
    ("Amman", "Jordan"),
    ("Amsterdam", "Netherlands"),
    ("Ankara", "Turkey"),
    ("Antananarivo", "Madagascar"),
    ("Ashgabat", "Turkmenistan"),
    ("Asmara", "Eritrea"),
    ("Astana", "Kazakhstan"),
    ("Athens", "Greece"),
    ("Baghdad", "Iraq"),
    ("Baku", "Azerbaijan"),
    ("Bamako", "Mali"),
    ("Bangkok", "Thailand"),
    ("Bangui", "Central African Republic"),
    ("Banjul", "Gambia"),
    ("Beijing", "China"),
    ("Beirut", "Lebanon"),
    ("Belgrade", "Serbia"),
    ("Berlin", "Germany"),
    ("Bern", "Switzerland"),
    ("Bishkek", "Kyrgyzstan"),
    ("Bogotá", "Colombia"),
    ("Brasília", "Brazil"),
    ("Bratislava", "Slovakia"),
    ("Brussels", "Belgium"),
    ("Bucharest", "Romania"),
    ("Budapest", "Hungary"),
    ("Buenos Aires", "Argentina"),
    ("Cairo", "Egypt"),
    ("Canberra", "Australia"),
    ("Caracas", "Venezuela"),
    ("Chisinau", "Moldova"),
    ("Colombo", "Sri Lanka"),
    ("Conakry", "Guinea"),
    ("Copenhagen", "Denmark"),
    ("Dakar", "Senegal"),
    ("Damascus", "Syria"),
    ("Dhaka", "Bangladesh"),
    ("Dodoma", "Tanzania"),
    ("Doha", "Qatar"),
    ("Dublin", "Ireland"),
    ("Dushanbe", "Tajikistan"),
    ("Freetown", "Sierra Leone"),
    ("Gaborone", "Botswana"),
    ("Gitega", "Burundi"),
    ("Hanoi", "Vietnam"),
    ("Harare", "Zimbabwe"),
    ("Havana", "Cuba"),
    ("Helsinki", "Finland"),
    ("Islamabad", "Pakistan"),
    ("Jakarta", "Indonesia"),
    ("Jerusalem", "Israel"),
    ("Juba", "South Sudan"),
    ("Kabul", "Afghanistan"),
    ("Kampala", "Uganda"),
    ("Kathmandu", "Nepal"),
    ("Khartoum", "Sudan"),
    ("Kigali", "Rwanda"),
    ("Kinshasa", "Congo"),
    ("Kuala Lumpur", "Malaysia"),
    ("Kuwait City", "Kuwait"),
    ("Kyiv", "Ukraine"),
    ("La Paz", "Bolivia"),
    ("Libreville", "Gabon"),
    ("Lilongwe", "Malawi"),
    ("Lima", "Peru"),
    ("Lisbon", "Portugal"),
    ("Ljubljana", "Slovenia"),
    ("Lomé", "Togo"),
    ("London", "Britain"),
    ("Luanda", "Angola"),
    ("Lusaka", "Zambia"),
    ("Madrid", "Spain"),
    ("Managua", "Nicaragua"),
    ("Manama", "Bahrain"),
    ("Manila", "Philippines"),
    ("Maputo", "Mozambique"),
    ("Mexico City", "Mexico"),
    ("Minsk", "Belarus"),
    ("Mogadishu", "Somalia"),
    ("Monrovia", "Liberia"),
    ("Montevideo", "Uruguay"),
    ("Moscow", "Russia"),
    ("Muscat", "Oman"),
    ("N'Djamena", "Chad"),
    ("Nairobi", "Kenya"),
    ("Naypyidaw", "Myanmar"),
    ("New Delhi", "India"),
    ("Niamey", "Niger"),
    ("Nicosia", "Cyprus"),
    ("Nouakchott", "Mauritania"),
    ("Oslo", "Norway"),
    ("Ottawa", "Canada"),
    ("Ouagadougou", "Burkina Faso"),
    ("Paris", "France"),
    ("Phnom Penh", "Cambodia"),
    ("Podgorica", "Montenegro"),
    ("Port-au-Prince", "Haiti"),
    ("Porto-Novo", "Benin"),
    ("Pretoria", "South Africa"),
    ("Pristina", "Kosovo"),
    ("Pyongyang", "North Korea"),
    ("Rabat", "Morocco"),
    ("Riga", "Latvia"),
    ("Riyadh", "Saudi Arabia"),
    ("Rome", "Italy"),
    ("Sanaa", "Yemen"),
    ("Santiago", "Chile"),
    ("Sarajevo", "Bosnia"),
    ("Seoul", "South Korea"),
    ("Sofia", "Bulgaria"),
    ("Stockholm", "Sweden"),
    ("Taipei", "Taiwan"),
    ("Tallinn", "Estonia"),
    ("Tashkent", "Uzbekistan"),
    ("Tbilisi", "Georgia"),
    ("Tehran", "Iran"),
    ("Tirana", "Albania"),
    ("Tokyo", "Japan"),
    ("Tripoli", "Libya"),
    ("Tunis", "Tunisia"),
    ("Ulaanbaatar", "Mongolia"),
    ("Vienna", "Austria"),
    ("Vientiane", "Laos"),
    ("Vilnius", "Lithuania"),
    ("Warsaw", "Poland"),
    ("Washington", "United States"),
    ("Wellington", "New Zealand"),
    ("Windhoek", "Namibia"),
    ("Yaoundé", "Cameroon"),
    ("Yerevan", "Armenia"),
    ("Zagreb", "Croatia"),
];

/// The state whose seat of government `name` is.
pub(super) fn state_of_capital(name: &str) -> Option<&'static str> {
    CAPITALS
        .binary_search_by(|(capital, _)| capital.cmp(&name))
        .ok()
        .map(|at| CAPITALS[at].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_searched_lists_are_sorted() {
        assert!(
            CAPITALS.windows(2).all(|pair| pair[0].0 <= pair[1].0),
            "capitals unsorted"
        );
        assert!(CAPITALS.iter().all(|(_, state)| is_country(state)));
        assert_eq!(state_of_capital("Asmara"), Some("Eritrea"));
        for list in [OFFICE_WORDS, OFFICE_HEADS] {
            assert!(
                list.windows(2).all(|pair| pair[0] < pair[1]),
                "unsorted: {list:?}"
            );
        }
        assert!(OFFICE_HEADS.iter().all(|head| is_office_word(head)));
    }

    #[test]
    fn countries_are_capitalised_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for country in COUNTRIES {
            assert!(country.starts_with(char::is_uppercase), "{country}");
            assert!(seen.insert(country), "{country} twice");
        }
    }
}
