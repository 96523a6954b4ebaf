//! Keys to actions, per context. The table is the single source: `?` help is generated from
//! it, and the user's settings can rebind any action by name (checked in `check`).
//!
//! Kept whole: the table, the names of keys and their parsing are one vocabulary, which the
//! help, the hint bar and the settings all read.

use std::collections::HashMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::rules::Opinion;
use crate::domain::text::Lang;
use crate::i18n::{self, S};

use super::app::Action;

mod check;

pub use check::{action_names, check, parse_key};

/// Where a keystroke lands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Queue,
    Case,
    /// The case screen of a kind without distinctions.
    CaseGrounds,
    Vote,
    Roll,
    /// The roll call retaken during a meeting.
    RollMeeting,
    Help,
    /// The report screen.
    Report,
    Input,
    Form,
    /// The proposal's form: an outcome chosen from a list, and its basis.
    ProposalForm,
    Pick,
    /// Marking several in a list (who agrees to reconsider).
    Choose,
    /// The terminal is below the minimum size: only leaving acts.
    TooSmall,
    Confirm,
}

/// One binding: the action's name (for settings), the keys, the action, and its help text.
pub struct Binding {
    pub name: &'static str,
    pub keys: Vec<String>,
    pub action: Action,
    pub help: S,
    /// Shown in the one-line hint bar.
    pub hint: bool,
}

fn b(name: &'static str, keys: &[&str], action: Action, help: S, hint: bool) -> Binding {
    Binding {
        name,
        keys: keys.iter().map(|k| k.to_string()).collect(),
        action,
        help,
        hint,
    }
}

