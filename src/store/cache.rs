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
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::domain::case::{Body, BodyText, Case, Conflict, Proposal, Subject};
use crate::domain::panel::Panel;

mod writer;
pub use writer::Writer;

const MAGIC: &[u8] = b"docket case cache\n";
/// Version 3 keeps finalized minutes as briefs (`minutes::brief`), and only minutes whose
/// seal was verified when they were read: an older cache (whole minutes, kept whenever they
/// parsed) is not read as this one.
const MINUTES_MAGIC: &[u8] = b"docket minutes cache 3\n";
/// Bumped whenever the layout of the minutes cache changes.
const FORMAT: u32 = 3;
/// Bumped whenever the layout of the case cache below changes (4: rows and bodies in
/// blocks, written and read one block at a time).
const CASES_FORMAT: u32 = 4;
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
    blocks: Vec<Vec<(Vec<u8>, Entry)>>,
    count: usize,
}

impl Cache {
    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The entries in file-name order, each block let go once walked past.
    pub fn into_entries(self) -> impl Iterator<Item = (Vec<u8>, Entry)> {
        self.blocks.into_iter().flatten()
    }
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

/// Reads the cache file's rows, block by block; empty when it is missing, belongs to another
/// panel or another docket, or is damaged in any way. Only one block of rows is held at a
/// time (the whole rows of 100,000 cases were 40 MB). The bodies stay in the file, read when
/// a case is: the file is held open, so a newer cache written meanwhile does not mix with
/// this one. A body that cannot be read from it comes from `fallback` on the case file in
/// `cases_dir`.
pub fn read(file: &Path, fingerprint: &[u8; 32], cases_dir: &Path, fallback: Fallback) -> Cache {
    let Ok(f) = fs::File::open(file) else {
        return Cache::default();
    };
    let Ok(len) = f.metadata().map(|m| m.len()) else {
        return Cache::default();
    };
    let bodies = Arc::new(Bodies {
        file: f,
        cases_dir: cases_dir.to_path_buf(),
        fallback,
    });
    read_blocks(&bodies, len, fingerprint).unwrap_or_default()
}

/// The header: magic, format, fingerprint, then how many blocks follow and the checksum
/// chained through all of them (written last, once the blocks are).
const HEAD_LEN: usize = MAGIC.len() + 4 + 32 + 4 + 8;
/// Each block: how many rows, the length of the rows, the length of the bodies; then the
/// rows, their chained checksum, and the bodies.
const BLOCK_HEAD: usize = 12;
/// Rows per block: about what a batch of case files is, so writing holds one batch of bodies.
const BLOCK_ROWS: u32 = 512;

/// The checksum of a block, chained from the one before: blocks cannot be dropped, repeated
/// or reordered without it showing.
fn chain(before: u64, block_head: &[u8], rows: &[u8]) -> u64 {
    let mut w = [0u8; 8 + BLOCK_HEAD + 8];
    w[..8].copy_from_slice(&before.to_le_bytes());
    w[8..8 + BLOCK_HEAD].copy_from_slice(block_head);
    w[8 + BLOCK_HEAD..].copy_from_slice(&checksum(rows).to_le_bytes());
    checksum(&w)
}

fn read_blocks(bodies: &Arc<Bodies>, len: u64, fingerprint: &[u8; 32]) -> Option<Cache> {
    use std::os::unix::fs::FileExt;
    let f = &bodies.file;
    let mut head = [0u8; HEAD_LEN];
    f.read_exact_at(&mut head, 0).ok()?;
    let mut r = Reader { b: &head };
    if r.take(MAGIC.len())? != MAGIC || r.u32()? != CASES_FORMAT || r.take(32)? != fingerprint {
        return None;
    }
    let blocks = r.u32()?;
    let last = r.u64()?;
    let mut sum = checksum(&head[..HEAD_LEN - 12]);
    let mut pos = HEAD_LEN as u64;
    // Each block holds at least one row of more than 64 bytes.
    let mut out = Vec::with_capacity((blocks as usize).min(len as usize / 64));
    let mut buf = Vec::new();
    let mut count = 0usize;
    for _ in 0..blocks {
        let mut bh = [0u8; BLOCK_HEAD];
        f.read_exact_at(&mut bh, pos).ok()?;
        let mut r = Reader { b: &bh };
        let (n, rows_len, bodies_len) = (r.u32()?, r.u32()? as u64, r.u32()? as u64);
        let rows_at = pos + BLOCK_HEAD as u64;
        let bodies_at = rows_at + rows_len + 8;
        pos = bodies_at + bodies_len;
        if pos > len {
            return None;
        }
        buf.clear();
        buf.resize(rows_len as usize + 8, 0);
        f.read_exact_at(&mut buf, rows_at).ok()?;
        let (rows, written) = buf.split_at(rows_len as usize);
        sum = chain(sum, &bh, rows);
        if written != sum.to_le_bytes() {
            return None;
        }
        let at = Place {
            rows_at,
            bodies_at,
            bodies_len,
        };
        let block = decode_block(Reader { b: rows }, n, &at, bodies)?;
        count += block.len();
        out.push(block);
    }
    // Names in strictly rising order across blocks, as written: the walk beside the listing
    // relies on it.
    let sorted = out
        .iter()
        .flatten()
        .map(|(n, _)| n)
        .is_sorted_by(|a, b| a < b);
    (sum == last && pos == len && sorted).then_some(Cache { blocks: out, count })
}

/// Where one block's rows and bodies are in the file.
struct Place {
    rows_at: u64,
    bodies_at: u64,
    bodies_len: u64,
}

/// The open cache file whose bodies the cases read when they are wanted.
struct Bodies {
    file: fs::File,
    cases_dir: PathBuf,
    fallback: Fallback,
}

/// Where one body is in the file (offset, length, checksum), and where its case's file name
/// and digest are (for the fallback), so that no rows need to be kept in memory.
#[derive(Clone, Copy)]
struct BodyAt {
    offset: u64,
    len: u32,
    sum: u64,
    name: (u64, u32),
    digest: (u64, u32),
}

impl Bodies {
    /// The body at `at`, read when first wanted. Only a shared handle and a few numbers are
    /// kept per case until then.
    fn body(self: &Arc<Self>, at: BodyAt) -> Body {
        let me = Arc::clone(self);
        Body::later(move || me.read(at))
    }

