//! News-language phenomena, each on sentences written for the test (not
//! taken from the bundled corpus): voice, nominal forms, participles,
//! coordination, mediation, reciprocity, speakers, pronouns, metonymy,
//! default counterparts and acts that are not facts.
//!
//! Expectations are what a careful annotator gives under
//! /work/shared/gold/GUIDELINES.md. Where the engine falls short today, the
//! assertion pins its actual output under a `FIXME` and the correct
//! expectation is kept in the comment above it.

use newsgraph::extract::Modality;

use crate::hay::{assert_lines, check, relations, relations_with};

/// Asserts the relations of one modality of `text`, for an article of `date`.
#[track_caller]
fn check_modality(text: &str, date: Option<&str>, modality: Modality, expected: &[&str]) {
    assert_lines(
        &format!("{} (date {date:?}) text: {text}", modality.name()),
        expected,
        &relations_with(text, date, modality),
    );
}

#[test]
fn active_and_passive_voice() {
    // Active and passive voice: "X accused Y", "Y was accused by X", "... were demanded by X", "mediated by X and Y".
    check(
        "Kabul accused Islamabad on Tuesday of carrying out air strikes in Khost province. \
         A day later, the Taliban government was accused by Pakistan of giving sanctuary to \
         TTP commanders.",
        &["Pakistan accuses Taliban", "Taliban accuses Pakistan"],
    );
    check(
        "The third round of talks between Islamabad and Kabul opened on Thursday. Verifiable \
         action against militant hideouts was demanded by the Pakistani delegation.",
        &["Pakistan demands Taliban"],
    );
    check(
        "The talks between Pakistan and the Taliban, mediated by Saudi Arabia and Qatar, ended \
         late on Sunday.",
        &[
            "Qatar mediates Pakistan",
            "Qatar mediates Taliban",
            "SaudiArabia mediates Pakistan",
            "SaudiArabia mediates Taliban",
        ],
    );
    check(
        "Pakistan's airstrikes were condemned by the Taliban as a violation of sovereignty.",
        &["Taliban accuses Pakistan"],
    );
    // A passive whose patient is a noun with a content clause: the tree
    // gives "was denied" its subject ("The accusation by Pakistan"), whose
    // owner is the target (the shallow reader had taken "Kabul" from the
    // content clause; a FIXME until the tree frames).
    check(
        "The accusation by Pakistan that Kabul shelters the TTP was denied by Mujahid.",
        &[
            "Pakistan accuses Taliban",
            "ZabihullahMujahid rejects Pakistan",
        ],
    );
}

#[test]
fn nominal_forms() {
    // Nominal forms: "X's demand that", "X's insistence on", "demands from X", "the call for ...", "X's refusal to".
    check(
        "Islamabad's demand that Kabul hand over TTP leaders has stalled the process. The \
         Taliban's insistence on Pakistan halting drone flights over Afghan airspace angered \
         officials in Islamabad.",
        &["Pakistan demands Taliban", "Taliban demands Pakistan"],
    );
    check(
        "Demands from Islamabad that the Taliban dismantle TTP camps dominated the second day.",
        &["Pakistan demands Taliban"],
    );
    check(
        "During the talks between Pakistan and the Taliban in Istanbul, Pakistan's call for \
         written assurances was dismissed by the Taliban delegation.",
        &["Pakistan demands Taliban", "Taliban rejects Pakistan"],
    );
    check(
        "Pakistan renewed its call for written assurances from Kabul.",
        &["Pakistan demands Taliban"],
    );
    check(
        "Talks between Islamabad and Kabul broke down on Friday. Pakistani officials blamed \
         the collapse on Kabul's refusal to act against the TTP.",
        &["Pakistan accuses Taliban", "Taliban rejects Pakistan"],
    );
}

