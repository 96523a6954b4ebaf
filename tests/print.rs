//! `docket minutes` and `docket agenda`: the printed documents in every format and both
//! languages, their layout, their escaping, and what they must never print.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use docket::domain::rules::Method;
use docket::domain::text::Lang;
use docket::print::{self, Format};
use docket::store::minutes::{self, Minutes};
use unicode_width::UnicodeWidthStr;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("print")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The complete minutes example of docs/formats.md, exactly as documented.
fn documented_minutes() -> String {
    let doc = std::fs::read_to_string(root().join("docs/formats.md")).expect("formats.md");
    let marker = "<!-- minutes-example -->\n```yaml\n";
    let start = doc.find(marker).expect("marker") + marker.len();
    let len = doc[start..].find("```").expect("end of the example");
    doc[start..start + len].to_string()
}

/// A copy of panels/example (with a classification line) laid out as PANEL/minutes/FILE,
/// holding `text` as its minutes; returns the minutes file.
fn panel_with_minutes(name: &str, text: &str) -> PathBuf {
    let dir = scratch(name).join("PANEL");
    common::example_into(&dir);
    let panel_yaml = std::fs::read_to_string(dir.join("panel.yaml")).expect("panel.yaml");
    std::fs::write(
        dir.join("panel.yaml"),
        format!("{panel_yaml}classification: 内部\n"),
    )
    .expect("write panel.yaml");
    std::fs::create_dir_all(dir.join("minutes")).expect("minutes");
    let file = dir.join("minutes/2026-11-20-1.yaml");
    std::fs::write(&file, text).expect("write minutes");
    file
}

fn print_file(file: &Path, format: Format, lang: Lang) -> String {
    print::minutes_file(file, format, lang)
        .expect("the minutes print")
        .document
}

fn assert_fits_80(doc: &str) {
    for line in doc.lines() {
        assert!(line.width() <= 80, "{} columns: {line}", line.width());
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

fn format_name(f: Format) -> &'static str {
    f.id()
}

/// The minutes example with `edit` applied, rendered as docket writes it (not finalized).
fn edited_minutes(edit: impl FnOnce(&mut Minutes)) -> String {
    let mut m = minutes::parse(&documented_minutes()).expect("the example parses");
    m.finalization = None;
    m.meeting.closed_at = None;
    edit(&mut m);
    minutes::render(&m).expect("render")
}

/// Every run of 64 hexadecimal digits in `s`.
fn digests(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            if run.len() == 64 {
                out.push(run.clone());
            }
            run.clear();
        }
    }
    out
}

#[test]
fn the_documented_minutes_in_every_format_and_language() {
    let file = panel_with_minutes("documented", &documented_minutes());
    for lang in [Lang::Zh, Lang::En] {
        for format in Format::ALL {
            let doc = print_file(&file, format, lang);
            if format == Format::Text {
                assert_fits_80(&doc);
            }
            insta::assert_snapshot!(
                format!("minutes_{}_{}", format_name(format), lang_name(lang)),
                doc
            );
        }
    }
}

#[test]
fn the_printed_digest_is_the_files_minutes_digest() {
    let text = documented_minutes();
    let file = panel_with_minutes("digest", &text);
    let m = minutes::parse(&text).expect("parses");
    let f = m.finalization.expect("finalized");
    let sealed = f.minutes_digest;
    for lang in [Lang::Zh, Lang::En] {
        for format in Format::ALL {
            let doc = print_file(&file, format, lang);
            assert_eq!(
                digests(&doc),
                vec![sealed.clone(), f.seal.clone()],
                "{format:?} {lang:?}"
            );
        }
    }
    // The seal is the digest of every byte before its line, as the paper says.
    let upto = &text[..text.find("\n  seal: ").expect("seal") + 1];
    assert_eq!(minutes::sha256_hex(upto.as_bytes()), f.seal);
    // And it is the digest of the file's bytes before `finalization:`, as the paper says.
    let body = &text[..text.find("\nfinalization:").expect("finalization") + 1];
    assert_eq!(minutes::sha256_hex(body.as_bytes()), sealed);
}

