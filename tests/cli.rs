//! The real binary: `docket check`, the queue as text, help and language selection.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// docket with a pinned, English environment unless the test says otherwise.
fn docket(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_docket"));
    cmd.current_dir(root())
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .env("TZ", "UTC");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run docket")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A copy of the example panel, to break in one place.
fn example_copy(name: &str) -> PathBuf {
    let dir = scratch(name);
    common::example_into(&dir);
    dir
}

#[test]
fn check_of_the_example_prints_one_summary_line_and_exits_0() {
    let o = docket(&["check", "panels/example"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains("rules xinzhou-2017 2017 (quorum 2/3)"),
        "{out}"
    );
    assert!(out.contains("7 members (6 voting)"), "{out}");
    assert!(out.contains("tolerance "), "{out}");
    assert!(out.contains("adjustment "), "{out}");
}

#[test]
fn check_without_a_path_checks_every_panel_under_panels() {
    let o = docket(&["check"], &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("(panels/example)"), "{}", stdout(&o));
}

#[test]
fn language_follows_the_flag_then_lc_all_then_lang() {
    let o = docket(&["check", "panels/example", "--lang", "zh"], &[]);
    assert!(stdout(&o).contains("成员 7 人"), "{}", stdout(&o));
    let o = docket(&["check", "panels/example"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(stdout(&o).contains("成员 7 人"), "{}", stdout(&o));
    let o = docket(
        &["check", "panels/example"],
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")],
    );
    assert!(stdout(&o).contains("7 members"), "{}", stdout(&o));
    let o = docket(
        &["--lang", "en", "check", "panels/example"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert!(stdout(&o).contains("7 members"), "{}", stdout(&o));
}

#[test]
fn errors_exit_1_and_name_file_line_and_column() {
    let dir = example_copy("broken-title");
    let case = dir.join("cases/2026-001.yaml");
    let text = std::fs::read_to_string(&case).expect("read case");
    std::fs::write(&case, text.replacen("title:", "titel:", 1)).expect("write case");
    let o = docket(&["check", dir.to_str().expect("utf-8 path")], &[]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("cases/2026-001.yaml:3:1: error: unknown field `titel`"),
        "{out}"
    );
    assert!(out.contains("missing field `title`"), "{out}");
    assert!(out.contains("2 errors, 0 warnings"), "{out}");
}

#[test]
fn warnings_alone_exit_0_unless_strict() {
    let dir = example_copy("warning-only");
    std::fs::write(dir.join("cases/notes.txt"), "会议备忘").expect("write");
    let path = dir.to_str().expect("utf-8 path");
    let o = docket(&["check", path], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("notes.txt:1:1: warning: not a .yaml or .yml file"));
    let o = docket(&["check", "--strict", path], &[]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = example_copy("escape");
    let case = dir.join("cases/2026-001.yaml");
    let text = std::fs::read_to_string(&case).expect("read case");
    let text = text.replacen("id: \"2026-001\"", "id: \"2026-001\\e[2J\\u202e\"", 1);
    std::fs::write(&case, text).expect("write case");
    let o = docket(&["check", dir.to_str().expect("utf-8 path")], &[]);
    let out = stdout(&o);
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
    assert!(out.contains("\\u{1b}"), "{out}");
    let o = docket(&[dir.to_str().expect("utf-8 path")], &[]);
    let out = stdout(&o);
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
    assert!(out.contains("2026-001\\u{1b}[2J\\u{202e}"), "{out}");
}

#[test]
fn the_queue_prints_every_case_aligned() {
    let o = docket(&["panels/example", "--lang", "zh"], &[]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("2026-")).collect();
    let cases = std::fs::read_dir(root().join("panels/example/cases"))
        .expect("cases")
        .count();
    assert_eq!(rows.len(), cases);
    // The status column starts at the same display column on every row.
    use unicode_width::UnicodeWidthStr;
    let status_cols: Vec<usize> = rows
        .iter()
        .map(|r| r[..r.find("待审议").expect("status")].width())
        .collect();
    assert!(
        status_cols.windows(2).all(|w| w[0] == w[1]),
        "{status_cols:?}"
    );
}

#[test]
fn help_explains_the_commands() {
    let o = docket(&["--help"], &[]);
    let out = stdout(&o);
    assert!(out.contains("check"), "{out}");
    assert!(out.contains("PANEL_DIR"), "{out}");
    assert!(out.contains("--lang"), "{out}");
    let o = docket(&["check", "--help"], &[]);
    let out = stdout(&o);
    assert!(out.contains("--strict"), "{out}");
    assert!(out.contains("file:line:column"), "{out}");
}

#[test]
fn a_bad_language_is_refused_by_name() {
    let o = docket(&["check", "--lang", "fr"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("`fr` is not a language"), "{err}");
}

#[test]
fn a_non_utf8_locale_is_told_how_to_switch() {
    let o = docket(&["panels/example"], &[("LANG", "zh_CN.GBK")]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("zh_CN.GBK"), "{err}");
    assert!(err.contains("export LANG=zh_CN.UTF-8"), "{err}");
    // C and UTF-8 locales are fine.
    for ok in ["C", "zh_CN.UTF-8", "en_US.utf8"] {
        let o = docket(&["panels/example"], &[("LANG", ok)]);
        assert_eq!(o.status.code(), Some(0), "{ok}");
    }
}

#[test]
fn config_prints_the_settings_path_and_what_is_in_effect() {
    let home = scratch("config-home");
    let cfg = home.join("docket");
    std::fs::create_dir_all(&cfg).expect("config dir");
    std::fs::write(
        cfg.join("settings.yaml"),
        "ascii: true\nkeys:\n  search: [s]\n",
    )
    .expect("settings");
    let xdg = home.to_str().expect("utf-8");
    let o = docket(&["config"], &[("XDG_CONFIG_HOME", xdg), ("HOME", xdg)]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("docket/settings.yaml"), "{out}");
    assert!(out.contains("language: en"), "{out}");
    assert!(out.contains("ascii: true"), "{out}");
    assert!(out.contains("- s"), "{out}");
    let o = docket(
        &["config", "--lang", "zh"],
        &[("XDG_CONFIG_HOME", xdg), ("HOME", xdg)],
    );
    assert!(stdout(&o).contains("# 设置文件"), "{}", stdout(&o));
    // A broken settings file is named with its line, and ignored.
    std::fs::write(cfg.join("settings.yaml"), "ascii: [\n").expect("settings");
    let o = docket(&["config"], &[("XDG_CONFIG_HOME", xdg), ("HOME", xdg)]);
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("settings.yaml:"), "{err}");
    assert!(stdout(&o).contains("ascii: false"), "{}", stdout(&o));
}

#[test]
fn check_warns_about_minutes_others_can_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = example_copy("readable-minutes");
    let minutes = dir.join("minutes");
    std::fs::create_dir(&minutes).expect("minutes folder");
    std::fs::set_permissions(&minutes, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let file = minutes.join("2026-11-20-1.yaml");
    std::fs::copy(root().join("tests/data/minutes-min.yaml"), &file).expect("copy");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let o = docket(&["check", dir.to_str().expect("utf-8")], &[]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("minutes:1:1: warning: readable by other users (mode 755)"),
        "{out}"
    );
    assert!(
        out.contains("2026-11-20-1.yaml:1:1: warning: readable by other users (mode 644)"),
        "{out}"
    );
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    std::fs::set_permissions(&minutes, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    let o = docket(&["check", dir.to_str().expect("utf-8")], &[]);
    assert!(
        !stdout(&o).contains("readable by other users"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn verify_names_what_was_changed() {
    let doc = std::fs::read_to_string(root().join("docs/formats.md")).expect("formats.md");
    let marker = "<!-- minutes-example -->\n```yaml\n";
    let start = doc.find(marker).expect("marker") + marker.len();
    let end = start + doc[start..].find("```").expect("end");
    let sealed = &doc[start..end];
    let dir = scratch("verify");
    let file = dir.join("m.yaml");
    std::fs::write(&file, sealed).expect("write");
    let path = file.to_str().expect("utf-8");
    let o = docket(&["verify", path], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("intact"), "{}", stdout(&o));
    std::fs::write(&file, sealed.replacen("予以容错。", "予以免责。", 1)).expect("write");
    let o = docket(&["verify", path, "--lang", "zh"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("案件 2026-007 的记录与其摘要不符"),
        "{}",
        stdout(&o)
    );
    std::fs::write(&file, sealed.replacen("外出学习", "出差", 1)).expect("write");
    let o = docket(&["verify", path], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("the meeting part"), "{}", stdout(&o));
    std::fs::write(&file, "schema: [\n").expect("write");
    let o = docket(&["verify", path], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("m.yaml:"), "{}", stdout(&o));
}

#[test]
fn verify_on_a_panel_folder_checks_every_minutes_file() {
    let doc = std::fs::read_to_string(root().join("docs/formats.md")).expect("formats.md");
    let marker = "<!-- minutes-example -->\n```yaml\n";
    let start = doc.find(marker).expect("marker") + marker.len();
    let end = start + doc[start..].find("```").expect("end");
    let sealed = &doc[start..end];
    let dir = scratch("verify-folder");
    let panel = dir.join("panel");
    std::fs::create_dir_all(panel.join("minutes")).expect("minutes dir");
    let folder = panel.to_str().expect("utf-8");
    let o = docket(&["verify", folder], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("no minutes"), "{}", stdout(&o));

    std::fs::write(panel.join("minutes/2026-11-20-1.yaml"), sealed).expect("write");
    // The example names a ledger: without one, it is missing.
    let o = docket(&["verify", folder], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("minutes/ledger: MISSING"),
        "{}",
        stdout(&o)
    );
    use docket::store::ledger::{self, Record};
    let entry = Record::Sealed {
        file: "2026-11-20-1.yaml".into(),
        meeting: "2026-11-20-1".into(),
        addendum: None,
        digest: docket::store::minutes::sha256_hex(sealed.as_bytes()),
        at: "2026-11-20T09:35:00+08:00".into(),
    };
    std::fs::write(
        ledger::path_for(&panel),
        ledger::line(1, ledger::GENESIS, &entry),
    )
    .expect("ledger");
    let o = docket(&["verify", folder], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o).matches("intact").count(), 1, "{}", stdout(&o));

    let changed = sealed.replacen("予以容错。", "予以免责。", 1);
    std::fs::write(panel.join("minutes/2026-11-21-1.yaml"), changed).expect("write");
    let o = docket(&["verify", folder], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("2026-11-20-1.yaml: intact"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("2026-11-21-1.yaml: CHANGED"),
        "{}",
        stdout(&o)
    );

    // The seal taken out of closed minutes is a change, not "not finalized".
    let unsealed = &sealed[..sealed.find("\nfinalization:").expect("the seal") + 1];
    assert!(unsealed.contains("closed_at: '2026"), "{unsealed}");
    std::fs::write(panel.join("minutes/2026-11-21-1.yaml"), unsealed).expect("write");
    let o = docket(&["verify", folder], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("2026-11-21-1.yaml: CHANGED: the meeting is closed"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_reports_case_files_in_file_order_whatever_was_screened_first() {
    let dir = example_copy("file-order");
    std::fs::write(dir.join("cases/2026-001.yaml"), "id: [\n").expect("break a case");
    std::fs::write(dir.join("cases/notes.txt"), "not a case\n").expect("a stray file");
    let o = docket(&["check", dir.to_str().expect("utf-8")], &[]);
    let out = stdout(&o) + &String::from_utf8_lossy(&o.stderr);
    let broken = out
        .find("2026-001.yaml")
        .expect("the broken case is reported");
    let stray = out.find("notes.txt").expect("the stray file is reported");
    assert!(broken < stray, "{out}");
}

/// A panel on county rules that extend the built-in ones with another quorum, unnamed: check
/// and the agenda name the rules that apply, and the quorum they set, never the base alone.
#[test]
fn rules_amended_without_a_name_are_named_by_check_and_the_agenda() {
    let dir = example_copy("amended-rules");
    std::fs::write(
        dir.join("county.yaml"),
        "extends: xinzhou-2017\nmeeting:\n  quorum: \"3/4\"\n",
    )
    .expect("rules file");
    let panel = std::fs::read_to_string(dir.join("panel.yaml")).expect("panel.yaml");
    std::fs::write(
        dir.join("panel.yaml"),
        panel.replace("rules: xinzhou-2017", "rules: county.yaml"),
    )
    .expect("panel.yaml");
    let d = dir.to_str().expect("utf-8 path");
    let o = docket(&["--lang", "en", "check", d], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("rules xinzhou-2017+county.yaml 2017 (quorum 3/4)"),
        "{}",
        stdout(&o)
    );
    let o = docket(&["--lang", "zh", "agenda", d], &[]);
    let out = stdout(&o);
    assert!(out.contains("xinzhou-2017+county.yaml（2017 版）"), "{out}");
    assert!(
        out.contains("忻州市支持干部改革创新合理容错实施办法（试行）（经 county.yaml 修改）"),
        "{out}"
    );
    assert!(out.contains("法定人数：表决成员 3/4 以上到会"), "{out}");
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 errors")
}

/// One language per message: the system's English words never follow a Chinese label.
#[test]
fn a_missing_minutes_file_is_named_in_the_chosen_language_only() {
    let o = docket(&["--lang", "zh", "minutes", "no-such-minutes.yaml"], &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err, "no-such-minutes.yaml:1:1: 错误: 文件不存在\n");
    let o = docket(&["--lang", "en", "minutes", "no-such-minutes.yaml"], &[]);
    assert_eq!(
        stderr(&o),
        "no-such-minutes.yaml:1:1: error: no such file\n"
    );
    let o = docket(&["--lang", "zh", "verify", "no-such-minutes.yaml"], &[]);
    assert_eq!(stdout(&o), "no-such-minutes.yaml:1:1: 文件不存在\n");
}

/// docket's own output failing ends it with exit 3 and the reason in the chosen language,
/// from the real binary; the wording of a folder that cannot be written, from the same words
/// main.rs uses.
#[test]
fn output_that_cannot_be_written_exits_3_and_a_folder_that_cannot_be_written_is_named() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let o = Command::new(env!("CARGO_BIN_EXE_docket"))
        .current_dir(root())
        .args(["--lang", "zh", "check", "panels/example"])
        .env("NO_COLOR", "1")
        .stdout(full.try_clone().expect("dup"))
        .output()
        .expect("run docket");
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(stderr(&o), "docket：无法输出：磁盘已满\n");
    let o = Command::new(env!("CARGO_BIN_EXE_docket"))
        .current_dir(root())
        .args(["--lang", "en", "check", "panels/example"])
        .env("NO_COLOR", "1")
        .stdout(full)
        .output()
        .expect("run docket");
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        stderr(&o),
        "docket: cannot write the output: the disk is full\n"
    );

    let dir = scratch("unwritable");
    std::fs::write(dir.join("a-file"), "").expect("file");
    let target = dir.join("a-file/panel");
    let t = target.to_str().expect("utf-8");
    // Writing a panel where the user says (`docket gen-panel`, now the gen-panel example)
    // fails as main.rs fails: the write tagged, said by i18n.
    use docket::failure::{What, tag};
    let failed = |lang| {
        let e =
            std::fs::create_dir_all(target.join("cases")).map_err(tag(What::Write(target.clone())));
        format!(
            "{}\n",
            docket::i18n::failure(&e.expect_err("a file in the path"), lang)
        )
    };
    assert_eq!(
        failed(docket::domain::text::Lang::Zh),
        format!("docket：无法写入 {t}：路径中有一部分不是文件夹\n")
    );
    assert_eq!(
        failed(docket::domain::text::Lang::En),
        format!("docket: cannot write {t}: a part of the path is not a folder\n")
    );
}

/// The terminal failing to start is said in the chosen language, with why.
#[test]
fn a_terminal_that_cannot_start_is_said_so() {
    use docket::domain::text::Lang;
    use docket::failure::{What, tag};
    use docket::i18n;
    let e = tag(What::StartTerminal)(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
    assert_eq!(
        i18n::failure(&e, Lang::Zh),
        "docket：无法启动终端：没有权限"
    );
    assert_eq!(
        i18n::failure(&e, Lang::En),
        "docket: cannot start the terminal: permission denied"
    );
    // The common kinds have Chinese words; others say the system's words are the system's.
    use std::io::ErrorKind as K;
    for k in [
        K::NotFound,
        K::PermissionDenied,
        K::AlreadyExists,
        K::StorageFull,
    ] {
        let zh = i18n::io_error_kind(k, "Some OS text", Lang::Zh);
        assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{k:?}: {zh}");
    }
    assert_eq!(
        i18n::io_error_kind(K::Other, "Some OS text", Lang::Zh),
        "系统错误（系统原文）：Some OS text"
    );
}

/// `agenda --help` says what the agenda prints: the saved agenda first.
#[test]
fn agenda_help_names_the_saved_agenda() {
    let o = docket(&["agenda", "--help"], &[]);
    let out = stdout(&o);
    assert!(out.contains("state.yaml"), "{out}");
    assert!(out.contains("in its order"), "{out}");
}

#[test]
fn rules_come_only_from_the_panel_or_the_settings_rules_folders_and_are_never_echoed() {
    let dir = scratch("rules-outside");
    let panel = dir.join("panel");
    common::example_into(&panel);
    // A file outside the panel, shaped like /etc/shadow.
    let county = dir.join("county");
    std::fs::create_dir_all(&county).expect("county");
    let secret = format!("root:{}:19000:0:99999:7:::\n", "$6$".repeat(30));
    std::fs::write(county.join("shared.yaml"), &secret).expect("secret");
    let yaml = std::fs::read_to_string(panel.join("panel.yaml")).expect("panel");
    let named = county.join("shared.yaml");
    std::fs::write(
        panel.join("panel.yaml"),
        yaml.replace(
            "rules: xinzhou-2017",
            &format!("rules: {}", named.display()),
        ),
    )
    .expect("panel");
    let home = dir.join("home");
    std::fs::create_dir_all(home.join("docket")).expect("home");
    let xdg = home.to_str().expect("utf-8");
    let env = [("XDG_CONFIG_HOME", xdg), ("HOME", xdg)];
    let p = panel.to_str().expect("utf-8");
    let o = docket(&["check", p], &env);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("is outside the panel folder"), "{out}");
    assert!(!out.contains("19000"), "{out}");
    // Named as a rules folder in the settings, it is read; its content is quoted short.
    std::fs::write(
        home.join("docket/settings.yaml"),
        format!("rules_dirs: [{}]\n", county.display()),
    )
    .expect("settings");
    let o = docket(&["check", p], &env);
    let out = stdout(&o);
    assert!(!out.contains("is outside the panel folder"), "{out}");
    assert!(out.contains("unknown field `root:$6$"), "{out}");
    assert!(!out.contains("19000"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() < 400), "{out}");
}
