//! The words of printed documents (`docket minutes`, `docket agenda`).
//!
//! Their functions return raw text: the printers escape everything for the format they write.

use super::{QUORUM_MET, QUORUM_NOT_MET, WITHDRAWN};
use crate::domain::text::Lang;

s!(PR_MINUTES, "Minutes of the meeting", "会议记录");
s!(PR_AGENDA, "Agenda for the next meeting", "下次会议议程");
s!(PR_CLASSIFICATION, "Classification", "密级");
s!(PR_MEETING_ID, "Meeting", "会议编号");
s!(PR_DATE, "Date", "日期");
s!(PR_TIME, "Time", "时间");
s!(PR_CONVENED_BY, "Convened by", "召集单位");
s!(PR_RULES, "Rules applied", "适用规则");
s!(PR_CHAIR, "Chair", "主持人");
s!(PR_ACTING_CHAIR, "Acting chair", "代主持人");
s!(PR_CLERK, "Clerk", "记录人");
s!(PR_ATTENDANCE, "Attendance", "出席情况");
s!(PR_PRESENT, "Present", "到会人员");
s!(PR_ABSENT, "Absent", "缺席人员");
s!(PR_MOVEMENTS, "Arrivals and departures", "人员进出");
s!(PR_NAME, "Name", "姓名");
s!(PR_ROLE, "Role", "身份");
s!(PR_REASON, "Reason", "原因");
s!(PR_ARRIVED, "arrived", "到会");
s!(PR_LEFT, "left", "离会");
s!(PR_MOVE, "In or out", "进出");
s!(PR_QUORUM, "Quorum", "法定人数");
s!(PR_CASES, "Cases", "审议案件");
s!(PR_KIND, "Kind", "类别");
s!(PR_SUBJECT, "Subject", "当事人");
s!(PR_POSITION, "Position", "职务");
s!(PR_UNIT, "Unit", "单位");
s!(PR_RECEIVED, "Received", "收到日期");
s!(PR_SUMMARY, "Summary", "案情概要");
s!(PR_RECUSALS, "Recusals", "回避");
s!(PR_MUST_RECUSE, "Must recuse", "应当回避");
s!(PR_DECLARED, "declared in the meeting", "会上声明");
s!(PR_LISTED, "listed in the case file", "案件材料所列");
s!(PR_BASIS, "Basis", "依据");
s!(PR_FINDING, "Finding", "认定");
s!(PR_TOLERABLE, "Tolerable", "可容错");
s!(PR_NOT_TOLERABLE, "Not tolerable", "不予容错");
s!(PR_NO_FINDING, "No finding recorded.", "未作认定。");
s!(PR_SITUATIONS_FOUND, "Situations found", "认定的容错情形");
s!(PR_GROUNDS_FOUND, "Grounds found", "认定的调整情形");
s!(PR_ITEMS_FOUND, "Situations or grounds found", "认定的情形");
s!(
    PR_SITUATIONS_CLAIMED,
    "Situations claimed",
    "申请的容错情形"
);
s!(PR_GROUNDS_CLAIMED, "Grounds claimed", "提出的调整情形");
s!(
    PR_ITEMS_CLAIMED,
    "Situations or grounds claimed",
    "申请的情形"
);
s!(PR_VOTE, "Vote", "表决");
s!(PR_NO_ROUNDS, "No vote was taken.", "未进行表决。");
s!(PR_PUT, "Put to the vote", "表决事项");
s!(PR_MEMBER, "Member", "成员");
s!(PR_OPINION, "Opinion", "意见");
s!(PR_ORDER, "No.", "序号");
s!(
    PR_SECRET_COUNTS,
    "Secret ballot: counts only; who voted how is not recorded.",
    "无记名投票：只记票数，不记录个人表态。"
);
s!(PR_TALLY, "Tally", "计票");
s!(PR_MEMBERS, "Members", "人数");
s!(PR_CASE_QUORUM, "Case quorum", "本案法定人数");
s!(PR_PASS_RULE, "Pass rule", "通过规则");
s!(PR_RESULT, "Result", "结果");
s!(PR_PASSED, "Passed", "通过");
s!(PR_NOT_PASSED, "Not passed", "未通过");
s!(PR_ROUND_OPEN, "Not closed", "未结束");
s!(PR_VOIDED, "Voided", "作废");
s!(PR_CORRECTIONS, "Corrections", "表态更正");
s!(PR_OUTCOME, "Outcome", "处理结果");
s!(PR_BY_ROUND, "Decided by", "表决依据");
s!(PR_DECIDED_AT, "Decided at", "决定时间");
s!(PR_IN_ROOM, "In the room", "在场人员");
s!(
    PR_NO_DETERMINATION,
    "No determination recorded.",
    "未作决定。"
);
s!(
    PR_EARLIER_VERSIONS,
    "Earlier versions of the determination",
    "此前的决定版本"
);
s!(PR_RECONSIDERATION, "Reconsideration", "复议");
s!(PR_DECIDED_IN, "Decided before in meeting", "原决定会议");
s!(PR_AGREED_TO_RECONSIDER, "Agreed to reconsider", "同意复议");
s!(PR_AT, "At", "时间");
s!(PR_SIGNATURES, "Signatures", "签字");
s!(PR_SIGN, "Signature", "签名");
s!(PR_SIGN_DATE, "Date", "日期");
s!(PR_FINALIZATION, "Finalization", "定稿");
s!(PR_DIGEST, "Minutes digest", "记录摘要");
s!(PR_SEAL, "Seal", "封存摘要");
s!(PR_FINALIZED_BY, "Finalized by", "定稿人");
s!(PR_SYSTEM_USER, "System user", "系统用户");
s!(PR_FINALIZED_AT, "Finalized at", "定稿时间");
s!(
    PR_HOW_TO_VERIFY,
    "To check this paper against the minutes file: docket verify FILE\nor: sed '/^finalization:/,$d' FILE | sha256sum, which gives the minutes digest above, and sed '/^  seal: /,$d' FILE | sha256sum, the seal",
    "核对本件与会议记录文件：docket verify 文件\n或：sed '/^finalization:/,$d' 文件 | sha256sum，结果应与上列记录摘要一致；sed '/^  seal: /,$d' 文件 | sha256sum，应与封存摘要一致"
);
s!(
    PR_NOT_FINAL,
    "NOT FINALIZED: these minutes are still open and are not the official record.",
    "未定稿：本会议记录尚未定稿，不是正式记录。"
);
s!(
    PR_SEAL_BROKEN,
    "DIGESTS DO NOT MATCH: this file was changed after it was finalized.",
    "摘要不符：本文件在定稿后已被改动。"
);
s!(PR_NONE, "None.", "无。");
s!(PR_NOT_CLOSED, "not closed", "未结束");
s!(PR_PRODUCED, "Produced", "制表日期");
s!(PR_NO_PENDING, "No case is pending.", "暂无待审议案件。");
s!(
    PR_AGENDA_REFUSED,
    "No agenda printed: the panel has errors (above), and a case file that does not load would be missing from it.",
    "未生成议程：审议组文件有错误（见上），无法读取的案件会从议程中遗漏。"
);
s!(
    PR_SAT_ON_REVIEWED,
    "sat on the decision under review",
    "曾参与被复核案件的决定"
);

