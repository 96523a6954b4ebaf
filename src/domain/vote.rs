//! The vote: who may vote on a case, rounds and opinions (or counts), the pass rule applied,
//! voiding, determinations and closing the meeting.

use serde::{Deserialize, Serialize};

use super::meeting::{
    Arithmetic, Correction, Determination, Meeting, Refusal, Result, Round, Side, Void, Vote,
    Withdrawal,
};
use super::panel::Panel;
use super::pass_rule::verdict;
use super::quorum::CaseCounts;
use super::rules::{Kind, Method, Opinion};
use super::tally::{Tally, tally_of};

/// What the clerk types for a determination.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeterminationText {
    pub rationale: String,
    pub dissent: String,
    pub override_reason: String,
}

impl Meeting {
    /// The members' numbers for a case as the room stands now.
    pub fn counts(&self, panel: &Panel, case: &str) -> CaseCounts {
        let voting: Vec<&str> = panel.voting_members().map(|m| m.id.as_str()).collect();
        let record = self.record(case);
        let recused = |m: &str| record.is_some_and(|r| r.is_recused(m));
        let n = |f: &dyn Fn(&str) -> bool| voting.iter().filter(|m| f(m)).count() as u32;
        CaseCounts::new(
            voting.len() as u32,
            n(&|m| self.is_present(m)),
            n(&|m| recused(m)),
            n(&|m| recused(m) && self.is_present(m)),
        )
    }

    /// The members present and entitled for a case, in the order they give opinions: panel
    /// order, and the presiding member last when the rule says so.
    pub fn voters(&self, panel: &Panel, case: &str) -> Vec<String> {
        let record = self.record(case);
        let mut ids: Vec<String> = panel
            .voting_members()
            .filter(|m| self.is_present(&m.id) && !record.is_some_and(|r| r.is_recused(&m.id)))
            .map(|m| m.id.clone())
            .collect();
        if panel.rules.meeting.chair_last
            && let Some(i) = ids.iter().position(|m| m == self.presiding())
        {
            let p = ids.remove(i);
            ids.push(p);
        }
        ids
    }

    /// Opens a vote round on the current proposal, by `method` (the meeting's own when none
    /// is named). Every opinion and count of the round follows its method.
    pub fn open_round(
        &mut self,
        panel: &Panel,
        case: &str,
        method: Option<Method>,
        now: &str,
    ) -> Result<()> {
        let counts = self.counts(panel, case);
        let q = counts.quorum(panel.rules.meeting.quorum);
        let method = method.unwrap_or(self.method);
        if panel.rules.meeting.opinions_for(method).is_none() {
            return Err(Refusal::MethodNotAllowed(method));
        }
        let r = self.record_mut(case)?;
        if r.open_round().is_some() {
            return Err(Refusal::RoundOpen);
        }
        if !q.met {
            return Err(Refusal::NoQuorum(q));
        }
        let proposal = r.proposal.clone().ok_or(Refusal::NoProposal)?;
        let number = r.rounds.len() as u32 + 1;
        r.rounds.push(Round {
            number,
            proposal,
            method,
            opened_at: now.to_string(),
            opinions: Vec::new(),
            corrections: Vec::new(),
            withdrawn: Vec::new(),
            quorum_lost: None,
            tally: Tally::default(),
            closed_at: None,
            arithmetic: None,
            passed: None,
            void: None,
        });
        Ok(())
    }

    /// Records (or changes, while the round is open) one member's opinion.
    pub fn record_opinion(
        &mut self,
        panel: &Panel,
        case: &str,
        member: &str,
        opinion: Opinion,
        now: &str,
    ) -> Result<()> {
        let voters = self.voters(panel, case);
        let presiding = self.presiding().to_string();
        let chair_last = panel.rules.meeting.chair_last;
        let present = self.is_present(member);
        let r = self.record_mut(case)?;
        let recused = r.is_recused(member);
        let round = r
            .rounds
            .iter_mut()
            .rev()
            .find(|r| r.is_open())
            .ok_or(Refusal::NoOpenRound)?;
        if round.method.is_secret() {
            return Err(Refusal::SecretNeedsCounts);
        }
        let allowed = panel
            .rules
            .meeting
            .opinions_for(round.method)
            .unwrap_or(&[]);
        if !panel.member(member).is_some_and(|m| m.role.votes()) {
            return Err(Refusal::NotVoting(member.to_string()));
        }
        if recused {
            return Err(Refusal::Recused(member.to_string()));
        }
        if !present {
            return Err(Refusal::NotPresent(member.to_string()));
        }
        if !allowed.contains(&opinion) {
            return Err(Refusal::OpinionNotAllowed(opinion));
        }
        if chair_last && member == presiding {
            let others_done = voters
                .iter()
                .filter(|v| **v != presiding)
                .all(|v| round.opinions.iter().any(|o| &o.member == v));
            if !others_done {
                return Err(Refusal::ChairLast);
            }
        }
        match round.opinions.iter_mut().find(|o| o.member == member) {
            Some(v) if v.opinion == opinion => {}
            Some(v) => {
                round.corrections.push(Correction {
                    at: now.to_string(),
                    member: member.to_string(),
                    from: v.opinion,
                    to: opinion,
                });
                v.opinion = opinion;
            }
            None => round.opinions.push(Vote {
                member: member.to_string(),
                opinion,
            }),
        }
        round.tally = tally_of(&round.opinions);
        Ok(())
    }

