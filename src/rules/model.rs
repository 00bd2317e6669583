//! The rules as data: entity kinds and predicates, entity and relation
//! rules, and the checked [`RuleSet`] that holds them. Reading them from
//! TOML is the business of the rest of this module.

use std::collections::HashMap;
use std::fmt;

/// What kind of thing an entity is. Each maps to a class of the ontology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Country,
    Government,
    ArmedGroup,
    Person,
    Organization,
    Place,
}

impl EntityKind {
    pub const ALL: [EntityKind; 6] = [
        EntityKind::Country,
        EntityKind::Government,
        EntityKind::ArmedGroup,
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Country => "Country",
            EntityKind::Government => "Government",
            EntityKind::ArmedGroup => "ArmedGroup",
            EntityKind::Person => "Person",
            EntityKind::Organization => "Organization",
            EntityKind::Place => "Place",
        }
    }

    pub(super) fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// Whether a mention of this kind can be the source or target of a
    /// relation by itself (a city cannot; it acts through `stands_for`).
    pub fn can_act(self) -> bool {
        self != EntityKind::Place
    }
}

/// The relations newsgraph writes. Closed on purpose: the ontology, the
/// event classes and the CAMEO alignment are defined for exactly these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Predicate {
    Mediates,
    Accuses,
    Demands,
    Rejects,
}

impl Predicate {
    pub const ALL: [Predicate; 4] = [
        Predicate::Mediates,
        Predicate::Accuses,
        Predicate::Demands,
        Predicate::Rejects,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Predicate::Mediates => "mediates",
            Predicate::Accuses => "accuses",
            Predicate::Demands => "demands",
            Predicate::Rejects => "rejects",
        }
    }

    /// The event class of a relation instance of this predicate.
    pub fn event_class(self) -> &'static str {
        match self {
            Predicate::Mediates => "Mediation",
            Predicate::Accuses => "Accusation",
            Predicate::Demands => "Demand",
            Predicate::Rejects => "Rejection",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|predicate| predicate.name() == name)
    }
}

/// The predicates' names as every error message about an unknown one lists
/// them.
pub const PREDICATE_NAMES: &str = "mediates, accuses, demands or rejects";

/// A name that is no predicate, as the command line and the server report it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown relation `{0}` (expected {PREDICATE_NAMES})")]
#[non_exhaustive]
pub struct UnknownPredicate(pub String);

impl std::str::FromStr for Predicate {
    type Err = UnknownPredicate;

    fn from_str(name: &str) -> Result<Self, UnknownPredicate> {
        Predicate::parse(name).ok_or_else(|| UnknownPredicate(name.to_owned()))
    }
}

impl fmt::Display for Predicate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Who a place stands for when it acts, during a period. `from` is
/// inclusive and `until` exclusive; both are ISO dates (`yyyy-mm-dd`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandsFor {
    pub actor: String,
    pub from: Option<String>,
    pub until: Option<String>,
}

impl StandsFor {
    /// Whether this period holds on `date`; with no date, the open-ended
    /// (current) period holds.
    pub fn holds_on(&self, date: Option<&str>) -> bool {
        match date {
            Some(date) => {
                self.from.as_deref().is_none_or(|from| date >= from)
                    && self.until.as_deref().is_none_or(|until| date < until)
            }
            None => self.until.is_none(),
        }
    }
}

