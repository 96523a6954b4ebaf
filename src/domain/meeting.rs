//! A meeting of the panel as the minutes record it: attendance, the cases taken up, findings,
//! vote rounds and determinations.
//!
//! Every change goes through a method here that checks the meeting rule and refuses what the
//! rule forbids, so the terminal, the tests and a replayed journal all obey the same rules.
//! Nothing is ever overwritten: a voided round stays, marked void; an amended determination
//! keeps its earlier versions.

use serde::{Deserialize, Serialize};

use super::case::{Case, Proposal};
use super::panel::Panel;
use super::quorum::{PassRule, Quorum, Tally, meeting_quorum};
use super::rules::{Kind, Method, Opinion};

/// On which side of a distinction the panel finds the facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Tolerable,
    NotTolerable,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absence {
    pub member: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    pub at: String,
    pub member: String,
    /// true: arrived; false: left.
    pub arrived: bool,
    /// Why they had been away (an arrival) or why they leave (a departure).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    /// Members in the room now (voting members and the clerk), in panel order.
    pub present: Vec<String>,
    pub absent: Vec<Absence>,
    /// Non-voting attendees (列席), by name.
    #[serde(default)]
    pub attendees: Vec<String>,
    /// Arrivals and departures after the meeting opened.
    #[serde(default)]
    pub movements: Vec<Movement>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recusal {
    pub member: String,
    pub reason: String,
    /// Declared in the meeting rather than listed in the case file.
    #[serde(default)]
    pub declared: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub distinction: String,
    pub side: Side,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
}

/// A member changing the opinion they gave while the round was open: kept, not overwritten.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub at: String,
    pub member: String,
    pub from: Opinion,
    pub to: Opinion,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    pub member: String,
    pub opinion: Opinion,
}

/// The arithmetic of a closed round, every number the minutes show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arithmetic {
    pub voting: u32,
    pub entitled: u32,
    pub present: u32,
    pub present_entitled: u32,
    pub recused: Vec<String>,
    pub quorum: String,
    pub quorum_needed: u32,
    pub quorum_met: bool,
    pub rule: PassRule,
    pub base: u32,
    pub needed: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Void {
    pub at: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub number: u32,
    pub proposal: Proposal,
    pub method: Method,
    pub opened_at: String,
    /// Named methods: who said what, in the order given. Empty for a secret ballot.
    #[serde(default)]
    pub opinions: Vec<Vote>,
    /// Opinions changed while the round was open, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
    /// The counts: typed by the clerk for a secret ballot, else counted from `opinions`.
    pub tally: Tally,
    #[serde(default)]
    pub closed_at: Option<String>,
    #[serde(default)]
    pub arithmetic: Option<Arithmetic>,
    #[serde(default)]
    pub passed: Option<bool>,
    #[serde(default)]
    pub void: Option<Void>,
}

impl Round {
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none() && self.void.is_none()
    }

    pub fn is_valid_pass(&self) -> bool {
        self.void.is_none() && self.passed == Some(true)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Determination {
    pub outcome: String,
    /// The round whose proposal this outcome is, or none (a deferral).
    #[serde(default)]
    pub round: Option<u32>,
    pub rationale: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dissent: String,
    /// Why a lenient outcome stands although a distinction was found not tolerable.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub override_reason: String,
    pub decided_at: String,
    /// Members in the room when it was decided.
    pub present: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    pub name: String,
    pub position: String,
    pub unit: String,
}

/// One case as the meeting took it up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRecord {
    pub case: String,
    pub kind: String,
    pub title: String,
    pub subject: Subject,
    /// SHA-256 of the case file as it was when taken up.
    pub case_digest: String,
    #[serde(default)]
    pub review_of: Option<String>,
    /// The meeting that decided the case under review, when docket knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_of_meeting: Option<String>,
    #[serde(default)]
    pub presenter: Option<String>,
    #[serde(default)]
    pub proposal: Option<Proposal>,
    #[serde(default)]
    pub recusals: Vec<Recusal>,
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Situations or grounds the panel finds.
    #[serde(default)]
    pub found: Vec<String>,
    #[serde(default)]
    pub rounds: Vec<Round>,
    /// The current determination; earlier versions come first.
    #[serde(default)]
    pub determinations: Vec<Determination>,
    /// For a case decided at an earlier meeting: the members' consent to reconsider (复议).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reconsideration: Option<Reconsideration>,
}

/// Reconsidering a decision needs more than half of the members to agree first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reconsideration {
    /// The meeting that decided the case before.
    pub decided_in: String,
    pub agree: u32,
    /// Of how many members (V): agree·2 > V is needed.
    pub of: u32,
    pub at: String,
}

