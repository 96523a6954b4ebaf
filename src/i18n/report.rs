//! `docket report`: figures across the minutes, for supervision (督促检查).

use crate::domain::text::Lang;
use crate::sanitize::escape;

s!(REPORT_SEC_OVERVIEW, "Overview", "概况");
s!(REPORT_SEC_KINDS, "Cases by kind", "按案件类别");
s!(REPORT_SEC_UNITS, "Cases by unit", "按所在单位");
s!(REPORT_SEC_MONTHS, "Cases by month decided", "按决定月份");
s!(
    REPORT_SEC_DAYS,
    "Days from receipt to decision (deferrals left out)",
    "受理至作出决定的天数（不含暂缓）"
);
s!(REPORT_COL_FIGURE, "Figure", "项目");
s!(REPORT_COL_NUMBER, "Number", "数值");
s!(REPORT_COL_KIND, "Kind", "类别");
s!(REPORT_COL_CASES, "Cases", "件数");
s!(REPORT_COL_OUTCOME, "Outcome", "处理结果");
s!(REPORT_COL_FOUND, "Found", "认定");
s!(REPORT_COL_CLAIMED, "Claimed", "申请");
s!(REPORT_COL_UNIT, "Unit", "单位");
s!(REPORT_COL_MONTH, "Month", "月份");
s!(REPORT_COL_ID, "No.", "编号");
s!(
    REPORT_ROW_CASES,
    "Cases with a determination",
    "作出决定的案件"
);
s!(
    REPORT_ROW_DEFERRED,
    "Deferred (current outcome)",
    "暂缓（现行结果）"
);
s!(REPORT_ROW_REVIEWING, "Review cases (复核)", "复核案件");
s!(
    REPORT_ROW_REVIEWED,
    "Reviewed by a later case",
    "被复核的案件"
);
s!(
    REPORT_ROW_OVERRIDDEN,
    "Lenient despite a not-tolerable finding",
    "有不予容错认定仍从宽（附理由）"
);
s!(REPORT_ROW_RECONSIDERED, "Reconsidered (复议)", "复议案件");
s!(REPORT_ROW_MINUTES, "Minutes files read", "读取的会议记录");
s!(REPORT_ROW_NOT_FINAL, "of which not finalized", "其中未定稿");
s!(REPORT_ROW_NO_FILE, "Case file gone", "案件文件缺失");
s!(
    REPORT_ROW_BAD_DATE,
    "Left out: decision time unreadable",
    "未计入：决定时间无法识别"
);
s!(
    REPORT_ROW_MEDIAN,
    "Median (even count: lower middle)",
    "中位数（偶数个取较小者）"
);
s!(REPORT_ROW_MAX, "Longest", "最长");
s!(REPORT_ROW_COUNTED, "Cases counted", "计入案件");
s!(
    REPORT_ROW_SKIPPED,
    "Not counted: case file gone",
    "未计入：案件文件缺失"
);
s!(
    REPORT_NO_CASES,
    "No case has a determination in this period.",
    "本期间没有作出决定的案件。"
);
s!(REPORT_CSV_SECTION, "section", "部分");
s!(REPORT_CSV_KEY, "key", "键");
s!(REPORT_CSV_LABEL, "label", "名称");
s!(REPORT_CSV_COUNT, "count", "数量");
s!(REPORT_CSV_EXTRA, "extra", "附加");

pub fn report_title(panel: &str, lang: Lang) -> String {
    let p = escape(panel);
    match lang {
        Lang::En => format!("{p}: case report"),
        Lang::Zh => format!("{p}案件统计"),
    }
}

pub fn report_period(
    from: Option<jiff::civil::Date>,
    to: Option<jiff::civil::Date>,
    lang: Lang,
) -> String {
    match (from, to, lang) {
        (None, None, Lang::En) => "Period: all dates (by date decided)".into(),
        (None, None, Lang::Zh) => "期间：全部（按决定日期）".into(),
        (Some(f), None, Lang::En) => format!("Period: decided on or after {f}"),
        (Some(f), None, Lang::Zh) => format!("期间：{f} 起（按决定日期）"),
        (None, Some(t), Lang::En) => format!("Period: decided on or before {t}"),
        (None, Some(t), Lang::Zh) => format!("期间：截至 {t}（按决定日期）"),
        (Some(f), Some(t), Lang::En) => format!("Period: decided {f} to {t}"),
        (Some(f), Some(t), Lang::Zh) => format!("期间：{f} 至 {t}（按决定日期）"),
    }
}

