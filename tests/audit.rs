//! The audit of a meeting's record, tried on fixtures read from sealed minutes: kept here, not
//! beside the audit, because reading minutes is the store's work and the domain never reaches it.
// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use docket::domain::audit::*;
use docket::domain::meeting::{Meeting, Round, Vote, Withdrawal};
use docket::domain::rules::{Method, Opinion};
use docket::domain::tally::{Tally, tally_of};
use docket::store::minutes::{self, Minutes};

/// A sealed meeting: case 2026-005 decided (tolerate) on round 1, six agreeing of six.
const DECIDED: &str = include_str!("data/schema2/2026-11-20-1.yaml");
/// A meeting with a void round, a withdrawn determination and a reconsideration.
const RECONSIDERED: &str = include_str!("data/schema2/2026-11-20-2.yaml");

fn read(text: &str) -> (Meeting, Basis) {
    let m = minutes::parse(text).expect("fixture minutes parse");
    (m.meeting(), basis_of(&m))
}

fn basis_of(m: &Minutes) -> Basis {
    let (rules, _) = docket::store::rules::load(&m.rules.id, None);
    let rules = rules.expect("built-in rules");
    Basis {
        seats: m
            .panel
            .members
            .iter()
            .map(|x| Seat::recorded(&x.id, &x.role))
            .collect(),
        quorum: Some(StatedQuorum {
            fraction: m.quorum.fraction.clone(),
            voting: m.quorum.voting,
            present: m.quorum.present,
            needed: m.quorum.needed,
            met: m.quorum.met,
        }),
        deferrals: Some(deferrals(&rules)),
    }
}

fn round(m: &mut Meeting) -> &mut Round {
    &mut m.cases[0].rounds[0]
}

#[test]
fn the_fixtures_audit_clean() {
    for text in [DECIDED, RECONSIDERED] {
        let (m, b) = read(text);
        assert_eq!(audit(&m, &b), []);
    }
}

#[test]
fn a_tally_of_one_beside_agreeing_opinions_is_found() {
    let (mut m, b) = read(DECIDED);
    round(&mut m).opinions.truncate(4);
    round(&mut m).tally = Tally {
        agree: 1,
        ..Tally::default()
    };
    let found = audit(&m, &b);
    assert!(found.iter().any(|d| matches!(d,
        Discrepancy::Tally { round: 1, recorded, derived, .. }
            if recorded.agree == 1 && derived.agree == 4)));
}

#[test]
fn an_opinion_changed_with_its_tally_fixed_is_found_by_the_result() {
    let (mut m, b) = read(DECIDED);
    let r = round(&mut m);
    for v in r.opinions.iter_mut().take(3) {
        v.opinion = Opinion::Disagree;
    }
    r.tally = tally_of(&r.opinions);
    // Three agree of six entitled is not more than half: the round did not pass.
    let found = audit(&m, &b);
    assert!(found.contains(&Discrepancy::Passed {
        case: "2026-005".into(),
        round: 1,
        recorded: Some(true),
        derived: false,
    }));
    assert!(!found.iter().any(|d| matches!(d, Discrepancy::Tally { .. })));
}

#[test]
fn a_pass_without_the_quorum_is_found() {
    let (mut m, b) = read(DECIDED);
    let a = round(&mut m).arithmetic.as_mut().expect("closed");
    // Two of six present, yet the record says the quorum held and the round passed.
    a.present = 2;
    a.present_entitled = 2;
    let found = audit(&m, &b);
    assert!(found.iter().any(|d| matches!(
        d,
        Discrepancy::CaseQuorum {
            recorded_met: true,
            derived_met: false,
            ..
        }
    )));
    assert!(found.iter().any(|d| matches!(
        d,
        Discrepancy::Passed {
            recorded: Some(true),
            derived: false,
            ..
        }
    )));
    // The attendance never had only two in the room.
    assert!(found.iter().any(|d| matches!(
        d,
        Discrepancy::Present {
            figure: Presence::Present,
            recorded: 2,
            least: 6,
            most: 6,
            ..
        }
    )));
}

#[test]
fn a_determination_other_than_the_passed_proposal_is_found() {
    let (mut m, b) = read(DECIDED);
    m.cases[0].determinations[0].outcome = "not_tolerate".into();
    let found = audit(&m, &b);
    assert!(found.contains(&Discrepancy::Determination {
        case: "2026-005".into(),
        version: 1,
        fault: DeterminationFault::OutcomeDiffers {
            round: 1,
            recorded: "not_tolerate".into(),
            proposed: "tolerate".into(),
        },
    }));
}

#[test]
fn a_determination_on_a_void_round_not_withdrawn_is_found() {
    let (mut m, b) = read(RECONSIDERED);
    m.cases[0].determinations[0].withdrawn = None;
    let found = audit(&m, &b);
    assert_eq!(
        found,
        [Discrepancy::Determination {
            case: "2026-001".into(),
            version: 1,
            fault: DeterminationFault::RoundVoid(1),
        }]
    );
}

