//! The screen's state over the meeting session, and `update`, which applies one action to
//! it. No terminal here: tests drive whole meetings through `update`.
//!
//! The meeting itself lives in `session` and `domain::meeting`; this module decides which
//! screen shows and hands each action to its screen (`screens`) or popup (`popups`), and
//! turns the domain's refusals into messages.

use crate::domain::case::Case;
use crate::domain::meeting::Refusal;
use crate::domain::text::Lang;
use crate::i18n;
pub use crate::session::{Clock, Level, Session, Shown, SystemClock};

pub use super::action::Action;
pub use super::popups::{Ask, Confirm, Form, FormField, Pick, Popup, edit};
use crate::store::panel::LoadedCase;

/// The smallest terminal the screens are drawn for; below it only quitting acts.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Queue,
    Case,
    Roll,
}

/// The parts of the case screen that `Tab` moves between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Facts,
    Distinctions,
    Items,
    Vote,
}

impl Part {
    pub const ALL: [Part; 4] = [Part::Facts, Part::Distinctions, Part::Items, Part::Vote];
}

/// The roll call being taken before the meeting opens (or retaken during it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RollCall {
    pub cursor: usize,
    pub present: Vec<bool>,
    pub reasons: Vec<String>,
    pub attendees: Vec<String>,
    pub acting_chair: Option<String>,
    pub method: usize,
}

/// The case screen's own state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseView {
    pub focus: usize,
    pub distinction: usize,
    /// How far the part in front (facts, situations, vote) is scrolled.
    pub scroll: u16,
    pub voter: usize,
    /// The furthest the part in front can scroll at the App's size, measured by the view
    /// when `j` asks (only the view knows how its text wraps), so that `j` stops at the end
    /// instead of running past it.
    pub scroll_max: u16,
    /// What `scroll_max` was measured for. Measuring draws the whole case aside, so it is
    /// done again only when something that can change the wrapping has changed, not at every
    /// `j`.
    pub measured_for: Option<ScrollKey>,
}

/// The case, the part in front, the distinction, the size, the session's version, the
/// language, and whether a message line is shown: what a part's length depends on.
pub type ScrollKey = (usize, usize, usize, (u16, u16), u64, Lang, bool);

pub struct App {
    /// The meeting session: everything recorded, none of the screen.
    pub session: Session,
    pub lang: Lang,
    pub ascii: bool,
    pub screen: Screen,
    pub selected: usize,
    /// The selected case's row in the queue when a case was last opened (none if a search
    /// had chosen a hidden case): where the cursor lands if the case has left the queue's
    /// filter by the time the clerk is back.
    pub queue_row: Option<usize>,
    pub search: Option<String>,
    pub case_view: CaseView,
    pub roll: Option<RollCall>,
    pub popup: Option<Popup>,
    pub message: Option<(Level, String)>,
    pub quit: bool,
    /// How many rows the queue shows, set by the view for page moves.
    pub page: usize,
    /// The terminal's size, set by the front end before each key: below the minimum only
    /// quitting acts, since nothing else could be seen.
    pub area: (u16, u16),
    pub filter: super::triage::Filter,
    pub sort: super::triage::Sort,
    /// A case to write in the editor, for the terminal front end to carry out: the index of
    /// the case to edit, or none for a new one.
    pub edit_request: Option<Option<usize>>,
    /// The queue's rows and what they were computed for, kept by the keystrokes (see
    /// [`App::rows`]) so that drawing only reads them.
    pub kept_rows: Option<super::triage::RowsKey>,
    /// The rows before the text filter, kept so that a typed character filters them
    /// instead of sorting every case again.
    pub kept_base: Option<super::triage::BaseKey>,
    /// The queue's text filter (`&`).
    pub narrow: super::narrow::Narrow,
    /// Bumped whenever the cases are read again: the text filter's haystacks are kept for it.
    pub cases_epoch: u64,
    /// The queue's first row on screen, moved by the keystrokes a page at a time (see
    /// [`App::follow_cursor`]) so that a step down redraws two rows, not the whole list.
    pub queue_top: usize,
}

