//! Broken panels under tests/corpus/: each folder's `expect.txt` lists the lines
//! `docket check --lang en` must print for it (paths relative to the folder), and nothing may
//! panic. A few files that git cannot hold (FIFOs, huge files) are made here before checking.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use docket::cli;
use docket::domain::text::Lang;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// A copy of `src` under the target folder, so made-up files never touch the repository.
fn copy_tree(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).expect("create copy");
    for entry in fs::read_dir(src).expect("read corpus folder") {
        let entry = entry.expect("entry");
        let to = dst.join(entry.file_name());
        let ft = entry.file_type().expect("file type");
        if ft.is_dir() {
            copy_tree(&entry.path(), &to);
        } else if ft.is_symlink() {
            let target = fs::read_link(entry.path()).expect("read link");
            std::os::unix::fs::symlink(target, &to).expect("copy link");
        } else {
            fs::copy(entry.path(), &to).expect("copy file");
        }
    }
}

/// Files a case can only be given at run time, named by a `setup.txt` line.
fn setup(dir: &Path) {
    let Ok(text) = fs::read_to_string(dir.join("setup.txt")) else {
        return;
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (what, rel) = line.split_once(' ').expect("setup line: WHAT PATH");
        let path = dir.join(rel.trim());
        match what {
            "fifo" => {
                let status = std::process::Command::new("mkfifo")
                    .arg(&path)
                    .status()
                    .expect("run mkfifo");
                assert!(status.success(), "mkfifo {}", path.display());
            }
            "huge" => {
                // Valid YAML past the 1 MiB limit: a comment line repeated.
                let line = "# 填充行，用于构造超过上限的文件。\n";
                let n = 1024 * 1024 / line.len() + 10;
                fs::write(&path, line.repeat(n)).expect("write huge file");
            }
            "link-outside" => {
                // A file that exists on every machine that builds docket.
                let outside = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
                std::os::unix::fs::symlink(outside, &path).expect("make link");
            }
            other => panic!("unknown setup step {other}"),
        }
    }
}

/// Runs the check on its own thread, so that a hang fails the test instead of stalling it.
fn run_check(dir: &Path) -> (i32, String) {
    let (tx, rx) = std::sync::mpsc::channel();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let code = cli::check(&dir, false, Lang::En, &mut out).expect("write to memory");
        let _ = tx.send((code, String::from_utf8(out).expect("check prints UTF-8")));
    });
    rx.recv_timeout(std::time::Duration::from_secs(30))
        .expect("docket check finished within 30 s (or panicked)")
}

#[test]
fn every_broken_panel_gives_its_located_message() {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus");
    let _ = fs::remove_dir_all(&work);
    let mut names: Vec<PathBuf> = fs::read_dir(corpus_dir())
        .expect("tests/corpus exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    assert!(
        names.len() >= 30,
        "the corpus holds {} panels, want 30",
        names.len()
    );
    let mut failures = Vec::new();
    for src in &names {
        let name = src
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let dir = work.join(&name);
        copy_tree(src, &dir);
        setup(&dir);
        let expect = fs::read_to_string(dir.join("expect.txt"))
            .unwrap_or_else(|_| panic!("{name}: no expect.txt"));
        let (code, output) = run_check(&dir);
        let prefix = format!("{}/", dir.display());
        let shown = output.replace(&prefix, "");
        for want in expect
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            if !shown.lines().any(|l| l.contains(want)) {
                failures.push(format!("{name}: missing line\n    {want}\n  got:\n{shown}"));
            }
        }
        let errors_expected = expect
            .lines()
            .any(|l| !l.starts_with('#') && l.contains(": error: "));
        if errors_expected != (code == 1) {
            failures.push(format!("{name}: exit code {code}\n{shown}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