#[test]
fn the_rule_texts_come_from_the_panel_and_the_classification_is_printed() {
    let file = panel_with_minutes("rules", &documented_minutes());
    let zh = print_file(&file, Format::Text, Lang::Zh);
    assert!(zh.contains("密级：内部"), "{zh}");
    assert!(zh.contains("[x] 干部在推进改革中因缺乏经验"), "{zh}");
    assert!(zh.contains("[ ] 明知故犯的违纪违法行为"), "{zh}");
    assert!(zh.contains("处理结果  予以容错"), "{zh}");
    let en = print_file(&file, Format::Text, Lang::En);
    assert!(en.contains("Classification: 内部"), "{en}");
    assert!(en.contains("Errors made in advancing reform"), "{en}");
    assert!(en.contains("Outcome      Tolerated"), "{en}");
}

#[test]
fn without_a_panel_folder_ids_stand_in_for_the_rules() {
    let dir = scratch("alone");
    let file = dir.join("2026-11-20-1.yaml");
    std::fs::write(&file, documented_minutes()).expect("write");
    let doc = print_file(&file, Format::Text, Lang::Zh);
    assert!(!doc.contains("密级"), "{doc}");
    assert!(doc.contains("处理结果  tolerate"), "{doc}");
    assert!(doc.contains("D1\n"), "{doc}");
    assert!(!doc.contains("干部在推进改革中"), "{doc}");
    assert!(doc.contains("李红    agree"), "{doc}");
    assert_fits_80(&doc);
}

#[test]
fn unfinalized_minutes_say_so_and_carry_no_digest() {
    let text = edited_minutes(|_| {});
    let file = panel_with_minutes("unfinalized", &text);
    for lang in [Lang::Zh, Lang::En] {
        let doc = print_file(&file, Format::Text, lang);
        assert_fits_80(&doc);
        match lang {
            Lang::Zh => assert_eq!(doc.matches("未定稿：").count(), 2, "{doc}"),
            Lang::En => assert_eq!(doc.matches("NOT FINALIZED").count(), 2, "{doc}"),
        }
        assert!(digests(&doc).is_empty(), "{doc}");
        insta::assert_snapshot!(format!("minutes_unfinalized_text_{}", lang_name(lang)), doc);
    }
    let html = print_file(&file, Format::Html, Lang::Zh);
    assert!(html.contains("<p class=\"notice\">未定稿"), "{html}");
}

#[test]
fn a_secret_ballot_prints_counts_and_no_names() {
    // Even a file that (wrongly) holds names for a secret round never has them printed.
    let text = edited_minutes(|m| {
        for r in &mut m.cases[0].rounds {
            r.method = Method::Secret;
        }
    });
    let file = panel_with_minutes("secret", &text);
    let voters = ["李红", "张伟", "刘志强", "陈静", "王建国"];
    for lang in [Lang::Zh, Lang::En] {
        for format in Format::ALL {
            let doc = print_file(&file, format, lang);
            let (vote, determination) = match lang {
                Lang::Zh => ("表决", "决定"),
                Lang::En => ("Vote", "Determination"),
            };
            let start = doc.find(&format!("\n{vote}\n")).or_else(|| {
                doc.find(&format!("#### {vote}\n"))
                    .or_else(|| doc.find(&format!("<h4>{vote}</h4>")))
            });
            let start = start.expect("the vote section");
            let len = doc[start + 1..]
                .find(determination)
                .expect("the determination after the vote");
            let section = &doc[start..start + 1 + len];
            for v in voters {
                assert!(
                    !section.contains(v),
                    "{format:?} {lang:?} names {v}:\n{section}"
                );
            }
            let counts = match lang {
                Lang::Zh => "同意 4，不同意 1，缓议 0，弃权 0",
                Lang::En => "Agree 4, Disagree 1, Defer 0, Abstain 0",
            };
            assert!(section.contains(counts), "{format:?} {lang:?}:\n{section}");
            let secret = match lang {
                Lang::Zh => "无记名投票：只记票数",
                Lang::En => "Secret ballot: counts only",
            };
            assert_eq!(section.matches(secret).count(), 2, "{section}");
        }
    }
}

const HOSTILE: &str = "<script>alert('x')</script>\u{1b}[2J & \"q\" \u{202e}";

/// Tags the HTML printer itself writes; anything else would have come from a file.
const TAGS: [&str; 24] = [
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4",
    "h5", "p", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "br", "code",
];