impl App {
    pub fn new(session: Session, lang: Lang) -> App {
        App {
            session,
            lang,
            ascii: false,
            screen: Screen::Queue,
            selected: 0,
            queue_row: None,
            search: None,
            case_view: CaseView::default(),
            roll: None,
            popup: None,
            message: None,
            quit: false,
            page: 10,
            area: (120, 40),
            filter: super::triage::Filter::All,
            sort: super::triage::Sort::Received,
            edit_request: None,
            kept_rows: None,
            kept_base: None,
            narrow: Default::default(),
            cases_epoch: 0,
            queue_top: 0,
        }
    }

    /// Takes what the session did for the screen to show: the case where a meeting read
    /// again stopped, and the session's last word.
    pub fn hear(&mut self) {
        if std::mem::take(&mut self.session.reread) {
            self.resume();
        }
        if let Some(m) = self.session.said.take() {
            self.message = Some(m);
        }
        if self.screen == Screen::Queue {
            self.keep_rows();
            self.follow_cursor();
        }
    }

    pub fn case(&self) -> Option<&Case> {
        self.session.cases.get(self.selected).map(|c| &c.case)
    }

    /// Whether `action` does anything in context `ctx` now: the hint bar and `?` list only
    /// keys that act. A follower records nothing; an opinion needs an open round in view;
    /// the reconsideration key needs a case decided earlier and not yet taken up here.
    pub fn acts(&self, ctx: super::keymap::Context, action: &Action) -> bool {
        use super::keymap::Context as C;
        if self.session.read_only.is_some() && self.records(action) {
            return false;
        }
        let case = self.case().map(|c| c.id.as_str());
        let taken = |id: &str| {
            self.session
                .meeting
                .as_ref()
                .is_some_and(|m| m.record(id).is_some())
        };
        match (ctx, action) {
            (C::Queue, Action::Finalize) => self.session.in_meeting(),
            (C::Queue, Action::Correct) => self
                .session
                .history
                .iter()
                .chain(self.session.final_minutes.as_ref())
                .any(|m| m.is_final()),
            (C::Queue, Action::Undo) => !self.session.state_undo.is_empty(),
            (C::Queue, Action::SearchNext | Action::SearchPrev) => self.search.is_some(),
            // The filter's prompt is not a popup: the editor has no field to open.
            (C::Input, Action::Editor) => self.narrow.prompt.is_none() || self.popup.is_some(),
            (C::Case | C::CaseGrounds, Action::Enter) => false,
            (C::Case | C::CaseGrounds, Action::Reconsider) => {
                self.session.in_meeting()
                    && case.is_some_and(|c| !taken(c) && self.session.decided_in(c).is_some())
            }
            // A case decided earlier records nothing until the members agree to reconsider.
            (C::Case | C::CaseGrounds, a)
                if self.records(a)
                    && case.is_some_and(|c| !taken(c) && self.session.decided_in(c).is_some()) =>
            {
                false
            }
            // The finding keys act on the distinctions only.
            (C::Case, Action::Left | Action::Right | Action::Toggle | Action::Basis) => {
                self.session.in_meeting() && self.part() == Part::Distinctions
            }
            (
                C::Case | C::CaseGrounds,
                Action::Vote
                | Action::VoteMethod
                | Action::Determine
                | Action::Proposal
                | Action::Presenter
                | Action::Recuse
                | Action::Void
                | Action::Left
                | Action::Right
                | Action::Toggle
                | Action::Basis
                | Action::Item(_),
            ) => self.session.in_meeting(),
            _ => true,
        }
    }