#[test]
fn participial_clauses() {
    // Participial and relative clauses take the subject of the main clause: "..., accusing Y", "..., urging Y to".
    check(
        "Pakistan's defence minister Khawaja Asif spoke to reporters in Sialkot on Saturday, \
         accusing the Taliban of allowing TTP fighters to cross the border.",
        &["KhawajaAsif accuses Taliban"],
    );
    check(
        "Turkish Foreign Minister Hakan Fidan met both delegations, urging the Taliban to curb \
         cross-border attacks.",
        &["HakanFidan demands Taliban"],
    );
    check(
        "Islamabad, which has lost hundreds of soldiers this year, summoned the Afghan envoy, \
         accusing Kabul of harbouring militants.",
        &["Pakistan accuses Taliban"],
    );
    check(
        "Kabul hit back at Islamabad on Sunday, accusing Pakistani forces of shelling civilian \
         areas in Kunar.",
        &["Taliban accuses Pakistan"],
    );
    check(
        "Mujahid dismissed the claims made by Islamabad, calling on Pakistan to stop \
         interfering.",
        &[
            "ZabihullahMujahid demands Pakistan",
            "ZabihullahMujahid rejects Pakistan",
        ],
    );
}

#[test]
fn coordination() {
    // Coordination: one edge per coordinated actor, on either side ("Turkey and Qatar", "Iran, China, or Russia").
    check(
        "Saudi Arabia and the United Arab Emirates urged Pakistan and the Taliban to exercise \
         restraint.",
        &[
            "SaudiArabia demands Pakistan",
            "SaudiArabia demands Taliban",
            "UnitedArabEmirates demands Pakistan",
            "UnitedArabEmirates demands Taliban",
        ],
    );
    check(
        "Qatar, Turkey and Saudi Arabia facilitated the talks between Pakistan and \
         Afghanistan's Taliban government.",
        &[
            "Qatar mediates Pakistan",
            "Qatar mediates Taliban",
            "SaudiArabia mediates Pakistan",
            "SaudiArabia mediates Taliban",
            "Turkey mediates Pakistan",
            "Turkey mediates Taliban",
        ],
    );
    // "calls from X to <verb>": a call is a demand of whoever rebuffs it.
    check(
        "The Taliban has repeatedly rebuffed calls from Iran, China, or Russia to form an \
         inclusive government.",
        &[
            "China demands Taliban",
            "Iran demands Taliban",
            "Russia demands Taliban",
            "Taliban rejects China",
            "Taliban rejects Iran",
            "Taliban rejects Russia",
        ],
    );
    check(
        "Pakistan and Iran both accused the Taliban of failing to contain ISIS-K.",
        &["Iran accuses Taliban", "Pakistan accuses Taliban"],
    );
    check(
        "Mujahid rejected Pakistan's allegations and accused Islamabad of hosting ISIS-K \
         leaders.",
        &[
            "ZabihullahMujahid accuses Pakistan",
            "ZabihullahMujahid rejects Pakistan",
        ],
    );
}

#[test]
fn mediation() {
    // Mediation: an edge from each mediator to each party of the talks, named in the sentence or earlier.
    check(
        "The dialogue between Pakistan and the Taliban ended without a joint statement. Qatar \
         and Turkey, the mediators, said both delegations had agreed to meet again.",
        &[
            "Qatar mediates Pakistan",
            "Qatar mediates Taliban",
            "Turkey mediates Pakistan",
            "Turkey mediates Taliban",
        ],
    );
    check(
        "The meeting between Ishaq Dar and Amir Khan Muttaqi, hosted by China in Beijing, \
         lasted three hours.",
        &["China mediates AmirKhanMuttaqi", "China mediates IshaqDar"],
    );
    // Correct: &["Qatar mediates Pakistan", "Qatar mediates Taliban",
    //            "Turkey mediates Pakistan", "Turkey mediates Taliban"]
    // Coordinated demonyms: "Turkish" and "Qatari" are aliases of their
    // countries, so "Turkish and Qatari officials" is one chunk of two.
    check(
        "Negotiations between Islamabad and the Taliban resumed in Istanbul on Thursday. \
         Turkish and Qatari officials facilitated the discussions, which ran late into the \
         night.",
        &[
            "Qatar mediates Pakistan",
            "Qatar mediates Taliban",
            "Turkey mediates Pakistan",
            "Turkey mediates Taliban",
        ],
    );
    check(
        "Fighting between Pakistan and the Taliban killed dozens in October. Qatar, which \
         brokered the truce, has invited both sides back to Doha.",
        &["Qatar mediates Pakistan", "Qatar mediates Taliban"],
    );
    // "X relies on M to mediate with Y": the tree gives the infinitive its
    // controller (M, the object of "relying on"), and the two other actors of
    // the sentence are the parties.
    check(
        "Islamabad is relying on Ankara to mediate with the Taliban, officials said.",
        &["Turkey mediates Pakistan", "Turkey mediates Taliban"],
    );
}

