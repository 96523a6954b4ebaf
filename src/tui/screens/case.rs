//! The case screen: its parts, findings, rounds and opinions, the presenter and recusals,
//! reconsideration, each step through the domain's checks.
//!
//! Kept whole at a little over 500 lines: most of it is `update_case`, one match over the
//! part in front and the key, whose order is the order keys are tried in; cut in pieces it
//! would read as several rules where there is one.

use crate::domain::event::Event;
use crate::domain::meeting::{Refusal, Side};
use crate::domain::rules::Method;
use crate::i18n;

use crate::tui::action::Action;
use crate::tui::app::{App, Part, Screen};
use crate::tui::input::TextInput;
use crate::tui::popups::{Ask, Confirm, Form, FormField, Pick, Popup, counts_form};

impl App {
    /// How far the part in front can scroll at the App's size, measured now (see
    /// `CaseView::scroll_max`).
    pub(crate) fn measure_scroll(&mut self) -> u16 {
        let key = (
            self.selected,
            self.case_view.focus,
            self.case_view.distinction,
            self.area,
            self.session.version,
            self.lang,
            self.message.is_some(),
        );
        if self.case_view.measured_for != Some(key) {
            self.case_view.scroll_max = crate::tui::views::scroll_max(self);
            self.case_view.measured_for = Some(key);
        }
        self.case_view.scroll_max
    }

    /// How many members the open round of the selected case hears (0 with no round).
    pub(crate) fn voters_in_round(&self) -> usize {
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
                self.case_view.measured_for = None;
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

    /// Opens a round on the selected case by `method`; a secret ballot asks for its counts.
    pub(crate) fn open_round_by(&mut self, method: Method) -> Result<(), Refusal> {
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
    pub(crate) fn recused_for_consent(&self) -> Vec<String> {
        self.case()
            .and_then(|c| self.session.intake(&c.id).ok())
            .map(|r| r.recusals.iter().map(|x| x.member.clone()).collect())
            .unwrap_or_default()
    }

    /// `R` on a case decided earlier: the members' consent, by the meeting's method: who
    /// agrees (an open method), or how many (a secret ballot).
    pub(crate) fn ask_reconsider(&mut self) {
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

    /// Closes the open round and says whether the proposal passed.
    pub(crate) fn close_round_now(&mut self, case: &str, now: &str) -> Result<(), Refusal> {
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
}

impl App {
    /// The case on screen, and the decision it reviews, show their earlier records whole:
    /// read from their files when the screen comes to them, since drawing reads nothing.
    pub fn keep_whole(&mut self) {
        if self.screen != Screen::Case {
            return;
        }
        let Some(c) = self.case() else { return };
        let ids: Vec<String> = std::iter::once(c.id.clone())
            .chain(c.review_of.clone())
            .collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        self.session.load_whole(&ids, self.lang);
        self.hear();
    }
}