/// Identity links of an entity, each checked against a source (`checked`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identifiers {
    pub wikidata: Option<String>,
    pub dbpedia: Option<String>,
    pub geonames: Option<String>,
    pub cameo: Option<String>,
    pub checked: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRule {
    pub id: String,
    pub kind: EntityKind,
    pub label: String,
    /// Literal phrases, matched case-sensitively as whole words.
    pub aliases: Vec<String>,
    /// Regular expressions, matched case-sensitively.
    pub patterns: Vec<String>,
    /// Phrases that name whoever governs this place ("Afghan government");
    /// they always resolve through `stands_for`.
    pub government_aliases: Vec<String>,
    pub identifiers: Identifiers,
    pub represents: Vec<String>,
    pub role: Option<String>,
    pub stands_for: Vec<StandsFor>,
    /// What its people are called ("Congolese"), as `demonym` gives it.
    pub demonym: Option<String>,
    /// The phrases `demonym` added to `aliases` (or to `government_aliases`
    /// for an entity whose government acts through `stands_for`), in order;
    /// none the entity lists by hand.
    pub generated_aliases: Vec<String>,
    /// 1-based line of the `[[entity]]` header.
    pub line: usize,
    /// Index into [`RuleSet::layers`] of the file that defines it.
    pub layer: usize,
}

impl EntityRule {
    /// The actor this entity stands for on `date`, if it is a place or
    /// country whose government acts under its name.
    pub fn stands_for_on(&self, date: Option<&str>) -> Option<&str> {
        self.stands_for
            .iter()
            .find(|period| period.holds_on(date))
            .map(|period| period.actor.as_str())
    }
}

/// Whom a relation's target is when the rule matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetPolicy {
    /// The actor the trigger is about (its object, or the default counterpart).
    Object,
    /// Each party of the talks the sentence or the article is about
    /// (mediation: the mediator mediates between the parties).
    Parties,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationRule {
    pub id: String,
    pub predicate: Predicate,
    /// Verbs: a base form whose inflections are generated ("accuse"), or
    /// every form spelled out with `|` ("seek|seeks|sought|seeking"). A verb
    /// of several words inflects its first word ("call on").
    pub verbs: Vec<String>,
    /// Nouns naming the act ("demand", "insistence"); plurals are generated
    /// unless the forms are spelled out with `|`.
    pub nouns: Vec<String>,
    /// Nouns naming who performs the act ("mediator"): "X, the mediators",
    /// "mediators like X", "X's mediators".
    pub agent_nouns: Vec<String>,
    /// Phrases stating the act in both directions between the parties
    /// ("accusing each other", "trade blame").
    pub reciprocal: Vec<String>,
    /// When not empty, the trigger counts only in a sentence holding one of
    /// these words ("hosted" mediates only when talks are in the sentence).
    pub requires: Vec<String>,
    /// When not empty, a verb trigger counts only when one of these nouns
    /// heads its object ("denounced X's demands" rejects; "denounced X" does not).
    pub object_nouns: Vec<String>,
    /// When not empty, a verb trigger counts only when what it reports or
    /// names an actor as is one of these ("said Rwanda was the real enemy",
    /// "called Pakistan a terrorist state", "described Kabul as a proxy of
    /// Delhi"); whom that is said of is the target. Read off the tree only.
    pub complements: Vec<String>,
    /// Prepositions that introduce the target when it is not the object,
    /// read off the dependency tree: "lashed out at X", "accusations
    /// against X", "demanded guarantees from X", "pressure on X".
    pub target_prepositions: Vec<String>,
    /// Prepositions that introduce the source of a noun: "mediation by X",
    /// "a request from X", "the demands of X".
    pub source_prepositions: Vec<String>,
    /// The target may be the subject of the clause the trigger reports:
    /// "complained that Kabul had ...", "the claim that New Delhi funds ...",
    /// "demanded that Kabul act".
    pub clause_target: bool,
    /// Modal words by which a speaker says what the target must do, read
    /// off the dependency tree: "“Kabul must act,” Dar said", "adding that
    /// Afghanistan must help": the speaker is the source, the subject of the
    /// modal's verb the target.
    pub speaker_modals: Vec<String>,
    pub target: TargetPolicy,
    /// With no named target, the other party of bilateral talks is the target.
    pub default_counterpart: bool,
    /// With no named target, the act answers the latest act of these
    /// predicates against its source, in its sentence or the two before,
    /// and that act's source is the target: "Islamabad accused Kabul ...
    /// Kabul denied it". An object naming one of these acts ("rejected the
    /// charge") narrows it to that act.
    pub answers: Vec<Predicate>,
    /// A verb trigger counts only with a clause saying what is to be done
    /// ("expected Kabul to act"; "wants ASEAN observers" is no demand).
    pub needs_clause: bool,
    pub line: usize,
    /// Index into [`RuleSet::layers`] of the file that defines it.
    pub layer: usize,
}

