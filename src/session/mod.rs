//! The meeting session, apart from the screen: the panel and its cases, the earlier minutes,
//! the open meeting, the ledger, the journal's bookkeeping and the queue's working state.
//! Every step goes through [`Session::commit`], is journaled by [`save`] and only then drawn
//! by the front end, which reaches the session through these methods and reads.

pub mod casefile;
mod ledger;
mod open;
mod save;
mod standing;
mod trail;

use std::collections::HashMap;
use std::path::PathBuf;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::domain::case::Case;
use crate::domain::meeting::{Meeting, Refusal};
use crate::domain::panel::Panel;
use crate::domain::rules::Kind;
use crate::domain::text::Lang;
use crate::i18n;
use crate::store::ledger::Ledger;
use crate::store::minutes::Minutes;
use crate::store::panel::LoadedCase;
use crate::store::state::QueueState;

pub use crate::store::disk::{LOCK_FILE, Lock, LockError};
pub use open::{load, open, open_loaded, read, read_records, settle};
pub use save::{lock, lock_refused, modes_for, newest_change, refresh, save};

/// The time, injectable so that tests record fixed times.
pub trait Clock {
    fn now(&self) -> Timestamp;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// How a word the session has for the person at the screen weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
}

pub struct Session {
    pub dir: PathBuf,
    pub panel: Panel,
    /// The queue, oldest first.
    pub cases: Vec<LoadedCase>,
    /// Earlier minutes of this panel, oldest first; finalized ones as briefs (`minutes::brief`).
    pub history: Vec<Minutes>,
    pub meeting: Option<Meeting>,
    /// The minutes as sealed when the meeting was finalized: read-only from then on.
    pub final_minutes: Option<Minutes>,
    /// Something changed that the minutes must record.
    pub dirty: bool,
    pub user: String,
    /// The account's uid, recorded with the seal beside its name.
    pub uid: Option<u32>,
    /// The panel's ledger of sealed records, as read when the panel opened and appended since.
    pub ledger: Ledger,
    pub clock: Box<dyn Clock>,
    /// Minutes warnings and other notes from loading, shown once.
    pub notes: Vec<String>,
    /// Events recorded and not yet written to the journal, oldest first.
    pub pending: Vec<crate::domain::event::Event>,
    /// The sequence number of the last journal entry on disk.
    pub journal_seq: u64,
    /// The case before the panel: the one the last recorded step concerned (the journal's
    /// last word on reopening). Apart from the case the clerk is reading.
    pub resume_case: Option<String>,
    /// Another docket holds the panel: who; nothing can be recorded here.
    pub read_only: Option<String>,
    /// The working state of the queue (agenda, holds, incomplete materials).
    pub state: QueueState,
    pub state_undo: Vec<QueueState>,
    pub state_dirty: bool,
    /// Why the working state cannot be changed (its file is broken and must not be lost).
    pub state_error: Option<String>,
    /// Addenda of finalized minutes, by meeting id, with whether each is intact.
    pub addenda: HashMap<String, Vec<(crate::store::addendum::Addendum, bool)>>,
    /// Addenda made and not yet written.
    pub pending_addenda: Vec<crate::store::addendum::Addendum>,
    /// Bumped by every change that may change what the queue shows.
    pub version: u64,
    /// Lookups kept so that a keystroke over 10,000 cases stays cheap.
    pub index: Index,
    /// The last word the session has for the screen (a write that failed, a record sealed),
    /// already worded; the screen takes it and shows it.
    pub said: Option<(Level, String)>,
    /// The minutes were read again: the screen opens the case where the meeting stopped.
    pub reread: bool,
    /// Where unchanged minutes are kept between openings, if anywhere.
    pub cache: Option<crate::store::cache::CacheAt>,
    /// Earlier minutes read whole for a case on screen, by meeting id (`None`: changed).
    pub whole: HashMap<String, Option<Minutes>>,
}

/// A case record as the case screen shows it.
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a> {
    /// The meeting the record belongs to.
    pub meeting: &'a str,
    pub record: &'a crate::domain::meeting::CaseRecord,
    /// From earlier minutes: read-only here, and reconsidering it needs the members' consent.
    pub earlier: bool,
}

