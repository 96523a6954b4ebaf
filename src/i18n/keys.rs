//! The keys' names in the help and the hint bar, and the frame every screen shares.
//!
//! The frame: the confirmation, the search box, a terminal too small, a part with more lines
//! below it. Also the settings' `keys:` entries docket cannot honour.

use std::path::Path;

use crate::config::{NotKey, Place, SettingsProblem, SettingsWhy};
use crate::domain::text::Lang;
use crate::sanitize::escape;

use super::q;

s!(
    TOO_SMALL,
    "Terminal too small (need 80x24)",
    "终端窗口太小（至少 80x24）"
);
s!(HELP, "Keys", "按键");
s!(CONFIRM, "Confirm", "确认");
s!(
    CONFIRM_HINT,
    "y: yes   any other key: no",
    "y：确认   其他键：取消"
);
s!(SEARCH, "Search", "搜索");
s!(K_DOWN, "down", "下移");
s!(K_UP, "up", "上移");
s!(K_TOP, "first", "首行");
s!(K_BOTTOM, "last", "末行");
s!(K_PAGE_DOWN, "page down", "下翻页");
s!(K_PAGE_UP, "page up", "上翻页");
s!(K_OPEN, "open", "打开");
s!(K_SEARCH, "search", "搜索");
s!(K_SEARCH_NEXT, "next match", "下一个匹配");
s!(K_SEARCH_PREV, "previous match", "上一个匹配");
s!(K_MEETING, "meeting, roll call", "开会/点名");
s!(K_FINALIZE, "finalize", "定稿");
s!(K_QUIT, "quit", "退出");
s!(K_LANG, "language", "切换语言");
s!(K_HELP, "help", "帮助");
s!(K_PART, "next part", "下一部分");
s!(K_PART_BACK, "previous part", "上一部分");
s!(K_CASE_DOWN, "next distinction / scroll", "下一区分 / 滚动");
s!(
    K_CASE_UP,
    "previous distinction / scroll",
    "上一区分 / 滚动"
);
s!(K_TOLERABLE, "tolerable", "可容错");
s!(K_NOT_TOLERABLE, "not tolerable", "不予容错");
s!(K_CLEAR, "clear finding", "清除认定");
s!(K_BASIS, "basis", "依据");
s!(K_ITEM, "find situation", "认定情形");
s!(K_RECUSE, "recusal", "回避");
s!(K_PRESENTER, "presenter", "汇报人");
s!(K_PROPOSAL, "proposal", "拟处理意见");
s!(K_VOTE, "vote", "表决");
s!(K_CLOSE_ROUND, "close round", "结束本轮");
s!(K_VOID, "void round", "作废本轮");
s!(K_DETERMINE, "determine", "决定");
s!(K_BACK, "back", "返回");
s!(K_VOTER_DOWN, "next member", "下一成员");
s!(K_VOTER_UP, "previous member", "上一成员");
s!(K_AGREE, "agree", "同意");
s!(K_DISAGREE, "disagree", "不同意");
s!(K_DEFER, "defer", "缓议");
s!(K_ABSTAIN, "abstain", "弃权");
s!(K_PRESENT, "present/absent", "到会/缺席");
s!(K_REASON, "absence reason", "缺席原因");
s!(K_ATTENDEE, "add attendee", "添加列席");
s!(K_ACTING, "acting chair", "代主持人");
s!(K_METHOD, "method", "表决方式");
s!(K_METHOD_PREV, "previous method", "上一表决方式");
s!(K_OPEN_MEETING, "open meeting", "开始会议");
s!(K_CLOSE, "close", "关闭");
s!(K_ACCEPT, "accept", "确定");
s!(K_CANCEL, "cancel", "取消");
s!(K_EDITOR, "editor", "编辑器");
s!(K_FIELD, "next field", "下一栏");
s!(K_CHOOSE, "choose (Up/Down)", "选择（上下键）");
s!(K_YES, "yes", "确认");
s!(K_NO, "no", "取消");
s!(
    K_VOTE_METHOD,
    "vote by another method",
    "选择表决方式后表决"
);
s!(K_MARK, "mark / unmark", "选中/取消");
s!(K_CLEAR_FIELD, "empty the field", "清空本栏");
s!(
    K_QUIT_CONFIRM,
    "y quit  any other key: stay",
    "y 退出  其他键：留下"
);
s!(
    K_QUIT_ONLY,
    "quit (nothing else acts until the terminal is larger)",
    "退出（终端放大前其他按键不起作用）"
);
s!(
    DISCARD_TYPED,
    "Throw away what was typed in this form?",
    "放弃本表中已输入的内容？"
);
s!(
    DISCARDED,
    "Discarded: nothing was recorded.",
    "已放弃，未作记录。"
);

