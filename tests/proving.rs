//! Minutes that prove themselves: each forgery an attack found, done as its script did it,
//! must now fail `docket verify`, and docket must never seal a forgery itself.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use docket::domain::rules::Opinion;
use docket::domain::text::Lang;
use docket::store::ledger;
use docket::store::minutes::{self, Minutes, Sealer};
use docket::tui::app::{Action, App};

fn send(a: &mut App, actions: impl IntoIterator<Item = Action>) {
    for x in actions {
        a.update(x);
    }
}

fn verify(path: &Path) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(["verify", path.to_str().expect("utf-8"), "--lang", "en"])
        .output()
        .expect("docket verify");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

/// A copy of the example panel with one meeting decided, finalized and corrected once by an
/// addendum, written as docket writes it: the minutes' file and the meeting's id.
fn sealed_panel(name: &str) -> (PathBuf, PathBuf, String) {
    let dir: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("proving")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    common::example_into(&dir);
    let mut a = common::open_app(&dir, Lang::En, common::START);
    send(
        &mut a,
        [Action::Meeting, Action::Enter, Action::Enter, Action::Vote],
    );
    send(
        &mut a,
        std::iter::repeat_n(Action::Opinion(Opinion::Agree), 6),
    );
    send(&mut a, [Action::Enter, Action::Yes, Action::Determine]);
    common::run(&mut a, common::typed("符合第一种情形，予以容错。"));
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
    docket::tui::save(&mut a);
    let meeting = a
        .session
        .final_minutes
        .as_ref()
        .expect("final")
        .meeting
        .id
        .clone();
    common::select(&mut a, "2026-001");
    a.update(Action::Correct);
    common::run(&mut a, common::typed("笔误"));
    a.update(Action::Tab);
    common::run(&mut a, common::typed("决定日期应为11月20日。"));
    send(&mut a, [Action::Enter, Action::Yes]);
    docket::tui::save(&mut a);
    let path = minutes::path_for(&dir, &meeting);
    (dir, path, meeting)
}

fn read(path: &Path) -> (String, Minutes) {
    minutes::read(path).expect("minutes read")
}

/// Seals `m` again as a forger's script would, with the finalization it had.
fn reseal(m: &mut Minutes) -> String {
    let f = m.finalization.clone().expect("sealed");
    let sealer = Sealer {
        by: &f.by,
        user: &f.user,
        uid: f.uid,
        at: &f.at,
        ledger: f.ledger.as_deref(),
    };
    minutes::seal(m, &sealer).expect("seal");
    minutes::render(m).expect("render")
}

#[test]
fn the_untouched_panel_verifies_and_its_ledger_enters_both_records() {
    let (dir, path, _) = sealed_panel("untouched");
    let (code, out) = verify(&dir);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out.matches(": intact; sealed, unsigned").count(),
        2,
        "{out}"
    );
    assert!(out.contains("minutes/ledger: 2 entries"), "{out}");
    let l = ledger::read(&dir).expect("ledger");
    let (text, m) = read(&path);
    // The minutes name the ledger before them, and the ledger enters their exact bytes.
    let f = m.finalization.expect("sealed");
    assert_eq!(f.ledger.as_deref(), Some(ledger::GENESIS));
    assert!(f.uid.is_some());
    match &l.entries[0].record {
        ledger::Record::Sealed { digest, .. } => {
            assert_eq!(*digest, minutes::sha256_hex(text.as_bytes()))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn changing_who_finalized_or_when_fails() {
    let (_, path, _) = sealed_panel("finalizer");
    let (text, m) = read(&path);
    let f = m.finalization.expect("sealed");
    let at = text.find("\nfinalization:").expect("block");
    let (body, tail) = text.split_at(at);
    for (from, to) in [
        (format!("  by: {}", f.by), "  by: wang-jianguo".to_string()),
        (
            format!("  user: {}", f.user),
            "  user: someone-else".to_string(),
        ),
        (f.at.clone(), f.at.replace("2026-11-20", "2026-11-19")),
    ] {
        assert!(tail.contains(&from), "{from}");
        let forged = format!("{body}{}", tail.replacen(&from, &to, 1));
        std::fs::write(&path, forged).expect("write");
        let (code, out) = verify(&path);
        assert_eq!(code, 1, "{from} → {to}: {out}");
        assert!(out.contains("the finalization"), "{out}");
    }
}

#[test]
fn an_opinion_changed_with_the_digests_recomputed_fails_against_the_ledger() {
    let (dir, path, _) = sealed_panel("recomputed");
    let (_, mut m) = read(&path);
    let round = &mut m.cases[0].rounds[0];
    round.opinions[1].opinion = Opinion::Disagree;
    round.tally.agree -= 1;
    round.tally.disagree += 1;
    let forged = reseal(&mut m);
    std::fs::write(&path, &forged).expect("write");
    // The seal alone cannot tell: the script recomputed it.
    let (_, parsed) = read(&path);
    assert_eq!(minutes::verify(&forged, &parsed), minutes::Seal::Intact);
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("not those the ledger entered"), "{out}");
}

#[test]
fn a_deleted_addendum_is_named() {
    let (dir, _, meeting) = sealed_panel("addendum-gone");
    let a = docket::store::addendum::path_for(&dir, &meeting, 1);
    std::fs::remove_file(&a).expect("remove");
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("addendum-1.yaml: DELETED"), "{out}");
}

