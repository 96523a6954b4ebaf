//! What stands for each case: its standing determination across the earlier minutes and the
//! meeting, its status in the queue, its place on the agenda, and the record the case
//! screen shows for it. One rule for every reader: `domain::standing`.

use crate::domain::standing::Status;

use super::{Session, Shown};

impl Session {
    /// The status of case `id`: the standing determination first (the open meeting's
    /// included), then the working state. One rule for every reader: `domain::standing`.
    pub fn status(&self, id: &str) -> Status {
        let open = if self.in_meeting() {
            self.meeting.as_ref().and_then(|m| m.record(id))
        } else {
            None
        };
        let standing = self.standing(id);
        crate::domain::standing::status(
            standing.as_ref(),
            open,
            self.state.held(id).is_some(),
            self.agenda_place(id),
        )
    }

    /// The standing determination of `id` across the earlier minutes and the meeting.
    pub fn standing(&self, id: &str) -> Option<crate::domain::standing::Standing<'_>> {
        let before = self.index.standing_before.get(id).and_then(|&(m, c)| {
            let minutes = self.history.get(m)?;
            Some((minutes.meeting.id.as_str(), minutes.cases.get(c)?))
        });
        let now = self
            .meeting
            .as_ref()
            .and_then(|m| m.record(id).map(|r| (m.id.as_str(), r)));
        crate::domain::standing::standing(&self.panel.rules, before.into_iter().chain(now))
    }

    /// The place of `id` among the agenda's cases still to decide (from 1): decided ones no
    /// longer count, so the numbers match the printed agenda.
    pub fn agenda_place(&self, id: &str) -> Option<usize> {
        let mut n = 0;
        for c in &self.state.agenda {
            if self.decided_anywhere(c) {
                continue;
            }
            n += 1;
            if c == id {
                return Some(n);
            }
        }
        None
    }

    /// Whether minutes (open or earlier) decided `id` other than by deferral.
    pub(crate) fn decided_anywhere(&self, id: &str) -> bool {
        self.standing(id).is_some_and(|s| !s.deferred)
    }

    /// Drops decided cases from the agenda: once finalized they are no longer to come.
    pub fn prune_agenda(&mut self) {
        let before = self.state.agenda.len();
        let keep: Vec<String> = self
            .state
            .agenda
            .iter()
            .filter(|c| !self.decided_anywhere(c))
            .cloned()
            .collect();
        if keep.len() != before && self.state_error.is_none() {
            self.state.agenda = keep;
            self.state_dirty = true;
            self.version += 1;
        }
    }

    /// Whether the case reviews another (复核) or is reviewed by one.
    pub fn review_marks(&self, id: &str) -> (bool, bool) {
        let reviewing = self
            .index
            .by_id
            .get(id)
            .and_then(|&i| self.cases.get(i))
            .is_some_and(|c| c.case.review_of.is_some());
        (reviewing, self.index.reviewed.contains(id))
    }

    /// The earlier meeting whose decision (not a deferral) on `case` stands, and its outcome.
    pub fn decided_in(&self, case: &str) -> Option<(String, String)> {
        let &(m, c) = self.index.standing_before.get(case)?;
        let minutes = self.history.get(m)?;
        let s = crate::domain::standing::standing(
            &self.panel.rules,
            [(minutes.meeting.id.as_str(), minutes.cases.get(c)?)],
        )?;
        (!s.deferred).then(|| (s.meeting.to_string(), s.determination.outcome.clone()))
    }

    /// The record the case screen shows for `id`: the meeting's own (open or just
    /// finalized), else, for a case decided at an earlier meeting, the record that decision
    /// stands on, read-only.
    pub fn shown_record(&self, id: &str) -> Option<Shown<'_>> {
        if let Some(m) = &self.meeting
            && let Some(r) = m.record(id)
        {
            return Some(Shown {
                meeting: &m.id,
                record: r,
                earlier: false,
            });
        }
        let s = self.standing(id).filter(|s| !s.deferred)?;
        Some(Shown {
            meeting: s.meeting,
            record: s.record,
            earlier: true,
        })
    }
}
