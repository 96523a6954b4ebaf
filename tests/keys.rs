//! Keys that tell the truth: nothing acts unseen (a terminal too small, a case the filter
//! hides), leaving an open meeting asks first, the agenda reads in its order.

mod common;

use std::path::{Path, PathBuf};

use common::{in_meeting, run, select, typed};
use docket::domain::text::Lang;
use docket::tui::app::{Action, App, Confirm, Popup, Screen};
use docket::tui::keymap::Context;
use docket::tui::triage::{Filter, Sort};

fn panel(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("keys")
        .join(name);
    common::example_into(&dir);
    dir
}

fn app(name: &str) -> App {
    common::open_app(&panel(name), Lang::En, common::START)
}

#[test]
fn under_the_too_small_screen_only_quitting_acts() {
    let mut a = app("too-small");
    in_meeting(&mut a);
    select(&mut a, "2026-001");
    a.area = (60, 20);
    assert_eq!(a.context(), Context::TooSmall);
    // F y, Enter, m: nothing happens that the clerk cannot see.
    run(
        &mut a,
        [
            Action::Finalize,
            Action::Yes,
            Action::Enter,
            Action::Meeting,
        ],
    );
    assert!(a.session.final_minutes.is_none());
    assert!(a.session.in_meeting());
    assert_eq!((a.screen, &a.popup), (Screen::Queue, &None));
    // q asks, as in a meeting it must; any other key stays.
    a.update(Action::Quit);
    assert_eq!(a.popup, Some(Popup::Confirm(Confirm::Quit)));
    assert_eq!(a.context(), Context::Confirm);
    a.update(Action::Char('n'));
    assert!(!a.quit && a.popup.is_none());
    run(&mut a, [Action::Quit, Action::Yes]);
    assert!(a.quit);
}

#[test]
fn leaving_an_open_meeting_asks_first_and_says_it_resumes() {
    let mut a = app("quit-meeting");
    // Outside a meeting q leaves at once.
    let mut idle = app("quit-idle");
    idle.update(Action::Quit);
    assert!(idle.quit);
    in_meeting(&mut a);
    a.update(Action::Quit);
    assert!(!a.quit);
    assert_eq!(a.popup, Some(Popup::Confirm(Confirm::Quit)));
    a.update(Action::Back);
    assert!(!a.quit && a.session.in_meeting());
    // Ctrl-C asks too, and a second one leaves.
    run(&mut a, [Action::QuitAll]);
    assert!(!a.quit);
    run(&mut a, [Action::QuitAll]);
    assert!(a.quit);
}

#[test]
fn nothing_acts_on_a_case_the_filter_hides() {
    let mut a = app("hidden");
    a.filter = Filter::Held;
    a.session.version += 1;
    assert!(a.visible().is_empty());
    for action in [
        Action::Enter,
        Action::ToggleAgenda,
        Action::Incomplete,
        Action::Hold,
        Action::EditCase,
    ] {
        a.update(action.clone());
        assert_eq!(a.screen, Screen::Queue, "{action:?}");
        assert_eq!(a.popup, None, "{action:?}");
        assert_eq!(a.edit_request, None, "{action:?}");
        assert!(
            a.message
                .as_ref()
                .is_some_and(|(_, m)| m.starts_with("No case is shown")),
            "{action:?}: {:?}",
            a.message
        );
    }
    assert!(a.session.state.agenda.is_empty());
    // A search that finds a hidden case shows it: the filter gives way.
    run(&mut a, [Action::Search]);
    run(&mut a, typed("2026-005"));
    a.update(Action::Enter);
    assert_eq!(a.filter, Filter::All);
    assert!(a.visible().contains(&a.selected));
}

#[test]
fn the_agenda_reads_in_its_order_under_its_filter_and_in_a_meeting() {
    let mut a = app("agenda-order");
    for id in ["2026-012", "2026-003", "2026-007"] {
        select(&mut a, id);
        a.update(Action::ToggleAgenda);
    }
    // 2026-003 moved up: first on the agenda.
    select(&mut a, "2026-003");
    a.update(Action::AgendaUp);
    assert_eq!(a.session.state.agenda, ["2026-003", "2026-012", "2026-007"]);
    while a.filter != Filter::OnAgenda {
        a.update(Action::CycleFilter);
    }
    assert_eq!(a.sort, Sort::Agenda);
    let ids: Vec<&str> = a
        .visible()
        .into_owned()
        .iter()
        .map(|&i| a.session.cases[i].case.id.as_str())
        .collect();
    assert_eq!(ids, ["2026-003", "2026-012", "2026-007"]);
    // A meeting starts in agenda order too.
    a.filter = Filter::All;
    a.sort = Sort::Received;
    in_meeting(&mut a);
    assert_eq!(a.sort, Sort::Agenda);
    let first: Vec<&str> = a.visible().into_owned()[..3]
        .iter()
        .map(|&i| a.session.cases[i].case.id.as_str())
        .collect();
    assert_eq!(first, ["2026-003", "2026-012", "2026-007"]);
}

#[test]
fn esc_on_a_form_with_typed_text_asks_before_throwing_it_away() {
    let mut a = app("discard");
    in_meeting(&mut a);
    select(&mut a, "2026-001");
    run(&mut a, [Action::Enter, Action::Determine]);
    run(&mut a, typed("一段很长的理由"));
    a.update(Action::Back);
    assert!(matches!(a.popup, Some(Popup::Confirm(Confirm::Discard(_)))));
    // Any other key: back to the form, the text kept.
    a.update(Action::Char('n'));
    match &a.popup {
        Some(Popup::Determination { form, .. }) => {
            assert_eq!(form.fields[0].1.text(), "一段很长的理由")
        }
        other => panic!("the form is gone: {other:?}"),
    }
    run(&mut a, [Action::Back, Action::Yes]);
    assert_eq!(a.popup, None);
    assert!(a.session.minutes().is_some_and(|m| m.cases.is_empty()));
    // An untouched form closes at once.
    run(&mut a, [Action::Determine, Action::Back]);
    assert_eq!(a.popup, None);
}

