//! `docket report`: every figure checked against counts kept by the generator of a fixture of
//! 200+ decided cases, the CSV's defences, date filtering, and snapshots of the layouts.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use docket::domain::meeting::{
    Attendance, CaseRecord, Determination, Finding, Meeting, Reconsideration, Side, Subject,
};
use docket::domain::rules::Method;
use docket::domain::text::Lang;
use docket::report::{self, Format, Range};
use docket::store::minutes::{self, Minutes};
use jiff::civil::{Date, DateTime};
use unicode_width::UnicodeWidthStr;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("report")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("cases")).expect("scratch dir");
    std::fs::copy(
        root().join("panels/example/panel.yaml"),
        dir.join("panel.yaml"),
    )
    .expect("copy panel.yaml");
    dir
}

fn docket(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docket"))
        .current_dir(root())
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env("TZ", "UTC")
        .output()
        .expect("run docket")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// A small deterministic generator: the fixture is the same on every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// 0..n
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

const TOLERANCE_OUTCOMES: [&str; 4] = ["tolerate", "mitigate", "not_tolerate", "defer"];
const ADJUSTMENT_OUTCOMES: [&str; 5] =
    ["remove", "adjust", "hold_accountable", "no_action", "defer"];
const SITUATIONS: [&str; 9] = ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9"];
const GROUNDS: [&str; 4] = ["G1", "G2", "G3", "G4"];
/// Unit names, among them what a spreadsheet would run as formulas and what needs quoting.
const UNITS: [&str; 11] = [
    "南河镇人民政府",
    "县应急管理局",
    "东关镇党委",
    "柳泉乡人民政府",
    "县自然资源局",
    "青石镇党委",
    "县农业农村局, 驻村工作队",
    "=HYPERLINK(\"x\")",
    "-1",
    "@县\"水务\"局",
    "县\u{1b}[2J\u{202e}审计局",
];

fn outcomes(kind: &str) -> &'static [&'static str] {
    if kind == "tolerance" {
        &TOLERANCE_OUTCOMES
    } else {
        &ADJUSTMENT_OUTCOMES
    }
}

fn items(kind: &str) -> &'static [&'static str] {
    if kind == "tolerance" {
        &SITUATIONS
    } else {
        &GROUNDS
    }
}

/// A random subset of `from`, in their order, of `min..=max` elements.
fn subset(rng: &mut XorShift, from: &[&str], min: usize, max: usize) -> Vec<String> {
    let n = min + rng.below(max - min + 1);
    let mut picked = BTreeSet::new();
    while picked.len() < n.min(from.len()) {
        picked.insert(rng.below(from.len()));
    }
    picked.into_iter().map(|i| from[i].to_string()).collect()
}

#[derive(Clone, Debug)]
struct GenCase {
    id: String,
    kind: &'static str,
    unit: String,
    received: Date,
    claimed: Vec<String>,
    review_of: Option<String>,
    /// false: the case file is gone by the time of the report.
    file: bool,
}

#[derive(Clone, Debug)]
struct Decision {
    case: usize,
    outcome: String,
    at: String,
    date: Date,
    found: Vec<String>,
    override_reason: String,
    /// Taken up again after a decision at an earlier meeting (复议).
    reconsidered: Option<String>,
    /// An earlier version of the determination in the same record, superseded.
    amended_from: Option<String>,
}

#[derive(Clone, Debug)]
struct GenMeeting {
    id: String,
    start: DateTime,
    finalized: bool,
    decisions: Vec<Decision>,
    /// Cases taken up again but not yet decided: their earlier decision stands.
    undecided: Vec<usize>,
}

struct Fixture {
    dir: PathBuf,
    cases: Vec<GenCase>,
    meetings: Vec<GenMeeting>,
}

fn is_deferral(outcome: &str) -> bool {
    outcome == "defer"
}

fn is_lenient(outcome: &str) -> bool {
    outcome == "tolerate" || outcome == "mitigate"
}

