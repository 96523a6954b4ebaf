//! The forms' answers: the determination, the proposal, a secret ballot's counts and a
//! correction to finalized minutes.

use crate::domain::case::Proposal;
use crate::domain::event::Event;
use crate::domain::meeting::Refusal;
use crate::domain::rules::{Method, Opinion};
use crate::domain::tally::Tally;
use crate::domain::vote::DeterminationText;
use crate::i18n;

use crate::tui::app::App;
use crate::tui::input::TextInput;
use crate::tui::popups::{Confirm, Form, FormField, Popup};

impl App {
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

    pub(crate) fn submit_correction(&mut self, meeting: String, case: Option<String>, form: Form) {
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
}

/// The counts form of a secret ballot: one field per opinion the method allows, filled
/// with `prefill` when the clerk comes back to it.
pub(crate) fn counts_form(
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