    fn read(&self, at: BodyAt) -> BodyText {
        if let Some(block) = self.bytes(at.offset, at.len)
            && checksum(&block) == at.sum
            && body_shaped(&block)
        {
            return body_text(&block);
        }
        let name = self.bytes(at.name.0, at.name.1).unwrap_or_default();
        let path = self.cases_dir.join(std::ffi::OsStr::from_bytes(&name));
        let digest = self.bytes(at.digest.0, at.digest.1).unwrap_or_default();
        (self.fallback)(&path, std::str::from_utf8(&digest).unwrap_or_default())
    }

    fn bytes(&self, offset: u64, len: u32) -> Option<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let mut b = vec![0; len as usize];
        self.file.read_exact_at(&mut b, offset).ok().map(|()| b)
    }
}

/// A minutes cache as read: the file's bytes, and where in them each file's key and
/// minutes as JSON are (read many times faster than the YAML they came from). Entries are
/// looked at in place: over years of meetings a copy of each would double the cache.
#[derive(Default)]
pub struct MinutesCache {
    all: Vec<u8>,
    entries: HashMap<Vec<u8>, (Key, std::ops::Range<usize>)>,
}

impl MinutesCache {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The key and JSON kept for the file named `name`.
    pub fn get(&self, name: &[u8]) -> Option<(Key, &[u8])> {
        let (key, at) = self.entries.get(name)?;
        Some((*key, self.all.get(at.clone())?))
    }
}

