//! Every screen and popup drawn into a test terminal, at 80x24 and 120x40, in Chinese and
//! English (and some in ASCII), compared with the snapshots under tests/snapshots/. Colours
//! are not in snapshots; the styles that carry meaning are checked cell by cell.

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
use docket::tui::app::{Action, App, Clock};
use docket::tui::keymap::Keymap;
use docket::tui::theme::Theme;
use docket::tui::{load_app, views};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// A clock that starts at 2026-11-20 09:00 Beijing time and advances a minute per reading.
struct TestClock(Cell<i64>);

impl Clock for TestClock {
    fn now(&self) -> jiff::Timestamp {
        let t = self.0.get();
        self.0.set(t + 60);
        jiff::Timestamp::from_second(t).expect("valid time")
    }
}

/// A fresh copy of the example panel (without minutes) for one test.
fn panel(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("screens")
        .join(name);
    common::example_into(&dir);
    dir
}

fn app(name: &str, lang: Lang) -> App {
    let dir = panel(name);
    let mut err = Vec::new();
    let mut app = load_app(&dir, lang, &mut err)
        .expect("load")
        .expect("the example panel opens");
    // 2026-11-20T01:00:00Z is 09:00 in Asia/Shanghai.
    app.session.clock = Box::new(TestClock(Cell::new(1_795_136_400)));
    app.session.user = "clerk".into();
    app
}

fn render(app: &App, w: u16, h: u16, ascii: bool) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    let km = Keymap::new(HashMap::new());
    t.draw(|f| views::draw(f, app, &km, Theme::new(true, ascii)))
        .expect("draw");
    t
}

/// Case 2026-014 with D3 found not tolerable, a basis, S3 found and a round under way.
fn case_under_vote(app: &mut App) {
    in_meeting(app);
    select(app, "2026-014");
    run(
        app,
        [
            Action::Enter,
            Action::Tab,
            Action::Down,
            Action::Down,
            Action::Right,
        ],
    );
    run(app, [Action::Basis]);
    run(app, typed("收受施工方购物卡2万元"));
    run(app, [Action::Enter, Action::Item(3), Action::Vote]);
    run(
        app,
        [
            Action::Opinion(Opinion::Agree),
            Action::Opinion(Opinion::Disagree),
        ],
    );
}

/// The screen as a person sees it: one line per row, a wide character once (not followed
/// by the blank cell it covers), trailing blanks kept so the width shows.
fn screen_text(buf: &Buffer) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += (sym.width() as u16).max(1);
        }
        out.push_str("|\n");
    }
    out
}

/// Every screen of a meeting, in one language and size.
fn screens(lang: Lang, w: u16, h: u16, ascii: bool) -> Vec<(String, String)> {
    let tag = format!(
        "{}x{}_{}{}",
        w,
        h,
        lang.code(),
        if ascii { "_ascii" } else { "" }
    );
    let mut out = Vec::new();
    let mut shot = |name: &str, app: &App| {
        let t = render(app, w, h, ascii);
        out.push((format!("{name}_{tag}"), screen_text(t.backend().buffer())));
    };
    let name = |s: &str| format!("{s}-{tag}");

    let mut a = app(&name("queue"), lang);
    shot("queue", &a);
    run(&mut a, [Action::Help]);
    shot("help_queue", &a);

    let mut a = app(&name("roll"), lang);
    run(
        &mut a,
        [Action::Meeting, Action::Down, Action::Down, Action::Toggle],
    );
    run(&mut a, [Action::AbsenceReason]);
    run(&mut a, typed("出差"));
    shot("reason_popup", &a);
    run(&mut a, [Action::Enter, Action::AddAttendee]);
    run(&mut a, typed("县纪委监委 刘明"));
    run(&mut a, [Action::Enter]);
    shot("roll", &a);

    let mut a = app(&name("readonly"), lang);
    select(&mut a, "2026-014");
    run(&mut a, [Action::Enter]);
    shot("case_outside_meeting", &a);
    run(&mut a, [Action::Right]);
    shot("case_refused_outside_meeting", &a);

    let mut a = app(&name("vote"), lang);
    case_under_vote(&mut a);
    shot("case_vote", &a);
    // Vote, then Facts, Distinctions, Items and back to Vote.
    run(&mut a, [Action::Tab]);
    shot("case_facts", &a);
    run(&mut a, [Action::Tab]);
    shot("case_distinctions", &a);
    run(&mut a, [Action::Tab]);
    shot("case_items", &a);
    run(&mut a, [Action::Tab, Action::Help]);
    shot("help_vote", &a);
    run(&mut a, [Action::Back]);
    run(
        &mut a,
        [
            Action::Opinion(Opinion::Agree),
            Action::Opinion(Opinion::Agree),
        ],
    );
    run(&mut a, [Action::Enter]);
    shot("confirm_close_round", &a);
    run(&mut a, [Action::Yes, Action::Determine]);
    run(&mut a, typed("经审议，当事人收受财物，不予容错。"));
    shot("determination", &a);
    run(&mut a, [Action::Enter, Action::Yes, Action::Proposal]);
    shot("proposal", &a);
    run(&mut a, [Action::Back, Action::Back]);
    shot("queue_in_meeting", &a);

    let mut a = app(&name("adjustment"), lang);
    in_meeting(&mut a);
    select(&mut a, "2026-010");
    run(&mut a, [Action::Enter, Action::Tab, Action::Tab]);
    shot("case_review_adjustment", &a);

    out
}

