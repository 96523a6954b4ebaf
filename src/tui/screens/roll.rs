//! The roll call: who is present, why the absent are away, guests, the acting chair and the
//! method, then the meeting opened (or the roll retaken during it).

use crate::domain::event::Event;
use crate::domain::meeting::Absence;
use crate::domain::rules::Method;
use crate::i18n;

use crate::tui::action::Action;
use crate::tui::app::{App, RollCall, Screen};
use crate::tui::input::TextInput;
use crate::tui::popups::{Ask, Confirm, Popup};

impl App {
    /// `m`: a roll call opens the meeting, or is retaken during it.
    pub fn start_roll(&mut self) {
        if self.session.final_minutes.is_some() {
            // The sealed meeting joins the earlier ones once it is on disk; the next meeting
            // starts from a roll call of its own.
            if !self.session.pending.is_empty() || self.session.dirty {
                self.warn(i18n::FINALIZED.get(self.lang));
                return;
            }
            self.session.file_finalized();
        }
        let members = &self.session.panel.members;
        let methods = &self.session.panel.rules.meeting.methods;
        let roll = match &self.session.meeting {
            Some(m) => RollCall {
                cursor: 0,
                present: members.iter().map(|x| m.is_present(&x.id)).collect(),
                reasons: members
                    .iter()
                    .map(|x| {
                        m.attendance
                            .absent
                            .iter()
                            .find(|a| a.member == x.id)
                            .map(|a| a.reason.clone())
                            .unwrap_or_default()
                    })
                    .collect(),
                attendees: m.attendance.attendees.clone(),
                acting_chair: m.acting_chair.clone(),
                method: methods
                    .iter()
                    .position(|(x, _)| *x == m.method)
                    .unwrap_or(0),
            },
            None => RollCall {
                cursor: 0,
                present: vec![true; members.len()],
                reasons: vec![String::new(); members.len()],
                attendees: Vec::new(),
                acting_chair: None,
                method: 0,
            },
        };
        self.roll = Some(roll);
        self.screen = Screen::Roll;
    }

    pub fn cancel_roll(&mut self) {
        self.roll = None;
        self.screen = Screen::Queue;
    }

    pub fn update_roll(&mut self, action: Action) {
        let n = self.session.panel.members.len();
        let in_meeting = self.session.meeting.is_some();
        let Some(roll) = self.roll.as_mut() else {
            self.screen = Screen::Queue;
            return;
        };
        let selected = self
            .session
            .panel
            .members
            .get(roll.cursor)
            .map(|m| m.id.clone());
        match action {
            Action::Up => roll.cursor = roll.cursor.saturating_sub(1),
            Action::Down => roll.cursor = (roll.cursor + 1).min(n.saturating_sub(1)),
            Action::Top => roll.cursor = 0,
            Action::Bottom => roll.cursor = n.saturating_sub(1),
            Action::Toggle => {
                if let Some(p) = roll.present.get_mut(roll.cursor) {
                    *p = !*p;
                }
            }
            Action::Left | Action::Right if !in_meeting => {
                let k = self.session.panel.rules.meeting.methods.len().max(1);
                roll.method = if action == Action::Right {
                    (roll.method + 1) % k
                } else {
                    (roll.method + k - 1) % k
                };
            }
            Action::Left | Action::Right => {
                self.warn(i18n::METHOD_FIXED.get(self.lang));
            }
            Action::AbsenceReason => {
                if let Some(id) = selected {
                    let current = roll.reasons.get(roll.cursor).cloned().unwrap_or_default();
                    self.popup = Some(Popup::Input {
                        ask: Ask::AbsenceReason(id),
                        input: TextInput::new(&current),
                    });
                }
            }
            Action::AddAttendee => {
                self.popup = Some(Popup::Input {
                    ask: Ask::Attendee,
                    input: TextInput::default(),
                })
            }
            Action::ActingChair => self.toggle_acting_chair(),
            Action::Enter => self.apply_roll(false),
            Action::Back => self.cancel_roll(),
            _ => {}
        }
    }

