//! The popups: what each asks (their types), and how keys act on them. Their answers are
//! in `answers` (one-line texts and picks), `confirm` (the `y` of a confirmation) and `forms`.

mod answers;
mod confirm;
mod forms;

pub(crate) use forms::counts_form;

use crate::i18n;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::input::TextInput;

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
    CloseSecret(crate::domain::tally::Tally),
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

impl App {
    pub(crate) fn update_popup(&mut self, action: Action) {
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
                        Confirm::CloseSecret(t) => {
                            Some(Popup::Counts(crate::tui::popups::counts_form(
                                &self.session.panel,
                                crate::domain::rules::Method::Secret,
                                Some(t),
                            )))
                        }
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

    /// Esc on a form with text typed in it: asks before throwing the text away.
    pub(crate) fn ask_discard(&mut self, form: Popup) {
        self.popup = Some(Popup::Confirm(Confirm::Discard(Box::new(form))));
    }

    pub(crate) fn override_needed(&self, outcome: &str) -> bool {
        match (self.case(), &self.session.meeting) {
            (Some(c), Some(m)) => self
                .session
                .kind_of(c)
                .is_some_and(|k| m.needs_override(k, &c.id, outcome)),
            _ => false,
        }
    }

    /// Names and searches hold fewer characters than reasons; whatever a field could not take
    /// (typed, pasted or back from the editor) is said, never dropped in silence.
    pub(crate) fn bound_texts(&mut self) {
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
}