fn check(lang: Lang, w: u16, h: u16, ascii: bool) {
    for (name, screen) in screens(lang, w, h, ascii) {
        insta::assert_snapshot!(name, screen);
    }
}

#[test]
fn screens_80x24_zh() {
    check(Lang::Zh, 80, 24, false);
}

#[test]
fn screens_80x24_en() {
    check(Lang::En, 80, 24, false);
}

#[test]
fn screens_120x40_zh() {
    check(Lang::Zh, 120, 40, false);
}

#[test]
fn screens_120x40_en() {
    check(Lang::En, 120, 40, false);
}

#[test]
fn screens_80x24_zh_ascii() {
    check(Lang::Zh, 80, 24, true);
}

#[test]
fn a_too_small_terminal_gets_a_message_not_a_panic() {
    let a = app("small", Lang::Zh);
    for (w, h) in [(79, 24), (80, 23), (20, 5), (1, 1)] {
        let t = render(&a, w, h, false);
        let text = screen_text(t.backend().buffer());
        if w >= 20 {
            assert!(text.contains("终端窗口太小"), "{w}x{h}: {text}");
        }
    }
    let a = app("small-en", Lang::En);
    let text = screen_text(render(&a, 60, 20, false).backend().buffer());
    assert!(text.contains("Terminal too small (need 80x24)"), "{text}");
}

#[test]
fn a_resize_mid_meeting_redraws_from_the_same_state() {
    let mut a = app("resize", Lang::Zh);
    case_under_vote(&mut a);
    let km = Keymap::new(HashMap::new());
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    t.draw(|f| views::draw(f, &a, &km, Theme::new(true, false)))
        .expect("draw");
    t.backend_mut().resize(80, 24);
    t.resize(ratatui::layout::Rect::new(0, 0, 80, 24))
        .expect("resize");
    t.draw(|f| views::draw(f, &a, &km, Theme::new(true, false)))
        .expect("draw");
    let small = screen_text(t.backend().buffer());
    assert_eq!(
        small,
        screen_text(render(&a, 80, 24, false).backend().buffer())
    );
    assert!(small.contains("第1轮"), "{small}");
}

/// The cell where `needle` starts on the screen.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let first = needle.chars().next()?.to_string();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if buf[(x, y)].symbol() == first {
                let mut s = String::new();
                let mut cx = x;
                // Wide characters leave an empty cell after them: read by width, not by count.
                while cx < buf.area.width && cx < x + 2 * needle.chars().count() as u16 {
                    let sym = buf[(cx, y)].symbol();
                    s.push_str(sym);
                    cx += 1;
                }
                let s: String = s.chars().filter(|c| *c != ' ').collect();
                let n: String = needle.chars().filter(|c| *c != ' ').collect();
                if s.starts_with(&n) {
                    return Some((x, y));
                }
            }
        }
    }
    None
}

