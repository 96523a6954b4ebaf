//! What stands for each case: its standing determination across the earlier minutes and the
//! meeting, its status in the queue, its place on the agenda, and the record the case
//! screen shows for it, and the lookups they are found by. One rule for every reader:
//! `domain::standing`.

use std::collections::HashMap;

use crate::domain::standing::Status;
use crate::store::minutes::Minutes;

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

    /// Earlier minutes `i` of `history`: read whole if a case on screen needed them, else
    /// their brief.
    pub fn earlier(&self, i: usize) -> Option<&Minutes> {
        let brief = self.history.get(i)?;
        Some(
            self.whole
                .get(&brief.meeting.id)
                .and_then(Option::as_ref)
                .unwrap_or(brief),
        )
    }

    /// The standing determination of `id` across the earlier minutes and the meeting: its
    /// record whole once [`Session::load_whole`] read it, else as the brief holds it.
    pub fn standing(&self, id: &str) -> Option<crate::domain::standing::Standing<'_>> {
        let before = self.index.standing_before.get(id).and_then(|&(m, c)| {
            let minutes = self.earlier(m)?;
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

    /// Reads whole the earlier minutes the standing records of cases `ids` are in, where
    /// only their brief is held: what a case screen shows and a reconsideration starts from.
    /// Each is checked to be the minutes the brief was made from, seal intact; false (and
    /// said) when one is not, and the brief stays.
    pub fn load_whole(&mut self, ids: &[&str], lang: crate::domain::text::Lang) -> bool {
        let mut all = true;
        for id in ids {
            let Some(&(m, _)) = self.index.standing_before.get(*id) else {
                continue;
            };
            let Some(brief) = self.history.get(m) else {
                continue;
            };
            let meeting = brief.meeting.id.clone();
            if !brief.is_final() {
                continue;
            }
            if let Some(known) = self.whole.get(&meeting) {
                // Refused once is said once: the panel must be opened again.
                all &= known.is_some();
                continue;
            }
            let path = crate::store::minutes::path_for(&self.dir, &meeting);
            let read = crate::store::minutes::read(&path)
                .ok()
                .filter(|(text, whole)| {
                    crate::store::minutes::verify(text, whole)
                        == crate::store::minutes::Seal::Intact
                        && crate::store::minutes::same_as_brief(whole, brief)
                });
            match read {
                Some((_, whole)) => {
                    self.whole.insert(meeting, Some(whole));
                }
                None => {
                    log::warn!("{}: changed since the panel was opened", path.display());
                    self.whole.insert(meeting, None);
                    all = false;
                    self.warn(crate::i18n::minutes_changed_since_opened(&path, lang));
                }
            }
        }
        all
    }

    /// Earlier minutes by meeting id, whole if read whole (see [`Session::earlier`]).
    pub fn earlier_by_id(&self, meeting: &str) -> Option<&Minutes> {
        let i = self.history.iter().position(|m| m.meeting.id == meeting)?;
        self.earlier(i)
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

impl Session {
    /// Rebuilds the lookups over the cases and the earlier minutes.
    pub fn reindex(&mut self) {
        self.index_cases();
        self.index_history();
    }

    /// The lookups over the cases: by id, the reviewed ones, the widest id.
    fn index_cases(&mut self) {
        self.index.by_id = self
            .cases
            .iter()
            .enumerate()
            .map(|(i, c)| (c.case.id.clone(), i))
            .collect();
        self.index.reviewed = self
            .cases
            .iter()
            .filter_map(|c| c.case.review_of.clone())
            .collect();
        self.index.id_width = self
            .cases
            .iter()
            .map(|c| crate::text::width(&c.case.id))
            .max()
            .unwrap_or(8);
        self.version += 1;
    }

    /// Where each case's standing decision is among the earlier minutes: rebuilt alone when
    /// only the minutes were read (over 100,000 cases the lookups by id cost as much again).
    pub fn index_history(&mut self) {
        let mut by_case: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for (i, m) in self.history.iter().enumerate() {
            for (j, r) in m.cases.iter().enumerate() {
                by_case.entry(r.case.as_str()).or_default().push((i, j));
            }
        }
        let mut standing = HashMap::new();
        for (id, places) in by_case {
            let records = places.iter().map(|&(i, j)| {
                let m = &self.history[i];
                (m.meeting.id.as_str(), &m.cases[j])
            });
            if let Some(s) = crate::domain::standing::standing(&self.panel.rules, records) {
                let place = places
                    .iter()
                    .copied()
                    .find(|&(i, j)| std::ptr::eq(&self.history[i].cases[j], s.record));
                if let Some(p) = place {
                    standing.insert(id.to_string(), p);
                }
            }
        }
        self.index.standing_before = standing;
        self.version += 1;
    }
}
