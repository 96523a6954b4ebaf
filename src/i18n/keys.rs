//! The keys' names in the help and the hint bar, and the frame every screen shares.
//!
//! The frame: the confirmation, the search box, a terminal too small, a part with more lines
//! below it.

use crate::domain::text::Lang;

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
