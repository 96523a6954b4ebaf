//! The log for support (`--log FILE`): private, one well-formed line per thing docket did,
//! and never what a case, a member or an opinion says.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use docket::domain::rules::Opinion;
use docket::domain::text::Lang;
use docket::store::disk::{Disk, Modes, RealDisk};
use docket::tui::app::{Action, App};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("log")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn docket(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docket"))
        .current_dir(root())
        .args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run docket")
}

fn read_log(path: &Path) -> String {
    let mode = std::fs::metadata(path)
        .expect("the log")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "the log is private");
    std::fs::read_to_string(path).expect("a UTF-8 log")
}

/// Each line: an RFC 3339 time in UTC, a level, a module of docket, a message.
fn assert_well_formed(log: &str) {
    assert!(!log.is_empty() && log.ends_with('\n'), "{log:?}");
    for line in log.lines() {
        let mut parts = line.split_whitespace();
        let at = parts.next().expect("a time");
        assert!(
            at.ends_with('Z') && at.parse::<jiff::Timestamp>().is_ok(),
            "not an RFC 3339 UTC time: {line}"
        );
        let level = parts.next().expect("a level");
        assert!(
            ["ERROR", "WARN", "INFO"].contains(&level),
            "not a level: {line}"
        );
        let module = parts.next().expect("a module");
        assert!(
            module == "docket" || module.starts_with("docket::"),
            "{line}"
        );
        assert!(parts.next().is_some(), "no message: {line}");
    }
}

/// Every text of the example a person wrote (case titles, summaries, facts, proposals, names
/// of members and subjects, recusal reasons): whatever in panel.yaml and the cases is not an
/// id, that is, holds a Chinese character.
fn texts_of_the_example() -> Vec<String> {
    fn leaves(v: &serde_yaml::Value, out: &mut Vec<String>) {
        match v {
            serde_yaml::Value::String(s) if !s.is_ascii() => out.push(s.clone()),
            serde_yaml::Value::Sequence(s) => s.iter().for_each(|v| leaves(v, out)),
            serde_yaml::Value::Mapping(m) => m.values().for_each(|v| leaves(v, out)),
            _ => {}
        }
    }
    let dir = root().join("panels/example");
    let mut files = vec![dir.join("panel.yaml")];
    for e in std::fs::read_dir(dir.join("cases")).expect("cases") {
        files.push(e.expect("entry").path());
    }
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        leaves(&serde_yaml::from_str(&text).expect("yaml"), &mut out);
    }
    assert!(
        out.iter().any(|t| t == "王建国"),
        "the members' names are among them"
    );
    assert!(
        out.iter().any(|t| t == "马立新"),
        "the subjects' names are among them"
    );
    assert!(out.len() > 100, "{}", out.len());
    out
}

fn assert_tells_nothing_of_the_cases(log: &str) {
    for t in texts_of_the_example() {
        assert!(!log.contains(&t), "the log holds {t:?}:\n{log}");
    }
}

