//! Through a real terminal: the release binary in a 120x40 pseudo-terminal on a panel with
//! minutes, against fzf over the same case titles, in alternating runs, straight in the pty
//! and/or inside tmux. Prints min/median/max of each side and the ratio of the medians.
//! Run by scripts/bench-tty.

// A benchmark that fails has nothing to recover: it stops with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// The wait for a panel just generated to be cached: one copy, shared with the benchmarks.
#[path = "gen-panel/cacheable.rs"]
mod cacheable;
// Shared by both benchmarks, each of which uses a part.
#[allow(dead_code)]
#[path = "bench-tty/term.rs"]
mod term;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use term::{Answer, Mode, PanelGuard, Term, mean, ms};

/// Moves from the top: more than the ~35 rows the queue shows, so the list scrolls.
const MOVES: usize = 100;
/// Opinions recorded per run (the synthetic panel has more voting members than this).
const OPINIONS: usize = 5;
/// Three characters that match no case, and three that match some (a unit's name).
const SEARCHES: [(&str, &str); 2] = [("qzx", "no match"), ("县财政", "matching")];
/// The first frame of a large panel opened for the first time may take this long.
const FRAME_DEADLINE: Duration = Duration::from_secs(300);

/// The figures of one run of one program; empty where the program has nothing to measure.
#[derive(Default)]
struct Run {
    first_frame: f64,
    rss_mb: Vec<f64>,
    bytes_mean: f64,
    bytes_median: f64,
    latency: Vec<f64>,
    /// Per search: per character, ms to the first byte and to the last.
    search_first: [Vec<f64>; 2],
    search_last: [Vec<f64>; 2],
    opinion_bytes: Vec<f64>,
}

fn moves(term: &mut Term, key: &[u8], run: &mut Run) {
    let mut bytes = Vec::new();
    for _ in 0..MOVES {
        let a = term.key(key);
        run.latency.push(ms(a.first));
        bytes.push(a.bytes as f64);
    }
    run.bytes_mean = mean(&bytes);
    run.bytes_median = term::spread(&bytes).map_or(f64::NAN, |s| s.1);
}

fn record(run: &mut Run, i: usize, answers: &[Answer]) {
    for a in answers {
        run.search_first[i].push(ms(a.first));
        run.search_last[i].push(ms(a.last));
    }
}

fn type_chars(term: &mut Term, text: &str) -> Vec<Answer> {
    text.chars()
        .map(|c| term.key(c.to_string().as_bytes()))
        .collect()
}

struct Docket<'a> {
    bin: &'a str,
    panel: &'a Path,
    home: &'a Path,
    mode: Mode,
}

