//! The journal: every step of a meeting appended and synced before the screen shows it, and
//! replayed onto the minutes after a crash.
//!
//! One line per step: `SEQ<TAB>CHECK<TAB>JSON`, where CHECK is the first 16 hex digits of
//! the SHA-256 of JSON. A torn last line (a crash mid-write) was never shown and is ignored;
//! a damaged line before the last is an error with its line number, and nothing after it is
//! replayed.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::event::{self, Event};
use crate::domain::meeting::Meeting;
use crate::domain::panel::Panel;

use super::disk::Disk;
use super::minutes::{self, MINUTES_DIR, Minutes, sha256_hex};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    #[serde(flatten)]
    pub event: Event,
}

pub fn path_for(dir: &Path, meeting: &str) -> PathBuf {
    dir.join(MINUTES_DIR).join(format!("{meeting}.journal"))
}

fn check(json: &str) -> String {
    sha256_hex(json.as_bytes())[..16].to_string()
}

/// The journal line of one entry.
pub fn line(seq: u64, event: &Event) -> String {
    let json = serde_json::to_string(&Entry {
        seq,
        event: event.clone(),
    })
    .unwrap_or_default();
    format!("{seq}\t{}\t{json}\n", check(&json))
}

pub fn append(disk: &mut dyn Disk, path: &Path, seq: u64, event: &Event) -> std::io::Result<()> {
    disk.append(path, seq, line(seq, event).as_bytes())
}

/// A journal that cannot be read past some line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    pub line: u32,
    pub fault: Fault,
}

/// What is wrong with a journal line; worded in `i18n::journal_fault`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    NoSequence,
    NoChecksum,
    NoEntry,
    /// The line was changed or cut.
    Checksum,
    /// The entry does not decode: serde_json's words.
    NotAnEntry(String),
    /// The line's number and its entry's disagree.
    SequenceDisagrees,
    OutOfOrder,
    /// A step cut short by a failed write, skipped: it was never shown.
    TornSkipped,
}

/// The entries of a journal's text, in order, and the damage that stopped reading, if any.
///
/// An append that failed part-way (a full disk) leaves a fragment of a line that was never
/// shown; the step after it is written with the same sequence number, either on a line of
/// its own or glued to the fragment. Such a fragment is skipped, with a note as the damage,
/// and reading goes on; any other damaged line stops reading there.
pub fn parse(text: &str) -> (Vec<Entry>, Option<Damage>) {
    let mut entries: Vec<Entry> = Vec::new();
    let mut note = None;
    let complete = text.ends_with('\n');
    let lines: Vec<&str> = text.split_terminator('\n').collect();
    let mut i = 0;
    while i < lines.len() {
        let last = i + 1 == lines.len();
        let line = (i + 1) as u32;
        let prev = entries.last().map(|e| e.seq);
        match parse_line(lines[i], prev) {
            Ok(e) => entries.push(e),
            // A crash while appending leaves at most the last line torn; it was never shown.
            Err(_) if last && !complete => break,
            Err(fault) => {
                let next = prev.map_or(1, |p| p + 1);
                // The retried step glued after the fragment, on the same line.
                let glued = glued_retry(lines[i], next)
                    .and_then(|at| parse_line(&lines[i][at..], prev).ok());
                // Or the retried step on the next line, with the fragment's number.
                let retried = lines
                    .get(i + 1)
                    .is_some_and(|n| parse_line(n, prev).is_ok_and(|e| e.seq == next));
                let torn = Damage {
                    line,
                    fault: Fault::TornSkipped,
                };
                if let Some(e) = glued {
                    entries.push(e);
                    note = Some(torn);
                } else if retried && lines[i].starts_with(&format!("{next}\t")) {
                    note = Some(torn);
                } else {
                    return (entries, Some(Damage { line, fault }));
                }
            }
        }
        i += 1;
    }
    (entries, note)
}

