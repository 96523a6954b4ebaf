//! What docket writes it can read back: a meeting's minutes stop at a stated maximum, and the
//! estimate that guards it never lets a step through that renders past it.

mod common;

use std::path::Path;

use docket::domain::event::{self, Event};
use docket::domain::meeting::Meeting;
use docket::domain::rules::Method;
use docket::store::minutes::{self, MAX_MINUTES, Minutes, READ_MINUTES};

#[test]
fn a_meeting_near_the_maximum_is_refused_the_step_that_would_pass_it() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("limits");
    common::example_into(&dir);
    let loaded = docket::config::load_panel(&dir);
    let panel = loaded.panel.expect("panel");
    let mut m: Option<Meeting> = None;
    let open = Event::Open {
        id: "2026-11-20-1".into(),
        at: "2026-11-20T09:00:00+08:00".into(),
        present: panel.members.iter().map(|x| x.id.clone()).collect(),
        absent: Vec::new(),
        attendees: Vec::new(),
        acting_chair: None,
        method: Method::Named,
    };
    event::apply(&mut m, &panel, &open).expect("open");
    // Filled quickly to near the maximum, then steps as long as a field takes (20,000
    // characters) until the guard says no more.
    let bulk = "册".repeat(640_000);
    for _ in 0..4 {
        event::apply(&mut m, &panel, &Event::Attendee { name: bulk.clone() }).expect("bulk");
    }
    let mut added = 4;
    let name = "列".repeat(20_000);
    loop {
        let step = Event::Attendee { name: name.clone() };
        let line = docket::store::journal::line(0, &step).len();
        if !minutes::has_room(&panel, m.as_ref(), line, 0) {
            break;
        }
        event::apply(&mut m, &panel, &step).expect("attendee");
        added += 1;
        assert!(added < 1_000, "the guard never refused");
    }
    let text = minutes::render(&Minutes::new(&panel, m.as_ref().expect("m"))).expect("render");
    // Refused before the maximum, close to it, and what was written reads back.
    assert!(text.len() <= MAX_MINUTES, "{} > {MAX_MINUTES}", text.len());
    assert!(
        text.len() > MAX_MINUTES * 9 / 10,
        "refused far too early: {}",
        text.len()
    );
    assert!((text.len() as u64) < READ_MINUTES);
    let back = minutes::parse(&text).expect("reads back");
    assert_eq!(back.attendance.attendees.len(), added);
}
