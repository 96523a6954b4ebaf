//! The example panel, embedded in the binary at build time, and its copy into a fresh private
//! folder for `docket demo`: an installed docket has no panels/example beside it.

use std::fs::{self, DirBuilder};
use std::io::{self, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use rustix::fs::{Mode, OFlags, fchmod, fstat, mkdirat, open, openat};

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

/// Copies the example panel into a new private folder under `base`; returns the folder.
///
/// The folder is made, then opened as a descriptor (never through a link, and only if it is
/// ours), and everything in it is made relative to that descriptor: a folder renamed or
/// swapped for a link under a shared `base` after it was made can only make the copy fail,
/// never send a file or a mode change elsewhere.
pub fn copy_into(base: &Path) -> io::Result<PathBuf> {
    let (panel, root) = fresh_dir(base)?;
    for (rel, bytes) in FILES {
        let path = panel.join(rel);
        let fail = |e: io::Error| tag(What::Write(path.clone()))(e);
        let (dir, name) = match rel.rsplit_once('/') {
            Some((sub, name)) => (Some(sub_dir(&root, sub).map_err(&fail)?), name),
            None => (None, *rel),
        };
        let at = dir.as_ref().map_or(root.as_fd(), |d| d.as_fd());
        let fd = openat(
            at,
            name,
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o600),
        )
        .map_err(|e| fail(e.into()))?;
        // The umask may have taken bits away; it must not have left any for others.
        fchmod(&fd, Mode::from_raw_mode(0o600)).map_err(|e| fail(e.into()))?;
        fs::File::from(fd).write_all(bytes).map_err(fail)?;
    }
    Ok(panel)
}

/// A folder of the panel's, made (if it is not yet) and opened relative to `root`.
fn sub_dir(root: &OwnedFd, rel: &str) -> io::Result<OwnedFd> {
    match mkdirat(root, rel, Mode::from_raw_mode(0o700)) {
        Ok(()) | Err(rustix::io::Errno::EXIST) => {}
        Err(e) => return Err(e.into()),
    }
    let fd = openat(
        root,
        rel,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    fchmod(&fd, Mode::from_raw_mode(0o700))?;
    Ok(fd)
}

/// A new folder under `base`, 0700, and a descriptor of it, checked to be a folder of ours.
fn fresh_dir(base: &Path) -> io::Result<(PathBuf, OwnedFd)> {
    let mut tries = 0;
    loop {
        let dir = base.join(format!("docket-demo-{}", crate::private::unique_name()));
        match DirBuilder::new().mode(0o700).create(&dir) {
            Ok(()) => {
                let fail = |e: io::Error| tag(What::Write(dir.clone()))(e);
                let fd = open(
                    &dir,
                    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                    Mode::empty(),
                )
                .map_err(|e| fail(e.into()))?;
                // Someone else's folder put in its place after it was made is not ours.
                let st = fstat(&fd).map_err(|e| fail(e.into()))?;
                if st.st_uid != crate::private::my_uid() {
                    return Err(fail(io::Error::from(io::ErrorKind::PermissionDenied)));
                }
                fchmod(&fd, Mode::from_raw_mode(0o700)).map_err(|e| fail(e.into()))?;
                return Ok((dir, fd));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 16 => tries += 1,
            Err(e) => return Err(tag(What::Write(dir))(e)),
        }
    }
}
