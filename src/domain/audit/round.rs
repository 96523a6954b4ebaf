//! The audit of one round: its numbering, opinions, tally, figures, quorum and result.

use super::timeline::{State, Timeline};
use super::{Basis, Discrepancy, Presence};
use crate::domain::meeting::{CaseRecord, Round};
use crate::domain::pass_rule::verdict;
use crate::domain::quorum::{CaseCounts, Fraction};
use crate::domain::tally::tally_of;

pub(super) fn audit_round(
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

fn dedup<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = Vec::new();
    for i in items {
        if !v.contains(&i) {
            v.push(i);
        }
    }
    v
}
