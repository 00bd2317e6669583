//! The CAMEO event code of a relation instance, chosen by its relation and
//! its trigger, with what follows from the code: GDELT's root code and quad
//! class, and the PLOVER type, mode and context. Pure: the graph can write
//! it on the instance node, `events` writes it in its rows.

use crate::rules::Predicate;

/// One CAMEO event code with what follows from it: GDELT's base and root
/// codes and quad class, and the PLOVER type, mode and context of the
/// PLOVER project's CAMEO2PLOVER-2021.txt table (045 → CONSULT, context
/// diplomatic, line 42; 100 → REQUEST, line 107; 111 and 112 → ACCUSE,
/// mode disapprove, lines 137–138; 120 → REJECT, line 151).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CameoEvent {
    /// The full code, as GDELT's `EventCode`: "045", "111", "112", "100", "120".
    pub code: &'static str,
    /// The two-digit root, as GDELT's `EventRootCode`: "04", "11", "10", "12".
    pub root: &'static str,
    /// GDELT's `QuadClass`: 1 verbal cooperation (roots 01–05), 3 verbal
    /// conflict (10–14).
    pub quad_class: u8,
    pub plover_type: &'static str,
    pub plover_mode: Option<&'static str>,
    pub plover_context: Option<&'static str>,
}

/// Trigger words of `accuses` that criticize or denounce (CAMEO 111)
/// rather than accuse (112), by their stems.
const DENOUNCING_STEMS: &[&str] = &[
    "denounc", "condemn", "critici", "fault", "lash", "slam", "protest",
];

impl CameoEvent {
    /// The one code of an instance, by its relation and trigger: mediation
    /// is 045 (Engage in mediation); an accusation 112 (Accuse, not
    /// specified below), or 111 (Criticize or denounce) when its trigger
    /// criticizes or denounces; a demand 100 (Demand, not specified below:
    /// the trigger alone does not say what is demanded); a rejection 120
    /// (Reject, not specified below).
    /// The event of `predicate` with the code `code` the graph wrote
    /// (`ng:cameoCode`), if it is one [`CameoEvent::of`] gives.
    pub fn with_code(predicate: Predicate, code: &str) -> Option<CameoEvent> {
        let plain = CameoEvent::of(predicate, "");
        match code {
            _ if code == plain.code => Some(plain),
            "111" if predicate == Predicate::Accuses => Some(CameoEvent {
                code: "111",
                ..plain
            }),
            _ => None,
        }
    }

    pub fn of(predicate: Predicate, trigger: &str) -> CameoEvent {
        match predicate {
            Predicate::Mediates => CameoEvent {
                code: "045",
                root: "04",
                quad_class: 1,
                plover_type: "CONSULT",
                plover_mode: None,
                plover_context: Some("diplomatic"),
            },
            Predicate::Accuses => {
                let trigger = trigger.to_lowercase();
                let denounces = DENOUNCING_STEMS
                    .iter()
                    .any(|stem| trigger.starts_with(stem));
                CameoEvent {
                    code: if denounces { "111" } else { "112" },
                    root: "11",
                    quad_class: 3,
                    plover_type: "ACCUSE",
                    plover_mode: Some("disapprove"),
                    plover_context: None,
                }
            }
            Predicate::Demands => CameoEvent {
                code: "100",
                root: "10",
                quad_class: 3,
                plover_type: "REQUEST",
                plover_mode: None,
                plover_context: None,
            },
            Predicate::Rejects => CameoEvent {
                code: "120",
                root: "12",
                quad_class: 3,
                plover_type: "REJECT",
                plover_mode: None,
                plover_context: None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_relation_gets_one_cameo_code_by_its_trigger() {
        let code = |predicate, trigger| CameoEvent::of(predicate, trigger).code;
        assert_eq!(code(Predicate::Accuses, "accused"), "112");
        assert_eq!(code(Predicate::Accuses, "blamed"), "112");
        assert_eq!(code(Predicate::Accuses, "denounces"), "111");
        assert_eq!(code(Predicate::Accuses, "Condemned"), "111");
        assert_eq!(code(Predicate::Accuses, "criticised"), "111");
        assert_eq!(code(Predicate::Mediates, "mediated"), "045");
        assert_eq!(code(Predicate::Demands, "urged"), "100");
        assert_eq!(code(Predicate::Rejects, "denounced"), "120");
        let mediation = CameoEvent::of(Predicate::Mediates, "brokered");
        assert_eq!((mediation.root, mediation.quad_class), ("04", 1));
        let rejection = CameoEvent::of(Predicate::Rejects, "rejected");
        assert_eq!((rejection.root, rejection.quad_class), ("12", 3));
        assert_eq!(rejection.plover_type, "REJECT");
    }
}
