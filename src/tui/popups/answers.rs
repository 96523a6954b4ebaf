//! The answers of the one-line text popups and the list pickers.

use crate::domain::event::Event;
use crate::domain::meeting::Refusal;
use crate::domain::rules::Method;
use crate::i18n;

use crate::tui::app::App;
use crate::tui::input::TextInput;
use crate::tui::popups::{Ask, Confirm, Pick, Popup};

impl App {
    /// A text popup's answer.
    pub fn answer(&mut self, ask: Ask, text: String) {
        let text = text.trim().to_string();
        // A required text left empty is refused with one message, and its box stays open.
        let required = matches!(
            ask,
            Ask::VoidReason(_)
                | Ask::RecusalReason(_)
                | Ask::HoldReason(_)
                | Ask::IncompleteNote(_)
        );
        if required && text.is_empty() {
            self.refuse(&Refusal::NeedReason);
            self.popup = Some(Popup::Input {
                ask,
                input: TextInput::default(),
            });
            return;
        }
        if ask == Ask::Search {
            self.search = Some(text).filter(|s| !s.is_empty());
            if let Some(i) = self.search.as_ref().and_then(|_| self.first_match()) {
                self.select_shown(i);
            }
            return;
        }
        if let Ask::AbsenceReason(id) = &ask {
            if let Some(roll) = self.roll.as_mut()
                && let Some(i) = self.session.panel.members.iter().position(|m| &m.id == id)
                && let Some(r) = roll.reasons.get_mut(i)
            {
                *r = text;
            }
            return;
        }
        if matches!(ask, Ask::HoldReason(_) | Ask::IncompleteNote(_)) {
            return self.triage_answer(ask, text);
        }
        if ask == Ask::Attendee {
            if let Some(roll) = self.roll.as_mut()
                && !text.is_empty()
            {
                roll.attendees.push(text);
            }
            return;
        }
        let Some(case) = self.case().map(|c| c.id.clone()) else {
            return;
        };
        let result = match ask {
            Ask::Basis(distinction) => self.session.commit(Event::Basis {
                case,
                distinction,
                basis: text,
            }),
            Ask::Presenter => self.session.commit(Event::Presenter { case, name: text }),
            Ask::RecusalReason(member) => self.session.commit(Event::Recusal {
                case,
                member,
                reason: text,
            }),
            Ask::VoidReason(n) => {
                if text.is_empty() {
                    Err(Refusal::NeedReason)
                } else {
                    self.popup = Some(Popup::Confirm(Confirm::Void {
                        round: n,
                        reason: text,
                    }));
                    return;
                }
            }
            Ask::ReconsiderAgree => {
                match text.parse::<u32>() {
                    Ok(n) => {
                        if !self.ask_consent(n, Vec::new()) {
                            self.popup = Some(Popup::Input {
                                ask: Ask::ReconsiderAgree,
                                input: TextInput::new(&text),
                            });
                        }
                    }
                    Err(_) => {
                        self.warn(i18n::COUNTS_NUMBERS.get(self.lang));
                        self.popup = Some(Popup::Input {
                            ask: Ask::ReconsiderAgree,
                            input: TextInput::new(&text),
                        });
                    }
                }
                return;
            }
            Ask::Search
            | Ask::AbsenceReason(_)
            | Ask::Attendee
            | Ask::HoldReason(_)
            | Ask::IncompleteNote(_) => return,
        };
        if let Err(e) = result {
            self.refuse(&e);
        }
    }

    pub(crate) fn first_match(&self) -> Option<usize> {
        let needle = self.search.as_deref()?;
        let needle = needle.to_lowercase();
        self.session.cases.iter().position(|c| {
            [
                &c.case.id,
                &c.case.title,
                &c.case.subject.name,
                &c.case.subject.unit,
            ]
            .iter()
            .any(|h| h.to_lowercase().contains(&needle))
        })
    }

    pub fn picked(&mut self, pick: Pick, id: String) {
        match pick {
            Pick::RecusedMember => {
                self.popup = Some(Popup::Input {
                    ask: Ask::RecusalReason(id),
                    input: TextInput::default(),
                })
            }
            Pick::Method => {
                if let Some(method) = Method::from_id(&id)
                    && let Err(e) = self.open_round_by(method)
                {
                    self.refuse(&e);
                }
            }
        }
    }
}
