//! Checking sealed records: each seal over its exact bytes, the results re-derived from the
//! votes, the ledger against the files and the files against the ledger, and the signatures
//! against the members' keys.

use std::path::{Path, PathBuf};

use crate::domain::panel::Panel;
use crate::sshsig::{self, AllowedSigner};
use crate::store::ledger::{self, Ledger, Record};
use crate::store::minutes::{self, MINUTES_DIR, Minutes, Seal, sha256_hex};
use crate::store::{addendum, seal};

/// Keys to check signatures against instead of panel.yaml and the ledger's pins.
#[derive(Default)]
pub struct Options {
    pub allowed_signers: Option<Vec<AllowedSigner>>,
}

/// What is wrong with one record: each fails `verify`.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The file cannot be read or parsed: where, and why.
    Unreadable(Unread),
    /// A link in the panel's minutes folder where a record should be.
    Link,
    /// Two records of one case in one meeting's minutes.
    DuplicateCase(String),
    /// A case decided at an earlier meeting, recorded again without the members' consent
    /// to reconsider it.
    DecidedBefore { case: String, meeting: String },
    /// A case record's bytes differ from its digest.
    CaseChanged(String),
    /// The meeting part (header, attendance, the list of cases) differs from its digest.
    MeetingChanged,
    /// The finalization block (who sealed, when, the digests) is not what was sealed.
    FinalizationChanged,
    /// Closed, but the finalization is missing.
    ClosedUnsealed,
    /// Not finalized, though the ledger records these minutes sealed.
    Definalized { line: u32 },
    /// Sealed but not in the ledger.
    NotInLedger,
    /// The file's bytes are not those the ledger entered.
    ChangedSinceLedger { line: u32 },
    /// The file holds what the ledger entered for another file.
    Swapped { other: String },
    /// The file name does not match the meeting (or addendum) it holds.
    Renamed { holds: String },
    /// The ledger head the record names is not the ledger's line before its entry: the
    /// ledger was rewritten before it.
    LedgerRewritten,
    /// What re-deriving the results from the votes found.
    Rederived(crate::domain::audit::Discrepancy),
    /// An addendum naming another minutes digest than these minutes'.
    AddendumForOther,
    /// A signature file that does not verify over the record's bytes.
    SignatureInvalid { member: String },
    /// A signature by a key that is not the member's: not the key panel.yaml or the allowed
    /// signers give, or not the one the ledger entered.
    SignatureWrongKey { member: String, key: String },
    /// The ledger enters a signature whose file is gone or changed.
    SignatureMissing { member: String },
    /// One key signing for two members.
    SharedKey {
        members: (String, String),
        key: String,
    },
}

/// Why a record could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum Unread {
    Read {
        line: u32,
        col: u32,
        msg: crate::diag::Msg,
    },
    Yaml {
        line: u32,
        col: u32,
        message: String,
    },
    Io(std::io::ErrorKind, String),
}

