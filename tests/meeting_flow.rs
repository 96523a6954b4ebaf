//! Whole meetings run through `App::update` alone, as the terminal would drive them, with a
//! fixed clock and a private copy of the example panel per test. The assertions read the App
//! state, the minutes value and, where the wording matters, the minutes' YAML text.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use docket::domain::meeting::{CaseRecord, Side};
use docket::domain::pass_rule::PassRule;
use docket::domain::rules::{Method, Opinion};
use docket::domain::tally::Tally;
use docket::domain::text::Lang;
use docket::store::minutes::{self, Minutes, Seal};
use docket::tui::app::{Action, App, Ask, Clock, Confirm, FormField, Level, Pick, Popup, Screen};
use docket::tui::triage::Status;
use docket::tui::views::quorum_text;
use jiff::{SignedDuration, Timestamp};

use Opinion::{Abstain, Agree, Defer, Disagree};

const CHAIR: &str = "wang-jianguo";
/// The voting members in panel order, chair first; the clerk sun-li does not vote.
const VOTING: [&str; 6] = [
    "wang-jianguo",
    "li-hong",
    "zhang-wei",
    "zhao-min",
    "liu-zhiqiang",
    "chen-jing",
];
/// Every member, in panel order (the roll call's rows).
const MEMBERS: [&str; 7] = [
    "wang-jianguo",
    "li-hong",
    "zhang-wei",
    "zhao-min",
    "liu-zhiqiang",
    "chen-jing",
    "sun-li",
];
const NAMES: [&str; 7] = ["王建国", "李红", "张伟", "赵敏", "刘志强", "陈静", "孙丽"];

const CANCELLED: &str = "Cancelled: nothing was recorded.";
const OPEN_FIRST: &str =
    "Open a meeting first (m in the queue): outside a meeting cases are read-only.";
const FINALIZED: &str = "The minutes are finalized and read-only.";
const ROUND_OPEN: &str = "A round is open: close it (Enter) or void it (X) first";

// ---------------------------------------------------------------------------------------------
// The clock.

/// Returns the time it holds, then moves it on one minute. The test keeps a handle and can set
/// the next time an action will read.
#[derive(Clone)]
struct TestClock(Rc<Cell<Timestamp>>);

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        let t = self.0.get();
        self.0.set(t + SignedDuration::from_secs(60));
        t
    }
}

impl TestClock {
    /// The next reading, as a local time in the panel's zone (Asia/Shanghai, UTC+8).
    fn set(&self, local: &str) {
        let t: Timestamp = format!("{local}+08:00").parse().expect("timestamp");
        self.0.set(t);
    }
}

// ---------------------------------------------------------------------------------------------
// Setting up.

/// A fresh copy of panels/example for one test.
fn example_copy(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("meeting_flow")
        .join(name);
    common::example_into(&dir);
    dir
}

/// The example panel loaded in `lang`, with a clock that starts at 2026-11-27 09:00 (+08:00).
fn load(name: &str, lang: Lang) -> (App, TestClock) {
    let dir = example_copy(name);
    let mut err = Vec::new();
    let mut app = docket::tui::load_app(&dir, lang, &mut err)
        .expect("load")
        .unwrap_or_else(|| panic!("panel did not load: {}", String::from_utf8_lossy(&err)));
    assert!(err.is_empty(), "{}", String::from_utf8_lossy(&err));
    assert_eq!(app.message, None, "loading the example says nothing");
    assert_eq!(app.session.cases.len(), 18);
    let clock = TestClock(Rc::new(Cell::new(Timestamp::UNIX_EPOCH)));
    clock.set("2026-11-27T09:00:00");
    app.session.clock = Box::new(clock.clone());
    app.session.user = "clerk-on-duty".into();
    (app, clock)
}

// ---------------------------------------------------------------------------------------------
// Driving.

fn send(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        app.update(a);
    }
}

fn times(action: Action, n: usize) -> Vec<Action> {
    vec![action; n]
}

fn typ(app: &mut App, text: &str) {
    send(app, text.chars().map(Action::Char));
}

fn message(app: &App) -> Option<String> {
    app.message.as_ref().map(|(_, s)| s.clone())
}

fn warning(app: &App) -> String {
    match &app.message {
        Some((Level::Warn, s)) => s.clone(),
        other => panic!("expected a warning, got {other:?}"),
    }
}

fn row(id: &str) -> usize {
    MEMBERS
        .iter()
        .position(|m| *m == id)
        .unwrap_or_else(|| panic!("no member {id}"))
}

/// `m` in the queue, then the absent members toggled off with their reasons. Leaves the roll
/// open, cursor on the last row touched.
fn take_roll(app: &mut App, absent: &[(&str, &str)]) {
    if app.screen == Screen::Case {
        app.update(Action::Back);
    }
    app.update(Action::Meeting);
    assert_eq!(app.screen, Screen::Roll);
    for (id, reason) in absent {
        send(app, [Action::Top]);
        send(app, times(Action::Down, row(id)));
        send(app, [Action::Toggle, Action::AbsenceReason]);
        assert!(
            matches!(&app.popup, Some(Popup::Input { ask: Ask::AbsenceReason(m), .. }) if m == id)
        );
        typ(app, reason);
        app.update(Action::Enter);
        assert_eq!(app.popup, None);
    }
}

/// Opens the meeting with every member present except `absent` (with their reasons).
fn open_meeting(app: &mut App, absent: &[(&str, &str)]) {
    take_roll(app, absent);
    app.update(Action::Enter);
    assert_eq!(
        message(app).as_deref(),
        Some("Meeting opened. Open a case with Enter.")
    );
    assert!(app.session.in_meeting());
    assert_eq!(app.screen, Screen::Queue);
}

/// Selects a case in the queue by moving the cursor, and opens it.
fn select_case(app: &mut App, id: &str) {
    if app.screen == Screen::Case {
        app.update(Action::Back);
    }
    let i = app
        .session
        .cases
        .iter()
        .position(|c| c.case.id == id)
        .unwrap_or_else(|| panic!("no case {id}"));
    app.update(Action::Top);
    send(app, times(Action::Down, i));
    app.update(Action::Enter);
    assert_eq!(app.screen, Screen::Case);
    assert_eq!(app.case().map(|c| c.id.as_str()), Some(id));
}

/// Takes the open case up by its first recorded step: the presenter named. Reading a case
/// does not put it before the panel.
fn take_up(app: &mut App) {
    app.update(Action::Presenter);
    typ(app, "组织部干部科");
    app.update(Action::Enter);
    assert_eq!(app.message, None, "naming the presenter");
}

/// Opens a round on the current proposal (the case screen moves to its vote part).
fn open_round(app: &mut App) {
    app.update(Action::Vote);
    assert_eq!(app.message, None, "opening the round");
    assert!(app.round_open());
}

/// Records opinions in speaking order, from the member the cursor is on.
fn vote(app: &mut App, opinions: &[Opinion]) {
    for o in opinions {
        app.update(Action::Opinion(*o));
        assert_eq!(app.message, None, "recording {o:?}");
    }
}

/// Enter on the vote part, then y.
fn close_round(app: &mut App) -> bool {
    app.update(Action::Enter);
    assert_eq!(app.popup, Some(Popup::Confirm(Confirm::CloseRound)));
    app.update(Action::Yes);
    match message(app).as_deref() {
        Some(m) if m.ends_with("closed: the proposal passed.") => true,
        Some(m) if m.ends_with("closed: the proposal did not pass.") => false,
        other => panic!("closing the round said {other:?}"),
    }
}

/// D, the rationale typed, Enter, y.
fn determine(app: &mut App, rationale: &str) {
    app.update(Action::Determine);
    assert!(
        matches!(app.popup, Some(Popup::Determination { .. })),
        "{:?}",
        app.message
    );
    typ(app, rationale);
    app.update(Action::Enter);
    assert!(matches!(
        app.popup,
        Some(Popup::Confirm(Confirm::Determine { .. }))
    ));
    app.update(Action::Yes);
    assert_eq!(app.message, None);
}

/// The outcome the determination popup shows as due.
fn due_outcome(app: &mut App) -> String {
    app.update(Action::Determine);
    let out = match &app.popup {
        Some(Popup::Determination { outcome, .. }) => outcome.clone(),
        other => panic!("no determination popup: {other:?} {:?}", app.message),
    };
    app.update(Action::Back);
    assert_eq!(app.popup, None);
    out
}

fn minutes_of(app: &App) -> Minutes {
    app.session.minutes().expect("minutes")
}

fn record(app: &App, id: &str) -> CaseRecord {
    minutes_of(app)
        .cases
        .into_iter()
        .find(|c| c.case == id)
        .unwrap_or_else(|| panic!("{id} not in the minutes"))
}

fn voters(app: &App, id: &str) -> Vec<String> {
    app.session
        .meeting
        .as_ref()
        .expect("meeting")
        .voters(&app.session.panel, id)
}

