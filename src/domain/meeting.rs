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

/// An opinion taken back because its member left while the round was open: kept in the
/// trace, no longer counted. On return the member gives their opinion again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WithdrawnOpinion {
    pub at: String,
    pub member: String,
    pub opinion: Opinion,
}

/// The case's quorum lost while a round was open (members left): from then on only a
/// deferral is possible, and the minutes say why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuorumLost {
    pub at: String,
    pub present_entitled: u32,
    pub needed: u32,
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
    /// Opinions withdrawn because their member left during the round.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withdrawn: Vec<WithdrawnOpinion>,
    /// When departures during the round took the case below its quorum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quorum_lost: Option<QuorumLost>,
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

    /// Takes `member`'s opinion back from the count, keeping it in the trace.
    fn withdraw(&mut self, member: &str, now: &str) {
        if let Some(i) = self.opinions.iter().position(|o| o.member == member) {
            let v = self.opinions.remove(i);
            self.withdrawn.push(WithdrawnOpinion {
                at: now.to_string(),
                member: v.member,
                opinion: v.opinion,
            });
            self.tally = super::vote::tally_of(&self.opinions);
        }
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
    /// Set when the round this determination rests on was voided: it no longer stands, and
    /// stays in the record with the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Withdrawal>,
}

impl Determination {
    pub fn stands(&self) -> bool {
        self.withdrawn.is_none()
    }
}

/// Why a determination was withdrawn: the void of the round it rested on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawal {
    pub at: String,
    pub round: u32,
    pub reason: String,
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
    /// Every version of the determination, oldest first: the standing one is the newest
    /// not withdrawn.
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
    /// The outcome that stood when the panel agreed to reconsider: it stands until a new
    /// determination other than a deferral is made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standing: Option<String>,
    pub agree: u32,
    /// Of how many members (V): agree·2 > V is needed.
    pub of: u32,
    /// The voting members present when the panel agreed (the most who can agree).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<u32>,
    /// How the panel agreed; an open method names who agreed, a secret one only counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    pub at: String,
}

impl CaseRecord {
    /// The standing determination: the newest version not withdrawn.
    pub fn determination(&self) -> Option<&Determination> {
        self.determinations.iter().rev().find(|d| d.stands())
    }

    /// Whether the standing determination amends one that still stood when it was made (not
    /// only follows versions withdrawn with their rounds).
    pub fn determination_amends(&self) -> bool {
        let Some(n) = self.determination_version() else {
            return false;
        };
        let standing = &self.determinations[n - 1];
        self.determinations[..n - 1].iter().any(|d| {
            d.withdrawn
                .as_ref()
                .is_none_or(|w| w.at > standing.decided_at)
        })
    }

    /// Which version (from 1) the standing determination is, of how many made.
    pub fn determination_version(&self) -> Option<usize> {
        self.determinations
            .iter()
            .rposition(|d| d.stands())
            .map(|i| i + 1)
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
    /// The clerk's member id, and the system account that ran docket (name and uid, from
    /// the system's account database).
    pub by: String,
    pub user: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<u32>,
    pub at: String,
    /// The panel's ledger head before these minutes were sealed: a signature over the file
    /// covers it, so rewriting the ledger before them breaks the signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ledger: Option<String>,
    /// SHA-256 of each case record's bytes, and of the whole minutes before this block.
    pub case_digests: Vec<CaseDigest>,
    pub minutes_digest: String,
    /// SHA-256 of every byte before the `seal:` line: the finalization block included.
    /// Empty in minutes sealed before schema 3.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub seal: String,
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
    /// More members said to agree than the voting members present.
    AgreeOverPresent {
        agree: u32,
        present: u32,
    },
    /// A method the rules do not allow.
    MethodNotAllowed(Method),
    /// A recusal declared by a member whose opinion a standing round counted.
    SpokeInRound {
        member: String,
        round: u32,
    },
    /// A recusal declared by a member counted among those who agreed to reconsider the
    /// case: the consent would then rest on someone with no say in it.
    AgreedToReconsider(String),
    /// The step would take the meeting's minutes (or its journal) past what docket writes
    /// for one meeting, in bytes.
    MinutesFull(usize),
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
            self.chair_speaks_again(panel, member, now);
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
            self.withdraw_opinions(panel, member, now);
        }
        self.attendance.movements.push(Movement {
            at: now.to_string(),
            member: member.to_string(),
            arrived: present,
            reason: kept,
        });
        Ok(())
    }

    /// A member has left: their opinions on open rounds are withdrawn (kept in the trace), and
    /// a round whose case thereby lost its quorum says so.
    fn withdraw_opinions(&mut self, panel: &Panel, member: &str, now: &str) {
        let open: Vec<String> = self
            .cases
            .iter()
            .filter(|c| c.open_round().is_some())
            .map(|c| c.case.clone())
            .collect();
        let q = panel.rules.meeting.quorum;
        for case in open {
            let quorum = self.counts(panel, &case).quorum(q);
            let Some(round) = self
                .cases
                .iter_mut()
                .find(|c| c.case == case)
                .and_then(|c| c.rounds.iter_mut().rev().find(|r| r.is_open()))
            else {
                continue;
            };
            round.withdraw(member, now);
            if !quorum.met && round.quorum_lost.is_none() {
                round.quorum_lost = Some(QuorumLost {
                    at: now.to_string(),
                    present_entitled: quorum.present,
                    needed: quorum.needed,
                });
            }
        }
    }

    /// A member who may vote returns while a round is open in which the presiding member
    /// has already spoken: under `chair_last` the presiding member's opinion is withdrawn
    /// (kept in the trace), to be given again after the one who returned.
    fn chair_speaks_again(&mut self, panel: &Panel, member: &str, now: &str) {
        if !panel.rules.meeting.chair_last || !panel.member(member).is_some_and(|m| m.role.votes())
        {
            return;
        }
        let presiding = self.presiding().to_string();
        if presiding == member {
            return;
        }
        for r in self.cases.iter_mut() {
            if r.is_recused(member) {
                continue;
            }
            let Some(round) = r.rounds.iter_mut().rev().find(|x| x.is_open()) else {
                continue;
            };
            round.withdraw(&presiding, now);
        }
    }

    /// Who of the voting members is in the room now (P).
    pub fn voting_present(&self, panel: &Panel) -> Vec<String> {
        panel
            .voting_members()
            .filter(|m| self.is_present(&m.id))
            .map(|m| m.id.clone())
            .collect()
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

/// A case as it comes before the meeting: the case, the digest of its file, and who sat on
/// the decision it reviews.
#[derive(Clone, Copy, Debug)]
pub struct Intake<'a> {
    pub case: &'a Case,
    pub digest: &'a str,
    pub earlier: &'a [String],
}

/// What the clerk records when the panel is asked to reconsider a decided case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consent {
    pub decided_in: String,
    pub standing: Option<String>,
    pub method: Method,
    /// The count, for a secret method; an open method counts `members`.
    pub agree: u32,
    pub members: Vec<String>,
    /// Members recused from the case: not among those who may agree.
    pub recused: Vec<String>,
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
