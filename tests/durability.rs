//! The real binary under duress, in a pseudo-terminal: killed at random points, hung up on,
//! run twice on one panel, run under umask 000, fed hostile text.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{Session, copy_dir, scratch};
use docket::domain::rules::Opinion;
use docket::domain::text::Lang;

/// A step of the scripted meeting: the keys, and the text that shows it was done.
struct Step {
    keys: &'static str,
    shown: String,
    opinion: Option<Opinion>,
}

/// Voters of 2026-001 in speaking order (no conflicts; the chair last), and their labels.
const VOTERS: [&str; 6] = ["李红", "张伟", "赵敏", "刘志强", "陈静", "王建国"];

fn row(name: &str, label: &str) -> String {
    use unicode_width::UnicodeWidthStr;
    format!("{name}{} {label}", " ".repeat(10 - name.width()))
}

fn script() -> Vec<Step> {
    let mut steps = vec![
        Step {
            keys: "m",
            shown: "点名".into(),
            opinion: None,
        },
        Step {
            keys: "\r",
            shown: "会议开始".into(),
            opinion: None,
        },
        Step {
            keys: "\r",
            shown: "三个区分开来".into(),
            opinion: None,
        },
        Step {
            keys: "v",
            shown: "[进行中]".into(),
            opinion: None,
        },
    ];
    let said = [
        ("y", Opinion::Agree, "同意"),
        ("n", Opinion::Disagree, "不同意"),
        ("y", Opinion::Agree, "同意"),
        ("d", Opinion::Defer, "缓议"),
        ("y", Opinion::Agree, "同意"),
        ("y", Opinion::Agree, "同意"),
    ];
    for (name, (k, o, label)) in VOTERS.iter().zip(said) {
        steps.push(Step {
            keys: k,
            shown: row(name, label),
            opinion: Some(o),
        });
    }
    steps.push(Step {
        keys: "\r",
        shown: "y：确认".into(),
        opinion: None,
    });
    steps.push(Step {
        keys: "y",
        shown: "轮表决结束".into(),
        opinion: None,
    });
    steps
}

fn fresh_panel(root: &Path) -> PathBuf {
    let panel = root.join("example");
    common::example_into(&panel);
    panel
}

/// A small deterministic generator, so that a failing run can be repeated from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// What the minutes say after docket opens the panel again (recovering from the journal).
struct Recovered {
    meeting: bool,
    taken_up: bool,
    rounds: usize,
    opinions: Vec<(String, Opinion)>,
    closed: bool,
}

fn recovered(panel: &Path) -> Recovered {
    let mut err = Vec::new();
    let app = docket::tui::load(panel, Lang::Zh, true, &mut err)
        .expect("load")
        .expect("panel opens");
    let record = app
        .session
        .meeting
        .as_ref()
        .and_then(|m| m.record("2026-001"));
    let round = record.and_then(|r| r.rounds.first());
    Recovered {
        meeting: app.session.meeting.is_some(),
        taken_up: record.is_some(),
        rounds: record.map_or(0, |r| r.rounds.len()),
        opinions: round
            .map(|r| {
                r.opinions
                    .iter()
                    .map(|v| (v.member.clone(), v.opinion))
                    .collect()
            })
            .unwrap_or_default(),
        closed: round.is_some_and(|r| r.closed_at.is_some()),
    }
}