fn header_quorum(app: &App) -> String {
    let q = app
        .session
        .meeting
        .as_ref()
        .expect("meeting")
        .quorum(&app.session.panel);
    quorum_text(&q, app.lang)
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn render(m: &Minutes) -> String {
    minutes::render(m).expect("render")
}

/// The YAML lines of one case record's rounds, up to its determinations.
fn rounds_yaml(text: &str, case: &str) -> String {
    let start = text
        .find(&format!("- case: '{case}'"))
        .or_else(|| text.find(&format!("- case: {case}")))
        .or_else(|| text.find(&format!("- case: \"{case}\"")))
        .unwrap_or_else(|| panic!("{case} not in\n{text}"));
    let rest = &text[start..];
    let from = rest.find("\n  rounds:").expect("rounds");
    let to = rest.find("\n  determinations:").expect("determinations");
    rest[from..to].to_string()
}

// ---------------------------------------------------------------------------------------------
// 1. Recusal.

#[test]
fn recusals_from_the_case_file_leave_the_voters_and_shrink_e_and_pe() {
    let (mut app, _clock) = load("recusal-file", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-014");
    take_up(&mut app);

    let r = record(&app, "2026-014");
    let recused: Vec<(&str, bool)> = r
        .recusals
        .iter()
        .map(|x| (x.member.as_str(), x.declared))
        .collect();
    assert_eq!(recused, [("zhang-wei", false), ("chen-jing", false)]);
    assert_eq!(
        r.recusals[0].reason,
        "当事人系其表弟，属三代以内旁系血亲，应当回避。"
    );
    assert_eq!(
        voters(&app, "2026-014"),
        ids(&["li-hong", "zhao-min", "liu-zhiqiang", CHAIR])
    );

    // Three of four entitled agree: 3·2 > 4 passes (it would not of six).
    open_round(&mut app);
    vote(&mut app, &[Agree, Agree, Disagree, Agree]);
    assert!(close_round(&mut app));

    let round = &record(&app, "2026-014").rounds[0];
    let voted: Vec<&str> = round.opinions.iter().map(|v| v.member.as_str()).collect();
    assert_eq!(voted, ["li-hong", "zhao-min", "liu-zhiqiang", CHAIR]);
    assert_eq!(
        round.tally,
        Tally {
            agree: 3,
            disagree: 1,
            defer: 0,
            abstain: 0
        }
    );
    let a = round.arithmetic.as_ref().expect("arithmetic");
    assert_eq!(
        (a.voting, a.entitled, a.present, a.present_entitled),
        (6, 4, 6, 4)
    );
    assert_eq!(a.recused, ids(&["zhang-wei", "chen-jing"]));
    assert_eq!(
        (a.quorum.as_str(), a.quorum_needed, a.quorum_met),
        ("2/3", 3, true)
    );
    assert_eq!(
        (a.rule, a.base, a.needed),
        (PassRule::MoreThanHalfOfEntitled, 4, 3)
    );
    assert_eq!(round.passed, Some(true));
    assert_eq!(round.proposal.outcome, "not_tolerate");
}

#[test]
fn a_recusal_declared_on_the_spot_is_recorded_and_refused_while_a_round_is_open() {
    let (mut app, _clock) = load("recusal-declared", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-001");
    take_up(&mut app);
    assert!(record(&app, "2026-001").recusals.is_empty());

    // The pick lists the voting members, not the clerk.
    app.update(Action::Recuse);
    match &app.popup {
        Some(Popup::Pick {
            pick: Pick::RecusedMember,
            items,
            cursor: 0,
        }) => assert_eq!(*items, ids(&VOTING)),
        other => panic!("no recusal pick: {other:?}"),
    }
    send(&mut app, times(Action::Down, 3));
    app.update(Action::Enter);
    assert!(
        matches!(&app.popup, Some(Popup::Input { ask: Ask::RecusalReason(m), .. }) if m == "zhao-min")
    );
    // No reason, no recusal.
    app.update(Action::Enter);
    assert_eq!(warning(&app), "A reason is required");
    assert!(record(&app, "2026-001").recusals.is_empty());

    app.update(Action::Recuse);
    send(&mut app, times(Action::Down, 3));
    app.update(Action::Enter);
    typ(&mut app, "当事人系其同学");
    app.update(Action::Enter);
    assert_eq!(app.message, None);
    let r = record(&app, "2026-001");
    assert_eq!(r.recusals.len(), 1);
    assert_eq!(r.recusals[0].member, "zhao-min");
    assert_eq!(r.recusals[0].reason, "当事人系其同学");
    assert!(r.recusals[0].declared);
    assert_eq!(
        voters(&app, "2026-001"),
        ids(&["li-hong", "zhang-wei", "liu-zhiqiang", "chen-jing", CHAIR])
    );

    // Once recused, not offered again.
    app.update(Action::Recuse);
    match &app.popup {
        Some(Popup::Pick { items, .. }) => assert!(!items.iter().any(|m| m == "zhao-min")),
        other => panic!("no recusal pick: {other:?}"),
    }
    app.update(Action::Back);

    // While a round is open, a recusal is refused.
    open_round(&mut app);
    app.update(Action::Recuse);
    app.update(Action::Down); // li-hong
    app.update(Action::Enter);
    typ(&mut app, "临时想起");
    app.update(Action::Enter);
    assert_eq!(warning(&app), ROUND_OPEN);
    assert_eq!(record(&app, "2026-001").recusals.len(), 1);

    // E = 5: three agree pass (3·2 > 5).
    vote(&mut app, &[Agree, Disagree, Agree, Disagree, Agree]);
    assert!(close_round(&mut app));
    let a = record(&app, "2026-001").rounds[0]
        .arithmetic
        .clone()
        .expect("arithmetic");
    assert_eq!((a.entitled, a.present_entitled, a.needed), (5, 5, 3));
    assert_eq!(a.recused, ids(&["zhao-min"]));

    let text = render(&minutes_of(&app));
    assert!(text.contains("declared: true"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// 2. A late arrival.

#[test]
fn a_late_arrival_is_a_movement_with_its_time_and_changes_the_quorum() {
    let (mut app, clock) = load("late-arrival", Lang::En);
    open_meeting(&mut app, &[("li-hong", "出差")]);
    let m = minutes_of(&app);
    assert_eq!(m.meeting.opened_at, "2026-11-27T09:00:00+08:00");
    assert_eq!(m.meeting.id, "2026-11-27-1");
    assert_eq!(m.attendance.absent.len(), 1);
    assert_eq!(m.attendance.absent[0].member, "li-hong");
    assert_eq!(m.attendance.absent[0].reason, "出差");
    assert_eq!((m.quorum.present, m.quorum.needed), (5, 4));
    assert_eq!(header_quorum(&app), "present 5 / needed 4 quorum met");

    // A case decided before she comes.
    select_case(&mut app, "2026-001");
    assert_eq!(
        voters(&app, "2026-001"),
        ids(&["zhang-wei", "zhao-min", "liu-zhiqiang", "chen-jing", CHAIR])
    );
    open_round(&mut app);
    vote(&mut app, &[Agree; 5]);
    assert!(close_round(&mut app));
    determine(&mut app, "before");

    // She arrives at 09:30.
    app.update(Action::Back);
    app.update(Action::Meeting);
    let roll = app.roll.clone().expect("roll");
    assert!(!roll.present[row("li-hong")]);
    assert_eq!(roll.reasons[row("li-hong")], "出差");
    clock.set("2026-11-27T09:30:00");
    send(&mut app, [Action::Down, Action::Toggle, Action::Enter]);
    assert_eq!(app.screen, Screen::Queue);
    assert_eq!(app.roll, None);

    let m = minutes_of(&app);
    assert_eq!(m.attendance.movements.len(), 1);
    let mv = &m.attendance.movements[0];
    assert_eq!(
        (mv.member.as_str(), mv.arrived, mv.at.as_str()),
        ("li-hong", true, "2026-11-27T09:30:00+08:00")
    );
    assert!(m.attendance.absent.is_empty());
    assert_eq!(m.attendance.present, ids(&MEMBERS));
    assert_eq!((m.quorum.present, m.quorum.needed), (6, 4));
    assert_eq!(header_quorum(&app), "present 6 / needed 4 quorum met");

    // A case decided after: she votes, and the determination lists her.
    select_case(&mut app, "2026-003");
    assert_eq!(
        voters(&app, "2026-003"),
        ids(&[
            "li-hong",
            "zhang-wei",
            "zhao-min",
            "liu-zhiqiang",
            "chen-jing",
            CHAIR
        ])
    );
    open_round(&mut app);
    vote(&mut app, &[Agree; 6]);
    assert!(close_round(&mut app));
    determine(&mut app, "after");

    let before = record(&app, "2026-001");
    let d = before.determination().expect("determination");
    assert_eq!(
        d.present,
        ids(&[
            CHAIR,
            "zhang-wei",
            "zhao-min",
            "liu-zhiqiang",
            "chen-jing",
            "sun-li"
        ])
    );
    let after = record(&app, "2026-003");
    assert_eq!(
        after.determination().expect("determination").present,
        ids(&MEMBERS)
    );
}

// ---------------------------------------------------------------------------------------------
// 3. A failed round, then a passed one.

#[test]
fn a_failed_round_then_a_new_proposal_that_passes_keeps_both_rounds() {
    let (mut app, _clock) = load("failed-then-passed", Lang::En);
    open_meeting(&mut app, &[]);

    // A case without a proposal cannot be voted on.
    select_case(&mut app, "2026-009");
    app.update(Action::Vote);
    assert_eq!(warning(&app), "No proposal yet: make one with p");
    // A refused step takes nothing up.
    assert!(minutes_of(&app).cases.iter().all(|c| c.case != "2026-009"));

    select_case(&mut app, "2026-001");
    take_up(&mut app);
    assert_eq!(
        record(&app, "2026-001").proposal.expect("proposal").outcome,
        "tolerate"
    );

    // Three of six agree: not more than half.
    open_round(&mut app);
    vote(&mut app, &[Agree, Disagree, Disagree, Agree, Defer, Agree]);
    // Neither a determination nor a new proposal while the round is open.
    app.update(Action::Determine);
    assert_eq!(warning(&app), ROUND_OPEN);
    assert_eq!(app.popup, None);
    assert!(!close_round(&mut app));
    assert!(!app.round_open());

    // A new proposal: mitigate, with its basis.
    app.update(Action::Proposal);
    match &app.popup {
        Some(Popup::Proposal {
            outcomes, cursor, ..
        }) => {
            assert_eq!(
                *outcomes,
                ids(&["tolerate", "mitigate", "not_tolerate", "defer"])
            );
            assert_eq!(*cursor, 0, "the cursor starts on the current proposal");
        }
        other => panic!("no proposal popup: {other:?}"),
    }
    app.update(Action::Down);
    // The basis field already holds the case's basis: replace it.
    send(&mut app, times(Action::Backspace, 400));
    typ(&mut app, "从轻处理");
    app.update(Action::Enter);
    assert_eq!(app.popup, None);
    assert_eq!(app.message, None);
    let p = record(&app, "2026-001").proposal.expect("proposal");
    assert_eq!(
        (p.outcome.as_str(), p.basis.as_str()),
        ("mitigate", "从轻处理")
    );

    open_round(&mut app);
    vote(&mut app, &[Agree, Agree, Disagree, Agree, Agree, Agree]);
    assert!(close_round(&mut app));
    assert_eq!(due_outcome(&mut app), "mitigate");
    determine(&mut app, "第二轮通过");

    let r = record(&app, "2026-001");
    let rounds: Vec<(u32, &str, Option<bool>, u32)> = r
        .rounds
        .iter()
        .map(|x| {
            (
                x.number,
                x.proposal.outcome.as_str(),
                x.passed,
                x.tally.agree,
            )
        })
        .collect();
    assert_eq!(
        rounds,
        [
            (1, "tolerate", Some(false), 3),
            (2, "mitigate", Some(true), 5)
        ]
    );
    assert_eq!(r.rounds[0].arithmetic.as_ref().map(|a| a.needed), Some(4));
    assert_eq!(r.rounds[0].tally.defer, 1);
    assert_eq!(r.determinations.len(), 1);
    assert_eq!(r.determination().expect("d").outcome, "mitigate");
}

// ---------------------------------------------------------------------------------------------
// 4. A voided round.

#[test]
fn a_voided_round_is_kept_with_its_reason_and_does_not_count() {
    let (mut app, clock) = load("voided", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-001");

    app.update(Action::Void);
    assert_eq!(warning(&app), "There is no round to void");

    open_round(&mut app);
    vote(&mut app, &[Agree; 6]);
    assert!(close_round(&mut app));
    assert_eq!(due_outcome(&mut app), "tolerate");

    // No reason: refused.
    app.update(Action::Void);
    assert!(matches!(
        &app.popup,
        Some(Popup::Input {
            ask: Ask::VoidReason(1),
            ..
        })
    ));
    app.update(Action::Enter);
    assert_eq!(warning(&app), "A reason is required");
    assert!(record(&app, "2026-001").rounds[0].void.is_none());

    app.update(Action::Void);
    typ(&mut app, "刘志强误报意见");
    app.update(Action::Enter);
    assert_eq!(
        app.popup,
        Some(Popup::Confirm(Confirm::Void {
            round: 1,
            reason: "刘志强误报意见".into()
        }))
    );
    clock.set("2026-11-27T10:15:00");
    app.update(Action::Yes);
    assert_eq!(app.message, None);

    let r = record(&app, "2026-001");
    assert_eq!(r.rounds.len(), 1);
    let round = &r.rounds[0];
    assert_eq!(round.passed, Some(true), "the result is kept");
    assert_eq!(round.opinions.len(), 6, "the opinions are kept");
    let void = round.void.as_ref().expect("void");
    assert_eq!(void.reason, "刘志强误报意见");
    assert_eq!(void.at, "2026-11-27T10:15:00+08:00");
    assert_eq!(r.passed_proposal(), None);

    // Voiding it again: nothing left to void.
    app.update(Action::Void);
    assert_eq!(warning(&app), "There is no round to void");

    // The determination cannot take the voided pass: the case is deferred.
    assert_eq!(due_outcome(&mut app), "defer");
    determine(&mut app, "表决作废，暂缓");
    assert_eq!(
        record(&app, "2026-001").determination().expect("d").outcome,
        "defer"
    );

    // A new round that passes counts, as round 2.
    open_round(&mut app);
    vote(&mut app, &[Agree; 6]);
    assert!(close_round(&mut app));
    let r = record(&app, "2026-001");
    assert_eq!(
        r.rounds.iter().map(|x| x.number).collect::<Vec<_>>(),
        [1, 2]
    );
    assert!(r.rounds[0].void.is_some() && r.rounds[1].void.is_none());
    assert_eq!(due_outcome(&mut app), "tolerate");

    let text = render(&minutes_of(&app));
    assert!(text.contains("reason: 刘志强误报意见"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// 5. A secret ballot.

/// Opens a meeting voting by secret ballot: Left on the roll wraps from named to secret.
fn open_secret_meeting(app: &mut App) {
    take_roll(app, &[]);
    app.update(Action::Left);
    assert_eq!(app.roll.as_ref().map(|r| r.method), Some(3));
    app.update(Action::Enter);
    assert!(app.session.in_meeting());
    assert_eq!(minutes_of(app).meeting.method, Method::Secret);
}

#[test]
fn the_roll_sets_a_secret_ballot_which_takes_counts_and_no_names() {
    let (mut app, _clock) = load("secret-method", Lang::En);
    take_roll(&mut app, &[]);
    // named → (Left wraps) secret → (Right) named → (Right ×3) secret.
    app.update(Action::Left);
    assert_eq!(app.roll.as_ref().map(|r| r.method), Some(3));
    app.update(Action::Right);
    assert_eq!(app.roll.as_ref().map(|r| r.method), Some(0));
    send(&mut app, times(Action::Right, 3));
    app.update(Action::Enter);
    assert!(app.session.in_meeting());
    assert_eq!(minutes_of(&app).meeting.method, Method::Secret);

    // Once open, the method is fixed.
    app.update(Action::Meeting);
    app.update(Action::Right);
    assert_eq!(
        warning(&app),
        "The voting method is fixed once the meeting is open."
    );
    app.update(Action::Back);
    assert_eq!(app.screen, Screen::Queue);

    select_case(&mut app, "2026-001");
    app.update(Action::Vote);
    assert!(app.round_open());
    let fields = match &app.popup {
        Some(Popup::Counts(form)) => form.fields.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
        other => panic!("no counts form: {other:?}"),
    };
    // The secret method of xinzhou-2017 allows agree, disagree and abstain.
    assert_eq!(
        fields,
        [FormField::Agree, FormField::Disagree, FormField::Abstain]
    );

    // Names cannot be recorded in a secret ballot.
    app.update(Action::Back);
    app.update(Action::Opinion(Agree));
    assert_eq!(
        warning(&app),
        "A secret ballot takes counts only (Enter to type them)"
    );
    assert!(record(&app, "2026-001").rounds[0].opinions.is_empty());
    app.update(Action::Enter);
    assert!(matches!(app.popup, Some(Popup::Counts(_))));
}

#[test]
fn a_secret_ballot_records_counts_only_and_refuses_too_many() {
    let (mut app, _clock) = load("secret", Lang::En);
    open_secret_meeting(&mut app);
    select_case(&mut app, "2026-001");
    app.update(Action::Vote);
    assert!(matches!(app.popup, Some(Popup::Counts(_))));

    // 5 + 2 = 7 counted, but only 6 are present and entitled.
    typ(&mut app, "5x"); // letters are not counts
    app.update(Action::Tab);
    typ(&mut app, "2");
    app.update(Action::Enter);
    assert_eq!(
        warning(&app),
        "7 votes counted, but only 6 members are present and entitled"
    );
    assert!(matches!(app.popup, Some(Popup::Counts(_))));
    assert_eq!(record(&app, "2026-001").rounds[0].tally, Tally::default());

    // 5 + 1 = 6.
    app.update(Action::Backspace);
    typ(&mut app, "1");
    app.update(Action::Enter);
    // The confirm carries the counts; nothing is in the round until `y`.
    assert_eq!(
        app.popup,
        Some(Popup::Confirm(Confirm::CloseSecret(Tally {
            agree: 5,
            disagree: 1,
            defer: 0,
            abstain: 0
        })))
    );
    app.update(Action::Yes);
    assert_eq!(
        message(&app).as_deref(),
        Some("Round 1 on 2026-001 closed: the proposal passed.")
    );

    let round = record(&app, "2026-001").rounds[0].clone();
    assert_eq!(round.method, Method::Secret);
    assert!(round.opinions.is_empty());
    assert_eq!(
        round.tally,
        Tally {
            agree: 5,
            disagree: 1,
            defer: 0,
            abstain: 0
        }
    );
    assert_eq!(round.passed, Some(true));
    let a = round.arithmetic.expect("arithmetic");
    assert_eq!((a.entitled, a.present_entitled, a.needed), (6, 6, 4));
    assert!(a.recused.is_empty());

    // The YAML of the round names nobody.
    let text = render(&minutes_of(&app));
    let rounds = rounds_yaml(&text, "2026-001");
    assert!(rounds.contains("method: secret"), "{rounds}");
    assert!(rounds.contains("opinions: []"), "{rounds}");
    for who in MEMBERS.iter().chain(NAMES.iter()) {
        assert!(
            !rounds.contains(who),
            "{who} in the secret round:\n{rounds}"
        );
    }

    // The limit is the case's PE: with two recused, 5 is too many.
    select_case(&mut app, "2026-014");
    app.update(Action::Vote);
    typ(&mut app, "5");
    app.update(Action::Enter);
    assert_eq!(
        warning(&app),
        "5 votes counted, but only 4 members are present and entitled"
    );
}

// ---------------------------------------------------------------------------------------------
// 6. A deferred case.

#[test]
fn a_case_without_quorum_cannot_vote_and_is_deferred() {
    let (mut app, _clock) = load("deferred", Lang::Zh);
    // Four of six present: the meeting has its quorum (4·3 ≥ 2·6).
    open_meeting_zh(&mut app, &[("li-hong", "病假"), ("zhao-min", "出差")]);
    let q = minutes_of(&app).quorum;
    assert_eq!((q.present, q.needed, q.met), (4, 4, true));

    // 2026-014: two of the four present are recused. E = 4, PE = 2 < 3.
    select_case(&mut app, "2026-014");
    take_up(&mut app);
    let c = app
        .session
        .meeting
        .as_ref()
        .expect("meeting")
        .counts(&app.session.panel, "2026-014");
    assert_eq!((c.entitled, c.present_entitled), (4, 2));
    app.update(Action::Vote);
    assert_eq!(
        warning(&app),
        "本案未达法定人数（到会且应参加 2 人，需 3 人），只能暂缓"
    );
    assert!(!app.round_open());
    assert!(record(&app, "2026-014").rounds.is_empty());

    assert_eq!(due_outcome(&mut app), "defer");
    determine(&mut app, "未达法定人数，暂缓审议");
    let d = record(&app, "2026-014")
        .determination()
        .cloned()
        .expect("determination");
    assert_eq!(d.outcome, "defer");
    assert_eq!(d.rationale, "未达法定人数，暂缓审议");
    // The recused (zhang-wei, chen-jing) stepped out: not among those present.
    assert_eq!(d.present, ids(&[CHAIR, "liu-zhiqiang", "sun-li"]));
}

/// `open_meeting` for a Chinese session.
fn open_meeting_zh(app: &mut App, absent: &[(&str, &str)]) {
    take_roll(app, absent);
    app.update(Action::Enter);
    assert_eq!(
        message(app).as_deref(),
        Some("会议开始。按 Enter 打开案件。")
    );
    assert!(app.session.in_meeting());
}

// ---------------------------------------------------------------------------------------------
// 7. An override.

#[test]
fn a_lenient_outcome_against_a_not_tolerable_finding_needs_an_override_reason() {
    let (mut app, _clock) = load("override", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-001");

    // D1 on its not-tolerable side.
    app.update(Action::Tab);
    app.update(Action::Right);
    assert_eq!(app.message, None);
    let f = record(&app, "2026-001").findings;
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].distinction.as_str(), f[0].side),
        ("D1", Side::NotTolerable)
    );

    open_round(&mut app);
    vote(&mut app, &[Agree; 6]);
    assert!(close_round(&mut app));

    app.update(Action::Determine);
    match &app.popup {
        Some(Popup::Determination { outcome, form }) => {
            assert_eq!(outcome, "tolerate");
            let kinds: Vec<FormField> = form.fields.iter().map(|(f, _)| *f).collect();
            assert_eq!(
                kinds,
                [
                    FormField::Rationale,
                    FormField::Dissent,
                    FormField::Override
                ]
            );
        }
        other => panic!("no determination popup: {other:?}"),
    }
    typ(&mut app, "属先行先试");
    app.update(Action::Enter);
    assert_eq!(
        warning(&app),
        "A distinction is found not tolerable: a lenient outcome needs an override reason"
    );
    match &app.popup {
        Some(Popup::Determination { form, .. }) => assert_eq!(form.focus, 2),
        other => panic!("the popup should stay open: {other:?}"),
    }
    assert!(record(&app, "2026-001").determinations.is_empty());

    typ(&mut app, "违纪情节轻微且已整改");
    app.update(Action::Enter);
    assert!(matches!(
        app.popup,
        Some(Popup::Confirm(Confirm::Determine { .. }))
    ));
    app.update(Action::Yes);
    let d = record(&app, "2026-001")
        .determination()
        .cloned()
        .expect("determination");
    assert_eq!(d.outcome, "tolerate");
    assert_eq!(d.rationale, "属先行先试");
    assert_eq!(d.override_reason, "违纪情节轻微且已整改");
    let text = render(&minutes_of(&app));
    assert!(
        text.contains("override_reason: 违纪情节轻微且已整改"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// 8. An amended determination.

#[test]
fn an_amended_determination_keeps_the_earlier_version() {
    let (mut app, _clock) = load("amended", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-001");
    open_round(&mut app);
    vote(&mut app, &[Agree; 6]);
    assert!(close_round(&mut app));

    determine(&mut app, "first version");
    let first_at = record(&app, "2026-001").determinations[0]
        .decided_at
        .clone();
    // The form opens with the standing text: amending starts from it.
    app.update(Action::Determine);
    match &app.popup {
        Some(Popup::Determination { form, .. }) => {
            assert_eq!(form.fields[0].1.text(), "first version")
        }
        other => panic!("no determination form: {other:?}"),
    }
    send(&mut app, times(Action::Backspace, "first version".len()));
    typ(&mut app, "second version");
    app.update(Action::Tab);
    typ(&mut app, "张伟保留意见");
    app.update(Action::Enter);
    app.update(Action::Yes);

    let r = record(&app, "2026-001");
    assert_eq!(r.determinations.len(), 2);
    assert_eq!(r.determinations[0].rationale, "first version");
    assert_eq!(r.determinations[0].decided_at, first_at);
    assert_eq!(r.determinations[0].dissent, "");
    assert_eq!(r.determinations[1].rationale, "second version");
    assert_eq!(r.determinations[1].dissent, "张伟保留意见");
    assert!(r.determinations[1].decided_at > first_at);
    assert_eq!(
        r.determination().map(|d| d.rationale.as_str()),
        Some("second version")
    );
    assert_eq!(r.rounds.len(), 1);

    let text = render(&minutes_of(&app));
    let a = text.find("first version").expect("first in YAML");
    let b = text.find("second version").expect("second in YAML");
    assert!(a < b);
}

// ---------------------------------------------------------------------------------------------
// 9. The chair votes last.

#[test]
fn the_chair_speaks_last() {
    let (mut app, _clock) = load("chair-last", Lang::En);
    // Naming an acting chair while the chair is present is refused.
    take_roll(&mut app, &[]);
    send(&mut app, [Action::Down, Action::ActingChair]);
    assert_eq!(
        warning(&app),
        "The chair is present: no acting chair is needed."
    );
    assert_eq!(app.roll.as_ref().and_then(|r| r.acting_chair.clone()), None);
    app.update(Action::Enter);
    assert!(app.session.in_meeting());

    select_case(&mut app, "2026-001");
    assert_eq!(
        voters(&app, "2026-001"),
        ids(&[
            "li-hong",
            "zhang-wei",
            "zhao-min",
            "liu-zhiqiang",
            "chen-jing",
            CHAIR
        ])
    );
    open_round(&mut app);
    send(&mut app, times(Action::Down, 5));
    app.update(Action::Opinion(Agree));
    assert_eq!(
        warning(&app),
        "The chair speaks last: record the other members first"
    );
    assert!(record(&app, "2026-001").rounds[0].opinions.is_empty());

    // Four of five others, then the chair: still refused.
    send(&mut app, times(Action::Up, 5));
    vote(&mut app, &[Agree, Agree, Agree, Agree]);
    send(&mut app, [Action::Down]);
    app.update(Action::Opinion(Agree));
    assert_eq!(
        warning(&app),
        "The chair speaks last: record the other members first"
    );
    send(&mut app, [Action::Up]);
    vote(&mut app, &[Disagree, Agree]);
    let order: Vec<String> = record(&app, "2026-001").rounds[0]
        .opinions
        .iter()
        .map(|v| v.member.clone())
        .collect();
    assert_eq!(order, voters(&app, "2026-001"));
    assert_eq!(order.last().map(String::as_str), Some(CHAIR));
}

#[test]
fn an_acting_chair_speaks_last_when_the_chair_is_absent() {
    let (mut app, _clock) = load("acting-chair", Lang::En);
    take_roll(&mut app, &[(CHAIR, "赴市里开会")]);
    // The clerk cannot act as chair.
    send(&mut app, [Action::Bottom, Action::ActingChair]);
    assert_eq!(
        warning(&app),
        "An acting chair must be a voting member who is present."
    );
    send(&mut app, [Action::Top]);
    send(&mut app, times(Action::Down, row("zhao-min")));
    app.update(Action::ActingChair);
    assert_eq!(
        app.roll.as_ref().and_then(|r| r.acting_chair.clone()),
        Some("zhao-min".into())
    );
    app.update(Action::Enter);
    assert!(app.session.in_meeting());
    let m = minutes_of(&app);
    assert_eq!(m.meeting.chair, CHAIR);
    assert_eq!(m.meeting.acting_chair.as_deref(), Some("zhao-min"));

    select_case(&mut app, "2026-001");
    assert_eq!(
        voters(&app, "2026-001"),
        ids(&[
            "li-hong",
            "zhang-wei",
            "liu-zhiqiang",
            "chen-jing",
            "zhao-min"
        ])
    );
    open_round(&mut app);
    send(&mut app, times(Action::Down, 4));
    app.update(Action::Opinion(Agree));
    assert_eq!(
        warning(&app),
        "The chair speaks last: record the other members first"
    );
    send(&mut app, times(Action::Up, 4));
    vote(&mut app, &[Agree, Agree, Agree, Agree, Agree]);
    assert!(close_round(&mut app));
    let order: Vec<String> = record(&app, "2026-001").rounds[0]
        .opinions
        .iter()
        .map(|v| v.member.clone())
        .collect();
    assert_eq!(
        order,
        ids(&[
            "li-hong",
            "zhang-wei",
            "liu-zhiqiang",
            "chen-jing",
            "zhao-min"
        ])
    );
}

// ---------------------------------------------------------------------------------------------
// 10. Confirm popups.

/// Sends `action` to the open confirm popup and checks that it cancelled: the confirm is
/// gone, and a form behind it (determination, secret counts) comes back as it was typed.
fn cancel_with(app: &mut App, action: Action) {
    let form_behind = match &app.popup {
        Some(Popup::Confirm(Confirm::Determine { .. })) => Some("determination"),
        Some(Popup::Confirm(Confirm::CloseSecret(_))) => Some("counts"),
        Some(Popup::Confirm(_)) => None,
        other => panic!("no confirm: {other:?}"),
    };
    app.update(action.clone());
    match (form_behind, &app.popup) {
        (None, None) => {}
        (Some("determination"), Some(Popup::Determination { .. })) => {}
        (Some("counts"), Some(Popup::Counts(_))) => {}
        (_, other) => panic!("{action:?} left {other:?}"),
    }
    assert_eq!(
        app.message,
        Some((Level::Info, CANCELLED.to_string())),
        "{action:?}"
    );
}

#[test]
fn only_yes_accepts_a_confirm() {
    let (mut app, _clock) = load("confirm", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-001");
    open_round(&mut app);
    vote(&mut app, &[Agree; 6]);

    // Closing the round.
    for no in [
        Action::Enter,
        Action::Char('y'),
        Action::Back,
        Action::Down,
        Action::Quit,
    ] {
        app.update(Action::Enter);
        assert_eq!(app.popup, Some(Popup::Confirm(Confirm::CloseRound)));
        cancel_with(&mut app, no);
        assert!(app.round_open(), "the round stays open");
        assert_eq!(record(&app, "2026-001").rounds[0].closed_at, None);
    }
    assert_eq!(app.screen, Screen::Case);
    assert!(close_round(&mut app));

    // The determination.
    for no in [Action::Enter, Action::Char('y'), Action::Tab] {
        app.update(Action::Determine);
        typ(&mut app, "rationale");
        app.update(Action::Enter);
        cancel_with(&mut app, no);
        assert!(record(&app, "2026-001").determinations.is_empty());
    }
    determine(&mut app, "rationale");
    assert_eq!(record(&app, "2026-001").determinations.len(), 1);

    // Voiding.
    for no in [Action::Enter, Action::Opinion(Agree), Action::Backspace] {
        app.update(Action::Void);
        typ(&mut app, "why");
        app.update(Action::Enter);
        cancel_with(&mut app, no);
        assert!(record(&app, "2026-001").rounds[0].void.is_none());
    }

    // Finalizing.
    app.update(Action::Back);
    for no in [Action::Enter, Action::Char('y'), Action::Finalize] {
        app.update(Action::Finalize);
        assert_eq!(app.popup, Some(Popup::Confirm(Confirm::Finalize)));
        cancel_with(&mut app, no);
        assert!(app.session.final_minutes.is_none());
        assert!(app.session.in_meeting());
    }
    app.update(Action::Finalize);
    app.update(Action::Yes);
    assert!(app.session.final_minutes.is_some());
}

#[test]
fn cancelling_the_close_of_a_secret_ballot_records_no_counts() {
    let (mut app, _clock) = load("confirm-secret", Lang::En);
    open_secret_meeting(&mut app);
    select_case(&mut app, "2026-001");
    app.update(Action::Vote);
    typ(&mut app, "4");
    app.update(Action::Tab);
    typ(&mut app, "2");
    app.update(Action::Enter);
    assert!(matches!(
        app.popup,
        Some(Popup::Confirm(Confirm::CloseSecret(_)))
    ));
    cancel_with(&mut app, Action::Enter);
    let round = record(&app, "2026-001").rounds[0].clone();
    assert!(round.is_open());
    assert_eq!(round.tally, Tally::default(), "cancelled: nothing recorded");
    let text = render(&minutes_of(&app));
    assert!(!text.contains("agree: 4"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// 11. Outside a meeting.

#[test]
fn outside_a_meeting_the_case_screen_is_read_only() {
    let (mut app, _clock) = load("read-only", Lang::En);
    app.update(Action::Finalize);
    assert_eq!(warning(&app), OPEN_FIRST);

    select_case(&mut app, "2026-001");
    let mut tries: Vec<(usize, Action)> = [
        Action::Vote,
        Action::Determine,
        Action::Recuse,
        Action::Proposal,
        Action::Presenter,
        Action::Item(1),
        Action::Void,
        Action::Basis,
    ]
    .into_iter()
    .map(|a| (0, a))
    .collect();
    // On the distinctions: placing or clearing a finding.
    tries.extend([Action::Left, Action::Right, Action::Toggle].map(|a| (1, a)));
    // On the vote part: an opinion, closing a round.
    tries.extend([Action::Opinion(Agree), Action::Enter].map(|a| (3, a)));
    for (part, action) in tries {
        // Back to the queue and in again: the case screen starts on the facts.
        send(&mut app, [Action::Back, Action::Enter]);
        send(&mut app, times(Action::Tab, part));
        app.update(action.clone());
        assert_eq!(
            app.message,
            Some((Level::Warn, OPEN_FIRST.to_string())),
            "{action:?}"
        );
        assert_eq!(app.popup, None, "{action:?}");
        assert!(app.session.meeting.is_none(), "{action:?}");
        assert!(app.session.minutes().is_none(), "{action:?}");
        assert!(!app.session.dirty, "{action:?}");
        assert_eq!(app.screen, Screen::Case);
    }

    // Moving around still works, silently.
    send(&mut app, [Action::Back, Action::Enter, Action::Tab]);
    app.update(Action::Down);
    assert_eq!(app.case_view.distinction, 1);
    assert_eq!(app.message, None);
}

// ---------------------------------------------------------------------------------------------
// 12. Finalize.

#[test]
fn finalized_minutes_verify_refuse_changes_and_name_a_tampered_case() {
    let (mut app, clock) = load("finalize", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-001");
    open_round(&mut app);
    vote(&mut app, &[Agree; 6]);
    assert!(close_round(&mut app));
    determine(&mut app, "case one AAA");

    select_case(&mut app, "2026-003");
    open_round(&mut app);
    vote(&mut app, &[Agree, Agree, Agree, Disagree, Agree, Agree]);
    assert!(close_round(&mut app));
    determine(&mut app, "case two BBB");

    // Not while a round is open.
    select_case(&mut app, "2026-005");
    open_round(&mut app);
    app.update(Action::Back);
    app.update(Action::Finalize);
    // Said before any y: no confirmation is offered while a round is open.
    assert_eq!(app.popup, None);
    assert_eq!(
        warning(&app),
        "A round is open on 2026-005: close or void it (X) before finalizing."
    );
    app.update(Action::Yes);
    assert!(app.session.final_minutes.is_none());
    assert!(app.session.in_meeting());
    // Opening a case with a round under way lands on its vote part.
    select_case(&mut app, "2026-005");
    vote(&mut app, &[Defer; 6]);
    assert!(!close_round(&mut app));

    app.update(Action::Back);
    app.update(Action::Finalize);
    clock.set("2026-11-27T11:45:00");
    app.update(Action::Yes);
    assert_eq!(
        message(&app).as_deref(),
        Some("Meeting closed and minutes finalized.")
    );
    assert!(!app.session.in_meeting());

    let m = minutes_of(&app);
    let f = m.finalization.clone().expect("finalization");
    let closed = m.meeting.closed_at.clone().expect("closed");
    assert_eq!(closed, f.at, "closed and sealed at the same moment");
    assert!(
        closed.as_str() >= "2026-11-27T11:45:00+08:00" && closed.as_str() < "2026-11-27T11:50",
        "{closed}"
    );
    assert_eq!(f.by, "sun-li");
    assert_eq!(f.user, "clerk-on-duty");
    assert_eq!(
        f.case_digests
            .iter()
            .map(|d| d.case.as_str())
            .collect::<Vec<_>>(),
        ["2026-001", "2026-003", "2026-005"]
    );
    let text = render(&m);
    assert_eq!(minutes::verify(&text, &m), Seal::Intact);
    let parsed = minutes::parse(&text).expect("parse");
    assert_eq!(parsed, m, "the YAML reads back as written");
    assert_eq!(minutes::verify(&text, &parsed), Seal::Intact);

    // Read-only from now on.
    select_case(&mut app, "2026-007");
    for action in [
        Action::Vote,
        Action::Determine,
        Action::Recuse,
        Action::Proposal,
    ] {
        app.update(action.clone());
        assert_eq!(warning(&app), FINALIZED, "{action:?}");
        assert_eq!(app.popup, None);
    }
    select_case(&mut app, "2026-001");
    app.update(Action::Determine);
    assert_eq!(warning(&app), FINALIZED);
    app.update(Action::Back);
    app.update(Action::Meeting);
    assert_eq!(warning(&app), FINALIZED);
    assert_eq!(app.screen, Screen::Queue);
    app.update(Action::Finalize);
    assert_eq!(warning(&app), FINALIZED);
    assert_eq!(minutes_of(&app), m, "nothing changed");

    // One byte changed in the second case record.
    assert_eq!(text.matches("case two BBB").count(), 1);
    let tampered = text.replacen("case two BBB", "case two BBC", 1);
    let t = minutes::parse(&tampered).expect("parse tampered");
    assert_eq!(
        minutes::verify(&tampered, &t),
        Seal::Broken(Some("2026-003".into()))
    );
    // One byte changed outside the cases.
    let tampered = text.replacen("clerk: sun-li", "clerk: sun-lj", 1);
    assert_ne!(tampered, text);
    let t = minutes::parse(&tampered).expect("parse tampered");
    assert_eq!(minutes::verify(&tampered, &t), Seal::Broken(None));
}

// ---------------------------------------------------------------------------------------------
// 13. Search.

#[test]
fn search_by_chinese_name_selects_the_first_match_and_steps_among_matches() {
    let (mut app, _clock) = load("search", Lang::Zh);
    let at = |app: &App| app.case().map(|c| c.id.clone()).unwrap_or_default();
    app.update(Action::Bottom);
    assert_eq!(at(&app), "2026-018");

    app.update(Action::Search);
    typ(&mut app, "郭志远");
    app.update(Action::Enter);
    assert_eq!(app.popup, None);
    assert_eq!(app.search.as_deref(), Some("郭志远"));
    assert_eq!(at(&app), "2026-004");

    app.update(Action::SearchNext);
    assert_eq!(at(&app), "2026-010");
    app.update(Action::SearchNext);
    assert_eq!(at(&app), "2026-004", "wraps around");
    app.update(Action::SearchPrev);
    assert_eq!(at(&app), "2026-010", "wraps back");
    app.update(Action::SearchPrev);
    assert_eq!(at(&app), "2026-004");
    assert_eq!(app.message, None);

    // Another subject's name: a single match.
    app.update(Action::Search);
    typ(&mut app, "杜明亮");
    app.update(Action::Enter);
    assert_eq!(at(&app), "2026-014");
    app.update(Action::SearchNext);
    assert_eq!(at(&app), "2026-014", "the only match");

    // No match: the selection stays, n says so.
    app.update(Action::Search);
    typ(&mut app, "无此人");
    app.update(Action::Enter);
    assert_eq!(at(&app), "2026-014");
    app.update(Action::SearchNext);
    assert_eq!(warning(&app), "没有匹配 `无此人` 的案件");
    assert_eq!(at(&app), "2026-014");

    // Enter opens the selected case.
    app.update(Action::Search);
    typ(&mut app, "郭志远");
    app.update(Action::Enter);
    app.update(Action::SearchNext);
    app.update(Action::Enter);
    assert_eq!(app.screen, Screen::Case);
    assert_eq!(at(&app), "2026-010");
}

#[test]
fn abstain_is_not_an_opinion_of_a_named_vote() {
    let (mut app, _clock) = load("abstain", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-001");
    open_round(&mut app);
    app.update(Action::Opinion(Abstain));
    assert_eq!(warning(&app), "This voting method does not allow `abstain`");
    assert!(record(&app, "2026-001").rounds[0].opinions.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Reconsidering a case decided at an earlier meeting (复议).

/// The example copy `name` reopened, as a new session would find it.
fn reopen(app: &App, clock: &TestClock) -> App {
    let mut err = Vec::new();
    let mut again = docket::tui::load_app(&app.session.dir, Lang::En, &mut err)
        .expect("load")
        .expect("panel opens");
    again.session.clock = Box::new(clock.clone());
    again.session.user = "clerk-on-duty".into();
    again
}

#[test]
fn a_decided_case_is_reconsidered_only_when_more_than_half_agree() {
    let (mut app, clock) = load("reconsider", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-001");
    open_round(&mut app);
    vote(&mut app, &[Agree; 6]);
    assert!(close_round(&mut app));
    determine(&mut app, "tolerated at the first meeting");
    send(&mut app, [Action::Back, Action::Finalize, Action::Yes]);
    assert!(app.session.final_minutes.is_some());
    save_minutes(&mut app);

    clock.set("2026-12-04T09:00:00");
    let mut app = reopen(&app, &clock);
    assert_eq!(app.session.history.len(), 1);
    // Four of the six voting members are present.
    open_meeting(&mut app, &[("li-hong", "sick"), ("zhao-min", "away")]);
    select_case(&mut app, "2026-001");
    // Nothing is taken up, and recording is refused until the members agree to reconsider.
    assert!(
        app.session
            .meeting
            .as_ref()
            .is_some_and(|m| m.record("2026-001").is_none())
    );
    app.update(Action::Vote);
    assert!(
        warning(&app).contains("reconsidering needs more than half"),
        "{}",
        warning(&app)
    );
    assert!(
        app.session
            .meeting
            .as_ref()
            .is_some_and(|m| m.record("2026-001").is_none())
    );
    // A named meeting: the members present are marked one by one. Three of six is not more
    // than half, and the list cannot hold more than the four present.
    app.update(Action::Reconsider);
    match &app.popup {
        Some(Popup::Consent { members, .. }) => assert_eq!(members.len(), 4),
        other => panic!("no consent list: {other:?}"),
    }
    send(
        &mut app,
        [
            Action::Toggle,
            Action::Down,
            Action::Toggle,
            Action::Down,
            Action::Toggle,
            Action::Enter,
        ],
    );
    assert!(
        warning(&app).contains("3 agree to reconsider; more than half (4) are needed"),
        "{}",
        warning(&app)
    );
    assert!(matches!(app.popup, Some(Popup::Consent { .. })));
    assert!(
        app.session
            .meeting
            .as_ref()
            .is_some_and(|m| m.record("2026-001").is_none())
    );
    // Four of six is, and the confirmation shows the rule's arithmetic first.
    send(&mut app, [Action::Down, Action::Toggle, Action::Enter]);
    match &app.popup {
        Some(Popup::Confirm(Confirm::Reconsider(c))) => {
            assert_eq!((c.agree, c.of, c.present), (4, 6, Some(4)))
        }
        other => panic!("no confirmation: {other:?}"),
    }
    app.update(Action::Yes);
    let r = record(&app, "2026-001");
    let rc = r.reconsideration.expect("reconsideration recorded");
    assert_eq!((rc.agree, rc.of), (4, 6));
    assert_eq!(
        rc.members,
        ids(&["wang-jianguo", "zhang-wei", "liu-zhiqiang", "chen-jing"])
    );
    assert_eq!(rc.decided_in, app.session.history[0].meeting.id);
    assert_eq!(rc.standing.as_deref(), Some("tolerate"));
    // A member counted in the consent cannot then step out of the case: the consent would
    // rest on someone with no say in it.
    let recusal = docket::domain::event::Event::Recusal {
        case: "2026-001".into(),
        member: "zhang-wei".into(),
        reason: "related".into(),
    };
    assert_eq!(
        app.session.commit(recusal),
        Err(docket::domain::meeting::Refusal::AgreedToReconsider(
            "zhang-wei".into()
        ))
    );
    open_round(&mut app);
    assert!(app.round_open());
}

#[test]
fn a_secret_consent_to_reconsider_is_at_most_the_members_present() {
    let (mut app, clock) = load("reconsider-secret", Lang::En);
    decide_and_finalize(&mut app, "2026-001");
    clock.set("2026-12-04T09:00:00");
    let mut app = reopen(&app, &clock);
    // Four of six present, voting by secret ballot.
    take_roll(&mut app, &[("li-hong", "sick"), ("zhao-min", "away")]);
    app.update(Action::Left);
    app.update(Action::Enter);
    select_case(&mut app, "2026-001");
    app.update(Action::Reconsider);
    assert!(matches!(
        app.popup,
        Some(Popup::Input {
            ask: Ask::ReconsiderAgree,
            ..
        })
    ));
    typ(&mut app, "5");
    app.update(Action::Enter);
    assert_eq!(
        warning(&app),
        "5 cannot agree: only 4 voting members are present"
    );
    // The count typed comes back to be corrected.
    assert!(matches!(app.popup, Some(Popup::Input { .. })));
    send(&mut app, [Action::Backspace]);
    typ(&mut app, "4");
    app.update(Action::Enter);
    app.update(Action::Yes);
    let rc = record(&app, "2026-001")
        .reconsideration
        .expect("reconsidered");
    assert_eq!((rc.agree, rc.present, rc.members.len()), (4, Some(4), 0));
}

/// Decides `case` (all six agree, tolerated) in a meeting of its own, finalizes and saves it.
fn decide_and_finalize(app: &mut App, case: &str) {
    open_meeting(app, &[]);
    select_case(app, case);
    open_round(app);
    vote(app, &[Agree; 6]);
    assert!(close_round(app));
    determine(app, "tolerated at the first meeting");
    send(app, [Action::Back, Action::Finalize, Action::Yes]);
    assert!(app.session.final_minutes.is_some());
    save_minutes(app);
}

#[test]
fn a_failed_reconsideration_leaves_the_earlier_decision_standing() {
    let (mut app, clock) = load("reconsider-fails", Lang::En);
    decide_and_finalize(&mut app, "2026-001");
    clock.set("2026-12-04T09:00:00");
    let mut app = reopen(&app, &clock);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-001");
    app.update(Action::Reconsider);
    send(&mut app, times(Action::Down, 0));
    for _ in 0..4 {
        send(&mut app, [Action::Toggle, Action::Down]);
    }
    send(&mut app, [Action::Enter, Action::Yes]);
    assert!(record(&app, "2026-001").reconsideration.is_some());
    assert_eq!(app.session.status("2026-001"), Status::InMeeting);
    // The new round fails: only a deferral is due, and recording it changes nothing.
    open_round(&mut app);
    vote(&mut app, &[Disagree; 6]);
    assert!(!close_round(&mut app));
    assert_eq!(due_outcome(&mut app), "defer");
    determine(&mut app, "no new decision");
    assert_eq!(app.session.status("2026-001"), Status::Decided);
    let s = app.session.standing("2026-001").expect("standing");
    assert_eq!(
        (s.meeting, s.determination.outcome.as_str()),
        (app.session.history[0].meeting.id.as_str(), "tolerate")
    );
    send(&mut app, [Action::Back, Action::Finalize, Action::Yes]);
    save_minutes(&mut app);
    // Every reader says the same after a restart: the queue, the report, the agenda.
    let again = reopen(&app, &clock);
    assert_eq!(again.session.status("2026-001"), Status::Decided);
    let report = again.session.report();
    assert_eq!(report.deferred, 0, "the deferral replaced nothing");
    assert_eq!(
        report.reconsidered, 1,
        "a reconsideration counts though it failed"
    );
    let pending = docket::print::agenda::pending(
        &again.session.panel.rules,
        &again.session.history,
        &again.session.cases,
    );
    assert!(pending.iter().all(|c| c.case.id != "2026-001"));
}

/// Writes the App's minutes as the terminal front end would after each action.
fn save_minutes(app: &mut App) {
    docket::tui::save(app);
    assert!(!app.session.dirty, "saved");
}

#[test]
fn the_minutes_pin_the_version_of_the_case_file_the_panel_saw() {
    let (mut app, _clock) = load("pinned_version", Lang::En);
    let path = app
        .session
        .cases
        .iter()
        .find(|c| c.case.id == "2026-001")
        .expect("case")
        .path
        .clone();
    let seen = std::fs::read(&path).expect("read case");
    open_meeting(&mut app, &[]);
    // Someone edits the file after docket read it and before the panel takes the case up.
    let mut changed = seen.clone();
    changed.extend_from_slice(b"\n# edited behind the panel's back\n");
    std::fs::write(&path, &changed).expect("write case");
    select_case(&mut app, "2026-001");
    take_up(&mut app);
    let pinned = record(&app, "2026-001").case_digest;
    assert_eq!(pinned, minutes::sha256_hex(&seen));
    assert_ne!(pinned, minutes::sha256_hex(&changed));
}

// ---------------------------------------------------------------------------------------------
// Decisions that stand only on what the meeting did.

#[test]
fn voiding_the_round_a_determination_rests_on_withdraws_it_in_the_same_step() {
    let (mut app, clock) = load("void-after-decision", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-003");
    open_round(&mut app);
    vote(&mut app, &[Agree; 6]);
    assert!(close_round(&mut app));
    determine(&mut app, "tolerated");
    assert_eq!(app.session.status("2026-003"), Status::Decided);

    app.update(Action::Void);
    typ(&mut app, "表决程序有误");
    app.update(Action::Enter);
    assert!(matches!(
        app.popup,
        Some(Popup::Confirm(Confirm::Void { round: 1, .. }))
    ));
    // The confirmation knows, before y, what the void takes with it.
    let m = app.session.meeting.as_ref().expect("meeting");
    assert!(m.withdrawn_by_void("2026-003", 1).is_some());
    clock.set("2026-11-27T11:00:00");
    app.update(Action::Yes);

    let r = record(&app, "2026-003");
    assert_eq!(r.determinations.len(), 1, "kept in the record");
    let w = r.determinations[0].withdrawn.as_ref().expect("withdrawn");
    assert_eq!(
        (w.round, w.reason.as_str(), w.at.as_str()),
        (1, "表决程序有误", "2026-11-27T11:00:00+08:00")
    );
    assert!(r.determination().is_none(), "no standing determination");
    assert_eq!(app.session.status("2026-003"), Status::InMeeting);
    // The report and the agenda no longer count it as decided.
    assert_eq!(app.session.report().cases, 0);
    // Finalizing names it as taken up without a determination.
    send(&mut app, [Action::Back, Action::Finalize]);
    assert!(matches!(app.popup, Some(Popup::Confirm(Confirm::Finalize))));
    app.update(Action::Back);
    // Decided again on a new round: version 2, which amends nothing (version 1 was withdrawn);
    // changing its text then is an amendment.
    select_case(&mut app, "2026-003");
    open_round(&mut app);
    vote(&mut app, &[Agree; 6]);
    assert!(close_round(&mut app));
    determine(&mut app, "tolerated on round 2");
    let r = record(&app, "2026-003");
    assert_eq!(r.determination_version(), Some(2));
    assert!(!r.determination_amends());
    app.update(Action::Determine);
    typ(&mut app, " (amended)");
    send(&mut app, [Action::Enter, Action::Yes]);
    assert!(record(&app, "2026-003").determination_amends());
}

#[test]
fn a_member_leaving_during_a_round_has_their_opinion_withdrawn_and_gives_it_again() {
    let (mut app, clock) = load("departure", Lang::En);
    // Five of six present; 2026-014 has two recused (zhang-wei, chen-jing): E 4, PE 3.
    open_meeting(&mut app, &[("zhao-min", "away")]);
    select_case(&mut app, "2026-014");
    open_round(&mut app);
    vote(&mut app, &[Agree]); // li-hong
    // li-hong leaves: the roll's Enter asks first, naming what happens to her opinion.
    take_roll(&mut app, &[("li-hong", "called away")]);
    app.update(Action::Enter);
    assert_eq!(
        app.popup,
        Some(Popup::Confirm(Confirm::Departures(vec!["li-hong".into()])))
    );
    clock.set("2026-11-27T10:30:00");
    app.update(Action::Yes);
    let r = record(&app, "2026-014");
    let round = r.open_round().expect("still open");
    assert!(round.opinions.is_empty(), "her opinion no longer counts");
    assert_eq!(round.tally.agree, 0);
    assert_eq!(round.withdrawn.len(), 1);
    assert_eq!(round.withdrawn[0].member, "li-hong");
    assert!(round.withdrawn[0].at.starts_with("2026-11-27T10:3"));
    // PE 2 of E 4, needed 3: the case lost its quorum, and the round says so.
    let lost = round.quorum_lost.as_ref().expect("quorum lost");
    assert_eq!((lost.present_entitled, lost.needed), (2, 3));
    // She returns and gives her opinion again.
    take_roll(&mut app, &[]);
    send(&mut app, [Action::Top]);
    send(&mut app, times(Action::Down, row("li-hong")));
    send(&mut app, [Action::Toggle, Action::Enter]);
    select_case(&mut app, "2026-014");
    let voters = voters(&app, "2026-014");
    assert!(voters.contains(&"li-hong".to_string()));
    vote(&mut app, &[Agree, Agree, Agree]);
    let round = record(&app, "2026-014")
        .open_round()
        .cloned()
        .expect("open");
    assert_eq!(round.tally.agree, 3);
    assert_eq!(round.withdrawn.len(), 1, "the trace stays");
}

#[test]
fn a_round_has_its_own_method_and_its_opinions_follow_it() {
    let (mut app, _clock) = load("round-method", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-001");
    // V: a show of hands this once, in a meeting voting by named roll call.
    app.update(Action::VoteMethod);
    match &app.popup {
        Some(Popup::Pick {
            pick: Pick::Method,
            items,
            cursor,
        }) => assert_eq!(items[*cursor], "named"),
        other => panic!("no method pick: {other:?}"),
    }
    send(&mut app, [Action::Down, Action::Enter]);
    assert!(app.round_open(), "{:?}", app.message);
    vote(&mut app, &[Agree; 6]);
    assert!(close_round(&mut app));
    // Then a secret ballot: counts only, no names.
    app.update(Action::VoteMethod);
    send(
        &mut app,
        [Action::Down, Action::Down, Action::Down, Action::Enter],
    );
    assert!(
        matches!(app.popup, Some(Popup::Counts(_))),
        "{:?}",
        app.popup
    );
    app.update(Action::Opinion(Agree));
    let r = record(&app, "2026-001");
    assert_eq!(r.rounds[0].method, Method::ShowOfHands);
    assert_eq!(r.rounds[1].method, Method::Secret);
    assert!(r.rounds[1].opinions.is_empty());
    assert_eq!(minutes_of(&app).meeting.method, Method::Named);
    let text = render(&minutes_of(&app));
    assert!(text.contains("method: show_of_hands"), "{text}");
    assert!(text.contains("method: secret"), "{text}");
}

#[test]
fn after_finalizing_m_opens_the_roll_call_of_the_next_meeting() {
    let (mut app, _clock) = load("next-meeting", Lang::En);
    decide_and_finalize(&mut app, "2026-001");
    let first = app.session.history.last().map_or_else(
        || {
            app.session
                .final_minutes
                .as_ref()
                .expect("final")
                .meeting
                .id
                .clone()
        },
        |m| m.meeting.id.clone(),
    );
    assert_eq!(first, "2026-11-27-1");
    app.update(Action::Meeting);
    assert_eq!(app.screen, Screen::Roll, "{:?}", app.message);
    app.update(Action::Enter);
    assert!(app.session.in_meeting());
    assert_eq!(minutes_of(&app).meeting.id, "2026-11-27-2");
    // The first meeting's decision stands in the new one: the case needs reconsidering.
    assert_eq!(app.session.status("2026-001"), Status::Decided);
    select_case(&mut app, "2026-001");
    app.update(Action::Vote);
    assert!(warning(&app).contains("Decided at meeting 2026-11-27-1"));
}

#[test]
fn before_take_up_the_recusal_list_leaves_out_the_conflicts_of_the_case_file() {
    let (mut app, _clock) = load("recuse-before-take-up", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-014");
    app.update(Action::Recuse);
    match &app.popup {
        Some(Popup::Pick { items, .. }) => {
            assert_eq!(
                items,
                &ids(&["wang-jianguo", "li-hong", "zhao-min", "liu-zhiqiang"])
            )
        }
        other => panic!("no pick: {other:?}"),
    }
    // Opening the list recorded nothing.
    assert!(minutes_of(&app).cases.is_empty());
}

#[test]
fn a_recusal_after_the_member_spoke_in_a_standing_round_waits_for_its_void() {
    let (mut app, _clock) = load("recuse-after-vote", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-001");
    open_round(&mut app);
    vote(&mut app, &[Agree; 6]);
    assert!(close_round(&mut app));
    app.update(Action::Recuse);
    app.update(Action::Enter); // the first listed: the chair
    typ(&mut app, "系当事人亲属");
    app.update(Action::Enter);
    assert_eq!(
        warning(&app),
        "王建国 gave an opinion in round 1: void that round (X) before recording the recusal"
    );
    assert!(record(&app, "2026-001").recusals.is_empty());
    // Once the round is voided, the recusal is recorded.
    app.update(Action::Void);
    typ(&mut app, "应回避成员参与表决");
    send(
        &mut app,
        [Action::Enter, Action::Yes, Action::Recuse, Action::Enter],
    );
    typ(&mut app, "系当事人亲属");
    app.update(Action::Enter);
    assert_eq!(record(&app, "2026-001").recusals.len(), 1);
}

#[test]
fn a_reconsideration_starts_from_the_decision_that_stands() {
    let (mut app, clock) = load("reconsider-carry", Lang::En);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-001");
    // D1 found tolerable, and a proposal other than the file's.
    send(
        &mut app,
        [
            Action::Tab,
            Action::Left,
            Action::Proposal,
            Action::Down,
            Action::Enter,
        ],
    );
    let passed = record(&app, "2026-001").proposal.expect("proposal").outcome;
    assert_ne!(passed, "tolerate");
    open_round(&mut app);
    vote(&mut app, &[Agree; 6]);
    assert!(close_round(&mut app));
    determine(&mut app, "decided on a changed proposal");
    send(&mut app, [Action::Back, Action::Finalize, Action::Yes]);
    save_minutes(&mut app);
    clock.set("2026-12-04T09:00:00");
    let mut app = reopen(&app, &clock);
    open_meeting(&mut app, &[]);
    select_case(&mut app, "2026-001");
    app.update(Action::Reconsider);
    for _ in 0..4 {
        send(&mut app, [Action::Toggle, Action::Down]);
    }
    send(&mut app, [Action::Enter, Action::Yes]);
    let r = record(&app, "2026-001");
    assert!(r.reconsideration.is_some());
    assert_eq!(r.proposal.map(|p| p.outcome), Some(passed));
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].side, Side::Tolerable);
}

#[test]
fn a_member_returning_after_the_chair_spoke_hears_the_chair_speak_last_again() {
    let (mut app, _clock) = load("chair-last-return", Lang::En);
    open_meeting(&mut app, &[("zhao-min", "away")]);
    select_case(&mut app, "2026-001");
    open_round(&mut app);
    // Four of five speak, then the chair; 赵敏 returns before the close.
    vote(&mut app, &[Agree, Agree, Agree, Agree, Agree]);
    let r = record(&app, "2026-001");
    let round = r.open_round().expect("open");
    assert_eq!(
        round.opinions.last().map(|o| o.member.as_str()),
        Some(CHAIR)
    );
    take_roll(&mut app, &[]);
    send(&mut app, [Action::Top]);
    send(&mut app, times(Action::Down, row("zhao-min")));
    send(&mut app, [Action::Toggle, Action::Enter]);
    let r = record(&app, "2026-001");
    let round = r.open_round().expect("still open");
    assert!(
        round.opinions.iter().all(|o| o.member != CHAIR),
        "the chair speaks again"
    );
    assert!(round.withdrawn.iter().any(|w| w.member == CHAIR));
    // 赵敏, then the chair: the chair last again.
    select_case(&mut app, "2026-001");
    vote(&mut app, &[Disagree, Agree]);
    let r = record(&app, "2026-001");
    let order: Vec<&str> = r.rounds[0]
        .opinions
        .iter()
        .map(|o| o.member.as_str())
        .collect();
    assert_eq!(order.last(), Some(&CHAIR));
    assert!(order.contains(&"zhao-min"));
}
