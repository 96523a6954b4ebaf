//! Making each step durable before it is drawn (journal, then minutes, then the ledger's
//! entry), the one-writer lock, and following another docket's meeting read-only.

use std::io;
use std::path::Path;
use std::time::SystemTime;

use crate::domain::event::Event;
use crate::domain::text::Lang;
use crate::i18n;
use crate::store::disk::{self, Disk, Modes, Refusal};
use crate::store::journal;
use crate::store::minutes;

use super::Session;
use super::open::read_minutes;
use crate::store::disk::{Lock, LockError};

/// The modes a panel's files get: its `group`, if named and known, else private.
pub fn modes_for(session: &Session) -> Modes {
    Modes::of_panel(&session.panel)
}

/// Makes every step the session recorded durable: each appended to the journal and synced, then
/// the minutes replaced atomically. A journal that cannot be written undoes what it could
/// not keep (the screen must not show a step that is not on disk); minutes that cannot be
/// written keep the last good file, and the journal keeps the step.
pub fn save(session: &mut Session, disk: &mut dyn Disk, lang: Lang) {
    if session.state_dirty && session.state_error.is_none() {
        match crate::store::state::write(disk, &session.dir, &session.state) {
            Ok(()) => session.state_dirty = false,
            Err(e) => {
                log::error!("working state not saved: {}", crate::logfile::io(&e));
                if stopped(session, &e, lang) {
                    return;
                }
                session.warn(i18n::minutes_failed(&i18n::write_error(&e, lang), lang))
            }
        }
    }
    for mut a in std::mem::take(&mut session.pending_addenda) {
        a.ledger = Some(session.ledger.head().to_string());
        match crate::store::addendum::write(disk, &session.dir, &a) {
            Ok((path, text)) => {
                let file = crate::store::file_name(&path);
                enter_sealed(
                    session,
                    disk,
                    &file,
                    &a.minutes,
                    Some(a.number),
                    &text,
                    lang,
                );
            }
            Err(e) => {
                log::error!(
                    "addendum {} to {} not saved: {}",
                    a.number,
                    a.minutes,
                    crate::logfile::io(&e)
                );
                if stopped(session, &e, lang) {
                    return;
                }
                session.warn(i18n::minutes_failed(&i18n::write_error(&e, lang), lang));
            }
        }
    }
    if session.pending.is_empty() && !session.dirty {
        return;
    }
    let Some(id) = session
        .meeting
        .as_ref()
        .map(|m| m.id.clone())
        .or_else(|| session.final_minutes.as_ref().map(|m| m.meeting.id.clone()))
    else {
        session.pending.clear();
        session.dirty = false;
        return;
    };
    let jpath = journal::path_for(&session.dir, &id);
    let pending: Vec<Event> = std::mem::take(&mut session.pending);
    for e in &pending {
        let seq = session.journal_seq + 1;
        if let Err(err) = journal::append(disk, &jpath, seq, e) {
            log::error!(
                "{}: step {seq} not journaled, undone: {}",
                jpath.display(),
                crate::logfile::io(&err)
            );
            undo_to_disk(session, lang);
            if !stopped(session, &err, lang) {
                session.warn(i18n::journal_failed(&i18n::write_error(&err, lang), lang));
            }
            return;
        }
        session.journal_seq = seq;
    }
    let Some(mut m) = session.minutes() else {
        return;
    };
    if m.finalization.is_none() {
        m.journal = session.journal_seq;
    } else if !session.ledger.exists {
        // The ledger exists before the first record names it, so a crash between the
        // minutes and their entry reads as that, not as a ledger deleted.
        let lp = crate::store::ledger::path_for(&session.dir);
        match disk.replace(&lp, b"") {
            Ok(()) => session.ledger.exists = true,
            Err(err) => {
                log::error!("{}: not begun: {}", lp.display(), crate::logfile::io(&err));
                if !stopped(session, &err, lang) {
                    session.warn(i18n::minutes_failed(&i18n::write_error(&err, lang), lang));
                }
                return;
            }
        }
    }
    let path = minutes::path_for(&session.dir, &id);
    let written = minutes::render(&m)
        .map_err(|_| io::Error::other("render"))
        .and_then(|text| disk.replace(&path, text.as_bytes()).map(|()| text));
    match written {
        Ok(text) => {
            session.dirty = false;
            if m.is_final()
                && session
                    .ledger
                    .sealed(&crate::store::file_name(&path))
                    .is_none()
            {
                enter_sealed(
                    session,
                    disk,
                    &crate::store::file_name(&path),
                    &id,
                    None,
                    &text,
                    lang,
                );
            }
        }
        Err(err) => {
            // The journal keeps the steps: the minutes are written again with the next one.
            log::error!(
                "{}: minutes not written (journal at step {}): {}",
                path.display(),
                session.journal_seq,
                crate::logfile::io(&err)
            );
            if stopped(session, &err, lang) {
                session.dirty = false;
            } else {
                session.warn(i18n::minutes_failed(&i18n::write_error(&err, lang), lang));
            }
        }
    }
}