#[test]
fn reciprocity() {
    // Reciprocity: "accused each other", "traded blame" give an edge each way between the two sides.
    check(
        "After talks between Islamabad and Kabul collapsed, both sides accused each other of \
         bad faith.",
        &["Pakistan accuses Taliban", "Taliban accuses Pakistan"],
    );
    check(
        "The negotiations between Pakistan and the Afghan Taliban ended on Friday. The two \
         delegations then exchanged accusations over who had walked out first.",
        &["Pakistan accuses Taliban", "Taliban accuses Pakistan"],
    );
    check(
        "Talks between Pakistan and the Taliban ended in mutual recriminations.",
        &["Pakistan accuses Taliban", "Taliban accuses Pakistan"],
    );
    check(
        "Islamabad and Kabul have traded accusations for weeks over the border closures.",
        &["Pakistan accuses Taliban", "Taliban accuses Pakistan"],
    );
    check(
        "Pakistan and India traded accusations over the attack, while talks between Islamabad \
         and Kabul continued in Doha.",
        &["India accuses Pakistan", "Pakistan accuses India"],
    );
}

#[test]
fn speakers() {
    // Speakers: "..., X said", "according to X", quotes; a person acts as themself.
    check(
        "\u{201c}The Taliban regime is responsible for the bloodshed,\u{201d} Khawaja Asif \
         said, blaming Kabul for the attack.",
        &["KhawajaAsif accuses Taliban"],
    );
    check(
        "\u{201c}We reject these baseless claims by Pakistan,\u{201d} Mujahid said.",
        &["ZabihullahMujahid rejects Pakistan"],
    );
    check(
        "\u{201c}We demand that Kabul take verifiable action against the TTP,\u{201d} Tarar \
         told a news conference.",
        &["AttaullahTarar demands Taliban"],
    );
    check(
        "Pakistan will respond to any aggression, Khawaja Asif said, accusing the Taliban of \
         acting as India's proxy.",
        &["KhawajaAsif accuses Taliban"],
    );
    check(
        "Islamabad has no intention of closing the border, according to Ishaq Dar, who blamed \
         Kabul for the recent clashes.",
        &["IshaqDar accuses Taliban"],
    );
}

#[test]
fn pronouns_and_descriptions() {
    // Pronouns and descriptions (he, they, the group, the official, the spokesperson) stand for their antecedent.
    check(
        "Khawaja Asif addressed the National Assembly on Tuesday. He accused the Taliban of \
         betraying commitments made in Doha.",
        &["KhawajaAsif accuses Taliban"],
    );
    // The demands a spokesperson rejects were made of the side they speak for.
    check(
        "Zabihullah Mujahid spoke to state television late on Saturday. The spokesperson \
         rejected Islamabad's demands as interference in Afghan affairs.",
        &[
            "Pakistan demands Taliban",
            "ZabihullahMujahid rejects Pakistan",
        ],
    );
    check(
        "A senior Pakistani official briefed journalists in Islamabad. The official accused \
         Kabul of sheltering TTP commanders.",
        &["Pakistan accuses Taliban"],
    );
    check(
        "Pakistani forces killed eight TTP militants in Bajaur. The group later accused \
         Islamabad of killing civilians.",
        &["TTP accuses Pakistan"],
    );
    check(
        "Pakistani officials met a Taliban delegation in Istanbul on Saturday. They demanded \
         written guarantees from Kabul that militants would be disarmed.",
        &["Pakistan demands Taliban"],
    );
}

