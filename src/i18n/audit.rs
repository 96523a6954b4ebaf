//! The wording of what re-deriving a record's results found, in English and Chinese.
//!
//! Each line says what the record states and what its own inputs give. Every text from a
//! file (case, member and outcome ids, fractions) is escaped before it is shown.

use super::{QUORUM_MET, QUORUM_NOT_MET, pr_counts, q};
use crate::domain::audit::{
    DeterminationFault, Discrepancy, Presence, QuorumFigures, ReconsiderationFault,
};
use crate::domain::tally::Tally;
use crate::domain::text::Lang;
use crate::sanitize::escape;

/// The counts of a tally: `agree 1, disagree 0, defer 0, abstain 0` or `同意1、不同意0、缓议0、弃权0`.
fn tally(t: &Tally, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "agree {}, disagree {}, defer {}, abstain {}",
            t.agree, t.disagree, t.defer, t.abstain
        ),
        Lang::Zh => format!(
            "同意{}、不同意{}、缓议{}、弃权{}",
            t.agree, t.disagree, t.defer, t.abstain
        ),
    }
}

fn met(m: bool, lang: Lang) -> &'static str {
    if m {
        QUORUM_MET.get(lang)
    } else {
        QUORUM_NOT_MET.get(lang)
    }
}

fn meeting_quorum(f: &QuorumFigures, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{} voting members, {} present, {} needed, {}",
            f.voting,
            f.present,
            f.needed,
            met(f.met, lang)
        ),
        Lang::Zh => format!(
            "表决成员{}人、到会{}人、须到会{}人、{}",
            f.voting,
            f.present,
            f.needed,
            met(f.met, lang)
        ),
    }
}

fn result(passed: Option<bool>, lang: Lang) -> &'static str {
    match (passed, lang) {
        (Some(true), Lang::En) => "passed",
        (Some(true), Lang::Zh) => "通过",
        (Some(false), Lang::En) => "not passed",
        (Some(false), Lang::Zh) => "未通过",
        (None, Lang::En) => "no result",
        (None, Lang::Zh) => "无结果",
    }
}

