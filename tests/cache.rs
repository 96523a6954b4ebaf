//! The case and minutes cache: a panel opened from it is the panel read from its files, case
//! for case and problem for problem; a changed, broken or foreign file is read again.

mod common;
// The benchmarks' generator, one copy.
#[path = "../examples/gen-panel/synthetic.rs"]
mod synthetic;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use docket::domain::text::Lang;
use docket::store::cache::CacheAt;
use docket::store::minutes::sha256_hex;
use docket::store::panel::Loaded;

/// A fresh panel (the example's) and a cache of its own that keeps every file at once.
fn setup(name: &str) -> (PathBuf, CacheAt) {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cache")
        .join(name);
    let _ = fs::remove_dir_all(&root);
    let panel = root.join("panel");
    common::example_into(&panel);
    let cache = CacheAt {
        dir: root.join("cache"),
        min_cases: 0,
        min_minutes: 0,
        settle_ns: 0,
    };
    (panel, cache)
}

/// Everything a load gives that the rest of docket uses: each case (body included), where it
/// came from and its digest; and every problem as `docket check` prints it.
fn seen(l: &Loaded) -> (Vec<String>, Vec<String>) {
    let cases = l
        .cases
        .iter()
        .map(|c| format!("{} {} {:?}", c.path.display(), c.digest, c.case))
        .collect();
    let problems = l
        .report
        .diagnostics
        .iter()
        .map(|d| d.render(Lang::En))
        .collect();
    (cases, problems)
}

fn case_file(panel: &Path, id: &str) -> PathBuf {
    panel.join("cases").join(format!("{id}.yaml"))
}

fn cache_files(cache: &CacheAt) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(&cache.dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn a_panel_from_the_cache_is_the_panel_from_its_files() {
    let (panel, cache) = setup("same");
    let read = docket::config::load_panel(&panel);
    assert_eq!(read.cases.len(), 18);
    assert_eq!(read.from_cache, 0);
    let first = docket::config::load_panel_with(&panel, Some(&cache));
    assert_eq!(first.from_cache, 0, "nothing was cached yet");
    let second = docket::config::load_panel_with(&panel, Some(&cache));
    assert_eq!(
        second.from_cache, 18,
        "every clean file comes from the cache"
    );
    assert_eq!(seen(&first), seen(&read));
    assert_eq!(seen(&second), seen(&read));
}

#[test]
fn a_changed_case_file_is_read_again() {
    let (panel, cache) = setup("changed");
    docket::config::load_panel_with(&panel, Some(&cache));
    let path = case_file(&panel, "2026-003");
    let text = fs::read_to_string(&path).unwrap();
    let changed = text.replacen("title: ", "title: 已改：", 1);
    fs::write(&path, &changed).unwrap();
    let after = docket::config::load_panel_with(&panel, Some(&cache));
    assert_eq!(after.from_cache, 17);
    let case = after.cases.iter().find(|c| c.path == path).unwrap();
    assert!(case.case.title.starts_with("已改："), "{}", case.case.title);
    assert_eq!(case.digest, sha256_hex(changed.as_bytes()));
    assert_eq!(seen(&after), seen(&docket::config::load_panel(&panel)));
}

#[test]
fn a_case_file_with_a_problem_is_never_taken_from_the_cache() {
    let (panel, cache) = setup("problem");
    let path = case_file(&panel, "2026-004");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text}remarks: 未知字段\n")).unwrap();
    let read = docket::config::load_panel(&panel);
    assert!(read.report.warnings() + read.report.errors() > 0);
    docket::config::load_panel_with(&panel, Some(&cache));
    let second = docket::config::load_panel_with(&panel, Some(&cache));
    assert_eq!(
        second.from_cache, 17,
        "the file with a problem is read each time"
    );
    assert_eq!(seen(&second), seen(&read));
}