/// The model of the fixture: cases and what each meeting decided, kept by the generator.
fn generate() -> (Vec<GenCase>, Vec<GenMeeting>) {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let first_received = Date::constant(2025, 10, 1);
    let mut cases: Vec<GenCase> = (0..280)
        .map(|i| {
            let kind = if rng.below(5) < 3 {
                "tolerance"
            } else {
                "adjustment"
            };
            GenCase {
                id: format!("2026-{:03}", i + 1),
                kind,
                unit: UNITS[rng.below(UNITS.len())].to_string(),
                received: first_received
                    .checked_add(jiff::Span::new().days(rng.below(300) as i64))
                    .expect("date"),
                claimed: subset(&mut rng, items(kind), 1, 2),
                review_of: None,
                file: true,
            }
        })
        .collect();
    // Meetings across eight months; two on one day; one that runs past midnight, so a date
    // is the local one of `decided_at`; the last one still open.
    let starts = [
        ("2026-01-15-1", "2026-01-15T09:00"),
        ("2026-02-12-1", "2026-02-12T09:00"),
        ("2026-03-19-1", "2026-03-19T09:00"),
        ("2026-03-19-2", "2026-03-19T15:00"),
        ("2026-04-30-1", "2026-04-30T21:00"),
        ("2026-05-21-1", "2026-05-21T09:00"),
        ("2026-06-18-1", "2026-06-18T09:00"),
        ("2026-07-16-1", "2026-07-16T09:00"),
        ("2026-08-20-1", "2026-08-20T09:00"),
    ];
    let mut meetings: Vec<GenMeeting> = starts
        .iter()
        .enumerate()
        .map(|(i, (id, start))| GenMeeting {
            id: id.to_string(),
            start: start.parse().expect("start time"),
            finalized: i + 1 < starts.len(),
            decisions: Vec::new(),
            undecided: Vec::new(),
        })
        .collect();
    // Review cases (复核): late cases that review an earlier case of their kind.
    for i in (230..280).step_by(4) {
        let target = (0..120)
            .map(|_| rng.below(120))
            .find(|&t| cases[t].kind == cases[i].kind)
            .expect("a case of the same kind");
        cases[i].review_of = Some(cases[target].id.clone());
    }

    // The queue: current[i] = (meeting, outcome) of case i's standing decision.
    let mut standing: Vec<Option<(usize, String)>> = vec![None; cases.len()];
    for m in 0..meetings.len() {
        let day = meetings[m].start.date();
        let mut taken = Vec::new();
        for (i, c) in cases.iter().enumerate() {
            let ready = c
                .received
                .checked_add(jiff::Span::new().days(7))
                .expect("date")
                <= day;
            let open = standing[i]
                .as_ref()
                .is_none_or(|(_, outcome)| is_deferral(outcome));
            // A review waits until the case it reviews stands decided at an earlier meeting.
            let target_ready = c.review_of.as_ref().is_none_or(|t| {
                let ti = cases.iter().position(|x| &x.id == t).expect("target");
                standing[ti]
                    .as_ref()
                    .is_some_and(|(mm, o)| *mm < m && !is_deferral(o))
            });
            if ready && open && target_ready && taken.len() < 40 && !rng.one_in(8) {
                taken.push((i, None));
            }
        }
        // Some decided cases are reconsidered (复议) at a later meeting.
        if m > 0 {
            for _ in 0..3 {
                let i = rng.below(cases.len());
                if let Some((mm, o)) = &standing[i]
                    && *mm < m
                    && !is_deferral(o)
                    && !taken.iter().any(|(t, _)| *t == i)
                {
                    taken.push((i, Some(meetings[*mm].id.clone())));
                }
            }
        }
        let mut minute = 0;
        for (i, reconsidered) in taken {
            let kind = cases[i].kind;
            // The open meeting has taken some cases up without deciding them yet.
            if !meetings[m].finalized && rng.one_in(6) {
                meetings[m].undecided.push(i);
                continue;
            }
            minute += 5;
            let dt = meetings[m]
                .start
                .checked_add(jiff::Span::new().minutes(minute))
                .expect("time");
            let outs = outcomes(kind);
            let outcome = if rng.one_in(7) {
                "defer".to_string()
            } else {
                outs[rng.below(outs.len() - 1)].to_string()
            };
            let override_reason = if is_lenient(&outcome) && rng.one_in(5) {
                "当事人主动挽回损失，经集体研究仍予从宽".to_string()
            } else {
                String::new()
            };
            let amended_from = rng
                .one_in(9)
                .then(|| outs[rng.below(outs.len())].to_string());
            let found = if rng.one_in(5) {
                Vec::new()
            } else {
                subset(&mut rng, items(kind), 1, 2)
            };
            standing[i] = Some((m, outcome.clone()));
            meetings[m].decisions.push(Decision {
                case: i,
                outcome,
                at: format!("{dt}+08:00"),
                date: dt.date(),
                found,
                override_reason,
                reconsidered,
                amended_from,
            });
        }
    }
    // Some case files are gone by the time of the report (never a review or its target).
    let targets: BTreeSet<String> = cases.iter().filter_map(|c| c.review_of.clone()).collect();
    let mut gone = 0;
    for c in cases.iter_mut().skip(3).step_by(37) {
        if c.review_of.is_none() && !targets.contains(&c.id) {
            c.file = false;
            gone += 1;
        }
    }
    assert!(gone >= 5, "some case files are gone: {gone}");
    (cases, meetings)
}

