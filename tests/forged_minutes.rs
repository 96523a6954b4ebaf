//! Open minutes edited by hand are not taken as the record: the journal, written before
//! every step was shown, rebuilds them, and the clerk is told.

mod common;

use std::path::Path;

use common::{run, typed};
use docket::domain::rules::Opinion;
use docket::domain::text::Lang;
use docket::tui::app::Action;

#[test]
fn open_minutes_that_differ_from_their_journal_are_rebuilt_from_it() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("forged");
    common::example_into(&dir);
    let mut a = common::open_app(&dir, Lang::En, common::START);
    run(&mut a, [Action::Meeting, Action::Enter]);
    common::select(&mut a, "2026-005");
    run(&mut a, [Action::Enter, Action::Vote]);
    run(
        &mut a,
        std::iter::repeat_n(Action::Opinion(Opinion::Agree), 5),
    );
    run(
        &mut a,
        [
            Action::Opinion(Opinion::Disagree),
            Action::Enter,
            Action::Yes,
        ],
    );
    run(&mut a, [Action::Determine]);
    run(&mut a, typed("rat5"));
    run(&mut a, [Action::Enter, Action::Yes]);
    docket::tui::save(&mut a);
    let id = a.session.meeting.as_ref().expect("meeting").id.clone();
    let path = docket::store::minutes::path_for(&dir, &id);
    // The forger's edit: the chair's opinion and the outcome, the journal number untouched.
    let text = std::fs::read_to_string(&path).expect("minutes");
    let forged = text
        .replacen("opinion: disagree", "opinion: agree", 1)
        .replace(
            "outcome: tolerate\n    round: 1",
            "outcome: not_tolerate\n    round: 1",
        );
    assert_ne!(forged, text);
    std::fs::write(&path, &forged).expect("forge");
    let again = common::open_app(&dir, Lang::En, common::START);
    assert!(
        again
            .session
            .notes
            .iter()
            .any(|n| n.contains("differ from their journal")),
        "{:?}",
        again.session.notes
    );
    let r = again
        .session
        .meeting
        .as_ref()
        .and_then(|m| m.record("2026-005"))
        .expect("record");
    let d = r.determination().expect("determination");
    assert_eq!(d.outcome, "tolerate");
    assert_eq!(r.rounds[0].tally.disagree, 1);
    // And the file on disk says what the journal says again.
    let fixed = std::fs::read_to_string(&path).expect("minutes");
    assert!(!fixed.contains("not_tolerate"), "{fixed}");
}
