//! Corrections after finalizing: an addendum beside the minutes, naming their digest, sealed
//! with its own, shown with the minutes, checked by `docket verify`.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use docket::domain::rules::Opinion;
use docket::domain::text::Lang;
use docket::store::addendum;
use docket::tui::app::{Action, App, Popup};

fn load(dir: &Path) -> App {
    common::open_app(dir, Lang::Zh, common::START)
}

fn send(a: &mut App, actions: impl IntoIterator<Item = Action>) {
    for x in actions {
        a.update(x);
    }
}

fn typ(a: &mut App, s: &str) {
    send(a, s.chars().map(Action::Char));
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

#[test]
fn a_correction_is_a_sealed_addendum_beside_the_untouched_minutes() {
    let dir: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("addendum");
    common::example_into(&dir);
    let mut a = load(&dir);
    // Nothing finalized yet: nothing to correct.
    a.update(Action::Correct);
    assert!(a.popup.is_none());
    send(
        &mut a,
        [Action::Meeting, Action::Enter, Action::Enter, Action::Vote],
    );
    send(
        &mut a,
        std::iter::repeat_n(Action::Opinion(Opinion::Agree), 6),
    );
    send(&mut a, [Action::Enter, Action::Yes, Action::Determine]);
    typ(&mut a, "符合第一种情形，予以容错。");
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
    let minutes = dir.join(format!("minutes/{meeting}.yaml"));
    let sealed = std::fs::read(&minutes).expect("minutes");

    a.selected = a
        .session
        .cases
        .iter()
        .position(|c| c.case.id == "2026-001")
        .expect("case");
    a.update(Action::Correct);
    assert!(matches!(&a.popup, Some(Popup::Addendum { case: Some(c), .. }) if c == "2026-001"));
    typ(&mut a, "笔误");
    a.update(Action::Tab);
    typ(&mut a, "理由中“第一种情形”系依据《实施办法》第一种情形。");
    send(&mut a, [Action::Enter, Action::Yes]);
    docket::tui::save(&mut a);

    // The minutes are byte for byte as sealed; the addendum sits beside them.
    assert_eq!(std::fs::read(&minutes).expect("minutes"), sealed);
    let path = addendum::path_for(&dir, &meeting, 1);
    let text = std::fs::read_to_string(&path).expect("addendum written");
    let ad = addendum::parse(&text).expect("parses");
    assert_eq!(ad.reason, "笔误");
    assert_eq!(ad.corrections[0].case.as_deref(), Some("2026-001"));
    let digest = a
        .session
        .final_minutes
        .as_ref()
        .and_then(|m| m.finalization.as_ref())
        .map(|f| f.minutes_digest.clone())
        .expect("digest");
    assert_eq!(ad.minutes_digest, digest);
    assert!(addendum::verify(&text, &ad, &digest));
    let (code, out) = verify(&minutes);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(addendum #1): intact"), "{out}");

    // Shown with the minutes when docket opens the panel again.
    let b = load(&dir);
    assert_eq!(b.session.addenda.get(&meeting).map(Vec::len), Some(1));

    // An addendum changed after sealing is caught.
    std::fs::write(&path, text.replace("笔误", "实质")).expect("tamper");
    let (code, out) = verify(&minutes);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("CHANGED"), "{out}");
    let c = load(&dir);
    assert!(
        c.session.notes.iter().any(|n| n.contains("封存后被改动")),
        "{:?}",
        c.session.notes
    );
}

#[test]
fn docket_minutes_prints_the_addenda_after_the_sealed_minutes() {
    let dir: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("addendum-print");
    common::example_into(&dir);
    let mut a = load(&dir);
    send(
        &mut a,
        [
            Action::Meeting,
            Action::Enter,
            Action::Enter,
            Action::Determine,
        ],
    );
    typ(&mut a, "材料不全，暂缓。");
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
    a.update(Action::Correct);
    typ(&mut a, "补记");
    a.update(Action::Tab);
    typ(&mut a, "补记：列席人员名单漏记一人。");
    send(&mut a, [Action::Enter, Action::Yes]);
    docket::tui::save(&mut a);
    let meeting = a
        .session
        .final_minutes
        .as_ref()
        .expect("final")
        .meeting
        .id
        .clone();
    let minutes = dir.join(format!("minutes/{meeting}.yaml"));
    for format in ["text", "md", "html"] {
        let o = Command::new(env!("CARGO_BIN_EXE_docket"))
            .args([
                "minutes",
                minutes.to_str().expect("utf-8"),
                "--format",
                format,
                "--lang",
                "zh",
            ])
            .output()
            .expect("docket minutes");
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{format}: {out}");
        let body = out.find("材料不全，暂缓。").expect("the minutes");
        let correction = out.find("列席人员名单漏记一人").expect("the addendum");
        assert!(
            body < correction,
            "{format}: the addendum follows the minutes"
        );
    }
}
