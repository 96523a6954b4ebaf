//! Taking up a case: its intake record, a consent to reconsider, the presenter, findings,
//! recusals and the proposal.

use super::case::Proposal;
use super::meeting::{
    CaseRecord, Consent, Finding, Intake, Meeting, Reconsideration, Recusal, Refusal, Result, Side,
    Subject, order,
};
use super::panel::Panel;
use super::rules::Kind;

impl Meeting {
    /// The record a case starts with when taken up: its conflicts as recusals (and, when the
    /// rules say so, the members who sat on the decision it reviews), its proposal.
    pub fn intake_record(panel: &Panel, intake: Intake) -> CaseRecord {
        let case = intake.case;
        let mut recusals: Vec<Recusal> = case
            .conflicts
            .iter()
            .filter(|c| panel.member(&c.member).is_some_and(|m| m.role.votes()))
            .map(|c| Recusal {
                member: c.member.clone(),
                reason: c.reason.clone(),
                declared: false,
            })
            .collect();
        if panel.rules.meeting.review == super::rules::ReviewRule::Recuse {
            for m in intake.earlier {
                if !recusals.iter().any(|r| &r.member == m)
                    && panel.member(m).is_some_and(|x| x.role.votes())
                {
                    recusals.push(Recusal {
                        member: m.clone(),
                        reason: format!("review_of {}", case.review_of.clone().unwrap_or_default()),
                        declared: false,
                    });
                }
            }
        }
        CaseRecord {
            case: case.id.clone(),
            kind: case.kind.clone(),
            title: case.title.clone(),
            subject: Subject {
                name: case.subject.name.clone(),
                position: case.subject.position.clone(),
                unit: case.subject.unit.clone(),
            },
            case_digest: intake.digest.to_string(),
            review_of: case.review_of.clone(),
            review_of_meeting: None,
            presenter: None,
            proposal: case.proposal.clone(),
            recusals,
            findings: Vec::new(),
            found: Vec::new(),
            rounds: Vec::new(),
            determinations: Vec::new(),
            reconsideration: None,
        }
    }

    /// The consent to reconsider a decided case (复议): more than half of all voting members
    /// (V) agree, and no more than the voting members present (P) can. An open method names
    /// who agreed (`members`), and the count is theirs; a secret one gives a count only.
    pub fn consent(&self, panel: &Panel, ask: Consent, now: &str) -> Result<Reconsideration> {
        let voting = panel.voting_members().count() as u32;
        // A member recused from the case has no say in reopening it either.
        let present: Vec<String> = self
            .voting_present(panel)
            .into_iter()
            .filter(|m| !ask.recused.contains(m))
            .collect();
        for m in &ask.members {
            if ask.recused.contains(m) {
                return Err(Refusal::Recused(m.clone()));
            }
        }
        if panel.rules.meeting.opinions_for(ask.method).is_none() {
            return Err(Refusal::MethodNotAllowed(ask.method));
        }
        let mut members = Vec::new();
        let agree = if ask.method.is_secret() {
            ask.agree
        } else {
            for m in &ask.members {
                if !present.contains(m) {
                    return Err(Refusal::NotPresent(m.clone()));
                }
                if !members.contains(m) {
                    members.push(m.clone());
                }
            }
            members.len() as u32
        };
        let p = present.len() as u32;
        if agree > p {
            return Err(Refusal::AgreeOverPresent { agree, present: p });
        }
        if u64::from(agree) * 2 <= u64::from(voting) {
            return Err(Refusal::ReconsiderNotAgreed {
                agree,
                needed: voting / 2 + 1,
            });
        }
        Ok(Reconsideration {
            decided_in: ask.decided_in,
            standing: ask.standing,
            agree,
            of: voting,
            present: Some(p),
            method: Some(ask.method),
            members: order(panel, &members),
            at: now.to_string(),
        })
    }

    /// Takes a case up, once: its record joins the meeting. A reconsideration's consent is
    /// checked again against the room as it is.
    pub fn take_up(&mut self, panel: &Panel, record: CaseRecord) -> Result<()> {
        self.writable()?;
        // Consent recorded before the room was known (older minutes) is taken as recorded.
        if let Some(c) = &record.reconsideration
            && let (Some(_), Some(method)) = (c.present, c.method)
            && self.record(&record.case).is_none()
        {
            let ask = Consent {
                decided_in: c.decided_in.clone(),
                standing: c.standing.clone(),
                method,
                agree: c.agree,
                members: c.members.clone(),
                recused: record.recusals.iter().map(|r| r.member.clone()).collect(),
            };
            let checked = self.consent(panel, ask, &c.at)?;
            if checked.agree != c.agree || checked.present != c.present || checked.of != c.of {
                return Err(Refusal::ReconsiderNotAgreed {
                    agree: c.agree,
                    needed: checked.of / 2 + 1,
                });
            }
        }
        if self.record(&record.case).is_none() {
            self.cases.push(record);
        }
        Ok(())
    }

