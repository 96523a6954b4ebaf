//! The case cache: every clean case file of a large panel as it was decoded, kept in the
//! user's cache directory and keyed by each file's size, times and inode, so that opening the
//! panel reads one file instead of thousands.
//!
//! Only files that loaded without a single problem are kept, so a cached file is reported
//! exactly as reading it again would report it (nothing). The cache is bound to the panel
//! folder and to the panel as decoded (members and rules), because a case's checks depend on
//! them. Anything unexpected in the cache file makes docket ignore all of it and read the
//! case files: the cache can make opening faster, never different.
//!
//! Kept whole: the format is written and read here (encoding, the sealed blocks, decoding),
//! and the two halves must change together; about a sixth of the file is its tests.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::domain::case::{Body, BodyText, Case, Conflict, Proposal, Subject};
use crate::domain::panel::Panel;

const MAGIC: &[u8] = b"docket case cache\n";
/// Version 3 keeps finalized minutes as briefs (`minutes::brief`), and only minutes whose
/// seal was verified when they were read: an older cache (whole minutes, kept whenever they
/// parsed) is not read as this one.
const MINUTES_MAGIC: &[u8] = b"docket minutes cache 3\n";
/// Bumped whenever the layout below changes.
const FORMAT: u32 = 3;
/// A file changed this recently may change again within the same clock tick without its
/// times showing it; it is read again next time rather than kept. (Five seconds is ample
/// for any file system's time stamps, FAT's two seconds included.)
pub const SETTLE_NS: i64 = 5_000_000_000;
/// Panels smaller than this load in a few milliseconds: they are not worth a second copy of
/// their cases' text on disk.
pub const MIN_CASES: usize = 1000;
/// Likewise for minutes files (a year of monthly meetings stays below it).
pub const MIN_MINUTES: usize = 20;

/// Where a panel's cases and minutes are cached, and from how many files on.
#[derive(Clone, Debug)]
pub struct CacheAt {
    pub dir: PathBuf,
    pub min_cases: usize,
    pub min_minutes: usize,
    /// How long a file must have been left alone to be kept (see `SETTLE_NS`).
    pub settle_ns: i64,
}

impl CacheAt {
    /// The cache under the user's cache folder `root` (the caller knows where that is), for
    /// panels of at least `MIN_CASES` cases or `MIN_MINUTES` minutes files.
    pub fn under(root: &Path) -> CacheAt {
        CacheAt {
            dir: root.join("panels"),
            min_cases: MIN_CASES,
            min_minutes: MIN_MINUTES,
            settle_ns: SETTLE_NS,
        }
    }

    /// Whether a file of this key may be kept, `now_ns` (see `SETTLE_NS`).
    pub fn keeps(&self, key: &Key, now_ns: i64) -> bool {
        key.settled(now_ns, self.settle_ns)
    }

    /// The cache file of what (`cases`, `minutes`) of the panel in `panel_dir` (canonical).
    pub fn file_for(&self, panel_dir: &Path, what: &str) -> PathBuf {
        let hash = Sha256::digest(panel_dir.as_os_str().as_bytes());
        let name: String = hash.iter().take(10).map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{name}.{what}"))
    }
}

/// What identifies one version of a file without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    size: u64,
    mtime_ns: i64,
    ctime_ns: i64,
    ino: u64,
    dev: u64,
}

impl Key {
    pub fn of(meta: &fs::Metadata) -> Key {
        Key {
            size: meta.size(),
            mtime_ns: meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
            ctime_ns: meta.ctime() * 1_000_000_000 + meta.ctime_nsec(),
            ino: meta.ino(),
            dev: meta.dev(),
        }
    }

    /// Whether the file had been left alone for `settle_ns` before `now_ns`, to be kept.
    pub fn settled(&self, now_ns: i64, settle_ns: i64) -> bool {
        self.mtime_ns.max(self.ctime_ns) < now_ns - settle_ns
    }
}

/// One cached case file: its key, the case, the digest of its text, and where its `id` and
/// `review_of` are written (for the checks across files).
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Key,
    pub case: Case,
    pub digest: String,
    pub id_at: (u32, u32),
    pub review_at: (u32, u32),
}

