//! The ledger: an append-only list of every record the panel sealed and every signature
//! made over one, each line chained to the one before by its SHA-256.
//!
//! One line per entry: `N<TAB>PREV<TAB>JSON`, where N counts from 1, PREV is the SHA-256
//! (hex) of the previous line's bytes without its line break (64 zeros for the first), and
//! JSON says what was entered. The head is the SHA-256 of the last line, and is what a sealed
//! record names as the ledger before it. Whoever can write the file can rewrite it whole; the
//! signatures over the records, which cover the head before each, are what anchor it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::disk::Disk;
use super::minutes::{MINUTES_DIR, sha256_hex};

pub const LEDGER_FILE: &str = "ledger";

/// The head of an empty ledger, and the PREV of its first line.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The most bytes of ledger read: some 100,000 entries.
const MAX_LEDGER: u64 = 64 * 1024 * 1024;

pub fn path_for(dir: &Path) -> PathBuf {
    dir.join(MINUTES_DIR).join(LEDGER_FILE)
}

/// What one entry records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Record {
    /// The ledger begun on a panel that already held sealed records: those entered next
    /// were sealed before the ledger existed, and it vouches only for their bytes since then.
    Started { at: String, records: u32 },
    /// A sealed record: minutes, or an addendum to them (its number).
    Sealed {
        file: String,
        meeting: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        addendum: Option<u32>,
        /// SHA-256 of the file's bytes.
        digest: String,
        at: String,
    },
    /// A signature over a sealed record, by a member's key: the fingerprint is pinned here
    /// the first time the member signs, so a later edit of panel.yaml cannot vouch for an
    /// old forgery.
    Signed {
        file: String,
        member: String,
        key: String,
        /// The signature file's name in `signatures/`, and the SHA-256 of its bytes.
        signature: String,
        digest: String,
        at: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub n: u64,
    /// The 1-based line it is on.
    pub line: u32,
    pub record: Record,
    /// SHA-256 of its line: the head once it is the last.
    pub hash: String,
}

/// Where reading the ledger stopped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    pub line: u32,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not `N<TAB>PREV<TAB>JSON`, or JSON that is not an entry.
    Unreadable,
    /// N is not one more than the line before: an entry taken out or put in.
    Gap { expected: u64, found: u64 },
    /// PREV is not the hash of the line before: a line changed, removed or put in.
    Chain,
    /// The last line has no line break: cut short.
    Torn,
}

/// A panel's ledger as read: the entries up to any damage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ledger {
    pub entries: Vec<Entry>,
    pub damage: Option<Damage>,
    /// Whether the file exists at all.
    pub exists: bool,
}

impl Ledger {
    /// The hash of the last entry read, or GENESIS.
    pub fn head(&self) -> &str {
        self.entries.last().map_or(GENESIS, |e| e.hash.as_str())
    }

    /// The hash of the line before entry `n` (GENESIS before the first).
    pub fn head_before(&self, n: u64) -> &str {
        self.entries
            .iter()
            .take_while(|e| e.n < n)
            .last()
            .map_or(GENESIS, |e| e.hash.as_str())
    }

    /// The entry sealing `file`, if any.
    pub fn sealed(&self, file: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| matches!(&e.record, Record::Sealed { file: f, .. } if f == file))
    }

    /// Whether the ledger records the minutes of `meeting` as sealed.
    pub fn meeting_sealed(&self, meeting: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| {
            matches!(&e.record, Record::Sealed { meeting: m, addendum: None, .. } if m == meeting)
        })
    }

    /// The signatures entered over `file`.
    pub fn signatures<'a>(&'a self, file: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries
            .iter()
            .filter(move |e| matches!(&e.record, Record::Signed { file: f, .. } if f == file))
    }

    /// The fingerprint pinned for `member`: the key of their first signature entered.
    pub fn pinned(&self, member: &str) -> Option<&str> {
        self.entries.iter().find_map(|e| match &e.record {
            Record::Signed { member: m, key, .. } if m == member => Some(key.as_str()),
            _ => None,
        })
    }

    /// The number the next entry gets.
    pub fn next(&self) -> u64 {
        self.entries.last().map_or(1, |e| e.n + 1)
    }
}

/// The line of entry `n` after a ledger whose head is `prev`.
pub fn line(n: u64, prev: &str, record: &Record) -> String {
    let json = serde_json::to_string(record).unwrap_or_default();
    format!("{n}\t{prev}\t{json}\n")
}

