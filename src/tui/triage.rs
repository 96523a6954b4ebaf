//! Triage in the queue: the agenda and its order, holds, incomplete materials, filters, sorts
//! and undo. What a case's status is comes from here: the minutes decide, the working state
//! places.

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::domain::agenda;
use crate::i18n;
use crate::store::state::{Note, QueueState};

use super::app::{App, Ask, Popup, Screen};
use super::input::TextInput;

pub use crate::domain::standing::Status;

pub use crate::domain::queue::{Filter, Sort};

/// The queue's rows and what they were computed for: version, filter, sort, and the text
/// filter folded.
pub type RowsKey = (((u64, Filter, Sort), String), Vec<usize>);

/// The queue's rows before the text filter, and what they were computed for.
pub type BaseKey = ((u64, Filter, Sort), Vec<usize>);

fn next<T: Copy + PartialEq>(all: &[T], now: T) -> T {
    let i = all.iter().position(|x| *x == now).unwrap_or(0);
    all[(i + 1) % all.len()]
}

impl App {
    fn passes(&self, i: usize) -> bool {
        let Some(c) = self.session.cases.get(i) else {
            return false;
        };
        if self.filter == Filter::All {
            // No status asked: over 100,000 cases each one is a lookup in the minutes.
            return true;
        }
        let id = &c.case.id;
        let st = self.session.status(id);
        match self.filter {
            Filter::All => true,
            Filter::Pending => matches!(st, Status::Pending | Status::OnAgenda(_)),
            Filter::OnAgenda => matches!(st, Status::OnAgenda(_)),
            Filter::Held => st == Status::Held,
            Filter::Incomplete => self.session.state.incomplete(id).is_some(),
            Filter::Decided => st == Status::Decided,
            Filter::Deferred => st == Status::Deferred,
            Filter::UnderReview => {
                let (a, b) = self.session.review_marks(id);
                (a || b) && st != Status::Decided
            }
        }
    }