#[test]
fn metonymy_and_dates() {
    // Metonymy: Islamabad is Pakistan; Kabul, the Afghan side, the Islamic Emirate and acting Afghanistan are the Taliban (the Republic before 2021-08-15); Afghan soil is a place.
    check(
        "Islamabad rejected the Islamic Emirate's proposal for a joint border commission. The \
         Afghan side, in turn, dismissed Pakistan's allegations against Kabul as propaganda.",
        &[
            "Pakistan accuses Taliban",
            "Pakistan rejects Taliban",
            "Taliban rejects Pakistan",
        ],
    );
    check(
        "Pakistan accused Afghanistan of harbouring militants.",
        &["Pakistan accuses Taliban"],
    );
    check(
        "Pakistan launched air strikes on TTP hideouts inside Afghanistan, accusing the group \
         of plotting attacks from Afghan soil.",
        &["Pakistan accuses TTP"],
    );
    let kabul = "Kabul accused Islamabad of sheltering Taliban commanders in Quetta.";
    check_modality(
        kabul,
        Some("2019-05-01"),
        Modality::Asserted,
        &["IslamicRepublicOfAfghanistan accuses Pakistan"],
    );
    check_modality(
        kabul,
        Some("2025-10-20"),
        Modality::Asserted,
        &["Taliban accuses Pakistan"],
    );
    check_modality(
        "Afghan officials accused Pakistan of meddling. The Taliban rejected Kabul's offer of \
         talks.",
        Some("2020-03-01"),
        Modality::Asserted,
        &[
            "IslamicRepublicOfAfghanistan accuses Pakistan",
            "Taliban rejects IslamicRepublicOfAfghanistan",
        ],
    );
}

#[test]
fn default_counterpart() {
    // Default counterpart: in an article about talks between two parties, an act by one with no named target targets the other.
    check(
        "Negotiations between Pakistan and the Taliban stalled again on Sunday. Zabihullah \
         Mujahid accused the other side of bad faith.",
        &["ZabihullahMujahid accuses Pakistan"],
    );
    check(
        "Pakistan-Afghanistan talks in Istanbul ended without a deal. Islamabad blamed the \
         failure on the intransigence of the other side.",
        &["Pakistan accuses Taliban"],
    );
    // A third party's act has no counterpart; a named target wins over it.
    check(
        "Talks between Pakistan and the Taliban ended without agreement. India condemned the \
         violence.",
        &[],
    );
    check(
        "Talks between Pakistan and the Taliban resumed. The Taliban demanded that the United \
         States release frozen assets.",
        &["Taliban demands UnitedStates"],
    );
    check(
        "Talks between Pakistan and the Taliban, mediated by Turkey, ended on Friday. Tarar \
         said the Pakistani delegation had rejected the final draft.",
        &[
            "Pakistan rejects Taliban",
            "Turkey mediates Pakistan",
            "Turkey mediates Taliban",
        ],
    );
}

#[test]
fn acts_that_are_not_facts() {
    // Not facts: hypothetical, conditional, recommended, future and negated acts are never asserted; the engine records their modality.
    let could = "The breakdown could lead Iran or China to join mediation efforts between \
                 Islamabad and Kabul.";
    assert_lines(&format!("text: {could}"), &[], &relations(could));
    // "X to join NOUN": the subject of "join" (by control, the object of
    // "lead") owns the act, and "could" makes it hypothetical.
    check_modality(
        could,
        None,
        Modality::Hypothetical,
        &[
            "China mediates Pakistan",
            "China mediates Taliban",
            "Iran mediates Pakistan",
            "Iran mediates Taliban",
        ],
    );

    let need = "Any lasting deal would need Turkey and Qatar to mediate between Islamabad and \
                Kabul.";
    check(need, &[]);
    check_modality(
        need,
        None,
        Modality::Hypothetical,
        &[
            "Qatar mediates Pakistan",
            "Qatar mediates Taliban",
            "Turkey mediates Pakistan",
            "Turkey mediates Taliban",
        ],
    );

    let modal = "Pakistan should urge the Taliban to expel TTP leaders, a parliamentary \
                 committee recommended. Officials said Kabul will reject Islamabad's latest \
                 proposal.";
    check(modal, &[]);
    check_modality(
        modal,
        None,
        Modality::Hypothetical,
        &["Pakistan demands Taliban", "Taliban rejects Pakistan"],
    );

    let conditional = "If the Taliban fails to act, Pakistan will accuse Kabul of complicity \
                       at the United Nations.";
    check(conditional, &[]);
    check_modality(
        conditional,
        None,
        Modality::Hypothetical,
        &["Pakistan accuses Taliban"],
    );

    let negated = "Zabihullah Mujahid did not accuse Pakistan of involvement in the bombing. \
                   Islamabad has never demanded that Kabul hand over Afghan refugees.";
    check(negated, &[]);
    check_modality(
        negated,
        None,
        Modality::Negated,
        &[
            "Pakistan demands Taliban",
            "ZabihullahMujahid accuses Pakistan",
        ],
    );
}