/// `label: value` in a line of its own, with the colon each language uses.
pub fn pr_labelled(label: &str, value: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{label}: {value}"),
        Lang::Zh => format!("{label}：{value}"),
    }
}

/// `a, b, c` or `a、b、c`.
pub fn pr_join(items: &[&str], lang: Lang) -> String {
    items.join(match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    })
}

/// Counts one after another: `Agree 3, Disagree 1` or `同意 3，不同意 1`.
pub fn pr_counts_join(items: &[&str], lang: Lang) -> String {
    items.join(match lang {
        Lang::En => ", ",
        Lang::Zh => "，",
    })
}

/// A remark after a text: `text (remark)` or `text（remark）`.
pub fn pr_aside(text: &str, remark: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{text} ({remark})"),
        Lang::Zh => format!("{text}（{remark}）"),
    }
}

pub fn pr_rules(id: &str, version: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{id}, version {version}"),
        Lang::Zh => format!("{id}（{version} 版）"),
    }
}

/// From one time to another, or from one time on while the meeting is open.
pub fn pr_span(from: &str, to: Option<&str>, lang: Lang) -> String {
    match (to, lang) {
        (Some(to), Lang::En) => format!("{from} to {to}"),
        (Some(to), Lang::Zh) => format!("{from} 至 {to}"),
        (None, Lang::En) => format!("from {from} ({})", PR_NOT_CLOSED.en),
        (None, Lang::Zh) => format!("{from} 起（{}）", PR_NOT_CLOSED.zh),
    }
}

