//! The settings' `keys:` entries checked against the keymap's table: names that are
//! actions, keys that are keys, and no key the keymap cannot honour; each problem with its
//! line.

use std::collections::HashMap;

use crate::config::{NotKey, Place, SettingsProblem, SettingsWhy, UserKeys};

use super::{Context, Keymap, defaults, normalize};

/// Every context, for the checks that walk the whole table.
const CONTEXTS: [Context; 15] = [
    Context::Queue,
    Context::Case,
    Context::CaseGrounds,
    Context::Vote,
    Context::Roll,
    Context::RollMeeting,
    Context::Help,
    Context::Report,
    Context::Input,
    Context::Form,
    Context::ProposalForm,
    Context::Pick,
    Context::Choose,
    Context::TooSmall,
    Context::Confirm,
];

/// Actions whose keys do not change: the digits pick an item, and only `y` confirms (any
/// other key cancels, so that a stray key changes nothing).
const FIXED: [&str; 3] = ["item", "yes", "no"];

/// Every action name in the table, once, in table order.
pub fn action_names() -> Vec<&'static str> {
    let mut names = Vec::new();
    for ctx in CONTEXTS {
        for b in defaults(ctx) {
            if !names.contains(&b.name) {
                names.push(b.name);
            }
        }
    }
    names
}

