//! Through a real terminal: the release binary in a pseudo-terminal at 120x40 on a large
//! panel, against fzf over the same case titles, in alternating runs. Measures the time to
//! the first complete frame, the bytes written per cursor move, the keystroke-to-screen
//! latency, and for docket the bytes per recorded opinion and its peak RSS; prints medians
//! and ratios. Run by scripts/bench-tty.

// A benchmark that fails has nothing to recover: it stops with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// The wait for a panel just generated to be cached: one copy, shared with the benchmarks.
#[path = "gen-panel/cacheable.rs"]
mod cacheable;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const MOVES: usize = 30;
/// Opinions recorded per run (the synthetic panel has more voting members than this).
const OPINIONS: usize = 5;

struct Term {
    rx: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    parser: vt100::Parser,
    bytes: usize,
}

impl Term {
    fn spawn(program: &str, args: &[&str], env: &[(&str, &str)]) -> Term {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        if let Ok(here) = std::env::current_dir() {
            cmd.cwd(here);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
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
        }
    }

    fn take(&mut self, chunk: Vec<u8>) {
        self.bytes += chunk.len();
        self.parser.process(&chunk);
    }

    /// Waits until the screen shows `text`; the time it took.
    fn until(&mut self, text: &str, start: Instant) -> Duration {
        loop {
            if self.parser.screen().contents().contains(text) {
                return start.elapsed();
            }
            match self.rx.recv_timeout(Duration::from_secs(30)) {
                Ok(c) => self.take(c),
                Err(_) => panic!("never saw {text:?}:\n{}", self.parser.screen().contents()),
            }
        }
    }

    /// Reads until nothing has come for `quiet`: the output of the last key is complete.
    fn settle(&mut self, quiet: Duration) {
        while let Ok(c) = self.rx.recv_timeout(quiet) {
            self.take(c);
        }
    }

    /// One key: the time to the first byte of the answer, and the bytes of the whole answer.
    fn key(&mut self, key: &[u8]) -> (Duration, usize) {
        self.settle(Duration::from_millis(30));
        let before = self.bytes;
        let t = Instant::now();
        self.writer.write_all(key).expect("type");
        self.writer.flush().expect("flush");
        let first = match self.rx.recv_timeout(Duration::from_secs(5)) {
            Ok(c) => {
                let d = t.elapsed();
                self.take(c);
                d
            }
            Err(_) => panic!("no answer to a key"),
        };
        self.settle(Duration::from_millis(30));
        (first, self.bytes - before)
    }

    fn peak_rss_kb(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
    }

    fn stop(mut self, key: &[u8]) {
        let _ = self.writer.write_all(key);
        let _ = self.writer.flush();
        let _ = self.child.wait();
    }
}

