//! Keys that complain: a `keys:` entry docket cannot honour is reported with the settings
//! file's line and column, in the reader's language, by `docket config` and on the screen
//! when a panel opens, while the rest of the settings apply; `?` names each key's action.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use docket::config::{NotKey, Place, Settings, SettingsProblem, SettingsWhy};
use docket::domain::text::Lang;
use docket::i18n;
use docket::tui::app::Action;
use docket::tui::keymap::{self, Context, Keymap};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A settings file with two broken entries among good settings: an action misspelt on
/// line 4 (column 3) and a key that is none on line 5 (column 17).
const BROKEN: &str = "\
language: zh
ascii: true
keys:
  finalise: [F]
  search: [\"/\", \"Ctrl-\"]
  sort: [S]
";

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("settings-keys")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("config/docket")).expect("config folder");
    dir
}

/// `text` as the user's settings file under `home`'s config folder; its path.
fn settings_file(home: &Path, text: &str) -> PathBuf {
    let path = home.join("config/docket/settings.yaml");
    std::fs::write(&path, text).expect("settings");
    path
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn places(problems: &[SettingsProblem]) -> Vec<(u32, u32)> {
    problems.iter().map(|p| (p.line, p.col)).collect()
}

#[test]
fn an_unknown_action_and_a_bad_key_are_reported_at_their_lines_and_the_rest_applies() {
    let home = scratch("broken");
    let path = settings_file(&home, BROKEN);
    let (settings, refused) = Settings::load_from(&path);
    assert_eq!(refused, None);
    // The rest of the file applies.
    assert!(settings.ascii);
    assert_eq!(settings.lang(), Some(Lang::Zh));
    let (overrides, problems) = keymap::check(&settings.user_keys);
    assert_eq!(places(&problems), [(4, 3), (5, 17)], "{problems:?}");
    assert_eq!(
        problems[0].why,
        SettingsWhy::UnknownAction {
            name: "finalise".into(),
            near: Some("finalize"),
        }
    );
    assert_eq!(
        problems[1].why,
        SettingsWhy::NotAKey {
            key: "Ctrl-".into(),
            why: NotKey::CtrlNotLetter,
        }
    );
    assert!(problems.iter().all(|p| p.path == path));
    // The good key of the entry with a bad one applies, and the other entries too.
    assert_eq!(overrides.get("search"), Some(&vec!["/".to_string()]));
    let km = Keymap::new(settings.keys.clone().into_iter().collect());
    assert_eq!(km.action(Context::Queue, &key('/')), Some(Action::Search));
    assert_eq!(
        km.action(Context::Queue, &key('S')),
        Some(Action::CycleSort)
    );
    assert_eq!(km.action(Context::Queue, &key('s')), None);
    // F still finalizes: the misspelt entry changed nothing.
    assert_eq!(km.action(Context::Queue, &key('F')), Some(Action::Finalize));

    let en: Vec<String> = problems
        .iter()
        .map(|p| i18n::settings_problem(p, Lang::En))
        .collect();
    assert!(
        en[0].ends_with("settings.yaml:4:3: unknown action `finalise` (did you mean `finalize`?)"),
        "{en:?}"
    );
    assert!(
        en[1].ends_with(
            "settings.yaml:5:17: `Ctrl-` is not a key: Ctrl- takes one letter, as in `Ctrl-d`"
        ),
        "{en:?}"
    );
    let zh: Vec<String> = problems
        .iter()
        .map(|p| i18n::settings_problem(p, Lang::Zh))
        .collect();
    assert!(
        zh[0].ends_with("settings.yaml:4:3: 未知的操作名 `finalise`（是否应为 `finalize`？）"),
        "{zh:?}"
    );
    assert!(
        zh[1].ends_with("settings.yaml:5:17: `Ctrl-` 不是按键：Ctrl- 后应接一个字母，如 `Ctrl-d`"),
        "{zh:?}"
    );
}

#[test]
fn a_key_the_keymap_cannot_honour_is_reported_where_it_was_written() {
    let home = scratch("clash");
    let path = settings_file(
        &home,
        "keys:\n  search: [\"/\", s]\n  cancel: [q]\n  quit: [Escape, Ctrl-c]\n  yes: [Y]\n",
    );
    let (settings, _) = Settings::load_from(&path);
    let (overrides, problems) = keymap::check(&settings.user_keys);
    let whys: Vec<&SettingsWhy> = problems.iter().map(|p| &p.why).collect();
    assert_eq!(
        places(&problems),
        [(2, 17), (3, 12), (4, 10), (4, 18), (5, 3)],
        "{whys:?}"
    );
    assert_eq!(
        *whys[0],
        SettingsWhy::Clash {
            key: "s".into(),
            place: Place::Queue,
            wins: "search".into(),
            loses: "sort".into(),
        }
    );
    assert!(
        matches!(whys[1], SettingsWhy::Typed { key, action } if key == "q" && action == "cancel")
    );
    assert_eq!(
        *whys[2],
        SettingsWhy::NotAKey {
            key: "Escape".into(),
            why: NotKey::Unknown {
                near: Some("Esc".into())
            },
        }
    );
    assert!(matches!(
        whys[3],
        SettingsWhy::NotAKey {
            why: NotKey::CtrlC,
            ..
        }
    ));
    assert_eq!(*whys[4], SettingsWhy::Fixed("yes".into()));
    // `quit` has no good key: it keeps `q` rather than being left with none.
    assert!(!overrides.contains_key("quit"));
    let km = Keymap::new(settings.keys.clone().into_iter().collect());
    assert_eq!(km.action(Context::Queue, &key('q')), Some(Action::Quit));
    // The clash as the keymap resolves it, and as the clerk reads it.
    assert_eq!(km.action(Context::Queue, &key('s')), Some(Action::Search));
    let said = i18n::settings_problem(&problems[0], Lang::En);
    assert!(
        said.ends_with("`s` is bound to both `search` and `sort` in the queue: only `search` acts"),
        "{said}"
    );
    let said = i18n::settings_problem(&problems[0], Lang::Zh);
    assert!(
        said.ends_with("`s` 在案件队列中同时绑定了 `search` 和 `sort`：只有 `search` 起作用"),
        "{said}"
    );
}

#[test]
fn the_defaults_have_no_key_they_cannot_honour() {
    let (_, problems) = keymap::check(&Default::default());
    assert_eq!(problems, []);
    // The check sees a clash only where one is: rebinding `up` to `j` makes one.
    let mut user = docket::config::UserKeys::default();
    user.entries.push(docket::config::KeyEntry {
        action: "up".into(),
        line: 2,
        col: 3,
        keys: vec![docket::config::KeyAt {
            key: "j".into(),
            line: 2,
            col: 8,
        }],
    });
    let (_, problems) = keymap::check(&user);
    assert!(
        problems
            .iter()
            .any(|p| matches!(&p.why, SettingsWhy::Clash { wins, loses, .. } if wins == "down" && loses == "up")),
        "{problems:?}"
    );
}

#[test]
fn keys_are_read_as_docket_names_them() {
    assert_eq!(keymap::parse_key("ctrl-D").as_deref(), Ok("Ctrl-d"));
    assert_eq!(keymap::parse_key("pagedown").as_deref(), Ok("PageDown"));
    assert_eq!(keymap::parse_key(" ").as_deref(), Ok("Space"));
    assert_eq!(keymap::parse_key("？").as_deref(), Ok("?"));
    assert_eq!(keymap::parse_key(""), Err(NotKey::Empty));
    assert_eq!(
        keymap::parse_key("\u{1b}"),
        Err(NotKey::Unknown { near: None })
    );
    assert_eq!(
        keymap::parse_key("Entr"),
        Err(NotKey::Unknown {
            near: Some("Enter".into())
        })
    );
    let km = Keymap::new(HashMap::from([(
        "page_down".to_string(),
        vec!["ctrl-F".to_string()],
    )]));
    let ctrl_f = KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert_eq!(km.action(Context::Queue, &ctrl_f), Some(Action::PageDown));
}

fn docket_config(home: &Path, lang: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(["config", "--lang", lang])
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run docket config")
}

#[test]
fn docket_config_names_each_broken_entry_with_its_line_in_both_languages() {
    let home = scratch("config");
    settings_file(&home, BROKEN);
    let o = docket_config(&home, "en");
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8(o.stderr).expect("UTF-8");
    let out = String::from_utf8(o.stdout).expect("UTF-8");
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "~/config/docket/settings.yaml:4:3: unknown action `finalise` (did you mean `finalize`?)",
            "~/config/docket/settings.yaml:5:17: `Ctrl-` is not a key: Ctrl- takes one letter, as in `Ctrl-d`",
        ]
    );
    // What is in effect: the rest of the file, the good keys, not the broken ones.
    assert!(out.contains("ascii: true"), "{out}");
    assert!(out.contains("  search:\n  - /\n  sort:\n  - S\n"), "{out}");
    assert!(!out.contains("finalise") && !out.contains("Ctrl-"), "{out}");
    let o = docket_config(&home, "zh");
    let err = String::from_utf8(o.stderr).expect("UTF-8");
    assert!(
        err.starts_with(
            "~/config/docket/settings.yaml:4:3: 未知的操作名 `finalise`（是否应为 `finalize`？）\n"
        ),
        "{err}"
    );
}

