//! A program in a 120x40 pseudo-terminal, read through vt100, with deadlines on every wait;
//! the panel guard and the figures' spread: shared by examples/bench_tty.rs and bench_scale.rs.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;
/// The output of a key is complete once nothing more has come for this long.
pub const QUIET: Duration = Duration::from_millis(30);
/// A key unanswered for this long is a failure, not a slow answer.
pub const KEY_DEADLINE: Duration = Duration::from_secs(10);

/// Where the program runs: straight in the pty, or inside tmux inside the pty (what a user in
/// tmux sees: tmux redraws the program's screen onto its own).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Pty,
    Tmux,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Pty => "direct pty",
            Mode::Tmux => "tmux in the pty",
        }
    }
}

pub struct Term {
    rx: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    parser: vt100::Parser,
    pub bytes: usize,
    /// The tmux server's socket name in tmux mode, to find the program's pid and to end it.
    tmux: Option<String>,
    ended: bool,
}

/// Quotes one word for sh.
fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

impl Term {
    /// Starts `program args` (an `exec` through sh, so that the process measured is the
    /// program itself); in tmux mode inside a tmux of its own, configured by `tmux_conf`.
    pub fn spawn(mode: Mode, program: &str, args: &[&str], env: &[(&str, &str)]) -> Term {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let line: Vec<String> = std::iter::once(program)
            .chain(args.iter().copied())
            .map(sh_quote)
            .collect();
        let line = format!("exec {}", line.join(" "));
        let (mut cmd, tmux) = match mode {
            Mode::Pty => {
                let mut cmd = CommandBuilder::new("/bin/sh");
                cmd.args(["-c", &line]);
                (cmd, None)
            }
            Mode::Tmux => {
                let sock = format!("bench-tty-{}", std::process::id());
                let mut cmd = CommandBuilder::new("tmux");
                // No user configuration; no status line, so the program gets all 40 rows
                // as it does in the direct pty; Escape passed on at once, not after 500 ms.
                cmd.args(["-L", &sock, "-f", "/dev/null", "new-session", "-x"]);
                cmd.args([&COLS.to_string(), "-y", &ROWS.to_string(), &line]);
                cmd.args([";", "set", "-g", "status", "off"]);
                cmd.args([";", "set", "-s", "escape-time", "0"]);
                (cmd, Some(sock))
            }
        };
        if let Ok(here) = std::env::current_dir() {
            cmd.cwd(here);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("TZ", "UTC");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    return;
                }
            }
        });
        Term {
            rx,
            writer,
            child,
            _master: pty.master,
            parser: vt100::Parser::new(
                std::num::NonZero::new(ROWS).expect("rows"),
                std::num::NonZero::new(COLS).expect("cols"),
                0,
            ),
            bytes: 0,
            tmux,
            ended: false,
        }
    }

    fn take(&mut self, chunk: Vec<u8>) {
        self.bytes += chunk.len();
        self.parser.process(&chunk);
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `text`, at most `deadline`; the time since `start`.
    pub fn until(&mut self, text: &str, start: Instant, deadline: Duration) -> Duration {
        let end = Instant::now() + deadline;
        loop {
            if self.screen().contains(text) {
                return start.elapsed();
            }
            let left = end.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(c) => self.take(c),
                Err(e) => panic!(
                    "never saw {text:?} within {deadline:?} ({}); the screen:\n{}",
                    if e == RecvTimeoutError::Timeout {
                        "timed out"
                    } else {
                        "the program ended"
                    },
                    self.screen()
                ),
            }
        }
    }

    /// Reads until nothing has come for `QUIET`: the output of the last key is complete.
    /// Bounded, so that a program that never stops writing fails instead of holding the run.
    /// The time of the last chunk read, if any.
    pub fn settle(&mut self) -> Option<Instant> {
        let end = Instant::now() + Duration::from_secs(20);
        let mut last = None;
        while let Ok(c) = self.rx.recv_timeout(QUIET) {
            last = Some(Instant::now());
            self.take(c);
            assert!(Instant::now() < end, "the output never went quiet");
        }
        last
    }

    fn write(&mut self, key: &[u8]) {
        self.writer.write_all(key).expect("type");
        self.writer.flush().expect("flush");
    }

    /// One key, answered within `deadline`: the times to the first and to the last byte of
    /// the answer and its bytes; None when nothing came.
    pub fn try_key(&mut self, key: &[u8], deadline: Duration) -> Option<Answer> {
        self.settle();
        let before = self.bytes;
        let t = Instant::now();
        self.write(key);
        let chunk = self.rx.recv_timeout(deadline).ok()?;
        let first = t.elapsed();
        self.take(chunk);
        let last = self.settle().map_or(first, |l| l - t);
        Some(Answer {
            first,
            last,
            bytes: self.bytes - before,
        })
    }

    /// One key that must be answered.
    pub fn key(&mut self, key: &[u8]) -> Answer {
        match self.try_key(key, KEY_DEADLINE) {
            Some(a) => a,
            None => panic!(
                "no answer to {:?} within {KEY_DEADLINE:?}; the screen:\n{}",
                String::from_utf8_lossy(key),
                self.screen()
            ),
        }
    }

    /// The pid of the program measured: the pty's child, or the process in tmux's pane.
    fn pid(&self) -> Option<u32> {
        match &self.tmux {
            None => self.child.process_id(),
            Some(sock) => {
                let out = std::process::Command::new("tmux")
                    .args(["-L", sock, "list-panes", "-F", "#{pane_pid}"])
                    .output()
                    .ok()?;
                String::from_utf8_lossy(&out.stdout).trim().parse().ok()
            }
        }
    }

    /// The program's peak resident set (VmHWM) so far, in kB.
    pub fn peak_rss_kb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()?)).ok()?;
        vm_hwm(&status)
    }

    /// Sends `key` and waits, at most 10 s, for the program to end.
    pub fn end_with(&mut self, key: &[u8]) {
        self.settle();
        self.write(key);
        self.wait_end();
    }

    /// Quits docket: `q`, and `y` if it asks to confirm.
    pub fn quit_docket(&mut self) {
        self.settle();
        self.write(b"q");
        let end = Instant::now() + KEY_DEADLINE;
        loop {
            if self.screen().contains("y 确认") {
                self.write(b"y");
                break;
            }
            match self
                .rx
                .recv_timeout(end.saturating_duration_since(Instant::now()))
            {
                Ok(c) => self.take(c),
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => panic!("docket did not quit:\n{}", self.screen()),
            }
        }
        self.wait_end();
    }

    fn wait_end(&mut self) {
        let end = Instant::now() + KEY_DEADLINE;
        loop {
            match self
                .rx
                .recv_timeout(end.saturating_duration_since(Instant::now()))
            {
                Ok(c) => self.take(c),
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {
                    panic!("the program did not end:\n{}", self.screen())
                }
            }
        }
        let _ = self.child.wait();
        self.ended = true;
    }
}

