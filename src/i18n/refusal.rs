//! Why the meeting rule refused an action (`domain::meeting::Refusal`), in words.

use super::{FINALIZED, member_name, method, minutes_full, q};
use crate::domain::text::Lang;
use crate::sanitize::escape;

/// Why the meeting rule refused an action, in words.
pub fn refusal(
    r: &crate::domain::meeting::Refusal,
    lang: Lang,
    panel: &crate::domain::panel::Panel,
) -> String {
    use crate::domain::meeting::Refusal as R;
    let name = |id: &str| escape(member_name(panel, id)).into_owned();
    let zh = lang == Lang::Zh;
    match r {
        R::Closed => FINALIZED.get(lang).into(),
        R::MinutesFull(limit) => minutes_full(*limit, lang),
        R::UnknownMember(m) => {
            if zh {
                format!("未知成员 {}", q(m))
            } else {
                format!("Unknown member {}", q(m))
            }
        }
        R::UnknownDistinction(d) => {
            if zh {
                format!("请先用 h/l 在 {} 上作出认定", escape(d))
            } else {
                format!("Place the finding on {} first (h/l)", escape(d))
            }
        }
        R::UnknownItem(i) => {
            if zh {
                format!("没有第 {} 项情形", escape(i))
            } else {
                format!("There is no item {}", escape(i))
            }
        }
        R::UnknownOutcome(o) => {
            if zh {
                format!("未知处理结果 {}", q(o))
            } else {
                format!("Unknown outcome {}", q(o))
            }
        }
        R::NotTakenUp(c) => {
            if zh {
                format!("案件 {} 尚未上会", q(c))
            } else {
                format!("Case {} is not taken up", q(c))
            }
        }
        R::NoQuorum(qu) => {
            if zh {
                format!(
                    "本案未达法定人数（到会且应参加 {} 人，需 {} 人），只能暂缓",
                    qu.present, qu.needed
                )
            } else {
                format!(
                    "No quorum for this case ({} present and entitled, {} needed): it can only be deferred",
                    qu.present, qu.needed
                )
            }
        }
        R::RoundOpen => {
            if zh {
                "本轮表决尚未结束（Enter 结束，X 作废）".into()
            } else {
                "A round is open: close it (Enter) or void it (X) first".into()
            }
        }
        R::NoOpenRound => {
            if zh {
                "没有进行中的表决（v 开始）".into()
            } else {
                "No round is open (v opens one)".into()
            }
        }
        R::NoRound(_) => {
            if zh {
                "没有可作废的表决".into()
            } else {
                "There is no round to void".into()
            }
        }
        R::AlreadyVoid => {
            if zh {
                "该轮已作废".into()
            } else {
                "That round is already void".into()
            }
        }
        R::NoProposal => {
            if zh {
                "尚无拟处理意见：先按 p 提出".into()
            } else {
                "No proposal yet: make one with p".into()
            }
        }
        R::NotPresent(m) => {
            if zh {
                format!("{} 不在场", name(m))
            } else {
                format!("{} is not present", name(m))
            }
        }
        R::Recused(m) => {
            if zh {
                format!("{} 已回避，不参加表决", name(m))
            } else {
                format!("{} is recused and does not vote", name(m))
            }
        }
        R::NotVoting(m) => {
            if zh {
                format!("{} 不是表决成员", name(m))
            } else {
                format!("{} is not a voting member", name(m))
            }
        }
        R::OpinionNotAllowed(o) => {
            if zh {
                format!("此表决方式不允许 {}", q(o.id()))
            } else {
                format!("This voting method does not allow {}", q(o.id()))
            }
        }
        R::ChairLast => {
            if zh {
                "主持人最后表态：请先记录其他成员的意见".into()
            } else {
                "The chair speaks last: record the other members first".into()
            }
        }
        R::SecretNeedsCounts => {
            if zh {
                "无记名投票只记票数（Enter 输入票数）".into()
            } else {
                "A secret ballot takes counts only (Enter to type them)".into()
            }
        }
        R::NamedNeedsOpinions => {
            if zh {
                "此表决方式逐人记录意见".into()
            } else {
                "This method records each member's opinion".into()
            }
        }
        R::CountsExceed { total, max } => {
            if zh {
                format!("票数合计 {total} 超过到会且应参加表决的 {max} 人")
            } else {
                format!("{total} votes counted, but only {max} members are present and entitled")
            }
        }
        R::Missing(ms) => {
            let names: Vec<String> = ms.iter().map(|m| name(m)).collect();
            if zh {
                format!("尚未表态：{}", names.join("、"))
            } else {
                format!("Not yet heard: {}", names.join(", "))
            }
        }
        R::NeedRationale => {
            if zh {
                "请填写理由".into()
            } else {
                "A rationale is required".into()
            }
        }
        R::NeedReason => {
            if zh {
                "请填写原因".into()
            } else {
                "A reason is required".into()
            }
        }
        R::NeedOverride => {
            if zh {
                "有区分认定为不予容错一侧，采用从宽结果须说明特别理由".into()
            } else {
                "A distinction is found not tolerable: a lenient outcome needs an override reason"
                    .into()
            }
        }
        R::AlreadyRecused(m) => {
            if zh {
                format!("{} 已回避", name(m))
            } else {
                format!("{} is already recused", name(m))
            }
        }
        R::NoVotingMembers => {
            if zh {
                "审议组没有主持人".into()
            } else {
                "The panel has no chair".into()
            }
        }
        R::NeedsReconsideration(m) => {
            if zh {
                format!(
                    "本案已于会议 {} 作出决定；复议须先经超过半数成员同意（按 R 记录）",
                    escape(m)
                )
            } else {
                format!(
                    "Decided at meeting {}: reconsidering needs more than half of the members to agree first (R)",
                    escape(m)
                )
            }
        }
        R::ReconsiderNotAgreed { agree, needed } => {
            if zh {
                format!("同意复议 {agree} 人，未超过半数（需 {needed} 人），不予复议")
            } else {
                format!("{agree} agree to reconsider; more than half ({needed}) are needed")
            }
        }
        R::AgreeOverPresent { agree, present } => {
            if zh {
                format!("同意复议 {agree} 人，多于到会的表决成员 {present} 人")
            } else {
                format!("{agree} cannot agree: only {present} voting members are present")
            }
        }
        R::SpokeInRound { member, round } => {
            if zh {
                format!(
                    "{} 已在第{round}轮表决中发表意见：须先作废该轮（X），再记录回避",
                    name(member)
                )
            } else {
                format!(
                    "{} gave an opinion in round {round}: void that round (X) before recording the recusal",
                    name(member)
                )
            }
        }
        R::AgreedToReconsider(member) => {
            if zh {
                format!(
                    "{} 已计入同意复议的成员：同意复议后不能再声明回避",
                    name(member)
                )
            } else {
                format!(
                    "{} is counted among those who agreed to reconsider this case: a recusal cannot follow that agreement",
                    name(member)
                )
            }
        }
        R::MethodNotAllowed(m) => {
            if zh {
                format!("本规则不允许{}", method(*m, lang))
            } else {
                format!("The rules do not allow a {}", method(*m, lang))
            }
        }
    }
}