/// The cache as read: entries with their file names, in file-name order (so that they can be
/// walked beside the sorted listing of the cases folder, without a map).
#[derive(Default)]
pub struct Cache {
    pub entries: Vec<(Vec<u8>, Entry)>,
}

/// What binds a cache to a panel: its folder, this docket, and for the cases the panel as
/// decoded (the minutes do not depend on it).
pub fn fingerprint(panel_dir: &Path, panel: Option<&Panel>) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update([0]);
    h.update(panel_dir.as_os_str().as_bytes());
    if let Some(panel) = panel {
        h.update([0]);
        // Debug shows every field the case checks read (members, roles, rules); the version
        // above covers any change in how it is written.
        h.update(format!("{panel:?}").as_bytes());
    }
    h.finalize().into()
}

/// The time now, in the nanoseconds `Key` counts in.
pub fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// Whether a cache file must be written again: some file was read and can be kept (`fresh`),
/// or the kept files are not those the cache held (`kept` against `before`).
pub fn needs_writing(fresh: usize, kept: usize, before: usize) -> bool {
    fresh > 0 || kept != before
}

/// How a body the cache cannot give is found instead: from the case file at this path, if
/// it still has the text of this digest.
pub type Fallback = fn(&Path, &str) -> BodyText;

/// Reads the cache file's rows; empty when it is missing, belongs to another panel or another
/// docket, or is damaged in any way. The bodies stay in the file, read when a case is: the
/// file is held open, so a newer cache written meanwhile does not mix with this one. A body
/// that cannot be read from it comes from `fallback` on the case file in `cases_dir`.
pub fn read(file: &Path, fingerprint: &[u8; 32], cases_dir: &Path, fallback: Fallback) -> Cache {
    let Ok(mut f) = fs::File::open(file) else {
        return Cache::default();
    };
    let head_len = MAGIC.len() + 4 + 32 + 8;
    let mut head = vec![0; head_len];
    if f.read_exact(&mut head).is_err() {
        return Cache::default();
    }
    let rows_len = u64::from_le_bytes(head[head_len - 8..].try_into().unwrap_or([0xff; 8]));
    let Ok(max) = f.metadata().map(|m| m.len()) else {
        return Cache::default();
    };
    if rows_len > max {
        return Cache::default();
    }
    let mut all = head;
    all.resize(head_len + rows_len as usize + 8, 0);
    if f.read_exact(&mut all[head_len..]).is_err() {
        return Cache::default();
    }
    let Some(rows) = check(&all, fingerprint) else {
        return Cache::default();
    };
    let bodies = Arc::new(Bodies {
        file: f,
        base: all.len() as u64,
        cases_dir: cases_dir.to_path_buf(),
        fallback,
        rows: all,
    });
    let r = Reader {
        b: bodies.rows.get(rows).unwrap_or_default(),
    };
    decode(r, &bodies).unwrap_or_default()
}

/// Where the bodies of a cache file are, and the rows read from it (which hold each body's
/// file name and digest, for the fallback).
struct Bodies {
    file: fs::File,
    base: u64,
    cases_dir: PathBuf,
    fallback: Fallback,
    rows: Vec<u8>,
}

/// Where one body is: in the file (offset, length, checksum), and its case's file name and
/// digest in the rows.
#[derive(Clone, Copy)]
struct BodyAt {
    offset: u64,
    len: u32,
    sum: u64,
    name: (usize, usize),
    digest: (usize, usize),
}

impl Bodies {
    /// The body at `at`, read when first wanted. Only a shared handle and a few numbers are
    /// kept per case until then.
    fn body(self: &Arc<Self>, at: BodyAt) -> Body {
        let me = Arc::clone(self);
        Body::later(move || me.read(at))
    }

    fn read(&self, at: BodyAt) -> BodyText {
        use std::os::unix::fs::FileExt;
        let mut block = vec![0; at.len as usize];
        let read = self
            .file
            .read_exact_at(&mut block, self.base + at.offset)
            .is_ok();
        if read && checksum(&block) == at.sum && body_shaped(&block) {
            return body_text(&block);
        }
        let slice = |(a, b): (usize, usize)| self.rows.get(a..b).unwrap_or_default();
        let path = self
            .cases_dir
            .join(std::ffi::OsStr::from_bytes(slice(at.name)));
        let digest = std::str::from_utf8(slice(at.digest)).unwrap_or_default();
        (self.fallback)(&path, digest)
    }
}

