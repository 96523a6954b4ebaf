//! The application state, the actions a keystroke becomes, and `update`, which applies one
//! action to the state. No terminal here: tests drive whole meetings through `update`.
//!
//! The meeting itself lives in `domain::meeting`; this module decides which screen shows,
//! which popup asks for what, and turns the domain's refusals into messages.

use crate::domain::case::Case;
use crate::domain::meeting::Refusal;
use crate::domain::rules::Opinion;
use crate::domain::text::Lang;
use crate::i18n;
pub use crate::session::{Clock, Level, Session, Shown, SystemClock};
use crate::store::minutes::Minutes;
use crate::store::panel::LoadedCase;

use super::input::TextInput;

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

/// What a one-line text popup is asking for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    Search,
    Basis(String),
    AbsenceReason(String),
    Attendee,
    RecusalReason(String),
    Presenter,
    VoidReason(u32),
    /// How many members agree to reconsider a decided case.
    ReconsiderAgree,
    /// Why a case is held back from meetings.
    HoldReason(String),
    /// What is missing from a case's materials.
    IncompleteNote(String),
}

/// What a list popup is picking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pick {
    RecusedMember,
    /// The method of a round about to open.
    Method,
}

/// What a confirm popup will do on `y`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Confirm {
    CloseRound,
    /// Closing a secret ballot with the counts typed, written only when confirmed.
    CloseSecret(crate::domain::quorum::Tally),
    Determine {
        text: crate::domain::vote::DeterminationText,
        outcome: String,
    },
    /// The members' consent to reconsider a decided case, checked against the room.
    Reconsider(Box<crate::domain::meeting::Reconsideration>),
    /// Members leaving while a round is open: their opinions on it will be withdrawn.
    Departures(Vec<String>),
    /// An addendum to finalized minutes, sealed and written on `y`.
    Addendum(Box<crate::store::addendum::Addendum>),
    Void {
        round: u32,
        reason: String,
    },
    Finalize,
    /// Leaving docket while the meeting is open: it stays open and resumes on the next start.
    Quit,
    /// Esc on a form with text typed: throw it away? Any other key goes back to the form.
    Discard(Box<Popup>),
    /// `e` on a decided case: its file may change, the minutes keep what was decided on.
    EditDecided(usize),
}

/// A form of several text fields, `Tab` between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub fields: Vec<(FormField, TextInput)>,
    pub focus: usize,
    /// The texts it opened with: leaving a form whose text changed asks first.
    pub initial: Vec<String>,
}

impl Form {
    pub fn new(fields: Vec<(FormField, TextInput)>) -> Form {
        let initial = fields.iter().map(|(_, i)| i.text()).collect();
        Form {
            fields,
            focus: 0,
            initial,
        }
    }

