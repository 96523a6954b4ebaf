//! The queue's text filter (`&`) and its paging, driven through actions and drawn into a test
//! terminal: narrowing and widening as typed, folding, the count, `/` beside it, and the list
//! turning a page at a time with the selected case always on screen.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

#[path = "../examples/gen-panel/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{run, select, typed};
use docket::domain::text::Lang;
use docket::tui::app::{Action, App};
use docket::tui::keymap::{Context, Keymap};
use docket::tui::narrow::matching;
use docket::tui::theme::Theme;
use docket::tui::triage::Filter;
use docket::tui::views;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn example(name: &str) -> App {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("narrow")
        .join(name);
    common::example_into(&dir);
    common::open_app(&dir, Lang::En, common::START)
}

/// A generated panel of 300 cases, made once per run and copied for each test (docket writes
/// its lock and state into a panel).
fn synthetic(name: &str) -> App {
    static MADE: OnceLock<PathBuf> = OnceLock::new();
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("narrow");
    let made = MADE.get_or_init(|| {
        let dir = root.join(format!("p300-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        synthetic::generate(&dir, 300, 0, 7).expect("generate");
        dir
    });
    let dir = root.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(made, &dir);
    common::open_app(&dir, Lang::Zh, common::START)
}

/// The rows before the text filter (sorted, status-filtered, as kept), then those of them a
/// fresh scan of every case finds: what the narrowed rows must be.
fn expected(app: &App, text: &str) -> Vec<usize> {
    let keep = matching(&app.session, app.lang, text);
    let (_, base) = app.kept_base.as_ref().expect("rows kept");
    base.iter().copied().filter(|i| keep.contains(i)).collect()
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let km = Keymap::new(HashMap::new());
    t.draw(|f| views::draw(f, app, &km, Theme::new(true, false)))
        .expect("draw");
    t
}

/// One row of the screen as read: a wide character once.
fn line(t: &Terminal<TestBackend>, y: u16) -> String {
    use unicode_width::UnicodeWidthStr;
    let buf = t.backend().buffer();
    let mut out = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        out.push_str(sym);
        x += (sym.width() as u16).max(1);
    }
    out
}

fn screen(t: &Terminal<TestBackend>) -> String {
    let h = t.backend().buffer().area.height;
    (0..h).map(|y| line(t, y) + "\n").collect()
}

fn ids(app: &App, rows: &[usize]) -> Vec<String> {
    rows.iter()
        .map(|&i| app.session.cases[i].case.id.clone())
        .collect()
}

#[test]
fn typing_narrows_and_backspace_widens() {
    let mut a = example("narrow-widen");
    let all = a.rows().len();
    run(&mut a, [Action::Narrow]);
    assert_eq!(a.context(), Context::Input);
    run(&mut a, typed("东"));
    let one = a.rows().into_owned();
    assert_eq!(one, expected(&a, "东"));
    run(&mut a, typed("关"));
    let two = a.rows().into_owned();
    assert_eq!(two, expected(&a, "东关"));
    assert!(!two.is_empty() && two.len() < one.len() && one.len() < all);
    assert!(two.iter().all(|i| one.contains(i)));
    run(&mut a, [Action::Backspace]);
    assert_eq!(a.rows().into_owned(), one);
    run(&mut a, [Action::Backspace]);
    assert_eq!(a.rows().len(), all);
}

#[test]
fn full_width_and_upper_case_are_folded_both_ways() {
    let mut a = example("narrow-fold");
    run(&mut a, [Action::Narrow]);
    run(&mut a, typed("２０２６－００３"));
    let rows = a.rows().into_owned();
    assert_eq!(ids(&a, &rows), ["2026-003"]);
    // The claimed codes are written upper case (S1): lower case and full width find them.
    run(&mut a, [Action::ClearField]);
    run(&mut a, typed("s1"));
    let lower = a.rows().into_owned();
    assert!(!lower.is_empty());
    run(&mut a, [Action::ClearField]);
    run(&mut a, typed("Ｓ１"));
    assert_eq!(a.rows().into_owned(), lower);
    run(&mut a, [Action::ClearField]);
    run(&mut a, typed("S1"));
    assert_eq!(a.rows().into_owned(), lower);
    // And a field written full width is found by half-width typing.
    let i = a.session.cases.len() - 1;
    a.session.cases[i].case.subject.unit = "ＡＢＣ局".into();
    let cases = a.session.cases.clone();
    a.reload_cases(cases, None);
    run(&mut a, [Action::ClearField]);
    run(&mut a, typed("abc局"));
    let rows = a.rows().into_owned();
    assert_eq!(rows.len(), 1);
    assert_eq!(a.session.cases[rows[0]].case.subject.unit, "ＡＢＣ局");
}

#[test]
fn enter_keeps_the_filter_escape_clears_it_and_the_count_shows() {
    let mut a = example("narrow-keep");
    let total = a.session.cases.len();
    run(&mut a, [Action::Narrow]);
    run(&mut a, typed("党委"));
    let n = a.rows().len();
    let t = draw(&a, 120, 40);
    assert!(
        screen(&t).contains(&format!("& 党委  {n}/{total}")),
        "{}",
        screen(&t)
    );
    run(&mut a, [Action::Enter]);
    assert_eq!(a.context(), Context::Queue);
    assert_eq!(a.rows().len(), n);
    // Keys are the queue's again, moving within the cases that match.
    let first = a.selected;
    run(&mut a, [Action::Down]);
    assert!(a.rows().into_owned().contains(&a.selected));
    assert_ne!(a.selected, first);
    let t = draw(&a, 80, 24);
    assert!(screen(&t).contains(&format!("& 党委  {n}/{total}")));
    // It combines with the status filter.
    run(&mut a, [Action::CycleFilter]);
    assert_ne!(a.filter, Filter::All);
    assert_eq!(a.rows().into_owned(), expected(&a, "党委"));
    run(&mut a, vec![Action::CycleFilter; Filter::ALL.len() - 1]);
    assert_eq!(a.filter, Filter::All);
    // `&` again reopens the prompt on the text.
    run(&mut a, [Action::Narrow]);
    assert_eq!(a.context(), Context::Input);
    assert_eq!(a.narrow.prompt.as_ref().unwrap().text(), "党委");
    run(&mut a, [Action::Back]);
    assert_eq!(a.context(), Context::Queue);
    assert_eq!(a.narrow.text(), "");
    assert_eq!(a.rows().len(), total);
    let t = draw(&a, 120, 40);
    // The queue's status line, above the message and the hints.
    let status = line(&t, 37);
    assert!(status.contains(&format!(" {total}/{total}")), "{status}");
    assert!(!status.contains("& "), "{status}");
}

#[test]
fn nothing_matching_shows_an_empty_list_and_says_so() {
    let mut a = example("narrow-none");
    let total = a.session.cases.len();
    run(&mut a, [Action::Narrow]);
    run(&mut a, typed("zzq"));
    assert!(a.rows().is_empty());
    let t = draw(&a, 120, 40);
    let s = screen(&t);
    assert!(s.contains(&format!("0/{total}")), "{s}");
    assert!(s.contains("No case contains"), "{s}");
    assert!(!s.lines().any(|l| l.starts_with('>')));
    // What acts on a case refuses: none is shown.
    run(&mut a, [Action::Enter, Action::ToggleAgenda]);
    assert!(a.session.state.agenda.is_empty());
}

#[test]
fn the_cursor_stays_on_a_case_that_still_matches_else_goes_to_the_first_match() {
    let mut a = example("narrow-cursor");
    select(&mut a, "2026-001");
    run(&mut a, [Action::Narrow]);
    run(&mut a, typed("东关"));
    assert_eq!(a.case().unwrap().id, "2026-001");
    run(&mut a, [Action::ClearField]);
    run(&mut a, typed("2026-003"));
    assert_eq!(a.case().unwrap().id, "2026-003");
    run(&mut a, [Action::Backspace]);
    assert_eq!(a.case().unwrap().id, "2026-003", "a wider filter keeps it");
}

#[test]
fn slash_still_jumps_and_n_steps() {
    let mut a = example("narrow-slash");
    let total = a.session.cases.len();
    run(&mut a, [Action::Search]);
    run(&mut a, typed("党委"));
    run(&mut a, [Action::Enter]);
    let first = a.selected;
    assert!(a.case().unwrap().title.contains("党委"));
    // Jumping hides nothing.
    assert_eq!(a.rows().len(), total);
    run(&mut a, [Action::SearchNext]);
    let second = a.selected;
    assert_ne!(second, first);
    let c = &a.session.cases[second].case;
    assert!(
        [&c.id, &c.title, &c.subject.name, &c.subject.unit]
            .iter()
            .any(|f| f.contains("党委"))
    );
    run(&mut a, [Action::SearchPrev]);
    assert_eq!(a.selected, first);
    // Full width typed finds half width.
    run(&mut a, [Action::Search]);
    run(&mut a, typed("２０２６－００５"));
    run(&mut a, [Action::Enter]);
    assert_eq!(a.case().unwrap().id, "2026-005");
}

#[test]
fn moving_past_the_last_row_turns_a_page_with_the_selected_case_on_top() {
    let mut a = synthetic("page-down");
    a.area = (120, 40);
    a.page = 35;
    let shown = 35;
    let rows = a.rows().into_owned();
    assert!(rows.len() > 3 * shown);
    let top_y = 2; // the header, then the queue's column titles
    run(&mut a, vec![Action::Down; shown - 1]);
    let t = draw(&a, 120, 40);
    assert_eq!(
        line(&t, top_y + shown as u16 - 1).chars().next(),
        Some('>'),
        "the last row before the turn"
    );
    run(&mut a, [Action::Down]);
    let t = draw(&a, 120, 40);
    let top = line(&t, top_y);
    assert!(top.starts_with('>'), "{}", screen(&t));
    assert!(top.contains(&a.session.cases[rows[shown]].case.id));
    // Up past the top turns back: the selected case at the bottom of the page before.
    run(&mut a, [Action::Up]);
    let t = draw(&a, 120, 40);
    assert!(line(&t, top_y + shown as u16 - 1).starts_with('>'));
    assert!(line(&t, top_y).contains(&a.session.cases[rows[0]].case.id));
    // The last case: the last page is full.
    run(&mut a, [Action::Bottom]);
    let t = draw(&a, 120, 40);
    assert!(line(&t, top_y + shown as u16 - 1).starts_with('>'));
    run(&mut a, [Action::Top]);
    let t = draw(&a, 120, 40);
    assert!(line(&t, top_y).starts_with('>'));
}

#[derive(Clone, Debug)]
enum Op {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Resize(u16, u16),
    Narrow(char),
    Backspace,
    Keep,
    Clear,
    Filter,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => Just(Op::Down),
        3 => Just(Op::Up),
        1 => Just(Op::PageDown),
        1 => Just(Op::PageUp),
        1 => Just(Op::Top),
        1 => Just(Op::Bottom),
        1 => (80u16..140, 24u16..50).prop_map(|(w, h)| Op::Resize(w, h)),
        3 => prop::sample::select(vec!['县', '镇', '局', '2', '0', '1', 's', 'Ｓ', '-', 'x'])
            .prop_map(Op::Narrow),
        2 => Just(Op::Backspace),
        1 => Just(Op::Keep),
        1 => Just(Op::Clear),
        1 => Just(Op::Filter),
    ]
}

