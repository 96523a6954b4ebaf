//! Every record of a panel folder, and the folder's own evidence: the ledger (damaged, gone,
//! entering files that are gone), links where records belong, cases decided twice.

use std::path::Path;

use crate::store::ledger::{self, Ledger, Record};
use crate::store::minutes::{self, MINUTES_DIR};
use crate::store::seal;

use super::record::check_minutes;
use super::{Options, PanelProblem, PanelReport, Problem};

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
