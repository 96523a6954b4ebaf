//! Minutes kept between openings: an unchanged file is taken from the cache as verified, a
//! changed one is read and its seal checked again, and a broken seal is never kept as good.

// A test stops anywhere with the reason: clippy.toml allows unwrap in #[test] functions,
// not in the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// The benchmarks' generator, one copy.
#[path = "../examples/gen-panel/synthetic.rs"]
mod synthetic;

use std::fs;
use std::path::{Path, PathBuf};

use docket::domain::meeting::CaseRecord;
use docket::domain::text::Lang;
use docket::store::cache::CacheAt;
use docket::store::minutes;

/// A generated panel with three sealed minutes files, and a cache that keeps every file.
fn setup(name: &str) -> (PathBuf, CacheAt) {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("minutes_cache")
        .join(name);
    let _ = fs::remove_dir_all(&root);
    let panel = root.join("panel");
    synthetic::generate(&panel, 60, 3, 5).unwrap();
    let cache = CacheAt {
        dir: root.join("cache"),
        min_cases: 0,
        min_minutes: 0,
        settle_ns: 0,
    };
    (panel, cache)
}

/// Changes one sealed word of minutes `path` for another of the same length, and puts its
/// modification time back, as someone covering their tracks would.
fn reword(path: &Path) {
    let modified = fs::metadata(path).unwrap().modified().unwrap();
    let text = fs::read_to_string(path).unwrap();
    let changed = text.replacen("作出如下决定", "作出如下决议", 1);
    assert_ne!(
        changed, text,
        "the generated minutes hold the word reworded"
    );
    assert_eq!(changed.len(), text.len());
    fs::write(path, changed).unwrap();
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(modified).unwrap();
    assert_eq!(fs::metadata(path).unwrap().modified().unwrap(), modified);
}

fn read(panel: &Path, cache: &CacheAt) -> minutes::ReadMany {
    minutes::read_briefs(panel, &minutes::list(panel), Some(cache))
}

#[test]
fn unchanged_minutes_come_from_the_cache_verified() {
    let (panel, cache) = setup("unchanged");
    let first = read(&panel, &cache);
    assert_eq!(first.from_cache, 0);
    assert_eq!(first.seal_holds, vec![true; 3]);
    let second = read(&panel, &cache);
    assert_eq!(second.from_cache, 3);
    assert_eq!(second.seal_holds, vec![true; 3]);
    let a: Vec<_> = first.minutes.into_iter().map(Result::unwrap).collect();
    let b: Vec<_> = second.minutes.into_iter().map(Result::unwrap).collect();
    assert_eq!(a, b);
}

#[test]
fn minutes_changed_since_they_were_kept_are_verified_again() {
    let (panel, cache) = setup("changed");
    assert_eq!(read(&panel, &cache).seal_holds, vec![true; 3]);
    // Same size, same modification time: only the change time and the bytes tell.
    reword(&minutes::list(&panel)[1]);
    let after = read(&panel, &cache);
    assert_eq!(after.from_cache, 2);
    assert_eq!(after.seal_holds, vec![true, false, true]);
    // Never kept as good: the next opening checks it again and says it again.
    let again = read(&panel, &cache);
    assert_eq!(again.from_cache, 2);
    assert_eq!(again.seal_holds, vec![true, false, true]);
}

#[test]
fn minutes_broken_before_the_first_opening_are_never_kept() {
    let (panel, cache) = setup("broken-first");
    reword(&minutes::list(&panel)[0]);
    for _ in 0..2 {
        let r = read(&panel, &cache);
        assert_eq!(r.seal_holds, vec![false, true, true]);
    }
    assert_eq!(read(&panel, &cache).from_cache, 2);
}

#[test]
fn the_meeting_screen_says_a_broken_seal_found_after_the_cache_kept_the_file() {
    let (panel, cache) = setup("session");
    let open = |cache: &CacheAt| {
        let mut err = Vec::new();
        let mut s = docket::session::open(&panel, Lang::En, &mut err)
            .unwrap()
            .expect("the panel opens");
        s.cache = Some(cache.clone());
        docket::session::read(&mut s, false, Lang::En);
        s
    };
    let before = open(&cache);
    assert_eq!(before.history.len(), 3);
    assert!(
        !before.notes.iter().any(|n| n.contains("fail their digest")),
        "{:?}",
        before.notes
    );
    let target = minutes::list(&panel)[2].clone();
    reword(&target);
    let after = open(&cache);
    let name = target.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        after
            .notes
            .iter()
            .any(|n| n.contains(&name) && n.contains("fail their digest")),
        "{:?}",
        after.notes
    );
}

/// The App on the generated panel, and the id of a case decided at its first meeting with
/// the record that decision stands on as its file holds it, whole.
fn app_and_decided(panel: &Path) -> (docket::tui::app::App, String, CaseRecord) {
    let mut err = Vec::new();
    let app = docket::tui::load(panel, Lang::En, false, &mut err)
        .unwrap()
        .expect("the panel opens");
    let (_, whole) = minutes::read(&minutes::list(panel)[0]).unwrap();
    let record = whole
        .cases
        .iter()
        .find(|r| {
            r.determination().is_some()
                && !r.rounds.is_empty()
                && app
                    .session
                    .standing(&r.case)
                    .is_some_and(|s| s.meeting == whole.meeting.id && !s.deferred)
        })
        .expect("a case decided at the first meeting")
        .clone();
    (app, record.case.clone(), record)
}

fn open_case(app: &mut docket::tui::app::App, id: &str) {
    use docket::tui::app::{Action, Screen};
    app.selected = app
        .session
        .cases
        .iter()
        .position(|c| c.case.id == id)
        .expect("the case file");
    app.update(Action::Enter);
    assert_eq!(app.screen, Screen::Case);
}

#[test]
fn earlier_minutes_are_held_as_briefs_and_a_case_on_screen_shows_its_record_whole() {
    let (panel, _) = setup("whole");
    let (mut app, id, record) = app_and_decided(&panel);
    // Held as a brief: no votes, no texts.
    let brief = app.session.standing(&id).unwrap().record.clone();
    assert!(brief.rounds.is_empty());
    assert_ne!(brief, record);
    open_case(&mut app, &id);
    let shown = app.session.shown_record(&id).expect("its earlier record");
    assert!(shown.earlier);
    assert_eq!(
        *shown.record, record,
        "the record on screen is the file's, whole"
    );
    assert_eq!(app.message, None);
}

#[test]
fn minutes_changed_after_opening_are_not_shown_as_the_record() {
    let (panel, _) = setup("whole-changed");
    let (mut app, id, _) = app_and_decided(&panel);
    reword(&minutes::list(&panel)[0]);
    open_case(&mut app, &id);
    let shown = app.session.shown_record(&id).expect("its earlier record");
    assert!(shown.record.rounds.is_empty(), "still the brief");
    let (_, said) = app.message.clone().expect("a word about it");
    assert!(
        said.contains("changed since the panel was opened"),
        "{said}"
    );
    // Asked again (a reconsideration starts from the record), it is refused again.
    assert!(!app.session.load_whole(&[id.as_str()], Lang::En));
}
