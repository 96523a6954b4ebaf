//! Saving when the disk fails, through the file-system seam: disk full, read-only, a file
//! replaced underneath. The last good minutes stay byte for byte; the journal keeps what it
//! could; the screen says so.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io;
use std::path::{Path, PathBuf};

use docket::domain::text::Lang;
use docket::session;
use docket::store::disk::{Disk, Modes, RealDisk};
use docket::store::journal;
use docket::tui::app::{Action, App, Level};

/// A disk that fails the way it is told to, and otherwise writes for real.
struct FaultyDisk {
    real: RealDisk,
    fail_append: Option<i32>,
    fail_replace: Option<i32>,
}

impl Disk for FaultyDisk {
    fn append(&mut self, path: &Path, seq: u64, bytes: &[u8]) -> io::Result<()> {
        match self.fail_append {
            Some(code) => Err(io::Error::from_raw_os_error(code)),
            None => self.real.append(path, seq, bytes),
        }
    }

    fn replace(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        match self.fail_replace {
            Some(code) => Err(io::Error::from_raw_os_error(code)),
            None => self.real.replace(path, bytes),
        }
    }
}

const ENOSPC: i32 = 28;
const EROFS: i32 = 30;

fn panel(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("disk")
        .join(name);
    common::example_into(&dir);
    dir
}

fn app(dir: &Path) -> App {
    common::open_app(dir, Lang::En, common::START)
}

/// Opens a meeting and the first case, taken up by naming its presenter, saved through
/// `disk`; returns the minutes path.
fn meeting(app: &mut App, disk: &mut dyn Disk) -> PathBuf {
    for a in [Action::Meeting, Action::Enter, Action::Enter] {
        app.update(a);
        docket::tui::save_to(app, disk);
    }
    app.update(Action::Presenter);
    for c in "李科长".chars() {
        app.update(Action::Char(c));
    }
    app.update(Action::Enter);
    docket::tui::save_to(app, disk);
    let id = app.session.meeting.as_ref().expect("meeting").id.clone();
    docket::store::minutes::path_for(&app.session.dir, &id)
}

fn warning(app: &App) -> String {
    match &app.message {
        Some((Level::Warn, m)) => m.clone(),
        other => panic!("no warning: {other:?}"),
    }
}

#[test]
fn a_full_or_read_only_disk_leaves_the_last_minutes_and_the_journal_keeps_the_step() {
    for code in [ENOSPC, EROFS] {
        let dir = panel(&format!("minutes-{code}"));
        let mut a = app(&dir);
        let mut disk = FaultyDisk {
            real: RealDisk::new(&dir, Modes::PRIVATE),
            fail_append: None,
            fail_replace: None,
        };
        let path = meeting(&mut a, &mut disk);
        let before = std::fs::read(&path).expect("minutes written");
        disk.fail_replace = Some(code);
        a.update(Action::Tab);
        a.update(Action::Right); // D1, not tolerable
        docket::tui::save_to(&mut a, &mut disk);
        assert!(
            warning(&a).contains("journal keeps this step"),
            "{}",
            warning(&a)
        );
        assert_eq!(
            std::fs::read(&path).expect("minutes"),
            before,
            "code {code}"
        );
        // The step is in the journal, and the next start recovers it.
        let jtext = std::fs::read_to_string(journal::path_for(
            &dir,
            &a.session.meeting.as_ref().expect("m").id,
        ))
        .expect("journal");
        assert!(jtext.contains("\"event\":\"finding\""), "{jtext}");
        let again = app(&dir);
        let m = again.session.meeting.as_ref().expect("resumed");
        let r = m.record(&again.session.cases[0].case.id).expect("taken up");
        assert_eq!(r.findings.len(), 1, "code {code}");
        assert!(
            again
                .session
                .notes
                .iter()
                .any(|n| n.contains("Recovered 1 recorded step")),
            "{:?}",
            again.session.notes
        );
    }
}