    /// Whether anything was typed since the form opened.
    pub fn changed(&self) -> bool {
        self.fields
            .iter()
            .map(|(_, i)| i.text())
            .ne(self.initial.iter().cloned())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormField {
    Rationale,
    Dissent,
    Override,
    Basis,
    Agree,
    Disagree,
    Defer,
    Abstain,
    Reason,
    Correction,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Popup {
    Help,
    Input {
        ask: Ask,
        input: TextInput,
    },
    Pick {
        pick: Pick,
        items: Vec<String>,
        cursor: usize,
    },
    Confirm(Confirm),
    /// The determination: due outcome shown, rationale, dissent and override typed.
    Determination {
        outcome: String,
        form: Form,
    },
    /// The proposal: an outcome picked from the kind's list, and its basis.
    Proposal {
        outcomes: Vec<String>,
        cursor: usize,
        form: Form,
    },
    /// A secret ballot's counts.
    Counts(Form),
    /// Who agrees to reconsider a decided case, for an open method: the voting members
    /// present, each marked.
    Consent {
        members: Vec<(String, bool)>,
        cursor: usize,
    },
    /// The supervision report, as a screen.
    Report {
        scroll: u16,
    },
    /// A correction to finalized minutes: why, and what.
    Addendum {
        meeting: String,
        case: Option<String>,
        form: Form,
    },
}

/// A keystroke, once the keymap has read it in its context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Left,
    Right,
    Enter,
    Back,
    Tab,
    BackTab,
    Quit,
    /// Ctrl-C: leave docket from wherever one is.
    QuitAll,
    Help,
    Search,
    SearchNext,
    SearchPrev,
    SwitchLang,
    Meeting,
    Toggle,
    AbsenceReason,
    AddAttendee,
    ActingChair,
    Basis,
    Item(u8),
    Recuse,
    Presenter,
    Proposal,
    Vote,
    /// `V`: a round by a method other than the meeting's.
    VoteMethod,
    Opinion(Opinion),
    Void,
    Determine,
    Reconsider,
    Finalize,
    ToggleAgenda,
    AgendaDown,
    AgendaUp,
    Hold,
    Incomplete,
    CycleFilter,
    CycleSort,
    Undo,
    OrderAgenda,
    NextAgenda,
    PrevAgenda,
    /// `+`: a new case through the editor.
    NewCase,
    /// `e`: the selected case through the editor.
    EditCase,
    /// `C`: a correction to finalized minutes, as an addendum.
    Correct,
    /// `R`: the supervision report as a screen.
    Report,
    Yes,
    Char(char),
    Backspace,
    Delete,
    Home,
    End,
    Paste(String),
    /// Ctrl-E: edit the field's text in $EDITOR (the runner does it, then sends `Edited`).
    Editor,
    /// Ctrl-U: empty the field, as a shell's line editor does.
    ClearField,
    /// The field's text as it came back from the editor.
    Edited(String),
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
}

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
    pub kept_rows: Option<RowsKey>,
}

/// The queue's rows and what they were computed for: version, filter, sort.
pub type RowsKey = (
    (u64, super::triage::Filter, super::triage::Sort),
    Vec<usize>,
);

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

    /// The finalized minutes a correction would amend: those that decided the selected case,
    /// else the latest finalized.
    fn correction_target(&self) -> Option<(String, String, Option<String>)> {
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

    fn submit_correction(&mut self, meeting: String, case: Option<String>, form: Form) {
        let get = |f: FormField| {
            form.fields
                .iter()
                .find(|(k, _)| *k == f)
                .map(|(_, i)| i.text().trim().to_string())
                .unwrap_or_default()
        };
        let (reason, text) = (get(FormField::Reason), get(FormField::Correction));
        if reason.is_empty() || text.is_empty() {
            self.refuse(&Refusal::NeedReason);
            self.popup = Some(Popup::Addendum {
                meeting,
                case,
                form,
            });
            return;
        }
        let Some((_, digest, _)) = self.correction_target().filter(|t| t.0 == meeting) else {
            return;
        };
        let number = self.session.addenda.get(&meeting).map_or(0, Vec::len)
            + self
                .session
                .pending_addenda
                .iter()
                .filter(|a| a.minutes == meeting)
                .count()
            + 1;
        let by = self
            .session
            .panel
            .clerk()
            .map(|c| c.id.clone())
            .unwrap_or_default();
        let a = crate::store::addendum::Addendum {
            schema: 2,
            minutes: meeting,
            minutes_digest: digest,
            number: number as u32,
            made_at: self.session.now(),
            by,
            user: self.session.user.clone(),
            uid: self.session.uid,
            ledger: None,
            reason,
            corrections: vec![crate::store::addendum::Correction { case, text }],
            digest: String::new(),
        };
        self.popup = Some(Popup::Confirm(Confirm::Addendum(Box::new(a))));
    }

    /// The cases as read again from `cases/`, the selection kept on `select` if given.
    pub fn reload_cases(&mut self, cases: Vec<LoadedCase>, select: Option<&str>) {
        let keep = select
            .map(str::to_string)
            .or_else(|| self.case().map(|c| c.id.clone()));
        self.session.reload_cases(cases);
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
            if !rows.is_empty() && !rows.contains(&self.selected) {
                self.selected = rows[row.min(rows.len() - 1)];
            }
        }
        // The queue is drawn next: its rows are kept now, since drawing keeps nothing.
        if self.screen == Screen::Queue {
            self.keep_rows();
        }
    }

