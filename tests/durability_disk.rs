//! Saving when the disk fails, through the file-system seam: disk full, read-only, a file
//! replaced underneath. The last good minutes stay byte for byte; the journal keeps what it
//! could; the screen says so.

mod common;

use std::io;
use std::path::{Path, PathBuf};

use docket::domain::text::Lang;
use docket::store::disk::{Disk, Modes, RealDisk};
use docket::store::journal;
use docket::tui::app::{Action, App, Level};
use docket::tui::session;

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
        session::save(app, disk);
    }
    app.update(Action::Presenter);
    for c in "李科长".chars() {
        app.update(Action::Char(c));
    }
    app.update(Action::Enter);
    session::save(app, disk);
    let id = app.meeting.as_ref().expect("meeting").id.clone();
    docket::store::minutes::path_for(&app.dir, &id)
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
        session::save(&mut a, &mut disk);
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
        let jtext =
            std::fs::read_to_string(journal::path_for(&dir, &a.meeting.as_ref().expect("m").id))
                .expect("journal");
        assert!(jtext.contains("\"event\":\"finding\""), "{jtext}");
        let again = app(&dir);
        let m = again.meeting.as_ref().expect("resumed");
        let r = m.record(&again.cases[0].case.id).expect("taken up");
        assert_eq!(r.findings.len(), 1, "code {code}");
        assert!(
            again
                .notes
                .iter()
                .any(|n| n.contains("Recovered 1 recorded step")),
            "{:?}",
            again.notes
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
    assert_eq!(a.pending.len(), 1);
    session::save(&mut a, &mut disk);
    assert!(warning(&a).contains("it was not kept"), "{}", warning(&a));
    // Not on disk, so not on screen either.
    let m = a.meeting.as_ref().expect("meeting");
    let r = m.record(&a.cases[0].case.id).expect("taken up");
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
    session::save(&mut a, &mut disk);
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
    assert_eq!(a.history.len(), 1);
    let mut disk = RealDisk::new(&dir, Modes::PRIVATE);
    let new = meeting(&mut a, &mut disk);
    assert_ne!(new, path);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), tampered);
}