#[test]
fn a_journal_that_cannot_be_written_undoes_the_step_and_keeps_the_minutes() {
    let dir = panel("journal-enospc");
    let mut a = app(&dir);
    let mut disk = FaultyDisk {
        real: RealDisk::new(&dir, Modes::PRIVATE),
        fail_append: None,
        fail_replace: None,
    };
    let path = meeting(&mut a, &mut disk);
    let before = std::fs::read(&path).expect("minutes");
    disk.fail_append = Some(ENOSPC);
    a.update(Action::Tab);
    a.update(Action::Right);
    assert_eq!(a.session.pending.len(), 1);
    docket::tui::save_to(&mut a, &mut disk);
    assert!(warning(&a).contains("it was not kept"), "{}", warning(&a));
    // Not on disk, so not on screen either.
    let m = a.session.meeting.as_ref().expect("meeting");
    let r = m.record(&a.session.cases[0].case.id).expect("taken up");
    assert!(r.findings.is_empty());
    assert_eq!(std::fs::read(&path).expect("minutes"), before);
}

#[test]
fn minutes_replaced_underneath_are_not_written_over() {
    let dir = panel("replaced");
    let mut a = app(&dir);
    let mut disk = RealDisk::new(&dir, Modes::PRIVATE);
    let path = meeting(&mut a, &mut disk);
    // Another program puts its own file in place.
    let theirs = b"# someone else's file\n".to_vec();
    let tmp = path.with_extension("other");
    std::fs::write(&tmp, &theirs).expect("write");
    std::fs::rename(&tmp, &path).expect("replace");
    a.update(Action::Tab);
    a.update(Action::Right);
    docket::tui::save_to(&mut a, &mut disk);
    assert!(
        warning(&a).contains("replaced by another program"),
        "{}",
        warning(&a)
    );
    assert_eq!(std::fs::read(&path).expect("minutes"), theirs);
}

#[test]
fn opening_minutes_changed_after_finalizing_warns_and_never_writes_to_them() {
    let dir = panel("tampered");
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/formats.md"))
            .expect("formats.md");
    let marker = "<!-- minutes-example -->\n```yaml\n";
    let start = doc.find(marker).expect("marker") + marker.len();
    let end = start + doc[start..].find("```").expect("end");
    let tampered = doc[start..end].replacen("予以容错。", "予以免责。", 1);
    std::fs::create_dir_all(dir.join("minutes")).expect("mkdir");
    let path = dir.join("minutes/2026-11-20-1.yaml");
    std::fs::write(&path, &tampered).expect("write");
    let mut a = app(&dir);
    assert!(
        matches!(&a.message, Some((Level::Warn, m)) if m.contains("fail their digest")),
        "{:?}",
        a.message
    );
    // It is history, read-only: a new meeting goes to a new file.
    assert_eq!(a.session.history.len(), 1);
    let mut disk = RealDisk::new(&dir, Modes::PRIVATE);
    let new = meeting(&mut a, &mut disk);
    assert_ne!(new, path);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), tampered);
}

/// A writer as the binary makes one: the lock taken, the disk holding it.
fn writer(dir: &Path) -> (App, RealDisk, session::Lock) {
    let a = app(dir);
    let lock = session::lock(&a.session, "now").expect("the lock is free");
    let mut disk = RealDisk::new(dir, Modes::PRIVATE);
    disk.hold(&lock);
    (a, disk, lock)
}

/// One more recorded step on the first case (a finding), saved.
fn step(a: &mut App, disk: &mut dyn Disk) {
    a.update(Action::Tab);
    a.update(Action::Right);
    docket::tui::save_to(a, disk);
}

fn journal_of(a: &App) -> String {
    std::fs::read_to_string(journal::path_for(
        &a.session.dir,
        &a.session.meeting.as_ref().expect("m").id,
    ))
    .expect("journal")
}

