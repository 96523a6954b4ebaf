//! One minutes file and the addenda beside it: the seal over its exact bytes, the results
//! re-derived, the record against its ledger entry, and its name against what it holds.

use crate::store::yaml::YamlWhy;
use std::path::Path;

use crate::domain::panel::Panel;
use crate::store::addendum;
use crate::store::ledger::{self, Ledger, Record};
use crate::store::minutes::{self, Seal, sha256_hex};

use super::rederive::rederive;
use super::signatures::signatures;
use super::{Note, Options, Problem, RecordReport, State, Unread};

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
            r.problems.push(Problem::Unreadable(match e.why {
                YamlWhy::Parser(message) => Unread::Yaml {
                    line: e.line,
                    col: e.col,
                    message,
                },
                YamlWhy::Limit(msg) => Unread::Read {
                    line: e.line,
                    col: e.col,
                    msg,
                },
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
