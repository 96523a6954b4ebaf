//! Files: reading panels, rules and cases with located problems. The only room that touches
//! the file system or a YAML parser.

pub mod addendum;
pub mod cache;
pub mod decode;
pub mod disk;
pub mod journal;
pub mod ledger;
pub mod minutes;
pub mod panel;
pub mod read;
pub mod rules;
pub mod seal;
pub mod state;
pub mod tree;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::diag::{Msg, Report, Severity};
use tree::{FileId, Node, Pos};

/// The files read so far and the problems found in them.
#[derive(Default)]
pub struct Ctx {
    sources: Vec<PathBuf>,
    pub report: Report,
    /// Folders a rules file may come from: the panel folder and the settings' `rules_dirs`.
    /// Empty: the folder the first rules file is named from.
    pub rules_roots: Vec<PathBuf>,
}

impl Ctx {
    pub fn source(&mut self, path: &Path) -> FileId {
        self.sources.push(path.to_path_buf());
        FileId::try_from(self.sources.len() - 1).unwrap_or(FileId::MAX)
    }

    pub fn path(&self, file: FileId) -> &Path {
        self.sources
            .get(file as usize)
            .map_or(Path::new("?"), PathBuf::as_path)
    }

    pub fn at(&mut self, severity: Severity, pos: Pos, msg: Msg) {
        let path = self.path(pos.file).to_path_buf();
        self.report.push(severity, &path, pos.line, pos.col, msg);
    }

    pub fn error(&mut self, pos: Pos, msg: Msg) {
        self.at(Severity::Error, pos, msg);
    }

    pub fn warn(&mut self, pos: Pos, msg: Msg) {
        self.at(Severity::Warning, pos, msg);
    }

    /// A problem with a whole file, placed at its start.
    pub fn file_error(&mut self, path: &Path, msg: Msg) {
        self.report.push(Severity::Error, path, 1, 1, msg);
    }

    /// Reads and parses `path`; `None` after reporting why not.
    pub fn parse_file(&mut self, path: &Path) -> Option<Node> {
        match read::read_text(path) {
            Ok(text) => self.parse_text(path, &text),
            Err(e) => {
                self.report
                    .push(Severity::Error, path, e.line, e.col, e.msg);
                None
            }
        }
    }

    /// Parses `text` shown as coming from `path`; an empty document is an error.
    pub fn parse_text(&mut self, path: &Path, text: &str) -> Option<Node> {
        let file = self.source(path);
        let mut problems = Vec::new();
        let result = tree::parse(text, file, &mut problems);
        for p in problems {
            self.at(p.severity, p.pos, p.msg);
        }
        match result {
            Ok(Some(node)) => Some(node),
            Ok(None) => {
                self.file_error(path, Msg::Empty);
                None
            }
            Err(p) => {
                self.at(p.severity, p.pos, p.msg);
                None
            }
        }
    }
}

/// The uid docket runs as.
pub fn current_uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map_or(u32::MAX, |m| m.uid())
}

/// The system user running docket, for the finalization: the name /etc/passwd gives the
/// process's uid, else `$USER` or `$LOGNAME`, else the uid itself.
pub fn system_user() -> String {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).ok();
    if let (Some(uid), Ok(passwd)) = (uid, std::fs::read_to_string("/etc/passwd")) {
        for line in passwd.lines() {
            let f: Vec<&str> = line.split(':').collect();
            if f.len() > 2 && f[2].parse::<u32>().ok() == Some(uid) {
                return f[0].to_string();
            }
        }
    }
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| uid.map_or_else(|| "unknown".into(), |u| format!("uid {u}")))
}
