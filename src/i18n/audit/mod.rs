//! The wording of what re-deriving a record's results found, in English and Chinese.
//!
//! Each line says what the record states and what its own inputs give. Every text from a
//! file (case, member and outcome ids, fractions) is escaped before it is shown.

use crate::domain::audit::{Discrepancy, QuorumFigures};
use crate::domain::tally::Tally;
use crate::domain::text::Lang;
use crate::i18n::{QUORUM_MET, QUORUM_NOT_MET, q};
use crate::sanitize::escape;

mod ballot;
mod determination;
mod figures;
#[cfg(test)]
mod tests;

use self::determination::{determination, reconsideration};

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

/// `case X, round N: ` or `案件 X 第N轮：`, before what a round holds.
fn at(case: &str, round: u32, lang: Lang) -> String {
    let case = escape(case);
    match lang {
        Lang::En => format!("case {case}, round {round}: "),
        Lang::Zh => format!("案件 {case} 第{round}轮："),
    }
}

/// `case X: ` or `案件 X：`, before what the case holds.
fn of_case(case: &str, lang: Lang) -> String {
    let case = escape(case);
    match lang {
        Lang::En => format!("case {case}: "),
        Lang::Zh => format!("案件 {case}："),
    }
}

/// What re-deriving a record's results from its votes found, as one line.
pub fn discrepancy(d: &Discrepancy, lang: Lang) -> String {
    use Discrepancy as D;
    use Lang::{En, Zh};
    let e = |s: &str| escape(s).into_owned();
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
            D::RoundNumber { .. }
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
            lang,
        ) => ballot::discrepancy(d, lang),
        (
            D::Voting { .. }
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
            lang,
        ) => figures::discrepancy(d, lang),
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
