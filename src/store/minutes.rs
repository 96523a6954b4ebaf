//! The minutes file: its YAML schema, digests, atomic writing and reading back.
//!
//! Kept whole: the schema, its rendering and its reading back change together (a field
//! added is added in all three).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::meeting::{Attendance, CaseDigest, CaseRecord, Finalization, Meeting};
use crate::domain::panel::Panel;
use crate::domain::rules::Method;

pub const MINUTES_DIR: &str = "minutes";
pub const SCHEMA: u32 = 3;
/// The first schema whose seal covers the finalization block and whose case digests are
/// over the exact bytes of each record.
pub const SEALED_WHOLE: u32 = 3;

/// The most bytes one meeting's minutes may reach: docket refuses a step that would take
/// them past it. Some 300 cases each with every text at its longest fit.
pub const MAX_MINUTES: usize = 8 * 1024 * 1024;
/// What a minutes file may be to be read: above `MAX_MINUTES`, so whatever docket wrote
/// (and an addendum's worth of hand-made slack) reads back.
pub const READ_MINUTES: u64 = 16 * 1024 * 1024;
/// The most bytes docket appends to one meeting's journal; the journal reader
/// (`read::MAX_JOURNAL`) takes more.
pub const MAX_JOURNAL: u64 = 48 * 1024 * 1024;

/// Bytes written, not kept: measures a serialization without building it.
struct Count(usize);

impl io::Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Whether one more step, whose journal line is `step` bytes, leaves the minutes of
/// `meeting` within `MAX_MINUTES` and a journal now `journal` bytes long within
/// `MAX_JOURNAL`. A step grows the minutes by at most its text four times over (YAML's
/// quoting and indentation) and a fixed amount; the minutes are sized from their JSON, which
/// costs a fraction of rendering, and rendered only once that estimate comes near the limit.
pub fn has_room(panel: &Panel, meeting: Option<&Meeting>, step: usize, journal: u64) -> bool {
    if journal + step as u64 > MAX_JOURNAL {
        return false;
    }
    let growth = 4 * step + 64 * 1024;
    let Some(m) = meeting else {
        return growth <= MAX_MINUTES;
    };
    let mut json = Count(0);
    if serde_json::to_writer(&mut json, m).is_err() {
        return false;
    }
    if 4 * json.0 + growth + 64 * 1024 <= MAX_MINUTES {
        return true;
    }
    render(&Minutes::new(panel, m)).is_ok_and(|t| t.len() + growth <= MAX_MINUTES)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minutes {
    pub schema: u32,
    /// The last journal entry these minutes hold; recovery replays only what comes after.
    #[serde(default)]
    pub journal: u64,
    pub panel: PanelRecord,
    pub rules: RulesRecord,
    pub meeting: MeetingHeader,
    pub attendance: Attendance,
    pub quorum: QuorumRecord,
    pub cases: Vec<CaseRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finalization: Option<Finalization>,
}

/// The panel as it was at the meeting: names and roles may change later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PanelRecord {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub members: Vec<MemberRecord>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberRecord {
    pub id: String,
    pub name: String,
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesRecord {
    pub id: String,
    pub version: String,
    /// SHA-256 of the effective rules (with the panel's overrides), as docket renders them.
    pub digest: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingHeader {
    pub id: String,
    pub opened_at: String,
    #[serde(default)]
    pub closed_at: Option<String>,
    pub chair: String,
    #[serde(default)]
    pub acting_chair: Option<String>,
    #[serde(default)]
    pub clerk: Option<String>,
    pub method: Method,
}

/// The meeting's quorum as it stood at the last write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuorumRecord {
    pub fraction: String,
    pub voting: u32,
    pub present: u32,
    pub needed: u32,
    pub met: bool,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest of the effective rules, so the minutes pin exactly what was applied: over
/// their canonical form (`domain::rules::canonical`, documented in docs/formats.md), which
/// depends on no library's output.
pub fn rules_digest(panel: &Panel) -> String {
    sha256_hex(crate::domain::rules::canonical(&panel.rules).as_bytes())
}

impl Minutes {
    pub fn new(panel: &Panel, meeting: &Meeting) -> Minutes {
        let q = meeting.quorum(panel);
        Minutes {
            schema: SCHEMA,
            journal: 0,
            panel: PanelRecord {
                name: panel.name.clone(),
                unit: panel.unit.clone(),
                members: panel
                    .members
                    .iter()
                    .map(|m| MemberRecord {
                        id: m.id.clone(),
                        name: m.name.clone(),
                        role: m.role.id().to_string(),
                    })
                    .collect(),
            },
            rules: RulesRecord {
                id: panel.rules.id.clone(),
                version: panel.rules.version.clone(),
                digest: rules_digest(panel),
            },
            meeting: MeetingHeader {
                id: meeting.id.clone(),
                opened_at: meeting.opened_at.clone(),
                closed_at: meeting.closed_at.clone(),
                chair: meeting.chair.clone(),
                acting_chair: meeting.acting_chair.clone(),
                clerk: meeting.clerk.clone(),
                method: meeting.method,
            },
            attendance: meeting.attendance.clone(),
            quorum: QuorumRecord {
                fraction: panel.rules.meeting.quorum.to_string(),
                voting: q.of,
                present: q.present,
                needed: q.needed,
                met: q.met,
            },
            cases: meeting.cases.clone(),
            finalization: None,
        }
    }

    /// The meeting these minutes record, to go on with.
    pub fn meeting(&self) -> Meeting {
        Meeting {
            id: self.meeting.id.clone(),
            opened_at: self.meeting.opened_at.clone(),
            closed_at: self.meeting.closed_at.clone(),
            chair: self.meeting.chair.clone(),
            acting_chair: self.meeting.acting_chair.clone(),
            clerk: self.meeting.clerk.clone(),
            method: self.meeting.method,
            attendance: self.attendance.clone(),
            cases: self.cases.clone(),
        }
    }

    pub fn is_final(&self) -> bool {
        self.finalization.is_some()
    }

    /// The member's name as the panel was at the meeting.
    pub fn member_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.panel
            .members
            .iter()
            .find(|m| m.id == id)
            .map_or(id, |m| m.name.as_str())
    }
}

#[derive(Debug)]
pub enum MinutesError {
    Io(io::Error),
    /// The file could not be read as text (missing, unreadable, too large, not UTF-8): where
    /// and why, to be said in the reader's language.
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
}

impl From<io::Error> for MinutesError {
    fn from(e: io::Error) -> Self {
        MinutesError::Io(e)
    }
}

/// The minutes' YAML: everything, then the finalization block last; the digests cover the
/// exact bytes before that block.
pub fn render(minutes: &Minutes) -> Result<String, MinutesError> {
    let mut body = minutes.clone();
    body.finalization = None;
    let mut text = to_yaml(&body)?;
    if let Some(f) = &minutes.finalization {
        #[derive(Serialize)]
        struct Tail<'a> {
            finalization: &'a Finalization,
        }
        text.push_str(&to_yaml(&Tail { finalization: f })?);
    }
    Ok(text)
}