#[test]
fn killed_at_random_points_every_shown_step_is_recovered_exactly_once() {
    let seed: u64 = std::env::var("DOCKET_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64 | 1)
        });
    let runs: usize = std::env::var("DOCKET_KILL_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    eprintln!("kill -9 test: seed {seed}, {runs} runs (DOCKET_KILL_SEED to repeat)");
    let mut rng = Rng(seed);
    let steps = script();
    let (root, _) = scratch("kill");
    let ids = [
        "li-hong",
        "zhang-wei",
        "zhao-min",
        "liu-zhiqiang",
        "chen-jing",
        "wang-jianguo",
    ];
    for run in 0..runs {
        let panel = fresh_panel(&root);
        let kill_at = (rng.next() % steps.len() as u64) as usize;
        let ctx = format!("seed {seed}, run {run}, killed at step {kill_at}");
        let mut s = Session::start(&panel, &root);
        s.expect("2026-018");
        // Every step before `kill_at` is shown before the next is typed.
        for step in &steps[..kill_at] {
            s.keys(step.keys);
            s.expect(&step.shown);
        }
        s.keys(steps[kill_at].keys);
        s.signal("KILL");
        assert!(
            s.exited_within(Duration::from_secs(5)),
            "{ctx}: still running"
        );
        let r = recovered(&panel);
        let shown = &steps[..kill_at];
        let sent = &steps[..=kill_at];
        // shown ⊆ recovered
        assert!(r.meeting || kill_at < 2, "{ctx}: the meeting was lost");
        // Opening the case (step 2) only reads it; the round (step 3) takes it up.
        assert!(r.taken_up || kill_at < 4, "{ctx}: the case was lost");
        assert!(
            !r.taken_up || kill_at >= 3,
            "{ctx}: reading the case took it up"
        );
        assert!(r.rounds == 1 || kill_at < 4, "{ctx}: the round was lost");
        let shown_opinions: Vec<Opinion> = shown.iter().filter_map(|s| s.opinion).collect();
        let sent_opinions: Vec<Opinion> = sent.iter().filter_map(|s| s.opinion).collect();
        assert!(
            r.opinions.len() >= shown_opinions.len(),
            "{ctx}: {} opinions shown, {} recovered",
            shown_opinions.len(),
            r.opinions.len()
        );
        // recovered ⊆ sent, each exactly once, in the order given
        assert!(
            r.opinions.len() <= sent_opinions.len(),
            "{ctx}: phantom opinions"
        );
        assert!(r.rounds <= 1, "{ctx}: a round applied twice");
        for (i, (member, opinion)) in r.opinions.iter().enumerate() {
            assert_eq!(member, ids[i], "{ctx}: opinion {i} by the wrong member");
            assert_eq!(*opinion, sent_opinions[i], "{ctx}: opinion {i} changed");
        }
        if shown.iter().any(|s| s.shown == "轮表决结束") {
            assert!(r.closed, "{ctx}: the closed round reopened");
        }
        // Opening again changes nothing more: nothing is applied twice.
        let again = recovered(&panel);
        assert_eq!(
            again.opinions, r.opinions,
            "{ctx}: a second recovery differs"
        );
        assert_eq!(again.rounds, r.rounds, "{ctx}");
    }
}

#[test]
fn a_hangup_mid_vote_exits_promptly_loses_nothing_and_resumes_at_the_case() {
    let (root, _) = scratch("sighup");
    let panel = fresh_panel(&root);
    let steps = script();
    let mut s = Session::start(&panel, &root);
    s.expect("2026-018");
    for step in &steps[..7] {
        s.keys(step.keys);
        s.expect(&step.shown);
    }
    s.signal("HUP");
    assert!(
        s.exited_within(Duration::from_secs(5)),
        "still running 5 s after SIGHUP"
    );
    let out = String::from_utf8_lossy(&s.raw);
    assert!(!out.contains("panicked"), "{out}");
    let r = recovered(&panel);
    assert_eq!(r.opinions.len(), 3);
    // Reopening resumes at the same case, in its vote.
    let mut s = Session::start(&panel, &root);
    s.expect("已恢复未结束的会议");
    s.expect("2026-001");
    s.expect("[进行中]");
    s.expect(&row("赵敏", "同意"));
    s.keys("q");
    s.quit_meeting();
    assert!(s.exited_within(Duration::from_secs(5)));
}