struct Run {
    first_frame: Duration,
    bytes_per_move: f64,
    /// Docket only: fzf has nothing to compare.
    bytes_per_opinion: f64,
    latency: Duration,
    rss_kb: Option<u64>,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn docket(bin: &str, panel: &Path, home: &Path) -> Run {
    let t = Instant::now();
    let home_s = home.to_str().expect("utf-8");
    // docket's cache in the scratch home, whatever this shell's XDG_CACHE_HOME says.
    let cache_s = format!("{home_s}/cache");
    let mut term = Term::spawn(
        bin,
        &[panel.to_str().expect("utf-8"), "--lang", "zh"],
        &[
            ("HOME", home_s),
            ("XDG_CONFIG_HOME", home_s),
            ("XDG_CACHE_HOME", &cache_s),
            ("NO_COLOR", ""),
        ],
    );
    let first_frame = term.until("? 帮助", t);
    let mut bytes = Vec::new();
    let mut lat = Vec::new();
    for _ in 0..MOVES {
        let (l, b) = term.key(b"j");
        lat.push(l.as_secs_f64());
        bytes.push(b as f64);
    }
    // A meeting on the selected case, for the bytes of a recorded opinion; what it writes
    // is removed afterwards so that every run starts from the same panel.
    let minutes_dir = panel.join("minutes");
    let had_minutes = minutes_dir.exists();
    let before = files_in(&minutes_dir);
    for k in [b"m", b"\r", b"\r", b"v"] {
        term.key(k);
    }
    let mut opinion = Vec::new();
    for _ in 0..OPINIONS {
        let (_, b) = term.key(b"y");
        opinion.push(b as f64);
    }
    let rss_kb = term.peak_rss_kb();
    term.key(b"\x1b");
    term.stop(b"q");
    let written: Vec<PathBuf> = files_in(&minutes_dir)
        .into_iter()
        .filter(|f| !before.contains(f))
        .collect();
    let journaled = written
        .iter()
        .filter(|f| f.to_string_lossy().ends_with(".journal"))
        .map(|f| {
            std::fs::read_to_string(f)
                .unwrap_or_default()
                .lines()
                .count()
        })
        .sum::<usize>();
    // Roll call, take-up, round and the opinions: the opinions must really have been recorded.
    assert!(
        journaled >= OPINIONS,
        "the meeting journaled {journaled} steps; opinions were not recorded"
    );
    for f in written {
        let _ = std::fs::remove_file(f);
    }
    if !had_minutes {
        let _ = std::fs::remove_dir(&minutes_dir);
    }
    for f in [".docket.lock", "state.yaml"] {
        let _ = std::fs::remove_file(panel.join(f));
    }
    Run {
        first_frame,
        bytes_per_move: median(bytes),
        bytes_per_opinion: median(opinion),
        latency: Duration::from_secs_f64(median(lat)),
        rss_kb,
    }
}

/// Empties the page cache (as root); false when it cannot.
fn drop_caches() -> bool {
    let synced = std::process::Command::new("sync")
        .status()
        .is_ok_and(|s| s.success());
    synced && std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

fn fzf(titles: &Path, count: usize) -> Run {
    let t = Instant::now();
    let script = format!("fzf < '{}'", titles.display());
    let mut term = Term::spawn("/bin/sh", &["-c", &script], &[]);
    let first_frame = term.until(&format!("{count}/{count}"), t);
    let mut bytes = Vec::new();
    let mut lat = Vec::new();
    for _ in 0..MOVES {
        // fzf lists upward from the prompt: Up moves the cursor as j does in docket.
        let (l, b) = term.key(b"\x1b[A");
        lat.push(l.as_secs_f64());
        bytes.push(b as f64);
    }
    term.stop(b"\x1b");
    Run {
        first_frame,
        bytes_per_move: median(bytes),
        bytes_per_opinion: 0.0,
        latency: Duration::from_secs_f64(median(lat)),
        rss_kb: None,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let abs = |p: String| {
        std::fs::canonicalize(&p)
            .unwrap_or_else(|_| PathBuf::from(&p))
            .display()
            .to_string()
    };
    let panel = PathBuf::from(abs(arg("--panel").expect("--panel DIR")));
    let bin = abs(arg("--docket").unwrap_or_else(|| "target/release/docket".into()));
    let runs: usize = arg("--runs").and_then(|r| r.parse().ok()).unwrap_or(10);
    let scratch = PathBuf::from("target/bench-scratch/tty");
    let scratch = arg("--scratch").map(PathBuf::from).unwrap_or(scratch);
    std::fs::create_dir_all(&scratch).expect("scratch");
    // The same titles for fzf, one per line.
    let loaded = docket::config::load_panel(&panel);
    let titles: String = loaded
        .cases
        .iter()
        .map(|c| format!("{} {} {}\n", c.case.id, c.case.subject.name, c.case.title))
        .collect();
    let count = loaded.cases.len();
    let titles_path = scratch.join("titles.txt");
    std::fs::write(&titles_path, titles).expect("titles");
    // docket keeps a large panel's cases in its cache only once their files have been left
    // alone for a few seconds: a panel generated just now is waited for.
    cacheable::wait_until_cacheable(&panel);
    // The first opening, with no cache yet (the scratch home is new): docket reads every
    // case file and writes its cache. Then the alternating runs, as a clerk opens the panel
    // every other day.
    let first_opening = docket(&bin, &panel, &scratch).first_frame;
    let mut d = Vec::new();
    let mut f = Vec::new();
    for _ in 0..runs {
        d.push(docket(&bin, &panel, &scratch));
        f.push(fzf(&titles_path, count));
    }
    // With a cold page cache, when this runs as root (dropping the caches needs it).
    let mut cold = Vec::new();
    let mut cold_fzf = Vec::new();
    if drop_caches() {
        for _ in 0..runs {
            drop_caches();
            cold.push(docket(&bin, &panel, &scratch).first_frame.as_secs_f64() * 1000.0);
            drop_caches();
            cold_fzf.push(fzf(&titles_path, count).first_frame.as_secs_f64() * 1000.0);
        }
    }
    let med = |v: &[Run], get: &dyn Fn(&Run) -> f64| median(v.iter().map(get).collect());
    let ms = |r: &Run| r.first_frame.as_secs_f64() * 1000.0;
    let lat = |r: &Run| r.latency.as_secs_f64() * 1000.0;
    let bpm = |r: &Run| r.bytes_per_move;
    println!("bench-tty: {count} cases, {runs} alternating runs, {COLS}x{ROWS}, medians");
    println!("{:<34} {:>12} {:>12} {:>8}", "", "docket", "fzf", "ratio");
    for (name, get) in [
        ("first complete frame (ms)", &ms as &dyn Fn(&Run) -> f64),
        ("bytes per cursor move", &bpm),
        ("keystroke to screen (ms)", &lat),
    ] {
        let (a, b) = (med(&d, get), med(&f, get));
        println!("{name:<34} {a:>12.2} {b:>12.2} {:>8.2}", a / b);
    }
    println!(
        "{:<34} {:>12.2}",
        "bytes per recorded opinion",
        med(&d, &|r: &Run| r.bytes_per_opinion)
    );
    println!(
        "{:<34} {:>12.2}",
        "first frame, first opening (ms)",
        first_opening.as_secs_f64() * 1000.0
    );
    if !cold.is_empty() {
        let (a, b) = (median(cold), median(cold_fzf));
        let name = "first frame, cold page cache (ms)";
        println!("{name:<34} {a:>12.2} {b:>12.2} {:>8.2}", a / b);
    }
    let rss: Vec<f64> = d
        .iter()
        .filter_map(|r| r.rss_kb)
        .map(|k| k as f64)
        .collect();
    if !rss.is_empty() {
        println!(
            "{:<34} {:>12.1}",
            "docket peak RSS (MB)",
            median(rss) / 1024.0
        );
    }
    let _ = std::fs::remove_dir_all(&scratch);
}
