//! Waiting until a panel generated just now can be kept in docket's cache: for the benchmarks
//! of the cache (benches/docket.rs, examples/bench_tty.rs include this file), not for gen-panel.

use std::path::Path;
use std::time::Duration;

use docket::store::cache;

/// Waits until the newest case file of the panel in `dir` is old enough for docket's cache to
/// keep it (see `docket::store::cache::SETTLE_NS`): a panel generated just now is not cached
/// yet, and a benchmark of the cache must not measure reading every file.
pub fn wait_until_cacheable(dir: &Path) {
    let newest = std::fs::read_dir(dir.join("cases"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.metadata().ok()?.modified().ok())
        .max();
    let settle = Duration::from_nanos(cache::SETTLE_NS.unsigned_abs()) + Duration::from_secs(1);
    while newest.is_some_and(|t| t.elapsed().unwrap_or_default() < settle) {
        std::thread::sleep(Duration::from_millis(200));
    }
}