fn assert_only_own_tags(html: &str) {
    for (i, _) in html.match_indices('<') {
        let rest = html[i + 1..].trim_start_matches('/');
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        assert!(
            TAGS.contains(&name.as_str()),
            "a raw `<` from data at byte {i}: {}",
            &html[i..(i + 40).min(html.len())]
        );
    }
    assert!(!html.contains('\u{1b}'), "a raw ESC");
    assert!(!html.contains('\u{202e}'), "a raw bidi override");
}

#[test]
fn hostile_text_in_minutes_comes_out_escaped_in_every_format() {
    let text = edited_minutes(|m| {
        let c = &mut m.cases[0];
        c.title = HOSTILE.to_string();
        c.subject.name = HOSTILE.to_string();
        c.presenter = Some(HOSTILE.to_string());
        c.determinations[0].rationale = format!("{HOSTILE}\n- 1. # second line");
        m.attendance.attendees.push(HOSTILE.to_string());
        m.panel.members[1].name = HOSTILE.to_string();
    });
    let file = panel_with_minutes("hostile", &text);
    for lang in [Lang::Zh, Lang::En] {
        let html = print_file(&file, Format::Html, lang);
        assert_only_own_tags(&html);
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\\u{1b}[2J &amp; &quot;q&quot; \\u{202e}"),
            "{html}"
        );
        let md = print_file(&file, Format::Markdown, lang);
        // Every `<` is escaped, but for the line breaks the printer writes in tables.
        for (i, _) in md.match_indices('<') {
            assert!(
                md[..i].ends_with('\\') || md[i..].starts_with("<br>"),
                "a raw `<` at byte {i}: {}",
                &md[i..(i + 20).min(md.len())]
            );
        }
        assert!(md.contains("\\<script\\>"), "{md}");
        assert!(!md.contains('\u{1b}') && md.contains("\\u{1b}"), "{md}");
        // A line of the rationale that looks like a list stays text.
        assert!(md.contains("\\- 1. \\# second line"), "{md}");
        let text = print_file(&file, Format::Text, lang);
        assert!(
            !text.contains('\u{1b}') && text.contains("\\u{1b}[2J"),
            "{text}"
        );
        assert!(!text.contains('\u{202e}'), "{text}");
        assert_fits_80(&text);
    }
}

#[test]
fn the_agenda_of_the_example_panel_in_every_format_and_language() {
    let dir = root().join("panels/example");
    for lang in [Lang::Zh, Lang::En] {
        for format in Format::ALL {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let code =
                print::run_agenda(&dir, Some("2026-11-20"), format, lang, &mut out, &mut err)
                    .expect("write");
            let doc = String::from_utf8(out).expect("UTF-8");
            assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
            if format == Format::Text {
                assert_fits_80(&doc);
            }
            insta::assert_snapshot!(
                format!("agenda_{}_{}", format_name(format), lang_name(lang)),
                doc
            );
        }
    }
}

#[test]
fn the_agenda_holds_pending_cases_in_received_order() {
    let file = panel_with_minutes("pending", &documented_minutes());
    let dir = file.parent().and_then(Path::parent).expect("panel dir");
    let loaded = docket::config::load_panel(dir);
    let ids: Vec<&str> = print::agenda_cases(
        dir,
        &loaded.panel.as_ref().expect("panel").rules,
        &loaded.cases,
    )
    .iter()
    .map(|c| c.case.id.as_str())
    .collect();
    // 2026-007 was decided; 2026-014 was deferred and so is pending again.
    assert!(!ids.contains(&"2026-007"), "{ids:?}");
    assert!(ids.contains(&"2026-014"), "{ids:?}");
    assert_eq!(ids.len(), loaded.cases.len() - 1);
    let mut sorted = print::agenda_cases(
        dir,
        &loaded.panel.as_ref().expect("panel").rules,
        &loaded.cases,
    );
    sorted.sort_by(|a, b| (a.case.received, &a.case.id).cmp(&(b.case.received, &b.case.id)));
    let sorted: Vec<&str> = sorted.iter().map(|c| c.case.id.as_str()).collect();
    assert_eq!(ids, sorted);
    // A later meeting that decides the deferred case takes it off the agenda.
    let later = edited_minutes(|m| {
        m.meeting.id = "2026-12-04-1".into();
        let c = &mut m.cases[1];
        c.determinations[0].outcome = "not_tolerate".into();
        c.determinations[0].round = Some(1);
    });
    std::fs::write(dir.join("minutes/2026-12-04-1.yaml"), later).expect("write");
    let ids: Vec<String> = print::agenda_cases(
        dir,
        &loaded.panel.as_ref().expect("panel").rules,
        &loaded.cases,
    )
    .iter()
    .map(|c| c.case.id.clone())
    .collect();
    assert!(!ids.contains(&"2026-014".to_string()), "{ids:?}");
}