impl Docket<'_> {
    fn spawn(&self, cache: &Path) -> Term {
        let home = self.home.to_str().expect("utf-8");
        Term::spawn(
            self.mode,
            self.bin,
            &[self.panel.to_str().expect("utf-8"), "--lang", "zh"],
            &[
                ("HOME", home),
                ("XDG_CONFIG_HOME", home),
                ("XDG_CACHE_HOME", cache.to_str().expect("utf-8")),
                ("NO_COLOR", ""),
            ],
        )
    }

    /// The first opening: an empty cache, so docket reads every file and writes its cache.
    fn first_opening(&self, cache: &Path) -> Run {
        let _ = std::fs::remove_dir_all(cache);
        let _guard = PanelGuard::new(self.panel);
        let t = Instant::now();
        let mut term = self.spawn(cache);
        let first_frame = ms(term.until("? 帮助", t, FRAME_DEADLINE));
        let rss_mb = term.peak_rss_kb().map(|k| k as f64 / 1024.0);
        term.quit_docket();
        Run {
            first_frame,
            rss_mb: rss_mb.into_iter().collect(),
            ..Run::default()
        }
    }

    /// A warm run: moves, the text filter, a meeting's opinions on a pending case.
    fn warm(&self, cache: &Path, count: usize) -> Run {
        let guard = PanelGuard::new(self.panel);
        let t = Instant::now();
        let mut term = self.spawn(cache);
        let mut run = Run {
            first_frame: ms(term.until("? 帮助", t, FRAME_DEADLINE)),
            ..Run::default()
        };
        moves(&mut term, b"j", &mut run);
        self.search(&mut term, count, &mut run);
        self.meeting(&mut term, &mut run);
        run.rss_mb
            .extend(term.peak_rss_kb().map(|k| k as f64 / 1024.0));
        term.key(b"\x1b");
        term.quit_docket();
        drop(term);
        drop(guard);
        run
    }

    /// `&` opens the text filter (once it exists: until then nothing answers it, and the
    /// search is left unmeasured rather than typed into the queue as commands).
    fn search(&self, term: &mut Term, count: usize, run: &mut Run) {
        for (i, (text, _)) in SEARCHES.iter().enumerate() {
            // A screen that did not change has no prompt to type into (bytes alone may be
            // a redraw of the same frame).
            term.settle();
            let before = term.screen();
            let answer = term.try_key(b"&", Duration::from_secs(1));
            if answer.is_none() || term.screen() == before {
                return;
            }
            let answers = type_chars(term, text);
            let screen = term.screen();
            let shown = screen.contains(text) && screen.contains(&format!("/{count}"));
            // Escape clears the filter and leaves the prompt.
            term.key(b"\x1b");
            if !shown {
                eprintln!("bench-tty: docket's `&` answered but showed no filter; search n/a");
                return;
            }
            record(run, i, &answers);
        }
    }

    /// A meeting on a pending case (earlier minutes have decided many), for the bytes of a
    /// recorded opinion; the guard removes what it wrote.
    fn meeting(&self, term: &mut Term, run: &mut Run) {
        let t = Instant::now();
        let minutes_before = journal_lines(self.panel);
        term.key(b"m");
        term.until("点名", t, term::KEY_DEADLINE);
        term.key(b"\r");
        term.until("会议开始", t, term::KEY_DEADLINE);
        select_pending(term);
        term.key(b"\r");
        term.until("v 表决", t, term::KEY_DEADLINE);
        term.key(b"v");
        term.until("y 同意", t, term::KEY_DEADLINE);
        for k in 1..=OPINIONS {
            let a = term.key(b"y");
            run.opinion_bytes.push(a.bytes as f64);
            assert!(
                term.screen().contains(&format!("同意 {k} /")),
                "opinion {k} not shown:\n{}",
                term.screen()
            );
        }
        // Roll call, take-up, round and the opinions: they must really have been recorded.
        let journaled = journal_lines(self.panel) - minutes_before;
        assert!(
            journaled >= OPINIONS,
            "the meeting journaled {journaled} steps; opinions were not recorded"
        );
    }
}

/// Moves down until the selected row of the queue is a pending case.
fn select_pending(term: &mut Term) {
    for _ in 0..1000 {
        let screen = term.screen();
        if screen
            .lines()
            .any(|l| l.starts_with('>') && l.contains("待审议"))
        {
            return;
        }
        term.key(b"j");
    }
    panic!("no pending case in the first 1000 rows:\n{}", term.screen());
}

fn journal_lines(panel: &Path) -> usize {
    std::fs::read_dir(panel.join("minutes"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "journal"))
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap_or_default()
                .lines()
                .count()
        })
        .sum()
}

fn fzf(mode: Mode, titles: &Path, count: usize) -> Run {
    let t = Instant::now();
    let script = format!("exec fzf < '{}'", titles.display());
    let mut term = Term::spawn(mode, "/bin/sh", &["-c", &script], &[]);
    let mut run = Run {
        first_frame: ms(term.until(&format!("{count}/{count}"), t, FRAME_DEADLINE)),
        ..Run::default()
    };
    // fzf lists upward from the prompt: Up moves the cursor as j does in docket.
    moves(&mut term, b"\x1b[A", &mut run);
    for (i, (text, _)) in SEARCHES.iter().enumerate() {
        let answers = type_chars(&mut term, text);
        assert!(term.screen().contains(text), "fzf's query not shown");
        record(&mut run, i, &answers);
        // Ctrl-U empties the query, as Escape empties docket's filter.
        term.key(b"\x15");
    }
    run.rss_mb
        .extend(term.peak_rss_kb().map(|k| k as f64 / 1024.0));
    term.end_with(b"\x1b");
    run
}

