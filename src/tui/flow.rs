//! The meeting's flow on the screens: roll call, taking cases up, findings, rounds,
//! determinations and finalizing, each through the domain's checks.

use crate::domain::case::Proposal;
use crate::domain::event::Event;
use crate::domain::meeting::{Absence, Refusal, Side};
use crate::domain::quorum::Tally;
use crate::domain::rules::{Method, Opinion};
use crate::domain::vote::DeterminationText;
use crate::i18n;

use super::app::{Action, App, Ask, Confirm, Form, FormField, Part, Pick, Popup, RollCall, Screen};
use super::input::TextInput;

impl App {
    /// `m`: a roll call opens the meeting, or is retaken during it.
    pub fn start_roll(&mut self) {
        if let Some(sealed) = &self.session.final_minutes {
            // The sealed meeting joins the earlier ones once it is on disk; the next meeting
            // starts from a roll call of its own.
            if !self.session.pending.is_empty() || self.session.dirty {
                self.warn(i18n::FINALIZED.get(self.lang));
                return;
            }
            self.session.history.push(sealed.clone());
            self.session.final_minutes = None;
            self.session.meeting = None;
            self.session.journal_seq = 0;
            self.session.resume_case = None;
            self.session.reindex();
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

    fn toggle_acting_chair(&mut self) {
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
                super::app::Level::Warn,
                i18n::CHAIR_PRESENT.get(lang).into(),
            ));
        } else if !m.role.votes() || !roll.present.get(roll.cursor).copied().unwrap_or(false) {
            self.message = Some((
                super::app::Level::Warn,
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
    fn apply_roll(&mut self, confirmed: bool) {
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
            self.sort = super::triage::Sort::Agenda;
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

    /// How far the part in front can scroll now, kept for the tests and the next look.
    fn measure_scroll(&mut self) -> u16 {
        self.case_view.scroll_max = super::views::scroll_max(self);
        self.case_view.scroll_max
    }

    /// How many members the open round of the selected case hears (0 with no round).
    fn voters_in_round(&self) -> usize {
        match (self.case(), &self.session.meeting) {
            (Some(c), Some(m)) if self.round_open() => m.voters(&self.session.panel, &c.id).len(),
            _ => 0,
        }
    }

    pub fn update_case(&mut self, action: Action) {
        let n_parts = Part::ALL.len();
        match action {
            Action::NextAgenda | Action::PrevAgenda => {
                return self.step_agenda(action == Action::NextAgenda);
            }
            // The roll call is the queue's, and reachable from a case as well.
            Action::Meeting => return self.start_roll(),
            Action::Back => {
                self.screen = Screen::Queue;
                return;
            }
            Action::Tab | Action::BackTab => {
                // A kind without distinctions (adjustment) has no such part to land on.
                let has_d = self
                    .case()
                    .and_then(|c| self.session.kind_of(c))
                    .is_some_and(|k| !k.distinctions.is_empty());
                let step = if action == Action::Tab {
                    1
                } else {
                    n_parts - 1
                };
                // Each part opens at its top.
                self.case_view.scroll = 0;
                self.case_view.scroll_max = 0;
                loop {
                    self.case_view.focus = (self.case_view.focus + step) % n_parts;
                    if has_d || self.part() != Part::Distinctions {
                        break;
                    }
                }
                if self.part() == Part::Vote {
                    self.case_view.voter = self.first_unheard();
                }
                return;
            }
            _ => {}
        }
        let Some(case) = self.case().cloned() else {
            return;
        };
        let Some(kind) = self.session.kind_of(&case).cloned() else {
            return;
        };
        // Moving around never needs a meeting.
        match (self.part(), &action) {
            (Part::Facts | Part::Items, Action::Down) => {
                let max = self.measure_scroll();
                self.case_view.scroll = (self.case_view.scroll + 1).min(max);
                return;
            }
            (Part::Facts | Part::Items, Action::Up) => {
                self.case_view.scroll = self.case_view.scroll.saturating_sub(1);
                return;
            }
            (Part::Facts | Part::Items, Action::Top) => {
                self.case_view.scroll = 0;
                return;
            }
            (Part::Distinctions, Action::Down) => {
                let n = kind.distinctions.len().max(1);
                self.case_view.distinction = (self.case_view.distinction + 1).min(n - 1);
                return;
            }
            (Part::Distinctions, Action::Up) => {
                self.case_view.distinction = self.case_view.distinction.saturating_sub(1);
                return;
            }
            // In a round the cursor moves among the voters, then the part scrolls on; with
            // no round it scrolls.
            (Part::Vote, Action::Down) => {
                let voters = self.voters_in_round();
                if self.case_view.voter + 1 < voters {
                    self.case_view.voter += 1;
                } else {
                    let max = self.measure_scroll();
                    self.case_view.scroll = (self.case_view.scroll + 1).min(max);
                }
                return;
            }
            (Part::Vote, Action::Up) => {
                if self.case_view.scroll > 0 {
                    self.case_view.scroll -= 1;
                } else {
                    self.case_view.voter = self.case_view.voter.saturating_sub(1);
                }
                return;
            }
            _ => {}
        }
        let records = matches!(
            action,
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
                | Action::Enter
                | Action::Void
                | Action::Determine
                | Action::Reconsider
        );
        if !records {
            return;
        }
        if self.session.final_minutes.is_some() {
            self.warn(i18n::FINALIZED.get(self.lang));
            return;
        }
        if !self.session.in_meeting() {
            self.warn(i18n::OPEN_MEETING_FIRST.get(self.lang));
            return;
        }
        let taken = self
            .session
            .meeting
            .as_ref()
            .is_some_and(|m| m.record(&case.id).is_some());
        if !taken && let Some((decided_in, _)) = self.session.decided_in(&case.id) {
            if action == Action::Reconsider {
                self.ask_reconsider();
            } else {
                self.refuse(&Refusal::NeedsReconsideration(decided_in));
            }
            return;
        }
        if action == Action::Reconsider {
            return;
        }
        // The finding keys act on the distinctions only; elsewhere they say where to go.
        if matches!(action, Action::Left | Action::Right) && self.part() != Part::Distinctions {
            self.warn(i18n::TAB_TO_DISTINCTIONS.get(self.lang));
            return;
        }
        if matches!(action, Action::Item(_)) {
            self.case_view.focus = 2;
        }
        let now = self.session.now();
        let d_id = kind
            .distinctions
            .get(self.case_view.distinction)
            .map(|d| d.id.clone());
        let part = self.part();
        // A snapshot to read from; every change goes through `commit` as an event.
        let Some(m) = self.session.meeting.clone() else {
            return;
        };
        let cid = case.id.clone();
        let result: Result<(), Refusal> = match (part, action.clone()) {
            (Part::Distinctions, Action::Left | Action::Right | Action::Toggle) => {
                let side = match action {
                    Action::Left => Some(Side::Tolerable),
                    Action::Right => Some(Side::NotTolerable),
                    _ => None,
                };
                match d_id {
                    Some(distinction) => self.session.commit(Event::Finding {
                        case: cid,
                        distinction,
                        side,
                    }),
                    None => Ok(()),
                }
            }
            (_, Action::Basis) => {
                let Some(d) = d_id else { return };
                let current = m
                    .record(&case.id)
                    .and_then(|r| r.finding(&d))
                    .map(|f| f.basis.clone());
                match current {
                    Some(b) => {
                        self.popup = Some(Popup::Input {
                            ask: Ask::Basis(d),
                            input: TextInput::new(&b),
                        });
                        Ok(())
                    }
                    None => Err(Refusal::UnknownDistinction(d)),
                }
            }
            (_, Action::Item(k)) => match kind.items.get(usize::from(k).wrapping_sub(1)) {
                Some(item) => self.session.commit(Event::Found {
                    case: cid,
                    item: item.id.clone(),
                }),
                None => Err(Refusal::UnknownItem(k.to_string())),
            },
            (_, Action::Recuse) => {
                // Before take-up, the conflicts the case file lists are recusals already.
                let record = m
                    .record(&case.id)
                    .cloned()
                    .or_else(|| self.session.intake(&case.id).ok().map(|r| *r));
                let items: Vec<String> = self
                    .session
                    .panel
                    .voting_members()
                    .filter(|x| !record.as_ref().is_some_and(|r| r.is_recused(&x.id)))
                    .map(|x| x.id.clone())
                    .collect();
                self.popup = Some(Popup::Pick {
                    pick: Pick::RecusedMember,
                    items,
                    cursor: 0,
                });
                Ok(())
            }
            (_, Action::Presenter) => {
                let current = m
                    .record(&case.id)
                    .and_then(|r| r.presenter.clone())
                    .unwrap_or_default();
                self.popup = Some(Popup::Input {
                    ask: Ask::Presenter,
                    input: TextInput::new(&current),
                });
                Ok(())
            }
            (_, Action::Proposal) => {
                let outcomes: Vec<String> = kind.outcomes.iter().map(|o| o.id.clone()).collect();
                // Before take-up the proposal is the case file's, as the record will start.
                let current = m
                    .record(&case.id)
                    .map(|r| r.proposal.clone())
                    .unwrap_or_else(|| self.session.intake(&case.id).ok().and_then(|r| r.proposal));
                let cursor = current
                    .as_ref()
                    .and_then(|p| outcomes.iter().position(|o| *o == p.outcome))
                    .unwrap_or(0);
                let basis = current.map(|p| p.basis).unwrap_or_default();
                self.popup = Some(Popup::Proposal {
                    outcomes,
                    cursor,
                    form: Form::new(vec![(FormField::Basis, TextInput::new(&basis))]),
                });
                Ok(())
            }
            (_, Action::Vote) => self.open_round_by(m.method),
            (_, Action::VoteMethod) => {
                let methods: Vec<String> = self
                    .session
                    .panel
                    .rules
                    .meeting
                    .methods
                    .iter()
                    .map(|(x, _)| x.id().to_string())
                    .collect();
                let cursor = methods.iter().position(|x| x == m.method.id()).unwrap_or(0);
                self.popup = Some(Popup::Pick {
                    pick: Pick::Method,
                    items: methods,
                    cursor,
                });
                Ok(())
            }
            (Part::Vote, Action::Opinion(o)) => {
                let voters = m.voters(&self.session.panel, &case.id);
                let i = self.case_view.voter.min(voters.len().saturating_sub(1));
                match voters.get(i) {
                    Some(v) => {
                        let r = self.session.commit(Event::Opinion {
                            case: cid.clone(),
                            member: v.clone(),
                            opinion: o,
                            at: now,
                        });
                        if r.is_ok() {
                            // On to the next member who has not spoken.
                            let heard: Vec<String> = self
                                .session
                                .meeting
                                .as_ref()
                                .and_then(|mm| mm.record(&cid))
                                .and_then(|r| r.open_round())
                                .map(|round| {
                                    round.opinions.iter().map(|x| x.member.clone()).collect()
                                })
                                .unwrap_or_default();
                            self.case_view.voter = (0..voters.len())
                                .map(|k| (i + 1 + k) % voters.len())
                                .find(|&k| !heard.contains(&voters[k]))
                                .unwrap_or(i);
                        }
                        r
                    }
                    None => Err(Refusal::NoOpenRound),
                }
            }
            (Part::Vote, Action::Enter) => {
                let open = m.record(&case.id).and_then(|r| r.open_round()).cloned();
                match open {
                    None => Err(Refusal::NoOpenRound),
                    Some(round) if round.method.is_secret() => {
                        self.popup = Some(Popup::Counts(counts_form(
                            &self.session.panel,
                            round.method,
                            None,
                        )));
                        Ok(())
                    }
                    Some(round) => {
                        let voters = m.voters(&self.session.panel, &case.id);
                        let missing: Vec<String> = voters
                            .into_iter()
                            .filter(|v| !round.opinions.iter().any(|o| &o.member == v))
                            .collect();
                        if missing.is_empty() {
                            self.popup = Some(Popup::Confirm(Confirm::CloseRound));
                            Ok(())
                        } else {
                            Err(Refusal::Missing(missing))
                        }
                    }
                }
            }
            (_, Action::Void) => match m.record(&case.id).and_then(|r| {
                r.rounds
                    .iter()
                    .rev()
                    .find(|x| x.void.is_none())
                    .map(|x| x.number)
            }) {
                Some(n) => {
                    self.popup = Some(Popup::Input {
                        ask: Ask::VoidReason(n),
                        input: TextInput::default(),
                    });
                    Ok(())
                }
                None => Err(Refusal::NoRound(0)),
            },
            (_, Action::Determine) => {
                if m.record(&case.id).is_some_and(|r| r.open_round().is_some()) {
                    Err(Refusal::RoundOpen)
                } else {
                    let outcome = m
                        .due_outcome(&self.session.panel, &kind, &case.id)
                        .unwrap_or_default();
                    // Amending starts from the standing text, so nothing is lost by
                    // changing one word.
                    let current = m.record(&case.id).and_then(|r| r.determination()).cloned();
                    let text = |f: fn(&crate::domain::meeting::Determination) -> &String| {
                        TextInput::new(current.as_ref().map_or("", |d| f(d).as_str()))
                    };
                    let mut fields = vec![
                        (FormField::Rationale, text(|d| &d.rationale)),
                        (FormField::Dissent, text(|d| &d.dissent)),
                    ];
                    let had_override = current
                        .as_ref()
                        .is_some_and(|d| !d.override_reason.is_empty());
                    if had_override || m.needs_override(&kind, &case.id, &outcome) {
                        fields.push((FormField::Override, text(|d| &d.override_reason)));
                    }
                    self.popup = Some(Popup::Determination {
                        outcome,
                        form: Form::new(fields),
                    });
                    Ok(())
                }
            }
            _ => return,
        };
        if let Err(e) = result {
            self.refuse(&e);
        }
    }

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

    fn first_match(&self) -> Option<usize> {
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

    /// Opens a round on the selected case by `method`; a secret ballot asks for its counts.
    fn open_round_by(&mut self, method: Method) -> Result<(), Refusal> {
        let Some(cid) = self.case().map(|c| c.id.clone()) else {
            return Ok(());
        };
        let now = self.session.now();
        self.session.commit(Event::OpenRound {
            case: cid,
            method: Some(method),
            at: now,
        })?;
        self.case_view.focus = 3;
        self.case_view.voter = 0;
        if method.is_secret() {
            self.popup = Some(Popup::Counts(counts_form(
                &self.session.panel,
                method,
                None,
            )));
        }
        Ok(())
    }

    /// The members recused from the selected case as it would be taken up: they have no say
    /// in reconsidering it.
    fn recused_for_consent(&self) -> Vec<String> {
        self.case()
            .and_then(|c| self.session.intake(&c.id).ok())
            .map(|r| r.recusals.iter().map(|x| x.member.clone()).collect())
            .unwrap_or_default()
    }

    /// `R` on a case decided earlier: the members' consent, by the meeting's method: who
    /// agrees (an open method), or how many (a secret ballot).
    fn ask_reconsider(&mut self) {
        let Some(m) = &self.session.meeting else {
            return;
        };
        if m.method.is_secret() {
            self.popup = Some(Popup::Input {
                ask: Ask::ReconsiderAgree,
                input: TextInput::default(),
            });
        } else {
            let recused = self.recused_for_consent();
            let members = m
                .voting_present(&self.session.panel)
                .into_iter()
                .filter(|x| !recused.contains(x))
                .map(|x| (x, false))
                .collect();
            self.popup = Some(Popup::Consent { members, cursor: 0 });
        }
    }

    /// Checks the consent against the room and asks to confirm it; false, with the refusal
    /// shown, when the rule is not met.
    pub fn ask_consent(&mut self, agree: u32, members: Vec<String>) -> bool {
        let Some(case) = self.case().map(|c| c.id.clone()) else {
            return false;
        };
        let Some((decided_in, standing)) = self.session.decided_in(&case) else {
            return false;
        };
        let Some(m) = &self.session.meeting else {
            return false;
        };
        let ask = crate::domain::meeting::Consent {
            decided_in,
            standing: Some(standing),
            method: m.method,
            agree,
            members,
            recused: self.recused_for_consent(),
        };
        match m.consent(&self.session.panel, ask, &self.session.now()) {
            Ok(c) => {
                self.popup = Some(Popup::Confirm(Confirm::Reconsider(Box::new(c))));
                true
            }
            Err(e) => {
                self.refuse(&e);
                false
            }
        }
    }

    pub fn confirmed(&mut self, c: Confirm) {
        if c == Confirm::Quit {
            self.quit = true;
            return;
        }
        if let Confirm::EditDecided(i) = c {
            self.edit_request = Some(Some(i));
            return;
        }
        let now = self.session.now();
        let Some(case) = self.case().cloned() else {
            if c == Confirm::Finalize {
                self.finalize();
            }
            return;
        };
        if c == Confirm::Finalize {
            self.finalize();
            return;
        }
        if let Confirm::Addendum(a) = c {
            let a = *a;
            self.session
                .addenda
                .entry(a.minutes.clone())
                .or_default()
                .push((a.clone(), true));
            self.session.pending_addenda.push(a);
            self.info(i18n::ADDENDUM_MADE.get(self.lang));
            return;
        }
        let cid = case.id.clone();
        let result = match c {
            Confirm::CloseSecret(tally) => self
                .session
                .commit(Event::Counts {
                    case: cid.clone(),
                    tally,
                })
                .and_then(|()| self.close_round_now(&cid, &now)),
            Confirm::CloseRound => self.close_round_now(&cid, &now),
            Confirm::Determine { text, .. } => self.session.commit(Event::Determine {
                case: cid,
                text,
                at: now,
            }),
            Confirm::Reconsider(consent) => self.session.intake(&cid).and_then(|mut record| {
                // Reconsidering starts from the decision that stands: its findings, the
                // situations or grounds found and the proposal it passed, not the file's.
                if let Some(s) = self.session.standing(&cid) {
                    record.findings = s.record.findings.clone();
                    record.found = s.record.found.clone();
                    if let Some(p) = s.record.passed_proposal() {
                        record.proposal = Some(p.clone());
                    }
                }
                record.reconsideration = Some(*consent);
                self.session.commit(Event::TakeUp { record })
            }),
            Confirm::Departures(_) => {
                self.apply_roll(true);
                Ok(())
            }
            Confirm::Void { round, reason } => self.session.commit(Event::Void {
                case: cid,
                round,
                reason,
                at: now,
            }),
            Confirm::Finalize
            | Confirm::Addendum(_)
            | Confirm::Quit
            | Confirm::Discard(_)
            | Confirm::EditDecided(_) => Ok(()),
        };
        if let Err(e) = result {
            self.refuse(&e);
        }
    }

    /// Closes the open round and says whether the proposal passed.
    fn close_round_now(&mut self, case: &str, now: &str) -> Result<(), Refusal> {
        self.session.commit(Event::CloseRound {
            case: case.to_string(),
            at: now.to_string(),
        })?;
        let closed = self
            .session
            .meeting
            .as_ref()
            .and_then(|m| m.record(case))
            .and_then(|r| r.rounds.iter().rev().find(|x| x.closed_at.is_some()))
            .map(|r| (r.number, r.passed.unwrap_or(false)));
        if let Some((number, passed)) = closed {
            let text = i18n::round_closed(case, number, passed, self.lang);
            self.info(text);
        }
        Ok(())
    }

    pub fn submit_determination(&mut self, outcome: String, form: Form) {
        let get = |f: FormField| {
            form.fields
                .iter()
                .find(|(k, _)| *k == f)
                .map(|(_, i)| i.text())
                .unwrap_or_default()
        };
        let text = DeterminationText {
            rationale: get(FormField::Rationale),
            dissent: get(FormField::Dissent),
            override_reason: get(FormField::Override),
        };
        let needs_override = form.fields.iter().any(|(k, _)| *k == FormField::Override);
        let missing = if text.rationale.trim().is_empty() {
            Some((Refusal::NeedRationale, 0))
        } else if needs_override && text.override_reason.trim().is_empty() {
            Some((Refusal::NeedOverride, 2))
        } else {
            None
        };
        if let Some((r, focus)) = missing {
            self.refuse(&r);
            self.popup = Some(Popup::Determination {
                outcome,
                form: Form { focus, ..form },
            });
            return;
        }
        self.popup = Some(Popup::Confirm(Confirm::Determine { text, outcome }));
    }

    pub fn submit_proposal(&mut self, outcomes: &[String], cursor: usize, form: Form) {
        let Some(case) = self.case().cloned() else {
            return;
        };
        let Some(kind) = self.session.kind_of(&case).cloned() else {
            return;
        };
        let basis = form
            .fields
            .first()
            .map(|(_, i)| i.text())
            .unwrap_or_default();
        let Some(outcome) = outcomes.get(cursor).cloned() else {
            return;
        };
        let _ = kind;
        let proposal = Proposal {
            outcome,
            basis: basis.trim().to_string(),
        };
        if let Err(e) = self.session.commit(Event::Proposal {
            case: case.id.clone(),
            proposal,
        }) {
            self.refuse(&e);
        }
    }

    pub fn submit_counts(&mut self, form: Form) {
        let Some(case) = self.case().map(|c| c.id.clone()) else {
            return;
        };
        // An opinion the method does not allow has no field: it counts 0.
        let get = |f: FormField| {
            form.fields
                .iter()
                .find(|(k, _)| *k == f)
                .map_or(Some(0), |(_, i)| {
                    let t = i.text();
                    if t.trim().is_empty() {
                        Some(0)
                    } else {
                        t.trim().parse::<u32>().ok()
                    }
                })
        };
        let (Some(agree), Some(disagree), Some(defer), Some(abstain)) = (
            get(FormField::Agree),
            get(FormField::Disagree),
            get(FormField::Defer),
            get(FormField::Abstain),
        ) else {
            self.warn(i18n::COUNTS_NUMBERS.get(self.lang));
            self.popup = Some(Popup::Counts(form));
            return;
        };
        let tally = Tally {
            agree,
            disagree,
            defer,
            abstain,
        };
        // Checked on a copy: the counts enter the minutes only when the close is confirmed.
        let Some(mut trial) = self.session.meeting.clone() else {
            return;
        };
        match trial.set_counts(&self.session.panel, &case, tally) {
            Ok(()) => {
                self.popup = Some(Popup::Confirm(Confirm::CloseSecret(tally)));
            }
            Err(e) => {
                self.refuse(&e);
                self.popup = Some(Popup::Counts(form));
            }
        }
    }

    pub fn ask_finalize(&mut self) {
        if self.session.final_minutes.is_some() {
            self.warn(i18n::FINALIZED.get(self.lang));
        } else if let Some(d) = self.session.ledger_damage(self.lang) {
            self.warn(d);
        } else if !self.session.in_meeting() {
            self.warn(i18n::OPEN_MEETING_FIRST.get(self.lang));
        } else {
            // Said before the y, not after: a round still open cannot be sealed.
            let open: Vec<String> = self
                .session
                .meeting
                .iter()
                .flat_map(|m| &m.cases)
                .filter(|c| c.open_round().is_some())
                .map(|c| c.case.clone())
                .collect();
            if open.is_empty() {
                self.popup = Some(Popup::Confirm(Confirm::Finalize));
            } else {
                self.warn(i18n::finalize_open_round(&open, self.lang));
            }
        }
    }

    /// Closes the meeting and seals the minutes with their digests.
    pub fn finalize(&mut self) {
        let now = self.session.now();
        let Some(by) = self
            .session
            .meeting
            .as_ref()
            .map(|m| m.clerk.clone().unwrap_or_default())
        else {
            return;
        };
        let event = Event::Finalize {
            at: now,
            by,
            user: self.session.user.clone(),
            uid: self.session.uid,
        };
        match self.session.commit(event) {
            Ok(()) => {
                self.session.prune_agenda();
                self.info(i18n::MEETING_FINALIZED.get(self.lang));
            }
            Err(e) => self.refuse(&e),
        }
    }
}

/// The counts form of a secret ballot: one field per opinion the method allows, filled
/// with `prefill` when the clerk comes back to it.
pub(super) fn counts_form(
    panel: &crate::domain::panel::Panel,
    method: Method,
    prefill: Option<Tally>,
) -> Form {
    let allowed = panel.rules.meeting.opinions_for(method).unwrap_or(&[]);
    let fields = allowed
        .iter()
        .map(|o| {
            let (f, n) = match o {
                Opinion::Agree => (FormField::Agree, prefill.map(|t| t.agree)),
                Opinion::Disagree => (FormField::Disagree, prefill.map(|t| t.disagree)),
                Opinion::Defer => (FormField::Defer, prefill.map(|t| t.defer)),
                Opinion::Abstain => (FormField::Abstain, prefill.map(|t| t.abstain)),
            };
            (
                f,
                TextInput::new(&n.map(|n| n.to_string()).unwrap_or_default()),
            )
        })
        .collect();
    Form::new(fields)
}
