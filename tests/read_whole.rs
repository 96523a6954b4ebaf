//! Issue 11, item 6: every rule text and every recorded text on the case screen reads whole
//! from the part it belongs to, at 80x24 too: wrapped, or scrolled with a "more" mark on the
//! last row that says how many lines are below.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{in_meeting, run, select, typed};

use std::cell::Cell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use docket::domain::rules::Opinion;
use docket::domain::text::Lang;
use docket::domain::vote::DeterminationText;
use docket::tui::app::{Action, App};
use docket::tui::keymap::Keymap;
use docket::tui::theme::Theme;
use docket::tui::{load_app, views};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(name: &str, lang: Lang) -> App {
    let dir: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("read-whole")
        .join(name);
    common::example_into(&dir);
    let mut err = Vec::new();
    let mut app = load_app(&dir, lang, &mut err)
        .expect("load")
        .expect("the example panel opens");
    app.session.clock = Box::new(common::StepClock(Cell::new(common::START)));
    app.session.user = "clerk".into();
    app
}

/// The screen as rows of cells (a wide character once).
fn draw(app: &App, w: u16, h: u16) -> Vec<Vec<String>> {
    use unicode_width::UnicodeWidthStr;
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let km = Keymap::new(HashMap::new());
    t.draw(|f| views::draw(f, app, &km, Theme::new(false, false)))
        .expect("draw");
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            let mut row = Vec::new();
            let mut x = 0;
            while x < w {
                let sym = buf[(x, y)].symbol().to_string();
                x += (sym.width() as u16).max(1);
                row.push(sym);
            }
            row
        })
        .collect()
}

fn screen(app: &App, w: u16, h: u16) -> String {
    draw(app, w, h)
        .iter()
        .map(|r| r.concat())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text without blanks, borders or line ends: what wrapped reads whole.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"│┌┐└┘─".contains(*c))
        .collect()
}

/// The screen's text in display columns `from..to`, row after row, squeezed: one pane of
/// two side by side.
fn columns(app: &App, w: u16, h: u16, from: usize, to: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = String::new();
    for row in draw(app, w, h) {
        let mut x = 0;
        for sym in row {
            if x >= from && x < to {
                out.push_str(&sym);
            }
            x += sym.width().max(1);
        }
    }
    squeeze(&out)
}

/// The left part at 120x40 (the situations), the whole screen at 80x24.
fn left_part(app: &App, w: u16, h: u16) -> String {
    let to = if w >= 118 { usize::from(w) / 2 } else { 1000 };
    columns(app, w, h, 0, to)
}

/// The right part at 120x40 (the vote), the whole screen at 80x24.
fn right_part(app: &App, w: u16, h: u16) -> String {
    let from = if w >= 118 { usize::from(w) / 2 } else { 0 };
    columns(app, w, h, from, 1000)
}

fn case_2026_014(name: &str, lang: Lang) -> App {
    let mut a = app(name, lang);
    // The size the tests below draw at, as the terminal front end sets it before each key.
    a.area = (80, 24);
    in_meeting(&mut a);
    select(&mut a, "2026-014");
    run(&mut a, [Action::Enter]);
    a
}

#[test]
fn the_facts_say_how_much_is_below_and_scrolling_reaches_the_last_line_and_stops() {
    for (lang, more) in [(Lang::Zh, "v 还有"), (Lang::En, "more line")] {
        let mut a = case_2026_014(&format!("facts-{}", lang.code()), lang);
        a.case_view.focus = 0;
        let s = screen(&a, 80, 24);
        assert!(s.contains(more), "{s}");
        assert!(!s.contains("已于2026年4月退还"), "{s}");
        run(&mut a, (0..40).map(|_| Action::Down));
        let s = screen(&a, 80, 24);
        assert!(!s.contains(more), "at the end: {s}");
        assert!(s.contains("已于2026年4月退还。"), "{s}");
        // The last line stays at the bottom of the part: the scroll stops there.
        let rows: Vec<&str> = s.lines().collect();
        let last = rows
            .iter()
            .position(|r| r.contains("已于2026年4月退还。"))
            .expect("the last line");
        assert!(rows[last + 1].starts_with('└'), "{s}");
    }
}

#[test]
fn every_situation_reads_whole_when_the_part_is_in_front_at_80x24_in_chinese() {
    let mut a = case_2026_014("items-zh", Lang::Zh);
    a.case_view.focus = 2;
    let kind = a
        .session
        .panel
        .rules
        .kind("tolerance")
        .expect("kind")
        .clone();
    // What does not fit says so, and j scrolls on to the end: every text whole on the way.
    let mut seen = squeeze(&screen(&a, 80, 24));
    assert!(seen.contains("v还有"), "{seen}");
    for _ in 0..20 {
        a.update(Action::Down);
        seen.push_str(&squeeze(&screen(&a, 80, 24)));
    }
    for item in &kind.items {
        let t = squeeze(item.text.get(Lang::Zh));
        assert!(seen.contains(&t), "{} not whole:\n{seen}", item.id);
    }
    // The scroll stopped at the end: one k moves back at once.
    let end = a.case_view.scroll;
    assert_eq!(end, a.case_view.scroll_max);
    a.update(Action::Up);
    assert_eq!(a.case_view.scroll, end - 1);
}