/// The default bindings of a context, in help order; the hint bar shows the first of those
/// marked `hint` that fit, so the most used come first.
pub fn defaults(ctx: Context) -> Vec<Binding> {
    use Action as A;
    use i18n::*;
    let nav = || {
        vec![
            b("down", &["j", "Down"], A::Down, K_DOWN, false),
            b("up", &["k", "Up"], A::Up, K_UP, false),
        ]
    };
    let common = || {
        vec![
            b("lang", &["L"], A::SwitchLang, K_LANG, false),
            b("help", &["?"], A::Help, K_HELP, true),
        ]
    };
    // What every text field takes: accept, cancel, the editor, empty it.
    let text = || {
        vec![
            b("accept", &["Enter"], A::Enter, K_ACCEPT, true),
            b("cancel", &["Esc"], A::Back, K_CANCEL, true),
            b("editor", &["Ctrl-e"], A::Editor, K_EDITOR, true),
            b(
                "clear_field",
                &["Ctrl-u"],
                A::ClearField,
                K_CLEAR_FIELD,
                false,
            ),
        ]
    };
    // The case screen; `grounds` for kinds without distinctions (adjustment).
    let case = |grounds: bool| {
        let mut v = vec![b("part", &["Tab"], A::Tab, K_PART, true)];
        if !grounds {
            v.extend([
                b("tolerable", &["h", "Left"], A::Left, K_TOLERABLE, true),
                b(
                    "not_tolerable",
                    &["l", "Right"],
                    A::Right,
                    K_NOT_TOLERABLE,
                    true,
                ),
            ]);
        }
        v.extend([
            b("vote", &["v"], A::Vote, K_VOTE, true),
            b("vote_method", &["V"], A::VoteMethod, K_VOTE_METHOD, false),
            b("meeting", &["m"], A::Meeting, K_MEETING, false),
            b("determine", &["D"], A::Determine, K_DETERMINE, true),
            b("proposal", &["p"], A::Proposal, K_PROPOSAL, true),
            b(
                "item",
                &["1-9"],
                A::Item(0),
                if grounds { K_ITEM_GROUND } else { K_ITEM },
                true,
            ),
            b("back", &["Esc", "q"], A::Back, K_BACK, true),
            b("part_back", &["BackTab"], A::BackTab, K_PART_BACK, false),
            b("down", &["j", "Down"], A::Down, K_CASE_DOWN, false),
            b("up", &["k", "Up"], A::Up, K_CASE_UP, false),
        ]);
        if !grounds {
            v.extend([
                b("clear", &["Space"], A::Toggle, K_CLEAR, false),
                b("basis", &["b"], A::Basis, K_BASIS, false),
            ]);
        }
        v.extend([
            b("recuse", &["r"], A::Recuse, K_RECUSE, false),
            b("presenter", &["P"], A::Presenter, K_PRESENTER, false),
            b("close_round", &["Enter"], A::Enter, K_CLOSE_ROUND, false),
            b("void", &["X"], A::Void, K_VOID, false),
            b("reconsider", &["R"], A::Reconsider, K_RECONSIDER, true),
            b("next_agenda", &["]"], A::NextAgenda, K_NEXT_AGENDA, false),
            b("prev_agenda", &["["], A::PrevAgenda, K_PREV_AGENDA, false),
        ]);
        v
    };
    let roll = |in_meeting: bool| {
        let mut v = vec![if in_meeting {
            b("open_meeting", &["Enter"], A::Enter, K_APPLY_ROLL, true)
        } else {
            b("open_meeting", &["Enter"], A::Enter, K_OPEN_MEETING, true)
        }];
        v.extend(nav());
        v.extend([
            b("present", &["Space"], A::Toggle, K_PRESENT, true),
            b("reason", &["r"], A::AbsenceReason, K_REASON, true),
            b("attendee", &["a"], A::AddAttendee, K_ATTENDEE, true),
            b("acting_chair", &["c"], A::ActingChair, K_ACTING, true),
        ]);
        if !in_meeting {
            v.extend([
                b("method_next", &["l", "Right"], A::Right, K_METHOD, true),
                b("method_prev", &["h", "Left"], A::Left, K_METHOD_PREV, false),
            ]);
        }
        v.push(b("back", &["Esc", "q"], A::Back, K_BACK, true));
        v
    };
    let mut v = match ctx {
        Context::Queue => {
            let mut v = nav();
            v.extend([
                b("open", &["Enter"], A::Enter, K_OPEN, true),
                b("search", &["/"], A::Search, K_SEARCH, true),
                b("meeting", &["m"], A::Meeting, K_MEETING, true),
                b("finalize", &["F"], A::Finalize, K_FINALIZE, true),
                b("quit", &["q"], A::Quit, K_QUIT, true),
                b("top", &["g", "Home"], A::Top, K_TOP, false),
                b("bottom", &["G", "End"], A::Bottom, K_BOTTOM, false),
                b(
                    "page_down",
                    &["Ctrl-d", "PageDown"],
                    A::PageDown,
                    K_PAGE_DOWN,
                    false,
                ),
                b(
                    "page_up",
                    &["Ctrl-u", "PageUp"],
                    A::PageUp,
                    K_PAGE_UP,
                    false,
                ),
                b("search_next", &["n"], A::SearchNext, K_SEARCH_NEXT, false),
                b("search_prev", &["N"], A::SearchPrev, K_SEARCH_PREV, false),
                b("agenda", &["a"], A::ToggleAgenda, K_AGENDA, true),
                b("agenda_down", &["J"], A::AgendaDown, K_AGENDA_DOWN, false),
                b("agenda_up", &["K"], A::AgendaUp, K_AGENDA_UP, false),
                b("hold", &["x"], A::Hold, K_HOLD, false),
                b("incomplete", &["i"], A::Incomplete, K_INCOMPLETE, false),
                b("filter", &["f"], A::CycleFilter, K_FILTER, true),
                b("narrow", &["&"], A::Narrow, K_NARROW, true),
                b("sort", &["s"], A::CycleSort, K_SORT, false),
                b("undo", &["u"], A::Undo, K_UNDO, false),
                b("order_agenda", &["o"], A::OrderAgenda, K_ORDER, false),
                b("new_case", &["+"], A::NewCase, K_NEW_CASE, false),
                b("edit_case", &["e"], A::EditCase, K_EDIT_CASE, false),
                b("correct", &["C"], A::Correct, K_CORRECT, false),
                b("report", &["R"], A::Report, K_REPORT, false),
            ]);
            v
        }
        Context::Case => case(false),
        Context::CaseGrounds => case(true),
        Context::Vote => vec![
            b("agree", &["y"], A::Opinion(Opinion::Agree), K_AGREE, true),
            b(
                "disagree",
                &["n"],
                A::Opinion(Opinion::Disagree),
                K_DISAGREE,
                true,
            ),
            b("defer", &["d"], A::Opinion(Opinion::Defer), K_DEFER, true),
            b(
                "abstain",
                &["a"],
                A::Opinion(Opinion::Abstain),
                K_ABSTAIN,
                false,
            ),
            b("close_round", &["Enter"], A::Enter, K_CLOSE_ROUND, true),
            b("down", &["j", "Down"], A::Down, K_VOTER_DOWN, false),
            b("up", &["k", "Up"], A::Up, K_VOTER_UP, false),
            b("void", &["X"], A::Void, K_VOID, false),
            b("part", &["Tab"], A::Tab, K_PART, true),
            b("back", &["Esc", "q"], A::Back, K_BACK, true),
        ],
        Context::Roll => roll(false),
        Context::RollMeeting => roll(true),
        Context::Help => vec![b("close", &["Esc", "?", "q"], A::Back, K_CLOSE, true)],
        Context::Report => vec![
            b("down", &["j", "Down"], A::Down, K_DOWN, true),
            b("up", &["k", "Up"], A::Up, K_UP, true),
            b(
                "page_down",
                &["Ctrl-d", "PageDown"],
                A::PageDown,
                K_PAGE_DOWN,
                false,
            ),
            b(
                "page_up",
                &["Ctrl-u", "PageUp"],
                A::PageUp,
                K_PAGE_UP,
                false,
            ),
            b("close", &["Esc", "q", "R"], A::Back, K_CLOSE, true),
        ],
        Context::Input => text(),
        Context::Form => {
            let mut v = vec![
                b("field", &["Tab", "Down"], A::Tab, K_FIELD, true),
                b(
                    "field_back",
                    &["BackTab", "Up"],
                    A::BackTab,
                    K_FIELD_BACK,
                    false,
                ),
            ];
            v.extend(text());
            v
        }
        Context::ProposalForm => {
            let mut v = vec![
                b("choose_next", &["Down"], A::Down, K_CHOOSE, true),
                b("choose_prev", &["Up"], A::Up, K_CHOOSE_PREV, false),
            ];
            v.extend(text());
            v
        }
        Context::Pick => vec![
            b("down", &["j", "Down"], A::Down, K_DOWN, false),
            b("up", &["k", "Up"], A::Up, K_UP, false),
            b("accept", &["Enter"], A::Enter, K_ACCEPT, true),
            b("cancel", &["Esc"], A::Back, K_CANCEL, true),
        ],
        Context::Choose => vec![
            b("mark", &["Space"], A::Toggle, K_MARK, true),
            b("down", &["j", "Down"], A::Down, K_DOWN, false),
            b("up", &["k", "Up"], A::Up, K_UP, false),
            b("accept", &["Enter"], A::Enter, K_ACCEPT, true),
            b("cancel", &["Esc"], A::Back, K_CANCEL, true),
        ],
        Context::TooSmall => vec![b("quit", &["q"], A::Quit, K_QUIT_ONLY, true)],
        Context::Confirm => vec![
            b("yes", &["y"], A::Yes, K_YES, true),
            b("no", &["Other"], A::Back, K_NO, true),
        ],
    };
    if !matches!(
        ctx,
        Context::Input
            | Context::Form
            | Context::ProposalForm
            | Context::Confirm
            | Context::Help
            | Context::Report
            | Context::Choose
            | Context::TooSmall
    ) {
        v.extend(common());
    }
    v
}