fn case_yaml(c: &GenCase) -> String {
    let mut m = serde_yaml::Mapping::new();
    let mut put = |k: &str, v: serde_yaml::Value| {
        m.insert(serde_yaml::Value::String(k.into()), v);
    };
    let s = |x: &str| serde_yaml::Value::String(x.to_string());
    put("id", s(&c.id));
    put("kind", s(c.kind));
    put("title", s(&format!("{} 案件 {}", c.unit, c.id)));
    let mut subject = serde_yaml::Mapping::new();
    subject.insert(s("name"), s("测试人"));
    subject.insert(s("position"), s("副职"));
    subject.insert(s("unit"), s(&c.unit));
    put("subject", serde_yaml::Value::Mapping(subject));
    put("received", s(&c.received.to_string()));
    put("summary", s("生成的测试案件。"));
    put(
        "claimed",
        serde_yaml::Value::Sequence(c.claimed.iter().map(|x| s(x)).collect()),
    );
    if let Some(r) = &c.review_of {
        put("review_of", s(r));
    }
    serde_yaml::to_string(&serde_yaml::Value::Mapping(m)).expect("case yaml")
}

const MEMBERS: [&str; 7] = [
    "wang-jianguo",
    "li-hong",
    "zhang-wei",
    "zhao-min",
    "liu-zhiqiang",
    "chen-jing",
    "sun-li",
];

fn determination(outcome: &str, at: &str, override_reason: &str) -> Determination {
    Determination {
        outcome: outcome.to_string(),
        round: None,
        rationale: "经集体研究决定。".into(),
        dissent: String::new(),
        override_reason: override_reason.to_string(),
        decided_at: at.to_string(),
        present: MEMBERS.iter().map(|m| m.to_string()).collect(),
        withdrawn: None,
    }
}

fn record(c: &GenCase) -> CaseRecord {
    CaseRecord {
        case: c.id.clone(),
        kind: c.kind.to_string(),
        title: format!("{} 案件 {}", c.unit, c.id),
        subject: Subject {
            name: "测试人".into(),
            position: "副职".into(),
            unit: c.unit.clone(),
        },
        case_digest: "0".repeat(64),
        review_of: c.review_of.clone(),
        review_of_meeting: None,
        presenter: None,
        proposal: None,
        recusals: Vec::new(),
        findings: Vec::new(),
        found: Vec::new(),
        rounds: Vec::new(),
        determinations: Vec::new(),
        reconsideration: None,
    }
}

/// Writes the model as a panel folder: case files, and minutes through docket's own types.
fn write_fixture(name: &str) -> Fixture {
    let dir = scratch(name);
    let (cases, meetings) = generate();
    for c in cases.iter().filter(|c| c.file) {
        std::fs::write(
            dir.join("cases").join(format!("{}.yaml", c.id)),
            case_yaml(c),
        )
        .expect("write case");
    }
    let loaded = docket::config::load_panel(&dir);
    let p = loaded.panel.as_ref().expect("the fixture's panel loads");
    for gm in &meetings {
        let mut recs = Vec::new();
        for d in &gm.decisions {
            let mut r = record(&cases[d.case]);
            r.found = d.found.clone();
            if !d.override_reason.is_empty() {
                r.findings.push(Finding {
                    distinction: "D1".into(),
                    side: Side::NotTolerable,
                    basis: String::new(),
                });
            }
            if let Some(prev) = &d.amended_from {
                r.determinations.push(determination(prev, &d.at, ""));
            }
            r.determinations
                .push(determination(&d.outcome, &d.at, &d.override_reason));
            r.reconsideration = d.reconsidered.as_ref().map(|from| Reconsideration {
                decided_in: from.clone(),
                standing: None,
                agree: 4,
                of: 6,
                present: None,
                method: None,
                members: Vec::new(),
                at: d.at.clone(),
            });
            recs.push(r);
        }
        for &i in &gm.undecided {
            recs.push(record(&cases[i]));
        }
        let opened = format!("{}+08:00", gm.start);
        let meeting = Meeting {
            id: gm.id.clone(),
            opened_at: opened.clone(),
            closed_at: gm.finalized.then(|| opened.clone()),
            chair: "wang-jianguo".into(),
            acting_chair: None,
            clerk: Some("sun-li".into()),
            method: Method::Named,
            attendance: Attendance {
                present: MEMBERS.iter().map(|m| m.to_string()).collect(),
                ..Attendance::default()
            },
            cases: recs,
        };
        let mut m = Minutes::new(p, &meeting);
        if gm.finalized {
            minutes::finalize(&mut m, "sun-li", "clerk", &opened).expect("finalize");
        }
        minutes::write(&minutes::path_for(&dir, &gm.id), &m).expect("write minutes");
    }
    Fixture {
        dir,
        cases,
        meetings,
    }
}

