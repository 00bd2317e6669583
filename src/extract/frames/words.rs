//! The word lists the tree frames read: verbs and nouns whose meaning
//! decides a frame (organs of a state, nouns of speech or action, verbs of
//! holding talks or answering a demand), and the marks of modality.

use crate::text::WordList;

/// Verbs whose infinitive complement states an act not (yet) performed:
/// "plans to reject", "offered to mediate", "wants to demand".
pub(super) const NOT_YET: WordList = WordList::new(&[
    "plan",
    "plans",
    "planned",
    "planning",
    "hope",
    "hopes",
    "hoped",
    "hoping",
    "want",
    "wants",
    "wanted",
    "intend",
    "intends",
    "intended",
    "aim",
    "aims",
    "aimed",
    "try",
    "tries",
    "tried",
    "trying",
    "threaten",
    "threatens",
    "threatened",
    "threatening",
    "propose",
    "proposes",
    "proposed",
    "offer",
    "offers",
    "offered",
    "offering",
    "expect",
    "expects",
    "expected",
    "prepare",
    "prepares",
    "prepared",
    "wish",
    "wishes",
    "need",
    "needs",
    "needed",
    "consider",
    "considers",
    "considered",
    "seek",
    "seeks",
    "sought",
    "seeking",
    "likely",
    "ready",
    "willing",
    "able",
    "unable",
    "going",
    "set",
    "due",
    "refuse",
    "refused",
    "refuses",
    "declined",
    "decline",
    "urge",
    "urged",
    "urges",
    "asked",
    "ask",
    "asks",
    "called",
    "invited",
    "invite",
    "pressed",
    "encouraged",
    "persuade",
    "persuaded",
]);

pub(super) const NEGATIONS: WordList =
    WordList::new(&["not", "never", "no", "neither", "nor", "cannot"]);

pub(super) const MODALS: WordList = WordList::new(&[
    "could", "would", "should", "might", "may", "can", "will", "shall", "must", "ought", "'ll",
    "wo", "ca",
]);

/// Complements that say whose instrument something is: "Rwanda's proxy",
/// "a puppet of Delhi" accuse the owner.
pub(super) const PROXIES: WordList = WordList::new(&[
    "proxy", "proxies", "puppet", "puppets", "stooge", "stooges", "pawn", "pawns",
]);

pub(super) const CONDITIONS: WordList = WordList::new(&["if", "unless", "whether"]);

pub(super) const RELATIVE_PRONOUNS: WordList = WordList::new(&["which", "who", "that", "whom"]);

/// Prepositions that give a noun of speech or action its owner: "calls
/// from Islamabad", "the demands of Kabul", "strikes by Pakistan".
pub(super) const OWNER_CASES: WordList = WordList::new(&["of", "from", "by"]);

/// Nouns whose owner ("of", "from", "by") is the one who made them: what a
/// rejection or an accusation is aimed at.
/// Verbs whose object is a claim, never an actor: one denies a charge, not
/// a country ("the M23, which Rwanda denies" denies what was said of it).
pub(super) const DENIALS: WordList = WordList::new(&["deny", "denies", "denied", "denying"]);

/// Nouns whose content clause states no fact: "rumours that Qatar had
/// mediated", "hopes that Turkey would broker a deal".
pub(super) const HEARSAY: WordList = WordList::new(&[
    "rumour",
    "rumours",
    "rumor",
    "rumors",
    "speculation",
    "hope",
    "hopes",
    "fear",
    "fears",
    "possibility",
    "suggestion",
    "suggestions",
    "hypothesis",
]);

/// Nouns that name an accusation by their meaning: whoever denies one
/// made by someone is whom it was against.
pub(super) const CHARGES: WordList = WordList::new(&[
    "charge",
    "charges",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
]);

pub(super) const ACT_NOUNS: WordList = WordList::new(&[
    "demand",
    "demands",
    "claim",
    "claims",
    "call",
    "calls",
    "proposal",
    "proposals",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "request",
    "requests",
    "offer",
    "offers",
    "condition",
    "conditions",
    "precondition",
    "preconditions",
    "statement",
    "statements",
    "position",
    "terms",
    "charge",
    "charges",
    "assertion",
    "assertions",
    "narrative",
    "plan",
    "ultimatum",
    "pressure",
    "appeal",
    "appeals",
    "insistence",
    "suggestion",
    "suggestions",
    "criticism",
    "remarks",
    "comments",
    "attacks",
    "attack",
    "strikes",
    "airstrikes",
    "shelling",
    "aggression",
    "violations",
    "support",
    "policy",
    "policies",
    "actions",
    "conduct",
    "behaviour",
    "behavior",
    "interference",
    "involvement",
    "backing",
    "patronage",
    "sponsorship",
]);