#[test]
fn the_found_side_is_coloured_and_marked_and_selection_is_reversed() {
    let mut a = app("styles", Lang::Zh);
    case_under_vote(&mut a);
    // From the vote, past the facts, to the distinctions.
    run(&mut a, [Action::Tab, Action::Tab]);
    let t = render(&a, 120, 40, false);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "[x] 为谋取私利").expect("D3's not-tolerable side");
    assert_eq!(buf[(x, y)].fg, Color::Red);
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    let (x, y) = find(buf, "[ ] 为推动发展").expect("D3's tolerable side");
    assert_ne!(buf[(x, y)].fg, Color::Red);
    // The distinction under the cursor is reversed: D3, not D1.
    let (x, y) = find(buf, "D3").expect("D3");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find(buf, "D1").expect("D1");
    assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));

    // With NO_COLOR the sides differ by mark and boldness, the selection by reversal.
    let km = Keymap::new(HashMap::new());
    let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    t.draw(|f| views::draw(f, &a, &km, Theme::new(false, false)))
        .expect("draw");
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "[x] 为谋取私利").expect("found side");
    assert_eq!(buf[(x, y)].fg, Color::Reset);
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    let (x, y) = find(buf, "D3").expect("D3");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn an_input_puts_the_terminal_cursor_after_the_chinese_text() {
    let mut a = app("cursor", Lang::Zh);
    run(&mut a, [Action::Search]);
    run(&mut a, typed("杜明"));
    let mut t = render(&a, 80, 24, false);
    let pos = t.get_cursor_position().expect("cursor");
    let buf = t.backend().buffer().clone();
    // The cursor stands right after the typed text: two Chinese characters, four columns.
    assert!(pos.x >= 4, "{pos:?}");
    assert_eq!(buf[(pos.x - 4, pos.y)].symbol(), "杜");
    assert_eq!(buf[(pos.x - 2, pos.y)].symbol(), "明");
    assert_eq!(buf[(pos.x, pos.y)].symbol(), " ");
}

#[test]
fn hostile_text_is_drawn_escaped_in_every_part() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/injection");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screens-injection");
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(&src, &dir);
    let mut err = Vec::new();
    let mut a = load_app(&dir, Lang::Zh, &mut err)
        .expect("load")
        .expect("opens");
    a.session.clock = Box::new(TestClock(Cell::new(1_795_136_400)));
    let mut seen_escape = false;
    let mut check = |a: &App| {
        for (w, h) in [(80, 24), (120, 40)] {
            let t = render(a, w, h, false);
            let buf = t.backend().buffer();
            for cell in buf.content() {
                assert!(
                    !cell.symbol().chars().any(docket::sanitize::is_unsafe),
                    "{:?} drawn at {w}x{h}",
                    cell.symbol()
                );
            }
            seen_escape |= screen_text(buf).contains("\\u{1b}");
        }
    };
    check(&a);
    in_meeting(&mut a);
    run(&mut a, [Action::Enter]);
    for _ in 0..4 {
        check(&a);
        run(&mut a, [Action::Tab]);
    }
    run(&mut a, [Action::Vote]);
    check(&a);
    run(&mut a, [Action::Help]);
    check(&a);
    assert!(seen_escape, "the escapes are shown");
}

#[test]
fn r_shows_the_supervision_report_over_the_meeting() {
    let mut a = app("report-screen", Lang::Zh);
    case_under_vote(&mut a);
    run(
        &mut a,
        [
            Action::Opinion(Opinion::Agree),
            Action::Opinion(Opinion::Agree),
        ],
    );
    run(&mut a, [Action::Enter, Action::Yes, Action::Determine]);
    run(&mut a, typed("经审议，当事人收受财物，不予容错。"));
    run(
        &mut a,
        [Action::Enter, Action::Yes, Action::Back, Action::Report],
    );
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen_text(render(&a, w, h, false).backend().buffer());
        insta::assert_snapshot!(format!("report_{w}x{h}_zh"), s);
        assert!(s.contains("督查统计"), "{s}");
        assert!(s.contains("不予容错"), "{s}");
    }
    run(&mut a, [Action::Back]);
    assert!(a.popup.is_none());
}

