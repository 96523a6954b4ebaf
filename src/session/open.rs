//! Opening a panel: the panel, its cases and working state, then its minutes and journals,
//! recovering from the journal what a crash left out, and the writer's care of the ledger.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::domain::text::Lang;
use crate::i18n;
use crate::sanitize::escape;
use crate::store::disk::{self, Disk, RealDisk};
use crate::store::minutes::{self, Minutes};
use crate::store::{journal, panel};

use super::save::modes_for;
use super::{Session, trail};

/// Loads the panel and what its minutes and journals say: earlier meetings, and a meeting
/// still open (with whatever the journal holds beyond its minutes), resumed at the case
/// where it stopped. Problems go to `err`; `None` when the panel cannot open. With
/// `writable` false nothing is written (a second docket following the first).
pub fn load(
    dir: &Path,
    lang: Lang,
    writable: bool,
    err: &mut dyn Write,
) -> io::Result<Option<Session>> {
    let Some(mut session) = open(dir, lang, err)? else {
        return Ok(None);
    };
    read(&mut session, writable, lang);
    Ok(Some(session))
}

/// The panel, its cases and the working state, without the minutes yet: the costly part of
/// opening, done once whether docket ends up the writer or a reader.
pub fn open(dir: &Path, lang: Lang, err: &mut dyn Write) -> io::Result<Option<Session>> {
    let cache = crate::config::panel_cache();
    let loaded = crate::config::load_panel_with(dir, cache.as_ref());
    // A link planted where docket writes would steer the minutes elsewhere: refused.
    let planted = loaded
        .report
        .diagnostics
        .iter()
        .any(|d| d.msg == crate::diag::Msg::WrittenLink);
    if loaded.panel.is_none() || planted {
        trail::not_opened(dir, &loaded, planted);
        for d in &loaded.report.diagnostics {
            writeln!(err, "{}", d.render(lang))?;
        }
        return Ok(None);
    }
    Ok(open_loaded(dir, loaded, lang).map(|mut s| {
        s.cache = cache;
        s
    }))
}

/// [`open`] over a panel already read; none when the panel did not load.
pub fn open_loaded(dir: &Path, loaded: panel::Loaded, lang: Lang) -> Option<Session> {
    let p = loaded.panel?;
    let broken = loaded.report.errors();
    let mut session = Session::new(dir.to_path_buf(), p, loaded.cases);
    trail::opened(
        dir,
        session.cases.len(),
        session.panel.members.len(),
        broken,
    );
    if broken > 0 {
        session.notes.push(i18n::broken_cases(broken, lang));
    }
    match crate::store::state::read(dir) {
        Ok(s) => {
            session.state = s;
            session.version += 1;
        }
        Err(e) => {
            log::warn!("working state unreadable: {}", crate::logfile::kind(&e));
            // A broken working state is never written over: triage waits until it is fixed.
            let e = i18n::state_error(&e, lang);
            session.state_error = Some(e.clone());
            session.notes.push(e);
        }
    }
    Some(session)
}

/// The minutes and journals into an opened session; a writer (`writable`) also writes what
/// recovery found and drops decided cases from the agenda.
pub fn read(session: &mut Session, writable: bool, lang: Lang) {
    read_records(session, writable, lang);
    settle(session, writable, lang);
}

/// The first half of [`read`]: the ledger, then the minutes and journals. A screen opens the
/// case where the meeting stopped (`reread`) before [`settle`].
pub fn read_records(session: &mut Session, writable: bool, lang: Lang) {
    let mut disk = RealDisk::new(&session.dir, modes_for(session));
    session.ledger = match crate::store::ledger::read(&session.dir) {
        Ok(l) => l,
        Err(e) => {
            log::warn!("ledger unreadable: {}", crate::logfile::io(&e));
            session
                .notes
                .push(i18n::LEDGER_UNREADABLE.get(lang).to_string());
            crate::store::ledger::Ledger::default()
        }
    };
    if let Some(d) = &session.ledger.damage {
        log::warn!("ledger damaged at line {}: {:?}", d.line, d.problem);
        session.notes.push(i18n::verify_panel_problem(
            &crate::verify::PanelProblem::LedgerDamaged(d.clone()),
            lang,
        ));
    }
    if writable {
        super::ledger::keep_ledger(session, &mut disk, lang);
    }
    read_minutes(
        session,
        writable.then_some(&mut disk as &mut dyn Disk),
        lang,
    );
}