#[test]
fn check_with_a_log_writes_the_panel_and_its_counts_and_no_case_text() {
    let dir = scratch("check");
    let file = dir.join("docket.log");
    let o = docket(&["--log", file.to_str().unwrap(), "check", "panels/example"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let log = read_log(&file);
    assert_well_formed(&log);
    assert!(log.contains("started: check"), "{log}");
    assert!(
        log.contains("checked panels/example: 18 cases, 0 errors, 0 warnings"),
        "{log}"
    );
    assert!(log.contains("exit 0"), "{log}");
    assert_tells_nothing_of_the_cases(&log);

    // Appended, not replaced.
    let lines = log.lines().count();
    docket(&["--log", file.to_str().unwrap(), "check", "panels/example"]);
    let again = read_log(&file);
    assert!(again.starts_with(&log));
    assert_eq!(again.lines().count(), 2 * lines);
}

#[test]
fn opening_a_panel_without_a_terminal_logs_what_it_holds() {
    let dir = scratch("queue");
    let panel = dir.join("example");
    common::example_into(&panel);
    let file = dir.join("docket.log");
    let o = docket(&["--log", file.to_str().unwrap(), panel.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    // The queue printed names the subjects; the log does not.
    assert!(String::from_utf8_lossy(&o.stdout).contains("马立新"));
    let log = read_log(&file);
    assert_well_formed(&log);
    let shown = panel.display().to_string();
    assert!(
        log.contains(&format!("panel {shown} opened: 18 cases, 7 members")),
        "{log}"
    );
    assert!(
        log.contains(&format!("0 minutes files, 0 journals in {shown}")),
        "{log}"
    );
    assert_tells_nothing_of_the_cases(&log);
}

#[test]
fn a_link_planted_at_the_log_is_refused_before_anything_is_done() {
    let dir = scratch("planted");
    let victim = dir.join("victim");
    std::fs::write(&victim, "theirs").unwrap();
    let file = dir.join("docket.log");
    std::os::unix::fs::symlink(&victim, &file).unwrap();
    let o = docket(&["--log", file.to_str().unwrap(), "check", "panels/example"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty(), "nothing done");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("docket.log") && err.contains("symbolic link"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "theirs");
}

/// A folder on the log's path that is a link, and a log file with a second name (a hard
/// link), are refused as a link at the file is: either would send the log into a file that
/// is not the one named.
#[test]
fn a_link_on_the_path_or_a_hard_link_at_the_log_is_refused() {
    let dir = scratch("linked");
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("docket.log"), "theirs").unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.join("sub")).unwrap();
    let through = dir.join("sub/docket.log");
    let o = docket(&[
        "--log",
        through.to_str().unwrap(),
        "check",
        "panels/example",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("a folder on its path is a symbolic link"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("docket.log")).unwrap(),
        "theirs"
    );

    let victim = dir.join("victim");
    std::fs::write(&victim, "important").unwrap();
    let second = dir.join("hl.log");
    std::fs::hard_link(&victim, &second).unwrap();
    let o = docket(&["--log", second.to_str().unwrap(), "check", "panels/example"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("hard links"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "important");
}

/// Writes half of the `tear`-th append, then fails as a full disk; later appends go through,
/// the minutes are never written again.
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
            return Err(io::Error::from_raw_os_error(28));
        }
        self.real.append(path, seq, bytes)
    }

    fn replace(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if self.torn {
            return Err(io::Error::from_raw_os_error(28));
        }
        self.real.replace(path, bytes)
    }
}

fn step(app: &mut App, disk: &mut dyn Disk, actions: &[Action]) {
    for a in actions {
        app.update(a.clone());
    }
    docket::tui::save_to(app, disk);
}

/// The only test here that logs in this process: the logger is the process's.
#[test]
fn a_meeting_through_a_full_disk_a_crash_and_the_lock_is_logged_without_its_words() {
    let dir = scratch("session");
    let panel = dir.join("example");
    common::example_into(&panel);
    let file = dir.join("docket.log");
    docket::logfile::start(&file).expect("the log");

    // A meeting whose journal tears on the disk filling up, minutes that cannot be written.
    let mut app = common::open_app(&panel, Lang::En, common::START);
    let mut disk = TearingDisk {
        real: RealDisk::new(&panel, Modes::PRIVATE),
        appends: 0,
        tear: 4,
        torn: false,
    };
    step(&mut app, &mut disk, &[Action::Meeting, Action::Enter]);
    step(&mut app, &mut disk, &[Action::Enter, Action::Vote]);
    step(&mut app, &mut disk, &[Action::Opinion(Opinion::Agree)]);
    app.case_view.voter = app.first_unheard();
    step(&mut app, &mut disk, &[Action::Opinion(Opinion::Disagree)]);
    drop(app);

    // A crash mid-line, then a restart: recovered from the journal; the torn tail is cut at
    // the next step.
    let journal = std::fs::read_dir(panel.join("minutes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "journal"))
        .expect("a journal");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&journal)
        .unwrap();
    io::Write::write_all(&mut f, b"99\tcut sh").unwrap();
    drop(f);
    let mut again = common::open_app(&panel, Lang::En, common::START + 3600);
    again.case_view.voter = again.first_unheard();
    let mut real = RealDisk::new(&panel, Modes::PRIVATE);
    step(&mut again, &mut real, &[Action::Opinion(Opinion::Agree)]);

    // The lock: taken, refused to a second docket (its holder's account left out), released.
    let lock = docket::store::disk::lock(&panel, Modes::PRIVATE, "clerk-account host 4242 now\n")
        .expect("the lock");
    assert!(docket::store::disk::lock(&panel, Modes::PRIVATE, "other host 1 now\n").is_err());
    drop(lock);
    log::logger().flush();

    let log = read_log(&file);
    assert_well_formed(&log);
    let shown = panel.display().to_string();
    let journal = journal.display().to_string();
    for said in [
        format!("panel {shown} opened: 18 cases, 7 members, 0 broken case files"),
        format!("{journal}: step 4 not journaled, undone: StorageFull"),
        "minutes not written (journal at step 4): StorageFull".to_string(),
        "steps replayed from".to_string(),
        format!("{journal}:4: TornSkipped"),
        format!("{journal}: a torn last line cut (9 bytes)"),
        format!("{shown}: lock taken"),
        format!("{shown}: lock held by another docket (pid 4242)"),
        format!("{shown}: lock released"),
    ] {
        assert!(log.contains(&said), "the log lacks {said:?}:\n{log}");
    }
    assert!(!log.contains("clerk-account"), "{log}");
    assert!(!log.contains("Agree") && !log.contains("Disagree"), "{log}");
    assert_tells_nothing_of_the_cases(&log);
}
