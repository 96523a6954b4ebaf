//! Checking sealed records: each seal over its exact bytes, the results re-derived from the
//! votes, the ledger against the files and the files against the ledger, and the signatures
//! against the members' keys.

//!
//! Here what a check finds (typed, no words: i18n says them); the checks in `record` (one
//! minutes file and its addenda), `rederive` (the results from the votes), `signatures` and
//! `panel` (every record of a panel, and its ledger).

mod panel;
mod record;
mod rederive;
mod signatures;

use std::path::PathBuf;

use crate::sshsig::AllowedSigner;
use crate::store::ledger;

pub use panel::check_panel;
pub use record::check_minutes;
pub use rederive::{basis, rederive};

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
