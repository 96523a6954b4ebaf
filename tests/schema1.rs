//! Minutes and journals written by schema 1 (the previous version of docket), kept as
//! fixtures in tests/data/schema1: they still load, verify, resume and replay.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use docket::domain::rules::Opinion;
use docket::domain::text::Lang;
use docket::store::minutes::{self, Seal};
use docket::tui::app::Action;

const ID: &str = "2026-11-28-1";

fn fixture(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/schema1")
        .join(kind)
}

/// A copy of the example panel with the fixture's files (`names`) in its minutes folder.
fn panel_with(name: &str, kind: &str, names: &[&str]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("schema1")
        .join(name);
    common::example_into(&dir);
    std::fs::create_dir_all(dir.join("minutes")).expect("mkdir");
    for n in names {
        std::fs::copy(fixture(kind).join(n), dir.join("minutes").join(n)).expect("copy");
    }
    dir
}

#[test]
fn finalized_schema_1_minutes_still_verify() {
    let (text, m) =
        minutes::read(&fixture("final").join(format!("{ID}.yaml"))).expect("schema 1 reads");
    assert_eq!(m.schema, 1);
    assert_eq!(minutes::verify(&text, &m), Seal::Intact);
    // This version's writing of them reads back the same (it quotes times, for YAML 1.1
    // readers; finalized minutes are never rewritten).
    let again = minutes::render(&m).expect("render");
    assert_eq!(minutes::parse(&again).expect("reads back"), m);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(["verify"])
        .arg(fixture("final").join(format!("{ID}.yaml")))
        .output()
        .expect("docket verify");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // And the case they decided reads as decided.
    let dir = panel_with("final", "final", &[&format!("{ID}.yaml")]);
    let app = common::open_app(&dir, Lang::En, common::START);
    assert_eq!(app.session.history.len(), 1);
    assert_eq!(
        app.session.status("2026-001"),
        docket::tui::triage::Status::Decided
    );
}

#[test]
fn an_open_schema_1_meeting_resumes_and_goes_on_to_finalize() {
    let dir = panel_with(
        "open",
        "open",
        &[&format!("{ID}.yaml"), &format!("{ID}.journal")],
    );
    let mut app = common::open_app(&dir, Lang::En, common::START);
    app.session.user = "clerk".into();
    let m = app.session.meeting.as_ref().expect("the meeting resumes");
    assert_eq!(m.id, ID);
    let round = m
        .record("2026-002")
        .and_then(|r| r.open_round())
        .expect("the open round resumes")
        .clone();
    assert_eq!(round.opinions.len(), 3);
    assert_eq!(app.case().map(|c| c.id.as_str()), Some("2026-002"));
    // The remaining voters speak, the round closes and the case is decided.
    for _ in 0..2 {
        app.update(Action::Opinion(Opinion::Agree));
        assert_eq!(app.message, None);
    }
    for a in [Action::Enter, Action::Yes, Action::Determine] {
        app.update(a);
    }
    for c in "continued after the upgrade".chars() {
        app.update(Action::Char(c));
    }
    for a in [
        Action::Enter,
        Action::Yes,
        Action::Back,
        Action::Finalize,
        Action::Yes,
    ] {
        app.update(a);
    }
    docket::tui::save(&mut app);
    let (text, m) = minutes::read(&dir.join("minutes").join(format!("{ID}.yaml"))).expect("read");
    // Rewritten by this version, in its schema: it may now hold fields schema 1 had not.
    assert_eq!(m.schema, minutes::SCHEMA);
    assert_eq!(minutes::verify(&text, &m), Seal::Intact);
    let r = m.cases.iter().find(|c| c.case == "2026-002").expect("case");
    assert_eq!(
        r.determination().map(|d| d.outcome.as_str()),
        Some("remove")
    );
}

#[test]
fn a_schema_1_journal_alone_replays_to_the_meeting_its_minutes_held() {
    let dir = panel_with("journal", "open", &[&format!("{ID}.journal")]);
    let app = common::open_app(&dir, Lang::En, common::START);
    let replayed = app
        .session
        .meeting
        .clone()
        .expect("replayed from the journal");
    let (_, written) =
        minutes::read(&fixture("open").join(format!("{ID}.yaml"))).expect("schema 1 minutes");
    assert_eq!(replayed, written.meeting());
}