#[test]
fn no_operation_on_the_lock_path_makes_two_writers() {
    type Attack = fn(&Path);
    let attacks: [(&str, Attack); 3] = [
        ("deleted", |d| {
            std::fs::remove_file(d.join(".docket.lock")).expect("rm")
        }),
        ("replaced", |d| {
            std::fs::write(d.join("other"), "x").expect("write");
            std::fs::rename(d.join("other"), d.join(".docket.lock")).expect("mv");
        }),
        ("renamed", |d| {
            std::fs::rename(d.join(".docket.lock"), d.join("old.lock")).expect("mv")
        }),
    ];
    for (name, attack) in attacks {
        let dir = panel(&format!("two-writers-{name}"));
        let (mut a, mut disk_a, _lock_a) = writer(&dir);
        meeting(&mut a, &mut disk_a);
        // A follower cannot take the lock while the writer holds it.
        let b = app(&dir);
        assert!(session::lock(&b.session, "later").is_err(), "{name}");
        attack(&dir);
        // Now it can (the file at the path is free), and becomes the writer.
        let lock_b = session::lock(&b.session, "later").expect("free after the attack");
        let mut b = app(&dir);
        let mut disk_b = RealDisk::new(&dir, Modes::PRIVATE);
        disk_b.hold(&lock_b);
        // The first writer goes on: it must stop, say why and follow, not write.
        let before = journal_of(&a);
        step(&mut a, &mut disk_a);
        assert!(a.session.read_only.is_some(), "{name}: still writing");
        assert!(warning(&a).contains("Stopped writing"), "{}", warning(&a));
        assert_eq!(journal_of(&a), before, "{name}");
        step(&mut b, &mut disk_b);
        assert!(b.session.read_only.is_none(), "{name}: {:?}", b.message);
        let (entries, damage) = journal::parse(&journal_of(&b));
        assert_eq!(damage, None, "{name}");
        let seqs: Vec<u64> = entries.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, (1..=seqs.len() as u64).collect::<Vec<_>>(), "{name}");
        // And the next open reads everything without a complaint.
        let again = app(&dir);
        assert!(
            !again
                .session
                .notes
                .iter()
                .any(|n| n.contains("out of order")),
            "{:?}",
            again.session.notes
        );
    }
}

#[test]
fn a_lock_taken_on_a_file_no_longer_at_the_path_does_not_make_a_writer() {
    let dir = panel("lock-unlinked");
    let a = app(&dir);
    // Taken, then removed before it is checked: the next take sees the path free again,
    // and the one that was taken on the removed file must not count.
    let first = session::lock(&a.session, "now").expect("lock");
    std::fs::remove_file(dir.join(".docket.lock")).expect("rm");
    let mut disk = RealDisk::new(&dir, Modes::PRIVATE);
    disk.hold(&first);
    let jpath = journal::path_for(&dir, "m");
    let e = docket::domain::event::Event::Attendee { name: "x".into() };
    assert!(journal::append(&mut disk, &jpath, 1, &e).is_err());
    assert!(!jpath.exists());
}

#[test]
fn a_journal_written_by_someone_else_stops_the_writer() {
    let dir = panel("journal-foreign");
    let (mut a, mut disk, _lock) = writer(&dir);
    meeting(&mut a, &mut disk);
    let jpath = journal::path_for(&dir, &a.session.meeting.as_ref().expect("m").id);
    let n = a.session.journal_seq + 1;
    let foreign = journal::line(
        n,
        &docket::domain::event::Event::Attendee { name: "x".into() },
    );
    let mut text = std::fs::read_to_string(&jpath).expect("journal");
    text.push_str(&foreign);
    std::fs::write(&jpath, &text).expect("append");
    step(&mut a, &mut disk);
    assert!(a.session.read_only.is_some());
    assert!(
        warning(&a).contains("someone else wrote"),
        "{}",
        warning(&a)
    );
    assert_eq!(std::fs::read_to_string(&jpath).expect("journal"), text);
}

fn victim(dir: &Path, name: &str) -> PathBuf {
    let v = dir.parent().expect("parent").join(format!("{name}.victim"));
    std::fs::write(&v, "the victim's own text\n").expect("victim");
    std::fs::set_permissions(&v, std::os::unix::fs::PermissionsExt::from_mode(0o644))
        .expect("chmod");
    v
}

fn untouched(v: &Path) {
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::read_to_string(v).expect("victim"),
        "the victim's own text\n"
    );
    let mode = std::fs::metadata(v).expect("victim").permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "{}", v.display());
}