/// The queue's rows and what they were computed for: version, filter, sort.
pub type RowsKey = (
    (
        u64,
        crate::domain::queue::Filter,
        crate::domain::queue::Sort,
    ),
    Vec<usize>,
);

/// Lookups over the cases and the earlier minutes, rebuilt when they change.
#[derive(Debug, Default)]
pub struct Index {
    /// Case id to its place in `cases`.
    pub by_id: HashMap<String, usize>,
    /// Ids that some case reviews.
    pub reviewed: std::collections::HashSet<String>,
    /// The standing determination of each case in earlier minutes: (minutes, record) places
    /// in `history`.
    pub standing_before: HashMap<String, (usize, usize)>,
    /// The widest case id, in columns: the queue's id column, not measured every frame.
    pub id_width: usize,
}

impl Session {
    pub fn new(dir: PathBuf, panel: Panel, mut cases: Vec<LoadedCase>) -> Session {
        cases = in_received_order(cases);
        let mut s = Session {
            dir,
            panel,
            cases,
            history: Vec::new(),
            meeting: None,
            final_minutes: None,
            dirty: false,
            user: crate::store::system_user(),
            uid: Some(crate::store::current_account().uid),
            ledger: Ledger::default(),
            clock: Box::new(SystemClock),
            notes: Vec::new(),
            pending: Vec::new(),
            journal_seq: 0,
            resume_case: None,
            read_only: None,
            state: QueueState::default(),
            state_undo: Vec::new(),
            state_dirty: false,
            state_error: None,
            addenda: HashMap::new(),
            pending_addenda: Vec::new(),
            version: 0,
            index: Index::default(),
            said: None,
            reread: false,
            cache: None,
            whole: HashMap::new(),
        };
        s.reindex();
        s
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.said = Some((Level::Info, text.into()));
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.said = Some((Level::Warn, text.into()));
    }

    /// Something the queue shows may have changed: its rows are computed again.
    pub fn touch(&mut self) {
        self.version += 1;
    }

    /// Another docket holds the panel (`holder` says who): nothing is recorded here.
    pub fn follow(&mut self, holder: String) {
        self.read_only = Some(holder);
    }

    /// Records a change of the working state, keeping the old one for undo.
    pub fn change_state(&mut self, f: impl FnOnce(&mut QueueState)) {
        self.state_undo.push(self.state.clone());
        f(&mut self.state);
        self.state_dirty = true;
    }

    /// Puts the working state back as it was before its last change; gives the state it
    /// replaced, or none when there is nothing to undo.
    pub fn undo_state(&mut self) -> Option<QueueState> {
        let before = self.state_undo.pop()?;
        self.state_dirty = true;
        Some(std::mem::replace(&mut self.state, before))
    }

    /// The finalized meeting, once on disk, joins the earlier ones: the next meeting starts
    /// from a roll call of its own.
    pub fn file_finalized(&mut self) {
        let Some(sealed) = self.final_minutes.take() else {
            return;
        };
        self.history.push(sealed);
        self.meeting = None;
        self.journal_seq = 0;
        self.resume_case = None;
        self.reindex();
    }

    /// An addendum just made: shown with the minutes it amends, written by the next save.
    pub fn add_addendum(&mut self, a: crate::store::addendum::Addendum) {
        self.addenda
            .entry(a.minutes.clone())
            .or_default()
            .push((a.clone(), true));
        self.pending_addenda.push(a);
    }

    /// The cases as read again from `cases/`.
    pub fn reload_cases(&mut self, mut cases: Vec<LoadedCase>) {
        cases = in_received_order(cases);
        self.cases = cases;
        self.reindex();
    }

    /// The panel's time zone, or the system's.
    pub fn tz(&self) -> TimeZone {
        self.panel
            .timezone
            .as_deref()
            .and_then(|t| TimeZone::get(t).ok())
            .unwrap_or_else(TimeZone::system)
    }

    /// Now, RFC 3339 with the panel's offset.
    pub fn now(&self) -> String {
        let z = self.clock.now().to_zoned_datetime(self.tz());
        z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }

