//! The words of the case screen, and those it shares with the printed minutes.
//!
//! Its parts: facts, the three distinctions, situations or grounds, recusals, rounds, the
//! determination. Shared with the minutes: withdrawn and amended determinations, opinions
//! withdrawn on departure, a lost quorum, reconsideration, the record of an earlier meeting.

use crate::domain::text::Lang;

s!(RECEIVED, "received", "收到");
s!(CLAIMED, "claimed", "申请");
s!(PROPOSAL, "Proposal", "拟处理意见");
s!(NO_PROPOSAL, "none yet", "尚无");
s!(REVIEW_OF, "Review of", "复核");
s!(FACTS, "Summary and facts", "案情与事实");
s!(DISTINCTIONS, "The three distinctions", "三个区分开来");
s!(TOLERABLE, "tolerable", "可容错");
s!(NOT_TOLERABLE, "not tolerable", "不予容错");
s!(BASIS, "basis", "依据");
s!(SITUATIONS, "Situations", "容错情形");
s!(GROUNDS, "Grounds", "调整情形");
s!(FOUND, "found", "认定");
s!(
    VOTE,
    "Recusals, rounds and determination",
    "回避、表决与决定"
);
s!(RECUSED, "Recused", "回避");
s!(NONE, "none", "无");
s!(PRESENTER, "Presenter", "汇报人");
s!(ROUND, "Round", "第几轮");
s!(VOID, "void", "作废");
s!(PASSED, "passed", "通过");
s!(FAILED, "not passed", "未通过");
s!(OPEN, "open", "进行中");
s!(DETERMINATION, "Determination", "决定");
s!(RATIONALE, "Rationale", "理由");
s!(DISSENT, "Dissent", "不同意见");
s!(OVERRIDE, "Override reason", "特别说明理由");
s!(
    LENIENT_NO_SITUATION,
    "Note: a lenient outcome, and no situation is marked found.",
    "注意：结论从宽，但未认定任何容错情形。"
);
s!(OUTCOME, "Outcome", "处理结果");
s!(
    NOT_OPENED,
    "No round yet. p: proposal, v: open a round.",
    "尚未表决。p：拟处理意见，v：开始表决。"
);
s!(
    SECRET_COUNTS,
    "Secret ballot: counts only",
    "无记名投票：仅记票数"
);
s!(
    TAB_TO_DISTINCTIONS,
    "h/l place findings on the distinctions: Tab to them first.",
    "h/l 用于在三个区分上作出认定：请先按 Tab 切换过去。"
);
s!(WOULD_PASS, "would pass", "可通过");
s!(NOT_YET, "not yet", "尚未达到");
s!(WOULD_FAIL, "would fail", "将不通过");
s!(DECIDED_AT, "Decided at", "已决定于");
s!(SAT_ON, "sat on", "曾参与审议");
s!(EARLIER, "Earlier decision", "原决定");
s!(CURRENT, "This review", "本次复核");
s!(WITHDRAWN, "withdrawn", "已撤回");
s!(
    OPINION_WITHDRAWN_LEFT,
    "opinion withdrawn: left the meeting",
    "离席，意见撤回"
);

/// Why a determination no longer stands: the void of the round it rested on.
pub fn withdrawn_because(round: u32, at: &str, reason: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("round {round} voided {at}: {reason}"),
        Lang::Zh => format!("第{round}轮已作废（{at}）：{reason}"),
    }
}

/// `amended, version 2` for a determination amended since it was first made; when every
/// earlier version was withdrawn with its round instead, `version 2, earlier withdrawn`.
pub fn amended_version(n: usize, amended: bool, lang: Lang) -> String {
    match (lang, amended) {
        (Lang::En, true) => format!("amended, version {n}"),
        (Lang::En, false) => format!("version {n}, earlier withdrawn"),
        (Lang::Zh, true) => format!("已修改，第{n}版"),
        (Lang::Zh, false) => format!("第{n}版，此前版本已撤回"),
    }
}

/// One opinion withdrawn on departure: who, what, when.
pub fn opinion_withdrawn(at: &str, name: &str, opinion: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{at} {name}: {opinion}, {}", OPINION_WITHDRAWN_LEFT.en),
        Lang::Zh => format!("{at} {name}：{opinion}，{}", OPINION_WITHDRAWN_LEFT.zh),
    }
}

/// Opinions of a secret ballot withdrawn on departure: the count alone.
pub fn opinions_withdrawn_count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{n} left the meeting: their ballots withdrawn"),
        Lang::Zh => format!("{n} 人离席，意见撤回"),
    }
}

/// The case's quorum lost, in words.
pub fn quorum_lost(present_entitled: u32, needed: u32, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("case quorum lost: present and entitled {present_entitled}, needed {needed}")
        }
        Lang::Zh => format!("本案失去法定人数：到会且应参加 {present_entitled} 人，需 {needed} 人"),
    }
}

/// The members' consent to reconsider: `agree 4 / of 6 / present 5`.
pub fn reconsider_counts(agree: u32, of: u32, present: Option<u32>, lang: Lang) -> String {
    let mut s = match lang {
        Lang::En => format!("agree {agree} / of {of}"),
        Lang::Zh => format!("同意 {agree} / 共 {of} 人"),
    };
    if let Some(p) = present {
        s.push_str(&match lang {
            Lang::En => format!(" / present {p}"),
            Lang::Zh => format!(" / 到会 {p} 人"),
        });
    }
    s
}

/// A reconsideration that ended without a new decision: the earlier one stands.
pub fn reconsideration_no_change(meeting: &str, outcome: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "The reconsideration reached no new decision; the decision of meeting {meeting} ({outcome}) stands"
        ),
        Lang::Zh => format!("复议未形成新的决定，原决定（会议 {meeting}：{outcome}）维持"),
    }
}

/// The header of a case shown from an earlier meeting's minutes.
pub fn record_of_meeting(meeting: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Record of meeting {meeting}, read-only"),
        Lang::Zh => format!("会议 {meeting} 的记录（只读）"),
    }
}

/// A vote round's name: 第N轮, Round N.
pub fn round_title(number: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第{number}轮"),
        Lang::En => format!("Round {number}"),
    }
}

/// What a pass rule counts against, in a tally's one line: entitled, present, or cast.
pub fn pass_base(rule: crate::domain::pass_rule::PassRule, lang: Lang) -> &'static str {
    use crate::domain::pass_rule::PassRule as P;
    match (rule, lang) {
        (P::MoreThanHalfOfEntitled | P::TwoThirdsOfEntitled, Lang::Zh) => "应到会",
        (P::MoreThanHalfOfEntitled | P::TwoThirdsOfEntitled, Lang::En) => "entitled",
        (P::MoreThanHalfOfPresent, Lang::Zh) => "到会",
        (P::MoreThanHalfOfPresent, Lang::En) => "present",
        (P::MoreThanHalfOfVotesCast, Lang::Zh) => "投票",
        (P::MoreThanHalfOfVotesCast, Lang::En) => "cast",
    }
}