/// What re-deriving a record's results from its votes found, as one line.
pub fn discrepancy(d: &Discrepancy, lang: Lang) -> String {
    use Discrepancy as D;
    use Lang::{En, Zh};
    let e = |s: &str| escape(s).into_owned();
    // "case X, round N: " / "案件 X 第N轮："
    let at = |case: &str, round: u32| match lang {
        En => format!("case {}, round {round}: ", e(case)),
        Zh => format!("案件 {} 第{round}轮：", e(case)),
    };
    let of_case = |case: &str| match lang {
        En => format!("case {}: ", e(case)),
        Zh => format!("案件 {}：", e(case)),
    };
    match (d, lang) {
        (D::MeetingFraction { recorded }, En) => {
            format!(
                "the meeting quorum's fraction {} cannot be read",
                q(recorded)
            )
        }
        (D::MeetingFraction { recorded }, Zh) => {
            format!("会议法定人数的到会比例 {} 无法识别", q(recorded))
        }
        (D::MeetingQuorum { recorded, derived }, En) => format!(
            "the meeting quorum says {}; the panel and the attendance give {}",
            meeting_quorum(recorded, En),
            meeting_quorum(derived, En)
        ),
        (D::MeetingQuorum { recorded, derived }, Zh) => format!(
            "会议法定人数记为{}，按委员会成员与出席情况应为{}",
            meeting_quorum(recorded, Zh),
            meeting_quorum(derived, Zh)
        ),
        (
            D::RoundNumber {
                case,
                position,
                recorded,
            },
            En,
        ) => format!(
            "{}round {position} in order is numbered {recorded}",
            of_case(case)
        ),
        (
            D::RoundNumber {
                case,
                position,
                recorded,
            },
            Zh,
        ) => {
            format!("{}按顺序的第{position}轮记为第{recorded}轮", of_case(case))
        }
        (
            D::RoundState {
                case,
                round,
                closed: true,
                arithmetic,
                ..
            },
            En,
        ) => format!(
            "{}closed, yet it records no result{}",
            at(case, *round),
            if *arithmetic {
                ""
            } else {
                " and no arithmetic"
            }
        ),
        (
            D::RoundState {
                case,
                round,
                closed: true,
                arithmetic,
                ..
            },
            Zh,
        ) => format!(
            "{}已结束，却未记表决结果{}",
            at(case, *round),
            if *arithmetic { "" } else { "与计算数据" }
        ),
        (
            D::RoundState {
                case,
                round,
                closed: false,
                arithmetic,
                passed,
            },
            En,
        ) => {
            let mut has = Vec::new();
            if let Some(p) = passed {
                has.push(format!("a result ({})", result(Some(*p), En)));
            }
            if *arithmetic {
                has.push("its arithmetic".to_string());
            }
            format!(
                "{}never closed, yet it records {}",
                at(case, *round),
                has.join(" and ")
            )
        }
        (
            D::RoundState {
                case,
                round,
                closed: false,
                arithmetic,
                passed,
            },
            Zh,
        ) => {
            let mut has = Vec::new();
            if let Some(p) = passed {
                has.push(format!("表决结果（{}）", result(Some(*p), Zh)));
            }
            if *arithmetic {
                has.push("计算数据".to_string());
            }
            format!("{}未结束，却记有{}", at(case, *round), has.join("与"))
        }
        (D::RoundOpenAfterClose { case, round }, En) => {
            format!("{}still open, yet the meeting is closed", at(case, *round))
        }
        (D::RoundOpenAfterClose { case, round }, Zh) => {
            format!("{}会议已结束，本轮表决仍在进行中", at(case, *round))
        }
        (
            D::Tally {
                case,
                round,
                recorded,
                derived,
            },
            En,
        ) => format!(
            "{}the tally says {}; its opinions give {}",
            at(case, *round),
            tally(recorded, En),
            tally(derived, En)
        ),
        (
            D::Tally {
                case,
                round,
                recorded,
                derived,
            },
            Zh,
        ) => format!(
            "{}计票记为{}，按所记意见应为{}",
            at(case, *round),
            tally(recorded, Zh),
            tally(derived, Zh)
        ),
        (
            D::DuplicateOpinion {
                case,
                round,
                member,
            },
            En,
        ) => {
            format!(
                "{}{} has more than one opinion",
                at(case, *round),
                e(member)
            )
        }
        (
            D::DuplicateOpinion {
                case,
                round,
                member,
            },
            Zh,
        ) => {
            format!("{}{} 有多份表态意见", at(case, *round), e(member))
        }
        (
            D::OpinionFromNonVoting {
                case,
                round,
                member,
            },
            En,
        ) => format!(
            "{}an opinion of {}, who is not a voting member",
            at(case, *round),
            e(member)
        ),
        (
            D::OpinionFromNonVoting {
                case,
                round,
                member,
            },
            Zh,
        ) => {
            format!(
                "{}{} 不是表决成员，却记有其表态意见",
                at(case, *round),
                e(member)
            )
        }
        (
            D::OpinionFromRecused {
                case,
                round,
                member,
            },
            En,
        ) => {
            format!(
                "{}an opinion of {}, who is recused",
                at(case, *round),
                e(member)
            )
        }
        (
            D::OpinionFromRecused {
                case,
                round,
                member,
            },
            Zh,
        ) => {
            format!("{}{} 已回避，却记有其表态意见", at(case, *round), e(member))
        }
        (
            D::OpinionFromAbsent {
                case,
                round,
                member,
            },
            En,
        ) => format!(
            "{}an opinion of {}, whom the attendance shows absent when the round closed",
            at(case, *round),
            e(member)
        ),
        (
            D::OpinionFromAbsent {
                case,
                round,
                member,
            },
            Zh,
        ) => format!(
            "{}按出席情况 {} 在本轮结束时缺席，却记有其表态意见",
            at(case, *round),
            e(member)
        ),
        (D::SecretNamed { case, round }, En) => format!(
            "{}a secret ballot, yet the record names who voted how",
            at(case, *round)
        ),
        (D::SecretNamed { case, round }, Zh) => {
            format!("{}本轮为无记名投票，记录却载有个人表态", at(case, *round))
        }
        (
            D::SecretCountsExceed {
                case,
                round,
                total,
                present_entitled,
            },
            En,
        ) => format!(
            "{}the secret ballot counts {total} votes; only {present_entitled} members were present and entitled",
            at(case, *round)
        ),
        (
            D::SecretCountsExceed {
                case,
                round,
                total,
                present_entitled,
            },
            Zh,
        ) => format!(
            "{}无记名投票计{total}票，超过到会且应到会的{present_entitled}人",
            at(case, *round)
        ),
        (
            D::OpinionCount {
                case,
                round,
                opinions,
                present_entitled,
            },
            En,
        ) => format!(
            "{}closed with {opinions} opinions; {present_entitled} members were present and entitled",
            at(case, *round)
        ),
        (
            D::OpinionCount {
                case,
                round,
                opinions,
                present_entitled,
            },
            Zh,
        ) => format!(
            "{}结束时记有表态意见{opinions}份，而到会且应到会{present_entitled}人",
            at(case, *round)
        ),
        (
            D::Voting {
                case,
                round,
                recorded,
                derived,
            },
            En,
        ) => format!(
            "{}V says {recorded} voting members; the panel has {derived}",
            at(case, *round)
        ),
        (
            D::Voting {
                case,
                round,
                recorded,
                derived,
            },
            Zh,
        ) => format!(
            "{}表决成员 V 记为{recorded}人，按委员会成员应为{derived}人",
            at(case, *round)
        ),
        (
            D::RecusalNotRecorded {
                case,
                round,
                member,
            },
            En,
        ) => format!(
            "{}{} is listed as recused, yet the case records no recusal of theirs",
            at(case, *round),
            e(member)
        ),
        (
            D::RecusalNotRecorded {
                case,
                round,
                member,
            },
            Zh,
        ) => {
            format!(
                "{}{} 列为回避，但本案没有其回避记录",
                at(case, *round),
                e(member)
            )
        }
        (
            D::RecusalOmitted {
                case,
                round,
                member,
            },
            En,
        ) => format!(
            "{}{} is recused with the case file, yet the round does not list them as recused",
            at(case, *round),
            e(member)
        ),
        (
            D::RecusalOmitted {
                case,
                round,
                member,
            },
            Zh,
        ) => {
            format!(
                "{}案件文件载明 {} 回避，本轮却未列其回避",
                at(case, *round),
                e(member)
            )
        }
        (
            D::Entitled {
                case,
                round,
                recorded,
                derived,
            },
            En,
        ) => format!(
            "{}E says {recorded} entitled; V minus the recused gives {derived}",
            at(case, *round)
        ),
        (
            D::Entitled {
                case,
                round,
                recorded,
                derived,
            },
            Zh,
        ) => format!(
            "{}应到会 E 记为{recorded}人，按表决成员减去回避成员应为{derived}人",
            at(case, *round)
        ),
        (
            D::Present {
                case,
                round,
                figure,
                recorded,
                least,
                most,
            },
            En,
        ) => {
            let what = match figure {
                Presence::Present => "P says {n} present",
                Presence::PresentEntitled => "PE says {n} present and entitled",
            }
            .replace("{n}", &recorded.to_string());
            let gives = if least == most {
                least.to_string()
            } else {
                format!("{least} to {most}")
            };
            format!(
                "{}{what}; the attendance at the close gives {gives}",
                at(case, *round)
            )
        }
        (
            D::Present {
                case,
                round,
                figure,
                recorded,
                least,
                most,
            },
            Zh,
        ) => {
            let what = match figure {
                Presence::Present => "到会 P",
                Presence::PresentEntitled => "到会且应到会 PE",
            };
            let gives = if least == most {
                format!("{least}人")
            } else {
                format!("{least}至{most}人")
            };
            format!(
                "{}{what} 记为{recorded}人，按出席情况于本轮结束时应为{gives}",
                at(case, *round)
            )
        }
        (
            D::Counts {
                case,
                round,
                voting,
                entitled,
                present,
                present_entitled,
            },
            lang,
        ) => {
            let counts = pr_counts(*voting, *entitled, *present, *present_entitled, lang);
            match lang {
                En => format!("{}the figures cannot all hold: {counts}", at(case, *round)),
                Zh => format!("{}各项人数不能同时成立：{counts}", at(case, *round)),
            }
        }
        (
            D::RoundFraction {
                case,
                round,
                recorded,
            },
            En,
        ) => format!(
            "{}the case quorum's fraction {} cannot be read",
            at(case, *round),
            q(recorded)
        ),
        (
            D::RoundFraction {
                case,
                round,
                recorded,
            },
            Zh,
        ) => format!(
            "{}本案法定人数的到会比例 {} 无法识别",
            at(case, *round),
            q(recorded)
        ),
        (
            D::CaseQuorum {
                case,
                round,
                recorded_needed,
                recorded_met,
                derived_needed,
                derived_met,
            },
            En,
        ) => format!(
            "{}the case quorum says {recorded_needed} needed, {}; its fraction of E and PE gives {derived_needed} needed, {}",
            at(case, *round),
            met(*recorded_met, En),
            met(*derived_met, En)
        ),
        (
            D::CaseQuorum {
                case,
                round,
                recorded_needed,
                recorded_met,
                derived_needed,
                derived_met,
            },
            Zh,
        ) => format!(
            "{}本案法定人数记为须{recorded_needed}人、{}，按所记到会比例与应到会、到会且应到会人数应为须{derived_needed}人、{}",
            at(case, *round),
            met(*recorded_met, Zh),
            met(*derived_met, Zh)
        ),
        (
            D::Needed {
                case,
                round,
                rule,
                recorded_base,
                recorded_needed,
                derived_base,
                derived_needed,
            },
            En,
        ) => format!(
            "{}under `{}` the record says base {recorded_base}, {recorded_needed} agreeing needed; the rule gives base {derived_base}, {derived_needed} agreeing needed",
            at(case, *round),
            rule.id()
        ),
        (
            D::Needed {
                case,
                round,
                rule,
                recorded_base,
                recorded_needed,
                derived_base,
                derived_needed,
            },
            Zh,
        ) => format!(
            "{}通过规则 `{}` 记为基数{recorded_base}、须同意{recorded_needed}票，按该规则应为基数{derived_base}、须同意{derived_needed}票",
            at(case, *round),
            rule.id()
        ),
        (
            D::Passed {
                case,
                round,
                recorded,
                derived,
            },
            En,
        ) => format!(
            "{}{}; its quorum, rule and tally give {}",
            at(case, *round),
            match recorded {
                Some(_) => format!("the result is recorded as {}", result(*recorded, En)),
                None => "no result is recorded".into(),
            },
            result(Some(*derived), En)
        ),
        (
            D::Passed {
                case,
                round,
                recorded,
                derived,
            },
            Zh,
        ) => format!(
            "{}{}，按本轮法定人数、通过规则与计票应为{}",
            at(case, *round),
            match recorded {
                Some(_) => format!("结果记为{}", result(*recorded, Zh)),
                None => "未记结果".into(),
            },
            result(Some(*derived), Zh)
        ),
        (
            D::QuorumLost {
                case,
                round,
                present_entitled,
                needed,
            },
            En,
        ) => format!(
            "{}the quorum is recorded as lost, yet {present_entitled} present and entitled meet the {needed} needed",
            at(case, *round)
        ),
        (
            D::QuorumLost {
                case,
                round,
                present_entitled,
                needed,
            },
            Zh,
        ) => format!(
            "{}记为失去法定人数，但到会且应到会{present_entitled}人、须{needed}人，已达到法定人数",
            at(case, *round)
        ),
        (
            D::Determination {
                case,
                version,
                fault,
            },
            En,
        ) => format!(
            "case {}, version {version} of the determination: {}",
            e(case),
            determination(fault, En)
        ),
        (
            D::Determination {
                case,
                version,
                fault,
            },
            Zh,
        ) => format!(
            "案件 {} 决定第{version}版：{}",
            e(case),
            determination(fault, Zh)
        ),
        (D::Reconsideration { case, fault }, En) => format!(
            "case {}, reconsideration: {}",
            e(case),
            reconsideration(fault, En)
        ),
        (D::Reconsideration { case, fault }, Zh) => {
            format!("案件 {} 复议：{}", e(case), reconsideration(fault, Zh))
        }
    }
}