    pub fn today(&self) -> String {
        let z = self.clock.now().to_zoned_datetime(self.tz());
        z.strftime("%Y-%m-%d").to_string()
    }

    pub fn kind_of(&self, case: &Case) -> Option<&Kind> {
        self.panel.rules.kind(&case.kind)
    }

    /// Whether the minutes can still be written to: a meeting is open and not finalized.
    pub fn in_meeting(&self) -> bool {
        self.meeting.as_ref().is_some_and(|m| m.closed_at.is_none()) && self.final_minutes.is_none()
    }

    /// The minutes as they stand: sealed once finalized.
    pub fn minutes(&self) -> Option<Minutes> {
        if let Some(f) = &self.final_minutes {
            return Some(f.clone());
        }
        self.meeting.as_ref().map(|m| Minutes::new(&self.panel, m))
    }

    /// Records one step of the meeting: applied under the meeting rule, then queued for the
    /// journal, so that the terminal front end makes it durable before it is drawn.
    pub fn commit(&mut self, event: crate::domain::event::Event) -> Result<(), Refusal> {
        if self.final_minutes.is_some() || self.read_only.is_some() {
            return Err(Refusal::Closed);
        }
        self.has_room(&event)?;
        // A case comes before the panel with its first recorded step, never by being read;
        // a step refused takes nothing up.
        if let Some(case) = event.case()
            && !matches!(event, crate::domain::event::Event::TakeUp { .. })
            && self
                .meeting
                .as_ref()
                .is_some_and(|m| m.record(case).is_none())
        {
            if let Some((decided_in, _)) = self.decided_in(case) {
                return Err(Refusal::NeedsReconsideration(decided_in));
            }
            let record = self.intake(case)?;
            let take_up = crate::domain::event::Event::TakeUp { record };
            let mut trial = self.meeting.clone();
            crate::domain::event::apply(&mut trial, &self.panel, &take_up)?;
            crate::domain::event::apply(&mut trial, &self.panel, &event)?;
            self.commit(take_up)?;
        }
        crate::domain::event::apply(&mut self.meeting, &self.panel, &event)?;
        if let Some(case) = event.case() {
            self.resume_case = Some(case.to_string());
        }
        // What the queue shows may have changed with the event.
        self.version += 1;
        if let crate::domain::event::Event::Finalize { at, by, user, uid } = &event {
            // The seal covers the journal number this event will have once written, and the
            // ledger's head before it.
            let seq = self.journal_seq + self.pending.len() as u64 + 1;
            let sealer = crate::store::minutes::Sealer {
                by,
                user,
                uid: *uid,
                at,
                ledger: Some(self.ledger.head()),
            };
            self.final_minutes = self.meeting.as_ref().and_then(|m| {
                let mut minutes = Minutes::new(&self.panel, m);
                minutes.journal = seq;
                crate::store::minutes::seal(&mut minutes, &sealer)
                    .ok()
                    .map(|()| minutes)
            });
        }
        self.pending.push(event);
        self.dirty = true;
        Ok(())
    }

    /// Refuses a step that would take the meeting's minutes or journal past what docket
    /// writes for one meeting, so that everything written can be read back.
    fn has_room(&self, event: &crate::domain::event::Event) -> Result<(), Refusal> {
        use crate::store::{journal, minutes};
        let line = |e: &crate::domain::event::Event| journal::line(0, e).len() + 24;
        let step = line(event) + self.pending.iter().map(line).sum::<usize>();
        let written = self.meeting.as_ref().map_or(0, |m| {
            std::fs::metadata(journal::path_for(&self.dir, &m.id)).map_or(0, |f| f.len())
        });
        if minutes::has_room(&self.panel, self.meeting.as_ref(), step, written) {
            Ok(())
        } else {
            Err(Refusal::MinutesFull(minutes::MAX_MINUTES))
        }
    }

    /// Why nothing can be sealed now: the ledger is damaged (not merely cut short by a crash),
    /// and a record entered after it would chain to what cannot be trusted.
    pub fn ledger_damage(&self, lang: Lang) -> Option<String> {
        let d = self
            .ledger
            .damage
            .as_ref()
            .filter(|d| d.problem != crate::store::ledger::Problem::Torn)?;
        let what = i18n::verify_panel_problem(
            &crate::verify::PanelProblem::LedgerDamaged(d.clone()),
            lang,
        );
        Some(i18n::no_seal_on_damaged_ledger(&what, lang))
    }

