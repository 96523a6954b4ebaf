//! Files: reading panels, rules and cases with located problems. The only room that touches
//! the file system or a YAML parser.

pub mod addendum;
pub mod cache;
pub mod case_file;
pub mod cases;
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

/// A file's name as the ledger and the signatures name it (lossy for a name that is not
/// UTF-8, which docket never writes).
pub fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The account running docket: its uid and, when the account database knows it, its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub uid: u32,
    pub name: Option<String>,
}

/// The account running docket: the process's real uid, and its name from the system's account
/// database (getpwuid_r, which also asks LDAP or SSSD where the system does). Never from
/// `$USER` or `$LOGNAME`, which whoever starts docket can set to anything.
pub fn current_account() -> Account {
    let uid = nix::unistd::getuid().as_raw();
    Account {
        uid,
        name: account_name(uid),
    }
}

/// The system user running docket, for the finalization and addenda: the account's name, else
/// `uid N`.
pub fn system_user() -> String {
    let account = current_account();
    account
        .name
        .unwrap_or_else(|| format!("uid {}", account.uid))
}

/// The name of account `uid` in the system's account database (getpwuid_r).
pub fn account_name(uid: u32) -> Option<String> {
    let user = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid));
    user.ok().flatten().map(|u| u.name)
}

/// The uid of account `name` in the system's account database (getpwnam_r); a name of digits
/// that no account has is taken as the uid itself, as chown does.
pub fn account_uid(name: &str) -> Option<u32> {
    match nix::unistd::User::from_name(name) {
        Ok(Some(user)) => Some(user.uid.as_raw()),
        _ if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) => name.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `id` with `args`, when it answers.
    fn id(args: &[&str]) -> Option<String> {
        let out = std::process::Command::new("id").args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    #[test]
    fn the_current_account_is_the_process_uid_and_its_name() {
        let account = current_account();
        if let Some(uid) = id(&["-ru"]) {
            assert_eq!(account.uid.to_string(), uid);
        }
        if let Some(name) = id(&["-run"]) {
            assert_eq!(account.name.as_deref(), Some(name.as_str()));
            assert_eq!(system_user(), name);
        }
    }

    #[test]
    fn names_and_uids_come_from_the_account_database() {
        assert_eq!(account_name(0).as_deref(), Some("root"));
        assert_eq!(account_uid("root"), Some(0));
        if let (Some(name), Some(uid)) = (id(&["-un"]), id(&["-u"])) {
            assert_eq!(account_uid(&name).map(|u| u.to_string()), Some(uid));
        }
        assert_eq!(account_uid("0"), Some(0));
        assert_eq!(account_uid("54321"), Some(54321));
        assert_eq!(account_uid("no-such-account-dkt"), None);
        assert_eq!(account_uid(""), None);
        assert_eq!(account_uid("+5"), None);
        assert_eq!(account_uid("a\0b"), None);
        assert_eq!(account_name(4_000_000_000), None);
    }
}
