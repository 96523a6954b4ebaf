//! The writer's care of the ledger on opening: a ledger begun over sealed records, entries a
//! crash cut off, and signatures made since.

use std::io;

use crate::domain::text::Lang;
use crate::i18n;
use crate::store::disk::Disk;
use crate::store::minutes;

use super::save::modes_for;
use super::{Session, trail};

/// The writer's care of the ledger on opening: begun once on a panel that already holds
/// sealed records (with a note), sealed records whose entry a crash cut off entered, and
/// signatures members made with `docket sign` since entered and their keys pinned.
pub(super) fn keep_ledger(session: &mut Session, disk: &mut dyn Disk, lang: Lang) {
    use crate::store::ledger::Record;
    // A damaged ledger is never written after: what follows would chain to a lie. A torn
    // last line is a crash mid-append: it is cut when the next line is written.
    if session
        .ledger
        .damage
        .as_ref()
        .is_some_and(|d| d.problem != crate::store::ledger::Problem::Torn)
    {
        return;
    }
    let dir = session.dir.clone();
    let now = session.now();
    let mut sealed: Vec<SealedFile> = Vec::new();
    // The addenda listed once, not once per meeting.
    let addenda = crate::store::addendum::all(&dir);
    for p in minutes::list(&dir) {
        let file = crate::store::file_name(&p);
        // What the ledger entered is not read again: opening stays as fast as before.
        let meeting = match session.ledger.sealed(&file).map(|e| &e.record) {
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
        for a in crate::store::addendum::of(&addenda, &meeting) {
            if session
                .ledger
                .sealed(&crate::store::file_name(&a))
                .is_some()
            {
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
    if !session.ledger.exists && sealed.iter().any(|s| s.names_ledger) {
        log::warn!("ledger missing, though sealed records name one: not begun anew");
        session.notes.push(i18n::verify_panel_problem(
            &crate::verify::PanelProblem::LedgerMissing,
            lang,
        ));
        return;
    }
    let result = (|| -> io::Result<()> {
        if !session.ledger.exists && !sealed.is_empty() {
            let records = sealed.len() as u32;
            let started = Record::Started {
                at: now.clone(),
                records,
            };
            crate::store::ledger::append(disk, &dir, &mut session.ledger, started)?;
            for s in &sealed {
                let record = Record::Sealed {
                    file: s.file.clone(),
                    meeting: s.meeting.clone(),
                    addendum: s.addendum,
                    digest: minutes::sha256_hex(s.text.as_bytes()),
                    at: now.clone(),
                };
                crate::store::ledger::append(disk, &dir, &mut session.ledger, record)?;
            }
            log::info!("ledger started over {records} sealed records");
            session.notes.push(i18n::ledger_started(records, lang));
        } else {
            // Sealed after the head the ledger still ends at: the entry a crash cut off.
            for s in &sealed {
                if session.ledger.sealed(&s.file).is_none()
                    && s.ledger.as_deref() == Some(session.ledger.head())
                {
                    log::info!("ledger repaired: {} entered after a crash", s.file);
                    let clerk = session.panel.clerk().cloned();
                    let modes = modes_for(session);
                    crate::store::seal::enter(
                        disk,
                        &dir,
                        &mut session.ledger,
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
        crate::store::seal::enter_pending(disk, &dir, &mut session.ledger, &session.panel, &now)?;
        let modes = modes_for(session);
        // A crash between the newest record's entry and the clerk's signature: sign it now,
        // if its bytes are still the ones entered and the clerk's agent is here.
        if let Some(clerk) = session.panel.clerk().filter(|c| c.key.is_some()).cloned()
            && let Some(s) = crate::store::seal::sign_newest(
                disk,
                &dir,
                &mut session.ledger,
                modes,
                &clerk,
                &now,
            )?
        {
            log::info!("newest record on opening: {}", trail::signing(&s));
            session.notes.push(i18n::signing(&s, lang));
        }
        Ok(())
    })();
    if let Err(e) = result {
        log::error!("ledger not kept: {}", crate::logfile::io(&e));
        session
            .notes
            .push(i18n::minutes_failed(&i18n::write_error(&e, lang), lang));
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