/// One cached minutes file: its key and the minutes as JSON (read many times faster than
/// the YAML they came from).
pub struct MinutesEntry {
    pub key: Key,
    pub json: Vec<u8>,
}

/// Reads a minutes cache file, as `read` does.
pub fn read_minutes(file: &Path, fingerprint: &[u8; 32]) -> HashMap<Vec<u8>, MinutesEntry> {
    let Ok(all) = fs::read(file) else {
        return HashMap::new();
    };
    decode_minutes(&all, fingerprint).unwrap_or_default()
}

fn decode_minutes(all: &[u8], fingerprint: &[u8; 32]) -> Option<HashMap<Vec<u8>, MinutesEntry>> {
    let mut r = unframe(all, MINUTES_MAGIC, fingerprint)?;
    let count = r.u32()? as usize;
    let mut out = HashMap::new();
    for _ in 0..count {
        let name = r.bytes()?.to_vec();
        let key = r.key()?;
        let json = r.bytes()?.to_vec();
        out.insert(name, MinutesEntry { key, json });
    }
    r.b.is_empty().then_some(out)
}

/// Writes a minutes cache file, as `write` does: (file name, key, JSON) for each.
pub fn write_minutes<'a>(
    file: &Path,
    fingerprint: &[u8; 32],
    entries: impl Iterator<Item = (&'a [u8], Key, &'a [u8])>,
) -> std::io::Result<()> {
    let mut w = header(MINUTES_MAGIC, fingerprint);
    let count_at = w.len();
    w.extend_from_slice(&0u32.to_le_bytes());
    let mut count = 0u32;
    for (name, key, json) in entries {
        count += 1;
        bytes(&mut w, name);
        put_key(&mut w, &key);
        bytes(&mut w, json);
    }
    w[count_at..count_at + 4].copy_from_slice(&count.to_le_bytes());
    seal(&mut w);
    replace(file, &w)
}

/// One case to keep, borrowed from the loaded panel.
pub struct Keep<'a> {
    pub name: &'a [u8],
    pub key: Key,
    pub case: &'a Case,
    pub digest: &'a str,
    pub id_at: (u32, u32),
    pub review_at: (u32, u32),
}

/// Writes the cache file privately (0600 in a 0700 folder) and atomically; a cache that
/// cannot be written is simply not there next time.
pub fn write<'a>(
    file: &Path,
    fingerprint: &[u8; 32],
    entries: impl Iterator<Item = Keep<'a>>,
) -> std::io::Result<()> {
    replace(file, &encode(fingerprint, entries))
}

/// `file` replaced by `bytes`, private, atomically: through the one atomic writer, rooted at
/// the cache's own folder (created private), so the cache gets its fsyncs and its refusal of
/// links like every other file docket writes.
fn replace(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    crate::private::ensure_dir(dir)?;
    let mut disk = super::disk::RealDisk::new(dir, super::disk::Modes::PRIVATE);
    super::disk::Disk::replace(&mut disk, file, bytes)
}

fn header(magic: &[u8], fingerprint: &[u8; 32]) -> Vec<u8> {
    let mut w = Vec::with_capacity(1 << 20);
    w.extend_from_slice(magic);
    w.extend_from_slice(&FORMAT.to_le_bytes());
    w.extend_from_slice(fingerprint);
    w
}

/// A damaged or truncated file must not decode into plausible records. Not a defence against
/// a forger (whoever can write the user's cache can write anything the user can); a
/// word-at-a-time hash checks 8 MB in about a millisecond, where SHA-256 took six.
fn seal(w: &mut Vec<u8>) {
    let sum = checksum(w);
    w.extend_from_slice(&sum.to_le_bytes());
}

fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let x = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        h = (h.rotate_left(5) ^ x).wrapping_mul(K);
    }
    for &b in words.remainder() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// The reader after the header, when magic, format, fingerprint and checksum all hold.
