//! Re-deriving a meeting's results from what its record holds: tallies, pass results, quorums, standing determinations.
//!
//! Digests only say that the minutes are as they were sealed; whoever seals them can also
//! forge them. The audit therefore recomputes every result the minutes state from the inputs
//! they record, with the same arithmetic (`pass_rule::verdict`, `CaseCounts`, `tally::tally_of`)
//! the meeting used, and reports each disagreement as a typed [`Discrepancy`]. It reads the
//! rule and quorum fraction each round recorded, never the panel's current rules.
//!
//! Checked, for every round (void rounds included: their figures were still stated):
//! - numbering: the n-th round is round n; a round is either open, closed with a result and
//!   its arithmetic, or void; no round is open in a closed meeting;
//! - opinions: one per member, only from voting members of the panel as recorded, never from
//!   a member the round lists as recused (nor, in a round that stands, from any member recused
//!   from the case), never from a member whom the attendance movements show absent at close;
//! - the tally of an open method is its opinions counted; a secret ballot names nobody and
//!   its counts never exceed the members present and entitled;
//! - a closed round's figures: V is the panel's voting members; the recused it lists are
//!   recusals of the case, and every recusal listed with the case file is among them; E is V
//!   minus those recused; P and PE agree with the attendance replayed to the moment of closing
//!   (a range when a movement shares that moment); the figures hold together (PE ≤ P ≤ V,
//!   PE ≤ E); an open method closes only when every member present and entitled spoke, so its
//!   opinions number PE;
//! - the case quorum (needed, met) from the round's recorded fraction and E, PE; the base and
//!   the number needed from its recorded rule; the result from the quorum and the tally;
//! - a quorum said lost mid-round is below what it needed.
//!
//! Checked for determinations: every version not withdrawn rests on an existing, non-void
//! round that passed and whose proposal is its outcome, or on no round; with the rules'
//! deferrals known, a deferral rests on no round and any other outcome on one. A withdrawn
//! version names the round it rested on, and that round is void.
//!
//! Checked for a reconsideration: agree·2 > V, agree ≤ the voting members present, V is the
//! panel's, and an open method lists exactly the agreeing members (distinct, voting, not
//! recused with the case file); a secret one lists nobody.
//!
//! Checked for the meeting: the quorum stated for it, from the panel and the attendance.
//!
//! Not checked, because the record does not hold enough to re-derive it: that the case had
//! its quorum when a round opened (the fraction is recorded only at close); whether the
//! presiding member spoke last (the rule is in the rules, not the record); whether a
//! determination rested on the newest round passing when it was made; the findings and the
//! override reason of a lenient outcome (they need the rules' texts); the room's presence
//! when a consent to reconsider was given; secret counts beyond their sum. Figures a record
//! does not hold (older schemas: no arithmetic, no method of consent) are skipped, not failed.

use super::meeting::Meeting;
use super::panel::{Panel, Role};
use super::pass_rule::PassRule;
use super::quorum::{Fraction, meeting_quorum};
use super::rules::Rules;
use super::tally::Tally;

mod determination;
mod round;
mod timeline;

use determination::{audit_determinations, audit_reconsideration};
use round::audit_round;
use timeline::Timeline;

/// A member of the panel as the minutes recorded it, and whether they vote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seat {
    pub member: String,
    pub votes: bool,
}

impl Seat {
    /// A member as the minutes record them: a role id; one not known does not vote.
    pub fn recorded(member: &str, role: &str) -> Seat {
        Seat {
            member: member.to_string(),
            votes: Role::from_id(role).is_some_and(Role::votes),
        }
    }
}

/// The outcomes of `rules` that are deferrals, as (kind, outcome).
pub fn deferrals(rules: &Rules) -> Vec<(String, String)> {
    rules
        .kinds
        .iter()
        .flat_map(|k| {
            k.outcomes
                .iter()
                .filter(|o| o.deferral)
                .map(|o| (k.id.clone(), o.id.clone()))
        })
        .collect()
}

/// The meeting's quorum as the minutes state it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatedQuorum {
    pub fraction: String,
    pub voting: u32,
    pub present: u32,
    pub needed: u32,
    pub met: bool,
}

/// What a meeting is audited against besides itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Basis {
    /// The panel as it sat at the meeting.
    pub seats: Vec<Seat>,
    /// The meeting quorum the minutes state, when they state one.
    pub quorum: Option<StatedQuorum>,
    /// The outcomes that are deferrals, as (kind, outcome); `None` when the rules the meeting
    /// applied are not known, and then whether an outcome needed a round is not checked.
    pub deferrals: Option<Vec<(String, String)>>,
}

