//! Damaged files never panic the loader, and what it says about them is always safe to print.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use docket::domain::text::Lang;
use proptest::prelude::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn panel_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("robustness");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("cases")).expect("scratch panel");
    std::fs::copy(
        root().join("panels/example/panel.yaml"),
        dir.join("panel.yaml"),
    )
    .expect("copy panel");
    dir
}

/// A damage done to a file's bytes.
#[derive(Clone, Debug)]
enum Damage {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    let nasty = prop::sample::select(vec![
        b"\x1b[2J".to_vec(),
        b": ".to_vec(),
        b"\n  - ".to_vec(),
        b"&a ".to_vec(),
        b"*a".to_vec(),
        b"\t".to_vec(),
        b"{[".to_vec(),
        b"\"".to_vec(),
        b"\xff\xfe".to_vec(),
        "\u{202e}".as_bytes().to_vec(),
        b"\n---\n".to_vec(),
        b"!!binary ".to_vec(),
        b"<<: *a\n".to_vec(),
    ]);
    prop_oneof![
        any::<usize>().prop_map(Damage::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Damage::Flip(i, b)),
        (any::<usize>(), nasty).prop_map(|(i, s)| Damage::Insert(i, s)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Damage::Delete(i, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, damages: &[Damage]) -> Vec<u8> {
    for d in damages {
        let len = bytes.len().max(1);
        match d {
            Damage::Truncate(i) => bytes.truncate(i % len),
            Damage::Flip(i, b) => {
                if !bytes.is_empty() {
                    let i = i % bytes.len();
                    bytes[i] ^= b | 1;
                }
            }
            Damage::Insert(i, s) => {
                let i = i % (bytes.len() + 1);
                bytes.splice(i..i, s.iter().copied());
            }
            Damage::Delete(i, n) => {
                let i = i % len;
                let end = (i + n).min(bytes.len());
                if i < end {
                    bytes.drain(i..end);
                }
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn damaged_cases_and_panels_are_reported_not_panicked_on(
        which in 0usize..3,
        damages in prop::collection::vec(damage(), 1..6),
    ) {
        let dir = panel_dir();
        let sources = [
            root().join("panels/example/cases/2026-014.yaml"),
            root().join("panels/example/cases/2026-010.yaml"),
            root().join("panels/example/panel.yaml"),
        ];
        let original = std::fs::read(&sources[which]).expect("read example");
        let broken = apply(original, &damages);
        let target = if which == 2 {
            dir.join("panel.yaml")
        } else {
            dir.join("cases/case.yaml")
        };
        std::fs::write(&target, &broken).expect("write damaged file");
        let loaded = docket::config::load_panel(&dir);
        for d in &loaded.report.diagnostics {
            prop_assert!(d.line >= 1 && d.col >= 1);
            for lang in [Lang::En, Lang::Zh] {
                let line = d.render(lang);
                prop_assert!(!line.chars().any(docket::sanitize::is_unsafe), "{:?}", line);
            }
        }
    }
}