/// (section, key) → (count, extra): one CSV line of the report.
type Figures = BTreeMap<(String, String), (i64, Option<i64>)>;

/// What the report must say, computed from the model alone.
fn expected(f: &Fixture, range: Range) -> Figures {
    let mut out = Figures::new();
    let mut put = |s: &str, k: &str, count: usize, extra: Option<usize>| {
        out.insert(
            (s.to_string(), defused(k)),
            (count as i64, extra.map(|e| e as i64)),
        );
    };
    // The standing decision of each case: the last meeting that decided it wins, except
    // that a deferral never replaces a decision (a reconsideration that reached none).
    let mut current: BTreeMap<usize, &Decision> = BTreeMap::new();
    for m in &f.meetings {
        for d in &m.decisions {
            let keeps = current
                .get(&d.case)
                .is_some_and(|was| !is_deferral(&was.outcome) && is_deferral(&d.outcome));
            if !keeps {
                current.insert(d.case, d);
            }
        }
    }
    let reviewed_targets: BTreeSet<&str> = current
        .keys()
        .filter_map(|&i| f.cases[i].review_of.as_deref())
        .collect();
    let in_range: Vec<(&GenCase, &Decision)> = current
        .iter()
        .filter(|(_, d)| range.contains(d.date))
        .map(|(&i, d)| (&f.cases[i], *d))
        .collect();
    let count = |pred: &dyn Fn(&GenCase, &Decision) -> bool| {
        in_range.iter().filter(|(c, d)| pred(c, d)).count()
    };
    put("overview", "cases", in_range.len(), None);
    put(
        "overview",
        "deferred",
        count(&|_, d| is_deferral(&d.outcome)),
        None,
    );
    put(
        "overview",
        "reviewing",
        count(&|c, _| c.review_of.is_some()),
        None,
    );
    put(
        "overview",
        "reviewed",
        count(&|c, _| reviewed_targets.contains(c.id.as_str())),
        None,
    );
    put(
        "overview",
        "overridden",
        count(&|_, d| !d.override_reason.is_empty()),
        None,
    );
    // Every reconsideration agreed to, whether or not it changed the decision.
    let reconsidered: BTreeSet<usize> = f
        .meetings
        .iter()
        .flat_map(|m| &m.decisions)
        .filter(|d| d.reconsidered.is_some())
        .map(|d| d.case)
        .collect();
    put(
        "overview",
        "reconsidered",
        in_range
            .iter()
            .filter(|(c, _)| {
                f.cases
                    .iter()
                    .position(|x| std::ptr::eq(x, *c))
                    .is_some_and(|i| reconsidered.contains(&i))
            })
            .count(),
        None,
    );
    // No working state in the fixture: nothing held.
    put("overview", "held", 0, None);
    put("overview", "corrections", 0, None);
    put("overview", "minutes", f.meetings.len(), None);
    put(
        "overview",
        "not_final",
        f.meetings.iter().filter(|m| !m.finalized).count(),
        None,
    );
    let gone = count(&|c, _| !c.file);
    if gone > 0 {
        put("overview", "no_case_file", gone, None);
    }
    for kind in ["tolerance", "adjustment"] {
        put("kind", kind, count(&|c, _| c.kind == kind), None);
        for o in outcomes(kind) {
            put(
                &format!("outcome:{kind}"),
                o,
                count(&|c, d| c.kind == kind && d.outcome == *o),
                None,
            );
        }
        for it in items(kind) {
            let found = count(&|c, d| c.kind == kind && d.found.iter().any(|x| x == it));
            let claimed =
                count(&|c, _| c.kind == kind && c.file && c.claimed.iter().any(|x| x == it));
            put(&format!("found:{kind}"), it, found, Some(claimed));
        }
    }
    let mut units: BTreeMap<&str, usize> = BTreeMap::new();
    let mut months: BTreeMap<String, usize> = BTreeMap::new();
    let mut days = Vec::new();
    let mut skipped = 0;
    for (c, d) in &in_range {
        *units.entry(c.unit.as_str()).or_default() += 1;
        *months
            .entry(format!("{:04}-{:02}", d.date.year(), d.date.month()))
            .or_default() += 1;
        if !is_deferral(&d.outcome) {
            if c.file {
                days.push((d.date - c.received).get_days() as usize);
            } else {
                skipped += 1;
            }
        }
    }
    for (u, n) in units {
        put("unit", u, n, None);
    }
    for (m, n) in months {
        put("month", &m, n, None);
    }
    days.sort();
    if !days.is_empty() {
        put("days", "median", days[(days.len() - 1) / 2], None);
        put("days", "max", days[days.len() - 1], None);
    }
    put("days", "counted", days.len(), None);
    put("days", "skipped", skipped, None);
    out
}

