//! The queue and its triage, and the words for writing a new case or editing one.
//!
//! Triage: columns, a case's status, filters and sorts, the agenda, holds, what `u` undoes,
//! the panel picker.

use super::{S, q};
use crate::domain::text::Lang;
use crate::sanitize::escape;

pub fn status_pending(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "pending",
        Lang::Zh => "待审议",
    }
}

s!(QUEUE, "Queue", "案件队列");
s!(COL_ID, "Case", "编号");
s!(COL_KIND, "Kind", "类别");
s!(COL_SUBJECT, "Subject", "当事人");
s!(COL_UNIT, "Unit", "单位");
s!(COL_CLAIMED, "Claimed", "申请情形");
s!(COL_STATUS, "Status", "状态");
s!(ST_PENDING, "pending", "待审议");
s!(ST_DECIDED, "decided", "已决定");
s!(ST_DEFERRED, "deferred", "暂缓");
s!(ST_IN_MEETING, "in meeting", "审议中");

pub fn no_match(needle: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("No case matches {}", q(needle)),
        Lang::Zh => format!("没有匹配 {} 的案件", q(needle)),
    }
}

/// The queue when the text filter (`&`) lets no case through.
pub fn narrow_none(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("No case contains {}", q(text)),
        Lang::Zh => format!("没有案件包含 {}", q(text)),
    }
}

/// A case's status in words, as the queue and the piped queue say it.
pub fn status(st: crate::domain::standing::Status, lang: Lang) -> String {
    use crate::domain::standing::Status;
    match st {
        Status::Pending => ST_PENDING.get(lang).into(),
        Status::OnAgenda(n) => format!("{} {n}", ST_ON_AGENDA.get(lang)),
        Status::Held => ST_HELD.get(lang).into(),
        Status::InMeeting => ST_IN_MEETING.get(lang).into(),
        Status::Decided => ST_DECIDED.get(lang).into(),
        Status::Deferred => ST_DEFERRED.get(lang).into(),
    }
}

s!(
    NO_CASE_SHOWN,
    "No case is shown: change the filter (f) or the search (/).",
    "当前没有显示案件：请更换筛选（f）或搜索（/）。"
);
s!(
    FILTER_CLEARED_FOR_MATCH,
    "The match was hidden by the filter: showing all cases.",
    "匹配的案件被筛选隐藏：已显示全部案件。"
);

/// One triage act taken back by `u`, named by its case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Undone {
    AgendaAdded(String),
    AgendaRemoved(String),
    AgendaOrder,
    Held(String),
    Released(String),
    Incomplete(String),
    Complete(String),
}

/// `u`'s message: what was undone.
pub fn undone(what: &[Undone], lang: Lang) -> String {
    use Undone as U;
    let zh = lang == Lang::Zh;
    let parts: Vec<String> = what
        .iter()
        .map(|u| {
            let (en, zh_text) = match u {
                U::AgendaAdded(c) => (
                    format!("{} put on the agenda", escape(c)),
                    format!("将 {} 列入议程", escape(c)),
                ),
                U::AgendaRemoved(c) => (
                    format!("{} taken off the agenda", escape(c)),
                    format!("将 {} 移出议程", escape(c)),
                ),
                U::AgendaOrder => ("the agenda's order".into(), "议程顺序的调整".into()),
                U::Held(c) => (
                    format!("{} held back", escape(c)),
                    format!("{} 暂不上会", escape(c)),
                ),
                U::Released(c) => (
                    format!("{} released from its hold", escape(c)),
                    format!("{} 取消暂不上会", escape(c)),
                ),
                U::Incomplete(c) => (
                    format!("{} marked incomplete", escape(c)),
                    format!("{} 标记材料待补", escape(c)),
                ),
                U::Complete(c) => (
                    format!("{} marked complete", escape(c)),
                    format!("{} 取消材料待补", escape(c)),
                ),
            };
            if zh { zh_text } else { en }
        })
        .collect();
    if zh {
        format!("已撤销：{}。", parts.join("；"))
    } else {
        format!("Undone: {}.", parts.join("; "))
    }
}

pub fn broken_cases(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("{n} problems in case files: those cases are left out. Run `docket check`.")
        }
        Lang::Zh => format!("案件文件有 {n} 处错误，相关案件未载入。请运行 `docket check`。"),
    }
}

s!(
    PICK_PANEL,
    "Choose a panel (Enter opens, q quits)",
    "选择审议组（Enter 打开，q 退出）"
);
s!(
    TRIAGE_DECIDED,
    "This case is decided: it does not go on an agenda (reconsidering needs a meeting).",
    "本案已作决定，不列入议程（复议须在会上提出）。"
);
s!(
    TRIAGE_HELD,
    "This case is held back: release it with x first.",
    "本案暂不上会：请先按 x 取消。"
);
s!(
    TRIAGE_NOT_ON_AGENDA,
    "This case is not on the agenda (a puts it there).",
    "本案不在议程中（按 a 列入）。"
);
s!(
    TRIAGE_NOTHING_TO_UNDO,
    "Nothing to undo.",
    "没有可撤销的操作。"
);
s!(TRIAGE_AGENDA_EMPTY, "The agenda is empty.", "议程为空。");
s!(
    TRIAGE_AGENDA_END,
    "No further case on the agenda.",
    "议程中没有更多案件。"
);
s!(ST_ON_AGENDA, "agenda", "议程");
s!(ST_HELD, "held", "暂不上会");
s!(ST_INCOMPLETE, "incomplete", "材料待补");
s!(REVIEWING, "review", "复核");
s!(REVIEWED, "reviewed", "被复核");
s!(
    HOLD_REASON,
    "Hold back from meetings: reason",
    "暂不上会的原因"
);
s!(
    INCOMPLETE_NOTE,
    "Materials incomplete: what is missing",
    "材料待补：缺少什么"
);
s!(FILTER, "filter", "筛选");
s!(SORT, "sort", "排序");

