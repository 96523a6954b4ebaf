//! What happens in a meeting, one event per recorded step, and how an event changes it.
//!
//! The terminal turns keystrokes into events; the journal stores them; recovery replays
//! them. Every event carries its own time and inputs, so replaying it gives exactly the
//! meeting the clerk saw.

use serde::{Deserialize, Serialize};

use super::case::Proposal;
use super::meeting::{Absence, CaseRecord, Meeting, Refusal, Result, Roll, Side};
use super::panel::Panel;
use super::rules::{Kind, Method, Opinion};
use super::tally::Tally;
use super::vote::DeterminationText;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    Open {
        id: String,
        at: String,
        present: Vec<String>,
        absent: Vec<Absence>,
        attendees: Vec<String>,
        acting_chair: Option<String>,
        method: Method,
    },
    Attendance {
        member: String,
        present: bool,
        reason: String,
        at: String,
    },
    Attendee {
        name: String,
    },
    ActingChair {
        member: Option<String>,
    },
    /// A case taken up, with the record it starts from (reconsideration included).
    TakeUp {
        record: Box<CaseRecord>,
    },
    Presenter {
        case: String,
        name: String,
    },
    Finding {
        case: String,
        distinction: String,
        side: Option<Side>,
    },
    Basis {
        case: String,
        distinction: String,
        basis: String,
    },
    /// A situation or ground found, or the finding withdrawn.
    Found {
        case: String,
        item: String,
    },
    Recusal {
        case: String,
        member: String,
        reason: String,
    },
    Proposal {
        case: String,
        proposal: Proposal,
    },
    OpenRound {
        case: String,
        /// The round's method; none (older journals) is the meeting's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        method: Option<Method>,
        at: String,
    },
    Opinion {
        case: String,
        member: String,
        opinion: Opinion,
        at: String,
    },
    Counts {
        case: String,
        tally: Tally,
    },
    CloseRound {
        case: String,
        at: String,
    },
    Void {
        case: String,
        round: u32,
        reason: String,
        at: String,
    },
    Determine {
        case: String,
        text: DeterminationText,
        at: String,
    },
    /// The meeting closed and its minutes sealed, by the clerk and the system user.
    Finalize {
        at: String,
        by: String,
        user: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        uid: Option<u32>,
    },
}

impl Event {
    /// The case the step concerns, if any.
    pub fn case(&self) -> Option<&str> {
        match self {
            Event::TakeUp { record } => Some(&record.case),
            Event::Presenter { case, .. }
            | Event::Finding { case, .. }
            | Event::Basis { case, .. }
            | Event::Found { case, .. }
            | Event::Recusal { case, .. }
            | Event::Proposal { case, .. }
            | Event::OpenRound { case, .. }
            | Event::Opinion { case, .. }
            | Event::Counts { case, .. }
            | Event::CloseRound { case, .. }
            | Event::Void { case, .. }
            | Event::Determine { case, .. } => Some(case),
            _ => None,
        }
    }

    /// Whether the step seals the minutes.
    pub fn is_final(&self) -> bool {
        matches!(self, Event::Finalize { .. })
    }
}

fn kind_of<'a>(panel: &'a Panel, meeting: &Meeting, case: &str) -> Result<&'a Kind> {
    let r = meeting
        .record(case)
        .ok_or_else(|| Refusal::NotTakenUp(case.to_string()))?;
    panel
        .rules
        .kind(&r.kind)
        .ok_or_else(|| Refusal::NotTakenUp(case.to_string()))
}

/// Applies `event` to the meeting (creating it on `Open`), with every check of the meeting
/// rule. Nothing changes when it is refused.
pub fn apply(meeting: &mut Option<Meeting>, panel: &Panel, event: &Event) -> Result<()> {
    if let Event::Open {
        id,
        at,
        present,
        absent,
        attendees,
        acting_chair,
        method,
    } = event
    {
        if meeting.is_some() {
            return Err(Refusal::Closed);
        }
        let roll = Roll {
            present: present.clone(),
            absent: absent.clone(),
            attendees: attendees.clone(),
            acting_chair: acting_chair.clone(),
            method: *method,
        };
        *meeting = Some(Meeting::open(panel, roll, id.clone(), at)?);
        return Ok(());
    }
    let m = meeting.as_mut().ok_or(Refusal::Closed)?;
    match event {
        Event::Open { .. } => Ok(()),
        Event::Attendance {
            member,
            present,
            reason,
            at,
        } => m.set_present(panel, member, *present, reason, at),
        Event::Attendee { name } => m.add_attendee(name),
        Event::ActingChair { member } => m.set_acting_chair(panel, member.as_deref()),
        Event::TakeUp { record } => m.take_up(panel, (**record).clone()),
        Event::Presenter { case, name } => m.set_presenter(case, name),
        Event::Finding {
            case,
            distinction,
            side,
        } => {
            let kind = kind_of(panel, m, case)?;
            m.set_finding(kind, case, distinction, *side)
        }
        Event::Basis {
            case,
            distinction,
            basis,
        } => m.set_basis(case, distinction, basis),
        Event::Found { case, item } => {
            let kind = kind_of(panel, m, case)?;
            m.toggle_found(kind, case, item)
        }
        Event::Recusal {
            case,
            member,
            reason,
        } => m.declare_recusal(panel, case, member, reason),
        Event::Proposal { case, proposal } => {
            let kind = kind_of(panel, m, case)?;
            m.set_proposal(kind, case, proposal.clone())
        }
        Event::OpenRound { case, method, at } => m.open_round(panel, case, *method, at),
        Event::Opinion {
            case,
            member,
            opinion,
            at,
        } => m.record_opinion(panel, case, member, *opinion, at),
        Event::Counts { case, tally } => m.set_counts(panel, case, *tally),
        Event::CloseRound { case, at } => m.close_round(panel, case, at).map(|_| ()),
        Event::Void {
            case,
            round,
            reason,
            at,
        } => m.void_round(case, *round, reason, at),
        Event::Determine { case, text, at } => {
            let kind = kind_of(panel, m, case)?;
            m.determine(panel, kind, case, text.clone(), at)
        }
        Event::Finalize { at, .. } => m.close(at),
    }
}
