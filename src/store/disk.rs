//! The file system as docket writes to it, behind a seam: appending to the journal, replacing
//! the minutes atomically, private modes, the one-writer lock. Tests put a failing disk in its
//! place to reach disk-full, read-only and replaced-file failures, which root cannot provoke.
//!
//! Everything is written relative to an open descriptor of the panel folder, never following
//! a symbolic link below it: a link planted there must not steer the minutes elsewhere.
//!
//! Kept whole: the seam, its one real implementation and the lock check that every write
//! makes share the private descriptor handling; splitting them would expose it.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};

use rustix::fs::{AtFlags, FlockOperation, Gid, Mode, OFlags};

/// The file that makes one docket the writer of a panel.
pub const LOCK_FILE: &str = ".docket.lock";

/// The modes of what docket creates: private, or shared with the panel's group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Modes {
    pub file: u32,
    pub dir: u32,
    /// The group that owns what docket creates, when panel.yaml names one.
    pub gid: Option<u32>,
}

impl Modes {
    pub const PRIVATE: Modes = Modes {
        file: 0o600,
        dir: 0o700,
        gid: None,
    };

    /// 0640/0750 owned by `gid`, or 0600/0700.
    pub fn for_group(gid: Option<u32>) -> Modes {
        match gid {
            Some(g) => Modes {
                file: 0o640,
                dir: 0o750,
                gid: Some(g),
            },
            None => Modes::PRIVATE,
        }
    }

    /// The modes a panel's files get: its `group`, if named and known, else private.
    pub fn of_panel(panel: &crate::domain::panel::Panel) -> Modes {
        Modes::for_group(panel.group.as_deref().and_then(group_id))
    }

    /// Sets the group, then the mode, on an open file: the umask has no say, and a group
    /// that cannot be applied fails before the mode changes.
    pub fn apply_fd(&self, fd: BorrowedFd<'_>, dir: bool) -> io::Result<()> {
        if let Some(g) = self.gid {
            rustix::fs::fchown(fd, None, Some(Gid::from_raw(g)))?;
        }
        let mode = if dir { self.dir } else { self.file };
        rustix::fs::fchmod(fd, Mode::from_raw_mode(mode))?;
        Ok(())
    }
}

/// The gid of group `name`, from the system's group database (getgrnam_r, which also asks
/// LDAP or SSSD where the system does).
pub fn group_id(name: &str) -> Option<u32> {
    let group = nix::unistd::Group::from_name(name);
    group.ok().flatten().map(|g| g.gid.as_raw())
}

/// Why a write was refused or the writer stopped writing. Carried inside an `io::Error`;
/// `i18n::write_error` says it in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The lock file is gone or another file is at its path: another docket may write now.
    LockLost,
    /// The panel folder is no longer at its path.
    FolderMoved,
    /// The journal at the path is not the file this docket was appending to.
    JournalReplaced(PathBuf),
    /// The journal does not end where this docket left it: someone else appended.
    JournalChanged(PathBuf),
    /// A symbolic link (or another non-file) where docket writes.
    Link(PathBuf),
    /// A path outside the panel folder.
    Outside(PathBuf),
    /// The panel's group could not be given to a file.
    Group(PathBuf, String),
    /// Another program put its own file where docket wrote one: theirs is kept.
    Replaced(PathBuf),
}

impl std::error::Error for Refusal {}

/// For developers and logs only: a person reads `i18n::disk_refusal`, in their language.
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "refused: {self:?}")
    }
}

impl Refusal {
    /// The refusal inside `e`, if it is one.
    pub fn of(e: &io::Error) -> Option<&Refusal> {
        e.get_ref().and_then(|i| i.downcast_ref::<Refusal>())
    }

    /// Whether this docket must stop writing and follow: another may be the writer now.
    pub fn demotes(&self) -> bool {
        matches!(
            self,
            Refusal::LockLost
                | Refusal::FolderMoved
                | Refusal::JournalReplaced(_)
                | Refusal::JournalChanged(_)
        )
    }
}

fn refuse(r: Refusal) -> io::Error {
    io::Error::other(r)
}

/// Device and inode: which file a path or descriptor is.
pub type Identity = (u64, u64);

fn ident_fd(fd: impl AsFd) -> io::Result<Identity> {
    let s = rustix::fs::fstat(fd)?;
    Ok((s.st_dev, s.st_ino))
}

/// The file at `name` in `dir`, the link itself if it is one.
fn ident_at(dir: impl AsFd, name: &str) -> Option<Identity> {
    rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)
        .ok()
        .map(|s| (s.st_dev, s.st_ino))
}