impl RelationRule {
    /// Whether a word is one of the rule's complements, in the plural or
    /// inflected ("enemies", "proxies", "violated", "shelling", "occupied").
    pub fn is_complement(&self, word: &str) -> bool {
        let stems = [
            word.strip_suffix('s'),
            word.strip_suffix('d'),
            word.strip_suffix("ed"),
            word.strip_suffix("ing"),
        ];
        self.complements.iter().any(|complement| {
            complement == word
                || stems.contains(&Some(complement.as_str()))
                || [word.strip_suffix("ies"), word.strip_suffix("ied")]
                    .into_iter()
                    .flatten()
                    .any(|stem| complement.strip_suffix('y') == Some(stem))
                || word
                    .strip_suffix("ing")
                    .is_some_and(|stem| complement.strip_suffix('e') == Some(stem))
        })
    }
}

/// What entity and relation rules share as the tables of a layer: an id,
/// the line of their header and the layer that defines them.
pub(super) trait LayeredRule {
    /// "entity" or "relation rule", for messages.
    const KIND: &'static str;
    fn id(&self) -> &str;
    fn line(&self) -> usize;
    fn layer_mut(&mut self) -> &mut usize;
}

impl LayeredRule for EntityRule {
    const KIND: &'static str = "entity";
    fn id(&self) -> &str {
        &self.id
    }
    fn line(&self) -> usize {
        self.line
    }
    fn layer_mut(&mut self) -> &mut usize {
        &mut self.layer
    }
}

impl LayeredRule for RelationRule {
    const KIND: &'static str = "relation rule";
    fn id(&self) -> &str {
        &self.id
    }
    fn line(&self) -> usize {
        self.line
    }
    fn layer_mut(&mut self) -> &mut usize {
        &mut self.layer
    }
}

/// Checked rules: one file, or layers of them read in order, where a
/// later layer's entity or relation rule replaces an earlier one of the
/// same id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSet {
    pub entities: Vec<EntityRule>,
    pub relations: Vec<RelationRule>,
    /// The names of the files read, in the order they were layered (an
    /// included file before the file that includes it).
    pub layers: Vec<String>,
    /// What the layers did to one another that is no error: an entity or
    /// relation rule replaced by a later layer, a file read once that was
    /// given twice.
    pub notes: Vec<RuleNote>,
    /// `sha256:` and the first 16 hex digits of the SHA-256 of the layers'
    /// texts in layer order: the same rules give the same version on any
    /// machine, whatever their files are called.
    pub version: String,
    pub(super) entity_index: HashMap<String, usize>,
}

/// Something about the rules a user should know that is not wrong, at the
/// place it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleNote {
    pub source: String,
    /// 1-based; 0 when the note is about the whole file.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for RuleNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.source, self.message),
            line => write!(f, "{}:{line}: {}", self.source, self.message),
        }
    }
}

impl RuleSet {
    pub fn entity(&self, id: &str) -> Option<&EntityRule> {
        self.entity_index
            .get(id)
            .map(|&index| &self.entities[index])
    }

    pub fn entity_index(&self, id: &str) -> Option<usize> {
        self.entity_index.get(id).copied()
    }

    /// Where an entity is defined, as `file:line`.
    pub fn place_of(&self, entity: &EntityRule) -> String {
        format!("{}:{}", self.layers[entity.layer], entity.line)
    }
}
