//! The wording of what is wrong with a determination or a reconsideration a record holds.

use crate::domain::audit::{DeterminationFault, ReconsiderationFault};
use crate::domain::text::Lang;
use crate::i18n::q;
use crate::sanitize::escape;

pub(super) fn determination(f: &DeterminationFault, lang: Lang) -> String {
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

pub(super) fn reconsideration(f: &ReconsiderationFault, lang: Lang) -> String {
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