fn is_link_error(e: &rustix::io::Errno) -> bool {
    *e == rustix::io::Errno::LOOP || *e == rustix::io::Errno::NOTDIR
}

/// Opens the panel folder itself (its own path may be a link: the user named it).
pub fn open_root(dir: &Path) -> io::Result<OwnedFd> {
    Ok(rustix::fs::open(
        dir,
        OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )?)
}

/// Opens folder `name` in `parent`, never through a link; creates it with `modes` when
/// missing (`create`); sets its modes when created or when `fix` says so.
fn open_dir(
    parent: BorrowedFd<'_>,
    name: &str,
    shown: &Path,
    modes: Modes,
    create: bool,
    fix: bool,
) -> io::Result<OwnedFd> {
    let flags = OFlags::DIRECTORY | OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let mut made = false;
    let fd = match rustix::fs::openat(parent, name, flags, Mode::empty()) {
        Ok(fd) => fd,
        Err(e) if e == rustix::io::Errno::NOENT && create => {
            rustix::fs::mkdirat(parent, name, Mode::from_raw_mode(modes.dir))?;
            made = true;
            rustix::fs::openat(parent, name, flags, Mode::empty())?
        }
        Err(e) if is_link_error(&e) => return Err(refuse(Refusal::Link(shown.to_path_buf()))),
        Err(e) => return Err(e.into()),
    };
    if (made || fix)
        && let Err(e) = modes.apply_fd(fd.as_fd(), true)
    {
        if made {
            let _ = rustix::fs::unlinkat(parent, name, AtFlags::REMOVEDIR);
        }
        return Err(group_error(shown, e));
    }
    Ok(fd)
}

fn group_error(shown: &Path, e: io::Error) -> io::Error {
    if e.raw_os_error() == Some(rustix::io::Errno::PERM.raw_os_error()) {
        refuse(Refusal::Group(shown.to_path_buf(), e.to_string()))
    } else {
        e
    }
}

/// How docket writes. Every method is durable when it returns Ok.
pub trait Disk {
    /// Appends journal line number `seq` (`bytes`) to `path` and syncs it: created with the
    /// modes if missing; refused unless the journal ends at line `seq - 1`.
    fn append(&mut self, path: &Path, seq: u64, bytes: &[u8]) -> io::Result<()>;
    /// Replaces `path` with `bytes` atomically: the old content or the new, never a mix.
    fn replace(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()>;
}

/// A journal this docket is appending to: the file, which file it is, where it ends.
struct OpenJournal {
    file: File,
    id: Identity,
    len: u64,
}

/// Which lock a disk checks before it writes.
#[derive(Clone, Copy, Debug)]
enum Held {
    /// None: a disk of a test or a tool that writes without the lock.
    Unchecked,
    /// This lock file (device, inode) in this panel folder (device, inode).
    Lock(Identity, Identity),
    /// The lock was let go: nothing is written.
    Released,
}

/// The real file system, below one panel folder.
pub struct RealDisk {
    pub modes: Modes,
    dir: PathBuf,
    root: Option<OwnedFd>,
    /// The file each path was when docket last wrote it, to notice one replaced underneath.
    written: HashMap<PathBuf, Identity>,
    journals: HashMap<PathBuf, OpenJournal>,
    /// The lock held: checked before every write.
    held: Held,
}

impl RealDisk {
    /// A disk that writes below the panel folder `dir`, and nowhere else.
    pub fn new(dir: &Path, modes: Modes) -> RealDisk {
        RealDisk {
            modes,
            dir: dir.to_path_buf(),
            root: None,
            written: HashMap::new(),
            journals: HashMap::new(),
            held: Held::Unchecked,
        }
    }

    /// From now on, every write first checks that `lock` is still the panel's lock.
    pub fn hold(&mut self, lock: &Lock) {
        self.held = Held::Lock(lock.id, lock.dir);
        self.root = None;
        self.written.clear();
        self.journals.clear();
    }

    /// No lock any more: nothing is written until the next `hold`.
    pub fn release(&mut self) {
        self.held = Held::Released;
        self.journals.clear();
    }

    fn root(&mut self) -> io::Result<BorrowedFd<'_>> {
        let root = match self.root.take() {
            Some(r) => r,
            None => open_root(&self.dir)?,
        };
        let root: &OwnedFd = self.root.insert(root);
        Ok(root.as_fd())
    }