pub fn filter_name(f: crate::domain::queue::Filter, lang: Lang) -> &'static str {
    use crate::domain::queue::Filter::*;
    let s = match f {
        All => S {
            en: "all",
            zh: "全部",
        },
        Pending => S {
            en: "pending",
            zh: "待审议",
        },
        OnAgenda => S {
            en: "on agenda",
            zh: "议程",
        },
        Held => S {
            en: "held",
            zh: "暂不上会",
        },
        Incomplete => S {
            en: "incomplete",
            zh: "材料待补",
        },
        Decided => S {
            en: "decided",
            zh: "已决定",
        },
        Deferred => S {
            en: "deferred",
            zh: "暂缓",
        },
        UnderReview => S {
            en: "under review",
            zh: "复核中",
        },
    };
    s.get(lang)
}

pub fn sort_name(s: crate::domain::queue::Sort, lang: Lang) -> &'static str {
    use crate::domain::queue::Sort::*;
    let t = match s {
        Received => S {
            en: "received",
            zh: "收到日期",
        },
        Id => S {
            en: "id",
            zh: "编号",
        },
        Unit => S {
            en: "unit",
            zh: "单位",
        },
        Agenda => S {
            en: "agenda order",
            zh: "议程顺序",
        },
        Kind => S {
            en: "kind",
            zh: "类别",
        },
    };
    t.get(lang)
}

pub fn agenda_ordered(steps: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Agenda ordered: members step out or back in {steps} times in all."),
        Lang::Zh => format!("议程已优化：成员回避离场、返场共 {steps} 人次。"),
    }
}

// New and edited cases.
s!(LINE, "line", "第");
s!(
    CASE_CHANGED_SINCE_OPENED,
    "This case's file changed after docket listed it: quit and reopen docket to read it.",
    "本案文件在 docket 列出之后被改动：请退出并重新打开 docket 后再阅。"
);
s!(
    CASE_SAVED,
    "Case saved and checked.",
    "案件已保存并通过检查。"
);
s!(
    CASE_ABANDONED,
    "Nothing written: the edit was abandoned.",
    "未写入：已放弃编辑。"
);
s!(
    CASE_DECIDED_EDIT,
    "This case was already decided: editing its file changes nothing in the minutes, which keep the version they decided on. Edit it anyway?",
    "本案已作决定：修改案件文件不会改变会议记录，记录保留决定时的版本。仍要修改吗？"
);

pub fn case_id_taken(id: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("case id {} is already used by another case", q(id)),
        Lang::Zh => format!("案件编号 {} 已被其他案件使用", q(id)),
    }
}

pub fn case_id_unfit(id: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "case id {} cannot be a file name (no spaces, slashes or leading dot)",
            q(id)
        ),
        Lang::Zh => format!(
            "案件编号 {} 不能用作文件名（不能含空格、斜杠或以点开头）",
            q(id)
        ),
    }
}

pub fn case_drafted(path: &std::path::Path, lang: Lang) -> String {
    let p = escape(&path.display().to_string()).into_owned();
    match lang {
        Lang::En => format!(
            "Nothing written into cases/: the case still had problems. Your text is kept in {p}"
        ),
        Lang::Zh => format!("未写入 cases/：案件仍有问题。所填内容已保存在 {p}"),
    }
}

/// The first line of a new case given up earlier and offered again by `+`.
pub fn case_draft_offered(lang: Lang) -> &'static str {
    match lang {
        Lang::En => {
            "The case you gave up earlier, with its problems. Empty the file to discard it."
        }
        Lang::Zh => "这是此前放弃的案件及其问题。清空文件即可丢弃。",
    }
}

/// A case's summary as shown; for a case whose file changed after it was listed, why there
/// is none, in both languages (it reaches the printed agenda as well as the screen).
pub fn case_summary(case: &crate::domain::case::Case) -> std::borrow::Cow<'_, str> {
    if case.changed_since_listed() {
        format!(
            "{} / {}",
            CASE_CHANGED_SINCE_OPENED.get(Lang::Zh),
            CASE_CHANGED_SINCE_OPENED.get(Lang::En)
        )
        .into()
    } else {
        case.summary().into()
    }
}

// The first lines of a new case's file, as YAML comments.
s!(
    NEW_CASE_TEMPLATE_HEAD,
    "# A new case. Fill it in, save and quit; quit without saving, or empty it, to abandon.\n# Every field is explained in docs/formats.md.",
    "# 新案件。填写后保存并退出；不保存或清空则放弃。字段说明见 docs/formats.md。"
);
