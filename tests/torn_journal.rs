//! A journal append cut short by a full disk: the fragment never poisons the steps after it.
//! The disk fills mid-line, then frees a page: the next step is kept, and after a kill the
//! restart recovers it from the journal (the minutes could not be written meanwhile).

mod common;

use std::io;
use std::path::{Path, PathBuf};

use docket::domain::text::Lang;
use docket::store::disk::{Disk, Modes, RealDisk};
use docket::tui::app::{Action, App, Level};

const ENOSPC: i32 = 28;

/// Writes half of the `tear`-th append, then fails as a full disk; later appends go through.
/// Once torn, the minutes can no longer be replaced (the disk stays nearly full).
struct TearingDisk {
    real: RealDisk,
    appends: usize,
    tear: usize,
    torn: bool,
}

impl Disk for TearingDisk {
    fn append(&mut self, path: &Path, seq: u64, bytes: &[u8]) -> io::Result<()> {
        self.appends += 1;
        if self.appends == self.tear {
            self.torn = true;
            self.real.append(path, seq, &bytes[..bytes.len() / 2])?;
            return Err(io::Error::from_raw_os_error(ENOSPC));
        }
        self.real.append(path, seq, bytes)
    }

    fn replace(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if self.torn {
            return Err(io::Error::from_raw_os_error(ENOSPC));
        }
        self.real.replace(path, bytes)
    }
}

fn panel(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("torn")
        .join(name);
    common::example_into(&dir);
    dir
}

fn step(app: &mut App, disk: &mut dyn Disk, actions: &[Action]) {
    for a in actions {
        app.update(a.clone());
    }
    docket::tui::save_to(app, disk);
}

#[test]
fn a_step_shown_after_a_torn_append_is_recovered() {
    let dir = panel("after-tear");
    let mut app = common::open_app(&dir, Lang::En, common::START);
    let mut disk = TearingDisk {
        real: RealDisk::new(&dir, Modes::PRIVATE),
        appends: 0,
        // Open (1), take-up (2) and round (3); the first opinion (4) is torn.
        tear: 4,
        torn: false,
    };
    step(&mut app, &mut disk, &[Action::Meeting, Action::Enter]);
    step(&mut app, &mut disk, &[Action::Enter, Action::Vote]);
    step(
        &mut app,
        &mut disk,
        &[Action::Opinion(docket::domain::rules::Opinion::Agree)],
    );
    // Not kept, so not shown.
    assert!(matches!(&app.message, Some((Level::Warn, m)) if m.contains("not kept")));
    let heard = |a: &App| {
        a.session
            .meeting
            .as_ref()
            .and_then(|m| m.record("2026-001"))
            .and_then(|r| r.open_round())
            .map_or(0, |r| r.opinions.len())
    };
    assert_eq!(heard(&app), 0);
    // A page is freed: the next opinion is kept (the minutes still cannot be written).
    app.case_view.voter = app.first_unheard();
    step(
        &mut app,
        &mut disk,
        &[Action::Opinion(docket::domain::rules::Opinion::Agree)],
    );
    assert_eq!(heard(&app), 1, "{:?}", app.message);
    // kill -9 and restart: the journal, fragment and all, gives the opinion back.
    let again = common::open_app(&dir, Lang::En, common::START);
    assert_eq!(heard(&again), 1, "{:?}", again.session.notes);
    assert!(
        again.session.notes.iter().any(|n| n.contains("skipped")),
        "{:?}",
        again.session.notes
    );
}