    /// Whether `action` would record something in the minutes on the current screen.
    fn records(&self, action: &Action) -> bool {
        match self.screen {
            Screen::Queue => matches!(
                action,
                Action::Meeting
                    | Action::Finalize
                    | Action::ToggleAgenda
                    | Action::AgendaDown
                    | Action::AgendaUp
                    | Action::Hold
                    | Action::Incomplete
                    | Action::Undo
                    | Action::OrderAgenda
                    | Action::NewCase
                    | Action::EditCase
                    | Action::Correct
            ),
            Screen::Roll => false,
            Screen::Case => match action {
                Action::Enter => self.part() == Part::Vote,
                a => matches!(
                    a,
                    Action::Left
                        | Action::Right
                        | Action::Toggle
                        | Action::Basis
                        | Action::Item(_)
                        | Action::Recuse
                        | Action::Presenter
                        | Action::Proposal
                        | Action::Vote
                        | Action::VoteMethod
                        | Action::Opinion(_)
                        | Action::Void
                        | Action::Determine
                        | Action::Reconsider
                ),
            },
        }
    }

    /// The cases as read again from `cases/`, the selection kept on `select` if given.
    pub fn reload_cases(&mut self, cases: Vec<LoadedCase>, select: Option<&str>) {
        let keep = select
            .map(str::to_string)
            .or_else(|| self.case().map(|c| c.id.clone()));
        self.session.reload_cases(cases);
        self.cases_epoch += 1;
        self.selected = keep
            .and_then(|id| self.session.cases.iter().position(|c| c.case.id == id))
            .unwrap_or(0);
    }

    /// Opens the case where the meeting stopped: one with a round under way, else the case the
    /// journal last spoke of.
    pub fn resume(&mut self) {
        let Some(m) = &self.session.meeting else {
            return;
        };
        let target = m
            .cases
            .iter()
            .find(|c| c.open_round().is_some())
            .map(|c| c.case.clone())
            .or_else(|| {
                self.session
                    .resume_case
                    .clone()
                    .filter(|c| m.record(c).is_some())
            });
        if let Some(id) = target
            && let Some(i) = self.session.cases.iter().position(|c| c.case.id == id)
        {
            self.selected = i;
            self.open_case();
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some((Level::Info, text.into()));
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some((Level::Warn, text.into()));
    }

    pub fn refuse(&mut self, r: &Refusal) {
        let text = i18n::refusal(r, self.lang, &self.session.panel);
        self.warn(text);
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        let before = self.selected;
        // The row the selected case held: in the queue now, or when its case was opened.
        let row = match self.screen {
            Screen::Queue => self.rows().iter().position(|&i| i == before),
            _ => self.queue_row,
        };
        self.update_screen(action);
        self.bound_texts();
        // The selected case left what the queue shows (taken up, held, filtered out): the
        // cursor lands on the row it held. A case a search chose may be hidden (it held no
        // row, or the action changed the selection), and stays selected.
        if let Some(row) = row
            && self.screen == Screen::Queue
            && self.popup.is_none()
            && self.selected == before
        {
            let rows = self.rows();
            if !rows.is_empty() && !rows.contains(&before) {
                self.selected = rows[row.min(rows.len() - 1)];
            }
        }
        // The queue is drawn next: its rows are kept now, since drawing keeps nothing.
        if self.screen == Screen::Queue {
            self.keep_rows();
            self.follow_cursor();
        }
        self.keep_whole();
    }

    /// Whether the terminal is below the size the screens need.
    pub fn too_small(&self) -> bool {
        self.area.0 < MIN_WIDTH || self.area.1 < MIN_HEIGHT
    }

    /// `q` in the queue, `Ctrl-C` anywhere: leave, asking first while a meeting is open.
    fn ask_quit(&mut self) {
        if self.session.in_meeting()
            && self.session.read_only.is_none()
            && self.popup != Some(Popup::Confirm(Confirm::Quit))
        {
            self.popup = Some(Popup::Confirm(Confirm::Quit));
        } else {
            self.quit = true;
        }
    }

    fn update_screen(&mut self, action: Action) {
        if action == Action::QuitAll {
            return self.ask_quit();
        }
        // Too small to see: nothing acts unseen but leaving (and its confirmation).
        if self.too_small() {
            match (&self.popup, &action) {
                (Some(Popup::Confirm(Confirm::Quit)), Action::Yes) => self.quit = true,
                (Some(Popup::Confirm(Confirm::Quit)), _) => self.popup = None,
                (_, Action::Quit) => {
                    self.popup = None;
                    self.ask_quit();
                }
                _ => {}
            }
            return;
        }
        // The filter's prompt takes the keys, and changes only the text filter: the rows are
        // narrowed from those kept, not computed again.
        if self.popup.is_none() && self.screen == Screen::Queue && self.narrow.prompt.is_some() {
            self.message = None;
            return self.update_narrow(action);
        }
        // Anything but moving may change what the queue shows. Opening a case from the
        // queue and going back from it only change the screen (a take-up is an event, and
        // `commit` counts it), so the queue's rows survive a look at a case; opening the text
        // filter's prompt changes nothing yet.
        let moving = matches!(
            action,
            Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
                | Action::PageDown
                | Action::PageUp
        );
        let looking = self.popup.is_none()
            && matches!(
                (self.screen, &action),
                (Screen::Queue, Action::Enter | Action::Narrow) | (Screen::Case, Action::Back)
            );
        if !moving && !looking {
            self.session.touch();
        }
        if action != Action::Help {
            self.message = None;
        }
        if let Some(holder) = self.session.read_only.clone()
            && self.popup.is_none()
            && self.records(&action)
        {
            let text = i18n::read_only(&holder, self.lang);
            self.warn(text);
            return;
        }
        if self.popup.is_some() {
            self.update_popup(action);
            return;
        }
        match action {
            Action::Quit => match self.screen {
                Screen::Queue => self.ask_quit(),
                Screen::Case => self.screen = Screen::Queue,
                Screen::Roll => self.cancel_roll(),
            },
            Action::Help => self.popup = Some(Popup::Help),
            Action::SwitchLang => {
                self.lang = match self.lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                }
            }
            _ => match self.screen {
                Screen::Queue => self.update_queue(action),
                Screen::Case => self.update_case(action),
                Screen::Roll => self.update_roll(action),
            },
        }
    }

