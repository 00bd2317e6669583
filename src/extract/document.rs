//! What a sentence leaves open and the article settles.
//!
//! A rejection that names no target answers the act it follows:
//! "Islamabad accused Kabul of sheltering the TTP. Kabul denied it." is
//! Kabul rejecting Islamabad. A rule's `answers` says which acts it can
//! answer; the answered act is the latest one of those against the
//! rejecting side, asserted, in the rejection's sentence (before it) or the
//! two sentences before (five when its object names the act: "denied the
//! charge"), and its source is the target. Failing that, it answers an act
//! that named no one just before ("Pakistan wants written guarantees, and
//! the Taliban refuse to give them": the refuser is that act's target too),
//! and a rejection naming the act ("We reject that accusation") the latest
//! claim of another side ("Bangkok says your forces laid the mines").
//!
//! A mediation whose parties neither its sentence nor the article's talks
//! name ("the ceasefire brokered by Malaysia") is between the article's
//! two sides: the pair of sides that act on each other most often in its
//! other relations, when one pair clearly leads; without such a pair,
//! between the two other actors its sentence names, if it names two, or
//! else the two one of the two sentences before names together ("Islamabad
//! and Kabul"). "Both sides" are those two sides, and a demand or rejection by one side that
//! names no target is of the other (the default counterpart, where no
//! talks name the parties).

use std::ops::Range;

use super::relations::{Frame, Modality, RelationMatch, represented, same_side};
use crate::rules::{Predicate, RuleSet};

/// How many sentences back an answered act may be: an object naming the
/// act ("Rwanda denied the charge") refers further back than a bare reply
/// ("Kabul refused", "denied that its jets had crossed").
const REACH: usize = 2;
const REACH_NAMED: usize = 5;

/// An act the tree read with a source and no target of its own.
#[derive(Debug, Clone)]
pub(super) struct OpenAct {
    pub(super) sentence: usize,
    pub(super) trigger: Range<usize>,
    pub(super) rule: usize,
    pub(super) frame: Frame,
    pub(super) modality: Modality,
    pub(super) sources: Vec<usize>,
}

impl OpenAct {
    /// The act from `source` to the `target` the article gave it.
    fn relation(
        &self,
        rules: &RuleSet,
        source: usize,
        target: usize,
        default_target: bool,
    ) -> RelationMatch {
        RelationMatch {
            source,
            target,
            predicate: rules.relations[self.rule].predicate,
            rule: self.rule,
            frame: self.frame,
            sentence: self.sentence,
            trigger: self.trigger.clone(),
            modality: self.modality,
            default_target,
        }
    }
}

/// A rejection the tree read with a source and no target.
#[derive(Debug, Clone)]
pub(super) struct Unanswered {
    pub(super) act: OpenAct,
    /// The acts it may answer: the rule's `answers`, or those its object names.
    pub(super) answers: Vec<Predicate>,
    /// Whether its object names the act ("the charge").
    pub(super) named: bool,
}

/// An actor claiming something: "Bangkok says your forces laid the mines".
#[derive(Debug, Clone)]
pub(super) struct Claim {
    pub(super) sentence: usize,
    /// Where its verb starts in the text.
    pub(super) start: usize,
    pub(super) claimants: Vec<usize>,
}

