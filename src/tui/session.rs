//! The session on disk: opening a panel with its minutes (recovering from the journal what a
//! crash left out), making each step durable before it is drawn, the one-writer lock, and
//! following another docket's meeting read-only.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::domain::event::Event;
use crate::domain::text::Lang;
use crate::i18n;
use crate::sanitize::escape;
use crate::store::disk::{self, Disk, Modes, RealDisk, Refusal};
use crate::store::minutes::{self, Minutes};
use crate::store::{journal, panel};

use super::app::App;

pub use crate::store::disk::{LOCK_FILE, Lock, LockError};

/// The modes a panel's files get: its `group`, if named and known, else private.
pub fn modes_for(app: &App) -> Modes {
    Modes::of_panel(&app.panel)
}

/// Loads the panel and what its minutes and journals say: earlier meetings, and a meeting
/// still open (with whatever the journal holds beyond its minutes), resumed at the case
/// where it stopped. Problems go to `err`; `None` when the panel cannot open. With
/// `writable` false nothing is written (a second docket following the first).
pub fn load(
    dir: &Path,
    lang: Lang,
    writable: bool,
    err: &mut dyn Write,
) -> io::Result<Option<App>> {
    let Some(mut app) = open(dir, lang, err)? else {
        return Ok(None);
    };
    read(&mut app, writable);
    Ok(Some(app))
}

/// The panel, its cases and the working state, without the minutes yet: the costly part of
/// opening, done once whether docket ends up the writer or a reader.
pub fn open(dir: &Path, lang: Lang, err: &mut dyn Write) -> io::Result<Option<App>> {
    let loaded = crate::config::load_panel_with(dir, crate::config::panel_cache().as_ref());
    // A link planted where docket writes would steer the minutes elsewhere: refused.
    let planted = loaded
        .report
        .diagnostics
        .iter()
        .any(|d| d.msg == crate::diag::Msg::WrittenLink);
    if loaded.panel.is_none() || planted {
        for d in &loaded.report.diagnostics {
            writeln!(err, "{}", d.render(lang))?;
        }
        return Ok(None);
    }
    Ok(open_loaded(dir, loaded, lang))
}

/// [`open`] over a panel already read; none when the panel did not load.
pub fn open_loaded(dir: &Path, loaded: panel::Loaded, lang: Lang) -> Option<App> {
    let p = loaded.panel?;
    let broken = loaded.report.errors();
    let mut app = App::new(dir.to_path_buf(), p, loaded.cases, lang);
    if broken > 0 {
        app.notes.push(i18n::broken_cases(broken, lang));
    }
    match crate::store::state::read(dir) {
        Ok(s) => {
            app.state = s;
            app.version += 1;
        }
        Err(e) => {
            // A broken working state is never written over: triage waits until it is fixed.
            let e = i18n::state_error(&e, lang);
            app.state_error = Some(e.clone());
            app.notes.push(e);
        }
    }
    Some(app)
}

/// The minutes and journals into an opened App; a writer (`writable`) also writes what
/// recovery found and drops decided cases from the agenda.
pub fn read(app: &mut App, writable: bool) {
    let mut disk = RealDisk::new(&app.dir, modes_for(app));
    app.ledger = match crate::store::ledger::read(&app.dir) {
        Ok(l) => l,
        Err(_) => {
            app.notes
                .push(i18n::LEDGER_UNREADABLE.get(app.lang).to_string());
            crate::store::ledger::Ledger::default()
        }
    };
    if let Some(d) = &app.ledger.damage {
        app.notes.push(i18n::verify_panel_problem(
            &crate::verify::PanelProblem::LedgerDamaged(d.clone()),
            app.lang,
        ));
    }
    if writable {
        keep_ledger(app, &mut disk);
    }
    read_minutes(app, writable.then_some(&mut disk as &mut dyn Disk));
    if writable {
        app.prune_agenda();
    }
    if let Some(n) = app.notes.first().cloned() {
        app.warn(n);
    } else if let Some(m) = &app.meeting {
        let text = i18n::resumed(&m.id, app.lang);
        app.info(text);
    }
}