impl Basis {
    /// The basis a panel gives: its members, and the deferrals of its rules.
    pub fn of_panel(panel: &Panel) -> Basis {
        Basis {
            seats: panel
                .members
                .iter()
                .map(|m| Seat {
                    member: m.id.clone(),
                    votes: m.role.votes(),
                })
                .collect(),
            quorum: None,
            deferrals: Some(deferrals(&panel.rules)),
        }
    }

    fn votes(&self, member: &str) -> bool {
        self.seats.iter().any(|s| s.member == member && s.votes)
    }

    fn voting(&self) -> u32 {
        self.seats.iter().filter(|s| s.votes).count() as u32
    }

    fn is_deferral(&self, kind: &str, outcome: &str) -> Option<bool> {
        self.deferrals
            .as_ref()
            .map(|d| d.iter().any(|(k, o)| k == kind && o == outcome))
    }
}

/// The quorum figures of the meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuorumFigures {
    pub voting: u32,
    pub present: u32,
    pub needed: u32,
    pub met: bool,
}

/// Which presence figure of a round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// P: voting members present.
    Present,
    /// PE: present and not recused.
    PresentEntitled,
}

/// What is wrong with a version of a determination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeterminationFault {
    /// It rests on a round the case does not have.
    NoSuchRound(u32),
    /// It rests on a round that did not pass.
    RoundNotPassed(u32),
    /// It rests on a void round yet is not withdrawn.
    RoundVoid(u32),
    /// Its outcome is not the proposal of the round it rests on.
    OutcomeDiffers {
        round: u32,
        recorded: String,
        proposed: String,
    },
    /// A deferral resting on a round.
    DeferralWithRound(u32),
    /// An outcome other than a deferral resting on no round.
    NoRound,
    /// Withdrawn, yet it rested on no round (only a void round withdraws a determination).
    WithdrawnWithoutRound,
    /// Withdrawn by the void of a round other than the one it rested on.
    WithdrawnByOtherRound { rests_on: u32, withdrawn_by: u32 },
    /// Withdrawn, yet the round it rested on is not void (or does not exist).
    WithdrawnRoundNotVoid(u32),
}

/// What is wrong with a consent to reconsider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReconsiderationFault {
    /// agree·2 ≤ V.
    NotAgreed {
        agree: u32,
        of: u32,
    },
    /// More agreeing than voting members present.
    OverPresent {
        agree: u32,
        present: u32,
    },
    /// V recorded is not the panel's voting members.
    Of {
        recorded: u32,
        derived: u32,
    },
    /// An open method lists another number of members than agreed.
    Members {
        listed: u32,
        agree: u32,
    },
    DuplicateMember(String),
    MemberNotVoting(String),
    MemberRecused(String),
    /// A secret consent names members.
    SecretNamed,
}

