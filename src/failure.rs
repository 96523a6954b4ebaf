//! What docket was doing when the system failed it: an `io::Error` tagged with the terminal
//! or the file concerned, so that `main` can say so in one language and exit with code 3.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// What failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// The terminal could not be set up (raw mode, alternate screen, signals).
    StartTerminal,
    /// The terminal failed while docket was running in it.
    Terminal,
    /// A file or folder could not be read.
    Read(PathBuf),
    /// A file or folder could not be written.
    Write(PathBuf),
}

/// An `io::Error` and what docket was doing when it came.
#[derive(Debug)]
pub struct Failed {
    pub what: What,
    pub source: io::Error,
}

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.what, self.source)
    }
}

impl std::error::Error for Failed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Tags an error with what failed, keeping its kind; for `map_err`. An error tagged already
/// keeps its first, more precise tag.
pub fn tag(what: What) -> impl FnOnce(io::Error) -> io::Error {
    move |source| {
        if failed(&source).is_some() {
            return source;
        }
        io::Error::new(source.kind(), Failed { what, source })
    }
}

/// What failed, when the error was tagged.
pub fn failed(e: &io::Error) -> Option<&Failed> {
    e.get_ref().and_then(|inner| inner.downcast_ref::<Failed>())
}

/// The exit code for an operating-system failure (terminal, file, output).
pub const EXIT_FAILED: u8 = 3;