/// The key as CSV shows it: escaped, and a leading `'` keeps a spreadsheet from running it.
fn defused(k: &str) -> String {
    let k = docket::sanitize::escape(k);
    if k.starts_with(['=', '+', '-', '@']) {
        format!("'{k}")
    } else {
        k.to_string()
    }
}

/// RFC 4180 with CRLF rows, as the report writes it.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("a bare LF ends a CSV row"),
            (false, c) => cell.push(c),
        }
    }
    assert!(
        row.is_empty() && cell.is_empty(),
        "the last row ends with CRLF"
    );
    rows
}

fn figures_of_csv(csv: &str) -> Figures {
    let rows = parse_csv(csv);
    assert_eq!(rows[0], ["section", "key", "label", "count", "extra"]);
    let mut out = Figures::new();
    for r in &rows[1..] {
        assert_eq!(r.len(), 5, "{r:?}");
        let extra = (!r[4].is_empty()).then(|| r[4].parse().expect("extra is a number"));
        let old = out.insert(
            (r[0].clone(), r[1].clone()),
            (r[3].parse().expect("count is a number"), extra),
        );
        assert!(old.is_none(), "one line per figure: {r:?}");
    }
    out
}

fn report_csv(dir: &Path, range: Range) -> String {
    let g = report::gather(dir, Lang::En);
    assert!(g.skipped.is_empty(), "{:?}", g.skipped);
    let p = g.loaded.panel.as_ref().expect("panel");
    let r = report::build(p, &g.loaded.cases, &g.minutes, range);
    assert!(r.bad_dates.is_empty());
    report::render(&r, Lang::En, Format::Csv, false)
}

fn assert_figures(actual: &Figures, expected: &Figures) {
    for (k, v) in expected {
        assert_eq!(actual.get(k), Some(v), "figure {k:?}");
    }
    for k in actual.keys() {
        assert!(expected.contains_key(k), "unexpected figure {k:?}");
    }
}