#[test]
fn minutes_turned_back_into_open_ones_are_named_and_never_reopened() {
    let (dir, path, _) = sealed_panel("definalized");
    let (text, _) = read(&path);
    let open = &text[..text.find("\nfinalization:").expect("block") + 1];
    std::fs::write(&path, open).expect("write");
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("the seal was taken out"), "{out}");
    // docket does not take the meeting up again to seal what is in the file now.
    let app = common::open_app(&dir, Lang::En, common::START + 86_400);
    assert!(app.session.meeting.is_none());
    assert!(
        app.session
            .notes
            .iter()
            .any(|n| n.contains("no longer finalized")),
        "{:?}",
        app.session.notes
    );
}

#[test]
fn minutes_renamed_to_another_date_are_named() {
    let (dir, path, _) = sealed_panel("renamed");
    let other = dir.join("minutes/2026-11-18-1.yaml");
    std::fs::rename(&path, &other).expect("rename");
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("2026-11-18-1.yaml: CHANGED"), "{out}");
    assert!(out.contains("the file name does not match"), "{out}");
    assert!(out.contains("DELETED"), "{out}");
}

#[test]
fn a_line_taken_out_of_the_ledger_is_named() {
    let (dir, _, _) = sealed_panel("ledger-cut");
    let lp = ledger::path_for(&dir);
    let text = std::fs::read_to_string(&lp).expect("ledger");
    let rest: String = text.lines().skip(1).map(|l| format!("{l}\n")).collect();
    std::fs::write(&lp, rest).expect("write");
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("minutes/ledger:1: CHANGED"), "{out}");
}

#[test]
fn a_journal_edited_and_the_minutes_deleted_are_not_sealed_again() {
    let (dir, path, meeting) = sealed_panel("journal-forgery");
    let journal = docket::store::journal::path_for(&dir, &meeting);
    // The forger flips one opinion in the journal (fixing its check) and deletes the minutes.
    common::flip_an_opinion_in_journal(&journal);
    std::fs::remove_file(&path).expect("remove");
    let app = common::open_app(&dir, Lang::En, common::START + 86_400);
    docket::tui::save(&mut { app });
    assert!(
        !path.exists(),
        "docket wrote minutes again from the forged journal"
    );
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("DELETED"), "{out}");
}

#[test]
fn swapped_records_are_named() {
    let (dir, path, meeting) = sealed_panel("swapped");
    // A second sealed meeting, then the two files' contents exchanged.
    let mut a = common::open_app(&dir, Lang::En, common::START + 86_400);
    send(&mut a, [Action::Meeting, Action::Enter]);
    send(&mut a, [Action::Finalize, Action::Yes]);
    docket::tui::save(&mut a);
    let second = a
        .session
        .final_minutes
        .as_ref()
        .expect("final")
        .meeting
        .id
        .clone();
    assert_ne!(second, meeting);
    let other = minutes::path_for(&dir, &second);
    let (one, two) = (
        std::fs::read(&path).expect("one"),
        std::fs::read(&other).expect("two"),
    );
    std::fs::write(&path, two).expect("write");
    std::fs::write(&other, one).expect("write");
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("it holds what the ledger entered for"),
        "{out}"
    );
}

#[test]
fn a_deleted_ledger_is_named_and_not_begun_anew() {
    let (dir, _, _) = sealed_panel("ledger-gone");
    std::fs::remove_file(ledger::path_for(&dir)).expect("remove");
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("minutes/ledger: MISSING"), "{out}");
    let a = common::open_app(&dir, Lang::En, common::START + 86_400);
    assert!(
        a.session.notes.iter().any(|n| n.contains("MISSING")),
        "{:?}",
        a.session.notes
    );
    assert!(!ledger::path_for(&dir).exists());
}

