//! The example panel, embedded in the binary at build time, and its copy into a fresh private
//! folder for `docket demo`: an installed docket has no panels/example beside it.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::failure::{What, tag};

/// Each file of panels/example, by its path inside the panel, with its bytes. Kept by hand:
/// `tests/demo.rs` fails when panels/example holds a file this list leaves out.
macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../panels/example/", $path)))),*]
    };
}

pub const FILES: &[(&str, &[u8])] = embedded![
    "panel.yaml",
    "cases/2026-001.yaml",
    "cases/2026-002.yaml",
    "cases/2026-003.yaml",
    "cases/2026-004.yaml",
    "cases/2026-005.yaml",
    "cases/2026-006.yaml",
    "cases/2026-007.yaml",
    "cases/2026-008.yaml",
    "cases/2026-009.yaml",
    "cases/2026-010.yaml",
    "cases/2026-011.yaml",
    "cases/2026-012.yaml",
    "cases/2026-013.yaml",
    "cases/2026-014.yaml",
    "cases/2026-015.yaml",
    "cases/2026-016.yaml",
    "cases/2026-017.yaml",
    "cases/2026-018.yaml",
];

/// Copies the example panel into a new folder under `base` (the system's temporary folder
/// for `docket demo`) and returns that folder, the panel. The folder is made 0700 and new (never
/// one that was there, nor through a link planted at its name); the files are 0600, made new.
/// Nothing outside it is touched.
pub fn copy_into(base: &Path) -> io::Result<PathBuf> {
    let panel = fresh_dir(base)?;
    for (rel, bytes) in FILES {
        let path = panel.join(rel);
        if let Some(parent) = path.parent() {
            make_dirs(&panel, parent)?;
        }
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path)
            .map_err(tag(What::Write(path.clone())))?;
        f.write_all(bytes).map_err(tag(What::Write(path.clone())))?;
    }
    Ok(panel)
}

/// A folder of our own under `base`, made by us now: `docket-demo-` and a unique tail.
fn fresh_dir(base: &Path) -> io::Result<PathBuf> {
    let mut tries = 0;
    loop {
        let dir = base.join(format!("docket-demo-{}", unique()));
        // mkdir never follows a link at its name: a name taken, by anything, is passed over.
        match DirBuilder::new().mode(0o700).create(&dir) {
            Ok(()) => {
                private(&dir)?;
                return Ok(dir);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 16 => tries += 1,
            Err(e) => return Err(tag(What::Write(dir))(e)),
        }
    }
}

/// Makes each missing folder from `root` down to `dir`, 0700, never following a link.
fn make_dirs(root: &Path, dir: &Path) -> io::Result<()> {
    let Ok(rel) = dir.strip_prefix(root) else {
        return Ok(());
    };
    let mut at = root.to_path_buf();
    for part in rel.components() {
        at.push(part);
        match DirBuilder::new().mode(0o700).create(&at) {
            Ok(()) => private(&at)?,
            // Made just before, by us, in a folder no one else may enter.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(tag(What::Write(at))(e)),
        }
    }
    Ok(())
}

/// 0700 whatever the umask.
fn private(dir: &Path) -> io::Result<()> {
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
        .map_err(tag(What::Write(dir.to_path_buf())))
}

/// The process, the clock and a count: not used before.
fn unique() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{}-{t:08x}{n}", std::process::id())
}