#[test]
fn opening_a_panel_shows_the_first_broken_entry_on_the_message_line() {
    let (root, panel) = common::scratch("settings-keys-note");
    std::fs::create_dir_all(root.join("config/docket")).expect("config folder");
    std::fs::write(root.join("config/docket/settings.yaml"), BROKEN).expect("settings");
    let dir = panel.to_str().expect("utf-8");
    let mut s = common::Session::spawn(
        env!("CARGO_BIN_EXE_docket"),
        &[dir, "--lang", "en"],
        &root,
        &[],
    );
    s.expect("settings.yaml: 2 problems, see docket config; 4:3: unknown action `finalise`");
    // The meeting goes on, with the good keys: S sorts.
    s.keys("S");
    s.expect("sort: agenda order");
    s.keys("q");
    assert_eq!(s.finish(), 0);
}

/// The screen as text, one line a row, a wide character once.
fn screen_text(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    use unicode_width::UnicodeWidthStr;
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += (sym.width() as u16).max(1);
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_help_names_each_keys_action_whole_at_80x24_in_both_languages() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("settings-keys/help");
    let _ = std::fs::remove_dir_all(&dir);
    common::example_into(&dir);
    for lang in [Lang::En, Lang::Zh] {
        let mut app = common::open_app(&dir, lang, common::START);
        app.area = (80, 24);
        common::in_meeting(&mut app);
        app.update(Action::Help);
        let km = Keymap::new(HashMap::from([(
            "search".to_string(),
            vec!["/".to_string(), "S".to_string()],
        )]));
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24))
            .expect("test terminal");
        t.draw(|f| {
            docket::tui::views::draw(f, &app, &km, docket::tui::theme::Theme::new(false, false))
        })
        .expect("draw");
        let screen = screen_text(&t);
        let acting: Vec<_> = km
            .bindings(Context::Queue)
            .into_iter()
            .filter(|b| app.acts(Context::Queue, &b.action))
            .collect();
        assert!(acting.len() > 20, "the queue's help needs two columns");
        for b in &acting {
            // Each binding's keys, then its action's name, whole, on one row.
            let row = format!("{} {}", b.keys.join(" "), b.name);
            assert!(
                screen.lines().any(|l| l
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .contains(&row)),
                "{lang:?}: no row shows `{row}`:\n{screen}"
            );
        }
    }
}

/// A settings file that cannot be read as text is said with its place, as a broken one is,
/// and docket goes on with the defaults; a missing one is no problem at all.
#[test]
fn a_settings_file_that_is_not_text_is_said_not_ignored() {
    let home = scratch("not-text");
    let path = home.join("config/docket/settings.yaml");
    std::fs::write(&path, b"language: zh\nascii: true\n# caf\xe9\n").expect("settings");
    let o = docket_config(&home, "en");
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with(&format!("{}:3:", path.display())), "{err}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("ascii: false"), "the defaults apply: {out}");

    let home = scratch("no-settings");
    let o = docket_config(&home, "en");
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