#[test]
fn a_withdrawal_without_the_void_is_found() {
    let (mut m, b) = read(DECIDED);
    m.cases[0].determinations[0].withdrawn = Some(Withdrawal {
        at: "2026-11-20T09:14:00+08:00".into(),
        round: 1,
        reason: "forged".into(),
    });
    assert!(audit(&m, &b).contains(&Discrepancy::Determination {
        case: "2026-005".into(),
        version: 1,
        fault: DeterminationFault::WithdrawnRoundNotVoid(1),
    }));
}

#[test]
fn a_deferral_on_a_round_and_a_decision_on_none_are_found() {
    let (mut m, b) = read(DECIDED);
    m.cases[0].rounds[0].proposal.outcome = "defer".into();
    m.cases[0].determinations[0].outcome = "defer".into();
    assert!(audit(&m, &b).iter().any(|d| matches!(
        d,
        Discrepancy::Determination {
            fault: DeterminationFault::DeferralWithRound(1),
            ..
        }
    )));
    let (mut m, b) = read(DECIDED);
    m.cases[0].determinations[0].round = None;
    assert!(audit(&m, &b).iter().any(|d| matches!(
        d,
        Discrepancy::Determination {
            fault: DeterminationFault::NoRound,
            ..
        }
    )));
}

#[test]
fn a_reconsideration_without_a_majority_is_found() {
    let (mut m, b) = read(RECONSIDERED);
    let c = m.cases[1].reconsideration.as_mut().expect("consent");
    c.agree = 3;
    c.members.truncate(3);
    assert_eq!(
        audit(&m, &b),
        [Discrepancy::Reconsideration {
            case: "2026-005".into(),
            fault: ReconsiderationFault::NotAgreed { agree: 3, of: 6 },
        }]
    );
    let c = m.cases[1].reconsideration.as_mut().expect("consent");
    c.agree = 5;
    assert!(audit(&m, &b).iter().any(|d| matches!(
        d,
        Discrepancy::Reconsideration {
            fault: ReconsiderationFault::Members {
                listed: 3,
                agree: 5
            },
            ..
        }
    )));
}

#[test]
fn opinions_from_the_recused_the_absent_and_the_clerk_are_found() {
    let (mut m, b) = read(DECIDED);
    // li-hong left before the round closed, yet her opinion counted.
    m.attendance.present.retain(|x| x != "li-hong");
    m.attendance
        .movements
        .push(docket::domain::meeting::Movement {
            at: "2026-11-20T09:05:00+08:00".into(),
            member: "li-hong".into(),
            arrived: false,
            reason: String::new(),
        });
    let r = round(&mut m);
    r.opinions.push(Vote {
        member: "sun-li".into(),
        opinion: Opinion::Agree,
    });
    r.arithmetic.as_mut().expect("closed").recused = vec!["zhang-wei".into()];
    let found = audit(&m, &b);
    for (kind, member) in [
        ("absent", "li-hong"),
        ("non-voting", "sun-li"),
        ("recused", "zhang-wei"),
    ] {
        let hit = found.iter().any(|d| match d {
            Discrepancy::OpinionFromAbsent { member: x, .. } => kind == "absent" && x == member,
            Discrepancy::OpinionFromNonVoting { member: x, .. } => {
                kind == "non-voting" && x == member
            }
            Discrepancy::OpinionFromRecused { member: x, .. } => kind == "recused" && x == member,
            _ => false,
        });
        assert!(hit, "{kind} {member} not found in {found:?}");
    }
    assert!(
        found
            .iter()
            .any(|d| matches!(d, Discrepancy::RecusalNotRecorded { .. }))
    );
}

#[test]
fn secret_counts_above_the_room_and_names_in_a_secret_round_are_found() {
    let (mut m, b) = read(DECIDED);
    let r = round(&mut m);
    r.method = Method::Secret;
    r.tally = Tally {
        agree: 7,
        ..Tally::default()
    };
    let found = audit(&m, &b);
    assert!(
        found
            .iter()
            .any(|d| matches!(d, Discrepancy::SecretNamed { .. }))
    );
    assert!(found.iter().any(|d| matches!(
        d,
        Discrepancy::SecretCountsExceed {
            total: 7,
            present_entitled: 6,
            ..
        }
    )));
}

#[test]
fn a_forged_meeting_quorum_is_found() {
    let (m, mut b) = read(DECIDED);
    if let Some(q) = b.quorum.as_mut() {
        q.present = 3;
    }
    assert!(
        audit(&m, &b)
            .iter()
            .any(|d| matches!(d, Discrepancy::MeetingQuorum { .. }))
    );
}

#[test]
fn a_movement_at_the_moment_of_closing_leaves_presence_open() {
    let (mut m, b) = read(DECIDED);
    let close = round(&mut m).closed_at.clone().expect("closed");
    m.attendance.present.retain(|x| x != "li-hong");
    m.attendance
        .movements
        .push(docket::domain::meeting::Movement {
            at: close,
            member: "li-hong".into(),
            arrived: false,
            reason: String::new(),
        });
    // Whether she left before or after the close cannot be told: nothing is reported.
    assert_eq!(
        audit(&m, &b),
        [Discrepancy::MeetingQuorum {
            recorded: QuorumFigures {
                voting: 6,
                present: 6,
                needed: 4,
                met: true
            },
            derived: QuorumFigures {
                voting: 6,
                present: 5,
                needed: 4,
                met: true
            },
        }]
    );
}