/// Nouns that name an actor's people or organs, which take the actor of
/// their modifiers: "the Kabul regime", "officials from Islamabad",
/// "friendly countries including Qatar", "the government of Pakistan".
pub(super) const ACTOR_NOUNS: WordList = WordList::new(&[
    "government",
    "governments",
    "official",
    "officials",
    "delegation",
    "delegations",
    "regime",
    "administration",
    "side",
    "sides",
    "authorities",
    "forces",
    "troops",
    "soldiers",
    "army",
    "military",
    "leader",
    "leaders",
    "leadership",
    "rulers",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "ministry",
    "minister",
    "ministers",
    "office",
    "country",
    "countries",
    "nation",
    "nations",
    "state",
    "states",
    "mediators",
    "mediator",
    "representative",
    "representatives",
    "envoy",
    "envoys",
    "negotiators",
    "team",
    "junta",
    "cabinet",
    "diplomats",
    "embassy",
    "chief",
    "commander",
    "commanders",
    "spokesmen",
    "intelligence",
    "establishment",
    "emirate",
    "head",
    "powers",
    "players",
    "actors",
    "council",
    "commission",
    "committee",
    "parliament",
    "assembly",
    "secretariat",
    "presidency",
    "chair",
]);

/// Titles a person holds, named beside them ("the envoy, Zalmay
/// Khalilzad").
pub(super) const TITLE_NOUNS: WordList = WordList::new(&[
    "envoy",
    "minister",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "chief",
    "head",
    "commander",
    "representative",
    "ambassador",
    "adviser",
    "advisor",
    "president",
    "director",
    "secretary",
    "leader",
    "premier",
    "negotiator",
]);

/// Statements that speak for whoever issued them: "the Taliban's
/// statement accused", "a statement from Islamabad urged". Not reports,
/// which speak about others ("a Pakistani media report").
pub(super) const STATEMENT_NOUNS: WordList = WordList::new(&[
    "statement",
    "statements",
    "communique",
    "communiqué",
    "declaration",
    "letter",
    "readout",
    "release",
    "message",
    "tweet",
    "post",
]);

/// Words in a title that no role spells out: "Pakistan's federal
/// information minister" is its information minister.
pub(super) const TITLE_FILLERS: WordList = WordList::new(&[
    "federal",
    "senior",
    "top",
    "new",
    "current",
    "acting",
    "caretaker",
    "interim",
    "the",
    "a",
]);

/// Nouns that name actors by how they stand to another: "neighbours of
/// Iran" are not Iran, but "neighbours such as Qatar" are Qatar.
pub(super) const RELATIONAL_NOUNS: WordList = WordList::new(&[
    "neighbour",
    "neighbor",
    "neighbours",
    "neighbors",
    "partners",
    "partner",
    "allies",
    "ally",
    "friends",
    "rivals",
]);

/// Prepositions that add members to an actor phrase: "friendly countries
/// including Qatar", "mediators such as Turkey", "officials from Kabul".
pub(super) const MEMBER_CASES: WordList =
    WordList::new(&["including", "like", "from", "of", "as", "such", "among"]);

/// The prepositions among [`MEMBER_CASES`] that give examples, the only
/// ones that add members to a [`RELATIONAL_NOUNS`] phrase.
pub(super) const EXAMPLE_CASES: WordList =
    WordList::new(&["including", "like", "as", "such", "among"]);

/// Nouns of talks: their parties are named "between X and Y", "with Y"
/// (and the subject), or as two coordinated subjects ("X and Y held talks").
pub(super) const TALK_NOUNS: WordList = WordList::new(&[
    "talks",
    "negotiations",
    "dialogue",
    "meeting",
    "meetings",
    "round",
    "summit",
    "discussions",
    "ceasefire",
    "truce",
    "deal",
    "agreement",
    "accord",
    "consultations",
    "contacts",
    "engagement",
    "negotiation",
    "parleys",
]);

/// Nouns of an attempt made, whose infinitive is what was attempted: "their
/// efforts to mediate" (done, unlike an offer or a plan to mediate).
pub(super) const ATTEMPTS: WordList = WordList::new(&[
    "effort",
    "efforts",
    "attempt",
    "attempts",
    "bid",
    "bids",
    "endeavour",
    "endeavours",
    "endeavor",
    "endeavors",
]);

/// Nouns that make the act they are compounded with one not (yet) done:
/// "mediation offer", "a mediation proposal".
pub(super) const UNREALISED: WordList = WordList::new(&[
    "offer",
    "offers",
    "proposal",
    "proposals",
    "plan",
    "plans",
    "prospect",
    "prospects",
    "possibility",
    "idea",
    "bid",
    "request",
    "requests",
]);

