//! The wording of what re-deriving found in a round itself: number, state, tally, opinions.

use super::{at, of_case, result, tally};
use crate::domain::audit::Discrepancy;
use crate::domain::text::Lang;
use crate::sanitize::escape;

/// One of the discrepancies in a round itself (its number, state, tally and opinions), as one line.
pub(super) fn discrepancy(d: &Discrepancy, lang: Lang) -> String {
    use Discrepancy as D;
    use Lang::{En, Zh};
    let e = |s: &str| escape(s).into_owned();
    match (d, lang) {
        (
            D::RoundNumber {
                case,
                position,
                recorded,
            },
            En,
        ) => format!(
            "{}round {position} in order is numbered {recorded}",
            of_case(case, lang)
        ),
        (
            D::RoundNumber {
                case,
                position,
                recorded,
            },
            Zh,
        ) => {
            format!(
                "{}按顺序的第{position}轮记为第{recorded}轮",
                of_case(case, lang)
            )
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
            at(case, *round, lang),
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
            at(case, *round, lang),
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
                at(case, *round, lang),
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
            format!("{}未结束，却记有{}", at(case, *round, lang), has.join("与"))
        }
        (D::RoundOpenAfterClose { case, round }, En) => {
            format!(
                "{}still open, yet the meeting is closed",
                at(case, *round, lang)
            )
        }
        (D::RoundOpenAfterClose { case, round }, Zh) => {
            format!("{}会议已结束，本轮表决仍在进行中", at(case, *round, lang))
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
            at(case, *round, lang),
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
            at(case, *round, lang),
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
                at(case, *round, lang),
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
            format!("{}{} 有多份表态意见", at(case, *round, lang), e(member))
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
            at(case, *round, lang),
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
                at(case, *round, lang),
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
                at(case, *round, lang),
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
            format!(
                "{}{} 已回避，却记有其表态意见",
                at(case, *round, lang),
                e(member)
            )
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
            at(case, *round, lang),
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
            at(case, *round, lang),
            e(member)
        ),
        (D::SecretNamed { case, round }, En) => format!(
            "{}a secret ballot, yet the record names who voted how",
            at(case, *round, lang)
        ),
        (D::SecretNamed { case, round }, Zh) => {
            format!(
                "{}本轮为无记名投票，记录却载有个人表态",
                at(case, *round, lang)
            )
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
            at(case, *round, lang)
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
            at(case, *round, lang)
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
            at(case, *round, lang)
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
            at(case, *round, lang)
        ),
        // Worded in the other files of `audit`; `audit::discrepancy` sends none of them here.
        (
            D::MeetingFraction { .. }
            | D::MeetingQuorum { .. }
            | D::Determination { .. }
            | D::Reconsideration { .. }
            | D::Voting { .. }
            | D::RecusalNotRecorded { .. }
            | D::RecusalOmitted { .. }
            | D::Entitled { .. }
            | D::Present { .. }
            | D::Counts { .. }
            | D::RoundFraction { .. }
            | D::CaseQuorum { .. }
            | D::Needed { .. }
            | D::Passed { .. }
            | D::QuorumLost { .. },
            _,
        ) => unreachable!("worded in another file of i18n::audit"),
    }
}
