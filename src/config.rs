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

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// The same fields, each optional, as a user's file may give them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Partial {
    language: Option<String>,
    ascii: Option<bool>,
    keys: Option<BTreeMap<String, Vec<String>>>,
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

impl Settings {
    pub fn defaults() -> Settings {
        yaml::from_str(DEFAULTS).unwrap_or_default()
    }

    /// The defaults with the user's file laid over them. A broken user file is reported and
    /// ignored, never fatal: the meeting must go on.
    pub fn load() -> (Settings, Option<SettingsError>) {
        let mut s = Settings::defaults();
        let Some(p) = path() else { return (s, None) };
        let Ok(text) = crate::store::read::read_text(&p) else {
            return (s, None);
        };
        match yaml::from_str::<Partial>(&text) {
            Ok(user) => {
                if let Some(l) = user.language {
                    s.language = l;
                }
                if let Some(a) = user.ascii {
                    s.ascii = a;
                }
                if let Some(k) = user.keys {
                    s.keys.extend(k);
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