fn determination(f: &DeterminationFault, lang: Lang) -> String {
    use DeterminationFault as F;
    use Lang::{En, Zh};
    match (f, lang) {
        (F::NoSuchRound(n), En) => format!("it rests on round {n}, which the case does not have"),
        (F::NoSuchRound(n), Zh) => format!("所依据的第{n}轮表决不存在"),
        (F::RoundNotPassed(n), En) => format!("it rests on round {n}, which did not pass"),
        (F::RoundNotPassed(n), Zh) => format!("所依据的第{n}轮表决未通过"),
        (F::RoundVoid(n), En) => {
            format!("it rests on round {n}, which is void, yet it is not withdrawn")
        }
        (F::RoundVoid(n), Zh) => format!("所依据的第{n}轮表决已作废，该决定却未撤回"),
        (
            F::OutcomeDiffers {
                round,
                recorded,
                proposed,
            },
            En,
        ) => format!(
            "its outcome is {}, yet round {round} put {} to the vote",
            q(recorded),
            q(proposed)
        ),
        (
            F::OutcomeDiffers {
                round,
                recorded,
                proposed,
            },
            Zh,
        ) => format!(
            "处理结果为 {}，而第{round}轮表决的提议为 {}",
            q(recorded),
            q(proposed)
        ),
        (F::DeferralWithRound(n), En) => format!("a deferral, yet it rests on round {n}"),
        (F::DeferralWithRound(n), Zh) => format!("暂缓却以第{n}轮表决为依据"),
        (F::NoRound, En) => "an outcome other than a deferral, yet it rests on no round".into(),
        (F::NoRound, Zh) => "暂缓以外的处理结果，却没有所依据的表决".into(),
        (F::WithdrawnWithoutRound, En) => {
            "withdrawn, yet it rested on no round, and only the void of its round withdraws a determination"
                .into()
        }
        (F::WithdrawnWithoutRound, Zh) => {
            "已撤回，但并无所依据的表决，而只有作废所依据的表决才能撤回决定".into()
        }
        (
            F::WithdrawnByOtherRound {
                rests_on,
                withdrawn_by,
            },
            En,
        ) => format!(
            "it rested on round {rests_on}, yet it is withdrawn by the void of round {withdrawn_by}"
        ),
        (
            F::WithdrawnByOtherRound {
                rests_on,
                withdrawn_by,
            },
            Zh,
        ) => {
            format!("以第{rests_on}轮表决为依据，却因第{withdrawn_by}轮作废而撤回")
        }
        (F::WithdrawnRoundNotVoid(n), En) => {
            format!("withdrawn, yet round {n}, which it rested on, is not void")
        }
        (F::WithdrawnRoundNotVoid(n), Zh) => format!("已撤回，但所依据的第{n}轮表决未作废"),
    }
}

