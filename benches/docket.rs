//! In-process benchmarks: loading a 10,000-case panel, one keystroke through update and
//! render at 200x50 (a move, a character typed into the text filter), an opinion made
//! durable, the minutes rewritten with 100 cases, the report over 5,000 decided cases from
//! disk. `cargo bench` measures (medians); `cargo test` runs each
//! once, quickly, so that CI keeps them compiling and working. Timings are printed, never
//! asserted: docs/performance.md records them.

// A benchmark that fails has nothing to recover: it stops with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// The generator of examples/gen-panel and the wait for the cache beside it: one copy.
#[path = "../examples/gen-panel/cacheable.rs"]
mod cacheable;
#[path = "../examples/gen-panel/synthetic.rs"]
mod synthetic;

use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use docket::domain::event::Event;
use docket::domain::rules::Opinion;
use docket::domain::text::Lang;
use docket::store::cache::CacheAt;
use docket::store::disk::{Disk, Modes, RealDisk};
use docket::store::{journal, minutes};
use docket::tui::app::{Action, App};
use docket::tui::keymap::Keymap;
use docket::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

struct Bench {
    quick: bool,
}

impl Bench {
    /// Runs `f` (after one warm-up) and prints the median, min and max of its runs.
    fn run(&self, name: &str, runs: usize, f: impl FnMut()) -> Duration {
        self.run_after(name, runs, || {}, f)
    }

