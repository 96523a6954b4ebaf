//! What the Debian package ships: the man page and completions in dist/ are those the clap
//! definitions make, the page holds what a server with no internet needs, the bash completion
//! completes, and every file Cargo.toml's `[package.metadata.deb]` names is in the repository.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// docket's standard output for `args`, which must succeed.
fn docket(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_docket"))
        .current_dir(root())
        .args(args)
        .env("LANG", "C")
        .output()
        .expect("run docket");
    assert!(
        o.status.success(),
        "docket {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf-8")
}

/// Each generated file in dist/ with the command that makes it.
const GENERATED: &[(&str, &[&str])] = &[
    ("dist/docket.1", &["man"]),
    ("dist/completions/docket.bash", &["completions", "bash"]),
    ("dist/completions/_docket", &["completions", "zsh"]),
    ("dist/completions/docket.fish", &["completions", "fish"]),
];

#[test]
fn dist_holds_what_the_clap_definitions_make_now() {
    let mut stale = Vec::new();
    for (path, args) in GENERATED {
        let made = docket(args);
        let kept = fs::read_to_string(root().join(path)).unwrap_or_default();
        if made != kept {
            stale.push(format!("{path} (docket {})", args.join(" ")));
        }
    }
    assert!(
        stale.is_empty(),
        "out of date with the command line: {stale:?}\nregenerate them with scripts/regen-dist \
         and commit dist/"
    );
}

/// The page's `.SH` headings, in order.
fn sections(page: &str) -> Vec<String> {
    page.lines()
        .filter_map(|l| l.strip_prefix(".SH "))
        .map(|h| h.trim_matches('"').to_string())
        .collect()
}

/// The text of one section: from its heading to the next.
fn section<'a>(page: &'a str, name: &str) -> &'a str {
    let start = page
        .find(&format!(".SH {name}\n"))
        .or_else(|| page.find(&format!(".SH \"{name}\"\n")))
        .unwrap_or_else(|| panic!("no section {name}"));
    let rest = &page[start + 4..];
    &rest[..rest.find("\n.SH ").unwrap_or(rest.len())]
}

#[test]
fn the_man_page_has_every_section_and_every_subcommand() {
    let page = docket(&["man"]);
    assert_eq!(
        sections(&page),
        [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "SUBCOMMANDS",
            "EXIT STATUS",
            "ENVIRONMENT",
            "FILES",
            "SEE ALSO",
            "VERSION"
        ]
    );
    // Every subcommand `docket --help` lists has its part, the hidden ones being none of a
    // user's business.
    let help = docket(&["--help"]);
    let commands: Vec<&str> = help
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands list")
        .lines()
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.contains(&"completions") && commands.contains(&"man"));
    let subcommands = section(&page, "SUBCOMMANDS");
    for c in &commands {
        assert!(
            subcommands.contains(&format!(".SS \"docket {c} ")),
            "docket {c} is not in SUBCOMMANDS"
        );
    }
    // Roff's escapes: a hyphen is `\-` there.
    let environment = section(&page, "ENVIRONMENT");
    for var in [
        "NO_COLOR",
        "VISUAL",
        "EDITOR",
        "SSH_AUTH_SOCK",
        "LANG",
        "LC_ALL",
    ] {
        assert!(environment.contains(var), "{var} not in ENVIRONMENT");
    }
    let files = section(&page, "FILES");
    for f in [
        "PANEL/panel.yaml",
        "PANEL/cases/*.yaml",
        "PANEL/minutes/DATE\\-N.yaml",
        "PANEL/minutes/ledger",
        "$XDG_CONFIG_HOME/docket/settings.yaml",
        "~/.config/docket/settings.yaml",
        "/usr/share/docket/example",
    ] {
        assert!(files.contains(f), "{f} not in FILES");
    }
}

/// The exit codes of the README's table are the page's, each with its first word.
#[test]
fn the_man_page_gives_the_exit_codes_of_the_readme() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README.md");
    let codes: Vec<(String, String)> = readme
        .lines()
        .filter_map(|l| {
            let mut cells = l.strip_prefix("| ")?.split(" | ");
            let code = cells.next()?;
            let meaning = cells.next()?;
            code.parse::<u8>().ok()?;
            let word = meaning.split([' ', ':', ',']).next()?.to_lowercase();
            Some((code.to_string(), word))
        })
        .collect();
    assert_eq!(
        codes.len(),
        4,
        "the README's table of exit codes: {codes:?}"
    );
    let page = docket(&["man"]);
    let status = section(&page, "EXIT STATUS");
    let entries: Vec<(String, String)> = status
        .split(".TP\n")
        .skip(1)
        .filter_map(|e| {
            let mut lines = e.lines();
            let code = lines.next()?.strip_prefix("\\fB")?.strip_suffix("\\fR")?;
            let word = lines.next()?.split([' ', ':', ',']).next()?.to_lowercase();
            Some((code.to_string(), word))
        })
        .collect();
    assert_eq!(entries, codes, "EXIT STATUS against the README");
}