fn table(mode: Mode, d: &[Run], opening: &[Run], f: &[Run]) {
    let all = |v: &[Run], get: &dyn Fn(&Run) -> Vec<f64>| -> Vec<f64> {
        v.iter().flat_map(get).collect()
    };
    let one = |get: fn(&Run) -> f64| move |r: &Run| vec![get(r)];
    println!("\n== {} ==", mode.name());
    term::header("docket", "fzf");
    term::row(
        "first complete frame, warm (ms)",
        &all(d, &one(|r| r.first_frame)),
        &all(f, &one(|r| r.first_frame)),
    );
    term::row(
        "first opening, empty cache (ms)",
        &all(opening, &one(|r| r.first_frame)),
        &all(f, &one(|r| r.first_frame)),
    );
    let moves = format!("{MOVES} moves");
    term::row(
        &format!("bytes per move, mean of {moves}"),
        &all(d, &one(|r| r.bytes_mean)),
        &all(f, &one(|r| r.bytes_mean)),
    );
    term::row(
        &format!("bytes per move, median of {moves}"),
        &all(d, &one(|r| r.bytes_median)),
        &all(f, &one(|r| r.bytes_median)),
    );
    term::row(
        "keystroke to first byte, every move (ms)",
        &all(d, &|r| r.latency.clone()),
        &all(f, &|r| r.latency.clone()),
    );
    for (i, (text, what)) in SEARCHES.iter().enumerate() {
        term::row(
            &format!("search {what} {text:?}, per char, first (ms)"),
            &all(d, &|r| r.search_first[i].clone()),
            &all(f, &|r| r.search_first[i].clone()),
        );
        term::row(
            &format!("search {what} {text:?}, per char, done (ms)"),
            &all(d, &|r| r.search_last[i].clone()),
            &all(f, &|r| r.search_last[i].clone()),
        );
    }
    term::row(
        "peak RSS, warm (MB)",
        &all(d, &|r| r.rss_mb.clone()),
        &all(f, &|r| r.rss_mb.clone()),
    );
    term::row(
        "peak RSS, first opening (MB)",
        &all(opening, &|r| r.rss_mb.clone()),
        &all(f, &|r| r.rss_mb.clone()),
    );
    term::row(
        "bytes per recorded opinion",
        &all(d, &|r| r.opinion_bytes.clone()),
        &[],
    );
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
    let modes = match arg("--mode").as_deref().unwrap_or("pty") {
        "pty" => vec![Mode::Pty],
        "tmux" => vec![Mode::Tmux],
        "both" => vec![Mode::Pty, Mode::Tmux],
        other => panic!("--mode {other}: pty, tmux or both"),
    };
    let scratch =
        PathBuf::from(arg("--scratch").unwrap_or_else(|| "target/bench-scratch/tty".into()));
    std::fs::create_dir_all(&scratch).expect("scratch");
    let scratch = PathBuf::from(abs(scratch.display().to_string()));
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
    println!(
        "bench-tty: {count} cases, {runs} alternating runs, {}x{}",
        term::COLS,
        term::ROWS
    );
    for mode in modes {
        let docket = Docket {
            bin: &bin,
            panel: &panel,
            home: &scratch,
            mode,
        };
        let (mut d, mut opening, mut f) = (Vec::new(), Vec::new(), Vec::new());
        // Each run: docket's first opening (a new, empty cache), then docket warm from the
        // cache it just wrote, then fzf: as a clerk opens the panel every meeting day.
        for i in 0..runs {
            let cache = scratch.join(format!("cache-{i}"));
            opening.push(docket.first_opening(&cache));
            d.push(docket.warm(&cache, count));
            f.push(fzf(mode, &titles_path, count));
            let _ = std::fs::remove_dir_all(&cache);
        }
        table(mode, &d, &opening, &f);
    }
    let _ = std::fs::remove_dir_all(&scratch);
}
