//! The session's lines for the support log (`--log`): paths, ids, counts and kinds, never
//! what a case, a member or an opinion says.

use std::io;
use std::path::Path;

use crate::logfile::{io as io_words, kind};
use crate::store::journal::Recovered;
use crate::store::minutes::MinutesError;
use crate::store::panel::Loaded;
use crate::store::seal::Signing;

/// A panel refused on opening: how many errors, and where each is (not what it says).
pub fn not_opened(dir: &Path, loaded: &Loaded, planted: bool) {
    let link = if planted {
        ", a link planted where docket writes"
    } else {
        ""
    };
    log::warn!(
        "panel {} not opened: {} errors{link}",
        dir.display(),
        loaded.report.errors()
    );
    for d in &loaded.report.diagnostics {
        if d.severity == crate::diag::Severity::Error {
            let (file, line, col) = (d.file.display(), d.line, d.col);
            log::warn!("{file}:{line}:{col}: {}", kind(&d.msg));
        }
    }
}

/// A panel opened: what it holds.
pub fn opened(dir: &Path, cases: usize, members: usize, broken: usize) {
    log::info!(
        "panel {} opened: {cases} cases, {members} members, {broken} broken case files",
        dir.display()
    );
}

/// The minutes and journals about to be read.
pub fn listed(dir: &Path, files: usize, journals: usize) {
    log::info!(
        "{files} minutes files, {journals} journals in {}",
        dir.display()
    );
}

/// How many minutes files were read and how many of them came from the cache unchanged.
pub fn minutes_read(files: usize, from_cache: usize) {
    log::info!("{files} minutes files read, {from_cache} of them unchanged from the cache");
}

/// What a journal gave back: a damaged line, and how many steps were replayed.
pub fn replayed(r: &Recovered, meeting: &str, written: bool) {
    let journal = r.journal.display();
    if let Some(d) = &r.damage {
        log::warn!("{journal}:{}: {}", d.line, kind(&d.fault));
    }
    if r.replayed > 0 {
        let how = if written {
            ""
        } else {
            " (read only, not written)"
        };
        log::info!(
            "meeting {meeting}: {} steps replayed from {journal}{how}",
            r.replayed
        );
    }
}

/// Minutes a replay sealed: entered and signed, or not.
pub fn sealed_by_replay(path: &Path, result: &io::Result<Signing>) {
    match result {
        Ok(s) => log::info!("{}: sealed by the replay, {}", path.display(), signing(s)),
        Err(e) => log::error!("{}: not entered: {}", path.display(), io_words(e)),
    }
}

/// Minutes that do not read: where, and the kind of problem without the parser's words
/// (which may quote the file).
pub fn unreadable(path: &Path, e: &MinutesError) {
    let what = match e {
        MinutesError::Read { line, col, msg } => format!("line {line}:{col}, {}", kind(msg)),
        MinutesError::Yaml { line, col, .. } => format!("line {line}:{col}, YAML"),
        MinutesError::Io(e) => io_words(e),
    };
    log::warn!("{}: unreadable: {what}", path.display());
}

/// A signing's outcome: member ids and fingerprints, the kind of a failure.
pub fn signing(s: &Signing) -> String {
    match s {
        Signing::Signed {
            member,
            fingerprint,
        } => format!("signed by {member} ({fingerprint})"),
        Signing::NoClerk => "not signed: no clerk".into(),
        Signing::NoKey(m) => format!("not signed: {m} has no key"),
        Signing::NoAgent => "not signed: no ssh-agent".into(),
        Signing::NotInAgent(m) => format!("not signed: the agent lacks {m}'s key"),
        Signing::Agent(e) => format!("not signed: the agent: {e:?}"),
        Signing::Failed(e) => format!("not signed: writing the signature failed: {e}"),
    }
}