fn reconsideration(f: &ReconsiderationFault, lang: Lang) -> String {
    use Lang::{En, Zh};
    use ReconsiderationFault as F;
    let e = |s: &str| escape(s).into_owned();
    match (f, lang) {
        (F::NotAgreed { agree, of }, En) => {
            format!("{agree} of {of} voting members agreed, not more than half")
        }
        (F::NotAgreed { agree, of }, Zh) => {
            format!("全体{of}名表决成员中{agree}人同意，未超过半数")
        }
        (F::OverPresent { agree, present }, En) => {
            format!("{agree} agreed, more than the {present} voting members present")
        }
        (F::OverPresent { agree, present }, Zh) => {
            format!("同意复议{agree}人，多于到会的表决成员{present}人")
        }
        (F::Of { recorded, derived }, En) => {
            format!("it counts {recorded} voting members; the panel has {derived}")
        }
        (F::Of { recorded, derived }, Zh) => {
            format!("表决成员记为{recorded}人，按委员会成员应为{derived}人")
        }
        (F::Members { listed, agree }, En) => {
            format!("{listed} members are listed as agreeing, yet it says {agree} agreed")
        }
        (F::Members { listed, agree }, Zh) => {
            format!("列出同意复议的成员{listed}人，而同意人数记为{agree}人")
        }
        (F::DuplicateMember(m), En) => format!("{} is listed twice", e(m)),
        (F::DuplicateMember(m), Zh) => format!("{} 被重复列出", e(m)),
        (F::MemberNotVoting(m), En) => format!("{} agreed, yet is not a voting member", e(m)),
        (F::MemberNotVoting(m), Zh) => format!("同意复议的 {} 不是表决成员", e(m)),
        (F::MemberRecused(m), En) => format!("{} agreed, yet is recused with the case file", e(m)),
        (F::MemberRecused(m), Zh) => format!("同意复议的 {} 依案件文件应当回避", e(m)),
        (F::SecretNamed, En) => "given by secret ballot, yet it names members".into(),
        (F::SecretNamed, Zh) => "以无记名投票同意，却列出了成员".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pass_rule::PassRule;

    const ESC: &str = "\u{1b}[2J";

    /// One of every discrepancy and fault, naming `case`, and `x` for every other text from a
    /// file.
    fn every(case: &str, x: &str) -> Vec<Discrepancy> {
        use DeterminationFault as F;
        use Discrepancy as D;
        use ReconsiderationFault as R;
        let c = || case.to_string();
        let s = || x.to_string();
        let figures = QuorumFigures {
            voting: 6,
            present: 6,
            needed: 4,
            met: true,
        };
        let mut all = vec![
            D::MeetingFraction { recorded: s() },
            D::MeetingQuorum {
                recorded: figures,
                derived: QuorumFigures {
                    present: 3,
                    met: false,
                    ..figures
                },
            },
            D::RoundNumber {
                case: c(),
                position: 2,
                recorded: 3,
            },
            D::RoundOpenAfterClose {
                case: c(),
                round: 1,
            },
            D::Tally {
                case: c(),
                round: 1,
                recorded: Tally::default(),
                derived: Tally {
                    agree: 4,
                    ..Tally::default()
                },
            },
            D::SecretNamed {
                case: c(),
                round: 1,
            },
            D::SecretCountsExceed {
                case: c(),
                round: 1,
                total: 7,
                present_entitled: 6,
            },
            D::OpinionCount {
                case: c(),
                round: 1,
                opinions: 5,
                present_entitled: 6,
            },
            D::Voting {
                case: c(),
                round: 1,
                recorded: 7,
                derived: 6,
            },
            D::Entitled {
                case: c(),
                round: 1,
                recorded: 4,
                derived: 5,
            },
            D::Counts {
                case: c(),
                round: 1,
                voting: 6,
                entitled: 5,
                present: 7,
                present_entitled: 4,
            },
            D::RoundFraction {
                case: c(),
                round: 1,
                recorded: s(),
            },
            D::CaseQuorum {
                case: c(),
                round: 1,
                recorded_needed: 4,
                recorded_met: true,
                derived_needed: 4,
                derived_met: false,
            },
            D::Needed {
                case: c(),
                round: 1,
                rule: PassRule::MoreThanHalfOfEntitled,
                recorded_base: 6,
                recorded_needed: 3,
                derived_base: 6,
                derived_needed: 4,
            },
            D::QuorumLost {
                case: c(),
                round: 1,
                present_entitled: 5,
                needed: 4,
            },
        ];
        for (closed, arithmetic, passed) in [
            (true, false, None),
            (true, true, None),
            (false, false, Some(true)),
            (false, true, Some(false)),
            (false, true, None),
        ] {
            all.push(D::RoundState {
                case: c(),
                round: 1,
                closed,
                arithmetic,
                passed,
            });
        }
        for (recorded, derived) in [(Some(true), false), (Some(false), true), (None, true)] {
            all.push(D::Passed {
                case: c(),
                round: 1,
                recorded,
                derived,
            });
        }
        for figure in [Presence::Present, Presence::PresentEntitled] {
            for (least, most) in [(6, 6), (5, 6)] {
                all.push(D::Present {
                    case: c(),
                    round: 1,
                    figure,
                    recorded: 2,
                    least,
                    most,
                });
            }
        }
        type Named = fn(String, u32, String) -> Discrepancy;
        let named: [Named; 6] = [
            |case, round, member| D::DuplicateOpinion {
                case,
                round,
                member,
            },
            |case, round, member| D::OpinionFromNonVoting {
                case,
                round,
                member,
            },
            |case, round, member| D::OpinionFromRecused {
                case,
                round,
                member,
            },
            |case, round, member| D::OpinionFromAbsent {
                case,
                round,
                member,
            },
            |case, round, member| D::RecusalNotRecorded {
                case,
                round,
                member,
            },
            |case, round, member| D::RecusalOmitted {
                case,
                round,
                member,
            },
        ];
        all.extend(named.iter().map(|f| f(c(), 1, s())));
        let faults = [
            F::NoSuchRound(2),
            F::RoundNotPassed(1),
            F::RoundVoid(1),
            F::OutcomeDiffers {
                round: 1,
                recorded: s(),
                proposed: s(),
            },
            F::DeferralWithRound(1),
            F::NoRound,
            F::WithdrawnWithoutRound,
            F::WithdrawnByOtherRound {
                rests_on: 1,
                withdrawn_by: 2,
            },
            F::WithdrawnRoundNotVoid(1),
        ];
        all.extend(faults.into_iter().map(|fault| D::Determination {
            case: c(),
            version: 2,
            fault,
        }));
        let faults = [
            R::NotAgreed { agree: 3, of: 6 },
            R::OverPresent {
                agree: 5,
                present: 4,
            },
            R::Of {
                recorded: 7,
                derived: 6,
            },
            R::Members {
                listed: 3,
                agree: 5,
            },
            R::DuplicateMember(s()),
            R::MemberNotVoting(s()),
            R::MemberRecused(s()),
            R::SecretNamed,
        ];
        all.extend(
            faults
                .into_iter()
                .map(|fault| D::Reconsideration { case: c(), fault }),
        );
        all
    }

    /// The case a discrepancy names; the match has no catch-all, so a new variant must be
    /// added to `every` and here.
    fn case_of(d: &Discrepancy) -> Option<&str> {
        use Discrepancy as D;
        match d {
            D::MeetingFraction { .. } | D::MeetingQuorum { .. } => None,
            D::RoundNumber { case, .. }
            | D::RoundState { case, .. }
            | D::RoundOpenAfterClose { case, .. }
            | D::Tally { case, .. }
            | D::DuplicateOpinion { case, .. }
            | D::OpinionFromNonVoting { case, .. }
            | D::OpinionFromRecused { case, .. }
            | D::OpinionFromAbsent { case, .. }
            | D::SecretNamed { case, .. }
            | D::SecretCountsExceed { case, .. }
            | D::OpinionCount { case, .. }
            | D::Voting { case, .. }
            | D::RecusalNotRecorded { case, .. }
            | D::RecusalOmitted { case, .. }
            | D::Entitled { case, .. }
            | D::Present { case, .. }
            | D::Counts { case, .. }
            | D::RoundFraction { case, .. }
            | D::CaseQuorum { case, .. }
            | D::Needed { case, .. }
            | D::Passed { case, .. }
            | D::QuorumLost { case, .. }
            | D::Determination { case, .. }
            | D::Reconsideration { case, .. } => Some(case),
        }
    }

    #[test]
    fn every_discrepancy_is_worded_in_both_languages_with_its_case() {
        let all = every("2026-003", "li-hong");
        assert_eq!(all.len(), 50);
        for d in &all {
            for lang in [Lang::En, Lang::Zh] {
                let s = discrepancy(d, lang);
                assert!(!s.trim().is_empty(), "{d:?} in {lang:?}");
                assert!(!s.ends_with('.') && !s.ends_with('。'), "{s}");
                if let Some(case) = case_of(d) {
                    assert!(s.contains(case), "{s} does not name {case}");
                }
            }
            assert_ne!(discrepancy(d, Lang::En), discrepancy(d, Lang::Zh));
        }
    }

    #[test]
    fn texts_from_the_file_are_escaped() {
        for d in every(ESC, ESC) {
            for lang in [Lang::En, Lang::Zh] {
                let s = discrepancy(&d, lang);
                assert!(!s.contains('\u{1b}'), "raw ESC in {s:?}");
                if case_of(&d).is_some() {
                    assert!(s.contains("\\u{1b}[2J"), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn a_tally_says_both_counts() {
        let d = Discrepancy::Tally {
            case: "2026-003".into(),
            round: 2,
            recorded: Tally {
                agree: 1,
                ..Tally::default()
            },
            derived: Tally {
                agree: 4,
                ..Tally::default()
            },
        };
        assert_eq!(
            discrepancy(&d, Lang::En),
            "case 2026-003, round 2: the tally says agree 1, disagree 0, defer 0, abstain 0; \
             its opinions give agree 4, disagree 0, defer 0, abstain 0"
        );
        assert_eq!(
            discrepancy(&d, Lang::Zh),
            "案件 2026-003 第2轮：计票记为同意1、不同意0、缓议0、弃权0，\
             按所记意见应为同意4、不同意0、缓议0、弃权0"
        );
    }

    #[test]
    fn a_result_names_what_is_recorded_and_what_is_derived() {
        let d = Discrepancy::Passed {
            case: "2026-005".into(),
            round: 1,
            recorded: Some(true),
            derived: false,
        };
        let en = discrepancy(&d, Lang::En);
        assert!(en.contains("recorded as passed") && en.ends_with("give not passed"));
        let zh = discrepancy(&d, Lang::Zh);
        assert!(zh.contains("记为通过") && zh.ends_with("应为未通过"));
    }
}
