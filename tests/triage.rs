//! Triage in the queue through actions: every act, undo, filters and sorts, the agenda order,
//! and the working state on disk.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use docket::domain::text::Lang;
use docket::store::state;
use docket::tui::app::{Action, App, Popup};
use docket::tui::triage::{Filter, Sort, Status};

fn panel(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("triage")
        .join(name);
    common::example_into(&dir);
    dir
}

fn app(dir: &Path) -> App {
    common::open_app(dir, Lang::En, common::START)
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

fn typ(a: &mut App, s: &str) {
    send(a, s.chars().map(Action::Char));
}

fn agenda(a: &App) -> Vec<&str> {
    a.session.state.agenda.iter().map(String::as_str).collect()
}

#[test]
fn a_puts_a_case_on_the_agenda_and_takes_it_off() {
    let mut a = app(&panel("agenda"));
    for id in ["2026-003", "2026-001", "2026-007"] {
        select(&mut a, id);
        a.update(Action::ToggleAgenda);
    }
    assert_eq!(agenda(&a), ["2026-003", "2026-001", "2026-007"]);
    assert_eq!(a.session.status("2026-001"), Status::OnAgenda(2));
    select(&mut a, "2026-001");
    a.update(Action::ToggleAgenda);
    assert_eq!(agenda(&a), ["2026-003", "2026-007"]);
    assert_eq!(a.session.status("2026-001"), Status::Pending);
}

#[test]
fn j_and_k_move_a_case_down_and_up_the_agenda() {
    let mut a = app(&panel("move"));
    for id in ["2026-001", "2026-002", "2026-003"] {
        select(&mut a, id);
        a.update(Action::ToggleAgenda);
    }
    select(&mut a, "2026-001");
    a.update(Action::AgendaDown);
    assert_eq!(agenda(&a), ["2026-002", "2026-001", "2026-003"]);
    a.update(Action::AgendaDown);
    a.update(Action::AgendaDown); // already last: nothing changes
    assert_eq!(agenda(&a), ["2026-002", "2026-003", "2026-001"]);
    select(&mut a, "2026-003");
    a.update(Action::AgendaUp);
    a.update(Action::AgendaUp);
    assert_eq!(agenda(&a), ["2026-003", "2026-002", "2026-001"]);
    select(&mut a, "2026-009");
    a.update(Action::AgendaDown);
    assert!(
        a.message
            .as_ref()
            .is_some_and(|(_, m)| m.contains("not on the agenda"))
    );
}

#[test]
fn x_holds_a_case_back_with_a_reason_and_releases_it() {
    let mut a = app(&panel("hold"));
    select(&mut a, "2026-005");
    a.update(Action::ToggleAgenda);
    a.update(Action::Hold);
    assert!(matches!(a.popup, Some(Popup::Input { .. })));
    a.update(Action::Enter); // no reason: refused
    assert!(a.session.state.held.is_empty());
    a.update(Action::Hold);
    typ(&mut a, "等待审计结论");
    a.update(Action::Enter);
    assert_eq!(a.session.status("2026-005"), Status::Held);
    assert_eq!(a.session.state.held[0].note, "等待审计结论");
    // Held cases leave the agenda and cannot go back on it while held.
    assert!(agenda(&a).is_empty());
    a.update(Action::ToggleAgenda);
    assert!(agenda(&a).is_empty());
    a.update(Action::Hold);
    assert_eq!(a.session.status("2026-005"), Status::Pending);
}

#[test]
fn i_marks_materials_incomplete_with_a_note_and_i_again_clears_it() {
    let mut a = app(&panel("incomplete"));
    select(&mut a, "2026-006");
    a.update(Action::Incomplete);
    typ(&mut a, "缺少审批台账");
    a.update(Action::Enter);
    assert_eq!(
        a.session
            .state
            .incomplete("2026-006")
            .map(|n| n.note.as_str()),
        Some("缺少审批台账")
    );
    a.filter = Filter::Incomplete;
    assert_eq!(a.visible().len(), 1);
    a.update(Action::Incomplete);
    assert!(a.session.state.incomplete("2026-006").is_none());
}

#[test]
fn u_undoes_the_last_triage_acts_one_by_one() {
    let mut a = app(&panel("undo"));
    select(&mut a, "2026-001");
    a.update(Action::ToggleAgenda);
    select(&mut a, "2026-002");
    a.update(Action::ToggleAgenda);
    a.update(Action::AgendaUp);
    assert_eq!(agenda(&a), ["2026-002", "2026-001"]);
    a.update(Action::Undo);
    assert_eq!(agenda(&a), ["2026-001", "2026-002"]);
    a.update(Action::Undo);
    a.update(Action::Undo);
    assert!(agenda(&a).is_empty());
    a.update(Action::Undo);
    assert!(
        a.message
            .as_ref()
            .is_some_and(|(_, m)| m.contains("Nothing to undo"))
    );
}

#[test]
fn f_and_s_cycle_filters_and_sorts() {
    let mut a = app(&panel("filters"));
    select(&mut a, "2026-004");
    a.update(Action::ToggleAgenda);
    let names: Vec<Filter> = (0..8)
        .map(|_| {
            a.update(Action::CycleFilter);
            a.filter
        })
        .collect();
    assert_eq!(names[0], Filter::Pending);
    assert_eq!(names[7], Filter::All);
    a.filter = Filter::OnAgenda;
    assert_eq!(a.visible().len(), 1);
    a.filter = Filter::UnderReview;
    let ids: Vec<&str> = a
        .visible()
        .into_owned()
        .iter()
        .map(|&i| a.session.cases[i].case.id.as_str())
        .collect();
    assert_eq!(ids, ["2026-004", "2026-010"]);
    a.filter = Filter::All;
    a.update(Action::CycleSort);
    assert_eq!(a.sort, Sort::Id);
    a.update(Action::CycleSort);
    assert_eq!(a.sort, Sort::Unit);
    let units: Vec<&str> = a
        .visible()
        .into_owned()
        .iter()
        .map(|&i| a.session.cases[i].case.subject.unit.as_str())
        .collect();
    let mut sorted = units.clone();
    sorted.sort();
    assert_eq!(units, sorted);
}

#[test]
fn o_orders_the_agenda_so_recused_members_step_out_least() {
    let mut a = app(&panel("order"));
    // 2026-002 recuses liu-zhiqiang, 2026-007 zhao-min, 2026-014 zhang-wei and chen-jing.
    for id in ["2026-002", "2026-001", "2026-014", "2026-007", "2026-003"] {
        select(&mut a, id);
        a.update(Action::ToggleAgenda);
    }
    a.update(Action::OrderAgenda);
    // The cases without recusals first (by received date), then each recusal group once.
    assert_eq!(&agenda(&a)[..2], ["2026-001", "2026-003"]);
    let rest: Vec<&str> = agenda(&a)[2..].to_vec();
    let mut sorted = rest.clone();
    sorted.sort();
    assert_eq!(sorted, ["2026-002", "2026-007", "2026-014"]);
    // Three disjoint groups: each member out and back once: 2 + 2 + 4 = 8.
    assert!(
        a.message
            .as_ref()
            .is_some_and(|(_, m)| m.contains("8 times")),
        "{:?}",
        a.message
    );
    a.update(Action::Undo);
    assert_eq!(
        agenda(&a),
        ["2026-002", "2026-001", "2026-014", "2026-007", "2026-003"]
    );
}

#[test]
fn the_working_state_is_written_to_state_yaml_and_read_back() {
    let dir = panel("disk");
    let mut a = app(&dir);
    select(&mut a, "2026-003");
    a.update(Action::ToggleAgenda);
    select(&mut a, "2026-008");
    a.update(Action::Hold);
    typ(&mut a, "当事人病休");
    a.update(Action::Enter);
    docket::tui::save(&mut a);
    let text = std::fs::read_to_string(dir.join("state.yaml")).expect("state.yaml");
    assert!(text.contains("- 2026-003"), "{text}");
    assert!(text.contains("当事人病休"), "{text}");
    let b = app(&dir);
    assert_eq!(b.session.state, a.session.state);
    // The case files are untouched.
    let case = std::fs::read_to_string(dir.join("cases/2026-003.yaml")).expect("case");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("panels/example/cases/2026-003.yaml"),
    )
    .expect("original");
    assert_eq!(case, original);
}

