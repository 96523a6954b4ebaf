//! The house's layers, checked from the source: no module imports a layer above its own, the
//! top-level modules form no circle, and the layers below the screen name no terminal crate.
//!
//! The order is the one `src/lib.rs`'s map gives; a new module fails here until it is placed.
// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Bottom up; a module may use its own layer and those below it.
const LAYERS: &[&[&str]] = &[
    &["domain"],
    &[
        "text", "sanitize", "par", "private", "failure", "sshsig", "logfile", "demo",
    ],
    &["diag"],
    &["store"],
    &["config"],
    &["verify"],
    &["i18n"],
    &["print", "report"],
    &["session"],
    &["tui"],
    &["cli"],
    &["main"],
];

/// Crates that draw on or read from a terminal: none below the screen may name them.
const TERMINAL_CRATES: &[&str] = &["ratatui", "crossterm"];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level module a source file belongs to (`src/store/disk.rs` → `store`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib").then(|| name.to_string())
}

/// The code of a file without its comments: a doc link to a room above is not an import.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            // A `//` inside a string literal ("https://…") is rare in this code and would only
            // hide, never invent, an import; only whole comment lines and trailing comments
            // after code are cut.
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a piece of code names through `root::` (`crate` in the library,
/// `docket` in the binary): `crate::store::x`, `crate::{store, domain::y}`.
fn named_modules(code: &str, root: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let pat = format!("{root}::");
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(at) = code[from..].find(&pat) {
        let start = from + at;
        from = start + pat.len();
        // `docket::` must not be the tail of a longer name (`my_docket::`).
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            continue;
        }
        let rest = &code[from..];
        if let Some(group) = rest.strip_prefix('{') {
            // The names at the group's first depth.
            let mut depth = 0usize;
            let mut item = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        item.clear();
                        at_start = true;
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 && at_start {
                    if c.is_alphanumeric() || c == '_' {
                        item.push(c);
                    } else if !item.is_empty() {
                        found.insert(std::mem::take(&mut item));
                        at_start = false;
                    }
                }
            }
            if at_start && !item.is_empty() {
                found.insert(item);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

/// How deep a file's module sits below the crate: `cli.rs` and `store/mod.rs` 1,
/// `store/disk.rs` 2.
fn depth_of(file: &str) -> usize {
    let parts: Vec<&str> = file.split('/').collect();
    if parts.last() == Some(&"mod.rs") {
        parts.len() - 1
    } else {
        parts.len()
    }
}

/// The top-level modules a `super::super::…` chain climbs out to from a file `depth` deep:
/// `super::tui` in `cli.rs` is `crate::tui`. Inside an inline module (tests) a chain climbs
/// one less than it seems, so only names of top-level modules count, never a sibling's.
fn climbed_to(code: &str, depth: usize) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(at) = code[from..].find("super::") {
        let start = from + at;
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            from = start + 7;
            continue;
        }
        let mut rest = &code[start..];
        let mut k = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            k += 1;
            rest = r;
        }
        from = code.len() - rest.len();
        if k < depth {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if layer_of(&name).is_some() {
            found.insert(name);
        }
    }
    found
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[derive(Debug, PartialEq)]
enum Breach {
    Unplaced {
        file: String,
        module: String,
    },
    Upward {
        file: String,
        from: String,
        to: String,
    },
    Terminal {
        file: String,
        module: String,
        krate: String,
    },
    Circle(Vec<String>),
}

/// What breaks the layering among `files` (path under `src/`, text).
fn breaches(files: &[(String, String)]) -> Vec<Breach> {
    let mut out = Vec::new();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let tui = layer_of("tui").expect("tui is placed");
    for (file, text) in files {
        let Some(module) = module_of(Path::new("src"), &Path::new("src").join(file)) else {
            continue;
        };
        let Some(own) = layer_of(&module) else {
            out.push(Breach::Unplaced {
                file: file.clone(),
                module,
            });
            continue;
        };
        let code = code_of(text);
        let root = if module == "main" { "docket" } else { "crate" };
        let mut named = named_modules(&code, root);
        named.extend(climbed_to(&code, depth_of(file)));
        for to in named {
            if to == module {
                continue;
            }
            match layer_of(&to) {
                None => out.push(Breach::Unplaced {
                    file: file.clone(),
                    module: to,
                }),
                Some(l) if l > own => out.push(Breach::Upward {
                    file: file.clone(),
                    from: module.clone(),
                    to: to.clone(),
                }),
                Some(_) => {
                    graph.entry(module.clone()).or_default().insert(to);
                }
            }
        }
        if own < tui {
            for krate in TERMINAL_CRATES {
                if named_modules(&code, krate).len()
                    + usize::from(code.contains(&format!("use {krate}")))
                    > 0
                {
                    out.push(Breach::Terminal {
                        file: file.clone(),
                        module: module.clone(),
                        krate: krate.to_string(),
                    });
                }
            }
        }
    }
    if let Some(circle) = find_circle(&graph) {
        out.push(Breach::Circle(circle));
    }
    out
}

/// A circle among the modules, if there is one (depth-first, colouring the path).
fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut circle = path[i..].to_vec();
            circle.push(n.to_string());
            return Some(circle);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_a_layer_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    sources(&src, &mut paths);
    paths.sort();
    assert!(paths.len() > 50, "the sources were found: {}", paths.len());
    let files: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(&src).expect("under src");
            (
                rel.to_string_lossy().into_owned(),
                fs::read_to_string(p).expect("a readable source"),
            )
        })
        .collect();
    let found = breaches(&files);
    assert!(found.is_empty(), "the layers are broken: {found:#?}");
}