/// The entries of a ledger's text, in order, and where reading stopped.
pub fn parse(text: &str) -> Ledger {
    let mut ledger = Ledger {
        exists: true,
        ..Ledger::default()
    };
    let mut prev = GENESIS.to_string();
    let complete = text.is_empty() || text.ends_with('\n');
    let lines: Vec<&str> = text.split_terminator('\n').collect();
    for (expected, (i, l)) in (1u64..).zip(lines.iter().enumerate()) {
        let at = (i + 1) as u32;
        let stop = |problem| Damage { line: at, problem };
        if i + 1 == lines.len() && !complete {
            ledger.damage = Some(stop(Problem::Torn));
            break;
        }
        let mut f = l.splitn(3, '\t');
        let (Some(n), Some(p), Some(json)) = (f.next(), f.next(), f.next()) else {
            ledger.damage = Some(stop(Problem::Unreadable));
            break;
        };
        let (Ok(n), Ok(record)) = (n.parse::<u64>(), serde_json::from_str::<Record>(json)) else {
            ledger.damage = Some(stop(Problem::Unreadable));
            break;
        };
        if n != expected {
            ledger.damage = Some(stop(Problem::Gap { expected, found: n }));
            break;
        }
        if p != prev {
            ledger.damage = Some(stop(Problem::Chain));
            break;
        }
        let hash = sha256_hex(l.as_bytes());
        prev.clone_from(&hash);
        ledger.entries.push(Entry {
            n,
            line: at,
            record,
            hash,
        });
    }
    ledger
}

/// Reads the panel's ledger; a missing file is an empty ledger that does not exist yet.
pub fn read(dir: &Path) -> std::io::Result<Ledger> {
    let path = path_for(dir);
    // Never through a link: the ledger must be the panel's own file.
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::other(super::disk::Refusal::Link(path)));
    }
    match super::read::read_text_capped(&path, MAX_LEDGER) {
        Ok(text) => Ok(parse(&text)),
        Err(_) if !path.exists() => Ok(Ledger::default()),
        Err(e) => Err(std::io::Error::other(format!("{}:{}", e.line, e.col))),
    }
}

/// Appends `record` to the ledger through `disk`, synced, and to `ledger` as read.
pub fn append(
    disk: &mut dyn Disk,
    dir: &Path,
    ledger: &mut Ledger,
    record: Record,
) -> std::io::Result<()> {
    let n = ledger.next();
    let text = line(n, ledger.head(), &record);
    disk.append(&path_for(dir), n, text.as_bytes())?;
    let at = ledger.entries.last().map_or(1, |e| e.line + 1);
    ledger.entries.push(Entry {
        n,
        line: at,
        record,
        hash: sha256_hex(text.trim_end_matches('\n').as_bytes()),
    });
    ledger.exists = true;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed(file: &str) -> Record {
        Record::Sealed {
            file: file.into(),
            meeting: file.trim_end_matches(".yaml").into(),
            addendum: None,
            digest: "ab".repeat(32),
            at: "2026-11-20T11:00:00+08:00".into(),
        }
    }

    fn text(files: &[&str]) -> String {
        let mut prev = GENESIS.to_string();
        let mut out = String::new();
        for (i, f) in files.iter().enumerate() {
            let l = line(i as u64 + 1, &prev, &sealed(f));
            prev = sha256_hex(l.trim_end().as_bytes());
            out.push_str(&l);
        }
        out
    }

    #[test]
    fn a_chained_ledger_reads_whole_and_its_head_is_the_last_line() {
        let t = text(&["a.yaml", "b.yaml", "c.yaml"]);
        let l = parse(&t);
        assert_eq!(l.entries.len(), 3);
        assert_eq!(l.damage, None);
        let last = t.lines().last().unwrap();
        assert_eq!(l.head(), sha256_hex(last.as_bytes()));
        assert_eq!(l.head_before(1), GENESIS);
        assert_eq!(l.head_before(3), l.entries[1].hash);
    }

    #[test]
    fn a_line_taken_out_changed_or_cut_is_named() {
        let t = text(&["a.yaml", "b.yaml", "c.yaml"]);
        let lines: Vec<&str> = t.lines().collect();
        let without_middle = format!("{}\n{}\n", lines[0], lines[2]);
        assert_eq!(
            parse(&without_middle).damage.map(|d| d.problem),
            Some(Problem::Gap {
                expected: 2,
                found: 3
            })
        );
        let changed = t.replace("b.yaml", "x.yaml");
        assert_eq!(
            parse(&changed).damage,
            Some(Damage {
                line: 3,
                problem: Problem::Chain
            })
        );
        let cut = &t[..t.len() - 3];
        assert_eq!(parse(cut).damage.map(|d| d.problem), Some(Problem::Torn));
        assert_eq!(parse(cut).entries.len(), 2);
        let first_gone = format!("{}\n{}\n", lines[1], lines[2]);
        assert!(parse(&first_gone).damage.is_some());
    }

    #[test]
    fn the_first_signature_of_a_member_pins_their_key() {
        let mut l = parse(&text(&["a.yaml"]));
        for key in ["SHA256:one", "SHA256:two"] {
            l.entries.push(Entry {
                n: l.next(),
                line: 0,
                record: Record::Signed {
                    file: "a.yaml".into(),
                    member: "chair".into(),
                    key: key.into(),
                    signature: "a.yaml.chair.sig".into(),
                    digest: String::new(),
                    at: String::new(),
                },
                hash: String::new(),
            });
        }
        assert_eq!(l.pinned("chair"), Some("SHA256:one"));
        assert_eq!(l.pinned("clerk"), None);
        assert_eq!(l.signatures("a.yaml").count(), 2);
    }
}
