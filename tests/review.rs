//! Review cases (复核): the earlier decision beside the current one, the earlier meeting named
//! in the minutes, the members who sat on it flagged on the roll and recused when the rules
//! say so.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use docket::domain::rules::Opinion;
use docket::domain::text::Lang;
use docket::tui::app::{Action, App};
use docket::tui::keymap::Keymap;
use docket::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn panel(name: &str, recuse: bool) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("review")
        .join(name);
    common::example_into(&dir);
    if recuse {
        let yaml = std::fs::read_to_string(dir.join("panel.yaml")).expect("panel");
        std::fs::write(
            dir.join("panel.yaml"),
            format!("{yaml}meeting:\n  review: recuse\n"),
        )
        .expect("write");
    }
    dir
}

fn load(dir: &Path, start: i64) -> App {
    common::open_app(dir, Lang::Zh, start)
}

fn select(a: &mut App, id: &str) {
    a.selected = a
        .session
        .cases
        .iter()
        .position(|c| c.case.id == id)
        .expect("case");
}

fn send(a: &mut App, actions: impl IntoIterator<Item = Action>) {
    for x in actions {
        a.update(x);
    }
}

/// Meeting 1, with zhao-min absent: 2026-004 (adjustment) is voted and determined; finalized.
fn first_meeting(dir: &Path) -> String {
    let mut a = load(dir, common::START);
    send(
        &mut a,
        [
            Action::Meeting,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Toggle,
            Action::Enter,
        ],
    );
    select(&mut a, "2026-004");
    send(&mut a, [Action::Enter, Action::Vote]);
    send(
        &mut a,
        std::iter::repeat_n(Action::Opinion(Opinion::Agree), 5),
    );
    send(&mut a, [Action::Enter, Action::Yes, Action::Determine]);
    send(
        &mut a,
        "年度考核不称职，予以调整。".chars().map(Action::Char),
    );
    send(
        &mut a,
        [
            Action::Enter,
            Action::Yes,
            Action::Back,
            Action::Finalize,
            Action::Yes,
        ],
    );
    assert!(a.session.final_minutes.is_some(), "{:?}", a.message);
    docket::tui::save(&mut a);
    a.session
        .final_minutes
        .as_ref()
        .expect("final")
        .meeting
        .id
        .clone()
}

/// The case before the panel by its first recorded step (the presenter): reading it takes
/// nothing up.
fn take_up(a: &mut App) {
    a.update(Action::Presenter);
    send(a, "干部科".chars().map(Action::Char));
    a.update(Action::Enter);
    assert!(a.message.is_none(), "{:?}", a.message);
}

fn screen(a: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let km = Keymap::new(HashMap::new());
    t.draw(|f| docket::tui::views::draw(f, a, &km, Theme::new(false, false)))
        .expect("draw");
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out.replace(' ', "")
}

#[test]
fn a_review_shows_the_earlier_decision_and_names_its_meeting() {
    let dir = panel("side-by-side", false);
    let earlier = first_meeting(&dir);
    let mut a = load(&dir, 1_795_741_200);
    select(&mut a, "2026-010");
    a.update(Action::ToggleAgenda);
    send(&mut a, [Action::Meeting, Action::Enter]);
    select(&mut a, "2026-010");
    send(&mut a, [Action::Enter]);
    take_up(&mut a);
    send(&mut a, [Action::Tab, Action::Tab]);
    let s = screen(&a);
    assert!(s.contains("原决定"), "{s}");
    assert!(s.contains(&format!("会议{earlier}2026-004")), "{s}");
    assert!(s.contains("年度考核不称职，予以调整。"), "{s}");
    assert!(s.contains("回避、表决与决定"), "{s}"); // the current vote pane beside it
    let r = a
        .session
        .meeting
        .as_ref()
        .and_then(|m| m.record("2026-010"))
        .expect("taken up");
    assert_eq!(r.review_of.as_deref(), Some("2026-004"));
    assert_eq!(r.review_of_meeting.as_deref(), Some(earlier.as_str()));
    // Under `may_vote`, those who sat before still vote.
    assert!(r.recusals.is_empty());
}

#[test]
fn those_who_sat_before_are_flagged_on_the_roll_and_recused_when_the_rules_say_so() {
    let dir = panel("recuse", true);
    first_meeting(&dir);
    let mut a = load(&dir, 1_795_741_200);
    select(&mut a, "2026-010");
    a.update(Action::ToggleAgenda);
    a.update(Action::Meeting);
    let s = screen(&a);
    // zhao-min was absent at the first meeting: not flagged; li-hong sat on it.
    assert!(s.contains("李红成员[曾参与审议2026-004]"), "{s}");
    assert!(!s.contains("赵敏成员[曾参与审议"), "{s}");
    a.update(Action::Enter);
    select(&mut a, "2026-010");
    a.update(Action::Enter);
    take_up(&mut a);
    let r = a
        .session
        .meeting
        .as_ref()
        .and_then(|m| m.record("2026-010"))
        .expect("taken up");
    let recused: Vec<&str> = r.recusals.iter().map(|x| x.member.as_str()).collect();
    assert_eq!(
        recused,
        [
            "wang-jianguo",
            "li-hong",
            "zhang-wei",
            "liu-zhiqiang",
            "chen-jing"
        ]
    );
    // Only zhao-min is left to vote on the review.
    let voters = a
        .session
        .meeting
        .as_ref()
        .map(|m| m.voters(&a.session.panel, "2026-010"))
        .expect("voters");
    assert_eq!(voters, ["zhao-min"]);
}