#[test]
fn links_planted_where_docket_writes_are_never_followed() {
    use std::os::unix::fs::symlink;
    // The lock: refused, the victim not truncated.
    let dir = panel("link-lock");
    let a = app(&dir);
    let v = victim(&dir, "lock");
    symlink(&v, dir.join(".docket.lock")).expect("ln");
    assert!(matches!(
        session::lock(&a.session, "now"),
        Err(session::LockError::Refused(_))
    ));
    untouched(&v);

    // A temporary name planted beside the minutes: never opened.
    let dir = panel("link-tmp");
    let (mut a, mut disk, _lock) = writer(&dir);
    let path = meeting(&mut a, &mut disk);
    let v = victim(&dir, "tmp");
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    symlink(&v, path.with_file_name(format!(".{name}.tmp"))).expect("ln");
    step(&mut a, &mut disk);
    assert!(
        std::fs::read_to_string(&path)
            .expect("minutes")
            .contains("finding")
    );
    untouched(&v);

    // The journal: refused, nothing appended to the victim.
    let dir = panel("link-journal");
    let (mut a, mut disk, _lock) = writer(&dir);
    meeting(&mut a, &mut disk);
    let jpath = journal::path_for(&dir, &a.session.meeting.as_ref().expect("m").id);
    let v = victim(&dir, "journal");
    std::fs::remove_file(&jpath).expect("rm");
    symlink(&v, &jpath).expect("ln");
    let mut fresh = RealDisk::new(&dir, Modes::PRIVATE);
    let e = docket::domain::event::Event::Attendee { name: "x".into() };
    assert!(journal::append(&mut fresh, &jpath, 1, &e).is_err());
    untouched(&v);

    // The minutes folder: nothing lands in the outside folder.
    let dir = panel("link-minutes");
    let outside = dir.parent().expect("parent").join("outside-minutes");
    let _ = std::fs::remove_dir_all(&outside);
    std::fs::create_dir_all(&outside).expect("mkdir");
    symlink(&outside, dir.join("minutes")).expect("ln");
    let mut disk = RealDisk::new(&dir, Modes::PRIVATE);
    let m = dir.join("minutes/2026-11-20-1.yaml");
    assert!(disk.replace(&m, b"x: 1\n").is_err());
    assert!(journal::append(&mut disk, &journal::path_for(&dir, "m"), 1, &e).is_err());
    assert_eq!(std::fs::read_dir(&outside).expect("outside").count(), 0);

    // The state file: replaced by a file of docket's own, the victim left as it was.
    let dir = panel("link-state");
    let v = victim(&dir, "state");
    symlink(&v, dir.join("state.yaml")).expect("ln");
    let mut disk = RealDisk::new(&dir, Modes::PRIVATE);
    let state = docket::store::state::QueueState::default();
    docket::store::state::write(&mut disk, &dir, &state).expect("state written");
    untouched(&v);
}

#[test]
fn a_panel_with_a_link_where_docket_writes_is_refused_with_its_name() {
    use std::os::unix::fs::symlink;
    for name in [
        ".docket.lock",
        "minutes",
        "state.yaml",
        "minutes/m.journal",
        "minutes/2026-11-28-3.yaml",
    ] {
        let dir = panel(&format!("refused-{}", name.replace('/', "-")));
        let v = victim(&dir, "refused");
        std::fs::create_dir_all(dir.join("minutes")).expect("mkdir");
        let _ = std::fs::remove_dir(dir.join(name));
        symlink(&v, dir.join(name)).expect("ln");
        let mut err = Vec::new();
        let opened = session::open(&dir, Lang::En, &mut err).expect("io");
        assert!(opened.is_none(), "{name}: opened");
        let err = String::from_utf8(err).expect("utf-8");
        assert!(err.contains(name) && err.contains("symbolic link"), "{err}");
        untouched(&v);
    }
}

#[test]
fn modes_are_set_on_every_open_not_only_at_creation() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let mode = |p: &Path| std::fs::metadata(p).expect("mode").permissions().mode() & 0o777;
    let dir = panel("modes-again");
    std::fs::create_dir_all(dir.join("minutes")).expect("mkdir");
    std::fs::set_permissions(dir.join("minutes"), PermissionsExt::from_mode(0o755)).expect("chmod");
    std::fs::write(dir.join(".docket.lock"), "").expect("lock");
    std::fs::set_permissions(dir.join(".docket.lock"), PermissionsExt::from_mode(0o644))
        .expect("chmod");
    let a = app(&dir);
    let lock = session::lock(&a.session, "now").expect("lock");
    assert_eq!(mode(&dir.join("minutes")), 0o700);
    assert_eq!(mode(&dir.join(".docket.lock")), 0o600);
    drop(lock);
    // With a group: 0750/0640, owned by it.
    let gid = std::fs::metadata("/proc/self").expect("self").gid();
    let modes = Modes::for_group(Some(gid));
    let _lock = docket::store::disk::lock(&dir, modes, "x\n").expect("lock");
    assert_eq!(mode(&dir.join("minutes")), 0o750);
    assert_eq!(mode(&dir.join(".docket.lock")), 0o640);
    assert_eq!(
        std::fs::metadata(dir.join("minutes")).expect("m").gid(),
        gid
    );
}