#[test]
fn an_empty_required_text_is_refused_with_one_message_and_its_box_stays() {
    let mut a = app("empty-reason");
    in_meeting(&mut a);
    select(&mut a, "2026-001");
    run(&mut a, [Action::Enter, Action::Vote]);
    run(&mut a, [Action::Void, Action::Enter]);
    let said = a.message.clone().map(|(_, m)| m);
    assert_eq!(said.as_deref(), Some("A reason is required"));
    assert!(matches!(a.popup, Some(Popup::Input { .. })));
    run(&mut a, [Action::Back, Action::Back]);
    // The same words for a hold without a reason, in the queue.
    a.update(Action::Hold);
    a.update(Action::Enter);
    assert_eq!(a.message.clone().map(|(_, m)| m), said);
    assert!(matches!(a.popup, Some(Popup::Input { .. })));
}

/// The hint bar's keys in the current context, as the screen would show them.
fn hint_keys(a: &App) -> Vec<String> {
    let km = docket::tui::keymap::Keymap::new(Default::default());
    let ctx = a.context();
    km.hints(ctx, a.lang, |x| a.acts(ctx, x))
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

#[test]
fn hints_show_only_keys_that_act() {
    let mut a = app("hints");
    // Outside a meeting there is nothing to finalize.
    assert!(!hint_keys(&a).contains(&"F".to_string()));
    in_meeting(&mut a);
    assert!(hint_keys(&a).contains(&"F".to_string()));
    // A follower records nothing: no recording key is offered.
    a.session.read_only = Some("clerk host 1 since".into());
    let keys = hint_keys(&a);
    for k in ["m", "F", "a"] {
        assert!(!keys.contains(&k.to_string()), "{k} offered: {keys:?}");
    }
    a.session.read_only = None;
    // The determination form moves between fields with Down; it offers no choice.
    select(&mut a, "2026-001");
    run(&mut a, [Action::Enter, Action::Determine]);
    assert_eq!(a.context(), Context::Form);
    let km = docket::tui::keymap::Keymap::new(Default::default());
    let help: Vec<&str> = km
        .hints(Context::Form, Lang::En, |_| true)
        .into_iter()
        .map(|(_, h)| h)
        .collect();
    assert!(!help.iter().any(|h| h.contains("choose")), "{help:?}");
    let fields_before = match &a.popup {
        Some(Popup::Determination { form, .. }) => form.focus,
        _ => panic!("no form"),
    };
    a.update(Action::Tab);
    assert!(
        matches!(&a.popup, Some(Popup::Determination { form, .. }) if form.focus != fields_before)
    );
}

#[test]
fn m_on_a_case_opens_the_roll_call_and_u_says_what_it_undid() {
    let mut a = app("m-and-undo");
    in_meeting(&mut a);
    select(&mut a, "2026-001");
    a.update(Action::Enter);
    a.update(Action::Meeting);
    assert_eq!(a.screen, Screen::Roll);
    a.update(Action::Back);
    select(&mut a, "2026-003");
    run(&mut a, [Action::ToggleAgenda, Action::Undo]);
    assert_eq!(
        a.message.clone().map(|(_, m)| m).as_deref(),
        Some("Undone: 2026-003 put on the agenda.")
    );
}

#[test]
fn editing_a_decided_case_asks_first() {
    let mut a = app("edit-decided");
    in_meeting(&mut a);
    select(&mut a, "2026-001");
    run(&mut a, [Action::Enter, Action::Vote]);
    run(
        &mut a,
        std::iter::repeat_n(Action::Opinion(docket::domain::rules::Opinion::Agree), 5),
    );
    run(&mut a, [Action::Enter, Action::Yes, Action::Determine]);
    run(&mut a, typed("予以容错"));
    run(&mut a, [Action::Enter, Action::Yes, Action::Back]);
    assert_eq!(
        a.session.status("2026-001"),
        docket::tui::triage::Status::Decided
    );
    a.update(Action::EditCase);
    assert_eq!(
        a.edit_request, None,
        "not before the clerk has read the warning"
    );
    assert!(matches!(
        a.popup,
        Some(Popup::Confirm(Confirm::EditDecided(_)))
    ));
    a.update(Action::Yes);
    assert_eq!(a.edit_request, Some(Some(a.selected)));
}

#[test]
fn ctrl_u_empties_a_field_and_h_l_are_offered_only_on_the_distinctions() {
    let mut a = app("clear-and-hints");
    in_meeting(&mut a);
    select(&mut a, "2026-001");
    run(&mut a, [Action::Enter, Action::Proposal]);
    assert!(
        matches!(&a.popup, Some(Popup::Proposal { form, .. }) if !form.fields[0].1.text().is_empty())
    );
    a.update(Action::ClearField);
    assert!(
        matches!(&a.popup, Some(Popup::Proposal { form, .. }) if form.fields[0].1.text().is_empty())
    );
    a.update(Action::Back);
    a.update(Action::Yes);
    // The facts in front: no finding keys offered; the distinctions: offered.
    a.case_view.focus = 0;
    assert!(!hint_keys(&a).contains(&"h".to_string()));
    a.case_view.focus = 1;
    assert!(hint_keys(&a).contains(&"h".to_string()));
}
