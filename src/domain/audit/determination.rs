//! The audit of a case's determinations and of a consent to reconsider it.

use super::{Basis, DeterminationFault, Discrepancy, ReconsiderationFault};
use crate::domain::meeting::CaseRecord;

pub(super) fn audit_determinations(r: &CaseRecord, basis: &Basis, out: &mut Vec<Discrepancy>) {
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

pub(super) fn audit_reconsideration(r: &CaseRecord, basis: &Basis, out: &mut Vec<Discrepancy>) {
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