fn unframe<'a>(all: &'a [u8], magic: &[u8], fingerprint: &[u8; 32]) -> Option<Reader<'a>> {
    let body_len = all.len().checked_sub(8)?;
    let (body, sum) = all.split_at(body_len);
    let mut r = Reader { b: body };
    if r.take(magic.len())? != magic || r.u32()? != FORMAT || r.take(32)? != fingerprint {
        return None;
    }
    if checksum(body).to_le_bytes() != sum {
        return None;
    }
    Some(r)
}

fn put_key(w: &mut Vec<u8>, k: &Key) {
    for n in [k.size, k.mtime_ns as u64, k.ctime_ns as u64, k.ino, k.dev] {
        w.extend_from_slice(&n.to_le_bytes());
    }
}

/// The header with the length of the rows, the rows and their checksum, then the bodies (each
/// with its own checksum in its row).
fn encode<'a>(fingerprint: &[u8; 32], entries: impl Iterator<Item = Keep<'a>>) -> Vec<u8> {
    let mut rows = Vec::with_capacity(1 << 20);
    let mut bodies = Vec::with_capacity(1 << 20);
    rows.extend_from_slice(&0u32.to_le_bytes());
    let mut count = 0u32;
    for e in entries {
        count += 1;
        let w = &mut rows;
        bytes(w, e.name);
        put_key(w, &e.key);
        for n in [e.id_at.0, e.id_at.1, e.review_at.0, e.review_at.1] {
            w.extend_from_slice(&n.to_le_bytes());
        }
        string(w, e.digest);
        let c = e.case;
        for s in [
            &c.id,
            &c.kind,
            &c.title,
            &c.subject.name,
            &c.subject.position,
            &c.subject.unit,
        ] {
            string(w, s);
        }
        let d = c.received;
        w.extend_from_slice(&d.year().to_le_bytes());
        w.push(d.month() as u8);
        w.push(d.day() as u8);
        let start = bodies.len();
        string(&mut bodies, c.summary());
        strings(&mut bodies, c.facts());
        let block = &bodies[start..];
        w.extend_from_slice(&(start as u64).to_le_bytes());
        w.extend_from_slice(&(block.len() as u32).to_le_bytes());
        w.extend_from_slice(&checksum(block).to_le_bytes());
        strings(w, &c.claimed);
        match &c.proposal {
            Some(p) => {
                w.push(1);
                string(w, &p.outcome);
                string(w, &p.basis);
            }
            None => w.push(0),
        }
        w.extend_from_slice(&(c.conflicts.len() as u32).to_le_bytes());
        for x in &c.conflicts {
            string(w, &x.member);
            string(w, &x.reason);
        }
        match &c.review_of {
            Some(r) => {
                w.push(1);
                string(w, r);
            }
            None => w.push(0),
        }
    }
    rows[..4].copy_from_slice(&count.to_le_bytes());
    let mut out = header(MAGIC, fingerprint);
    out.extend_from_slice(&(rows.len() as u64).to_le_bytes());
    out.extend_from_slice(&rows);
    seal(&mut out);
    out.extend_from_slice(&bodies);
    out
}

fn bytes(w: &mut Vec<u8>, b: &[u8]) {
    w.extend_from_slice(&(b.len() as u32).to_le_bytes());
    w.extend_from_slice(b);
}

fn string(w: &mut Vec<u8>, s: &str) {
    bytes(w, s.as_bytes());
}

fn strings(w: &mut Vec<u8>, v: &[String]) {
    w.extend_from_slice(&(v.len() as u32).to_le_bytes());
    for s in v {
        string(w, s);
    }
}

/// Reads `bytes` front to back; every read is bounds-checked.
struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.b.len() {
            return None;
        }
        let (head, rest) = self.b.split_at(n);
        self.b = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.take(8)?.try_into().ok().map(u64::from_le_bytes)
    }

    fn key(&mut self) -> Option<Key> {
        Some(Key {
            size: self.u64()?,
            mtime_ns: self.u64()? as i64,
            ctime_ns: self.u64()? as i64,
            ino: self.u64()?,
            dev: self.u64()?,
        })
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    fn string(&mut self) -> Option<String> {
        std::str::from_utf8(self.bytes()?).ok().map(str::to_string)
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.u32()? as usize;
        // A count larger than what is left cannot be honest: refuse before allocating.
        if n > self.b.len() / 4 {
            return None;
        }
        (0..n).map(|_| self.string()).collect()
    }
}

