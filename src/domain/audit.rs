//! Re-deriving a meeting's results from what its record holds: tallies, pass results, quorums, standing determinations.
//!
//! Digests only say that the minutes are as they were sealed; whoever seals them can also
//! forge them. The audit therefore recomputes every result the minutes state from the inputs
//! they record, with the same arithmetic (`quorum::verdict`, `CaseCounts`, `vote::tally_of`)
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

use std::collections::BTreeMap;

use super::meeting::{CaseRecord, Meeting, Round};
use super::panel::{Panel, Role};
use super::quorum::{CaseCounts, Fraction, PassRule, Tally, meeting_quorum, verdict};
use super::rules::Rules;
use super::vote::tally_of;

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

fn audit_round(
    r: &CaseRecord,
    round: &Round,
    basis: &Basis,
    attendance: Option<&Timeline>,
    out: &mut Vec<Discrepancy>,
) {
    let case = || r.case.clone();
    let n = round.number;
    let closed = round.closed_at.is_some();
    let a = round.arithmetic.as_ref();
    // Closing sets the time, the arithmetic and the result in one step; voiding an open round
    // sets none of them. Older minutes without arithmetic are read as they are.
    if closed != round.passed.is_some() || (!closed && a.is_some()) {
        out.push(Discrepancy::RoundState {
            case: case(),
            round: n,
            closed,
            arithmetic: a.is_some(),
            passed: round.passed,
        });
    }
    // Who was in the room when the round closed, as far as the movements tell.
    let room = match (attendance, &round.closed_at) {
        (Some(t), Some(at)) => t.at(at),
        _ => None,
    };
    let stands = round.void.is_none();
    let mut seen: Vec<&str> = Vec::new();
    for v in &round.opinions {
        let m = v.member.as_str();
        let who = || v.member.clone();
        if seen.contains(&m) {
            out.push(Discrepancy::DuplicateOpinion {
                case: case(),
                round: n,
                member: who(),
            });
            continue;
        }
        seen.push(m);
        if !basis.votes(m) {
            out.push(Discrepancy::OpinionFromNonVoting {
                case: case(),
                round: n,
                member: who(),
            });
        }
        // A recusal is declared only with no round open and never by a member whose opinion
        // a standing round counts; a closed round lists the recused it excluded.
        let listed = a.is_some_and(|a| a.recused.iter().any(|x| x == m));
        if listed || (stands && r.is_recused(m)) {
            out.push(Discrepancy::OpinionFromRecused {
                case: case(),
                round: n,
                member: who(),
            });
        }
        if closed && room.as_ref().is_some_and(|p| p.get(m) == Some(&State::Out)) {
            out.push(Discrepancy::OpinionFromAbsent {
                case: case(),
                round: n,
                member: who(),
            });
        }
    }
    let secret = round.method.is_secret();
    if secret {
        let named = !round.opinions.is_empty()
            || !round.corrections.is_empty()
            || !round.withdrawn.is_empty();
        if named {
            out.push(Discrepancy::SecretNamed {
                case: case(),
                round: n,
            });
        }
    } else {
        let derived = tally_of(&round.opinions);
        if derived != round.tally {
            out.push(Discrepancy::Tally {
                case: case(),
                round: n,
                recorded: round.tally,
                derived,
            });
        }
    }
    if let Some(lost) = &round.quorum_lost
        && lost.present_entitled >= lost.needed
    {
        out.push(Discrepancy::QuorumLost {
            case: case(),
            round: n,
            present_entitled: lost.present_entitled,
            needed: lost.needed,
        });
    }
    let Some(a) = a.filter(|_| closed) else {
        return;
    };
    // The tally the result must follow: counted from the opinions for an open method.
    let tally = if secret {
        round.tally
    } else {
        tally_of(&round.opinions)
    };
    let voting = basis.voting();
    if a.voting != voting {
        out.push(Discrepancy::Voting {
            case: case(),
            round: n,
            recorded: a.voting,
            derived: voting,
        });
    }
    for m in &a.recused {
        if !r.is_recused(m) {
            out.push(Discrepancy::RecusalNotRecorded {
                case: case(),
                round: n,
                member: m.clone(),
            });
        }
    }
    // Recusals from the case file are there from the take-up; declared ones may come later.
    for x in r.recusals.iter().filter(|x| !x.declared) {
        if !a.recused.contains(&x.member) {
            out.push(Discrepancy::RecusalOmitted {
                case: case(),
                round: n,
                member: x.member.clone(),
            });
        }
    }
    let recused: Vec<&str> = dedup(
        a.recused
            .iter()
            .map(String::as_str)
            .filter(|m| basis.votes(m)),
    );
    let entitled = voting.saturating_sub(recused.len() as u32);
    if a.entitled != entitled {
        out.push(Discrepancy::Entitled {
            case: case(),
            round: n,
            recorded: a.entitled,
            derived: entitled,
        });
    }
    if let Some(room) = &room {
        let range = |f: &dyn Fn(&str) -> bool| {
            let mut least = 0;
            let mut most = 0;
            for s in basis.seats.iter().filter(|s| s.votes && f(&s.member)) {
                match room.get(s.member.as_str()) {
                    Some(State::In) => {
                        least += 1;
                        most += 1;
                    }
                    Some(State::Unsure) => most += 1,
                    _ => {}
                }
            }
            (least, most)
        };
        let figures = [
            (Presence::Present, a.present, range(&|_| true)),
            (
                Presence::PresentEntitled,
                a.present_entitled,
                range(&|m| !recused.contains(&m)),
            ),
        ];
        for (figure, recorded, (least, most)) in figures {
            if recorded < least || recorded > most {
                out.push(Discrepancy::Present {
                    case: case(),
                    round: n,
                    figure,
                    recorded,
                    least,
                    most,
                });
            }
        }
    }
    let holds = a.present_entitled <= a.present
        && a.present <= a.voting
        && a.entitled <= a.voting
        && a.present_entitled <= a.entitled
        && a.present - a.present_entitled <= a.voting - a.entitled;
    if !holds {
        out.push(Discrepancy::Counts {
            case: case(),
            round: n,
            voting: a.voting,
            entitled: a.entitled,
            present: a.present,
            present_entitled: a.present_entitled,
        });
    }
    if secret {
        if tally.total() > a.present_entitled {
            out.push(Discrepancy::SecretCountsExceed {
                case: case(),
                round: n,
                total: tally.total(),
                present_entitled: a.present_entitled,
            });
        }
    } else if round.opinions.len() as u32 != a.present_entitled {
        out.push(Discrepancy::OpinionCount {
            case: case(),
            round: n,
            opinions: round.opinions.len() as u32,
            present_entitled: a.present_entitled,
        });
    }
    let Ok(fraction) = a.quorum.parse::<Fraction>() else {
        out.push(Discrepancy::RoundFraction {
            case: case(),
            round: n,
            recorded: a.quorum.clone(),
        });
        return;
    };
    if !holds {
        // Figures that contradict each other give no arithmetic to compare against.
        return;
    }
    // The recorded figures, taken as they are: each is checked against the record above.
    let counts = CaseCounts::new(
        a.voting,
        a.present,
        a.voting - a.entitled,
        a.present - a.present_entitled,
    );
    let q = counts.quorum(fraction);
    if q.needed != a.quorum_needed || q.met != a.quorum_met {
        out.push(Discrepancy::CaseQuorum {
            case: case(),
            round: n,
            recorded_needed: a.quorum_needed,
            recorded_met: a.quorum_met,
            derived_needed: q.needed,
            derived_met: q.met,
        });
    }
    let v = verdict(a.rule, &counts, fraction, &tally);
    if v.base != a.base || v.needed != a.needed {
        out.push(Discrepancy::Needed {
            case: case(),
            round: n,
            rule: a.rule,
            recorded_base: a.base,
            recorded_needed: a.needed,
            derived_base: v.base,
            derived_needed: v.needed,
        });
    }
    if round.passed != Some(v.passed) {
        out.push(Discrepancy::Passed {
            case: case(),
            round: n,
            recorded: round.passed,
            derived: v.passed,
        });
    }
}

