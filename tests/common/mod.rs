//! Helpers shared by the tests: copies of the example panel, and driving the real binary in a
//! pseudo-terminal.
#![allow(dead_code)]
// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub mod ssh;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;
pub const PATIENCE: Duration = Duration::from_secs(20);

pub enum Chunk {
    Bytes(Vec<u8>),
    Closed,
}

pub struct Session {
    parser: vt100::Parser,
    rx: Receiver<Chunk>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    closed: bool,
    /// Every byte docket wrote to the terminal.
    pub raw: Vec<u8>,
}

impl Session {
    pub fn start(dir: &Path, scratch: &Path) -> Session {
        Session::start_with(dir, scratch, &[])
    }

    pub fn start_with(dir: &Path, scratch: &Path, env: &[(&str, &str)]) -> Session {
        let dir = dir.to_str().expect("utf-8 path").to_string();
        Session::spawn(
            env!("CARGO_BIN_EXE_docket"),
            &[dir.as_str(), "--lang", "zh"],
            scratch,
            env,
        )
    }

    /// Starts `program args` in a pty with docket's test environment (and `env`).
    pub fn spawn(program: &str, args: &[&str], scratch: &Path, env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("NO_COLOR", "1");
        cmd.env("TZ", "UTC");
        cmd.env("HOME", scratch);
        cmd.env("XDG_CONFIG_HOME", scratch.join("config"));
        cmd.env("XDG_CACHE_HOME", scratch.join("cache"));
        cmd.env("USER", "clerk");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn docket");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        // Drain the pty on a thread of its own: a full pty buffer would block docket.
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => {
                        let _ = tx.send(Chunk::Closed);
                        return;
                    }
                    Ok(n) => {
                        if tx.send(Chunk::Bytes(buf[..n].to_vec())).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Session {
            parser: vt100::Parser::new(
                std::num::NonZero::new(ROWS).expect("rows"),
                std::num::NonZero::new(COLS).expect("cols"),
                0,
            ),
            rx,
            writer: Some(writer),
            child,
            master: Some(pty.master),
            closed: false,
            raw: Vec::new(),
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Takes in output until `done` holds for the screen, or fails after PATIENCE.
    pub fn wait(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if done(&self.screen()) {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(Chunk::Bytes(b)) => {
                    self.parser.process(&b);
                    self.raw.extend_from_slice(&b);
                }
                Ok(Chunk::Closed) => {
                    self.closed = true;
                    assert!(
                        done(&self.screen()),
                        "docket exited waiting for {what}:\n{}",
                        self.screen()
                    );
                    return;
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "waited {PATIENCE:?} for {what}; the screen:\n{}",
                        self.screen()
                    )
                }
            }
        }
    }

    pub fn expect(&mut self, text: &str) {
        let t = text.to_string();
        self.wait(text, move |s| s.contains(&t));
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("docket's pid")
    }

    /// Sends a signal (`KILL`, `HUP`, ...) to docket.
    pub fn signal(&self, sig: &str) {
        let ok = std::process::Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill")
            .success();
        assert!(ok, "kill -{sig}");
    }

    /// Whether docket has exited, waiting at most `limit` for it.
    pub fn exited_within(&mut self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while !self.closed {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(Chunk::Bytes(b)) => {
                    self.parser.process(&b);
                    self.raw.extend_from_slice(&b);
                }
                Ok(Chunk::Closed) => self.closed = true,
                Err(_) => return false,
            }
        }
        self.child.wait().is_ok()
    }

    /// `q` in the queue during an open meeting: confirmed with `y`, as the clerk must.
    pub fn quit_meeting(&mut self) {
        self.keys("q");
        self.expect("会议仍未结束");
        self.keys("y");
    }

    pub fn keys(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("the terminal is open");
        w.write_all(keys.as_bytes()).expect("type");
        w.flush().expect("flush");
    }

    /// Closes the terminal's other end, as a dropped SSH link or a killed tmux does.
    pub fn hang_up(&mut self) {
        self.writer = None;
        self.master = None;
    }

    /// Waits for docket to exit and returns its exit code.
    pub fn finish(mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        while !self.closed {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(Chunk::Bytes(b)) => {
                    self.parser.process(&b);
                    self.raw.extend_from_slice(&b);
                }
                Ok(Chunk::Closed) => self.closed = true,
                Err(_) => panic!("docket did not exit; the screen:\n{}", self.screen()),
            }
        }
        self.child.wait().expect("wait for docket").exit_code()
    }
}

