//! The meeting: opening it, the roll call, the voting method, rounds, voids and departures.
//!
//! Also the members' consent to reconsider a case decided at an earlier meeting.

use super::member_name;
use crate::domain::text::Lang;
use crate::sanitize::escape;

s!(
    CANCELLED,
    "Cancelled: nothing was recorded.",
    "已取消，未作记录。"
);
s!(
    METHOD_FIXED,
    "The voting method is fixed once the meeting is open.",
    "会议开始后表决方式不可更改。"
);
s!(
    CHAIR_PRESENT,
    "The chair is present: no acting chair is needed.",
    "主持人到会，无需指定代主持人。"
);
s!(
    ACTING_MUST_VOTE,
    "An acting chair must be a voting member who is present.",
    "代主持人须为到会的表决成员。"
);
s!(
    MEETING_OPENED,
    "Meeting opened. Open a case with Enter.",
    "会议开始。按 Enter 打开案件。"
);
s!(
    OPEN_MEETING_FIRST,
    "Open a meeting first (m in the queue): outside a meeting cases are read-only.",
    "请先开会（在队列中按 m）：会议之外案件只读。"
);

/// The round just closed, named by its case and number, and whether its proposal passed.
pub fn round_closed(case: &str, round: u32, passed: bool, lang: Lang) -> String {
    let case = escape(case);
    match (lang, passed) {
        (Lang::En, true) => format!("Round {round} on {case} closed: the proposal passed."),
        (Lang::En, false) => format!("Round {round} on {case} closed: the proposal did not pass."),
        (Lang::Zh, true) => format!("{case} 第{round}轮表决结束：提议通过。"),
        (Lang::Zh, false) => format!("{case} 第{round}轮表决结束：提议未通过。"),
    }
}

s!(
    COUNTS_NUMBERS,
    "Counts are whole numbers.",
    "票数须为整数。"
);
s!(NO_MEETING, "no meeting open", "未开会");
s!(MEETING, "Meeting", "会议");
s!(QUORUM_MET, "quorum met", "达到法定人数");
s!(QUORUM_NOT_MET, "no quorum", "未达法定人数");
s!(PRESENT, "present", "到会");
s!(NEEDED, "needed", "需");
s!(ROLL, "Roll call", "点名");
s!(METHOD, "Voting method", "表决方式");
s!(ACTING_CHAIR, "acting chair", "代主持");
s!(ATTENDEES, "Non-voting attendees", "列席人员");
s!(ABSENT, "absent", "缺席");
s!(ROLE_CHAIR, "chair", "主持人");
s!(ROLE_MEMBER, "member", "成员");
s!(ROLE_CLERK, "clerk", "记录人");

pub fn method(m: crate::domain::rules::Method, lang: Lang) -> &'static str {
    use crate::domain::rules::Method::*;
    match (m, lang) {
        (Named, Lang::En) => "named roll call",
        (Named, Lang::Zh) => "记名表决",
        (ShowOfHands, Lang::En) => "show of hands",
        (ShowOfHands, Lang::Zh) => "举手表决",
        (Oral, Lang::En) => "oral vote",
        (Oral, Lang::Zh) => "口头表决",
        (Secret, Lang::En) => "secret ballot",
        (Secret, Lang::Zh) => "无记名投票",
    }
}

pub fn role(r: crate::domain::panel::Role, lang: Lang) -> &'static str {
    use crate::domain::panel::Role::*;
    match r {
        Chair => ROLE_CHAIR.get(lang),
        Member => ROLE_MEMBER.get(lang),
        Clerk => ROLE_CLERK.get(lang),
    }
}

s!(PICK_METHOD, "Method of this round", "本轮表决方式");
s!(AGREE_COUNT, "Agreeing:", "同意人数：");
s!(LEAVING, "Leaving:", "离席：");
s!(
    CONSENT_TITLE,
    "Who agrees to reconsider (复议)",
    "同意复议的成员"
);
s!(
    VOID_WITHDRAWS,
    "The standing determination rests on this round: voiding it withdraws that determination, and the case is undecided again.",
    "现行决定以本轮表决为依据：作废本轮将一并撤回该决定，本案重新成为未决。"
);
s!(
    DEPARTURE_WITHDRAWS,
    "They have given an opinion on the open round: it will be withdrawn (kept in the record), and on return they give it again.",
    "以上成员已在进行中的表决中发表意见：离席后其意见撤回（记录在案），返回后须重新表态。"
);