fn to_yaml<T: Serialize>(value: &T) -> Result<String, MinutesError> {
    super::yaml::to_string(value).map_err(MinutesError::from)
}

impl From<super::yaml::YamlError> for MinutesError {
    fn from(e: super::yaml::YamlError) -> Self {
        match e.why {
            super::yaml::YamlWhy::Parser(message) => MinutesError::Yaml {
                line: e.line,
                col: e.col,
                message,
            },
            super::yaml::YamlWhy::Limit(msg) => MinutesError::Read {
                line: e.line,
                col: e.col,
                msg,
            },
        }
    }
}

/// Who seals, when, and after which ledger head.
#[derive(Clone, Debug, Default)]
pub struct Sealer<'a> {
    pub by: &'a str,
    pub user: &'a str,
    pub uid: Option<u32>,
    pub at: &'a str,
    pub ledger: Option<&'a str>,
}

/// Seals the minutes with who sealed them and when, outside any ledger (tests, generated
/// panels).
pub fn finalize(minutes: &mut Minutes, by: &str, user: &str, at: &str) -> Result<(), MinutesError> {
    seal(
        minutes,
        &Sealer {
            by,
            user,
            at,
            ..Sealer::default()
        },
    )
}

/// Seals the minutes: a digest over each case record's bytes, one over the whole text before
/// the finalization block, and the seal over every byte before its own line, the
/// finalization block included.
pub fn seal(minutes: &mut Minutes, s: &Sealer) -> Result<(), MinutesError> {
    minutes.schema = SCHEMA;
    minutes.finalization = None;
    let body = render(minutes)?;
    let case_digests = minutes
        .cases
        .iter()
        .zip(case_spans(&body))
        .map(|(c, span)| CaseDigest {
            case: c.case.clone(),
            digest: sha256_hex(span.as_bytes()),
        })
        .collect();
    minutes.finalization = Some(Finalization {
        by: s.by.to_string(),
        user: s.user.to_string(),
        uid: s.uid,
        at: s.at.to_string(),
        ledger: s.ledger.map(str::to_string),
        case_digests,
        minutes_digest: sha256_hex(body.as_bytes()),
        seal: String::new(),
    });
    let unsealed = render(minutes)?;
    if let Some(f) = &mut minutes.finalization {
        f.seal = sha256_hex(unsealed.as_bytes());
    }
    Ok(())
}

