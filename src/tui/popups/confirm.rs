//! What a confirmation does on `y`.

use crate::domain::event::Event;
use crate::i18n;

use crate::tui::app::App;
use crate::tui::popups::Confirm;

impl App {
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
            self.session.add_addendum(*a);
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
            // The decision that stands is copied from its record read whole, never a brief.
            Confirm::Reconsider(_) if !self.session.load_whole(&[cid.as_str()], self.lang) => {
                self.hear();
                return;
            }
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
}