    /// The lock file at its path is still the one locked, in the same panel folder.
    fn check_lock(&mut self) -> io::Result<()> {
        let (lock, dir) = match self.held {
            Held::Unchecked => return Ok(()),
            Held::Released => return Err(refuse(Refusal::LockLost)),
            Held::Lock(lock, dir) => (lock, dir),
        };
        let here = fs::metadata(&self.dir).map(|m| (m.dev(), m.ino())).ok();
        let root = self.root()?;
        if here != Some(dir) || ident_fd(root)? != dir {
            log::warn!(
                "{}: the panel folder moved; not written",
                self.dir.display()
            );
            return Err(refuse(Refusal::FolderMoved));
        }
        if ident_at(root, LOCK_FILE) != Some(lock) {
            log::warn!(
                "{}: the lock file is gone or replaced (taken by another?); not written",
                self.dir.display()
            );
            return Err(refuse(Refusal::LockLost));
        }
        Ok(())
    }

    /// The folder holding `path` (opened, and created, never through a link) and the name.
    fn parent_of(&mut self, path: &Path) -> io::Result<(OwnedFd, String)> {
        let rel = path
            .strip_prefix(&self.dir)
            .map_err(|_| refuse(Refusal::Outside(path.to_path_buf())))?;
        let mut names = Vec::new();
        for c in rel.components() {
            match c {
                Component::Normal(n) => names.push(n.to_string_lossy().into_owned()),
                Component::CurDir => {}
                _ => return Err(refuse(Refusal::Outside(path.to_path_buf()))),
            }
        }
        let Some(name) = names.pop() else {
            return Err(refuse(Refusal::Outside(path.to_path_buf())));
        };
        let modes = self.modes;
        let dir = self.dir.clone();
        let mut cur = rustix::io::dup(self.root()?)?;
        let mut shown = dir;
        for (i, n) in names.iter().enumerate() {
            shown.push(n);
            // The minutes folder is the panel's record: its modes are set on every open.
            let fix = i == 0 && n == super::minutes::MINUTES_DIR;
            cur = open_dir(cur.as_fd(), n, &shown, modes, true, fix)?;
        }
        Ok((cur, name))
    }

