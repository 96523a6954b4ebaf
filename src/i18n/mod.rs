//! Every string docket shows a person, in Chinese and English, one file per area of docket.
//!
//! Here: the pair `S { en, zh }` (a text lacking either language does not compile), the `s!`
//! macro declaring one, the reader's language, and the quoting all areas share. Each area's
//! words are re-exported, so `crate::i18n::NAME` names any of them wherever it lives.
//!
//! Identifiers from files (ids, field names, values) are set in backticks in both languages,
//! and escaped, so nothing a file holds can steer the terminal.

use std::env;

use crate::domain::text::Lang;
use crate::sanitize::escape;

/// A UI string in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct S {
    pub en: &'static str,
    pub zh: &'static str,
}

impl S {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }

    /// The same text, for the hint bar; key help is written short enough for both.
    pub fn short(self, lang: Lang) -> &'static str {
        self.get(lang)
    }
}

// Defined before the areas below, so that each of them can use it.
macro_rules! s {
    ($name:ident, $en:expr, $zh:expr) => {
        pub const $name: $crate::i18n::S = $crate::i18n::S { en: $en, zh: $zh };
    };
}

mod audit;
mod case;
mod cli;
mod diagnostics;
mod keys;
mod meeting;
mod minutes;
mod print;
mod queue;
mod refusal;
mod report;
mod sign;
mod system;
mod verify;

pub use self::audit::discrepancy;
pub use self::case::*;
pub use self::cli::*;
pub use self::diagnostics::*;
pub use self::keys::*;
pub use self::meeting::*;
pub use self::minutes::*;
pub use self::print::*;
pub use self::queue::*;
pub use self::refusal::*;
pub use self::report::*;
pub use self::sign::*;
pub use self::system::*;
pub use self::verify::*;

/// The language from `LC_ALL`, `LC_MESSAGES` or `LANG`, the first that is set (POSIX order).
pub fn lang_from_env() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = env::var(var)
            && !v.is_empty()
        {
            return Lang::from_locale(&v);
        }
    }
    Lang::En
}

/// A text from a file, quoted: at most `EXCERPT` characters of it, so that a message about
/// a file that is not what it should be (a rules path naming /etc/shadow) never shows it.
fn q(s: &str) -> String {
    format!("`{}`", escape(&excerpt(s)))
}

fn list(items: &[impl AsRef<str>], lang: Lang) -> String {
    let sep = match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    };
    items
        .iter()
        .map(|s| escape(s.as_ref()).into_owned())
        .collect::<Vec<_>>()
        .join(sep)
}

pub use crate::text::{EXCERPT, excerpt};

/// A member's name from the panel, or the id itself for one the panel does not name.
pub fn member_name<'a>(panel: &'a crate::domain::panel::Panel, id: &'a str) -> &'a str {
    panel.member(id).map_or(id, |m| m.name.as_str())
}