#[test]
fn the_agenda_names_who_must_recuse_and_the_reviewed_case() {
    let file = panel_with_minutes("agenda-content", &documented_minutes());
    let dir = file.parent().and_then(Path::parent).expect("panel dir");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = print::run_agenda(
        dir,
        Some("2026-11-20"),
        Format::Text,
        Lang::Zh,
        &mut out,
        &mut err,
    )
    .expect("write");
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    let doc = String::from_utf8(out).expect("UTF-8");
    assert!(doc.contains("密级：内部"), "{doc}");
    assert!(doc.contains("共 17 件"), "{doc}");
    assert!(doc.contains("- 张伟：当事人系其表弟"), "{doc}");
    assert!(doc.contains("复核      2026-004"), "{doc}");
    assert!(doc.contains(". 2026-014 "), "{doc}");
    assert!(!doc.contains(". 2026-007 "), "{doc}");
    assert_fits_80(&doc);
}

#[test]
fn a_review_case_names_the_decision_it_reviews_and_who_sat_on_it() {
    // The earlier case 2026-004 decided at the documented meeting, by those in the room.
    let text = edited_minutes(|m| {
        let c = &mut m.cases[0];
        c.case = "2026-004".into();
        c.kind = "adjustment".into();
        c.findings.clear();
        c.found.clear();
        c.determinations[0].outcome = "adjust".into();
    });
    let file = panel_with_minutes("review", &text);
    let dir = file.parent().and_then(Path::parent).expect("panel dir");
    let agenda = |name: &str| {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = print::run_agenda(
            dir,
            Some("2026-11-20"),
            Format::Text,
            Lang::Zh,
            &mut out,
            &mut err,
        )
        .expect("write");
        assert_eq!(code, 0, "{name}: {}", String::from_utf8_lossy(&err));
        let doc = String::from_utf8(out).expect("UTF-8");
        let start = doc.find(". 2026-010 ").expect("2026-010 on the agenda");
        let end = doc[start..].find(". 2026-011 ").expect("the next case");
        doc[start..start + end].to_string()
    };
    let case = agenda("may_vote");
    assert!(
        case.contains("复核      2026-004（2026-11-20-1 会议决定：调整）"),
        "{case}"
    );
    assert!(case.contains("应当回避\n  无。"), "{case}");
    // Under `review: recuse`, the voting members in the room when 2026-004 was decided step
    // out for its review; the clerk does not vote and is not named.
    let yaml = std::fs::read_to_string(dir.join("panel.yaml")).expect("read");
    std::fs::write(
        dir.join("panel.yaml"),
        format!("{yaml}meeting:\n  review: recuse\n"),
    )
    .expect("write");
    let case = agenda("recuse");
    for name in ["王建国", "李红", "张伟", "刘志强", "陈静"] {
        assert!(
            case.contains(&format!("- {name}：曾参与被复核案件的决定")),
            "{name}: {case}"
        );
    }
    assert!(!case.contains("孙丽"), "{case}");
}

#[test]
fn hostile_case_files_come_out_escaped_in_the_agenda() {
    let dir = root().join("tests/data/injection");
    for format in Format::ALL {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        print::run_agenda(
            &dir,
            Some("2026-11-20"),
            format,
            Lang::Zh,
            &mut out,
            &mut err,
        )
        .expect("write");
        let doc = String::from_utf8(out).expect("UTF-8");
        assert!(doc.contains("2026-101"), "{doc}");
        assert!(
            !doc.chars()
                .any(|c| docket::sanitize::is_unsafe(c) && c != '\n'),
            "{format:?}: {doc:?}"
        );
        match format {
            Format::Html => assert_only_own_tags(&doc),
            Format::Text => assert_fits_80(&doc),
            Format::Markdown => {}
        }
    }
}

