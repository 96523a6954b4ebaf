//! The queue screen: moving through the cases, searching, opening a case, and asking for a
//! correction to finalized minutes. The working state (agenda, holds) is in `triage`.

use crate::domain::case::Case;
use crate::i18n;
use crate::store::minutes::Minutes;
use crate::text::fold;

use crate::tui::action::Action;
use crate::tui::app::{App, CaseView, Screen};
use crate::tui::input::TextInput;
use crate::tui::popups::{Ask, Confirm, Form, FormField, Popup};

impl App {
    pub(crate) fn update_queue(&mut self, action: Action) {
        let page = self.page.max(1) as isize;
        // What acts on the selected case acts only on a case the queue shows.
        let on_case = matches!(
            action,
            Action::Enter
                | Action::ToggleAgenda
                | Action::AgendaDown
                | Action::AgendaUp
                | Action::Hold
                | Action::Incomplete
                | Action::EditCase
                | Action::Correct
        );
        let selected = self.selected;
        if on_case && !self.rows().contains(&selected) {
            return self.warn(i18n::NO_CASE_SHOWN.get(self.lang));
        }
        match action {
            Action::Up => self.move_in_queue(-1),
            Action::Down => self.move_in_queue(1),
            Action::Top => self.move_in_queue(isize::MIN / 2),
            Action::Bottom => self.move_in_queue(isize::MAX / 2),
            // A page moves the list with the cursor, which keeps its place on screen.
            Action::PageDown => {
                self.queue_top = self.queue_top.saturating_add(page.unsigned_abs());
                self.move_in_queue(page)
            }
            Action::PageUp => {
                self.queue_top = self.queue_top.saturating_sub(page.unsigned_abs());
                self.move_in_queue(-page)
            }
            Action::Enter => self.open_case(),
            Action::Search => {
                self.popup = Some(Popup::Input {
                    ask: Ask::Search,
                    input: TextInput::default(),
                })
            }
            Action::Narrow => {
                let (lang, epoch) = (self.lang, self.cases_epoch);
                self.narrow.open(&self.session, lang, epoch);
            }
            Action::SearchNext => self.search_step(true),
            Action::SearchPrev => self.search_step(false),
            Action::Meeting => self.start_roll(),
            Action::Finalize => self.ask_finalize(),
            Action::ToggleAgenda => self.toggle_agenda(),
            Action::AgendaDown => self.move_on_agenda(1),
            Action::AgendaUp => self.move_on_agenda(-1),
            Action::Hold => self.toggle_hold(),
            Action::Incomplete => self.toggle_incomplete(),
            Action::CycleFilter => self.cycle_filter(),
            Action::CycleSort => self.cycle_sort(),
            Action::Undo => self.undo(),
            Action::OrderAgenda => self.order_agenda(),
            Action::NewCase => self.edit_request = Some(None),
            Action::Correct => self.ask_correction(),
            Action::Report => self.popup = Some(Popup::Report { scroll: 0 }),
            Action::EditCase if !self.session.cases.is_empty() => {
                // Said before the editor opens, where it can still be read: asked, not told.
                if self
                    .session
                    .status(&self.session.cases[self.selected].case.id)
                    == crate::tui::triage::Status::Decided
                {
                    self.popup = Some(Popup::Confirm(Confirm::EditDecided(self.selected)));
                } else {
                    self.edit_request = Some(Some(self.selected));
                }
            }
            _ => {}
        }
    }

    pub fn open_case(&mut self) {
        if self.session.cases.is_empty() {
            return;
        }
        let selected = self.selected;
        self.queue_row = self.rows().iter().position(|&i| i == selected);
        self.screen = Screen::Case;
        self.case_view = CaseView::default();
        if self.round_open() {
            self.case_view.focus = 3;
        }
        self.case_view.voter = self.first_unheard();
    }