impl CaseRecord {
    pub fn determination(&self) -> Option<&Determination> {
        self.determinations.last()
    }

    pub fn open_round(&self) -> Option<&Round> {
        self.rounds.iter().rev().find(|r| r.is_open())
    }

    pub fn finding(&self, distinction: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.distinction == distinction)
    }

    pub fn is_recused(&self, member: &str) -> bool {
        self.recusals.iter().any(|r| r.member == member)
    }

    /// The proposal of the last round that passed and was not voided.
    pub fn passed_proposal(&self) -> Option<&Proposal> {
        self.rounds
            .iter()
            .rev()
            .find(|r| r.is_valid_pass())
            .map(|r| &r.proposal)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finalization {
    /// The clerk's member id, and the system user who ran docket.
    pub by: String,
    pub user: String,
    pub at: String,
    /// SHA-256 of each case record, and of the whole minutes before this block.
    pub case_digests: Vec<CaseDigest>,
    pub minutes_digest: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDigest {
    pub case: String,
    pub digest: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: String,
    pub opened_at: String,
    #[serde(default)]
    pub closed_at: Option<String>,
    pub chair: String,
    #[serde(default)]
    pub acting_chair: Option<String>,
    #[serde(default)]
    pub clerk: Option<String>,
    pub method: Method,
    pub attendance: Attendance,
    pub cases: Vec<CaseRecord>,
}

/// Why the meeting rule refuses an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    Closed,
    UnknownMember(String),
    UnknownDistinction(String),
    UnknownItem(String),
    UnknownOutcome(String),
    NotTakenUp(String),
    /// The case lacks its quorum: only deferral is possible.
    NoQuorum(Quorum),
    RoundOpen,
    NoOpenRound,
    NoRound(u32),
    AlreadyVoid,
    NoProposal,
    NotPresent(String),
    Recused(String),
    NotVoting(String),
    OpinionNotAllowed(Opinion),
    /// The chair states their opinion last.
    ChairLast,
    SecretNeedsCounts,
    NamedNeedsOpinions,
    CountsExceed {
        total: u32,
        max: u32,
    },
    /// Members present and entitled who have not given their opinion.
    Missing(Vec<String>),
    NeedRationale,
    NeedReason,
    NeedOverride,
    AlreadyRecused(String),
    NoVotingMembers,
    /// Decided at an earlier meeting: reconsidering needs the members' consent first.
    NeedsReconsideration(String),
    ReconsiderNotAgreed {
        agree: u32,
        needed: u32,
    },
}

pub type Result<T> = std::result::Result<T, Refusal>;

impl Meeting {
    /// A meeting opened with a roll call: who is present, why others are absent, who attends
    /// without a vote, and by which method the panel votes.
    pub fn open(panel: &Panel, roll: Roll, id: String, now: &str) -> Result<Meeting> {
        for m in roll
            .present
            .iter()
            .chain(roll.absent.iter().map(|a| &a.member))
        {
            if panel.member(m).is_none() {
                return Err(Refusal::UnknownMember(m.clone()));
            }
        }
        if let Some(a) = &roll.acting_chair {
            let known = panel.member(a).is_some_and(|m| m.role.votes());
            if !known {
                return Err(Refusal::UnknownMember(a.clone()));
            }
        }
        let chair = panel
            .chair()
            .map(|c| c.id.clone())
            .ok_or(Refusal::NoVotingMembers)?;
        let present = order(panel, &roll.present);
        let absent = panel
            .members
            .iter()
            .filter(|m| !present.contains(&m.id))
            .map(|m| Absence {
                member: m.id.clone(),
                reason: roll
                    .absent
                    .iter()
                    .find(|a| a.member == m.id)
                    .map(|a| a.reason.clone())
                    .unwrap_or_default(),
            })
            .collect();
        Ok(Meeting {
            id,
            opened_at: now.to_string(),
            closed_at: None,
            chair,
            acting_chair: roll.acting_chair,
            clerk: panel.clerk().map(|c| c.id.clone()),
            method: roll.method,
            attendance: Attendance {
                present,
                absent,
                attendees: roll.attendees,
                movements: Vec::new(),
            },
            cases: Vec::new(),
        })
    }

    pub(crate) fn writable(&self) -> Result<()> {
        if self.closed_at.is_some() {
            Err(Refusal::Closed)
        } else {
            Ok(())
        }
    }

    /// Who presides: the acting chair when one is named, else the chair.
    pub fn presiding(&self) -> &str {
        self.acting_chair.as_deref().unwrap_or(&self.chair)
    }

    pub fn is_present(&self, member: &str) -> bool {
        self.attendance.present.iter().any(|p| p == member)
    }

    /// The meeting's quorum as it stands.
    pub fn quorum(&self, panel: &Panel) -> Quorum {
        let voting = panel.voting_members().count() as u32;
        let present = panel
            .voting_members()
            .filter(|m| self.is_present(&m.id))
            .count() as u32;
        meeting_quorum(voting, present, panel.rules.meeting.quorum)
    }

    /// A member arrives or leaves; the time is kept.
    pub fn set_present(
        &mut self,
        panel: &Panel,
        member: &str,
        present: bool,
        reason: &str,
        now: &str,
    ) -> Result<()> {
        self.writable()?;
        if panel.member(member).is_none() {
            return Err(Refusal::UnknownMember(member.to_string()));
        }
        if self.is_present(member) == present {
            return Ok(());
        }
        // An arrival keeps the reason of the absence it ends, so the minutes never lose it.
        let mut kept = reason.to_string();
        if present {
            let mut ids = self.attendance.present.clone();
            ids.push(member.to_string());
            self.attendance.present = order(panel, &ids);
            if let Some(a) = self.attendance.absent.iter().find(|a| a.member == member) {
                kept = a.reason.clone();
            }
            self.attendance.absent.retain(|a| a.member != member);
        } else {
            self.attendance.present.retain(|p| p != member);
            self.attendance.absent.push(Absence {
                member: member.to_string(),
                reason: reason.to_string(),
            });
        }
        self.attendance.movements.push(Movement {
            at: now.to_string(),
            member: member.to_string(),
            arrived: present,
            reason: kept,
        });
        Ok(())
    }

    /// Names (or withdraws) an acting chair: a voting member present, while the chair is not.
    pub fn set_acting_chair(&mut self, panel: &Panel, member: Option<&str>) -> Result<()> {
        self.writable()?;
        if let Some(a) = member {
            let votes = panel.member(a).is_some_and(|m| m.role.votes());
            if !votes || !self.is_present(a) || self.is_present(&self.chair) {
                return Err(Refusal::NotVoting(a.to_string()));
            }
        }
        self.acting_chair = member.map(str::to_string);
        Ok(())
    }

    pub fn add_attendee(&mut self, name: &str) -> Result<()> {
        self.writable()?;
        let name = name.trim();
        if name.is_empty() {
            return Err(Refusal::NeedReason);
        }
        self.attendance.attendees.push(name.to_string());
        Ok(())
    }

    pub fn record(&self, case: &str) -> Option<&CaseRecord> {
        self.cases.iter().find(|c| c.case == case)
    }

    pub(crate) fn record_mut(&mut self, case: &str) -> Result<&mut CaseRecord> {
        self.writable()?;
        self.cases
            .iter_mut()
            .find(|c| c.case == case)
            .ok_or_else(|| Refusal::NotTakenUp(case.to_string()))
    }

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

    /// The consent to reconsider a decided case, if more than half of the members (V) agree.
    pub fn consent(
        panel: &Panel,
        decided_in: &str,
        agree: u32,
        now: &str,
    ) -> Result<Reconsideration> {
        let of = panel.voting_members().count() as u32;
        if agree > of {
            return Err(Refusal::CountsExceed {
                total: agree,
                max: of,
            });
        }
        if u64::from(agree) * 2 <= u64::from(of) {
            return Err(Refusal::ReconsiderNotAgreed {
                agree,
                needed: of / 2 + 1,
            });
        }
        Ok(Reconsideration {
            decided_in: decided_in.to_string(),
            agree,
            of,
            at: now.to_string(),
        })
    }

    /// Takes a case up, once: its record joins the meeting.
    pub fn take_up(&mut self, record: CaseRecord) -> Result<()> {
        self.writable()?;
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

/// A case as it comes before the meeting: the case, the digest of its file, and who sat on
/// the decision it reviews.
#[derive(Clone, Copy, Debug)]
pub struct Intake<'a> {
    pub case: &'a Case,
    pub digest: &'a str,
    pub earlier: &'a [String],
}

/// The roll call that opens a meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roll {
    pub present: Vec<String>,
    pub absent: Vec<Absence>,
    pub attendees: Vec<String>,
    pub acting_chair: Option<String>,
    pub method: Method,
}

/// Member ids in the order panel.yaml lists them.
fn order(panel: &Panel, ids: &[String]) -> Vec<String> {
    panel
        .members
        .iter()
        .filter(|m| ids.contains(&m.id))
        .map(|m| m.id.clone())
        .collect()
}
