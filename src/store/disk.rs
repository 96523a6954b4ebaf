//! The file system as docket writes to it, behind a seam: appending to the journal, replacing
//! the minutes atomically, private modes. Tests put a failing disk in its place to reach
//! disk-full, read-only and replaced-file failures, which root cannot provoke with modes.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

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

    /// Sets the mode (and group) explicitly: the umask has no say.
    pub fn apply(&self, path: &Path, dir: bool) -> io::Result<()> {
        if let Some(g) = self.gid {
            std::os::unix::fs::chown(path, None, Some(g))?;
        }
        let mode = if dir { self.dir } else { self.file };
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
    }

    /// Creates `dir` (and its parents inside the panel folder) with these modes if missing.
    pub fn ensure_dir(&self, dir: &Path) -> io::Result<()> {
        if !dir.exists() {
            fs::create_dir_all(dir)?;
            self.apply(dir, true)?;
        }
        Ok(())
    }
}

/// The gid of group `name`, from /etc/group.
pub fn group_id(name: &str) -> Option<u32> {
    let text = fs::read_to_string("/etc/group").ok()?;
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() > 2 && f[0] == name)
            .then(|| f[2].parse().ok())
            .flatten()
    })
}

/// How docket writes. Every method is durable when it returns Ok.
pub trait Disk {
    /// Appends `bytes` to `path` (created with the modes if missing) and syncs it.
    fn append(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// Replaces `path` with `bytes` atomically: the old content or the new, never a mix.
    fn replace(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()>;
}

/// The real file system.
pub struct RealDisk {
    pub modes: Modes,
    /// The file each path was when docket last wrote it, to notice one replaced underneath.
    written: HashMap<PathBuf, (u64, u64)>,
}

impl RealDisk {
    pub fn new(modes: Modes) -> RealDisk {
        RealDisk {
            modes,
            written: HashMap::new(),
        }
    }
}

fn identity(path: &Path) -> Option<(u64, u64)> {
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

impl Disk for RealDisk {
    fn append(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if let Some(dir) = path.parent() {
            self.modes.ensure_dir(dir)?;
        }
        let new = !path.exists();
        let mut f = OpenOptions::new()
            .append(true)
            .create(true)
            .mode(self.modes.file)
            .open(path)?;
        if new {
            self.modes.apply(path, false)?;
        }
        f.write_all(bytes)?;
        f.sync_all()?;
        if new && let Some(dir) = path.parent() {
            File::open(dir)?.sync_all()?;
        }
        Ok(())
    }

    fn replace(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        self.modes.ensure_dir(dir)?;
        // Someone put another file in its place since docket wrote it: keep theirs, say so.
        if let Some(expected) = self.written.get(path)
            && identity(path) != Some(*expected)
        {
            return Err(io::Error::other(
                "the file was replaced by another program since docket wrote it",
            ));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.tmp"));
        let result = (|| {
            let mut f = OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(self.modes.file)
                .open(&tmp)?;
            self.modes.apply(&tmp, false)?;
            f.write_all(bytes)?;
            f.sync_all()?;
            fs::rename(&tmp, path)?;
            File::open(dir)?.sync_all()
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result?;
        if let Some(id) = identity(path) {
            self.written.insert(path.to_path_buf(), id);
        }
        Ok(())
    }
}

/// Whether `path` can be read by users other than its owner and group.
pub fn readable_by_others(path: &Path) -> Option<u32> {
    let mode = fs::metadata(path).ok()?.mode() & 0o777;
    (mode & 0o004 != 0).then_some(mode)
}