#[test]
fn negative_controls() {
    // A verb form after an owner is a noun ("Pakistan's press"), not an act.
    check(
        "Talks between Pakistan and the Taliban stalled. Pakistan's press reported that the Taliban delegation left early.",
        &[],
    );
    // Negative controls: trigger words with no relation between actors (unnamed analysts, groups' aims, places, hosting cities).
    check(
        "Analysts blamed the weather for the delay in reopening the Torkham crossing. Rights \
         groups condemned the Taliban's restrictions on women. The demand for electricity in \
         Kabul has risen sharply.",
        &[],
    );
    check(
        "The TTP, which seeks to overthrow the state in Pakistan, has stepped up attacks in \
         Khyber Pakhtunkhwa.",
        &[],
    );
    check(
        "Talks between Pakistan and the Taliban took place in Doha on Sunday.",
        &[],
    );
    check(
        "Pakistan blamed the attack on militants operating from Afghan soil.",
        &[],
    );
    check(
        "Khawaja Asif told the press that Kabul had failed to honour its commitments.",
        &[],
    );
}

#[test]
fn interviews() {
    // In an interview's answers ("A:" paragraphs) the first person is the
    // interviewee, the first person the article names; in the questions,
    // and in an article with no answers, "we" is no one.
    let interview = "Interview: Pakistan's defence minister on the border\n\n\
        Khawaja Asif spoke to our correspondent in Islamabad on Sunday.\n\n\
        Q: What do you expect from Kabul?\n\n\
        A: We urge the Taliban to act against the TTP. I have told them so many times.\n\n\
        Q: Will we see another round of talks?\n\n\
        A: If they are ready, we are ready. But my government rejects any mediation by India.\n";
    check(
        interview,
        &["KhawajaAsif demands Taliban", "KhawajaAsif rejects India"],
    );
    check(
        "Views from the region\n\nKhawaja Asif spoke in Islamabad on Sunday.\n\n\
         We urge the Taliban to act against the TTP, a reader wrote.\n",
        &[],
    );
    check(
        "Interview\n\nKhawaja Asif spoke to our correspondent on Sunday.\n\n\
         Q: Should we urge the Taliban to act against the TTP?\n\n\
         A: Yes.\n",
        &[],
    );
    // "US" in an answer is the United States, not "us" the interviewee
    // (the two mentions overlapped and the sentence reader panicked).
    check(
        "Interview\n\nKhawaja Asif spoke to our correspondent.\n\n\
         Q: What about Washington?\n\n\
         A: The US urged the Taliban to act against the TTP.\n",
        &["UnitedStates demands Taliban"],
    );
    // An answer states what the interviewee says, with no verb of speech:
    // a hostile act or an enemy named ("The Afghan regime shelters the TTP",
    // "Pakistan is the aggressor"), an obligation ("first Kabul must hand
    // over"). Not in a question, not negated, not of the speaker's side.
    check(
        "Interview\n\nKhawaja Asif spoke to our correspondent in Islamabad.\n\n\
         Q: The Taliban say Pakistan bombed Kabul. How do you respond?\n\n\
         A: That is false. We struck only hideouts. The Afghan regime shelters the TTP.\n\n\
         Q: Will you talk to Kabul again?\n\n\
         A: We are ready to talk, but first Kabul must hand over the TTP leaders.\n",
        &[
            "KhawajaAsif accuses Taliban",
            "KhawajaAsif demands Taliban",
            "KhawajaAsif rejects Taliban",
            "Taliban accuses Pakistan",
        ],
    );
    check(
        "Interview\n\nZabihullah Mujahid spoke to our correspondent in Kabul.\n\n\
         Q: Is Pakistan the aggressor?\n\n\
         A: Pakistan is the aggressor. We are not enemies of Pakistan, and we did not shelter the TTP.\n",
        &["ZabihullahMujahid accuses Pakistan"],
    );
}

/// One case of the data-driven suite in `tests/phenomena/`.
struct Case {
    file: String,
    line: usize,
    text: String,
    date: Option<String>,
    /// What a careful annotator finds (asserted relations, sorted).
    expected: Vec<String>,
    /// What the engine gives today where it falls short (`~` lines); the
    /// case then pins that, and `expected` stays as the goal.
    today: Option<Vec<String>>,
}