/// The relations the unanswered rejections state, where an act they answer
/// is among `found`; a rejection whose object names the act ("We reject
/// that accusation") and that answers none of them answers the latest claim
/// of another side within its reach (`claims`).
pub(super) fn answer(
    rules: &RuleSet,
    found: &[RelationMatch],
    unanswered: &[Unanswered],
    unplaced: &[Unplaced],
    claims: &[Claim],
) -> Vec<RelationMatch> {
    let mut out = Vec::new();
    for rejection in unanswered {
        let reach = if rejection.named { REACH_NAMED } else { REACH };
        let at = (rejection.act.sentence, rejection.act.trigger.start);
        for &source in &rejection.act.sources {
            let answered = latest_before(
                found.iter().filter(|act| {
                    rejection.answers.contains(&act.predicate)
                        && act.modality == Modality::Asserted
                        && same_side(rules, source, act.target)
                        && !same_side(rules, source, act.source)
                }),
                |act| (act.sentence, act.trigger.start),
                at,
                reach,
            );
            if let Some(act) = answered {
                out.push(rejection.act.relation(rules, source, act.source, false));
                continue;
            }
            // "Pakistan wants written guarantees, and the Taliban refuse to
            // give them": an act that named no one is of whoever refuses it.
            let open = latest_before(
                unplaced
                    .iter()
                    .filter(|open| matches!(open.placement, Placement::Other | Placement::Refuser))
                    .map(|open| &open.act)
                    .filter(|act| {
                        act.modality == Modality::Asserted
                            && rejection
                                .answers
                                .contains(&rules.relations[act.rule].predicate)
                            && act
                                .sources
                                .iter()
                                .all(|&actor| !same_side(rules, source, actor))
                    }),
                |act| (act.sentence, act.trigger.start),
                at,
                REACH,
            );
            if let Some(act) = open {
                for &actor in &act.sources {
                    out.push(act.relation(rules, actor, source, false));
                    out.push(rejection.act.relation(rules, source, actor, false));
                }
                continue;
            }
            // Only where the article states no such act against the
            // rejecting side at all: a claim is the weaker reading.
            let stated = found.iter().any(|act| {
                rejection.answers.contains(&act.predicate)
                    && (act.sentence, act.trigger.start) < at
                    && same_side(rules, source, act.target)
            });
            if !rejection.named || stated {
                continue;
            }
            let claimed = latest_before(
                claims.iter().filter(|claim| {
                    claim
                        .claimants
                        .iter()
                        .all(|&claimant| !same_side(rules, source, claimant))
                }),
                |claim| (claim.sentence, claim.start),
                at,
                reach,
            );
            for &claimant in claimed.iter().flat_map(|claim| &claim.claimants) {
                out.push(rejection.act.relation(rules, source, claimant, false));
            }
        }
    }
    out
}

/// The latest of `items` placed (sentence, byte) before `at` and at most
/// `reach` sentences back.
fn latest_before<'i, T>(
    items: impl Iterator<Item = &'i T>,
    place: impl Fn(&T) -> (usize, usize),
    at: (usize, usize),
    reach: usize,
) -> Option<&'i T> {
    items
        .filter(|item| {
            let (sentence, start) = place(item);
            sentence + reach >= at.0 && (sentence, start) < at
        })
        .max_by_key(|item| place(item))
}

/// Where the article's sides go in an act the tree read without them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Placement {
    /// Each side is a target: a mediation, "urged both sides".
    Both,
    /// The side the source is not on: the default counterpart.
    Other,
    /// Only whoever refuses it: "Pakistan wants written guarantees, and
    /// the Taliban refuse to give them" (a demand of guarantees names no
    /// one, and has no default counterpart).
    Refuser,
}

/// An act the tree read with a source and no target, whose target the
/// article's sides give: a mediation with no parties named, "urged both
/// sides", a demand naming no one.
#[derive(Debug, Clone)]
pub(super) struct Unplaced {
    pub(super) act: OpenAct,
    pub(super) placement: Placement,
    /// The two other actors its sentence names, if exactly two.
    pub(super) pair: Option<(usize, usize)>,
}

/// How many asserted relations between them make two sides the article's
/// sides, at the least.
const MIN_DYAD: usize = 2;