/// Reads a minutes cache file, as `read` does.
pub fn read_minutes(file: &Path, fingerprint: &[u8; 32]) -> MinutesCache {
    let Ok(all) = fs::read(file) else {
        return MinutesCache::default();
    };
    match decode_minutes(&all, fingerprint) {
        Some(entries) => MinutesCache { all, entries },
        None => MinutesCache::default(),
    }
}

type MinutesIndex = HashMap<Vec<u8>, (Key, std::ops::Range<usize>)>;

fn decode_minutes(all: &[u8], fingerprint: &[u8; 32]) -> Option<MinutesIndex> {
    let mut r = unframe(all, MINUTES_MAGIC, fingerprint)?;
    let count = r.u32()? as usize;
    let mut out = HashMap::new();
    for _ in 0..count {
        let name = r.bytes()?.to_vec();
        let key = r.key()?;
        let json = r.bytes()?;
        // Where the JSON lies in the file's bytes.
        let start = json.as_ptr() as usize - all.as_ptr() as usize;
        out.insert(name, (key, start..start + json.len()));
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

/// Writes every entry as a new cache file (what a caller with no bodies to let go of needs).
pub fn write<'a>(
    file: &Path,
    fingerprint: &[u8; 32],
    cases_dir: &Path,
    fallback: Fallback,
    entries: impl Iterator<Item = Keep<'a>>,
) -> std::io::Result<()> {
    let mut w = Writer::create(file, fingerprint, cases_dir, fallback)?;
    for e in entries {
        w.push(None, &e)?;
    }
    w.finish().map(drop)
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

/// Appends one entry's row to `w` and its body to `bodies`; where its body is in `bodies`, its
/// name and digest in `w`. A body not
/// read yet is read for this and let go, not kept.
fn encode_row(w: &mut Vec<u8>, bodies: &mut Vec<u8>, e: &Keep) -> BodyAt {
    let name = ((w.len() + 4) as u64, e.name.len() as u32);
    bytes(w, e.name);
    put_key(w, &e.key);
    for n in [e.id_at.0, e.id_at.1, e.review_at.0, e.review_at.1] {
        w.extend_from_slice(&n.to_le_bytes());
    }
    let digest = ((w.len() + 4) as u64, e.digest.len() as u32);
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
    let text = c.body.peek();
    string(bodies, &text.summary);
    strings(bodies, &text.facts);
    let block = &bodies[start..];
    let body = (start as u64, block.len() as u32, checksum(block));
    w.extend_from_slice(&body.0.to_le_bytes());
    w.extend_from_slice(&body.1.to_le_bytes());
    w.extend_from_slice(&body.2.to_le_bytes());
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
    BodyAt {
        offset: body.0,
        len: body.1,
        sum: body.2,
        name,
        digest,
    }
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

/// The `n` rows of one block, whose rows and bodies are at `at` in the file.
fn decode_block(
    mut r: Reader,
    n: u32,
    at: &Place,
    bodies: &Arc<Bodies>,
) -> Option<Vec<(Vec<u8>, Entry)>> {
    let start = r.b.as_ptr() as usize;
    let place = |b: &[u8]| {
        (
            at.rows_at + (b.as_ptr() as usize - start) as u64,
            b.len() as u32,
        )
    };
    if n == 0 || n > BLOCK_ROWS {
        return None;
    }
    let mut entries = Vec::with_capacity(n as usize);
    for _ in 0..n {
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
        let (offset, len, sum) = (r.u64()?, r.u32()?, r.u64()?);
        if offset.checked_add(u64::from(len))? > at.bodies_len {
            return None;
        }
        let body = bodies.body(BodyAt {
            offset: at.bodies_at + offset,
            len,
            sum,
            name: place(name_bytes),
            digest: place(digest_bytes),
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
        let k = r.u32()? as usize;
        if k > r.b.len() / 8 {
            return None;
        }
        let conflicts = (0..k)
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
    r.b.is_empty().then_some(entries)
}

#[cfg(test)]
mod tests;