/// Reads every `tests/phenomena/*.txt` file: cases open with `> text`, may
/// give `@date yyyy-mm-dd`, then list `Source predicate Target` lines (or
/// `-` for none), and `~ Source predicate Target` (or `~ -`) lines for what
/// is found today when it differs. A blank line ends a case.
fn read_cases() -> Vec<Case> {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/phenomena");
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .expect("tests/phenomena is readable")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).expect("a phenomena file is readable");
        let mut current: Option<Case> = None;
        for (index, line) in text.lines().chain(std::iter::once("")).enumerate() {
            let line = line.trim_end();
            if let Some(sentence) = line.strip_prefix("> ") {
                assert!(
                    current.is_none(),
                    "{file}:{}: a case without its blank line",
                    index + 1
                );
                current = Some(Case {
                    file: file.clone(),
                    line: index + 1,
                    text: sentence.to_owned(),
                    date: None,
                    expected: Vec::new(),
                    today: None,
                });
                continue;
            }
            let Some(case) = current.as_mut() else {
                continue;
            };
            if line.is_empty() {
                let mut case = current.take().unwrap();
                case.expected.sort();
                if let Some(today) = case.today.as_mut() {
                    today.sort();
                }
                cases.push(case);
            } else if let Some(date) = line.strip_prefix("@date ") {
                case.date = Some(date.trim().to_owned());
            } else if let Some(found) = line.strip_prefix("~ ") {
                let today = case.today.get_or_insert_with(Vec::new);
                if found != "-" {
                    today.push(found.to_owned());
                }
            } else if line != "-" && !line.starts_with('#') {
                case.expected.push(line.to_owned());
            }
        }
    }
    cases
}

/// Rewrites the `~` lines of every case to what the engine gives today
/// (run with `UPDATE_PHENOMENA=1` after a change to the rules, the frames
/// or the model, and read the diff).
fn update_pins(cases: &[Case]) {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/phenomena");
    let mut files: Vec<&str> = cases.iter().map(|case| case.file.as_str()).collect();
    files.dedup();
    for file in files {
        let path = format!("{folder}/{file}");
        let text = std::fs::read_to_string(&path).expect("a phenomena file is readable");
        let mut out = String::new();
        let mut open: Option<&Case> = None;
        // A case's pins: what it gives today, when that is not its expectation.
        let pin = |case: &Case, out: &mut String| {
            let actual = relations_with(&case.text, case.date.as_deref(), Modality::Asserted);
            if actual != case.expected {
                if actual.is_empty() {
                    out.push_str("~ -\n");
                }
                for found in actual {
                    out.push_str(&format!("~ {found}\n"));
                }
            }
        };
        for (index, line) in text.lines().enumerate() {
            if let Some(case) = open.filter(|_| line.trim().is_empty()) {
                pin(case, &mut out);
                open = None;
            }
            if line.starts_with("~ ") {
                continue;
            }
            if line.starts_with("> ") {
                open = cases
                    .iter()
                    .find(|case| case.file == file && case.line == index + 1);
            }
            out.push_str(line);
            out.push('\n');
        }
        if let Some(case) = open {
            pin(case, &mut out);
        }
        std::fs::write(&path, out).expect("a phenomena file is writable");
    }
}

#[test]
fn phenomena_suite() {
    // The data-driven suite: every case must give what it pins (its `~`
    // lines where the engine still falls short, else the annotator's
    // expectation), and a pin that now matches the expectation must go.
    let cases = read_cases();
    assert!(cases.len() >= 200, "the suite holds {} cases", cases.len());
    if std::env::var_os("UPDATE_PHENOMENA").is_some() {
        update_pins(&cases);
        return;
    }
    let mut failures = Vec::new();
    let (mut goal_met, mut pinned) = (0, 0);
    for case in &cases {
        let actual = relations_with(&case.text, case.date.as_deref(), Modality::Asserted);
        let pin = case.today.as_ref().unwrap_or(&case.expected);
        if &actual != pin {
            failures.push(format!(
                "{}:{}: {}\n--- expects\n{}\n--- actual\n{}",
                case.file,
                case.line,
                case.text,
                pin.join("\n"),
                actual.join("\n")
            ));
        } else if case.today.is_some() && actual == case.expected {
            failures.push(format!(
                "{}:{}: now gives its expectation; remove its `~` lines",
                case.file, case.line
            ));
        }
        if actual == case.expected {
            goal_met += 1;
        } else {
            pinned += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail ({goal_met} meet their expectation, {pinned} are pinned):\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
