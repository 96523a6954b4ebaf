//! The log for support (`--log FILE`): one line per thing docket did, appended to a private
//! file; off unless asked for.
//!
//! The rooms say what they did through the `log` crate's macros; with no `--log`, no logger
//! is installed and each call is one comparison against the level `Off`. What is logged is
//! ids, counts, paths and kinds, never case text, opinions, members' names or reasons: the
//! file may be mailed to whoever supports docket.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use crate::sanitize::escape;

/// Why the log file was not opened; worded in `i18n::log_refused`.
#[derive(Debug)]
pub enum Refused {
    /// A symbolic link stands at the path: it could send the log anywhere.
    Link(PathBuf),
    /// A folder on the path is a symbolic link: it could send the log anywhere too.
    LinkInPath(PathBuf),
    /// The file has other names (hard links): writing it writes another file too.
    HardLinked(PathBuf),
    /// Something other than a plain file (a folder, a device) is at the path.
    NotAFile(PathBuf),
    /// The file belongs to another user, who could read it.
    NotYours(PathBuf),
    /// The system refused: cannot create or open it.
    Io(PathBuf, io::Error),
    /// A logger is installed already (a second `start` in one process).
    Twice,
}

/// The one logger of the process: the file, written a whole line at a time.
struct FileLogger {
    file: Mutex<File>,
}

static LOGGER: OnceLock<FileLogger> = OnceLock::new();

impl log::Log for FileLogger {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() <= log::max_level()
    }

    fn log(&self, record: &log::Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = line(
            jiff::Timestamp::now(),
            record.level(),
            record.target(),
            &record.args().to_string(),
        );
        // One write per line on a file opened to append: lines of two dockets logging to the
        // same file do not interleave. A log that cannot be written is not worth stopping for.
        if let Ok(mut f) = self.file.lock() {
            let _ = f.write_all(line.as_bytes());
        }
    }

    fn flush(&self) {
        if let Ok(mut f) = self.file.lock() {
            let _ = f.flush();
        }
    }
}

/// One line of the log: the time (RFC 3339, UTC, milliseconds), the level, the module, the
/// message, its control characters escaped so that a line stays one line.
pub fn line(at: jiff::Timestamp, level: log::Level, module: &str, message: &str) -> String {
    format!(
        "{at:.3} {level:<5} {} {}\n",
        escape(module),
        escape(message)
    )
}

/// Opens `path` to append (created 0600; an existing file of ours is narrowed to 0600) and
/// sends every log line there from now on, at level info and above.
pub fn start(path: &Path) -> Result<(), Refused> {
    let file = open(path)?;
    let logger = FileLogger {
        file: Mutex::new(file),
    };
    if LOGGER.set(logger).is_err() {
        return Err(Refused::Twice);
    }
    let logger = LOGGER.get().ok_or(Refused::Twice)?;
    log::set_logger(logger).map_err(|_| Refused::Twice)?;
    log::set_max_level(log::LevelFilter::Info);
    Ok(())
}

/// Whether a log is being written: for the rare message that costs something to make.
pub fn on() -> bool {
    log::max_level() != log::LevelFilter::Off
}

/// The file at `path`, opened to append without following a link, private, and ours.
fn open(path: &Path) -> Result<File, Refused> {
    let io = |e: io::Error| Refused::Io(path.to_path_buf(), e);
    // O_NOFOLLOW guards the last name only; a folder on the way is checked here (the folders
    // a log goes in are the user's own, so what remains is a race in their own folder).
    if path
        .ancestors()
        .skip(1)
        .filter(|a| !a.as_os_str().is_empty())
        .any(|a| fs::symlink_metadata(a).is_ok_and(|m| m.file_type().is_symlink()))
    {
        return Err(Refused::LinkInPath(path.to_path_buf()));
    }
    let file = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| {
            // O_NOFOLLOW's refusal of a link is ELOOP.
            if e.raw_os_error() == Some(libc::ELOOP) {
                Refused::Link(path.to_path_buf())
            } else if e.kind() == io::ErrorKind::IsADirectory {
                Refused::NotAFile(path.to_path_buf())
            } else {
                io(e)
            }
        })?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(Refused::NotAFile(path.to_path_buf()));
    }
    if meta.nlink() > 1 {
        return Err(Refused::HardLinked(path.to_path_buf()));
    }
    // A file someone else made for us to write into (a hard link, one left in /tmp) would let
    // them read it.
    if crate::private::my_uid() != meta.uid() {
        return Err(Refused::NotYours(path.to_path_buf()));
    }
    if meta.mode() & 0o077 != 0 {
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .map_err(io)?;
    }
    Ok(file)
}

/// An io error for a log line: its kind and the system's words.
pub fn io(e: &io::Error) -> String {
    format!("{:?}: {e}", e.kind())
}

/// The name of what a value is, without what it holds: `NotAnEntry` of
/// `NotAnEntry("…")`, for problems whose words may quote a file.
pub fn kind(value: &impl std::fmt::Debug) -> String {
    format!("{value:?}")
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("docket-logfile-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        crate::private::ensure_dir(&d).expect("dir");
        d
    }

    #[test]
    fn a_line_is_time_level_module_message_and_stays_one_line() {
        let at = jiff::Timestamp::from_second(1_795_136_400).expect("time");
        let l = line(at, log::Level::Warn, "docket::store::disk", "a\nb\u{1b}[2J");
        assert_eq!(
            l,
            "2026-11-20T01:00:00.000Z WARN  docket::store::disk a\\u{a}b\\u{1b}[2J\n"
        );
    }

    #[test]
    fn a_kind_leaves_out_what_it_holds() {
        #[derive(Debug)]
        #[allow(dead_code)]
        enum Problem {
            Quoted(String),
            Plain,
        }
        assert_eq!(kind(&Problem::Quoted("王建国".into())), "Quoted");
        assert_eq!(kind(&Problem::Plain), "Plain");
    }

    #[test]
    fn the_file_is_made_private_and_a_planted_link_is_refused() {
        let d = scratch("open");
        let path = d.join("docket.log");
        drop(open(&path).expect("made"));
        assert_eq!(fs::metadata(&path).expect("meta").mode() & 0o777, 0o600);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        drop(open(&path).expect("again"));
        assert_eq!(fs::metadata(&path).expect("meta").mode() & 0o777, 0o600);

        let victim = d.join("victim");
        fs::write(&victim, "theirs").expect("victim");
        let link = d.join("planted.log");
        std::os::unix::fs::symlink(&victim, &link).expect("link");
        assert!(matches!(open(&link), Err(Refused::Link(_))));
        assert_eq!(fs::read_to_string(&victim).expect("victim"), "theirs");
        assert!(matches!(open(&d), Err(Refused::NotAFile(_))));
        let _ = fs::remove_dir_all(&d);
    }
}