pub fn report_sec_outcomes(kind: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Outcomes: {kind}"),
        Lang::Zh => format!("处理结果：{kind}"),
    }
}

/// Situations for tolerance, grounds for adjustment; a kind the rules lost says neither.
pub fn report_sec_items(
    noun: Option<crate::domain::rules::ItemNoun>,
    kind: &str,
    lang: Lang,
) -> String {
    use crate::domain::rules::ItemNoun::{Ground, Situation};
    match (noun, lang) {
        (Some(Situation), Lang::En) => format!("Situations found and claimed: {kind}"),
        (Some(Situation), Lang::Zh) => format!("认定与申请的容错情形：{kind}"),
        (Some(Ground), Lang::En) => format!("Grounds found and claimed: {kind}"),
        (Some(Ground), Lang::Zh) => format!("认定与申请的调整情形：{kind}"),
        (None, Lang::En) => format!("Situations or grounds found and claimed: {kind}"),
        (None, Lang::Zh) => format!("认定与申请的情形：{kind}"),
    }
}

pub fn report_col_item(noun: Option<crate::domain::rules::ItemNoun>, lang: Lang) -> &'static str {
    use crate::domain::rules::ItemNoun::{Ground, Situation};
    match (noun, lang) {
        (Some(Situation), Lang::En) => "Situation",
        (Some(Ground), Lang::En) => "Ground",
        (None, Lang::En) => "Situation or ground",
        (_, Lang::Zh) => "情形",
    }
}

pub fn report_minutes_skipped(file: &str, line: u32, col: u32, msg: &str, lang: Lang) -> String {
    let f = escape(file);
    let m = escape(msg);
    match lang {
        Lang::En => {
            format!("{f}:{line}:{col}: error: {m} (these minutes are left out of the report)")
        }
        Lang::Zh => format!("{f}:{line}:{col}: 错误: {m}（本份会议记录未计入统计）"),
    }
}

pub fn report_bad_decided_at(meeting: &str, case: &str, value: &str, lang: Lang) -> String {
    let (m, c, v) = (escape(meeting), escape(case), escape(value));
    match lang {
        Lang::En => format!(
            "meeting {m}, case {c}: decided_at `{v}` is not an RFC 3339 time; the case is left out of the report"
        ),
        Lang::Zh => {
            format!("会议 {m} 案件 {c}：决定时间 `{v}` 不是 RFC 3339 格式，该案件未计入统计")
        }
    }
}

pub fn report_bad_date(flag: &str, value: &str, lang: Lang) -> String {
    let v = escape(value);
    match lang {
        Lang::En => format!(
            "docket report: {flag} `{v}` is not a date: write YYYY-MM-DD, a real calendar day, e.g. 2026-11-20"
        ),
        Lang::Zh => format!(
            "docket report：{flag} `{v}` 不是有效日期，请写作 YYYY-MM-DD（须为实有日期），例如 2026-11-20"
        ),
    }
}

pub fn report_reversed(from: jiff::civil::Date, to: jiff::civil::Date, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "docket report: --from {from} is after --to {to}: no decision could fall in that period"
        ),
        Lang::Zh => format!("docket report：--from {from} 晚于 --to {to}，该期间不可能有任何决定"),
    }
}

pub fn report_several_panels(dir: &str, lang: Lang) -> String {
    let d = escape(dir);
    match lang {
        Lang::En => format!("docket report: {d} holds several panels: name one panel folder"),
        Lang::Zh => format!("docket report：{d} 下有多个审议组，请指定其中一个审议组文件夹"),
    }
}

pub fn report_case_problems(errors: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{errors} error{} in the case files (run `docket check` to see them); cases whose file did not load count as having no case file",
            if errors == 1 { "" } else { "s" }
        ),
        Lang::Zh => format!(
            "案件文件中有 {errors} 处错误（运行 `docket check` 查看）；未能读取的案件按案件文件缺失处理"
        ),
    }
}

s!(REPORT_TITLE_SCREEN, "Supervision report", "督查统计");
s!(
    REPORT_ROW_HELD,
    "held back from meetings (now)",
    "暂不上会（当前）"
);
s!(
    REPORT_ROW_CORRECTIONS,
    "corrections to finalized minutes",
    "已定稿记录的更正"
);