fn apply(a: &mut App, op: &Op) {
    let in_prompt = a.narrow.prompt.is_some();
    match *op {
        Op::Resize(w, h) => {
            a.area = (w, h);
            a.page = usize::from(h) - 5;
        }
        Op::Narrow(c) => {
            if !in_prompt {
                a.update(Action::Narrow);
            }
            a.update(Action::Char(c));
        }
        Op::Backspace if in_prompt => a.update(Action::Backspace),
        Op::Keep if in_prompt => a.update(Action::Enter),
        Op::Clear if in_prompt => a.update(Action::Back),
        Op::Backspace | Op::Keep | Op::Clear => {}
        // Moves are the queue's keys: the prompt is left first.
        _ => {
            if in_prompt {
                a.update(Action::Enter);
            }
            a.update(match op {
                Op::Down => Action::Down,
                Op::Up => Action::Up,
                Op::PageDown => Action::PageDown,
                Op::PageUp => Action::PageUp,
                Op::Top => Action::Top,
                Op::Bottom => Action::Bottom,
                _ => Action::CycleFilter,
            });
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Typed character by character, with Backspaces, the narrowed rows are always those a
    /// fresh scan gives; and the selected case is on screen whenever there is one to show.
    #[test]
    fn narrowing_agrees_with_a_fresh_scan_and_the_cursor_stays_in_view(
        ops in prop::collection::vec(op(), 1..60)
    ) {
        let mut a = synthetic("prop");
        for op in &ops {
            apply(&mut a, op);
            let rows = a.rows().into_owned();
            prop_assert_eq!(&rows, &expected(&a, a.narrow.text()));
            let (w, h) = a.area;
            let t = draw(&a, w, h);
            let marks: Vec<u16> = (0..h).filter(|&y| line(&t, y).starts_with('>')).collect();
            if rows.contains(&a.selected) {
                prop_assert_eq!(marks.len(), 1, "{:?}\n{}", op, screen(&t));
                let y = marks[0];
                prop_assert!(line(&t, y).contains(&a.session.cases[a.selected].case.id));
            } else {
                prop_assert!(marks.is_empty());
            }
        }
    }
}