pub fn pr_meeting_quorum(
    fraction: &str,
    voting: u32,
    present: u32,
    needed: u32,
    met: bool,
    lang: Lang,
) -> String {
    let verdict = if met {
        QUORUM_MET.get(lang)
    } else {
        QUORUM_NOT_MET.get(lang)
    };
    match lang {
        Lang::En => format!(
            "{fraction}: {voting} voting members, {present} present, {needed} needed; {verdict}"
        ),
        Lang::Zh => format!(
            "{fraction}：表决成员 {voting} 人，到会 {present} 人，须到会 {needed} 人；{verdict}"
        ),
    }
}

/// The members' numbers of a round: V, E, P, PE.
pub fn pr_counts(voting: u32, entitled: u32, present: u32, pe: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "V {voting} voting, E {entitled} entitled, P {present} present, PE {pe} present and entitled"
        ),
        Lang::Zh => format!(
            "表决成员 V={voting}，应到会 E={entitled}，到会 P={present}，到会且应到会 PE={pe}"
        ),
    }
}

pub fn pr_case_quorum(fraction: &str, of: u32, needed: u32, met: bool, lang: Lang) -> String {
    let verdict = if met {
        QUORUM_MET.get(lang)
    } else {
        QUORUM_NOT_MET.get(lang)
    };
    match lang {
        Lang::En => format!("{fraction} of E {of}: {needed} needed; {verdict}"),
        Lang::Zh => format!("应到会 {of} 人的 {fraction}，须 {needed} 人；{verdict}"),
    }
}

/// A pass rule in words.
pub fn pr_pass_rule(rule: crate::domain::pass_rule::PassRule, lang: Lang) -> &'static str {
    use crate::domain::pass_rule::PassRule;
    match (rule, lang) {
        (PassRule::MoreThanHalfOfEntitled, Lang::En) => {
            "more than half of the members entitled to attend agree"
        }
        (PassRule::MoreThanHalfOfEntitled, Lang::Zh) => "超过应到会成员半数同意",
        (PassRule::MoreThanHalfOfPresent, Lang::En) => {
            "more than half of the members present and entitled agree"
        }
        (PassRule::MoreThanHalfOfPresent, Lang::Zh) => "超过到会且应到会成员半数同意",
        (PassRule::MoreThanHalfOfVotesCast, Lang::En) => "more than half of the votes cast agree",
        (PassRule::MoreThanHalfOfVotesCast, Lang::Zh) => "超过所投票数半数同意",
        (PassRule::TwoThirdsOfEntitled, Lang::En) => {
            "two thirds of the members entitled to attend agree"
        }
        (PassRule::TwoThirdsOfEntitled, Lang::Zh) => "应到会成员三分之二以上同意",
    }
}