#[test]
fn a_terminal_that_hangs_up_with_no_sighup_still_ends_docket() {
    // Under setsid the pty is not docket's controlling terminal: closing it sends no SIGHUP,
    // as when docket runs under su and the SSH link or tmux goes away. Reads then return
    // nothing forever; docket must notice the hangup, not spin. The pty is made here, not
    // by the Session helper, whose reading thread would keep the terminal open.
    use std::os::fd::{FromRawFd, OwnedFd};
    let (root, _) = scratch("hangup-no-signal");
    let panel = fresh_panel(&root);
    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize {
        ws_row: 40,
        ws_col: 120,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors it opened into the integers given.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both descriptors were just opened by openpty and are owned here alone.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    // The master stays with the test alone: docket must not inherit it.
    rustix::io::fcntl_setfd(&master, rustix::io::FdFlags::CLOEXEC).expect("cloexec");
    let io = |fd: &OwnedFd| std::process::Stdio::from(fd.try_clone().expect("dup"));
    let mut child = std::process::Command::new("setsid")
        .arg(env!("CARGO_BIN_EXE_docket"))
        .arg(&panel)
        .args(["--lang", "zh"])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("TERM", "xterm-256color")
        .env("LANG", "C.UTF-8")
        .env("HOME", &root)
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_CACHE_HOME", root.join("cache"))
        .stdin(io(&slave))
        .stdout(io(&slave))
        .stderr(io(&slave))
        .spawn()
        .expect("setsid docket");
    drop(slave);
    // Read what docket draws until it holds the panel (its lock), then hang up.
    let mut out = std::fs::File::from(master);
    rustix::fs::fcntl_setfl(&out, rustix::fs::OFlags::NONBLOCK).expect("non-blocking");
    let mut held = false;
    for _ in 0..200 {
        let mut buf = [0u8; 65536];
        let _ = std::io::Read::read(&mut out, &mut buf);
        if docket::store::disk::lock(&panel, docket::store::disk::Modes::PRIVATE, "test\n").is_err()
        {
            held = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(held, "docket never took the panel");
    drop(out);
    let mut ended = false;
    for _ in 0..100 {
        if child.try_wait().expect("wait").is_some()
            && docket::store::disk::lock(&panel, docket::store::disk::Modes::PRIVATE, "test\n")
                .is_ok()
        {
            ended = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    if !ended {
        let _ = child.kill();
    }
    assert!(
        ended,
        "docket still running 10 s after its terminal hung up"
    );
}

#[test]
fn a_second_docket_is_read_only_and_the_lock_dies_with_its_holder() {
    let (root, _) = scratch("lock");
    let panel = fresh_panel(&root);
    let mut first = Session::start(&panel, &root);
    first.expect("2026-018");
    let holder = first.pid().to_string();
    let mut second = Session::start(&panel, &root);
    second.expect("只读");
    second.expect(&holder);
    second.keys("m");
    second.expect("只读");
    // No roll call opened: its method line is not on screen.
    assert!(!second.screen().contains("表决方式"), "{}", second.screen());
    // The first one writes; the second follows.
    first.keys("m");
    first.expect("点名");
    first.keys("\r");
    first.expect("会议开始");
    second.expect("到会 6 / 需 4");
    first.signal("KILL");
    assert!(first.exited_within(Duration::from_secs(5)));
    // The follower notices the holder is gone and takes over as the writer.
    second.expect("现由本程序记录会议");
    let line = std::fs::read_to_string(panel.join(".docket.lock")).expect("lock file");
    assert!(line.contains(&format!(" {} ", second.pid())), "{line}");
    second.quit_meeting();
    assert!(second.exited_within(Duration::from_secs(5)));
    // The next one takes the lock and writes its own line.
    let mut third = Session::start(&panel, &root);
    third.expect("2026-018");
    third.expect("已恢复未结束的会议");
    assert!(!third.screen().contains("只读"), "{}", third.screen());
    let line = std::fs::read_to_string(panel.join(".docket.lock")).expect("lock file");
    assert!(line.contains(&format!(" {} ", third.pid())), "{line}");
    third.quit_meeting();
    assert!(third.exited_within(Duration::from_secs(5)));
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

/// Opens a meeting under `umask 000` and quits; returns the panel.
fn meeting_under_umask_000(name: &str, group: Option<&str>) -> PathBuf {
    let (root, _) = scratch(name);
    let panel = fresh_panel(&root);
    if let Some(g) = group {
        let yaml = std::fs::read_to_string(panel.join("panel.yaml")).expect("panel.yaml");
        std::fs::write(panel.join("panel.yaml"), format!("{yaml}group: {g}\n")).expect("write");
    }
    let script = format!(
        "umask 000; exec '{}' '{}' --lang zh",
        env!("CARGO_BIN_EXE_docket"),
        panel.display()
    );
    let mut s = Session::spawn("/bin/sh", &["-c", &script], &root, &[]);
    s.expect("2026-018");
    s.keys("m");
    s.expect("点名");
    s.keys("\r");
    s.expect("会议开始");
    s.quit_meeting();
    assert!(s.exited_within(Duration::from_secs(5)));
    panel
}

fn created(panel: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(panel.join("minutes"))
        .expect("minutes")
        .map(|e| e.expect("entry").path())
        .collect();
    files.push(panel.join(".docket.lock"));
    files
}

#[test]
fn whatever_the_umask_files_are_0600_and_folders_0700() {
    let panel = meeting_under_umask_000("umask", None);
    assert_eq!(mode(&panel.join("minutes")), 0o700);
    let files = created(&panel);
    assert!(files.len() >= 3, "{files:?}");
    for f in files {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
}

#[test]
fn with_a_group_files_are_0640_and_folders_0750_owned_by_it() {
    let groups = std::fs::read_to_string("/etc/group").unwrap_or_default();
    // The group of the user running the tests: one they may give files to.
    let gid = std::fs::metadata("/proc/self").expect("self").gid();
    let Some(name) = groups.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() > 2 && f[2] == gid.to_string()).then(|| f[0].to_string())
    }) else {
        panic!("no group named for gid {gid} in /etc/group");
    };
    let panel = meeting_under_umask_000("umask-group", Some(&name));
    let dir = panel.join("minutes");
    assert_eq!(mode(&dir), 0o750);
    assert_eq!(std::fs::metadata(&dir).expect("dir").gid(), gid);
    for f in created(&panel) {
        assert_eq!(mode(&f), 0o640, "{}", f.display());
        assert_eq!(std::fs::metadata(&f).expect("file").gid(), gid);
    }
}

#[test]
fn hostile_text_in_a_case_never_reaches_the_terminal() {
    let (root, _) = scratch("injection");
    let panel = root.join("injection");
    let _ = std::fs::remove_dir_all(&panel);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/injection"),
        &panel,
    );
    let mut s = Session::start(&panel, &root);
    s.expect("2026-101");
    s.keys("\r");
    s.expect("标题");
    for _ in 0..4 {
        s.keys("\t");
    }
    s.keys("?");
    s.expect("按键");
    // Any key closes the help (a lone Esc followed by q could read as Alt-q).
    s.keys("?");
    s.wait("help closed", |screen| !screen.contains("按键"));
    s.keys("q");
    s.expect("2026-101");
    s.keys("q");
    assert!(s.exited_within(Duration::from_secs(5)));
    let raw = &s.raw;
    let find = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    for bad in [
        &b"\x1b]52"[..],
        b"\x1b]0;",
        b"\x1b]8;",
        b"\x1b[99;99H",
        b"\x1b[6n",
        b"\x1b[31;1;4m",
        "\u{9b}".as_bytes(),
        "\u{202e}".as_bytes(),
        b"\x07",
        b"\x08",
    ] {
        assert!(
            !find(bad),
            "{:?} reached the terminal",
            String::from_utf8_lossy(bad)
        );
    }
    // They are shown, escaped.
    assert!(s.screen().contains("\\u{1b}") || String::from_utf8_lossy(raw).contains("\\u{1b}"));
}

#[test]
fn a_group_that_cannot_be_applied_refuses_the_lock_and_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    // Root may give files to any group: run docket as another user, who may not give them
    // to root's group.
    let setpriv = Path::new("/usr/bin/setpriv");
    if !setpriv.exists() || std::fs::metadata("/proc/self").expect("self").uid() != 0 {
        eprintln!("skipped: needs root and setpriv");
        return;
    }
    let (root, _) = scratch("group-refused");
    let panel = fresh_panel(&root);
    let yaml = std::fs::read_to_string(panel.join("panel.yaml")).expect("panel.yaml");
    std::fs::write(panel.join("panel.yaml"), format!("{yaml}group: root\n")).expect("write");
    std::fs::create_dir_all(panel.join("minutes")).expect("mkdir");
    std::fs::set_permissions(panel.join("minutes"), PermissionsExt::from_mode(0o755))
        .expect("chmod");
    let status = std::process::Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(&root)
        .status()
        .expect("chown");
    assert!(status.success());
    let mut s = Session::spawn(
        "/usr/bin/setpriv",
        &[
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_docket"),
            panel.to_str().expect("utf-8"),
            "--lang",
            "en",
        ],
        &root,
        &[],
    );
    s.expect("Read-only, cannot become the writer: nothing was changed: the panel's group");
    s.keys("m");
    std::thread::sleep(Duration::from_millis(1200));
    s.keys("q");
    assert!(s.exited_within(Duration::from_secs(5)));
    assert_eq!(mode(&panel.join("minutes")), 0o755);
    assert!(!panel.join(".docket.lock").exists());
    assert_eq!(
        std::fs::read_dir(panel.join("minutes"))
            .expect("minutes")
            .count(),
        0
    );
}