/// Enters a record just sealed in the ledger and signs it with the clerk's key; says how.
fn enter_sealed(
    session: &mut Session,
    disk: &mut dyn Disk,
    file: &str,
    meeting: &str,
    addendum: Option<u32>,
    text: &str,
    lang: Lang,
) {
    let clerk = session.panel.clerk().cloned();
    let now = session.now();
    let dir = session.dir.clone();
    let modes = modes_for(session);
    let result = crate::store::seal::enter(
        disk,
        &dir,
        &mut session.ledger,
        modes,
        file,
        meeting,
        addendum,
        text.as_bytes(),
        clerk.as_ref(),
        &now,
    );
    // A panel that gives no one a key does not sign: nothing to say beyond "finalized".
    let signs = session.panel.members.iter().any(|m| m.key.is_some());
    match &result {
        Ok(s) => log::info!("{file} sealed and entered: {}", super::trail::signing(s)),
        Err(e) => log::error!("{file} sealed, not entered: {}", crate::logfile::io(e)),
    }
    match result {
        Ok(crate::store::seal::Signing::Signed {
            member,
            fingerprint,
        }) => {
            let name = session
                .panel
                .member(&member)
                .map_or(member.as_str(), |m| &m.name);
            let said = i18n::signed_by(name, &member, &fingerprint, lang);
            session.info(i18n::sealed_and(&said, addendum.is_some(), lang));
        }
        Ok(_) if !signs => {}
        Ok(s) => session.warn(i18n::sealed_and(
            &i18n::signing(&s, lang),
            addendum.is_some(),
            lang,
        )),
        Err(e) => {
            if !stopped(session, &e, lang) {
                session.warn(i18n::minutes_failed(&i18n::write_error(&e, lang), lang));
            }
        }
    }
}

/// When `e` says another docket may be the writer now (the lock or the journal is not what
/// this one holds): stops writing, says why, and follows read-only. True when it did.
fn stopped(session: &mut Session, e: &io::Error, lang: Lang) -> bool {
    let Some(r) = Refusal::of(e).filter(|r| r.demotes()) else {
        return false;
    };
    log::warn!("stopped writing, following read-only: {r:?}");
    let why = i18n::disk_refusal(r, lang);
    session.pending.clear();
    session.warn(i18n::stopped_writing(&why, lang));
    session.read_only = Some(why);
    true
}

/// Puts the session back to what is on disk, after a journal write failed.
fn undo_to_disk(session: &mut Session, lang: Lang) {
    session.meeting = None;
    session.final_minutes = None;
    session.history.clear();
    session.whole.clear();
    session.pending.clear();
    session.journal_seq = 0;
    session.notes.clear();
    read_minutes(session, None, lang);
    session.dirty = false;
}

/// Follows another docket's meeting: re-reads the minutes when they changed on disk.
pub fn refresh(session: &mut Session, seen: &mut Option<SystemTime>, lang: Lang) {
    let now = newest_change(&session.dir);
    if now == *seen {
        return;
    }
    *seen = now;
    session.meeting = None;
    session.final_minutes = None;
    session.history.clear();
    session.whole.clear();
    session.journal_seq = 0;
    session.notes.clear();
    if let Ok(s) = crate::store::state::read(&session.dir) {
        session.state = s;
    }
    match crate::store::ledger::read(&session.dir) {
        Ok(l) => session.ledger = l,
        Err(_) => session
            .notes
            .push(i18n::LEDGER_UNREADABLE.get(lang).to_string()),
    }
    read_minutes(session, None, lang);
    // The state was replaced without an action: the queue's rows must be computed again.
    session.version += 1;
}

/// When anything under minutes/ last changed.
pub fn newest_change(dir: &Path) -> Option<SystemTime> {
    std::fs::read_dir(dir.join(minutes::MINUTES_DIR))
        .ok()?
        .filter_map(|e| e.ok()?.metadata().ok()?.modified().ok())
        .max()
}

/// Takes the panel's lock (see `disk::lock`), writing this docket's line in it: user, host,
/// pid, since. The lock dies with its process, so a crashed holder never blocks the next one.
pub fn lock(session: &Session, since: &str) -> Result<Lock, LockError> {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .unwrap_or_default();
    let line = format!(
        "{} {} {} {}\n",
        session.user,
        host.trim(),
        std::process::id(),
        since
    );
    disk::lock(&session.dir, modes_for(session), &line)
}

/// What a follower shows for a lock it could not take.
pub fn lock_refused(e: &LockError, lang: Lang) -> String {
    match e {
        LockError::Held(holder) => holder.clone(),
        LockError::Refused(e) => i18n::lock_refused(&i18n::write_error(e, lang), lang),
    }
}