pub fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).expect("mkdir");
    for e in std::fs::read_dir(src).expect("read_dir") {
        let e = e.expect("entry");
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &dst.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), dst.join(e.file_name())).expect("copy");
        }
    }
}

/// A fresh copy of panels/example at `dir`: panel.yaml and the cases only, never what a run
/// of docket on the example left there (minutes, state, lock).
pub fn example_into(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("panels/example");
    std::fs::create_dir_all(dir).expect("mkdir");
    std::fs::copy(src.join("panel.yaml"), dir.join("panel.yaml")).expect("copy panel");
    copy_dir(&src.join("cases"), &dir.join("cases"));
}

/// A test's clock: starts at a fixed second and moves a minute each time it is read, so
/// that every recorded step has its own time.
pub struct StepClock(pub std::cell::Cell<i64>);

impl docket::tui::app::Clock for StepClock {
    fn now(&self) -> jiff::Timestamp {
        let t = self.0.get();
        self.0.set(t + 60);
        jiff::Timestamp::from_second(t).expect("time")
    }
}

/// 2026-11-20T09:00:00+08:00, when the tests' meetings start.
pub const START: i64 = 1_795_136_400;

/// The panel in `dir` opened to write, as docket opens it, on a `StepClock` from `start`.
pub fn open_app(dir: &Path, lang: docket::domain::text::Lang, start: i64) -> docket::tui::app::App {
    let mut err = Vec::new();
    let mut app = docket::tui::load(dir, lang, true, &mut err)
        .expect("load")
        .expect("opens");
    app.session.clock = Box::new(StepClock(std::cell::Cell::new(start)));
    app
}

pub fn scratch(name: &str) -> (PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("pty")
        .join(name);
    let _ = std::fs::remove_dir_all(&root);
    let panel = root.join("example");
    example_into(&panel);
    (root, panel)
}

/// Applies `actions` in order.
pub fn run(
    app: &mut docket::tui::app::App,
    actions: impl IntoIterator<Item = docket::tui::app::Action>,
) {
    for a in actions {
        app.update(a);
    }
}

/// `s` as typed, one character an action.
pub fn typed(s: &str) -> Vec<docket::tui::app::Action> {
    s.chars().map(docket::tui::app::Action::Char).collect()
}

/// Puts the cursor on case `id`.
pub fn select(app: &mut docket::tui::app::App, id: &str) {
    app.selected = app
        .session
        .cases
        .iter()
        .position(|c| c.case.id == id)
        .expect("case exists");
}

/// A meeting open on the example panel with 张伟 absent (on a trip): five of six voting.
pub fn in_meeting(app: &mut docket::tui::app::App) {
    use docket::tui::app::Action;
    run(
        app,
        [Action::Meeting, Action::Down, Action::Down, Action::Toggle],
    );
    run(app, [Action::AbsenceReason]);
    run(app, typed("出差"));
    run(app, [Action::Enter, Action::Enter]);
    assert!(app.session.in_meeting(), "{:?}", app.message);
}

/// Rewrites a panel's ledger whole as its keeper could: the digest of `from` replaced by that
/// of `to`, the chain recomputed.
pub fn rewrite_ledger(dir: &Path, from: &str, to: &str) {
    use docket::store::{ledger, minutes::sha256_hex};
    let text = std::fs::read_to_string(ledger::path_for(dir)).expect("ledger");
    let mut prev = ledger::GENESIS.to_string();
    let mut out = String::new();
    for (i, l) in text.lines().enumerate() {
        let json = l.splitn(3, '\t').nth(2).expect("json");
        let json = json.replace(&sha256_hex(from.as_bytes()), &sha256_hex(to.as_bytes()));
        let line = format!("{}\t{prev}\t{json}", i + 1);
        prev = sha256_hex(line.as_bytes());
        out.push_str(&line);
        out.push('\n');
    }
    std::fs::write(ledger::path_for(dir), out).expect("write");
}

/// Flips the first agreeing opinion in a meeting's journal to disagree, fixing each line's
/// check, as a forger's script would.
pub fn flip_an_opinion_in_journal(journal: &Path) {
    use docket::store::minutes::sha256_hex;
    let text = std::fs::read_to_string(journal).expect("journal");
    let text = text.replacen("\"opinion\":\"agree\"", "\"opinion\":\"disagree\"", 1);
    let forged: String = text
        .lines()
        .map(|l| {
            let mut f = l.splitn(3, '\t');
            let (seq, _, json) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
            let check = &sha256_hex(json.as_bytes())[..16];
            format!("{seq}\t{check}\t{json}\n")
        })
        .collect();
    std::fs::write(journal, forged).expect("write");
}