#[test]
fn a_panel_sealed_before_the_ledger_gets_one_once_with_a_note() {
    let dir: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("proving")
        .join("begun");
    let _ = std::fs::remove_dir_all(&dir);
    common::example_into(&dir);
    std::fs::create_dir_all(dir.join("minutes")).expect("mkdir");
    let name = "2026-11-20-1.yaml";
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/schema2");
    std::fs::copy(fixture.join(name), dir.join("minutes").join(name)).expect("copy");
    let (code, out) = verify(&dir);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("minutes/ledger: none yet"), "{out}");
    assert!(out.contains("sealed under schema 2"), "{out}");
    let a = common::open_app(&dir, Lang::En, common::START + 86_400);
    assert!(
        a.session
            .notes
            .iter()
            .any(|n| n.contains("ledger (minutes/ledger) is begun")),
        "{:?}",
        a.session.notes
    );
    let l = ledger::read(&dir).expect("ledger");
    assert!(matches!(
        l.entries[0].record,
        ledger::Record::Started { records: 1, .. }
    ));
    assert_eq!(l.entries.len(), 2);
    let b = common::open_app(&dir, Lang::En, common::START + 86_400);
    assert!(!b.session.notes.iter().any(|n| n.contains("is begun")));
    assert_eq!(ledger::read(&dir).expect("ledger").entries.len(), 2);
    let (code, out) = verify(&dir);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_tally_that_its_opinions_do_not_give_fails_whatever_the_digests_say() {
    let (dir, path, _) = sealed_panel("tally");
    let (sealed, mut m) = read(&path);
    // Agree 1 beside six agree opinions, every digest and the ledger made to match.
    m.cases[0].rounds[0].tally.agree = 1;
    let forged = reseal(&mut m);
    std::fs::write(&path, &forged).expect("write");
    common::rewrite_ledger(&dir, &sealed, &forged);
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("round 1: the tally says agree 1"), "{out}");
    assert!(out.contains("its opinions give agree 6"), "{out}");
}

#[test]
fn a_result_its_votes_do_not_give_fails() {
    let (dir, path, _) = sealed_panel("passed");
    let (sealed, mut m) = read(&path);
    // Every opinion turned to disagree, the tally to match, yet still recorded as passed.
    let round = &mut m.cases[0].rounds[0];
    for o in &mut round.opinions {
        o.opinion = Opinion::Disagree;
    }
    round.tally.disagree = round.tally.agree;
    round.tally.agree = 0;
    let forged = reseal(&mut m);
    std::fs::write(&path, &forged).expect("write");
    common::rewrite_ledger(&dir, &sealed, &forged);
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("recorded as passed"), "{out}");
}

#[test]
fn a_journal_never_seals_minutes_that_are_gone_even_with_the_ledger_cut_too() {
    let (dir, path, meeting) = sealed_panel("journal-and-ledger");
    // The forger deletes the minutes, their addendum and the whole ledger, and flips an
    // opinion in the journal: nothing is left that names the meeting sealed.
    std::fs::remove_file(&path).expect("remove");
    std::fs::remove_file(docket::store::addendum::path_for(&dir, &meeting, 1)).expect("remove");
    std::fs::remove_file(ledger::path_for(&dir)).expect("remove");
    let journal = docket::store::journal::path_for(&dir, &meeting);
    common::flip_an_opinion_in_journal(&journal);
    let mut app = common::open_app(&dir, Lang::En, common::START + 86_400);
    assert!(
        app.session
            .notes
            .iter()
            .any(|n| n.contains("not sealed from the journal")),
        "{:?}",
        app.session.notes
    );
    docket::tui::save(&mut app);
    assert!(!path.exists(), "docket sealed minutes from a journal alone");
    assert!(!ledger::path_for(&dir).exists());
}