/// One disagreement between what the minutes state and what their own record derives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Discrepancy {
    /// The meeting quorum's fraction cannot be read.
    MeetingFraction { recorded: String },
    /// The meeting quorum stated is not the one the panel and the attendance give.
    MeetingQuorum {
        recorded: QuorumFigures,
        derived: QuorumFigures,
    },
    /// The round at `position` (from 1) carries another number.
    RoundNumber {
        case: String,
        position: u32,
        recorded: u32,
    },
    /// Closed without a result or arithmetic, or a result on a round never closed.
    RoundState {
        case: String,
        round: u32,
        closed: bool,
        arithmetic: bool,
        passed: Option<bool>,
    },
    /// A round still open in a closed meeting.
    RoundOpenAfterClose { case: String, round: u32 },
    /// The tally of an open method is not its opinions counted.
    Tally {
        case: String,
        round: u32,
        recorded: Tally,
        derived: Tally,
    },
    DuplicateOpinion {
        case: String,
        round: u32,
        member: String,
    },
    /// An opinion from someone who is not a voting member of the panel.
    OpinionFromNonVoting {
        case: String,
        round: u32,
        member: String,
    },
    OpinionFromRecused {
        case: String,
        round: u32,
        member: String,
    },
    /// An opinion from a member the attendance shows absent when the round closed.
    OpinionFromAbsent {
        case: String,
        round: u32,
        member: String,
    },
    /// A secret ballot that names members.
    SecretNamed { case: String, round: u32 },
    /// Secret counts above the members present and entitled.
    SecretCountsExceed {
        case: String,
        round: u32,
        total: u32,
        present_entitled: u32,
    },
    /// An open method closed with another number of opinions than members present and entitled.
    OpinionCount {
        case: String,
        round: u32,
        opinions: u32,
        present_entitled: u32,
    },
    /// V is not the panel's voting members.
    Voting {
        case: String,
        round: u32,
        recorded: u32,
        derived: u32,
    },
    /// A member the round lists as recused has no recusal for the case.
    RecusalNotRecorded {
        case: String,
        round: u32,
        member: String,
    },
    /// A recusal listed with the case file that the round does not list.
    RecusalOmitted {
        case: String,
        round: u32,
        member: String,
    },
    /// E is not V minus the recused.
    Entitled {
        case: String,
        round: u32,
        recorded: u32,
        derived: u32,
    },
    /// P or PE is not what the attendance, replayed to the close, gives (`least..=most`).
    Present {
        case: String,
        round: u32,
        figure: Presence,
        recorded: u32,
        least: u32,
        most: u32,
    },
    /// Figures that cannot hold together: PE ≤ P ≤ V, PE ≤ E ≤ V, P − PE ≤ V − E.
    Counts {
        case: String,
        round: u32,
        voting: u32,
        entitled: u32,
        present: u32,
        present_entitled: u32,
    },
    /// The round's quorum fraction cannot be read.
    RoundFraction {
        case: String,
        round: u32,
        recorded: String,
    },
    /// The case quorum is not what the recorded fraction gives of E and PE.
    CaseQuorum {
        case: String,
        round: u32,
        recorded_needed: u32,
        recorded_met: bool,
        derived_needed: u32,
        derived_met: bool,
    },
    /// The base or the number needed is not what the recorded rule gives.
    Needed {
        case: String,
        round: u32,
        rule: PassRule,
        recorded_base: u32,
        recorded_needed: u32,
        derived_base: u32,
        derived_needed: u32,
    },
    /// The result is not what the quorum, the rule and the tally give.
    Passed {
        case: String,
        round: u32,
        recorded: Option<bool>,
        derived: bool,
    },
    /// A quorum said lost, with figures that meet it.
    QuorumLost {
        case: String,
        round: u32,
        present_entitled: u32,
        needed: u32,
    },
    /// A version (from 1) of the case's determination.
    Determination {
        case: String,
        version: u32,
        fault: DeterminationFault,
    },
    Reconsideration {
        case: String,
        fault: ReconsiderationFault,
    },
}

/// Every discrepancy between what `meeting` states and what its record derives; empty for
/// every meeting docket itself records.
pub fn audit(meeting: &Meeting, basis: &Basis) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    if let Some(q) = &basis.quorum {
        audit_meeting_quorum(meeting, basis, q, &mut out);
    }
    let attendance = Timeline::of(meeting);
    for r in &meeting.cases {
        for (i, round) in r.rounds.iter().enumerate() {
            let position = i as u32 + 1;
            if round.number != position {
                out.push(Discrepancy::RoundNumber {
                    case: r.case.clone(),
                    position,
                    recorded: round.number,
                });
            }
            if meeting.closed_at.is_some() && round.is_open() {
                out.push(Discrepancy::RoundOpenAfterClose {
                    case: r.case.clone(),
                    round: round.number,
                });
            }
            audit_round(r, round, basis, attendance.as_ref(), &mut out);
        }
        audit_determinations(r, basis, &mut out);
        audit_reconsideration(r, basis, &mut out);
    }
    out
}

fn audit_meeting_quorum(
    meeting: &Meeting,
    basis: &Basis,
    q: &StatedQuorum,
    out: &mut Vec<Discrepancy>,
) {
    let Ok(fraction) = q.fraction.parse::<Fraction>() else {
        out.push(Discrepancy::MeetingFraction {
            recorded: q.fraction.clone(),
        });
        return;
    };
    let present = basis
        .seats
        .iter()
        .filter(|s| s.votes && meeting.is_present(&s.member))
        .count() as u32;
    let d = meeting_quorum(basis.voting(), present, fraction);
    let derived = QuorumFigures {
        voting: d.of,
        present: d.present,
        needed: d.needed,
        met: d.met,
    };
    let recorded = QuorumFigures {
        voting: q.voting,
        present: q.present,
        needed: q.needed,
        met: q.met,
    };
    if recorded != derived {
        out.push(Discrepancy::MeetingQuorum { recorded, derived });
    }
}