    /// The counts of a secret ballot; never more than the members present and entitled.
    pub fn set_counts(&mut self, panel: &Panel, case: &str, tally: Tally) -> Result<()> {
        let max = self.counts(panel, case).present_entitled;
        let r = self.record_mut(case)?;
        let round = r
            .rounds
            .iter_mut()
            .rev()
            .find(|r| r.is_open())
            .ok_or(Refusal::NoOpenRound)?;
        if !round.method.is_secret() {
            return Err(Refusal::NamedNeedsOpinions);
        }
        let allowed = panel
            .rules
            .meeting
            .opinions_for(round.method)
            .unwrap_or(&[]);
        for (o, n) in [
            (Opinion::Agree, tally.agree),
            (Opinion::Disagree, tally.disagree),
            (Opinion::Defer, tally.defer),
            (Opinion::Abstain, tally.abstain),
        ] {
            if n > 0 && !allowed.contains(&o) {
                return Err(Refusal::OpinionNotAllowed(o));
            }
        }
        if tally.total() > max {
            return Err(Refusal::CountsExceed {
                total: tally.total(),
                max,
            });
        }
        round.tally = tally;
        Ok(())
    }

    /// What closing the open round now would give, for the live display and the confirm.
    pub fn preview(&self, panel: &Panel, case: &str) -> Option<(Arithmetic, bool)> {
        let r = self.record(case)?;
        let round = r.open_round().or_else(|| r.rounds.last())?;
        Some(self.arithmetic(panel, case, &round.tally))
    }

    fn arithmetic(&self, panel: &Panel, case: &str, tally: &Tally) -> (Arithmetic, bool) {
        let counts = self.counts(panel, case);
        let rule = &panel.rules.meeting;
        let q = counts.quorum(rule.quorum);
        let v = verdict(rule.pass, &counts, rule.quorum, tally);
        let recused = self
            .record(case)
            .map(|r| r.recusals.iter().map(|x| x.member.clone()).collect())
            .unwrap_or_default();
        (
            Arithmetic {
                voting: counts.voting,
                entitled: counts.entitled,
                present: counts.present,
                present_entitled: counts.present_entitled,
                recused,
                quorum: rule.quorum.to_string(),
                quorum_needed: q.needed,
                quorum_met: q.met,
                rule: rule.pass,
                base: v.base,
                needed: v.needed,
            },
            v.passed,
        )
    }

    /// Closes the open round: with a named method every member present and entitled must
    /// have given an opinion.
    pub fn close_round(&mut self, panel: &Panel, case: &str, now: &str) -> Result<bool> {
        let voters = self.voters(panel, case);
        let r = self
            .record(case)
            .ok_or_else(|| Refusal::NotTakenUp(case.to_string()))?;
        let round = r.open_round().ok_or(Refusal::NoOpenRound)?;
        if round.method.is_secret() {
            // Counts typed earlier may exceed the room after a departure.
            let max = voters.len() as u32;
            if round.tally.total() > max {
                return Err(Refusal::CountsExceed {
                    total: round.tally.total(),
                    max,
                });
            }
        } else {
            let missing: Vec<String> = voters
                .iter()
                .filter(|v| !round.opinions.iter().any(|o| &o.member == *v))
                .cloned()
                .collect();
            if !missing.is_empty() {
                return Err(Refusal::Missing(missing));
            }
        }
        let tally = round.tally;
        let (arithmetic, passed) = self.arithmetic(panel, case, &tally);
        let r = self.record_mut(case)?;
        if let Some(round) = r.rounds.iter_mut().rev().find(|r| r.is_open()) {
            round.closed_at = Some(now.to_string());
            round.arithmetic = Some(arithmetic);
            round.passed = Some(passed);
        }
        Ok(passed)
    }