    /// Names and searches hold fewer characters than reasons; whatever a field could not take
    /// (typed, pasted or back from the editor) is said, never dropped in silence.
    fn bound_texts(&mut self) {
        let inputs: Vec<&mut TextInput> = match &mut self.popup {
            Some(Popup::Input { ask, input }) => {
                if matches!(ask, Ask::Search | Ask::Attendee | Ask::Presenter) {
                    input.set_limit(crate::tui::input::MAX_NAME);
                }
                vec![input]
            }
            Some(
                Popup::Determination { form, .. }
                | Popup::Proposal { form, .. }
                | Popup::Counts(form)
                | Popup::Addendum { form, .. },
            ) => form.fields.iter_mut().map(|(_, i)| i).collect(),
            _ => Vec::new(),
        };
        let cut = inputs
            .into_iter()
            .map(|i| (i.take_refused(), i.limit()))
            .find(|(n, _)| *n > 0);
        if let Some((_, limit)) = cut {
            self.warn(i18n::text_too_long(limit, self.lang));
        }
    }

    /// Esc on a form with text typed in it: asks before throwing the text away.
    fn ask_discard(&mut self, form: Popup) {
        self.popup = Some(Popup::Confirm(Confirm::Discard(Box::new(form))));
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
        // Anything but moving may change what the queue shows. Opening a case from the
        // queue and going back from it only change the screen (a take-up is an event, and
        // `commit` counts it), so the queue's rows survive a look at a case.
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
                (Screen::Queue, Action::Enter) | (Screen::Case, Action::Back)
            );
        if !moving && !looking {
            self.session.version += 1;
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

    fn update_queue(&mut self, action: Action) {
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
        if on_case && !self.rows().contains(&self.selected) {
            return self.warn(i18n::NO_CASE_SHOWN.get(self.lang));
        }
        match action {
            Action::Up => self.move_in_queue(-1),
            Action::Down => self.move_in_queue(1),
            Action::Top => self.move_in_queue(isize::MIN / 2),
            Action::Bottom => self.move_in_queue(isize::MAX / 2),
            Action::PageDown => self.move_in_queue(page),
            Action::PageUp => self.move_in_queue(-page),
            Action::Enter => self.open_case(),
            Action::Search => {
                self.popup = Some(Popup::Input {
                    ask: Ask::Search,
                    input: TextInput::default(),
                })
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
                    == super::triage::Status::Decided
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
        self.queue_row = self.rows().iter().position(|&i| i == self.selected);
        self.screen = Screen::Case;
        self.case_view = CaseView::default();
        if self.round_open() {
            self.case_view.focus = 3;
        }
        self.case_view.voter = self.first_unheard();
    }

    /// The voter to hear next in the open round: the first without an opinion.
    pub fn first_unheard(&self) -> usize {
        let (Some(case), Some(m)) = (self.case(), &self.session.meeting) else {
            return 0;
        };
        let Some(round) = m.record(&case.id).and_then(|r| r.open_round()) else {
            return 0;
        };
        m.voters(&self.session.panel, &case.id)
            .iter()
            .position(|v| !round.opinions.iter().any(|o| &o.member == v))
            .unwrap_or(0)
    }

    /// Selects case `i`, showing every case when the filter hid it: nothing is selected
    /// that the queue does not show.
    pub fn select_shown(&mut self, i: usize) {
        self.selected = i;
        if !self.rows().contains(&i) {
            self.filter = super::triage::Filter::All;
            self.session.version += 1;
            self.info(i18n::FILTER_CLEARED_FOR_MATCH.get(self.lang));
        }
    }

    /// Whether `case` matches a search: id, title, subject's name or unit.
    fn matches(case: &Case, needle: &str) -> bool {
        let needle = needle.to_lowercase();
        [
            &case.id,
            &case.title,
            &case.subject.name,
            &case.subject.unit,
        ]
        .iter()
        .any(|h| h.to_lowercase().contains(&needle))
    }

    /// Moves to the first match at or after `from`, wrapping.
    fn find_from(&self, from: usize, forward: bool) -> Option<usize> {
        let needle = self.search.as_deref().filter(|s| !s.is_empty())?;
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

    fn search_step(&mut self, forward: bool) {
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

    fn update_popup(&mut self, action: Action) {
        let Some(popup) = self.popup.take() else {
            return;
        };
        match popup {
            Popup::Help => {
                // Any key closes help; only `?` and Esc are expected.
            }
            Popup::Report { scroll } => match action {
                Action::Down => self.popup = Some(Popup::Report { scroll: scroll + 1 }),
                Action::Up => {
                    self.popup = Some(Popup::Report {
                        scroll: scroll.saturating_sub(1),
                    })
                }
                Action::PageDown => {
                    self.popup = Some(Popup::Report {
                        scroll: scroll.saturating_add(self.page as u16),
                    })
                }
                Action::PageUp => {
                    self.popup = Some(Popup::Report {
                        scroll: scroll.saturating_sub(self.page as u16),
                    })
                }
                _ => {}
            },
            Popup::Input { ask, mut input } => match action {
                Action::Enter => self.answer(ask, input.text()),
                Action::Back => {
                    if ask == Ask::Search {
                        self.search = None;
                    }
                }
                other => {
                    edit(&mut input, other);
                    if ask == Ask::Search {
                        // Incremental: the selection follows the text as it is typed.
                        self.search = Some(input.text());
                        if let Some(i) = self.find_from(0, true) {
                            self.select_shown(i);
                        }
                    }
                    self.popup = Some(Popup::Input { ask, input });
                }
            },
            Popup::Pick {
                pick,
                items,
                mut cursor,
            } => match action {
                Action::Up => {
                    cursor = cursor.saturating_sub(1);
                    self.popup = Some(Popup::Pick {
                        pick,
                        items,
                        cursor,
                    });
                }
                Action::Down => {
                    cursor = (cursor + 1).min(items.len().saturating_sub(1));
                    self.popup = Some(Popup::Pick {
                        pick,
                        items,
                        cursor,
                    });
                }
                Action::Enter => {
                    if let Some(id) = items.get(cursor) {
                        self.picked(pick, id.clone());
                    }
                }
                Action::Back => {}
                _ => {
                    self.popup = Some(Popup::Pick {
                        pick,
                        items,
                        cursor,
                    })
                }
            },
            Popup::Consent {
                mut members,
                mut cursor,
            } => match action {
                Action::Up => {
                    cursor = cursor.saturating_sub(1);
                    self.popup = Some(Popup::Consent { members, cursor });
                }
                Action::Down => {
                    cursor = (cursor + 1).min(members.len().saturating_sub(1));
                    self.popup = Some(Popup::Consent { members, cursor });
                }
                Action::Toggle => {
                    if let Some((_, on)) = members.get_mut(cursor) {
                        *on = !*on;
                    }
                    self.popup = Some(Popup::Consent { members, cursor });
                }
                Action::Enter => {
                    let agreeing = members
                        .iter()
                        .filter(|(_, on)| *on)
                        .map(|(m, _)| m.clone())
                        .collect();
                    if !self.ask_consent(0, agreeing) {
                        self.popup = Some(Popup::Consent { members, cursor });
                    }
                }
                Action::Back => {}
                _ => self.popup = Some(Popup::Consent { members, cursor }),
            },
            Popup::Confirm(Confirm::Discard(form)) => {
                if action == Action::Yes {
                    self.info(i18n::DISCARDED.get(self.lang));
                } else {
                    self.popup = Some(*form);
                }
            }
            Popup::Confirm(c) => {
                if action == Action::Yes {
                    self.confirmed(c);
                } else {
                    self.info(i18n::CANCELLED.get(self.lang));
                    // A form behind the confirm comes back as it was typed.
                    self.popup = match c {
                        Confirm::Determine { text, outcome } => {
                            let mut fields = vec![
                                (FormField::Rationale, TextInput::new(&text.rationale)),
                                (FormField::Dissent, TextInput::new(&text.dissent)),
                            ];
                            if !text.override_reason.is_empty() || self.override_needed(&outcome) {
                                fields.push((
                                    FormField::Override,
                                    TextInput::new(&text.override_reason),
                                ));
                            }
                            Some(Popup::Determination {
                                outcome,
                                // Back from the confirm: the typed text is not to be lost.
                                form: Form {
                                    initial: vec![String::new(); fields.len()],
                                    ..Form::new(fields)
                                },
                            })
                        }
                        Confirm::CloseSecret(t) => Some(Popup::Counts(super::flow::counts_form(
                            &self.session.panel,
                            crate::domain::rules::Method::Secret,
                            Some(t),
                        ))),
                        _ => None,
                    };
                }
            }
            Popup::Determination { outcome, mut form } => match action {
                Action::Enter => self.submit_determination(outcome, form),
                Action::Back if form.changed() => {
                    self.ask_discard(Popup::Determination { outcome, form })
                }
                Action::Back => {}
                other => {
                    edit_form(&mut form, other);
                    self.popup = Some(Popup::Determination { outcome, form });
                }
            },
            Popup::Proposal {
                outcomes,
                mut cursor,
                mut form,
            } => match action {
                Action::Enter => self.submit_proposal(&outcomes, cursor, form),
                Action::Back if form.changed() => self.ask_discard(Popup::Proposal {
                    outcomes,
                    cursor,
                    form,
                }),
                Action::Back => {}
                Action::Up => {
                    cursor = cursor.saturating_sub(1);
                    self.popup = Some(Popup::Proposal {
                        outcomes,
                        cursor,
                        form,
                    });
                }
                Action::Down => {
                    cursor = (cursor + 1).min(outcomes.len().saturating_sub(1));
                    self.popup = Some(Popup::Proposal {
                        outcomes,
                        cursor,
                        form,
                    });
                }
                other => {
                    edit_form(&mut form, other);
                    self.popup = Some(Popup::Proposal {
                        outcomes,
                        cursor,
                        form,
                    });
                }
            },
            Popup::Addendum {
                meeting,
                case,
                mut form,
            } => match action {
                Action::Enter => self.submit_correction(meeting, case, form),
                Action::Back if form.changed() => self.ask_discard(Popup::Addendum {
                    meeting,
                    case,
                    form,
                }),
                Action::Back => {}
                other => {
                    edit_form(&mut form, other);
                    self.popup = Some(Popup::Addendum {
                        meeting,
                        case,
                        form,
                    });
                }
            },
            Popup::Counts(mut form) => match action {
                Action::Enter => self.submit_counts(form),
                Action::Back => {}
                Action::Char(c) if !c.is_ascii_digit() => self.popup = Some(Popup::Counts(form)),
                Action::Paste(_) => self.popup = Some(Popup::Counts(form)),
                other => {
                    edit_form(&mut form, other);
                    self.popup = Some(Popup::Counts(form));
                }
            },
        }
    }

    fn override_needed(&self, outcome: &str) -> bool {
        match (self.case(), &self.session.meeting) {
            (Some(c), Some(m)) => self
                .session
                .kind_of(c)
                .is_some_and(|k| m.needs_override(k, &c.id, outcome)),
            _ => false,
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

/// Applies an editing action to a text field.
pub fn edit(input: &mut TextInput, action: Action) {
    match action {
        Action::Char(c) => input.insert(&c.to_string()),
        Action::Paste(s) => input.insert(&s),
        Action::Edited(s) => input.set(&s),
        Action::ClearField => input.set(""),
        Action::Backspace => input.backspace(),
        Action::Delete => input.delete(),
        Action::Left => input.left(),
        Action::Right => input.right(),
        Action::Home => input.home(),
        Action::End => input.end(),
        _ => {}
    }
}

fn edit_form(form: &mut Form, action: Action) {
    let n = form.fields.len().max(1);
    match action {
        Action::Tab | Action::Down => form.focus = (form.focus + 1) % n,
        Action::BackTab | Action::Up => form.focus = (form.focus + n - 1) % n,
        other => {
            if let Some((_, input)) = form.fields.get_mut(form.focus) {
                edit(input, other);
            }
        }
    }
}