// ---------------------------------------------------------------------------------------
// The binary.

fn docket(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docket"))
        .current_dir(root())
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env("TZ", "UTC")
        .env("XDG_CONFIG_HOME", scratch("xdg"))
        .output()
        .expect("run docket")
}

#[test]
fn the_binary_prints_minutes_and_the_agenda() {
    let file = panel_with_minutes("binary", &documented_minutes());
    let path = file.to_str().expect("UTF-8 path");
    let o = docket(&["minutes", path, "--lang", "zh"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).expect("UTF-8");
    assert!(out.contains("会议记录"), "{out}");
    let o = docket(&["minutes", path, "--format", "html"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("<!DOCTYPE html>"));
    let o = docket(&["agenda", "panels/example", "--format", "md", "--lang", "en"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("## 1\\. 2026-001"));
}

#[test]
fn the_binary_locates_an_unreadable_file_and_flags_a_changed_one() {
    let file = panel_with_minutes("binary-bad", "schema: [\n");
    let path = file.to_str().expect("UTF-8 path");
    let o = docket(&["minutes", path]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(err.starts_with(&format!("{path}:")), "{err}");
    assert!(err.contains(": error: "), "{err}");
    let o = docket(&["minutes", "no/such/minutes.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).starts_with("no/such/minutes.yaml:"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let changed = documented_minutes().replacen("外出学习", "出差", 1);
    std::fs::write(&file, changed).expect("write");
    let o = docket(&["minutes", path, "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("摘要不符"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("摘要校验失败"));

    let o = docket(&["agenda", "tests/corpus/05-unknown-field-panel"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("panel.yaml:3:1: error"));
}

/// The documented minutes with round 1 voided (its determination withdrawn) and a round 2
/// passed that a second determination stands on.
fn with_withdrawn_determination() -> String {
    edited_minutes(|m| {
        let c = &mut m.cases[0];
        let mut second = c.rounds[0].clone();
        second.number = 2;
        c.rounds[0].void = Some(docket::domain::meeting::Void {
            at: "2026-11-20T10:05:00+08:00".into(),
            reason: "计票有误".into(),
        });
        c.rounds.push(second);
        let mut d = c.determinations[0].clone();
        c.determinations[0].withdrawn = Some(docket::domain::meeting::Withdrawal {
            at: "2026-11-20T10:05:00+08:00".into(),
            round: 1,
            reason: "计票有误".into(),
        });
        d.round = Some(2);
        d.rationale = "重新表决后维持原意见。".into();
        c.determinations.push(d);
    })
}

#[test]
fn a_withdrawn_determination_is_marked_and_a_voided_round_never_cited_as_the_basis() {
    let file = panel_with_minutes("withdrawn", &with_withdrawn_determination());
    for lang in [Lang::Zh, Lang::En] {
        for format in Format::ALL {
            let doc = print_file(&file, format, lang);
            let (basis_2, basis_1, mark) = match lang {
                Lang::Zh => ("第2轮表决", "第1轮表决", "第1版（已撤回）"),
                Lang::En => ("round 2", "round 1\n", "Version 1 (withdrawn)"),
            };
            assert!(doc.contains(basis_2), "{format:?} {lang:?}: {doc}");
            assert!(!doc.contains(basis_1), "{format:?} {lang:?}: {doc}");
            assert!(doc.contains(mark), "{format:?} {lang:?}: {doc}");
            assert!(doc.contains("计票有误"), "{doc}");
            if format == Format::Text {
                assert_fits_80(&doc);
            }
        }
    }
    // The standing determination comes first, the withdrawn one under the other versions.
    let doc = print_file(&file, Format::Markdown, Lang::Zh);
    let standing = doc.find("重新表决后维持原意见").expect("the standing one");
    let withdrawn = doc.find("第1版（已撤回）").expect("the withdrawn one");
    assert!(standing < withdrawn, "{doc}");
    assert!(doc.contains("第1轮已作废（10:05）：计票有误"), "{doc}");
}

#[test]
fn opinions_withdrawn_on_departure_and_a_lost_quorum_are_printed_in_words() {
    let text = edited_minutes(|m| {
        let r = &mut m.cases[0].rounds[0];
        r.withdrawn.push(docket::domain::meeting::WithdrawnOpinion {
            at: "2026-11-20T09:40:00+08:00".into(),
            member: "li-hong".into(),
            opinion: docket::domain::rules::Opinion::Agree,
        });
        r.quorum_lost = Some(docket::domain::meeting::QuorumLost {
            at: "2026-11-20T09:41:00+08:00".into(),
            present_entitled: 3,
            needed: 4,
        });
    });
    let file = panel_with_minutes("departure", &text);
    let zh = print_file(&file, Format::Markdown, Lang::Zh);
    assert!(zh.contains("09:40 李红：同意，离席，意见撤回"), "{zh}");
    assert!(
        zh.contains("本案失去法定人数：到会且应参加 3 人，需 4 人"),
        "{zh}"
    );
    let en = print_file(&file, Format::Markdown, Lang::En);
    assert!(
        en.contains("09:40 李红: Agree, opinion withdrawn: left the meeting"),
        "{en}"
    );
    assert!(
        en.contains("case quorum lost: present and entitled 3, needed 4"),
        "{en}"
    );
    assert_fits_80(&print_file(&file, Format::Text, Lang::Zh));
    // A secret round counts its withdrawn ballots and names nobody.
    let text = edited_minutes(|m| {
        let r = &mut m.cases[0].rounds[0];
        r.method = Method::Secret;
        r.withdrawn.push(docket::domain::meeting::WithdrawnOpinion {
            at: "2026-11-20T09:40:00+08:00".into(),
            member: "li-hong".into(),
            opinion: docket::domain::rules::Opinion::Agree,
        });
    });
    let file = panel_with_minutes("departure-secret", &text);
    let zh = print_file(&file, Format::Markdown, Lang::Zh);
    assert!(zh.contains("1 人离席，意见撤回"), "{zh}");
    assert!(!zh.contains("李红：同意，离席"), "{zh}");
}

fn reconsidered(method: Method) -> String {
    edited_minutes(|m| {
        let c = &mut m.cases[0];
        c.reconsideration = Some(docket::domain::meeting::Reconsideration {
            decided_in: "2026-10-15-1".into(),
            standing: Some("tolerate".into()),
            agree: 4,
            of: 6,
            present: Some(5),
            method: Some(method),
            members: ["li-hong", "zhao-min", "liu-zhiqiang", "chen-jing"]
                .map(String::from)
                .to_vec(),
            at: "2026-11-20T09:05:00+08:00".into(),
        });
        // The reconsideration ended in a deferral.
        let d = &mut c.determinations[0];
        d.outcome = "defer".into();
        d.round = None;
    })
}

#[test]
fn a_reconsideration_names_who_agreed_and_says_the_earlier_decision_stands() {
    let file = panel_with_minutes("reconsider", &reconsidered(Method::ShowOfHands));
    let zh = print_file(&file, Format::Markdown, Lang::Zh);
    assert!(zh.contains("同意 4 / 共 6 人 / 到会 5 人"), "{zh}");
    assert!(zh.contains("李红、赵敏、刘志强、陈静"), "{zh}");
    assert!(zh.contains("举手表决"), "{zh}");
    assert!(
        zh.contains("复议未形成新的决定，原决定（会议 2026-10-15-1：予以容错）维持"),
        "{zh}"
    );
    let en = print_file(&file, Format::Html, Lang::En);
    assert!(en.contains("agree 4 / of 6 / present 5"), "{en}");
    assert!(
        en.contains(
            "The reconsideration reached no new decision; the decision of meeting 2026-10-15-1 (Tolerated) stands"
        ),
        "{en}"
    );
    assert_fits_80(&print_file(&file, Format::Text, Lang::Zh));

    // A secret consent: the count, never the names.
    let file = panel_with_minutes("reconsider-secret", &reconsidered(Method::Secret));
    let zh = print_file(&file, Format::Markdown, Lang::Zh);
    assert!(zh.contains("同意 4 / 共 6 人 / 到会 5 人"), "{zh}");
    assert!(!zh.contains("同意复议的成员"), "{zh}");
}
