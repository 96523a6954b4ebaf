//! Private folders and scratch files in the user's own directories: 0700 and 0600 whatever
//! the umask, never opened through a link someone planted there.
//!
//! The text a clerk types into `$EDITOR` (a rationale, a dissent) passes through such a file;
//! on a shared office server another user must not read it, nor steer where it is written.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// The uid files we make belong to (the effective one): what "ours" means for a file someone
/// may have planted.
pub fn my_uid() -> u32 {
    nix::unistd::geteuid().as_raw()
}

/// A name not used before: the process, the clock and a count, for a folder or a file
/// made beside others (the demo's folder, a file written then renamed into place).
pub fn unique_name() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{}-{t:08x}{n}", std::process::id())
}

/// Makes `dir` (and each missing parent) a folder only its owner can enter: created 0700,
/// and an existing one narrowed to 0700. Refused when it is a link or someone else's.
pub fn ensure_dir(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(m) => {
            if !m.is_dir() {
                return Err(io::Error::other(format!(
                    "{} is not a folder (a link or a file)",
                    dir.display()
                )));
            }
            if my_uid() != m.uid() {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    format!("{} belongs to another user", dir.display()),
                ));
            }
            if m.mode() & 0o077 != 0 {
                fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)?;
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
        }
        Err(e) => Err(e),
    }
}

/// Writes `text` to a new file at `path`, 0600, in a private folder. Whatever stood at the
/// path (an old scratch file, or a link planted to catch the text) is removed, never followed:
/// the file is created exclusively.
pub fn write_new(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        ensure_dir(dir)?;
    }
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("docket-private-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn a_planted_link_is_replaced_not_followed() {
        let d = scratch("link");
        ensure_dir(&d).expect("dir");
        let victim = d.join("victim.txt");
        fs::write(&victim, "theirs").expect("victim");
        let path = d.join("edit.txt");
        std::os::unix::fs::symlink(&victim, &path).expect("link");
        write_new(&path, "the rationale").expect("write");
        assert_eq!(fs::read_to_string(&victim).expect("victim"), "theirs");
        assert_eq!(fs::read_to_string(&path).expect("file"), "the rationale");
        assert!(
            !fs::symlink_metadata(&path)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::metadata(&path).expect("meta").mode() & 0o777, 0o600);
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn folders_are_made_and_kept_private() {
        let d = scratch("modes");
        let deep = d.join("a/b");
        ensure_dir(&deep).expect("dir");
        assert_eq!(fs::metadata(&deep).expect("meta").mode() & 0o777, 0o700);
        fs::set_permissions(&deep, fs::Permissions::from_mode(0o777)).expect("chmod");
        ensure_dir(&deep).expect("again");
        assert_eq!(fs::metadata(&deep).expect("meta").mode() & 0o777, 0o700);
        let link = d.join("link");
        std::os::unix::fs::symlink(&deep, &link).expect("link");
        assert!(ensure_dir(&link).is_err());
        let _ = fs::remove_dir_all(&d);
    }
}