    fn open_journal(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &str,
        path: &Path,
        seq: u64,
    ) -> io::Result<OpenJournal> {
        let flags = OFlags::RDWR | OFlags::APPEND | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let mode = Mode::from_raw_mode(self.modes.file);
        let (fd, made) =
            match rustix::fs::openat(dir, name, flags | OFlags::CREATE | OFlags::EXCL, mode) {
                Ok(fd) => (fd, true),
                Err(e) if e == rustix::io::Errno::EXIST => {
                    match rustix::fs::openat(dir, name, flags, mode) {
                        Ok(fd) => (fd, false),
                        Err(e) if is_link_error(&e) => {
                            return Err(refuse(Refusal::Link(path.to_path_buf())));
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
                Err(e) => return Err(e.into()),
            };
        let st = rustix::fs::fstat(&fd)?;
        if rustix::fs::FileType::from_raw_mode(st.st_mode) != rustix::fs::FileType::RegularFile {
            return Err(refuse(Refusal::Link(path.to_path_buf())));
        }
        if let Err(e) = self.modes.apply_fd(fd.as_fd(), false) {
            if made {
                let _ = rustix::fs::unlinkat(dir, name, AtFlags::empty());
            }
            return Err(group_error(path, e));
        }
        let mut file = File::from(fd);
        rustix::fs::flock(&file, FlockOperation::LockExclusive)?;
        let result = (|| {
            let mut text = Vec::new();
            file.rewind()?;
            file.read_to_end(&mut text)?;
            // A torn last line was never shown: cut it, so the next line starts clean.
            let whole = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            if whole < text.len() {
                file.set_len(whole as u64)?;
                log::warn!(
                    "{}: a torn last line cut ({} bytes)",
                    path.display(),
                    text.len() - whole
                );
            }
            let last = text[..whole]
                .split(|&b| b == b'\n')
                .rfind(|l| !l.is_empty())
                .and_then(|l| l.split(|&b| b == b'\t').next())
                .and_then(|s| std::str::from_utf8(s).ok()?.parse::<u64>().ok());
            // A journal begun by someone else must end where this docket expects; an empty
            // one (the minutes came first) is continued at any number.
            if let Some(n) = last
                && n + 1 != seq
            {
                return Err(refuse(Refusal::JournalChanged(path.to_path_buf())));
            }
            Ok(whole as u64)
        })();
        let _ = rustix::fs::flock(&file, FlockOperation::Unlock);
        let len = result?;
        if made {
            rustix::fs::fsync(dir)?;
        }
        Ok(OpenJournal {
            id: ident_fd(&file)?,
            file,
            len,
        })
    }
}

impl Disk for RealDisk {
    fn append(&mut self, path: &Path, seq: u64, bytes: &[u8]) -> io::Result<()> {
        self.check_lock()?;
        let (dir, name) = self.parent_of(path)?;
        let mut j = match self.journals.remove(path) {
            Some(j) => j,
            None => self.open_journal(dir.as_fd(), &name, path, seq)?,
        };
        // Checked and written under the journal's own lock: two dockets that both believe
        // they write cannot interleave a check and an append.
        rustix::fs::flock(&j.file, FlockOperation::LockExclusive)?;
        let result = (|| {
            self.check_lock()?;
            if ident_at(dir.as_fd(), &name) != Some(j.id) {
                return Err(refuse(Refusal::JournalReplaced(path.to_path_buf())));
            }
            if j.file.metadata()?.len() != j.len {
                return Err(refuse(Refusal::JournalChanged(path.to_path_buf())));
            }
            j.file.write_all(bytes)?;
            j.file.sync_all()?;
            j.len += bytes.len() as u64;
            Ok(())
        })();
        let _ = rustix::fs::flock(&j.file, FlockOperation::Unlock);
        if result.is_ok() {
            self.journals.insert(path.to_path_buf(), j);
        }
        result
    }

    fn replace(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.check_lock()?;
        let (dir, name) = self.parent_of(path)?;
        // Someone put another file in its place since docket wrote it: keep theirs, say so.
        if let Some(expected) = self.written.get(path)
            && ident_at(dir.as_fd(), &name) != Some(*expected)
        {
            return Err(refuse(Refusal::Replaced(path.to_path_buf())));
        }
        // A name no one can have planted: created here, exclusively, never through a link.
        let tmp = format!(".{name}.{}.tmp", crate::private::unique_name());
        let fd = rustix::fs::openat(
            &dir,
            tmp.as_str(),
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from_raw_mode(self.modes.file),
        )?;
        let result = (|| -> io::Result<()> {
            self.modes
                .apply_fd(fd.as_fd(), false)
                .map_err(|e| group_error(path, e))?;
            let mut f = File::from(rustix::io::dup(&fd)?);
            f.write_all(bytes)?;
            f.sync_all()?;
            rustix::fs::renameat(&dir, tmp.as_str(), &dir, name.as_str())?;
            rustix::fs::fsync(&dir)?;
            Ok(())
        })();
        if result.is_err() {
            let _ = rustix::fs::unlinkat(&dir, tmp.as_str(), AtFlags::empty());
        }
        result?;
        self.written.insert(path.to_path_buf(), ident_fd(&fd)?);
        Ok(())
    }
}

/// The lock that makes one docket the writer of a panel: the lock file, held open and
/// locked, and which file it is, so a writer can notice it deleted or replaced.
pub struct Lock {
    _file: File,
    id: Identity,
    dir: Identity,
    /// The panel folder, for the log.
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        log::info!("{}: lock released", self.path.display());
    }
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another docket holds it: its line (user, host, pid, since).
    Held(String),
    /// The lock could not be taken as it must be; nothing was changed.
    Refused(io::Error),
}

/// Takes the panel's lock and writes `line` in it, or says who holds it. The lock file is
/// opened below the panel folder without following a link, locked, and then checked to be
/// still the file at its path (it may have been deleted or replaced meanwhile). Its modes,
/// and the minutes folder's, are set on every open; a group that cannot be applied refuses
/// the lock and leaves everything as it was.
pub fn lock(dir: &Path, modes: Modes, line: &str) -> Result<Lock, LockError> {
    use std::sync::atomic::{AtomicBool, Ordering};
    // A follower asks for the lock twice a second: the log says once that it is held.
    static HELD_SAID: AtomicBool = AtomicBool::new(false);
    let result = take_lock(dir, modes, line);
    match &result {
        Ok(_) => {
            HELD_SAID.store(false, Ordering::Relaxed);
            log::info!("{}: lock taken", dir.display());
        }
        // The holder's line names an account: only its process goes to the log.
        Err(LockError::Held(holder)) if !HELD_SAID.swap(true, Ordering::Relaxed) => log::info!(
            "{}: lock held by another docket (pid {})",
            dir.display(),
            holder.split_whitespace().nth(2).unwrap_or("?")
        ),
        Err(LockError::Held(_)) => {}
        Err(LockError::Refused(e)) => log::warn!(
            "{}: lock refused: {}",
            dir.display(),
            match Refusal::of(e) {
                Some(r) => format!("{r:?}"),
                None => format!("{:?}: {e}", e.kind()),
            }
        ),
    }
    result
}

fn take_lock(dir: &Path, modes: Modes, line: &str) -> Result<Lock, LockError> {
    let refused = LockError::Refused;
    let root = open_root(dir).map_err(refused)?;
    let shown = dir.join(LOCK_FILE);
    let flags = OFlags::RDWR | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NONBLOCK;
    let mode = Mode::from_raw_mode(modes.file);
    let (fd, made) = match rustix::fs::openat(
        &root,
        LOCK_FILE,
        flags | OFlags::CREATE | OFlags::EXCL,
        mode,
    ) {
        Ok(fd) => (fd, true),
        Err(e) if e == rustix::io::Errno::EXIST => {
            match rustix::fs::openat(&root, LOCK_FILE, flags, mode) {
                Ok(fd) => (fd, false),
                Err(e) if is_link_error(&e) => return Err(refused(refuse(Refusal::Link(shown)))),
                Err(e) => return Err(refused(e.into())),
            }
        }
        Err(e) => return Err(refused(e.into())),
    };
    let st = rustix::fs::fstat(&fd).map_err(|e| refused(e.into()))?;
    if rustix::fs::FileType::from_raw_mode(st.st_mode) != rustix::fs::FileType::RegularFile {
        return Err(refused(refuse(Refusal::Link(shown))));
    }
    let mut file = File::from(fd);
    if file.try_lock().is_err() {
        let mut holder = String::new();
        let _ = file.read_to_string(&mut holder);
        return Err(LockError::Held(holder.trim().to_string()));
    }
    let undo = |e: io::Error| {
        if made {
            let _ = rustix::fs::unlinkat(&root, LOCK_FILE, AtFlags::empty());
        }
        refused(e)
    };
    modes
        .apply_fd(file.as_fd(), false)
        .map_err(|e| undo(group_error(&shown, e)))?;
    let id = ident_fd(&file).map_err(refused)?;
    let here = ident_fd(&root).map_err(refused)?;
    // Locked, but perhaps a file already unlinked or replaced: only the file at the path
    // counts, in the folder at the path.
    let now = fs::metadata(dir).map(|m| (m.dev(), m.ino())).ok();
    if ident_at(&root, LOCK_FILE) != Some(id) || now != Some(here) {
        return Err(LockError::Held(String::new()));
    }
    let minutes = dir.join(super::minutes::MINUTES_DIR);
    match open_dir(
        root.as_fd(),
        super::minutes::MINUTES_DIR,
        &minutes,
        modes,
        false,
        true,
    ) {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(undo(e)),
    }
    let _ = file.set_len(0);
    let _ = file.rewind();
    let _ = file.write_all(line.as_bytes());
    let _ = file.sync_all();
    Ok(Lock {
        _file: file,
        id,
        dir: here,
        path: dir.to_path_buf(),
    })
}

/// Whether `path` can be read by users other than its owner and group.
pub fn readable_by_others(path: &Path) -> Option<u32> {
    let mode = fs::metadata(path).ok()?.mode() & 0o777;
    (mode & 0o004 != 0).then_some(mode)
}

/// The files docket writes in a panel folder that are symbolic links: the minutes folder,
/// the lock, the working state and the journals. Such a panel is refused.
pub fn planted_links(dir: &Path) -> Vec<PathBuf> {
    let is_link = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    let minutes = dir.join(super::minutes::MINUTES_DIR);
    let mut found: Vec<PathBuf> = [
        minutes.clone(),
        dir.join(LOCK_FILE),
        dir.join(super::state::STATE_FILE),
    ]
    .into_iter()
    .filter(|p| is_link(p))
    .collect();
    if !is_link(&minutes)
        && let Ok(entries) = fs::read_dir(&minutes)
    {
        let mut links: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            // Journals, minutes and addenda: docket writes (and reads) them all here.
            .filter(|p| p.extension().is_some_and(|x| x == "journal" || x == "yaml") && is_link(p))
            .collect();
        links.sort();
        found.extend(links);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_come_from_the_group_database() {
        // Where the system has a group root, it is gid 0.
        if fs::read_to_string("/etc/group").is_ok_and(|t| t.lines().any(|l| l.starts_with("root:")))
        {
            assert_eq!(group_id("root"), Some(0));
        }
        assert_eq!(group_id("no-such-group-dkt"), None);
        assert_eq!(group_id(""), None);
        assert_eq!(group_id("a\0b"), None);
    }
}
