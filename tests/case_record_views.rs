//! The case screen shows the record as it stands: one standing determination (its version
//! named once amended), withdrawn ones as withdrawn, each round's method, opinions withdrawn
//! on departure and a lost quorum in words, the decision under review as it stands now, and
//! the record of an earlier meeting for a case decided there.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{in_meeting, run, select, typed};

use std::cell::Cell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use docket::domain::rules::{Method, Opinion};
use docket::domain::text::Lang;
use docket::domain::vote::DeterminationText;
use docket::tui::app::{Action, App};
use docket::tui::keymap::Keymap;
use docket::tui::theme::Theme;
use docket::tui::{load_app, views};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn panel(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("case-record-views")
        .join(name);
    common::example_into(&dir);
    dir
}

fn load(dir: &Path, lang: Lang, start: i64) -> App {
    let mut err = Vec::new();
    let mut app = load_app(dir, lang, &mut err)
        .expect("load")
        .expect("the example panel opens");
    app.session.clock = Box::new(common::StepClock(Cell::new(start)));
    app.session.user = "clerk".into();
    app
}

/// Case `id` voted through by the five present and determined with `rationale`.
fn decide(app: &mut App, id: &str, rationale: &str) {
    select(app, id);
    run(app, [Action::Enter, Action::Vote]);
    run(app, (0..5).map(|_| Action::Opinion(Opinion::Agree)));
    run(app, [Action::Enter, Action::Yes, Action::Determine]);
    run(app, typed(rationale));
    run(app, [Action::Enter, Action::Yes]);
    let r = app
        .session
        .meeting
        .as_ref()
        .and_then(|m| m.record(id))
        .expect("taken up");
    assert!(
        r.determination().is_some(),
        "{:?} {:?}",
        app.message,
        app.popup
    );
}

/// The screen as text, one line per row, wide characters once.
fn screen(app: &App, w: u16, h: u16) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let km = Keymap::new(HashMap::new());
    t.draw(|f| views::draw(f, app, &km, Theme::new(false, false)))
        .expect("draw");
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += (sym.width() as u16).max(1);
        }
        out.push('\n');
    }
    out
}

/// The screen's text with borders, blanks and line ends taken out: what wrapped reads whole.
/// Of two panes side by side, the right one.
fn joined(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.rsplit("││").next().unwrap_or(l))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace() && !"│┌┐└┘─|".contains(*c))
        .collect()
}

fn now(app: &App) -> String {
    app.session.now()
}

/// The vote pane in front.
fn vote_pane(app: &mut App) {
    app.case_view.focus = 3;
}

#[test]
fn a_withdrawn_determination_shows_as_withdrawn_with_the_voids_reason() {
    for lang in [Lang::Zh, Lang::En] {
        let mut a = load(
            &panel(&format!("withdrawn-{}", lang.code())),
            lang,
            common::START,
        );
        in_meeting(&mut a);
        decide(&mut a, "2026-001", "属先行先试的探索性失误");
        let t = now(&a);
        a.session
            .meeting
            .as_mut()
            .expect("meeting")
            .void_round("2026-001", 1, "计票有误", &t)
            .expect("void");
        vote_pane(&mut a);
        for (w, h) in [(80, 24), (120, 40)] {
            let s = screen(&a, w, h);
            let line = s
                .lines()
                .find(|l| l.contains("属先行先试"))
                .unwrap_or_else(|| panic!("{s}"));
            let mark = match lang {
                Lang::Zh => "已撤回",
                Lang::En => "withdrawn",
            };
            assert!(line.contains(mark), "{line}\n{s}");
            assert!(joined(&s).contains("计票有误"), "{s}");
        }
    }
}

#[test]
fn one_current_determination_marked_amended_with_dissent_and_override_whole() {
    let mut a = load(&panel("amended"), Lang::Zh, common::START);
    in_meeting(&mut a);
    decide(&mut a, "2026-001", "第一稿理由");
    let dissent = "刘志强认为应当进一步核实项目资金的使用情况再作决定".repeat(3);
    let override_reason = "虽有不予容错的情节但系为推动发展的无意过失".repeat(3);
    let panel = a.session.panel.clone();
    let kind = panel.rules.kind("tolerance").expect("kind").clone();
    let t = now(&a);
    a.session
        .meeting
        .as_mut()
        .expect("meeting")
        .determine(
            &panel,
            &kind,
            "2026-001",
            DeterminationText {
                rationale: "第二稿理由".into(),
                dissent: dissent.clone(),
                override_reason: override_reason.clone(),
            },
            &t,
        )
        .expect("amend");
    vote_pane(&mut a);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&a, w, h);
        assert!(s.contains("已修改，第2版"), "{s}");
        assert!(s.contains("第二稿理由"), "{s}");
        assert!(
            !s.contains("第一稿理由"),
            "the earlier version is in the minutes: {s}"
        );
        let j = joined(&s);
        assert!(j.contains(&dissent), "{s}");
        assert!(j.contains(&override_reason), "{s}");
    }
}

