//! Loads a panel's cases once, as docket does at start-up, and prints how long it took, how
//! many came from the cache and the peak resident memory (VmHWM): for measuring the load.

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: load-cases PANEL   (the cache under $XDG_CACHE_HOME/docket)");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    let cache = docket::config::panel_cache();
    let start = std::time::Instant::now();
    let loaded = docket::config::load_panel_with(&dir, cache.as_ref());
    let took = start.elapsed();
    let hwm = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_default();
    println!(
        "{} cases ({} from the cache), {} problems, {:.1} ms, peak RSS {}",
        loaded.cases.len(),
        loaded.from_cache,
        loaded.report.diagnostics.len(),
        took.as_secs_f64() * 1000.0,
        hwm
    );
}