/// The reconsideration rule with its arithmetic: more than half of all V voting members,
/// at most the P present.
pub fn reconsider_rule(voting: u32, present: u32, lang: Lang) -> String {
    let needed = voting / 2 + 1;
    match lang {
        Lang::En => format!(
            "More than half of all {voting} voting members must agree: at least {needed}; {present} are present."
        ),
        Lang::Zh => format!(
            "须超过全体 {voting} 名表决成员的半数同意，即至少 {needed} 人；到会表决成员 {present} 人。"
        ),
    }
}

/// The confirmation of a reconsideration: who or how many agree, and what stands meanwhile.
pub fn reconsider_confirm(
    c: &crate::domain::meeting::Reconsideration,
    panel: &crate::domain::panel::Panel,
    kind: Option<&crate::domain::rules::Kind>,
    lang: Lang,
) -> Vec<String> {
    let names: Vec<&str> = c.members.iter().map(|m| member_name(panel, m)).collect();
    let who = if names.is_empty() {
        String::new()
    } else {
        escape(&names.join("、")).into_owned()
    };
    let standing = c.standing.as_deref().map_or("-", |o| {
        kind.and_then(|k| k.outcome(o))
            .map_or(o, |x| x.label.get(lang))
    });
    match lang {
        Lang::En => vec![
            format!(
                "Reconsider: {} of {} voting members agree ({} present). {who}",
                c.agree,
                c.of,
                c.present.unwrap_or(0)
            ),
            format!(
                "The decision of meeting {} ({}) stands unless a new one passes.",
                escape(&c.decided_in),
                escape(standing)
            ),
        ],
        Lang::Zh => vec![
            format!(
                "复议：全体 {} 名表决成员中 {} 人同意（到会 {} 人）。{who}",
                c.of,
                c.agree,
                c.present.unwrap_or(0)
            ),
            format!(
                "会议 {} 的原决定（{}）在新的决定通过前继续有效。",
                escape(&c.decided_in),
                escape(standing)
            ),
        ],
    }
}

/// The title of the count asked for a secret consent to reconsider, with the arithmetic.
pub fn reconsider_count_title(voting: u32, present: u32, lang: Lang) -> String {
    let needed = voting / 2 + 1;
    match lang {
        Lang::En => format!(
            "Members agreeing to reconsider (of {voting}: at least {needed}; {present} present)"
        ),
        Lang::Zh => {
            format!("同意复议的人数（全体 {voting} 人须至少 {needed} 人；到会 {present} 人）")
        }
    }
}

s!(
    QUIT_IN_MEETING,
    "Quit? The meeting stays open: everything recorded is saved, and the next start resumes it here.",
    "退出？会议仍未结束：已记录的内容均已保存，下次启动时从此处继续。"
);

/// The title of the box asking why round `n` is voided.
pub fn void_reason_title(n: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Void round {n}: reason"),
        Lang::Zh => format!("作废第{n}轮：原因"),
    }
}

s!(
    RESUMED,
    "Resumed the meeting that was not finished",
    "已恢复未结束的会议"
);
s!(
    CHAIR_ABSENT_NO_ACTING,
    "The chair is absent and no acting chair is named (c on a member).",
    "主持人缺席且未指定代主持人（在成员上按 c）。"
);
s!(SECRET_BALLOT, "Secret ballot", "无记名投票");
s!(
    RECONSIDER_AGREE,
    "Members agreeing to reconsider (more than half needed)",
    "同意复议的成员人数（须超过半数）"
);
s!(REASON, "reason", "原因");

pub fn resumed(id: &str, lang: Lang) -> String {
    format!("{} {}", RESUMED.get(lang), escape(id))
}
