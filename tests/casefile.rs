//! New and edited cases through a scripted editor (a shell script as the editor): checked as
//! `docket check` would, handed back with the problems until valid, or abandoned; nothing
//! half-valid is written into cases/.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use docket::domain::text::Lang;
use docket::session::casefile::{self, Outcome};
use docket::store::disk::{Modes, RealDisk};
use docket::tui::app::App;

fn setup(name: &str) -> (PathBuf, App) {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("casefile")
        .join(name);
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("panel");
    common::example_into(&dir);
    let a = common::open_app(&dir, Lang::En, common::START);
    (root, a)
}

/// An editor that runs `steps[n]` (a shell snippet acting on "$1") on its n-th call.
fn scripted(root: &Path, steps: &[&str]) -> impl FnMut(&Path) -> std::io::Result<bool> + use<> {
    let scripts: Vec<PathBuf> = steps
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let p = root.join(format!("editor-{i}.sh"));
            std::fs::write(&p, format!("#!/bin/sh\nset -e\n{body}\n")).expect("script");
            p
        })
        .collect();
    let mut n = 0;
    move |path: &Path| {
        let script = scripts
            .get(n)
            .cloned()
            .expect("the editor ran more often than scripted");
        n += 1;
        let ok = Command::new("sh")
            .arg(&script)
            .arg(path)
            .status()?
            .success();
        Ok(ok)
    }
}

const GOOD: &str = r#"cat > "$1" <<'CASE'
id: "2026-019"
kind: tolerance
title: 东关镇便民服务中心容缺受理失误容错申请
subject:
  name: 王晓燕
  position: 东关镇便民服务中心主任
  unit: 东关镇人民政府
received: 2026-11-20
summary: 为缩短群众办事时间，对材料不全的申请先行受理，后因补正不及时造成一起错误发证。
facts:
  - 2026年9月，先行受理材料不全的申请12件。
claimed: [S4]
CASE"#;

#[test]
fn a_new_case_is_checked_handed_back_with_its_problems_then_written() {
    let (root, app) = setup("new");
    let mut disk = RealDisk::new(&app.session.dir, Modes::PRIVATE);
    // First: a typo in a field name. Second: the problem comment is seen, the typo fixed.
    let first = GOOD.replace("title:", "titel:");
    let second = r#"grep -q '^# docket: line 3:1: unknown field `titel`' "$1"
sed -i -e 's/^titel:/title:/' -e '/^# docket: /d' "$1""#;
    let mut editor = scripted(&root, &[&first, second]);
    let scratch = root.join("scratch.yaml");
    let out = casefile::edit(
        &app.session,
        app.lang,
        None,
        &scratch,
        &mut disk,
        &mut editor,
    )
    .expect("edit");
    let path = app.session.dir.join("cases/2026-019.yaml");
    assert_eq!(out, Outcome::Saved(path.clone()));
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.contains("title: 东关镇便民服务中心"), "{text}");
    assert!(!text.contains("# docket:"), "{text}");
    assert!(!scratch.exists(), "the scratch file is removed");
    let o = Command::new(env!("CARGO_BIN_EXE_docket"))
        .args([
            "check",
            app.session.dir.to_str().expect("utf-8"),
            "--lang",
            "en",
        ])
        .output()
        .expect("docket check");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("19 cases"));
}

#[test]
fn an_edit_that_stays_invalid_and_is_given_up_writes_nothing() {
    let (root, app) = setup("abandon");
    let mut disk = RealDisk::new(&app.session.dir, Modes::PRIVATE);
    // A duplicate id, then the editor quits without saving (the text comes back unchanged).
    let first = GOOD.replace("2026-019", "2026-001");
    let mut editor = scripted(&root, &[&first, "true"]);
    let before: Vec<_> = std::fs::read_dir(app.session.dir.join("cases"))
        .expect("cases")
        .collect();
    let out = casefile::edit(
        &app.session,
        app.lang,
        None,
        &root.join("s.yaml"),
        &mut disk,
        &mut editor,
    )
    .expect("edit");
    let after: Vec<_> = std::fs::read_dir(app.session.dir.join("cases"))
        .expect("cases")
        .collect();
    assert_eq!(before.len(), after.len());
    // What was typed is kept as a draft, with the problem, outside cases/.
    let Outcome::Drafted(draft) = out else {
        panic!("expected a draft, got {out:?}");
    };
    let text = std::fs::read_to_string(&draft).expect("draft");
    assert!(text.contains("东关镇便民服务中心"), "{text}");
    assert!(text.contains("# docket: "), "{text}");
    assert!(!draft.starts_with(app.session.dir.join("cases")));
}

