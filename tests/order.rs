//! The queue's cases come in the order received, then by id, whatever order their files list
//! in: each case once, none lost in the reordering.

// A test stops anywhere with the reason: clippy.toml allows unwrap in #[test] functions,
// not in the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// The benchmarks' generator, one copy.
#[path = "../examples/gen-panel/synthetic.rs"]
mod synthetic;

use std::path::Path;

use docket::domain::text::Lang;

#[test]
fn cases_are_ordered_by_date_received_then_id_each_once() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("order");
    let _ = std::fs::remove_dir_all(&root);
    for (n, seed) in [(0, 1), (1, 2), (2, 3), (257, 4), (1000, 5)] {
        let panel = root.join(format!("p{n}"));
        synthetic::generate(&panel, n, 0, seed).unwrap();
        let loaded = docket::config::load_panel_with(&panel, None);
        let mut want: Vec<(jiff::civil::Date, String)> = loaded
            .cases
            .iter()
            .map(|c| (c.case.received, c.case.id.clone()))
            .collect();
        let listed: Vec<String> = want.iter().map(|(_, id)| id.clone()).collect();
        want.sort();
        let s = docket::session::open_loaded(&panel, loaded, Lang::En).expect("opens");
        let got: Vec<(jiff::civil::Date, String)> = s
            .cases
            .iter()
            .map(|c| (c.case.received, c.case.id.clone()))
            .collect();
        assert_eq!(got, want, "{n} cases");
        if n > 100 {
            let ordered: Vec<String> = got.into_iter().map(|(_, id)| id).collect();
            assert_ne!(
                ordered, listed,
                "the files list in another order than received"
            );
        }
    }
}