#[test]
fn the_fixture_is_big_and_varied_and_loads_clean() {
    let f = write_fixture("varied");
    let o = docket(&["check", f.dir.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let decided: BTreeSet<usize> = f
        .meetings
        .iter()
        .flat_map(|m| m.decisions.iter().map(|d| d.case))
        .collect();
    assert!(decided.len() >= 200, "{} decided cases", decided.len());
    let all: Vec<&Decision> = f.meetings.iter().flat_map(|m| &m.decisions).collect();
    assert!(all.iter().any(|d| d.reconsidered.is_some()));
    assert!(all.iter().any(|d| d.amended_from.is_some()));
    assert!(all.iter().any(|d| !d.override_reason.is_empty()));
    assert!(all.iter().any(|d| d.outcome == "defer"));
    // A deferral taken up again and decided at a later meeting.
    assert!(f.meetings.iter().enumerate().any(|(i, m)| {
        m.decisions.iter().any(|d| {
            d.outcome == "defer"
                && f.meetings[i + 1..]
                    .iter()
                    .any(|l| l.decisions.iter().any(|x| x.case == d.case))
        })
    }));
    assert!(all.iter().any(|d| f.cases[d.case].review_of.is_some()));
    assert!(all.iter().any(|d| d.at.starts_with("2026-05-01T00:")));
    assert!(f.meetings.iter().any(|m| !m.undecided.is_empty()));
    let months: BTreeSet<String> = all.iter().map(|d| d.at[..7].to_string()).collect();
    assert!(months.len() >= 8, "{months:?}");
}

#[test]
fn every_figure_matches_the_generated_data() {
    let f = write_fixture("figures");
    let csv = report_csv(&f.dir, Range::default());
    assert_figures(&figures_of_csv(&csv), &expected(&f, Range::default()));
}

#[test]
fn from_and_to_filter_by_the_local_date_decided() {
    let f = write_fixture("range");
    let range = Range {
        from: report::parse_date("2026-03-19"),
        to: report::parse_date("2026-04-30"),
    };
    let csv = report_csv(&f.dir, range);
    let want = expected(&f, range);
    assert_figures(&figures_of_csv(&csv), &want);
    // The meeting of 30 April ran past midnight: what it decided after 00:00 is May's.
    assert!(!want.contains_key(&("month".into(), "2026-05".into())));
    let from_may = Range {
        from: report::parse_date("2026-05-01"),
        to: report::parse_date("2026-05-01"),
    };
    let want = expected(&f, from_may);
    assert!(want[&("overview".to_string(), "cases".to_string())].0 > 0);
    assert_figures(&figures_of_csv(&report_csv(&f.dir, from_may)), &want);

    // The binary takes the same range, inclusive at both ends.
    let dir = f.dir.to_str().expect("utf-8");
    let o = docket(&[
        "report",
        dir,
        "--from",
        "2026-03-19",
        "--to",
        "2026-04-30",
        "--format",
        "csv",
        "--no-bom",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), csv);
}

#[test]
fn bad_dates_are_refused_with_a_clear_error() {
    let dir = root().join("panels/example");
    let dir = dir.to_str().expect("utf-8");
    for (args, needle) in [
        (
            vec!["--from", "2026-02-30"],
            "--from `2026-02-30` is not a date",
        ),
        (
            vec!["--to", "2026/03/01"],
            "--to `2026/03/01` is not a date",
        ),
        (vec!["--from", "26-3-1"], "write YYYY-MM-DD"),
        (
            vec!["--from", "2026-05-01", "--to", "2026-04-01"],
            "--from 2026-05-01 is after --to 2026-04-01",
        ),
    ] {
        let mut a = vec!["report", dir];
        a.extend(args);
        let o = docket(&a);
        assert_eq!(o.status.code(), Some(2), "{a:?}");
        assert!(text(&o.stderr).contains(needle), "{}", text(&o.stderr));
        assert!(o.stdout.is_empty());
    }
    let o = docket(&["report", dir, "--from", "2026-02-30", "--lang", "zh"]);
    assert!(
        text(&o.stderr).contains("不是有效日期"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn csv_has_a_bom_quotes_and_defuses_formulas() {
    let f = write_fixture("csv");
    let dir = f.dir.to_str().expect("utf-8");
    let o = docket(&["report", dir, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        o.stdout
            .starts_with(b"\xef\xbb\xbfsection,key,label,count,extra\r\n")
    );
    let out = text(&o.stdout);
    // A unit a spreadsheet would run, quoted for its quotes, behind a single quote.
    assert!(
        out.contains("\r\nunit,\"'=HYPERLINK(\"\"x\"\")\",\"'=HYPERLINK(\"\"x\"\")\","),
        "{out}"
    );
    assert!(out.contains("\r\nunit,'-1,'-1,"), "{out}");
    assert!(out.contains("\r\nunit,\"'@县\"\"水务\"\"局\","), "{out}");
    assert!(
        out.contains("\r\nunit,\"县农业农村局, 驻村工作队\",\"县农业农村局, 驻村工作队\","),
        "{out}"
    );
    for row in parse_csv(out.trim_start_matches('\u{feff}')) {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell}"
            );
        }
    }
    let o = docket(&["report", dir, "--format", "csv", "--no-bom"]);
    assert!(o.stdout.starts_with(b"section,"));
    let o = docket(&["report", dir, "--format", "csv", "--no-bom", "--lang", "zh"]);
    assert!(text(&o.stdout).starts_with("部分,键,名称,数量,附加\r\n"));
    assert!(text(&o.stdout).contains("\r\noutcome:tolerance,tolerate,予以容错,"));
}

#[test]
fn the_table_fits_80_columns_in_both_languages() {
    let f = write_fixture("table");
    let dir = f.dir.to_str().expect("utf-8");
    for lang in ["zh", "en"] {
        for extra in [&[][..], &["--from", "2026-06-01"][..]] {
            let mut a = vec!["report", dir, "--lang", lang];
            a.extend(extra);
            let o = docket(&a);
            assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
            let out = text(&o.stdout);
            assert!(out.lines().count() > 40, "{out}");
            for line in out.lines() {
                assert!(line.width() <= 80, "{} columns: {line}", line.width());
            }
        }
    }
    let o = docket(&["report", dir, "--lang", "zh"]);
    let out = text(&o.stdout);
    assert!(out.contains("=HYPERLINK(\"x\")"), "{out}");
    assert!(out.contains("按决定月份"), "{out}");
}

#[test]
fn text_from_files_is_escaped_in_every_format() {
    let f = write_fixture("escape");
    let dir = f.dir.to_str().expect("utf-8");
    for format in ["table", "md", "csv"] {
        for lang in ["zh", "en"] {
            let o = docket(&["report", dir, "--format", format, "--lang", lang]);
            assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
            let out = text(&o.stdout);
            assert!(
                !out.contains('\u{1b}') && !out.contains('\u{202e}'),
                "{out:?}"
            );
            // Markdown escapes the backslashes and the bracket once more, to show them.
            let shown = if format == "md" {
                "县\\\\u{1b}\\[2J\\\\u{202e}审计局"
            } else {
                "县\\u{1b}[2J\\u{202e}审计局"
            };
            assert!(out.contains(shown), "{format} {lang}: {out}");
        }
    }
    let g = report::gather(&f.dir, Lang::Zh);
    let p = g.loaded.panel.as_ref().expect("panel");
    let r = report::build(p, &g.loaded.cases, &g.minutes, Range::default());
    let screen = report::report_lines(&r, Lang::Zh, 100).join("\n");
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'));
    assert!(screen.contains("县\\u{1b}[2J\\u{202e}审计局"), "{screen}");
}

#[test]
fn screen_lines_fit_their_width_and_draw_ascii_bars() {
    let f = write_fixture("screen");
    let g = report::gather(&f.dir, Lang::Zh);
    let p = g.loaded.panel.as_ref().expect("panel");
    let r = report::build(p, &g.loaded.cases, &g.minutes, Range::default());
    for lang in [Lang::Zh, Lang::En] {
        for w in [40, 60, 80, 100, 120] {
            let lines = report::report_lines(&r, lang, w);
            for l in &lines {
                assert!(l.width() <= w, "{} > {w}: {l}", l.width());
                assert!(l.chars().all(|c| c == '#' || !"█▇▆▅▄▃▂▁■".contains(c)));
            }
            assert!(lines.iter().any(|l| l.ends_with('#')));
        }
    }
}

#[test]
fn unreadable_minutes_are_named_and_left_out() {
    let f = write_fixture("unreadable");
    let broken = f.dir.join("minutes/2026-09-01-1.yaml");
    std::fs::write(&broken, "schema: 1\npanel: [unclosed\n").expect("write");
    // A determination whose time cannot be read is named, and its case left out.
    let last = minutes::path_for(&f.dir, "2026-07-16-1");
    let t = std::fs::read_to_string(&last).expect("read");
    let first_at = t
        .lines()
        .find_map(|l| l.trim().strip_prefix("decided_at: "))
        .expect("a decision")
        .to_string();
    std::fs::write(&last, t.replacen(&first_at, "next tuesday", 1)).expect("write");
    let o = docket(&["report", f.dir.to_str().expect("utf-8"), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("minutes/2026-09-01-1.yaml:2:") && err.contains("left out"),
        "{err}"
    );
    assert!(err.contains("decided_at `next tuesday`"), "{err}");
    let figures = figures_of_csv(text(&o.stdout).trim_start_matches('\u{feff}'));
    let all = expected(&f, Range::default());
    let key = |s: &str, k: &str| (s.to_string(), k.to_string());
    assert_eq!(figures[&key("overview", "bad_date")].0, 1);
    assert_eq!(
        figures[&key("overview", "minutes")].0,
        all[&key("overview", "minutes")].0
    );
}

// ---------------------------------------------------------------------------------------
// Snapshots: the example panel with the complete minutes example of docs/formats.md.

fn documented_minutes() -> String {
    let doc = std::fs::read_to_string(root().join("docs/formats.md")).expect("formats.md");
    let marker = "<!-- minutes-example -->\n```yaml\n";
    let start = doc.find(marker).expect("marker") + marker.len();
    let len = doc[start..].find("```").expect("end of the example");
    doc[start..start + len].to_string()
}

fn example_report() -> report::Report {
    let loaded = docket::config::load_panel(&root().join("panels/example"));
    let p = loaded.panel.as_ref().expect("the example panel");
    let m = minutes::parse(&documented_minutes()).expect("the documented minutes");
    report::build(p, &loaded.cases, &[m], Range::default())
}

#[test]
fn snapshots_of_the_example() {
    let r = example_report();
    assert_eq!(r.cases, 2);
    assert_eq!(r.deferred, 1);
    for lang in [Lang::Zh, Lang::En] {
        let table = report::render(&r, lang, Format::Table, true);
        for line in table.lines() {
            assert!(line.width() <= 80, "{line}");
        }
        insta::assert_snapshot!(format!("example_table_{lang}"), table);
        insta::assert_snapshot!(
            format!("example_md_{lang}"),
            report::render(&r, lang, Format::Md, true)
        );
        insta::assert_snapshot!(
            format!("example_screen_80_{lang}"),
            report::report_lines(&r, lang, 80).join("\n")
        );
    }
}

/// The same panel reached through its parent folder reports the same figures, holds and
/// corrections included: both are read from the panel found, not from the folder given.
#[test]
fn a_panel_reached_through_its_parent_reports_the_same() {
    let dir = scratch("through-parent/panel");
    common_case(&dir);
    std::fs::write(
        dir.join("state.yaml"),
        "schema: 1\nheld:\n  - case: 2026-001\n    note: 等待补充材料\n    at: 2026-11-01T09:00:00+08:00\n",
    )
    .expect("state.yaml");
    let run = |d: &Path| {
        let args = report::Args {
            dir: d.to_path_buf(),
            from: None,
            to: None,
            format: Format::Csv,
            bom: false,
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = report::run(&args, Lang::En, &mut out, &mut err).expect("run");
        (code, text(&out))
    };
    let (code, direct) = run(&dir);
    assert_eq!(code, 0);
    assert!(
        direct.contains("\noverview,held,held back from meetings (now),1,"),
        "{direct}"
    );
    let parent = dir.parent().expect("parent");
    assert_eq!(run(parent), (0, direct));
}

fn common_case(dir: &Path) {
    std::fs::copy(
        root().join("panels/example/cases/2026-001.yaml"),
        dir.join("cases/2026-001.yaml"),
    )
    .expect("copy a case");
}

#[test]
fn the_report_over_minutes_cut_to_its_figures_is_the_report_over_whole_minutes() {
    let f = write_fixture("cut");
    let g = report::gather(&f.dir, Lang::En);
    let p = g.loaded.panel.as_ref().expect("panel");
    let paths = minutes::list(&f.dir);
    let whole: Vec<_> = paths
        .iter()
        .map(|p| minutes::read(p).expect("the fixture's minutes read").1)
        .collect();
    assert_eq!(whole.len(), g.minutes.len());
    assert_ne!(whole, g.minutes, "the gathered minutes are cut down");
    let spring = Range {
        from: report::parse_date("2026-03-19"),
        to: report::parse_date("2026-04-30"),
    };
    for range in [Range::default(), spring] {
        let cut = report::build(p, &g.loaded.cases, &g.minutes, range);
        let full = report::build(p, &g.loaded.cases, &whole, range);
        for format in [Format::Csv, Format::Table] {
            assert_eq!(
                report::render(&cut, Lang::En, format, false),
                report::render(&full, Lang::En, format, false)
            );
        }
        assert_eq!(
            report::corrections(&f.dir, &g.minutes),
            report::corrections(&f.dir, &whole)
        );
    }
}