    /// Voids a round (open or closed) with a reason; it stays in the minutes, marked void.
    pub fn void_round(&mut self, case: &str, number: u32, reason: &str, now: &str) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(Refusal::NeedReason);
        }
        let r = self.record_mut(case)?;
        let round = r
            .rounds
            .iter_mut()
            .find(|r| r.number == number)
            .ok_or(Refusal::NoRound(number))?;
        if round.void.is_some() {
            return Err(Refusal::AlreadyVoid);
        }
        round.void = Some(Void {
            at: now.to_string(),
            reason: reason.trim().to_string(),
        });
        // A determination stands only on a round that stands: voiding its round withdraws
        // every version resting on it, in the same step.
        for d in r.determinations.iter_mut() {
            if d.round == Some(number) && d.withdrawn.is_none() {
                d.withdrawn = Some(Withdrawal {
                    at: now.to_string(),
                    round: number,
                    reason: reason.trim().to_string(),
                });
            }
        }
        Ok(())
    }

    /// The standing determination of `case` that voiding round `number` would withdraw.
    pub fn withdrawn_by_void(&self, case: &str, number: u32) -> Option<&Determination> {
        self.record(case)?
            .determination()
            .filter(|d| d.round == Some(number))
    }

    /// The outcome a determination must record now: the proposal of the last passed round, or
    /// the kind's deferral when no round passed or the case lacks its quorum.
    pub fn due_outcome(&self, panel: &Panel, kind: &Kind, case: &str) -> Option<String> {
        let r = self.record(case)?;
        let quorum = self
            .counts(panel, case)
            .quorum(panel.rules.meeting.quorum)
            .met;
        let deferral = kind
            .outcomes
            .iter()
            .find(|o| o.deferral)
            .map(|o| o.id.clone());
        match r.passed_proposal() {
            Some(p) if quorum => Some(p.outcome.clone()),
            _ => deferral,
        }
    }

    /// Whether recording `outcome` needs an override reason: a lenient outcome while some
    /// distinction is found on its not-tolerable side.
    pub fn needs_override(&self, kind: &Kind, case: &str, outcome: &str) -> bool {
        let lenient = kind.outcome(outcome).is_some_and(|o| o.lenient);
        lenient
            && self
                .record(case)
                .is_some_and(|r| r.findings.iter().any(|f| f.side == Side::NotTolerable))
    }

    /// Whether `outcome` is lenient while the kind lists situations and none is marked found:
    /// the Measures tolerate errors in the situations they list, so the panel is told before
    /// it records a lenient outcome that rests on none.
    pub fn lenient_without_situation(&self, kind: &Kind, case: &str, outcome: &str) -> bool {
        kind.item_noun == crate::domain::rules::ItemNoun::Situation
            && !kind.items.is_empty()
            && kind.outcome(outcome).is_some_and(|o| o.lenient)
            && self.record(case).is_some_and(|r| r.found.is_empty())
    }

    /// Records the determination (or amends it: the earlier version stays).
    pub fn determine(
        &mut self,
        panel: &Panel,
        kind: &Kind,
        case: &str,
        text: DeterminationText,
        now: &str,
    ) -> Result<()> {
        let outcome = self
            .due_outcome(panel, kind, case)
            .ok_or_else(|| Refusal::NotTakenUp(case.to_string()))?;
        if text.rationale.trim().is_empty() {
            return Err(Refusal::NeedRationale);
        }
        if self.needs_override(kind, case, &outcome) && text.override_reason.trim().is_empty() {
            return Err(Refusal::NeedOverride);
        }
        let r = self
            .record(case)
            .ok_or_else(|| Refusal::NotTakenUp(case.to_string()))?;
        // The recused stepped out: the room when deciding is everyone else present.
        let present: Vec<String> = self
            .attendance
            .present
            .iter()
            .filter(|m| !r.is_recused(m))
            .cloned()
            .collect();
        let round = r
            .rounds
            .iter()
            .rev()
            .find(|x| x.is_valid_pass())
            .map(|x| x.number)
            .filter(|_| kind.outcome(&outcome).is_some_and(|o| !o.deferral));
        let r = self.record_mut(case)?;
        if r.open_round().is_some() {
            return Err(Refusal::RoundOpen);
        }
        r.determinations.push(Determination {
            outcome,
            round,
            rationale: text.rationale.trim().to_string(),
            dissent: text.dissent.trim().to_string(),
            override_reason: text.override_reason.trim().to_string(),
            decided_at: now.to_string(),
            present,
            withdrawn: None,
        });
        Ok(())
    }

    /// Closes the meeting. Nothing can change after this.
    pub fn close(&mut self, now: &str) -> Result<()> {
        self.writable()?;
        if self.cases.iter().any(|c| c.open_round().is_some()) {
            return Err(Refusal::RoundOpen);
        }
        self.closed_at = Some(now.to_string());
        Ok(())
    }
}