#[test]
fn a_changed_panel_or_a_damaged_cache_is_not_used() {
    let (panel, cache) = setup("damaged");
    docket::config::load_panel_with(&panel, Some(&cache));
    let files = cache_files(&cache);
    assert_eq!(files.len(), 1, "{files:?}");
    // Damage in the rows: nothing is taken from the cache.
    let mut bytes = fs::read(&files[0]).unwrap();
    let mid = bytes.len() / 4;
    bytes[mid] ^= 0x55;
    fs::write(&files[0], &bytes).unwrap();
    let damaged = docket::config::load_panel_with(&panel, Some(&cache));
    assert_eq!(damaged.from_cache, 0);
    assert_eq!(seen(&damaged), seen(&docket::config::load_panel(&panel)));
    // The cache was written again; now the panel drops a member a case names in its
    // conflicts: the cases are checked against the new panel, not taken as they were.
    assert_eq!(
        docket::config::load_panel_with(&panel, Some(&cache)).from_cache,
        18
    );
    let p = panel.join("panel.yaml");
    let text = fs::read_to_string(&p).unwrap();
    let dropped = text.replace("  - id: zhao-min\n    name: 赵敏\n    role: member\n", "");
    assert_ne!(dropped, text);
    fs::write(&p, dropped).unwrap();
    let read = docket::config::load_panel(&panel);
    assert!(
        read.report.errors() > 0,
        "a conflict names a member who left"
    );
    let after = docket::config::load_panel_with(&panel, Some(&cache));
    assert_eq!(after.from_cache, 0);
    assert_eq!(seen(&after), seen(&read));
}

#[test]
fn a_body_is_read_when_wanted_and_never_from_another_version() {
    let (panel, cache) = setup("body");
    let read = docket::config::load_panel(&panel);
    docket::config::load_panel_with(&panel, Some(&cache));
    let file = cache_files(&cache).remove(0);
    // Damage the last body in the cache file (bodies follow the rows).
    let mut bytes = fs::read(&file).unwrap();
    let last = bytes.len() - 3;
    bytes[last] ^= 0x55;
    fs::write(&file, &bytes).unwrap();
    let cached = docket::config::load_panel_with(&panel, Some(&cache));
    assert_eq!(cached.from_cache, 18, "the rows are sound");
    // The damaged body comes from the case file, which has not changed.
    assert_eq!(seen(&cached), seen(&read));

    let cached = docket::config::load_panel_with(&panel, Some(&cache));
    let victim = cached.cases.last().unwrap();
    let fs_text = fs::read_to_string(&victim.path).unwrap();
    fs::write(
        &victim.path,
        fs_text.replace("summary: >-\n", "summary: >-\n  改动。"),
    )
    .unwrap();
    // Read now, after the file changed under the listed case: it must not show the new text
    // under the old digest.
    let summary = docket::i18n::case_summary(&victim.case);
    assert!(
        summary.contains("重新打开") && summary.contains("reopen"),
        "{summary}"
    );
}

#[test]
fn the_cache_is_private() {
    let (panel, cache) = setup("private");
    docket::config::load_panel_with(&panel, Some(&cache));
    let dir_mode = fs::metadata(&cache.dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(dir_mode, 0o700);
    for f in cache_files(&cache) {
        let mode = fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", f.display());
    }
}

#[test]
fn small_panels_are_not_cached() {
    let (panel, mut cache) = setup("small");
    cache.min_cases = 19;
    cache.min_minutes = 1;
    docket::config::load_panel_with(&panel, Some(&cache));
    assert_eq!(
        docket::config::load_panel_with(&panel, Some(&cache)).from_cache,
        0
    );
    assert!(cache_files(&cache).is_empty());
}

#[test]
fn minutes_from_the_cache_are_the_minutes_from_their_files() {
    let (_, cache) = setup("minutes");
    let dir = cache.dir.parent().unwrap().join("generated");
    synthetic::generate(&dir, 60, 3, 11).unwrap();
    let read = docket::report::gather_with(&dir, Lang::Zh, None);
    assert_eq!(read.minutes.len(), 3);
    let first = docket::report::gather_with(&dir, Lang::Zh, Some(&cache));
    assert_eq!(first.minutes_from_cache, 0);
    let second = docket::report::gather_with(&dir, Lang::Zh, Some(&cache));
    assert_eq!(second.minutes_from_cache, 3);
    assert_eq!(second.loaded.from_cache, 60);
    assert_eq!(first.minutes, read.minutes);
    assert_eq!(second.minutes, read.minutes);
    // A minutes file changed on disk is read again.
    let m = docket::store::minutes::list(&dir).remove(1);
    let text = fs::read_to_string(&m).unwrap();
    fs::write(&m, format!("{text}\n")).unwrap();
    let third = docket::report::gather_with(&dir, Lang::Zh, Some(&cache));
    assert_eq!(third.minutes_from_cache, 2);
    assert_eq!(third.minutes, read.minutes);
}