    /// The supervision report over every meeting docket knows, the open one included.
    pub fn report(&self) -> crate::report::Report {
        let mut all: Vec<Minutes> = self.history.clone();
        all.extend(self.final_minutes.clone());
        if self.final_minutes.is_none()
            && let Some(m) = &self.meeting
        {
            all.push(Minutes::new(&self.panel, m));
        }
        let mut r = crate::report::build(
            &self.panel,
            &self.cases,
            &all,
            crate::report::Range::default(),
        );
        r.held = self.state.held.len();
        r.corrections = self.addenda.values().map(Vec::len).sum();
        r
    }

    /// `<date>-<n>`: one more than every meeting of the day on disk or in memory.
    pub fn next_meeting_id(&self) -> String {
        let today = self.today();
        let on_disk = crate::store::minutes::next_id(&self.dir, &today);
        let n_disk = on_disk
            .rsplit_once('-')
            .and_then(|(_, n)| n.parse::<u32>().ok())
            .unwrap_or(1);
        let n_mem = self
            .history
            .iter()
            .filter_map(|m| m.meeting.id.strip_prefix(&format!("{today}-")))
            .filter_map(|n| n.parse::<u32>().ok())
            .max()
            .map_or(1, |n| n + 1);
        format!("{today}-{}", n_disk.max(n_mem))
    }

    /// The record case `id` starts from when taken up.
    pub fn intake(&self, id: &str) -> Result<Box<crate::domain::meeting::CaseRecord>, Refusal> {
        let loaded = self
            .index
            .by_id
            .get(id)
            .and_then(|&i| self.cases.get(i))
            .ok_or_else(|| Refusal::NotTakenUp(id.to_string()))?;
        let earlier = self.earlier_members(&loaded.case);
        let intake = crate::domain::meeting::Intake {
            case: &loaded.case,
            digest: &loaded.digest,
            earlier: &earlier,
        };
        let mut record = Box::new(Meeting::intake_record(&self.panel, intake));
        record.review_of_meeting = self.earlier_meeting(&loaded.case);
        Ok(record)
    }

    /// The meeting whose decision the case `case` reviews stands on.
    pub fn earlier_meeting(&self, case: &crate::domain::case::Case) -> Option<String> {
        let target = case.review_of.as_ref()?;
        self.standing(target).map(|s| s.meeting.to_string())
    }

    /// Who on the panel sat on an earlier decision that a case on the agenda reviews, with
    /// the case: flagged on the roll call.
    pub fn sat_before(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for id in &self.state.agenda {
            let Some(c) = self.cases.iter().find(|c| &c.case.id == id) else {
                continue;
            };
            let Some(target) = &c.case.review_of else {
                continue;
            };
            for m in self.earlier_members(&c.case) {
                out.push((m, target.clone()));
            }
        }
        out
    }

    /// Members who were present when the decision under review was made.
    pub fn earlier_members(&self, case: &crate::domain::case::Case) -> Vec<String> {
        let Some(target) = &case.review_of else {
            return Vec::new();
        };
        self.standing(target)
            .map(|s| s.determination.present.clone())
            .unwrap_or_default()
    }
}

/// The cases by date received, then id. The order is found over indices and the cases are
/// then swapped into place, each moved once or twice and nothing copied whole: sorting
/// 100,000 cases of a few hundred bytes each in place moved them at every pass of the sort.
fn in_received_order(mut cases: Vec<LoadedCase>) -> Vec<LoadedCase> {
    let mut order: Vec<usize> = (0..cases.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&cases[a].case, &cases[b].case);
        (a.received, &a.id).cmp(&(b.received, &b.id))
    });
    // Where each case goes: every swap puts one case where it belongs.
    let mut to = vec![0; order.len()];
    for (place, &from) in order.iter().enumerate() {
        to[from] = place;
    }
    for i in 0..cases.len() {
        while to[i] != i {
            let t = to[i];
            cases.swap(i, t);
            to.swap(i, t);
        }
    }
    cases
}
