//! Every discrepancy and fault worded in both languages, with what a file holds escaped.

use super::*;
use crate::domain::audit::{DeterminationFault, Presence, ReconsiderationFault};
use crate::domain::pass_rule::PassRule;

const ESC: &str = "\u{1b}[2J";

/// One of every discrepancy and fault, naming `case`, and `x` for every other text from a
/// file.
fn every(case: &str, x: &str) -> Vec<Discrepancy> {
    use DeterminationFault as F;
    use Discrepancy as D;
    use ReconsiderationFault as R;
    let c = || case.to_string();
    let s = || x.to_string();
    let figures = QuorumFigures {
        voting: 6,
        present: 6,
        needed: 4,
        met: true,
    };
    let mut all = vec![
        D::MeetingFraction { recorded: s() },
        D::MeetingQuorum {
            recorded: figures,
            derived: QuorumFigures {
                present: 3,
                met: false,
                ..figures
            },
        },
        D::RoundNumber {
            case: c(),
            position: 2,
            recorded: 3,
        },
        D::RoundOpenAfterClose {
            case: c(),
            round: 1,
        },
        D::Tally {
            case: c(),
            round: 1,
            recorded: Tally::default(),
            derived: Tally {
                agree: 4,
                ..Tally::default()
            },
        },
        D::SecretNamed {
            case: c(),
            round: 1,
        },
        D::SecretCountsExceed {
            case: c(),
            round: 1,
            total: 7,
            present_entitled: 6,
        },
        D::OpinionCount {
            case: c(),
            round: 1,
            opinions: 5,
            present_entitled: 6,
        },
        D::Voting {
            case: c(),
            round: 1,
            recorded: 7,
            derived: 6,
        },
        D::Entitled {
            case: c(),
            round: 1,
            recorded: 4,
            derived: 5,
        },
        D::Counts {
            case: c(),
            round: 1,
            voting: 6,
            entitled: 5,
            present: 7,
            present_entitled: 4,
        },
        D::RoundFraction {
            case: c(),
            round: 1,
            recorded: s(),
        },
        D::CaseQuorum {
            case: c(),
            round: 1,
            recorded_needed: 4,
            recorded_met: true,
            derived_needed: 4,
            derived_met: false,
        },
        D::Needed {
            case: c(),
            round: 1,
            rule: PassRule::MoreThanHalfOfEntitled,
            recorded_base: 6,
            recorded_needed: 3,
            derived_base: 6,
            derived_needed: 4,
        },
        D::QuorumLost {
            case: c(),
            round: 1,
            present_entitled: 5,
            needed: 4,
        },
    ];
    for (closed, arithmetic, passed) in [
        (true, false, None),
        (true, true, None),
        (false, false, Some(true)),
        (false, true, Some(false)),
        (false, true, None),
    ] {
        all.push(D::RoundState {
            case: c(),
            round: 1,
            closed,
            arithmetic,
            passed,
        });
    }
    for (recorded, derived) in [(Some(true), false), (Some(false), true), (None, true)] {
        all.push(D::Passed {
            case: c(),
            round: 1,
            recorded,
            derived,
        });
    }
    for figure in [Presence::Present, Presence::PresentEntitled] {
        for (least, most) in [(6, 6), (5, 6)] {
            all.push(D::Present {
                case: c(),
                round: 1,
                figure,
                recorded: 2,
                least,
                most,
            });
        }
    }
    type Named = fn(String, u32, String) -> Discrepancy;
    let named: [Named; 6] = [
        |case, round, member| D::DuplicateOpinion {
            case,
            round,
            member,
        },
        |case, round, member| D::OpinionFromNonVoting {
            case,
            round,
            member,
        },
        |case, round, member| D::OpinionFromRecused {
            case,
            round,
            member,
        },
        |case, round, member| D::OpinionFromAbsent {
            case,
            round,
            member,
        },
        |case, round, member| D::RecusalNotRecorded {
            case,
            round,
            member,
        },
        |case, round, member| D::RecusalOmitted {
            case,
            round,
            member,
        },
    ];
    all.extend(named.iter().map(|f| f(c(), 1, s())));
    let faults = [
        F::NoSuchRound(2),
        F::RoundNotPassed(1),
        F::RoundVoid(1),
        F::OutcomeDiffers {
            round: 1,
            recorded: s(),
            proposed: s(),
        },
        F::DeferralWithRound(1),
        F::NoRound,
        F::WithdrawnWithoutRound,
        F::WithdrawnByOtherRound {
            rests_on: 1,
            withdrawn_by: 2,
        },
        F::WithdrawnRoundNotVoid(1),
    ];
    all.extend(faults.into_iter().map(|fault| D::Determination {
        case: c(),
        version: 2,
        fault,
    }));
    let faults = [
        R::NotAgreed { agree: 3, of: 6 },
        R::OverPresent {
            agree: 5,
            present: 4,
        },
        R::Of {
            recorded: 7,
            derived: 6,
        },
        R::Members {
            listed: 3,
            agree: 5,
        },
        R::DuplicateMember(s()),
        R::MemberNotVoting(s()),
        R::MemberRecused(s()),
        R::SecretNamed,
    ];
    all.extend(
        faults
            .into_iter()
            .map(|fault| D::Reconsideration { case: c(), fault }),
    );
    all
}