/// A key's name as shown in help and hints; only the pseudo-key "any other key" differs.
pub fn key_label(key: &str, lang: Lang) -> &str {
    match (key, lang) {
        ("Other", Lang::En) => "other keys",
        ("Other", Lang::Zh) => "其他键",
        (k, _) => k,
    }
}

s!(K_RECONSIDER, "reconsider", "复议");
s!(K_APPLY_ROLL, "record attendance", "确认到会情况");
s!(K_ITEM_GROUND, "find ground", "认定情形");
s!(K_FIELD_BACK, "previous field", "上一栏");
s!(K_CHOOSE_PREV, "choose (up)", "选择（上）");
s!(K_AGENDA, "agenda on/off", "列入/移出议程");
s!(K_AGENDA_DOWN, "later on the agenda", "议程中后移");
s!(K_AGENDA_UP, "earlier on the agenda", "议程中前移");
s!(K_HOLD, "hold back / release", "暂不上会/取消");
s!(K_INCOMPLETE, "materials incomplete", "材料待补");
s!(K_FILTER, "filter", "筛选");
s!(K_NARROW, "narrow to text", "文字筛选");
s!(K_SORT, "sort", "排序");
s!(K_UNDO, "undo", "撤销");
s!(
    K_ORDER,
    "order the agenda by recusals",
    "按回避优化议程顺序"
);
s!(K_NEXT_AGENDA, "next on the agenda", "议程下一案");
s!(K_PREV_AGENDA, "previous on the agenda", "议程上一案");
s!(K_NEW_CASE, "new case", "新建案件");
s!(K_EDIT_CASE, "edit case", "编辑案件");
s!(K_CORRECT, "correct finalized minutes", "更正已定稿记录");
s!(K_REPORT, "supervision report", "督查统计");

// Issue 11, item 6: a part whose text runs past its height says so, in ASCII (a triangle
// or an arrow may take two columns in a CJK terminal and shift the border).

/// The last row of a part whose text continues below it.
pub fn more_lines(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::En, 1) => "v 1 more line".into(),
        (Lang::En, _) => format!("v {n} more lines"),
        (Lang::Zh, _) => format!("v 还有 {n} 行"),
    }
}

// Issue 15: a `keys:` entry docket cannot honour is said with its file, line and column.

/// A settings entry docket cannot honour, as `file:line:col: why`; the file under the home
/// folder is written `~/…`.
pub fn settings_problem(p: &SettingsProblem, lang: Lang) -> String {
    format!(
        "{}:{}:{}: {}",
        home_short(&p.path),
        p.line,
        p.col,
        settings_why(&p.why, lang)
    )
}

/// The screen's note on opening: the first problem, with the file's name alone so that it
/// fits the message line, and how many more `docket config` lists.
pub fn settings_problems_note(problems: &[SettingsProblem], lang: Lang) -> Option<String> {
    let p = problems.first()?;
    let name = p.path.file_name().unwrap_or(p.path.as_os_str());
    let name = escape(&name.to_string_lossy()).into_owned();
    let why = settings_why(&p.why, lang);
    let (line, col, n) = (p.line, p.col, problems.len());
    // With several, where to read them all comes first: the end of the line may be cut.
    Some(match (n, lang) {
        (1, _) => format!("{name}:{line}:{col}: {why}"),
        (_, Lang::En) => format!("{name}: {n} problems, see docket config; {line}:{col}: {why}"),
        (_, Lang::Zh) => format!("{name}：{n} 处问题，见 docket config；{line}:{col}：{why}"),
    })
}

fn home_short(path: &Path) -> String {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty() && h != "/");
    let shown = match home.as_ref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    };
    escape(&shown).into_owned()
}