/// The bindings in force: the defaults with the user's overrides by action name.
pub struct Keymap {
    pub overrides: HashMap<String, Vec<String>>,
}

impl Keymap {
    /// The user's keys as `key_name` writes them (`ctrl-D` is `Ctrl-d`); a key that names
    /// none is left out here and reported by [`check`].
    pub fn new(overrides: HashMap<String, Vec<String>>) -> Keymap {
        Keymap {
            overrides: check::canonical(overrides),
        }
    }

    pub fn bindings(&self, ctx: Context) -> Vec<Binding> {
        let mut v = defaults(ctx);
        for bnd in &mut v {
            if let Some(keys) = self.overrides.get(bnd.name) {
                bnd.keys = keys.clone();
            }
        }
        v
    }

    /// The action for `key` in `ctx`, if any.
    pub fn action(&self, ctx: Context, key: &KeyEvent) -> Option<Action> {
        let name = key_name(key)?;
        // Ctrl-C quits from anywhere, like `q` in the queue: everything is already saved.
        if name == "Ctrl-c" {
            return Some(Action::QuitAll);
        }
        let name = normalize(&name);
        match ctx {
            // Text fields take every printable key as text.
            Context::Input | Context::Form | Context::ProposalForm => {
                let editing = match key.code {
                    KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                        Some(Action::Char(c))
                    }
                    KeyCode::Backspace => Some(Action::Backspace),
                    KeyCode::Delete => Some(Action::Delete),
                    KeyCode::Left => Some(Action::Left),
                    KeyCode::Right => Some(Action::Right),
                    KeyCode::Home => Some(Action::Home),
                    KeyCode::End => Some(Action::End),
                    _ => None,
                };
                if editing.is_some() {
                    return editing;
                }
            }
            // Only `y` accepts; any other key cancels, so a stray Enter changes nothing.
            Context::Confirm => {
                return Some(if name == "y" {
                    Action::Yes
                } else {
                    Action::Back
                });
            }
            _ => {}
        }
        for bnd in self.bindings(ctx) {
            if bnd.keys.contains(&name) {
                return Some(bnd.action);
            }
        }
        if matches!(ctx, Context::Case | Context::CaseGrounds)
            && let KeyCode::Char(c @ '1'..='9') = key.code
        {
            return Some(Action::Item(c as u8 - b'0'));
        }
        if ctx == Context::Help || ctx == Context::Report {
            return Some(Action::Back);
        }
        None
    }

    /// The hint bar of a context: its main keys, briefly.
    pub fn hints(
        &self,
        ctx: Context,
        lang: Lang,
        acts: impl Fn(&Action) -> bool,
    ) -> Vec<(String, &'static str)> {
        self.bindings(ctx)
            .into_iter()
            .filter(|b| b.hint && acts(&b.action))
            .map(|b| {
                let key = b.keys.first().cloned().unwrap_or_default();
                (i18n::key_label(&key, lang).to_string(), b.help.short(lang))
            })
            .collect()
    }
}