fn audit_determinations(r: &CaseRecord, basis: &Basis, out: &mut Vec<Discrepancy>) {
    let round = |n: u32| r.rounds.iter().find(|x| x.number == n);
    for (i, d) in r.determinations.iter().enumerate() {
        let mut fault = |fault| {
            out.push(Discrepancy::Determination {
                case: r.case.clone(),
                version: i as u32 + 1,
                fault,
            });
        };
        if let Some(w) = &d.withdrawn {
            // Only voiding the round a determination rests on withdraws it.
            match d.round {
                None => fault(DeterminationFault::WithdrawnWithoutRound),
                Some(n) if n != w.round => fault(DeterminationFault::WithdrawnByOtherRound {
                    rests_on: n,
                    withdrawn_by: w.round,
                }),
                Some(n) if round(n).is_none_or(|x| x.void.is_none()) => {
                    fault(DeterminationFault::WithdrawnRoundNotVoid(n))
                }
                Some(_) => {}
            }
            continue;
        }
        let deferral = basis.is_deferral(&r.kind, &d.outcome);
        let Some(n) = d.round else {
            if deferral == Some(false) {
                fault(DeterminationFault::NoRound);
            }
            continue;
        };
        if deferral == Some(true) {
            fault(DeterminationFault::DeferralWithRound(n));
        }
        let Some(x) = round(n) else {
            fault(DeterminationFault::NoSuchRound(n));
            continue;
        };
        if x.void.is_some() {
            fault(DeterminationFault::RoundVoid(n));
        }
        if x.passed != Some(true) {
            fault(DeterminationFault::RoundNotPassed(n));
        }
        if x.proposal.outcome != d.outcome {
            fault(DeterminationFault::OutcomeDiffers {
                round: n,
                recorded: d.outcome.clone(),
                proposed: x.proposal.outcome.clone(),
            });
        }
    }
}