/// The committed bash completion, loaded in a real bash, completes `docket ver<Tab>` and the
/// values of `--lang`.
#[test]
fn the_bash_completion_completes() {
    let complete = |line: &str| -> String {
        let words = line.split(' ').collect::<Vec<_>>();
        let script = format!(
            "source dist/completions/docket.bash\n\
             COMP_WORDS=({words})\nCOMP_CWORD={cword}\nCOMP_LINE='{line}'\n\
             COMP_POINT={point}\n_docket docket '{cur}' '{prev}'\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            words = words
                .iter()
                .map(|w| format!("'{w}'"))
                .collect::<Vec<_>>()
                .join(" "),
            cword = words.len() - 1,
            point = line.len(),
            cur = words[words.len() - 1],
            prev = words[words.len().saturating_sub(2)],
        );
        let o = Command::new("bash")
            .current_dir(root())
            .args(["--norc", "--noprofile", "-c", &script])
            .output()
            .expect("run bash");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).expect("utf-8")
    };
    assert_eq!(complete("docket ver"), "verify\n");
    assert_eq!(complete("docket --lang "), "zh\nen\n");
    let all = complete("docket ");
    for c in ["check", "verify", "sign", "completions", "man"] {
        assert!(all.lines().any(|l| l == c), "{c} not offered: {all}");
    }
}

/// One asset of `[package.metadata.deb]`: source, destination, mode.
fn assets() -> Vec<(String, String, String)> {
    let text = fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    let manifest: toml::Table = text.parse().expect("Cargo.toml is TOML");
    let deb = &manifest["package"]["metadata"]["deb"];
    assert_eq!(
        deb["depends"].as_str(),
        Some("$auto"),
        "depends from the binary"
    );
    deb["assets"]
        .as_array()
        .expect("assets")
        .iter()
        .map(|a| {
            let a = a
                .as_array()
                .expect("an asset is [source, destination, mode]");
            let s = |i: usize| a[i].as_str().expect("a string").to_string();
            (s(0), s(1), s(2))
        })
        .collect()
}

/// The files a source names: itself, or those a `*` in its file name matches (the only glob
/// these assets use).
fn expand(source: &str) -> Vec<PathBuf> {
    let Some((dir, pattern)) = source.rsplit_once('/').filter(|(_, p)| p.contains('*')) else {
        return vec![PathBuf::from(source)];
    };
    assert!(
        !dir.contains('*') && pattern.matches('*').count() == 1,
        "{source}: only one `*` in the file name is understood here"
    );
    let (before, after) = pattern.split_once('*').expect("a star");
    let mut found: Vec<PathBuf> = fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(before) && n.ends_with(after) && !n.starts_with('.'))
        .map(|n| Path::new(dir).join(n))
        .collect();
    found.sort();
    found
}

#[test]
fn every_file_the_package_names_is_in_the_repository() {
    let assets = assets();
    for (source, dest, mode) in &assets {
        if source.starts_with("target/") {
            // Built by `cargo deb` itself, from this path (cargo-deb maps it to the real
            // target folder); the binary only.
            assert_eq!(
                (source.as_str(), dest.as_str(), mode.as_str()),
                ("target/release/docket", "usr/bin/", "755")
            );
            continue;
        }
        let files = expand(source);
        assert!(!files.is_empty(), "{source} matches nothing");
        for f in files {
            assert!(
                root().join(&f).is_file(),
                "{} is not in the repository",
                f.display()
            );
        }
        assert_eq!(mode, "644", "{source}");
    }
    let dests: Vec<&str> = assets.iter().map(|(_, d, _)| d.as_str()).collect();
    for d in [
        "usr/bin/",
        "usr/share/man/man1/docket.1",
        "usr/share/bash-completion/completions/docket",
        "usr/share/zsh/vendor-completions/_docket",
        "usr/share/fish/vendor_completions.d/docket.fish",
    ] {
        assert!(dests.contains(&d), "nothing installed as {d}");
    }
}

/// Every hand-written file of the example panel reaches /usr/share/docket/example at its own
/// place; what docket writes there when run (minutes/, state.yaml, the lock) does not.
#[test]
fn the_example_panel_is_packaged_whole() {
    let mut shipped = Vec::new();
    for (source, dest, _) in assets() {
        let Some(under) = dest.strip_prefix("usr/share/docket/example/") else {
            continue;
        };
        for f in expand(&source) {
            let name = f
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned();
            shipped.push((f.clone(), format!("{under}{name}")));
        }
    }
    let mut present = Vec::new();
    let mut stack = vec![PathBuf::from("panels/example")];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(root().join(&dir))
            .expect("the example panel")
            .flatten()
        {
            let name = e.file_name().to_string_lossy().into_owned();
            let docket_writes = ["minutes", "signatures", "state.yaml"].contains(&name.as_str());
            if name.starts_with('.') || docket_writes {
                continue;
            }
            let path = dir.join(&name);
            if e.path().is_dir() {
                stack.push(path);
            } else {
                present.push(path);
            }
        }
    }
    present.sort();
    assert!(
        present.len() > 10,
        "the example panel was found: {present:?}"
    );
    for p in &present {
        let rel = p.strip_prefix("panels/example").expect("under the panel");
        assert!(
            shipped
                .iter()
                .any(|(src, dest)| src == p && Path::new(dest) == rel),
            "{} is not shipped as usr/share/docket/example/{}",
            p.display(),
            rel.display()
        );
    }
}