#[test]
fn a_broken_state_file_is_reported_and_never_written_over() {
    let dir = panel("broken");
    std::fs::write(dir.join("state.yaml"), "agenda: [\n").expect("write");
    let mut a = app(&dir);
    assert!(a.session.state_error.is_some());
    select(&mut a, "2026-003");
    a.update(Action::ToggleAgenda);
    docket::tui::save(&mut a);
    assert_eq!(
        std::fs::read_to_string(dir.join("state.yaml")).expect("state"),
        "agenda: [\n"
    );
    assert!(state::read(&dir).is_err());
}

#[test]
fn during_a_meeting_the_queue_shows_the_agenda_first_and_brackets_walk_it() {
    let mut a = app(&panel("brackets"));
    for id in ["2026-009", "2026-002"] {
        select(&mut a, id);
        a.update(Action::ToggleAgenda);
    }
    send(&mut a, [Action::Meeting, Action::Enter]);
    assert!(a.session.in_meeting());
    let first: Vec<&str> = a.visible().into_owned()[..2]
        .iter()
        .map(|&i| a.session.cases[i].case.id.as_str())
        .collect();
    assert_eq!(first, ["2026-009", "2026-002"]);
    select(&mut a, "2026-009");
    a.update(Action::Enter);
    a.update(Action::NextAgenda);
    assert_eq!(a.case().map(|c| c.id.as_str()), Some("2026-002"));
    a.update(Action::NextAgenda);
    assert_eq!(a.case().map(|c| c.id.as_str()), Some("2026-002"));
    a.update(Action::PrevAgenda);
    assert_eq!(a.case().map(|c| c.id.as_str()), Some("2026-009"));
}