    /// A key while the text filter's prompt is open: the rows narrow (or widen) as the text
    /// changes; Enter keeps the filter and gives the keys back to the queue, Esc clears it.
    pub(crate) fn update_narrow(&mut self, action: Action) {
        let Some(mut input) = self.narrow.prompt.take() else {
            return;
        };
        match action {
            Action::Enter => {}
            Action::Back => self.narrow.clear(),
            other => {
                crate::tui::popups::edit(&mut input, other);
                if input.take_refused() > 0 {
                    self.warn(i18n::text_too_long(input.limit(), self.lang));
                }
                let text = input.text();
                self.narrow.prompt = Some(input);
                if text != self.narrow.text() {
                    let (lang, epoch) = (self.lang, self.cases_epoch);
                    self.narrow.set(&text, &self.session, lang, epoch);
                }
            }
        }
        // The cursor stays on its case while the case matches, else goes to the first match.
        let selected = self.selected;
        let rows = self.rows();
        if !rows.contains(&selected)
            && let Some(&first) = rows.first()
        {
            self.selected = first;
        }
    }

    /// Selects case `i`, showing every case when the filters hid it: nothing is selected
    /// that the queue does not show.
    pub fn select_shown(&mut self, i: usize) {
        self.selected = i;
        if !self.rows().contains(&i) {
            self.filter = crate::tui::triage::Filter::All;
            if !self.rows().contains(&i) {
                self.narrow.clear();
            }
            self.session.touch();
            self.info(i18n::FILTER_CLEARED_FOR_MATCH.get(self.lang));
        }
    }

    /// Whether `case` matches a search: id, title, subject's name or unit, compared folded
    /// (case, full-width and half-width forms alike); `needle` is folded already.
    pub(crate) fn matches(case: &Case, needle: &str) -> bool {
        [
            &case.id,
            &case.title,
            &case.subject.name,
            &case.subject.unit,
        ]
        .iter()
        .any(|h| fold(h).contains(needle))
    }

    /// Moves to the first match at or after `from`, wrapping.
    pub(crate) fn find_from(&self, from: usize, forward: bool) -> Option<usize> {
        let needle = self.search.as_deref().filter(|s| !s.is_empty())?;
        let needle = fold(needle);
        let needle = needle.as_str();
        let n = self.session.cases.len();
        (0..n)
            .map(|i| {
                if forward {
                    (from + i) % n
                } else {
                    (from + n - i % n) % n
                }
            })
            .find(|&i| Self::matches(&self.session.cases[i].case, needle))
    }

    pub(crate) fn search_step(&mut self, forward: bool) {
        if self.search.is_none() {
            return;
        }
        let n = self.session.cases.len().max(1);
        let from = if forward {
            (self.selected + 1) % n
        } else {
            (self.selected + n - 1) % n
        };
        match self.find_from(from, forward) {
            Some(i) => self.select_shown(i),
            None => {
                let s = i18n::no_match(self.search.as_deref().unwrap_or(""), self.lang);
                self.warn(s)
            }
        }
    }

    /// The finalized minutes a correction would amend: those that decided the selected case,
    /// else the latest finalized.
    pub(crate) fn correction_target(&self) -> Option<(String, String, Option<String>)> {
        let all: Vec<&Minutes> = self
            .session
            .history
            .iter()
            .chain(self.session.final_minutes.as_ref())
            .collect();
        let finals = all.iter().filter(|m| m.finalization.is_some());
        let id = self.case().map(|c| c.id.clone());
        let by_case = finals.clone().rev().find(|m| {
            id.as_ref().is_some_and(|i| {
                m.cases
                    .iter()
                    .any(|c| &c.case == i && c.determination().is_some())
            })
        });
        let m = by_case.or_else(|| finals.clone().next_back())?;
        let digest = m.finalization.as_ref()?.minutes_digest.clone();
        let case = by_case.and(id);
        Some((m.meeting.id.clone(), digest, case))
    }

    /// `C`: asks for a correction to finalized minutes.
    pub fn ask_correction(&mut self) {
        if let Some(d) = self.session.ledger_damage(self.lang) {
            self.warn(d);
            return;
        }
        match self.correction_target() {
            None => self.warn(i18n::NO_FINAL_MINUTES.get(self.lang)),
            Some((meeting, _, case)) => {
                self.popup = Some(Popup::Addendum {
                    meeting,
                    case,
                    form: Form::new(vec![
                        (FormField::Reason, TextInput::default()),
                        (FormField::Correction, TextInput::default()),
                    ]),
                });
            }
        }
    }
}
