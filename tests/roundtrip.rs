//! Any minutes value survives YAML: rendered and read back, it is the same value. Texts that
//! YAML 1.1 would turn into booleans, nulls or numbers stay texts.

use docket::domain::case::Proposal;
use docket::domain::meeting::{
    Absence, Attendance, CaseRecord, Determination, Finding, Movement, QuorumLost, Recusal, Round,
    Side, Subject, Vote, Withdrawal,
};
use docket::domain::rules::{Method, Opinion};
use docket::domain::tally::Tally;
use docket::store::minutes::{
    self, MeetingHeader, MemberRecord, Minutes, PanelRecord, QuorumRecord, RulesRecord,
};
use proptest::prelude::*;

/// Texts chosen to trip a YAML reader, Chinese, and anything else.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "no",
            "off",
            "yes",
            "on",
            "~",
            "007",
            "null",
            "NULL",
            "true",
            "1e3",
            "0x1F",
            ".inf",
            "-",
            "? x",
            ": y",
            "#",
            "'",
            "\"",
            "- a",
            "&a",
            "*a",
            "!!str",
            "2026-11-20",
            "",
            " leading",
            "trailing ",
            "多行\n文本",
            "同意",
            "\t",
        ])
        .prop_map(str::to_string),
        "\\PC{0,12}",
        "[\\u{4e00}-\\u{9fa5}a-z0-9 ：，。]{0,16}",
    ]
}

fn opinion() -> impl Strategy<Value = Opinion> {
    prop::sample::select(Opinion::ALL.to_vec())
}

fn round() -> impl Strategy<Value = Round> {
    (
        1u32..5,
        text(),
        text(),
        prop::collection::vec((text(), opinion()), 0..4),
        0u32..9,
    )
        .prop_map(|(number, outcome, basis, votes, agree)| Round {
            number,
            proposal: Proposal { outcome, basis },
            method: Method::Named,
            opened_at: "2026-11-20T09:00:00+08:00".into(),
            opinions: votes
                .into_iter()
                .map(|(member, opinion)| Vote { member, opinion })
                .collect(),
            corrections: Vec::new(),
            withdrawn: Vec::new(),
            quorum_lost: (agree > 4).then(|| QuorumLost {
                at: "2026-11-20T09:30:00+08:00".into(),
                present_entitled: agree,
                needed: agree + 1,
            }),
            tally: Tally {
                agree,
                disagree: 1,
                defer: 0,
                abstain: 0,
            },
            closed_at: None,
            arithmetic: None,
            passed: None,
            void: None,
        })
}

fn record() -> impl Strategy<Value = CaseRecord> {
    (
        text(),
        text(),
        (text(), text(), text()),
        prop::option::of(text()),
        prop::collection::vec((text(), text()), 0..3),
        prop::collection::vec((text(), any::<bool>(), text()), 0..3),
        prop::collection::vec(round(), 0..3),
        prop::collection::vec((text(), text(), text()), 0..2),
    )
        .prop_map(
            |(case, title, (name, position, unit), presenter, recusals, findings, rounds, dets)| {
                CaseRecord {
                    case,
                    kind: "tolerance".into(),
                    title,
                    subject: Subject {
                        name,
                        position,
                        unit,
                    },
                    case_digest: "0".repeat(64),
                    review_of: None,
                    review_of_meeting: None,
                    presenter,
                    proposal: None,
                    recusals: recusals
                        .into_iter()
                        .map(|(member, reason)| Recusal {
                            member,
                            reason,
                            declared: true,
                        })
                        .collect(),
                    findings: findings
                        .into_iter()
                        .map(|(distinction, t, basis)| Finding {
                            distinction,
                            side: if t {
                                Side::Tolerable
                            } else {
                                Side::NotTolerable
                            },
                            basis,
                        })
                        .collect(),
                    found: Vec::new(),
                    rounds,
                    determinations: dets
                        .into_iter()
                        .map(|(outcome, rationale, dissent)| Determination {
                            outcome,
                            round: Some(1),
                            rationale,
                            override_reason: String::new(),
                            decided_at: "2026-11-20T10:00:00+08:00".into(),
                            present: vec!["li-hong".into()],
                            withdrawn: (!dissent.is_empty()).then(|| Withdrawal {
                                at: "2026-11-20T10:05:00+08:00".into(),
                                round: 1,
                                reason: dissent.clone(),
                            }),
                            dissent,
                        })
                        .collect(),
                    reconsideration: None,
                }
            },
        )
}

fn minutes_value() -> impl Strategy<Value = Minutes> {
    (
        text(),
        prop::collection::vec((text(), text()), 1..4),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec((text(), text()), 0..2),
        prop::collection::vec(record(), 0..3),
    )
        .prop_map(|(name, members, attendees, absent, cases)| Minutes {
            schema: minutes::SCHEMA,
            journal: 7,
            panel: PanelRecord {
                name,
                unit: None,
                members: members
                    .into_iter()
                    .map(|(id, name)| MemberRecord {
                        id,
                        name,
                        role: "member".into(),
                    })
                    .collect(),
            },
            rules: RulesRecord {
                id: "xinzhou-2017".into(),
                version: "2017".into(),
                digest: "0".repeat(64),
            },
            meeting: MeetingHeader {
                id: "2026-11-20-1".into(),
                opened_at: "2026-11-20T09:00:00+08:00".into(),
                closed_at: None,
                chair: "wang-jianguo".into(),
                acting_chair: None,
                clerk: Some("sun-li".into()),
                method: Method::Named,
            },
            attendance: Attendance {
                present: vec!["wang-jianguo".into()],
                absent: absent
                    .into_iter()
                    .map(|(member, reason)| Absence { member, reason })
                    .collect(),
                attendees,
                movements: vec![Movement {
                    at: "2026-11-20T09:05:00+08:00".into(),
                    member: "li-hong".into(),
                    arrived: true,
                    reason: "no".into(),
                }],
            },
            quorum: QuorumRecord {
                fraction: "2/3".into(),
                voting: 6,
                present: 6,
                needed: 4,
                met: true,
            },
            cases,
            finalization: None,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn minutes_survive_yaml(m in minutes_value()) {
        let text = minutes::render(&m).expect("render");
        let back = minutes::parse(&text).expect("parse what was rendered");
        prop_assert_eq!(&back, &m);
        // And sealed minutes verify after the round trip.
        let mut sealed = m.clone();
        minutes::finalize(&mut sealed, "sun-li", "clerk", "2026-11-20T11:00:00+08:00").expect("seal");
        let text = minutes::render(&sealed).expect("render");
        let back = minutes::parse(&text).expect("parse");
        prop_assert_eq!(minutes::verify(&text, &back), minutes::Seal::Intact);
    }
}

#[test]
fn words_yaml_1_1_would_convert_stay_texts() {
    let words = ["no", "off", "yes", "~", "007", "null", "true", "1e3"];
    let mut m = minutes::parse(include_str!("data/minutes-min.yaml")).expect("fixture parses");
    m.attendance.attendees = words.iter().map(|w| w.to_string()).collect();
    let text = minutes::render(&m).expect("render");
    let back = minutes::parse(&text).expect("parse");
    assert_eq!(back.attendance.attendees, words);
}