/// The bytes of each case record in the minutes' text before the finalization block: the
/// items of the top-level `cases:` list, each from its line beginning `- ` in the first
/// column up to the next such line or the end. The definition docs/formats.md gives, so a
/// digest can be checked by anyone without docket's YAML library.
pub fn case_spans(body: &str) -> Vec<&str> {
    let Some(start) = body
        .strip_prefix("cases:\n")
        .map(|_| 0)
        .or_else(|| body.find("\ncases:\n").map(|i| i + 1))
    else {
        return Vec::new();
    };
    let list = &body[start + "cases:\n".len()..];
    let mut starts: Vec<usize> = Vec::new();
    let mut at = 0;
    for line in list.split_inclusive('\n') {
        if line.starts_with("- ") {
            starts.push(at);
        } else if !line.starts_with([' ', '\n']) {
            // A top-level key after the list ends it.
            break;
        }
        at += line.len();
    }
    let end = at;
    starts
        .iter()
        .enumerate()
        .map(|(i, &s)| &list[s..starts.get(i + 1).copied().unwrap_or(end)])
        .collect()
}

/// What `verify` found.
#[derive(Debug, PartialEq, Eq)]
pub enum Seal {
    NotFinal,
    Intact,
    /// The first case record whose digest fails, or None for the meeting part.
    Broken(Option<String>),
    /// The finalization block (who sealed, when, the digests) is not what was sealed.
    BrokenFinalization,
}

/// Recomputes the digests of minutes read from `text`, over its exact bytes.
pub fn verify(text: &str, minutes: &Minutes) -> Seal {
    let Some(f) = &minutes.finalization else {
        return Seal::NotFinal;
    };
    let Some(at) = text.rfind("\nfinalization:") else {
        return Seal::Broken(None);
    };
    let body = &text[..=at];
    if minutes.schema < SEALED_WHOLE {
        return verify_before_3(body, minutes, f);
    }
    let spans = case_spans(body);
    for (k, c) in minutes.cases.iter().enumerate() {
        let ok = f.case_digests.get(k).is_some_and(|d| {
            d.case == c.case
                && spans
                    .get(k)
                    .is_some_and(|s| sha256_hex(s.as_bytes()) == d.digest)
        });
        if !ok {
            return Seal::Broken(Some(c.case.clone()));
        }
    }
    if spans.len() != f.case_digests.len() || minutes.cases.len() != spans.len() {
        return Seal::Broken(None);
    }
    if sha256_hex(body.as_bytes()) != f.minutes_digest {
        return Seal::Broken(None);
    }
    // The seal line is the last line, and covers every byte before it.
    let sealed = text
        .rfind("\n  seal: ")
        .filter(|&i| text[i + 1..].lines().count() == 1 && text.ends_with('\n'));
    match sealed {
        Some(i) if !f.seal.is_empty() && sha256_hex(&text.as_bytes()[..=i]) == f.seal => {
            Seal::Intact
        }
        _ => Seal::BrokenFinalization,
    }
}

/// Minutes sealed before schema 3: the minutes digest over the exact bytes decides; the case
/// digests of those schemas hash a re-serialization, so they only name which record changed.
fn verify_before_3(body: &str, minutes: &Minutes, f: &Finalization) -> Seal {
    let ids_match = minutes.cases.len() == f.case_digests.len()
        && minutes
            .cases
            .iter()
            .zip(&f.case_digests)
            .all(|(c, d)| c.case == d.case);
    if ids_match && sha256_hex(body.as_bytes()) == f.minutes_digest {
        return Seal::Intact;
    }
    let changed = minutes.cases.iter().zip(&f.case_digests).find(|(c, d)| {
        c.case != d.case
            || super::yaml::to_string_as_before_3(c)
                .map_or(true, |y| sha256_hex(y.as_bytes()) != d.digest)
    });
    Seal::Broken(changed.map(|(c, _)| c.case.clone()))
}

