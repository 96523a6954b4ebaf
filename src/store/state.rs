//! The working state of a panel's queue, between meetings: the next meeting's agenda in
//! order, cases held back, cases whose materials are incomplete. Written by docket as
//! `state.yaml` in the panel folder, never into the case files.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::disk::Disk;

pub const STATE_FILE: &str = "state.yaml";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueState {
    #[serde(default = "schema")]
    pub schema: u32,
    /// Case ids of the next meeting's agenda, in order.
    #[serde(default)]
    pub agenda: Vec<String>,
    /// Cases held back from meetings (暂不上会), with why.
    #[serde(default)]
    pub held: Vec<Note>,
    /// Cases whose materials are incomplete (材料待补), with what is missing.
    #[serde(default)]
    pub incomplete: Vec<Note>,
}

fn schema() -> u32 {
    1
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub case: String,
    pub note: String,
    pub at: String,
}

impl QueueState {
    pub fn on_agenda(&self, case: &str) -> Option<usize> {
        self.agenda.iter().position(|c| c == case)
    }

    pub fn held(&self, case: &str) -> Option<&Note> {
        self.held.iter().find(|n| n.case == case)
    }

    pub fn incomplete(&self, case: &str) -> Option<&Note> {
        self.incomplete.iter().find(|n| n.case == case)
    }
}

pub fn path_for(dir: &Path) -> PathBuf {
    dir.join(STATE_FILE)
}

/// The state on disk; a missing file is an empty state, a broken one an error with its place
/// (the file is then left alone, never written over).
pub fn read(dir: &Path) -> Result<QueueState, StateError> {
    let path = path_for(dir);
    if !path.exists() {
        return Ok(QueueState {
            schema: 1,
            ..QueueState::default()
        });
    }
    let text = super::read::read_text(&path).map_err(|e| StateError {
        path: path.clone(),
        line: e.line,
        col: e.col,
        why: StateWhy::Read(e.msg),
    })?;
    super::yaml::from_str(&text).map_err(|e| StateError {
        path: path.clone(),
        line: e.line,
        col: e.col,
        why: match e.why {
            super::yaml::YamlWhy::Parser(m) => StateWhy::Yaml(m),
            super::yaml::YamlWhy::Limit(m) => StateWhy::Read(m),
        },
    })
}

/// Why the working state could not be read, and where; worded in `i18n::state_error`.
#[derive(Clone, Debug, PartialEq)]
pub struct StateError {
    pub path: std::path::PathBuf,
    pub line: u32,
    pub col: u32,
    pub why: StateWhy,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StateWhy {
    /// Missing, unreadable, too large or not text.
    Read(crate::diag::Msg),
    /// Not the working state's YAML: the parser's message.
    Yaml(String),
}

pub fn write(disk: &mut dyn Disk, dir: &Path, state: &QueueState) -> std::io::Result<()> {
    let text = super::yaml::to_string(state).map_err(super::yaml::YamlError::into_io)?;
    disk.replace(&path_for(dir), text.as_bytes())
}