#[test]
fn the_claimed_situation_reads_whole_first_in_english_at_both_sizes() {
    let mut a = case_2026_014("items-en", Lang::En);
    a.case_view.focus = 2;
    let kind = a
        .session
        .panel
        .rules
        .kind("tolerance")
        .expect("kind")
        .clone();
    let s3 = kind.items.iter().find(|i| i.id == "S3").expect("S3");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = left_part(&a, w, h);
        assert!(s.contains(&squeeze(s3.text.get(Lang::En))), "{w}x{h}:\n{s}");
    }
}

#[test]
fn the_selected_distinction_and_a_long_basis_read_whole_when_in_front() {
    let mut a = case_2026_014("distinction-basis", Lang::Zh);
    let basis = "当事人收受施工方负责人所送购物卡共计2万元并介绍其妻弟承揽土方分包".repeat(3);
    run(
        &mut a,
        [Action::Tab, Action::Down, Action::Down, Action::Right],
    );
    run(&mut a, [Action::Basis]);
    run(&mut a, typed(&basis));
    run(&mut a, [Action::Enter]);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = squeeze(&screen(&a, w, h));
        assert!(s.contains(&basis), "{w}x{h}:\n{s}");
        assert!(s.contains("为谋取私利的违纪违法行为"), "{s}");
        assert!(s.contains("为推动发展的无意过失"), "{s}");
    }
}

#[test]
fn a_proposal_the_header_cuts_reads_whole_in_the_vote_part() {
    for lang in [Lang::Zh, Lang::En] {
        let mut a = case_2026_014(&format!("proposal-{}", lang.code()), lang);
        a.case_view.focus = 3;
        let basis = a
            .case()
            .and_then(|c| c.proposal.as_ref())
            .map(|p| p.basis.clone())
            .expect("a proposal");
        for (w, h) in [(80, 24), (120, 40)] {
            let s = right_part(&a, w, h);
            assert!(s.contains(&squeeze(&basis)), "{w}x{h}:\n{s}");
        }
    }
}

#[test]
fn the_vote_part_says_what_is_below_and_moving_down_reads_the_recusal_reasons_whole() {
    let mut a = case_2026_014("recusals", Lang::Zh);
    run(&mut a, [Action::Vote]);
    run(&mut a, (0..2).map(|_| Action::Opinion(Opinion::Agree)));
    a.case_view.focus = 3;
    let s = screen(&a, 80, 24);
    assert!(s.contains("v 还有"), "{s}");
    run(&mut a, (0..30).map(|_| Action::Down));
    let s = screen(&a, 80, 24);
    assert!(!s.contains("v 还有"), "{s}");
    let j = squeeze(&s);
    assert!(
        j.contains("当事人系其表弟，属三代以内旁系血亲，应当回避。"),
        "{s}"
    );
    assert!(
        j.contains("2025年任南河镇镇长期间分管该工程项目，曾参与项目推进，可能影响公正处理。"),
        "{s}"
    );
}

#[test]
fn a_voids_reason_reads_whole_in_the_rounds_title() {
    let mut a = case_2026_014("void", Lang::Zh);
    run(&mut a, [Action::Vote]);
    run(&mut a, (0..4).map(|_| Action::Opinion(Opinion::Agree)));
    run(&mut a, [Action::Enter, Action::Yes]);
    let reason = "计票时发现一名委员的意见被误记为同意，经当场核对后作废本轮".repeat(2);
    let t = a.session.now();
    a.session
        .meeting
        .as_mut()
        .expect("meeting")
        .void_round("2026-014", 1, &reason, &t)
        .expect("void");
    a.case_view.focus = 3;
    a.case_view.voter = 0;
    for (w, h) in [(80, 24), (120, 40)] {
        let s = right_part(&a, w, h);
        assert!(s.contains(&reason), "{w}x{h}:\n{s}");
    }
}

#[test]
fn the_decision_under_review_shows_its_dissent_and_override_reason_whole() {
    let mut a = app("earlier-override", Lang::Zh);
    in_meeting(&mut a);
    select(&mut a, "2026-004");
    run(&mut a, [Action::Enter, Action::Vote]);
    run(&mut a, (0..5).map(|_| Action::Opinion(Opinion::Agree)));
    run(&mut a, [Action::Enter, Action::Yes]);
    let dissent = "刘志强认为应当核实满意度测评".repeat(2);
    let override_reason = "考核结果虽为不称职但系到任时间较短所致".repeat(2);
    let panel = a.session.panel.clone();
    let kind = panel.rules.kind("adjustment").expect("kind").clone();
    let t = a.session.now();
    a.session
        .meeting
        .as_mut()
        .expect("meeting")
        .determine(
            &panel,
            &kind,
            "2026-004",
            DeterminationText {
                rationale: "维持调整".into(),
                dissent: dissent.clone(),
                override_reason: override_reason.clone(),
            },
            &t,
        )
        .expect("determine");
    run(&mut a, [Action::Back]);
    select(&mut a, "2026-010");
    run(&mut a, [Action::Enter]);
    a.case_view.focus = 3;
    for (w, h) in [(80, 24), (120, 40)] {
        // The earlier decision is the left half of the vote part.
        let (from, to) = if w >= 118 { (60, 90) } else { (0, 40) };
        let left = columns(&a, w, h, from, to);
        assert!(left.contains(&dissent), "{w}x{h}:\n{left}");
        assert!(left.contains(&override_reason), "{w}x{h}:\n{left}");
    }
}