    /// The context of the screen beneath any popup, for the help.
    pub fn context_under_popup(&self) -> super::keymap::Context {
        use super::keymap::Context;
        match self.screen {
            Screen::Queue => Context::Queue,
            Screen::Roll if self.session.meeting.is_some() => Context::RollMeeting,
            Screen::Roll => Context::Roll,
            Screen::Case if self.part() == Part::Vote && self.round_open() => Context::Vote,
            Screen::Case
                if self
                    .case()
                    .and_then(|c| self.session.kind_of(c))
                    .is_some_and(|k| k.distinctions.is_empty()) =>
            {
                Context::CaseGrounds
            }
            Screen::Case => Context::Case,
        }
    }

    /// What the context of the next keystroke is, for the keymap and the help.
    pub fn context(&self) -> super::keymap::Context {
        use super::keymap::Context;
        if self.too_small() {
            return match &self.popup {
                Some(Popup::Confirm(Confirm::Quit)) => Context::Confirm,
                _ => Context::TooSmall,
            };
        }
        match &self.popup {
            Some(Popup::Help) => Context::Help,
            Some(Popup::Report { .. }) => Context::Report,
            Some(Popup::Confirm(_)) => Context::Confirm,
            Some(Popup::Pick { .. }) => Context::Pick,
            Some(Popup::Consent { .. }) => Context::Choose,
            Some(Popup::Input { .. }) => Context::Input,
            Some(Popup::Determination { .. }) | Some(Popup::Counts(_)) => Context::Form,
            Some(Popup::Proposal { .. }) => Context::ProposalForm,
            Some(Popup::Addendum { .. }) => Context::Form,
            None if self.screen == Screen::Queue && self.narrow.prompt.is_some() => Context::Input,
            None => self.context_under_popup(),
        }
    }

    pub fn part(&self) -> Part {
        Part::ALL[self.case_view.focus % Part::ALL.len()]
    }

    pub fn round_open(&self) -> bool {
        match (self.case(), &self.session.meeting) {
            (Some(c), Some(m)) => m.record(&c.id).is_some_and(|r| r.open_round().is_some()),
            _ => false,
        }
    }
}