/// The relations the unplaced acts state with the article's two sides, if
/// it has them (or, for a mediation, the two other actors its sentence
/// names, or the pair one of the two sentences before names together:
/// `named_pairs`, by sentence).
pub(super) fn place(
    rules: &RuleSet,
    found: &[RelationMatch],
    unplaced: &[Unplaced],
    named_pairs: &[Option<(usize, usize)>],
) -> Vec<RelationMatch> {
    let sides = sides(rules, found);
    let mut out = Vec::new();
    for open in unplaced {
        if open.placement == Placement::Refuser {
            continue;
        }
        let act = &open.act;
        let on_neither = |(a, b): (usize, usize)| {
            act.sources
                .iter()
                .all(|&source| !same_side(rules, source, a) && !same_side(rules, source, b))
        };
        let before = || {
            (open.placement == Placement::Both)
                .then(|| {
                    (1..=REACH)
                        .filter_map(|back| act.sentence.checked_sub(back))
                        .filter_map(|sentence| named_pairs.get(sentence).copied().flatten())
                        .find(|&pair| on_neither(pair))
                })
                .flatten()
        };
        let Some((a, b)) = sides.or(open.pair).or_else(before) else {
            continue;
        };
        let read_already = found.iter().any(|relation| {
            relation.sentence == act.sentence
                && relation.trigger.start == act.trigger.start
                && relation.rule == act.rule
        });
        if read_already {
            continue;
        }
        for &source in &act.sources {
            let targets = match open.placement {
                Placement::Both if same_side(rules, source, a) || same_side(rules, source, b) => {
                    continue;
                }
                Placement::Both => vec![a, b],
                Placement::Other if same_side(rules, source, a) => vec![b],
                Placement::Other if same_side(rules, source, b) => vec![a],
                Placement::Other | Placement::Refuser => continue,
            };
            for target in targets {
                out.push(act.relation(rules, source, target, true));
            }
        }
    }
    out
}