pub fn parse(text: &str) -> Result<Minutes, MinutesError> {
    let m: Minutes = super::yaml::from_str(text).map_err(MinutesError::from)?;
    // Older schemas read as they are (their new fields are absent); a newer one may hold
    // what this docket would silently drop on rewriting.
    if m.schema > SCHEMA {
        let line = text
            .lines()
            .position(|l| l.starts_with("schema:"))
            .map_or(1, |i| i as u32 + 1);
        return Err(MinutesError::Read {
            line,
            col: 1,
            msg: crate::diag::Msg::NewerSchema {
                found: m.schema,
                reads: SCHEMA,
            },
        });
    }
    Ok(m)
}

/// Reads one minutes file (size-capped like every input, at `READ_MINUTES`).
pub fn read(path: &Path) -> Result<(String, Minutes), MinutesError> {
    let text =
        super::read::read_text_capped(path, READ_MINUTES).map_err(|e| MinutesError::Read {
            line: e.line,
            col: e.col,
            msg: e.msg,
        })?;
    let m = parse(&text)?;
    Ok((text, m))
}

/// What `read_briefs` read: each file's minutes or problem, whether its seal holds, and how
/// many came from the cache.
pub struct ReadMany {
    pub minutes: Vec<Result<Minutes, MinutesError>>,
    /// For each file: false only for final minutes whose seal fails over their bytes.
    pub seal_holds: Vec<bool>,
    pub from_cache: usize,
}

/// What the queue, the standing of each case and the report read of finalized minutes: which
/// cases, their kind, unit and review, the grounds found, reconsiderations and the
/// determinations (with who was present); the meeting's id and seal. The votes, the texts,
/// the attendance and the digests of each record are left out: years of meetings are held
/// as briefs, and a record is read whole from its file when it is shown. Minutes not final
/// are kept whole: a journal is replayed over them.
pub fn brief(m: &mut Minutes) {
    if !m.is_final() {
        return;
    }
    m.panel.members = Vec::new();
    m.attendance = Default::default();
    if let Some(f) = &mut m.finalization {
        f.case_digests = Vec::new();
    }
    for c in &mut m.cases {
        c.title = String::new();
        c.subject.name = String::new();
        c.subject.position = String::new();
        c.case_digest = String::new();
        c.presenter = None;
        c.proposal = None;
        c.recusals = Vec::new();
        c.findings = Vec::new();
        c.rounds = Vec::new();
        for d in &mut c.determinations {
            d.rationale = String::new();
            d.dissent = String::new();
        }
    }
}

/// Whether minutes read whole are the ones `brief` was made from: the same meeting, and
/// for final minutes the same sealed digest (the seal itself checked by the reader).
pub fn same_as_brief(whole: &Minutes, brief: &Minutes) -> bool {
    let digest = |m: &Minutes| m.finalization.as_ref().map(|f| f.minutes_digest.clone());
    whole.meeting.id == brief.meeting.id
        && digest(whole) == digest(brief)
        && whole.cases.len() == brief.cases.len()
        && whole
            .cases
            .iter()
            .zip(&brief.cases)
            .all(|(a, b)| a.case == b.case)
}