fn audit_reconsideration(r: &CaseRecord, basis: &Basis, out: &mut Vec<Discrepancy>) {
    let Some(c) = &r.reconsideration else {
        return;
    };
    let mut fault = |fault| {
        out.push(Discrepancy::Reconsideration {
            case: r.case.clone(),
            fault,
        });
    };
    if u64::from(c.agree) * 2 <= u64::from(c.of) {
        fault(ReconsiderationFault::NotAgreed {
            agree: c.agree,
            of: c.of,
        });
    }
    if let Some(p) = c.present
        && c.agree > p
    {
        fault(ReconsiderationFault::OverPresent {
            agree: c.agree,
            present: p,
        });
    }
    let voting = basis.voting();
    if c.of != voting {
        fault(ReconsiderationFault::Of {
            recorded: c.of,
            derived: voting,
        });
    }
    // Older consents record no method: their members are taken as recorded.
    let Some(method) = c.method else {
        return;
    };
    if method.is_secret() {
        if !c.members.is_empty() {
            fault(ReconsiderationFault::SecretNamed);
        }
        return;
    }
    if c.members.len() as u32 != c.agree {
        fault(ReconsiderationFault::Members {
            listed: c.members.len() as u32,
            agree: c.agree,
        });
    }
    let mut seen: Vec<&str> = Vec::new();
    for m in &c.members {
        if seen.contains(&m.as_str()) {
            fault(ReconsiderationFault::DuplicateMember(m.clone()));
            continue;
        }
        seen.push(m);
        if !basis.votes(m) {
            fault(ReconsiderationFault::MemberNotVoting(m.clone()));
        }
        // The case file's recusals held when the consent was given; declared ones came later.
        if r.recusals.iter().any(|x| !x.declared && &x.member == m) {
            fault(ReconsiderationFault::MemberRecused(m.clone()));
        }
    }
}

