//! User settings: the defaults embedded from config/settings.yaml, overridden by the user's
//! own file found with `directories`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::Report;
use crate::domain::panel::Panel;
use crate::domain::text::Lang;
use crate::store::cache::CacheAt;
use crate::store::panel::{self, Loaded};
use crate::store::yaml;

pub const DEFAULTS: &str = include_str!("../config/settings.yaml");

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub ascii: bool,
    #[serde(default)]
    pub keys: BTreeMap<String, Vec<String>>,
    /// Folders rules files may come from besides the panel folder: a county's rules shared by
    /// its panels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules_dirs: Vec<PathBuf>,
    /// The user's `keys:` entries with their places, for `tui::keymap::check`.
    #[serde(skip)]
    pub user_keys: UserKeys,
}

/// The same fields, each optional, as a user's file may give them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Partial {
    language: Option<String>,
    ascii: Option<bool>,
    // Read again with the tree reader (`read_keys`), which keeps each entry's line: a broken
    // entry is reported there and the rest of the file still applies.
    keys: Option<serde::de::IgnoredAny>,
    rules_dirs: Option<Vec<PathBuf>>,
}

/// Where the user's settings file lives (whether or not it exists).
pub fn path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "docket").map(|d| d.config_dir().join("settings.yaml"))
}

/// Where docket may keep scratch files (the text handed to an editor).
pub fn cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "docket").map(|d| d.cache_dir().to_path_buf())
}

/// The user's editor as git finds it: `$VISUAL`, else `$EDITOR`, when not blank.
pub fn editor() -> Option<String> {
    pick_editor(
        std::env::var("VISUAL").ok().as_deref(),
        std::env::var("EDITOR").ok().as_deref(),
    )
}

/// `visual`, else `editor`, leaving out blank ones.
pub fn pick_editor(visual: Option<&str>, editor: Option<&str>) -> Option<String> {
    [visual, editor]
        .into_iter()
        .flatten()
        .find(|e| !e.trim().is_empty())
        .map(str::to_string)
}

/// The command that runs `editor` (see [`editor`]) on `path`, as git runs it: the shell
/// reads the editor's text, so `code --wait` and `"/opt/my editor/bin/ed" -w` both work, and
/// the file is passed as an argument, never spliced into that text. Without one: nano, else
/// vi.
pub fn editor_command(editor: Option<&str>, path: &Path) -> std::process::Command {
    let mut c = std::process::Command::new("sh");
    match editor {
        Some(e) => c.arg("-c").arg(format!("{e} \"$@\"")).arg(e),
        None => c
            .arg("-c")
            .arg(
                r#"if command -v nano >/dev/null 2>&1; then exec nano "$@"; else exec vi "$@"; fi"#,
            )
            .arg("sh"),
    };
    c.arg(path);
    c
}

/// The cache of read panels in the user's cache folder, when there is one.
pub fn panel_cache() -> Option<crate::store::cache::CacheAt> {
    cache_dir().map(|d| crate::store::cache::CacheAt::under(&d))
}

/// A panel folder loaded with the settings' rules folders: what `docket check` reads.
pub fn load_panel(dir: &Path) -> Loaded {
    panel::load(dir, &rules_dirs())
}

/// A panel folder loaded with the settings' rules folders, unchanged cases from `cache`.
pub fn load_panel_with(dir: &Path, cache: Option<&CacheAt>) -> Loaded {
    panel::load_with(dir, &rules_dirs(), cache)
}

/// panel.yaml and its rules alone, with the settings' rules folders.
pub fn load_panel_only(dir: &Path) -> (Option<Panel>, Report) {
    panel::load_panel_only(dir, &rules_dirs())
}

/// The folders the settings allow rules files from, read afresh as each panel is loaded.
fn rules_dirs() -> Vec<PathBuf> {
    Settings::load().0.rules_dirs
}

/// The user's settings file refused, and where; worded in `i18n::settings_error`.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsError {
    pub path: PathBuf,
    pub line: u32,
    pub col: u32,
    pub why: crate::store::yaml::YamlWhy,
}

/// The user's `keys:` map as written: each entry with its place, for the keymap to check
/// (`tui::keymap::check`), and what was wrong with the map's shape.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserKeys {
    pub path: PathBuf,
    pub entries: Vec<KeyEntry>,
    pub problems: Vec<SettingsProblem>,
}

/// One action's keys as the user wrote them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyEntry {
    pub action: String,
    pub line: u32,
    pub col: u32,
    pub keys: Vec<KeyAt>,
}

/// One key as written, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyAt {
    pub key: String,
    pub line: u32,
    pub col: u32,
}

/// An entry of the user's settings that docket cannot honour, and where. Never fatal: the
/// rest of the settings apply. Worded in `i18n::settings_problem`.
#[derive(Clone, Debug, PartialEq)]
pub struct SettingsProblem {
    pub path: PathBuf,
    pub line: u32,
    pub col: u32,
    pub why: SettingsWhy,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SettingsWhy {
    /// What the YAML reader found: a duplicate key, a control character.
    Yaml(crate::diag::Msg),
    /// `keys:` is not a mapping from action names to keys.
    KeysNotMap,
    /// An action's value is neither a list of keys nor one key.
    NotKeys(String),
    UnknownAction {
        name: String,
        near: Option<&'static str>,
    },
    /// An action whose keys cannot change: `item` (1-9), `yes` and `no` (only y confirms).
    Fixed(String),
    NotAKey {
        key: String,
        why: NotKey,
    },
    /// `key` bound to two actions in `place`: the first in the table acts, `wins`.
    Clash {
        key: String,
        place: Place,
        wins: String,
        loses: String,
    },
    /// A key a text field takes as typing: `action` never hears it there.
    Typed {
        key: String,
        action: String,
    },
}

/// Why a key's name names no key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotKey {
    Empty,
    /// `Ctrl-` and something other than one letter.
    CtrlNotLetter,
    /// Ctrl-c always quits docket.
    CtrlC,
    /// No key of that name; `near` a name it may have meant.
    Unknown {
        near: Option<String>,
    },
}