fn settings_why(why: &SettingsWhy, lang: Lang) -> String {
    use Lang::{En, Zh};
    match (why, lang) {
        (SettingsWhy::Yaml(m), _) => super::msg(m, lang),
        (SettingsWhy::KeysNotMap, En) => {
            "`keys` must map action names to keys, e.g. `search: [\"/\"]`; not applied".into()
        }
        (SettingsWhy::KeysNotMap, Zh) => {
            "`keys` 应为操作名到按键的映射，如 `search: [\"/\"]`；未采用".into()
        }
        (SettingsWhy::NotKeys(name), En) => format!(
            "the keys of {} must be a list such as [\"/\", \"S\"]; not applied",
            q(name)
        ),
        (SettingsWhy::NotKeys(name), Zh) => {
            format!("{} 的按键应写成列表，如 [\"/\", \"S\"]；未采用", q(name))
        }
        (SettingsWhy::UnknownAction { name, near }, En) => match near {
            Some(n) => format!("unknown action {} (did you mean {}?)", q(name), q(n)),
            None => format!(
                "unknown action {}; ? in docket shows each key's action",
                q(name)
            ),
        },
        (SettingsWhy::UnknownAction { name, near }, Zh) => match near {
            Some(n) => format!("未知的操作名 {}（是否应为 {}？）", q(name), q(n)),
            None => format!(
                "未知的操作名 {}；在 docket 中按 ? 可查看各键的操作名",
                q(name)
            ),
        },
        (SettingsWhy::Fixed(name), En) => format!(
            "the keys of {} cannot be changed: {}",
            q(name),
            if name == "item" {
                "the digits 1-9 pick an item"
            } else {
                "only y confirms, any other key cancels"
            }
        ),
        (SettingsWhy::Fixed(name), Zh) => format!(
            "{} 的按键不可更改：{}",
            q(name),
            if name == "item" {
                "数字 1-9 用于选择条目"
            } else {
                "只有 y 确认，其他键均为取消"
            }
        ),
        (SettingsWhy::NotAKey { key, why }, _) => not_a_key(key, why, lang),
        (
            SettingsWhy::Clash {
                key,
                place: p,
                wins,
                loses,
            },
            En,
        ) => format!(
            "{} is bound to both {} and {} in {}: only {} acts",
            q(key),
            q(wins),
            q(loses),
            place(*p, En),
            q(wins)
        ),
        (
            SettingsWhy::Clash {
                key,
                place: p,
                wins,
                loses,
            },
            Zh,
        ) => format!(
            "{} 在{}中同时绑定了 {} 和 {}：只有 {} 起作用",
            q(key),
            place(*p, Zh),
            q(wins),
            q(loses),
            q(wins)
        ),
        (SettingsWhy::Typed { key, action }, En) => format!(
            "{} for {} is typed as text in a text field, so it does not act there",
            q(key),
            q(action)
        ),
        (SettingsWhy::Typed { key, action }, Zh) => format!(
            "{}（{}）在文本框中作为文字输入，在那里不起作用",
            q(key),
            q(action)
        ),
    }
}

fn not_a_key(key: &str, why: &NotKey, lang: Lang) -> String {
    use Lang::{En, Zh};
    match (why, lang) {
        (NotKey::Empty, En) => "an empty text is not a key".into(),
        (NotKey::Empty, Zh) => "空文本不是按键".into(),
        (NotKey::CtrlNotLetter, En) => format!(
            "{} is not a key: Ctrl- takes one letter, as in `Ctrl-d`",
            q(key)
        ),
        (NotKey::CtrlNotLetter, Zh) => {
            format!("{} 不是按键：Ctrl- 后应接一个字母，如 `Ctrl-d`", q(key))
        }
        (NotKey::CtrlC, En) => format!("{} cannot be bound: it always quits docket", q(key)),
        (NotKey::CtrlC, Zh) => format!("{} 不可绑定：它总是退出 docket", q(key)),
        (NotKey::Unknown { near: Some(n) }, En) => {
            format!("{} is not a key (did you mean {}?)", q(key), q(n))
        }
        (NotKey::Unknown { near: Some(n) }, Zh) => {
            format!("{} 不是按键（是否应为 {}？）", q(key), q(n))
        }
        (NotKey::Unknown { near: None }, En) => format!(
            "{} is not a key: a key is one character, Ctrl-<letter>, or a name such as Enter, Esc, Space, PageDown",
            q(key)
        ),
        (NotKey::Unknown { near: None }, Zh) => format!(
            "{} 不是按键：按键应为单个字符、Ctrl-<字母>，或 Enter、Esc、Space、PageDown 等键名",
            q(key)
        ),
    }
}

fn place(p: Place, lang: Lang) -> &'static str {
    match (p, lang) {
        (Place::Queue, Lang::En) => "the queue",
        (Place::Queue, Lang::Zh) => "案件队列",
        (Place::Case, Lang::En) => "a case",
        (Place::Case, Lang::Zh) => "案件页",
        (Place::Vote, Lang::En) => "a vote",
        (Place::Vote, Lang::Zh) => "表决",
        (Place::RollCall, Lang::En) => "the roll call",
        (Place::RollCall, Lang::Zh) => "点名",
        (Place::Help, Lang::En) => "the help",
        (Place::Help, Lang::Zh) => "帮助",
        (Place::Report, Lang::En) => "the report",
        (Place::Report, Lang::Zh) => "督查统计",
        (Place::TextField, Lang::En) => "a text field",
        (Place::TextField, Lang::Zh) => "文本框",
        (Place::List, Lang::En) => "a list",
        (Place::List, Lang::Zh) => "列表",
        (Place::TooSmall, Lang::En) => "the too-small screen",
        (Place::TooSmall, Lang::Zh) => "窗口过小提示",
    }
}