/// Verbs that answer a demand: whoever rejects or accepts one is whom it
/// was made of.
pub(super) const ANSWERS: WordList = WordList::new(&[
    "reject",
    "rejects",
    "rejected",
    "rejecting",
    "rebuff",
    "rebuffs",
    "rebuffed",
    "rebuffing",
    "dismiss",
    "dismisses",
    "dismissed",
    "dismissing",
    "refuse",
    "refuses",
    "refused",
    "refusing",
    "ignore",
    "ignores",
    "ignored",
    "ignoring",
    "accept",
    "accepts",
    "accepted",
    "accepting",
    "heed",
    "heeded",
    "resist",
    "resisted",
    "defy",
    "defied",
    "met",
    "meet",
    "spurn",
    "spurned",
    "brush",
    "brushed",
    "turn",
    "turns",
    "turned",
    "turning",
]);

/// Nouns that, with "both" or "two", name the parties of the talks.
pub(super) const BOTH_NOUNS: WordList = WordList::new(&[
    "sides",
    "countries",
    "neighbours",
    "neighbors",
    "parties",
    "governments",
    "delegations",
    "nations",
    "capitals",
    "neighbouring",
    "states",
]);

/// Verbs whose two coordinated subjects meet as parties: "Dar and Muttaqi
/// met", "delegations from Islamabad and Kabul sat down".
pub(super) const MEETING_VERBS: WordList = WordList::new(&[
    "meet",
    "meets",
    "met",
    "meeting",
    "sat",
    "sit",
    "gathered",
    "negotiated",
    "negotiate",
    "negotiating",
    "talked",
    "convened",
]);

/// Verbs whose subject is a party of the talks they hold: "X resumed talks
/// with Y", "X and Y signed a ceasefire" (not "Qatar arranged the talks").
pub(super) const PARTY_VERBS: WordList = WordList::new(&[
    "hold",
    "holds",
    "held",
    "holding",
    "resume",
    "resumes",
    "resumed",
    "resuming",
    "reopen",
    "reopened",
    "open",
    "opened",
    "begin",
    "began",
    "begun",
    "start",
    "started",
    "conclude",
    "concluded",
    "end",
    "ended",
    "sign",
    "signed",
    "reach",
    "reached",
    "agree",
    "agreed",
    "join",
    "joined",
    "attend",
    "attended",
    "enter",
    "entered",
    "continue",
    "continued",
    "accept",
    "accepted",
    "abandon",
    "abandoned",
    "quit",
    "walk",
    "walked",
    "suspend",
    "suspended",
    "restart",
    "restarted",
    "revive",
    "revived",
    "pursue",
    "pursued",
    "extend",
    "extended",
    "implement",
    "implemented",
    "renew",
    "renewed",
]);

/// Speech verbs: a verb coordinated with one that has a reported clause
/// usually belongs to that clause ("X said Y accepted ... but refused").
pub(super) const SPEECH_VERBS: WordList = WordList::new(&[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "noted",
    "claimed",
    "announced",
    "confirmed",
    "reported",
    "wrote",
    "insisted",
    "argued",
]);

/// Verbs of making a statement: "the charge that Pakistan made", "the
/// claim that Kabul repeated" are relative clauses, the noun their object.
pub(super) const STATEMENT_VERBS: WordList = WordList::new(&[
    "make",
    "makes",
    "made",
    "making",
    "level",
    "levels",
    "levelled",
    "leveled",
    "raise",
    "raises",
    "raised",
    "repeat",
    "repeats",
    "repeated",
    "voice",
    "voiced",
    "put",
    "issue",
    "issued",
    "file",
    "filed",
    "lodge",
    "lodged",
    "reject",
    "rejects",
    "rejected",
    "deny",
    "denies",
    "denied",
    "dismiss",
    "dismissed",
    "renew",
    "renewed",
    "publish",
    "published",
    "press",
    "pressed",
    "bring",
    "brought",
]);

/// Verbs that report speech beyond [`SPEECH_VERBS`], for a speaker's
/// modal: "adding that Kabul must act", "warned that Kabul must act".
pub(super) const REPORTING_VERBS: WordList = WordList::new(&[
    "adding",
    "saying",
    "stating",
    "noting",
    "writing",
    "warned",
    "warning",
    "stressed",
    "stressing",
    "emphasised",
    "emphasized",
    "emphasising",
    "emphasizing",
    "declared",
    "maintained",
    "asserted",
    "tweeted",
    "posted",
    "write",
    "writes",
    "warns",
    "stresses",
]);

/// Light verbs beyond the shallow reader's (`relations::LIGHT_VERBS`):
/// "joined the mediation efforts", "pressed its demand", "led the mediation".
pub(super) const MORE_LIGHT_VERBS: WordList = WordList::new(&[
    "continue",
    "continued",
    "extend",
    "extended",
    "file",
    "filed",
    "join",
    "joined",
    "joining",
    "joins",
    "lead",
    "leads",
    "led",
    "lodge",
    "lodged",
    "playing",
    "press",
    "pressed",
    "provide",
    "provided",
    "pursue",
    "pursued",
    "raising",
    "restate",
    "restated",
    "step",
    "submits",
]);
