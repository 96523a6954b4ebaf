//! Where a case stands across the panel's minutes: the one answer the queue, the piped queue,
//! the report and the agenda all give.
//!
//! A later meeting's determination replaces an earlier one, except that a deferral never
//! replaces a decision: a reconsideration (复议) that ends without a new decision leaves the
//! earlier one standing. Within one record the standing version is the newest not withdrawn.

use super::meeting::{CaseRecord, Determination};
use super::rules::Rules;

/// The standing determination of a case, with the meeting and record it was made in.
#[derive(Clone, Copy, Debug)]
pub struct Standing<'a> {
    pub meeting: &'a str,
    pub record: &'a CaseRecord,
    pub determination: &'a Determination,
    /// The standing determination is a deferral (暂缓): the case is back in the queue.
    pub deferred: bool,
}

/// Whether `outcome` of kind `kind` is a deferral under `rules`.
pub fn is_deferral(rules: &Rules, kind: &str, outcome: &str) -> bool {
    rules
        .kind(kind)
        .and_then(|k| k.outcome(outcome))
        .is_some_and(|o| o.deferral)
}

/// The standing determination among `records` of one case, given oldest meeting first as
/// (meeting id, record).
pub fn standing<'a>(
    rules: &Rules,
    records: impl IntoIterator<Item = (&'a str, &'a CaseRecord)>,
) -> Option<Standing<'a>> {
    let mut current: Option<Standing<'a>> = None;
    for (meeting, record) in records {
        let Some(d) = record.determination() else {
            continue;
        };
        let deferred = is_deferral(rules, &record.kind, &d.outcome);
        if deferred && current.is_some_and(|c| !c.deferred) {
            continue;
        }
        current = Some(Standing {
            meeting,
            record,
            determination: d,
            deferred,
        });
    }
    current
}

/// Where a case stands, for the queue's status column, its filters and every other reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Pending,
    /// On the next meeting's agenda, at this place (from 1).
    OnAgenda(usize),
    /// Held back from meetings (暂不上会).
    Held,
    /// Taken up in the meeting now open, not yet determined there.
    InMeeting,
    Decided,
    /// The panel deferred it (暂缓): back in the queue.
    Deferred,
}

/// A case's status from its standing determination (`standing`, the open meeting's record
/// included), its record in the meeting now open (`open`), and the working state. Taken up
/// and not determined in the open meeting, it is in the meeting (a reconsideration too);
/// else a decision stands; else a deferral made in the open meeting, a hold, a place on the
/// agenda, an earlier deferral, or pending.
pub fn status(
    standing: Option<&Standing>,
    open: Option<&CaseRecord>,
    held: bool,
    agenda_place: Option<usize>,
) -> Status {
    if open.is_some_and(|r| r.determination().is_none()) {
        return Status::InMeeting;
    }
    match standing {
        Some(s) if !s.deferred => Status::Decided,
        Some(_) if open.is_some() => Status::Deferred,
        _ if held => Status::Held,
        _ => match agenda_place {
            Some(i) => Status::OnAgenda(i),
            None if standing.is_some() => Status::Deferred,
            None => Status::Pending,
        },
    }
}