/// One journal line as an entry following `prev`, or why not.
fn parse_line(l: &str, prev: Option<u64>) -> Result<Entry, Fault> {
    let mut parts = l.splitn(3, '\t');
    let seq: u64 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or(Fault::NoSequence)?;
    let sum = parts.next().ok_or(Fault::NoChecksum)?;
    let json = parts.next().ok_or(Fault::NoEntry)?;
    if check(json) != sum {
        return Err(Fault::Checksum);
    }
    let entry: Entry = serde_json::from_str(json).map_err(|e| Fault::NotAnEntry(e.to_string()))?;
    if entry.seq != seq {
        return Err(Fault::SequenceDisagrees);
    }
    if prev.is_some_and(|p| seq != p + 1) {
        return Err(Fault::OutOfOrder);
    }
    Ok(entry)
}

/// Where, inside a damaged line that begins as step `seq`, that step starts again.
fn glued_retry(l: &str, seq: u64) -> Option<usize> {
    let head = format!("{seq}\t");
    if !l.starts_with(&head) {
        return None;
    }
    l.match_indices(&head)
        .map(|(at, _)| at)
        .filter(|&at| at > 0)
        .last()
}

/// What recovering one meeting gave.
pub struct Recovered {
    pub minutes: Minutes,
    /// Entries of the journal applied that the minutes did not yet hold.
    pub replayed: usize,
    pub damage: Option<Damage>,
    pub journal: PathBuf,
    /// The case of the last step in the journal: where the meeting stopped.
    pub last_case: Option<String>,
    /// The open minutes given did not say what the journal says up to their number (edited
    /// by hand): the meeting was rebuilt from the journal alone.
    pub rebuilt: bool,
}

/// Replays the journal of `meeting` onto its minutes (or from nothing, when the minutes were
/// never written): each entry newer than the minutes exactly once. Entries the meeting rule
/// refuses are not applied; they cannot have been shown.
///
/// Open minutes are only a copy of the journal: when the journal holds every step up to
/// their number and, replayed, does not give the meeting they record, they were edited by
/// hand and the meeting is rebuilt from the journal alone.
pub fn recover(
    panel: &Panel,
    dir: &Path,
    meeting_id: &str,
    base: Option<&Minutes>,
) -> Option<Recovered> {
    recover_after(panel, dir, meeting_id, base, None)
}

/// [`recover`], sealing minutes the journal finalizes after the ledger head `ledger`.
pub fn recover_after(
    panel: &Panel,
    dir: &Path,
    meeting_id: &str,
    base: Option<&Minutes>,
    ledger: Option<&str>,
) -> Option<Recovered> {
    let path = path_for(dir, meeting_id);
    let text = super::read::read_journal(&path).ok()?;
    let (entries, damage) = parse(&text);
    let rebuilt = base.is_some_and(|b| !b.is_final() && differs(panel, &entries, b));
    let base = base.filter(|_| !rebuilt);
    let mut meeting: Option<Meeting> = base.map(Minutes::meeting);
    let held = base.map_or(0, |m| m.journal);
    let mut seq = held;
    let mut finalized = base.and_then(|m| m.finalization.clone());
    let mut replayed = 0;
    for e in entries.iter().filter(|e| e.seq > held) {
        if finalized.is_some() {
            break;
        }
        if event::apply(&mut meeting, panel, &e.event).is_ok() {
            replayed += 1;
            if let Event::Finalize { at, by, user, uid } = &e.event
                && let Some(m) = &meeting
            {
                let mut sealed = Minutes::new(panel, m);
                sealed.journal = e.seq;
                let sealer = minutes::Sealer {
                    by,
                    user,
                    uid: *uid,
                    at,
                    ledger,
                };
                if minutes::seal(&mut sealed, &sealer).is_ok() {
                    finalized = sealed.finalization.clone();
                }
            }
        }
        seq = e.seq;
    }
    let m = meeting?;
    let mut out = Minutes::new(panel, &m);
    out.journal = seq;
    if let Some(f) = finalized {
        out.finalization = Some(f);
    }
    let last_case = entries
        .iter()
        .rev()
        .find_map(|e| e.event.case().map(str::to_string));
    Some(Recovered {
        minutes: out,
        replayed,
        damage,
        journal: path,
        last_case,
        rebuilt,
    })
}