    /// As `run`, with `setup` before each run, untimed.
    fn run_after(
        &self,
        name: &str,
        runs: usize,
        mut setup: impl FnMut(),
        mut f: impl FnMut(),
    ) -> Duration {
        let runs = if self.quick { 1 } else { runs };
        if !self.quick {
            setup();
            f();
        }
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                setup();
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect();
        times.sort();
        let median = times[times.len() / 2];
        println!(
            "{name:<48} median {:>10.3} ms   min {:>9.3}   max {:>9.3}   ({} runs)",
            ms(median),
            ms(times[0]),
            ms(times[times.len() - 1]),
            times.len()
        );
        median
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A generated panel under target/, made once per (cases, minutes, seed).
fn panel_of(cases: usize, meetings: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-panels")
        .join(format!("p{cases}-m{meetings}"));
    if !dir.join("panel.yaml").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        synthetic::generate(&dir, cases, meetings, 7).expect("generate the panel");
    }
    dir
}

fn load(dir: &Path) -> App {
    let mut err = Vec::new();
    docket::tui::load(dir, Lang::Zh, false, &mut err)
        .expect("load")
        .expect("the panel opens")
}

fn main() {
    // `cargo bench` passes --bench; anything else (cargo test) is a quick check.
    let quick = !std::env::args().any(|a| a == "--bench");
    let b = Bench { quick };
    let (big_cases, report_meetings) = if quick { (300, 5) } else { (10_000, 50) };
    println!(
        "docket benchmarks ({})",
        if quick { "quick" } else { "full" }
    );

    let scratch = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-scratch");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("scratch");
    // A cache of its own, used from the first file on (quick mode's panels are small).
    let cache = CacheAt {
        dir: scratch.join("cache"),
        min_cases: 0,
        min_minutes: 0,
        settle_ns: docket::store::cache::SETTLE_NS,
    };

    let big = panel_of(big_cases, 0);
    b.run(
        &format!("load a panel of {big_cases} cases, every file read"),
        10,
        || {
            black_box(docket::config::load_panel(&big));
        },
    );
    if !quick {
        cacheable::wait_until_cacheable(&big);
    }
    b.run(
        &format!("load a panel of {big_cases} cases, from the cache"),
        10,
        || {
            black_box(docket::config::load_panel_with(&big, Some(&cache)));
        },
    );

    let mut app = load(&big);
    let km = Keymap::new(HashMap::new());
    let mut term = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let frame = |app: &App, term: &mut Terminal<TestBackend>| {
        term.draw(|f| docket::tui::views::draw(f, app, &km, Theme::new(true, false)))
            .expect("draw");
    };
    frame(&app, &mut term);
    b.run("keystroke: move in the queue (200x50)", 200, || {
        app.update(Action::Down);
        frame(&app, &mut term);
    });
    // `&` and 县财政 typed into it, as on a real panel: the first character looks at every
    // case's folded fields, each next one only at the cases the one before it left.
    let kept = app.selected;
    app.update(Action::Narrow);
    let typing = std::cell::RefCell::new((app, term));
    for (name, before) in [
        ("keystroke: narrow the queue, first character", ""),
        ("keystroke: narrow the queue by one typed character", "县财"),
    ] {
        b.run_after(
            &format!("{name} (200x50)"),
            100,
            || {
                let (app, term) = &mut *typing.borrow_mut();
                app.update(Action::ClearField);
                for c in before.chars() {
                    app.update(Action::Char(c));
                }
                frame(app, term);
            },
            || {
                let (app, term) = &mut *typing.borrow_mut();
                app.update(Action::Char(if before.is_empty() { '县' } else { '政' }));
                frame(app, term);
            },
        );
    }
    let (mut app, term) = typing.into_inner();
    assert!(app.narrow.active(), "{:?}", app.message);
    app.update(Action::Back);
    app.selected = kept;
    // Each from the other screen as the terminal last showed it; getting there is untimed.
    // The App and the terminal are shared between the setup and the timed part.
    let shared = std::cell::RefCell::new((app, term));
    b.run_after(
        "keystroke: open a case (200x50)",
        100,
        || {
            let (app, term) = &mut *shared.borrow_mut();
            app.update(Action::Back);
            frame(app, term);
        },
        || {
            let (app, term) = &mut *shared.borrow_mut();
            app.update(Action::Enter);
            frame(app, term);
        },
    );
    b.run_after(
        "keystroke: back to the queue (200x50)",
        100,
        || {
            let (app, term) = &mut *shared.borrow_mut();
            app.update(Action::Enter);
            frame(app, term);
        },
        || {
            let (app, term) = &mut *shared.borrow_mut();
            app.update(Action::Back);
            frame(app, term);
        },
    );
    // `j` on the case screen: the scroll limit is measured as the key asks (drawing the case
    // aside at the terminal's size), so the key costs that measure as well as its frame.
    b.run_after(
        "keystroke: scroll the case (200x50)",
        100,
        || {
            let (app, term) = &mut *shared.borrow_mut();
            if app.screen != docket::tui::app::Screen::Case {
                app.update(Action::Enter);
            }
            app.update(Action::Up);
            frame(app, term);
        },
        || {
            let (app, term) = &mut *shared.borrow_mut();
            app.update(Action::Down);
            frame(app, term);
        },
    );
    let (mut app, mut term) = shared.into_inner();
    if app.screen == docket::tui::app::Screen::Case {
        app.update(Action::Back);
    }
    // A meeting with a round open on the selected case.
    for a in [Action::Meeting, Action::Enter, Action::Enter, Action::Vote] {
        app.update(a);
    }
    assert!(app.round_open(), "{:?}", app.message);
    b.run("keystroke: record an opinion (200x50)", 100, || {
        app.update(Action::Opinion(Opinion::Agree));
        frame(&app, &mut term);
        app.update(Action::Up);
    });

    let mut disk = RealDisk::new(&scratch, Modes::PRIVATE);
    let jpath = scratch.join("m.journal");
    let event = Event::Opinion {
        case: "2026-00001".into(),
        member: "li-hong".into(),
        opinion: Opinion::Agree,
        at: "2026-11-20T09:00:00+08:00".into(),
    };
    let mut seq = 0;
    b.run("an opinion durable (journal append + fsync)", 200, || {
        seq += 1;
        journal::append(&mut disk, &jpath, seq, &event).expect("append");
    });

    let hundred = panel_of(200, 1);
    let m = minutes::list(&hundred)
        .first()
        .and_then(|p| minutes::read(p).ok())
        .map(|(_, m)| m)
        .expect("generated minutes");
    let mpath = scratch.join("minutes.yaml");
    b.run(
        &format!(
            "minutes rewrite, {} cases (render + atomic replace)",
            m.cases.len()
        ),
        50,
        || {
            let text = minutes::render(&m).expect("render");
            disk.replace(&mpath, text.as_bytes()).expect("replace");
        },
    );

    let reports = panel_of(if quick { 500 } else { 10_000 }, report_meetings);
    if !quick {
        cacheable::wait_until_cacheable(&reports);
    }
    for (name, cache) in [
        ("report over the decided cases, every file read", None),
        (
            "report over the decided cases, from the cache",
            Some(&cache),
        ),
    ] {
        b.run(name, 10, || {
            let g = docket::report::gather_with(&reports, Lang::Zh, cache);
            let p = g.loaded.panel.as_ref().expect("panel");
            black_box(docket::report::build(
                p,
                &g.loaded.cases,
                &g.minutes,
                Default::default(),
            ));
        });
    }
}