/// The case a discrepancy names; the match has no catch-all, so a new variant must be
/// added to `every` and here.
fn case_of(d: &Discrepancy) -> Option<&str> {
    use Discrepancy as D;
    match d {
        D::MeetingFraction { .. } | D::MeetingQuorum { .. } => None,
        D::RoundNumber { case, .. }
        | D::RoundState { case, .. }
        | D::RoundOpenAfterClose { case, .. }
        | D::Tally { case, .. }
        | D::DuplicateOpinion { case, .. }
        | D::OpinionFromNonVoting { case, .. }
        | D::OpinionFromRecused { case, .. }
        | D::OpinionFromAbsent { case, .. }
        | D::SecretNamed { case, .. }
        | D::SecretCountsExceed { case, .. }
        | D::OpinionCount { case, .. }
        | D::Voting { case, .. }
        | D::RecusalNotRecorded { case, .. }
        | D::RecusalOmitted { case, .. }
        | D::Entitled { case, .. }
        | D::Present { case, .. }
        | D::Counts { case, .. }
        | D::RoundFraction { case, .. }
        | D::CaseQuorum { case, .. }
        | D::Needed { case, .. }
        | D::Passed { case, .. }
        | D::QuorumLost { case, .. }
        | D::Determination { case, .. }
        | D::Reconsideration { case, .. } => Some(case),
    }
}

#[test]
fn every_discrepancy_is_worded_in_both_languages_with_its_case() {
    let all = every("2026-003", "li-hong");
    assert_eq!(all.len(), 50);
    for d in &all {
        for lang in [Lang::En, Lang::Zh] {
            let s = discrepancy(d, lang);
            assert!(!s.trim().is_empty(), "{d:?} in {lang:?}");
            assert!(!s.ends_with('.') && !s.ends_with('。'), "{s}");
            if let Some(case) = case_of(d) {
                assert!(s.contains(case), "{s} does not name {case}");
            }
        }
        assert_ne!(discrepancy(d, Lang::En), discrepancy(d, Lang::Zh));
    }
}

#[test]
fn texts_from_the_file_are_escaped() {
    for d in every(ESC, ESC) {
        for lang in [Lang::En, Lang::Zh] {
            let s = discrepancy(&d, lang);
            assert!(!s.contains('\u{1b}'), "raw ESC in {s:?}");
            if case_of(&d).is_some() {
                assert!(s.contains("\\u{1b}[2J"), "{s:?}");
            }
        }
    }
}

#[test]
fn a_tally_says_both_counts() {
    let d = Discrepancy::Tally {
        case: "2026-003".into(),
        round: 2,
        recorded: Tally {
            agree: 1,
            ..Tally::default()
        },
        derived: Tally {
            agree: 4,
            ..Tally::default()
        },
    };
    assert_eq!(
        discrepancy(&d, Lang::En),
        "case 2026-003, round 2: the tally says agree 1, disagree 0, defer 0, abstain 0; \
         its opinions give agree 4, disagree 0, defer 0, abstain 0"
    );
    assert_eq!(
        discrepancy(&d, Lang::Zh),
        "案件 2026-003 第2轮：计票记为同意1、不同意0、缓议0、弃权0，\
         按所记意见应为同意4、不同意0、缓议0、弃权0"
    );
}

#[test]
fn a_result_names_what_is_recorded_and_what_is_derived() {
    let d = Discrepancy::Passed {
        case: "2026-005".into(),
        round: 1,
        recorded: Some(true),
        derived: false,
    };
    let en = discrepancy(&d, Lang::En);
    assert!(en.contains("recorded as passed") && en.ends_with("give not passed"));
    let zh = discrepancy(&d, Lang::Zh);
    assert!(zh.contains("记为通过") && zh.ends_with("应为未通过"));
}