/// Full-width punctuation from a Chinese input method works as the ASCII key it sits on.
pub fn normalize(name: &str) -> String {
    match name {
        "／" | "、" => "/".into(),
        "？" => "?".into(),
        "＆" => "&".into(),
        "【" => "[".into(),
        "】" => "]".into(),
        other => other.to_string(),
    }
}

/// A key as the settings file writes it: `j`, `Enter`, `Ctrl-d`, `BackTab`.
pub fn key_name(key: &KeyEvent) -> Option<String> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "BackTab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PageUp".into(),
        KeyCode::PageDown => "PageDown".into(),
        _ => return None,
    };
    Some(if ctrl {
        format!("Ctrl-{}", base.to_lowercase())
    } else {
        base
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn full_width_punctuation_works_as_ascii() {
        let km = Keymap::new(HashMap::new());
        assert_eq!(
            km.action(Context::Queue, &key(KeyCode::Char('／'))),
            Some(Action::Search)
        );
        assert_eq!(
            km.action(Context::Queue, &key(KeyCode::Char('、'))),
            Some(Action::Search)
        );
        assert_eq!(
            km.action(Context::Queue, &key(KeyCode::Char('？'))),
            Some(Action::Help)
        );
        assert_eq!(
            km.action(Context::Queue, &key(KeyCode::Char('＆'))),
            Some(Action::Narrow)
        );
        assert_eq!(
            km.action(Context::Queue, &key(KeyCode::Char('&'))),
            Some(Action::Narrow)
        );
    }

    #[test]
    fn only_y_confirms() {
        let km = Keymap::new(HashMap::new());
        assert_eq!(
            km.action(Context::Confirm, &key(KeyCode::Char('y'))),
            Some(Action::Yes)
        );
        assert_eq!(
            km.action(Context::Confirm, &key(KeyCode::Enter)),
            Some(Action::Back)
        );
        assert_eq!(
            km.action(Context::Confirm, &key(KeyCode::Char('Y'))),
            Some(Action::Back)
        );
    }

    #[test]
    fn overrides_rebind_by_name_and_drop_the_default() {
        let mut o = HashMap::new();
        o.insert("search".to_string(), vec!["s".to_string()]);
        let km = Keymap::new(o);
        assert_eq!(
            km.action(Context::Queue, &key(KeyCode::Char('s'))),
            Some(Action::Search)
        );
        assert_eq!(km.action(Context::Queue, &key(KeyCode::Char('/'))), None);
    }

    #[test]
    fn ctrl_keys_have_names() {
        let k = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(key_name(&k).as_deref(), Some("Ctrl-d"));
        let km = Keymap::new(HashMap::new());
        assert_eq!(km.action(Context::Queue, &k), Some(Action::PageDown));
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.action(Context::Case, &c), Some(Action::QuitAll));
        assert_eq!(km.action(Context::Input, &c), Some(Action::QuitAll));
    }
}