/// A body block as written: its summary and facts. Checked in shape before use; text that is
/// somehow not UTF-8 shows with replacement characters rather than not at all.
fn body_text(block: &[u8]) -> BodyText {
    let mut r = Reader { b: block };
    let lossy = |r: &mut Reader| {
        r.bytes()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    };
    let summary = lossy(&mut r);
    let n = r.u32().unwrap_or(0);
    let facts = (0..n).map(|_| lossy(&mut r)).collect();
    BodyText {
        summary,
        facts,
        changed: false,
    }
}

/// Whether a body block has the shape `body_text` reads.
fn body_shaped(block: &[u8]) -> bool {
    let mut r = Reader { b: block };
    let shaped = (|| {
        r.bytes()?;
        for _ in 0..r.u32()? {
            r.bytes()?;
        }
        Some(())
    })();
    shaped.is_some() && r.b.is_empty()
}

/// Where the rows are in a whole cache head (header, rows, checksum), if it is sound and this
/// panel's.
fn check(all: &[u8], fingerprint: &[u8; 32]) -> Option<std::ops::Range<usize>> {
    let mut r = unframe(all, MAGIC, fingerprint)?;
    let rows_len = r.u64()?;
    let start = all.len() - 8 - r.b.len();
    (rows_len == r.b.len() as u64).then_some(start..start + r.b.len())
}