#[test]
fn docket_agenda_prints_the_clerks_agenda_in_its_order() {
    let dir = panel("agenda-print");
    let mut a = app(&dir);
    for id in ["2026-012", "2026-003"] {
        select(&mut a, id);
        a.update(Action::ToggleAgenda);
    }
    docket::tui::save(&mut a);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(["agenda", dir.to_str().expect("utf-8"), "--lang", "en"])
        .output()
        .expect("docket agenda");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let p12 = out.find("2026-012").expect("2026-012 on the agenda");
    let p03 = out.find("2026-003").expect("2026-003 on the agenda");
    assert!(p12 < p03, "{out}");
    assert!(!out.contains("2026-001"), "only the agenda's cases: {out}");
}

#[test]
fn a_case_taken_up_leaves_the_pending_filter_on_the_way_back_to_the_queue() {
    let mut a = app(&panel("taken-up"));
    a.filter = Filter::Pending;
    let pending = a.visible().len();
    // Open the meeting with everyone present.
    send(&mut a, [Action::Meeting, Action::Enter]);
    assert!(a.session.in_meeting(), "{:?}", a.message);
    assert_eq!(a.visible().len(), pending);
    let first = a.visible().into_owned()[0];
    a.selected = first;
    // Looking at a case and back changes nothing: reading a case does not take it up.
    send(&mut a, [Action::Enter, Action::Back]);
    assert_eq!(a.visible().len(), pending);
    assert!(a.session.minutes().is_some_and(|m| m.cases.is_empty()));
    // Its first recorded step (the presenter named) does.
    send(&mut a, [Action::Enter, Action::Presenter]);
    typ(&mut a, "干部科");
    send(&mut a, [Action::Enter, Action::Back]);
    assert_eq!(
        a.session.status(&a.session.cases[first].case.id),
        Status::InMeeting
    );
    assert_eq!(a.visible().len(), pending - 1);
    assert!(!a.visible().contains(&first));
    // The cursor is on the case that came after it, not on a row the filter hides.
    assert_eq!(a.selected, a.visible().into_owned()[0]);
    let next = a.session.cases[a.selected].case.id.clone();
    a.update(Action::Down);
    assert_eq!(a.selected, a.visible().into_owned()[1], "from {next}");
}

#[test]
fn a_search_may_select_a_case_the_filter_hides_and_keeps_it() {
    let mut a = app(&panel("search-hidden"));
    select(&mut a, "2026-005");
    a.update(Action::Hold);
    typ(&mut a, "等待审计结论");
    a.update(Action::Enter);
    assert_eq!(a.session.status("2026-005"), Status::Held);
    a.filter = Filter::Pending;
    select(&mut a, "2026-001");
    a.update(Action::Search);
    typ(&mut a, "2026-005");
    a.update(Action::Enter);
    assert_eq!(
        a.session.cases[a.selected].case.id, "2026-005",
        "{:?}",
        a.message
    );
}

#[test]
fn holding_a_case_under_the_pending_filter_moves_the_cursor_to_the_next_row() {
    let mut a = app(&panel("hold-pending"));
    a.filter = Filter::Pending;
    let rows = a.visible().into_owned();
    a.selected = rows[2];
    let next = rows[3];
    a.update(Action::Hold);
    typ(&mut a, "等待审计结论");
    a.update(Action::Enter);
    assert_eq!(
        a.session.status(&a.session.cases[rows[2]].case.id),
        Status::Held
    );
    assert!(!a.visible().contains(&rows[2]));
    assert_eq!(a.selected, next);
}