    pub(crate) fn toggle_acting_chair(&mut self) {
        let chair_present = {
            let Some(roll) = &self.roll else { return };
            self.session
                .panel
                .members
                .iter()
                .zip(&roll.present)
                .any(|(m, p)| *p && m.role == crate::domain::panel::Role::Chair)
        };
        let lang = self.lang;
        let Some(roll) = self.roll.as_mut() else {
            return;
        };
        let Some(m) = self.session.panel.members.get(roll.cursor) else {
            return;
        };
        if chair_present {
            self.message = Some((
                crate::tui::app::Level::Warn,
                i18n::CHAIR_PRESENT.get(lang).into(),
            ));
        } else if !m.role.votes() || !roll.present.get(roll.cursor).copied().unwrap_or(false) {
            self.message = Some((
                crate::tui::app::Level::Warn,
                i18n::ACTING_MUST_VOTE.get(lang).into(),
            ));
        } else if roll.acting_chair.as_deref() == Some(m.id.as_str()) {
            roll.acting_chair = None;
        } else {
            roll.acting_chair = Some(m.id.clone());
        }
    }

    /// `Enter` on the roll: opens the meeting, or records arrivals and departures. A member
    /// leaving who has spoken on an open round is confirmed first (`confirmed`): their
    /// opinion will be withdrawn.
    pub(crate) fn apply_roll(&mut self, confirmed: bool) {
        let Some(roll) = self.roll.clone() else {
            return;
        };
        let now = self.session.now();
        let present: Vec<String> = self
            .session
            .panel
            .members
            .iter()
            .zip(&roll.present)
            .filter(|(_, p)| **p)
            .map(|(m, _)| m.id.clone())
            .collect();
        let absent: Vec<Absence> = self
            .session
            .panel
            .members
            .iter()
            .zip(roll.present.iter().zip(&roll.reasons))
            .filter(|(_, (p, _))| !**p)
            .map(|(m, (_, r))| Absence {
                member: m.id.clone(),
                reason: r.clone(),
            })
            .collect();
        let chair_absent = self
            .session
            .panel
            .chair()
            .is_some_and(|c| !present.contains(&c.id));
        let acting = roll
            .acting_chair
            .filter(|a| chair_absent && present.contains(a));
        if self.session.meeting.is_none() {
            let method = self
                .session
                .panel
                .rules
                .meeting
                .methods
                .get(roll.method)
                .map_or(Method::Named, |(m, _)| *m);
            let id = self.session.next_meeting_id();
            let open = Event::Open {
                id,
                at: now,
                present,
                absent,
                attendees: roll.attendees.clone(),
                acting_chair: acting.clone(),
                method,
            };
            if let Err(e) = self.session.commit(open) {
                return self.refuse(&e);
            }
            if chair_absent && acting.is_none() {
                self.warn(i18n::CHAIR_ABSENT_NO_ACTING.get(self.lang));
            } else {
                self.info(i18n::MEETING_OPENED.get(self.lang));
            }
            // The queue now leads with the agenda, in its order: start on its first case.
            self.sort = crate::tui::triage::Sort::Agenda;
            if let Some(&first) = self.rows().first() {
                self.selected = first;
            }
        } else {
            // Only what changed becomes an event: arrivals, departures, attendees, acting chair.
            let Some(m) = self.session.meeting.clone() else {
                return;
            };
            let spoken: Vec<String> = m
                .attendance
                .present
                .iter()
                .filter(|x| !present.contains(x))
                .filter(|x| {
                    m.cases.iter().any(|c| {
                        c.open_round()
                            .is_some_and(|r| r.opinions.iter().any(|o| &o.member == *x))
                    })
                })
                .cloned()
                .collect();
            if !confirmed && !spoken.is_empty() {
                self.popup = Some(Popup::Confirm(Confirm::Departures(spoken)));
                return;
            }
            let mut events = Vec::new();
            for member in &self.session.panel.members {
                let here = present.contains(&member.id);
                if here == m.is_present(&member.id) {
                    continue;
                }
                let reason = absent
                    .iter()
                    .find(|a| a.member == member.id)
                    .map(|a| a.reason.clone())
                    .unwrap_or_default();
                events.push(Event::Attendance {
                    member: member.id.clone(),
                    present: here,
                    reason,
                    at: now.clone(),
                });
            }
            for a in &roll.attendees {
                if !m.attendance.attendees.contains(a) {
                    events.push(Event::Attendee { name: a.clone() });
                }
            }
            if m.acting_chair.is_some() && acting.is_none() {
                // Withdrawn first, so that a returning chair is never refused.
                events.insert(0, Event::ActingChair { member: None });
            } else if acting != m.acting_chair {
                events.push(Event::ActingChair { member: acting });
            }
            for e in events {
                if let Err(r) = self.session.commit(e) {
                    return self.refuse(&r);
                }
            }
        }
        self.roll = None;
        self.screen = Screen::Queue;
    }
}