/// Every room opens with a line saying what lives there; none grows past 800 lines, and one
/// past 500 says at its top why it is whole ("Kept whole: …"), so that a long file
/// is a decision rather than an accident.
#[test]
fn no_source_file_is_over_800_lines_and_a_long_one_says_why() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    sources(&src, &mut paths);
    let mut found = Vec::new();
    for p in &paths {
        let text = fs::read_to_string(p).expect("a readable source");
        let lines = text.lines().count();
        let doc: String = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .collect::<Vec<_>>()
            .join(" ");
        if !text.starts_with("//! ") {
            found.push(format!(
                "{}: no line at its top saying what lives there",
                p.display()
            ));
        }
        if lines > 800 || (lines > 500 && !doc.contains("Kept whole")) {
            found.push(format!("{} ({lines} lines)", p.display()));
        }
    }
    assert!(
        found.is_empty(),
        "too long, or long without a reason: {found:#?}"
    );
}

/// Every module the library declares has a place in the layers, and the map in `lib.rs`
/// names each of them, in layer order.
#[test]
fn the_map_in_lib_rs_names_every_module_in_layer_order() {
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("lib.rs");
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    let mapped: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("//! - [`"))
        .filter_map(|l| l.split('`').next())
        .collect();
    let mut a = declared.clone();
    let mut b = mapped.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b, "the map names exactly the declared modules");
    let layers: Vec<usize> = mapped
        .iter()
        .map(|m| layer_of(m).unwrap_or_else(|| panic!("{m} has no layer")))
        .collect();
    assert!(
        layers.windows(2).all(|w| w[0] <= w[1]),
        "the map runs bottom up: {mapped:?}"
    );
}

// The checker itself, shown to catch what it is for.

fn one(file: &str, text: &str) -> Vec<Breach> {
    breaches(&[(file.to_string(), text.to_string())])
}

#[test]
fn an_import_up_a_layer_is_caught() {
    assert_eq!(
        one("store/disk.rs", "use crate::tui::app::App;\n"),
        vec![Breach::Upward {
            file: "store/disk.rs".into(),
            from: "store".into(),
            to: "tui".into(),
        }]
    );
    // Inside a group, and through a path in the code rather than a `use`.
    assert!(matches!(
        one("domain/vote.rs", "use crate::{text, store::minutes};\n")[..],
        [Breach::Upward { ref to, .. }] if to == "store"
    ));
    assert!(matches!(
        one("i18n/mod.rs", "fn f() { crate::report::run(); }\n")[..],
        [Breach::Upward { ref to, .. }] if to == "report"
    ));
    // Climbing out through `super::` reaches the crate as `crate::` does.
    assert!(matches!(
        one("config.rs", "use super::tui::App;\n")[..],
        [Breach::Upward { ref to, .. }] if to == "tui"
    ));
    assert!(matches!(
        one("store/disk.rs", "fn f() { super::super::i18n::msg(); }\n")[..],
        [Breach::Upward { ref to, .. }] if to == "i18n"
    ));
    assert!(one("tui/views/case/vote.rs", "use super::super::Ctx;\n").is_empty());
    // The binary names the library as `docket`.
    assert!(one("main.rs", "use docket::tui;\n").is_empty());
    // Down and sideways are fine; a comment is not an import.
    assert!(
        one(
            "tui/app.rs",
            "use crate::{session, domain::event::Event};\n"
        )
        .is_empty()
    );
    assert!(
        one(
            "store/panel.rs",
            "/// See [`crate::tui::App`].\nfn f() {}\n"
        )
        .is_empty()
    );
}

#[test]
fn a_circle_within_a_layer_is_caught() {
    let found = breaches(&[
        ("text.rs".into(), "use crate::sanitize::escape;\n".into()),
        ("sanitize.rs".into(), "use crate::text::width;\n".into()),
    ]);
    assert!(
        matches!(&found[..], [Breach::Circle(c)] if c.len() == 3),
        "{found:?}"
    );
}

#[test]
fn a_terminal_crate_below_the_screen_and_an_unplaced_module_are_caught() {
    assert!(matches!(
        one("session/mod.rs", "use ratatui::Frame;\n")[..],
        [Breach::Terminal { ref krate, .. }] if krate == "ratatui"
    ));
    assert!(one("tui/mod.rs", "use ratatui::Frame;\n").is_empty());
    assert!(matches!(
        one("gadget.rs", "fn f() {}\n")[..],
        [Breach::Unplaced { ref module, .. }] if module == "gadget"
    ));
}