/// The second half of [`read`]: a writer drops decided cases from the agenda; the first note
/// (or the meeting resumed) is what the session says.
pub fn settle(session: &mut Session, writable: bool, lang: Lang) {
    if writable {
        session.prune_agenda();
    }
    if let Some(n) = session.notes.first().cloned() {
        session.warn(n);
    } else if let Some(m) = &session.meeting {
        let text = i18n::resumed(&m.id, lang);
        session.info(text);
    }
}

/// Fills `session` with the panel's minutes, replaying journals; writes recovered minutes
/// through `disk` when given.
pub(super) fn read_minutes(session: &mut Session, mut disk: Option<&mut dyn Disk>, lang: Lang) {
    let dir = session.dir.clone();
    // The folder listed once: the minutes files, then the meetings only a journal holds.
    let present = minutes::list(&dir);
    let journals = journal::meetings(&dir);
    let mut ids: Vec<(PathBuf, String)> = present
        .iter()
        .filter_map(|p| {
            let id = p.file_stem()?.to_string_lossy().into_owned();
            Some((p.clone(), id))
        })
        .collect();
    for id in &journals {
        if !ids.iter().any(|(_, i)| i == id) {
            ids.push((minutes::path_for(&dir, id), id.clone()));
        }
    }
    ids.sort_by_key(|a| minutes::order_key(&a.0));
    trail::listed(&dir, present.len(), journals.len());
    // Every file read (and its seal checked) at once, on every core; unchanged ones from
    // the cache, verified when they were kept.
    let read = minutes::read_briefs(&dir, &present, session.cache.as_ref());
    trail::minutes_read(present.len(), read.from_cache);
    let mut read: HashMap<PathBuf, (Result<Minutes, minutes::MinutesError>, bool)> = present
        .into_iter()
        .zip(read.minutes.into_iter().zip(read.seal_holds))
        .collect();
    // The addenda listed once, not once per meeting.
    let addenda_listed = crate::store::addendum::all(&dir);
    for (path, id) in ids {
        let found = read.remove(&path);
        // Minutes the ledger records sealed are never reopened, rebuilt or sealed again:
        // gone or no longer final, they are named, and their journal is not replayed.
        if let Some(e) = session.ledger.meeting_sealed(&id) {
            let final_now = found
                .as_ref()
                .is_some_and(|(m, _)| m.as_ref().is_ok_and(Minutes::is_final));
            if !final_now {
                let (shown, line) = (path.display(), e.line);
                log::warn!("{shown}: sealed in the ledger (line {line}) but gone or not final");
                session
                    .notes
                    .push(i18n::sealed_in_ledger(&path, e.line, path.exists(), lang));
                continue;
            }
        }
        let base = if let Some((found, seal_holds)) = found {
            match found {
                Ok(m) => {
                    if m.is_final() && !seal_holds {
                        log::warn!("{}: seal broken", path.display());
                        session.notes.push(i18n::seal_broken(&path, lang));
                    } else if m.is_final()
                        && session.ledger.exists
                        && session
                            .ledger
                            .sealed(&crate::store::file_name(&path))
                            .is_none()
                    {
                        session.notes.push(format!(
                            "{}: {}",
                            escape(&path.display().to_string()),
                            i18n::verify_problem(&crate::verify::Problem::NotInLedger, lang)
                        ));
                    }
                    Some(m)
                }
                Err(e) => {
                    trail::unreadable(&path, &e);
                    // Minutes that do not read are never written over.
                    session.notes.push(minutes_error(&path, e, lang));
                    continue;
                }
            }
        } else {
            None
        };
        // What the journal rebuilt, if anything; else the file's minutes, not copied.
        let mut current = None;
        if !base.as_ref().is_some_and(Minutes::is_final)
            && let Some(r) = journal::recover_after(
                &session.panel,
                &dir,
                &id,
                base.as_ref(),
                Some(session.ledger.head()),
            )
        {
            // The journal alone never seals: only open minutes that agree with it are
            // finalized by a replay (a crash between the two writes of F). A journal that
            // finalizes minutes that are gone, or that differ from it, was edited.
            if r.minutes.is_final() && (base.is_none() || r.rebuilt) {
                let journal = r.journal.display();
                log::warn!("{journal}: finalizes minutes that are gone or differ: refused");
                session.notes.push(i18n::journal_seal_refused(&path, lang));
                continue;
            }
            if r.rebuilt {
                log::warn!("{}: rebuilt from the journal alone", path.display());
                session
                    .notes
                    .push(i18n::minutes_differ_from_journal(&path, lang));
            }
            trail::replayed(&r, &id, disk.is_some());
            if let Some(d) = &r.damage {
                session.notes.push(format!(
                    "{}:{}: {}",
                    escape(&r.journal.display().to_string()),
                    d.line,
                    i18n::journal_fault(&d.fault, lang)
                ));
            }
            if r.replayed > 0 {
                session.notes.push(i18n::recovered(r.replayed, &id, lang));
                if let Some(d) = disk.as_deref_mut()
                    && let Ok(text) = minutes::render(&r.minutes)
                    && d.replace(&path, text.as_bytes()).is_ok()
                    && r.minutes.is_final()
                {
                    // Sealed by the replay: entered and signed as at F.
                    let clerk = session.panel.clerk().cloned();
                    let now = session.now();
                    let modes = modes_for(session);
                    let signing = crate::store::seal::enter(
                        d,
                        &dir,
                        &mut session.ledger,
                        modes,
                        &crate::store::file_name(&path),
                        &id,
                        None,
                        text.as_bytes(),
                        clerk.as_ref(),
                        &now,
                    );
                    trail::sealed_by_replay(&path, &signing);
                    match signing {
                        Ok(s) => session.notes.push(i18n::signing(&s, lang)),
                        Err(e) => session
                            .notes
                            .push(i18n::minutes_failed(&i18n::write_error(&e, lang), lang)),
                    }
                }
            }
            session.resume_case = r.last_case.clone();
            current = Some(r.minutes);
        }
        // After what matters more (a broken seal, a recovery): a leak to warn about.
        if let Some(mode) = disk::readable_by_others(&path) {
            session.notes.push(format!(
                "{}: {}",
                escape(&path.display().to_string()),
                i18n::msg(&crate::diag::Msg::MinutesReadable { mode }, lang)
            ));
        }
        let Some(m) = current.or(base) else { continue };
        if let Some(f) = &m.finalization {
            let addenda = crate::store::addendum::read_listed(
                &addenda_listed,
                &m.meeting.id,
                &f.minutes_digest,
            );
            for (a, ok) in &addenda {
                if !ok {
                    session.notes.push(format!(
                        "{} #{}: {}",
                        i18n::ADDENDUM.get(lang),
                        a.number,
                        i18n::ADDENDUM_BROKEN.get(lang)
                    ));
                }
            }
            if !addenda.is_empty() {
                session.addenda.insert(m.meeting.id.clone(), addenda);
            }
        }
        if m.is_final() || m.meeting.closed_at.is_some() {
            session.history.push(m);
        } else {
            if let Some(old) = session.meeting.take() {
                // Two open meetings: the older one is kept as it is, read-only.
                let mut stale = Minutes::new(&session.panel, &old);
                stale.journal = session.journal_seq;
                session.history.push(stale);
            }
            session.journal_seq = m.journal;
            session.meeting = Some(m.meeting());
        }
    }
    session.index_history();
    session.reread = true;
}

fn minutes_error(path: &Path, e: minutes::MinutesError, lang: Lang) -> String {
    match e {
        minutes::MinutesError::Read { line, col, msg } => format!(
            "{}:{line}:{col}: {}",
            escape(&path.display().to_string()),
            i18n::msg(&msg, lang)
        ),
        minutes::MinutesError::Yaml { line, col, message } => format!(
            "{}:{line}:{col}: {}",
            escape(&path.display().to_string()),
            escape(&message)
        ),
        minutes::MinutesError::Io(e) => format!(
            "{}: {}",
            escape(&path.display().to_string()),
            i18n::io_error(&e, lang)
        ),
    }
}
