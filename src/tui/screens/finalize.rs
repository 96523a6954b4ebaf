//! Finalizing the meeting: asked, confirmed, sealed.

use crate::domain::event::Event;
use crate::i18n;

use crate::tui::app::App;
use crate::tui::popups::{Confirm, Popup};

impl App {
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
