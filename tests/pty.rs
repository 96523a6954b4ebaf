//! The real binary in a pseudo-terminal: a meeting over two cases of a copy of the example
//! panel, typed key by key, then the minutes file read back. Waits are for text on the
//! screen, never for time.

mod common;

use std::path::PathBuf;

use common::{Session, scratch};

/// Waits until the queue row of `case` shows `status`.
fn row_says(s: &mut Session, case: &str, status: &str) {
    let (c, st) = (case.to_string(), status.to_string());
    s.wait(&format!("{case} {status}"), move |screen| {
        screen.lines().any(|l| l.contains(&c) && l.contains(&st))
    });
}

const ENTER: &str = "\r";
const TAB: &str = "\t";
const ESC: &str = "\x1b";

#[test]
fn a_meeting_over_two_cases_typed_in_a_real_terminal() {
    let (root, panel) = scratch("meeting");
    let mut s = Session::start(&panel, &root);
    s.expect("2026-018");

    // Roll call: everyone present; open the meeting.
    s.keys("m");
    s.expect("点名");
    s.keys(ENTER);
    s.expect("会议开始");

    // Case 2026-014: found on the not-tolerable side of D3, voted, determined.
    s.keys("/");
    s.expect("搜索");
    s.keys("杜明亮");
    s.keys(ENTER);
    s.keys(ENTER);
    s.expect("三个区分开来");
    s.keys(TAB);
    s.keys("jjl");
    s.expect("[x] 为谋取私利");
    s.keys("v");
    s.expect("[进行中]");
    // Four vote: two members are recused. The chair speaks last.
    s.keys("yyny");
    s.expect("同意 3 / 应到会 4 / 需 3 / 可通过");
    s.keys(ENTER);
    s.expect("y：确认");
    s.keys("y");
    s.expect("提议通过");
    s.keys("D");
    s.expect("理由");
    s.keys("当事人收受施工方财物，属为谋取私利，不予容错。");
    s.keys(ENTER);
    s.expect("y：确认");
    s.keys("y");
    s.expect("决定: 不予容错");
    s.keys(ESC);
    row_says(&mut s, "2026-014", "已决定");

    // Case 2026-012 (adjustment, health): six vote, chair last.
    s.keys("/");
    s.keys("崔永刚");
    s.keys(ENTER);
    s.keys(ENTER);
    s.expect("调整情形");
    s.keys("4");
    s.keys("v");
    s.expect("[进行中]");
    s.keys("yyyyyy");
    s.expect("同意 6 / 应到会 6 / 需 4 / 可通过");
    s.keys(ENTER);
    s.expect("y：确认");
    s.keys("y");
    s.keys("D");
    s.expect("理由");
    s.keys("因健康原因长期不能履职，本人同意，予以调整。");
    s.keys(ENTER);
    s.keys("y");
    s.expect("决定: 调整");
    s.keys("q");
    row_says(&mut s, "2026-012", "已决定");

    // Finalize, then quit.
    s.keys("F");
    s.expect("y：确认");
    s.keys("y");
    s.expect("已定稿");
    s.keys("q");
    let code = s.finish();
    assert_eq!(code, 0);

    // The minutes say what happened.
    let files: Vec<PathBuf> = std::fs::read_dir(panel.join("minutes"))
        .expect("minutes folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).expect("minutes");
    let m = docket::store::minutes::parse(&text).expect("minutes parse");
    assert_eq!(
        docket::store::minutes::verify(&text, &m),
        docket::store::minutes::Seal::Intact
    );
    let ids: Vec<&str> = m.cases.iter().map(|c| c.case.as_str()).collect();
    assert_eq!(ids, ["2026-014", "2026-012"]);
    let first = &m.cases[0];
    assert_eq!(first.findings.len(), 1);
    assert_eq!(first.findings[0].distinction, "D3");
    let round = &first.rounds[0];
    let order: Vec<&str> = round.opinions.iter().map(|o| o.member.as_str()).collect();
    assert_eq!(
        order,
        ["li-hong", "zhao-min", "liu-zhiqiang", "wang-jianguo"]
    );
    assert_eq!(round.passed, Some(true));
    let d = first.determination().expect("determination");
    assert_eq!(d.outcome, "not_tolerate");
    assert!(d.rationale.contains("谋取私利"));
    let second = &m.cases[1];
    assert_eq!(second.found, ["G4"]);
    assert_eq!(
        second.determination().map(|d| d.outcome.as_str()),
        Some("adjust")
    );
    let last = second.rounds[0].opinions.last().map(|o| o.member.as_str());
    assert_eq!(last, Some("wang-jianguo"));
    let f = m.finalization.as_ref().expect("finalized");
    assert_eq!(f.by, "sun-li");
    // The system user from the account database, not from $USER (which the test set).
    assert_eq!(f.user, docket::store::system_user());
    assert_ne!(f.user, "clerk");
    assert!(m.meeting.closed_at.is_some());
}

#[test]
fn long_texts_come_from_the_editor_and_a_paste_never_presses_enter() {
    let (root, panel) = scratch("editor");
    let editor = root.join("fake-editor");
    // An editor that appends a line to the file it is given, as a person would type it.
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf '%s' '经审议，材料尚待补充，暂缓。' >> \"$1\"\n",
    )
    .expect("write editor");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let mut s = Session::start_with(&panel, &root, &[("EDITOR", editor.to_str().expect("path"))]);
    s.expect("2026-018");
    s.keys("m");
    s.expect("点名");
    s.keys(ENTER);
    s.expect("会议开始");
    s.keys("/崔永刚");
    s.keys(ENTER);
    s.keys(ENTER);
    s.expect("调整情形");
    s.keys("P");
    s.expect("汇报人");
    // A pasted newline stays text: the field is still open after it.
    s.keys("\x1b[200~县委组织部\n干部一科\x1b[201~");
    s.expect("县委组织部 干部一科");
    s.keys(ENTER);
    s.keys("D");
    s.expect("理由");
    s.keys("\x05");
    s.expect("材料尚待补充");
    s.keys(ENTER);
    s.expect("y：确认");
    s.keys("y");
    s.expect("决定: 暂缓");
    s.keys("q");
    s.quit_meeting();
    assert_eq!(s.finish(), 0);
    let dir = panel.join("minutes");
    let file = std::fs::read_dir(&dir)
        .expect("minutes")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|x| x == "yaml"))
        .expect("the minutes");
    let m = docket::store::minutes::parse(&std::fs::read_to_string(file).expect("read"))
        .expect("parse");
    let c = &m.cases[0];
    assert_eq!(c.presenter.as_deref(), Some("县委组织部 干部一科"));
    let d = c.determination().expect("determination");
    assert_eq!(d.outcome, "defer");
    assert_eq!(d.rationale, "经审议，材料尚待补充，暂缓。");
    // The editor's scratch file went to the user's cache and was removed.
    let cache = root.join("cache/docket");
    let left: Vec<_> = std::fs::read_dir(&cache)
        .map(|d| d.collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn the_editors_scratch_file_is_private_and_never_written_through_a_planted_link() {
    use std::os::unix::fs::PermissionsExt;
    let (root, panel) = scratch("editor-private");
    let editor = root.join("fake-editor");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf '%s' '不公开的审议意见' >> \"$1\"\n",
    )
    .expect("write editor");
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    // Another user's trap: the cache folder left wide open, and a link where the scratch
    // file will go, to a file they can read.
    let cache = root.join("cache/docket");
    std::fs::create_dir_all(&cache).expect("cache");
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let victim = root.join("theirs.txt");
    std::fs::write(&victim, "").expect("victim");
    let script = format!(
        "umask 000; exec '{}' '{}' --lang zh",
        env!("CARGO_BIN_EXE_docket"),
        panel.display()
    );
    let mut s = Session::spawn(
        "/bin/sh",
        &["-c", &script],
        &root,
        &[("EDITOR", editor.to_str().expect("path"))],
    );
    s.expect("2026-018");
    std::os::unix::fs::symlink(&victim, cache.join(format!("edit-{}.txt", s.pid())))
        .expect("plant");
    s.keys("m");
    s.expect("点名");
    s.keys(ENTER);
    s.expect("会议开始");
    s.keys(ENTER);
    s.keys("D");
    s.expect("理由");
    s.keys("\x05");
    s.expect("不公开的审议意见");
    s.keys("\x1b");
    s.expect("放弃");
    s.keys("y");
    s.keys("q");
    s.quit_meeting();
    assert_eq!(s.finish(), 0);
    assert_eq!(std::fs::read_to_string(&victim).expect("victim"), "");
    let mode = std::fs::metadata(&cache)
        .expect("cache")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o700);
}
