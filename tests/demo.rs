//! `docket demo`: the example panel embedded in the binary, copied whole into a new private
//! folder, and opened there.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a run of docket on panels/example leaves there (.gitignore): not part of the example.
const LEFT_BY_A_RUN: &[&str] = &["minutes", "state.yaml", ".docket.lock"];

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("panels/example")
}

/// Every file under `dir` by its path inside it, with its bytes; `skip` names at the top.
fn files_under(dir: &Path, skip: &[&str]) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, skip: &[&str], out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).expect("read_dir") {
            let e = e.expect("entry");
            let p = e.path();
            let rel = p.strip_prefix(root).expect("under root").to_string_lossy();
            if dir == root && skip.contains(&rel.as_ref()) {
                continue;
            }
            if e.file_type().expect("type").is_dir() {
                walk(root, &p, skip, out);
            } else {
                out.insert(rel.into_owned(), std::fs::read(&p).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, skip, &mut out);
    out
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("demo")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn docket(args: &[&str], tmp: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(args)
        .env("TMPDIR", tmp)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run docket")
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("meta").permissions().mode() & 0o777
}

#[test]
fn every_file_of_the_example_is_embedded_as_it_is() {
    let on_disk = files_under(&example(), LEFT_BY_A_RUN);
    let embedded: BTreeMap<String, Vec<u8>> = docket::demo::FILES
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    let missing: Vec<&String> = on_disk
        .keys()
        .filter(|k| !embedded.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "panels/example holds files docket demo would not copy; add them to src/demo.rs: {missing:?}"
    );
    assert_eq!(
        on_disk.keys().collect::<Vec<_>>(),
        embedded.keys().collect::<Vec<_>>()
    );
    assert!(
        on_disk == embedded,
        "an embedded file differs from its source"
    );
    assert!(embedded.contains_key("panel.yaml") && embedded.len() > 10);
}

#[test]
fn print_dir_copies_the_example_into_a_new_private_folder_that_passes_check() {
    let tmp = scratch("print-dir");
    let o = docket(&["demo", "--print-dir"], &tmp);
    assert_eq!(o.status.code(), Some(0), "{:?}", o);
    let out = String::from_utf8(o.stdout).expect("utf-8");
    assert_eq!(out.lines().count(), 1, "{out}");
    let dir = PathBuf::from(out.trim_end());
    // In the temporary folder given, and the only thing made there.
    assert_eq!(dir.parent(), Some(tmp.as_path()));
    let made: Vec<_> = std::fs::read_dir(&tmp).expect("tmp").collect();
    assert_eq!(made.len(), 1);

    assert_eq!(
        files_under(&dir, &[]),
        files_under(&example(), LEFT_BY_A_RUN),
        "the copy is the example, byte for byte"
    );
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("cases")), 0o700);
    assert_eq!(mode(&dir.join("panel.yaml")), 0o600);
    assert_eq!(mode(&dir.join("cases/2026-001.yaml")), 0o600);

    let o = docket(&["check", dir.to_str().expect("utf-8")], &tmp);
    let out = String::from_utf8(o.stdout).expect("utf-8");
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("18 cases"), "{out}");

    // A second demo never reuses the first one's folder.
    let again = docket(&["demo", "--print-dir"], &tmp);
    let other = String::from_utf8(again.stdout).expect("utf-8");
    assert_ne!(other.trim_end(), dir.to_str().expect("utf-8"));
    assert_eq!(std::fs::read_dir(&tmp).expect("tmp").count(), 2);
}

#[test]
fn a_temporary_folder_that_is_not_there_is_named() {
    let tmp = scratch("gone").join("not-there");
    let o = docket(&["demo", "--print-dir"], &tmp);
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8(o.stderr).expect("utf-8");
    assert!(
        err.contains("not-there") && err.contains("no such file or folder"),
        "{err}"
    );
    assert!(!tmp.exists());
}

#[test]
fn demo_opens_the_copy_on_screen_and_leaves_it_after_quitting() {
    let root = scratch("screen");
    let tmp = root.join("tmp");
    std::fs::create_dir_all(&tmp).expect("tmp");
    let mut s = common::Session::spawn(
        env!("CARGO_BIN_EXE_docket"),
        &["demo", "--lang", "zh"],
        &root,
        &[("TMPDIR", tmp.to_str().expect("utf-8"))],
    );
    s.expect("2026-018");
    let said = String::from_utf8_lossy(&s.raw).into_owned();
    let dir = std::fs::read_dir(&tmp)
        .expect("tmp")
        .next()
        .expect("a folder made")
        .expect("entry")
        .path();
    assert!(
        said.contains("示例审议组已复制到") && said.contains(dir.to_str().expect("utf-8")),
        "where the copy is, said before the screen: {said:?}"
    );
    // The screen writes there as it would in any panel: the writer's lock.
    assert!(dir.join(".docket.lock").exists());
    s.keys("q");
    s.wait("the screen closed and the folder named again", |screen| {
        screen.contains("所记录的内容保留在")
    });
    assert_eq!(s.finish(), 0);
    assert!(dir.join("panel.yaml").exists(), "the folder is left");
}