    /// The queue's rows (indices into `cases`), filtered and sorted; during a meeting the
    /// agenda comes first, in its order; only the cases the text filter lets through. As kept
    /// by the last keystroke when nothing that could change them happened since (`version`,
    /// the filters, the sort), else computed afresh: drawing keeps nothing.
    pub fn visible(&self) -> Cow<'_, [usize]> {
        let key = self.rows_key();
        if let Some((k, rows)) = &self.kept_rows
            && *k == key
        {
            // Borrowed: a keystroke over 100,000 rows copies none of them.
            return Cow::Borrowed(rows);
        }
        let base = self.base_key();
        Cow::Owned(match &self.kept_base {
            Some((k, rows)) if *k == base => self.narrowed(rows),
            _ => self.narrowed(&self.compute_rows()),
        })
    }

    fn base_key(&self) -> (u64, Filter, Sort) {
        (self.session.version, self.filter, self.sort)
    }

    fn rows_key(&self) -> ((u64, Filter, Sort), String) {
        (self.base_key(), self.narrow.folded().to_string())
    }

    /// `rows` (sorted, status-filtered) less the cases the text filter hides, in their order:
    /// a typed character filters the sorted rows instead of sorting again.
    fn narrowed(&self, rows: &[usize]) -> Vec<usize> {
        let Some(matches) = self.narrow.matches() else {
            return rows.to_vec();
        };
        let mut shown = vec![false; self.session.cases.len()];
        for &i in matches {
            if let Some(s) = shown.get_mut(i) {
                *s = true;
            }
        }
        rows.iter()
            .copied()
            .filter(|&i| shown.get(i).copied().unwrap_or(false))
            .collect()
    }

    /// [`App::visible`], kept until something that could change the rows happens: moving
    /// the cursor over 10,000 cases must not sort them again.
    pub fn rows(&mut self) -> Cow<'_, [usize]> {
        self.keep_rows();
        self.visible()
    }

    /// Computes the queue's rows again if something could have changed them since: the
    /// sorted rows only when the cases, their states, the status filter or the sort did.
    pub fn keep_rows(&mut self) {
        // The cases may have been read again, or the language that names the kinds changed.
        let (lang, epoch) = (self.lang, self.cases_epoch);
        self.narrow.settle(&self.session, lang, epoch);
        let key = self.rows_key();
        if self.kept_rows.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        if !self.kept_base.as_ref().is_some_and(|(k, _)| *k == key.0) {
            self.kept_base = Some((key.0, self.compute_rows()));
        }
        let rows = match &self.kept_base {
            Some((_, rows)) => self.narrowed(rows),
            None => Vec::new(),
        };
        self.kept_rows = Some((key, rows));
    }

    /// The first row on screen, moved so that the selected row shows: a page on when the
    /// cursor went past the last row (the selected row then leads the new page), a page back
    /// when it went above the first. Between the jumps a move redraws two rows only.
    pub fn follow_cursor(&mut self) {
        let page = self.queue_rows_shown();
        let rows = self.visible();
        let last_top = rows.len().saturating_sub(page);
        let Some(at) = rows.iter().position(|&i| i == self.selected) else {
            self.queue_top = self.queue_top.min(last_top);
            return;
        };
        if at < self.queue_top {
            self.queue_top = (at + 1).saturating_sub(page);
        } else if at >= self.queue_top + page {
            self.queue_top = at;
        }
        // The last page is full: past the end there is nothing to show.
        self.queue_top = self.queue_top.min(last_top);
    }

    /// How many cases the queue shows at the App's size: the terminal less the header, the
    /// message, the hints, the queue's column titles and its status line.
    pub fn queue_rows_shown(&self) -> usize {
        usize::from(self.area.1).saturating_sub(5).max(1)
    }

    fn compute_rows(&self) -> Vec<usize> {
        let mut rows: Vec<usize> = (0..self.session.cases.len())
            .filter(|&i| self.passes(i))
            .collect();
        // During a meeting the agenda leads whatever the sort; sorted by agenda, always.
        let by_agenda = self.session.meeting.is_some() || self.sort == Sort::Agenda;
        let agenda: std::collections::HashMap<&str, usize> = if by_agenda {
            self.session
                .state
                .agenda
                .iter()
                .enumerate()
                .map(|(i, c)| (c.as_str(), i))
                .collect()
        } else {
            Default::default()
        };
        rows.sort_by(|a, b| {
            let (x, y) = (&self.session.cases[*a].case, &self.session.cases[*b].case);
            let place = |c: &crate::domain::case::Case| {
                agenda.get(c.id.as_str()).copied().unwrap_or(usize::MAX)
            };
            let primary = match self.sort {
                Sort::Received => x.received.cmp(&y.received),
                Sort::Id => x.id.cmp(&y.id),
                Sort::Unit => x.subject.unit.cmp(&y.subject.unit),
                Sort::Kind => x.kind.cmp(&y.kind),
                Sort::Agenda => std::cmp::Ordering::Equal,
            };
            place(x)
                .cmp(&place(y))
                .then(primary)
                .then(x.received.cmp(&y.received))
                .then(x.id.cmp(&y.id))
        });
        rows
    }

    /// Moves the selection by `delta` rows of the visible queue.
    pub fn move_in_queue(&mut self, delta: isize) {
        let selected = self.selected;
        let rows = self.rows();
        if rows.is_empty() {
            return;
        }
        let at = rows.iter().position(|&i| i == selected).unwrap_or(0) as isize;
        let to = (at + delta).clamp(0, rows.len() as isize - 1) as usize;
        self.selected = rows[to];
    }

    fn triage_allowed(&mut self) -> bool {
        if let Some(e) = self.session.state_error.clone() {
            self.warn(e);
            return false;
        }
        true
    }

    /// Records a change of the working state, keeping the old one for undo.
    fn change(&mut self, f: impl FnOnce(&mut QueueState)) {
        self.session.change_state(f);
    }

    fn selected_id(&self) -> Option<String> {
        self.session
            .cases
            .get(self.selected)
            .map(|c| c.case.id.clone())
    }

    /// `a`: on the agenda (at its end) or off it. Decided and held cases stay off.
    pub fn toggle_agenda(&mut self) {
        let Some(id) = self.selected_id() else { return };
        if !self.triage_allowed() {
            return;
        }
        match self.session.status(&id) {
            Status::Decided => return self.warn(i18n::TRIAGE_DECIDED.get(self.lang)),
            Status::Held => return self.warn(i18n::TRIAGE_HELD.get(self.lang)),
            _ => {}
        }
        self.change(|s| match s.agenda.iter().position(|c| *c == id) {
            Some(i) => {
                s.agenda.remove(i);
            }
            None => s.agenda.push(id),
        });
    }

    /// `J`/`K`: the selected case one place down (+1) or up (-1) the agenda.
    pub fn move_on_agenda(&mut self, delta: isize) {
        let Some(id) = self.selected_id() else { return };
        let Some(i) = self.session.state.on_agenda(&id) else {
            return self.warn(i18n::TRIAGE_NOT_ON_AGENDA.get(self.lang));
        };
        let j = i as isize + delta;
        if j < 0 || j >= self.session.state.agenda.len() as isize || !self.triage_allowed() {
            return;
        }
        self.change(|s| s.agenda.swap(i, j as usize));
    }

    /// `x`: asks why a case is held back, or releases one held.
    pub fn toggle_hold(&mut self) {
        let Some(id) = self.selected_id() else { return };
        if !self.triage_allowed() {
            return;
        }
        if self.session.state.held(&id).is_some() {
            self.change(|s| s.held.retain(|n| n.case != id));
        } else if self.session.status(&id) == Status::Decided {
            self.warn(i18n::TRIAGE_DECIDED.get(self.lang));
        } else {
            self.popup = Some(Popup::Input {
                ask: Ask::HoldReason(id),
                input: TextInput::default(),
            });
        }
    }

    /// `i`: asks what is missing, or clears the mark.
    pub fn toggle_incomplete(&mut self) {
        let Some(id) = self.selected_id() else { return };
        if !self.triage_allowed() {
            return;
        }
        if self.session.state.incomplete(&id).is_some() {
            self.change(|s| s.incomplete.retain(|n| n.case != id));
        } else {
            self.popup = Some(Popup::Input {
                ask: Ask::IncompleteNote(id),
                input: TextInput::default(),
            });
        }
    }

    /// The answer to a hold or an incomplete-materials question.
    pub fn triage_answer(&mut self, ask: Ask, text: String) {
        let at = self.session.now();
        match ask {
            Ask::HoldReason(case) => {
                if text.is_empty() {
                    return self.refuse(&crate::domain::meeting::Refusal::NeedReason);
                }
                self.change(|s| {
                    s.agenda.retain(|c| *c != case);
                    s.held.push(Note {
                        case,
                        note: text,
                        at,
                    });
                });
            }
            Ask::IncompleteNote(case) => {
                if text.is_empty() {
                    return self.refuse(&crate::domain::meeting::Refusal::NeedReason);
                }
                self.change(|s| {
                    s.incomplete.push(Note {
                        case,
                        note: text,
                        at,
                    })
                });
            }
            _ => {}
        }
    }

    pub fn cycle_filter(&mut self) {
        self.filter = next(&Filter::ALL, self.filter);
        // The agenda is read in its order: 议程 2 never above 议程 1.
        if self.filter == Filter::OnAgenda {
            self.sort = Sort::Agenda;
        }
    }

    pub fn cycle_sort(&mut self) {
        self.sort = next(&Sort::ALL, self.sort);
    }

    /// `u`: the working state as it was before the last triage act.
    pub fn undo(&mut self) {
        match self.session.undo_state() {
            Some(now) => {
                let what = undone(&now, &self.session.state);
                let text = i18n::undone(&what, self.lang);
                self.info(text);
            }
            None => self.warn(i18n::TRIAGE_NOTHING_TO_UNDO.get(self.lang)),
        }
    }

    /// Who must be outside for `case`: its conflicts, and when the rules say so, those who
    /// sat on the decision it reviews.
    pub fn outside_for(&self, case: &crate::domain::case::Case) -> BTreeSet<String> {
        let mut out: BTreeSet<String> = case
            .conflicts
            .iter()
            .filter(|c| {
                self.session
                    .panel
                    .member(&c.member)
                    .is_some_and(|m| m.role.votes())
            })
            .map(|c| c.member.clone())
            .collect();
        if self.session.panel.rules.meeting.review == crate::domain::rules::ReviewRule::Recuse {
            out.extend(self.session.earlier_members(case));
        }
        out
    }

    /// `o`: the agenda ordered so that recused members step out and in as few times as
    /// possible.
    pub fn order_agenda(&mut self) {
        if !self.triage_allowed() || self.session.state.agenda.len() < 2 {
            return;
        }
        let items: Vec<agenda::Item> = self
            .session
            .state
            .agenda
            .iter()
            .filter_map(|id| self.session.cases.iter().find(|c| &c.case.id == id))
            .map(|c| agenda::Item {
                id: c.case.id.clone(),
                outside: self.outside_for(&c.case),
                received: c.case.received.to_string(),
            })
            .collect();
        let ordered = agenda::order(&items);
        // Ids on the agenda whose case file is gone keep their place at the end.
        let mut rest: Vec<String> = self
            .session
            .state
            .agenda
            .iter()
            .filter(|id| !ordered.contains(id))
            .cloned()
            .collect();
        let before = self.session.state.agenda.clone();
        let mut new = ordered;
        new.append(&mut rest);
        if new != before {
            self.change(|s| s.agenda = new);
        }
        let sets: Vec<&BTreeSet<String>> = items.iter().map(|i| &i.outside).collect();
        let _ = sets;
        let steps = agenda::cost(
            &self
                .session
                .state
                .agenda
                .iter()
                .filter_map(|id| items.iter().find(|i| &i.id == id).map(|i| &i.outside))
                .collect::<Vec<_>>(),
        );
        let text = i18n::agenda_ordered(steps, self.lang);
        self.info(text);
    }

    /// `]`/`[` on the case screen: the next or previous case of the agenda.
    pub fn step_agenda(&mut self, forward: bool) {
        let Some(id) = self.selected_id() else { return };
        let agenda = &self.session.state.agenda;
        if agenda.is_empty() {
            return self.warn(i18n::TRIAGE_AGENDA_EMPTY.get(self.lang));
        }
        let target = match agenda.iter().position(|c| *c == id) {
            Some(i) if forward => agenda.get(i + 1),
            Some(i) => i.checked_sub(1).and_then(|j| agenda.get(j)),
            None => agenda.first(),
        };
        let Some(target) = target.cloned() else {
            return self.warn(i18n::TRIAGE_AGENDA_END.get(self.lang));
        };
        if let Some(i) = self.session.cases.iter().position(|c| c.case.id == target) {
            self.selected = i;
            self.screen = Screen::Case;
            self.open_case();
        }
    }
}

/// What going back from `now` to `before` undoes, named by case, for the message.
fn undone(now: &QueueState, before: &QueueState) -> Vec<i18n::Undone> {
    use i18n::Undone as U;
    let ids = |v: &[Note]| -> Vec<String> { v.iter().map(|n| n.case.clone()).collect() };
    let mut out = Vec::new();
    let diff = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter().filter(|x| !b.contains(x)).cloned().collect()
    };
    for c in diff(&now.agenda, &before.agenda) {
        out.push(U::AgendaAdded(c));
    }
    for c in diff(&before.agenda, &now.agenda) {
        out.push(U::AgendaRemoved(c));
    }
    if out.is_empty() && now.agenda != before.agenda {
        out.push(U::AgendaOrder);
    }
    for c in diff(&ids(&now.held), &ids(&before.held)) {
        out.push(U::Held(c));
    }
    for c in diff(&ids(&before.held), &ids(&now.held)) {
        out.push(U::Released(c));
    }
    for c in diff(&ids(&now.incomplete), &ids(&before.incomplete)) {
        out.push(U::Incomplete(c));
    }
    for c in diff(&ids(&before.incomplete), &ids(&now.incomplete)) {
        out.push(U::Complete(c));
    }
    out
}