#[test]
fn a_departure_in_an_open_round_withdraws_the_opinion_and_the_lost_quorum_is_said() {
    for lang in [Lang::Zh, Lang::En] {
        let mut a = load(
            &panel(&format!("departure-{}", lang.code())),
            lang,
            common::START,
        );
        in_meeting(&mut a);
        select(&mut a, "2026-001");
        run(&mut a, [Action::Enter, Action::Vote]);
        run(&mut a, (0..2).map(|_| Action::Opinion(Opinion::Agree)));
        let panel = a.session.panel.clone();
        let first = a
            .session
            .meeting
            .as_ref()
            .and_then(|m| m.record("2026-001"))
            .and_then(|r| r.open_round())
            .map(|r| r.opinions[0].member.clone())
            .expect("an opinion");
        let m = a.session.meeting.as_mut().expect("meeting");
        m.set_present(
            &panel,
            &first,
            false,
            "临时离开",
            "2026-11-20T09:30:00+08:00",
        )
        .expect("leaves");
        let s = screen(&a, 80, 24);
        let name = docket::i18n::member_name(&panel, &first);
        let (withdrawn, lost) = match lang {
            Lang::Zh => (
                format!("09:30 {name}：同意，离席，意见撤回"),
                "本案失去法定人数：到会且应参加 3 人，需 4 人",
            ),
            Lang::En => (
                format!("09:30 {name}: Agree, opinion withdrawn: left the meeting"),
                "case quorum lost: present and entitled 3, needed 4",
            ),
        };
        assert!(s.contains(&withdrawn), "{s}");
        assert!(
            !joined(&s).contains(&joined(lost)),
            "the quorum holds with four: {s}"
        );
        // A second departure takes the case below its quorum: said in words.
        let other = panel
            .voting_members()
            .map(|x| x.id.clone())
            .find(|id| id != &first && a.session.meeting.as_ref().is_some_and(|m| m.is_present(id)))
            .expect("another member");
        let m = a.session.meeting.as_mut().expect("meeting");
        m.set_present(
            &panel,
            &other,
            false,
            "临时离开",
            "2026-11-20T09:31:00+08:00",
        )
        .expect("leaves");
        let s = screen(&a, 80, 24);
        assert!(joined(&s).contains(&joined(lost)), "{s}");
    }
}

#[test]
fn each_round_shows_its_own_method_and_a_secret_one_no_names() {
    let mut a = load(&panel("method"), Lang::Zh, common::START);
    in_meeting(&mut a);
    decide(&mut a, "2026-001", "属先行先试");
    // A second round by secret ballot, as a file might hold it (even with names, wrongly).
    let m = a.session.meeting.as_mut().expect("meeting");
    let r = m
        .cases
        .iter_mut()
        .find(|c| c.case == "2026-001")
        .expect("record");
    let mut second = r.rounds[0].clone();
    second.number = 2;
    second.method = Method::Secret;
    r.rounds.push(second);
    vote_pane(&mut a);
    let s = screen(&a, 120, 40);
    assert!(s.contains("第1轮 予以容错（记名表决）"), "{s}");
    assert!(s.contains("第2轮 予以容错（无记名投票）"), "{s}");
    let after_second: String = s
        .lines()
        .skip_while(|l| !l.contains("第2轮"))
        .take(3)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(after_second.contains("无记名投票：仅记票数"), "{s}");
    assert!(!after_second.contains("李红"), "{after_second}");
}

#[test]
fn a_review_shows_the_reviewed_decision_at_once_and_follows_the_meeting() {
    let mut a = load(&panel("review"), Lang::Zh, common::START);
    in_meeting(&mut a);
    select(&mut a, "2026-010");
    run(&mut a, [Action::Enter]);
    let s = screen(&a, 80, 24);
    assert!(s.contains("复核: 2026-004: 待审议"), "{s}");
    run(&mut a, [Action::Back]);
    let rationale = "年度目标责任考核被评定为不称职，群众满意度不高，经组织认定予以调整，调整后另行安排适当工作岗位。";
    decide(&mut a, "2026-004", rationale);
    run(&mut a, [Action::Back]);
    select(&mut a, "2026-010");
    run(&mut a, [Action::Enter]);
    let s = screen(&a, 80, 24);
    assert!(!s.contains("待审议"), "{s}");
    let id = a.session.meeting.as_ref().expect("meeting").id.clone();
    assert!(
        joined(&s).contains(&joined(&format!("复核: {id} 2026-004"))),
        "{s}"
    );
    assert!(joined(&s).contains(rationale), "wrapped whole: {s}");
}

#[test]
fn a_case_decided_at_an_earlier_meeting_shows_that_record_read_only() {
    let dir = panel("earlier");
    let mut a = load(&dir, Lang::Zh, common::START);
    in_meeting(&mut a);
    select(&mut a, "2026-001");
    // D1 found tolerable, then voted and determined.
    run(&mut a, [Action::Enter, Action::Tab, Action::Left]);
    run(&mut a, [Action::Back]);
    decide(&mut a, "2026-001", "属先行先试的探索性失误，予以容错。");
    assert!(
        a.session
            .meeting
            .as_ref()
            .and_then(|m| m.record("2026-001"))
            .is_some_and(|r| !r.findings.is_empty()),
        "a finding recorded"
    );
    run(&mut a, [Action::Back, Action::Finalize, Action::Yes]);
    assert!(a.session.final_minutes.is_some(), "{:?}", a.message);
    docket::tui::save(&mut a);
    let earlier = a
        .session
        .final_minutes
        .as_ref()
        .expect("final")
        .meeting
        .id
        .clone();

    let mut b = load(&dir, Lang::Zh, 1_795_741_200);
    select(&mut b, "2026-001");
    run(&mut b, [Action::Enter]);
    vote_pane(&mut b);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&b, w, h);
        assert!(s.contains(&format!("会议 {earlier} 的记录（只读）")), "{s}");
        assert!(
            joined(&s).contains("属先行先试的探索性失误，予以容错。"),
            "{s}"
        );
        assert!(s.contains("第1轮"), "{s}");
        assert!(!s.contains("尚未表决"), "{s}");
        assert!(s.contains("[x]"), "the finding shows: {s}");
    }
}