fn dedup<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = Vec::new();
    for i in items {
        if !v.contains(&i) {
            v.push(i);
        }
    }
    v
}

/// Whether a member was in the room at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    In,
    Out,
    /// A movement of theirs shares the moment: either may hold.
    Unsure,
}

/// The attendance over time: who was in the room when the meeting opened, and each movement
/// after, in the order recorded, with its time.
struct Timeline {
    opening: BTreeMap<String, bool>,
    movements: Vec<(jiff::Timestamp, String, bool)>,
}

impl Timeline {
    /// The attendance worked back from the room at the end through its movements; `None`
    /// when a time cannot be read, the times go backwards, or a movement contradicts the room
    /// (an arrival of someone present): then presence at a moment is not derived.
    fn of(meeting: &Meeting) -> Option<Timeline> {
        let a = &meeting.attendance;
        let mut room: BTreeMap<String, bool> = BTreeMap::new();
        for m in a.present.iter() {
            room.insert(m.clone(), true);
        }
        for m in a.absent.iter() {
            room.entry(m.member.clone()).or_insert(false);
        }
        let mut movements = Vec::with_capacity(a.movements.len());
        for m in &a.movements {
            let t: jiff::Timestamp = m.at.parse().ok()?;
            if movements.last().is_some_and(|(p, _, _)| *p > t) {
                return None;
            }
            movements.push((t, m.member.clone(), m.arrived));
        }
        for (_, member, arrived) in movements.iter().rev() {
            let here = room.get(member).copied().unwrap_or(false);
            if here != *arrived {
                return None;
            }
            room.insert(member.clone(), !arrived);
        }
        Some(Timeline {
            opening: room,
            movements,
        })
    }

    /// Each member's presence at `at`; `None` when the time cannot be read.
    fn at(&self, at: &str) -> Option<BTreeMap<&str, State>> {
        let t: jiff::Timestamp = at.parse().ok()?;
        let mut room: BTreeMap<&str, State> = self
            .opening
            .iter()
            .map(|(m, here)| (m.as_str(), if *here { State::In } else { State::Out }))
            .collect();
        let mut settled = room.clone();
        for (when, member, arrived) in &self.movements {
            let now = if *arrived { State::In } else { State::Out };
            if *when < t {
                settled.insert(member.as_str(), now);
                room.insert(member.as_str(), now);
            } else if *when == t {
                // Applied or not, depending on which came first within the moment.
                let before = settled.get(member.as_str()).copied();
                let state = if before == Some(now) {
                    now
                } else {
                    State::Unsure
                };
                room.insert(member.as_str(), state);
                settled.insert(member.as_str(), now);
            }
        }
        Some(room)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::{Vote, Withdrawal};
    use crate::domain::rules::{Method, Opinion};
    use crate::store::minutes::{self, Minutes};

    /// A sealed meeting: case 2026-005 decided (tolerate) on round 1, six agreeing of six.
    const DECIDED: &str = include_str!("../../tests/data/schema2/2026-11-20-1.yaml");
    /// A meeting with a void round, a withdrawn determination and a reconsideration.
    const RECONSIDERED: &str = include_str!("../../tests/data/schema2/2026-11-20-2.yaml");

    fn read(text: &str) -> (Meeting, Basis) {
        let m = minutes::parse(text).expect("fixture minutes parse");
        (m.meeting(), basis_of(&m))
    }

    fn basis_of(m: &Minutes) -> Basis {
        let (rules, _) = crate::store::rules::load(&m.rules.id, None);
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
            .push(crate::domain::meeting::Movement {
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
                Discrepancy::OpinionFromRecused { member: x, .. } => {
                    kind == "recused" && x == member
                }
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
            .push(crate::domain::meeting::Movement {
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
}
