//! The wording of what re-deriving found in a round's figures, quorum and pass rule.
//!
//! The figures: the members counted (V, E, P, PE) and the recusals; then the case quorum,
//! the pass rule and the result they give.

use super::{at, met, result};
use crate::domain::audit::Discrepancy;
use crate::domain::audit::Presence;
use crate::domain::text::Lang;
use crate::i18n::{pr_counts, q};
use crate::sanitize::escape;

/// One of the discrepancies in a round's figures (members, recusals, quorum, pass rule, result), as one line.
pub(super) fn discrepancy(d: &Discrepancy, lang: Lang) -> String {
    use Discrepancy as D;
    use Lang::{En, Zh};
    let e = |s: &str| escape(s).into_owned();
    match (d, lang) {
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
            at(case, *round, lang)
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
            at(case, *round, lang)
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
            at(case, *round, lang),
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
                at(case, *round, lang),
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
            at(case, *round, lang),
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
                at(case, *round, lang),
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
            at(case, *round, lang)
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
            at(case, *round, lang)
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
                at(case, *round, lang)
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
                at(case, *round, lang)
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
                En => format!(
                    "{}the figures cannot all hold: {counts}",
                    at(case, *round, lang)
                ),
                Zh => format!("{}各项人数不能同时成立：{counts}", at(case, *round, lang)),
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
            at(case, *round, lang),
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
            at(case, *round, lang),
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
            at(case, *round, lang),
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
            at(case, *round, lang),
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
            at(case, *round, lang),
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
            at(case, *round, lang),
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
            at(case, *round, lang),
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
            at(case, *round, lang),
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
            at(case, *round, lang)
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
            at(case, *round, lang)
        ),
        // Worded in the other files of `audit`; `audit::discrepancy` sends none of them here.
        (
            D::MeetingFraction { .. }
            | D::MeetingQuorum { .. }
            | D::Determination { .. }
            | D::Reconsideration { .. }
            | D::RoundNumber { .. }
            | D::RoundState { .. }
            | D::RoundOpenAfterClose { .. }
            | D::Tally { .. }
            | D::DuplicateOpinion { .. }
            | D::OpinionFromNonVoting { .. }
            | D::OpinionFromRecused { .. }
            | D::OpinionFromAbsent { .. }
            | D::SecretNamed { .. }
            | D::SecretCountsExceed { .. }
            | D::OpinionCount { .. },
            _,
        ) => unreachable!("worded in another file of i18n::audit"),
    }
}