/// The article's two sides: the pair of sides (a person counts for the one
/// actor they speak for) most of its asserted accusations, demands and
/// rejections are between, if that pair leads the next by more than one, or
/// the next is a single relation (two against one: "Kabul denied the charge
/// ... India, too, accused Pakistan").
fn sides(rules: &RuleSet, found: &[RelationMatch]) -> Option<(usize, usize)> {
    let side = |actor: usize| represented(rules, actor).unwrap_or(actor);
    let mut counts: Vec<((usize, usize), usize)> = Vec::new();
    for relation in found {
        if relation.predicate == Predicate::Mediates || relation.modality != Modality::Asserted {
            continue;
        }
        let (x, y) = (side(relation.source), side(relation.target));
        if x == y {
            continue;
        }
        let pair = (x.min(y), x.max(y));
        match counts.iter_mut().find(|(seen, _)| *seen == pair) {
            Some((_, count)) => *count += 1,
            None => counts.push((pair, 1)),
        }
    }
    counts.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    match counts.as_slice() {
        [(pair, first), rest @ ..]
            if *first >= MIN_DYAD
                && rest.first().is_none_or(|(_, second)| {
                    *first > second + 1 || (*second == 1 && *first > 1)
                }) =>
        {
            Some(*pair)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"
[[entity]]
id = "A"
kind = "Country"
label = "A"
aliases = ["A"]

[[entity]]
id = "B"
kind = "Country"
label = "B"
aliases = ["B"]

[[entity]]
id = "C"
kind = "Country"
label = "C"
aliases = ["C"]

[[entity]]
id = "Bspokesman"
kind = "Person"
label = "B's spokesman"
aliases = ["Bob"]
represents = ["B"]

[[entity]]
id = "D"
kind = "Country"
label = "D"
aliases = ["D"]

[[relation]]
id = "accuses"
predicate = "accuses"
verbs = ["accuse"]

[[relation]]
id = "rejects"
predicate = "rejects"
verbs = ["deny"]
answers = ["accuses"]

[[relation]]
id = "mediates"
predicate = "mediates"
verbs = ["mediate"]
target = "parties"
"#;

    fn rules() -> RuleSet {
        RuleSet::from_toml("test.toml", RULES).unwrap()
    }

    fn act(predicate: Predicate, source: usize, target: usize, sentence: usize) -> RelationMatch {
        RelationMatch {
            source,
            target,
            predicate,
            rule: 0,
            frame: Frame::Active,
            sentence,
            trigger: sentence * 100..sentence * 100 + 5,
            modality: Modality::Asserted,
            default_target: false,
        }
    }

    fn denial(source: usize, sentence: usize) -> Unanswered {
        Unanswered {
            act: OpenAct {
                sentence,
                trigger: sentence * 100 + 10..sentence * 100 + 15,
                rule: 1,
                frame: Frame::Active,
                modality: Modality::Asserted,
                sources: vec![source],
            },
            answers: vec![Predicate::Accuses],
            named: false,
        }
    }

    fn edges(found: &[RelationMatch]) -> Vec<(usize, Predicate, usize)> {
        found
            .iter()
            .map(|relation| (relation.source, relation.predicate, relation.target))
            .collect()
    }

    #[test]
    fn a_denial_answers_the_accusation_against_its_side() {
        let rules = rules();
        let found = [act(Predicate::Accuses, 0, 1, 0)];
        // B (or its spokesman) denies what A said of B.
        assert_eq!(
            edges(&answer(&rules, &found, &[denial(1, 1)], &[], &[])),
            [(1, Predicate::Rejects, 0)]
        );
        assert_eq!(
            edges(&answer(&rules, &found, &[denial(3, 2)], &[], &[])),
            [(3, Predicate::Rejects, 0)]
        );
        // C was not accused; A accused and cannot answer itself.
        assert!(answer(&rules, &found, &[denial(2, 1), denial(0, 1)], &[], &[]).is_empty());
        // Three sentences on is too far, unless the denial names the act
        // ("denied the charge"): then five.
        assert!(answer(&rules, &found, &[denial(1, 3)], &[], &[]).is_empty());
        let named = |sentence| Unanswered {
            named: true,
            ..denial(1, sentence)
        };
        assert_eq!(answer(&rules, &found, &[named(5)], &[], &[]).len(), 1);
        assert!(answer(&rules, &found, &[named(6)], &[], &[]).is_empty());
    }

    #[test]
    fn a_denial_naming_the_act_answers_a_claim_when_no_act_is_found() {
        let rules = rules();
        let named = Unanswered {
            named: true,
            ..denial(1, 3)
        };
        let claim = |claimant, sentence| Claim {
            sentence,
            start: sentence * 100,
            claimants: vec![claimant],
        };
        // "A says ... B rejected that accusation": the latest claim of
        // another side, within five sentences.
        assert_eq!(
            edges(&answer(
                &rules,
                &[],
                std::slice::from_ref(&named),
                &[],
                &[claim(2, 0), claim(0, 1)]
            )),
            [(1, Predicate::Rejects, 0)]
        );
        // Not B's own claim, nor one after the denial, nor any when the
        // article states an accusation against B (then that one is answered
        // or none is).
        assert!(
            answer(
                &rules,
                &[],
                std::slice::from_ref(&named),
                &[],
                &[claim(3, 1), claim(0, 4)]
            )
            .is_empty()
        );
        let far = [act(Predicate::Accuses, 2, 1, 0)];
        let reached = answer(
            &rules,
            &far,
            std::slice::from_ref(&named),
            &[],
            &[claim(0, 1)],
        );
        assert_eq!(edges(&reached), [(1, Predicate::Rejects, 2)]);
        // A bare denial ("Kabul refused") answers no claim.
        assert!(answer(&rules, &[], &[denial(1, 1)], &[], &[claim(0, 0)]).is_empty());
    }

    #[test]
    fn a_refusal_is_the_target_of_the_demand_that_named_no_one() {
        let rules = rules();
        let demand = |source, sentence, placement| Unplaced {
            act: OpenAct {
                sentence,
                trigger: sentence * 100..sentence * 100 + 5,
                rule: 0,
                frame: Frame::Active,
                modality: Modality::Asserted,
                sources: vec![source],
            },
            placement,
            pair: None,
        };
        // "A wants written guarantees, and B refuses to give them": A demands
        // of B (rule 0 stands in for the demand), B rejects A.
        let open = [demand(0, 1, Placement::Refuser)];
        assert_eq!(
            edges(&answer(&rules, &[], &[denial(1, 1)], &open, &[])),
            [(0, Predicate::Accuses, 1), (1, Predicate::Rejects, 0)]
        );
        // Not by the demander's side, not from three sentences on, and not a
        // request of both sides.
        assert!(answer(&rules, &[], &[denial(0, 1)], &open, &[]).is_empty());
        assert!(answer(&rules, &[], &[denial(1, 4)], &open, &[]).is_empty());
        let both = [demand(0, 1, Placement::Both)];
        assert!(answer(&rules, &[], &[denial(1, 1)], &both, &[]).is_empty());
    }

    #[test]
    fn a_denial_answers_only_asserted_earlier_acts_it_can_answer() {
        let rules = rules();
        let mut hypothetical = act(Predicate::Accuses, 0, 1, 0);
        hypothetical.modality = Modality::Hypothetical;
        let later = act(Predicate::Accuses, 0, 1, 2);
        let mediation = act(Predicate::Mediates, 2, 1, 0);
        assert!(
            answer(
                &rules,
                &[hypothetical, later, mediation],
                &[denial(1, 1)],
                &[],
                &[]
            )
            .is_empty()
        );
        // The latest of two accusations is the one answered.
        let found = [
            act(Predicate::Accuses, 2, 1, 0),
            act(Predicate::Accuses, 0, 1, 1),
        ];
        assert_eq!(
            edges(&answer(&rules, &found, &[denial(1, 2)], &[], &[])),
            [(1, Predicate::Rejects, 0)]
        );
    }

    fn mediation(source: usize) -> Unplaced {
        Unplaced {
            act: OpenAct {
                sentence: 5,
                trigger: 500..505,
                rule: 2,
                frame: Frame::Passive,
                modality: Modality::Asserted,
                sources: vec![source],
            },
            placement: Placement::Both,
            pair: None,
        }
    }

    #[test]
    fn a_mediation_without_parties_is_between_the_articles_sides() {
        let rules = rules();
        // A and B act on each other three times (B's spokesman counts for B).
        let found = [
            act(Predicate::Accuses, 0, 1, 0),
            act(Predicate::Rejects, 3, 0, 1),
            act(Predicate::Accuses, 1, 0, 2),
        ];
        assert_eq!(
            edges(&place(&rules, &found, &[mediation(2)], &[])),
            [(2, Predicate::Mediates, 0), (2, Predicate::Mediates, 1)]
        );
        // One of the sides mediates nothing between itself and the other.
        assert!(place(&rules, &found, &[mediation(3)], &[]).is_empty());
        // A demand naming no one is of the other side, by a side only.
        let demand = |source| Unplaced {
            placement: Placement::Other,
            ..mediation(source)
        };
        assert_eq!(
            edges(&place(
                &rules,
                &found,
                &[demand(3), demand(0), demand(2)],
                &[]
            )),
            [(3, Predicate::Mediates, 0), (0, Predicate::Mediates, 1)]
        );
    }

    #[test]
    fn no_sides_without_a_clear_lead() {
        let rules = rules();
        // One relation is no pattern; two pairs of two tie.
        assert!(
            place(
                &rules,
                &[act(Predicate::Accuses, 0, 1, 0)],
                &[mediation(4)],
                &[]
            )
            .is_empty()
        );
        let tie = [
            act(Predicate::Accuses, 0, 1, 0),
            act(Predicate::Accuses, 1, 0, 1),
            act(Predicate::Accuses, 0, 2, 2),
            act(Predicate::Accuses, 2, 0, 3),
        ];
        assert!(place(&rules, &tie, &[mediation(4)], &[]).is_empty());
        // Three against two is no clear lead either.
        let close = [
            act(Predicate::Accuses, 0, 1, 0),
            act(Predicate::Accuses, 1, 0, 1),
            act(Predicate::Rejects, 0, 1, 2),
            act(Predicate::Accuses, 0, 2, 3),
            act(Predicate::Accuses, 2, 0, 4),
        ];
        assert!(place(&rules, &close, &[mediation(4)], &[]).is_empty());
    }

    #[test]
    fn two_relations_lead_a_pair_named_once() {
        let rules = rules();
        // A and B twice, A and C once: A and B are the sides.
        let found = [
            act(Predicate::Accuses, 0, 1, 0),
            act(Predicate::Rejects, 1, 0, 1),
            act(Predicate::Rejects, 0, 2, 2),
        ];
        assert_eq!(
            edges(&place(&rules, &found, &[mediation(4)], &[])),
            [(4, Predicate::Mediates, 0), (4, Predicate::Mediates, 1)]
        );
    }
}