/// Reads and parses the minutes files `paths` of the panel in `dir` on every core, in their
/// order, as briefs (see [`brief`]), checking each final one's seal over its bytes.
/// Unchanged files come from `cache` when there are enough of them to be worth it. Only
/// files whose seal held (or that are not final) are kept there, so a cached file is one
/// already verified at that very version (its size, times, inode and device): nothing
/// unchanged is parsed whole or verified twice.
pub fn read_briefs(
    dir: &Path,
    paths: &[PathBuf],
    cache: Option<&super::cache::CacheAt>,
) -> ReadMany {
    use super::cache::{self, Key};
    use std::os::unix::ffi::OsStrExt;
    let cache = cache.filter(|c| paths.len() >= c.min_minutes);
    let root = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let file = cache.map(|c| c.file_for(&root, "minutes"));
    let fingerprint = cache::fingerprint(&root, None);
    let cached = file
        .as_ref()
        .map(|f| cache::read_minutes(f, &fingerprint))
        .unwrap_or_default();
    let cached_before = cached.len();
    let now_ns = cache::now_ns();
    // Each file with its key (taken before it is read, so a change while reading shows as
    // a different key next time) and what the cache holds for that very version.
    type Item<'a> = (&'a PathBuf, Option<Key>, Option<&'a [u8]>);
    let items: Vec<Item> = paths
        .iter()
        .map(|p| {
            let key = fs::metadata(p).ok().map(|m| Key::of(&m));
            let hit = p
                .file_name()
                .and_then(|n| cached.get(n.as_bytes()))
                .filter(|(k, _)| key == Some(*k))
                .map(|(_, json)| json);
            (p, key, hit)
        })
        .collect();
    let results = crate::par::map(
        &items,
        4,
        |(p, _, hit)| {
            let parsed = hit
                .as_ref()
                .and_then(|json| serde_json::from_slice::<Minutes>(json).ok());
            match parsed {
                Some(m) => (Ok(m), true, None),
                None => match read(p) {
                    Ok((text, mut m)) => {
                        let holds = !matches!(
                            verify(&text, &m),
                            Seal::Broken(_) | Seal::BrokenFinalization
                        );
                        brief(&mut m);
                        // Only what verified is worth keeping: a broken seal is checked
                        // (and said) again at every opening.
                        let json = if holds && cache.is_some() {
                            serde_json::to_vec(&m).ok()
                        } else {
                            None
                        };
                        (Ok(m), holds, json)
                    }
                    Err(e) => (Err(e), true, None),
                },
            }
        },
        // A worker that failed leaves its files reported unread.
        || {
            let e = io::Error::other("not read: the reading thread failed");
            (Err(MinutesError::Io(e)), true, None)
        },
    );
    let mut out = Vec::with_capacity(results.len());
    let mut seal_holds = Vec::with_capacity(results.len());
    // (file name, key, JSON): what the cache held, lent, or what was read just now.
    type Kept<'a> = (&'a [u8], Key, std::borrow::Cow<'a, [u8]>);
    let mut keep: Vec<Kept> = Vec::new();
    let mut fresh = 0usize;
    for ((p, key, hit), (m, holds, json)) in items.into_iter().zip(results) {
        let name = p.file_name().map_or(&[][..], |n| n.as_bytes());
        match (key, hit, json) {
            (Some(k), Some(j), None) if m.is_ok() => keep.push((name, k, j.into())),
            (Some(k), _, Some(j)) if cache.is_some_and(|c| c.keeps(&k, now_ns)) => {
                keep.push((name, k, j.into()));
                fresh += 1;
            }
            _ => {}
        }
        out.push(m);
        seal_holds.push(holds);
    }
    if let Some(f) = &file
        && cache::needs_writing(fresh, keep.len(), cached_before)
    {
        let entries = keep.iter().map(|(n, k, j)| (*n, *k, j.as_ref()));
        // A cache that cannot be written costs only speed next time.
        let _ = cache::write_minutes(f, &fingerprint, entries);
    }
    ReadMany {
        minutes: out,
        seal_holds,
        from_cache: keep.len() - fresh,
    }
}

/// Every minutes file of a panel, oldest first (by file name, which starts with the date).
pub fn list(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir.join(MINUTES_DIR))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    // Minutes only: not hidden temporaries, not the addenda beside them.
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    p.extension().is_some_and(|x| x == "yaml")
                        && !name.starts_with('.')
                        && !name.contains(".addendum-")
                })
                .collect()
        })
        .unwrap_or_default();
    paths.sort_by_key(|p| minutes_order(p));
    paths
}

/// Sorts `2026-11-27-10` after `2026-11-27-9`.
pub fn order_key(p: &Path) -> (String, u32) {
    minutes_order(p)
}

fn minutes_order(p: &Path) -> (String, u32) {
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match stem.rsplit_once('-') {
        Some((date, n)) => (date.to_string(), n.parse().unwrap_or(0)),
        None => (stem, 0),
    }
}

/// The id for a new meeting on `date`: `<date>-<n>`, one more than the meetings of that day.
pub fn next_id(dir: &Path, date: &str) -> String {
    let n = list(dir)
        .iter()
        .filter_map(|p| {
            let (d, n) = minutes_order(p);
            (d == date).then_some(n)
        })
        .max()
        .unwrap_or(0);
    format!("{date}-{}", n + 1)
}

pub fn path_for(dir: &Path, id: &str) -> PathBuf {
    dir.join(MINUTES_DIR).join(format!("{id}.yaml"))
}

/// Replaces `path` (`PANEL/minutes/ID.yaml`) atomically through the real disk: a temporary
/// file of its own in the same folder, written and synced, renamed over the old file, then
/// the folder synced; private whatever the umask, and never through a link in the panel.
pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    let panel = path
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    let mut disk = super::disk::RealDisk::new(panel, super::disk::Modes::PRIVATE);
    super::disk::Disk::replace(&mut disk, path, text.as_bytes())
}

pub fn write(path: &Path, minutes: &Minutes) -> Result<(), MinutesError> {
    let text = render(minutes)?;
    write_atomic(path, &text)?;
    Ok(())
}