/// The writer's care of the ledger on opening: begun once on a panel that already holds
/// sealed records (with a note), sealed records whose entry a crash cut off entered, and
/// signatures members made with `docket sign` since entered and their keys pinned.
fn keep_ledger(app: &mut App, disk: &mut dyn Disk) {
    use crate::store::ledger::Record;
    // A damaged ledger is never written after: what follows would chain to a lie. A torn
    // last line is a crash mid-append: it is cut when the next line is written.
    if app
        .ledger
        .damage
        .as_ref()
        .is_some_and(|d| d.problem != crate::store::ledger::Problem::Torn)
    {
        return;
    }
    let dir = app.dir.clone();
    let now = app.now();
    let mut sealed: Vec<SealedFile> = Vec::new();
    for p in minutes::list(&dir) {
        let file = crate::store::file_name(&p);
        // What the ledger entered is not read again: opening stays as fast as before.
        let meeting = match app.ledger.sealed(&file).map(|e| &e.record) {
            Some(Record::Sealed { meeting, .. }) => meeting.clone(),
            _ => {
                let Ok((text, m)) = minutes::read(&p) else {
                    continue;
                };
                let Some(f) = &m.finalization else { continue };
                if minutes::verify(&text, &m) != minutes::Seal::Intact {
                    continue;
                }
                sealed.push(SealedFile {
                    file,
                    meeting: m.meeting.id.clone(),
                    addendum: None,
                    text,
                    ledger: f.ledger.clone(),
                    names_ledger: m.schema >= minutes::SEALED_WHOLE || f.ledger.is_some(),
                });
                m.meeting.id.clone()
            }
        };
        for a in crate::store::addendum::list(&dir, &meeting) {
            if app.ledger.sealed(&crate::store::file_name(&a)).is_some() {
                continue;
            }
            let Ok(text) = crate::store::read::read_text(&a) else {
                continue;
            };
            let Ok(parsed) = crate::store::addendum::parse(&text) else {
                continue;
            };
            // Entered and signed only as sealed, for these minutes.
            if !crate::store::addendum::verify(&text, &parsed, &parsed.minutes_digest)
                || parsed.minutes != meeting
            {
                continue;
            }
            let ledger = parsed.ledger.clone();
            sealed.push(SealedFile {
                file: crate::store::file_name(&a),
                meeting: meeting.clone(),
                addendum: Some(parsed.number),
                text,
                names_ledger: ledger.is_some(),
                ledger,
            });
        }
    }
    // Records sealed after a ledger name it: a ledger gone since is never begun anew, which
    // would vouch for whatever the files hold now.
    if !app.ledger.exists && sealed.iter().any(|s| s.names_ledger) {
        app.notes.push(i18n::verify_panel_problem(
            &crate::verify::PanelProblem::LedgerMissing,
            app.lang,
        ));
        return;
    }
    let result = (|| -> io::Result<()> {
        if !app.ledger.exists && !sealed.is_empty() {
            let records = sealed.len() as u32;
            let started = Record::Started {
                at: now.clone(),
                records,
            };
            crate::store::ledger::append(disk, &dir, &mut app.ledger, started)?;
            for s in &sealed {
                let record = Record::Sealed {
                    file: s.file.clone(),
                    meeting: s.meeting.clone(),
                    addendum: s.addendum,
                    digest: minutes::sha256_hex(s.text.as_bytes()),
                    at: now.clone(),
                };
                crate::store::ledger::append(disk, &dir, &mut app.ledger, record)?;
            }
            app.notes.push(i18n::ledger_started(records, app.lang));
        } else {
            // Sealed after the head the ledger still ends at: the entry a crash cut off.
            for s in &sealed {
                if app.ledger.sealed(&s.file).is_none()
                    && s.ledger.as_deref() == Some(app.ledger.head())
                {
                    let clerk = app.panel.clerk().cloned();
                    let modes = modes_for(app);
                    crate::store::seal::enter(
                        disk,
                        &dir,
                        &mut app.ledger,
                        modes,
                        &s.file,
                        &s.meeting,
                        s.addendum,
                        s.text.as_bytes(),
                        clerk.as_ref(),
                        &now,
                    )?;
                }
            }
        }
        crate::store::seal::enter_pending(disk, &dir, &mut app.ledger, &app.panel, &now)?;
        let modes = modes_for(app);
        // A crash between the newest record's entry and the clerk's signature: sign it now,
        // if its bytes are still the ones entered and the clerk's agent is here.
        if let Some(clerk) = app.panel.clerk().filter(|c| c.key.is_some()).cloned()
            && let Some(s) =
                crate::store::seal::sign_newest(disk, &dir, &mut app.ledger, modes, &clerk, &now)?
        {
            app.notes.push(i18n::signing(&s, app.lang));
        }
        Ok(())
    })();
    if let Err(e) = result {
        app.notes.push(i18n::minutes_failed(
            &i18n::write_error(&e, app.lang),
            app.lang,
        ));
    }
}

