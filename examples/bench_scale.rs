//! How docket scales with the panel: for each panel given, its first frame warm and at the
//! first opening (120x40 pty) and `docket report`, with docket's cache warm and empty, each
//! with its wall time and peak RSS (min, median, max over the runs). Run by scripts/bench-scale.

// A benchmark that fails has nothing to recover: it stops with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "gen-panel/cacheable.rs"]
mod cacheable;
// Shared by both benchmarks, each of which uses a part.
#[allow(dead_code)]
#[path = "bench-tty/term.rs"]
mod term;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use term::{Mode, PanelGuard, Term, ms};

const FRAME_DEADLINE: Duration = Duration::from_secs(300);

/// Opens the panel in the pty: ms to the first frame and the peak RSS in MB.
fn open(bin: &str, panel: &Path, home: &Path, cache: &Path) -> (f64, f64) {
    let _guard = PanelGuard::new(panel);
    let home_s = home.to_str().expect("utf-8");
    let t = Instant::now();
    let mut term = Term::spawn(
        Mode::Pty,
        bin,
        &[panel.to_str().expect("utf-8"), "--lang", "zh"],
        &[
            ("HOME", home_s),
            ("XDG_CONFIG_HOME", home_s),
            ("XDG_CACHE_HOME", cache.to_str().expect("utf-8")),
            ("NO_COLOR", ""),
        ],
    );
    let frame = ms(term.until("? 帮助", t, FRAME_DEADLINE));
    let rss = term.peak_rss_kb().map_or(f64::NAN, |k| k as f64 / 1024.0);
    term.quit_docket();
    (frame, rss)
}

/// `docket report PANEL`: wall ms and peak RSS in MB, from the child's own resource usage.
// The child is reaped by wait4, which std cannot see.
#[allow(clippy::zombie_processes)]
fn report(bin: &str, panel: &Path, home: &Path, cache: &Path) -> (f64, f64) {
    let t = Instant::now();
    let child = Command::new(bin)
        .args(["report", panel.to_str().expect("utf-8"), "--lang", "zh"])
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_CACHE_HOME", cache)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("docket report");
    let (status, rusage) = wait4(child.id());
    let wall = ms(t.elapsed());
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "docket report failed: {status}"
    );
    // ru_maxrss is in kB on Linux; per child, unlike RUSAGE_CHILDREN's maximum over all.
    (wall, rusage.ru_maxrss as f64 / 1024.0)
}

/// Reaps `pid` with its resource usage (std's wait does not give it; nix here lacks the
/// feature). `Child` is not waited on afterwards, so the pid is never reaped twice.
#[allow(unsafe_code)]
fn wait4(pid: u32) -> (i32, libc::rusage) {
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of the plain C struct wait4 fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: both pointers are to live locals of the right types.
        let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
        if r == pid as libc::pid_t {
            return (status, usage);
        }
        let e = std::io::Error::last_os_error();
        assert!(e.kind() == std::io::ErrorKind::Interrupted, "wait4: {e}");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut bin = "target/release/docket".to_string();
    let mut runs = 3;
    let mut scratch = PathBuf::from("target/bench-scratch/scale");
    let mut panels = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--docket" => bin = it.next().expect("--docket BIN"),
            "--runs" => runs = it.next().and_then(|r| r.parse().ok()).expect("--runs N"),
            "--scratch" => scratch = PathBuf::from(it.next().expect("--scratch DIR")),
            _ => panels.push(a),
        }
    }
    let abs = |p: &str| std::fs::canonicalize(p).unwrap_or_else(|e| panic!("{p}: {e}"));
    let bin = abs(&bin).display().to_string();
    std::fs::create_dir_all(&scratch).expect("scratch");
    let home = abs(&scratch.display().to_string());
    println!("bench-scale: {runs} runs per panel, first frame in a 120x40 pty");
    for p in panels {
        let panel = abs(&p);
        cacheable::wait_until_cacheable(&panel);
        let mut figures: [Vec<f64>; 8] = Default::default();
        for i in 0..runs {
            // A new cache for the first opening, kept for the warm opening after it; the
            // report's cache is its own, so that its empty-cache run reads every file.
            let cache = home.join(format!("cache-{i}"));
            let _ = std::fs::remove_dir_all(&cache);
            let (f, r) = open(&bin, &panel, &home, &cache);
            figures[0].push(f);
            figures[1].push(r);
            let (f, r) = open(&bin, &panel, &home, &cache);
            figures[2].push(f);
            figures[3].push(r);
            let cache = home.join(format!("report-cache-{i}"));
            let _ = std::fs::remove_dir_all(&cache);
            let (w, r) = report(&bin, &panel, &home, &cache);
            figures[4].push(w);
            figures[5].push(r);
            let (w, r) = report(&bin, &panel, &home, &cache);
            figures[6].push(w);
            figures[7].push(r);
        }
        println!("\n== {} ==", panel.display());
        term::header("time (ms)", "peak RSS (MB)");
        for (k, name) in [
            "first opening (empty cache): first frame",
            "warm: first frame",
            "docket report, empty cache",
            "docket report, warm cache",
        ]
        .iter()
        .enumerate()
        {
            let time = &figures[2 * k];
            let rss = &figures[2 * k + 1];
            term::pair(name, time, rss);
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
}