/// The pass rule with what it counts against and how many must agree.
pub fn pr_needed(
    rule: crate::domain::pass_rule::PassRule,
    base: u32,
    needed: u32,
    lang: Lang,
) -> String {
    let r = pr_pass_rule(rule, lang);
    match lang {
        Lang::En => format!("{r}: base {base}, {needed} agreeing needed"),
        Lang::Zh => format!("{r}：基数 {base}，须同意 {needed} 票"),
    }
}

pub fn pr_round(number: u32, void: bool, lang: Lang) -> String {
    match (void, lang) {
        (false, Lang::En) => format!("Round {number}"),
        (false, Lang::Zh) => format!("第{number}轮"),
        (true, Lang::En) => format!("Round {number} (void)"),
        (true, Lang::Zh) => format!("第{number}轮（已作废）"),
    }
}

/// Which round a determination follows, or none for a deferral.
pub fn pr_by_round(number: Option<u32>, lang: Lang) -> String {
    match (number, lang) {
        (Some(n), Lang::En) => format!("round {n}"),
        (Some(n), Lang::Zh) => format!("第{n}轮表决"),
        (None, Lang::En) => "none (no round passed)".into(),
        (None, Lang::Zh) => "无（无通过的表决）".into(),
    }
}

pub fn pr_correction(at: &str, name: &str, from: &str, to: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{at} {name}: {from} changed to {to}"),
        Lang::Zh => format!("{at} {name}：{from} 改为 {to}"),
    }
}

pub fn pr_version(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Version {n}"),
        Lang::Zh => format!("第{n}版"),
    }
}

pub fn pr_of(agree: u32, of: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{agree} of {of} members"),
        Lang::Zh => format!("{of} 名成员中 {agree} 名"),
    }
}

pub fn pr_case_heading(n: usize, id: &str, title: &str) -> String {
    format!("{n}. {id} {title}")
}

pub fn pr_case_count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{n} case{}", if n == 1 { "" } else { "s" }),
        Lang::Zh => format!("共 {n} 件"),
    }
}

/// The earlier case a review case reviews, with its decision when the minutes hold one.
pub fn pr_review_of(case: &str, decided: Option<(&str, &str)>, lang: Lang) -> String {
    match (decided, lang) {
        (None, _) => case.to_string(),
        (Some((meeting, outcome)), Lang::En) => {
            format!("{case} (decided in meeting {meeting}: {outcome})")
        }
        (Some((meeting, outcome)), Lang::Zh) => format!("{case}（{meeting} 会议决定：{outcome}）"),
    }
}

pub fn pr_minutes_unreadable(path: &str, message: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{path}: warning: these minutes cannot be read ({message}); the cases they decided may show as pending"
        ),
        Lang::Zh => {
            format!("{path}：警告：无法读取该会议记录（{message}）；其已决定的案件可能显示为待审议")
        }
    }
}

s!(PR_LABEL_MADE_AT, "Made at", "时间");
s!(PR_LABEL_BY, "By", "记录人");
s!(PR_LABEL_DIGEST, "Digest (SHA-256)", "摘要（SHA-256）");
s!(
    PR_OTHER_VERSIONS,
    "Other versions of the determination",
    "决定的其他版本"
);
s!(PR_WITHDRAWN, "Withdrawn", "已撤回");
s!(PR_VERSION, "Version", "版本");
s!(PR_WITHDRAWN_OPINIONS, "Opinions withdrawn", "撤回的意见");
s!(PR_AGREED_BY, "Members agreeing", "同意复议的成员");

/// A version of the determination, with `withdrawn` marked: `Version 1 (withdrawn)`.
pub fn pr_version_marked(n: usize, withdrawn: bool, lang: Lang) -> String {
    let v = pr_version(n, lang);
    if withdrawn {
        pr_aside(&v, WITHDRAWN.get(lang), lang)
    } else {
        v
    }
}

/// The quorum the rules set, under their name on the agenda.
pub fn pr_rules_quorum(quorum: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Quorum: {quorum} of the voting members present"),
        Lang::Zh => format!("法定人数：表决成员 {quorum} 以上到会"),
    }
}