/// Each action's keys as `key_name` writes them, each once, leaving out what names no key.
/// An entry whose keys are all wrong is dropped: the defaults stay, rather than an action
/// left with no key at all (`[]`, written so, does unbind it).
pub(super) fn canonical(overrides: HashMap<String, Vec<String>>) -> HashMap<String, Vec<String>> {
    overrides
        .into_iter()
        .filter_map(|(name, written)| {
            let mut keys: Vec<String> = Vec::new();
            for k in written.iter().filter_map(|k| parse_key(k).ok()) {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            (keys.is_empty() == written.is_empty()).then_some((name, keys))
        })
        .collect()
}

/// The named keys of the settings, as `key_name` writes them.
const NAMED: [&str; 15] = [
    "Enter",
    "Esc",
    "Tab",
    "BackTab",
    "Space",
    "Up",
    "Down",
    "Left",
    "Right",
    "Home",
    "End",
    "PageUp",
    "PageDown",
    "Backspace",
    "Delete",
];

/// Names other programs give keys, and docket's own.
const ALIASES: [(&str, &str); 8] = [
    ("escape", "Esc"),
    ("return", "Enter"),
    ("pgup", "PageUp"),
    ("pgdn", "PageDown"),
    ("del", "Delete"),
    ("bs", "Backspace"),
    ("shift-tab", "BackTab"),
    ("s-tab", "BackTab"),
];

/// The key a settings entry names, as `key_name` writes it (names in any case, full-width
/// punctuation as its ASCII key); or why it names none.
pub fn parse_key(written: &str) -> Result<String, NotKey> {
    let mut chars = written.chars();
    match (chars.next(), chars.next()) {
        (None, _) => return Err(NotKey::Empty),
        (Some(' '), None) => return Ok("Space".into()),
        (Some(c), None) if !c.is_control() => return Ok(normalize(written)),
        (Some(_), None) => return Err(NotKey::Unknown { near: None }),
        _ => {}
    }
    if let Some(n) = NAMED.iter().find(|n| n.eq_ignore_ascii_case(written)) {
        return Ok(n.to_string());
    }
    let lower = written.to_lowercase();
    if let Some(rest) = lower.strip_prefix("ctrl-") {
        let mut r = rest.chars();
        return match (r.next(), r.next()) {
            (Some('c'), None) => Err(NotKey::CtrlC),
            (Some(c), None) if c.is_ascii_lowercase() => Ok(format!("Ctrl-{c}")),
            _ => Err(NotKey::CtrlNotLetter),
        };
    }
    // `Ctrl+d`, `C-d`, `^D`: the Ctrl key as other programs write it.
    for p in ["ctrl+", "ctrl ", "control-", "control+", "c-", "^"] {
        if let Some(rest) = lower.strip_prefix(p)
            && rest.len() == 1
            && rest.chars().all(|c| c.is_ascii_lowercase())
        {
            return Err(NotKey::Unknown {
                near: Some(format!("Ctrl-{rest}")),
            });
        }
    }
    let near = ALIASES
        .iter()
        .find(|(a, _)| *a == lower)
        .map(|(_, n)| *n)
        .or_else(|| closest(&lower, NAMED.iter().copied(), true));
    Err(NotKey::Unknown {
        near: near.map(str::to_string),
    })
}

/// The candidate nearest `word` within two edits (a slip of the keyboard, a British
/// spelling), if any; the first of equals.
fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
    fold_case: bool,
) -> Option<&'a str> {
    let fold = |s: &str| {
        if fold_case {
            s.to_lowercase()
        } else {
            s.to_string()
        }
    };
    let word: Vec<char> = fold(word).chars().collect();
    candidates
        .map(|c| (edits(&word, &fold(c).chars().collect::<Vec<_>>()), c))
        .filter(|(d, _)| *d <= 2 && *d < word.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance: insertions, deletions and substitutions.
fn edits(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// A context as a person names it; `None` for the confirmation, where only `y` acts.
fn place(ctx: Context) -> Option<Place> {
    Some(match ctx {
        Context::Queue => Place::Queue,
        Context::Case | Context::CaseGrounds => Place::Case,
        Context::Vote => Place::Vote,
        Context::Roll | Context::RollMeeting => Place::RollCall,
        Context::Help => Place::Help,
        Context::Report => Place::Report,
        Context::Input | Context::Form | Context::ProposalForm => Place::TextField,
        Context::Pick | Context::Choose => Place::List,
        Context::TooSmall => Place::TooSmall,
        Context::Confirm => return None,
    })
}

/// Whether a text field takes `key` as typing (see [`Keymap::action`]).
fn typed(key: &str) -> bool {
    key.chars().count() == 1
        || matches!(
            key,
            "Space" | "Backspace" | "Delete" | "Left" | "Right" | "Home" | "End"
        )
}

/// The user's `keys:` entries checked against the table: each name an action that can be
/// rebound, each key a key, and no key the keymap cannot honour (bound to two actions in one
/// place, or typed in a text field). Returns the overrides in force (good names, keys as
/// `key_name` writes them) and every problem, in the file's order.
pub fn check(user: &UserKeys) -> (HashMap<String, Vec<String>>, Vec<SettingsProblem>) {
    let names = action_names();
    let mut problems = user.problems.clone();
    let at = |line, col, why| SettingsProblem {
        path: user.path.clone(),
        line,
        col,
        why,
    };
    let mut overrides: HashMap<String, Vec<String>> = HashMap::new();
    for e in &user.entries {
        if !names.contains(&e.action.as_str()) {
            let near = closest(&e.action, names.iter().copied(), false);
            let why = SettingsWhy::UnknownAction {
                name: e.action.clone(),
                near,
            };
            problems.push(at(e.line, e.col, why));
            continue;
        }
        if FIXED.contains(&e.action.as_str()) {
            problems.push(at(e.line, e.col, SettingsWhy::Fixed(e.action.clone())));
            continue;
        }
        for k in &e.keys {
            if let Err(why) = parse_key(&k.key) {
                let key = k.key.clone();
                problems.push(at(k.line, k.col, SettingsWhy::NotAKey { key, why }));
            }
        }
        let written: Vec<String> = e.keys.iter().map(|k| k.key.clone()).collect();
        overrides.insert(e.action.clone(), written);
    }
    // Where the user wrote `key` for `name` (the last entry of that name is the one in force).
    let written = |name: &str, key: &str| -> (u32, u32) {
        let Some(e) = user.entries.iter().rev().find(|e| e.action == name) else {
            return (0, 0);
        };
        e.keys
            .iter()
            .find(|k| parse_key(&k.key).as_deref() == Ok(key))
            .map_or((e.line, e.col), |k| (k.line, k.col))
    };
    let km = Keymap::new(overrides);
    let overrides = km.overrides.clone();
    let mut found: Vec<SettingsProblem> = Vec::new();
    for ctx in CONTEXTS {
        let Some(place) = place(ctx) else { continue };
        let bindings = km.bindings(ctx);
        for (i, first) in bindings.iter().enumerate() {
            let mine = overrides.contains_key(first.name);
            for later in &bindings[i + 1..] {
                let theirs = overrides.contains_key(later.name);
                if first.action == later.action || first.name == later.name || !(mine || theirs) {
                    continue;
                }
                for key in later.keys.iter().filter(|k| first.keys.contains(k)) {
                    let (line, col) = written(if theirs { later.name } else { first.name }, key);
                    let why = SettingsWhy::Clash {
                        key: key.clone(),
                        place,
                        wins: first.name.into(),
                        loses: later.name.into(),
                    };
                    found.push(at(line, col, why));
                }
            }
            if !mine {
                continue;
            }
            for key in &first.keys {
                let (line, col) = written(first.name, key);
                let why = if matches!(ctx, Context::Case | Context::CaseGrounds)
                    && matches!(key.as_bytes(), [b'1'..=b'9'])
                {
                    // The digits pick an item only when no binding takes them first.
                    SettingsWhy::Clash {
                        key: key.clone(),
                        place,
                        wins: first.name.into(),
                        loses: "item".into(),
                    }
                } else if place == Place::TextField && typed(key) {
                    SettingsWhy::Typed {
                        key: key.clone(),
                        action: first.name.into(),
                    }
                } else {
                    continue;
                };
                found.push(at(line, col, why));
            }
        }
    }
    // One report per clash, in the first place it shows: `down` on `k` clashes with `up` in
    // the queue, a case, a vote, the lists and the report alike.
    for p in found {
        let same = |q: &SettingsProblem| match (&p.why, &q.why) {
            (
                SettingsWhy::Clash {
                    key, wins, loses, ..
                },
                SettingsWhy::Clash {
                    key: k,
                    wins: w,
                    loses: l,
                    ..
                },
            ) => (p.line, p.col, key, wins, loses) == (q.line, q.col, k, w, l),
            _ => p == *q,
        };
        if !problems.iter().any(same) {
            problems.push(p);
        }
    }
    problems.sort_by_key(|p| (p.line, p.col));
    (overrides, problems)
}
