//! A synthetic panel for benchmarks and load tests: Chinese text of varied length, both case
//! kinds, conflicts, review cases, and finalized minutes with decided cases. The same seed
//! always gives the same panel.
//!
//! Not part of the library docket's users run: one copy, built into the gen-panel example and
//! included (`#[path]`) by the benchmarks and the cache tests, so it uses docket's public API
//! only. Waiting for a panel generated just now to be cached is in `cacheable.rs` beside it.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use docket::domain::case::Proposal;
use docket::domain::meeting::{
    Attendance, CaseRecord, Determination, Finding, Meeting, Recusal, Round, Side, Subject, Vote,
};
use docket::domain::rules::{Method, Opinion};
use docket::domain::tally::Tally;
use docket::store::disk::{Disk, Modes, RealDisk};
use docket::store::ledger::{self, Ledger};
use docket::store::minutes::{self, Minutes};
use docket::store::panel;

/// xorshift64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
];
const GIVEN: &[&str] = &[
    "建国", "立新", "红梅", "志强", "晓东", "丽娟", "海涛", "振华", "建军", "国平", "永刚", "雅琴",
    "明亮", "卫东", "振宇", "晓燕", "国栋", "文斌", "雪梅", "志远", "秀英", "桂芳", "德明", "春生",
];
const PLACES: &[&str] = &[
    "东关镇",
    "柳泉乡",
    "青石镇",
    "石门乡",
    "杏花乡",
    "白马镇",
    "西坡镇",
    "南河镇",
    "北山乡",
    "龙泉镇",
    "桃源乡",
    "金沙镇",
    "清水乡",
    "红旗镇",
    "新华乡",
    "永安镇",
];
const DEPARTMENTS: &[&str] = &[
    "县发改局",
    "县住建局",
    "县应急管理局",
    "县行政审批服务管理局",
    "县信访局",
    "县农业农村局",
    "县卫健局",
    "县财政局",
    "县教育局",
    "县交通运输局",
    "县水务局",
    "县自然资源局",
];
const POSTS: &[&str] = &["党委书记", "镇长", "乡长", "副镇长", "副乡长", "党委副书记"];
const DEPT_POSTS: &[&str] = &["局长", "副局长", "党组书记", "党组成员、副局长"];
const WORK: &[&str] = &[
    "推进农村人居环境整治",
    "实施重点项目建设",
    "开展招商引资",
    "推行容缺受理改革",
    "处置突发汛情",
    "化解历史遗留信访问题",
    "推进脱贫攻坚项目",
    "组织年度目标责任考核",
    "整治安全生产隐患",
    "推进生态环境保护督察整改",
];
const PHRASES: &[&str] = &[
    "因政策界限不明确，在创造性开展工作中出现失误",
    "先行先试，未达到预期效果",
    "果断决策、大胆履职，但因不可抗力造成损失",
    "为提高效率进行容缺受理，出现一定偏差",
    "主动揽责涉险，因无意过失出现失误",
    "触及固有利益，引发信访问题",
    "因上级决策部署变化，工作未达到预期效果",
    "经核查，相关资金使用程序不规范",
    "经审计，项目变更依据不足",
    "群众满意度测评结果较低",
];

/// What the minutes need to know of a generated case.
struct Made {
    id: String,
    tolerance: bool,
    outcome: String,
    person: String,
    post: String,
    place: String,
}

fn name(r: &mut Rng) -> String {
    format!("{}{}", r.pick(SURNAMES), r.pick(GIVEN))
}