fn decode(mut r: Reader, bodies: &Arc<Bodies>) -> Option<Cache> {
    let start = bodies.rows.as_ptr() as usize;
    let at = |b: &[u8]| {
        (
            b.as_ptr() as usize - start,
            b.as_ptr() as usize - start + b.len(),
        )
    };
    let count = r.u32()? as usize;
    let mut entries = Vec::with_capacity(count.min(r.b.len() / 64));
    for _ in 0..count {
        let name_bytes = r.bytes()?;
        let name = name_bytes.to_vec();
        let key = r.key()?;
        let id_at = (r.u32()?, r.u32()?);
        let review_at = (r.u32()?, r.u32()?);
        let digest_bytes = r.bytes()?;
        let digest = std::str::from_utf8(digest_bytes).ok()?.to_string();
        let id = r.string()?;
        let kind = r.string()?;
        let title = r.string()?;
        let subject = Subject {
            name: r.string()?,
            position: r.string()?,
            unit: r.string()?,
        };
        let year = i16::from_le_bytes(r.take(2)?.try_into().ok()?);
        let (month, day) = (r.u8()? as i8, r.u8()? as i8);
        let received = jiff::civil::Date::new(year, month, day).ok()?;
        let body = bodies.body(BodyAt {
            offset: r.u64()?,
            len: r.u32()?,
            sum: r.u64()?,
            name: at(name_bytes),
            digest: at(digest_bytes),
        });
        let claimed = r.strings()?;
        let proposal = match r.u8()? {
            0 => None,
            1 => Some(Proposal {
                outcome: r.string()?,
                basis: r.string()?,
            }),
            _ => return None,
        };
        let n = r.u32()? as usize;
        if n > r.b.len() / 8 {
            return None;
        }
        let conflicts = (0..n)
            .map(|_| {
                Some(Conflict {
                    member: r.string()?,
                    reason: r.string()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let review_of = match r.u8()? {
            0 => None,
            1 => Some(r.string()?),
            _ => return None,
        };
        let case = Case {
            id,
            kind,
            title,
            subject,
            received,
            body,
            claimed,
            proposal,
            conflicts,
            review_of,
        };
        entries.push((
            name,
            Entry {
                key,
                case,
                digest,
                id_at,
                review_at,
            },
        ));
    }
    if !entries.is_sorted_by(|a, b| a.0 < b.0) {
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.dedup_by(|a, b| a.0 == b.0);
    }
    r.b.is_empty().then_some(Cache { entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> Entry {
        Entry {
            key: Key {
                size: 10,
                mtime_ns: 1,
                ctime_ns: 2,
                ino: 3,
                dev: 4,
            },
            case: Case {
                id: id.into(),
                kind: "tolerance".into(),
                title: "标题".into(),
                subject: Subject {
                    name: "张三".into(),
                    position: "科长".into(),
                    unit: "某局".into(),
                },
                received: "2026-03-01".parse().unwrap(),
                body: Body::new("摘要".into(), vec!["一".into(), "二".into()]),
                claimed: vec!["s1".into()],
                proposal: Some(Proposal {
                    outcome: "tolerate".into(),
                    basis: "依据".into(),
                }),
                conflicts: vec![Conflict {
                    member: "m1".into(),
                    reason: "亲属".into(),
                }],
                review_of: Some("C-1".into()),
            },
            digest: "ab".repeat(32),
            id_at: (1, 5),
            review_at: (9, 12),
        }
    }

    fn keep<'a>(name: &'a [u8], e: &'a Entry) -> Keep<'a> {
        Keep {
            name,
            key: e.key,
            case: &e.case,
            digest: &e.digest,
            id_at: e.id_at,
            review_at: e.review_at,
        }
    }

    fn no_fallback(_: &Path, _: &str) -> BodyText {
        BodyText {
            summary: "fallback".into(),
            facts: Vec::new(),
            changed: false,
        }
    }

    /// A scratch folder of this test's own.
    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("docket-cache-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn read_bytes(dir: &Path, bytes: &[u8], fp: &[u8; 32]) -> Cache {
        let f = dir.join("c");
        fs::write(&f, bytes).unwrap();
        read(&f, fp, dir, no_fallback)
    }

    #[test]
    fn entries_come_back_as_written() {
        let dir = scratch("back");
        let (a, b) = (entry("C-2"), entry("C-3"));
        let fp = [7u8; 32];
        let bytes = encode(&fp, [keep(b"a.yaml", &a), keep(b"b.yaml", &b)].into_iter());
        let cache = read_bytes(&dir, &bytes, &fp);
        // Comparing the cases reads their bodies back from the file.
        assert_eq!(
            cache.entries,
            vec![(b"a.yaml".to_vec(), a), (b"b.yaml".to_vec(), b)]
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn another_panel_or_any_damage_gives_nothing() {
        let dir = scratch("damage");
        let a = entry("C-2");
        let fp = [7u8; 32];
        let bytes = encode(&fp, [keep(b"a.yaml", &a)].into_iter());
        let rows_end = bytes.len() - a.case.summary().len() - 30;
        assert!(read_bytes(&dir, &bytes, &[8u8; 32]).entries.is_empty());
        for cut in [0, 10, rows_end / 2] {
            let cache = read_bytes(&dir, &bytes[..cut], &fp);
            assert!(cache.entries.is_empty(), "cut at {cut}");
        }
        for at in [MAGIC.len() + 60, rows_end / 2] {
            let mut bad = bytes.clone();
            bad[at] ^= 0x20;
            let cache = read_bytes(&dir, &bad, &fp);
            assert!(cache.entries.is_empty(), "flipped at {at}");
        }
        // A damaged body is found when the case is read: it comes from the case file instead.
        let mut bad = bytes.clone();
        let last = bad.len() - 2;
        bad[last] ^= 0x20;
        let cache = read_bytes(&dir, &bad, &fp);
        assert_eq!(cache.entries.len(), 1);
        assert_eq!(cache.entries[0].1.case.summary(), "fallback");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn only_files_left_alone_for_a_while_are_kept() {
        let mut k = entry("C-2").key;
        k.mtime_ns = 100 * 1_000_000_000;
        k.ctime_ns = k.mtime_ns;
        assert!(k.settled(k.mtime_ns + SETTLE_NS + 1, SETTLE_NS));
        assert!(!k.settled(k.mtime_ns + SETTLE_NS - 1, SETTLE_NS));
        k.ctime_ns += 10 * SETTLE_NS;
        assert!(!k.settled(k.mtime_ns + SETTLE_NS + 1, SETTLE_NS));
    }
}