/// What one record is in addition: said, but not a failure.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// Sealed under schema 1 or 2: the seal leaves out who sealed and when.
    OldSeal(u32),
    /// Signed with a key panel.yaml lists among the member's `previous_keys`.
    EarlierKey { member: String },
    /// A file in `signatures/` that no one entered and that is no signature over the record.
    Stray { name: String },
    /// A required signer has not signed.
    Awaiting { member: String },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    pub member: String,
    pub fingerprint: String,
    /// Entered in the ledger (the key pinned), or only found in `signatures/`.
    pub entered: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum State {
    NotFinal,
    Sealed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RecordReport {
    pub path: PathBuf,
    /// The addendum's number, for an addendum.
    pub addendum: Option<u32>,
    pub state: State,
    pub problems: Vec<Problem>,
    pub signatures: Vec<Signature>,
    pub notes: Vec<Note>,
    /// The record names a ledger head: it was sealed after the panel had a ledger.
    pub names_ledger: bool,
    /// The cases the minutes record: id, whether taken up again by reconsideration, and
    /// whether decided (a standing determination other than a deferral).
    pub cases: Vec<(String, bool, bool)>,
}

impl RecordReport {
    fn new(path: PathBuf, addendum: Option<u32>) -> RecordReport {
        RecordReport {
            path,
            addendum,
            state: State::NotFinal,
            problems: Vec::new(),
            signatures: Vec::new(),
            notes: Vec::new(),
            names_ledger: false,
            cases: Vec::new(),
        }
    }
}

/// What is wrong with the panel as a whole.
#[derive(Clone, Debug, PartialEq)]
pub enum PanelProblem {
    /// The ledger stops at a line: why.
    LedgerDamaged(ledger::Damage),
    /// The ledger is gone while sealed records say one existed.
    LedgerMissing,
    /// A link where the panel keeps its record (the minutes folder, the ledger, the
    /// signatures folder, a minutes file): the evidence would lie outside the panel.
    Link(String),
    /// The ledger cannot be read.
    LedgerUnreadable,
    /// The ledger enters a record whose file is gone.
    Deleted {
        file: String,
        meeting: String,
        line: u32,
    },
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PanelReport {
    pub records: Vec<RecordReport>,
    pub problems: Vec<PanelProblem>,
    /// How many entries the ledger holds; None when there is none yet.
    pub ledger: Option<usize>,
}

impl PanelReport {
    pub fn failed(&self) -> bool {
        !self.problems.is_empty() || self.records.iter().any(|r| !r.problems.is_empty())
    }
}

/// Checks one minutes file and the addenda beside it. `panel` and `ledger` are those of the
/// panel folder it lies in, when it does.
pub fn check_minutes(
    path: &Path,
    dir: Option<&Path>,
    panel: Option<&Panel>,
    ledger: Option<&Ledger>,
    opts: &Options,
) -> Vec<RecordReport> {
    let mut r = RecordReport::new(path.to_path_buf(), None);
    if dir.is_some() && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        r.problems.push(Problem::Link);
        return vec![r];
    }
    let (text, m) = match minutes::read(path) {
        Ok(x) => x,
        Err(e) => {
            r.problems.push(Problem::Unreadable(unreadable(e)));
            return vec![r];
        }
    };
    let file = crate::store::file_name(path);
    let in_ledger = ledger.and_then(|l| l.sealed(&file).map(|e| (l, e)));
    match minutes::verify(&text, &m) {
        Seal::NotFinal => {
            if m.meeting.closed_at.is_some() {
                r.problems.push(Problem::ClosedUnsealed);
            }
            if let Some(e) = ledger.and_then(|l| l.meeting_sealed(&m.meeting.id)) {
                r.problems.push(Problem::Definalized { line: e.line });
            }
        }
        seal => {
            r.state = State::Sealed;
            // docket seals schema 3 only with a ledger: stripping the field does not hide one.
            r.names_ledger = m.schema >= minutes::SEALED_WHOLE
                || m.finalization.as_ref().is_some_and(|f| f.ledger.is_some());
            match seal {
                Seal::Broken(Some(c)) => r.problems.push(Problem::CaseChanged(c)),
                Seal::Broken(None) => r.problems.push(Problem::MeetingChanged),
                Seal::BrokenFinalization => r.problems.push(Problem::FinalizationChanged),
                _ => {}
            }
            if m.schema < minutes::SEALED_WHOLE {
                r.notes.push(Note::OldSeal(m.schema));
            }
            for d in rederive(&m, panel) {
                r.problems.push(Problem::Rederived(d));
            }
            let mut seen: Vec<&str> = Vec::new();
            for c in &m.cases {
                if seen.contains(&c.case.as_str()) {
                    r.problems.push(Problem::DuplicateCase(c.case.clone()));
                }
                seen.push(&c.case);
            }
            // Decided: a standing determination that is not a deferral (by the panel's rules,
            // when they are the ones the minutes name).
            let deferral = |o: &str| {
                panel
                    .map(|p| &p.rules)
                    .filter(|r| r.id == m.rules.id)
                    .and_then(|r| r.kind_of_outcome(o).and_then(|k| k.outcome(o)))
                    .is_some_and(|x| x.deferral)
            };
            r.cases = m
                .cases
                .iter()
                .map(|c| {
                    let decided = c.determination().is_some_and(|d| !deferral(&d.outcome));
                    (c.case.clone(), c.reconsideration.is_some(), decided)
                })
                .collect();
            against_ledger(&mut r, ledger, in_ledger, &file, text.as_bytes());
            if let (Some((l, e)), Some(f)) = (in_ledger, &m.finalization)
                && let Some(head) = &f.ledger
                && head != l.head_before(e.n)
            {
                r.problems.push(Problem::LedgerRewritten);
            }
            if let Some(dir) = dir {
                signatures(&mut r, dir, panel, ledger, &file, text.as_bytes(), opts);
            }
        }
    }
    // In a panel, minutes are found by their file name: one naming another meeting misleads.
    let stem = file.strip_suffix(".yaml").unwrap_or(&file);
    if dir.is_some() && stem != m.meeting.id {
        r.problems.push(Problem::Renamed {
            holds: m.meeting.id.clone(),
        });
    }
    let mut out = vec![r];
    if let (Some(dir), Some(f)) = (dir, &m.finalization) {
        for p in addendum::list(dir, &m.meeting.id) {
            out.push(check_addendum(
                &p,
                dir,
                &f.minutes_digest,
                panel,
                ledger,
                opts,
            ));
        }
    }
    out
}

fn unreadable(e: minutes::MinutesError) -> Unread {
    match e {
        minutes::MinutesError::Read { line, col, msg } => Unread::Read { line, col, msg },
        minutes::MinutesError::Yaml { line, col, message } => Unread::Yaml { line, col, message },
        minutes::MinutesError::Io(e) => Unread::Io(e.kind(), e.to_string()),
    }
}

/// The record against its ledger entry: entered, with these bytes.
fn against_ledger(
    r: &mut RecordReport,
    ledger: Option<&Ledger>,
    entry: Option<(&Ledger, &ledger::Entry)>,
    file: &str,
    bytes: &[u8],
) {
    let Some(l) = ledger.filter(|l| l.exists) else {
        return;
    };
    let digest = sha256_hex(bytes);
    match entry {
        None => r.problems.push(Problem::NotInLedger),
        Some((_, e)) => {
            if let Record::Sealed { digest: d, .. } = &e.record
                && *d != digest
            {
                r.problems
                    .push(Problem::ChangedSinceLedger { line: e.line });
                let other = l.entries.iter().find_map(|o| match &o.record {
                    Record::Sealed {
                        file: f, digest: d, ..
                    } if *d == digest && f != file => Some(f.clone()),
                    _ => None,
                });
                if let Some(other) = other {
                    r.problems.push(Problem::Swapped { other });
                }
            }
        }
    }
}

fn check_addendum(
    path: &Path,
    dir: &Path,
    minutes_digest: &str,
    panel: Option<&Panel>,
    ledger: Option<&Ledger>,
    opts: &Options,
) -> RecordReport {
    let mut r = RecordReport::new(path.to_path_buf(), None);
    r.state = State::Sealed;
    let text = match crate::store::read::read_text(path) {
        Ok(t) => t,
        Err(e) => {
            r.problems.push(Problem::Unreadable(Unread::Read {
                line: e.line,
                col: e.col,
                msg: e.msg,
            }));
            return r;
        }
    };
    let a = match addendum::parse(&text) {
        Ok(a) => a,
        Err(e) => {
            r.problems.push(Problem::Unreadable(Unread::Yaml {
                line: e.line,
                col: e.col,
                message: e.message,
            }));
            return r;
        }
    };
    r.addendum = Some(a.number);
    r.names_ledger = a.ledger.is_some();
    let file = crate::store::file_name(path);
    let expected = addendum::path_for(Path::new(""), &a.minutes, a.number);
    if crate::store::file_name(&expected) != file {
        r.problems.push(Problem::Renamed {
            holds: crate::store::file_name(&expected),
        });
    }
    if !addendum::verify(&text, &a, &a.minutes_digest) {
        r.problems.push(Problem::MeetingChanged);
    } else if a.minutes_digest != minutes_digest {
        r.problems.push(Problem::AddendumForOther);
    }
    let entry = ledger.and_then(|l| l.sealed(&file).map(|e| (l, e)));
    against_ledger(&mut r, ledger, entry, &file, text.as_bytes());
    if let (Some((l, e)), Some(head)) = (entry, &a.ledger)
        && head != l.head_before(e.n)
    {
        r.problems.push(Problem::LedgerRewritten);
    }
    signatures(&mut r, dir, panel, ledger, &file, text.as_bytes(), opts);
    r
}

/// The results re-derived from the record's votes, against what it says: from the panel as
/// the minutes record it, and the rules' deferral outcomes when the panel's rules are the ones
/// the minutes name.
pub fn rederive(m: &Minutes, panel: Option<&Panel>) -> Vec<crate::domain::audit::Discrepancy> {
    let rules = panel
        .map(|p| &p.rules)
        .filter(|r| r.id == m.rules.id && r.version == m.rules.version);
    crate::domain::audit::audit(&m.meeting(), &basis(m, rules))
}

/// What the audit of `m` rests on: the panel as the minutes record it, their stated quorum,
/// and the deferral outcomes of `rules` when known.
pub fn basis(
    m: &Minutes,
    rules: Option<&crate::domain::rules::Rules>,
) -> crate::domain::audit::Basis {
    use crate::domain::audit;
    audit::Basis {
        seats: m
            .panel
            .members
            .iter()
            .map(|x| audit::Seat::recorded(&x.id, &x.role))
            .collect(),
        quorum: Some(audit::StatedQuorum {
            fraction: m.quorum.fraction.clone(),
            voting: m.quorum.voting,
            present: m.quorum.present,
            needed: m.quorum.needed,
            met: m.quorum.met,
        }),
        deferrals: rules.map(audit::deferrals),
    }
}

/// The signatures over one record: those the ledger entered and those found beside it.
///
/// A signature counts for a member only when made with a key that is theirs: one
/// `--allowed-signers` lists for them, else one panel.yaml gives them (`key`, or
/// `previous_keys` after a change). The ledger binds each signature it entered to its key, so
/// a key swapped in panel.yaml later does not make a new signature over an old record count;
/// a key named only in the ledger vouches for nothing, as anyone who can append a line could
/// have put it there.
fn signatures(
    r: &mut RecordReport,
    dir: &Path,
    panel: Option<&Panel>,
    ledger: Option<&Ledger>,
    file: &str,
    bytes: &[u8],
    opts: &Options,
) {
    let found = seal::found_for(dir, file);
    let entered: Vec<&ledger::Entry> = ledger
        .map(|l| l.signatures(file).collect())
        .unwrap_or_default();
    // A signature the ledger entered whose file is gone or was replaced.
    for e in &entered {
        if let Record::Signed {
            member,
            signature,
            digest,
            ..
        } = &e.record
        {
            let same = seal::read_signature(dir, signature)
                .is_ok_and(|s| sha256_hex(s.as_bytes()) == *digest);
            if !same {
                r.problems.push(Problem::SignatureMissing {
                    member: member.clone(),
                });
            }
        }
    }
    for f in &found {
        let entry = entered.iter().find_map(|e| match &e.record {
            Record::Signed {
                member,
                key,
                digest,
                signature,
                ..
            } if *member == f.member && *signature == f.name => Some((key.clone(), digest.clone())),
            _ => None,
        });
        let verified = seal::read_signature(dir, &f.name).ok().and_then(|armored| {
            let key = sshsig::verify(&armored, sshsig::NAMESPACE, bytes).ok()?;
            Some((sha256_hex(armored.as_bytes()), sshsig::fingerprint(&key)))
        });
        let Some((digest, fp)) = verified else {
            // A file no one entered may have been put there by anyone who can write the
            // folder: it is named, but it does not make the record changed.
            if entry.is_some() {
                r.problems.push(Problem::SignatureInvalid {
                    member: f.member.clone(),
                });
            } else {
                r.notes.push(Note::Stray {
                    name: f.name.clone(),
                });
            }
            continue;
        };
        // Not the file the ledger entered: named once, by the loop above.
        if let Some((key, d)) = &entry
            && (*key != fp || *d != digest)
        {
            continue;
        }
        // The member's keys as panel.yaml gives them: the current one first.
        let theirs = panel
            .and_then(|p| p.member(&f.member))
            .map(seal::member_fingerprints)
            .unwrap_or_default();
        let trusted = match &opts.allowed_signers {
            Some(list) => list.iter().any(|s| {
                s.principals.contains(&f.member)
                    && s.namespaces
                        .as_ref()
                        .is_none_or(|n| n.iter().any(|n| n == sshsig::NAMESPACE))
                    && sshsig::fingerprint(&s.key) == fp
            }),
            None => theirs.contains(&fp),
        };
        if !trusted {
            // Entered, the ledger's keeper vouched for it: a failure. Not entered, anyone who
            // can write the folder may have made it with a key of their own: named, ignored.
            if entry.is_some() {
                r.problems.push(Problem::SignatureWrongKey {
                    member: f.member.clone(),
                    key: fp,
                });
            } else {
                r.notes.push(Note::Stray {
                    name: f.name.clone(),
                });
            }
            continue;
        }
        if opts.allowed_signers.is_none() && theirs.first() != Some(&fp) {
            r.notes.push(Note::EarlierKey {
                member: f.member.clone(),
            });
        }
        // One key is one person: the same key signing for two members signs for neither.
        if r.signatures
            .iter()
            .any(|s| s.fingerprint == fp && s.member == f.member)
        {
            continue;
        }
        if let Some(other) = r.signatures.iter().find(|s| s.fingerprint == fp) {
            r.problems.push(Problem::SharedKey {
                members: (other.member.clone(), f.member.clone()),
                key: fp.clone(),
            });
            r.signatures.retain(|s| s.fingerprint != fp);
            continue;
        }
        r.signatures.push(Signature {
            member: f.member.clone(),
            fingerprint: fp,
            entered: entry.is_some(),
        });
    }
    if let Some(p) = panel {
        // Only members with a key can sign; a panel that gives none does not use signatures.
        for m in p.required_signers().filter(|m| m.key.is_some()) {
            if !r.signatures.iter().any(|s| s.member == m.id) {
                r.notes.push(Note::Awaiting {
                    member: m.id.clone(),
                });
            }
        }
    }
}

/// Checks every record of the panel in `dir`.
pub fn check_panel(dir: &Path, opts: &Options) -> PanelReport {
    let (panel, _) = crate::config::load_panel_only(dir);
    let mut report = PanelReport::default();
    let ledger = match ledger::read(dir) {
        Ok(l) => l,
        Err(_) => {
            report.problems.push(PanelProblem::LedgerUnreadable);
            Ledger::default()
        }
    };
    report.ledger = ledger.exists.then_some(ledger.entries.len());
    let ledger_file = format!("{MINUTES_DIR}/{}", ledger::LEDGER_FILE);
    for rel in [MINUTES_DIR, ledger_file.as_str(), seal::SIGNATURES_DIR] {
        if std::fs::symlink_metadata(dir.join(rel)).is_ok_and(|m| m.file_type().is_symlink()) {
            report.problems.push(PanelProblem::Link(rel.to_string()));
        }
    }
    if let Some(d) = &ledger.damage {
        report.problems.push(PanelProblem::LedgerDamaged(d.clone()));
    }
    let files = minutes::list(dir);
    // Where each case was decided, in meeting order: docket takes a decided case up again
    // only with the members' consent to reconsider it.
    let mut decided: Vec<(String, String)> = Vec::new();
    for f in &files {
        let mut records = check_minutes(f, Some(dir), panel.as_ref(), Some(&ledger), opts);
        if let Some(r) = records.first_mut() {
            let meeting = f
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let cases = std::mem::take(&mut r.cases);
            for (case, reconsidered, _) in &cases {
                if let Some((_, before)) = decided.iter().find(|(c, _)| c == case)
                    && !reconsidered
                {
                    r.problems.push(Problem::DecidedBefore {
                        case: case.clone(),
                        meeting: before.clone(),
                    });
                }
            }
            for (case, _, was_decided) in cases {
                if was_decided && !decided.iter().any(|(c, _)| *c == case) {
                    decided.push((case, meeting.clone()));
                }
            }
        }
        report.records.extend(records);
    }
    // A panel whose sealed records name a ledger head, or whose members signed, had a ledger.
    let had_ledger = report
        .records
        .iter()
        .any(|r| !r.signatures.is_empty() || r.names_ledger);
    if !ledger.exists && had_ledger && std::fs::symlink_metadata(ledger::path_for(dir)).is_err() {
        report.problems.push(PanelProblem::LedgerMissing);
    }
    for e in &ledger.entries {
        if let Record::Sealed { file, meeting, .. } = &e.record
            && !dir.join(MINUTES_DIR).join(file).exists()
        {
            report.problems.push(PanelProblem::Deleted {
                file: file.clone(),
                meeting: meeting.clone(),
                line: e.line,
            });
        }
    }
    report
}