/// A sealed record found on opening, with the ledger head it names.
struct SealedFile {
    file: String,
    meeting: String,
    addendum: Option<u32>,
    text: String,
    ledger: Option<String>,
    /// Sealed by a docket that keeps a ledger.
    names_ledger: bool,
}

/// Fills `app` with the panel's minutes, replaying journals; writes recovered minutes
/// through `disk` when given.
fn read_minutes(app: &mut App, mut disk: Option<&mut dyn Disk>) {
    let dir = app.dir.clone();
    let lang = app.lang;
    let mut ids: Vec<(PathBuf, String)> = minutes::list(&dir)
        .into_iter()
        .filter_map(|p| {
            let id = p.file_stem()?.to_string_lossy().into_owned();
            Some((p, id))
        })
        .collect();
    for id in journal::meetings(&dir) {
        if !ids.iter().any(|(_, i)| *i == id) {
            ids.push((minutes::path_for(&dir, &id), id));
        }
    }
    ids.sort_by_key(|a| minutes::order_key(&a.0));
    for (path, id) in ids {
        // Minutes the ledger records sealed are never reopened, rebuilt or sealed again:
        // gone or no longer final, they are named, and their journal is not replayed.
        if let Some(e) = app.ledger.meeting_sealed(&id) {
            let final_now = path.exists() && minutes::read(&path).is_ok_and(|(_, m)| m.is_final());
            if !final_now {
                app.notes
                    .push(i18n::sealed_in_ledger(&path, e.line, path.exists(), lang));
                continue;
            }
        }
        let base = if path.exists() {
            match minutes::read(&path) {
                Ok((text, m)) => {
                    if m.is_final() && minutes::verify(&text, &m) != minutes::Seal::Intact {
                        app.notes.push(i18n::seal_broken(&path, lang));
                    } else if m.is_final()
                        && app.ledger.exists
                        && app.ledger.sealed(&crate::store::file_name(&path)).is_none()
                    {
                        app.notes.push(format!(
                            "{}: {}",
                            escape(&path.display().to_string()),
                            i18n::verify_problem(&crate::verify::Problem::NotInLedger, lang)
                        ));
                    }
                    Some(m)
                }
                Err(e) => {
                    // Minutes that do not read are never written over.
                    app.notes.push(minutes_error(&path, e, lang));
                    continue;
                }
            }
        } else {
            None
        };
        let mut current = base.clone();
        if !base.as_ref().is_some_and(Minutes::is_final)
            && let Some(r) = journal::recover_after(
                &app.panel,
                &dir,
                &id,
                base.as_ref(),
                Some(app.ledger.head()),
            )
        {
            // The journal alone never seals: only open minutes that agree with it are
            // finalized by a replay (a crash between the two writes of F). A journal that
            // finalizes minutes that are gone, or that differ from it, was edited.
            if r.minutes.is_final() && (base.is_none() || r.rebuilt) {
                app.notes.push(i18n::journal_seal_refused(&path, lang));
                continue;
            }
            if r.rebuilt {
                app.notes
                    .push(i18n::minutes_differ_from_journal(&path, lang));
            }
            if let Some(d) = &r.damage {
                app.notes.push(format!(
                    "{}:{}: {}",
                    escape(&r.journal.display().to_string()),
                    d.line,
                    escape(&d.message)
                ));
            }
            if r.replayed > 0 {
                app.notes.push(i18n::recovered(r.replayed, &id, lang));
                if let Some(d) = disk.as_deref_mut()
                    && let Ok(text) = minutes::render(&r.minutes)
                    && d.replace(&path, text.as_bytes()).is_ok()
                    && r.minutes.is_final()
                {
                    // Sealed by the replay: entered and signed as at F.
                    let clerk = app.panel.clerk().cloned();
                    let now = app.now();
                    let modes = modes_for(app);
                    let signing = crate::store::seal::enter(
                        d,
                        &dir,
                        &mut app.ledger,
                        modes,
                        &crate::store::file_name(&path),
                        &id,
                        None,
                        text.as_bytes(),
                        clerk.as_ref(),
                        &now,
                    );
                    match signing {
                        Ok(s) => app.notes.push(i18n::signing(&s, lang)),
                        Err(e) => app
                            .notes
                            .push(i18n::minutes_failed(&i18n::write_error(&e, lang), lang)),
                    }
                }
            }
            app.resume_case = r.last_case.clone();
            current = Some(r.minutes);
        }
        // After what matters more (a broken seal, a recovery): a leak to warn about.
        if let Some(mode) = disk::readable_by_others(&path) {
            app.notes.push(format!(
                "{}: {}",
                escape(&path.display().to_string()),
                i18n::msg(&crate::diag::Msg::MinutesReadable { mode }, lang)
            ));
        }
        let Some(m) = current else { continue };
        if let Some(f) = &m.finalization {
            let addenda = crate::store::addendum::read_all(&dir, &m.meeting.id, &f.minutes_digest);
            for (a, ok) in &addenda {
                if !ok {
                    app.notes.push(format!(
                        "{} #{}: {}",
                        i18n::ADDENDUM.get(lang),
                        a.number,
                        i18n::ADDENDUM_BROKEN.get(lang)
                    ));
                }
            }
            if !addenda.is_empty() {
                app.addenda.insert(m.meeting.id.clone(), addenda);
            }
        }
        if m.is_final() || m.meeting.closed_at.is_some() {
            app.history.push(m);
        } else {
            if let Some(old) = app.meeting.take() {
                // Two open meetings: the older one is kept as it is, read-only.
                let mut stale = Minutes::new(&app.panel, &old);
                stale.journal = app.journal_seq;
                app.history.push(stale);
            }
            app.journal_seq = m.journal;
            app.meeting = Some(m.meeting());
        }
    }
    app.reindex();
    app.resume();
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

/// Makes every step the App recorded durable: each appended to the journal and synced, then
/// the minutes replaced atomically. A journal that cannot be written undoes what it could
/// not keep (the screen must not show a step that is not on disk); minutes that cannot be
/// written keep the last good file, and the journal keeps the step.
pub fn save(app: &mut App, disk: &mut dyn Disk) {
    if app.state_dirty && app.state_error.is_none() {
        match crate::store::state::write(disk, &app.dir, &app.state) {
            Ok(()) => app.state_dirty = false,
            Err(e) => {
                if stopped(app, &e) {
                    return;
                }
                app.warn(i18n::minutes_failed(
                    &i18n::write_error(&e, app.lang),
                    app.lang,
                ))
            }
        }
    }
    for mut a in std::mem::take(&mut app.pending_addenda) {
        a.ledger = Some(app.ledger.head().to_string());
        match crate::store::addendum::write(disk, &app.dir, &a) {
            Ok((path, text)) => {
                let file = crate::store::file_name(&path);
                enter_sealed(app, disk, &file, &a.minutes, Some(a.number), &text);
            }
            Err(e) => {
                if stopped(app, &e) {
                    return;
                }
                app.warn(i18n::minutes_failed(
                    &i18n::write_error(&e, app.lang),
                    app.lang,
                ));
            }
        }
    }
    if app.pending.is_empty() && !app.dirty {
        return;
    }
    let Some(id) = app
        .meeting
        .as_ref()
        .map(|m| m.id.clone())
        .or_else(|| app.final_minutes.as_ref().map(|m| m.meeting.id.clone()))
    else {
        app.pending.clear();
        app.dirty = false;
        return;
    };
    let jpath = journal::path_for(&app.dir, &id);
    let pending: Vec<Event> = std::mem::take(&mut app.pending);
    for e in &pending {
        let seq = app.journal_seq + 1;
        if let Err(err) = journal::append(disk, &jpath, seq, e) {
            undo_to_disk(app);
            if !stopped(app, &err) {
                app.warn(i18n::journal_failed(
                    &i18n::write_error(&err, app.lang),
                    app.lang,
                ));
            }
            return;
        }
        app.journal_seq = seq;
    }
    let Some(mut m) = app.minutes() else { return };
    if m.finalization.is_none() {
        m.journal = app.journal_seq;
    } else if !app.ledger.exists {
        // The ledger exists before the first record names it, so a crash between the
        // minutes and their entry reads as that, not as a ledger deleted.
        let lp = crate::store::ledger::path_for(&app.dir);
        match disk.replace(&lp, b"") {
            Ok(()) => app.ledger.exists = true,
            Err(err) => {
                if !stopped(app, &err) {
                    app.warn(i18n::minutes_failed(
                        &i18n::write_error(&err, app.lang),
                        app.lang,
                    ));
                }
                return;
            }
        }
    }
    let path = minutes::path_for(&app.dir, &id);
    let written = minutes::render(&m)
        .map_err(|_| io::Error::other("render"))
        .and_then(|text| disk.replace(&path, text.as_bytes()).map(|()| text));
    match written {
        Ok(text) => {
            app.dirty = false;
            if m.is_final() && app.ledger.sealed(&crate::store::file_name(&path)).is_none() {
                enter_sealed(app, disk, &crate::store::file_name(&path), &id, None, &text);
            }
        }
        Err(err) if stopped(app, &err) => app.dirty = false,
        Err(err) => app.warn(i18n::minutes_failed(
            &i18n::write_error(&err, app.lang),
            app.lang,
        )),
    }
}

/// Enters a record just sealed in the ledger and signs it with the clerk's key; says how.
fn enter_sealed(
    app: &mut App,
    disk: &mut dyn Disk,
    file: &str,
    meeting: &str,
    addendum: Option<u32>,
    text: &str,
) {
    let clerk = app.panel.clerk().cloned();
    let now = app.now();
    let dir = app.dir.clone();
    let modes = modes_for(app);
    let result = crate::store::seal::enter(
        disk,
        &dir,
        &mut app.ledger,
        modes,
        file,
        meeting,
        addendum,
        text.as_bytes(),
        clerk.as_ref(),
        &now,
    );
    // A panel that gives no one a key does not sign: nothing to say beyond "finalized".
    let signs = app.panel.members.iter().any(|m| m.key.is_some());
    match result {
        Ok(crate::store::seal::Signing::Signed {
            member,
            fingerprint,
        }) => {
            let name = app
                .panel
                .member(&member)
                .map_or(member.as_str(), |m| &m.name);
            let said = i18n::signed_by(name, &member, &fingerprint, app.lang);
            app.info(i18n::sealed_and(&said, addendum.is_some(), app.lang));
        }
        Ok(_) if !signs => {}
        Ok(s) => app.warn(i18n::sealed_and(
            &i18n::signing(&s, app.lang),
            addendum.is_some(),
            app.lang,
        )),
        Err(e) => {
            if !stopped(app, &e) {
                app.warn(i18n::minutes_failed(
                    &i18n::write_error(&e, app.lang),
                    app.lang,
                ));
            }
        }
    }
}

/// When `e` says another docket may be the writer now (the lock or the journal is not what
/// this one holds): stops writing, says why, and follows read-only. True when it did.
fn stopped(app: &mut App, e: &io::Error) -> bool {
    let Some(r) = Refusal::of(e).filter(|r| r.demotes()) else {
        return false;
    };
    let why = i18n::disk_refusal(r, app.lang);
    app.pending.clear();
    app.warn(i18n::stopped_writing(&why, app.lang));
    app.read_only = Some(why);
    true
}

/// Puts the App back to what is on disk, after a journal write failed.
fn undo_to_disk(app: &mut App) {
    app.meeting = None;
    app.final_minutes = None;
    app.history.clear();
    app.pending.clear();
    app.journal_seq = 0;
    app.notes.clear();
    read_minutes(app, None);
    app.dirty = false;
}

/// Follows another docket's meeting: re-reads the minutes when they changed on disk.
pub fn refresh(app: &mut App, seen: &mut Option<SystemTime>) {
    let now = newest_change(&app.dir);
    if now == *seen {
        return;
    }
    *seen = now;
    app.meeting = None;
    app.final_minutes = None;
    app.history.clear();
    app.journal_seq = 0;
    app.notes.clear();
    let keep = (app.screen, app.selected, app.queue_row);
    if let Ok(s) = crate::store::state::read(&app.dir) {
        app.state = s;
    }
    match crate::store::ledger::read(&app.dir) {
        Ok(l) => app.ledger = l,
        Err(_) => app
            .notes
            .push(i18n::LEDGER_UNREADABLE.get(app.lang).to_string()),
    }
    read_minutes(app, None);
    (app.screen, app.selected, app.queue_row) = keep;
    // The state was replaced without an action: the queue's rows must be computed again.
    app.version += 1;
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
pub fn lock(app: &App, since: &str) -> Result<Lock, LockError> {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .unwrap_or_default();
    let line = format!(
        "{} {} {} {}\n",
        app.user,
        host.trim(),
        std::process::id(),
        since
    );
    disk::lock(&app.dir, modes_for(app), &line)
}

/// What a follower shows for a lock it could not take.
pub fn lock_refused(e: &LockError, lang: Lang) -> String {
    match e {
        LockError::Held(holder) => holder.clone(),
        LockError::Refused(e) => i18n::lock_refused(&i18n::write_error(e, lang), lang),
    }
}
