//! The editor as git runs it: `$VISUAL`, else `$EDITOR`, read by the shell, so that a quoted
//! path with a space and an argument both reach it, and the file arrives as one argument.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use docket::config::{editor_command, pick_editor};

mod common;

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("editor")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch");
    dir
}

/// An editor at `dir/my editor/bin/ed` that refuses to run without `-w` and appends what it
/// was given to the file it edits.
fn editor_with_a_space(dir: &Path) -> PathBuf {
    let bin = dir.join("my editor/bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let ed = bin.join("ed");
    std::fs::write(
        &ed,
        "#!/bin/sh\n[ \"$1\" = -w ] || exit 3\n[ $# -eq 2 ] || exit 4\nprintf 'edited by ed -w\\n' >> \"$2\"\n",
    )
    .expect("script");
    std::fs::set_permissions(&ed, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    ed
}

#[test]
fn a_quoted_editor_path_with_a_space_runs_with_its_argument_on_the_file() {
    let dir = scratch("quoted");
    let ed = editor_with_a_space(&dir);
    // A file name the shell would split or expand, were it spliced into the command.
    let file = dir.join("case 1 $HOME;x.yaml");
    std::fs::write(&file, "subject: x\n").expect("file");
    let value = format!("\"{}\" -w", ed.display());
    let editor = pick_editor(Some(""), Some(&value));
    assert_eq!(
        editor.as_deref(),
        Some(value.as_str()),
        "a blank VISUAL gives way"
    );
    let status = editor_command(editor.as_deref(), &file)
        .status()
        .expect("run the editor");
    assert!(status.success(), "{status}");
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "subject: x\nedited by ed -w\n"
    );
}

#[test]
fn an_editor_that_fails_is_seen_to_fail() {
    let dir = scratch("fails");
    let ed = editor_with_a_space(&dir);
    let file = dir.join("case.yaml");
    std::fs::write(&file, "").expect("file");
    // Without its `-w` the script exits 3: the launcher reports what the editor said.
    let value = format!("'{}'", ed.display());
    let status = editor_command(Some(&value), &file)
        .status()
        .expect("run the editor");
    assert_eq!(status.code(), Some(3));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "");
}

#[test]
fn visual_comes_before_editor_and_blank_ones_are_passed_over() {
    assert_eq!(
        pick_editor(Some("vim"), Some("nano")).as_deref(),
        Some("vim")
    );
    assert_eq!(
        pick_editor(Some("  "), Some("nano")).as_deref(),
        Some("nano")
    );
    assert_eq!(pick_editor(None, Some("")), None);
}

#[test]
fn ctrl_e_runs_the_editor_named_by_a_quoted_path_in_editor() {
    let (root, panel) = common::scratch("editor-quoted");
    let ed = editor_with_a_space(&root);
    let value = format!("\"{}\" -w", ed.display());
    let mut s = common::Session::start_with(&panel, &root, &[("EDITOR", value.as_str())]);
    s.expect("2026-018");
    // The search box is a text field: Ctrl-E hands its text to the editor, and takes back
    // what the editor wrote.
    s.keys("/");
    s.expect("搜索");
    s.keys("\x05");
    s.expect("edited by ed -w");
    s.keys("\r");
    s.wait("the search box to close", |screen| {
        !screen.contains("Ctrl-e")
    });
    s.keys("q");
    assert_eq!(s.finish(), 0);
}