impl Drop for Term {
    /// A run that failed half-way leaves no program behind (and docket ends before the
    /// panel guard cleans up after it: the guard is made first, so dropped last).
    fn drop(&mut self) {
        if !self.ended {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        if let Some(sock) = &self.tmux {
            let _ = std::process::Command::new("tmux")
                .args(["-L", sock, "kill-server"])
                .stderr(std::process::Stdio::null())
                .status();
        }
    }
}

pub struct Answer {
    pub first: Duration,
    pub last: Duration,
    pub bytes: usize,
}

pub fn vm_hwm(status: &str) -> Option<u64> {
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
}

/// What a meeting writes into a panel, removed when the run ends however it ends, so that
/// every run starts from the same panel.
pub struct PanelGuard {
    panel: PathBuf,
    before: HashSet<PathBuf>,
}

fn entries(panel: &Path) -> HashSet<PathBuf> {
    [panel.to_path_buf(), panel.join("minutes")]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect()
}

impl PanelGuard {
    /// Refuses a panel holding an open meeting (a run killed half-way, or a real one): its
    /// files are not ours to remove. A lock left alone is stale and removed: docket writes
    /// its lock in place, which would reach through a hard-linked copy of a panel.
    pub fn new(panel: &Path) -> PanelGuard {
        let open: Vec<PathBuf> = entries(panel)
            .into_iter()
            .filter(|p| p.ends_with("state.yaml") || p.extension().is_some_and(|e| e == "journal"))
            .collect();
        if !open.is_empty() {
            eprintln!(
                "{} holds an open meeting (left by a run that was killed?): {open:?}. \
                 Remove those files (and the minutes file of the same name) or regenerate the panel.",
                panel.display()
            );
            std::process::exit(2);
        }
        let _ = std::fs::remove_file(panel.join(".docket.lock"));
        PanelGuard {
            panel: panel.to_path_buf(),
            before: entries(panel),
        }
    }
}

impl Drop for PanelGuard {
    fn drop(&mut self) {
        for p in entries(&self.panel).difference(&self.before) {
            let _ = std::fs::remove_file(p);
        }
        let _ = std::fs::remove_file(self.panel.join(".docket.lock"));
    }
}

/// min, median, max.
pub fn spread(v: &[f64]) -> Option<(f64, f64, f64)> {
    let mut v: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    Some((v[0], v[v.len() / 2], v[v.len() - 1]))
}

pub fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

/// One line of a table: the name, each side's min/median/max, the ratio of the medians.
pub fn row(name: &str, a: &[f64], b: &[f64]) {
    let ratio = match (spread(a), spread(b)) {
        (Some((_, x, _)), Some((_, y, _))) if y > 0.0 => format!("{:>7.2}", x / y),
        _ => format!("{:>7}", "n/a"),
    };
    println!("{} {} | {} | {ratio}", pad(name), cell(a), cell(b));
}

/// One line of two different figures side by side, with no ratio.
pub fn pair(name: &str, a: &[f64], b: &[f64]) {
    println!("{} {} | {} |", pad(name), cell(a), cell(b));
}

fn cell(v: &[f64]) -> String {
    match spread(v) {
        Some((lo, med, hi)) => format!("{lo:>9.2} {med:>9.2} {hi:>9.2}"),
        None => format!("{:>9} {:>9} {:>9}", "n/a", "", ""),
    }
}

/// Pads to 44 columns as the terminal shows them (a Chinese character takes two).
fn pad(name: &str) -> String {
    let w = unicode_width::UnicodeWidthStr::width(name);
    format!("{name}{}", " ".repeat(44usize.saturating_sub(w)))
}

pub fn header(left: &str, right: &str) {
    let h = |s: &str| format!("{s:^29}");
    println!("{} {} | {} | {:>7}", pad(""), h(left), h(right), "ratio");
    let sub = format!("{:>9} {:>9} {:>9}", "min", "median", "max");
    println!("{} {sub} | {sub} |", pad(""));
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