#[test]
fn the_selected_case_is_marked_and_its_id_reversed_and_only_it() {
    let mut a = app("queue-selection", Lang::Zh);
    run(&mut a, [Action::Down, Action::Down]);
    let t = render(&a, 120, 40, false);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "2026-003").expect("the selected case");
    assert_eq!(buf[(x - 1, y)].symbol(), ">");
    for dx in 0..8 {
        assert!(buf[(x + dx, y)].modifier.contains(Modifier::REVERSED));
    }
    let (sx, _) = find(buf, "韩雪梅").expect("its subject");
    assert!(sx > x + 8, "the subject comes after the id");
    assert!(!buf[(sx, y)].modifier.contains(Modifier::REVERSED));
    // The row above carries no mark and nothing reversed.
    let (ox, oy) = find(buf, "2026-002").expect("the case above");
    assert_eq!(buf[(ox - 1, oy)].symbol(), " ");
    assert!(!buf[(ox, oy)].modifier.contains(Modifier::REVERSED));
    let marks = (0..buf.area.height)
        .filter(|&r| buf[(0, r)].symbol() == ">")
        .count();
    assert_eq!(marks, 1);
}

/// Case `id` voted through on its proposal by the five present, with `found` situations
/// marked first, up to the confirmation of the determination.
fn at_determination(app: &mut App, id: &str, found: &[u8], rationale: &str) {
    select(app, id);
    run(app, [Action::Enter]);
    run(app, found.iter().map(|&n| Action::Item(n)));
    run(app, [Action::Vote]);
    run(app, (0..5).map(|_| Action::Opinion(Opinion::Agree)));
    run(app, [Action::Enter, Action::Yes, Action::Determine]);
    run(app, typed(rationale));
    run(app, [Action::Enter]);
    assert!(
        matches!(a_popup(app), Some("Determine")),
        "{:?} {:?}",
        app.popup,
        app.message
    );
}

fn a_popup(app: &App) -> Option<&'static str> {
    match &app.popup {
        Some(docket::tui::app::Popup::Confirm(docket::tui::app::Confirm::Determine { .. })) => {
            Some("Determine")
        }
        _ => None,
    }
}

#[test]
fn a_lenient_outcome_resting_on_no_situation_is_pointed_out_before_it_is_recorded() {
    let note = "未认定任何容错情形";
    let mut a = app("lenient-none", Lang::Zh);
    in_meeting(&mut a);
    at_determination(&mut a, "2026-001", &[], "属先行先试");
    let text = screen_text(render(&a, 80, 24, false).backend().buffer());
    assert!(text.contains(note), "{text}");

    let mut a = app("lenient-s1", Lang::Zh);
    in_meeting(&mut a);
    at_determination(&mut a, "2026-001", &[1], "属先行先试");
    let text = screen_text(render(&a, 80, 24, false).backend().buffer());
    assert!(!text.contains(note), "{text}");
}

#[test]
fn a_confirmation_is_wrapped_to_be_read_whole_not_cut() {
    let mut a = app("finalize-confirm", Lang::En);
    in_meeting(&mut a);
    run(&mut a, [Action::Finalize]);
    let text = screen_text(render(&a, 80, 24, false).backend().buffer());
    // The popup's own text, joined across the wrap: the whole warning is there.
    let inside: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split('│').nth(1))
        .map(str::trim)
        .collect();
    assert!(
        inside.join(" ").contains("nothing can be changed after."),
        "{text}"
    );
}

#[test]
fn a_long_rationale_is_shortened_so_the_note_and_the_hint_still_show() {
    let mut a = app("long-rationale", Lang::Zh);
    in_meeting(&mut a);
    let long = "当事人在推进闲置农房盘活利用中主动作为".repeat(30);
    at_determination(&mut a, "2026-001", &[], &long);
    let text = screen_text(render(&a, 80, 24, false).backend().buffer());
    assert!(text.contains("未认定任何容错情形"), "{text}");
    assert!(text.contains("y：确认"), "{text}");
    assert!(
        text.contains(".."),
        "the rationale is marked as cut: {text}"
    );
}