/// Where in docket a key clashes: the keymap's contexts, as a person names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Queue,
    Case,
    Vote,
    RollCall,
    Help,
    Report,
    TextField,
    List,
    TooSmall,
}

/// The `keys:` map of a settings file read with the store's tree reader, so that every
/// entry keeps its line; entries of the wrong shape are reported and left out.
fn read_keys(text: &str, path: &Path) -> UserKeys {
    use crate::store::tree::{self, Node, Value};
    let mut out = UserKeys {
        path: path.to_path_buf(),
        ..UserKeys::default()
    };
    let problem = |n: &Node, why| SettingsProblem {
        path: path.to_path_buf(),
        line: n.pos.line,
        col: n.pos.col,
        why,
    };
    let mut found = Vec::new();
    let root = tree::parse(text, 0, &mut found).unwrap_or_else(|p| {
        found.push(p);
        None
    });
    out.problems
        .extend(found.into_iter().map(|p| SettingsProblem {
            path: path.to_path_buf(),
            line: p.pos.line,
            col: p.pos.col,
            why: SettingsWhy::Yaml(p.msg),
        }));
    let Some(keys) = root.as_ref().and_then(|r| r.get("keys")) else {
        return out;
    };
    let Some(map) = keys.map() else {
        if !keys.is_null() {
            out.problems.push(problem(keys, SettingsWhy::KeysNotMap));
        }
        return out;
    };
    for (name, value) in map {
        let Some(action) = name.scalar() else {
            out.problems.push(problem(
                name,
                SettingsWhy::Yaml(crate::diag::Msg::ComplexKey),
            ));
            continue;
        };
        let at = |n: &Node| {
            n.scalar().map(|k| KeyAt {
                key: k.to_string(),
                line: n.pos.line,
                col: n.pos.col,
            })
        };
        // One key may be written alone, without the brackets of a list.
        let keys: Option<Vec<KeyAt>> = match &value.value {
            Value::Scalar { .. } => at(value).map(|k| vec![k]),
            Value::Seq(items) => items.iter().map(at).collect(),
            Value::Null | Value::Map(_) => None,
        };
        match keys {
            Some(keys) => out.entries.push(KeyEntry {
                action: action.to_string(),
                line: name.pos.line,
                col: name.pos.col,
                keys,
            }),
            None => out
                .problems
                .push(problem(value, SettingsWhy::NotKeys(action.to_string()))),
        }
    }
    out
}

impl Settings {
    pub fn defaults() -> Settings {
        yaml::from_str(DEFAULTS).unwrap_or_default()
    }

    /// The defaults with the user's file laid over them. A broken user file is reported and
    /// ignored, never fatal: the meeting must go on.
    pub fn load() -> (Settings, Option<SettingsError>) {
        match path() {
            Some(p) => Settings::load_from(&p),
            None => (Settings::defaults(), None),
        }
    }

    /// The defaults with the settings file at `p` laid over them (see [`Settings::load`]).
    pub fn load_from(p: &Path) -> (Settings, Option<SettingsError>) {
        let mut s = Settings::defaults();
        let p = p.to_path_buf();
        let text = match crate::store::read::read_text(&p) {
            Ok(text) => text,
            // No settings file is the usual case, not a problem.
            Err(e) if e.msg == crate::diag::Msg::NotFound => return (s, None),
            // One that cannot be read (not UTF-8, too large, a folder, no permission) is said,
            // as a broken one is: the user meant something by it.
            Err(e) => {
                let why = crate::store::yaml::YamlWhy::Limit(e.msg);
                let (line, col) = (e.line, e.col);
                return (
                    s,
                    Some(SettingsError {
                        path: p,
                        line,
                        col,
                        why,
                    }),
                );
            }
        };
        match yaml::from_str::<Partial>(&text) {
            Ok(user) => {
                if let Some(l) = user.language {
                    s.language = l;
                }
                if let Some(a) = user.ascii {
                    s.ascii = a;
                }
                if user.keys.is_some() {
                    s.user_keys = read_keys(&text, &p);
                    s.keys.extend(s.user_keys.entries.iter().map(|e| {
                        let keys = e.keys.iter().map(|k| k.key.clone()).collect();
                        (e.action.clone(), keys)
                    }));
                }
                if let Some(d) = user.rules_dirs {
                    s.rules_dirs = d;
                }
                (s, None)
            }
            Err(e) => (
                s,
                Some(SettingsError {
                    path: p,
                    line: e.line,
                    col: e.col,
                    why: e.why,
                }),
            ),
        }
    }

    pub fn lang(&self) -> Option<Lang> {
        Lang::parse(&self.language)
    }

    pub fn to_yaml(&self) -> String {
        yaml::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_defaults_parse() {
        let s = Settings::defaults();
        assert_eq!(s.language, "");
        assert!(!s.ascii);
        assert!(s.keys.is_empty());
        assert_eq!(
            s,
            yaml::from_str::<Settings>(DEFAULTS).expect("defaults parse")
        );
    }
}