/// Writes a panel of `cases` cases and `meetings` finalized minutes under `dir` (which must
/// not hold a panel yet), from the example panel's members and the built-in rules.
pub fn generate(dir: &Path, cases: usize, meetings: usize, seed: u64) -> io::Result<()> {
    if dir.join(panel::PANEL_FILE).exists() {
        return Err(io::Error::other("a panel is already there"));
    }
    std::fs::create_dir_all(dir.join(panel::CASES_DIR))?;
    std::fs::write(
        dir.join(panel::PANEL_FILE),
        "name: 平安县容错纠错审议委员会（合成数据）\nunit: 中共平安县委组织部\nrules: xinzhou-2017\n\
         members:\n  - {id: wang-jianguo, name: 王建国, role: chair}\n  - {id: li-hong, name: 李红, role: member}\n\
         \x20 - {id: zhang-wei, name: 张伟, role: member}\n  - {id: zhao-min, name: 赵敏, role: member}\n\
         \x20 - {id: liu-zhiqiang, name: 刘志强, role: member}\n  - {id: chen-jing, name: 陈静, role: member}\n\
         \x20 - {id: sun-li, name: 孙丽, role: clerk}\ntimezone: Asia/Shanghai\n",
    )?;
    let voters = [
        "li-hong",
        "zhang-wei",
        "zhao-min",
        "liu-zhiqiang",
        "chen-jing",
    ];
    let mut r = Rng::new(seed);
    let mut made: Vec<Made> = Vec::new();
    for i in 0..cases {
        let id = format!("{}-{:05}", 2020 + i / 20_000, i % 20_000 + 1);
        let tolerance = r.below(3) > 0;
        let town = r.below(2) == 0;
        let place = if town {
            r.pick(PLACES)
        } else {
            r.pick(DEPARTMENTS)
        };
        let post = if town {
            r.pick(POSTS)
        } else {
            r.pick(DEPT_POSTS)
        };
        let person = name(&mut r);
        let work = r.pick(WORK);
        let month = 1 + r.below(12);
        let day = 1 + r.below(28);
        let received = format!("{}-{month:02}-{day:02}", 2025 + r.below(2));
        let claimed = if tolerance {
            format!("[S{}]", 1 + r.below(9))
        } else {
            format!("[G{}]", 1 + r.below(4))
        };
        let mut summary = format!("{person}在{place}任{post}期间{work}，");
        for _ in 0..1 + r.below(5) {
            summary.push_str(r.pick(PHRASES));
            summary.push('，');
        }
        summary.push_str("现提请审议。");
        let mut text = String::new();
        let _ = writeln!(text, "id: \"{id}\"");
        let _ = writeln!(
            text,
            "kind: {}",
            if tolerance { "tolerance" } else { "adjustment" }
        );
        let _ = writeln!(
            text,
            "title: {place}{post}{work}{}",
            if tolerance {
                "容错申请"
            } else {
                "调整处理"
            }
        );
        let _ = writeln!(
            text,
            "subject:\n  name: {person}\n  position: {place}{post}\n  unit: {place}"
        );
        let _ = writeln!(text, "received: {received}");
        let _ = writeln!(text, "summary: >-\n  {summary}");
        let _ = writeln!(text, "facts:");
        for k in 0..1 + r.below(4) {
            let _ = writeln!(
                text,
                "  - {}年{}月，{}。",
                2024 + k % 2,
                1 + r.below(12),
                r.pick(PHRASES)
            );
        }
        let _ = writeln!(text, "claimed: {claimed}");
        let outcome = if tolerance {
            ["tolerate", "mitigate", "not_tolerate"][r.below(3)]
        } else {
            ["remove", "adjust", "hold_accountable", "no_action"][r.below(4)]
        };
        let _ = writeln!(
            text,
            "proposal:\n  outcome: {outcome}\n  basis: 经初步审核，建议按此处理。"
        );
        if r.below(8) == 0 {
            let _ = writeln!(
                text,
                "conflicts:\n  - member: {}\n    reason: 与当事人有亲属关系，应当回避。",
                voters[r.below(voters.len())]
            );
        }
        if i > 0 && r.below(40) == 0 {
            let earlier = made[r.below(made.len())].id.clone();
            let _ = writeln!(text, "review_of: \"{earlier}\"");
        }
        std::fs::write(dir.join(panel::CASES_DIR).join(format!("{id}.yaml")), text)?;
        made.push(Made {
            id,
            tolerance,
            outcome: outcome.to_string(),
            person,
            post: post.to_string(),
            place: place.to_string(),
        });
    }
    if meetings == 0 {
        return Ok(());
    }
    let loaded = docket::config::load_panel(dir);
    let Some(p) = loaded.panel else {
        return Err(io::Error::other("the generated panel does not load"));
    };
    // Decided cases spread over the meetings, oldest first.
    let per = (made.len() / 2 / meetings).max(1);
    let mut disk = RealDisk::new(dir, Modes::PRIVATE);
    let mut ledger = Ledger::default();
    for m in 0..meetings {
        let date = format!("2026-{:02}-{:02}", 1 + m % 12, 1 + (m / 12) % 28);
        let id = format!("{date}-{}", 1 + m / (12 * 28));
        let at = |h: usize| format!("{date}T{:02}:{:02}:00+08:00", 9 + h / 60 % 8, h % 60);
        let present: Vec<String> = p.members.iter().map(|x| x.id.clone()).collect();
        let mut meeting = Meeting {
            id: id.clone(),
            opened_at: at(0),
            closed_at: Some(at(400)),
            chair: "wang-jianguo".into(),
            acting_chair: None,
            clerk: Some("sun-li".into()),
            method: Method::Named,
            attendance: Attendance {
                present,
                ..Attendance::default()
            },
            cases: Vec::new(),
        };
        for (k, c) in made.iter().skip(m * per).take(per).enumerate() {
            let (cid, tolerance, outcome, person, post, place) = (
                &c.id,
                &c.tolerance,
                &c.outcome,
                &c.person,
                &c.post,
                &c.place,
            );
            let agree = 4 + r.below(3) as u32;
            let mut opinions: Vec<Vote> = voters
                .iter()
                .enumerate()
                .map(|(i, v)| Vote {
                    member: v.to_string(),
                    opinion: if (i as u32) < agree - 1 {
                        Opinion::Agree
                    } else {
                        Opinion::Disagree
                    },
                })
                .collect();
            opinions.push(Vote {
                member: "wang-jianguo".into(),
                opinion: Opinion::Agree,
            });
            let deferred = r.below(10) == 0;
            let final_outcome = if deferred {
                "defer".to_string()
            } else {
                outcome.clone()
            };
            meeting.cases.push(CaseRecord {
                case: cid.clone(),
                kind: if *tolerance {
                    "tolerance"
                } else {
                    "adjustment"
                }
                .into(),
                title: format!("{place}{post}"),
                subject: Subject {
                    name: person.clone(),
                    position: format!("{place}{post}"),
                    unit: place.clone(),
                },
                case_digest: minutes::sha256_hex(cid.as_bytes()),
                review_of: None,
                review_of_meeting: None,
                presenter: None,
                proposal: Some(Proposal {
                    outcome: outcome.clone(),
                    basis: "经初步审核，建议按此处理。".into(),
                }),
                recusals: Vec::<Recusal>::new(),
                findings: if *tolerance {
                    vec![Finding {
                        distinction: "D3".into(),
                        side: Side::Tolerable,
                        basis: "无私利因素".into(),
                    }]
                } else {
                    Vec::new()
                },
                found: vec![if *tolerance { "S1" } else { "G1" }.into()],
                rounds: if deferred {
                    Vec::new()
                } else {
                    vec![Round {
                        number: 1,
                        proposal: Proposal {
                            outcome: outcome.clone(),
                            basis: "经初步审核，建议按此处理。".into(),
                        },
                        method: Method::Named,
                        opened_at: at(k * 2),
                        opinions,
                        corrections: Vec::new(),
                        withdrawn: Vec::new(),
                        quorum_lost: None,
                        tally: Tally {
                            agree,
                            disagree: 6 - agree,
                            defer: 0,
                            abstain: 0,
                        },
                        closed_at: Some(at(k * 2 + 1)),
                        arithmetic: None,
                        passed: Some(true),
                        void: None,
                    }]
                },
                determinations: vec![Determination {
                    outcome: final_outcome,
                    round: (!deferred).then_some(1),
                    rationale: "经集体审议，作出如下决定。".into(),
                    dissent: String::new(),
                    override_reason: String::new(),
                    decided_at: at(k * 2 + 1),
                    present: voters.iter().map(|v| v.to_string()).collect(),
                    withdrawn: None,
                }],
                reconsideration: None,
            });
        }
        let mut doc = Minutes::new(&p, &meeting);
        let sealer = minutes::Sealer {
            by: "sun-li",
            user: "generator",
            uid: None,
            at: &at(400),
            ledger: Some(ledger.head()),
        };
        minutes::seal(&mut doc, &sealer)
            .map_err(|_| io::Error::other("sealing the generated minutes"))?;
        let text = minutes::render(&doc).map_err(|_| io::Error::other("rendering"))?;
        let path = minutes::path_for(dir, &id);
        disk.replace(&path, text.as_bytes())?;
        // Entered in the ledger as docket enters what it seals.
        let record = ledger::Record::Sealed {
            file: format!("{id}.yaml"),
            meeting: id.clone(),
            addendum: None,
            digest: minutes::sha256_hex(text.as_bytes()),
            at: at(400),
        };
        ledger::append(&mut disk, dir, &mut ledger, record)?;
    }
    Ok(())
}