#[test]
fn a_crash_between_the_journal_and_the_minutes_at_f_is_still_sealed_on_opening() {
    let dir: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("proving")
        .join("crash-at-f");
    let _ = std::fs::remove_dir_all(&dir);
    common::example_into(&dir);
    let mut a = common::open_app(&dir, Lang::En, common::START);
    send(&mut a, [Action::Meeting, Action::Enter]);
    docket::tui::save(&mut a);
    let meeting = a.session.meeting.as_ref().expect("open").id.clone();
    let path = minutes::path_for(&dir, &meeting);
    let open = std::fs::read(&path).expect("open minutes");
    send(&mut a, [Action::Finalize, Action::Yes]);
    docket::tui::save(&mut a);
    drop(a);
    // As if docket died after the journal took F and before the minutes and ledger did.
    std::fs::write(&path, open).expect("restore");
    std::fs::remove_file(ledger::path_for(&dir)).expect("remove");
    let a = common::open_app(&dir, Lang::En, common::START + 600);
    assert!(a.session.meeting.is_none());
    let (text, m) = read(&path);
    assert!(m.is_final());
    assert_eq!(minutes::verify(&text, &m), minutes::Seal::Intact);
    assert!(
        ledger::read(&dir)
            .expect("ledger")
            .sealed(&format!("{meeting}.yaml"))
            .is_some()
    );
    let (code, out) = verify(&dir);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_case_recorded_twice_or_decided_again_without_consent_fails() {
    let (dir, path, meeting) = sealed_panel("twice");
    let (sealed, mut m) = read(&path);
    let again = m.cases[0].clone();
    m.cases.push(again.clone());
    let forged = reseal(&mut m);
    std::fs::write(&path, &forged).expect("write");
    common::rewrite_ledger(&dir, &sealed, &forged);
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("is recorded twice"), "{out}");
    std::fs::write(&path, &sealed).expect("restore");
    common::rewrite_ledger(&dir, &forged, &sealed);
    let (code, out) = verify(&dir);
    assert_eq!(code, 0, "{out}");

    // A later meeting that decides the same case again, with no consent to reconsider.
    let mut a = common::open_app(&dir, Lang::En, common::START + 86_400);
    send(&mut a, [Action::Meeting, Action::Enter]);
    send(&mut a, [Action::Finalize, Action::Yes]);
    docket::tui::save(&mut a);
    let second = a
        .session
        .final_minutes
        .as_ref()
        .expect("final")
        .meeting
        .id
        .clone();
    assert_ne!(second, meeting);
    let other = minutes::path_for(&dir, &second);
    let (before, mut m2) = read(&other);
    m2.cases.push(again);
    let forged = reseal(&mut m2);
    std::fs::write(&other, &forged).expect("write");
    common::rewrite_ledger(&dir, &before, &forged);
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("without the members' consent to reconsider it"),
        "{out}"
    );
}

#[test]
fn a_schema_3_record_stripped_of_its_ledger_head_still_needs_its_ledger() {
    let (dir, path, meeting) = sealed_panel("stripped");
    let (_, mut m) = read(&path);
    m.cases[0].rounds[0].opinions[1].opinion = Opinion::Disagree;
    m.cases[0].rounds[0].tally.agree -= 1;
    m.cases[0].rounds[0].tally.disagree += 1;
    if let Some(f) = &mut m.finalization {
        f.ledger = None;
    }
    let f = m.finalization.clone().expect("sealed");
    let sealer = Sealer {
        by: &f.by,
        user: &f.user,
        uid: f.uid,
        at: &f.at,
        ledger: None,
    };
    minutes::seal(&mut m, &sealer).expect("seal");
    std::fs::write(&path, minutes::render(&m).expect("render")).expect("write");
    std::fs::remove_file(docket::store::addendum::path_for(&dir, &meeting, 1)).expect("remove");
    std::fs::remove_file(ledger::path_for(&dir)).expect("remove");
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("minutes/ledger: MISSING"), "{out}");
}

#[test]
fn a_crash_before_the_first_entry_or_mid_entry_is_repaired_on_opening() {
    // The first F of a panel: the ledger is made before the minutes name it, so a crash
    // before the entry leaves it empty, and opening enters the minutes.
    let (dir, _, meeting) = sealed_panel("first-entry");
    // As just after the first F: no addendum yet, the ledger made but nothing entered.
    std::fs::remove_file(docket::store::addendum::path_for(&dir, &meeting, 1)).expect("remove");
    std::fs::write(ledger::path_for(&dir), "").expect("as if the entry never came");
    let (code, out) = verify(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("not in the panel's ledger"), "{out}");
    drop(common::open_app(&dir, Lang::En, common::START + 86_400));
    let (code, out) = verify(&dir);
    assert_eq!(code, 0, "{out}");

    // A crash mid-append leaves a torn last line: cut, and the entry written again.
    let lp = ledger::path_for(&dir);
    let text = std::fs::read_to_string(&lp).expect("ledger");
    std::fs::write(&lp, &text[..text.len() - 20]).expect("tear the last line");
    let (code, _) = verify(&dir);
    assert_eq!(code, 1);
    drop(common::open_app(&dir, Lang::En, common::START + 86_400));
    let (code, out) = verify(&dir);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("minutes/ledger: 1 entry"), "{out}");
}

#[test]
fn nothing_is_sealed_after_a_damaged_ledger() {
    let (dir, _, _) = sealed_panel("damaged");
    let lp = ledger::path_for(&dir);
    let text = std::fs::read_to_string(&lp).expect("ledger");
    std::fs::write(&lp, text.replacen("\"at\":\"", "\"at\":\"1", 1)).expect("change a line");
    let mut a = common::open_app(&dir, Lang::En, common::START + 86_400);
    send(&mut a, [Action::Meeting, Action::Enter]);
    send(&mut a, [Action::Finalize]);
    let said = a.message.as_ref().map(|m| m.1.clone()).unwrap_or_default();
    assert!(
        said.contains("nothing can be sealed while the ledger is damaged"),
        "{said}"
    );
    assert!(a.session.final_minutes.is_none());
}