    pub fn set_presenter(&mut self, case: &str, name: &str) -> Result<()> {
        let r = self.record_mut(case)?;
        let name = name.trim();
        r.presenter = (!name.is_empty()).then(|| name.to_string());
        Ok(())
    }

    /// Puts the finding for `distinction` on a side (or clears it with `None`).
    pub fn set_finding(
        &mut self,
        kind: &Kind,
        case: &str,
        distinction: &str,
        side: Option<Side>,
    ) -> Result<()> {
        if kind.distinction(distinction).is_none() {
            return Err(Refusal::UnknownDistinction(distinction.to_string()));
        }
        let r = self.record_mut(case)?;
        match (
            side,
            r.findings.iter_mut().find(|f| f.distinction == distinction),
        ) {
            (None, _) => r.findings.retain(|f| f.distinction != distinction),
            (Some(s), Some(f)) => f.side = s,
            (Some(s), None) => {
                r.findings.push(Finding {
                    distinction: distinction.to_string(),
                    side: s,
                    basis: String::new(),
                });
                let ids: Vec<&str> = kind.distinctions.iter().map(|d| d.id.as_str()).collect();
                r.findings
                    .sort_by_key(|f| ids.iter().position(|i| *i == f.distinction));
            }
        }
        Ok(())
    }

    /// The one-line basis of a finding already placed on a side.
    pub fn set_basis(&mut self, case: &str, distinction: &str, basis: &str) -> Result<()> {
        let r = self.record_mut(case)?;
        let f = r
            .findings
            .iter_mut()
            .find(|f| f.distinction == distinction)
            .ok_or_else(|| Refusal::UnknownDistinction(distinction.to_string()))?;
        f.basis = basis.trim().to_string();
        Ok(())
    }

    /// Finds a situation or ground, or withdraws that finding.
    pub fn toggle_found(&mut self, kind: &Kind, case: &str, item: &str) -> Result<()> {
        if kind.item(item).is_none() {
            return Err(Refusal::UnknownItem(item.to_string()));
        }
        let r = self.record_mut(case)?;
        if r.found.iter().any(|f| f == item) {
            r.found.retain(|f| f != item);
        } else {
            r.found.push(item.to_string());
            let ids: Vec<&str> = kind.items.iter().map(|i| i.id.as_str()).collect();
            r.found.sort_by_key(|f| ids.iter().position(|i| i == f));
        }
        Ok(())
    }

    /// A recusal declared on the spot, with its reason.
    pub fn declare_recusal(
        &mut self,
        panel: &Panel,
        case: &str,
        member: &str,
        reason: &str,
    ) -> Result<()> {
        if !panel.member(member).is_some_and(|m| m.role.votes()) {
            return Err(Refusal::NotVoting(member.to_string()));
        }
        if reason.trim().is_empty() {
            return Err(Refusal::NeedReason);
        }
        let r = self.record_mut(case)?;
        if r.is_recused(member) {
            return Err(Refusal::AlreadyRecused(member.to_string()));
        }
        if r.open_round().is_some() {
            return Err(Refusal::RoundOpen);
        }
        // A round that counted the member's opinion would still stand on it: void it first.
        if let Some(round) = r
            .rounds
            .iter()
            .find(|x| x.void.is_none() && x.opinions.iter().any(|o| o.member == member))
        {
            return Err(Refusal::SpokeInRound {
                member: member.to_string(),
                round: round.number,
            });
        }
        if r.reconsideration
            .as_ref()
            .is_some_and(|c| c.members.iter().any(|m| m == member))
        {
            return Err(Refusal::AgreedToReconsider(member.to_string()));
        }
        r.recusals.push(Recusal {
            member: member.to_string(),
            reason: reason.trim().to_string(),
            declared: true,
        });
        Ok(())
    }

    pub fn set_proposal(&mut self, kind: &Kind, case: &str, proposal: Proposal) -> Result<()> {
        if kind.outcome(&proposal.outcome).is_none() {
            return Err(Refusal::UnknownOutcome(proposal.outcome));
        }
        let r = self.record_mut(case)?;
        if r.open_round().is_some() {
            return Err(Refusal::RoundOpen);
        }
        r.proposal = Some(proposal);
        Ok(())
    }
}