/// Whether `entries`, holding every step up to the number `base` records, replay to a
/// meeting other than the one `base` records. A journal short of that number judges nothing.
fn differs(panel: &Panel, entries: &[Entry], base: &Minutes) -> bool {
    let upto: Vec<&Entry> = entries.iter().filter(|e| e.seq <= base.journal).collect();
    if upto.len() as u64 != base.journal {
        return false;
    }
    let mut meeting: Option<Meeting> = None;
    for e in upto {
        // A step the rule refuses was never shown, as below.
        let _ = event::apply(&mut meeting, panel, &e.event);
    }
    meeting != Some(base.meeting())
}

/// The ids of meetings that have a journal in the panel folder.
pub fn meetings(dir: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(dir.join(MINUTES_DIR))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.strip_suffix(".journal").map(str::to_string)
                })
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(name: &str) -> Event {
        Event::Attendee { name: name.into() }
    }

    #[test]
    fn lines_round_trip_and_a_torn_last_line_is_ignored() {
        let text = format!("{}{}", line(1, &ev("甲")), line(2, &ev("乙")));
        let (entries, damage) = parse(&text);
        assert_eq!(entries.len(), 2);
        assert_eq!(damage, None);
        let torn = &text[..text.len() - 8];
        let (entries, damage) = parse(torn);
        assert_eq!(entries.len(), 1);
        assert_eq!(damage, None);
    }

    #[test]
    fn a_fragment_left_by_a_failed_append_is_skipped_and_the_retried_step_kept() {
        let one = line(1, &ev("甲"));
        let two = line(2, &ev("乙"));
        let fragment = &two[..two.len() - 9];
        let three = line(3, &ev("丙"));
        // The retried step glued to the fragment, as a plain append writes it.
        let glued = format!("{one}{fragment}{two}{three}");
        let (entries, damage) = parse(&glued);
        let names: Vec<u64> = entries.iter().map(|e| e.seq).collect();
        assert_eq!(names, [1, 2, 3]);
        assert_eq!(entries[1].event, ev("乙"));
        assert_eq!(damage.map(|d| d.line), Some(2));
        // The retried step on a line of its own.
        let apart = format!("{one}{fragment}\n{two}{three}");
        let (entries, damage) = parse(&apart);
        assert_eq!(entries.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2, 3]);
        assert!(damage.is_some_and(|d| d.fault == Fault::TornSkipped));
    }

    #[test]
    fn a_damaged_line_before_the_last_stops_reading_with_its_number() {
        let text = format!(
            "{}{}{}",
            line(1, &ev("a")),
            line(2, &ev("b")).replace('b', "c"),
            line(3, &ev("d"))
        );
        let (entries, damage) = parse(&text);
        assert_eq!(entries.len(), 1);
        assert_eq!(damage.map(|d| d.line), Some(2));
        let text = format!("{}{}", line(1, &ev("a")), line(3, &ev("b")));
        let (_, damage) = parse(&text);
        assert!(damage.is_some_and(|d| d.fault == Fault::OutOfOrder));
    }

    #[test]
    fn nonsense_is_damage_not_a_panic() {
        for junk in [
            "",
            "\n",
            "x\ty\tz\n",
            "1\t\t{}\n",
            "\u{1b}[2J\n",
            "9999999999999999999999\ta\tb\n",
        ] {
            let _ = parse(junk);
        }
        assert!(parse("garbage\nmore\n").1.is_some());
    }
}