#[test]
fn editing_an_existing_case_replaces_its_file_once_valid() {
    let (root, app) = setup("edit");
    let mut disk = RealDisk::new(&app.session.dir, Modes::PRIVATE);
    let original = app
        .session
        .cases
        .iter()
        .find(|c| c.case.id == "2026-003")
        .cloned()
        .expect("2026-003");
    let before = std::fs::read_to_string(&original.path).expect("read");
    // A bad date first (kept out of the file), then a good edit of the title.
    let first = r#"sed -i 's/^received: .*/received: 2026-02-30/' "$1""#;
    let second = r#"sed -i -e 's/^received: .*/received: 2026-07-01/' -e '/^# docket: /d' -e 's/^title: /title: （修订）/' "$1""#;
    let mut editor = scripted(&root, &[first, second]);
    let out = casefile::edit(
        &app.session,
        app.lang,
        Some(&original),
        &root.join("s.yaml"),
        &mut disk,
        &mut editor,
    )
    .expect("edit");
    assert_eq!(out, Outcome::Saved(original.path.clone()));
    let after = std::fs::read_to_string(&original.path).expect("read");
    assert_ne!(after, before);
    assert!(after.contains("title: （修订）"), "{after}");
    assert!(after.contains("received: 2026-07-01"), "{after}");
}

#[test]
fn an_editor_that_fails_abandons() {
    let (root, app) = setup("fails");
    let mut disk = RealDisk::new(&app.session.dir, Modes::PRIVATE);
    let mut editor = scripted(&root, &["exit 1"]);
    let out = casefile::edit(
        &app.session,
        app.lang,
        None,
        &root.join("s.yaml"),
        &mut disk,
        &mut editor,
    )
    .expect("edit");
    assert_eq!(out, Outcome::Abandoned);
}

/// The id offered by `+` follows the panel's own numbering, this year's first.
#[test]
fn a_new_case_is_offered_the_next_id_of_the_panels_pattern() {
    let (_root, mut app) = setup("next-id");
    assert!(
        casefile::template(&app.session, app.lang).contains("\nid: \"2026-019\"\n"),
        "{}",
        casefile::template(&app.session, app.lang)
    );
    // A panel that numbers its cases its own way.
    for c in &mut app.session.cases {
        c.case.id = c.case.id.replace("2026-", "PA-2026-");
    }
    assert_eq!(casefile::next_id(&app.session), "PA-2026-019");
    // Only last year's cases: this year's numbering starts again at 1, in the same pattern.
    for c in &mut app.session.cases {
        c.case.id = c.case.id.replace("PA-2026-", "PA-2025-");
    }
    assert_eq!(casefile::next_id(&app.session), "PA-2026-001");
    // No numbering at all: the year and a number.
    assert_eq!(casefile::suggest_id(&[], "2027"), "2027-001");
    assert_eq!(casefile::suggest_id(&["abc"], "2027"), "2027-001");
    // An id whose file lies in cases/ without loading is not offered again.
    let (_root, app) = setup("next-id-on-disk");
    std::fs::write(app.session.dir.join("cases/2026-019.yaml"), "id: [broken\n").expect("write");
    assert_eq!(casefile::next_id(&app.session), "2026-020");
}

/// A new case given up with problems is offered again by the next `+`; once saved, the draft
/// is gone.
#[test]
fn a_draft_given_up_is_offered_back_by_the_next_new_case() {
    let (root, app) = setup("draft-back");
    let mut disk = RealDisk::new(&app.session.dir, Modes::PRIVATE);
    let scratch = casefile::new_case_scratch(&root.join("cache"), &app.session.dir);
    // Invalid (a duplicate id), then given up.
    let first = GOOD.replace("2026-019", "2026-001");
    let mut editor = scripted(&root, &[&first, "true"]);
    let out = casefile::edit(
        &app.session,
        app.lang,
        None,
        &scratch,
        &mut disk,
        &mut editor,
    )
    .expect("edit");
    assert!(matches!(out, Outcome::Drafted(_)), "{out:?}");
    // The next `+`: the editor opens on the draft, not on a blank template; fixing the id
    // saves it.
    let second = r#"grep -q '东关镇便民服务中心' "$1"
grep -q '^# docket: The case you gave up earlier' "$1"
sed -i 's/^id: "2026-001"/id: "2026-019"/' "$1""#;
    std::fs::create_dir_all(root.join("again")).expect("dir");
    let mut editor = scripted(&root.join("again"), &[second]);
    let out = casefile::edit(
        &app.session,
        app.lang,
        None,
        &scratch,
        &mut disk,
        &mut editor,
    )
    .expect("edit");
    assert_eq!(
        out,
        Outcome::Saved(app.session.dir.join("cases/2026-019.yaml"))
    );
    assert!(
        !casefile::draft_of(&scratch).exists(),
        "the draft is used up"
    );
}
