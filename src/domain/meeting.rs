//! A meeting of the panel as the minutes record it: attendance, the cases taken up, findings,
//! vote rounds and determinations.
//!
//! Every change goes through a method here that checks the meeting rule and refuses what the
//! rule forbids, so the terminal, the tests and a replayed journal all obey the same rules.
//! Nothing is ever overwritten: a voided round stays, marked void; an amended determination
//! keeps its earlier versions.
//!
//! Kept whole: these are the record's types, one per thing the minutes hold, and the
//! meeting's refusals; what changes them lives in attendance.rs, hearing.rs and vote.rs.

use serde::{Deserialize, Serialize};

use super::case::{Case, Proposal};
use super::panel::Panel;
use super::pass_rule::PassRule;
use super::quorum::Quorum;
use super::rules::{Method, Opinion};
use super::tally::Tally;

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
    pub(super) fn withdraw(&mut self, member: &str, now: &str) {
        if let Some(i) = self.opinions.iter().position(|o| o.member == member) {
            let v = self.opinions.remove(i);
            self.withdrawn.push(WithdrawnOpinion {
                at: now.to_string(),
                member: v.member,
                opinion: v.opinion,
            });
            self.tally = super::tally::tally_of(&self.opinions);
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
    /// A closed meeting is never changed.
    pub(crate) fn writable(&self) -> Result<()> {
        if self.closed_at.is_some() {
            Err(Refusal::Closed)
        } else {
            Ok(())
        }
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
pub(super) fn order(panel: &Panel, ids: &[String]) -> Vec<String> {
    panel
        .members
        .iter()
        .filter(|m| ids.contains(&m.id))
        .map(|m| m.id.clone())
        .collect()
}
